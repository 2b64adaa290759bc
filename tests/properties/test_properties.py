"""Properties of the scanner and the extractor that hold for any text."""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Dict, List, Sequence, Tuple

import attrs
import pytest
import strategies
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

import quoteattr
from quoteattr import Quote
from quoteattr._marks.marks import QuoteSpan, find_quote_spans
from quoteattr._quotes.model import ArticleLike
from quoteattr._quotes.records import quote_from_record, quote_record

PARAGRAPH_BREAK = "\n\n"


def shifted(spans: Sequence[QuoteSpan], offset: int, text: str) -> List[QuoteSpan]:
    """``spans`` moved ``offset`` characters to the right (``text`` is the text they index)."""
    moved = [
        attrs.evolve(
            s,
            start=s.start + offset,
            end=s.end + offset,
            open_start=s.open_start + offset,
            close_end=s.close_end + offset,
        )
        for s in spans
    ]
    for s in moved:
        assert text[s.start : s.end] == s.text
    return moved


def overlap(a: Tuple[int, int], b: Tuple[int, int]) -> bool:
    """True if the half-open ranges ``a`` and ``b`` share a character."""
    return max(a[0], b[0]) < min(a[1], b[1])


# -- the scanner ------------------------------------------------------------------------


@given(strategies.texts())
def test_span_offsets_give_back_the_span_text(text: str) -> None:
    for s in find_quote_spans(text):
        assert text[s.start : s.end] == s.text
        assert 0 <= s.open_start <= s.start <= s.end <= s.close_end <= len(text)
        assert s.start < s.end, "a span has content"
        assert s.depth >= 0 and s.paragraphs >= 1
        # A missing mark leaves no gap between the content and the span's outer bound.
        assert s.closed or s.close_end == s.end
        assert s.opened or s.open_start == s.start


@given(strategies.texts())
def test_spans_are_sorted_by_start(text: str) -> None:
    starts = [s.start for s in find_quote_spans(text)]
    assert starts == sorted(starts)


@given(strategies.texts())
def test_spans_of_one_depth_never_overlap(text: str) -> None:
    by_depth: Dict[int, List[QuoteSpan]] = defaultdict(list)
    for s in find_quote_spans(text):
        by_depth[s.depth].append(s)
    for spans in by_depth.values():
        for a, b in zip(spans, spans[1:]):
            assert not overlap((a.open_start, a.close_end), (b.open_start, b.close_end)), (a, b)


@given(strategies.texts())
def test_depth_counts_the_spans_that_hold_a_span(text: str) -> None:
    spans = find_quote_spans(text)
    for s in spans:
        holders = [
            o
            for o in spans
            if o is not s and o.open_start <= s.open_start and s.close_end <= o.close_end
        ]
        assert s.depth == len(holders), (s, holders)


@given(strategies.texts())
def test_scanner_is_deterministic(text: str) -> None:
    assert find_quote_spans(text) == find_quote_spans(text)


@given(st.text())
def test_scanner_never_raises_on_arbitrary_text(text: str) -> None:
    assert isinstance(find_quote_spans(text), list)


@given(strategies.balanced_paragraphs(), strategies.texts())
def test_text_after_balanced_paragraphs_is_scanned_as_if_alone(
    before: Tuple[str, ...], text: str
) -> None:
    # No quote is open at the end of balanced paragraphs, so the paragraphs after them
    # are scanned as if they were the whole text, only shifted.
    prefix = PARAGRAPH_BREAK.join(before) + PARAGRAPH_BREAK
    whole = prefix + text
    assert find_quote_spans(whole) == find_quote_spans(prefix) + shifted(
        find_quote_spans(text), len(prefix), whole
    )


@given(strategies.texts(), strategies.balanced_paragraphs())
def test_balanced_paragraphs_after_a_text_do_not_change_its_spans(
    text: str, after: Tuple[str, ...]
) -> None:
    # The paragraphs after start with a word and open their first double quote before
    # closing any, so they neither continue nor close a quote left open by the text.
    suffix = PARAGRAPH_BREAK.join(after)
    whole = text + PARAGRAPH_BREAK + suffix
    offset = len(text) + len(PARAGRAPH_BREAK)
    assert find_quote_spans(whole) == find_quote_spans(text) + shifted(
        find_quote_spans(suffix), offset, whole
    )


@given(strategies.balanced_paragraphs())
def test_balanced_paragraphs_have_only_closed_quotes(paragraphs: Tuple[str, ...]) -> None:
    text = PARAGRAPH_BREAK.join(paragraphs)
    for s in find_quote_spans(text):
        assert s.closed and s.opened and s.paragraphs == 1
        assert text[s.open_start : s.start].strip() and text[s.end : s.close_end].strip()


# -- the extractor ----------------------------------------------------------------------

# Parsing is the slow part: keep texts short.
EXTRACTOR_TEXTS = strategies.texts(max_size=400)


@example(text="“We win,” Kim Jong\x0cUn said.")  # a form feed inside a speaker's name
@given(text=EXTRACTOR_TEXTS)
def test_extract_never_raises_and_quote_speaker_and_cue_offsets_give_back_their_text(
    plain_extractor: quoteattr.QuoteExtractor, text: str
) -> None:
    for q in plain_extractor.extract(text):
        assert q.article.text == text
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert 0.0 <= q.confidence <= 1.0
        s = q.speaker
        if s is not None:
            assert (s.start is None) == (s.end is None), s
        if s is not None and s.start is not None and s.end is not None:
            assert 0 <= s.start <= s.end <= len(text)
            assert text[s.start : s.end] == s.mention, (s, text[s.start : s.end])
        if q.cue is not None:
            c = q.cue
            assert 0 <= c.start <= c.end <= len(text)
            assert text[c.start : c.end] == c.text, (c, text[c.start : c.end])


@given(text=EXTRACTOR_TEXTS)
def test_extracted_quotes_are_sorted_and_of_one_kind_never_overlap(
    plain_extractor: quoteattr.QuoteExtractor, text: str
) -> None:
    quotes = plain_extractor.extract(text)
    assert [(q.start, q.end) for q in quotes] == sorted((q.start, q.end) for q in quotes)
    by_kind: Dict[quoteattr.QuoteKind, List[Quote]] = defaultdict(list)
    for q in quotes:
        by_kind[q.kind].append(q)
    for same in by_kind.values():
        for a, b in zip(same, same[1:]):
            assert not overlap((a.start, a.end), (b.start, b.end)), (a, b)


@given(text=EXTRACTOR_TEXTS)
def test_the_component_path_gives_what_the_extractor_gives(
    plain_extractor: quoteattr.QuoteExtractor, component_nlp: Language, text: str
) -> None:
    """``nlp.add_pipe("quoteattr")`` and :class:`QuoteExtractor` are one path.

    Lone surrogates are left out: spaCy's own tokenizer cannot encode them, before any
    component runs (the extractor reads them as spaces; see docs/spacy.rst).
    """
    assume(not any("\ud800" <= ch <= "\udfff" for ch in text))
    from_component = component_nlp(text)._.quotes
    from_extractor = plain_extractor.extract(text)
    assert [q.to_dict() for q in from_component] == [q.to_dict() for q in from_extractor]


@given(text=EXTRACTOR_TEXTS)
@settings(max_examples=25)
def test_extract_is_deterministic(plain_extractor: quoteattr.QuoteExtractor, text: str) -> None:
    assert plain_extractor.extract(text) == plain_extractor.extract(text)


@pytest.mark.parametrize("wrap", [str, quoteattr.Article, lambda t: {"text": t, "id": "x"}])
@given(text=strategies.quoted_phrase())
@settings(max_examples=10)
def test_extract_accepts_every_article_form(
    plain_extractor: quoteattr.QuoteExtractor, wrap: Callable[[str], ArticleLike], text: str
) -> None:
    quotes = plain_extractor.extract(wrap(text))
    assert [(q.start, q.end, q.text) for q in quotes] == [
        (q.start, q.end, q.text) for q in plain_extractor.extract(text)
    ]


@given(text=EXTRACTOR_TEXTS)
@settings(max_examples=25)
def test_quotes_round_trip_through_dicts_json_and_flat_rows(
    plain_extractor: quoteattr.QuoteExtractor, text: str
) -> None:
    """What the store, JSON Lines and Parquet/CSV rows keep is the whole quote."""
    article = quoteattr.Article(text, id="p", outlet="Wire", url="https://news.example/p")
    for q in plain_extractor.extract(article):
        assert quoteattr.Quote.from_json(q.to_json(include_article_text=True)) == q
        assert quoteattr.Quote.from_dict(q.to_dict(), article=article) == q
        assert quote_from_record(quote_record(q), article=article) == q
