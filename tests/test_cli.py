"""The feeds command as a user runs it: exit statuses, messages, and the static export."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from feeds import catalog
from feeds.cli import cli
from feeds.export import MARKER, export
from feeds.urls import export_file, export_utc_file


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "feeds", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def _tree(folder: Path) -> dict[str, bytes]:
    """The files of an export, without the marker that says it is one."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def test_check_accepts_the_bundled_data_by_default():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "data/oewg-ict-s2.yaml: ok: oewg-ict-s2, 5 days, 10 blocks, "
        "languages zh, en, fr, es, ru, ar\n"
    )
    assert result.stderr == ""


def test_check_lists_every_problem_and_exits_1(geneva):
    geneva.write_text(
        geneva.read_text()
        .replace("end: 13:00", "end: 9.30", 1)
        .replace("timezone: Europe/Zurich", "timezone: Europe/Zurch")
    )
    result = run("check", "data/geneva.yaml", cwd=geneva.parent.parent)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "data/geneva.yaml:17: meeting.timezone: unknown time zone 'Europe/Zurch' "
        "(did you mean 'Europe/Zurich'?)\n"
        "data/geneva.yaml:43: days[0].blocks[0].end: expected a time as HH:MM (24-hour clock), "
        "got '9.30'\n"
        "2 problems in 1 file\n"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"\xff\xfe\x00junk",
            "x.yaml:1: (file): not UTF-8: byte 0xff at column 1; save the file as UTF-8",
        ),
        (b"meeting: [unclosed\n", "x.yaml:2: (yaml): did not find expected ',' or ']'"),
        (b"- a\n- b\n", "x.yaml:1: (top level): expected a mapping of keys, got a list"),
    ],
)
def test_check_never_shows_a_traceback(tmp_path, content, message):
    (tmp_path / "x.yaml").write_bytes(content)
    result = run("check", "x.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == message


def test_check_of_a_missing_path_or_an_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("check", "nowhere.yaml", "empty", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "nowhere.yaml: (file): does not exist\n"
        "empty: (folder): holds no .yaml programme\n"
        "2 problems in 2 files\n"
    )


def test_build_writes_every_path_of_the_catalog_with_its_bytes(tmp_path, bundled):
    out = tmp_path / "site"
    result = run("build", str(out))
    assert result.returncode == 0, result.stderr
    written = [path for path in out.rglob("*") if path.is_file()]
    utc_forms = sum(resource.utc_body is not None for resource in bundled)
    gzip_forms = sum(
        (resource.coded("gzip") is not None) + (resource.coded("gzip", web=True) is not None)
        if resource.utc_body is not None
        else resource.coded("gzip") is not None
        for resource in bundled
        if resource.compressible
    )
    assert len(written) == len(bundled) + utc_forms + gzip_forms + 1  # and the marker
    assert result.stdout == (
        f"{out}: {len(written)} files for 1 meeting\n"
        "Pages link feeds by path; give --base-url for their subscribe buttons and QR codes.\n"
    )
    expected = {export_file(r.path): r.body for r in bundled}
    expected |= {export_utc_file(r.path): r.utc_body for r in bundled if r.utc_body}
    gzipped = {path: body for path, body in _tree(out).items() if path.endswith(".gz")}
    assert {path: gzip.decompress(body) for path, body in gzipped.items()} == {
        path + ".gz": body for path, body in expected.items() if path + ".gz" in gzipped
    }
    assert _tree(out).keys() - gzipped.keys() == expected.keys()
    assert all(_tree(out)[path] == body for path, body in expected.items())
    assert "index.html" in _tree(out)


def test_build_replaces_the_old_export_whole(tmp_path, geneva):
    out = tmp_path / "site"
    assert run("build", str(out), "--data", str(geneva.parent)).returncode == 0
    assert (out / MARKER).exists()
    (out / "stale.ics").write_text("old")
    assert run("build", str(out), "--data", str(geneva.parent)).returncode == 0
    assert not (out / "stale.ics").exists()
    assert (out / "fr/geneva-test/event/mon-pm.ics").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (".", "{cwd} holds {cwd}; choose a folder of its own for the export"),
        ("..", "{parent} holds {cwd}; choose a folder of its own for the export"),
        ("data", "{cwd}/data holds {cwd}/data; choose a folder of its own for the export"),
        (
            "notes",
            "{cwd}/notes is not empty and was not written by feeds build; remove it or "
            "choose another folder",
        ),
    ],
)
def test_build_never_replaces_a_folder_it_did_not_write(tmp_path, geneva, target, message):
    cwd = geneva.parent.parent
    (cwd / "notes").mkdir()
    (cwd / "notes" / "minutes.txt").write_text("precious")
    before = sorted(str(p) for p in cwd.rglob("*"))
    result = run("build", target, "--data", "data", cwd=cwd)
    assert result.returncode == 1
    assert result.stderr == "Error: " + message.format(cwd=cwd, parent=cwd.parent) + "\n"
    assert sorted(str(p) for p in cwd.rglob("*")) == before


def test_build_with_invalid_data_leaves_the_export_untouched(tmp_path, geneva):
    out = tmp_path / "site"
    assert run("build", str(out), "--data", str(geneva.parent)).returncode == 0
    before = _tree(out)
    geneva.write_text(geneva.read_text().replace("start: 15:00", "start: 12:00"))
    result = run("build", str(out), "--data", str(geneva.parent))
    assert result.returncode == 1
    assert "days[2].blocks: 'mon-pm' (12:00-18:00) overlaps 'mon-am' (10:00-13:00)" in result.stderr
    assert _tree(out) == before


def test_build_leaves_no_work_folder_and_cleans_those_of_killed_builds(tmp_path, geneva):
    out = tmp_path / "site"
    killed = tmp_path / ".site.build-999999999"
    killed.mkdir()
    (killed / "half.ics").write_text("half")
    cat = catalog.load([geneva.parent])
    assert export(cat, out) == sum(1 for path in out.rglob("*") if path.is_file())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]


def test_build_refuses_a_file_in_the_way(tmp_path, geneva):
    (tmp_path / "site").write_text("not a folder")
    result = run("build", "site", "--data", str(geneva.parent), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == f"Error: {tmp_path / 'site'} exists and is not a folder\n"


def test_build_with_a_base_url_makes_programme_json_links_absolute(tmp_path, geneva):
    out = tmp_path / "site"
    assert (
        run(
            "build",
            str(out),
            "--data",
            str(geneva.parent),
            "--base-url",
            "https://feeds.example.org/",
        ).returncode
        == 0
    )
    text = (out / "en/geneva-test/programme.json").read_text()
    assert '"feed":"https://feeds.example.org/en/geneva-test/event/thu-am.ics"' in text


def test_stamp_and_check_report_pending_edits(geneva):
    runner = CliRunner()
    result = runner.invoke(cli, ["check", str(geneva)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"{geneva}: edits not yet recorded in geneva.revisions.json: "
        "meeting-level fields, thu-am, mon-am, mon-pm, tue-night; run `feeds stamp` and "
        "commit it\n"
    )
    assert runner.invoke(cli, ["stamp", str(geneva)]).exit_code == 0
    assert runner.invoke(cli, ["check", str(geneva)]).stderr == ""


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            '"thu-am": {"digest": "sha256:' + "0" * 64 + '", "sequence": "two",',
            "2: blocks.thu-am.sequence: expected a whole number",
        ),
        (
            '"thu-am": {"digest": "sha256:' + "0" * 64 + '", "sequence": "²",',
            "2: blocks.thu-am.sequence: expected a whole number",
        ),
        (
            '"thu-am": {"digest": "md5:0", "sequence": 1,',
            "2: blocks.thu-am.digest: expected sha256:...",
        ),
        ('[1]: {"digest": "sha256:0", "sequence": 1,', "2: blocks: expected block ids as keys"),
    ],
)
def test_a_corrupt_revisions_file_is_reported_with_its_line(geneva, content, problem):
    ledger = geneva.with_name("geneva.revisions.json")
    ledger.write_text(
        '{"meeting": "geneva-test", "blocks": {\n  '
        + content
        + '\n             "modified": "2024-01-01T00:00:00Z"}}}\n'
    )
    result = run("check", str(geneva))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"{ledger}:{problem}"


def test_a_revisions_file_of_another_meeting(geneva):
    ledger = geneva.with_name("geneva.revisions.json")
    ledger.write_text('{"meeting": "other", "blocks": {}}\n')
    result = run("check", str(geneva))
    assert result.stderr.splitlines()[0] == (
        f"{ledger}:1: meeting: is the revisions file of 'other', not of 'geneva-test'"
    )


def test_progress_is_shown_only_on_a_terminal(tmp_path, geneva):
    result = run("build", str(tmp_path / "site"), "--data", str(geneva.parent))
    assert result.stderr == ""
    env = {**os.environ, "TERM": "dumb"}
    script = subprocess.run(
        [
            "script",
            "-qec",
            f"{sys.executable} -m feeds build {tmp_path / 'site2'} --data {geneva.parent}",
            "/dev/null",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert script.returncode == 0, script.stderr
    assert "Writing" in script.stdout


def test_check_outside_the_project_says_which_folder_is_missing_and_what_to_do(tmp_path):
    for command in ("check", "stamp"):
        result = run(command, cwd=tmp_path)
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr == (
            "data: (folder): does not exist here; give the programme files or folders to read, "
            "or run feeds in the project's folder\n"
            "1 problem in 1 file\n"
        )
    result = run("check", "programmes", "meeting.yml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "programmes: (folder): does not exist\n"
        "meeting.yml: (file): does not exist\n"
        "2 problems in 2 files\n"
    )
