"""The changes to a meeting's programme as an Atom feed (RFC 4287), in one language.

One entry per change set, newest first, each linking to its place in the list
of changes on the meeting's page. Ids are URNs made from the meeting, the
language and the change set's number, which never changes (the history only
grows), so a feed reader keeps what it has read. The bytes depend on the data
alone: no clock, no random id.
"""

from __future__ import annotations

import re
import uuid
from xml.sax.saxutils import escape

from . import changelog, i18n, urls
from .model import Meeting, utc_text
from .revisions import Published

#: The namespace of this project's Atom ids (a fixed, random UUID).
NAMESPACE = uuid.UUID("40910be4-d212-4909-8311-9bdae0b3ff2c")
ATOM_NS = "http://www.w3.org/2005/Atom"
XHTML_NS = "http://www.w3.org/1999/xhtml"

# What XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def feed_id(meeting_id: str, lang: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{meeting_id}/{lang}')}"


def entry_id(meeting_id: str, lang: str, number: int) -> str:
    """The id of a change set's entry: the same in every build, unique per meeting,
    language and change set."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{meeting_id}/{lang}/{number}')}"


def author(meeting: Meeting, lang: str) -> str:
    """Who issues the programme: the issuing office's line, else the body, else the meeting."""
    found = next((text for text in (meeting.issued_by, meeting.body) if text is not None), None)
    return (found or meeting.title)[lang]


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    return escape(_NOT_XML.sub("", value), {'"': "&quot;"})


def render(entry: Published, lang: str, base_url: str = "") -> bytes:
    """The feed as UTF-8 XML; links are absolute under `base_url`, else paths."""
    meeting = entry.meeting
    cw = i18n.words(lang).change
    page = base_url + urls.page(lang, meeting.id)
    rtl = ' dir="rtl"' if lang in i18n.RTL else ""
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang="{_attr(lang)}">',
        f"  <id>{feed_id(meeting.id, lang)}</id>",
        f"  <title>{_text(meeting.short_title[lang])} · {_text(cw.changes)}</title>",
        f"  <subtitle>{_text(meeting.title[lang])}</subtitle>",
        f"  <updated>{utc_text(changelog.updated(entry))}</updated>",
        f"  <author><name>{_text(author(meeting, lang))}</name></author>",
        f'  <link rel="self" type="{urls.ATOM_TYPE}"'
        f' href="{_attr(base_url + urls.changes(lang, meeting.id))}"/>',
        f'  <link rel="alternate" type="text/html" hreflang="{_attr(lang)}" href="{_attr(page)}"/>',
    ]
    for told in changelog.told(entry, lang):
        title = f"{told.version} · {told.moment}" if told.version else told.moment
        href = base_url + urls.change(lang, meeting.id, told.number)
        lines += [
            "  <entry>",
            f"    <id>{entry_id(meeting.id, lang, told.number)}</id>",
            f"    <title>{_text(title)}</title>",
            f"    <updated>{utc_text(told.at)}</updated>",
            f'    <link rel="alternate" type="text/html" href="{_attr(href)}"/>',
            '    <content type="xhtml">',
            f'      <div xmlns="{XHTML_NS}"{rtl}>',
            *(["        <ul>"] if told.lines else []),
            *(f"          <li>{_text(line)}</li>" for line in told.lines),
            *(["        </ul>"] if told.lines else []),
            "      </div>",
            "    </content>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")
