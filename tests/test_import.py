"""feeds import: programme-of-work documents into programme files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, FIXTURES, ROOT
from feeds import ical
from feeds.importer import DocumentError, import_document
from feeds.load import load_file
from feeds.model import Meeting
from helpers import blocks_as_printed

SEED = FIXTURES / "oewg-ict-s2.source.txt"


def _import(tmp_path: Path, document: Path, **options) -> Meeting:
    imported = import_document(document, **options)
    path = tmp_path / "imported.yaml"
    path.write_text(imported.yaml(str(document)), encoding="utf-8")
    return load_file(path)


def test_importing_the_seed_gives_the_bundled_programme(tmp_path):
    imported = _import(tmp_path, SEED)
    bundled = load_file(DATA / "oewg-ict-s2.yaml")
    assert blocks_as_printed(imported, "zh") == blocks_as_printed(bundled, "zh")
    assert {i.slug: i.title["zh"] for i in imported.agenda} == {
        i.slug: i.title["zh"] for i in bundled.agenda
    }
    assert [n["zh"] for n in imported.notes] == [n["zh"] for n in bundled.notes]
    assert [p["zh"] for p in imported.introduction] == [p["zh"] for p in bundled.introduction]
    for key in ("id", "timezone", "start", "end", "status", "language"):
        assert getattr(imported, key) == getattr(bundled, key), key
    for key in ("title", "body", "session", "city", "venue", "document_title", "url"):
        assert getattr(imported, key)["zh"] == getattr(bundled, key)["zh"], key
    assert [d.url["zh"] for d in imported.documents] == [d.url["zh"] for d in bundled.documents]


def test_the_command_writes_a_file_that_check_accepts(tmp_path):
    out = tmp_path / "data" / "seed.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "feeds", "import", str(SEED), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"{out}: oewg-ict-s2, 5 days, 10 blocks, 9 agenda items; review "
        f"it, then run `feeds check {out}`\n"
    )
    check = subprocess.run(
        [sys.executable, "-m", "feeds", "check", str(out)], capture_output=True, text=True, cwd=ROOT
    )
    assert check.returncode == 0
    again = subprocess.run(
        [sys.executable, "-m", "feeds", "import", str(SEED), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert again.returncode == 1
    assert again.stderr == f"Error: {out} exists; give --force to replace it\n"


def test_timezone_and_id_can_be_given(tmp_path):
    meeting = _import(tmp_path, SEED, timezone="America/Chicago", meeting_id="my-meeting")
    assert (meeting.id, meeting.timezone) == ("my-meeting", "America/Chicago")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "x.txt: is empty"),
        (
            "Some text\nwithout any dates\n",
            "x.txt:1: expected a heading with the meeting's dates and city, such as "
            "'New York, 28 March-1 April 2022', in the first lines",
        ),
        (
            "Committee\nFirst session\nAtlantis, 3-5 May 2023\nProvisional programme of work\n"
            "Monday, 3 May\n10 a.m.-1 p.m. Opening\n",
            "x.txt: no time zone known for 'Atlantis'; give one with --timezone (an IANA name such "
            "as Europe/Zurich)",
        ),
        (
            "Committee\nFirst session\nGeneva, 3-5 May 2023\nProvisional programme of work\n"
            "Annex\nThe programme will follow.\n",
            "x.txt:5: no session found: expected day lines followed by times such as "
            "'10 a.m.-1 p.m.'",
        ),
        (
            "Committee\nFirst session\nGeneva, 3-5 May 2023\nProvisional programme of work\n"
            "Monday, 8 May\n10 a.m.-1 p.m. Opening\n",
            "x.txt:6: 2023-05-08 is outside the meeting's dates (2023-05-03 to 2023-05-05)",
        ),
        (
            "Committee\nFirst session\nGeneva, 3-5 May 2023\nProvisional programme of work\n"
            "10 a.m.-1 p.m. Opening\n",
            "x.txt:5: expected a day line (such as 'Monday, 28 March 2022') before this time",
        ),
    ],
)
def test_documents_it_cannot_read_get_a_clear_error_and_nothing_is_written(
    tmp_path, content, message
):
    document = tmp_path / "x.txt"
    document.write_text(content, encoding="utf-8")
    with pytest.raises(DocumentError) as raised:
        import_document(document)
    assert str(raised.value) == message.replace("x.txt", str(document))
    out = tmp_path / "out.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "feeds", "import", str(document), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert result.stderr == f"Error: {message.replace('x.txt', str(document))}\n"
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [document]


def test_a_document_that_is_not_utf8(tmp_path):
    document = tmp_path / "x.txt"
    document.write_bytes("会议\n".encode("gb18030") * 3)
    with pytest.raises(DocumentError) as raised:
        import_document(document)
    assert str(raised.value) == f"{document}:1: not UTF-8 text; extract the PDF's text as UTF-8"


DOCUMENTS = sorted((FIXTURES / "import").glob("*.txt"))


def _expected(document: Path) -> dict:
    return json.loads(document.with_suffix(".expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("document", DOCUMENTS, ids=[d.stem for d in DOCUMENTS])
def test_documents_in_both_languages_and_every_layout(tmp_path, document):
    expected = _expected(document)
    lang = expected["language"]
    imported = import_document(document)
    meeting = _import(tmp_path, document)
    assert meeting.language == lang
    # The masthead (symbol, organ, distribution, date, language lines) is in neither.
    assert (meeting.id, meeting.title[lang]) == (expected["id"], expected["title"])
    assert (meeting.timezone, meeting.start.isoformat(), meeting.end.isoformat()) == (
        expected["timezone"],
        expected["start"],
        expected["end"],
    )
    assert meeting.city[lang] == expected["city"]
    assert [
        (d.date.isoformat(), d.note[lang] if d.note and not d.blocks else None)
        for d in meeting.days
    ] == [(d["date"], d["note"]) for d in expected["days"]]
    found = [
        {
            "date": b.date.isoformat(),
            "start": f"{b.start:%H:%M}",
            "end": f"{b.end:%H:%M}",
            "items": list(b.items),
            "lines": [
                line.strip() for s in b.segments for line in ical.segment_lines(meeting, s, lang)
            ],
        }
        for b in meeting.blocks
    ]
    assert found == expected["blocks"]
    assert {i.slug: i.title[lang] for i in meeting.agenda} == expected["agenda"]
    assert [n[lang] for n in meeting.notes] == expected["stray_lines"] + expected["notes"]
    assert len(imported.warnings) == len(expected["stray_lines"])
    for stray, warning in zip(expected["stray_lines"], imported.warnings, strict=True):
        assert warning.endswith(f": kept as a note: '{stray}' belongs to no session")


def test_the_command_reports_each_line_it_kept_as_a_note(tmp_path):
    document = FIXTURES / "import" / "en-unhabitat-nairobi.txt"
    stray = _expected(document)["stray_lines"][0]
    number = next(
        n for n, line in enumerate(document.read_text().splitlines(), 1) if line.strip() == stray
    )
    out = tmp_path / "nairobi.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "feeds", "import", str(document), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0
    assert result.stderr == (
        f"warning: {document}:{number}: kept as a note: '{stray}' belongs to no session\n"
    )
    assert stray in out.read_text()
