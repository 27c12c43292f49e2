"""The languages the importer reads, one table each, and how a document's language is told."""

from __future__ import annotations

import re

from ..language import AnyLanguage, Language
from ..text import fold
from .ar import ARABIC_LANGUAGE
from .en import ENGLISH
from .es import SPANISH
from .fr import FRENCH
from .ru import RUSSIAN
from .zh import CHINESE

# In the order the reader tries their forms where a document may mix them (day lines).
LANGUAGES: tuple[Language, ...] = (CHINESE, RUSSIAN, ARABIC_LANGUAGE, ENGLISH, FRENCH, SPANISH)
DEFAULT = ENGLISH
BY_CODE = {language.code: language for language in LANGUAGES}

ANY_LANGUAGE = AnyLanguage.of(LANGUAGES)


def detect(content: str) -> Language:
    """The language of a document whose text is `content`, one line a line.

    A document more than 15 % of whose characters are in a language's own script is in
    that language; of the others, it is in the language whose day lines it has most of
    (English where it has none).
    """
    for language in LANGUAGES:
        if language.script is not None:
            written = len(re.findall(rf"[{language.script}]", content))
            if written > len(content) * 0.15:
                return language
    lines = [fold(line) for line in content.splitlines()]
    counts = {
        language.code: sum(
            1 for line in lines if any(pattern.match(line) for pattern in language.day_lines)
        )
        for language in LANGUAGES
        if language.script is None
    }
    best = max(counts.values(), default=0)
    if best == 0 or counts.get(DEFAULT.code) == best:
        return DEFAULT
    return next(BY_CODE[code] for code, count in counts.items() if count == best)
