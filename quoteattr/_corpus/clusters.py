"""Quote clusters: the same quotation carried by several articles, found despite small differences.

:func:`quote_groups` groups the quotes of a corpus that are one quotation;
:func:`make_cluster` describes one group as a :class:`QuoteCluster`.
:mod:`quoteattr._corpus.analysis` calls them for :meth:`~quoteattr.CorpusAnalysis.clusters`.

How quotes are clustered
------------------------
Only quotation-marked kinds take part (:data:`CLUSTER_KINDS`): direct, partial and
mixed quotes. Indirect quotes are the reporter's paraphrase, so two of them sharing
words says little about a shared source. A quote's words are its text case-folded,
without punctuation and apostrophes (:func:`quote_words`). Two quotes are the same
quote when their word sequences are equal, or when both have at least four words and
their word sets have a Jaccard similarity of at least 0.8 without differing in a
negation ("not", "never", ...). A direct or partial quote of at least two words, not
all stop words, that occurs word for word inside a longer direct or partial quote
joins that quote's cluster, but only when every quote containing it belongs to one
cluster: a short fragment such as "new level" found inside two unrelated quotes would
otherwise chain them together. Mixed quotes take part only through equality and
similarity: their unmarked words are the reporter's, and their marked fragments are
extracted as partial quotes of their own. Candidates come from inverted indexes (word
bigrams for containment, rare words for similarity), so the work grows with the number
of candidate pairs, not the square of the corpus.

What a cluster tells
--------------------
Each quote of a cluster is one of its :attr:`~QuoteCluster.variants`, set word by word
against the :attr:`~QuoteCluster.reference`, the form most of its quotes have, and
classed identical, punctuation, truncated or altered (how:
:mod:`quoteattr._corpus.drift`). :attr:`~QuoteCluster.attributions` gives the articles
that attribute it to each speaker (the canonical names of their profiles, so aliases
are already merged; quotes without a profile take no side), and
:attr:`~QuoteCluster.conflict` says whether there is more than one.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional

import attrs

from quoteattr._corpus.drift import (
    DRIFT_ORDER,
    NEGATIONS,
    Drift,
    QuoteVariant,
    common_form,
    compare,
    quote_form,
    quote_words,
)
from quoteattr._corpus.profiles import str_tuple, table_row
from quoteattr._lexicon.words import read_rows
from quoteattr._quotes.model import Article, Quote, QuoteKind, build_from_dict

__all__ = [
    "CLUSTER_FIELDS",
    "CLUSTER_KINDS",
    "QuoteCluster",
    "make_cluster",
    "quote_groups",
    "quote_words",
]

#: The fields of a :class:`QuoteCluster`, in the order of its :meth:`~QuoteCluster.to_dict`
#: and of the columns of cluster tables (CSV, DataFrames).
CLUSTER_FIELDS = (
    "text",
    "quotes",
    "article_ids",
    "outlets",
    "speakers",
    "reference",
    "drift",
    "variants",
    "conflict",
    "attributions",
)
#: The fields :meth:`QuoteCluster.from_dict` can do without (records of older versions).
_OPTIONAL_FIELDS = ("reference", "drift", "variants", "conflict", "attributions")

#: The quote kinds that take part in clustering (indirect quotes are paraphrase).
CLUSTER_KINDS: frozenset[QuoteKind] = frozenset(
    {QuoteKind.DIRECT, QuoteKind.PARTIAL, QuoteKind.MIXED}
)
#: The kinds that may contain, or be contained in, another quote word for word.
_CONTAINMENT_KINDS = frozenset({QuoteKind.DIRECT, QuoteKind.PARTIAL})

#: A quote's words, as :func:`~quoteattr._corpus.drift.quote_words` gives them.
Words = tuple[str, ...]


def _spans(value: Iterable[Sequence[Any]]) -> tuple[tuple[str, int, int], ...]:
    return tuple((str(article_id), int(start), int(end)) for article_id, start, end in value)


def _variants(value: Iterable[Any]) -> tuple[QuoteVariant, ...]:
    return tuple(v if isinstance(v, QuoteVariant) else QuoteVariant.from_dict(v) for v in value)


def _optional_drift(value: Any) -> Optional[Drift]:
    return None if value is None else Drift(value)


def _flag(value: Any) -> bool:
    """A bool, or its CSV spelling ("True", "False")."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise ValueError(f"expected a bool, not {value!r}")


def _attributions(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """{speaker: article ids} (or its items) as sorted (speaker, sorted ids) pairs."""
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(name), tuple(sorted(str_tuple(ids)))) for name, ids in items))


@attrs.frozen
class QuoteCluster:
    """One quotation carried by several articles, in all the forms they give it."""

    #: A representative form: the longest, then the most common (without trailing ",;:.").
    text: str
    #: (article id, start, end) of every quote in the cluster, sorted.
    quotes: tuple[tuple[str, int, int], ...] = attrs.field(converter=_spans)
    #: The ids of the articles that carry it, sorted.
    article_ids: tuple[str, ...] = attrs.field(converter=str_tuple)
    #: The outlets of those articles, where known, sorted.
    outlets: tuple[str, ...] = attrs.field(converter=str_tuple)
    #: The canonical names (:attr:`SpeakerProfile.name`) it is attributed to, sorted.
    speakers: tuple[str, ...] = attrs.field(converter=str_tuple)
    #: The form the variants are compared with: the one most quotes have (ties: the
    #: longest in words, then the first in sort order); :attr:`text` when not given.
    reference: str = attrs.field(
        default=attrs.Factory(lambda self: self.text, takes_self=True), converter=str
    )
    #: The largest drift among the variants (identical < punctuation < truncated <
    #: altered); None for a cluster without variants.
    drift: Optional[Drift] = attrs.field(default=None, converter=_optional_drift)
    #: Every quote (in the order of :attr:`quotes`) set against :attr:`reference`.
    variants: tuple[QuoteVariant, ...] = attrs.field(default=(), converter=_variants)
    #: Whether its quotes are attributed to more than one speaker (see :attr:`attributions`).
    conflict: bool = attrs.field(default=False, converter=_flag)
    #: (speaker, article ids) for each canonical name its quotes are attributed to,
    #: sorted; quotes without a profile are left out. A dict in :meth:`to_dict`.
    attributions: tuple[tuple[str, tuple[str, ...]], ...] = attrs.field(
        default=(), converter=_attributions
    )

    def to_dict(self) -> dict[str, Any]:
        """Return the cluster as a JSON-ready dict, keys :data:`CLUSTER_FIELDS`.

        Tuples become lists, :attr:`variants` dicts (:meth:`QuoteVariant.to_dict`) and
        :attr:`attributions` a dict ``{speaker: [article ids]}``.
        """
        row = table_row(self, CLUSTER_FIELDS[:6])
        row["drift"] = None if self.drift is None else self.drift.value
        row["variants"] = [v.to_dict() for v in self.variants]
        row["conflict"] = self.conflict
        row["attributions"] = {name: list(ids) for name, ids in self.attributions}
        return row

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuoteCluster:
        """Build a cluster from a dict such as :meth:`to_dict` returns."""
        required = tuple(f for f in CLUSTER_FIELDS if f not in _OPTIONAL_FIELDS)
        cluster: QuoteCluster = build_from_dict(cls, data, required, _OPTIONAL_FIELDS)
        return cluster


def make_cluster(
    quotes: Sequence[Quote], profiles: Sequence[Optional[str]], articles: Mapping[str, Article]
) -> QuoteCluster:
    """Return the cluster of ``quotes``, one group of :func:`quote_groups`.

    ``profiles`` holds the canonical name of each quote's speaker (None for a quote
    without a profile); ``articles`` holds the metadata of every article id of ``quotes``.
    """
    order = sorted(range(len(quotes)), key=lambda i: _place(quotes[i]))
    quotes = [quotes[i] for i in order]
    profiles = [profiles[i] for i in order]
    article_ids = sorted({q.article.id for q in quotes})
    reference = common_form(q.text for q in quotes)
    variants = []
    sides: dict[str, set[str]] = defaultdict(set)
    for quote, profile in zip(quotes, profiles):
        drift, shorter, diff = compare(reference, quote.text)
        variants.append(
            QuoteVariant(
                speaker=profile,
                article_id=quote.article.id,
                start=quote.start,
                end=quote.end,
                text=quote.text,
                drift=drift,
                diff=diff,
                shorter=shorter,
            )
        )
        if profile is not None:
            sides[profile].add(quote.article.id)
    return QuoteCluster(
        text=_representative(q.text for q in quotes),
        quotes=[_place(q) for q in quotes],
        article_ids=article_ids,
        outlets=sorted({o for a in article_ids if (o := articles[a].outlet) is not None}),
        speakers=sorted(sides),
        reference=reference,
        drift=max((v.drift for v in variants), key=DRIFT_ORDER.index),
        variants=variants,
        conflict=len(sides) > 1,
        attributions=sides,
    )


def _place(quote: Quote) -> tuple[str, int, int]:
    return (quote.article.id, quote.start, quote.end)


# -- words --------------------------------------------------------------------------------


@functools.cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words, shipped in ``data/stop_words.txt``."""
    return frozenset(word for word, _ in read_rows("stop_words.txt"))


def _representative(texts: Iterable[str]) -> str:
    """The longest form (in words), then the most common, then the first in sort order."""
    forms = Counter(quote_form(t) for t in texts)
    return min(forms, key=lambda t: (-len(quote_words(t)), -forms[t], t))


# -- grouping -----------------------------------------------------------------------------


def quote_groups(quotes: Sequence[Quote]) -> tuple[tuple[int, ...], ...]:
    """Return the groups of same quotes among ``quotes``: each the sorted indices of its quotes.

    Quotes of kinds outside :data:`CLUSTER_KINDS`, and quotes without words, are in no
    group. The groups do not depend on the order of ``quotes`` beyond their indices.
    """
    # The distinct word sequences of the quotation-marked quotes.
    seq_index: dict[Words, int] = {}
    seq_quotes: list[list[int]] = []
    containable: list[bool] = []
    for i, quote in enumerate(quotes):
        if quote.kind not in CLUSTER_KINDS:
            continue
        words = quote_words(quote.text)
        if not words:
            continue
        if words not in seq_index:
            seq_index[words] = len(seq_quotes)
            seq_quotes.append([])
            containable.append(False)
        n = seq_index[words]
        seq_quotes[n].append(i)
        containable[n] = containable[n] or quote.kind in _CONTAINMENT_KINDS
    group_of = _cluster_groups(list(seq_index), containable)
    grouped: dict[int, list[int]] = defaultdict(list)
    for n, group in enumerate(group_of):
        grouped[group].extend(seq_quotes[n])
    return tuple(tuple(sorted(g)) for g in grouped.values())


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller index becomes the root: the result does not depend on call order.
            self.parent[max(ra, rb)] = min(ra, rb)


def _contains(longer: Words, shorter: Words) -> bool:
    n = len(shorter)
    first = shorter[0]
    return any(
        longer[i] == first and longer[i : i + n] == shorter for i in range(len(longer) - n + 1)
    )


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """Jaccard similarity of at least 0.8, and no negation in one set but not the other."""
    inter = len(a & b)
    union = len(a) + len(b) - inter
    return 5 * inter >= 4 * union and not ((a ^ b) & NEGATIONS)


def _cluster_groups(sequences: Sequence[Words], containable: Sequence[bool]) -> list[int]:
    """Return the group (a representative index) of each distinct word sequence."""
    groups = _UnionFind(len(sequences))
    _join_similar(sequences, groups)
    _join_contained(sequences, containable, groups)
    return [groups.find(i) for i in range(len(sequences))]


def _join_similar(sequences: Sequence[Words], groups: _UnionFind) -> None:
    """Join near-equal quotes: Jaccard over word sets, candidates by prefix filtering.

    A pair with similarity >= 0.8 shares a word among the rarest of each side's words.
    """
    sets = [frozenset(s) for s in sequences]
    long_enough = [i for i, s in enumerate(sequences) if len(s) >= 4]
    frequency: Counter[str] = Counter(w for i in long_enough for w in sets[i])
    index: dict[str, list[int]] = defaultdict(list)
    for i in long_enough:
        words = sorted(sets[i], key=lambda w: (frequency[w], w))
        size = len(words)
        prefix = words[: size - (-(-4 * size // 5)) + 1]
        for j in {j for w in prefix for j in index[w]}:
            other = len(sets[j])
            if (
                5 * min(size, other) >= 4 * max(size, other)
                and groups.find(i) != groups.find(j)
                and _similar(sets[i], sets[j])
            ):
                groups.union(i, j)
        for w in prefix:
            index[w].append(i)


def _join_contained(
    sequences: Sequence[Words], containable: Sequence[bool], groups: _UnionFind
) -> None:
    """Join fragments to the one group of longer quotes holding them word for word.

    Candidates come from the fragment's rarest word bigram.
    """
    stop_words = _stop_words()
    bigrams: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, seq in enumerate(sequences):
        if containable[i]:
            for pair in set(zip(seq, seq[1:])):
                bigrams[pair].append(i)
    contained_in: list[tuple[int, int]] = []
    for i, seq in enumerate(sequences):
        if not containable[i] or len(seq) < 2 or all(w in stop_words for w in seq):
            continue
        rarest = min(set(zip(seq, seq[1:])), key=lambda p: (len(bigrams[p]), p))
        for j in bigrams[rarest]:
            if len(sequences[j]) > len(seq) and _contains(sequences[j], seq):
                contained_in.append((i, j))
    # A group joins the group that contains it only if exactly one does; repeated until
    # nothing changes, so that nested fragments ("a" in "a b" in "a b c") all join.
    while True:
        holders: dict[int, set[int]] = defaultdict(set)
        for small, big in contained_in:
            rs, rb = groups.find(small), groups.find(big)
            if rs != rb:
                holders[rs].add(rb)
        joins = [(r, next(iter(h))) for r, h in holders.items() if len(h) == 1]
        if not joins:
            break
        for r, target in joins:
            groups.union(r, target)
