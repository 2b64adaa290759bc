"""Quote extraction on a Dask cluster: a bag of articles in, a bag of quote dicts out.

Needs the ``dask`` extra (``pip install 'quoteattr[dask]'``). Each worker process
loads the spaCy pipeline once, the first time one of its tasks needs it, and keeps it
for every later partition with the same settings; nothing but article texts and quote
dicts travels over the network.

::

    import dask.bag as db
    from dask.distributed import Client
    from quoteattr.distributed import extract_bag, read_quotes_jsonl, write_quotes_jsonl

    client = Client("tcp://scheduler:8786")
    articles = db.read_text("corpus/*.jsonl").map(json.loads)   # dicts with "text", "id", ...
    paths = write_quotes_jsonl(extract_bag(articles), "quotes/")
    analysis = quoteattr.analyze(read_quotes_jsonl(paths))

Use ``threads_per_worker=1`` (one pipeline per process): the threads of one worker
share its pipeline and take turns with it.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from .errors import InvalidInputError, MissingDependencyError
from .model import Quote
from .pipeline import ArticleLike, QuoteExtractor

if TYPE_CHECKING:
    import dask.bag

__all__ = ["extract_bag", "read_quotes_jsonl", "worker_extractor", "write_quotes_jsonl"]

PathLike = Union[str, "os.PathLike[str]"]

# One extractor per settings per process, loaded on first use in each Dask worker.
_EXTRACTORS: Dict[Tuple[Optional[str], bool], Tuple[QuoteExtractor, threading.Lock]] = {}
_EXTRACTORS_LOCK = threading.Lock()


def _require_dask() -> None:
    try:
        import dask.bag  # noqa: F401
    except ImportError:
        raise MissingDependencyError(
            "quoteattr.distributed needs dask; run: pip install 'quoteattr[dask]'"
        ) from None


def worker_extractor(nlp: Optional[str] = None, *, coref: bool = True) -> QuoteExtractor:
    """Return this process's extractor for these settings, loading it the first time."""
    return _cached(nlp, coref)[0]


def _cached(nlp: Optional[str], coref: bool) -> Tuple[QuoteExtractor, threading.Lock]:
    key = (nlp, coref)
    with _EXTRACTORS_LOCK:
        if key not in _EXTRACTORS:
            _EXTRACTORS[key] = (QuoteExtractor(nlp, coref=coref), threading.Lock())
        return _EXTRACTORS[key]


def _extract_partition(
    articles: Iterable[ArticleLike],
    nlp: Optional[str],
    coref: bool,
    include_article_text: bool,
) -> List[Dict[str, Any]]:
    extractor, lock = _cached(nlp, coref)
    with lock:  # a spaCy pipeline is not meant to run in two threads at once
        return [
            quote.to_dict(include_article_text=include_article_text)
            for quotes in extractor.pipe(articles)
            for quote in quotes
        ]


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
    _require_dask()
    if nlp is not None and not isinstance(nlp, str):
        raise InvalidInputError(
            "extract_bag takes the name of a spaCy pipeline, which each worker loads, "
            f"not {type(nlp).__name__}"
        )
    quotes: dask.bag.Bag = bag.map_partitions(  # type: ignore[no-untyped-call]
        _extract_partition, nlp, bool(coref), bool(include_article_text)
    )
    return quotes


def write_quotes_jsonl(quotes: dask.bag.Bag, directory: PathLike) -> List[str]:
    """Write a bag of quote dicts as JSON Lines, one file per partition; return the paths.

    The files are ``directory/0.jsonl``, ``1.jsonl``, ... in partition order.
    """
    _require_dask()
    Path(directory).mkdir(parents=True, exist_ok=True)
    pattern = os.path.join(os.fspath(directory), "*.jsonl")
    lines = quotes.map(json.dumps, ensure_ascii=False)  # type: ignore[no-untyped-call]
    paths: List[str] = lines.to_textfiles(pattern, encoding="utf-8")
    return paths


def read_quotes_jsonl(paths: Union[PathLike, Iterable[PathLike]]) -> Iterator[Quote]:
    """Yield the quotes of JSON Lines files (a folder's ``*.jsonl`` files, in order).

    ``quoteattr.analyze(read_quotes_jsonl("quotes/"))`` analyses what
    :func:`write_quotes_jsonl` wrote.
    """
    if isinstance(paths, (str, os.PathLike)):
        root = Path(paths)
        files = (
            sorted(root.glob("*.jsonl"), key=lambda p: (len(p.stem), p.stem))
            if root.is_dir()
            else [root]
        )
    else:
        files = [Path(p) for p in paths]
    for path in files:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield Quote.from_json(line)
