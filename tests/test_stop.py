"""A platform can stop the server at any moment, even while its workers are still loading."""

from __future__ import annotations

import os
import signal
import subprocess
import time

from conftest import ROOT
from generate import generate
from server import free_port, procfile_command


def test_a_stop_while_the_workers_load_ends_the_server(tmp_path):
    data = tmp_path / "data"
    generate(data, 400, 5, 2, ["zh", "en"])  # seconds of loading for each worker
    port = free_port()
    command = procfile_command().replace("0.0.0.0", "127.0.0.1")
    environment = {**os.environ, "PORT": str(port), "FEEDS_DATA": str(data)}
    log = tmp_path / "server.log"
    with log.open("wb") as stream:
        process = subprocess.Popen(
            ["bash", "-c", f"exec {command}"],
            cwd=ROOT,
            env=environment,
            stdout=stream,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while b"Spawning worker" not in log.read_bytes():  # the workers are starting now
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.01)
        time.sleep(0.2)
        assert b"loaded" not in log.read_bytes()  # still loading, as a slow start would be
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
            raise AssertionError("the server did not stop within 30 s of SIGTERM")
    assert b"Granian shutdown completed" in log.read_bytes()
