"""Speaker profiles: the quotes of many articles merged into one profile per speaker.

:func:`build_profiles` gives each quote with a named speaker the canonical name of its
:class:`SpeakerProfile`, and each profile the spellings of the name ("Kim Jong-un",
"Kim Jong Un", "Kim"), the roles, cues, articles, outlets and dates seen.
:mod:`quoteattr._corpus.analysis` calls it for :meth:`~quoteattr.CorpusAnalysis.speakers`.

How speakers are merged
-----------------------
A speaker's name is compared by its key: :func:`quoteattr._speakers.namekeys.name_key` (case,
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
other ("Hillary Clinton" and "Bill Clinton" stay two profiles), and a plain name never
merges into a name that holds other names without being them: names joined by "and"
("Obama" stays apart from "Obama and Hillary Clinton", who spoke together; "Trump and
Clinton" merges into "Donald Trump and Hillary Clinton";
:func:`~quoteattr._speakers.namekeys.is_joint`) and possessive phrases ("Bill Clinton"
stays apart from "Bill Clinton's foundation") and descriptions kept as written, with
lower-case words other than those inside names ("Carson" stays apart from "delegates
who backed Ben Carson"). Partial names merge
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
common noun that names a role or group ("Observers", "Reports") make no profile.
Pronoun mentions ("he") are not listed as aliases; description mentions that the
article resolved to a name ("the Russian president") are.

A profile's :attr:`~SpeakerProfile.gender` comes from the articles' own evidence
(pronoun mentions resolved to the speaker, gendered titles, the gendered pronouns
anywhere in an article that refer to the speaker), never from a name alone: see
:mod:`quoteattr._corpus.gender`.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional

import attrs

from quoteattr._corpus.gender import (
    GENDERS,
    UNKNOWN,
    evidence_pairs,
    gender_of,
    quote_gender_evidence,
    speaker_references,
)
from quoteattr._lexicon.roles import load_roles
from quoteattr._lexicon.words import AGENT_LABELS, INNER_NAME_WORDS, PERSONAL_PRONOUNS
from quoteattr._quotes.model import Article, Quote, QuoteKind, Resolution, Speaker, build_from_dict
from quoteattr._speakers.namekeys import is_joint, name_key
from quoteattr.errors import InvalidInputError

__all__ = ["SPEAKER_FIELDS", "SpeakerProfile", "build_profiles", "str_tuple", "table_row"]

#: The fields of a :class:`SpeakerProfile`, in the order of its :meth:`~SpeakerProfile.to_dict`
#: and of the columns of speaker tables (CSV, DataFrames).
SPEAKER_FIELDS = (
    "name",
    "aliases",
    "roles",
    "quote_count",
    "fragment_count",
    "article_ids",
    "outlets",
    "cues",
    "first_seen",
    "last_seen",
    "label",
    "gender",
    "gender_evidence",
)

#: A name's key: the words it is compared by.
Key = tuple[str, ...]

_DETERMINERS = ("The", "A", "An", "This", "That", "These", "Those")
_WORDS = re.compile(r"\w+")
#: A possessive inside a name: "Bill Clinton's legacy", "the Democrats' leader".
_POSSESSIVE = re.compile(r"\w['’]s?\s+\S")


def str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    """Convert a sequence of strings to a tuple of str (a single str is an error)."""
    if isinstance(value, str):
        raise InvalidInputError("expected a sequence of strings, not a single str")
    return tuple(str(v) for v in value)


def table_row(result: Any, fields: Sequence[str]) -> dict[str, Any]:
    """Return the ``fields`` of an attrs object as a JSON-ready dict (tuples become lists)."""
    return {name: _plain(getattr(result, name)) for name in fields}


def _plain(value: Any) -> Any:
    return [_plain(v) for v in value] if isinstance(value, tuple) else value


def _cue_counts(value: Iterable[Sequence[Any]]) -> tuple[tuple[str, int], ...]:
    return tuple((str(lemma), int(count)) for lemma, count in value)


@attrs.frozen
class SpeakerProfile:
    """One speaker across the corpus: every spelling, role and cue, where and when quoted."""

    #: The canonical name: the fullest spelling, the most frequent among the fullest.
    name: str
    #: Every name (with and without titles) and non-pronoun mention form seen, sorted.
    aliases: tuple[str, ...] = attrs.field(converter=str_tuple)
    #: The titles and roles given beside the name, most frequent first.
    roles: tuple[str, ...] = attrs.field(converter=str_tuple)
    #: The number of quotes attributed to the speaker. A mixed quote and the partial
    #: quotes inside it (its quoted fragments, extracted too) count as one quote: the
    #: fragments are counted in :attr:`fragment_count` instead.
    quote_count: int = attrs.field(converter=int)
    #: The ids of the articles that quote the speaker, sorted.
    article_ids: tuple[str, ...] = attrs.field(converter=str_tuple)
    #: The outlets of those articles, where known, sorted.
    outlets: tuple[str, ...] = attrs.field(converter=str_tuple)
    #: (cue lemma, number of quotes), most frequent first, then by lemma.
    cues: tuple[tuple[str, int], ...] = attrs.field(converter=_cue_counts)
    #: The earliest and latest ``Article.published`` of those articles (None if unknown).
    first_seen: Optional[str] = None
    last_seen: Optional[str] = None
    #: The entity label most often given to the speaker (PERSON, ORG, ...), if any.
    label: Optional[str] = None
    #: The partial quotes of the speaker that lie inside a mixed quote of the same
    #: speaker: fragments of a quote already counted, not in :attr:`quote_count`.
    fragment_count: int = attrs.field(default=0, converter=int)
    #: "male" or "female" when at least four pieces in five of the articles' evidence
    #: point that way, else "unknown" (no evidence, or evidence split more evenly); names
    #: alone are never evidence
    #: (:mod:`quoteattr._corpus.gender` says what is).
    gender: str = attrs.field(
        default=UNKNOWN, converter=str, validator=attrs.validators.in_((*GENDERS, UNKNOWN))
    )
    #: (gender, pieces of evidence of it: quotes and pronouns), for "male" then "female".
    gender_evidence: tuple[tuple[str, int], ...] = attrs.field(
        default=evidence_pairs({}), converter=_cue_counts
    )

    def to_dict(self) -> dict[str, Any]:
        """Return the profile as a JSON-ready dict, keys :data:`SPEAKER_FIELDS` (tuples become lists)."""
        return table_row(self, SPEAKER_FIELDS)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SpeakerProfile:
        """Build a profile from a dict such as :meth:`to_dict` returns."""
        profile: SpeakerProfile = build_from_dict(
            cls,
            data,
            ("name", "aliases", "roles", "quote_count", "article_ids", "outlets", "cues"),
            ("first_seen", "last_seen", "label", "fragment_count", "gender", "gender_evidence"),
        )
        return profile


def build_profiles(
    quotes: Sequence[Quote], articles: Mapping[str, Article]
) -> tuple[tuple[SpeakerProfile, ...], tuple[Optional[str], ...]]:
    """Return the profiles of the speakers of ``quotes`` and each quote's canonical name.

    Profiles come most quoted first, then by name; a quote without a profile has the
    name None. ``articles`` holds the metadata (outlet, publication date, text) of
    every article id of ``quotes``.
    """
    keys = _profile_keys(quotes, articles)
    members: dict[Key, list[Quote]] = defaultdict(list)
    for i, key in keys.items():
        members[key].append(quotes[i])
    by_key = {key: _build_profile(qs, articles) for key, qs in members.items()}
    profiles = sorted(by_key.values(), key=lambda p: (-p.quote_count, p.name, p.article_ids))
    names = tuple(by_key[keys[i]].name if i in keys else None for i in range(len(quotes)))
    return tuple(profiles), names


# -- names --------------------------------------------------------------------------------


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
def _speaker_key(name: str) -> Key:
    """The comparison key of a speaker's name: :func:`name_key` without leading titles."""
    titles = load_roles().titles
    key = name_key(_strip_title_words(name))
    while len(key) > 1 and key[0] in titles:
        key = key[1:]
    return key


def _is_pronoun(key: Key) -> bool:
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
    if not key or _is_pronoun(key):
        return False
    # "Observers noted", "Reports indicated": an unlabelled common noun, not a name.
    return not (speaker.label is None and _names_role(key[-1]))


def _label_group(label: Optional[str]) -> Optional[str]:
    """PERSON and ORG are confused by the small English model; unlabelled names go with them."""
    return "agent" if label is None or label in AGENT_LABELS else label


def _alias_of_mention(speaker: Speaker) -> Optional[str]:
    mention = " ".join(speaker.mention.split())
    if not mention or _is_pronoun(name_key(mention)):
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


def _holds_other_names(name: str, key: Key) -> bool:
    """True for a name that holds other names without being them.

    Names joined by "and" ("Lee and Diaz"), a possessive phrase ("Lee's campaign") and a
    description kept as written, with lower-case words other than those inside names
    ("leaders who backed Lee"; "de" in "Charles de Gaulle" and "of" in "Bank of America"
    stand inside names).
    """
    if is_joint(key) or _POSSESSIVE.search(name):
        return True
    return any(word[:1].islower() and word.lower() not in INNER_NAME_WORDS for word in name.split())


def _word_string(text: str) -> str:
    """The words of a text, case-folded and space-separated, with a space at each end."""
    return " " + " ".join(_WORDS.findall(text.casefold().replace(".", ""))) + " "


def _date_key(value: str) -> tuple[int, float, str]:
    """Order ISO 8601 dates and times by the instant they name (unparsable ones last)."""
    try:
        parsed = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return (1, 0.0, value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=_dt.timezone.utc)
    return (0, parsed.timestamp(), value)


# -- merging ------------------------------------------------------------------------------


def _profile_keys(quotes: Sequence[Quote], articles: Mapping[str, Article]) -> dict[int, Key]:
    """Map the index of every quote that has a profile to its profile's key."""
    key_of: dict[int, Key] = {}
    labels: dict[Key, set[Optional[str]]] = defaultdict(set)
    keys_in_article: dict[str, set[Key]] = defaultdict(set)
    # Names that hold other names without being them: "Lee and Diaz", "Lee's campaign".
    compound: set[Key] = set()
    for i, quote in enumerate(quotes):
        speaker = quote.speaker
        if speaker is None or not _has_profile(speaker):
            continue
        key = _speaker_key(speaker.name)
        key_of[i] = key
        labels[key].add(_label_group(speaker.label))
        keys_in_article[quote.article.id].add(key)
        if _holds_other_names(speaker.name, key):
            compound.add(key)

    # The longer names that contain each name (same words, first or last word shared).
    by_word: dict[str, set[Key]] = defaultdict(set)
    for key in labels:
        for word in key:
            by_word[word].add(key)
    containers: dict[Key, list[Key]] = {}
    for key in labels:
        words = set(key)
        candidates = set.intersection(*(by_word[w] for w in words))
        containers[key] = sorted(
            other
            for other in candidates
            if words < set(other)
            and (key[0] == other[0] or key[-1] == other[-1])
            and labels[key] & labels[other]
            and (key in compound or other not in compound)
        )
    # The fullest names a name leads up to; longer names first, so theirs are known.
    roots: dict[Key, frozenset[Key]] = {}
    for key in sorted(labels, key=lambda k: (-len(set(k)), k)):
        if containers[key]:
            roots[key] = frozenset().union(*(roots[c] for c in containers[key]))
        else:
            roots[key] = frozenset([key])

    def above(key: Key) -> set[Key]:
        found: set[Key] = set()
        todo = list(containers[key])
        while todo:
            other = todo.pop()
            if other not in found:
                found.add(other)
                todo.extend(containers[other])
        return found

    text_words: dict[str, str] = {}

    def named_in(article_id: str, keys: Iterable[Key], fallback: Article) -> bool:
        if article_id not in text_words:
            article = articles.get(article_id) or fallback
            text_words[article_id] = _word_string(article.text)
        words = text_words[article_id]
        return any(
            key in keys_in_article[article_id] or _word_string(" ".join(key)) in words
            for key in keys
        )

    resolved: dict[int, Key] = {}
    chosen: dict[tuple[str, Key], Key] = {}
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


# -- one profile --------------------------------------------------------------------------


def _fragments(quotes: Sequence[Quote]) -> set[Quote]:
    """The partial quotes lying inside a mixed quote of the same article among ``quotes``.

    ``quotes`` are one speaker's, so these are fragments of a quote of that speaker.
    """
    mixed: dict[str, list[tuple[int, int]]] = defaultdict(list)
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
    name_articles: dict[str, set[str]] = defaultdict(set)
    aliases: set[str] = set()
    roles: Counter[str] = Counter()
    cues: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    article_ids: set[str] = set()
    evidence: Counter[str] = Counter()
    references: dict[tuple[str, str], tuple[int, int]] = {}
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
        if quote not in fragments:
            evidence.update(quote_gender_evidence(quote))
        key = (quote.article.id, speaker.name)
        (male, female), (seen_male, seen_female) = (
            speaker_references(speaker),
            references.get(key, (0, 0)),
        )
        references[key] = (max(male, seen_male), max(female, seen_female))
        if quote.cue is not None and quote not in fragments:
            cues[quote.cue.lemma] += 1
        if speaker.label:
            labels[speaker.label] += 1
        article_ids.add(quote.article.id)
    for male, female in references.values():
        evidence.update({"male": male, "female": female})
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
        gender=gender_of(evidence_pairs(evidence)),
        gender_evidence=evidence_pairs(evidence),
    )
