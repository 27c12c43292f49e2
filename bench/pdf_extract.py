"""Measure PDF text extraction on programme-of-work PDFs in the UN layout.

    python3 bench/pdf_extract.py [--keep DIR] [TEXT ...]

The candidates besides pypdfium2 are not the project's dependencies: `pip install pdfminer.six
pdfplumber pypdf` and Debian's poppler-utils (pdftotext) to measure them too.
Makes a PDF from each text (by default the import fixtures, Chinese, English and Arabic) with
WeasyPrint and Debian's Noto fonts, every run of text at the column where the text has it, right
to left for Arabic lines, then extracts each PDF with every candidate and prints how many of the
text's non-blank lines come out equal (runs of spaces collapsed, as the importer compares them),
in order, how many of them also keep their layout (indented or not, and the same runs of text
between two or more spaces, which the importer reads as columns), and how long the extraction
took.
"""

from __future__ import annotations

import argparse
import difflib
import html
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"

#: The width, in ems, that one column of the text takes in the PDF.
COLUMN_EM = 0.5
RIGHT_TO_LEFT = {"ar"}
_RUN = re.compile(r"\S+(?: \S+)*")
_FONTS = {
    "zh": '"Noto Sans CJK SC", "Noto Sans", sans-serif',
    "en": '"Noto Sans", sans-serif',
    "ar": '"Noto Naskh Arabic", "Noto Sans", sans-serif',
}


def columns(text: str) -> int:
    """How many columns `text` takes, as pdftotext -layout counts them: wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def right_to_left(line: str) -> bool:
    """Whether the first letter of `line` is written right to left (Arabic, Hebrew)."""
    for character in line:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def layout_html(text: str, lang: str) -> str:
    """The text as an HTML page: each run of text at its column, one line per row, A4.

    A run is text between two or more spaces, so the two columns of the programme table
    (time, item and text) and the masthead's right-hand column are separate blocks in the PDF.
    An Arabic document's columns run from the right margin, and a run that starts with an
    Arabic letter is written right to left.
    """
    rows = []
    side = "right" if lang in RIGHT_TO_LEFT else "left"
    for line in text.replace("\u3000", "  ").splitlines():
        cells = "".join(
            f'<span style="{side}:{columns(line[: run.start()]) * COLUMN_EM}em" '
            f'dir="{"rtl" if right_to_left(run.group()) else "ltr"}">'
            f"{html.escape(run.group())}</span>"
            for run in _RUN.finditer(line)
        )
        rows.append(f"<div>{cells}</div>")
    direction = "rtl" if lang in RIGHT_TO_LEFT else "ltr"
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{direction}"><head><meta charset="utf-8">'
        "<style>@page { size: A4; margin: 20mm 15mm }"
        f"body {{ font-family: {_FONTS.get(lang, _FONTS['en'])}; font-size: 9.5pt }}"
        "div { position: relative; height: 1.4em; white-space: pre }"
        "span { position: absolute; top: 0 }"
        "</style></head><body>" + "\n".join(rows) + "</body></html>"
    )


def make_pdf(text: str, lang: str, target: Path) -> Path:
    """`text` laid out as a UN document in a PDF at `target` (WeasyPrint, Noto fonts)."""
    import weasyprint

    weasyprint.HTML(string=layout_html(text, lang)).write_pdf(target)
    return target


def _text(line: str) -> str:
    return " ".join(line.split())


def _layout(line: str) -> tuple[bool, tuple[str, ...]]:
    """What the reader takes from a line's layout: indented or not, and its runs of text."""
    runs = tuple(_text(run) for run in re.split(r"\s{2,}", line.strip()))
    return line[:1].isspace(), runs


def equal_lines(source: str, extracted: str, key: Callable[[str], object] = _text) -> int:
    """How many non-blank lines of `source` come out equal (as `key` has them), in order."""

    def lines(text: str) -> list[object]:
        return [key(line) for line in text.replace("\u3000", "  ").splitlines() if line.strip()]

    matcher = difflib.SequenceMatcher(None, lines(source), lines(extracted), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def _pdftotext(path: Path) -> str:
    run = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        check=True,
    )
    return run.stdout.decode()


def _pdfminer(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(path)


def _pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text(layout=True) or "" for page in pdf.pages)


def _pypdf(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    return "\n".join(page.extract_text(extraction_mode="layout") for page in reader.pages)


def _pypdfium2(path: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_bounded() for page in pdf)
    finally:
        pdf.close()


def _ours(path: Path) -> str:
    from feeds.importer import pdf

    return "\n".join(pdf.layout_text(path.read_bytes()))


CANDIDATES: dict[str, Callable[[Path], str]] = {
    "pdftotext -layout": _pdftotext,
    "pdfminer.six": _pdfminer,
    "pdfplumber layout": _pdfplumber,
    "pypdf layout": _pypdf,
    "pypdfium2": _pypdfium2,
    "feeds (pypdfium2)": _ours,
}


def sources(names: list[str]) -> list[Path]:
    """The texts to measure: those named, or the import fixtures and the PDF tests' sources."""
    if names:
        return [Path(name) for name in names]
    return sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "pdf").glob("*.txt"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="*")
    parser.add_argument("--keep", type=Path, help="write the PDFs into this folder")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    documents = []
    for source in sources(options.texts):
        text = source.read_text(encoding="utf-8")
        target = folder / f"{source.stem}.pdf"
        make_pdf(text, source.stem.split("-")[0], target)
        documents.append((source, text, target))
    names = [source.stem for source, _, _ in documents]
    width = max(len(name) for name in CANDIDATES)
    print("equal lines / same layout / lines of the text, per PDF")
    print(
        f"{'':{width}}  " + "  ".join(f"{name:>20}" for name in names) + "           total   time"
    )
    for name, extract in CANDIDATES.items():
        if name.startswith("pdftotext") and not shutil.which("pdftotext"):
            print(f"{name:{width}}  not installed (Debian's poppler-utils)")
            continue
        cells, equal, same, total, elapsed = [], 0, 0, 0, 0.0
        for _, text, target in documents:
            started = time.perf_counter()
            try:
                extracted = extract(target)
            except ImportError as error:
                print(f"{name:{width}}  not installed ({error.name})")
                break
            except Exception as error:  # a candidate that fails is a figure too
                extracted = ""
                print(f"{name}: {target.name}: {type(error).__name__}: {error}", file=sys.stderr)
            elapsed += time.perf_counter() - started
            lines = sum(1 for line in text.splitlines() if line.strip())
            found = equal_lines(text, extracted)
            kept = equal_lines(text, extracted, _layout)
            cells.append(f"{found:>3}/{kept:>3}/{lines:<3}")
            equal, same, total = equal + found, same + kept, total + lines
        else:
            print(
                f"{name:{width}}  "
                + "  ".join(f"{cell:>20}" for cell in cells)
                + f"  {equal:>4}/{same:>4}/{total:<4} {elapsed * 1000:5.0f} ms"
            )
    if options.keep is None:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
