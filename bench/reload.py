"""Load and reload: how long the app takes to serve a large data folder, and an edit.

    python bench/reload.py [--blocks 10000]

Starts the app as the Procfile says on generated programmes (--blocks session
blocks plus the bundled programme), measures the time from start until a
feed is served, then edits one programme and measures the time until every
answer carries the edit (both workers).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402
from server import free_port, procfile_command  # noqa: E402

FEED = "/en/oewg-ict-s2/event/mar31-pm.ics"


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--blocks", type=int, default=10000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="feeds-reload-"))
    process = None
    try:
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        generate(data, args.blocks // 40, 10, 4, ["zh", "en"])
        port = free_port()
        env = {**os.environ, "PORT": str(port), "FEEDS_DATA": str(data)}
        command = procfile_command().replace("0.0.0.0", "127.0.0.1")
        started = time.monotonic()
        process = subprocess.Popen(
            ["bash", "-c", f"exec {command}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        while fetch(base + FEED) is None:
            time.sleep(0.05)
        ready = time.monotonic() - started
        print(f"start to serving {args.blocks + 10} blocks: {ready:.1f} s")
        programme = data / "oewg-ict-s2.yaml"
        text = programme.read_text()
        programme.write_text(
            text.replace("id: mar31-pm\n        start: 15:00", "id: mar31-pm\n        start: 15:30")
        )
        edited = time.monotonic()
        consecutive = 0
        while consecutive < 20:  # twenty answers in a row, from both workers, carry the edit
            body = fetch(base + FEED) or b""
            consecutive = consecutive + 1 if b"T153000" in body else 0
            time.sleep(0.01)
        print(f"edit to every answer carrying it: {time.monotonic() - edited:.1f} s")
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
