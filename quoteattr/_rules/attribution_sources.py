"""Who speaks through a cue: the source token of a reporting verb, noun or phrase.

The source is the subject of a verb, the agent of a passive ("described by Putin as"),
the possessor of a noun ("Kim’s vow to"), or the object of "according to". A participle
or a coordinated verb with no subject of its own takes the subject of the verb it hangs
on ("Kim hugged Putin and told him, “...”"). Where the parse lost the subject ("On May 4,
Col. Ann Lee, a base spokeswoman, said"), it is read on the surface before the verb.
Words inside quotation marks are quoted, never the speaker.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from quoteattr._lexicon.roles import load_roles
from quoteattr._lexicon.words import NUMERIC_LABELS, SOURCE_LABELS
from quoteattr._parse.deps import (
    ROOT,
    acl,
    advcl,
    agent,
    appos,
    attr,
    aux,
    ccomp,
    compound,
    conj,
    csubj,
    dep,
    expl,
    neg,
    nsubj,
    nsubjpass,
    pcomp,
    pobj,
    poss,
    prep,
    relcl,
    xcomp,
)
from quoteattr._rules.attribution_cues import phrase_object
from quoteattr._rules.attribution_types import CueMention
from quoteattr._rules.syntax import (
    OBJECT_DEPS,
    Quoted,
    capitalised_word,
    in_parentheses,
    in_spans,
    is_copular,
    is_infinitive,
    is_name_head,
    is_nominal,
    is_quote_mark,
    is_verbal,
)

__all__ = ["plausible_source", "source_of_cue", "subject_of"]

#: The labels of a subject that may speak (a passive subject is what was said about).
_SUBJECT_DEPS = frozenset({nsubj, csubj})
_EXPLETIVES = frozenset({"it", "there", "this", "that", "what", "which"})
#: Pronouns that open a relative clause on the speaker ("the department, which reported").
_RELATIVES = frozenset({"who", "that", "which", "whom"})
#: Parts of speech that never head a subject, whatever the parse says.
_NOT_SUBJECT_POS = frozenset(["ADP", "CCONJ", "SCONJ", "PUNCT"])
#: Finite verb tags: a verb with one of these and no subject lost its subject to the parse.
_FINITE_PAST_PRESENT = frozenset(["VBD", "VBZ", "VBP"])
#: How a participle hangs on the clause it reports for ("..., calling it a duty").
_PARTICIPLE_DEPS = frozenset({advcl, xcomp, acl, pcomp})
#: How a noun hangs on the verb it is the object of ("issued a statement saying").
_NOUN_OBJECT_DEPS = OBJECT_DEPS | {pobj, attr}


def source_of_cue(doc: Doc, cue: CueMention, quoted: Quoted = ()) -> Token | None:
    """Return the token naming who speaks through ``cue``, or None (never quoted words)."""
    tok = doc[cue.head]
    if cue.noun:
        for child in tok.children:
            if child.dep == poss:
                return child
        for child in tok.children:
            if child.dep == prep and child.lower_ in ("by", "from"):
                for grandchild in child.children:
                    if grandchild.dep == pobj:
                        return grandchild
        for child in tok.lefts:
            if child.dep == compound and child.ent_type_ in SOURCE_LABELS:
                return child
        return None
    if cue.lemma == "according_to":
        return phrase_object(doc, tok, cue.end)
    return subject_of(tok, quoted=quoted)


def plausible_source(tok: Token) -> bool:
    """True if the token can name a speaker: a name, a pronoun, or a person/organisation noun.

    A noun with a name in apposition counts too ("his partner, Omar J. Reyes").
    """
    if tok.ent_type_ in SOURCE_LABELS or tok.pos_ in ("PROPN", "PRON"):
        return True
    if capitalised_word(tok):
        return True
    if any(c.dep == appos and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON") for c in tok.children):
        return True
    roles = load_roles()
    return roles.names_speaker(tok.lemma_) or roles.names_speaker(tok.lower_)


def subject_of(verb: Token, seen: set[int] | None = None, quoted: Quoted = ()) -> Token | None:
    """Return the speaker-like subject of a verb, looking through coordination and participles.

    Subjects inside ``quoted`` spans are quoted words, not speakers, and are passed over.
    """
    seen = seen if seen is not None else set()
    if verb.i in seen:
        return None
    seen.add(verb.i)
    inverted = _name_after_parenthetical(verb, quoted)
    if inverted is not None:
        return inverted
    lemma = verb.lemma_.lower()
    children = sorted(
        verb.children,
        # Of two subjects ("state news agency KCNA hailed"), the name speaks; of two names
        # ("LONDON ... - Rachel Reeves said", a dateline the parse made a subject), the
        # nearer.
        key=lambda c: (
            c.dep in _SUBJECT_DEPS and not (c.pos_ == "PROPN" or c.ent_type_),
            abs(c.i - verb.i) if c.dep in _SUBJECT_DEPS else 0,
            c.i,
        ),
    )
    for child in children:
        if child.dep in _SUBJECT_DEPS:
            if in_parentheses(child) or in_spans(child, quoted):
                continue  # "Gov. Ann Lee (D-NM), said": the party tag is not the speaker
            if child.pos_ in _NOT_SUBJECT_POS:
                continue  # "Of Diaz, Okafor ... said": a preposition the parse made a subject
            if child.lower_ in _RELATIVES and verb.dep == relcl:
                return verb.head  # "the department, which reported ...": the department
            # "there is", "what is said": no speaker; "it" is a speaker of an active verb
            # ("It says the agency broke ...").
            if (
                child.lower_ in _EXPLETIVES
                and child.dep == nsubj
                and child.tag_ != "WP"
                and not (child.lower_ in ("it", "this") and not is_copular(verb))
            ):
                return None
            return child
        if child.dep == agent:
            for grandchild in child.children:
                if grandchild.dep == pobj:
                    return grandchild
        if child.dep == nsubjpass and lemma in ("quote", "cite"):
            return child  # "he was quoted as saying"
    if any(child.dep == nsubjpass for child in verb.children):
        return None  # a passive with no agent: the subject is what was said about
    return _subject_of_governor(verb, seen, quoted)


def _subject_of_governor(verb: Token, seen: set[int], quoted: Quoted) -> Token | None:
    """The subject of a verb with none of its own: that of the verb it hangs on."""
    head = verb.head
    if head.i == verb.i:
        return _lost_subject(verb, quoted)
    if verb.dep == conj and is_verbal(head):
        return subject_of(head, seen, quoted)
    if verb.dep == dep and is_verbal(head) and head.i < verb.i and verb.tag_ == head.tag_:
        # "Trump gestured ..., then leaned in": a second verb the parser left loose.
        return subject_of(head, seen, quoted)
    if is_verbal(head) and (verb.dep == xcomp or (verb.dep == advcl and is_infinitive(verb))):
        # "went on to say", "wanted to add", "went to great lengths to say": the subject of
        # the verb the infinitive completes.
        return subject_of(head, seen, quoted)
    if verb.dep in _PARTICIPLE_DEPS and verb.tag_ in ("VBG", "VBN"):
        governor = _participle_governor(head, quoted)
        if is_verbal(governor):
            return subject_of(governor, seen, quoted)
    if verb.dep == acl:
        return _clause_on_speaker(verb, quoted)
    return None


def _participle_governor(head: Token, quoted: Quoted) -> Token:
    """The verb whose subject speaks the participle that hangs on ``head``.

    Participles: "..., praising fighters", "noting, “...”", "calling it a ...". The
    speaker of a participle of saying is the subject of the whole reporting clause: in
    "Kim pledged that Pyongyang would support Russia, calling it a duty" the parse hangs
    "calling" on "support", but Kim calls it so.
    """
    governor = _above_prepositions(head)
    # "issued a statement saying", "sent an email warning": from the noun to its verb.
    if is_nominal(governor) and governor.dep in _NOUN_OBJECT_DEPS:
        governor = _above_prepositions(governor.head)
    while (
        governor.dep in (ccomp, xcomp)
        and is_verbal(governor.head)
        and not in_spans(governor.head, quoted)
    ):
        governor = governor.head
    return governor


def _above_prepositions(tok: Token) -> Token:
    """The word a chain of prepositions starting at ``tok`` hangs on (``tok`` if none)."""
    while tok.dep == prep and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _clause_on_speaker(verb: Token, quoted: Quoted) -> Token | None:
    """ "Ann Lee, the mayor, tweeted: ''...''": a verb the parse hung on its subject.

    Only a verb after a comma, on a noun before it that nothing outside the quotes governs:
    the noun is the sentence's root, or the subject of a verb inside the quote.
    """
    doc = verb.doc
    noun = verb.head
    if (
        verb.tag_ not in ("VBD", "VBZ", "VBN")
        or verb.i == 0
        or noun.i > verb.i
        or (noun.dep != ROOT and not in_spans(noun.head, quoted))
    ):
        return None
    if doc[verb.i - 1].text == ",":
        return _subject_before(verb, quoted)
    # “...?” the 61-year-old asked: the noun phrase right before the verb.
    if noun.dep == ROOT and noun.i in (verb.i - 1, doc[verb.i - 1].head.i):
        return noun
    return None


def _name_after_parenthetical(verb: Token, quoted: Quoted) -> Token | None:
    """ "The plan, said Ann Lee, is bad": a verb set off by a comma with a name after it.

    The parse takes the words before the comma for the subject and the name for the
    subject of what follows; the name, right after the verb and closed by a comma or the
    end of the sentence, speaks.
    """
    doc = verb.doc
    after = verb.i + 1
    before = verb.i - 1
    while before > 0 and is_quote_mark(doc[before]):
        before -= 1  # “The cost,” said Paul Brandt, ...
    if before < 0 or doc[before].text != "," or after >= len(doc):
        return None
    first = doc[after]
    if first.ent_type_ != "PERSON" or first.ent_iob_ != "B" or in_spans(first, quoted):
        return None
    end = after
    while (
        end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON" and doc[end + 1].ent_iob_ == "I"
    ):
        end += 1
    following = doc[end + 1].text if end + 1 < len(doc) else "."
    return doc[end] if following in (",", ".", ";") else None


def _lost_subject(verb: Token, quoted: Quoted) -> Token | None:
    """The subject of a finite verb with none in the parse, read on the surface."""
    finite = verb.tag_ in _FINITE_PAST_PRESENT or any(c.dep == aux for c in verb.children)
    if finite and not any(
        (c.dep in _SUBJECT_DEPS and c.pos_ not in _NOT_SUBJECT_POS) or c.dep in (nsubjpass, expl)
        for c in verb.children
    ):
        return _subject_before(verb, quoted)
    return None


def _subject_before(verb: Token, quoted: Quoted) -> Token | None:
    """The subject a finite verb lost to the parse, read on the surface before it.

    "On May 4, Col. Ann Lee, a base spokeswoman, said" (the parse hangs the name
    on the date) and "the mayor, Tom Diaz, tweeted" (it makes the verb a clause on
    the noun): the name or noun right before the verb, or before an apposition set off by
    commas right before it.
    """
    doc = verb.doc
    sentence_start = verb.sent.start
    i = verb.i - 1
    while i > sentence_start and (
        (doc[i].pos_ == "ADV" and doc[i].text[:1].islower()) or doc[i].dep in (aux, neg)
    ):
        i -= 1  # "Lee also said", "Diaz had said"
    if i < sentence_start or in_spans(doc[i], quoted):
        return None
    if doc[i].text == ",":
        return _name_around_apposition(doc, i, sentence_start, quoted)
    tok = doc[i]
    return tok if is_name_head(tok) else None  # never a date or a number: is_name_head


def _name_around_apposition(
    doc: Doc, comma: int, sentence_start: int, quoted: Quoted
) -> Token | None:
    """The name before or inside an apposition that closes at ``comma``: ", a base
    spokeswoman," or ", Tom Diaz,"."""
    opening = None
    for j in range(comma - 1, max(sentence_start, comma - 14) - 1, -1):
        if in_spans(doc[j], quoted) or is_quote_mark(doc[j]) or doc[j].text in ".;:!?":
            return None
        if doc[j].text == ",":
            opening = j
            break
    if opening is None or opening - 1 < sentence_start or opening + 1 >= comma:
        return None  # no opening comma, or nothing between the two (",,")
    inner = doc[opening + 1 : comma]
    before = doc[opening - 1]
    # An apposition (", a spokesman,"), a participle (", asked about it,") or a
    # relative clause (", who gave money to Diaz,").
    interruption = inner.root.pos_ in ("NOUN", "PROPN", "VERB") or inner[0].lower_ in (
        "who",
        "whose",
    )
    age = len(inner) == 1 and inner[0].like_num  # "Tom Diaz, 52, said"
    if not age and (not interruption or inner.root.ent_type_ in NUMERIC_LABELS):
        return None
    for candidate in (before, inner.root):
        if is_name_head(candidate):
            return candidate
    return None
