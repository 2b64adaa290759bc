"""The scorer: quoteattr's output against gold quotes in JSON Lines.

The gold format is one document a line::

    {"doc_id": "...", "text": "...", "quotes": [{"start": 10, "end": 42, "type": "direct",
      "speaker": "Clinton", "speaker_start": 0, "speaker_end": 7,
      "cue": "said", "cue_start": 8, "cue_end": 12}, ...]}

``start``/``end`` delimit a quote's content; ``type`` is ``direct``, ``mixed`` or
``indirect``; speaker and cue (with their offsets) may be null.

Quotes are matched one to one, gold in order, each to the unmatched prediction it
overlaps most. A match is **exact** when both spans are equal once quotation marks,
whitespace and punctuation at their ends are trimmed (gold content may include the
marks, quoteattr's never does), and an **overlap** match when the shared part covers
at least half of the shorter span.

Every quote is scored, including those with neither a speaker nor a cue (scare quotes,
titles); ``attributed_only=True`` leaves those out.

quoteattr's kinds are compared with gold types this way: ``direct`` with direct,
``mixed`` and ``partial`` with mixed (a partial fragment lying inside a mixed quote
of quoteattr's is part of it and is not scored apart), ``indirect`` with indirect.

>>> gold = [GoldDocument("d", "“We won,” Smith said.", (GoldQuote(1, 8, "direct", "Smith", 10, 15),))]
>>> result = score(gold, [[]])
>>> result.overlap.recall
0.0
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
    Union,
)

import attrs

from .errors import InputError
from .model import Article, Detection, Quote, QuoteKind, Resolution, Speaker
from .speakers import name_key

__all__ = [
    "Evaluation",
    "GoldDocument",
    "GoldQuote",
    "GoldSpeaker",
    "Scores",
    "canonical_right",
    "evaluate",
    "load_gold",
    "load_speakers",
    "score",
]

#: Gold speakers that are pronouns name nobody: they are left out of the name accuracies.
_PRONOUNS = frozenset(
    [
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "who",
        "whom",
        "which",
        "that",
        "him",
        "her",
        "his",
        "its",
        "their",
        "them",
        "us",
        "me",
        "our",
        "my",
    ]
)
_R = TypeVar("_R")
_TRIM_CHARS = frozenset(" \t\n\r\u00a0\"'“”‘’«»„‚`.,;:!?—–-")


@attrs.frozen
class GoldQuote:
    """One gold quote: content offsets, type, and speaker and cue with their offsets."""

    start: int
    end: int
    type: str
    speaker: Optional[str] = None
    speaker_start: Optional[int] = None
    speaker_end: Optional[int] = None
    cue: Optional[str] = None
    cue_start: Optional[int] = None
    cue_end: Optional[int] = None


@attrs.frozen
class GoldSpeaker:
    """Who a gold speaker mention refers to, read by a person: its canonical speaker.

    ``canonical`` is the fullest name the article gives the person or organisation
    (``named``), or the unnamed source as the article describes it ("senior officials").
    ``alternatives`` are other forms just as full ("Hillary Rodham Clinton").
    """

    doc_id: str
    speaker_start: int
    speaker_end: int
    #: The kind of the mention itself: ``name``, ``pronoun`` or ``description``.
    kind: str
    named: bool
    canonical: str
    alternatives: Tuple[str, ...] = attrs.field(default=(), converter=tuple)
    #: A pronoun no reader can resolve (generic "you").
    unresolvable: bool = False


#: Words that say nothing of who a source is, left out when names are compared.
_NAME_FILLER = frozenset(["the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "rep", "gov"])


def _name_words(text: str) -> Tuple[str, ...]:
    """The words of a name or description for comparison: no titles, initials or articles."""
    words = [w for w in _words(text) if w not in _NAME_FILLER]
    full = [w for w in words if len(w) > 1 or not w.isalpha()]
    return tuple(full or words)


def _same_person(gold: GoldQuote, speaker: Optional[Speaker]) -> bool:
    """True if a named speaker has every word of the gold source's name ("Mr. Biden", "Biden")."""
    if speaker is None or not speaker.resolution.named or not gold.speaker:
        return False
    text = gold.speaker.strip()
    if text.lower() in _PRONOUNS or not text[:1].isupper():
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


@attrs.frozen
class GoldDocument:
    """A gold document: its id, text and quotes."""

    doc_id: str
    text: str
    quotes: Tuple[GoldQuote, ...]


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

    def to_dict(self) -> Dict[str, float]:
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

    def to_dict(self) -> Dict[str, float]:
        """The counts and the rate as a JSON-ready dict."""
        return {"right": self.right, "total": self.total, "accuracy": round(self.value, 4)}


@attrs.frozen
class ErrorRecord:
    """One thing to learn from: a missed or spurious quote, or a wrong speaker."""

    kind: str  # "missed", "spurious", "wrong speaker"
    doc_id: str
    start: int
    end: int
    text: str
    gold_speaker: Optional[str] = None
    speaker: Optional[str] = None
    quote_kind: Optional[str] = None

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
    by_kind: Dict[str, Scores]
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
    errors: Tuple[ErrorRecord, ...] = ()
    #: Speaker mention right (as ``speaker_span``), by gold type.
    speaker_by_kind: Dict[str, Ratio] = attrs.Factory(dict)
    #: Speaker right as a person, by gold type: the mention overlaps the gold source, or
    #: names the same person (the gold source's name words are all in the speaker's name,
    #: or the canonical speaker matches where a person resolved it).
    speaker_person: Dict[str, Ratio] = attrs.Factory(dict)
    #: Canonical speaker right on matched quotes whose gold speaker a person resolved
    #: (see :func:`load_speakers`), by the kind of the gold mention, and ``all``.
    canonical: Dict[str, Ratio] = attrs.Factory(dict)
    #: Speaker right, by the sieve rule that named it (:class:`~quoteattr.model.Resolution`
    #: value, ``none`` for no speaker): with canonical speakers, on the mentions they
    #: resolve, by the canonical speaker; without them, as in ``speaker_person``.
    by_rule: Dict[str, Ratio] = attrs.Factory(dict)
    #: Speaker right (as in ``by_rule``) for quotes rated ``confidence >= 0.9`` (``high``)
    #: and below (``low``).
    by_confidence: Dict[str, Ratio] = attrs.Factory(dict)
    #: Gold mixed quotes found with their reporting clause: matched (overlap) by a quote of
    #: kind ``mixed``, not only by the quoted fragment inside it.
    mixed_with_clause: Ratio = Ratio()
    #: Precision by how the content was found (:class:`~quoteattr.model.Detection` value):
    #: the share of quotes it found that match a gold quote.
    by_detection: Dict[str, Ratio] = attrs.Factory(dict)
    #: Boundary accuracy by how the content was found: the share of its matched quotes
    #: whose content is exactly the gold content (punctuation at the ends aside).
    detection_exact: Dict[str, Ratio] = attrs.Factory(dict)

    def to_dict(self) -> Dict[str, Any]:
        """The figures as a JSON-ready dict (without the error listing)."""
        return {
            "documents": self.documents,
            "exact": self.exact.to_dict(),
            "overlap": self.overlap.to_dict(),
            "by_kind": {k: v.to_dict() for k, v in sorted(self.by_kind.items())},
            "speaker_span": self.speaker_span.to_dict(),
            "speaker_name_lenient": self.speaker_name_lenient.to_dict(),
            "speaker_name_strict": self.speaker_name_strict.to_dict(),
            "cue": self.cue.to_dict(),
            "speaker_by_kind": {k: v.to_dict() for k, v in sorted(self.speaker_by_kind.items())},
            "speaker_person": {k: v.to_dict() for k, v in sorted(self.speaker_person.items())},
            "canonical": {k: v.to_dict() for k, v in sorted(self.canonical.items())},
            "by_rule": {k: v.to_dict() for k, v in sorted(self.by_rule.items())},
            "by_confidence": {k: v.to_dict() for k, v in sorted(self.by_confidence.items())},
            "mixed_with_clause": self.mixed_with_clause.to_dict(),
            "by_detection": {k: v.to_dict() for k, v in sorted(self.by_detection.items())},
            "detection_exact": {k: v.to_dict() for k, v in sorted(self.detection_exact.items())},
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
        for name, r in (
            ("speaker (mention span)", self.speaker_span),
            ("speaker (name, lenient)", self.speaker_name_lenient),
            ("speaker (name, strict)", self.speaker_name_strict),
            ("cue (span)", self.cue),
        ):
            lines.append(f"{name:24} {r.value:6.3f}  ({r.right}/{r.total} matched quotes)")
        for kind, r in sorted(self.speaker_by_kind.items()):
            name = f"speaker ({kind})"
            lines.append(f"{name:24} {r.value:6.3f}  ({r.right}/{r.total} matched quotes)")
        for kind, r in sorted(self.speaker_person.items()):
            name = f"person ({kind})"
            lines.append(f"{name:24} {r.value:6.3f}  ({r.right}/{r.total} matched quotes)")
        for kind in ("name", "pronoun", "description", "all"):
            if kind in self.canonical:
                r = self.canonical[kind]
                name = f"canonical ({kind})"
                lines.append(f"{name:24} {r.value:6.3f}  ({r.right}/{r.total} matched quotes)")
        if self.by_rule:
            lines.append("speaker rule             right  (the rule of the sieve that named it)")
            order = [r.value for r in Resolution] + ["none"]
            for rule in sorted(self.by_rule, key=order.index):
                r = self.by_rule[rule]
                lines.append(f"  {rule:22} {r.value:6.3f}  ({r.right}/{r.total} matched quotes)")
        for band in ("high", "low"):
            if band in self.by_confidence:
                r = self.by_confidence[band]
                name = "confidence >= 0.9" if band == "high" else "confidence < 0.9"
                lines.append(f"{name:24} {r.value:6.3f}  ({r.right}/{r.total} matched quotes)")
        r = self.mixed_with_clause
        if r.total:
            lines.append(
                f"{'mixed with its clause':24} {r.value:6.3f}  ({r.right}/{r.total} gold mixed)"
            )
        if self.by_detection:
            lines.append("content rule             precision  exact boundary")
            order = [d.value for d in Detection] + ["unknown"]
            for rule in sorted(self.by_detection, key=order.index):
                r, e = self.by_detection[rule], self.detection_exact.get(rule, Ratio())
                lines.append(
                    f"  {rule:22} {r.value:6.3f} ({r.right}/{r.total})  {e.value:6.3f} ({e.right}/{e.total})"
                )
        return "\n".join(lines)


# -- reading gold ------------------------------------------------------------------


class _BadRecord(ValueError):
    """A JSON line that is valid JSON but not the record expected (the message says why)."""


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type: object, array, string, ..."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return "number"


def _object(value: object, what: str) -> Dict[str, Any]:
    """``value`` if it is a JSON object, else a :class:`_BadRecord` naming what it is."""
    if not isinstance(value, dict):
        raise _BadRecord(f"{what} must be a JSON object, not a JSON {_json_type(value)}")
    return value


def _gold_quote(record: Any, text: str) -> GoldQuote:
    record = _object(record, "a quote")
    for key in ("start", "end", "type"):
        if key not in record:
            raise _BadRecord(f"a quote needs a {key!r} field")
    fields = {f.name for f in attrs.fields(GoldQuote)}
    quote = GoldQuote(**{k: record[k] for k in fields if k in record})
    offsets = [quote.start, quote.end, quote.speaker_start, quote.speaker_end]
    offsets += [quote.cue_start, quote.cue_end]
    if any(o is not None and (not isinstance(o, int) or isinstance(o, bool)) for o in offsets):
        raise _BadRecord("quote offsets (start, end, speaker_start, ...) must be integers")
    if not 0 <= quote.start <= quote.end <= len(text):
        raise _BadRecord(
            f"a quote's start and end ({quote.start}, {quote.end}) must lie inside the text"
        )
    return quote


def _records(path: Union[str, Path], what: str, build: Callable[[Any], _R]) -> Iterator[_R]:
    """What ``build`` makes of each JSON line of a file; a bad line is an :class:`InputError`."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: cannot be read as UTF-8 text: {exc}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{p}:{number}: not {what}: not valid JSON ({exc})") from None
        try:
            yield build(_object(record, "a line"))
        except KeyError as exc:
            raise InputError(f"{p}:{number}: not {what}: no {exc} field") from None
        except (_BadRecord, TypeError, AttributeError) as exc:
            raise InputError(f"{p}:{number}: not {what}: {exc}") from None


def _gold_document(record: Dict[str, Any]) -> GoldDocument:
    text = record["text"]
    if not isinstance(text, str):
        raise _BadRecord(f"'text' must be a string, not a JSON {_json_type(text)}")
    quotes = record.get("quotes", [])
    if not isinstance(quotes, list):
        raise _BadRecord(f"'quotes' must be a JSON array, not a JSON {_json_type(quotes)}")
    return GoldDocument(
        str(record["doc_id"]),
        text,
        tuple(sorted((_gold_quote(q, text) for q in quotes), key=lambda q: q.start)),
    )


def load_gold(path: Union[str, Path]) -> List[GoldDocument]:
    """Read gold documents from a JSON Lines file (see the module docstring)."""
    return list(_records(path, "a gold document", _gold_document))


def load_speakers(path: Union[str, Path]) -> Dict[Tuple[str, int, int], GoldSpeaker]:
    """Read canonical speakers (JSON Lines of :class:`GoldSpeaker` fields), keyed by mention.

    The key is ``(doc_id, speaker_start, speaker_end)``, the gold speaker span it resolves.
    """
    fields = {f.name for f in attrs.fields(GoldSpeaker)}

    def build(record: Any) -> GoldSpeaker:
        return GoldSpeaker(**{k: v for k, v in record.items() if k in fields})

    found: Dict[Tuple[str, int, int], GoldSpeaker] = {}
    for gold in _records(path, "a canonical speaker record", build):
        found[(gold.doc_id, gold.speaker_start, gold.speaker_end)] = gold
    return found


# -- matching ------------------------------------------------------------------------------


def _overlap(a: Tuple[int, int], b: Tuple[int, int]) -> float:
    """Shared length over the shorter length (0 when either is empty)."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shared / shorter if shorter > 0 and shared > 0 else 0.0


def _trimmed(text: str, start: int, end: int) -> Tuple[int, int]:
    """The span without quotation marks, whitespace and punctuation at its ends."""
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    return start, end


def scored_kind(quote: Quote) -> str:
    """The gold type a quote of quoteattr is compared with."""
    if quote.kind is QuoteKind.DIRECT:
        return "direct"
    if quote.kind is QuoteKind.INDIRECT:
        return "indirect"
    return "mixed"


def scored_quotes(quotes: Sequence[Quote], *, attributed_only: bool = False) -> List[Quote]:
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


def _match(
    text: str, gold: Sequence[GoldQuote], predicted: Sequence[Quote]
) -> Tuple[List[Tuple[GoldQuote, Quote]], List[GoldQuote], List[Quote]]:
    """Match gold to predictions one to one by overlap; return (pairs, missed, spurious)."""
    free = list(range(len(predicted)))
    pairs: List[Tuple[GoldQuote, Quote]] = []
    missed: List[GoldQuote] = []
    for g in gold:
        best, best_overlap = None, 0.0
        for i in free:
            q = predicted[i]
            o = _overlap((g.start, g.end), (q.start, q.end))
            if o >= 0.5 and o > best_overlap:
                best, best_overlap = i, o
        if best is None:
            missed.append(g)
        else:
            free.remove(best)
            pairs.append((g, predicted[best]))
    return pairs, missed, [predicted[i] for i in free]


def _exact(text: str, g: GoldQuote, q: Quote) -> bool:
    return _trimmed(text, g.start, g.end) == _trimmed(text, q.start, q.end)


def _words(text: str) -> List[str]:
    return [w for w in re.split(r"[^\w]+", " ".join(name_key(text))) if w]


def score(
    gold: Sequence[GoldDocument],
    predictions: Sequence[Sequence[Quote]],
    *,
    max_errors: int = 1000,
    attributed_only: bool = False,
    speakers: Optional[Mapping[Tuple[str, int, int], GoldSpeaker]] = None,
) -> Evaluation:
    """Score predicted quotes (one list per gold document, same order) against gold.

    With ``attributed_only``, quotes with neither speaker nor cue are left out, as quoted
    phrases rather than attributions (by default every quote is scored). ``speakers``
    (from :func:`load_speakers`) adds canonical-speaker accuracy.
    """
    if len(gold) != len(predictions):
        raise ValueError(f"{len(gold)} gold documents but {len(predictions)} prediction lists")
    exact = overlap = Scores()
    by_kind: Dict[str, Scores] = {k: Scores() for k in ("direct", "mixed", "indirect")}
    span = lenient = strict = cue = Ratio()
    span_by_kind: Dict[str, Ratio] = {}
    person: Dict[str, Ratio] = {}
    by_rule: Dict[str, Ratio] = {}
    by_confidence: Dict[str, Ratio] = {}
    canonical: Dict[str, Ratio] = {}
    with_clause = Ratio()
    by_detection: Dict[str, Ratio] = {}
    detection_exact: Dict[str, Ratio] = {}
    errors: List[ErrorRecord] = []
    for doc, quotes in zip(gold, predictions):
        text = doc.text
        predicted = scored_quotes(quotes, attributed_only=attributed_only)
        pairs, missed, spurious = _match(text, doc.quotes, predicted)
        n_exact = sum(1 for g, q in pairs if _exact(text, g, q))
        overlap += Scores(len(pairs), len(spurious), len(missed))
        exact += Scores(n_exact, len(predicted) - n_exact, len(doc.quotes) - n_exact)
        for kind in by_kind:
            kp, km, ks = _match(
                text,
                [g for g in doc.quotes if g.type == kind],
                [q for q in predicted if scored_kind(q) == kind],
            )
            by_kind[kind] += Scores(len(kp), len(ks), len(km))
        mixed = [(q.start, q.end) for q in predicted if q.kind is QuoteKind.MIXED]
        for g in doc.quotes:
            if g.type == "mixed":
                found = any(_overlap((g.start, g.end), m) >= 0.5 for m in mixed)
                with_clause += Ratio(int(found), 1)
        for found_quotes, right in ((pairs, True), ([(None, q) for q in spurious], False)):
            for g_or_none, q in found_quotes:
                rule = q.detection.value if q.detection is not None else "unknown"
                by_detection[rule] = by_detection.get(rule, Ratio()) + Ratio(int(right), 1)
                if g_or_none is not None:
                    exact_here = Ratio(int(_exact(text, g_or_none, q)), 1)
                    detection_exact[rule] = detection_exact.get(rule, Ratio()) + exact_here
        for g, q in pairs:
            s = q.speaker
            if g.speaker_start is not None and g.speaker_end is not None:
                right = (
                    s is not None
                    and s.start is not None
                    and s.end is not None
                    and _overlap((g.speaker_start, g.speaker_end), (s.start, s.end)) >= 0.5
                )
                span += Ratio(int(right), 1)
                span_by_kind[g.type] = span_by_kind.get(g.type, Ratio()) + Ratio(int(right), 1)
                resolved = (speakers or {}).get((doc.doc_id, g.speaker_start, g.speaker_end))
                same = right or _same_person(g, s)
                if resolved is not None:
                    got = Ratio(int(canonical_right(resolved, s)), 1)
                    same = same or bool(got.right)
                    for key in (resolved.kind, "all"):
                        canonical[key] = canonical.get(key, Ratio()) + got
                for key in (g.type, "all"):
                    person[key] = person.get(key, Ratio()) + Ratio(int(same), 1)
                # By rule and by confidence, the canonical speaker decides where canonical
                # speakers are given (a pronoun's span alone says nothing of its name);
                # without them, the speaker as a person.
                if resolved is not None or speakers is None:
                    got = Ratio(int(canonical_right(resolved, s) if resolved else same), 1)
                    rule = s.resolution.value if s is not None else "none"
                    by_rule[rule] = by_rule.get(rule, Ratio()) + got
                    band = "high" if q.confidence >= 0.9 else "low"
                    by_confidence[band] = by_confidence.get(band, Ratio()) + got
                if not right and len(errors) < max_errors:
                    errors.append(
                        ErrorRecord(
                            "wrong speaker",
                            doc.doc_id,
                            q.start,
                            q.end,
                            q.text[:120],
                            g.speaker,
                            s.mention if s else None,
                            q.kind.value,
                        )
                    )
            if g.speaker and g.speaker.strip().lower() not in _PRONOUNS:
                ours = _words(s.name) if s is not None else []
                theirs = _words(g.speaker)
                lenient += Ratio(int(bool(ours) and ours[-1] in theirs), 1)
                strict += Ratio(int(bool(ours) and set(ours) == set(theirs)), 1)
            if g.cue_start is not None and g.cue_end is not None:
                c = q.cue
                right = (
                    c is not None and _overlap((g.cue_start, g.cue_end), (c.start, c.end)) >= 0.5
                )
                cue += Ratio(int(right), 1)
        for g in missed:
            if len(errors) < max_errors:
                errors.append(
                    ErrorRecord(
                        "missed",
                        doc.doc_id,
                        g.start,
                        g.end,
                        text[g.start : g.end][:120],
                        g.speaker,
                        None,
                        g.type,
                    )
                )
        for q in spurious:
            if len(errors) < max_errors:
                errors.append(
                    ErrorRecord(
                        "spurious",
                        doc.doc_id,
                        q.start,
                        q.end,
                        q.text[:120],
                        None,
                        q.speaker_name,
                        q.kind.value,
                    )
                )
    return Evaluation(
        documents=len(gold),
        exact=exact,
        overlap=overlap,
        by_kind=by_kind,
        speaker_span=span,
        speaker_name_lenient=lenient,
        speaker_name_strict=strict,
        cue=cue,
        errors=tuple(errors),
        speaker_by_kind=span_by_kind,
        speaker_person=person,
        canonical=canonical,
        by_rule=by_rule,
        by_confidence=by_confidence,
        mixed_with_clause=with_clause,
        by_detection=by_detection,
        detection_exact=detection_exact,
    )


def evaluate(
    gold: Union[str, Path, Iterable[GoldDocument]],
    extractor: Optional[Any] = None,
    *,
    batch_size: int = 16,
    n_process: int = 1,
    max_errors: int = 1000,
    attributed_only: bool = False,
    speakers: Optional[Union[str, Path, Mapping[Tuple[str, int, int], GoldSpeaker]]] = None,
) -> Evaluation:
    """Run ``extractor`` (default: :func:`quoteattr.default_extractor`) on gold documents and score it.

    ``gold`` is a path to a JSON Lines gold file or an iterable of :class:`GoldDocument`;
    ``speakers``, canonical speakers for it (a path or what :func:`load_speakers` returns).
    """
    if isinstance(speakers, (str, Path)):
        speakers = load_speakers(speakers)
    documents = load_gold(gold) if isinstance(gold, (str, Path)) else list(gold)
    if extractor is None:
        from . import default_extractor

        extractor = default_extractor()
    articles = (Article(d.text, id=d.doc_id) for d in documents)
    predictions = list(extractor.pipe(articles, batch_size=batch_size, n_process=n_process))
    return score(
        documents,
        predictions,
        max_errors=max_errors,
        attributed_only=attributed_only,
        speakers=speakers,
    )
