"""The request path of a feed: a dictionary lookup of pre-rendered bytes and headers.

Calendar clients poll feeds far more often than people open pages, so a GET or
HEAD of a feed or programme.json (and of a page, when the public address is
configured and pages do not depend on the request) is answered here, in plain
WSGI, without building Flask's request and response objects; anything else
(downloads, language negotiation, unknown paths) goes on to the Flask app.
The answers are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from .catalog import Resource
from .live import LiveCatalog

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"
)


def page_headers(kind: str) -> list[tuple[str, str]]:
    """The security headers of a page: only the embed page may be framed by other sites."""
    ancestors = "*" if kind == "embed" else "'none'"
    headers = [
        ("Content-Security-Policy", CSP.format(ancestors=ancestors)),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ]
    if kind != "embed":
        headers.append(("X-Frame-Options", "DENY"))
    return headers


def _matches(header: str, etag: str) -> bool:
    """Whether If-None-Match names this (strong) ETag; weak forms compare equal too."""
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == etag:
            return True
    return False


class FeedHeaders:
    """The headers of one form of one resource, made once."""

    def __init__(self, resource: Resource, body: bytes, etag: str, max_age: int, vary: bool):
        self.body = body
        self.etag = etag
        self.modified = resource.last_modified.replace(microsecond=0)
        common = [
            ("ETag", etag),
            ("Last-Modified", format_datetime(self.modified, usegmt=True)),
            ("Cache-Control", f"public, max-age={max_age}"),
            ("X-Content-Type-Options", "nosniff"),
        ]
        if resource.is_page:
            common += page_headers(resource.kind)
        else:
            common.append(("Access-Control-Allow-Origin", "*"))
        if vary:
            common.append(("Vary", "Origin"))
        self.ok = [
            ("Content-Type", resource.media_type),
            ("Content-Length", str(len(body))),
            *common,
        ]
        self.not_modified = common


class FastFeeds:
    """WSGI middleware answering GET and HEAD of the catalog's feeds."""

    def __init__(self, app: WSGIApp, live: LiveCatalog, max_age: int):
        self.app = app
        self.live = live
        self.max_age = max_age
        self._headers: dict[tuple[int, bool], FeedHeaders] = {}
        self._catalog: object = None  # held, so the ids of its resources stay theirs

    def _for(self, resource: Resource, web: bool) -> FeedHeaders:
        key = (id(resource), web)
        found = self._headers.get(key)
        if found is None:
            vary = resource.utc_body is not None
            if web and resource.utc_body is not None and resource.utc_etag is not None:
                found = FeedHeaders(
                    resource, resource.utc_body, resource.utc_etag, self.max_age, vary
                )
            else:
                found = FeedHeaders(resource, resource.body, resource.etag, self.max_age, vary)
            self._headers[key] = found
        return found

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        if method not in ("GET", "HEAD") or environ.get("QUERY_STRING"):
            return self.app(environ, start_response)
        catalog = self.live.catalog
        if catalog is None:
            return self.app(environ, start_response)
        path = environ.get("PATH_INFO", "")
        resource = catalog.feed(path)
        if resource is None and self.live.base_url and not catalog.is_chooser(path):
            # With a configured address, a page's bytes are fixed too.
            resource = catalog.get(path)
        if resource is None:
            return self.app(environ, start_response)
        if catalog is not self._catalog:  # a new version: forget the old one's headers
            self._headers = {}
            self._catalog = catalog
        headers = self._for(resource, bool(environ.get("HTTP_ORIGIN")))
        if self._not_modified(environ, headers):
            start_response("304 Not Modified", headers.not_modified)
            return [b""]
        start_response("200 OK", headers.ok)
        return [b"" if method == "HEAD" else headers.body]

    @staticmethod
    def _not_modified(environ: dict[str, Any], headers: FeedHeaders) -> bool:
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            return _matches(if_none_match, headers.etag)
        since = environ.get("HTTP_IF_MODIFIED_SINCE")
        if since:
            try:
                return headers.modified <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False
