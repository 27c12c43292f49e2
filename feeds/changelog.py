"""A meeting's change sets as a reader sees them in one language.

The meeting page, the Atom feed of changes and programme.json all show the
same change sets with the same words, times and anchors; they take them from
here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import changes, i18n, urls
from .changes import ChangeSet
from .model import Text, utc_text
from .revisions import Published


def label(version: Text | None, lang: str) -> str | None:
    """A version label in one language (a label recorded before the language was
    added is shown as it was recorded, in the first language it has)."""
    if not version:
        return None
    return version.get(lang) or next(iter(version.values()))


@dataclass(frozen=True)
class Told:
    """One change set in one language: when, which version, and what changed, in words."""

    change_set: ChangeSet
    lang: str
    moment: str  # `Wednesday, 2 December 2026, 14:30 UTC`
    version: str | None  # the label alone: `Rev.2`
    sentences: tuple[str, ...]  # one for each change, in the order recorded

    @property
    def number(self) -> int:
        return self.change_set.number

    @property
    def at(self) -> datetime:
        return self.change_set.at

    @property
    def at_text(self) -> str:
        """Its time as `2026-12-02T14:30:00Z`."""
        return utc_text(self.change_set.at)

    @property
    def anchor(self) -> str:
        """The id of its entry on the meeting page."""
        return urls.change_anchor(self.number)

    @property
    def lines(self) -> tuple[str, ...]:
        """What to list under it: its sentences, or its version when that alone changed."""
        if self.sentences or self.version is None:
            return self.sentences
        return (i18n.words(self.lang).change.version.format(version=self.version),)


def tell(change_set: ChangeSet, lang: str) -> Told:
    return Told(
        change_set,
        lang,
        changes.moment(change_set.at, lang),
        label(change_set.version, lang),
        tuple(changes.sentence(change, lang) for change in change_set.changes),
    )


def told(entry: Published, lang: str) -> list[Told]:
    """Every change set of a meeting in one language, newest first."""
    return [tell(change_set, lang) for change_set in reversed(entry.history)]


def last_changed(entry: Published) -> datetime | None:
    """When the newest change set was recorded, if there is one."""
    return entry.history[-1].at if entry.history else None


def updated(entry: Published) -> datetime:
    """When the list of changes, or the meeting it is about, last changed."""
    newest = last_changed(entry)
    return max(entry.meeting_modified, newest) if newest else entry.meeting_modified
