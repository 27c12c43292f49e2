"""The shipped nginx configuration serves the export as the app serves the catalog, and
passes to the app the feeds of chosen agenda items, which no export holds."""

from __future__ import annotations

import http.client
import subprocess
import sys
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from conftest import DATA, ROOT
from feeds import catalog
from feeds.answer import NOT_FOUND_MAX_AGE, Prepared
from nginx import nginx_serving
from server import procfile_server


def _export(out) -> None:
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
            "http://127.0.0.1",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "site"
    _export(out)
    with nginx_serving(out) as base:
        yield base, out


@pytest.fixture(scope="module")
def before_the_app(tmp_path_factory):
    """nginx with the export, in front of the app as the Procfile starts it: (nginx, app)."""
    out = tmp_path_factory.mktemp("export") / "site"
    _export(out)
    with procfile_server(DATA) as app, nginx_serving(out, app) as base:
        yield base, app


def _get(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_feeds_with_the_app_s_headers(site):
    base, out = site
    status, headers, body = _get(base + "/zh/oewg-ict-s2/all.ics")
    assert status == 200
    assert body == (out / "zh/oewg-ict-s2/all.ics").read_bytes()
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert headers["Cache-Control"] == "public, max-age=300"
    assert headers["Vary"] == "Origin, Accept-Encoding"
    assert headers["ETag"] and headers["Last-Modified"]
    status, _headers, _body = _get(
        base + "/zh/oewg-ict-s2/all.ics", **{"If-None-Match": headers["ETag"]}
    )
    assert status == 304


def test_web_widgets_get_the_utc_form(site):
    base, out = site
    status, _headers, body = _get(
        base + "/en/oewg-ict-s2/day/2022-03-28.ics", Origin="https://delegation.example"
    )
    assert status == 200
    assert body == (out / "_utc/en/oewg-ict-s2/day/2022-03-28.ics").read_bytes()
    assert b"DTSTART:20220328T140000Z" in body


def test_pages_json_and_unknown_paths(site):
    base, out = site
    status, headers, body = _get(base + "/en/oewg-ict-s2/")
    assert (status, body) == (200, (out / "en/oewg-ict-s2/index.html").read_bytes())
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    status, headers, body = _get(base + "/en/oewg-ict-s2/embed")
    assert (status, body) == (200, (out / "en/oewg-ict-s2/embed.html").read_bytes())
    assert "frame-ancestors *" in headers["Content-Security-Policy"]
    status, headers, _body = _get(base + "/en/oewg-ict-s2/programme.json")
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert _get(base + "/en/oewg-ict-s2/item/7.ics")[0] == 404
    assert _get(base + "/_utc/en/oewg-ict-s2/all.ics")[0] == 404
    assert _get(base + "/.feeds-export")[0] == 404


def test_every_path_of_the_catalog_is_served_with_the_app_s_bytes_and_headers(site):
    """ETag and Last-Modified aside (nginx makes its own from each file), and the
    headers nginx adds of itself, the export answers as the app does."""
    base, _out = site
    own = {"etag", "last-modified", "date", "server", "connection", "accept-ranges"}
    for resource in catalog.load([DATA], "http://127.0.0.1"):
        for origin in ({}, {"Origin": "https://site.example"}):
            status, headers, body = _get(base + resource.path, **origin)
            answer = Prepared(resource, bool(origin), 300).answer("GET")
            assert (status, body) == (200, answer.body), resource.path
            served = sorted((k.lower(), v) for k, v in headers.items() if k.lower() not in own)
            expected = sorted((k.lower(), v) for k, v in answer.headers if k.lower() not in own)
            assert served == expected, resource.path
    status, headers, _body = _get(base + "/en/oewg-ict-s2/item/7.ics")
    assert status == 404
    assert headers["Cache-Control"] == f"public, max-age={NOT_FOUND_MAX_AGE}"


#: Headers each HTTP server adds of itself.
OWN = {"date", "server", "connection", "keep-alive"}


def _raw(base: str, method: str, path: str, headers: dict[str, str]):
    """Status, headers (but the server's own) and body, redirects not followed."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        found = sorted((k.lower(), v) for k, v in response.getheaders() if k.lower() not in OWN)
        return response.status, found, body
    finally:
        connection.close()


def test_feeds_of_chosen_items_are_passed_to_the_app(before_the_app):
    base, app = before_the_app
    paths = [
        "/en/oewg-ict-s2/items/5a+5d.ics",  # a choice: made by the app
        "/zh/oewg-ict-s2/items/3+5+6.ics",
        "/en/oewg-ict-s2/items/5d+5a.ics",  # written otherwise: sent to its address
        "/en/oewg-ict-s2/items/5a.ics",
        "/en/oewg-ict-s2/items/5a+7.ics",  # no such item
    ]
    answered = set()
    for path in paths:
        for extra in ({}, {"Origin": "https://site.example"}, {"Accept-Encoding": "gzip"}):
            for method, query in (("GET", ""), ("HEAD", ""), ("GET", "?download=1")):
                through = _raw(base, method, path + query, extra)
                assert through == _raw(app, method, path + query, extra), (path, extra, query)
                answered.add(through[0])
                etag = dict(through[1]).get("etag")
                if etag:
                    conditional = {**extra, "If-None-Match": etag}
                    assert _raw(base, "GET", path, conditional)[0] == 304
    assert answered == {200, 301, 404}
    status, headers, _body = _raw(base, "GET", "/en/oewg-ict-s2/items/5d+5a.ics?download=1", {})
    assert status == 301
    assert dict(headers)["location"] == "/en/oewg-ict-s2/items/5a+5d.ics?download=1"
    status, headers, body = _raw(base, "GET", "/en/oewg-ict-s2/items/5a+5d.ics", {})
    assert dict(headers)["x-content-type-options"] == "nosniff"
    name = "X-WR-CALNAME:OEWG on ICTs\\, 2nd session · Items 5(a)\\, 5(d)"
    assert name.encode() in body
    # The export's own feeds are still nginx's.
    assert "accept-ranges" in dict(_raw(base, "GET", "/en/oewg-ict-s2/item/5a.ics", {})[1])
