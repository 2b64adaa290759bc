"""Reported speech without quotation marks: "Kim said North Korea would fully support Russia".

An indirect quote is a cue with a source and a reported clause:

- a reporting verb and its complement clause: "The agency estimated **that some 2,000
  soldiers had been killed**", "Putin claimed **Russian forces were advancing**";
- the same with the clause first: "**Beijing wants to keep ties**, analysts say";
- a promise, plea or call with an infinitive: "Kim vowed **to fully support Russia**";
- "according to X, **...**": the clause the phrase hangs on;
- an utterance noun with its clause: "X's claim **that ...**", "the vow **to ...**".

The content is the clause, without the punctuation at its ends; its kind is
``indirect``, or ``mixed`` when it holds a quoted fragment. To keep precision high, a
cue needs a plausible source (a name, a pronoun, a person or organisation noun), a
verb of saying with only an object ("said a prayer") is not a quote, a question ("Did
he say that?") is not either, and a clause that is itself a direct quote is left to the
quote-mark attribution. Attributions nested inside another one's content are dropped:
the outer one reports the whole.
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Token

from .attribution import (
    Attribution,
    CueMention,
    cue_at,
    is_verbal,
    plausible_source,
    source_of_cue,
)
from .cues import CueLexicon
from .marks import QuoteSpan
from .model import QuoteKind

__all__ = ["find_indirect"]

#: Verbs that name what something is: "called the charges unsubstantiated".
_NAMING_VERBS = frozenset(["call", "label", "brand", "dub", "term", "describe"])

#: Verbs that judge someone for something: "accused Putin of acting with impunity".
_JUDGING_VERBS = frozenset(
    [
        "accuse",
        "charge",
        "blame",
        "criticize",
        "criticise",
        "praise",
        "thank",
        "commend",
        "congratulate",
        "condemn",
        "fault",
    ]
)

#: Verbs whose infinitive complement is what was said ("vowed to support").
_INFINITIVE_VERBS = frozenset(
    [
        "pledge",
        "vow",
        "promise",
        "threaten",
        "urge",
        "ask",
        "call",
        "demand",
        "warn",
        "agree",
        "offer",
        "propose",
        "insist",
        "claim",
        "deny",
        "refuse",
        "tell",
        "advise",
        "encourage",
    ]
)


def _contents_of(tok: Token, noun: bool, lexicon: CueLexicon) -> List[Tuple[int, int]]:
    """The token ranges of what a cue reports (two when the cue interrupts the clause)."""
    lemma = tok.lemma_.lower()
    for child in tok.children:
        if child.dep_ == "ccomp" or (
            noun and child.dep_ in ("acl", "ccomp") and _starts_with_that(child)
        ):
            return [(child.left_edge.i, child.right_edge.i + 1)]
    for child in tok.children:
        if (
            child.dep_ in ("xcomp", "acl")
            and (lemma in _INFINITIVE_VERBS or noun)
            and _infinitive(child)
        ):
            return [(child.left_edge.i, child.right_edge.i + 1)]
    if noun:
        return []
    if tok.dep_ == "parataxis" and is_verbal(tok.head):
        # "Beijing wants to keep ties, analysts say" and "..., he said, local officials
        # should be vigilant": the reported clause heads the sentence, around the cue.
        head = tok.head
        parts = [(head.left_edge.i, tok.left_edge.i), (tok.right_edge.i + 1, head.right_edge.i + 1)]
        return [(a, b) for a, b in parts if b - a >= 2]
    if tok.dep_ == "ROOT":
        # The parser sometimes hangs a fronted clause on the verb as "advcl"/"dep".
        for child in tok.lefts:
            if (
                child.dep_ in ("advcl", "dep")
                and is_verbal(child)
                and _has_subject(child)
                and not any(c.dep_ == "mark" for c in child.children)
            ):
                return [(child.left_edge.i, child.right_edge.i + 1)]
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    if lemma in _JUDGING_VERBS and objects:
        # "accused Putin of acting with impunity", "praised the troops for their courage"
        reasons = [
            c
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i > objects[0].i
        ]
        if reasons:
            return [(objects[0].left_edge.i, reasons[0].right_edge.i + 1)]
    if lemma in _NAMING_VERBS and objects:
        # "called the charges unsubstantiated": the object and what it is called.
        complements = [
            c for c in tok.children if c.dep_ in ("oprd", "xcomp") and c.i > objects[0].i
        ]
        if complements:
            return [(objects[0].left_edge.i, complements[-1].right_edge.i + 1)]
    if lexicon.takes_object(lemma):
        if objects:
            return [(objects[0].left_edge.i, objects[0].right_edge.i + 1)]
        for child in tok.children:
            # "called for talks", "pointed to the record", "warned of a crisis"
            if child.dep_ == "prep" and child.lower_ in ("for", "to", "on", "of", "about"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return [(pobj.left_edge.i, pobj.right_edge.i + 1)]
    return []


def _starts_with_that(tok: Token) -> bool:
    return tok.doc[tok.left_edge.i].lower_ == "that" or any(
        c.dep_ == "mark" and c.lower_ == "that" for c in tok.children
    )


def _infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def _is_question(tok: Token) -> bool:
    sent = tok.sent
    last = sent[-1]
    while last.i > sent.start and (last.is_space or last.is_quote or last.text in (")", "”")):
        last = tok.doc[last.i - 1]
    return last.text == "?"


def _trim(doc: Doc, start: int, end: int) -> Tuple[int, int]:
    while start < end and (doc[start].is_punct or doc[start].is_space) and not doc[start].is_quote:
        start += 1
    while (
        end > start
        and (doc[end - 1].is_punct or doc[end - 1].is_space)
        and not doc[end - 1].is_quote
    ):
        end -= 1
    return start, end


def _according_to(tok: Token) -> Optional[Tuple[CueMention, Token, List[Tuple[int, int]]]]:
    """An "according to X" phrase on ``tok``: (cue, source, content ranges around it)."""
    for child in tok.children:
        if child.dep_ != "prep" or child.lower_ != "according":
            continue
        doc = tok.doc
        if child.i + 1 >= len(doc) or doc[child.i + 1].lower_ != "to":
            continue
        source = next(
            (g for t in (child, doc[child.i + 1]) for g in t.children if g.dep_ == "pobj"), None
        )
        if source is None:
            continue
        phrase_start, phrase_end = child.left_edge.i, child.right_edge.i + 1
        start, end = tok.left_edge.i, tok.right_edge.i + 1
        parts = [(start, phrase_start), (phrase_end, end)]
        cue = CueMention(child.i, child.i + 2, "according_to", child.i)
        return cue, source, [(a, b) for a, b in parts if b - a >= 2]
    return None


def _credible(source: Token, cue: CueMention, lexicon: CueLexicon) -> bool:
    """Whether ``source`` can be who speaks through ``cue`` in reported speech."""
    if plausible_source(source):
        return True
    # Verbs of saying proper take any noun as source ("Developers say ..."); other
    # verbs (show, find, believe) need a person, organisation or document.
    return (
        not cue.noun
        and lexicon.is_speech_verb(cue.lemma)
        and (source.pos_ in ("NOUN", "PROPN") or source.tag_.startswith("NN"))
    )


def _chars(doc: Doc, start: int, end: int) -> Tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _with_whole_quotes(chars: Tuple[int, int], quoted: Sequence[QuoteSpan]) -> Tuple[int, int]:
    """Widen a content span so that a quote it cuts through is taken whole, marks included."""
    start, end = chars
    for q in quoted:
        if start < q.close_end and q.open_start < end:  # they overlap
            if q.open_start < start <= q.start or (
                q.start < start < q.end and q.open_start >= start - 200
            ):
                start = min(start, q.open_start)
            if q.end <= end < q.close_end or (q.start < end < q.end and q.close_end <= end + 200):
                end = max(end, q.close_end)
    return start, end


def _covered(span: Tuple[int, int], quoted: Sequence[QuoteSpan]) -> float:
    """How much of the span the largest single quote in it covers, marks included (0 to 1)."""
    length = span[1] - span[0]
    if length <= 0:
        return 0.0
    inside = [max(0, min(span[1], q.close_end) - max(span[0], q.open_start)) for q in quoted]
    return max(inside, default=0) / length


def find_indirect(
    doc: Doc,
    lexicon: CueLexicon,
    quoted: Sequence[QuoteSpan],
    marked: Sequence[Attribution] = (),
) -> List[Attribution]:
    """Return the indirect (and mixed) quotes of a parsed doc, sorted by start.

    ``quoted`` are the top-level quotation-mark spans of the doc's text and ``marked``
    their attributions; a clause that is one of those quotes is not reported again.
    """
    text = doc.text
    marked_cues = {a.cue.head for a in marked if a.cue is not None and a.kind is QuoteKind.DIRECT}
    found: List[Tuple[Tuple[int, int], Attribution]] = []
    for tok in doc:
        source: Optional[Token]
        acc = _according_to(tok)
        if acc is not None:
            cue, source, contents = acc
        else:
            found_cue = cue_at(tok, lexicon)
            if found_cue is None or tok.i in marked_cues:
                continue
            cue = found_cue
            contents = _contents_of(tok, cue.noun, lexicon)
            if not contents:
                continue
            source = source_of_cue(doc, cue)
        if source is None or not _credible(source, cue, lexicon):
            continue
        if cue.lemma != "according_to" and _is_question(tok):
            continue
        for start, end in contents:
            start, end = _trim(doc, start, end)
            if end - start < 2 or start <= source.i < end or start <= cue.head < end:
                continue
            chars = _with_whole_quotes(_chars(doc, start, end), quoted)
            if _covered(chars, quoted) >= 0.8:
                continue  # one direct quote: the quote-mark attribution has it
            holds_fragment = any(
                chars[0] <= q.open_start and q.close_end <= chars[1] for q in quoted
            )
            kind = QuoteKind.MIXED if holds_fragment else QuoteKind.INDIRECT
            span = QuoteSpan(
                start=chars[0],
                end=chars[1],
                open_start=chars[0],
                close_end=chars[1],
                text=text[chars[0] : chars[1]],
                style="none",
                depth=0,
            )
            found.append(
                (chars, Attribution(span, kind, cue, source.i, "syntax", first_token=start))
            )
    return _outermost(found)


def _outermost(found: List[Tuple[Tuple[int, int], Attribution]]) -> List[Attribution]:
    """Drop attributions that overlap a longer one (PolNeAR-style univocal annotation)."""
    kept: List[Tuple[Tuple[int, int], Attribution]] = []
    for chars, attribution in sorted(found, key=lambda f: (-(f[0][1] - f[0][0]), f[0][0])):
        if all(chars[1] <= k[0] or k[1] <= chars[0] for k, _ in kept):
            kept.append((chars, attribution))
    return [a for _, a in sorted(kept, key=lambda f: f[0][0])]
