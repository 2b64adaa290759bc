"""What the command line prints: tables safe on a terminal, JSON Lines, HTML.

Tables show the control characters of article text (``^[`` for ESC) instead of passing
them to the terminal. Output that the encoding of standard output cannot carry is
escaped, never an error. CSV is written by :meth:`CorpusAnalysis.write_csv` and
:func:`quoteattr._quotes.records.write_csv`, not here.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, TextIO

if TYPE_CHECKING:
    from quoteattr._quotes.model import Article, Quote

__all__ = [
    "count",
    "is_terminal",
    "output_format",
    "tolerate_unencodable_output",
    "unicode_stdout",
    "write_article_table",
    "write_cluster_table",
    "write_html",
    "write_jsonl",
    "write_lines",
    "write_page",
    "write_quote_table",
    "write_speaker_table",
]

#: Characters a terminal obeys rather than shows: C0 and C1 control characters, DEL,
#: and the bidirectional embeddings, overrides and isolates that reorder a line.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _show(match: re.Match[str]) -> str:
    char = match.group()
    if char in "\t\n":
        return " "
    code = ord(char)
    if code < 0x20:
        return "^" + chr(code + 0x40)  # caret notation: ESC is ^[
    if code == 0x7F:
        return "^?"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` safe to print on a terminal: its control characters shown, not obeyed.

    Tabs and newlines become spaces; other C0 controls and DEL are shown in caret
    notation (``^[`` for ESC, ``^G`` for BEL), C1 controls and bidirectional
    overrides as ``\\u009b``.
    """
    return _UNSHOWABLE.sub(_show, text)


def write_lines(out: TextIO, lines: Iterable[str]) -> None:
    """Write lines of a table, control characters made visible (see :func:`visible`)."""
    for text in lines:
        out.write(visible(text) + "\n")


def count(number: int, noun: str) -> str:
    """``1 article``, ``2 articles``: a count with its noun, singular for one."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def is_terminal(stream: Any) -> bool:
    """True if ``stream`` is a terminal (False if it cannot say, or is closed)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


def output_format(chosen: Optional[str]) -> str:
    """The ``--format`` given, else a table on a terminal and JSON Lines in a pipe."""
    return chosen or ("table" if is_terminal(sys.stdout) else "jsonl")


def unicode_stdout() -> bool:
    """True if standard output's encoding can carry any text (UTF-8, UTF-16, ...)."""
    try:
        return codecs.lookup(getattr(sys.stdout, "encoding", None) or "utf-8").name.startswith(
            "utf"
        )
    except LookupError:
        return False


def tolerate_unencodable_output() -> None:
    """Let standard output and error escape what their encoding cannot carry.

    With ``PYTHONIOENCODING=ascii`` or a Latin-1 terminal, "“" is written ``\\u201c``
    instead of raising UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="backslashreplace")


def write_jsonl(out: TextIO, records: Iterable[Mapping[str, Any]]) -> None:
    """Write JSON Lines; all ASCII (``\\u`` escapes) when standard output is not Unicode."""
    ascii_only = not unicode_stdout()
    for record in records:
        out.write(json.dumps(record, ensure_ascii=ascii_only) + "\n")


def write_html(out: TextIO, pages: Sequence[tuple[Article, list[Quote]]]) -> None:
    """Write one HTML page of the articles, each quote highlighted (see :mod:`quoteattr._io.render`)."""
    from quoteattr._io.render import render_many

    write_page(out, render_many(pages))


def write_page(out: TextIO, page: str) -> None:
    """Write an HTML page; characters the output cannot carry become HTML references."""
    if not unicode_stdout():
        encoding = out.encoding
        page = page.encode(encoding, "xmlcharrefreplace").decode(encoding)
    out.write(page)


def write_article_table(article: Article, quotes: Sequence[Quote], out: TextIO) -> None:
    """Write the quotes of one article as a readable table, speaker and cue under each."""
    title = f" — {article.title}" if article.title else ""
    lines = [f"{article.id}{title}"]
    if not quotes:
        lines.append("  (no quotes)")
    for n, q in enumerate(quotes, 1):
        s = q.speaker
        if s is None:
            who = "unknown speaker"
        else:
            who = s.name
            if s.mention != s.name:
                who += f" (as “{_shorten(s.mention, 40)}”)"
            if s.resolution.value != "explicit":
                who += f" [{s.resolution.value}]"
        cue = f", {q.cue.text}" if q.cue else ""
        lines.append(f"  {n:>2}. “{_shorten(q.text, 100)}”")
        lines.append(
            f"      — {who}{cue}  ({q.kind.value}, {q.start}-{q.end}, confidence {q.confidence:.2f})"
        )
    write_lines(out, lines)
    out.write("\n")


def write_quote_table(rows: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """Write quotes of a corpus (:meth:`CorpusAnalysis.records`), each with its speaker's profile."""
    for q in rows:
        who = q["profile"] or "unknown speaker"
        cue = f", {q['cue']['text']}" if q["cue"] else ""
        write_lines(
            out,
            (
                f"“{_shorten(q['text'], 100)}”",
                f"    — {who}{cue}  ({q['article']['id']}, {q['kind']})",
            ),
        )


def write_speaker_table(rows: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """Write the speakers of a corpus (records), ranked: counts, aliases, roles, articles, cues."""
    for n, p in enumerate(rows, 1):
        counts = f"{count(p['quote_count'], 'quote')} in {count(len(p['article_ids']), 'article')}"
        others = [a for a in p["aliases"] if a != p["name"]]
        cues = ", ".join(f"{lemma} ({number})" for lemma, number in p["cues"][:5])
        lines = [f"{n:>3}. {p['name']}  —  {counts}"]
        lines += [f"     also: {', '.join(others)}"] if others else []
        lines += [f"     roles: {'; '.join(p['roles'][:3])}"] if p["roles"] else []
        lines.append(f"     articles: {', '.join(p['article_ids'])}")
        lines += [f"     outlets: {', '.join(p['outlets'])}"] if p["outlets"] else []
        lines += [f"     cues: {cues}"] if cues else []
        write_lines(out, lines)


def write_cluster_table(rows: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    """Write the quotes carried by several articles (records), with their speakers and articles."""
    for n, c in enumerate(rows, 1):
        speakers = f" — {', '.join(c['speakers'])}" if c["speakers"] else ""
        articles = f"in {count(len(c['article_ids']), 'article')}: {', '.join(c['article_ids'])}"
        lines = [f"{n:>3}. “{_shorten(c['text'], 100)}”{speakers}", f"     {articles}"]
        lines += [f"     outlets: {', '.join(c['outlets'])}"] if c["outlets"] else []
        write_lines(out, lines)
