"""The data model: ids, validators, and the dict and JSON round-trips."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from typing import Any, Dict

import attrs
import pytest

import quoteattr
from quoteattr import (
    Article,
    Cue,
    InvalidInputError,
    Quote,
    QuoteattrError,
    QuoteKind,
    Resolution,
    SerializationError,
    Speaker,
)
from quoteattr._quotes.model import content_id

TEXT = "“We are waiting for you,” Putin replied on Tuesday."


def article(**kwargs: Any) -> Article:
    """An article with the text ``TEXT`` and full metadata."""
    fields: Dict[str, Any] = {
        "id": "pyongyang-1",
        "title": "Putin in Pyongyang",
        "outlet": "Example News",
        "url": "https://example.org/a/1",
        "published": "2024-06-19",
    }
    fields.update(kwargs)
    return Article(TEXT, **fields)


def full_quote(art: Article) -> Quote:
    """The quote of ``TEXT``, with speaker and cue at their real offsets."""
    start = TEXT.index("We")
    end = TEXT.index("”")
    name_start = TEXT.index("Putin")
    cue_start = TEXT.index("replied")
    return Quote(
        text=TEXT[start:end],
        start=start,
        end=end,
        kind=QuoteKind.DIRECT,
        speaker=Speaker(
            name="Vladimir Putin",
            mention="Putin",
            start=name_start,
            end=name_start + len("Putin"),
            resolution=Resolution.DESCRIPTION,
            role="Russian President",
            label="PERSON",
        ),
        cue=Cue(text="replied", lemma="reply", start=cue_start, end=cue_start + len("replied")),
        article=art,
        sentence_index=0,
        paragraph_index=0,
        confidence=0.75,
    )


# -- errors -----------------------------------------------------------------------------


def test_error_hierarchy() -> None:
    assert issubclass(InvalidInputError, QuoteattrError)
    assert issubclass(InvalidInputError, TypeError)
    assert issubclass(SerializationError, QuoteattrError)
    assert issubclass(SerializationError, ValueError)
    assert issubclass(quoteattr.InputError, QuoteattrError)
    assert issubclass(quoteattr.InputError, ValueError)
    assert issubclass(quoteattr.ModelNotFoundError, QuoteattrError)


# -- Article ----------------------------------------------------------------------------


def test_article_id_defaults_to_a_content_hash() -> None:
    a = Article("Kim said hello.")
    assert a.id == content_id("Kim said hello.")
    assert len(a.id) == 16 and int(a.id, 16) >= 0
    assert Article("Kim said hello.", title="Other").id == a.id
    assert Article("Kim said goodbye.").id != a.id


def test_article_given_id_is_kept() -> None:
    assert Article("Kim said hello.", id="kim-1").id == "kim-1"


def test_content_id_accepts_lone_surrogates() -> None:
    assert content_id("a\ud800b") != content_id("ab")
    assert Article("a\ud800b").id == content_id("a\ud800b")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (dt.date(2024, 6, 19), "2024-06-19"),
        (dt.datetime(2024, 6, 19, 8, 30), "2024-06-19T08:30:00"),
        (
            dt.datetime(2024, 6, 19, 8, 30, tzinfo=dt.timezone.utc),
            "2024-06-19T08:30:00+00:00",
        ),
        ("19 June 2024", "19 June 2024"),
        (None, None),
    ],
)
def test_article_published_accepts_date_datetime_and_str(published: Any, expected: Any) -> None:
    assert Article("x", published=published).published == expected


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": "x", "id": 5}, "Article.id"),
        ({"text": "x", "title": 5}, "Article.title"),
        ({"text": "x", "outlet": ["a"]}, "Article.outlet"),
        ({"text": "x", "url": b"https://example.org"}, "Article.url"),
        ({"text": "x", "published": 20240619}, "Article.published"),
        ({"text": b"x", "id": "a"}, "Article.text"),
    ],
)
def test_article_rejects_wrong_types(kwargs: Dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInputError, match=field):
        Article(**kwargs)


def test_article_bytes_text_error_says_to_decode() -> None:
    with pytest.raises(InvalidInputError, match="decode"):
        Article(b"Kim said hello.", id="a")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [b"Kim said hello.", 42, None])
def test_article_rejects_non_str_text_without_id(text: Any) -> None:
    # The default id hashes the text: the type must be checked before that.
    with pytest.raises(InvalidInputError, match="text must be str"):
        Article(text)


def test_article_bytes_text_without_id_error_says_to_decode() -> None:
    with pytest.raises(InvalidInputError, match="decode"):
        Article(b"Kim said hello.")  # type: ignore[arg-type]


def test_article_is_frozen() -> None:
    a = Article("x")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.text = "y"  # type: ignore[misc]


def test_article_dict_round_trip() -> None:
    a = article(published=dt.date(2024, 6, 19))
    data = a.to_dict()
    assert data["text"] == TEXT and data["published"] == "2024-06-19"
    assert Article.from_dict(data) == a


def test_article_dict_without_text_keeps_metadata() -> None:
    a = article()
    data = a.to_dict(include_text=False)
    assert "text" not in data
    back = Article.from_dict(data)
    assert back.text == ""
    assert (back.id, back.title, back.outlet, back.url, back.published) == (
        a.id,
        a.title,
        a.outlet,
        a.url,
        a.published,
    )


def test_article_from_non_mapping_is_a_serialization_error() -> None:
    with pytest.raises(SerializationError, match="mapping"):
        Article.from_dict(["text"])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data", [{"text": "x", "published": 20240619}, {"text": "x", "title": 5}, {"text": 5}]
)
def test_article_from_bad_dict_is_a_serialization_error(data: Dict[str, Any]) -> None:
    with pytest.raises(SerializationError):
        Article.from_dict(data)


# -- Cue and Speaker --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 3), (True, 3), (1.0, 3), ("1", 3), (5, 3)],
)
def test_cue_rejects_bad_offsets(start: Any, end: Any) -> None:
    with pytest.raises(InvalidInputError):
        Cue(text="said", lemma="say", start=start, end=end)


def test_speaker_offsets_may_be_missing_and_resolution_converts() -> None:
    s = Speaker(name="Vladimir Putin", mention="he", resolution="coreference")
    assert s.start is None and s.end is None
    assert s.resolution is Resolution.COREFERENCE


def test_speaker_rejects_unknown_resolution() -> None:
    with pytest.raises(ValueError):
        Speaker(name="A", mention="A", resolution="guessed")


def test_cue_and_speaker_dict_round_trips() -> None:
    q = full_quote(article())
    assert q.cue is not None and q.speaker is not None
    assert Cue.from_dict(q.cue.to_dict()) == q.cue
    assert Speaker.from_dict(q.speaker.to_dict()) == q.speaker
    bare = Speaker(name="Kim", mention="Kim")
    assert Speaker.from_dict(bare.to_dict()) == bare


@pytest.mark.parametrize(
    ("cls", "data", "message"),
    [
        (Speaker, {"name": "A"}, "mention"),
        (Speaker, {"name": "A", "mention": "A", "resolution": "guessed"}, "Speaker"),
        (Speaker, "A", "mapping"),
        (Cue, {"text": "said", "lemma": "say", "start": 0}, "end"),
        (Cue, {"text": "said", "lemma": "say", "start": -1, "end": 3}, "Cue"),
    ],
)
def test_cue_and_speaker_from_bad_dict(cls: Any, data: Any, message: str) -> None:
    with pytest.raises(SerializationError, match=message):
        cls.from_dict(data)


# -- Quote ------------------------------------------------------------------------------


def test_quote_text_matches_the_article_text_at_its_offsets() -> None:
    q = full_quote(article())
    assert q.article.text[q.start : q.end] == q.text == "We are waiting for you,"
    assert q.speaker_name == "Vladimir Putin"


def test_quote_rejects_text_not_at_its_offsets() -> None:
    a = article()
    with pytest.raises(InvalidInputError, match="does not match"):
        Quote(
            text="We are waiting for you,",
            start=0,
            end=23,
            kind=QuoteKind.DIRECT,
            speaker=None,
            cue=None,
            article=a,
        )


def test_quote_of_a_metadata_only_article_is_not_checked_against_text() -> None:
    q = Quote(
        text="anything",
        start=5,
        end=13,
        kind="partial",
        speaker=None,
        cue=None,
        article=Article(""),
    )
    assert q.kind is QuoteKind.PARTIAL
    assert q.speaker_name is None


@pytest.mark.parametrize("confidence", [-0.1, 1.5])
def test_quote_rejects_confidence_outside_zero_to_one(confidence: float) -> None:
    with pytest.raises(InvalidInputError, match="confidence"):
        attrs.evolve(full_quote(article()), confidence=confidence)


def test_quote_rejects_end_before_start() -> None:
    with pytest.raises(InvalidInputError, match="ends before it starts"):
        Quote(text="", start=5, end=3, kind="direct", speaker=None, cue=None, article=Article(""))


def test_quote_dict_round_trip_with_article_text() -> None:
    q = full_quote(article())
    data = q.to_dict(include_article_text=True)
    assert data["article"]["text"] == TEXT
    assert data["kind"] == "direct"
    assert data["speaker"]["resolution"] == "description"
    assert Quote.from_dict(data) == q


def test_quote_dict_without_article_text_keeps_everything_else() -> None:
    q = full_quote(article())
    data = q.to_dict()
    assert "text" not in data["article"]
    back = Quote.from_dict(data)
    assert back.article.text == ""
    assert back.article.id == q.article.id
    assert back == attrs.evolve(q, article=Article.from_dict(q.article.to_dict(include_text=False)))


def test_quote_from_dict_takes_back_the_article_it_was_written_without() -> None:
    a = article()
    q = full_quote(a)
    data = q.to_dict()
    del data["article"]
    back = Quote.from_dict(data, article=a)
    assert back == q and back.article is a
    with pytest.raises(SerializationError, match="does not match"):
        Quote.from_dict(data, article=Article("Another text, longer than the first one was."))


def test_quote_without_speaker_or_cue_round_trips() -> None:
    a = Article("They called it “a farce”.")
    start = a.text.index("a farce")
    q = Quote(
        text="a farce",
        start=start,
        end=start + 7,
        kind=QuoteKind.PARTIAL,
        speaker=None,
        cue=None,
        article=a,
        paragraph_index=0,
    )
    assert Quote.from_json(q.to_json(include_article_text=True)) == q


def test_quote_json_round_trip_keeps_non_ascii_readable() -> None:
    q = full_quote(article())
    line = q.to_json(include_article_text=True)
    assert "\n" not in line
    assert "“We are waiting" in line  # ensure_ascii=False
    assert json.loads(line)["article"]["id"] == "pyongyang-1"
    assert Quote.from_json(line) == q


def test_quote_json_without_article_text() -> None:
    q = full_quote(article())
    back = Quote.from_json(q.to_json())
    assert back.article.text == ""
    assert (back.text, back.start, back.end, back.speaker, back.cue) == (
        q.text,
        q.start,
        q.end,
        q.speaker,
        q.cue,
    )


def _quote_dict() -> Dict[str, Any]:
    return full_quote(article()).to_dict(include_article_text=True)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "rumour"}, "not a valid quote"),
        ({"start": "7"}, "not a valid quote"),
        ({"start": 0}, "does not match"),
        ({"confidence": 2}, "confidence"),
        ({"speaker": {"name": "Putin"}}, "mention"),
        ({"cue": {"text": "said"}}, "lemma"),
    ],
)
def test_quote_from_bad_dict_is_a_serialization_error(change: Dict[str, Any], message: str) -> None:
    data = _quote_dict()
    data.update(change)
    with pytest.raises(SerializationError, match=message):
        Quote.from_dict(data)


@pytest.mark.parametrize("missing", ["text", "start", "end", "kind"])
def test_quote_from_dict_names_a_missing_field(missing: str) -> None:
    data = _quote_dict()
    del data[missing]
    with pytest.raises(SerializationError, match=repr(missing)):
        Quote.from_dict(data)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
        ("[1, 2]", "mapping"),
        ('"a string"', "mapping"),
        ("{}", "needs the field"),
    ],
)
def test_quote_from_bad_json_is_a_serialization_error(line: str, message: str) -> None:
    with pytest.raises(SerializationError, match=message):
        Quote.from_json(line)


def test_quote_from_json_of_none_is_a_serialization_error() -> None:
    with pytest.raises(SerializationError):
        Quote.from_json(None)  # type: ignore[arg-type]


# -- enums ------------------------------------------------------------------------------


def test_quote_kind_values() -> None:
    assert [k.value for k in QuoteKind] == ["direct", "partial", "mixed", "indirect"]
    assert str(QuoteKind.DIRECT) == "direct"
    assert QuoteKind("mixed") is QuoteKind.MIXED
    assert isinstance(QuoteKind.INDIRECT, str)
    assert json.dumps({"kind": QuoteKind.INDIRECT}) == '{"kind": "indirect"}'


def test_resolution_values() -> None:
    # The rules of the speaker sieve, in the order they run.
    assert [r.value for r in Resolution] == [
        "explicit",
        "apposition",
        "relative",
        "author",
        "clause_subject",
        "description",
        "previous_subject",
        "salient_person",
        "topic_person",
        "only_candidate",
        "coreference",
        "nearest_person",
        "previous_speaker",
        "adjacent_quote",
        "unnamed",
        "unresolved",
    ]
    assert not Resolution.UNNAMED.named and Resolution.SALIENT_PERSON.named
    assert str(Resolution.NEAREST_PERSON) == "nearest_person"
    assert Resolution("adjacent_quote") is Resolution.ADJACENT_QUOTE
    assert f"{Resolution.EXPLICIT}" == "explicit"
    assert json.dumps([Resolution.COREFERENCE]) == '["coreference"]'


def test_the_data_model_readers_and_scorer_do_not_import_spacy() -> None:
    """What a store-only command or the scorer needs loads no parser."""
    modules = [
        "_quotes.model",
        "errors",
        "_io.reading",
        "_lexicon.words",
        "_lexicon.cues",
        "_marks.marks",
        "_marks.paragraphs",
        "_eval.evaluate",
    ]
    code = (
        f"import sys, {', '.join('quoteattr.' + m for m in modules)}; print('spacy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
