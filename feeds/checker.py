"""Reading YAML nodes into checked values, collecting every problem with its line and field.

A Checker never stops at the first problem: each reading method either
returns the value or reports a `file:line: field: message` problem and
returns None, so that a caller can go on and report the rest of the file.
It knows the kinds of value a data file of this project holds (ids, dates,
times, addresses, and texts given in each of the file's declared languages),
not which keys a programme has: `load` says that.

A text may mark some of its translations outdated, `outdated: [en, fr]`,
when its source text changed after they were made: the text is valid, and
each marked translation is listed in `outdated` for a translator.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, time
from typing import TypeVar

import yaml

from .model import UN_LANGUAGES, Text
from .yamlnodes import Problem, line_of

T = TypeVar("T")

_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NULL = "tag:yaml.org,2002:null"

FIRST_YEAR, LAST_YEAR = 1971, 2200

#: The key of a text that lists its translations made before its source text changed.
OUTDATED = "outdated"


#: Control characters but tab and newline (Unicode's category Cc), lone surrogates (Cs)
#: and the line and paragraph separators (Zl, Zp): never meant, never valid. Those
#: categories hold these very code points in every version of Unicode.
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


@dataclass
class Checker:
    """Walks a file's nodes, collecting every problem with its line and field path.

    `languages` are those a text must be given in, once the file has said which,
    the source language first (`source`, once the file has said which). `outdated`
    lists, at its line, each translation that a text marks outdated.
    """

    file: str
    problems: list[Problem] = field(default_factory=list)
    languages: tuple[str, ...] = ()
    source: str | None = None
    outdated: list[Problem] = field(default_factory=list)
    keys: dict[int, yaml.Node] = field(default_factory=dict)  # value node id -> its key

    def error(self, node: yaml.Node, path: str, message: str) -> None:
        """Record a problem of `node`, whose field is `path` (the top level if empty)."""
        # A mapping or list is reported on the line of the key that introduces it.
        if isinstance(node, yaml.CollectionNode) and id(node) in self.keys:
            node = self.keys[id(node)]
        self.problems.append(Problem(self.file, line_of(node), path or "(top level)", message))

    # -- shapes -----------------------------------------------------------------

    def mapping(
        self, node: yaml.Node, path: str, required: Iterable[str], optional: Iterable[str] = ()
    ) -> dict[str, yaml.Node] | None:
        """The keys of a mapping node, after reporting missing, unknown and repeated keys."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, path, f"expected a mapping of keys, got {_describe(node)}")
            return None
        required, optional = list(required), list(optional)
        known = required + optional
        found: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            self.keys[id(value_node)] = key_node
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            where = join(path, str(key))
            if key is None:
                self.error(key_node, path, "keys must be plain words")
            elif key in found:
                self.error(key_node, where, f"repeated key (first at line {line_of(found[key])})")
            elif key not in known:
                hint = difflib.get_close_matches(key, known, n=1)
                suffix = f" (did you mean '{hint[0]}'?)" if hint else ""
                self.error(
                    key_node, where, f"unknown key{suffix}; expected one of: " + ", ".join(known)
                )
            else:
                found[key] = value_node
        for key in required:
            if key not in found:
                self.error(node, join(path, key), "missing")
        return found

    def sequence(self, node: yaml.Node, path: str, *, empty_ok: bool = False) -> list[yaml.Node]:
        """The items of a list node; none, after reporting, if it is not a list (or is empty)."""
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, path, f"expected a list, got {_describe(node)}")
            return []
        if not node.value and not empty_ok:
            self.error(node, path, "is empty")
        return list(node.value)

    def scalar(self, node: yaml.Node, path: str) -> str | None:
        """The text of a scalar as written in the file (never YAML's reading of it)."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, path, f"expected a single value, got {_describe(node)}")
            return None
        if node.tag == _NULL and node.style is None:
            self.error(node, path, "is empty")
            return None
        return node.value

    def string(self, node: yaml.Node, path: str) -> str | None:
        """A scalar's text without surrounding blanks: not empty, no control characters."""
        value = self.scalar(node, path)
        if value is None:
            return None
        if not value.strip():
            self.error(node, path, "is empty")
            return None
        bad = FORBIDDEN.search(value)
        if bad is not None:
            code = ord(bad.group())
            self.error(node, path, f"contains the invisible character U+{code:04X}; remove it")
            return None
        return value.strip()

    def ident(self, node: yaml.Node, path: str) -> str | None:
        """An id for addresses: lowercase letters, digits and inner hyphens, at most 64."""
        value = self.string(node, path)
        if value is not None and not _ID.fullmatch(value):
            self.error(node, path, f"expected lowercase letters, digits and hyphens, got '{value}'")
            return None
        return value

    def choice(self, node: yaml.Node, path: str, choices: Iterable[str]) -> str | None:
        """A string that is one of `choices`."""
        value = self.string(node, path)
        choices = tuple(choices)
        if value is not None and value not in choices:
            self.error(node, path, f"expected one of {', '.join(choices)}, got '{value}'")
            return None
        return value

    def boolean(self, node: yaml.Node, path: str) -> bool | None:
        """true or false, in any case (and nothing else YAML 1.1 would read as one)."""
        value = self.string(node, path)
        if value is None:
            return None
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        self.error(node, path, f"expected true or false, got '{value}'")
        return None

    def positive_int(self, node: yaml.Node, path: str) -> int | None:
        """A number of minutes from 1 to a day's 1440, in ASCII digits."""
        value = self.string(node, path)
        if value is None:
            return None
        if not re.fullmatch(r"[0-9]{1,4}", value) or not 0 < int(value) <= 24 * 60:
            self.error(node, path, f"expected a number of minutes, got '{value}'")
            return None
        return int(value)

    def day(self, node: yaml.Node, path: str) -> date | None:
        """A calendar date written YYYY-MM-DD, in a year from FIRST_YEAR to LAST_YEAR."""
        value = self.string(node, path)
        if value is None:
            return None
        if not _DATE.fullmatch(value):
            self.error(node, path, f"expected a date as YYYY-MM-DD, got '{value}'")
            return None
        try:
            parsed = date.fromisoformat(value)
        except ValueError:
            self.error(node, path, f"{value} is not a date in the calendar")
            return None
        if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            self.error(
                node, path, f"expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {parsed.year}"
            )
            return None
        return parsed

    def clock(self, node: yaml.Node, path: str) -> time | None:
        """A time of day written H:MM or HH:MM on the 24-hour clock."""
        value = self.string(node, path)
        if value is None:
            return None
        match = _TIME.fullmatch(value)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            self.error(node, path, f"expected a time as HH:MM (24-hour clock), got '{value}'")
            return None
        return time(int(match[1]), int(match[2]))

    def url(self, node: yaml.Node, path: str) -> str | None:
        """An http:// or https:// address without blanks, quotes or angle brackets."""
        value = self.string(node, path)
        if value is not None and (not re.fullmatch(r"https?://[^\s<>\"]+", value)):
            self.error(node, path, f"expected an http:// or https:// address, got '{value}'")
            return None
        return value

    def matching(
        self,
        node: yaml.Node,
        path: str,
        pattern: re.Pattern[str],
        expected: str,
        tidy: Callable[[str], str] = str,
    ) -> str | None:
        """A string, tidied by `tidy`, that matches `pattern` whole.

        Otherwise reports `expected <expected>, got '<the tidied value>'`.
        """
        value = self.string(node, path)
        if value is None:
            return None
        value = tidy(value)
        if not pattern.fullmatch(value):
            self.error(node, path, f"expected {expected}, got '{value}'")
            return None
        return value

    def text(self, node: yaml.Node, path: str) -> Text | None:
        """A text in every declared language: `{zh: ..., en: ...}`, perhaps marking some
        translations outdated: `{zh: ..., en: ..., outdated: [en]}`."""
        if isinstance(node, yaml.ScalarNode) and self.languages:
            self.error(
                node,
                path,
                "expected the text in each language ("
                + ", ".join(self.languages)
                + "), e.g. "
                + ", ".join(f"{lang}: ..." for lang in self.languages),
            )
            return None
        return self._per_language(node, path, self.string, marks=True)

    def label(self, node: yaml.Node, path: str) -> Text | None:
        """A short label, such as a version: one for every language, or one each."""
        if isinstance(node, yaml.ScalarNode):
            value = self.string(node, path)
            return None if value is None else dict.fromkeys(self.languages, value)
        return self._per_language(node, path, self.string)

    def links(self, node: yaml.Node, path: str) -> Text | None:
        """An address for every language: one for all, or one each."""
        if isinstance(node, yaml.ScalarNode):
            value = self.url(node, path)
            return None if value is None else dict.fromkeys(self.languages, value)
        return self._per_language(node, path, self.url)

    def _per_language(
        self,
        node: yaml.Node,
        path: str,
        read: Callable[[yaml.Node, str], str | None],
        *,
        marks: bool = False,
    ) -> Text | None:
        """One value per declared language, each read by `read`, in the declared order.

        With `marks`, the mapping may also list outdated translations (see `_outdated`).
        """
        keys = self.mapping(node, path, (), (*UN_LANGUAGES, OUTDATED) if marks else UN_LANGUAGES)
        if keys is None:
            return None
        marked = keys.pop(OUTDATED, None)
        values: dict[str, str] = {}
        ok = True
        for lang, value_node in keys.items():
            if lang not in self.languages:
                # Reported, but the text stays usable: a stray language is not a missing text.
                self.error(
                    value_node,
                    join(path, lang),
                    f"'{lang}' is not a language of this meeting (declared: "
                    + ", ".join(self.languages)
                    + ")",
                )
                continue
            value = read(value_node, join(path, lang))
            if value is None:
                ok = False
            else:
                values[lang] = value
        for lang in self.languages:
            if lang not in keys:
                self.error(node, path, f"missing the '{lang}' text")
                ok = False
        if marked is not None:
            self._outdated(marked, path, keys)
        return {lang: values[lang] for lang in self.languages} if ok else None

    def _outdated(self, node: yaml.Node, path: str, texts: dict[str, yaml.Node]) -> None:
        """Read `outdated: [en, fr]` of the text at `path`, whose values are `texts`.

        Each language listed must be a translation of the meeting, once; each is
        recorded in `self.outdated` at the line of its translation. A text whose
        translation is a copy of the source text (a text new in a revision) is
        recorded as not translated yet.
        """
        where = join(path, OUTDATED)
        translations = [lang for lang in self.languages if lang != self.source]
        example = ", ".join(translations[:2]) or "en"
        if not isinstance(node, yaml.SequenceNode):
            self.error(
                node,
                where,
                f"expected a list of the languages whose translation is outdated, "
                f"such as [{example}], got {_describe(node)}",
            )
            return
        if not node.value:
            self.error(node, where, "is empty; remove it once every translation is updated")
            return
        seen: set[str] = set()
        for index, lang_node in enumerate(node.value):
            lang = self.string(lang_node, f"{where}[{index}]")
            if lang is None:
                continue
            if lang in seen:
                self.error(lang_node, f"{where}[{index}]", f"'{lang}' is listed twice")
            elif lang == self.source:
                self.error(
                    lang_node,
                    f"{where}[{index}]",
                    f"'{lang}' is the source language; only a translation can be outdated",
                )
            elif lang not in translations:
                self.error(
                    lang_node,
                    f"{where}[{index}]",
                    f"'{lang}' is not a translation of this meeting (translations: "
                    + (", ".join(translations) or "none")
                    + ")",
                )
            elif lang in texts:
                self._record_outdated(texts, path, lang)
            seen.add(lang)

    def _record_outdated(self, texts: dict[str, yaml.Node], path: str, lang: str) -> None:
        """List the outdated translation `lang` of the text at `path`, at its line."""
        source = self.source or self.languages[0]
        translation, original = texts[lang], texts.get(source)
        copied = (
            isinstance(translation, yaml.ScalarNode)
            and isinstance(original, yaml.ScalarNode)
            and translation.value.strip() == original.value.strip()
        )
        message = (
            f"not translated yet (a copy of the {source} text)"
            if copied
            else f"outdated translation (the {source} text changed)"
        )
        self.outdated.append(Problem(self.file, line_of(translation), join(path, lang), message))

    def each(
        self,
        node: yaml.Node | None,
        path: str,
        read: Callable[[yaml.Node, str], T | None],
        *,
        empty_ok: bool = True,
    ) -> list[T]:
        """Each item of an optional list read by `read`, leaving out those with a problem."""
        if node is None:
            return []
        results = []
        for index, child in enumerate(self.sequence(node, path, empty_ok=empty_ok)):
            value = read(child, f"{path}[{index}]")
            if value is not None:
                results.append(value)
        return results


def join(path: str, key: str) -> str:
    """The field path of `key` inside `path`: `days[0].blocks`, or `key` at the top level."""
    return f"{path}.{key}" if path else key


def _describe(node: yaml.Node) -> str:
    """How a problem names what it found instead: a mapping, a list, or the value (shortened)."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = " ".join(str(node.value).split())
    return f"'{value[:40]}...'" if len(value) > 40 else f"'{value}'"


def optional(
    keys: dict[str, yaml.Node], key: str, path: str, read: Callable[[yaml.Node, str], T | None]
) -> T | None:
    """`keys[key]` read by `read` at its field path, or None where the key is absent."""
    return read(keys[key], join(path, key)) if key in keys else None
