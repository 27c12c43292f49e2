"""The one reader of a programme-of-work document's layout, in any language that has a table.

A document is a heading (body, session, dates and city), a title and numbered
introduction, and an annex with a table: day lines, time slots and the lines taken up in
each, and notes under it. The reader finds them with the words of the document's language
and, for words that turn up in documents of any language, with those of every language.
"""

from __future__ import annotations

import re
from datetime import date, time

from .extraction import columns, is_artifact, is_boilerplate, is_link, is_masthead
from .items import take_items
from .language import Language
from .languages import ANY_LANGUAGE, detect
from .parts import DayEntry, Document, Heading, Segment, Slot
from .text import DocumentError, Line, as_written_after, clean, fold, join
from .times import read_slot


def read_document(name: str, lines: list[Line], language: Language | None = None) -> Document:
    """The parts of the document `name` whose lines are `lines`, in `language` (default: the
    language found from its text); DocumentError where its heading cannot be found, a line
    breaks the table's order or it has no session."""
    reader = _Reader(name, lines, language)
    heading, after_heading = reader.heading()
    title, paragraphs, annex, unplaced = reader.introduction(after_heading)
    days, slots, notes = reader.table(annex, heading)
    notes = unplaced + notes
    if not slots:
        raise DocumentError(
            name,
            lines[min(annex, len(lines) - 1)].number,
            "no session found: expected day lines followed by times such as "
            f"'{reader.language.slot_example}'",
        )
    agenda = take_items(slots, reader.language)
    return Document(
        reader.language,
        heading,
        title,
        paragraphs,
        days,
        slots,
        notes,
        reader.links,
        agenda,
        reader.warnings,
    )


class _Reader:
    def __init__(self, name: str, lines: list[Line], language: Language | None = None):
        self.name = name
        self.lines = lines
        self.language = language or detect("\n".join(line.text for line in lines))
        self.warnings: list[str] = []
        self.links: list[str] = []

    def fail(self, line: int | None, message: str) -> DocumentError:
        return DocumentError(self.name, line, message)

    def warn(self, line: Line, message: str) -> None:
        self.warnings.append(f"{self.name}:{line.number}: {message}")

    # -- heading --------------------------------------------------------------------------

    def heading(self) -> tuple[Heading, int]:
        """The meeting's heading, and the index of the line after its date line.

        The masthead (organization, organ, symbol, distribution, date, language lines) is
        left out; of the lines before the date line, the last that names a session, if any
        line comes before it, starts the session and the lines before it are the body.
        """
        parts: list[Line] = []
        for index, line in enumerate(self.lines):
            if not line.text or is_masthead(line):
                if is_link(line):
                    self.links.append(line.norm)
                continue
            found = self._date_range(line)
            if found is not None:
                start, end, city = found
                if not parts:
                    raise self.fail(line.number, "expected the body's name before the dates")
                body, session = self._body_and_session(parts)
                return Heading(body, session, start, end, city), index + 1
            if self._is_heading(line):
                break
            parts.append(line)
            if index > 40:
                break
        first = next((line.number for line in self.lines if line.text), 1)
        raise self.fail(
            first,
            f"expected a heading with the meeting's dates and city, such "
            f"as '{self.language.heading_example}', in the first lines",
        )

    def _body_and_session(self, parts: list[Line]) -> tuple[str, str | None]:
        """The body's name and the session's, from the heading's lines before its dates.

        A body's name may end as a session's does (`...缔约国会议`, `... Meeting of States
        Parties`): only the last such line that follows another names the session.
        """
        separator = self.language.body_separator
        sessions = [i for i, line in enumerate(parts) if i > 0 and self._is_session(line.norm)]
        if not sessions:
            return separator.join(line.text for line in parts), None
        at = sessions[-1]
        body = separator.join(line.text for line in parts[:at])
        return body, separator.join(line.text for line in parts[at:])

    def _is_heading(self, line: Line) -> bool:
        """Whether `line` is the document's title or one of its headings, in any language."""
        return bool(
            ANY_LANGUAGE.title.match(line.norm)
            or ANY_LANGUAGE.headings.match(line.norm)
            or ANY_LANGUAGE.note_by.match(line.norm)
            or ANY_LANGUAGE.annex.match(line.norm)
        )

    def _is_session(self, norm: str) -> bool:
        return (
            bool(self.language.session_line.search(norm))
            and len(norm) <= self.language.session_line_longest
        )

    def _date_range(self, line: Line) -> tuple[date, date, str] | None:
        """The dates and city of a heading's date line; None if `line` is not one."""
        match = self.language.heading_dates.match(line.norm)
        if not match:
            return None
        written = match.groupdict()
        months: dict[str, int | None] = {}
        for end in ("m1", "m2"):
            if written[end]:
                months[end] = self.language.month(written[end])
                if months[end] is None:
                    return None
        start = _date(
            int(written["y1"] or written["y2"]),
            months.get("m1", months.get("m2")),
            int(written["d1"]),
        )
        end = _date(
            int(written["y2"] or written["y1"]),
            months.get("m2", months.get("m1")),
            int(written["d2"]),
        )
        if start is None or end is None or end < start:
            raise self.fail(line.number, f"the dates '{line.text}' are not a valid range")
        return start, end, clean(written["city"])

    # -- introduction ---------------------------------------------------------------------

    def introduction(self, start: int) -> tuple[str | None, list[str], int, list[str]]:
        """The document's title (its title line, or else its first heading), its numbered
        paragraphs, where the annex starts, and the lines it could not place (each warned of).

        The line naming the agenda item the document is issued under, and that item's title
        after it up to a blank line, are part of the heading, as are the document's other
        headings.
        """
        title = None
        paragraphs: list[str] = []
        unplaced: list[str] = []
        issued_under = False
        index = start
        while index < len(self.lines):
            line = self.lines[index]
            if (
                ANY_LANGUAGE.annex.match(line.norm)
                or self._day(line, None) is not None
                or self._slot(line.norm) is not None
            ):
                break
            if is_link(line):
                self.links.append(line.norm)
            elif not line.text:
                issued_under = False  # the item's title ends with its paragraph
            elif is_artifact(line) or is_boilerplate(line):
                pass
            elif ANY_LANGUAGE.title.match(line.norm):
                if title is None or not ANY_LANGUAGE.title.match(fold(title)):
                    title = line.text  # a title line rather than a heading standing for one
                issued_under = False
            elif ANY_LANGUAGE.headings.match(line.norm):
                title = title or line.text
                issued_under = False
            elif ANY_LANGUAGE.note_by.match(line.norm):
                issued_under = False
            elif ANY_LANGUAGE.issued_under.match(line.norm):
                issued_under = title is None
            elif issued_under:
                pass  # the title of the item the document is issued under
            else:
                number = self.language.numbering.paragraph.match(line.text)
                if number and int(number["number"]) == len(paragraphs) + 1:
                    paragraphs.append(number["text"])
                elif paragraphs:
                    paragraphs[-1] = join(paragraphs[-1], line.text)
                elif title is not None:
                    paragraphs.append(line.text)
                else:
                    self.warn(line, f"kept as a note: '{line.text}' belongs to no session")
                    unplaced.append(line.text)
            index += 1
        return title, paragraphs, index, unplaced

    # -- the table ------------------------------------------------------------------------

    def _day(self, line: Line, year: int | None) -> tuple[date | None, str | None] | None:
        """The date of a day line (None if it is not in the calendar) and the text after it,
        on the line or in the columns beside the day (`Friday, 7 April   Official holiday`);
        None if `line` is not a day line in any language."""
        found = self._day_in(line.norm, year)
        if found is not None:
            return found
        parts = columns(line)
        if len(parts) < 2:
            return None
        found = self._day_in(fold(parts[0]), year)
        if found is None:
            return None
        when, rest = found
        return when, clean(" ".join([rest or "", *parts[1:]]))

    def _day_in(self, norm: str, year: int | None) -> tuple[date | None, str | None] | None:
        for language in ANY_LANGUAGE.languages:
            for pattern in language.day_lines:
                match = pattern.match(norm)
                if match:
                    month = language.month(match["month"])
                    if month is None:
                        continue
                    written_year = match["year"]
                    when = _date(
                        int(written_year) if written_year else year, month, int(match["day"])
                    )
                    return when, match["rest"]
        return None

    def _column_item(self, line: Line, text: str) -> tuple[str | None, str]:
        """The number of an agenda item written alone in a column at the start of `text`
        (`4   General exchange of views`), if any, and the text after it."""
        first, _, after = text.partition(" ")
        number = self.language.numbering.column_item.match(fold(first))
        if number is None or not after.strip():
            return None, text
        if not re.search(rf"(?:^|\s){re.escape(first)}(?:\s{{2,}}|\t|\u3000)", line.raw):
            return None, text  # a number that starts a sentence, not a column
        return number["number"], after.strip()

    def _slot(self, norm: str) -> tuple[time, time, int] | None:
        return read_slot(norm, self.language.slot_forms)

    def table(self, start: int, heading: Heading) -> tuple[list[DayEntry], list[Slot], list[str]]:
        """The days, sessions and notes of the table that starts at line index `start`."""
        days: list[DayEntry] = []
        slots: list[Slot] = []
        notes: list[str] = []
        entry_indents: list[int] = []
        # Every line that is programme text, with the item number in a column before it.
        body_lines: list[tuple[Line, str, str | None]] = []
        # First pass: find the structure line by line.
        current_day: DayEntry | None = None
        current_slot: Slot | None = None
        in_notes = False
        for line in self.lines[start:]:
            if not line.text:
                continue
            if is_link(line):
                self.links.append(line.norm)
                continue
            if is_artifact(line) or self._is_heading(line):
                continue
            if ANY_LANGUAGE.notes.match(line.norm):
                in_notes = True
                notes.append(clean(line.text.split(":", 1)[-1].split("：", 1)[-1]))
                continue
            if in_notes:
                if is_boilerplate(line):
                    continue
                notes[-1] = join(notes[-1], line.text)
                continue
            if is_boilerplate(line):
                self.warn(line, f"kept as a note: '{line.text}' belongs to no session")
                notes.append(line.text)
                continue
            day = self._day(line, heading.start.year)
            if day is not None:
                when, rest = day
                if when is None:
                    raise self.fail(line.number, f"'{line.text}' is not a date in the calendar")
                if when < heading.start and when.month < heading.start.month:
                    when = when.replace(year=when.year + 1)  # the meeting runs into a new year
                current_day = DayEntry(when, clean(rest) if rest else None)
                days.append(current_day)
                current_slot = None
                continue
            slot = self._slot(line.norm)
            if slot is not None:
                if current_day is None:
                    raise self.fail(
                        line.number,
                        f"expected a day line (such as '{self.language.day_example}') "
                        "before this time",
                    )
                slot_start, slot_end, consumed = slot
                current_slot = Slot(line.number, current_day.day, slot_start, slot_end)
                slots.append(current_slot)
                rest = as_written_after(line, consumed)
                if rest:
                    number, rest = self._column_item(line, rest)
                    body_lines.append((line, rest, number))
                    entry_indents.append(1)
                continue
            if current_slot is None:
                if current_day is not None:
                    current_day.note = join(current_day.note or "", line.text)
                    continue
                self.warn(line, f"kept as a note: could not place '{line.text}'")
                notes.append(line.text)
                continue
            number, text = self._column_item(line, line.text)
            body_lines.append((line, text, number))
            if number is not None or self._starts_entry(text):
                entry_indents.append(line.indent)
        # Entries indented, wrapped lines flush left (as in the seed): the indentation tells
        # wraps from new lines. Where wrapped lines keep the entries' indentation, it cannot.
        wrapped_flush = any(
            line.indent == 0
            and number is None
            and not self._starts_entry(text)
            and line.number not in {slot.line for slot in slots}
            for line, text, number in body_lines
        )
        indented = (
            wrapped_flush
            and bool(entry_indents)
            and sum(1 for i in entry_indents if i > 0) >= 0.8 * len(entry_indents)
        )
        self._fill_slots(slots, body_lines, indented)
        return days, slots, notes

    def _starts_entry(self, text: str) -> bool:
        """Whether `text` starts an agenda item or sub-item rather than going on with one."""
        norm = fold(text)
        numbering = self.language.numbering
        return bool(
            numbering.item.match(norm)
            or numbering.sub_item.match(norm)
            or any(
                language.item_line.match(norm)
                for language in ANY_LANGUAGE.languages
                if language.item_line is not None
            )
        )

    def _fill_slots(
        self, slots: list[Slot], body_lines: list[tuple[Line, str, str | None]], indented: bool
    ) -> None:
        by_line = {slot.line: slot for slot in slots}
        slot_starts = sorted(by_line)
        wide = max((len(text) for _line, text, _number in body_lines), default=0)
        previous: str | None = None
        for line, text, number in body_lines:
            owner = by_line[max(n for n in slot_starts if n <= line.number)]
            starts_slot = line.number == owner.line
            segments = owner.segments
            if (
                not starts_slot
                and segments
                and previous is not None
                and number is None
                and self._continues(previous, line, text, indented, wide)
            ):
                _extend(segments[-1], text)
                previous = text
                continue
            self._add(owner, line, text, number, indented, starts_slot)
            previous = text

    def _continues(self, before: str, line: Line, text: str, indented: bool, wide: int) -> bool:
        """Whether `text` (on `line`) goes on with the line before it, whose text is `before`."""
        if self._starts_entry(text):
            return False
        if ANY_LANGUAGE.continued.match(fold(text)):
            return True  # "(continued)" alone on a line is the end of the line before it
        if indented:
            return line.indent == 0
        language = self.language
        if language.wraps_before is not None and language.wraps_before.match(text):
            return True
        if language.wraps_after is not None and language.wraps_after.search(before):
            return True
        if language.full_line_ends is not None:
            return len(before) >= 0.8 * wide and not language.full_line_ends.search(before)
        return False

    def _add(
        self,
        slot: Slot,
        line: Line,
        text: str,
        number: str | None,
        indented: bool,
        starts_slot: bool,
    ) -> None:
        segments = slot.segments
        if (
            number is None
            and indented
            and not starts_slot
            and segments
            and segments[-1].item is None
            and not self._starts_entry(text)
            and line.indent > segments[-1].indent
        ):
            segments[-1].details.append(text)
            return
        indent = line.indent if not starts_slot else 1
        segments.append(Segment(text=text, indent=indent, number=number))


def _extend(segment: Segment, text: str) -> None:
    """Join a wrapped line to the end of the segment it goes on with."""
    if segment.details:
        segment.details[-1] = join(segment.details[-1], text)
    else:
        segment.text = join(segment.text or "", text)


def _date(year: int | None, month: int | None, day: int) -> date | None:
    """The date, if the year and month are known and the day is in the calendar."""
    if year is None or month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None
