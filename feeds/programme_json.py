"""programme.json: a meeting's programme in one language, for websites to embed, with
what changed in it since it was published."""

from __future__ import annotations

import json

from . import changelog, i18n, urls, zones
from .feedlist import Feed
from .model import Block, Meeting, utc_text
from .revisions import Published

FORMAT_VERSION = 1


def _local(meeting: Meeting, block: Block, start: bool) -> str:
    return zones.to_local(
        meeting.timezone, block.date, block.start if start else block.end
    ).isoformat()


def _text(value, lang: str) -> str | None:
    return value[lang] if value is not None else None


def render(entry: Published, lang: str, feeds: list[Feed], base_url: str = "") -> bytes:
    """The document, as UTF-8 JSON bytes that are the same for the same data."""
    meeting, revisions = entry.meeting, entry.revisions
    feed_urls = {(feed.kind, feed.key): base_url + feed.path for feed in feeds}
    last_changed = changelog.last_changed(entry)
    blocks = []
    for block in meeting.blocks:
        revision = revisions[block.id]
        fields = entry.events[lang][block.id]
        changed_in = entry.last_change(block.id)
        blocks.append(
            {
                "id": block.id,
                "uid": fields.uid,
                "date": block.date.isoformat(),
                "start": _local(meeting, block, True),
                "end": _local(meeting, block, False),
                "start_utc": utc_text(fields.start_utc),
                "end_utc": utc_text(fields.end_utc),
                "title": fields.title,
                "status": fields.status,
                "cancelled": block.cancelled,
                "removed": block.id in entry.removed,
                "changed_in": changed_in.number if changed_in is not None else None,
                "items": list(block.items),
                "room": _text(block.room, lang),
                "segments": [
                    {
                        "item": segment.item,
                        "text": _text(segment.text, lang),
                        "continued": segment.continued,
                        "minutes": segment.minutes,
                        "details": [detail[lang] for detail in segment.details],
                        "lines": list(lines),
                    }
                    for segment, lines in zip(block.segments, fields.lines, strict=True)
                ],
                "description": fields.description,
                "sequence": revision.sequence,
                "last_modified": utc_text(revision.modified),
                "feed": feed_urls[("event", block.id)],
            }
        )
    document = {
        "format": FORMAT_VERSION,
        "language": lang,
        "languages": list(meeting.languages),
        "translation": meeting.translations.get(lang, "source"),
        "meeting": {
            "id": meeting.id,
            "title": meeting.title[lang],
            "short_title": meeting.short_title[lang],
            "body": _text(meeting.body, lang),
            "session": _text(meeting.session, lang),
            "city": _text(meeting.city, lang),
            "venue": meeting.venue[lang],
            "timezone": meeting.timezone,
            "start": meeting.start.isoformat(),
            "end": meeting.end.isoformat(),
            "status": meeting.status,
            "version": changelog.label(meeting.version, lang),
            "last_changed": utc_text(last_changed) if last_changed is not None else None,
            "url": _text(meeting.url, lang),
            "document_title": _text(meeting.document_title, lang),
            "issued_by": _text(meeting.issued_by, lang),
            "introduction": [paragraph[lang] for paragraph in meeting.introduction],
            "documents": [
                {"symbol": doc.symbol, "title": doc.title[lang], "url": doc.url[lang]}
                for doc in meeting.documents
            ],
            "notes": [note[lang] for note in meeting.notes],
        },
        "agenda": [
            {
                "slug": item.slug,
                "number": item.number,
                "letter": item.letter,
                "label": item.label,
                "title": item.title[lang],
                "parent": item.parent_slug,
                "feed": feed_urls[("item", item.slug)],
            }
            for item in meeting.agenda
        ],
        "days": [
            {
                "date": day.date.isoformat(),
                "label": i18n.day_label(lang, day.date),
                "note": _text(day.note, lang),
                "blocks": [block.id for block in day.blocks],
                "feed": feed_urls[("day", day.date.isoformat())],
            }
            for day in meeting.days
        ],
        "blocks": blocks,
        "changes": [
            {
                "number": told.number,
                "at": utc_text(told.at),
                "version": told.version,
                "changes": [
                    {**change.as_data(), "text": text}
                    for change, text in zip(told.change_set.changes, told.sentences, strict=True)
                ],
            }
            for told in changelog.told(entry, lang)
        ],
        "changes_feed": base_url + urls.changes(lang, meeting.id),
        # Every session of the meeting's series in this language, the meeting's among them.
        "series": (
            {"id": meeting.series, "feed": base_url + urls.series_feed(lang, meeting.series)}
            if meeting.series is not None
            else None
        ),
        "feeds": [
            {
                "kind": feed.kind,
                "key": feed.key,
                "label": feed.label,
                "url": feed_urls[(feed.kind, feed.key)],
            }
            for feed in feeds
        ],
    }
    # Compact: the C encoder (indentation would take the slow pure-Python one).
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
