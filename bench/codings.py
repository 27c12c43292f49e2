"""Content codings on our own bodies: gzip as served against other deflate libraries and
levels, and against brotli.

    pip install brotli isal   # optional: the candidates that are not installed are skipped
    python bench/codings.py [--blocks 4000] [--data DIR] [--slow-every 10]

Loads the bundled programme and --blocks of synthetic ones (or the programmes
of --data), renders every feed (both time forms), programme.json, changes and
page the export writes, and compresses each body of 512 bytes or more: with
`feeds.encoding.compress` (what the server and the export send), with the
standard library's zlib at levels 4 to 6, zlib-ng (`zlib-ng`, the package the
server uses) at levels 4 to 8, ISA-L (`isal`) at levels 1 to 3, and brotli
(`brotli`, Google's bindings) at qualities 4, 5, 6 and 11. For each it prints
the CPU time for all the bodies, the bytes they come to, and both as ratios to
the standard library's zlib at level 6, overall and by kind of resource.
Quality 11 is run on every --slow-every'th body and scaled up. Each figure is
the best of three passes in one process, so only ratios mean anything.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
import tempfile
import time
import zlib
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
ROOT = HERE.parent


def bodies(data: list[Path]) -> dict[str, list[bytes]]:
    """The bodies worth compressing, by kind: page, embed, programme.json, changes and
    feeds by what they hold (each form of a feed counted apart)."""
    from feeds import catalog, encoding, load

    published = catalog.publish_all(load.load_paths(data))
    found: dict[str, list[bytes]] = defaultdict(list)
    for resource in catalog.own_resources(published, "https://feeds.example.org", {}):
        name = resource.path.rsplit("/", 2)
        kind = name[-2] if name[-2] in ("day", "item", "event") else name[-1] or "page"
        if kind.endswith(".ics"):
            kind = "all.ics"
        if resource.kind == "embed":
            kind = "embed"
        for body in (resource.body, resource.utc_body):
            if body is not None and encoding.worth_it(resource.media_type, len(body)):
                found[kind].append(body)
    return found


def _gzip(library: object, level: int) -> Callable[[bytes], bytes]:
    """Gzip at `level` by a zlib-like module (its `compress` with a gzip header)."""
    compress = library.compress  # type: ignore[attr-defined]
    return lambda body: compress(body, level, wbits=31)


def measure(
    compress: Callable[[bytes], bytes], found: dict[str, list[bytes]], every: int
) -> dict[str, tuple[float, int]]:
    """CPU seconds and bytes, by kind, for compressing one in `every` body (scaled up)."""
    result = {}
    for kind, some in found.items():
        sample = some[::every]
        best = float("inf")
        size = 0
        for _pass in range(3 if every == 1 else 1):
            start = time.process_time()
            size = sum(len(compress(body)) for body in sample)
            best = min(best, time.process_time() - start)
        scale = len(some) / len(sample)
        result[kind] = (best * scale, int(size * scale))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--blocks", type=int, default=4000)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--slow-every", type=int, default=10)
    args = parser.parse_args()
    from feeds import encoding
    from generate import generate

    with tempfile.TemporaryDirectory(prefix="feeds-codings-") as work:
        if args.data is not None:
            data = [args.data]
        else:
            generated = Path(work) / "data"
            generate(generated, args.blocks // 40, 10, 4, ["zh", "en"])
            data = [ROOT / "data", generated]
        found = bodies(data)
    gc.collect()
    count = sum(len(some) for some in found.values())
    total = sum(len(body) for some in found.values() for body in some)
    print(f"{count} bodies of 512 bytes or more, {total / 2**20:.1f} MiB")

    codings: list[tuple[str, Callable[[bytes], bytes], int]] = []
    for level in (6, 5, 4):
        codings.append((f"zlib {level}", _gzip(zlib, level), 1))
    codings.append(("served", lambda body: encoding.compress(body, "gzip"), 1))
    for module, name, levels in (
        ("zlib_ng.zlib_ng", "zlib-ng", (4, 5, 6, 7, 8)),
        ("isal.isal_zlib", "isal", (1, 2, 3)),
    ):
        try:
            library = importlib.import_module(module)
        except ImportError:
            print(f"{name}: not installed, skipped")
            continue
        codings += [(f"{name} {level}", _gzip(library, level), 1) for level in levels]
    try:
        import brotli
    except ImportError:
        print("brotli: not installed, skipped")
    else:
        for quality in (4, 5, 6, 11):
            every = args.slow_every if quality > 9 else 1

            def compress(body: bytes, quality: int = quality) -> bytes:
                return brotli.compress(body, quality=quality)

            codings.append((f"brotli {quality}", compress, every))
    results = {name: measure(compress, found, every) for name, compress, every in codings}
    reference = results[codings[0][0]]
    kinds = sorted(found, key=lambda kind: -sum(map(len, found[kind])))
    print(
        f"{'':10} {'CPU s':>8} {'x zlib 6':>8} {'MiB':>7} {'x zlib 6':>8}  bytes x zlib 6 by kind"
    )
    for name, result in results.items():
        seconds = sum(cost for cost, _size in result.values())
        size = sum(size for _cost, size in result.values())
        base_seconds = sum(cost for cost, _size in reference.values())
        base_size = sum(size for _cost, size in reference.values())
        by_kind = ", ".join(f"{kind} {result[kind][1] / reference[kind][1]:.2f}" for kind in kinds)
        print(
            f"{name:10} {seconds:8.2f} {seconds / base_seconds:8.2f} {size / 2**20:7.2f} "
            f"{size / base_size:8.2f}  {by_kind}"
        )


if __name__ == "__main__":
    main()
