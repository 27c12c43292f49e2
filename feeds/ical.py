"""iCalendar for a meeting: one VEVENT per session block, assembled into feeds.

Each block is rendered once per language; a feed is its calendar header, the
meeting's VTIMEZONE and the pieces of the blocks it holds. Nothing here reads
a clock: DTSTAMP and LAST-MODIFIED come from the block's revision.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import i18n, icsformat, zones
from .model import Block, Meeting, Revision, Segment

PRODID = "-//Meeting Feeds//Programme of work//EN"
UID_DOMAIN = "meeting-feeds"
REFRESH = timedelta(hours=1)
_INDENT = "    "


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
    return _summary(meeting, block, lang, block_title(meeting, block, lang))


def _called_off(meeting: Meeting, block: Block, lang: str) -> str | None:
    """What a cancelled event says it is (`Cancelled`, `Postponed`), None if it is not."""
    w = i18n.words(lang)
    if block.cancelled or meeting.status == "cancelled":
        return w.cancelled  # a session cancelled on its own stays so, whatever the meeting
    return w.postponed if meeting.status == "postponed" else None


def _summary(meeting: Meeting, block: Block, lang: str, title: str) -> str:
    w = i18n.words(lang)
    text = w.summary.format(meeting=meeting.short_title[lang], what=title)
    mark = _called_off(meeting, block, lang)
    return w.summary.format(meeting=mark, what=text) if mark is not None else text


def description(meeting: Meeting, block: Block, lang: str) -> str:
    """The event's description: the block's lines, then the notes, the translation's
    status and the meeting's address."""
    return _description(meeting, block, lang, _lines(meeting, block, lang))


def _lines(meeting: Meeting, block: Block, lang: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(segment_lines(meeting, segment, lang)) for segment in block.segments)


def _description(
    meeting: Meeting, block: Block, lang: str, lines: tuple[tuple[str, ...], ...]
) -> str:
    w = i18n.words(lang)
    paragraphs = []
    mark = _called_off(meeting, block, lang)
    if mark is not None:
        paragraphs.append(mark)
    paragraphs.append("\n".join(line for segment in lines for line in segment))
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
    if block.cancelled or meeting.called_off:
        return "CANCELLED"
    return "TENTATIVE" if meeting.status == "provisional" else "CONFIRMED"


@dataclass(frozen=True)
class EventFields:
    """Everything a block's event says in one language, except its revision.

    Computed once per block and language (`ical.event_fields`) when a meeting
    is published; the feeds, the pages, programme.json and the revisions
    ledger's fingerprints all read the same value.
    """

    uid: str
    tzid: str
    dtstart: datetime  # wall-clock time in `tzid`
    dtend: datetime
    summary: str
    description: str
    location: str
    url: str | None
    categories: tuple[str, ...]
    status: str
    # Derived from the fields above, for pages and programme.json (not fingerprinted).
    title: str  # what the block is about, as the summary says after the meeting's name
    lines: tuple[tuple[str, ...], ...]  # each segment's lines, as the description prints them
    start_utc: datetime
    end_utc: datetime

    def fingerprinted(self) -> dict[str, object]:
        """What a block's fingerprint in the revisions ledger covers: what its event says."""
        return {name: getattr(self, name) for name in FINGERPRINTED}


#: The fields of an event that its fingerprint covers; the others derive from them.
FINGERPRINTED = (
    "uid",
    "tzid",
    "dtstart",
    "dtend",
    "summary",
    "description",
    "location",
    "url",
    "categories",
    "status",
)


def event_fields(meeting: Meeting, block: Block, lang: str) -> EventFields:
    """The fields of a block's event in one language."""
    title = block_title(meeting, block, lang)
    lines = _lines(meeting, block, lang)
    return EventFields(
        uid=uid(meeting, block),
        tzid=meeting.timezone,
        dtstart=datetime.combine(block.date, block.start),
        dtend=datetime.combine(block.date, block.end),
        summary=_summary(meeting, block, lang, title),
        description=_description(meeting, block, lang, lines),
        location=location(meeting, block, lang),
        url=meeting.url[lang] if meeting.url is not None else None,
        categories=tuple(
            i18n.items_label(lang, [meeting.item(slug).label]) for slug in block.items
        ),
        status=status(meeting, block),
        title=title,
        lines=lines,
        start_utc=zones.to_utc(meeting.timezone, block.date, block.start),
        end_utc=zones.to_utc(meeting.timezone, block.date, block.end),
    )


def left_feed(fields: EventFields, reason: str, lang: str) -> EventFields:
    """The event as a day's or item's calendar shows it once the block left it: cancelled
    there, saying why (`reason`), at its new time and with its new text."""
    if fields.status == "CANCELLED":
        return fields
    w = i18n.words(lang)
    return dataclasses.replace(
        fields,
        summary=w.summary.format(meeting=reason, what=fields.summary),
        description=f"{reason}\n\n{fields.description}",
        status="CANCELLED",
    )


def render_event(fields: EventFields, revision: Revision, utc: bool = False) -> bytes:
    """One VEVENT, CRLF-terminated, folded at 75 octets.

    Times are local to the meeting with its TZID, or with `utc` in UTC: the form
    for web widgets, whose parsers ignore VTIMEZONE (see docs/clients.md).
    Properties come in the icalendar library's order, so the bytes are the same
    as it would write.
    """
    tzid = fields.tzid
    modified = icsformat.utc(revision.modified)
    if utc:
        times = [
            icsformat.raw_line("DTSTART", icsformat.utc(fields.start_utc)),
            icsformat.raw_line("DTEND", icsformat.utc(fields.end_utc)),
        ]
    else:
        times = [
            icsformat.raw_line("DTSTART", icsformat.local(fields.dtstart), f";TZID={tzid}"),
            icsformat.raw_line("DTEND", icsformat.local(fields.dtend), f";TZID={tzid}"),
        ]
    lines = [
        b"BEGIN:VEVENT\r\n",
        icsformat.text_line("SUMMARY", fields.summary),
        *times,
        icsformat.raw_line("DTSTAMP", modified),
        icsformat.text_line("UID", fields.uid),
        icsformat.raw_line("SEQUENCE", str(revision.sequence)),
    ]
    if fields.categories:
        value = ",".join(icsformat.escape(category) for category in fields.categories)
        lines.append(icsformat.raw_line("CATEGORIES", value))
    lines += [
        icsformat.text_line("DESCRIPTION", fields.description),
        icsformat.raw_line("LAST-MODIFIED", modified),
        icsformat.text_line("LOCATION", fields.location),
        icsformat.text_line("STATUS", fields.status),
        b"TRANSP:OPAQUE\r\n",
    ]
    if fields.url:
        lines.append(icsformat.raw_line("URL", fields.url))
    lines.append(b"END:VEVENT\r\n")
    return b"".join(lines)


def timezone_span(meeting: Meeting) -> tuple[date, date]:
    """The dates a feed's VTIMEZONE must cover: the meeting's and its blocks'."""
    return meeting.span


def render_calendar(
    meeting: Meeting, name: str, about: str, events: list[bytes], utc: bool = False
) -> bytes:
    """A whole VCALENDAR from pre-rendered events (with UTC times, no VTIMEZONE is needed)."""
    spans = [] if utc else [(meeting.timezone, *timezone_span(meeting))]
    return assemble_calendar(name, about, events, meeting.timezone, spans)


def assemble_calendar(
    name: str,
    about: str,
    events: list[bytes],
    timezone: str,
    spans: Iterable[tuple[str, date, date]],
) -> bytes:
    """A whole VCALENDAR from pre-rendered events, with a VTIMEZONE for each (zone, first
    date, last date) of `spans` (none for events with UTC times); `timezone` is the one
    a client shows it in by default."""
    refresh = _duration(REFRESH)
    return b"".join(
        [
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
            icsformat.text_line("PRODID", PRODID),
            b"CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
            icsformat.text_line("X-WR-CALDESC", about),
            icsformat.text_line("NAME", name),
            icsformat.text_line("X-WR-CALNAME", name),
            icsformat.raw_line("REFRESH-INTERVAL", refresh, ";VALUE=DURATION"),
            icsformat.raw_line("X-PUBLISHED-TTL", refresh),
            icsformat.text_line("X-WR-TIMEZONE", timezone),
            *(zones.vtimezone(zone, first, last) for zone, first, last in spans),
            *events,
            b"END:VCALENDAR\r\n",
        ]
    )


def _duration(span: timedelta) -> str:
    """`PT1H`: an RFC 5545 duration of whole hours, minutes and seconds."""
    seconds = int(span.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{seconds}S" if seconds or text == "PT" else "")
