"""The role written beside a name, and the words of a role with abbreviations spelled out.

"Russian President Vladimir Putin" gives the role "Russian President"; "Park Won-gon, a
professor at Ewha Womans University" gives "a professor at Ewha Womans University". A
role's words are what descriptions are matched by: "Sen. Ann Lee (R-S.C.)" has the words
senator, republican, south and carolina, so that "the South Carolina senator" finds her.
The role nouns themselves (people, organisations, titles) are in :mod:`quoteattr._lexicon.roles`.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from quoteattr._lexicon.roles import load_roles
from quoteattr._lexicon.words import load_word_classes
from quoteattr._parse.deps import appos, det, pobj, poss, prep
from quoteattr._speakers.mentions import MODIFIER_DEPS

__all__ = ["STATE_WORDS", "party_tag_words", "role_of", "role_words"]

_ABBREVIATIONS = load_word_classes("role_abbreviations.txt")
#: Abbreviations of titles, states and parties, spelled out ("sen" → "senator", "fla" →
#: "florida"), and other words for a role ("justice" → "judge").
_SPELLED_OUT = {
    word: " ".join(spelling)
    for words in _ABBREVIATIONS.classes.values()
    for word, spelling in words.items()
}
#: Words of the state names ("york", "vermont"; not "new", "north", "south", "west").
STATE_WORDS = frozenset(
    w
    for spelling in _ABBREVIATIONS.table("state").values()
    for w in spelling
    if w not in ("new", "north", "south", "west")
)
_PARTY_TAG = re.compile(
    r"\s*[(,]\s*([RDI])\s*[-‐–]\s*([A-Z][A-Za-z.]{1,6}(?:\s?[A-Z][a-z.]{0,4})?)\s*[),]"
)


def role_words(text: str) -> list[str]:
    """The words of a role, abbreviations spelled out ("Sen." → senator, "R-Fla." → florida).

    >>> role_words("Sen. (R-Fla.)")
    ['senator', 'republican', 'florida']
    """
    words: list[str] = []
    for word in re.split(r"[\s\-‐‑–,()]+", text.casefold().replace("’s", "").replace("'s", "")):
        word = word.strip(".")
        if not word:
            continue
        word = _SPELLED_OUT.get(word, _SPELLED_OUT.get(word.replace(".", ""), word))
        words.extend(word.split())
    return words


def party_tag_words(text: str, end: int) -> list[str]:
    """The party and state of a tag after a name: "Tom Diaz (D-Nev.)", "Lee, R-S.C.,".

    ``end`` is where the name ends in ``text``.

    >>> party_tag_words("Tom Diaz (D-Nev.) said", 8)
    ['democrat', 'nevada']
    """
    match = _PARTY_TAG.match(text, end)
    if match is None:
        return []
    return role_words(f"{match.group(1)} {match.group(2)}")


def role_of(mention: Span) -> str | None:
    """Return the title or role written beside a name mention, if any.

    "Russian President Vladimir Putin" gives "Russian President"; "Park Won-gon, a
    professor at Ewha Womans University" gives "a professor at Ewha Womans University".
    """
    doc = mention.doc
    root = mention.root
    parts: list[str] = []
    # Words before the name that modify it ("North Korean leader", "state media").
    left = mention.start
    for child in root.lefts:
        if child.i < mention.start and child.dep in MODIFIER_DEPS:
            left = min(left, child.left_edge.i)
    before = doc[mention.start - 1] if mention.start > 0 else None
    if (
        left == mention.start
        and before is not None
        and before.dep == root.dep
        and before.head.i == root.head.i
        and before.pos_ == "NOUN"
    ):
        # "state news agency KCNA hailed": the parse makes both subjects; one describes the other.
        left = before.left_edge.i
    while left < mention.start and doc[left].dep == det:
        left += 1
    # A possessor alone is whose the speaker is, not what ("North Korea's KCNA").
    possessor = {t.i for child in root.lefts if child.dep == poss for t in child.subtree}
    if left < mention.start and not all(i in possessor for i in range(left, mention.start)):
        parts.append(doc[left : mention.start].text)
    titles = load_roles().titles
    inner = [t for t in mention if t.lower_.rstrip(".") in titles]
    if inner and inner[0].i == mention.start:
        end = mention.start
        while end < mention.end and doc[end].lower_.rstrip(".") in titles:
            end += 1
        parts.append(doc[mention.start : end].text)
    for child in root.rights:
        if child.dep == appos and child.ent_type_ != "PERSON":
            apposition = _strip_punct(doc[child.left_edge.i : child.right_edge.i + 1])
            if apposition is not None:
                parts.append(apposition.text)
            break
    described = _role_it_stands_beside(mention)
    if described is not None:
        parts.append(described.text)
    text = ", ".join(p.strip(" ,") for p in parts if p.strip(" ,"))
    return text or None


def _role_it_stands_beside(mention: Span) -> Span | None:
    """The role a name stands in apposition to: "An attorney for Brandt, Omar Reyes", "The
    Health Secretary, Omar Reyes" (the role without "The")."""
    doc = mention.doc
    root = mention.root
    head = root.head
    if head.dep == pobj and head.head.dep == prep and head.head.head.pos_ == "NOUN":
        head = head.head.head  # the parse hangs the name on "Brandt" in "an attorney for Brandt"
    if not (
        root.dep == appos
        and head.i < mention.start
        and (head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ != "PERSON"))
        and load_roles().names_speaker(head.lemma_.lower())
    ):
        return None
    start = head.left_edge.i
    while start < head.i and doc[start].dep == det:
        start += 1
    return _strip_punct(doc[start : mention.start])


def _strip_punct(span: Span) -> Span | None:
    """A span without punctuation and spaces at either end, or None if nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None
