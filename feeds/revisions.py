"""SEQUENCE and LAST-MODIFIED for every block, without a clock at render time.

Beside each programme file lies its revisions file (`NAME.revisions.json`),
which records for every block a digest of what its events say, its sequence
number and when it last changed. `feeds stamp` writes it after an edit: an
edited block gets the next sequence number and the time of the stamp.

Until the edit is stamped it is still published correctly, from the data
alone, so that every process and every machine renders the same bytes: the
block gets the next sequence number and, as its modification time, one
second after the newest time in the revisions file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from . import files
from .ical import EventFields, event_fields
from .model import Meeting, Revision, parse_utc_text, utc_text
from .yamlnodes import FileProblems, Problem, line_of, read_nodes

SUFFIX = ".revisions.json"


@dataclass(frozen=True)
class Entry:
    digest: str
    sequence: int
    modified: datetime


def ledger_path(programme: Path) -> Path:
    return programme.with_name(programme.stem + SUFFIX)


def digest(fields: list[EventFields]) -> str:
    """A fingerprint of what a block's events say in every language."""
    as_dicts = [dataclasses.asdict(one) for one in fields]
    text = json.dumps(as_dicts, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


#: The modification time of blocks when a programme has no revisions file yet.
UNRECORDED = datetime(1970, 1, 1, tzinfo=UTC)


def read_ledger(path: Path, meeting_id: str) -> dict[str, Entry]:
    """The entries of a revisions file (none if it does not exist yet)."""
    if not path.exists():
        return {}
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
        digest_node, sequence_node, modified_node = (
            _value(node, "digest"),
            _value(node, "sequence"),
            _value(node, "modified"),
        )
        modified = parse_utc_text(modified_node.value) if _scalar(modified_node) else None
        if not _scalar(digest_node) or not re.fullmatch(r"sha256:[0-9a-f]{64}", digest_node.value):
            problems.append(Problem(name, line_of(node), f"{where}.digest", "expected sha256:..."))
        elif not _scalar(sequence_node) or not re.fullmatch(r"[0-9]{1,9}", sequence_node.value):
            problems.append(
                Problem(name, line_of(node), f"{where}.sequence", "expected a whole number")
            )
        elif modified is None:
            problems.append(
                Problem(
                    name,
                    line_of(node),
                    f"{where}.modified",
                    "expected a UTC time as YYYY-MM-DDTHH:MM:SSZ",
                )
            )
        else:
            entries[key.value] = Entry(digest_node.value, int(sequence_node.value), modified)
    if problems:
        raise LedgerError(problems)
    return entries


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


def current(digests: dict[str, str], ledger: dict[str, Entry]) -> dict[str, Revision]:
    """Each block's revision as published now: recorded, or the next one if edited since."""
    newest = max((entry.modified for entry in ledger.values()), default=UNRECORDED)
    revisions = {}
    for block_id, block_digest in digests.items():
        entry = ledger.get(block_id)
        if entry is None:
            revisions[block_id] = Revision(0, newest)
        elif entry.digest == block_digest:
            revisions[block_id] = Revision(entry.sequence, entry.modified)
        else:
            revisions[block_id] = Revision(entry.sequence + 1, newest + timedelta(seconds=1))
    return revisions


def stamped(
    digests: dict[str, str], ledger: dict[str, Entry], now: datetime
) -> tuple[dict[str, Entry], list[str]]:
    """The ledger after recording the current digests at `now`, and the blocks that changed.

    Entries of blocks no longer in the programme are kept, so that a block put
    back later goes on from its last sequence number.
    """
    updated = dict(ledger)
    changed = []
    for block_id, block_digest in digests.items():
        entry = ledger.get(block_id)
        if entry is not None and entry.digest == block_digest:
            continue
        changed.append(block_id)
        sequence = entry.sequence + 1 if entry is not None else 0
        updated[block_id] = Entry(block_digest, sequence, now.replace(microsecond=0))
    return updated, changed


def write_ledger(path: Path, meeting_id: str, entries: dict[str, Entry]) -> None:
    """Write a revisions file atomically, in a stable form that diffs well."""
    content = {
        "meeting": meeting_id,
        "blocks": {
            block_id: {
                "digest": entry.digest,
                "sequence": entry.sequence,
                "modified": utc_text(entry.modified),
            }
            for block_id, entry in sorted(entries.items())
        },
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


def publish(meeting: Meeting) -> Published:
    """A meeting with the revisions its revisions file and its edits give it."""
    ledger = read_ledger(ledger_path(Path(meeting.source)), meeting.id)
    events = meeting_events(meeting)
    digests = block_digests(meeting, events)
    pending = tuple(
        block_id
        for block_id, block_digest in digests.items()
        if block_id not in ledger or ledger[block_id].digest != block_digest
    )
    return Published(meeting, events, current(digests, ledger), pending)
