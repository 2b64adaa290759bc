"""Speaker mentions: the words a speaker's head token stands for, and what kind they are.

The attribution rules give a quote the head token of its speaker. :func:`mention_span`
widens it to the mention as written: a named entity ("Kim Jong Un", "KCNA"), a pronoun
("he") or a description ("the Russian president", "Ukraine’s foreign minister");
:func:`mention_kind` says which of these it is, and :func:`is_speaker_mention` whether
it can name anyone at all (a clitic, a lone "some" or a dateline cannot).

>>> import spacy
>>> doc = spacy.tokens.Doc(spacy.vocab.Vocab(), words=["Ann", "Lee", "said"],
...     heads=[1, 2, 2], deps=["compound", "nsubj", "ROOT"], pos=["PROPN", "PROPN", "VERB"],
...     ents=["B-PERSON", "I-PERSON", "O"])
>>> mention_span(doc[1]).text, mention_kind(mention_span(doc[1]))
('Ann Lee', 'name')
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

from quoteattr._lexicon.roles import load_roles
from quoteattr._lexicon.words import (
    AGENT_LABELS,
    INNER_NAME_WORDS,
    NAME_LABELS,
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
    load_word_classes,
)
from quoteattr._marks.paragraphs import TITLE_SMALL_WORDS
from quoteattr._parse.deps import (
    amod,
    appos,
    case,
    compound,
    det,
    flat,
    nmod,
    nummod,
    poss,
    prep,
    punct,
    quantmod,
    relcl,
)
from quoteattr._rules.syntax import (
    capitalised_word,
    doc_cached,
    doc_text,
    line_end_of,
    line_start_of,
    title_case_between,
)

__all__ = [
    "MODIFIER_DEPS",
    "after_hyphen",
    "appositive_name",
    "definite_start",
    "description_text",
    "is_speaker_mention",
    "mention_kind",
    "mention_span",
    "nameable",
    "non_speaker_words",
    "strip_possessive",
    "trim_entity",
]

#: The dependencies of the words before a noun that belong to its phrase.
MODIFIER_DEPS = frozenset({det, poss, amod, compound, nmod, nummod, case, quantmod})
_WORDS = load_word_classes("mention_words.txt")
#: Words that name a part of a group: "many of the delegates", "one of her advisers".
_PARTITIVES = _WORDS.words("partitive")
#: Indefinite pronouns that a place makes a speaker: "someone in the crowd".
_INDEFINITES = frozenset(["someone", "somebody", "one", "another", "others", "anyone"])
_PLACE_PREPOSITIONS = frozenset(["in", "at", "from", "near", "on", "outside", "inside"])
#: Clitics, and the letters a tokeniser leaves of them ("don't" → "don", "t").
_CLITIC_WORDS = load_word_classes("speaker_words.txt").words("clitic") | {"s", "t"}
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]*\.?(?:\s+\d{1,2})?)?\s*"
    r"(?:\([^()\n]{1,40}\))?\s*[-—–]{1,2}\s"
)


# -- the span of a mention ------------------------------------------------------------------


def _entity_of(tok: Token) -> Span | None:
    if not tok.ent_type_:
        return None
    return doc_cached(tok.doc, "entity of token", _entities_by_token).get(tok.i)


def _entities_by_token(doc: Doc) -> dict[int, Span]:
    """The entity of ``doc.ents`` that holds each token, by the token's index.

    Worked out once per doc: ``doc.ents`` builds every entity anew on each call, and
    looking a speaker's entity up in it made an article of many quotes quadratic.
    """
    return {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}


def strip_possessive(span: Span) -> Span:
    """A span without a possessive "’s" and punctuation at its end, or punctuation first."""
    end = span.end
    while end > span.start + 1 and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    start = span.start
    while start < end - 1 and span.doc[start].is_punct:
        start += 1
    return span.doc[start:end]


def _in_headline(span: Span) -> bool:
    """True if a line of ``span`` is a headline written in Title Case."""
    doc = span.doc
    start, end = line_start_of(doc, span.start_char), line_end_of(doc, span.end_char)
    return title_case_between(doc, start, end)


def nameable(span: Span) -> bool:
    """False for a span that cannot be anyone's name: no letters, punctuation first, a clitic.

    >>> import spacy
    >>> doc = spacy.blank("en")("They don’t know, Smith said.")
    >>> nameable(doc[2:3]), nameable(doc[5:6])
    (False, True)
    """
    text = span.text.strip()
    return (
        bool(text)
        and text[0].isalnum()
        and any(c.isalpha() for c in text)
        and text.lower() not in _CLITIC_WORDS
    )


def after_hyphen(tok: Token) -> bool:
    """True for a token written right after a hyphen: "moon" in "Ki-moon"."""
    doc = tok.doc
    return tok.i > 0 and doc[tok.i - 1].text in ("-", "‐") and not doc[tok.i - 1].whitespace_


def trim_entity(ent: Span, tok: Token) -> Span:
    """An entity cut to the words of a name around ``tok``: the small model sometimes runs
    an entity on over a verb and its object ("Diaz called Lee the kind of")."""
    doc = ent.doc

    # In a headline written in Title Case the words of the sentence are capitalised too:
    # a verb or a capitalised small word ends the name ("Nina Holm Praised The ...").
    headline = _in_headline(ent)

    def breaks(t: Token) -> bool:
        if (
            headline
            and t.i != ent.start
            and (t.pos_ in ("VERB", "AUX") or t.text in TITLE_SMALL_WORDS)
        ):
            return True
        if after_hyphen(t):
            return False  # "Ban Ki-moon"
        return (t.pos_ in ("VERB", "AUX") and t.text[:1].islower()) or (
            t.is_alpha and t.text[:1].islower() and t.lower_ not in INNER_NAME_WORDS
        )

    if breaks(tok):
        return ent  # the head itself is a common word: "the Civic Pulse tracking average"
    start, end = ent.start, ent.end
    for t in doc[tok.i + 1 : ent.end]:
        if breaks(t):
            end = t.i
            break
    for t in reversed(doc[ent.start : tok.i]):
        if breaks(t):
            start = t.i + 1
            break
    if (start, end) == (ent.start, ent.end) or end <= start:
        return ent
    return Span(doc, start, end, label=ent.label_)


def mention_span(tok: Token) -> Span:
    """Return the mention a speaker's head token stands for.

    A token inside a named entity gives the entity (without a possessive "’s"), a
    pronoun gives itself, and a common noun gives its noun phrase up to the head
    (determiners, possessors, adjectives and compounds; no clauses or appositions).
    """
    doc = tok.doc
    ent = _entity_of(tok)
    # "the New York Democrat": a party member with a determiner is a description.
    member = ent is not None and ent.label_ == "NORP" and any(c.dep == det for c in tok.children)
    if ent is not None and ent.label_ in NAME_LABELS and not member:
        ent = strip_possessive(trim_entity(ent, tok))
        # "North Korea’s KCNA" tagged as one entity: the name is what follows the possessive.
        for inner in ent:
            if inner.tag_ == "POS" and inner.i < tok.i:
                ent = doc[inner.i + 1 : ent.end]
        return ent
    share = next((c for c in tok.rights if c.lower_ == "in" and c.dep == prep), None)
    if share is not None and tok.like_num and any(g.like_num for g in share.children):
        return doc[tok.left_edge.i : share.right_edge.i + 1]  # "one in three (voters)"
    of = next((c for c in tok.children if c.dep == prep and c.lower_ == "of"), None)
    if of is not None and tok.lower_ in _PARTITIVES:
        # "Many of the delegates", "one of her advisers": the group is the mention.
        return doc[tok.i : of.right_edge.i + 1]
    if tok.pos_ == "PRON":
        place = next(
            (c for c in tok.rights if c.dep == prep and c.lower_ in _PLACE_PREPOSITIONS), None
        )
        if place is not None and tok.lower_ in _INDEFINITES:
            # "someone in the audience", "one at the back": the phrase names the speaker.
            return doc[tok.i : place.right_edge.i + 1]
        return doc[tok.i : tok.i + 1]
    start = tok.i
    if tok.pos_ == "PROPN" and not member:
        # A name written over several tokens: the proper-noun compounds before it.
        while start > 0 and (
            (
                doc[start - 1].pos_ == "PROPN"
                and doc[start - 1].dep in (compound, flat)
                and doc[start - 1].text[:1].isalnum()  # not "-Mayor" in "-Mayor Lee"
            )
            or (
                doc[start - 1].text in ("-", "‐")
                and start > 1
                and doc[start - 2].pos_ == "PROPN"
                and not doc[start - 1].whitespace_
                and not doc[start - 2].whitespace_
            )
        ):
            start -= 1
    else:
        for child in tok.lefts:
            if child.dep in MODIFIER_DEPS or (child.dep == punct and child.text in ("-", "‐")):
                start = min(start, child.left_edge.i)
    end = tok.i + 1
    # A flat name written over several tokens ("Won-gon") continues to the right.
    while end < len(doc) and doc[end].head.i == tok.i and doc[end].dep in (flat, compound):
        end += 1
    return strip_possessive(doc[start:end])


# -- the kind of a mention ------------------------------------------------------------------


def _has_det(tok: Token) -> bool:
    return any(c.dep == det for c in tok.children)


def _person_role(root: Token) -> bool:
    """True for a word the role lexicon gives people, outside a PERSON entity."""
    return root.ent_type_ != "PERSON" and root.lower_ in load_roles().person


def mention_kind(mention: Span) -> str:
    """Classify a mention: ``name``, ``pronoun``, ``description`` or ``other``."""
    root = mention.root
    if len(mention) == 1 and (root.pos_ == "PRON" or root.lower_ in PERSONAL_PRONOUNS):
        return "pronoun"
    if root.ent_type_ == "NORP" and (root.tag_ in ("NNS", "NNPS") or _has_det(root)):
        return "description"  # "Republicans", "the Idaho Republican": not a name
    if _person_role(root) and any(
        t.dep == det and t.lower_ in ("the", "this", "that", "a", "an")
        for t in (*mention, *root.children)
    ):
        return "description"  # "the New York Democrat", "the Pope": a role, however written
    if (
        len(mention) == 1
        and root.tag_ == "NNPS"
        and not root.ent_type_
        and root.is_sent_start
        and root.lower_.endswith("s")
    ):
        # "Observers noted ...", "Reports indicated ...": a plural the tagger took for a
        # name because it opens the sentence (the sieve still takes it for a name if
        # the article names someone so).
        return "description"
    if root.lower_ in _PARTITIVES and any(
        c.dep == prep and c.lower_ == "of" for c in root.children
    ):
        return "description"  # "One of them", "many of the delegates": a group, or one of it
    if root.like_num and any(c.lower_ == "in" for c in root.children):
        return "description"  # "Six in 10", "one in three": a share of those asked
    if len(mention) == 1 and _person_role(root) and root.text[:1].isupper():
        return "description"  # "Judge blocks law" in a headline: a role, not a name
    if root.ent_type_ in NAME_LABELS or root.pos_ == "PROPN":
        return "name"
    if root.pos_ in ("NOUN",) or root.tag_.startswith("NN"):
        return "description"
    if root.pos_ == "ADJ" and _has_det(root):
        return "description"  # "the 43-year-old", an adjective used as a noun
    return "other"


# -- mentions that name nobody --------------------------------------------------------------


@functools.cache
def non_speaker_words() -> dict[str, frozenset[str]]:
    """The words that never name a speaker alone, by class: ``quantifier``, ``utterance``
    ("statement", "report") and ``clitic`` (from ``data/speaker_words.txt``)."""
    classes = load_word_classes("speaker_words.txt")
    return {name: classes.words(name) for name in ("quantifier", "utterance", "clitic")}


def is_speaker_mention(mention: Span) -> bool:
    """False for a mention that can name nobody: a clitic, a lone quantifier, a dateline.

    "n’t", "Some", "another", "the statement" (with no one's statement it is), and
    the place of a dateline ("LONDON, Nov 27 (Reuters) -") are never speakers.
    """
    words = non_speaker_words()
    tokens = [t for t in mention if not (t.is_punct or t.is_space)]
    if not tokens or not any(c.isalpha() for t in tokens for c in t.text):
        return False
    root = mention.root
    if len(tokens) == 1 and root.lower_ in RELATIVE_PRONOUNS and root.head.dep == relcl:
        return True  # "the department, which reported ...": the relative rule resolves it
    # "Many of the delegates", and "someone in the audience": not a lone quantifier.
    partitive = any(c.dep == prep for c in root.children if c.i < mention.end)
    # An adjective with a determiner is used as a noun: "the polling average".
    nominal = root.pos_ == "ADJ" and _has_det(root)
    if not tokens[0].text[:1].isalnum() or (
        root.pos_ in ("ADP", "CCONJ", "SCONJ", "PART", "DET", "ADV", "AUX", "SYM", "ADJ")
        and not root.ent_type_
        and not partitive
        and not nominal
        and not (len(tokens) == 1 and capitalised_word(root))
    ):
        return False  # "Of", "—and": a preposition or a conjunction the parse made a subject
    if len(tokens) == 1 and (
        tokens[0].lower_ in words["clitic"]
        or (tokens[0].lower_ in words["quantifier"] and not partitive)
    ):
        return False  # "Some chanted", but "Many of the delegates believe"
    if (
        root.lemma_.lower() in words["utterance"]
        and root.pos_ == "NOUN"
        and not any(c.dep == poss for c in root.children)
    ):
        return False
    return not _in_dateline(mention)


def _in_dateline(mention: Span) -> bool:
    doc = mention.doc
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, mention.start_char) + 1
    match = _DATELINE.match(text, line_start)
    return match is not None and mention.start_char < match.end()


# -- descriptions and the names beside them -------------------------------------------------


def description_text(mention: Span) -> str:
    """A description without its leading article: "the Russian president" → "Russian president"."""
    tokens = [t for t in mention if not (t.is_space or _is_quote_char(t.text))]
    while tokens and tokens[0].dep == det and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    if not tokens:
        return mention.text
    # Quotation marks around a name inside it go: "the “Never Trump” movement".
    return "".join(t.text_with_ws for t in tokens).strip()


def definite_start(mention: Span) -> bool:
    """True for a mention that opens with "the", "this", "that" or a possessor."""
    first = mention[0]
    return first.lower_ in ("the", "this", "that") or first.dep == poss


def _is_quote_char(text: str) -> bool:
    return bool(text) and all(c in "“”„‟\"'‘’«»`" for c in text)


def appositive_name(tok: Token) -> Span | None:
    """A name beside a description: "Russia’s president, Vladimir Putin", "news agency Reuters".

    The description may stand in apposition to the name too: "Nina Holm, a veteran reporter".
    """
    if tok.dep == appos and tok.head.i < tok.i:
        mention = mention_span(tok.head)
        if mention_kind(mention) == "name":
            return mention
    for child in tok.rights:
        if child.dep == appos:
            mention = mention_span(child)
            if mention_kind(mention) == "name":
                return mention
    doc = tok.doc
    if tok.i + 1 < len(doc):
        following = doc[tok.i + 1]
        if (
            following.pos_ == "PROPN"
            and following.ent_type_ in AGENT_LABELS
            and tok.whitespace_ != ""
        ):
            mention = mention_span(following)
            if mention_kind(mention) == "name" and mention.start == tok.i + 1:
                return mention
    return None
