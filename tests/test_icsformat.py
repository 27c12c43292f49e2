"""The hand-written serializer writes the very bytes the icalendar library writes."""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar.parser import content_line

import reference_ical
from conftest import DATA, FIXTURES, LANGUAGES
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
    assert count == 2 * (len(LANGUAGES) * 10 + 2 * 4 + 2 * 4)


def test_every_calendar_header_equals_the_icalendar_library_s():
    for entry in _meetings():
        meeting = entry.meeting
        for lang in meeting.languages:
            for feed in meeting_feeds(meeting, lang):
                name = feed.title
                about = catalog._feed_about(entry, lang, feed)
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
        title=summary,
        lines=((description,),),
        start_utc=datetime(2024, 5, 6, 1, 30, tzinfo=UTC),  # Asia/Shanghai is UTC+8
        end_utc=datetime(2024, 5, 6, 4, 0, tzinfo=UTC),
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


# icalendar 7.3.2 moves a fold back whenever the character before it is `\` or `^`
# (its fix of issue 1501 looks at that one character), so after an escaped backslash
# (`\\`) it parts the pair: the line ends in `\`, the next begins ` \`. The oracle is
# the library with that one rule corrected, written here character by character and
# apart from feeds/icsformat.py: a fold goes before an escape character only when it
# begins a pair, that is when it ends an odd run of its kind.
def _fold_outside_escapes(line: str, limit: int = 75, fold_sep: str = "\r\n ") -> str:
    folded: list[str] = []
    current: list[str] = []
    size = 0
    for index, char in enumerate(line):
        width = len(char.encode("utf-8"))
        if current and size + width >= limit:
            before = line[:index]
            last = before[-1]
            run = len(before) - len(before.rstrip(last)) if last in "\\^" else 0
            carried = [current.pop()] if run % 2 == 1 and len(current) > 1 else []
            folded.append("".join(current))
            current = carried
            size = sum(len(c.encode("utf-8")) for c in carried)
        current.append(char)
        size += width
    folded.append("".join(current))
    return fold_sep.join(folded)


@pytest.fixture(autouse=True, scope="module")
def _oracle_folds_outside_escapes():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(content_line, "_foldline", _fold_outside_escapes)
        yield


def _unescape(value: str) -> str:
    """A TEXT value's escapes undone (RFC 5545 3.3.11)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _unfold(folded: bytes) -> str:
    assert folded.endswith(b"\r\n")
    return folded[:-2].replace(b"\r\n ", b"").decode("utf-8")


def _folds(folded: bytes) -> list[tuple[bytes, int]]:
    """Each fold of a content line: the logical line, and where in it the fold falls."""
    physical = folded[:-2].split(b"\r\n ")
    logical = b"".join(physical)
    offsets = list(itertools.accumulate(len(part) for part in physical[:-1]))
    return [(logical, offset) for offset in offsets]


def _run_before(line: bytes, offset: int, char: int) -> int:
    run = 0
    while offset - run > 0 and line[offset - run - 1] == char:
        run += 1
    return run


@pytest.mark.parametrize("run", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("tail", ["", "a", ";", ",", "\n", "信"])
def test_a_fold_at_each_position_around_a_run_of_backslashes_keeps_every_escape_whole(run, tail):
    for shift in range(2 * run + 4):  # the escaped run starts this many octets before the fold
        text = "x" * (74 - len("DESCRIPTION:") - shift) + "\\" * run + tail + "y" * 80
        folded = icsformat.text_line("DESCRIPTION", text)
        physical = folded[:-2].split(b"\r\n")
        assert all(len(part) <= 75 for part in physical), (run, tail, shift)
        assert _unescape(_unfold(folded).removeprefix("DESCRIPTION:")) == text, (run, tail, shift)
        for line, offset in _folds(folded):
            # Pairs count from the start of a run: after an odd run, the next physical line
            # would start with a lone half of an escape (` \\;` or ` n` for `\\;` or `\\n`).
            assert _run_before(line, offset, ord("\\")) % 2 == 0, (run, tail, shift, offset)
        parsed = icalendar.Event.from_ical(b"BEGIN:VEVENT\r\n" + folded + b"END:VEVENT\r\n")
        assert str(parsed["DESCRIPTION"]) == text


@pytest.mark.parametrize("run", [1, 2, 3, 4])
def test_a_fold_never_parts_a_caret_escape_of_a_parameter_value(run):
    for shift in range(2 * run + 4):
        value = "x" * (74 - len('ATTENDEE;CN="') - shift) + "^" * run + "n" + "y" * 80
        folded = icsformat.raw_line("ATTENDEE", "mailto:a@example.org", f';CN="{value}"')
        assert _unfold(folded) == f'ATTENDEE;CN="{value}":mailto:a@example.org'
        for line, offset in _folds(folded):
            assert _run_before(line, offset, ord("^")) % 2 == 0, (run, shift, offset)
