"""Feeds of one's own choice: the agenda items a delegate follows, in one subscription.

`/{lang}/{meeting}/items/5a+5d.ics` holds what `/item/5a.ics` and `/item/5d.ics`
hold together, each session once, with the same event bytes; any other way of
writing the choice is sent to that one; and however many choices are asked
for, the server keeps a bounded number of them.
"""

from __future__ import annotations

import itertools
import re
import time
import tracemalloc
from datetime import UTC
from email.utils import format_datetime

import pytest
from click.testing import CliRunner

from conftest import DATA, LANGUAGES
from feeds import catalog, ical, urls, zones
from feeds.cli import cli
from feeds.web import create_app
from tests.helpers import events, vevents

MEETING = "oewg-ict-s2"
EN = f"/en/{MEETING}"
AGENDA = ("3", "5", "5a", "5c", "5d", "5e", "5f", "5g", "6")
ORIGIN = "https://delegation.example"


@pytest.fixture(scope="module")
def client():
    app = create_app({"DATA": str(DATA), "RELOAD_INTERVAL": 3600})
    return app.test_client()


def _read(body: bytes) -> dict[str, dict]:
    """The events as a client reads them, by UID, times in UTC."""
    return {
        str(event["UID"]): {
            "summary": str(event["SUMMARY"]),
            "description": str(event["DESCRIPTION"]),
            "start": event["DTSTART"].dt.astimezone(UTC),
            "end": event["DTEND"].dt.astimezone(UTC),
            "status": str(event["STATUS"]),
            "sequence": int(event["SEQUENCE"]),
        }
        for event in events(body)
    }


def _calname(body: bytes) -> str:
    unfolded = body.decode().replace("\r\n ", "")
    return re.search(r"\r\nX-WR-CALNAME:([^\r]*)\r\n", unfolded)[1]


def _stamp(data, at: str) -> str:
    result = CliRunner().invoke(cli, ["stamp", str(data), "--at", at])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("chosen", [("5a", "5d"), ("3", "5d", "6"), ("5", "6"), AGENDA])
def test_a_choice_holds_each_session_of_any_of_its_items_once_in_programme_order(
    bundled, client, chosen
):
    meeting = bundled.meetings[0]
    for lang in LANGUAGES:
        path = urls.items_feed(lang, MEETING, chosen)
        response = client.get(path)
        assert response.status_code == 200, path
        singles = [bundled.get(urls.feed(lang, MEETING, "item", slug)) for slug in chosen]
        # The same events, read as a client reads them, and the same bytes.
        expected: dict[str, dict] = {}
        expected_bytes: dict[str, bytes] = {}
        expected_utc: dict[str, bytes] = {}
        for single in singles:
            expected |= _read(single.body)
            expected_bytes |= vevents(single.body)
            expected_utc |= vevents(single.utc_body)
        assert _read(response.data) == expected
        assert vevents(response.data) == expected_bytes
        assert vevents(client.get(path, headers={"Origin": ORIGIN}).data) == expected_utc
        # Each once, in programme order: an item brings its sub-items.
        order = [ical.uid(meeting, block) for block in meeting.blocks]
        assert list(vevents(response.data)) == [uid for uid in order if uid in expected]
    # Times in UTC are those of the programme in New York.
    found = _read(client.get(urls.items_feed("en", MEETING, chosen)).data)
    for block in meeting.blocks:
        uid = ical.uid(meeting, block)
        if uid in found:
            assert found[uid]["start"] == zones.to_utc(meeting.timezone, block.date, block.start)
            assert found[uid]["end"] == zones.to_utc(meeting.timezone, block.date, block.end)


def test_items_5a_and_5d_hold_the_mornings_and_afternoons_that_take_them_up(client):
    found = _read(client.get(f"{EN}/items/5a+5d.ics").data)
    assert list(found) == [
        "oewg-ict-s2.mar28-am@meeting-feeds",
        "oewg-ict-s2.mar28-pm@meeting-feeds",
        "oewg-ict-s2.mar29-am@meeting-feeds",
    ]
    assert [event["start"].isoformat() for event in found.values()] == [
        "2022-03-28T14:00:00+00:00",
        "2022-03-28T19:00:00+00:00",
        "2022-03-29T14:00:00+00:00",
    ]


def test_the_calendar_s_name_and_description_say_which_items(client):
    names = {
        "zh": "信通技术安全工作组第二届会议 · 项目 5(a)、5(d)",
        "en": "OEWG on ICTs, 2nd session · Items 5(a), 5(d)",
        "fr": "GTCNL sur le numérique, 2e session · Points 5(a), 5(d)",
        "es": "GTCA sobre las TIC, 2.º período de sesiones · Temas 5(a), 5(d)",
        "ru": "РГОС по ИКТ, 2-я сессия · Пункты 5(a), 5(d)",
        "ar": "فريق أمن تكنولوجيات المعلومات، الدورة الثانية · البنود 5(a)، 5(d)",
    }
    for lang, name in names.items():
        body = client.get(f"/{lang}/{MEETING}/items/5a+5d.ics").data
        assert _calname(body) == name.replace(",", "\\,"), lang
    about = client.get(f"{EN}/items/5a+5d.ics").data.decode().replace("\r\n ", "")
    about = re.search(r"\r\nX-WR-CALDESC:([^\r]*)\r\n", about)[1].split("\\n")
    assert about[3].startswith("5(a) Further developing the rules\\, norms and principles")
    assert about[4].startswith("5(d) Continuing to study\\, with a view to promoting")


@pytest.mark.parametrize(
    ("asked", "sent_to"),
    [
        ("items/5d+5a.ics", "items/5a+5d.ics"),
        ("items/5d+5a.ics?download=1", "items/5a+5d.ics?download=1"),
        ("items/5a+5d+5a.ics", "items/5a+5d.ics"),
        ("items/6+3+5.ics?x=1&y=2", "items/3+5+6.ics?x=1&y=2"),
        ("items/5(a)+5D.ics", "items/5a+5d.ics"),
        ("items/5a.ics", "item/5a.ics"),
        ("items/5a+5a.ics?download=1", "item/5a.ics?download=1"),
    ],
)
def test_another_way_of_writing_a_choice_is_sent_to_its_one_address(client, asked, sent_to):
    for method in ("GET", "HEAD"):
        response = client.open(f"{EN}/{asked}", method=method, headers={"Origin": ORIGIN})
        assert response.status_code == 301
        assert response.headers["Location"] == f"{EN}/{sent_to}"
        assert response.headers["Cache-Control"] == "public, max-age=300"
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    followed = client.get(f"{EN}/{asked}", follow_redirects=True)
    assert followed.status_code == 200
    assert followed.data == client.get(f"{EN}/{sent_to}".partition("?")[0]).data


@pytest.mark.parametrize(
    "asked",
    [
        f"{EN}/items/5a+7.ics",  # an item the agenda does not have
        f"{EN}/items/5a+.ics",
        f"{EN}/items/.ics",
        f"{EN}/items/+.ics",
        f"{EN}/items/5a+5d",
        f"{EN}/items/5a+5d.ics/x",
        f"{EN}/items/5a+5d.json",
        f"/de/{MEETING}/items/5a+5d.ics",  # a language the meeting is not published in
        f"/en/{MEETING}-s9/items/5a+5d.ics",
        f"{EN}/items/" + "+".join(["5a"] * 10) + ".ics",  # longer than the agenda
        f"{EN}/items/" + "+".join(AGENDA * 8) + ".ics",  # 72 items
        f"{EN}/items/" + "+" * 5000 + ".ics",
    ],
)
def test_a_choice_of_no_item_on_the_agenda_is_not_found(client, asked):
    response = client.get(asked)
    if len(asked) > 2048:
        assert response.status_code == 414
        return
    assert response.status_code == 404
    assert response.headers["Cache-Control"] == "public, max-age=60"


def test_a_choice_is_answered_as_every_feed_is(client, bundled):
    path = f"{EN}/items/5a+5d.ics"
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    assert first.headers["Vary"] == "Origin, Accept-Encoding"
    assert first.headers["Cache-Control"] == "public, max-age=300"
    newest = max(bundled.get(f"{EN}/item/{slug}.ics").last_modified for slug in ("5a", "5d"))
    assert first.headers["Last-Modified"] == format_datetime(newest, usegmt=True)
    etag = first.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{40}"', etag)
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    since = first.headers["Last-Modified"]
    assert client.get(path, headers={"If-Modified-Since": since}).status_code == 304
    head = client.head(path)
    assert (head.status_code, head.data) == (200, b"")
    assert head.headers["Content-Length"] == str(len(first.data))
    widget = client.get(path, headers={"Origin": ORIGIN})
    assert widget.headers["ETag"] != etag
    assert b"DTSTART:20220328T140000Z" in widget.data
    assert b"VTIMEZONE" not in widget.data
    download = client.get(path + "?download=1")
    assert download.data == first.data
    assert download.headers["Content-Disposition"] == (
        'attachment; filename="oewg-ict-s2-en-items-5a+5d.ics"; '
        "filename*=UTF-8''OEWG%20on%20ICTs%2C%202nd%20session%20%C2%B7%20Items%205%28a%29"
        "%2C%205%28d%29.ics"
    )


def test_the_page_builds_a_choice_s_address_with_urls(bundled):
    agenda = [item.slug for item in bundled.meetings[0].agenda]
    assert tuple(agenda) == AGENDA
    assert urls.items_feed("en", MEETING, ["5d", "5a", "5d"], agenda) == f"{EN}/items/5a+5d.ics"
    assert urls.items_feed("en", MEETING, ["6"], agenda) == f"{EN}/item/6.ics"
    for wrong in ([], ["7", "5a"], ["5A", "5a"]):
        with pytest.raises(ValueError):
            urls.items_feed("en", MEETING, wrong, agenda)
    with pytest.raises(ValueError):
        urls.items_feed("en", MEETING, [str(n) for n in range(65)])


def test_a_session_that_leaves_an_item_leaves_the_choices_that_hold_it_by_that_item(
    bundled_copy,
):
    programme = bundled_copy / "oewg-ict-s2.yaml"
    _stamp(bundled_copy, "2026-12-01T09:00:00Z")
    # Friday morning no longer takes up item 5(c), but 5(a).
    text = programme.read_text()
    friday = text.index("      - id: apr01-am\n")
    old = "          - item: 5(c)\n"
    at = text.index(old, friday)
    programme.write_text(text[:at] + "          - item: 5(a)\n" + text[at + len(old) :])
    _stamp(bundled_copy, "2026-12-02T09:00:00Z")
    built = catalog.load([bundled_copy])
    uid = "oewg-ict-s2.apr01-am@meeting-feeds"
    alone = vevents(built.get(f"{EN}/item/5c.ics").body)[uid]
    assert b"STATUS:CANCELLED" in alone
    for chosen, cancelled in (("5c+5d", True), ("5c+6", True), ("5+5c", False), ("5a+5c", False)):
        choice = built.choose(f"{EN}/items/{chosen}.ics")
        assert choice is not None and choice.resource is not None, chosen
        found = vevents(choice.resource.body)
        assert found[uid] == (alone if cancelled else vevents(built.get(f"{EN}/all.ics").body)[uid])
        assert list(found).count(uid) == 1
    # A calendar that keeps what it fetched lets go of it: a higher SEQUENCE, cancelled.
    before = _read(catalog.load([DATA]).choose(f"{EN}/items/5c+5d.ics").resource.body)[uid]
    after = _read(built.choose(f"{EN}/items/5c+5d.ics").resource.body)[uid]
    assert (before["status"], after["status"]) == ("TENTATIVE", "CANCELLED")
    assert after["sequence"] > before["sequence"]
    assert after["summary"] == "No longer takes up Item 5(c): OEWG on ICTs, 2nd session: Item 5(a)"

    # Item 5(c) then leaves the agenda: the choices that name it are still answered,
    # and written as before.
    text = programme.read_text()
    start = text.index("      - letter: c\n")
    programme.write_text(text[:start] + text[text.index("      - letter: d\n") :])
    _stamp(bundled_copy, "2026-12-03T09:00:00Z")
    built = catalog.load([bundled_copy])
    choice = built.choose(f"{EN}/items/5c+5d.ics")
    assert choice is not None and choice.moved_to is None
    assert _calname(choice.resource.body) == "OEWG on ICTs\\, 2nd session · Items 5(c)\\, 5(d)"
    assert vevents(choice.resource.body)[uid] == vevents(built.get(f"{EN}/item/5c.ics").body)[uid]
    assert built.choose(f"{EN}/items/5d+5c.ics").moved_to == f"{EN}/items/5c+5d.ics"


def test_many_choices_keep_no_more_than_the_bound():
    fresh = catalog.load([DATA])
    paths = [
        urls.items_feed(lang, MEETING, chosen)
        for lang in LANGUAGES
        for size in range(2, len(AGENDA) + 1)
        for chosen in itertools.combinations(AGENDA, size)
    ]
    assert len(paths) == len(set(paths)) == 6 * 502
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        rendered = 0
        for path in paths:
            resource = fresh.choose(path).resource
            rendered += len(resource.body) + len(resource.utc_body)
            del resource
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(fresh.chosen) == catalog.CHOSEN_KEPT
    assert fresh.chosen.bytes <= catalog.CHOSEN_KEPT_BYTES
    # What stays is the most recent choices, not every one rendered.
    assert rendered > 5 * fresh.chosen.bytes
    assert grown < 2 * fresh.chosen.bytes + 1_000_000
    # The most recent are answered from what is kept; the oldest are rendered again.
    assert fresh.choose(paths[-1]).resource is fresh.chosen.get(paths[-1])
    assert fresh.chosen.get(paths[0]) is None
    assert (
        fresh.choose(paths[0]).resource.body == catalog.load([DATA]).choose(paths[0]).resource.body
    )


def test_an_edit_reaches_the_choices_a_server_already_answered(bundled_copy):
    app = create_app({"DATA": str(bundled_copy), "RELOAD_INTERVAL": 0})
    client = app.test_client()
    live = app.extensions["feeds"]
    live.whole(60)
    path = f"{EN}/items/5a+5d.ics"
    first = client.get(path)
    assert b"ROOM 4" not in first.data
    programme = bundled_copy / "oewg-ict-s2.yaml"
    text = programme.read_text()
    at = text.index("      - id: mar29-am\n") + len("      - id: mar29-am\n")
    room = "        room: {zh: 4, en: ROOM 4, fr: 4, es: 4, ru: 4, ar: 4}\n"
    programme.write_text(text[:at] + room + text[at:])
    generation = live.health().generation
    deadline = time.monotonic() + 20
    while live.health().generation == generation and time.monotonic() < deadline:
        client.get("/healthz")
        live.wait_for_generation(generation + 1, 0.2)
    second = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200
    assert b"LOCATION:ROOM 4\\, United Nations Headquarters\\, New York" in second.data
