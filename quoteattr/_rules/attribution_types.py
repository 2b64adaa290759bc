"""The records the attribution rules hand on: a cue, what a rule found, an attribution.

An :class:`Attribution` carries token indices into the parsed ``Doc``; naming the speaker
is left to :mod:`quoteattr._speakers.sieve`, and :mod:`quoteattr._speakers.resolve` turns attributions into
quotes.
"""

from __future__ import annotations

import attrs
from spacy.tokens import Token

from quoteattr._marks.marks import QuoteSpan
from quoteattr._quotes.model import Detection, QuoteKind

__all__ = ["CONFIDENCE", "Attribution", "CueMention", "Found"]

#: How sure each way of finding the speaker is (before adjustments).
CONFIDENCE = {
    "syntax": 0.9,
    "according_to": 0.85,
    "adjacent_frame": 0.95,
    "frame_before": 0.9,
    "frame": 0.75,
    "frame_verb": 0.7,
    "adjacent": 0.7,
    "adjacent_paragraph": 0.6,
    "clause_verb": 0.6,
    "report_before": 0.7,
    "headline_subject": 0.6,
    "inside_report": 0.8,
    "none": 0.3,
}


@attrs.frozen
class CueMention:
    """The cue of an attribution: its tokens, as a doc slice ``[start, end)``."""

    start: int
    end: int
    lemma: str
    #: The token the cue is found at (for verbs and nouns, the cue word itself).
    head: int
    noun: bool = False

    @classmethod
    def at(cls, i: int, lemma: str) -> CueMention:
        """The cue of the one token ``i``: a verb, or a colon or dash that introduces a quote."""
        return cls(i, i + 1, lemma, i)


@attrs.frozen
class Found:
    """What one rule found for a quote: the cue, its source token (if any) and the way
    it was found (a key of :data:`CONFIDENCE`)."""

    cue: CueMention
    source: Token | None
    method: str


@attrs.frozen
class Attribution:
    """One quoted span with what the parse says of it."""

    span: QuoteSpan
    kind: QuoteKind
    cue: CueMention | None
    #: Token index of the speaker's head word, or None.
    source: int | None
    #: How it was found: a key of :data:`CONFIDENCE`.
    method: str
    #: For ``adjacent`` methods: index (in the returned list) of the quote whose speaker it takes.
    adjacent_to: int | None = None
    #: Token index where the quote's content starts (for sentence indexing).
    first_token: int = 0
    #: The rule that found the content of reported speech (None: quotation marks).
    detection: Detection | None = None
