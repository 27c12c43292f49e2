"""Validation: every problem reported at once, with file, line, field and the exact words."""

from __future__ import annotations

import unicodedata
from datetime import time
from pathlib import Path

import pytest
import yaml

from feeds import catalog, checker, yamlnodes
from feeds.load import ProgrammeError, load_file, load_paths


def problems(path: Path) -> list[str]:
    with pytest.raises(ProgrammeError) as raised:
        load_file(path, "geneva.yaml")
    return [str(problem) for problem in raised.value.problems]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line(path: Path, needle: str, nth: int = 1) -> int:
    """The line number of the nth line containing `needle`."""
    hits = [n for n, text in enumerate(path.read_text().splitlines(), 1) if needle in text]
    return hits[nth - 1]


def test_the_fixture_is_valid_and_times_are_read_as_written(geneva):
    meeting = load_file(geneva)
    assert [(b.id, b.start, b.end) for b in meeting.blocks] == [
        ("thu-am", time(10), time(13)),
        ("mon-am", time(10), time(13)),
        ("mon-pm", time(15), time(18)),
        ("tue-night", time(0), time(1)),
    ]


def test_yaml_number_traps_are_read_as_the_author_wrote_them(geneva):
    # YAML 1.1 reads 9:30 as the number 570 and `no` as false.
    edit(geneva, "start: 10:00", "start: 9:30")
    edit(geneva, "fr: Ligne un", "fr: no")
    meeting = load_file(geneva)
    assert meeting.blocks[0].start == time(9, 30)
    assert meeting.blocks[-1].segments[0].text == {"en": "Line one\nline two", "fr": "no"}


@pytest.mark.parametrize("value", ["1 pm", "25:00", "9.30", "13h", "'12:60'"])
def test_a_bad_time(geneva, value):
    edit(geneva, "end: 13:00", f"end: {value}")
    shown = value.strip("'")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'end: ' + value)}: days[0].blocks[0].end: "
        f"expected a time as HH:MM (24-hour clock), got '{shown}'"
    ]


def test_a_bad_date(geneva):
    edit(geneva, "- date: 2024-03-28", "- date: 2024-02-30")
    edit(geneva, "- date: 2024-04-01", "- date: 1 April 2024")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, '2024-02-30')}: days[0].date: "
        "2024-02-30 is not a date in the calendar",
        f"geneva.yaml:{line(geneva, '1 April')}: days[2].date: "
        "expected a date as YYYY-MM-DD, got '1 April 2024'",
    ]


def test_end_not_after_start(geneva):
    edit(geneva, "end: 13:00", "end: 09:00")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'end: 09:00')}: days[0].blocks[0].end: "
        "09:00 is not after the start 10:00"
    ]


def test_overlapping_blocks(geneva):
    edit(geneva, "start: 15:00", "start: 12:30")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'id: mon-pm')}: days[2].blocks: "
        "'mon-pm' (12:30-18:00) overlaps 'mon-am' (10:00-13:00)"
    ]


def test_a_block_outside_the_meeting_s_dates(geneva):
    edit(geneva, "- date: 2024-04-02", "- date: 2024-04-05")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, '2024-04-05')}: days[3].date: "
        "2024-04-05 is outside the meeting's dates (2024-03-28 to 2024-04-02)"
    ]


def test_a_reference_to_an_unknown_agenda_item(geneva):
    edit(geneva, "- item: 2(a)\n", "- item: 7\n")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'item: 7')}: days[0].blocks[0].segments[2].item: "
        "unknown agenda item '7'; the agenda has 1, 2, 2a"
    ]


@pytest.mark.parametrize(
    ("zone", "hint"),
    [
        ("America/NewYork", " (did you mean 'America/New_York'?)"),
        ("Europe/Geneva", " (did you mean 'Europe/Zurich'?)"),
        ("Mars/Olympus", "; use an IANA name such as America/New_York"),
    ],
)
def test_an_unknown_time_zone(geneva, zone, hint):
    edit(geneva, "timezone: Europe/Zurich", f"timezone: {zone}")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'timezone:')}: meeting.timezone: "
        f"unknown time zone '{zone}'{hint}"
    ]


def test_duplicate_block_ids(geneva):
    edit(geneva, "id: mon-pm", "id: thu-am")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'id: thu-am', 2)}: days[2].blocks[1].id: "
        f"duplicate block id 'thu-am' (first used at line {line(geneva, 'id: thu-am')})"
    ]


def test_a_misspelt_key(geneva):
    edit(geneva, "start: 15:00", "strat: 15:00")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'strat:')}: days[2].blocks[1].strat: unknown key "
        "(did you mean 'start'?); expected one of: id, start, end, segments, title, room, "
        "cancelled",
        f"geneva.yaml:{line(geneva, 'id: mon-pm')}: days[2].blocks[1].start: missing",
    ]


def test_a_repeated_key(geneva):
    edit(geneva, "        end: 18:00\n", "        end: 18:00\n        end: 17:00\n")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'end: 17:00')}: days[2].blocks[1].end: "
        f"repeated key (first at line {line(geneva, 'end: 18:00')})"
    ]


def test_a_missing_translation(geneva):
    edit(geneva, "    fr: Comité d'essai, première session\n", "")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, '  title:')}: meeting.title: missing the 'fr' text"
    ]


def test_a_text_in_an_undeclared_language(geneva):
    edit(
        geneva,
        "      fr: Première question\n",
        "      fr: Première question\n          es: Primera cuestión\n",
    )
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'es: Primera')}: agenda[1].sub_items[0].title.es: "
        "'es' is not a language of this meeting (declared: en, fr)"
    ]


def test_a_text_given_once_for_every_language(geneva):
    edit(
        geneva,
        "  short_title:\n    en: Test committee\n    fr: Comité d'essai\n",
        "  short_title: Test committee\n",
    )
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'short_title:')}: meeting.short_title: "
        "expected the text in each language (en, fr), e.g. en: ..., fr: ..."
    ]


def test_a_time_inside_the_change_to_summer_time(geneva):
    edit(
        geneva,
        "  - date: 2024-03-29\n    note:\n      en: Official holiday\n"
        "      fr: Jour férié officiel\n",
        "  - date: 2024-03-31\n    blocks:\n      - id: sun\n        start: 02:30\n"
        "        end: 04:00\n        segments:\n          - item: 1\n",
    )
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'start: 02:30')}: days[1].blocks[0].start: "
        "02:30 does not exist on 2024-03-31 in Europe/Zurich (the clocks go forward)"
    ]


def test_every_problem_is_reported_at_once(geneva):
    edit(geneva, "status: provisional", "status: draft")
    edit(geneva, "end: 13:00", "end: 1300")
    edit(geneva, "id: mon-pm", "id: Mon PM")
    edit(geneva, "continued: true", "continued: yes")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'status:')}: meeting.status: "
        "expected one of provisional, adopted, postponed, cancelled, got 'draft'",
        f"geneva.yaml:{line(geneva, 'end: 1300')}: days[0].blocks[0].end: "
        "expected a time as HH:MM (24-hour clock), got '1300'",
        f"geneva.yaml:{line(geneva, 'continued: yes')}: "
        "days[2].blocks[0].segments[0].continued: expected true or false, got 'yes'",
        f"geneva.yaml:{line(geneva, 'id: Mon PM')}: days[2].blocks[1].id: "
        "expected lowercase letters, digits and hyphens, got 'Mon PM'",
    ]


def test_a_segment_with_neither_item_nor_text(geneva):
    edit(geneva, "          - item: 1\n", "          - continued: true\n")
    assert problems(geneva) == [
        f"geneva.yaml:{line(geneva, 'continued: true')}: days[0].blocks[0].segments[0]: "
        "expected 'item' (an agenda item), 'text', or both"
    ]


def test_item_numbers_and_letters_as_documents_write_them(geneva):
    edit(geneva, "number: 2\n", "number: 2.\n")
    edit(geneva, "letter: a\n", "letter: (A)\n")
    assert [item.slug for item in load_file(geneva).agenda] == ["1", "2", "2a"]


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("number: 2\n", "number: 2.1\n", "agenda[1].number", "an item number such as 5, got '2.1'"),
        (
            "letter: a\n",
            "letter: (a-1)\n",
            "agenda[1].sub_items[0].letter",
            "a sub-item letter such as d, got 'a-1'",
        ),
    ],
)
def test_a_bad_item_number_or_sub_item_letter(geneva, old, new, field, message):
    edit(geneva, old, new)
    assert problems(geneva)[0] == (
        f"geneva.yaml:{line(geneva, new.strip())}: {field}: expected {message}"
    )


# -- files that are not programmes at all ---------------------------------------------


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    return path


def _file_problems(path: Path) -> list[str]:
    with pytest.raises(ProgrammeError) as raised:
        load_file(path, "x.yaml")
    return [str(problem) for problem in raised.value.problems]


def test_a_file_that_is_not_utf8(tmp_path, geneva):
    raw = geneva.read_bytes().replace("Comité".encode(), "Comit\xe9".encode("latin-1"), 1)
    path = _write(tmp_path, raw)
    assert _file_problems(path) == [
        f"x.yaml:{line(geneva, 'Comité')}: (file): not UTF-8: byte 0xe9 at column 14; "
        "save the file as UTF-8"
    ]


def test_a_file_too_large_to_be_a_programme(tmp_path):
    path = _write(tmp_path, b"# padding\n" * (500 * 1024))
    assert _file_problems(path) == [
        "x.yaml:1: (file): 4.9 MiB is too large for a programme (at most 4 MiB)"
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "x.yaml:1: (file): is empty"),
        (
            b"\xef\xbb\xbfmeeting: {}\n",
            "x.yaml:1: (file): starts with a byte-order mark; save it as UTF-8 without BOM",
        ),
        (
            b"meeting:\n\tid: x\n",
            "x.yaml:2: (yaml): found character that cannot start any token "
            "(indent with spaces, not tabs)",
        ),
        (b"a: &x [1]\nb: *x\n", "x.yaml:1: (yaml): anchors and aliases (& and *) are not allowed"),
        (
            b"a: !!python/object:os.system {}\n",
            "x.yaml:1: (yaml): the tag tag:yaml.org,2002:python/object:os.system is not allowed",
        ),
        (
            b"a: " + b"[" * 100 + b"]" * 100 + b"\n",
            "x.yaml:1: (yaml): nested more than 24 levels deep",
        ),
        (
            b"meeting: {}\n---\nmeeting: {}\n",
            "x.yaml:2: (yaml): holds more than one YAML document (a second ---)",
        ),
        (
            b"just some text\n",
            "x.yaml:1: (top level): expected a mapping of keys, got 'just some text'",
        ),
        (b"meeting: [\n", "x.yaml:2: (yaml): did not find expected node content"),
    ],
)
def test_files_that_are_not_programmes(tmp_path, data, expected):
    assert _file_problems(_write(tmp_path, data)) == [expected]


# PyYAML's own parser, and libyaml's where PyYAML was built with it (libyaml 0.2.6, in the wheels
# of PyYAML 6.0.4, stops at 1000 levels of its own, sometimes before handing over any event).
LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]


@pytest.mark.parametrize("loader", LOADERS, ids=lambda loader: loader.__name__)
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (  # one line of brackets, deeper than libyaml goes
            b"meeting:\n  id: x\n  venue: " + b"[" * 5000 + b"]" * 5000 + b"\n",
            "x.yaml:3: (yaml): nested more than 24 levels deep",
        ),
        (  # 22 levels on line 2, the rest on line 3
            b"meeting:\n  venue: " + b"[" * 20 + b"\n   " + b"{a: " * 2000 + b"\n",
            "x.yaml:3: (yaml): nested more than 24 levels deep",
        ),
        (  # a key on each line, each indented one more
            b"".join(b" " * level + b"k%d:\n" % level for level in range(1100)),
            "x.yaml:25: (yaml): nested more than 24 levels deep",
        ),
    ],
)
def test_nesting_is_refused_at_the_line_where_it_passes_the_limit(
    tmp_path, monkeypatch, loader, data, expected
):
    monkeypatch.setattr(yamlnodes, "_LOADER", loader)
    assert _file_problems(_write(tmp_path, data)) == [expected]


def test_two_files_with_the_same_meeting_id(tmp_path, geneva):
    other = geneva.with_name("copy.yaml")
    other.write_bytes(geneva.read_bytes())
    with pytest.raises(ProgrammeError) as raised:
        load_paths([geneva.parent])
    assert [str(p) for p in raised.value.problems] == [
        f"{geneva}:1: meeting.id: 'geneva-test' is also the id of {other}"
    ]


def test_the_characters_refused_in_a_text_are_those_of_their_unicode_categories():
    refused = [chr(code) for code in range(0x110000) if checker.FORBIDDEN.fullmatch(chr(code))]
    categories = ("Cc", "Cs", "Zl", "Zp")
    expected = [
        chr(code)
        for code in range(0x110000)
        if unicodedata.category(chr(code)) in categories and chr(code) not in "\n\t"
    ]
    assert refused == expected


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("minutes: 15", "minutes: ²", "", ""),
        (
            "fr: Ligne un",
            'fr: "Ligne\\u0007un"',
            "days[3].blocks[0].segments[0].text.fr",
            "contains the invisible character U+0007; remove it",
        ),
        (  # a lone surrogate: libyaml refuses the escape itself
            "fr: Ligne un",
            'fr: "Ligne\\ud800un"',
            "(yaml)",
            "found invalid Unicode character escape code",
        ),
        (
            "fr: Ligne un",
            'fr: "Ligne\\u2028un"',
            "days[3].blocks[0].segments[0].text.fr",
            "contains the invisible character U+2028; remove it",
        ),
        (
            "start: 2024-03-28",
            "start: 0001-03-28",
            "meeting.start",
            "expected a year from 1971 to 2200, got 1",
        ),
        (
            "end: 2024-04-02",
            "end: 9999-04-02",
            "meeting.end",
            "expected a year from 1971 to 2200, got 9999",
        ),
    ],
)
def test_odd_values_are_problems_not_crashes(geneva, old, new, field, message):
    if old == "minutes: 15":  # the fixture has no minutes: add some
        old, new = "          - item: 1\n", "          - item: 1\n            minutes: ²\n"
        field = "days[0].blocks[0].segments[0].minutes"
        message = "expected a number of minutes, got '²'"
    edit(geneva, old, new)
    needle = new.strip().splitlines()[-1].strip()
    found = problems(geneva)
    assert found[0] == f"geneva.yaml:{line(geneva, needle)}: {field}: {message}"


def test_a_fixed_offset_zone_such_as_utc_is_valid(geneva):
    edit(geneva, "timezone: Europe/Zurich", "timezone: UTC")
    meeting = load_file(geneva)
    assert meeting.timezone == "UTC"
    body = catalog.load([geneva]).get("/en/geneva-test/event/thu-am.ics").body
    assert b"DTSTART;TZID=UTC:20240328T100000" in body
    assert b"TZID:UTC\r\n" in body and b"TZOFFSETTO:+0000" in body


@pytest.mark.parametrize(
    ("text", "character"),
    [
        ("|\n                Ligne un\n                Ligne\0deux\n", "U+0000"),  # a block
        ("Ligne un\n                Ligne\0deux\n", "U+0000"),  # a plain text over two lines
        ('"Ligne un\n                Ligne\0deux"\n', "U+0000"),  # quoted
        ("'Ligne un\n                Ligne\x1bdeux'\n", "U+001B"),
        ("Ligne un\n                Ligne\u2028deux\n", "U+2028"),  # YAML takes it for a break
    ],
)
def test_a_raw_invisible_character_is_reported_at_its_own_line(geneva, text, character):
    edit(geneva, "fr: Ligne un\n", "fr: " + text)
    second = line(geneva, "Ligne un") + 1  # the text's second line, not where it starts
    assert problems(geneva) == [
        f"geneva.yaml:{second}: (file): contains the invisible character {character} "
        "at column 22; remove it"
    ]


def test_invisible_characters_on_many_lines_are_counted_after_the_first_ten(tmp_path):
    path = _write(tmp_path, b"a: b\n" + b"c: d\0e\x01f\n" * 12)
    assert _file_problems(path) == [
        f"x.yaml:{n}: (file): contains the invisible character U+0000 at column 5; remove it"
        for n in range(2, 12)
    ] + ["x.yaml: (file): invisible characters on 2 more lines"]
