"""Quote drift: how one form of a quotation differs, word by word, from another.

:func:`quote_words` gives the words quotes are compared by; :func:`compare` sets one
quote's text against a reference form (the most common form of its cluster, chosen by
:func:`common_form`) and returns its :class:`Drift` class and its :class:`WordChange`
list. :mod:`quoteattr._corpus.clusters` gives every quote of a
:class:`~quoteattr.QuoteCluster` as a :class:`QuoteVariant` built this way.

How a variant is classified
---------------------------
Words are compared case-folded, without punctuation or apostrophes (:func:`quote_words`);
the changes are what :class:`difflib.SequenceMatcher` finds between the two word
sequences, each given with the words as the texts spell them and where they are.

* :attr:`Drift.IDENTICAL`: the same form (surrounding spaces, a trailing ",;:" and a
  sentence's closing full stop aside);
* :attr:`Drift.PUNCTUATION`: the same words, differing in punctuation or case only;
* :attr:`Drift.TRUNCATED`: one's words are a contiguous run of the other's, and the
  words cut off hold no negation ("not", "never", ...): :attr:`QuoteVariant.shorter`
  says whether the variant or the reference is the shorter;
* :attr:`Drift.ALTERED`: words changed, added inside, or left out from inside; and a
  cut that drops a negation ("we will not" to "we will").
"""

from __future__ import annotations

import difflib
import enum
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional

import attrs

from quoteattr._quotes.model import build_from_dict

__all__ = [
    "DRIFT_ORDER",
    "NEGATIONS",
    "Drift",
    "QuoteVariant",
    "WordChange",
    "common_form",
    "compare",
    "quote_form",
    "quote_words",
]

#: Words that turn a statement around: quotes differing in one are not the same quote.
NEGATIONS = frozenset(
    {"not", "no", "never", "nor", "nt", "cannot", "cant", "dont", "wont", "isnt", "arent"}
    | {"wasnt", "werent", "didnt", "doesnt", "shouldnt", "wouldnt", "couldnt", "neither"}
)

_APOSTROPHES = re.compile(r"['’ʼ`´]")
_WORDS = re.compile(r"\w+")
#: A word as a text spells it: word characters, apostrophes inside ("isn't").
_SPELLED = re.compile(r"\w+(?:['’ʼ`´]+\w+)*")


def quote_words(text: str) -> tuple[str, ...]:
    """Return the words a quote is compared by: case-folded, no punctuation or apostrophes.

    >>> quote_words("Special ones of trust, friendship, and alliance.")
    ('special', 'ones', 'of', 'trust', 'friendship', 'and', 'alliance')
    >>> quote_words("There isn’t enough") == quote_words("there isnt ENOUGH!")
    True
    """
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())
    return tuple(_WORDS.findall(text))


def quote_form(text: str) -> str:
    """Return a quote's text as a form: spaces collapsed, no trailing ",;:" or closing full stop."""
    text = " ".join(text.split()).strip(",;: ")
    # A closing full stop inside the marks belongs to the sentence, not to the quote.
    if len(text) > 1 and text.endswith(".") and (text[-2].islower() or text[-2].isdigit()):
        text = text[:-1]
    return text


def common_form(texts: Iterable[str]) -> str:
    """Return the form (:func:`quote_form`) most texts have; ties: the longest in words, then the first in sort order.

    >>> common_form(["fully support", "fully  support.", "will fully support"])
    'fully support'
    """
    forms = Counter(quote_form(t) for t in texts)
    return min(forms, key=lambda t: (-forms[t], -len(quote_words(t)), t))


class Drift(str, enum.Enum):
    """How a quote differs from the most common form of its quotation."""

    #: The same form.
    IDENTICAL = "identical"
    #: The same words; punctuation or case differ.
    PUNCTUATION = "punctuation"
    #: A contiguous run of the other's words (see :attr:`QuoteVariant.shorter`).
    TRUNCATED = "truncated"
    #: Words changed, added or left out inside (or a negation cut off).
    ALTERED = "altered"

    def __str__(self) -> str:
        return str(self.value)


#: The classes from least to most drift (:attr:`QuoteCluster.drift` is the last one found).
DRIFT_ORDER = (Drift.IDENTICAL, Drift.PUNCTUATION, Drift.TRUNCATED, Drift.ALTERED)

#: The operations of a :class:`WordChange`, as :meth:`difflib.SequenceMatcher.get_opcodes` names them.
_OPS = ("replace", "delete", "insert")


def _span(value: Sequence[Any]) -> tuple[int, int]:
    start, end = value
    if int(start) < 0 or int(end) < int(start):
        raise ValueError(f"not a span: {value!r}")
    return (int(start), int(end))


def _words(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise ValueError("expected a list of words, not a str")
    return tuple(str(v) for v in value)


def _op(value: str) -> str:
    if value not in _OPS:
        raise ValueError(f"op must be one of {', '.join(_OPS)}, not {value!r}")
    return str(value)


_CHANGE_FIELDS = ("op", "reference_words", "variant_words", "reference_span", "variant_span")


@attrs.frozen
class WordChange:
    """One difference between a variant's words and the reference's."""

    #: ``"replace"`` (words changed), ``"delete"`` (reference words missing from the
    #: variant) or ``"insert"`` (variant words not in the reference).
    op: str = attrs.field(converter=_op)
    #: The reference's words, as spelled in :attr:`QuoteCluster.reference` (empty for an insert).
    reference_words: tuple[str, ...] = attrs.field(converter=_words)
    #: The variant's words, as spelled in its text (empty for a delete).
    variant_words: tuple[str, ...] = attrs.field(converter=_words)
    #: (start, end) of those words in the reference (an empty span where words are inserted).
    reference_span: tuple[int, int] = attrs.field(converter=_span)
    #: (start, end) of those words in the variant's text (an empty span where words are deleted).
    variant_span: tuple[int, int] = attrs.field(converter=_span)

    def to_dict(self) -> dict[str, Any]:
        """Return the change as a JSON-ready dict (tuples become lists)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in attrs.asdict(self).items()}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WordChange:
        """Build a change from a dict such as :meth:`to_dict` returns."""
        change: WordChange = build_from_dict(cls, data, _CHANGE_FIELDS)
        return change


def _changes(value: Iterable[Any]) -> tuple[WordChange, ...]:
    return tuple(v if isinstance(v, WordChange) else WordChange.from_dict(v) for v in value)


def _shorter(value: Optional[str]) -> Optional[str]:
    if value not in (None, "variant", "reference"):
        raise ValueError(f"shorter must be 'variant', 'reference' or None, not {value!r}")
    return value


_VARIANT_FIELDS = ("article_id", "start", "end", "text", "drift", "diff")


@attrs.frozen(kw_only=True)
class QuoteVariant:
    """One quote of a cluster, set against the cluster's most common form."""

    #: The canonical name of its speaker (:attr:`~quoteattr.SpeakerProfile.name`), if any.
    speaker: Optional[str] = None
    #: Where the quote stands: its article's id and its offsets there.
    article_id: str = attrs.field(converter=str)
    start: int = attrs.field(converter=int)
    end: int = attrs.field(converter=int)
    #: The quote's text, its class, and its differences from the reference in word order.
    text: str = attrs.field(converter=str)
    drift: Drift = attrs.field(converter=Drift)
    diff: tuple[WordChange, ...] = attrs.field(converter=_changes)
    #: For :attr:`Drift.TRUNCATED`: ``"variant"`` or ``"reference"``, the shorter one.
    shorter: Optional[str] = attrs.field(default=None, converter=_shorter)

    def to_dict(self) -> dict[str, Any]:
        """Return the variant as a JSON-ready dict."""
        data = attrs.asdict(self, recurse=False)
        return {**data, "drift": self.drift.value, "diff": [c.to_dict() for c in self.diff]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuoteVariant:
        """Build a variant from a dict such as :meth:`to_dict` returns."""
        variant: QuoteVariant = build_from_dict(cls, data, _VARIANT_FIELDS, ("shorter", "speaker"))
        return variant


# -- comparing ------------------------------------------------------------------------------


@attrs.frozen
class _Word:
    start: int
    end: int
    key: str


def _spelled_words(text: str) -> list[_Word]:
    found = []
    for match in _SPELLED.finditer(text):
        key = "".join(quote_words(match.group()))
        if key:
            found.append(_Word(match.start(), match.end(), key))
    return found


def _run_of(longer: Sequence[str], shorter: Sequence[str]) -> Optional[int]:
    """Where ``shorter`` starts as a contiguous run of ``longer``, or None."""
    n = len(shorter)
    if not n or n >= len(longer):
        return None
    for i in range(len(longer) - n + 1):
        if longer[i : i + n] == shorter:
            return i
    return None


def _cut_without_negation(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    at = _run_of(longer, shorter)
    if at is None:
        return False
    cut = set(longer[:at]) | set(longer[at + len(shorter) :])
    return not cut & NEGATIONS


def _span_of(words: Sequence[_Word], i: int, j: int) -> tuple[int, int]:
    if i < j:
        return (words[i].start, words[j - 1].end)
    at = words[i].start if i < len(words) else (words[-1].end if words else 0)
    return (at, at)


def compare(reference: str, text: str) -> tuple[Drift, Optional[str], tuple[WordChange, ...]]:
    """Return how ``text`` differs from the form ``reference``: its class, the shorter side, its changes.

    The shorter side is ``"variant"`` or ``"reference"`` for :attr:`Drift.TRUNCATED`,
    else None.

    >>> drift, shorter, diff = compare("we will not back down", "We will back down!")
    >>> drift.value, [(c.op, c.reference_words, c.variant_words) for c in diff]
    ('altered', [('delete', ('not',), ())])
    >>> compare("trust, friendship and alliance", "trust, friendship, and alliance")[0].value
    'punctuation'
    """
    ref_words, words = _spelled_words(reference), _spelled_words(text)
    ref_keys, keys = [w.key for w in ref_words], [w.key for w in words]
    matcher = difflib.SequenceMatcher(None, ref_keys, keys, autojunk=False)
    diff = tuple(
        WordChange(
            op,
            [reference[w.start : w.end] for w in ref_words[i1:i2]],
            [text[w.start : w.end] for w in words[j1:j2]],
            _span_of(ref_words, i1, i2),
            _span_of(words, j1, j2),
        )
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    )
    shorter = None
    if quote_form(text) == quote_form(reference):
        drift = Drift.IDENTICAL
    elif keys == ref_keys:
        drift = Drift.PUNCTUATION
    elif _cut_without_negation(ref_keys, keys):
        drift, shorter = Drift.TRUNCATED, "variant"
    elif _cut_without_negation(keys, ref_keys):
        drift, shorter = Drift.TRUNCATED, "reference"
    else:
        drift = Drift.ALTERED
    return drift, shorter, diff
