"""Frames read on the surface next to a quote: "“...,” X said" and "X said: “...”".

The parse of a sentence around a quote often hangs the quote on the wrong verb, or
folds the speaker into the quote. These rules read the words right after the closing
mark or right before the opening one: a reporting verb with its speaker in either order
(:func:`adjacent_frame`), an apposition ("“...,” Omar Reyes, a top adviser, said"), a
verb before the comma or colon that opens the quote (:func:`frame_before`), and, when
the parse links the quote to no cue, any verb next to it (:func:`by_frame`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from quoteattr._lexicon.cues import CueLexicon
from quoteattr._lexicon.words import NUMERIC_LABELS, SPEAKING_PRONOUNS
from quoteattr._marks.marks import QuoteSpan
from quoteattr._parse.deps import advmod, attr, dative, dobj, npadvmod, oprd
from quoteattr._rules.attribution_cues import (
    cue_at,
    cue_of,
    frame_verb,
    opens_next_quote,
    verb_like,
)
from quoteattr._rules.attribution_labels import (
    dash_signature,
    label_before_colon,
    name_before_colon,
    signature_line,
)
from quoteattr._rules.attribution_quote import boundary_before, ends_clause_inside, ends_with_period
from quoteattr._rules.attribution_sources import plausible_source, source_of_cue, subject_of
from quoteattr._rules.attribution_types import CueMention, Found
from quoteattr._rules.syntax import (
    Quoted,
    before_marks,
    doc_text,
    in_spans,
    is_name_head,
    is_quote_mark,
    mention_start,
    outside,
)

__all__ = ["adjacent_frame", "by_frame", "frame_before"]

#: Dependencies the parse gives a speaker written after its verb ("added another
#: Democrat", "read the email", "said Early" with the name taken for an adverb).
_INVERTED_SPEAKER_DEPS = frozenset([dobj, attr, npadvmod, advmod, oprd, dative])
_SENTENCE_ENDS = (".", "!", "?")


def adjacent_frame(
    doc: Doc, tokens: Span, span: QuoteSpan, lexicon: CueLexicon, paragraph_end: int, quoted: Quoted
) -> Found | None:
    """“...,” Smith said / “...,” said Smith: the speaker and cue right after the quote.

    The surest frame of all, so it is tried before the parse: the quote ends with a
    comma, "!" or "?" inside its marks, and the next words are a reporting verb with its
    speaker (either order). The parse of a sentence around a quote often hangs the
    quote on another verb ("Okafor declared ...: “...,” she said").
    """
    text = doc_text(doc)
    if not ends_clause_inside(text, span) or not boundary_before(
        text, span, text.rfind("\n", 0, span.open_start) + 1
    ):
        # A fragment inside someone else's sentence: "... a “fraternal duty,” KCNA said".
        return None
    after = tokens.end
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space):
        if doc[after].idx >= paragraph_end or doc[after].text in _SENTENCE_ENDS:
            return None
        after += 1
    if after >= len(doc) or doc[after].idx >= paragraph_end or in_spans(doc[after], quoted):
        return None
    # A quote that ends its sentence ("?", "!") is not reported by a cue that opens the
    # next quote: “Why now?” Mills then writes back, “...”.
    ends_sentence = text[span.start : span.end].rstrip()[-1:] in ("!", "?")
    for tok in doc[after : min(len(doc), after + 6)]:
        if tok.idx >= paragraph_end or in_spans(tok, quoted) or tok.text in (*_SENTENCE_ENDS, ","):
            break
        cue = cue_at(tok, lexicon)
        if cue is None or cue.noun or (ends_sentence and opens_next_quote(doc, cue, comma=True)):
            continue
        source = source_of_cue(doc, cue, quoted)
        if (
            source is not None
            and outside(source, tokens)
            and not in_spans(source, quoted)
            and (mention_start(source) == after or tok.i == after)
            and plausible_source(source)
        ):
            return Found(cue, source, "adjacent_frame")
        if source is None and tok.i > after:
            source = _surface_name(doc[after : tok.i])
            if source is not None:  # read on the surface, as sure as any verb after a quote
                return Found(cue, source, "frame_verb")
        if source is None and tok.i == after:
            source = _speaker_after_verb(doc, cue, paragraph_end, quoted)
            if source is not None:
                return Found(cue, source, "adjacent_frame")
    return _apposed_frame(doc, after, paragraph_end, quoted, lexicon)


def _speaker_after_verb(
    doc: Doc, cue: CueMention, paragraph_end: int, quoted: Quoted
) -> Token | None:
    """“...,” added another Democrat: the speaker right after a verb that has no subject.

    The parse of an inverted frame often takes the speaker for the verb's object or an
    adverb. The phrase must start right after the cue (and its particle) and be a name,
    a noun (not a date) or a capitalised word.
    """
    verb = doc[cue.head]
    start = cue.end
    if start >= len(doc) or doc[start].idx >= paragraph_end or in_spans(doc[start], quoted):
        return None
    for child in verb.rights:
        if child.dep not in _INVERTED_SPEAKER_DEPS or child.left_edge.i != start:
            continue
        if child.ent_type_ in NUMERIC_LABELS or child.pos_ == "PRON":
            return None
        if child.pos_ in ("NOUN", "PROPN") or is_name_head(child):
            return child
        return None
    return None


def _surface_name(words: Span) -> Token | None:
    """The last word of a name read on the surface ("Millbrook police Chief Tom Diaz"),
    where the parse lost it: nothing but capitalised words, nouns and determiners, ending
    in a capitalised one."""
    if not words or len(words) > 8:
        return None
    for tok in words:
        capitalised = tok.text[:1].isupper() and tok.is_alpha
        if not (capitalised or tok.pos_ in ("NOUN", "DET", "ADJ") or tok.text in (".", "-")):
            return None
    last = words[-1]
    return last if last.text[:1].isupper() and last.is_alpha else None


def _apposed_frame(
    doc: Doc, after: int, paragraph_end: int, quoted: Quoted, lexicon: CueLexicon
) -> Found | None:
    """“...,” Omar Reyes, a top Diaz adviser, said: a speaker set off by commas.

    Read on the surface, as the parser often folds the name into the quote: a name
    right after the quote, a comma, words up to another comma, then a reporting verb.
    """
    name: list[Token] = []
    i = after
    while i < len(doc) and (is_name_head(doc[i]) or doc[i].text == "."):
        name.append(doc[i])
        i += 1
    heads = [t for t in name if is_name_head(t)]
    if not heads or i >= len(doc) or doc[i].text != ",":
        return None
    for tok in doc[i + 1 : min(len(doc), i + 30)]:
        if tok.idx >= paragraph_end or in_spans(tok, quoted) or tok.text in _SENTENCE_ENDS:
            return None
        cue = cue_at(tok, lexicon)
        if cue is not None and not cue.noun:
            previous = doc[tok.i - 1]
            if previous.text not in (",", ")"):
                return None
            return Found(cue, heads[-1], "adjacent_frame")
    return None


def frame_before(doc: Doc, tokens: Span, lexicon: CueLexicon, quoted: Quoted) -> Found | None:
    """ "the heckler yelled: “…”", "Mills then writes back, “…”": a reporting verb a few
    words before the comma or colon that opens the quote, and its subject.

    Tried before the parse, which often hangs such a quote on a verb further up.
    """
    before = before_marks(doc, tokens.start)
    if before < 1 or doc[before].text not in (":", ","):
        return None
    for i in range(before - 1, max(-1, before - 9), -1):
        tok = doc[i]
        if (
            tok.text in (*_SENTENCE_ENDS, ";")
            or "\n" in tok.text
            or "\n" in tok.whitespace_
            or in_spans(tok, quoted)
            or is_quote_mark(tok)
        ):
            return None
        cue = cue_at(tok, lexicon)
        if cue is None or cue.noun:
            continue
        source = source_of_cue(doc, cue, quoted)
        if (
            source is not None
            and source.i < tokens.start
            and not in_spans(source, quoted)
            and (plausible_source(source) or source.pos_ in ("NOUN", "PROPN"))
        ):
            return Found(cue, source, "frame_before")
        return None
    return None


def by_frame(
    tokens: Span, span: QuoteSpan, lexicon: CueLexicon, paragraph_end: int, quoted: Quoted
) -> Found | None:
    """Look for "..., X said" right after the quote, or "X said:" right before it."""
    doc = tokens.doc
    # After: within a few words of the closing mark, in the same paragraph.
    after = tokens.end
    while (
        after < len(doc)
        and (doc[after].is_punct or doc[after].is_space)
        and doc[after].idx < paragraph_end
    ):
        after += 1
    found = _cue_after(tokens, after, lexicon, paragraph_end, quoted)
    if found is not None:
        return found
    # Before: the quote follows a colon or a comma ("He said: “...").
    before = before_marks(doc, tokens.start)
    colon = before >= 0 and doc[before].text == ":"
    if before >= 0 and doc[before].text in (":", ","):
        found = _cue_before(tokens, before, lexicon, quoted)
        if found is not None:
            return found
    if colon:
        labelled = label_before_colon(doc, before, quoted)
        if labelled is not None:
            return labelled
    signed = dash_signature(doc, after, paragraph_end, quoted) or signature_line(doc, span, quoted)
    if signed is not None:
        return signed
    # Any verb right next to the quote: news writes “...,” Smith barked / beamed Smith.
    if ends_clause_inside(doc_text(doc), span):
        found = _verb_after(doc, after, paragraph_end, quoted, lexicon)
        if found is not None:
            return found
    if colon:
        return name_before_colon(doc, before, quoted) or _verb_before_colon(
            doc, tokens, before, quoted
        )
    return None


def _cue_after(
    tokens: Span, after: int, lexicon: CueLexicon, paragraph_end: int, quoted: Quoted
) -> Found | None:
    """A reporting verb and its source within a few words after the quote ("..., X said")."""
    doc = tokens.doc
    # Far enough for an apposition: “...,” Rep. Ann Lee (D-Ore.), a panel member, said.
    for tok in doc[after : min(len(doc), 0 if ends_with_period(tokens) else after + 25)]:
        if tok.idx >= paragraph_end or (tok.is_sent_start and tok.i > after):
            break
        if in_spans(tok, quoted):
            break
        cue = cue_at(tok, lexicon)
        if cue is not None and not cue.noun and not opens_next_quote(doc, cue):
            source = source_of_cue(doc, cue, quoted)
            if outside(source, tokens) and not in_spans(source, quoted):
                return Found(cue, source, "frame")
        if tok.text in _SENTENCE_ENDS:
            break
    return None


def _cue_before(tokens: Span, before: int, lexicon: CueLexicon, quoted: Quoted) -> Found | None:
    """A reporting verb and its source before the colon or comma that opens the quote."""
    doc = tokens.doc
    lo = max(0, before - 25)
    for i in range(before - 1, lo - 1, -1):
        tok = doc[i]
        if tok.text in _SENTENCE_ENDS or "\n" in tok.text or in_spans(tok, quoted):
            break
        cue = cue_at(tok, lexicon)
        if cue is not None:
            source = source_of_cue(doc, cue, quoted)
            if source is not None and source.i < tokens.start and not in_spans(source, quoted):
                return Found(cue, source, "frame")
    return None


def _verb_after(
    doc: Doc, after: int, paragraph_end: int, quoted: Quoted, lexicon: CueLexicon
) -> Found | None:
    """“...,” Smith barked / “...!” beamed Paul Brandt: a speaker and a verb after the quote.

    The quote must end in a comma, "!" or "?" inside its marks, so that the words
    after it go on with the same sentence. Read on the surface, as the parse of such
    fragments is often wrong: a short noun phrase (a name, a pronoun, "the senator")
    and then a verb, or a verb and then a name.
    """
    end = min(len(doc), after + 10)

    def stop(tok: Token) -> bool:
        return tok.idx >= paragraph_end or in_spans(tok, quoted) or tok.is_sent_start is True

    if after >= end or (stop(doc[after]) and doc[after].i != after):
        return None
    first = doc[after]
    if verb_like(first, lexicon):
        names = []
        for tok in doc[after + 1 : end]:
            if stop(tok) or not (is_name_head(tok) or tok.text in (".", "-")):
                break
            names.append(tok)
        heads = [t for t in names if is_name_head(t)]
        if heads:
            return Found(cue_of(first), heads[-1], "frame_verb")
        return None
    phrase: list[Token] = []
    for tok in doc[after:end]:
        if tok.i > after and stop(tok):
            return None
        if verb_like(tok, lexicon) and phrase:
            heads = [t for t in phrase if t.pos_ in ("PROPN", "PRON", "NOUN") and t.tag_ != "POS"]
            if not heads:
                return None
            source = heads[-1]
            if source.pos_ == "PRON" and source.lower_ not in SPEAKING_PRONOUNS:
                return None
            if not plausible_source(source) and not is_name_head(source):
                return None
            return Found(cue_of(tok), source, "frame_verb")
        if tok.pos_ in ("PROPN", "PRON", "NOUN", "ADJ", "DET", "NUM") or tok.tag_ == "POS":
            phrase.append(tok)
            if len(phrase) > 6:
                return None
            continue
        if tok.text in (".", "-", "‐") and phrase:
            continue  # initials, hyphenated names
        return None
    return None


def _verb_before_colon(doc: Doc, tokens: Span, colon: int, quoted: Quoted) -> Found | None:
    """ "Trump leaned in and boomed: “...”": the verb of the clause the colon ends."""
    sentence_start = doc[colon].sent.start
    for i in range(colon - 1, max(sentence_start, colon - 15) - 1, -1):
        tok = doc[i]
        if in_spans(tok, quoted) or "\n" in tok.text:
            return None
        if not frame_verb(tok):
            continue
        source = subject_of(tok, quoted=quoted)
        if (
            source is not None
            and source.i < tokens.start
            and plausible_source(source)
            and not in_spans(source, quoted)
        ):
            return Found(CueMention.at(tok.i, tok.lemma_.lower()), source, "frame_verb")
        return None
    return None
