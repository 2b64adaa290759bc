"""Shared fixtures and the hypothesis profiles (``HYPOTHESIS_PROFILE=ci`` in CI)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List

import pytest
from hypothesis import HealthCheck, settings

import quoteattr
from quoteattr import Quote

if TYPE_CHECKING:
    from spacy.language import Language

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def extractor() -> quoteattr.QuoteExtractor:
    """One extractor (default pipeline, coreference on) shared by the whole session."""
    return quoteattr.QuoteExtractor()


@pytest.fixture(scope="session")
def plain_extractor() -> quoteattr.QuoteExtractor:
    """An extractor without coreference (faster; for tests of the rules alone)."""
    import spacy

    from quoteattr._parse.extractor import installed_pipelines

    return quoteattr.QuoteExtractor(spacy.load(installed_pipelines()[0]), coref=False)


@pytest.fixture(scope="session")
def component_nlp() -> Language:
    """A pipeline with the component added as a spaCy user adds it (no coreference)."""
    import spacy

    from quoteattr._parse.extractor import installed_pipelines

    nlp = spacy.load(installed_pipelines()[0])
    nlp.add_pipe("quoteattr", config={"coref": False})
    return nlp


@pytest.fixture(scope="session")
def seed_texts() -> Dict[str, str]:
    """The seed articles, by file stem."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed_quotes(
    extractor: quoteattr.QuoteExtractor, seed_texts: Dict[str, str]
) -> Dict[str, List[Quote]]:
    """The quotes of each seed article, extracted once."""
    return {
        stem: extractor.extract(quoteattr.Article(text, id=stem))
        for stem, text in seed_texts.items()
    }
