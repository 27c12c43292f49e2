"""What a server answers while it loads its data folder for the first time.

Loading and rendering every programme takes seconds per thousand meetings,
so a server does not wait for it before it answers: a quick look at the head
of each file says which meeting it holds (`meeting.id`) and in which series,
and a request for a meeting's feed, page or programme loads and renders that
file alone, once, and keeps it. The whole folder is loaded meanwhile (see
`feeds.live`); what spans meetings (the front page, an unknown path) waits for
it. The single files' work is kept in the catalog's `Reuse`, so the whole load
does not render any meeting twice.

The bytes are the same either way: a meeting's resources depend on that
meeting alone, and a series' feed on its meetings.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import catalog as catalog_module
from . import urls
from .catalog import Catalog, Choice, Resource
from .load import ProgrammeError, programme_files
from .model import Meeting
from .revisions import Published
from .series import series_of

#: How much of a file's start is looked at for its meeting's id and series.
HEAD_BYTES = 64 * 1024

#: How long a request that needs the whole folder waits for it before a 503.
WHOLE_WAIT = 30.0

_MEETING = re.compile(rb"^meeting:[ \t]*(?:#[^\n]*)?\n", re.MULTILINE)
_LINE = re.compile(rb"([ \t]*)([^\n]*)\n?")
_KEY = re.compile(rb"""(id|series):[ \t]*(['"]?)([a-z0-9][a-z0-9-]*)\2[ \t]*(?:#.*)?""")
_UNKNOWN = "?"  # a series the head names in a form not read here


class NotReady(Exception):
    """The answer needs the whole data folder, and it is not loaded (yet, or at all)."""


@dataclass(frozen=True)
class Head:
    """What the start of a programme file says: its meeting's id and series, if it
    says them plainly (`None`: not said, or not plainly; series `"?"`: unknown)."""

    id: str | None
    series: str | None


def read_head(path: Path) -> Head:
    """The id and series in a file's `meeting:` mapping, as far as its first lines show.

    A hint only: the file's meeting is what loading it gives.
    """
    try:
        with path.open("rb") as file:
            text = file.read(HEAD_BYTES)
    except OSError:
        return Head(None, _UNKNOWN)
    found = _MEETING.search(text)
    if found is None:
        return Head(None, _UNKNOWN)
    values: dict[bytes, bytes | None] = {}
    indent: bytes | None = None
    for line in _LINE.finditer(text, found.end()):
        space, rest = line[1], line[2]
        if not line[0]:
            break
        if not rest or rest.startswith(b"#"):
            continue
        if not space:
            break  # the mapping ended
        if indent is None:
            indent = space
        if space != indent:
            continue  # a value's lines, deeper in
        key = _KEY.fullmatch(rest)
        name = rest.split(b":", 1)[0].strip()
        if name in (b"id", b"series"):
            values[name] = key[3] if key is not None and name not in values else None
    meeting_id = values.get(b"id")
    series = values.get(b"series", b"")
    return Head(
        meeting_id.decode() if meeting_id else None,
        None if series == b"" else series.decode() if series else _UNKNOWN,
    )


def _meeting_of(path: str) -> str | None:
    """The meeting a path is about, as far as its form tells (`/{meeting}/`,
    `/{lang}/{meeting}/...`)."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "" and parts[2] == "" and parts[1]:
        return parts[1]  # the meeting's language chooser
    if len(parts) >= 4 and parts[0] == "" and parts[2] != urls.SERIES_FOLDER:
        return parts[2]
    return None


def _series_of(path: str) -> str | None:
    parts = path.split("/")
    if len(parts) == 4 and parts[0] == "" and parts[2] == urls.SERIES_FOLDER:
        name = parts[3]
        return name[: -len(".ics")] if name.endswith(".ics") else None
    return None


class Starting:
    """Answers from single programme files while the whole folder loads.

    It answers as a `Catalog` does. What needs the whole folder waits for
    `whole()` to give it, and raises NotReady if it does not come.
    """

    def __init__(
        self,
        folder: Path,
        base_url: str,
        reuse: catalog_module.Reuse,
        whole: Callable[[float], Catalog | None],
    ):
        self.base_url = base_url
        self._reuse = reuse
        self._whole = whole
        self._lock = threading.Lock()
        self._loading: dict[str, threading.Lock] = {}
        self._single: dict[str, Catalog | None] = {}
        self._series: dict[str, list[Resource] | None] = {}
        try:
            files = programme_files(folder)
        except OSError:
            files = []
        heads = [(file, read_head(file)) for file in files]
        claimed: dict[str, list[Path]] = {}
        for file, head in heads:
            if head.id is not None:
                claimed.setdefault(head.id, []).append(file)
        # A meeting two files claim is the whole load's to refuse.
        self._files = {key: found[0] for key, found in claimed.items() if len(found) == 1}
        self._clear = all(head.id is not None and head.series != _UNKNOWN for _f, head in heads)
        self._members: dict[str, list[str]] = {}
        for _file, head in heads:
            if head.series is not None and head.id is not None:
                self._members.setdefault(head.series, []).append(head.id)
        self._assets: Catalog | None = None

    # -- one meeting ----------------------------------------------------------------

    def _meeting(self, meeting_id: str) -> Catalog | None:
        """The catalog of the one file that holds `meeting_id`, loaded once; None if no
        file plainly does, or if it is not a valid programme of that meeting."""
        file = self._files.get(meeting_id)
        if file is None:
            return None
        if meeting_id in self._single:
            return self._single[meeting_id]
        with self._lock:
            lock = self._loading.setdefault(meeting_id, threading.Lock())
        with lock:
            if meeting_id not in self._single:
                self._single[meeting_id] = self._load(file, meeting_id)
        return self._single[meeting_id]

    def _load(self, file: Path, meeting_id: str) -> Catalog | None:
        try:
            single = catalog_module.load([file], self.base_url, self._reuse, whole=False)
        except ProgrammeError:
            return None  # the whole load reports it
        ids = [meeting.id for meeting in single.meetings]
        return single if ids == [meeting_id] else None

    def _for(self, path: str) -> Catalog:
        """The catalog that answers `path`: its meeting's file's, or the whole folder's."""
        meeting_id = _meeting_of(path)
        single = self._meeting(meeting_id) if meeting_id is not None else None
        return single if single is not None else self._wait()

    def _wait(self) -> Catalog:
        whole = self._whole(WHOLE_WAIT)
        if whole is None:
            raise NotReady
        return whole

    def _asset(self, path: str) -> Resource | None:
        if not path.startswith("/assets/"):
            return None
        if self._assets is None:
            self._assets = catalog_module.build([], self.base_url, whole=False)
        return self._assets.get(path)

    # -- a series -------------------------------------------------------------------

    def _series_feed(self, path: str) -> Resource | Catalog | None:
        """A series' feed from its meetings' files, when every file's head is plain; else
        the whole folder's catalog to ask."""
        name = _series_of(path)
        if name is None or not self._clear:
            return self._wait()
        if name not in self._series:
            self._series[name] = self._series_resources(name)
        resources = self._series[name]
        if resources is None:
            return self._wait()
        return next((resource for resource in resources if resource.path == path), None)

    def _series_resources(self, name: str) -> list[Resource] | None:
        singles = [self._meeting(meeting_id) for meeting_id in self._members.get(name, [])]
        if not singles or any(single is None for single in singles):
            return None
        entries = {}
        events = {}
        for single in singles:
            assert single is not None
            for entry in single.published:
                entries[entry.meeting.id] = entry
                events[entry.meeting.id] = single.events_of(entry.meeting.id)
        meetings: Iterable[Meeting] = sorted(
            (entry.meeting for entry in entries.values()), key=lambda meeting: meeting.id
        )
        found = [series for series in series_of(meetings) if series.id == name]
        if not found:
            return None
        return catalog_module.series_resources(found[0], entries, events)

    # -- answering as a Catalog does ------------------------------------------------

    def get(self, path: str) -> Resource | None:
        if path == urls.HEALTH:
            return None
        asset = self._asset(path)
        if asset is not None:
            return asset
        if _series_of(path) is not None:
            found = self._series_feed(path)
            return found.get(path) if isinstance(found, Catalog) else found
        return self._for(path).get(path)

    def feed(self, path: str) -> Resource | None:
        if _series_of(path) is not None:
            found = self._series_feed(path)
            return found.feed(path) if isinstance(found, Catalog) else found
        if path.startswith("/assets/"):
            return None
        return self._for(path).feed(path)

    def choose(self, path: str) -> Choice | None:
        return self._for(path).choose(path)

    def is_chooser(self, path: str) -> bool:
        if path == urls.HEALTH or path.startswith("/assets/") or _series_of(path) is not None:
            return False
        return self._for(path).is_chooser(path)

    def page(self, path: str, base_url: str) -> Resource | None:
        return self._for(path).page(path, base_url)

    def meeting(self, meeting_id: str) -> Published | None:
        single = self._meeting(meeting_id)
        return (single if single is not None else self._wait()).meeting(meeting_id)

    @property
    def meetings(self) -> list[Meeting]:
        return [single.meetings[0] for single in list(self._single.values()) if single]
