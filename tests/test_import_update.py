"""feeds import --update: a revised document read over the programme file it revises, and the
`outdated` marks it leaves on translations whose source text changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from feeds.load import ProgrammeError, load_file, outdated_translations


def run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "feeds", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def line(path: Path, needle: str, nth: int = 1) -> int:
    """The number of the nth line of `path` that contains `needle`."""
    hits = [n for n, text in enumerate(path.read_text().splitlines(), 1) if needle in text]
    return hits[nth - 1]


@pytest.fixture
def programme(tmp_path: Path) -> Path:
    """A writable copy of the bundled programme, with its revisions file."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder / "oewg-ict-s2.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- the outdated mark -------------------------------------------------------------


_OPENING_FR = "          fr: Ouverture de la session\n"


def test_a_text_may_mark_translations_outdated_and_check_lists_them(programme):
    before = load_file(programme)
    edit(programme, "zh: 会议开幕\n", "zh: 会议开幕和选举主席团\n")
    edit(programme, _OPENING_FR, _OPENING_FR + "          outdated: [en, fr]\n")
    meeting = load_file(programme)
    assert meeting.blocks[0].title == {**before.blocks[0].title, "zh": "会议开幕和选举主席团"}
    result = run("check", programme)
    assert result.returncode == 0, result.stderr
    en, fr = line(programme, "en: Opening of the session"), line(programme, _OPENING_FR.strip())
    assert result.stdout.splitlines()[1:] == [
        f"{programme}:{en}: days[0].blocks[0].title.en: outdated translation (the zh text changed)",
        f"{programme}:{fr}: days[0].blocks[0].title.fr: outdated translation (the zh text changed)",
        f"{programme}: 2 translations to update; then remove each one's language from its "
        "text's `outdated` list",
    ]


def test_a_copy_of_the_source_text_is_listed_as_not_translated_yet(programme):
    edit(programme, "en: Other matters\n", "en: 其他事项\n")
    edit(programme, "ar: مسائل أخرى\n", "ar: مسائل أخرى\n      outdated: [en]\n")
    (notice,) = outdated_translations(programme)
    assert str(notice) == (
        f"{programme}:{line(programme, 'en: 其他事项')}: agenda[2].title.en: "
        "not translated yet (a copy of the zh text)"
    )


@pytest.mark.parametrize(
    ("marks", "message"),
    [
        (
            "en",
            "days[0].blocks[0].title.outdated: expected a list of the languages whose "
            "translation is outdated, such as [en, fr], got 'en'",
        ),
        (
            "[]",
            "days[0].blocks[0].title.outdated: is empty; remove it once every translation "
            "is updated",
        ),
        (
            "[zh]",
            "days[0].blocks[0].title.outdated[0]: 'zh' is the source language; only a "
            "translation can be outdated",
        ),
        (
            "[en, de]",
            "days[0].blocks[0].title.outdated[1]: 'de' is not a translation of this meeting "
            "(translations: en, fr, es, ru, ar)",
        ),
        ("[fr, fr]", "days[0].blocks[0].title.outdated[1]: 'fr' is listed twice"),
        (
            "{en: yes}",
            "days[0].blocks[0].title.outdated: expected a list of the languages "
            "whose translation is outdated, such as [en, fr], got a mapping",
        ),
    ],
)
def test_a_malformed_mark_is_a_problem_at_its_line(programme, marks, message):
    edit(programme, _OPENING_FR, _OPENING_FR + f"          outdated: {marks}\n")
    with pytest.raises(ProgrammeError) as raised:
        load_file(programme)
    where = line(programme, "outdated:")
    assert [str(problem) for problem in raised.value.problems] == [
        f"{programme}:{where}: {message}"
    ]
    result = run("check", programme)
    assert result.returncode == 1
    assert result.stderr == f"{programme}:{where}: {message}\n1 problem in 1 file\n"


def test_only_texts_take_the_mark(programme):
    edit(programme, "    ar: unofficial\n", "    ar: unofficial\n    outdated: [en]\n")
    with pytest.raises(ProgrammeError) as raised:
        load_file(programme)
    (problem,) = raised.value.problems
    assert problem.field == "meeting.translations.outdated"
    assert problem.message.startswith("unknown key; expected one of: ar, en, es, fr, ru, zh")
