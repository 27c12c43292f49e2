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

Each block's entry also keeps a copy of the block (`feeds.snapshot`): a block
removed from the programme stays published from it, as cancelled, with the
next sequence number. And the file keeps the history of changes
(`feeds.changes`): each stamp that found a change adds a change set, with the
time of the stamp and the programme's version label, which the pages, the
Atom feed of changes and programme.json show.
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

from . import changes, feedlist, files
from .changes import BlockState, ChangeSet, MeetingState
from .checker import LAST_YEAR
from .feedlist import Departed
from .ical import EventFields, event_fields
from .model import UTC_FORMAT_TEXT, Block, Day, Meeting, Revision, parse_utc_text, utc_text
from .snapshot import StoredBlock, block_data
from .yamlnodes import FileProblems, Problem, line_of, read_nodes

SUFFIX = ".revisions.json"

#: A revisions file holds a copy of each block, with indentation: room for the largest
#: programme (yamlnodes.MAX_BYTES) several times over, and for blocks since removed.
MAX_LEDGER_BYTES = 32 * 1024 * 1024


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
    stored: StoredBlock | None = None  # the block itself (not in files written before copies)
    data: object = field(default=None, compare=False)  # the same, as the file holds it
    feeds: frozenset[str] = frozenset()  # every day and item feed it was in when stamped

    @property
    def was_in(self) -> frozenset[str]:
        """The day and item feeds the block was in at any stamp."""
        return self.feeds | (self.stored.memberships if self.stored is not None else frozenset())


@dataclass(frozen=True)
class MeetingEntry:
    """The meeting-level content as recorded: its digest and when it last changed.

    `status` and `details` (a fingerprint of `changes.details_of`) tell what
    kind of meeting-level change a stamp finds; files written before they were
    recorded have neither.
    """

    digest: str
    modified: datetime
    status: str | None = None
    details: str | None = None


@dataclass(frozen=True)
class Ledger:
    """What a revisions file records (nothing, for a programme never stamped).

    `meeting` is None in a file written before the meeting-level content was recorded.
    """

    blocks: dict[str, Entry] = field(default_factory=dict)
    meeting: MeetingEntry | None = None
    history: tuple[ChangeSet, ...] = ()

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
    Its series counts only when it has one, so that a meeting in none keeps
    the fingerprint its revisions file records.
    """
    plain = _plain(meeting)
    assert isinstance(plain, dict)
    if meeting.series is None:
        del plain["series"]
    return _sha256({"meeting": plain, "languages": meeting.languages})


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
        return _read_json(path, meeting_id)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        pass  # read again, node by node, to say where each problem is
    try:
        root = read_nodes(path, name, MAX_LEDGER_BYTES, "a revisions file")
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
            stored, data = _stored(name, node, where, problems)
            feeds = _feeds(name, _value(node, "feeds"), f"{where}.feeds", problems)
            entries[key.value] = Entry(
                digest_node.value, int(sequence_node.value), modified, stored, data, feeds
            )
    history = _history(name, _value(root, "changes"), problems)
    if problems:
        raise LedgerError(problems)
    return Ledger(entries, meeting, history)


def _read_json(path: Path, meeting_id: str) -> Ledger:
    """A valid revisions file, read at JSON speed; an exception if anything in it is off.

    Accepts exactly what the node-by-node reading accepts, which then says
    where each problem is.
    """
    with path.open("rb") as handle:
        raw = handle.read(MAX_LEDGER_BYTES + 1)
    if len(raw) > MAX_LEDGER_BYTES:
        raise ValueError("too large")
    content = json.loads(raw.decode("utf-8"))
    if content["meeting"] != meeting_id:
        raise ValueError("another meeting's")
    level = content.get("meeting_level")
    meeting = None
    if level is not None:
        status, details = level.get("status"), level.get("details")
        if (status is not None and not isinstance(status, str)) or (
            details is not None and not _digest_text(details)
        ):
            raise ValueError("meeting_level")
        meeting = MeetingEntry(
            _digest_of(level["digest"]), _time_of(level["modified"]), status, details
        )
    entries = {}
    for block_id, entry in content["blocks"].items():
        sequence = entry["sequence"]
        if isinstance(sequence, bool) or not re.fullmatch(r"[0-9]{1,9}", str(sequence)):
            raise ValueError("sequence")
        feeds = entry.get("feeds", [])
        if not isinstance(feeds, list) or not all(
            isinstance(one, str) and re.fullmatch(r"(day|item):[0-9a-z-]{1,64}", one)
            for one in feeds
        ):
            raise ValueError("feeds")
        data = entry.get("block")
        entries[block_id] = Entry(
            _digest_of(entry["digest"]),
            int(sequence),
            _time_of(entry["modified"]),
            StoredBlock.from_data(data) if data is not None else None,
            data,
            frozenset(feeds),
        )
    history = []
    listed_sets = content.get("changes", [])
    if not isinstance(listed_sets, list):
        raise ValueError("changes")
    for index, one in enumerate(listed_sets):
        version = one.get("version")
        if version is not None and not all(isinstance(v, str) for v in version.values()):
            raise ValueError("version")
        listed = tuple(changes.Change.from_data(change) for change in one["changes"])
        history.append(ChangeSet(index + 1, _time_of(one["at"]), listed, version))
    return Ledger(entries, meeting, tuple(history))


def _digest_text(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"sha256:[0-9a-f]{64}", value) is not None


def _digest_of(value: object) -> str:
    if not _digest_text(value):
        raise ValueError("digest")
    assert isinstance(value, str)
    return value


def _time_of(value: object) -> datetime:
    moment = _modified(yaml.ScalarNode("tag:yaml.org,2002:str", value))
    if isinstance(moment, str):
        raise ValueError(moment)
    return moment


def _data(node: yaml.Node) -> object:
    """A node's value as Python data (the file is JSON: no tags, no aliases)."""
    return yaml.SafeLoader("").construct_document(node)


def _stored(
    name: str, node: yaml.Node, where: str, problems: list[Problem]
) -> tuple[StoredBlock | None, object]:
    """The copy of the block an entry keeps (None in a file written before copies)."""
    block = _value(node, "block")
    if block is None:
        return None, None
    data = _data(block)
    try:
        return StoredBlock.from_data(data), data
    except ValueError as error:
        problems.append(Problem(name, line_of(block), f"{where}.block", str(error)))
        return None, None


def _feeds(
    name: str, node: yaml.Node | None, where: str, problems: list[Problem]
) -> frozenset[str]:
    """The day and item feeds an entry records (none in a file written before them)."""
    if node is None:
        return frozenset()
    listed = node.value if isinstance(node, yaml.SequenceNode) else None
    if listed is None or not all(
        _scalar(one) and re.fullmatch(r"(day|item):[0-9a-z-]{1,64}", one.value) for one in listed
    ):
        problems.append(
            Problem(name, line_of(node), where, "expected a list such as [day:2022-03-28, item:5c]")
        )
        return frozenset()
    return frozenset(one.value for one in listed)


def _history(name: str, node: yaml.Node | None, problems: list[Problem]) -> tuple[ChangeSet, ...]:
    """The change sets the file records, oldest first (none in a file written before them)."""
    if node is None:
        return ()
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem(name, line_of(node), "changes", "expected a list of change sets"))
        return ()
    history = []
    for index, one in enumerate(node.value):
        where = f"changes[{index}]"
        at = _modified(_value(one, "at"))
        if isinstance(at, str):
            problems.append(Problem(name, line_of(one), f"{where}.at", at))
            continue
        data = _data(one)
        try:
            assert isinstance(data, dict)
            version = data.get("version")
            if version is not None and not (
                isinstance(version, dict) and all(isinstance(v, str) for v in version.values())
            ):
                raise ValueError("version: expected a text by language")
            listed = tuple(changes.Change.from_data(change) for change in data["changes"])
        except (AssertionError, KeyError, TypeError, ValueError, AttributeError) as error:
            problems.append(
                Problem(
                    name,
                    line_of(one),
                    where,
                    f"not a change set as `feeds stamp` records it ({error})",
                )
            )
            continue
        history.append(ChangeSet(index + 1, at, listed, version))
    return tuple(history)


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
    status, details = _value(node, "status"), _value(node, "details")
    if not _is_digest(digest_node):
        problems.append(Problem(name, line_of(node), f"{where}.digest", "expected sha256:..."))
    elif isinstance(modified, str):
        problems.append(Problem(name, line_of(node), f"{where}.modified", modified))
    elif details is not None and not _is_digest(details):
        problems.append(Problem(name, line_of(node), f"{where}.details", "expected sha256:..."))
    elif status is not None and not _scalar(status):
        problems.append(Problem(name, line_of(node), f"{where}.status", "expected a status"))
    else:
        return MeetingEntry(
            digest_node.value,
            modified,
            status.value if status is not None else None,
            details.value if details is not None else None,
        )
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
    back later goes on from its last sequence number. (`record` also keeps
    copies of the blocks and the change set.)
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
        if entry is None:
            updated[block_id] = Entry(block_digest, 0, moment)
        else:  # keeping its copy of the block: a block removed is published from it
            updated[block_id] = dataclasses.replace(
                entry, digest=block_digest, sequence=entry.sequence + 1, modified=moment
            )
    return Ledger(updated, recorded, ledger.history), changed


@dataclass(frozen=True)
class Stamp:
    """What `record` did: the ledger to write, what changed, and the change set if any."""

    ledger: Ledger
    changed: list[str]  # MEETING_LEVEL and the ids of the blocks whose entries changed
    change_set: ChangeSet | None

    @property
    def rewrites(self) -> bool:
        return bool(self.changed) or self.change_set is not None


def details_digest(meeting: Meeting) -> str:
    return _sha256(_plain(changes.details_of(meeting)))


def record(meeting: Meeting, ledger: Ledger, now: datetime) -> Stamp:
    """The ledger after a stamp at `now`: digests, sequences, copies of the blocks, and
    the change set of what changed since the last stamp (none if nothing did)."""
    moment = now.replace(microsecond=0)
    shown = with_removed(meeting, ledger)
    events = meeting_events(shown)
    digests = Digests(block_digests(shown, events), meeting_digest(meeting))
    updated, changed = stamped(digests, ledger, moment)
    after = {
        block.id: changes.block_state(shown, block, digests.blocks[block.id])
        for block in shown.blocks
    }
    meeting_after = MeetingState(meeting.status, details_digest(meeting))
    listed = changes.compare(
        _recorded_states(ledger, after),
        after,
        _recorded_meeting(ledger),
        meeting_after,
    )
    last_version = ledger.history[-1].version if ledger.history else None
    version = dict(meeting.version) if meeting.version is not None else None
    change_set = None
    # A new version label is news too; in a file that records no change set yet (written
    # before they were recorded), only if the meeting-level content changed with it.
    relabelled = version != last_version and (bool(ledger.history) or MEETING_LEVEL in changed)
    if listed or relabelled:
        change_set = ChangeSet(len(ledger.history) + 1, moment, tuple(listed), version)
    # Keep a copy of every block in the programme, as it is now, and every feed it was in.
    blocks = dict(updated.blocks)
    for block in meeting.blocks:
        data = block_data(meeting, block)
        entry = blocks[block.id]
        if entry.data != data:
            entry = dataclasses.replace(entry, stored=StoredBlock.from_data(data), data=data)
        was_in = ledger.blocks[block.id].was_in if block.id in ledger.blocks else frozenset()
        blocks[block.id] = dataclasses.replace(
            entry, feeds=was_in | feedlist.memberships(meeting, block)
        )
    # A block no longer in the programme is published cancelled: its copy says so, so that
    # the next stamp compares with what calendars were sent (a block put back is restored).
    present = {block.id for block in meeting.blocks}
    for block_id, entry in blocks.items():
        if block_id in present or entry.stored is None or entry.stored.cancelled:
            continue
        assert isinstance(entry.data, dict)
        data = {**entry.data, "cancelled": True}
        blocks[block_id] = dataclasses.replace(entry, stored=StoredBlock.from_data(data), data=data)
    level = updated.meeting
    assert level is not None
    if (level.status, level.details) != (meeting_after.status, meeting_after.details):
        level = dataclasses.replace(
            level, status=meeting_after.status, details=meeting_after.details
        )
    history = ledger.history + ((change_set,) if change_set is not None else ())
    return Stamp(Ledger(blocks, level, history), changed, change_set)


def _recorded_states(ledger: Ledger, now: Mapping[str, BlockState]) -> dict[str, BlockState] | None:
    """The blocks as the ledger recorded them (None for a programme never stamped).

    A block recorded without a copy (in a file written before copies) is taken
    to be where it is now, with its recorded fingerprint.
    """
    if not ledger.blocks and ledger.meeting is None:
        return None
    called_off = ledger.meeting is not None and ledger.meeting.status in ("cancelled", "postponed")
    states = {}
    for block_id, entry in ledger.blocks.items():
        stored = entry.stored
        if stored is not None:
            states[block_id] = BlockState(
                changes.Place(stored.date, stored.start, stored.end, block_id),
                tuple(
                    stored.items[slug].label
                    for slug in dict.fromkeys(s.item for s in stored.segments if s.item)
                ),
                stored.cancelled or called_off,
                entry.digest,
            )
        elif block_id in now:
            states[block_id] = dataclasses.replace(now[block_id], digest=entry.digest)
    return states


def _recorded_meeting(ledger: Ledger) -> MeetingState | None:
    entry = ledger.meeting
    if entry is None or entry.status is None or entry.details is None:
        return None
    return MeetingState(entry.status, entry.details)


def write_ledger(path: Path, meeting_id: str, ledger: Ledger) -> None:
    """Write a revisions file atomically, in a stable form that diffs well."""
    content: dict[str, object] = {"meeting": meeting_id}
    if ledger.meeting is not None:
        level: dict[str, object] = {
            "digest": ledger.meeting.digest,
            "modified": utc_text(ledger.meeting.modified),
        }
        if ledger.meeting.status is not None:
            level["status"] = ledger.meeting.status
        if ledger.meeting.details is not None:
            level["details"] = ledger.meeting.details
        content["meeting_level"] = level
    blocks: dict[str, object] = {}
    for block_id, entry in sorted(ledger.blocks.items()):
        blocks[block_id] = {
            "digest": entry.digest,
            "sequence": entry.sequence,
            "modified": utc_text(entry.modified),
        }
        if entry.feeds:
            blocks[block_id]["feeds"] = sorted(entry.feeds)  # type: ignore[index]
        if entry.data is not None:
            blocks[block_id]["block"] = entry.data  # type: ignore[index]
    content["blocks"] = blocks
    content["changes"] = [
        {key: value for key, value in change_set.as_data().items() if key != "number"}
        for change_set in ledger.history
    ]
    files.write_text(path, json.dumps(content, indent=2, ensure_ascii=False) + "\n")


#: An event's fields by language, then by block id.
Events = Mapping[str, Mapping[str, EventFields]]


@dataclass(frozen=True)
class Published:
    """A meeting as published: its events in every language and each block's revision.

    `meeting` holds the blocks removed from the programme too, cancelled (see
    `with_removed`); `removed` names them.
    """

    meeting: Meeting
    events: Events
    revisions: dict[str, Revision]
    pending: tuple[str, ...] = ()  # blocks edited since the revisions file was written
    meeting_modified: datetime = UNRECORDED  # when the meeting-level content last changed
    meeting_pending: bool = False  # the meeting-level content edited since it was written
    history: tuple[ChangeSet, ...] = ()  # the change sets recorded, oldest first
    removed: frozenset[str] = frozenset()
    departed: Departed = field(default_factory=dict)  # blocks that left a day or item feed
    labels: Mapping[str, str] = field(default_factory=dict)  # items off the agenda, by slug

    @property
    def unrecorded(self) -> tuple[str, ...]:
        """What was edited since the revisions file was written: MEETING_LEVEL, block ids."""
        return (MEETING_LEVEL,) * self.meeting_pending + self.pending

    def last_change(self, block_id: str) -> ChangeSet | None:
        """The newest change set that changed a block (its first publication aside)."""
        for change_set in reversed(self.history):
            for change in change_set.changes:
                if any(place.block == block_id for place in (*change.before, *change.after)):
                    return change_set
        return None


def with_removed(meeting: Meeting, ledger: Ledger) -> Meeting:
    """The meeting with the blocks the ledger keeps and the programme no longer has,
    each cancelled and in its recorded day (the day is added if the programme
    has it no more)."""
    present = {block.id for block in meeting.blocks}
    removed = [
        entry.stored.block(block_id, meeting)
        for block_id, entry in sorted(ledger.blocks.items())
        if block_id not in present and entry.stored is not None
    ]
    if not removed:
        return meeting
    days = {day.date: day for day in meeting.days}
    for block in removed:
        day = days.get(block.date) or Day(block.date, ())
        blocks = sorted((*day.blocks, block), key=lambda one: (one.start, one.end, one.id))
        days[block.date] = dataclasses.replace(day, blocks=tuple(blocks))
    return dataclasses.replace(meeting, days=tuple(days[key] for key in sorted(days)))


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
    """A meeting with the revisions its revisions file and its edits give it, and the
    blocks removed from it since they were recorded, cancelled."""
    ledger = read_ledger(ledger_path(Path(meeting.source)), meeting.id)
    shown = with_removed(meeting, ledger)
    events = meeting_events(shown)
    digests = Digests(block_digests(shown, events), meeting_digest(meeting))
    pending = tuple(
        block_id
        for block_id, block_digest in digests.blocks.items()
        if block_id not in ledger.blocks or ledger.blocks[block_id].digest != block_digest
    )
    modified = meeting_modified(digests.meeting, ledger)
    if ledger.history:
        # The calendars' descriptions say when the programme last changed.
        modified = max(modified, ledger.history[-1].at)
    present = {block.id for block in meeting.blocks}
    departed: dict[str, list[Block]] = {}
    for block in shown.blocks:
        entry = ledger.blocks.get(block.id)
        if entry is None:
            continue
        for key in sorted(entry.was_in - feedlist.memberships(shown, block)):
            departed.setdefault(key, []).append(block)
    kept = {key: tuple(blocks) for key, blocks in departed.items()}
    return Published(
        shown,
        events,
        current(digests.blocks, ledger),
        pending,
        modified,
        ledger.meeting is None or ledger.meeting.digest != digests.meeting,
        ledger.history,
        frozenset(block.id for block in shown.blocks if block.id not in present),
        kept,
        _off_agenda_labels(shown, ledger, kept),
    )


def _off_agenda_labels(shown: Meeting, ledger: Ledger, departed: Departed) -> dict[str, str]:
    """The labels of the items off the agenda whose feeds are kept, by slug: as a copy of a
    block recorded it, or (a copy of none does) as the slug spells it, `5c` as `5(c)`."""
    agenda = {item.slug for item in shown.agenda}
    known = {
        slug: item.label
        for entry in ledger.blocks.values()
        if entry.stored is not None
        for slug, item in entry.stored.items.items()
    }
    labels = {}
    for key in departed:
        kind, _, slug = key.partition(":")
        if kind == "item" and slug not in agenda:
            spelt = re.fullmatch(r"([0-9]+)([a-z]+)", slug)
            guess = f"{spelt[1]}({spelt[2]})" if spelt else slug
            labels[slug] = known.get(slug, guess)
    return labels
