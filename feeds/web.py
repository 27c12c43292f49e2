"""The web app: the catalog's pre-rendered bytes over HTTP, as calendar clients need them.

A request for a feed is a dictionary lookup; rendering happens when the data
is loaded. Configuration comes from `create_app(test_config)` or from
FEEDS_* environment variables:

    FEEDS_DATA         the folder of programme files (default: data)
    FEEDS_BASE_URL     the public address (http or https), for the pages' absolute links
    FEEDS_HOSTS        without FEEDS_BASE_URL: the host names (comma-separated) for whose
                       requests pages link absolutely; any other Host gets links by path
    FEEDS_MAX_AGE      seconds clients and caches may keep a response (default 300)
    FEEDS_TRUST_PROXY  1 behind a reverse proxy: honour X-Forwarded-For/Proto/Host/Prefix
    FEEDS_RELOAD_INTERVAL  seconds between looks at the data folder (default 1)

A page never takes its links from an arbitrary Host header: a cache in front
that ignored `Vary: Host` would otherwise keep a page whose subscribe buttons
point wherever a forged request said.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response, redirect, request
from werkzeug.datastructures import Headers
from werkzeug.middleware.proxy_fix import ProxyFix

from . import encoding, i18n, pages, urls
from .answer import Answer, Prepared, not_found_headers, page_headers
from .catalog import Catalog, Resource
from .fastpath import FastFeeds
from .live import LiveCatalog
from .starting import NotReady, Starting

MAX_PATH = 2048
#: How many files with problems /healthz names.
HEALTH_FILES = 20


class _Exact(Response):
    """A response that goes out with exactly the status, headers and body it was made with.

    Werkzeug would otherwise add a Content-Type to a 304, drop its Last-Modified
    and recount Content-Length for HEAD; the fast path does none of that.
    """

    automatically_set_content_length = False

    @classmethod
    def of(cls, answer: Answer) -> _Exact:
        response = cls(answer.body, status=answer.status)
        response.headers = Headers(answer.headers)
        return response

    def get_wsgi_headers(self, environ: dict[str, Any]) -> Headers:
        return self.headers


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def _hosts(value: object) -> frozenset[str]:
    items = value if isinstance(value, (list, tuple, set, frozenset)) else str(value).split(",")
    return frozenset(str(item).strip().lower() for item in items if str(item).strip())


#: The headers of every answer that is not a resource (errors, redirects, health).
_PLAIN_HEADERS = (("X-Content-Type-Options", "nosniff"), *page_headers("page"))


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """The feeds app for one data folder, loaded before this returns."""
    app = Flask(__name__)
    app.config.from_mapping(
        DATA="data", BASE_URL="", HOSTS="", MAX_AGE=300, TRUST_PROXY=False, RELOAD_INTERVAL=1.0
    )
    if test_config is None:
        app.config.from_prefixed_env(prefix="FEEDS")
    else:
        app.config.from_mapping(test_config)
    if app.debug and not app.testing and not _truthy(os.environ.get("FEEDS_DEVELOPMENT")):
        # The debugger runs code sent to it: never on a server others can reach.
        raise RuntimeError(
            "refusing to start with debug mode on; unset FLASK_DEBUG "
            "(or set FEEDS_DEVELOPMENT=1 on a machine of your own)"
        )
    try:
        configured_base = urls.checked_base_url(str(app.config["BASE_URL"]))
    except ValueError as error:
        raise RuntimeError(f"FEEDS_BASE_URL: {error}") from None
    hosts = _hosts(app.config["HOSTS"])
    trust_proxy = _truthy(app.config["TRUST_PROXY"])
    if trust_proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)
    logging.getLogger("feeds").setLevel(logging.INFO)
    live = LiveCatalog(
        Path(app.config["DATA"]),
        configured_base,
        float(app.config["RELOAD_INTERVAL"]),
    )
    app.extensions["feeds"] = live
    max_age = int(app.config["MAX_AGE"])
    # Pages are the same for every request unless they follow the Host or a proxy's prefix.
    fixed_pages = bool(configured_base) or not (hosts or trust_proxy)
    app.wsgi_app = FastFeeds(app.wsgi_app, live, max_age, pages=fixed_pages)  # type: ignore[method-assign]

    def page_base() -> str:
        """The base a page is rendered for: the configured address; else the request's,
        if its host is listed; else the path prefix a trusted proxy gives (or none).
        Any other Host, well-formed or not, is never used."""
        if configured_base:
            return configured_base
        if request.host.lower() in hosts:  # a listed host is a well-formed one
            return f"{request.scheme}://{request.host}{request.script_root}"
        return request.script_root

    @app.before_request
    def refuse_overlong() -> Response | None:
        if len(request.path) > MAX_PATH or len(request.query_string) > MAX_PATH:
            return Response("URI too long\n", status=414, content_type=urls.TEXT)
        return None

    @app.after_request
    def plain_headers(response: Response) -> Response:
        if response.status_code >= 400 or response.status_code in (301, 302, 303, 307, 308):
            for name, value in _PLAIN_HEADERS:
                response.headers.setdefault(name, value)
        return response

    def send(resource: Resource, vary: tuple[str, ...] = ()) -> Response:
        if resource.is_page and hosts and not configured_base:
            vary = (*vary, "Host")  # rendered for the Host it was asked on
        prepared = Prepared(
            resource,
            bool(request.headers.get("Origin")),
            max_age,
            vary,
            encoding.preferred(request.headers.get("Accept-Encoding")),
        )
        return _Exact.of(
            prepared.answer(
                request.method,
                request.headers.get("If-None-Match"),
                request.headers.get("If-Modified-Since"),
                download=request.args.get("download") == "1",
            )
        )

    def unavailable() -> Response:
        response = Response(
            "The programme data is not available right now; try again soon.\n",
            status=503,
            content_type=urls.TEXT,
        )
        response.headers["Retry-After"] = "30"
        return response

    @app.errorhandler(NotReady)
    def not_ready(_error: NotReady) -> Response:
        return unavailable()

    def not_found(path: str) -> Response:
        """A 404 in the reader's language: under a meeting's page, linking back to it; under
        a language the meeting lacks, saying so and linking the languages it has."""
        current, owner = live.catalog, urls.page_of(path)
        entry = current.meeting(owner[1]) if current is not None and owner is not None else None
        if entry is not None and owner is not None and owner[0] not in entry.meeting.languages:
            body = pages.not_found_page(owner[0], None, page_base(), entry.meeting)
        else:
            back = urls.page(*owner) if owner is not None and entry is not None else None
            if current is None or back is None or current.get(back) is None:
                back = None
            lang = owner[0] if owner is not None and back is not None else "en"
            body = pages.not_found_page(lang, back, page_base())
        return _Exact.of(Answer("404 Not Found", not_found_headers(len(body)), body))

    @app.get(urls.HEALTH)
    def healthz() -> Response:
        """Whether the data loaded, and how many problems the newest data has.

        Public, so it shows no file content and no path of this machine: the
        problems themselves, with their lines, are in the log.
        """
        health = live.health()
        files: dict[str, int] = {}
        for problem in health.problems:
            name = Path(problem.file).name
            files[name] = files.get(name, 0) + 1
        body = {
            "status": health.status,
            "loaded": health.loaded,
            "version": health.generation,
            "meetings": list(health.meetings),
            "problems": len(health.problems),
            "files_with_problems": dict(sorted(files.items())[:HEALTH_FILES]),
            "fault": "the data folder cannot be read" if health.fault else None,
        }
        response = Response(
            json.dumps(body, ensure_ascii=False, indent=2) + "\n",
            status=200 if health.loaded or health.loading else 503,
            content_type=urls.JSON,
        )
        response.cache_control.no_store = True
        return response

    def choose_language(chooser: Resource) -> Response:
        """Send a reader to the page in their language, or show the choice: from `/`, to the
        front page in any of the six; from `/{meeting}/`, to the meeting's page in one of its."""
        offered: tuple[str, ...] = i18n.LANGUAGES
        if chooser.meeting is not None:
            entry = live.catalog.meeting(chooser.meeting) if live.catalog is not None else None
            offered = entry.meeting.languages if entry else ()
        best = request.accept_languages.best_match(offered)
        if best is None:
            page = live.page(chooser.path, page_base()) or chooser
            return send(page, vary=("Accept-Language",))
        target = urls.front(best) if chooser.meeting is None else urls.page(best, chooser.meeting)
        response = redirect(request.script_root + target, code=302)
        response.vary.add("Accept-Language")
        return response

    def moved(path: str) -> Response:
        """A permanent redirect to `path`, keeping the request's query (`?download=1`)."""
        query = request.query_string.decode("latin-1")
        response = redirect(request.script_root + path + (f"?{query}" if query else ""), 301)
        response.headers["Access-Control-Allow-Origin"] = "*"  # scripts follow it too
        response.headers["Cache-Control"] = f"public, max-age={max_age}"
        return response

    def chosen_items(current: Catalog | Starting, path: str) -> Response:
        """The feed of the agenda items a path chooses; or the reader sent to its canonical
        path, or to one item's own feed; or a 404."""
        choice = current.choose(path)
        if choice is None:
            return not_found(path)
        if choice.moved_to is not None:
            return moved(choice.moved_to)
        assert choice.resource is not None
        return send(choice.resource)

    @app.get("/", defaults={"path": ""})
    @app.get("/<path:path>")
    def resource(path: str) -> Response:
        current = live.catalog
        if current is None:
            return unavailable()
        public_path = "/" + path
        found = current.get(public_path)
        if found is None:
            return chosen_items(current, public_path)
        if found.kind == "chooser":
            return choose_language(found)
        if found.is_page:
            found = live.page(public_path, page_base()) or found
        return send(found)

    return app


def serve_locally(app: Flask, host: str, port: int) -> None:
    """Serve `app` with Werkzeug's server, for a person trying it on their own machine."""
    from werkzeug.serving import run_simple

    run_simple(host, port, app, threaded=True)
