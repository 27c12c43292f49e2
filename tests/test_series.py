"""A series of meetings: one feed per language with every session of every meeting in it.

The bundled programme (New York, UTC-4 in March) and a small test programme of
the same series (Geneva, UTC+1 in December, in English, French and Chinese
only) make a series in two time zones.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from email.utils import format_datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
import vobject
from click.testing import CliRunner
from ical.calendar_stream import IcsCalendarStream

from conftest import DATA, FIXTURES, LANGUAGES, ROOT
from feeds import catalog, ical, revisions, zones
from feeds.cli import cli
from feeds.load import ProgrammeError, load_file
from feeds.web import create_app
from helpers import vevents

SERIES = FIXTURES / "series"
GENEVA = "oewg-ict-geneva"
BUNDLED = "oewg-ict-s2"
GENEVA_LANGUAGES = ("en", "fr", "zh")
ORIGIN = "https://delegation.example"


@pytest.fixture(scope="module")
def both() -> catalog.Catalog:
    return catalog.load([DATA, SERIES])


@pytest.fixture
def series_data(tmp_path: Path) -> Path:
    """A writable folder with the bundled programme and the Geneva one, with their
    revisions files."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    for file in SERIES.iterdir():
        shutil.copy(file, target / file.name)
    return target


def _stamp(data: Path, at: str) -> str:
    result = CliRunner().invoke(cli, ["stamp", str(data), "--at", at])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_series_feed_holds_every_session_of_its_meetings_with_their_own_events(both):
    for lang in LANGUAGES:
        series = both.get(f"/{lang}/series/oewg-ict.ics")
        expected = vevents(both.get(f"/{lang}/{BUNDLED}/all.ics").body)
        expected_utc = vevents(both.get(f"/{lang}/{BUNDLED}/all.ics").utc_body)
        if lang in GENEVA_LANGUAGES:
            expected |= vevents(both.get(f"/{lang}/{GENEVA}/all.ics").body)
            expected_utc |= vevents(both.get(f"/{lang}/{GENEVA}/all.ics").utc_body)
        # The same bytes, in the same order: the older meeting's sessions first.
        assert list(vevents(series.body).items()) == list(expected.items()), lang
        assert list(vevents(series.utc_body).items()) == list(expected_utc.items()), lang
    assert len(vevents(both.get("/en/series/oewg-ict.ics").body)) == 13
    assert len(vevents(both.get("/es/series/oewg-ict.ics").body)) == 10  # Geneva has no es
    assert both.get("/de/series/oewg-ict.ics") is None
    assert both.get("/en/series/oewg.ics") is None


def test_a_series_feed_is_named_and_described_in_its_language(both):
    body = both.get("/fr/series/oewg-ict.ics").body.decode()
    unfolded = body.replace("\r\n ", "")
    name = (
        "Groupe de travail à composition non limitée sur la sécurité du numérique et de son "
        "utilisation (2021-2025)"
    )
    assert f"\r\nX-WR-CALNAME:{name}\r\n" in unfolded
    about = re.search(r"\r\nX-WR-CALDESC:([^\r]*)\r\n", unfolded)[1].split("\\n")
    assert about[1:3] == [
        "Groupe de travail à composition non limitée sur la sécurité du numérique et de son "
        "utilisation (2021-2025)\\, deuxième session de fond",
        "Groupe de travail sur le numérique\\, réunion informelle (essai)",
    ]
    # The newest meeting's zone is the one a client shows the series in.
    assert "\r\nX-WR-TIMEZONE:Europe/Zurich\r\n" in body
    assert [line for line in body.split("\r\n") if line.startswith("TZID:")] == [
        "TZID:America/New_York",
        "TZID:Europe/Zurich",
    ]


def _expected_utc(both: catalog.Catalog, lang: str) -> list[tuple[str, str, str]]:
    """(UID, UTC start, UTC end) of each session of the series in `lang`, from the model,
    the older meeting's first."""
    rows = []
    for entry in sorted(both.published, key=lambda entry: entry.meeting.start):
        meeting = entry.meeting
        if lang not in meeting.languages:
            continue
        for block in meeting.blocks:
            rows.append(
                (
                    ical.uid(meeting, block),
                    zones.to_utc(meeting.timezone, block.date, block.start).isoformat(),
                    zones.to_utc(meeting.timezone, block.date, block.end).isoformat(),
                )
            )
    return rows


def test_a_series_in_two_time_zones_reads_right_in_the_parsers_of_real_clients(both, tmp_path):
    expected = _expected_utc(both, "en")
    assert expected[0][:2] == ("oewg-ict-s2.mar28-am@meeting-feeds", "2022-03-28T14:00:00+00:00")
    assert (expected[10][:2]) == (
        "oewg-ict-geneva.dec05-am@meeting-feeds",
        "2022-12-05T09:00:00+00:00",
    )
    resource = both.get("/en/series/oewg-ict.ics")
    files = {"local": tmp_path / "series.ics", "utc": tmp_path / "series-utc.ics"}
    files["local"].write_bytes(resource.body)
    files["utc"].write_bytes(resource.utc_body)

    # ical.js, with only the file's own VTIMEZONEs.
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "node (Debian's nodejs) is needed for the ical.js tests"
    result = subprocess.run(
        [node, str(ROOT / "tests" / "clients" / "icaljs-events.mjs")],
        input=json.dumps([str(path) for path in files.values()]),
        capture_output=True,
        text=True,
        check=True,
        env={"TZ": "Pacific/Kiritimati", "PATH": ""},
    )
    parsed = json.loads(result.stdout)
    for path in files.values():
        found = [
            (event["uid"], _iso(event["start"]), _iso(event["end"]))
            for event in parsed[str(path)]["events"]
        ]
        assert found == expected, path

    for path in files.values():
        text = path.read_text(encoding="utf-8")
        # Home Assistant's strict parser.
        calendar = IcsCalendarStream.calendar_from_ics(text)
        found = [(event.uid, _utc(event.dtstart), _utc(event.dtend)) for event in calendar.events]
        assert found == expected, path
        # vobject, with the file's VTIMEZONEs.
        events = vobject.readOne(text).vevent_list
        found = [(e.uid.value, _utc(e.dtstart.value), _utc(e.dtend.value)) for e in events]
        assert found == expected, path


def _iso(text: str) -> str:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def test_a_series_feed_is_exported_and_served_like_every_feed(series_data, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["build", str(out), "--data", str(series_data)])
    assert result.exit_code == 0, result.output
    built = catalog.load([series_data])
    for lang in LANGUAGES:
        resource = built.get(f"/{lang}/series/oewg-ict.ics")
        assert (out / lang / "series" / "oewg-ict.ics").read_bytes() == resource.body
        assert (out / "_utc" / lang / "series" / "oewg-ict.ics").read_bytes() == (resource.utc_body)

    app = create_app({"DATA": str(series_data), "RELOAD_INTERVAL": 3600})
    client = app.test_client()
    response = client.get("/en/series/oewg-ict.ics")
    resource = built.get("/en/series/oewg-ict.ics")
    assert response.status_code == 200
    assert response.data == resource.body
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Vary"] == "Origin, Accept-Encoding"
    assert response.headers["Last-Modified"] == "Mon, 30 Nov 2026 12:00:00 GMT"
    again = client.get("/en/series/oewg-ict.ics", headers={"If-None-Match": resource.etag})
    assert again.status_code == 304
    widget = client.get("/en/series/oewg-ict.ics", headers={"Origin": ORIGIN})
    assert widget.data == resource.utc_body
    assert b"DTSTART:20221205T090000Z" in widget.data
    download = client.get("/en/series/oewg-ict.ics?download=1")
    assert download.headers["Content-Disposition"].startswith(
        "attachment; filename=\"series-oewg-ict-en.ics\"; filename*=UTF-8''Open-ended"
    )


class _Sections(HTMLParser):
    """The front page's sections: for each, its id, the ids of the sections in it and its
    links."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.inside: dict[str, list[str]] = {}
        self.links: dict[str, list[tuple[str, str]]] = {}
        self._href: str | None = None
        self._lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section":
            if self.open:
                self.inside[self.open[-1]].append(found["id"])
            self.open.append(found["id"])
            self.inside[found["id"]] = []
            self.links[found["id"]] = []
        elif tag == "a" and self.open:
            self._href, self._lang = found["href"], found.get("lang") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self.open.pop()
        elif tag == "a":
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self.links[self.open[-1]].append((self._href, data))


def test_the_front_page_lists_the_meetings_of_a_series_together_with_its_feeds(series_data):
    shutil.copy(FIXTURES / "geneva.yaml", series_data / "geneva.yaml")  # in no series
    page = catalog.load([series_data], "https://feeds.example.org").get("/").body.decode()
    sections = _Sections()
    sections.feed(page)
    assert sections.inside == {
        "geneva-test": [],
        "series-oewg-ict": [BUNDLED, GENEVA],
        BUNDLED: [],
        GENEVA: [],
    }
    names = {"zh": "中文", "en": "English", "fr": "Français"}
    names |= {"es": "Español", "ru": "Русский", "ar": "العربية"}
    assert [link for link in sections.links["series-oewg-ict"] if link[0].endswith(".ics")] == [
        (f"https://feeds.example.org/{lang}/series/oewg-ict.ics", names[lang]) for lang in LANGUAGES
    ]
    assert (
        '<h2 lang="en">Open-ended working group on security of and in the use of information '
        "and communications technologies 2021-2025</h2>"
    ) in page


def test_the_series_is_checked_where_it_is_written(geneva):
    text = geneva.read_text()
    geneva.write_text(text.replace("  id: geneva-test\n", "  id: series\n  series: OEWG ICT\n"))
    with pytest.raises(ProgrammeError) as raised:
        load_file(geneva, "geneva.yaml")
    assert [str(problem) for problem in raised.value.problems] == [
        "geneva.yaml:4: meeting.id: 'series' is taken by the feeds of series of meetings "
        "(/en/series/ID.ics); choose another id",
        "geneva.yaml:5: meeting.series: expected lowercase letters, digits and hyphens, "
        "got 'OEWG ICT'",
    ]


def test_a_meeting_in_no_series_keeps_the_fingerprint_its_revisions_file_recorded(tmp_path):
    # The bundled revisions file recorded this fingerprint when its programme named no series.
    programme = tmp_path / "oewg-ict-s2.yaml"
    programme.write_text(
        (DATA / "oewg-ict-s2.yaml").read_text().replace("  series: oewg-ict\n", "")
    )
    assert revisions.meeting_digest(load_file(programme)) == (
        "sha256:15c029060ab4fa8cf7df181038ca5f3c8f447fdcf4a31c621c03c25652b8b0f9"
    )


def test_a_meeting_put_in_a_series_later_moves_the_series_feed_s_last_modified(series_data):
    geneva = series_data / f"{GENEVA}.yaml"
    geneva.write_text(geneva.read_text().replace("  series: oewg-ict\n", ""))
    (series_data / f"{GENEVA}.revisions.json").unlink()
    _stamp(series_data, "2026-11-01T09:00:00Z")  # published in no series, before the other
    before = catalog.load([series_data])
    series = before.get("/en/series/oewg-ict.ics")
    assert len(vevents(series.body)) == 10
    geneva.write_text(
        geneva.read_text().replace("  language: en\n", "  series: oewg-ict\n  language: en\n")
    )

    check = CliRunner().invoke(cli, ["check", str(series_data)])
    assert (
        f"{geneva}: edits not yet recorded in {GENEVA}.revisions.json: meeting-level fields; "
        "run `feeds stamp` and commit it"
    ) in check.output
    assert f"{series_data / GENEVA}.revisions.json: meeting-level fields\n" in _stamp(
        series_data, "2026-12-01T09:00:00Z"
    )
    after = catalog.load([series_data])
    joined = after.get("/en/series/oewg-ict.ics")
    assert len(vevents(joined.body)) == 13
    assert joined.last_modified == datetime(2026, 12, 1, 9, tzinfo=UTC)
    assert joined.last_modified > series.last_modified
    # A client that fetched the series before gets the new one, whichever way it asks.
    client = create_app({"DATA": str(series_data), "RELOAD_INTERVAL": 3600}).test_client()
    since = format_datetime(series.last_modified, usegmt=True)
    response = client.get("/en/series/oewg-ict.ics", headers={"If-Modified-Since": since})
    assert (response.status_code, response.data) == (200, joined.body)
    # The meeting's own feeds say what they said.
    for lang in GENEVA_LANGUAGES:
        path = f"/{lang}/{GENEVA}/all.ics"
        assert after.get(path).body == before.get(path).body


def test_programme_json_names_the_meeting_s_series_and_its_feed(series_data):
    shutil.copy(FIXTURES / "geneva.yaml", series_data / "geneva.yaml")  # in no series
    for base_url in ("https://feeds.example.org", ""):
        cat = catalog.load([series_data], base_url)
        for meeting, languages in ((BUNDLED, LANGUAGES), (GENEVA, GENEVA_LANGUAGES)):
            for lang in languages:
                doc = json.loads(cat.get(f"/{lang}/{meeting}/programme.json").body)
                path = f"/{lang}/series/oewg-ict.ics"
                assert doc["series"] == {"id": "oewg-ict", "feed": base_url + path}
                assert cat.get(path) is not None
        doc = json.loads(cat.get("/en/geneva-test/programme.json").body)
        assert doc["series"] is None


def test_the_front_page_in_a_language_a_meeting_of_the_series_lacks(series_data):
    """The Geneva meeting is in English, French and Chinese: the Spanish, Russian and Arabic
    front pages show its English title, marked, among the series' meetings."""
    cat = catalog.load([series_data])
    marks = {"es": "Solo en inglés", "ru": "Только на английском языке"}
    marks["ar"] = "باللغة الإنكليزية فقط"
    for lang, mark in marks.items():
        page = cat.get(f"/{lang}/").body.decode()
        sections = _Sections()
        sections.feed(page)
        assert sections.inside["series-oewg-ict"] == [BUNDLED, GENEVA]
        title = "Open-ended working group on ICTs, informal meeting (test)"
        direction = ' dir="ltr"' if lang == "ar" else ""
        assert (
            f'<a href="/en/{GENEVA}/" hreflang="en" lang="en"{direction}>{title}</a> '
            f'<span class="only-in">{mark}</span>'
        ) in page
        own = cat.meeting(BUNDLED).meeting.title[lang]
        assert f'<a href="/{lang}/{BUNDLED}/" hreflang="{lang}" lang="{lang}">{own}</a>' in page
        # The series' name in the page's language, its calendars in each of its languages.
        name = cat.meeting(BUNDLED).meeting.body[lang]
        assert f'<h2 lang="{lang}">{name}</h2>' in page
        feeds = [href for href, _text in sections.links["series-oewg-ict"] if ".ics" in href]
        assert feeds == [f"/{other}/series/oewg-ict.ics" for other in LANGUAGES]
