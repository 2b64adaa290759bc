"""quoteattr: find every quotation in English news articles and say who said it.

>>> import quoteattr
>>> quote = quoteattr.extract('“We are waiting for you,” Putin replied.')[0]
>>> quote.text, quote.speaker.name, quote.cue.lemma, quote.kind.value
('We are waiting for you,', 'Putin', 'reply', 'direct')

The names below are imported from their modules on first use (PEP 562), so that
``import quoteattr`` is quick and loads spaCy only when something needs it.
"""

from __future__ import annotations

import functools
import importlib
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quoteattr._corpus.analysis import CorpusAnalysis, analyze
    from quoteattr._corpus.clusters import QuoteCluster
    from quoteattr._corpus.drift import Drift, QuoteVariant, WordChange
    from quoteattr._corpus.profiles import SpeakerProfile
    from quoteattr._eval.evaluate import evaluate
    from quoteattr._eval.evaluation import Evaluation, Scores
    from quoteattr._eval.gold import load_gold, load_speakers
    from quoteattr._eval.scoring import score
    from quoteattr._io.reading import DEFAULT_MAX_CHARS, iter_articles, read_jsonl, read_text_file
    from quoteattr._io.render import render_html
    from quoteattr._io.report import render_report
    from quoteattr._io.runner import RunStats, run_corpus
    from quoteattr._io.store import QuoteStore
    from quoteattr._marks.marks import QuoteSpan, find_quote_spans
    from quoteattr._parse.component import quote_data
    from quoteattr._parse.coref import coref_model_location
    from quoteattr._parse.extractor import QuoteExtractor, load_pipeline
    from quoteattr._quotes.model import (
        Article,
        ArticleLike,
        Cue,
        Detection,
        Quote,
        QuoteKind,
        Resolution,
        Speaker,
    )
    from quoteattr._quotes.records import QUOTE_RECORD_FIELDS, quote_from_record, quote_record
    from quoteattr.errors import (
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

#: The version of quoteattr; the one place it is written (pyproject.toml reads it here).
__version__ = "0.1.0"

#: Where each public name lives: the module :func:`__getattr__` imports it from.
#: (Keep it in step with the ``TYPE_CHECKING`` imports above; a test checks.)
# fmt: off
_HOMES: dict[str, tuple[str, ...]] = {
    "quoteattr._corpus.analysis": ("CorpusAnalysis", "analyze"),
    "quoteattr._corpus.clusters": ("QuoteCluster",),
    "quoteattr._corpus.drift": ("Drift", "QuoteVariant", "WordChange"),
    "quoteattr._corpus.profiles": ("SpeakerProfile",),
    "quoteattr.errors": (
        "ClusterError", "ExtractionError", "InputError", "InvalidInputError",
        "MissingDependencyError", "ModelNotFoundError", "PipelineError", "QuoteattrError",
        "SerializationError", "WorkerDiedError",
    ),
    "quoteattr._eval.evaluate": ("evaluate",),
    "quoteattr._parse.extractor": ("QuoteExtractor", "load_pipeline"),
    "quoteattr._marks.marks": ("QuoteSpan", "find_quote_spans"),
    "quoteattr._quotes.model": (
        "Article", "ArticleLike", "Cue", "Detection", "Quote", "QuoteKind", "Resolution",
        "Speaker",
    ),
    "quoteattr._io.reading": ("DEFAULT_MAX_CHARS", "iter_articles", "read_jsonl", "read_text_file"),
    "quoteattr._io.render": ("render_html",),
    "quoteattr._io.report": ("render_report",),
    "quoteattr._io.runner": ("RunStats", "run_corpus"),
    "quoteattr._io.store": ("QuoteStore",),
    "quoteattr._quotes.records": ("QUOTE_RECORD_FIELDS", "quote_from_record", "quote_record"),
    "quoteattr._eval.evaluation": ("Evaluation", "Scores"),
    "quoteattr._eval.gold": ("load_gold", "load_speakers"),
    "quoteattr._eval.scoring": ("score",),
    "quoteattr._parse.component": ("quote_data",),
    "quoteattr._parse.coref": ("coref_model_location",),
}
# fmt: on
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

# fmt: off
__all__ = [
    "DEFAULT_MAX_CHARS", "QUOTE_RECORD_FIELDS", "Article", "ClusterError", "CorpusAnalysis",
    "Cue", "Detection", "Drift", "Evaluation", "ExtractionError", "InputError",
    "InvalidInputError", "MissingDependencyError", "ModelNotFoundError", "PipelineError",
    "Quote", "QuoteCluster", "QuoteExtractor", "QuoteKind", "QuoteSpan", "QuoteStore",
    "QuoteVariant", "QuoteattrError", "Resolution", "RunStats", "Scores", "SerializationError",
    "Speaker", "SpeakerProfile", "WordChange", "WorkerDiedError", "analyze",
    "coref_model_location", "default_extractor", "evaluate", "extract", "find_quote_spans",
    "iter_articles", "load_gold", "load_pipeline", "load_speakers", "quote_data",
    "quote_from_record", "quote_record", "read_jsonl", "read_text_file", "render_html",
    "render_report", "run_corpus", "score",
]
# fmt: on


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (``quoteattr.QuoteExtractor``)."""
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup does not come here
    return value


def __dir__() -> list[str]:
    """The module's names, the public ones not yet imported included."""
    return sorted({*globals(), *__all__})


_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _default() -> QuoteExtractor:
    from quoteattr._parse.extractor import QuoteExtractor

    return QuoteExtractor()


def default_extractor() -> QuoteExtractor:
    """Return the shared :class:`QuoteExtractor` that :func:`extract` uses (built on first call)."""
    with _lock:
        return _default()


def extract(article: ArticleLike) -> list[Quote]:
    """Return the quotes of one article (text, :class:`Article` or dict) with the default extractor."""
    return default_extractor().extract(article)
