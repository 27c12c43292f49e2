"""The languages the importer reads, one table each, and how a document's language is told."""

from __future__ import annotations

import re

from ..language import AnyLanguage, Language
from .en import ENGLISH
from .zh import CHINESE

# In the order the reader tries their forms where a document may mix them (day lines).
LANGUAGES: tuple[Language, ...] = (CHINESE, ENGLISH)
DEFAULT = ENGLISH

# Markers of the languages that have no table yet, recognised in documents of any language.
# They move into their tables when those come.
_CONTINUED_WITHOUT_TABLE = ("suite", "continuación")

ANY_LANGUAGE = AnyLanguage.of(LANGUAGES, continued=_CONTINUED_WITHOUT_TABLE)


def detect(content: str) -> Language:
    """The language of a document whose text is `content`.

    A document more than 15 % of whose characters are in a language's own script is in
    that language; any other is in English.
    """
    for language in LANGUAGES:
        if language.script is not None:
            written = len(re.findall(rf"[{language.script}]", content))
            if written > len(content) * 0.15:
                return language
    return DEFAULT
