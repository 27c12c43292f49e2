"""The meeting page in a real browser (Debian's Chromium, driven by Playwright),
served by the app started exactly as the Procfile says (granian)."""

from __future__ import annotations

import functools
import html
import http.server
import io
import re
import shutil
import threading
import urllib.request

import icalendar
import pytest
import zxingcpp
from PIL import Image

from conftest import LANGUAGES, ROOT
from helpers import Console

BLOCKS = [
    f"{day}-{part}"
    for day in ("mar28", "mar29", "mar30", "mar31", "apr01")
    for part in ("am", "pm")
]


def _read_qr(svg) -> str:
    """What a phone's camera reads from a QR code on the screen."""
    image = Image.open(io.BytesIO(svg.screenshot()))
    (code,) = zxingcpp.read_barcodes(image)
    return code.text


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_subscribe_links_qr_code_and_language_switch(browser, base):
    context = browser.new_context(timezone_id="Asia/Shanghai", locale="en-GB")
    page = context.new_page()
    console = Console(page)
    page.goto(f"{base}/en/oewg-ict-s2/")
    panel = page.locator("#subscribe")
    host = base.removeprefix("http://")
    assert (
        panel.locator("a.subscribe").get_attribute("href")
        == f"webcal://{host}/en/oewg-ict-s2/all.ics"
    )
    assert (
        panel.locator("a.google")
        .get_attribute("href")
        .startswith("https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F127.0.0.1")
    )
    assert (
        panel.locator("a.outlook")
        .get_attribute("href")
        .startswith("https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2F127.0.0.1")
    )
    assert (
        panel.locator("a.office365")
        .get_attribute("href")
        .startswith("https://outlook.office.com/calendar/0/addfromweb?url=http%3A%2F%2F127.0.0.1")
    )

    # The QR code is what a phone camera reads: the https (here http) address of the feed.
    panel.locator("details.qr summary").click()
    assert _read_qr(panel.locator("details.qr svg")) == f"{base}/en/oewg-ict-s2/all.ics"

    # Download .ics gives the feed's bytes.
    with page.expect_download() as download_info:
        panel.locator("a.download").click()
    download = download_info.value
    assert download.path().read_bytes() == _get(f"{base}/en/oewg-ict-s2/all.ics")[1]
    assert download.suggested_filename.endswith(".ics")

    # Two agenda items: one calendar of both, its code redrawn for its address.
    panel.locator("input[name=follow][value=items]").check()
    panel.locator("input[name=item][value='5d']").check()
    panel.locator("input[name=item][value='5a']").check()
    chosen = f"{base}/en/oewg-ict-s2/items/5a+5d.ics"
    assert panel.locator(".chosen").inner_text() == "Calendar: Items 5(a), 5(d)"
    assert panel.locator("input[type=text]").input_value() == chosen
    assert panel.locator("a.subscribe").get_attribute("href") == "webcal://" + chosen.split("//")[1]
    assert _read_qr(panel.locator("details.qr svg")) == chosen
    assert page.evaluate("location.hash") == "#subscribe?item=5a+5d"

    page.locator("nav.languages a[hreflang=zh]").click()
    page.wait_for_url(f"{base}/zh/oewg-ict-s2/")
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.locator("#subscribe h2").inner_text() == "订阅到您的日历"
    assert console.errors == []
    context.close()


def test_the_calendar_of_chosen_items_holds_their_sessions(browser, base):
    """The address the panel gives for several items is a feed (served by the app)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/fr/oewg-ict-s2/#subscribe?item=6+5a")
    address = page.locator("#subscribe input[type=text]").input_value()
    assert address == f"{base}/fr/oewg-ict-s2/items/5a+6.ics"  # in the agenda's order
    status, body = _get(address)
    assert status == 200
    uids = [str(event["UID"]) for event in icalendar.Calendar.from_ical(body).walk("VEVENT")]
    assert uids == [f"oewg-ict-s2.{block}@meeting-feeds" for block in ("mar29-am", "apr01-pm")]
    with page.expect_download() as download_info:
        page.locator("#subscribe a.download").click()
    assert download_info.value.path().read_bytes() == body
    context.close()


def test_the_panel_makes_the_same_links_as_the_server(browser, base):
    """For each day and item, the script's links are those the server writes for a reader
    without a script: the services' URL schemes live in one place."""
    served = _get(f"{base}/es/oewg-ict-s2/")[1].decode()
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/es/oewg-ict-s2/")
    panel = page.locator("#subscribe")
    rows = re.findall(r'<li id="subscribe\?(\w+)=([\w-]+)">(.*?)</li>', served, re.S)
    assert len(rows) == 5 + 9
    for kind, key, row in rows:
        page.locator(f"a.follow[href='#subscribe?{kind}={key}']").first.click()
        made = {
            link.get_attribute("class").split()[-1]: link.get_attribute("href")
            for link in panel.locator(".buttons a").all()
        }
        written = {
            name: html.unescape(href)
            for name, href in re.findall(r'<a class="(\w+)" href="([^"]+)"', row)
        }
        assert made == written, (kind, key)
    context.close()


def test_times_in_the_reader_s_own_zone_and_the_copy_button(browser, base):
    context = browser.new_context(
        timezone_id="Asia/Shanghai",
        locale="en-GB",
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = context.new_page()
    console = Console(page)
    page.goto(f"{base}/en/oewg-ict-s2/")
    first = page.locator("article.block").first
    assert first.locator("p.time").inner_text().startswith("10:00–13:00 EDT, New York")
    local = first.locator(".local-time")
    # 10:00-13:00 in New York on 28 March 2022 is 22:00-01:00 (the next day) in Shanghai.
    assert local.inner_text() == "Your time (GMT+8): 22:00–01:00+1"
    assert local.locator(".next-day").get_attribute("title") == "next day"
    # 15:00-18:00 is 03:00-06:00 on Tuesday in Shanghai: the reader's date is given.
    second = page.locator("article.block").nth(1).locator(".local-time")
    assert second.inner_text() == "Your time (GMT+8): Tue, Mar 29 03:00–06:00"
    copy = page.locator("#subscribe button.copy")
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{base}/en/oewg-ict-s2/all.ics"
    assert copy.inner_text() == "Copied"
    assert console.errors == []
    context.close()


@pytest.mark.parametrize(("lang", "expected"), [("zh", "您的时间（GMT+8）：22:00–01:00+1")])
def test_the_reader_s_time_reads_in_the_page_s_language(browser, base, lang, expected):
    context = browser.new_context(timezone_id="Asia/Shanghai", locale="en-US")
    page = context.new_page()
    page.goto(f"{base}/{lang}/oewg-ict-s2/")
    assert page.locator(".local-time").first.inner_text() == expected
    context.close()


def test_the_page_works_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/zh/oewg-ict-s2/")
    assert page.locator("article.block").count() == 10
    panel = page.locator("#subscribe")
    assert panel.locator("a.subscribe").first.is_visible()
    assert panel.locator("input[type=text]").input_value() == f"{base}/zh/oewg-ict-s2/all.ics"
    assert not panel.locator("button.copy").is_visible()
    assert not panel.locator("fieldset.choose").is_visible()
    assert not page.locator(".local-time").first.is_visible()
    # An item's number in the programme leads to that item's own line of links.
    page.locator("#mar28-am a.follow[href='#subscribe?item=5d']").click()
    row = page.locator("[id='subscribe?item=5d']")
    assert row.evaluate("e => e.matches(':target')")
    assert -1 < row.bounding_box()["y"] < 844  # scrolled to it, to a fraction of a pixel
    assert row.locator("a.subscribe").get_attribute("href").endswith("/zh/oewg-ict-s2/item/5d.ics")
    assert (
        row.locator("a.download").get_attribute("href") == "/zh/oewg-ict-s2/item/5d.ics?download=1"
    )
    page.locator("#day-2022-03-30 h3 a.follow").click()
    day = page.locator("[id='subscribe?day=2022-03-30']")
    assert day.locator("a.google").get_attribute("href").endswith("day%2F2022-03-30.ics")
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_s_page_fits_a_phone_and_arabic_reads_right_to_left(browser, base, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id="UTC")
    page = context.new_page()
    console = Console(page)
    page.goto(f"{base}/{lang}/oewg-ict-s2/")
    # Six language names fit on a phone: none is pushed off either edge.
    for box in [link.bounding_box() for link in page.locator("nav.languages > *").all()]:
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (lang, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    direction = "rtl" if lang == "ar" else "ltr"
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    # The session's bar is on the side the text starts from.
    bar = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('article.block'));"
        " return [s.borderLeftWidth, s.borderRightWidth]; })()"
    )
    assert bar == (["0px", "4px"] if lang == "ar" else ["4px", "0px"])
    # A feed's address is read from its start, "http://", in every language.
    address = page.locator("#subscribe input[type=text]")
    assert address.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert address.evaluate("e => e.scrollLeft") == 0
    assert page.locator("article.block").count() == 10
    assert console.errors == []
    context.close()


def test_the_qr_codes_the_page_draws_read_back_at_every_size(browser, base):
    """The panel draws its QR codes itself, for any address: each version a phone reads."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/en/oewg-ict-s2/")
    addresses = [f"{base}/en/oewg-ict-s2/items/" + "+".join(["5a"] * n) + ".ics" for n in (1, 9)]
    addresses += ["https://feeds.example.org/" + "x" * n for n in range(0, 2300, 97)]
    matrices = page.evaluate("urls => urls.map(url => feedsQR.matrix(url))", addresses)
    versions = set()
    for address, rows in zip(addresses, matrices, strict=True):
        size = len(rows)
        versions.add((size - 17) // 4)
        image = Image.new("L", ((size + 8) * 4,) * 2, 255)
        for r, row in enumerate(rows):
            for c, dark in enumerate(row):
                if dark:
                    image.paste(0, ((c + 4) * 4, (r + 4) * 4, (c + 5) * 4, (r + 5) * 4))
        (code,) = zxingcpp.read_barcodes(image)
        assert code.text == address
    assert len(versions) >= 20 and max(versions) == 40
    context.close()


def test_a_language_the_meeting_lacks_is_said_in_that_language(browser, base):
    context = browser.new_context()
    page = context.new_page()
    console = Console(page)
    response = page.goto(f"{base}/de/oewg-ict-s2/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "zh"  # the meeting's first language
    assert page.locator("p.missing-language").inner_text() == "本工作方案没有此网址所指语言的版本。"
    console.errors.clear()  # the browser's word on the 404 itself
    page.locator("ul.choices a[hreflang=ar]").click()
    page.wait_for_url(f"{base}/ar/oewg-ict-s2/")
    assert console.errors == []
    context.close()


def _embedding_site(tmp_path, base, body: str):
    """A page on another origin (another port), served until the fixture ends."""
    (tmp_path / "index.html").write_text(
        f"<!doctype html><title>Delegation site</title><link rel=icon href=data:,>{body}"
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture
def other_site(tmp_path, base, browser):
    """A page on another origin that embeds the programme with the snippet the meeting's
    page gives, as a delegation's web editor would paste it."""
    page = browser.new_page()
    page.goto(f"{base}/en/oewg-ict-s2/")
    snippet = page.locator("#embed pre").inner_text()
    page.close()
    server = _embedding_site(tmp_path, base, f"<p>Our delegation's page</p>{snippet}<p>End</p>")
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_embed_page_in_an_iframe_of_another_site(browser, other_site):
    context = browser.new_context(timezone_id="Europe/Zurich")
    page = context.new_page()
    console = Console(page)
    page.goto(other_site)
    frame = page.frame_locator("iframe")
    frame.locator(".local-time").first.wait_for(state="visible")
    assert frame.locator("ul.compact li").count() == 10
    # 10:00 in New York on 28 March 2022 is 16:00 in Geneva (both on summer time).
    assert frame.locator("li time").first.inner_text() == "10:00–13:00 EDT"
    assert "16:00–19:00" in frame.locator(".local-time").first.inner_text()
    # The frame is as tall as the programme in it: no scroll bar, no empty space.
    inner = frame.locator("html").evaluate("e => Math.ceil(e.getBoundingClientRect().height)")
    page.wait_for_function(
        "h => Math.abs(document.querySelector('iframe').getBoundingClientRect().height - h) <= 1",
        arg=inner,
    )
    assert inner > 600
    # A narrower frame makes a taller programme, and the frame follows.
    page.set_viewport_size({"width": 360, "height": 800})
    page.wait_for_function(
        "h => document.querySelector('iframe').getBoundingClientRect().height > h", arg=inner
    )
    # A message from anyone but the programme's site changes nothing.
    height = page.evaluate("document.querySelector('iframe').style.height")
    page.evaluate("window.postMessage({type: 'meeting-feeds:height', height: 5}, '*')")
    page.wait_for_timeout(100)
    assert page.evaluate("document.querySelector('iframe').style.height") == height
    assert console.errors == []
    context.close()


@pytest.mark.parametrize(
    ("now", "first", "mark", "earlier"),
    [
        ("2022-03-29T15:00:00Z", "mar29-am", "Now", ["mar28-am", "mar28-pm"]),
        ("2022-03-29T18:00:00Z", "mar29-pm", "Next", ["mar28-am", "mar28-pm", "mar29-am"]),
        ("2022-03-01T12:00:00Z", "mar28-am", None, []),  # before the meeting: its own order
    ],
)
def test_the_embed_shows_the_next_sessions_first_during_the_meeting(
    browser, base, now, first, mark, earlier
):
    context = browser.new_context(timezone_id="Europe/Zurich")
    page = context.new_page()
    page.clock.set_fixed_time(now)
    page.goto(f"{base}/en/oewg-ict-s2/embed")
    sessions = page.locator("ul.compact li")
    assert sessions.first.get_attribute("id") == first
    if mark:
        assert sessions.first.locator(".upcoming").inner_text() == mark
    assert [li.get_attribute("id") for li in page.locator(".earlier li").all()] == earlier
    # Every session is still there, once.
    assert sorted(li.get_attribute("id") for li in sessions.all()) == sorted(BLOCKS)
    context.close()


FULLCALENDAR_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>A delegation's website</title>
<link rel="icon" href="data:,">
<script src="ical.js"></script>
<script src="core.js"></script>
<script src="daygrid.js"></script>
<script src="timegrid.js"></script>
<script src="icalendar.js"></script>
</head><body><div id="calendar"></div>
<script>
  window.calendar = new FullCalendar.Calendar(document.getElementById("calendar"), {
    initialView: "timeGridWeek", initialDate: "2022-03-28", timeZone: "local",
    eventTimeFormat: { hour: "2-digit", minute: "2-digit", hour12: false },
    events: { url: "FEED", format: "ics" },
  });
  window.calendar.render();
</script></body></html>
"""


@pytest.fixture
def fullcalendar_site(tmp_path, base):
    """Another origin whose page shows our feed with FullCalendar's iCalendar plugin."""
    modules = ROOT / "tests" / "clients" / "node_modules"
    bundles = {
        "ical.js": modules / "ical.js" / "build" / "ical.js",
        "core.js": modules / "@fullcalendar" / "core" / "index.global.js",
        "daygrid.js": modules / "@fullcalendar" / "daygrid" / "index.global.js",
        "timegrid.js": modules / "@fullcalendar" / "timegrid" / "index.global.js",
        "icalendar.js": modules / "@fullcalendar" / "icalendar" / "index.global.js",
    }
    for name, source in bundles.items():
        shutil.copy(source, tmp_path / name)
    page = FULLCALENDAR_PAGE.replace("FEED", f"{base}/en/oewg-ict-s2/all.ics")
    (tmp_path / "index.html").write_text(page)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


# In Shanghai the sessions run past midnight: the week view shows the part before it.
@pytest.mark.parametrize(
    ("zone", "first"), [("Europe/Zurich", "16:00 - 19:00"), ("Asia/Shanghai", "22:00 - 00:00")]
)
def test_fullcalendar_on_another_site_shows_the_ten_sessions_at_the_right_times(
    browser, fullcalendar_site, zone, first
):
    context = browser.new_context(timezone_id=zone, locale="en-GB")
    page = context.new_page()
    console = Console(page)
    page.goto(fullcalendar_site)
    page.locator(".fc-event").first.wait_for()
    starts = page.evaluate(
        "window.calendar.getEvents().map(e => [e.id || e.extendedProps.uid || e.title,"
        " e.start.toISOString(), e.end.toISOString()])"
    )
    assert sorted((start, end) for _title, start, end in starts) == [
        (f"2022-{d}T{h}:00:00.000Z", f"2022-{d}T{h2}:00:00.000Z")
        for d in ("03-28", "03-29", "03-30", "03-31", "04-01")
        for h, h2 in (("14", "17"), ("19", "22"))
    ]
    assert page.locator(".fc-event-time").first.inner_text() == first
    assert (
        "OEWG on ICTs, 2nd session: Opening of the session"
        in page.locator(".fc-event").first.inner_text()
    )
    assert console.errors == []
    context.close()
