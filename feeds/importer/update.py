"""A revised programme-of-work document read over the programme file it revises.

Blocks keep their ids, and with them their events' UIDs: a block of the revision takes the
id of the programme's block on the same day at the same time (or, failing that, from the
same start), else of one that takes up the same agenda items (or, for a block that takes
up none, prints the same lines). A block that matches none gets a fresh id, named as the
importer names them, that neither the programme nor its revisions file has used. Blocks of
the programme that match none are left out (the revisions file publishes them as cancelled).

A text whose source text is unchanged keeps its translations, and any outdated marks. A
text whose source text changed keeps its translations, marked outdated; a text new in the
revision gets a copy of its source text in each translation, marked outdated. The texts
of other language versions of the revision, read with it, are taken as they are.

What a document does not say is kept from the programme: the meeting's id, time zone,
translations, address, short title, author line, version and cited documents' titles;
each block's title, room and cancellation; a status of postponed or cancelled.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from ..checker import OUTDATED
from ..model import Meeting, item_slug
from ..yamlnodes import read_nodes
from .document import import_documents
from .merge import item_label
from .text import DocumentError
from .writer import block_id
from .yamltext import comments, file_text, plain

#: A text as a programme file holds it: a value for each language, perhaps `outdated`.
_Text = dict[str, object]
# What a block is matched by, in turn: its day and times, its day and start, its content.
_Key = Callable[[str, dict], object]


@dataclass(frozen=True)
class Update:
    """The programme file's text after a revision, and what the reading noticed."""

    text: str
    changed: bool  # whether the content differs from the file's
    warnings: list[str]


def update_programme(
    documents: Sequence[Path],
    programme: Path,
    meeting: Meeting,
    retired: Iterable[str] = (),
    source: str | None = None,
    lang: str | None = None,
) -> Update:
    """The programme file `programme`, holding `meeting`, with the revision `documents`
    read over it; DocumentError if a document cannot be read or is not a version of the
    programme in one of its languages.

    The document in the programme's source language (or `source`) is the revision; the
    others are its versions in the programme's translations. Ids in `retired` (those the
    revisions file remembers) are never given to a new block. `lang` as for the importer.
    """
    names = ", ".join(str(path) for path in documents)
    wanted = source or meeting.language
    if wanted != meeting.language:
        raise DocumentError(
            names,
            None,
            f"the programme's source language is {meeting.language}, not {wanted}; "
            f"a revision is read in {meeting.language}",
        )
    imported = import_documents(
        documents, timezone=meeting.timezone, meeting_id=meeting.id, source=wanted, lang=lang
    )
    new = imported.programme
    others = [code for code in new["meeting"].get("translations", {}) if code != wanted]
    strangers = [code for code in others if code not in meeting.translations]
    if strangers:
        raise DocumentError(
            names,
            None,
            f"a version in {', '.join(strangers)}, which the programme is not published in "
            f"(its languages: {', '.join(meeting.languages)})",
        )
    text = programme.read_text(encoding="utf-8")
    old = plain(read_nodes(programme))
    assert isinstance(old, dict)  # the file was loaded as a programme
    texts = _Texts(meeting.language, tuple(meeting.translations))
    texts.remember(old)
    updated = _Merge(texts, set(retired)).programme(old, new)
    written, left_out = file_text(updated, comments(text))
    warnings = list(imported.warnings)
    if left_out:
        warnings.append(
            f"{programme}: the lines under these comments are gone, so the comments are left "
            "out: " + " / ".join(line.strip() for line in left_out)
        )
    return Update(written, updated != old, warnings)


@dataclass
class _Texts:
    """The programme's texts, to give a revision's texts their translations."""

    source: str
    translations: tuple[str, ...]
    known: dict[str, _Text] = field(default_factory=dict)  # source text -> first text with it

    def remember(self, data: object) -> None:
        """Remember every text in a programme file's `data`, by its source text."""
        if isinstance(data, dict):
            if self._is_text(data):
                self.known.setdefault(str(data[self.source]), data)
                return
            for value in data.values():
                self.remember(value)
        elif isinstance(data, list):
            for value in data:
                self.remember(value)

    def _is_text(self, data: dict) -> bool:
        languages = {self.source, *self.translations, OUTDATED}
        return isinstance(data.get(self.source), str) and set(data) <= languages

    def text(self, new: dict[str, str], old: object = None) -> _Text:
        """The revision's text `new` (the source text, and any versions' texts) with its
        translations, `old` being the programme's text at the same place, if any."""
        wording = new[self.source]
        counterpart = old if isinstance(old, dict) and self._is_text(old) else None
        if counterpart is not None and counterpart[self.source] == wording:
            base: _Text | None = counterpart
        else:
            base = self.known.get(wording)
        if base is not None:
            values = {lang: base[lang] for lang in self.translations}
            marked = set(base.get(OUTDATED) or ())
        elif counterpart is not None:  # the source text changed
            values = {lang: counterpart[lang] for lang in self.translations}
            marked = set(self.translations)
        else:  # new in the revision
            values = dict.fromkeys(self.translations, wording)
            marked = set(self.translations)
        for lang, value in new.items():  # a version of the revision in that language
            if lang in values:
                values[lang] = value
                marked.discard(lang)
        result: _Text = {self.source: wording, **values}
        if marked:
            result[OUTDATED] = [lang for lang in self.translations if lang in marked]
        return result

    def texts(self, new: list[dict[str, str]], old: object) -> list[_Text]:
        """A list of texts (paragraphs, notes, lines under a segment), each with the old
        text at its place, found by comparing the two lists' source texts."""
        before = old if isinstance(old, list) else []
        wordings = [self.wording(text) for text in before]
        places = _aligned(wordings, [text[self.source] for text in new])
        return [
            self.text(text, before[places[index]] if index in places else None)
            for index, text in enumerate(new)
        ]

    def wording(self, text: object) -> str | None:
        """The source text of a text in the programme file, if it is one."""
        return str(text[self.source]) if isinstance(text, dict) and self._is_text(text) else None


def _aligned(old: Sequence[object], new: Sequence[object]) -> dict[int, int]:
    """Where each entry of `new` stood in `old`: the same entries in the same order, and
    entries replaced, one for one, by those at their place."""
    places: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            places.update(zip(range(j1, j2), range(i1, i2), strict=False))
    return places


def _in_order(merged: dict, old: dict, new: dict) -> dict:
    """`merged` with the keys of `old` in its order, and each key only `new` has after
    the key it follows in `new`."""
    order = [key for key in old if key in merged]
    keys = list(new)
    for index, key in enumerate(keys):
        if key in order or key not in merged:
            continue
        before = [earlier for earlier in keys[:index] if earlier in order]
        order.insert(order.index(before[-1]) + 1 if before else 0, key)
    order += [key for key in merged if key not in order]
    return {key: merged[key] for key in order}


def _clock(value: object) -> time | None:
    hours, _, minutes = str(value).partition(":")
    return time(int(hours), int(minutes)) if hours.isdigit() and minutes.isdigit() else None


@dataclass
class _Merge:
    texts: _Texts
    retired: set[str]
    written: dict[str, str] = field(default_factory=dict)  # item slug -> as the file writes it

    def programme(self, old: dict, new: dict) -> dict:
        """The programme file's content `old` with the revision `new` read over it."""
        for day in old.get("days", []):
            for block in day.get("blocks", []):
                for segment in block.get("segments", []):
                    if "item" in segment:
                        self.written.setdefault(item_slug(segment["item"]), segment["item"])
        merged = dict(old)
        merged["meeting"] = self.meeting(old["meeting"], new["meeting"])
        merged["agenda"] = self.agenda(old.get("agenda", []), new["agenda"])
        merged["days"] = self.days(old.get("days", []), new["days"])
        if "notes" in new:
            merged["notes"] = self.texts.texts(new["notes"], old.get("notes"))
        return _in_order(merged, old, new)

    def meeting(self, old: dict, new: dict) -> dict:
        texts = self.texts
        merged = dict(old)
        for key in ("title", "body", "session", "city"):
            if key in new:
                merged[key] = texts.text(new[key], old.get(key))
        if "city" in old and texts.wording(old["city"]) != new["city"][texts.source]:
            merged["venue"] = texts.text(new["venue"], old.get("venue"))  # a venue in another city
        merged["start"], merged["end"] = new["start"], new["end"]
        if old.get("status") not in ("postponed", "cancelled"):
            merged["status"] = new["status"]
        if "url" in new and "url" not in old:
            merged["url"] = new["url"]
        if "document" in new:
            document = dict(old.get("document") or {})
            document["title"] = texts.text(new["document"]["title"], document.get("title"))
            merged["document"] = _in_order(document, old.get("document") or {}, new["document"])
        if "introduction" in new:
            merged["introduction"] = texts.texts(new["introduction"], old.get("introduction"))
        if "documents" in new:
            cited = {entry.get("symbol"): entry for entry in old.get("documents", [])}
            merged["documents"] = [
                cited.get(entry["symbol"])
                or {**entry, "title": texts.text(entry["title"]), "url": entry["url"]}
                for entry in new["documents"]
            ]
        return _in_order(merged, old, new)

    def agenda(self, old: list[dict], new: list[dict]) -> list[dict]:
        """The revision's agenda, each item and sub-item with the title the programme gives
        the same number, if any."""
        titles: dict[str, object] = {}
        numbers: dict[str, str] = {}
        for item in old:
            slug = item_slug(str(item.get("number", "")))
            titles[slug], numbers[slug] = item.get("title"), str(item.get("number"))
            for sub in item.get("sub_items", []):
                titles[slug + item_slug(str(sub.get("letter", "")))] = sub.get("title")
        agenda = []
        for item in new:
            slug = item_slug(str(item["number"]))
            entry = {
                "number": numbers.get(slug, str(item["number"])),
                "title": self.texts.text(item["title"], titles.get(slug)),
            }
            if "sub_items" in item:
                entry["sub_items"] = [
                    {
                        "letter": sub["letter"],
                        "title": self.texts.text(sub["title"], titles.get(slug + sub["letter"])),
                    }
                    for sub in item["sub_items"]
                ]
            agenda.append(entry)
        return agenda

    def days(self, old: list[dict], new: list[dict]) -> list[dict]:
        earlier = [(str(day["date"]), block) for day in old for block in day.get("blocks", [])]
        later = [(str(day["date"]), block) for day in new for block in day.get("blocks", [])]
        matches = _matches(later, earlier, self.texts)
        taken = {str(block.get("id")) for _, block in earlier} | self.retired
        ids: dict[int, str] = {}
        for index, (day, block) in enumerate(later):
            if index in matches:
                ids[index] = str(matches[index]["id"])
            else:
                start = _clock(block["start"]) or time(0)
                ids[index] = block_id(date.fromisoformat(day), start, taken)
        old_days = {str(day["date"]): day for day in old}
        days, index = [], 0
        for day in new:
            before = old_days.get(str(day["date"]), {})
            merged: dict = {"date": day["date"]}
            if "blocks" in day:
                merged["blocks"] = []
                for block in day["blocks"]:
                    merged["blocks"].append(self.block(block, matches.get(index), ids[index]))
                    index += 1
            if "note" in day:
                merged["note"] = self.texts.text(day["note"], before.get("note"))
            days.append(_in_order(merged, before, day))
        return days

    def block(self, new: dict, old: dict | None, ident: str) -> dict:
        """The revision's block `new`, with the id `ident`, and the title, room and
        cancellation of the programme's block `old` it matches."""
        before = old or {}
        merged = {key: value for key, value in before.items() if key in ("title", "room")}
        if "cancelled" in before:
            merged["cancelled"] = before["cancelled"]
        merged.update(id=ident, start=new["start"], end=new["end"])
        segments = before.get("segments", [])
        places = _aligned(
            [_segment_key(s, self.texts) for s in segments],
            [_segment_key(s, self.texts) for s in new["segments"]],
        )
        merged["segments"] = [
            self.segment(segment, segments[places[n]] if n in places else None)
            for n, segment in enumerate(new["segments"])
        ]
        return _in_order(merged, before, new)

    def segment(self, new: dict, old: dict | None) -> dict:
        before = old or {}
        merged: dict = {}
        if "item" in new:
            slug = item_slug(str(new["item"]))
            merged["item"] = self.written.get(slug, item_label(slug))
        if "text" in new:
            merged["text"] = self.texts.text(new["text"], before.get("text"))
        elif "item" in new and "text" in before and _same_item(before, new):
            merged["text"] = before["text"]  # the programme's own line for the item
        if new.get("continued"):
            merged["continued"] = "true"
        if new.get("minutes"):
            merged["minutes"] = str(new["minutes"])
        if "details" in new:
            merged["details"] = self.texts.texts(new["details"], before.get("details"))
        return _in_order(merged, before, new)


def _same_item(old: dict, new: dict) -> bool:
    return item_slug(str(old.get("item", ""))) == item_slug(str(new["item"]))


def _segment_key(segment: dict, texts: _Texts) -> tuple[str | None, str | None]:
    item = item_slug(str(segment["item"])) if "item" in segment else None
    text = segment.get("text")
    wording = text[texts.source] if isinstance(text, dict) and texts.source in text else None
    return item, (str(wording) if wording is not None else None)


def _content(block: dict, texts: _Texts) -> tuple | None:
    """What a block takes up: its agenda items in order, or, if none, its lines."""
    keys = [_segment_key(segment, texts) for segment in block.get("segments", [])]
    items = tuple(dict.fromkeys(item for item, _ in keys if item is not None))
    if items:
        return ("items", *items)
    lines = tuple(text for _, text in keys if text is not None)
    return ("lines", *lines) if lines else None


def _matches(
    new: list[tuple[str, dict]], old: list[tuple[str, dict]], texts: _Texts
) -> dict[int, dict]:
    """Which of the programme's blocks `old` each of the revision's blocks `new` (each with
    its day) is, by index in `new`: matched by day and times, then by day and start, then
    by content, each of `old` at most once, in the order of the programme."""
    keys: list[_Key] = [
        lambda day, block: (day, _clock(block.get("start")), _clock(block.get("end"))),
        lambda day, block: (day, _clock(block.get("start"))),
        lambda _day, block: _content(block, texts),
    ]
    matches: dict[int, dict] = {}
    free = list(range(len(old)))
    for key in keys:
        for index, (day, block) in enumerate(new):
            if index in matches:
                continue
            wanted = key(day, block)
            found = next((n for n in free if key(*old[n]) == wanted), None)
            if wanted is not None and found is not None:
                matches[index] = old[found][1]
                free.remove(found)
    return matches
