"""Broken and hostile programme files: file:line problems and status 1, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, ROOT
from feeds import catalog
from feeds.load import ProgrammeError, load_file
from generate import meeting as synthetic_meeting

BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))
GENEVA = (FIXTURES / "geneva.yaml").read_text(encoding="utf-8").splitlines()
NOISE = [
    "",
    "  ",
    "- ",
    ":",
    "{",
    "}",
    "[",
    "]",
    "&a",
    "*a",
    "!!str",
    "!tag",
    "~",
    "null",
    "start: 25:00",
    "end: 1 pm",
    "  - item: 99",
    "date: 2024-02-30",
    "id: Bad Id",
    "\t",
    "    fr: ",
    "continued: maybe",
    "minutes: -1",
    "timezone: Mars/Base",
    "---",
    "'",
    '"\\u0000"',
    "status: draft",
]


@pytest.mark.parametrize("path", BROKEN, ids=[p.name for p in BROKEN])
def test_each_broken_file_gets_its_problem_and_status_1(path):
    expected = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    expected = expected.split("# expect: ", 1)[1]
    result = subprocess.run(
        [sys.executable, "-m", "feeds", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"{path}:{expected.split(':', 1)[1]}"


def _problems_or_meeting(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            catalog.load([path])
        except ProgrammeError as error:
            assert error.problems
            for problem in error.problems:
                assert str(problem).startswith(f"{path}:") or str(problem).startswith(
                    f"{path.with_suffix('.revisions.json')}"
                )
                assert problem.field and problem.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(GENEVA)), st.sampled_from(["drop", "insert"]), st.sampled_from(NOISE)
        ),
        min_size=1,
        max_size=6,
    )
)
def test_damaged_programmes_get_problems_never_a_crash(edits):
    lines = list(GENEVA)
    for position, action, noise in edits:
        position = min(position, len(lines))
        if action == "drop" and position < len(lines):
            del lines[position]
        else:
            lines.insert(position, noise)
    _problems_or_meeting("\n".join(lines))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_at_all(text):
    _problems_or_meeting(text)


@settings(max_examples=25, deadline=None)
@given(
    index=st.integers(1, 10**6),
    days=st.integers(1, 12),
    blocks=st.integers(1, 4),
    languages=st.sampled_from([["zh", "en"], ["en"], ["fr", "en", "es"], ["ar", "ru"]]),
)
def test_valid_programmes_never_get_a_problem(index, days, blocks, languages):
    import yaml

    content = synthetic_meeting(index, days, blocks, languages, seed=7)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.yaml"
        path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        meeting = load_file(path)
        assert len(meeting.blocks) == days * blocks
