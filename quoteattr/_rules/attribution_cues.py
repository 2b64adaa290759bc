"""Which words are cues: reporting verbs, utterance nouns, "according to" and frame verbs.

A cue is read from :class:`~quoteattr._lexicon.cues.CueLexicon` (the shipped cue list) and the
parse: a verb of saying ("said", "pointed out"), a verb that reports only with "as"
("described ... as") or "it" ("put it"), a verb with its particle ("went on"), an
utterance noun ("her vow"), or a phrase ("according to"). Right next to a quote, news
also reports with any verb ("“...,” Smith barked"): :func:`verb_like` and
:func:`frame_verb` tell those apart from "be", "have" and the like.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quoteattr._lexicon.cues import CueLexicon
from quoteattr._parse.deps import advcl, mark, pobj, poss, prep, prt
from quoteattr._rules.attribution_types import CueMention
from quoteattr._rules.syntax import OBJECT_DEPS, is_nominal, is_quote_mark, is_verbal

__all__ = [
    "NOT_FRAME_VERBS",
    "according_to_phrase",
    "cue_at",
    "cue_of",
    "cue_word",
    "frame_verb",
    "opens_next_quote",
    "phrase_object",
    "verb_like",
]

#: Verbs that say nothing of speaking, even right next to a quote.
NOT_FRAME_VERBS = frozenset(["be", "have", "do", "get", "make", "take", "go", "come", "become"])


def cue_at(tok: Token, lexicon: CueLexicon, *, via_as: bool = False) -> CueMention | None:
    """Return the cue at ``tok`` if it is a reporting verb or an utterance noun.

    ``via_as`` says the quote hangs on ``tok`` through "as", which makes verbs such as
    "describe" and "dismiss" cues.
    """
    lemma = tok.lemma_.lower()
    if is_verbal(tok) and lexicon.is_verb_cue(lemma):
        if lexicon.needs_as(lemma) and not (via_as or _has_as(tok)):
            return None
        if lexicon.needs_it(lemma) and not any(
            c.dep in OBJECT_DEPS and c.lower_ == "it" for c in tok.children
        ):
            return None
        return cue_of(tok)
    if is_verbal(tok):
        for child in tok.rights:  # "went on", "cut in": a verb that reports with its particle
            if (
                child.dep == prt
                and child.i == tok.i + 1
                and lexicon.is_particle_cue(lemma, child.lower_)
            ):
                return CueMention(tok.i, child.i + 1, f"{lemma}_{child.lower_}", tok.i)
    if lexicon.is_noun_cue(lemma) and (is_nominal(tok) or any(c.dep == poss for c in tok.children)):
        return CueMention(tok.i, tok.i + 1, lemma, tok.i, noun=True)
    return None


def cue_of(tok: Token) -> CueMention:
    """The cue of a verb, with the particle right after it: "pointed out", "shot back"."""
    end = tok.i + 1
    for child in tok.rights:
        if child.dep == prt and child.i == end:
            end += 1
    return CueMention(tok.i, end, tok.lemma_.lower(), tok.i)


def _has_as(tok: Token) -> bool:
    """True if "as" hangs on the verb or on its object ("described such assistance as")."""
    for child in tok.children:
        if child.lower_ == "as":
            return True
        if child.dep in OBJECT_DEPS and any(g.lower_ == "as" for g in child.children):
            return True
        if child.dep == advcl and any(g.dep == mark and g.lower_ == "as" for g in child.children):
            return True  # "described the gala as the city flattering itself"
    return False


def according_to_phrase(tok: Token, lexicon: CueLexicon) -> tuple[CueMention, Token] | None:
    """Return the cue and source of an "according to X" phrase hanging on ``tok``."""
    for child in tok.children:
        if child.dep != prep:
            continue
        for words in lexicon.phrases:
            if words in lexicon.channels or child.lower_ != words[0]:
                continue
            doc = tok.doc
            end = child.i + len(words)
            if end > len(doc) or tuple(t.lower_ for t in doc[child.i : end]) != words:
                continue
            source = phrase_object(doc, child, end)
            if source is not None:
                return CueMention(child.i, end, "_".join(words), child.i), source
    return None


def phrase_object(doc: Doc, first: Token, end: int) -> Token | None:
    """The object of a phrase of several words (``first`` up to ``end``): "according to **X**"."""
    for tok in doc[first.i : end]:
        for child in tok.children:
            if child.dep == pobj:
                return child
    return None


def verb_like(tok: Token, lexicon: CueLexicon) -> bool:
    """A verb that can report the quote: any verb but "be", "have" and the like."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "AUX" or lemma in NOT_FRAME_VERBS:
        return False
    return tok.pos_ == "VERB" or tok.tag_.startswith("VB") or lexicon.is_verb_cue(tok.lower_)


def frame_verb(tok: Token) -> bool:
    """A verb (by its part of speech) that can frame a quote: not "be", "have" and the like."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() not in NOT_FRAME_VERBS


def cue_word(tok: Token, lexicon: CueLexicon) -> bool:
    """True for a reporting verb in any form, whatever its tag ("Slams" in a headline)."""
    word = tok.lower_
    return any(
        lexicon.is_verb_cue(form)
        for form in (word, tok.lemma_.lower(), word[:-1] if word.endswith("s") else word)
    )


def opens_next_quote(doc: Doc, cue: CueMention, *, comma: bool = False) -> bool:
    """True if a colon (or, with ``comma``, a comma) and an opening quotation mark follow
    the cue within a few words."""
    for tok in doc[cue.end : min(len(doc), cue.end + 4)]:
        if tok.text == ":" or (comma and tok.text == ","):
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            return nxt is not None and is_quote_mark(nxt)
        if tok.text in (".", "!", "?") or is_quote_mark(tok):
            return False
    return False
