"""Resumable corpus runs: a stream of articles through an extractor into a quote store.

:func:`run_corpus` feeds a stream of articles through a
:class:`~quoteattr.QuoteExtractor` (or anything with its ``pipe``, such as a
:class:`~quoteattr.distributed.ClusterExtractor`) into a
:class:`~quoteattr.QuoteStore`, committing every ``batch_size`` articles.
Articles already in the store are skipped before they are parsed, so after a crash,
``kill -9`` or Ctrl-C the same run started again carries on where the last commit left
it: nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, Optional, Protocol, TypeVar, Union

import attrs

from quoteattr import errors
from quoteattr._io.store import QuoteStore
from quoteattr._quotes.model import Article, ArticleLike, Quote, content_id
from quoteattr.errors import (
    ExtractionError,
    InputError,
    InvalidInputError,
    QuoteattrError,
    WorkerDiedError,
)

__all__ = ["QuotePipe", "RunStats", "run_corpus"]

log = logging.getLogger(__name__)


@attrs.frozen
class RunStats:
    """What :func:`run_corpus` did.

    ``articles_seen`` counts the articles in the input (``articles_added`` +
    ``articles_skipped`` + ``articles_failed``); ``errors`` counts the bad inputs, which
    are not articles.
    """

    #: Articles in the input.
    articles_seen: int = 0
    #: Articles parsed and stored by this run.
    articles_added: int = 0
    #: Articles whose text was already stored, or came earlier in the same run.
    articles_skipped: int = 0
    #: Quotes stored by this run.
    quotes_added: int = 0
    #: Bad inputs (:class:`~quoteattr.errors.InputError` items) reported and passed over.
    errors: int = 0
    #: Articles quoteattr failed on (:class:`~quoteattr.errors.ExtractionError`, a bug),
    #: reported, set aside and not stored: a later run tries them again.
    articles_failed: int = 0


class QuotePipe(Protocol):
    """What :func:`run_corpus` parses with: a :class:`~quoteattr.QuoteExtractor`, or a
    :class:`~quoteattr.distributed.ClusterExtractor`."""

    def pipe(
        self, articles: Iterable[ArticleLike], *, batch_size: int = ..., n_process: int = ...
    ) -> Iterator[list[Quote]]:
        """Yield the quotes of each article, in the order the articles come."""
        ...


def run_corpus(
    items: Iterable[Union[Article, InputError]],
    store: QuoteStore,
    extractor: QuotePipe,
    *,
    batch_size: int = 32,
    on_error: Optional[Callable[[QuoteattrError], object]] = None,
    progress: Optional[Callable[[int], object]] = None,
    n_process: int = 1,
) -> RunStats:
    """Extract the quotes of a stream of articles into ``store``; return what was done.

    ``items`` is what :func:`~quoteattr.iter_articles` yields: articles, and
    :class:`~quoteattr.errors.InputError` for bad inputs, which are passed to
    ``on_error`` (or logged, without it), counted, and passed over. An article whose
    text is already in the store, or came earlier in this run, is skipped before it is
    parsed; when two ids share a text, the one stored first keeps it. The other articles
    are parsed with ``extractor.pipe`` and stored in transactions of ``batch_size``
    articles, so an interrupted run loses at most the batch it was in, and running it
    again on the same input picks up from there. ``progress`` is called with the number
    of input items dealt with so far (stored, skipped or bad) after each one.

    An article the extractor fails on (a bug in quoteattr or the pipeline, not a fault
    of the input) does not end the run: it is parsed again on its own to be sure, then
    set aside, not stored, counted in ``articles_failed`` and passed to ``on_error``
    as an :class:`~quoteattr.errors.ExtractionError`; the next run tries it again.
    An article the store cannot take (text SQLite cannot encode) is set aside the same
    way. Errors that would strike every article (no pipeline, a lost cluster) end the
    run, with the batches stored so far kept; so does Ctrl-C, after the articles parsed
    so far are stored.

    ``n_process`` > 1 parses in that many worker processes (``extractor.pipe(...,
    n_process=n_process)``). The store is read and written only here, in the calling
    process and thread: the articles are checked against the store as the workers
    take them, a few tasks ahead, and only the new ones go to the workers.
    With a :class:`~quoteattr.distributed.ClusterExtractor` as ``extractor``, the new
    articles go to a Dask cluster instead, and the store stays here just the same.
    """
    for name, value in (("batch_size", batch_size), ("n_process", n_process)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InvalidInputError(f"{name} must be a positive int, got {value!r}")
    runner = CorpusRunner(
        store,
        extractor,
        batch_size=batch_size,
        n_process=n_process,
        on_error=on_error,
        progress=progress,
    )
    return runner.run(items)


#: Errors that would strike every article alike: they end the run instead of setting
#: articles aside one by one.
_RUN_ERRORS = (errors.ModelNotFoundError, errors.MissingDependencyError, errors.ClusterError)


class CorpusRunner:
    """One corpus run (see :func:`run_corpus`): what it has read, parsed and stored so far.

    The input's new articles go to the extractor (:meth:`_new_articles`), each one
    waiting in :attr:`fed` until its quotes come back (:meth:`_parse`); the parsed ones
    gather in :attr:`batch`, stored as one transaction (:meth:`_store_batch`).
    """

    def __init__(
        self,
        store: QuoteStore,
        extractor: QuotePipe,
        *,
        batch_size: int,
        n_process: int,
        on_error: Optional[Callable[[QuoteattrError], object]] = None,
        progress: Optional[Callable[[int], object]] = None,
    ) -> None:
        self.store = store
        self.extractor = extractor
        self.batch_size = batch_size
        self.n_process = n_process
        self.on_error = on_error
        #: Called with :attr:`done` after each input item is dealt with.
        self.progress = progress
        #: The counts of :class:`RunStats`, by field name.
        self.counts: Counter[str] = Counter()
        #: Input items dealt with: stored, skipped, set aside or bad.
        self.done = 0
        #: Articles handed to the extractor whose quotes have not come back, in order,
        #: with their content hashes.
        self.fed: deque[tuple[Article, str]] = deque()
        #: The content hashes of the articles fed or parsed but not yet stored.
        self.pending: set[str] = set()
        #: Parsed articles waiting to be stored, with their quotes and content hashes.
        self.batch: list[tuple[Article, list[Quote], str]] = []

    def run(self, items: Iterable[Union[Article, InputError]]) -> RunStats:
        """Parse and store the new articles of ``items``; return the counts."""
        source = _Watched(self._new_articles(items))
        try:
            for quotes in self._parse(source):
                article, content_hash = self.fed.popleft()
                self.batch.append((article, quotes, content_hash))
                if len(self.batch) >= self.batch_size:
                    self._store_batch()
                self._report()
        except BaseException:
            # Ctrl-C, or an error that ends the run: what is parsed is kept all the same.
            if self.batch:
                try:
                    self._store_batch()
                except Exception as exc:  # the store itself failing: the first error counts
                    log.error(
                        "could not store the last %d parsed articles: %s", len(self.batch), exc
                    )
            raise
        if self.batch:
            self._store_batch()
        return RunStats(**self.counts)

    def _report(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done)

    def _new_articles(self, items: Iterable[Union[Article, InputError]]) -> Iterator[Article]:
        """The articles of ``items`` not stored yet, each put in :attr:`fed` as it is yielded."""
        for item in items:
            if isinstance(item, InputError):
                self.counts["errors"] += 1
                if self.on_error is not None:
                    self.on_error(item)
                else:
                    log.warning("passing over a bad input: %s", item)
                self._report()
                continue
            if not isinstance(item, Article):
                raise InvalidInputError(
                    f"run_corpus takes Articles and InputErrors, not {type(item).__name__}"
                )
            self.counts["articles_seen"] += 1
            content_hash = content_id(item.text)
            if content_hash in self.pending or self.store.has(content_hash):
                log.debug("article %s: its text is already stored; skipped", item.id)
                self.counts["articles_skipped"] += 1
                self._report()
                continue
            self.pending.add(content_hash)
            self.fed.append((item, content_hash))
            yield item

    def _store_batch(self) -> None:
        stored = self.store.add_batch((article, quotes) for article, quotes, _ in self.batch)
        self.counts["articles_added"] += stored.articles
        self.counts["quotes_added"] += stored.quotes
        # An article not stored here was stored meanwhile by another process.
        self.counts["articles_skipped"] += len(self.batch) - stored.articles - len(stored.failed)
        self.pending.difference_update(content_hash for _, _, content_hash in self.batch)
        self.batch.clear()
        for article, exc in stored.failed:
            self._fail(InputError(f"article {article.id}: cannot be stored, set aside: {exc}"))

    def _fail(self, error: QuoteattrError) -> None:
        self.counts["articles_failed"] += 1
        if self.on_error is not None:
            self.on_error(error)
        else:
            log.error("set an article aside: %s", error)

    def _set_aside(self, article: Article, content_hash: str, exc: BaseException) -> None:
        """Count and report an article the extractor failed on; it is not stored."""
        self.pending.discard(content_hash)
        if isinstance(exc, ExtractionError):
            self._fail(exc)
        elif isinstance(exc, MemoryError):
            chars = f"{len(article.text):,}"
            self._fail(
                ExtractionError(
                    f"article {article.id}: out of memory ({chars} characters)", article.id
                )
            )
        else:
            self._fail(ExtractionError.on_article(article.id, exc))
        self._report()

    def _parse(self, source: _Watched[Article]) -> Iterator[list[Quote]]:
        """Yield the quotes of the articles in :attr:`fed` order, setting aside those that fail.

        The caller takes one article off :attr:`fed` for each list yielded. When the
        extractor fails, its batch is lost: the articles still in :attr:`fed` are parsed
        again one at a time, here, so that the one it fails on is known and set aside,
        and the others are yielded; then the rest of ``source`` goes on in batches.
        """
        while True:
            try:
                yield from self.extractor.pipe(
                    source, batch_size=self.batch_size, n_process=self.n_process
                )
                return
            except _RUN_ERRORS:
                raise
            except Exception as exc:
                if source.failed:
                    raise  # the input or the store failed, not the extractor
                # After a worker died, each article goes to a fresh worker of its own: if
                # one kills its worker again, only that one is set aside, and this process
                # lives.
                isolated = self.n_process > 1 and isinstance(exc, WorkerDiedError)
                log.warning(
                    "extraction failed in a batch (%s); parsing its articles one at a time", exc
                )
            yield from self._parse_one_by_one(n_process=2 if isolated else 1)

    def _parse_one_by_one(self, n_process: int) -> Iterator[list[Quote]]:
        """Yield the quotes of each article in :attr:`fed`, parsed alone; set aside those that fail."""
        for _ in range(len(self.fed)):
            article, content_hash = self.fed[0]
            try:
                quotes = next(
                    iter(self.extractor.pipe([article], batch_size=1, n_process=n_process))
                )
            except _RUN_ERRORS:
                raise
            except Exception as exc:
                self.fed.popleft()
                self._set_aside(article, content_hash, exc)
                continue
            yield quotes


_Item = TypeVar("_Item")


class _Watched(Generic[_Item]):
    """An iterator that remembers whether it raised (so its errors are told from others)."""

    def __init__(self, items: Iterator[_Item]) -> None:
        self._items = items
        self.failed = False

    def __iter__(self) -> _Watched[_Item]:
        return self

    def __next__(self) -> _Item:
        try:
            return next(self._items)
        except StopIteration:
            raise
        except BaseException:
            self.failed = True
            raise
