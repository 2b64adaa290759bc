"""The comparison key of a person's or organisation's name, the same wherever names are compared.

Speaker naming in an article (:mod:`quoteattr._speakers.speakers`), speaker merging across articles
(:mod:`quoteattr._corpus.profiles`) and scoring (:mod:`quoteattr._eval.evaluate`) compare names by this
key. It needs no parser, so store-only commands can use it without loading spaCy.
"""

from __future__ import annotations

import re

__all__ = ["name_key"]

_KEY_SPLIT = re.compile(r"[\s\-‐‑–]+")


def name_key(text: str) -> tuple[str, ...]:
    """Return the comparison key of a name: lower-case words, hyphens and dots ignored.

    >>> name_key("Kim Jong-un") == name_key("Kim Jong Un")
    True
    >>> name_key("O’Neill") == name_key("O'Neill")
    True
    """
    text = text.replace("’", "'").replace("‘", "'").replace("'s", "").replace(".", "")
    return tuple(w for w in _KEY_SPLIT.split(text.casefold()) if w)
