"""The comparison key of a person's or organisation's name, the same wherever names are compared.

Speaker naming in an article (:mod:`quoteattr._speakers.speakers`), speaker merging across articles
(:mod:`quoteattr._corpus.profiles`) and scoring (:mod:`quoteattr._eval.evaluate`) compare names by this
key. It needs no parser, so store-only commands can use it without loading spaCy.
"""

from __future__ import annotations

import re

__all__ = ["JOINING_WORDS", "is_joint", "name_key"]

_KEY_SPLIT = re.compile(r"[\s\-‐‑–]+")

#: The words that join names into one speaker's name ("Ann Lee and Tom Diaz").
JOINING_WORDS = frozenset(["and", "&"])


def name_key(text: str) -> tuple[str, ...]:
    """Return the comparison key of a name: lower-case words, hyphens and dots ignored.

    >>> name_key("Kim Jong-un") == name_key("Kim Jong Un")
    True
    >>> name_key("O’Neill") == name_key("O'Neill")
    True
    """
    text = text.replace("’", "'").replace("‘", "'").replace("'s", "").replace(".", "")
    return tuple(w for w in _KEY_SPLIT.split(text.casefold()) if w)


def is_joint(key: tuple[str, ...]) -> bool:
    """True if a name key joins names: a joining word between other words.

    "Ann Lee and Tom Diaz" speak together; so do the words of an organisation named with
    "and" ("Immigration and Customs Enforcement"), whose parts are no names of it either.

    >>> is_joint(name_key("Lee and Diaz")), is_joint(name_key("Lee"))
    (True, False)
    """
    return any(word in JOINING_WORDS for word in key[1:-1])
