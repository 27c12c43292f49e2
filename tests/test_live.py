"""The server and `feeds check` see the same files, and the server says honestly how it is."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from feeds import catalog
from feeds.web import create_app

FEED = "/en/oewg-ict-s2/all.ics"


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def _check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "feeds", "check", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _app(folder: Path):
    """The app once its first load ended (before, it answers from single files:
    tests/test_starting.py)."""
    app = create_app({"DATA": str(folder), "TESTING": True, "RELOAD_INTERVAL": 0})
    app.extensions["feeds"].whole(60)
    return app, app.test_client()


def _health(client) -> dict:
    return json.loads(client.get("/healthz").data)


def test_hidden_and_lock_files_are_skipped_by_both(data):
    (data / ".#oewg-ict-s2.yaml").symlink_to("root@host.1234:1700000000")  # an editor's lock
    (data / ".draft.yaml").write_text("not: [a programme")
    (data / "#autosave.yaml").write_text("not: [a programme")
    assert _check(data).returncode == 0
    app, client = _app(data)
    assert _health(client)["status"] == "ok"
    (data / ".other.yaml").write_text("meeting: {}\n")  # a change to the folder, skipped too
    programme = data / "oewg-ict-s2.yaml"
    programme.write_text(programme.read_text().replace("end: 13:00", "end: 12:45", 1))
    assert app.extensions["feeds"].wait_for_generation(2, timeout=20)
    assert _health(client)["status"] == "ok" and _health(client)["problems"] == 0


def test_a_link_to_nothing_is_a_problem_for_both(data):
    (data / "gone.yaml").symlink_to(data / "nowhere.yaml")
    result = _check(data)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{data / 'gone.yaml'}:1: (file): cannot be read: No such file or directory"
    )
    _, client = _app(data)
    health = _health(client)
    assert health["loaded"] is False
    assert health["files_with_problems"] == {"gone.yaml": 1}


def test_an_edit_after_a_link_to_nothing_is_removed_is_served(data):
    app, client = _app(data)
    live = app.extensions["feeds"]
    (data / "gone.yaml").symlink_to(data / "nowhere.yaml")
    client.get("/healthz")
    for _ in range(100):
        if _health(client)["problems"]:
            break
        live.wait_for_generation(99, timeout=0.05)
    assert _health(client)["files_with_problems"] == {"gone.yaml": 1}
    (data / "gone.yaml").unlink()
    programme = data / "oewg-ict-s2.yaml"
    programme.write_text(programme.read_text().replace("end: 13:00", "end: 12:45", 1))
    assert live.wait_for_generation(2, timeout=20)
    assert _health(client)["status"] == "ok"


def test_a_change_of_permissions_alone_is_noticed(data):
    app, _client = _app(data)
    (data / "oewg-ict-s2.yaml").chmod(0o600)  # same time, size and inode
    assert app.extensions["feeds"].wait_for_generation(2, timeout=20)


def test_public_health_shows_no_file_content(data, tmp_path, caplog):
    secret = tmp_path / "secret"
    secret.write_text("root:x:0:0:the-first-line-of-a-private-file\n")
    (data / "x.yaml").symlink_to(secret)
    _, client = _app(data)
    body = client.get("/healthz").data.decode()
    assert "first-line" not in body and str(tmp_path) not in body
    assert json.loads(body)["files_with_problems"] == {"x.yaml": 1}
    assert any("first-line" in record.getMessage() for record in caplog.records)


def test_a_fault_while_reloading_is_a_problem_not_ok(data, monkeypatch):
    app, client = _app(data)
    live = app.extensions["feeds"]

    def fails(*_args, **_kwargs):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(catalog, "load", fails)
    programme = data / "oewg-ict-s2.yaml"
    programme.write_text(programme.read_text().replace("end: 13:00", "end: 12:45", 1))
    client.get("/healthz")
    for _ in range(400):
        if _health(client)["problems"]:
            break
        live.wait_for_generation(99, timeout=0.05)
    health = _health(client)
    assert health["status"] == "degraded" and health["problems"] == 1
    assert client.get(FEED).status_code == 200  # the last good version


def test_health_and_the_log_stay_small_however_many_problems(tmp_path, caplog):
    folder = tmp_path / "data"
    folder.mkdir()
    for index in range(40):
        (folder / f"m{index:02d}.yaml").write_text("meeting: {}\n")  # 11 problems each
    _, client = _app(folder)
    health = _health(client)
    assert health["problems"] == 40 * 11
    assert len(health["files_with_problems"]) == 20
    assert len(client.get("/healthz").data) < 2_000
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert len(errors) == 50 + 2  # the first 50, how many more, and what is served
    assert errors[50] == "... and 390 more problems"
