"""The validated programme of a meeting, as immutable values.

Nothing here imports from the rest of the package: the loader builds these
objects, every renderer reads them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from functools import cached_property

#: The six official languages of the United Nations, by ISO 639-1 code.
UN_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")

#: A text in every language of its meeting, by language code.
Text = Mapping[str, str]


#: How a moment in UTC is written in revisions files, programme.json and pages.
UTC_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
#: The same, as messages spell it for a person.
UTC_FORMAT_TEXT = "YYYY-MM-DDTHH:MM:SSZ"


def utc_text(moment: datetime) -> str:
    """`2022-03-28T14:00:00Z` (the moment must be in UTC)."""
    return moment.strftime(UTC_FORMAT)


def parse_utc_text(text: str) -> datetime | None:
    """The moment `utc_text` wrote, or None if `text` is not in that form."""
    try:
        return datetime.strptime(text, UTC_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def item_slug(reference: str) -> str:
    """The URL slug of an agenda item reference: `5 (d)` -> `5d`, `3.` -> `3`."""
    return re.sub(r"[^0-9a-z]", "", reference.lower())


@dataclass(frozen=True)
class AgendaItem:
    """An item (`5`) or sub-item (`5(d)`) of the meeting's agenda."""

    number: str
    letter: str | None
    title: Text

    @cached_property
    def slug(self) -> str:
        return item_slug(self.number + (self.letter or ""))

    @property
    def label(self) -> str:
        """How the programme writes the item's number: `5` or `5(d)`."""
        return f"{self.number}({self.letter})" if self.letter else self.number

    @property
    def prefix(self) -> str:
        """The numbering in front of the item's title: `5.` or `(d)`."""
        return f"({self.letter})" if self.letter else f"{self.number}."

    @property
    def parent_slug(self) -> str | None:
        return item_slug(self.number) if self.letter else None


@dataclass(frozen=True)
class Segment:
    """One line of a session block: an agenda item taken up, a text, or both.

    An item segment takes its words from the agenda; a text segment carries
    its own (an opening, a statement, a briefing); a text with an item is a
    line of its own words under that item, such as `General debate (item 4)`.
    `details` are the lines printed under it, such as the speakers.
    """

    item: str | None = None
    text: Text | None = None
    continued: bool = False
    minutes: int | None = None
    details: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Block:
    """A session block: one meeting (a morning or an afternoon) of the programme."""

    id: str
    date: date
    start: time
    end: time
    segments: tuple[Segment, ...]
    title: Text | None = None
    room: Text | None = None
    cancelled: bool = False

    @property
    def items(self) -> tuple[str, ...]:
        """Slugs of the agenda items taken up, in order of first mention."""
        seen: dict[str, None] = {}
        for segment in self.segments:
            if segment.item is not None:
                seen.setdefault(segment.item, None)
        return tuple(seen)


@dataclass(frozen=True)
class Revision:
    """How often a block has changed, and when it last did."""

    sequence: int
    modified: datetime  # UTC


@dataclass(frozen=True)
class Day:
    date: date
    blocks: tuple[Block, ...]
    note: Text | None = None


@dataclass(frozen=True)
class Document:
    """A document the programme cites."""

    symbol: str
    title: Text
    url: Text


@dataclass(frozen=True)
class Meeting:
    """A meeting and its programme of work, in every language it is published in."""

    id: str
    language: str
    translations: Mapping[str, str]
    title: Text
    short_title: Text
    venue: Text
    timezone: str
    start: date
    end: date
    status: str
    agenda: tuple[AgendaItem, ...]
    days: tuple[Day, ...]
    body: Text | None = None
    session: Text | None = None
    city: Text | None = None
    url: Text | None = None
    document_title: Text | None = None
    issued_by: Text | None = None
    documents: tuple[Document, ...] = ()
    introduction: tuple[Text, ...] = ()
    notes: tuple[Text, ...] = ()
    version: Text | None = None  # the programme's version label: `Rev.1`, `as of 30 March`
    series: str | None = None  # the id of the series of meetings it belongs to: `oewg-ict`
    source: str = field(default="", compare=False)

    @property
    def languages(self) -> tuple[str, ...]:
        """The source language first, then the translations."""
        return (self.language, *self.translations)

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(block for day in self.days for block in day.blocks)

    @cached_property
    def span(self) -> tuple[date, date]:
        """The first and last dates of the meeting and of its blocks."""
        dates = [block.date for block in self.blocks]
        return min([self.start, *dates]), max([self.end, *dates])

    @cached_property
    def _items(self) -> dict[str, AgendaItem]:
        return {item.slug: item for item in self.agenda}

    def item(self, slug: str) -> AgendaItem:
        return self._items[slug]

    @cached_property
    def _taking_up(self) -> dict[str, list[int]]:
        """The positions among `blocks` of the blocks taking up each item or its sub-items."""
        taking_up: dict[str, list[int]] = {}
        parents = {item.slug: item.parent_slug for item in self.agenda}
        for index, block in enumerate(self.blocks):
            for slug in {s for taken in block.items for s in (taken, parents.get(taken)) if s}:
                taking_up.setdefault(slug, []).append(index)
        return taking_up

    def blocks_taking_up(self, slug: str) -> tuple[Block, ...]:
        """Blocks that take up an item, or any of its sub-items."""
        return tuple(self.blocks[index] for index in self._taking_up.get(slug, ()))

    @property
    def called_off(self) -> bool:
        """Whether the whole meeting is cancelled or postponed: every event is then cancelled."""
        return self.status in ("cancelled", "postponed")

    def is_unofficial(self, lang: str) -> bool:
        return self.translations.get(lang) == "unofficial"
