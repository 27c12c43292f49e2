"""The request path of a feed: a dictionary lookup of pre-rendered bytes and headers.

Calendar clients poll feeds far more often than people open pages, so a GET or
HEAD of a feed or programme.json (and of a page, when the public address is
configured, or pages link by path, and so do not depend on the request) is answered here, in plain
WSGI, without building Flask's request and response objects; so is a feed of chosen agenda
items at its canonical path. Anything else (downloads, language negotiation, redirects,
unknown paths) goes on to the Flask app.
Both answer through `feeds.answer`, so the answers are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from . import encoding
from .answer import Prepared
from .catalog import Catalog
from .live import LiveCatalog

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class FastFeeds:
    """WSGI middleware answering GET and HEAD of the catalog's feeds."""

    def __init__(self, app: WSGIApp, live: LiveCatalog, max_age: int, pages: bool = False):
        """`pages`: pages are the same for every request, so they are answered here too."""
        self.app = app
        self.pages = pages
        self.live = live
        self.max_age = max_age
        # The catalog in hand and its prepared answers by (path, web form, coding), replaced
        # together in one assignment, so that no request can file an old version's answer in
        # a new one's.
        self._state: tuple[Catalog | None, dict[tuple[str, bool, str | None], Prepared]] = (
            None,
            {},
        )

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        if method not in ("GET", "HEAD") or environ.get("QUERY_STRING"):
            return self.app(environ, start_response)
        catalog = self.live.catalog
        if not isinstance(catalog, Catalog):  # none yet, or single meetings while starting
            return self.app(environ, start_response)
        path = environ.get("PATH_INFO", "")
        web = bool(environ.get("HTTP_ORIGIN"))
        coding = encoding.preferred(environ.get("HTTP_ACCEPT_ENCODING"))
        held, prepared_answers = self._state
        if held is not catalog:  # a new version: its own answers
            prepared_answers = {}
            self._state = (catalog, prepared_answers)
        prepared = prepared_answers.get((path, web, coding))
        if prepared is None:
            resource = catalog.feed(path)
            if resource is None and self.pages and not catalog.is_chooser(path):
                resource = catalog.get(path)
            if resource is not None:
                prepared = Prepared(resource, web, self.max_age, coding=coding)
                prepared_answers[(path, web, coding)] = prepared
            else:
                # A feed of chosen items: too many to file here (the catalog keeps the
                # most recent); a choice to redirect, and an unknown path, are Flask's.
                chosen = catalog.choose(path)
                if chosen is None or chosen.resource is None:
                    return self.app(environ, start_response)
                prepared = Prepared(chosen.resource, web, self.max_age, coding=coding)
        answer = prepared.answer(
            method, environ.get("HTTP_IF_NONE_MATCH"), environ.get("HTTP_IF_MODIFIED_SINCE")
        )
        start_response(answer.status, answer.headers)
        return [answer.body]
