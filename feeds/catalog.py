"""The catalog: every public path and the bytes it serves, built once from the data.

The web app, the static export, the pages' subscribe buttons and the tests
all iterate this one catalog, so a feed cannot exist in one and be missing
from another. The paths themselves are spelled in `feeds.urls`.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from importlib import resources as package_files
from pathlib import Path

from . import atom, changelog, changes, encoding, i18n, ical, pages, programme_json, revisions, urls
from .feedlist import CHOSEN, Feed, chosen_feed, item_slugs, meeting_feeds, membership
from .load import Problem, ProgrammeError, load_paths
from .model import Block, Meeting, item_slug
from .revisions import Published
from .series import Series, series_of

#: Each block's event, with local and with UTC times, by language and block id.
Events = dict[str, dict[str, tuple[bytes, bytes]]]

#: How many feeds of chosen items a catalog keeps, the most recently asked for, and how
#: many bytes they may take together (local and UTC forms); others are rendered when asked.
CHOSEN_KEPT = 256
CHOSEN_KEPT_BYTES = 64 * 1024 * 1024
#: How many meetings' events a catalog keeps for feeds of chosen items, beyond those of
#: the meetings of a series (each meeting's feeds hold its events already).
RECENT_EVENTS = 16


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:40] + '"'


@dataclass(frozen=True)
class Resource:
    """What one public path serves."""

    path: str
    media_type: str
    body: bytes
    last_modified: datetime
    kind: str
    meeting: str | None = None
    filename: str = ""  # for a download: a readable name, may hold any character
    ascii_filename: str = ""  # the same for clients that only take ASCII
    utc_body: bytes | None = None  # a feed with UTC times, for web widgets (docs/clients.md)
    # Compressed forms, made the first time they are asked for: (coding, web) -> (body, ETag).
    _coded: dict[tuple[str, bool], tuple[bytes, str]] = field(
        init=False, default_factory=dict, compare=False, repr=False
    )

    # The ETags are made when first asked for: the export, which writes each body once,
    # never asks.
    @cached_property
    def etag(self) -> str:
        return _etag(self.body)

    @cached_property
    def utc_etag(self) -> str | None:
        return _etag(self.utc_body) if self.utc_body is not None else None

    @property
    def is_page(self) -> bool:
        return self.media_type == urls.HTML

    @property
    def compressible(self) -> bool:
        """Whether its answers depend on Accept-Encoding (big enough or not)."""
        return encoding.compressible(self.media_type)

    def compressed(self, coding: str, web: bool = False) -> bytes | None:
        """The body (with `web`, its UTC form if it has one) in a content coding, made
        anew; None if it is too small to be worth it."""
        body = self.utc_body if web and self.utc_body is not None else self.body
        if not encoding.worth_it(self.media_type, len(body)):
            return None
        return encoding.compress(body, coding)

    def coded(self, coding: str, web: bool = False) -> tuple[bytes, str] | None:
        """The body (with `web`, its UTC form if it has one) in a content coding and its
        ETag, made once and kept; None if it is too small to be worth it."""
        web = web and self.utc_body is not None
        found = self._coded.get((coding, web))
        if found is None:
            body = self.compressed(coding, web)
            if body is None:
                return None
            tag = self.utc_etag if web else self.etag
            assert tag is not None
            found = self._coded[(coding, web)] = (body, encoding.etag(tag, coding))
        return found


PageRenderer = Callable[[str], bytes]
_NOT_FEEDS = frozenset({"index", "chooser", "page", "embed", "asset"})


@dataclass(frozen=True)
class Choice:
    """What a path of chosen agenda items answers: their feed, or the path to send the
    reader to (the canonical form of the choice, or one item's own feed)."""

    resource: Resource | None = None
    moved_to: str | None = None


class _Recent:
    """The resources most recently kept, at most `count` of them and about `size` bytes."""

    def __init__(self, count: int, size: int):
        self.count, self.size = count, size
        self._kept: OrderedDict[str, Resource] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def _size(resource: Resource) -> int:
        return len(resource.body) + len(resource.utc_body or b"")

    def get(self, key: str) -> Resource | None:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def keep(self, key: str, resource: Resource) -> None:
        size = self._size(resource)
        if size > self.size:
            return
        with self._lock:
            if key in self._kept:
                return
            self._kept[key] = resource
            self._bytes += size
            while len(self._kept) > self.count or self._bytes > self.size:
                _key, oldest = self._kept.popitem(last=False)
                self._bytes -= self._size(oldest)

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def bytes(self) -> int:
        return self._bytes


@dataclass(frozen=True)
class _PageSpec:
    kind: str  # "index", "chooser", "page" or "embed"
    meeting: str | None
    render: PageRenderer


class Catalog:
    """Every resource by path, in a fixed order.

    Feeds, programme.json and assets are rendered when the catalog is built.
    Pages are rendered when first asked for (a page with its QR codes costs
    more than all of its meeting's feeds), for the catalog's base URL, and kept;
    `page()` renders one for another base, as a server that learns its address
    from requests must.
    """

    def __init__(
        self,
        published: list[Published],
        resources: list[Resource],
        pages_by_path: dict[str, _PageSpec],
        base_url: str,
        updated: datetime,
        events: dict[str, Events] | None = None,
        modified: dict[str, datetime] | None = None,
        kept_pages: dict[str, dict[str, Resource]] | None = None,
    ):
        """`events`: each meeting's events by id, from which feeds of chosen items are made;
        `modified`: when each meeting last changed, for its pages (others: `updated`);
        `kept_pages`: each meeting's pages rendered for `base_url`, by path, shared with
        the catalogs of other versions in which the meeting is the same."""
        self.published = published
        self.base_url = base_url
        self._events = {key: value for key, value in (events or {}).items() if value}
        self._recent_events: OrderedDict[str, Events] = OrderedDict()
        self._rendering_events = threading.Lock()
        self._entries = {entry.meeting.id: entry for entry in published}
        self._item_slugs = {
            entry.meeting.id: item_slugs(entry.meeting, entry.departed) for entry in published
        }
        self.chosen = _Recent(CHOSEN_KEPT, CHOSEN_KEPT_BYTES)
        self._by_path = {resource.path: resource for resource in resources}
        self._pages = pages_by_path
        self._rendering = threading.Lock()
        self._updated = updated
        self._modified = modified or {}
        self._kept_pages = kept_pages or {}
        self._paths = [resource.path for resource in resources if resource.kind != "asset"]
        self._paths += list(pages_by_path)
        self._paths += [resource.path for resource in resources if resource.kind == "asset"]

    @property
    def meetings(self) -> list[Meeting]:
        return [entry.meeting for entry in self.published]

    def get(self, path: str) -> Resource | None:
        found = self._by_path.get(path)
        if found is None and path in self._pages:
            # One thread renders a page; the others asking for it meanwhile wait for its
            # bytes rather than render it again side by side.
            with self._rendering:
                found = self._by_path.get(path)
                if found is None:
                    kept = self._kept_pages.get(self._pages[path].meeting or "")
                    found = kept.get(path) if kept is not None else None
                    if found is None:
                        found = self._render(path, self.base_url)
                        if kept is not None:
                            kept[path] = found
                    self._by_path[path] = found
        return found

    def rendered_pages(self) -> list[str]:
        """The pages rendered so far, for the catalog's base URL."""
        return [path for path in self._pages if path in self._by_path]

    def events_of(self, meeting_id: str) -> Events:
        """A meeting's events, as its feeds hold them: kept for the meetings of a series,
        rendered again for others (and the most recent kept a while)."""
        found = self._events.get(meeting_id) or self._recent_events.get(meeting_id)
        if found is None:
            found = rendered_events(self._entries[meeting_id])
            with self._rendering_events:
                self._recent_events[meeting_id] = found
                while len(self._recent_events) > RECENT_EVENTS:
                    self._recent_events.popitem(last=False)
        return found

    def feed(self, path: str) -> Resource | None:
        """A feed or programme.json at `path` (never a page), or None."""
        found = self._by_path.get(path)
        return found if found is not None and found.kind not in _NOT_FEEDS else None

    def choose(self, path: str) -> Choice | None:
        """What a path of chosen agenda items answers; None if it names no such feed.

        The items may be written in any order, repeated, or as their labels
        spell them (`5(a)`): the reader is sent to the canonical path
        (`urls.items_feed`), or to the item's own feed if they name one item.
        Each feed is rendered when first asked for, and the most recent are kept.
        """
        named = urls.chosen_items(path)
        if named is None:
            return None
        lang, meeting_id, written = named
        entry = self._entries.get(meeting_id)
        order = self._item_slugs.get(meeting_id, ())
        if entry is None or lang not in entry.meeting.languages or len(written) > len(order):
            return None
        try:
            canonical = urls.items_feed(lang, meeting_id, map(item_slug, written), order)
        except ValueError:
            return None
        if canonical != path:
            return Choice(moved_to=canonical)
        found = self.chosen.get(path)
        if found is None:
            slugs = tuple(written)
            events = self.events_of(meeting_id)
            feed = chosen_feed(entry.meeting, lang, slugs, entry.departed, entry.labels)
            found = feed_resource(entry, feed, events[lang])
            self.chosen.keep(path, found)
        return Choice(resource=found)

    def is_chooser(self, path: str) -> bool:
        spec = self._pages.get(path)
        return spec is not None and spec.kind == "chooser"

    def page(self, path: str, base_url: str) -> Resource | None:
        """The page at `path` with its links made absolute against `base_url`."""
        if path not in self._pages or base_url == self.base_url:
            return self.get(path)
        return self._render(path, base_url)

    def _render(self, path: str, base_url: str) -> Resource:
        spec = self._pages[path]
        # A meeting's pages show that meeting alone; the front page shows them all.
        modified = self._modified.get(spec.meeting or "", self._updated)
        return _page_resource(path, spec, base_url, modified)

    def meeting(self, meeting_id: str) -> Published | None:
        return next((entry for entry in self.published if entry.meeting.id == meeting_id), None)

    def __iter__(self) -> Iterator[Resource]:
        for path in self._paths:
            resource = self.get(path)
            assert resource is not None
            yield resource

    def __len__(self) -> int:
        return len(self._paths)


def _feed_about(entry: Published, lang: str, feed: Feed) -> str:
    """The calendar's description: the meeting, what the feed holds, and which version."""
    meeting = entry.meeting
    lines = [meeting.title[lang]]
    if meeting.document_title is not None:
        lines.append(meeting.document_title[lang])
    lines.append(meeting.venue[lang])
    for slug in feed.slugs:
        if slug in entry.labels:  # an item taken off the agenda
            lines.append(i18n.items_label(lang, [entry.labels[slug]]))
            continue
        item = meeting.item(slug)
        # Among several items, a sub-item is named in full: `5(a)`, not `(a)`.
        number = item.label if feed.kind == CHOSEN and item.letter else item.prefix
        lines.append(f"{number} {item.title[lang]}")
    if meeting.is_unofficial(lang):
        lines.append(i18n.unofficial_note(lang, meeting.language))
    version = changes.version_line(entry.history, meeting.version, lang)
    if version:
        lines.append(version)
    return "\n".join(lines)


def _latest(entry: Published, blocks: Iterable[Block]) -> datetime:
    """The newest time of these blocks and of the meeting-level content.

    What a resource of these blocks shows last changed then: their events, or
    the meeting's titles, introduction, agenda and the rest.
    """
    times = [entry.revisions[block.id].modified for block in blocks]
    return max([*times, entry.meeting_modified])


def _left(entry: Published, lang: str, feed: Feed) -> list[tuple[bytes, bytes]]:
    """The events, local and UTC, of the blocks that left a day or item feed: cancelled
    in it, saying why."""
    if not feed.departed:
        return []
    words = i18n.words(lang).change

    def reason(block: Block) -> str:
        """Why the block is cancelled here: it left the day, or the first of the feed's
        items whose feed it left, as that item's own feed says."""
        if feed.kind == "day":
            return words.left_day
        slug = next(
            slug for slug in feed.slugs if block in entry.departed.get(membership("item", slug), ())
        )
        label = entry.labels.get(slug) or entry.meeting.item(slug).label
        return words.left_item.format(item=i18n.items_label(lang, [label]))

    events = []
    for block in feed.departed:
        fields = ical.left_feed(entry.events[lang][block.id], reason(block), lang)
        revision = entry.revisions[block.id]
        events.append(
            (ical.render_event(fields, revision), ical.render_event(fields, revision, utc=True))
        )
    return events


def rendered_events(entry: Published) -> Events:
    """Each block's event in each language, local and UTC, as every feed holds it."""
    revs = entry.revisions
    return {
        lang: {
            key: (
                ical.render_event(value, revs[key]),
                ical.render_event(value, revs[key], utc=True),
            )
            for key, value in fields.items()
        }
        for lang, fields in entry.events.items()
    }


def feed_resource(entry: Published, feed: Feed, events: dict[str, tuple[bytes, bytes]]) -> Resource:
    """A feed of a meeting, from its events in the feed's language."""
    meeting, lang = entry.meeting, feed.lang
    about = _feed_about(entry, lang, feed)
    left = _left(entry, lang, feed)
    body = ical.render_calendar(
        meeting,
        feed.title,
        about,
        [events[block.id][0] for block in feed.blocks] + [one for one, _ in left],
    )
    utc_body = ical.render_calendar(
        meeting,
        feed.title,
        about,
        [events[block.id][1] for block in feed.blocks] + [utc for _, utc in left],
        utc=True,
    )
    return Resource(
        feed.path,
        urls.CALENDAR,
        body,
        _latest(entry, feed.blocks + feed.departed),
        feed.kind,
        meeting.id,
        filename=feed.file_name,
        ascii_filename=feed.ascii_file_name,
        utc_body=utc_body,
    )


def meeting_resources(
    entry: Published, base_url: str = "", events: Events | None = None
) -> list[Resource]:
    """The feeds, programme.json and the Atom feed of changes of one meeting in each of
    its languages (from `events`, its `rendered_events`, if given)."""
    meeting = entry.meeting
    events = events if events is not None else rendered_events(entry)
    resources = []
    for lang in meeting.languages:
        feeds = meeting_feeds(meeting, lang, entry.departed, entry.labels)
        resources += [feed_resource(entry, feed, events[lang]) for feed in feeds]
        resources.append(
            Resource(
                urls.programme(lang, meeting.id),
                urls.JSON,
                programme_json.render(entry, lang, feeds, base_url),
                _latest(entry, meeting.blocks),
                "programme",
                meeting.id,
                filename=urls.file_name(f"{meeting.id}-{lang}", ".json"),
                ascii_filename=urls.ascii_file_name(meeting.id, lang, extension=".json"),
            )
        )
        resources.append(
            Resource(
                urls.changes(lang, meeting.id),
                urls.ATOM,
                atom.render(entry, lang, base_url),
                changelog.updated(entry),
                "changes",
                meeting.id,
                filename=urls.file_name(f"{meeting.id}-{lang}-changes", ".atom"),
                ascii_filename=urls.ascii_file_name(meeting.id, lang, "changes", extension=".atom"),
            )
        )
    return resources


def series_resources(
    series: Series, entries: dict[str, Published], events: dict[str, Events]
) -> list[Resource]:
    """A series' feed in each of its languages: every session of its meetings in that
    language, oldest first, with their own events and a VTIMEZONE for each zone."""
    resources = []
    for lang in series.languages:
        members = [entries[meeting.id] for meeting in series.meetings_in(lang)]
        name, about = series.name(lang), series.about(lang)
        blocks = [(entry, block) for entry in members for block in entry.meeting.blocks]
        local = [events[entry.meeting.id][lang][block.id][0] for entry, block in blocks]
        utc = [events[entry.meeting.id][lang][block.id][1] for entry, block in blocks]
        zone = series.timezone(lang)
        resources.append(
            Resource(
                urls.series_feed(lang, series.id),
                urls.CALENDAR,
                ical.assemble_calendar(name, about, local, zone, series.zone_spans(lang)),
                max(_latest(entry, entry.meeting.blocks) for entry in members),
                "series",
                filename=urls.file_name(name, ".ics"),
                ascii_filename=urls.ascii_file_name(
                    urls.SERIES_FOLDER, series.id, lang, extension=".ics"
                ),
                utc_body=ical.assemble_calendar(name, about, utc, zone, []),
            )
        )
    return resources


def _pages(published: list[Published]) -> dict[str, _PageSpec]:
    """Every page by path: what it shows and how to render it for a base URL."""
    specs = _front_pages([entry.meeting for entry in published])
    # (a meeting whose id is a language's code is refused when it is read: feeds.load)
    for entry in published:
        specs.update(_meeting_pages(entry))
    return specs


def _front_pages(meetings: list[Meeting]) -> dict[str, _PageSpec]:
    """The pages of no one meeting by path: the front page in each language, and `/`."""
    # `/` sends a reader to the front page in their language, as `/{meeting}/` to its page.
    specs = {urls.index(): _PageSpec("chooser", None, lambda base: pages.index(meetings, base))}
    for lang in i18n.LANGUAGES:
        specs[urls.front(lang)] = _PageSpec(
            "index", None, lambda base, lang=lang: pages.front_page(meetings, lang, base)
        )
    return specs


def _meeting_pages(entry: Published) -> dict[str, _PageSpec]:
    """A meeting's own pages by path: its chooser, and its page and embed in each language."""
    meeting_id = entry.meeting.id
    specs = {
        urls.chooser(meeting_id): _PageSpec(
            "chooser", meeting_id, lambda base: pages.chooser_page(entry, base)
        )
    }
    for lang in entry.meeting.languages:
        specs[urls.page(lang, meeting_id)] = _PageSpec(
            "page", meeting_id, lambda base, lang=lang: pages.meeting_page(entry, lang, base)
        )
        specs[urls.embed(lang, meeting_id)] = _PageSpec(
            "embed", meeting_id, lambda base, lang=lang: pages.embed_page(entry, lang, base)
        )
    return specs


def _asset(name: str) -> tuple[bytes, datetime]:
    """An asset's bytes, and when they last changed: they come with the package, not the
    data, so the time is its file's (installing another version moves it)."""
    file = package_files.files("feeds").joinpath("assets", name)
    with package_files.as_file(file) as path:
        modified = int(path.stat().st_mtime)
    return file.read_bytes(), datetime.fromtimestamp(modified, UTC)


@dataclass(frozen=True)
class _Rendered:
    """A meeting as published, its events, and its resources; and its pages, by path,
    once rendered for the base URL it was kept for."""

    entry: Published
    events: Events
    resources: list[Resource]
    pages: dict[str, Resource] = field(default_factory=dict, compare=False)


class Reuse:
    """What earlier loads rendered, by programme file, for a reload to take again.

    A file whose size, modification time and inode, and those of its revisions
    file, are as they were when it was read is not read or rendered again.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple, Meeting, _Rendered, str]] = {}
        self._pending: dict[str, tuple] = {}

    @staticmethod
    def _signature(file: Path) -> tuple:
        signature = []
        for path in (file, revisions.ledger_path(file)):
            try:
                stat = path.stat()
            except OSError:
                signature.append(None)
            else:
                signature.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
        return tuple(signature)

    def known(self, file: Path) -> Meeting | None:
        """The meeting of an unchanged file (its signature is taken before any reading)."""
        signature = self._pending[str(file)] = self._signature(file)
        entry = self._entries.get(str(file))
        return entry[1] if entry is not None and entry[0] == signature else None

    def rendered(self, meeting: Meeting, base_url: str) -> _Rendered | None:
        entry = self._entries.get(meeting.source)
        if entry is not None and entry[1] is meeting and entry[3] == base_url:
            return entry[2]
        return None

    def keep(self, meeting: Meeting, rendered: _Rendered, base_url: str) -> None:
        signature = self._pending.get(meeting.source)
        if signature is not None:
            self._entries[meeting.source] = (signature, meeting, rendered, base_url)

    def forget_others(self, meetings: list[Meeting]) -> None:
        current = {meeting.source for meeting in meetings}
        for source in list(self._entries):
            if source not in current:
                del self._entries[source]
        self._pending.clear()


def _published(meeting: Meeting, problems: list[Problem]) -> Published | None:
    """The meeting as published (its revision ledger applied), or None with its problems
    added to `problems`."""
    try:
        return revisions.publish(meeting)
    except revisions.LedgerError as error:
        problems.extend(error.problems)
        return None


def _meeting_modified(entry: Published, resources: list[Resource]) -> datetime:
    """When a meeting last changed, as its pages tell: the newest of its resources."""
    return max([*(r.last_modified for r in resources), entry.meeting_modified])


def _page_resource(path: str, spec: _PageSpec, base_url: str, modified: datetime) -> Resource:
    return Resource(path, urls.HTML, spec.render(base_url), modified, spec.kind, spec.meeting)


def publish_all(meetings: list[Meeting]) -> list[Published]:
    """Each meeting as published, or ProgrammeError with every meeting's problems."""
    problems: list[Problem] = []
    published = [entry for m in meetings if (entry := _published(m, problems)) is not None]
    if problems:
        raise ProgrammeError(problems)
    return published


def own_resources(
    published: list[Published], base_url: str, events: dict[str, Events]
) -> Iterator[Resource]:
    """Each meeting's own resources (its feeds, programme.json, changes and pages), with
    the bytes its catalog serves, and without what spans meetings (`shared`).

    For the export: they are made one meeting at a time as they are reached, and
    nothing keeps them, so a build holds one meeting's bytes at a time however
    many meetings it writes. `events` holds the events already rendered (of the
    meetings of a series), by meeting id; the others' are rendered here.
    """
    for entry in published:
        made = meeting_resources(entry, base_url, events.get(entry.meeting.id))
        yield from made
        modified = _meeting_modified(entry, made)
        for path, spec in _meeting_pages(entry).items():
            yield _page_resource(path, spec, base_url, modified)


def own_count(published: list[Published]) -> int:
    """How many resources `own_resources` gives, without rendering any."""
    count = 0
    for entry in published:
        meeting = entry.meeting
        for lang in meeting.languages:
            count += len(meeting_feeds(meeting, lang, entry.departed, entry.labels)) + 2
        count += len(_meeting_pages(entry))
    return count


def build(
    meetings: list[Meeting], base_url: str = "", reuse: Reuse | None = None, whole: bool = True
) -> Catalog:
    """The catalog of validated meetings (taking what `reuse` kept of unchanged ones).

    `whole`: these are all the meetings there are, so `reuse` may forget any
    other; a catalog of some of them (a server starting) leaves it be.
    """
    published = []
    problems = []
    resources: list[Resource] = []
    events: dict[str, Events] = {}
    modified: dict[str, datetime] = {}
    kept_pages: dict[str, dict[str, Resource]] = {}
    for meeting in meetings:
        kept = reuse.rendered(meeting, base_url) if reuse is not None else None
        if kept is None:
            entry = _published(meeting, problems)
            if entry is None:
                continue
            rendered = rendered_events(entry)
            # Its feeds hold its events; they are kept apart only for a series' feed.
            kept = _Rendered(
                entry,
                rendered if meeting.series else {},
                meeting_resources(entry, base_url, rendered),
            )
            if reuse is not None:
                reuse.keep(meeting, kept, base_url)
        published.append(kept.entry)
        events[meeting.id] = kept.events
        kept_pages[meeting.id] = kept.pages
        resources += kept.resources
        modified[meeting.id] = _meeting_modified(kept.entry, kept.resources)
    if problems:
        raise ProgrammeError(problems)
    if reuse is not None and whole:
        reuse.forget_others(meetings)
    entries = {entry.meeting.id: entry for entry in published}
    for series in series_of(entry.meeting for entry in published):
        resources += series_resources(series, entries, events)
    # The pages show every meeting: they changed when any meeting's content last did.
    updated = max(
        [*(r.last_modified for r in resources), *(e.meeting_modified for e in published)],
        default=revisions.UNRECORDED,
    )
    for name, media_type in urls.ASSETS.items():
        body, changed = _asset(name)
        resources.append(Resource(urls.asset(name), media_type, body, changed, "asset"))
    return Catalog(
        published, resources, _pages(published), base_url, updated, events, modified, kept_pages
    )


def load(
    paths: Iterable[Path], base_url: str = "", reuse: Reuse | None = None, whole: bool = True
) -> Catalog:
    """The catalog of the programme files and folders given, or ProgrammeError
    (`whole`: as `build`)."""
    known = reuse.known if reuse is not None else None
    return build(load_paths(paths, known), base_url, reuse, whole)


def shared(
    meetings: list[Meeting],
    modified: datetime,
    members: dict[str, Published],
    events: dict[str, Events],
    base_url: str = "",
) -> list[Resource]:
    """What spans `meetings`, with the bytes their catalog serves: the pages of no one
    meeting (the front pages), each series' feeds and the assets.

    For the export, which makes each meeting's own resources apart (`own_resources`)
    and writes bytes, not times. `modified` is the newest of the meetings' own times
    (`Published.meeting_modified`): the pages' time, unless a series' feed is newer.
    `members` are the meetings of a series as published, by id, and `events` theirs.
    """
    resources = []
    for series in series_of(meetings):
        resources += series_resources(series, members, events)
    updated = max([*(r.last_modified for r in resources), modified])
    for path, spec in _front_pages(meetings).items():
        resources.append(Resource(path, urls.HTML, spec.render(base_url), updated, spec.kind))
    for name, media_type in urls.ASSETS.items():
        body, changed = _asset(name)
        resources.append(Resource(urls.asset(name), media_type, body, changed, "asset"))
    return resources
