"""The programme file written from what was read in a document: its content and YAML text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from .language import Language
from .languages import ANY_LANGUAGE
from .parts import Document, Heading, Slot
from .text import join

_LETTERS = "abcdefghijklmnopqrstuvwxyz"

# A text in the document's language, as the programme file holds it: {"zh": "..."}.
_Text = Callable[[str], dict[str, str]]


@dataclass(frozen=True)
class Imported:
    """A programme file's content, and what the importer could not place."""

    programme: dict
    warnings: list[str]

    def yaml(self, source: str) -> str:
        """The programme file's text, headed by a comment that names `source`."""
        header = (
            f"# Imported from {source} by `feeds import`. Review it against the document\n"
            "# before publishing: see docs/programme-format.md for the format, and run\n"
            "# `feeds check` after any change.\n"
        )
        body = yaml.safe_dump(
            self.programme,
            allow_unicode=True,
            sort_keys=False,
            width=100000,
            default_flow_style=False,
        )
        return header + body


def programme(document: Document, zone: str, meeting_id: str | None) -> dict:
    """The content of the programme file for `document`, its times in `zone`; the meeting's
    id is `meeting_id` or one made from the body's name and the session."""
    language = document.language
    heading = document.heading
    lang = language.code

    def text(value: str) -> dict[str, str]:
        return {lang: value}

    meeting: dict = {
        "id": meeting_id or _meeting_id(heading, language),
        "language": lang,
        "title": text(_title(heading, language)),
        "short_title": text(heading.session or heading.body),
        "body": text(heading.body),
    }
    if heading.session:
        meeting["session"] = text(heading.session)
    meeting["city"] = text(heading.city)
    meeting["venue"] = text(language.venues.get(ANY_LANGUAGE.city_key(heading.city), heading.city))
    provisional = document.title is None or ANY_LANGUAGE.provisional.search(document.title)
    meeting.update(
        {
            "timezone": zone,
            "start": heading.start.isoformat(),
            "end": heading.end.isoformat(),
            "status": "provisional" if provisional else "adopted",
        }
    )
    site = next((link for link in document.links if "undocs.org" not in link), None)
    if site:
        meeting["url"] = site
    if document.title:
        meeting["document"] = {"title": text(document.title)}
    if document.paragraphs:
        meeting["introduction"] = [text(paragraph) for paragraph in document.paragraphs]
    documents = []
    for link in dict.fromkeys(document.links):
        match = re.match(r"https?://undocs\.org/(?:[a-z]{2}/)?(.+)$", link)
        if match:
            documents.append({"symbol": match[1], "title": text(match[1]), "url": link})
    if documents:
        meeting["documents"] = documents

    programme = {
        "meeting": meeting,
        "agenda": _agenda(document.agenda, text),
        "days": _days(document, text),
    }
    if document.notes:
        programme["notes"] = [text(note) for note in document.notes]
    return programme


def _title(heading: Heading, language: Language) -> str:
    """The meeting's title: the body's name and the session."""
    if language.title_separator is None:
        return join(heading.body, heading.session or "")
    return language.title_separator.join(filter(None, [heading.body, heading.session]))


def _agenda(titles: dict[str, str], text: _Text) -> list[dict]:
    """The agenda's items in number order, each with its sub-items in letter order."""
    agenda: list[dict] = []
    parents: dict[str, dict] = {}
    for slug, title in titles.items():
        number = slug.rstrip(_LETTERS)
        if number == slug:
            entry = {"number": number, "title": text(title)}
            parents[number] = entry
            agenda.append(entry)
    for slug, title in titles.items():
        number = slug.rstrip(_LETTERS)
        letter = slug[len(number) :]
        if letter:
            parent = parents.get(number)
            if parent is None:
                parent = {"number": number, "title": text(f"{number}")}
                parents[number] = parent
                agenda.append(parent)
            parent.setdefault("sub_items", []).append({"letter": letter, "title": text(title)})
    for parent in parents.values():
        parent.get("sub_items", []).sort(key=lambda sub: sub["letter"])
    agenda.sort(key=lambda entry: int(entry["number"]) if entry["number"].isdigit() else 999)
    return agenda


def _days(document: Document, text: _Text) -> list[dict]:
    """The days of the table, each with its sessions or the note that it has none."""
    taken: set[str] = set()
    days = []
    for entry in document.days:
        blocks = []
        for slot in (s for s in document.slots if s.day == entry.day):
            segments = []
            for segment in slot.segments:
                out: dict = {}
                if segment.item is not None:
                    out["item"] = segment.item
                if segment.text is not None:
                    out["text"] = text(segment.text)
                if segment.continued:
                    out["continued"] = True
                if segment.minutes:
                    out["minutes"] = segment.minutes
                if segment.details:
                    out["details"] = [text(detail) for detail in segment.details]
                segments.append(out)
            blocks.append(
                {
                    "id": _block_id(slot, taken),
                    "start": f"{slot.start:%H:%M}",
                    "end": f"{slot.end:%H:%M}",
                    "segments": segments,
                }
            )
        day: dict = {"date": entry.day.isoformat()}
        if blocks:
            day["blocks"] = blocks
        if entry.note or not blocks:
            day["note"] = text(entry.note or document.language.no_meetings)
        days.append(day)
    return days


def _block_id(slot: Slot, taken: set[str]) -> str:
    """An id for the session, unique among `taken`, to which it is added: `mar28-am`."""
    half = "am" if slot.start.hour < 12 else "pm" if slot.start.hour < 18 else "eve"
    base = f"{slot.day:%b}{slot.day.day:02d}-{half}".lower()
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _meeting_id(heading: Heading, language: Language) -> str:
    """An id from the body's name and the session: `oewg-ict-s2`, or the year and month."""
    parts = [term for words, term in language.id_terms if words in heading.body][:2]
    if not parts and language.initial_words is not None:
        initials = "".join(
            word[0]
            for word in language.initial_words.findall(heading.body)
            if word.lower() not in language.initials_skip
        )
        parts = [initials.lower()[:8]] if initials else []
    parts = parts or ["meeting"]
    number = _session_number(heading.session)
    parts.append(f"s{number}" if number else heading.start.strftime("%Y%m"))
    return re.sub(r"[^a-z0-9-]", "", "-".join(parts))


def _session_number(session: str | None) -> int | None:
    """The session's number, in any language's words: 第二届, second, 21st."""
    if not session:
        return None
    lowered = session.lower()
    for language in ANY_LANGUAGE.languages:
        for word, number in language.session_ordinals.items():
            if re.search(rf"\b{word}\b", lowered):
                return number
        match = language.session_number.search(lowered)
        if match:
            value = match["number"]
            if value.isdigit():
                return int(value)
            total = 0
            for numeral in value:  # 十二 is 12, 二十 is 20
                worth = language.numerals[numeral]
                total = total * worth if worth == 10 and total else total + worth
            return total or None
    return None
