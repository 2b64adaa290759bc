"""The sieve's pronoun rules, and the search for a pronoun's antecedent that they share.

:class:`Antecedents` finds the person a "he" or "she" refers to by the structure of the
sentences before it (the subject of a clause above it, the subject of a sentence before
it, chained through earlier pronouns), and the subject a "they" or "it" refers to. The
rules (``relative``, ``author``, ``clause_subject``, ``previous_subject``,
``only_candidate``, ``coreference``, ``nearest_person``) each take one way of resolving
a pronoun; :mod:`quoteattr._speakers.sieve` runs them in order.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from quoteattr._lexicon.words import (
    COLLECTIVE_LABELS,
    FIRST_PERSON_SINGULAR,
    NEUTER_PRONOUNS,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    RELATIVE_PRONOUNS,
    THIRD_PERSON_SINGULAR,
)
from quoteattr._parse.deps import ROOT, conj, nsubj, nsubjpass, relcl
from quoteattr._quotes.model import Resolution, Speaker
from quoteattr._speakers.mentions import definite_start, mention_kind
from quoteattr._speakers.speakers import ArticleNames
from quoteattr._speakers.speakers_author import signature_after
from quoteattr._speakers.speakers_descriptions import Descriptions

if TYPE_CHECKING:
    from quoteattr._speakers.sieve import Mention, SpeakerSieve

__all__ = [
    "Antecedents",
    "QuotedPeople",
    "author",
    "clause_subject",
    "coreference",
    "nearest_person",
    "only_candidate",
    "previous_subject",
    "relative",
]

#: How many sentences back a pronoun's antecedent is looked for.
_WINDOW_SENTENCES = 8
#: The labels of a subject.
_SUBJECT_DEPS = frozenset({nsubj, nsubjpass})


class Antecedents:
    """What the pronouns of one parsed document refer to, by the structural rules."""

    def __init__(self, names: ArticleNames, descriptions: Descriptions) -> None:
        self.names = names
        self.descriptions = descriptions
        self.doc = names.doc
        self._sentence_starts = [s.start for s in self.doc.sents]
        self._pronouns: dict[int, tuple[Span, Resolution] | None] = {}

    def pronoun_antecedent(self, tok: Token, depth: int = 0) -> tuple[Span, Resolution] | None:
        """The person a third-person singular pronoun refers to, by the structural rules.

        Returns the name mention it resolves to and the rule that decided, or None.
        Pronoun subjects of earlier sentences are followed to their own antecedents
        ("Smith arrived. He sat down. “...,” he said.").
        """
        if tok.i in self._pronouns:
            return self._pronouns[tok.i]
        self._pronouns[tok.i] = None  # guards against cycles
        found: tuple[Span, Resolution] | None = None
        if tok.lower_ in THIRD_PERSON_SINGULAR and depth <= 3:
            person = self._clause_subject(tok)
            if person is not None:
                found = (person, Resolution.CLAUSE_SUBJECT)
            else:
                person = self._previous_subject(tok, depth)
                if person is not None:
                    found = (person, Resolution.PREVIOUS_SUBJECT)
        self._pronouns[tok.i] = found
        return found

    def _clause_subject(self, tok: Token) -> Span | None:
        """The person subject of a clause above the pronoun ("Putin said he would ...")."""
        node = tok
        while node.head.i != node.i:
            node = node.head
            for child in node.children:
                if child.dep == nsubj and child.i < tok.i:
                    person = self.descriptions.as_person(child)
                    if person is not None and self.names.agrees(tok, person):
                        if self.names.gender(person) is None:
                            # "Tom Diaz described Maria Okafor as a “menace”
                            # after she mocked ...": a subject of unknown gender gives
                            # way to a person of the pronoun's gender named after it.
                            other = self._gendered_between(person.end, tok)
                            if other is not None:
                                return self.name_of(other)
                        return self.name_of(person)
        return None

    def _gendered_between(self, start: int, tok: Token) -> Span | None:
        """The one person of the pronoun's gender (known, not guessed) named from token
        ``start`` up to the pronoun."""
        gender = PRONOUN_GENDER.get(tok.lower_)
        found: list[Span] = []
        for other in self.doc[start : tok.i]:
            if other.ent_type_ != "PERSON" or other.ent_iob_ != "B":
                continue
            person = self.descriptions.as_person(other)
            if person is not None and self.names.gender(person) == gender:
                found.append(person)
        return found[0] if len(found) == 1 else None

    def window_start(self, tok: Token) -> int:
        """The first token of the sentences a pronoun's antecedent is looked for in."""
        k = max(0, bisect.bisect_right(self._sentence_starts, tok.i) - 1)
        return self._sentence_starts[max(0, k - _WINDOW_SENTENCES)]

    def subjects_before(
        self,
        tok: Token,
        limit: int,
        *,
        sentences: int,
        skip_own: bool = False,
        main_first: bool = False,
    ) -> Iterator[Token]:
        """The subjects a mention may refer back to, nearest sentence first.

        Its own sentence's subjects before token ``limit`` (nearest first; none with
        ``skip_own``), then the main-clause subjects of up to ``sentences - 1`` sentences
        before it, in this paragraph or the one before, never inside quotation marks.
        With ``main_first`` an earlier sentence's subjects come in text order (its main
        subject first), else nearest first.
        """
        names = self.names
        floor = names.previous_paragraph_start(tok.idx)
        current: Span | None = tok.sent
        for n in range(sentences):
            if current is None or current.end_char <= floor:
                return
            if not (n == 0 and skip_own):
                subjects = [
                    t
                    for t in current
                    if t.dep in _SUBJECT_DEPS
                    and t.i < limit
                    and (n == 0 or t.head.dep in (ROOT, conj))
                    and not names.in_quote(t.idx)
                ]
                subjects.sort(key=lambda t: t.i if main_first and n > 0 else -t.i)
                yield from subjects
            current = self.doc[current.start - 1].sent if current.start > 0 else None

    def _previous_subject(self, tok: Token, depth: int) -> Span | None:
        """The nearest person subject before the pronoun, this paragraph or the one before."""
        for subject in self.subjects_before(tok, tok.i, sentences=7, main_first=True):
            if subject.lower_ in THIRD_PERSON_SINGULAR:
                if PRONOUN_GENDER.get(subject.lower_) != PRONOUN_GENDER.get(tok.lower_):
                    continue
                chained = self.pronoun_antecedent(subject, depth + 1)
                if chained is not None:
                    return chained[0]
                continue
            person = self.descriptions.as_person(subject)
            if person is not None and self.names.agrees(tok, person):
                return self.name_of(person)
        return None

    def previous_group(self, tok: Token, depth: int = 0) -> Token | None:
        """The subject "they" or "it" refers to: the nearest earlier subject that agrees.

        "they" takes a plural subject (a plural noun, or names joined by "and"); "it" an
        organisation or a singular thing that is no person ("the report", "the city").
        """
        plural = tok.lower_ in PLURAL_PRONOUNS
        # "The rebate, it says, would come to $45": a parenthetical "it says" reports its own
        # sentence, whose subject is what was said, not who said it.
        parenthetical = tok.i > 0 and tok.doc[tok.i - 1].text == ","
        for subject in self.subjects_before(tok, tok.i, sentences=4, skip_own=parenthetical):
            if subject.lower_ == tok.lower_ and subject.i != tok.i and depth < 3:
                chained = self.previous_group(subject, depth + 1)
                if chained is not None:
                    return chained
                continue
            if self._agrees_in_number(subject, plural):
                return subject
        return None

    def _agrees_in_number(self, subject: Token, plural: bool) -> bool:
        if subject.pos_ == "PRON" or subject.lower_ in RELATIVE_PRONOUNS:
            return False
        coordinated = any(c.dep == conj for c in subject.children)
        if plural:
            return subject.tag_ in ("NNS", "NNPS") or coordinated
        if coordinated or subject.tag_ in ("NNS", "NNPS"):
            return False
        if subject.ent_type_ in COLLECTIVE_LABELS:
            return True
        if subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN":
            return False
        return subject.pos_ == "NOUN" and subject.lemma_.lower() not in self.names.roles.person

    def only_candidate(self, tok: Token) -> Span | None:
        """The one person of the pronoun's gender named in the window before it."""
        if tok.lower_ not in THIRD_PERSON_SINGULAR:
            return None
        start = self.doc[self.window_start(tok)].idx
        people = self.names.people_between(start, tok.idx, tok)
        distinct = {entry.key: pos for pos, entry in people}
        if len(distinct) != 1:
            return None
        pos = next(iter(distinct.values()))
        return self.doc.char_span(pos, pos + 1, alignment_mode="expand")

    def nearest_person(self, tok: Token) -> Span | None:
        """The last person of the pronoun's gender named before it, this paragraph or the last."""
        if tok.lower_ not in THIRD_PERSON_SINGULAR:
            return None
        floor = self.names.previous_paragraph_start(tok.idx)
        people = self.names.people_between(floor, tok.idx, tok)
        if not people:
            return None
        pos = people[-1][0]
        return self.doc.char_span(pos, pos + 1, alignment_mode="expand")

    def name_of(self, person: Span) -> Span:
        """A name mention for a person mention (a matched description gives its name)."""
        return self.descriptions.name_for(person.root) or person


class QuotedPeople:
    """The speakers of quotes who are named people, by gender and in the order of the text,
    for :meth:`SpeakerSieve.previous_speaker` (sorting every quote for each "he" or "she"
    made an article of many quotes quadratic).

    ``earlier`` holds where each quote starts in the article and its speaker; ``offset``
    is where the doc's text starts in the article.
    """

    def __init__(
        self, earlier: Sequence[tuple[int, Speaker]], names: ArticleNames, offset: int
    ) -> None:
        self._by_gender: dict[str | None, list[tuple[int, int, Speaker]]] = {}
        for order, (start, other) in enumerate(earlier):
            if other.resolution.named and other.label == "PERSON":
                gender = names.gender_of_text(other.name)
                self._by_gender.setdefault(gender, []).append((start - offset, order, other))
        self._starts: dict[str | None, list[int]] = {}
        for gender, people in self._by_gender.items():
            people.sort(key=lambda p: (p[0], p[1]))
            self._starts[gender] = [start for start, _, _ in people]

    def last_before(self, at: int, gender: str) -> tuple[int, Speaker] | None:
        """(where it starts, its speaker) of the last quote before ``at`` whose speaker is a
        person of ``gender`` (of two at one place, the first given), or None."""
        starts = self._starts.get(gender, [])
        i = bisect.bisect_left(starts, at) - 1
        if i < 0:
            return None
        first = bisect.bisect_left(starts, starts[i])  # the first given at that place
        start, _, speaker = self._by_gender[gender][first]
        return start, speaker


# -- the rules ------------------------------------------------------------------------------


def _named(sieve: SpeakerSieve, person: Span | None, m: Mention, how: Resolution) -> Speaker | None:
    """The speaker ``person`` names, written as the mention, or None without a person."""
    return None if person is None else sieve.named(person, m.written, how)


def _structural(sieve: SpeakerSieve, m: Mention, how: Resolution) -> Speaker | None:
    """A pronoun's antecedent, when the structural rule that found it is ``how``."""
    found = sieve.antecedents.pronoun_antecedent(m.token)
    if found is None or found[1] is not how:
        return None
    return sieve.named(found[0], m.written, how)


def relative(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """ "who" or "which": the noun the relative clause hangs on ("Kim, who said ...")."""
    tok = m.token
    if tok.lower_ not in RELATIVE_PRONOUNS or m.kind != "pronoun":
        return None
    clause = tok.head
    if clause.dep != relcl or clause.head.i == tok.i:
        return None
    return sieve.resolve_head(clause.head, m.written, Resolution.RELATIVE)


def author(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """ "I" outside quotation marks: the writer, where the article names one (a byline,
    "Jane Smith is a professor ..." at its end, or a reader's signature under a letter)."""
    if m.kind != "pronoun" or m.token.lower_ not in FIRST_PERSON_SINGULAR:
        return None
    entry = signature_after(sieve.names, m.written.end_char) or sieve.writer
    if entry is None:
        return None
    return sieve.from_entry(entry, m.written, Resolution.AUTHOR)


def clause_subject(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """A pronoun in a clause whose subject is a person: "Putin said he would ..."."""
    if m.kind != "pronoun":
        return None
    return _structural(sieve, m, Resolution.CLAUSE_SUBJECT)


def previous_subject(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """A pronoun: the subject of the nearest sentence before it that agrees with it.

    "he" and "she" go to a person of their gender; "they" to a plural subject ("Officials
    met. They said ...") and "it" to an organisation or a thing that can speak ("The
    report was released. It says ...").
    """
    if m.kind != "pronoun":
        return None
    tok = m.token
    if tok.lower_ in PLURAL_PRONOUNS or tok.lower_ in NEUTER_PRONOUNS:
        subject = sieve.antecedents.previous_group(tok)
        if subject is None:
            return None
        return sieve.resolve_head(subject, m.written, Resolution.PREVIOUS_SUBJECT)
    return _structural(sieve, m, Resolution.PREVIOUS_SUBJECT)


def only_candidate(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """A pronoun with one person of its gender named in the sentences before it."""
    if m.kind != "pronoun":
        return None
    return _named(sieve, sieve.antecedents.only_candidate(m.token), m, Resolution.ONLY_CANDIDATE)


def coreference(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """The coreference model's antecedent, when it is the name of a compatible speaker."""
    if sieve.coreference is None or m.kind not in ("pronoun", "description"):
        return None
    tok = m.token
    # "they" and "it" are left to the subject rules: the model's antecedents for them were
    # right too rarely on PolNeAR's train split to pay for running it.
    if m.kind == "pronoun" and tok.lower_ not in THIRD_PERSON_SINGULAR:
        return None
    if m.kind == "description" and (tok.tag_ in ("NNS", "NNPS") or not definite_start(m.written)):
        return None
    for antecedent in sieve.coreference.antecedents(tok):
        if sieve.names.in_quote(antecedent.idx):
            continue
        named = sieve.descriptions.name_for(antecedent)
        if named is not None and _compatible(tok, named, sieve.names):
            return sieve.named(named, m.written, Resolution.COREFERENCE)
    return None


def nearest_person(sieve: SpeakerSieve, m: Mention) -> Speaker | None:
    """A pronoun: the nearest person of its gender named before it."""
    if m.kind != "pronoun":
        return None
    return _named(sieve, sieve.antecedents.nearest_person(m.token), m, Resolution.NEAREST_PERSON)


def _compatible(pronoun: Token, target: Span, names: ArticleNames) -> bool:
    """An antecedent the model found fits the pronoun: a person for "he", a group for "they"."""
    lower = pronoun.lower_
    entry = names.entry_for(target) if mention_kind(target) == "name" else None
    if lower in PRONOUN_GENDER:
        is_person = entry.is_person if entry is not None else target.root.ent_type_ == "PERSON"
        return is_person and names.agrees(pronoun, target)
    if lower in NEUTER_PRONOUNS:
        return entry is not None and not entry.is_person
    return True
