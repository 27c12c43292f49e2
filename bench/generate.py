"""Synthetic programmes of any size, in the project's data format, for the benchmarks.

    python bench/generate.py OUT --meetings 25 --days 10 --blocks 4 [--languages zh,en]

writes OUT/m0001.yaml ... with meetings x days x blocks session blocks, each with
Chinese and English (and other) texts of the length and shape of real programmes.
The output depends only on the arguments and --seed.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

import yaml

PHRASES = {
    "zh": [
        "关于大会第 75/240 号决议第 1 段所载实质性问题的讨论",
        "工作安排",
        "其他事项",
        "建立信任措施",
        "能力建设",
        "国际法如何适用于国家使用信息和通信技术问题",
        "各国旨在确保信息和通信技术使用安全的举措",
        "关于年度进度报告内容和结构的初步讨论",
        "一般性辩论",
        "通过议程",
        "选举主席团成员",
        "审议工作组报告草稿",
        "会议开幕",
        "会议闭幕",
        "秘书处关于执行情况的介绍",
        "不限成员名额非正式会议，向所有代表团和感兴趣的利益攸关方开放",
    ],
    "en": [
        "Discussion of substantive issues contained in paragraph 1 of resolution 75/240",
        "Organization of work",
        "Other matters",
        "Confidence-building measures",
        "Capacity-building",
        "How international law applies to the use of ICTs by States",
        "Initiatives of States aimed at ensuring security in the use of ICTs",
        "Preliminary discussion of the annual progress report",
        "General debate",
        "Adoption of the agenda",
        "Election of officers",
        "Consideration of the draft report",
        "Opening of the session",
        "Closing of the session",
        "Briefing by the Secretariat on implementation",
        "Open-ended informal meeting, open to all delegations and interested stakeholders",
    ],
    "fr": [
        "Débat général",
        "Questions diverses",
        "Organisation des travaux",
        "Mesures de confiance",
        "Renforcement des capacités",
        "Adoption de l'ordre du jour",
    ],
    "es": [
        "Debate general",
        "Otros asuntos",
        "Organización de los trabajos",
        "Medidas de fomento de la confianza",
        "Creación de capacidad",
        "Aprobación del programa",
    ],
    "ru": [
        "Общие прения",
        "Прочие вопросы",
        "Организация работы",
        "Меры укрепления доверия",
        "Наращивание потенциала",
        "Утверждение повестки дня",
    ],
    "ar": [
        "المناقشة العامة",
        "مسائل أخرى",
        "تنظيم الأعمال",
        "تدابير بناء الثقة",
        "بناء القدرات",
        "إقرار جدول الأعمال",
    ],
}
NOTE = {
    "zh": "各代表团可以选择亲自、以书面形式或通过提交预先录制的视频发言以代表集团或国家发言。",
    "en": "Delegations may deliver statements in person, in writing or by pre-recorded video.",
}
ZONES = ["America/New_York", "Europe/Zurich", "Europe/Vienna", "Africa/Nairobi", "Asia/Bangkok"]
SLOTS = [("10:00", "13:00"), ("15:00", "18:00"), ("08:30", "09:45"), ("18:30", "20:00")]


def text(rng: random.Random, languages: list[str], words: int = 1) -> dict[str, str]:
    picks = [rng.randrange(100) for _ in range(words)]
    joiner = {"zh": "，"}
    return {
        lang: joiner.get(lang, "; ").join(PHRASES[lang][p % len(PHRASES[lang])] for p in picks)
        for lang in languages
    }


def meeting(index: int, days: int, blocks: int, languages: list[str], seed: int) -> dict:
    rng = random.Random(seed * 1_000_003 + index)
    source, *translations = languages
    start = date(2024, 1, 8) + timedelta(days=7 * (index % 150))
    agenda = []
    for number in range(1, 9):
        item = {"number": number, "title": text(rng, languages, 2)}
        if number in (4, 5):
            item["sub_items"] = [
                {"letter": letter, "title": text(rng, languages, 3)} for letter in "abcd"
            ]
        agenda.append(item)
    slugs = [str(n) for n in range(1, 9)] + [f"{n}{x}" for n in (4, 5) for x in "abcd"]
    out_days = []
    for day in range(days):
        when = start + timedelta(days=day)
        day_blocks = []
        for slot in range(blocks):
            segments = []
            for _ in range(rng.randint(2, 5)):
                if rng.random() < 0.6:
                    segment = {"item": rng.choice(slugs)}
                    if rng.random() < 0.4:
                        segment["continued"] = True
                else:
                    segment = {"text": text(rng, languages, rng.randint(1, 2))}
                    if rng.random() < 0.2:
                        segment["minutes"] = rng.choice([10, 15, 20, 30])
                segments.append(segment)
            begin, end = SLOTS[slot % len(SLOTS)]
            block = {
                "id": f"d{day + 1:02d}-s{slot + 1}",
                "start": begin,
                "end": end,
                "segments": segments,
            }
            if rng.random() < 0.02:
                block["cancelled"] = True
            day_blocks.append(block)
        out_days.append({"date": when.isoformat(), "blocks": day_blocks})
    return {
        "meeting": {
            "id": f"m{index:05d}",
            "language": source,
            "translations": dict.fromkeys(translations, "unofficial"),
            "title": {lang: f"{PHRASES[lang][0]} {index}" for lang in languages},
            "short_title": {lang: f"M{index}" for lang in languages},
            "venue": {lang: "Palais des Nations" for lang in languages},
            "timezone": ZONES[index % len(ZONES)],
            "start": start.isoformat(),
            "end": (start + timedelta(days=days - 1)).isoformat(),
            "status": "provisional",
            "url": f"https://example.org/meetings/{index}",
        },
        "agenda": agenda,
        "days": out_days,
        "notes": [{lang: NOTE.get(lang, PHRASES[lang][1]) for lang in languages}],
    }


def generate(
    out: Path, meetings: int, days: int, blocks: int, languages: list[str], seed: int = 1
) -> int:
    """Write the programmes; returns the number of session blocks."""
    out.mkdir(parents=True, exist_ok=True)
    for index in range(1, meetings + 1):
        content = meeting(index, days, blocks, languages, seed)
        text_out = yaml.safe_dump(content, allow_unicode=True, sort_keys=False, width=1000)
        (out / f"m{index:05d}.yaml").write_text(text_out, encoding="utf-8")
    return meetings * days * blocks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--meetings", type=int, default=25)
    parser.add_argument("--days", type=int, default=10)
    parser.add_argument("--blocks", type=int, default=4)
    parser.add_argument("--languages", default="zh,en")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    count = generate(
        args.out, args.meetings, args.days, args.blocks, args.languages.split(","), args.seed
    )
    print(f"{args.out}: {args.meetings} meetings, {count} blocks")


if __name__ == "__main__":
    main()
