"""The gendered pronouns of an article that refer to each of its speakers.

A speaker's :attr:`~quoteattr.Speaker.male_refs` and
:attr:`~quoteattr.Speaker.female_refs` count the pronouns of
:data:`~quoteattr._lexicon.words.PRONOUN_GENDER` ("he", "his", "her" ...) in the
article that refer to the speaker, from three sources, each pronoun counted once (by
its place in the text):

* **speaker mentions**: a quote's speaker mention that is such a pronoun, resolved to a
  name by any rule of the sieve ("he said" given to Vladimir Putin);
* **quoteattr's rules, elsewhere**: every other such pronoun outside quotation marks
  ("his third trip abroad", "giving him a stage") through the speaker sieve without the
  coreference model, taken only when its surest pronoun rules decide
  (``clause_subject``, ``previous_subject``), and not when the person is the subject of
  the pronoun's own clause ("the Russian president invited him" is not the president;
  a possessive or reflexive pronoun may be);
* **coreference**: the chains of the windows coreferee annotated for the sieve (nothing
  more is annotated: a whole article made extraction four times slower), each mention
  that is one such pronoun, when the chain's names are those of one person.

Only speakers named in the article get counts. They are worked out after every speaker
is resolved, so they never change who a quote's speaker is; a long article parsed in
chunks is counted chunk by chunk."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs
from spacy.tokens import Doc, Token

from quoteattr._lexicon.words import PRONOUN_GENDER
from quoteattr._parse.coref import DocCoreference
from quoteattr._quotes.model import Resolution, Speaker
from quoteattr._speakers.mentions import mention_span
from quoteattr._speakers.speakers import ArticleNames

if TYPE_CHECKING:
    from quoteattr._speakers.sieve import SpeakerSieve

__all__ = ["clean_name", "count_references", "with_references"]

#: Pronoun places (offsets in the article) by gender, by the speaker's name.
References = dict[str, dict[str, set[int]]]

#: The rules of the sieve whose resolution of a pronoun that is no speaker's mention is
#: taken (the surest of the pronoun rules, without the coreference model).
_SURE_RULES = frozenset([Resolution.CLAUSE_SUBJECT, Resolution.PREVIOUS_SUBJECT])


def clean_name(name: str) -> str:
    """A speaker's name as :class:`~quoteattr._speakers.sieve.SpeakerSieve` writes it."""
    return " ".join(name.replace("\u00a0", " ").split()).strip("-—–,;: \"'“”‘’") or name


def _chain_person(names: ArticleNames, chain: Sequence[Sequence[Token]]) -> str | None:
    found: set[str] = set()
    for mention in chain:
        for tok in mention:
            entry = names.entry_for_token(tok)
            if entry is None:
                continue
            if not entry.is_person:
                return None
            found.add(clean_name(names.fullest_name(mention_span(tok))[0]))
    return next(iter(found)) if len(found) == 1 else None


def _own_subjects(tok: Token, sieve: SpeakerSieve) -> set[str]:
    """Who the subject of a pronoun's own clause is, when the pronoun cannot be them:
    "him" of "the Russian president invited him" is not the president. Possessives
    ("his") and reflexives ("himself") can be, and give nothing."""
    if tok.dep_ == "poss" or tok.lower_.endswith("self"):
        return set()
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    found = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i != tok.i:
            speaker = sieve.resolve(child)
            if speaker is not None:
                found.add(speaker.name)
    return found


def count_references(
    doc: Doc,
    speakers: Sequence[Speaker | None],
    names: ArticleNames,
    coreference: DocCoreference | None,
    offset: int = 0,
    sieve: SpeakerSieve | None = None,
) -> References:
    """The gendered pronouns that refer to each named speaker (see the module docstring).

    ``offset`` is where ``doc``'s text starts in the article.
    """
    named = {s.name for s in speakers if s is not None and s.resolution.named}
    found: References = {}
    if not named:
        return found

    def add(name: str, gender: str, at: int) -> None:
        if name in named:
            found.setdefault(name, {}).setdefault(gender, set()).add(at)

    for speaker in speakers:
        if speaker is None or not speaker.resolution.named or speaker.start is None:
            continue
        gender = PRONOUN_GENDER.get(speaker.mention.strip().lower())
        if gender is not None:
            add(speaker.name, gender, speaker.start)
    pronouns = [t for t in doc if t.lower_ in PRONOUN_GENDER and not names.in_quote(t.idx)]
    if not pronouns:
        return found
    if sieve is not None:
        for tok in pronouns:
            resolved = sieve.resolve(tok)
            if resolved is None or resolved.resolution not in _SURE_RULES:
                continue
            if resolved.name not in _own_subjects(tok, sieve):
                add(resolved.name, PRONOUN_GENDER[tok.lower_], tok.idx + offset)
    if coreference is None:
        return found
    for chain in coreference.chains():
        person = _chain_person(names, chain)
        if person is None or person not in named:
            continue
        for mention in chain:
            if len(mention) == 1:
                gender = PRONOUN_GENDER.get(mention[0].lower_)
                if gender is not None:
                    add(person, gender, mention[0].idx + offset)
    return found


def with_references(speaker: Speaker | None, found: References) -> Speaker | None:
    """The speaker with its counts of ``found`` (unchanged if it has none)."""
    if speaker is None or not speaker.resolution.named or speaker.name not in found:
        return speaker
    places = found[speaker.name]
    return attrs.evolve(
        speaker,
        male_refs=len(places.get("male", ())),
        female_refs=len(places.get("female", ())),
    )
