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

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from .ical import Revision
from .yamlnodes import FileProblems, Problem, line_of, read_nodes

SUFFIX = ".revisions.json"


@dataclass(frozen=True)
class Entry:
    digest: str
    sequence: int
    modified: datetime


def ledger_path(programme: Path) -> Path:
    return programme.with_name(programme.stem + SUFFIX)


def digest(fields: list[dict[str, object]]) -> str:
    """A fingerprint of what a block's events say in every language."""
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


#: The modification time of blocks when a programme has no revisions file yet.
UNRECORDED = datetime(1970, 1, 1, tzinfo=UTC)


def _parse_time(value: str) -> datetime | None:
    try:
        parsed = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC)


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
        modified = _parse_time(modified_node.value) if _scalar(modified_node) else None
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
                "modified": entry.modified.strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
            for block_id, entry in sorted(entries.items())
        },
    }
    text = json.dumps(content, indent=2, ensure_ascii=False) + "\n"
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
