"""The programme file written from what was read in a document: its content and YAML text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, time

from .language import Language
from .languages import ANY_LANGUAGE, DEFAULT
from .merge import is_provisional
from .parts import Document, Heading, Segment, Slot
from .text import join
from .yamltext import file_text

_LETTERS = "abcdefghijklmnopqrstuvwxyz"

# A text in every version's language, as the programme file holds it: {"zh": "...", "en": ...},
# from the function that finds it in one version.
_Text = Callable[[Callable[[Document], str]], dict[str, str]]


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
        return header + file_text(self.programme)[0]


def programme(documents: Sequence[Document], zone: str, meeting_id: str | None) -> dict:
    """The content of the programme file for `documents`, its times in `zone`; the meeting's
    id is `meeting_id` or one made from the body's name and the session.

    `documents` are the language versions of one programme, found to agree by
    `merge.check`: the first is the source, the others the UN's own (official)
    translations. Each text of the file holds every version's text at the same place.
    """
    source = documents[0]
    heading = source.heading

    def text(get: Callable[[Document], str]) -> dict[str, str]:
        return {document.language.code: get(document) for document in documents}

    meeting: dict = {
        "id": meeting_id or _merged_meeting_id(documents),
        "language": source.language.code,
    }
    if len(documents) > 1:
        meeting["translations"] = {d.language.code: "official" for d in documents[1:]}
    meeting.update(
        {
            "title": text(lambda d: _title(d.heading, d.language)),
            "short_title": text(lambda d: d.heading.session or d.heading.body),
            "body": text(lambda d: d.heading.body),
        }
    )
    if all(document.heading.session for document in documents):
        meeting["session"] = text(lambda d: d.heading.session or "")
    meeting["city"] = text(lambda d: d.heading.city)
    meeting["venue"] = text(
        lambda d: d.language.venues.get(ANY_LANGUAGE.city_key(d.heading.city), d.heading.city)
    )
    meeting.update(
        {
            "timezone": zone,
            "start": heading.start.isoformat(),
            "end": heading.end.isoformat(),
            "status": "provisional" if is_provisional(source) else "adopted",
        }
    )
    site = next(
        (link for d in documents for link in d.links if "undocs.org" not in link),
        None,
    )
    if site:
        meeting["url"] = site
    if source.title:
        meeting["document"] = {"title": text(lambda d: d.title or "")}
    if source.paragraphs:
        meeting["introduction"] = [
            text(lambda d, i=i: d.paragraphs[i]) for i in range(len(source.paragraphs))
        ]
    documents_cited = _documents_cited(documents)
    if documents_cited:
        meeting["documents"] = documents_cited

    programme = {
        "meeting": meeting,
        "agenda": _agenda(list(source.agenda), lambda slug: text(lambda d: d.agenda[slug])),
        "days": _days(documents, text),
    }
    if source.notes:
        programme["notes"] = [text(lambda d, i=i: d.notes[i]) for i in range(len(source.notes))]
    return programme


def _documents_cited(documents: Sequence[Document]) -> list[dict]:
    """The documents linked at undocs.org, in the source's order, each with the address
    every version gives it (one for all if they are the same)."""
    links: dict[str, dict[str, str]] = {}  # symbol -> language -> address
    for document in documents:
        for link in document.links:
            match = re.match(r"https?://undocs\.org/(?:[a-z]{2}/)?(.+)$", link)
            if match:
                links.setdefault(match[1], {}).setdefault(document.language.code, link)
    cited = []
    for symbol, by_language in links.items():
        first = next(iter(by_language.values()))
        url: str | dict[str, str] = {
            d.language.code: by_language.get(d.language.code, first) for d in documents
        }
        if len(set(url.values())) == 1:
            url = first
        cited.append(
            {"symbol": symbol, "title": {d.language.code: symbol for d in documents}, "url": url}
        )
    return cited


def _title(heading: Heading, language: Language) -> str:
    """The meeting's title: the body's name and the session."""
    if language.title_separator is None:
        return join(heading.body, heading.session or "")
    return language.title_separator.join(filter(None, [heading.body, heading.session]))


def _agenda(slugs: list[str], title: Callable[[str], dict[str, str]]) -> list[dict]:
    """The agenda's items in number order, each with its sub-items in letter order; `title`
    gives an item's title in every language."""
    agenda: list[dict] = []
    parents: dict[str, dict] = {}
    for slug in slugs:
        number = slug.rstrip(_LETTERS)
        if number == slug:
            entry = {"number": number, "title": title(slug)}
            parents[number] = entry
            agenda.append(entry)
    for slug in slugs:
        number = slug.rstrip(_LETTERS)
        letter = slug[len(number) :]
        if letter:
            parent = parents.get(number)
            if parent is None:
                parent = {"number": number, "title": dict.fromkeys(title(slug), number)}
                parents[number] = parent
                agenda.append(parent)
            parent.setdefault("sub_items", []).append({"letter": letter, "title": title(slug)})
    for parent in parents.values():
        parent.get("sub_items", []).sort(key=lambda sub: sub["letter"])
    agenda.sort(key=lambda entry: int(entry["number"]) if entry["number"].isdigit() else 999)
    return agenda


def _days(documents: Sequence[Document], text: _Text) -> list[dict]:
    """The days of the table, each with its sessions or the note that it has none; the
    versions' days, sessions, segments and details are matched by position."""
    source = documents[0]
    taken: set[str] = set()
    days = []
    for index, entry in enumerate(source.days):
        blocks = []
        for k, slot in enumerate(source.slots):
            if slot.day != entry.day:
                continue
            segments = []
            for j, segment in enumerate(slot.segments):

                def at(document: Document, k: int = k, j: int = j) -> Segment:
                    return document.slots[k].segments[j]

                out: dict = {}
                if segment.item is not None:
                    out["item"] = segment.item
                if any(at(document).text is not None for document in documents):
                    # A version that prints the item alone gets the line the item prints.
                    out["text"] = text(lambda d, at=at: at(d).text or _item_line(d, at(d).item))
                if segment.continued:
                    out["continued"] = True
                if segment.minutes:
                    out["minutes"] = segment.minutes
                if segment.details:
                    out["details"] = [
                        text(lambda d, at=at, n=n: at(d).details[n])
                        for n in range(len(segment.details))
                    ]
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
            day["note"] = text(lambda d, index=index: d.days[index].note or d.language.no_meetings)
        days.append(day)
    return days


def _item_line(document: Document, slug: str | None) -> str:
    """The line an agenda item alone prints in `document`'s language: `5. Title`, `(d) Title`."""
    assert slug is not None  # a segment without text takes up an item
    number = slug.rstrip(_LETTERS)
    letter = slug[len(number) :]
    return document.language.numbering.line(number, letter, document.agenda[slug])


def _block_id(slot: Slot, taken: set[str]) -> str:
    return block_id(slot.day, slot.start, taken)


def block_id(day: date, start: time, taken: set[str]) -> str:
    """An id for a session on `day` from `start`, unique among `taken`, to which it is
    added: `mar28-am`, `mar28-pm`, `mar28-eve`, then `mar28-am-2`."""
    half = "am" if start.hour < 12 else "pm" if start.hour < 18 else "eve"
    base = f"{day:%b}{day.day:02d}-{half}".lower()
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _merged_meeting_id(documents: Sequence[Document]) -> str:
    """The meeting's id, the same whichever version is the source or comes first (it makes
    every UID): from the version whose language knows words of the body's name (`oewg`,
    `ict`), else from the default language's (English), else from the first language code
    in alphabetical order."""

    def rank(document: Document) -> tuple[bool, bool, str]:
        language = document.language
        named = any(words in document.heading.body for words, _term in language.id_terms)
        return not named, language is not DEFAULT, language.code

    chosen = min(documents, key=rank)
    return _meeting_id(chosen.heading, chosen.language)


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
