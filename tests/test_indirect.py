"""Indirect and mixed quotes: reported speech without quotation marks."""

from __future__ import annotations

from typing import List

import pytest

import quoteattr
from quoteattr import Quote, QuoteKind


def reported(extractor: quoteattr.QuoteExtractor, text: str) -> List[Quote]:
    quotes = [q for q in extractor.extract(text) if q.kind in (QuoteKind.INDIRECT, QuoteKind.MIXED)]
    for q in quotes:
        assert text[q.start : q.end] == q.text
    return quotes


@pytest.mark.parametrize(
    ("text", "content", "speaker", "lemma"),
    [
        (
            "Kim said North Korea would fully support Russia.",
            "North Korea would fully support Russia",
            "Kim",
            "say",
        ),
        (
            "The agency estimated that some 2,000 soldiers had been killed.",
            "that some 2,000 soldiers had been killed",
            "agency",
            "estimate",
        ),
        (
            "Putin claimed Russian forces were advancing.",
            "Russian forces were advancing",
            "Putin",
            "claim",
        ),
        (
            "Beijing wants to keep ties with both countries, analysts say.",
            "Beijing wants to keep ties with both countries",
            "analysts",
            "say",
        ),
        (
            "According to the agency, Pyongyang has sent thousands of troops.",
            "Pyongyang has sent thousands of troops",
            "agency",
            "according to",
        ),
        ("Kim vowed to support Moscow in its war.", "to support Moscow in its war", "Kim", "vow"),
        (
            "Zelenskyy accused Putin of acting with impunity.",
            "Putin of acting with impunity",
            "Zelenskyy",
            "accuse",
        ),
    ],
)
def test_indirect_quote(
    plain_extractor: quoteattr.QuoteExtractor, text: str, content: str, speaker: str, lemma: str
) -> None:
    quotes = reported(plain_extractor, text)
    assert [q.text for q in quotes] == [content]
    q = quotes[0]
    assert q.kind is QuoteKind.INDIRECT
    assert q.speaker is not None and speaker.lower() in q.speaker.name.lower()
    assert q.cue is not None and q.cue.lemma == lemma


@pytest.mark.parametrize(
    "text",
    [
        "He said a prayer for the victims.",
        "Did he say that the vote was rigged?",
        "The weather is fine and the sea is calm.",
        "Officials were seen leaving the building.",
    ],
)
def test_not_reported_speech(plain_extractor: quoteattr.QuoteExtractor, text: str) -> None:
    assert reported(plain_extractor, text) == []


def test_clause_with_quoted_fragment_is_mixed(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "Kim said North Korea would “fully support” Russia."
    quotes = plain_extractor.extract(text)
    kinds = {q.kind: q for q in quotes}
    assert kinds[QuoteKind.MIXED].text == "North Korea would “fully support” Russia"
    assert kinds[QuoteKind.PARTIAL].text == "fully support"
    assert kinds[QuoteKind.MIXED].speaker_name == "Kim"


def test_direct_quote_is_not_reported_twice(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "Smith said: “The plan is dead and we will not revive it.”"
    quotes = plain_extractor.extract(text)
    assert [q.kind for q in quotes] == [QuoteKind.DIRECT]


def test_interrupting_cue_gives_both_parts(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "To prevent problems, he said, local officials should be vigilant."
    quotes = reported(plain_extractor, text)
    assert any("local officials should be vigilant" in q.text for q in quotes)
    assert all(q.speaker is not None and q.speaker.mention == "he" for q in quotes)


def test_nested_reports_keep_the_outer_one(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "The minister said officials claimed the vote was rigged."
    quotes = reported(plain_extractor, text)
    assert [q.text for q in quotes] == ["officials claimed the vote was rigged"]
    assert quotes[0].speaker_name == "minister"


def test_indirect_quotes_of_one_kind_never_overlap(
    extractor: quoteattr.QuoteExtractor, seed_texts: dict
) -> None:
    for text in seed_texts.values():
        quotes = extractor.extract(text)
        for kind in QuoteKind:
            spans = sorted((q.start, q.end) for q in quotes if q.kind is kind)
            assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), kind


@pytest.mark.parametrize(
    ("stem", "content_start", "speaker"),
    [
        ("000_3d27e69973d55b79", "Putin of acting with", "Volodymyr Zelenskyy"),
        ("000_3d27e69973d55b79", "Beijing wants to keep ties", "Analysts"),
        (
            "001_63b48f6806c994da",
            "that some 2,000 North Korean soldiers",
            "National Intelligence Service",
        ),
    ],
)
def test_indirect_quotes_in_the_seeds(
    seed_quotes: dict, stem: str, content_start: str, speaker: str
) -> None:
    found = [
        q
        for q in seed_quotes[stem]
        if q.kind in (QuoteKind.INDIRECT, QuoteKind.MIXED) and q.text.startswith(content_start)
    ]
    assert len(found) == 1, [q.text[:40] for q in seed_quotes[stem] if q.kind is QuoteKind.INDIRECT]
    assert found[0].speaker is not None
    assert speaker in found[0].speaker.name
