"""The people and organisations one article names, looked up for its speakers.

:class:`ArticleNames` holds the article's name entries (:mod:`quoteattr._speakers.names`) and
answers the speaker sieve's questions about them: which entry a name mention stands for,
in its fullest form ("Putin" → "Vladimir Putin", "Kim" → "Kim Jong Un", "IMF" → the
"International Monetary Fund" the article spells out); the gender the article gives a
person (titles, its own pronouns, first names); and who is named where. Lookups go
through indexes of the entries (by word, initials, surname), so a mention touches only
the entries that could match it: an article where every quote brings a new person is
not quadratic.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable, Iterable, Sequence

import attrs
from spacy.tokens import Doc, Span, Token

from quoteattr._lexicon.roles import load_roles
from quoteattr._lexicon.words import NAME_PARTICLES, PRONOUN_GENDER
from quoteattr._marks.paragraphs import title_case_lines
from quoteattr._parse.deps import ROOT, nsubj, nsubjpass
from quoteattr._rules.syntax import doc_text
from quoteattr._speakers.mentions import mention_kind, mention_span
from quoteattr._speakers.namekeys import name_key
from quoteattr._speakers.names import (
    NameEntry,
    build_entries,
    strip_titles,
    suffix,
    surname_index,
    surname_owner,
    title_gender,
    without_suffix,
)

__all__ = ["ArticleNames"]

#: Words of an organisation's name left out of its initials ("Federal Bureau of Investigation").
_ACRONYM_SKIP = frozenset(["of", "the", "and", "for", "&", "on", "in"])
#: Entries by key, and persons by fullest name (see ``ArticleNames._gendered``).
_GenderIndex = tuple[dict[tuple[str, ...], NameEntry], dict[str, NameEntry]]


def _loose_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """A name key with each word's plural "s" dropped, to match slips of spelling."""
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in key)


class ArticleNames:
    """The people and organisations named in one parsed article.

    ``quoted`` are the character spans (in ``doc``'s text) of quoted words: a name said
    inside a quotation is never the antecedent of its speaker's pronoun.
    """

    def __init__(
        self,
        doc: Doc,
        gender_of_name: Callable[[str], str | None] | None = None,
        quoted: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.doc = doc
        #: The doc's text.
        self.text = doc_text(doc)
        self.roles = load_roles()
        #: Says "male" or "female" for a first name used for one sex only (else None).
        self.gender_of_name = gender_of_name or (lambda name: None)
        self.quoted = sorted(quoted)
        self._headlines = title_case_lines(self.text)
        #: The article's names, in the order it first gives them.
        self.entries: list[NameEntry] = build_entries(
            doc, self.text, self.roles, self.gender_of_name, self.in_headline
        )
        self._by_position: list[tuple[int, NameEntry]] | None = None
        self._positions: list[int] = []
        self._genders_done = False
        self._gender_index: _GenderIndex | None = None
        # Indexes of the entries, by position in ``entries`` (the gender pass replaces
        # the entries, keeping their order, keys and labels).
        self._word_index: dict[str, list[int]] | None = None
        self._initials: dict[str, list[int]] | None = None
        self._surnames: dict[str, list[int]] | None = None

    # -- where an offset lies ----------------------------------------------------------
    def in_headline(self, pos: int) -> bool:
        """True if the character offset lies in a Title Case line (a headline)."""
        i = bisect.bisect_right(self._headlines, (pos, sys.maxsize)) - 1
        return i >= 0 and self._headlines[i][0] <= pos < self._headlines[i][1]

    def in_quote(self, pos: int) -> bool:
        """True if the character offset lies inside quoted words."""
        i = bisect.bisect_right(self.quoted, (pos, sys.maxsize)) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def previous_paragraph_start(self, pos: int) -> int:
        """Where the paragraph before the one holding ``pos`` starts."""
        text = self.text
        i = text.rfind("\n", 0, pos)  # the paragraph holding ``pos`` starts after it
        while i > 0 and text[i - 1] == "\n":
            i -= 1
        j = text.rfind("\n", 0, max(0, i))
        return j + 1 if j >= 0 else 0

    # -- the entries a name may stand for ----------------------------------------------
    def _with_words(self, words: Iterable[str]) -> list[NameEntry]:
        """The entries whose key holds one of ``words``, in order (an index kept: looking
        through every entry for each mention made an article of many people quadratic)."""
        if self._word_index is None:
            self._word_index = {}
            for i, entry in enumerate(self.entries):
                for w in dict.fromkeys(entry.key):
                    self._word_index.setdefault(w, []).append(i)
        found = {i for w in words for i in self._word_index.get(w, ())}
        return [self.entries[i] for i in sorted(found)]

    def _candidates(self, key: tuple[str, ...]) -> list[NameEntry]:
        found = []
        for entry in self._with_words(key[:1]):  # an entry holding every word of the key
            core = without_suffix(entry.key)
            if set(key) <= set(entry.key) and (
                key[0] == entry.key[0] or key[-1] in (entry.key[-1], core[-1] if core else "")
            ):
                found.append(entry)
        # "Donald Trump Jr." is not "Donald Trump": a suffix tells two people apart, and a
        # name without one goes to a name with one only when no other name has its words.
        same = [e for e in found if suffix(e.key) == suffix(key)]
        if same and any(len(e.key) > len(key) for e in same):
            found = same
        # A headline entity that runs on past a name the body gives in full ("Tom
        # Diaz Pins ..."): the body's name, not the headline's.
        # A name only a headline gives in full may add a given name ("Greta Vance"
        # for "Vance"), nothing else: in Title Case the other words are the
        # headline's ("Putin Visits North Korea", "Navy Widow Confronts Diaz").
        body = [e for e in found if not e.headline]
        return [
            e
            for e in found
            if not e.headline
            or (
                e.key[-len(key) :] == key
                and all(
                    self.gender_of_name(w) is not None or w in NAME_PARTICLES
                    for w in e.key[: -len(key)]
                )
                and not any(len(b.key) >= 2 and set(b.key) < set(e.key) for b in body)
            )
        ]

    def _acronym_candidates(self, key: tuple[str, ...]) -> list[NameEntry]:
        """Organisations whose initials a one-word capitalised mention spells ("FBI")."""
        if len(key) != 1 or not 2 <= len(key[0]) <= 6:
            return []
        if self._initials is None:
            self._initials = {}
            for i, entry in enumerate(self.entries):
                if entry.label == "ORG" and len(entry.key) >= 2:
                    initials = "".join(w[0] for w in entry.key if w not in _ACRONYM_SKIP)
                    self._initials.setdefault(initials, []).append(i)
        return [self.entries[i] for i in self._initials.get(key[0], ())]

    def _inside_headline_name(self, key: tuple[str, ...]) -> NameEntry | None:
        """A headline entity that runs on past a name ("Kim Jong Un Pledges Support")."""
        best: NameEntry | None = None
        for entry in self._with_words(key):
            if entry.headline or len(entry.key) > len(key):
                continue
            n = len(entry.key)
            inside = any(key[i : i + n] == entry.key for i in range(len(key) - n + 1))
            if inside and (best is None or len(entry.key) > len(best.key)):
                best = entry
        return best

    def full_names_ending(self, *surnames: str) -> list[NameEntry]:
        """The people named in full (two words or more) whose name ends in one of
        ``surnames``, in the order the article first names them."""
        if self._surnames is None:
            self._surnames = surname_index(self.entries)
        found = {i for s in surnames for i in self._surnames.get(s, ())}
        return [self.entries[i] for i in sorted(found)]

    def surname_owner(self, surname: str) -> NameEntry | None:
        """The one person the article's body names in full with this surname, or None."""
        if self._surnames is None:
            self._surnames = surname_index(self.entries)
        j = surname_owner(self.entries, self._surnames, surname, body_only=True)
        return None if j is None else self.entries[j]

    # -- a name's entry ----------------------------------------------------------------
    def entry_for(self, mention: Span, label: str | None = None) -> NameEntry | None:
        """Return the fullest name in the article for a name mention, or None.

        The names that contain the mention's words are grouped into people (one name
        inside another is the same person: "Clinton" in "Hillary Clinton" in "Hillary
        Rodham Clinton"); of one person, the fullest name; of several people who share
        the words ("Bill Clinton", "Hillary Clinton"), the one whose gender the mention's
        title gives, else the one named in the same or the paragraph before, else the
        one the article names most.
        """
        key = strip_titles(name_key(mention.text), self.roles.titles)
        if not key:
            return None
        # "IMF" for the "International Monetary Fund" the article spells out.
        candidates = self._acronym_candidates(key) or self._candidates(key)
        if all(c.headline for c in candidates) and self.in_headline(mention.start_char):
            # "Tom Diaz Pins": a headline's entity that runs on past a body's name.
            inside = self._inside_headline_name(key)
            if inside is not None:
                return inside
        if not candidates:
            return None
        if label is not None:
            candidates = [c for c in candidates if c.label == label] or candidates
        people = [c for c in candidates if not any(set(c.key) < set(o.key) for o in candidates)]
        if len(people) == 1:
            title = title_gender([mention])
            if title is not None and self.entry_gender(people[0]) not in (title, None):
                # "Mr. Lee" is not the "Ann Lee" who is the only full name given.
                return next((c for c in candidates if c.key == key), None)
            return people[0]
        return self._choose_between(people, mention)

    def entry_for_token(self, tok: Token) -> NameEntry | None:
        """The entry a token of a name belongs to, or None."""
        mention = mention_span(tok)
        if mention_kind(mention) != "name":
            return None
        return self.entry_for(mention)

    def expand(self, entry: NameEntry) -> NameEntry:
        """The fullest name of the one person or organisation an entry's name is part of
        ("Diaz" → "Tom Diaz", "Acme" → "Acme Industrial Holdings"), or
        the entry itself where several share it."""
        candidates = [c for c in self._candidates(entry.key) if c.label == entry.label] or [
            c for c in self._candidates(entry.key) if c.is_person == entry.is_person
        ]
        people = [c for c in candidates if not any(set(c.key) < set(o.key) for o in candidates)]
        if len(people) > 1 and len({_loose_key(p.key) for p in people}) == 1:
            # One name written two ways ("Acme Industrial Holdings" and, later,
            # "Acme Industrials Holdings"): the form the article gives first.
            people = [min(people, key=lambda p: min(p.positions, default=0))]
        return people[0] if len(people) == 1 else entry

    def _choose_between(self, people: list[NameEntry], mention: Span) -> NameEntry:
        self._ensure_genders()
        title = title_gender([mention])
        if title is not None:
            people = [p for p in people if self.entry_gender(p) in (title, None)] or people
        if len(people) == 1:
            return people[0]
        pos = mention.start_char
        # Named in the same sentence: the reader has that one in mind.
        floor = mention.sent.start_char

        def last_before(entry: NameEntry) -> int:
            i = bisect.bisect_left(entry.positions, pos)
            return entry.positions[i - 1] if i > 0 else -1

        near = [p for p in people if last_before(p) >= floor and not self.in_quote(last_before(p))]
        if len(near) == 1:
            return near[0]
        # Otherwise the one the article names most: "Clinton" in a story about her, not
        # the husband named once a paragraph before.
        pool = near or people
        return max(pool, key=lambda e: (len(e.positions), -e.positions[0]))

    def fullest_name(self, mention: Span) -> tuple[str, str | None]:
        """Return (fullest name, entity label) of a name mention."""
        entry = self.entry_for(mention)
        if entry is not None:
            return entry.text, entry.label
        if self.in_headline(mention.start_char) and len(mention) > 3:
            # A headline's run of capitalised words that names no one the article names:
            # its head word only ("Survivors", not "... Survivors Explain Why ...").
            return mention.root.text, None
        label = mention.root.ent_type_ or None
        start = mention.start
        while (
            start < mention.end - 1 and mention.doc[start].lower_.rstrip(".") in self.roles.titles
        ):
            start += 1
        return mention.doc[start : mention.end].text, label

    # -- gender ------------------------------------------------------------------------
    def _ensure_genders(self) -> None:
        """Give each person the gender the article's own pronouns say, where titles did not.

        A gendered pronoun that is the subject of a sentence whose previous sentence has
        a person as its only subject ("Okafor spoke. She said ...") is a vote for that
        person; two votes, all one way, decide. A first name used for one sex only
        decides where the article says nothing.
        """
        if self._genders_done:
            return
        self._genders_done = True
        votes: dict[tuple[str, ...], dict[str, int]] = {}
        previous_subject: NameEntry | None = None
        for sent in self.doc.sents:
            subjects = [t for t in sent if t.dep in (nsubj, nsubjpass) and t.head.dep == ROOT]
            here: NameEntry | None = None
            for subject in subjects:
                gender = PRONOUN_GENDER.get(subject.lower_)
                if gender is not None and previous_subject is not None:
                    tally = votes.setdefault(previous_subject.key, {})
                    tally[gender] = tally.get(gender, 0) + 1
                elif subject.pos_ == "PROPN" and not self.in_quote(subject.idx):
                    entry = self.entry_for_token(subject)
                    if entry is not None and entry.is_person:
                        here = entry
            previous_subject = here
        updated = []
        for entry in self.entries:
            gender = entry.gender
            if gender is None and entry.is_person:
                tally = votes.get(entry.key, {})
                if sum(tally.values()) >= 2 and len(tally) == 1:
                    gender = next(iter(tally))
                else:
                    gender = next(
                        (g for g in map(self.gender_of_name, entry.key[:-1]) if g is not None),
                        None,
                    )
            updated.append(attrs.evolve(entry, gender=gender))
        self.entries = updated
        self._by_position = None
        self._gender_index = None  # (the rules above may have looked at the entries before)

    def entry_gender(self, entry: NameEntry) -> str | None:
        """The gender the article gives a person ("male", "female" or None)."""
        current = self._gendered()[0].get(entry.key)
        return entry.gender if current is None else current.gender

    def gender_of_text(self, name: str) -> str | None:
        """The gender the article gives the person whose fullest name is ``name``."""
        entry = self._gendered()[1].get(name)
        return None if entry is None else self.entry_gender(entry)

    def _gendered(self) -> _GenderIndex:
        """The entries with their genders: the first of each key, and the first person of
        each fullest name (kept: looking through every entry for each quote's speaker made
        an article of many people and quotes quadratic)."""
        self._ensure_genders()
        if self._gender_index is None:
            by_key: dict[tuple[str, ...], NameEntry] = {}
            by_text: dict[str, NameEntry] = {}
            for entry in self.entries:
                by_key.setdefault(entry.key, entry)
                if entry.is_person:
                    by_text.setdefault(entry.text, entry)
            self._gender_index = (by_key, by_text)
        return self._gender_index

    def gender(self, mention: Span) -> str | None:
        """Return "male", "female" or None for a person mention."""
        title = title_gender([mention])
        if title is not None:
            return title
        entry = self.entry_for(mention)
        if entry is not None:
            return self.entry_gender(entry)
        key = strip_titles(name_key(mention.text), self.roles.titles)
        for word in key[:-1]:
            gender = self.gender_of_name(word)
            if gender is not None:
                return gender
        return None

    def agrees(self, pronoun: Token, mention: Span) -> bool:
        """False if the pronoun's gender and the person's known gender differ."""
        wanted = PRONOUN_GENDER.get(pronoun.lower_)
        if wanted is None:
            return True
        found = self.gender(mention)
        return found is None or found == wanted

    # -- where names are ---------------------------------------------------------------
    def occurrences(self, start_char: int = 0) -> Iterable[tuple[int, NameEntry]]:
        """Every occurrence of a name from ``start_char`` on, as (offset, entry), in text
        order (the entries with their genders)."""
        if self._by_position is None:
            self._ensure_genders()
            self._by_position = sorted(
                ((pos, e) for e in self.entries for pos in e.positions), key=lambda x: x[0]
            )
            self._positions = [pos for pos, _ in self._by_position]
        by_position = self._by_position
        lo = bisect.bisect_left(self._positions, start_char)
        return (by_position[i] for i in range(lo, len(by_position)))

    def people_between(
        self, start_char: int, end_char: int, pronoun: Token | None = None
    ) -> list[tuple[int, NameEntry]]:
        """The persons named in [start_char, end_char), outside quotes, in text order.

        Each is given as (offset, the person's fullest entry); with ``pronoun``, only
        those whose gender agrees with it.
        """
        found = []
        for pos, entry in self.occurrences(start_char):
            if pos >= end_char:
                break
            if not entry.is_person or self.in_quote(pos) or self.in_headline(pos):
                continue
            span = self.doc.char_span(pos, pos + len(entry.text), alignment_mode="expand")
            full = self.entry_for(span) if span is not None else entry
            full = full or entry
            if not full.is_person:
                continue
            if pronoun is not None:
                wanted = PRONOUN_GENDER.get(pronoun.lower_)
                gender = self.entry_gender(full)
                if wanted is not None and gender is not None and gender != wanted:
                    continue
            found.append((pos, full))
        return found
