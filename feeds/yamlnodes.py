"""Reading a programme file into YAML nodes that remember their line.

The file is decoded and composed, never constructed: scalars stay the text
the author wrote (so `10:00` is not read as the number 600 and `no` is not
read as false), no tag ever builds an object, and anchors, aliases and deep
nesting are refused before they can cost time or memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

#: A programme of a few hundred blocks is well under 1 MiB; this leaves room for many more.
MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 24
# What libyaml says when it reaches a nesting limit of its own (1000 levels from libyaml 0.2.6).
_LIBYAML_TOO_DEEP = "maximum nesting depth"

# Raw characters a programme never holds: controls other than tab and line ends, line and paragraph
# separators (YAML would take these for line breaks), lone surrogates. The same as the checker's,
# which sees only what YAML read, so escapes (`"\u0007"`) are left to it.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
#: Lines with invisible characters reported one by one; the rest are counted.
MAX_INVISIBLE_LINES = 10

# libyaml's parser where PyYAML was built with it (the wheels are): many times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, where it is and what it is."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}"


class FileProblems(Exception):
    """A file could not be read as YAML at all."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _decode(name: str, raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise FileProblems(
            [
                Problem(
                    name, 1, "(file)", "starts with a byte-order mark; save it as UTF-8 without BOM"
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise FileProblems(
            [
                Problem(
                    name,
                    line,
                    "(file)",
                    f"not UTF-8: byte 0x{raw[error.start]:02x} at column {column}; "
                    "save the file as UTF-8",
                )
            ]
        ) from None


def _check_invisible(name: str, text: str) -> None:
    """Raise FileProblems for each line holding a raw invisible character, at its line and column.

    YAML's reader refuses most of them at line 1 of a message of its own, and would take
    the others for line breaks inside a text; a person needs the line they are on.
    """
    problems: list[Problem] = []
    lines = 0
    last_line = 0
    for found in _INVISIBLE.finditer(text):
        start = found.start()
        line = text.count("\n", 0, start) + 1
        if line == last_line:
            continue
        last_line = line
        lines += 1
        if lines > MAX_INVISIBLE_LINES:
            continue
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        problems.append(
            Problem(
                name,
                line,
                "(file)",
                f"contains the invisible character U+{ord(found[0]):04X} at column {column}; "
                "remove it",
            )
        )
    if lines > MAX_INVISIBLE_LINES:
        more = lines - MAX_INVISIBLE_LINES
        problems.append(Problem(name, None, "(file)", f"invisible characters on {more} more lines"))
    if problems:
        raise FileProblems(problems)


def _line(mark: yaml.Mark | None) -> int:
    return mark.line + 1 if mark is not None else 1


def _too_deep(name: str, mark: yaml.Mark | None) -> FileProblems:
    """The one problem of a file nested deeper than MAX_DEPTH, at the line of `mark`."""
    return FileProblems(
        [Problem(name, _line(mark), "(yaml)", f"nested more than {MAX_DEPTH} levels deep")]
    )


def _check_events(name: str, text: str) -> None:
    """Refuse what a programme never needs and an attacker would use.

    Raises FileProblems for a second document, an anchor or alias, a tag that
    would build an object, or nesting deeper than MAX_DEPTH, at the line where
    it starts, whichever parser PyYAML uses and whatever limits of its own it has.
    """
    try:
        _check_event_stream(name, yaml.parse(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as error:
        # libyaml 0.2.6 (in the wheels of PyYAML 6.0.4) stops at 1000 levels, and on a long
        # line of brackets it gets there while still looking ahead for a `key:`, before it has
        # handed over the events of that line. The look-ahead never crosses a line, so our
        # limit was crossed on the line where libyaml gave up.
        if _LIBYAML_TOO_DEEP in (error.problem or ""):
            raise _too_deep(name, error.problem_mark) from None
        raise


def _check_event_stream(name: str, events: Iterable[yaml.Event]) -> None:
    """Raise FileProblems at the first event a programme never needs (see _check_events)."""
    depth = documents = 0
    for event in events:
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise FileProblems(
                    [
                        Problem(
                            name,
                            _line(event.start_mark),
                            "(yaml)",
                            "holds more than one YAML document (a second ---)",
                        )
                    ]
                )
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise FileProblems(
                [
                    Problem(
                        name,
                        _line(event.start_mark),
                        "(yaml)",
                        "anchors and aliases (& and *) are not allowed",
                    )
                ]
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(name, event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _PLAIN_TAGS and tag != "!":
            raise FileProblems(
                [Problem(name, _line(event.start_mark), "(yaml)", f"the tag {tag} is not allowed")]
            )


def read_nodes(
    path: Path, name: str | None = None, max_bytes: int = MAX_BYTES, what: str = "a programme"
) -> yaml.Node:
    """The root node of a YAML file, or FileProblems saying why there is none.

    `name` is how errors refer to the file (by default, the path as given); a
    file over `max_bytes` is refused as too large for `what` it holds.
    """
    name = name or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FileProblems(
                [
                    Problem(
                        name,
                        1,
                        "(file)",
                        f"{size / 1024 / 1024:.1f} MiB is too large for {what} "
                        f"(at most {max_bytes // 1024 // 1024} MiB)",
                    )
                ]
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as error:
        raise FileProblems(
            [Problem(name, 1, "(file)", f"cannot be read: {error.strerror}")]
        ) from None
    if len(raw) > max_bytes:
        raise FileProblems([Problem(name, 1, "(file)", f"too large for {what}")])
    text = _decode(name, raw)
    _check_invisible(name, text)
    try:
        _check_events(name, text)
        documents = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "not valid YAML"
        lines = text.splitlines()
        where = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
        if "\t" in where[: len(where) - len(where.lstrip())]:
            message += " (indent with spaces, not tabs)"
        raise FileProblems([Problem(name, _line(mark), "(yaml)", message)]) from None
    except yaml.YAMLError as error:
        raise FileProblems([Problem(name, 1, "(yaml)", str(error))]) from None
    except RecursionError:
        raise FileProblems([Problem(name, 1, "(yaml)", "nested too deeply")]) from None
    if not documents or documents[0] is None:
        raise FileProblems([Problem(name, 1, "(file)", "is empty")])
    if len(documents) > 1:
        raise FileProblems(
            [
                Problem(
                    name,
                    _line(documents[1].start_mark),
                    "(yaml)",
                    "holds more than one YAML document (a second ---)",
                )
            ]
        )
    return documents[0]


def line_of(node: yaml.Node) -> int:
    return _line(node.start_mark)
