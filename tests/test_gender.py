"""Speakers' gender from the articles' own evidence (quoteattr._corpus.gender), on hand-built quotes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Optional

import attrs
import pytest

from quoteattr import Article, Quote, QuoteKind, Resolution, Speaker, analyze
from quoteattr._corpus.gender import (
    gender_of,
    gender_summary,
    quote_gender_evidence,
    speaker_references,
)
from quoteattr._corpus.profiles import SPEAKER_FIELDS, SpeakerProfile, build_profiles
from quoteattr.cli import main


def _quote(
    text: str,
    said: str,
    name: str,
    mention: str,
    *,
    resolution: Resolution = Resolution.EXPLICIT,
    role: Optional[str] = None,
) -> Quote:
    """A direct quote “text,” followed by ``said`` (an invented sentence), spoken by ``name``."""
    article = Article(f"“{text},” {said}")
    speaker = Speaker(name, mention, resolution=resolution, role=role, label="PERSON")
    return Quote(text + ",", 1, 2 + len(text), QuoteKind.DIRECT, speaker, None, article)


def _profiles(*quotes: Quote) -> dict[str, SpeakerProfile]:
    found, _ = build_profiles(quotes, {q.article.id: q.article for q in quotes})
    return {p.name: p for p in found}


def test_a_he_resolved_to_the_speaker_is_male() -> None:
    named = _quote("We will build it", "Tom Okoro said.", "Tom Okoro", "Tom Okoro")
    he = _quote(
        "It will be done by May",
        "he said.",
        "Tom Okoro",
        "he",
        resolution=Resolution.PREVIOUS_SUBJECT,
    )
    tom = _profiles(named, he)["Tom Okoro"]
    assert tom.gender == "male"
    assert tom.gender_evidence == (("male", 1), ("female", 0))


def test_a_title_ms_is_female() -> None:
    lee = _profiles(_quote("The plan works", "Ms. Lee said.", "Ms. Lee", "Ms. Lee"))["Lee"]
    assert (lee.gender, dict(lee.gender_evidence)) == ("female", {"male": 0, "female": 1})
    # No full stop, upper case: the same title.
    assert quote_gender_evidence(_quote("Yes", "MS LEE said.", "MS LEE", "MS LEE")) == {"female"}


def test_a_title_after_other_titles_and_in_the_role() -> None:
    keir = _quote(
        "We act",
        "said Prime Minister Sir Keir Starmer.",
        "Prime Minister Sir Keir Starmer",
        "Sir Keir Starmer",
    )
    assert quote_gender_evidence(keir) == {"male"}
    assert quote_gender_evidence(
        _quote("Thanks", "said Ashton.", "Ashton", "Ashton", role="Lady")
    ) == {"female"}
    # A surname that is also a title word is no title: "Stephen King".
    assert (
        quote_gender_evidence(_quote("Scary", "Stephen King said.", "Stephen King", "King"))
        == set()
    )


def test_no_gendered_evidence_is_unknown() -> None:
    quote = _quote("Prices will rise", "the ministry's Sam Ito said.", "Sam Ito", "Sam Ito")
    sam = _profiles(quote)["Sam Ito"]
    assert sam.gender == "unknown"
    assert sam.gender_evidence == (("male", 0), ("female", 0))


def test_conflicting_evidence_is_unknown_with_both_counts() -> None:
    quotes = [
        _quote("One", "Mr. Ray Lin said.", "Ray Lin", "Mr. Ray Lin"),
        _quote("Two", "he said.", "Ray Lin", "he", resolution=Resolution.CLAUSE_SUBJECT),
        _quote("Three", "she said.", "Ray Lin", "she", resolution=Resolution.COREFERENCE),
    ]
    ray = _profiles(*quotes)["Ray Lin"]
    assert ray.gender == "unknown"
    assert dict(ray.gender_evidence) == {"male": 2, "female": 1}


def test_people_named_together_have_no_gender() -> None:
    joint = _quote(
        "We agree",
        "Mr. Ray Lin and Ms. Ada Ng said.",
        "Mr. Ray Lin and Ms. Ada Ng",
        "Mr. Ray Lin and Ms. Ada Ng",
    )
    assert quote_gender_evidence(joint) == set()
    assert quote_gender_evidence(
        attrs.evolve(joint, speaker=attrs.evolve(joint.speaker, name="Mr. Ray Lin"))
    ) == {"male"}
    both = attrs.evolve(joint.speaker, male_refs=2, female_refs=1)
    assert speaker_references(both) == (0, 0)
    assert speaker_references(attrs.evolve(both, name="Ray Lin")) == (2, 1)


def test_a_stray_pronoun_does_not_undo_overwhelming_evidence() -> None:
    # Four "he said" and one "she said" misresolved to him: four pieces in five.
    quotes = [
        _quote(word, "he said.", "Ray Lin", "he", resolution=Resolution.PREVIOUS_SUBJECT)
        for word in ("One", "Two", "Three", "Four")
    ]
    quotes.append(_quote("Five", "she said.", "Ray Lin", "she", resolution=Resolution.COREFERENCE))
    ray = _profiles(*quotes)["Ray Lin"]
    assert (ray.gender, dict(ray.gender_evidence)) == ("male", {"male": 4, "female": 1})
    # Three to one is not one-sided enough.
    assert _profiles(*quotes[1:])["Ray Lin"].gender == "unknown"
    assert gender_of([("male", 0), ("female", 0)]) == "unknown"
    assert gender_of([("male", 1), ("female", 99)]) == "female"


def test_a_first_name_alone_gives_unknown() -> None:
    maria = _profiles(_quote("We stay", "Maria Okafor said.", "Maria Okafor", "Maria Okafor"))
    assert maria["Maria Okafor"].gender == "unknown"
    assert dict(maria["Maria Okafor"].gender_evidence) == {"male": 0, "female": 0}


def test_evidence_counts_once_per_quote() -> None:
    # The title in both the name and the mention, and a "Mr" role: one quote, one piece.
    quote = _quote("Fine", "Mr. Abe said.", "Mr. Abe", "Mr. Abe", role="Mr.")
    assert _profiles(quote)["Abe"].gender_evidence == (("male", 1), ("female", 0))


def test_an_unresolved_pronoun_is_no_evidence() -> None:
    quote = _quote("Later", "she said.", "she", "she", resolution=Resolution.UNRESOLVED)
    assert quote_gender_evidence(quote) == set()
    assert gender_of([("male", 0), ("female", 0)]) == "unknown"


def test_profile_round_trip_and_columns_at_the_end() -> None:
    quote = _quote("Go", "Mrs. Diaz said.", "Mrs. Diaz", "Mrs. Diaz")
    diaz = _profiles(quote)["Diaz"]
    data = json.loads(json.dumps(diaz.to_dict()))
    assert data["gender"] == "female" and data["gender_evidence"] == [["male", 0], ["female", 1]]
    assert SpeakerProfile.from_dict(data) == diaz
    assert SPEAKER_FIELDS[-2:] == ("gender", "gender_evidence")
    # An old record without the fields reads as unknown, with no evidence.
    old = {k: v for k, v in data.items() if not k.startswith("gender")}
    assert SpeakerProfile.from_dict(old).gender == "unknown"
    with pytest.raises(ValueError):
        SpeakerProfile.from_dict({**data, "gender": "other"})


def _corpus_quotes() -> list[Quote]:
    return [
        _quote("A", "he said.", "Tom Okoro", "he", resolution=Resolution.PREVIOUS_SUBJECT),
        _quote("B", "Tom Okoro said.", "Tom Okoro", "Tom Okoro"),
        _quote("C", "Ms. Lee said.", "Ms. Ann Lee", "Ms. Lee"),
        _quote("D", "Maria Okafor said.", "Maria Okafor", "Maria Okafor"),
    ]


def test_gender_summary_keeps_unknown_visible() -> None:
    rows = analyze([[q] for q in _corpus_quotes()]).gender_summary()
    assert rows == [
        {"gender": "male", "speakers": 1, "quotes": 2, "quote_share": 0.5},
        {"gender": "female", "speakers": 1, "quotes": 1, "quote_share": 0.25},
        {"gender": "unknown", "speakers": 1, "quotes": 1, "quote_share": 0.25},
    ]
    assert [r["speakers"] for r in gender_summary([])] == [0, 0, 0]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_cli_speakers_by_gender(fmt: str, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "quotes.jsonl"
    path.write_text(
        "".join(json.dumps(q.to_dict(include_article_text=True)) + "\n" for q in _corpus_quotes()),
        encoding="utf-8",
    )
    assert main(["speakers", "--quotes", str(path), "--by", "gender", "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
    elif fmt == "csv":
        rows = [
            {k: (v if k == "gender" else float(v)) for k, v in r.items()}
            for r in csv.DictReader(io.StringIO(out))
        ]
    else:
        lines = out.splitlines()
        assert lines[0].split() == ["gender", "speakers", "quotes", "share"]
        assert [line.split() for line in lines[1:]] == [
            ["male", "1", "2", "50.0%"],
            ["female", "1", "1", "25.0%"],
            ["unknown", "1", "1", "25.0%"],
        ]
        return
    assert [(r["gender"], r["speakers"], r["quotes"]) for r in rows] == [
        ("male", 1, 2),
        ("female", 1, 1),
        ("unknown", 1, 1),
    ]


def _said_by(article: Article, speaker: Speaker) -> Quote:
    """The quote in marks at the start of ``article``, spoken by ``speaker``."""
    end = article.text.index("”")
    return Quote(article.text[1:end], 1, end, QuoteKind.DIRECT, speaker, None, article)


def test_pronouns_elsewhere_in_an_article_count_once_per_article() -> None:
    # Nothing in the quotes shows a gender: only the pronouns of the articles do.
    first = Article("“One,” Sam Ito said. “Two,” Sam Ito added. Her plan won.", id="a")
    second = Article("“Three,” Sam Ito said. Critics praised her.", id="b")
    sam = Speaker("Sam Ito", "Sam Ito", label="PERSON", female_refs=1)
    quotes = [_said_by(first, sam), _said_by(first, sam), _said_by(second, sam)]
    assert all(quote_gender_evidence(q) == frozenset() for q in quotes)
    profile = _profiles(*quotes)["Sam Ito"]
    assert profile.gender == "female"
    assert profile.gender_evidence == (("male", 0), ("female", 2))  # one for each article


def test_pronoun_counts_of_an_unnamed_speaker_are_no_evidence() -> None:
    article = Article("“Fine,” an aide said.", id="c")
    aide = Speaker("an aide", "an aide", resolution=Resolution.UNNAMED, male_refs=4)
    profiles, _ = build_profiles([_said_by(article, aide)], {"c": article})
    assert all(p.gender == "unknown" for p in profiles)


def test_the_extraction_counts_the_pronouns_that_refer_to_a_speaker(
    extractor: Any,
) -> None:
    text = (
        "Sam Ito arrived in Tokyo on Monday for his first visit in years. "
        "“We will build the bridge,” Sam Ito said at the airport. "
        "Officials welcomed him warmly."
    )
    [quote] = extractor.extract(Article(text, id="ito"))
    speaker = quote.speaker
    assert speaker is not None and speaker.name == "Sam Ito"
    assert speaker.female_refs == 0 and speaker.male_refs >= 1
    assert _profiles(quote)["Sam Ito"].gender == "male"
