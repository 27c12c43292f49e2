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
import gc
import multiprocessing
import multiprocessing.connection
import os
import pickle
import re
import secrets
import shutil
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path

from . import catalog, load, urls
from .catalog import Catalog, Resource
from .load import ProgrammeError
from .revisions import UNRECORDED

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


def _write_file(target: str, body: bytes) -> None:
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(body)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)


def _write_forms(target: str, body: bytes, coded: bytes | None) -> int:
    """The file, and beside it its gzip form (`.gz`, which nginx's gzip_static sends to
    clients that accept it) if it is worth compressing; the number of files."""
    _write_file(target, body)
    if coded is None:
        return 1
    _write_file(target + ".gz", coded)
    return 2


def _write_resource(resource: Resource, target: str, utc_target: str | None) -> int:
    """Write one resource and its forms, compressing them; the number of files."""
    count = _write_forms(target, resource.body, resource.compressed("gzip"))
    if resource.utc_body is not None and utc_target is not None:
        # The UTC-time variant for web widgets, served when a request has an Origin.
        coded = resource.compressed("gzip", web=True)
        count += _write_forms(utc_target, resource.utc_body, coded)
    return count


def write_tree(
    folder: Path, resources: Iterable[Resource], progress: Callable[[Resource], None] | None = None
) -> int:
    """Write each resource (and each feed's UTC form) under `folder`; the number of files.

    Resources are taken from `resources` (which may render them), compressed and
    written one after another, and `progress` is called as each one is. A build
    runs one such process per core: threads that compressed and wrote beside the
    rendering made it slower, every file's system calls handing the interpreter
    lock back and forth (bench/RESULTS.md).
    """
    root = os.fspath(folder)
    made: set[str] = set()
    count = 0

    def place(relative: str) -> str:
        target = os.path.join(root, relative)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        return target

    for resource in resources:
        target = place(urls.export_file(resource.path))
        utc_target = None
        if resource.utc_body is not None:
            utc_target = place(urls.export_utc_file(resource.path))
        count += _write_resource(resource, target, utc_target)
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


def _publish(
    out: Path, write: Callable[[Path], int], keep: list[Path], waiting: Callable[[], None] | None
) -> int:
    """Write a new tree with `write` (the number of files) and swap it in for `out`."""
    out = Path(os.path.realpath(out))
    _check_target(out, keep)
    out.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(out, waiting):
        _clear_leftovers(out)
        work = _new_folder(out.parent, f".{out.name}.build")
        try:
            count = write(work)
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
    return _publish(out, lambda work: write_tree(work, catalog, progress), keep or [], waiting)


class WorkerFailed(Exception):
    """A process of a build stopped before it had written its share."""


#: How many resources a worker writes between two reports of its progress.
_REPORT_EVERY = 256


def _programme_files(paths: Iterable[Path]) -> list[Path] | None:
    """The programme files to share out, or None if listing them finds a problem (which
    the whole load then reports as it would)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            try:
                found = load.programme_files(path)
            except OSError:
                return None
            if not found:
                return None
            files += found
        elif path.exists():
            files.append(path)
        else:
            return None
    return files


def _end_with_parent() -> None:
    """Have this process killed when its parent ends (Linux PR_SET_PDEATHSIG).

    A parent that ended before this was asked is noticed at the worker's next
    report, which finds the pipe closed.
    """
    libc_name = ctypes.util.find_library("c")
    if libc_name is not None:
        ctypes.CDLL(libc_name).prctl(1, signal.SIGKILL)


def _work(files: list[Path], base_url: str, conn: Connection) -> int:
    """A worker's share of a build: read the meetings of `files` and report their ids; on
    the word, send what the parent needs of them and write their own resources under the
    folder named; the exit status."""
    # What is read lives until the process ends, and what is written is freed as it is
    # written, by its count of references: collections would only rescan the meetings.
    gc.disable()
    try:
        try:
            published = catalog.publish_all(load.load_paths(files))
        except ProgrammeError:
            conn.send(("problems",))
            return 1
        ids = [entry.meeting.id for entry in published]
        conn.send(("ready", ids, catalog.own_count(published)))
        order = conn.recv()
        if order[0] != "write":
            return 1
        # The parent makes what spans meetings from these while this writes their own.
        meetings = [entry.meeting for entry in published]
        modified = max((entry.meeting_modified for entry in published), default=UNRECORDED)
        members = {e.meeting.id: e for e in published if e.meeting.series is not None}
        series_events = {key: catalog.rendered_events(entry) for key, entry in members.items()}
        conn.send(("published", meetings, modified, members, series_events))
        written = [0]

        def report(_resource: Resource) -> None:
            written[0] += 1
            if written[0] == _REPORT_EVERY:
                conn.send(("progress", written[0]))
                written[0] = 0

        # Each meeting's files are made as write_tree reaches them, and freed once written.
        resources = catalog.own_resources(published, base_url, series_events)
        count = write_tree(Path(order[1]), resources, report)
        conn.send(("written", count, written[0]))
        return 0
    except OSError as error:
        conn.send(("oserror", error.errno, error.strerror, error.filename))
    except BaseException as error:  # the parent reports it and stops the build
        conn.send(("failed", f"{type(error).__name__}: {error}"))
    return 1


class _Worker:
    """A forked process that builds a share of the meetings."""

    def __init__(self, files: list[Path], base_url: str):
        self.conn, child = multiprocessing.Pipe()
        pid = os.fork()
        if pid == 0:  # the worker: it never returns from here
            status = 1
            try:
                self.conn.close()
                _end_with_parent()
                status = _work(files, base_url, child)
            finally:
                os._exit(status)
        child.close()
        self.pid: int | None = pid

    def receive(self) -> tuple:
        """The worker's next message; WorkerFailed if it stopped without one."""
        return pickle.loads(self.receive_bytes())

    def receive_bytes(self) -> bytes:
        """The worker's next message, as sent (pickled); WorkerFailed if it stopped
        without one."""
        try:
            return self.conn.recv_bytes()
        except (EOFError, OSError):
            raise WorkerFailed(f"a process of the build {self.stopped()}") from None

    def stopped(self) -> str:
        """How the worker ended, once it has (it is waited for)."""
        assert self.pid is not None
        _pid, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.WIFSIGNALED(status):
            return f"was killed by signal {os.WTERMSIG(status)}"
        return f"stopped with status {os.waitstatus_to_exitcode(status)}"

    def stop(self) -> None:
        """End the worker if it still runs, and wait for it."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None
        self.conn.close()


def _fail(message: tuple) -> Exception:
    """The exception a worker's report of its failure stands for."""
    if message[0] == "oserror":
        return OSError(*message[1:])
    return WorkerFailed(f"a process of the build failed: {message[1]}")


def _write_all(
    workers: list[_Worker],
    folder: Path,
    base_url: str,
    progress: Callable[[int], None] | None,
    sized: Callable[[int], None] | None,
    own_count: int,
) -> int:
    """Have each worker write its meetings under `folder` while this process makes and
    writes what spans them; the number of files. A worker that fails stops them all.

    `sized` is told how many resources there are (`own_count`, the workers', and this
    process's) before the first is written."""
    try:
        for worker in workers:
            worker.conn.send(("write", str(folder)))
        # Each worker's meetings come as it starts writing: read them all, so that none
        # waits for another's to be taken in, before taking them in.
        sent = [worker.receive_bytes() for worker in workers]
        collecting = gc.isenabled()
        gc.disable()  # the meetings received are kept whole: collections would only rescan them
        try:
            messages = [pickle.loads(payload) for payload in sent]
        finally:
            if collecting:
                gc.enable()
        del sent
        failed = next((message for message in messages if message[0] != "published"), None)
        if failed is not None:
            raise _fail(failed)
        meetings = sorted(
            (meeting for message in messages for meeting in message[1]),
            key=lambda meeting: meeting.id,
        )
        modified = max(message[2] for message in messages)
        members = {key: value for message in messages for key, value in message[3].items()}
        events = {key: value for message in messages for key, value in message[4].items()}
        shared = catalog.shared(meetings, modified, members, events, base_url)
        if sized is not None:
            sized(own_count + len(shared))
        count = write_tree(folder, shared, progress and (lambda _resource: progress(1)))
        waiting = {worker.conn: worker for worker in workers}
        while waiting:
            for conn in multiprocessing.connection.wait(list(waiting)):
                worker = waiting[conn]
                message = worker.receive()
                if message[0] == "progress":
                    if progress is not None:
                        progress(message[1])
                    continue
                if message[0] != "written":
                    raise _fail(message)
                count += message[1]
                if progress is not None:
                    progress(message[2])
                del waiting[conn]
                status = worker.stopped()
                if status != "stopped with status 0":
                    raise WorkerFailed(f"a process of the build {status}")
        return count
    except BaseException:
        for worker in workers:  # before the work folder is removed
            worker.stop()
        raise


def build(
    paths: list[Path],
    out: Path,
    base_url: str = "",
    progress: Callable[[int], None] | None = None,
    keep: list[Path] | None = None,
    waiting: Callable[[], None] | None = None,
    sized: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> tuple[int, int]:
    """Load the programmes of `paths` and export them under `out`, as `export` does, in
    as many processes as this one may use cores; the number of files and of meetings.

    The meetings are shared out among forked workers, which load, render and write
    their own, into the tree that is swapped in; this process makes what spans
    meetings (the front pages, series feeds and assets) from the meetings they
    send as they start, writes it meanwhile, and swaps the tree in once every
    worker has written its share. Invalid data raises ProgrammeError with every
    problem, as a load of all of it in one process reports them, and nothing is
    written. If a worker stops before it has written its share, the others are
    stopped and the build raises WorkerFailed, leaving `out` as it was.

    `sized` is told how many resources there are before the first is written, and
    `progress` each time some more of them are written.
    """
    keep = keep or []
    files = _programme_files(paths)
    count = workers or len(os.sched_getaffinity(0))
    count = min(count, len(files or ()))
    # Forking copies only the calling thread: with others running, a lock one of them
    # holds would stay held in the worker, so such a process builds alone.
    if files is None or count < 2 or threading.active_count() > 1:
        built = catalog.load(paths, base_url)
        if sized is not None:
            sized(len(built))
        step = progress and (lambda _resource: progress(1))
        return export(built, out, step, keep, waiting), len(built.published)
    started: list[_Worker] = []
    try:
        for index in range(count):
            started.append(_Worker(files[index::count], base_url))
        reports = [worker.receive() for worker in started]
        failed = next((m for m in reports if m[0] not in ("ready", "problems")), None)
        if failed is not None:
            raise _fail(failed)
        ids = [one for message in reports if message[0] == "ready" for one in message[1]]
        if any(message[0] == "problems" for message in reports) or len(set(ids)) < len(ids):
            # Some file is invalid, or two name one meeting: the whole load says which, as
            # it would in one process (for a file changed meanwhile, it builds in one).
            for worker in started:
                worker.stop()
            built = catalog.load(paths, base_url)
            if sized is not None:
                sized(len(built))
            step = progress and (lambda _resource: progress(1))
            return export(built, out, step, keep, waiting), len(built.published)
        own_count = sum(message[2] for message in reports)

        def write(work: Path) -> int:
            return _write_all(started, work, base_url, progress, sized, own_count)

        return _publish(out, write, keep, waiting), len(ids)
    finally:
        for worker in started:
            worker.stop()
