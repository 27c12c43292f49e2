"""The published iCalendar, read back as a client reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, LANGUAGES
from feeds import catalog
from helpers import events, unfolded_lines, utc_from_file

# The seed's slots: mornings 10:00-13:00 and afternoons 15:00-18:00 in New York,
# where summer time began on 13 March 2022, so UTC-4.
EXPECTED_UTC = {
    "mar28-am": ("2022-03-28T14:00Z", "2022-03-28T17:00Z"),
    "mar28-pm": ("2022-03-28T19:00Z", "2022-03-28T22:00Z"),
    "mar29-am": ("2022-03-29T14:00Z", "2022-03-29T17:00Z"),
    "mar29-pm": ("2022-03-29T19:00Z", "2022-03-29T22:00Z"),
    "mar30-am": ("2022-03-30T14:00Z", "2022-03-30T17:00Z"),
    "mar30-pm": ("2022-03-30T19:00Z", "2022-03-30T22:00Z"),
    "mar31-am": ("2022-03-31T14:00Z", "2022-03-31T17:00Z"),
    "mar31-pm": ("2022-03-31T19:00Z", "2022-03-31T22:00Z"),
    "apr01-am": ("2022-04-01T14:00Z", "2022-04-01T17:00Z"),
    "apr01-pm": ("2022-04-01T19:00Z", "2022-04-01T22:00Z"),
}


def _utc(body: bytes, value) -> str:
    return utc_from_file(body, value.dt.replace(tzinfo=None)).strftime("%Y-%m-%dT%H:%MZ")


def _calendars(cat: catalog.Catalog):
    return [resource for resource in cat if resource.path.endswith(".ics")]


def test_every_block_is_at_its_utc_time_in_every_feed_using_only_the_file_s_vtimezone(bundled):
    seen = set()
    for resource in _calendars(bundled):
        for event in events(resource.body):
            block_id = str(event["UID"]).split(".", 1)[1].split("@")[0]
            assert event["DTSTART"].params["TZID"] == "America/New_York"
            assert event["DTEND"].params["TZID"] == "America/New_York"
            assert (
                _utc(resource.body, event["DTSTART"]),
                _utc(resource.body, event["DTEND"]),
            ) == EXPECTED_UTC[block_id], resource.path
            seen.add(block_id)
    assert seen == set(EXPECTED_UTC)


def test_whole_meeting_feeds_hold_the_ten_blocks_once_each_with_the_same_uids(bundled):
    uids = {}
    for lang in LANGUAGES:
        found = [
            str(event["UID"]) for event in events(bundled.get(f"/{lang}/oewg-ict-s2/all.ics").body)
        ]
        assert len(found) == len(set(found)) == 10
        uids[lang] = found
    assert all(uids[lang] == uids["zh"] for lang in LANGUAGES)
    assert uids["en"][0] == "oewg-ict-s2.mar28-am@meeting-feeds"


def test_a_block_s_uid_is_the_same_in_every_feed_that_holds_it(bundled):
    by_block: dict[str, set[str]] = {}
    for resource in _calendars(bundled):
        for event in events(resource.body):
            by_block.setdefault(str(event["DTSTART"].dt), set()).add(str(event["UID"]))
    assert all(len(uids) == 1 for uids in by_block.values())


def test_the_event_text_of_a_block_in_chinese_and_english(bundled):
    (zh,) = events(bundled.get("/zh/oewg-ict-s2/event/mar30-am.ics").body)
    (en,) = events(bundled.get("/en/oewg-ict-s2/event/mar30-am.ics").body)
    assert str(zh["SUMMARY"]) == "信通技术安全工作组第二届会议：项目 5(f)"
    assert str(en["SUMMARY"]) == "OEWG on ICTs, 2nd session: Item 5(f)"
    assert str(zh["DESCRIPTION"]) == (
        "5. 关于大会第 75/240 号决议第 1 段所载实质性问题的讨论(续)\n"
        "    (f) 建立信任措施\n"
        "联合国裁军研究所(裁研所)关于裁研所网络政策门户的情况通报(15 分钟)\n"
        "各国旨在确保信息和通信技术使用安全的举措\n\n"
        "注：各代表团可以选择亲自、以书面形式或通过提交预先录制的视频发言以代表集团或国家发言。"
        "秘书处将通过电子邮件与各代表团分享上传预先录制发言的链接和说明。"
        "打算提交预先录制视频发言的代表团可联系秘书处获取支持。\n\n"
        "https://meetings.unoda.org/meeting/oewg-ict-2021/"
    )
    assert str(en["DESCRIPTION"]).startswith(
        "5. Discussion of substantive issues contained in paragraph 1 of General Assembly "
        "resolution 75/240 (continued)\n"
        "    (f) Confidence-building measures\n"
        "Briefing by the United Nations Institute for Disarmament Research (UNIDIR) on the "
        "UNIDIR Cyber Policy Portal (15 minutes)\n"
    )
    assert str(en["DESCRIPTION"]).endswith(
        "Unofficial translation; the original is in Chinese.\n\n"
        "https://meetings.unoda.org/meeting/oewg-ict-2021/"
    )
    assert str(zh["LOCATION"]) == "纽约联合国总部"
    assert str(en["LOCATION"]) == "United Nations Headquarters, New York"
    assert str(en["URL"]) == "https://meetings.unoda.org/meeting/oewg-ict-2021/"
    assert en["CATEGORIES"].cats == ["Item 5", "Item 5(f)"]
    assert str(en["STATUS"]) == "TENTATIVE"


def test_the_opening_block_names_both_speakers(bundled):
    (en,) = events(bundled.get("/en/oewg-ict-s2/event/mar28-am.ics").body)
    assert str(en["SUMMARY"]) == "OEWG on ICTs, 2nd session: Opening of the session (Items 3, 5(d))"
    assert str(en["DESCRIPTION"]).startswith(
        "Opening of the session\n"
        "Opening statements\n"
        "    Izumi Nakamitsu, Under-Secretary-General and High Representative for Disarmament "
        "Affairs\n"
        "    Burhan Gafoor, Chair of the open-ended working group on security of and in the use "
        "of information and communications technologies 2021-2025\n"
        "3. Organization of work\n"
    )


def test_calendar_properties(bundled):
    body = bundled.get("/zh/oewg-ict-s2/day/2022-03-30.ics").body
    lines = unfolded_lines(body)
    assert lines[0] == "BEGIN:VCALENDAR"
    for line in (
        "VERSION:2.0",
        "PRODID:-//Meeting Feeds//Programme of work//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:信通技术安全工作组第二届会议 · 2022 年 3 月 30 日，星期三",
        "X-WR-CALNAME:信通技术安全工作组第二届会议 · 2022 年 3 月 30 日，星期三",
        "X-WR-TIMEZONE:America/New_York",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
    ):
        assert line in lines
    assert any(line.startswith("X-WR-CALDESC:2021-2025 年信息和通信技术安全") for line in lines)
    assert lines[-2:] == ["END:VCALENDAR", ""]


def test_lines_are_crlf_and_folded_at_75_octets_on_character_boundaries(bundled):
    for resource in _calendars(bundled):
        assert b"\n" not in resource.body.replace(b"\r\n", b"")
        for line in resource.body.split(b"\r\n"):
            assert len(line) <= 75, (resource.path, line)
            line.decode("utf-8")  # a fold inside a character would not decode


@pytest.mark.parametrize(
    ("slug", "blocks"),
    [
        ("3", ["mar28-am"]),
        ("5d", ["mar28-am", "mar28-pm"]),
        ("5f", ["mar30-am", "mar30-pm"]),
        ("5g", ["mar30-pm", "mar31-am"]),
        (
            "5",
            [
                "mar28-am",
                "mar28-pm",
                "mar29-am",
                "mar29-pm",
                "mar30-am",
                "mar30-pm",
                "mar31-am",
                "apr01-am",
            ],
        ),
        ("6", ["apr01-pm"]),
    ],
)
def test_an_item_feed_holds_every_block_that_takes_it_up_continued_ones_included(
    bundled, slug, blocks
):
    found = events(bundled.get(f"/en/oewg-ict-s2/item/{slug}.ics").body)
    assert [str(event["UID"]) for event in found] == [
        f"oewg-ict-s2.{block}@meeting-feeds" for block in blocks
    ]


def test_the_day_feeds_hold_their_own_day(bundled):
    for day, count in (("2022-03-28", 2), ("2022-03-31", 2), ("2022-04-01", 2)):
        found = events(bundled.get(f"/zh/oewg-ict-s2/day/{day}.ics").body)
        assert [str(event["DTSTART"].dt.date()) for event in found] == [day] * count


def _geneva(path: Path) -> catalog.Catalog:
    return catalog.load([path])


def test_a_programme_across_a_change_to_summer_time_is_right_on_both_sides(geneva):
    body = _geneva(geneva).get("/en/geneva-test/all.ics").body
    times = {
        str(e["UID"]).split(".")[1].split("@")[0]: (
            _utc(body, e["DTSTART"]),
            _utc(body, e["DTEND"]),
        )
        for e in events(body)
    }
    assert times == {
        "thu-am": ("2024-03-28T09:00Z", "2024-03-28T12:00Z"),  # CET, UTC+1
        "mon-am": ("2024-04-01T08:00Z", "2024-04-01T11:00Z"),  # CEST, UTC+2
        "mon-pm": ("2024-04-01T13:00Z", "2024-04-01T16:00Z"),
        "tue-night": ("2024-04-01T22:00Z", "2024-04-01T23:00Z"),  # midnight local
    }


def test_a_cancelled_block_stays_in_the_feeds_as_cancelled(geneva):
    cat = _geneva(geneva)
    (event,) = [
        e for e in events(cat.get("/fr/geneva-test/all.ics").body) if "mon-pm" in str(e["UID"])
    ]
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "Annulée : Comité d'essai : Consultations officieuses"
    assert str(event["DESCRIPTION"]).startswith("Annulée\n\nConsultations officieuses")
    (other,) = events(cat.get("/fr/geneva-test/event/thu-am.ics").body)
    assert str(other["STATUS"]) == "TENTATIVE"


def test_an_adopted_programme_is_confirmed(geneva):
    geneva.write_text(geneva.read_text().replace("status: provisional", "status: adopted"))
    (event,) = events(_geneva(geneva).get("/en/geneva-test/event/thu-am.ics").body)
    assert str(event["STATUS"]) == "CONFIRMED"


def test_commas_semicolons_backslashes_and_newlines_survive_the_round_trip(geneva):
    cat = _geneva(geneva)
    (event,) = events(cat.get("/en/geneva-test/event/thu-am.ics").body)
    assert '2. Substantive matters, including text with , ; \\ and "quotes"' in str(
        event["DESCRIPTION"]
    ).split("\n")
    (night,) = events(cat.get("/en/geneva-test/event/tue-night.ics").body)
    assert str(night["DESCRIPTION"]).startswith("Line one\nline two\n\n")
    assert str(night["SUMMARY"]) == "Test committee: Line one"  # a title is one line


def test_an_official_translation_is_not_marked_unofficial(geneva):
    (event,) = events(_geneva(geneva).get("/fr/geneva-test/event/thu-am.ics").body)
    assert "non officielle" not in str(event["DESCRIPTION"])


def test_dtstamp_and_last_modified_are_the_recorded_revision(bundled):
    recorded = json.loads((DATA / "oewg-ict-s2.revisions.json").read_text())["blocks"]
    for event in events(bundled.get("/en/oewg-ict-s2/all.ics").body):
        block = str(event["UID"]).split(".")[1].split("@")[0]
        assert event["DTSTAMP"].to_ical() == event["LAST-MODIFIED"].to_ical()
        assert event["DTSTAMP"].to_ical().decode() == (
            recorded[block]["modified"].replace("-", "").replace(":", "")
        )
        assert event["SEQUENCE"] == recorded[block]["sequence"]
