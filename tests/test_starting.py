"""A server answers before its first load ends, from single programme files, with the bytes
and headers the whole catalog gives; what needs every meeting waits for it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, FIXTURES
from feeds import catalog, urls
from feeds.catalog import Catalog, Resource
from feeds.starting import Head, NotReady, Starting, read_head
from feeds.web import create_app

SERIES = FIXTURES / "series"
BUNDLED = "oewg-ict-s2"
GENEVA = "oewg-ict-geneva"


def _never(_timeout: float) -> Catalog | None:
    """The whole folder, as a first load that was refused gives it: never."""
    return None


def _same(one: Resource | None, other: Resource | None) -> None:
    assert one is not None and other is not None
    assert (one.path, one.media_type, one.kind, one.meeting) == (
        other.path,
        other.media_type,
        other.kind,
        other.meeting,
    )
    assert (one.body, one.etag, one.utc_body, one.last_modified) == (
        other.body,
        other.etag,
        other.utc_body,
        other.last_modified,
    )
    assert (one.filename, one.ascii_filename) == (other.filename, other.ascii_filename)


@pytest.fixture
def two_meetings(tmp_path: Path) -> Path:
    """The bundled programme and another of its series, with their revisions files."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    for file in SERIES.iterdir():
        shutil.copy(file, folder / file.name)
    return folder


def test_the_head_of_a_file_names_its_meeting_and_series(tmp_path):
    assert read_head(DATA / f"{BUNDLED}.yaml") == Head(BUNDLED, "oewg-ict")
    file = tmp_path / "x.yaml"
    cases = {
        # quoted, commented, after other keys; block ids deeper in are not the meeting's
        "# a comment\nmeeting:\n  title: {en: T}\n  id: 'm-1'  # the id\n"
        "days:\n- blocks:\n  - id: am\n": Head("m-1", None),
        'meeting:\n    language: en\n    series: "s-2"\n    id: m-2\n': Head("m-2", "s-2"),
        # a key of a deeper mapping named id is not the meeting's
        "meeting:\n  venue:\n    id: not-it\n  language: en\n": Head(None, None),
        # forms not read here: unknown, for the whole load to say
        "meeting: {id: m-3}\n": Head(None, "?"),
        "meeting:\n  id: [m-4]\n  series: {x: 1}\n": Head(None, "?"),
        "meeting:\n  id: m-5\n  id: m-6\n": Head(None, None),
        "days: []\n": Head(None, "?"),
    }
    for text, head in cases.items():
        file.write_text(text)
        assert read_head(file) == head, text
    assert read_head(tmp_path / "missing.yaml") == Head(None, "?")


def test_every_meeting_path_is_answered_from_its_file_as_the_whole_catalog_answers_it(
    two_meetings,
):
    whole = catalog.load([two_meetings], "https://feeds.example")
    starting = Starting(two_meetings, "https://feeds.example", catalog.Reuse(), _never)
    answered = 0
    for resource in whole:
        if resource.meeting is None and resource.kind not in ("asset", "series"):
            with pytest.raises(NotReady):  # the front pages
                starting.get(resource.path)
            continue
        _same(starting.get(resource.path), resource)
        if resource.kind not in ("page", "embed", "chooser", "asset"):
            _same(starting.feed(resource.path), resource)
        assert starting.is_chooser(resource.path) == whole.is_chooser(resource.path)
        answered += 1
    assert answered == len([r for r in whole if r.meeting is not None]) + 2 * 3 + len(urls.ASSETS)
    # pages for another base, feeds of chosen items, redirects to their canonical form
    page = urls.page("fr", BUNDLED)
    _same(starting.page(page, "http://other"), whole.page(page, "http://other"))
    chosen = f"/en/{BUNDLED}/items/5a+5d.ics"
    found, expected = starting.choose(chosen), whole.choose(chosen)
    assert found is not None and expected is not None
    _same(found.resource, expected.resource)
    moved = starting.choose(f"/en/{BUNDLED}/items/5d+5a.ics")
    assert moved is not None and moved.moved_to == chosen
    assert starting.meeting(GENEVA).meeting.id == GENEVA  # type: ignore[union-attr]
    assert sorted(meeting.id for meeting in starting.meetings) == [GENEVA, BUNDLED]


def test_what_needs_every_meeting_waits_for_the_whole_load(two_meetings):
    whole = catalog.load([two_meetings])
    asked: list[float] = []

    def loaded(timeout: float) -> Catalog:
        asked.append(timeout)
        return whole

    starting = Starting(two_meetings, "", catalog.Reuse(), loaded)
    assert starting.get(urls.index()) is whole.get(urls.index())
    assert starting.get("/en/no-such-meeting/all.ics") is None
    assert starting.meeting("no-such-meeting") is None
    assert len(asked) == 3
    assert starting.get(urls.HEALTH) is None and not starting.is_chooser(urls.HEALTH)
    assert len(asked) == 3  # the health check never waits


def test_a_file_with_a_problem_or_an_id_two_files_claim_waits_for_the_whole_load(two_meetings):
    geneva = two_meetings / f"{GENEVA}.yaml"
    geneva.write_text(geneva.read_text().replace("start: 10:00", "start: 9h", 1))
    shutil.copy(DATA / f"{BUNDLED}.yaml", two_meetings / "copy.yaml")
    starting = Starting(two_meetings, "", catalog.Reuse(), _never)
    for meeting in (GENEVA, BUNDLED):
        with pytest.raises(NotReady):
            starting.get(urls.feed("en", meeting, "all"))
    # so is a series one of whose files has a problem
    with pytest.raises(NotReady):
        starting.get(urls.series_feed("en", "oewg-ict"))


def test_a_series_feed_is_made_from_its_meetings_files(two_meetings):
    whole = catalog.load([two_meetings])
    reuse = catalog.Reuse()
    starting = Starting(two_meetings, "", reuse, _never)
    for lang in ("en", "zh", "ar"):
        path = urls.series_feed(lang, "oewg-ict")
        _same(starting.get(path), whole.get(path))
        _same(starting.feed(path), whole.feed(path))
    with pytest.raises(NotReady):  # a series no file names plainly: the whole load tells
        starting.get(urls.series_feed("en", "no-such-series"))
    # the whole load takes the meetings the single files rendered, not rendering them again
    again = catalog.load([two_meetings], "", reuse)
    for meeting in (BUNDLED, GENEVA):
        path = urls.feed("en", meeting, "all")
        assert again.get(path) is starting.get(path)


def test_the_server_answers_a_meeting_before_and_after_its_first_load_alike(two_meetings):
    app = create_app({"DATA": str(two_meetings), "TESTING": True})
    client = app.test_client()
    live = app.extensions["feeds"]
    early = client.get(f"/en/{GENEVA}/all.ics")
    health = json.loads(client.get("/healthz").data)
    assert health["status"] in ("loading", "ok")
    assert live.whole(60) is not None
    late = client.get(f"/en/{GENEVA}/all.ics")
    assert early.status_code == late.status_code == 200
    assert early.data == late.data
    assert early.headers["ETag"] == late.headers["ETag"]
    assert early.headers["Last-Modified"] == late.headers["Last-Modified"]
    assert json.loads(client.get("/healthz").data)["status"] == "ok"


def test_a_folder_with_a_problem_at_start_withdraws_what_single_files_answered(two_meetings):
    geneva = two_meetings / f"{GENEVA}.yaml"
    geneva.write_text(geneva.read_text().replace("start: 10:00", "start: 9h", 1))
    app = create_app({"DATA": str(two_meetings), "TESTING": True})
    client = app.test_client()
    first = client.get(f"/en/{BUNDLED}/all.ics")
    assert first.status_code in (200, 503)  # answered from its file, if the load had not ended
    assert app.extensions["feeds"].whole(60) is None
    feed = client.get(f"/en/{BUNDLED}/all.ics")
    assert feed.status_code == 503 and feed.headers["Retry-After"] == "30"
    health = client.get("/healthz")
    assert health.status_code == 503
    assert json.loads(health.data)["status"] == "unavailable"
