"""French: the words and forms of programme-of-work documents in French."""

from __future__ import annotations

import re

from ..language import Language, Numbering, SlotForm

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_WEEKDAY = "|".join(WEEKDAYS)

# As the UN writes them, and as CLDR (`fr`, format context) names them.
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("janvier",),
            ("février", "fevrier"),
            ("mars",),
            ("avril",),
            ("mai",),
            ("juin",),
            ("juillet",),
            ("août", "aout"),
            ("septembre",),
            ("octobre",),
            ("novembre",),
            ("décembre", "decembre"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"[a-zéûè]+"

ORDINALS = {
    "première": 1,
    "premier": 1,
    "deuxième": 2,
    "seconde": 2,
    "troisième": 3,
    "quatrième": 4,
    "cinquième": 5,
    "sixième": 6,
    "septième": 7,
    "huitième": 8,
    "neuvième": 9,
    "dixième": 10,
    "onzième": 11,
    "douzième": 12,
}


def _clock(end: int) -> str:
    """An hour of a slot: `10 heures`, `10 h 30`, `13 h`; `end` is 1 or 2."""
    return rf"(?P<h{end}>\d{{1,2}})\s*(?:heures?|h(?:\s*(?P<m{end}>\d{{2}}))?)"


CITY_NAMES = {
    "new york": "new york",
    "genève": "geneva",
    "vienne": "vienna",
    "nairobi": "nairobi",
    "bangkok": "bangkok",
    "addis-abeba": "addis ababa",
    "santiago": "santiago",
    "beyrouth": "beirut",
    "la haye": "the hague",
    "bonn": "bonn",
    "rome": "rome",
    "paris": "paris",
    "montréal": "montreal",
    "washington": "washington",
    "beijing": "beijing",
    "pékin": "beijing",
}

# "5. Ouverture de la session", "5 - ...", "a) ..." and "(a) ...".
NUMBERING = Numbering(
    item=re.compile(r"^(?P<number>\d{1,2})\s*[.\-–]\s+(?P<title>\S.*)$"),
    item_prefix=re.compile(r"^\s*\d{1,2}\s*[.．\-–]\s*"),
    sub_item=re.compile(r"^\(?(?P<letter>[a-z])\)\s*(?P<title>\S.*)$"),
    sub_item_prefix=re.compile(r"^\s*[(（]?\s*[a-z]\s*[)）]\s*"),
    paragraph=re.compile(r"^(?P<number>\d{1,2})\s*[.\-–]\s+(?P<text>.*)$"),
)

# "Mardi 1er octobre", "Mercredi 2 octobre 2030", with what follows on the line.
_DAY_END = r"(?:\s+(?P<year>\d{4}))?\s*(?:[:.\-–—]\s*(?P<rest>.*))?$"

FRENCH = Language(
    code="fr",
    script=None,
    heading_dates=re.compile(
        r"^(?P<city>.+?),\s*(?:du\s+)?(?P<d1>\d{1,2})(?:er)?\s*(?P<m1>[a-zéû]+)?"
        r"(?:\s+(?P<y1>\d{4}))?\s*(?:-|–|—|au)\s*(?P<d2>\d{1,2})(?:er)?\s+(?P<m2>[a-zéû]+)\s+"
        r"(?P<y2>\d{4})$",
        re.I,
    ),
    heading_example="Genève, 9-12 septembre 2030",
    months=MONTHS,
    session_line=re.compile(r"\bsession\b|\bréunion\b", re.I),
    session_line_longest=79,
    session_ordinals=ORDINALS,
    session_number=re.compile(r"\b(?P<number>\d{1,3})(?:e|ème|re)\b"),
    numerals={},
    body_separator=" ",
    title_separator=", ",
    title=("programme de travail(?: provisoire| proposé| indicatif)?",),
    provisional=("provisoire", "proposé", "indicatif"),
    note_by=("note du secrétariat",),
    annex=("annexe",),
    table_header=(r"date\s*/\s*heure", "date et heure"),
    notes=("note", "notes"),
    boilerplate=(
        "nations unies",
        "assemblée générale",
        "conseil de sécurité",
        "conseil économique et social",
        "(?:anglais|arabe|chinois|espagnol|français|russe)",  # the language of this version
        "prière de recycler.*",
        "version préliminaire non éditée.*",
    ),
    day_lines=(
        re.compile(
            rf"^(?:{_WEEKDAY}),?\s+(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{_MONTH}){_DAY_END}",
            re.I,
        ),
    ),
    day_example="Mardi 1er octobre",
    slot_forms=(
        # 24-hour clock with a dot or colon: "10.00-13.00", "10:00-13:00".
        SlotForm(
            re.compile(
                r"^(?P<h1>\d{1,2})[:.](?P<m1>\d{2})\s*(?:-|–|—|à)\s*(?P<h2>\d{1,2})[:.]"
                r"(?P<m2>\d{2})(?=\s|$)\s*"
            )
        ),
        # "10 heures-13 heures", "10 h 30-13 heures", "de 15 heures à 18 heures".
        SlotForm(
            re.compile(rf"^(?:de\s+)?{_clock(1)}\s*(?:-|–|—|à)\s*{_clock(2)}(?=\s|$)\s*", re.I)
        ),
    ),
    slot_example="10 heures-13 heures",
    wraps_before=re.compile(r"^[a-zéèàç(](?!\))"),
    wraps_after=re.compile(
        r"(?:[,;:\-–]|\b(?:de|du|des|la|le|les|et|à|au|aux|en|sur|pour|par|d['’]|l['’]))$"
    ),
    full_line_ends=None,
    numbering=NUMBERING,
    item_line=re.compile(
        r"^points?\s+(?P<number>\d{1,2})\s*(?:\(?(?P<letter>[a-z])\))?\.?"
        r"(?=\s|$|\()(?P<rest>.*)$",
        re.I,
    ),
    item_reference=re.compile(
        r"[(（]\s*points?\s+(?:de l['’]ordre du jour\s+)?(?P<number>\d{1,2})"
        r"(?:\s*(?:et|,)\s*\d{1,2})?\s*[)）]",
        re.I,
    ),
    item_placeholder="Point {number}",
    continued=("suite",),
    minutes=("minutes?", r"min\.?"),
    city_names=CITY_NAMES,
    venues={
        "new york": "Siège de l’Organisation des Nations Unies, New York",
        "geneva": "Palais des Nations, Genève",
        "vienna": "Centre international de Vienne",
        "nairobi": "Office des Nations Unies à Nairobi",
        "bangkok": "Centre de conférences des Nations Unies, Bangkok",
        "addis ababa": "Centre de conférences des Nations Unies, Addis-Abeba",
    },
    no_meetings="Pas de séance",
    id_terms=(),
    initial_words=re.compile(r"[A-Za-zÀ-ÿ]+"),
    initials_skip=frozenset(
        {
            "de",
            "du",
            "des",
            "la",
            "le",
            "les",
            "et",
            "à",
            "au",
            "aux",
            "en",
            "sur",
            "pour",
            "par",
            "d",
            "l",
            "un",
            "une",
            "son",
            "sa",
            "ses",
        }
    ),
    masthead_date=re.compile(
        rf"^(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{_MONTH})\s+(?P<year>\d{{4}})$", re.I
    ),
    headings=(
        "ordre du jour provisoire et annotations",
        "ordre du jour provisoire annoté",
        "annotations de l['’]ordre du jour provisoire",
        "ordre du jour provisoire",
        "organisation des travaux(?: proposée| provisoire)?",
        "projet d['’]organisation des travaux",
    ),
    issued_under=(
        r"points? \d{1,2}(?: ?\(?[a-z]\))?(?:(?:,| et) \d{1,2}(?: ?\(?[a-z]\))?)* "
        r"de l['’]ordre du jour(?: provisoire)?\s*\*?",
    ),
)
