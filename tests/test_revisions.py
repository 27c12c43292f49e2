"""Edits: UIDs stay, SEQUENCE and LAST-MODIFIED move only for the edited block."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from ical.calendar_stream import IcsCalendarStream

from feeds import catalog
from feeds.cli import cli
from feeds.load import ProgrammeError
from feeds.model import parse_utc_text
from helpers import events

#: Tests of `feeds check` and `feeds stamp` reporting and recording the meeting-level entry.

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
    _stamp(geneva, JAN)
    assert set(_revisions(geneva).values()) == {(0, _utc(JAN))}


def test_stamping_lists_the_meeting_level_content_and_every_block(geneva):
    assert _stamp(geneva, JAN) == (
        f"{geneva.with_suffix('.revisions.json')}: "
        "meeting-level fields, thu-am, mon-am, mon-pm, tue-night\n"
        "  Programme published\n"
    )


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
    assert _stamp(geneva, FEB).endswith(
        ": mon-pm\n  Afternoon meeting of Monday, 1 April 2024 (15:00–18:00) moved to 14:30–18:00\n"
    )
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
    assert _stamp(geneva, FEB).endswith(
        ": tue-night\n"
        "  Morning meeting of Tuesday, 2 April 2024 (00:00–01:00) moved to 00:00–01:30\n"
    )
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
    _stamp(geneva, "2024-03-01T00:00:00Z")  # published as cancelled: sequence 2
    geneva.write_text(original.replace("end: 01:00", "end: 02:00"))
    assert _revisions(geneva)["tue-night"][0] == 3


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
    assert entry.meeting_pending is False
    assert set(entry.revisions) == {block.id for block in entry.meeting.blocks}


def test_check_reports_no_pending_edit_for_the_bundled_data():
    result = subprocess.run(
        [sys.executable, "-m", "feeds", "check"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (result.returncode, result.stderr) == (0, "")


def test_check_reports_a_meeting_level_edit_until_it_is_stamped(geneva):
    _stamp(geneva, JAN)
    _edit(geneva, "en: Test committee, first session", "en: Test committee, second session")
    runner = CliRunner()
    assert runner.invoke(cli, ["check", str(geneva)]).stderr == (
        f"{geneva}: edits not yet recorded in geneva.revisions.json: "
        "meeting-level fields; run `feeds stamp` and commit it\n"
    )
    assert _stamp(geneva, FEB).endswith(
        ": meeting-level fields\n  Details of the meeting updated\n"
    )
    assert runner.invoke(cli, ["check", str(geneva)]).stderr == ""
    resource = catalog.load([geneva]).get("/en/geneva-test/all.ics")
    assert resource.last_modified == _utc(FEB)
    recorded = json.loads(geneva.with_suffix(".revisions.json").read_text())
    assert recorded["meeting_level"]["modified"] == FEB


def test_stamp_adds_the_meeting_level_entry_to_an_older_revisions_file(geneva):
    _stamp(geneva, JAN)
    ledger = geneva.with_suffix(".revisions.json")
    older = json.loads(ledger.read_text())
    older.pop("meeting_level", None)
    ledger.write_text(json.dumps(older, indent=2) + "\n")
    assert _stamp(geneva, FEB) == f"{ledger}: meeting-level fields\n"
    recorded = json.loads(ledger.read_text())
    assert recorded["meeting_level"]["modified"] == FEB
    assert recorded["blocks"] == older["blocks"]


def _ledger_with(geneva: Path, block_time: str, meeting_level: str = "") -> Path:
    ledger = geneva.with_suffix(".revisions.json")
    ledger.write_text(
        '{"meeting": "geneva-test",\n'
        + meeting_level
        + ' "blocks": {"thu-am": {"digest": "sha256:'
        + "0" * 64
        + '", "sequence": 1,\n'
        + f'   "modified": "{block_time}"}}}}}}\n'
    )
    return ledger


@pytest.mark.parametrize(
    ("moment", "year"), [("0099-01-01T00:00:00Z", "0099"), ("9999-12-31T23:59:59Z", "9999")]
)
def test_a_recorded_time_outside_1970_to_2200_is_a_problem_of_its_line(geneva, moment, year):
    ledger = _ledger_with(geneva, moment)
    problem = f"{ledger}:2: blocks.thu-am.modified: expected a year from 1970 to 2200, got {year}"
    result = CliRunner().invoke(cli, ["check", str(geneva)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == problem
    with pytest.raises(ProgrammeError) as error:
        catalog.load([geneva])
    assert [str(one) for one in error.value.problems] == [problem]


def test_a_meeting_level_time_outside_the_years_is_a_problem_too(geneva):
    entry = '"meeting_level": {"digest": "sha256:' + "0" * 64 + '",\n'
    entry += '   "modified": "2201-01-01T00:00:00Z"},\n'
    ledger = _ledger_with(geneva, JAN, entry)
    with pytest.raises(ProgrammeError) as error:
        catalog.load([geneva])
    assert [str(one) for one in error.value.problems] == [
        f"{ledger}:2: meeting_level.modified: expected a year from 1970 to 2200, got 2201"
    ]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ('"meeting_level": [1],\n', "2: meeting_level: expected a mapping of digest and modified"),
        (
            '"meeting_level": {"digest": "md5:0", "modified": "2024-01-01T00:00:00Z"},\n',
            "2: meeting_level.digest: expected sha256:...",
        ),
        (
            '"meeting_level": {"digest": "sha256:' + "0" * 64 + '", "modified": "soon"},\n',
            "2: meeting_level.modified: expected a UTC time as YYYY-MM-DDTHH:MM:SSZ",
        ),
    ],
)
def test_a_corrupt_meeting_level_entry_is_reported_with_its_line(geneva, entry, problem):
    ledger = _ledger_with(geneva, JAN, entry)
    with pytest.raises(ProgrammeError) as error:
        catalog.load([geneva])
    assert [str(one) for one in error.value.problems] == [f"{ledger}:{problem}"]


@pytest.mark.parametrize("moment", ["1970-01-01T00:00:00Z", "2200-12-31T23:59:59Z"])
def test_the_first_and_last_recordable_times_give_feeds_a_strict_parser_reads(geneva, moment):
    _ledger_with(geneva, moment)  # thu-am's digest is not its own: a pending edit
    body = catalog.load([geneva]).get("/en/geneva-test/all.ics").body
    calendar = IcsCalendarStream.calendar_from_ics(body.decode())
    later = parse_utc_text(moment) + timedelta(seconds=1)
    stamps = {event.uid.split(".")[1].split("@")[0]: event.dtstamp for event in calendar.events}
    assert stamps["thu-am"] == later
    assert stamps["mon-am"] == later - timedelta(seconds=1)


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
    # The block was recorded at sequence 1 (the translations); the pending edit is the next.
    assert b"SEQUENCE:2" in trees[0]["en/oewg-ict-s2/event/mar28-am.ics"]
