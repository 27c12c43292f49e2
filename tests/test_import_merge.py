"""feeds import with several documents: the language versions of one programme in one file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, FIXTURES, ROOT
from feeds import catalog, ical
from feeds.load import load_file
from helpers import blocks_as_printed, events, utc_from_file

ZH = FIXTURES / "oewg-ict-s2.source.txt"  # the seed: the Chinese version
EN = FIXTURES / "import" / "merge" / "oewg-ict-s2.en.txt"  # its English version, UN layout
UNCITRAL_EN = FIXTURES / "import" / "en-uncitral-vienna.txt"
UNCITRAL_ZH = FIXTURES / "import" / "merge" / "uncitral-vienna.zh.txt"

# New York, summer time from 13 March 2022: UTC-4.
EXPECTED_UTC = {
    f"{day}-{half}": (f"2022-{date}T{start}Z", f"2022-{date}T{end}Z")
    for day, date in [
        ("mar28", "03-28"),
        ("mar29", "03-29"),
        ("mar30", "03-30"),
        ("mar31", "03-31"),
        ("apr01", "04-01"),
    ]
    for half, start, end in [("am", "14:00", "17:00"), ("pm", "19:00", "22:00")]
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "feeds", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_two_language_versions_become_one_file_with_both_languages(tmp_path):
    out = tmp_path / "data" / "oewg.yaml"
    result = run("import", str(ZH), str(EN), "-o", str(out))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        f"{out}: oewg-ict-s2, 5 days, 10 blocks, 9 agenda items, languages zh, en; "
        f"review it, then run `feeds check {out}`\n"
    )
    assert out.read_text(encoding="utf-8").startswith(
        f"# Imported from {ZH}, {EN} by `feeds import`."
    )
    check = run("check", str(out))
    assert check.returncode == 0, check.stderr
    assert check.stdout == f"{out}: ok: oewg-ict-s2, 5 days, 10 blocks, languages zh, en\n"

    merged = load_file(out)
    assert (merged.language, merged.translations) == ("zh", {"en": "official"})
    bundled = load_file(DATA / "oewg-ict-s2.yaml")
    for lang in ("zh", "en"):
        assert blocks_as_printed(merged, lang) == blocks_as_printed(bundled, lang)
        assert {i.slug: i.title[lang] for i in merged.agenda} == {
            i.slug: i.title[lang] for i in bundled.agenda
        }
        assert [n[lang] for n in merged.notes] == [n[lang] for n in bundled.notes]
        assert [p[lang] for p in merged.introduction] == [p[lang] for p in bundled.introduction]
        for key in ("body", "session", "city", "venue", "document_title", "url"):
            assert getattr(merged, key)[lang] == getattr(bundled, key)[lang], (key, lang)
    assert [d.url for d in merged.documents] == [
        {"zh": "https://undocs.org/ch/A/RES/75/240", "en": "https://undocs.org/en/A/RES/75/240"},
        {
            "zh": "https://undocs.org/ch/A/AC.292/2021/1",
            "en": "https://undocs.org/en/A/AC.292/2021/1",
        },
    ]


def test_the_feeds_of_both_languages_have_the_same_uids_at_the_expected_utc_times(tmp_path):
    out = tmp_path / "oewg.yaml"
    assert run("import", str(ZH), str(EN), "-o", str(out)).returncode == 0
    built = catalog.load([out])
    uids = {}
    for lang in ("zh", "en"):
        body = built.get(f"/{lang}/oewg-ict-s2/all.ics").body
        found = events(body)
        uids[lang] = [str(event["UID"]) for event in found]
        times = {
            str(event["UID"]).split(".", 1)[1].split("@")[0]: tuple(
                utc_from_file(body, event[key].dt.replace(tzinfo=None)).strftime("%Y-%m-%dT%H:%MZ")
                for key in ("DTSTART", "DTEND")
            )
            for event in found
        }
        assert times == EXPECTED_UTC
    assert uids["zh"] == uids["en"]
    assert len(set(uids["zh"])) == 10
    (zh,) = events(built.get("/zh/oewg-ict-s2/event/mar30-am.ics").body)
    (en,) = events(built.get("/en/oewg-ict-s2/event/mar30-am.ics").body)
    assert "联合国裁军研究所(裁研所)关于裁研所网络政策门户的情况通报" in str(zh["DESCRIPTION"])
    assert "Briefing by the United Nations Institute for Disarmament Research" in str(
        en["DESCRIPTION"]
    )
    assert "unofficial" not in str(en["DESCRIPTION"])


def test_the_order_of_the_documents_changes_neither_block_ids_nor_uids(tmp_path):
    first, second, chosen = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "c.yaml"
    assert run("import", str(ZH), str(EN), "-o", str(first)).returncode == 0
    assert run("import", str(EN), str(ZH), "-o", str(second)).returncode == 0
    assert run("import", str(EN), str(ZH), "--source", "zh", "-o", str(chosen)).returncode == 0
    a, b, c = load_file(first), load_file(second), load_file(chosen)
    assert [x.id for x in a.blocks] == [x.id for x in b.blocks] == [x.id for x in c.blocks]
    assert a.id == b.id == c.id == "oewg-ict-s2"
    assert (b.language, b.translations) == ("en", {"zh": "official"})
    for lang in ("zh", "en"):
        assert blocks_as_printed(a, lang) == blocks_as_printed(b, lang)
    # With --source zh, the file is the one written with the Chinese version first.
    assert chosen.read_text().split("\n", 1)[1] == first.read_text().split("\n", 1)[1]


def test_a_version_that_prints_an_item_alone_gets_the_line_the_item_prints(tmp_path):
    # The English version writes "Item 1. Opening of the session", the Chinese "1. 会议开幕";
    # a day without meetings has its note in each language.
    out = tmp_path / "uncitral.yaml"
    result = run("import", str(UNCITRAL_EN), str(UNCITRAL_ZH), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert run("check", str(out)).returncode == 0
    meeting = load_file(out)
    monday = meeting.blocks[0]
    assert [s.text for s in monday.segments[:2]] == [
        {"en": "Item 1. Opening of the session", "zh": "1. 会议开幕"},
        {"en": "Item 2. Election of officers", "zh": "2. 选举主席团成员"},
    ]
    assert ical.segment_lines(meeting, meeting.blocks[1].segments[0], "zh") == [
        "4. 关于自动订约的条文草案(续)"
    ]
    (holiday,) = [day for day in meeting.days if not day.blocks]
    assert holiday.note == {"en": "Official holiday. No meetings.", "zh": "正式假日,不举行会议。"}
    assert meeting.timezone == "Europe/Vienna"
    assert [block.id for block in meeting.blocks][:4] == [
        "may15-am",
        "may15-pm",
        "may16-am",
        "may16-am-2",
    ]


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    """The English version with one change: `old` (which it holds) made `new`."""
    text = EN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "en.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


_NOTE = (
    "Note: Delegations may choose to deliver statements on behalf of groups or in their\n"
    "national capacity in person, in writing or by submitting a pre-recorded video statement.\n"
    "The Secretariat will share with delegations by email the link and instructions for\n"
    "uploading pre-recorded statements. Delegations intending to submit pre-recorded video\n"
    "statements may contact the Secretariat for support.\n"
)

BROKEN = {
    "a session in one and not in the other": (
        "3-6 p.m. Open-ended non-virtual formal meeting, open to all delegations and interested\n"
        "stakeholders\n",
        "",
        "{zh}:130: session 8 is on 2022-03-31 at 15:00-18:00, "
        "but {en}:101: session 8 is on 2022-04-01 at 10:00-13:00",
    ),
    "different times": (
        "3-6 p.m. Open-ended",
        "3-5 p.m. Open-ended",
        "{zh}:130: session 8 is on 2022-03-31 at 15:00-18:00, "
        "but {en}:100: session 8 is on 2022-03-31 at 15:00-17:00",
    ),
    "a different day": (
        "Wednesday, 30 March",
        "Thursday, 31 March",
        "{zh}:91: day 3 is 2022-03-30, but {en}:70: day 3 is 2022-03-31",
    ),
    "different dates of the meeting": (
        "New York, 28 March-1 April 2022",
        "New York, 28 March-2 April 2022",
        "{zh}:7: the meeting runs from 2022-03-28 to 2022-04-01, "
        "but {en}:4: it runs from 2022-03-28 to 2022-04-02",
    ),
    "a different city": (
        "New York, 28 March",
        "Geneva, 28 March",
        "{zh}:7: the meeting is in 纽约 (America/New_York), but {en}:4: in Geneva (Europe/Zurich)",
    ),
    "a different sub-item": (
        "  (e) How international law",
        "  (b) How international law",
        "{zh}:85: segment 2 of the session on 2022-03-29 at 15:00-18:00 takes up item 5(e), "
        "but {en}:64: segment 2 takes up item 5(b)",
    ),
    "a different item": (
        "3-6 p.m. 6. Other matters",
        "3-6 p.m. 7. Other matters",
        "{zh}:142: segment 1 of the session on 2022-04-01 at 15:00-18:00 takes up item 6, "
        "but {en}:109: segment 1 takes up item 7",
    ),
    "a segment in one and not in the other": (
        " Closing of the session\n",
        "",
        "{zh}:142: the session on 2022-04-01 at 15:00-18:00 has 4 segments, "
        "but {en}:109: it has 3 segments",
    ),
    "(continued) in one only": (
        "(g) Capacity-building (continued)",
        "(g) Capacity-building",
        "{zh}:124: segment 2 of the session on 2022-03-31 at 10:00-13:00 is marked (continued), "
        "but {en}:95: segment 2 is not marked (continued)",
    ),
    "different minutes": (
        "(15 minutes)",
        "(10 minutes)",
        "{zh}:93: segment 3 of the session on 2022-03-30 at 10:00-13:00 lasts 15 minutes, "
        "but {en}:71: segment 3 lasts 10 minutes",
    ),
    "a speaker in one and not in the other": (
        "  Burhan Gafoor, Chair of the open-ended working group on security of and in the\n"
        "use of information and communications technologies 2021-2025\n",
        "",
        "{zh}:43: segment 2 of the session on 2022-03-28 at 10:00-13:00 has 2 lines under it, "
        "but {en}:33: segment 2 has 1 line under it",
    ),
    "a paragraph in one and not in the other": (
        "3. Further information is available on the website of the working group: "
        "https://meetings.unoda.org/meeting/oewg-ict-\n2021/.\n",
        "",
        "{zh}:23: introduction paragraph 3 is "
        "'更多信息可查阅工作组的网站：https://meetings.unoda.org…', "
        "but {en}:14: introduction paragraph 2 is the last",
    ),
    "a note in one and not in the other": (
        _NOTE,
        "",
        "{zh}:150: note 1 is "
        "'各代表团可以选择亲自、以书面形式或通过提交预先录制的视频发言以代表集团或国家发言…', "
        "but {en}: has no notes",
    ),
    "a provisional and an adopted programme": (
        "  Provisional programme of work\n\n  Note by",
        "  Programme of work\n\n  Note by",
        "{zh}:9: the title '暂定工作方案' makes it a provisional programme, "
        "but {en}:6: the title 'Programme of work' makes it an adopted programme",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_versions_that_differ_are_an_error_naming_both_files_and_lines(tmp_path, case):
    old, new, message = BROKEN[case]
    english = _broken(tmp_path, old, new)
    out = tmp_path / "out" / "oewg.yaml"
    result = run("import", str(ZH), str(english), "-o", str(out))
    expected = message.format(zh=ZH, en=english)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"Error: {expected}\n")
    assert not out.parent.exists()


def test_nothing_is_replaced_when_versions_differ(tmp_path):
    out = tmp_path / "oewg.yaml"
    out.write_text("kept")
    english = _broken(tmp_path, "(15 minutes)", "(10 minutes)")
    result = run("import", str(ZH), str(english), "-o", str(out), "--force")
    assert result.returncode == 1
    assert out.read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == sorted(["oewg.yaml", "en.txt"])


def test_the_first_document_named_is_the_one_held_against(tmp_path):
    english = _broken(tmp_path, "(15 minutes)", "(10 minutes)")
    result = run("import", str(english), str(ZH), "-o", str(tmp_path / "x.yaml"))
    assert result.stderr == (
        f"Error: {english}:71: segment 3 of the session on 2022-03-30 at 10:00-13:00 lasts "
        f"10 minutes, but {ZH}:93: segment 3 lasts 15 minutes\n"
    )


def test_two_documents_in_one_language_or_no_source_in_the_language_asked(tmp_path):
    out = tmp_path / "x.yaml"
    twice = run("import", str(EN), str(EN), "-o", str(out))
    assert twice.stderr == (
        f"Error: {EN}: is in the same language (en) as {EN}; give one document per language\n"
    )
    french = run("import", str(ZH), str(EN), "--source", "fr", "-o", str(out))
    assert french.stderr == (f"Error: {ZH}, {EN}: none is in fr ({ZH} is in zh, {EN} is in en)\n")
    assert not out.exists()


# One programme in five of the UN's languages; New York, summer time: UTC-4.
OCEAN = {
    "en": FIXTURES / "import" / "merge" / "ocean-pc1.en.txt",
    "fr": FIXTURES / "import" / "merge" / "ocean-pc1.fr.txt",
    "es": FIXTURES / "import" / "es-layouts-new-york.txt",
    "ru": FIXTURES / "import" / "merge" / "ocean-pc1.ru.txt",
    "ar": FIXTURES / "import" / "ar-layouts-new-york.txt",
}
OCEAN_UTC = {
    "apr08-am": ("2030-04-08T14:00Z", "2030-04-08T17:00Z"),
    "apr08-pm": ("2030-04-08T19:00Z", "2030-04-08T22:00Z"),
    "apr09-am": ("2030-04-09T14:00Z", "2030-04-09T15:30Z"),
    "apr09-am-2": ("2030-04-09T15:30Z", "2030-04-09T17:00Z"),
    "apr09-pm": ("2030-04-09T19:00Z", "2030-04-09T22:00Z"),
    "apr11-am": ("2030-04-11T14:00Z", "2030-04-11T17:00Z"),
    "apr12-am": ("2030-04-12T14:00Z", "2030-04-12T17:00Z"),
}


def test_five_language_versions_become_one_file_with_one_set_of_uids(tmp_path):
    out = tmp_path / "data" / "ocean.yaml"
    result = run("import", *(str(path) for path in OCEAN.values()), "-o", str(out))
    assert (result.returncode, result.stderr) == (0, "")
    check = run("check", str(out))
    assert check.returncode == 0, check.stdout + check.stderr
    merged = load_file(out)
    assert (merged.id, merged.language, merged.timezone) == (
        "unconf-prepcom-s1",
        "en",
        "America/New_York",
    )
    assert merged.translations == {lang: "official" for lang in ("fr", "es", "ru", "ar")}
    assert {day.date.isoformat(): day.note for day in merged.days if not day.blocks} == {
        "2030-04-10": {
            "en": "No meetings (informal consultations)",
            "fr": "Pas de séance (consultations officieuses)",
            "es": "No hay sesiones (consultas oficiosas)",
            "ru": "Заседаний нет (неофициальные консультации)",
            "ar": "لا توجد جلسات (مشاورات غير رسمية)",
        }
    }
    assert [item.slug for item in merged.agenda] == [
        "1", "2", "3", "4", "5", "6", "6a", "6b", "6c", "7"
    ]  # fmt: skip
    assert {lang: merged.item("6b").title[lang] for lang in OCEAN} == {
        "en": "Participation of intergovernmental organizations",
        "fr": "Participation des organisations intergouvernementales",
        "es": "Participación de las organizaciones intergubernamentales",
        "ru": "Участие межправительственных организаций",
        "ar": "مشاركة المنظمات الحكومية الدولية",
    }
    built = catalog.load([out])
    uids = {}
    for lang in OCEAN:
        body = built.get(f"/{lang}/unconf-prepcom-s1/all.ics").body
        found = events(body)
        uids[lang] = [str(event["UID"]) for event in found]
        times = {
            str(event["UID"]).split(".", 1)[1].split("@")[0]: tuple(
                utc_from_file(body, event[key].dt.replace(tzinfo=None)).strftime("%Y-%m-%dT%H:%MZ")
                for key in ("DTSTART", "DTEND")
            )
            for event in found
        }
        assert times == OCEAN_UTC, lang
    assert all(found == uids["en"] for found in uids.values())
    assert len(set(uids["en"])) == len(OCEAN_UTC)
    descriptions = {
        lang: str(
            events(built.get(f"/{lang}/unconf-prepcom-s1/event/apr09-pm.ics").body)[0][
                "DESCRIPTION"
            ]
        )
        for lang in OCEAN
    }
    assert {lang: text.split("\n")[:2] for lang, text in descriptions.items()} == {
        "en": ["6. Preparations for the Conference (continued)", "    (c) Documentation"],
        "fr": ["6. Préparatifs de la Conférence (suite)", "    (c) Documentation"],
        "es": ["6. Preparativos de la Conferencia (continuación)", "    (c) Documentación"],
        "ru": ["6. Подготовка к Конференции (продолжение)", "    в) Документация"],
        "ar": ["6 - الأعمال التحضيرية للمؤتمر (تابع)", "    (ج) الوثائق"],
    }


def test_five_language_versions_in_another_order_give_the_same_ids(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    paths = [str(path) for path in OCEAN.values()]
    assert run("import", *paths, "-o", str(first)).returncode == 0
    assert run("import", *reversed(paths), "-o", str(second)).returncode == 0
    a, b = load_file(first), load_file(second)
    assert (a.id, [block.id for block in a.blocks]) == (b.id, [block.id for block in b.blocks])
    assert b.language == "ar"
