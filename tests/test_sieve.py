"""The speaker sieve (:mod:`quoteattr._speakers.sieve`), rule by rule, on hand-built parses.

As in spaCy's own tests, every ``Doc`` is built by hand from a blank English vocab with
its tags, parse and entities given, so no statistical model is needed and each rule
sees exactly the parse it is written for.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence

import pytest
import spacy
from spacy.tokens import Doc, Token

from quoteattr._parse.coref import name_gender
from quoteattr._quotes.model import Resolution, Speaker
from quoteattr._speakers import sieve as qs
from quoteattr._speakers.mentions import is_speaker_mention, mention_kind, mention_span
from quoteattr._speakers.sieve import Mention, Rule, SpeakerSieve, Where
from quoteattr._speakers.sieve_descriptions import (
    apposition,
    description,
    earlier_description,
    role_gender,
    salient_person,
    topic_person,
)
from quoteattr._speakers.sieve_names import explicit
from quoteattr._speakers.sieve_pronouns import (
    author,
    clause_subject,
    coreference,
    nearest_person,
    only_candidate,
    previous_subject,
    relative,
)
from quoteattr._speakers.speakers import ArticleNames

VOCAB = spacy.blank("en").vocab


def parse(table: str) -> Doc:
    """A Doc from a table, one token a row: ``word lemma pos tag dep head ent space``.

    ``head`` is the absolute index of the token's head (a ROOT heads itself, and each
    ROOT starts a sentence), ``ent`` an IOB tag ("B-PERSON", "O"), ``space`` 1 if a space
    follows the token. A lemma ``=`` is the word itself; the word ``\\n`` is a line break.
    """
    rows = [line.split() for line in table.strip().splitlines()]
    assert all(len(row) == 8 for row in rows), [row for row in rows if len(row) != 8]
    words = [row[0].replace("\\n", "\n") for row in rows]
    return Doc(
        VOCAB,
        words=words,
        spaces=[row[7] == "1" for row in rows],
        lemmas=[word if row[1] == "=" else row[1] for word, row in zip(words, rows)],
        pos=[row[2] for row in rows],
        tags=[row[3] for row in rows],
        deps=[row[4] for row in rows],
        heads=[int(row[5]) for row in rows],
        ents=[row[6] for row in rows],
    )


class FirstPerson:
    """A stand-in for the coreference model: every mention refers to the first PERSON token."""

    def __init__(self, doc: Doc) -> None:
        self.first = [t for t in doc if t.ent_type_ == "PERSON"][:1]

    def antecedents(self, tok: Token) -> List[Token]:
        return self.first


def make_sieve(
    doc: Doc, coref: Optional[FirstPerson] = None, rules: Optional[Sequence[Rule]] = None
) -> SpeakerSieve:
    """The sieve as ``build_quotes`` builds it; the quoted spans are those within “ ”."""
    quoted = [(m.start(1), m.end(1)) for m in re.finditer("“([^”]*)”", doc.text)]
    names = ArticleNames(doc, name_gender, quoted)
    return SpeakerSieve(names, coref, Where(doc.text, 0), rules)  # type: ignore[arg-type]


def resolve(table: str, i: int) -> Speaker:
    doc = parse(table)
    speaker = make_sieve(doc).resolve(doc[i])
    assert speaker is not None
    return speaker


# "John Smith arrived. Smith said he would stay."
SMITH = """
John    =      PROPN NNP compound 1 B-PERSON 1
Smith   =      PROPN NNP nsubj    2 I-PERSON 1
arrived arrive VERB  VBD ROOT     2 O        0
.       =      PUNCT .   punct    2 O        1
Smith   =      PROPN NNP nsubj    5 B-PERSON 1
said    say    VERB  VBD ROOT     5 O        1
he      =      PRON  PRP nsubj    8 O        1
would   =      AUX   MD  aux      8 O        1
stay    =      VERB  VB  ccomp    5 O        0
.       =      PUNCT .   punct    5 O        0
"""

# "Her adviser, Omar Reyes, said no."
APPOS = """
Her     her    PRON  PRP$ poss     1 O        1
adviser =      NOUN  NN   nsubj    6 O        0
,       =      PUNCT ,    punct    1 O        1
Omar    =      PROPN NNP  compound 4 B-PERSON 1
Reyes   =      PROPN NNP  appos    1 I-PERSON 0
,       =      PUNCT ,    punct    1 O        1
said    say    VERB  VBD  ROOT     6 O        1
no      =      INTJ  UH   dobj     6 O        0
.       =      PUNCT .    punct    6 O        0
"""

# "Hillary Clinton arrived. Clinton, who said no, left."
RELATIVE = """
Hillary =      PROPN NNP compound 1  B-PERSON 1
Clinton =      PROPN NNP nsubj    2  I-PERSON 1
arrived arrive VERB  VBD ROOT     2  O        0
.       =      PUNCT .   punct    2  O        1
Clinton =      PROPN NNP nsubj    10 B-PERSON 0
,       =      PUNCT ,   punct    4  O        1
who     =      PRON  WP  nsubj    7  O        1
said    say    VERB  VBD relcl    4  O        1
no      =      INTJ  UH  dobj     7  O        0
,       =      PUNCT ,   punct    4  O        1
left    leave  VERB  VBD ROOT     10 O        0
.       =      PUNCT .   punct    10 O        0
"""

# "I said no.\nJane Doe is a professor at Elm College."
AUTHOR = """
I         i     PRON  PRP nsubj    1  O     1
said      say   VERB  VBD ROOT     1  O     1
no        =     INTJ  UH  dobj     1  O     0
.         =     PUNCT .   punct    1  O     0
\\n       =     SPACE _SP dep      1  O     0
Jane      =     PROPN NNP compound 6  B-PERSON 1
Doe       =     PROPN NNP nsubj    7  I-PERSON 1
is        be    AUX   VBZ ROOT     7  O     1
a         =     DET   DT  det      9  O     1
professor =     NOUN  NN  attr     7  O     1
at        =     ADP   IN  prep     9  O     1
Elm       =     PROPN NNP compound 12 B-ORG 1
College   =     PROPN NNP pobj     10 I-ORG 0
.         =     PUNCT .   punct    7  O     0
"""

# "Mary Jones spoke. She said no. He said yes."
JONES = """
Mary  =     PROPN NNP compound 1 B-PERSON 1
Jones =     PROPN NNP nsubj    2 I-PERSON 1
spoke speak VERB  VBD ROOT     2 O        0
.     =     PUNCT .   punct    2 O        1
She   she   PRON  PRP nsubj    5 O        1
said  say   VERB  VBD ROOT     5 O        1
no    =     INTJ  UH  dobj     5 O        0
.     =     PUNCT .   punct    5 O        1
He    he    PRON  PRP nsubj    9 O        1
said  say   VERB  VBD ROOT     9 O        1
yes   =     INTJ  UH  dobj     9 O        0
.     =     PUNCT .   punct    9 O        0
"""

# "Russian President Vladimir Putin arrived. The Russian president said no.
#  Officials agreed. A spokesman agreed."
PUTIN = """
Russian   russian   ADJ   JJ  amod     3  B-NORP   1
President president PROPN NNP compound 3  O        1
Vladimir  =         PROPN NNP compound 3  B-PERSON 1
Putin     =         PROPN NNP nsubj    4  I-PERSON 1
arrived   arrive    VERB  VBD ROOT     4  O        0
.         =         PUNCT .   punct    4  O        1
The       the       DET   DT  det      8  O        1
Russian   russian   ADJ   JJ  amod     8  B-NORP   1
president =         NOUN  NN  nsubj    9  O        1
said      say       VERB  VBD ROOT     9  O        1
no        =         INTJ  UH  dobj     9  O        0
.         =         PUNCT .   punct    9  O        1
Officials official  NOUN  NNS nsubj    13 O        1
agreed    agree     VERB  VBD ROOT     13 O        0
.         =         PUNCT .   punct    13 O        1
A         a         DET   DT  det      16 O        1
spokesman =         NOUN  NN  nsubj    17 O        1
agreed    agree     VERB  VBD ROOT     17 O        0
.         =         PUNCT .   punct    17 O        0
"""

# "Donald Trump spoke. Trump praised workers. The Republican nominee said no.
#  The Vermont senator disagreed."
TRUMP = """
Donald     =          PROPN NNP compound 1  B-PERSON 1
Trump      =          PROPN NNP nsubj    2  I-PERSON 1
spoke      speak      VERB  VBD ROOT     2  O        0
.          =          PUNCT .   punct    2  O        1
Trump      =          PROPN NNP nsubj    5  B-PERSON 1
praised    praise     VERB  VBD ROOT     5  O        1
workers    worker     NOUN  NNS dobj     5  O        0
.          =          PUNCT .   punct    5  O        1
The        the        DET   DT  det      10 O        1
Republican republican ADJ   JJ  amod     10 B-NORP   1
nominee    =          NOUN  NN  nsubj    11 O        1
said       say        VERB  VBD ROOT     11 O        1
no         =          INTJ  UH  dobj     11 O        0
.          =          PUNCT .   punct    11 O        1
The        the        DET   DT  det      16 O        1
Vermont    =          PROPN NNP compound 16 B-GPE    1
senator    =          NOUN  NN  nsubj    17 O        1
disagreed  disagree   VERB  VBD ROOT     17 O        0
.          =          PUNCT .   punct    17 O        0
"""

# "Texas Sen. Ann Lee spoke. The Vermont senator disagreed."
LEE = """
Texas     =        PROPN NNP compound 3 B-GPE    1
Sen.      =        PROPN NNP compound 3 O        1
Ann       =        PROPN NNP compound 3 B-PERSON 1
Lee       =        PROPN NNP nsubj    4 I-PERSON 1
spoke     speak    VERB  VBD ROOT     4 O        0
.         =        PUNCT .   punct    4 O        1
The       the      DET   DT  det      8 O        1
Vermont   =        PROPN NNP compound 8 B-GPE    1
senator   =        NOUN  NN  nsubj    9 O        1
disagreed disagree VERB  VBD ROOT     9 O        0
.         =        PUNCT .   punct    9 O        0
"""

# "Ann Lee spoke. Lee praised Ed Ray. Ray left. Lee stayed.\n
#  Taxes rose. The Vermont senator said no. The businessman said no."
# The sentence before the description has no person as subject: the article's topic decides.
TOPIC = """
Ann         =        PROPN NNP compound 1  B-PERSON 1
Lee         =        PROPN NNP nsubj    2  I-PERSON 1
spoke       speak    VERB  VBD ROOT     2  O        0
.           =        PUNCT .   punct    2  O        1
Lee         =        PROPN NNP nsubj    5  B-PERSON 1
praised     praise   VERB  VBD ROOT     5  O        1
Ed          =        PROPN NNP compound 7  B-PERSON 1
Ray         =        PROPN NNP dobj     5  I-PERSON 0
.           =        PUNCT .   punct    5  O        1
Ray         =        PROPN NNP nsubj    10 B-PERSON 1
left        leave    VERB  VBD ROOT     10 O        0
.           =        PUNCT .   punct    10 O        1
Lee         =        PROPN NNP nsubj    13 B-PERSON 1
stayed      stay     VERB  VBD ROOT     13 O        0
.           =        PUNCT .   punct    13 O        0
\\n         =        SPACE _SP dep      13 O        0
Taxes       tax      NOUN  NNS nsubj    17 O        1
rose        rise     VERB  VBD ROOT     17 O        0
.           =        PUNCT .   punct    17 O        1
The         the      DET   DT  det      21 O        1
Vermont     =        PROPN NNP compound 21 B-GPE    1
senator     =        NOUN  NN  nsubj    22 O        1
said        say      VERB  VBD ROOT     22 O        1
no          =        INTJ  UH  dobj     22 O        0
.           =        PUNCT .   punct    22 O        1
The         the      DET   DT  det      26 O        1
businessman =        NOUN  NN  nsubj    27 O        1
said        say      VERB  VBD ROOT     27 O        1
no          =        INTJ  UH  dobj     27 O        0
.           =        PUNCT .   punct    27 O        0
"""

# "I said no.\nAnn Lee." -- a reader's letter and its signature
LETTER = """
I         i     PRON  PRP nsubj    1 O        1
said      say   VERB  VBD ROOT     1 O        1
no        =     INTJ  UH  dobj     1 O        0
.         =     PUNCT .   punct    1 O        0
\\n        =     SPACE _SP dep      1 O        0
Ann       =     PROPN NNP compound 6 B-PERSON 1
Lee       =     PROPN NNP ROOT     6 I-PERSON 0
.         =     PUNCT .   punct    6 O        0
"""

# "A new report came out. The report said no."
REPORT = """
A      a      DET   DT  det    2 O 1
new    =      ADJ   JJ  amod   2 O 1
report =      NOUN  NN  nsubj  3 O 1
came   come   VERB  VBD ROOT   3 O 1
out    =      ADP   RP  prt    3 O 0
.      =      PUNCT .   punct  3 O 1
The    the    DET   DT  det    7 O 1
report =      NOUN  NN  nsubj  8 O 1
said   say    VERB  VBD ROOT   8 O 1
no     =      INTJ  UH  dobj   8 O 0
.      =      PUNCT .   punct  8 O 0
"""


# "Jane Doe Pins Hopes\nJane Doe spoke. Jane said no.": the headline's entity
# runs on over "Pins"; the body gives the name in full.
HEADLINE = """
Jane  =     PROPN NNP compound 2  B-PERSON 1
Doe   =     PROPN NNP compound 2  I-PERSON 1
Pins  =     PROPN NNP nsubj    3  I-PERSON 1
Hopes hope  PROPN NNP ROOT     3  O        0
\\n   =     SPACE _SP dep      3  O        0
Jane  =     PROPN NNP compound 6  B-PERSON 1
Doe   =     PROPN NNP nsubj    7  I-PERSON 1
spoke speak VERB  VBD ROOT     7  O        0
.     =     PUNCT .   punct    7  O        1
Jane  =     PROPN NNP nsubj    10 B-PERSON 1
said  say   VERB  VBD ROOT     10 O        1
no    =     INTJ  UH  dobj     10 O        0
.     =     PUNCT .   punct    10 O        0
"""

# "John Smith met Mary Smith. Mrs. Smith spoke. Mr. Smith left."
TITLES = """
John  =     PROPN NNP compound 1  B-PERSON 1
Smith =     PROPN NNP nsubj    2  I-PERSON 1
met   meet  VERB  VBD ROOT     2  O        1
Mary  =     PROPN NNP compound 4  B-PERSON 1
Smith =     PROPN NNP dobj     2  I-PERSON 0
.     =     PUNCT .   punct    2  O        1
Mrs.  =     PROPN NNP compound 7  O        1
Smith =     PROPN NNP nsubj    8  B-PERSON 1
spoke speak VERB  VBD ROOT     8  O        0
.     =     PUNCT .   punct    8  O        1
Mr.   =     PROPN NNP compound 11 O        1
Smith =     PROPN NNP nsubj    12 B-PERSON 1
left  leave VERB  VBD ROOT     12 O        0
.     =     PUNCT .   punct    12 O        0
"""

# "Officials met. They said no."
THEY = """
Officials official NOUN  NNS nsubj 1 O 1
met       meet     VERB  VBD ROOT  1 O 0
.         =        PUNCT .   punct 1 O 1
They      they     PRON  PRP nsubj 4 O 1
said      say      VERB  VBD ROOT  4 O 1
no        =        INTJ  UH  dobj  4 O 0
.         =        PUNCT .   punct 4 O 0
"""

# "Ann Lee spoke. “Mary Jones lied.” She said no."
QUOTED = """
Ann   =     PROPN NNP compound 1  B-PERSON 1
Lee   =     PROPN NNP nsubj    2  I-PERSON 1
spoke speak VERB  VBD ROOT     2  O        0
.     =     PUNCT .   punct    2  O        1
“     =     PUNCT ``  punct    7  O        0
Mary  =     PROPN NNP compound 6  B-PERSON 1
Jones =     PROPN NNP nsubj    7  I-PERSON 1
lied  lie   VERB  VBD ROOT     7  O        0
.     =     PUNCT .   punct    7  O        0
”     =     PUNCT ''  punct    7  O        1
She   she   PRON  PRP nsubj    11 O        1
said  say   VERB  VBD ROOT     11 O        1
no    =     INTJ  UH  dobj     11 O        0
.     =     PUNCT .   punct    11 O        0
"""

# "The city mayor said no."
MAYOR = """
The   the  DET   DT  det      2 O 1
city  =    NOUN  NN  compound 2 O 1
mayor =    NOUN  NN  nsubj    3 O 1
said  say  VERB  VBD ROOT     3 O 1
no    =    INTJ  UH  dobj     3 O 0
.     =    PUNCT .   punct    3 O 0
"""

R = Resolution
#: (rule and case, table, index of the speaker's head, name, mention, resolution)
CASES = [
    ("explicit-fullest", SMITH, 4, "John Smith", "Smith", R.EXPLICIT),
    ("explicit-headline", HEADLINE, 9, "Jane Doe", "Jane", R.EXPLICIT),
    ("explicit-mrs", TITLES, 7, "Mary Smith", "Smith", R.EXPLICIT),
    ("explicit-mr", TITLES, 11, "John Smith", "Smith", R.EXPLICIT),
    ("apposition", APPOS, 1, "Omar Reyes", "Her adviser", R.APPOSITION),
    ("relative", RELATIVE, 6, "Hillary Clinton", "who", R.RELATIVE),
    ("author", AUTHOR, 0, "Jane Doe", "I", R.AUTHOR),
    ("clause_subject", SMITH, 6, "John Smith", "he", R.CLAUSE_SUBJECT),
    ("description", PUTIN, 8, "Vladimir Putin", "The Russian president", R.DESCRIPTION),
    ("previous-she", JONES, 4, "Mary Jones", "She", R.PREVIOUS_SUBJECT),
    ("previous-they", THEY, 3, "Officials", "They", R.PREVIOUS_SUBJECT),
    # "Mary Jones", named inside quotation marks, is passed over.
    ("previous-quoted", QUOTED, 10, "Ann Lee", "She", R.PREVIOUS_SUBJECT),
    ("salient_person", TRUMP, 10, "Donald Trump", "The Republican nominee", R.SALIENT_PERSON),
    # A place the article never gives anyone tells the reader something new ...
    ("salient-new-place", TRUMP, 16, "Donald Trump", "The Vermont senator", R.SALIENT_PERSON),
    # ... but a place the article gives the person says it is someone else.
    ("salient-other-place", LEE, 8, "Vermont senator", "The Vermont senator", R.UNNAMED),
    # A woman is not "the businessman", however often she was named: the man named most
    # in the paragraphs before it is.
    ("topic-gender", TOPIC, 26, "Ed Ray", "The businessman", R.TOPIC_PERSON),
    ("signature", LETTER, 0, "Ann Lee", "I", R.AUTHOR),
    ("earlier_description", REPORT, 7, "new report", "The report", R.DESCRIPTION),
    # Plural and indefinite descriptions stay unnamed though a person was named.
    ("unnamed-plural", PUTIN, 12, "Officials", "Officials", R.UNNAMED),
    ("unnamed-indefinite", PUTIN, 16, "spokesman", "A spokesman", R.UNNAMED),
    ("unnamed", MAYOR, 2, "city mayor", "The city mayor", R.UNNAMED),
    # The only person named is a woman.
    ("unresolved", JONES, 8, "He", "He", R.UNRESOLVED),
]


@pytest.mark.parametrize(
    "table, i, name, mention, resolution", [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_sieve_resolves(
    table: str, i: int, name: str, mention: str, resolution: Resolution
) -> None:
    speaker = resolve(table, i)
    assert (speaker.name, speaker.mention, speaker.resolution) == (name, mention, resolution)
    assert speaker.resolution.named is (resolution not in (R.UNNAMED, R.UNRESOLVED))


def test_explicit_full_name_in_the_body_ignores_a_headline_entity() -> None:
    speaker = resolve(HEADLINE, 6)
    assert (speaker.name, speaker.mention) == ("Jane Doe", "Jane Doe")


def test_explicit_gives_offsets_and_label() -> None:
    speaker = resolve(SMITH, 4)
    assert (speaker.start, speaker.end, speaker.label) == (20, 25, "PERSON")


@pytest.mark.parametrize(
    "table, i, role",
    [(APPOS, 1, "Her adviser"), (PUTIN, 8, "Russian President"), (TRUMP, 10, "Republican nominee")],
)
def test_role_of_a_described_speaker(table: str, i: int, role: str) -> None:
    assert resolve(table, i).role == role


@pytest.mark.parametrize(
    "rule, resolution",
    [
        (only_candidate, R.ONLY_CANDIDATE),
        (nearest_person, R.NEAREST_PERSON),
        (coreference, R.COREFERENCE),
    ],
)
def test_fallback_rules_on_their_own(rule: Rule, resolution: Resolution) -> None:
    doc = parse(JONES)
    speaker = make_sieve(doc, FirstPerson(doc), rules=(rule,)).resolve(doc[4])
    assert speaker is not None
    assert (speaker.name, speaker.mention, speaker.resolution) == ("Mary Jones", "She", resolution)


def test_topic_person_on_its_own() -> None:
    doc = parse(TOPIC)
    speaker = make_sieve(doc, rules=(topic_person,)).resolve(doc[21])
    assert speaker is not None
    assert (speaker.name, speaker.mention, speaker.resolution) == (
        "Ann Lee",
        "The Vermont senator",
        R.TOPIC_PERSON,
    )


def test_coreference_rejects_an_antecedent_of_the_wrong_gender() -> None:
    doc = parse(JONES)
    speaker = make_sieve(doc, FirstPerson(doc), rules=(coreference,)).resolve(doc[8])
    assert speaker is not None
    assert (speaker.name, speaker.resolution) == ("He", R.UNRESOLVED)


# -- the rules as a list ----------------------------------------------------------------


def test_rule_names_list_the_rules_in_order() -> None:
    assert " ".join(qs.rule_names()) == (
        "family explicit apposition relative author clause_subject description previous_subject "
        "salient_person earlier_description topic_person only_candidate coreference "
        "nearest_person"
    )
    assert qs.rule_names() == [rule.__name__ for rule in qs.SPEAKER_RULES]


@pytest.mark.parametrize(
    "rule, table, i, other_kind",
    [
        (explicit, SMITH, 4, "pronoun"),
        (apposition, APPOS, 1, "name"),
        (relative, RELATIVE, 6, "description"),
        (author, AUTHOR, 0, "name"),
        (clause_subject, SMITH, 6, "description"),
        (description, PUTIN, 8, "name"),
        (previous_subject, JONES, 4, "name"),
        (salient_person, TRUMP, 10, "pronoun"),
        (earlier_description, REPORT, 7, "name"),
        (topic_person, TOPIC, 21, "pronoun"),
        (only_candidate, JONES, 4, "description"),
        (coreference, JONES, 4, "name"),
        (nearest_person, JONES, 4, "name"),
    ],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_each_rule_passes_on_a_kind_it_does_not_handle(
    rule: Rule, table: str, i: int, other_kind: str
) -> None:
    doc = parse(table)
    sieve = make_sieve(doc, FirstPerson(doc))
    tok = doc[i]
    written = mention_span(tok)
    # The rule decides this mention as its own kind, and passes when told it is another.
    assert rule(sieve, Mention(tok, written, mention_kind(written))) is not None
    assert rule(sieve, Mention(tok, written, other_kind)) is None


# -- mentions that can name nobody ------------------------------------------------------

# "LONDON, Nov 27 (Reuters) - Smith read the statement.\n
#  Some did n’t agree with the campaign’s statement. Of those, another spoke."
NOBODY = """
LONDON    =     PROPN NNP   npadvmod 9  B-GPE    0
,         =     PUNCT ,     punct    9  O        1
Nov       =     PROPN NNP   npadvmod 9  B-DATE   1
27        =     NUM   CD    nummod   2  I-DATE   1
(         =     PUNCT -LRB- punct    5  O        0
Reuters   =     PROPN NNP   appos    2  B-ORG    0
)         =     PUNCT -RRB- punct    5  O        1
-         =     PUNCT HYPH  punct    9  O        1
Smith     =     PROPN NNP   nsubj    9  B-PERSON 1
read      =     VERB  VBD   ROOT     9  O        1
the       =     DET   DT    det      11 O        1
statement =     NOUN  NN    dobj     9  O        0
.         =     PUNCT .     punct    9  O        0
\\n       =     SPACE _SP   dep      9  O        0
Some      some  PRON  DT    nsubj    17 O        1
did       do    AUX   VBD   aux      17 O        0
n’t       not   PART  RB    neg      17 O        1
agree     =     VERB  VB    ROOT     17 O        1
with      =     ADP   IN    prep     17 O        1
the       =     DET   DT    det      20 O        1
campaign  =     NOUN  NN    poss     22 O        0
’s        =     PART  POS   case     20 O        1
statement =     NOUN  NN    pobj     18 O        0
.         =     PUNCT .     punct    17 O        1
Of        of    ADP   IN    nsubj    28 O        1
those     =     PRON  DT    pobj     24 O        0
,         =     PUNCT ,     punct    28 O        1
another   =     PRON  DT    nsubj    28 O        1
spoke     speak VERB  VBD   ROOT     28 O        0
.         =     PUNCT .     punct    28 O        0
"""


@pytest.mark.parametrize(
    "i, mention, expected",
    [
        (0, "LONDON", False),  # the dateline's place
        (8, "Smith", True),
        (11, "the statement", False),  # what was said, nobody's
        (14, "Some", False),
        (16, "n’t", False),
        (22, "the campaign’s statement", True),  # somebody's statement
        (24, "Of", False),
        (27, "another", False),
    ],
)
def test_is_speaker_mention(i: int, mention: str, expected: bool) -> None:
    doc = parse(NOBODY)
    written = mention_span(doc[i])
    assert written.text == mention
    assert is_speaker_mention(written) is expected


def test_someone_somewhere_and_a_name_taken_for_an_adverb_can_speak() -> None:
    doc = parse("""
        When     when     SCONJ WRB advmod 5 O 1
        someone  someone  PRON  NN  nsubj  5 O 1
        in       in       ADP   IN  prep   1 O 1
        the      the      DET   DT  det    4 O 1
        audience audience NOUN  NN  pobj   2 O 1
        shouted  shout    VERB  VBD ROOT   5 O 0
        ,        ,        PUNCT ,   punct  5 O 1
        said     say      VERB  VBD conj   5 O 1
        Early    early    ADV   RB  advmod 7 O 1
        and      and      CCONJ CC  cc     7 O 1
        someone  someone  PRON  NN  conj   7 O 1
        cheered  cheer    VERB  VBD conj   7 O 0
    """)
    place = mention_span(doc[1])
    assert place.text == "someone in the audience" and is_speaker_mention(place)
    assert is_speaker_mention(mention_span(doc[8]))  # "said Early", mid-sentence
    assert not is_speaker_mention(mention_span(doc[10]))  # a lone "someone"


def test_an_adjective_with_a_determiner_is_a_noun_that_can_speak() -> None:
    # "according to the polling average", with "average" tagged as an adjective
    doc = parse("""
        according accord VERB  VBG ROOT     0 O 1
        to        =      ADP   IN  prep     0 O 1
        the       =      DET   DT  det      4 O 1
        polling   =      NOUN  NN  compound 4 O 1
        average   =      ADJ   JJ  pobj     1 O 0
    """)
    assert is_speaker_mention(mention_span(doc[4]))
    assert not is_speaker_mention(mention_span(doc[1]))


@pytest.mark.parametrize(
    "noun, gender",
    [("spokeswoman", "female"), ("businessman", "male"), ("wife", "female"), ("senator", None)],
)
def test_role_gender(noun: str, gender: Optional[str]) -> None:
    assert role_gender(noun) == gender


def test_sieve_gives_no_speaker_for_a_mention_that_names_nobody() -> None:
    doc = parse(NOBODY)
    sieve = make_sieve(doc)
    assert sieve.resolve(doc[0]) is None
    assert sieve.resolve(doc[14]) is None
    speaker = sieve.resolve(doc[8])
    assert speaker is not None and speaker.name == "Smith"


def test_a_plural_opening_its_sentence_is_no_name() -> None:
    # "Observers noted it." with "Observers" tagged as a plural proper noun.
    doc = parse("""
        Observers =     PROPN NNPS nsubj 1 O 1
        noted     note  VERB  VBD  ROOT  1 O 1
        it        =     PRON  PRP  dobj  1 O 0
        .         =     PUNCT .    punct 1 O 0
    """)
    assert mention_kind(mention_span(doc[0])) == "description"
    speaker = make_sieve(doc).resolve(doc[0])
    assert speaker is not None
    assert (speaker.name, speaker.resolution) == ("Observers", R.UNNAMED)


def test_an_adjective_used_as_a_noun_is_a_description() -> None:
    # "the 61-year-old asked", with the head "old" tagged as an adjective
    doc = parse("""
        the   =   DET  DT  det   1 O 1
        old   =   ADJ  JJ  nsubj 2 O 1
        asked ask VERB VBD ROOT  2 O 0
        .     =   PUNCT .  punct 2 O 0
    """)
    assert mention_kind(mention_span(doc[1])) == "description"
    speaker = make_sieve(doc).resolve(doc[1])
    assert speaker is not None and speaker.resolution is R.UNNAMED


COORDINATED = """
Tom     =   PROPN NNP compound 1  B-PERSON 1
Diaz    =   PROPN NNP nsubj    2  I-PERSON 1
spoke   speak VERB VBD ROOT    2  O        0
.       =   PUNCT .   punct    2  O        1
Diaz    =   PROPN NNP nsubj    7  B-PERSON 1
and     =   CCONJ CC  cc       4  O        1
Okafor  =   PROPN NNP conj     4  B-PERSON 1
said    say VERB  VBD ROOT     7  O        1
so      =   ADV   RB  advmod   7  O        0
.       =   PUNCT .   punct    7  O        1
Diaz    =   PROPN NNP nsubj    15 B-PERSON 1
and     =   CCONJ CC  cc       10 O        1
his     =   PRON  PRP$ poss    14 O        1
two     =   NUM   CD  nummod   14 O        1
aides   aide NOUN NNS conj     10 O        1
said    say VERB  VBD ROOT     15 O        1
so      =   ADV   RB  advmod   15 O        0
.       =   PUNCT .   punct    15 O        0
"""


def test_names_joined_by_and_speak_together() -> None:
    together = resolve(COORDINATED, 4)
    assert together.name == "Tom Diaz and Okafor"
    assert (together.mention, together.resolution) == ("Diaz and Okafor", R.EXPLICIT)
    # A name joined to a description is not a pair of names: the name speaks.
    alone = resolve(COORDINATED, 10)
    assert (alone.name, alone.mention) == ("Tom Diaz", "Diaz")


def test_one_of_a_group_with_a_name_beside_it_is_that_name() -> None:
    doc = parse("""
        One          one          NUM   CD  nsubj    7  B-CARDINAL 1
        of           =            ADP   IN  prep     0  O          1
        them         they         PRON  PRP pobj     1  O          0
        ,            =            PUNCT ,   punct    0  O          1
        Medicorp     =            PROPN NNP compound 5  B-ORG      1
        Group        =            PROPN NNP appos    0  I-ORG      0
        ,            =            PUNCT ,   punct    0  O          1
        threatened   threaten     VERB  VBD ROOT     7  O          0
        .            =            PUNCT .   punct    7  O          1
        Judge        judge        PROPN NNP nsubj    10 O          1
        ruled        rule         VERB  VBD ROOT     10 O          0
        .            =            PUNCT .   punct    10 O          0
    """)
    assert mention_kind(mention_span(doc[0])) == "description"
    speaker = make_sieve(doc).resolve(doc[0])
    assert speaker is not None
    assert (speaker.name, speaker.resolution) == ("Medicorp Group", R.APPOSITION)
    # A capitalised role alone ("Judge blocks law", a headline) is a role, not a name.
    assert mention_kind(mention_span(doc[9])) == "description"


TWO_SPELLINGS = """
Acme            =     PROPN NNP compound 2  B-ORG 1
Pharmaceuticals =     PROPN NNP compound 2  I-ORG 1
International   =     PROPN NNP nsubj    3  I-ORG 1
fell            fall  VERB  VBD ROOT     3  O     0
.               =     PUNCT .   punct    3  O     1
Acme            =     PROPN NNP compound 7  B-ORG 1
Pharmaceutical  =     PROPN NNP compound 7  I-ORG 1
International   =     PROPN NNP nsubj    8  I-ORG 1
rose            rise  VERB  VBD ROOT     8  O     0
.               =     PUNCT .   punct    8  O     1
Acme            =     PROPN NNP nsubj    11 B-ORG 1
said            say   VERB  VBD ROOT     11 O     0
.               =     PUNCT .   punct    11 O     0
"""


def test_a_name_written_two_ways_expands_to_the_form_given_first() -> None:
    # "the company", resolved to the entry "Acme", is given its fullest form.
    names = make_sieve(parse(TWO_SPELLINGS)).names
    (acme,) = [e for e in names.entries if e.text == "Acme"]
    assert names.expand(acme).text == "Acme Pharmaceuticals International"


FAMILY = """
Ann    =     PROPN NNP  compound 1  B-PERSON 1
Khan   =     PROPN NNP  nsubj    5  I-PERSON 1
and    =     CCONJ CC   cc       1  O        1
Tom    =     PROPN NNP  compound 4  B-PERSON 1
Khan   =     PROPN NNP  conj     1  I-PERSON 1
spoke  speak VERB  VBD  ROOT     5  O        0
.      =     PUNCT .    punct    5  O        1
The    the   DET   DT   det      8  O        1
Khans  Khans PROPN NNPS nsubj    9  O        1
said   say   VERB  VBD  ROOT     9  O        1
so     =     ADV   RB   advmod   9  O        0
.      =     PUNCT .    punct    9  O        1
The    the   DET   DT   det      13 O        1
Lees   Lees  PROPN NNPS nsubj    14 O        1
agreed agree VERB  VBD  ROOT     14 O        0
.      =     PUNCT .    punct    14 O        0
"""


def test_a_family_is_the_people_of_its_surname() -> None:
    khans = resolve(FAMILY, 8)
    assert (khans.name, khans.mention, khans.resolution) == (
        "Ann Khan and Tom Khan",
        "Khans",
        R.DESCRIPTION,
    )
    # Nobody of that surname is named: kept as written.
    lees = resolve(FAMILY, 13)
    assert lees.resolution is not R.DESCRIPTION
