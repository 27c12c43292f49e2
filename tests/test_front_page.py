"""The front page in each of the six languages, and `/`, which sends a reader to theirs."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from conftest import DATA
from feeds import catalog, i18n
from feeds.load import ProgrammeError
from feeds.web import create_app

MEETING = "oewg-ict-s2"


class _Front(HTMLParser):
    """What a front page shows: its languages' links, and each meeting's heading link (its
    href, lang, dir and text) with the mark beside it."""

    def __init__(self) -> None:
        super().__init__()
        self.switch: list[tuple[str, str | None]] = []  # (lang, href or None for the current)
        self.headings: dict[str, dict] = {}
        self._where: list[str] = []
        self._meeting: str | None = None
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "nav":
            self._where.append("nav")
        elif self._where[-1:] == ["nav"] and tag in ("a", "strong"):
            self.switch.append((found["lang"] or "", found.get("href")))
        elif tag == "section" and found.get("class") == "meeting-entry":
            self._meeting = found["id"]
        elif tag in ("h2", "h3") and self._meeting is not None:
            self.headings[self._meeting] = {"text": "", "mark": ""}
            self._in = "heading"
        elif tag == "a" and self._in == "heading" and self._meeting is not None:
            self.headings[self._meeting] |= {key: found.get(key) for key in ("href", "lang", "dir")}
            self._in = "text"
        elif tag == "span" and found.get("class") == "only-in":
            self._in = "mark"

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._where.pop()
        elif (tag, self._in) in (("a", "text"), ("span", "mark")):
            self._in = "heading"
        elif tag in ("h2", "h3"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in in ("text", "mark") and self._meeting is not None:
            key = "text" if self._in == "text" else "mark"
            self.headings[self._meeting][key] += data


def _front(page: str) -> _Front:
    parsed = _Front()
    parsed.feed(page)
    return parsed


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_front_page_in_each_language(bundled, lang):
    resource = bundled.get(f"/{lang}/")
    assert (resource.kind, resource.media_type) == ("index", "text/html; charset=utf-8")
    page = resource.body.decode()
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in page
    assert f"<h1>{i18n.words(lang).meetings}</h1>" in page
    assert escape(i18n.front_words(lang).intro) in page
    front = _front(page)
    # Every language's front page, this one's marked as the one shown.
    assert front.switch == [
        (other, None if other == lang else f"/{other}/") for other in i18n.LANGUAGES
    ]
    meeting = bundled.meeting(MEETING).meeting
    assert front.headings[MEETING] == {
        "href": f"/{lang}/{MEETING}/",
        "lang": lang,
        "dir": None,
        "text": meeting.title[lang],
        "mark": "",
    }
    dates = f"{i18n.day_label(lang, meeting.start)} – {i18n.day_label(lang, meeting.end)}"
    assert f'<p class="when">{dates}</p>' in page
    # The programme's translations are unofficial, and each says so; the source does not.
    note = escape(i18n.unofficial_note(lang, "zh"))
    assert (f'<p class="unofficial">{note}</p>' in page) == (lang != "zh")


def test_a_meeting_not_published_in_the_language_shows_its_first_language_marked(geneva):
    """The Geneva programme is in English and French only."""
    cat = catalog.load([geneva])
    french = _front(cat.get("/fr/").body.decode()).headings["geneva-test"]
    assert french == {
        "href": "/fr/geneva-test/",
        "lang": "fr",
        "dir": None,
        "text": "Comité d'essai, première session",
        "mark": "",
    }
    english = {"href": "/en/geneva-test/", "lang": "en", "text": "Test committee, first session"}
    marks = {
        "zh": "仅有英文版本",
        "ru": "Только на английском языке",
        "es": "Solo en inglés",
        "ar": "باللغة الإنكليزية فقط",
    }
    for lang, mark in marks.items():
        page = cat.get(f"/{lang}/").body.decode()
        shown = _front(page).headings["geneva-test"]
        direction = "ltr" if lang == "ar" else None  # English within Arabic
        assert shown == {**english, "dir": direction, "mark": mark}, lang
    # Its dates as the page's language writes them.
    assert "2024 年 3 月 28 日，星期四 – 2024 年 4 月 2 日，星期二" in cat.get("/zh/").body.decode()
    assert "jueves, 28 de marzo de 2024 – martes, 2 de abril de 2024" in (
        cat.get("/es/").body.decode()
    )


def test_the_new_words_are_in_each_of_the_six_languages():
    english = i18n.front_words("en")
    for lang in i18n.LANGUAGES:
        words = i18n.front_words(lang)
        for field in words.__dataclass_fields__:
            said = getattr(words, field)
            assert said.strip(), (lang, field)
            if lang != "en":
                assert said != getattr(english, field), (lang, field)
        assert words.only_in.count("{language}") == 1
    assert set(i18n.FRONT_WORDS) == set(i18n.WORDS) == set(i18n.LANGUAGES)


def _app(**config):
    return create_app({"DATA": str(DATA), "RELOAD_INTERVAL": 3600, **config})


@pytest.mark.parametrize("base_url", ["", "https://feeds.example.org"])
def test_the_root_sends_a_reader_to_the_front_page_in_their_language(base_url):
    client = _app(BASE_URL=base_url).test_client()
    for accepted, lang in [
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("fr-CH, fr;q=0.9, en;q=0.8", "fr"),
        ("de-DE, ru;q=0.5", "ru"),
        ("ar", "ar"),
        ("es-419", "es"),
        ("en-GB", "en"),
    ]:
        response = client.get("/", headers={"Accept-Language": accepted})
        assert response.status_code == 302, accepted
        assert response.headers["Location"] == f"/{lang}/"
        assert response.headers["Vary"] == "Accept-Language"
    # A reader of none of the six, or who says nothing, gets the page: every meeting in
    # each of its languages, and the front page in each of the six.
    for headers in ({"Accept-Language": "de"}, {}):
        response = client.get("/", headers=headers)
        assert response.status_code == 200
        assert "Accept-Language" in response.headers["Vary"]
        front = _front(response.data.decode())
        assert front.switch == [(lang, f"/{lang}/") for lang in i18n.LANGUAGES]
        page = response.data.decode()
        for lang in i18n.LANGUAGES:
            assert f'<a href="/{lang}/{MEETING}/">' in page


def test_the_root_s_redirect_keeps_a_proxy_s_prefix():
    client = _app(TRUST_PROXY="1").test_client()
    response = client.get("/", headers={"Accept-Language": "ru", "X-Forwarded-Prefix": "/feeds"})
    assert (response.status_code, response.headers["Location"]) == (302, "/feeds/ru/")
    page = client.get("/zh/", headers={"X-Forwarded-Prefix": "/feeds"}).data.decode()
    assert 'href="/feeds/ar/"' in page and f'href="/feeds/zh/{MEETING}/"' in page


def test_a_meeting_may_not_take_a_language_s_code_as_its_id(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    text = (Path(__file__).parent / "fixtures" / "geneva.yaml").read_text()
    (data / "fr.yaml").write_text(text.replace("id: geneva-test", "id: fr"))
    shutil.copy(DATA / f"{MEETING}.yaml", data)
    with pytest.raises(ProgrammeError) as raised:
        catalog.load([data])
    assert [str(problem) for problem in raised.value.problems] == [
        f"{data / 'fr.yaml'}:4: meeting.id: 'fr' is taken by the front page in that "
        "language (/fr/); choose another id"
    ]


def test_every_front_page_links_only_to_paths_of_the_catalog(bundled):
    paths = {resource.path for resource in bundled}
    for lang in i18n.LANGUAGES:
        page = bundled.get(f"/{lang}/").body.decode()
        for href in re.findall(r'href="([^"]+)"', page):
            assert href in paths, (lang, href)
