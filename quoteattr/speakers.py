"""Naming speakers: the mention in the text, its fullest name in the article, its role.

A speaker's head token (from :mod:`quoteattr.attribution`) becomes a mention span:
a named entity ("Kim Jong Un", "KCNA"), a pronoun ("he") or a description ("the
Russian president", "Ukraine’s foreign minister"). Names are given in their fullest
form in the article ("Putin" → "Vladimir Putin", "Kim" → "Kim Jong Un"), and titles
and appositions beside them become the speaker's role. Descriptions are matched to a
named person by the role words the article gives that person; people get a gender from
titles, the article's own pronouns and first names. The rules that use all this to name
a speaker are in :mod:`quoteattr.sieve`.
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from typing import Any, Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

import attrs
from spacy.tokens import Doc, Span, Token

from .attribution import doc_cached, doc_text, line_end_of, line_start_of, title_case_between
from .marks import TITLE_SMALL_WORDS as _TITLE_SMALL_WORDS
from .marks import title_case_lines
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
    >>> name_key("O’Neill") == name_key("O'Neill")
    True
    """
    text = text.replace("’", "'").replace("‘", "'").replace("'s", "").replace(".", "")
    return tuple(w for w in _KEY_SPLIT.split(text.casefold()) if w)


# -- mentions ------------------------------------------------------------------------


def _entity_of(tok: Token) -> Optional[Span]:
    if not tok.ent_type_:
        return None
    return doc_cached(tok.doc, "entity of token", _entities_by_token).get(tok.i)


def _entities_by_token(doc: Doc) -> Dict[int, Span]:
    """The entity of ``doc.ents`` that holds each token, by the token's index.

    Worked out once per doc: ``doc.ents`` builds every entity anew on each call, and
    looking a speaker's entity up in it made an article of many quotes quadratic.
    """
    return {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}


def _strip_possessive(span: Span) -> Span:
    end = span.end
    while end > span.start + 1 and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    start = span.start
    while start < end - 1 and span.doc[start].is_punct:
        start += 1
    return span.doc[start:end]


def _in_headline(span: Span) -> bool:
    """True if a line of ``span`` is a headline written in Title Case."""
    doc = span.doc
    start, end = line_start_of(doc, span.start_char), line_end_of(doc, span.end_char)
    return title_case_between(doc, start, end)


#: Indefinite pronouns that a place makes a speaker: "someone in the crowd".
_INDEFINITES = frozenset(["someone", "somebody", "one", "another", "others", "anyone"])
_PLACE_PREPOSITIONS = frozenset(["in", "at", "from", "near", "on", "outside", "inside"])

_PARTITIVES = frozenset(
    [
        "some",
        "many",
        "most",
        "one",
        "several",
        "few",
        "all",
        "both",
        "none",
        "each",
        "any",
        "two",
        "three",
        "four",
        "five",
        "half",
        "majority",
        "others",
        "dozens",
        "hundreds",
    ]
)


def nameable(span: Span) -> bool:
    """False for a span that cannot be anyone's name: no letters, punctuation first, a clitic.

    >>> import spacy
    >>> doc = spacy.blank("en")("They don’t know, Smith said.")
    >>> nameable(doc[2:3]), nameable(doc[5:6])
    (False, True)
    """
    text = span.text.strip()
    return (
        bool(text)
        and text[0].isalnum()
        and any(c.isalpha() for c in text)
        and text.lower() not in _CLITIC_WORDS
    )


_CLITIC_WORDS = frozenset(
    [
        "n't",
        "n’t",
        "'s",
        "’s",
        "'m",
        "’m",
        "'re",
        "’re",
        "'ll",
        "’ll",
        "'ve",
        "’ve",
        "'d",
        "’d",
        "s",
        "t",
    ]
)


def _trim_entity(ent: Span, tok: Token) -> Span:
    """An entity cut to the words of a name around ``tok``: the small model sometimes runs
    an entity on over a verb and its object ("Diaz called Lee the kind of")."""
    doc = ent.doc

    # In a headline written in Title Case the words of the sentence are capitalised too:
    # a verb or a capitalised small word ends the name ("Nina Holm Praised The ...").
    headline = _in_headline(ent)

    def breaks(t: Token) -> bool:
        if (
            headline
            and t.i != ent.start
            and (t.pos_ in ("VERB", "AUX") or t.text in _TITLE_SMALL_WORDS)
        ):
            return True
        if t.i > 0 and doc[t.i - 1].text in ("-", "‐") and not doc[t.i - 1].whitespace_:
            return False  # "Ban Ki-moon"
        return (t.pos_ in ("VERB", "AUX") and t.text[:1].islower()) or (
            t.is_alpha and t.text[:1].islower() and t.lower_ not in _INNER_NAME_WORDS
        )

    if breaks(tok):
        return ent  # the head itself is a common word: "the Civic Pulse tracking average"
    start, end = ent.start, ent.end
    for t in doc[tok.i + 1 : ent.end]:
        if breaks(t):
            end = t.i
            break
    for t in reversed(doc[ent.start : tok.i]):
        if breaks(t):
            start = t.i + 1
            break
    if (start, end) == (ent.start, ent.end) or end <= start:
        return ent
    return Span(doc, start, end, label=ent.label_)


def mention_span(tok: Token) -> Span:
    """Return the mention a speaker's head token stands for.

    A token inside a named entity gives the entity (without a possessive "’s"), a
    pronoun gives itself, and a common noun gives its noun phrase up to the head
    (determiners, possessors, adjectives and compounds; no clauses or appositions).
    """
    doc = tok.doc
    ent = _entity_of(tok)
    # "the New York Democrat": a party member with a determiner is a description.
    member = ent is not None and ent.label_ == "NORP" and any(c.dep_ == "det" for c in tok.children)
    if ent is not None and ent.label_ in NAME_LABELS and not member:
        ent = _strip_possessive(_trim_entity(ent, tok))
        # "North Korea’s KCNA" tagged as one entity: the name is what follows the possessive.
        for inner in ent:
            if inner.tag_ == "POS" and inner.i < tok.i:
                ent = doc[inner.i + 1 : ent.end]
        return ent
    share = next((c for c in tok.rights if c.lower_ == "in" and c.dep_ == "prep"), None)
    if share is not None and tok.like_num and any(g.like_num for g in share.children):
        return doc[tok.left_edge.i : share.right_edge.i + 1]  # "one in three (voters)"
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None and tok.lower_ in _PARTITIVES:
        # "Many of the delegates", "one of her advisers": the group is the mention.
        return doc[tok.i : of.right_edge.i + 1]
    if tok.pos_ == "PRON":
        place = next(
            (c for c in tok.rights if c.dep_ == "prep" and c.lower_ in _PLACE_PREPOSITIONS), None
        )
        if place is not None and tok.lower_ in _INDEFINITES:
            # "someone in the audience", "one at the back": the phrase names the speaker.
            return doc[tok.i : place.right_edge.i + 1]
        return doc[tok.i : tok.i + 1]
    start = tok.i
    if tok.pos_ == "PROPN" and not member:
        # A name written over several tokens: the proper-noun compounds before it.
        while start > 0 and (
            (
                doc[start - 1].pos_ == "PROPN"
                and doc[start - 1].dep_ in ("compound", "flat")
                and doc[start - 1].text[:1].isalnum()  # not "-Mayor" in "-Mayor Lee"
            )
            or (
                doc[start - 1].text in ("-", "‐")
                and start > 1
                and doc[start - 2].pos_ == "PROPN"
                and not doc[start - 1].whitespace_
                and not doc[start - 2].whitespace_
            )
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
    if root.ent_type_ == "NORP" and (
        root.tag_ in ("NNS", "NNPS") or any(t.dep_ == "det" for t in root.children)
    ):
        return "description"  # "Republicans", "the Idaho Republican": not a name
    if (
        root.ent_type_ != "PERSON"
        and root.lower_ in load_roles().person
        and any(
            t.dep_ == "det" and t.lower_ in ("the", "this", "that", "a", "an")
            for t in (*mention, *root.children)
        )
    ):
        return "description"  # "the New York Democrat", "the Pope": a role, however written
    if (
        len(mention) == 1
        and root.tag_ == "NNPS"
        and not root.ent_type_
        and root.is_sent_start
        and root.lower_.endswith("s")
    ):
        # "Observers noted ...", "Reports indicated ...": a plural the tagger took for a
        # name because it opens the sentence (the sieve still takes it for a name if
        # the article names someone so).
        return "description"
    if root.lower_ in _PARTITIVES and any(
        c.dep_ == "prep" and c.lower_ == "of" for c in root.children
    ):
        return "description"  # "One of them", "many of the delegates": a group, or one of it
    if root.like_num and any(c.lower_ == "in" for c in root.children):
        return "description"  # "Six in 10", "one in three": a share of those asked
    if (
        len(mention) == 1
        and root.ent_type_ != "PERSON"
        and root.lower_ in load_roles().person
        and root.text[:1].isupper()
    ):
        return "description"  # "Judge blocks law" in a headline: a role, not a name
    if root.ent_type_ in NAME_LABELS or root.pos_ == "PROPN":
        return "name"
    if root.pos_ in ("NOUN",) or root.tag_.startswith("NN"):
        return "description"
    if root.pos_ == "ADJ" and any(c.dep_ == "det" for c in root.children):
        return "description"  # "the 43-year-old", an adjective used as a noun
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
    head = root.head
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN":
        head = head.head.head  # the parse hangs the name on "Brandt" in "an attorney for Brandt"
    if (
        root.dep_ == "appos"
        and head.i < mention.start
        and (head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ != "PERSON"))
        and load_roles().names_speaker(head.lemma_.lower())
    ):
        # "An attorney for Brandt, Omar Reyes", "The Health Secretary, Omar Reyes": the
        # name stands beside its role.
        start = head.left_edge.i
        while start < head.i and doc[start].dep_ == "det":
            start += 1  # "The Health Secretary, Omar Reyes": the role without "The"
        described = _strip_trailing_punct(doc[start : mention.start])
        if described is not None:
            parts.append(described.text)
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

    # Organisations are named with joining words ("Bank of America", "Department of
    # Justice"); in a person's name they mark a headline ("Kim Vows Support for Putin").
    joining = _HEADLINE_WORDS - _ORG_JOINING if ent.label_ == "ORG" else _HEADLINE_WORDS
    return (
        all(capitalised(t) or (ent.label_ == "ORG" and t.lower_ in _ORG_JOINING) for t in words)
        and not any(t.is_stop and not capitalised(t) and t.lower_ not in _ORG_JOINING for t in ent)
        and not any(t.pos_ == "VERB" for t in ent)
        and sum(1 for t in words if t.lower_ in joining) == 0
    )


#: Lower-case words inside organisations' names.
_ORG_JOINING = frozenset(["of", "and", "for", "the", "on", "&", "a", "to"])


_NAME_PATTERN = r"(?P<name>[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){1,3})"
#: A byline: "By Jane Smith", "By Jane Smith and John Doe".
_BYLINE = re.compile(r"\s*(?:By|BY|by)\s+" + _NAME_PATTERN)
#: A note on the writer at the end of an opinion piece: "Jane Smith is a professor ...".
_AUTHOR_NOTE = re.compile(
    r"\s*[—–-]?\s*"
    + _NAME_PATTERN
    + r"(?:,[^,]{1,60},)? (?:is|was|serves as|has been) (?P<what>[a-z][\w-]*)"
)
#: A letter's signature: a line that is only a name ("Chris Smith."), under a reader's letter.
_SIGNATURE = re.compile(r"\s*" + _NAME_PATTERN + r"\.?\s*$")

#: Lower-case words that stand inside names ("Bank of America", "Charles de Gaulle").
_INNER_NAME_WORDS = frozenset(
    [
        "of",
        "and",
        "the",
        "for",
        "a",
        "to",
        "&",
        "on",
        "at",
        "in",
        "de",
        "da",
        "del",
        "della",
        "der",
        "den",
        "di",
        "du",
        "van",
        "von",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "y",
        "zu",
        "dos",
        "das",
        "do",
        "ter",
        "ten",
    ]
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

#: Words after a name that make it another person's ("Donald Trump Jr.").
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "v"])


def _suffix(key: Tuple[str, ...]) -> Tuple[str, ...]:
    return tuple(w for w in key if w in _SUFFIXES)


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
    #: True if the name occurs only in headlines (Title Case lines).
    headline: bool = False
    #: "male" or "female" where the article's titles, pronouns or the first name say so.
    gender: Optional[str] = None

    @property
    def is_person(self) -> bool:
        """True if the entry names a person."""
        return self.label == "PERSON"


#: The lines of an article's lede: its headline and the two paragraphs after it.
_LEDE_LINES = 3
#: Entries by key, and persons by fullest name (see ``ArticleNames._gendered``).
_GenderIndex = Tuple[Dict[Tuple[str, ...], NameEntry], Dict[str, NameEntry]]


def _loose_key(key: Tuple[str, ...]) -> Tuple[str, ...]:
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
        gender_of_name: Optional[Callable[[str], Optional[str]]] = None,
        quoted: Sequence[Tuple[int, int]] = (),
    ) -> None:
        self.doc = doc
        self._text = doc_text(doc)
        self.roles = load_roles()
        #: Says "male" or "female" for a first name used for one sex only (else None).
        self.gender_of_name = gender_of_name or (lambda name: None)
        self.quoted = sorted(quoted)
        self._headlines = title_case_lines(self._text)
        self._nationalities: Optional[FrozenSet[str]] = None
        grouped: Dict[Tuple[str, ...], List[Span]] = {}
        labels: Dict[Tuple[str, ...], Dict[str, int]] = {}
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            ent = _trim_entity(ent, ent[0])
            if not _looks_like_name(ent) or not nameable(ent):
                continue
            span = self._extend_name(_strip_possessive(ent))
            key = self._strip_titles(name_key(span.text))
            if key:
                grouped.setdefault(key, []).append(span)
                counts = labels.setdefault(key, {})
                counts[ent.label_] = counts.get(ent.label_, 0) + 1
        # "Crooked Tom Diaz", "Rival Ann Lee": a word before a first name
        # that is no name itself is a modifier, and the entry is that of the name after it.
        for key in list(grouped):
            rest = key[1:]
            if (
                len(rest) >= 2
                and rest in grouped
                and self.gender_of_name(rest[0]) is not None
                and self.gender_of_name(key[0]) is None
                and key[0] not in _NAME_PARTICLES
            ):
                grouped[rest].extend(grouped.pop(key))
                for label, n in labels.pop(key).items():
                    labels[rest][label] = labels[rest].get(label, 0) + n
        self.entries: List[NameEntry] = []
        for key, spans in grouped.items():
            spans.sort(key=lambda span: span.start)
            words: set[str] = set()
            first_role: Optional[str] = None
            for span in spans:
                role = role_of(span)
                if role:
                    words.update(_role_words(role))
                    first_role = first_role or role
                words.update(_party_tag_words(self._text, span.end_char))
            label = self._label(key, labels[key], words)
            self.entries.append(
                NameEntry(
                    key=key,
                    text=self._surface(spans, key),
                    label=label,
                    positions=tuple(s.start_char for s in spans),
                    role_words=frozenset(words),
                    role=first_role,
                    headline=all(self.in_headline(s.start_char) for s in spans),
                    gender=self._title_gender(spans) if label == "PERSON" else None,
                )
            )
        self._pool_surname_roles()
        self._by_position: Optional[List[Tuple[int, NameEntry]]] = None
        self._positions: List[int] = []
        self._genders_done = False
        self._gender_index: Optional[_GenderIndex] = None
        self._word_index: Optional[Dict[str, List[int]]] = None
        self._lede_end: Optional[int] = None
        self._author: Any = None

    def _pool_surname_roles(self) -> None:
        """Give a full name the roles written beside its bare surname ("Republican nominee
        Trump" and, elsewhere, "Donald Trump"), when one person of the article has it."""
        for short in self.entries:
            # spaCy often tags a bare surname as an organisation ("Republican nominee Trump").
            if len(short.key) != 1 or not short.role_words:
                continue
            j = self._surname_owner(short.key[0])
            if j is not None:
                entry = self.entries[j]
                self.entries[j] = attrs.evolve(
                    entry, role_words=entry.role_words | short.role_words
                )

    def _surname_owner(self, surname: str, *, body_only: bool = False) -> Optional[int]:
        """The index of the one full name of a person that ends in ``surname`` (only names
        the body gives, with ``body_only``), or None if there are none or several."""
        full = [
            j
            for j, e in enumerate(self.entries)
            if len(e.key) > 1
            and e.key[-1] == surname
            and e.is_person
            and not (body_only and e.headline)
        ]
        return full[0] if len(full) == 1 else None

    # -- building ------------------------------------------------------------------------
    def in_headline(self, pos: int) -> bool:
        """True if the character offset lies in a Title Case line (a headline)."""
        i = bisect.bisect_right(self._headlines, (pos, sys.maxsize)) - 1
        return i >= 0 and self._headlines[i][0] <= pos < self._headlines[i][1]

    def in_quote(self, pos: int) -> bool:
        """True if the character offset lies inside quoted words."""
        i = bisect.bisect_right(self.quoted, (pos, sys.maxsize)) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def _extend_name(self, span: Span) -> Span:
        """A person's name with the capitalised given name the model left out ("Omar Reyes")."""
        doc = self.doc
        start = span.start
        while start > 0 and start > span.start - 2:
            left = doc[start - 1]
            if not (
                left.pos_ == "PROPN"
                and left.is_alpha
                and left.text[0].isupper()
                and not left.ent_type_
                and left.whitespace_
                and left.lower_ not in self.roles.titles
                and not self.roles.names_speaker(left.lower_)
                and left.head.i in range(span.start, span.end)
            ):
                break
            start -= 1
        return doc[start : span.end]

    def _label(self, key: Tuple[str, ...], counts: Dict[str, int], role_words: set[str]) -> str:
        """PERSON or ORG: a known first name or a person's role decides, else the model's votes."""
        if len(key) >= 2 and self.gender_of_name(key[0]) is not None:
            return "PERSON"
        if role_words & self.roles.titles:
            return "PERSON"
        return "PERSON" if counts.get("PERSON", 0) >= counts.get("ORG", 0) else "ORG"

    def _title_gender(self, spans: Sequence[Span]) -> Optional[str]:
        for span in spans:
            doc = span.doc
            for tok in (doc[span.start - 1] if span.start > 0 else None, *span):
                if tok is not None and tok.lower_.rstrip(".") in _GENDERED_TITLES:
                    return _GENDERED_TITLES[tok.lower_.rstrip(".")]
        return None

    def _strip_titles(self, key: Tuple[str, ...]) -> Tuple[str, ...]:
        """A name's key without the titles and the article before it ("the", "Sen.")."""
        i = 0
        while i < len(key) - 1 and (key[i] in self.roles.titles or key[i] == "the"):
            i += 1
        return key[i:]

    def _surface(self, spans: Sequence[Span], key: Tuple[str, ...]) -> str:
        """The first occurrence's text without leading titles."""
        span = next(
            (s for s in spans if self._strip_titles(name_key(s.text))[-len(key) :] == key),
            spans[0],
        )
        if name_key(span.text)[-len(key) :] != key:
            return " ".join(w.capitalize() for w in key)
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
    def _with_word(self, word: str) -> List[NameEntry]:
        """The entries whose key holds ``word``, in order (an index kept: looking through
        every entry for each mention made an article of many people quadratic)."""
        if self._word_index is None:
            self._word_index = {}
            for i, entry in enumerate(self.entries):
                for w in dict.fromkeys(entry.key):
                    self._word_index.setdefault(w, []).append(i)
        # By position: _ensure_genders replaces the entries, keeping their keys and order.
        return [self.entries[i] for i in self._word_index.get(word, [])]

    def _candidates(self, key: Tuple[str, ...]) -> List[NameEntry]:
        found = []
        for entry in self._with_word(key[0]):  # an entry holding every word of the key
            core = tuple(w for w in entry.key if w not in _SUFFIXES)
            if set(key) <= set(entry.key) and (
                key[0] == entry.key[0] or key[-1] in (entry.key[-1], core[-1] if core else "")
            ):
                found.append(entry)
        # "Donald Trump Jr." is not "Donald Trump": a suffix tells two people apart, and a
        # name without one goes to a name with one only when no other name has its words.
        suffix = _suffix(key)
        same = [e for e in found if _suffix(e.key) == suffix]
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
                    self.gender_of_name(w) is not None or w in _NAME_PARTICLES
                    for w in e.key[: -len(key)]
                )
                and not any(len(b.key) >= 2 and set(b.key) < set(e.key) for b in body)
            )
        ]

    def _acronym_candidates(self, key: Tuple[str, ...]) -> List[NameEntry]:
        """Organisations whose initials a one-word capitalised mention spells ("FBI")."""
        if len(key) != 1 or not 2 <= len(key[0]) <= 6:
            return []
        found = []
        for entry in self.entries:
            initials = "".join(w[0] for w in entry.key if w not in _ACRONYM_SKIP)
            if entry.label == "ORG" and len(entry.key) >= 2 and initials == key[0]:
                found.append(entry)
        return found

    def entry_for(self, mention: Span, label: Optional[str] = None) -> Optional[NameEntry]:
        """Return the fullest name in the article for a name mention, or None.

        The names that contain the mention's words are grouped into people (one name
        inside another is the same person: "Clinton" in "Hillary Clinton" in "Hillary
        Rodham Clinton"); of one person, the fullest name; of several people who share
        the words ("Bill Clinton", "Hillary Clinton"), the one whose gender the mention's
        title gives, else the one named in the same or the paragraph before, else the
        one the article names most.
        """
        key = self._strip_titles(name_key(mention.text))
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
            title = self._title_gender([mention])
            if title is not None and self.entry_gender(people[0]) not in (title, None):
                # "Mr. Lee" is not the "Ann Lee" who is the only full name given.
                return next((c for c in candidates if c.key == key), None)
            return people[0]
        return self._choose_between(people, mention)

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

    def _inside_headline_name(self, key: Tuple[str, ...]) -> Optional[NameEntry]:
        """A headline entity that runs on past a name ("Kim Jong Un Pledges Support")."""
        best: Optional[NameEntry] = None
        for entry in self.entries:
            if entry.headline or len(entry.key) > len(key):
                continue
            n = len(entry.key)
            inside = any(key[i : i + n] == entry.key for i in range(len(key) - n + 1))
            if inside and (best is None or len(entry.key) > len(best.key)):
                best = entry
        return best

    def _choose_between(self, people: List[NameEntry], mention: Span) -> NameEntry:
        self._ensure_genders()
        title = self._title_gender([mention])
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

    def fullest_name(self, mention: Span) -> Tuple[str, Optional[str]]:
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

    def _person_counts(self, lo: int = 0, hi: int = sys.maxsize) -> List[Tuple[int, NameEntry]]:
        """People named between two offsets (outside quotes and headlines), with how often,
        most often first; a bare surname counts for the one full name it shortens."""
        counts: Dict[int, int] = {}
        people = [(i, e) for i, e in enumerate(self.entries) if e.is_person and not e.headline]
        for i, entry in people:
            n = sum(1 for p in entry.positions if lo <= p < hi and not self.in_quote(p))
            if not n:
                continue
            owner = (
                self._surname_owner(entry.key[0], body_only=True) if len(entry.key) == 1 else None
            )
            target = i if owner is None else owner
            counts[target] = counts.get(target, 0) + n
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        return [(n, self.entries[i]) for i, n in ranked]

    def topic_person(self, pos: int, gender: Optional[str] = None) -> Optional[NameEntry]:
        """The person the text before ``pos`` is about, if one stands out: named most
        often in the two paragraphs before it (at least twice, more than anyone else),
        or else in the whole article before it (at least three times, more than twice as
        often as anyone else). With ``gender``, people of the other gender do not count."""
        floor = self._previous_paragraph_start(
            self._previous_paragraph_start(self._paragraph_start(pos))
        )
        for lo, least, factor in ((floor, 2, 1), (0, 3, 2)):
            ranked = [
                (n, e)
                for n, e in self._person_counts(lo, pos)
                if gender is None or self.entry_gender(e) in (None, gender)
            ]
            if (
                ranked
                and ranked[0][0] >= least
                and (len(ranked) == 1 or ranked[0][0] > factor * ranked[1][0])
            ):
                return ranked[0][1]
        return None

    # -- the author -----------------------------------------------------------------------
    def _names_a_role(self, pos: int) -> bool:
        """True if the words at ``pos`` describe a person ("a professor", "playwright-in-
        residence", "president of ..."), not an event ("scheduled to speak")."""
        tokens = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return tokens is not None and tokens[0].pos_ in ("DET", "NOUN", "PROPN", "ADJ", "NUM")

    def signature_after(self, pos: int) -> Optional[NameEntry]:
        """The person who signs the text at ``pos``: a line that is only a person's name,
        within the three paragraphs after it, as under readers' letters ("... I hope so.
        / Chris Smith.")."""
        text = self._text
        end = pos
        for _ in range(3):
            start = text.find("\n", end)
            if start == -1:
                return None
            while start < len(text) and text[start] == "\n":
                start += 1
            end = text.find("\n", start)
            end = len(text) if end == -1 else end
            match = _SIGNATURE.match(text[start:end])
            if match is None:
                continue
            span = self.doc.char_span(
                start + match.start("name"), start + match.end("name"), alignment_mode="expand"
            )
            entry = self.entry_for(span) if span is not None else None
            return entry if entry is not None and entry.is_person else None
        return None

    def author(self) -> Optional[NameEntry]:
        """The article's author, where it names one: a byline ("By Jane Smith") in its
        first lines, or a note on the writer in its last ("Jane Smith is a professor ...")."""
        if self._author is not None:
            return self._author or None
        found: Optional[NameEntry] = None
        text = self._text
        lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
        candidates = [(start, line, True) for start, line in lines[:3]] + [
            (start, line, False) for start, line in lines[-3:]
        ]
        for start, line, first in candidates:
            pattern = _BYLINE if first else _AUTHOR_NOTE
            match = pattern.match(line)
            if match is None:
                continue
            span = self.doc.char_span(
                start + match.start("name"), start + match.end("name"), alignment_mode="expand"
            )
            if span is None or (not first and not self._names_a_role(start + match.start("what"))):
                continue
            entry = self.entry_for(span)
            if entry is not None and entry.is_person:
                found = entry
                break
        self._author = found or False
        return found

    # -- gender --------------------------------------------------------------------------
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
        votes: Dict[Tuple[str, ...], Dict[str, int]] = {}
        previous_subject: Optional[NameEntry] = None
        for sent in self.doc.sents:
            subjects = [
                t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"
            ]
            here: Optional[NameEntry] = None
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

    def entry_gender(self, entry: NameEntry) -> Optional[str]:
        """The gender the article gives a person ("male", "female" or None)."""
        current = self._gendered()[0].get(entry.key)
        return entry.gender if current is None else current.gender

    def gender_of_text(self, name: str) -> Optional[str]:
        """The gender the article gives the person whose fullest name is ``name``."""
        entry = self._gendered()[1].get(name)
        return None if entry is None else self.entry_gender(entry)

    def _gendered(self) -> _GenderIndex:
        """The entries with their genders: the first of each key, and the first person of
        each fullest name (kept: looking through every entry for each quote's speaker made
        an article of many people and quotes quadratic)."""
        self._ensure_genders()
        if self._gender_index is None:
            by_key: Dict[Tuple[str, ...], NameEntry] = {}
            by_text: Dict[str, NameEntry] = {}
            for entry in self.entries:
                by_key.setdefault(entry.key, entry)
                if entry.is_person:
                    by_text.setdefault(entry.text, entry)
            self._gender_index = (by_key, by_text)
        return self._gender_index

    def gender(self, mention: Span) -> Optional[str]:
        """Return "male", "female" or None for a person mention."""
        title = self._title_gender([mention])
        if title is not None:
            return title
        entry = self.entry_for(mention)
        if entry is not None:
            return self.entry_gender(entry)
        key = self._strip_titles(name_key(mention.text))
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

    # -- where names are -------------------------------------------------------------------
    def entry_for_token(self, tok: Token) -> Optional[NameEntry]:
        """The entry a token of a name belongs to, or None."""
        mention = mention_span(tok)
        if mention_kind(mention) != "name":
            return None
        return self.entry_for(mention)

    def _occurrences(self) -> List[Tuple[int, NameEntry]]:
        if self._by_position is None:
            self._ensure_genders()
            self._by_position = sorted(
                ((pos, e) for e in self.entries for pos in e.positions), key=lambda x: x[0]
            )
            self._positions = [pos for pos, _ in self._by_position]
        return self._by_position

    def people_between(
        self, start_char: int, end_char: int, pronoun: Optional[Token] = None
    ) -> List[Tuple[int, NameEntry]]:
        """The persons named in [start_char, end_char), outside quotes, in text order.

        Each is given as (offset, the person's fullest entry); with ``pronoun``, only
        those whose gender agrees with it.
        """
        found = []
        occurrences = self._occurrences()
        lo = bisect.bisect_left(self._positions, start_char)
        for pos, entry in occurrences[lo:]:
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

    # -- descriptions -----------------------------------------------------------------
    def resolve_description(self, mention: Span) -> Optional[NameEntry]:
        """Match a definite description ("the Russian president", "the agency") to a name.

        Only a singular description with a definite determiner (or a possessor) can
        point back to one named person or organisation; "a spokesman", "officials" and
        "analysts" stay descriptions. A person description must share its role words
        with the person's titles and appositions; an organisation description ("the
        company") goes to the organisation named last within the paragraphs before.
        """
        root = mention.root
        # The opening paragraphs of a story describe before they name: "A New York judge
        # ruled ..." and, later, "Judge Paul Brandt". There a description may name someone
        # who comes after it, and need not be definite.
        lede = self._in_lede(mention.start_char)
        if root.tag_ in ("NNS", "NNPS") or not (_definite(mention) or lede):
            return None
        head = " ".join(_role_words(root.lemma_.lower())) or root.lemma_.lower()
        modifiers = {w for t in mention if t.i != root.i for w in _role_words(t.text)}
        modifiers -= {"the", "this", "that", "its", "his", "her", "their"}
        # Capitalised modifiers tell people apart: a place, a party, a country.
        proper = {
            w
            for t in mention
            if t.i != root.i and t.text[:1].isupper() and t.i != mention.start
            for w in _role_words(t.text)
        } - _VAGUE_MODIFIERS
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
            if entry.label != label or entry.headline:
                continue
            before = [p for p in entry.positions if (p < pos or lede) and not self.in_quote(p)]
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
            floor = self._previous_paragraph_start(self._paragraph_start(pos))
            return self._last_entry_before(pos, "ORG", floor)
        return best[1] if best else None

    def places(self, words: Iterable[str]) -> FrozenSet[str]:
        """The words among ``words`` that name a place or a nationality (states, countries)."""
        return frozenset(
            w
            for w in words
            if w in _STATE_WORDS
            or (self._is_nationality(w) and w not in _VAGUE_MODIFIERS and w not in _PARTY_WORDS)
        )

    def contradicts(self, entry: NameEntry, proper: Iterable[str]) -> bool:
        """True if a description's places ("the Vermont senator") differ from the places
        the article gives the entry ("Sen. Ann Lee (R-S.C.)").

        A person the article gives no place is not contradicted: the description may
        tell the reader something new.
        """
        theirs = self.places(_role_words(" ".join(proper)))
        known = self.places(entry.role_words | set(entry.key))
        return bool(theirs) and bool(known) and not theirs & known

    def _in_lede(self, pos: int) -> bool:
        """True for an offset in the headline or the first two paragraphs after it."""
        if self._lede_end is None:
            # Where the fourth line that is not empty starts (the text's end if none does).
            lines = re.finditer(r"[^\n]+", self._text)
            fourth = next(itertools.islice(lines, _LEDE_LINES, None), None)
            self._lede_end = sys.maxsize if fourth is None else fourth.start()
        return pos < self._lede_end

    def _is_nationality(self, word: str) -> bool:
        if self._nationalities is None:
            self._nationalities = frozenset(
                w for e in self.doc.ents if e.label_ in ("NORP", "GPE") for w in name_key(e.text)
            )
        return word in self._nationalities

    def _last_entry_before(self, pos: int, label: str, floor: int) -> Optional[NameEntry]:
        best: Optional[Tuple[int, NameEntry]] = None
        for entry in self.entries:
            if entry.label != label or entry.headline:
                continue
            before = [p for p in entry.positions if floor <= p < pos and not self.in_quote(p)]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), entry)
        return best[1] if best else None

    # -- paragraphs ---------------------------------------------------------------------
    def _paragraph_start(self, pos: int) -> int:
        return self._text.rfind("\n", 0, pos) + 1

    def _previous_paragraph_start(self, paragraph_start: int) -> int:
        text = self._text
        i = paragraph_start - 1
        while i > 0 and text[i - 1] == "\n":
            i -= 1
        j = text.rfind("\n", 0, max(0, i))
        return j + 1 if j >= 0 else 0

    def previous_paragraph_start(self, pos: int) -> int:
        """Where the paragraph before the one holding ``pos`` starts."""
        return self._previous_paragraph_start(self._paragraph_start(pos))

    def as_person(self, tok: Token) -> Optional[Span]:
        """The person mention a token stands for (a name or a matched description), or None."""
        mention = mention_span(tok)
        if not nameable(mention):
            return None
        kind = mention_kind(mention)
        if kind == "name":
            if self.in_quote(mention.start_char):
                return None
            entry = self.entry_for(mention)
            label = entry.label if entry is not None else mention.root.ent_type_
            # A proper name spaCy left unlabelled is taken as a person.
            if label == "PERSON" or (label == "" and mention.root.pos_ == "PROPN"):
                return mention
        elif kind == "description":
            for child in mention.root.rights:
                # "Her husband, Luis, was less certain": the name beside the description.
                if child.dep_ == "appos":
                    named = self.as_person(child)
                    if named is not None and mention_kind(named) == "name":
                        return named
            entry = self.resolve_description(mention)
            if entry is not None and entry.label == "PERSON":
                return mention
        return None


#: Words of an organisation's name left out of its initials ("Federal Bureau of Investigation").
_ACRONYM_SKIP = frozenset(["of", "the", "and", "for", "&", "on", "in"])
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
#: Abbreviations of titles and states, spelled out, so that "Sen. ... (R-Fla.)" gives
#: "the Florida senator" something to match.
_ROLE_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "pres": "president",
    "sec": "secretary",
    "lt": "lieutenant",
    "atty": "attorney",
    "ala": "alabama",
    "ariz": "arizona",
    "ark": "arkansas",
    "calif": "california",
    "colo": "colorado",
    "conn": "connecticut",
    "del": "delaware",
    "fla": "florida",
    "ga": "georgia",
    "ill": "illinois",
    "ind": "indiana",
    "kan": "kansas",
    "ky": "kentucky",
    "la": "louisiana",
    "md": "maryland",
    "mass": "massachusetts",
    "mich": "michigan",
    "minn": "minnesota",
    "miss": "mississippi",
    "mo": "missouri",
    "mont": "montana",
    "neb": "nebraska",
    "nev": "nevada",
    "nh": "new hampshire",
    "nj": "new jersey",
    "nm": "new mexico",
    "ny": "new york",
    "nc": "north carolina",
    "nd": "north dakota",
    "okla": "oklahoma",
    "ore": "oregon",
    "pa": "pennsylvania",
    "ri": "rhode island",
    "sc": "south carolina",
    "sd": "south dakota",
    "tenn": "tennessee",
    "tex": "texas",
    "vt": "vermont",
    "va": "virginia",
    "wash": "washington",
    "wis": "wisconsin",
    "wva": "west virginia",
    "wyo": "wyoming",
    "r": "republican",
    "d": "democrat",
    "i": "independent",
    "justice": "judge",
    "lawyer": "attorney",
    "congressman": "representative",
    "congresswoman": "representative",
}


#: Words of the state names above ("new", "york", "vermont").
_STATE_WORDS = frozenset(
    w
    for abbreviation, full in _ROLE_ABBREVIATIONS.items()
    if len(abbreviation) > 1
    and full not in ("senator", "representative", "governor", "general")
    and full not in ("president", "secretary", "lieutenant", "attorney", "republican", "democrat")
    and full not in ("independent", "judge")
    for w in full.split()
    if w not in ("new", "north", "south", "west")
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
_PARTY_TAG = re.compile(
    r"\s*[(,]\s*([RDI])\s*[-‐–]\s*([A-Z][A-Za-z.]{1,6}(?:\s?[A-Z][a-z.]{0,4})?)\s*[),]"
)


def _party_tag_words(text: str, end: int) -> List[str]:
    """The party and state of a tag after a name: "Tom Diaz (D-Nev.)", "Lee, R-S.C.,"."""
    match = _PARTY_TAG.match(text, end)
    if match is None:
        return []
    return _role_words(f"{match.group(1)} {match.group(2)}")


def _role_words(text: str) -> List[str]:
    """The words of a role, abbreviations spelled out ("Sen." → senator, "R-Fla." → florida)."""
    words: List[str] = []
    for word in re.split(r"[\s\-‐‑–,()]+", text.casefold().replace("’s", "").replace("'s", "")):
        word = word.strip(".")
        if not word:
            continue
        word = _ROLE_ABBREVIATIONS.get(word, _ROLE_ABBREVIATIONS.get(word.replace(".", ""), word))
        words.extend(word.split())
    return words


def _definite(mention: Span) -> bool:
    """True if a description points back: "the president", "this agency", "his campaign"."""
    # The determiner may stand outside a capitalised title's mention ("the Prime Minister").
    before_root = [t for t in mention if t.i < mention.root.i] + [
        c for c in mention.root.lefts if c.i < mention.start
    ]
    return any(t.lower_ in ("the", "this", "that") or t.dep_ == "poss" for t in before_root)
