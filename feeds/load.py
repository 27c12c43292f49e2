"""Programme files in, validated meetings out, or every error at once.

Each error names the file, the line and the field (`data/x.yaml:42:
days[1].blocks[0].end: expected HH:MM, got '9.30'`), so that the person who
wrote the file can fix all of them in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path

import yaml

from . import urls, zones
from .checker import Checker, join, optional
from .model import (
    UN_LANGUAGES,
    AgendaItem,
    Block,
    Day,
    Document,
    Meeting,
    Segment,
    Text,
    item_slug,
)
from .yamlnodes import FileProblems, Problem, line_of, read_nodes

# What one programme may hold. The file's size is capped (yamlnodes.MAX_BYTES), but the
# feeds grow with blocks x agenda items per block x languages, so these bound the work of
# rendering them. A real session has tens of blocks and items; these leave room for many more.
MAX_AGENDA = 500  # agenda items and sub-items
MAX_BLOCKS = 2_000  # session blocks
MAX_SEGMENTS = 60  # lines of one block
MAX_DETAILS = 60  # lines under one segment
MAX_FEED_BYTES = 64 * 1024 * 1024  # all of a meeting's feeds, every language and form

_STATUSES = ("provisional", "adopted", "postponed", "cancelled")
_TRANSLATION_KINDS = ("official", "unofficial")
_ITEM_NUMBER = re.compile(r"[0-9A-Za-z]{1,8}")
_SUB_ITEM_LETTER = re.compile(r"[a-z]{1,3}|[0-9]{1,2}")


class ProgrammeError(Exception):
    """A programme file, or a folder of them, is not valid."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


# -- the programme ------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingHead:
    """The fields of a file's `meeting:` mapping; None (or empty) where a field has a problem.

    A file whose head has no problem has every field a Meeting requires.
    """

    id: str | None
    language: str | None
    translations: dict[str, str]
    title: Text | None
    short_title: Text | None
    venue: Text | None
    timezone: str | None
    start: date | None
    end: date | None
    status: str | None
    body: Text | None
    session: Text | None
    city: Text | None
    url: Text | None
    document_title: Text | None
    issued_by: Text | None
    introduction: tuple[Text, ...]
    documents: tuple[Document, ...]
    version: Text | None
    series: str | None


@dataclass
class _Reader:
    check: Checker
    item_nodes: list[tuple[yaml.Node, str, str]] = field(default_factory=list)

    def meeting_head(self, node: yaml.Node) -> MeetingHead | None:
        """The meeting's head fields, None if `meeting:` is not a mapping.

        Sets the checker's languages to those the meeting declares.
        """
        c = self.check
        path = "meeting"
        keys = c.mapping(
            node,
            path,
            (
                "id",
                "language",
                "title",
                "short_title",
                "venue",
                "timezone",
                "start",
                "end",
                "status",
            ),
            (
                "translations",
                "body",
                "session",
                "city",
                "url",
                "document",
                "introduction",
                "documents",
                "version",
                "series",
            ),
        )
        if keys is None:
            return None
        language = optional(keys, "language", path, lambda n, p: c.choice(n, p, UN_LANGUAGES))
        translations: dict[str, str] = {}
        if "translations" in keys:
            pairs = c.mapping(keys["translations"], "meeting.translations", (), UN_LANGUAGES)
            for lang, kind_node in (pairs or {}).items():
                where = f"meeting.translations.{lang}"
                if lang == language:
                    c.error(kind_node, where, "is the source language, not a translation")
                    continue
                kind = c.choice(kind_node, where, _TRANSLATION_KINDS)
                if kind is not None:
                    translations[lang] = kind
        c.languages = (language, *translations) if language else tuple(translations)
        c.source = language
        meeting_id = optional(keys, "id", path, c.ident)
        if meeting_id == urls.SERIES_FOLDER:
            c.error(
                keys["id"],
                "meeting.id",
                f"'{meeting_id}' is taken by the feeds of series of meetings "
                f"({urls.series_feed('en', 'ID')}); choose another id",
            )
            meeting_id = None
        elif meeting_id in UN_LANGUAGES:
            c.error(
                keys["id"],
                "meeting.id",
                f"'{meeting_id}' is taken by the front page in that language "
                f"({urls.front(meeting_id)}); choose another id",
            )
            meeting_id = None
        series = optional(keys, "series", path, c.ident)
        title = optional(keys, "title", path, c.text)
        short_title = optional(keys, "short_title", path, c.text)
        venue = optional(keys, "venue", path, c.text)
        body = optional(keys, "body", path, c.text)
        session = optional(keys, "session", path, c.text)
        city = optional(keys, "city", path, c.text)
        url = optional(keys, "url", path, c.links)
        version = optional(keys, "version", path, c.label)
        zone = optional(keys, "timezone", path, c.string)
        if zone is not None and not zones.is_known(zone):
            hint = zones.suggest(zone)
            c.error(
                keys["timezone"],
                "meeting.timezone",
                f"unknown time zone '{zone}'"
                + (
                    f" (did you mean '{hint}'?)"
                    if hint
                    else "; use an IANA name such as America/New_York"
                ),
            )
            zone = None
        start = optional(keys, "start", path, c.day)
        end = optional(keys, "end", path, c.day)
        if start and end and end < start:
            c.error(keys["end"], "meeting.end", f"{end} is before the start {start}")
            end = None
        status = optional(keys, "status", path, lambda n, p: c.choice(n, p, _STATUSES))
        document_title = issued_by = None
        if "document" in keys:
            doc = c.mapping(keys["document"], "meeting.document", ("title",), ("issued_by",))
            if doc is not None:
                document_title = optional(doc, "title", "meeting.document", c.text)
                issued_by = optional(doc, "issued_by", "meeting.document", c.text)
        introduction = c.each(keys.get("introduction"), "meeting.introduction", c.text)
        documents = c.each(keys.get("documents"), "meeting.documents", self.document)
        return MeetingHead(
            id=meeting_id,
            language=language,
            translations=translations,
            title=title,
            short_title=short_title,
            venue=venue,
            timezone=zone,
            start=start,
            end=end,
            status=status,
            body=body,
            session=session,
            city=city,
            url=url,
            document_title=document_title,
            issued_by=issued_by,
            introduction=tuple(introduction),
            documents=tuple(documents),
            version=version,
            series=series,
        )

    def document(self, node: yaml.Node, path: str) -> Document | None:
        c = self.check
        keys = c.mapping(node, path, ("symbol", "title", "url"))
        if keys is None:
            return None
        symbol = optional(keys, "symbol", path, c.string)
        title = optional(keys, "title", path, c.text)
        url = optional(keys, "url", path, c.links)
        if symbol is None or title is None or url is None:
            return None
        return Document(symbol, title, url)

    def item_number(self, node: yaml.Node, path: str) -> str | None:
        """An agenda item's number as written, without a full stop after it: 5, 12, 4A."""
        return self.check.matching(
            node, path, _ITEM_NUMBER, "an item number such as 5", lambda value: value.rstrip(".")
        )

    def sub_item_letter(self, node: yaml.Node, path: str) -> str | None:
        """A sub-item's letter (or number), lowercase, without brackets: d for (D)."""
        return self.check.matching(
            node,
            path,
            _SUB_ITEM_LETTER,
            "a sub-item letter such as d",
            lambda value: value.strip("()").lower(),
        )

    def agenda_item(self, node: yaml.Node, path: str) -> list[AgendaItem] | None:
        c = self.check
        keys = c.mapping(node, path, ("number", "title"), ("sub_items",))
        if keys is None:
            return None
        number = optional(keys, "number", path, self.item_number)
        title = optional(keys, "title", path, c.text)
        if number is None or title is None:
            return None
        items = [AgendaItem(number, None, title)]
        self.item_nodes.append((keys["number"], join(path, "number"), items[0].slug))

        def sub_item(sub: yaml.Node, sub_path: str) -> AgendaItem | None:
            sub_keys = c.mapping(sub, sub_path, ("letter", "title"))
            if sub_keys is None:
                return None
            letter = optional(sub_keys, "letter", sub_path, self.sub_item_letter)
            sub_title = optional(sub_keys, "title", sub_path, c.text)
            if letter is None or sub_title is None:
                return None
            item = AgendaItem(number, letter, sub_title)
            self.item_nodes.append((sub_keys["letter"], join(sub_path, "letter"), item.slug))
            return item

        items += c.each(keys.get("sub_items"), join(path, "sub_items"), sub_item)
        return items

    def segment(self, node: yaml.Node, path: str) -> tuple[Segment, yaml.Node | None] | None:
        c = self.check
        keys = c.mapping(node, path, (), ("item", "text", "continued", "minutes", "details"))
        if keys is None:
            return None
        if "item" not in keys and "text" not in keys:
            c.error(node, path, "expected 'item' (an agenda item), 'text', or both")
            return None
        item = optional(keys, "item", path, c.string)
        text = optional(keys, "text", path, c.text)
        continued = optional(keys, "continued", path, c.boolean) or False
        minutes = optional(keys, "minutes", path, c.positive_int)
        details_node = keys.get("details")
        if _too_many(c, details_node, join(path, "details"), MAX_DETAILS, "lines"):
            return None
        details = tuple(c.each(details_node, join(path, "details"), c.text))
        if item is None and text is None:
            return None
        segment = Segment(
            item=item_slug(item) if item is not None else None,
            text=text,
            continued=continued,
            minutes=minutes,
            details=details,
        )
        return segment, keys.get("item")


def _read_meeting(check: Checker, root: yaml.Node, source: str) -> Meeting | None:
    reader = _Reader(check)
    keys = check.mapping(root, "", ("meeting", "agenda", "days"), ("notes",))
    if keys is None:
        return None
    head = reader.meeting_head(keys["meeting"]) if "meeting" in keys else None
    if head is None or not check.languages:
        return None
    agenda: list[AgendaItem] = []
    for items in check.each(keys.get("agenda"), "agenda", reader.agenda_item, empty_ok=False):
        agenda.extend(items)
    slugs: dict[str, int] = {}
    for node, path, slug in reader.item_nodes:
        if slug in slugs:
            check.error(
                node, path, f"agenda item '{slug}' is listed twice (first at line {slugs[slug]})"
            )
        else:
            slugs[slug] = line_of(node)
    if len(agenda) > MAX_AGENDA:
        check.error(
            keys["agenda"],
            "agenda",
            f"has {len(agenda)} items and sub-items; a programme may have at most {MAX_AGENDA}",
        )
    notes = check.each(keys.get("notes"), "notes", check.text)
    days = _read_days(check, reader, keys.get("days"), head, set(slugs))
    if check.problems or days is None:
        return None
    blocks = sum(len(day.blocks) for day in days)
    if blocks > MAX_BLOCKS:
        check.error(
            keys["days"],
            "days",
            f"hold {blocks} blocks; a programme may have at most {MAX_BLOCKS}",
        )
        return None
    # A head without problems has every field a Meeting requires, by the same names.
    meeting = Meeting(
        **vars(head), agenda=tuple(agenda), days=days, notes=tuple(notes), source=source
    )
    size = feed_bytes(meeting)
    if size > MAX_FEED_BYTES:
        check.error(
            keys["days"],
            "days",
            f"the feeds of this programme would take about {size / 2**20:,.0f} MiB "
            f"(at most {MAX_FEED_BYTES // 2**20} MiB): it has too many blocks, agenda items "
            "per block or languages, or texts too long",
        )
        return None
    return meeting


def _too_many(check: Checker, node: yaml.Node | None, path: str, most: int, what: str) -> bool:
    """Whether a list has more than `most` entries (then reported), before reading them."""
    if isinstance(node, yaml.SequenceNode) and len(node.value) > most:
        check.error(node, path, f"has {len(node.value)} {what}; at most {most} are allowed")
        return True
    return False


#: What an event adds to its texts: property names, times, UID, status, folding.
_EVENT_OVERHEAD = 600
#: A calendar's header and time zone.
_CALENDAR_OVERHEAD = 1_500


def feed_bytes(meeting: Meeting) -> int:
    """About how many bytes all of a meeting's feeds take, worked out from the texts alone.

    Each block's event is in the whole meeting's feed, its day's, its own,
    those of the agenda items it takes up (and their parent items) and its
    series' (if the meeting is in one), in every language, with local and
    with UTC times.
    """
    items = {item.slug: item for item in meeting.agenda}
    shared = {
        lang: len(meeting.venue[lang].encode())
        + sum(len(note[lang].encode()) for note in meeting.notes)
        + (2 * len(meeting.url[lang].encode()) if meeting.url is not None else 0)
        + _EVENT_OVERHEAD
        for lang in meeting.languages
    }
    in_series = int(meeting.series is not None)
    feeds = 1 + len(meeting.days) + len(meeting.agenda) + len(meeting.blocks) + in_series
    total = feeds * len(meeting.languages) * _CALENDAR_OVERHEAD
    for block in meeting.blocks:
        slugs = set(block.items)
        slugs |= {items[slug].parent_slug for slug in block.items if items[slug].parent_slug}
        copies = 2 * (3 + len(slugs) + in_series)
        for lang in meeting.languages:
            text = shared[lang]
            for segment in block.segments:
                if segment.text is not None:
                    text += len(segment.text[lang].encode())
                if segment.item is not None:
                    text += 2 * len(items[segment.item].title[lang].encode())
                text += sum(len(detail[lang].encode()) for detail in segment.details)
            total += copies * text
    return total


def _read_days(
    check: Checker, reader: _Reader, node: yaml.Node | None, head: MeetingHead, items: set[str]
) -> tuple[Day, ...] | None:
    if node is None:
        return None
    zone, first, last = head.timezone, head.start, head.end
    days: list[Day] = []
    dates: dict[date, int] = {}
    block_ids: dict[str, int] = {}
    for d_index, day_node in enumerate(check.sequence(node, "days")):
        d_path = f"days[{d_index}]"
        keys = check.mapping(day_node, d_path, ("date",), ("blocks", "note"))
        if keys is None:
            continue
        when = optional(keys, "date", d_path, check.day)
        if when is not None:
            if when in dates:
                check.error(
                    keys["date"],
                    f"{d_path}.date",
                    f"{when} is listed twice (first at line {dates[when]})",
                )
            elif first and last and not first <= when <= last:
                check.error(
                    keys["date"],
                    f"{d_path}.date",
                    f"{when} is outside the meeting's dates ({first} to {last})",
                )
            dates.setdefault(when, line_of(keys["date"]))
        note = optional(keys, "note", d_path, check.text)
        if "blocks" not in keys and note is None:
            check.error(day_node, d_path, "expected 'blocks', or a 'note' for a day with none")
        blocks: list[tuple[Block, yaml.Node]] = []
        b_nodes = check.sequence(keys["blocks"], f"{d_path}.blocks") if "blocks" in keys else []
        for b_index, block_node in enumerate(b_nodes):
            b_path = f"{d_path}.blocks[{b_index}]"
            block = _read_block(check, reader, block_node, b_path, when, zone, items)
            if block is None:
                continue
            if block.id in block_ids:
                check.error(
                    block_node,
                    f"{b_path}.id",
                    f"duplicate block id '{block.id}' (first used at line {block_ids[block.id]})",
                )
            else:
                block_ids[block.id] = line_of(block_node)
            blocks.append((block, block_node))
        blocks.sort(key=lambda pair: pair[0].start)
        for (earlier, _), (later, later_node) in pairwise(blocks):
            if later.start < earlier.end:
                check.error(
                    later_node,
                    f"{d_path}.blocks",
                    f"'{later.id}' "
                    f"({later.start:%H:%M}-{later.end:%H:%M}) overlaps '{earlier.id}' "
                    f"({earlier.start:%H:%M}-{earlier.end:%H:%M})",
                )
        if when is not None:
            days.append(Day(when, tuple(block for block, _ in blocks), note))
    if check.problems:
        return None
    return tuple(sorted(days, key=lambda day: day.date))


def _read_block(
    check: Checker,
    reader: _Reader,
    node: yaml.Node,
    path: str,
    when: date | None,
    zone: str | None,
    items: set[str],
) -> Block | None:
    keys = check.mapping(
        node, path, ("id", "start", "end", "segments"), ("title", "room", "cancelled")
    )
    if keys is None:
        return None
    block_id = optional(keys, "id", path, check.ident)
    start = optional(keys, "start", path, check.clock)
    end = optional(keys, "end", path, check.clock)
    if start is not None and end is not None and end <= start:
        check.error(keys["end"], f"{path}.end", f"{end:%H:%M} is not after the start {start:%H:%M}")
        end = None
    if when is not None and zone is not None:
        for key, value in (("start", start), ("end", end)):
            problem = value and zones.local_time_problem(zone, when, value)
            if problem:
                check.error(keys[key], f"{path}.{key}", problem)
    segments: list[Segment] = []
    if _too_many(check, keys.get("segments"), f"{path}.segments", MAX_SEGMENTS, "lines"):
        return None
    s_nodes = check.sequence(keys["segments"], f"{path}.segments") if "segments" in keys else []
    for s_index, segment_node in enumerate(s_nodes):
        s_path = f"{path}.segments[{s_index}]"
        read = reader.segment(segment_node, s_path)
        if read is None:
            continue
        segment, item_node = read
        if segment.item is not None and segment.item not in items:
            check.error(
                item_node,
                f"{s_path}.item",
                f"unknown agenda item '{item_node.value}'"
                + (f"; the agenda has {', '.join(sorted(items))}" if items else ""),
            )
        segments.append(segment)
    title = optional(keys, "title", path, check.text)
    room = optional(keys, "room", path, check.text)
    cancelled = optional(keys, "cancelled", path, check.boolean) or False
    if None in (block_id, start, end, when) or not segments:
        return None
    return Block(block_id, when, start, end, tuple(segments), title, room, cancelled)


# -- files and folders -------------------------------------------------------------

#: The folder of programmes of a project, relative to the project's folder.
DEFAULT_FOLDER = Path("data")
#: Paths that name a programme file rather than a folder of them.
_FILE_SUFFIXES = (".yaml", ".yml")


def load_file(path: Path, name: str | None = None) -> Meeting:
    """The meeting in one programme file, or ProgrammeError with every problem in it."""
    return _load(path, name)[0]


def outdated_translations(path: Path, name: str | None = None) -> list[Problem]:
    """Each translation a programme file marks outdated (`outdated: [en]` in a text), at
    its line and field, such as `days[0].blocks[1].title.en`; ProgrammeError if the
    file is not valid. These are not problems: the file is published as it is."""
    return _load(path, name)[1]


def _load(path: Path, name: str | None) -> tuple[Meeting, list[Problem]]:
    name = name or str(path)
    try:
        root = read_nodes(path, name)
    except FileProblems as error:
        raise ProgrammeError(error.problems) from None
    check = Checker(name)
    meeting = _read_meeting(check, root, name)
    if check.problems or meeting is None:
        raise ProgrammeError(check.problems or [Problem(name, 1, "(file)", "not a programme")])
    return meeting, check.outdated


def programme_files(folder: Path) -> list[Path]:
    """The programme files of a data folder, in a fixed order; OSError if it cannot be read.

    Hidden files and editors' lock files (`.x.yaml`, `.#x.yaml`, `#x.yaml`) are
    not programmes. A link to nothing is listed, so that reading it reports it.
    """
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix == ".yaml"
        and not path.name.startswith((".", "#"))
        and (path.is_file() or path.is_symlink())
    )


def file_signature(path: Path) -> tuple | None:
    """What a file looks like without reading it: None if it cannot be looked at.

    Any change to its content, its permissions or the file the name points to
    changes the signature (the change time moves with a chmod).
    """
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino, stat.st_mode)


def _missing(path: Path) -> Problem:
    """The problem of a path that is neither a file nor a folder, named as what it was meant as.

    For the project's own folder of programmes, it says how to give others.
    """
    if path.suffix in _FILE_SUFFIXES:
        return Problem(str(path), None, "(file)", "does not exist")
    if path == DEFAULT_FOLDER:
        return Problem(
            str(path),
            None,
            "(folder)",
            "does not exist here; give the programme files or folders to read, "
            "or run feeds in the project's folder",
        )
    return Problem(str(path), None, "(folder)", "does not exist")


def load_paths(
    paths: Iterable[Path], known: Callable[[Path], Meeting | None] | None = None
) -> list[Meeting]:
    """Every meeting in the given files and folders, or ProgrammeError listing all problems.

    `known` may give the meeting of a file that has not changed since it was
    last read, so that a reload reads only what changed.
    """
    problems: list[Problem] = []
    meetings: list[Meeting] = []
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            try:
                found = programme_files(path)
            except OSError as error:
                problems.append(
                    Problem(str(path), None, "(folder)", f"cannot be read: {error.strerror}")
                )
                continue
            if not found:
                problems.append(Problem(str(path), None, "(folder)", "holds no .yaml programme"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(_missing(path))
    seen: dict[str, str] = {}
    for file in files:
        try:
            meeting = (known(file) if known is not None else None) or load_file(file)
        except ProgrammeError as error:
            problems.extend(error.problems)
            continue
        if meeting.id in seen:
            problems.append(
                Problem(
                    str(file),
                    1,
                    "meeting.id",
                    f"'{meeting.id}' is also the id of {seen[meeting.id]}",
                )
            )
            continue
        seen[meeting.id] = str(file)
        meetings.append(meeting)
    if problems:
        raise ProgrammeError(problems)
    return sorted(meetings, key=lambda meeting: meeting.id)
