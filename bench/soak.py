"""Soak: 64 connections for 60 s on a mix of requests while the programme is rewritten.

    python bench/soak.py [--seconds 60] [--connections 64]

Starts the app as the Procfile says on a copy of the bundled data and runs wrk
(bench/soak.lua: feeds, pages, programme.json and conditional requests) while
the programme file is rewritten every second, alternating a valid edit and an
invalid one. Prints requests served, answers other than 200/304 (must be 0),
calendars that do not parse as complete (must be 0) and the p99 latency.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from server import procfile_server  # noqa: E402


def rewrite(programme: Path, stop: threading.Event) -> int:
    original = programme.read_text()
    edits = 0
    while not stop.wait(1.0):
        edits += 1
        if edits % 2:  # valid: the afternoon of 31 March moves by a few minutes
            text = original.replace(
                "id: mar31-pm\n        start: 15:00",
                f"id: mar31-pm\n        start: 15:{edits % 60:02d}",
            )
        else:  # invalid: an end before its start
            text = original.replace("end: 13:00", "end: 09:00", 1)
        temporary = programme.with_suffix(".tmp")
        temporary.write_text(text)
        os.replace(temporary, programme)
    programme.write_text(original)
    return edits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="feeds-soak-"))
    try:
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        with procfile_server(data) as base:
            stop = threading.Event()
            counted: list[int] = []
            writer = threading.Thread(
                target=lambda: counted.append(rewrite(data / "oewg-ict-s2.yaml", stop))
            )
            writer.start()
            try:
                output = subprocess.run(
                    [
                        "wrk",
                        "-t2",
                        f"-c{args.connections}",
                        f"-d{args.seconds}s",
                        "--latency",
                        "-s",
                        str(ROOT / "bench" / "soak.lua"),
                        base,
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                    timeout=args.seconds + 60,
                ).stdout
            finally:
                stop.set()
                writer.join()
        figures = dict(re.findall(r"(\w+)=([\d.]+)", output.split("SOAK", 1)[1]))
        print(
            f"{args.seconds} s, {args.connections} connections, {counted[0]} rewrites of the "
            "programme (half of them invalid)"
        )
        print(f"requests served: {figures['requests']}")
        print(f"answers other than 200 or 304: {figures['bad']}")
        print(f"calendars not complete: {figures['incomplete']}")
        print(
            f"socket errors: {figures['errors']} (connect {figures['connect']}, read "
            f"{figures['read']}, write {figures['write']}, timeout {figures['timeout']})"
        )
        print(f"p99 latency: {figures['p99_ms']} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
