"""The map of every public path and the media type it is served as.

The catalog, the pages and their templates, the web app, the static export
and the tests all ask this module; no other module spells a path. Public
paths never change. A language's code is its front page's folder, so no
meeting may take one as its id (its `/{meeting}/` would be that front page):

    /                                       the meetings (a reader is sent to their language's)
    /{lang}/                                the meetings, in one of the six languages
    /{meeting}/                             the meeting's languages (a reader is sent to theirs)
    /{lang}/{meeting}/                      the meeting's page
    /{lang}/{meeting}/embed                 its programme, compact, for an <iframe>
    /{lang}/{meeting}/all.ics               the whole meeting
    /{lang}/{meeting}/day/{YYYY-MM-DD}.ics  one day
    /{lang}/{meeting}/item/{slug}.ics       one agenda item (and its sub-items)
    /{lang}/{meeting}/items/{slug}+{slug}.ics  agenda items a reader chose (served, not exported)
    /{lang}/{meeting}/event/{block}.ics     one session block
    /{lang}/{meeting}/programme.json        the programme, for websites
    /{lang}/{meeting}/changes.atom          the changes to the programme, an Atom feed
    /{lang}/series/{series}.ics             every session of a series of meetings
    /assets/{name}                          the pages' style sheet, script and icon
    /healthz                                whether the data loaded

In the static export, each path is a file (`export_file`), and each feed's
form with UTC times, for web widgets, lies under `_utc/` (`export_utc_file`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

CALENDAR = "text/calendar; charset=utf-8"
JSON = "application/json; charset=utf-8"
HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
ATOM_TYPE = "application/atom+xml"  # as links name it: <link type="...">
ATOM = f"{ATOM_TYPE}; charset=utf-8"

#: The pages' files, by name, with their media types.
ASSETS = {
    "feeds.css": "text/css; charset=utf-8",
    "feeds.js": "text/javascript; charset=utf-8",
    "qr.js": "text/javascript; charset=utf-8",
    "embed.js": "text/javascript; charset=utf-8",
    "icon.svg": "image/svg+xml",
}

#: The kinds of feed a meeting has, in the order the catalog lists them.
FEED_KINDS = ("all", "day", "item", "event")

HEALTH = "/healthz"
UTC_FOLDER = "_utc"

#: The folder of series feeds in each language: no meeting may take this id.
SERIES_FOLDER = "series"
#: What separates the agenda items of a feed of chosen items: `5a+5d`.
ITEMS_SEPARATOR = "+"
#: The most agenda items a feed of chosen items names, whatever the agenda holds.
MAX_CHOSEN_ITEMS = 64
_CHOSEN_ITEMS = re.compile(r"/([^/]+)/([^/]+)/items/([^/]*)\.ics")


def index() -> str:
    return "/"


def front(lang: str) -> str:
    """The front page in one language: `/{lang}/`."""
    return f"/{lang}/"


def chooser(meeting: str) -> str:
    return f"/{meeting}/"


def page(lang: str, meeting: str) -> str:
    return f"/{lang}/{meeting}/"


def page_of(path: str) -> tuple[str, str] | None:
    """The (language, meeting) whose page a path lies under, as far as its form tells."""
    parts = path.strip("/").split("/")
    return (parts[0], parts[1]) if len(parts) >= 2 else None


def embed(lang: str, meeting: str) -> str:
    return f"/{lang}/{meeting}/embed"


def feed(lang: str, meeting: str, kind: str, key: str = "") -> str:
    """A feed's path: `all` (no key), `day` (a date), `item` (a slug) or `event` (a block id)."""
    if kind not in FEED_KINDS:
        raise ValueError(f"no feed of kind {kind!r}")
    if kind == "all":
        return f"/{lang}/{meeting}/all.ics"
    return f"/{lang}/{meeting}/{kind}/{key}.ics"


def items_feed(
    lang: str, meeting: str, slugs: Iterable[str], agenda: Sequence[str] | None = None
) -> str:
    """The canonical path of the feed of the agenda items chosen (by their slugs).

    `/{lang}/{meeting}/items/5a+5d.ics`: each slug once, in the order of
    `agenda` (the meeting's item slugs in agenda order; without it, in the
    order given). One item is its own feed, `/{lang}/{meeting}/item/5a.ics`.
    Raises ValueError for no slug, for more than MAX_CHOSEN_ITEMS, or for a
    slug that is not in `agenda`.
    """
    chosen = list(dict.fromkeys(slugs))
    if agenda is not None:
        place = {slug: index for index, slug in enumerate(agenda)}
        unknown = [slug for slug in chosen if slug not in place]
        if unknown:
            raise ValueError(f"no agenda item {unknown[0]!r}")
        chosen.sort(key=place.__getitem__)
    if not chosen or len(chosen) > MAX_CHOSEN_ITEMS:
        raise ValueError(f"expected 1 to {MAX_CHOSEN_ITEMS} agenda items, got {len(chosen)}")
    if len(chosen) == 1:
        return feed(lang, meeting, "item", chosen[0])
    return f"/{lang}/{meeting}/items/{ITEMS_SEPARATOR.join(chosen)}.ics"


def chosen_items(path: str) -> tuple[str, str, list[str]] | None:
    """The language, meeting and items (as written) a path of chosen items names.

    None for any other path, and for one naming more than MAX_CHOSEN_ITEMS
    items (counted before the path is split, so a long path costs no more).
    """
    found = _CHOSEN_ITEMS.fullmatch(path)
    if found is None or found[3].count(ITEMS_SEPARATOR) >= MAX_CHOSEN_ITEMS:
        return None
    return found[1], found[2], found[3].split(ITEMS_SEPARATOR)


def series_feed(lang: str, series: str) -> str:
    """The feed of every session of a series of meetings: `/{lang}/series/{series}.ics`."""
    return f"/{lang}/{SERIES_FOLDER}/{series}.ics"


def programme(lang: str, meeting: str) -> str:
    return f"/{lang}/{meeting}/programme.json"


def changes(lang: str, meeting: str) -> str:
    """The Atom feed of the changes to a meeting's programme."""
    return f"/{lang}/{meeting}/changes.atom"


def change_anchor(number: int) -> str:
    """The id of a change set's entry on the meeting's page: `change-3`."""
    return f"change-{number}"


def change(lang: str, meeting: str, number: int) -> str:
    """A change set on the meeting's page: `/{lang}/{meeting}/#change-3`."""
    return f"{page(lang, meeting)}#{change_anchor(number)}"


def asset(name: str) -> str:
    if name not in ASSETS:
        raise ValueError(f"no asset named {name!r}")
    return f"/assets/{name}"


def download(path: str) -> str:
    """The address that serves `path` as an attachment, to save as a file."""
    return path + "?download=1"


#: What no system takes in a file name, written `-` instead: control characters and
#: `/ \\ : * ? " < > |`.
_NOT_IN_FILE_NAMES = dict.fromkeys([*range(32), *map(ord, '/\\:*?"<>|')], "-")


def file_name(title: str, extension: str) -> str:
    """A readable file name for a download, usable on every system: `OEWG · Item 5.ics`."""
    return title.translate(_NOT_IN_FILE_NAMES).strip() + extension


def ascii_file_name(*parts: str, extension: str) -> str:
    """The file name for clients that take only ASCII: `oewg-ict-s2-en-item-5.ics`."""
    return "-".join(part for part in parts if part) + extension


def export_file(path: str) -> str:
    """Where a public path lies in the static export, relative to its folder.

    `/` and `/x/` are their folders' `index.html`; a page without an extension,
    such as `/zh/m/embed`, is `embed.html` (web servers try `$uri.html`); a file
    with one, such as `/zh/m/changes.atom`, keeps its name (and web servers
    take its media type from the extension).
    """
    relative = path.lstrip("/")
    if relative.endswith("/") or not relative:
        return relative + "index.html"
    if "." not in relative.rsplit("/", 1)[-1]:
        return relative + ".html"
    return relative


def export_utc_file(path: str) -> str:
    """Where the export keeps a feed's form with UTC times: `_utc/{lang}/{meeting}/all.ics`."""
    return f"{UTC_FOLDER}/{export_file(path)}"


def checked_base_url(value: str) -> str:
    """A public address as pages and exports may use it: `https://host[:port][/prefix]`.

    Returns it without a trailing slash ("" stays ""); raises ValueError for
    anything else (another scheme, no host, a query, a fragment, spaces or quotes),
    since it is written into every page's links.
    """
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or parts.username is not None
        or re.search(r"[\s\"'<>\\`]", value)
    ):
        raise ValueError(
            f"expected the public address as http:// or https:// and a host name, "
            f"such as https://feeds.example.org, got '{value}'"
        )
    return value.rstrip("/")


def prefix(base_url: str) -> str:
    """The path a base URL puts in front of every public path: `/feeds` or ""."""
    return urlsplit(base_url).path.rstrip("/")
