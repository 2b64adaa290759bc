"""From a parsed ``Doc`` and its quoted spans to attributions: cue, source token and kind.

:func:`attribute` runs the rules for each top-level quote, in this order, and keeps the
first that finds a cue with a source:

1. **Labels and frames next to the quote** (:mod:`quoteattr._rules.attribution_labels`,
   :mod:`quoteattr._rules.attribution_frames`): "Nina Holm: “...”", "“...,” Smith said",
   "the heckler yelled: “...”". The surest readings, tried before the parse.
2. **Syntax** (:mod:`quoteattr._rules.attribution_parse`): from the quote's root, up its
   ancestors to the first cue (a reporting verb or an utterance noun from
   :mod:`quoteattr._lexicon.cues`) and its source (:mod:`quoteattr._rules.attribution_sources`).
3. **Frame**: if the parse links the quote to no cue, a cue right after the closing
   mark or right before the opening one, a signature, an "according to" phrase.
4. **Fragments**: a partial quote in a headline that opens with a name, or in a clause
   whose subject is a named source ("Okafor has been hammering Diaz as a “fraud”").
5. **Adjacent quote**: a quote with no cue takes the speaker of the quote before it in
   the same paragraph, of the quote that ends the paragraph before when it opens its
   own paragraph, or of the report in the sentence right before it.

Attributions carry token indices; naming the speaker is left to :mod:`quoteattr._speakers.sieve`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span

from quoteattr._lexicon.cues import CueLexicon
from quoteattr._lexicon.words import SPEAKING_PRONOUNS
from quoteattr._marks.marks import QuoteSpan
from quoteattr._marks.paragraphs import paragraph_starts as find_paragraph_starts
from quoteattr._quotes.model import QuoteKind
from quoteattr._rules.attribution_cues import cue_at
from quoteattr._rules.attribution_frames import adjacent_frame, by_frame, frame_before
from quoteattr._rules.attribution_labels import headline_subject, speaker_label
from quoteattr._rules.attribution_parse import by_syntax, clause_verb, sentence_according_to
from quoteattr._rules.attribution_quote import quote_kind
from quoteattr._rules.attribution_sources import plausible_source, source_of_cue, subject_of
from quoteattr._rules.attribution_types import Attribution, Found
from quoteattr._rules.syntax import (
    OBJECT_DEPS,
    Quoted,
    before_marks,
    content_tokens,
    doc_text,
    in_spans,
    is_verbal,
)

__all__ = ["attribute"]


def attribute(
    doc: Doc,
    spans: Iterable[QuoteSpan],
    lexicon: CueLexicon,
    *,
    text: str | None = None,
    paragraph_starts: Sequence[int] | None = None,
) -> list[Attribution]:
    """Attribute every quoted span of ``doc`` (spans in offsets of ``doc.text``).

    Only top-level spans are attributed: a quote nested inside another quote is part
    of what the outer speaker said. ``paragraph_starts`` are the offsets where the
    paragraphs of the text begin (see :func:`quoteattr._marks.paragraphs.paragraph_starts`).
    """
    text = doc_text(doc) if text is None else text
    spans = [s for s in spans if s.depth == 0]
    if paragraph_starts is None:
        paragraph_starts = find_paragraph_starts(text)
    quoted = [(s.start, s.end) for s in spans]
    results: list[Attribution] = []
    for span in spans:
        p = max(0, bisect.bisect_right(paragraph_starts, span.start) - 1)
        line_start = paragraph_starts[p] if paragraph_starts else 0
        nl = text.find("\n", span.end)
        paragraph_end = len(text) if nl == -1 else nl
        tokens = content_tokens(doc, span)
        found = None
        if tokens is not None:
            found = _cue_and_source(doc, tokens, span, lexicon, paragraph_end, quoted)
        kind = quote_kind(text, span, tokens, found, line_start)
        if (
            tokens is not None
            and (found is None or found.source is None)
            and kind is QuoteKind.PARTIAL
        ):
            found = (
                headline_subject(doc, tokens, quoted)
                or clause_verb(tokens, lexicon, quoted)
                or found
            )
        first = tokens.start if tokens is not None else 0
        adjacent, method = None, "none"  # a cue that names nobody: the speaker is unknown
        if found is None:
            adjacent, method = _adjacent(results, span, text, paragraph_starts, p, kind)
            if adjacent is None and tokens is not None and kind is QuoteKind.DIRECT:
                found = _report_before(doc, tokens, span, text, line_start, lexicon, quoted)
        if found is not None and found.source is not None:
            attribution = Attribution(
                span, kind, found.cue, found.source.i, found.method, first_token=first
            )
        else:
            cue = found.cue if found is not None else None
            attribution = Attribution(
                span, kind, cue, None, method, adjacent_to=adjacent, first_token=first
            )
        results.append(attribution)
    return results


def _cue_and_source(
    doc: Doc, tokens: Span, span: QuoteSpan, lexicon: CueLexicon, paragraph_end: int, quoted: Quoted
) -> Found | None:
    """The cue of a quote with words in it, and its source if a rule finds one."""
    found = (
        speaker_label(doc, tokens, quoted, lexicon)
        or adjacent_frame(doc, tokens, span, lexicon, paragraph_end, quoted)
        or frame_before(doc, tokens, lexicon, quoted)
        or by_syntax(tokens, lexicon, quoted)
    )
    if found is None or found.source is None:
        found = by_frame(tokens, span, lexicon, paragraph_end, quoted) or found
    if found is None or found.source is None:
        found = sentence_according_to(tokens, lexicon, quoted) or found
    return found


def _report_before(
    doc: Doc,
    tokens: Span,
    span: QuoteSpan,
    text: str,
    line_start: int,
    lexicon: CueLexicon,
    quoted: Quoted,
) -> Found | None:
    """ "..., Reyes said. “The other worry ...”": a quote with no cue of its own that
    opens a sentence right after a sentence reporting someone's words, in the same
    paragraph, or after a paragraph that ends in a colon ("Lee made the following
    remark:"). The reported speaker goes on speaking.
    """
    before_text = text[: span.open_start].rstrip()
    if not before_text or before_text[-1] not in ".!?:":
        return None
    opens_paragraph = not text[line_start : span.open_start].strip()
    if opens_paragraph and before_text[-1] != ":":
        return None  # a paragraph of its own continues only an introduction with a colon
    end = before_marks(doc, tokens.start)
    if end < 0:
        return None
    candidates: list[tuple[int, Found]] = []
    for tok in doc[end].sent:
        if in_spans(tok, quoted):
            continue
        cue = cue_at(tok, lexicon)
        if cue is None:
            continue
        source = source_of_cue(doc, cue, quoted)
        if source is None and cue.noun and tok.dep in OBJECT_DEPS and is_verbal(tok.head):
            source = subject_of(tok.head, quoted=quoted)  # "made the following comment:"
        if source is None or in_spans(source, quoted) or not plausible_source(source):
            continue
        if source.pos_ == "PRON" and source.lower_ not in SPEAKING_PRONOUNS:
            continue
        depth = 0
        head = tok
        while head.head.i != head.i and depth < 50:
            head, depth = head.head, depth + 1
        candidates.append((depth, Found(cue, source, "report_before")))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


def _adjacent(
    results: Sequence[Attribution],
    span: QuoteSpan,
    text: str,
    paragraph_starts: Sequence[int],
    paragraph: int,
    kind: QuoteKind,
) -> tuple[int | None, str]:
    """Return the index of the earlier quote whose speaker this cue-less quote takes."""
    if not results:
        return None, "none"
    line_start = paragraph_starts[paragraph] if paragraph_starts else 0
    for index in range(len(results) - 1, -1, -1):
        prev = results[index]
        if prev.span.start < line_start:
            break
        if prev.source is not None or prev.adjacent_to is not None:
            return index, "adjacent"
    # A quote that opens its paragraph continues the speaker of the quote that closed
    # the paragraph before (the news convention for a run of quoted paragraphs).
    if (
        kind is QuoteKind.DIRECT
        and text[line_start : span.open_start].strip() == ""
        and paragraph > 0
    ):
        prev_start = paragraph_starts[paragraph - 1]
        index = len(results) - 1
        prev = results[index]
        if prev.span.start >= prev_start and (
            prev.source is not None or prev.adjacent_to is not None
        ):
            # What follows the quote before is its own reporting clause (", Holm said,
            # referring to ..."): one sentence, with no other quotation mark in it.
            tail = text[prev.span.close_end : line_start].strip()
            if len(tail) < 80 or (
                len(tail) < 300 and not re.search(r"[.!?][\s\u201c\u201d\"]+[A-Z]", tail[:-1])
            ):
                return index, "adjacent_paragraph"
    return None, "none"
