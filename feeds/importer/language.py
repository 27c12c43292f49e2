"""The shape of a language's table: the words and forms the reader looks for in a document.

A language is data. The reader has no branch for any language: it reads a document with
the table of the document's language (time slots, the heading, wrapped lines, error
examples) and, for the words that turn up in documents of any language (day lines,
`(continued)`, item references, page headers), with the tables of all of them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Period:
    """A word that places a written hour in the day: `p.m.`, `下午`, `noon`."""

    add: int = 0  # hours added to a written hour that lies in `hours`
    hours: range = range(0)
    at: int | None = None  # the hour the word means, whatever hour is written (`noon`)
    carries: bool = True  # whether it also holds for the other end of a slot that has none


@dataclass(frozen=True)
class SlotForm:
    """One way a language writes a time slot: `10 a.m.-1 p.m.`, `上午 10 时至下午 1 时`.

    The pattern matches at the start of a folded line, with named groups for each end
    (1, 2) of the slot: `h` the hour, `m` the minutes, `half` a word for half past, `p` a
    period word beside the hour, `w` a period word standing for a time of its own (`noon`).
    """

    pattern: re.Pattern[str]
    # Period words, in lower case without spaces or dots (`a. m.` is `am`).
    periods: Mapping[str, Period] = field(default_factory=dict)
    # Which end of a slot that has a period word at one end only takes it:
    # "forward", the end takes the start's (`上午 10 时至 12 时`);
    # "back", the start takes the end's (`10-11:30 a.m.`), unless the start's hour is written
    # later than the end's and the word would move it (`10-1 p.m.`): then it takes `default`.
    shared: Literal["forward", "back"] | None = None
    default: Period | None = None
    needs_period: bool = False  # a slot without any period word is not a slot


@dataclass(frozen=True)
class Numbering:
    """How agenda items, sub-items and the introduction's paragraphs are numbered."""

    item: re.Pattern[str]  # folded text: groups `number`, `title`
    item_prefix: re.Pattern[str]  # the same number as written, to take the title after it
    sub_item: re.Pattern[str]  # folded text: groups `letter`, `title`
    sub_item_prefix: re.Pattern[str]  # the same letter as written
    paragraph: re.Pattern[str]  # text as written: groups `number`, `text`
    # An item's number alone in a column of the table (`4   General exchange of views`):
    # folded text of the column, group `number`.
    column_item: re.Pattern[str] = re.compile(r"^(?P<number>\d{1,2})$")
    # A sub-item's letter as written -> the Latin letter of its slug (`(ب)` is `b`), for
    # scripts other than the Latin; the same letter where it has none.
    letters: Mapping[str, str] = field(default_factory=dict)
    # How the language prints an item and a sub-item (with its own letter) alone on a line.
    item_format: str = "{number}. {title}"
    sub_item_format: str = "({letter}) {title}"

    def latin(self, letter: str) -> str:
        """The Latin letter of a sub-item's slug for `letter` as written."""
        return self.letters.get(letter, letter)

    def line(self, number: str, letter: str, title: str) -> str:
        """The line an item (or, with a Latin `letter`, a sub-item) alone prints: `5. Title`."""
        if not letter:
            return self.item_format.format(number=number, title=title)
        written = next((own for own, latin in self.letters.items() if latin == letter), letter)
        return self.sub_item_format.format(letter=written, title=title)


# "1. Opening of the session", "(a) General debate": the numbering of UN documents in Chinese
# and English alike.
NUMBERS_AND_LETTERS = Numbering(
    item=re.compile(r"^(?P<number>\d{1,2})\s*\.\s+(?P<title>\S.*)$"),
    item_prefix=re.compile(r"^\s*\d{1,2}\s*[.．]\s*"),
    sub_item=re.compile(r"^\((?P<letter>[a-z])\)\s*(?P<title>\S.*)$"),
    sub_item_prefix=re.compile(r"^\s*[(（]\s*[a-z]\s*[)）]\s*"),
    paragraph=re.compile(r"^(?P<number>\d{1,2})\s*\.\s+(?P<text>.*)$"),
)


@dataclass(frozen=True)
class Language:
    """The words and forms of one language's programme-of-work documents.

    Patterns match folded text (full-width forms as ASCII, runs of spaces as one) unless
    said otherwise; fields of `str` fragments are joined with those of every other language
    into one pattern, since these words turn up in documents of any language.
    """

    code: str
    # The characters of the language's script, as a regular-expression class; a document
    # mostly in them is in this language. None: a Latin script, told apart by other means.
    script: str | None

    # -- the heading ----------------------------------------------------------------------
    # The meeting's dates and city: groups d1, m1, y1 (start), d2, m2, y2 (end), city; a
    # missing month or year is the other end's.
    heading_dates: re.Pattern[str]
    heading_example: str
    months: Mapping[str, int]  # names in lower case; a month written in digits needs none
    session_line: re.Pattern[str]  # searched: a line that names the session
    session_line_longest: int  # a longer line is not the session's name
    session_ordinals: Mapping[str, int]  # "second" session
    session_number: re.Pattern[str]  # searched in lower case: group `number`
    numerals: Mapping[str, int]  # digits of a session number in words: 第十二届; "十" is ten
    body_separator: str  # between the lines of the body's name
    title_separator: str | None  # between body and session; None: as the script joins lines

    # -- parts of the document (fragments) ------------------------------------------------
    title: tuple[str, ...]  # the document's title line
    provisional: tuple[str, ...]  # searched in the title
    note_by: tuple[str, ...]
    annex: tuple[str, ...]
    table_header: tuple[str, ...]  # searched
    notes: tuple[str, ...]  # the word before the colon of a note under the table
    boilerplate: tuple[str, ...]  # whole lines that are not part of the programme

    # -- the table ------------------------------------------------------------------------
    # Day lines: groups day, month, year (optional) and rest (what follows on the line).
    day_lines: tuple[re.Pattern[str], ...]
    day_example: str
    slot_forms: tuple[SlotForm, ...]  # the first that matches a line decides
    slot_example: str
    # Telling a wrapped line from a new one where indentation cannot:
    wraps_before: re.Pattern[str] | None  # matched: a line that starts so continues the last
    wraps_after: re.Pattern[str] | None  # searched: a line that ends so goes on in the next
    # Searched: where lines have no such signs, a line at least nearly as wide as the widest
    # goes on in the next unless it ends so.
    full_line_ends: re.Pattern[str] | None

    # -- agenda items ---------------------------------------------------------------------
    numbering: Numbering
    item_line: re.Pattern[str] | None  # "Item 5 (a) ...": groups number, letter, rest
    item_reference: re.Pattern[str]  # searched: "(agenda item 5)": groups number, letter
    item_placeholder: str  # an item's title until the document gives one: "Item {number}"
    continued: tuple[str, ...]  # "(continued)", inside the brackets
    minutes: tuple[str, ...]  # "(15 minutes)", the word after the number

    # -- the programme file ---------------------------------------------------------------
    # The city in this language (in any case) -> its English name in lower case.
    city_names: Mapping[str, str]
    venues: Mapping[str, str]  # the English name of a city in lower case -> its UN venue
    no_meetings: str  # a day's note where it has no session
    id_terms: tuple[tuple[str, str], ...]  # words of a body's name -> a part of a meeting id
    initial_words: re.Pattern[str] | None  # words whose initials make a meeting id
    initials_skip: frozenset[str]  # words left out of the initials

    # -- the masthead and the document's headings (fragments) -----------------------------
    # A date alone on a line, as the masthead gives the document's: groups day, month, year.
    masthead_date: re.Pattern[str] | None = None
    # Whole lines that head the document or its annex, besides its title: "Provisional agenda
    # and annotations", "Proposed organization of work". The first stands for a title.
    headings: tuple[str, ...] = ()
    # A line that names the agenda item under which the document is issued ("Item 2 of the
    # provisional agenda"); the lines after it up to the document's title are that item's.
    issued_under: tuple[str, ...] = ()

    def month(self, written: str) -> int | None:
        """The number of a month written in digits or named in this language."""
        return int(written) if written.isdigit() else self.months.get(written.lower())


def _one_of(fragments: list[str]) -> str:
    """A pattern that matches any of `fragments`; none, if there are none."""
    return "(?:" + "|".join(fragments) + ")" if fragments else "(?!)"


@dataclass(frozen=True)
class AnyLanguage:
    """The words a document may hold whatever its own language, from every language's table."""

    languages: tuple[Language, ...]
    title: re.Pattern[str]
    provisional: re.Pattern[str]
    note_by: re.Pattern[str]
    annex: re.Pattern[str]
    table_header: re.Pattern[str]
    notes: re.Pattern[str]
    boilerplate: re.Pattern[str]
    headings: re.Pattern[str]
    issued_under: re.Pattern[str]
    continued: re.Pattern[str]
    minutes: re.Pattern[str]  # group 1: the number
    city_names: Mapping[str, str]
    placeholder_prefixes: tuple[str, ...]

    @classmethod
    def of(cls, languages: tuple[Language, ...], continued: tuple[str, ...] = ()) -> AnyLanguage:
        """The words of `languages`, and `continued` markers of languages without a table."""

        def words(name: str) -> list[str]:
            return [word for language in languages for word in getattr(language, name)]

        return cls(
            languages=languages,
            title=re.compile(rf"^{_one_of(words('title'))}$", re.I),
            provisional=re.compile(_one_of(words("provisional")), re.I),
            note_by=re.compile(rf"^{_one_of(words('note_by'))}$", re.I),
            annex=re.compile(rf"^{_one_of(words('annex'))}$", re.I),
            table_header=re.compile(_one_of(words("table_header")), re.I),
            notes=re.compile(rf"^{_one_of(words('notes'))}\s*[:：]\s*(.*)$", re.I),
            boilerplate=re.compile(rf"^{_one_of(words('boilerplate'))}$", re.I),
            headings=re.compile(rf"^{_one_of(words('headings'))}$", re.I),
            issued_under=re.compile(rf"^{_one_of(words('issued_under'))}$", re.I),
            continued=re.compile(
                rf"\s*[(（]\s*{_one_of([*words('continued'), *continued])}\s*[)）]\s*$", re.I
            ),
            minutes=re.compile(
                rf"\s*[(（]\s*(\d{{1,3}})\s*{_one_of(words('minutes'))}\s*[)）]\s*$", re.I
            ),
            city_names={
                name.lower(): key
                for language in languages
                for name, key in language.city_names.items()
            },
            placeholder_prefixes=tuple(
                language.item_placeholder.format(number="") for language in languages
            ),
        )

    def item_reference(self, text: str) -> re.Match[str] | None:
        """The first reference to an agenda item in `text`, in any language's words."""
        found = [
            match
            for language in self.languages
            if (match := language.item_reference.search(text)) is not None
        ]
        return min(found, key=lambda match: match.start(), default=None)

    def masthead_date(self, norm: str) -> bool:
        """Whether the folded line `norm` is a date alone, in any language's words."""
        for language in self.languages:
            pattern = language.masthead_date
            match = pattern.match(norm) if pattern is not None else None
            if match and language.month(match["month"]) is not None:
                return True
        return False

    def city_key(self, city: str) -> str:
        """The English name of `city`, in lower case, as zones and venues are keyed."""
        written = city.strip().lower()
        return self.city_names.get(written, written)
