"""The speaker sieve: from a speaker mention to the canonical speaker.

The attribution rules (:mod:`quoteattr.attribution`, :mod:`quoteattr.indirect`) give
each quote the head token of its speaker mention. The sieve turns that mention into
the speaker as a person: the fullest name the article gives ("Trump", "he" and "the
Republican nominee" all become "Donald Trump"), or the unnamed source as the article
describes it ("officials").

It is an ordered list of small rules, :data:`SPEAKER_RULES`, in the manner of the
speaker sieve of CoreNLP's quote attributor (Muzny et al., 2017). Each rule looks at
the mention and either decides or passes; the first that decides wins, and
:attr:`~quoteattr.model.Speaker.resolution` records which rule it was. The rules run
from the surest to the least sure (``docs/accuracy.rst`` lists the precision of each,
measured on PolNeAR's train and dev splits):

1. ``explicit``: a name, in its fullest form in the article.
2. ``apposition``: a description with a name beside it ("her aide, Omar Reyes").
3. ``relative``: "who" or "which", resolved to the noun the clause hangs on.
4. ``author``: "I" outside quotation marks, the writer an opinion piece names.
5. ``clause_subject``: a pronoun inside a clause whose subject is a person
   ("Putin said he ...").
6. ``description``: "the Russian president", matched to the person the article gives
   that title or role.
7. ``previous_subject``: a pronoun, to the subject of a sentence just before it that
   agrees with it ("he" a person of that gender, "they" a plural, "it" a thing).
8. ``only_candidate``: a pronoun with one person of its gender named before it.
9. ``coreference``: the coreference model (coreferee), accepted only when it points to
   the name of a compatible person or organisation.
10. ``nearest_person``: a pronoun, to the nearest person of its gender named before.
11. ``unnamed``: a description kept as written; a pronoun left ``unresolved``.

Before the rules, a mention that can name nobody (a clitic, a dateline, a lone "some"
or "statement") is rejected: the quote keeps its cue but gets no speaker.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import attrs
from spacy.tokens import Span, Token

from .attribution import capitalised_word, doc_text
from .coref import DocCoreference
from .model import Resolution, Speaker
from .speakers import (
    PRONOUN_GENDER,
    ArticleNames,
    NameEntry,
    mention_kind,
    mention_span,
    role_of,
)
from .lexicon import load_word_classes

__all__ = ["SPEAKER_RULES", "SpeakerSieve", "Where", "is_speaker_mention"]


@attrs.frozen
class Where:
    """The article text and where the parsed doc's text starts in it."""

    text: str
    offset: int

    def text_of(self, span: Span) -> str:
        """The article's own text of a doc span (the parser may have seen a cleaned copy)."""
        return self.text[span.start_char + self.offset : span.end_char + self.offset]


@attrs.frozen
class Mention:
    """What the sieve's rules look at: one speaker mention."""

    #: The speaker's head token.
    token: Token
    #: The mention as written ("the Russian president", "he", "Putin").
    written: Span
    #: ``name``, ``pronoun``, ``description`` or ``other`` (:func:`mention_kind`).
    kind: str


_THIRD_PERSON_SINGULAR = frozenset(["he", "him", "his", "she", "her", "hers"])
_PLURAL_PRONOUNS = frozenset(["they", "them", "their"])
_NEUTER_PRONOUNS = frozenset(["it", "its"])
_RELATIVE_PRONOUNS = frozenset(["who", "which", "that", "whom", "whose"])
_FIRST_PERSON = frozenset(["i", "me", "my"])
#: Nouns that news uses for the same thing in turn ("a fresh poll ... the survey").
_SAME_THING = {
    word: group
    for group in (
        frozenset(["poll", "survey"]),
        frozenset(["report", "study", "analysis", "paper"]),
        frozenset(["ad", "advertisement", "spot", "commercial", "video", "clip"]),
        frozenset(["letter", "memo", "note"]),
    )
    for word in group
}
#: Capitalised words in a description that do not tell people apart.
_NEUTRAL_PROPER = frozenset(
    [
        "former",
        "u.s.",
        "us",
        "american",
        "republican",
        "democratic",
        "gop",
        "presidential",
        "new",
        "top",
        "then",
        "current",
        "senior",
    ]
)
#: How many sentences back a pronoun's antecedent is looked for.
_WINDOW_SENTENCES = 8
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]*\.?(?:\s+\d{1,2})?)?\s*"
    r"(?:\([^()\n]{1,40}\))?\s*[-—–]{1,2}\s"
)


def _non_speakers() -> Dict[str, frozenset[str]]:
    classes = load_word_classes("speaker_words.txt")
    return {name: classes.words(name) for name in ("quantifier", "utterance", "clitic")}


def is_speaker_mention(mention: Span) -> bool:
    """False for a mention that can name nobody: a clitic, a lone quantifier, a dateline.

    "n’t", "Some", "another", "the statement" (with no one's statement it is), and
    the place of a dateline ("LONDON, Nov 27 (Reuters) -") are never speakers.
    """
    words = _non_speakers()
    tokens = [t for t in mention if not (t.is_punct or t.is_space)]
    if not tokens or not any(c.isalpha() for t in tokens for c in t.text):
        return False
    root = mention.root
    if len(tokens) == 1 and root.lower_ in _RELATIVE_PRONOUNS and root.head.dep_ == "relcl":
        return True  # "the department, which reported ...": the relative rule resolves it
    # "Many of the delegates", and "someone in the audience": not a lone quantifier.
    partitive = any(c.dep_ == "prep" for c in root.children if c.i < mention.end)
    # An adjective with a determiner is used as a noun: "the polling average".
    nominal = root.pos_ == "ADJ" and any(c.dep_ == "det" for c in root.children)
    if not tokens[0].text[:1].isalnum() or (
        root.pos_ in ("ADP", "CCONJ", "SCONJ", "PART", "DET", "ADV", "AUX", "SYM", "ADJ")
        and not root.ent_type_
        and not partitive
        and not nominal
        and not (len(tokens) == 1 and capitalised_word(root))
    ):
        return False  # "Of", "—and": a preposition or a conjunction the parse made a subject
    if len(tokens) == 1 and (
        tokens[0].lower_ in words["clitic"]
        or (tokens[0].lower_ in words["quantifier"] and not partitive)
    ):
        return False  # "Some chanted", but "Many of the delegates believe"
    if (
        root.lemma_.lower() in words["utterance"]
        and root.pos_ == "NOUN"
        and not any(c.dep_ == "poss" for c in root.children)
    ):
        return False
    return not _in_dateline(mention)


def _in_dateline(mention: Span) -> bool:
    doc = mention.doc
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, mention.start_char) + 1
    match = _DATELINE.match(text, line_start)
    return match is not None and mention.start_char < match.end()


# -- the sieve ----------------------------------------------------------------------------


class _QuotedPeople:
    """The speakers of quotes who are named people, by gender and in the order of the text,
    for :meth:`SpeakerSieve.previous_speaker` (sorting every quote for each "he" or "she"
    made an article of many quotes quadratic).

    ``earlier`` holds where each quote starts in the article and its speaker; ``offset``
    is where the doc's text starts in the article.
    """

    def __init__(
        self, earlier: Sequence[Tuple[int, Speaker]], names: ArticleNames, offset: int
    ) -> None:
        self._by_gender: Dict[Optional[str], List[Tuple[int, int, Speaker]]] = {}
        for order, (start, other) in enumerate(earlier):
            if other.resolution.named and other.label == "PERSON":
                gender = names.gender_of_text(other.name)
                self._by_gender.setdefault(gender, []).append((start - offset, order, other))
        self._starts: Dict[Optional[str], List[int]] = {}
        for gender, people in self._by_gender.items():
            people.sort(key=lambda p: (p[0], p[1]))
            self._starts[gender] = [start for start, _, _ in people]

    def last_before(self, at: int, gender: str) -> Optional[Tuple[int, Speaker]]:
        """(where it starts, its speaker) of the last quote before ``at`` whose speaker is a
        person of ``gender`` (of two at one place, the first given), or None."""
        starts = self._starts.get(gender, [])
        i = bisect.bisect_left(starts, at) - 1
        if i < 0:
            return None
        first = bisect.bisect_left(starts, starts[i])  # the first given at that place
        start, _, speaker = self._by_gender[gender][first]
        return start, speaker


class SpeakerSieve:
    """Resolves the speaker mentions of one parsed document (or one chunk of an article).

    ``names`` are the article's names; ``coreference``, when given, the coreference
    model's view of the document; ``where`` maps the doc's offsets to the article's.
    """

    def __init__(
        self,
        names: ArticleNames,
        coreference: Optional[DocCoreference],
        where: Where,
        rules: Optional[Sequence[Rule]] = None,
    ) -> None:
        self.names = names
        self.doc = names.doc
        self.coreference = coreference
        self.where = where
        self.rules: Sequence[Rule] = SPEAKER_RULES if rules is None else rules
        self._sentence_starts = [s.start for s in self.doc.sents]
        self._pronouns: Dict[int, Optional[Tuple[Span, Resolution]]] = {}
        self._quoted: Optional[Tuple[Sequence[Tuple[int, Speaker]], _QuotedPeople]] = None

    def resolve(self, tok: Token) -> Optional[Speaker]:
        """The speaker a head token names, or None if the mention can name nobody."""
        written = mention_span(tok)
        if not is_speaker_mention(written):
            return self._issuer(tok, written)
        kind = mention_kind(written)
        if kind == "description" and self._capitalised_name(written):
            kind = "name"
        mention = Mention(tok, written, kind)
        for rule in self.rules:
            speaker = rule(self, mention)
            if speaker is not None:
                return speaker
        return self.unnamed(mention)

    def previous_speaker(
        self, speaker: Speaker, earlier: Sequence[Tuple[int, Speaker]]
    ) -> Optional[Speaker]:
        """An unresolved "he" or "she", given to the last person of its gender quoted
        before it in this paragraph or the two before (``earlier``: where each quote
        starts, and its speaker).

        The last resort for pronouns, after the rules that read the sentences: in a run
        of dialogue ("“Here he is,” she said"), the speaker goes on being quoted.
        """
        if speaker.resolution is not Resolution.UNRESOLVED or speaker.start is None:
            return None
        gender = PRONOUN_GENDER.get(speaker.mention.lower())
        if gender is None or speaker.mention.lower() not in _THIRD_PERSON_SINGULAR:
            return None
        names = self.names
        at = speaker.start - self.where.offset
        floor = names.previous_paragraph_start(names.previous_paragraph_start(at))
        # The last person quoted before it, of its gender: if a person of another gender
        # was quoted last, the walk back through the quotes goes on; it stops at the floor.
        found = self._quoted_people(earlier).last_before(at, gender)
        if found is None or found[0] < floor:
            return None
        return attrs.evolve(
            found[1],
            mention=speaker.mention,
            start=speaker.start,
            end=speaker.end,
            resolution=Resolution.PREVIOUS_SPEAKER,
        )

    def _quoted_people(self, earlier: Sequence[Tuple[int, Speaker]]) -> _QuotedPeople:
        """The named people of ``earlier`` by gender, worked out once for each list."""
        if self._quoted is None or self._quoted[0] is not earlier:
            self._quoted = (earlier, _QuotedPeople(earlier, self.names, self.where.offset))
        return self._quoted[1]

    def _issuer(self, tok: Token, written: Span) -> Optional[Speaker]:
        """ "Acme Corp. said in a statement ... “...,” the statement said": an utterance
        noun with no owner of its own speaks for whoever issued it in the sentences
        before (the subject of "said in a statement", "issued a statement"; "a statement
        from X", "X's statement"), or for nobody."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in _non_speakers()["utterance"]:
            return None
        sentence = tok.sent
        start = self.doc[max(0, sentence.start - 1)].sent.start if sentence.start else 0
        start = self.doc[max(0, start - 1)].sent.start if start else 0
        for other in reversed(self.doc[start : tok.i]):
            if (
                other.lemma_.lower() != lemma
                or other.pos_ != "NOUN"
                or self.names.in_quote(other.idx)
            ):
                continue
            owner = _owner_of(other)
            if owner is None or owner.i >= tok.i:
                continue
            # The owner stands before the noun, so this recursion always ends.
            speaker = self.resolve(owner)
            if speaker is None:
                return None
            resolution = speaker.resolution
            if resolution.named:
                resolution = Resolution.DESCRIPTION
            return attrs.evolve(
                speaker,
                mention=self.where.text_of(written),
                start=written.start_char + self.where.offset,
                end=written.end_char + self.where.offset,
                resolution=resolution,
            )
        return None

    def _capitalised_name(self, written: Span) -> bool:
        """A capitalised word the parser took for a common noun, which the article uses as a
        name ("Okafor often doubts ..." with "Okafor" tagged as a plural noun)."""
        return (
            len(written) == 1
            and written.text[:1].isupper()
            and self.names.entry_for(written) is not None
        )

    # -- building speakers ---------------------------------------------------------------
    def named(
        self,
        name_mention: Span,
        written: Span,
        resolution: Resolution,
        role: Optional[str] = None,
    ) -> Speaker:
        """A speaker named by ``name_mention`` and written as ``written``."""
        names = self.names
        entry = names.entry_for(name_mention)
        name, label = names.fullest_name(name_mention)
        role = role or role_of(name_mention) or (entry.role if entry is not None else None)
        return self._speaker(written, name, resolution, role=role, label=label)

    def from_entry(
        self, entry: NameEntry, written: Span, resolution: Resolution, role: Optional[str] = None
    ) -> Speaker:
        """A speaker named by an entry of the article's names (by its fullest form)."""
        entry = self.names.expand(entry)
        return self._speaker(
            written, entry.text, resolution, role=role or entry.role, label=entry.label
        )

    def _speaker(
        self,
        written: Span,
        name: str,
        resolution: Resolution,
        *,
        role: Optional[str] = None,
        label: Optional[str] = None,
    ) -> Speaker:
        where = self.where
        name = " ".join(name.replace("\u00a0", " ").split()).strip("-—–,;: \"'“”‘’") or name
        return Speaker(
            name=name,
            mention=where.text_of(written),
            start=written.start_char + where.offset,
            end=written.end_char + where.offset,
            resolution=resolution,
            role=role,
            label=label,
        )

    def unnamed(self, mention: Mention) -> Speaker:
        """The last step: a description kept as written, a pronoun left unresolved."""
        written = mention.written
        if mention.kind == "pronoun":
            return self._speaker(written, self.where.text_of(written), Resolution.UNRESOLVED)
        if mention.kind == "description":
            name = self._owned_description(written) or description_text(written)
            return self._speaker(
                written, name, Resolution.UNNAMED, label=written.root.ent_type_ or None
            )
        # A name-like word the article names nothing else by.
        return self._speaker(
            written, written.text, Resolution.EXPLICIT, label=written.root.ent_type_ or None
        )

    def _owned_description(self, written: Span) -> Optional[str]:
        """ "her campaign" → "Clinton campaign": an organisation of a resolved person."""
        root = written.root
        if root.lemma_.lower() not in self.names.roles.organization:
            return None
        owner = next((c for c in root.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
        if owner is None or owner.lower_ not in ("his", "her"):
            return None
        found = self.pronoun_antecedent(owner)
        if found is None:
            return None
        entry = self.names.entry_for(found[0])
        if entry is None:
            return None
        surname = entry.text.split()[-1]
        return f"{surname} {self.doc[root.i : written.end].text}"

    def jointly(self, written: Span, names: Sequence[Span], how: Resolution) -> Speaker:
        """Names that speak together, each in its fullest form: "Ann Lee and Tom Diaz"."""
        joined = " and ".join(self.names.fullest_name(n)[0] for n in names)
        return self._speaker(written, joined, how)

    def resolve_head(self, head: Token, written: Span, how: Resolution) -> Speaker:
        """The speaker a noun stands for, written as ``written`` (a relative pronoun)."""
        target = mention_span(head)
        kind = mention_kind(target)
        if kind == "name":
            others = [
                mention_span(c)
                for c in head.children
                if c.dep_ == "conj" and mention_kind(mention_span(c)) == "name"
            ]
            if others:  # "Diaz and Okafor ... they wrote"
                return self.jointly(written, [target, *others], how)
            return self.named(target, written, how)
        if kind == "description":
            name = appositive_name(head)
            if name is not None:
                return self.named(name, written, how)
            entry = self.names.resolve_description(target)
            if entry is not None:
                return self.from_entry(entry, written, how)
            return self._speaker(written, description_text(target), how)
        if kind == "pronoun" and head.i != written.root.i:
            found = self.pronoun_antecedent(head)
            if found is not None:
                return self.named(found[0], written, how)
        return self._speaker(written, self.where.text_of(written), Resolution.UNRESOLVED)

    # -- pronouns -------------------------------------------------------------------------
    def pronoun_antecedent(self, tok: Token, depth: int = 0) -> Optional[Tuple[Span, Resolution]]:
        """The person a third-person singular pronoun refers to, by the structural rules.

        Returns the name mention it resolves to and the rule that decided, or None.
        Pronoun subjects of earlier sentences are followed to their own antecedents
        ("Smith arrived. He sat down. “...,” he said.").
        """
        if tok.i in self._pronouns:
            return self._pronouns[tok.i]
        self._pronouns[tok.i] = None  # guards against cycles
        found: Optional[Tuple[Span, Resolution]] = None
        if tok.lower_ in _THIRD_PERSON_SINGULAR and depth <= 3:
            person = self._clause_subject(tok)
            if person is not None:
                found = (person, Resolution.CLAUSE_SUBJECT)
            else:
                person = self._previous_subject(tok, depth)
                if person is not None:
                    found = (person, Resolution.PREVIOUS_SUBJECT)
        self._pronouns[tok.i] = found
        return found

    def _clause_subject(self, tok: Token) -> Optional[Span]:
        """The person subject of a clause above the pronoun ("Putin said he would ...")."""
        node = tok
        while node.head.i != node.i:
            node = node.head
            for child in node.children:
                if child.dep_ == "nsubj" and child.i < tok.i:
                    person = self.names.as_person(child)
                    if person is not None and self.names.agrees(tok, person):
                        if self.names.gender(person) is None:
                            # "Tom Diaz described Maria Okafor as a “menace”
                            # after she mocked ...": a subject of unknown gender gives
                            # way to a person of the pronoun's gender named after it.
                            other = self._gendered_between(person.end, tok)
                            if other is not None:
                                return self._name_of(other)
                        return self._name_of(person)
        return None

    def _gendered_between(self, start: int, tok: Token) -> Optional[Span]:
        """The one person of the pronoun's gender (known, not guessed) named from token
        ``start`` up to the pronoun."""
        gender = PRONOUN_GENDER.get(tok.lower_)
        found: List[Span] = []
        for other in self.doc[start : tok.i]:
            if other.ent_type_ != "PERSON" or other.ent_iob_ != "B":
                continue
            person = self.names.as_person(other)
            if person is not None and self.names.gender(person) == gender:
                found.append(person)
        return found[0] if len(found) == 1 else None

    def _window_start(self, tok: Token) -> int:
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
        current: Optional[Span] = tok.sent
        for n in range(sentences):
            if current is None or current.end_char <= floor:
                return
            if not (n == 0 and skip_own):
                subjects = [
                    t
                    for t in current
                    if t.dep_ in ("nsubj", "nsubjpass")
                    and t.i < limit
                    and (n == 0 or t.head.dep_ in ("ROOT", "conj"))
                    and not names.in_quote(t.idx)
                ]
                subjects.sort(key=lambda t: t.i if main_first and n > 0 else -t.i)
                yield from subjects
            current = self.doc[current.start - 1].sent if current.start > 0 else None

    def _previous_subject(self, tok: Token, depth: int) -> Optional[Span]:
        """The nearest person subject before the pronoun, this paragraph or the one before."""
        names = self.names
        for subject in self.subjects_before(tok, tok.i, sentences=7, main_first=True):
            if subject.lower_ in _THIRD_PERSON_SINGULAR:
                if PRONOUN_GENDER.get(subject.lower_) != PRONOUN_GENDER.get(tok.lower_):
                    continue
                chained = self.pronoun_antecedent(subject, depth + 1)
                if chained is not None:
                    return chained[0]
                continue
            person = names.as_person(subject)
            if person is not None and names.agrees(tok, person):
                return self._name_of(person)
        return None

    def previous_group(self, tok: Token, depth: int = 0) -> Optional[Token]:
        """The subject "they" or "it" refers to: the nearest earlier subject that agrees.

        "they" takes a plural subject (a plural noun, or names joined by "and"); "it" an
        organisation or a singular thing that is no person ("the report", "the city").
        """
        plural = tok.lower_ in _PLURAL_PRONOUNS
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
        if subject.pos_ == "PRON" or subject.lower_ in _RELATIVE_PRONOUNS:
            return False
        roles = self.names.roles
        coordinated = any(c.dep_ == "conj" for c in subject.children)
        if plural:
            return subject.tag_ in ("NNS", "NNPS") or coordinated
        if coordinated or subject.tag_ in ("NNS", "NNPS"):
            return False
        if subject.ent_type_ in ("ORG", "GPE", "NORP"):
            return True
        if subject.ent_type_ == "PERSON" or subject.pos_ == "PROPN":
            return False
        return subject.pos_ == "NOUN" and subject.lemma_.lower() not in roles.person

    def previous_person_subject(self, tok: Token, written: Span) -> Optional[Span]:
        """The nearest person subject before a description, whose roles do not contradict it."""
        names = self.names
        proper = _proper_words(written)
        for subject in self.subjects_before(tok, written.start, sentences=4):
            if subject.lower_ in _THIRD_PERSON_SINGULAR:
                chained = self.pronoun_antecedent(subject)
                person = chained[0] if chained is not None else None
            else:
                person = names.as_person(subject)
                person = self._name_of(person) if person is not None else None
            if person is None:
                continue
            entry = names.entry_for(person)
            if entry is not None and names.contradicts(entry, proper - _NEUTRAL_PROPER):
                return None  # "the Vermont senator" is not the senator from South Carolina
            gender = role_gender(tok.lower_)
            if gender is not None and names.gender(person) not in (None, gender):
                continue  # "the businessman" is not the woman named before
            return person
        return None

    def earlier_mention_of(self, tok: Token) -> Optional[Span]:
        """An earlier, fuller noun phrase with the same head noun as ``tok`` ("a new study")."""
        lemma = tok.lemma_.lower()
        same = _SAME_THING.get(lemma, frozenset([lemma]))
        start = self.doc[self._window_start(tok)].i
        best: Optional[Span] = None
        for other in self.doc[start : tok.i]:
            if (
                other.lemma_.lower() not in same
                or other.pos_ != "NOUN"
                or self.names.in_quote(other.idx)
            ):
                continue
            phrase = mention_span(other)
            if len(phrase) > 2 or phrase[0].lower_ in ("a", "an"):
                best = best or phrase
        return best

    def only_candidate(self, tok: Token) -> Optional[Span]:
        """The one person of the pronoun's gender named in the window before it."""
        if tok.lower_ not in _THIRD_PERSON_SINGULAR:
            return None
        start = self.doc[self._window_start(tok)].idx
        people = self.names.people_between(start, tok.idx, tok)
        distinct = {entry.key: pos for pos, entry in people}
        if len(distinct) != 1:
            return None
        pos = next(iter(distinct.values()))
        return self.doc.char_span(pos, pos + 1, alignment_mode="expand")

    def nearest_person(self, tok: Token) -> Optional[Span]:
        """The last person of the pronoun's gender named before it, this paragraph or the last."""
        if tok.lower_ not in _THIRD_PERSON_SINGULAR:
            return None
        floor = self.names.previous_paragraph_start(tok.idx)
        people = self.names.people_between(floor, tok.idx, tok)
        if not people:
            return None
        pos = people[-1][0]
        return self.doc.char_span(pos, pos + 1, alignment_mode="expand")

    def _name_of(self, person: Span) -> Span:
        """A name mention for a person mention (a matched description gives its name)."""
        return name_for(person.root, self.names) or person


# -- helpers shared by the rules ----------------------------------------------------------


def description_text(mention: Span) -> str:
    """A description without its leading article: "the Russian president" → "Russian president"."""
    tokens = [t for t in mention if not (t.is_space or _is_quote_char(t.text))]
    while tokens and tokens[0].dep_ == "det" and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    if not tokens:
        return mention.text
    # Quotation marks around a name inside it go: "the “Never Trump” movement".
    return "".join(t.text_with_ws for t in tokens).strip()


def _owner_of(noun: Token) -> Optional[Token]:
    """Who issued an utterance noun: its possessor, "from"/"by" X, or the subject of the
    verb it completes ("said in a statement", "issued a statement")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "through"):
        head = head.head
    elif noun.dep_ not in ("dobj", "obj"):
        return None
    if head.pos_ not in ("VERB", "AUX"):
        return None
    for child in head.children:
        if child.dep_ == "nsubj":
            return child
    return None


def _is_quote_char(text: str) -> bool:
    return bool(text) and all(c in "“”„‟\"'‘’«»`" for c in text)


def appositive_name(tok: Token) -> Optional[Span]:
    """A name beside a description: "Russia’s president, Vladimir Putin", "news agency Reuters".

    The description may stand in apposition to the name too: "Nina Holm, a veteran reporter".
    """
    if tok.dep_ == "appos" and tok.head.i < tok.i:
        mention = mention_span(tok.head)
        if mention_kind(mention) == "name":
            return mention
    for child in tok.rights:
        if child.dep_ == "appos":
            mention = mention_span(child)
            if mention_kind(mention) == "name":
                return mention
    doc = tok.doc
    if tok.i + 1 < len(doc):
        following = doc[tok.i + 1]
        if (
            following.pos_ == "PROPN"
            and following.ent_type_ in ("PERSON", "ORG")
            and tok.whitespace_ != ""
        ):
            mention = mention_span(following)
            if mention_kind(mention) == "name" and mention.start == tok.i + 1:
                return mention
    return None


def name_for(tok: Token, names: ArticleNames) -> Optional[Span]:
    """The name mention an antecedent token stands for (a description is matched to a name)."""
    mention = mention_span(tok)
    kind = mention_kind(mention)
    if kind == "name":
        return mention
    if kind == "description":
        appos = appositive_name(mention.root)
        if appos is not None:
            return appos
        entry = names.resolve_description(mention)
        if entry is not None:
            doc = tok.doc
            for pos in entry.positions:
                span = doc.char_span(pos, pos + len(entry.text), alignment_mode="expand")
                if span is not None:
                    return span
    return None


def _compatible(pronoun: Token, target: Span, names: ArticleNames) -> bool:
    """An antecedent the model found fits the pronoun: a person for "he", a group for "they"."""
    lower = pronoun.lower_
    entry = names.entry_for(target) if mention_kind(target) == "name" else None
    if lower in PRONOUN_GENDER:
        is_person = entry.is_person if entry is not None else target.root.ent_type_ == "PERSON"
        return is_person and names.agrees(pronoun, target)
    if lower in _NEUTER_PRONOUNS:
        return entry is not None and not entry.is_person
    return True


# -- the rules ------------------------------------------------------------------------------

Rule = Callable[[SpeakerSieve, Mention], Optional[Speaker]]


def explicit(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """A name: its fullest form in the article ("Putin" → "Vladimir Putin"); names joined
    by "and" speak together ("Lee and Okafor said": "Ann Lee and Maria Okafor")."""
    if m.kind != "name":
        return None
    others = _coordinated_names(m)
    if others:
        written = m.token.doc[m.written.start : others[-1].end]
        return sieve.jointly(written, [m.written, *others], Resolution.EXPLICIT)
    return sieve.named(m.written, m.written, Resolution.EXPLICIT)


def _coordinated_names(m: Mention) -> List[Span]:
    """The names joined to a name mention by "and" or commas, right after it, or []."""
    others = [
        mention_span(c)
        for c in m.token.children
        if c.dep_ == "conj" and c.i > m.token.i and c.pos_ == "PROPN"
    ]
    if not others or any(mention_kind(o) != "name" for o in others):
        return []
    inside = {t.i for o in others for t in o}
    between = m.token.doc[m.written.end : others[-1].end]
    if any(t.i not in inside and t.dep_ not in ("cc", "punct") for t in between):
        return []
    return others


def apposition(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """A description with a name beside it: "her aide, Omar Reyes"."""
    if m.kind != "description":
        return None
    name = appositive_name(m.written.root)
    if name is None:
        return None
    return sieve.named(name, m.written, Resolution.APPOSITION, role=description_text(m.written))


def relative(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """ "who" or "which": the noun the relative clause hangs on ("Kim, who said ...")."""
    tok = m.token
    if tok.lower_ not in _RELATIVE_PRONOUNS or m.kind != "pronoun":
        return None
    clause = tok.head
    if clause.dep_ != "relcl" or clause.head.i == tok.i:
        return None
    return sieve.resolve_head(clause.head, m.written, Resolution.RELATIVE)


def author(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """ "I" outside quotation marks: the writer, where the article names one (a byline,
    "Jane Smith is a professor ..." at its end, or a reader's signature under a letter)."""
    if m.kind != "pronoun" or m.token.lower_ not in _FIRST_PERSON:
        return None
    entry = sieve.names.signature_after(m.written.end_char) or sieve.names.author()
    if entry is None:
        return None
    return sieve.from_entry(entry, m.written, Resolution.AUTHOR)


def clause_subject(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """A pronoun in a clause whose subject is a person: "Putin said he would ..."."""
    if m.kind != "pronoun":
        return None
    found = sieve.pronoun_antecedent(m.token)
    if found is None or found[1] is not Resolution.CLAUSE_SUBJECT:
        return None
    return sieve.named(found[0], m.written, Resolution.CLAUSE_SUBJECT)


def description(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """ "the Russian president": the person the article gives that title or role."""
    if m.kind != "description":
        return None
    entry = sieve.names.resolve_description(m.written)
    if entry is None:
        return None
    return sieve.from_entry(
        entry, m.written, Resolution.DESCRIPTION, role=entry.role or description_text(m.written)
    )


def family(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """ "the Reyeses": the people of that surname the article names ("Omar Reyes and Lucia
    Reyes"), in the order it names them."""
    if m.kind not in ("description", "name"):
        return None
    root = m.written.root
    if (
        not any(c.dep_ == "det" and c.lower_ == "the" for c in root.children)
        or root.tag_ != "NNPS"
        or not root.text.endswith("s")
        or any(t.i != root.i and t.dep_ != "det" for t in m.written)
    ):
        return None
    surname = root.lower_[:-1] if not root.lower_.endswith("es") else root.lower_[:-2]
    members = sorted(
        (
            e
            for e in sieve.names.entries
            if e.is_person and len(e.key) > 1 and e.key[-1] in (surname, root.lower_[:-1])
        ),
        key=lambda e: min(e.positions, default=0),
    )
    if len(members) < 2:
        return None
    names = " and ".join(e.text for e in members)
    return sieve._speaker(m.written, names, Resolution.DESCRIPTION, role="family")


def _definite_role(sieve: SpeakerSieve, written: Span, determiners: Tuple[str, ...]) -> bool:
    """True for a singular description of a person's role that opens with one of
    ``determiners`` ("the Republican nominee")."""
    root = written.root
    return (
        root.tag_ not in ("NNS", "NNPS")
        and root.lemma_.lower() in sieve.names.roles.person
        and written[0].lower_ in determiners
    )


def _proper_words(written: Span) -> set[str]:
    """The capitalised modifiers of a description, its first word aside ("Vermont" in
    "the Vermont senator")."""
    root = written.root
    return {
        w.lower_ for w in written if w.i != root.i and w.text[:1].isupper() and w.i != written.start
    }


def salient_person(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """ "The Republican nominee said": a definite description of a person the article has
    not given that role, linked to the person the sentences before it are about (their
    subject), unless a place, party or nationality in it says otherwise."""
    if m.kind != "description":
        return None
    written = m.written
    root = written.root
    if not _definite_role(sieve, written, ("the", "this", "that")):
        return None
    person = sieve.previous_person_subject(root, written)
    if person is None:
        return None
    return sieve.named(person, written, Resolution.SALIENT_PERSON, role=description_text(written))


_FEMALE_ROLES = frozenset(["wife", "mother", "daughter", "sister", "widow", "girl", "lady"])
_MALE_ROLES = frozenset(["husband", "father", "son", "brother", "widower", "boy"])


def role_gender(noun: str) -> Optional[str]:
    """The gender a role noun gives ("spokeswoman": female, "businessman": male), or None."""
    if noun.endswith("woman") or noun in _FEMALE_ROLES:
        return "female"
    if noun.endswith("man") or noun in _MALE_ROLES:
        return "male"
    return None


def topic_person(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """ "The Vermont senator said", in a story about Sen. Tom Diaz: a definite description
    of a person's role, with no owner, linked to the one person the article is mostly
    about, unless a place in it says otherwise."""
    if m.kind != "description":
        return None
    written = m.written
    root = written.root
    if not _definite_role(sieve, written, ("the", "this")) or any(
        c.dep_ in ("poss", "prep") for c in root.children
    ):
        return None
    entry = sieve.names.topic_person(written.start_char, gender=role_gender(root.lower_))
    if entry is None:
        return None
    if sieve.names.contradicts(entry, _proper_words(written) - _NEUTRAL_PROPER):
        return None
    return sieve.from_entry(entry, written, Resolution.TOPIC_PERSON, role=description_text(written))


def earlier_description(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """ "the report", "the ad": the fuller description an earlier sentence gave the same
    thing ("a new study by two researchers ... The study found ...")."""
    if m.kind != "description" or not _definite_start(m.written):
        return None
    root = m.written.root
    if root.tag_ in ("NNS", "NNPS") or root.lemma_.lower() in sieve.names.roles.person:
        return None
    if any(
        t.pos_ == "PROPN" or t.ent_type_ or t.dep_ in ("prep", "acl", "relcl")
        for t in root.children
    ) or any(t.pos_ == "PROPN" for t in m.written if t.i < root.i):
        return None  # "The Acme/Civis poll", "the survey by ...": it says enough itself
    earlier = sieve.earlier_mention_of(root)
    if earlier is None:
        return None
    return sieve._speaker(m.written, description_text(earlier), Resolution.DESCRIPTION)


def previous_subject(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """A pronoun: the subject of the nearest sentence before it that agrees with it.

    "he" and "she" go to a person of their gender; "they" to a plural subject ("Officials
    met. They said ...") and "it" to an organisation or a thing that can speak ("The
    report was released. It says ...").
    """
    if m.kind != "pronoun":
        return None
    tok = m.token
    if tok.lower_ in _PLURAL_PRONOUNS or tok.lower_ in _NEUTER_PRONOUNS:
        subject = sieve.previous_group(tok)
        if subject is None:
            return None
        return sieve.resolve_head(subject, m.written, Resolution.PREVIOUS_SUBJECT)
    found = sieve.pronoun_antecedent(tok)
    if found is None or found[1] is not Resolution.PREVIOUS_SUBJECT:
        return None
    return sieve.named(found[0], m.written, Resolution.PREVIOUS_SUBJECT)


def only_candidate(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """A pronoun with one person of its gender named in the sentences before it."""
    if m.kind != "pronoun":
        return None
    person = sieve.only_candidate(m.token)
    if person is None:
        return None
    return sieve.named(person, m.written, Resolution.ONLY_CANDIDATE)


def coreference(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """The coreference model's antecedent, when it is the name of a compatible speaker."""
    if sieve.coreference is None or m.kind not in ("pronoun", "description"):
        return None
    tok = m.token
    # "they" and "it" are left to the subject rules: the model's antecedents for them were
    # right too rarely on PolNeAR's train split to pay for running it.
    if m.kind == "pronoun" and tok.lower_ not in _THIRD_PERSON_SINGULAR:
        return None
    if m.kind == "description" and (tok.tag_ in ("NNS", "NNPS") or not _definite_start(m.written)):
        return None
    for antecedent in sieve.coreference.antecedents(tok):
        if sieve.names.in_quote(antecedent.idx):
            continue
        named = name_for(antecedent, sieve.names)
        if named is not None and _compatible(tok, named, sieve.names):
            return sieve.named(named, m.written, Resolution.COREFERENCE)
    return None


def nearest_person(sieve: SpeakerSieve, m: Mention) -> Optional[Speaker]:
    """A pronoun: the nearest person of its gender named before it."""
    if m.kind != "pronoun":
        return None
    person = sieve.nearest_person(m.token)
    if person is None:
        return None
    return sieve.named(person, m.written, Resolution.NEAREST_PERSON)


def _definite_start(mention: Span) -> bool:
    first = mention[0]
    return first.lower_ in ("the", "this", "that") or first.dep_ == "poss"


#: The rules of the sieve, in the order they run.
SPEAKER_RULES: Tuple[Rule, ...] = (
    family,
    explicit,
    apposition,
    relative,
    author,
    clause_subject,
    description,
    previous_subject,
    salient_person,
    earlier_description,
    topic_person,
    only_candidate,
    coreference,
    nearest_person,
)


def rule_names() -> List[str]:
    """The names of the rules, in order (for documentation and reports)."""
    return [rule.__name__ for rule in SPEAKER_RULES]
