"""iCalendar content lines, written directly: escaping, folding, dates.

The feeds are written here rather than through the icalendar library's
objects, which cost many times more per event; `tests/test_icsformat.py`
proves the bytes equal to what the icalendar library writes for the same
values, and the client tests read them with ical.js, ical and vobject.
"""

from __future__ import annotations

from datetime import datetime

LIMIT = 75  # a line holds fewer octets than this, or this many with its leading space
CRLF = b"\r\n"


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: bytes) -> bytes:
    """A content line folded into lines of at most 75 octets, CRLF-terminated.

    A fold never falls inside a UTF-8 character, nor right after a backslash
    (or a caret, for parameter values), so no escape is split across lines.
    """
    if len(line) < LIMIT:
        return line + CRLF
    parts = []
    start = 0
    while len(line) - start >= LIMIT:
        cut = start + LIMIT - 1
        while line[cut] & 0xC0 == 0x80:  # not inside a multi-byte character
            cut -= 1
        last = _last_char_start(line, cut)
        if line[last] in b"\\^" and last > start:
            cut = last
        parts.append(line[start:cut])  # a continuation line is a space, then as many octets
        start = cut
    parts.append(line[start:])
    return b"\r\n ".join(parts) + CRLF


def _last_char_start(line: bytes, cut: int) -> int:
    index = cut - 1
    while line[index] & 0xC0 == 0x80:
        index -= 1
    return index


def text_line(name: str, value: str, params: str = "") -> bytes:
    return fold(f"{name}{params}:{escape(value)}".encode())


def raw_line(name: str, value: str, params: str = "") -> bytes:
    return fold(f"{name}{params}:{value}".encode())


def utc(moment: datetime) -> str:
    """`20220328T140000Z` (the moment must be in UTC)."""
    return moment.strftime("%Y%m%dT%H%M%SZ")


def local(moment: datetime) -> str:
    """`20220328T100000`, a wall-clock time."""
    return moment.strftime("%Y%m%dT%H%M%S")
