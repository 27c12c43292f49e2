"""Running the shipped nginx configuration (docs/nginx.conf) on an export, on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT
from server import free_port


def configured(root: Path, port: int, folder: Path, app: str | None = None) -> Path:
    """The shipped configuration with this root, port and pid file, and the app it passes
    feeds of chosen items to (`http://127.0.0.1:PORT`), if given."""
    text = (ROOT / "docs" / "nginx.conf").read_text()
    text = re.sub(r"root [^;]+;", f"root {root};", text)
    if app is not None:
        text = re.sub(
            r"(upstream feeds_app \{\s*server )[^;]+;", rf"\g<1>{app.split('//')[1]};", text
        )
    text = re.sub(r"listen \d+;", f"listen 127.0.0.1:{port};", text)
    text = text.replace("pid /tmp/feeds-nginx.pid;", f"pid {folder}/nginx.pid;")
    conf = folder / "nginx.conf"
    conf.write_text(text)
    return conf


@contextlib.contextmanager
def nginx_serving(root: Path, app: str | None = None) -> Iterator[str]:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        conf = configured(root, port, Path(folder), app)
        # As root, nginx's workers would run as nobody, who cannot read a test's folders.
        directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        process = subprocess.Popen(
            [binary, "-p", folder, "-c", str(conf), "-g", directives],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 20
            while True:
                try:
                    with urllib.request.urlopen(base + "/", timeout=2):
                        break
                except urllib.error.HTTPError:
                    break
                except OSError:
                    assert process.poll() is None and time.monotonic() < deadline, (
                        "nginx did not start"
                    )
                    time.sleep(0.05)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)
