"""The attribution rules for each main construction, on parses built by hand.

Each test builds its ``Doc`` from words, heads, labels, tags and entities, as spaCy's
own tests do, and calls the smallest rule that reads the construction: no model is
loaded, so a model update cannot break these tests, and each means exactly the tree its
table shows.
"""

from __future__ import annotations

from typing import Optional

import pytest
import spacy
from spacy.tokens import Doc, Span

from quoteattr._lexicon.cues import load_cue_lexicon
from quoteattr._marks.marks import QuoteSpan, find_quote_spans
from quoteattr._quotes.model import Detection, QuoteKind
from quoteattr._rules.attribution_cues import cue_at
from quoteattr._rules.attribution_frames import adjacent_frame, frame_before
from quoteattr._rules.attribution_parse import by_syntax
from quoteattr._rules.attribution_sources import source_of_cue
from quoteattr._rules.attribution_types import Found
from quoteattr._rules.indirect import find_indirect
from quoteattr._rules.syntax import Quoted, content_tokens

#: The vocab of a blank English pipeline: its lexical attributes (lower case, punctuation,
#: numbers), no vectors and no model.
VOCAB = spacy.blank("en").vocab
LEXICON = load_cue_lexicon()


def parse(table: str) -> Doc:
    """A Doc from a table, one token a line: ``word lemma pos tag dep head ent space``.

    ``head`` is the absolute index of the head (a root heads itself), ``ent`` an IOB tag
    ("B-PERSON", "O") and ``space`` 1 if a space follows the token.
    """
    rows = [line.split() for line in table.strip().splitlines()]
    assert all(len(row) == 8 for row in rows), rows
    words, lemmas, pos, tags, deps, heads, ents, spaces = (list(col) for col in zip(*rows))
    return Doc(
        VOCAB,
        words=words,
        spaces=[space == "1" for space in spaces],
        heads=[int(head) for head in heads],
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas,
        ents=ents,
    )


def the_quote(doc: Doc) -> tuple[Span, QuoteSpan, Quoted]:
    """The one quote of a doc: its content tokens, its span and the quoted offsets."""
    (span,) = find_quote_spans(doc.text)
    tokens = content_tokens(doc, span)
    assert tokens is not None
    return tokens, span, [(span.start, span.end)]


def said(doc: Doc, found: Optional[Found]) -> Optional[tuple[Optional[str], str, str, str]]:
    """(speaker word, cue words, cue lemma, method) of what a rule found."""
    if found is None:
        return None
    speaker = found.source.text if found.source is not None else None
    return speaker, doc[found.cue.start : found.cue.end].text, found.cue.lemma, found.method


def reported(
    doc: Doc, quoted: tuple[QuoteSpan, ...] = ()
) -> list[tuple[str, str, str, Optional[Detection], QuoteKind]]:
    """(content, speaker word, cue lemma, content rule, kind) of each report of the doc."""
    found = find_indirect(doc, LEXICON, quoted)
    return [
        (
            a.span.text,
            doc[a.source].text if a.source is not None else "",
            a.cue.lemma,
            a.detection,
            a.kind,
        )
        for a in found
        if a.cue is not None
    ]


# -- direct quotes -------------------------------------------------------------------------

SPEAKER_AFTER = """
“      “      PUNCT ``  punct    8 O        0
We     we     PRON  PRP nsubj    3 O        1
will   will   AUX   MD  aux      3 O        1
win    win    VERB  VB  ccomp    8 O        0
,      ,      PUNCT ,   punct    8 O        0
”      ”      PUNCT ''  punct    8 O        1
Ann    Ann    PROPN NNP compound 7 B-PERSON 1
Lee    Lee    PROPN NNP nsubj    8 I-PERSON 1
said   say    VERB  VBD ROOT     8 O        0
.      .      PUNCT .   punct    8 O        0
"""


def test_a_direct_quote_with_its_speaker_and_verb_after_it() -> None:
    doc = parse(SPEAKER_AFTER)
    tokens, span, quoted = the_quote(doc)
    found = adjacent_frame(doc, tokens, span, LEXICON, len(doc.text), quoted)
    assert said(doc, found) == ("Lee", "said", "say", "adjacent_frame")


def test_the_parse_links_a_direct_quote_to_the_verb_it_hangs_on() -> None:
    doc = parse(SPEAKER_AFTER)
    tokens, _, quoted = the_quote(doc)
    assert said(doc, by_syntax(tokens, LEXICON, quoted)) == ("Lee", "said", "say", "syntax")


def test_an_inverted_frame_said_then_the_speaker() -> None:
    doc = parse(
        """
“      “      PUNCT ``  punct    6 O        0
Prices price  NOUN  NNS nsubj    3 O        1
will   will   AUX   MD  aux      3 O        1
rise   rise   VERB  VB  ccomp    6 O        0
,      ,      PUNCT ,   punct    6 O        0
”      ”      PUNCT ''  punct    6 O        1
said   say    VERB  VBD ROOT     6 O        1
Tom    Tom    PROPN NNP compound 8 B-PERSON 1
Diaz   Diaz   PROPN NNP nsubj    6 I-PERSON 0
.      .      PUNCT .   punct    6 O        0
"""
    )
    tokens, span, quoted = the_quote(doc)
    found = adjacent_frame(doc, tokens, span, LEXICON, len(doc.text), quoted)
    assert said(doc, found) == ("Diaz", "said", "say", "adjacent_frame")


def test_a_colon_introduces_the_quote() -> None:
    doc = parse(
        """
Maria  Maria  PROPN NNP compound 1  B-PERSON 1
Okafor Okafor PROPN NNP nsubj    2  I-PERSON 1
said   say    VERB  VBD ROOT     2  O        0
:      :      PUNCT :   punct    2  O        1
“      “      PUNCT ``  punct    7  O        0
The    the    DET   DT  det      6  O        1
budget budget NOUN  NN  nsubj    7  O        1
is     be     AUX   VBZ ccomp    2  O        1
fair   fair   ADJ   JJ  acomp    7  O        0
.      .      PUNCT .   punct    7  O        0
”      ”      PUNCT ''  punct    2  O        0
"""
    )
    tokens, _, quoted = the_quote(doc)
    found = frame_before(doc, tokens, LEXICON, quoted)
    assert said(doc, found) == ("Okafor", "said", "say", "frame_before")


def test_a_direct_quote_according_to_a_source() -> None:
    doc = parse(
        """
“         “         PUNCT ``  punct 2 O     0
Sales     sale      NOUN  NNS nsubj 2 O     1
fell      fall      VERB  VBD ROOT  2 O     0
,         ,         PUNCT ,   punct 2 O     0
”         ”         PUNCT ''  punct 2 O     1
according accord    VERB  VBG prep  2 O     1
to        to        ADP   IN  prep  5 O     1
Acme      Acme      PROPN NNP pobj  6 B-ORG 0
.         .         PUNCT .   punct 2 O     0
"""
    )
    tokens, _, quoted = the_quote(doc)
    found = by_syntax(tokens, LEXICON, quoted)
    assert said(doc, found) == ("Acme", "according to", "according_to", "according_to")


def test_a_verb_that_is_no_cue_gives_no_attribution() -> None:
    doc = parse(
        """
“     “     PUNCT ``  punct    7 O        0
We    we    PRON  PRP nsubj    2 O        1
won   win   VERB  VBD ccomp    7 O        0
,     ,     PUNCT ,   punct    7 O        0
”     ”     PUNCT ''  punct    7 O        1
Tom   Tom   PROPN NNP compound 6 B-PERSON 1
Diaz  Diaz  PROPN NNP nsubj    7 I-PERSON 1
left  leave VERB  VBD ROOT     7 O        0
.     .     PUNCT .   punct    7 O        0
"""
    )
    tokens, span, quoted = the_quote(doc)
    assert cue_at(doc[7], LEXICON) is None
    assert adjacent_frame(doc, tokens, span, LEXICON, len(doc.text), quoted) is None
    assert by_syntax(tokens, LEXICON, quoted) is None


# -- reported speech -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "content"),
    [
        (
            """
Tom   Tom   PROPN NNP compound 1 B-PERSON 1
Diaz  Diaz  PROPN NNP nsubj    2 I-PERSON 1
said  say   VERB  VBD ROOT     2 O        1
that  that  SCONJ IN  mark     7 O        1
the   the   DET   DT  det      5 O        1
mill  mill  NOUN  NN  nsubj    7 O        1
will  will  AUX   MD  aux      7 O        1
close close VERB  VB  ccomp    2 O        0
.     .     PUNCT .   punct    2 O        0
""",
            "that the mill will close",
        ),
        (
            """
Tom   Tom   PROPN NNP compound 1 B-PERSON 1
Diaz  Diaz  PROPN NNP nsubj    2 I-PERSON 1
said  say   VERB  VBD ROOT     2 O        1
the   the   DET   DT  det      4 O        1
mill  mill  NOUN  NN  nsubj    6 O        1
will  will  AUX   MD  aux      6 O        1
close close VERB  VB  ccomp    2 O        0
.     .     PUNCT .   punct    2 O        0
""",
            "the mill will close",
        ),
    ],
)
def test_indirect_speech_said_with_or_without_that(table: str, content: str) -> None:
    doc = parse(table)
    assert reported(doc) == [(content, "Diaz", "say", Detection.CLAUSE, QuoteKind.INDIRECT)]


def test_indirect_speech_according_to_a_source() -> None:
    doc = parse(
        """
According accord VERB  VBG prep     8 O        1
to        to     ADP   IN  prep     0 O        1
Ann       Ann    PROPN NNP compound 3 B-PERSON 1
Lee       Lee    PROPN NNP pobj     1 I-PERSON 0
,         ,      PUNCT ,   punct    8 O        1
the       the    DET   DT  det      6 O        1
mill      mill   NOUN  NN  nsubj    8 O        1
will      will   AUX   MD  aux      8 O        1
close     close  VERB  VB  ROOT     8 O        0
.         .      PUNCT .   punct    8 O        0
"""
    )
    assert reported(doc) == [
        ("the mill will close", "Lee", "according_to", Detection.ACCORDING_TO, QuoteKind.INDIRECT)
    ]


def test_a_quoted_fragment_inside_reported_speech_makes_it_mixed() -> None:
    doc = parse(
        """
Ann     Ann     PROPN NNP compound 1 B-PERSON 1
Lee     Lee     PROPN NNP nsubj    2 I-PERSON 1
pledged pledge  VERB  VBD ROOT     2 O        1
to      to      PART  TO  aux      6 O        1
“       “       PUNCT ``  punct    6 O        0
fully   fully   ADV   RB  advmod   6 O        1
support support VERB  VB  xcomp    2 O        0
”       ”       PUNCT ''  punct    6 O        1
Acme    Acme    PROPN NNP dobj     6 B-ORG    0
.       .       PUNCT .   punct    2 O        0
"""
    )
    tokens, _, quoted = the_quote(doc)
    # The fragment itself has the cue it hangs on ...
    assert said(doc, by_syntax(tokens, LEXICON, quoted)) == ("Lee", "pledged", "pledge", "syntax")
    # ... and stands in a mixed report of what was pledged.
    assert reported(doc, tuple(find_quote_spans(doc.text))) == [
        ("to “fully support” Acme", "Lee", "pledge", Detection.INFINITIVE, QuoteKind.MIXED)
    ]


def test_a_passive_reports_its_subject_and_the_agent_speaks() -> None:
    doc = parse(
        """
Tom      Tom     PROPN NNP compound  1 B-PERSON 1
Diaz     Diaz    PROPN NNP nsubjpass 3 I-PERSON 1
was      be      AUX   VBD auxpass   3 O        1
endorsed endorse VERB  VBN ROOT      3 O        1
by       by      ADP   IN  agent     3 O        1
Acme     Acme    PROPN NNP pobj      4 B-ORG    0
.        .       PUNCT .   punct     3 O        0
"""
    )
    cue = cue_at(doc[3], LEXICON)
    assert cue is not None
    source = source_of_cue(doc, cue)
    assert source is not None and source.text == "Acme"
    assert reported(doc) == [("Tom Diaz", "Acme", "endorse", Detection.PASSIVE, QuoteKind.INDIRECT)]


def test_an_utterance_noun_with_its_possessor_and_clause() -> None:
    doc = parse(
        """
Ann   Ann   PROPN NNP compound 1 B-PERSON 1
Lee   Lee   PROPN NNP poss     3 I-PERSON 0
's    's    PART  POS case     1 O        1
claim claim NOUN  NN  nsubj    9 O        1
that  that  SCONJ IN  mark     8 O        1
the   the   DET   DT  det      6 O        1
mill  mill  NOUN  NN  nsubj    8 O        1
will  will  AUX   MD  aux      8 O        1
close close VERB  VB  acl      3 O        1
is    be    AUX   VBZ ROOT     9 O        1
false false ADJ   JJ  acomp    9 O        0
.     .     PUNCT .   punct    9 O        0
"""
    )
    cue = cue_at(doc[3], LEXICON)
    assert cue is not None and cue.noun
    assert reported(doc) == [
        ("that the mill will close", "Lee", "claim", Detection.CLAUSE, QuoteKind.INDIRECT)
    ]


def test_said_in_a_statement_that_reads_the_clause_hung_on_the_noun() -> None:
    doc = parse(
        """
Acme      Acme      PROPN NNP nsubj 1 B-ORG 1
said      say       VERB  VBD ROOT  1 O     1
in        in        ADP   IN  prep  1 O     1
a         a         DET   DT  det   4 O     1
statement statement NOUN  NN  pobj  2 O     1
that      that      SCONJ IN  mark  8 O     1
the       the       DET   DT  det   7 O     1
mill      mill      NOUN  NN  nsubj 8 O     1
closed    close     VERB  VBD acl   4 O     0
.         .         PUNCT .   punct 1 O     0
"""
    )
    assert reported(doc) == [
        ("that the mill closed", "Acme", "say", Detection.DISPLACED_CLAUSE, QuoteKind.INDIRECT)
    ]


def test_a_verb_that_is_no_cue_reports_nothing() -> None:
    doc = parse(
        """
Tom    Tom    PROPN NNP compound 1 B-PERSON 1
Diaz   Diaz   PROPN NNP nsubj    2 I-PERSON 1
forgot forget VERB  VBD ROOT     2 O        1
that   that   SCONJ IN  mark     7 O        1
the    the    DET   DT  det      5 O        1
mill   mill   NOUN  NN  nsubj    7 O        1
had    have   AUX   VBD aux      7 O        1
closed close  VERB  VBN ccomp    2 O        0
.      .      PUNCT .   punct    2 O        0
"""
    )
    assert cue_at(doc[2], LEXICON) is None
    assert reported(doc) == []
