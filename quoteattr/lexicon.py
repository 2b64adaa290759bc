"""What quoteattr knows about words: the shipped word lists and the closed word classes.

Every rule module takes its pronouns, entity-label groups and word lists from here, so
each piece of knowledge is written once. The lists shipped in ``quoteattr/data`` are
read with :mod:`importlib.resources`.

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

__all__ = [
    "AGENT_LABELS",
    "COLLECTIVE_LABELS",
    "GENDERED_TITLES",
    "GROUP_LABELS",
    "NAMELESS_SPEAKERS",
    "NAME_LABELS",
    "NEUTER_PRONOUNS",
    "PERSONAL_PRONOUNS",
    "PLURAL_PRONOUNS",
    "PRONOUN_GENDER",
    "RELATIVE_PRONOUNS",
    "SOURCE_LABELS",
    "SPEAKING_PRONOUNS",
    "WordClasses",
    "load_word_classes",
    "read_rows",
]

# -- pronouns -----------------------------------------------------------------------------

#: Personal, possessive and reflexive pronouns, lower case.
PERSONAL_PRONOUNS = frozenset(
    [
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "it",
        "its",
        "itself",
        "we",
        "us",
        "our",
        "ours",
        "ourselves",
        "i",
        "me",
        "my",
        "mine",
        "myself",
        "you",
        "your",
        "yours",
    ]
)
#: The pronouns that may stand as the subject of a reporting verb for a speaker.
SPEAKING_PRONOUNS = frozenset(["he", "she", "they", "i", "we", "who"])
#: Pronouns that point to more than one person, or to a group.
PLURAL_PRONOUNS = frozenset(["they", "them", "their"])
#: Pronouns that point to a thing, never to a person.
NEUTER_PRONOUNS = frozenset(["it", "its"])
#: Pronouns that open a relative clause.
RELATIVE_PRONOUNS = frozenset(["who", "which", "that", "whom", "whose"])
#: Words that name nobody when they stand for a speaker (pronouns of every kind).
NAMELESS_SPEAKERS = PERSONAL_PRONOUNS | RELATIVE_PRONOUNS
#: The gender a pronoun gives the person it points to.
PRONOUN_GENDER = {
    **{p: "male" for p in ("he", "him", "his", "himself")},
    **{p: "female" for p in ("she", "her", "hers", "herself")},
}
#: The gender a title gives the person it comes before (lower case, without a full stop).
GENDERED_TITLES = {
    **{t: "male" for t in ("mr", "sir", "lord", "king", "prince", "father", "brother")},
    **{t: "female" for t in ("mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sister")},
}

# -- entity labels ------------------------------------------------------------------------

#: Entities that speak for themselves: people and organisations.
AGENT_LABELS = frozenset({"PERSON", "ORG"})
#: Groups named by nationality, religion, politics, or by a place standing for its government.
GROUP_LABELS = frozenset({"NORP", "GPE"})
#: Entities that may be given as a source: agents and groups.
SOURCE_LABELS = AGENT_LABELS | GROUP_LABELS
#: Entities that are bodies of people rather than one person.
COLLECTIVE_LABELS = frozenset({"ORG"}) | GROUP_LABELS
#: Entities whose words are a proper name (a mention of one is a name, not a description).
NAME_LABELS = SOURCE_LABELS | frozenset({"FAC", "PRODUCT", "WORK_OF_ART", "LOC"})

# -- shipped word lists -------------------------------------------------------------------


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
