"""iCalendar for a meeting: one VEVENT per session block, assembled into feeds.

Each block is rendered once per language; a feed is its calendar header, the
meeting's VTIMEZONE and the pieces of the blocks it holds. Nothing here reads
a clock: DTSTAMP and LAST-MODIFIED come from the block's revision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, vDuration, vText

from . import i18n, zones
from .model import Block, Meeting, Segment

PRODID = "-//Meeting Feeds//Programme of work//EN"
UID_DOMAIN = "meeting-feeds"
REFRESH = timedelta(hours=1)
_INDENT = "    "


@dataclass(frozen=True)
class Revision:
    """How often a block has changed, and when it last did."""

    sequence: int
    modified: datetime  # UTC


def uid(meeting: Meeting, block: Block) -> str:
    """The block's UID: the same in every language and feed, whatever is edited."""
    return f"{meeting.id}.{block.id}@{UID_DOMAIN}"


def segment_lines(meeting: Meeting, segment: Segment, lang: str) -> list[str]:
    """A segment as the programme prints it: `5. Discussion of ... (continued)`.

    A segment with its own text prints that text (which may name its agenda
    item, as in `General debate (item 4)`); an item alone prints its number and
    title from the agenda.
    """
    w = i18n.words(lang)
    suffix = (w.minutes.format(n=segment.minutes) if segment.minutes else "") + (
        w.continued if segment.continued else ""
    )
    item = meeting.item(segment.item) if segment.item is not None else None
    indent = _INDENT if item is not None and item.letter else ""
    if segment.text is not None:
        lines = [f"{indent}{segment.text[lang]}{suffix}"]
    else:
        assert item is not None
        lines = [f"{indent}{item.prefix} {item.title[lang]}{suffix}"]
    lines += [f"{indent}{_INDENT}{detail[lang]}" for detail in segment.details]
    return lines


def summary_items(meeting: Meeting, block: Block) -> list[str]:
    """The labels of a block's items, a parent left out when its sub-item is named."""
    slugs = block.items
    parents = {meeting.item(slug).parent_slug for slug in slugs}
    return [meeting.item(slug).label for slug in slugs if slug not in parents]


def block_title(meeting: Meeting, block: Block, lang: str) -> str:
    """What the block is about, short enough for a week view."""
    w = i18n.words(lang)
    labels = summary_items(meeting, block)
    items = i18n.items_label(lang, labels) if labels else ""
    if block.title is not None:
        title = block.title[lang]
        return w.with_items.format(title=title, items=items) if items else title
    if items:
        return items
    first = block.segments[0]
    return first.text[lang].splitlines()[0] if first.text is not None else ""


def summary(meeting: Meeting, block: Block, lang: str) -> str:
    """The event's title: `OEWG on ICTs, 2nd session: Item 5(f)`.

    A cancelled block says so in its title too: not every client shows STATUS.
    """
    w = i18n.words(lang)
    text = w.summary.format(
        meeting=meeting.short_title[lang], what=block_title(meeting, block, lang)
    )
    return w.summary.format(meeting=w.cancelled, what=text) if block.cancelled else text


def description(meeting: Meeting, block: Block, lang: str) -> str:
    w = i18n.words(lang)
    paragraphs = []
    if block.cancelled:
        paragraphs.append(w.cancelled)
    lines = [line for segment in block.segments for line in segment_lines(meeting, segment, lang)]
    paragraphs.append("\n".join(lines))
    paragraphs += [w.note + note[lang] for note in meeting.notes]
    if meeting.is_unofficial(lang):
        paragraphs.append(i18n.unofficial_note(lang, meeting.language))
    if meeting.url is not None:
        paragraphs.append(meeting.url[lang])
    return "\n\n".join(paragraphs)


def location(meeting: Meeting, block: Block, lang: str) -> str:
    venue = meeting.venue[lang]
    return f"{block.room[lang]}, {venue}" if block.room is not None else venue


def status(meeting: Meeting, block: Block) -> str:
    if block.cancelled:
        return "CANCELLED"
    return "TENTATIVE" if meeting.status == "provisional" else "CONFIRMED"


def event_fields(meeting: Meeting, block: Block, lang: str) -> dict[str, object]:
    """Everything an event says in one language, except its revision."""
    return {
        "uid": uid(meeting, block),
        "tzid": meeting.timezone,
        "dtstart": datetime.combine(block.date, block.start),
        "dtend": datetime.combine(block.date, block.end),
        "summary": summary(meeting, block, lang),
        "description": description(meeting, block, lang),
        "location": location(meeting, block, lang),
        "url": meeting.url[lang] if meeting.url is not None else None,
        "categories": [i18n.items_label(lang, [meeting.item(slug).label]) for slug in block.items],
        "status": status(meeting, block),
    }


def render_event(fields: dict[str, object], revision: Revision, utc: bool = False) -> bytes:
    """One VEVENT, CRLF-terminated, folded at 75 octets.

    Times are local to the meeting with its TZID, or with `utc` in UTC: the form
    for web widgets, whose parsers ignore VTIMEZONE (see docs/clients.md).
    """
    event = Event()
    event.add("uid", fields["uid"])
    event.add("dtstamp", revision.modified)
    event.add("last-modified", revision.modified)
    event.add("sequence", revision.sequence)
    for key in ("dtstart", "dtend"):
        local = fields[key]
        assert isinstance(local, datetime)
        if utc:
            event.add(key, zones.to_utc(str(fields["tzid"]), local.date(), local.time()))
        else:
            event.add(key, local, parameters={"TZID": fields["tzid"]})
    event.add("summary", fields["summary"])
    event.add("description", fields["description"])
    event.add("location", fields["location"])
    if fields["url"]:
        event.add("url", fields["url"])
    if fields["categories"]:
        event.add("categories", fields["categories"])
    event.add("status", fields["status"])
    event.add("transp", "OPAQUE")
    return event.to_ical()


def timezone_span(meeting: Meeting) -> tuple[date, date]:
    blocks = meeting.blocks
    first = min([meeting.start, *(block.date for block in blocks)])
    last = max([meeting.end, *(block.date for block in blocks)])
    return first, last


def render_calendar(
    meeting: Meeting, lang: str, name: str, about: str, events: list[bytes], utc: bool = False
) -> bytes:
    """A whole VCALENDAR from pre-rendered events (with UTC times, no VTIMEZONE is needed)."""
    header = Calendar()
    header.add("prodid", PRODID)
    header.add("version", "2.0")
    header.add("calscale", "GREGORIAN")
    header.add("method", "PUBLISH")
    # icalendar does not know the types of RFC 7986 and X- properties: give them theirs.
    header.add("name", vText(name))
    header.add("x-wr-calname", vText(name))
    header.add("x-wr-caldesc", vText(about))
    header.add("x-wr-timezone", vText(meeting.timezone))
    header.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    header.add("x-published-ttl", vDuration(REFRESH))
    head = header.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return b"".join(
        [
            head[: -len(end)],
            b"" if utc else zones.vtimezone(meeting.timezone, *timezone_span(meeting)),
            *events,
            end,
        ]
    )
