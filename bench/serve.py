"""Serving benchmark: the app as the Procfile starts it against nginx on the export, with wrk.

    python bench/serve.py [--duration 10] [--connections 32] [--rounds 2] [--blocks 10000]

Builds the bundled programme plus synthetic ones (--blocks) into an export,
starts the app exactly as the Procfile says (granian, on 127.0.0.1), with
and without FEEDS_BASE_URL, a bare nginx on the export (sendfile, etag and
gzip_static, nothing else: the reference) and nginx with docs/nginx.conf, and
runs wrk against each in turn, alternating, for: a 200 of all.ics, a
conditional request answered 304, the meeting page, and the feed and the page
to a client that accepts gzip. It prints requests per second, p50 and p99
latency and the count of errors and non-2xx/3xx answers, then each server's
share of the bare nginx's rate. It also prints how long each app took from
its start to answering the last meeting's feed in every worker, how long a
first request for each of ten other meetings' feeds took meanwhile, and how
long until every worker had loaded the whole folder (/healthz "ok"); the rates
are measured after that. wrk runs on the same two cores as the servers, which
it slows down.

--variants also measures the servers and worker models considered for the Procfile
(gunicorn's sync and gthread workers need `pip install gunicorn`).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from feeds.starting import read_head  # noqa: E402
from generate import generate  # noqa: E402
from nginx import nginx_serving  # noqa: E402
from server import free_port, procfile_command  # noqa: E402

FEED = "/zh/oewg-ict-s2/all.ics"
PAGE = "/zh/oewg-ict-s2/"
GZIP = {"Accept-Encoding": "gzip"}
SCENARIOS = {  # name: (path, conditional, headers)
    "200 all.ics": (FEED, False, {}),
    "304 all.ics": (FEED, True, {}),
    "page": (PAGE, False, {}),
    "gzip all.ics": (FEED, False, GZIP),
    "gzip page": (PAGE, False, GZIP),
}
REFERENCE = "bare nginx"

#: The reference: nginx serving the export's files as they are (and their .gz forms).
BARE_NGINX = """
worker_processes auto;
pid {folder}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    keepalive_requests 100000;
    types {{ text/calendar ics; text/html html; application/json json; }}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        etag on;
        gzip_static on;
    }}
}}
"""

VARIANTS = {
    "sync, 2 workers": "gunicorn --bind 127.0.0.1:$PORT --workers 2 'feeds.web:create_app()'",
    "gthread, 2 workers x 4 threads": "gunicorn --bind 127.0.0.1:$PORT --workers 2 "
    "--worker-class gthread --threads 4 'feeds.web:create_app()'",
    "granian, 2 workers": "granian --interface wsgi --host 127.0.0.1 --port $PORT --workers 2 "
    "--factory feeds.web:create_app",
}


def wrk(url: str, seconds: int, connections: int, headers: dict[str, str]) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", output)[1]),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", output)[1]),
        "non_2xx": int(m[1]) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0,
        "errors": sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)),
        "requests": int(re.search(r"(\d+) requests in", output)[1]),
    }


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def etag(url: str, headers: dict[str, str]) -> str:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        return response.headers["ETag"]


@contextlib.contextmanager
def bare_nginx(root: Path) -> Iterator[str]:
    """A bare nginx serving `root` on 127.0.0.1, for the duration."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        conf = Path(folder) / "nginx.conf"
        conf.write_text(BARE_NGINX.format(folder=folder, port=port, root=root))
        directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        process = subprocess.Popen(
            [
                shutil.which("nginx") or "/usr/sbin/nginx",
                "-p",
                folder,
                "-c",
                str(conf),
                "-g",
                directives,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base + FEED, process, 20)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)


def _wait(url: str, process: subprocess.Popen, seconds: float) -> None:
    """Until `url` answers 200 (or SystemExit when the process ends or time is up)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            raise SystemExit(f"{url} did not answer") from None
        time.sleep(0.02)


def _children(pid: int) -> list[int]:
    """The processes `pid` started, and theirs."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                child = int(stat.parent.name)
                found += [child, *_children(child)]
    return found


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _busy(pid: int) -> bool:
    """Whether a process used more than a tenth of a core over the next second."""
    before = _cpu_seconds(pid)
    time.sleep(1.0)
    return _cpu_seconds(pid) - before > 0.1


def resident_mb(pid: int) -> float:
    """A process's resident memory, MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def site_mb(site: Path) -> float:
    """The bytes the export serves (each file once, without its .gz form), MB."""
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and p.suffix != ".gz") / 1e6


class App:
    """The app started by a shell command (the Procfile's, or a variant's)."""

    def __init__(
        self, command: str, data: Path, last_feed: str, others: list[str], base_url: bool = True
    ):
        self.port = free_port()
        env = {**os.environ, "PORT": str(self.port), "FEEDS_DATA": str(data)}
        if base_url:
            env["FEEDS_BASE_URL"] = "https://feeds.example.org"
        command = command.replace("0.0.0.0", "127.0.0.1").replace("--access-logfile -", "")
        started = time.monotonic()
        self.process = subprocess.Popen(
            ["bash", "-c", f"exec {command}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        # Every worker answers: ask as many times as there are workers, and a few more.
        for _ in range(4):
            _wait(self.base + last_feed, self.process, 600)
        self.start_seconds = time.monotonic() - started
        self.first_answers = []  # seconds, a first request for each other meeting's feed
        for path in others:
            asked = time.monotonic()
            urllib.request.urlopen(self.base + path).read()
            self.first_answers.append(time.monotonic() - asked)
        # Every worker loaded the whole folder: "ok" from /healthz eight times in a row.
        deadline, answers = time.monotonic() + 1800, 0
        while answers < 8:
            if time.monotonic() > deadline:
                raise SystemExit(f"{self.base} did not load the whole folder")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(self.base + "/healthz") as response:
                    loaded = json.load(response)["status"] == "ok"
                answers = answers + 1 if loaded else 0
            time.sleep(0.05 if answers else 0.25)
        # granian's workers: the processes with no children of their own. /healthz may
        # have been answered by one worker while another still loads: wait until each
        # is idle (under a tenth of a core over a second).
        workers = [pid for pid in _children(self.process.pid) if not _children(pid)]
        while any(_busy(pid) for pid in workers):
            if time.monotonic() > deadline:
                raise SystemExit(f"{self.base}'s workers did not finish loading")
        self.loaded_seconds = time.monotonic() - started
        self.worker_mb = sorted(resident_mb(pid) for pid in workers)
        for _ in range(8):  # render the page in every worker before measuring
            urllib.request.urlopen(self.base + PAGE).read()

    def summary(self, name: str, args: argparse.Namespace) -> str:
        firsts = sorted(self.first_answers)
        return (
            f"{name}: every worker answers the last meeting's feed "
            f"({args.blocks} blocks) {self.start_seconds:.1f} s after its start; "
            f"a first request for another meeting's feed meanwhile took "
            f"{firsts[len(firsts) // 2] * 1000:.0f} ms (median), "
            f"{firsts[-1] * 1000:.0f} ms (longest of {len(firsts)}); every worker "
            f"had loaded the whole folder {self.loaded_seconds:.1f} s after its start; "
            "resident memory per worker then: " + ", ".join(f"{mb:.0f} MB" for mb in self.worker_mb)
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def measure(targets: dict[str, str], args: argparse.Namespace) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for _round in range(args.rounds):
        for scenario, (path, conditional, sent) in SCENARIOS.items():
            for name, base in targets.items():  # alternate: app, nginx, app, nginx...
                headers = dict(sent)
                if conditional:
                    headers["If-None-Match"] = etag(base + path, sent)
                result = wrk(base + path, args.duration, args.connections, headers)
                results.setdefault((name, scenario), []).append(result)
    merged = {}
    for key, runs in results.items():
        merged[key] = {
            "rps": sorted(r["rps"] for r in runs)[len(runs) // 2],
            "p50": sorted(r["p50"] for r in runs)[len(runs) // 2],
            "p99": max(r["p99"] for r in runs),
            "bad": sum(r["non_2xx"] + r["errors"] for r in runs),
            "requests": sum(r["requests"] for r in runs),
        }
    return merged


def report(merged: dict, names: list[str]) -> None:
    for scenario in SCENARIOS:
        for name in names:
            r = merged[(name, scenario)]
            print(
                f"{scenario:12} {name:34} {r['rps']:9.0f} req/s  p50 {r['p50']:6.2f} ms  "
                f"p99 {r['p99']:6.2f} ms  {r['requests']} requests, {r['bad']} errors or "
                "non-2xx/304"
            )
        reference = merged[(REFERENCE, scenario)]["rps"]
        for name in names:
            if name != REFERENCE:
                share = merged[(name, scenario)]["rps"] / reference
                print(f"{'':12} {name} at {share:.2f}x the {REFERENCE}'s rate")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--blocks", type=int, default=10000)
    parser.add_argument("--variants", action="store_true")
    parser.add_argument(
        "--start-only", action="store_true", help="measure the start alone: no export, no nginx"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="feeds-serve-"))
    try:
        data = work / "data"
        shutil.copytree(ROOT / "data", data)
        if args.blocks:
            generate(data, args.blocks // 40, 10, 4, ["zh", "en"])
        files = sorted(data.glob("*.yaml"))
        ids = [read_head(file).id for file in files]
        last_feed = f"/en/{ids[-1]}/all.ics"
        others = [f"/en/{ids[i * len(ids) // 11]}/all.ics" for i in range(1, 11)]
        if args.start_only:
            for base_url in (True, False):
                app = App(procfile_command(), data, last_feed, others, base_url)
                app.stop()
                print(app.summary(f"app (Procfile), {'' if base_url else 'no '}base URL", args))
            return
        site = work / "site"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "feeds",
                "build",
                str(site),
                "--data",
                str(data),
                "--base-url",
                "https://feeds.example.org",
            ],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        apps = (
            {f"{name}, base URL": (command, True) for name, command in VARIANTS.items()}
            if args.variants
            else {}
        )
        apps["app (Procfile), base URL"] = (procfile_command(), True)
        apps["app (Procfile), no base URL"] = (procfile_command(), False)
        exported = site_mb(site)
        with bare_nginx(site) as bare_base, nginx_serving(site) as nginx_base:
            for name, (command, base_url) in apps.items():
                app = App(command, data, last_feed, others, base_url)
                print(app.summary(name, args) + f" (the export it serves: {exported:.0f} MB)")
                try:
                    targets = {name: app.base, REFERENCE: bare_base, "nginx.conf": nginx_base}
                    merged = measure(targets, args)
                finally:
                    app.stop()
                report(merged, list(targets))
                sys.stdout.flush()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
