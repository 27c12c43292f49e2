"""Agenda items in a session's segments: numbered items, lettered sub-items, "Item 5 (a)",
references such as "(agenda item 5)", and the `(continued)` and `(15 minutes)` after them."""

from __future__ import annotations

import re

from ..model import item_slug
from .language import Language
from .languages import ANY_LANGUAGE
from .parts import Segment, Slot
from .text import clean, fold, strip_suffix

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def take_items(slots: list[Slot], language: Language) -> dict[str, str]:
    """The agenda the segments of `slots` name (item slug -> title, in the order they name
    them), having marked each segment with the item it takes up, whether it is continued and
    its minutes, and kept its text only where it says more than the item's title."""
    agenda: dict[str, str] = {}
    for slot in slots:
        parent: str | None = None
        for segment in slot.segments:
            parent = _classify(segment, parent, agenda, language)
    return agenda


def _classify(
    segment: Segment, parent: str | None, agenda: dict[str, str], language: Language
) -> str | None:
    """Mark `segment`; the slug of the item that a following lettered line belongs to."""
    text = segment.text or ""
    if ANY_LANGUAGE.continued.search(fold(text)):
        segment.continued = True
        text = strip_suffix(text, ANY_LANGUAGE.continued)
    minutes = ANY_LANGUAGE.minutes.search(fold(text))
    if minutes:
        segment.minutes = int(minutes[1])
        text = strip_suffix(text, ANY_LANGUAGE.minutes)
        if ANY_LANGUAGE.continued.search(fold(text)):
            segment.continued = True
            text = strip_suffix(text, ANY_LANGUAGE.continued)
    if not text.strip() and segment.number is None:
        # A marker alone ("(continued)", "(15 minutes)") says nothing of itself: kept as written.
        segment.continued, segment.minutes = False, None
        return parent
    norm = fold(text)
    numbering = language.numbering
    if segment.number is not None:
        number = segment.number
        sub = numbering.sub_item.match(norm)
        if sub:  # "4   (a) Universalization": the item's column, then its sub-item
            title = _after(text, numbering.sub_item_prefix)
            agenda.setdefault(item_slug(number), language.item_placeholder.format(number=number))
            slug = item_slug(number + numbering.latin(sub["letter"]))
            _take(segment, slug, title, text, number, agenda, language)
            return item_slug(number)
        title = clean(text)
        return _take(segment, item_slug(number), title, title, number, agenda, language)
    item = numbering.item.match(norm)
    if item:
        number = item["number"]
        title = _after(text, numbering.item_prefix)
        return _take(segment, item_slug(number), title, text, number, agenda, language)
    sub = numbering.sub_item.match(norm)
    if sub and parent is not None:
        title = _after(text, numbering.sub_item_prefix)
        number = parent.rstrip(_LETTERS)
        slug = item_slug(number + numbering.latin(sub["letter"]))
        _take(segment, slug, title, text, number, agenda, language)
        return parent
    for any_language in ANY_LANGUAGE.languages:
        word = any_language.item_line.match(norm) if any_language.item_line else None
        if word:
            number, letter = word["number"], word["letter"]
            segment.item = item_slug(number + (letter or ""))
            title = re.sub(r"^\s*[.:：]?\s*", "", word["rest"]).strip()
            placeholder = any_language.item_placeholder.format(number=number) + (
                f"({letter})" if letter else ""
            )
            known = agenda.get(segment.item)
            if title and (known is None or known == placeholder):
                agenda[segment.item] = clean(title)
            else:
                agenda.setdefault(segment.item, placeholder)
            segment.text = text
            return item_slug(number)
    reference = ANY_LANGUAGE.item_reference(norm)
    if reference:
        number = reference["number"]
        segment.item = item_slug(number + (reference.groupdict().get("letter") or ""))
        agenda.setdefault(segment.item, language.item_placeholder.format(number=number))
    segment.text = text
    return parent


def _take(
    segment: Segment,
    slug: str,
    title: str,
    text: str,
    number: str,
    agenda: dict[str, str],
    language: Language,
) -> str:
    """Mark `segment` as taking up item `slug`, titled `title` unless the agenda knows better.

    A language that numbers items otherwise than the feeds do (`5 -`, `(ب)`) keeps the
    item's line as it prints it."""
    segment.item = slug
    known = agenda.get(slug)
    if known is None or known.startswith(ANY_LANGUAGE.placeholder_prefixes):
        agenda[slug] = title
        known = title
    letter = slug[len(number) :]
    printed = language.numbering.line(number, letter, title)
    if title != known:
        segment.text = text
    elif printed == (f"({letter}) {title}" if letter else f"{number}. {title}"):
        segment.text = None  # as the feeds print the item from the agenda
    else:
        segment.text = printed
    return item_slug(number)


def _after(text: str, prefix: re.Pattern[str]) -> str:
    return prefix.sub("", text, count=1).strip()
