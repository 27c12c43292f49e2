"""The static export: the catalog written as files, swapped in whole.

The tree is written to a fresh folder beside the target and then exchanged
with it in one atomic rename, so a reader (or a web server) sees either the
previous export or the new one, never a mix, even if the build is killed.

Builds of one folder take turns, by a lock on a file beside it (`.OUT.lock`), which
holds across processes, containers sharing a volume and PID namespaces alike; a work
folder found while holding the lock can only be a dead build's, and is removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
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


def _work_name(out: Path) -> re.Pattern[str]:
    """The names of the work folders of builds of `out` (and of none of another folder)."""
    return re.compile(rf"\.{re.escape(out.name)}\.build-[A-Za-z0-9_-]+")


def _clear_leftovers(out: Path) -> None:
    """Remove the work folders of earlier builds of `out`; only while holding its lock."""
    pattern = _work_name(out)
    for stale in out.parent.iterdir():
        if pattern.fullmatch(stale.name):
            shutil.rmtree(stale, ignore_errors=True)


def _new_folder(parent: Path, prefix: str) -> Path:
    """A new, empty folder `parent/prefix-RANDOM`, with the mode the umask gives a folder."""
    while True:
        folder = parent / f"{prefix}-{secrets.token_hex(8)}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder


def lock_path(out: Path) -> Path:
    """The file whose lock builds of `out` take in turn: `.OUT.lock` beside it."""
    return out.parent / f".{out.name}.lock"


@contextlib.contextmanager
def build_lock(out: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock of builds of `out` for the block; wait for it while another build holds it.

    `waiting` is called once, before waiting, if another build holds the lock. The lock
    file is removed on the way out, while still locked; a build that was waiting on the
    removed file sees that it is gone and locks the new one instead.
    """
    path = lock_path(out)
    told = False
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None and not told:
                    waiting()
                    told = True
                fcntl.flock(handle, fcntl.LOCK_EX)
            opened = os.fstat(handle)
            try:
                current = os.stat(path)
            except FileNotFoundError:
                current = None
            if current is not None and (current.st_dev, current.st_ino) == (
                opened.st_dev,
                opened.st_ino,
            ):
                break
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)  # the file was removed by the build that held it: lock its successor
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        os.close(handle)


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

    def write_forms(target: Path, body: bytes, coded: tuple[bytes, str] | None) -> int:
        """The file, and beside it its gzip form (`.gz`, which nginx's gzip_static sends
        to clients that accept it) if it is worth compressing."""
        write(target, body)
        if coded is None:
            return 1
        write(target.with_name(target.name + ".gz"), coded[0])
        return 2

    for resource in resources:
        coded = resource.coded("gzip") if resource.compressible else None
        count += write_forms(folder / urls.export_file(resource.path), resource.body, coded)
        if resource.utc_body is not None:
            # The UTC-time variant for web widgets, served when a request has an Origin.
            coded = resource.coded("gzip", web=True)
            target = folder / urls.export_utc_file(resource.path)
            count += write_forms(target, resource.utc_body, coded)
        if progress is not None:
            progress(resource)
    return count


MARKER = ".feeds-export"


class UnsafeTarget(Exception):
    """The output folder holds something that a build must not replace."""


def _check_target(out: Path, keep: list[Path]) -> None:
    """Refuse to replace a folder that is not a previous export, or that holds precious files."""
    for precious in [Path.cwd(), *keep]:
        precious = Path(os.path.realpath(precious))
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
    waiting: Callable[[], None] | None = None,
) -> int:
    """Write every resource of the catalog under `out`, replacing it whole.

    Returns the number of files written: each resource, each feed's UTC form and the marker.

    `out` must be empty, missing or an earlier export (it holds the `.feeds-export`
    marker), and must not hold the working folder or any of the `keep` paths. If `out`
    is a symbolic link, the folder it points to is replaced and the link is kept.
    Builds of one folder run one at a time: if another holds it, `waiting` is called
    once and this build waits for that one to finish.
    """
    out = Path(os.path.realpath(out))
    _check_target(out, keep or [])
    out.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(out, waiting):
        _clear_leftovers(out)
        work = _new_folder(out.parent, f".{out.name}.build")
        try:
            count = write_tree(work, catalog, progress)
            (work / MARKER).write_text(
                "Written by `feeds build`, which replaces this folder whole.\n"
            )
            count += 1
            os.sync()  # the new files are durable before they become visible
            if not out.exists():
                os.rename(work, out)
                return count
            if not _exchange(work, out):
                retired = _new_folder(out.parent, f".{out.name}.build-old")
                os.rename(out, retired / out.name)
                os.rename(work, out)
                work = retired
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return count
