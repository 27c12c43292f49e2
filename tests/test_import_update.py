"""feeds import --update: a revised document read over the programme file it revises, and the
`outdated` marks it leaves on translations whose source text changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, FIXTURES, LANGUAGES, ROOT
from feeds import changes, revisions
from feeds.importer.update import update_programme
from feeds.load import ProgrammeError, load_file, outdated_translations
from feeds.model import Meeting, Text


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


# -- revisions of the seed ---------------------------------------------------------

SEED = FIXTURES / "oewg-ict-s2.source.txt"  # the Chinese document the bundled programme holds
SEED_EN = FIXTURES / "import" / "merge" / "oewg-ict-s2.en.txt"  # its English version
_CONTINUED_5 = "5. 关于大会第 75/240 号决议第 1 段所载实质性问题的讨论(续) \n\n"
_SPEAKER = "副秘书长兼裁军事务高级代表中满泉"
_NEW_SPEAKER = "裁军事务厅办公室主任兼副高级代表埃布·索尔塔尼"


def _cut(text: str, start: str, end: str) -> tuple[str, str]:
    """`text` without the part from `start` to just before `end`, and that part."""
    i = text.index(start)
    j = text.index(end, i)
    return text[:i] + text[j:], text[i:j]


def revised(text: str) -> str:
    """The seed as a Rev.1 might change it: Tuesday afternoon's meeting moves to Thursday
    at 13:15, Wednesday afternoon's is dropped, item 6 moves from Friday afternoon to
    Friday morning, the first speaker changes and an informal meeting is added on Friday
    evening."""
    text, tuesday = _cut(text, f"下午 3 时至 6 时 {_CONTINUED_5}  (e)", "3 月 30 日，星期三")
    at = text.index("下午 3 时至 6 时 不限成员名额")
    text = (
        text[:at] + tuesday.replace("下午 3 时至 6 时", "下午 1 时 15 分至 2 时 45 分") + text[at:]
    )
    text, _ = _cut(text, f"  下午 3 时至 6 时 {_CONTINUED_5}  (f) 建立信任措施(续)", "3 月 31 日")
    text = text.replace(
        "下午 3 时至 6 时 6. 其他事项 \n\n 关于年度", " 6. 其他事项 \n\n下午 3 时至 6 时 关于年度"
    )
    text = text.replace(_SPEAKER, _NEW_SPEAKER)
    return text.replace(" 主席致闭幕词 \n", " 主席致闭幕词 \n\n下午 6 时至 7 时 非正式磋商 \n")


def document(tmp_path: Path, text: str, name: str = "rev1.zh.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _texts(meeting: Meeting) -> list[Text]:
    """Every text of a meeting that a revision reads, in the order of the file."""
    texts = [meeting.title, meeting.body, meeting.session, meeting.city, meeting.venue]
    texts += [meeting.document_title, *meeting.introduction, *(d.title for d in meeting.documents)]
    texts += [item.title for item in meeting.agenda]
    for block in meeting.blocks:
        texts += [block.title] if block.title else []
        for segment in block.segments:
            texts += [segment.text] if segment.text else []
            texts += segment.details
    return [text for text in (*texts, *meeting.notes) if text is not None]


def test_the_seed_over_the_bundled_programme_changes_nothing(programme):
    before = programme.read_bytes()
    result = run("import", SEED, "--update", programme)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{programme}: the revision changes nothing; nothing written\n"
    assert result.stderr == ""
    assert programme.read_bytes() == before
    # What it would have written holds the same meeting, every id and translation kept.
    meeting = load_file(programme)
    update = update_programme([SEED], programme, meeting)
    assert not update.changed
    assert update.text.encode() == before


def test_a_revision_keeps_the_ids_of_the_blocks_it_revises(programme, tmp_path):
    before = load_file(programme)
    result = run("import", document(tmp_path, revised(SEED.read_text())), "--update", programme)
    assert result.returncode == 0, result.stderr
    after = load_file(programme)
    assert [(b.id, str(b.date), f"{b.start:%H:%M}-{b.end:%H:%M}") for b in after.blocks] == [
        ("mar28-am", "2022-03-28", "10:00-13:00"),
        ("mar28-pm", "2022-03-28", "15:00-18:00"),
        ("mar29-am", "2022-03-29", "10:00-13:00"),
        ("mar30-am", "2022-03-30", "10:00-13:00"),
        ("mar31-am", "2022-03-31", "10:00-13:00"),
        ("mar29-pm", "2022-03-31", "13:15-14:45"),  # moved: found by its items, 5 and 5(e)
        ("mar31-pm", "2022-03-31", "15:00-18:00"),
        ("apr01-am", "2022-04-01", "10:00-13:00"),
        ("apr01-pm", "2022-04-01", "15:00-18:00"),
        ("apr01-eve", "2022-04-01", "18:00-19:00"),  # new
    ]  # mar30-pm, dropped, is left out
    blocks = {block.id: block for block in after.blocks}
    assert blocks["apr01-am"].items == ("5", "5c", "6")
    assert blocks["apr01-pm"].items == ()
    # Everything the document does not say is kept.
    assert blocks["mar28-am"].title == before.blocks[0].title
    assert blocks["mar31-pm"].title == before.blocks[7].title
    for field in ("id", "timezone", "translations", "url", "short_title", "issued_by"):
        assert getattr(after, field) == getattr(before, field), field
    assert after.documents == before.documents
    # The change list is the one subscribers will see, in English: the block left out
    # stays in the feeds, cancelled.
    ledger = revisions.read_ledger(revisions.ledger_path(programme), after.id)
    found = changes.between(
        revisions.with_removed(before, ledger), revisions.with_removed(after, ledger)
    )
    assert result.stdout.splitlines() == [
        f"{programme}: {len(found)} changes:",
        *(f"  {changes.sentence(change, 'en')}" for change in found),
        f"{programme}: updated; 10 translations to update (`feeds check {programme}` lists "
        "them); review it, then run `feeds stamp` and commit both files",
    ]
    assert {change.kind for change in found} >= {"added", "cancelled", "moved", "item-moved"}


def test_unchanged_texts_keep_their_translations_and_changed_ones_are_marked(programme, tmp_path):
    before = load_file(programme)
    rev1 = document(tmp_path, revised(SEED.read_text()))
    assert run("import", rev1, "--update", programme).returncode == 0
    after = load_file(programme)
    known = {text["zh"]: text for text in _texts(before)}
    speaker = after.blocks[0].segments[1].details[0]
    assert speaker == {**before.blocks[0].segments[1].details[0], "zh": _NEW_SPEAKER}
    new = after.blocks[-1].segments[0].text
    assert new == dict.fromkeys(LANGUAGES, "非正式磋商")
    unchanged = [text for text in _texts(after) if text not in (speaker, new)]
    assert unchanged and all(text == known[text["zh"]] for text in unchanged)
    assert all(len(text) == 6 for text in _texts(after))
    at = line(programme, _NEW_SPEAKER)
    details = "days[0].blocks[0].segments[1].details[0]"
    evening = "days[4].blocks[2].segments[0].text"
    expected = [
        f"{programme}:{at + n}: {details}.{lang}: outdated translation (the zh text changed)"
        for n, lang in enumerate(LANGUAGES[1:], 1)
    ] + [
        f"{programme}:{line(programme, 'zh: 非正式磋商') + n}: {evening}.{lang}: "
        "not translated yet (a copy of the zh text)"
        for n, lang in enumerate(LANGUAGES[1:], 1)
    ]
    assert [str(notice) for notice in outdated_translations(programme)] == expected
    assert "      outdated: [en, fr, es, ru, ar]\n" in programme.read_text()
    check = run("check", programme)
    assert check.returncode == 0, check.stderr
    assert check.stdout.splitlines()[1:] == [
        *expected,
        f"{programme}: 10 translations to update; then remove each one's language from its "
        "text's `outdated` list",
    ]


def test_the_file_keeps_its_comments_and_style(programme, tmp_path):
    old = programme.read_text()
    rev1 = document(tmp_path, revised(SEED.read_text()))
    assert run("import", rev1, "--update", programme).returncode == 0
    new = programme.read_text()
    assert new.startswith(old[: old.index("meeting:")])
    assert "          # Translated as the document writes it. (The Chair's" in new
    assert "\n# The notes printed under the programme.\nnotes:\n" in new
    # Only what changed differs: the lines of the revised blocks, nothing re-quoted.
    removed = [line for line in old.splitlines() if line not in new.splitlines()]
    assert removed == [f"              - zh: {_SPEAKER}", "      - id: mar30-pm"]


def test_a_comment_whose_line_is_gone_is_named_in_a_warning(programme, tmp_path):
    # The revision drops Thursday afternoon's meeting, whose line carries a comment.
    text, _ = _cut(SEED.read_text(), "下午 3 时至 6 时 不限成员名额", "4 月 1 日，星期五")
    result = run("import", document(tmp_path, text), "--update", programme)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        f"warning: {programme}: the lines under these comments are gone, so the comments are "
        "left out: # Translated as the document writes it. (The Chair's announcement of / "
        '# this meeting spoke of a "virtual open-ended informal meeting"; the / '
        "# document is the source, and every language must say the same.)\n"
    )
    assert "# Translated" not in programme.read_text()


def test_an_imported_file_is_written_as_its_updates_are(tmp_path):
    imported = tmp_path / "imported.yaml"
    assert run("import", SEED, "-o", imported).returncode == 0
    old = imported.read_text()
    assert "    start: 10:00\n" in old
    assert "\n  - number: 3\n" in old
    rev1 = document(tmp_path, revised(SEED.read_text()))
    assert run("import", rev1, "--update", imported).returncode == 0
    new = imported.read_text()
    removed = [line for line in old.splitlines() if line not in new.splitlines()]
    assert removed == [f"              - zh: {_SPEAKER}", "      - id: mar30-pm"]


def test_marks_already_there_are_kept_until_removed(programme):
    edit(programme, _OPENING_FR, _OPENING_FR + "          outdated: [fr]\n")
    before = programme.read_bytes()
    result = run("import", SEED, "--update", programme)
    assert result.stdout == f"{programme}: the revision changes nothing; nothing written\n"
    assert programme.read_bytes() == before


def test_a_dry_run_prints_the_changes_and_writes_nothing(programme, tmp_path):
    before = programme.read_bytes()
    result = run(
        "import", document(tmp_path, revised(SEED.read_text())), "--update", programme, "--dry-run"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"{programme}: {len(lines) - 2} changes:"
    assert len(lines) > 3
    assert lines[-1] == (
        f"{programme}: not written (--dry-run); 10 translations to update "
        f"(`feeds check {programme}` lists them)"
    )
    assert programme.read_bytes() == before
    assert sorted(p.name for p in programme.parent.iterdir()) == [
        "oewg-ict-s2.revisions.json",
        "oewg-ict-s2.yaml",
    ]


def test_an_invalid_result_writes_nothing(programme, tmp_path):
    # Monday morning now runs into the afternoon's meeting.
    text = SEED.read_text().replace("上午 10 时至下午 1 时", "上午 10 时至下午 4 时", 1)
    before = programme.read_bytes()
    result = run("import", document(tmp_path, text), "--update", programme)
    assert result.returncode == 1
    assert result.stdout == ""
    first, problem, count = result.stderr.splitlines()
    assert first == f"{programme}: not updated: the revised programme is not valid"
    assert problem.startswith(f"{programme}:")
    assert problem.endswith(
        ": days[0].blocks: 'mar28-pm' (15:00-18:00) overlaps 'mar28-am' (10:00-16:00)"
    )
    assert count == "1 problem in 1 file"
    assert programme.read_bytes() == before
    assert len(list(programme.parent.iterdir())) == 2


def test_a_new_block_never_takes_an_id_the_revisions_file_remembers(programme):
    meeting = load_file(programme)
    text = revised(SEED.read_text())
    rev1 = programme.parent.parent / "rev1.txt"
    rev1.write_text(text, encoding="utf-8")
    update = update_programme([rev1], programme, meeting, retired={"apr01-eve"})
    assert "      - id: apr01-eve-2\n" in update.text
    assert "apr01-eve\n" not in update.text


def test_the_un_versions_of_a_revision_give_their_texts(programme):
    result = run("import", SEED, SEED_EN, "--update", programme)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "  Details of the meeting updated",
        f"{programme}: updated; review it, then run `feeds stamp` and commit both files",
    ]
    meeting = load_file(programme)
    assert meeting.title["en"].endswith("2021-2025, Second substantive session")
    assert outdated_translations(programme) == []


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-o", "x.yaml"], "--update keeps the programme's file, id and time zone; leave out -o"),
        (
            ["--id", "x", "--timezone", "UTC"],
            "--update keeps the programme's file, id and time zone; leave out --timezone, --id",
        ),
    ],
)
def test_options_that_do_not_go_with_update(programme, arguments, message):
    result = run("import", SEED, "--update", programme, *arguments)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


def test_dry_run_goes_with_update(tmp_path):
    result = run("import", SEED, "-o", tmp_path / "x.yaml", "--dry-run")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "Error: --dry-run goes with --update"
    assert not (tmp_path / "x.yaml").exists()


def test_a_revision_in_another_language_than_the_source_is_refused(programme):
    result = run("import", SEED_EN, "--update", programme)
    assert result.returncode == 1
    assert result.stderr == f"Error: {SEED_EN}: none is in zh ({SEED_EN} is in en)\n"


def test_an_invalid_programme_is_not_updated(programme):
    edit(programme, "end: 13:00", "end: 1 pm")
    result = run("import", SEED, "--update", programme)
    assert result.returncode == 1
    assert result.stderr == (
        f"{programme}:{line(programme, 'end: 1 pm')}: days[0].blocks[0].end: expected a time "
        "as HH:MM (24-hour clock), got '1 pm'\n1 problem in 1 file\n"
    )
