"""Detection speech without quotation marks: "Kim said North Korea would fully support Russia".

An indirect quote is a cue with a source and a reported clause:

- a reporting verb and its complement clause: "The agency estimated **that some 2,000
  soldiers had been killed**", "Putin claimed **Russian forces were advancing**";
- the same with the clause first: "**Beijing wants to keep ties**, analysts say";
- a promise, plea or call with an infinitive: "Kim vowed **to fully support Russia**";
- "according to X, **...**": the clause the phrase hangs on, and "as X said, **...**";
- an utterance noun with its clause: "X's claim **that ...**", "the vow **to ...**";
- a call, a topic or a judgement: "called for **an inquiry**", "spoke about **the
  cost**", "attacked **the council for its budget**", "described **the talks as
  ominous**", "Polls show **a close race**";
- a view stated through a noun: "expressed concern **that ...**", "made it clear **...**";
- a headline or transcript line: "Poll: **Diaz leads in Idaho**", "SMITH: **...**".

The content rules are :data:`CONTENT_RULES`, small named functions tried in order (the
first that finds content decides); ``Quote.detection`` names the rule, and
``quoteattr evaluate`` reports each rule's precision and boundary accuracy. Where no rule
finds the clause of a quoted fragment, :func:`reports_around_fragments` takes the phrase
of the fragment's cue that holds it.

A clause that closes with a report of its own ("..., adding that ...") ends before it,
and the cue of an infinitive takes the subject of the verb it hangs on ("appeared to
suggest").

The content is the clause, without the punctuation at its ends; its kind is
``indirect``, or ``mixed`` when it holds a quoted fragment. To keep precision high, a
cue needs a plausible source (a name, a pronoun, a person or organisation noun), a
verb of saying with only an object ("said a prayer") is not a quote, a question ("Did
he say that?") is not either, and a clause that is itself a direct quote is left to the
quote-mark attribution. Attributions nested inside another one's content are dropped:
the outer one reports the whole.
"""

from __future__ import annotations

from typing import Callable, Collection, Dict, List, Optional, Sequence, Tuple

import attrs
from spacy.tokens import Doc, Span, Token

from .attribution import (
    Attribution,
    CueMention,
    cue_at,
    is_verbal,
    plausible_source,
    source_of_cue,
)
from .cues import CueLexicon
from .marks import QuoteSpan
from .model import Detection, QuoteKind
from .lexicon import load_word_classes

__all__ = ["find_indirect", "lend_reports", "reports_around_fragments"]

# The word lists live in data/indirect_words.txt, by class.
_WORDS = load_word_classes("indirect_words.txt")
_NAMING_VERBS = _WORDS.words("naming")
_JUDGING_VERBS = _WORDS.words("judging")
_COMPARING_VERBS = _WORDS.words("comparing")
_GERUND_VERBS = _WORDS.words("gerund")
_ASPECTUAL_VERBS = _WORDS.words("aspectual")
_LIGHT_VERBS = _WORDS.table("light")
_FINDING_VERBS = _WORDS.words("finding")
_DOCUMENT_NOUNS = _WORDS.words("document")
_SHARES = _WORDS.words("share")
_LABEL_WORDS = _WORDS.words("label")
_TOPIC_PREPOSITIONS = _WORDS.table("topic")
_INFINITIVE_VERBS = _WORDS.words("infinitive")
_PREPOSITION_CONTENT = _WORDS.table("asks_for")
_ADDRESSEE_VERBS = _WORDS.words("addressee")
_NORM_NOUNS = _WORDS.words("norm")

#: Prepositions that attach what a stated view is about: "concern **about** the rules".
_VIEW_PREPOSITIONS = ("about", "over", "at", "with", "for", "regarding", "on")

#: Entity types of line labels that are places and times, not speakers ("WASHINGTON:").
_NOT_SPEAKERS = frozenset(["GPE", "LOC", "DATE", "TIME", "FAC"])

#: Entity types of words that say when, never what was said ("called ... on Sunday").
_WHEN = frozenset(["DATE", "TIME"])


Ranges = List[Tuple[int, int]]


@attrs.frozen
class ContentRule:
    """One way a cue's content is found: a small named function of the cue's token.

    ``find(tok, noun, lexicon)`` returns the token ranges of what the cue reports (two when the
    cue interrupts the clause), or None when the rule does not apply. ``nouns`` says
    whether the rule also applies to a noun cue ("the claim **that ...**").
    """

    name: Detection
    find: Callable[[Token, bool, CueLexicon], Optional[Ranges]]
    nouns: bool = False


def _clause(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "said **that the plan failed**", "the claim **that ...**": the complement clause."""
    for child in tok.children:
        if child.dep_ == "ccomp" or (
            noun and child.dep_ in ("acl", "ccomp") and _starts_with_that(child)
        ):
            return [(child.left_edge.i, _end_before_report(child, lexicon))]
    return None


def _infinitive_content(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "vowed **to fully support Russia**", "the pledge **to ...**", "denied **taking it**",
    "said **legalizing it could create jobs**" (a gerund after a verb of saying)."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if (
            child.dep_ in ("xcomp", "acl")
            and (lemma in _INFINITIVE_VERBS or noun)
            and _infinitive(child)
        ) or (
            not noun
            and (lemma in _GERUND_VERBS or lexicon.is_speech_verb(lemma))
            and child.dep_ == "xcomp"
            and child.tag_ == "VBG"
        ):
            return [(child.left_edge.i, child.right_edge.i + 1)]
    return None


#: Prepositions that attach what an utterance noun is about: "his attacks **on** Diaz".
_NOUN_TOPIC_PREPOSITIONS = frozenset(["on", "about", "of", "against", "over", "for"])


def _noun_topic(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "the senator's criticism **of the deal**", "her call **for an inquiry**": what an
    utterance noun with a source of its own is about (the source is its possessor or a
    "by"/"from" phrase, as for any noun cue)."""
    if not noun or (tok.dep_ in ("dobj", "obj") and cue_at(tok.head, lexicon) is not None):
        return None  # "called his statements ... childish": the verb reports, not the noun
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in _NOUN_TOPIC_PREPOSITIONS:
            obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and obj.ent_type_ not in _WHEN:
                return [(obj.left_edge.i, obj.right_edge.i + 1)]
    return None


def _displaced_clause(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "said in a statement **that the recall was voluntary**": a clause the parse hung
    on the noun of a phrase between the cue and it.

    The clause opens with "that" right after the phrase, has a subject of its own, and
    "that" is its conjunction, not one of its arguments ("the statement that he wrote").
    """
    for prep in tok.children:
        if prep.dep_ != "prep" or prep.i < tok.i:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for clause in obj.children:
                that = tok.doc[clause.left_edge.i]
                if (
                    clause.dep_ in ("acl", "relcl")
                    and that.i > obj.i
                    and that.lower_ == "that"
                    and that.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj")
                    and not any(tok.doc[k].text in ",;:" for k in range(obj.i, that.i))
                    and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
                ):
                    return [(that.i, clause.right_edge.i + 1)]
    return None


def _clause_around(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "Beijing wants to keep ties, **analysts say**" and "..., he said, local officials
    should be vigilant": the reported clause heads the sentence, around the cue."""
    if tok.dep_ != "parataxis" or not is_verbal(tok.head):
        return None
    return _around(tok)


def _clause_before_frame(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "Diaz remains committed to the race, **his aide, Ann Lee, told the Herald**": a
    closing frame the parse made a second verb of the sentence, or a clause on it.

    The cue is a conjunct of the verb before it with no "and" or "but" between (or an
    adverbial clause on it: "..., as she said" has no comma right before its subject), has a
    subject of its own right after a comma, and closes the sentence: the words before
    the frame are what it reports.
    """
    head = tok.head
    if tok.dep_ not in ("conj", "advcl") or not is_verbal(head) or head.i > tok.i:
        return None
    subjects = [c for c in tok.lefts if c.dep_ in ("nsubj", "nsubjpass")]
    subject = subjects[-1] if subjects else None  # the nearest: the parse may add others
    doc = tok.doc
    if subject is None or subject.left_edge.i == 0 or doc[subject.left_edge.i - 1].text != ",":
        return None
    if any(c.dep_ in ("cc", "preconj") and head.i < c.i < tok.i for c in head.children):
        return None
    if any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
        return None  # "..., he said that ...": the cue has content of its own
    if tok.right_edge.i < tok.sent.end - 2:
        return None  # the frame does not close the sentence
    return [(head.left_edge.i, subject.left_edge.i - 1)]


def _as_clause_content(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "As experts have pointed out, **the rules are clear**": the clause the cue modifies."""
    return _around(tok) if _as_clause(tok, lexicon) else None


def _around(tok: Token) -> Ranges:
    head = tok.head
    parts = [(head.left_edge.i, tok.left_edge.i), (tok.right_edge.i + 1, head.right_edge.i + 1)]
    return [(a, b) for a, b in parts if b - a >= 2]


def _fronted_clause(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "**The city is broke**, records show": a fronted clause the parser hung on the verb
    as "advcl" or "dep"."""
    if tok.dep_ != "ROOT":
        return None
    for child in tok.lefts:
        if (
            child.dep_ in ("advcl", "dep")
            and is_verbal(child)
            and _has_subject(child)
            and not any(c.dep_ == "mark" for c in child.children)
        ):
            return [(child.left_edge.i, child.right_edge.i + 1)]
    return None


def _judgement(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "accused **Putin of lying**", "likened **the company to a casino**"."""
    reason = _object_and_reason(tok)
    return [reason] if reason is not None else None


def _asked_for(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "called for **an inquiry**", "spoke about **the cost**", "told reporters about **it**"."""
    lemma = tok.lemma_.lower()
    asked_for = _prepositional_content(
        tok,
        _PREPOSITION_CONTENT.get(lemma, frozenset()) | _TOPIC_PREPOSITIONS.get(lemma, frozenset()),
    )
    if asked_for is not None and (not _objects(tok) or lemma in _ADDRESSEE_VERBS):
        return [asked_for]
    return None


def _described_as(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "described **the talks as ominous**": the object and what it is described as."""
    lemma = tok.lemma_.lower()
    objects = _objects(tok)
    if objects and (
        lexicon.needs_as(lemma) or lemma in _NAMING_VERBS or lexicon.takes_object(lemma)
    ):
        as_phrases = [c for c in tok.children if c.lower_ == "as" and c.i > objects[0].i]
        # "described the gala as the city flattering itself": an "as" clause.
        as_phrases += [
            c
            for c in tok.children
            if c.dep_ == "advcl"
            and c.i > objects[0].i
            and any(
                m.dep_ == "mark" and m.lower_ == "as" and m.i > objects[0].i for m in c.children
            )
        ]
        if as_phrases:
            return [(objects[0].left_edge.i, as_phrases[0].right_edge.i + 1)]
    return None


def _finding(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "Polls show **a close race**": what a document or a measurement finds."""
    objects = _objects(tok)
    if objects and tok.lemma_.lower() in _FINDING_VERBS and _document_subject(tok):
        return [(objects[0].left_edge.i, objects[0].right_edge.i + 1)]
    return None


def _naming(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "called **the charges unsubstantiated**": the object and what it is called."""
    objects = _objects(tok)
    if tok.lemma_.lower() in _NAMING_VERBS and objects:
        complements = [
            c for c in tok.children if c.dep_ in ("oprd", "xcomp") and c.i > objects[0].i
        ]
        if complements:
            return [(objects[0].left_edge.i, complements[-1].right_edge.i + 1)]
    return None


def _passive_content(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "**The mayor** was endorsed by the union": the subject of a passive with an agent."""
    passive = _passive_object(tok)
    if passive is not None and lexicon.takes_object(tok.lemma_.lower()):
        return [passive]
    return None


def _object(tok: Token, noun: bool, lexicon: CueLexicon) -> Optional[Ranges]:
    """ "cited **the report**", "called for **talks**", "warned of **a crisis**": the object
    of a verb whose object is what was said."""
    if not lexicon.takes_object(tok.lemma_.lower()):
        return None
    objects = _objects(tok)
    if objects:
        return [(objects[0].left_edge.i, objects[0].right_edge.i + 1)]
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "to", "on", "of", "about"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return [(pobj.left_edge.i, pobj.right_edge.i + 1)]
    return None


def _objects(tok: Token) -> List[Token]:
    return [c for c in tok.children if c.dep_ in ("dobj", "obj")]


#: The content rules, in the order they are tried: the first that finds content decides.
CONTENT_RULES: Tuple[ContentRule, ...] = (
    ContentRule(Detection.CLAUSE, _clause, nouns=True),
    ContentRule(Detection.INFINITIVE, _infinitive_content, nouns=True),
    ContentRule(Detection.ASKED_FOR, _noun_topic, nouns=True),
    ContentRule(Detection.DISPLACED_CLAUSE, _displaced_clause),
    ContentRule(Detection.CLAUSE_AROUND, _clause_around),
    ContentRule(Detection.CLAUSE_AROUND, _clause_before_frame),
    ContentRule(Detection.AS_CLAUSE, _as_clause_content),
    ContentRule(Detection.FRONTED_CLAUSE, _fronted_clause),
    ContentRule(Detection.JUDGEMENT, _judgement),
    ContentRule(Detection.ASKED_FOR, _asked_for),
    ContentRule(Detection.DESCRIBED_AS, _described_as),
    ContentRule(Detection.FINDING, _finding),
    ContentRule(Detection.NAMING, _naming),
    ContentRule(Detection.PASSIVE, _passive_content),
    ContentRule(Detection.OBJECT, _object),
)


def contents_of(tok: Token, noun: bool, lexicon: CueLexicon) -> Tuple[Optional[Detection], Ranges]:
    """What a cue reports: the rule that found it and its token ranges (none if no rule)."""
    for rule in CONTENT_RULES:
        if noun and not rule.nouns:
            continue
        ranges = rule.find(tok, noun, lexicon)
        if ranges is not None:
            return rule.name, ranges
    return None, []


def _prepositional_content(tok: Token, prepositions: Collection[str]) -> Optional[Tuple[int, int]]:
    """The object of one of ``prepositions`` on ``tok``: "called for **a full inquiry**"."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return (obj.left_edge.i, obj.right_edge.i + 1)
    return None


def _as_clause(tok: Token, lexicon: CueLexicon) -> bool:
    """Whether a verb of saying heads an "as" clause on another: "As he said, ..."."""
    return (
        tok.dep_ == "advcl"
        and is_verbal(tok.head)
        and (lexicon.is_speech_verb(tok.lemma_) or _pointed_out(tok))
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
        and not any(c.dep_ in ("dobj", "obj", "ccomp") for c in tok.children)
    )


def _pointed_out(tok: Token) -> bool:
    """Whether the verb is "point out", a verb of saying where "point" alone is not."""
    return tok.lemma_.lower() == "point" and any(
        c.dep_ == "prt" and c.lower_ == "out" for c in tok.children
    )


def _end_before_report(clause: Token, lexicon: CueLexicon) -> int:
    """Where a reported clause ends: before a report of its own that closes it.

    "She said she believed the plan would work, **saying that** costs would fall": the
    participle reports a second statement, which is its own quote.
    """
    end = clause.right_edge.i + 1
    for tok in clause.subtree:
        if (
            tok.dep_ == "advcl"
            and tok.tag_ == "VBG"
            and lexicon.is_speech_verb(tok.lemma_)
            and tok.right_edge.i + 1 == end
            and any(c.dep_ == "ccomp" for c in tok.children)
        ):
            return tok.left_edge.i
    return end


def _after_cue(start: int, end: int, cue: CueMention) -> Tuple[int, int]:
    """The part of a content range after its cue, when the cue falls inside it.

    In "the mine, which Mr. Lee says he is keeping open" the clause of "says" takes in the
    relative "which" before the speaker; what was said is what follows the cue.
    """
    if start <= cue.head < end and cue.end < end:
        return cue.end, end
    return start, end


def _source_of_governor(tok: Token) -> Optional[Token]:
    """The subject of the verb a cue hangs on as an infinitive: "**he** appeared to suggest"."""
    head = tok.head
    if tok.dep_ != "xcomp" or not _infinitive(tok) or head.lemma_.lower() not in _ASPECTUAL_VERBS:
        return None
    return source_of_cue(tok.doc, CueMention(head.i, head.i + 1, head.lemma_.lower(), head.i))


def _long_enough(doc: Doc, start: int, end: int) -> bool:
    """Whether a content range says something: two words, or one name ("endorsed Obama")."""
    return end - start >= 2 or (
        end - start == 1
        and doc[start].pos_ == "PROPN"
        and doc[start].ent_type_ not in _WHEN  # "called ... on Sunday"
    )


def _passive_object(tok: Token) -> Optional[Tuple[int, int]]:
    """The subject of a passive verb with an agent: "**The mayor** was endorsed by the union"."""
    subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subject is None or not any(c.dep_ == "agent" for c in tok.children):
        return None
    return (subject.left_edge.i, subject.right_edge.i + 1)


def _document_subject(tok: Token) -> bool:
    """Whether the verb's subject is a document or a measurement ("Polls show ...")."""
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _DOCUMENT_NOUNS for c in tok.children)


def _object_and_reason(tok: Token) -> Optional[Tuple[int, int]]:
    """A judging or comparing verb's object with its reason or match, as a token range.

    "attacked **Clinton for her vote**", "accused **Putin of lying**", "likened **the
    company to a casino**".
    """
    lemma = tok.lemma_.lower()
    if lemma in _JUDGING_VERBS:
        prepositions: Tuple[str, ...] = ("of", "for")
    elif lemma in _COMPARING_VERBS:
        prepositions = ("to", "with")
    else:
        return None
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    if not objects:
        return None
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in prepositions and child.i > objects[0].i:
            return (objects[0].left_edge.i, child.right_edge.i + 1)
    # "accused the mayor of lying": the parse hangs the reason on the object; only a
    # gerund is surely the reason ("attacked the leader of the party" names whom).
    for child in objects[0].children:
        if (
            child.dep_ == "prep"
            and child.lower_ in prepositions
            and any(g.dep_ in ("pobj", "pcomp") and g.tag_ == "VBG" for g in child.children)
        ):
            return (objects[0].left_edge.i, child.right_edge.i + 1)
    return None


def _judgement_cue(tok: Token) -> Optional[CueMention]:
    """A verb that judges or likens, with its object and reason: "attacked Clinton **for**".

    Such verbs ("attack", "mock", "liken") are cues only with their object and the reason
    or match ("for ...", "of ...", "to ..."): "Russia attacked the city" reports nothing.
    """
    if not is_verbal(tok) or _object_and_reason(tok) is None:
        return None
    return CueMention(tok.i, tok.i + 1, tok.lemma_.lower(), tok.i)


def _starts_with_that(tok: Token) -> bool:
    return tok.doc[tok.left_edge.i].lower_ == "that" or any(
        c.dep_ == "mark" and c.lower_ == "that" for c in tok.children
    )


def _infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def _is_question(tok: Token) -> bool:
    sent = tok.sent
    last = sent[-1]
    while last.i > sent.start and (last.is_space or last.is_quote or last.text in (")", "”")):
        last = tok.doc[last.i - 1]
    return last.text == "?"


def _trim(doc: Doc, start: int, end: int) -> Tuple[int, int]:
    while start < end and (doc[start].is_punct or doc[start].is_space) and not doc[start].is_quote:
        start += 1
    while (
        end > start
        and (doc[end - 1].is_punct or doc[end - 1].is_space)
        and not doc[end - 1].is_quote
    ):
        end -= 1
    return start, end


def _according_to(tok: Token) -> Optional[Tuple[CueMention, Token, List[Tuple[int, int]]]]:
    """An "according to X" phrase on ``tok``: (cue, source, content ranges around it)."""
    for child in tok.children:
        if child.dep_ != "prep" or child.lower_ != "according":
            continue
        doc = tok.doc
        if child.i + 1 >= len(doc) or doc[child.i + 1].lower_ != "to":
            continue
        source = next(
            (g for t in (child, doc[child.i + 1]) for g in t.children if g.dep_ == "pobj"), None
        )
        if source is None:
            continue
        phrase_start, phrase_end = child.left_edge.i, child.right_edge.i + 1
        start, end = tok.left_edge.i, tok.right_edge.i + 1
        parts = [(start, phrase_start), (phrase_end, end)]
        cue = CueMention(child.i, child.i + 2, "according_to", child.i)
        return cue, source, [(a, b) for a, b in parts if b - a >= 2]
    return None


def _light_verb(tok: Token) -> Optional[Tuple[CueMention, Token, List[Tuple[int, int]]]]:
    """A view stated through a noun, at ``tok`` if it is the verb: (cue, source, content).

    "Voters expressed concern **that the policy could lead to fraud**", "advocates voiced
    doubts **about the rules**", "she made the case **that the bill is flawed**", and
    "he made (it) clear **he had doubts**".
    """
    lemma = tok.lemma_.lower()
    if not is_verbal(tok) or lemma not in _LIGHT_VERBS:
        return None
    content = _made_clear(tok) if lemma == "make" else None
    for noun in tok.children:
        if content is not None:
            break
        if noun.dep_ in ("dobj", "obj") and noun.lemma_.lower() in _LIGHT_VERBS[lemma]:
            content = _view_content(noun) or _prepositional_content(tok, _VIEW_PREPOSITIONS)
    if content is None:
        return None
    cue = CueMention(tok.i, tok.i + 1, lemma, tok.i)
    source = source_of_cue(tok.doc, cue) or _source_of_governor(tok)
    return (cue, source, [content]) if source is not None else None


def _made_clear(tok: Token) -> Optional[Tuple[int, int]]:
    """The clause of "made (it) clear (that) ...", as a token range."""
    for clear in tok.children:
        if clear.lower_ == "clear" and clear.dep_ in ("ccomp", "oprd", "acomp", "xcomp"):
            for clause in clear.children:
                if clause.dep_ in ("advcl", "csubj", "ccomp") and is_verbal(clause):
                    return (clause.left_edge.i, clause.right_edge.i + 1)
    return None


def _view_content(noun: Token) -> Optional[Tuple[int, int]]:
    """What a stated view is: its "that" clause or what it is about."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and _starts_with_that(child):
            return (child.left_edge.i, child.right_edge.i + 1)
    return _prepositional_content(noun, _VIEW_PREPOSITIONS)


def _labelled_line(tok: Token) -> Optional[Tuple[CueMention, Token, List[Tuple[int, int]]]]:
    """A line that opens with who speaks and a colon, at ``tok`` if it is that colon.

    Headlines and transcripts put the speaker before a colon: "Poll: Diaz leads in
    Idaho", "SMITH: We will not back down." The speaker is a name (a person or an
    organisation, or a capitalised word of a transcript) or a document ("Poll"), of at
    most four words, first on its line; the content is the rest of the line.
    """
    if tok.text != ":":
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and not _line_break(doc[start - 1]) and tok.i - start < 5:
        start -= 1
    if start > 0 and not _line_break(doc[start - 1]):
        return None
    while start < tok.i and doc[start].is_quote:
        start += 1
    name = doc[start : tok.i]
    if not 1 <= len(name) <= 4 or not _speaker_label(name):
        return None
    end = tok.i + 1
    while end < len(doc) and not _line_break(doc[end]):
        end += 1
    cue = CueMention(tok.i, tok.i + 1, ":", tok.i)
    return cue, name[-1], [(tok.i + 1, end)]


def _line_break(tok: Token) -> bool:
    """Whether the token is or ends with a line break."""
    return (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_


def _speaker_label(name: Span) -> bool:
    """Whether the words before a line's colon name a speaker (see :func:`_labelled_line`)."""
    words = [t for t in name if not t.is_punct]
    if not words or any(not (t.is_title or t.is_upper) for t in words):
        return False
    if words[0].lower_ in _LABEL_WORDS or any(t.ent_type_ in _NOT_SPEAKERS for t in words):
        return False
    if len(words) == 1 and words[0].lemma_.lower() in _DOCUMENT_NOUNS:
        return True
    transcript = all(t.is_upper and len(t.text) > 1 for t in words)
    return transcript or any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in words)


def _credible(source: Token, cue: CueMention, lexicon: CueLexicon) -> bool:
    """Whether ``source`` can be who speaks through ``cue`` in reported speech."""
    if cue.lemma == ":" or plausible_source(source) or _partitive_of_source(source):
        return True
    if cue.lemma == "according_to":
        # "according to federal statistics", "according to her account": any noun but a
        # norm that something conforms to ("according to plan").
        return (source.pos_ in ("NOUN", "PROPN") or source.tag_.startswith("NN")) and (
            source.lemma_.lower() not in _NORM_NOUNS
        )
    if not cue.noun and source.lemma_.lower() in _DOCUMENT_NOUNS:
        return True  # "Exit polling showed that ...", "..., records show"
    # Verbs of saying proper take any noun as source ("Developers say ..."); other
    # verbs (show, find, believe) need a person, organisation or document.
    return (
        not cue.noun
        and lexicon.is_speech_verb(cue.lemma)
        and (source.pos_ in ("NOUN", "PROPN") or source.tag_.startswith("NN"))
    )


def _partitive_of_source(source: Token) -> bool:
    """A part of a plausible source: "many **of his supporters**", "some of the officials",
    or a share of those asked: "**Six in 10** say", "**one in three** said"."""
    if source.pos_ == "NUM" and any(
        c.lower_ == "in" and (c.dep_ == "quantmod" or any(g.like_num for g in c.children))
        for c in source.children
    ):
        return True
    if source.pos_ not in ("ADJ", "NUM", "PRON", "DET") and source.lemma_.lower() not in _SHARES:
        return False
    for child in source.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and plausible_source(obj):
                return True
    return False


def _chars(doc: Doc, start: int, end: int) -> Tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _with_whole_quotes(chars: Tuple[int, int], quoted: Sequence[QuoteSpan]) -> Tuple[int, int]:
    """Widen a content span so that a quote it cuts through is taken whole, marks included."""
    start, end = chars
    for q in quoted:
        if start < q.close_end and q.open_start < end:  # they overlap
            if q.open_start < start <= q.start or (
                q.start < start < q.end and q.open_start >= start - 200
            ):
                start = min(start, q.open_start)
            if q.end <= end < q.close_end or (q.start < end < q.end and q.close_end <= end + 200):
                end = max(end, q.close_end)
    return start, end


def _across_marks(cue: int, span: Tuple[int, int], quoted: Sequence[QuoteSpan]) -> bool:
    """True if the cue stands inside quotation marks that do not also hold the content.

    A reporting verb in quoted words reports only within them: in ‘Okafor, telling
    reporters, “Half the town said the mayor ought to quit”’ the parse makes
    the words outside the marks the content of the quoted "said".
    """
    for q in quoted:
        if q.start <= cue < q.end:
            return not (q.start <= span[0] and span[1] <= q.end)
    return False


def _only_quoted(doc: Doc, start: int, end: int, quoted: Sequence[QuoteSpan]) -> bool:
    """True if the content has no words outside quotation marks.

    ‘said “the plan will fail”’ is a direct quote, which the quote-mark attribution has;
    ‘said the plan “will fail”’ and ‘said that “the plan will fail”’ are mixed: their
    own words ("the plan", "that") are part of what is reported.
    """
    for tok in doc[start:end]:
        if tok.is_punct or tok.is_space:
            continue
        if not any(q.open_start <= tok.idx < q.close_end for q in quoted):
            return False
    return True


def find_indirect(
    doc: Doc,
    lexicon: CueLexicon,
    quoted: Sequence[QuoteSpan],
    marked: Sequence[Attribution] = (),
) -> List[Attribution]:
    """Return the indirect (and mixed) quotes of a parsed doc, sorted by start.

    ``quoted`` are the top-level quotation-mark spans of the doc's text and ``marked``
    their attributions; a clause that is one of those quotes is not reported again.
    """
    text = doc.text
    # A quote that goes on from the report before it shares that report's cue.
    # The cue of a direct quote reports nothing more, unless its clause holds that quote
    # with words of its own: ‘explained that the title goes to whoever made the news,
    # “for good or ill”’ is one mixed report, of which the quote is a fragment.
    marked_cues: Dict[int, List[QuoteSpan]] = {}
    for a in marked:
        if a.cue is not None and a.kind is QuoteKind.DIRECT and a.method != "report_before":
            marked_cues.setdefault(a.cue.head, []).append(a.span)
    found: List[Tuple[Tuple[int, int], Attribution]] = []
    for tok in doc:
        source: Optional[Token]
        rule: Optional[Detection]
        acc = _according_to(tok) or _labelled_line(tok) or _light_verb(tok)
        if acc is not None:
            cue, source, contents = acc
            rule = (
                Detection.ACCORDING_TO
                if cue.lemma == "according_to"
                else Detection.LABELLED_LINE
                if cue.lemma == ":"
                else Detection.STATED_VIEW
            )
        else:
            found_cue = cue_at(tok, lexicon) or _judgement_cue(tok)
            if found_cue is None:
                continue
            cue = found_cue
            rule, contents = contents_of(tok, cue.noun, lexicon)
            if not contents:
                continue
            source = source_of_cue(doc, cue) or _source_of_governor(tok)
        if source is None or not _credible(source, cue, lexicon):
            continue
        if cue.lemma not in ("according_to", ":") and _is_question(tok):
            continue
        for start, end in contents:
            start, end = _trim(doc, *_after_cue(start, end, cue))
            if (
                not _long_enough(doc, start, end)
                or start <= source.i < end
                or start <= cue.head < end
            ):
                continue
            chars = _with_whole_quotes(_chars(doc, start, end), quoted)
            if _across_marks(doc[cue.head].idx, chars, quoted):
                continue  # “Half the town said ...” is quoted words, not the report
            if _only_quoted(doc, start, end, quoted):
                continue  # one direct quote: the quote-mark attribution has it
            holds_fragment = any(
                chars[0] <= q.open_start and q.close_end <= chars[1] for q in quoted
            )
            if cue.head in marked_cues and not any(
                chars[0] <= q.open_start and q.close_end <= chars[1] for q in marked_cues[cue.head]
            ):
                continue  # the cue's own direct quote is not in this clause
            kind = QuoteKind.MIXED if holds_fragment else QuoteKind.INDIRECT
            span = QuoteSpan(
                start=chars[0],
                end=chars[1],
                open_start=chars[0],
                close_end=chars[1],
                text=text[chars[0] : chars[1]],
                style="none",
                depth=0,
            )
            found.append(
                (
                    chars,
                    Attribution(
                        span, kind, cue, source.i, "syntax", first_token=start, detection=rule
                    ),
                )
            )
    return _outermost(found)


def reports_around_fragments(doc: Doc, attributions: Sequence[Attribution]) -> List[Attribution]:
    """Add the mixed report a quoted fragment stands in, where no content rule found it.

    In ‘Okafor pledged at a town hall to scrap “the costly parking scheme”’ the quote-mark
    attribution gives the fragment its cue ("promised"), but the parse hangs the clause
    where no content rule looks. The cue's phrase that holds the fragment (not its
    subject) is the report, if it has words of its own outside the marks.
    """
    reports = [a for a in attributions if a.kind in (QuoteKind.MIXED, QuoteKind.INDIRECT)]
    added: List[Attribution] = []
    for a in attributions:
        if a.kind is not QuoteKind.PARTIAL or a.cue is None or a.cue.noun or a.source is None:
            continue
        span = a.span
        if any(r.span.start < span.close_end and span.open_start < r.span.end for r in reports):
            continue  # a report already holds or crosses it
        cue = doc[a.cue.head]
        inside = doc.char_span(span.start, span.end, alignment_mode="expand")
        words = [t for t in inside if not t.is_punct] if inside is not None else []
        if not words:
            continue
        phrase = next(
            (
                c
                for c in cue.rights
                if c.dep_ not in _SUBJECT_DEPS
                and not c.is_punct
                and c.left_edge.i <= words[0].i
                and words[-1].i <= c.right_edge.i
            ),
            None,
        )
        if phrase is None:
            continue
        # ‘called her “weak”’: the object the quoted words describe is part of it.
        first = min(
            (
                c.left_edge.i
                for c in cue.rights
                if c.dep_ in ("dobj", "obj", "dative")
                and c.i < phrase.left_edge.i
                and c.ent_type_ not in _WHEN  # "promised Sunday at a rally"
            ),
            default=phrase.left_edge.i,
        )
        start, end = _trim(doc, first, phrase.right_edge.i + 1)
        if start >= end or start <= a.source < end or _only_quoted(doc, start, end, [span]):
            continue
        chars = _with_whole_quotes(_chars(doc, start, end), [span])
        if any(r.span.start < chars[1] and chars[0] < r.span.end for r in reports):
            continue  # it would cross a report found before
        content = QuoteSpan(
            start=chars[0],
            end=chars[1],
            open_start=chars[0],
            close_end=chars[1],
            text=doc.text[chars[0] : chars[1]],
            style="none",
            depth=0,
        )
        report = Attribution(
            content,
            QuoteKind.MIXED,
            a.cue,
            a.source,
            "syntax",
            first_token=start,
            detection=Detection.AROUND_FRAGMENT,
        )
        reports.append(report)
        added.append(report)
    return [*attributions, *added]


#: Dependency labels of a cue's subject, which is never part of what it reports.
_SUBJECT_DEPS = frozenset(["nsubj", "nsubjpass", "csubj", "expl", "agent"])


def lend_reports(attributions: Sequence[Attribution]) -> List[Attribution]:
    """Give a quoted fragment with no cue of its own the report it stands in.

    In "Lee told the Herald, her plan would be “to fix the roads”" the parse gives the
    fragment no cue, but the mixed report around it has one: the fragment takes that
    report's cue and speaker.
    """
    reports = [
        a
        for a in attributions
        if a.kind is QuoteKind.MIXED and a.source is not None and a.cue is not None
    ]
    lent: List[Attribution] = []
    for a in attributions:
        # ‘explained that ..., “for good or ill”’: a quote in the clause of its own cue's
        # mixed report is a fragment of it.
        if (
            a.kind is QuoteKind.DIRECT
            and a.cue is not None
            and any(
                r.cue is not None
                and r.cue.head == a.cue.head
                and r.span.start <= a.span.open_start
                and a.span.close_end <= r.span.end
                for r in reports
            )
        ):
            a = attrs.evolve(a, kind=QuoteKind.PARTIAL)
        if a.kind is QuoteKind.PARTIAL and a.source is None and a.adjacent_to is None:
            around = next(
                (
                    r
                    for r in reports
                    if r.span.start <= a.span.open_start and a.span.close_end <= r.span.end
                ),
                None,
            )
            if around is not None:
                a = attrs.evolve(a, cue=around.cue, source=around.source, method="inside_report")
        lent.append(a)
    return lent


def _outermost(found: List[Tuple[Tuple[int, int], Attribution]]) -> List[Attribution]:
    """Drop attributions that overlap a longer one (PolNeAR-style univocal annotation)."""
    kept: List[Tuple[Tuple[int, int], Attribution]] = []
    for chars, attribution in sorted(found, key=lambda f: (-(f[0][1] - f[0][0]), f[0][0])):
        if all(chars[1] <= k[0] or k[1] <= chars[0] for k, _ in kept):
            kept.append((chars, attribution))
    return [a for _, a in sorted(kept, key=lambda f: f[0][0])]
