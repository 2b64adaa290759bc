"""Speakers named by a label rather than a verb: "Nina Holm: “...”", headlines, signatures.

News and transcripts name a speaker before a colon ("Analysts agree - Nina Holm:
“...”", "SMITH:"), in a headline ("Diaz: Lee needs to ‘step away’", "Tom Diaz Pins The
Rise Of Crime On ‘Reckless’ Cuts") or in a signature after the quote ("“...” ― Maria
Okafor"). These rules read the surface of the line, as the parse of such lines is poor.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from quoteattr._lexicon.cues import CueLexicon
from quoteattr._lexicon.roles import load_roles
from quoteattr._lexicon.words import AGENT_LABELS
from quoteattr._marks.marks import QuoteSpan
from quoteattr._parse.deps import dative, pobj
from quoteattr._rules.attribution_cues import cue_word
from quoteattr._rules.attribution_types import CueMention, Found
from quoteattr._rules.syntax import (
    OBJECT_DEPS,
    Quoted,
    doc_cached,
    doc_text,
    in_spans,
    in_title_case_line,
    is_name_head,
    is_quote_mark,
    is_verbal,
    line_end_of,
    line_start_of,
    mention_start,
    title_case_between,
)

__all__ = [
    "dash_signature",
    "headline_subject",
    "label_before_colon",
    "name_before_colon",
    "signature_line",
    "speaker_label",
]

#: Words that join a headline's speaker to its topic: "Diaz On Lee: ‘...’".
_HEADLINE_TOPIC_WORDS = frozenset(["on", "about", "to", "at", "of", "re"])
#: How the parse hangs an addressee on its verb ("told the Danish newspaper Nordposten:").
_ADDRESSEE_DEPS = OBJECT_DEPS | {pobj, dative}
_DASHES = ("―", "—", "--", "–")
_SIGNATURE_LINE = re.compile(r"[ \t]*\n\s*([-—–―]{1,2})[ \t\u00a0]*(?=\S)")


def _colon_cue(colon: int) -> CueMention:
    return CueMention.at(colon, ":")


def speaker_label(doc: Doc, tokens: Span, quoted: Quoted, lexicon: CueLexicon) -> Found | None:
    """ "Analysts agree - Nina Holm: “...”": a name set off before a colon that opens the quote.

    The name must follow a dash, the start of its line, or a sentence's end, so that
    the object of a verb ("He told Putin: “...”") is never taken for it.
    """
    before = tokens.start - 1
    while before >= 0 and (doc[before].is_space or is_quote_mark(doc[before])):
        before -= 1
    if before < 1 or doc[before].text != ":":
        return _headline_speaker_label(doc, tokens, quoted)
    headline = _headline_label(doc, before, lexicon)
    if headline is not None:
        return headline
    last = doc[before - 1]
    if (
        not (last.ent_type_ in AGENT_LABELS or is_name_head(last))
        or not last.text[:1].isupper()
        or in_spans(last, quoted)
    ):
        return None  # "ps:", "update:"
    first = doc[mention_start(last)]
    while first.i > 0 and doc[first.i - 1].ent_iob_ == "I" and first.ent_iob_ == "I":
        first = doc[first.i - 1]
    if first.ent_iob_ == "I" and first.i > 0:
        first = doc[first.i - 1]
    if first.i == 0:
        return Found(_colon_cue(before), last, "frame")
    previous = doc[first.i - 1]
    if (
        previous.text in ("-", "—", "–", "--", ".", "|")
        or "\n" in previous.whitespace_ + previous.text
    ):
        return Found(_colon_cue(before), last, "frame")
    return None


def _headline_label(doc: Doc, colon: int, lexicon: CueLexicon) -> Found | None:
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
    if any(t.tag_ in ("VBZ", "VBD") or cue_word(t, lexicon) for t in phrase):
        return None
    speaker = [t for t in phrase if t.is_alpha and t.text[:1].isupper()]
    if not speaker or len(phrase) > 5:
        return None
    return Found(_colon_cue(colon), speaker[-1], "frame")


def _headline_start(doc: Doc, tokens: Span) -> int | None:
    """Where the line holding a quote starts, if that line is a headline: the article's
    first line, or a line in Title Case."""
    line_start = line_start_of(doc, tokens.start_char)
    line_end = line_end_of(doc, tokens.start_char)
    first_line = line_start == doc_cached(doc, "text start", _text_start)
    if not first_line and not title_case_between(doc, line_start, line_end):
        return None
    return line_start


def _text_start(doc: Doc) -> int:
    """Where the text of ``doc`` starts, after any whitespace."""
    text = doc_text(doc)
    return len(text) - len(text.lstrip())


def _first_colon(doc: Doc, start: int, end: int) -> int | None:
    """Where the first colon in ``start:end`` of the doc's text stands, or None."""
    colons = doc_cached(doc, "colons", lambda d: [m.start() for m in re.finditer(":", doc_text(d))])
    i = bisect.bisect_left(colons, start)
    return colons[i] if i < len(colons) and colons[i] < end else None


def _headline_speaker_label(doc: Doc, tokens: Span, quoted: Quoted) -> Found | None:
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
    if label is None or not 1 <= len(label) <= 4 or in_spans(label[0], quoted):
        return None
    if any(not t.text[:1].isupper() or t.is_stop for t in label):
        return None
    colon_token = doc.char_span(colon, colon + 1)
    if colon_token is None:
        return None
    return Found(_colon_cue(colon_token.start), label[-1], "frame")


def headline_subject(doc: Doc, tokens: Span, quoted: Quoted) -> Found | None:
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
    if in_spans(tok, quoted):
        return None
    # The model rarely tags a name in a Title Case line: a person it tags elsewhere will do.
    people = doc_cached(doc, "people", _person_names)
    end = -1
    for n in (4, 3, 2):
        words = tuple(t.text for t in doc[tok.i : tok.i + n])
        if len(words) == n and words in people:
            end = tok.i + n - 1
            break
    if end < 0:
        return None
    nxt = end + 1
    if nxt >= tokens.start - 1 or is_quote_mark(doc[nxt]):
        return None
    return Found(CueMention.at(nxt, doc[nxt].lemma_.lower()), doc[end], "headline_subject")


def _person_names(doc: Doc) -> frozenset[tuple[str, ...]]:
    """The words of each name of two to four words in a doc: tagged as a person, or a
    run of proper nouns, part of it tagged as a person, in a line that is no headline."""
    names = {
        tuple(t.text for t in e)
        for e in doc.ents
        if e.label_ == "PERSON" and len(e) > 1 and not in_title_case_line(e[0])
    }
    run: list[Token] = []
    for tok in [*doc, None]:
        if tok is not None and tok.pos_ == "PROPN" and tok.is_alpha and tok.ent_type_ != "GPE":
            run.append(tok)
            continue
        if (
            len(run) >= 2
            and any(t.ent_type_ == "PERSON" for t in run)
            and not in_title_case_line(run[0])
        ):
            words = tuple(t.text for t in run)
            names.update(words[i:] for i in range(len(words) - 1))
        run = []
    return frozenset(n for n in names if 2 <= len(n) <= 4)


def label_before_colon(doc: Doc, colon: int, quoted: Quoted) -> Found | None:
    """A speaker label: a short name ending at a colon that opens the paragraph ("Nina Holm:")."""
    start = colon
    while start > 0 and "\n" not in doc[start - 1].text and "\n" not in doc[start - 1].whitespace_:
        start -= 1
        if colon - start > 8:
            return None
    label = [t for t in doc[start:colon] if not (t.is_punct or t.is_space)]
    if not label or any(is_verbal(t) for t in label) or in_spans(label[0], quoted):
        return None
    # A label is a name or a role, not a headline: no joining words ("Diaz On Housing:").
    if any(t.is_stop for t in label[1:]) or len(label) > 5:
        return None
    head = label[-1]
    if not head.text[:1].isupper() or not (
        is_name_head(head) or load_roles().names_speaker(head.lemma_)
    ):
        return None  # "ps:", "update:"
    return Found(_colon_cue(colon), head, "frame")


def name_before_colon(doc: Doc, colon: int, quoted: Quoted) -> Found | None:
    """A name right before the colon that opens a quote: "... pollster Nina Holm: “...”"."""
    if colon == 0:
        return None
    last = doc[colon - 1]
    if in_spans(last, quoted) or not (
        last.ent_type_ in AGENT_LABELS
        or (last.pos_ == "PROPN" and last.text[:1].isupper() and not in_title_case_line(last))
    ):
        return None
    if last.dep in _ADDRESSEE_DEPS and not (
        last.dep == pobj and last.head.lower_ in ("from", "per")
    ):
        return None  # "... to the Danish newspaper Nordposten:", "on CNN:": an addressee
    if last.ent_type_ not in AGENT_LABELS and last.head.i != last.i and last.head.i < colon:
        # An unlabelled proper noun must head its phrase: "the Times:", not "Times Square".
        return None
    return Found(_colon_cue(colon), last, "frame")


def dash_signature(doc: Doc, after: int, paragraph_end: int, quoted: Quoted) -> Found | None:
    """A signature after the quote: “...” ― Maria Okafor (a dash, a name, then the end)."""
    before = after - 1
    while before > 0 and doc[before].is_space:  # "” ―\u00a0Julie Diaz": a space token
        before -= 1
    if after >= len(doc) or (doc[before].text not in _DASHES and doc[after].text not in _DASHES):
        return None
    dash = after if doc[after].text in _DASHES else before
    first = dash + 1
    while first < len(doc) and doc[first].is_space:
        first += 1
    end = first
    while end < len(doc) and doc[end].idx < paragraph_end and end - first <= 8:
        if doc[end].text in (".", "!", "?") or in_spans(doc[end], quoted):
            break
        end += 1
    if end == first or (
        end < len(doc) and doc[end].idx < paragraph_end and doc[end].text not in (".", "!", "?")
    ):
        return None
    names = [t for t in doc[first:end] if is_name_head(t)]
    if not names or any(is_verbal(t) and t.pos_ != "PROPN" for t in doc[first:end]):
        return None
    return Found(CueMention.at(dash, "—"), names[-1], "frame")


def signature_line(doc: Doc, span: QuoteSpan, quoted: Quoted) -> Found | None:
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
    names: list[Token] = []
    for tok in words:
        if in_spans(tok, quoted):
            return None
        if is_name_head(tok) or (tok.text == "." and names and len(tok.nbor(-1)) == 1):
            names.append(tok)
            continue
        break
    heads = [t for t in names if is_name_head(t)]
    if not heads or (len(words) > len(names) and words[len(names)].text not in (",", ".")):
        return None
    dash = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if dash is None:
        return None
    return Found(CueMention(dash.start, dash.end, "—", dash.start), heads[-1], "frame")
