"""The names an article gives: one :class:`NameEntry` for each person or organisation.

:func:`build_entries` reads a parsed article's PERSON and ORG entities and groups them by
their :func:`~quoteattr._speakers.namekeys.name_key`, titles aside ("Sen. Ann Lee" and "Ann Lee"
are one entry). Each entry keeps where it occurs, the role words written beside it
anywhere in the article (:mod:`quoteattr._speakers.speakers_roles`), whether it is a person or an
organisation, and the gender a title gives it. :class:`~quoteattr._speakers.speakers.ArticleNames`
looks the entries up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
from spacy.tokens import Doc, Span, Token

from quoteattr._lexicon.roles import Roles
from quoteattr._lexicon.words import AGENT_LABELS, GENDERED_TITLES, NAME_PARTICLES, ORG_JOINING
from quoteattr._speakers.mentions import (
    after_hyphen,
    nameable,
    strip_possessive,
    trim_entity,
)
from quoteattr._speakers.namekeys import name_key
from quoteattr._speakers.speakers_roles import party_tag_words, role_of, role_words

__all__ = [
    "NameEntry",
    "build_entries",
    "strip_titles",
    "suffix",
    "surname_index",
    "surname_owner",
    "title_gender",
    "without_suffix",
]

#: Words after a name that make it another person's ("Donald Trump Jr.").
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv", "v"])
#: Lower-case words of a headline that are no part of a name ("Kim Vows Support for Putin").
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


@attrs.frozen
class NameEntry:
    """One name as the article writes it, with where it occurs."""

    key: tuple[str, ...]
    text: str
    label: str
    #: Character offsets of its occurrences.
    positions: tuple[int, ...]
    #: Role words given beside it anywhere in the article (lower case).
    role_words: frozenset[str]
    #: The first role written beside it ("Russian President").
    role: str | None
    #: True if the name occurs only in headlines (Title Case lines).
    headline: bool = False
    #: "male" or "female" where the article's titles, pronouns or the first name say so.
    gender: str | None = None

    @property
    def is_person(self) -> bool:
        """True if the entry names a person."""
        return self.label == "PERSON"


def suffix(key: tuple[str, ...]) -> tuple[str, ...]:
    """The words of a name key that make it another person's: ("jr",) for "Tom Diaz Jr."."""
    return tuple(w for w in key if w in _SUFFIXES)


def without_suffix(key: tuple[str, ...]) -> tuple[str, ...]:
    """A name key without "jr", "sr", "ii" and the like."""
    return tuple(w for w in key if w not in _SUFFIXES)


def strip_titles(key: tuple[str, ...], titles: frozenset[str]) -> tuple[str, ...]:
    """A name's key without the titles and the article before it ("the", "Sen.").

    >>> strip_titles(("the", "sen", "ann", "lee"), frozenset(["sen"]))
    ('ann', 'lee')
    """
    i = 0
    while i < len(key) - 1 and (key[i] in titles or key[i] == "the"):
        i += 1
    return key[i:]


def title_gender(spans: Sequence[Span]) -> str | None:
    """The gender a title in or just before the spans gives ("Mrs. Lee": female), or None."""
    for span in spans:
        doc = span.doc
        for tok in (doc[span.start - 1] if span.start > 0 else None, *span):
            if tok is not None and tok.lower_.rstrip(".") in GENDERED_TITLES:
                return GENDERED_TITLES[tok.lower_.rstrip(".")]
    return None


def surname_index(entries: Sequence[NameEntry]) -> dict[str, list[int]]:
    """The full names of people (two words or more) by their last word, as entry indices."""
    index: dict[str, list[int]] = {}
    for j, entry in enumerate(entries):
        if len(entry.key) > 1 and entry.is_person:
            index.setdefault(entry.key[-1], []).append(j)
    return index


def surname_owner(
    entries: Sequence[NameEntry],
    index: dict[str, list[int]],
    surname: str,
    *,
    body_only: bool = False,
) -> int | None:
    """The index of the one full name of a person that ends in ``surname`` (only names
    the body gives, with ``body_only``), or None if there are none or several."""
    full = [j for j in index.get(surname, ()) if not (body_only and entries[j].headline)]
    return full[0] if len(full) == 1 else None


def _looks_like_name(ent: Span) -> bool:
    """False for entities that are really headlines or phrases ("Kim Vows Full Support for Putin")."""
    words = [t for t in ent if t.is_alpha]
    if not words or len(words) > 6:
        return False

    def capitalised(t: Token) -> bool:
        return t.text[0].isupper() or t.lower_ in NAME_PARTICLES or after_hyphen(t)

    # Organisations are named with joining words ("Bank of America", "Department of
    # Justice"); in a person's name they mark a headline ("Kim Vows Support for Putin").
    joining = _HEADLINE_WORDS - ORG_JOINING if ent.label_ == "ORG" else _HEADLINE_WORDS
    return (
        all(capitalised(t) or (ent.label_ == "ORG" and t.lower_ in ORG_JOINING) for t in words)
        and not any(t.is_stop and not capitalised(t) and t.lower_ not in ORG_JOINING for t in ent)
        and not any(t.pos_ == "VERB" for t in ent)
        and sum(1 for t in words if t.lower_ in joining) == 0
    )


def build_entries(
    doc: Doc,
    text: str,
    roles: Roles,
    gender_of_name: Callable[[str], str | None],
    in_headline: Callable[[int], bool],
) -> list[NameEntry]:
    """The name entries of a parsed article, in the order the article first names them.

    ``text`` is the doc's text, ``gender_of_name`` says "male" or "female" for a first
    name used for one sex only, ``in_headline`` whether an offset lies in a headline.
    """
    grouped: dict[tuple[str, ...], list[Span]] = {}
    labels: dict[tuple[str, ...], dict[str, int]] = {}
    for ent in doc.ents:
        if ent.label_ not in AGENT_LABELS:
            continue
        ent = trim_entity(ent, ent[0])
        if not _looks_like_name(ent) or not nameable(ent):
            continue
        span = _extend_name(strip_possessive(ent), roles)
        key = strip_titles(name_key(span.text), roles.titles)
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
            and gender_of_name(rest[0]) is not None
            and gender_of_name(key[0]) is None
            and key[0] not in NAME_PARTICLES
        ):
            grouped[rest].extend(grouped.pop(key))
            for label, n in labels.pop(key).items():
                labels[rest][label] = labels[rest].get(label, 0) + n
    entries: list[NameEntry] = []
    for key, spans in grouped.items():
        spans.sort(key=lambda span: span.start)
        words: set[str] = set()
        first_role: str | None = None
        for span in spans:
            role = role_of(span)
            if role:
                words.update(role_words(role))
                first_role = first_role or role
            words.update(party_tag_words(text, span.end_char))
        label = _label(key, labels[key], words, roles, gender_of_name)
        entries.append(
            NameEntry(
                key=key,
                text=_surface(doc, spans, key, roles.titles),
                label=label,
                positions=tuple(s.start_char for s in spans),
                role_words=frozenset(words),
                role=first_role,
                headline=all(in_headline(s.start_char) for s in spans),
                gender=title_gender(spans) if label == "PERSON" else None,
            )
        )
    _pool_surname_roles(entries)
    return entries


def _pool_surname_roles(entries: list[NameEntry]) -> None:
    """Give a full name the roles written beside its bare surname ("Republican nominee
    Trump" and, elsewhere, "Donald Trump"), when one person of the article has it."""
    index = surname_index(entries)
    for short in entries:
        # spaCy often tags a bare surname as an organisation ("Republican nominee Trump").
        if len(short.key) != 1 or not short.role_words:
            continue
        j = surname_owner(entries, index, short.key[0])
        if j is not None:
            entry = entries[j]
            entries[j] = attrs.evolve(entry, role_words=entry.role_words | short.role_words)


def _extend_name(span: Span, roles: Roles) -> Span:
    """A person's name with the capitalised given name the model left out ("Omar Reyes")."""
    doc = span.doc
    start = span.start
    while start > 0 and start > span.start - 2:
        left = doc[start - 1]
        if not (
            left.pos_ == "PROPN"
            and left.is_alpha
            and left.text[0].isupper()
            and not left.ent_type_
            and left.whitespace_
            and left.lower_ not in roles.titles
            and not roles.names_speaker(left.lower_)
            and left.head.i in range(span.start, span.end)
        ):
            break
        start -= 1
    return doc[start : span.end]


def _label(
    key: tuple[str, ...],
    counts: dict[str, int],
    words: set[str],
    roles: Roles,
    gender_of_name: Callable[[str], str | None],
) -> str:
    """PERSON or ORG: a known first name or a person's role decides, else the model's votes."""
    if len(key) >= 2 and gender_of_name(key[0]) is not None:
        return "PERSON"
    if words & roles.titles:
        return "PERSON"
    return "PERSON" if counts.get("PERSON", 0) >= counts.get("ORG", 0) else "ORG"


def _surface(doc: Doc, spans: Sequence[Span], key: tuple[str, ...], titles: frozenset[str]) -> str:
    """The first occurrence's text without leading titles."""
    span = next(
        (s for s in spans if strip_titles(name_key(s.text), titles)[-len(key) :] == key),
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
    return doc[tokens[0].i : span.end].text
