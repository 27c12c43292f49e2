"""The calendar feeds a meeting has in a language: the whole meeting, each day,
each agenda item and each session block; and the feed of the agenda items a
reader chooses.

One list drives the catalog, the pages' subscribe buttons and programme.json,
so a feed cannot be offered in one and be missing from another.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from . import i18n, urls
from .model import Block, Meeting


@dataclass(frozen=True)
class Feed:
    """One calendar feed of a meeting in one language."""

    kind: str  # "all", "day", "item", "event", or "items" (chosen by a reader)
    lang: str
    meeting: str
    key: str  # "", a date, an item slug, a block id, or item slugs joined: `5a+5d`
    label: str  # what the feed holds, e.g. "Monday, 28 March 2022"
    title: str  # the calendar's name: the meeting's short title and the label
    blocks: tuple[Block, ...]
    # Blocks this feed held when a programme was stamped and holds no more (moved to
    # another day, no longer taking up the item): shown cancelled in this feed alone,
    # so that a calendar that keeps what it once fetched lets go of them.
    departed: tuple[Block, ...] = ()

    @property
    def membership(self) -> str:
        return membership(self.kind, self.key)

    @property
    def path(self) -> str:
        if self.kind == CHOSEN:
            return urls.items_feed(self.lang, self.meeting, self.slugs)
        return urls.feed(self.lang, self.meeting, self.kind, self.key)

    @property
    def slugs(self) -> tuple[str, ...]:
        """The agenda items of an item feed or of a feed of chosen items."""
        return tuple(self.key.split(urls.ITEMS_SEPARATOR)) if self.kind in ("item", CHOSEN) else ()

    @property
    def file_name(self) -> str:
        return urls.file_name(self.title, ".ics")

    @property
    def ascii_file_name(self) -> str:
        return urls.ascii_file_name(self.meeting, self.lang, self.kind, self.key, extension=".ics")


#: The kind of the feed of the agenda items a reader chose.
CHOSEN = "items"


def event_label(block: Block, lang: str) -> str:
    return f"{i18n.day_label(lang, block.date)} {block.start:%H:%M}-{block.end:%H:%M}"


def membership(kind: str, key: str) -> str:
    """How the revisions file names a day or item feed a block is in: `day:2022-03-28`."""
    return f"{kind}:{key}"


def memberships(meeting: Meeting, block: Block) -> frozenset[str]:
    """The day and item feeds that hold a block: its day, its items and their parents."""
    slugs = set(block.items)
    slugs |= {parent for slug in block.items if (parent := meeting.item(slug).parent_slug)}
    return frozenset(
        {membership("day", block.date.isoformat())} | {membership("item", s) for s in slugs}
    )


#: Blocks that left a day or item feed, by `membership` of that feed.
Departed = Mapping[str, tuple[Block, ...]]


def meeting_feeds(
    meeting: Meeting,
    lang: str,
    departed: Departed | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[Feed]:
    """Every feed of a meeting in a language: whole meeting, days, items, blocks.

    With `departed`, a day or item feed also carries the blocks that left it;
    a day or item that only departed blocks still name keeps its feed (its
    item's label from `labels`, by slug), for the calendars subscribed to it.
    """
    short_title = meeting.short_title[lang]
    departed = departed or {}

    def feed(kind: str, key: str, label: str, blocks: tuple[Block, ...]) -> Feed:
        left = departed.get(membership(kind, key), ())
        title = f"{short_title} · {label}"
        return Feed(kind, lang, meeting.id, key, label, title, blocks, left)

    days = {day.date.isoformat(): day.blocks for day in meeting.days}
    for key in departed:
        kind, _, value = key.partition(":")
        if kind == "day":
            days.setdefault(value, ())
    gone = _off_agenda(meeting, departed)
    feeds = [feed("all", "", i18n.words(lang).whole_meeting, meeting.blocks)]
    feeds += [
        feed("day", key, i18n.day_label(lang, date.fromisoformat(key)), days[key])
        for key in sorted(days)
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
        feed("item", slug, i18n.items_label(lang, [(labels or {}).get(slug, slug)]), ())
        for slug in gone
    ]
    feeds += [
        feed("event", block.id, event_label(block, lang), (block,)) for block in meeting.blocks
    ]
    return feeds


def _off_agenda(meeting: Meeting, departed: Departed) -> list[str]:
    """The items off the agenda whose feeds are kept (blocks departed from them), by slug."""
    agenda = {item.slug for item in meeting.agenda}
    return sorted(
        value
        for kind, _, value in (key.partition(":") for key in departed)
        if kind == "item" and value not in agenda
    )


def item_slugs(meeting: Meeting, departed: Departed | None = None) -> tuple[str, ...]:
    """The slugs of a meeting's item feeds in agenda order, among which a reader chooses.

    An item off the agenda whose feed is kept takes the place its number gives
    it (`5c` before `5d`), so that a choice of items is written the same way
    before and after one of them leaves the agenda.
    """
    slugs = [item.slug for item in meeting.agenda]
    for gone in _off_agenda(meeting, departed or {}):
        later = (index for index, slug in enumerate(slugs) if _number(slug) > _number(gone))
        slugs.insert(next(later, len(slugs)), gone)
    return tuple(slugs)


def _number(slug: str) -> tuple[int, int, str]:
    """How an item's slug sorts among others: by its number, then its letters."""
    found = re.fullmatch(r"([0-9]+)([a-z]*)", slug)
    return (0, int(found[1]), found[2]) if found else (1, 0, slug)


def chosen_feed(
    meeting: Meeting,
    lang: str,
    slugs: tuple[str, ...],
    departed: Departed | None = None,
    labels: Mapping[str, str] | None = None,
) -> Feed:
    """The feed of the agenda items chosen (two or more of `item_slugs`, in that order).

    It holds every block that takes up any of them (an item with its
    sub-items), each once, in programme order; and, cancelled, the blocks
    that left any of their feeds and are not in it otherwise.
    """
    departed = departed or {}
    agenda = {item.slug: item for item in meeting.agenda}
    wanted = set(slugs) | {
        item.slug
        for item in meeting.agenda
        if item.parent_slug is not None and item.parent_slug in slugs
    }
    blocks = tuple(block for block in meeting.blocks if wanted & set(block.items))
    held = {block.id for block in blocks}
    left = {
        block.id: block
        for slug in slugs
        for block in departed.get(membership("item", slug), ())
        if block.id not in held
    }
    order = {block.id: index for index, block in enumerate(meeting.blocks)}
    names = [
        agenda[slug].label if slug in agenda else (labels or {}).get(slug, slug) for slug in slugs
    ]
    label = i18n.items_label(lang, names)
    return Feed(
        CHOSEN,
        lang,
        meeting.id,
        urls.ITEMS_SEPARATOR.join(slugs),
        label,
        f"{meeting.short_title[lang]} · {label}",
        blocks,
        tuple(sorted(left.values(), key=lambda block: order.get(block.id, len(order)))),
    )
