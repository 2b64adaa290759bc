"""Detection of speech without quotation marks: "Kim said North Korea would fully support Russia".

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

The content rules are :data:`CONTENT_RULES` (in :mod:`quoteattr._rules.indirect_content`),
small named functions tried in order (the first that finds content decides);
``Quote.detection`` names the rule, and ``quoteattr evaluate`` reports each rule's
precision and boundary accuracy. The phrases, line labels and stated views are read in
:mod:`quoteattr._rules.indirect_cues`. Where no rule finds the clause of a quoted fragment,
:func:`reports_around_fragments` takes the phrase of the fragment's cue that holds it.

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

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from quoteattr._lexicon.cues import CueLexicon
from quoteattr._lexicon.words import TIME_LABELS
from quoteattr._marks.marks import QuoteSpan
from quoteattr._quotes.model import Detection, QuoteKind
from quoteattr._rules.attribution_cues import cue_at
from quoteattr._rules.attribution_sources import source_of_cue
from quoteattr._rules.attribution_types import Attribution, CueMention
from quoteattr._rules.indirect_content import CONTENT_RULES, ContentRule, contents_of
from quoteattr._rules.indirect_cues import (
    credible,
    judgement_cue,
    phrase_report,
    source_of_governor,
)
from quoteattr._rules.indirect_fragments import lend_reports, reports_around_fragments
from quoteattr._rules.indirect_spans import QuoteIndex, char_range, report_span
from quoteattr._rules.syntax import in_question, trim

__all__ = [
    "CONTENT_RULES",
    "ContentRule",
    "contents_of",
    "find_indirect",
    "lend_reports",
    "reports_around_fragments",
]

Chars = tuple[int, int]


def find_indirect(
    doc: Doc,
    lexicon: CueLexicon,
    quoted: Sequence[QuoteSpan],
    marked: Sequence[Attribution] = (),
) -> list[Attribution]:
    """Return the indirect (and mixed) quotes of a parsed doc, sorted by start.

    ``quoted`` are the top-level quotation-mark spans of the doc's text (which never
    overlap) and ``marked`` their attributions; a clause that is one of those quotes is
    not reported again.
    """
    text = doc.text
    quotes = QuoteIndex(quoted)
    # A quote that goes on from the report before it shares that report's cue.
    # The cue of a direct quote reports nothing more, unless its clause holds that quote
    # with words of its own: ‘explained that the title goes to whoever made the news,
    # “for good or ill”’ is one mixed report, of which the quote is a fragment.
    marked_cues: dict[int, list[QuoteSpan]] = {}
    for a in marked:
        if a.cue is not None and a.kind is QuoteKind.DIRECT and a.method != "report_before":
            marked_cues.setdefault(a.cue.head, []).append(a.span)
    found: list[tuple[Chars, Attribution]] = []
    for tok in doc:
        report = _report_at(tok, lexicon)
        if report is None:
            continue
        rule, cue, source, contents = report
        if source is None or not credible(source, cue, lexicon):
            continue
        if cue.lemma not in ("according_to", ":") and in_question(tok):
            continue
        for start, end in contents:
            start, end = trim(doc, *_after_cue(start, end, cue))
            if (
                not _long_enough(doc, start, end)
                or start <= source.i < end
                or start <= cue.head < end
            ):
                continue
            chars = quotes.whole(char_range(doc, start, end))
            if quotes.across_marks(doc[cue.head].idx, chars):
                continue  # “Half the town said ...” is quoted words, not the report
            if quotes.only_quoted(doc, start, end):
                continue  # one direct quote: the quote-mark attribution has it
            if cue.head in marked_cues and not any(
                chars[0] <= q.open_start and q.close_end <= chars[1] for q in marked_cues[cue.head]
            ):
                continue  # the cue's own direct quote is not in this clause
            kind = QuoteKind.MIXED if quotes.holds_quote(chars) else QuoteKind.INDIRECT
            span = report_span(text, chars)
            attribution = Attribution(
                span, kind, cue, source.i, "syntax", first_token=start, detection=rule
            )
            found.append((chars, attribution))
    return _outermost(found)


def _report_at(
    tok: Token, lexicon: CueLexicon
) -> tuple[Detection | None, CueMention, Token | None, list[tuple[int, int]]] | None:
    """The cue at ``tok``, the rule that found what it reports, its source and content."""
    phrase = phrase_report(tok)
    if phrase is not None:
        return phrase.rule, phrase.cue, phrase.source, phrase.contents
    cue = cue_at(tok, lexicon) or judgement_cue(tok)
    if cue is None:
        return None
    rule, contents = contents_of(tok, cue.noun, lexicon)
    if not contents:
        return None
    return rule, cue, source_of_cue(tok.doc, cue) or source_of_governor(tok), contents


def _after_cue(start: int, end: int, cue: CueMention) -> tuple[int, int]:
    """The part of a content range after its cue, when the cue falls inside it.

    In "the mine, which Mr. Lee says he is keeping open" the clause of "says" takes in the
    relative "which" before the speaker; what was said is what follows the cue.
    """
    if start <= cue.head < end and cue.end < end:
        return cue.end, end
    return start, end


def _long_enough(doc: Doc, start: int, end: int) -> bool:
    """Whether a content range says something: two words, or one name ("endorsed Obama")."""
    return end - start >= 2 or (
        end - start == 1
        and doc[start].pos_ == "PROPN"
        and doc[start].ent_type_ not in TIME_LABELS  # "called ... on Sunday"
    )


def _outermost(found: list[tuple[Chars, Attribution]]) -> list[Attribution]:
    """Drop attributions that overlap a longer one (PolNeAR-style univocal annotation).

    The longest first (the earliest of equal length): each is kept if it overlaps none
    kept before, which never overlap one another, so its neighbours in start order are
    the only ones to check.
    """
    starts: list[int] = []
    kept: list[tuple[Chars, Attribution]] = []
    for chars, attribution in sorted(found, key=lambda f: (-(f[0][1] - f[0][0]), f[0][0])):
        i = bisect.bisect_left(starts, chars[0])
        if (i == 0 or kept[i - 1][0][1] <= chars[0]) and (
            i == len(kept) or chars[1] <= kept[i][0][0]
        ):
            starts.insert(i, chars[0])
            kept.insert(i, (chars, attribution))
    return [a for _, a in kept]
