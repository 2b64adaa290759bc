"""From a parsed ``Doc`` and the quoted spans to attributions: cue, source token and kind.

The rules read spaCy's dependency parse:

1. **Syntax.** From the quote's root, walk up its ancestors to the first cue (a
   reporting verb or an utterance noun from :mod:`quoteattr.cues`) and take its
   source: the subject of a verb, the agent of a passive ("described by Putin as"),
   the possessor of a noun ("Kim’s vow to"), or the object of "according to".
   A participle or a coordinated verb with no subject of its own takes the subject
   of the verb it hangs on ("Kim hugged Putin and told him, “...”").
2. **Frame.** If the parse links the quote to no cue, look right after the closing
   mark ("“...,” said Okafor.") and right before the opening mark ("He said: “...").
3. **Adjacent quote.** A quote with no cue takes the speaker of the quote before it
   in the same paragraph, or of the quote that ends the paragraph before when the
   quote opens its own paragraph.

Attributions carry token indices; naming the speaker is left to
:mod:`quoteattr.speakers`.
"""

from __future__ import annotations

import bisect
import re
import sys
import threading
from typing import (
    Any,
    Callable,
    Dict,
    FrozenSet,
    Iterable,
    List,
    Optional,
    Sequence,
    Set,
    Tuple,
    TypeVar,
)

import attrs
from spacy.tokens import Doc, Span, Token

from .cues import CueLexicon
from .marks import QuoteSpan, title_case_lines
from .model import Detection, QuoteKind
from .roles import load_roles

__all__ = [
    "Attribution",
    "CueMention",
    "attribute",
    "cue_at",
    "is_verbal",
    "plausible_source",
    "source_of_cue",
]

_SUBJECT_DEPS = ("nsubj", "csubj")
_EXPLETIVES = frozenset({"it", "there", "this", "that", "what", "which"})
_RELATIVES = frozenset({"who", "that", "which", "whom"})
_CLAUSE_CHILD_DEPS = frozenset({"parataxis", "ccomp", "conj", "advcl", "dep"})
_BOUNDARY_BEFORE = frozenset(":,;—–")

#: How sure each way of finding the speaker is (before adjustments).
CONFIDENCE = {
    "syntax": 0.9,
    "according_to": 0.85,
    "adjacent_frame": 0.95,
    "frame_before": 0.9,
    "frame": 0.75,
    "frame_verb": 0.7,
    "adjacent": 0.7,
    "adjacent_paragraph": 0.6,
    "clause_verb": 0.6,
    "report_before": 0.7,
    "headline_subject": 0.6,
    "inside_report": 0.8,
    "none": 0.3,
}


@attrs.frozen
class CueMention:
    """The cue of an attribution: its tokens, as a doc slice ``[start, end)``."""

    start: int
    end: int
    lemma: str
    #: The token the cue is found at (for verbs and nouns, the cue word itself).
    head: int
    noun: bool = False


@attrs.frozen
class Attribution:
    """One quoted span with what the parse says of it."""

    span: QuoteSpan
    kind: QuoteKind
    cue: Optional[CueMention]
    #: Token index of the speaker's head word, or None.
    source: Optional[int]
    #: How it was found: a key of :data:`CONFIDENCE`.
    method: str
    #: For ``adjacent`` methods: index (in the returned list) of the quote whose speaker it takes.
    adjacent_to: Optional[int] = None
    #: Token index where the quote's content starts (for sentence indexing).
    first_token: int = 0
    #: The rule that found the content of reported speech (None: quotation marks).
    detection: Optional[Detection] = None


# -- cue recognition -----------------------------------------------------------


def is_verbal(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def _is_nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN")


def _has_as(tok: Token) -> bool:
    """True if "as" hangs on the verb or on its object ("described such assistance as")."""
    for child in tok.children:
        if child.lower_ == "as":
            return True
        if child.dep_ in ("dobj", "obj") and any(g.lower_ == "as" for g in child.children):
            return True
        if child.dep_ == "advcl" and any(
            g.dep_ == "mark" and g.lower_ == "as" for g in child.children
        ):
            return True  # "described the gala as the city flattering itself"
    return False


def cue_at(tok: Token, lexicon: CueLexicon, *, via_as: bool = False) -> Optional[CueMention]:
    """Return the cue at ``tok`` if it is a reporting verb or an utterance noun.

    ``via_as`` says the quote hangs on ``tok`` through "as", which makes verbs such as
    "describe" and "dismiss" cues.
    """
    lemma = tok.lemma_.lower()
    if is_verbal(tok) and lexicon.is_verb_cue(lemma):
        if lexicon.needs_as(lemma) and not (via_as or _has_as(tok)):
            return None
        if lexicon.needs_it(lemma) and not any(
            c.dep_ in ("dobj", "obj") and c.lower_ == "it" for c in tok.children
        ):
            return None
        end = tok.i + 1
        for child in tok.rights:  # a particle belongs to the cue: "pointed out"
            if child.dep_ == "prt" and child.i == end:
                end += 1
        return CueMention(tok.i, end, lemma, tok.i)
    if is_verbal(tok):
        for child in tok.rights:  # "went on", "cut in": a verb that reports with its particle
            if (
                child.dep_ == "prt"
                and child.i == tok.i + 1
                and lexicon.is_particle_cue(lemma, child.lower_)
            ):
                return CueMention(tok.i, child.i + 1, f"{lemma}_{child.lower_}", tok.i)
    if lexicon.is_noun_cue(lemma) and (
        _is_nominal(tok) or any(c.dep_ == "poss" for c in tok.children)
    ):
        return CueMention(tok.i, tok.i + 1, lemma, tok.i, noun=True)
    return None


def _according_to(tok: Token, lexicon: CueLexicon) -> Optional[Tuple[CueMention, Token]]:
    """Return the cue and source of an "according to X" phrase hanging on ``tok``."""
    for child in tok.children:
        if child.dep_ != "prep":
            continue
        for words in lexicon.phrases:
            if words in lexicon.channels or child.lower_ != words[0]:
                continue
            doc = tok.doc
            end = child.i + len(words)
            if end > len(doc) or tuple(t.lower_ for t in doc[child.i : end]) != words:
                continue
            source = _phrase_object(doc, child, end)
            if source is not None:
                return CueMention(child.i, end, "_".join(words), child.i), source
    return None


def _phrase_object(doc: Doc, first: Token, end: int) -> Optional[Token]:
    for tok in doc[first.i : end]:
        for child in tok.children:
            if child.dep_ == "pobj":
                return child
    return None


def _copular(verb: Token) -> bool:
    return verb.lemma_.lower() == "be" or any(
        c.dep_ in ("auxpass", "acomp", "attr") for c in verb.children
    )


def _subject_of(
    verb: Token, seen: Optional[Set[int]] = None, quoted: Sequence[Tuple[int, int]] = ()
) -> Optional[Token]:
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
            c.dep_ in _SUBJECT_DEPS and not (c.pos_ == "PROPN" or c.ent_type_),
            abs(c.i - verb.i) if c.dep_ in _SUBJECT_DEPS else 0,
            c.i,
        ),
    )
    for child in children:
        if child.dep_ in _SUBJECT_DEPS and (_in_parentheses(child) or _in_spans(child, quoted)):
            continue  # "Gov. Ann Lee (D-NM), said": the party tag is not the speaker
        if child.dep_ in _SUBJECT_DEPS and child.pos_ in _NOT_SUBJECT_POS:
            continue  # "Of Diaz, Okafor ... said": a preposition the parse made a subject
        if child.dep_ in _SUBJECT_DEPS:
            if child.lower_ in _RELATIVES and verb.dep_ == "relcl":
                return verb.head  # "the department, which reported ...": the department
            # "there is", "what is said": no speaker; "it" is a speaker of an active verb
            # ("It says the agency broke ...").
            if (
                child.lower_ in _EXPLETIVES
                and child.dep_ == "nsubj"
                and child.tag_ != "WP"
                and not (child.lower_ == "that" and verb.dep_ == "relcl")
                and not (child.lower_ in ("it", "this") and not _copular(verb))
            ):
                return None
            if child.lower_ in _RELATIVES and verb.dep_ == "relcl":
                return verb.head
            return child
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
        if child.dep_ == "nsubjpass" and lemma in ("quote", "cite"):
            return child  # "he was quoted as saying"
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        return None  # a passive with no agent: the subject is what was said about
    head = verb.head
    if head.i == verb.i:
        return _lost_subject(verb, quoted)
    if verb.dep_ == "conj" and is_verbal(head):
        return _subject_of(head, seen, quoted)
    if verb.dep_ == "dep" and is_verbal(head) and head.i < verb.i and verb.tag_ == head.tag_:
        # "Trump gestured ..., then leaned in": a second verb the parser left loose.
        return _subject_of(head, seen, quoted)
    if is_verbal(head) and (
        verb.dep_ == "xcomp"
        or (
            verb.dep_ == "advcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        )
    ):
        # "went on to say", "wanted to add", "went to great lengths to say": the subject of
        # the verb the infinitive completes.
        return _subject_of(head, seen, quoted)
    if verb.dep_ in ("advcl", "xcomp", "acl", "pcomp") and verb.tag_ in ("VBG", "VBN"):
        # Participles: "..., praising fighters", "noting, “...”", "calling it a ...".
        # The speaker of a participle of saying is the subject of the whole reporting
        # clause: in "Kim pledged that Pyongyang would support Russia, calling it a duty"
        # the parse hangs "calling" on "support", but Kim calls it so.
        governor = head
        while governor.dep_ == "prep" and governor.head.i != governor.i:
            governor = governor.head
        # "issued a statement saying", "sent an email warning": from the noun to its verb.
        if _is_nominal(governor) and governor.dep_ in ("dobj", "obj", "pobj", "attr"):
            governor = governor.head
            while governor.dep_ == "prep" and governor.head.i != governor.i:
                governor = governor.head
        while (
            governor.dep_ in ("ccomp", "xcomp")
            and is_verbal(governor.head)
            and not _in_spans(governor.head, quoted)
        ):
            governor = governor.head
        if is_verbal(governor):
            return _subject_of(governor, seen, quoted)
    if verb.dep_ == "acl":
        return _clause_on_speaker(verb, quoted)
    return None


def _clause_on_speaker(verb: Token, quoted: Sequence[Tuple[int, int]]) -> Optional[Token]:
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
        or (noun.dep_ != "ROOT" and not _in_spans(noun.head, quoted))
    ):
        return None
    if doc[verb.i - 1].text == ",":
        return _subject_before(verb, quoted)
    # “...?” the 61-year-old asked: the noun phrase right before the verb.
    if noun.dep_ == "ROOT" and noun.i in (verb.i - 1, doc[verb.i - 1].head.i):
        return noun
    return None


def _name_after_parenthetical(verb: Token, quoted: Sequence[Tuple[int, int]]) -> Optional[Token]:
    """ "The plan, said Ann Lee, is bad": a verb set off by a comma with a name after it.

    The parse takes the words before the comma for the subject and the name for the
    subject of what follows; the name, right after the verb and closed by a comma or the
    end of the sentence, speaks.
    """
    doc = verb.doc
    after = verb.i + 1
    before = verb.i - 1
    while before > 0 and _is_quote_mark(doc[before]):
        before -= 1  # “The cost,” said Paul Brandt, ...
    if before < 0 or doc[before].text != "," or after >= len(doc):
        return None
    first = doc[after]
    if first.ent_type_ != "PERSON" or first.ent_iob_ != "B" or _in_spans(first, quoted):
        return None
    end = after
    while (
        end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON" and doc[end + 1].ent_iob_ == "I"
    ):
        end += 1
    following = doc[end + 1].text if end + 1 < len(doc) else "."
    return doc[end] if following in (",", ".", ";") else None


def _lost_subject(verb: Token, quoted: Sequence[Tuple[int, int]]) -> Optional[Token]:
    """The subject of a finite verb with none in the parse, read on the surface."""
    finite = verb.tag_ in _FINITE_PAST_PRESENT or any(c.dep_ == "aux" for c in verb.children)
    if finite and not any(
        (c.dep_ in _SUBJECT_DEPS and c.pos_ not in _NOT_SUBJECT_POS)
        or c.dep_ in ("nsubjpass", "expl")
        for c in verb.children
    ):
        return _subject_before(verb, quoted)
    return None


#: Parts of speech that never head a subject, whatever the parse says.
_NOT_SUBJECT_POS = frozenset(["ADP", "CCONJ", "SCONJ", "PUNCT"])

#: Finite verb tags: a verb with one of these and no subject lost its subject to the parse.
_FINITE_PAST_PRESENT = frozenset(["VBD", "VBZ", "VBP"])


def _subject_before(verb: Token, quoted: Sequence[Tuple[int, int]]) -> Optional[Token]:
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
        (doc[i].pos_ == "ADV" and doc[i].text[:1].islower()) or doc[i].dep_ in ("aux", "neg")
    ):
        i -= 1  # "Lee also said", "Diaz had said"
    if i < sentence_start or _in_spans(doc[i], quoted):
        return None
    if doc[i].text == ",":
        # An apposition: ", a base spokeswoman," or ", Tom Diaz,".
        opening = None
        for j in range(i - 1, max(sentence_start, i - 14) - 1, -1):
            if _in_spans(doc[j], quoted) or _is_quote_mark(doc[j]) or doc[j].text in ".;:!?":
                return None
            if doc[j].text == ",":
                opening = j
                break
        if opening is None or opening - 1 < sentence_start or opening + 1 >= i:
            return None  # no opening comma, or nothing between the two (",,")
        inner = doc[opening + 1 : i]
        before = doc[opening - 1]
        # An apposition (", a spokesman,"), a participle (", asked about it,") or a
        # relative clause (", who gave money to Diaz,").
        interruption = inner.root.pos_ in ("NOUN", "PROPN", "VERB") or inner[0].lower_ in (
            "who",
            "whose",
        )
        age = len(inner) == 1 and inner[0].like_num  # "Tom Diaz, 52, said"
        if not age and (not interruption or inner.root.ent_type_ in _NOT_SPEAKER_ENTITIES):
            return None
        for candidate in (before, inner.root):
            if _is_name_head(candidate) and candidate.ent_type_ not in _NOT_SPEAKER_ENTITIES:
                return candidate
        return None
    tok = doc[i]
    if _is_name_head(tok) and tok.ent_type_ not in _NOT_SPEAKER_ENTITIES:
        return tok
    return None


def _in_parentheses(tok: Token) -> bool:
    """True if the token stands inside parentheses on its line ("(D-NM)")."""
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.i - 6), -1):
        if doc[i].text == ")" or "\n" in doc[i].text:
            return False
        if doc[i].text == "(":
            return True
    return False


def source_of_cue(
    doc: Doc, cue: CueMention, quoted: Sequence[Tuple[int, int]] = ()
) -> Optional[Token]:
    """Return the token naming who speaks through ``cue``, or None (never quoted words)."""
    tok = doc[cue.head]
    if cue.noun:
        for child in tok.children:
            if child.dep_ == "poss":
                return child
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        for child in tok.lefts:
            if child.dep_ == "compound" and child.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
                return child
        return None
    if cue.lemma == "according_to":
        return _phrase_object(doc, tok, cue.end)
    return _subject_of(tok, quoted=quoted)


# -- finding the cue of one quote --------------------------------------------------


@attrs.frozen
class _Found:
    cue: CueMention
    source: Optional[Token]
    method: str


def _content_tokens(doc: Doc, span: QuoteSpan) -> Optional[Span]:
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    return tokens


def _roots(tokens: Span) -> List[Token]:
    """Tokens of the quote whose head lies outside it (or that head their sentence)."""
    start, end = tokens.start, tokens.end
    roots = [
        t
        for t in tokens
        if not (t.is_punct or t.is_space) and (t.head.i == t.i or not start <= t.head.i < end)
    ]

    def depth(t: Token) -> int:
        d = 0
        while t.head.i != t.i and d < 100:
            t = t.head
            d += 1
        return d

    return sorted(roots, key=lambda t: (depth(t), t.i))


def _outside(tok: Optional[Token], tokens: Span) -> bool:
    return tok is not None and not tokens.start <= tok.i < tokens.end


def plausible_source(tok: Token) -> bool:
    """True if the token can name a speaker: a name, a pronoun, or a person/organisation noun.

    A noun with a name in apposition counts too ("his partner, Omar J. Reyes").
    """
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ in ("PROPN", "PRON"):
        return True
    if capitalised_word(tok):
        return True
    if any(
        c.dep_ == "appos" and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON") for c in tok.children
    ):
        return True
    roles = load_roles()
    return roles.names_speaker(tok.lemma_) or roles.names_speaker(tok.lower_)


def _by_syntax(
    tokens: Span, lexicon: CueLexicon, quoted: Sequence[Tuple[int, int]]
) -> Optional[_Found]:
    """Find the cue of a quote from the parse, and the cue's source outside the quote.

    For each root of the quote (shallowest first): its ancestors, nearest first; then
    an "according to" phrase on the root; then a cue hanging on the root itself
    ("“...,” he said" parsed with "said" under the quote). A cue whose source is not a
    plausible speaker ("troops ... hailed") is kept only if nothing better is found.
    """
    doc = tokens.doc
    weak: Optional[_Found] = None
    sourceless: Optional[_Found] = None

    def consider(cue: CueMention, source: Optional[Token], method: str) -> Optional[_Found]:
        nonlocal weak, sourceless
        if cue.start >= tokens.end and _opens_next_quote(doc, cue):
            return None  # "Mr. Reyes said: ''...''" belongs to the quote after it
        if cue.start >= tokens.end and _ends_with_period(tokens):
            return None  # “... at a coal base.” While environmentalists welcomed ...
        if source is None or not _outside(source, tokens) or _in_spans(source, quoted):
            if sourceless is None:
                sourceless = _Found(cue, None, method)
            return None
        found = _Found(cue, source, method)
        if plausible_source(source):
            return found
        if weak is None:
            weak = found
        return None

    for root in _roots(tokens):
        tok = root
        steps = 0
        via_as = False
        while tok.head.i != tok.i and steps < 40:
            via_as = via_as or tok.lower_ == "as"
            tok = tok.head
            steps += 1
            if not _outside(tok, tokens):
                continue
            cue = cue_at(tok, lexicon, via_as=via_as)
            if cue is not None:
                found = consider(cue, source_of_cue(doc, cue, quoted), "syntax")
                if found is not None:
                    return found
            acc = _according_to(tok, lexicon)
            if acc is not None:
                found = consider(acc[0], acc[1], "according_to")
                if found is not None:
                    return found
            # "As the Herald's Greta Vance puts it, the mayor is trying to ...": a clause of
            # saying opened by "as", hanging on the sentence that holds the quote.
            for child in tok.children:
                if child.dep_ in ("advcl", "parataxis") and any(
                    m.dep_ == "mark" and m.lower_ == "as" for m in child.children
                ):
                    cue = cue_at(child, lexicon, via_as=True)
                    if cue is not None and _outside(child, tokens):
                        found = consider(cue, source_of_cue(doc, cue, quoted), "syntax")
                        if found is not None:
                            return found
        acc = _according_to(root, lexicon)
        if acc is not None:
            found = consider(acc[0], acc[1], "according_to")
            if found is not None:
                return found
        for child in root.children:
            if not _outside(child, tokens) or _in_spans(child, quoted):
                continue
            if child.dep_ in _CLAUSE_CHILD_DEPS:
                # The clause itself, or a participle of saying on it: in "Okafor didn't
                # seem pleased, telling reporters, “...”" the parse makes "seem" a
                # clause of the quote.
                for clause in [child] + [
                    g for g in child.children if g.dep_ == "advcl" and g.tag_ == "VBG"
                ]:
                    cue = cue_at(clause, lexicon)
                    if cue is not None and _outside(clause, tokens):
                        found = consider(cue, source_of_cue(doc, cue, quoted), "syntax")
                        if found is not None:
                            return found
    return weak or sourceless


def _sentence_according_to(
    tokens: Span, lexicon: CueLexicon, quoted: Sequence[Tuple[int, int]]
) -> Optional[_Found]:
    """ "According to host Leo Marsh, the plan smacks of “panic”": an "according to"
    phrase anywhere in the quote's sentence, read on the surface.

    The parse often hangs the phrase on the wrong word (or makes "According" the root),
    but the phrase attributes its whole sentence: its source is the last name or noun
    before the comma or the sentence's end that closes the phrase.
    """
    doc = tokens.doc
    sentence = doc[tokens.start].sent
    words = ("according", "to")
    for tok in sentence:
        if tok.lower_ != words[0] or tok.i + 2 >= sentence.end or doc[tok.i + 1].lower_ != words[1]:
            continue
        if _in_spans(tok, quoted) or not _outside(tok, tokens):
            continue
        phrase: List[Token] = []
        for word in doc[tok.i + 2 : min(sentence.end, tok.i + 12)]:
            if (word.is_punct and word.text not in (".", "-", "'", "’")) or _in_spans(word, quoted):
                break
            if word.text == "." and word.i + 1 < len(doc) and not doc[word.i + 1].is_title:
                break
            phrase.append(word)
        heads = [w for w in phrase if w.pos_ in ("PROPN", "NOUN", "PRON") and w.tag_ != "POS"]
        if not heads or _outside(heads[-1], tokens) is False:
            continue
        source = heads[-1]
        if source.pos_ == "PRON" and source.lower_ not in _SPEAKING_PRONOUNS:
            continue
        return _Found(CueMention(tok.i, tok.i + 2, "according_to", tok.i), source, "according_to")
    return None


def _clause_verb(
    tokens: Span, lexicon: CueLexicon, quoted: Sequence[Tuple[int, int]]
) -> Optional[_Found]:
    """ "Okafor has been hammering Diaz as a “fraud”": a quoted fragment in a clause
    whose subject is a named source, with no reporting verb.

    News quotes a source's words inside its own clause about them; the speaker is the
    subject of the verb the fragment hangs on (within a few steps, never across a
    clause of saying, which the cue rules have read). Only names and personal
    pronouns count, not common nouns, and never for a title (“Face the Nation”).
    """
    if _looks_like_title(tokens):
        return None
    roots = _roots(tokens)
    if not roots:
        return None
    tok = roots[0]
    for _ in range(6):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if not _outside(tok, tokens) or not is_verbal(tok):
            continue
        if tok.pos_ == "AUX" or tok.lemma_.lower() in _NOT_SPEAKING_FRAMES or _copular(tok):
            return None
        subject = _subject_of(tok, quoted=quoted)
        if subject is None or not _outside(subject, tokens) or _in_spans(subject, quoted):
            return None
        named = subject.ent_type_ in ("PERSON", "ORG") or subject.pos_ == "PROPN"
        if not (named or subject.lower_ in _SPEAKING_PRONOUNS):
            return None
        return _Found(
            CueMention(tok.i, tok.i + 1, tok.lemma_.lower(), tok.i), subject, "clause_verb"
        )
    return None


def _looks_like_title(tokens: Span) -> bool:
    """True if quoted words read as a title: every word of four letters or more capitalised."""
    words = [t for t in tokens if t.is_alpha]
    long = [t for t in words if len(t) >= 4]
    return len(words) >= 2 and bool(long) and all(t.text[:1].isupper() for t in long)


def _opens_next_quote(doc: Doc, cue: CueMention, *, comma: bool = False) -> bool:
    """True if a colon (or, with ``comma``, a comma) and an opening quotation mark follow
    the cue within a few words."""
    for tok in doc[cue.end : min(len(doc), cue.end + 4)]:
        if tok.text == ":" or (comma and tok.text == ","):
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            return nxt is not None and _is_quote_mark(nxt)
        if tok.text in (".", "!", "?") or _is_quote_mark(tok):
            return False
    return False


def _in_spans(tok: Optional[Token], quoted: Sequence[Tuple[int, int]]) -> bool:
    """True if the token lies inside quoted content (a speaker is never quoted text).

    ``quoted`` holds the non-overlapping top-level spans, sorted by start.
    """
    if tok is None:
        return False
    i = bisect.bisect_right(quoted, (tok.idx, sys.maxsize)) - 1
    return i >= 0 and quoted[i][0] <= tok.idx < quoted[i][1]


def _by_frame(
    tokens: Span,
    span: QuoteSpan,
    lexicon: CueLexicon,
    paragraph_end: int,
    quoted: Sequence[Tuple[int, int]],
) -> Optional[_Found]:
    """Look for "..., X said" right after the quote, or "X said:" right before it."""
    doc = tokens.doc
    # After: within a few words of the closing mark, in the same paragraph.
    after = tokens.end
    while (
        after < len(doc)
        and (doc[after].is_punct or doc[after].is_space)
        and doc[after].idx < paragraph_end
    ):
        after += 1
    # Far enough for an apposition: “...,” Rep. Ann Lee (D-Ore.), a panel member, said.
    for tok in doc[after : min(len(doc), 0 if _ends_with_period(tokens) else after + 25)]:
        if tok.idx >= paragraph_end or (tok.is_sent_start and tok.i > after):
            break
        if _in_spans(tok, quoted):
            break
        cue = cue_at(tok, lexicon)
        if cue is not None and not cue.noun and not _opens_next_quote(doc, cue):
            source = source_of_cue(doc, cue, quoted)
            if _outside(source, tokens) and not _in_spans(source, quoted):
                return _Found(cue, source, "frame")
        if tok.text in (".", "!", "?"):
            break
    # Before: the quote follows a colon or a comma ("He said: “...").
    before = tokens.start - 1
    while before >= 0 and (doc[before].is_space or _is_quote_mark(doc[before])):
        before -= 1
    if before >= 0 and doc[before].text in (":", ","):
        lo = max(0, before - 25)
        for i in range(before - 1, lo - 1, -1):
            tok = doc[i]
            if tok.text in (".", "!", "?") or "\n" in tok.text or _in_spans(tok, quoted):
                break
            cue = cue_at(tok, lexicon)
            if cue is not None:
                source = source_of_cue(doc, cue, quoted)
                if source is not None and source.i < tokens.start and not _in_spans(source, quoted):
                    return _Found(cue, source, "frame")
    if before >= 0 and doc[before].text == ":":
        labelled = _label_before_colon(doc, before, quoted)
        if labelled is not None:
            return labelled
    signed = _dash_signature(doc, after, paragraph_end, quoted) or _signature_line(
        doc, span, quoted
    )
    if signed is not None:
        return signed
    # Any verb right next to the quote: news writes “...,” Smith barked / beamed Smith.
    if _ends_clause_inside(doc_text(doc), span):
        found = _verb_after(doc, tokens, after, paragraph_end, quoted, lexicon)
        if found is not None:
            return found
    if before >= 0 and doc[before].text == ":":
        return _name_before_colon(doc, before, quoted) or _verb_before_colon(
            doc, tokens, before, quoted
        )
    return None


#: Verbs that say nothing of speaking, even right next to a quote.
_NOT_FRAME_VERBS = frozenset(["be", "have", "do", "get", "make", "take", "go", "come", "become"])

#: Verbs whose subject does not speak the quoted words it frames ("is", "has").
_NOT_SPEAKING_FRAMES = _NOT_FRAME_VERBS | frozenset(["call", "name", "title", "dub", "label"])


def _ends_with_period(tokens: Span) -> bool:
    """True if the quoted words end their sentence with a full stop inside the marks and
    a capitalised word follows: the words after the quote open a new sentence, whose
    verb does not report it (but “We won.” he said, a slip of the pen, is reported).
    """
    if not len(tokens) or tokens[-1].text != ".":
        return False
    doc = tokens.doc
    for tok in doc[tokens.end : min(len(doc), tokens.end + 4)]:
        if not (tok.is_punct or tok.is_space):
            return tok.text[:1].isupper()
    return True


def _ends_clause_inside(text: str, span: QuoteSpan) -> bool:
    """True if the quoted words end with a comma, "!", "?" or a dash inside the marks."""
    content = text[span.start : span.end].rstrip()
    return bool(content) and content[-1] in ",!?—–"


def _frame_verb(tok: Token) -> bool:
    return tok.pos_ == "VERB" and tok.lemma_.lower() not in _NOT_FRAME_VERBS


def _verb_after(
    doc: Doc,
    tokens: Span,
    after: int,
    paragraph_end: int,
    quoted: Sequence[Tuple[int, int]],
    lexicon: CueLexicon,
) -> Optional[_Found]:
    """“...,” Smith barked / “...!” beamed Paul Brandt: a speaker and a verb after the quote.

    The quote must end in a comma, "!" or "?" inside its marks, so that the words
    after it go on with the same sentence. Read on the surface, as the parse of such
    fragments is often wrong: a short noun phrase (a name, a pronoun, "the senator")
    and then a verb, or a verb and then a name.
    """
    end = min(len(doc), after + 10)

    def stop(tok: Token) -> bool:
        return tok.idx >= paragraph_end or _in_spans(tok, quoted) or tok.is_sent_start is True

    if after >= end or (stop(doc[after]) and doc[after].i != after):
        return None
    first = doc[after]
    if _verb_like(first, lexicon):
        names = []
        for tok in doc[after + 1 : end]:
            if stop(tok) or not (_is_name_head(tok) or tok.text in (".", "-")):
                break
            names.append(tok)
        heads = [t for t in names if _is_name_head(t)]
        if heads:
            return _Found(_cue_of(first), heads[-1], "frame_verb")
        return None
    phrase: List[Token] = []
    for tok in doc[after:end]:
        if tok.i > after and stop(tok):
            return None
        if _verb_like(tok, lexicon) and phrase:
            heads = [t for t in phrase if t.pos_ in ("PROPN", "PRON", "NOUN") and t.tag_ != "POS"]
            if not heads:
                return None
            source = heads[-1]
            if source.pos_ == "PRON" and source.lower_ not in _SPEAKING_PRONOUNS:
                return None
            if not plausible_source(source) and not _is_name_head(source):
                return None
            return _Found(_cue_of(tok), source, "frame_verb")
        if tok.pos_ in ("PROPN", "PRON", "NOUN", "ADJ", "DET", "NUM") or tok.tag_ == "POS":
            phrase.append(tok)
            if len(phrase) > 6:
                return None
            continue
        if tok.text in (".", "-", "‐") and phrase:
            continue  # initials, hyphenated names
        return None
    return None


_SPEAKING_PRONOUNS = frozenset(["he", "she", "they", "i", "we", "who"])


def _verb_like(tok: Token, lexicon: CueLexicon) -> bool:
    """A verb that can report the quote: any verb but "be", "have" and the like."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "AUX" or lemma in _NOT_FRAME_VERBS:
        return False
    return tok.pos_ == "VERB" or tok.tag_.startswith("VB") or lexicon.is_verb_cue(tok.lower_)


def _cue_of(tok: Token) -> CueMention:
    end = tok.i + 1
    for child in tok.rights:  # a particle belongs to the cue: "shot back"
        if child.dep_ == "prt" and child.i == end:
            end += 1
    return CueMention(tok.i, end, tok.lemma_.lower(), tok.i)


def _name_before_colon(doc: Doc, colon: int, quoted: Sequence[Tuple[int, int]]) -> Optional[_Found]:
    """A name right before the colon that opens a quote: "... pollster Nina Holm: “...”"."""
    if colon == 0:
        return None
    last = doc[colon - 1]
    if _in_spans(last, quoted) or not (
        last.ent_type_ in ("PERSON", "ORG")
        or (last.pos_ == "PROPN" and last.text[:1].isupper() and not _in_title_case_line(last))
    ):
        return None
    if last.dep_ in ("pobj", "dobj", "dative", "obj") and not (
        last.dep_ == "pobj" and last.head.lower_ in ("from", "per")
    ):
        return None  # "... to the Danish newspaper Nordposten:", "on CNN:": an addressee
    if last.ent_type_ not in ("PERSON", "ORG") and last.head.i != last.i and last.head.i < colon:
        return (
            None  # an unlabelled proper noun must head its phrase: "the Times:", not "Times Square"
        )
    return _Found(CueMention(colon, colon + 1, ":", colon), last, "frame")


def _verb_before_colon(
    doc: Doc, tokens: Span, colon: int, quoted: Sequence[Tuple[int, int]]
) -> Optional[_Found]:
    """ "Trump leaned in and boomed: “...”": the verb of the clause the colon ends."""
    sentence_start = doc[colon].sent.start
    for i in range(colon - 1, max(sentence_start, colon - 15) - 1, -1):
        tok = doc[i]
        if _in_spans(tok, quoted) or "\n" in tok.text:
            return None
        if not _frame_verb(tok):
            continue
        source = _subject_of(tok, quoted=quoted)
        if (
            source is not None
            and source.i < tokens.start
            and plausible_source(source)
            and not _in_spans(source, quoted)
        ):
            return _Found(
                CueMention(tok.i, tok.i + 1, tok.lemma_.lower(), tok.i), source, "frame_verb"
            )
        return None
    return None


def _adjacent_frame(
    doc: Doc,
    tokens: Span,
    span: QuoteSpan,
    lexicon: CueLexicon,
    paragraph_end: int,
    quoted: Sequence[Tuple[int, int]],
) -> Optional[_Found]:
    """“...,” Smith said / “...,” said Smith: the speaker and cue right after the quote.

    The surest frame of all, so it is tried before the parse: the quote ends with a
    comma, "!" or "?" inside its marks, and the next words are a reporting verb with its
    speaker (either order). The parse of a sentence around a quote often hangs the
    quote on another verb ("Okafor declared ...: “...,” she said").
    """
    text = doc_text(doc)
    if not _ends_clause_inside(text, span) or not _boundary_before(
        text, span, text.rfind("\n", 0, span.open_start) + 1
    ):
        return (
            None  # a fragment inside someone else's sentence: "... a “fraternal duty,” KCNA said"
        )
    after = tokens.end
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space):
        if doc[after].idx >= paragraph_end or doc[after].text in (".", "!", "?"):
            return None
        after += 1
    if after >= len(doc) or doc[after].idx >= paragraph_end or _in_spans(doc[after], quoted):
        return None
    # A quote that ends its sentence ("?", "!") is not reported by a cue that opens the
    # next quote: “Why now?” Mills then writes back, “...”.
    ends_sentence = text[span.start : span.end].rstrip()[-1:] in ("!", "?")
    for tok in doc[after : min(len(doc), after + 6)]:
        if tok.idx >= paragraph_end or _in_spans(tok, quoted) or tok.text in (".", "!", "?", ","):
            break
        cue = cue_at(tok, lexicon)
        if cue is None or cue.noun or (ends_sentence and _opens_next_quote(doc, cue, comma=True)):
            continue
        source = source_of_cue(doc, cue, quoted)
        if (
            source is not None
            and _outside(source, tokens)
            and not _in_spans(source, quoted)
            and (mention_start(source) == after or tok.i == after)
            and plausible_source(source)
        ):
            return _Found(cue, source, "adjacent_frame")
        if source is None and tok.i > after:
            source = _surface_name(doc[after : tok.i])
            if source is not None:  # read on the surface, as sure as any verb after a quote
                return _Found(cue, source, "frame_verb")
        if source is None and tok.i == after:
            source = _speaker_after_verb(doc, cue, paragraph_end, quoted)
            if source is not None:
                return _Found(cue, source, "adjacent_frame")
    return _apposed_frame(doc, tokens, after, paragraph_end, quoted, lexicon)


#: Dependencies the parse gives a speaker written after its verb ("added another
#: Democrat", "read the email", "said Early" with the name taken for an adverb).
_INVERTED_SPEAKER_DEPS = frozenset(["dobj", "attr", "npadvmod", "advmod", "oprd", "dative"])


def _speaker_after_verb(
    doc: Doc, cue: CueMention, paragraph_end: int, quoted: Sequence[Tuple[int, int]]
) -> Optional[Token]:
    """“...,” added another Democrat: the speaker right after a verb that has no subject.

    The parse of an inverted frame often takes the speaker for the verb's object or an
    adverb. The phrase must start right after the cue (and its particle) and be a name,
    a noun (not a date) or a capitalised word.
    """
    verb = doc[cue.head]
    start = cue.end
    if start >= len(doc) or doc[start].idx >= paragraph_end or _in_spans(doc[start], quoted):
        return None
    for child in verb.rights:
        if child.dep_ not in _INVERTED_SPEAKER_DEPS or child.left_edge.i != start:
            continue
        if child.ent_type_ in _NOT_SPEAKER_ENTITIES or child.pos_ == "PRON":
            return None
        if child.pos_ in ("NOUN", "PROPN") or _is_name_head(child):
            return child
        return None
    return None


#: Entity types that never speak: "said Sunday", "added 10 minutes later".
_NOT_SPEAKER_ENTITIES = frozenset(
    ["DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"]
)


def _surface_name(words: Span) -> Optional[Token]:
    """The last word of a name read on the surface ("Millbrook police Chief Tom Diaz"),
    where the parse lost it: nothing but capitalised words, nouns and determiners, ending
    in a capitalised one."""
    if not words or len(words) > 8:
        return None
    for tok in words:
        capitalised = tok.text[:1].isupper() and tok.is_alpha
        if not (capitalised or tok.pos_ in ("NOUN", "DET", "ADJ") or tok.text in (".", "-")):
            return None
    last = words[-1]
    return last if last.text[:1].isupper() and last.is_alpha else None


def _apposed_frame(
    doc: Doc,
    tokens: Span,
    after: int,
    paragraph_end: int,
    quoted: Sequence[Tuple[int, int]],
    lexicon: CueLexicon,
) -> Optional[_Found]:
    """“...,” Omar Reyes, a top Diaz adviser, said: a speaker set off by commas.

    Read on the surface, as the parser often folds the name into the quote: a name
    right after the quote, a comma, words up to another comma, then a reporting verb.
    """
    name: List[Token] = []
    i = after
    while i < len(doc) and (_is_name_head(doc[i]) or doc[i].text == "."):
        name.append(doc[i])
        i += 1
    heads = [t for t in name if _is_name_head(t)]
    if not heads or i >= len(doc) or doc[i].text != ",":
        return None
    for tok in doc[i + 1 : min(len(doc), i + 30)]:
        if tok.idx >= paragraph_end or _in_spans(tok, quoted) or tok.text in (".", "!", "?"):
            return None
        cue = cue_at(tok, lexicon)
        if cue is not None and not cue.noun:
            previous = doc[tok.i - 1]
            if previous.text not in (",", ")"):
                return None
            return _Found(cue, heads[-1], "adjacent_frame")
    return None


def _frame_before(
    doc: Doc, tokens: Span, lexicon: CueLexicon, quoted: Sequence[Tuple[int, int]]
) -> Optional[_Found]:
    """ "the heckler yelled: “…”", "Mills then writes back, “…”": a reporting verb a few
    words before the comma or colon that opens the quote, and its subject.

    Tried before the parse, which often hangs such a quote on a verb further up.
    """
    before = tokens.start - 1
    while before >= 0 and (doc[before].is_space or _is_quote_mark(doc[before])):
        before -= 1
    if before < 1 or doc[before].text not in (":", ","):
        return None
    for i in range(before - 1, max(-1, before - 9), -1):
        tok = doc[i]
        if (
            tok.text in (".", "!", "?", ";")
            or "\n" in tok.text
            or "\n" in tok.whitespace_
            or _in_spans(tok, quoted)
            or _is_quote_mark(tok)
        ):
            return None
        cue = cue_at(tok, lexicon)
        if cue is None or cue.noun:
            continue
        source = source_of_cue(doc, cue, quoted)
        if (
            source is not None
            and source.i < tokens.start
            and not _in_spans(source, quoted)
            and (plausible_source(source) or source.pos_ in ("NOUN", "PROPN"))
        ):
            return _Found(cue, source, "frame_before")
        return None
    return None


def mention_start(tok: Token) -> int:
    """The first token of the noun phrase a token heads (its determiners, compounds, titles)."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("det", "compound", "amod", "poss", "nummod", "nmod", "quantmod"):
            start = min(start, child.left_edge.i)
    return start


def _speaker_label(
    doc: Doc, tokens: Span, quoted: Sequence[Tuple[int, int]], lexicon: CueLexicon
) -> Optional[_Found]:
    """ "Analysts agree - Nina Holm: “...”": a name set off before a colon that opens the quote.

    The name must follow a dash, the start of its line, or a sentence's end, so that
    the object of a verb ("He told Putin: “...”") is never taken for it.
    """
    before = tokens.start - 1
    while before >= 0 and (doc[before].is_space or _is_quote_mark(doc[before])):
        before -= 1
    if before < 1 or doc[before].text != ":":
        return _headline_speaker_label(doc, tokens, quoted)
    headline = _headline_label(doc, before, lexicon)
    if headline is not None:
        return headline
    last = doc[before - 1]
    if (
        not (last.ent_type_ in ("PERSON", "ORG") or _is_name_head(last))
        or not last.text[:1].isupper()
        or _in_spans(last, quoted)
    ):
        return None  # "ps:", "update:"
    first = doc[mention_start(last)]
    while first.i > 0 and doc[first.i - 1].ent_iob_ == "I" and first.ent_iob_ == "I":
        first = doc[first.i - 1]
    if first.ent_iob_ == "I" and first.i > 0:
        first = doc[first.i - 1]
    if first.i == 0:
        return _Found(CueMention(before, before + 1, ":", before), last, "frame")
    previous = doc[first.i - 1]
    if (
        previous.text in ("-", "—", "–", "--", ".", "|")
        or "\n" in previous.whitespace_ + previous.text
    ):
        return _Found(CueMention(before, before + 1, ":", before), last, "frame")
    return None


def _in_title_case_line(tok: Token) -> bool:
    """True if the token stands in a headline written in Title Case (every word a capital)."""
    doc = tok.doc
    return title_case_between(doc, line_start_of(doc, tok.idx), line_end_of(doc, tok.idx))


def _cue_word(tok: Token, lexicon: CueLexicon) -> bool:
    """True for a reporting verb in any form, whatever its tag ("Slams" in a headline)."""
    word = tok.lower_
    return any(
        lexicon.is_verb_cue(form)
        for form in (word, tok.lemma_.lower(), word[:-1] if word.endswith("s") else word)
    )


def _headline_start(doc: Doc, tokens: Span) -> Optional[int]:
    """Where the line holding a quote starts, if that line is a headline: the article's
    first line, or a line in Title Case."""
    line_start = line_start_of(doc, tokens.start_char)
    line_end = line_end_of(doc, tokens.start_char)
    first_line = line_start == doc_cached(doc, "text start", _text_start)
    if not first_line and not title_case_between(doc, line_start, line_end):
        return None
    return line_start


def _first_colon(doc: Doc, start: int, end: int) -> Optional[int]:
    """Where the first colon in ``start:end`` of the doc's text stands, or None."""
    colons = doc_cached(doc, "colons", lambda d: [m.start() for m in re.finditer(":", doc_text(d))])
    i = bisect.bisect_left(colons, start)
    return colons[i] if i < len(colons) and colons[i] < end else None


def _text_start(doc: Doc) -> int:
    """Where the text of ``doc`` starts, after any whitespace."""
    text = doc_text(doc)
    return len(text) - len(text.lstrip())


def _headline_speaker_label(
    doc: Doc, tokens: Span, quoted: Sequence[Tuple[int, int]]
) -> Optional[_Found]:
    """ "Diaz: Lee needs to ‘step away from ...’": a headline that opens with its
    speaker and a colon gives that speaker every quote it holds.

    Only in a headline (the article's first line, or a line in Title Case), with a
    label of one to four capitalised words and no verb before the colon.
    """
    line_start = _headline_start(doc, tokens)
    if line_start is None:
        return None
    colon = _first_colon(doc, line_start, line_end_of(doc, line_start))
    if colon is None or colon == line_start or colon >= tokens.start_char:
        return None
    label = doc.char_span(line_start, colon, alignment_mode="contract")
    if label is None or not 1 <= len(label) <= 4 or _in_spans(label[0], quoted):
        return None
    if any(not t.text[:1].isupper() or t.is_stop for t in label):
        return None
    head = label[-1]
    colon_token = doc.char_span(colon, colon + 1)
    if colon_token is None:
        return None
    i = colon_token.start
    return _Found(CueMention(i, i + 1, ":", i), head, "frame")


def _headline_subject(
    doc: Doc, tokens: Span, quoted: Sequence[Tuple[int, int]]
) -> Optional[_Found]:
    """ "Tom Diaz Pins The Rise Of Crime On ‘Reckless’ Cuts": a headline that
    opens with a person's name gives that person the quoted words it holds.

    Only in a headline (the article's first line, or a line in Title Case) whose first
    words are a full name the model tags as a person somewhere in the article, followed
    by a word of the headline's own (its verb, or a colon), never by the quote itself.
    """
    line_start = _headline_start(doc, tokens)
    if line_start is None:
        return None
    first = doc.char_span(line_start, line_start + 1, alignment_mode="expand")
    if first is None:
        return None
    tok = first[0]
    if _in_spans(tok, quoted):
        return None
    # The model rarely tags a name in a Title Case line: a person it tags elsewhere will do.
    people = _person_names(doc)
    end = -1
    for n in (4, 3, 2):
        words = tuple(t.text for t in doc[tok.i : tok.i + n])
        if len(words) == n and words in people:
            end = tok.i + n - 1
            break
    if end < 0:
        return None
    nxt = end + 1
    if nxt >= tokens.start - 1 or _is_quote_mark(doc[nxt]):
        return None
    return _Found(
        CueMention(nxt, nxt + 1, doc[nxt].lemma_.lower(), nxt), doc[end], "headline_subject"
    )


#: Words that join a headline's speaker to its topic: "Diaz On Lee: ‘...’".
_HEADLINE_TOPIC_WORDS = frozenset(["on", "about", "to", "at", "of", "re"])


def _headline_label(doc: Doc, colon: int, lexicon: CueLexicon) -> Optional[_Found]:
    """ "Acme President On Taxes: ‘...’": in a line that opens with the speaker, then a topic.

    The line must start with a name (or a role and a name), then "On", "About" or
    "To", then the topic up to the colon.
    """
    start = colon
    while start > 0 and "\n" not in doc[start - 1].whitespace_ and "\n" not in doc[start - 1].text:
        start -= 1
        if colon - start > 12:
            return None
    words = doc[start:colon]
    if not all(t.text[:1].isupper() for t in words if t.is_alpha):
        return None  # "Turning to the budget, Lee said:" is a sentence, not a headline
    joint = next((t for t in words if t.lower_ in _HEADLINE_TOPIC_WORDS), None)
    if joint is None or joint.i == start:
        return None
    # Title Case makes a tagger take names for verbs ("Okafor on ..."): a capitalised
    # word counts, unless it is a reporting verb or inflected as one ("Diaz Slams Lee on").
    phrase = [t for t in doc[start : joint.i] if not t.is_punct]
    if any(t.tag_ in ("VBZ", "VBD") or _cue_word(t, lexicon) for t in phrase):
        return None
    speaker = [t for t in phrase if t.is_alpha and t.text[:1].isupper()]
    if not speaker or len(phrase) > 5:
        return None
    return _Found(CueMention(colon, colon + 1, ":", colon), speaker[-1], "frame")


def _is_name_head(tok: Token) -> bool:
    if tok.ent_type_ in _NOT_SPEAKER_ENTITIES:
        return False  # "said Sunday"
    return (
        tok.pos_ == "PROPN"
        or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or capitalised_word(tok)
    )


def capitalised_word(tok: Token) -> bool:
    """A capitalised word the tagger took for a common noun, an adverb or an adjective,
    which is rather a name: in "“...?” Marsh pressed." the small model may tag "Marsh" as
    a noun, and in "said Early," as an adverb. Such a word after a closing quotation
    mark, or not opening its sentence, is taken as a name."""
    if not (tok.pos_ in ("NOUN", "ADV", "ADJ") and tok.is_alpha and tok.text[:1].isupper()):
        return False
    if tok.text.isupper() and len(tok.text) > 1 and tok.i + 1 < len(tok.doc):
        return True  # PENCE: , an acronym
    previous = tok.doc[tok.i - 1] if tok.i > 0 else None
    opens_sentence = (
        previous is None
        or previous.text in (".", "!", "?", "\n")
        or ("\n" in previous.whitespace_ or "\n" in previous.text)
    )
    if load_roles().names_speaker(tok.lemma_):
        return False
    # Opening a sentence, it is a name if the article writes it capitalised elsewhere too.
    return not opens_sentence or tok.text in _mid_sentence_capitals(tok.doc)


_V = TypeVar("_V")


class _DocCache(threading.local):
    """What was worked out once for the doc being attributed, per thread.

    ``Doc.text`` joins every token anew on each call, and the rules ask for the text and
    the capitalised words of the same doc many times; one doc is attributed at a time in
    a thread, so only the last doc's values are kept.
    """

    doc: Optional[Doc] = None
    values: Dict[str, Any]

    def get(self, doc: Doc, key: str, compute: Callable[[Doc], _V]) -> _V:
        if self.doc is not doc:
            self.doc, self.values = doc, {}
        if key not in self.values:
            self.values[key] = compute(doc)
        value: _V = self.values[key]
        return value


_DOC_CACHE = _DocCache()


def doc_text(doc: Doc) -> str:
    """The text of a doc, joined once for the doc being attributed (not on every call)."""
    return _DOC_CACHE.get(doc, "text", lambda d: d.text)


def doc_cached(doc: Doc, key: str, compute: Callable[[Doc], _V]) -> _V:
    """``compute(doc)``, worked out once for the doc being attributed and kept under ``key``."""
    return _DOC_CACHE.get(doc, key, compute)


def _newlines(doc: Doc) -> List[int]:
    return doc_cached(
        doc, "newlines", lambda d: [m.start() for m in re.finditer("\n", doc_text(d))]
    )


def line_start_of(doc: Doc, pos: int) -> int:
    """Where the line holding the character at ``pos`` starts: ``text.rfind("\\n", 0, pos) + 1``.

    A binary search in the doc's newlines: on a text written on one line, searching the
    text at each quote took time in the square of its length.
    """
    newlines = _newlines(doc)
    before = bisect.bisect_left(newlines, pos)
    return newlines[before - 1] + 1 if before else 0


def line_end_of(doc: Doc, pos: int) -> int:
    """Where the line holding ``pos`` ends: its newline (the first at or after ``pos``), or
    the end of the text."""
    newlines = _newlines(doc)
    after = bisect.bisect_left(newlines, pos)
    return newlines[after] if after < len(newlines) else len(doc_text(doc))


def title_case_between(doc: Doc, start: int, end: int) -> bool:
    """True if a line written in Title Case (see :func:`~quoteattr.marks.title_case_lines`)
    starts in ``start:end``; with ``start`` a line's start and ``end`` a line's end, the
    same as ``bool(title_case_lines(text[start:end]))``."""
    starts = doc_cached(
        doc, "title case lines", lambda d: [s for s, _ in title_case_lines(doc_text(d))]
    )
    i = bisect.bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _person_names(doc: Doc) -> FrozenSet[Tuple[str, ...]]:
    """The words of each name of two to four words in a doc: tagged as a person, or a
    run of proper nouns, part of it tagged as a person, in a line that is no headline."""
    return _DOC_CACHE.get(doc, "people", _find_person_names)


def _find_person_names(doc: Doc) -> FrozenSet[Tuple[str, ...]]:
    names = {
        tuple(t.text for t in e)
        for e in doc.ents
        if e.label_ == "PERSON" and len(e) > 1 and not _in_title_case_line(e[0])
    }
    run: List[Token] = []
    for tok in [*doc, None]:
        if tok is not None and tok.pos_ == "PROPN" and tok.is_alpha and tok.ent_type_ != "GPE":
            run.append(tok)
            continue
        if (
            len(run) >= 2
            and any(t.ent_type_ == "PERSON" for t in run)
            and not _in_title_case_line(run[0])
        ):
            words = tuple(t.text for t in run)
            names.update(words[i:] for i in range(len(words) - 1))
        run = []
    return frozenset(n for n in names if 2 <= len(n) <= 4)


def _mid_sentence_capitals(doc: Doc) -> FrozenSet[str]:
    """Capitalised words of a doc that also stand inside a sentence (names, not openers)."""
    return _DOC_CACHE.get(doc, "capitals", _find_mid_sentence_capitals)


def _find_mid_sentence_capitals(doc: Doc) -> FrozenSet[str]:
    return frozenset(
        t.text
        for t in doc
        if t.is_alpha
        and t.text[:1].isupper()
        and t.i > 0
        and doc[t.i - 1].text not in (".", "!", "?", "“", '"', "‘", "'", ":")
        and "\n" not in doc[t.i - 1].whitespace_
        and not t.is_sent_start
    )


def _label_before_colon(
    doc: Doc, colon: int, quoted: Sequence[Tuple[int, int]]
) -> Optional[_Found]:
    """A speaker label: a short name ending at a colon that opens the paragraph ("Nina Holm:")."""
    start = colon
    while start > 0 and "\n" not in doc[start - 1].text and "\n" not in doc[start - 1].whitespace_:
        start -= 1
        if colon - start > 8:
            return None
    label = [t for t in doc[start:colon] if not (t.is_punct or t.is_space)]
    if not label or any(is_verbal(t) for t in label) or _in_spans(label[0], quoted):
        return None
    # A label is a name or a role, not a headline: no joining words ("Diaz On Housing:").
    if any(t.is_stop for t in label[1:]) or len(label) > 5:
        return None
    head = label[-1]
    if not head.text[:1].isupper() or not (
        _is_name_head(head) or load_roles().names_speaker(head.lemma_)
    ):
        return None  # "ps:", "update:"
    return _Found(CueMention(colon, colon + 1, ":", colon), head, "frame")


def _dash_signature(
    doc: Doc, after: int, paragraph_end: int, quoted: Sequence[Tuple[int, int]]
) -> Optional[_Found]:
    """A signature after the quote: “...” ― Maria Okafor (a dash, a name, then the end)."""
    dashes = ("―", "—", "--", "–")
    before = after - 1
    while before > 0 and doc[before].is_space:  # "” ―\u00a0Julie Diaz": a space token
        before -= 1
    if after >= len(doc) or (doc[before].text not in dashes and doc[after].text not in dashes):
        return None
    dash = after if doc[after].text in dashes else before
    first = dash + 1
    while first < len(doc) and doc[first].is_space:
        first += 1
    end = first
    while end < len(doc) and doc[end].idx < paragraph_end and end - first <= 8:
        if doc[end].text in (".", "!", "?") or _in_spans(doc[end], quoted):
            break
        end += 1
    if end == first or (
        end < len(doc) and doc[end].idx < paragraph_end and doc[end].text not in (".", "!", "?")
    ):
        return None
    names = [t for t in doc[first:end] if _is_name_head(t)]
    if not names or any(is_verbal(t) and t.pos_ != "PROPN" for t in doc[first:end]):
        return None
    return _Found(CueMention(dash, dash + 1, "—", dash), names[-1], "frame")


_SIGNATURE_LINE = re.compile(r"[ \t]*\n\s*([-—–―]{1,2})[ \t\u00a0]*(?=\S)")


def _signature_line(
    doc: Doc, span: QuoteSpan, quoted: Sequence[Tuple[int, int]]
) -> Optional[_Found]:
    """A quote that ends its paragraph, signed on the next line: “...” / - Okafor.

    The next paragraph opens with a dash and a name, and is short: "-Mayor Lee,
    tweeting after the debate." or "- Greta Vance, Toledo."
    """
    text = doc_text(doc)
    match = _SIGNATURE_LINE.match(text, span.close_end)
    if match is None:
        return None
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end < 0 else line_end
    words = doc.char_span(match.end(), line_end, alignment_mode="expand")
    if words is None or not 0 < len(words) <= 16:
        return None
    names: List[Token] = []
    for tok in words:
        if _in_spans(tok, quoted):
            return None
        if _is_name_head(tok) or (tok.text == "." and names and len(tok.nbor(-1)) == 1):
            names.append(tok)
            continue
        break
    heads = [t for t in names if _is_name_head(t)]
    if not heads or (len(words) > len(names) and words[len(names)].text not in (",", ".")):
        return None
    dash = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if dash is None:
        return None
    return _Found(CueMention(dash.start, dash.end, "—", dash.start), heads[-1], "frame")


def _is_quote_mark(tok: Token) -> bool:
    return tok.is_quote or tok.text in ("“", "”", "‘", "’", '"', "'", "«", "»", "„")


# -- kind ---------------------------------------------------------------------------


def _boundary_before(text: str, span: QuoteSpan, line_start: int) -> bool:
    i = span.open_start - 1
    while i >= line_start and text[i] in " \t\u00a0":
        i -= 1
    return i < line_start or text[i] in _BOUNDARY_BEFORE or text[i] in ".!?" or text[i] == "\n"


def _boundary_after(text: str, span: QuoteSpan) -> bool:
    """True if the quote ends a clause: punctuation inside the marks or right after them."""
    content = text[span.start : span.end].rstrip()
    if content and content[-1] in ",.!?…—–:;":
        return True
    i = span.close_end
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return i >= len(text) or text[i] in ",.;:!?)—–\n"


def _kind(
    text: str, span: QuoteSpan, tokens: Optional[Span], found: Optional[_Found], line_start: int
) -> QuoteKind:
    """Direct when the marks hold the whole reported utterance; partial for a fragment."""
    if tokens is None:
        return QuoteKind.DIRECT if _boundary_before(text, span, line_start) else QuoteKind.PARTIAL
    before, after = _boundary_before(text, span, line_start), _boundary_after(text, span)
    if before and after:
        return QuoteKind.DIRECT
    roots = _roots(tokens)
    if not roots or found is None:
        return QuoteKind.PARTIAL
    root = roots[0]
    whole = all(
        tokens.start <= t.i < tokens.end for t in root.subtree if not (t.is_punct or t.is_space)
    )
    # "He said “I will win.”": a whole clause, with its own subject, complementing the cue.
    cue_tok = tokens.doc[found.cue.head]
    clause = is_verbal(root) and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") and tokens.start <= c.i < tokens.end
        for c in root.children
    )
    linked = root.head.i == cue_tok.i or cue_tok.head.i == root.i
    return QuoteKind.DIRECT if whole and clause and linked else QuoteKind.PARTIAL


# -- all quotes of a document ---------------------------------------------------------------


def attribute(
    doc: Doc,
    spans: Iterable[QuoteSpan],
    lexicon: CueLexicon,
    *,
    text: Optional[str] = None,
    paragraph_starts: Optional[Sequence[int]] = None,
) -> List[Attribution]:
    """Attribute every quoted span of ``doc`` (spans in offsets of ``doc.text``).

    Only top-level spans are attributed: a quote nested inside another quote is part
    of what the outer speaker said. ``paragraph_starts`` are the offsets where the
    paragraphs of the text begin (see :func:`quoteattr.marks.paragraph_starts`).
    """
    text = doc_text(doc) if text is None else text
    spans = [s for s in spans if s.depth == 0]
    if paragraph_starts is None:
        from .marks import paragraph_starts as _starts

        paragraph_starts = _starts(text)
    quoted = [(s.start, s.end) for s in spans]
    results: List[Attribution] = []
    for span in spans:
        p = max(0, bisect.bisect_right(paragraph_starts, span.start) - 1)
        line_start = paragraph_starts[p] if paragraph_starts else 0
        nl = text.find("\n", span.end)
        paragraph_end = len(text) if nl == -1 else nl
        tokens = _content_tokens(doc, span)
        found: Optional[_Found] = None
        if tokens is not None:
            found = (
                _speaker_label(doc, tokens, quoted, lexicon)
                or _adjacent_frame(doc, tokens, span, lexicon, paragraph_end, quoted)
                or _frame_before(doc, tokens, lexicon, quoted)
            )
            if found is None:
                found = _by_syntax(tokens, lexicon, quoted)
            if found is None or found.source is None:
                framed = _by_frame(tokens, span, lexicon, paragraph_end, quoted)
                if framed is not None:
                    found = framed
            if found is None or found.source is None:
                found = _sentence_according_to(tokens, lexicon, quoted) or found
        kind = _kind(text, span, tokens, found, line_start)
        if (
            tokens is not None
            and (found is None or found.source is None)
            and kind is QuoteKind.PARTIAL
        ):
            found = (
                _headline_subject(doc, tokens, quoted)
                or _clause_verb(tokens, lexicon, quoted)
                or found
            )
        first = tokens.start if tokens is not None else 0
        if found is not None and found.source is not None:
            results.append(
                Attribution(span, kind, found.cue, found.source.i, found.method, first_token=first)
            )
            continue
        if found is None:
            adjacent, method = _adjacent(results, span, text, paragraph_starts, p, kind)
            if adjacent is None and tokens is not None and kind is QuoteKind.DIRECT:
                reported = _report_before(doc, tokens, span, text, line_start, lexicon, quoted)
                if reported is not None:
                    results.append(
                        Attribution(
                            span,
                            kind,
                            reported.cue,
                            reported.source.i if reported.source is not None else None,
                            reported.method,
                            first_token=first,
                        )
                    )
                    continue
        else:
            adjacent, method = None, "none"  # a cue that names nobody: the speaker is unknown
        results.append(
            Attribution(
                span,
                kind,
                found.cue if found is not None else None,
                None,
                method,
                adjacent_to=adjacent,
                first_token=first,
            )
        )
    return results


def _report_before(
    doc: Doc,
    tokens: Span,
    span: QuoteSpan,
    text: str,
    line_start: int,
    lexicon: CueLexicon,
    quoted: Sequence[Tuple[int, int]],
) -> Optional[_Found]:
    """ "..., Reyes said. “The other worry ...”": a quote with no cue of its own that
    opens a sentence right after a sentence reporting someone's words, in the same
    paragraph, or after a paragraph that ends in a colon ("Lee made the following
    remark:"). The reported speaker goes on speaking.
    """
    before_text = text[: span.open_start].rstrip()
    if not before_text or before_text[-1] not in ".!?:":
        return None
    opens_paragraph = not text[line_start : span.open_start].strip()
    if opens_paragraph and before_text[-1] != ":":
        return None  # a paragraph of its own continues only an introduction with a colon
    end = tokens.start - 1
    while end >= 0 and (doc[end].is_space or _is_quote_mark(doc[end])):
        end -= 1
    if end < 0:
        return None
    sentence = doc[end].sent
    candidates: List[Tuple[int, _Found]] = []
    for tok in sentence:
        if _in_spans(tok, quoted):
            continue
        cue = cue_at(tok, lexicon)
        if cue is None:
            continue
        source = source_of_cue(doc, cue, quoted)
        if source is None and cue.noun and tok.dep_ in ("dobj", "obj") and is_verbal(tok.head):
            source = _subject_of(tok.head, quoted=quoted)  # "made the following comment:"
        if source is None or _in_spans(source, quoted) or not plausible_source(source):
            continue
        if source.pos_ == "PRON" and source.lower_ not in _SPEAKING_PRONOUNS:
            continue
        depth = 0
        head = tok
        while head.head.i != head.i and depth < 50:
            head, depth = head.head, depth + 1
        candidates.append((depth, _Found(cue, source, "report_before")))
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


def _adjacent(
    results: Sequence[Attribution],
    span: QuoteSpan,
    text: str,
    paragraph_starts: Sequence[int],
    paragraph: int,
    kind: QuoteKind,
) -> Tuple[Optional[int], str]:
    """Return the index of the earlier quote whose speaker this cue-less quote takes."""
    if not results:
        return None, "none"
    line_start = paragraph_starts[paragraph] if paragraph_starts else 0
    for index in range(len(results) - 1, -1, -1):
        prev = results[index]
        if prev.span.start < line_start:
            break
        if prev.source is not None or prev.adjacent_to is not None:
            return index, "adjacent"
    # A quote that opens its paragraph continues the speaker of the quote that closed
    # the paragraph before (the news convention for a run of quoted paragraphs).
    if (
        kind is QuoteKind.DIRECT
        and text[line_start : span.open_start].strip() == ""
        and paragraph > 0
    ):
        prev_start = paragraph_starts[paragraph - 1]
        index = len(results) - 1
        prev = results[index]
        if prev.span.start >= prev_start and (
            prev.source is not None or prev.adjacent_to is not None
        ):
            # What follows the quote before is its own reporting clause (", Holm said,
            # referring to ..."): one sentence, with no other quotation mark in it.
            tail = text[prev.span.close_end : line_start].strip()
            if len(tail) < 80 or (
                len(tail) < 300 and not re.search(r"[.!?][\s\u201c\u201d\"]+[A-Z]", tail[:-1])
            ):
                return index, "adjacent_paragraph"
    return None, "none"
