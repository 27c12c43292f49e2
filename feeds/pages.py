"""The HTML pages: rendered from templates, every value escaped, no clock read.

Pages link feeds with absolute addresses (webcal://, Google, Outlook and the
QR code need them), so they are rendered for a base URL: the configured
public address, or the one a request came in on.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any
from urllib.parse import quote, quote_plus

import segno
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import changelog, i18n, subscribe, urls, zones
from .feedlist import Feed, item_slugs, meeting_feeds
from .ical import EventFields
from .model import Block, Meeting, Segment, utc_text
from .revisions import Published
from .series import Series, series_of


class _Environment(Environment):
    """Jinja's environment, which finds `view.name` in a dict as its key first.

    The templates' views are dicts, and Jinja tries an attribute before a key: each
    lookup would raise and catch an AttributeError, a seventh of a meeting page's
    rendering. No view has a key named as a dict method, so the pages are the same.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


_ENV = _Environment(
    loader=PackageLoader("feeds", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@lru_cache(maxsize=4096)
def qr_svg(url: str) -> Markup:
    """A QR code of `url` as inline SVG, made here (no third-party service sees the URL)."""
    # A fixed mask: evaluating all eight costs four times the encoding, and every
    # mask decodes (the browser test reads the code back from a screenshot).
    code = segno.make(url, error="m", mask=0)
    return Markup(code.svg_inline(scale=1, omitsize=True, title=url))


@dataclass(frozen=True)
class FeedBox:
    """A feed and every way to get it, as the pages show it."""

    label: str
    url: str  # absolute when the base URL is known, else the path
    download: str
    filename: str
    links: list[subscribe.Link]
    qr: Markup | None


@dataclass(frozen=True)
class Links:
    """Where a page's links point, for the base it is rendered for.

    The base is a public address (`https://host/prefix`: links are absolute), a
    path prefix (`/prefix`, behind a proxy) or "" (links are paths).
    """

    base: str

    @property
    def absolute(self) -> bool:
        return self.base.startswith(("http://", "https://"))

    @property
    def root(self) -> str:
        """What goes in front of every path of the site."""
        return urls.prefix(self.base)

    def path(self, path: str) -> str:
        """A link within the site."""
        return self.root + path

    def url(self, path: str) -> str:
        """The full address of a path where it is known, else the link within the site."""
        return self.base + path if self.absolute else self.path(path)


def _feed_box(feed: Feed, links: Links) -> FeedBox:
    url = links.url(feed.path)
    return FeedBox(
        label=feed.label,
        url=url,
        download=links.path(urls.download(feed.path)),
        filename=feed.file_name,
        links=subscribe.feed_links(url, feed.title) if links.absolute else [],
        qr=qr_svg(url) if links.absolute else None,
    )


#: A feed address and name that the subscribe links' templates are made from.
_SAMPLE_URL = "https://feeds.invalid/sample/feed.ics"
_SAMPLE_NAME = "Sample name, (1) · 2"


@lru_cache(maxsize=1)
def link_templates() -> dict[str, str]:
    """Each subscribe link by key, as a template the page's script fills for any feed.

    `{webcal}`, `{url}` and `{name}` stand for the feed's webcal and http(s)
    addresses and its name as they are; `{webcal|q}`, `{url|q}` and `{name|q}`
    for the same, encoded for a query string. The links themselves come from
    `subscribe`, so the services' URL schemes stay in that one place.
    """
    values = {"webcal": subscribe.webcal(_SAMPLE_URL), "url": _SAMPLE_URL, "name": _SAMPLE_NAME}
    templates = {}
    for link in subscribe.feed_links(_SAMPLE_URL, _SAMPLE_NAME):
        href = link.href
        for token, value in values.items():
            for encoded in (quote_plus(value, safe=""), quote(value, safe="")):
                href = href.replace(encoded, f"{{{token}|q}}")
            href = href.replace(value, f"{{{token}}}")
        if "feeds.invalid" in href or "Sample" in href:
            raise ValueError(f"cannot make a template of the {link.key} link {link.href}")
        templates[link.key] = href
    return templates


def _clock(zone: str, day: date, start: time, end: time) -> str:
    """`10:00–13:00 EDT`: a block's times with the abbreviation the zone's rules give."""
    start_name = zones.abbreviation(zone, day, start)
    end_name = zones.abbreviation(zone, day, end)
    if start_name == end_name:
        return f"{start:%H:%M}–{end:%H:%M} {start_name}"
    return f"{start:%H:%M} {start_name}–{end:%H:%M} {end_name}"


def _time_range(meeting: Meeting, block: Block, fields: EventFields) -> dict:
    """A block's times as the pages show them (shared by every page that shows the block:
    never changed)."""
    return _times(
        meeting.timezone, block.date, block.start, block.end, fields.start_utc, fields.end_utc
    )


# A block's times are the same in each language and on each page showing it: the meeting
# page and the embed in every language make them once.
@lru_cache(maxsize=1024)
def _times(
    zone: str, day: date, start: time, end: time, start_utc: datetime, end_utc: datetime
) -> dict:
    return {
        "local": f"{start:%H:%M}–{end:%H:%M}",
        "clock": _clock(zone, day, start, end),
        "start_local": f"{day.isoformat()}T{start:%H:%M}",
        "end_local": f"{day.isoformat()}T{end:%H:%M}",
        "start_utc": utc_text(start_utc),
        "end_utc": utc_text(end_utc),
    }


def _around(template: str, placeholder: str, **values: str) -> tuple[str, str]:
    """The text of `template` before and after `placeholder`, the other values put in."""
    before, _, after = template.partition(placeholder)
    return before.format(**values), after.format(**values)


def _segment_lines(
    meeting: Meeting, segment: Segment, lines: tuple[str, ...], lang: str
) -> list[dict]:
    """A segment's lines as the page lists them; an item's first line leads to its feed."""
    item = meeting.item(segment.item) if segment.item is not None else None
    shown = []
    for index, line in enumerate(lines):
        text = line.strip()
        entry: dict = {"text": text, "detail": index > 0, "item": None}
        if item is not None and index == 0:
            entry["item"] = {
                "slug": item.slug,
                "label": item.label,
                "title": i18n.page_words(lang).follow_item.format(
                    item=i18n.items_label(lang, [item.label])
                ),
            }
            entry["text"] = text.removeprefix(item.prefix).strip()
        shown.append(entry)
    return shown


def _block_view(entry: Published, block: Block, lang: str, feed: Feed, links: Links) -> dict:
    meeting = entry.meeting
    fields = entry.events[lang][block.id]
    changed_in = entry.last_change(block.id)
    return {
        "id": block.id,
        "times": _time_range(meeting, block, fields),
        "title": fields.title,
        "cancelled": block.cancelled,
        # The newest change to it, on this page.
        "changed": f"#{urls.change_anchor(changed_in.number)}" if changed_in else None,
        "room": block.room[lang] if block.room is not None else None,
        "segments": [
            {
                "lines": _segment_lines(meeting, segment, lines, lang),
                "sub": segment.item is not None and meeting.item(segment.item).letter is not None,
            }
            for segment, lines in zip(block.segments, fields.lines, strict=True)
        ],
        "ics": links.path(urls.download(feed.path)),
        "ics_filename": feed.file_name,
        "google": subscribe.google_event(
            fields.summary, fields.start_utc, fields.end_utc, fields.description, fields.location
        ),
    }


def _choice(feed: Feed, links: Links) -> dict:
    """A feed the reader may pick in the subscribe panel, and its links without a script."""
    url = links.url(feed.path)
    return {
        "key": feed.key,
        "label": feed.label,
        "path": feed.path,
        "title": feed.title,
        "filename": feed.file_name,
        "links": subscribe.feed_links(url, feed.title) if links.absolute else [],
        "download": links.path(urls.download(feed.path)),
    }


def _times_around(meeting: Meeting, lang: str) -> tuple[str, str]:
    """The words before and after a session's time: `10:00–13:00 EDT, New York`."""
    if meeting.city is None:
        return "", ""
    template = i18n.page_words(lang).meeting_time
    return _around(template, "{time}", city=meeting.city[lang])


def _items_path(lang: str, meeting: Meeting, agenda: tuple[str, ...]) -> dict[str, str]:
    """What the path of a feed of chosen items puts before, between and after their slugs."""
    if len(agenda) < 2:
        return {}
    first, second = agenda[:2]
    path = urls.items_feed(lang, meeting.id, [first, second], agenda)
    joined = f"{first}{urls.ITEMS_SEPARATOR}{second}"
    prefix, _, suffix = path.partition(joined)
    return {"prefix": prefix, "separator": urls.ITEMS_SEPARATOR, "suffix": suffix}


def meeting_page(entry: Published, lang: str, base: str) -> bytes:
    """The programme by day, with one panel to subscribe to any part of it, and what
    changed in it, in one language."""
    meeting = entry.meeting
    w = i18n.words(lang)
    feeds = meeting_feeds(meeting, lang)
    links = Links(base)
    by_key = {(feed.kind, feed.key): feed for feed in feeds}
    whole_feed = by_key[("all", "")]
    before_time, after_time = _times_around(meeting, lang)
    days = []
    for day in meeting.days:
        days.append(
            {
                "label": i18n.day_label(lang, day.date),
                "date": day.date.isoformat(),
                "note": day.note[lang] if day.note is not None else None,
                "choice": _choice(by_key[("day", day.date.isoformat())], links),
                "blocks": [
                    _block_view(entry, block, lang, by_key[("event", block.id)], links)
                    for block in day.blocks
                ],
            }
        )
    items = [
        {
            "prefix": item.prefix,
            "label": item.label,
            "title": item.title[lang],
            "sub": item.letter is not None,
            "slug": item.slug,
            "follow": i18n.page_words(lang).follow_item.format(
                item=i18n.items_label(lang, [item.label])
            ),
            "choice": _choice(by_key[("item", item.slug)], links),
        }
        for item in meeting.agenda
    ]
    agenda = item_slugs(meeting)
    told = changelog.told(entry, lang)
    embed_url = links.url(urls.embed(lang, meeting.id))
    snippet = (
        f'<iframe src="{html.escape(embed_url)}" title="{html.escape(meeting.title[lang])}"'
        ' width="100%" height="600" style="border:0" loading="lazy"></iframe>\n'
        f'<script src="{html.escape(links.url(urls.asset("embed.js")))}" async></script>'
    )
    panel = {
        "root": links.root,
        "base": links.url(""),
        "webcal_base": subscribe.webcal(links.url("")) if links.absolute else "",
        "download": urls.download(""),
        "agenda": " ".join(agenda),
        "items_path": _items_path(lang, meeting, agenda),
        "item_one": w.item,
        "item_many": w.items,
        "list_sep": w.list_sep,
        "title_prefix": whole_feed.title.removesuffix(whole_feed.label),
        "templates": link_templates() if links.absolute else {},
    }
    return _render(
        "meeting.html",
        lang,
        links,
        meeting=_meeting_view(meeting, lang),
        switch=_switcher(meeting, lang, links),
        whole=_feed_box(whole_feed, links),
        whole_choice=_choice(whole_feed, links),
        panel=panel,
        days=days,
        items=items,
        before_time=before_time,
        after_time=after_time,
        snippet=snippet,
        absolute=links.absolute,
        json_path=links.path(urls.programme(lang, meeting.id)),
        version=changelog.label(meeting.version, lang),
        changes=told,
        changes_feed=links.url(urls.changes(lang, meeting.id)),
    )


def embed_page(entry: Published, lang: str, base: str) -> bytes:
    """A compact programme for an iframe on another site; links open in a new tab.

    Its script tells the page around it how tall it is, and during the meeting
    puts the sessions still to come first.
    """
    meeting = entry.meeting
    links = Links(base)
    before_time, after_time = _times_around(meeting, lang)
    days = [
        {
            "label": i18n.day_label(lang, day.date),
            "date": day.date.isoformat(),
            "note": day.note[lang] if day.note is not None else None,
            "blocks": [
                {
                    "id": block.id,
                    "times": _time_range(meeting, block, entry.events[lang][block.id]),
                    "title": entry.events[lang][block.id].title,
                    "cancelled": block.cancelled,
                }
                for block in day.blocks
            ],
        }
        for day in meeting.days
    ]
    return _render(
        "embed.html",
        lang,
        links,
        meeting=_meeting_view(meeting, lang),
        days=days,
        before_time=before_time,
        after_time=after_time,
        page=links.url(urls.page(lang, meeting.id)),
        feed=links.url(urls.feed(lang, meeting.id, "all")),
    )


def chooser_page(entry: Published, base: str) -> bytes:
    """`/{meeting}/`: the meeting's languages (the server redirects to the reader's own)."""
    meeting = entry.meeting
    links = Links(base)
    return _render(
        "choose.html",
        meeting.language,
        links,
        title=meeting.title[meeting.language],
        choices=_page_links(meeting, links),
    )


def _groups(meetings: list[Meeting]) -> list[tuple[Series | None, tuple[Meeting, ...]]]:
    """The meetings as the front page lists them: those of a series together, oldest first,
    where the first of them comes; each other meeting on its own."""
    series_by_meeting = {
        member.id: series for series in series_of(meetings) for member in series.meetings
    }
    groups: dict[str, tuple[Series | None, tuple[Meeting, ...]]] = {}
    for meeting in meetings:
        series = series_by_meeting.get(meeting.id)
        if series is None:
            groups[f"meeting {meeting.id}"] = (None, (meeting,))
        else:
            groups.setdefault(f"series {series.id}", (series, series.meetings))
    return list(groups.values())


def index(meetings: list[Meeting], base: str) -> bytes:
    """`/`: every meeting with its page in each of its languages, and the front page in each
    of the six languages to choose from (the server sends a reader to their own)."""
    links = Links(base)
    groups = [
        {
            "series": _series_view(series, "en", links) if series is not None else None,
            "meetings": [_index_entry(meeting, links) for meeting in members],
        }
        for series, members in _groups(meetings)
    ]
    return _render(
        "index.html", "en", links, groups=groups, switch=_front_switcher(None, links), front=None
    )


def front_page(meetings: list[Meeting], lang: str, base: str) -> bytes:
    """`/{lang}/`: every meeting in one language: its title there (else in its first
    language, marked as such), its dates, and its page in each of its languages; the meetings
    of a series together, oldest first, with the series' feed in each language."""
    links = Links(base)
    groups = [
        {
            "series": _series_view(series, lang, links) if series is not None else None,
            "meetings": [_front_entry(meeting, lang, links) for meeting in members],
        }
        for series, members in _groups(meetings)
    ]
    return _render(
        "index.html",
        lang,
        links,
        groups=groups,
        switch=_front_switcher(lang, links),
        front=i18n.front_words(lang),
    )


def _front_switcher(lang: str | None, links: Links) -> list[dict]:
    """The front page in each of the six languages, `lang`'s marked as the current one."""
    return [
        {
            "lang": other,
            "name": i18n.words(other).name,
            "href": links.path(urls.front(other)),
            "current": other == lang,
        }
        for other in i18n.LANGUAGES
    ]


def _direction(lang: str) -> str:
    return "rtl" if lang in i18n.RTL else "ltr"


def _dates(meeting: Meeting, lang: str) -> str:
    """`Monday, 28 March 2022 – Friday, 1 April 2022`, in `lang`."""
    return f"{i18n.day_label(lang, meeting.start)} – {i18n.day_label(lang, meeting.end)}"


def _page_links(meeting: Meeting, links: Links) -> list[dict]:
    """The meeting's page in each of its languages, each named in its own."""
    return [
        {
            "lang": lang,
            "dir": _direction(lang),
            "name": i18n.words(lang).name,
            "title": meeting.title[lang],
            "href": links.path(urls.page(lang, meeting.id)),
        }
        for lang in meeting.languages
    ]


def _index_entry(meeting: Meeting, links: Links) -> dict:
    return {
        "id": meeting.id,
        "chooser": links.path(urls.chooser(meeting.id)),
        "dates": f"{meeting.start.isoformat()} – {meeting.end.isoformat()}",
        "languages": _page_links(meeting, links),
    }


def _front_entry(meeting: Meeting, lang: str, links: Links) -> dict:
    """A meeting on the front page in `lang`: its title and page in `lang`, or, if it is not
    published in `lang`, in its first language, with the language named."""
    shown = lang if lang in meeting.languages else meeting.language
    words = i18n.words(lang)
    return {
        "id": meeting.id,
        "lang": shown,
        "dir": _direction(shown) if _direction(shown) != _direction(lang) else None,
        "title": meeting.title[shown],
        "href": links.path(urls.page(shown, meeting.id)),
        "only_in": (
            i18n.front_words(lang).only_in.format(language=words.source_names[shown])
            if shown != lang
            else None
        ),
        "unofficial": (
            i18n.unofficial_note(lang, meeting.language) if meeting.is_unofficial(lang) else None
        ),
        "dates": _dates(meeting, lang),
        "languages": _page_links(meeting, links),
    }


def _series_view(series: Series, lang: str, links: Links) -> dict:
    """A series on the front page in `lang`: its name there (else in English, else in its
    first language) and its feed in each of its languages."""
    if lang in series.languages:
        shown = lang
    else:
        shown = "en" if "en" in series.languages else series.languages[0]
    return {
        "id": series.id,
        "lang": shown,
        "dir": _direction(shown) if _direction(shown) != _direction(lang) else None,
        "name": series.name(shown),
        "feeds": [
            {
                "lang": other,
                "dir": _direction(other),
                "name": i18n.words(other).name,
                "href": links.url(urls.series_feed(other, series.id)),
            }
            for other in series.languages
        ],
    }


def not_found_page(lang: str, back: str | None, base: str, meeting: Meeting | None = None) -> bytes:
    """The page of an unknown path, linking `back` (a path) or the front page.

    With `meeting`, the path is under a language the meeting is not published
    in (`lang`): the page says so, in that language if it is one of the six
    (else in the meeting's first), and links the meeting's page in each of its
    languages.
    """
    links = Links(base)
    shown = lang if lang in i18n.WORDS else (meeting.language if meeting else "en")
    missing = None
    if meeting is not None:
        pw = i18n.page_words(shown)
        missing = {
            "said": (
                pw.no_language.format(language=i18n.words(shown).source_names[lang])
                if lang in i18n.WORDS
                else pw.no_language_unnamed
            ),
            "offered": _page_links(meeting, links),
        }
    return _render(
        "not_found.html",
        shown,
        links,
        back=links.path(back or urls.index()),
        has_back=back is not None,
        missing=missing,
    )


def _meeting_view(meeting: Meeting, lang: str) -> dict:
    w = i18n.words(lang)
    text = {
        key: (getattr(meeting, key)[lang] if getattr(meeting, key) is not None else None)
        for key in ("body", "session", "city", "document_title", "issued_by", "url")
    }
    return {
        "id": meeting.id,
        "title": meeting.title[lang],
        "short_title": meeting.short_title[lang],
        "venue": meeting.venue[lang],
        "timezone": meeting.timezone,
        "place": meeting.city[lang] if meeting.city is not None else meeting.venue[lang],
        "dates": _dates(meeting, lang),
        "status": w.statuses[meeting.status],
        "unofficial": (
            i18n.unofficial_note(lang, meeting.language) if meeting.is_unofficial(lang) else None
        ),
        "notes": [w.note + note[lang] for note in meeting.notes],
        "introduction": [paragraph[lang] for paragraph in meeting.introduction],
        "documents": [
            {"symbol": d.symbol, "title": d.title[lang], "url": d.url[lang]}
            for d in meeting.documents
        ],
        **text,
    }


def _switcher(meeting: Meeting, lang: str, links: Links) -> list[dict]:
    return [
        {
            "lang": other,
            "name": i18n.words(other).name,
            "href": links.path(urls.page(other, meeting.id)),
            "current": other == lang,
        }
        for other in meeting.languages
    ]


def _render(template: str, lang: str, links: Links, **context) -> bytes:
    page = _ENV.get_template(template).render(
        lang=lang,
        dir=_direction(lang),
        words=i18n.words(lang),
        pw=i18n.page_words(lang),
        urls=urls,
        root=links.root,
        **context,
    )
    return page.encode("utf-8")
