"""The word classes of reported speech, read once from ``data/indirect_words.txt``.

>>> "liken" in COMPARING_VERBS, sorted(TOPIC_PREPOSITIONS["speak"])
(True, ['about', 'of'])
"""

from __future__ import annotations

from quoteattr._lexicon.words import load_word_classes

__all__ = [
    "ADDRESSEE_VERBS",
    "ASPECTUAL_VERBS",
    "COMPARING_VERBS",
    "DOCUMENT_NOUNS",
    "FINDING_VERBS",
    "GERUND_VERBS",
    "INFINITIVE_VERBS",
    "JUDGING_VERBS",
    "LABEL_WORDS",
    "LIGHT_VERBS",
    "NAMING_VERBS",
    "NORM_NOUNS",
    "PREPOSITION_CONTENT",
    "SHARES",
    "TOPIC_PREPOSITIONS",
]

_WORDS = load_word_classes("indirect_words.txt")
#: Verbs that name what they report: "called **the charges unsubstantiated**".
NAMING_VERBS = _WORDS.words("naming")
#: Verbs that judge with a reason: "accused **Putin of lying**".
JUDGING_VERBS = _WORDS.words("judging")
#: Verbs that liken with a match: "likened **the company to a casino**".
COMPARING_VERBS = _WORDS.words("comparing")
#: Verbs of proposing whose gerund is what was proposed: "proposed **raising** it".
GERUND_VERBS = _WORDS.words("gerund")
#: Verbs that govern a cue in the infinitive and share its subject: "**appeared** to suggest".
ASPECTUAL_VERBS = _WORDS.words("aspectual")
#: Verbs that state a view through a noun, with the nouns: "expressed **concern**".
LIGHT_VERBS = _WORDS.table("light")
#: Verbs by which a document or a measurement finds: "Polls **show** a close race".
FINDING_VERBS = _WORDS.words("finding")
#: Nouns of documents and measurements that speak: "**records** show".
DOCUMENT_NOUNS = _WORDS.words("document")
#: Nouns of a share of a group: "**most** of his supporters".
SHARES = _WORDS.words("share")
#: Words that open a line label that names no speaker ("UPDATE:").
LABEL_WORDS = _WORDS.words("label")
#: Verbs with the prepositions that attach what they speak of: "spoke **about** the cost".
TOPIC_PREPOSITIONS = _WORDS.table("topic")
#: Verbs that report an infinitive: "vowed **to fully support Russia**".
INFINITIVE_VERBS = _WORDS.words("infinitive")
#: Verbs with the prepositions that attach what they ask for: "called **for** an inquiry".
PREPOSITION_CONTENT = _WORDS.table("asks_for")
#: Verbs that report with an addressee as their object: "told reporters about it".
ADDRESSEE_VERBS = _WORDS.words("addressee")
#: Nouns of a norm, not a source: "according to **plan**".
NORM_NOUNS = _WORDS.words("norm")
