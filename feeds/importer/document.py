"""Programme-of-work documents (their text, as extracted from the PDF) into a programme file:
one document, or the language versions of one programme merged into one file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .. import zones
from .languages import ANY_LANGUAGE, BY_CODE
from .merge import Version, check, heading_line
from .reader import read_document
from .text import DocumentError, read_lines
from .writer import Imported, programme


def import_document(
    path: Path,
    timezone: str | None = None,
    meeting_id: str | None = None,
    lang: str | None = None,
) -> Imported:
    """The programme in a document, or DocumentError saying which line stopped it.

    `timezone` (an IANA name) replaces the one known for the meeting's city,
    `meeting_id` the id made from the body's name and the session, and `lang` (a language
    code) the language found from the document's text.
    """
    return import_documents([path], timezone, meeting_id, lang=lang)


def import_documents(
    paths: Sequence[Path],
    timezone: str | None = None,
    meeting_id: str | None = None,
    source: str | None = None,
    lang: str | None = None,
) -> Imported:
    """The programme in the language versions `paths` of one document, every language in
    one file; DocumentError saying which line stopped it, or where two versions differ.

    The version in the language `source` (default: the first) is the source, the others
    its official translations. `timezone`, `meeting_id` and `lang` (which holds for every
    version) as for `import_document`.
    """
    if lang is not None and lang not in BY_CODE:
        raise DocumentError(
            ", ".join(str(path) for path in paths),
            None,
            f"no table for the language '{lang}' (known: {', '.join(sorted(BY_CODE))})",
        )
    versions = [_read(path, lang) for path in paths]
    if source is not None:
        chosen = [v for v in versions if v.document.language.code == source]
        if not chosen:
            names = ", ".join(f"{v.name} is in {v.document.language.code}" for v in versions)
            raise DocumentError(
                ", ".join(v.name for v in versions), None, f"none is in {source} ({names})"
            )
        versions = chosen[:1] + [v for v in versions if v is not chosen[0]]
    check(versions)
    zone = timezone or _zone(versions)
    if not zones.is_known(zone):
        raise DocumentError(versions[0].name, None, f"unknown time zone '{zone}'")
    return Imported(
        programme([v.document for v in versions], zone, meeting_id),
        [warning for v in versions for warning in v.document.warnings],
    )


def _read(path: Path, lang: str | None = None) -> Version:
    """One version: read, and its sessions checked against its own heading."""
    name = str(path)
    try:
        lines = read_lines(path)
    except OSError as error:
        raise DocumentError(name, None, f"cannot be read: {error.strerror}") from None
    if not any(line.text for line in lines):
        raise DocumentError(name, None, "is empty")
    document = read_document(name, lines, BY_CODE[lang] if lang is not None else None)
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
    return Version(name, lines, document)


def _zone(versions: list[Version]) -> str:
    """The time zone known for the meeting's city, which every version that names a known
    city must agree on; DocumentError if none is known or two differ."""
    found: list[tuple[Version, str]] = []
    for version in versions:
        city = version.document.heading.city
        zone = zones.CITY_ZONES.get(ANY_LANGUAGE.city_key(city))
        if zone is None:
            continue
        for earlier, earlier_zone in found:
            if earlier_zone != zone:
                raise DocumentError(
                    earlier.name,
                    heading_line(earlier),
                    f"the meeting is in {earlier.document.heading.city} ({earlier_zone}), "
                    f"but {version.name}:{heading_line(version)}: in {city} ({zone})",
                )
        found.append((version, zone))
    if not found:
        raise DocumentError(
            versions[0].name,
            None,
            f"no time zone known for '{versions[0].document.heading.city}'; give one "
            "with --timezone (an IANA name such as Europe/Zurich)",
        )
    return found[0][1]
