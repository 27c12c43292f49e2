"""Every published feed, read by the parsers that real clients use.

- ical.js, Thunderbird's parser (and FullCalendar's), with only the file's VTIMEZONE;
- ical, Home Assistant's strict RFC 5545 parser, which must raise nothing;
- vobject, the Radicale CalDAV server's parser, with the file's VTIMEZONE.

Each must see exactly the events of the model: UIDs, UTC start and end, summary,
description (Chinese intact, folding undone), location, status and sequence.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
import vobject
from ical.calendar_stream import IcsCalendarStream

from conftest import DATA, FIXTURES, LANGUAGES
from feeds import catalog, ical, zones
from feeds.feedlist import meeting_feeds
from feeds.revisions import Published
from helpers import icaljs

SOURCES = [DATA, FIXTURES / "geneva.yaml", FIXTURES / "edge-cases.yaml"]


def _iso(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _expected(entry: Published, block, lang: str) -> dict:
    meeting = entry.meeting
    return {
        "uid": ical.uid(meeting, block),
        "start": _iso(zones.to_utc(meeting.timezone, block.date, block.start)),
        "end": _iso(zones.to_utc(meeting.timezone, block.date, block.end)),
        "summary": ical.summary(meeting, block, lang),
        "description": ical.description(meeting, block, lang),
        "location": ical.location(meeting, block, lang),
        "status": ical.status(meeting, block),
        "sequence": entry.revisions[block.id].sequence,
    }


@pytest.fixture(scope="module")
def feeds(tmp_path_factory) -> dict[str, list[dict]]:
    """Every feed of the bundled data and the edge-case programmes, and its variant with
    UTC times for web widgets, written to files, with the events each must hold."""
    folder = tmp_path_factory.mktemp("feeds")
    expected: dict[str, list[dict]] = {}
    for source in SOURCES:
        built = catalog.load([source])
        for entry in built.published:
            for lang in entry.meeting.languages:
                for feed in meeting_feeds(entry.meeting, lang):
                    resource = built.get(feed.path)
                    events = [_expected(entry, b, lang) for b in feed.blocks]
                    path = folder / feed.path.strip("/").replace("/", "__")
                    path.write_bytes(resource.body)
                    expected[str(path)] = events
                    # The variant with UTC times that web widgets get must say the same.
                    utc = path.with_name("utc__" + path.name)
                    utc.write_bytes(resource.utc_body)
                    expected[str(utc)] = events
    return expected


def test_the_feeds_cover_the_edge_cases(feeds):
    events = [event for found in feeds.values() for event in found]
    # Each language of the bundled programme has 25 feeds (the meeting, 5 days, 9 items and
    # 10 blocks), each of Geneva's two 12, each of the edge cases' two 9; each in two forms.
    assert len(feeds) == 2 * (len(LANGUAGES) * 25 + 2 * 12 + 2 * 9)
    assert any(e["status"] == "CANCELLED" for e in events)
    assert any(e["start"].endswith("T04:00:00.000Z") for e in events)  # midnight in New York
    assert any(len(found) == 1 for found in feeds.values())
    assert any(len(found) == 0 for found in feeds.values())  # a day without meetings


_KEYS = ("uid", "start", "end", "summary", "description", "location", "status", "sequence")


def test_icaljs_reads_every_feed_as_the_model_says(feeds):
    parsed = icaljs(list(feeds))
    for path, expected in feeds.items():
        found = parsed[path]["events"]
        assert [{key: event[key] for key in _KEYS} for event in found] == expected, path
        if "utc__" not in path:
            assert all(event.get("tzid") for event in found)


def test_the_strict_ical_parser_reads_every_feed_without_error(feeds):
    for path, expected in feeds.items():
        calendar = IcsCalendarStream.calendar_from_ics(Path(path).read_text(encoding="utf-8"))
        found = [
            {
                "uid": event.uid,
                "start": _iso(event.dtstart),
                "end": _iso(event.dtend),
                "summary": event.summary,
                "description": event.description,
                "location": event.location,
                "status": event.status.value,
                "sequence": event.sequence,
            }
            for event in calendar.events
        ]
        assert found == expected, path


def test_vobject_reads_every_feed_with_the_file_s_vtimezone(feeds):
    for path, expected in feeds.items():
        calendar = vobject.readOne(Path(path).read_text(encoding="utf-8"))
        events = getattr(calendar, "vevent_list", [])
        found = []
        for event in events:
            start = event.dtstart.value
            if "utc__" not in path:
                assert type(start.tzinfo).__name__ == "_tzicalvtz"  # built from the file
            found.append(
                {
                    "uid": event.uid.value,
                    "start": _iso(start),
                    "end": _iso(event.dtend.value),
                    "summary": event.summary.value,
                    "description": event.description.value,
                    "location": event.location.value,
                    "status": event.status.value,
                    "sequence": int(event.sequence.value),
                }
            )
        assert found == expected, path


RDATE_STYLE = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VTIMEZONE\r
TZID:America/New_York\r
BEGIN:STANDARD\r
DTSTART:19701101T020000\r
RDATE:19701101T020000,19711031T020000,20211107T020000,20221106T020000\r
TZNAME:EST\r
TZOFFSETFROM:-0400\r
TZOFFSETTO:-0500\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:19700426T020000\r
RDATE:19700426T020000,19710425T020000,20210314T020000,20220313T020000\r
TZNAME:EDT\r
TZOFFSETFROM:-0500\r
TZOFFSETTO:-0400\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:x@test\r
DTSTAMP:20220301T000000Z\r
DTSTART;TZID=America/New_York:20220328T100000\r
DTEND;TZID=America/New_York:20220328T130000\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_icaljs_misreads_an_rdate_list_vtimezone_which_is_why_ours_uses_rules(tmp_path):
    """The failure these tests guard against: a 10:00 session shown at 11:00."""
    path = tmp_path / "rdate.ics"
    path.write_text(RDATE_STYLE)
    (event,) = icaljs([str(path)])[str(path)]["events"]
    assert event["start"] != "2022-03-28T14:00:00.000Z"
