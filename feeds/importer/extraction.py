"""What PDF extraction adds to a document's lines: page headers and footers, job numbers,
bar codes, document symbols, table headers repeated after a page break, links on lines of
their own."""

from __future__ import annotations

import re

from .languages import ANY_LANGUAGE
from .text import Line, fold

_LINK = re.compile(r"^https?://\S+$")
# Page numbers (2/3), job numbers (22-03617 (C)), bar codes (*2203617*), the date stamps
# beside a job number (201123) and document symbols (A/AC.292/2022/2), alone or together.
_FOOTER = re.compile(
    r"^(?:(?:\d{1,3} ?/ ?\d{1,3}|(?:[A-Z]{1,3}\.)?\d{2}-\d{4,6}(?: ?\([A-Z]\))?|\*\d{6,}\*|"
    r"\d{6}|[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+){1,6})\s*)+$"
)

_SYMBOL_FOOTNOTE = re.compile(r"^\*+ ?[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+){1,6}\s*[.。]?$")


def is_link(line: Line) -> bool:
    """Whether the line is an address alone, as a hyperlink comes out of a PDF."""
    return bool(_LINK.match(line.norm))


def is_boilerplate(line: Line) -> bool:
    """Whether the line is a letterhead or publishing phrase: "Distr.: General", "大会"."""
    return bool(ANY_LANGUAGE.boilerplate.match(line.norm))


def columns(line: Line) -> list[str]:
    """The line's text in the columns of a `pdftotext -layout` page: parts two spaces apart."""
    return [part for part in re.split(r"\s{2,}|\t|\u3000", line.raw.strip()) if part.strip()]


def is_masthead(line: Line) -> bool:
    """Whether the line is part of a document's masthead: the organization and organ, the
    symbol, the distribution, the date and the language lines, alone or side by side with
    others ("General Assembly        Distr.: Limited")."""
    if is_artifact(line) or is_boilerplate(line) or ANY_LANGUAGE.masthead_date(line.norm):
        return True
    parts = [fold(part) for part in columns(line)]
    return len(parts) > 1 and any(
        _FOOTER.match(part)
        or ANY_LANGUAGE.boilerplate.match(part)
        or ANY_LANGUAGE.masthead_date(part)
        for part in parts
    )


def is_artifact(line: Line) -> bool:
    """Whether PDF extraction added the line: page header or footer, job number, table
    header, link, or the footnote that gives the symbol of the agenda ("* A/AC.292/2022/1.")."""
    if (
        ANY_LANGUAGE.table_header.search(line.norm)
        or _LINK.match(line.norm)
        or _FOOTER.match(line.norm)
        or _SYMBOL_FOOTNOTE.match(line.norm)
    ):
        return True
    tokens = [fold(token) for token in re.split(r"\s{2,}", line.raw.strip()) if token]
    # A letterhead line: "United Nations        A/CN.9/WG.IV/WP.182".
    return len(tokens) > 1 and all(
        _FOOTER.match(token) or ANY_LANGUAGE.boilerplate.match(token) for token in tokens
    )
