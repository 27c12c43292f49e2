"""Programme-of-work documents (plain text extracted from a PDF) into programme files.

The importer reads the layout of a UN note by the Secretariat, in Chinese or
English: the heading (body, session, dates and city), the numbered
introduction, the annex's table of days, time slots and the lines taken up in
each, and the notes under the table. It keeps every text as written; it
removes only what PDF extraction adds (page headers repeated after a break,
hyperlinks on lines of their own, job numbers, page numbers, stray spaces)
and joins lines that were wrapped. A line it cannot place is kept as a note
and reported. It never translates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

import yaml

from . import zones
from .model import item_slug

# -- reading -------------------------------------------------------------------------

MONTHS_EN = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ORDINALS_EN = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
}
CHINESE_NUMBERS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
CITY_NAMES_ZH = {
    "纽约": "new york",
    "日内瓦": "geneva",
    "维也纳": "vienna",
    "内罗毕": "nairobi",
    "曼谷": "bangkok",
    "亚的斯亚贝巴": "addis ababa",
    "圣地亚哥": "santiago",
    "贝鲁特": "beirut",
    "海牙": "the hague",
    "波恩": "bonn",
    "罗马": "rome",
    "巴黎": "paris",
    "蒙特利尔": "montreal",
    "华盛顿": "washington",
    "北京": "beijing",
}
VENUES = {
    "new york": ("United Nations Headquarters, New York", "纽约联合国总部"),
    "geneva": ("Palais des Nations, Geneva", "日内瓦万国宫"),
    "vienna": ("Vienna International Centre", "维也纳国际中心"),
    "nairobi": ("United Nations Office at Nairobi", "联合国内罗毕办事处"),
    "bangkok": ("United Nations Conference Centre, Bangkok", "曼谷联合国会议中心"),
    "addis ababa": ("United Nations Conference Centre, Addis Ababa", "亚的斯亚贝巴联合国会议中心"),
}
# Common words of UN body names, for a readable meeting id.
ID_TERMS_ZH = [
    ("不限成员名额工作组", "oewg"),
    ("政府专家组", "gge"),
    ("信息和通信技术", "ict"),
    ("裁军谈判会议", "cd"),
    ("委员会", "committee"),
    ("工作组", "wg"),
]
ID_STOPWORDS_EN = {
    "of",
    "and",
    "the",
    "in",
    "on",
    "for",
    "to",
    "a",
    "an",
    "at",
    "by",
    "with",
    "its",
    "use",
    "security",
}


@dataclass(frozen=True)
class Line:
    number: int
    raw: str
    text: str  # stripped, runs of spaces collapsed, spaces between CJK characters removed
    norm: str  # for matching only: full-width forms folded to ASCII
    indent: int


class DocumentError(Exception):
    """The document cannot be read as a programme of work."""

    def __init__(self, document: str, line: int | None, message: str):
        where = f"{document}:{line}" if line else document
        super().__init__(f"{where}: {message}")


_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")


def is_cjk(ch: str) -> bool:
    return bool(re.match(rf"[{_CJK}]", ch))


def clean(text: str) -> str:
    """Text as written, without the spaces PDF extraction scatters in it."""
    text = re.sub(r"[ \u00a0\u3000\t]+", " ", text).strip()
    return _CJK_GAP.sub("", text)


def fold(text: str) -> str:
    """Text for matching: full-width letters, digits and punctuation as ASCII."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def read_lines(path: Path) -> list[Line]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DocumentError(
            str(path), line, "not UTF-8 text; extract the PDF's text as UTF-8"
        ) from None
    lines = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        expanded = raw_line.replace("\t", "    ").replace("\u3000", "  ")
        indent = len(expanded) - len(expanded.lstrip(" \u00a0"))
        lines.append(Line(number, raw_line, clean(raw_line), fold(raw_line), indent))
    return lines


def join(previous: str, following: str) -> str:
    """Two parts of a wrapped line, joined as the document's script wants.

    Chinese joins without a space, but keeps the space UN Chinese typography
    puts between Chinese and Latin letters or digits (`于 2021 年`); English
    joins with a space, except after a hyphen inside a word or an address.
    """
    if not previous:
        return following
    if not following:
        return previous
    last, first = previous[-1], following[0]
    if previous.endswith("-") and (
        "http" in previous.rsplit(" ", 1)[-1] or re.search(r"\w-$", previous)
    ):
        return previous + following
    if is_cjk(last) and is_cjk(first):
        return previous + following
    if (is_cjk(last) and first.isascii() and first.isalnum()) or (
        is_cjk(first) and last.isascii() and last.isalnum()
    ):
        return f"{previous} {following}"
    if is_cjk(last) or is_cjk(first):
        return previous + following
    return f"{previous} {following}"


# -- recognising lines ---------------------------------------------------------------

_URL = re.compile(r"^https?://\S+$")
_JOB = re.compile(r"^(?:[A-Z]{1,3}\.)?\d{2}-\d{4,6}(?: ?\([A-Z]\))?(?: \d{6})?$")
_BARCODE = re.compile(r"^\*\d{6,}\*$")
_PAGE = re.compile(r"^(?:\d{1,3} ?/ ?\d{1,3}|-? ?\d{1,3} ?-?|Page \d+(?: of \d+)?)$", re.I)
_SYMBOL = re.compile(r"^[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+){1,6}$")
_BOILERPLATE = re.compile(
    r"^(?:distr\.?:? .*|original:? .*|general assembly|united nations|联合国|大会|"
    r"please recycle.*|请回收.*|advance unedited version.*|draft\b.*|.*for internal use.*|"
    r"check against delivery.*)$",
    re.I,
)
_TABLE_HEADER = re.compile(r"(?:日期\s*/\s*时间|date\s*/\s*time|date and time)", re.I)
_ANNEX = re.compile(r"^(?:附件|annex)$", re.I)
_NOTE_BY = re.compile(r"^(?:秘书处的说明|note by the secretariat)$", re.I)
_TITLE = re.compile(r"^(?:暂定)?工作方案$|^(?:provisional )?programme of work$", re.I)
_NOTE = re.compile(r"^(?:注|附注|note|notes)\s*[:：]\s*(.*)$", re.I)

_DAY_ZH = re.compile(
    r"^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[,，]?\s*"
    r"(?:\(?星期([一二三四五六日天])\)?)\s*(?:[:：]\s*(.*))?$"
)
_DAY_EN = re.compile(
    r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+"
    r"(\d{1,2})\s+([a-z]+)\.?(?:,?\s+(\d{4}))?\s*(?:[:.\-–—]\s*(.*))?$",
    re.I,
)
_DAY_EN_US = re.compile(
    r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+"
    r"([a-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?\s*(?:[:.\-–—]\s*(.*))?$",
    re.I,
)

_PERIOD_ZH = r"(上午|下午|中午|晚上|晚间|早上)"
_CLOCK_ZH = rf"(?:{_PERIOD_ZH}\s*)?(\d{{1,2}})\s*(?:时|点)(?:\s*(\d{{1,2}})\s*分|\s*(半))?"
_SLOT_ZH = re.compile(rf"^{_CLOCK_ZH}\s*(?:至|到|-|–|—)\s*{_CLOCK_ZH}\s*")
_PERIOD_EN = r"(a\.?\s?m\.?|p\.?\s?m\.?|noon|midnight)"
_CLOCK_EN = rf"(?:(\d{{1,2}})(?:[:.](\d{{2}}))?\s*{_PERIOD_EN}?|(12\s+noon|noon|midnight))"
_SLOT_EN = re.compile(rf"^{_CLOCK_EN}\s*(?:-|–|—|to|until)\s*{_CLOCK_EN}(?=\s|$)\s*", re.I)
_SLOT_24 = re.compile(
    r"^(\d{1,2})[:.](\d{2})\s*(?:-|–|—|至|to)\s*(\d{1,2})[:.](\d{2})"
    r"(?!\s*(?:a\.?\s?m|p\.?\s?m|noon|midnight))(?=\s|$)\s*",
    re.I,
)

_ITEM = re.compile(r"^(\d{1,2})\s*\.\s+(\S.*)$")
_ITEM_WORD = re.compile(
    r"^(?:agenda\s+)?items?\s+(\d{1,2})\s*(?:\(([a-z])\))?\.?(?=\s|$|\()(.*)$", re.I
)
_SUB_ITEM = re.compile(r"^\(([a-z])\)\s*(\S.*)$")
_CONTINUED = re.compile(
    r"\s*[(（]\s*(?:续|continued|cont'?d\.?|suite|continuación)\s*[)）]\s*$", re.I
)
_MINUTES = re.compile(r"\s*[(（]\s*(\d{1,3})\s*(?:分钟|minutes?|mins?\.?)\s*[)）]\s*$", re.I)
_ITEM_REF = re.compile(
    r"[(（]\s*(?:agenda\s+)?items?\s+(\d{1,2})\s*(?:\(([a-z])\))?"
    r"(?:\s*(?:and|,)\s*(\d{1,2}))?\s*[)）]|[(（]\s*项目\s*(\d{1,2})\s*[)）]",
    re.I,
)


_STAMP = re.compile(r"^\d{6}$")  # the date stamps beside a job number: 201123


_FOOTER = re.compile(
    r"^(?:(?:\d{1,3} ?/ ?\d{1,3}|(?:[A-Z]{1,3}\.)?\d{2}-\d{4,6}(?: ?\([A-Z]\))?|\*\d{6,}\*|"
    r"\d{6}|[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+){1,6})\s*)+$"
)


def _is_artifact(line: Line) -> bool:
    """A line that PDF extraction adds: page header or footer, job number, table header."""
    if _TABLE_HEADER.search(line.norm) or _URL.match(line.norm) or _FOOTER.match(line.norm):
        return True
    tokens = [fold(token) for token in re.split(r"\s{2,}", line.raw.strip()) if token]
    # A letterhead line: "United Nations        A/CN.9/WG.IV/WP.182".
    return len(tokens) > 1 and all(_FOOTER.match(t) or _BOILERPLATE.match(t) for t in tokens)


def _clock_zh(
    period: str | None, hour: str, minute: str | None, half: str | None, default: str | None
) -> time | None:
    value = int(hour)
    period = period or default
    if period in ("下午", "晚上", "晚间") and value < 12:
        value += 12
    if period == "中午" and value < 6:
        value += 12
    minutes = 30 if half else int(minute or 0)
    if value > 23 or minutes > 59:
        return None
    return time(value, minutes)


def _slot_zh(norm: str) -> tuple[time, time, int] | None:
    match = _SLOT_ZH.match(norm)
    if not match:
        return None
    p1, h1, m1, half1, p2, h2, m2, half2 = match.groups()
    start = _clock_zh(p1, h1, m1, half1, None)
    end = _clock_zh(p2, h2, m2, half2, p1)
    if start is None or end is None:
        return None
    return start, end, match.end()


def _clock_en(
    hour: str | None, minute: str | None, period: str | None, word: str | None
) -> tuple[int, int, str | None] | None:
    if word:
        return (0, 0, "midnight") if "midnight" in word.lower() else (12, 0, "noon")
    if hour is None:
        return None
    mark = None
    if period:
        lowered = period.lower().replace(" ", "").replace(".", "")
        mark = {"am": "am", "pm": "pm"}.get(lowered, lowered)
    return int(hour), int(minute or 0), mark


def _to_24(hour: int, minute: int, mark: str | None) -> time | None:
    if mark == "noon":
        return time(12, minute)
    if mark == "midnight":
        return time(0, minute)
    if mark == "pm" and hour < 12:
        hour += 12
    if mark == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _slot_en(norm: str) -> tuple[time, time, int] | None:
    match = _SLOT_24.match(norm)
    if match:
        h1, m1, h2, m2 = map(int, match.groups())
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
            return None
        return time(h1, m1), time(h2, m2), match.end()
    match = _SLOT_EN.match(norm)
    if not match:
        return None
    first = _clock_en(*match.groups()[0:4])
    second = _clock_en(*match.groups()[4:8])
    if first is None or second is None or (first[2] is None and second[2] is None):
        return None
    h1, mi1, mark1 = first
    h2, mi2, mark2 = second
    if mark1 is None:  # "10-11:30 a.m.", "3–6 p.m.": the start shares the end's half of the day
        mark1 = mark2 if mark2 in ("am", "pm") else "am"
        if mark1 == "pm" and mark2 == "pm" and h1 > h2 and h1 != 12:
            mark1 = "am"
    start, end = _to_24(h1, mi1, mark1), _to_24(h2, mi2, mark2)
    if start is None or end is None:
        return None
    return start, end, match.end()


# -- the document's parts ------------------------------------------------------------


@dataclass
class Segment:
    line: int
    item: str | None = None  # slug
    text: str | None = None
    continued: bool = False
    minutes: int | None = None
    details: list[str] = field(default_factory=list)
    indent: int = 0


@dataclass
class Slot:
    line: int
    day: date
    start: time
    end: time
    segments: list[Segment] = field(default_factory=list)


@dataclass
class DayEntry:
    line: int
    day: date
    note: str | None = None


@dataclass
class Heading:
    body: str
    session: str | None
    start: date
    end: date
    city: str


@dataclass
class Imported:
    """A programme file's content, and what the importer could not place."""

    programme: dict
    warnings: list[str]

    def yaml(self, source: str) -> str:
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


class _Reader:
    def __init__(self, name: str, lines: list[Line], timezone: str | None, meeting_id: str | None):
        self.name = name
        self.lines = lines
        self.timezone = timezone
        self.meeting_id = meeting_id
        self.warnings: list[str] = []
        content = "".join(line.text for line in lines)
        cjk = sum(1 for ch in content if is_cjk(ch))
        self.language = "zh" if cjk > len(content) * 0.15 else "en"
        self.agenda: dict[str, str] = {}
        self.links: list[str] = []

    def fail(self, line: int | None, message: str) -> DocumentError:
        return DocumentError(self.name, line, message)

    def warn(self, line: Line, message: str) -> None:
        self.warnings.append(f"{self.name}:{line.number}: {message}")

    # -- heading ----------------------------------------------------------------

    def heading(self) -> tuple[Heading, int]:
        """The meeting's heading, and the index of the line after its date line."""
        body_parts: list[str] = []
        session = None
        for index, line in enumerate(self.lines):
            if not line.text or _is_artifact(line) or _BOILERPLATE.match(line.norm):
                if _URL.match(line.norm):
                    self.links.append(line.norm)
                continue
            found = self._date_range(line)
            if found is not None:
                start, end, city = found
                if not body_parts and session is None:
                    raise self.fail(line.number, "expected the body's name before the dates")
                return Heading(
                    " ".join(body_parts) if self.language == "en" else "".join(body_parts),
                    session,
                    start,
                    end,
                    city,
                ), index + 1
            if _TITLE.match(line.norm) or _NOTE_BY.match(line.norm) or _ANNEX.match(line.norm):
                break
            if self._is_session(line.norm):
                session = line.text
            elif session is None:
                body_parts.append(line.text)
            if index > 40:
                break
        example = (
            "2022 年 3 月 28 日至 4 月 1 日，纽约"
            if self.language == "zh"
            else "New York, 28 March-1 April 2022"
        )
        first = next((line.number for line in self.lines if line.text), 1)
        raise self.fail(
            first,
            f"expected a heading with the meeting's dates and city, such "
            f"as '{example}', in the first lines",
        )

    def _is_session(self, norm: str) -> bool:
        if self.language == "zh":
            return bool(re.search(r"第.{1,4}届.*(会议|会)$|届会$|会议$", norm)) and len(norm) < 30
        return bool(re.search(r"\bsession\b|\bmeeting\b", norm, re.I)) and len(norm) < 80

    def _date_range(self, line: Line) -> tuple[date, date, str] | None:
        norm = line.norm
        if self.language == "zh":
            match = re.match(
                r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:至|到|-|–|—)\s*"
                r"(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日\s*[,，]\s*(.+)$",
                norm,
            )
            if not match:
                return None
            y1, m1, d1, y2, m2, d2, city = match.groups()
            start = _date(int(y1), int(m1), int(d1))
            end = _date(int(y2 or y1), int(m2 or m1), int(d2))
            city = clean(city)
        else:
            match = re.match(
                r"^(.+?),\s*(\d{1,2})\s*([a-z]+)?(?:\s+(\d{4}))?\s*(?:-|–|—|to)\s*"
                r"(\d{1,2})\s+([a-z]+)\s+(\d{4})$",
                norm,
                re.I,
            )
            if not match:
                return None
            city, d1, m1, y1, d2, m2, y2 = match.groups()
            month2 = MONTHS_EN.get(m2.lower())
            month1 = MONTHS_EN.get(m1.lower()) if m1 else month2
            if month1 is None or month2 is None:
                return None
            start = _date(int(y1 or y2), month1, int(d1))
            end = _date(int(y2), month2, int(d2))
        if start is None or end is None or end < start:
            raise self.fail(line.number, f"the dates '{line.text}' are not a valid range")
        return start, end, city

    # -- introduction --------------------------------------------------------------

    def introduction(self, start: int) -> tuple[str | None, list[str], int]:
        """The document's title line, its numbered paragraphs, and where the annex starts."""
        title = None
        paragraphs: list[str] = []
        index = start
        while index < len(self.lines):
            line = self.lines[index]
            if (
                _ANNEX.match(line.norm)
                or self._day(line, None) is not None
                or self._slot(line.norm) is not None
            ):
                break
            if _URL.match(line.norm):
                self.links.append(line.norm)
            elif not line.text or _is_artifact(line) or _BOILERPLATE.match(line.norm):
                pass
            elif _TITLE.match(line.norm) and title is None:
                title = line.text
            elif _NOTE_BY.match(line.norm):
                pass
            else:
                number = re.match(r"^(\d{1,2})\s*\.\s+(.*)$", line.text)
                if number and int(number[1]) == len(paragraphs) + 1:
                    paragraphs.append(number[2])
                elif paragraphs:
                    paragraphs[-1] = join(paragraphs[-1], line.text)
                elif title is not None:
                    paragraphs.append(line.text)
            index += 1
        return title, paragraphs, index

    # -- the table --------------------------------------------------------------------

    def _day(self, line: Line, year: int | None) -> tuple[date | None, str | None] | None:
        norm = line.norm
        match = _DAY_ZH.match(norm)
        if match:
            y, month, day, _weekday, rest = match.groups()
            return _date(int(y) if y else year, int(month), int(day)), rest
        for pattern, us in ((_DAY_EN, False), (_DAY_EN_US, True)):
            match = pattern.match(norm)
            if match:
                _weekday, a, b, y, rest = match.groups()
                day, month_name = (b, a) if us else (a, b)
                month = MONTHS_EN.get(month_name.lower())
                if month is None or not day.isdigit():
                    continue
                return _date(int(y) if y else year, month, int(day)), rest
        return None

    def _slot(self, norm: str) -> tuple[time, time, int] | None:
        return _slot_zh(norm) if self.language == "zh" else _slot_en(norm)

    def table(
        self, start: int, heading: Heading
    ) -> tuple[list[DayEntry], list[Slot], list[str], int]:
        days: list[DayEntry] = []
        slots: list[Slot] = []
        notes: list[str] = []
        entry_indents: list[int] = []
        index = start
        body_lines: list[tuple[Line, str]] = []  # every line that is programme text
        # First pass: find the structure line by line.
        current_day: DayEntry | None = None
        current_slot: Slot | None = None
        in_notes = False
        for line in self.lines[start:]:
            index += 1
            if not line.text:
                continue
            if _URL.match(line.norm):
                self.links.append(line.norm)
                continue
            if _is_artifact(line) or _TITLE.match(line.norm) or _ANNEX.match(line.norm):
                continue
            note = _NOTE.match(line.norm)
            if note:
                in_notes = True
                notes.append(clean(line.text.split(":", 1)[-1].split("：", 1)[-1]))
                continue
            if in_notes:
                if _BOILERPLATE.match(line.norm):
                    continue
                notes[-1] = join(notes[-1], line.text)
                continue
            if _BOILERPLATE.match(line.norm):
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
                current_day = DayEntry(line.number, when, clean(rest) if rest else None)
                days.append(current_day)
                current_slot = None
                continue
            slot = self._slot(line.norm)
            if slot is not None:
                if current_day is None:
                    raise self.fail(
                        line.number,
                        "expected a day line (such as "
                        + (
                            "'3 月 28 日，星期一'"
                            if self.language == "zh"
                            else "'Monday, 28 March 2022'"
                        )
                        + ") before this time",
                    )
                slot_start, slot_end, consumed = slot
                current_slot = Slot(line.number, current_day.day, slot_start, slot_end)
                slots.append(current_slot)
                rest = self._original_rest(line, consumed)
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
        return days, slots, notes, index

    def _original_rest(self, line: Line, consumed: int) -> str:
        """The text after a slot's times, as written (matching was done on folded text)."""
        folded_prefix = line.norm[:consumed]
        # Walk the cleaned text until its folded form covers the matched prefix.
        text = line.text
        for cut in range(len(text) + 1):
            if fold(text[:cut]).rstrip() == folded_prefix.rstrip():
                return clean(text[cut:])
        return clean(fold(text)[consumed:])

    def _starts_entry(self, text: str) -> bool:
        norm = fold(text)
        return bool(_ITEM.match(norm) or _SUB_ITEM.match(norm) or _ITEM_WORD.match(norm))

    def _fill_slots(
        self, slots: list[Slot], body_lines: list[tuple[Line, str]], indented: bool
    ) -> None:
        by_line = {slot.line: slot for slot in slots}
        slot_starts = sorted(by_line)
        widths = sorted(len(text) for _line, text in body_lines) or [0]
        wide = widths[int(len(widths) * 0.9) - 1 if len(widths) > 1 else 0]
        previous: tuple[Line, str] | None = None
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
                self._extend(segments[-1], text)
                previous = (line, text)
                continue
            self._add(owner, line, text, indented, starts_slot)
            previous = (line, text)

    def _continues(
        self, previous: tuple[Line, str], line: Line, text: str, indented: bool, wide: int
    ) -> bool:
        if self._starts_entry(text):
            return False
        if indented:
            return line.indent == 0
        before = previous[1]
        if self.language == "zh":
            return len(before) >= 0.8 * wide and not re.search(r"[。；！？)）]$", before)
        return bool(re.match(r"^[a-z(]", text)) or bool(
            re.search(r"(?:[,;:\-–]|\b(?:of|and|the|on|to|for|in|by|with|a|an))$", before)
        )

    def _extend(self, segment: Segment, text: str) -> None:
        if segment.details:
            segment.details[-1] = join(segment.details[-1], text)
        else:
            segment.text = join(segment.text or "", text)

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
        segments.append(
            Segment(line.number, text=text, indent=line.indent if not starts_slot else 1)
        )

    # -- segments: items, sub-items, continued, minutes -------------------------------

    def finish(self, slots: list[Slot]) -> None:
        """Turn each segment's text into an item reference where it names one."""
        for slot in slots:
            parent: str | None = None
            for segment in slot.segments:
                parent = self._classify(segment, parent)

    def _classify(self, segment: Segment, parent: str | None) -> str | None:
        text = segment.text or ""
        match = _CONTINUED.search(fold(text))
        if match:
            segment.continued = True
            text = _strip_suffix(text, _CONTINUED)
        match = _MINUTES.search(fold(text))
        if match:
            segment.minutes = int(match[1])
            text = _strip_suffix(text, _MINUTES)
            again = _CONTINUED.search(fold(text))
            if again:
                segment.continued = True
                text = _strip_suffix(text, _CONTINUED)
        norm = fold(text)
        item = _ITEM.match(norm)
        sub = _SUB_ITEM.match(norm)
        word = _ITEM_WORD.match(norm)
        if item:
            number, title = item[1], _after(text, r"^\s*\d{1,2}\s*[.．]\s*")
            return self._take(segment, item_slug(number), title, text, number)
        if sub and parent is not None:
            letter, title = sub[1], _after(text, r"^\s*[(（]\s*[a-z]\s*[)）]\s*")
            number = parent.rstrip("abcdefghijklmnopqrstuvwxyz")
            self._take(segment, item_slug(number + letter), title, text, number)
            return parent
        if word:
            number, letter = word[1], word[2]
            segment.item = item_slug(number + (letter or ""))
            title = re.sub(r"^\s*[.:：]?\s*", "", word[3]).strip()
            placeholder = f"Item {number}" + (f"({letter})" if letter else "")
            known = self.agenda.get(segment.item)
            if title and (known is None or known == placeholder):
                self.agenda[segment.item] = clean(title)
            else:
                self.agenda.setdefault(segment.item, placeholder)
            segment.text = text
            return item_slug(number)
        reference = _ITEM_REF.search(norm)
        if reference:
            number = reference[1] or reference[4]
            segment.item = item_slug(number + (reference[2] or ""))
            self.agenda.setdefault(
                segment.item, f"Item {number}" if self.language == "en" else f"项目 {number}"
            )
        segment.text = text
        return parent

    def _take(self, segment: Segment, slug: str, title: str, text: str, number: str) -> str:
        segment.item = slug
        known = self.agenda.get(slug)
        if known is None or known.startswith(("Item ", "项目 ")):
            self.agenda[slug] = title
            known = title
        segment.text = None if title == known else text
        return item_slug(number)


def _strip_suffix(text: str, pattern: re.Pattern) -> str:
    """`text` without a suffix that `pattern` finds in its folded form."""
    for cut in range(len(text), -1, -1):
        if pattern.search(fold(text[cut:])) and fold(text[cut:]).strip():
            return text[:cut].rstrip()
    return text


def _after(text: str, prefix: str) -> str:
    return re.sub(prefix, "", text, count=1).strip()


def _date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


# -- the programme file ---------------------------------------------------------------


def _session_number(session: str | None) -> int | None:
    if not session:
        return None
    match = re.search(r"第([一二三四五六七八九十]+|\d+)届", session)
    if match:
        value = match[1]
        if value.isdigit():
            return int(value)
        total = 0
        for ch in value:
            total = total * 10 if ch == "十" and total else total + CHINESE_NUMBERS[ch]
        return total or None
    lowered = session.lower()
    for word, number in ORDINALS_EN.items():
        if re.search(rf"\b{word}\b", lowered):
            return number
    match = re.search(r"\b(\d{1,3})(?:st|nd|rd|th)\b", lowered)
    return int(match[1]) if match else None


def _meeting_id(heading: Heading, language: str) -> str:
    if language == "zh":
        parts = [term for words, term in ID_TERMS_ZH if words in heading.body]
        parts = parts[:2] or ["meeting"]
    else:
        words = re.findall(r"[A-Za-z]+", heading.body)
        initials = "".join(w[0] for w in words if w.lower() not in ID_STOPWORDS_EN)
        parts = [initials.lower()[:8] or "meeting"]
    number = _session_number(heading.session)
    parts.append(f"s{number}" if number else heading.start.strftime("%Y%m"))
    return re.sub(r"[^a-z0-9-]", "", "-".join(parts))


def _city_key(city: str) -> str:
    return CITY_NAMES_ZH.get(city, city).strip().lower()


def _block_id(slot: Slot, taken: set[str]) -> str:
    half = "am" if slot.start.hour < 12 else "pm" if slot.start.hour < 18 else "eve"
    base = f"{slot.day:%b}{slot.day.day:02d}-{half}".lower()
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def import_document(
    path: Path, timezone: str | None = None, meeting_id: str | None = None
) -> Imported:
    """The programme in a document, or DocumentError saying which line stopped it."""
    name = str(path)
    try:
        lines = read_lines(path)
    except OSError as error:
        raise DocumentError(name, None, f"cannot be read: {error.strerror}") from None
    if not any(line.text for line in lines):
        raise DocumentError(name, None, "is empty")
    reader = _Reader(name, lines, timezone, meeting_id)
    heading, after_heading = reader.heading()
    title, paragraphs, annex = reader.introduction(after_heading)
    days, slots, notes, _end = reader.table(annex, heading)
    if not slots:
        example = "上午 10 时至下午 1 时" if reader.language == "zh" else "10 a.m.-1 p.m."
        raise DocumentError(
            name,
            lines[min(annex, len(lines) - 1)].number,
            f"no session found: expected day lines followed by times such as '{example}'",
        )
    reader.finish(slots)
    for slot in slots:
        if not heading.start <= slot.day <= heading.end:
            raise DocumentError(
                name,
                slot.line,
                f"{slot.day} is outside the meeting's dates ({heading.start} to {heading.end})",
            )
        if slot.end <= slot.start:
            raise DocumentError(
                name,
                slot.line,
                f"the session ends ({slot.end:%H:%M}) before it starts ({slot.start:%H:%M})",
            )
    zone = timezone or zones.CITY_ZONES.get(_city_key(heading.city))
    if zone is None:
        raise DocumentError(
            name,
            None,
            f"no time zone known for '{heading.city}'; give one "
            "with --timezone (an IANA name such as Europe/Zurich)",
        )
    if not zones.is_known(zone):
        raise DocumentError(name, None, f"unknown time zone '{zone}'")
    return Imported(
        _programme(reader, heading, title, paragraphs, days, slots, notes, zone, meeting_id),
        reader.warnings,
    )


def _programme(
    reader: _Reader,
    heading: Heading,
    title: str | None,
    paragraphs: list[str],
    days: list[DayEntry],
    slots: list[Slot],
    notes: list[str],
    zone: str,
    meeting_id: str | None,
) -> dict:
    lang = reader.language

    def text(value: str) -> dict[str, str]:
        return {lang: value}

    venue = VENUES.get(_city_key(heading.city))
    meeting: dict = {
        "id": meeting_id or _meeting_id(heading, lang),
        "language": lang,
        "title": text(
            join(heading.body, heading.session or "")
            if lang == "zh"
            else ", ".join(filter(None, [heading.body, heading.session]))
        ),
        "short_title": text(heading.session or heading.body),
        "body": text(heading.body),
    }
    if heading.session:
        meeting["session"] = text(heading.session)
    meeting["city"] = text(heading.city)
    meeting["venue"] = text(venue[1 if lang == "zh" else 0] if venue else heading.city)
    meeting.update(
        {
            "timezone": zone,
            "start": heading.start.isoformat(),
            "end": heading.end.isoformat(),
            "status": "provisional"
            if title is None or re.search(r"暂定|provisional", title, re.I)
            else "adopted",
        }
    )
    site = next((link for link in reader.links if "undocs.org" not in link), None)
    if site:
        meeting["url"] = site
    if title:
        meeting["document"] = {"title": text(title)}
    if paragraphs:
        meeting["introduction"] = [text(paragraph) for paragraph in paragraphs]
    documents = []
    for link in dict.fromkeys(reader.links):
        match = re.match(r"https?://undocs\.org/(?:[a-z]{2}/)?(.+)$", link)
        if match:
            documents.append({"symbol": match[1], "title": text(match[1]), "url": link})
    if documents:
        meeting["documents"] = documents

    agenda: list[dict] = []
    parents: dict[str, dict] = {}
    for slug, title_text in reader.agenda.items():
        number = slug.rstrip("abcdefghijklmnopqrstuvwxyz")
        letter = slug[len(number) :]
        if not letter:
            entry = {"number": number, "title": text(title_text)}
            parents[number] = entry
            agenda.append(entry)
    for slug, title_text in reader.agenda.items():
        number = slug.rstrip("abcdefghijklmnopqrstuvwxyz")
        letter = slug[len(number) :]
        if letter:
            parent = parents.get(number)
            if parent is None:
                parent = {"number": number, "title": text(f"{number}")}
                parents[number] = parent
                agenda.append(parent)
            parent.setdefault("sub_items", []).append({"letter": letter, "title": text(title_text)})
    for parent in parents.values():
        parent.get("sub_items", []).sort(key=lambda sub: sub["letter"])
    agenda.sort(key=lambda entry: int(entry["number"]) if entry["number"].isdigit() else 999)

    taken: set[str] = set()
    out_days = []
    for entry in days:
        blocks = []
        for slot in (s for s in slots if s.day == entry.day):
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
            day["note"] = text(entry.note or ("无会议" if lang == "zh" else "No meetings"))
        out_days.append(day)
    programme = {"meeting": meeting, "agenda": agenda, "days": out_days}
    if notes:
        programme["notes"] = [text(note) for note in notes]
    return programme
