"""Starting the app exactly as the Procfile says, on a free port of 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT


def procfile_command() -> str:
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            return line.removeprefix("web:").strip()
    raise AssertionError("the Procfile has no web: process")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def procfile_server(data: Path, **env: str) -> Iterator[str]:
    """The base URL of a running server, stopped when the block ends.

    `env` adds to the environment; `{port}` in a value is the server's port.
    """
    port = free_port()
    given = {name: value.format(port=port) for name, value in env.items()}
    environment = {**os.environ, "PORT": str(port), "FEEDS_DATA": str(data), **given}
    # Bound to 127.0.0.1 only: the Procfile's 0.0.0.0 is for platforms.
    command = procfile_command().replace("0.0.0.0", "127.0.0.1")
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            ["bash", "-c", f"exec {command}"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            _wait_until_up(base, process, log)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(base: str, process: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise AssertionError(log.read().decode(errors="replace")) from None
            time.sleep(0.1)
