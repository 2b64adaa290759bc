"""The sieve's name rules: a speaker mention that is a name already.

``explicit`` gives a name in its fullest form in the article ("Putin" → "Vladimir
Putin"), with the names joined to it by "and" ("Lee and Okafor said"); ``family`` gives
"the Reyeses" as the people of that surname the article names. :mod:`quoteattr._speakers.sieve`
runs them in order with the pronoun and description rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from quoteattr._parse.deps import cc, conj, det, punct
from quoteattr._quotes.model import Resolution, Speaker
from quoteattr._speakers.mentions import mention_kind, mention_span

if TYPE_CHECKING:
    from quoteattr._speakers.sieve import Mention, SpeakerSieve

__all__ = ["explicit", "family"]


def explicit(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """A name: its fullest form in the article ("Putin" → "Vladimir Putin"); names joined
    by "and" speak together ("Lee and Okafor said": "Ann Lee and Maria Okafor")."""
    if m.kind != "name":
        return None
    others = _coordinated_names(m)
    if others:
        written = m.token.doc[m.written.start : others[-1].end]
        return sieve.jointly(written, [m.written, *others], Resolution.EXPLICIT)
    return sieve.named(m.written, m.written, Resolution.EXPLICIT)


def _coordinated_names(m: Mention) -> list[Span]:
    """The names joined to a name mention by "and" or commas, right after it, or []."""
    others = [
        mention_span(c)
        for c in m.token.children
        if c.dep == conj and c.i > m.token.i and c.pos_ == "PROPN"
    ]
    if not others or any(mention_kind(o) != "name" for o in others):
        return []
    inside = {t.i for o in others for t in o}
    between = m.token.doc[m.written.end : others[-1].end]
    if any(t.i not in inside and t.dep not in (cc, punct) for t in between):
        return []
    return others


def family(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """ "the Reyeses": the people of that surname the article names ("Omar Reyes and Lucia
    Reyes"), in the order it names them."""
    if m.kind not in ("description", "name"):
        return None
    root = m.written.root
    if (
        not any(c.dep == det and c.lower_ == "the" for c in root.children)
        or root.tag_ != "NNPS"
        or not root.text.endswith("s")
        or any(t.i != root.i and t.dep != det for t in m.written)
    ):
        return None
    surname = root.lower_[:-1] if not root.lower_.endswith("es") else root.lower_[:-2]
    members = sorted(
        sieve.names.full_names_ending(surname, root.lower_[:-1]),
        key=lambda e: min(e.positions, default=0),
    )
    if len(members) < 2:
        return None
    names = " and ".join(e.text for e in members)
    return sieve.speaker(m.written, names, Resolution.DESCRIPTION, role="family")
