"""The scorer, on hand-made gold and predictions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import pytest

from quoteattr import Article, Cue, Quote, QuoteKind, Speaker
from quoteattr._eval.evaluate import (
    GoldDocument,
    GoldQuote,
    GoldSpeaker,
    canonical_right,
    load_gold,
    load_speakers,
    score,
)
from quoteattr.errors import InputError

TEXT = "“We won,” Smith said. Jones claimed the vote was rigged. The “so-called” experts left."
#       0123456789...


def quote(
    text: str,
    content: str,
    kind: QuoteKind,
    speaker: Optional[str] = None,
    cue: Optional[str] = None,
    occurrence: int = 0,
) -> Quote:
    article = Article(text, id="d")
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(content, start + 1)
    s = None
    if speaker is not None:
        at = text.index(speaker)
        s = Speaker(speaker, speaker, at, at + len(speaker))
    c = None
    if cue is not None:
        at = text.index(cue)
        c = Cue(cue, cue, at, at + len(cue))
    return Quote(content, start, start + len(content), kind, s, c, article)


def gold_quote(
    text: str, content: str, kind: str, speaker: Optional[str] = None, cue: Optional[str] = None
) -> GoldQuote:
    start = text.index(content)
    sp = text.index(speaker) if speaker else None
    cu = text.index(cue) if cue else None
    return GoldQuote(
        start,
        start + len(content),
        kind,
        speaker,
        sp,
        sp + len(speaker) if speaker and sp is not None else None,
        cue,
        cu,
        cu + len(cue) if cue and cu is not None else None,
    )


def doc(*quotes: GoldQuote) -> GoldDocument:
    return GoldDocument("d", TEXT, tuple(sorted(quotes, key=lambda q: q.start)))


def test_perfect_predictions_score_one() -> None:
    gold = [
        doc(
            gold_quote(TEXT, "“We won,”", "direct", "Smith", "said"),
            gold_quote(TEXT, "the vote was rigged", "indirect", "Jones", "claimed"),
        )
    ]
    predicted = [
        [
            quote(TEXT, "We won,", QuoteKind.DIRECT, "Smith", "said"),
            quote(TEXT, "the vote was rigged", QuoteKind.INDIRECT, "Jones", "claimed"),
        ]
    ]
    result = score(gold, predicted)
    assert (result.exact.tp, result.exact.fp, result.exact.fn) == (2, 0, 0)
    assert result.overlap.f1 == 1.0
    assert result.speaker_span.value == 1.0
    assert result.cue.value == 1.0
    assert result.errors == ()


def test_exact_match_ignores_marks_and_end_punctuation() -> None:
    gold = [doc(gold_quote(TEXT, "“We won,”", "direct"))]
    result = score(gold, [[quote(TEXT, "We won", QuoteKind.DIRECT)]])
    assert result.exact.tp == 1


def test_overlap_needs_half_of_the_shorter_span() -> None:
    gold = [doc(gold_quote(TEXT, "the vote was rigged", "indirect"))]
    half = score(gold, [[quote(TEXT, "vote was", QuoteKind.INDIRECT)]])
    assert half.overlap.tp == 1 and half.exact.tp == 0
    outside = score(gold, [[quote(TEXT, "Jones claimed", QuoteKind.INDIRECT)]])
    assert outside.overlap.tp == 0
    assert (outside.overlap.fp, outside.overlap.fn) == (1, 1)


def test_matching_is_one_to_one() -> None:
    gold = [doc(gold_quote(TEXT, "the vote was rigged", "indirect"))]
    predicted = [
        [quote(TEXT, "the vote", QuoteKind.INDIRECT), quote(TEXT, "was rigged", QuoteKind.INDIRECT)]
    ]
    result = score(gold, predicted)
    assert (result.overlap.tp, result.overlap.fp, result.overlap.fn) == (1, 1, 0)


def test_kinds_map_partial_to_mixed() -> None:
    gold = [doc(gold_quote(TEXT, "The “so-called” experts left", "mixed"))]
    result = score(gold, [[quote(TEXT, "so-called", QuoteKind.PARTIAL)]])
    assert result.by_kind["mixed"].tp == 1
    assert result.by_kind["direct"].tp == 0


def test_partial_inside_our_mixed_is_not_scored_twice() -> None:
    gold = [doc(gold_quote(TEXT, "The “so-called” experts left", "mixed"))]
    predicted = [
        [
            quote(TEXT, "The “so-called” experts left", QuoteKind.MIXED),
            quote(TEXT, "so-called", QuoteKind.PARTIAL),
        ]
    ]
    result = score(gold, predicted)
    assert (result.overlap.tp, result.overlap.fp) == (1, 0)


def test_wrong_speaker_is_listed() -> None:
    gold = [doc(gold_quote(TEXT, "the vote was rigged", "indirect", "Jones", "claimed"))]
    result = score(
        gold, [[quote(TEXT, "the vote was rigged", QuoteKind.INDIRECT, "Smith", "claimed")]]
    )
    assert result.speaker_span.value == 0.0
    assert result.speaker_name_lenient.value == 0.0
    assert [e.kind for e in result.errors] == ["wrong speaker"]
    assert "Jones" in str(result.errors[0])


def test_name_lenient_and_strict() -> None:
    text = "Sen. Mike Smith said the vote was rigged."
    gold = [
        GoldDocument(
            "d",
            text,
            (gold_quote(text, "the vote was rigged", "indirect", "Sen. Mike Smith", "said"),),
        )
    ]
    predicted = [[quote(text, "the vote was rigged", QuoteKind.INDIRECT, "Mike Smith", "said")]]
    result = score(gold, predicted)
    assert result.speaker_name_lenient.value == 1.0
    assert result.speaker_name_strict.value == 0.0


def test_missed_and_spurious_are_listed() -> None:
    gold = [doc(gold_quote(TEXT, "the vote was rigged", "indirect", "Jones"))]
    result = score(gold, [[quote(TEXT, "so-called", QuoteKind.PARTIAL)]])
    assert sorted(e.kind for e in result.errors) == ["missed", "spurious"]


def test_attributed_only_leaves_out_quotes_without_speaker_or_cue() -> None:
    gold = [doc()]
    predicted: List[List[Quote]] = [[quote(TEXT, "so-called", QuoteKind.PARTIAL)]]
    assert score(gold, predicted).overlap.fp == 1
    assert score(gold, predicted, attributed_only=True).overlap.fp == 0


def test_prediction_lists_must_match_documents() -> None:
    with pytest.raises(ValueError):
        score([doc()], [])


def test_load_gold_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    record = {
        "doc_id": 7,
        "text": TEXT,
        "quotes": [
            {
                "start": 0,
                "end": 9,
                "type": "direct",
                "speaker": "Smith",
                "speaker_start": 10,
                "speaker_end": 15,
                "cue": None,
                "cue_start": None,
                "cue_end": None,
            }
        ],
    }
    path.write_text(json.dumps(record) + "\n\n", encoding="utf-8")
    (loaded,) = load_gold(path)
    assert loaded.doc_id == "7"
    assert loaded.quotes[0].speaker == "Smith"


def test_load_gold_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc_id": "a", "text": "x", "quotes": []}\n{not json}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:2"):
        load_gold(path)


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('[{"doc_id": "a", "text": "x", "quotes": []}]', "a JSON object, not a JSON array"),
        ('"just text"', "a JSON object, not a JSON string"),
        ('{"doc_id": "a", "text": 5}', "'text' must be a string"),
        ('{"doc_id": "a", "text": "x"', "not valid JSON"),
        ('{"doc_id": "a", "text": "x", "quotes": {"start": 0}}', "'quotes' must be a JSON array"),
        ('{"doc_id": "a", "text": "x", "quotes": [[0, 1]]}', "a quote must be a JSON object"),
        (
            '{"doc_id": "a", "text": "xy", "quotes": [{"start": "0", "end": 1, "type": "direct"}]}',
            "integers",
        ),
        (
            '{"doc_id": "a", "text": "xy", "quotes": [{"start": 0, "end": 9, "type": "direct"}]}',
            "inside the text",
        ),
        ('{"doc_id": "a", "text": "xy", "quotes": [{"start": 0, "end": 1}]}', "a 'type' field"),
        ('{"text": "x"}', "'doc_id'"),
    ],
)
def test_a_line_that_is_not_a_gold_document_says_why(tmp_path: Path, line: str, says: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.jsonl:1: not a gold document") as info:
        load_gold(path)
    assert says in str(info.value)
    speakers = tmp_path / "speakers.jsonl"
    speakers.write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(InputError, match="a JSON object, not a JSON array"):
        load_speakers(speakers)


def test_report_and_dict(tmp_path: Path) -> None:
    gold = [doc(gold_quote(TEXT, "“We won,”", "direct", "Smith", "said"))]
    result = score(gold, [[quote(TEXT, "We won,", QuoteKind.DIRECT, "Smith", "said")]])
    assert "all (overlap)" in result.report()
    figures = result.to_dict()
    assert figures["overlap"]["f1"] == 1.0
    assert figures["by_kind"]["direct"]["tp"] == 1


# -- canonical speakers -----------------------------------------------------------------


def _gold_speaker(canonical: str, *, named: bool = True, kind: str = "name") -> GoldSpeaker:
    return GoldSpeaker("d", 0, 5, kind, named, canonical)


@pytest.mark.parametrize(
    ("ours", "canonical", "named", "right"),
    [
        ("Donald J. Trump", "Donald Trump", True, True),  # a middle initial aside
        ("Sen. Tim Kaine", "Tim Kaine", True, True),  # a title aside
        ("Trump", "Donald Trump", True, False),  # a bare surname is not the fullest name
        ("Ivanka Trump", "Donald Trump", True, False),
        ("officials", "senior officials", False, True),  # words of the description
        ("Donald Trump", "senior officials", False, False),  # a name for an unnamed source
        ("he", "Donald Trump", True, False),
    ],
)
def test_canonical_right(ours: str, canonical: str, named: bool, right: bool) -> None:
    speaker = Speaker(ours, ours)
    assert canonical_right(_gold_speaker(canonical, named=named), speaker) is right


def test_canonical_right_takes_alternatives_and_no_speaker_is_wrong() -> None:
    gold = GoldSpeaker("d", 0, 5, "name", True, "Hillary Rodham Clinton", ("Hillary Clinton",))
    assert canonical_right(gold, Speaker("Hillary Clinton", "Clinton"))
    assert not canonical_right(gold, None)


def test_score_reports_canonical_speakers_by_kind_and_rule(tmp_path: Path) -> None:
    text = "Smith spoke. “We won,” he said."
    gold = [GoldDocument("d", text, (GoldQuote(14, 20, "direct", "he", 23, 25),))]
    path = tmp_path / "speakers.jsonl"
    path.write_text(
        json.dumps(
            {
                "doc_id": "d",
                "speaker_start": 23,
                "speaker_end": 25,
                "kind": "pronoun",
                "named": True,
                "canonical": "John Smith",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    speakers = load_speakers(path)
    article = Article(text, id="d")

    def predicted(name: str) -> List[Quote]:
        s = Speaker(name, "he", 23, 25, resolution="previous_subject")
        return [Quote("We won", 14, 20, QuoteKind.DIRECT, s, None, article, confidence=0.95)]

    right = score(gold, [predicted("John Smith")], speakers=speakers)
    assert right.canonical["pronoun"].right == 1 and right.canonical["all"].total == 1
    assert right.by_rule["previous_subject"].value == 1.0
    assert right.by_confidence["high"].value == 1.0
    wrong = score(gold, [predicted("Smith")], speakers=speakers)
    assert wrong.canonical["pronoun"].right == 0
    assert wrong.speaker_person["direct"].right == 1  # the mention overlaps the gold span
    assert "canonical (pronoun)" in wrong.report()


def test_load_speakers_refuses_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "speakers.jsonl"
    path.write_text('{"doc_id": "d"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=":1: not a canonical speaker record"):
        load_speakers(path)
