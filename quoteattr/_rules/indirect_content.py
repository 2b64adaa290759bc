"""What a cue of reported speech reports: the content rules, tried in order.

Each rule is a small named function of the cue's token (:class:`ContentRule`); the
first in :data:`CONTENT_RULES` that finds content decides, and ``Quote.detection``
names it. A rule returns the token ranges of what the cue reports (two when the cue
interrupts the clause: "Beijing wants ties, **analysts say**, ...").

>>> [rule.name.value for rule in CONTENT_RULES][:3]
['clause', 'infinitive', 'asked_for']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

import attrs
from spacy.tokens import Token

from quoteattr._lexicon.cues import CueLexicon
from quoteattr._lexicon.words import TIME_LABELS
from quoteattr._parse.deps import (
    ROOT,
    acl,
    advcl,
    agent,
    cc,
    ccomp,
    conj,
    dep,
    dobj,
    mark,
    nsubj,
    nsubjpass,
    oprd,
    parataxis,
    pcomp,
    pobj,
    preconj,
    prep,
    prt,
    relcl,
    xcomp,
)
from quoteattr._quotes.model import Detection
from quoteattr._rules.attribution_cues import cue_at
from quoteattr._rules.indirect_words import (
    ADDRESSEE_VERBS,
    COMPARING_VERBS,
    DOCUMENT_NOUNS,
    FINDING_VERBS,
    GERUND_VERBS,
    INFINITIVE_VERBS,
    JUDGING_VERBS,
    NAMING_VERBS,
    PREPOSITION_CONTENT,
    TOPIC_PREPOSITIONS,
)
from quoteattr._rules.syntax import (
    OBJECT_DEPS,
    has_subject,
    is_infinitive,
    is_verbal,
    objects_of,
    prepositional_object,
    starts_with_that,
)

__all__ = ["CONTENT_RULES", "ContentRule", "Ranges", "contents_of", "object_and_reason"]


#: Prepositions that attach what an utterance noun is about: "his attacks **on** Diaz".
_NOUN_TOPIC_PREPOSITIONS = frozenset(["on", "about", "of", "against", "over", "for"])
#: How "that" hangs on a clause when it is one of its arguments ("the statement that he wrote").
_THAT_AS_ARGUMENT = frozenset({nsubj, nsubjpass, dobj, pobj})
#: Prepositions that attach what a verb whose object is what was said is about.
_OBJECT_PREPOSITIONS = ("for", "to", "on", "of", "about")

#: Token ranges ``[start, end)`` of a doc.
Ranges = list[tuple[int, int]]
#: A content rule's function: ``find(tok, noun, lexicon)``.
Finder = Callable[[Token, bool, CueLexicon], Optional[Ranges]]


@attrs.frozen
class ContentRule:
    """One way a cue's content is found: a small named function of the cue's token.

    ``find(tok, noun, lexicon)`` returns the token ranges of what the cue reports (two when the
    cue interrupts the clause), or None when the rule does not apply. ``nouns`` says
    whether the rule also applies to a noun cue ("the claim **that ...**").
    """

    name: Detection
    find: Finder
    nouns: bool = False


def _rule(name: Detection, *, nouns: bool = False) -> Callable[[Finder], ContentRule]:
    """Make the function it decorates a :class:`ContentRule` called ``name``."""

    def make(find: Finder) -> ContentRule:
        return ContentRule(name, find, nouns)

    return make


@_rule(Detection.CLAUSE, nouns=True)
def _clause(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "said **that the plan failed**", "the claim **that ...**": the complement clause."""
    for child in tok.children:
        if child.dep == ccomp or (noun and child.dep in (acl, ccomp) and starts_with_that(child)):
            return [(child.left_edge.i, _end_before_report(child, lexicon))]
    return None


@_rule(Detection.INFINITIVE, nouns=True)
def _infinitive(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "vowed **to fully support Russia**", "the pledge **to ...**", "denied **taking it**",
    "said **legalizing it could create jobs**" (a gerund after a verb of saying)."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if (
            child.dep in (xcomp, acl)
            and (lemma in INFINITIVE_VERBS or noun)
            and is_infinitive(child)
        ) or (
            not noun
            and (lemma in GERUND_VERBS or lexicon.is_speech_verb(lemma))
            and child.dep == xcomp
            and child.tag_ == "VBG"
        ):
            return [(child.left_edge.i, child.right_edge.i + 1)]
    return None


@_rule(Detection.ASKED_FOR, nouns=True)
def _noun_topic(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "the senator's criticism **of the deal**", "her call **for an inquiry**": what an
    utterance noun with a source of its own is about (the source is its possessor or a
    "by"/"from" phrase, as for any noun cue)."""
    if not noun or (tok.dep in OBJECT_DEPS and cue_at(tok.head, lexicon) is not None):
        return None  # "called his statements ... childish": the verb reports, not the noun
    for child in tok.rights:
        if child.dep == prep and child.lower_ in _NOUN_TOPIC_PREPOSITIONS:
            target = next((g for g in child.children if g.dep in (pobj, pcomp)), None)
            if target is not None and target.ent_type_ not in TIME_LABELS:
                return [(target.left_edge.i, target.right_edge.i + 1)]
    return None


@_rule(Detection.DISPLACED_CLAUSE)
def _displaced_clause(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "said in a statement **that the recall was voluntary**": a clause the parse hung
    on the noun of a phrase between the cue and it.

    The clause opens with "that" right after the phrase, has a subject of its own, and
    "that" is its conjunction, not one of its arguments ("the statement that he wrote").
    """
    for phrase in tok.children:
        if phrase.dep != prep or phrase.i < tok.i:
            continue
        for noun_tok in phrase.children:
            if noun_tok.dep != pobj:
                continue
            for clause in noun_tok.children:
                that = tok.doc[clause.left_edge.i]
                if (
                    clause.dep in (acl, relcl)
                    and that.i > noun_tok.i
                    and that.lower_ == "that"
                    and that.dep not in _THAT_AS_ARGUMENT
                    and not any(tok.doc[k].text in ",;:" for k in range(noun_tok.i, that.i))
                    and any(c.dep in (nsubj, nsubjpass) for c in clause.children)
                ):
                    return [(that.i, clause.right_edge.i + 1)]
    return None


@_rule(Detection.CLAUSE_AROUND)
def _clause_around(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "Beijing wants to keep ties, **analysts say**" and "..., he said, local officials
    should be vigilant": the reported clause heads the sentence, around the cue."""
    if tok.dep != parataxis or not is_verbal(tok.head):
        return None
    return _around(tok)


@_rule(Detection.CLAUSE_AROUND)
def _clause_before_frame(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "Diaz remains committed to the race, **his aide, Ann Lee, told the Herald**": a
    closing frame the parse made a second verb of the sentence, or a clause on it.

    The cue is a conjunct of the verb before it with no "and" or "but" between (or an
    adverbial clause on it: "..., as she said" has no comma right before its subject), has a
    subject of its own right after a comma, and closes the sentence: the words before
    the frame are what it reports.
    """
    head = tok.head
    if tok.dep not in (conj, advcl) or not is_verbal(head) or head.i > tok.i:
        return None
    subjects = [c for c in tok.lefts if c.dep in (nsubj, nsubjpass)]
    subject = subjects[-1] if subjects else None  # the nearest: the parse may add others
    doc = tok.doc
    if subject is None or subject.left_edge.i == 0 or doc[subject.left_edge.i - 1].text != ",":
        return None
    if any(c.dep in (cc, preconj) and head.i < c.i < tok.i for c in head.children):
        return None
    if any(c.dep in (ccomp, xcomp) for c in tok.children):
        return None  # "..., he said that ...": the cue has content of its own
    if tok.right_edge.i < tok.sent.end - 2:
        return None  # the frame does not close the sentence
    return [(head.left_edge.i, subject.left_edge.i - 1)]


@_rule(Detection.AS_CLAUSE)
def _as_clause_content(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "As experts have pointed out, **the rules are clear**": the clause the cue modifies."""
    return _around(tok) if _as_clause(tok, lexicon) else None


@_rule(Detection.FRONTED_CLAUSE)
def _fronted_clause(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "**The city is broke**, records show": a fronted clause the parser hung on the verb
    as "advcl" or "dep"."""
    if tok.dep != ROOT:
        return None
    for child in tok.lefts:
        if (
            child.dep in (advcl, dep)
            and is_verbal(child)
            and has_subject(child)
            and not any(c.dep == mark for c in child.children)
        ):
            return [(child.left_edge.i, child.right_edge.i + 1)]
    return None


@_rule(Detection.JUDGEMENT)
def _judgement(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "accused **Putin of lying**", "likened **the company to a casino**"."""
    reason = object_and_reason(tok)
    return [reason] if reason is not None else None


@_rule(Detection.ASKED_FOR)
def _asked_for(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "called for **an inquiry**", "spoke about **the cost**", "told reporters about **it**"."""
    lemma = tok.lemma_.lower()
    asked_for = prepositional_object(
        tok,
        PREPOSITION_CONTENT.get(lemma, frozenset()) | TOPIC_PREPOSITIONS.get(lemma, frozenset()),
    )
    if asked_for is not None and (not objects_of(tok) or lemma in ADDRESSEE_VERBS):
        return [asked_for]
    return None


@_rule(Detection.DESCRIBED_AS)
def _described_as(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "described **the talks as ominous**": the object and what it is described as."""
    lemma = tok.lemma_.lower()
    objects = objects_of(tok)
    if objects and (
        lexicon.needs_as(lemma) or lemma in NAMING_VERBS or lexicon.takes_object(lemma)
    ):
        as_phrases = [c for c in tok.children if c.lower_ == "as" and c.i > objects[0].i]
        # "described the gala as the city flattering itself": an "as" clause.
        as_phrases += [
            c
            for c in tok.children
            if c.dep == advcl
            and c.i > objects[0].i
            and any(m.dep == mark and m.lower_ == "as" and m.i > objects[0].i for m in c.children)
        ]
        if as_phrases:
            return [(objects[0].left_edge.i, as_phrases[0].right_edge.i + 1)]
    return None


@_rule(Detection.FINDING)
def _finding(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "Polls show **a close race**": what a document or a measurement finds."""
    objects = objects_of(tok)
    if objects and tok.lemma_.lower() in FINDING_VERBS and _document_subject(tok):
        return [(objects[0].left_edge.i, objects[0].right_edge.i + 1)]
    return None


@_rule(Detection.NAMING)
def _naming(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "called **the charges unsubstantiated**": the object and what it is called."""
    objects = objects_of(tok)
    if tok.lemma_.lower() in NAMING_VERBS and objects:
        complements = [c for c in tok.children if c.dep in (oprd, xcomp) and c.i > objects[0].i]
        if complements:
            return [(objects[0].left_edge.i, complements[-1].right_edge.i + 1)]
    return None


@_rule(Detection.PASSIVE)
def _passive(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "**The mayor** was endorsed by the union": the subject of a passive with an agent."""
    subject = next((c for c in tok.children if c.dep == nsubjpass), None)
    if subject is None or not any(c.dep == agent for c in tok.children):
        return None
    if lexicon.takes_object(tok.lemma_.lower()):
        return [(subject.left_edge.i, subject.right_edge.i + 1)]
    return None


@_rule(Detection.OBJECT)
def _object(tok: Token, noun: bool, lexicon: CueLexicon) -> Ranges | None:
    """ "cited **the report**", "called for **talks**", "warned of **a crisis**": the object
    of a verb whose object is what was said."""
    if not lexicon.takes_object(tok.lemma_.lower()):
        return None
    objects = objects_of(tok)
    if objects:
        return [(objects[0].left_edge.i, objects[0].right_edge.i + 1)]
    for child in tok.children:
        if child.dep == prep and child.lower_ in _OBJECT_PREPOSITIONS:
            target = next((g for g in child.children if g.dep == pobj), None)
            if target is not None:
                return [(target.left_edge.i, target.right_edge.i + 1)]
    return None


#: The content rules, in the order they are tried: the first that finds content decides.
CONTENT_RULES: tuple[ContentRule, ...] = (
    _clause,
    _infinitive,
    _noun_topic,
    _displaced_clause,
    _clause_around,
    _clause_before_frame,
    _as_clause_content,
    _fronted_clause,
    _judgement,
    _asked_for,
    _described_as,
    _finding,
    _naming,
    _passive,
    _object,
)


def contents_of(tok: Token, noun: bool, lexicon: CueLexicon) -> tuple[Detection | None, Ranges]:
    """What a cue reports: the rule that found it and its token ranges (none if no rule)."""
    for rule in CONTENT_RULES:
        if noun and not rule.nouns:
            continue
        ranges = rule.find(tok, noun, lexicon)
        if ranges is not None:
            return rule.name, ranges
    return None, []


def _around(tok: Token) -> Ranges:
    """The clause ``tok`` hangs on, without ``tok``'s own phrase: before it and after it."""
    head = tok.head
    parts = [(head.left_edge.i, tok.left_edge.i), (tok.right_edge.i + 1, head.right_edge.i + 1)]
    return [(a, b) for a, b in parts if b - a >= 2]


def _as_clause(tok: Token, lexicon: CueLexicon) -> bool:
    """Whether a verb of saying heads an "as" clause on another: "As he said, ..."."""
    return (
        tok.dep == advcl
        and is_verbal(tok.head)
        and (lexicon.is_speech_verb(tok.lemma_) or _pointed_out(tok))
        and any(c.dep == mark and c.lower_ == "as" for c in tok.children)
        and not any(c.dep in OBJECT_DEPS or c.dep == ccomp for c in tok.children)
    )


def _pointed_out(tok: Token) -> bool:
    """Whether the verb is "point out", a verb of saying where "point" alone is not."""
    return tok.lemma_.lower() == "point" and any(
        c.dep == prt and c.lower_ == "out" for c in tok.children
    )


def _end_before_report(clause: Token, lexicon: CueLexicon) -> int:
    """Where a reported clause ends: before a report of its own that closes it.

    "She said she believed the plan would work, **saying that** costs would fall": the
    participle reports a second statement, which is its own quote.
    """
    end = clause.right_edge.i + 1
    for tok in clause.subtree:
        if (
            tok.dep == advcl
            and tok.tag_ == "VBG"
            and lexicon.is_speech_verb(tok.lemma_)
            and tok.right_edge.i + 1 == end
            and any(c.dep == ccomp for c in tok.children)
        ):
            return tok.left_edge.i
    return end


def _document_subject(tok: Token) -> bool:
    """Whether the verb's subject is a document or a measurement ("Polls show ...")."""
    return any(c.dep == nsubj and c.lemma_.lower() in DOCUMENT_NOUNS for c in tok.children)


def object_and_reason(tok: Token) -> tuple[int, int] | None:
    """A judging or comparing verb's object with its reason or match, as a token range.

    "attacked **Clinton for her vote**", "accused **Putin of lying**", "likened **the
    company to a casino**".
    """
    lemma = tok.lemma_.lower()
    if lemma in JUDGING_VERBS:
        prepositions: tuple[str, ...] = ("of", "for")
    elif lemma in COMPARING_VERBS:
        prepositions = ("to", "with")
    else:
        return None
    objects = objects_of(tok)
    if not objects:
        return None
    for child in tok.children:
        if child.dep == prep and child.lower_ in prepositions and child.i > objects[0].i:
            return (objects[0].left_edge.i, child.right_edge.i + 1)
    # "accused the mayor of lying": the parse hangs the reason on the object; only a
    # gerund is surely the reason ("attacked the leader of the party" names whom).
    for child in objects[0].children:
        if (
            child.dep == prep
            and child.lower_ in prepositions
            and any(g.dep in (pobj, pcomp) and g.tag_ == "VBG" for g in child.children)
        ):
            return (objects[0].left_edge.i, child.right_edge.i + 1)
    return None
