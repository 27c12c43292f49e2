"""CI's script: the README's test command, its exit status, and the screenshots it keeps.

Run in a copy of the repository's layout where `tests/install` does nothing and `python3`
stands in for pytest: it leaves screenshots where the browser tests would and ends with
the status it is given.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from conftest import ROOT

FAKE_PYTEST = """#!/usr/bin/env bash
# Stands in for `python3 -m pytest`: a screenshot per name in $SHOTS, then $STATUS.
[ "$*" = "-m pytest" ] || exit 99
mkdir -p "$FEEDS_SCREENS"
for name in $SHOTS; do printf 'png' > "$FEEDS_SCREENS/$name.png"; done
exit "$STATUS"
"""


def _run_ci(tmp_path: Path, status: int, shots: str) -> tuple[subprocess.CompletedProcess, Path]:
    repo = tmp_path / "clone"
    (repo / ".ci").mkdir(parents=True)
    (repo / "tests").mkdir()
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    (repo / "tests" / "install").write_text("true\n")
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "python3"
    fake.write_text(FAKE_PYTEST)
    fake.chmod(0o755)
    env = {
        "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}",
        "STATUS": str(status),
        "SHOTS": shots,
        "FEEDS_SCREENS": str(tmp_path / "elsewhere"),  # CI keeps them in the clone
    }
    result = subprocess.run(
        ["bash", str(repo / ".ci" / "run")], capture_output=True, text=True, env=env, check=False
    )
    return result, repo


@pytest.mark.parametrize("status", [0, 1])
def test_ci_packs_the_screenshots_and_says_where_they_are(tmp_path, status):
    result, repo = _run_ci(tmp_path, status, "zh-phone ar-phone front-ru-phone")
    assert result.returncode == status
    screens = repo / "test-artifacts" / "screens"
    assert result.stdout.splitlines()[-1] == (
        f"screenshots: 3 in {screens}, packed in {repo / 'test-artifacts' / 'screens.tar.gz'}"
    )
    with tarfile.open(repo / "test-artifacts" / "screens.tar.gz") as packed:
        names = sorted(packed.getnames())
    assert names == [
        "screens",
        "screens/ar-phone.png",
        "screens/front-ru-phone.png",
        "screens/zh-phone.png",
    ]
    assert not (tmp_path / "elsewhere").exists()


def test_ci_without_screenshots_keeps_pytest_s_status(tmp_path):
    result, repo = _run_ci(tmp_path, 5, "")
    assert result.returncode == 5
    screens = repo / "test-artifacts" / "screens"
    assert result.stdout.splitlines()[-1] == f"screenshots: none in {screens}"
    assert not (repo / "test-artifacts" / "screens.tar.gz").exists()
