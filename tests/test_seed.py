"""The bundled programme holds every line of the source document, and nothing else of ours."""

from __future__ import annotations

import json
import re
from datetime import time

from conftest import FIXTURES

SOURCE = (FIXTURES / "oewg-ict-s2.source.txt").read_text(encoding="utf-8")
# Lines that only lay out the document: the annex heading and the table's column heads.
LAYOUT = {"附件", "日期/时间 议程项目/方案"}
SLOT = re.compile(r"^(上午|下午)\s*(\d+)\s*时至\s*(?:(上午|下午)\s*)?(\d+)\s*时\s*")
HEADING_DATES = "2022 年 3 月 28 日至 4 月 1 日，纽约"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _hour(half: str, hour: str) -> time:
    value = int(hour)
    return time(value + 12 if half == "下午" and value < 12 else value)


def _programme(bundled) -> dict:
    return json.loads(bundled.get("/zh/oewg-ict-s2/programme.json").body)


def _meeting_texts(m: dict) -> list[str]:
    """The texts of the meeting's heading, introduction, notes and documents."""
    keys = ("title", "body", "session", "city", "venue", "document_title", "issued_by")
    return (
        [m[key] for key in keys]
        + m["introduction"]
        + m["notes"]
        + [d["title"] for d in m["documents"]]
    )


def _published_text(doc: dict) -> str:
    parts = _meeting_texts(doc["meeting"])
    parts += [day["label"] for day in doc["days"]]
    parts += [block["description"] for block in doc["blocks"]]
    return _squash("\n".join(parts))


def test_every_line_of_the_source_is_in_the_published_programme(bundled):
    doc = _programme(bundled)
    published = _published_text(doc)
    urls = {doc["meeting"]["url"]} | {d["url"] for d in doc["meeting"]["documents"]}
    slots, skipped, missing = [], set(), []
    for raw in SOURCE.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line in LAYOUT:
            skipped.add(line)
            continue
        if line.startswith("https://"):
            assert line in urls, line
            continue
        if line == HEADING_DATES:
            m = doc["meeting"]
            assert (m["start"], m["end"], m["city"]) == ("2022-03-28", "2022-04-01", "纽约")
            continue
        slot = SLOT.match(line)
        if slot:
            slots.append((_hour(slot[1], slot[2]), _hour(slot[3] or slot[1], slot[4])))
            line = line[slot.end() :]
        text = _squash(line)
        numbered = re.sub(r"^[1-3]\.", "", text)  # the note's paragraph numbers
        if text not in published and numbered not in published:
            missing.append(line)
    assert missing == []
    assert skipped == LAYOUT
    assert slots == [
        (time.fromisoformat(b["start"][11:19]), time.fromisoformat(b["end"][11:19]))
        for b in doc["blocks"]
    ]
    assert len(slots) == 10


def test_every_chinese_text_of_the_programme_is_copied_from_the_source(bundled):
    """Only the short title, which the document does not have, is ours."""
    doc = _programme(bundled)
    source = _squash(SOURCE)
    texts = _meeting_texts(doc["meeting"])
    texts += [item["title"] for item in doc["agenda"]]
    for block in doc["blocks"]:
        for segment in block["segments"]:
            texts += segment["lines"]
    not_in_source = [text for text in texts if _squash(text) not in source]
    assert not_in_source == []


def test_the_source_s_sessions_are_the_ten_blocks_on_five_days(bundled):
    doc = _programme(bundled)
    assert [day["date"] for day in doc["days"]] == [
        "2022-03-28",
        "2022-03-29",
        "2022-03-30",
        "2022-03-31",
        "2022-04-01",
    ]
    assert [(b["id"], b["start_utc"]) for b in doc["blocks"]][:2] == [
        ("mar28-am", "2022-03-28T14:00:00Z"),
        ("mar28-pm", "2022-03-28T19:00:00Z"),
    ]
    assert [b["items"] for b in doc["blocks"]] == [
        ["3", "5", "5d"],
        ["5", "5d"],
        ["5", "5a"],
        ["5", "5e"],
        ["5", "5f"],
        ["5", "5f", "5g"],
        ["5", "5g"],
        [],
        ["5", "5c"],
        ["6"],
    ]


DAY_HEADING = re.compile(r"^\d+\s*月\s*\d+\s*日，星期.$")


def _source_slots() -> list[str]:
    """The programme table of the source, one text per session slot, layout removed."""
    slots: list[str] = []
    started = False
    for raw in SOURCE.splitlines():
        line = raw.strip()
        if line.startswith("注："):
            break
        if (
            not line
            or line in LAYOUT
            or line.startswith("https://")
            or DAY_HEADING.match(line)
            or line == "暂定工作方案"
        ):
            continue
        slot = SLOT.match(line)
        if slot:
            started = True
            slots.append(line[slot.end() :])
        elif started:
            slots[-1] += line
    return [_squash(text) for text in slots]


def test_each_block_says_exactly_what_its_slot_in_the_source_says(bundled):
    doc = _programme(bundled)
    published = [
        _squash("".join(line for segment in block["segments"] for line in segment["lines"]))
        for block in doc["blocks"]
    ]
    assert published == _source_slots()


ENGLISH = {
    "mar28-am": [
        "Opening of the session",
        "Opening statements",
        "    Izumi Nakamitsu, Under-Secretary-General and High Representative for Disarmament "
        "Affairs",
        "    Burhan Gafoor, Chair of the open-ended working group on security of and in the use "
        "of information and communications technologies 2021-2025",
        "3. Organization of work",
        "5. Discussion of substantive issues contained in paragraph 1 of General Assembly "
        "resolution 75/240",
        "    (d) Continuing to study, with a view to promoting common understandings, existing "
        "and potential threats in the sphere of information security, inter alia, data "
        "security, and possible cooperative measures to prevent and counter such threats",
        "Initiatives of States aimed at ensuring security in the use of information and "
        "communications technologies",
    ],
    "mar30-am": [
        "5. Discussion of substantive issues contained in paragraph 1 of General Assembly "
        "resolution 75/240 (continued)",
        "    (f) Confidence-building measures",
        "Briefing by the United Nations Institute for Disarmament Research (UNIDIR) on the "
        "UNIDIR Cyber Policy Portal (15 minutes)",
        "Initiatives of States aimed at ensuring security in the use of information and "
        "communications technologies",
    ],
    "mar30-pm": [
        "5. Discussion of substantive issues contained in paragraph 1 of General Assembly "
        "resolution 75/240 (continued)",
        "    (f) Confidence-building measures (continued)",
        "Initiatives of States aimed at ensuring security in the use of information and "
        "communications technologies",
        "5. Discussion of substantive issues contained in paragraph 1 of General Assembly "
        "resolution 75/240 (continued)",
        "    (g) Capacity-building",
        "Initiatives of States aimed at ensuring security in the use of information and "
        "communications technologies",
    ],
    "mar31-pm": [
        "Open-ended non-virtual formal meeting, open to all delegations and interested "
        "stakeholders",
    ],
    "apr01-pm": [
        "6. Other matters",
        "Preliminary discussion on the content and structure of the annual progress report",
        "Closing of the session",
        "Closing remarks by the Chair",
    ],
}

ENGLISH_AGENDA = {
    "3": "Organization of work",
    "5": "Discussion of substantive issues contained in paragraph 1 of General Assembly "
    "resolution 75/240",
    "5a": "Further developing the rules, norms and principles of responsible behaviour of "
    "States and the ways for their implementation and, if necessary, introducing changes to "
    "them or elaborating additional rules of behaviour",
    "5c": "Establishing, under the auspices of the United Nations, regular institutional "
    "dialogue with broad participation of States",
    "5d": "Continuing to study, with a view to promoting common understandings, existing and "
    "potential threats in the sphere of information security, inter alia, data security, and "
    "possible cooperative measures to prevent and counter such threats",
    "5e": "How international law applies to the use of information and communications "
    "technologies by States",
    "5f": "Confidence-building measures",
    "5g": "Capacity-building",
    "6": "Other matters",
}


def test_the_english_translation_says_what_was_reviewed(bundled):
    doc = json.loads(bundled.get("/en/oewg-ict-s2/programme.json").body)
    lines = {
        block["id"]: [line for segment in block["segments"] for line in segment["lines"]]
        for block in doc["blocks"]
    }
    for block_id, expected in ENGLISH.items():
        assert lines[block_id] == expected, block_id
    assert {item["slug"]: item["title"] for item in doc["agenda"]} == ENGLISH_AGENDA
    # Every block that the table above does not spell out has the same shape as its Chinese.
    zh = json.loads(bundled.get("/zh/oewg-ict-s2/programme.json").body)
    for en_block, zh_block in zip(doc["blocks"], zh["blocks"], strict=True):
        assert [len(s["lines"]) for s in en_block["segments"]] == [
            len(s["lines"]) for s in zh_block["segments"]
        ]
