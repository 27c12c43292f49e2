"""Damaged documents: the importer answers with a result or a DocumentError, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from feeds.importer import DocumentError, import_document
from feeds.load import ProgrammeError, load_file

SEED_LINES = (FIXTURES / "oewg-ict-s2.source.txt").read_text(encoding="utf-8").splitlines()
NOISE = [
    "",
    " ",
    "上午 10 时至下午 1 时",
    "下午 25 时至 99 时",
    "3 月 32 日，星期一",
    "2/3",
    "13 月 1 日，星期五",
    "https://undocs.org/ch/A/1",
    "5. (续)",
    "(z) ",
    "(续)",
    "注：",
    "Monday, 28 March",
    "10 a.m.-1 p.m.",
    "noon-midnight",
    "\u3000（续）",
    "\x00",
    "\ufeff",
    "附件",
    "日期/时间 议程项目/方案",
    "*2203617*",
    "22-03617 (C)",
    "(15 分钟)",
    "Item 99",
]


def _check(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder) / "doc.txt"
        document.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            imported = import_document(document)
        except DocumentError as error:
            assert str(error).startswith(str(document))
            return
        output = Path(folder) / "out.yaml"
        output.write_text(imported.yaml("doc.txt"), encoding="utf-8")
        try:
            load_file(output)
        except ProgrammeError as error:
            assert error.problems


lines_edit = st.lists(
    st.tuples(
        st.integers(0, len(SEED_LINES)),
        st.sampled_from(["drop", "insert", "swap"]),
        st.sampled_from(NOISE),
    ),
    max_size=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines_edit)
def test_lines_dropped_inserted_or_swapped(edits):
    lines = list(SEED_LINES)
    for position, action, noise in edits:
        position = min(position, len(lines))
        if action == "drop" and position < len(lines):
            del lines[position]
        elif action == "insert":
            lines.insert(position, noise)
        elif action == "swap" and position + 1 < len(lines):
            lines[position], lines[position + 1] = lines[position + 1], lines[position]
    _check("\n".join(lines))


@settings(max_examples=100, deadline=None)
@given(st.integers(0, len("\n".join(SEED_LINES))), st.integers(1, 400))
def test_the_document_cut_short_or_cut_open(start, length):
    text = "\n".join(SEED_LINES)
    _check(text[:start])
    _check(text[:start] + text[start + length :])


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_at_all(text):
    _check(text.replace("\x00", ""))
