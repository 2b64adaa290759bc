"""Naming speakers: the mention in the text, its fullest name in the article, its role.

A speaker's head token (from :mod:`quoteattr.attribution`) becomes a mention span:
a named entity ("Kim Jong Un", "KCNA"), a pronoun ("he") or a description ("the
Russian president", "Ukraine’s foreign minister"). Names are given in their fullest
form in the article ("Putin" → "Vladimir Putin", "Kim" → "Kim Jong Un"), and titles
and appositions beside them become the speaker's role. Descriptions are matched to a
named person by the role words the article gives that person, and, when no
coreference model is at hand, a pronoun goes to the nearest earlier person the
sentence structure prefers (:meth:`ArticleNames.nearest_person`).
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

import attrs
from spacy.tokens import Doc, Span, Token

from .roles import load_roles

__all__ = [
    "ArticleNames",
    "NameEntry",
    "mention_kind",
    "mention_span",
    "name_key",
    "role_of",
]

PERSONAL_PRONOUNS = frozenset(
    [
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "hers",
        "herself",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "it",
        "its",
        "itself",
        "we",
        "us",
        "our",
        "ours",
        "ourselves",
        "i",
        "me",
        "my",
        "mine",
        "myself",
        "you",
        "your",
        "yours",
    ]
)
SINGULAR_PERSON_PRONOUNS = frozenset(
    ["he", "him", "his", "himself", "she", "her", "hers", "herself"]
)
PRONOUN_GENDER = {
    **{p: "male" for p in ("he", "him", "his", "himself")},
    **{p: "female" for p in ("she", "her", "hers", "herself")},
}
_GENDERED_TITLES = {
    **{t: "male" for t in ("mr", "sir", "lord", "king", "prince", "father", "brother")},
    **{t: "female" for t in ("mrs", "ms", "miss", "dame", "lady", "queen", "princess", "sister")},
}
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "LOC"})
_MODIFIER_DEPS = frozenset(
    {"det", "poss", "amod", "compound", "nmod", "nummod", "case", "quantmod"}
)
_KEY_SPLIT = re.compile(r"[\s\-‐‑–]+")


def name_key(text: str) -> Tuple[str, ...]:
    """Return the comparison key of a name: lower-case words, hyphens and dots ignored.

    >>> name_key("Kim Jong-un") == name_key("Kim Jong Un")
    True
    """
    text = text.replace("’s", "").replace("'s", "").replace(".", "")
    return tuple(w for w in _KEY_SPLIT.split(text.casefold()) if w)


# -- mentions ------------------------------------------------------------------------


def _entity_of(tok: Token) -> Optional[Span]:
    if not tok.ent_type_:
        return None
    doc = tok.doc
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _strip_possessive(span: Span) -> Span:
    end = span.end
    while end > span.start + 1 and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    start = span.start
    while start < end - 1 and span.doc[start].is_punct:
        start += 1
    return span.doc[start:end]


def mention_span(tok: Token) -> Span:
    """Return the mention a speaker's head token stands for.

    A token inside a named entity gives the entity (without a possessive "’s"), a
    pronoun gives itself, and a common noun gives its noun phrase up to the head
    (determiners, possessors, adjectives and compounds; no clauses or appositions).
    """
    doc = tok.doc
    ent = _entity_of(tok)
    if ent is not None and ent.label_ in NAME_LABELS:
        ent = _strip_possessive(ent)
        # "North Korea’s KCNA" tagged as one entity: the name is what follows the possessive.
        for inner in ent:
            if inner.tag_ == "POS" and inner.i < tok.i:
                ent = doc[inner.i + 1 : ent.end]
        return ent
    if tok.pos_ == "PRON":
        return doc[tok.i : tok.i + 1]
    start = tok.i
    if tok.pos_ == "PROPN":
        # A name written over several tokens: the proper-noun compounds before it.
        while start > 0 and (
            (doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in ("compound", "flat"))
            or (doc[start - 1].text in ("-", "‐") and start > 1 and doc[start - 2].pos_ == "PROPN")
        ):
            start -= 1
    else:
        for child in tok.lefts:
            if child.dep_ in _MODIFIER_DEPS or (child.dep_ == "punct" and child.text in ("-", "‐")):
                start = min(start, child.left_edge.i)
    end = tok.i + 1
    # A flat name written over several tokens ("Won-gon") continues to the right.
    while end < len(doc) and doc[end].head.i == tok.i and doc[end].dep_ in ("flat", "compound"):
        end += 1
    return _strip_possessive(doc[start:end])


def mention_kind(mention: Span) -> str:
    """Classify a mention: ``name``, ``pronoun``, ``description`` or ``other``."""
    root = mention.root
    if len(mention) == 1 and (root.pos_ == "PRON" or root.lower_ in PERSONAL_PRONOUNS):
        return "pronoun"
    if root.ent_type_ in NAME_LABELS or root.pos_ == "PROPN":
        return "name"
    if root.pos_ in ("NOUN",) or root.tag_.startswith("NN"):
        return "description"
    return "other"


def role_of(mention: Span) -> Optional[str]:
    """Return the title or role written beside a name mention, if any.

    "Russian President Vladimir Putin" gives "Russian President"; "Park Won-gon, a
    professor at Ewha Womans University" gives "a professor at Ewha Womans University".
    """
    doc = mention.doc
    root = mention.root
    parts: List[str] = []
    # Words before the name that modify it ("North Korean leader", "state media").
    left = mention.start
    for child in root.lefts:
        if child.i < mention.start and child.dep_ in _MODIFIER_DEPS:
            left = min(left, child.left_edge.i)
    before = doc[mention.start - 1] if mention.start > 0 else None
    if (
        left == mention.start
        and before is not None
        and before.dep_ == root.dep_
        and before.head.i == root.head.i
        and before.pos_ == "NOUN"
    ):
        # "state news agency KCNA hailed": the parse makes both subjects; one describes the other.
        left = before.left_edge.i
    while left < mention.start and doc[left].dep_ == "det":
        left += 1
    # A possessor alone is whose the speaker is, not what ("North Korea's KCNA").
    possessor = {t.i for child in root.lefts if child.dep_ == "poss" for t in child.subtree}
    if left < mention.start and not all(i in possessor for i in range(left, mention.start)):
        parts.append(doc[left : mention.start].text)
    titles = load_roles().titles
    inner = [t for t in mention if t.lower_.rstrip(".") in titles]
    if inner and inner[0].i == mention.start:
        end = mention.start
        while end < mention.end and doc[end].lower_.rstrip(".") in titles:
            end += 1
        parts.append(doc[mention.start : end].text)
    for child in root.rights:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON":
            appos = _strip_trailing_punct(doc[child.left_edge.i : child.right_edge.i + 1])
            if appos is not None:
                parts.append(appos.text)
            break
    text = ", ".join(p.strip(" ,") for p in parts if p.strip(" ,"))
    return text or None


def _strip_trailing_punct(span: Span) -> Optional[Span]:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


_NAME_PARTICLES = frozenset(
    [
        "de",
        "da",
        "das",
        "do",
        "dos",
        "du",
        "del",
        "della",
        "der",
        "den",
        "di",
        "van",
        "von",
        "ter",
        "ten",
        "bin",
        "ibn",
        "al",
        "el",
        "la",
        "le",
        "y",
        "zu",
    ]
)


def _looks_like_name(ent: Span) -> bool:
    """False for entities that are really headlines or phrases ("Kim Vows Full Support for Putin")."""
    words = [t for t in ent if t.is_alpha]
    if not words or len(words) > 6:
        return False

    def capitalised(t: Token) -> bool:
        after_hyphen = (
            t.i > 0 and t.doc[t.i - 1].text in ("-", "‐") and not t.doc[t.i - 1].whitespace_
        )
        return t.text[0].isupper() or t.lower_ in _NAME_PARTICLES or after_hyphen

    return (
        all(capitalised(t) for t in words)
        and not any(t.is_stop and not capitalised(t) for t in ent)
        and not any(t.pos_ == "VERB" for t in ent)
        and sum(1 for t in words if t.lower_ in _HEADLINE_WORDS) == 0
    )


_HEADLINE_WORDS = frozenset(
    [
        "for",
        "as",
        "to",
        "of",
        "and",
        "with",
        "after",
        "amid",
        "over",
        "on",
        "in",
        "at",
        "by",
        "from",
    ]
)


# -- the names of an article ----------------------------------------------------------


@attrs.frozen
class NameEntry:
    """One name as the article writes it, with where it occurs."""

    key: Tuple[str, ...]
    text: str
    label: str
    #: Character offsets of its occurrences.
    positions: Tuple[int, ...]
    #: Role words given beside it anywhere in the article (lower case).
    role_words: FrozenSet[str]
    #: The first role written beside it ("Russian President").
    role: Optional[str]


class ArticleNames:
    """The people and organisations named in one parsed article."""

    def __init__(
        self, doc: Doc, gender_of_name: Optional[Callable[[str], Optional[str]]] = None
    ) -> None:
        self.doc = doc
        self._text = doc.text  # Doc.text joins every token: build it once
        self.roles = load_roles()
        #: Says "male" or "female" for a first name used for one sex only (else None).
        self.gender_of_name = gender_of_name or (lambda name: None)
        self._nationalities: Optional[FrozenSet[str]] = None
        grouped: Dict[Tuple[str, Tuple[str, ...]], List[Span]] = {}
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG") or not _looks_like_name(ent):
                continue
            span = _strip_possessive(ent)
            key = self._strip_titles(name_key(span.text))
            if key:
                grouped.setdefault((ent.label_, key), []).append(span)
        self.entries: List[NameEntry] = []
        for (label, key), spans in grouped.items():
            words: set[str] = set()
            first_role: Optional[str] = None
            for span in spans:
                role = role_of(span)
                if role:
                    words.update(w for w in name_key(role))
                    first_role = first_role or role
            surface = self._surface(spans, key)
            self.entries.append(
                NameEntry(
                    key=key,
                    text=surface,
                    label=label,
                    positions=tuple(s.start_char for s in spans),
                    role_words=frozenset(words),
                    role=first_role,
                )
            )

    def _strip_titles(self, key: Tuple[str, ...]) -> Tuple[str, ...]:
        i = 0
        while i < len(key) - 1 and key[i] in self.roles.titles:
            i += 1
        return key[i:]

    def _surface(self, spans: Sequence[Span], key: Tuple[str, ...]) -> str:
        """The first occurrence's text without leading titles."""
        span = spans[0]
        drop = len(name_key(span.text)) - len(key)
        tokens = [t for t in span]
        while drop > 0 and tokens:
            removed = name_key(tokens[0].text)
            tokens = tokens[1:]
            drop -= max(1, len(removed))
        if not tokens:
            return span.text
        return self.doc[tokens[0].i : span.end].text

    # -- names -------------------------------------------------------------------------
    def _candidates(self, key: Tuple[str, ...], label: Optional[str]) -> List[NameEntry]:
        found = []
        for entry in self.entries:
            if label is not None and entry.label != label:
                continue
            if set(key) <= set(entry.key) and (key[0] == entry.key[0] or key[-1] == entry.key[-1]):
                found.append(entry)
        return found

    def entry_for(self, mention: Span, label: Optional[str] = None) -> Optional[NameEntry]:
        """Return the fullest name in the article for a name mention, or None."""
        key = self._strip_titles(name_key(mention.text))
        if not key:
            return None
        if label is None:
            label = mention.root.ent_type_ if mention.root.ent_type_ in ("PERSON", "ORG") else None
        candidates = self._candidates(key, label)
        if not candidates and label is None:
            candidates = self._candidates(key, None)
        if not candidates and label is not None:
            # spaCy's small model sometimes labels a person ORG; the key decides.
            candidates = self._candidates(key, None)
        if not candidates:
            return None
        longest = max(len(c.key) for c in candidates)
        best = [c for c in candidates if len(c.key) == longest]
        if len(best) == 1:
            return best[0]
        # Two different people share the short name: the one mentioned last before it.
        pos = mention.start_char

        def last_before(entry: NameEntry) -> int:
            before = [p for p in entry.positions if p <= pos]
            return max(before) if before else -1

        return max(best, key=lambda e: (last_before(e), len(e.positions)))

    def fullest_name(self, mention: Span) -> Tuple[str, Optional[str]]:
        """Return (fullest name, entity label) of a name mention."""
        entry = self.entry_for(mention)
        if entry is not None:
            return entry.text, entry.label
        label = mention.root.ent_type_ or None
        start = mention.start
        while (
            start < mention.end - 1 and mention.doc[start].lower_.rstrip(".") in self.roles.titles
        ):
            start += 1
        return mention.doc[start : mention.end].text, label

    # -- descriptions -----------------------------------------------------------------
    def resolve_description(self, mention: Span) -> Optional[NameEntry]:
        """Match a description ("the Russian president", "the agency") to a named entry."""
        head = mention.root.lemma_.lower()
        modifiers = {w for t in mention if t.i != mention.root.i for w in name_key(t.text)}
        modifiers -= {"the", "a", "an", "this", "that", "its", "his", "her", "their"}
        nationality = {
            w for t in mention if t.ent_type_ in ("NORP", "GPE") for w in name_key(t.text)
        }
        pos = mention.start_char
        if head in self.roles.person:
            label = "PERSON"
        elif head in self.roles.organization:
            label = "ORG"
        else:
            return None
        best: Optional[Tuple[Tuple[int, int], NameEntry]] = None
        for entry in self.entries:
            if entry.label != label:
                continue
            before = [p for p in entry.positions if p < pos]
            if not before:
                continue
            words = entry.role_words | set(entry.key)
            if (
                nationality
                and any(self._is_nationality(w) for w in entry.role_words)
                and not nationality & entry.role_words
            ):
                continue  # "the Russian leader" is not the North Korean leader
            score = (2 if head in words else 0) + len(modifiers & words)
            if label == "PERSON" and score < 2 and not (nationality and nationality & words):
                continue
            if label == "ORG" and score < 1:
                continue
            rank = (score, max(before))
            if best is None or rank > best[0]:
                best = (rank, entry)
        if best is None and label == "ORG":
            return self._last_entry_before(pos, "ORG", within=600)
        return best[1] if best else None

    def _is_nationality(self, word: str) -> bool:
        if self._nationalities is None:
            self._nationalities = frozenset(
                w for e in self.doc.ents if e.label_ in ("NORP", "GPE") for w in name_key(e.text)
            )
        return word in self._nationalities

    def _last_entry_before(self, pos: int, label: str, within: int) -> Optional[NameEntry]:
        best: Optional[Tuple[int, NameEntry]] = None
        for entry in self.entries:
            if entry.label != label:
                continue
            before = [p for p in entry.positions if pos - within <= p < pos]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), entry)
        return best[1] if best else None

    # -- pronouns without a coreference model ---------------------------------------------
    def nearest_person(
        self, tok: Token, paragraph_start: int, *, subjects_only: bool = False
    ) -> Optional[Span]:
        """Return the person a singular pronoun most likely refers to, by sentence structure.

        First the subject of a clause that governs the pronoun ("Putin ... expressed
        gratitude for what he described"), then the subjects of the sentences before
        it in the same paragraph (or the paragraph before), nearest first, then (unless
        ``subjects_only``) the last person named in those sentences. Persons whose
        known gender differs from the pronoun's are passed over.
        """
        if tok.lower_ not in SINGULAR_PERSON_PRONOUNS:
            return None
        # A clause above the pronoun whose subject is a person.
        node = tok
        while node.head.i != node.i:
            node = node.head
            for child in node.children:
                if child.dep_ == "nsubj" and child.i < tok.i and child.i != tok.i:
                    person = self._as_person(child)
                    if person is not None and self.agrees(tok, person):
                        return person
        sent = tok.sent
        floor = self._previous_paragraph_start(paragraph_start)
        current = sent
        for _ in range(6):
            start = current.start
            if start == 0:
                break
            current = self.doc[start - 1].sent
            if current.end_char <= floor:
                break
            subjects = [
                t
                for t in current
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("ROOT", "conj")
            ]
            for subject in subjects:
                person = self._as_person(subject)
                if person is not None and self.agrees(tok, person):
                    return person
            if subjects_only:
                continue
            for ent in reversed(current.ents):
                if ent.label_ == "PERSON" and _looks_like_name(ent):
                    person = _strip_possessive(ent)
                    if self.agrees(tok, person):
                        return person
        return None

    def people_before(self, start_char: int, pronoun: Token) -> Dict[str, Span]:
        """The persons named from ``start_char`` up to a pronoun who agree with it in gender.

        Keyed by fullest name ("Putin" and "Vladimir Putin" are one), each with its last
        mention there.
        """
        found: Dict[str, Tuple[int, Span]] = {}
        end_char = pronoun.idx
        for entry in self.entries:
            if entry.label != "PERSON":
                continue
            positions = entry.positions  # in the order of the text
            first = bisect.bisect_left(positions, start_char)
            for pos in positions[first : bisect.bisect_left(positions, end_char)]:
                span = self.doc.char_span(pos, pos + len(entry.text), alignment_mode="expand")
                if span is None or not self.agrees(pronoun, span):
                    continue
                full = self.entry_for(span, "PERSON") or entry
                if full.text not in found or found[full.text][0] < pos:
                    found[full.text] = (pos, span)
        return {name: span for name, (_, span) in found.items()}

    def gender(self, mention: Span) -> Optional[str]:
        """Return "male", "female" or None for a person mention, from titles and first names."""
        doc = mention.doc
        for tok in (doc[mention.start - 1] if mention.start > 0 else None, *mention):
            if tok is not None and tok.lower_.rstrip(".") in _GENDERED_TITLES:
                return _GENDERED_TITLES[tok.lower_.rstrip(".")]
        entry = self.entry_for(mention)
        key = entry.key if entry is not None else self._strip_titles(name_key(mention.text))
        # The first word before the surname that is a known first name ("Crooked Hillary Clinton").
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

    def _previous_paragraph_start(self, paragraph_start: int) -> int:
        text = self._text
        i = paragraph_start - 1
        while i > 0 and text[i - 1] == "\n":
            i -= 1
        j = text.rfind("\n", 0, max(0, i))
        return j + 1 if j >= 0 else 0

    def _as_person(self, tok: Token) -> Optional[Span]:
        mention = mention_span(tok)
        kind = mention_kind(mention)
        if kind == "name":
            entry = self.entry_for(mention)
            label = entry.label if entry is not None else mention.root.ent_type_
            # A proper name spaCy left unlabelled is taken as a person.
            if label == "PERSON" or (label == "" and mention.root.pos_ == "PROPN"):
                return mention
        elif kind == "description":
            entry = self.resolve_description(mention)
            if entry is not None and entry.label == "PERSON":
                return mention
        return None
