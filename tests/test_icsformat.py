"""The hand-written serializer writes the very bytes the icalendar library writes."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
from hypothesis import given, settings
from hypothesis import strategies as st

import reference_ical
from conftest import DATA, FIXTURES
from feeds import catalog, ical, icsformat
from feeds.feedlist import meeting_feeds
from feeds.model import Meeting, Revision
from feeds.revisions import Published

SOURCES = [DATA, FIXTURES / "geneva.yaml", FIXTURES / "edge-cases.yaml"]


def _meetings() -> list[Published]:
    return [entry for source in SOURCES for entry in catalog.load([source]).published]


def test_every_event_of_every_programme_equals_the_icalendar_library_s(tmp_path):
    count = 0
    for entry in _meetings():
        meeting: Meeting = entry.meeting
        for lang in meeting.languages:
            for block in meeting.blocks:
                fields = entry.events[lang][block.id]
                revision = entry.revisions[block.id]
                for utc in (False, True):
                    assert ical.render_event(fields, revision, utc) == reference_ical.event(
                        fields, revision, utc
                    ), (block.id, lang, utc)
                    count += 1
    assert count == 2 * (2 * 10 + 2 * 4 + 2 * 4)


def test_every_calendar_header_equals_the_icalendar_library_s():
    for entry in _meetings():
        meeting = entry.meeting
        for lang in meeting.languages:
            for feed in meeting_feeds(meeting, lang):
                name = feed.title
                about = catalog._feed_about(meeting, lang, feed)
                body = ical.render_calendar(meeting, name, about, [], utc=True)
                expected = reference_ical.calendar_header(name, about, meeting.timezone)
                assert body == expected + b"END:VCALENDAR\r\n"


# Texts as a programme may hold them: any characters but controls and surrogates
# (which the loader refuses), with the ones that need escaping and Chinese well represented.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\\;,:\n^\"'é信通技术会议，；：（）")),
        st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
    ),
    min_size=1,
    max_size=300,
).filter(lambda text: "\\N" not in text)


@settings(max_examples=300, deadline=None)
@given(
    summary=TEXT,
    description=TEXT,
    location=TEXT,
    categories=st.lists(TEXT, max_size=3),
    sequence=st.integers(0, 10**6),
)
def test_any_text_gives_the_same_bytes(summary, description, location, categories, sequence):
    fields = ical.EventFields(
        uid="m.b@meeting-feeds",
        tzid="Asia/Shanghai",
        dtstart=datetime(2024, 5, 6, 9, 30),
        dtend=datetime(2024, 5, 6, 12, 0),
        summary=summary,
        description=description,
        location=location,
        url="https://example.org/a?b=c,d;e",
        categories=tuple(categories),
        status="TENTATIVE",
    )
    revision = Revision(sequence, datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    for utc in (False, True):
        body = ical.render_event(fields, revision, utc)
        assert body == reference_ical.event(fields, revision, utc)
        parsed = icalendar.Event.from_ical(body)
        assert str(parsed["SUMMARY"]) == summary
        assert str(parsed["DESCRIPTION"]) == description


def test_a_backslash_n_in_a_text_stays_a_backslash_and_an_n():
    """The icalendar library turns a written `\\N` into a newline; we keep what was written."""
    line = icsformat.text_line("DESCRIPTION", "C:\\New folder")
    assert line == b"DESCRIPTION:C:\\\\New folder\r\n"
    assert (
        str(
            icalendar.Event.from_ical(b"BEGIN:VEVENT\r\n" + line + b"END:VEVENT\r\n")["DESCRIPTION"]
        )
        == "C:\\New folder"
    )


def test_folds_fall_between_characters_and_outside_escapes():
    line = icsformat.fold(("DESCRIPTION:" + "信" * 30 + "\\," + "a" * 100).encode())
    for physical in line.split(b"\r\n")[:-1]:
        assert len(physical) <= 75
        physical.decode("utf-8")
        assert not physical.endswith(b"\\") or physical.endswith(b"\\\\")
