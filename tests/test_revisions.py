"""Edits: UIDs stay, SEQUENCE and LAST-MODIFIED move only for the edited block."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from click.testing import CliRunner

from feeds import catalog
from feeds.cli import cli
from helpers import events

JAN = "2024-01-10T09:00:00Z"
FEB = "2024-02-20T16:30:00Z"


def _utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _events(path: Path) -> dict[str, object]:
    body = catalog.load([path]).get("/en/geneva-test/all.ics").body
    return {str(e["UID"]).split(".")[1].split("@")[0]: e for e in events(body)}


def _stamp(path: Path, at: str) -> str:
    result = CliRunner().invoke(cli, ["stamp", str(path), "--at", at])
    assert result.exit_code == 0, result.output
    return result.output


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _revisions(path: Path) -> dict[str, tuple[int, datetime]]:
    return {block: (e["SEQUENCE"], e["LAST-MODIFIED"].dt) for block, e in _events(path).items()}


def test_a_programme_never_stamped_is_at_sequence_zero_with_no_recorded_time(geneva):
    assert set(_revisions(geneva).values()) == {(0, datetime(1970, 1, 1, tzinfo=UTC))}


def test_stamping_records_every_block_at_the_time_given(geneva):
    assert _stamp(geneva, JAN) == (
        f"{geneva.with_suffix('.revisions.json')}: thu-am, mon-am, mon-pm, tue-night\n"
    )
    assert set(_revisions(geneva).values()) == {(0, _utc(JAN))}


def test_an_edit_raises_sequence_and_last_modified_of_that_block_only(geneva):
    _stamp(geneva, JAN)
    before = _events(geneva)
    _edit(geneva, "start: 15:00", "start: 14:30")
    after = _events(geneva)
    assert {b: str(e["UID"]) for b, e in after.items()} == {
        b: str(e["UID"]) for b, e in before.items()
    }
    # Pending (not yet stamped): the next sequence, one second after the newest record.
    assert after["mon-pm"]["SEQUENCE"] == 1
    assert after["mon-pm"]["LAST-MODIFIED"].dt == _utc("2024-01-10T09:00:01Z")
    assert after["mon-pm"]["DTSTAMP"].dt == _utc("2024-01-10T09:00:01Z")
    for block in ("thu-am", "mon-am", "tue-night"):
        assert after[block].to_ical() == before[block].to_ical()
    assert _stamp(geneva, FEB).endswith(": mon-pm\n")
    assert _revisions(geneva)["mon-pm"] == (1, _utc(FEB))
    assert _revisions(geneva)["thu-am"] == (0, _utc(JAN))


def test_a_pending_edit_gives_the_same_bytes_whatever_the_file_times(geneva):
    _stamp(geneva, JAN)
    _edit(geneva, "end: 01:00", "end: 01:30")
    os.utime(geneva, (0, 0))
    first = catalog.load([geneva]).get("/fr/geneva-test/all.ics").body
    os.utime(geneva, (2_000_000_000, 2_000_000_000))
    assert catalog.load([geneva]).get("/fr/geneva-test/all.ics").body == first


def test_a_text_edit_of_an_agenda_item_changes_every_block_that_takes_it_up(geneva):
    _stamp(geneva, JAN)
    _edit(geneva, "fr: Première question", "fr: Question 2 a)")
    assert {b: e["SEQUENCE"] for b, e in _events(geneva).items()} == {
        "thu-am": 1,
        "mon-am": 1,
        "mon-pm": 0,
        "tue-night": 0,
    }


def test_each_stamped_edit_counts_and_an_unchanged_stamp_changes_nothing(geneva):
    _stamp(geneva, JAN)
    _edit(geneva, "end: 01:00", "end: 01:30")
    assert _stamp(geneva, FEB).endswith(": tue-night\n")
    assert _stamp(geneva, "2024-03-01T00:00:00Z").endswith(": no block changed\n")
    assert _revisions(geneva)["tue-night"] == (1, _utc(FEB))
    _edit(geneva, "end: 01:30", "end: 02:00")
    assert _revisions(geneva)["tue-night"] == (2, _utc("2024-02-20T16:30:01Z"))


def test_a_block_removed_and_put_back_goes_on_from_its_sequence(geneva):
    _stamp(geneva, JAN)
    original = geneva.read_text()
    _edit(geneva, "end: 01:00", "end: 01:30")
    _stamp(geneva, FEB)
    geneva.write_text(original.replace("      - id: tue-night", "      - id: tue-late"))
    _stamp(geneva, "2024-03-01T00:00:00Z")
    geneva.write_text(original.replace("end: 01:00", "end: 02:00"))
    assert _revisions(geneva)["tue-night"][0] == 2


def test_an_unchanged_file_written_again_keeps_every_value(geneva):
    _stamp(geneva, JAN)
    before = catalog.load([geneva]).get("/fr/geneva-test/all.ics").body
    geneva.write_text(geneva.read_text() + "\n# a comment\n")
    assert catalog.load([geneva]).get("/fr/geneva-test/all.ics").body == before


def test_stamp_rejects_a_malformed_time(geneva):
    result = CliRunner().invoke(cli, ["stamp", str(geneva), "--at", "yesterday"])
    assert result.exit_code == 2
    assert "expected YYYY-MM-DDTHH:MM:SSZ, got 'yesterday'" in result.output


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
        command = [sys.executable, "-m", "feeds", "build", str(out), "--data", str(bundled_copy)]
        subprocess.run(command, check=True, env=env, capture_output=True)
        trees.append(_tree(out))
    assert trees[0] == trees[1]
    assert trees[0]["en/oewg-ict-s2/all.ics"] == bundled.get("/en/oewg-ict-s2/all.ics").body


def test_copies_with_a_pending_edit_build_the_same_bytes(tmp_path, bundled_copy):
    programme = bundled_copy / "oewg-ict-s2.yaml"
    programme.write_text(programme.read_text().replace("end: 13:00", "end: 12:30", 1))
    other = tmp_path / "other"
    shutil.copytree(bundled_copy, other, copy_function=shutil.copy)  # new file times
    os.utime(other / "oewg-ict-s2.yaml", (1_000_000_000, 1_000_000_000))
    trees = []
    for data in (bundled_copy, other):
        out = tmp_path / f"out-{data.name}"
        command = [sys.executable, "-m", "feeds", "build", str(out), "--data", str(data)]
        subprocess.run(command, check=True, capture_output=True)
        trees.append(_tree(out))
    assert trees[0] == trees[1]
    assert b"SEQUENCE:1" in trees[0]["en/oewg-ict-s2/event/mar28-am.ics"]
