"""The exceptions quoteattr raises: every one is a :class:`QuoteattrError`."""

from __future__ import annotations

__all__ = [
    "ClusterError",
    "InputError",
    "InvalidInputError",
    "MissingDependencyError",
    "ModelNotFoundError",
    "QuoteattrError",
    "SerializationError",
]


class QuoteattrError(Exception):
    """Base class of every error raised by quoteattr."""


class InvalidInputError(QuoteattrError, TypeError):
    """An argument has the wrong type (for example bytes where text is expected)."""


class InputError(QuoteattrError, ValueError):
    """Input could not be read: a binary or mis-encoded file, a malformed record."""


class ModelNotFoundError(QuoteattrError, OSError):
    """No usable spaCy pipeline (or coreference model) is installed."""


class SerializationError(QuoteattrError, ValueError):
    """A dictionary or JSON document does not describe a quoteattr object."""


class MissingDependencyError(QuoteattrError, ImportError):
    """An optional dependency (such as pandas) is needed for this and is not installed."""


class ClusterError(QuoteattrError, ConnectionError):
    """A Dask cluster could not be reached, or lost the work it was given."""
