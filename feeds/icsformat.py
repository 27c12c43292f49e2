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

    A fold never falls inside a UTF-8 character, nor inside an escape: not
    between a backslash and the character it escapes (`\\\\`, `\\n`, `\\,`), nor,
    for parameter values, between a caret and the character it escapes (`^^`, `^n`).
    """
    if len(line) < LIMIT:
        return line + CRLF
    parts = []
    start = 0
    while len(line) - start >= LIMIT:
        cut = start + LIMIT - 1
        while line[cut] & 0xC0 == 0x80:  # not inside a multi-byte character
            cut -= 1
        if _inside_escape(line, cut) and cut - 1 > start:
            cut -= 1  # before the escape character, which goes on with what it escapes
        parts.append(line[start:cut])  # a continuation line is a space, then as many octets
        start = cut
    parts.append(line[start:])
    return b"\r\n ".join(parts) + CRLF


def _inside_escape(line: bytes, cut: int) -> bool:
    """Whether `cut` falls right after an escape character that begins a pair.

    Escape characters pair up from the start of their run: after an even run
    (`\\\\`, one escaped backslash) a cut is between pairs; after an odd one it
    would part the run's last character from the character it escapes.
    """
    escape = line[cut - 1]
    if escape not in b"\\^":
        return False
    run = 0
    while cut - 1 - run >= 0 and line[cut - 1 - run] == escape:
        run += 1
    return run % 2 == 1


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
