"""Arabic: the words and forms of programme-of-work documents in Arabic, in logical order."""

from __future__ import annotations

import re

from ..language import Language, Numbering, SlotForm

ARABIC = r"\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"

WEEKDAYS = ("الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
_WEEKDAY = "|".join(WEEKDAYS)

# The UN writes each month in a double form, the Syriac (Levantine) name and the Egyptian
# one: آذار/مارس. CLDR's `ar_SY` and `ar_EG` have the two names, but spell June and July
# يونيو and يوليو where the UN writes يونيه and يوليه; both spellings are read.
_DOUBLE = [
    ("كانون الثاني", ("يناير",)),
    ("شباط", ("فبراير",)),
    ("آذار", ("مارس",)),
    ("نيسان", ("أبريل", "ابريل")),
    ("أيار", ("مايو",)),
    ("حزيران", ("يونيه", "يونيو")),
    ("تموز", ("يوليه", "يوليو")),
    ("آب", ("أغسطس",)),
    ("أيلول", ("سبتمبر",)),
    ("تشرين الأول", ("أكتوبر",)),
    ("تشرين الثاني", ("نوفمبر",)),
    ("كانون الأول", ("ديسمبر",)),
]
MONTHS = {
    name: number
    for number, (syriac, egyptian) in enumerate(_DOUBLE, start=1)
    for name in (
        syriac,
        *egyptian,
        *(f"{syriac}/{each}" for each in egyptian),
    )
}
# One name, or two words before the slash of a double form (تشرين الأول/أكتوبر).
_MONTH = r"[^\d\s/]+(?: [^\d\s/]+(?=/))?(?:/[^\d\s/]+)?"

# Ordinals of a session, the compound ones first: السادسة عشرة before السادسة.
_UNITS = ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة"]
_UNITS += ["الثامنة", "التاسعة"]
ORDINALS = {
    "الحادية عشرة": 11,
    **{f"{unit} عشرة": number + 10 for number, unit in enumerate(_UNITS, start=1) if number > 1},
    **{unit: number for number, unit in enumerate(_UNITS, start=1)},
    "العاشرة": 10,
}

# Sub-items are lettered in the abjad order: (أ) (ب) (ج) (د) (هـ) (و)...
_ABJAD = ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن"]
_ABJAD += ["س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض"]
LETTERS = {**dict(zip(_ABJAD, "abcdefghijklmnopqrstuvwxyz", strict=True)), "ه": "e"}
_LETTER = "(?:" + "|".join(sorted(LETTERS, key=len, reverse=True)) + ")"

CITY_NAMES = {
    "نيويورك": "new york",
    "جنيف": "geneva",
    "فيينا": "vienna",
    "نيروبي": "nairobi",
    "بانكوك": "bangkok",
    "أديس أبابا": "addis ababa",
    "سانتياغو": "santiago",
    "بيروت": "beirut",
    "لاهاي": "the hague",
    "بون": "bonn",
    "روما": "rome",
    "باريس": "paris",
    "مونتريال": "montreal",
    "واشنطن": "washington",
    "بيجين": "beijing",
}

# "1 - افتتاح الدورة", "(أ) ...".
NUMBERING = Numbering(
    item=re.compile(r"^(?P<number>\d{1,2})\s*[.\-–]\s+(?P<title>\S.*)$"),
    item_prefix=re.compile(r"^\s*\d{1,2}\s*[.．\-–]\s*"),
    sub_item=re.compile(rf"^\((?P<letter>{_LETTER})\)\s*(?P<title>\S.*)$"),
    sub_item_prefix=re.compile(rf"^\s*[(（]\s*{_LETTER}\s*[)）]\s*"),
    paragraph=re.compile(r"^(?P<number>\d{1,2})\s*[.\-–]\s+(?P<text>.*)$"),
    letters=LETTERS,
    item_format="{number} - {title}",
    sub_item_format="({letter}) {title}",
)

_DAY_END = r"(?:\s+(?P<year>\d{4}))?\s*(?:[:.\-–—]\s*(?P<rest>.*))?$"

ARABIC_LANGUAGE = Language(
    code="ar",
    script=ARABIC,
    heading_dates=re.compile(
        rf"^(?P<city>.+?)\s*[،,]\s*(?:من\s+)?(?P<d1>\d{{1,2}})\s*(?P<m1>{_MONTH})?"
        rf"(?:\s+(?P<y1>\d{{4}}))?\s*(?:-|–|—|إلى)\s*(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})\s+"
        r"(?P<y2>\d{4})$"
    ),
    heading_example="بيروت، 13-15 أيار/مايو 2025",
    months=MONTHS,
    session_line=re.compile(r"الدورة|الاجتماع"),
    session_line_longest=79,
    session_ordinals=ORDINALS,
    session_number=re.compile(r"الدورة\s+(?P<number>\d{1,3})\b"),
    numerals={},
    body_separator=" ",
    title_separator="، ",
    title=("برنامج العمل(?: المؤقت| المقترح| الإرشادي)?",),
    provisional=("المؤقت", "المقترح", "الإرشادي"),
    note_by=("مذكرة (?:من )?الأمانة(?: العامة| التنفيذية)?",),
    annex=("المرفق",),
    table_header=(r"التاريخ\s*/\s*الوقت",),
    notes=("ملاحظة", "ملاحظات"),
    boilerplate=(
        "الأمم المتحدة",
        "الجمعية العامة",
        "مجلس الأمن",
        "المجلس الاقتصادي والاجتماعي",
        "(?:العربية|عربي)",
        "الأصل:? .*",
        "توزيع:? .*",
        "يرجى إعادة الاستعمال.*",
    ),
    day_lines=(
        re.compile(
            rf"^(?:{_WEEKDAY})\s*[،,]?\s*(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH}){_DAY_END}"
        ),
    ),
    day_example="الثلاثاء، 14 أيار/مايو",
    slot_forms=(
        # "10:00-13:00", "الساعة 10:00-13:00", "من الساعة 10:00 إلى الساعة 13:00".
        SlotForm(
            re.compile(
                r"^(?:من\s+)?(?:الساعة\s+)?(?P<h1>\d{1,2})[:.](?P<m1>\d{2})\s*"
                r"(?:-|–|—|إلى(?:\s+الساعة)?)\s*(?P<h2>\d{1,2})[:.](?P<m2>\d{2})(?=\s|$)\s*"
            )
        ),
    ),
    slot_example="10:00-13:00",
    wraps_before=None,
    wraps_after=re.compile(r"(?:[،؛:\-–]|(?:^|\s)(?:في|من|إلى|على|عن|و))$"),
    full_line_ends=None,
    numbering=NUMBERING,
    item_line=re.compile(
        rf"^البنود?\s+(?P<number>\d{{1,2}})\s*(?:\((?P<letter>{_LETTER})\))?"
        r"(?=\s|$|\()(?P<rest>.*)$"
    ),
    item_reference=re.compile(
        r"[(（]\s*البنود?\s+(?P<number>\d{1,2})(?:\s+من جدول الأعمال)?\s*[)）]"
    ),
    item_placeholder="البند {number}",
    continued=("تابع",),
    minutes=("دقيقة", "دقائق"),
    city_names=CITY_NAMES,
    venues={
        "new york": "مقر الأمم المتحدة، نيويورك",
        "geneva": "قصر الأمم، جنيف",
        "vienna": "مركز فيينا الدولي",
        "nairobi": "مكتب الأمم المتحدة في نيروبي",
        "bangkok": "مركز الأمم المتحدة للمؤتمرات، بانكوك",
        "addis ababa": "مركز الأمم المتحدة للمؤتمرات، أديس أبابا",
        "beirut": "بيت الأمم المتحدة، بيروت",
    },
    no_meetings="لا توجد جلسات",
    # Common words of UN body names, for a readable meeting id.
    id_terms=(
        ("الفريق العامل المفتوح باب العضوية", "oewg"),
        ("الفريق العامل المفتوح العضوية", "oewg"),
        ("فريق الخبراء الحكوميين", "gge"),
        ("تكنولوجيات المعلومات والاتصالات", "ict"),
        ("مؤتمر نزع السلاح", "cd"),
        ("اجتماع الدول الأطراف", "msp"),
        ("مؤتمر الأمم المتحدة", "unconf"),
        ("اللجنة التحضيرية", "prepcom"),
        ("لجنة", "committee"),
        ("الفريق العامل", "wg"),
    ),
    initial_words=None,
    initials_skip=frozenset(),
    masthead_date=re.compile(rf"^(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\s+(?P<year>\d{{4}})$"),
    headings=(
        "جدول الأعمال المؤقت وشروحه",
        "جدول الأعمال المؤقت المشروح",
        "جدول الأعمال المؤقت",
        "(?:مقترح )?تنظيم الأعمال(?: المقترح)?",
    ),
    issued_under=(r"البندان? \d{1,2}(?: ?\([^)]{1,2}\))? من جدول الأعمال المؤقت\s*\*?",),
)
