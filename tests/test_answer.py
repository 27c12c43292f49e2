"""The server as the Procfile starts it and the Flask app alone give the same answers.

Feeds (and, with a configured address, pages) are answered by the plain-WSGI
fast path, feeds of chosen agenda items too; everything else by Flask. Both go
through `feeds.answer`; this test holds them to the same status, headers and
bytes for every path of the catalog and for feeds of chosen agenda items, with
and without Origin, for GET, HEAD, downloads and conditional requests, and for
redirects and unknown paths.
"""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import pytest

from conftest import DATA
from feeds import catalog
from feeds.fastpath import FastFeeds
from feeds.web import create_app
from server import procfile_server

ORIGIN = "https://delegation.example"
#: Headers the HTTP server itself adds to every answer, whatever the app says.
SERVER_HEADERS = {"date", "server", "connection", "keep-alive"}
UNKNOWN = [
    "/nope",
    "/nope/",
    "/en/oewg-ict-s2/item/7.ics",
    "/xx/oewg-ict-s2/",
    "/assets/x.css",
    "/en/oewg-ict-s2/items/5a+7.ics",
    "/en/oewg-ict-s2/items/5a+5d",
]
#: Feeds of agenda items chosen by a reader, at their canonical paths: rendered when asked for.
CHOSEN = [
    "/en/oewg-ict-s2/items/5a+5d.ics",
    "/zh/oewg-ict-s2/items/3+5+6.ics",
    "/ar/oewg-ict-s2/items/5c+5g.ics",
]
#: Other ways of writing a choice, sent to its canonical path (or to the item's own feed).
MOVED = ["/en/oewg-ict-s2/items/5d+5a.ics", "/fr/oewg-ict-s2/items/5a.ics"]


def _requests(paths: list[str], first: dict[str, tuple[str, str]]) -> list[tuple]:
    """(method, path, headers) for every case; `first` gives each (path, origin) its
    ETag and Last-Modified, from a plain GET."""
    cases = []
    for path in paths:
        for origin in ({}, {"Origin": ORIGIN}):
            cases += [
                ("GET", path, origin),
                ("HEAD", path, origin),
                ("GET", path + "?download=1", origin),
                ("HEAD", path + "?download=1", origin),
                ("GET", path + "?download=0", origin),
                ("GET", path + "?utm_source=x", origin),
                ("GET", path, {**origin, "Host": "evil.example<script>"}),
            ]
            validators = first.get((path, bool(origin)))
            if validators is None:
                continue
            etag, modified = validators
            cases += [
                ("GET", path, {**origin, "If-None-Match": etag}),
                ("HEAD", path, {**origin, "If-None-Match": f'W/{etag}, "other"'}),
                ("GET", path, {**origin, "If-None-Match": etag.strip('"')}),  # not an ETag
                (
                    "GET",
                    path,
                    {**origin, "If-None-Match": '"other"', "If-Modified-Since": modified},
                ),
                ("GET", path, {**origin, "If-Modified-Since": modified}),
                ("GET", path, {**origin, "If-Modified-Since": modified.removesuffix(" GMT")}),
                ("GET", path, {**origin, "If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"}),
                ("GET", path, {**origin, "If-Modified-Since": "yesterday"}),
            ]
    return cases


def _normal(headers) -> list[tuple[str, str]]:
    return sorted(
        (name.lower(), value) for name, value in headers if name.lower() not in SERVER_HEADERS
    )


@pytest.mark.parametrize("base_url", ["", "https://feeds.example.org"])
def test_the_server_and_the_flask_app_alone_answer_alike(base_url):
    paths = [resource.path for resource in catalog.load([DATA], base_url)]
    paths += CHOSEN + MOVED + UNKNOWN
    env = {"FEEDS_BASE_URL": base_url} if base_url else {}
    with procfile_server(DATA, **env) as base:
        address = urlsplit(base)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)

        def served(method: str, path: str, headers: dict[str, str]):
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            return response.status, _normal(response.getheaders()), body

        first = {}
        for path in paths:
            for origin in ({}, {"Origin": ORIGIN}):
                status, headers, _body = served("GET", path, origin)
                found = dict(headers)
                if status == 200 and "etag" in found:
                    first[(path, bool(origin))] = (found["etag"], found["last-modified"])
        cases = _requests(paths, first)
        from_server = [served(*case) for case in cases]
        connection.close()

    app = create_app({"DATA": str(DATA), "BASE_URL": base_url, "RELOAD_INTERVAL": 3600})
    app.wsgi_app = app.wsgi_app.app  # the Flask app alone, without the fast path
    client = app.test_client()
    not_modified = 0
    for case, server_answer in zip(cases, from_server, strict=True):
        method, path, headers = case
        response = client.open(path, method=method, headers=headers, base_url=base)
        flask_answer = (response.status_code, _normal(response.headers.items()), response.data)
        assert flask_answer == server_answer, case
        not_modified += server_answer[0] == 304
    # Every resource was asked for in each form; three conditional cases of each are 304s.
    assert len(first) == 2 * (len(paths) - len(MOVED) - len(UNKNOWN))
    assert not_modified == 3 * len(first)


def test_the_fast_path_answers_every_feed_itself_and_pages_when_they_are_fixed():
    """Run with an app behind it that answers 599: what the fast path does not answer shows."""
    for base_url in ("", "https://feeds.example.org"):  # pages linked by path, or absolutely
        app = create_app({"DATA": str(DATA), "BASE_URL": base_url, "RELOAD_INTERVAL": 3600})
        live = app.extensions["feeds"]
        fast = FastFeeds(_refuse, live, 300, pages=True)
        for resource in live.whole(60):
            if resource.kind == "chooser":
                continue  # negotiates the language: always Flask's
            for origin in ({}, {"HTTP_ORIGIN": ORIGIN}):
                status = _call(fast, resource.path, origin)
                assert status == "200 OK", resource.path
        for path in CHOSEN:
            for origin in ({}, {"HTTP_ORIGIN": ORIGIN}):
                assert _call(fast, path, origin) == "200 OK", path
        assert _call(fast, "/en/oewg-ict-s2/all.ics", {"QUERY_STRING": "download=1"}) == "599 X"
        for path in ["/nope", *MOVED, *UNKNOWN]:
            assert _call(fast, path, {}) == "599 X", path


def _refuse(_environ, start_response):
    start_response("599 X", [])
    return [b""]


def _call(app, path: str, extra: dict) -> str:
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", **extra}
    answered = []
    app(environ, lambda status, _headers: answered.append(status))
    return answered[0]
