"""The quote -> speaker-mention rules of ``quoteattr._rules.attribution``, on parses built by hand.

No model is loaded: each test means exactly the tree its table shows, often the wrong
tree the small English model produces, for which the surface rules exist.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import pytest
import spacy
from spacy.tokens import Doc

from quoteattr._lexicon.cues import load_cue_lexicon
from quoteattr._marks.marks import find_quote_spans
from quoteattr._quotes.model import Detection
from quoteattr._rules.attribution import attribute
from quoteattr._rules.attribution_types import Attribution
from quoteattr._rules.indirect_content import contents_of

VOCAB = spacy.blank("en").vocab
LEXICON = load_cue_lexicon()
#: (speaker word, cue words, cue lemma, method) of an attribution.
Said = Tuple[Optional[str], Optional[str], Optional[str], str]
NOBODY: Said = (None, None, None, "none")


def parse(table: str) -> Doc:
    """A Doc from a table, one token a line: word lemma pos tag dep head ent space.

    ``head`` is the absolute index of the head (a root heads itself), ``ent`` an IOB
    tag ("B-PERSON", "O") and ``space`` 1 if a space follows the token. A word written
    ``\\n`` is a line break and ``\\xa0`` a no-break space.
    """
    rows = [line.split() for line in table.strip().splitlines()]
    assert all(len(row) == 8 for row in rows), rows
    words, lemmas, pos, tags, deps, heads, ents, spaces = (list(col) for col in zip(*rows))
    return Doc(
        VOCAB,
        words=[w.replace("\\n", "\n").replace("\\xa0", "\xa0") for w in words],
        spaces=[space == "1" for space in spaces],
        heads=[int(head) for head in heads],
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas,
        ents=ents,
    )


def attributions(doc: Doc) -> List[Attribution]:
    return attribute(doc, find_quote_spans(doc.text), LEXICON)


def said(doc: Doc, a: Attribution) -> Said:
    speaker = doc[a.source].text if a.source is not None else None
    if a.cue is None:
        return speaker, None, None, a.method
    return speaker, doc[a.cue.start : a.cue.end].text, a.cue.lemma, a.method


def only(doc: Doc) -> Said:
    (a,) = attributions(doc)
    return said(doc, a)


# _adjacent_frame: “...,” Smith said / “...,” said Smith, before the parse is read.
@pytest.mark.parametrize(
    "table",
    [
        """
        “     “     PUNCT ``  punct 6 O        0
        We    we    PRON  PRP nsubj 2 O        1
        won   win   VERB  VBD ccomp 6 O        0
        ,     ,     PUNCT ,   punct 6 O        0
        ”     ”     PUNCT ''  punct 6 O        1
        Smith Smith PROPN NNP nsubj 6 B-PERSON 1
        said  say   VERB  VBD ROOT  6 O        0
        .     .     PUNCT .   punct 6 O        0
        """,
        """
        “     “     PUNCT ``  punct 5 O        0
        We    we    PRON  PRP nsubj 2 O        1
        won   win   VERB  VBD ccomp 5 O        0
        ,     ,     PUNCT ,   punct 5 O        0
        ”     ”     PUNCT ''  punct 5 O        1
        said  say   VERB  VBD ROOT  5 O        1
        Smith Smith PROPN NNP nsubj 5 B-PERSON 0
        .     .     PUNCT .   punct 5 O        0
        """,
    ],
    ids=["Smith-said", "said-Smith"],
)
def test_adjacent_frame(table: str) -> None:
    doc = parse(table)
    assert doc.text in ("“We won,” Smith said.", "“We won,” said Smith.")
    assert only(doc) == ("Smith", "said", "say", "adjacent_frame")


def test_apposed_frame_when_the_parse_folds_the_name_into_the_quote() -> None:
    # "Omar Reyes" hangs on "works"; "adviser" is the subject of "said".
    doc = parse("""
        “        “        PUNCT ``  punct    11 O        0
        It       it       PRON  PRP nsubj    2  O        1
        works    work     VERB  VBZ ccomp    11 O        0
        ,        ,        PUNCT ,   punct    2  O        0
        ”        ”        PUNCT ''  punct    2  O        1
        Omar     Omar     PROPN NNP compound 6  B-PERSON 1
        Reyes    Reyes    PROPN NNP npadvmod 2  I-PERSON 0
        ,        ,        PUNCT ,   punct    11 O        1
        an       an       DET   DT  det      9  O        1
        adviser  adviser  NOUN  NN  nsubj    11 O        0
        ,        ,        PUNCT ,   punct    11 O        1
        said     say      VERB  VBD ROOT     11 O        0
        .        .        PUNCT .   punct    11 O        0
    """)
    assert doc.text == "“It works,” Omar Reyes, an adviser, said."
    assert only(doc) == ("Reyes", "said", "say", "adjacent_frame")


# _speaker_label: the parse alone gives "Analysts", the subject of the cue "agree".
def test_speaker_label_after_a_dash() -> None:
    doc = parse("""
        Analysts  analyst  NOUN  NNS nsubj    1 O        1
        agree     agree    VERB  VBP ROOT     1 O        1
        -         -        PUNCT :   punct    1 O        1
        Nina      Nina     PROPN NNP compound 4 B-PERSON 1
        Holm      Holm     PROPN NNP dobj     1 I-PERSON 0
        :         :        PUNCT :   punct    4 O        1
        “         “        PUNCT ``  punct    4 O        0
        Close     close    ADJ   JJ  appos    4 O        0
        .         .        PUNCT .   punct    1 O        0
        ”         ”        PUNCT ''  punct    1 O        0
    """)
    assert only(doc) == ("Holm", ":", ":", "frame")


def test_the_object_of_tell_is_no_speaker_label() -> None:
    doc = parse("""
        He    he    PRON  PRP nsubj 1 O        1
        told  tell  VERB  VBD ROOT  1 O        1
        Putin Putin PROPN NNP dobj  1 B-PERSON 0
        :     :     PUNCT :   punct 1 O        1
        “     “     PUNCT ``  punct 1 O        0
        Good  good  ADJ   JJ  amod  6 O        1
        luck  luck  NOUN  NN  ccomp 1 O        0
        .     .     PUNCT .   punct 1 O        0
        ”     ”     PUNCT ''  punct 1 O        0
    """)
    assert only(doc) == ("He", "told", "tell", "frame_before")


# _headline_label: not "Lee", the topic after "On" (which _label_before_colon takes).
def test_headline_label_speaker_on_topic() -> None:
    doc = parse("""
        Acme      Acme      PROPN NNP compound 1 B-ORG 1
        President President PROPN NNP nsubj    7 O     1
        On        on        ADP   IN  prep     7 O     1
        Lee       Lee       PROPN NNP pobj     2 O     0
        :         :         PUNCT :   punct    7 O     1
        ‘         ‘         PUNCT ``  punct    7 O     0
        He        he        PRON  PRP nsubj    7 O     1
        lies      lie       VERB  VBZ ROOT     7 O     0
        .         .         PUNCT .   punct    7 O     0
        ’         ’         PUNCT ''  punct    7 O     0
    """)
    assert doc.text == "Acme President On Lee: ‘He lies.’"
    assert only(doc) == ("President", ":", ":", "frame")


def test_headline_with_a_reporting_verb_gives_not_its_topic() -> None:
    doc = parse("""
        Diaz        Diaz        PROPN NNP compound 1 B-PERSON 1
        Slams       Slams       PROPN NNP compound 2 I-PERSON 1
        Lee         Lee         PROPN NNP dep      8 I-PERSON 1
        On          on          ADP   IN  prep     2 O        1
        Housing     housing     NOUN  NN  pobj     3 O        0
        :           :           PUNCT :   punct    8 O        1
        ‘           ‘           PUNCT ``  punct    8 O        0
        He          he          PRON  PRP nsubj    8 O        1
        lies        lie         VERB  VBZ ROOT     8 O        0
        .           .           PUNCT .   punct    8 O        0
        ’           ’           PUNCT ''  punct    8 O        0
    """)
    assert only(doc)[0] in (None, "Diaz")  # not "Housing"


def test_an_opening_participle_before_to_is_no_headline_speaker() -> None:
    doc = parse("""
        Turning turn  VERB  VBG advcl 5 O        1
        to      to    ADP   IN  prep  0 O        1
        Peru    Peru  PROPN NNP pobj  1 B-GPE    0
        ,       ,     PUNCT ,   punct 5 O        1
        Lee     Lee   PROPN NNP nsubj 5 B-PERSON 1
        said    say   VERB  VBD ROOT  5 O        0
        :       :     PUNCT :   punct 5 O        1
        “       “     PUNCT ``  punct 5 O        0
        We      we    PRON  PRP nsubj 9 O        1
        won     win   VERB  VBD ccomp 5 O        0
        .       .     PUNCT .   punct 5 O        0
        ”       ”     PUNCT ''  punct 5 O        0
    """)
    assert only(doc) == ("Lee", "said", "say", "frame_before")  # not "Turning"


# _verb_after: any verb right after a quote that ends in , ! or ?
@pytest.mark.parametrize(
    ("table", "expected"),
    [
        # “Go,” Smith barked. The parse hangs "Smith" on "Go" and leaves "barked" loose.
        (
            """
            “      “     PUNCT ``  punct 1 O        0
            Go     go    VERB  VB  ROOT  1 O        0
            ,      ,     PUNCT ,   punct 1 O        0
            ”      ”     PUNCT ''  punct 1 O        1
            Smith  Smith PROPN NNP nsubj 1 B-PERSON 1
            barked bark  VERB  VBD dep   1 O        0
            .      .     PUNCT .   punct 1 O        0
            """,
            ("Smith", "barked", "bark", "frame_verb"),
        ),
        # “We won!” beamed Paul Brandt. "beam" is no cue; the parse splits the sentence.
        (
            """
            “       “       PUNCT ``  punct    2 O        0
            We      we      PRON  PRP nsubj    2 O        1
            won     win     VERB  VBD ROOT     2 O        0
            !       !       PUNCT .   punct    2 O        0
            ”       ”       PUNCT ''  punct    2 O        1
            beamed  beam    VERB  VBD ROOT     5 O        1
            Paul    Paul    PROPN NNP compound 7 B-PERSON 1
            Brandt  Brandt  PROPN NNP nsubj    5 I-PERSON 0
            .       .       PUNCT .   punct    5 O        0
            """,
            ("Brandt", "beamed", "beam", "frame_verb"),
        ),
        # “Why not?” Marsh persisted. The tagger takes "Marsh" for a common noun, and
        # "persist" is no cue.
        (
            """
            “       “       PUNCT ``  punct  2 O 0
            Why     why     SCONJ WRB advmod 2 O 1
            not     not     PART  RB  ROOT   2 O 0
            ?       ?       PUNCT .   punct  2 O 0
            ”       ”       PUNCT ''  punct  2 O 1
            Marsh     marsh   NOUN  NN  nsubj  6 O 1
            persisted persist VERB  VBD ROOT   6 O 0
            .       .       PUNCT .   punct  6 O 0
            """,
            ("Marsh", "persisted", "persist", "frame_verb"),
        ),
    ],
    ids=["Smith-barked", "beamed-Brandt", "Marsh-persisted"],
)
def test_verb_after(table: str, expected: Said) -> None:
    assert only(parse(table)) == expected


# “Dull,” was another. / “Brilliant,” was Smith’s verdict.
@pytest.mark.parametrize(
    "table",
    [
        """
        “       “       PUNCT ``  punct 4 O 0
        Dull    dull    ADJ   JJ  acomp 4 O 0
        ,       ,       PUNCT ,   punct 4 O 0
        ”       ”       PUNCT ''  punct 4 O 1
        was     be      AUX   VBD ROOT  4 O 1
        another another PRON  DT  nsubj 4 O 0
        .       .       PUNCT .   punct 4 O 0
        """,
        """
        “         “         PUNCT ``  punct 4 O        0
        Brilliant Brilliant PROPN NNP intj  4 O        0
        ,         ,         PUNCT ,   punct 4 O        0
        ”         ”         PUNCT ''  punct 4 O        1
        was       be        AUX   VBD ROOT  4 O        1
        Smith     Smith     PROPN NNP poss  7 B-PERSON 0
        ’s        ’s        PART  POS case  5 O        1
        verdict   verdict   NOUN  NN  attr  4 O        0
        .         .         PUNCT .   punct 4 O        0
        """,
    ],
    ids=["was-another", "was-Smiths-verdict"],
)
def test_a_copula_after_the_quote_is_no_frame_verb(table: str) -> None:
    assert only(parse(table)) == NOBODY


# _name_before_colon: "come" is no frame verb, so only the name can speak.
def test_name_before_colon() -> None:
    doc = parse("""
        Then     then     ADV   RB  advmod   1 O        1
        came     come     VERB  VBD ROOT     1 O        1
        pollster pollster NOUN  NN  compound 4 O        1
        Nina     Nina     PROPN NNP compound 4 B-PERSON 1
        Holm     Holm     PROPN NNP nsubj    1 I-PERSON 0
        :        :        PUNCT :   punct    1 O        1
        “        “        PUNCT ``  punct    1 O        0
        Close    close    ADJ   JJ  ccomp    1 O        0
        .        .        PUNCT .   punct    1 O        0
        ”        ”        PUNCT ''  punct    1 O        0
    """)
    assert only(doc) == ("Holm", ":", ":", "frame")


# _verb_before_colon: "grin" is no cue; the model tags "Trump" as a noun (an ORG).
def test_verb_before_colon_takes_the_subject_of_the_coordination() -> None:
    doc = parse("""
        Trump   trump PROPN NN  nsubj 1 B-ORG 1
        leaned  lean  VERB  VBD ROOT  1 O     1
        in      in    ADP   RP  prt   1 O     1
        and     and   CCONJ CC  cc    1 O     1
        grinned grin  VERB  VBN conj  1 O     0
        :       :     PUNCT :   punct 4 O     1
        “       “     PUNCT ``  punct 4 O     0
        We      we    PRON  PRP nsubj 8 O     1
        won     win   VERB  VBD ccomp 4 O     0
        .       .     PUNCT .   punct 1 O     0
        ”       ”     PUNCT ''  punct 1 O     0
    """)
    assert only(doc) == ("Trump", "grinned", "grin", "frame_verb")


def test_a_copular_clause_before_the_colon_names_nobody() -> None:
    doc = parse("""
        The    the    DET   DT  det   1 O 1
        rules  rule   NOUN  NNS nsubj 2 O 1
        are    be     AUX   VBP ROOT  2 O 1
        simple simple ADJ   JJ  acomp 2 O 0
        :      :      PUNCT :   punct 7 O 1
        “      “      PUNCT ``  punct 7 O 0
        No     no     DET   DT  det   7 O 1
        phones phone  NOUN  NNS appos 1 O 0
        .      .      PUNCT .   punct 2 O 0
        ”      ”      PUNCT ''  punct 2 O 0
    """)
    assert only(doc) == NOBODY


# The small model tags "ps" as a proper noun.
@pytest.mark.parametrize(
    ("word", "pos", "tag"),
    [("update", "NOUN", "NN"), ("ps", "PROPN", "NNP")],
)
def test_a_lowercase_word_before_the_colon_is_no_speaker_label(
    word: str, pos: str, tag: str
) -> None:
    doc = parse(f"""
        {word} {word} {pos} {tag} ROOT  0 O 0
        :      :      PUNCT :     punct 0 O 1
        “      “      PUNCT ``    punct 4 O 0
        We     we     PRON  PRP   nsubj 4 O 1
        are    be     AUX   VBP   ccomp 0 O 1
        ready  ready  ADJ   JJ    acomp 4 O 0
        .      .      PUNCT .     punct 0 O 0
        ”      ”      PUNCT ''    punct 0 O 0
    """)
    assert only(doc) == NOBODY


# _opens_next_quote: both quotes hang on "said", and "said:" opens the second one.
def test_a_cue_before_colon_and_quote_belongs_to_the_next_quote() -> None:
    doc = parse("""
        “     “     PUNCT ``  punct    6  O        0
        Ready ready ADJ   JJ  ccomp    6  O        0
        .     .     PUNCT .   punct    1  O        0
        ”     ”     PUNCT ''  punct    6  O        1
        Mr.   Mr.   PROPN NNP compound 5  O        1
        Reyes Reyes PROPN NNP nsubj    6  B-PERSON 1
        said  say   VERB  VBD ROOT     6  O        0
        :     :     PUNCT :   punct    6  O        1
        “     “     PUNCT ``  punct    6  O        0
        We    we    PRON  PRP nsubj    10 O        1
        vote  vote  VERB  VBP ccomp    6  O        0
        .     .     PUNCT .   punct    6  O        0
        ”     ”     PUNCT ''  punct    6  O        0
    """)
    first, second = attributions(doc)
    assert said(doc, first) == NOBODY
    assert said(doc, second) == ("Reyes", "said", "say", "frame_before")


# _in_parentheses: "NM" is parsed as a second subject, and "Lee" (tagged a noun) sorts after it.
def test_a_party_tag_in_parentheses_is_never_the_subject() -> None:
    doc = parse("""
        “        “        PUNCT ``    punct    13 O 0
        We       we       PRON  PRP   nsubj    2  O 1
        disagree disagree VERB  VBP   ccomp    13 O 0
        ,        ,        PUNCT ,     punct    13 O 0
        ”        ”        PUNCT ''    punct    13 O 1
        Ann      Ann      PROPN NNP   compound 6  O 1
        Lee      lee      NOUN  NN    nsubj    13 O 1
        (        (        PUNCT -LRB- punct    10 O 0
        D        D        PROPN NNP   compound 10 O 0
        -        -        PUNCT HYPH  punct    10 O 0
        NM       NM       PROPN NNP   nsubj    13 O 0
        )        )        PUNCT -RRB- punct    10 O 0
        ,        ,        PUNCT ,     punct    13 O 1
        said     say      VERB  VBD   ROOT     13 O 0
        .        .        PUNCT .     punct    13 O 0
    """)
    assert doc.text == "“We disagree,” Ann Lee (D-NM), said."
    assert only(doc) == ("Lee", "said", "say", "syntax")


# _subject_of skips quoted words: the parse makes "Prices" a subject of "said", before "she".
def test_a_subject_inside_a_quote_is_not_the_speaker() -> None:
    doc = parse("""
        “      “      PUNCT ``  punct     1 O 0
        Prices price  NOUN  NNS nsubj     5 O 0
        ,      ,      PUNCT ,   punct     5 O 0
        ”      ”      PUNCT ''  punct     5 O 1
        she    she    PRON  PRP nsubj     5 O 1
        said   say    VERB  VBD parataxis 8 O 0
        ,      ,      PUNCT ,   punct     5 O 1
        “      “      PUNCT ``  punct     8 O 0
        are    be     AUX   VBP ROOT      8 O 1
        up     up     ADV   RB  advmod    8 O 0
        .      .      PUNCT .   punct     8 O 0
        ”      ”      PUNCT ''  punct     8 O 0
    """)
    first, second = attributions(doc)
    assert said(doc, first) == ("she", "said", "say", "adjacent_frame")
    assert said(doc, second) == ("she", "said", "say", "frame_before")


# _subject_of: "went on to say" (xcomp) and "issued a statement saying" (participle on a noun).
@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (
            """
            Smith Smith PROPN NNP nsubj 1 O 1
            went  go    VERB  VBD ROOT  1 O 1
            on    on    ADP   RP  prt   1 O 1
            to    to    PART  TO  aux   4 O 1
            say   say   VERB  VB  xcomp 1 O 0
            ,     ,     PUNCT ,   punct 4 O 1
            “     “     PUNCT ``  punct 4 O 0
            It    it    PRON  PRP nsubj 8 O 1
            is    be    AUX   VBZ ccomp 4 O 1
            dead  dead  ADJ   JJ  acomp 8 O 0
            .     .     PUNCT .   punct 1 O 0
            ”     ”     PUNCT ''  punct 1 O 0
            """,
            ("Smith", "say", "say", "frame_before"),
        ),
        (
            """
            The       the       DET   DT  det   1 O 1
            ministry  ministry  NOUN  NN  nsubj 2 O 1
            issued    issue     VERB  VBD ROOT  2 O 1
            a         a         DET   DT  det   4 O 1
            statement statement NOUN  NN  dobj  2 O 1
            saying    say       VERB  VBG acl   4 O 0
            ,         ,         PUNCT ,   punct 5 O 1
            “         “         PUNCT ``  punct 5 O 0
            We        we        PRON  PRP nsubj 9 O 1
            agree     agree     VERB  VBP ccomp 5 O 0
            .         .         PUNCT .   punct 2 O 0
            ”         ”         PUNCT ''  punct 2 O 0
            """,
            ("ministry", "saying", "say", "frame_before"),
        ),
    ],
    ids=["went-on-to-say", "statement-saying"],
)
def test_the_cue_takes_the_subject_of_the_verb_it_hangs_on(table: str, expected: Said) -> None:
    assert only(parse(table)) == expected


def test_adjacent_frame_reads_a_name_the_parse_lost() -> None:
    # "Millbrook" parsed as a verb, and the name as the object of it: "said" has no subject.
    doc = parse("""
        “      “      PUNCT ``  punct    2  O        0
        We     we     PRON  PRP nsubj    2  O        1
        won    win    VERB  VBD ROOT     2  O        0
        ,      ,      PUNCT ,   punct    2  O        0
        ”      ”      PUNCT ''  punct    2  O        1
        Millbrook millbrook VERB VB dep   2  B-GPE    1
        police police NOUN  NN  compound 7  O        1
        Chief  chief  PROPN NNP dobj     5  O        1
        Ann    Ann    PROPN NNP compound 9  B-PERSON 1
        Lee    Lee    PROPN NNP appos    7  I-PERSON 1
        said   say    VERB  VBD dep      2  O        0
        .      .      PUNCT .   punct    2  O        0
    """)
    assert only(doc) == ("Lee", "said", "say", "frame_verb")


def test_according_to_read_on_the_surface_attributes_its_sentence() -> None:
    # "According" made the root, and the rest of the sentence an apposition of the source.
    doc = parse("""
        According accord VERB  VBG ROOT     0 O        1
        to        to     ADP   IN  prep     0 O        1
        host      host   NOUN  NN  compound 4 O        1
        Leo       Leo    PROPN NNP compound 4 B-PERSON 1
        Marsh     Marsh  PROPN NNP pobj     1 I-PERSON 0
        ,         ,      PUNCT ,   punct    4 O        1
        the       the    DET   DT  det      8 O        1
        plan      plan   NOUN  NN  compound 8 O        1
        smacks    smack  NOUN  NNS appos    4 O        1
        of        of     ADP   IN  prep     8 O        1
        “         “      PUNCT ``  punct    11 O       0
        panic     panic  NOUN  NN  pobj     9 O        0
        ”         ”      PUNCT ''  punct    11 O       0
        .         .      PUNCT .   punct    0 O        0
    """)
    assert only(doc) == ("Marsh", "According to", "according_to", "according_to")


CLAUSE = """
Okafor   Okafor PROPN NNP nsubj 3 B-PERSON 1
has      have   AUX   VBZ aux   3 O        1
been     be     AUX   VBN aux   3 O        1
hammering hammer VERB  VBG ROOT  3 O        1
Diaz     Diaz   PROPN NNP dobj  3 B-PERSON 1
as       as     ADP   IN  prep  3 O        1
a        a      DET   DT  det   9 O        1
“        “      PUNCT ``  punct 9 O        0
tax      tax    NOUN  NN  compound 9 O     1
cheat    cheat  NOUN  NN  pobj  5 O        0
”        ”      PUNCT ''  punct 9 O        0
.        .      PUNCT .   punct 3 O        0
"""

TITLE = """
Okafor   Okafor  PROPN NNP nsubj    1 B-PERSON 1
watched  watch   VERB  VBD ROOT     1 O        1
“        “       PUNCT ``  punct    5 O        0
Meet     Meet    PROPN NNP compound 5 O        1
the      the     DET   DT  det      5 O        1
Press    Press   PROPN NNP dobj     1 O        0
”        ”       PUNCT ''  punct    5 O        0
.        .       PUNCT .   punct    1 O        0
"""


@pytest.mark.parametrize(
    "table, expected",
    [(CLAUSE, ("Okafor", "hammering", "hammer", "clause_verb")), (TITLE, NOBODY)],
    ids=["fragment-in-a-named-clause", "a-title-has-no-speaker"],
)
def test_clause_verb(table: str, expected: Said) -> None:
    assert only(parse(table)) == expected


REPORT_THEN_QUOTE = """
Lee   Lee   PROPN NNP nsubj 1 B-PERSON 1
said  say   VERB  VBD ROOT  1 O        1
it    it    PRON  PRP nsubj 3 O        1
works work  VERB  VBZ ccomp 1 O        0
.     .     PUNCT .   punct 1 O        {space}
“     “     PUNCT ``  punct 7 O        0
We    we    PRON  PRP nsubj 7 O        1
won   win   VERB  VBD ROOT  7 O        0
.     .     PUNCT .   punct 7 O        0
”     ”     PUNCT ''  punct 7 O        0
"""


def test_a_quote_after_a_report_goes_on_with_its_speaker() -> None:
    doc = parse(REPORT_THEN_QUOTE.format(space=1))
    assert doc.text == "Lee said it works. “We won.”"
    assert only(doc) == ("Lee", "said", "say", "report_before")


def test_a_quote_opening_a_paragraph_goes_on_only_after_a_colon() -> None:
    table = REPORT_THEN_QUOTE.format(space=0).replace(
        ".     .     PUNCT .   punct 1 O        0",
        ".     .     PUNCT .   punct 1 O        0\n\\n   \\n   SPACE _SP dep   1 O        0",
        1,
    )
    doc = parse(table)
    assert only(doc) == NOBODY


def test_a_dash_signature_after_a_no_break_space() -> None:
    doc = parse("""
        “     “     PUNCT ``  punct    2 O        0
        We    we    PRON  PRP nsubj    2 O        1
        won   win   VERB  VBD ROOT     2 O        0
        .     .     PUNCT .   punct    2 O        0
        ”     ”     PUNCT ''  punct    2 O        1
        ―     ―     PUNCT :   punct    2 O        0
        \\xa0 \\xa0 SPACE _SP dep      5 O        0
        Ann   Ann   PROPN NNP compound 8 B-PERSON 1
        Lee   Lee   PROPN NNP npadvmod 2 I-PERSON 0
        .     .     PUNCT .   punct    2 O        0
    """)
    assert doc.text == "“We won.” ―\xa0Ann Lee."
    assert only(doc) == ("Lee", "―", "—", "frame")


# -- subjects the parse lost, and speakers after their verb ------------------------------

LOST_TO_A_DATE = """
On        on        ADP   IN  prep     9  O        1
Monday    Monday    PROPN NNP pobj     0  B-DATE   0
,         ,         PUNCT ,   punct    1  O        1
Ann       Ann       PROPN NNP compound 4  B-PERSON 1
Lee       Lee       PROPN NNP appos    1  I-PERSON 0
,         ,         PUNCT ,   punct    4  O        1
a         a         DET   DT  det      7  O        1
spokesman spokesman NOUN  NN  appos    4  O        0
,         ,         PUNCT ,   punct    9  O        1
said      say       VERB  VBD ROOT     9  O        0
,         ,         PUNCT ,   punct    9  O        1
“         “         PUNCT ``  punct    9  O        0
We        we        PRON  PRP nsubj    13 O        1
won       win       VERB  VBD ccomp    9  O        0
.         .         PUNCT .   punct    9  O        0
”         ”         PUNCT ''  punct    9  O        0
"""

HUNG_ON_THE_SPEAKER = """
“        “       PUNCT ``  punct    2  O        0
We       we      PRON  PRP nsubj    2  O        1
won      win     VERB  VBD ROOT     2  O        0
!        !       PUNCT .   punct    2  O        0
”        ”       PUNCT ''  punct    2  O        1
the      the     DET   DT  det      6  O        1
nominee  nominee NOUN  NN  ROOT     6  O        0
,        ,       PUNCT ,   punct    6  O        1
Ann      Ann     PROPN NNP compound 9  B-PERSON 1
Lee      Lee     PROPN NNP appos    6  I-PERSON 0
,        ,       PUNCT ,   punct    6  O        1
tweeted  tweet   VERB  VBN acl      6  O        0
.        .       PUNCT .   punct    6  O        0
"""

OBJECT_AFTER_THE_VERB = """
“        “        PUNCT ``  punct 5 O      0
We       we       PRON  PRP nsubj 2 O      1
won      win      VERB  VBD ccomp 5 O      0
,        ,        PUNCT ,   punct 5 O      0
”        ”        PUNCT ''  punct 5 O      1
added    add      VERB  VBD ROOT  5 O      1
another  another  DET   DT  det   7 O      1
Democrat Democrat PROPN NNP dobj  5 B-NORP 0
.        .        PUNCT .   punct 5 O      0
"""

NAME_TAKEN_FOR_AN_ADVERB = """
“      “      PUNCT ``  punct  5 O 0
We     we     PRON  PRP nsubj  2 O 1
won    win    VERB  VBD ccomp  5 O 0
,      ,      PUNCT ,   punct  5 O 0
”      ”      PUNCT ''  punct  5 O 1
said   say    VERB  VBD ROOT   5 O 1
Early  early  ADV   RB  advmod 5 O 0
.      .      PUNCT .   punct  5 O 0
"""

A_DAY_AFTER_THE_VERB = """
“      “      PUNCT ``  punct    5 O      0
We     we     PRON  PRP nsubj    2 O      1
won    win    VERB  VBD ccomp    5 O      0
,      ,      PUNCT ,   punct    5 O      0
”      ”      PUNCT ''  punct    5 O      1
said   say    VERB  VBD ROOT     5 O      1
Sunday Sunday PROPN NNP npadvmod 5 B-DATE 0
.      .      PUNCT .   punct    5 O      0
"""

# "Lee seemed upset, telling reporters, “Many people said it failed.”": the parse makes
# the words before the quote a clause of the quoted "said".
PARTICIPLE_ON_A_CLAUSE_OF_THE_QUOTE = """
Lee       Lee      PROPN NNP nsubj 1  B-PERSON 1
seemed    seem     VERB  VBD ccomp 10 O        1
upset     upset    ADJ   JJ  acomp 1  O        0
,         ,        PUNCT ,   punct 1  O        1
telling   tell     VERB  VBG advcl 1  O        1
reporters reporter NOUN  NNS dobj  4  O        0
,         ,        PUNCT ,   punct 1  O        1
“         “        PUNCT ``  punct 10 O        0
Many      many     ADJ   JJ  amod  9  O        1
people    people   NOUN  NNS nsubj 10 O        1
said      say      VERB  VBD ROOT  10 O        1
it        it       PRON  PRP nsubj 12 O        1
failed    fail     VERB  VBD ccomp 10 O        0
.         .        PUNCT .   punct 10 O        0
”         ”        PUNCT ''  punct 10 O        0
"""


@pytest.mark.parametrize(
    "table, expected",
    [
        (LOST_TO_A_DATE, ("Lee", "said", "say", "frame_before")),
        (HUNG_ON_THE_SPEAKER, ("Lee", "tweeted", "tweet", "frame")),
        (OBJECT_AFTER_THE_VERB, ("Democrat", "added", "add", "adjacent_frame")),
        (NAME_TAKEN_FOR_AN_ADVERB, ("Early", "said", "say", "adjacent_frame")),
        (PARTICIPLE_ON_A_CLAUSE_OF_THE_QUOTE, ("Lee", "telling", "tell", "frame_before")),
    ],
    ids=[
        "name-hung-on-a-date",
        "verb-hung-on-the-speaker",
        "speaker-parsed-as-object",
        "name-parsed-as-adverb",
        "participle-on-a-clause-of-the-quote",
    ],
)
def test_a_speaker_the_parse_misplaced(table: str, expected: Said) -> None:
    assert only(parse(table)) == expected


def test_a_day_after_the_verb_is_no_speaker() -> None:
    speaker, _, _, _ = only(parse(A_DAY_AFTER_THE_VERB))
    assert speaker != "Sunday"


NEW_SENTENCE_AFTER_THE_QUOTE = """
“       “       PUNCT ``  punct 2 O 0
We      we      PRON  PRP nsubj 2 O 1
won     win     VERB  VBD ccomp 6 O 0
.       .       PUNCT .   punct 2 O 0
”       ”       PUNCT ''  punct 6 O 1
{who}   {lemma} {pos} {tag} nsubj 6 O 1
said    say     VERB  VBD ROOT  6 O 1
little  little  ADJ   JJ  dobj  6 O 0
.       .       PUNCT .   punct 6 O 0
"""


def test_a_quote_ending_its_sentence_is_not_reported_by_the_next_one() -> None:
    # “We won.” Critics said little: the full stop inside the marks and the capital after
    # it open a new sentence.
    critics = parse(
        NEW_SENTENCE_AFTER_THE_QUOTE.format(who="Critics", lemma="critic", pos="NOUN", tag="NNS")
    )
    assert only(critics) == NOBODY
    # “We won.” he said: a slip of the pen, still one sentence.
    he = parse(NEW_SENTENCE_AFTER_THE_QUOTE.format(who="he", lemma="he", pos="PRON", tag="PRP"))
    assert only(he)[:3] == ("he", "said", "say")


def test_a_signature_on_the_line_after_the_quote() -> None:
    doc = parse("""
        “     “     PUNCT ``  punct    2 O        0
        We    we    PRON  PRP nsubj    2 O        1
        won   win   VERB  VBD ROOT     2 O        0
        .     .     PUNCT .   punct    2 O        0
        ”     ”     PUNCT ''  punct    2 O        0
        \\n\\n  \\n\\n  SPACE _SP dep      4 O        0
        -     -     PUNCT :   punct    8 O        1
        Ann   Ann   PROPN NNP compound 8 B-PERSON 1
        Lee   Lee   PROPN NNP ROOT     8 I-PERSON 0
        .     .     PUNCT .   punct    8 O        0
    """)
    assert doc.text == "“We won.”\n\n- Ann Lee."
    assert only(doc) == ("Lee", "-", "—", "frame")


WENT_ON = """
“     “    PUNCT ``  punct 2 O        0
Right right ADJ  JJ  ROOT  2 O        0
?     ?    PUNCT .   punct 2 O        0
”     ”    PUNCT ''  punct 2 O        1
Lee   Lee  PROPN NNP nsubj 5 B-PERSON 1
went  go   VERB  VBD ROOT  5 O        1
{particle} {particle} ADP RP prt 5 O 0
.     .    PUNCT .   punct 5 O        0
"""


def test_a_verb_that_reports_only_with_its_particle() -> None:
    assert only(parse(WENT_ON.format(particle="on"))) == (
        "Lee",
        "went on",
        "go_on",
        "adjacent_frame",
    )
    assert only(parse(WENT_ON.format(particle="off")))[1] is None  # "went off" says nothing


PARTICIPLE_BETWEEN = """
Lee   Lee   PROPN NNP dep   2 B-PERSON 0
,     ,     PUNCT ,   punct 7 O        1
asked ask   VERB  VBN advcl 7 O        1
about about ADP   IN  prep  2 O        1
it    it    PRON  PRP pobj  3 O        0
,     ,     PUNCT ,   punct 7 O        1
had   have  AUX   VBD aux   7 O        1
said  say   VERB  VBN ROOT  7 O        0
,     ,     PUNCT ,   punct 7 O        1
“     “     PUNCT ``  punct 7 O        0
We    we    PRON  PRP nsubj 11 O       1
won   win   VERB  VBD ccomp 7 O        0
.     .     PUNCT .   punct 7 O        0
”     ”     PUNCT ''  punct 7 O        0
"""

RELATIVE_BETWEEN = """
Of     of     ADP   IN  nsubj 9  O        1
Diaz   Diaz   PROPN NNP pobj  0  B-PERSON 0
,      ,      PUNCT ,   punct 0  O        1
Lee    Lee    PROPN NNP appos 0  B-PERSON 0
,      ,      PUNCT ,   punct 3  O        1
who    who    PRON  WP  nsubj 6  O        1
gave   give   VERB  VBD relcl 3  O        1
money  money  NOUN  NN  dobj  6  O        0
,      ,      PUNCT ,   punct 9  O        1
said   say    VERB  VBD ROOT  9  O        0
,      ,      PUNCT ,   punct 9  O        1
“      “      PUNCT ``  punct 9  O        0
We     we     PRON  PRP nsubj 13 O        1
won    win    VERB  VBD ccomp 9  O        0
.      .      PUNCT .   punct 9  O        0
”      ”      PUNCT ''  punct 9  O        0
"""

ADJECTIVE_SPEAKER = """
“     “     PUNCT ``  punct 1 O 0
Why   why   ADV   WRB ROOT  1 O 0
?     ?     PUNCT .   punct 1 O 0
”     ”     PUNCT ''  punct 1 O 1
the   the   DET   DT  det   5 O 1
old   old   ADJ   JJ  ROOT  5 O 1
asked ask   VERB  VBD acl   5 O 0
.     .     PUNCT .   punct 5 O 0
"""


@pytest.mark.parametrize(
    "table, expected",
    [
        (PARTICIPLE_BETWEEN, ("Lee", "said")),
        (RELATIVE_BETWEEN, ("Lee", "said")),
        (ADJECTIVE_SPEAKER, ("old", "asked")),
    ],
    ids=["participle-and-auxiliary", "relative-clause-and-a-preposition-as-subject", "adjective"],
)
def test_a_subject_read_before_its_verb(table: str, expected: Tuple[str, str]) -> None:
    assert only(parse(table))[:2] == expected


# “Risk,” said Ann Lee, an economist who leads it, “is high.”: the parse takes the first
# quote for the subject and the name for the subject of the second.
SPLIT_BY_A_PARENTHETICAL = """
“         “         PUNCT ``  punct    4  O        0
Risk      risk      NOUN  NN  nsubj    4  O        0
,         ,         PUNCT ,   punct    4  O        0
”         ”         PUNCT ''  punct    4  O        1
said      say       VERB  VBD ROOT     4  O        1
Ann       Ann       PROPN NNP compound 6  B-PERSON 1
Lee       Lee       PROPN NNP nsubj    15 I-PERSON 0
,         ,         PUNCT ,   punct    6  O        1
an        an        DET   DT  det      9  O        1
economist economist NOUN  NN  appos    6  O        1
who       who       PRON  WP  nsubj    11 O        1
leads     lead      VERB  VBZ relcl    9  O        1
it        it        PRON  PRP dobj     11 O        0
,         ,         PUNCT ,   punct    6  O        1
“         “         PUNCT ``  punct    15 O        0
is        be        AUX   VBZ ccomp    4  O        1
high      high      ADJ   JJ  acomp    15 O        0
.         .         PUNCT .   punct    4  O        0
”         ”         PUNCT ''  punct    4  O        0
"""


def test_a_name_after_a_parenthetical_verb_speaks_both_halves() -> None:
    doc = parse(SPLIT_BY_A_PARENTHETICAL)
    assert [said(doc, a)[:2] for a in attributions(doc)] == [("Lee", "said"), ("Lee", "said")]


# -- content rules of reported speech, on hand-built parses --------------------------------

CLOSING_FRAME = """
Ann Ann PROPN NNP compound 1 B-PERSON 1
Lee Lee PROPN NNP nsubj 2 I-PERSON 1
left leave VERB VBD ROOT 2 O 0
, , PUNCT , punct 5 O 1
he he PRON PRP nsubj 5 O 1
said say VERB VBD {dep} 2 O 0
. . PUNCT . punct 2 O 0
"""


@pytest.mark.parametrize("dep", ["advcl", "conj"])
def test_a_closing_frame_reports_the_clause_before_it(dep: str) -> None:
    doc = parse(CLOSING_FRAME.format(dep=dep))
    rule, ranges = contents_of(doc[5], False, LEXICON)
    assert rule is Detection.CLAUSE_AROUND
    assert [doc[a:b].text for a, b in ranges] == ["Ann Lee left"]


def test_a_closing_frame_takes_the_subject_nearest_the_cue() -> None:
    # The parse hung a second subject far to the left on the cue ("people ... , she said").
    doc = parse(
        """
people people NOUN NNS nsubj 5 O 1
left leave VERB VBD ROOT 1 O 1
early early ADV RB advmod 1 O 0
, , PUNCT , punct 5 O 1
she she PRON PRP nsubj 5 O 1
said say VERB VBD advcl 1 O 0
. . PUNCT . punct 1 O 0
"""
    )
    rule, ranges = contents_of(doc[5], False, LEXICON)
    assert rule is Detection.CLAUSE_AROUND
    assert [doc[a:b].text for a, b in ranges] == ["people left early"]


def test_a_reason_is_no_closing_frame() -> None:
    doc = parse(
        """
Lee Lee PROPN NNP nsubj 1 B-PERSON 1
left leave VERB VBD ROOT 1 O 1
because because SCONJ IN mark 4 O 1
he he PRON PRP nsubj 4 O 1
said say VERB VBD advcl 1 O 1
so so ADV RB advmod 4 O 0
. . PUNCT . punct 1 O 0
"""
    )
    assert contents_of(doc[4], False, LEXICON) == (None, [])
