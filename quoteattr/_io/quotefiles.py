"""Quote files: quotes written to and read from JSON Lines, CSV and Parquet files.

JSON Lines holds one quote a line, as :meth:`~quoteattr.Quote.to_dict` gives it (the
speaker, the cue and the article nested); CSV and Parquet hold the flat record of
:mod:`quoteattr._quotes.records`, one row a quote with the columns of
:data:`~quoteattr.QUOTE_RECORD_FIELDS`. The writers take quotes, or dicts as
:meth:`~quoteattr.Quote.to_dict` gives them, and write one file; the readers read a
file, a list of files, or a folder of partition files (``0.jsonl``, ``1.jsonl``, ...,
in their numeric order, as :mod:`quoteattr.distributed` writes them). A path may also
be a URL that fsspec understands (``s3://bucket/quotes``, with s3fs installed). CSV is
for spreadsheets; it is written, not read back.

Parquet needs the ``parquet`` extra (pyarrow); no format needs spaCy.

>>> import io
>>> from quoteattr import Article, Quote, QuoteKind
>>> article = Article("“Yes,” Ann Lee said.", id="a1")
>>> out = io.StringIO()
>>> write_jsonl([Quote("Yes,", 1, 5, QuoteKind.DIRECT, None, None, article)], out)
1
>>> [q.text for q in read_jsonl([io.StringIO(out.getvalue())])]
['Yes,']
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, Optional, Union

from quoteattr._quotes import records
from quoteattr._quotes.model import Quote
from quoteattr._quotes.records import QUOTE_RECORD_FIELDS, quote_from_record, quote_record
from quoteattr.errors import InputError, MissingDependencyError, SerializationError

__all__ = [
    "QuoteItem",
    "is_url",
    "jsonl_text",
    "read_jsonl",
    "read_parquet",
    "read_quotes",
    "require",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]

PathLike = Union[str, "os.PathLike[str]"]
#: Files to read: a file or folder (or URL), or a list of files, paths or open files.
Sources = Union[PathLike, Iterable[Union[PathLike, IO[Any]]]]
#: What the writers take: a quote, or a dict as :meth:`~quoteattr.Quote.to_dict` gives.
QuoteItem = Union[Quote, Mapping[str, Any]]
#: Gives the speaker's profile name of a quote (``CorpusAnalysis.profile_name``), for
#: the ``profile`` column of flat records.
ProfileOf = Callable[[Quote], Optional[str]]

#: The flat record's columns that hold whole numbers (Parquet's int64).
_INT_COLUMNS = frozenset(
    [
        "start",
        "end",
        "speaker_start",
        "speaker_end",
        "cue_start",
        "cue_end",
        "sentence_index",
        "paragraph_index",
        "speaker_male_refs",
        "speaker_female_refs",
    ]
)


def require(module: str, extra: str) -> None:
    """Raise :class:`~quoteattr.errors.MissingDependencyError` if ``module`` cannot be imported."""
    try:
        __import__(module)
    except ImportError:
        raise MissingDependencyError(
            f"this needs {module.split('.')[0]}; run: pip install 'quoteattr[{extra}]'"
        ) from None


def is_url(path: str) -> bool:
    """True for a URL (``s3://bucket/quotes``), read and written with fsspec."""
    return "://" in path


# -- writing ------------------------------------------------------------------------------


def jsonl_text(items: Iterable[QuoteItem]) -> str:
    """The JSON Lines text of quotes (or :meth:`~quoteattr.Quote.to_dict` dicts), every line ended."""
    return "".join(map(_json_line, items))


def _json_line(item: QuoteItem) -> str:
    data = item.to_dict() if isinstance(item, Quote) else dict(item)
    return json.dumps(data, ensure_ascii=False) + "\n"


def write_jsonl(items: Iterable[QuoteItem], target: Union[PathLike, IO[str]]) -> int:
    """Write quotes as JSON Lines to a path, a URL or a text file; return how many.

    A quote is written as :meth:`~quoteattr.Quote.to_dict` gives it (the article by its
    metadata); a dict is written as it is. Every line ends with a newline, so files can
    be concatenated; no quotes give an empty file.
    """
    count = 0
    with _open(target, "w") as out:
        for item in items:
            out.write(_json_line(item))
            count += 1
    return count


def write_csv(
    items: Iterable[QuoteItem],
    target: Union[PathLike, IO[str]],
    *,
    profile: Optional[ProfileOf] = None,
) -> int:
    """Write quotes as CSV flat records (spreadsheet-safe cells); return how many.

    ``profile`` gives each quote's profile name, for the ``profile`` column (empty without).
    """
    with _open(target, "w") as out:
        return records.write_csv(out, QUOTE_RECORD_FIELDS, _records(items, profile))


def write_parquet(
    items: Iterable[QuoteItem],
    target: Union[PathLike, IO[bytes]],
    *,
    profile: Optional[ProfileOf] = None,
) -> int:
    """Write quotes as one Parquet table of flat records to a path, a URL or a binary file.

    Needs the ``parquet`` extra (pyarrow). The columns are
    :data:`~quoteattr.QUOTE_RECORD_FIELDS`, typed (int64 offsets and indexes,
    float64 confidence, strings), for pandas, DuckDB, Spark and the like; ``profile`` is
    as for :func:`write_csv`. Returns the number of quotes.
    """
    require("pyarrow.parquet", "parquet")
    import pyarrow
    import pyarrow.parquet

    rows = list(_records(items, profile))
    table = pyarrow.Table.from_pylist(rows, schema=_parquet_schema())
    with _open(target, "wb") as out:
        pyarrow.parquet.write_table(table, out)
    return len(rows)


def _records(items: Iterable[QuoteItem], profile: Optional[ProfileOf]) -> Iterator[dict[str, Any]]:
    for item in items:
        quote = item if isinstance(item, Quote) else Quote.from_dict(item)
        yield quote_record(quote, profile(quote) if profile else None)


def _parquet_schema() -> Any:
    import pyarrow

    def column_type(name: str) -> Any:
        if name == "confidence":
            return pyarrow.float64()
        if name in _INT_COLUMNS:
            return pyarrow.int64()
        return pyarrow.string()

    return pyarrow.schema([(name, column_type(name)) for name in QUOTE_RECORD_FIELDS])


@contextlib.contextmanager
def _open(file: Union[PathLike, IO[Any]], mode: str) -> Iterator[IO[Any]]:
    """``file`` if it is open already, else the file at that path or URL, opened in ``mode``.

    Text is UTF-8, written with ``\n`` line ends.
    """
    if hasattr(file, "read") or hasattr(file, "write"):
        yield file  # type: ignore[misc]
        return
    path = os.fspath(file)
    text: dict[str, Any] = {}
    if "b" not in mode:
        text = {"encoding": "utf-8", "newline": "" if "w" in mode else None}
    if is_url(path):
        require("fsspec", "dask")
        import fsspec

        with fsspec.open(path, mode, **text) as opened:
            yield opened
    else:
        with open(path, mode, **text) as opened:
            yield opened


# -- reading ------------------------------------------------------------------------------


def read_jsonl(paths: Sources) -> Iterator[Quote]:
    """Yield the quotes of JSON Lines files (a folder's ``*.jsonl`` files, in order).

    ``quoteattr.analyze(read_jsonl("quotes/"))`` analyses what
    :func:`~quoteattr.distributed.write_quotes_jsonl` wrote. A URL
    (``s3://bucket/quotes``) is read with fsspec, which comes with dask.
    """
    for lines in _each_file(paths, ".jsonl", "rt"):
        for line in lines:
            if line.strip():
                yield Quote.from_json(line)


def read_parquet(paths: Sources) -> Iterator[Quote]:
    """Yield the quotes of Parquet files written by :func:`write_parquet`, in order.

    ``paths`` is a folder (its ``*.parquet`` files), a URL, a file or a list of files.
    """
    require("pyarrow.parquet", "parquet")
    import pyarrow.parquet

    for data in _each_file(paths, ".parquet", "rb"):
        for row in pyarrow.parquet.read_table(data).to_pylist():
            yield quote_from_record(row)


def read_quotes(path: PathLike) -> Iterator[Quote]:
    """Yield the quotes of a JSON Lines or Parquet file, or of a folder (or URL) of them.

    Parquet is read for a ``.parquet`` path or a folder holding ``*.parquet`` files;
    anything else is read as JSON Lines. A missing path, or a file that does not hold
    quotes written by quoteattr, raises :class:`~quoteattr.errors.InputError`.
    """
    name = os.fspath(path)
    target = Path(name)
    if not is_url(name) and not target.exists():
        raise InputError(f"{name}: no such file or folder")
    parquet = name.endswith(".parquet") or (target.is_dir() and any(target.glob("*.parquet")))
    try:
        yield from (read_parquet if parquet else read_jsonl)(name)
    except SerializationError as exc:
        raise InputError(f"{name}: not quotes written by quoteattr ({exc})") from exc


def _each_file(paths: Sources, suffix: str, mode: str) -> Iterator[IO[Any]]:
    """Each file, opened in turn: of a folder (its ``*suffix`` files), a URL, a file or a list."""
    names: list[Any]
    if isinstance(paths, (str, os.PathLike)):
        target = os.fspath(paths)
        if is_url(target):
            yield from _each_remote_file(target, suffix, mode)
            return
        root = Path(target)
        names = sorted(root.glob(f"*{suffix}"), key=_partition_order) if root.is_dir() else [root]
    else:
        names = list(paths)
    for name in names:
        with _open(name, mode) as opened:
            yield opened


def _each_remote_file(url: str, suffix: str, mode: str) -> Iterator[IO[Any]]:
    """Each ``*suffix`` file of the folder at ``url``, opened in turn, in partition order."""
    require("fsspec", "dask")
    import fsspec

    pattern = f"{url.rstrip('/')}/*{suffix}"
    files = fsspec.open_files(pattern, mode, encoding="utf-8" if "t" in mode else None)
    for remote in sorted(files, key=lambda f: _partition_order(f.path)):
        with remote as opened:
            yield opened


def _partition_order(path: Union[str, Path]) -> tuple[int, str]:
    """Sort key putting ``2.jsonl`` before ``10.jsonl``."""
    stem = Path(path).stem
    return (len(stem), stem)
