"""Reading feeds back the way a client does."""

from __future__ import annotations

import bisect
import json
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

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


#: The Node scripts that read feeds with ical.js.
CLIENTS = Path(__file__).resolve().parent / "clients"


def icaljs(paths: list[str]) -> dict:
    """What ical.js reads from each feed file, by path, using only the file's VTIMEZONE
    (the process's own zone is one no programme uses)."""
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "node (Debian's nodejs) is needed for the ical.js tests"
    result = subprocess.run(
        [node, str(CLIENTS / "icaljs-events.mjs")],
        input=json.dumps(paths),
        capture_output=True,
        text=True,
        check=True,
        env={"TZ": "Pacific/Kiritimati", "PATH": ""},
    )
    return json.loads(result.stdout)


def vevents(body: bytes) -> dict[str, bytes]:
    """Each event's bytes as the feed writes them, by UID, in the feed's order."""
    found = {}
    for chunk in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", body, re.S):
        unfolded = chunk.replace(b"\r\n ", b"")
        found[re.search(rb"\r\nUID:([^\r]*)\r\n", unfolded)[1].decode()] = chunk
    return found
