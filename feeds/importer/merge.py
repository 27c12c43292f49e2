"""Language versions of one programme, held against each other before they become one file.

The UN prints the programme of work of a session in each of its languages with the same
table: the same days, sessions at the same times, the same agenda items in each session and
the same lines under them. Each version is compared with the first (the source) position by
position: the meeting's dates, the title, the days, the sessions, the segments of each
session with their items, `(continued)`, minutes and details, the agenda, the introduction's
paragraphs and the notes. The first difference is an error that names both files and the
lines where they differ, so that nothing is written from versions that disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from .languages import ANY_LANGUAGE
from .parts import Document, Segment, Slot
from .text import DocumentError, Line

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_QUOTED = 40  # characters of a text quoted in an error

_T = TypeVar("_T")


@dataclass(frozen=True)
class Version:
    """One language version of a programme: its file's name, its lines and what was read."""

    name: str
    lines: list[Line]
    document: Document


@dataclass(frozen=True)
class _Said:
    """What one version says at one place: `name:line: phrase`."""

    version: Version
    line: int | None
    phrase: str

    def __str__(self) -> str:
        where = f"{self.version.name}:{self.line}" if self.line else self.version.name
        return f"{where}: {self.phrase}"


def check(versions: Sequence[Version]) -> None:
    """Return if every version says the programme the first one says, in its own language;
    DocumentError naming both files and lines of the first difference otherwise."""
    source = versions[0]
    for version in versions[1:]:
        _check_pair(source, version)


def is_provisional(document: Document) -> bool:
    """Whether the document is a provisional programme (its title says so, or it has none)."""
    return document.title is None or bool(ANY_LANGUAGE.provisional.search(document.title))


def item_label(slug: str) -> str:
    """An item's number as the programme writes it: `5` or `5(d)`."""
    number = slug.rstrip(_LETTERS)
    letter = slug[len(number) :]
    return f"{number}({letter})" if letter else number


def _differ(first: _Said, second: _Said) -> DocumentError:
    return DocumentError(first.version.name, first.line, f"{first.phrase}, but {second}")


def _check_pair(a: Version, b: Version) -> None:
    one, other = a.document, b.document
    if one.language.code == other.language.code:
        raise DocumentError(
            b.name,
            None,
            f"is in the same language ({one.language.code}) as {a.name}; "
            "give one document per language",
        )
    if (one.heading.start, one.heading.end) != (other.heading.start, other.heading.end):
        raise _differ(
            _Said(a, heading_line(a), f"the meeting runs {_dates(one)}"),
            _Said(b, heading_line(b), f"it runs {_dates(other)}"),
        )
    _check_title(a, b)
    _compare(
        a,
        b,
        "day",
        lambda v: v.document.days,
        lambda d: d.day,
        lambda d: str(d.day),
        lambda v, d: _day_line(v, d.day),
    )
    for entry, other_entry in zip(one.days, other.days, strict=True):
        has_blocks = any(slot.day == entry.day for slot in one.slots)
        if has_blocks and (entry.note is None) != (other_entry.note is None):
            raise _differ(
                _Said(a, _day_line(a, entry.day), f"{entry.day} {_note(entry.note)}"),
                _Said(b, _day_line(b, entry.day), f"{entry.day} {_note(other_entry.note)}"),
            )
    _compare(
        a,
        b,
        "session",
        lambda v: v.document.slots,
        _slot_key,
        lambda s: f"on {_session(s)}",
        lambda _v, s: s.line,
    )
    for slot, other_slot in zip(one.slots, other.slots, strict=True):
        _check_segments(a, slot, b, other_slot)
    if set(one.agenda) != set(other.agenda):
        raise _differ(
            _Said(a, None, f"the agenda has items {_items(one.agenda)}"),
            _Said(b, None, f"it has items {_items(other.agenda)}"),
        )
    _compare(
        a,
        b,
        "introduction paragraph",
        lambda v: v.document.paragraphs,
        lambda _p: None,
        _quote,
        lambda v, p: _text_line(v, p),
    )
    _compare(
        a,
        b,
        "note",
        lambda v: v.document.notes,
        lambda _n: None,
        _quote,
        lambda v, n: _text_line(v, n, after=_last_slot_line(v)),
    )


def _check_title(a: Version, b: Version) -> None:
    one, other = a.document, b.document
    if (one.title is None) != (other.title is None) or is_provisional(one) != is_provisional(other):
        raise _differ(
            _Said(a, _title_line(a), _title(one)), _Said(b, _title_line(b), _title(other))
        )


def _title(document: Document) -> str:
    if document.title is None:
        return "no title line: a provisional programme"
    kind = "a provisional programme" if is_provisional(document) else "an adopted programme"
    return f"the title '{document.title}' makes it {kind}"


def _check_segments(a: Version, slot: Slot, b: Version, other_slot: Slot) -> None:
    segments, other_segments = slot.segments, other_slot.segments
    session = f"the session on {_session(slot)}"
    if len(segments) != len(other_segments):
        raise _differ(
            _Said(a, slot.line, f"{session} has {_count(len(segments), 'segment')}"),
            _Said(b, other_slot.line, f"it has {_count(len(other_segments), 'segment')}"),
        )
    for number, (segment, other) in enumerate(zip(segments, other_segments, strict=True), start=1):
        for describe in (_takes_up, _continued, _minutes, _details):
            said, other_said = describe(segment), describe(other)
            if said != other_said:
                raise _differ(
                    _Said(a, slot.line, f"segment {number} of {session} {said}"),
                    _Said(b, other_slot.line, f"segment {number} {other_said}"),
                )


def _takes_up(segment: Segment) -> str:
    if segment.item is None:
        return "takes up no agenda item"
    return f"takes up item {item_label(segment.item)}"


def _continued(segment: Segment) -> str:
    return "is marked (continued)" if segment.continued else "is not marked (continued)"


def _minutes(segment: Segment) -> str:
    return f"lasts {segment.minutes} minutes" if segment.minutes else "has no minutes"


def _details(segment: Segment) -> str:
    return f"has {_count(len(segment.details), 'line')} under it"


def _compare(
    a: Version,
    b: Version,
    what: str,
    items: Callable[[Version], Sequence[_T]],
    key: Callable[[_T], object],
    describe: Callable[[_T], str],
    line: Callable[[Version, _T], int | None],
) -> None:
    """Raise at the first position where the versions' `items` differ by `key` or in number."""
    one, other = items(a), items(b)
    for index in range(max(len(one), len(other))):
        if index < len(one) and index < len(other) and key(one[index]) == key(other[index]):
            continue
        raise _differ(
            _at(a, one, index, what, describe, line), _at(b, other, index, what, describe, line)
        )


def _at(
    version: Version,
    items: Sequence[_T],
    index: int,
    what: str,
    describe: Callable[[_T], str],
    line: Callable[[Version, _T], int | None],
) -> _Said:
    """What `version` has at `index` of `items`, or where its `items` end."""
    if index < len(items):
        item = items[index]
        return _Said(version, line(version, item), f"{what} {index + 1} is {describe(item)}")
    if items:
        last = items[-1]
        return _Said(version, line(version, last), f"{what} {len(items)} is the last")
    return _Said(version, None, f"has no {what}s")


# -- finding the lines of what the reader read --------------------------------------------


def heading_line(version: Version) -> int | None:
    """The line of the heading's dates and city."""
    pattern = version.document.language.heading_dates
    return next((line.number for line in version.lines if pattern.match(line.norm)), None)


def _day_line(version: Version, day: date) -> int | None:
    """The line of the day line for `day` (a date written in any language's form)."""
    for line in version.lines:
        for language in ANY_LANGUAGE.languages:
            for pattern in language.day_lines:
                match = pattern.match(line.norm)
                if (
                    match
                    and int(match["day"]) == day.day
                    and language.month(match["month"]) == day.month
                ):
                    return line.number
    return None


def _title_line(version: Version) -> int | None:
    title = version.document.title
    return _text_line(version, title) if title else heading_line(version)


def _text_line(version: Version, text: str, after: int = 0) -> int | None:
    """The first line after line `after` on which `text` (a read text, perhaps joined from
    wrapped lines) starts."""
    start = text[:12].strip()
    return next(
        (line.number for line in version.lines if line.number > after and start in line.text),
        None,
    )


def _last_slot_line(version: Version) -> int:
    return max((slot.line for slot in version.document.slots), default=0)


# -- words ---------------------------------------------------------------------------------


def _dates(document: Document) -> str:
    return f"from {document.heading.start} to {document.heading.end}"


def _slot_key(slot: Slot) -> tuple:
    return slot.day, slot.start, slot.end


def _session(slot: Slot) -> str:
    return f"{slot.day} at {slot.start:%H:%M}-{slot.end:%H:%M}"


def _note(note: str | None) -> str:
    return f"has the note {_quote(note)}" if note else "has no note"


def _quote(text: str) -> str:
    return f"'{text}'" if len(text) <= _QUOTED else f"'{text[:_QUOTED].rstrip()}…'"


def _items(agenda: dict[str, str]) -> str:
    return ", ".join(item_label(slug) for slug in sorted(agenda, key=_item_order))


def _item_order(slug: str) -> tuple[int, str]:
    number = slug.rstrip(_LETTERS)
    return (int(number) if number.isdigit() else 999, slug[len(number) :])


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' * (n != 1)}"
