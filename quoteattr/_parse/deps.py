"""Dependency labels as the integer IDs that :attr:`spacy.tokens.Token.dep` holds.

Rules compare ``token.dep == nsubj`` rather than ``token.dep_ == "nsubj"``: a misspelt
name is an ``ImportError`` or a mypy error at once, where a misspelt string silently
turns a rule off. The labels are :mod:`spacy.symbols` where spaCy has a symbol for them;
the few that it has not (ClearNLP labels newer than its symbol table, and ``ROOT`` in
capitals, as the English parsers write it) are the IDs of their strings.

>>> import spacy
>>> doc = spacy.tokens.Doc(spacy.vocab.Vocab(), words=["Ann", "said"], heads=[1, 1],
...                        deps=["nsubj", "ROOT"])
>>> doc[0].dep == nsubj, doc[1].dep == ROOT
(True, True)
"""

from __future__ import annotations

from spacy.strings import get_string_id
from spacy.symbols import (
    acl,
    acomp,
    advcl,
    advmod,
    agent,
    amod,
    appos,
    attr,
    aux,
    auxpass,
    cc,
    ccomp,
    conj,
    csubj,
    csubjpass,
    dep,
    det,
    dobj,
    expl,
    intj,
    mark,
    meta,
    neg,
    nmod,
    npadvmod,
    nsubj,
    nsubjpass,
    obj,
    oprd,
    parataxis,
    pcomp,
    pobj,
    poss,
    preconj,
    prep,
    prt,
    punct,
    quantmod,
    relcl,
    xcomp,
)

__all__ = [
    "ROOT",
    "acl",
    "acomp",
    "advcl",
    "advmod",
    "agent",
    "amod",
    "appos",
    "attr",
    "aux",
    "auxpass",
    "case",
    "cc",
    "ccomp",
    "compound",
    "conj",
    "csubj",
    "csubjpass",
    "dative",
    "dep",
    "det",
    "dobj",
    "expl",
    "flat",
    "intj",
    "mark",
    "meta",
    "neg",
    "nmod",
    "npadvmod",
    "nsubj",
    "nsubjpass",
    "nummod",
    "obj",
    "oprd",
    "parataxis",
    "pcomp",
    "pobj",
    "poss",
    "preconj",
    "predet",
    "prep",
    "prt",
    "punct",
    "quantmod",
    "relcl",
    "xcomp",
]

#: The root of a sentence, as spaCy's English parsers label it.
ROOT: int = get_string_id("ROOT")
#: Labels that spaCy has no symbol for.
case: int = get_string_id("case")
compound: int = get_string_id("compound")
dative: int = get_string_id("dative")
flat: int = get_string_id("flat")
nummod: int = get_string_id("nummod")
predet: int = get_string_id("predet")
