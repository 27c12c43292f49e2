"""The subscribe links, one service at a time (the services change their schemes)."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import quote, urlencode

from feeds import subscribe

URL = "https://feeds.example.org/zh/oewg-ict-s2/item/5d.ics"
NAME = "信通技术 · 项目 5(d)"


def test_webcal_keeps_everything_but_the_scheme():
    assert subscribe.webcal(URL) == "webcal://feeds.example.org/zh/oewg-ict-s2/item/5d.ics"
    assert (
        subscribe.webcal("http://127.0.0.1:8000/a.ics?x=1") == "webcal://127.0.0.1:8000/a.ics?x=1"
    )


def test_feed_links():
    links = {link.key: link.href for link in subscribe.feed_links(URL, NAME)}
    assert links == {
        "subscribe": "webcal://feeds.example.org/zh/oewg-ict-s2/item/5d.ics",
        "google": "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F"
        "feeds.example.org%2Fzh%2Foewg-ict-s2%2Fitem%2F5d.ics",
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2F"
        "feeds.example.org%2Fzh%2Foewg-ict-s2%2Fitem%2F5d.ics&name=%E4%BF%A1%E9%80%9A%E6%8A"
        "%80%E6%9C%AF+%C2%B7+%E9%A1%B9%E7%9B%AE+5%28d%29",
        "office365": "https://outlook.office.com/calendar/0/addfromweb?url=https%3A%2F%2F"
        "feeds.example.org%2Fzh%2Foewg-ict-s2%2Fitem%2F5d.ics&name=%E4%BF%A1%E9%80%9A%E6%8A"
        "%80%E6%9C%AF+%C2%B7+%E9%A1%B9%E7%9B%AE+5%28d%29",
    }


def test_a_google_event_is_given_in_utc():
    link = subscribe.google_event(
        "OEWG: Item 5(f)",
        datetime(2022, 3, 30, 14, tzinfo=UTC),
        datetime(2022, 3, 30, 17, tzinfo=UTC),
        "5. Discussion (continued)\n(f) Confidence-building measures",
        "United Nations Headquarters, New York",
    )
    assert link == (
        "https://calendar.google.com/calendar/render?action=TEMPLATE"
        "&text=OEWG%3A%20Item%205%28f%29&dates=20220330T140000Z%2F20220330T170000Z"
        "&details=5.%20Discussion%20%28continued%29%0A%28f%29%20Confidence-building%20measures"
        "&location=United%20Nations%20Headquarters%2C%20New%20York"
    )


def test_a_query_is_written_as_urllib_writes_it():
    every_byte = "".join(map(chr, range(1, 256)))
    texts = [
        "",
        "Plain words, with: punctuation; & symbols = ?/#+%~",
        "第二次实质性会议 · 议程项目 5 (a)",
        "Заседание рабочей группы — пункт 5",
        "الدورة الموضوعية الثانية",
        every_byte,
        "\U0001f4c5 astral\ud7ff",
        "https://feeds.example.org/en/m1/all.ics?x=1&y=a b",
    ]
    for text in texts:
        fields = {"one": text, "two": text[::-1]}
        assert subscribe.query(fields) == urlencode(fields)
        assert subscribe.query(fields, space="%20") == urlencode(fields, quote_via=quote)
