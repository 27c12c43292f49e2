"""The shipped nginx configuration serves the export as the app serves the catalog."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from conftest import DATA, ROOT
from feeds import catalog
from feeds.answer import NOT_FOUND_MAX_AGE, Prepared
from nginx import nginx_serving


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "site"
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
    with nginx_serving(out) as base:
        yield base, out


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
