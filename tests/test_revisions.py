"""Edits: UIDs stay, SEQUENCE and LAST-MODIFIED move only for the edited block."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from feeds import catalog
from feeds.cli import cli
from helpers import events

JAN = datetime(2024, 1, 10, 9, 0, tzinfo=UTC).timestamp()
FEB = datetime(2024, 2, 20, 16, 30, tzinfo=UTC).timestamp()


def _events(path: Path) -> dict[str, object]:
    body = catalog.load([path]).get("/en/geneva-test/all.ics").body
    return {str(e["UID"]).split(".")[1].split("@")[0]: e for e in events(body)}


def _stamp(path: Path) -> str:
    result = CliRunner().invoke(cli, ["stamp", str(path)])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_new_programme_starts_at_sequence_zero_at_the_time_it_was_written(geneva):
    os.utime(geneva, (JAN, JAN))
    found = _events(geneva)
    assert {block: (e["SEQUENCE"], e["LAST-MODIFIED"].dt) for block, e in found.items()} == {
        block: (0, datetime(2024, 1, 10, 9, 0, tzinfo=UTC))
        for block in ("thu-am", "mon-am", "mon-pm", "tue-night")
    }


def test_an_edit_raises_sequence_and_last_modified_of_that_block_only(geneva):
    os.utime(geneva, (JAN, JAN))
    assert (
        _stamp(geneva) == f"{geneva.with_suffix('.revisions.json')}: "
        "thu-am, mon-am, mon-pm, tue-night\n"
    )
    before = _events(geneva)
    geneva.write_text(geneva.read_text().replace("start: 15:00", "start: 14:30"))
    os.utime(geneva, (FEB, FEB))
    after = _events(geneva)
    assert {block: str(e["UID"]) for block, e in after.items()} == {
        block: str(e["UID"]) for block, e in before.items()
    }
    assert after["mon-pm"]["SEQUENCE"] == 1
    assert after["mon-pm"]["LAST-MODIFIED"].dt == datetime(2024, 2, 20, 16, 30, tzinfo=UTC)
    assert after["mon-pm"]["DTSTAMP"].dt == datetime(2024, 2, 20, 16, 30, tzinfo=UTC)
    for block in ("thu-am", "mon-am", "tue-night"):
        assert after[block].to_ical() == before[block].to_ical()


def test_a_text_edit_of_an_agenda_item_changes_every_block_that_takes_it_up(geneva):
    os.utime(geneva, (JAN, JAN))
    _stamp(geneva)
    geneva.write_text(geneva.read_text().replace("fr: Première question", "fr: Question 2 a)"))
    os.utime(geneva, (FEB, FEB))
    after = _events(geneva)
    assert {block: e["SEQUENCE"] for block, e in after.items()} == {
        "thu-am": 1,
        "mon-am": 1,
        "mon-pm": 0,
        "tue-night": 0,
    }


def test_stamping_records_the_edit_and_the_next_edit_counts_from_there(geneva):
    os.utime(geneva, (JAN, JAN))
    _stamp(geneva)
    geneva.write_text(geneva.read_text().replace("end: 01:00", "end: 01:30"))
    os.utime(geneva, (FEB, FEB))
    assert _stamp(geneva).endswith(": tue-night\n")
    assert _stamp(geneva).endswith(": no block changed\n")
    os.utime(geneva, (JAN, JAN))  # a later checkout with an older time changes nothing
    assert _events(geneva)["tue-night"]["SEQUENCE"] == 1
    assert _events(geneva)["tue-night"]["LAST-MODIFIED"].dt == datetime(
        2024, 2, 20, 16, 30, tzinfo=UTC
    )
    geneva.write_text(geneva.read_text().replace("end: 01:30", "end: 02:00"))
    assert _events(geneva)["tue-night"]["SEQUENCE"] == 2


def test_an_unchanged_file_written_again_keeps_every_value(geneva):
    os.utime(geneva, (JAN, JAN))
    _stamp(geneva)
    before = catalog.load([geneva]).get("/fr/geneva-test/all.ics").body
    geneva.write_text(geneva.read_text() + "\n# a comment\n")
    os.utime(geneva, (FEB, FEB))
    assert catalog.load([geneva]).get("/fr/geneva-test/all.ics").body == before


def test_the_bundled_revisions_file_records_every_block(bundled):
    (entry,) = bundled.published
    assert entry.pending == ()
    assert set(entry.revisions) == {block.id for block in entry.meeting.blocks}


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_builds_in_separate_processes_are_byte_identical(tmp_path, bundled_copy, bundled):
    trees = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": "Asia/Tokyo" if seed == "1" else "UTC"}
        subprocess.run(
            [sys.executable, "-m", "feeds", "build", str(out), "--data", str(bundled_copy)],
            check=True,
            env=env,
            capture_output=True,
        )
        trees.append(_tree(out))
    assert trees[0] == trees[1]
    assert trees[0]["en/oewg-ict-s2/all.ics"] == bundled.get("/en/oewg-ict-s2/all.ics").body
