"""English: the words and forms of programme-of-work documents in English."""

from __future__ import annotations

import re

from ..language import NUMBERS_AND_LETTERS, Language, Period, SlotForm

WEEKDAYS = (
    ("monday",),
    ("tuesday",),
    ("wednesday",),
    ("thursday",),
    ("friday",),
    ("saturday",),
    ("sunday",),
)
_WEEKDAY = "|".join(name for names in WEEKDAYS for name in names)

MONTHS = {
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

ORDINALS = {
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

_AM = Period(add=-12, hours=range(12, 13))  # 12 a.m. is midnight
PERIODS = {
    "am": _AM,
    "pm": Period(add=12, hours=range(12)),
    "noon": Period(at=12, carries=False),
    "midnight": Period(at=0, carries=False),
}
_PERIOD = r"(a\.?\s?m\.?|p\.?\s?m\.?|noon|midnight)"


def _clock(end: int) -> str:
    """An hour of a slot, as in `10`, `11.30 a.m.`, `3 p.m.` or `noon`; `end` is 1 or 2."""
    return (
        rf"(?:(?P<h{end}>\d{{1,2}})(?:[:.](?P<m{end}>\d{{2}}))?\s*(?P<p{end}>{_PERIOD})?"
        rf"|(?P<w{end}>noon|midnight))"
    )


# "Monday, 28 March 2022" and "Monday, March 28, 2022", with what follows on the line.
_DAY_END = r"(?:,?\s+(?P<year>\d{4}))?\s*(?:[:.\-–—]\s*(?P<rest>.*))?$"

ENGLISH = Language(
    code="en",
    script=None,
    heading_dates=re.compile(
        r"^(?P<city>.+?),\s*(?P<d1>\d{1,2})\s*(?P<m1>[a-z]+)?(?:\s+(?P<y1>\d{4}))?\s*"
        r"(?:-|–|—|to)\s*(?P<d2>\d{1,2})\s+(?P<m2>[a-z]+)\s+(?P<y2>\d{4})$",
        re.I,
    ),
    heading_example="New York, 28 March-1 April 2022",
    months=MONTHS,
    session_line=re.compile(r"\bsession\b|\bmeeting\b", re.I),
    session_line_longest=79,
    session_ordinals=ORDINALS,
    session_number=re.compile(r"\b(?P<number>\d{1,3})(?:st|nd|rd|th)\b"),
    numerals={},
    body_separator=" ",
    title_separator=", ",
    title=("(?:provisional |proposed |tentative )?programme of work",),
    provisional=("provisional", "proposed", "tentative"),
    note_by=("note by the secretariat",),
    annex=("annex",),
    table_header=(r"date\s*/\s*time", "date and time"),
    notes=("note", "notes"),
    boilerplate=(
        r"distr\.?:? .*",
        "original:? .*",
        "(?:arabic|chinese|english|french|russian|spanish)",  # the language of this version
        "general assembly",
        "security council",
        "economic and social council",
        "united nations",
        "please recycle.*",
        "advance unedited version.*",
        r"draft(?:\s*[—–-]\s.*)?",  # a mark on a draft's pages, not a draft named in the table
        ".*for internal use.*",
        "check against delivery.*",
    ),
    day_lines=(
        re.compile(
            rf"^(?:{_WEEKDAY}),?\s+(?P<day>\d{{1,2}})\s+(?P<month>[a-z]+)\.?{_DAY_END}", re.I
        ),
        re.compile(
            rf"^(?:{_WEEKDAY}),?\s+(?P<month>[a-z]+)\.?\s+(?P<day>\d{{1,2}}){_DAY_END}", re.I
        ),
    ),
    day_example="Monday, 28 March 2022",
    slot_forms=(
        # 24-hour clock: "10.00-13.00".
        SlotForm(
            re.compile(
                r"^(?P<h1>\d{1,2})[:.](?P<m1>\d{2})\s*(?:-|–|—|至|to)\s*(?P<h2>\d{1,2})[:.]"
                r"(?P<m2>\d{2})(?!\s*(?:a\.?\s?m|p\.?\s?m|noon|midnight))(?=\s|$)\s*",
                re.I,
            )
        ),
        # "10 a.m.-1 p.m.", "10-11:30 a.m.", "3–6 p.m.", "noon-3 p.m.".
        SlotForm(
            re.compile(rf"^{_clock(1)}\s*(?:-|–|—|to|until)\s*{_clock(2)}(?=\s|$)\s*", re.I),
            periods=PERIODS,
            shared="back",
            default=_AM,
            needs_period=True,
        ),
    ),
    slot_example="10 a.m.-1 p.m.",
    wraps_before=re.compile(r"^[a-z(]"),
    wraps_after=re.compile(r"(?:[,;:\-–]|\b(?:of|and|the|on|to|for|in|by|with|a|an))$"),
    full_line_ends=None,
    numbering=NUMBERS_AND_LETTERS,
    item_line=re.compile(
        r"^(?:agenda\s+)?items?\s+(?P<number>\d{1,2})\s*(?:\((?P<letter>[a-z])\))?\.?"
        r"(?=\s|$|\()(?P<rest>.*)$",
        re.I,
    ),
    item_reference=re.compile(
        r"[(（]\s*(?:agenda\s+)?items?\s+(?P<number>\d{1,2})\s*(?:\((?P<letter>[a-z])\))?"
        r"(?:\s*(?:and|,)\s*\d{1,2})?\s*[)）]",
        re.I,
    ),
    item_placeholder="Item {number}",
    continued=("continued", r"cont'?d\.?"),
    minutes=("minutes?", r"mins?\.?"),
    city_names={},
    venues={
        "new york": "United Nations Headquarters, New York",
        "geneva": "Palais des Nations, Geneva",
        "vienna": "Vienna International Centre",
        "nairobi": "United Nations Office at Nairobi",
        "bangkok": "United Nations Conference Centre, Bangkok",
        "addis ababa": "United Nations Conference Centre, Addis Ababa",
    },
    no_meetings="No meetings",
    id_terms=(),
    initial_words=re.compile(r"[A-Za-z]+"),
    initials_skip=frozenset(
        {
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
    ),
    masthead_date=re.compile(r"^(?P<day>\d{1,2})\s+(?P<month>[a-z]+)\s+(?P<year>\d{4})$", re.I),
    headings=(
        "provisional agenda and annotations",
        "annotated provisional agenda",
        "annotations to the provisional agenda",
        "provisional agenda",
        "(?:proposed|provisional|tentative) organization of work",
    ),
    issued_under=(
        r"items? \d{1,2}(?: ?\([a-z]\))?(?:(?:,| and) \d{1,2}(?: ?\([a-z]\))?)* "
        r"of the (?:provisional )?agenda\s*\*?",
    ),
)
