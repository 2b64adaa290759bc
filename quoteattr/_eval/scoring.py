"""The scorer: quoteattr's quotes against gold quotes, counted into an :class:`Evaluation`.

Quotes are aligned with gold by :func:`~quoteattr._eval.gold.match_quotes`. Every quote is
scored, including those with neither a speaker nor a cue (scare quotes, titles);
``attributed_only=True`` leaves those out.

quoteattr's kinds are compared with gold types this way: ``direct`` with direct,
``mixed`` and ``partial`` with mixed (a partial fragment lying inside a mixed quote
of quoteattr's is part of it and is not scored apart), ``indirect`` with indirect.

>>> gold = [GoldDocument("d", "“We won,” Smith said.", (GoldQuote(1, 8, "direct", "Smith", 10, 15),))]
>>> result = score(gold, [[]])
>>> result.overlap.recall
0.0
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Optional, Union

import attrs

from quoteattr._eval.evaluation import ErrorRecord, Evaluation, Ratio, Scores
from quoteattr._eval.gold import (
    GoldDocument,
    GoldQuote,
    GoldSpeaker,
    SpeakerKey,
    match_quotes,
    same_content,
    span_overlap,
)
from quoteattr._lexicon.words import NAMELESS_SPEAKERS
from quoteattr._quotes.model import Quote, QuoteKind, Speaker
from quoteattr._speakers.namekeys import name_key

__all__ = ["canonical_right", "same_person", "score", "scored_quotes"]

#: Words that say nothing of who a source is, left out when names are compared.
_NAME_FILLER = frozenset(["the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "rep", "gov"])
#: The gold types, and the kinds of quoteattr's quotes scored as each.
_TYPES = ("direct", "mixed", "indirect")


# -- names -----------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^\w]+", " ".join(name_key(text))) if w]


def _name_words(text: str) -> tuple[str, ...]:
    """The words of a name or description for comparison: no titles, initials or articles."""
    words = [w for w in _words(text) if w not in _NAME_FILLER]
    full = [w for w in words if len(w) > 1 or not w.isalpha()]
    return tuple(full or words)


def _names_somebody(gold_speaker: str) -> bool:
    """True unless the gold speaker text is a pronoun (it names nobody)."""
    return gold_speaker.strip().lower() not in NAMELESS_SPEAKERS


def same_person(gold: GoldQuote, speaker: Optional[Speaker]) -> bool:
    """True if a named speaker has every word of the gold source's name ("Mr. Biden", "Biden")."""
    if speaker is None or not speaker.resolution.named or not gold.speaker:
        return False
    text = gold.speaker.strip()
    if not _names_somebody(text) or not text[:1].isupper():
        return False
    theirs = set(_name_words(text))
    return bool(theirs) and theirs <= set(_name_words(speaker.name))


def canonical_right(gold: GoldSpeaker, speaker: Optional[Speaker]) -> bool:
    """True if a speaker names the canonical speaker a person read in the article.

    A named source is right when the speaker's name has the words of the canonical name
    or of one of its alternatives (titles, articles and middle initials aside: "Donald
    J. Trump" = "Donald Trump"); an unnamed source is right when the speaker's words are
    among the description's ("officials" for "senior officials"), never a name.
    """
    if speaker is None:
        return False
    ours = _name_words(speaker.name)
    if not ours:
        return False
    forms = [_name_words(f) for f in (gold.canonical, *gold.alternatives)]
    if gold.named:
        return any(set(ours) == set(f) for f in forms if f)
    allowed = {w for f in forms for w in f}
    return set(ours) <= allowed


# -- which quotes are scored -------------------------------------------------------------------


def scored_kind(quote: Quote) -> str:
    """The gold type a quote of quoteattr is compared with."""
    if quote.kind is QuoteKind.DIRECT:
        return "direct"
    if quote.kind is QuoteKind.INDIRECT:
        return "indirect"
    return "mixed"


def scored_quotes(quotes: Sequence[Quote], *, attributed_only: bool = False) -> list[Quote]:
    """The quotes to score.

    Partial fragments inside a mixed quote are part of it; with ``attributed_only``,
    quotes with neither a speaker nor a cue (scare quotes, titles) are left out too.
    """
    mixed = [(q.start, q.end) for q in quotes if q.kind is QuoteKind.MIXED]
    return [
        q
        for q in quotes
        if not (q.kind is QuoteKind.PARTIAL and any(s <= q.start and q.end <= e for s, e in mixed))
        and not (attributed_only and q.speaker is None and q.cue is None)
    ]


# -- counting ----------------------------------------------------------------------------------


def _count(tally: dict[str, Ratio], key: str, right: bool) -> None:
    """One more answer under ``key``, right or not."""
    tally[key] = tally.get(key, Ratio()) + Ratio(int(right), 1)


@attrs.define
class _Tally:
    """The figures of an evaluation, counted document by document."""

    speakers: Optional[Mapping[SpeakerKey, GoldSpeaker]]
    max_errors: int
    exact: Scores = attrs.Factory(Scores)
    overlap: Scores = attrs.Factory(Scores)
    by_kind: dict[str, Scores] = attrs.Factory(lambda: {k: Scores() for k in _TYPES})
    speaker_span: Ratio = attrs.Factory(Ratio)
    speaker_name_lenient: Ratio = attrs.Factory(Ratio)
    speaker_name_strict: Ratio = attrs.Factory(Ratio)
    cue: Ratio = attrs.Factory(Ratio)
    speaker_by_kind: dict[str, Ratio] = attrs.Factory(dict)
    speaker_person: dict[str, Ratio] = attrs.Factory(dict)
    by_rule: dict[str, Ratio] = attrs.Factory(dict)
    by_confidence: dict[str, Ratio] = attrs.Factory(dict)
    canonical: dict[str, Ratio] = attrs.Factory(dict)
    mixed_with_clause: Ratio = attrs.Factory(Ratio)
    by_detection: dict[str, Ratio] = attrs.Factory(dict)
    detection_exact: dict[str, Ratio] = attrs.Factory(dict)
    errors: list[ErrorRecord] = attrs.Factory(list)

    def add(self, doc: GoldDocument, predicted: Sequence[Quote]) -> None:
        """Count the quotes predicted for one gold document."""
        text = doc.text
        pairs, missed, spurious = match_quotes(doc.quotes, predicted)
        n_exact = sum(1 for g, q in pairs if same_content(text, g, q))
        self.overlap += Scores(len(pairs), len(spurious), len(missed))
        self.exact += Scores(n_exact, len(predicted) - n_exact, len(doc.quotes) - n_exact)
        for kind in self.by_kind:
            kp, km, ks = match_quotes(
                [g for g in doc.quotes if g.type == kind],
                [q for q in predicted if scored_kind(q) == kind],
            )
            self.by_kind[kind] += Scores(len(kp), len(ks), len(km))
        mixed = [(q.start, q.end) for q in predicted if q.kind is QuoteKind.MIXED]
        for g in doc.quotes:
            if g.type == "mixed":
                found = any(span_overlap((g.start, g.end), m) >= 0.5 for m in mixed)
                self.mixed_with_clause += Ratio(int(found), 1)
        for found_quotes, right in ((pairs, True), ([(None, q) for q in spurious], False)):
            for g_or_none, q in found_quotes:
                rule = q.detection.value if q.detection is not None else "unknown"
                _count(self.by_detection, rule, right)
                if g_or_none is not None:
                    _count(self.detection_exact, rule, same_content(text, g_or_none, q))
        for g, q in pairs:
            self._speaker(doc, g, q)
            if g.speaker and _names_somebody(g.speaker):
                ours = _words(q.speaker.name) if q.speaker is not None else []
                theirs = _words(g.speaker)
                self.speaker_name_lenient += Ratio(int(bool(ours) and ours[-1] in theirs), 1)
                self.speaker_name_strict += Ratio(int(bool(ours) and set(ours) == set(theirs)), 1)
            if g.cue_start is not None and g.cue_end is not None:
                c = q.cue
                right = (
                    c is not None
                    and span_overlap((g.cue_start, g.cue_end), (c.start, c.end)) >= 0.5
                )
                self.cue += Ratio(int(right), 1)
        for g in missed:
            self._error("missed", doc, g, text[g.start : g.end], g.type, g.speaker, None)
        for q in spurious:
            self._error("spurious", doc, q, q.text, q.kind.value, None, q.speaker_name)

    def _speaker(self, doc: GoldDocument, g: GoldQuote, q: Quote) -> None:
        """Count the speaker of a matched quote whose gold gives a speaker span."""
        if g.speaker_start is None or g.speaker_end is None:
            return
        s = q.speaker
        right = (
            s is not None
            and s.start is not None
            and s.end is not None
            and span_overlap((g.speaker_start, g.speaker_end), (s.start, s.end)) >= 0.5
        )
        self.speaker_span += Ratio(int(right), 1)
        _count(self.speaker_by_kind, g.type, right)
        resolved = (self.speakers or {}).get((doc.doc_id, g.speaker_start, g.speaker_end))
        same = right or same_person(g, s)
        if resolved is not None:
            got = canonical_right(resolved, s)
            same = same or got
            for key in (resolved.kind, "all"):
                _count(self.canonical, key, got)
        for key in (g.type, "all"):
            _count(self.speaker_person, key, same)
        # By rule and by confidence, the canonical speaker decides where canonical
        # speakers are given (a pronoun's span alone says nothing of its name);
        # without them, the speaker as a person.
        if resolved is not None or self.speakers is None:
            decided = canonical_right(resolved, s) if resolved else same
            _count(self.by_rule, s.resolution.value if s is not None else "none", decided)
            _count(self.by_confidence, "high" if q.confidence >= 0.9 else "low", decided)
        if not right:
            mention = s.mention if s else None
            self._error("wrong speaker", doc, q, q.text, q.kind.value, g.speaker, mention)

    def _error(
        self,
        kind: str,
        doc: GoldDocument,
        where: Union[GoldQuote, Quote],
        text: str,
        quote_kind: str,
        gold_speaker: Optional[str],
        speaker: Optional[str],
    ) -> None:
        """List an error about the quote ``where`` (its ``text``), until there are
        ``max_errors`` of them."""
        if len(self.errors) < self.max_errors:
            self.errors.append(
                ErrorRecord(
                    kind,
                    doc.doc_id,
                    where.start,
                    where.end,
                    text[:120],
                    quote_kind,
                    gold_speaker,
                    speaker,
                )
            )

    def evaluation(self, documents: int) -> Evaluation:
        """The figures counted, as an :class:`Evaluation` of ``documents`` documents."""
        figures = attrs.asdict(self, recurse=False, filter=lambda a, _: a.name in _FIGURES)
        return Evaluation(documents=documents, errors=tuple(self.errors), **figures)


#: The fields of :class:`_Tally` that are figures of the :class:`Evaluation`, by the same name.
_FIGURES = frozenset(a.name for a in attrs.fields(_Tally)) - {"speakers", "max_errors", "errors"}


def score(
    gold: Sequence[GoldDocument],
    predictions: Sequence[Sequence[Quote]],
    *,
    max_errors: int = 1000,
    attributed_only: bool = False,
    speakers: Optional[Mapping[SpeakerKey, GoldSpeaker]] = None,
) -> Evaluation:
    """Score predicted quotes (one list per gold document, same order) against gold.

    With ``attributed_only``, quotes with neither speaker nor cue are left out, as quoted
    phrases rather than attributions (by default every quote is scored). ``speakers``
    (from :func:`~quoteattr.load_speakers`) adds canonical-speaker accuracy.
    """
    if len(gold) != len(predictions):
        raise ValueError(f"{len(gold)} gold documents but {len(predictions)} prediction lists")
    tally = _Tally(speakers, max_errors)
    for doc, quotes in zip(gold, predictions):
        tally.add(doc, scored_quotes(quotes, attributed_only=attributed_only))
    return tally.evaluation(len(gold))
