"""What one programme may make is bounded before anything is rendered.

The file's size is capped, but feeds grow with blocks x agenda items per block x
languages: a small file could otherwise make a check or a server take gigabytes.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from conftest import DATA
from feeds import load
from feeds.load import ProgrammeError, load_file, load_paths
from feeds.web import create_app
from generate import meeting

FEED = "/en/oewg-ict-s2/all.ics"


def _write(folder: Path, programme: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "big.yaml"
    path.write_text(yaml.safe_dump(programme, allow_unicode=True, sort_keys=False))
    return path


def _problems(path: Path) -> list[str]:
    try:
        load_file(path)
    except ProgrammeError as error:
        return [str(problem) for problem in error.problems]
    raise AssertionError("the programme was accepted")


def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_block_of_too_many_lines_is_refused_at_its_line(tmp_path):
    programme = meeting(1, 1, 2, ["zh", "en"], seed=1)
    programme["days"][0]["blocks"][1]["segments"] = [
        {"item": "1"} for _ in range(load.MAX_SEGMENTS + 1)
    ]
    path = _write(tmp_path, programme)
    lines = path.read_text().splitlines()
    second_block = [n for n, text in enumerate(lines, 1) if "segments:" in text][1]
    assert _problems(path) == [
        f"{path}:{second_block}: days[0].blocks[1].segments: has {load.MAX_SEGMENTS + 1} "
        f"lines; at most {load.MAX_SEGMENTS} are allowed"
    ]


def test_too_many_agenda_items_and_blocks_are_refused(tmp_path):
    programme = meeting(1, 2, 2, ["zh", "en"], seed=1)
    already = sum(1 + len(item.get("sub_items", [])) for item in programme["agenda"])
    programme["agenda"] += [
        {"number": str(n), "title": {"zh": f"项目 {n}", "en": f"Item {n}"}}
        for n in range(100, 100 + load.MAX_AGENDA + 1 - already)
    ]
    path = _write(tmp_path / "agenda", programme)
    assert _problems(path) == [
        f"{path}:{_line(path, 'agenda:')}: agenda: has {load.MAX_AGENDA + 1} items and "
        f"sub-items; a programme may have at most {load.MAX_AGENDA}"
    ]
    days = load.MAX_BLOCKS // 4 + 1
    path = _write(tmp_path / "blocks", meeting(1, days, 4, ["en"], seed=1))
    assert _problems(path) == [
        f"{path}:{_line(path, 'days:')}: days: hold {days * 4} blocks; "
        f"a programme may have at most {load.MAX_BLOCKS}"
    ]


def _blow_up(folder: Path) -> Path:
    """A programme of 300 kB whose feeds would take gigabytes: each of 12 blocks takes up
    every one of 60 agenda items with long titles, so it is in 60 item feeds, each long."""
    programme = meeting(1, 3, 4, ["zh", "en"], seed=1)
    programme["agenda"] = [
        {"number": str(n), "title": {"zh": "议程" * 300, "en": "Agenda item title " * 60}}
        for n in range(1, 61)
    ]
    for day in programme["days"]:
        for block in day["blocks"]:
            block["segments"] = [{"item": str(n)} for n in range(1, 61)]
    return _write(folder, programme)


def test_a_programme_whose_feeds_would_be_too_large_is_refused_before_rendering(tmp_path):
    path = _blow_up(tmp_path)
    assert path.stat().st_size < 400_000
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:{_line(path, 'days:')}: days: the feeds of this programme ")
    assert problem.endswith(
        f"MiB (at most {load.MAX_FEED_BYTES // 2**20} MiB): it has too many blocks, agenda "
        "items per block or languages, or texts too long"
    )


def test_the_estimate_is_close_to_what_the_feeds_take(bundled):
    (entry,) = bundled.published
    rendered = sum(len(r.body) + len(r.utc_body or b"") for r in bundled if r.utc_body)
    assert rendered <= load.feed_bytes(entry.meeting) <= 1.5 * rendered


def test_a_server_keeps_the_last_good_version_when_a_programme_is_too_large(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for source in DATA.iterdir():
        (data / source.name).write_bytes(source.read_bytes())
    app = create_app({"DATA": str(data), "TESTING": True, "RELOAD_INTERVAL": 0})
    client = app.test_client()
    live = app.extensions["feeds"]
    live.whole(60)
    before = client.get(FEED).data
    _blow_up(data)
    for _ in range(400):
        health = json.loads(client.get("/healthz").data)
        if health["problems"]:
            break
        live.wait_for_generation(99, timeout=0.05)
    assert health["status"] == "degraded" and health["files_with_problems"] == {"big.yaml": 1}
    assert client.get(FEED).data == before
    assert load_paths([data / "oewg-ict-s2.yaml"])  # the good one is still good
