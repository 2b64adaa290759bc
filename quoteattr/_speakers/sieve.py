"""The speaker sieve: from a speaker mention to the canonical speaker.

The attribution rules (:mod:`quoteattr._rules.attribution`, :mod:`quoteattr._rules.indirect`) give
each quote the head token of its speaker mention. The sieve turns that mention into
the speaker as a person: the fullest name the article gives ("Trump", "he" and "the
Republican nominee" all become "Donald Trump"), or the unnamed source as the article
describes it ("officials").

It is an ordered list of small rules, :data:`SPEAKER_RULES`, in the manner of the
speaker sieve of CoreNLP's quote attributor (Muzny et al., 2017). Each rule looks at
the mention and either decides or passes; the first that decides wins, and
:attr:`~quoteattr.Speaker.resolution` records which rule it was. The rules run
from the surest to the least sure (``docs/accuracy.rst`` lists the precision of each,
measured on PolNeAR's train and dev splits):

1. ``family``: "the Reyeses", the people of that surname the article names.
2. ``explicit``: a name, in its fullest form in the article.
3. ``apposition``: a description with a name beside it ("her aide, Omar Reyes").
4. ``relative``: "who" or "which", resolved to the noun the clause hangs on.
5. ``author``: "I" outside quotation marks, the writer an opinion piece names.
6. ``clause_subject``: a pronoun inside a clause whose subject is a person
   ("Putin said he ...").
7. ``description``: "the Russian president", matched to the person the article gives
   that title or role.
8. ``previous_subject``: a pronoun, to the subject of a sentence just before it that
   agrees with it ("he" a person of that gender, "they" a plural, "it" a thing).
9. ``salient_person``: "the Republican nominee", to the person the sentences before it
   are about.
10. ``earlier_description``: "the report", to the fuller description an earlier
    sentence gave the same thing ("a new report by ...").
11. ``topic_person``: "the senator", to the one person the article is mostly about.
12. ``only_candidate``: a pronoun with one person of its gender named before it.
13. ``coreference``: the coreference model (coreferee), accepted only when it points to
    the name of a compatible person or organisation.
14. ``nearest_person``: a pronoun, to the nearest person of its gender named before.

When no rule decides, a description is kept as written (``unnamed``) and a pronoun is
left ``unresolved``.

Before the rules, a mention that can name nobody (a clitic, a dateline, a lone "some"
or "statement") is rejected: the quote keeps its cue but gets no speaker. The rules
themselves are in :mod:`quoteattr._speakers.sieve_names`, :mod:`quoteattr._speakers.sieve_pronouns` and
:mod:`quoteattr._speakers.sieve_descriptions`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Optional

import attrs
from spacy.tokens import Span, Token

from quoteattr._lexicon.words import PRONOUN_GENDER, THIRD_PERSON_SINGULAR
from quoteattr._parse.coref import DocCoreference
from quoteattr._parse.deps import conj, dobj, nsubj, obj, pobj, poss, prep
from quoteattr._quotes.model import Resolution, Speaker
from quoteattr._speakers.mentions import (
    appositive_name,
    description_text,
    is_speaker_mention,
    mention_kind,
    mention_span,
    non_speaker_words,
)
from quoteattr._speakers.names import NameEntry
from quoteattr._speakers.references import clean_name
from quoteattr._speakers.sieve_descriptions import (
    apposition,
    description,
    earlier_description,
    salient_person,
    topic_person,
)
from quoteattr._speakers.sieve_names import explicit, family
from quoteattr._speakers.sieve_pronouns import (
    Antecedents,
    QuotedPeople,
    author,
    clause_subject,
    coreference,
    nearest_person,
    only_candidate,
    previous_subject,
    relative,
)
from quoteattr._speakers.speakers import ArticleNames
from quoteattr._speakers.speakers_author import article_author
from quoteattr._speakers.speakers_descriptions import Descriptions
from quoteattr._speakers.speakers_roles import role_of

__all__ = [
    "SPEAKER_RULES",
    "Mention",
    "Rule",
    "SpeakerSieve",
    "Where",
    "is_speaker_mention",
    "rule_names",
]


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


class SpeakerSieve:
    """Resolves the speaker mentions of one parsed document (or one chunk of an article).

    ``names`` are the article's names; ``coreference``, when given, the coreference
    model's view of the document; ``where`` maps the doc's offsets to the article's.
    """

    def __init__(
        self,
        names: ArticleNames,
        coreference: DocCoreference | None,
        where: Where,
        rules: Sequence[Rule] | None = None,
    ) -> None:
        self.names = names
        self.doc = names.doc
        self.coreference = coreference
        self.where = where
        self.rules: Sequence[Rule] = SPEAKER_RULES if rules is None else rules
        #: The article's descriptions, matched to its names.
        self.descriptions = Descriptions(names)
        #: What the document's pronouns refer to.
        self.antecedents = Antecedents(names, self.descriptions)
        self._quoted: tuple[Sequence[tuple[int, Speaker]], QuotedPeople] | None = None

    def resolve(self, tok: Token) -> Speaker | None:
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

    @functools.cached_property
    def writer(self) -> NameEntry | None:
        """The article's writer, where it names one (worked out once)."""
        return article_author(self.names)

    def previous_speaker(
        self, speaker: Speaker, earlier: Sequence[tuple[int, Speaker]]
    ) -> Speaker | None:
        """An unresolved "he" or "she", given to the last person of its gender quoted
        before it in this paragraph or the two before (``earlier``: where each quote
        starts, and its speaker).

        The last resort for pronouns, after the rules that read the sentences: in a run
        of dialogue ("“Here he is,” she said"), the speaker goes on being quoted.
        """
        if speaker.resolution is not Resolution.UNRESOLVED or speaker.start is None:
            return None
        gender = PRONOUN_GENDER.get(speaker.mention.lower())
        if gender is None or speaker.mention.lower() not in THIRD_PERSON_SINGULAR:
            return None
        names = self.names
        at = speaker.start - self.where.offset
        floor = names.previous_paragraph_start(names.previous_paragraph_start(at))
        # The last person quoted before it, of its gender: if a person of another gender
        # was quoted last, the walk back through the quotes goes on; it stops at the floor.
        if self._quoted is None or self._quoted[0] is not earlier:
            self._quoted = (earlier, QuotedPeople(earlier, names, self.where.offset))
        found = self._quoted[1].last_before(at, gender)
        if found is None or found[0] < floor:
            return None
        return _moved(
            found[1], speaker.mention, speaker.start, speaker.end, Resolution.PREVIOUS_SPEAKER
        )

    def _issuer(self, tok: Token, written: Span) -> Speaker | None:
        """ "Acme Corp. said in a statement ... “...,” the statement said": an utterance
        noun with no owner of its own speaks for whoever issued it in the sentences
        before (the subject of "said in a statement", "issued a statement"; "a statement
        from X", "X's statement"), or for nobody."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or lemma not in non_speaker_words()["utterance"]:
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
            offset = self.where.offset
            return _moved(
                speaker,
                self.where.text_of(written),
                written.start_char + offset,
                written.end_char + offset,
                resolution,
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
        self, name_mention: Span, written: Span, resolution: Resolution, role: str | None = None
    ) -> Speaker:
        """A speaker named by ``name_mention`` and written as ``written``."""
        names = self.names
        entry = names.entry_for(name_mention)
        name, label = names.fullest_name(name_mention)
        role = role or role_of(name_mention) or (entry.role if entry is not None else None)
        return self.speaker(written, name, resolution, role=role, label=label)

    def from_entry(
        self, entry: NameEntry, written: Span, resolution: Resolution, role: str | None = None
    ) -> Speaker:
        """A speaker named by an entry of the article's names (by its fullest form)."""
        entry = self.names.expand(entry)
        return self.speaker(
            written, entry.text, resolution, role=role or entry.role, label=entry.label
        )

    def speaker(
        self,
        written: Span,
        name: str,
        resolution: Resolution,
        *,
        role: str | None = None,
        label: str | None = None,
    ) -> Speaker:
        """A speaker of this name, written as ``written`` (its text and offsets)."""
        where = self.where
        name = clean_name(name)
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
            return self.speaker(written, self.where.text_of(written), Resolution.UNRESOLVED)
        if mention.kind == "description":
            name = self._owned_description(written) or description_text(written)
            return self.speaker(
                written, name, Resolution.UNNAMED, label=written.root.ent_type_ or None
            )
        # A name-like word the article names nothing else by.
        return self.speaker(
            written, written.text, Resolution.EXPLICIT, label=written.root.ent_type_ or None
        )

    def _owned_description(self, written: Span) -> str | None:
        """ "her campaign" → "Clinton campaign": an organisation of a resolved person."""
        root = written.root
        if root.lemma_.lower() not in self.names.roles.organization:
            return None
        owner = next((c for c in root.children if c.dep == poss and c.pos_ == "PRON"), None)
        if owner is None or owner.lower_ not in ("his", "her"):
            return None
        found = self.antecedents.pronoun_antecedent(owner)
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
        return self.speaker(written, joined, how)

    def resolve_head(self, head: Token, written: Span, how: Resolution) -> Speaker:
        """The speaker a noun stands for, written as ``written`` (a relative pronoun)."""
        target = mention_span(head)
        kind = mention_kind(target)
        if kind == "name":
            others = [
                mention_span(c)
                for c in head.children
                if c.dep == conj and mention_kind(mention_span(c)) == "name"
            ]
            if others:  # "Diaz and Okafor ... they wrote"
                return self.jointly(written, [target, *others], how)
            return self.named(target, written, how)
        if kind == "description":
            name = appositive_name(head)
            if name is not None:
                return self.named(name, written, how)
            entry = self.descriptions.resolve(target)
            if entry is not None:
                return self.from_entry(entry, written, how)
            return self.speaker(written, description_text(target), how)
        if kind == "pronoun" and head.i != written.root.i:
            found = self.antecedents.pronoun_antecedent(head)
            if found is not None:
                return self.named(found[0], written, how)
        return self.speaker(written, self.where.text_of(written), Resolution.UNRESOLVED)


def _moved(
    speaker: Speaker, mention: str, start: int | None, end: int | None, how: Resolution
) -> Speaker:
    """``speaker`` as another mention names it (its text and offsets), found by ``how``."""
    return attrs.evolve(speaker, mention=mention, start=start, end=end, resolution=how)


def _owner_of(noun: Token) -> Token | None:
    """Who issued an utterance noun: its possessor, "from"/"by" X, or the subject of the
    verb it completes ("said in a statement", "issued a statement")."""
    for child in noun.children:
        if child.dep == poss:
            return child
        if child.dep == prep and child.lower_ in ("from", "by"):
            for grandchild in child.children:
                if grandchild.dep == pobj:
                    return grandchild
    head = noun.head
    if noun.dep == pobj and head.dep == prep and head.lower_ in ("in", "through"):
        head = head.head
    elif noun.dep not in (dobj, obj):
        return None
    if head.pos_ not in ("VERB", "AUX"):
        return None
    for child in head.children:
        if child.dep == nsubj:
            return child
    return None


#: A rule of the sieve: it names the speaker of a mention, or passes (None).
Rule = Callable[[SpeakerSieve, Mention], Optional[Speaker]]

#: The rules of the sieve, in the order they run.
SPEAKER_RULES: tuple[Rule, ...] = (
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


def rule_names() -> list[str]:
    """The names of the rules, in order (for documentation and reports)."""
    return [rule.__name__ for rule in SPEAKER_RULES]
