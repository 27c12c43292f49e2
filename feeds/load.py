"""Programme files in, validated meetings out, or every error at once.

Each error names the file, the line and the field (`data/x.yaml:42:
days[1].blocks[0].end: expected HH:MM, got '9.30'`), so that the person who
wrote the file can fix all of them in one pass.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, time
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

import yaml

from . import zones
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

T = TypeVar("T")

_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STATUSES = ("provisional", "adopted")
_TRANSLATION_KINDS = ("official", "unofficial")
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"


FIRST_YEAR, LAST_YEAR = 1971, 2200


def _forbidden(ch: str) -> bool:
    """Control characters, lone surrogates and line separators: never meant, never valid."""
    if ch in "\n\t":
        return False
    return unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")


class ProgrammeError(Exception):
    """A programme file, or a folder of them, is not valid."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class _Checker:
    """Walks a file's nodes, collecting every problem with its line and field path."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    languages: tuple[str, ...] = ()
    keys: dict[int, yaml.Node] = field(default_factory=dict)  # value node id -> its key

    def error(self, node: yaml.Node, path: str, message: str) -> None:
        # A mapping or list is reported on the line of the key that introduces it.
        if isinstance(node, yaml.CollectionNode) and id(node) in self.keys:
            node = self.keys[id(node)]
        self.problems.append(Problem(self.file, line_of(node), path or "(top level)", message))

    # -- shapes -----------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, path: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node, after reporting missing, unknown and repeated keys."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, path, f"expected a mapping of keys, got {_describe(node)}")
            return None
        required, optional = list(required), list(optional)
        known = required + optional
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            self.keys[id(value_node)] = key_node
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            where = _join(path, str(key))
            if key is None:
                self.error(key_node, path, "keys must be plain words")
            elif key in found:
                self.error(key_node, where, f"repeated key (first at line {line_of(found[key])})")
            elif key not in known:
                hint = difflib.get_close_matches(key, known, n=1)
                suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.error(
                    key_node, where, f"unknown key{suffix}; expected one of: " + ", ".join(known)
                )
            else:
                found[key] = value_node
        for key in required:
            if key not in found:
                self.error(node, _join(path, key), "missing")
        return found

    def sequence(self, node: yaml.Node, path: str, *, empty_ok: bool = False) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, path, f"expected a list, got {_describe(node)}")
            return []
        if not node.value and not empty_ok:
            self.error(node, path, "is empty")
        return list(node.value)

    def scalar(self, node: yaml.Node, path: str) -> str | None:
        """The text of a scalar as written in the file (never YAML's reading of it)."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, path, f"expected a single value, got {_describe(node)}")
            return None
        if node.tag == _NULL and node.style is None:
            self.error(node, path, "is empty")
            return None
        return node.value

    def string(self, node: yaml.Node, path: str) -> str | None:
        value = self.scalar(node, path)
        if value is None:
            return None
        if not value.strip():
            self.error(node, path, "is empty")
            return None
        bad = next((ch for ch in value if _forbidden(ch)), None)
        if bad is not None:
            self.error(node, path, f"contains the invisible character U+{ord(bad):04X}; remove it")
            return None
        return value.strip()

    def ident(self, node: yaml.Node, path: str) -> str | None:
        value = self.string(node, path)
        if value is not None and not _ID.fullmatch(value):
            self.error(node, path, f"expected lowercase letters, digits and hyphens, got '{value}'")
            return None
        return value

    def choice(self, node: yaml.Node, path: str, choices: Iterable[str]) -> str | None:
        value = self.string(node, path)
        choices = tuple(choices)
        if value is not None and value not in choices:
            self.error(node, path, f"expected one of {', '.join(choices)}, got '{value}'")
            return None
        return value

    def boolean(self, node: yaml.Node, path: str) -> bool | None:
        value = self.string(node, path)
        if value is None:
            return None
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        self.error(node, path, f"expected true or false, got '{value}'")
        return None

    def positive_int(self, node: yaml.Node, path: str) -> int | None:
        value = self.string(node, path)
        if value is None:
            return None
        if not re.fullmatch(r"[0-9]{1,4}", value) or not 0 < int(value) <= 24 * 60:
            self.error(node, path, f"expected a number of minutes, got '{value}'")
            return None
        return int(value)

    def day(self, node: yaml.Node, path: str) -> date | None:
        value = self.string(node, path)
        if value is None:
            return None
        if not _DATE.fullmatch(value):
            self.error(node, path, f"expected a date as YYYY-MM-DD, got '{value}'")
            return None
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            self.error(node, path, f"{value} is not a date in the calendar")
            return None
        if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            self.error(
                node, path, f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {parsed.year}"
            )
            return None
        return parsed

    def clock(self, node: yaml.Node, path: str) -> time | None:
        value = self.string(node, path)
        if value is None:
            return None
        match = _TIME.fullmatch(value)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.error(node, path, f"expected a time as HH:MM (24-hour clock), got '{value}'")
            return None
        return time(int(match[1]), int(match[2]))

    def url(self, node: yaml.Node, path: str) -> str | None:
        value = self.string(node, path)
        if value is not None and (not re.fullmatch(r"https?://[^\s<>\"]+", value)):
            self.error(node, path, f"expected an http:// or https:// address, got '{value}'")
            return None
        return value

    def text(self, node: yaml.Node, path: str) -> Text | None:
        """A text in every declared language: `{zh: ..., en: ...}`."""
        if isinstance(node, yaml.ScalarNode) and self.languages:
            self.error(
                node,
                path,
                "expected the text in each language ("
                + ", ".join(self.languages)
                + "), e.g. "
                + ", ".join(f"{lang}: ..." for lang in self.languages),
            )
            return None
        return self._per_language(node, path, self.string)

    def links(self, node: yaml.Node, path: str) -> Text | None:
        """An address for every language: one for all, or one each."""
        if isinstance(node, yaml.ScalarNode):
            value = self.url(node, path)
            return None if value is None else dict.fromkeys(self.languages, value)
        return self._per_language(node, path, self.url)

    def _per_language(
        self, node: yaml.Node, path: str, read: Callable[[yaml.Node, str], str | None]
    ) -> Text | None:
        keys = self.mapping(node, path, (), UN_LANGUAGES)
        if keys is None:
            return None
        values: dict[str, str] = {}
        ok = True
        for lang, value_node in keys.items():
            if lang not in self.languages:
                # Reported, but the text stays usable: a stray language is not a missing text.
                self.error(
                    value_node,
                    _join(path, lang),
                    f"'{lang}' is not a language of this meeting (declared: "
                    + ", ".join(self.languages)
                    + ")",
                )
                continue
            value = read(value_node, _join(path, lang))
            if value is None:
                ok = False
            else:
                values[lang] = value
        for lang in self.languages:
            if lang not in keys:
                self.error(node, path, f"missing the '{lang}' text")
                ok = False
        return {lang: values[lang] for lang in self.languages} if ok else None

    def each(
        self,
        node: yaml.Node | None,
        path: str,
        read: Callable[[yaml.Node, str], T | None],
        *,
        empty_ok: bool = True,
    ) -> list[T]:
        if node is None:
            return []
        results = []
        for index, child in enumerate(self.sequence(node, path, empty_ok=empty_ok)):
            value = read(child, f"{path}[{index}]")
            if value is not None:
                results.append(value)
        return results


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = " ".join(str(node.value).split())
    return f"'{value[:40]}...'" if len(value) > 40 else f"'{value}'"


# -- the programme ------------------------------------------------------------------


def _optional(
    keys: dict[str, yaml.Node], key: str, path: str, read: Callable[[yaml.Node, str], T | None]
) -> T | None:
    return read(keys[key], _join(path, key)) if key in keys else None


@dataclass
class _Reader:
    check: _Checker
    block_lines: dict[str, int] = field(default_factory=dict)
    item_nodes: list[tuple[yaml.Node, str, str]] = field(default_factory=list)

    def meeting_head(self, node: yaml.Node) -> dict | None:
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
            ),
        )
        if keys is None:
            return None
        head: dict = {}
        language = _optional(keys, "language", path, lambda n, p: c.choice(n, p, UN_LANGUAGES))
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
        head["language"] = language
        head["translations"] = translations
        head["id"] = _optional(keys, "id", path, c.ident)
        for key in ("title", "short_title", "venue", "body", "session", "city"):
            head[key] = _optional(keys, key, path, c.text)
        head["url"] = _optional(keys, "url", path, c.links)
        zone = _optional(keys, "timezone", path, c.string)
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
        head["timezone"] = zone
        head["start"] = _optional(keys, "start", path, c.day)
        head["end"] = _optional(keys, "end", path, c.day)
        if head["start"] and head["end"] and head["end"] < head["start"]:
            c.error(
                keys["end"], "meeting.end", f"{head['end']} is before the start {head['start']}"
            )
            head["end"] = None
        head["status"] = _optional(keys, "status", path, lambda n, p: c.choice(n, p, _STATUSES))
        head["document_title"] = head["issued_by"] = None
        if "document" in keys:
            doc = c.mapping(keys["document"], "meeting.document", ("title",), ("issued_by",))
            if doc is not None:
                head["document_title"] = _optional(doc, "title", "meeting.document", c.text)
                head["issued_by"] = _optional(doc, "issued_by", "meeting.document", c.text)
        head["introduction"] = c.each(keys.get("introduction"), "meeting.introduction", c.text)
        head["documents"] = c.each(keys.get("documents"), "meeting.documents", self.document)
        return head

    def document(self, node: yaml.Node, path: str) -> Document | None:
        c = self.check
        keys = c.mapping(node, path, ("symbol", "title", "url"))
        if keys is None:
            return None
        symbol = _optional(keys, "symbol", path, c.string)
        title = _optional(keys, "title", path, c.text)
        url = _optional(keys, "url", path, c.links)
        if symbol is None or title is None or url is None:
            return None
        return Document(symbol, title, url)

    def agenda_item(self, node: yaml.Node, path: str) -> list[AgendaItem] | None:
        c = self.check
        keys = c.mapping(node, path, ("number", "title"), ("sub_items",))
        if keys is None:
            return None
        number = _optional(keys, "number", path, c.string)
        if number is not None:
            number = number.rstrip(".")
            if not re.fullmatch(r"[0-9A-Za-z]{1,8}", number):
                c.error(
                    keys["number"],
                    _join(path, "number"),
                    f"expected an item number such as 5, got '{number}'",
                )
                number = None
        title = _optional(keys, "title", path, c.text)
        if number is None or title is None:
            return None
        items = [AgendaItem(number, None, title)]
        self.item_nodes.append((keys["number"], _join(path, "number"), items[0].slug))

        def sub_item(sub: yaml.Node, sub_path: str) -> AgendaItem | None:
            sub_keys = c.mapping(sub, sub_path, ("letter", "title"))
            if sub_keys is None:
                return None
            letter = _optional(sub_keys, "letter", sub_path, c.string)
            if letter is not None:
                letter = letter.strip("()").lower()
                if not re.fullmatch(r"[a-z]{1,3}|[0-9]{1,2}", letter):
                    c.error(
                        sub_keys["letter"],
                        _join(sub_path, "letter"),
                        f"expected a sub-item letter such as d, got '{letter}'",
                    )
                    letter = None
            sub_title = _optional(sub_keys, "title", sub_path, c.text)
            if letter is None or sub_title is None:
                return None
            item = AgendaItem(number, letter, sub_title)
            self.item_nodes.append((sub_keys["letter"], _join(sub_path, "letter"), item.slug))
            return item

        items += c.each(keys.get("sub_items"), _join(path, "sub_items"), sub_item)
        return items

    def segment(self, node: yaml.Node, path: str) -> tuple[Segment, yaml.Node | None] | None:
        c = self.check
        keys = c.mapping(node, path, (), ("item", "text", "continued", "minutes", "details"))
        if keys is None:
            return None
        if "item" not in keys and "text" not in keys:
            c.error(node, path, "expected 'item' (an agenda item), 'text', or both")
            return None
        item = _optional(keys, "item", path, c.string)
        text = _optional(keys, "text", path, c.text)
        continued = _optional(keys, "continued", path, c.boolean) or False
        minutes = _optional(keys, "minutes", path, c.positive_int)
        details = tuple(c.each(keys.get("details"), _join(path, "details"), c.text))
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


def _read_meeting(check: _Checker, root: yaml.Node, source: str) -> Meeting | None:
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
    notes = check.each(keys.get("notes"), "notes", check.text)
    days = _read_days(check, reader, keys.get("days"), head, set(slugs))
    if check.problems or days is None:
        return None
    return Meeting(
        id=head["id"],
        language=head["language"],
        translations=head["translations"],
        title=head["title"],
        short_title=head["short_title"],
        venue=head["venue"],
        timezone=head["timezone"],
        start=head["start"],
        end=head["end"],
        status=head["status"],
        agenda=tuple(agenda),
        days=days,
        body=head["body"],
        session=head["session"],
        city=head["city"],
        url=head["url"],
        document_title=head["document_title"],
        issued_by=head["issued_by"],
        documents=tuple(head["documents"]),
        introduction=tuple(head["introduction"]),
        notes=tuple(notes),
        source=source,
    )


def _read_days(
    check: _Checker, reader: _Reader, node: yaml.Node | None, head: dict, items: set[str]
) -> tuple[Day, ...] | None:
    if node is None:
        return None
    zone, first, last = head["timezone"], head["start"], head["end"]
    days: list[Day] = []
    dates: dict[date, int] = {}
    block_ids: dict[str, int] = {}
    for d_index, day_node in enumerate(check.sequence(node, "days")):
        d_path = f"days[{d_index}]"
        keys = check.mapping(day_node, d_path, ("date",), ("blocks", "note"))
        if keys is None:
            continue
        when = _optional(keys, "date", d_path, check.day)
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
        note = _optional(keys, "note", d_path, check.text)
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
    check: _Checker,
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
    block_id = _optional(keys, "id", path, check.ident)
    start = _optional(keys, "start", path, check.clock)
    end = _optional(keys, "end", path, check.clock)
    if start is not None and end is not None and end <= start:
        check.error(keys["end"], f"{path}.end", f"{end:%H:%M} is not after the start {start:%H:%M}")
        end = None
    if when is not None and zone is not None:
        for key, value in (("start", start), ("end", end)):
            problem = value and zones.local_time_problem(zone, when, value)
            if problem:
                check.error(keys[key], f"{path}.{key}", problem)
    segments: list[Segment] = []
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
    title = _optional(keys, "title", path, check.text)
    room = _optional(keys, "room", path, check.text)
    cancelled = _optional(keys, "cancelled", path, check.boolean) or False
    if None in (block_id, start, end, when) or not segments:
        return None
    return Block(block_id, when, start, end, tuple(segments), title, room, cancelled)


# -- files and folders -------------------------------------------------------------


def load_file(path: Path, name: str | None = None) -> Meeting:
    """The meeting in one programme file, or ProgrammeError with every problem in it."""
    name = name or str(path)
    try:
        root = read_nodes(path, name)
    except FileProblems as error:
        raise ProgrammeError(error.problems) from None
    check = _Checker(name)
    meeting = _read_meeting(check, root, name)
    if check.problems or meeting is None:
        raise ProgrammeError(check.problems or [Problem(name, 1, "(file)", "not a programme")])
    return meeting


def programme_files(folder: Path) -> list[Path]:
    """The programme files of a data folder, in a fixed order."""
    return sorted(path for path in folder.glob("*.yaml") if path.is_file())


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
            found = programme_files(path)
            if not found:
                problems.append(Problem(str(path), None, "(folder)", "holds no .yaml programme"))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            problems.append(Problem(str(path), None, "(file)", "does not exist"))
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
