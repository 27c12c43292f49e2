"""The meeting page as delegates read it: every language on a phone (Android, touch) and on
a desktop, in three time zones; and the front page in every language on a phone; in Debian's
Chromium, served as the Procfile says.

Each (language, size, zone) of the meeting page and each front page leaves a screenshot of
the whole page in test-artifacts/screens/ (FEEDS_SCREENS names another folder), for a person
to look at after a run.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import DATA, LANGUAGES, ROOT
from feeds import i18n
from helpers import Console

MEETING = "oewg-ict-s2"
ZONES = ("Asia/Shanghai", "Europe/Zurich", "America/New_York")
ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "user_agent": ANDROID,
}
SIZES = {"phone": PHONE, "desktop": {"viewport": {"width": 1280, "height": 900}}}
SCREENS = Path(os.environ.get("FEEDS_SCREENS") or ROOT / "test-artifacts" / "screens")
#: Words in Latin letters that a page in another script may show: names of products and
#: formats, time zone abbreviations, and the letters of sub-items, `(d)`.
LATIN_ALLOWED = {
    "Google",
    "Outlook",
    "com",
    "Microsoft",
    "Apple",
    "Thunderbird",
    "Android",
    "webcal",
    "QR",
    "ics",
    "Atom",
    "programme",
    "json",
    "EDT",
    "EST",
    "GMT",
    "UTC",
}


def _programme() -> dict:
    return yaml.safe_load((DATA / f"{MEETING}.yaml").read_text())


def _clock(value) -> time:
    """A time as the YAML file gives it: `10:00` (a string) or minutes past midnight."""
    if isinstance(value, int):
        return time(value // 60, value % 60)
    return time.fromisoformat(str(value))


def reader_times(zone: str) -> dict[str, tuple[date, date, str, int] | None]:
    """Each block's times on the reader's clock, worked out here from the programme file
    with the zone database (not with the package): the meeting's date, the reader's,
    `22:00–01:00`, and how many days after the start the end falls; None where the reader's
    clock is the meeting's."""
    programme = _programme()
    meeting_zone = ZoneInfo(programme["meeting"]["timezone"])
    reader = ZoneInfo(zone)
    found = {}
    for day in programme["days"]:
        on = day["date"] if isinstance(day["date"], date) else date.fromisoformat(day["date"])
        for block in day["blocks"]:
            start = datetime.combine(on, _clock(block["start"]), meeting_zone)
            end = datetime.combine(on, _clock(block["end"]), meeting_zone)
            here_start, here_end = start.astimezone(reader), end.astimezone(reader)
            if (here_start.replace(tzinfo=None), here_end.replace(tzinfo=None)) == (
                start.replace(tzinfo=None),
                end.replace(tzinfo=None),
            ):
                found[block["id"]] = None
                continue
            found[block["id"]] = (
                on,
                here_start.date(),
                f"{here_start:%H:%M}–{here_end:%H:%M}",
                (here_end.date() - here_start.date()).days,
            )
    return found


def _english_ui() -> set[str]:
    """Every word the pages add in English that the other languages say otherwise."""
    english = i18n.words("en")
    strings = set()
    for name in ("subscribe", "copy", "download", "feed_address", "by_day", "agenda", "embed"):
        strings.add(getattr(english, name))
    strings.add(english.meetings)
    for table in (i18n.page_words("en"), i18n.front_words("en")):
        for field in table.__dataclass_fields__:
            strings.add(getattr(table, field).split("{")[0].strip())
    return {text for text in strings if len(text) > 3}


ENGLISH_UI = _english_ui()


def _untranslated(text: str) -> list[str]:
    """Words in Latin letters that are neither names nor allowed codes."""
    text = re.sub(r"https?://\S+", "", text)
    text = re.sub(r"\b[A-Z]+(?:/[A-Za-z0-9.]+)+", "", text)  # document symbols: A/RES/75/240
    return [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in LATIN_ALLOWED]


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_in_each_language_size_and_time_zone(browser, base, lang, size, zone):
    context = browser.new_context(timezone_id=zone, **SIZES[size])
    page = context.new_page()
    console = Console(page)
    page.goto(f"{base}/{lang}/{MEETING}/")
    pw = i18n.page_words(lang)
    city = _programme()["meeting"]["city"][lang]
    expected = reader_times(zone)
    shown = page.evaluate(
        """() => [...document.querySelectorAll("article.block")].map(block => {
            const text = selector => {
                const found = block.querySelector(selector);
                return found && found.checkVisibility() ? found.innerText : null;
            };
            const mark = block.querySelector(".next-day");
            return {
                id: block.id, time: text("p.time time"), line: text("p.time"),
                local: text(".local-time"), hours: text(".reader-hours"),
                day: text(".reader-day"), mark: mark && [mark.innerText, mark.title],
            };
        })"""
    )
    assert [block["id"] for block in shown] == list(expected)
    for block, reader in zip(shown, expected.values(), strict=True):
        # The meeting's time, with its zone's abbreviation and its city, in every case.
        assert re.fullmatch(r"1[05]:00–1[38]:00 EDT", block["time"])
        assert city in block["line"]
        if reader is None:  # the reader's clock is the meeting's: nothing twice
            assert block["local"] is None
            continue
        on, reader_day, hours, later = reader
        assert block["hours"] == hours
        assert block["local"].startswith(pw.reader_time.split("{")[0].strip())
        assert block["mark"] == ([f"+{later}", pw.next_day] if later else None)
        if reader_day != on:
            assert str(reader_day.day) in block["day"]
        else:
            assert block["day"] is None
    # As the reader first sees it, before the menus are opened below.
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"{lang}-{size}-{zone.replace('/', '-')}.png", full_page=True)
    # Right to left in Arabic; times and addresses read left to right in every language.
    direction = "rtl" if lang == "ar" else "ltr"
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    for selector in ("p.time time", "#subscribe input[type=text]", "a.follow"):
        found = page.locator(selector).first
        assert found.evaluate("e => getComputedStyle(e).direction") == "ltr", selector
    if zone != "America/New_York":
        hours = page.locator(".reader-hours").first
        assert hours.evaluate("e => getComputedStyle(e).direction") == "ltr"
    if lang in ("zh", "ar", "ru"):
        shown = page.evaluate(
            """() => {
                document.querySelectorAll("details").forEach(d => { d.open = true; });
                // Code to copy, and each language's name in that language, aside.
                const aside = document.querySelectorAll("#embed pre, nav.languages");
                aside.forEach(e => { e.hidden = true; });
                const text = document.body.innerText;
                aside.forEach(e => { e.hidden = false; });
                const titles = [...document.querySelectorAll("[title]")].map(e => e.title);
                return [text, ...titles].join("\\n");
            }"""
        )
        assert [text for text in ENGLISH_UI if text in shown] == [], lang
        assert _untranslated(shown) == [], lang
    if size == "phone":
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert console.errors == []
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_from_the_top_two_taps_lead_to_an_item_s_calendar(browser, base, lang):
    context = browser.new_context(timezone_id="Europe/Zurich", **PHONE)
    page = context.new_page()
    console = Console(page)
    page.goto(f"{base}/{lang}/{MEETING}/")
    assert page.evaluate("scrollY") == 0
    page.locator("nav.jump a[href='#agenda']").tap()
    page.locator("#agenda a.follow[href='#subscribe?item=5d']").tap()
    panel = page.locator("#subscribe")
    assert abs(panel.bounding_box()["y"]) < 1  # at the top of the screen
    label = i18n.items_label(lang, ["5(d)"])
    assert panel.locator(".chosen").inner_text() == i18n.page_words(lang).chosen.format(feed=label)
    assert panel.locator("input[name=item][value='5d']").is_checked()
    address = f"{base}/{lang}/{MEETING}/item/5d.ics"
    assert panel.locator("input[type=text]").input_value() == address
    assert page.evaluate("location.hash") == "#subscribe?item=5d"
    # The item's number in the day's programme leads there too, in one tap.
    page.goto(f"{base}/{lang}/{MEETING}/")
    page.locator("#mar30-am a.follow[href='#subscribe?item=5f']").tap()
    assert abs(panel.bounding_box()["y"]) < 1
    assert panel.locator("input[type=text]").input_value() == address.replace("5d", "5f")
    # And a day's heading to that day's calendar.
    page.locator("#day-2022-03-31 h3 a.follow").tap()
    assert panel.locator("select[name=day]").input_value() == "2022-03-31"
    assert panel.locator("input[type=text]").input_value().endswith("/day/2022-03-31.ics")
    assert console.errors == []
    context.close()


@pytest.mark.parametrize(("device", "first"), [("android", "google"), ("desktop", "subscribe")])
def test_the_first_action_is_one_that_works_on_the_device(browser, base, device, first):
    options = PHONE if device == "android" else SIZES["desktop"]
    context = browser.new_context(
        timezone_id="Asia/Shanghai", permissions=["clipboard-read", "clipboard-write"], **options
    )
    page = context.new_page()
    console = Console(page)
    page.goto(f"{base}/en/{MEETING}/#subscribe?item=5a+5d")
    panel = page.locator("#subscribe")
    actions = panel.locator(".buttons > :visible")
    classes = [action.get_attribute("class").split()[-1] for action in actions.all()]
    if device == "android":
        # webcal: opens nothing in Chrome on Android: Google Calendar, then the address.
        assert classes == ["google", "copy", "outlook", "office365", "download"]
        assert panel.locator("p.android").is_visible()
        assert panel.locator("a.subscribe").is_hidden()
    else:
        assert classes == ["subscribe", "google", "outlook", "office365", "copy", "download"]
        assert panel.locator("p.android").is_hidden()
    assert classes[0] == first
    # The first action is the one that stands out.
    colours = [
        action.evaluate("e => getComputedStyle(e).backgroundColor") for action in actions.all()
    ]
    assert colours[0] != colours[1]
    chosen = f"{base}/en/{MEETING}/items/5a+5d.ics"
    google = panel.locator("a.google").get_attribute("href")
    assert google.startswith("https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F")
    assert google.endswith("%2Fen%2Foewg-ict-s2%2Fitems%2F5a%2B5d.ics")
    panel.locator("button.copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == chosen
    assert console.errors == []
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_session_s_one_off_copy_is_labelled_apart_from_the_subscriptions(browser, base, lang):
    context = browser.new_context(timezone_id="UTC", **PHONE)
    page = context.new_page()
    page.goto(f"{base}/{lang}/{MEETING}/")
    pw = i18n.page_words(lang)
    menu = page.locator("#mar29-am details.add")
    assert menu.locator("summary").inner_text() == pw.one_off
    assert menu.locator(".one-off-note").is_hidden()
    menu.locator("summary").tap()
    assert menu.locator(".one-off-note").inner_text() == pw.one_off_note
    ics = menu.locator("a.one-off-ics").get_attribute("href")
    assert ics == f"/{lang}/{MEETING}/event/mar29-am.ics?download=1"
    assert (
        menu.locator("a.one-off-google")
        .get_attribute("href")
        .startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&")
    )
    # The subscribe panel offers no one-off copy, and no session offers a subscription.
    assert page.locator("#subscribe a[href*='/event/']").count() == 0
    assert page.locator("article.block a[href^='webcal:']").count() == 0
    assert page.locator("details.add").count() == 10
    context.close()


def _shown_in_the_page_s_language(page) -> str:
    """The page's text, its titles and labels, without what is marked as written in another
    language (the languages' own names, a title the page's language lacks)."""
    return page.evaluate(
        """() => {
            const own = document.documentElement.lang;
            const other = [...document.body.querySelectorAll("[lang]")]
                .filter(e => e.lang !== own);
            other.forEach(e => { e.hidden = true; });
            const text = document.body.innerText;
            other.forEach(e => { e.hidden = false; });
            const labels = [...document.querySelectorAll("[title], [aria-label]")]
                .filter(e => !other.some(o => o.contains(e)))
                .map(e => e.title || e.getAttribute("aria-label"));
            return [document.title, text, ...labels].join("\\n");
        }"""
    )


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_front_page_in_each_language_on_a_phone(browser, base, lang):
    context = browser.new_context(timezone_id="Europe/Zurich", **PHONE)
    page = context.new_page()
    console = Console(page)
    page.goto(f"{base}/{lang}/")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / f"front-{lang}-phone.png", full_page=True)
    direction = "rtl" if lang == "ar" else "ltr"
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    assert page.locator("h1").inner_text() == i18n.words(lang).meetings
    # The meeting's page in this language is one tap away; the other front pages too.
    title = _programme()["meeting"]["title"][lang]
    assert page.get_by_role("link", name=title).get_attribute("href") == f"/{lang}/{MEETING}/"
    switch = page.locator("nav.languages a")
    assert switch.count() == 5
    assert page.locator("nav.languages strong").inner_text() == i18n.words(lang).name
    if lang in ("zh", "ar", "ru"):
        shown = _shown_in_the_page_s_language(page)
        assert [text for text in ENGLISH_UI if text in shown] == [], lang
        assert _untranslated(shown) == [], lang
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert console.errors == []
    context.close()


@pytest.mark.parametrize(
    ("locale", "arrives"),
    [("ar-EG", "/ar/"), ("zh-CN", "/zh/"), ("ru-RU", "/ru/"), ("es-MX", "/es/"), ("de-DE", "/")],
)
def test_the_root_opens_the_front_page_in_the_reader_s_language(browser, base, locale, arrives):
    context = browser.new_context(timezone_id="Europe/Zurich", locale=locale, **PHONE)
    page = context.new_page()
    console = Console(page)
    page.goto(f"{base}/")
    assert page.url == f"{base}{arrives}"
    if arrives == "/":
        # A reader of none of the six: the meetings in every language, and the six to choose.
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENS / "front-root-phone.png", full_page=True)
        choices = page.locator("nav.languages a")
        assert [choices.nth(n).get_attribute("href") for n in range(choices.count())] == [
            f"/{lang}/" for lang in i18n.LANGUAGES
        ]
        choices.filter(has_text=i18n.words("fr").name).tap()
        page.wait_for_url(f"{base}/fr/")
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert console.errors == []
    context.close()
