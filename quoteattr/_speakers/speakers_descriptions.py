"""Descriptions matched to names: "the Russian president" to the Vladimir Putin the article
gives that title, "the agency" to the organisation named just before it.

:class:`Descriptions` works over an article's :class:`~quoteattr._speakers.speakers.ArticleNames`.
A person description must share its role words with the roles the article writes beside
a person's name (:mod:`quoteattr._speakers.speakers_roles`), and no place, party or nationality in
it may say otherwise ("the Florida senator" is not the senator from Vermont). It also
finds the person a text is mostly about, and the person mention a token stands for.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterable

from spacy.tokens import Span, Token

from quoteattr._lexicon.words import GROUP_LABELS
from quoteattr._parse.deps import appos, poss
from quoteattr._speakers.mentions import appositive_name, mention_kind, mention_span, nameable
from quoteattr._speakers.namekeys import name_key
from quoteattr._speakers.names import NameEntry
from quoteattr._speakers.speakers import ArticleNames
from quoteattr._speakers.speakers_roles import STATE_WORDS, role_words

__all__ = ["Descriptions"]

#: The lines of an article's lede: its headline and the two paragraphs after it.
_LEDE_LINES = 3
#: Modifiers of a description that do not tell people apart ("the former senator").
_VAGUE_MODIFIERS = frozenset(
    [
        "former",
        "current",
        "new",
        "top",
        "then",
        "now",
        "longtime",
        "veteran",
        "senior",
        "sitting",
        "outgoing",
        "incoming",
        "embattled",
        "first",
        "same",
        "other",
        "two-term",
        "one-time",
        "late",
        "presidential",
        "republican",
        "democratic",
        "gop",
        "u",
        "s",
        "us",
    ]
)
#: Parties, which spaCy tags as nationalities but which place no one.
_PARTY_WORDS = frozenset(
    [
        "republican",
        "republicans",
        "democrat",
        "democrats",
        "democratic",
        "gop",
        "libertarian",
        "independent",
        "green",
        "conservative",
        "liberal",
        "labour",
        "tory",
    ]
)
#: Determiners and possessives, which are no modifiers of a description.
_DETERMINERS = frozenset(["the", "this", "that", "its", "his", "her", "their"])


def _definite(mention: Span) -> bool:
    """True if a description points back: "the president", "this agency", "his campaign"."""
    # The determiner may stand outside a capitalised title's mention ("the Prime Minister").
    before_root = [t for t in mention if t.i < mention.root.i] + [
        c for c in mention.root.lefts if c.i < mention.start
    ]
    return any(t.lower_ in ("the", "this", "that") or t.dep == poss for t in before_root)


class Descriptions:
    """The descriptions of one article's speakers, matched to the names it gives."""

    def __init__(self, names: ArticleNames) -> None:
        self.names = names
        self._lede_end: int | None = None
        self._nationalities: frozenset[str] | None = None
        self._by_word: dict[str, list[int]] | None = None

    # -- a description's entry ---------------------------------------------------------
    def resolve(self, mention: Span) -> NameEntry | None:
        """Match a definite description ("the Russian president", "the agency") to a name.

        Only a singular description with a definite determiner (or a possessor) can
        point back to one named person or organisation; "a spokesman", "officials" and
        "analysts" stay descriptions. A person description must share its role words
        with the person's titles and appositions; an organisation description ("the
        company") goes to the organisation named last within the paragraphs before.
        """
        names = self.names
        root = mention.root
        # The opening paragraphs of a story describe before they name: "A New York judge
        # ruled ..." and, later, "Judge Paul Brandt". There a description may name someone
        # who comes after it, and need not be definite.
        lede = self._in_lede(mention.start_char)
        if root.tag_ in ("NNS", "NNPS") or not (_definite(mention) or lede):
            return None
        head = " ".join(role_words(root.lemma_.lower())) or root.lemma_.lower()
        modifiers = {w for t in mention if t.i != root.i for w in role_words(t.text)}
        modifiers -= _DETERMINERS
        # Capitalised modifiers tell people apart: a place, a party, a country.
        proper = {
            w
            for t in mention
            if t.i != root.i and t.text[:1].isupper() and t.i != mention.start
            for w in role_words(t.text)
        } - _VAGUE_MODIFIERS
        nationality = {w for t in mention if t.ent_type_ in GROUP_LABELS for w in name_key(t.text)}
        pos = mention.start_char
        if head in names.roles.person:
            label = "PERSON"
        elif head in names.roles.organization:
            label = "ORG"
        else:
            return None
        best: tuple[tuple[int, int], NameEntry] | None = None
        # Only an entry that shares a word with the description can score.
        for entry in self._sharing({head} | modifiers | nationality):
            if entry.label != label or entry.headline:
                continue
            before = [p for p in entry.positions if (p < pos or lede) and not names.in_quote(p)]
            if not before:
                continue
            words = entry.role_words | set(entry.key)
            if (
                nationality
                and any(self._is_nationality(w) for w in entry.role_words)
                and not nationality & entry.role_words
            ):
                continue  # "the Russian leader" is not the North Korean leader
            if label == "PERSON" and self.contradicts(entry, proper):
                continue  # "the Florida senator" is not the senator from Vermont
            score = (2 if head in words else 0) + len(modifiers & words)
            if label == "PERSON" and score < 2 and not (nationality and nationality & words):
                continue
            if label == "ORG" and score < 1:
                continue
            if lede and not any(p < pos for p in before) and score < 3:
                continue  # naming someone still to come takes the role and a modifier
            rank = (score, max(before))
            if best is None or rank > best[0]:
                best = (rank, entry)
        if best is None and label == "ORG" and not modifiers:
            return self._last_organisation(names.previous_paragraph_start(pos), pos)
        return best[1] if best else None

    def _sharing(self, words: Iterable[str]) -> list[NameEntry]:
        """The entries with one of ``words`` among their role words or their name's words,
        in order (an index kept, so that a description does not look through every name)."""
        entries = self.names.entries
        if self._by_word is None:
            self._by_word = {}
            for i, entry in enumerate(entries):
                for w in entry.role_words | set(entry.key):
                    self._by_word.setdefault(w, []).append(i)
        found = {i for w in words for i in self._by_word.get(w, ())}
        return [entries[i] for i in sorted(found)]

    def _last_organisation(self, floor: int, pos: int) -> NameEntry | None:
        """The organisation named last in [floor, pos), outside quotes and headlines."""
        found: NameEntry | None = None
        for p, entry in self.names.occurrences(floor):
            if p >= pos:
                break
            if entry.label == "ORG" and not entry.headline and not self.names.in_quote(p):
                found = entry
        return found

    def _places(self, words: Iterable[str]) -> frozenset[str]:
        """The words among ``words`` that name a place or a nationality (states, countries)."""
        return frozenset(
            w
            for w in words
            if w in STATE_WORDS
            or (self._is_nationality(w) and w not in _VAGUE_MODIFIERS and w not in _PARTY_WORDS)
        )

    def contradicts(self, entry: NameEntry, proper: Iterable[str]) -> bool:
        """True if a description's places ("the Vermont senator") differ from the places
        the article gives the entry ("Sen. Ann Lee (R-S.C.)").

        A person the article gives no place is not contradicted: the description may
        tell the reader something new.
        """
        theirs = self._places(role_words(" ".join(proper)))
        known = self._places(entry.role_words | set(entry.key))
        return bool(theirs) and bool(known) and not theirs & known

    def _in_lede(self, pos: int) -> bool:
        """True for an offset in the headline or the first two paragraphs after it."""
        if self._lede_end is None:
            # Where the fourth line that is not empty starts (the text's end if none does).
            lines = re.finditer(r"[^\n]+", self.names.text)
            fourth = next(itertools.islice(lines, _LEDE_LINES, None), None)
            self._lede_end = sys.maxsize if fourth is None else fourth.start()
        return pos < self._lede_end

    def _is_nationality(self, word: str) -> bool:
        if self._nationalities is None:
            self._nationalities = frozenset(
                w for e in self.names.doc.ents if e.label_ in GROUP_LABELS for w in name_key(e.text)
            )
        return word in self._nationalities

    # -- the person a text is about ----------------------------------------------------
    def topic_person(self, pos: int, gender: str | None = None) -> NameEntry | None:
        """The person the text before ``pos`` is about, if one stands out: named most
        often in the two paragraphs before it (at least twice, more than anyone else),
        or else in the whole article before it (at least three times, more than twice as
        often as anyone else). With ``gender``, people of the other gender do not count."""
        names = self.names
        floor = names.previous_paragraph_start(names.previous_paragraph_start(pos))
        for lo, least, factor in ((floor, 2, 1), (0, 3, 2)):
            ranked = [
                (n, e)
                for n, e in self._person_counts(lo, pos)
                if gender is None or names.entry_gender(e) in (None, gender)
            ]
            if (
                ranked
                and ranked[0][0] >= least
                and (len(ranked) == 1 or ranked[0][0] > factor * ranked[1][0])
            ):
                return ranked[0][1]
        return None

    def _person_counts(self, lo: int, hi: int) -> list[tuple[int, NameEntry]]:
        """People named between two offsets (outside quotes and headlines), with how often,
        most often first; a bare surname counts for the one full name it shortens."""
        names = self.names
        counts: dict[tuple[str, ...], int] = {}
        people: dict[tuple[str, ...], NameEntry] = {}
        for p, entry in names.occurrences(lo):
            if p >= hi:
                break
            if not entry.is_person or entry.headline or names.in_quote(p):
                continue
            owner = names.surname_owner(entry.key[0]) if len(entry.key) == 1 else None
            target = entry if owner is None else owner
            counts[target.key] = counts.get(target.key, 0) + 1
            people[target.key] = target
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        return [(n, people[key]) for key, n in ranked]

    # -- the person a token stands for -------------------------------------------------
    def as_person(self, tok: Token) -> Span | None:
        """The person mention a token stands for (a name or a matched description), or None."""
        names = self.names
        mention = mention_span(tok)
        if not nameable(mention):
            return None
        kind = mention_kind(mention)
        if kind == "name":
            if names.in_quote(mention.start_char):
                return None
            entry = names.entry_for(mention)
            label = entry.label if entry is not None else mention.root.ent_type_
            # A proper name spaCy left unlabelled is taken as a person.
            if label == "PERSON" or (label == "" and mention.root.pos_ == "PROPN"):
                return mention
        elif kind == "description":
            for child in mention.root.rights:
                # "Her husband, Luis, was less certain": the name beside the description.
                if child.dep == appos:
                    named = self.as_person(child)
                    if named is not None and mention_kind(named) == "name":
                        return named
            entry = self.resolve(mention)
            if entry is not None and entry.label == "PERSON":
                return mention
        return None

    def name_for(self, tok: Token) -> Span | None:
        """The name mention an antecedent token stands for (a description is matched to a
        name), or None."""
        mention = mention_span(tok)
        kind = mention_kind(mention)
        if kind == "name":
            return mention
        if kind == "description":
            named = appositive_name(mention.root)
            if named is not None:
                return named
            entry = self.resolve(mention)
            if entry is not None:
                for pos in entry.positions:
                    span = tok.doc.char_span(pos, pos + len(entry.text), alignment_mode="expand")
                    if span is not None:
                        return span
        return None
