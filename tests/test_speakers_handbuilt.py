"""The main speaker rules on hand-built parses, as spaCy's own tests build them.

Each ``Doc`` is given its words, heads, labels, tags and entities by hand
(``Doc(vocab, words=..., heads=..., deps=..., pos=..., ents=...)``), so no statistical
model runs and each rule sees exactly the parse it is written for: a model update cannot
break these tests. The sentences are invented.
"""

from __future__ import annotations

from typing import Any, Optional

import pytest
import spacy
from counting import CountingList
from spacy.tokens import Doc

from quoteattr._quotes.model import Resolution
from quoteattr._speakers.mentions import appositive_name, mention_kind, mention_span
from quoteattr._speakers.namekeys import name_key
from quoteattr._speakers.sieve import SpeakerSieve, Where
from quoteattr._speakers.sieve_descriptions import apposition
from quoteattr._speakers.sieve_pronouns import previous_subject
from quoteattr._speakers.speakers import ArticleNames
from quoteattr._speakers.speakers_descriptions import Descriptions
from quoteattr._speakers.speakers_roles import role_of

VOCAB = spacy.blank("en").vocab
#: First names and the sex they are used for, in place of the shipped name list.
FIRST_NAMES = {"ann": "female", "maria": "female", "tom": "male"}


def gender_of_name(name: str) -> Optional[str]:
    return FIRST_NAMES.get(name.lower())


def doc_of(rows: list[tuple[str, str, str, int, str]], spaces: Optional[list[bool]] = None) -> Doc:
    """A Doc from rows (word, pos, dep, head, entity IOB); tags and lemmas follow the pos.

    A word is followed by a space unless the next is punctuation (or ``spaces`` says).
    """
    words = [r[0] for r in rows]
    if spaces is None:
        spaces = [i + 1 < len(words) and words[i + 1] not in ",.)" for i in range(len(words))]
    tags = {"PROPN": "NNP", "NOUN": "NN", "VERB": "VBD", "PRON": "PRP", "DET": "DT"}
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        pos=[r[1] for r in rows],
        tags=[tags.get(r[1], "XX") if r[1] != "PUNCT" else r[0] for r in rows],
        lemmas=[r[0].lower() for r in rows],
        deps=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        ents=[r[4] for r in rows],
    )


def sieve_for(doc: Doc, *rules: Any) -> SpeakerSieve:
    names = ArticleNames(doc, gender_of_name)
    return SpeakerSieve(names, None, Where(doc.text, 0), rules or None)


# -- mention spans, kinds and roles ---------------------------------------------------------

# "Sen. Ann Lee, a professor at Acme University, said no."
TITLED = doc_of(
    [
        ("Sen.", "PROPN", "compound", 2, "O"),
        ("Ann", "PROPN", "compound", 2, "B-PERSON"),
        ("Lee", "PROPN", "nsubj", 10, "I-PERSON"),
        (",", "PUNCT", "punct", 2, "O"),
        ("a", "DET", "det", 5, "O"),
        ("professor", "NOUN", "appos", 2, "O"),
        ("at", "ADP", "prep", 5, "O"),
        ("Acme", "PROPN", "compound", 8, "B-ORG"),
        ("University", "PROPN", "pobj", 6, "I-ORG"),
        (",", "PUNCT", "punct", 2, "O"),
        ("said", "VERB", "ROOT", 10, "O"),
        ("no", "INTJ", "dobj", 10, "O"),
        (".", "PUNCT", "punct", 10, "O"),
    ]
)


def test_a_subject_with_a_title_and_an_apposition_is_its_name_with_them_as_its_role() -> None:
    mention = mention_span(TITLED[2])
    assert mention.text == "Ann Lee"
    assert mention_kind(mention) == "name"
    assert role_of(mention) == "Sen., a professor at Acme University"


# "The Republican nominee, Maria Okafor, said no."
NOMINEE = doc_of(
    [
        ("The", "DET", "det", 2, "O"),
        ("Republican", "ADJ", "amod", 2, "B-NORP"),
        ("nominee", "NOUN", "nsubj", 7, "O"),
        (",", "PUNCT", "punct", 2, "O"),
        ("Maria", "PROPN", "compound", 5, "B-PERSON"),
        ("Okafor", "PROPN", "appos", 2, "I-PERSON"),
        (",", "PUNCT", "punct", 2, "O"),
        ("said", "VERB", "ROOT", 7, "O"),
        ("no", "INTJ", "dobj", 7, "O"),
        (".", "PUNCT", "punct", 7, "O"),
    ]
)


def test_a_description_is_its_noun_phrase_without_the_apposition() -> None:
    mention = mention_span(NOMINEE[2])
    assert mention.text == "The Republican nominee"
    assert mention_kind(mention) == "description"
    assert mention_kind(mention_span(NOMINEE[5])) == "name"


def test_the_name_beside_a_description_is_found_from_either_side() -> None:
    name = appositive_name(NOMINEE[2])
    assert name is not None and name.text == "Maria Okafor"
    assert appositive_name(NOMINEE[7]) is None  # "said" has no name beside it


def test_a_description_with_a_name_in_apposition_is_that_person() -> None:
    speaker = sieve_for(NOMINEE, apposition).resolve(NOMINEE[2])
    assert speaker is not None
    assert (speaker.name, speaker.resolution) == ("Maria Okafor", Resolution.APPOSITION)
    assert (speaker.mention, speaker.role) == ("The Republican nominee", "Republican nominee")


# -- name keys and the article's names ------------------------------------------------------


@pytest.mark.parametrize(
    "one, other",
    [
        ("Tom Diaz-Okafor", "tom diaz okafor"),
        ("Maria Okafor’s", "Maria Okafor"),
        ("T. Diaz", "T Diaz"),
    ],
)
def test_name_key_ignores_case_hyphens_dots_and_possessives(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)
    assert name_key("Tom Diaz") != name_key("Tom Diaz Jr.")


# "Maria Okafor arrived. Okafor said no."
SURNAME = doc_of(
    [
        ("Maria", "PROPN", "compound", 1, "B-PERSON"),
        ("Okafor", "PROPN", "nsubj", 2, "I-PERSON"),
        ("arrived", "VERB", "ROOT", 2, "O"),
        (".", "PUNCT", "punct", 2, "O"),
        ("Okafor", "PROPN", "nsubj", 5, "B-PERSON"),
        ("said", "VERB", "ROOT", 5, "O"),
        ("no", "INTJ", "dobj", 5, "O"),
        (".", "PUNCT", "punct", 5, "O"),
    ]
)


def test_a_bare_surname_is_expanded_to_the_fullest_name() -> None:
    names = ArticleNames(SURNAME, gender_of_name)
    assert [e.text for e in names.entries] == ["Maria Okafor", "Okafor"]
    bare = mention_span(SURNAME[4])
    assert bare.text == "Okafor"
    assert names.fullest_name(bare) == ("Maria Okafor", "PERSON")
    assert names.expand(names.entries[1]).text == "Maria Okafor"
    assert names.gender(bare) == "female"  # from her first name


def two_lees(title: str) -> Doc:
    """ "Ann Lee and Tom Lee arrived. <title> Lee said no." """
    return doc_of(
        [
            ("Ann", "PROPN", "compound", 1, "B-PERSON"),
            ("Lee", "PROPN", "nsubj", 5, "I-PERSON"),
            ("and", "CCONJ", "cc", 1, "O"),
            ("Tom", "PROPN", "compound", 4, "B-PERSON"),
            ("Lee", "PROPN", "conj", 1, "I-PERSON"),
            ("arrived", "VERB", "ROOT", 5, "O"),
            (".", "PUNCT", "punct", 5, "O"),
            (title, "PROPN", "compound", 8, "O"),
            ("Lee", "PROPN", "nsubj", 9, "B-PERSON"),
            ("said", "VERB", "ROOT", 9, "O"),
            ("no", "INTJ", "dobj", 9, "O"),
            (".", "PUNCT", "punct", 9, "O"),
        ]
    )


@pytest.mark.parametrize("title, person", [("Mr.", "Tom Lee"), ("Mrs.", "Ann Lee")])
def test_a_title_tells_apart_two_people_of_one_surname(title: str, person: str) -> None:
    doc = two_lees(title)
    names = ArticleNames(doc, gender_of_name)
    entry = names.entry_for(mention_span(doc[8]))
    assert entry is not None and entry.text == person


def test_initials_stand_for_the_organisation_the_article_spells_out() -> None:
    # "Acme Widget Company grew. AWC said no."
    doc = doc_of(
        [
            ("Acme", "PROPN", "compound", 2, "B-ORG"),
            ("Widget", "PROPN", "compound", 2, "I-ORG"),
            ("Company", "PROPN", "nsubj", 3, "I-ORG"),
            ("grew", "VERB", "ROOT", 3, "O"),
            (".", "PUNCT", "punct", 3, "O"),
            ("AWC", "PROPN", "nsubj", 6, "B-ORG"),
            ("said", "VERB", "ROOT", 6, "O"),
            ("no", "INTJ", "dobj", 6, "O"),
            (".", "PUNCT", "punct", 6, "O"),
        ]
    )
    names = ArticleNames(doc, gender_of_name)
    assert names.fullest_name(mention_span(doc[5])) == ("Acme Widget Company", "ORG")
    assert names.fullest_name(mention_span(doc[0])) == ("Acme Widget Company", "ORG")


def test_a_name_is_looked_up_among_its_candidates_only() -> None:
    # "Annaa Leeaa spoke. Annab Leeab spoke. ... Leeah said no.": a new person in each
    # sentence, and a bare surname that might be an organisation's initials.
    rows: list[tuple[str, str, str, int, str]] = []
    for i in range(60):
        at = len(rows)
        letters = chr(ord("a") + i // 26) + chr(ord("a") + i % 26)
        rows += [
            (f"Ann{letters}", "PROPN", "compound", at + 1, "B-PERSON"),
            (f"Lee{letters}", "PROPN", "nsubj", at + 2, "I-PERSON"),
            ("spoke", "VERB", "ROOT", at + 2, "O"),
            (".", "PUNCT", "punct", at + 2, "O"),
        ]
    at = len(rows)
    rows += [("Leeah", "PROPN", "nsubj", at + 1, "B-PERSON"), ("said", "VERB", "ROOT", at + 1, "O")]
    doc = doc_of(rows)
    names = ArticleNames(doc, gender_of_name)
    names.gender(mention_span(doc[1]))  # the article's genders and indexes, worked out once
    names.entries = CountingList(names.entries)
    CountingList.read = 0
    entry = names.entry_for(mention_span(doc[at]))
    assert entry is not None and entry.text == "Annah Leeah"
    assert CountingList.read <= 3  # not the 60 names of the article


# -- pronouns and descriptions --------------------------------------------------------------


def pronoun_after_two_people(pronoun: str) -> Doc:
    """ "Tom Diaz arrived. Ann Lee left. <pronoun> said no." """
    return doc_of(
        [
            ("Tom", "PROPN", "compound", 1, "B-PERSON"),
            ("Diaz", "PROPN", "nsubj", 2, "I-PERSON"),
            ("arrived", "VERB", "ROOT", 2, "O"),
            (".", "PUNCT", "punct", 2, "O"),
            ("Ann", "PROPN", "compound", 5, "B-PERSON"),
            ("Lee", "PROPN", "nsubj", 6, "I-PERSON"),
            ("left", "VERB", "ROOT", 6, "O"),
            (".", "PUNCT", "punct", 6, "O"),
            (pronoun, "PRON", "nsubj", 9, "O"),
            ("said", "VERB", "ROOT", 9, "O"),
            ("no", "INTJ", "dobj", 9, "O"),
            (".", "PUNCT", "punct", 9, "O"),
        ]
    )


@pytest.mark.parametrize("pronoun, person", [("He", "Tom Diaz"), ("She", "Ann Lee")])
def test_a_pronoun_goes_to_the_nearest_previous_subject_of_its_gender(
    pronoun: str, person: str
) -> None:
    doc = pronoun_after_two_people(pronoun)
    speaker = sieve_for(doc, previous_subject).resolve(doc[8])
    assert speaker is not None
    assert (speaker.name, speaker.resolution) == (person, Resolution.PREVIOUS_SUBJECT)
    assert speaker.mention == pronoun


def test_a_pronoun_no_previous_subject_agrees_with_is_left_unresolved() -> None:
    doc = pronoun_after_two_people("He")
    doc_names = ArticleNames(doc, lambda name: "female")  # everyone a woman
    sieve = SpeakerSieve(doc_names, None, Where(doc.text, 0), (previous_subject,))
    speaker = sieve.resolve(doc[8])
    assert speaker is not None and speaker.resolution is Resolution.UNRESOLVED


def spokeswoman_then(noun: str) -> Doc:
    """ "Acme spokeswoman Ann Lee spoke. The <noun> said no." """
    return doc_of(
        [
            ("Acme", "PROPN", "compound", 1, "B-ORG"),
            ("spokeswoman", "NOUN", "compound", 3, "O"),
            ("Ann", "PROPN", "compound", 3, "B-PERSON"),
            ("Lee", "PROPN", "nsubj", 4, "I-PERSON"),
            ("spoke", "VERB", "ROOT", 4, "O"),
            (".", "PUNCT", "punct", 4, "O"),
            ("The", "DET", "det", 7, "O"),
            (noun, "NOUN", "nsubj", 8, "O"),
            ("said", "VERB", "ROOT", 8, "O"),
            ("no", "INTJ", "dobj", 8, "O"),
            (".", "PUNCT", "punct", 8, "O"),
        ]
    )


@pytest.mark.parametrize("noun, person", [("spokeswoman", "Ann Lee"), ("spokesman", None)])
def test_a_definite_description_goes_to_the_person_given_that_role(
    noun: str, person: Optional[str]
) -> None:
    doc = spokeswoman_then(noun)
    names = ArticleNames(doc, gender_of_name)
    assert names.entries[1].role == "Acme spokeswoman"
    entry = Descriptions(names).resolve(mention_span(doc[7]))
    assert (entry.text if entry is not None else None) == person
