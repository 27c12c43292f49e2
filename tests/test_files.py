"""Files the commands write get the mode a file there should have, whoever reads them next."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from feeds.revisions import ledger_path


def _feeds(*args: str, umask: int = 0o022) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "feeds", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(umask),
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_import_writes_a_new_file_with_the_umask_s_mode(tmp_path, umask, mode):
    output = tmp_path / "data" / "new.yaml"
    source = FIXTURES / "oewg-ict-s2.source.txt"
    result = _feeds("import", str(source), "-o", str(output), umask=umask)
    assert result.returncode == 0, result.stderr
    assert _mode(output) == mode
    assert sorted(p.name for p in output.parent.iterdir()) == ["new.yaml"]


def test_import_with_force_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    output = tmp_path / "new.yaml"
    output.write_text("old")
    output.chmod(0o664)
    result = _feeds(
        "import", str(FIXTURES / "oewg-ict-s2.source.txt"), "-o", str(output), "--force"
    )
    assert result.returncode == 0, result.stderr
    assert _mode(output) == 0o664 and output.read_text() != "old"


def test_stamp_writes_a_new_revisions_file_0644_and_keeps_an_existing_one_s_mode(geneva):
    ledger = ledger_path(geneva)
    assert not ledger.exists()
    assert _feeds("stamp", str(geneva), "--at", "2024-01-02T03:04:05Z").returncode == 0
    assert _mode(ledger) == 0o644
    ledger.chmod(0o640)
    geneva.write_text(geneva.read_text().replace("start: 10:00", "start: 10:30", 1))
    result = _feeds("stamp", str(geneva), "--at", "2024-01-03T03:04:05Z")
    assert result.returncode == 0, result.stderr
    assert "2024-01-03T03:04:05Z" in ledger.read_text()
    assert _mode(ledger) == 0o640
    assert [p.name for p in geneva.parent.iterdir() if p.name.startswith(".")] == []
