"""Slow clients cannot starve the server as the Procfile starts it.

Many connections that send a request a byte at a time, and never finish its
headers, must neither keep a normal request from being answered nor stay open
past the header timeout the Procfile sets.
"""

from __future__ import annotations

import contextlib
import re
import resource
import selectors
import socket
import time
import urllib.request

import pytest

from conftest import DATA
from server import procfile_command, procfile_server

FEED = "/en/oewg-ict-s2/all.ics"
# More than granian's old default let two workers hold (a backlog of 1024 shared as 512
# connections each), so that with those defaults the probe below waits in the queue.
SLOW_CONNECTIONS = 1100
# A byte every two seconds: enough to keep a connection alive if only silence were timed.
TRICKLE_INTERVAL = 2.0
# What a normal request may wait while the slow connections are open.
PROBE_TIMEOUT = 5.0
# Leeway for the server to notice a timeout and for the test to see the close.
CLOSE_LEEWAY = 3.0
# Descriptors beyond the slow sockets: the probe, pytest, the interpreter.
SPARE_FILES = 200


def header_timeout() -> float:
    """The Procfile's HTTP/1 header read timeout in seconds (granian's default is 30 s)."""
    found = re.search(r"--http1-header-read-timeout[ =](\d+)", procfile_command())
    return int(found[1]) / 1000 if found else 30.0


def ensure_open_files(needed: int) -> None:
    """Raise the soft limit on open files towards the hard one, or skip if that is too low."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        if hard != resource.RLIM_INFINITY and hard < needed:
            pytest.skip(f"the hard limit on open files is {hard}; this test needs {needed}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


def get(url: str, timeout: float) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, response.headers["Content-Type"], response.read()


def open_slow_connections(port: int, count: int) -> list[socket.socket]:
    """Connections that have sent the start of a request line and then stop."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sockets.append(sock)
            sock.sendall(b"GET " + FEED.encode())
            sock.setblocking(False)
    except BaseException:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def closed_by_peer(sock: socket.socket) -> bool:
    """Whether the server has closed the connection (reading any answer it sent first)."""
    try:
        while True:
            if not sock.recv(65536):
                return True
    except BlockingIOError:
        return False
    except OSError:  # reset
        return True


def trickle(sockets: list[socket.socket]) -> None:
    """One more byte of the header on every connection still open."""
    for sock in sockets:
        with contextlib.suppress(OSError):
            sock.send(b"X")


def test_slow_connections_neither_starve_a_normal_request_nor_outstay_the_header_timeout():
    ensure_open_files(SLOW_CONNECTIONS + SPARE_FILES)
    timeout = header_timeout()
    with procfile_server(DATA) as base:
        port = int(base.rsplit(":", 1)[1])
        status, media_type, feed = get(base + FEED, timeout=PROBE_TIMEOUT)
        assert (status, media_type) == (200, "text/calendar; charset=utf-8")

        started = time.monotonic()
        sockets = open_slow_connections(port, SLOW_CONNECTIONS)
        try:
            asked = time.monotonic()
            try:
                answer = get(base + FEED, timeout=PROBE_TIMEOUT)
            except OSError as error:
                pytest.fail(
                    f"a normal request got no answer within {PROBE_TIMEOUT} s while "
                    f"{SLOW_CONNECTIONS} slow connections were open: {error}"
                )
            assert answer == (200, "text/calendar; charset=utf-8", feed)
            assert time.monotonic() - asked < PROBE_TIMEOUT

            # With room for them all, every slow connection is accepted as it is made, and the
            # header timeout runs from then however the connection trickles.
            deadline = asked + timeout + CLOSE_LEEWAY
            open_ones = set(sockets)
            selector = selectors.DefaultSelector()
            for sock in sockets:
                selector.register(sock, selectors.EVENT_READ)
            next_byte = started + TRICKLE_INTERVAL
            try:
                while open_ones and time.monotonic() < deadline:
                    if time.monotonic() >= next_byte:
                        trickle(list(open_ones))
                        next_byte += TRICKLE_INTERVAL
                    wait = max(0.0, min(next_byte, deadline) - time.monotonic())
                    for key, _events in selector.select(timeout=wait):
                        if closed_by_peer(key.fileobj):
                            selector.unregister(key.fileobj)
                            open_ones.discard(key.fileobj)
            finally:
                selector.close()
            assert not open_ones, (
                f"{len(open_ones)} of {SLOW_CONNECTIONS} slow connections were still open "
                f"{timeout + CLOSE_LEEWAY:.0f} s after they were made (header timeout {timeout} s)"
            )
        finally:
            for sock in sockets:
                sock.close()
