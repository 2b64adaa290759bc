"""Speaker profiles and quote clusters across articles (quoteattr._corpus.analysis, .profiles, .clusters)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from loaded import heavy_packages_loaded

from quoteattr import (
    Article,
    Cue,
    InvalidInputError,
    MissingDependencyError,
    Quote,
    QuoteattrError,
    QuoteKind,
    Speaker,
)
from quoteattr import Resolution as R
from quoteattr._corpus.analysis import TABLE_FIELDS, CorpusAnalysis, analyze
from quoteattr._corpus.clusters import CLUSTER_FIELDS, QuoteCluster, _stop_words, quote_words
from quoteattr._corpus.profiles import SPEAKER_FIELDS, SpeakerProfile
from quoteattr._quotes.records import QUOTE_RECORD_FIELDS, csv_cell
from quoteattr.cli import main

# -- building articles --------------------------------------------------------------


Spec = Tuple[str, str, str, R, Optional[str], QuoteKind]
"""(quote text, speaker name, speaker mention, resolution, entity label, kind)."""


def said(
    text: str,
    name: str,
    mention: Optional[str] = None,
    resolution: R = R.EXPLICIT,
    label: Optional[str] = "PERSON",
    kind: QuoteKind = QuoteKind.PARTIAL,
) -> Spec:
    """One quote to put in an article: ``{mention} said “{text}”.``"""
    return (text, name, mention or name, resolution, label, kind)


def article(
    article_id: str,
    *specs: Spec,
    outlet: Optional[str] = None,
    published: Optional[str] = None,
    prefix: str = "",
    roles: Sequence[Optional[str]] = (),
) -> Tuple[Article, List[Quote]]:
    """An article made of one sentence per spec, after ``prefix``, with its quotes."""
    text = prefix
    places = []
    for text_, _, mention, *_ in specs:
        sentence = f"{mention} said “{text_}”. "
        places.append((len(text), len(text) + len(mention), len(text) + sentence.index("“") + 1))
        text += sentence
    art = Article(text, id=article_id, outlet=outlet, published=published)
    quotes = []
    for n, ((quote_text, name, mention, resolution, label, kind), place) in enumerate(
        zip(specs, places)
    ):
        m_start, m_end, q_start = place
        role = roles[n] if n < len(roles) else None
        speaker = Speaker(name, mention, m_start, m_end, resolution, role=role, label=label)
        cue = Cue("said", "say", m_end + 1, m_end + 5)
        quotes.append(
            Quote(quote_text, q_start, q_start + len(quote_text), kind, speaker, cue, art)
        )
    return art, quotes


def by_name(analysis: CorpusAnalysis) -> Dict[str, SpeakerProfile]:
    return {p.name: p for p in analysis.speakers()}


def cluster_with(analysis: CorpusAnalysis, words: str, **kwargs: Any) -> QuoteCluster:
    found = [
        c
        for c in analysis.clusters(**kwargs)
        if " ".join(quote_words(words)) in " ".join(quote_words(c.text))
    ]
    assert len(found) == 1, (words, analysis.clusters(**kwargs))
    return found[0]


# -- merging speakers -----------------------------------------------------------------


def test_spelling_and_hyphen_variants_are_one_speaker() -> None:
    analysis = analyze(
        [
            article("a", said("fully support", "Kim Jong-un")),
            article("b", said("fraternal duty", "Kim Jong Un")),
            article("c", said("steadfast will", "Kim Jong Un")),
            article("d", said("new level", "KIM JONG UN")),
        ]
    )
    [kim] = analysis.speakers()
    assert kim.name == "Kim Jong Un"  # the most frequent of the equally full spellings
    assert kim.aliases == ("KIM JONG UN", "Kim Jong Un", "Kim Jong-un")
    assert kim.article_ids == ("a", "b", "c", "d")
    assert kim.quote_count == 4


def test_titles_are_not_part_of_the_name() -> None:
    analysis = analyze(
        [
            article("a", said("we are waiting", "President Vladimir Putin")),
            article("b", said("on all fronts", "Vladimir Putin")),
        ]
    )
    [putin] = analysis.speakers()
    assert putin.name == "Vladimir Putin"
    assert putin.aliases == ("President Vladimir Putin", "Vladimir Putin")
    assert repr(analysis) == "CorpusAnalysis(articles=2, quotes=2)"


def test_surname_and_partial_names_merge_into_the_one_full_name() -> None:
    analysis = analyze(
        [
            article("a", said("we are waiting", "Vladimir Putin"), said("see you", "Kim Jong Un")),
            article("b", said("on all fronts", "Putin"), said("fully support", "Kim")),
            article("c", said("breakthrough", "Putin", label=None)),
            article("d", said("jong un said", "Jong Un")),
        ]
    )
    profiles = by_name(analysis)
    assert set(profiles) == {"Vladimir Putin", "Kim Jong Un"}
    assert profiles["Vladimir Putin"].article_ids == ("a", "b", "c")
    assert profiles["Vladimir Putin"].aliases == ("Putin", "Vladimir Putin")
    assert profiles["Kim Jong Un"].article_ids == ("a", "b", "d")
    assert "Kim" in profiles["Kim Jong Un"].aliases


def test_two_clintons_never_merge_and_a_bare_surname_stays_apart() -> None:
    analysis = analyze(
        [
            article("a", said("stronger together", "Hillary Clinton")),
            article("b", said("I feel your pain", "Bill Clinton")),
            article("c", said("it is time", "Clinton")),
            article("d", said("more of the same", "Hillary Rodham Clinton")),
        ]
    )
    profiles = by_name(analysis)
    # "Hillary Clinton" is a partial of the one fuller name that contains it.
    assert set(profiles) == {"Hillary Rodham Clinton", "Bill Clinton", "Clinton"}
    assert profiles["Hillary Rodham Clinton"].article_ids == ("a", "d")
    assert profiles["Clinton"].article_ids == ("c",)
    assert profiles["Bill Clinton"].article_ids == ("b",)


def test_a_bare_surname_goes_to_the_one_full_name_its_article_names() -> None:
    analysis = analyze(
        [
            article("a", said("stronger together", "Hillary Clinton")),
            article("b", said("I feel your pain", "Bill Clinton")),
            # The article names Hillary Clinton only in its text, not as a speaker.
            article("c", said("it is time", "Clinton"), prefix="Hillary Clinton spoke. "),
            # This one names Bill Clinton as a speaker.
            article("d", said("a bridge", "Bill Clinton"), said("no more", "Clinton")),
            # And this one names both: "Clinton" is left ambiguous.
            article(
                "e",
                said("again", "Clinton"),
                prefix="Bill Clinton and Hillary Clinton arrived. ",
            ),
        ]
    )
    profiles = by_name(analysis)
    assert profiles["Hillary Clinton"].article_ids == ("a", "c")
    assert profiles["Bill Clinton"].article_ids == ("b", "d")
    assert profiles["Bill Clinton"].quote_count == 3
    assert profiles["Clinton"].article_ids == ("e",)


def test_a_single_name_never_merges_into_names_joined_by_and() -> None:
    analysis = analyze(
        [
            # Two people who spoke together, and each of them alone in other articles.
            article("a", said("we agree", "Lena Ortiz and Paul Brandt", "Ortiz and Brandt")),
            article("b", said("on the budget", "Ortiz"), said("on taxes", "Brandt")),
            article("c", said("next year", "Lena Ortiz and Paul Brandt")),
        ]
    )
    profiles = by_name(analysis)
    assert set(profiles) == {"Lena Ortiz and Paul Brandt", "Ortiz", "Brandt"}
    joint = profiles["Lena Ortiz and Paul Brandt"]
    assert joint.article_ids == ("a", "c")
    assert "Ortiz and Brandt" in joint.aliases
    assert profiles["Ortiz"].article_ids == profiles["Brandt"].article_ids == ("b",)


def test_a_name_never_merges_into_a_possessive_phrase_that_holds_it() -> None:
    analysis = analyze(
        [
            article("a", said("it was hard", "Lena Ortiz’s memoir", label=None)),
            article("b", said("on the budget", "Lena Ortiz"), said("on taxes", "Ortiz")),
            article("c", said("no comment", "Ortiz's memoir", label=None)),
        ]
    )
    profiles = by_name(analysis)
    assert set(profiles) == {"Lena Ortiz’s memoir", "Lena Ortiz"}
    assert profiles["Lena Ortiz"].article_ids == ("b",)
    assert profiles["Lena Ortiz"].quote_count == 2
    assert profiles["Lena Ortiz’s memoir"].article_ids == ("a", "c")


def test_a_name_never_merges_into_a_description_that_holds_it() -> None:
    analysis = analyze(
        [
            article("a", said("not yet", "Delegates who backed Lena Ortiz", label=None)),
            article("b", said("on the budget", "Lena Ortiz"), said("on taxes", "Ortiz")),
            # Lower-case words inside names keep them names.
            article("c", said("merci", "Charles de Gaulle"), said("non", "Gaulle")),
        ]
    )
    profiles = by_name(analysis)
    assert profiles["Lena Ortiz"].quote_count == 2
    assert profiles["Delegates who backed Lena Ortiz"].quote_count == 1
    assert profiles["Charles de Gaulle"].quote_count == 2


def test_places_do_not_merge_with_people() -> None:
    analysis = analyze(
        [
            article("a", said("no deal", "Washington", label="GPE")),
            article("b", said("first in war", "George Washington")),
        ]
    )
    assert set(by_name(analysis)) == {"Washington", "George Washington"}


def test_pronouns_and_unresolved_speakers_make_no_profile() -> None:
    art, quotes = article(
        "a",
        said("we are waiting", "Vladimir Putin", "Putin"),
        said("come visit us", "Vladimir Putin", "he", R.NEAREST_PERSON),
        said("never", "he", "he", R.UNRESOLVED, label=None),
        said("wants ties", "Analysts", "Analysts", R.UNRESOLVED, label=None),
        said("on display", "Observers", "Observers", label=None),
        said("unacceptable", "the foreign minister", resolution=R.UNRESOLVED, label=None),
    )
    analysis = analyze([(art, quotes)])
    [putin] = analysis.speakers()
    assert putin.name == "Vladimir Putin"
    assert putin.quote_count == 2
    assert "he" not in putin.aliases
    assert len(analysis.quotes()) == 6
    assert [analysis.profile_name(q) for q in quotes] == ["Vladimir Putin"] * 2 + [None] * 4


def test_a_resolved_description_becomes_an_alias() -> None:
    analysis = analyze(
        [
            article(
                "a",
                said("we are waiting", "Vladimir Putin"),
                said("Dear Chairman", "Vladimir Putin", "The Russian president", R.DESCRIPTION),
            )
        ]
    )
    [putin] = analysis.speakers()
    assert putin.aliases == ("Vladimir Putin", "the Russian president")


def test_profile_fields() -> None:
    analysis = analyze(
        [
            article(
                "b",
                said("fully support", "Kim Jong Un"),
                said("fraternal duty", "Kim Jong Un"),
                outlet="Wire",
                published="2024-06-19",
                roles=["North Korean leader", "leader"],
            ),
            article(
                "a",
                said("see you soon", "Kim Jong-un", "Kim"),
                outlet="Daily",
                published="2025-09-03T10:00:00+00:00",
                roles=["North Korean leader"],
            ),
            article("c", said("steadfast will", "Kim Jong Un", label="ORG")),
        ]
    )
    [kim] = analysis.speakers()
    assert kim.roles == ("North Korean leader", "leader")
    assert kim.cues == (("say", 4),)
    assert kim.outlets == ("Daily", "Wire")
    assert kim.article_ids == ("a", "b", "c")
    assert (kim.first_seen, kim.last_seen) == ("2024-06-19", "2025-09-03T10:00:00+00:00")
    assert kim.label == "PERSON"


def test_speakers_are_sorted_by_quote_count_then_name() -> None:
    analysis = analyze(
        [
            article("a", said("one", "Zed Zulu"), said("two", "Zed Zulu"), said("x", "Bea Ray")),
            article("b", said("three", "Al Ash")),
        ]
    )
    assert [p.name for p in analysis.speakers()] == ["Zed Zulu", "Al Ash", "Bea Ray"]


# -- clustering quotes ----------------------------------------------------------------


def test_punctuation_variants_are_one_quote() -> None:
    analysis = analyze(
        [
            article("a", said("special ones of trust, friendship and alliance.", "Putin")),
            article("b", said("special ones of trust, friendship, and alliance.", "Putin")),
        ]
    )
    [cluster] = analysis.clusters()
    assert cluster.article_ids == ("a", "b")
    assert cluster.text in (
        "special ones of trust, friendship and alliance",
        "special ones of trust, friendship, and alliance",
    )
    assert cluster.speakers == ("Putin",)
    assert [span[0] for span in cluster.quotes] == ["a", "b"]


def test_case_and_punctuation_do_not_matter() -> None:
    analysis = analyze(
        [
            article(
                "a", said("We are waiting for you, come visit us.", "Putin", kind=QuoteKind.DIRECT)
            ),
            article(
                "b", said("we are WAITING for you — come visit us", "Putin", kind=QuoteKind.DIRECT)
            ),
        ]
    )
    assert [c.article_ids for c in analysis.clusters()] == [("a", "b")]


def test_a_quote_inside_a_longer_one_joins_it() -> None:
    analysis = analyze(
        [
            article("a", said("courageously and heroically.", "Putin")),
            article(
                "b",
                said(
                    "Your soldiers fought courageously and heroically,",
                    "Putin",
                    kind=QuoteKind.DIRECT,
                ),
            ),
        ]
    )
    [cluster] = analysis.clusters()
    assert cluster.text == "Your soldiers fought courageously and heroically"
    assert cluster.article_ids == ("a", "b")


def test_small_wording_differences_are_one_quote_but_a_negation_is_not() -> None:
    analysis = analyze(
        [
            article("a", said("We will never forget the sacrifices of your soldiers", "Putin")),
            article("b", said("we will never forget the sacrifices your soldiers made", "Putin")),
            article("c", said("we will support this war now", "Kim")),
            article("d", said("we will not support this war now", "Kim")),
        ]
    )
    assert [c.article_ids for c in analysis.clusters()] == [("a", "b")]


def test_only_quotes_from_different_articles_form_a_cluster() -> None:
    analysis = analyze(
        [
            article("a", said("fully support", "Kim"), said("fully support", "Kim")),
            article("b", said("fraternal duty", "Kim")),
        ]
    )
    assert analysis.clusters() == []
    fraternal, support = analysis.clusters(min_articles=1)
    assert (fraternal.text, fraternal.article_ids) == ("fraternal duty", ("b",))
    assert (support.text, support.article_ids) == ("fully support", ("a",))
    assert [span[0] for span in support.quotes] == ["a", "a"]


def test_clusters_min_articles_counts_articles() -> None:
    items = [
        article("a", said("fully support", "Kim")),
        article("b", said("fully support", "Kim")),
        article("c", said("Fully support!", "Kim Jong Un")),
    ]
    analysis = analyze(items)
    assert [c.article_ids for c in analysis.clusters(min_articles=3)] == [("a", "b", "c")]
    assert analysis.clusters(min_articles=4) == []
    with pytest.raises(InvalidInputError):
        analysis.clusters(min_articles=0)


def test_a_fragment_inside_two_unrelated_quotes_does_not_chain_them() -> None:
    direct = QuoteKind.DIRECT
    analysis = analyze(
        [
            article("a", said("Relations will rise to a new level of trust", "Putin", kind=direct)),
            article("b", said("The economy reached a new level of decline", "Kim", kind=direct)),
            article("c", said("new level", "Xi Jinping")),
        ]
    )
    assert analysis.clusters() == []


def test_a_stop_word_fragment_joins_nothing() -> None:
    analysis = analyze(
        [
            article("a", said("the end of the war", "Putin", kind=QuoteKind.DIRECT)),
            article("b", said("of the", "Putin")),
        ]
    )
    assert analysis.clusters() == []


def test_nested_fragments_all_join() -> None:
    direct = QuoteKind.DIRECT
    analysis = analyze(
        [
            article("a", said("fully support", "Kim")),
            article("b", said("we will fully support Russia", "Kim", kind=direct)),
            article("c", said("we will fully support Russia in its fight", "Kim", kind=direct)),
        ]
    )
    [cluster] = analysis.clusters()
    assert cluster.article_ids == ("a", "b", "c")
    assert cluster.text == "we will fully support Russia in its fight"


def test_indirect_quotes_are_not_clustered() -> None:
    indirect = QuoteKind.INDIRECT
    analysis = analyze(
        [
            article("a", said("peace talks were possible", "Putin", kind=indirect)),
            article("b", said("peace talks were possible", "Putin", kind=indirect)),
        ]
    )
    assert analysis.clusters() == []


def test_mixed_quotes_cluster_only_when_the_same() -> None:
    mixed = QuoteKind.MIXED
    analysis = analyze(
        [
            article("a", said("fully support", "Kim")),
            article("b", said("that North Korea would fully support Russia", "Kim", kind=mixed)),
            article("c", said("that North Korea would fully support Russia", "Kim", kind=mixed)),
        ]
    )
    assert [c.article_ids for c in analysis.clusters()] == [("b", "c")]


# -- adding and input forms -------------------------------------------------------------


def test_adding_incrementally_equals_analyzing_at_once() -> None:
    items = [
        article("a", said("fully support", "Kim Jong-un")),
        article("b", said("fully support", "Kim Jong Un"), said("new level", "Putin")),
    ]
    whole = analyze(items)
    step = CorpusAnalysis()
    for art, quotes in items:
        step.add(art, quotes)
        step.speakers()  # computed in between, then recomputed after the next add
    step.add(*items[0])  # adding the same quotes again changes nothing
    assert step.speakers() == whole.speakers()
    assert step.clusters() == whole.clusters()
    assert step.quotes() == whole.quotes()
    assert [a.id for a in step.articles()] == ["a", "b"]


def test_analyze_takes_pairs_quote_lists_and_quotes() -> None:
    items = [
        article("a", said("fully support", "Kim Jong-un")),
        article("b", said("fully support", "Kim Jong Un")),
    ]
    expected = analyze(items)
    assert analyze([quotes for _, quotes in items]).speakers() == expected.speakers()
    assert analyze([q for _, quotes in items for q in quotes]).clusters() == expected.clusters()
    with pytest.raises(InvalidInputError):
        analyze([b"not quotes"])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        CorpusAnalysis().add(items[0][0], items[1][1])  # quotes of another article
    with pytest.raises(InvalidInputError):
        CorpusAnalysis().add_quotes(["not a quote"])  # type: ignore[list-item]


ARTICLE_TEXTS = [
    "“We are ready,” Ann Lee said. Tom Diaz said the plan was “a good start.”",
    "“The plan will work,” Ann Lee told reporters.",
]


def test_analyze_extracts_articles_given_as_texts_articles_or_dicts(
    plain_extractor: Any,
) -> None:
    first, second = ARTICLE_TEXTS
    items = [first, Article(second, id="b", outlet="Acme News")]
    articles = [Article(first), items[1]]
    expected = analyze(zip(articles, plain_extractor.pipe(articles)))
    analysis = analyze(items, extractor=plain_extractor)
    assert analysis.speakers() == expected.speakers()
    assert by_name(analysis)["Ann Lee"].quote_count == 2
    assert by_name(analysis)["Ann Lee"].outlets == ("Acme News",)
    from_dicts = analyze(
        [{"text": first}, {"text": second, "id": "b", "outlet": "Acme News"}],
        extractor=plain_extractor,
    )
    assert from_dicts.speakers() == analysis.speakers()
    assert analyze([], extractor=plain_extractor).speakers() == []


def test_analyze_uses_the_default_extractor_for_articles() -> None:
    analysis = analyze(ARTICLE_TEXTS)
    assert by_name(analysis)["Ann Lee"].quote_count == 2


def test_analyze_refuses_articles_mixed_with_quotes(plain_extractor: Any) -> None:
    pair = article("a", said("fully support", "Kim Jong Un"))
    with pytest.raises(InvalidInputError, match="not both"):
        analyze([ARTICLE_TEXTS[0], pair], extractor=plain_extractor)  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="not both"):
        analyze([pair, ARTICLE_TEXTS[0]])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError, match="extractor"):
        analyze([pair], extractor=plain_extractor)


def test_a_fragment_inside_a_mixed_quote_of_the_same_speaker_counts_once() -> None:
    text = "Ann Lee said the merger was “a good start” for Acme. Tom Diaz said “a good start” too."
    art = Article(text, id="a")

    def quote(start: int, end: int, kind: QuoteKind, name: str) -> Quote:
        mention = text.index(name)
        speaker = Speaker(name, name, mention, mention + len(name), label="PERSON")
        cue = Cue("said", "say", mention + len(name) + 1, mention + len(name) + 5)
        return Quote(text[start:end], start, end, kind, speaker, cue, art)

    mixed_start = text.index("the merger")
    fragment = text.index("a good start")
    other = text.rindex("a good start")
    quotes = [
        quote(mixed_start, text.index(" for Acme") + 9, QuoteKind.MIXED, "Ann Lee"),
        quote(fragment, fragment + 12, QuoteKind.PARTIAL, "Ann Lee"),
        # The same words, but not inside Ann Lee's mixed quote: a quote of its own.
        quote(other, other + 12, QuoteKind.PARTIAL, "Tom Diaz"),
    ]
    profiles = by_name(analyze([(art, quotes)]))
    ann, tom = profiles["Ann Lee"], profiles["Tom Diaz"]
    assert (ann.quote_count, ann.fragment_count) == (1, 1)
    assert ann.cues == (("say", 1),)
    assert (tom.quote_count, tom.fragment_count) == (1, 0)
    assert SpeakerProfile.from_dict(ann.to_dict()) == ann
    assert ann.to_dict()["fragment_count"] == 1
    # A fragment attributed to someone else is that speaker's quote.
    tom_inside = attrs.evolve(quotes[1], speaker=quotes[2].speaker)
    profiles = by_name(analyze([(art, [quotes[0], tom_inside, quotes[2]])]))
    assert profiles["Ann Lee"].quote_count == 1 and profiles["Ann Lee"].fragment_count == 0
    assert profiles["Tom Diaz"].quote_count == 2


def test_metadata_given_to_add_wins_over_the_quotes_article() -> None:
    art, quotes = article("a", said("fully support", "Kim Jong Un"))
    analysis = CorpusAnalysis()
    analysis.add(Article(art.text, id="a", outlet="Wire", published="2024-06-19"), quotes)
    analysis.add_quotes(quotes)
    [kim] = analysis.speakers()
    assert kim.outlets == ("Wire",)
    assert kim.first_seen == "2024-06-19"
    assert analysis.records()[0]["article"]["outlet"] == "Wire"
    assert analysis.articles()[0].outlet == "Wire"


# -- export -------------------------------------------------------------------------------


@pytest.fixture
def small() -> CorpusAnalysis:
    return analyze(
        [
            article(
                "a",
                said("special ones of trust, friendship and alliance", "Vladimir Putin"),
                said("fully support", "Kim Jong-un"),
                said("never", "he", "he", R.UNRESOLVED, label=None),
                outlet="Wire",
                published="2024-06-19",
            ),
            article(
                "b",
                said("special ones of trust, friendship, and alliance", "Putin"),
                said("fully support", "Kim Jong Un", "Kim"),
                outlet='Daily, "the" paper',
            ),
        ]
    )


def test_jsonl_round_trip(small: CorpusAnalysis, tmp_path: Path) -> None:
    assert small.write_jsonl(tmp_path / "q.jsonl") == 5
    lines = (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [Quote.from_dict(r).to_dict() for r in records] == [q.to_dict() for q in small.quotes()]
    assert [r["profile"] for r in records] == [small.profile_name(q) for q in small.quotes()]
    assert {r["profile"] for r in records} == {"Kim Jong Un", "Vladimir Putin", None}

    assert small.write_jsonl(tmp_path / "s.jsonl", "speakers") == 2
    text = (tmp_path / "s.jsonl").read_text(encoding="utf-8")
    assert [SpeakerProfile.from_dict(json.loads(x)) for x in text.splitlines()] == small.speakers()

    out = io.StringIO()
    assert small.write_jsonl(out, what="clusters") == 2
    loaded = [QuoteCluster.from_dict(json.loads(x)) for x in out.getvalue().splitlines()]
    assert loaded == small.clusters()


def _decode_csv_row(row: Dict[str, str]) -> Dict[str, Any]:
    """A CSV row of speakers or clusters as the dict `from_dict` takes: JSON arrays and objects decoded."""
    data: Dict[str, Any] = {}
    for key, value in row.items():
        if value.startswith(("[", "{")):
            data[key] = json.loads(value)
        elif key == "quote_count":
            data[key] = int(value)
        else:
            data[key] = value or None
    return data


def test_csv_round_trip(small: CorpusAnalysis, tmp_path: Path) -> None:
    assert small.write_csv(tmp_path / "s.csv", "speakers") == 2
    with open(tmp_path / "s.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [SpeakerProfile.from_dict(_decode_csv_row(r)) for r in rows] == (small.speakers())

    assert small.write_csv(tmp_path / "c.csv", "clusters") == 2
    with open(tmp_path / "c.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [QuoteCluster.from_dict(_decode_csv_row(r)) for r in rows] == (small.clusters())
    assert rows[0]["outlets"] == '["Daily, \\"the\\" paper", "Wire"]'

    assert small.write_csv(tmp_path / "q.csv") == 5
    with open(tmp_path / "q.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    quotes = small.quotes()
    assert [(r["article_id"], int(r["start"]), r["text"]) for r in rows] == [
        (q.article.id, q.start, q.text) for q in quotes
    ]
    assert [r["profile"] for r in rows] == [small.profile_name(q) or "" for q in quotes]
    assert {r["outlet"] for r in rows} == {"Wire", 'Daily, "the" paper'}


def test_tables_have_one_field_list(small: CorpusAnalysis) -> None:
    assert [tuple(p.to_dict()) for p in small.speakers()] == [SPEAKER_FIELDS] * 2
    assert [tuple(c.to_dict()) for c in small.clusters()] == [CLUSTER_FIELDS] * 2
    assert [tuple(r) for r in small.records(flat=True)] == [QUOTE_RECORD_FIELDS] * 5
    assert TABLE_FIELDS == {
        "quotes": QUOTE_RECORD_FIELDS,
        "speakers": SPEAKER_FIELDS,
        "clusters": CLUSTER_FIELDS,
    }
    for what in TABLE_FIELDS:
        out = io.StringIO()
        small.write_csv(out, what)
        header, *rows = list(csv.reader(io.StringIO(out.getvalue())))
        assert tuple(header) == TABLE_FIELDS[what]
        records = small.records(what, flat=True)
        assert rows == [[str(csv_cell(r[k])) for k in TABLE_FIELDS[what]] for r in records]
    assert [small.quote_row(q) for q in small.quotes()] == small.records(flat=True)


@pytest.mark.parametrize("what", ["speakers", "clusters", "quotes"])
def test_cli_csv_is_write_csv(
    small: CorpusAnalysis, tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    """``quoteattr speakers|clusters|quotes --format csv`` writes what write_csv writes."""
    path = tmp_path / "quotes.jsonl"
    path.write_text(
        "".join(json.dumps(q.to_dict(include_article_text=True)) + "\n" for q in small.quotes()),
        encoding="utf-8",
    )
    expected = io.StringIO()
    small.write_csv(expected, what)  # type: ignore[arg-type]
    assert main([what, "--quotes", str(path), "--format", "csv"]) == 0
    assert capsys.readouterr().out == expected.getvalue()


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(tmp_path: Path) -> None:
    analysis = analyze([article("-art", said("=HYPERLINK(1)", "=Ann Lee"))])
    analysis.write_csv(tmp_path / "s.csv", "speakers")
    with open(tmp_path / "s.csv", encoding="utf-8", newline="") as f:
        (row,) = csv.DictReader(f)
    assert row["name"] == "'=Ann Lee" and row["article_ids"] == '["-art"]'
    assert row["quote_count"] == "1"
    analysis.write_csv(tmp_path / "q.csv")
    with open(tmp_path / "q.csv", encoding="utf-8", newline="") as f:
        (row,) = csv.DictReader(f)
    assert (row["text"], row["article_id"], row["profile"]) == (
        "'=HYPERLINK(1)",
        "'-art",
        "'=Ann Lee",
    )
    assert row["start"] == str(analysis.quotes()[0].start)


def test_stop_words_are_spacys() -> None:
    """The shipped stop-word list is spaCy's, so clustering needs no spaCy."""
    from spacy.lang.en.stop_words import STOP_WORDS

    assert _stop_words() == STOP_WORDS


def test_analysis_imports_no_spacy() -> None:
    """Corpus analysis of quotes already extracted (``quoteattr speakers --db``) needs no parser."""
    modules = [
        "quoteattr._corpus.analysis",
        "quoteattr._corpus.profiles",
        "quoteattr._corpus.clusters",
        "quoteattr._speakers.namekeys",
    ]
    assert heavy_packages_loaded(modules, ["spacy", "thinc"]) == []


def test_export_rejects_an_unknown_table(small: CorpusAnalysis, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="quotes, speakers, clusters"):
        small.write_jsonl(tmp_path / "x.jsonl", "people")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        small.write_csv(tmp_path / "x.csv", "people")  # type: ignore[arg-type]


def test_dataframes_without_pandas_say_what_to_install(
    small: CorpusAnalysis, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes "import pandas" fail
    with pytest.raises(MissingDependencyError, match=r"pip install 'quoteattr\[pandas\]'") as info:
        small.to_dataframes()
    assert isinstance(info.value, QuoteattrError)
    assert isinstance(info.value, ImportError)


def test_dataframes(small: CorpusAnalysis) -> None:
    pytest.importorskip("pandas")
    frames = small.to_dataframes()
    assert set(frames) == {"quotes", "speakers", "clusters"}
    assert len(frames["quotes"]) == 5
    assert list(frames["speakers"]["name"]) == [p.name for p in small.speakers()]
    assert len(frames["clusters"]) == 2


# -- order independence ---------------------------------------------------------------------

_NAMES = [
    ("Hillary Clinton", "PERSON", R.EXPLICIT),
    ("Hillary Rodham Clinton", "PERSON", R.EXPLICIT),
    ("Bill Clinton", "PERSON", R.EXPLICIT),
    ("Clinton", "PERSON", R.EXPLICIT),
    ("Clinton", None, R.EXPLICIT),
    ("Kim Jong Un", "PERSON", R.EXPLICIT),
    ("Kim Jong-un", "ORG", R.EXPLICIT),
    ("President Kim Jong Un", "PERSON", R.EXPLICIT),
    ("Kim", "PERSON", R.EXPLICIT),
    ("Vladimir Putin", "PERSON", R.EXPLICIT),
    ("Putin", "PERSON", R.COREFERENCE),
    ("Washington", "GPE", R.EXPLICIT),
    ("George Washington", "PERSON", R.EXPLICIT),
    ("he", None, R.UNRESOLVED),
    ("Analysts", None, R.UNRESOLVED),
]
_TEXTS = [
    "fully support",
    "Fully support!",
    "special ones of trust, friendship and alliance",
    "special ones of trust, friendship, and alliance",
    "courageously and heroically",
    "Your soldiers fought courageously and heroically",
    "new level",
    "relations rose to a new level of trust",
    "the economy reached a new level of decline",
    "We will never forget the sacrifices of your soldiers",
    "we will never forget the sacrifices your soldiers made",
    "we will not support this war now",
    "we will support this war now",
    "of the",
]
_spec = st.builds(
    lambda text, name, kind: said(text, name[0], name[0], name[2], name[1], kind),
    st.sampled_from(_TEXTS),
    st.sampled_from(_NAMES),
    st.sampled_from(list(QuoteKind)),
)
_prefixes = st.sampled_from(["", "Hillary Clinton spoke. ", "Bill Clinton spoke. "])
_corpus = st.lists(
    st.tuples(
        st.lists(_spec, min_size=1, max_size=5), _prefixes, st.sampled_from([None, "Wire", "Daily"])
    ),
    min_size=1,
    max_size=7,
).map(
    lambda arts: [
        article(f"art{n}", *specs, prefix=prefix, outlet=outlet, published=f"2024-06-{n + 10}")
        for n, (specs, prefix, outlet) in enumerate(arts)
    ]
)


@given(data=st.data(), corpus=_corpus)
def test_results_do_not_depend_on_the_order_of_input(
    data: st.DataObject, corpus: List[Tuple[Article, List[Quote]]]
) -> None:
    shuffled = data.draw(st.permutations(corpus))
    shuffled = [(art, data.draw(st.permutations(quotes))) for art, quotes in shuffled]
    one, other = analyze(corpus), analyze(shuffled)
    assert one.speakers() == other.speakers()
    assert one.clusters() == other.clusters()
    assert one.clusters(min_articles=1) == other.clusters(min_articles=1)
    # Quotes as flat lists, one by one, in yet another order.
    flat = data.draw(st.permutations([q for _, quotes in corpus for q in quotes]))
    assert analyze(flat).speakers() == one.speakers()
    assert analyze(flat).clusters() == one.clusters()


@given(corpus=_corpus)
def test_invariants(corpus: List[Tuple[Article, List[Quote]]]) -> None:
    analysis = analyze(corpus)
    profiles = analysis.speakers()
    names = [p.name for p in profiles]
    assert len(set(names)) == len(names)
    assert sum(p.quote_count + p.fragment_count for p in profiles) == sum(
        1 for q in analysis.quotes() if analysis.profile_name(q) is not None
    )
    for profile in profiles:
        assert profile.name in profile.aliases
        assert "he" not in profile.aliases
        assert list(profile.aliases) == sorted(set(profile.aliases))
    seen: Set[Tuple[str, int, int]] = set()
    for cluster in analysis.clusters(min_articles=1):
        assert not seen & set(cluster.quotes)  # a quote is in one cluster at most
        seen |= set(cluster.quotes)
        assert set(cluster.speakers) <= set(names)
    counts = [len(c.article_ids) for c in analysis.clusters()]
    assert counts == sorted(counts, reverse=True)
    assert all(n >= 2 for n in counts)


# -- the seeds ----------------------------------------------------------------------------


def test_seeds(seed_quotes: Dict[str, List[Quote]]) -> None:
    analysis = analyze(seed_quotes.values())
    profiles = by_name(analysis)
    stems = tuple(sorted(seed_quotes))
    assert len(stems) == 5

    kims = [p for p in profiles.values() if "Kim Jong Un" in p.aliases]
    assert len(kims) == 1
    [kim] = kims
    assert kim.name == "Kim Jong Un"
    assert {"Kim Jong-un", "Kim Jong Un", "Kim"} <= set(kim.aliases)
    assert kim.article_ids == stems
    assert not any(p.name.startswith("Kim") for p in profiles.values() if p is not kim)

    putins = [p for p in profiles.values() if "Putin" in p.aliases]
    assert [p.name for p in putins] == ["Vladimir Putin"]
    assert len(putins[0].article_ids) >= 4

    clusters = analysis.clusters()
    for words in (
        "fully support",
        "fraternal",
        "exchanged candid opinions",
        "special ones of trust",
        "courageously and heroically",
    ):
        found = cluster_with(analysis, words)
        assert len(found.article_ids) >= 2, found
    # Kim's two pledges are two quotes, not one chain through the mixed clause holding both.
    assert cluster_with(analysis, "fully support") != cluster_with(analysis, "fraternal")
    assert all(len(c.article_ids) >= 2 for c in clusters)
