"""The flat quote record: one row a quote, as CSV, Parquet and the store's table hold it.

:func:`quote_record` turns a :class:`~quoteattr.Quote` into a row whose keys are
:data:`QUOTE_RECORD_FIELDS`; :func:`quote_from_record` is its inverse. :func:`write_csv`
writes any such rows as CSV whose cells a spreadsheet cannot run as formulas.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from typing import IO, Any, Dict, Iterable, Iterator, Mapping, Optional, Sequence, Union

from quoteattr._quotes.model import Article, Quote
from quoteattr.errors import InvalidInputError

__all__ = [
    "FORMULA_STARTS",
    "QUOTE_RECORD_FIELDS",
    "PathOrFile",
    "csv_cell",
    "quote_from_record",
    "quote_record",
    "text_output",
    "write_csv",
]

#: A path to write to, or a text file open for writing.
PathOrFile = Union[str, "os.PathLike[str]", IO[str]]

#: The keys of :func:`quote_record`, in order: the columns of quote tables.
QUOTE_RECORD_FIELDS = (
    "article_id",
    "title",
    "outlet",
    "url",
    "published",
    "start",
    "end",
    "kind",
    "text",
    "profile",
    "speaker",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "resolution",
    "role",
    "label",
    "cue",
    "cue_lemma",
    "cue_start",
    "cue_end",
    "sentence_index",
    "paragraph_index",
    "confidence",
    "detection",
    "speaker_male_refs",
    "speaker_female_refs",
)


def quote_record(
    quote: Quote, profile: Optional[str] = None, article: Optional[Article] = None
) -> Dict[str, Any]:
    """Return a quote as one flat row (the columns of CSV and Parquet exports), ``None`` where empty.

    ``profile`` is the canonical name of its speaker across the corpus, if known;
    ``article`` the article whose metadata to use (default: the quote's own). The keys
    are :data:`QUOTE_RECORD_FIELDS`, in that order; :func:`quote_from_record` is the
    inverse.
    """
    s, c = quote.speaker, quote.cue
    article = article or quote.article
    return {
        "article_id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind.value,
        "text": quote.text,
        "profile": profile,
        "speaker": s.name if s else None,
        "speaker_mention": s.mention if s else None,
        "speaker_start": s.start if s else None,
        "speaker_end": s.end if s else None,
        "resolution": s.resolution.value if s else None,
        "role": s.role if s else None,
        "label": s.label if s else None,
        "cue": c.text if c else None,
        "cue_lemma": c.lemma if c else None,
        "cue_start": c.start if c else None,
        "cue_end": c.end if c else None,
        "sentence_index": quote.sentence_index,
        "paragraph_index": quote.paragraph_index,
        "confidence": quote.confidence,
        "detection": quote.detection.value if quote.detection else None,
        "speaker_male_refs": s.male_refs if s else None,
        "speaker_female_refs": s.female_refs if s else None,
    }


def quote_from_record(record: Mapping[str, Any], *, article: Optional[Article] = None) -> Quote:
    """Rebuild a quote from a row of :func:`quote_record` (its ``profile`` is not kept).

    The quote's article is ``article`` when given (it must hold the quote), else one
    with the row's metadata and no text.
    """
    row = dict(record)
    if article is None:
        article = Article.from_dict(
            {"id": row.get("article_id"), **{k: row.get(k) for k in _ARTICLE_KEYS}}
        )
    speaker = cue = None
    if row.get("speaker") is not None:
        speaker = {
            "name": row["speaker"],
            "mention": row.get("speaker_mention") or row["speaker"],
            "start": row.get("speaker_start"),
            "end": row.get("speaker_end"),
            "resolution": row.get("resolution"),
            "role": row.get("role"),
            "label": row.get("label"),
            "male_refs": row.get("speaker_male_refs"),
            "female_refs": row.get("speaker_female_refs"),
        }
    if row.get("cue") is not None:
        cue = {k: row.get(f"cue_{k}") for k in ("lemma", "start", "end")}
        cue["text"] = row["cue"]
    data = {k: row.get(k) for k in _QUOTE_KEYS}
    return Quote.from_dict({**data, "speaker": speaker, "cue": cue}, article=article)


_ARTICLE_KEYS = ("title", "outlet", "url", "published")
_QUOTE_KEYS = (
    "text",
    "start",
    "end",
    "kind",
    "sentence_index",
    "paragraph_index",
    "confidence",
    "detection",
)


#: What a spreadsheet takes for the start of a formula (tab and carriage return: what it
#: may drop before one). A text cell starting with one is written with a ``'`` before it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """Return ``value`` as a CSV cell: empty for ``None``, JSON for a list or a dict.

    A text cell that a spreadsheet would run as a formula gets a leading ``'``
    (OWASP's advice); numbers are left alone.
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@contextlib.contextmanager
def text_output(path_or_file: PathOrFile) -> Iterator[IO[str]]:
    """Yield ``path_or_file`` if it is a text file, else the file at that path, opened for writing."""
    if hasattr(path_or_file, "write"):
        yield path_or_file  # type: ignore[misc]
        return
    if not isinstance(path_or_file, (str, os.PathLike)):
        raise InvalidInputError(
            f"expected a path or a text file, not {type(path_or_file).__name__}"
        )
    with open(path_or_file, "w", encoding="utf-8", newline="") as out:
        yield out


def write_csv(
    path_or_file: PathOrFile, fields: Sequence[str], rows: Iterable[Mapping[str, Any]]
) -> int:
    """Write ``rows`` as CSV with a header of ``fields``; return the number of rows.

    Keys of a row that are not in ``fields`` are left out; cells are made by
    :func:`csv_cell`.
    """
    count = 0
    with text_output(path_or_file) as out:
        writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: csv_cell(row.get(k)) for k in fields})
            count += 1
    return count
