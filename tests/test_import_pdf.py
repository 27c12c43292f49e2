"""feeds import FILE.pdf: a PDF in the UN layout gives the programme its text gives.

The PDFs are made here from the text fixtures with WeasyPrint and Debian's Noto fonts
(bench/pdf_extract.py, which also measures the extraction libraries on them).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from feeds.importer import DocumentError, import_document
from feeds.importer.text import read_lines
from pdf_extract import make_pdf

SOURCES = sorted((FIXTURES / "import").glob("*.txt")) + sorted(
    (FIXTURES / "import" / "pdf").glob("*.txt")
)
LANGUAGES = {"zh", "en", "ar"}


def _language(source: Path) -> str:
    return source.stem.split("-")[0]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[Path, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    return {
        source: make_pdf(
            source.read_text(encoding="utf-8"), _language(source), folder / f"{source.stem}.pdf"
        )
        for source in SOURCES
    }


def _layout(text: str) -> tuple[bool, list[str]]:
    """What the reader takes from a line: whether it is indented, and its runs of text."""
    runs = [" ".join(run.split()) for run in re.split(r"\s{2,}", text.strip())]
    return text[:1].isspace(), runs


def test_the_tests_make_pdfs_in_chinese_english_and_arabic():
    assert {_language(source) for source in SOURCES} >= LANGUAGES


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_the_pdf_gives_the_lines_and_columns_of_its_text(pdfs, source):
    written = [
        _layout(line)
        for line in source.read_text(encoding="utf-8").replace("\u3000", "  ").splitlines()
        if line.strip()
    ]
    read = [_layout(line.raw) for line in read_lines(pdfs[source]) if line.text]
    assert read == written


def _outcome(document: Path, name: str) -> tuple[str, list[str]]:
    """The programme file a document gives (or its error), and its warnings without line numbers.

    A PDF has no blank lines where the text has them, so line numbers differ.
    """
    try:
        imported = import_document(document)
    except DocumentError as error:
        return re.sub(r"^\S+?(:\d+)?: ", "", str(error)), []
    warnings = [re.sub(r"^\S+?:\d+: ", "", warning) for warning in imported.warnings]
    return imported.yaml(name), warnings


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_importing_the_pdf_gives_the_programme_of_its_text(pdfs, source):
    assert _outcome(pdfs[source], "document") == _outcome(source, "document")


def test_an_arabic_pdf_is_imported(pdfs):
    source = FIXTURES / "import" / "pdf" / "ar-escwa-beirut.txt"
    imported = import_document(pdfs[source])
    assert "أيار" in imported.yaml("document")


def test_a_pdf_is_known_by_its_bytes_not_its_name(pdfs, tmp_path):
    source = FIXTURES / "import" / "en-escap-bangkok.txt"
    named_as_text = tmp_path / "programme.txt"
    named_as_text.write_bytes(pdfs[source].read_bytes())
    assert _outcome(named_as_text, "document") == _outcome(source, "document")


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file of these objects, with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


_PAGE = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
]
# A user password is needed: the empty one does not match /U.
_ENCRYPTED = _pdf(
    [*_PAGE, b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32)],
    b"/Encrypt 4 0 R /ID [<%s> <%s>] " % (b"33" * 16, b"33" * 16),
)
NO_TEXT = (
    "is a PDF with no text layer (a scanned image?); run OCR on it first (for example with "
    "ocrmypdf), or give its text"
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (_ENCRYPTED, "is an encrypted PDF; save it without a password, or give its text"),
        (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pa", "is a PDF that cannot be read (damaged?)"),
        (_pdf(_PAGE), NO_TEXT),
    ],
    ids=["encrypted", "damaged", "no-text"],
)
def test_a_pdf_it_cannot_read_gets_one_line_and_nothing_is_written(tmp_path, content, message):
    document = tmp_path / "x.pdf"
    document.write_bytes(content)
    with pytest.raises(DocumentError) as raised:
        import_document(document)
    assert str(raised.value) == f"{document}: {message}"
    out = tmp_path / "out.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "feeds", "import", str(document), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"Error: {document}: {message}\n",
    )
    assert list(tmp_path.iterdir()) == [document]


def test_a_scanned_pdf_made_of_an_image_is_told_to_need_ocr(tmp_path):
    import weasyprint

    document = tmp_path / "scan.pdf"
    weasyprint.HTML(string='<div style="width:10cm;height:5cm;background:#444"></div>').write_pdf(
        document
    )
    with pytest.raises(DocumentError) as raised:
        import_document(document)
    assert str(raised.value) == f"{document}: {NO_TEXT}"
