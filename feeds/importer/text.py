"""A document's lines as read (UTF-8 text, or a PDF's text laid out), and its text without the
spaces PDF extraction scatters in it.

Nothing here knows a language's words; it knows only that Chinese, Japanese and Korean
characters are written without spaces between them.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import pdf

# Characters written without spaces between them: CJK punctuation, ideographs, full-width forms.
CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_CHARACTER = re.compile(rf"[{CJK}]")
_CJK_GAP = re.compile(rf"(?<=[{CJK}]) +(?=[{CJK}])")

#: A programme of work's text is tens of kilobytes; this is a hundred times more.
MAX_BYTES = 4 * 1024 * 1024
_LIMIT = f"at most {MAX_BYTES // 1024 // 1024} MiB"


class DocumentError(Exception):
    """The document cannot be read as a programme of work."""

    def __init__(self, document: str, line: int | None, message: str):
        where = f"{document}:{line}" if line else document
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Line:
    """One line of the document, as written and in the forms the reader matches."""

    number: int
    raw: str
    text: str  # stripped, runs of spaces collapsed, spaces between CJK characters removed
    norm: str  # for matching only: full-width forms folded to ASCII
    indent: int


def is_cjk(character: str) -> bool:
    """Whether `character` is one of those written without spaces between them."""
    return bool(_CJK_CHARACTER.match(character))


def clean(text: str) -> str:
    """Text as written, without the spaces PDF extraction scatters in it."""
    text = re.sub(r"[ \u00a0\u3000\t]+", " ", text).strip()
    return _CJK_GAP.sub("", text)


def fold(text: str) -> str:
    """Text for matching: full-width letters, digits and punctuation as ASCII."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def read_lines(path: Path) -> list[Line]:
    """The lines of the UTF-8 text or the PDF at `path`, or DocumentError saying why not.

    A PDF (known by `%PDF-` at its start, whatever its name) is read as `pdftotext -layout`
    lays it out (see `pdf`); DocumentError when it is encrypted, damaged or has no text.
    For text, DocumentError at the first byte that is not UTF-8. DocumentError, before
    reading it, for a file of more than MAX_BYTES, and after MAX_BYTES for a stream that
    goes on. OSError when the file cannot be read.
    """
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_BYTES:
            raise DocumentError(
                str(path),
                None,
                f"{size:,} bytes is too large for a programme of work's text ({_LIMIT})",
            )
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise DocumentError(str(path), None, f"too large for a programme of work's text ({_LIMIT})")
    if pdf.is_pdf(raw):
        try:
            return _lines(pdf.layout_text(raw))
        except pdf.PdfError as error:
            raise DocumentError(str(path), None, str(error)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise DocumentError(
            str(path), line, "not UTF-8 text; extract the PDF's text as UTF-8"
        ) from None
    return _lines(text.splitlines())


def _lines(texts: list[str]) -> list[Line]:
    lines = []
    for number, raw_line in enumerate(texts, start=1):
        expanded = raw_line.replace("\t", "    ").replace("\u3000", "  ")
        indent = len(expanded) - len(expanded.lstrip(" \u00a0"))
        lines.append(Line(number, raw_line, clean(raw_line), fold(raw_line), indent))
    return lines


def join(previous: str, following: str) -> str:
    """Two parts of a wrapped line, joined as the document's script wants.

    Chinese joins without a space, but keeps the space UN Chinese typography
    puts between Chinese and Latin letters or digits (`于 2021 年`); English
    joins with a space, except after a hyphen inside a word or an address.
    """
    if not previous:
        return following
    if not following:
        return previous
    last, first = previous[-1], following[0]
    if previous.endswith("-") and (
        "http" in previous.rsplit(" ", 1)[-1] or re.search(r"\w-$", previous)
    ):
        return previous + following
    if is_cjk(last) and is_cjk(first):
        return previous + following
    if (is_cjk(last) and first.isascii() and first.isalnum()) or (
        is_cjk(first) and last.isascii() and last.isalnum()
    ):
        return f"{previous} {following}"
    if is_cjk(last) or is_cjk(first):
        return previous + following
    return f"{previous} {following}"


def as_written_after(line: Line, consumed: int) -> str:
    """The text of `line` after the first `consumed` characters of its folded form, as written."""
    folded_prefix = line.norm[:consumed]
    # Walk the cleaned text until its folded form covers the matched prefix.
    text = line.text
    for cut in range(len(text) + 1):
        if fold(text[:cut]).rstrip() == folded_prefix.rstrip():
            return clean(text[cut:])
    return clean(fold(text)[consumed:])


def strip_suffix(text: str, pattern: re.Pattern[str]) -> str:
    """`text` without a suffix that `pattern` finds in its folded form."""
    for cut in range(len(text), -1, -1):
        if pattern.search(fold(text[cut:])) and fold(text[cut:]).strip():
            return text[:cut].rstrip()
    return text
