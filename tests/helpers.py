"""Reading feeds back the way a client does."""

from __future__ import annotations

import bisect
from datetime import UTC, datetime, timedelta

import icalendar
from dateutil import rrule

from feeds import ical
from feeds.model import Meeting


def events(body: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(body).walk("VEVENT"))


def offsets_from_vtimezone(body: bytes) -> list[tuple[datetime, object]]:
    """Every onset the file's own VTIMEZONE defines up to 2040, as (UTC instant, offset).

    Only the file is read, as Outlook and Thunderbird do; nothing is looked up by name.
    """
    calendar = icalendar.Calendar.from_ical(body)
    (zone,) = calendar.walk("VTIMEZONE")
    onsets = []
    for observance in zone.subcomponents:
        start = observance["DTSTART"].dt
        offset_from = observance["TZOFFSETFROM"].td
        offset_to = observance["TZOFFSETTO"].td
        if "RRULE" in observance:
            rule = observance["RRULE"].to_ical().decode()
            local_starts = rrule.rrulestr(rule, dtstart=start, ignoretz=True)
            local_starts = local_starts.between(start, datetime(2040, 1, 1), inc=True)
        else:
            local_starts = [start]
        onsets += [((local - offset_from).replace(tzinfo=UTC), offset_to) for local in local_starts]
    return sorted(onsets, key=lambda onset: onset[0])


def utc_from_file(body: bytes, local: datetime) -> datetime:
    """A wall-clock time in the file's zone, to UTC, using only the file's VTIMEZONE."""
    return utc_from_onsets(offsets_from_vtimezone(body), local)


def utc_from_onsets(onsets: list[tuple[datetime, object]], local: datetime) -> datetime:
    # Only onsets within a day of the time can decide it: start from the last one before.
    instants = [instant for instant, _ in onsets]
    start = max(bisect.bisect_left(instants, local.replace(tzinfo=UTC) - timedelta(days=1)) - 1, 0)
    offset = None
    for instant, onset_offset in onsets[start:]:
        candidate = (local - onset_offset).replace(tzinfo=UTC)
        if instant <= candidate:
            offset = onset_offset
    assert offset is not None, f"{local} is before the VTIMEZONE's first onset"
    return (local - offset).replace(tzinfo=UTC)


def unfolded_lines(body: bytes) -> list[str]:
    return body.decode("utf-8").replace("\r\n ", "").split("\r\n")


def blocks_as_printed(meeting: Meeting, lang: str) -> list[tuple]:
    """Each block's id, date, times, items and lines as a feed prints them, to compare."""
    return [
        (
            block.id,
            block.date,
            block.start,
            block.end,
            block.items,
            [line.strip() for s in block.segments for line in ical.segment_lines(meeting, s, lang)],
        )
        for block in meeting.blocks
    ]


class Console:
    """Every console error and uncaught exception of a browser page."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on(
            "console", lambda message: message.type == "error" and self.errors.append(message.text)
        )
        page.on("pageerror", lambda error: self.errors.append(str(error)))
