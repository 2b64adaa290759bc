"""Quoted fragments and the reports they stand in: ‘Okafor pledged to scrap “the scheme”’.

A quoted fragment is part of someone's reported speech. Where the content rules found
no report around a fragment, :func:`reports_around_fragments` takes the phrase of the
fragment's cue that holds it; :func:`lend_reports` then gives a fragment with no cue of
its own the cue and speaker of the mixed report around it.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from spacy.tokens import Doc

from quoteattr._lexicon.words import TIME_LABELS
from quoteattr._parse.deps import agent, csubj, dative, expl, nsubj, nsubjpass
from quoteattr._quotes.model import Detection, QuoteKind
from quoteattr._rules.attribution_types import Attribution
from quoteattr._rules.indirect_spans import QuoteIndex, char_range, report_span
from quoteattr._rules.syntax import OBJECT_DEPS, trim

__all__ = ["lend_reports", "reports_around_fragments"]

#: Dependency labels of a cue's subject, which is never part of what it reports.
_SUBJECT_DEPS = frozenset([nsubj, nsubjpass, csubj, expl, agent])
#: How an object the quoted words describe hangs on the cue: ‘called **her** “weak”’.
_DESCRIBED_DEPS = OBJECT_DEPS | {dative}


def reports_around_fragments(doc: Doc, attributions: Sequence[Attribution]) -> list[Attribution]:
    """Add the mixed report a quoted fragment stands in, where no content rule found it.

    In ‘Okafor pledged at a town hall to scrap “the costly parking scheme”’ the quote-mark
    attribution gives the fragment its cue ("promised"), but the parse hangs the clause
    where no content rule looks. The cue's phrase that holds the fragment (not its
    subject) is the report, if it has words of its own outside the marks.
    """
    reports = [a for a in attributions if a.kind in (QuoteKind.MIXED, QuoteKind.INDIRECT)]
    added: list[Attribution] = []
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
                if c.dep not in _SUBJECT_DEPS
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
                if c.dep in _DESCRIBED_DEPS
                and c.i < phrase.left_edge.i
                and c.ent_type_ not in TIME_LABELS  # "promised Sunday at a rally"
            ),
            default=phrase.left_edge.i,
        )
        start, end = trim(doc, first, phrase.right_edge.i + 1)
        fragment = QuoteIndex([span])
        if start >= end or start <= a.source < end or fragment.only_quoted(doc, start, end):
            continue
        chars = fragment.whole(char_range(doc, start, end))
        if any(r.span.start < chars[1] and chars[0] < r.span.end for r in reports):
            continue  # it would cross a report found before
        report = Attribution(
            report_span(doc.text, chars),
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


def lend_reports(attributions: Sequence[Attribution]) -> list[Attribution]:
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
    lent: list[Attribution] = []
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
