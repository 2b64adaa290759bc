"""The sieve's description rules: "the Russian president", "her aide, Omar Reyes", "the study".

A description is linked to a name in one of these ways, surest first: a name written
beside it (``apposition``); the person the article gives that title or role
(``description``); the person the sentences before it are about (``salient_person``);
a fuller description of the same thing earlier on (``earlier_description``); the one
person the article is mostly about (``topic_person``). :mod:`quoteattr._speakers.sieve` runs them
in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from quoteattr._lexicon.words import THIRD_PERSON_SINGULAR
from quoteattr._parse.deps import acl, poss, prep, relcl
from quoteattr._quotes.model import Resolution, Speaker
from quoteattr._speakers.mentions import (
    appositive_name,
    definite_start,
    description_text,
    mention_span,
)

if TYPE_CHECKING:
    from quoteattr._speakers.sieve import Mention, SpeakerSieve

__all__ = [
    "apposition",
    "description",
    "earlier_description",
    "role_gender",
    "salient_person",
    "topic_person",
]

#: Nouns that news uses for the same thing in turn ("a fresh poll ... the survey").
_SAME_THING = {
    word: group
    for group in (
        frozenset(["poll", "survey"]),
        frozenset(["report", "study", "analysis", "paper"]),
        frozenset(["ad", "advertisement", "spot", "commercial", "video", "clip"]),
        frozenset(["letter", "memo", "note"]),
    )
    for word in group
}
#: Capitalised words in a description that do not tell people apart.
_NEUTRAL_PROPER = frozenset(
    [
        "former",
        "u.s.",
        "us",
        "american",
        "republican",
        "democratic",
        "gop",
        "presidential",
        "new",
        "top",
        "then",
        "current",
        "senior",
    ]
)
_FEMALE_ROLES = frozenset(["wife", "mother", "daughter", "sister", "widow", "girl", "lady"])
_MALE_ROLES = frozenset(["husband", "father", "son", "brother", "widower", "boy"])


def role_gender(noun: str) -> str | None:
    """The gender a role noun gives ("spokeswoman": female, "businessman": male), or None."""
    if noun.endswith("woman") or noun in _FEMALE_ROLES:
        return "female"
    if noun.endswith("man") or noun in _MALE_ROLES:
        return "male"
    return None


def _definite_role(sieve: SpeakerSieve, written: Span, determiners: tuple[str, ...]) -> bool:
    """True for a singular description of a person's role that opens with one of
    ``determiners`` ("the Republican nominee")."""
    root = written.root
    return (
        root.tag_ not in ("NNS", "NNPS")
        and root.lemma_.lower() in sieve.names.roles.person
        and written[0].lower_ in determiners
    )


def _proper_words(written: Span) -> set[str]:
    """The capitalised modifiers of a description, its first word aside ("Vermont" in
    "the Vermont senator")."""
    root = written.root
    return {
        w.lower_ for w in written if w.i != root.i and w.text[:1].isupper() and w.i != written.start
    }


def _previous_person_subject(sieve: SpeakerSieve, tok: Token, written: Span) -> Span | None:
    """The nearest person subject before a description, whose roles do not contradict it."""
    names = sieve.names
    antecedents = sieve.antecedents
    proper = _proper_words(written)
    for subject in antecedents.subjects_before(tok, written.start, sentences=4):
        if subject.lower_ in THIRD_PERSON_SINGULAR:
            chained = antecedents.pronoun_antecedent(subject)
            person = chained[0] if chained is not None else None
        else:
            person = sieve.descriptions.as_person(subject)
            person = antecedents.name_of(person) if person is not None else None
        if person is None:
            continue
        entry = names.entry_for(person)
        if entry is not None and sieve.descriptions.contradicts(entry, proper - _NEUTRAL_PROPER):
            return None  # "the Vermont senator" is not the senator from South Carolina
        gender = role_gender(tok.lower_)
        if gender is not None and names.gender(person) not in (None, gender):
            continue  # "the businessman" is not the woman named before
        return person
    return None


def _earlier_mention_of(sieve: SpeakerSieve, tok: Token) -> Span | None:
    """An earlier, fuller noun phrase with the same head noun as ``tok`` ("a new study")."""
    lemma = tok.lemma_.lower()
    same = _SAME_THING.get(lemma, frozenset([lemma]))
    doc = tok.doc
    start = doc[sieve.antecedents.window_start(tok)].i
    best: Span | None = None
    for other in doc[start : tok.i]:
        if (
            other.lemma_.lower() not in same
            or other.pos_ != "NOUN"
            or sieve.names.in_quote(other.idx)
        ):
            continue
        phrase = mention_span(other)
        if len(phrase) > 2 or phrase[0].lower_ in ("a", "an"):
            best = best or phrase
    return best


# -- the rules ------------------------------------------------------------------------------


def apposition(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """A description with a name beside it: "her aide, Omar Reyes"."""
    if m.kind != "description":
        return None
    name = appositive_name(m.written.root)
    if name is None:
        return None
    return sieve.named(name, m.written, Resolution.APPOSITION, role=description_text(m.written))


def description(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """ "the Russian president": the person the article gives that title or role."""
    if m.kind != "description":
        return None
    entry = sieve.descriptions.resolve(m.written)
    if entry is None:
        return None
    return sieve.from_entry(
        entry, m.written, Resolution.DESCRIPTION, role=entry.role or description_text(m.written)
    )


def salient_person(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """ "The Republican nominee said": a definite description of a person the article has
    not given that role, linked to the person the sentences before it are about (their
    subject), unless a place, party or nationality in it says otherwise."""
    if m.kind != "description":
        return None
    written = m.written
    if not _definite_role(sieve, written, ("the", "this", "that")):
        return None
    person = _previous_person_subject(sieve, written.root, written)
    if person is None:
        return None
    return sieve.named(person, written, Resolution.SALIENT_PERSON, role=description_text(written))


def earlier_description(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """ "the report", "the ad": the fuller description an earlier sentence gave the same
    thing ("a new study by two researchers ... The study found ...")."""
    if m.kind != "description" or not definite_start(m.written):
        return None
    root = m.written.root
    if root.tag_ in ("NNS", "NNPS") or root.lemma_.lower() in sieve.names.roles.person:
        return None
    if any(
        t.pos_ == "PROPN" or t.ent_type_ or t.dep in (prep, acl, relcl) for t in root.children
    ) or any(t.pos_ == "PROPN" for t in m.written if t.i < root.i):
        return None  # "The Acme/Civis poll", "the survey by ...": it says enough itself
    earlier = _earlier_mention_of(sieve, root)
    if earlier is None:
        return None
    return sieve.speaker(m.written, description_text(earlier), Resolution.DESCRIPTION)


def topic_person(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """ "The Vermont senator said", in a story about Sen. Tom Diaz: a definite description
    of a person's role, with no owner, linked to the one person the article is mostly
    about, unless a place in it says otherwise."""
    if m.kind != "description":
        return None
    written = m.written
    root = written.root
    if not _definite_role(sieve, written, ("the", "this")) or any(
        c.dep in (poss, prep) for c in root.children
    ):
        return None
    descriptions = sieve.descriptions
    entry = descriptions.topic_person(written.start_char, gender=role_gender(root.lower_))
    if entry is None:
        return None
    if descriptions.contradicts(entry, _proper_words(written) - _NEUTRAL_PROPER):
        return None
    return sieve.from_entry(entry, written, Resolution.TOPIC_PERSON, role=description_text(written))
