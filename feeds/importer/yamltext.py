"""A programme file's content as plain data, and that data as the text of a programme file
written the way the files in data/ are written by hand.

The data holds strings, lists and mappings only: every value as the file writes it (`10:00`,
`3`, `true`), which is how the loader reads it. The text puts a value without quotes wherever
YAML allows, indents lists under their key, writes a text of several lines as a literal
block and a text's `outdated` list on one line. A comment of the old file is put back above
the line it was above, found by its words within the same top-level key and the same block,
day, agenda item or cited document; a comment whose line is gone is left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import yaml

from ..checker import OUTDATED

#: Where a comment stands: the top-level key and the list entry (a block's id, a day's date,
#: an item's number, a document's symbol) it is in, the line under it and how many lines
#: the same as that one come before it there.
Anchor = tuple[str, str, str, int]

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*:")
_ENTRY = re.compile(r"^\s*- (id|date|number|symbol)\s*:\s*(.*?)\s*$")


@dataclass
class Comments:
    """The comment lines of a file (blank lines with them), each by the line it stands above."""

    above: dict[Anchor, list[str]] = field(default_factory=dict)
    end: list[str] = field(default_factory=list)


def plain(node: yaml.Node) -> object:
    """A node as plain data: mappings, lists and each scalar's text as written, stripped."""
    if isinstance(node, yaml.MappingNode):
        return {key.value: plain(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [plain(item) for item in node.value]
    return str(node.value).strip()


def comments(text: str) -> Comments:
    """The comment lines of a file's `text`, each by the line under it."""
    found = Comments()
    pending: list[str] = []
    for anchor, line in _anchored(text.splitlines()):
        if anchor is None:
            pending.append(line)
        elif pending:
            found.above[anchor] = pending
            pending = []
    found.end = pending
    return found


def _anchored(lines: list[str]) -> Iterator[tuple[Anchor | None, str]]:
    """Each line with its anchor; None for a comment or blank line."""
    top = entry = ""
    seen: Counter[tuple[str, str, str]] = Counter()
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            yield None, line
            continue
        if match := _TOP_KEY.match(line):
            top, entry = match[1], ""
        elif match := _ENTRY.match(line):
            entry = f"{match[1]}: {match[2]}"
        seen[top, entry, line.rstrip()] += 1
        yield (top, entry, line.rstrip(), seen[top, entry, line.rstrip()]), line


class _Flow(list):
    """A list written on one line: `outdated: [en, fr]`."""


class _Dumper(yaml.SafeDumper):
    """Writes every scalar as a string, without quotes wherever YAML syntax allows.

    The loader reads each value as written, so only an empty value, `~` and `null`
    (which it would take for no value) need quotes; `10:00`, `3` and `no` do not.
    """

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 (PyYAML's own class attribute)

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        # Double quotes where quotes are needed, as a person writes them.
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


def _string(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _string)
_Dumper.add_representer(_Flow, _flow)


def _flowing(value: object) -> object:
    """`value` as strings, lists and mappings, each text's `outdated` list marked to be
    written on one line: `true` for True, `15` for 15."""
    if isinstance(value, Mapping):
        return {
            str(key): _Flow(item) if key == OUTDATED and isinstance(item, list) else _flowing(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_flowing(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def file_text(data: Mapping[str, object], kept: Comments | None = None) -> tuple[str, list[str]]:
    """The text of a programme file holding `data` (plain data, or numbers and booleans
    where the file has them), with the comments `kept` above the lines they were above,
    if those lines are still there; and the comments left out.

    A top-level key without a comment above it gets a blank line above it, but the first.
    """
    kept = kept or Comments()
    body = yaml.dump(
        _flowing(dict(data)),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100000,
        default_flow_style=False,
    )
    above = dict(kept.above)
    out: list[str] = []
    for anchor, line in _anchored(body.splitlines()):
        assert anchor is not None  # nothing dumped is a comment or blank
        if anchor in above:
            out.extend(above.pop(anchor))
        elif out and _TOP_KEY.match(line):
            out.append("")
        out.append(line)
    out.extend(kept.end)
    left_out = [line for lines in above.values() for line in lines if line.strip()]
    return "".join(line + "\n" for line in out), left_out
