"""Spanish: the words and forms of programme-of-work documents in Spanish."""

from __future__ import annotations

import re

from ..language import Language, Numbering, SlotForm

WEEKDAYS = (
    "lunes",
    "martes",
    "miércoles",
    "miercoles",
    "jueves",
    "viernes",
    "sábado",
    "sabado",
    "domingo",
)
_WEEKDAY = "|".join(WEEKDAYS)

# As the UN writes them, and as CLDR (`es`, format context) names them.
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("enero",),
            ("febrero",),
            ("marzo",),
            ("abril",),
            ("mayo",),
            ("junio",),
            ("julio",),
            ("agosto",),
            ("septiembre", "setiembre"),
            ("octubre",),
            ("noviembre",),
            ("diciembre",),
        ],
        start=1,
    )
    for name in names
}

ORDINALS = {
    "primer": 1,
    "primera": 1,
    "segundo": 2,
    "segunda": 2,
    "tercer": 3,
    "tercera": 3,
    "cuarto": 4,
    "cuarta": 4,
    "quinto": 5,
    "quinta": 5,
    "sexto": 6,
    "sexta": 6,
    "séptimo": 7,
    "séptima": 7,
    "octavo": 8,
    "octava": 8,
    "noveno": 9,
    "novena": 9,
    "décimo": 10,
    "décima": 10,
}

CITY_NAMES = {
    "nueva york": "new york",
    "ginebra": "geneva",
    "viena": "vienna",
    "nairobi": "nairobi",
    "bangkok": "bangkok",
    "addis abeba": "addis ababa",
    "santiago": "santiago",
    "santiago de chile": "santiago",
    "beirut": "beirut",
    "la haya": "the hague",
    "bonn": "bonn",
    "roma": "rome",
    "parís": "paris",
    "montreal": "montreal",
    "washington": "washington",
    "beijing": "beijing",
}

# "5. Apertura del período de sesiones", "5 - ...", "a) ..." and "(a) ...".
NUMBERING = Numbering(
    item=re.compile(r"^(?P<number>\d{1,2})\s*[.\-–]\s+(?P<title>\S.*)$"),
    item_prefix=re.compile(r"^\s*\d{1,2}\s*[.．\-–]\s*"),
    sub_item=re.compile(r"^\(?(?P<letter>[a-z])\)\s*(?P<title>\S.*)$"),
    sub_item_prefix=re.compile(r"^\s*[(（]?\s*[a-z]\s*[)）]\s*"),
    paragraph=re.compile(r"^(?P<number>\d{1,2})\s*[.\-–]\s+(?P<text>.*)$"),
)

_MONTH = r"[a-z]+"
# "Martes 14 de mayo", "Martes 14 de mayo de 2030", with what follows on the line.
_DAY_END = r"(?:\s+de\s+(?P<year>\d{4}))?\s*(?:[:.\-–—]\s*(?P<rest>.*))?$"
_CLOCK_24 = r"(?P<h{n}>\d{{1,2}})[:.](?P<m{n}>\d{{2}})"

SPANISH = Language(
    code="es",
    script=None,
    heading_dates=re.compile(
        r"^(?P<city>.+?),\s*(?P<d1>\d{1,2})(?:\s+de\s+(?P<m1>[a-z]+))?(?:\s+de\s+(?P<y1>\d{4}))?"
        r"\s*(?:-|–|—|a|al)\s*(?P<d2>\d{1,2})\s+de\s+(?P<m2>[a-z]+)\s+de\s+(?P<y2>\d{4})$",
        re.I,
    ),
    heading_example="Ginebra, 9 a 12 de septiembre de 2030",
    months=MONTHS,
    session_line=re.compile(r"per[ií]odo de sesiones|\breuni[oó]n\b|\bsesi[oó]n\b", re.I),
    session_line_longest=79,
    session_ordinals=ORDINALS,
    session_number=re.compile(r"\b(?P<number>\d{1,3})(?:º|°|er|o|a)\b"),
    numerals={},
    body_separator=" ",
    title_separator=", ",
    title=("programa de trabajo(?: provisional| propuesto| indicativo)?",),
    provisional=("provisional", "propuesto", "indicativo"),
    note_by=("nota de la secretaría",),
    annex=("anexo",),
    table_header=(r"fecha\s*/\s*hora", "fecha y hora"),
    notes=("nota", "notas"),
    boilerplate=(
        "naciones unidas",
        "asamblea general",
        "consejo de seguridad",
        "consejo económico y social",
        "(?:árabe|chino|español|francés|inglés|ruso)",  # the language of this version
        "se ruega reciclar.*",
        "versión avanzada sin editar.*",
    ),
    day_lines=(
        re.compile(
            rf"^(?:{_WEEKDAY}),?\s+(?P<day>\d{{1,2}})\s+de\s+(?P<month>{_MONTH}){_DAY_END}",
            re.I,
        ),
    ),
    day_example="Martes 14 de mayo",
    slot_forms=(
        # "10.00 a 13.00 horas", "de 10.00 a 13.00 horas", "10.00-13.00".
        SlotForm(
            re.compile(
                rf"^(?:de\s+(?:las\s+)?)?{_CLOCK_24.format(n=1)}(?:\s*horas)?\s*"
                rf"(?:-|–|—|a(?:\s+las)?)\s*{_CLOCK_24.format(n=2)}(?:\s*horas)?(?=\s|$)\s*",
                re.I,
            )
        ),
    ),
    slot_example="10.00 a 13.00 horas",
    wraps_before=re.compile(r"^[a-záéíóúñ(](?!\))"),
    wraps_after=re.compile(r"(?:[,;:\-–]|\b(?:de|del|la|el|los|las|y|e|en|a|al|por|para|con))$"),
    full_line_ends=None,
    numbering=NUMBERING,
    item_line=re.compile(
        r"^temas?\s+(?P<number>\d{1,2})\s*(?:\(?(?P<letter>[a-z])\))?\.?"
        r"(?=\s|$|\()(?P<rest>.*)$",
        re.I,
    ),
    item_reference=re.compile(
        r"[(（]\s*temas?\s+(?:del programa\s+)?(?P<number>\d{1,2})"
        r"(?:\s*(?:y|,)\s*\d{1,2})?\s*[)）]",
        re.I,
    ),
    item_placeholder="Tema {number}",
    continued=("continuación",),
    minutes=("minutos?", r"min\.?"),
    city_names=CITY_NAMES,
    venues={
        "new york": "Sede de las Naciones Unidas, Nueva York",
        "geneva": "Palacio de las Naciones, Ginebra",
        "vienna": "Centro Internacional de Viena",
        "nairobi": "Oficina de las Naciones Unidas en Nairobi",
        "bangkok": "Centro de Conferencias de las Naciones Unidas, Bangkok",
        "addis ababa": "Centro de Conferencias de las Naciones Unidas, Addis Abeba",
    },
    no_meetings="No hay sesiones",
    id_terms=(),
    initial_words=re.compile(r"[A-Za-zÁÉÍÓÚÑáéíóúñ]+"),
    initials_skip=frozenset(
        {"de", "del", "la", "el", "los", "las", "y", "e", "en", "a", "al", "por", "para", "con"}
    ),
    masthead_date=re.compile(
        rf"^(?P<day>\d{{1,2}})\s+de\s+(?P<month>{_MONTH})\s+de\s+(?P<year>\d{{4}})$", re.I
    ),
    headings=(
        "programa provisional y anotaciones",
        "programa provisional anotado",
        "anotaciones al programa provisional",
        "programa provisional",
        "(?:propuesta de )?organización de los trabajos(?: propuesta)?",
    ),
    issued_under=(
        r"temas? \d{1,2}(?: ?\(?[a-z]\))?(?:(?:,| y) \d{1,2}(?: ?\(?[a-z]\))?)* "
        r"del programa(?: provisional)?\s*\*?",
    ),
)
