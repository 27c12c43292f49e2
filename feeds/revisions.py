"""SEQUENCE and LAST-MODIFIED for every block and feed, without a clock at render time.

Beside each programme file lies its revisions file (`NAME.revisions.json`),
which records for every block a digest of what its events say, its sequence
number and when it last changed, and for the meeting-level content (the
meeting's own fields, its agenda, its days and which blocks they hold: all
but what the blocks' own digests cover) a digest and when it last changed.
`feeds stamp` writes it after an edit: an edited block gets the next sequence
number and the time of the stamp, edited meeting-level content the time of
the stamp.

Until the edit is stamped it is still published correctly, from the data
alone, so that every process and every machine renders the same bytes: an
edited block gets the next sequence number and, as its modification time, one
second after the newest time in the revisions file; so does edited
meeting-level content. A feed's or page's Last-Modified is the newest time of
its blocks and of the meeting-level content, so that every edit moves it.

    {
      "meeting": "geneva-test",
      "meeting_level": {"digest": "sha256:...", "modified": "2024-01-10T09:00:00Z"},
      "blocks": {"mon-am": {"digest": "sha256:...", "sequence": 0, "modified": "..."}}
    }

A file written before the meeting-level entry was recorded has none; it is
read, and the meeting-level content counts as not yet recorded.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import yaml

from . import files
from .checker import LAST_YEAR
from .ical import EventFields, event_fields
from .model import UTC_FORMAT_TEXT, Block, Meeting, Revision, parse_utc_text, utc_text
from .yamlnodes import FileProblems, Problem, line_of, read_nodes

SUFFIX = ".revisions.json"


#: How the meeting-level content is named among edits (`feeds check`, `feeds stamp`).
MEETING_LEVEL = "meeting-level fields"

#: The modification time of blocks when a programme has no revisions file yet.
UNRECORDED = datetime(1970, 1, 1, tzinfo=UTC)

#: The years a recorded time may lie in: from that of a programme never stamped
#: to the last year a programme may be in. Earlier years are not written with
#: four digits in iCalendar; 9999 leaves no room for the second a pending edit adds.
FIRST_MODIFIED_YEAR, LAST_MODIFIED_YEAR = UNRECORDED.year, LAST_YEAR


@dataclass(frozen=True)
class Entry:
    """A block as recorded: the digest of its events, its sequence number, when it changed."""

    digest: str
    sequence: int
    modified: datetime


@dataclass(frozen=True)
class MeetingEntry:
    """The meeting-level content as recorded: its digest and when it last changed."""

    digest: str
    modified: datetime


@dataclass(frozen=True)
class Ledger:
    """What a revisions file records (nothing, for a programme never stamped).

    `meeting` is None in a file written before the meeting-level content was recorded.
    """

    blocks: dict[str, Entry] = field(default_factory=dict)
    meeting: MeetingEntry | None = None

    @property
    def newest(self) -> datetime:
        """The newest time recorded, blocks no longer in the programme included."""
        times = [entry.modified for entry in self.blocks.values()]
        if self.meeting is not None:
            times.append(self.meeting.modified)
        return max(times, default=UNRECORDED)


@dataclass(frozen=True)
class Digests:
    """Fingerprints of a meeting's content: each block's events, and the rest."""

    blocks: dict[str, str]
    meeting: str


def ledger_path(programme: Path) -> Path:
    return programme.with_name(programme.stem + SUFFIX)


def _sha256(value: object) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def digest(fields: list[EventFields]) -> str:
    """A fingerprint of what a block's events say in every language."""
    return _sha256([one.fingerprinted() for one in fields])


def _plain(value: object) -> object:
    """A model value as JSON data, each block by its id alone."""
    if isinstance(value, Block):
        return value.id
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            one.name: _plain(getattr(value, one.name))
            for one in dataclasses.fields(value)
            if one.compare  # not the file it was read from
        }
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, date | time):
        return value.isoformat()
    return value


def meeting_digest(meeting: Meeting) -> str:
    """A fingerprint of the meeting-level content: everything but what its blocks' events say.

    That is the meeting's own fields (titles, introduction, documents, notes,
    status, translations...), its agenda, and its days with their notes and
    the ids of the blocks they hold, so that adding or removing a block
    changes it too; and the order of its languages, which texts do not keep.
    """
    return _sha256({"meeting": _plain(meeting), "languages": meeting.languages})


def _modified(node: yaml.Node | None) -> datetime | str:
    """The time a `modified` field records, or what is wrong with it."""
    text = node.value if isinstance(node, yaml.ScalarNode) else ""
    moment = parse_utc_text(text)
    if moment is None:
        return f"expected a UTC time as {UTC_FORMAT_TEXT}"
    if not FIRST_MODIFIED_YEAR <= moment.year <= LAST_MODIFIED_YEAR:
        return (
            f"expected a year from {FIRST_MODIFIED_YEAR} to {LAST_MODIFIED_YEAR}, "
            f"got {text.split('-', 1)[0]}"
        )
    return moment


def _is_digest(node: yaml.Node | None) -> bool:
    return _scalar(node) and re.fullmatch(r"sha256:[0-9a-f]{64}", node.value) is not None


def read_ledger(path: Path, meeting_id: str) -> Ledger:
    """What a revisions file records (nothing if it does not exist yet), or LedgerError.

    Every problem is reported as `file:line: field: message`; a time outside
    the years FIRST_MODIFIED_YEAR to LAST_MODIFIED_YEAR is one.
    """
    if not path.exists():
        return Ledger()
    name = str(path)
    try:
        root = read_nodes(path, name)
    except FileProblems as error:
        raise LedgerError(error.problems) from None
    problems: list[Problem] = []
    owner = _value(root, "meeting")
    if not _scalar(owner) or owner.value != meeting_id:
        found = owner.value if _scalar(owner) else "none"
        where = line_of(owner) if owner is not None else line_of(root)
        problems.append(
            Problem(
                name, where, "meeting", f"is the revisions file of '{found}', not of '{meeting_id}'"
            )
        )
    meeting = _meeting_entry(name, _value(root, "meeting_level"), problems)
    blocks = _value(root, "blocks")
    if not isinstance(blocks, yaml.MappingNode):
        problems.append(Problem(name, line_of(root), "blocks", "expected a mapping of block ids"))
        raise LedgerError(problems)
    entries: dict[str, Entry] = {}
    for key, node in blocks.value:
        if not _scalar(key):
            problems.append(Problem(name, line_of(key), "blocks", "expected block ids as keys"))
            continue
        where = f"blocks.{key.value}"
        digest_node, sequence_node = _value(node, "digest"), _value(node, "sequence")
        modified = _modified(_value(node, "modified"))
        if not _is_digest(digest_node):
            problems.append(Problem(name, line_of(node), f"{where}.digest", "expected sha256:..."))
        elif not _scalar(sequence_node) or not re.fullmatch(r"[0-9]{1,9}", sequence_node.value):
            problems.append(
                Problem(name, line_of(node), f"{where}.sequence", "expected a whole number")
            )
        elif isinstance(modified, str):
            problems.append(Problem(name, line_of(node), f"{where}.modified", modified))
        else:
            entries[key.value] = Entry(digest_node.value, int(sequence_node.value), modified)
    if problems:
        raise LedgerError(problems)
    return Ledger(entries, meeting)


def _meeting_entry(
    name: str, node: yaml.Node | None, problems: list[Problem]
) -> MeetingEntry | None:
    """The meeting-level entry (None if the file has none), its problems added to `problems`."""
    if node is None:
        return None
    where = "meeting_level"
    if not isinstance(node, yaml.MappingNode):
        problems.append(
            Problem(name, line_of(node), where, "expected a mapping of digest and modified")
        )
        return None
    digest_node, modified = _value(node, "digest"), _modified(_value(node, "modified"))
    if not _is_digest(digest_node):
        problems.append(Problem(name, line_of(node), f"{where}.digest", "expected sha256:..."))
    elif isinstance(modified, str):
        problems.append(Problem(name, line_of(node), f"{where}.modified", modified))
    else:
        return MeetingEntry(digest_node.value, modified)
    return None


class LedgerError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _value(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                return value_node
    return None


def _scalar(node: yaml.Node | None) -> bool:
    return isinstance(node, yaml.ScalarNode)


def current(digests: Mapping[str, str], ledger: Ledger) -> dict[str, Revision]:
    """Each block's revision as published now: recorded, or the next one if edited since."""
    newest = ledger.newest
    revisions = {}
    for block_id, block_digest in digests.items():
        entry = ledger.blocks.get(block_id)
        if entry is None:
            revisions[block_id] = Revision(0, newest)
        elif entry.digest == block_digest:
            revisions[block_id] = Revision(entry.sequence, entry.modified)
        else:
            revisions[block_id] = Revision(entry.sequence + 1, newest + timedelta(seconds=1))
    return revisions


def meeting_modified(digest: str, ledger: Ledger) -> datetime:
    """When the meeting-level content last changed, as published now.

    The recorded time if `digest` is the one recorded; one second after the
    newest recorded time if it was edited since; the newest recorded time if
    the file has no meeting-level entry (as a block it does not record).
    """
    entry = ledger.meeting
    if entry is None:
        return ledger.newest
    if entry.digest == digest:
        return entry.modified
    return ledger.newest + timedelta(seconds=1)


def stamped(
    digests: Digests | Mapping[str, str], ledger: Ledger, now: datetime
) -> tuple[Ledger, list[str]]:
    """The ledger after recording the current digests at `now`, and what changed.

    `digests` are a meeting's `Digests`, or its blocks' alone (which leave the
    meeting-level entry as recorded). What changed is MEETING_LEVEL first if
    the meeting-level content did, then the ids of the blocks that did.
    Entries of blocks no longer in the programme are kept, so that a block put
    back later goes on from its last sequence number.
    """
    moment = now.replace(microsecond=0)
    blocks, meeting = (
        (digests.blocks, digests.meeting) if isinstance(digests, Digests) else (digests, None)
    )
    recorded = ledger.meeting
    changed = []
    if meeting is not None and (recorded is None or recorded.digest != meeting):
        changed.append(MEETING_LEVEL)
        recorded = MeetingEntry(meeting, moment)
    updated = dict(ledger.blocks)
    for block_id, block_digest in blocks.items():
        entry = ledger.blocks.get(block_id)
        if entry is not None and entry.digest == block_digest:
            continue
        changed.append(block_id)
        sequence = entry.sequence + 1 if entry is not None else 0
        updated[block_id] = Entry(block_digest, sequence, moment)
    return Ledger(updated, recorded), changed


def write_ledger(path: Path, meeting_id: str, ledger: Ledger) -> None:
    """Write a revisions file atomically, in a stable form that diffs well."""
    content: dict[str, object] = {"meeting": meeting_id}
    if ledger.meeting is not None:
        content["meeting_level"] = {
            "digest": ledger.meeting.digest,
            "modified": utc_text(ledger.meeting.modified),
        }
    content["blocks"] = {
        block_id: {
            "digest": entry.digest,
            "sequence": entry.sequence,
            "modified": utc_text(entry.modified),
        }
        for block_id, entry in sorted(ledger.blocks.items())
    }
    files.write_text(path, json.dumps(content, indent=2, ensure_ascii=False) + "\n")


#: An event's fields by language, then by block id.
Events = Mapping[str, Mapping[str, EventFields]]


@dataclass(frozen=True)
class Published:
    """A meeting as published: its events in every language and each block's revision."""

    meeting: Meeting
    events: Events
    revisions: dict[str, Revision]
    pending: tuple[str, ...] = ()  # blocks edited since the revisions file was written
    meeting_modified: datetime = UNRECORDED  # when the meeting-level content last changed
    meeting_pending: bool = False  # the meeting-level content edited since it was written

    @property
    def unrecorded(self) -> tuple[str, ...]:
        """What was edited since the revisions file was written: MEETING_LEVEL, block ids."""
        return (MEETING_LEVEL,) * self.meeting_pending + self.pending


def meeting_events(meeting: Meeting) -> Events:
    """The fields of every block's event in every language of the meeting."""
    return {
        lang: {block.id: event_fields(meeting, block, lang) for block in meeting.blocks}
        for lang in meeting.languages
    }


def block_digests(meeting: Meeting, events: Events | None = None) -> dict[str, str]:
    """A fingerprint of each block's events in every language, by block id."""
    events = events if events is not None else meeting_events(meeting)
    return {
        block.id: digest([events[lang][block.id] for lang in meeting.languages])
        for block in meeting.blocks
    }


def programme_digests(meeting: Meeting, events: Events | None = None) -> Digests:
    """The fingerprints `feeds stamp` records: each block's, and the meeting-level content's."""
    return Digests(block_digests(meeting, events), meeting_digest(meeting))


def publish(meeting: Meeting) -> Published:
    """A meeting with the revisions its revisions file and its edits give it."""
    ledger = read_ledger(ledger_path(Path(meeting.source)), meeting.id)
    events = meeting_events(meeting)
    digests = programme_digests(meeting, events)
    pending = tuple(
        block_id
        for block_id, block_digest in digests.blocks.items()
        if block_id not in ledger.blocks or ledger.blocks[block_id].digest != block_digest
    )
    return Published(
        meeting,
        events,
        current(digests.blocks, ledger),
        pending,
        meeting_modified(digests.meeting, ledger),
        ledger.meeting is None or ledger.meeting.digest != digests.meeting,
    )
