"""quoteattr: find every quotation in English news articles and say who said it.

>>> import quoteattr
>>> quote = quoteattr.extract('“We are waiting for you,” Putin replied.')[0]
>>> quote.text, quote.speaker.name, quote.cue.lemma, quote.kind.value
('We are waiting for you,', 'Putin', 'reply', 'direct')
"""

from __future__ import annotations

import functools
import threading
from typing import List

from .corpus import CorpusAnalysis, QuoteCluster, SpeakerProfile, analyze
from .errors import (
    ClusterError,
    ExtractionError,
    InputError,
    InvalidInputError,
    MissingDependencyError,
    ModelNotFoundError,
    PipelineError,
    QuoteattrError,
    SerializationError,
    WorkerDiedError,
)
from .evaluate import evaluate
from .marks import QuoteSpan, find_quote_spans
from .model import Article, Cue, Detection, Quote, QuoteKind, Resolution, Speaker
from .pipeline import ArticleLike, QuoteExtractor, load_pipeline
from .reading import iter_articles
from .render import render_html
from .store import QuoteStore, RunStats, run_corpus

__all__ = [
    "Article",
    "ClusterError",
    "CorpusAnalysis",
    "Cue",
    "Detection",
    "ExtractionError",
    "InputError",
    "InvalidInputError",
    "MissingDependencyError",
    "ModelNotFoundError",
    "PipelineError",
    "Quote",
    "QuoteCluster",
    "QuoteExtractor",
    "QuoteKind",
    "QuoteSpan",
    "QuoteStore",
    "QuoteattrError",
    "Resolution",
    "RunStats",
    "SerializationError",
    "Speaker",
    "SpeakerProfile",
    "WorkerDiedError",
    "analyze",
    "default_extractor",
    "evaluate",
    "extract",
    "find_quote_spans",
    "iter_articles",
    "load_pipeline",
    "render_html",
    "run_corpus",
]

__version__ = "0.1.0"

_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _default() -> QuoteExtractor:
    return QuoteExtractor()


def default_extractor() -> QuoteExtractor:
    """Return the shared :class:`QuoteExtractor` that :func:`extract` uses (built on first call)."""
    with _lock:
        return _default()


def extract(article: ArticleLike) -> List[Quote]:
    """Return the quotes of one article (text, :class:`Article` or dict) with the default extractor."""
    return default_extractor().extract(article)
