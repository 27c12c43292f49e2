"""The web app: serves the catalog's pre-rendered bytes, one dictionary lookup a request."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, request

from . import catalog as catalog_module
from .catalog import Catalog

ENV_PREFIX = "FEEDS_"


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """The app, configured from `test_config` or from FEEDS_* environment variables.

    FEEDS_DATA: the folder of programme files (default `data`).
    FEEDS_BASE_URL: the public address, for absolute links in programme.json.
    FEEDS_MAX_AGE: seconds a client or cache may keep a response (default 300).
    """
    app = Flask(__name__)
    app.config.from_mapping(DATA="data", BASE_URL="", MAX_AGE=300)
    if test_config is None:
        app.config.from_prefixed_env(prefix=ENV_PREFIX.rstrip("_"))
    else:
        app.config.from_mapping(test_config)
    catalog: Catalog = catalog_module.load(
        [Path(app.config["DATA"])], str(app.config["BASE_URL"]).rstrip("/")
    )
    app.extensions["feeds.catalog"] = catalog
    max_age = int(app.config["MAX_AGE"])

    @app.get("/", defaults={"path": ""})
    @app.get("/<path:path>")
    def resource(path: str) -> Response:
        found = catalog.get("/" + path)
        if found is None:
            abort(404)
        response = Response(found.body, content_type=found.media_type)
        response.set_etag(found.etag.strip('"'))
        response.last_modified = found.last_modified
        response.cache_control.public = True
        response.cache_control.max_age = max_age
        if found.media_type != catalog_module.HTML:
            response.headers["Access-Control-Allow-Origin"] = "*"
        return response.make_conditional(request)

    return app
