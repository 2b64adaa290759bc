"""Cues and sources of reported speech beyond a reporting word: phrases, lines, views.

Besides the cues of :func:`~quoteattr._rules.attribution_cues.cue_at`, reported speech comes
through an "according to X" phrase, a line label ("Poll: Diaz leads in Idaho", "SMITH:
We will not back down."), a view stated through a noun ("expressed concern that ..."),
and a verb that judges or likens with its reason ("attacked Clinton for her vote").
A cue's source must be credible: :func:`credible` says which words may speak.
"""

from __future__ import annotations

import attrs
from spacy.tokens import Span, Token

from quoteattr._lexicon.cues import CueLexicon
from quoteattr._lexicon.words import PEOPLE_LABELS
from quoteattr._parse.deps import acl, acomp, advcl, ccomp, csubj, oprd, pobj, prep, quantmod, xcomp
from quoteattr._quotes.model import Detection
from quoteattr._rules.attribution_sources import plausible_source, source_of_cue
from quoteattr._rules.attribution_types import CueMention
from quoteattr._rules.indirect_content import Ranges, object_and_reason
from quoteattr._rules.indirect_words import (
    ASPECTUAL_VERBS,
    DOCUMENT_NOUNS,
    LABEL_WORDS,
    LIGHT_VERBS,
    NORM_NOUNS,
    SHARES,
)
from quoteattr._rules.syntax import (
    OBJECT_DEPS,
    ends_line,
    is_infinitive,
    is_nominal,
    is_verbal,
    prepositional_object,
    starts_with_that,
)

__all__ = ["PhraseReport", "credible", "judgement_cue", "phrase_report", "source_of_governor"]

#: Prepositions that attach what a stated view is about: "concern **about** the rules".
_VIEW_PREPOSITIONS = ("about", "over", "at", "with", "for", "regarding", "on")
#: Entity types of line labels that are places and times, not speakers ("WASHINGTON:").
_NOT_SPEAKERS = frozenset(["GPE", "LOC", "DATE", "TIME", "FAC"])
#: How "clear" hangs on "make" in "made (it) clear (that) ...".
_CLEAR_DEPS = frozenset({ccomp, oprd, acomp, xcomp})
#: How the clause of "made it clear" hangs on "clear".
_CLEAR_CLAUSE_DEPS = frozenset({advcl, csubj, ccomp})


@attrs.frozen
class PhraseReport:
    """Reported speech found through a phrase rather than a reporting word's content rule."""

    rule: Detection
    cue: CueMention
    source: Token
    contents: Ranges


def phrase_report(tok: Token) -> PhraseReport | None:
    """The report at ``tok`` through "according to", a line label or a stated view."""
    return _according_to(tok) or _labelled_line(tok) or _light_verb(tok)


def _according_to(tok: Token) -> PhraseReport | None:
    """An "according to X" phrase on ``tok``, with the clause around it."""
    for child in tok.children:
        if child.dep != prep or child.lower_ != "according":
            continue
        doc = tok.doc
        if child.i + 1 >= len(doc) or doc[child.i + 1].lower_ != "to":
            continue
        source = next(
            (g for t in (child, doc[child.i + 1]) for g in t.children if g.dep == pobj), None
        )
        if source is None:
            continue
        phrase_start, phrase_end = child.left_edge.i, child.right_edge.i + 1
        start, end = tok.left_edge.i, tok.right_edge.i + 1
        parts = [(start, phrase_start), (phrase_end, end)]
        cue = CueMention(child.i, child.i + 2, "according_to", child.i)
        contents = [(a, b) for a, b in parts if b - a >= 2]
        return PhraseReport(Detection.ACCORDING_TO, cue, source, contents)
    return None


def _light_verb(tok: Token) -> PhraseReport | None:
    """A view stated through a noun, at ``tok`` if it is the verb.

    "Voters expressed concern **that the policy could lead to fraud**", "advocates voiced
    doubts **about the rules**", "she made the case **that the bill is flawed**", and
    "he made (it) clear **he had doubts**".
    """
    lemma = tok.lemma_.lower()
    if not is_verbal(tok) or lemma not in LIGHT_VERBS:
        return None
    content = _made_clear(tok) if lemma == "make" else None
    for noun in tok.children:
        if content is not None:
            break
        if noun.dep in OBJECT_DEPS and noun.lemma_.lower() in LIGHT_VERBS[lemma]:
            content = _view_content(noun) or prepositional_object(tok, _VIEW_PREPOSITIONS)
    if content is None:
        return None
    cue = CueMention.at(tok.i, lemma)
    source = source_of_cue(tok.doc, cue) or source_of_governor(tok)
    if source is None:
        return None
    return PhraseReport(Detection.STATED_VIEW, cue, source, [content])


def _made_clear(tok: Token) -> tuple[int, int] | None:
    """The clause of "made (it) clear (that) ...", as a token range."""
    for clear in tok.children:
        if clear.lower_ == "clear" and clear.dep in _CLEAR_DEPS:
            for clause in clear.children:
                if clause.dep in _CLEAR_CLAUSE_DEPS and is_verbal(clause):
                    return (clause.left_edge.i, clause.right_edge.i + 1)
    return None


def _view_content(noun: Token) -> tuple[int, int] | None:
    """What a stated view is: its "that" clause or what it is about."""
    for child in noun.children:
        if child.dep in (acl, ccomp) and starts_with_that(child):
            return (child.left_edge.i, child.right_edge.i + 1)
    return prepositional_object(noun, _VIEW_PREPOSITIONS)


def _labelled_line(tok: Token) -> PhraseReport | None:
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
    while start > 0 and not ends_line(doc[start - 1]) and tok.i - start < 5:
        start -= 1
    if start > 0 and not ends_line(doc[start - 1]):
        return None
    while start < tok.i and doc[start].is_quote:
        start += 1
    name = doc[start : tok.i]
    if not 1 <= len(name) <= 4 or not _speaker_label(name):
        return None
    end = tok.i + 1
    while end < len(doc) and not ends_line(doc[end]):
        end += 1
    cue = CueMention.at(tok.i, ":")
    return PhraseReport(Detection.LABELLED_LINE, cue, name[-1], [(tok.i + 1, end)])


def _speaker_label(name: Span) -> bool:
    """Whether the words before a line's colon name a speaker (see :func:`_labelled_line`)."""
    words = [t for t in name if not t.is_punct]
    if not words or any(not (t.is_title or t.is_upper) for t in words):
        return False
    if words[0].lower_ in LABEL_WORDS or any(t.ent_type_ in _NOT_SPEAKERS for t in words):
        return False
    if len(words) == 1 and words[0].lemma_.lower() in DOCUMENT_NOUNS:
        return True
    transcript = all(t.is_upper and len(t.text) > 1 for t in words)
    return transcript or any(t.ent_type_ in PEOPLE_LABELS for t in words)


def judgement_cue(tok: Token) -> CueMention | None:
    """A verb that judges or likens, with its object and reason: "attacked Clinton **for**".

    Such verbs ("attack", "mock", "liken") are cues only with their object and the reason
    or match ("for ...", "of ...", "to ..."): "Russia attacked the city" reports nothing.
    """
    if not is_verbal(tok) or object_and_reason(tok) is None:
        return None
    return CueMention.at(tok.i, tok.lemma_.lower())


def source_of_governor(tok: Token) -> Token | None:
    """The subject of the verb a cue hangs on as an infinitive: "**he** appeared to suggest"."""
    head = tok.head
    if tok.dep != xcomp or not is_infinitive(tok) or head.lemma_.lower() not in ASPECTUAL_VERBS:
        return None
    return source_of_cue(tok.doc, CueMention.at(head.i, head.lemma_.lower()))


def credible(source: Token, cue: CueMention, lexicon: CueLexicon) -> bool:
    """Whether ``source`` can be who speaks through ``cue`` in reported speech."""
    if cue.lemma == ":" or plausible_source(source) or _partitive_of_source(source):
        return True
    if cue.lemma == "according_to":
        # "according to federal statistics", "according to her account": any noun but a
        # norm that something conforms to ("according to plan").
        return is_nominal(source) and source.lemma_.lower() not in NORM_NOUNS
    if not cue.noun and source.lemma_.lower() in DOCUMENT_NOUNS:
        return True  # "Exit polling showed that ...", "..., records show"
    # Verbs of saying proper take any noun as source ("Developers say ..."); other
    # verbs (show, find, believe) need a person, organisation or document.
    return not cue.noun and lexicon.is_speech_verb(cue.lemma) and is_nominal(source)


def _partitive_of_source(source: Token) -> bool:
    """A part of a plausible source: "many **of his supporters**", "some of the officials",
    or a share of those asked: "**Six in 10** say", "**one in three** said"."""
    if source.pos_ == "NUM" and any(
        c.lower_ == "in" and (c.dep == quantmod or any(g.like_num for g in c.children))
        for c in source.children
    ):
        return True
    if source.pos_ not in ("ADJ", "NUM", "PRON", "DET") and source.lemma_.lower() not in SHARES:
        return False
    for child in source.children:
        if child.dep == prep and child.lower_ == "of":
            target = next((g for g in child.children if g.dep == pobj), None)
            if target is not None and plausible_source(target):
                return True
    return False
