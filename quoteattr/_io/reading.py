"""Reading articles from files: plain text files, folders of them, and JSON Lines.

A text file becomes one :class:`~quoteattr.Article` whose id is the file name
without its extension and whose text is the whole file; its first line is taken as the
title when it looks like one (short, no sentence-final punctuation). A JSON Lines file
holds one article a line: ``text`` and optional ``id``, ``title``, ``outlet``, ``url``
and ``published``.

Files that are binary or not valid UTF-8 raise :class:`~quoteattr.errors.InputError`
naming the file (and the line, for JSON Lines). A JSON string may also hold a lone
surrogate escape (``"\ud800"``), which is valid JSON but no text: such characters are
repaired to U+FFFD (the replacement character, one for one, so offsets are kept) and a
warning names the record.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Optional, Union

from quoteattr._quotes.model import Article
from quoteattr.errors import InputError, InvalidInputError, QuoteattrError

__all__ = [
    "DEFAULT_MAX_CHARS",
    "FOLDER_SUFFIXES",
    "JSONL_SUFFIXES",
    "decode_text",
    "folder_files",
    "guess_title",
    "iter_articles",
    "read_jsonl",
    "read_text_file",
    "repair_text",
    "too_long",
]

log = logging.getLogger(__name__)

PathLike = Union[str, "os.PathLike[str]"]
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


def decode_text(data: bytes, path: PathLike) -> str:
    """Decode the bytes of a file (or of standard input, named by ``path``) as UTF-8 text.

    Raises :class:`InputError` naming ``path`` for binary data or bytes that are not UTF-8.
    """
    if b"\x00" in data[:8192]:
        raise InputError(f"{os.fspath(path)}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{os.fspath(path)}: not valid UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def repair_text(text: str) -> tuple[str, int]:
    r"""Return ``text`` with each lone surrogate replaced by U+FFFD, and how many there were.

    >>> repair_text("We are \ud800 ready") == ("We are \ufffd ready", 1)
    True
    """
    return _LONE_SURROGATE.subn("\ufffd", text)


def _repaired_record(record: dict[str, Any], where: str) -> dict[str, Any]:
    """The record with every string field repaired (see :func:`repair_text`)."""
    repaired: dict[str, Any] = {}
    count = 0
    for key, value in record.items():
        if isinstance(value, str):
            value, n = repair_text(value)
            count += n
        repaired[key] = value
    if count:
        log.warning("%s: replaced %d lone surrogate escape(s) with U+FFFD", where, count)
    return repaired


#: The default largest article read, in characters (``--max-chars``): beyond it, an
#: article is set aside with an :class:`~quoteattr.errors.InputError`. Parsing takes time
#: and memory in proportion (about a minute and under 1 GB for a million characters;
#: ``benchmarks/memory.py``), and news articles are far shorter.
DEFAULT_MAX_CHARS = 1_000_000
#: UTF-8 takes at most this many bytes a character.
_MAX_BYTES_PER_CHAR = 4
#: Suffixes of the files a folder is read for (a file named on its own is read whatever
#: its suffix: as JSON Lines if it ends in one of JSONL_SUFFIXES, else as text).
FOLDER_SUFFIXES = frozenset({".txt", ".text", ".md", *JSONL_SUFFIXES})


def too_long(where: str, size: str, max_chars: int) -> InputError:
    """The error for an article over the size limit: ``where`` it is and ``size``, what is too long."""
    return InputError(
        f"{where}: {size} is longer than the maximum article of {max_chars:,} characters; "
        "set aside (raise the limit with --max-chars)"
    )


def _check_max_chars(max_chars: int) -> None:
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or max_chars < 1:
        raise InvalidInputError(f"max_chars must be a positive int, got {max_chars!r}")


def read_text_file(
    path: PathLike,
    *,
    outlet: Optional[str] = None,
    article_id: Optional[str] = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """Read one UTF-8 text file as an article (id: ``article_id``, or the file name without extension).

    A file of more than ``max_chars`` characters raises :class:`InputError` without being
    read whole (``/dev/zero`` included).
    """
    _check_max_chars(max_chars)
    p = Path(path)
    limit = max_chars * _MAX_BYTES_PER_CHAR
    try:
        with p.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise too_long(str(p), "the file", max_chars)
    text = decode_text(data, p)
    if len(text) > max_chars:
        raise too_long(str(p), f"the text of {len(text):,} characters", max_chars)
    return Article(text, id=article_id or p.stem, title=guess_title(text), outlet=outlet)


def read_jsonl(
    path: PathLike, *, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Union[Article, InputError]]:
    """Yield the articles of a JSON Lines file; a bad line yields an :class:`InputError` instead.

    Yielding the error (rather than raising it) lets a run go on with the other lines. A
    record whose text is longer than ``max_chars`` characters is such an error; a line
    too long to hold a text of that size is not read whole.
    """
    _check_max_chars(max_chars)
    p = Path(path)
    # The longest line that can hold max_chars characters, escaped (\uXXXX: 6 bytes),
    # with room for the other fields.
    line_limit = max_chars * 6 + 1_000_000
    try:
        handle = p.open("rb")
    except OSError as exc:
        raise InputError(f"{p}: cannot be read: {exc.strerror or exc}") from None
    with handle:
        number = 0
        while True:
            raw = handle.readline(line_limit + 1)
            if not raw:
                return
            number += 1
            if len(raw) > line_limit and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the line, a piece at a time
                yield too_long(f"{p}:{number}", "the record", max_chars)
                continue
            if not raw.strip():
                continue
            try:
                article = _record_article(raw, f"{p}:{number}", max_chars)
            except (UnicodeDecodeError, json.JSONDecodeError, QuoteattrError, TypeError) as exc:
                article = InputError(f"{p}:{number}: bad record: {exc}")
            yield article


def _record_article(raw: bytes, where: str, max_chars: int) -> Union[Article, InputError]:
    """The article of one JSON Lines record; the error, for a text longer than ``max_chars``."""
    record = json.loads(raw.decode("utf-8-sig"))
    if not isinstance(record, dict):
        raise InputError("a record must be a JSON object")
    if not isinstance(record.get("text"), str):
        raise InputError("a record needs a 'text' string")
    if len(record["text"]) > max_chars:
        return too_long(where, f"the text of {len(record['text']):,} characters", max_chars)
    if record.get("id") is not None:
        record["id"] = str(record["id"])
    return Article.from_dict(_repaired_record(record, where))


def iter_articles(
    paths: Iterable[PathLike], *, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Union[Article, InputError]]:
    """Yield the articles of files and folders (recursively), or an error for each bad input.

    A file named on its own is read as JSON Lines if its name ends in ``.jsonl`` or
    ``.ndjson``, else as text. A folder is walked in sorted order for ``.txt``,
    ``.text``, ``.md``, ``.jsonl`` and ``.ndjson`` files; the id of a text file found in
    a folder is its path from that folder without the extension (``politics/story`` for
    ``corpus/politics/story.txt``), so files of one name in two subfolders stay two
    articles. A subfolder or file that cannot be read, and a link to nothing, yield an
    :class:`InputError`; other files, hidden ones (``.name``) and links to folders are
    passed over with a warning that counts them. Articles longer than ``max_chars`` characters yield an
    :class:`InputError` (:data:`DEFAULT_MAX_CHARS`).
    """
    _check_max_chars(max_chars)
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for item in _walk(p):
                if isinstance(item, InputError):
                    yield item
                else:
                    yield from _read_file(item, max_chars, root=p)
        elif p.exists():
            yield from _read_file(p, max_chars)
        elif p.is_symlink():
            yield InputError(f"{p}: a link to nothing ({os.readlink(p)})")
        else:
            yield InputError(f"{p}: no such file or folder")


def _read_file(
    path: Path, max_chars: int, root: Optional[Path] = None
) -> Iterator[Union[Article, InputError]]:
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(path, max_chars=max_chars)
        else:
            article_id = path.relative_to(root).with_suffix("").as_posix() if root else None
            yield read_text_file(path, article_id=article_id, max_chars=max_chars)
    except InputError as exc:
        yield exc


def folder_files(root: PathLike) -> list[Path]:
    """The files :func:`iter_articles` reads in the folder ``root``, in the order it reads them."""
    return _scan(Path(root))[0]


def _walk(root: Path) -> Iterator[Union[Path, InputError]]:
    """The files of a folder to read, in sorted order, and an error for each it cannot read."""
    found, errors, skipped = _scan(root)
    if skipped:
        log.warning(
            "%s: passed over %d file(s) and folder(s) that are hidden or not %s (first: %s)",
            root,
            len(skipped),
            "/".join(sorted(FOLDER_SUFFIXES)),
            skipped[0],
        )
    yield from errors
    yield from found


def _scan(root: Path) -> tuple[list[Path], list[InputError], list[str]]:
    """The files of a folder to read, the errors met, and what was passed over, each sorted."""
    errors: list[InputError] = []
    skipped: list[str] = []

    def unreadable(exc: OSError) -> None:
        errors.append(InputError(f"{exc.filename}: cannot be read: {exc.strerror or exc}"))

    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=unreadable):
        # Hidden folders, and links to folders (which could loop), are not walked.
        passed = [d for d in dirs if d.startswith(".") or os.path.islink(os.path.join(folder, d))]
        skipped.extend(os.path.join(folder, d) + "/" for d in passed)
        dirs[:] = sorted(d for d in dirs if d not in passed)
        for name in files:
            f = Path(folder, name)
            if name.startswith(".") or f.suffix.lower() not in FOLDER_SUFFIXES:
                skipped.append(str(f))
            elif not f.exists():
                errors.append(InputError(f"{f}: a link to nothing ({os.readlink(f)})"))
            else:
                found.append(f)
    return sorted(found), sorted(errors, key=str), sorted(skipped)
