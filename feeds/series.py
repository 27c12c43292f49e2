"""Series of meetings: the sessions of one body, which a delegate follows from one to the next.

A programme names its series (`meeting.series: oewg-ict`). A series' feed in
a language holds every session of every meeting of the series published in
that language, with the same events as the meetings' own feeds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from . import i18n
from .model import Meeting


@dataclass(frozen=True)
class Series:
    """The meetings that name one series, oldest first (by start date, then id)."""

    id: str
    meetings: tuple[Meeting, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language any of its meetings is published in, as the oldest first gives
        them."""
        return tuple(dict.fromkeys(lang for m in self.meetings for lang in m.languages))

    def meetings_in(self, lang: str) -> tuple[Meeting, ...]:
        """Its meetings published in `lang`, oldest first."""
        return tuple(meeting for meeting in self.meetings if lang in meeting.languages)

    def name(self, lang: str) -> str:
        """What the series is called in `lang`: the body of its newest meeting there that
        names its body (`Open-ended working group on ...`), else its id."""
        for meeting in reversed(self.meetings_in(lang)):
            if meeting.body is not None:
                return meeting.body[lang]
        return self.id

    def about(self, lang: str) -> str:
        """A series calendar's description: its name, then each meeting's title in `lang`,
        and the note on unofficial translations where one applies."""
        lines = [self.name(lang)]
        lines += [meeting.title[lang] for meeting in self.meetings_in(lang)]
        notes = {
            i18n.unofficial_note(lang, meeting.language)
            for meeting in self.meetings_in(lang)
            if meeting.is_unofficial(lang)
        }
        return "\n".join([*lines, *sorted(notes)])

    def timezone(self, lang: str) -> str:
        """The zone a client shows the series in by default: its newest meeting's."""
        return self.meetings_in(lang)[-1].timezone

    def zone_spans(self, lang: str) -> list[tuple[str, date, date]]:
        """Each zone its meetings in `lang` are held in, with the first and last dates it
        must cover, in the order the meetings first use them."""
        spans: dict[str, tuple[date, date]] = {}
        for meeting in self.meetings_in(lang):
            first, last = meeting.span
            known = spans.get(meeting.timezone)
            if known is not None:
                first, last = min(first, known[0]), max(last, known[1])
            spans[meeting.timezone] = (first, last)
        return [(zone, first, last) for zone, (first, last) in spans.items()]


def series_of(meetings: Iterable[Meeting]) -> list[Series]:
    """Every series the meetings name, by id."""
    found: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        if meeting.series is not None:
            found.setdefault(meeting.series, []).append(meeting)
    return [
        Series(series_id, tuple(sorted(found[series_id], key=lambda m: (m.start, m.id))))
        for series_id in sorted(found)
    ]
