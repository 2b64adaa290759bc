"""Reading articles from files: plain text files, folders of them, and JSON Lines.

A text file becomes one :class:`~quoteattr.model.Article` whose id is the file name
without its extension and whose text is the whole file; its first line is taken as the
title when it looks like one (short, no sentence-final punctuation). A JSON Lines file
holds one article a line: ``text`` and optional ``id``, ``title``, ``outlet``, ``url``
and ``published``.

Files that are binary or not valid UTF-8 raise :class:`~quoteattr.errors.InputError`
naming the file (and the line, for JSON Lines).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Union

from .errors import InputError, QuoteattrError
from .model import Article

__all__ = ["guess_title", "iter_articles", "read_jsonl", "read_text_file"]

PathLike = Union[str, "os.PathLike[str]"]
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})


def guess_title(text: str) -> Optional[str]:
    """Return the first line of ``text`` if it looks like a headline, else None.

    >>> guess_title("Kim Vows Full Support for Putin\\n\\nNorth Korean leader ...")
    'Kim Vows Full Support for Putin'
    >>> guess_title("Kim said he would go. Then he left.") is None
    True
    """
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    if not first or len(first) > 200 or "\n" not in text.strip():
        return None
    if first[-1] in ".!;,:" or first.lower().startswith("by ") or _has_sentence_break(first):
        return None
    return first


_ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "jr",
        "sr",
        "gen",
        "gov",
        "sen",
        "rep",
        "prof",
        "lt",
        "col",
        "capt",
        "sgt",
        "vs",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
    ]
)


def _has_sentence_break(line: str) -> bool:
    """True if a full stop inside the line ends a sentence (not "Dr. Who", "U.S. Senate")."""
    for match in re.finditer(r"(\S+)\. ", line):
        if match.group(1).lower().rstrip(".") not in _ABBREVIATIONS and len(match.group(1)) > 1:
            return True
    return False


def _decode(data: bytes, path: PathLike) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{os.fspath(path)}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{os.fspath(path)}: not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None


def read_text_file(path: PathLike, *, outlet: Optional[str] = None) -> Article:
    """Read one UTF-8 text file as an article (id: the file name without extension)."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot be read: {exc.strerror or exc}") from None
    text = _decode(data, p)
    return Article(text, id=p.stem, title=guess_title(text), outlet=outlet)


def read_jsonl(path: PathLike) -> Iterator[Union[Article, InputError]]:
    """Yield the articles of a JSON Lines file; a bad line yields an :class:`InputError` instead.

    Yielding the error (rather than raising it) lets a run go on with the other lines.
    """
    p = Path(path)
    try:
        handle = p.open("rb")
    except OSError as exc:
        raise InputError(f"{p}: cannot be read: {exc.strerror or exc}") from None
    with handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig")
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise InputError("a record must be a JSON object")
                if not isinstance(record.get("text"), str):
                    raise InputError("a record needs a 'text' string")
                if record.get("id") is not None:
                    record["id"] = str(record["id"])
                yield Article.from_dict(record)
            except (UnicodeDecodeError, json.JSONDecodeError, QuoteattrError, TypeError) as exc:
                yield InputError(f"{p}:{number}: bad record: {exc}")


def iter_articles(paths: Iterable[PathLike]) -> Iterator[Union[Article, InputError]]:
    """Yield the articles of files and folders (recursively), or an error for each bad input.

    Text files and JSON Lines files are recognised by extension; folders are walked in
    sorted order, taking ``.txt`` and ``.jsonl`` files.
    """
    for path in paths:
        p = Path(path)
        if p.is_dir():
            files: List[Path] = sorted(
                f
                for f in p.rglob("*")
                if f.is_file() and f.suffix.lower() in (".txt", *JSONL_SUFFIXES)
            )
        elif p.exists():
            files = [p]
        else:
            yield InputError(f"{p}: no such file or folder")
            continue
        for f in files:
            try:
                if f.suffix.lower() in JSONL_SUFFIXES:
                    yield from read_jsonl(f)
                else:
                    yield read_text_file(f)
            except InputError as exc:
                yield exc
