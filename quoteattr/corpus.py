"""Speaker analysis across articles: one profile per person, one cluster per repeated quote.

:class:`CorpusAnalysis` collects the quotes of many articles (incrementally, with
:meth:`~CorpusAnalysis.add`) and answers two questions about them:

* **who speaks** — :meth:`~CorpusAnalysis.speakers` gives one :class:`SpeakerProfile`
  per speaker, with the spellings of the name merged ("Kim Jong-un", "Kim Jong Un",
  "Kim"), the roles, cues, articles, outlets and dates seen;
* **what is repeated** — :meth:`~CorpusAnalysis.clusters` gives one
  :class:`QuoteCluster` per quotation carried by several articles, despite
  punctuation, case and small wording differences, or one quote being part of another.

Results depend only on the set of quotes given, never on the order they were added.

>>> from quoteattr import Article, Quote, QuoteKind, Speaker
>>> def quote(article, text, name, mention):
...     start = article.text.index(text)
...     return Quote(text, start, start + len(text), QuoteKind.PARTIAL,
...                  Speaker(name, mention, label="PERSON"), None, article)
>>> a = Article("Kim Jong-un vowed to “fully support” Russia.", id="a")
>>> b = Article("Kim Jong Un will “fully support” Moscow, Kim said.", id="b")
>>> analysis = analyze([[quote(a, "fully support", "Kim Jong-un", "Kim Jong-un")],
...                     [quote(b, "fully support", "Kim Jong Un", "Kim")]])
>>> [(p.name, p.aliases, p.article_ids) for p in analysis.speakers()]
[('Kim Jong Un', ('Kim', 'Kim Jong Un', 'Kim Jong-un'), ('a', 'b'))]
>>> [(c.text, c.article_ids) for c in analysis.clusters()]
[('fully support', ('a', 'b'))]

How speakers are merged
-----------------------
A speaker's name is compared by its key: :func:`quoteattr.speakers.name_key` (case,
hyphens, dots and possessives ignored) without leading titles ("President",
"Mr"; the ``title`` words of ``data/person_roles.txt``). Equal keys are one speaker.
A key whose words all occur in a longer key that shares its first or last word is a
partial name of it ("Putin" of "Vladimir Putin", "Kim" of "Kim Jong Un"); it merges
into that longer name when, going up through longer and longer names, it reaches
exactly one fullest name in the corpus. When it reaches several ("Clinton" with both
"Hillary Clinton" and "Bill Clinton" quoted), each of its quotes goes to the one full
name its own article names (as a speaker, or in the text when the article text is
known) if its article names exactly one of them; otherwise the quote stays with a
separate, ambiguous profile under the short name. Full names never merge with each
other ("Hillary Clinton" and "Bill Clinton" stay two profiles). Partial names merge
only across compatible entity labels (PERSON, ORG and unlabelled speakers count as
one group, since the small English model confuses them; GPE, NORP and the others
merge only with themselves).

A profile's :attr:`~SpeakerProfile.quote_count` counts a mixed quote once: the
partial quotes lying inside a mixed quote of the same speaker (its quoted fragments,
which are extracted as quotes of their own) are counted apart, in
:attr:`~SpeakerProfile.fragment_count`, and leave the cue counts alone. A partial
quote inside another speaker's mixed quote is a quote of its own speaker.

Not every quote has a profile: quotes with no speaker, with an
:attr:`~quoteattr.Resolution.UNRESOLVED` speaker (an unlinked pronoun or description
such as "analysts" or "the foreign minister"), or whose speaker is an unlabelled
common noun that names a role or group ("Observers", "Reports") are kept in
:meth:`~CorpusAnalysis.quotes` (with an empty ``profile`` on export) but make no
profile. Pronoun mentions ("he") are not listed as aliases; description mentions
that the article resolved to a name ("the Russian president") are.

How quotes are clustered
------------------------
Only quotation-marked kinds take part: direct, partial and mixed quotes. Indirect
quotes are the reporter's paraphrase, so two of them sharing words says little about
a shared source. A quote's words are its text case-folded, without punctuation and
apostrophes. Two quotes are the same quote when their word sequences are equal, or
when both have at least four words and their word sets have a Jaccard similarity of
at least 0.8 without differing in a negation ("not", "never", ...). A direct or
partial quote of at least two words, not all stop words, that occurs word for word
inside a longer direct or partial quote joins that quote's cluster, but only when
every quote containing it belongs to one cluster: a short fragment such as "new
level" found inside two unrelated quotes would otherwise chain them together. Mixed
quotes take part only through equality and similarity: their unmarked words are the
reporter's, and their marked fragments are extracted as partial quotes of their own.
Candidates come from inverted indexes (word bigrams for containment, rare words for
similarity), so the work grows with the number of candidate pairs, not the square of
the corpus. A cluster needs quotes from at least ``min_articles`` different articles.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import json
import re
import unicodedata
from collections import Counter, defaultdict, deque
from typing import (
    Any,
    Deque,
    Dict,
    FrozenSet,
    Iterable,
    Iterator,
    List,
    Literal,
    Mapping,
    Optional,
    Sequence,
    Set,
    Tuple,
    Union,
)

import attrs
from spacy.lang.en.stop_words import STOP_WORDS

from .errors import InvalidInputError, MissingDependencyError
from .model import Article, Quote, QuoteKind, Resolution, Speaker, build_from_dict
from .records import QUOTE_RECORD_FIELDS, PathOrFile, quote_record, text_output, write_csv
from .roles import load_roles
from .speakers import PERSONAL_PRONOUNS, name_key

__all__ = [
    "CLUSTER_KINDS",
    "CorpusAnalysis",
    "MissingDependencyError",
    "QuoteCluster",
    "SpeakerProfile",
    "analyze",
    "quote_words",
]

#: The quote kinds that take part in clustering (indirect quotes are paraphrase).
CLUSTER_KINDS: FrozenSet[QuoteKind] = frozenset(
    {QuoteKind.DIRECT, QuoteKind.PARTIAL, QuoteKind.MIXED}
)
#: The kinds that may contain, or be contained in, another quote word for word.
_CONTAINMENT_KINDS = frozenset({QuoteKind.DIRECT, QuoteKind.PARTIAL})

#: What :meth:`CorpusAnalysis.write_jsonl` and :meth:`CorpusAnalysis.write_csv` can write.
Table = Literal["quotes", "speakers", "clusters"]
_TABLES = ("quotes", "speakers", "clusters")
#: A path, or a text file open for writing.

#: Words that turn a statement around: quotes differing in one are not the same quote.
_NEGATIONS = frozenset(
    {"not", "no", "never", "nor", "nt", "cannot", "cant", "dont", "wont", "isnt", "arent"}
    | {"wasnt", "werent", "didnt", "doesnt", "shouldnt", "wouldnt", "couldnt", "neither"}
)
_DETERMINERS = ("The", "A", "An", "This", "That", "These", "Those")
#: PERSON and ORG are confused by the small English model; unlabelled names go with them.
_AGENT_LABELS = frozenset({None, "PERSON", "ORG"})


# -- results ----------------------------------------------------------------------------


def _str_tuple(value: Iterable[str]) -> Tuple[str, ...]:
    if isinstance(value, str):
        raise InvalidInputError("expected a sequence of strings, not a single str")
    return tuple(str(v) for v in value)


def _cue_counts(value: Iterable[Sequence[Any]]) -> Tuple[Tuple[str, int], ...]:
    return tuple((str(lemma), int(count)) for lemma, count in value)


def _spans(value: Iterable[Sequence[Any]]) -> Tuple[Tuple[str, int, int], ...]:
    return tuple((str(article_id), int(start), int(end)) for article_id, start, end in value)


@attrs.frozen
class SpeakerProfile:
    """One speaker across the corpus: every spelling, role and cue, where and when quoted."""

    #: The canonical name: the fullest spelling, the most frequent among the fullest.
    name: str
    #: Every name (with and without titles) and non-pronoun mention form seen, sorted.
    aliases: Tuple[str, ...] = attrs.field(converter=_str_tuple)
    #: The titles and roles given beside the name, most frequent first.
    roles: Tuple[str, ...] = attrs.field(converter=_str_tuple)
    #: The number of quotes attributed to the speaker. A mixed quote and the partial
    #: quotes inside it (its quoted fragments, extracted too) count as one quote: the
    #: fragments are counted in :attr:`fragment_count` instead.
    quote_count: int = attrs.field(converter=int)
    #: The ids of the articles that quote the speaker, sorted.
    article_ids: Tuple[str, ...] = attrs.field(converter=_str_tuple)
    #: The outlets of those articles, where known, sorted.
    outlets: Tuple[str, ...] = attrs.field(converter=_str_tuple)
    #: (cue lemma, number of quotes), most frequent first, then by lemma.
    cues: Tuple[Tuple[str, int], ...] = attrs.field(converter=_cue_counts)
    #: The earliest and latest ``Article.published`` of those articles (None if unknown).
    first_seen: Optional[str] = None
    last_seen: Optional[str] = None
    #: The entity label most often given to the speaker (PERSON, ORG, ...), if any.
    label: Optional[str] = None
    #: The partial quotes of the speaker that lie inside a mixed quote of the same
    #: speaker: fragments of a quote already counted, not in :attr:`quote_count`.
    fragment_count: int = attrs.field(default=0, converter=int)

    def to_dict(self) -> Dict[str, Any]:
        """Return the profile as a JSON-ready dict (tuples become lists)."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "quote_count": self.quote_count,
            "fragment_count": self.fragment_count,
            "article_ids": list(self.article_ids),
            "outlets": list(self.outlets),
            "cues": [[lemma, count] for lemma, count in self.cues],
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "label": self.label,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SpeakerProfile:
        """Build a profile from a dict such as :meth:`to_dict` returns."""
        profile: SpeakerProfile = build_from_dict(
            cls,
            data,
            ("name", "aliases", "roles", "quote_count", "article_ids", "outlets", "cues"),
            ("first_seen", "last_seen", "label", "fragment_count"),
        )
        return profile


@attrs.frozen
class QuoteCluster:
    """One quotation carried by several articles, in all the forms they give it."""

    #: A representative form: the longest, then the most common (without trailing ",;:.").
    text: str
    #: (article id, start, end) of every quote in the cluster, sorted.
    quotes: Tuple[Tuple[str, int, int], ...] = attrs.field(converter=_spans)
    #: The ids of the articles that carry it, sorted.
    article_ids: Tuple[str, ...] = attrs.field(converter=_str_tuple)
    #: The outlets of those articles, where known, sorted.
    outlets: Tuple[str, ...] = attrs.field(converter=_str_tuple)
    #: The canonical names (:attr:`SpeakerProfile.name`) it is attributed to, sorted.
    speakers: Tuple[str, ...] = attrs.field(converter=_str_tuple)

    def to_dict(self) -> Dict[str, Any]:
        """Return the cluster as a JSON-ready dict (tuples become lists)."""
        return {
            "text": self.text,
            "quotes": [list(span) for span in self.quotes],
            "article_ids": list(self.article_ids),
            "outlets": list(self.outlets),
            "speakers": list(self.speakers),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> QuoteCluster:
        """Build a cluster from a dict such as :meth:`to_dict` returns."""
        cluster: QuoteCluster = build_from_dict(
            cls, data, ("text", "quotes", "article_ids", "outlets", "speakers"), ()
        )
        return cluster


# -- words and names --------------------------------------------------------------------

_APOSTROPHES = re.compile(r"['’ʼ`´]")
_WORDS = re.compile(r"\w+")


def quote_words(text: str) -> Tuple[str, ...]:
    """Return the words a quote is compared by: case-folded, no punctuation or apostrophes.

    >>> quote_words("Special ones of trust, friendship, and alliance.")
    ('special', 'ones', 'of', 'trust', 'friendship', 'and', 'alliance')
    >>> quote_words("There isn’t enough") == quote_words("there isnt ENOUGH!")
    True
    """
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())
    return tuple(_WORDS.findall(text))


def _strip_title_words(name: str) -> str:
    """The name without leading titles ("President Xi Jinping" → "Xi Jinping")."""
    titles = load_roles().titles
    words = name.split()
    while len(words) > 1:
        key = name_key(words[0])
        if not key or not all(w in titles for w in key):
            break
        words = words[1:]
    return " ".join(words)


@functools.lru_cache(maxsize=1 << 16)
def _speaker_key(name: str) -> Tuple[str, ...]:
    """The comparison key of a speaker's name: :func:`name_key` without leading titles."""
    titles = load_roles().titles
    key = name_key(_strip_title_words(name))
    while len(key) > 1 and key[0] in titles:
        key = key[1:]
    return key


def _is_pronoun(mention: str) -> bool:
    key = name_key(mention)
    return len(key) == 1 and key[0] in PERSONAL_PRONOUNS


def _names_role(word: str) -> bool:
    """True if a (possibly plural) common noun names a role, group or organisation."""
    roles = load_roles()
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return any(roles.names_speaker(form) for form in forms)


def _has_profile(speaker: Optional[Speaker]) -> bool:
    """True if a quote's speaker is a named speaker that gets a :class:`SpeakerProfile`."""
    if speaker is None or speaker.resolution is Resolution.UNRESOLVED:
        return False
    key = _speaker_key(speaker.name)
    if not key or (len(key) == 1 and key[0] in PERSONAL_PRONOUNS):
        return False
    # "Observers noted", "Reports indicated": an unlabelled common noun, not a name.
    return not (speaker.label is None and _names_role(key[-1]))


def _label_group(label: Optional[str]) -> Optional[str]:
    return "agent" if label in _AGENT_LABELS else label


def _alias_of_mention(speaker: Speaker) -> Optional[str]:
    mention = " ".join(speaker.mention.split())
    if not mention or _is_pronoun(mention):
        return None
    words = mention.split(" ", 1)
    if (
        speaker.resolution is not Resolution.EXPLICIT
        and len(words) == 2
        and words[0] in _DETERMINERS
    ):
        # A description at the start of a sentence: "The Russian president".
        mention = words[0].lower() + " " + words[1]
    return mention


def _date_key(value: str) -> Tuple[int, float, str]:
    """Order ISO 8601 dates and times by the instant they name (unparsable ones last)."""
    try:
        parsed = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return (1, 0.0, value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.timezone.utc)
    return (0, parsed.timestamp(), value)


def _representative(texts: Iterable[str]) -> str:
    """The longest form (in words), then the most common, then the first in sort order."""
    forms = Counter(_trim_quote(t) for t in texts)
    return min(forms, key=lambda t: (-len(quote_words(t)), -forms[t], t))


def _trim_quote(text: str) -> str:
    text = " ".join(text.split()).strip(",;: ")
    # A closing full stop inside the marks belongs to the sentence, not to the quote.
    if len(text) > 1 and text.endswith(".") and (text[-2].islower() or text[-2].isdigit()):
        text = text[:-1]
    return text


# -- union-find -------------------------------------------------------------------------


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


# -- speaker merging --------------------------------------------------------------------


def _profile_keys(
    quotes: Sequence[Quote], articles: Mapping[str, Article]
) -> Dict[int, Tuple[str, ...]]:
    """Map the index of every quote that has a profile to its profile's key."""
    key_of: Dict[int, Tuple[str, ...]] = {}
    labels: Dict[Tuple[str, ...], Set[Optional[str]]] = defaultdict(set)
    keys_in_article: Dict[str, Set[Tuple[str, ...]]] = defaultdict(set)
    for i, quote in enumerate(quotes):
        speaker = quote.speaker
        if speaker is None or not _has_profile(speaker):
            continue
        key = _speaker_key(speaker.name)
        key_of[i] = key
        labels[key].add(_label_group(speaker.label))
        keys_in_article[quote.article.id].add(key)

    # The longer names that contain each name (same words, first or last word shared).
    by_word: Dict[str, Set[Tuple[str, ...]]] = defaultdict(set)
    for key in labels:
        for word in key:
            by_word[word].add(key)
    containers: Dict[Tuple[str, ...], List[Tuple[str, ...]]] = {}
    for key in labels:
        words = set(key)
        candidates = set.intersection(*(by_word[w] for w in words))
        containers[key] = sorted(
            other
            for other in candidates
            if words < set(other)
            and (key[0] == other[0] or key[-1] == other[-1])
            and labels[key] & labels[other]
        )
    # The fullest names a name leads up to; longer names first, so theirs are known.
    roots: Dict[Tuple[str, ...], FrozenSet[Tuple[str, ...]]] = {}
    for key in sorted(labels, key=lambda k: (-len(set(k)), k)):
        if containers[key]:
            roots[key] = frozenset().union(*(roots[c] for c in containers[key]))
        else:
            roots[key] = frozenset([key])

    def above(key: Tuple[str, ...]) -> Set[Tuple[str, ...]]:
        found: Set[Tuple[str, ...]] = set()
        todo = list(containers[key])
        while todo:
            other = todo.pop()
            if other not in found:
                found.add(other)
                todo.extend(containers[other])
        return found

    text_words: Dict[str, str] = {}

    def named_in(article_id: str, keys: Iterable[Tuple[str, ...]], fallback: Article) -> bool:
        if article_id not in text_words:
            article = articles.get(article_id) or fallback
            text_words[article_id] = _word_string(article.text)
        words = text_words[article_id]
        return any(
            key in keys_in_article[article_id] or _word_string(" ".join(key)) in words
            for key in keys
        )

    resolved: Dict[int, Tuple[str, ...]] = {}
    chosen: Dict[Tuple[str, Tuple[str, ...]], Tuple[str, ...]] = {}
    for i, key in key_of.items():
        if len(roots[key]) == 1:
            resolved[i] = next(iter(roots[key]))
            continue
        # Ambiguous ("Clinton"): the one full name this article names, if there is one.
        article_id = quotes[i].article.id
        if (article_id, key) not in chosen:
            longer = above(key)
            named = [
                root
                for root in roots[key]
                if named_in(
                    article_id, [k for k in longer if roots[k] == {root}], quotes[i].article
                )
            ]
            chosen[article_id, key] = named[0] if len(named) == 1 else key
        resolved[i] = chosen[article_id, key]
    return resolved


def _word_string(text: str) -> str:
    """The words of a text, case-folded and space-separated, with a space at each end."""
    return " " + " ".join(_WORDS.findall(text.casefold().replace(".", ""))) + " "


def _fragments(quotes: Sequence[Quote]) -> Set[Quote]:
    """The partial quotes lying inside a mixed quote of the same article among ``quotes``.

    ``quotes`` are one speaker's, so these are fragments of a quote of that speaker.
    """
    mixed: Dict[str, List[Tuple[int, int]]] = defaultdict(list)
    for quote in quotes:
        if quote.kind is QuoteKind.MIXED:
            mixed[quote.article.id].append((quote.start, quote.end))
    return {
        quote
        for quote in quotes
        if quote.kind is QuoteKind.PARTIAL
        and any(s <= quote.start and quote.end <= e for s, e in mixed[quote.article.id])
    }


def _build_profile(quotes: Sequence[Quote], articles: Mapping[str, Article]) -> SpeakerProfile:
    fragments = _fragments(quotes)
    names: Counter[str] = Counter()
    name_articles: Dict[str, Set[str]] = defaultdict(set)
    aliases: Set[str] = set()
    roles: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    article_ids: Set[str] = set()
    for quote in quotes:
        speaker = quote.speaker
        assert speaker is not None  # only quotes with a profile come here
        raw = " ".join(speaker.name.split())
        aliases.add(raw)
        name = _strip_title_words(raw)
        aliases.add(name)
        names[name] += 1
        name_articles[name].add(quote.article.id)
        mention = _alias_of_mention(speaker)
        if mention:
            aliases.add(mention)
        if speaker.role and speaker.role.strip():
            roles[" ".join(speaker.role.split())] += 1
        if quote.cue is not None and quote not in fragments:
            cues[quote.cue.lemma] += 1
        if speaker.label:
            labels[speaker.label] += 1
        article_ids.add(quote.article.id)
    canonical = min(
        names,
        key=lambda n: (
            -len(_speaker_key(n)),
            -len(name_articles[n]),
            -names[n],
            n.isupper(),
            n,
        ),
    )
    metadata = [articles[a] for a in sorted(article_ids)]
    dates = sorted((a.published for a in metadata if a.published), key=_date_key)
    return SpeakerProfile(
        name=canonical,
        aliases=sorted(aliases),
        roles=[r for r, _ in sorted(roles.items(), key=lambda rc: (-rc[1], rc[0]))],
        quote_count=len(quotes) - len(fragments),
        article_ids=sorted(article_ids),
        outlets=sorted({a.outlet for a in metadata if a.outlet}),
        cues=sorted(cues.items(), key=lambda lc: (-lc[1], lc[0])),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        label=min(labels, key=lambda lb: (-labels[lb], lb)) if labels else None,
        fragment_count=len(fragments),
    )


# -- quote clustering -------------------------------------------------------------------


def _contains(longer: Tuple[str, ...], shorter: Tuple[str, ...]) -> bool:
    n = len(shorter)
    first = shorter[0]
    return any(
        longer[i] == first and longer[i : i + n] == shorter for i in range(len(longer) - n + 1)
    )


def _similar(a: FrozenSet[str], b: FrozenSet[str]) -> bool:
    """Jaccard similarity of at least 0.8, and no negation in one set but not the other."""
    inter = len(a & b)
    union = len(a) + len(b) - inter
    return 5 * inter >= 4 * union and not ((a ^ b) & _NEGATIONS)


def _cluster_groups(sequences: Sequence[Tuple[str, ...]], containable: Sequence[bool]) -> List[int]:
    """Return the group (a representative index) of each distinct word sequence."""
    groups = _UnionFind(len(sequences))

    # Near-equal quotes: Jaccard over word sets, candidates by prefix filtering (a pair
    # with similarity >= 0.8 shares a word among the rarest of each side's words).
    sets = [frozenset(s) for s in sequences]
    long_enough = [i for i, s in enumerate(sequences) if len(s) >= 4]
    frequency: Counter[str] = Counter(w for i in long_enough for w in sets[i])
    index: Dict[str, List[int]] = defaultdict(list)
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

    # Fragments inside longer quotes, candidates by the fragment's rarest word bigram.
    bigrams: Dict[Tuple[str, str], List[int]] = defaultdict(list)
    for i, seq in enumerate(sequences):
        if containable[i]:
            for pair in set(zip(seq, seq[1:])):
                bigrams[pair].append(i)
    contained_in: List[Tuple[int, int]] = []
    for i, seq in enumerate(sequences):
        if not containable[i] or len(seq) < 2 or all(w in STOP_WORDS for w in seq):
            continue
        rarest = min(set(zip(seq, seq[1:])), key=lambda p: (len(bigrams[p]), p))
        for j in bigrams[rarest]:
            if len(sequences[j]) > len(seq) and _contains(sequences[j], seq):
                contained_in.append((i, j))
    # A group joins the group that contains it only if exactly one does; repeated until
    # nothing changes, so that nested fragments ("a" in "a b" in "a b c") all join.
    while True:
        holders: Dict[int, Set[int]] = defaultdict(set)
        for small, big in contained_in:
            rs, rb = groups.find(small), groups.find(big)
            if rs != rb:
                holders[rs].add(rb)
        joins = [(r, next(iter(h))) for r, h in holders.items() if len(h) == 1]
        if not joins:
            break
        for r, target in joins:
            groups.union(r, target)
    return [groups.find(i) for i in range(len(sequences))]


# -- the analysis -----------------------------------------------------------------------


@attrs.frozen
class _Results:
    quotes: Tuple[Quote, ...]
    #: The canonical speaker name of each quote (None for quotes without a profile).
    profile_of: Tuple[Optional[str], ...]
    profiles: Tuple[SpeakerProfile, ...]
    #: Each group of same quotes: the indices of its quotes.
    groups: Tuple[Tuple[int, ...], ...]
    profile_by_quote: Mapping[Quote, Optional[str]]


def _quote_order(quote: Quote) -> Tuple[str, int, int, str, str, str]:
    return (
        quote.article.id,
        quote.start,
        quote.end,
        quote.kind.value,
        quote.speaker.name if quote.speaker else "",
        quote.text,
    )


class CorpusAnalysis:
    """Quotes from many articles, with their speakers merged and their repeats clustered.

    Add articles one at a time with :meth:`add` (or quotes with :meth:`add_quotes`);
    :meth:`speakers` and :meth:`clusters` are computed on demand from everything
    added so far, and do not depend on the order of adding. Adding the same quote
    twice has no effect. An article id names one article: the metadata (outlet,
    publication date) of the last :class:`Article` passed to :meth:`add` for an id is
    used, else that of the article the quotes carry.
    """

    def __init__(self) -> None:
        self._quotes: Dict[Quote, None] = {}
        self._articles: Dict[str, Article] = {}
        self._given: Set[str] = set()
        self._results: Optional[_Results] = None

    def __repr__(self) -> str:
        return f"CorpusAnalysis(articles={len(self._articles)}, quotes={len(self._quotes)})"

    def add(self, article: Article, quotes: Iterable[Quote]) -> None:
        """Add an article and its quotes (which must come from an article with the same id)."""
        if not isinstance(article, Article):
            raise InvalidInputError(f"article must be an Article, not {type(article).__name__}")
        quotes = list(quotes)
        for quote in quotes:
            self._check_quote(quote)
            if quote.article.id != article.id:
                raise InvalidInputError(
                    f"a quote of article {quote.article.id!r} was given with article "
                    f"{article.id!r}; add it with its own article or with add_quotes()"
                )
        self._articles[article.id] = article
        self._given.add(article.id)
        self._add(quotes)

    def add_quotes(self, quotes: Iterable[Quote]) -> None:
        """Add quotes; each brings its own article (``Quote.article``) for ids not yet known."""
        quotes = list(quotes)
        for quote in quotes:
            self._check_quote(quote)
        for quote in quotes:
            if quote.article.id not in self._given:
                self._articles.setdefault(quote.article.id, quote.article)
        self._add(quotes)

    @staticmethod
    def _check_quote(quote: object) -> None:
        if not isinstance(quote, Quote):
            raise InvalidInputError(f"expected a Quote, not {type(quote).__name__}")

    def _add(self, quotes: Iterable[Quote]) -> None:
        for quote in quotes:
            self._quotes[quote] = None
        self._results = None

    # -- answers ----------------------------------------------------------------------
    def articles(self) -> List[Article]:
        """Return the articles added so far (those given to :meth:`add` or carried by quotes), by id."""
        return [self._articles[a] for a in sorted(self._articles)]

    def quotes(self) -> List[Quote]:
        """Return every quote added, ordered by article id and offsets."""
        return list(self._compute().quotes)

    def speakers(self) -> List[SpeakerProfile]:
        """Return one profile per speaker, most quoted first, then by name."""
        return list(self._compute().profiles)

    def profile_name(self, quote: Quote) -> Optional[str]:
        """Return the canonical name of a quote's speaker, or None if it has no profile."""
        results = self._compute()
        if quote not in results.profile_by_quote:
            raise InvalidInputError("the quote was not added to this analysis")
        return results.profile_by_quote[quote]

    def clusters(self, min_articles: int = 2) -> List[QuoteCluster]:
        """Return the quotes carried by at least ``min_articles`` articles.

        Sorted by the number of articles (most first), then by text.
        """
        if not isinstance(min_articles, int) or isinstance(min_articles, bool) or min_articles < 1:
            raise InvalidInputError(f"min_articles must be a positive int, got {min_articles!r}")
        results = self._compute()
        found = []
        for members in results.groups:
            quotes = [results.quotes[i] for i in members]
            article_ids = sorted({q.article.id for q in quotes})
            if len(article_ids) < min_articles:
                continue
            found.append(
                QuoteCluster(
                    text=_representative(q.text for q in quotes),
                    quotes=sorted((q.article.id, q.start, q.end) for q in quotes),
                    article_ids=article_ids,
                    outlets=sorted(
                        {o for a in article_ids if (o := self._articles[a].outlet) is not None}
                    ),
                    speakers=sorted(
                        {n for i in members if (n := results.profile_of[i]) is not None}
                    ),
                )
            )
        found.sort(key=lambda c: (-len(c.article_ids), c.text, c.quotes))
        return found

    def _compute(self) -> _Results:
        if self._results is not None:
            return self._results
        quotes = tuple(sorted(self._quotes, key=_quote_order))

        # Speakers.
        keys = _profile_keys(quotes, self._articles)
        members: Dict[Tuple[str, ...], List[Quote]] = defaultdict(list)
        for i, key in keys.items():
            members[key].append(quotes[i])
        by_key = {key: _build_profile(qs, self._articles) for key, qs in members.items()}
        profiles = sorted(by_key.values(), key=lambda p: (-p.quote_count, p.name, p.article_ids))
        profile_of = tuple(by_key[keys[i]].name if i in keys else None for i in range(len(quotes)))

        # Clusters, over the distinct word sequences of the quotation-marked quotes.
        seq_index: Dict[Tuple[str, ...], int] = {}
        seq_quotes: List[List[int]] = []
        containable: List[bool] = []
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
        grouped: Dict[int, List[int]] = defaultdict(list)
        for n, group in enumerate(group_of):
            grouped[group].extend(seq_quotes[n])
        groups = tuple(tuple(sorted(g)) for g in grouped.values())

        self._results = _Results(
            quotes, profile_of, tuple(profiles), groups, dict(zip(quotes, profile_of))
        )
        return self._results

    # -- export -----------------------------------------------------------------------
    def records(self, what: Table = "quotes", *, min_articles: int = 2) -> List[Dict[str, Any]]:
        """Return the quotes, speakers or clusters as JSON-ready dicts.

        Quotes are given as :meth:`Quote.to_dict` (with the article's metadata as
        known to the analysis) and one more field, ``profile``: the canonical name of
        the speaker's profile (None if it has none).
        """
        _check_table(what)
        if what == "speakers":
            return [p.to_dict() for p in self.speakers()]
        if what == "clusters":
            return [c.to_dict() for c in self.clusters(min_articles)]
        return [
            {
                **q.to_dict(),
                "article": self._articles[q.article.id].to_dict(include_text=False),
                "profile": name,
            }
            for q, name in self._quote_pairs()
        ]

    def write_jsonl(
        self, path_or_file: PathOrFile, what: Table = "quotes", *, min_articles: int = 2
    ) -> int:
        """Write the quotes, speakers or clusters as JSON Lines; return the number of lines.

        Each line is a :meth:`records` dict; speakers and clusters read back with
        :meth:`SpeakerProfile.from_dict` and :meth:`QuoteCluster.from_dict`.
        """
        records = self.records(what, min_articles=min_articles)
        with text_output(path_or_file) as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return len(records)

    def write_csv(
        self, path_or_file: PathOrFile, what: Table = "quotes", *, min_articles: int = 2
    ) -> int:
        """Write the quotes, speakers or clusters as CSV with a header; return the number of rows.

        Quotes are flat rows (the speaker's and cue's fields in columns of their own);
        list-valued fields of speakers and clusters are written as JSON arrays, and
        missing values as empty cells.
        """
        _check_table(what)
        if what == "quotes":
            rows: List[Dict[str, Any]] = [self._flat_quote(q, n) for q, n in self._quote_pairs()]
            fields: Sequence[str] = QUOTE_RECORD_FIELDS
        else:
            rows = self.records(what, min_articles=min_articles)
            fields = _SPEAKER_FIELDS if what == "speakers" else _CLUSTER_FIELDS
        return write_csv(path_or_file, fields, rows)

    def to_dataframes(self, *, min_articles: int = 2) -> Dict[str, Any]:
        """Return ``{"quotes": ..., "speakers": ..., "clusters": ...}`` as pandas DataFrames.

        Quotes have the columns of :meth:`write_csv`; speakers and clusters those of
        their ``to_dict`` (list-valued columns hold lists). Needs pandas:
        ``pip install 'quoteattr[pandas]'``.
        """
        try:
            import pandas as pd
        except ImportError as exc:
            raise MissingDependencyError(
                "CorpusAnalysis.to_dataframes() needs pandas, which is not installed; "
                "run: pip install 'quoteattr[pandas]'"
            ) from exc
        quotes = [self._flat_quote(q, n) for q, n in self._quote_pairs()]
        return {
            "quotes": pd.DataFrame(quotes, columns=list(QUOTE_RECORD_FIELDS)),
            "speakers": pd.DataFrame(self.records("speakers"), columns=list(_SPEAKER_FIELDS)),
            "clusters": pd.DataFrame(
                self.records("clusters", min_articles=min_articles), columns=list(_CLUSTER_FIELDS)
            ),
        }

    def _quote_pairs(self) -> Iterator[Tuple[Quote, Optional[str]]]:
        results = self._compute()
        return zip(results.quotes, results.profile_of)

    def _flat_quote(self, quote: Quote, profile: Optional[str]) -> Dict[str, Any]:
        return quote_record(quote, profile, self._articles.get(quote.article.id, quote.article))


_SPEAKER_FIELDS = tuple(attrs.fields_dict(SpeakerProfile))
_CLUSTER_FIELDS = tuple(attrs.fields_dict(QuoteCluster))


def _check_table(what: object) -> None:
    if what not in _TABLES:
        raise InvalidInputError(f"what must be one of {', '.join(_TABLES)}; got {what!r}")


#: What :func:`analyze` extracts the quotes of: an article's text, an Article or a dict.
_ArticleItem = Union[str, Article, Mapping[str, Any]]
#: What :func:`analyze` takes as quotes already extracted.
_QuotesItem = Union[Tuple[Article, Iterable[Quote]], Iterable[Quote], Quote]


def _is_article_item(item: object) -> bool:
    return isinstance(item, (str, Article, Mapping))


def _mixed_input(item: object, number: int) -> InvalidInputError:
    kinds = ("quotes", "an article") if _is_article_item(item) else ("an article", "quotes")
    return InvalidInputError(
        "analyze() takes either articles to extract (texts, Articles or article dicts) or "
        "quotes already extracted ((Article, quotes) pairs, lists of quotes, Quotes), not "
        f"both: the first item is {kinds[0]}, item {number} is {kinds[1]} "
        f"({type(item).__name__})"
    )


def analyze(
    items: Iterable[Union[_ArticleItem, _QuotesItem]], *, extractor: Optional[Any] = None
) -> CorpusAnalysis:
    """Return the :class:`CorpusAnalysis` of articles, or of quotes already extracted.

    ``items`` holds either

    * articles: texts, :class:`~quoteattr.Article` objects or article dicts (with a
      ``text`` field), whose quotes are extracted with ``extractor`` (default:
      :func:`quoteattr.default_extractor`), streaming: ``analyze(articles)``; or
    * quotes: ``(article, quotes)`` pairs, lists of quotes (each quote carries its
      article), or single quotes: ``analyze(extractor.pipe(articles))`` (articles
      without quotes then leave no trace) or
      ``analyze(zip(articles, extractor.pipe(articles)))``.

    Articles and quotes in one call are an :class:`~quoteattr.InvalidInputError`, and
    so is an ``extractor`` given with quotes. A text given as such gets the id
    :func:`~quoteattr.model.content_id` of its text, as ``Article(text)`` does.
    """
    found = iter(items)
    for first in found:
        rest = itertools.chain([first], found)
        if _is_article_item(first):
            return _analyze_articles(rest, extractor)
        if extractor is not None:
            raise InvalidInputError(
                "analyze(): an extractor is for articles to extract, and these are quotes "
                "already extracted; leave out extractor="
            )
        return _analyze_quotes(rest)
    return CorpusAnalysis()


def _analyze_quotes(items: Iterable[Any]) -> CorpusAnalysis:
    analysis = CorpusAnalysis()
    for number, item in enumerate(items):
        if isinstance(item, Quote):
            analysis.add_quotes([item])
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Article):
            analysis.add(item[0], item[1])
        elif _is_article_item(item):
            raise _mixed_input(item, number)
        elif isinstance(item, (bytes, bytearray)) or not isinstance(item, Iterable):
            raise InvalidInputError(
                "analyze() takes articles (texts, Articles, dicts) or quotes ((Article, "
                f"quotes) pairs, lists of quotes, Quotes), not {type(item).__name__}"
            )
        else:
            analysis.add_quotes(item)
    return analysis


def _analyze_articles(items: Iterable[Any], extractor: Optional[Any]) -> CorpusAnalysis:
    from .pipeline import as_article

    if extractor is None:
        from . import default_extractor

        extractor = default_extractor()
    analysis = CorpusAnalysis()
    fed: Deque[Article] = deque()

    def articles() -> Iterator[Article]:
        for number, item in enumerate(items):
            if not _is_article_item(item):
                raise _mixed_input(item, number)
            article = as_article(item)
            fed.append(article)
            yield article

    for quotes in extractor.pipe(articles()):
        analysis.add(fed.popleft(), quotes)
    return analysis
