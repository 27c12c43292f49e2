"""The bundled programme in the six UN languages: the same feeds, pages and events in each,
at the same times, each with its own text."""

from __future__ import annotations

import json
import re

import icalendar
import pytest

from conftest import LANGUAGES
from feeds.web import create_app
from helpers import events, utc_from_file

MEETING = "oewg-ict-s2"
# The seed's slots in New York (UTC-4 from 13 March 2022).
EXPECTED_UTC = {
    f"{day}-{half}": (f"2022-{date}T{start}:00Z", f"2022-{date}T{end}:00Z")
    for day, date in (
        ("mar28", "03-28"),
        ("mar29", "03-29"),
        ("mar30", "03-30"),
        ("mar31", "03-31"),
        ("apr01", "04-01"),
    )
    for half, start, end in (("am", "14", "17"), ("pm", "19", "22"))
}
# Which script each language's own text is written in (Chinese must not leak into it).
SCRIPTS = {
    "zh": re.compile(r"[\u4e00-\u9fff]"),
    "en": re.compile(r"[A-Za-z]"),
    "fr": re.compile(r"[A-Za-z]"),
    "es": re.compile(r"[A-Za-z]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "ar": re.compile(r"[\u0600-\u06ff]"),
}
HAN = SCRIPTS["zh"]


def _paths(bundled, lang: str) -> set[str]:
    prefix = f"/{lang}/{MEETING}/"
    return {r.path.removeprefix(prefix) for r in bundled if r.path.startswith(prefix)}


def _uids(body: bytes) -> list[str]:
    return [str(event["UID"]) for event in events(body)]


def _block(uid: str) -> str:
    return uid.split(".", 1)[1].split("@")[0]


def test_every_feed_and_page_exists_in_every_language(bundled):
    expected = _paths(bundled, "zh")
    # The page, its embed form, programme.json, the feed of changes, and 25 calendars:
    # the meeting, 5 days, 9 agenda items and sub-items, 10 blocks.
    assert len(expected) == 4 + 25
    assert {"", "embed", "programme.json", "changes.atom", "all.ics", "item/5d.ics"} <= expected
    for lang in LANGUAGES:
        assert _paths(bundled, lang) == expected, lang
    assert {r.path.split("/")[1] for r in bundled if r.path.count("/") > 2} == set(LANGUAGES)


def test_every_feed_holds_the_same_uids_in_every_language(bundled):
    feeds = sorted(p for p in _paths(bundled, "zh") if p.endswith(".ics"))
    for feed in feeds:
        found = {lang: _uids(bundled.get(f"/{lang}/{MEETING}/{feed}").body) for lang in LANGUAGES}
        assert all(found[lang] == found["zh"] for lang in LANGUAGES), feed
    whole = _uids(bundled.get(f"/ar/{MEETING}/all.ics").body)
    assert [_block(uid) for uid in whole] == list(EXPECTED_UTC)


def test_pages_and_programme_json_show_the_same_blocks_in_every_language(bundled):
    for lang in LANGUAGES:
        doc = json.loads(bundled.get(f"/{lang}/{MEETING}/programme.json").body)
        assert doc["language"] == lang
        assert doc["translation"] == ("source" if lang == "zh" else "unofficial")
        assert doc["languages"] == list(LANGUAGES)
        assert [(b["uid"], b["start_utc"], b["end_utc"]) for b in doc["blocks"]] == [
            (
                f"{MEETING}.{block}@meeting-feeds",
                start.replace(":00Z", ":00:00Z"),
                end.replace(":00Z", ":00:00Z"),
            )
            for block, (start, end) in EXPECTED_UTC.items()
        ]
        page = bundled.get(f"/{lang}/{MEETING}/").body.decode()
        assert re.findall(r'<article class="block" id="([^"]+)"', page) == list(EXPECTED_UTC)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_arabic_pages_are_right_to_left_and_the_others_left_to_right(bundled, lang):
    direction = "rtl" if lang == "ar" else "ltr"
    for path in (f"/{lang}/{MEETING}/", f"/{lang}/{MEETING}/embed"):
        page = bundled.get(path).body.decode()
        assert page.startswith(f'<!doctype html>\n<html lang="{lang}" dir="{direction}">'), path
    client = create_app({"TESTING": True}).test_client()
    missing = client.get(f"/{lang}/{MEETING}/item/7.ics")
    assert missing.status_code == 404
    assert f'<html lang="{lang}" dir="{direction}">' in missing.get_data(as_text=True)


# A block of each translation as its calendar shows it: title, the first lines of its
# description, the note that it is unofficial, place and categories.
TEXTS = {
    "fr": (
        "GTCNL sur le numérique, 2e session : Point 5(f)",
        "5. Examen des questions de fond visées au paragraphe 1 de la résolution 75/240 de "
        "l'Assemblée générale (suite)\n"
        "    (f) Mesures de confiance\n"
        "Exposé de l'Institut des Nations Unies pour la recherche sur le désarmement (UNIDIR) "
        "sur le Portail de cyberpolitique de l'UNIDIR (15 minutes)\n"
        "Initiatives prises par les États pour assurer la sécurité de l'utilisation du "
        "numérique\n\n"
        "Note : Les délégations peuvent choisir",
        "Traduction non officielle ; l'original est en chinois.",
        "Siège de l'Organisation des Nations Unies, New York",
        ["Point 5", "Point 5(f)"],
    ),
    "es": (
        "GTCA sobre las TIC, 2.º período de sesiones: Tema 5(f)",
        "5. Debate sobre las cuestiones sustantivas recogidas en el párrafo 1 de la resolución "
        "75/240 de la Asamblea General (continuación)\n"
        "    (f) Medidas de fomento de la confianza\n"
        "Exposición informativa del Instituto de las Naciones Unidas de Investigación sobre el "
        "Desarme (UNIDIR) sobre el Portal de Políticas Cibernéticas del UNIDIR (15 minutos)\n"
        "Iniciativas de los Estados encaminadas a garantizar la seguridad en el uso de las "
        "tecnologías de la información y las comunicaciones\n\n"
        "Nota: Las delegaciones podrán optar",
        "Traducción no oficial; el original está en chino.",
        "Sede de las Naciones Unidas, Nueva York",
        ["Tema 5", "Tema 5(f)"],
    ),
    "ru": (
        "РГОС по ИКТ, 2-я сессия: Пункт 5(f)",
        "5. Обсуждение вопросов существа, изложенных в пункте 1 резолюции 75/240 Генеральной "
        "Ассамблеи (продолжение)\n"
        "    (f) Меры укрепления доверия\n"
        "Брифинг Института Организации Объединенных Наций по исследованию проблем разоружения "
        "(ЮНИДИР) о портале ЮНИДИР по вопросам киберполитики (15 мин.)\n"
        "Инициативы государств, направленные на обеспечение безопасности в сфере использования "
        "информационно-коммуникационных технологий\n\n"
        "Примечание: Делегации могут выступать",
        "Неофициальный перевод; оригинал на китайском языке.",
        "Центральные учреждения Организации Объединенных Наций, Нью-Йорк",
        ["Пункт 5", "Пункт 5(f)"],
    ),
    "ar": (
        "فريق أمن تكنولوجيات المعلومات، الدورة الثانية: البند 5(f)",
        "5. مناقشة المسائل الموضوعية الواردة في الفقرة 1 من قرار الجمعية العامة 75/240 (تابع)\n"
        "    (f) تدابير بناء الثقة\n"
        "إحاطة يقدمها معهد الأمم المتحدة لبحوث نزع السلاح بشأن بوابة المعهد للسياسات السيبرانية"
        " (15 دقيقة)\n"
        "مبادرات الدول الرامية إلى كفالة الأمن في استخدام تكنولوجيات المعلومات والاتصالات\n\n"
        "ملاحظة: يجوز للوفود",
        "ترجمة غير رسمية؛ الأصل باللغة الصينية.",
        "مقر الأمم المتحدة، نيويورك",
        ["البند 5", "البند 5(f)"],
    ),
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_a_translation_s_feeds_have_the_utc_times_and_their_own_text(bundled, lang):
    summary, opening, unofficial, location, categories = TEXTS[lang]
    resource = bundled.get(f"/{lang}/{MEETING}/event/mar30-am.ics")
    (event,) = events(resource.body)
    assert str(event["SUMMARY"]) == summary
    description = str(event["DESCRIPTION"])
    assert description.startswith(opening)
    assert description.endswith(
        f"{unofficial}\n\nhttps://meetings.unoda.org/meeting/oewg-ict-2021/"
    )
    assert str(event["LOCATION"]) == location
    assert event["CATEGORIES"].cats == categories
    # The form for web widgets says the same in UTC.
    (utc,) = events(resource.utc_body)
    assert (utc["DTSTART"].to_ical(), utc["DTEND"].to_ical()) == (
        b"20220330T140000Z",
        b"20220330T170000Z",
    )
    assert str(utc["DESCRIPTION"]) == description
    # Every block of the whole meeting, at its time by the file's own VTIMEZONE,
    # in this language's words and no Chinese.
    body = bundled.get(f"/{lang}/{MEETING}/all.ics").body
    for found in events(body):
        times = tuple(
            utc_from_file(body, found[key].dt.replace(tzinfo=None)).strftime("%Y-%m-%dT%H:%MZ")
            for key in ("DTSTART", "DTEND")
        )
        assert times == EXPECTED_UTC[_block(str(found["UID"]))]
        for key in ("SUMMARY", "DESCRIPTION", "LOCATION"):
            assert not HAN.search(str(found[key])), (lang, key)
            assert SCRIPTS[lang].search(str(found[key])), (lang, key)
    calendar = icalendar.Calendar.from_ical(body)
    assert not HAN.search(str(calendar["X-WR-CALNAME"]))


def test_every_language_says_something_of_its_own_for_every_block(bundled):
    by_block: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        for event in events(bundled.get(f"/{lang}/{MEETING}/all.ics").body):
            text = str(event["SUMMARY"]) + str(event["DESCRIPTION"])
            by_block.setdefault(_block(str(event["UID"])), {})[lang] = text
    for block, texts in by_block.items():
        assert len(set(texts.values())) == len(LANGUAGES), block


def test_the_arabic_and_russian_pages_carry_their_own_dates_and_words(bundled):
    arabic = bundled.get(f"/ar/{MEETING}/").body.decode()
    assert "الاثنين، 28 آذار/مارس 2022" in arabic
    assert "الفريق العامل المفتوح باب العضوية" in arabic
    assert "ترجمة غير رسمية؛ الأصل باللغة الصينية." in arabic
    russian = bundled.get(f"/ru/{MEETING}/").body.decode()
    assert "понедельник, 28 марта 2022 г." in russian
    assert "Рабочая группа открытого состава" in russian
    assert not HAN.search(re.sub(r"<nav class=\"languages\".*?</nav>", "", arabic, flags=re.S))
