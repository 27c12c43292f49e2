"""Build benchmark: our catalog against the naive icalendar build, side by side in one run.

    python bench/build.py [--sizes 1000,10000,100000] [--naive-meetings 25]
                          [--build-only] [--data-root DIR] [--against DIR]

For each size (session blocks, in meetings of 10 days x 4 blocks, Chinese and
English) it generates the programmes, then in fresh processes measures:

- feeds: loading and validating the data and rendering every feed (both time
  forms) and programme.json, in microseconds per published event (an event
  counted once for each feed it appears in);
- naive: the same feeds made the way most publishers make them (bench/naive.py),
  on the first --naive-meetings meetings of the same data;
- build: the whole `feeds build OUT --base-url ...` (pages included, files
  written): wall time, peak memory (the proportional set size of the build and
  its workers together, sampled every second, and the largest one process's
  resident size), the CPU time of all its processes, and the size of the files
  written;
- cp -a: the reference, a copy of the finished export to a new folder on the
  same disk, flushed as the build flushes its files: what a common tool takes
  to write the same files here (it also reads each one and copies its
  metadata, so it is a yardstick rather than a floor).

Before them, "stages" times in one process (CPU time, nothing written) each
stage of the build of the first --stage-meetings meetings, the least of three
runs: reading and validating the file, the revision ledger, the events, the
feeds and programme.json, the pages (the meeting page and the embed in each
language, and the chooser) and gzip; where the time of `feeds build` goes,
per meeting.

--build-only skips the feeds and naive measures; --data-root keeps the
generated data there (and reuses it); --against DIR also runs the build and
the stages of another version of the package (DIR holds its `feeds` folder)
and prints the ratios of their times.

Figures are printed as a table and as ratios; the machine is shared, so only
ratios measured in the same run mean anything.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
DAYS, BLOCKS = 10, 4


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_feeds(data: Path) -> dict:
    from feeds import catalog, load, revisions
    from feeds.feedlist import meeting_feeds

    start = time.perf_counter()
    meetings = load.load_paths([data])
    loaded = time.perf_counter()
    events = size = 0
    for meeting in meetings:
        entry = revisions.publish(meeting)
        for resource_ in catalog.meeting_resources(entry):
            size += len(resource_.body) + len(resource_.utc_body or b"")
        for lang in meeting.languages:
            events += sum(len(feed.blocks) for feed in meeting_feeds(meeting, lang))
    done = time.perf_counter()
    return {
        "events": events,
        "seconds": done - start,
        "load_seconds": loaded - start,
        "bytes": size,
        "peak_mib": _peak_mib(),
    }


#: The stages of a meeting's build that `child_stages` times, in the order they run.
STAGES = ("load", "publish", "events", "feeds", "pages", "gzip")


def child_stages(data: Path, meetings_count: int) -> dict:
    """The CPU time of each stage of the build of the first meetings of `data`, in one
    process and without writing: where the time of `feeds build` goes, per meeting."""
    import gc
    from itertools import pairwise

    from feeds import catalog, encoding, load, pages, revisions

    gc.disable()  # as the build's workers run
    base = "https://feeds.example.org"
    spent = dict.fromkeys(STAGES, 0.0)
    files = sorted(data.glob("*.yaml"))[:meetings_count]
    clock = time.process_time
    for file in files:
        marks = [clock()]
        meeting = load.load_file(file)
        marks.append(clock())
        entry = revisions.publish(meeting)
        marks.append(clock())
        events = catalog.rendered_events(entry)
        marks.append(clock())
        made = catalog.meeting_resources(entry, base, events)
        marks.append(clock())
        shown = [pages.chooser_page(entry, base)]
        for lang in meeting.languages:
            shown += [pages.meeting_page(entry, lang, base), pages.embed_page(entry, lang, base)]
        marks.append(clock())
        bodies = [body for r in made for body in (r.body, r.utc_body) if body is not None]
        for body in bodies + shown:
            if encoding.worth_it("text/", len(body)):
                encoding.compress(body, "gzip")
        marks.append(clock())
        for stage, (begun, ended) in zip(STAGES, pairwise(marks), strict=True):
            spent[stage] += ended - begun
    return {"meetings": len(files), "seconds": spent, "package": str(Path(catalog.__file__).parent)}


def child_naive(data: Path, meetings_count: int) -> dict:
    import naive
    from feeds import load

    files = sorted(data.glob("*.yaml"))[:meetings_count]
    start = time.perf_counter()
    meetings = load.load_paths(files)
    events, size = naive.build(meetings, datetime(2024, 1, 1, tzinfo=UTC))
    return {
        "events": events,
        "seconds": time.perf_counter() - start,
        "bytes": size,
        "peak_mib": _peak_mib(),
    }


def _tree_pss_kib(root: int) -> int:
    """The proportional set size of a process and its descendants together, in KiB."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def child_build(data: Path, out: Path, package: str = "") -> dict:
    command = [sys.executable, "-m", "feeds", "build", str(out), "--data", str(data)]
    command += ["--base-url", "https://feeds.example.org"]
    # `python -m` imports the package from the folder it runs in, before any other.
    folder = package or str(HERE.parent)
    start = time.perf_counter()
    build = subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    while build.poll() is None:
        # Reading a process's smaps takes its memory map's lock: seldom, so as not to
        # slow the build it measures.
        peak = max(peak, _tree_pss_kib(build.pid))
        time.sleep(1)
    seconds = time.perf_counter() - start
    assert build.returncode == 0, build.stderr.read()
    written = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    files = sum(1 for f in out.rglob("*") if f.is_file())
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    largest = used.ru_maxrss / 1024
    return {
        "seconds": seconds,
        "cpu_seconds": used.ru_utime + used.ru_stime,
        "peak_mib": peak / 1024,
        "largest_mib": largest,
        "bytes": written,
        "files": files,
    }


def child_copy(source: Path, copy: Path) -> dict:
    """The reference: `cp -a` of the finished export, flushed to disk as the build's is."""
    start = time.perf_counter()
    subprocess.run(["cp", "-a", str(source), str(copy)], check=True)
    os.sync()
    seconds = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": seconds, "cpu_seconds": used.ru_utime + used.ru_stime}


#: Runs of the stages of each version, alternately; the least time of each stage counts,
#: since the machine's speed drifts by a third between runs a few seconds apart.
STAGE_RUNS = 3


def _stages(data: Path, meetings_count: int, against: Path | None) -> dict:
    """The stages of this version (and of the one `against`), each stage's least CPU
    time over STAGE_RUNS runs made alternately."""
    versions = {"stages": None} | ({"stages_against": against} if against is not None else {})
    runs: dict[str, list[dict]] = {key: [] for key in versions}
    for _run in range(STAGE_RUNS):
        for key, package in versions.items():
            found = run_child("stages", str(data), str(meetings_count), package=package)
            if package is not None:
                assert Path(found["package"]) == (package / "feeds").resolve(), found["package"]
            runs[key].append(found)
    return {
        key: {
            "meetings": found[0]["meetings"],
            "seconds": {stage: min(run["seconds"][stage] for run in found) for stage in STAGES},
        }
        for key, found in runs.items()
    }


def run_child(*args: str, package: Path | None = None) -> dict:
    """A measure in a fresh process; with `package`, of the `feeds` in that folder."""
    env = dict(os.environ, PYTHONPATH=str(package)) if package is not None else None
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--naive-meetings", type=int, default=25)
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--stage-meetings", type=int, default=50)
    parser.add_argument("--data-root", type=Path)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "stages":
            print(json.dumps(child_stages(Path(rest[0]), int(rest[1]))))
        elif kind == "feeds":
            print(json.dumps(child_feeds(Path(rest[0]))))
        elif kind == "naive":
            print(json.dumps(child_naive(Path(rest[0]), int(rest[1]))))
        elif kind == "copy":
            print(json.dumps(child_copy(Path(rest[0]), Path(rest[1]))))
        else:
            print(json.dumps(child_build(Path(rest[0]), Path(rest[1]), *rest[2:])))
        return

    from generate import generate

    rows = []
    work = Path(tempfile.mkdtemp(prefix="feeds-bench-"))
    try:
        for size in (int(value) for value in args.sizes.split(",")):
            data = (args.data_root or work) / f"data-{size}"
            if not data.exists():
                generate(data, size // (DAYS * BLOCKS), DAYS, BLOCKS, ["zh", "en"])
            row: dict = {"blocks": size}
            row.update(_stages(data, args.stage_meetings, args.against))
            if not args.build_only:
                row["feeds"] = run_child("feeds", str(data))
                row["naive"] = run_child("naive", str(data), str(args.naive_meetings))
            # Every tree written stays until the end: on a file system without a journal,
            # ext4 skips the inodes deleted in the last minute or so when it makes a file,
            # and creating files just after deleting as many costs several times as much.
            out = work / f"site-{size}"
            row["build"] = run_child("build", str(data), str(out))
            row["copy"] = run_child("copy", str(out), str(work / f"copy-{size}"))
            if args.against is not None:
                against = work / f"against-{size}"
                row["against"] = run_child("build", str(data), str(against), str(args.against))
            rows.append(row)
            print_row(rows[-1])
            sys.stdout.flush()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not args.build_only:
        print_summary(rows)


def _us(part: dict) -> float:
    return part["seconds"] / part["events"] * 1e6


def _build_line(label: str, build: dict) -> str:
    return (
        f"{label:>13} {build['seconds']:7.1f} s (CPU {build['cpu_seconds']:.0f} s), "
        f"{build['files']} files, "
        f"{build['bytes'] / 2**20:.0f} MiB written, peak {build['peak_mib']:.0f} MiB "
        f"= x{build['peak_mib'] * 2**20 / build['bytes']:.2f} of the files written "
        f"(largest process {build['largest_mib']:.0f} MiB)"
    )


def _stages_line(stages: dict, label: str = "stages") -> str:
    spent, count = stages["seconds"], stages["meetings"]
    total = sum(spent.values())
    parts = ", ".join(
        f"{stage} {spent[stage] / count * 1000:.1f} ({spent[stage] / total:.0%})"
        for stage in STAGES
    )
    return (
        f"{label:>13} CPU ms per meeting, first {count} meetings, one process, "
        f"nothing written: {parts}; {total / count * 1000:.1f} in all"
    )


def print_row(row: dict) -> None:
    if "feeds" in row:
        feeds, naive = row["feeds"], row["naive"]
        print(
            f"{row['blocks']:>7} blocks: feeds {feeds['seconds']:7.1f} s for {feeds['events']} "
            f"published events = {_us(feeds):6.1f} us/event (load {feeds['load_seconds']:.1f} s); "
            f"naive {_us(naive):7.1f} us/event ({naive['events']} events); "
            f"speed-up x{_us(naive) / _us(feeds):.1f}"
        )
    else:
        print(f"{row['blocks']:>7} blocks:")
    print(_stages_line(row["stages"]))
    print(_build_line("build", row["build"]))
    copy = row["copy"]
    print(
        f"{'cp -a':>13} {copy['seconds']:7.1f} s (CPU {copy['cpu_seconds']:.0f} s) of the "
        f"same files: the build in x{row['build']['seconds'] / copy['seconds']:.2f} the time"
    )
    if "against" in row:
        against = row["against"]
        print(_build_line("build against", against))
        print(f"{'':>14}this build in x{row['build']['seconds'] / against['seconds']:.2f} the time")
        print(_stages_line(row["stages_against"], "stages against"))
        ours, theirs = row["stages"]["seconds"], row["stages_against"]["seconds"]
        ratios = ", ".join(f"{stage} x{ours[stage] / theirs[stage]:.2f}" for stage in STAGES)
        total = sum(ours.values()) / sum(theirs.values())
        print(f"{'':>14}this version's stages: {ratios}; x{total:.2f} in all")


def print_summary(rows: list[dict]) -> None:
    first, last = rows[0], rows[-1]
    print()
    per_event = [row["build"]["seconds"] / row["feeds"]["events"] for row in (first, last)]
    print(
        f"growth of time per published event, {first['blocks']} -> {last['blocks']} blocks: "
        f"feeds x{_us(last['feeds']) / _us(first['feeds']):.2f}, "
        f"whole build x{per_event[1] / per_event[0]:.2f}"
    )
    for row in rows:
        print(
            f"speed-up over the naive build at {row['blocks']} blocks: "
            f"x{_us(row['naive']) / _us(row['feeds']):.1f}"
        )


if __name__ == "__main__":
    main()
