"""Role lexicons: nouns that name people and organisations by role, and titles before names.

Read from ``data/person_roles.txt`` and ``data/organization_nouns.txt``.

>>> roles = load_roles()
>>> "president" in roles.titles, "spokesman" in roles.person, "agency" in roles.organization
(True, True, True)
"""

from __future__ import annotations

import functools

import attrs

from quoteattr._lexicon.words import read_rows

__all__ = ["Roles", "load_roles"]


@attrs.frozen
class Roles:
    """Person role nouns, titles that may precede a name, and organisation nouns."""

    person: frozenset[str]
    titles: frozenset[str]
    organization: frozenset[str]
    #: Plural or collective nouns for groups that speak ("analysts", "officials", "sources").
    groups: frozenset[str]

    def names_speaker(self, lemma: str) -> bool:
        """True if a common noun with this lemma can name someone who speaks."""
        lemma = lemma.lower()
        return lemma in self.person or lemma in self.organization or lemma in self.groups


@functools.cache
def load_roles() -> Roles:
    """Return the role lexicons shipped in ``quoteattr/data``."""
    person_rows = read_rows("person_roles.txt")
    return Roles(
        person=frozenset(w for w, flags in person_rows if "group" not in flags),
        titles=frozenset(w for w, flags in person_rows if "title" in flags),
        organization=frozenset(w for w, _ in read_rows("organization_nouns.txt")),
        groups=frozenset(w for w, flags in person_rows if "group" in flags),
    )
