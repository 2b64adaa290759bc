"""The shipped coreference model: it is the one loaded, and it resolves pronoun speakers."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
import spacy

import quoteattr
from quoteattr import Resolution
from quoteattr._parse.coref import (
    CorefResolver,
    DocCoreference,
    coref_model_location,
    name_gender,
    shipped_model_dir,
)
from quoteattr._parse.extractor import installed_pipelines


def official_model_installed() -> bool:
    try:
        importlib.metadata.distribution("coreferee_model_en")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


@pytest.mark.skipif(
    official_model_installed(), reason="an official coreferee_model_en takes precedence"
)
def test_the_shipped_model_is_the_one_loaded() -> None:
    location = coref_model_location()
    assert location is not None
    assert Path(location).resolve() == (shipped_model_dir() / "coreferee_model_en").resolve()
    assert (shipped_model_dir() / "coreferee_model_en" / "sm_3_8_0" / "model").is_file()


def test_coreference_is_available_with_default_pipeline(
    extractor: quoteattr.QuoteExtractor,
) -> None:
    assert extractor.coref_available, extractor.component.resolver.error


def test_model_resolves_a_pronoun(extractor: quoteattr.QuoteExtractor) -> None:
    doc = extractor.nlp("Vladimir Putin met Kim Jong Un in Beijing. He said the talks went well.")
    he = next(t for t in doc if t.text == "He")
    coreference = extractor.component.resolver.for_doc(doc)
    assert [t.text for t in coreference.antecedents(he)] == ["Putin"]


#: The sentence before the quote has no person as its subject, so sentence structure
#: alone finds nobody, and it names two people "she" may be: only the model links "she"
#: to Merkel.
TWO_CANDIDATES = (
    "Reporters asked Angela Merkel about the deal after her call with Macron on Tuesday. "
    "“We will see,” she said."
)


def test_pronoun_speaker_resolved_by_the_model_end_to_end(
    extractor: quoteattr.QuoteExtractor,
) -> None:
    (quote,) = extractor.extract(TWO_CANDIDATES)
    assert quote.speaker is not None
    assert quote.speaker.name == "Angela Merkel"
    assert quote.speaker.mention == "she"
    assert quote.speaker.resolution is Resolution.COREFERENCE


def test_one_person_the_pronoun_can_be_needs_no_model(
    extractor: quoteattr.QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only one person of the pronoun's gender named in the window: no model to run."""

    def no_model(*args: object) -> None:
        raise AssertionError("the coreference model was run")

    monkeypatch.setattr(DocCoreference, "antecedents", no_model)
    text = (
        "Reporters asked Angela Merkel and Olaf Scholz about the deal on Tuesday. "
        "“We will see,” she said."
    )
    (quote,) = extractor.extract(text)
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.mention) == ("Angela Merkel", "she")
    assert quote.speaker.resolution is Resolution.ONLY_CANDIDATE


def test_without_coreference_the_same_quote_is_not_resolved_by_the_model(
    extractor: quoteattr.QuoteExtractor, plain_extractor: quoteattr.QuoteExtractor
) -> None:
    """``coref=False`` turns the model off: the quote the model resolves (with the
    extractor, as in the test above) is left to the other rules."""
    (with_model,) = extractor.extract(TWO_CANDIDATES)
    (quote,) = plain_extractor.extract(TWO_CANDIDATES)
    assert not plain_extractor.coref_available
    assert with_model.speaker is not None and quote.speaker is not None
    assert with_model.speaker.resolution is Resolution.COREFERENCE
    assert (quote.text, quote.speaker.mention) == (with_model.text, "she")
    assert quote.speaker.resolution is not Resolution.COREFERENCE


def test_kim_is_not_taken_for_a_female_name(extractor: quoteattr.QuoteExtractor) -> None:
    assert extractor.coref_available
    annotator = extractor.component.resolver._load()
    assert "Kim" not in annotator.rules_analyzer.exclusively_female_names
    assert name_gender("Kim") is None


def test_unsupported_pipeline_falls_back_without_error() -> None:
    nlp = spacy.load(installed_pipelines()[0])
    nlp.meta["name"] = "some_custom_pipeline"
    resolver = CorefResolver(nlp)
    assert not resolver.available
    assert resolver.error and "ModelNotSupportedError" in resolver.error
    extractor = quoteattr.QuoteExtractor(nlp)
    quotes = extractor.extract("Putin spoke first. “We are ready,” he said.")
    assert [q.speaker_name for q in quotes] == ["Putin"]
    assert quotes[0].speaker is not None
    assert quotes[0].speaker.resolution is Resolution.PREVIOUS_SUBJECT


def test_a_coreferee_failure_on_a_document_is_not_a_crash(
    extractor: quoteattr.QuoteExtractor,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    annotator = extractor.component.resolver._load()

    def broken(doc: object, used_in_training: bool = False) -> None:
        raise RuntimeError("simulated coreferee bug")

    monkeypatch.setattr(annotator, "annotate", broken)
    text = (
        "Reporters asked Angela Merkel about the deal after her call with Macron. "
        "“We will see,” she said."
    )
    (quote,) = extractor.extract(quoteattr.Article(text, id="broken-doc"))
    assert quote.text == "We will see,"
    assert "broken-doc" in caplog.text
