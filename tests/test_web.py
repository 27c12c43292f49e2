"""The web app, through Flask's test client: every route, header and status."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from email.utils import format_datetime
from pathlib import Path

import pytest

from conftest import DATA, LANGUAGES, ROOT
from feeds import pages
from feeds.export import MARKER
from feeds.urls import export_file, export_utc_file
from feeds.web import create_app

FEED = "/zh/oewg-ict-s2/all.ics"


def _client(data: Path = DATA, **config):
    """The app once its first load ended (before, it answers from single files:
    tests/test_starting.py)."""
    app = create_app({"DATA": str(data), "TESTING": True, **config})
    app.extensions["feeds"].whole(60)
    return app, app.test_client()


@pytest.fixture(scope="module")
def client():
    return _client()[1]


def test_every_path_is_byte_identical_to_the_static_export(tmp_path, client):
    out = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "feeds",
            "build",
            str(out),
            "--data",
            str(DATA),
            "--base-url",
            "http://localhost",
        ],
        check=True,
        cwd=ROOT,
    )
    files = {
        str(p.relative_to(out)): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and p.name != MARKER and p.suffix != ".gz"  # gzip forms: test_compression
    }
    app = create_app({"DATA": str(DATA), "TESTING": True, "BASE_URL": "http://localhost"})
    client = app.test_client()
    paths = [r.path for r in app.extensions["feeds"].whole(60)]
    feeds = [path for path in paths if path.endswith(".ics")]
    assert sorted(files) == sorted(
        [export_file(path) for path in paths] + [export_utc_file(p) for p in feeds]
    )
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.data == files[export_file(path)], path
    for path in feeds:  # what a web widget on another site gets
        response = client.get(path, headers={"Origin": "https://delegation.example"})
        assert response.data == files[export_utc_file(path)], path


def test_web_widgets_get_utc_times_and_calendar_clients_the_meeting_s_zone(client):
    plain = client.get(FEED)
    widget = client.get(FEED, headers={"Origin": "https://delegation.example"})
    assert b"DTSTART;TZID=America/New_York:20220328T100000" in plain.data
    assert b"DTSTART:20220328T140000Z" in widget.data and b"VTIMEZONE" not in widget.data
    assert plain.headers["Vary"] == widget.headers["Vary"] == "Origin, Accept-Encoding"
    assert plain.headers["ETag"] != widget.headers["ETag"]
    again = client.get(
        FEED,
        headers={"Origin": "https://delegation.example", "If-None-Match": widget.headers["ETag"]},
    )
    assert again.status_code == 304


def test_feed_headers(client):
    response = client.get(FEED)
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "public, max-age=300"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert not response.headers["ETag"].startswith("W/")
    assert response.headers["Last-Modified"].endswith(" GMT")
    assert "Content-Disposition" not in response.headers
    json_response = client.get("/en/oewg-ict-s2/programme.json")
    assert json_response.headers["Content-Type"] == "application/json; charset=utf-8"
    assert json_response.headers["Access-Control-Allow-Origin"] == "*"


def test_the_etag_is_the_same_in_every_process(client):
    etag = client.get(FEED).headers["ETag"]
    script = (
        "from feeds.web import create_app; "
        f"app = create_app({{'DATA': {str(DATA)!r}}}); "
        f"print(app.test_client().get({FEED!r}).headers['ETag'])"
    )
    env = {"PYTHONHASHSEED": "7", "PATH": ""}
    other = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    assert other.stdout.strip() == etag


def test_conditional_requests_get_304(client):
    first = client.get(FEED)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    by_etag = client.get(FEED, headers={"If-None-Match": etag})
    assert by_etag.status_code == 304 and by_etag.data == b""
    assert by_etag.headers["ETag"] == etag
    assert client.get(FEED, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(FEED, headers={"If-None-Match": '"stale"'}).status_code == 200
    assert (
        client.get(FEED, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code
        == 200
    )


def test_head_sends_the_headers_without_the_body(client):
    get, head = client.get(FEED), client.head(FEED)
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == get.headers["ETag"]
    assert head.headers["Content-Length"] == str(len(get.data))


def test_the_download_variant_names_the_file(client):
    response = client.get("/zh/oewg-ict-s2/day/2022-03-28.ics?download=1")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="oewg-ict-s2-zh-day-2022-03-28.ics"; '
        "filename*=UTF-8''%E4%BF%A1%E9%80%9A%E6%8A%80%E6%9C%AF%E5%AE%89%E5%85%A8%E5%B7%A5"
        "%E4%BD%9C%E7%BB%84%E7%AC%AC%E4%BA%8C%E5%B1%8A%E4%BC%9A%E8%AE%AE%20%C2%B7%202022%20"
        "%E5%B9%B4%203%20%E6%9C%88%2028%20%E6%97%A5%EF%BC%8C%E6%98%9F%E6%9C%9F%E4%B8%80.ics"
    )
    assert response.data == client.get("/zh/oewg-ict-s2/day/2022-03-28.ics").data


@pytest.mark.parametrize(
    "path",
    [
        "/de/oewg-ict-s2/all.ics",
        "/zh/no-such-meeting/all.ics",
        "/zh/oewg-ict-s2/day/2022-04-02.ics",
        "/zh/oewg-ict-s2/item/7.ics",
        "/zh/oewg-ict-s2/event/apr02-am.ics",
        "/zh/oewg-ict-s2/embed/x",
        "/nope",
        "/nope/",
        "/oewg-ict-s2",
    ],
)
def test_unknown_things_are_404_with_a_link_back(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert response.headers["X-Frame-Options"] == "DENY"
    page = response.data.decode()
    if path.startswith("/zh/oewg-ict-s2/"):
        assert '<a href="/zh/oewg-ict-s2/">返回工作方案</a>' in page
    elif path.startswith("/de/oewg-ict-s2/"):
        # German is not one of the six: the meeting's first language says it lacks it.
        assert '<html lang="zh" dir="ltr">' in page
        assert "本工作方案没有此网址所指语言的版本。" in page
        assert all(f'href="/{lang}/oewg-ict-s2/" hreflang="{lang}"' in page for lang in LANGUAGES)
    else:
        assert '<a href="/">Meetings</a>' in page


def test_healthz_says_the_data_loaded(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.data) == {
        "status": "ok",
        "loaded": True,
        "version": 1,
        "meetings": ["oewg-ict-s2"],
        "problems": 0,
        "files_with_problems": {},
        "fault": None,
    }


def test_invalid_data_at_start_is_a_503_never_a_404(tmp_path, caplog):
    (tmp_path / "bad.yaml").write_text("meeting: {}\n")
    _app, client = _client(tmp_path)
    health = client.get("/healthz")
    assert health.status_code == 503
    body = json.loads(health.data)
    assert body["status"] == "unavailable" and body["loaded"] is False
    missing = ["agenda", "days"] + [
        f"meeting.{key}"
        for key in (
            "id",
            "language",
            "title",
            "short_title",
            "venue",
            "timezone",
            "start",
            "end",
            "status",
        )
    ]
    assert body["problems"] == len(missing)
    assert body["files_with_problems"] == {"bad.yaml": len(missing)}
    logged = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert logged[: len(missing)] == [
        f"{tmp_path / 'bad.yaml'}:1: {key}: missing" for key in missing
    ]
    feed = client.get(FEED)
    assert feed.status_code == 503 and feed.headers["Retry-After"] == "30"


def _wait(app, version: int) -> None:
    assert app.extensions["feeds"].wait_for_generation(version, timeout=20)


def _replace(path: Path, text: str) -> None:
    """Write `path` whole at once, as a deployment does: a look at the folder during a
    write in place could load the finished text under the half-written file's signature,
    and load it again (one version more) at the next look."""
    written = path.with_name(f".{path.name}.new")
    written.write_text(text)
    written.replace(path)


def test_an_edit_is_served_without_a_restart_and_a_bad_edit_keeps_the_last_good(bundled_copy):
    app, client = _client(bundled_copy, RELOAD_INTERVAL=0)
    programme = bundled_copy / "oewg-ict-s2.yaml"
    original = programme.read_text()
    before = client.get("/en/oewg-ict-s2/event/mar31-pm.ics").data
    _replace(
        programme,
        original.replace(
            "id: mar31-pm\n        start: 15:00",
            "id: mar31-pm\n        start: 16:00",
        ),
    )
    _wait(app, 2)
    after = client.get("/en/oewg-ict-s2/event/mar31-pm.ics").data
    assert b"DTSTART;TZID=America/New_York:20220331T160000" in after and after != before
    assert b"SEQUENCE:3" in after  # mar31-pm was at 2
    _replace(programme, original.replace("end: 13:00", "end: 1 pm", 1))
    time.sleep(0.05)
    deadline = time.monotonic() + 20
    while not json.loads(client.get("/healthz").data)["problems"]:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    health = json.loads(client.get("/healthz").data)
    assert health["status"] == "degraded" and health["version"] == 2
    assert health["problems"] == 1
    assert health["files_with_problems"] == {"oewg-ict-s2.yaml": 1}
    assert client.get("/en/oewg-ict-s2/event/mar31-pm.ics").data == after


def test_a_vanished_data_folder_keeps_the_last_good_version(bundled_copy):
    _app, client = _client(bundled_copy, RELOAD_INTERVAL=0)
    before = client.get(FEED).data
    shutil.rmtree(bundled_copy)
    assert client.get(FEED).data == before
    # The folder is looked at behind the requests; a look while it is being removed may
    # first find some of its files gone (problems), before the folder itself.
    deadline = time.monotonic() + 20
    health = json.loads(client.get("/healthz").data)
    while health["fault"] is None and time.monotonic() < deadline:
        time.sleep(0.02)
        health = json.loads(client.get("/healthz").data)
    assert client.get(FEED).data == before
    assert health["status"] == "degraded"
    assert health["fault"] == "the data folder cannot be read"
    assert str(bundled_copy) not in json.dumps(health)


def test_language_negotiation(client):
    english = client.get("/oewg-ict-s2/", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert english.status_code == 302 and english.headers["Location"] == "/en/oewg-ict-s2/"
    chinese = client.get("/oewg-ict-s2/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert chinese.headers["Location"] == "/zh/oewg-ict-s2/"
    for lang in ("fr", "es", "ru", "ar"):
        found = client.get("/oewg-ict-s2/", headers={"Accept-Language": f"{lang};q=0.9, *;q=0.1"})
        assert found.status_code == 302 and found.headers["Location"] == f"/{lang}/oewg-ict-s2/"
    other = client.get("/oewg-ict-s2/", headers={"Accept-Language": "de"})
    assert other.status_code == 200
    for lang in LANGUAGES:
        assert f'href="/{lang}/oewg-ict-s2/"' in other.data.decode()


def test_the_meeting_page_has_every_way_to_subscribe():
    _app, client = _client(HOSTS="localhost")
    page = client.get("/en/oewg-ict-s2/").data.decode()
    # One panel, made for the whole meeting: every action, the address and its QR code.
    panel = page[page.index('<section class="subscribe"') : page.index("</section>")]
    whole = "http://localhost/en/oewg-ict-s2/all.ics"
    assert 'href="webcal://localhost/en/oewg-ict-s2/all.ics"' in panel
    assert f'value="{whole}"' in panel and f'data-copy="{whole}"' in panel
    assert 'href="/en/oewg-ict-s2/all.ics?download=1"' in panel
    assert f"<title>{whole}</title>" in panel  # QR
    assert (
        'href="https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Flocalhost'
        '%2Fen%2Foewg-ict-s2%2Fall.ics"'
    ) in panel
    assert (
        'href="https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2Flocalhost'
        "%2Fen%2Foewg-ict-s2%2Fall.ics&amp;name=OEWG+on+ICTs%2C+2nd+session+%C2%B7+Whole"
        '+meeting"'
    ) in panel
    assert 'href="https://outlook.office.com/calendar/0/addfromweb?url=' in panel
    assert panel.count("<svg") == 1
    # Each day and item: a choice in the panel, and a line of links for a reader without
    # a script, which the programme's links to the panel lead to.
    for key, path in [
        ("day=2022-03-28", "day/2022-03-28.ics"),
        ("item=5d", "item/5d.ics"),
        ("item=6", "item/6.ics"),
    ]:
        assert f'data-path="/en/oewg-ict-s2/{path}"' in panel
        assert f'<li id="subscribe?{key}">' in panel
        assert f'href="webcal://localhost/en/oewg-ict-s2/{path}"' in panel
        assert f'href="/en/oewg-ict-s2/{path}?download=1"' in panel
        assert f'href="#subscribe?{key}"' in page
    assert 'data-agenda="3 5 5a 5c 5d 5e 5f 5g 6"' in panel
    # A session's own copy, apart from the subscriptions, says it does not update.
    assert page.count('class="add"') == 10
    assert page.count("A copy that will not update") == 10
    assert "Google Calendar only every 12 to 24 hours" in page
    assert '<iframe src="http://localhost/en/oewg-ict-s2/embed"' in page.replace(
        "&lt;", "<"
    ).replace("&#34;", '"').replace("&gt;", ">").replace("&quot;", '"')


def test_pages_send_security_headers_and_only_the_embed_page_may_be_framed(client):
    page = client.get("/zh/oewg-ict-s2/")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    embed = client.get("/zh/oewg-ict-s2/embed")
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers


def test_a_configured_base_url_is_used_for_links(tmp_path):
    _app, client = _client(BASE_URL="https://feeds.example.org/")
    page = client.get("/en/oewg-ict-s2/", base_url="http://internal:8000").data.decode()
    assert 'href="webcal://feeds.example.org/en/oewg-ict-s2/all.ics"' in page
    assert "internal" not in page


def test_forwarded_headers_are_trusted_only_when_configured():
    headers = {"X-Forwarded-Host": "feeds.example.org", "X-Forwarded-Proto": "https"}
    _app, trusting = _client(TRUST_PROXY="1", HOSTS="feeds.example.org")
    page = trusting.get("/en/oewg-ict-s2/", headers=headers).data.decode()
    assert 'value="https://feeds.example.org/en/oewg-ict-s2/all.ics"' in page
    _app, plain = _client(HOSTS="feeds.example.org")
    page = plain.get("/en/oewg-ict-s2/", headers=headers).data.decode()
    assert "feeds.example.org" not in page


def test_a_proxy_s_prefix_is_in_every_link_redirect_and_asset():
    headers = {
        "X-Forwarded-Host": "un.example.org",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Prefix": "/feeds",
    }
    _app, client = _client(TRUST_PROXY="1", HOSTS="un.example.org")
    page = client.get("/en/oewg-ict-s2/", headers=headers).data.decode()
    assert 'value="https://un.example.org/feeds/en/oewg-ict-s2/all.ics"' in page
    assert 'href="webcal://un.example.org/feeds/en/oewg-ict-s2/item/5d.ics"' in page
    assert 'href="/feeds/en/oewg-ict-s2/all.ics?download=1"' in page
    assert 'href="/feeds/zh/oewg-ict-s2/"' in page  # the language switcher
    assert 'href="/feeds/assets/feeds.css"' in page and 'src="/feeds/assets/feeds.js"' in page
    assert 'href="/feeds/en/oewg-ict-s2/programme.json"' in page
    assert ' href="/en/' not in page and ' src="/assets' not in page
    chooser = client.get("/oewg-ict-s2/", headers={**headers, "Accept-Language": "en"})
    assert chooser.status_code == 302 and chooser.headers["Location"] == "/feeds/en/oewg-ict-s2/"
    missing = client.get("/en/oewg-ict-s2/item/7.ics", headers=headers).data.decode()
    assert 'href="/feeds/en/oewg-ict-s2/"' in missing
    assert 'href="/feeds/assets/feeds.css"' in missing
    # Without a proxy to trust, the header changes nothing.
    _app, plain = _client()
    assert "/feeds/" not in plain.get("/en/oewg-ict-s2/", headers=headers).data.decode()


def test_a_page_never_takes_its_links_from_an_unlisted_host():
    _app, default = _client()
    response = default.get("/en/oewg-ict-s2/", headers={"Host": "evil.example"})
    assert response.status_code == 200 and b"evil.example" not in response.data
    assert response.headers["Vary"] == "Accept-Encoding"  # the same page whatever the Host
    assert b'value="/en/oewg-ict-s2/all.ics"' in response.data  # links by path
    _app, listed = _client(HOSTS="feeds.example.org")
    response = listed.get("/en/oewg-ict-s2/", headers={"Host": "evil.example"})
    assert (
        b"evil.example" not in response.data and response.headers["Vary"] == "Host, Accept-Encoding"
    )
    response = listed.get("/en/oewg-ict-s2/", headers={"Host": "feeds.example.org"})
    assert b'value="http://feeds.example.org/en/oewg-ict-s2/all.ics"' in response.data


def test_many_hosts_do_not_grow_the_caches():
    app, client = _client(HOSTS="feeds.example.org")
    client.get("/en/oewg-ict-s2/", headers={"Host": "feeds.example.org"})
    qr_codes = pages.qr_svg.cache_info().currsize
    for index in range(300):
        client.get("/en/oewg-ict-s2/", headers={"Host": f"h{index}.example"})
    assert pages.qr_svg.cache_info().currsize == qr_codes
    assert len(app.extensions["feeds"]._pages) <= 2


def test_a_base_url_that_is_not_http_is_refused():
    with pytest.raises(RuntimeError, match="FEEDS_BASE_URL: expected the public address"):
        _client(BASE_URL="javascript:alert(1)//")


@pytest.mark.parametrize(
    ("method", "path", "headers", "status"),
    [
        ("POST", FEED, {}, 405),
        ("GET", "/" + "a" * 3000, {}, 414),
        ("GET", "/nope", {}, 404),
        ("GET", "/oewg-ict-s2/", {"Accept-Language": "en"}, 302),
    ],
)
def test_errors_and_redirects_carry_the_security_headers(method, path, headers, status):
    _app, client = _client(HOSTS="localhost")
    response = client.open(path, method=method, headers=headers)
    assert response.status_code == status
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_last_modified_is_the_newest_block_revision(client, bundled):
    resource = bundled.get(FEED)
    assert client.get(FEED).headers["Last-Modified"] == format_datetime(
        resource.last_modified, usegmt=True
    )


def test_a_host_that_is_not_a_host_name_is_never_reflected(client):
    for _app, listed in (("default", client), _client(HOSTS="feeds.example.org")):
        response = listed.get("/en/oewg-ict-s2/", headers={"Host": "évil.example<script>"})
        assert response.status_code == 200
        assert b"<script>" not in response.data and "évil".encode() not in response.data


def test_overlong_paths_and_queries_are_refused(client):
    assert client.get("/" + "a" * 3000).status_code == 414
    assert client.get("/zh/oewg-ict-s2/all.ics?" + "x=1&" * 1000).status_code == 414


def test_other_methods_are_not_allowed(client):
    assert client.post(FEED).status_code == 405
    assert client.delete("/zh/oewg-ict-s2/").status_code == 405


def test_debug_mode_is_refused_outside_tests(monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.delenv("FEEDS_DEVELOPMENT", raising=False)
    with pytest.raises(RuntimeError, match="refusing to start with debug mode on"):
        create_app({"DATA": str(DATA), "DEBUG": True})


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/zh/..%5c..%5c..%5cetc%5cpasswd",
        "/zh/oewg-ict-s2/..%2f..%2f..%2fdata%2foewg-ict-s2.yaml",
        "/zh/oewg-ict-s2/event/..\\..\\..\\pyproject.toml",
        "/zh/%2e%2e/oewg-ict-s2/all.ics",
        "/data/oewg-ict-s2.yaml",
        "/feeds/web.py",
        "/zh/oewg-ict-s2/%00all.ics",
        "/zh/oewg-ict-s2/all.ics%00.html",
    ],
)
def test_path_traversal_gets_a_clean_404_and_nothing_outside_the_catalog(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404), path
    assert b"root:" not in response.data and b"meeting:" not in response.data
    assert b"[project]" not in response.data and b"create_app" not in response.data


def test_junk_headers_do_not_break_a_feed(client):
    response = client.get(
        FEED,
        headers={
            "If-None-Match": "\x7f\x01junk",
            "If-Modified-Since": "not a date",
            "Origin": "",
            "Accept-Language": ";;;",
        },
    )
    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" in response.data
