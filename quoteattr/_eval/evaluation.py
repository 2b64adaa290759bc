"""The result of an evaluation: its figures, its list of errors, and the report of them.

:func:`quoteattr.score` fills an :class:`Evaluation`; :meth:`Evaluation.to_dict`
gives its figures as JSON, :meth:`Evaluation.report` as a readable table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional, Union

import attrs

from quoteattr._quotes.model import Detection, Resolution

__all__ = ["ErrorRecord", "Evaluation", "Ratio", "Scores"]


@attrs.frozen
class Scores:
    """Counts of true positives, false positives and false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there is no gold."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float]:
        """The counts and rates as a JSON-ready dict."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@attrs.frozen
class Ratio:
    """A count of right answers out of a total."""

    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        """right / total, 0 when there is nothing to count."""
        return self.right / self.total if self.total else 0.0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.right + other.right, self.total + other.total)

    def to_dict(self) -> dict[str, float]:
        """The counts and the rate as a JSON-ready dict."""
        return {"right": self.right, "total": self.total, "accuracy": round(self.value, 4)}


@attrs.frozen
class ErrorRecord:
    """One thing to learn from: a missed or spurious quote, or a wrong speaker."""

    #: "missed", "spurious" or "wrong speaker".
    kind: str
    doc_id: str
    #: The quote's offsets in the document, and its first 120 characters.
    start: int
    end: int
    text: str
    #: The gold type of a missed quote; the kind of one of quoteattr's.
    quote_kind: str
    #: Who the gold and quoteattr say is speaking (None where there is no quote to say it).
    gold_speaker: Optional[str] = None
    speaker: Optional[str] = None

    def __str__(self) -> str:
        who = ""
        if self.kind == "wrong speaker":
            who = f" gold={self.gold_speaker!r} ours={self.speaker!r}"
        elif self.kind == "missed":
            who = f" gold speaker={self.gold_speaker!r}"
        return f"{self.kind:13} {self.doc_id}:{self.start}-{self.end} [{self.quote_kind}]{who} {self.text!r}"


@attrs.frozen
class Evaluation:
    """The result of scoring predictions against gold."""

    documents: int
    exact: Scores
    overlap: Scores
    #: Overlap scores by gold type / our kind (direct, mixed, indirect).
    by_kind: dict[str, Scores]
    #: Speaker right on overlap-matched quotes whose gold gives a speaker span: the
    #: speaker mention overlaps it (half the shorter span).
    speaker_span: Ratio
    #: Speaker right by name, where the gold speaker is not a pronoun: the last word of
    #: our name occurs in the gold speaker text.
    speaker_name_lenient: Ratio
    #: Speaker right by name: our name and the gold speaker text have the same words.
    speaker_name_strict: Ratio
    #: Cue right on matched quotes whose gold gives a cue span: the spans overlap.
    cue: Ratio
    errors: tuple[ErrorRecord, ...] = ()
    #: Speaker mention right (as ``speaker_span``), by gold type.
    speaker_by_kind: dict[str, Ratio] = attrs.Factory(dict)
    #: Speaker right as a person, by gold type: the mention overlaps the gold source, or
    #: names the same person (the gold source's name words are all in the speaker's name,
    #: or the canonical speaker matches where a person resolved it).
    speaker_person: dict[str, Ratio] = attrs.Factory(dict)
    #: Canonical speaker right on matched quotes whose gold speaker a person resolved
    #: (see :func:`~quoteattr.load_speakers`), by the kind of the gold mention, and ``all``.
    canonical: dict[str, Ratio] = attrs.Factory(dict)
    #: Speaker right, by the sieve rule that named it (:class:`~quoteattr.Resolution`
    #: value, ``none`` for no speaker): with canonical speakers, on the mentions they
    #: resolve, by the canonical speaker; without them, as in ``speaker_person``.
    by_rule: dict[str, Ratio] = attrs.Factory(dict)
    #: Speaker right (as in ``by_rule``) for quotes rated ``confidence >= 0.9`` (``high``)
    #: and below (``low``).
    by_confidence: dict[str, Ratio] = attrs.Factory(dict)
    #: Gold mixed quotes found with their reporting clause: matched (overlap) by a quote of
    #: kind ``mixed``, not only by the quoted fragment inside it.
    mixed_with_clause: Ratio = Ratio()
    #: Precision by how the content was found (:class:`~quoteattr.Detection` value):
    #: the share of quotes it found that match a gold quote.
    by_detection: dict[str, Ratio] = attrs.Factory(dict)
    #: Boundary accuracy by how the content was found: the share of its matched quotes
    #: whose content is exactly the gold content (punctuation at the ends aside).
    detection_exact: dict[str, Ratio] = attrs.Factory(dict)

    def to_dict(self) -> dict[str, Any]:
        """The figures as a JSON-ready dict (without the error listing)."""
        return {
            "documents": self.documents,
            "exact": self.exact.to_dict(),
            "overlap": self.overlap.to_dict(),
            "by_kind": _table(self.by_kind),
            "speaker_span": self.speaker_span.to_dict(),
            "speaker_name_lenient": self.speaker_name_lenient.to_dict(),
            "speaker_name_strict": self.speaker_name_strict.to_dict(),
            "cue": self.cue.to_dict(),
            "speaker_by_kind": _table(self.speaker_by_kind),
            "speaker_person": _table(self.speaker_person),
            "canonical": _table(self.canonical),
            "by_rule": _table(self.by_rule),
            "by_confidence": _table(self.by_confidence),
            "mixed_with_clause": self.mixed_with_clause.to_dict(),
            "by_detection": _table(self.by_detection),
            "detection_exact": _table(self.detection_exact),
        }

    def report(self) -> str:
        """A readable table of the figures."""
        lines = [f"documents: {self.documents}"]
        lines.append(f"{'quotes':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}")
        rows = [("all (exact)", self.exact), ("all (overlap)", self.overlap)]
        rows += [(f"{k} (overlap)", v) for k, v in sorted(self.by_kind.items())]
        for name, s in rows:
            lines.append(
                f"{name:24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:6} {s.fp:6} {s.fn:6}"
            )
        ratios = [
            ("speaker (mention span)", self.speaker_span),
            ("speaker (name, lenient)", self.speaker_name_lenient),
            ("speaker (name, strict)", self.speaker_name_strict),
            ("cue (span)", self.cue),
        ]
        ratios += [(f"speaker ({k})", r) for k, r in sorted(self.speaker_by_kind.items())]
        ratios += [(f"person ({k})", r) for k, r in sorted(self.speaker_person.items())]
        kinds = ("name", "pronoun", "description", "all")
        ratios += [(f"canonical ({k})", self.canonical[k]) for k in kinds if k in self.canonical]
        lines += [_ratio_line(name, r) for name, r in ratios]
        if self.by_rule:
            lines.append("speaker rule             right  (the rule of the sieve that named it)")
            order = [r.value for r in Resolution] + ["none"]
            for rule in sorted(self.by_rule, key=order.index):
                lines.append(_ratio_line(f"  {rule}", self.by_rule[rule]))
        bands = {"high": "confidence >= 0.9", "low": "confidence < 0.9"}
        lines += [
            _ratio_line(bands[b], self.by_confidence[b]) for b in bands if b in self.by_confidence
        ]
        if self.mixed_with_clause.total:
            lines.append(_ratio_line("mixed with its clause", self.mixed_with_clause, "gold mixed"))
        if self.by_detection:
            lines.append("content rule             precision  exact boundary")
            order = [d.value for d in Detection] + ["unknown"]
            for rule in sorted(self.by_detection, key=order.index):
                r, e = self.by_detection[rule], self.detection_exact.get(rule, Ratio())
                lines.append(
                    f"  {rule:22} {r.value:6.3f} ({r.right}/{r.total})  {e.value:6.3f} ({e.right}/{e.total})"
                )
        return "\n".join(lines)


def _table(ratios: Mapping[str, Union[Scores, Ratio]]) -> dict[str, dict[str, float]]:
    """Figures by key, as JSON-ready dicts, sorted by key."""
    return {key: value.to_dict() for key, value in sorted(ratios.items())}


def _ratio_line(name: str, ratio: Ratio, of: str = "matched quotes") -> str:
    """A line of the report: a rate with its counts."""
    return f"{name:24} {ratio.value:6.3f}  ({ratio.right}/{ratio.total} {of})"
