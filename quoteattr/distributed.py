"""Quote extraction on a Dask cluster: a bag of articles to a bag of quotes, or a corpus to a store.

Needs the ``dask`` extra (``pip install 'quoteattr[dask]'``). Each worker process
loads the spaCy pipeline once, the first time one of its tasks needs it, and keeps it
for every later partition with the same settings; nothing but article texts and quote
dicts travels over the network. The quote files are those of :mod:`quoteattr._io.quotefiles`,
one per partition of a bag; reading them back needs no Dask.

::

    import dask.bag as db
    from dask.distributed import Client
    from quoteattr.distributed import extract_bag, read_quotes_jsonl, write_quotes_jsonl

    client = Client("tcp://scheduler:8786")
    articles = db.read_text("corpus/*.jsonl").map(json.loads)   # dicts with "text", "id", ...
    paths = write_quotes_jsonl(extract_bag(articles), "quotes/")
    analysis = quoteattr.analyze(read_quotes_jsonl(paths))

A quote store is filled from a cluster with :class:`ClusterExtractor`, which has the
``pipe`` of :class:`~quoteattr.QuoteExtractor`: the articles are read, and checked
against the store, here; only new ones are sent, a few per task; their quotes come
back as dicts and are rebuilt against the articles held here::

    from quoteattr.distributed import ClusterExtractor, connect

    with QuoteStore("quotes.sqlite") as store:
        run_corpus(iter_articles(["corpus/"]), store, ClusterExtractor(connect("tcp://scheduler:8786")))

which is what ``quoteattr run corpus/ --db quotes.sqlite --dask tcp://scheduler:8786`` does.

Use ``threads_per_worker=1`` (one pipeline per process): the threads of one worker
share its pipeline and take turns with it.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from quoteattr._io import quotefiles
from quoteattr._io.quotefiles import is_url, jsonl_text, require
from quoteattr._parse.parallel import chunks, run_ahead
from quoteattr._quotes.model import Article, ArticleLike, Quote, as_article
from quoteattr.errors import ClusterError, InvalidInputError, QuoteattrError

if TYPE_CHECKING:
    import dask.bag
    import distributed

    from quoteattr._parse.extractor import QuoteExtractor

__all__ = [
    "ClusterExtractor",
    "connect",
    "extract_bag",
    "read_quotes_jsonl",
    "read_quotes_parquet",
    "worker_extractor",
    "write_quotes_jsonl",
    "write_quotes_parquet",
]

#: :func:`quoteattr.read_jsonl`, here beside the writer of its files.
read_quotes_jsonl = quotefiles.read_jsonl
#: :func:`quoteattr._io.quotefiles.read_parquet`, here beside the writer of its files.
read_quotes_parquet = quotefiles.read_parquet

PathLike = Union[str, "os.PathLike[str]"]

# One extractor per settings per process, loaded on first use in each Dask worker.
_EXTRACTORS: dict[tuple[Optional[str], bool], tuple[QuoteExtractor, threading.Lock]] = {}
_EXTRACTORS_LOCK = threading.Lock()


def _check_pipeline_name(nlp: object, caller: str) -> None:
    if nlp is not None and not isinstance(nlp, str):
        raise InvalidInputError(
            f"{caller} takes the name of a spaCy pipeline, which each worker loads, "
            f"not {type(nlp).__name__}"
        )


def worker_extractor(nlp: Optional[str] = None, *, coref: bool = True) -> QuoteExtractor:
    """Return this process's extractor for these settings, loading it the first time."""
    return _cached(nlp, coref)[0]


def _cached(nlp: Optional[str], coref: bool) -> tuple[QuoteExtractor, threading.Lock]:
    key = (nlp, coref)
    with _EXTRACTORS_LOCK:
        if key not in _EXTRACTORS:
            from quoteattr._parse.extractor import QuoteExtractor

            _EXTRACTORS[key] = (QuoteExtractor(nlp, coref=coref), threading.Lock())
        return _EXTRACTORS[key]


def _pipe_here(
    articles: Iterable[ArticleLike], nlp: Optional[str], coref: bool
) -> list[list[Quote]]:
    """The quotes of each article, by this process's extractor for these settings."""
    extractor, lock = _cached(nlp, coref)
    with lock:  # a spaCy pipeline is not meant to run in two threads at once
        return list(extractor.pipe(articles))


def _extract_partition(
    articles: Iterable[ArticleLike],
    nlp: Optional[str],
    coref: bool,
    include_article_text: bool,
) -> list[dict[str, Any]]:
    """A partition of :func:`extract_bag`: the quote dicts of its articles, in one list."""
    return [
        quote.to_dict(include_article_text=include_article_text)
        for quotes in _pipe_here(articles, nlp, coref)
        for quote in quotes
    ]


def _extract_task(
    articles: list[Article], nlp: Optional[str], coref: bool
) -> list[list[dict[str, Any]]]:
    """A task of :class:`ClusterExtractor`: the quote dicts of each article, without the article."""
    return [
        [_without_article(quote.to_dict()) for quote in quotes]
        for quotes in _pipe_here(articles, nlp, coref)
    ]


def _cancel(future: Any) -> None:
    future.cancel()


def _without_article(data: dict[str, Any]) -> dict[str, Any]:
    del data["article"]
    return data


def connect(address: str, *, timeout: float = 30.0) -> distributed.Client:
    """Return a Dask client of the scheduler at ``address`` (``tcp://host:8786``).

    Raises :class:`~quoteattr.errors.ClusterError` when the scheduler cannot be
    reached within ``timeout`` seconds.
    """
    require("distributed", "dask")
    from distributed import Client

    if not isinstance(address, str) or not address.strip():
        raise InvalidInputError(f"a scheduler address is a non-empty str, not {address!r}")
    try:
        return Client(address, timeout=timeout)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(
            f"could not reach the Dask scheduler at {address} within {timeout:g} s: {exc}"
        ) from exc


class ClusterExtractor:
    """Extracts quotes on a Dask cluster, with the ``extract``/``pipe`` of :class:`QuoteExtractor`.

    ``client`` is a ``distributed.Client`` (see :func:`connect`). Each worker process
    loads the pipeline named ``nlp`` (default: the preferred installed one) once, with
    coreference as ``coref`` says. :meth:`pipe` sends ``articles_per_task`` articles a
    task and keeps ``tasks_in_flight`` tasks running (default: two per worker thread),
    so it reads its input only that far ahead; its quotes come in the order of the
    articles, rebuilt against the articles given here. It can stand where a
    :class:`QuoteExtractor` does, as in :func:`~quoteattr.run_corpus`, and needs no
    spaCy pipeline in this process.
    """

    def __init__(
        self,
        client: distributed.Client,
        *,
        nlp: Optional[str] = None,
        coref: bool = True,
        articles_per_task: int = 8,
        tasks_in_flight: Optional[int] = None,
    ) -> None:
        require("distributed", "dask")
        _check_pipeline_name(nlp, "ClusterExtractor")
        for name, value in (
            ("articles_per_task", articles_per_task),
            ("tasks_in_flight", 1 if tasks_in_flight is None else tasks_in_flight),
        ):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InvalidInputError(f"{name} must be a positive int, got {value!r}")
        self.client = client
        self.nlp = nlp
        self.coref = bool(coref)
        self.articles_per_task = articles_per_task
        self.tasks_in_flight = tasks_in_flight

    def __repr__(self) -> str:
        return (
            f"ClusterExtractor(scheduler={getattr(self.client.scheduler, 'address', None)!r}, "
            f"nlp={self.nlp!r}, coref={self.coref})"
        )

    def extract(self, article: ArticleLike) -> list[Quote]:
        """Return the quotes of one article, extracted on the cluster."""
        return next(iter(self.pipe([article])))

    def pipe(
        self, articles: Iterable[ArticleLike], *, batch_size: int = 16, n_process: int = 1
    ) -> Iterator[list[Quote]]:
        """Yield the quotes of each article, in the order the articles come.

        ``batch_size`` is accepted for the sake of :class:`QuoteExtractor`'s signature
        (the tasks' size is ``articles_per_task``); ``n_process`` must stay 1: the
        cluster's workers are the processes.
        """
        if n_process != 1:
            raise InvalidInputError(
                "a ClusterExtractor parses on the cluster's workers; n_process is for "
                f"QuoteExtractor, got {n_process!r}"
            )
        limit = self.tasks_in_flight or max(
            2,
            2 * sum(self.client.nthreads().values()),  # type: ignore[no-untyped-call]
        )

        def submit(chunk: list[Article]) -> Any:
            return self.client.submit(_extract_task, chunk, self.nlp, self.coref, pure=False)

        tasks = chunks((as_article(a) for a in articles), self.articles_per_task)
        # Closed as soon as this generator is: the tasks still out are cancelled.
        with contextlib.closing(run_ahead(tasks, submit, limit, cancel=_cancel)) as ahead:
            for chunk, future in ahead:
                yield from self._collect(chunk, future)

    def _collect(self, chunk: list[Article], future: Any) -> Iterator[list[Quote]]:
        from concurrent.futures import CancelledError

        from distributed.scheduler import KilledWorker

        try:
            results: list[list[dict[str, Any]]] = future.result()
        except QuoteattrError:
            raise  # raised by quoteattr on the worker (a missing model, say): as it is
        except (KilledWorker, CancelledError, OSError, TimeoutError) as exc:
            raise ClusterError(
                f"the cluster lost a task of {len(chunk)} articles "
                f"(first: {chunk[0].id}): {type(exc).__name__}: {exc}"
            ) from exc
        for article, dicts in zip(chunk, results):
            yield [Quote.from_dict(data, article=article) for data in dicts]


def extract_bag(
    bag: dask.bag.Bag,
    *,
    nlp: Optional[str] = None,
    coref: bool = True,
    include_article_text: bool = False,
) -> dask.bag.Bag:
    """Return a bag of the quotes (as :meth:`Quote.to_dict` dicts) of a bag of articles.

    ``bag`` holds what :meth:`QuoteExtractor.pipe` takes: texts, :class:`Article`
    objects or article dicts. ``nlp`` is the *name* of a spaCy pipeline (default: the
    preferred installed one), loaded by each worker; ``coref`` is as for
    :class:`QuoteExtractor`. The quotes come in the order of their articles, each with
    its article's metadata, and its text too with ``include_article_text``.
    """
    require("dask.bag", "dask")
    _check_pipeline_name(nlp, "extract_bag")
    quotes: dask.bag.Bag = bag.map_partitions(  # type: ignore[no-untyped-call]
        _extract_partition, nlp, bool(coref), bool(include_article_text)
    )
    return quotes


def write_quotes_jsonl(quotes: dask.bag.Bag, directory: PathLike) -> list[str]:
    """Write a bag of quote dicts as JSON Lines, one file per partition; return the paths.

    The files are ``directory/0.jsonl``, ``1.jsonl``, ... in partition order, each
    line ending with a newline (so files can be concatenated); an empty partition
    gives an empty file. ``directory`` is a local folder, created if missing, or a URL
    that fsspec understands (``s3://bucket/quotes``, with s3fs installed), for a
    cluster whose workers share no file system. :func:`read_quotes_jsonl` reads them.
    """
    require("dask.bag", "dask")
    target = os.fspath(directory)
    if is_url(target):
        pattern = target.rstrip("/") + "/*.jsonl"
    else:
        Path(target).mkdir(parents=True, exist_ok=True)
        pattern = os.path.join(target, "*.jsonl")
    # One string per partition, every line ended: to_textfiles puts no newline after
    # the last item of a partition, and an empty partition then writes nothing.
    texts = quotes.map_partitions(_jsonl_text)  # type: ignore[no-untyped-call]
    paths: list[str] = texts.to_textfiles(pattern, encoding="utf-8")
    return paths


def _jsonl_text(quote_dicts: Iterable[dict[str, Any]]) -> list[str]:
    """A partition of quote dicts as one JSON Lines text (nothing for an empty partition)."""
    text = jsonl_text(quote_dicts)
    return [text] if text else []


def write_quotes_parquet(quotes: dask.bag.Bag, directory: PathLike) -> list[str]:
    """Write a bag of quote dicts as Parquet, one file per partition; return the paths.

    Needs the ``parquet`` extra (pyarrow). The files are ``directory/0.parquet``, ...
    in partition order, each written by :func:`quoteattr._io.quotefiles.write_parquet`: a
    table of the columns of :data:`~quoteattr.QUOTE_RECORD_FIELDS` (one flat
    row a quote, as in the CSV exports), for pandas, DuckDB, Spark and the like;
    :func:`read_quotes_parquet` reads them back as quotes. ``directory`` is a folder or
    a URL, as for :func:`write_quotes_jsonl`.
    """
    require("dask.bag", "dask")
    require("pyarrow.parquet", "parquet")
    import dask

    target = os.fspath(directory)
    if not is_url(target):
        Path(target).mkdir(parents=True, exist_ok=True)
    parts = quotes.to_delayed()  # type: ignore[no-untyped-call]
    paths = [f"{target.rstrip('/')}/{i}.parquet" for i in range(len(parts))]
    write = dask.delayed(quotefiles.write_parquet)  # type: ignore[attr-defined]
    dask.compute(*(write(part, path) for part, path in zip(parts, paths)))  # type: ignore[attr-defined,no-untyped-call]
    return paths
