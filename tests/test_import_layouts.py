"""Documents in the UN layout, imported and published: every feed has the expected times and
descriptions, and every line of the document is in the programme, in a warning, or one of the
lines its expected result names as layout (masthead, page headers and footers, headings).

The documents are the fixtures in tests/fixtures/import whose expected result lists the events
(`events`); tests/test_import.py checks the programme read from each.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from feeds import catalog, zones
from feeds.importer.extraction import columns
from feeds.importer.languages import ANY_LANGUAGE, BY_CODE
from feeds.importer.text import Line, clean, fold
from feeds.importer.times import read_slot
from helpers import events

DOCUMENTS = [
    document
    for document in sorted((FIXTURES / "import").glob("*.txt"))
    if "events" in json.loads(document.with_suffix(".expected.json").read_text(encoding="utf-8"))
]


def _expected(document: Path) -> dict:
    return json.loads(document.with_suffix(".expected.json").read_text(encoding="utf-8"))


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "feeds", *args], capture_output=True, text=True, cwd=ROOT
    )


@pytest.fixture(params=DOCUMENTS, ids=[d.stem for d in DOCUMENTS])
def imported(request, tmp_path) -> tuple[Path, dict, catalog.Catalog, str]:
    """A document, its expected result, the catalog of its imported file and the warnings."""
    document = request.param
    expected = _expected(document)
    out = tmp_path / "data" / "imported.yaml"
    result = _run("import", str(document), "-o", str(out))
    assert result.returncode == 0, result.stderr
    check = _run("check", str(out))
    assert check.returncode == 0, check.stdout + check.stderr
    return document, expected, catalog.load([out.parent]), result.stderr


def _event(event) -> dict:
    return {
        "utc_start": event["DTSTART"].dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ"),
        "utc_end": event["DTEND"].dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ"),
        "description": str(event["DESCRIPTION"]),
    }


def test_the_meeting_is_named_without_its_masthead(imported):
    _document, expected, published, _warnings = imported
    (meeting,) = published.meetings
    lang = meeting.language
    assert meeting.id == expected["id"]
    assert meeting.title[lang] == expected["title"]
    assert meeting.document_title is not None
    assert meeting.document_title[lang] == expected["document_title"]


def test_every_feed_has_the_expected_utc_times_and_descriptions(imported):
    _document, expected, published, _warnings = imported
    (meeting,) = published.meetings
    lang = meeting.language
    base = f"/{lang}/{meeting.id}"
    assert [_event(e) for e in events(published.get(f"{base}/all.ics").body)] == expected["events"]
    by_block = dict(zip([block.id for block in meeting.blocks], expected["events"], strict=True))
    feeds = {
        **{f"{base}/event/{block.id}.ics": [block] for block in meeting.blocks},
        **{f"{base}/day/{day.date}.ics": list(day.blocks) for day in meeting.days},
        **{
            f"{base}/item/{item.slug}.ics": list(meeting.blocks_taking_up(item.slug))
            for item in meeting.agenda
        },
    }
    for path, blocks in feeds.items():
        found = [_event(e) for e in events(published.get(path).body)]
        assert found == [by_block[block.id] for block in blocks], path
    # Each item on a line of its own in a slot has its own feed.
    assert {item.slug for item in meeting.agenda} == {
        slug for block in expected["blocks"] for slug in block["items"]
    }


def _structural(part: str) -> bool:
    """Whether a column of a line is only the table's structure: a day, a time, an item number."""
    norm = fold(part)
    if re.fullmatch(r"\d{1,2}", norm):
        return True
    for language in ANY_LANGUAGE.languages:
        if any(pattern.match(norm) for pattern in language.day_lines):
            return True
        slot = read_slot(norm, language.slot_forms)
        if slot is not None and slot[2] >= len(norm.rstrip()):
            return True
    return False


def test_no_line_is_dropped_without_a_warning(imported):
    document, expected, published, warnings = imported
    (meeting,) = published.meetings
    programme = json.loads(published.get(f"/{meeting.language}/{meeting.id}/programme.json").body)
    m = programme["meeting"]
    texts = [m[key] for key in ("title", "body", "session", "city", "document_title", "url")]
    for n, paragraph in enumerate(m["introduction"], start=1):
        texts += [f"{n}. {paragraph}", f"{n} - {paragraph}"]  # numbered as in English, Arabic
    texts += m["notes"] + [d["url"] for d in m["documents"]]
    texts += [day["note"] or "" for day in programme["days"]]
    texts += [block["description"] for block in programme["blocks"]]
    published_text = re.sub(r"\s+", "", "\n".join(filter(None, texts)))
    layout = set(expected["layout_lines"])
    unused_layout = set(layout)
    for number, raw in enumerate(document.read_text(encoding="utf-8").splitlines(), start=1):
        text = clean(raw)
        if not text:
            continue
        if text in layout:
            unused_layout.discard(text)
            continue
        if f"{document}:{number}: " in warnings:
            continue
        line = Line(number, raw, text, fold(raw), 0)
        for part in columns(line):
            note = ANY_LANGUAGE.notes.match(fold(part))
            text = note[1] if note else clean(part)  # the note's word is the feed's own
            if not _structural(part):
                assert re.sub(r"\s+", "", text) in published_text, (number, part)
    assert not unused_layout


def test_a_line_before_the_title_that_cannot_be_placed_is_kept_and_named(tmp_path):
    document = tmp_path / "x.txt"
    document.write_text(
        "United Nations                    A/AC.1/2030/1\n"
        "General Assembly                  Distr.: General\n"
        "                                  2 January 2030\n"
        "Committee on Examples\n"
        "First session\n"
        "Geneva, 3–5 May 2030\n"
        "Item 3 of the provisional agenda*\n"
        "Organization of work\n"
        "\n"
        "Circulated at the request of the Chair\n"
        "Provisional programme of work\n"
        "Friday, 3 May\n"
        "10 a.m.–1 p.m.    1    Opening of the session\n",
        encoding="utf-8",
    )
    out = tmp_path / "x.yaml"
    result = _run("import", str(document), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"warning: {document}:10: kept as a note: 'Circulated at the request of the Chair' "
        "belongs to no session\n"
    )
    meeting = catalog.load([tmp_path]).meetings[0]
    assert (meeting.id, meeting.title["en"]) == ("ce-s1", "Committee on Examples, First session")
    assert [note["en"] for note in meeting.notes] == ["Circulated at the request of the Chair"]
    assert [(block.items, block.start.isoformat()) for block in meeting.blocks] == [
        (("1",), "10:00:00")
    ]


def test_an_item_number_in_its_column_before_a_sub_item(tmp_path):
    document = tmp_path / "x.txt"
    document.write_text(
        "Committee on Examples\n"
        "First session\n"
        "Geneva, 3–5 May 2030\n"
        "Provisional programme of work\n"
        "Friday, 3 May\n"
        "10 a.m.–1 p.m.    4    Review of the Convention\n"
        "                  4    (a) Universalization\n"
        "3–6 p.m.          4    (b) Implementation support (continued)\n",
        encoding="utf-8",
    )
    out = tmp_path / "x.yaml"
    assert _run("import", str(document), "-o", str(out)).returncode == 0
    meeting = catalog.load([tmp_path]).meetings[0]
    assert [(item.slug, item.title["en"]) for item in meeting.agenda] == [
        ("4", "Review of the Convention"),
        ("4a", "Universalization"),
        ("4b", "Implementation support"),
    ]
    assert [block.items for block in meeting.blocks] == [("4", "4a"), ("4b",)]
    assert [segment.continued for segment in meeting.blocks[1].segments] == [True]


def test_the_language_is_found_from_the_text_and_lang_overrides_it(tmp_path):
    document = FIXTURES / "import" / "fr-layouts-geneva.txt"
    found = tmp_path / "found.yaml"
    assert _run("import", str(document), "-o", str(found)).returncode == 0
    given = tmp_path / "given.yaml"
    assert _run("import", str(document), "--lang", "fr", "-o", str(given)).returncode == 0
    assert (
        found.read_text(encoding="utf-8").split("\n", 1)[1]
        == given.read_text(encoding="utf-8").split("\n", 1)[1]
    )
    assert catalog.load([found]).meetings[0].language == "fr"
    # Read as English, its French heading is no heading.
    as_english = _run("import", str(document), "--lang", "en", "-o", str(tmp_path / "en.yaml"))
    assert (as_english.returncode, as_english.stderr) == (
        1,
        f"Error: {document}:1: expected a heading with the meeting's dates and city, such as "
        "'New York, 28 March-1 April 2022', in the first lines\n",
    )
    unknown = _run("import", str(document), "--lang", "xx", "-o", str(tmp_path / "xx.yaml"))
    known = ", ".join(sorted(BY_CODE))
    assert (unknown.returncode, unknown.stderr) == (
        1,
        f"Error: {document}: no table for the language 'xx' (known: {known})\n",
    )


@pytest.mark.parametrize(
    ("lang", "written", "start", "end"),
    [
        ("fr", "10 heures-13 heures", "10:00", "13:00"),
        ("fr", "10 h 30-13 heures", "10:30", "13:00"),
        ("fr", "15 heures-16 h 30", "15:00", "16:30"),
        ("es", "10.00 a 13.00 horas", "10:00", "13:00"),
        ("es", "de 15.00 a 16.30 horas", "15:00", "16:30"),
        ("ru", "10 ч 00 м – 13 ч 00 м", "10:00", "13:00"),
        ("ru", "15:00-18:00", "15:00", "18:00"),
        ("ar", "10:00-13:00", "10:00", "13:00"),
        ("ar", "الساعة 15:00-16:30", "15:00", "16:30"),
        ("ar", "من الساعة 10:00 إلى الساعة 13:00", "10:00", "13:00"),
    ],
)
def test_time_slots_as_each_language_writes_them(lang, written, start, end):
    found = read_slot(fold(f"{written}   5.  Title"), BY_CODE[lang].slot_forms)
    assert found is not None
    assert (f"{found[0]:%H:%M}", f"{found[1]:%H:%M}") == (start, end)


@pytest.mark.parametrize(
    ("lang", "written", "day", "month"),
    [
        ("fr", "Mardi 1er octobre", 1, 10),
        ("fr", "Jeudi 14 août", 14, 8),
        ("es", "Martes 14 de mayo", 14, 5),
        ("ru", "Вторник, 14 мая", 14, 5),
        ("ar", "الثلاثاء، 14 أيار/مايو", 14, 5),
        ("ar", "الخميس، 5 آذار/مارس", 5, 3),
        ("ar", "الاثنين، 1 حزيران/يونيه", 1, 6),
        ("ar", "الأربعاء، 7 تشرين الأول/أكتوبر", 7, 10),
    ],
)
def test_day_lines_as_each_language_writes_them(lang, written, day, month):
    language = BY_CODE[lang]
    match = next(m for p in language.day_lines if (m := p.match(fold(written))))
    assert (int(match["day"]), language.month(match["month"])) == (day, month)


@pytest.mark.parametrize(
    ("lang", "written", "letter"),
    [
        ("fr", "d) Questions diverses", "d"),
        ("fr", "(d) Questions diverses", "d"),
        ("ru", "г) Прочие вопросы", "d"),
        ("ar", "(د) مسائل أخرى", "d"),
        ("ar", "(هـ) مسائل أخرى", "e"),
    ],
)
def test_sub_items_are_lettered_as_their_slugs_in_latin(lang, written, letter):
    numbering = BY_CODE[lang].numbering
    match = numbering.sub_item.match(fold(written))
    assert match is not None
    assert numbering.latin(match["letter"]) == letter


@pytest.mark.parametrize(
    ("city", "zone"),
    [
        ("Addis-Abeba", "Africa/Addis_Ababa"),
        ("Beyrouth", "Asia/Beirut"),
        ("Nueva York", "America/New_York"),
        ("Santiago", "America/Santiago"),
        ("Женева", "Europe/Zurich"),
        ("Бангкок", "Asia/Bangkok"),
        ("أديس أبابا", "Africa/Addis_Ababa"),
        ("فيينا", "Europe/Vienna"),
    ],
)
def test_city_names_in_each_language_give_the_time_zone(city, zone):
    assert zones.CITY_ZONES[ANY_LANGUAGE.city_key(city)] == zone
