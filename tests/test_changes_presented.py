"""What changed in a programme, as readers see it: the Atom feed of changes, the
meeting page and programme.json.

The tests edit a copy of the bundled programme as its maintainers do, record
each edit with `feeds stamp --at`, and read what is published: the Atom feed
with feedparser (as feed readers do) and an XML parser, the page's HTML, and
programme.json.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import format_datetime
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from conftest import DATA, LANGUAGES, ROOT
from feeds import catalog, changes, i18n, urls
from feeds.cli import cli
from feeds.web import create_app
from server import procfile_server

MEETING = "oewg-ict-s2"
BASE_URL = "https://feeds.example.org"
FIRST, SECOND, THIRD = "2026-12-01T09:00:00Z", "2026-12-02T14:30:00Z", "2026-12-03T08:15:00Z"
FIRST_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SECOND_AT = datetime(2026, 12, 2, 14, 30, tzinfo=UTC)
THIRD_AT = datetime(2026, 12, 3, 8, 15, tzinfo=UTC)
#: The newest time the bundled revisions file records.
BUNDLED_NEWEST = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


# -- a programme with a history ------------------------------------------------------


def _edit(programme: Path, old: str, new: str) -> None:
    text = programme.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    programme.write_text(text.replace(old, new), encoding="utf-8")


def _cut(programme: Path, block: str) -> None:
    """Remove a block's lines from the programme."""
    text = programme.read_text(encoding="utf-8")
    found = re.search(rf"^      - id: {re.escape(block)}\n(?: {{8}}.*\n)*", text, re.M)
    assert found is not None, block
    programme.write_text(text[: found.start()] + text[found.end() :], encoding="utf-8")


def _stamp(data: Path, at: str) -> None:
    result = CliRunner().invoke(cli, ["stamp", str(data), "--at", at])
    assert result.exit_code == 0, result.output


def _make_history(data: Path) -> Path:
    """Two stamps: Rev.1 moves the Monday afternoon meeting to 15:30; Rev.2 removes the
    Tuesday afternoon meeting."""
    programme = data / f"{MEETING}.yaml"
    _edit(programme, "  status: provisional\n", "  status: provisional\n  version: Rev.1\n")
    _edit(
        programme,
        "      - id: mar28-pm\n        start: 15:00",
        "      - id: mar28-pm\n        start: 15:30",
    )
    _stamp(data, FIRST)
    _edit(programme, "version: Rev.1", "version: Rev.2")
    _cut(programme, "mar29-pm")
    _stamp(data, SECOND)
    return data


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """A copy of the bundled data folder with two change sets recorded."""
    data = tmp_path_factory.mktemp("history") / "data"
    shutil.copytree(DATA, data)
    return _make_history(data)


@pytest.fixture(scope="module")
def published(history) -> catalog.Catalog:
    return catalog.load([history])


def _expected(lang: str, number: int) -> list[str]:
    """What change set `number` of the history says, in a language, written out again."""
    cw = i18n.words(lang).change
    day28, day29 = (i18n.day_label(lang, datetime(2022, 3, d).date()) for d in (28, 29))
    afternoon = cw.parts[1]
    if number == 1:
        block = cw.block.format(part=afternoon, day=day28, start="15:00", end="18:00")
        text = cw.retimed.format(block=block, start="15:30", end="18:00")
    else:
        block = cw.block.format(part=afternoon, day=day29, start="15:00", end="18:00")
        text = cw.cancelled.format(block=block)
    return [text[:1].upper() + text[1:]]


# -- reading the Atom feed -----------------------------------------------------------


def _parsed(body: bytes) -> feedparser.FeedParserDict:
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def _check_atom_rules(body: bytes) -> ET.Element:
    """The elements RFC 4287 asks of a feed and of each entry, each exactly once."""
    root = ET.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert root.find(f"{ATOM}author/{ATOM}name").text
    rels = [link.get("rel") for link in root.findall(f"{ATOM}link")]
    assert sorted(rels) == ["alternate", "self"]
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "content"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        (link,) = entry.findall(f"{ATOM}link")
        assert link.get("rel") == "alternate" and link.get("href")
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
    return root


def _lines(entry: feedparser.FeedParserDict) -> list[str]:
    """The list an entry's content gives, as text."""
    return [_text_of(item) for item in re.findall(r"<li>(.*?)</li>", entry.content[0].value, re.S)]


def _text_of(fragment: str) -> str:
    collected = _Collector()
    collected.feed(fragment)
    return "".join(collected.text).strip()


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _atom(cat: catalog.Catalog, lang: str) -> bytes:
    resource = cat.get(urls.changes(lang, MEETING))
    assert resource is not None
    assert resource.media_type == "application/atom+xml; charset=utf-8"
    return resource.body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_feed_of_changes_lists_each_change_set_newest_first(published, lang):
    body = _atom(published, lang)
    _check_atom_rules(body)
    feed = _parsed(body)
    entry = published.meeting(MEETING)
    meeting = entry.meeting
    cw = i18n.words(lang).change
    assert feed.feed.title == f"{meeting.short_title[lang]} · {cw.changes}"
    assert feed.feed.updated == "2026-12-02T14:30:00Z"
    assert feed.feed.author == meeting.issued_by[lang]
    assert feed.feed.language == lang
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": f"/{lang}/{MEETING}/changes.atom", "alternate": f"/{lang}/{MEETING}/"}
    assert [e.title for e in feed.entries] == [
        f"Rev.2 · {changes.moment(SECOND_AT, lang)}",
        f"Rev.1 · {changes.moment(FIRST_AT, lang)}",
    ]
    assert [e.updated for e in feed.entries] == [SECOND, FIRST]
    assert [e.link for e in feed.entries] == [
        f"/{lang}/{MEETING}/#change-2",
        f"/{lang}/{MEETING}/#change-1",
    ]
    assert [_lines(e) for e in feed.entries] == [_expected(lang, 2), _expected(lang, 1)]


def test_entry_ids_are_unique_and_the_same_in_every_build_and_process(published, history, tmp_path):
    ids = {}
    for lang in LANGUAGES:
        for entry in _parsed(_atom(published, lang)).entries:
            ids[entry.id] = lang
    assert len(ids) == 2 * len(LANGUAGES)
    again = catalog.load([history])
    assert all(_atom(again, lang) == _atom(published, lang) for lang in LANGUAGES)
    # Another process, building the export: the same bytes.
    out = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "feeds", "build", str(out), "--data", str(history)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    for lang in LANGUAGES:
        assert (out / lang / MEETING / "changes.atom").read_bytes() == _atom(published, lang)


def test_a_new_stamp_adds_one_entry_and_keeps_the_others(history, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(history, data)
    before = _parsed(_atom(catalog.load([data]), "fr")).entries
    _edit(
        data / f"{MEETING}.yaml",
        "      - id: mar31-am\n        start: 10:00",
        "      - id: mar31-am\n        start: 09:30",
    )
    _stamp(data, THIRD)
    after = _parsed(_atom(catalog.load([data]), "fr"))
    assert after.feed.updated == THIRD
    assert len(after.entries) == 3
    assert [(e.id, e.title, e.updated, e.link) for e in after.entries[1:]] == [
        (e.id, e.title, e.updated, e.link) for e in before
    ]
    newest = after.entries[0]
    assert newest.id not in {e.id for e in before}
    # The version label is still Rev.2; its entry is told apart by its time.
    assert newest.title == f"Rev.2 · {changes.moment(THIRD_AT, 'fr')}"
    assert newest.link == f"/fr/{MEETING}/#change-3"
    assert _lines(newest)[0] == (
        "Séance du matin du jeudi 31 mars 2022 (10:00–13:00) : nouvel horaire, 09:30–13:00"
    )


def test_a_programme_never_changed_has_a_valid_feed_without_entries(bundled):
    for lang in LANGUAGES:
        body = _atom(bundled, lang)
        root = _check_atom_rules(body)
        feed = _parsed(body)
        assert feed.entries == [] and root.findall(f"{ATOM}entry") == []
        assert feed.feed.updated == "2026-11-30T12:00:00Z"
        resource = bundled.get(urls.changes(lang, MEETING))
        assert resource.last_modified == BUNDLED_NEWEST


def test_links_are_absolute_under_the_public_address(history):
    body = _atom(catalog.load([history], BASE_URL), "ar")
    feed = _parsed(body)
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {
        "self": f"{BASE_URL}/ar/{MEETING}/changes.atom",
        "alternate": f"{BASE_URL}/ar/{MEETING}/",
    }
    assert [e.link for e in feed.entries] == [
        f"{BASE_URL}/ar/{MEETING}/#change-2",
        f"{BASE_URL}/ar/{MEETING}/#change-1",
    ]
    # The ids do not depend on where the feed is published.
    assert [e.id for e in feed.entries] == [
        e.id for e in _parsed(_atom(catalog.load([history]), "ar")).entries
    ]
    assert b'dir="rtl"' in body


# -- served and exported -------------------------------------------------------------


def test_the_server_answers_the_feed_of_changes_as_it_answers_calendars(history):
    path = urls.changes("en", MEETING)
    resource = catalog.load([history]).get(path)
    app = create_app({"DATA": str(history), "RELOAD_INTERVAL": 3600})
    flask_alone = create_app({"DATA": str(history), "RELOAD_INTERVAL": 3600})
    flask_alone.wsgi_app = flask_alone.wsgi_app.app
    modified = format_datetime(SECOND_AT, usegmt=True)
    for client in (app.test_client(), flask_alone.test_client()):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
        assert response.headers["ETag"] == resource.etag
        assert response.headers["Last-Modified"] == modified
        assert response.headers["Cache-Control"].startswith("public, max-age=")
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.data == resource.body
        assert client.get(path, headers={"If-None-Match": resource.etag}).status_code == 304
        assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
        earlier = format_datetime(FIRST_AT, usegmt=True)
        assert client.get(path, headers={"If-Modified-Since": earlier}).status_code == 200
        download = client.get(path + "?download=1")
        assert download.headers["Content-Disposition"] == (
            'attachment; filename="oewg-ict-s2-en-changes.atom"; '
            "filename*=UTF-8''oewg-ict-s2-en-changes.atom"
        )


def test_the_export_holds_the_feed_of_changes(history, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli, ["build", str(out), "--data", str(history), "--base-url", BASE_URL]
    )
    assert result.exit_code == 0, result.output
    cat = catalog.load([history], BASE_URL)
    for lang in LANGUAGES:
        assert (out / urls.export_file(urls.changes(lang, MEETING))).read_bytes() == _atom(
            cat, lang
        )
    page = (out / "zh" / MEETING / "index.html").read_text()
    assert f'href="{BASE_URL}/zh/{MEETING}/changes.atom"' in page


# -- the meeting page ----------------------------------------------------------------


class Page(HTMLParser):
    """A page's elements in order: each one's attributes, text, and the ids of the
    elements it lies within."""

    VOID = frozenset({"meta", "link", "input", "br", "img", "hr"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, **{name: value or "" for name, value in attrs}, "text": ""}
        element["inside"] = [one.get("id") for one in self._open if one.get("id")]
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def by_id(self, id_: str) -> dict:
        (found,) = [e for e in self.elements if e.get("id") == id_]
        return found

    def find(self, **wanted) -> list[dict]:
        def matches(element: dict) -> bool:
            for key, value in wanted.items():
                if key == "cls":
                    if value not in element.get("class", "").split():
                        return False
                elif key == "within":
                    if value not in element["inside"]:
                        return False
                elif element.get(key) != value:
                    return False
            return True

        return [element for element in self.elements if matches(element)]


def _page(cat: catalog.Catalog, lang: str) -> Page:
    return Page(cat.get(urls.page(lang, MEETING)).body.decode())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_shows_the_version_the_changes_and_the_changed_sessions(published, lang):
    page = _page(published, lang)
    w = i18n.words(lang)
    cw = w.change
    (alternate,) = page.find(tag="link", rel="alternate")
    assert (alternate["type"], alternate["href"]) == (
        "application/atom+xml",
        f"/{lang}/{MEETING}/changes.atom",
    )
    (version,) = page.find(cls="version")
    last = cw.last_changed.format(when=changes.moment(SECOND_AT, lang))
    assert version["text"] == f"{cw.version.format(version='Rev.2')} · {last}"
    (to_last,) = [a for a in page.find(tag="a") if a["text"] == last]
    assert to_last["href"] == "#change-2"
    # The list, newest first: when, which version, what changed.
    section = page.by_id("changes")
    assert section["text"].strip().startswith(cw.changes)
    (atom_link,) = page.find(tag="a", within="changes", type="application/atom+xml")
    assert (atom_link["href"], atom_link["text"]) == (
        f"/{lang}/{MEETING}/changes.atom",
        w.changes_feed,
    )
    listed = page.find(tag="article", cls="change")
    assert [article["id"] for article in listed] == ["change-2", "change-1"]
    for article, at, number in ((listed[0], SECOND_AT, 2), (listed[1], FIRST_AT, 1)):
        (moment,) = page.find(tag="time", within=article["id"])
        assert (moment["datetime"], moment["text"]) == (
            at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            changes.moment(at, lang),
        )
        (label,) = page.find(cls="change-version", within=article["id"])
        assert label["text"] == cw.version.format(version=f"Rev.{number}")
        items = page.find(tag="li", within=article["id"])
        assert [item["text"] for item in items] == _expected(lang, number)
    # Each changed session links to its newest change; the removed one is cancelled.
    marks = {
        mark["inside"][-1]: (mark["href"], mark["text"]) for mark in page.find(cls="changed-mark")
    }
    assert marks == {
        "mar28-pm": ("#change-1", cw.changed_mark),
        "mar29-pm": ("#change-2", cw.changed_mark),
    }
    removed = page.by_id("mar29-pm")
    assert "cancelled" in removed["class"].split()
    (label,) = page.find(cls="cancelled-label", within="mar29-pm")
    assert label["text"] == w.cancelled
    assert page.find(cls="cancelled-label") == [label]
    assert "15:30–18:00" in page.by_id("mar28-pm")["text"]


@pytest.mark.parametrize("lang", ["zh", "ar", "ru"])
def test_the_changes_are_told_in_the_page_s_own_language(published, lang):
    """No English in what the page says of the changes: the version label, the time
    zone's name and the feed format's name aside."""
    page = _page(published, lang)
    told = [page.by_id("changes")["text"], page.find(cls="version")[0]["text"]]
    told += [mark["text"] for mark in page.find(cls="changed-mark")]
    told += [mark["text"] for mark in page.find(cls="cancelled-label")]
    rest = re.sub(r"Rev\.\d|UTC|Atom", "", " ".join(told))
    assert re.findall(r"[A-Za-z]+", rest) == []


def test_a_page_without_changes_says_so_and_still_offers_the_feed(bundled):
    for lang in LANGUAGES:
        page = _page(bundled, lang)
        w = i18n.words(lang)
        assert page.find(cls="version") == []
        assert page.find(cls="changed-mark") == []
        assert page.find(tag="article", cls="change") == []
        (hint,) = page.find(tag="p", within="changes", cls="hint")
        assert hint["text"] == w.no_changes
        assert page.find(tag="a", within="changes", type="application/atom+xml")


# -- programme.json ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_programme_json_carries_the_version_and_the_changes(published, lang):
    doc = json.loads(published.get(urls.programme(lang, MEETING)).body)
    assert doc["meeting"]["version"] == "Rev.2"
    assert doc["meeting"]["last_changed"] == SECOND
    assert doc["changes_feed"] == f"/{lang}/{MEETING}/changes.atom"
    history = published.meeting(MEETING).history
    assert [(c["number"], c["at"], c["version"]) for c in doc["changes"]] == [
        (2, SECOND, "Rev.2"),
        (1, FIRST, "Rev.1"),
    ]
    for listed, change_set in zip(doc["changes"], reversed(history), strict=True):
        assert [{k: v for k, v in c.items() if k != "text"} for c in listed["changes"]] == [
            change.as_data() for change in change_set.changes
        ]
        assert [c["text"] for c in listed["changes"]] == _expected(lang, listed["number"])
    blocks = {b["id"]: (b["removed"], b["changed_in"], b["cancelled"]) for b in doc["blocks"]}
    assert blocks["mar28-pm"] == (False, 1, False)
    assert blocks["mar29-pm"] == (True, 2, True)
    assert blocks["mar28-am"] == (False, None, False)


def test_programme_json_of_a_programme_never_changed(bundled):
    doc = json.loads(bundled.get(urls.programme("en", MEETING)).body)
    assert (doc["meeting"]["version"], doc["meeting"]["last_changed"], doc["changes"]) == (
        None,
        None,
        [],
    )
    assert {(b["removed"], b["changed_in"]) for b in doc["blocks"]} == {(False, None)}


# -- on a phone ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ar", "zh", "ru"])
def test_the_changes_fit_a_phone_and_a_mark_leads_to_its_change(history, lang):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with procfile_server(history) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 390, "height": 844})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/{lang}/{MEETING}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        change = page.locator("#change-2")
        side = "Right" if lang == "ar" else "Left"
        assert change.evaluate(f"e => getComputedStyle(e).border{side}Width") == "4px"
        page.locator("#mar29-pm a.changed-mark").click()
        assert page.evaluate("location.hash") == "#change-2"
        box = change.bounding_box()
        # Scrolled to it (its top at the top of the screen, to a fraction of a pixel).
        assert abs(box["y"]) < 1 and box["x"] >= 0 and box["x"] + box["width"] <= 390
        browser.close()
        assert errors == []
