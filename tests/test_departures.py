"""A session that leaves a day or an agenda item leaves that day's or item's calendar.

A calendar subscribed to one day or one item keeps what it fetched (Google
keeps events a feed no longer lists), so the feed a session left keeps it,
cancelled there, with a raised SEQUENCE and a first line that says why.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from feeds import catalog
from feeds.cli import cli
from tests.helpers import events


def _stamp(data: Path, at: str) -> str:
    result = CliRunner().invoke(cli, ["stamp", str(data), "--at", at])
    assert result.exit_code == 0, result.output
    return result.output


def _fetch(data: Path, path: str) -> dict[str, dict]:
    """The events of a feed by UID, as a client reads them."""
    resource = catalog.load([data]).get(path)
    assert resource is not None, path
    return {
        str(event["UID"]): {
            "sequence": int(event["SEQUENCE"]),
            "status": str(event["STATUS"]),
            "summary": str(event["SUMMARY"]),
            "start": event["DTSTART"].dt.astimezone(UTC),
        }
        for event in events(resource.body)
    }


def _keep(store: dict[str, dict], fetched: dict[str, dict]) -> dict[str, dict]:
    """A client that keeps what it once fetched (RFC 5546 PUBLISH): a higher SEQUENCE
    replaces, an event no longer listed stays as it was."""
    kept = dict(store)
    for uid, event in fetched.items():
        if uid not in kept or event["sequence"] > kept[uid]["sequence"]:
            kept[uid] = event
    return kept


def _shown(store: dict[str, dict]) -> set[str]:
    return {uid for uid, event in store.items() if event["status"] != "CANCELLED"}


def test_a_session_moved_to_another_day_leaves_the_calendar_of_its_old_day(bundled_copy):
    programme = bundled_copy / "oewg-ict-s2.yaml"
    _stamp(bundled_copy, "2026-12-01T09:00:00Z")
    friday = "/en/oewg-ict-s2/day/2022-04-01.ics"
    thursday = "/en/oewg-ict-s2/day/2022-03-31.ics"
    uid = "oewg-ict-s2.apr01-am@meeting-feeds"
    before = {path: _fetch(bundled_copy, path) for path in (friday, thursday)}
    assert uid in _shown(before[friday])

    # The Friday morning meeting moves to Thursday evening.
    text = programme.read_text()
    start = text.index("      - id: apr01-am\n")
    end = text.index("      - id: apr01-pm\n")
    block = (
        text[start:end].replace("start: 10:00", "start: 18:30").replace("end: 13:00", "end: 20:00")
    )
    text = text[:start] + text[end:]
    anchor = text.index("  - date: 2022-04-01")
    thursday_end = text.rindex("\n", 0, anchor) + 1
    programme.write_text(text[:thursday_end] + block + text[thursday_end:])
    output = _stamp(bundled_copy, "2026-12-02T09:00:00Z")
    assert (
        "  Morning meeting of Friday, 1 April 2022 (10:00–13:00) moved to "
        "Thursday, 31 March 2022, 18:30–20:00\n"
    ) in output

    after = {path: _fetch(bundled_copy, path) for path in (friday, thursday)}
    moved = after[friday][uid]
    assert moved["status"] == "CANCELLED"
    assert moved["summary"].startswith("Moved to another day: OEWG on ICTs, 2nd session: ")
    assert moved["sequence"] == before[friday][uid]["sequence"] + 1
    assert moved["start"] == datetime(2022, 3, 31, 22, 30, tzinfo=UTC)  # 18:30 EDT
    assert after[thursday][uid]["status"] == "TENTATIVE"
    assert after[thursday][uid]["start"] == datetime(2022, 3, 31, 22, 30, tzinfo=UTC)

    # Each day's calendar that keeps its copy now shows what the programme says.
    friday_store = _keep(before[friday], after[friday])
    thursday_store = _keep(before[thursday], after[thursday])
    assert uid not in _shown(friday_store)
    assert uid in _shown(thursday_store)
    assert _shown(friday_store) == _shown(after[friday])
    # The other Friday session did not change.
    other = "oewg-ict-s2.apr01-pm@meeting-feeds"
    assert after[friday][other] == before[friday][other]


def test_an_item_taken_up_elsewhere_leaves_the_item_s_calendar_in_every_language(bundled_copy):
    programme = bundled_copy / "oewg-ict-s2.yaml"
    _stamp(bundled_copy, "2026-12-01T09:00:00Z")
    text = programme.read_text()
    start = text.index("      - id: apr01-am\n")
    assert "item: 5(c)" in text[start:]
    at = text.index("item: 5(c)", start)
    programme.write_text(text[:at] + "item: 5(d)" + text[at + len("item: 5(c)") :])
    uid = "oewg-ict-s2.apr01-am@meeting-feeds"

    # Not yet stamped: already published right, from the data and the revisions file.
    reasons = {
        "en": "No longer takes up Item 5(c): ",
        "zh": "不再审议项目 5(c)：",
        "ar": "لم يعد يُنظر في البند 5(c)",
    }
    for lang, reason in reasons.items():
        fetched = _fetch(bundled_copy, f"/{lang}/oewg-ict-s2/item/5c.ics")
        assert fetched[uid]["status"] == "CANCELLED"
        assert fetched[uid]["summary"].startswith(reason), fetched[uid]["summary"]
        assert _fetch(bundled_copy, f"/{lang}/oewg-ict-s2/item/5d.ics")[uid]["status"] == (
            "TENTATIVE"
        )
    # The parent item still takes it up: it stays in item 5's calendar as it is.
    assert _fetch(bundled_copy, "/en/oewg-ict-s2/item/5.ics")[uid]["status"] == "TENTATIVE"

    output = _stamp(bundled_copy, "2026-12-02T09:00:00Z")
    assert "  Item 5(c) no longer taken up at the morning meeting of Friday" in output
    assert "  Item 5(d) now also taken up at the morning meeting of Friday" in output
    # Stamped, and stamped again: the item's calendar keeps it cancelled.
    _stamp(bundled_copy, "2026-12-03T09:00:00Z")
    assert _fetch(bundled_copy, "/en/oewg-ict-s2/item/5c.ics")[uid]["status"] == "CANCELLED"


def test_a_day_left_with_no_session_keeps_its_feed(bundled_copy):
    programme = bundled_copy / "oewg-ict-s2.yaml"
    _stamp(bundled_copy, "2026-12-01T09:00:00Z")
    # Friday's sessions move to Saturday (ids kept): Friday is left with none.
    text = programme.read_text()
    assert text.count("  end: 2022-04-01\n") == 1
    text = text.replace("  end: 2022-04-01\n", "  end: 2022-04-02\n")
    programme.write_text(text.replace("  - date: 2022-04-01", "  - date: 2022-04-02", 1))
    output = _stamp(bundled_copy, "2026-12-02T09:00:00Z")
    assert "moved to Saturday, 2 April 2022, 10:00–13:00" in output
    fetched = _fetch(bundled_copy, "/fr/oewg-ict-s2/day/2022-04-01.ics")
    assert len(fetched) == 2
    assert {event["status"] for event in fetched.values()} == {"CANCELLED"}
    assert {event["summary"].split(" : ")[0] for event in fetched.values()} == {
        "Déplacée à un autre jour"
    }
    assert {event["start"].date().isoformat() for event in fetched.values()} == {"2022-04-02"}
    saturday = _fetch(bundled_copy, "/fr/oewg-ict-s2/day/2022-04-02.ics")
    assert {event["status"] for event in saturday.values()} == {"TENTATIVE"}
