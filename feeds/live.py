"""The catalog a server publishes, kept up to date with its data folder.

Each process watches the folder itself: at most once per interval (and
never for more than a twentieth of a core, which a folder of thousands of
files needs) a thread behind the requests looks at the files' sizes and
modification times, and if they changed, loads the data again while requests
go on being served from the catalog in hand. A valid edit replaces the catalog in one
assignment, so every response comes from one version; an invalid edit is
logged with its `file:line` problems and the last good catalog stays.

A server answers before its first load ends: meanwhile `feeds.starting`
answers a meeting's requests from that meeting's file alone, and what needs
every meeting waits for the load. A folder with a problem at start publishes
nothing, as before: what was answered from single files is withdrawn (503).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import catalog as catalog_module
from .catalog import Catalog, Resource
from .load import ProgrammeError, file_signature, programme_files
from .revisions import ledger_path
from .starting import Starting
from .yamlnodes import Problem

log = logging.getLogger("feeds")

Signature = tuple[tuple[str, tuple | None, tuple | None], ...]

#: How many problems of a refused version go to the log one by one (the rest are counted).
LOGGED_PROBLEMS = 50


@dataclass(frozen=True)
class Health:
    loaded: bool
    loading: bool  # the first load has not ended; single meetings are answered
    generation: int
    meetings: tuple[str, ...]
    problems: tuple[Problem, ...]  # of the newest data, if it was refused
    fault: str | None  # the data folder could not be read

    @property
    def status(self) -> str:
        if not self.loaded:
            return "loading" if self.loading else "unavailable"
        return "degraded" if self.problems or self.fault else "ok"


def _load_quietly(folder: Path, base_url: str, reuse: catalog_module.Reuse) -> Catalog:
    """Load a catalog without the cyclic garbage collector, then set it aside from it.

    A catalog is millions of small objects that live until the next version
    and hold no reference cycles worth collecting: scanning them again and
    again slowed loading more than linearly and paused requests for a second
    at a time. Frozen objects are still freed when the next version replaces
    them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        fresh = catalog_module.load([folder], base_url, reuse)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return fresh


#: The interpreter's switch interval while data loads behind requests, seconds (Python's
#: default is 5 ms: a request would wait that long for each turn while a load runs).
LOADING_SWITCH_INTERVAL = 0.0005
#: The niceness of the thread that loads data behind requests (Linux sets it per thread).
LOADING_NICENESS = 10

#: Looks at the data folder are at least this many times as far apart as the last took.
LOOKS_APART = 20

_usual_switch_interval = sys.getswitchinterval()
_loads_running = 0
_loads_lock = threading.Lock()


def _behind_requests(load: Callable[[Signature | None], None], signature, name: str) -> None:
    """Run `load(signature)` in a thread of its own that yields to requests: it gets
    the processor after them, and the interpreter hands them its lock more often."""

    def run() -> None:
        global _loads_running
        with contextlib.suppress(OSError, AttributeError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOADING_NICENESS)
        with _loads_lock:
            _loads_running += 1
            sys.setswitchinterval(LOADING_SWITCH_INTERVAL)
        try:
            load(signature)
        finally:
            with _loads_lock:
                _loads_running -= 1
                if _loads_running == 0:
                    sys.setswitchinterval(_usual_switch_interval)

    threading.Thread(target=run, name=name, daemon=True).start()


class LiveCatalog:
    """The newest valid catalog of a data folder."""

    def __init__(
        self,
        folder: Path,
        base_url: str = "",
        interval: float = 1.0,
        page_cache: int = 64,
        wait: bool = False,
    ):
        """`wait`: load everything before returning; otherwise answer from single files
        (`feeds.starting`) while the first load runs in the background."""
        self.folder = folder
        self.base_url = base_url
        self.interval = interval
        self._catalog: Catalog | None = None
        self._generation = 0
        self._problems: tuple[Problem, ...] = ()
        self._fault: str | None = None
        self._signature: Signature | None = None
        self._checked = time.monotonic()
        self._look_seconds = 0.0  # how long the last look at the folder took
        self._lock = threading.Lock()
        self._loading = False
        self._pages: OrderedDict[tuple[int, str, str], Resource] = OrderedDict()
        self._page_cache = page_cache
        self._reuse = catalog_module.Reuse()  # meetings of unchanged files are not read again
        self._first = threading.Event()  # the first load ended, taken or refused
        self._starting: Starting | None = None
        signature = self._read_signature()
        if wait:
            self._first_load(signature)
            return
        self._starting = Starting(folder, base_url, self._reuse, self.whole)
        self._loading = True
        _behind_requests(self._first_load, signature, name="feeds-load")

    @property
    def catalog(self) -> Catalog | Starting | None:
        """The catalog to answer with now; starts a reload if the data changed."""
        now = time.monotonic()
        # Never more than a twentieth of a core on looking: thousands of files take a while.
        if now - self._checked >= max(self.interval, LOOKS_APART * self._look_seconds):
            self._checked = now
            self._check()
        current = self._catalog
        return current if current is not None else self._starting

    def whole(self, timeout: float) -> Catalog | None:
        """The catalog of every meeting, waiting at most `timeout` seconds for the first."""
        self._first.wait(timeout)
        return self._catalog

    def _first_load(self, signature: Signature | None) -> None:
        try:
            self._load(signature)
        finally:
            self._starting = None  # taken, or refused: nothing from single files stays
            self._first.set()

    def health(self) -> Health:
        self.catalog  # noqa: B018 - looks at the folder, as a request does
        current = self._catalog
        return Health(
            loaded=current is not None,
            loading=not self._first.is_set(),
            generation=self._generation,
            meetings=tuple(m.id for m in current.meetings) if current else (),
            problems=self._problems,
            fault=self._fault,
        )

    def page(self, path: str, base_url: str) -> Resource | None:
        """A page rendered for `base_url`, kept for the next request from the same address."""
        current = self.catalog
        if current is None:
            return None
        if base_url == current.base_url:
            return current.get(path)
        key = (self._generation, path, base_url)
        with self._lock:
            cached = self._pages.get(key)
            if cached is not None:
                self._pages.move_to_end(key)
                return cached
        page = current.page(path, base_url)
        if page is not None:
            with self._lock:
                self._pages[key] = page
                while len(self._pages) > self._page_cache:
                    self._pages.popitem(last=False)
        return page

    def wait_for_generation(self, generation: int, timeout: float) -> bool:
        """Block until the catalog reached `generation` (for tests and tools)."""
        deadline = time.monotonic() + timeout
        while self._generation < generation:
            if time.monotonic() > deadline:
                return False
            self._checked = 0.0
            _ = self.catalog
            time.sleep(0.02)
        return True

    # -- watching -----------------------------------------------------------------

    def _read_signature(self) -> Signature | None:
        """What the programme files and their revisions files look like now.

        The same files `feeds check` reads (hidden and editors' lock files are
        not); a file that cannot be looked at (a link to nothing) is part of the
        signature too, and its problem is reported when the folder is loaded.
        """
        try:
            files = programme_files(self.folder)
        except OSError as error:
            fault = f"cannot read the data folder {self.folder}: {error.strerror or error}"
            if fault != self._fault:
                log.error("%s; still serving the last good programme", fault)
            self._fault = fault
            return None
        if self._fault is not None:
            log.info("the data folder %s can be read again", self.folder)
        self._fault = None
        return tuple(
            (path.name, file_signature(path), file_signature(ledger_path(path))) for path in files
        )

    def _check(self) -> None:
        """Look at the folder, and load it if it changed, in a thread behind requests:
        looking at thousands of files takes long enough to hold a request up."""
        with self._lock:
            if self._loading:  # a look, a load, or the first load, is under way
                return
            self._loading = True
        _behind_requests(self._look, None, name="feeds-reload")

    def _look(self, _signature: Signature | None) -> None:
        started = time.monotonic()
        try:
            signature = self._read_signature()
            self._look_seconds = time.monotonic() - started
        except BaseException:
            with self._lock:
                self._loading = False
            raise
        if signature is None or signature == self._signature:
            with self._lock:
                self._loading = False
            return
        self._load(signature)  # ends with _loading False

    def _load(self, signature: Signature | None) -> None:
        try:
            if signature is None:
                return
            try:
                fresh = _load_quietly(self.folder, self.base_url, self._reuse)
            except ProgrammeError as error:
                self._refuse(tuple(error.problems))
                return
            except Exception as error:  # any fault is reported, never hidden behind "ok"
                log.exception("loading %s failed", self.folder)
                name = type(error).__name__
                self._refuse((Problem(str(self.folder), None, "(load)", f"failed: {name}"),))
                return
            finally:
                self._signature = signature
            previous = self._catalog
            if previous is not None:
                # Pages asked for in the last version are ready in this one before it is
                # served, so no request waits for a page rendered again after an edit.
                for path in previous.rendered_pages():
                    fresh.get(path)
            self._catalog = fresh
            self._problems = ()
            self._generation += 1
            log.info(
                "loaded %s: %d meetings, %d resources (version %d)",
                self.folder,
                len(fresh.meetings),
                len(fresh),
                self._generation,
            )
        finally:
            with self._lock:
                self._loading = False

    def _refuse(self, problems: tuple[Problem, ...]) -> None:
        """Keep the last good catalog, and say why the newest data was not taken."""
        self._problems = problems
        for problem in problems[:LOGGED_PROBLEMS]:
            log.error("%s", problem)
        if len(problems) > LOGGED_PROBLEMS:
            log.error("... and %d more problems", len(problems) - LOGGED_PROBLEMS)
        log.error(
            "the programme data was not loaded; %s",
            "still serving the last good version" if self._catalog else "nothing to serve",
        )
