"""A PDF's text as lines laid out the way `pdftotext -layout` lays them out, in logical order.

PDFium (through pypdfium2) gives each character with its position. Characters on one
baseline make a line; a gap of about two spaces or more starts another run of text (a column
of the programme table, the masthead's right-hand side); each run is put at the column where
it stands on the page, counted in half-ems from the left margin, or from the right margin in a
document written right to left (Arabic). The reader relies on these columns, as it does on
those of `pdftotext -layout`.

Arabic is kept in logical order: a PDF draws it in visual order, right to left, so a run that
holds Arabic is read from right to left, and within it the digits and Latin words, which are
drawn left to right, are read back in their own order. Presentation forms are folded to the
letters they show.
"""

from __future__ import annotations

import ctypes
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pypdfium2
import pypdfium2.raw as pdfium_c

#: `%PDF-` may follow other bytes within the first kilobyte (as PDF readers accept).
MAGIC = b"%PDF-"
MAGIC_WITHIN = 1024

_PASSWORD = 4  # FPDF_ERR_PASSWORD
_RIGHT_TO_LEFT = ("R", "AL")
_LEFT_TO_RIGHT = ("L", "EN", "AN")
# Arabic presentation forms A and B: shapes, not letters; NFKC gives the letters.
_PRESENTATION_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
# Gaps, in ems of the font: a space between words, a column between runs.
_WORD_GAP = 0.12
_RUN_GAP = 0.75
# The width of one column of the layout, in ems.
_COLUMN = 0.5


#: A programme of work has tens of thousands of characters; this is a hundred times more.
MAX_CHARACTERS = 4_000_000


class PdfError(Exception):
    """The PDF cannot be read as text; the message says why, in one line."""


def is_pdf(head: bytes) -> bool:
    """Whether bytes that start a file are those of a PDF."""
    return MAGIC in head[:MAGIC_WITHIN]


@dataclass(frozen=True)
class _Char:
    text: str  # more than one character for a ligature
    left: float
    right: float
    baseline: float
    size: float
    order: int = 0  # PDFium's index on the page


@dataclass
class _Run:
    chars: list[_Char]

    @property
    def left(self) -> float:
        return self.chars[0].left

    @property
    def right(self) -> float:
        return max(c.right for c in self.chars)


def layout_text(data: bytes) -> list[str]:
    """The lines of the PDF `data`, every page in turn.

    PdfError for an encrypted PDF, a damaged one, one with no text (a scan), and one with
    more than MAX_CHARACTERS.
    """
    damaged = "is a PDF that cannot be read (damaged?)"
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if getattr(error, "err_code", None) == _PASSWORD:
            raise PdfError(
                "is an encrypted PDF; save it without a password, or give its text"
            ) from None
        raise PdfError(damaged) from None
    pages: list[list[_Char]] = []
    count = 0
    try:
        for index in range(len(document)):
            pages.append(list(_page_chars(document, index)))
            count += len(pages[-1])
            if count > MAX_CHARACTERS:
                raise PdfError(
                    f"has more text than a programme of work (at most {MAX_CHARACTERS:,} "
                    "characters)"
                )
    except pypdfium2.PdfiumError:
        raise PdfError(damaged) from None
    finally:
        document.close()
    chars = [c for page in pages for c in page]
    if not any(c.text.strip() for c in chars):
        raise PdfError(
            "is a PDF with no text layer (a scanned image?); "
            "run OCR on it first (for example with ocrmypdf), or give its text"
        )
    right_to_left = _mostly_right_to_left(chars)
    left = min(c.left for c in chars)
    right = max(c.right for c in chars)
    lines: list[str] = []
    for page in pages:
        previous: float | None = None
        for baseline, line in _lines(page):
            size = max(c.size for c in line)
            if previous is not None and previous - baseline > 2.2 * size:
                lines.append("")
            previous = baseline
            runs = _runs(line)
            if right_to_left:
                runs.sort(key=lambda run: -run.right)
                starts = [round((right - run.right) / (size * _COLUMN)) for run in runs]
            else:
                starts = [round((run.left - left) / (size * _COLUMN)) for run in runs]
            text = ""
            for start, run in zip(starts, runs, strict=True):
                gap = 2 if text else 0
                text += " " * max(start - len(text), gap) + _logical(run.chars)
            lines.append(text.rstrip())
    return lines


def _page_chars(document: pypdfium2.PdfDocument, index: int) -> Iterator[_Char]:
    """The characters PDFium finds on a page, without those it makes up (spaces, line ends)."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        x, y = ctypes.c_double(), ctypes.c_double()
        box = pdfium_c.FS_RECTF()
        for i in range(pdfium_c.FPDFText_CountChars(handle)):
            if pdfium_c.FPDFText_IsGenerated(handle, i) == 1:
                continue
            code = pdfium_c.FPDFText_GetUnicode(handle, i)
            if code < 0x20 or not 0 < code < 0x110000 or 0xD800 <= code < 0xE000:
                continue
            pdfium_c.FPDFText_GetCharOrigin(handle, i, x, y)
            # The loose box spans the glyph's advance: letters of a word touch, spaces do not.
            pdfium_c.FPDFText_GetLooseCharBox(handle, i, box)
            size = pdfium_c.FPDFText_GetFontSize(handle, i) or 10.0
            text = chr(code)
            if any(low <= code <= high for low, high in _PRESENTATION_FORMS):
                text = unicodedata.normalize("NFKC", text)
            yield _Char(text, box.left, max(box.right, box.left), y.value, size, i)
    finally:
        textpage.close()
        page.close()


def _mostly_right_to_left(chars: list[_Char]) -> bool:
    """Whether most letters are of a script written right to left."""
    kinds = [unicodedata.bidirectional(c.text[0]) for c in chars if c.text.strip()]
    rtl = sum(1 for kind in kinds if kind in _RIGHT_TO_LEFT)
    ltr = sum(1 for kind in kinds if kind == "L")
    return rtl > ltr


def _lines(chars: list[_Char]) -> Iterator[tuple[float, list[_Char]]]:
    """The characters of a page by line, top first, each line's from left to right.

    Characters that share a glyph (a ligature, such as Arabic lam-alef) are one, in the
    order PDFium gives them, which is the order they are read.
    """
    line: list[_Char] = []
    baseline = 0.0
    for char in sorted(chars, key=lambda c: -c.baseline):
        if line and baseline - char.baseline > 0.4 * char.size:
            yield baseline, _glyphs(line)
            line = []
        if not line:
            baseline = char.baseline
        line.append(char)
    if line:
        yield baseline, _glyphs(line)


def _glyphs(line: list[_Char]) -> list[_Char]:
    """The characters of a line from left to right, those at one place joined."""
    glyphs: list[_Char] = []
    for char in sorted(line, key=lambda c: (c.left, c.order)):
        last = glyphs[-1] if glyphs else None
        if last and abs(char.left - last.left) < 0.01 and char.text.strip():
            glyphs[-1] = replace(
                last, text=last.text + char.text, right=max(last.right, char.right)
            )
        else:
            glyphs.append(char)
    return glyphs


def _runs(line: list[_Char]) -> list[_Run]:
    """A line's runs of text, split where a gap is wider than a few spaces, left to right."""
    runs: list[_Run] = []
    edge = 0.0  # the right end of the last run so far
    for char in line:
        if not char.text.strip():
            # A space glyph only widens the gap it stands in.
            continue
        gap = char.left - edge
        if runs and gap <= _RUN_GAP * char.size:
            if gap > _WORD_GAP * char.size:
                runs[-1].chars.append(_Char(" ", edge, char.left, char.baseline, char.size))
            runs[-1].chars.append(char)
            edge = max(edge, char.right)
        else:
            runs.append(_Run([char]))
            edge = char.right
    return runs


def _logical(chars: list[_Char]) -> str:
    """The text of a run drawn left to right, in the order it is read.

    A run with a letter written right to left is read from its right end; the stretches
    within it that are drawn left to right are turned back (see `_turned`).
    """
    texts = [c.text for c in chars]
    if not any(_kind(t) in _RIGHT_TO_LEFT for t in texts):
        return "".join(texts)
    texts.reverse()
    result: list[str] = []
    before = "R"  # the paragraph's own direction stands before its first letter
    start = 0
    for index, text in enumerate([*texts, ""]):
        if text and _kind(text) not in _RIGHT_TO_LEFT:
            continue
        result.extend(_turned(texts[start:index], arabic=before == "AL"))
        if text:
            result.append(text)
            before = _kind(text)
        start = index + 1
    return "".join(result)


def _kind(text: str) -> str:
    return unicodedata.bidirectional(text[0])


def _turned(texts: list[str], arabic: bool) -> list[str]:
    """Text between two right-to-left letters, read right to left, in logical order.

    The Unicode bidirectional algorithm draws Latin words and numbers in such text left to
    right, each stretch of them as one, and leaves spaces and punctuation around them where
    they stand. A stretch is Latin words with what stands between them, and the numbers that
    follow them; after an Arabic letter, numbers are Arabic numbers, each of which joins only
    across a single comma, full stop, colon or slash (so `13-15` is drawn `15-13`).
    Reading the page back cannot tell every case apart (`ISO 9001` from `9001 ISO`); this
    reads them as UN documents write them.
    """
    strong = [i for i, t in enumerate(texts) if _kind(t) in _LEFT_TO_RIGHT]
    if not strong:
        return texts
    first, last = strong[0], strong[-1] + 1
    words: list[list[str]] = [[]]
    for text in texts[first:last]:
        if (_kind(text) == "WS") != (bool(words[-1]) and _kind(words[-1][0]) == "WS"):
            words.append([])
        words[-1].append(text)
    words = [word for word in words if word]
    middle: list[str] = []
    stretch: list[str] = []  # the stretch being read, as drawn (reversed)
    for index, word in enumerate(words):
        if _kind(word[0]) == "WS":
            latin_before = any(_kind(t) == "L" for t in words[index - 1])
            latin_after = any(_kind(t) == "L" for t in words[index + 1])
            if latin_before or latin_after:
                stretch.extend(word)
            else:
                middle.extend(reversed(stretch))
                middle.extend(word)
                stretch = []
        elif any(_kind(t) == "L" for t in word) or not arabic:
            stretch.extend(word)
        else:
            for piece, is_number in _arabic_numbers(word):
                if is_number:
                    stretch.extend(piece)
                else:
                    middle.extend(reversed(stretch))
                    middle.extend(piece)
                    stretch = []
    middle.extend(reversed(stretch))
    return texts[:first] + middle + texts[last:]


def _arabic_numbers(word: list[str]) -> list[tuple[list[str], bool]]:
    """A word of digits and punctuation after Arabic: its numbers, and what stands between them."""
    pieces: list[tuple[list[str], bool]] = []
    for index, text in enumerate(word):
        number = _kind(text) in ("EN", "AN") or (
            _kind(text) == "CS"
            and 0 < index < len(word) - 1
            and _kind(word[index - 1]) in ("EN", "AN")
            and _kind(word[index + 1]) in ("EN", "AN")
        )
        if pieces and pieces[-1][1] == number:
            pieces[-1][0].append(text)
        else:
            pieces.append(([text], number))
    return pieces
