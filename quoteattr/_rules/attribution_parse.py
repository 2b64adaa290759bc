"""The cue of a quote as the parse gives it: up the tree from the quoted words.

From each root of the quote, :func:`by_syntax` walks up its ancestors to the first cue
(a reporting verb or an utterance noun) with a plausible source outside the quote, and
tries an "according to" phrase and a clause of saying that hangs on the quote itself
("“...,” he said" parsed with "said" under the quote). Where the parse links a quote to
no cue, :func:`sentence_according_to` reads an "according to" phrase anywhere in the
sentence, and :func:`clause_verb` takes the subject of the clause a quoted fragment
stands in ("Okafor has been hammering Diaz as a “fraud”").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Optional

from spacy.tokens import Doc, Span, Token

from quoteattr._lexicon.cues import CueLexicon
from quoteattr._lexicon.words import AGENT_LABELS, SPEAKING_PRONOUNS
from quoteattr._parse.deps import advcl, ccomp, conj, dep, mark, parataxis
from quoteattr._rules.attribution_cues import (
    NOT_FRAME_VERBS,
    according_to_phrase,
    cue_at,
    opens_next_quote,
)
from quoteattr._rules.attribution_quote import ends_with_period, looks_like_title
from quoteattr._rules.attribution_sources import plausible_source, source_of_cue, subject_of
from quoteattr._rules.attribution_types import CueMention, Found
from quoteattr._rules.syntax import Quoted, in_spans, is_copular, is_verbal, outside, roots

__all__ = ["by_syntax", "clause_verb", "sentence_according_to"]

#: A cue, its source (None if it has none) and the method that found them.
Candidate = tuple[CueMention, Optional[Token], str]

#: Clauses hanging on a quote's root that may be its reporting clause.
_CLAUSE_CHILD_DEPS = frozenset({parataxis, ccomp, conj, advcl, dep})
#: Verbs whose subject does not speak the quoted words it frames ("is", "has").
_NOT_SPEAKING_FRAMES = NOT_FRAME_VERBS | frozenset(["call", "name", "title", "dub", "label"])


def by_syntax(tokens: Span, lexicon: CueLexicon, quoted: Quoted) -> Found | None:
    """Find the cue of a quote from the parse, and the cue's source outside the quote.

    For each root of the quote (shallowest first): its ancestors, nearest first; then
    an "according to" phrase on the root; then a cue hanging on the root itself
    ("“...,” he said" parsed with "said" under the quote). A cue whose source is not a
    plausible speaker ("troops ... hailed") is kept only if nothing better is found.
    """
    doc = tokens.doc
    weak: Found | None = None
    sourceless: Found | None = None
    for cue, source, method in _candidates(tokens, lexicon, quoted):
        if cue.start >= tokens.end and opens_next_quote(doc, cue):
            continue  # "Mr. Reyes said: ''...''" belongs to the quote after it
        if cue.start >= tokens.end and ends_with_period(tokens):
            continue  # “... at a coal base.” While environmentalists welcomed ...
        if source is None or not outside(source, tokens) or in_spans(source, quoted):
            if sourceless is None:
                sourceless = Found(cue, None, method)
            continue
        found = Found(cue, source, method)
        if plausible_source(source):
            return found
        if weak is None:
            weak = found
    return weak or sourceless


def _candidates(tokens: Span, lexicon: CueLexicon, quoted: Quoted) -> Iterator[Candidate]:
    """The cues the parse links to a quote, in the order :func:`by_syntax` weighs them."""
    doc = tokens.doc
    for root in roots(tokens):
        tok = root
        steps = 0
        via_as = False
        while tok.head.i != tok.i and steps < 40:
            via_as = via_as or tok.lower_ == "as"
            tok = tok.head
            steps += 1
            if not outside(tok, tokens):
                continue
            yield from _with_source(doc, cue_at(tok, lexicon, via_as=via_as), quoted)
            yield from _according_to(tok, lexicon)
            # "As the Herald's Greta Vance puts it, the mayor is trying to ...": a clause of
            # saying opened by "as", hanging on the sentence that holds the quote.
            for child in tok.children:
                if child.dep in (advcl, parataxis) and any(
                    m.dep == mark and m.lower_ == "as" for m in child.children
                ):
                    cue = cue_at(child, lexicon, via_as=True)
                    if outside(child, tokens):
                        yield from _with_source(doc, cue, quoted)
        yield from _according_to(root, lexicon)
        for child in root.children:
            if not outside(child, tokens) or in_spans(child, quoted):
                continue
            if child.dep in _CLAUSE_CHILD_DEPS:
                # The clause itself, or a participle of saying on it: in "Okafor didn't
                # seem pleased, telling reporters, “...”" the parse makes "seem" a
                # clause of the quote.
                for clause in [child] + [
                    g for g in child.children if g.dep == advcl and g.tag_ == "VBG"
                ]:
                    cue = cue_at(clause, lexicon)
                    if outside(clause, tokens):
                        yield from _with_source(doc, cue, quoted)


def _with_source(doc: Doc, cue: CueMention | None, quoted: Quoted) -> Iterator[Candidate]:
    if cue is not None:
        yield cue, source_of_cue(doc, cue, quoted), "syntax"


def _according_to(tok: Token, lexicon: CueLexicon) -> Iterator[Candidate]:
    phrase = according_to_phrase(tok, lexicon)
    if phrase is not None:
        yield phrase[0], phrase[1], "according_to"


def sentence_according_to(tokens: Span, lexicon: CueLexicon, quoted: Quoted) -> Found | None:
    """ "According to host Leo Marsh, the plan smacks of “panic”": an "according to"
    phrase anywhere in the quote's sentence, read on the surface.

    The parse often hangs the phrase on the wrong word (or makes "According" the root),
    but the phrase attributes its whole sentence: its source is the last name or noun
    before the comma or the sentence's end that closes the phrase.
    """
    doc = tokens.doc
    sentence = doc[tokens.start].sent
    words = ("according", "to")
    for tok in sentence:
        if tok.lower_ != words[0] or tok.i + 2 >= sentence.end or doc[tok.i + 1].lower_ != words[1]:
            continue
        if in_spans(tok, quoted) or not outside(tok, tokens):
            continue
        phrase: list[Token] = []
        for word in doc[tok.i + 2 : min(sentence.end, tok.i + 12)]:
            if (word.is_punct and word.text not in (".", "-", "'", "’")) or in_spans(word, quoted):
                break
            if word.text == "." and word.i + 1 < len(doc) and not doc[word.i + 1].is_title:
                break
            phrase.append(word)
        heads = [w for w in phrase if w.pos_ in ("PROPN", "NOUN", "PRON") and w.tag_ != "POS"]
        if not heads or outside(heads[-1], tokens) is False:
            continue
        source = heads[-1]
        if source.pos_ == "PRON" and source.lower_ not in SPEAKING_PRONOUNS:
            continue
        return Found(CueMention(tok.i, tok.i + 2, "according_to", tok.i), source, "according_to")
    return None


def clause_verb(tokens: Span, lexicon: CueLexicon, quoted: Quoted) -> Found | None:
    """ "Okafor has been hammering Diaz as a “fraud”": a quoted fragment in a clause
    whose subject is a named source, with no reporting verb.

    News quotes a source's words inside its own clause about them; the speaker is the
    subject of the verb the fragment hangs on (within a few steps, never across a
    clause of saying, which the cue rules have read). Only names and personal
    pronouns count, not common nouns, and never for a title (“Face the Nation”).
    """
    if looks_like_title(tokens):
        return None
    quote_roots = roots(tokens)
    if not quote_roots:
        return None
    tok = quote_roots[0]
    for _ in range(6):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if not outside(tok, tokens) or not is_verbal(tok):
            continue
        if tok.pos_ == "AUX" or tok.lemma_.lower() in _NOT_SPEAKING_FRAMES or is_copular(tok):
            return None
        subject = subject_of(tok, quoted=quoted)
        if subject is None or not outside(subject, tokens) or in_spans(subject, quoted):
            return None
        named = subject.ent_type_ in AGENT_LABELS or subject.pos_ == "PROPN"
        if not (named or subject.lower_ in SPEAKING_PRONOUNS):
            return None
        return Found(CueMention.at(tok.i, tok.lemma_.lower()), subject, "clause_verb")
    return None
