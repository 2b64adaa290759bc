"""The exceptions quoteattr raises: every one is a :class:`QuoteattrError`."""

from __future__ import annotations

__all__ = [
    "ClusterError",
    "ExtractionError",
    "InputError",
    "InvalidInputError",
    "MissingDependencyError",
    "ModelNotFoundError",
    "PipelineError",
    "QuoteattrError",
    "SerializationError",
    "WorkerDiedError",
]


class QuoteattrError(Exception):
    """Base class of every error raised by quoteattr."""


class InvalidInputError(QuoteattrError, TypeError):
    """An argument has the wrong type (for example bytes where text is expected)."""


class InputError(QuoteattrError, ValueError):
    """Input could not be read: a binary or mis-encoded file, a malformed record."""


class ModelNotFoundError(QuoteattrError, OSError):
    """No usable spaCy pipeline (or coreference model) is installed."""


class PipelineError(QuoteattrError, ValueError):
    """The spaCy pipeline cannot run quoteattr: it has no dependency parser, or it is disabled."""


class SerializationError(QuoteattrError, ValueError):
    """A dictionary or JSON document does not describe a quoteattr object."""


class MissingDependencyError(QuoteattrError, ImportError):
    """An optional dependency (such as pandas) is needed for this and is not installed."""


class ClusterError(QuoteattrError, ConnectionError):
    """A Dask cluster could not be reached, or lost the work it was given."""


class ExtractionError(QuoteattrError, RuntimeError):
    """quoteattr (or the spaCy pipeline under it) failed on one article.

    This is a bug, not a fault of the input: please report it with the article.
    :func:`~quoteattr.run_corpus` sets such an article aside, reports this error
    for it and goes on with the others.
    """

    def __init__(self, message: str, article_id: str | None = None) -> None:
        super().__init__(message)
        #: The id of the article it failed on, when known.
        self.article_id = article_id

    @classmethod
    def on_article(cls, article_id: str, cause: BaseException) -> ExtractionError:
        """The error for ``cause``, raised while extracting the article ``article_id``."""
        if isinstance(cause, MemoryError):
            return cls(
                f"out of memory while parsing article {article_id}; it is set aside by "
                "runs (a smaller --max-chars or more memory may let it through)",
                article_id,
            )
        return cls(
            f"quoteattr failed on article {article_id} ({type(cause).__name__}: {cause}); "
            "this is a bug, please report it with the article",
            article_id,
        )

    def __reduce__(self) -> tuple[type, tuple[str, str | None]]:
        # Keeps article_id when the error crosses between processes.
        return (type(self), (str(self), self.article_id))


class WorkerDiedError(ExtractionError):
    """A worker process died while parsing articles: killed, or out of memory.

    :func:`~quoteattr.run_corpus` parses each of those articles again in a fresh
    worker, and sets aside any that kills its worker a second time.
    """
