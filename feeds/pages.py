"""HTML pages of the catalog, rendered once from templates with every value escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from . import i18n

if TYPE_CHECKING:
    from .catalog import Published

_ENV = Environment(
    loader=PackageLoader("feeds", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def index(published: list[Published], base_url: str = "") -> bytes:
    """The front page: every meeting, and every feed of it in each language."""
    from .catalog import feed_path, meeting_feeds

    meetings = []
    for entry in published:
        meeting = entry.meeting
        languages = []
        for lang in meeting.languages:
            languages.append(
                {
                    "lang": lang,
                    "name": i18n.words(lang).name,
                    "title": meeting.title[lang],
                    "unofficial": meeting.is_unofficial(lang),
                    "programme": base_url + feed_path(lang, meeting.id, "programme"),
                    "feeds": [
                        {"kind": feed.kind, "label": feed.label, "url": base_url + feed.path}
                        for feed in meeting_feeds(meeting, lang)
                    ],
                }
            )
        meetings.append(
            {"id": meeting.id, "start": meeting.start, "end": meeting.end, "languages": languages}
        )
    html = _ENV.get_template("index.html").render(meetings=meetings)
    return html.encode("utf-8")
