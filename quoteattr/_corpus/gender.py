"""Speakers' gender from the articles' own words: the evidence, the verdict and the summary.

A speaker profile's gender (:attr:`~quoteattr.SpeakerProfile.gender`) is ``male`` or
``female`` when the evidence in the speaker's quotes and articles points that way, all of
it or at least four pieces in five (:data:`DOMINANCE`: pronoun resolution errs now and
then), and ``unknown`` when there is none or when it is more evenly split (both counts
are kept in :attr:`~quoteattr.SpeakerProfile.gender_evidence`). Names alone are never evidence:
"Maria Okafor said" says nothing about Maria Okafor's gender here, since lists of first
names are wrong for many names and cultures.

What counts as evidence
-----------------------
Each quote of the speaker (not counting the fragments of a mixed quote, which
:attr:`~quoteattr.SpeakerProfile.fragment_count` counts apart) gives at most one piece
of evidence for each gender, from its :class:`~quoteattr.Speaker` (none when the speaker
is several people named together, "Ann Lee and Tom Diaz", who have no one gender):

* **a gendered pronoun as the speaker's mention** ("he said", "she added": the
  mention, lower-cased, is in :data:`~quoteattr._lexicon.words.PRONOUN_GENDER`), which
  quoteattr's rules or coreference resolved to the speaker (any resolution but
  ``unresolved``);
* **a gendered title before the name** in the speaker's name or mention ("Ms. Lee",
  "Prime Minister Sir Keir Starmer": a word of
  :data:`~quoteattr._lexicon.words.GENDERED_TITLES`, case and a final full stop
  ignored, among the leading title words and followed by more of the name), or as the
  last word of the role given beside the name ("Lady" in a role "Lady").

Besides, each article gives as many pieces of evidence as it has gendered pronouns that
refer to the speaker anywhere in it ("his third trip abroad", "giving him a stage"):
the counts :attr:`~quoteattr.Speaker.male_refs` and
:attr:`~quoteattr.Speaker.female_refs` that the extraction gives each speaker
(:mod:`quoteattr._speakers.references`: speaker mentions resolved to the speaker, other
pronouns outside quotation marks that quoteattr's surest pronoun rules resolve to the
speaker, and the pronouns of the coreference chains that name the speaker), each
pronoun counted once. They are counted once per article and speaker name, not once per
quote (:func:`speaker_references`; the largest counts among the article's quotes of that
name, which are all the same but for a long article parsed in chunks). A "he said"
resolved to the speaker is thus both a quote's evidence and one of the article's
pronouns. Quotes read from files or stores written before these counts existed have
counts of 0, and give the quote-level evidence only. The extraction's own per-article
genders (:mod:`quoteattr._speakers.speakers`) include guesses from first names and are
never used.

>>> from quoteattr import Article, Quote, QuoteKind, Speaker
>>> article = Article("“We will win,” Ms. Lee said.", id="a")
>>> quote = Quote("We will win,", 1, 13, QuoteKind.DIRECT, Speaker("Ms. Lee", "Ms. Lee"), None, article)
>>> quote_gender_evidence(quote)
frozenset({'female'})
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from quoteattr._lexicon.roles import load_roles
from quoteattr._lexicon.words import GENDERED_TITLES, PRONOUN_GENDER
from quoteattr._quotes.model import Quote, Resolution, Speaker
from quoteattr._speakers.namekeys import is_joint, name_key

__all__ = [
    "DOMINANCE",
    "GENDERS",
    "GENDER_SUMMARY_FIELDS",
    "UNKNOWN",
    "evidence_pairs",
    "gender_of",
    "gender_summary",
    "gender_table_lines",
    "quote_gender_evidence",
    "speaker_references",
]

#: The genders evidence can show, in the order of :attr:`SpeakerProfile.gender_evidence`.
GENDERS = ("male", "female")
#: The gender of a speaker with no evidence, or evidence split more evenly than :data:`DOMINANCE`.
UNKNOWN = "unknown"
#: The share of a speaker's evidence that must point one way for a gender: four pieces
#: in five. Pronoun resolution is wrong now and then (one speaker pronoun in five to ten
#: on PolNeAR, ``docs/accuracy.rst``), mostly in articles about a man and a woman, so a
#: speaker quoted often gathers a few pieces for the other gender; evidence less
#: one-sided than this is ``unknown``.
DOMINANCE = 0.8
#: The columns of :func:`gender_summary` rows (CSV, JSON Lines).
GENDER_SUMMARY_FIELDS = ("gender", "speakers", "quotes", "quote_share")


def _title_gender(word: str) -> str | None:
    return GENDERED_TITLES.get(word.lower().removesuffix("."))


def _joint(speaker: Speaker) -> bool:
    """True for names that speak together ("Ann Lee and Tom Diaz"): they have no one gender."""
    return is_joint(name_key(speaker.name))


def _leading_title_gender(text: str) -> str | None:
    """The gender of a title among the leading title words of a name ("Mr. Lee": male).

    The title must be followed by more of the name: a lone "Sir" or the surname "King"
    of "Stephen King" is no evidence.
    """
    titles = load_roles().titles
    words = text.split()
    for word in words[:-1]:
        gender = _title_gender(word)
        if gender is not None:
            return gender
        key = name_key(word)
        if not key or not all(w in titles for w in key):
            return None
    return None


def quote_gender_evidence(quote: Quote) -> frozenset[str]:
    """The genders a quote's speaker is given by the quote itself (see the module docstring)."""
    speaker = quote.speaker
    if speaker is None or speaker.resolution is Resolution.UNRESOLVED or _joint(speaker):
        return frozenset()
    found: set[str] = set()
    pronoun = PRONOUN_GENDER.get(speaker.mention.strip().lower())
    if pronoun is not None:
        found.add(pronoun)
    for text in (speaker.name, speaker.mention):
        gender = _leading_title_gender(text)
        if gender is not None:
            found.add(gender)
    role = (speaker.role or "").split()
    if role:
        gender = _title_gender(role[-1])
        if gender is not None:
            found.add(gender)
    return frozenset(found)


def speaker_references(speaker: Speaker) -> tuple[int, int]:
    """The article's gendered pronouns that refer to a speaker: (male, female).

    ``(0, 0)`` for a speaker the article does not name (a description, an unresolved pronoun).
    """
    if not speaker.resolution.named or _joint(speaker):
        return (0, 0)
    return (speaker.male_refs, speaker.female_refs)


def evidence_pairs(counts: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """The evidence counts as ``(("male", n), ("female", m))``, zeros included."""
    return tuple((gender, int(counts.get(gender, 0))) for gender in GENDERS)


def gender_of(evidence: Iterable[Sequence[Any]]) -> str:
    """``male`` or ``female`` if at least :data:`DOMINANCE` of the evidence points that way.

    Else, and without evidence, ``unknown``.

    >>> gender_of([("male", 3), ("female", 0)]), gender_of([("male", 1), ("female", 1)])
    ('male', 'unknown')
    >>> gender_of([("male", 1), ("female", 40)]), gender_of([("male", 3), ("female", 1)])
    ('female', 'unknown')
    """
    counts = [(str(gender), int(number)) for gender, number in evidence]
    total = sum(number for _, number in counts)
    for gender, number in counts:
        if total and number >= DOMINANCE * total:
            return gender
    return UNKNOWN


def gender_summary(profiles: Iterable[Any]) -> list[dict[str, Any]]:
    """Quotes and speakers by gender: one row for each of male, female and unknown.

    ``profiles`` are :class:`~quoteattr.SpeakerProfile` objects; a row has the keys
    :data:`GENDER_SUMMARY_FIELDS`: the number of speakers, of their quotes
    (:attr:`~quoteattr.SpeakerProfile.quote_count`) and the share of all those quotes
    (0 when there are none). Quotes without a profile (no named speaker) are not counted.
    """
    speakers = dict.fromkeys((*GENDERS, UNKNOWN), 0)
    quotes = dict.fromkeys((*GENDERS, UNKNOWN), 0)
    for profile in profiles:
        speakers[profile.gender] += 1
        quotes[profile.gender] += profile.quote_count
    total = sum(quotes.values())
    return [
        {
            "gender": gender,
            "speakers": speakers[gender],
            "quotes": quotes[gender],
            "quote_share": round(quotes[gender] / total, 4) if total else 0,
        }
        for gender in speakers
    ]


def gender_table_lines(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """The lines of the terminal table of :func:`gender_summary` rows."""
    lines = [f"{'gender':<8} {'speakers':>8} {'quotes':>7} {'share':>6}"]
    for row in rows:
        share = f"{100 * row['quote_share']:.1f}%"
        lines.append(f"{row['gender']:<8} {row['speakers']:>8} {row['quotes']:>7} {share:>6}")
    return lines
