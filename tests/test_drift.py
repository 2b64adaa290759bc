"""Quote drift and conflicting attributions in clusters (quoteattr._corpus.drift, .clusters)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

from quoteattr import Article, Quote, QuoteKind, SerializationError, Speaker
from quoteattr._corpus.analysis import CorpusAnalysis, analyze
from quoteattr._corpus.clusters import CLUSTER_FIELDS, QuoteCluster, make_cluster
from quoteattr._corpus.drift import Drift, QuoteVariant, WordChange, common_form, compare
from quoteattr.cli import main

#: (speaker name or None, mention, quote text)
Said = Tuple[Optional[str], str, str]


def article(
    article_id: str, *sentences: Said, outlet: Optional[str] = None
) -> Tuple[Article, List[Quote]]:
    """An article of ``{mention} said “{text}”.`` sentences, with their quotes."""
    text, places = "", []
    for _, mention, quoted in sentences:
        sentence = f"{mention} said “{quoted}”. "
        places.append((len(text), len(text) + sentence.index("“") + 1))
        text += sentence
    art = Article(text, id=article_id, outlet=outlet)
    quotes = []
    for (name, mention, quoted), (m_start, q_start) in zip(sentences, places):
        speaker = None
        if name is not None:
            speaker = Speaker(name, mention, m_start, m_start + len(mention), label="PERSON")
        quotes.append(
            Quote(quoted, q_start, q_start + len(quoted), QuoteKind.DIRECT, speaker, None, art)
        )
    return art, quotes


def only_cluster(analysis: CorpusAnalysis) -> QuoteCluster:
    clusters = analysis.clusters()
    assert len(clusters) == 1, clusters
    return clusters[0]


def quoted(*texts: str) -> QuoteCluster:
    """The one cluster of articles "a", "b", ... each quoting Ann Lee with one of ``texts``."""
    return only_cluster(
        analyze([article(n, ("Ann Lee", "Ann Lee", t)) for n, t in zip("abcdef", texts)])
    )


def drifts(cluster: QuoteCluster) -> Dict[str, str]:
    """{article id: drift class} of a cluster with one quote per article."""
    return {v.article_id: v.drift.value for v in cluster.variants}


def changes(variant: QuoteVariant) -> List[Tuple[str, Tuple[str, ...], Tuple[str, ...]]]:
    return [(c.op, c.reference_words, c.variant_words) for c in variant.diff]


DOUBLE = "Acme will double its workforce in Springfield before the end of next year"
TRIPLE = "Acme will triple its workforce in Springfield before the end of next year"


# -- drift ------------------------------------------------------------------------------------


def test_an_altered_quote_across_two_outlets_gives_the_changed_words() -> None:
    analysis = analyze(
        [
            article("a", ("Ann Lee", "Ann Lee", DOUBLE), outlet="Wire"),
            article("b", ("Ann Lee", "Ann Lee", DOUBLE + "."), outlet="Wire"),
            article("c", ("Ann Lee", "Lee", TRIPLE), outlet="Daily"),
        ]
    )
    cluster = only_cluster(analysis)
    assert cluster.reference == DOUBLE
    assert cluster.outlets == ("Daily", "Wire")
    assert drifts(cluster) == {"a": "identical", "b": "identical", "c": "altered"}
    assert cluster.drift is Drift.ALTERED
    altered = cluster.variants[2]
    assert altered.article_id == "c" and altered.text == TRIPLE and altered.shorter is None
    assert changes(altered) == [("replace", ("double",), ("triple",))]
    (change,) = altered.diff
    start, end = change.reference_span
    assert cluster.reference[start:end] == "double"
    start, end = change.variant_span
    assert altered.text[start:end] == "triple"
    assert [changes(v) for v in cluster.variants[:2]] == [[], []]


def test_an_added_word_is_altered() -> None:
    drift, shorter, diff = compare(DOUBLE, DOUBLE.replace("double", "nearly double"))
    assert (drift, shorter) == (Drift.ALTERED, None)
    assert [(c.op, c.reference_words, c.variant_words) for c in diff] == [
        ("insert", (), ("nearly",))
    ]
    assert diff[0].reference_span == (DOUBLE.index("double"),) * 2


def test_a_truncated_quote_says_which_side_is_shorter() -> None:
    full = "Acme has rarely been in better shape than it is today"
    cluster = quoted(full, full, "better shape than it is today")
    assert cluster.reference == full
    assert drifts(cluster) == {"a": "identical", "b": "identical", "c": "truncated"}
    cut = cluster.variants[2]
    assert cut.shorter == "variant"
    assert changes(cut) == [("delete", ("Acme", "has", "rarely", "been", "in"), ())]
    assert cluster.drift is Drift.TRUNCATED

    # The other way round: most articles carry the short form, one the longer.
    drift, shorter, diff = compare("better shape than it is today", full + ".")
    assert (drift, shorter) == (Drift.TRUNCATED, "reference")
    assert [(c.op, c.variant_words) for c in diff] == [
        ("insert", ("Acme", "has", "rarely", "been", "in"))
    ]


@pytest.mark.parametrize(
    ("texts", "reference", "expected"),
    [
        # Punctuation and case only; a tie between the two forms (as many words): the
        # first in sort order.
        (
            (
                "special ones of trust, friendship and alliance",
                "Special ones of trust, friendship, and alliance",
            ),
            "Special ones of trust, friendship, and alliance",
            (Drift.PUNCTUATION, Drift.IDENTICAL),
        ),
        # Identical forms: spaces and the closing comma or full stop do not count.
        (
            ("we are ready for the storm,", "we are  ready for the storm."),
            "we are ready for the storm",
            (Drift.IDENTICAL, Drift.IDENTICAL),
        ),
    ],
)
def test_the_same_words(
    texts: Tuple[str, str], reference: str, expected: Tuple[Drift, Drift]
) -> None:
    cluster = quoted(*texts)
    assert cluster.reference == reference
    assert tuple(v.drift for v in cluster.variants) == expected
    assert [v.diff for v in cluster.variants] == [(), ()]
    assert cluster.drift is expected[0]


def test_a_quote_that_loses_not_is_altered() -> None:
    kept = "Acme will not close the Springfield plant this year or the next"
    lost = "Acme will close the Springfield plant this year or the next"
    drift, shorter, diff = compare(kept, lost)
    assert (drift, shorter) == (Drift.ALTERED, None)
    assert [(c.op, c.reference_words, c.variant_words) for c in diff] == [("delete", ("not",), ())]
    # Through a cluster (the clustering itself keeps such quotes apart: built by hand).
    a, [qa] = article("a", ("Ann Lee", "Ann Lee", kept))
    b, [qb] = article("b", ("Ann Lee", "Ann Lee", kept))
    c, [qc] = article("c", ("Ann Lee", "Ann Lee", lost))
    cluster = make_cluster([qc, qa, qb], ["Ann Lee"] * 3, {"a": a, "b": b, "c": c})
    assert drifts(cluster) == {"a": "identical", "b": "identical", "c": "altered"}


def test_a_cut_that_drops_a_negation_is_altered_not_truncated() -> None:
    full = "the merger is good for workers and not for shareholders"
    cluster = quoted(full, full, "the merger is good for workers")
    assert drifts(cluster)["c"] == "altered"
    assert cluster.variants[2].shorter is None
    assert compare(full, "the merger is good for workers and")[0] is Drift.ALTERED
    assert compare(full, "good for workers and not for shareholders")[0] is Drift.TRUNCATED


def test_the_most_common_form_is_the_reference() -> None:
    assert common_form(["a b c", "a b", "a b."]) == "a b"
    assert common_form(["a b", "a b c"]) == "a b c"  # a tie: the longest
    assert common_form(["b a", "a b"]) == "a b"  # then the first in sort order


# -- conflicting attributions ---------------------------------------------------------------


def test_a_quote_given_to_two_people_is_a_conflict() -> None:
    analysis = analyze(
        [
            article("a", ("Ann Lee", "Ann Lee", DOUBLE), outlet="Wire"),
            article("b", ("Tom Diaz", "Tom Diaz", DOUBLE), outlet="Daily"),
            article("c", ("Ann Lee", "Ms Lee", DOUBLE)),
        ]
    )
    cluster = only_cluster(analysis)
    assert cluster.conflict is True
    assert cluster.attributions == (("Ann Lee", ("a", "c")), ("Tom Diaz", ("b",)))
    assert cluster.to_dict()["attributions"] == {"Ann Lee": ["a", "c"], "Tom Diaz": ["b"]}
    assert [v.speaker for v in cluster.variants] == ["Ann Lee", "Tom Diaz", "Ann Lee"]


def test_one_speaker_under_two_aliases_is_no_conflict() -> None:
    analysis = analyze(
        [
            article("a", ("Ann Lee", "Ann Lee", DOUBLE)),
            article("b", ("Lee", "Lee", DOUBLE)),
        ]
    )
    cluster = only_cluster(analysis)
    assert cluster.conflict is False
    assert cluster.attributions == (("Ann Lee", ("a", "b")),)


def test_an_unattributed_quote_makes_no_conflict() -> None:
    analysis = analyze(
        [
            article("a", ("Ann Lee", "Ann Lee", DOUBLE)),
            article("b", (None, "A statement", DOUBLE)),
        ]
    )
    cluster = only_cluster(analysis)
    assert cluster.conflict is False
    assert cluster.attributions == (("Ann Lee", ("a",)),)
    assert [v.speaker for v in cluster.variants] == ["Ann Lee", None]


# -- the records ----------------------------------------------------------------------------


@pytest.fixture
def conflicted() -> CorpusAnalysis:
    return analyze(
        [
            article("a", ("Ann Lee", "Ann Lee", DOUBLE), outlet="Wire"),
            article("b", ("Ann Lee", "Ann Lee", DOUBLE)),
            article("c", ("Tom Diaz", "Tom Diaz", TRIPLE + "!"), outlet='Daily, "the" paper'),
        ]
    )


def test_new_fields_come_last_in_the_table() -> None:
    assert CLUSTER_FIELDS[:5] == ("text", "quotes", "article_ids", "outlets", "speakers")
    assert CLUSTER_FIELDS[5:] == ("reference", "drift", "variants", "conflict", "attributions")


def test_records_round_trip(conflicted: CorpusAnalysis, tmp_path: Path) -> None:
    cluster = only_cluster(conflicted)
    record = cluster.to_dict()
    assert tuple(record) == CLUSTER_FIELDS
    assert json.loads(json.dumps(record)) == record
    assert record["drift"] == "altered" and record["conflict"] is True
    assert record["variants"][2]["diff"] == [
        {
            "op": "replace",
            "reference_words": ["double"],
            "variant_words": ["triple"],
            "reference_span": [10, 16],
            "variant_span": [10, 16],
        }
    ]
    assert QuoteCluster.from_dict(record) == cluster

    out = io.StringIO()
    conflicted.write_jsonl(out, "clusters")
    assert [QuoteCluster.from_dict(json.loads(x)) for x in out.getvalue().splitlines()] == [cluster]

    conflicted.write_csv(tmp_path / "c.csv", "clusters")
    with open(tmp_path / "c.csv", encoding="utf-8", newline="") as f:
        (row,) = csv.DictReader(f)
    assert json.loads(row["attributions"]) == {"Ann Lee": ["a", "b"], "Tom Diaz": ["c"]}
    data: Dict[str, Any] = {
        k: json.loads(v) if v.startswith(("[", "{")) else v for k, v in row.items()
    }
    assert QuoteCluster.from_dict(data) == cluster


def test_records_of_older_versions_still_load() -> None:
    old = {"text": "x y", "quotes": [["a", 0, 3]], "article_ids": ["a"], "outlets": []}
    cluster = QuoteCluster.from_dict({**old, "speakers": []})
    assert (cluster.reference, cluster.variants, cluster.conflict) == ("x y", (), False)
    assert cluster.drift is None


@pytest.mark.parametrize(
    "bad",
    [
        {"conflict": "maybe"},
        {"drift": "reworded"},
        {"variants": [{"article_id": "a", "start": 0, "end": 3, "text": "x y"}]},
        {"attributions": {"Ann Lee": "a"}},
    ],
)
def test_bad_cluster_records_are_refused(bad: Dict[str, Any]) -> None:
    good = {"text": "x y", "quotes": [], "article_ids": [], "outlets": [], "speakers": []}
    with pytest.raises(SerializationError):
        QuoteCluster.from_dict({**good, **bad})


def test_a_bad_word_change_is_refused() -> None:
    with pytest.raises(ValueError):
        WordChange("swap", [], [], (0, 0), (0, 0))
    with pytest.raises(ValueError):
        WordChange("insert", [], ["a"], (0, 0), (3, 1))


def test_cli_clusters_jsonl_shows_the_variants(
    conflicted: CorpusAnalysis, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "quotes.jsonl"
    path.write_text(
        "".join(
            json.dumps(q.to_dict(include_article_text=True)) + "\n" for q in conflicted.quotes()
        ),
        encoding="utf-8",
    )
    assert main(["clusters", "--quotes", str(path), "--format", "jsonl"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    assert [v["drift"] for v in record["variants"]] == ["identical", "identical", "altered"]
    assert record["conflict"] is True
