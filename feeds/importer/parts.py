"""The parts of a programme-of-work document, as the reader finds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from .language import Language


@dataclass
class Segment:
    """A line or run of lines taken up in a session: an agenda item, a speaker, a note."""

    item: str | None = None  # slug
    text: str | None = None
    continued: bool = False
    minutes: int | None = None
    details: list[str] = field(default_factory=list)
    indent: int = 0
    number: str | None = None  # an item's number, written in a column of its own before the text


@dataclass
class Slot:
    """A session: a day's time slot and what is taken up in it."""

    line: int
    day: date
    start: time
    end: time
    segments: list[Segment] = field(default_factory=list)


@dataclass
class DayEntry:
    """A day of the table, with the note its line carries ("no meetings")."""

    day: date
    note: str | None = None


@dataclass(frozen=True)
class Heading:
    """The meeting as the document's heading names it."""

    body: str
    session: str | None
    start: date
    end: date
    city: str


@dataclass(frozen=True)
class Document:
    """Everything read from a document, ready to be written as a programme file."""

    language: Language
    heading: Heading
    title: str | None
    paragraphs: list[str]
    days: list[DayEntry]
    slots: list[Slot]
    notes: list[str]
    links: list[str]
    agenda: dict[str, str]  # item slug -> title, in the order the document names them
    warnings: list[str]  # "document:line: kept as a note: ..."
