"""What the meeting page says as the server writes it: the meeting's times with their
zone, and what the subscribe panel's script is given to make any feed's links."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from conftest import LANGUAGES
from feeds import catalog, i18n, pages, subscribe, urls, zones


def _page(cat: catalog.Catalog, path: str) -> str:
    return cat.get(path).body.decode()


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        ("America/New_York", date(2022, 3, 28), "EDT"),
        ("America/New_York", date(2022, 1, 10), "EST"),
        ("Europe/Zurich", date(2024, 3, 28), "CET"),
        ("Europe/Zurich", date(2024, 4, 1), "CEST"),
        ("Asia/Bangkok", date(2024, 4, 1), "UTC+7"),
        ("America/Santiago", date(2024, 6, 1), "UTC-4"),
        ("Asia/Kathmandu", date(2024, 6, 1), "UTC+5:45"),
    ],
)
def test_a_zone_s_abbreviation_on_a_day(zone, day, expected):
    assert zones.abbreviation(zone, day, time(10)) == expected


def test_each_session_shows_its_time_with_the_zone_on_that_date(geneva: Path):
    """The Geneva programme crosses the change to summer time: CET before, CEST after."""
    cat = catalog.load([geneva.parent])
    page = _page(cat, "/en/geneva-test/")
    times = re.findall(r'<time dir="ltr" datetime="[^"]+"[^>]*>([^<]+)</time>', page)
    assert times == ["10:00–13:00 CET", "10:00–13:00 CEST", "15:00–18:00 CEST", "00:00–01:00 CEST"]
    # The zone's rules name it; the database name is not shown as the zone.
    assert ">Europe/Zurich<" not in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_meeting_s_time_names_its_zone_and_city_in_each_language(bundled, lang):
    page = _page(bundled, f"/{lang}/oewg-ict-s2/")
    city = {
        "zh": "纽约",
        "en": "New York",
        "fr": "New York",
        "es": "Nueva York",
        "ru": "Нью-Йорк",
        "ar": "نيويورك",
    }[lang]
    before, _, after = i18n.page_words(lang).meeting_time.partition("{time}")
    time_element = '<time dir="ltr" datetime="2022-03-28T14:00:00Z"'
    start = page.index(time_element)
    line = page[start : page.index("\n", start)]
    assert line.endswith("10:00–13:00 EDT</time>" + after.format(city=city))
    assert page[:start].endswith('<p class="time">' + before.format(city=city))
    assert 'data-local-start="2022-03-28T10:00" data-local-end="2022-03-28T13:00"' in line


def test_the_panel_s_link_templates_make_the_server_s_links():
    url = "https://un.example.org/feeds/fr/m/items/5a+5d.ics"
    name = "GTCNL · Points 5(a), 5(d) & « suite »"
    values = {"url": url, "webcal": subscribe.webcal(url), "name": name}

    def fill(template: str) -> str:
        return re.sub(
            r"\{(url|webcal|name)(\|q)?\}",
            lambda m: quote_plus(values[m[1]], safe="") if m[2] else values[m[1]],
            template,
        )

    templates = pages.link_templates()
    made = {key: fill(template) for key, template in templates.items()}
    assert made == {link.key: link.href for link in subscribe.feed_links(url, name)}


def test_the_panel_names_the_agenda_s_order_and_the_path_of_chosen_items(bundled):
    page = _page(bundled, "/ru/oewg-ict-s2/")
    assert 'data-agenda="3 5 5a 5c 5d 5e 5f 5g 6"' in page
    prefix = re.search(r'data-items-prefix="([^"]+)"', page)[1]
    separator = re.search(r'data-items-separator="([^"]+)"', page)[1]
    suffix = re.search(r'data-items-suffix="([^"]+)"', page)[1]
    assert prefix + separator.join(["5a", "6"]) + suffix == urls.items_feed(
        "ru", "oewg-ict-s2", ["6", "5a"], ["3", "5", "5a", "5c", "5d", "5e", "5f", "5g", "6"]
    )
