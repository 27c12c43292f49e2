"""The calendar feeds a meeting has in a language: the whole meeting, each day,
each agenda item and each session block.

One list drives the catalog, the pages' subscribe buttons and programme.json,
so a feed cannot be offered in one and be missing from another.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import i18n, urls
from .model import Block, Meeting


@dataclass(frozen=True)
class Feed:
    """One calendar feed of a meeting in one language."""

    kind: str  # "all", "day", "item" or "event"
    lang: str
    meeting: str
    key: str  # "", a date, an item slug or a block id
    label: str  # what the feed holds, e.g. "Monday, 28 March 2022"
    title: str  # the calendar's name: the meeting's short title and the label
    blocks: tuple[Block, ...]

    @property
    def path(self) -> str:
        return urls.feed(self.lang, self.meeting, self.kind, self.key)

    @property
    def file_name(self) -> str:
        return urls.file_name(self.title, ".ics")

    @property
    def ascii_file_name(self) -> str:
        return urls.ascii_file_name(self.meeting, self.lang, self.kind, self.key, extension=".ics")


def event_label(block: Block, lang: str) -> str:
    return f"{i18n.day_label(lang, block.date)} {block.start:%H:%M}-{block.end:%H:%M}"


def meeting_feeds(meeting: Meeting, lang: str) -> list[Feed]:
    """Every feed of a meeting in a language: whole meeting, days, items, blocks."""
    short_title = meeting.short_title[lang]

    def feed(kind: str, key: str, label: str, blocks: tuple[Block, ...]) -> Feed:
        return Feed(kind, lang, meeting.id, key, label, f"{short_title} · {label}", blocks)

    feeds = [feed("all", "", i18n.words(lang).whole_meeting, meeting.blocks)]
    feeds += [
        feed("day", day.date.isoformat(), i18n.day_label(lang, day.date), day.blocks)
        for day in meeting.days
    ]
    feeds += [
        feed(
            "item",
            item.slug,
            i18n.items_label(lang, [item.label]),
            meeting.blocks_taking_up(item.slug),
        )
        for item in meeting.agenda
    ]
    feeds += [
        feed("event", block.id, event_label(block, lang), (block,)) for block in meeting.blocks
    ]
    return feeds
