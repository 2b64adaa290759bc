"""How a quote sits in its sentence: where its clause starts and ends, and its kind.

A quote is direct when its marks hold the whole reported utterance ("He said: “I will
win.”"), partial when they hold a fragment of someone's sentence ("a “fraternal duty,”
KCNA said" inside a longer sentence). The rules also ask whether the quoted words end
with a comma or a full stop, and whether they read as a title.
"""

from __future__ import annotations

from spacy.tokens import Span

from quoteattr._marks.marks import QuoteSpan
from quoteattr._parse.deps import expl, nsubj, nsubjpass
from quoteattr._quotes.model import QuoteKind
from quoteattr._rules.attribution_types import Found
from quoteattr._rules.syntax import is_verbal, roots

__all__ = [
    "boundary_before",
    "ends_clause_inside",
    "ends_with_period",
    "looks_like_title",
    "quote_kind",
]

_BOUNDARY_BEFORE = frozenset(":,;—–")
#: How the words of a whole clause hang on its verb: its subject.
_CLAUSE_SUBJECT_DEPS = frozenset({nsubj, nsubjpass, expl})


def boundary_before(text: str, span: QuoteSpan, line_start: int) -> bool:
    """True if the quote opens a clause: at its line's start, or after ":", ",", a dash or
    a sentence's end."""
    i = span.open_start - 1
    while i >= line_start and text[i] in " \t\u00a0":
        i -= 1
    return i < line_start or text[i] in _BOUNDARY_BEFORE or text[i] in ".!?" or text[i] == "\n"


def _boundary_after(text: str, span: QuoteSpan) -> bool:
    """True if the quote ends a clause: punctuation inside the marks or right after them."""
    content = text[span.start : span.end].rstrip()
    if content and content[-1] in ",.!?…—–:;":
        return True
    i = span.close_end
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return i >= len(text) or text[i] in ",.;:!?)—–\n"


def ends_clause_inside(text: str, span: QuoteSpan) -> bool:
    """True if the quoted words end with a comma, "!", "?" or a dash inside the marks."""
    content = text[span.start : span.end].rstrip()
    return bool(content) and content[-1] in ",!?—–"


def ends_with_period(tokens: Span) -> bool:
    """True if the quoted words end their sentence with a full stop inside the marks and
    a capitalised word follows: the words after the quote open a new sentence, whose
    verb does not report it (but “We won.” he said, a slip of the pen, is reported).
    """
    if not len(tokens) or tokens[-1].text != ".":
        return False
    doc = tokens.doc
    for tok in doc[tokens.end : min(len(doc), tokens.end + 4)]:
        if not (tok.is_punct or tok.is_space):
            return tok.text[:1].isupper()
    return True


def looks_like_title(tokens: Span) -> bool:
    """True if quoted words read as a title: every word of four letters or more capitalised."""
    words = [t for t in tokens if t.is_alpha]
    long = [t for t in words if len(t) >= 4]
    return len(words) >= 2 and bool(long) and all(t.text[:1].isupper() for t in long)


def quote_kind(
    text: str, span: QuoteSpan, tokens: Span | None, found: Found | None, line_start: int
) -> QuoteKind:
    """Direct when the marks hold the whole reported utterance; partial for a fragment."""
    if tokens is None:
        return QuoteKind.DIRECT if boundary_before(text, span, line_start) else QuoteKind.PARTIAL
    before, after = boundary_before(text, span, line_start), _boundary_after(text, span)
    if before and after:
        return QuoteKind.DIRECT
    quote_roots = roots(tokens)
    if not quote_roots or found is None:
        return QuoteKind.PARTIAL
    root = quote_roots[0]
    whole = all(
        tokens.start <= t.i < tokens.end for t in root.subtree if not (t.is_punct or t.is_space)
    )
    # "He said “I will win.”": a whole clause, with its own subject, complementing the cue.
    cue_tok = tokens.doc[found.cue.head]
    clause = is_verbal(root) and any(
        c.dep in _CLAUSE_SUBJECT_DEPS and tokens.start <= c.i < tokens.end for c in root.children
    )
    linked = root.head.i == cue_tok.i or cue_tok.head.i == root.i
    return QuoteKind.DIRECT if whole and clause and linked else QuoteKind.PARTIAL
