"""The shipped nginx configuration serves the export as the app serves the catalog."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from conftest import DATA, ROOT
from feeds import catalog
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
    assert headers["Vary"] == "Origin"
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


def test_every_path_of_the_catalog_is_served_with_its_bytes_and_media_type(site):
    base, _out = site
    for resource in catalog.load([DATA], "http://127.0.0.1"):
        status, headers, body = _get(base + resource.path)
        assert (status, body) == (200, resource.body), resource.path
        assert headers["Content-Type"] == resource.media_type, resource.path
        if resource.utc_body is not None:
            status, _headers, body = _get(base + resource.path, Origin="https://site.example")
            assert (status, body) == (200, resource.utc_body), resource.path
