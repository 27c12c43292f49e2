"""Faults: a build killed midway leaves the previous export whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from feeds.export import MARKER
from generate import generate


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_build_killed_at_any_moment_leaves_the_previous_export_whole(tmp_path, bundled_copy):
    out = tmp_path / "site"
    command = [sys.executable, "-m", "feeds", "build", str(out), "--data", str(bundled_copy)]
    subprocess.run(command, check=True, capture_output=True)
    before = _tree(out)
    assert MARKER in before
    generate(bundled_copy, 10, 5, 4, ["zh", "en"])  # the next build has more to write
    complete = tmp_path / "complete"
    subprocess.run([*command[:4], str(complete), *command[5:]], check=True, capture_output=True)
    new = _tree(complete)
    shutil.rmtree(complete)
    kills = 0
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.2, 2.6, 3.0, 3.5, 4.0, 5.0):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if process.poll() is not None:
            break  # it finished before this delay: the later ones would too
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        kills += 1
        # Killed before the swap: the old export; after it: the whole new one. Never a mix.
        assert _tree(out) in (before, new), f"killed after {delay} s"
    assert kills >= 3
    # The next build cleans up what the killed ones left, and replaces the export whole.
    subprocess.run(command, check=True, capture_output=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]
    after = _tree(out)
    assert after != before and "en/m00001/all.ics" in after
