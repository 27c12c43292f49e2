"""feeds build in several processes: the same files as one process writes, the same
problems, and a worker that dies leaves the previous export in place."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from feeds import catalog
from feeds.export import MARKER, export
from generate import generate

BASE = "https://feeds.example.org"

# Builds DATA into OUT with export.build in two workers, as `feeds build` does, and prints the
# files and meetings, the size it was told and the progress it saw; each process that
# writes files records its id in PIDS. With a number KILL, a worker kills itself
# (SIGKILL: no cleanup runs) once it has written that many resources.
DRIVER = """
import os, signal, sys
from pathlib import Path
from feeds import export

data, out, pids, kill = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
main = os.getpid()
write_tree = export.write_tree

def recording(folder, resources, progress=None):
    with open(pids, "a") as stream:
        stream.write(f"{os.getpid()}\\n")
    if kill and os.getpid() != main:
        written = [0]
        def progress_then_die(resource):
            progress(resource)
            written[0] += 1
            if written[0] == int(kill):
                os.kill(os.getpid(), signal.SIGKILL)
        return write_tree(folder, resources, progress_then_die)
    return write_tree(folder, resources, progress)

export.write_tree = recording
told, written = [], [0]

def progress(count):
    assert told, "progress before the size was told"
    written[0] += count

try:
    files, meetings = export.build(
        [data], out, sys.argv[5], progress, sized=told.append, workers=2
    )
except export.WorkerFailed as error:
    print(error)
    sys.exit(3)
print(files, meetings, *told, written[0])
"""


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _drive(
    data: Path, out: Path, pids: Path, kill: int | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", DRIVER, str(data), str(out), str(pids), str(kill or ""), BASE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


@pytest.fixture
def mixed(bundled_copy: Path) -> Path:
    """Meetings of two series and of none; the meetings of a series fall to both workers
    (files are dealt out in turn: edge-cases, m00001, m00003, oewg-ict-s2 to one, geneva,
    m00002, oewg-ict-geneva to the other)."""
    for name in ("oewg-ict-geneva.yaml", "oewg-ict-geneva.revisions.json"):
        shutil.copy(FIXTURES / "series" / name, bundled_copy / name)
    for name in ("geneva.yaml", "edge-cases.yaml"):
        shutil.copy(FIXTURES / name, bundled_copy / name)
    generate(bundled_copy, 3, 2, 4, ["zh", "en"])
    return bundled_copy


def test_workers_write_the_files_one_process_writes(tmp_path, mixed):
    alone = tmp_path / "alone"
    built = catalog.load([mixed], BASE)
    count = export(built, alone)
    out, pids = tmp_path / "site", tmp_path / "pids"
    result = _drive(mixed, out, pids)
    assert result.returncode == 0, result.stderr
    # The size told before writing is the number of resources written, one by one.
    resources = str(len(built))
    assert result.stdout.split() == [str(count), str(len(built.published)), resources, resources]
    assert len(set(pids.read_text().split())) == 3  # two workers and the process that swaps
    assert _tree(out) == _tree(alone)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alone", "data", "pids", "site"]


def test_a_problem_in_any_worker_share_is_reported_as_one_process_reports_it(tmp_path, mixed):
    (mixed / "m00002.yaml").write_text(
        (mixed / "m00002.yaml").read_text().replace("start: '10:00'", "start: '9.30'", 1)
    )
    (mixed / "zz.yaml").write_text((mixed / "m00001.yaml").read_text())  # the id of m00001
    out = tmp_path / "site"
    export(catalog.load([FIXTURES / "geneva.yaml"]), out)
    before = _tree(out)
    with pytest.raises(catalog.ProgrammeError) as alone:
        catalog.load([mixed])
    result = subprocess.run(
        [sys.executable, "-m", "feeds", "build", str(out), "--data", str(mixed)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 1
    problems = [str(problem) for problem in alone.value.problems]
    assert problems[0] == (
        f"{mixed}/m00002.yaml:91: days[0].blocks[0].start: "
        "expected a time as HH:MM (24-hour clock), got '9.30'"
    )
    assert problems[-1] == f"{mixed}/zz.yaml:1: meeting.id: 'm00001' is also the id of " + str(
        mixed / "m00001.yaml"
    )
    assert result.stderr.splitlines()[: len(problems)] == problems
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]


def test_a_worker_killed_while_writing_leaves_the_previous_export_whole(tmp_path, mixed):
    out, pids = tmp_path / "site", tmp_path / "pids"
    export(catalog.load([FIXTURES / "geneva.yaml"]), out)
    before = _tree(out)
    assert MARKER in before
    killed = _drive(mixed, out, pids, kill=5)
    assert killed.returncode == 3, killed.stderr
    assert killed.stdout == "a process of the build was killed by signal 9\n"
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "pids", "site"]
    # No worker is left behind: the next build runs and replaces the export whole.
    assert _drive(mixed, out, pids).returncode == 0
    assert _tree(out) != before
