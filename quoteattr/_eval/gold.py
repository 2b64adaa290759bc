"""Gold data for the scorer: gold quotes and canonical speakers read from JSON Lines, and
predictions aligned with them.

The gold format is one document a line::

    {"doc_id": "...", "text": "...", "quotes": [{"start": 10, "end": 42, "type": "direct",
      "speaker": "Clinton", "speaker_start": 0, "speaker_end": 7,
      "cue": "said", "cue_start": 8, "cue_end": 12}, ...]}

``start``/``end`` delimit a quote's content; ``type`` is ``direct``, ``mixed`` or
``indirect``; speaker and cue (with their offsets) may be null. A file of canonical
speakers holds one :class:`GoldSpeaker` a line.

Quotes are aligned one to one, gold in order, each to the unmatched prediction it
overlaps most (:func:`match_quotes`): a match needs a shared part covering at least half
of the shorter span. It is **exact** (:func:`same_content`) when both spans are equal
once quotation marks, whitespace and punctuation at their ends are trimmed (gold content
may include the marks, quoteattr's never does).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar, Union

import attrs

from quoteattr._quotes.model import Quote
from quoteattr.errors import InputError

__all__ = [
    "GoldDocument",
    "GoldQuote",
    "GoldSpeaker",
    "SpeakerKey",
    "load_gold",
    "load_speakers",
    "match_quotes",
    "same_content",
    "span_overlap",
]

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
class GoldDocument:
    """A gold document: its id, text and quotes."""

    doc_id: str
    text: str
    quotes: tuple[GoldQuote, ...]


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
    alternatives: tuple[str, ...] = attrs.field(default=(), converter=tuple)
    #: A pronoun no reader can resolve (generic "you").
    unresolvable: bool = False


#: Canonical speakers, keyed by the gold speaker span they resolve.
SpeakerKey = tuple[str, int, int]

# -- reading ---------------------------------------------------------------------------------


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


def _object(value: object, what: str) -> dict[str, Any]:
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


def _gold_document(record: dict[str, Any]) -> GoldDocument:
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


def load_gold(path: Union[str, Path]) -> list[GoldDocument]:
    """Read gold documents from a JSON Lines file (see the module docstring)."""
    return list(_records(path, "a gold document", _gold_document))


def load_speakers(path: Union[str, Path]) -> dict[SpeakerKey, GoldSpeaker]:
    """Read canonical speakers (JSON Lines of :class:`GoldSpeaker` fields), keyed by mention.

    The key is ``(doc_id, speaker_start, speaker_end)``, the gold speaker span it resolves.
    """
    fields = {f.name for f in attrs.fields(GoldSpeaker)}

    def build(record: Any) -> GoldSpeaker:
        return GoldSpeaker(**{k: v for k, v in record.items() if k in fields})

    found: dict[SpeakerKey, GoldSpeaker] = {}
    for gold in _records(path, "a canonical speaker record", build):
        found[(gold.doc_id, gold.speaker_start, gold.speaker_end)] = gold
    return found


# -- alignment -------------------------------------------------------------------------------


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared length over the shorter length (0 when either is empty)."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shared / shorter if shorter > 0 and shared > 0 else 0.0


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without quotation marks, whitespace and punctuation at its ends."""
    while start < end and text[start] in _TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in _TRIM_CHARS:
        end -= 1
    return start, end


def match_quotes(
    gold: Sequence[GoldQuote], predicted: Sequence[Quote]
) -> tuple[list[tuple[GoldQuote, Quote]], list[GoldQuote], list[Quote]]:
    """Match gold to predictions one to one by overlap; return (pairs, missed, spurious)."""
    free = list(range(len(predicted)))
    pairs: list[tuple[GoldQuote, Quote]] = []
    missed: list[GoldQuote] = []
    for g in gold:
        best, best_overlap = None, 0.0
        for i in free:
            q = predicted[i]
            o = span_overlap((g.start, g.end), (q.start, q.end))
            if o >= 0.5 and o > best_overlap:
                best, best_overlap = i, o
        if best is None:
            missed.append(g)
        else:
            free.remove(best)
            pairs.append((g, predicted[best]))
    return pairs, missed, [predicted[i] for i in free]


def same_content(text: str, gold: GoldQuote, quote: Quote) -> bool:
    """True if a matched quote's content is the gold content, marks and punctuation aside."""
    return _trimmed(text, gold.start, gold.end) == _trimmed(text, quote.start, quote.end)
