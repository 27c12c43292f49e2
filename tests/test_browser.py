"""The meeting page in a real browser (Debian's Chromium, driven by Playwright),
served by the app started exactly as the Procfile says (granian)."""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import threading
import urllib.request

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import sync_playwright

from conftest import DATA, LANGUAGES, ROOT
from server import procfile_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def base():
    with procfile_server(DATA, FEEDS_HOSTS="127.0.0.1:{port}") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


class Console:
    """Every console error and uncaught exception of a page."""

    def __init__(self, page):
        self.errors: list[str] = []
        page.on(
            "console", lambda message: message.type == "error" and self.errors.append(message.text)
        )
        page.on("pageerror", lambda error: self.errors.append(str(error)))


def test_subscribe_links_qr_code_and_language_switch(browser, base):
    context = browser.new_context(timezone_id="Asia/Shanghai", locale="en-GB")
    page = context.new_page()
    console = Console(page)
    page.goto(f"{base}/en/oewg-ict-s2/")
    whole = page.locator("#all")
    host = base.removeprefix("http://")
    assert (
        whole.locator("a.subscribe").get_attribute("href")
        == f"webcal://{host}/en/oewg-ict-s2/all.ics"
    )
    assert (
        whole.locator("a.google")
        .get_attribute("href")
        .startswith("https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F127.0.0.1")
    )
    assert (
        whole.locator("a.outlook")
        .get_attribute("href")
        .startswith("https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2F127.0.0.1")
    )
    assert (
        whole.locator("a.office365")
        .get_attribute("href")
        .startswith("https://outlook.office.com/calendar/0/addfromweb?url=http%3A%2F%2F127.0.0.1")
    )

    # The QR code is what a phone camera reads: the https (here http) address of the feed.
    whole.locator("details.qr summary").click()
    svg = whole.locator("details.qr svg")
    image = Image.open(io.BytesIO(svg.screenshot()))
    (code,) = zxingcpp.read_barcodes(image)
    assert code.text == f"{base}/en/oewg-ict-s2/all.ics"

    # Download .ics gives the feed's bytes.
    with page.expect_download() as download_info:
        whole.locator("a.download").click()
    download = download_info.value
    with urllib.request.urlopen(f"{base}/en/oewg-ict-s2/all.ics") as response:
        assert download.path().read_bytes() == response.read()
    assert download.suggested_filename.endswith(".ics")

    page.locator("nav.languages a[hreflang=zh]").click()
    page.wait_for_url(f"{base}/zh/oewg-ict-s2/")
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.locator("#all h2").inner_text() == "全部会议"
    assert console.errors == []
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
    assert first.locator("time").inner_text() == "10:00–13:00"
    local = first.locator(".local-time")
    local.wait_for(state="visible")
    # 10:00-13:00 in New York on 28 March 2022 is 22:00-01:00 in Shanghai.
    assert "22:00–01:00" in local.inner_text()
    assert local.inner_text().startswith("(Your time: Mon")
    copy = page.locator("#all button.copy")
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{base}/en/oewg-ict-s2/all.ics"
    assert copy.inner_text() == "Copied"
    assert console.errors == []
    context.close()


def test_the_page_works_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/zh/oewg-ict-s2/")
    assert page.locator("article.block").count() == 10
    assert page.locator("#all a.subscribe").is_visible()
    assert page.locator("#all input").input_value() == f"{base}/zh/oewg-ict-s2/all.ics"
    assert not page.locator("#all button.copy").is_visible()
    assert not page.locator(".local-time").first.is_visible()
    page.locator("#item-5d > summary").click()
    assert (
        page.locator("#item-5d a.subscribe")
        .get_attribute("href")
        .endswith("/zh/oewg-ict-s2/item/5d.ics")
    )
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
    address = page.locator("#all input")
    assert address.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert address.evaluate("e => e.scrollLeft") == 0
    assert page.locator("article.block").count() == 10
    assert console.errors == []
    context.close()


@pytest.fixture
def other_site(tmp_path, base):
    """A page on another origin (another port) that embeds the programme."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><title>Delegation site</title><link rel=icon href=data:,>"
        f'<iframe src="{base}/en/oewg-ict-s2/embed" width="600" height="800"></iframe>'
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
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
    assert "16:00–19:00" in frame.locator(".local-time").first.inner_text()
    assert console.errors == []
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
