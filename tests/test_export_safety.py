"""feeds build under pressure: builds of one folder at once, a link for a folder, a bad address."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from feeds.cli import cli
from feeds.export import MARKER
from generate import generate

# Waits for GO to exist, then builds OUT from DATA with the CLI, blind to the other builds'
# processes, as in two containers sharing a volume: with `same-pid`, every process running it
# gets the same PID from os.getpid; with `all-dead`, every other process looks dead to kill(pid, 0).
DRIVER = """
import os, sys, time
from pathlib import Path
from feeds.cli import main

go, out, data, blind = sys.argv[1:5]
if blind == "same-pid":
    os.getpid = lambda: 4242
else:
    kill = os.kill

    def kill_blind(pid, signal):
        if signal == 0 and pid != os.getpid():
            raise ProcessLookupError(pid)
        kill(pid, signal)

    os.kill = kill_blind
while not Path(go).exists():
    time.sleep(0.001)
main(["build", out, "--data", data])
"""


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _build(data: Path, out: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "feeds", "build", str(out), "--data", str(data)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture
def larger(tmp_path, bundled_copy) -> tuple[Path, dict[str, bytes]]:
    """Data that takes a build a while to write, and the tree a build of it alone writes."""
    generate(bundled_copy, 3, 5, 4, ["zh", "en"])
    alone = tmp_path / "elsewhere" / "site"
    assert _build(bundled_copy, alone).returncode == 0
    return bundled_copy, _tree(alone)


def _start(go: Path, out: Path, data: Path, blind: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(go), str(out), str(data), blind],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _work_folders(parent: Path) -> list[Path]:
    return [p for p in parent.iterdir() if p.name.startswith(".site.build-")]


@pytest.mark.parametrize("blind", ["same-pid", "all-dead"])
def test_two_builds_of_one_folder_at_once_publish_a_whole_export(tmp_path, larger, blind):
    data, expected = larger
    out = tmp_path / "site"
    for _round in range(2):  # into a missing folder, then over the export of the first round
        first_go, second_go = tmp_path / "go1", tmp_path / "go2"
        first_go.unlink(missing_ok=True)
        second_go.unlink(missing_ok=True)
        builds = [_start(first_go, out, data, blind), _start(second_go, out, data, blind)]
        time.sleep(1.0)  # both have imported the package and wait for the word
        first_go.touch()
        if blind == "same-pid":
            second_go.touch()  # at once
        else:  # once the first is writing, when the second takes it for a dead build's
            deadline = time.monotonic() + 60
            while not _work_folders(tmp_path) and time.monotonic() < deadline:
                time.sleep(0.001)
            second_go.touch()
        results = [build.communicate(timeout=300) for build in builds]
        assert [build.returncode for build in builds] == [0, 0], results
        assert _tree(out) == expected
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "data",
            "elsewhere",
            "go1",
            "go2",
            "site",
        ]


def test_a_second_build_says_it_waits_for_the_first_then_runs(tmp_path, geneva):
    out = tmp_path / "site"
    lock = tmp_path / ".site.lock"
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a build under way holds it
        build = subprocess.Popen(
            [sys.executable, "-m", "feeds", "build", str(out), "--data", str(geneva.parent)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert build.stderr.readline() == f"feeds: waiting for another build of {out} to finish\n"
        time.sleep(0.5)
        assert build.poll() is None
        assert not out.exists()
    stdout, stderr = build.communicate(timeout=120)
    assert build.returncode == 0, stderr
    assert stderr == ""
    assert stdout.startswith(f"{out}: ")
    assert (out / MARKER).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]


def test_a_build_into_a_link_to_an_earlier_export_replaces_what_it_points_to(tmp_path, geneva):
    exports = tmp_path / "exports"
    first = exports / "first"
    assert _build(geneva.parent, first).returncode == 0
    (first / "stale.ics").write_text("old")
    link = tmp_path / "site"
    link.symlink_to(Path("exports") / "first")  # relative, as people write them
    geneva.write_text(geneva.read_text().replace("Comité d'essai", "Comité d'essais"))
    result = _build(geneva.parent, Path("site"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert os.readlink(link) == "exports/first"
    fresh = tmp_path / "fresh"
    assert _build(geneva.parent, fresh).returncode == 0
    assert _tree(first) == _tree(fresh)
    assert "stale.ics" not in _tree(first)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "exports", "fresh", "site"]
    assert sorted(p.name for p in exports.iterdir()) == ["first"]


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)//",
        "ftp://feeds.example.org",
        "https://",
        "feeds.example.org",
        'https://feeds.example.org/"><script>',
        "https://feeds.example.org/?a=b",
    ],
)
def test_a_base_url_that_is_not_an_http_address_is_a_usage_error(tmp_path, geneva, value):
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli, ["build", str(out), "--data", str(geneva.parent), "--base-url", value]
    )
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: Invalid value for '--base-url': expected the public address as http:// or "
        "https:// and a host name, such as https://feeds.example.org, "
        f"got '{value}'\n"
    )
    assert not out.exists()


def test_a_base_url_with_a_path_and_a_trailing_slash_is_used_without_it(tmp_path, geneva):
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli,
        ["build", str(out), "--data", str(geneva.parent), "--base-url", "https://un.example/f/"],
    )
    assert result.exit_code == 0, result.output
    text = (out / "en/geneva-test/programme.json").read_text()
    assert '"feed":"https://un.example/f/en/geneva-test/event/thu-am.ics"' in text
