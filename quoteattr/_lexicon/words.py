"""What quoteattr knows about words: the shipped word lists and the closed word classes.

Every rule module takes its pronouns, entity-label groups and word lists from here, so
each piece of knowledge is written once. The lists shipped in ``quoteattr/data`` are
read with :mod:`importlib.resources`.

A list is a text file of rows ``word [field ...]``; ``#`` starts a comment. Every list,
shipped or a user's (a custom cue list), is split into rows by :func:`parse_rows`, which
keeps each row's file and line for error messages. A file of word classes has rows
``word class [argument ...]``:

>>> classes = load_word_classes("indirect_words.txt")
>>> "liken" in classes.words("comparing")
True
>>> sorted(classes.table("topic")["speak"])
['about', 'of']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from importlib import resources

import attrs

__all__ = [
    "AGENT_LABELS",
    "COLLECTIVE_LABELS",
    "FIRST_PERSON_SINGULAR",
    "GENDERED_TITLES",
    "GROUP_LABELS",
    "INNER_NAME_WORDS",
    "NAMELESS_SPEAKERS",
    "NAME_LABELS",
    "NAME_PARTICLES",
    "NEUTER_PRONOUNS",
    "NUMERIC_LABELS",
    "ORG_JOINING",
    "PEOPLE_LABELS",
    "PERSONAL_PRONOUNS",
    "PLURAL_PRONOUNS",
    "PRONOUN_GENDER",
    "RELATIVE_PRONOUNS",
    "SOURCE_LABELS",
    "SPEAKING_PRONOUNS",
    "THIRD_PERSON_SINGULAR",
    "TIME_LABELS",
    "Row",
    "WordClasses",
    "load_word_classes",
    "parse_rows",
    "read_rows",
    "shipped_rows",
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
#: Third-person singular pronouns that point to one person ("he", "her"), reflexives aside.
THIRD_PERSON_SINGULAR = frozenset(["he", "him", "his", "she", "her", "hers"])
#: The first-person singular pronouns by which a writer speaks of themself.
FIRST_PERSON_SINGULAR = frozenset(["i", "me", "my"])
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
#: Entities made of people, which may speak through a line label ("SMITH:"): agents and
#: groups named by nationality, religion or politics (not places).
PEOPLE_LABELS = AGENT_LABELS | frozenset({"NORP"})
#: Entities that are dates, times, numbers or amounts: never a speaker ("said Sunday").
NUMERIC_LABELS = frozenset(["DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"])
#: Entities that say when something happened, never what was said ("called ... on Sunday").
TIME_LABELS = frozenset({"DATE", "TIME"})
#: Entities whose words are a proper name (a mention of one is a name, not a description).
NAME_LABELS = SOURCE_LABELS | frozenset({"FAC", "PRODUCT", "WORK_OF_ART", "LOC"})

# -- the word-list format -----------------------------------------------------------------


@attrs.frozen
class Row:
    """One row of a word list: its fields, and where it stands, for error messages."""

    #: The file (or other source) the row comes from, and its line number there (from 1).
    source: str
    line: int
    #: The line as written, comment and all.
    raw: str
    #: The fields of the row: its words, split at whitespace (at least one).
    fields: tuple[str, ...]

    @property
    def where(self) -> str:
        """``source:line``, the row's place for a message."""
        return f"{self.source}:{self.line}"

    @property
    def content(self) -> str:
        """The row without its comment and the space around it."""
        return self.raw.split("#", 1)[0].strip()


def parse_rows(lines: Iterable[str], source: str) -> list[Row]:
    """The rows of a word list given as lines: ``#`` starts a comment, blank rows are skipped.

    >>> [(r.where, r.fields) for r in parse_rows(["# cues", "say verb  # the first"], "x.txt")]
    [('x.txt:2', ('say', 'verb'))]
    """
    rows = []
    for number, raw in enumerate(lines, 1):
        fields = raw.split("#", 1)[0].split()
        if fields:
            rows.append(Row(source, number, raw, tuple(fields)))
    return rows


def shipped_rows(name: str) -> list[Row]:
    """The rows of the word list ``quoteattr/data/<name>``."""
    text = resources.files("quoteattr").joinpath("data", name).read_text(encoding="utf-8")
    return parse_rows(text.splitlines(), f"quoteattr/data/{name}")


def read_rows(name: str) -> list[tuple[str, list[str]]]:
    """The rows of ``quoteattr/data/<name>``: (first word, lower case; the other fields)."""
    return [(row.fields[0].lower(), list(row.fields[1:])) for row in shipped_rows(name)]


@attrs.frozen
class WordClasses:
    """Words by class, each with the arguments its row gives (class → word → arguments)."""

    classes: Mapping[str, Mapping[str, tuple[str, ...]]]

    def words(self, name: str) -> frozenset[str]:
        """The words of a class (an unknown class is an error: a typo, not an empty list)."""
        return frozenset(self._class(name))

    def table(self, name: str) -> dict[str, frozenset[str]]:
        """The words of a class, each with the set of its arguments."""
        return {word: frozenset(args) for word, args in self._class(name).items()}

    def _class(self, name: str) -> Mapping[str, tuple[str, ...]]:
        try:
            return self.classes[name]
        except KeyError:
            raise KeyError(f"no word class {name!r}; known: {', '.join(self.classes)}") from None


@functools.cache
def load_word_classes(name: str) -> WordClasses:
    """Return the word classes of ``quoteattr/data/<name>`` (rows ``word class [args]``)."""
    classes: dict[str, dict[str, tuple[str, ...]]] = {}
    for row in shipped_rows(name):
        word, *fields = row.fields
        if not fields:
            raise ValueError(f"{row.where}: the word {word!r} has no class")
        word_class, *args = fields
        classes.setdefault(word_class, {})[word.lower()] = tuple(a.lower() for a in args)
    return WordClasses(classes)


# -- lower-case words inside names ------------------------------------------------------

#: Lower-case particles inside people's names ("Charles de Gaulle", "Ludwig van Beethoven").
NAME_PARTICLES = load_word_classes("mention_words.txt").words("particle")
#: Lower-case words inside organisations' names ("Bank of America").
ORG_JOINING = frozenset(["of", "and", "for", "the", "on", "&", "a", "to"])
#: Lower-case words that stand inside names ("Bank of America", "Charles de Gaulle").
INNER_NAME_WORDS = NAME_PARTICLES | ORG_JOINING | {"at", "in"}
