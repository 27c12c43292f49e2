"""The one reader of a programme-of-work document's layout, in any language that has a table.

A document is a heading (body, session, dates and city), a title and numbered
introduction, and an annex with a table: day lines, time slots and the lines taken up in
each, and notes under it. The reader finds them with the words of the document's language
and, for words that turn up in documents of any language, with those of every language.
"""

from __future__ import annotations

from datetime import date, time

from .extraction import is_artifact, is_boilerplate, is_link
from .items import take_items
from .languages import ANY_LANGUAGE, detect
from .parts import DayEntry, Document, Heading, Segment, Slot
from .text import DocumentError, Line, as_written_after, clean, fold, join
from .times import read_slot


def read_document(name: str, lines: list[Line]) -> Document:
    """The parts of the document `name` whose lines are `lines`; DocumentError where its
    heading cannot be found, a line breaks the table's order or it has no session."""
    reader = _Reader(name, lines)
    heading, after_heading = reader.heading()
    title, paragraphs, annex = reader.introduction(after_heading)
    days, slots, notes = reader.table(annex, heading)
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
    def __init__(self, name: str, lines: list[Line]):
        self.name = name
        self.lines = lines
        self.language = detect("".join(line.text for line in lines))
        self.warnings: list[str] = []
        self.links: list[str] = []

    def fail(self, line: int | None, message: str) -> DocumentError:
        return DocumentError(self.name, line, message)

    def warn(self, line: Line, message: str) -> None:
        self.warnings.append(f"{self.name}:{line.number}: {message}")

    # -- heading --------------------------------------------------------------------------

    def heading(self) -> tuple[Heading, int]:
        """The meeting's heading, and the index of the line after its date line."""
        body_parts: list[str] = []
        session = None
        for index, line in enumerate(self.lines):
            if not line.text or is_artifact(line) or is_boilerplate(line):
                if is_link(line):
                    self.links.append(line.norm)
                continue
            found = self._date_range(line)
            if found is not None:
                start, end, city = found
                if not body_parts and session is None:
                    raise self.fail(line.number, "expected the body's name before the dates")
                body = self.language.body_separator.join(body_parts)
                return Heading(body, session, start, end, city), index + 1
            if (
                ANY_LANGUAGE.title.match(line.norm)
                or ANY_LANGUAGE.note_by.match(line.norm)
                or ANY_LANGUAGE.annex.match(line.norm)
            ):
                break
            if self._is_session(line.norm):
                session = line.text
            elif session is None:
                body_parts.append(line.text)
            if index > 40:
                break
        first = next((line.number for line in self.lines if line.text), 1)
        raise self.fail(
            first,
            f"expected a heading with the meeting's dates and city, such "
            f"as '{self.language.heading_example}', in the first lines",
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

    def introduction(self, start: int) -> tuple[str | None, list[str], int]:
        """The document's title line, its numbered paragraphs, and where the annex starts."""
        title = None
        paragraphs: list[str] = []
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
            elif not line.text or is_artifact(line) or is_boilerplate(line):
                pass
            elif ANY_LANGUAGE.title.match(line.norm) and title is None:
                title = line.text
            elif ANY_LANGUAGE.note_by.match(line.norm):
                pass
            else:
                number = self.language.numbering.paragraph.match(line.text)
                if number and int(number["number"]) == len(paragraphs) + 1:
                    paragraphs.append(number["text"])
                elif paragraphs:
                    paragraphs[-1] = join(paragraphs[-1], line.text)
                elif title is not None:
                    paragraphs.append(line.text)
            index += 1
        return title, paragraphs, index

    # -- the table ------------------------------------------------------------------------

    def _day(self, line: Line, year: int | None) -> tuple[date | None, str | None] | None:
        """The date of a day line (None if it is not in the calendar) and the text after it;
        None if `line` is not a day line in any language."""
        for language in ANY_LANGUAGE.languages:
            for pattern in language.day_lines:
                match = pattern.match(line.norm)
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

    def _slot(self, norm: str) -> tuple[time, time, int] | None:
        return read_slot(norm, self.language.slot_forms)

    def table(self, start: int, heading: Heading) -> tuple[list[DayEntry], list[Slot], list[str]]:
        """The days, sessions and notes of the table that starts at line index `start`."""
        days: list[DayEntry] = []
        slots: list[Slot] = []
        notes: list[str] = []
        entry_indents: list[int] = []
        body_lines: list[tuple[Line, str]] = []  # every line that is programme text
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
            if (
                is_artifact(line)
                or ANY_LANGUAGE.title.match(line.norm)
                or ANY_LANGUAGE.annex.match(line.norm)
            ):
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
                    body_lines.append((line, rest))
                    entry_indents.append(1)
                continue
            if current_slot is None:
                if current_day is not None:
                    current_day.note = join(current_day.note or "", line.text)
                    continue
                self.warn(line, f"kept as a note: could not place '{line.text}'")
                notes.append(line.text)
                continue
            body_lines.append((line, line.text))
            if self._starts_entry(line.text):
                entry_indents.append(line.indent)
        # Entries indented, wrapped lines flush left (as in the seed): the indentation tells
        # wraps from new lines. Where wrapped lines keep the entries' indentation, it cannot.
        wrapped_flush = any(
            line.indent == 0
            and not self._starts_entry(text)
            and line.number not in {slot.line for slot in slots}
            for line, text in body_lines
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
        self, slots: list[Slot], body_lines: list[tuple[Line, str]], indented: bool
    ) -> None:
        by_line = {slot.line: slot for slot in slots}
        slot_starts = sorted(by_line)
        widths = sorted(len(text) for _line, text in body_lines) or [0]
        wide = widths[int(len(widths) * 0.9) - 1 if len(widths) > 1 else 0]
        previous: str | None = None
        for line, text in body_lines:
            owner = by_line[max(n for n in slot_starts if n <= line.number)]
            starts_slot = line.number == owner.line
            segments = owner.segments
            if (
                not starts_slot
                and segments
                and previous is not None
                and self._continues(previous, line, text, indented, wide)
            ):
                _extend(segments[-1], text)
                previous = text
                continue
            self._add(owner, line, text, indented, starts_slot)
            previous = text

    def _continues(self, before: str, line: Line, text: str, indented: bool, wide: int) -> bool:
        """Whether `text` (on `line`) goes on with the line before it, whose text is `before`."""
        if self._starts_entry(text):
            return False
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

    def _add(self, slot: Slot, line: Line, text: str, indented: bool, starts_slot: bool) -> None:
        segments = slot.segments
        if (
            indented
            and not starts_slot
            and segments
            and segments[-1].item is None
            and not self._starts_entry(text)
            and line.indent > segments[-1].indent
        ):
            segments[-1].details.append(text)
            return
        segments.append(Segment(text=text, indent=line.indent if not starts_slot else 1))


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
