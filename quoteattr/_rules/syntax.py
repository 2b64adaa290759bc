"""Token and text helpers that every rule module shares.

What a token is (a verb, a noun, a quotation mark, a name), where it stands (inside
quoted words, in parentheses, in a Title Case headline), the phrases it heads, and the
per-doc facts the rules ask for again and again (the doc's text and its lines), worked
out once for the doc being read.

>>> import spacy
>>> doc = spacy.tokens.Doc(spacy.blank("en").vocab, words=["Ann", "said", "to", "leave"],
...     pos=["PROPN", "VERB", "PART", "VERB"], heads=[1, 1, 3, 1],
...     deps=["nsubj", "ROOT", "aux", "xcomp"])
>>> is_verbal(doc[1]), is_infinitive(doc[3]), has_subject(doc[1])
(True, True, True)
"""

from __future__ import annotations

import bisect
import re
import sys
import threading
from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar

from spacy.tokens import Doc, Span, Token

from quoteattr._lexicon.roles import load_roles
from quoteattr._lexicon.words import NUMERIC_LABELS, SOURCE_LABELS
from quoteattr._marks.marks import QuoteSpan
from quoteattr._marks.paragraphs import title_case_lines
from quoteattr._parse.deps import (
    acomp,
    amod,
    attr,
    aux,
    auxpass,
    compound,
    det,
    dobj,
    expl,
    mark,
    nmod,
    nsubj,
    nsubjpass,
    nummod,
    obj,
    pcomp,
    pobj,
    poss,
    prep,
    quantmod,
)

__all__ = [
    "OBJECT_DEPS",
    "Quoted",
    "before_marks",
    "capitalised_word",
    "content_tokens",
    "doc_cached",
    "doc_text",
    "ends_line",
    "has_subject",
    "in_parentheses",
    "in_question",
    "in_spans",
    "in_title_case_line",
    "is_copular",
    "is_infinitive",
    "is_name_head",
    "is_nominal",
    "is_quote_mark",
    "is_verbal",
    "line_end_of",
    "line_start_of",
    "mention_start",
    "objects_of",
    "outside",
    "prepositional_object",
    "roots",
    "starts_with_that",
    "title_case_between",
    "trim",
]

#: The content of the top-level quotes of a doc, as sorted ``(start, end)`` character
#: offsets: words inside them are quoted, never a speaker or a cue of the text around.
Quoted = Sequence[tuple[int, int]]

#: The labels of a verb's direct object.
OBJECT_DEPS = frozenset({dobj, obj})
#: The labels of a clause's subject (its own subject, not a clausal one).
_CLAUSE_SUBJECT_DEPS = frozenset({nsubj, nsubjpass, expl})
#: The labels of what a copula or a passive has: "was said", "is clear", "is a fraud".
_COPULAR_CHILD_DEPS = frozenset({auxpass, acomp, attr})
#: The labels of the words a noun phrase opens with, before its head.
_PHRASE_OPENING_DEPS = frozenset({det, compound, amod, poss, nummod, nmod, quantmod})
_QUOTE_MARKS = frozenset(["“", "”", "‘", "’", '"', "'", "«", "»", "„"])

# -- what a token is ----------------------------------------------------------------------


def is_verbal(tok: Token) -> bool:
    """True for a verb or an auxiliary, by its part of speech or its tag."""
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def is_nominal(tok: Token) -> bool:
    """True for a noun or a proper noun, by its part of speech or its tag."""
    return tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN")


def is_quote_mark(tok: Token) -> bool:
    """True for a quotation mark of any style."""
    return tok.is_quote or tok.text in _QUOTE_MARKS


def is_infinitive(tok: Token) -> bool:
    """True for a verb with "to" as its auxiliary: "(vowed) **to** support"."""
    return any(c.dep == aux and c.lower_ == "to" for c in tok.children)


def has_subject(tok: Token) -> bool:
    """True if the verb has a subject of its own (active, passive or "there")."""
    return any(c.dep in _CLAUSE_SUBJECT_DEPS for c in tok.children)


def starts_with_that(tok: Token) -> bool:
    """True if the clause headed by ``tok`` opens with "that" or has it as its conjunction."""
    return tok.doc[tok.left_edge.i].lower_ == "that" or any(
        c.dep == mark and c.lower_ == "that" for c in tok.children
    )


def objects_of(tok: Token) -> list[Token]:
    """The direct objects of a verb."""
    return [c for c in tok.children if c.dep in OBJECT_DEPS]


def prepositional_object(tok: Token, prepositions: Collection[str]) -> tuple[int, int] | None:
    """The token range of the object of one of ``prepositions`` on ``tok``: "called for
    **a full inquiry**"."""
    for child in tok.children:
        if child.dep == prep and child.lower_ in prepositions:
            target = next((g for g in child.children if g.dep in (pobj, pcomp)), None)
            if target is not None:
                return (target.left_edge.i, target.right_edge.i + 1)
    return None


def is_copular(verb: Token) -> bool:
    """True for "be", or a verb with a passive auxiliary or a predicate ("seemed pleased")."""
    return verb.lemma_.lower() == "be" or any(c.dep in _COPULAR_CHILD_DEPS for c in verb.children)


def mention_start(tok: Token) -> int:
    """The first token of the noun phrase a token heads (its determiners, compounds, titles)."""
    start = tok.i
    for child in tok.lefts:
        if child.dep in _PHRASE_OPENING_DEPS:
            start = min(start, child.left_edge.i)
    return start


def is_name_head(tok: Token) -> bool:
    """True if the token can end a name: a proper noun, a named source, a capitalised word."""
    if tok.ent_type_ in NUMERIC_LABELS:
        return False  # "said Sunday"
    return tok.pos_ == "PROPN" or tok.ent_type_ in SOURCE_LABELS or capitalised_word(tok)


def capitalised_word(tok: Token) -> bool:
    """A capitalised word the tagger took for a common noun, an adverb or an adjective,
    which is rather a name: in "“...?” Marsh pressed." the small model may tag "Marsh" as
    a noun, and in "said Early," as an adverb. Such a word after a closing quotation
    mark, or not opening its sentence, is taken as a name."""
    if not (tok.pos_ in ("NOUN", "ADV", "ADJ") and tok.is_alpha and tok.text[:1].isupper()):
        return False
    if tok.text.isupper() and len(tok.text) > 1 and tok.i + 1 < len(tok.doc):
        return True  # PENCE: , an acronym
    previous = tok.doc[tok.i - 1] if tok.i > 0 else None
    opens_sentence = (
        previous is None
        or previous.text in (".", "!", "?", "\n")
        or ("\n" in previous.whitespace_ or "\n" in previous.text)
    )
    if load_roles().names_speaker(tok.lemma_):
        return False
    # Opening a sentence, it is a name if the article writes it capitalised elsewhere too.
    return not opens_sentence or tok.text in _mid_sentence_capitals(tok.doc)


# -- where a token stands -----------------------------------------------------------------


def in_spans(tok: Token | None, quoted: Quoted) -> bool:
    """True if the token lies inside quoted content (a speaker is never quoted text).

    ``quoted`` holds the non-overlapping top-level spans, sorted by start.
    """
    if tok is None:
        return False
    i = bisect.bisect_right(quoted, (tok.idx, sys.maxsize)) - 1
    return i >= 0 and quoted[i][0] <= tok.idx < quoted[i][1]


def in_parentheses(tok: Token) -> bool:
    """True if the token stands inside parentheses on its line ("(D-NM)")."""
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.i - 6), -1):
        if doc[i].text == ")" or "\n" in doc[i].text:
            return False
        if doc[i].text == "(":
            return True
    return False


def in_question(tok: Token) -> bool:
    """True if the token's sentence ends with a question mark (closing marks aside)."""
    sent = tok.sent
    last = sent[-1]
    while last.i > sent.start and (last.is_space or last.is_quote or last.text in (")", "”")):
        last = tok.doc[last.i - 1]
    return last.text == "?"


def ends_line(tok: Token) -> bool:
    """Whether the token is or ends with a line break."""
    return (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_


def in_title_case_line(tok: Token) -> bool:
    """True if the token stands in a headline written in Title Case (every word a capital)."""
    doc = tok.doc
    return title_case_between(doc, line_start_of(doc, tok.idx), line_end_of(doc, tok.idx))


# -- the tokens of a quote ----------------------------------------------------------------


def before_marks(doc: Doc, start: int) -> int:
    """The last token before ``start`` that is neither a space nor a quotation mark (-1 if
    none): what stands before a quote's opening mark."""
    before = start - 1
    while before >= 0 and (doc[before].is_space or is_quote_mark(doc[before])):
        before -= 1
    return before


def content_tokens(doc: Doc, span: QuoteSpan) -> Span | None:
    """The tokens of a quote's content (inside its marks), or None if it has none."""
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    return tokens


def roots(tokens: Span) -> list[Token]:
    """Tokens of the quote whose head lies outside it (or that head their sentence),
    shallowest first."""
    start, end = tokens.start, tokens.end
    found = [
        t
        for t in tokens
        if not (t.is_punct or t.is_space) and (t.head.i == t.i or not start <= t.head.i < end)
    ]

    def depth(t: Token) -> int:
        d = 0
        while t.head.i != t.i and d < 100:
            t = t.head
            d += 1
        return d

    return sorted(found, key=lambda t: (depth(t), t.i))


def outside(tok: Token | None, tokens: Span) -> bool:
    """True if there is a token and it lies outside ``tokens``."""
    return tok is not None and not tokens.start <= tok.i < tokens.end


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A token range without the punctuation and space at its ends (quotation marks kept)."""
    while start < end and (doc[start].is_punct or doc[start].is_space) and not doc[start].is_quote:
        start += 1
    while (
        end > start
        and (doc[end - 1].is_punct or doc[end - 1].is_space)
        and not doc[end - 1].is_quote
    ):
        end -= 1
    return start, end


# -- facts of the doc being read, worked out once -------------------------------------------

_V = TypeVar("_V")


class _DocCache(threading.local):
    """What was worked out once for the doc being attributed, per thread.

    ``Doc.text`` joins every token anew on each call, and the rules ask for the text and
    the capitalised words of the same doc many times; one doc is attributed at a time in
    a thread, so only the last doc's values are kept.
    """

    doc: Doc | None = None
    values: dict[str, Any]

    def get(self, doc: Doc, key: str, compute: Callable[[Doc], _V]) -> _V:
        if self.doc is not doc:
            self.doc, self.values = doc, {}
        if key not in self.values:
            self.values[key] = compute(doc)
        value: _V = self.values[key]
        return value


_DOC_CACHE = _DocCache()


def doc_text(doc: Doc) -> str:
    """The text of a doc, joined once for the doc being attributed (not on every call)."""
    return _DOC_CACHE.get(doc, "text", lambda d: d.text)


def doc_cached(doc: Doc, key: str, compute: Callable[[Doc], _V]) -> _V:
    """``compute(doc)``, worked out once for the doc being attributed and kept under ``key``."""
    return _DOC_CACHE.get(doc, key, compute)


def _newlines(doc: Doc) -> list[int]:
    return doc_cached(
        doc, "newlines", lambda d: [m.start() for m in re.finditer("\n", doc_text(d))]
    )


def line_start_of(doc: Doc, pos: int) -> int:
    """Where the line holding the character at ``pos`` starts: ``text.rfind("\\n", 0, pos) + 1``.

    A binary search in the doc's newlines: on a text written on one line, searching the
    text at each quote took time in the square of its length.
    """
    newlines = _newlines(doc)
    before = bisect.bisect_left(newlines, pos)
    return newlines[before - 1] + 1 if before else 0


def line_end_of(doc: Doc, pos: int) -> int:
    """Where the line holding ``pos`` ends: its newline (the first at or after ``pos``), or
    the end of the text."""
    newlines = _newlines(doc)
    after = bisect.bisect_left(newlines, pos)
    return newlines[after] if after < len(newlines) else len(doc_text(doc))


def title_case_between(doc: Doc, start: int, end: int) -> bool:
    """True if a line written in Title Case (see :func:`~quoteattr._marks.paragraphs.title_case_lines`)
    starts in ``start:end``; with ``start`` a line's start and ``end`` a line's end, the
    same as ``bool(title_case_lines(text[start:end]))``."""
    starts = doc_cached(
        doc, "title case lines", lambda d: [s for s, _ in title_case_lines(doc_text(d))]
    )
    i = bisect.bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _mid_sentence_capitals(doc: Doc) -> frozenset[str]:
    """Capitalised words of a doc that also stand inside a sentence (names, not openers)."""
    return _DOC_CACHE.get(doc, "capitals", _find_mid_sentence_capitals)


def _find_mid_sentence_capitals(doc: Doc) -> frozenset[str]:
    return frozenset(
        t.text
        for t in doc
        if t.is_alpha
        and t.text[:1].isupper()
        and t.i > 0
        and doc[t.i - 1].text not in (".", "!", "?", "“", '"', "‘", "'", ":")
        and "\n" not in doc[t.i - 1].whitespace_
        and not t.is_sent_start
    )
