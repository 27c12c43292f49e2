"""The words the feeds add around the programme's own text, in the six UN languages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Words:
    name: str  # the language's own name
    continued: str  # appended to a title taken up again
    minutes: str  # a duration, `{n}` minutes
    note: str  # in front of a note under the programme
    item: str  # one agenda item: `{items}`
    items: str  # several agenda items: `{items}`
    list_sep: str
    summary: str  # an event's title: `{meeting}` and `{what}`
    with_items: str  # a titled block that takes up items: `{title}`, `{items}`
    unofficial: str  # under a translation: `{source}` is the source language's name here
    source_names: dict[str, str]  # the six languages named in this one
    whole_meeting: str
    cancelled: str
    months: tuple[str, ...]
    weekdays: tuple[str, ...]  # Monday first
    day_format: str  # `{weekday}`, `{day}`, `{month}`, `{year}`
    statuses: dict[str, str]


WORDS: dict[str, Words] = {
    "zh": Words(
        name="中文",
        continued="(续)",
        minutes="({n} 分钟)",
        note="注：",
        item="项目 {items}",
        items="项目 {items}",
        list_sep="、",
        summary="{meeting}：{what}",
        with_items="{title}（{items}）",
        unofficial="非官方译文；原文为{source}。",
        source_names={
            "ar": "阿拉伯文",
            "en": "英文",
            "es": "西班牙文",
            "fr": "法文",
            "ru": "俄文",
            "zh": "中文",
        },
        whole_meeting="全部会议",
        cancelled="已取消",
        months=tuple(f"{n} 月" for n in range(1, 13)),
        weekdays=("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"),
        day_format="{year} 年 {month} {day} 日，{weekday}",
        statuses={"provisional": "暂定", "adopted": "已通过"},
    ),
    "en": Words(
        name="English",
        continued=" (continued)",
        minutes=" ({n} minutes)",
        note="Note: ",
        item="Item {items}",
        items="Items {items}",
        list_sep=", ",
        summary="{meeting}: {what}",
        with_items="{title} ({items})",
        unofficial="Unofficial translation; the original is in {source}.",
        source_names={
            "ar": "Arabic",
            "en": "English",
            "es": "Spanish",
            "fr": "French",
            "ru": "Russian",
            "zh": "Chinese",
        },
        whole_meeting="Whole meeting",
        cancelled="Cancelled",
        months=(
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        day_format="{weekday}, {day} {month} {year}",
        statuses={"provisional": "Provisional", "adopted": "Adopted"},
    ),
    "fr": Words(
        name="Français",
        continued=" (suite)",
        minutes=" ({n} minutes)",
        note="Note : ",
        item="Point {items}",
        items="Points {items}",
        list_sep=", ",
        summary="{meeting} : {what}",
        with_items="{title} ({items})",
        unofficial="Traduction non officielle ; l'original est en {source}.",
        source_names={
            "ar": "arabe",
            "en": "anglais",
            "es": "espagnol",
            "fr": "français",
            "ru": "russe",
            "zh": "chinois",
        },
        whole_meeting="Toute la réunion",
        cancelled="Annulée",
        months=(
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ),
        weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        day_format="{weekday} {day} {month} {year}",
        statuses={"provisional": "Provisoire", "adopted": "Adopté"},
    ),
    "es": Words(
        name="Español",
        continued=" (continuación)",
        minutes=" ({n} minutos)",
        note="Nota: ",
        item="Tema {items}",
        items="Temas {items}",
        list_sep=", ",
        summary="{meeting}: {what}",
        with_items="{title} ({items})",
        unofficial="Traducción no oficial; el original está en {source}.",
        source_names={
            "ar": "árabe",
            "en": "inglés",
            "es": "español",
            "fr": "francés",
            "ru": "ruso",
            "zh": "chino",
        },
        whole_meeting="Toda la reunión",
        cancelled="Cancelada",
        months=(
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ),
        weekdays=("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
        day_format="{weekday}, {day} de {month} de {year}",
        statuses={"provisional": "Provisional", "adopted": "Aprobado"},
    ),
    "ru": Words(
        name="Русский",
        continued=" (продолжение)",
        minutes=" ({n} мин.)",
        note="Примечание: ",
        item="Пункт {items}",
        items="Пункты {items}",
        list_sep=", ",
        summary="{meeting}: {what}",
        with_items="{title} ({items})",
        unofficial="Неофициальный перевод; оригинал на {source} языке.",
        source_names={
            "ar": "арабском",
            "en": "английском",
            "es": "испанском",
            "fr": "французском",
            "ru": "русском",
            "zh": "китайском",
        },
        whole_meeting="Всё заседание",
        cancelled="Отменено",
        months=(
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ),
        weekdays=(
            "понедельник",
            "вторник",
            "среда",
            "четверг",
            "пятница",
            "суббота",
            "воскресенье",
        ),
        day_format="{weekday}, {day} {month} {year} г.",
        statuses={"provisional": "Предварительная", "adopted": "Утверждённая"},
    ),
    "ar": Words(
        name="العربية",
        continued=" (تابع)",
        minutes=" ({n} دقيقة)",
        note="ملاحظة: ",
        item="البند {items}",
        items="البنود {items}",
        list_sep="، ",
        summary="{meeting}: {what}",
        with_items="{title} ({items})",
        unofficial="ترجمة غير رسمية؛ الأصل باللغة {source}.",
        source_names={
            "ar": "العربية",
            "en": "الإنكليزية",
            "es": "الإسبانية",
            "fr": "الفرنسية",
            "ru": "الروسية",
            "zh": "الصينية",
        },
        whole_meeting="الاجتماع كاملا",
        cancelled="ملغاة",
        months=(
            "كانون الثاني/يناير",
            "شباط/فبراير",
            "آذار/مارس",
            "نيسان/أبريل",
            "أيار/مايو",
            "حزيران/يونيه",
            "تموز/يوليه",
            "آب/أغسطس",
            "أيلول/سبتمبر",
            "تشرين الأول/أكتوبر",
            "تشرين الثاني/نوفمبر",
            "كانون الأول/ديسمبر",
        ),
        weekdays=("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
        day_format="{weekday}، {day} {month} {year}",
        statuses={"provisional": "مؤقت", "adopted": "معتمد"},
    ),
}


def words(lang: str) -> Words:
    return WORDS[lang]


def day_label(lang: str, day: date) -> str:
    """A date as the programme heads a day: `Monday, 28 March 2022`."""
    w = WORDS[lang]
    return w.day_format.format(
        weekday=w.weekdays[day.weekday()],
        day=day.day,
        month=w.months[day.month - 1],
        year=day.year,
    )


def items_label(lang: str, labels: list[str]) -> str:
    """`Item 6`, `Items 3, 5(d)`."""
    w = WORDS[lang]
    template = w.item if len(labels) == 1 else w.items
    return template.format(items=w.list_sep.join(labels))


def unofficial_note(lang: str, source: str) -> str:
    w = WORDS[lang]
    return w.unofficial.format(source=w.source_names[source])
