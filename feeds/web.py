"""The web app: the catalog's pre-rendered bytes over HTTP, as calendar clients need them.

A request for a feed is a dictionary lookup; rendering happens when the data
is loaded. Configuration comes from `create_app(test_config)` or from
FEEDS_* environment variables:

    FEEDS_DATA         the folder of programme files (default: data)
    FEEDS_BASE_URL     the public address, for absolute links; else the request's
    FEEDS_MAX_AGE      seconds clients and caches may keep a response (default 300)
    FEEDS_TRUST_PROXY  1 behind a reverse proxy: honour X-Forwarded-For/Proto/Host/Prefix
    FEEDS_RELOAD_INTERVAL  seconds between looks at the data folder (default 1)
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

from flask import Flask, Response, abort, redirect, request
from werkzeug.middleware.proxy_fix import ProxyFix

from . import pages
from .catalog import HTML, Resource
from .fastpath import FastFeeds, page_headers
from .live import LiveCatalog

_HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?)+(?::\d{1,5})?"
    r"|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?"
)
MAX_PATH = 2048


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """The feeds app for one data folder."""
    app = Flask(__name__)
    app.config.from_mapping(
        DATA="data", BASE_URL="", MAX_AGE=300, TRUST_PROXY=False, RELOAD_INTERVAL=1.0
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
    if _truthy(app.config["TRUST_PROXY"]):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)
    logging.getLogger("feeds").setLevel(logging.INFO)
    live = LiveCatalog(
        Path(app.config["DATA"]),
        str(app.config["BASE_URL"]).rstrip("/"),
        float(app.config["RELOAD_INTERVAL"]),
    )
    app.extensions["feeds"] = live
    app.wsgi_app = FastFeeds(app.wsgi_app, live, int(app.config["MAX_AGE"]))  # type: ignore[method-assign]
    max_age = int(app.config["MAX_AGE"])

    def base_url() -> str:
        """The configured address, else the request's, if its Host is a plain host name."""
        if live.base_url:
            return live.base_url
        if not _HOST.fullmatch(request.host):
            abort(400, "bad Host header")
        return request.host_url.rstrip("/")

    @app.before_request
    def refuse_overlong() -> Response | None:
        if len(request.path) > MAX_PATH or len(request.query_string) > MAX_PATH:
            return Response("URI too long\n", status=414, content_type="text/plain")
        return None

    def send(resource: Resource) -> Response:
        body, etag = resource.body, resource.etag
        # A browser script on another site (it sends Origin) gets UTC times: the iCalendar
        # parsers of web widgets ignore VTIMEZONE. Calendar applications send no Origin.
        web = resource.utc_body is not None and resource.utc_etag is not None
        if web and request.headers.get("Origin"):
            body, etag = resource.utc_body, resource.utc_etag
        response = Response(body, content_type=resource.media_type)
        if web:
            response.vary.add("Origin")
        response.set_etag(etag.strip('"'))
        response.last_modified = resource.last_modified
        response.cache_control.public = True
        response.cache_control.max_age = max_age
        response.headers["X-Content-Type-Options"] = "nosniff"
        if resource.is_page:
            response.headers.extend(page_headers(resource.kind))
            if live.base_url == "":
                response.vary.add("Host")
        else:
            response.headers["Access-Control-Allow-Origin"] = "*"
        if "download" in request.args and resource.filename:
            response.headers["Content-Disposition"] = (
                f'attachment; filename="{resource.ascii_filename}"; '
                f"filename*=UTF-8''{quote(resource.filename, safe='')}"
            )
        return response.make_conditional(request)

    def unavailable() -> Response:
        response = Response(
            "The programme data is not available right now; try again soon.\n",
            status=503,
            content_type="text/plain; charset=utf-8",
        )
        response.headers["Retry-After"] = "30"
        return response

    def not_found(path: str) -> Response:
        current = live.catalog
        back = None
        parts = path.strip("/").split("/")
        if current is not None and len(parts) >= 2:
            page = pages.meeting_page_path(parts[0], parts[1])
            if current.get(page) is not None:
                back = page
        lang = parts[0] if back else "en"
        return Response(pages.not_found_page(lang, back), status=404, content_type=HTML)

    @app.get("/healthz")
    def healthz() -> Response:
        health = live.health()
        body = {
            "status": health.status,
            "loaded": health.loaded,
            "version": health.generation,
            "meetings": list(health.meetings),
            "problems": list(health.problems),
            "fault": health.fault,
        }
        response = Response(
            json.dumps(body, ensure_ascii=False, indent=2) + "\n",
            status=200 if health.loaded else 503,
            content_type="application/json; charset=utf-8",
        )
        response.cache_control.no_store = True
        return response

    @app.get("/<meeting_id>/")
    def choose_language(meeting_id: str) -> Response:
        current = live.catalog
        if current is None:
            return unavailable()
        entry = current.meeting(meeting_id)
        if entry is None:
            return not_found(request.path)
        best = request.accept_languages.best_match(entry.meeting.languages)
        if best is None:
            page = live.page(request.path, base_url())
            assert page is not None
            return send(page)
        response = redirect(pages.meeting_page_path(best, meeting_id), code=302)
        response.vary.add("Accept-Language")
        return response

    @app.get("/", defaults={"path": ""})
    @app.get("/<path:path>")
    def resource(path: str) -> Response:
        current = live.catalog
        if current is None:
            return unavailable()
        public_path = "/" + path
        found = current.get(public_path)
        if found is None:
            return not_found(public_path)
        if found.is_page:
            found = live.page(public_path, base_url()) or found
        return send(found)

    return app
