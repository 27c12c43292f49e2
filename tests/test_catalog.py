"""One catalog of public paths, and programme.json for websites."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner

from conftest import DATA, LANGUAGES
from feeds import catalog, urls
from feeds.cli import cli

DAYS = ["2022-03-28", "2022-03-29", "2022-03-30", "2022-03-31", "2022-04-01"]
ITEMS = ["3", "5", "5a", "5c", "5d", "5e", "5f", "5g", "6"]
BLOCKS = [
    "mar28-am",
    "mar28-pm",
    "mar29-am",
    "mar29-pm",
    "mar30-am",
    "mar30-pm",
    "mar31-am",
    "mar31-pm",
    "apr01-am",
    "apr01-pm",
]


def test_the_catalog_has_exactly_the_public_paths(bundled):
    expected = {"/", "/oewg-ict-s2/", "/assets/feeds.css", "/assets/feeds.js", "/assets/icon.svg"}
    expected |= {"/assets/qr.js", "/assets/embed.js"}
    for lang in LANGUAGES:
        expected.add(f"/{lang}/")  # the front page in each language
        base = f"/{lang}/oewg-ict-s2"
        expected |= {f"{base}/", f"{base}/embed", f"{base}/all.ics", f"{base}/programme.json"}
        expected.add(f"{base}/changes.atom")
        expected |= {f"{base}/day/{day}.ics" for day in DAYS}
        expected |= {f"{base}/item/{slug}.ics" for slug in ITEMS}
        expected |= {f"{base}/event/{block}.ics" for block in BLOCKS}
        expected.add(f"/{lang}/series/oewg-ict.ics")  # the series the meeting belongs to
    assert {resource.path for resource in bundled} == expected
    assert len(bundled) == len(expected)


def test_media_types_and_etags(bundled):
    types = {
        "ics": urls.CALENDAR,
        "json": urls.JSON,
        "atom": urls.ATOM,
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml",
    }
    for resource in bundled:
        name = resource.path.rsplit("/", 1)[-1]
        suffix = name.rsplit(".", 1)[-1] if "." in name else "html"
        assert resource.media_type == types.get(suffix, urls.HTML), resource.path
        assert resource.etag.startswith('"') and len(resource.etag) == 42


def test_programme_json_lists_every_feed_of_its_language(bundled):
    doc = json.loads(bundled.get("/en/oewg-ict-s2/programme.json").body)
    listed = {feed["url"] for feed in doc["feeds"]}
    ics = {r.path for r in bundled if r.meeting == "oewg-ict-s2" and r.path.startswith("/en/")}
    ics = {path for path in ics if path.endswith(".ics")}
    assert listed == ics
    assert all(bundled.get(feed["url"]) is not None for feed in doc["feeds"])


def test_programme_json_content(bundled):
    doc = json.loads(bundled.get("/en/oewg-ict-s2/programme.json").body)
    assert doc["language"] == "en" and doc["translation"] == "unofficial"
    assert doc["languages"] == list(LANGUAGES)
    meeting = doc["meeting"]
    assert meeting["id"] == "oewg-ict-s2"
    assert meeting["timezone"] == "America/New_York"
    assert meeting["status"] == "provisional"
    assert meeting["venue"] == "United Nations Headquarters, New York"
    assert [d["symbol"] for d in meeting["documents"]] == ["A/RES/75/240", "A/AC.292/2021/1"]
    block = doc["blocks"][4]
    assert {
        key: block[key]
        for key in ("id", "uid", "start", "end", "start_utc", "end_utc", "status", "items", "feed")
    } == {
        "id": "mar30-am",
        "uid": "oewg-ict-s2.mar30-am@meeting-feeds",
        "start": "2022-03-30T10:00:00-04:00",
        "end": "2022-03-30T13:00:00-04:00",
        "start_utc": "2022-03-30T14:00:00Z",
        "end_utc": "2022-03-30T17:00:00Z",
        "status": "TENTATIVE",
        "items": ["5", "5f"],
        "feed": "/en/oewg-ict-s2/event/mar30-am.ics",
    }
    assert block["segments"][2] == {
        "item": None,
        "text": "Briefing by the United Nations Institute for Disarmament Research (UNIDIR) "
        "on the UNIDIR Cyber Policy Portal",
        "continued": False,
        "minutes": 15,
        "details": [],
        "lines": [
            "Briefing by the United Nations Institute for Disarmament Research (UNIDIR) "
            "on the UNIDIR Cyber Policy Portal (15 minutes)"
        ],
    }
    assert doc["agenda"][4] == {
        "slug": "5d",
        "number": "5",
        "letter": "d",
        "label": "5(d)",
        "parent": "5",
        "title": "Continuing to study, with a view to promoting common understandings, "
        "existing and potential threats in the sphere of information security, inter "
        "alia, data security, and possible cooperative measures to prevent and "
        "counter such threats",
        "feed": "/en/oewg-ict-s2/item/5d.ics",
    }
    assert doc["days"][0]["label"] == "Monday, 28 March 2022"


def test_a_day_without_meetings_has_an_empty_feed_and_its_note(geneva):
    cat = catalog.load([geneva])
    body = cat.get("/en/geneva-test/day/2024-03-29.ics").body
    assert b"BEGIN:VTIMEZONE" in body and b"BEGIN:VEVENT" not in body
    doc = json.loads(cat.get("/en/geneva-test/programme.json").body)
    assert doc["days"][1] == {
        "date": "2024-03-29",
        "label": "Friday, 29 March 2024",
        "note": "Official holiday",
        "blocks": [],
        "feed": "/en/geneva-test/day/2024-03-29.ics",
    }


def test_the_index_page_links_every_meeting_page_and_escapes_the_data(geneva):
    geneva.write_text(
        geneva.read_text().replace(
            "en: Test committee, first session", "en: <script>alert(1)</script> & co"
        )
    )
    cat = catalog.load([geneva])
    page = cat.get("/").body.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
    assert 'href="/en/geneva-test/"' in page and 'href="/fr/geneva-test/"' in page
    assert 'href="/geneva-test/"' in page  # the server sends readers to their language
    meeting_page = cat.get("/en/geneva-test/").body.decode()
    assert "<script>alert(1)</script>" not in meeting_page


def test_a_reload_reads_and_renders_only_the_files_that_changed(tmp_path, geneva):
    shutil.copy(DATA / "oewg-ict-s2.yaml", geneva.parent / "oewg.yaml")
    reuse = catalog.Reuse()
    first = catalog.load([geneva.parent], reuse=reuse)
    again = catalog.load([geneva.parent], reuse=reuse)
    path = "/en/oewg-ict-s2/all.ics"
    assert again.get(path) is first.get(path)  # not rendered again
    geneva.write_text(geneva.read_text().replace("start: 15:00", "start: 15:30"))
    edited = catalog.load([geneva.parent], reuse=reuse)
    assert edited.get(path) is first.get(path)
    assert b"T153000" in edited.get("/en/geneva-test/event/mon-pm.ics").body
    assert edited.get("/en/geneva-test/event/mon-pm.ics") is not first.get(
        "/en/geneva-test/event/mon-pm.ics"
    )
    assert (
        CliRunner().invoke(cli, ["stamp", str(geneva), "--at", "2024-01-01T00:00:00Z"]).exit_code
        == 0
    )
    stamped = catalog.load([geneva.parent], reuse=reuse)  # the revisions file changed
    assert b"LAST-MODIFIED:20240101T000000Z" in stamped.get("/en/geneva-test/event/mon-pm.ics").body
    assert stamped.get(path) is first.get(path)
    assert stamped.get(path).body == catalog.load([geneva.parent]).get(path).body
