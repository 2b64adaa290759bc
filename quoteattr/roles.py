"""Role lexicons: nouns that name people and organisations by role, and titles before names.

Read from ``data/person_roles.txt`` and ``data/organization_nouns.txt``.

>>> roles = load_roles()
>>> "president" in roles.titles, "spokesman" in roles.person, "agency" in roles.organization
(True, True, True)
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import FrozenSet, List, Tuple

import attrs

__all__ = ["Roles", "load_roles"]


@attrs.frozen
class Roles:
    """Person role nouns, titles that may precede a name, and organisation nouns."""

    person: FrozenSet[str]
    titles: FrozenSet[str]
    organization: FrozenSet[str]
    #: Plural or collective nouns for groups that speak ("analysts", "officials", "sources").
    groups: FrozenSet[str]

    def names_speaker(self, lemma: str) -> bool:
        """True if a common noun with this lemma can name someone who speaks."""
        lemma = lemma.lower()
        return lemma in self.person or lemma in self.organization or lemma in self.groups


def _rows(name: str) -> List[Tuple[str, List[str]]]:
    text = resources.files("quoteattr").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            parts = line.split()
            rows.append((parts[0].lower(), parts[1:]))
    return rows


@functools.cache
def load_roles() -> Roles:
    """Return the role lexicons shipped in ``quoteattr/data``."""
    person_rows = _rows("person_roles.txt")
    return Roles(
        person=frozenset(w for w, flags in person_rows if "group" not in flags),
        titles=frozenset(w for w, flags in person_rows if "title" in flags),
        organization=frozenset(w for w, _ in _rows("organization_nouns.txt")),
        groups=frozenset(w for w, flags in person_rows if "group" in flags),
    )
