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
import sys
import threading
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analysis import CorpusAnalysis, analyze
    from .clusters import QuoteCluster
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
    from .extractor import QuoteExtractor, load_pipeline
    from .marks import QuoteSpan, find_quote_spans
    from .model import Article, ArticleLike, Cue, Detection, Quote, QuoteKind, Resolution, Speaker
    from .profiles import SpeakerProfile
    from .reading import iter_articles
    from .render import render_html
    from .runner import RunStats, run_corpus
    from .store import QuoteStore

#: The version of quoteattr; the one place it is written (pyproject.toml reads it here).
__version__ = "0.1.0"

#: Where each public name lives: the module :func:`__getattr__` imports it from.
#: (Keep it in step with the ``TYPE_CHECKING`` imports above; a test checks.)
# fmt: off
_HOMES: dict[str, tuple[str, ...]] = {
    "analysis": ("CorpusAnalysis", "analyze"),
    "clusters": ("QuoteCluster",),
    "errors": (
        "ClusterError", "ExtractionError", "InputError", "InvalidInputError",
        "MissingDependencyError", "ModelNotFoundError", "PipelineError", "QuoteattrError",
        "SerializationError", "WorkerDiedError",
    ),
    "evaluate": ("evaluate",),
    "extractor": ("QuoteExtractor", "load_pipeline"),
    "marks": ("QuoteSpan", "find_quote_spans"),
    "model": (
        "Article", "ArticleLike", "Cue", "Detection", "Quote", "QuoteKind", "Resolution",
        "Speaker",
    ),
    "profiles": ("SpeakerProfile",),
    "reading": ("iter_articles",),
    "render": ("render_html",),
    "runner": ("RunStats", "run_corpus"),
    "store": ("QuoteStore",),
}
# fmt: on
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

# fmt: off
__all__ = [
    "Article", "ClusterError", "CorpusAnalysis", "Cue", "Detection", "ExtractionError",
    "InputError", "InvalidInputError", "MissingDependencyError", "ModelNotFoundError",
    "PipelineError", "Quote", "QuoteCluster", "QuoteExtractor", "QuoteKind", "QuoteSpan",
    "QuoteStore", "QuoteattrError", "Resolution", "RunStats", "SerializationError", "Speaker",
    "SpeakerProfile", "WorkerDiedError", "analyze", "default_extractor", "evaluate", "extract",
    "find_quote_spans", "iter_articles", "load_pipeline", "render_html", "run_corpus",
]
# fmt: on


def __getattr__(name: str) -> Any:
    """Import a public name from its module on first use (``quoteattr.QuoteExtractor``)."""
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next lookup does not come here
    return value


def __dir__() -> list[str]:
    """The module's names, the public ones not yet imported included."""
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """This module's type: a submodule imported does not hide the function it is named after.

    Importing ``quoteattr.evaluate`` (the module) would otherwise make
    ``quoteattr.evaluate`` the module, not the function :func:`evaluate`.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _HOME_OF.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _default() -> QuoteExtractor:
    from .extractor import QuoteExtractor

    return QuoteExtractor()


def default_extractor() -> QuoteExtractor:
    """Return the shared :class:`QuoteExtractor` that :func:`extract` uses (built on first call)."""
    with _lock:
        return _default()


def extract(article: ArticleLike) -> list[Quote]:
    """Return the quotes of one article (text, :class:`Article` or dict) with the default extractor."""
    return default_extractor().extract(article)
