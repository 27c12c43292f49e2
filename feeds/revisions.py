"""SEQUENCE and LAST-MODIFIED for every block, without a clock at render time.

Beside each programme file lies its revisions file (`NAME.revisions.json`),
which records for every block a digest of what its events say, its sequence
number and when it last changed. When a block's digest no longer matches,
the block was edited: it is published with the next sequence number and, as
its modification time, the time the programme file was last written. Every
process reading the same files therefore renders the same bytes.
`feeds stamp` writes the new digests down, so that the next edit counts
from there; until then a pending edit is still published correctly.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
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


def file_time(path: Path) -> datetime:
    """When a file was last written, to the second, in UTC."""
    return datetime.fromtimestamp(int(path.stat().st_mtime), UTC)


def _parse_time(value: str) -> datetime | None:
    try:
        parsed = datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC)


def read_ledger(path: Path) -> dict[str, Entry]:
    """The entries of a revisions file (none if it does not exist yet)."""
    if not path.exists():
        return {}
    name = str(path)
    try:
        root = read_nodes(path, name)
    except FileProblems as error:
        raise LedgerError(error.problems) from None
    problems: list[Problem] = []
    entries: dict[str, Entry] = {}
    blocks = _value(root, "blocks")
    if not isinstance(blocks, yaml.MappingNode):
        raise LedgerError(
            [Problem(name, line_of(root), "blocks", "expected a mapping of block ids")]
        )
    for key, node in blocks.value:
        where = f"blocks.{key.value}"
        digest_node, sequence_node, modified_node = (
            _value(node, "digest"),
            _value(node, "sequence"),
            _value(node, "modified"),
        )
        modified = _parse_time(modified_node.value) if _scalar(modified_node) else None
        if not _scalar(digest_node) or not digest_node.value.startswith("sha256:"):
            problems.append(Problem(name, line_of(node), f"{where}.digest", "expected sha256:..."))
        elif not _scalar(sequence_node) or not sequence_node.value.isdigit():
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


def current(
    digests: dict[str, str], ledger: dict[str, Entry], edited_at: datetime
) -> dict[str, Revision]:
    """Each block's revision as published now: recorded, or the next one if edited since."""
    revisions = {}
    for block_id, block_digest in digests.items():
        entry = ledger.get(block_id)
        if entry is None:
            revisions[block_id] = Revision(0, edited_at)
        elif entry.digest == block_digest:
            revisions[block_id] = Revision(entry.sequence, entry.modified)
        else:
            revisions[block_id] = Revision(entry.sequence + 1, max(edited_at, entry.modified))
    return revisions


def stamped(
    digests: dict[str, str], ledger: dict[str, Entry], edited_at: datetime
) -> tuple[dict[str, Entry], list[str]]:
    """The ledger after recording the current digests, and the ids of blocks that changed.

    Entries of blocks no longer in the programme are kept, so that a block put
    back later goes on from its last sequence number.
    """
    revisions = current(digests, ledger, edited_at)
    updated = dict(ledger)
    changed = []
    for block_id, block_digest in digests.items():
        entry = ledger.get(block_id)
        if entry is None or entry.digest != block_digest:
            changed.append(block_id)
        revision = revisions[block_id]
        updated[block_id] = Entry(block_digest, revision.sequence, revision.modified)
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
