"""A programme-of-work document (its text, as extracted from the PDF) into a programme file."""

from __future__ import annotations

from pathlib import Path

from .. import zones
from .languages import ANY_LANGUAGE
from .reader import read_document
from .text import DocumentError, read_lines
from .writer import Imported, programme


def import_document(
    path: Path, timezone: str | None = None, meeting_id: str | None = None
) -> Imported:
    """The programme in a document, or DocumentError saying which line stopped it.

    `timezone` (an IANA name) replaces the one known for the meeting's city, and
    `meeting_id` the id made from the body's name and the session.
    """
    name = str(path)
    try:
        lines = read_lines(path)
    except OSError as error:
        raise DocumentError(name, None, f"cannot be read: {error.strerror}") from None
    if not any(line.text for line in lines):
        raise DocumentError(name, None, "is empty")
    document = read_document(name, lines)
    heading = document.heading
    for slot in document.slots:
        if not heading.start <= slot.day <= heading.end:
            raise DocumentError(
                name,
                slot.line,
                f"{slot.day} is outside the meeting's dates ({heading.start} to {heading.end})",
            )
        if slot.end <= slot.start:
            raise DocumentError(
                name,
                slot.line,
                f"the session ends ({slot.end:%H:%M}) before it starts ({slot.start:%H:%M})",
            )
    zone = timezone or zones.CITY_ZONES.get(ANY_LANGUAGE.city_key(heading.city))
    if zone is None:
        raise DocumentError(
            name,
            None,
            f"no time zone known for '{heading.city}'; give one "
            "with --timezone (an IANA name such as Europe/Zurich)",
        )
    if not zones.is_known(zone):
        raise DocumentError(name, None, f"unknown time zone '{zone}'")
    return Imported(programme(document, zone, meeting_id), document.warnings)
