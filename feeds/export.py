"""The static export: the catalog written as files, swapped in whole.

The tree is written to a fresh folder beside the target and then exchanged
with it in one atomic rename, so a reader (or a web server) sees either the
previous export or the new one, never a mix, even if the build is killed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from . import urls
from .catalog import Catalog, Resource

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _clear_leftovers(out: Path) -> None:
    """Remove the work folders of earlier builds of `out` that were killed midway."""
    for stale in out.parent.glob(f".{out.name}.build-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_tree(
    folder: Path, resources: Iterable[Resource], progress: Callable[[Resource], None] | None = None
) -> int:
    """Write each resource (and each feed's UTC form) under `folder`; the number of files."""
    count = 0
    made: set[Path] = set()

    def write(target: Path, body: bytes) -> None:
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        with open(target, "wb") as stream:
            stream.write(body)

    for resource in resources:
        write(folder / urls.export_file(resource.path), resource.body)
        count += 1
        if resource.utc_body is not None:
            # The UTC-time variant for web widgets, served when a request has an Origin.
            write(folder / urls.export_utc_file(resource.path), resource.utc_body)
            count += 1
        if progress is not None:
            progress(resource)
    return count


MARKER = ".feeds-export"


class UnsafeTarget(Exception):
    """The output folder holds something that a build must not replace."""


def _check_target(out: Path, keep: list[Path]) -> None:
    """Refuse to replace a folder that is not a previous export, or that holds precious files."""
    for precious in [Path.cwd(), *keep]:
        precious = Path(os.path.abspath(precious))
        if out == precious or out in precious.parents:
            raise UnsafeTarget(f"{out} holds {precious}; choose a folder of its own for the export")
    if out.exists() and not out.is_dir():
        raise UnsafeTarget(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise UnsafeTarget(
            f"{out} is not empty and was not written by feeds build; "
            "remove it or choose another folder"
        )


def export(
    catalog: Catalog,
    out: Path,
    progress: Callable[[Resource], None] | None = None,
    keep: list[Path] | None = None,
) -> int:
    """Write every resource of the catalog under `out`, replacing it whole.

    Returns the number of files written: each resource, each feed's UTC form and the marker.

    `out` must be empty, missing or an earlier export (it holds the `.feeds-export`
    marker), and must not hold the working folder or any of the `keep` paths.
    """
    out = Path(os.path.abspath(out))
    _check_target(out, keep or [])
    out.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(out)
    work = out.parent / f".{out.name}.build-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        count = write_tree(work, catalog, progress)
        (work / MARKER).write_text("Written by `feeds build`, which replaces this folder whole.\n")
        count += 1
        os.sync()  # the new files are durable before they become visible
        if not out.exists():
            os.rename(work, out)
            return count
        if not _exchange(work, out):
            retired = out.parent / f".{out.name}.build-old-{os.getpid()}"
            os.rename(out, retired)
            os.rename(work, out)
            work = retired
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return count
