"""Faults: a build killed at any moment leaves the previous export whole.

Each build is killed at a chosen point of its own progress (not after a
delay, which would depend on the machine's speed): before it writes, after
so many files, before the swap, and right after it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from feeds import catalog
from feeds.export import MARKER
from generate import generate

# Runs a build of DATA into OUT that kills itself (SIGKILL: no cleanup runs) at POINT.
DRIVER = """
import os, signal, sys
from pathlib import Path
from feeds import catalog, export

data, out, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

written = [0]

def progress(_resource):
    written[0] += 1
    if point == f"files:{written[0]}":
        die()

if point == "start":
    export.write_tree = die
elif point == "before-swap":
    export.os.sync = die
elif point == "after-swap":
    swap = export._exchange
    export._exchange = lambda first, second: swap(first, second) and die()
export.export(catalog.load([data]), out, progress=progress)
"""


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _build(data: Path, out: Path) -> None:
    command = [sys.executable, "-m", "feeds", "build", str(out), "--data", str(data)]
    subprocess.run(command, check=True, capture_output=True)


@pytest.fixture
def exports(tmp_path, bundled_copy) -> tuple[Path, Path, dict, dict, int]:
    """An earlier export, data for a larger next one, both trees and the next one's size."""
    out = tmp_path / "site"
    _build(bundled_copy, out)
    before = _tree(out)
    assert MARKER in before
    generate(bundled_copy, 10, 5, 4, ["zh", "en"])  # the next build has more to write
    complete = tmp_path / "complete"
    _build(bundled_copy, complete)
    new = _tree(complete)
    shutil.rmtree(complete)
    return bundled_copy, out, before, new, len(catalog.load([bundled_copy]))


def test_a_build_killed_at_any_moment_leaves_the_previous_export_whole(tmp_path, exports):
    data, out, before, new, resources = exports
    points = ["start", "files:1", "files:2", f"files:{resources // 2}"]
    points += [f"files:{resources - 1}", f"files:{resources}", "before-swap", "after-swap"]
    # (after-swap comes last: from then on the new export is the one in place)
    for point in points:
        killed = subprocess.run(
            [sys.executable, "-c", DRIVER, str(data), str(out), point], capture_output=True
        )
        assert killed.returncode == -9, (point, killed.stderr)
        # Killed before the swap: the old export; after it: the whole new one. Never a mix.
        assert _tree(out) == (new if point == "after-swap" else before), point
    # The next build cleans up what the killed ones left, and replaces the export whole.
    _build(data, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]
    assert _tree(out) == new
