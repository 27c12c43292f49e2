"""A block as the revisions file keeps it, so that it can still be published once removed.

`feeds stamp` records, beside each block's fingerprint, the block itself: its
day, times, texts and the agenda items it takes up (their numbers and titles
too, in case they leave the agenda). A block later removed from the programme
is published from this copy as cancelled, in every feed it was in, until the
meeting's feeds are no longer published.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from .changes import recorded_clock, recorded_day
from .feedlist import membership
from .model import AgendaItem, Block, Meeting, Segment, Text


def _text_data(text: Text | None) -> dict[str, str] | None:
    return dict(text) if text is not None else None


def block_data(meeting: Meeting, block: Block) -> dict[str, object]:
    """The block as JSON data: everything needed to publish it again."""
    return {
        "date": block.date.isoformat(),
        "start": f"{block.start:%H:%M}",
        "end": f"{block.end:%H:%M}",
        "cancelled": block.cancelled,
        "title": _text_data(block.title),
        "room": _text_data(block.room),
        "segments": [
            {
                "item": segment.item,
                "text": _text_data(segment.text),
                "continued": segment.continued,
                "minutes": segment.minutes,
                "details": [dict(detail) for detail in segment.details],
            }
            for segment in block.segments
        ],
        "items": {
            slug: {
                "number": meeting.item(slug).number,
                "letter": meeting.item(slug).letter,
                "title": dict(meeting.item(slug).title),
            }
            for slug in _named_items(meeting, block)
        },
    }


def _named_items(meeting: Meeting, block: Block) -> list[str]:
    """The items a block's lines and labels name: those it takes up and their parents."""
    slugs = list(block.items)
    for slug in block.items:
        parent = meeting.item(slug).parent_slug
        if parent is not None and parent not in slugs:
            slugs.append(parent)
    return slugs


@dataclass(frozen=True)
class StoredBlock:
    """A block as a revisions file recorded it."""

    date: date
    start: time
    end: time
    cancelled: bool
    title: Text | None
    room: Text | None
    segments: tuple[Segment, ...]
    items: Mapping[str, AgendaItem]

    @classmethod
    def from_data(cls, data: object) -> StoredBlock:
        """The block `block_data` wrote; ValueError saying what is wrong if it is not one."""
        try:
            return cls._read(data)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise ValueError(f"not a block as `feeds stamp` records it ({error})") from None

    @classmethod
    def _read(cls, data: object) -> StoredBlock:
        data = _mapping(data)
        items = {}
        for slug, item in _mapping(data["items"]).items():
            letter = item["letter"]
            items[str(slug)] = AgendaItem(
                _string(item["number"]),
                None if letter is None else _string(letter),
                _text(item["title"]),
            )
        segments = tuple(
            Segment(
                item=None if one["item"] is None else _string(one["item"]),
                text=None if one["text"] is None else _text(one["text"]),
                continued=_flag(one["continued"]),
                minutes=None if one["minutes"] is None else _whole(one["minutes"]),
                details=tuple(_text(detail) for detail in one["details"]),
            )
            for one in data["segments"]
        )
        if not segments:
            raise ValueError("no segments")
        start, end = recorded_clock(data["start"], "start"), recorded_clock(data["end"], "end")
        if end <= start:
            raise ValueError(f"end: {end:%H:%M} is not after the start {start:%H:%M}")
        for segment in segments:
            if segment.item is not None and segment.item not in items:
                raise ValueError(f"item '{segment.item}' is not among its items")
        return cls(
            recorded_day(data["date"]),
            start,
            end,
            _flag(data["cancelled"]),
            None if data["title"] is None else _text(data["title"]),
            None if data["room"] is None else _text(data["room"]),
            segments,
            items,
        )

    @property
    def memberships(self) -> frozenset[str]:
        """The day and item feeds the block was in (as `feedlist.memberships` names them)."""
        days = {membership("day", self.date.isoformat())}
        return frozenset(days | {membership("item", slug) for slug in self.items})

    def block(self, block_id: str, meeting: Meeting) -> Block:
        """The block, cancelled, in the languages of `meeting` as it is now.

        A language the copy lacks takes the source language's text (or the
        first the copy has); an item no longer on the agenda becomes a line of
        its own words, as the programme printed it.
        """

        def text(value: Text) -> Text:
            fallback = value.get(meeting.language) or next(iter(value.values()))
            return {lang: value.get(lang, fallback) for lang in meeting.languages}

        agenda = {item.slug for item in meeting.agenda}
        segments = []
        for segment in self.segments:
            own = segment.text
            item = segment.item
            if item is not None and item not in agenda:
                gone = self.items[item]
                own = own or {lang: f"{gone.prefix} {title}" for lang, title in gone.title.items()}
                item = None
            segments.append(
                Segment(
                    item=item,
                    text=text(own) if own is not None else None,
                    continued=segment.continued,
                    minutes=segment.minutes,
                    details=tuple(text(detail) for detail in segment.details),
                )
            )
        return Block(
            block_id,
            self.date,
            self.start,
            self.end,
            tuple(segments),
            text(self.title) if self.title is not None else None,
            text(self.room) if self.room is not None else None,
            cancelled=True,
        )


def _mapping(value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise TypeError(f"expected a mapping, got {value!r}")
    return value


def _string(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError(f"expected a text, got {value!r}")
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _whole(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def _text(value: object) -> Text:
    value = _mapping(value)
    if not value:
        raise ValueError("a text in no language")
    return {str(lang): _string(one) for lang, one in value.items()}
