"""Word lists shipped in ``quoteattr/data``, read with :mod:`importlib.resources`.

A list is a text file of rows ``word [field ...]``; ``#`` starts a comment. A file of
word classes has rows ``word class [argument ...]``:

>>> classes = load_word_classes("indirect_words.txt")
>>> "liken" in classes.words("comparing")
True
>>> sorted(classes.table("topic")["speak"])
['about', 'of']
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Dict, FrozenSet, List, Mapping, Tuple

import attrs

__all__ = ["WordClasses", "load_word_classes", "read_rows"]


def read_rows(name: str) -> List[Tuple[str, List[str]]]:
    """The rows of ``quoteattr/data/<name>``: (first word, lower case; the other fields)."""
    text = resources.files("quoteattr").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            parts = line.split()
            rows.append((parts[0].lower(), parts[1:]))
    return rows


@attrs.frozen
class WordClasses:
    """Words by class, each with the arguments its row gives (class → word → arguments)."""

    classes: Mapping[str, Mapping[str, Tuple[str, ...]]]

    def words(self, name: str) -> FrozenSet[str]:
        """The words of a class (an unknown class is an error: a typo, not an empty list)."""
        return frozenset(self._class(name))

    def table(self, name: str) -> Dict[str, FrozenSet[str]]:
        """The words of a class, each with the set of its arguments."""
        return {word: frozenset(args) for word, args in self._class(name).items()}

    def _class(self, name: str) -> Mapping[str, Tuple[str, ...]]:
        try:
            return self.classes[name]
        except KeyError:
            raise KeyError(f"no word class {name!r}; known: {', '.join(self.classes)}") from None


@functools.cache
def load_word_classes(name: str) -> WordClasses:
    """Return the word classes of ``quoteattr/data/<name>`` (rows ``word class [args]``)."""
    classes: Dict[str, Dict[str, Tuple[str, ...]]] = {}
    for word, fields in read_rows(name):
        if not fields:
            raise ValueError(f"{name}: the word {word!r} has no class")
        word_class, *args = fields
        classes.setdefault(word_class, {})[word] = tuple(a.lower() for a in args)
    return WordClasses(classes)
