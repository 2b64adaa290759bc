"""The process pool of :meth:`QuoteExtractor.pipe <quoteattr.QuoteExtractor.pipe>` with
``n_process`` > 1: tasks of a few articles, run ahead a bounded amount, in order.

Each worker process holds a copy of the extractor (forked where the platform allows) and
parses its tasks with one ``nlp.pipe`` call each. The input is read in the caller's
thread only as results come back, so it may be a stream far larger than memory. A worker
that dies (killed, or out of memory) breaks the pool: every task still out then fails
with :class:`~quoteattr.errors.WorkerDiedError`. Ctrl-C is left to the parent process.

:func:`run_ahead` and :func:`chunks` serve the Dask runner (:mod:`quoteattr.distributed`)
as well.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Optional, TypeVar

from quoteattr._quotes.model import Article, ArticleLike, Quote
from quoteattr.errors import QuoteattrError, WorkerDiedError

if TYPE_CHECKING:
    from quoteattr._parse.extractor import QuoteExtractor

__all__ = ["chunks", "pipe_in_processes", "run_ahead"]

#: How long, in seconds, a task still out is waited for when a multi-process run stops.
_DRAIN_SECONDS = 60.0

_T = TypeVar("_T")
_H = TypeVar("_H")


def pipe_in_processes(
    extractor: QuoteExtractor, articles: Iterable[ArticleLike], batch_size: int, n_process: int
) -> Iterator[list[Quote]]:
    """Yield the quotes of each article, in input order, parsed by ``n_process`` workers."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Each task is a few articles, parsed with one nlp.pipe call in the worker:
    # spaCy's batching pays there, and fewer, larger messages cross between processes.
    per_task = max(1, batch_size // 4)
    # At most two tasks per process are out at a time, and the input is read here,
    # in the caller's thread, only as they come back: ``articles`` may be a stream
    # far larger than memory. A worker that dies (killed, or out of memory) breaks
    # the pool: every task still out then fails with WorkerDiedError, at once.
    pool = ProcessPoolExecutor(
        n_process, mp_context=context, initializer=_init_worker, initargs=(extractor,)
    )

    def submit(task: list[ArticleLike]) -> Future[list[list[Quote]]]:
        return pool.submit(_pipe_in_worker, task)

    # Tasks still out when the caller stops (or a task raised) are cancelled if they
    # have not started, and waited for a while if they have.
    ahead = run_ahead(chunks(articles, per_task), submit, 2 * n_process, cancel=_cancel_or_wait)
    try:
        for task, future in ahead:
            try:
                results = future.result()
            except BrokenProcessPool:
                raise WorkerDiedError(
                    f"a worker process died while parsing {_describe(task)} (killed, "
                    "or out of memory)"
                ) from None
            yield from results
    finally:
        ahead.close()
        pool.shutdown(wait=True, cancel_futures=True)


def _cancel_or_wait(future: Future[Any]) -> None:
    """Cancel a task not yet started; wait a while for one that has."""
    if future.cancel():
        return
    with contextlib.suppress(FuturesTimeout, CancelledError):
        future.exception(timeout=_DRAIN_SECONDS)


def _describe(task: Sequence[ArticleLike]) -> str:
    """The articles of a task, for a message: their ids when they have them."""
    ids = [item.id if isinstance(item, Article) else None for item in task]
    named = [i for i in ids if i is not None]
    if len(named) == len(task):
        return f"article{'s' if len(named) > 1 else ''} {', '.join(named)}"
    return f"{len(task)} article{'s' if len(task) > 1 else ''}"


def run_ahead(
    tasks: Iterable[_T],
    submit: Callable[[_T], _H],
    limit: int,
    *,
    cancel: Optional[Callable[[_H], object]] = None,
) -> Generator[tuple[_T, _H], None, None]:
    """Submit tasks, at most ``limit`` of them out at a time; yield (task, handle), oldest first.

    The caller waits on each handle before it asks for the next, so ``tasks`` is read in
    the caller's thread and only ``limit`` tasks ahead of the results. Handles still out
    when the caller stops early are passed to ``cancel``.
    """
    running: deque[tuple[_T, _H]] = deque()
    try:
        for task in tasks:
            running.append((task, submit(task)))
            if len(running) >= limit:
                yield running.popleft()
        while running:
            yield running.popleft()
    finally:
        if cancel is not None:
            for _, handle in running:
                cancel(handle)


def chunks(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """Yield lists of ``size`` items (the last one maybe shorter)."""
    iterator = iter(items)
    while True:
        chunk = list(itertools.islice(iterator, size))
        if not chunk:
            return
        yield chunk


_WORKER: Optional[QuoteExtractor] = None


def _init_worker(extractor: QuoteExtractor) -> None:
    global _WORKER
    _WORKER = extractor
    # Ctrl-C is for the parent, which stops the pool; a worker does not die of it halfway.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pipe_in_worker(items: list[ArticleLike]) -> list[list[Quote]]:
    if _WORKER is None:  # pragma: no cover - the pool initializer always runs first
        raise QuoteattrError("worker process was not initialised")
    return list(_WORKER.pipe(items, batch_size=len(items)))
