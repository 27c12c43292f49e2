"""Feeds, pages and JSON travel compressed to clients that accept gzip: the same bytes from
the app's two paths, from the export's `.gz` files under nginx, in every process."""

from __future__ import annotations

import gzip
import hashlib
import subprocess
import sys

import pytest
from test_nginx import _get, site  # noqa: F401  (the nginx serving the export, a fixture)

from conftest import DATA, ROOT
from feeds import catalog, encoding
from feeds.answer import Prepared
from feeds.fastpath import FastFeeds
from feeds.web import create_app

FEED = "/zh/oewg-ict-s2/all.ics"


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        (None, None),
        ("", None),
        ("gzip", "gzip"),
        ("gzip, deflate, br", "gzip"),
        ("br;q=1.0, gzip;q=0.8, *;q=0.1", "gzip"),
        ("x-gzip", "gzip"),
        ("GZIP", "gzip"),
        ("*", "gzip"),
        ("gzip;q=0", None),
        ("gzip;q=0, *", None),
        ("*;q=0", None),
        ("identity", None),
        ("br", None),
        ("gzip;q=nonsense", None),
        ("deflate, gzip;q=0.001", "gzip"),
        (",,,;;;=,gzip", "gzip"),
        ("x" * 10_000 + ",gzip", "gzip"),
        ("a," * 5_000 + "gzip", None),  # past the codings looked at
    ],
)
def test_which_coding_a_client_accepts(header, coding):
    assert encoding.preferred(header) == coding


def test_the_same_body_gives_the_same_gzip_bytes_in_every_process(bundled):
    body = bundled.get(FEED).body
    script = (
        "import sys, hashlib; from feeds import encoding; "
        "print(hashlib.sha256(encoding.compress(sys.stdin.buffer.read(), 'gzip')).hexdigest())"
    )
    others = {
        subprocess.run(
            [sys.executable, "-c", script], input=body, capture_output=True, check=True, cwd=ROOT
        ).stdout.strip()
        for _ in range(2)
    }
    assert others == {hashlib.sha256(encoding.compress(body, "gzip")).hexdigest().encode()}


@pytest.fixture(scope="module")
def app():
    app = create_app({"DATA": str(DATA), "RELOAD_INTERVAL": 3600})
    return app


def _both_paths(app, path: str, headers: dict[str, str]):
    """The answer of the Flask app and of the fast path in front of it, for one request."""
    with app.test_client() as client:
        whole = client.get(path, headers=headers)
    flask_only = app.wsgi_app.app if isinstance(app.wsgi_app, FastFeeds) else app.wsgi_app
    inner = app.test_client()
    saved = app.wsgi_app
    app.wsgi_app = flask_only
    try:
        plain = inner.get(path, headers=headers)
    finally:
        app.wsgi_app = saved
    return whole, plain


@pytest.mark.parametrize(
    "path",
    [
        FEED,
        "/en/oewg-ict-s2/item/5.ics",
        "/en/oewg-ict-s2/programme.json",
        "/ar/oewg-ict-s2/changes.atom",
        "/fr/oewg-ict-s2/",
        "/assets/feeds.css",
    ],
)
def test_a_client_that_accepts_gzip_gets_it_the_same_from_either_path(app, bundled, path):
    resource = bundled.get(path)
    whole, plain = _both_paths(app, path, {"Accept-Encoding": "gzip, deflate, br"})
    for answer in (whole, plain):
        assert answer.status_code == 200
        assert answer.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in answer.headers["Vary"]
        assert gzip.decompress(answer.data) == resource.body
        assert answer.headers["Content-Length"] == str(len(answer.data))
        assert answer.headers["ETag"] == resource.etag[:-1] + '-gzip"'
        # Big feeds and pages shrink most; small files (a stylesheet, an empty Atom feed) less.
        assert len(answer.data) < len(resource.body) * (
            0.34 if len(resource.body) > 10_000 else 0.7
        )
    assert (whole.data, sorted(whole.headers.items())) == (
        plain.data,
        sorted(plain.headers.items()),
    )


def test_each_coding_has_its_own_etag_and_its_own_304(app, bundled):
    resource = bundled.get(FEED)
    with app.test_client() as client:
        zipped = client.get(FEED, headers={"Accept-Encoding": "gzip"})
        plain = client.get(FEED)
        assert plain.headers["ETag"] == resource.etag != zipped.headers["ETag"]
        assert "Content-Encoding" not in plain.headers
        assert plain.headers["Vary"] == "Origin, Accept-Encoding"
        again = client.get(
            FEED, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]}
        )
        assert again.status_code == 304 and again.data == b""
        # The identity ETag names another representation than the gzip one asked for.
        other = client.get(
            FEED, headers={"Accept-Encoding": "gzip", "If-None-Match": resource.etag}
        )
        assert other.status_code == 200 and other.headers["Content-Encoding"] == "gzip"
        head = client.head(FEED, headers={"Accept-Encoding": "gzip"})
        assert head.data == b"" and head.headers["Content-Length"] == str(len(zipped.data))
        widget = client.get(FEED, headers={"Accept-Encoding": "gzip", "Origin": "https://x.org"})
        assert gzip.decompress(widget.data) == resource.utc_body


def test_a_small_answer_is_not_compressed_but_says_it_could_be(app):
    with app.test_client() as client:
        icon = client.get("/assets/icon.svg", headers={"Accept-Encoding": "gzip"})
    assert len(icon.data) < encoding.MIN_SIZE
    assert "Content-Encoding" not in icon.headers
    assert icon.headers["Vary"] == "Accept-Encoding"


def test_the_export_writes_gzip_files_that_nginx_sends_as_the_app_does(site):  # noqa: F811
    base, out = site
    exported = catalog.load([DATA], "http://127.0.0.1")
    checked = 0
    for resource in exported:
        coded = resource.coded("gzip") if resource.compressible else None
        if coded is None:
            continue
        status, headers, body = _get(base + resource.path, **{"Accept-Encoding": "gzip"})
        expected = Prepared(resource, False, 300, coding="gzip").answer("GET")
        assert status == 200, resource.path
        assert body == expected.body, resource.path
        assert headers["Content-Encoding"] == "gzip"
        own = {"etag", "last-modified", "date", "server", "connection", "accept-ranges"}
        served = sorted((k.lower(), v) for k, v in headers.items() if k.lower() not in own)
        wanted = sorted((k.lower(), v) for k, v in expected.headers if k.lower() not in own)
        assert served == wanted, resource.path
        checked += 1
    assert checked > 100
    # The UTC form for web widgets has its gzip form too.
    status, headers, body = _get(
        base + "/en/oewg-ict-s2/all.ics", **{"Accept-Encoding": "gzip", "Origin": "https://x.org"}
    )
    assert gzip.decompress(body) == exported.get("/en/oewg-ict-s2/all.ics").utc_body
    assert (out / "_utc/en/oewg-ict-s2/all.ics.gz").exists()
