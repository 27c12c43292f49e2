"""How a resource is answered, whichever server path sends it: status, headers, body.

The plain-WSGI fast path and the Flask app both answer with `Prepared.answer`,
so a client gets the same status, headers and bytes for a path either way
(tests/test_answer.py holds them to it for every path of the catalog).
Conditional requests follow RFC 9110: If-None-Match, when present, decides
alone (weak comparison); otherwise If-Modified-Since, when it is a valid
HTTP date, does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import quote

from . import urls
from .catalog import Resource

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"
)

#: How long a cache may keep an answer that something is not there.
NOT_FOUND_MAX_AGE = 60

Headers = list[tuple[str, str]]


def page_headers(kind: str) -> Headers:
    """The security headers of a page: only the embed page may be framed by other sites."""
    ancestors = "*" if kind == "embed" else "'none'"
    headers = [
        ("Content-Security-Policy", CSP.format(ancestors=ancestors)),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ]
    if kind != "embed":
        headers.append(("X-Frame-Options", "DENY"))
    return headers


def not_found_headers(length: int) -> Headers:
    """The headers of the 404 page: a page's, kept by caches for a short while only."""
    return [
        ("Content-Type", urls.HTML),
        ("Content-Length", str(length)),
        ("Cache-Control", f"public, max-age={NOT_FOUND_MAX_AGE}"),
        ("X-Content-Type-Options", "nosniff"),
        *page_headers("page"),
    ]


@dataclass(frozen=True)
class Answer:
    status: str  # as WSGI writes it: "200 OK"
    headers: Headers
    body: bytes


def _matches(header: str, etag: str) -> bool:
    """Whether an If-None-Match value names this (strong) ETag; weak forms compare equal too."""
    for candidate in header.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == etag:
            return True
    return False


def _http_date(value: str) -> datetime | None:
    """An HTTP date (RFC 9110 5.6.7), or None if `value` is not one (no zone is not one)."""
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(UTC)


class Prepared:
    """The answers for one form of one resource, with their headers made once.

    `web` picks a feed's form with UTC times, for browser scripts (they send
    Origin); `vary` names the other request headers the answer depends on (the
    Host a page was rendered for, the Accept-Language a chooser negotiates).
    """

    def __init__(
        self,
        resource: Resource,
        web: bool,
        max_age: int,
        vary: tuple[str, ...] = (),
        coding: str | None = None,
    ):
        """`coding`: a content coding the client accepts (`encoding.preferred`), used if the
        resource is worth compressing."""
        self.resource = resource
        if web and resource.utc_body is not None and resource.utc_etag is not None:
            self.body, self.etag = resource.utc_body, resource.utc_etag
        else:
            self.body, self.etag = resource.body, resource.etag
        compressible = resource.compressible
        coded = resource.coded(coding, web) if coding is not None and compressible else None
        self.coding = coding if coded is not None else None
        if coded is not None:
            self.body, self.etag = coded
        self.modified = resource.last_modified.replace(microsecond=0)
        common = [
            ("ETag", self.etag),
            ("Last-Modified", format_datetime(self.modified, usegmt=True)),
            ("Cache-Control", f"public, max-age={max_age}"),
            ("X-Content-Type-Options", "nosniff"),
        ]
        if resource.is_page:
            common += page_headers(resource.kind)
        else:
            common.append(("Access-Control-Allow-Origin", "*"))
        if resource.utc_body is not None:
            vary = ("Origin", *vary)
        if compressible:
            vary = (*vary, "Accept-Encoding")
        if vary:
            common.append(("Vary", ", ".join(vary)))
        self.ok = [
            ("Content-Type", resource.media_type),
            ("Content-Length", str(len(self.body))),
            *([("Content-Encoding", self.coding)] if self.coding else []),
            *common,
        ]
        self.not_modified = common

    def is_fresh(self, if_none_match: str | None, if_modified_since: str | None) -> bool:
        """Whether the client's copy is this one, so a 304 is the answer."""
        if if_none_match is not None:
            return _matches(if_none_match, self.etag)
        if if_modified_since:
            since = _http_date(if_modified_since)
            return since is not None and self.modified <= since
        return False

    def answer(
        self,
        method: str,
        if_none_match: str | None = None,
        if_modified_since: str | None = None,
        download: bool = False,
    ) -> Answer:
        """The answer to a GET or HEAD with these conditions (`download`: as an attachment)."""
        if self.is_fresh(if_none_match, if_modified_since):
            return Answer("304 Not Modified", self.not_modified, b"")
        headers = self.ok
        resource = self.resource
        if download and resource.filename:
            headers = [
                *headers,
                (
                    "Content-Disposition",
                    f'attachment; filename="{resource.ascii_filename}"; '
                    f"filename*=UTF-8''{quote(resource.filename, safe='')}",
                ),
            ]
        return Answer("200 OK", headers, b"" if method == "HEAD" else self.body)
