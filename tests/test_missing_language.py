"""A meeting's page asked for in a language it lacks: a 404 that says so, in that
language if it is one of the six, and links the languages the meeting has."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from feeds import i18n
from feeds.web import create_app


@pytest.fixture
def client(geneva: Path):
    """The app with the Geneva programme, in English and French only."""
    return create_app({"DATA": str(geneva.parent), "TESTING": True}).test_client()


@pytest.mark.parametrize("lang", ["zh", "es", "ru", "ar"])
@pytest.mark.parametrize("rest", ["", "all.ics", "embed", "item/2a.ics"])
def test_a_language_the_meeting_lacks_is_said_in_that_language(client, lang, rest):
    response = client.get(f"/{lang}/geneva-test/{rest}")
    assert response.status_code == 404
    assert response.headers["Cache-Control"] == "public, max-age=60"
    page = response.get_data(as_text=True)
    direction = "rtl" if lang == "ar" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in page
    said = i18n.page_words(lang).no_language.format(language=i18n.words(lang).source_names[lang])
    assert f'<p class="missing-language">{said}</p>' in page
    assert f"<title>{i18n.words(lang).not_found}</title>" in page
    links = re.findall(
        r'<li lang="(\w+)" dir="(\w+)"><a href="([^"]+)" hreflang="\w+">([^<]+)</a>', page
    )
    assert [(lang_, dir_, href, unescape(text)) for lang_, dir_, href, text in links] == [
        ("en", "ltr", "/en/geneva-test/", "English: Test committee, first session"),
        ("fr", "ltr", "/fr/geneva-test/", "Français: Comité d'essai, première session"),
    ]


def test_a_language_that_is_not_one_of_the_six_is_said_in_the_meeting_s_first(client):
    response = client.get("/de/geneva-test/")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in page
    assert (
        '<p class="missing-language">This programme is not published in the language of this'
        " address.</p>"
    ) in page
    assert 'href="/fr/geneva-test/"' in page


def test_other_unknown_paths_keep_their_page(client):
    page = client.get("/fr/geneva-test/item/9.ics").get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in page
    assert '<a href="/fr/geneva-test/">Retour au programme</a>' in page
    assert "missing-language" not in client.get("/nope/").get_data(as_text=True)
