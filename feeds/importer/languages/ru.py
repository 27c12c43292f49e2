"""Russian: the words and forms of programme-of-work documents in Russian."""

from __future__ import annotations

import re

from ... import i18n
from ..language import Language, Numbering, SlotForm

CYRILLIC = r"\u0400-\u04ff"

WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")
_WEEKDAY = "|".join(WEEKDAYS)

# Months in the genitive, as dates write them (14 мая): the same words the feeds write.
MONTHS = {name: number for number, name in enumerate(i18n.words("ru").months, start=1)}
_MONTH = rf"[{CYRILLIC}]+"

ORDINALS = {
    "первая": 1,
    "вторая": 2,
    "третья": 3,
    "четвертая": 4,
    "четвёртая": 4,
    "пятая": 5,
    "шестая": 6,
    "седьмая": 7,
    "восьмая": 8,
    "девятая": 9,
    "десятая": 10,
    "одиннадцатая": 11,
    "двенадцатая": 12,
}

# Sub-items are lettered in the Cyrillic alphabet without ё, й, ъ, ы, ь: а) б) в) г)...
LETTERS = dict(zip("абвгдежзиклмнопрстуфхцчшщэюя", "abcdefghijklmnopqrstuvwxyz", strict=False))

CITY_NAMES = {
    "нью-йорк": "new york",
    "женева": "geneva",
    "вена": "vienna",
    "найроби": "nairobi",
    "бангкок": "bangkok",
    "аддис-абеба": "addis ababa",
    "сантьяго": "santiago",
    "бейрут": "beirut",
    "гаага": "the hague",
    "бонн": "bonn",
    "рим": "rome",
    "париж": "paris",
    "монреаль": "montreal",
    "вашингтон": "washington",
    "пекин": "beijing",
}

_LETTER = "[" + "".join(LETTERS) + "]"
NUMBERING = Numbering(
    item=re.compile(r"^(?P<number>\d{1,2})\s*[.\-–]\s+(?P<title>\S.*)$"),
    item_prefix=re.compile(r"^\s*\d{1,2}\s*[.．\-–]\s*"),
    sub_item=re.compile(rf"^\(?(?P<letter>{_LETTER})\)\s*(?P<title>\S.*)$"),
    sub_item_prefix=re.compile(rf"^\s*[(（]?\s*{_LETTER}\s*[)）]\s*"),
    paragraph=re.compile(r"^(?P<number>\d{1,2})\s*[.\-–]\s+(?P<text>.*)$"),
    letters=LETTERS,
    sub_item_format="{letter}) {title}",
)


def _clock(end: int) -> str:
    """An hour of a slot: `10 ч 00 м`, `10 ч. 30 м.`, `13 ч`; `end` is 1 or 2."""
    return rf"(?P<h{end}>\d{{1,2}})\s*ч\.?(?:\s*(?P<m{end}>\d{{2}})\s*(?:м|мин)\.?)?"


_DAY_END = r"(?:\s+(?P<year>\d{4})(?:\s+г(?:ода?|\.))?)?\s*(?:[:.\-–—]\s*(?P<rest>.*))?$"

RUSSIAN = Language(
    code="ru",
    script=CYRILLIC,
    heading_dates=re.compile(
        rf"^(?P<city>.+?),\s*(?P<d1>\d{{1,2}})\s*(?P<m1>{_MONTH})?(?:\s+(?P<y1>\d{{4}}))?\s*"
        rf"(?:-|–|—)\s*(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\s+(?P<y2>\d{{4}})"
        r"(?:\s+г(?:ода?|\.))?$",
        re.I,
    ),
    heading_example="Женева, 9–12 сентября 2030 года",
    months=MONTHS,
    session_line=re.compile(r"\bсессия\b|\bсовещание\b", re.I),
    session_line_longest=79,
    session_ordinals=ORDINALS,
    session_number=re.compile(r"\b(?P<number>\d{1,3})-?(?:я|й)\b"),
    numerals={},
    body_separator=" ",
    title_separator=", ",
    title=("(?:предварительная |предлагаемая |ориентировочная )?программа работы",),
    provisional=("предварительная", "предлагаемая", "ориентировочная"),
    note_by=("записка секретариата",),
    annex=("приложение",),
    table_header=(r"дата\s*/\s*время", "дата и время"),
    notes=("примечание", "примечания"),
    boilerplate=(
        "организация объединенных наций",
        "организация объединённых наций",
        "генеральная ассамблея",
        "совет безопасности",
        "экономический и социальный совет",
        "(?:английский|арабский|испанский|китайский|русский|французский)",
        "язык оригинала:? .*",
        "просьба отправить на вторичную переработку.*",
    ),
    day_lines=(
        re.compile(
            rf"^(?:{_WEEKDAY}),?\s+(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH}){_DAY_END}", re.I
        ),
    ),
    day_example="Вторник, 14 мая",
    slot_forms=(
        # "10 ч 00 м – 13 ч 00 м", "с 10 ч. 00 м. до 13 ч. 00 м.".
        SlotForm(
            re.compile(rf"^(?:с\s+)?{_clock(1)}\s*(?:-|–|—|до)\s*{_clock(2)}(?=\s|$)\s*", re.I)
        ),
        # 24-hour clock: "10:00-13:00", "10.00–13.00".
        SlotForm(
            re.compile(
                r"^(?:с\s+)?(?P<h1>\d{1,2})[:.](?P<m1>\d{2})\s*(?:-|–|—|до)\s*"
                r"(?P<h2>\d{1,2})[:.](?P<m2>\d{2})(?=\s|$)\s*"
            )
        ),
    ),
    slot_example="10 ч 00 м – 13 ч 00 м",
    wraps_before=re.compile(r"^[а-яё(](?!\))"),
    wraps_after=re.compile(r"(?:[,;:\-–]|\b(?:и|в|во|на|по|о|об|с|со|к|для|от|из|за))$"),
    full_line_ends=None,
    numbering=NUMBERING,
    item_line=re.compile(
        rf"^пункты?\s+(?P<number>\d{{1,2}})\s*(?:(?P<letter>{_LETTER})\))?\.?"
        r"(?=\s|$|\()(?P<rest>.*)$",
        re.I,
    ),
    item_reference=re.compile(
        r"[(（]\s*пункты?\s+(?:повестки дня\s+)?(?P<number>\d{1,2})"
        r"(?:\s*(?:и|,)\s*\d{1,2})?\s*[)）]",
        re.I,
    ),
    item_placeholder="Пункт {number}",
    continued=("продолжение",),
    minutes=("минут[аы]?", r"мин\.?"),
    city_names=CITY_NAMES,
    venues={
        "new york": "Центральные учреждения Организации Объединенных Наций, Нью-Йорк",
        "geneva": "Дворец Наций, Женева",
        "vienna": "Венский международный центр",
        "nairobi": "Отделение Организации Объединенных Наций в Найроби",
        "bangkok": "Конференционный центр Организации Объединенных Наций, Бангкок",
        "addis ababa": "Конференционный центр Организации Объединенных Наций, Аддис-Абеба",
    },
    no_meetings="Заседаний нет",
    # Common words of UN body names, for a readable meeting id.
    id_terms=(
        ("Рабочая группа открытого состава", "oewg"),
        ("Группа правительственных экспертов", "gge"),
        ("информационно-коммуникационных технологий", "ict"),
        ("Конференция по разоружению", "cd"),
        ("Совещание государств-участников", "msp"),
        ("Подготовительный комитет", "prepcom"),
        ("Комиссия", "commission"),
        ("Комитет", "committee"),
        ("Рабочая группа", "wg"),
    ),
    initial_words=None,
    initials_skip=frozenset(),
    masthead_date=re.compile(
        rf"^(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\s+(?P<year>\d{{4}})(?:\s+г(?:ода?|\.))?$",
        re.I,
    ),
    headings=(
        "предварительная повестка дня и аннотации",
        "аннотированная предварительная повестка дня",
        "аннотации к предварительной повестке дня",
        "предварительная повестка дня",
        "(?:предлагаемая |предварительная )?организация работы",
    ),
    issued_under=(
        r"пункты? \d{1,2}(?: ?[а-я]\))?(?:(?:,| и) \d{1,2}(?: ?[а-я]\))?)* "
        r"предварительной повестки дня\s*\*?",
    ),
)
