"""From attributions to :class:`~quoteattr.Quote` objects: resolve and name each speaker.

For each attribution the speaker's head token goes through the speaker sieve
(:mod:`quoteattr._speakers.sieve`), which names the speaker; a quote with no speaker of its own
takes the speaker of the quote it continues.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

import attrs
from spacy.tokens import Doc

from quoteattr._parse.coref import CorefResolver, name_gender
from quoteattr._parse.deps import acl, advcl, ccomp, pcomp, relcl, xcomp
from quoteattr._quotes.model import Article, Cue, Detection, Quote, QuoteKind, Resolution, Speaker
from quoteattr._rules.attribution_types import CONFIDENCE, Attribution
from quoteattr._speakers.references import count_references, with_references
from quoteattr._speakers.sieve import SpeakerSieve, Where
from quoteattr._speakers.speakers import ArticleNames

__all__ = ["RESOLUTION_CONFIDENCE", "build_quotes"]

#: How sure each rule of the sieve is, as a factor of the attribution's confidence.
#: They follow the precision of each rule measured on PolNeAR's train split (see
#: ``docs/accuracy.rst``), rounded: a speaker rated 0.9 or more is right nine times in ten.
RESOLUTION_CONFIDENCE = {
    Resolution.EXPLICIT: 1.0,
    Resolution.APPOSITION: 1.0,
    Resolution.RELATIVE: 0.95,
    Resolution.AUTHOR: 0.95,
    Resolution.CLAUSE_SUBJECT: 0.95,
    Resolution.DESCRIPTION: 0.6,
    Resolution.PREVIOUS_SUBJECT: 0.95,
    Resolution.SALIENT_PERSON: 0.6,
    Resolution.TOPIC_PERSON: 0.6,
    Resolution.ONLY_CANDIDATE: 0.65,
    Resolution.COREFERENCE: 0.7,
    Resolution.NEAREST_PERSON: 0.5,
    Resolution.PREVIOUS_SPEAKER: 0.6,
    Resolution.ADJACENT_QUOTE: 1.0,
    Resolution.UNNAMED: 0.8,
    Resolution.UNRESOLVED: 0.4,
}


def _cue(doc: Doc, attribution: Attribution, where: Where) -> Cue | None:
    cue = attribution.cue
    if cue is None:
        return None
    span = doc[cue.start : cue.end]
    return Cue(
        text=where.text_of(span),
        lemma=cue.lemma.replace("_", " "),
        start=span.start_char + where.offset,
        end=span.end_char + where.offset,
    )


#: Clauses inside another one's sentence: a report in them does not take the floor.
_SUBORDINATE_DEPS = frozenset([advcl, relcl, acl, pcomp, ccomp, xcomp])


class _Reports:
    """The attributions that report someone speaking (a source, a cue and a speaker), in
    the order of their cues in the text: the last one before a quote is a binary search
    away (looking through every attribution for each quote made an article of many
    quotes quadratic)."""

    def __init__(
        self, doc: Doc, attributions: Sequence[Attribution], speakers: Sequence[Speaker | None]
    ) -> None:
        self.by_place = sorted(
            (doc[a.cue.start].idx, j)
            for j, a in enumerate(attributions)
            if a.source is not None and a.cue is not None and speakers[j] is not None
        )
        self.places = [at for at, _ in self.by_place]

    def between(self, after: int, before: int) -> Iterator[tuple[int, int]]:
        """(where its cue stands, index) of each report whose cue stands in ``after:before``,
        the last first (and, at one place, the highest index first)."""
        first = bisect.bisect_left(self.places, after)
        for k in range(bisect.bisect_left(self.places, before) - 1, first - 1, -1):
            yield self.by_place[k]


def _latest_report_between(
    doc: Doc,
    attributions: Sequence[Attribution],
    reports: _Reports,
    previous: int,
    current: int,
) -> int:
    """The attribution whose speaker a cue-less quote continues.

    It is ``previous``, the quote before it, unless someone else was reported speaking
    in between ("“...,” Smith said. Jones disagreed, saying the plan would fail. “...”"):
    then the last such report (the first of them, if several cues stand at one place).
    """
    after = attributions[previous].span.end
    before = attributions[current].span.start
    cue = attributions[previous].cue
    sentence = doc[cue.head].sent.start if cue is not None else None
    best, best_at = previous, -1
    for at, j in reports.between(after, before):
        if best_at != -1 and at < best_at:
            break
        other_cue = attributions[j].cue
        if j in (previous, current) or other_cue is None:
            continue
        verb = doc[other_cue.head]
        if verb.sent.start == sentence and verb.dep in _SUBORDINATE_DEPS:
            continue  # “...,” Diaz told Okafor, after Okafor told him that ... “...”
        best, best_at = j, at
    return best


def build_quotes(
    doc: Doc,
    attributions: Sequence[Attribution],
    article: Article,
    *,
    resolver: CorefResolver | None = None,
    paragraph_starts: Sequence[int] = (),
    char_offset: int = 0,
    paragraph_offset: int = 0,
) -> list[Quote]:
    """Turn the attributions of one parsed text into quotes of ``article``.

    ``doc`` may be one chunk of a long article: ``char_offset`` is where its text starts
    in ``article.text`` and ``paragraph_offset`` how many paragraphs come before it.
    """
    if not attributions:
        return []
    quoted = [
        (a.span.start, a.span.end)
        for a in attributions
        if a.kind in (QuoteKind.DIRECT, QuoteKind.PARTIAL)
    ]
    names = ArticleNames(doc, name_gender, quoted)
    where = Where(article.text, char_offset)
    coreference = resolver.for_doc(doc, article.id) if resolver is not None else None
    sieve = SpeakerSieve(names, coreference, where)
    sentence_starts = [s.start for s in doc.sents]
    # Speakers named in the attributions themselves first; then the quotes that continue
    # an earlier speaker, who may be named in an indirect report found after them.
    speakers: list[Speaker | None] = [
        sieve.resolve(doc[a.source]) if a.source is not None else None for a in attributions
    ]
    # A "he" or "she" no rule could link: the person of that gender quoted last before it.
    quoted_before = [
        (attributions[j].span.start + char_offset, s)
        for j, s in enumerate(speakers)
        if s is not None
    ]
    for i, speaker in enumerate(speakers):
        if speaker is not None and speaker.resolution is Resolution.UNRESOLVED:
            speakers[i] = sieve.previous_speaker(speaker, quoted_before) or speaker
    confidences = [CONFIDENCE[a.method] for a in attributions]
    reports = _Reports(doc, attributions, speakers)
    for i, attribution in enumerate(attributions):
        if attribution.source is not None:
            speaker = speakers[i]
            if speaker is None:
                confidences[i] = CONFIDENCE["none"]
            else:
                confidences[i] *= RESOLUTION_CONFIDENCE[speaker.resolution]
        elif attribution.adjacent_to is not None:
            k = _latest_report_between(doc, attributions, reports, attribution.adjacent_to, i)
            previous = speakers[k]
            if previous is not None:
                # A name carries over as this quote's speaker; a pronoun nobody resolved
                # or an unnamed source stays what it was.
                carried = Resolution.ADJACENT_QUOTE if previous.resolution.named else None
                speakers[i] = attrs.evolve(previous, resolution=carried or previous.resolution)
                confidences[i] *= RESOLUTION_CONFIDENCE[previous.resolution]
            else:
                confidences[i] = CONFIDENCE["none"]
    # The gendered pronouns that refer to each speaker, once every speaker is known.
    plain = SpeakerSieve(names, None, where)  # the rules alone, for the other pronouns
    found = count_references(doc, speakers, names, coreference, char_offset, plain)
    speakers = [with_references(s, found) for s in speakers]
    quotes: list[Quote] = []
    for attribution, speaker, confidence in zip(attributions, speakers, confidences):
        span = attribution.span
        p = max(0, bisect.bisect_right(paragraph_starts, span.start) - 1) if paragraph_starts else 0
        if not (span.closed and span.opened):
            confidence *= 0.8
        start, end = span.start + char_offset, span.end + char_offset
        quotes.append(
            Quote(
                text=article.text[start:end],
                start=start,
                end=end,
                kind=attribution.kind,
                speaker=speaker,
                cue=_cue(doc, attribution, where),
                article=article,
                sentence_index=max(
                    0, bisect.bisect_right(sentence_starts, attribution.first_token) - 1
                ),
                paragraph_index=p + paragraph_offset,
                confidence=round(confidence, 3),
                detection=attribution.detection or Detection.QUOTATION_MARKS,
            )
        )
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes
