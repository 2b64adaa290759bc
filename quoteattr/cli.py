"""The ``quoteattr`` command line: a thin layer over the library.

quoteattr extract seeds/*.txt              # a readable listing
quoteattr extract seeds/ --format jsonl    # one JSON quote a line, for pipes

Output is a table on a terminal and JSON Lines in a pipe (``--format`` chooses). Tables
show the control characters of article text (``^[`` for ESC) instead of passing them to
the terminal; CSV cells that a spreadsheet would run as a formula get a leading ``'``;
output the encoding of standard output cannot carry is escaped, never an error. A
progress bar goes to stderr while articles are parsed, when stderr is a terminal and
neither ``-q`` nor ``-v`` is given.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import csv
import io
import json
import logging
import re
import sys
from collections import deque
from pathlib import Path
from typing import (
    Any,
    Deque,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    TextIO,
    Tuple,
    Union,
)

from . import __version__
from .errors import InputError, InvalidInputError, QuoteattrError, SerializationError
from .model import Article, Quote
from .pipeline import QuoteExtractor
from .reading import (
    DEFAULT_MAX_CHARS,
    JSONL_SUFFIXES,
    decode_text,
    folder_files,
    iter_articles,
    too_long,
)
from .records import QUOTE_RECORD_FIELDS, quote_record

__all__ = ["main", "nonnegative_int", "positive_int"]

#: The columns of ``extract --format csv``: the quote rows of the corpus exports, without
#: the article metadata, profile, entity label and cue offsets.
CSV_FIELDS = tuple(
    field
    for field in QUOTE_RECORD_FIELDS
    if field
    not in ("title", "outlet", "url", "published", "profile", "label", "cue_start", "cue_end")
)


# -- output -------------------------------------------------------------------------------

#: What a spreadsheet takes for the start of a formula (tab and carriage return: what it
#: may drop before one). A text cell starting with one is written with a ``'`` before it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: ``'`` before a formula start (OWASP's advice).

    Numbers are left alone.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _CsvWriter:
    """A CSV writer, header written, whose text cells cannot run as spreadsheet formulas."""

    def __init__(self, out: TextIO, fields: Sequence[str]) -> None:
        self._writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
        self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        """Write one row; cells starting with a formula character get a leading ``'``."""
        self._writer.writerow({k: _csv_safe(v) for k, v in row.items()})


def _csv_writer(out: TextIO) -> _CsvWriter:
    """A CSV writer of quote rows (see :func:`quoteattr.records.quote_record`), header written."""
    return _CsvWriter(out, CSV_FIELDS)


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


def _visible(text: str) -> str:
    """``text`` safe to print on a terminal: its control characters shown, not obeyed.

    Tabs and newlines become spaces; other C0 controls and DEL are shown in caret
    notation (``^[`` for ESC, ``^G`` for BEL), C1 controls and bidirectional
    overrides as ``\\u009b``.
    """
    return _UNSHOWABLE.sub(_show, text)


def _line(out: TextIO, text: str) -> None:
    """Write one line of a table, control characters made visible (see :func:`_visible`)."""
    out.write(_visible(text) + "\n")


def _count(number: int, noun: str) -> str:
    """``1 article``, ``2 articles``: a count with its noun, singular for one."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _unicode_stdout() -> bool:
    """True if standard output's encoding can carry any text (UTF-8, UTF-16, ...)."""
    try:
        return codecs.lookup(getattr(sys.stdout, "encoding", None) or "utf-8").name.startswith(
            "utf"
        )
    except LookupError:
        return False


def _json_line(data: Any, ascii_only: bool) -> str:
    """One line of JSON Lines; all ASCII (``\\u`` escapes) for a narrow output encoding."""
    return json.dumps(data, ensure_ascii=ascii_only) + "\n"


def _tolerate_unencodable_output() -> None:
    """Let standard output and error escape what their encoding cannot carry.

    With ``PYTHONIOENCODING=ascii`` or a Latin-1 terminal, "“" is written ``\\u201c``
    instead of raising UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            with contextlib.suppress(AttributeError, ValueError, io.UnsupportedOperation):
                stream.reconfigure(errors="backslashreplace")


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or closed
        return False


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _write_table(article: Article, quotes: List[Quote], out: TextIO) -> None:
    title = f" — {article.title}" if article.title else ""
    _line(out, f"{article.id}{title}")
    if not quotes:
        _line(out, "  (no quotes)")
        out.write("\n")
        return
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
        _line(out, f"  {n:>2}. “{_shorten(q.text, 100)}”")
        _line(
            out,
            f"      — {who}{cue}  ({q.kind.value}, {q.start}-{q.end}, confidence {q.confidence:.2f})",
        )
    out.write("\n")


def extract_articles(
    extractor: QuoteExtractor,
    items: Iterable[Union[Article, InputError]],
    failures: Optional[List[InputError]] = None,
    *,
    progress: bool = True,
) -> Iterator[Tuple[Article, List[Quote]]]:
    """Yield each good article with its quotes; report each bad input on stderr and go on.

    Bad inputs are also appended to ``failures`` when a list is given. With
    ``progress``, a progress bar counts the inputs on stderr where :class:`_Progress`
    allows one (with a total when the items come from :func:`list_or_stream`).
    """
    fed: Deque[Article] = deque()
    bar = _Progress.over(items) if progress else _Progress(False)

    def good() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                if failures is not None:
                    failures.append(item)
                bar.note(f"quoteattr: {item}")
                bar.advance()
                continue
            fed.append(item)
            yield item

    with bar:
        for quotes in extractor.pipe(good()):
            bar.advance()
            yield fed.popleft(), quotes


def _extract(args: argparse.Namespace) -> int:
    items = list_or_stream(
        args.files, args.max_chars
    )  # bad standard input is refused before the model loads
    extractor = QuoteExtractor(args.model, coref=not args.no_coref)
    out = sys.stdout
    on_terminal = _isatty(out)
    fmt = args.format or ("table" if on_terminal else "jsonl")
    ascii_only = not _unicode_stdout()
    writer = _csv_writer(out) if fmt == "csv" else None
    count = 0
    pages: List[Tuple[Article, List[Quote]]] = []
    failures: List[InputError] = []
    # Quotes written to the terminal show how far it got; a bar would be drawn over them.
    for article, quotes in extract_articles(extractor, items, failures, progress=not on_terminal):
        count += 1
        if fmt == "html":
            pages.append((article, quotes))
        elif fmt == "table":
            _write_table(article, quotes, out)
        elif fmt == "jsonl":
            for q in quotes:
                out.write(_json_line(q.to_dict(), ascii_only))
        elif writer is not None:
            for q in quotes:
                writer.writerow(quote_record(q))
    if fmt == "html" and pages:
        from .render import render_many

        page = render_many(pages)
        if ascii_only:  # characters the output cannot carry as HTML references
            encoding = out.encoding
            page = page.encode(encoding, "xmlcharrefreplace").decode(encoding)
        out.write(page)
    bad = len(failures)
    if count == 0 and bad == 0:
        print("quoteattr: no articles found in the given paths", file=sys.stderr)
        return 1
    return 1 if bad else 0


def list_or_stream(
    paths: Sequence[str], max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Union[Article, InputError]]:
    """Articles from the given paths; "-" reads one article from standard input.

    Standard input is read at once, as UTF-8 whatever the locale says: input that is
    not UTF-8 text, or longer than ``max_chars`` characters, is an
    :class:`~quoteattr.errors.InputError` before any work starts.
    """
    return _Inputs(paths, max_chars)


def _read_stdin(max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """Standard input as one article (id ``stdin``), decoded as UTF-8."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream put in its place
        text = sys.stdin.read(max_chars + 1)
    else:
        data = buffer.read(max_chars * 4 + 1)  # UTF-8: at most 4 bytes a character
        if len(data) > max_chars * 4:
            raise too_long("standard input", "the text", max_chars)
        text = decode_text(data, "standard input")
    if len(text) > max_chars:
        raise too_long("standard input", f"the text of {len(text):,} characters", max_chars)
    return Article(text, id="stdin")


class _Inputs(Iterator[Union[Article, InputError]]):
    """The articles of the paths given on the command line, in order ("-": standard input)."""

    def __init__(self, paths: Sequence[str], max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.paths = list(paths)
        self.max_chars = max_chars
        self._stdin = _read_stdin(max_chars) if "-" in self.paths else None
        self._items = self._each()

    def __next__(self) -> Union[Article, InputError]:
        return next(self._items)

    def _each(self) -> Iterator[Union[Article, InputError]]:
        for path in self.paths:
            if path != "-":
                yield from iter_articles([path], max_chars=self.max_chars)
            elif self._stdin is not None:
                yield self._stdin
                self._stdin = None

    def count(self) -> int:
        """About how many inputs there are: files, lines of JSON Lines files, standard input.

        Reads the JSON Lines files once more to count their lines: cheap beside parsing.
        """
        total = 1 if "-" in self.paths else 0
        for path in self.paths:
            if path == "-":
                continue
            p = Path(path)
            files = folder_files(p) if p.is_dir() else [p] if p.is_file() else []
            total += sum(
                _jsonl_lines(f) if f.suffix.lower() in JSONL_SUFFIXES else 1 for f in files
            )
            total += 0 if p.exists() else 1  # reported as an error: an input too
        return total


def _jsonl_lines(path: Path) -> int:
    try:
        with path.open("rb") as lines:
            return sum(1 for line in lines if line.strip())
    except OSError:
        return 1


#: Whether the command running may show a progress bar (``main`` sets it from -q and -v).
_progress_allowed = True


class _Progress:
    """A progress bar of articles on stderr (tqdm), with a total and the time left if known.

    Shown only when stderr is a terminal and the command runs without ``-q`` (and
    without ``-v``, whose log lines would break it); otherwise every method does nothing
    but :meth:`note`, which prints its message.
    """

    def __init__(self, enabled: bool, total: Optional[int] = None, *, leave: bool = False) -> None:
        self._bar: Any = None
        if enabled and self.wanted():
            from tqdm import tqdm

            self._bar = tqdm(
                total=total, unit="article", file=sys.stderr, dynamic_ncols=True, leave=leave
            )

    @staticmethod
    def wanted() -> bool:
        """True if a progress bar may be shown now."""
        return _progress_allowed and _isatty(sys.stderr)

    @classmethod
    def over(cls, inputs: Iterable[Any], *, leave: bool = False) -> _Progress:
        """A progress bar over inputs, with their number as total if known (:class:`_Inputs`)."""
        if not cls.wanted():
            return cls(False)
        return cls(True, inputs.count() if isinstance(inputs, _Inputs) else None, leave=leave)

    def __call__(self, done: int) -> None:
        """Show ``done`` inputs dealt with (the ``progress`` of :func:`~quoteattr.run_corpus`)."""
        if self._bar is not None and done > self._bar.n:
            self._bar.update(done - self._bar.n)

    def advance(self, by: int = 1) -> None:
        """Show ``by`` more inputs dealt with."""
        if self._bar is not None:
            self._bar.update(by)

    def note(self, message: str) -> None:
        """Print a message on stderr, above the bar."""
        if self._bar is not None:
            self._bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        """Take the bar away (or leave its last state, with ``leave``)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Counted:
    """An extractor whose ``pipe`` moves a progress bar on by one for each article."""

    def __init__(self, extractor: QuoteExtractor, progress: _Progress) -> None:
        self._extractor = extractor
        self._progress = progress

    def pipe(self, articles: Iterable[Any], **options: Any) -> Iterator[List[Quote]]:
        """Yield the quotes of each article, as the extractor does."""
        for quotes in self._extractor.pipe(articles, **options):
            self._progress.advance()
            yield quotes


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, load_gold

    fmt = args.format or "table"
    if args.json:
        print("quoteattr: --json is deprecated; use --format json", file=sys.stderr)
        fmt = "json"
    documents = load_gold(args.gold)  # a bad gold file is named before the model loads
    extractor = QuoteExtractor(args.model, coref=not args.no_coref)
    with _Progress(True, len(documents)) as progress:
        result = evaluate(
            documents,
            _Counted(extractor, progress),
            max_errors=args.errors,
            attributed_only=args.attributed_only,
            speakers=args.speakers,
        )
    if fmt == "json":
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    out = sys.stdout
    for line in result.report().splitlines():
        _line(out, line)
    if args.errors:
        out.write("\n")
        for error in result.errors[: args.errors]:
            _line(out, str(error))
    return 0


def _run(args: argparse.Namespace) -> int:
    from .store import QuotePipe, QuoteStore, run_corpus

    inputs = list_or_stream(
        args.corpus, args.max_chars
    )  # bad standard input is refused before anything starts
    extractor: QuotePipe
    client = None
    if args.dask:
        if args.workers != 1:
            raise InvalidInputError(
                "--workers is for parsing on this machine; with --dask the cluster's "
                "workers parse (start them with as many processes as you want)"
            )
        from .distributed import ClusterExtractor, connect

        client = connect(args.dask)
        extractor = ClusterExtractor(client, nlp=args.model, coref=not args.no_coref)
    else:
        extractor = QuoteExtractor(args.model, coref=not args.no_coref)
    progress = _Progress.over(inputs, leave=True)
    try:
        with QuoteStore(args.db) as store:
            stats = run_corpus(
                inputs,
                store,
                extractor,
                batch_size=args.batch_size,
                on_error=lambda e: progress.note(f"quoteattr: {e}"),
                progress=progress,
                n_process=args.workers,
            )
            progress.close()
            total_articles, total_quotes = store.count_articles(), store.count_quotes()
    finally:
        progress.close()
        if client is not None:
            client.close()  # type: ignore[no-untyped-call]
    failed = stats.articles_failed
    aside = f", {failed} set aside (quoteattr failed on {'it' if failed == 1 else 'them'})"
    print(
        f"{_count(stats.articles_added, 'article')} added "
        f"({_count(stats.quotes_added, 'quote')}), "
        f"{stats.articles_skipped} already stored, {_count(stats.errors, 'bad input')}"
        f"{aside if failed else ''}; "
        f"{args.db} now holds {_count(total_articles, 'article')} and "
        f"{_count(total_quotes, 'quote')}",
        file=sys.stderr,
    )
    return 1 if stats.errors or stats.articles_failed else 0


def _analysis(args: argparse.Namespace) -> Any:
    """The corpus analysis of the command's sources: a store (--db or a .sqlite path) or files."""
    from .corpus import CorpusAnalysis

    if not (args.sources or args.db or args.quotes):
        raise InvalidInputError(
            "nothing to analyse: give articles (files, folders), a store (--db) or "
            "quotes already extracted (--quotes)"
        )
    analysis = CorpusAnalysis()
    stores = [p for p in args.sources if _is_store(p)]
    if args.db:
        stores.append(args.db)
    files = [p for p in args.sources if p not in stores]
    if stores:
        from .store import QuoteStore

        for path in stores:
            with QuoteStore(path, readonly=True) as store:
                for article, quotes in store.iter_pairs():
                    analysis.add(article, quotes)
    if files:
        extractor = QuoteExtractor(args.model, coref=not args.no_coref)
        for article, quotes in extract_articles(extractor, list_or_stream(files, args.max_chars)):
            analysis.add(article, quotes)
    for path in args.quotes:
        analysis.add_quotes(_read_quotes(path))
    return analysis


def _read_quotes(path: str) -> Iterator[Quote]:
    """The quotes of a JSON Lines file, or of a folder of JSON Lines or Parquet files."""
    from .distributed import read_quotes_jsonl, read_quotes_parquet

    target = Path(path)
    if not target.exists() and "://" not in path:
        raise InputError(f"{path}: no such file or folder")
    parquet = path.endswith(".parquet") or (target.is_dir() and any(target.glob("*.parquet")))
    try:
        yield from (read_quotes_parquet if parquet else read_quotes_jsonl)(path)
    except SerializationError as exc:
        raise InputError(f"{path}: not quotes written by quoteattr ({exc})") from exc


def _is_store(path: str) -> bool:
    return path.endswith((".sqlite", ".sqlite3", ".db"))


def _write_rows(rows: List[Dict[str, Any]], fmt: str, columns: Sequence[str]) -> None:
    out = sys.stdout
    if fmt == "jsonl":
        ascii_only = not _unicode_stdout()
        for row in rows:
            out.write(_json_line(row, ascii_only))
    elif fmt == "csv":
        writer = _CsvWriter(out, columns)
        for row in rows:
            writer.writerow({k: _flat(row.get(k)) for k in columns})


def _flat(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(
            _flat(v) if not isinstance(v, (list, tuple)) else ":".join(map(str, v)) for v in value
        )
    return "" if value is None else value


def _speakers(args: argparse.Namespace) -> int:
    analysis = _analysis(args)
    profiles = analysis.speakers()[: args.top] if args.top is not None else analysis.speakers()
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt != "table":
        _write_rows([p.to_dict() for p in profiles], fmt, SPEAKER_FIELDS)
        return 0
    out = sys.stdout
    for n, p in enumerate(profiles, 1):
        cues = ", ".join(f"{lemma} ({count})" for lemma, count in p.cues[:5])
        counts = f"{_count(p.quote_count, 'quote')} in {_count(len(p.article_ids), 'article')}"
        _line(out, f"{n:>3}. {p.name}  —  {counts}")
        others = [a for a in p.aliases if a != p.name]
        if others:
            _line(out, f"     also: {', '.join(others)}")
        if p.roles:
            _line(out, f"     roles: {'; '.join(p.roles[:3])}")
        _line(out, f"     articles: {', '.join(p.article_ids)}")
        if p.outlets:
            _line(out, f"     outlets: {', '.join(p.outlets)}")
        if cues:
            _line(out, f"     cues: {cues}")
    return 0


def _quotes(args: argparse.Namespace) -> int:
    analysis = _analysis(args)
    quotes = list(analysis.quotes())
    if args.speaker:
        wanted = {
            p.name
            for p in analysis.speakers()
            if args.speaker.casefold() in (a.casefold() for a in (p.name, *p.aliases))
        }
        quotes = [
            q
            for q in quotes
            if q.speaker is not None
            and (q.speaker.name in wanted or analysis.profile_name(q) in wanted)
        ]
    out = sys.stdout
    fmt = args.format or ("table" if _isatty(out) else "jsonl")
    if fmt == "jsonl":
        ascii_only = not _unicode_stdout()
        for q in quotes:
            out.write(_json_line(q.to_dict(), ascii_only))
    elif fmt == "csv":
        writer = _csv_writer(out)
        for q in quotes:
            writer.writerow(quote_record(q, analysis.profile_name(q)))
    else:
        for q in quotes:
            who = analysis.profile_name(q) or "unknown speaker"
            cue = f", {q.cue.text}" if q.cue else ""
            _line(out, f"“{_shorten(q.text, 100)}”")
            _line(out, f"    — {who}{cue}  ({q.article.id}, {q.kind.value})")
    return 0


def _clusters(args: argparse.Namespace) -> int:
    analysis = _analysis(args)
    clusters = analysis.clusters(min_articles=args.min_articles)
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt != "table":
        _write_rows([c.to_dict() for c in clusters], fmt, CLUSTER_FIELDS)
        return 0
    out = sys.stdout
    for n, c in enumerate(clusters, 1):
        speakers = f" — {', '.join(c.speakers)}" if c.speakers else ""
        _line(out, f"{n:>3}. “{_shorten(c.text, 100)}”{speakers}")
        _line(out, f"     in {_count(len(c.article_ids), 'article')}: {', '.join(c.article_ids)}")
        if c.outlets:
            _line(out, f"     outlets: {', '.join(c.outlets)}")
    return 0


SPEAKER_FIELDS = (
    "name",
    "quote_count",
    "fragment_count",
    "aliases",
    "roles",
    "article_ids",
    "outlets",
    "cues",
    "first_seen",
    "last_seen",
    "label",
)
CLUSTER_FIELDS = ("text", "article_ids", "outlets", "speakers", "quotes")


def _add_max_chars(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-chars",
        type=positive_int,
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=(
            f"longest article read, in characters (default {DEFAULT_MAX_CHARS:,}); a longer "
            "one is reported and passed over (docs/limits.rst)"
        ),
    )


def _add_source_arguments(parser: argparse.ArgumentParser) -> None:
    _add_max_chars(parser)
    parser.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="text or JSON Lines files, folders, or a quote store (.sqlite) made by 'quoteattr run'",
    )
    parser.add_argument("--db", help="read the quotes from this store (see 'quoteattr run')")
    parser.add_argument(
        "--quotes",
        action="append",
        default=[],
        metavar="PATH",
        help=(
            "read quotes already extracted, not articles: JSON Lines of quotes "
            "('quoteattr extract --format jsonl'), or the folders of JSON Lines or Parquet "
            "files written by quoteattr.distributed (repeatable)"
        ),
    )
    parser.add_argument(
        "--model", help="spaCy pipeline for files (default: the best English one installed)"
    )
    parser.add_argument("--no-coref", action="store_true", help="do not use the coreference model")
    parser.add_argument(
        "--format",
        choices=("table", "jsonl", "csv"),
        help="default: table on a terminal, jsonl in a pipe",
    )


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (``--top``, ``--batch-size``, ...)."""
    value = _whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive whole number, got {value}")
    return value


def nonnegative_int(text: str) -> int:
    """An argparse type: a whole number of at least 0 (``evaluate --errors``)."""
    value = _whole_number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {value}")
    return value


def _add_general_options(parser: argparse.ArgumentParser, default: Any) -> None:
    """-v and -q, on the command and on each subcommand (given before or after it)."""
    parser.add_argument(
        "-v", "--verbose", action="store_true", default=default, help="log what happens on stderr"
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="no progress bar on stderr (there is one only when stderr is a terminal)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``quoteattr`` command."""
    parser = argparse.ArgumentParser(
        prog="quoteattr",
        description="Find the quotations in English news articles and say who said them.",
        epilog="Run 'quoteattr COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"quoteattr {__version__}")
    _add_general_options(parser, False)
    # On the subcommands, the options are set only when given, so that "quoteattr -v
    # extract" is not undone by the subcommand's default.
    general = argparse.ArgumentParser(add_help=False)
    _add_general_options(general, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    ext = sub.add_parser(
        "extract",
        parents=[general],
        help="print the attributed quotes of articles",
        description=(
            "Print the attributed quotes of articles: text files (one article each, the first "
            "line taken as the title when it looks like one), JSON Lines files (one article a "
            "line with a 'text' field), folders of them, or '-' for standard input."
        ),
        epilog="Example: quoteattr extract seeds/*.txt",
    )
    ext.add_argument(
        "files", nargs="+", metavar="FILE", help="text or JSON Lines files, folders, or -"
    )
    ext.add_argument(
        "--format",
        choices=("table", "jsonl", "csv", "html"),
        help=(
            "output format (default: table on a terminal, jsonl in a pipe); html gives a page "
            "with each quote highlighted and its speaker and cue marked"
        ),
    )
    ext.add_argument(
        "--model", help="spaCy pipeline to use (default: the best English one installed)"
    )
    ext.add_argument(
        "--no-coref", action="store_true", help="do not resolve pronoun speakers by coreference"
    )
    _add_max_chars(ext)
    ext.set_defaults(run=_extract)
    ev = sub.add_parser(
        "evaluate",
        parents=[general],
        help="score quoteattr against gold quotes (JSON Lines)",
        description=(
            "Run quoteattr on gold documents and report precision, recall and F1 of quote "
            "content spans (exact, and overlapping by half the shorter span), by kind, with "
            "speaker and cue accuracy on matched quotes. The gold format: one JSON document a "
            "line with doc_id, text and quotes (start, end, type, speaker, speaker_start, "
            "speaker_end, cue, cue_start, cue_end)."
        ),
        epilog=(
            "Example: quoteattr evaluate tests/data/seeds_gold_documents.jsonl --errors 10 "
            "(the hand-annotated quotes of the seed articles, in a checkout of quoteattr)"
        ),
    )
    ev.add_argument("gold", help="gold JSON Lines file")
    ev.add_argument(
        "--model", help="spaCy pipeline to use (default: the best English one installed)"
    )
    ev.add_argument("--no-coref", action="store_true", help="do not use the coreference model")
    ev.add_argument(
        "--errors",
        type=nonnegative_int,
        default=0,
        metavar="N",
        help="also list N errors to learn from (table format)",
    )
    ev.add_argument(
        "--format",
        choices=("table", "json"),
        help="a readable table of the figures (default), or the figures as JSON",
    )
    ev.add_argument("--json", action="store_true", help="deprecated: use --format json")
    ev.add_argument(
        "--attributed-only",
        action="store_true",
        help="leave out quotes with neither speaker nor cue (scare quotes, titles)",
    )
    ev.add_argument(
        "--speakers",
        metavar="FILE",
        help=(
            "canonical speakers of the gold speaker mentions (JSON Lines: doc_id, "
            "speaker_start, speaker_end, kind, named, canonical, alternatives); adds "
            "canonical-speaker accuracy by mention kind"
        ),
    )
    ev.set_defaults(run=_evaluate)

    run = sub.add_parser(
        "run",
        parents=[general],
        help="extract the quotes of a corpus into a resumable SQLite store",
        description=(
            "Stream a corpus (text files, folders, JSON Lines) through quoteattr into a SQLite "
            "store, committing in batches. Articles already in the store (same text) are "
            "skipped, so a run that was killed or interrupted resumes where it stopped, with "
            "nothing lost and nothing stored twice."
        ),
        epilog="Example: quoteattr run corpus/ --db quotes.sqlite && quoteattr speakers --db quotes.sqlite",
    )
    run.add_argument(
        "corpus", nargs="+", metavar="CORPUS", help="text or JSON Lines files, or folders"
    )
    run.add_argument("--db", required=True, help="the SQLite store to write (created if missing)")
    run.add_argument(
        "--batch-size", type=positive_int, default=32, help="articles per commit (default 32)"
    )
    run.add_argument(
        "--workers",
        type=positive_int,
        default=1,
        metavar="N",
        help="parse in N worker processes (default 1: in this process)",
    )
    run.add_argument(
        "--dask",
        metavar="ADDRESS",
        help=(
            "parse on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
            "needs quoteattr[dask] here and on the workers. The store stays on this machine"
        ),
    )
    run.add_argument(
        "--model", help="spaCy pipeline to use (default: the best English one installed)"
    )
    run.add_argument("--no-coref", action="store_true", help="do not use the coreference model")
    _add_max_chars(run)
    run.set_defaults(run=_run)

    spk = sub.add_parser(
        "speakers",
        parents=[general],
        help="who is quoted, how often, where, with which verbs",
        description=(
            "List the speakers of a corpus, one per person across articles (aliases merged: "
            "spelling and hyphen variants, surnames, titles, resolved descriptions), with their "
            "quote counts, articles, outlets, roles and cues."
        ),
        epilog="Example: quoteattr speakers seeds/ --top 5",
    )
    _add_source_arguments(spk)
    spk.add_argument(
        "--top", type=positive_int, metavar="N", help="only the N most quoted speakers"
    )
    spk.set_defaults(run=_speakers)

    qts = sub.add_parser(
        "quotes",
        parents=[general],
        help="the quotes of a corpus, optionally of one speaker",
        description="Print the quotes of a corpus (files, folders or a store), optionally of one speaker.",
        epilog="Example: quoteattr quotes --db quotes.sqlite --speaker Putin",
    )
    _add_source_arguments(qts)
    qts.add_argument("--speaker", metavar="NAME", help="only quotes of this speaker (any alias)")
    qts.set_defaults(run=_quotes)

    cls = sub.add_parser(
        "clusters",
        parents=[general],
        help="the same quote carried by several articles",
        description=(
            "Group the quotes that several articles carry, despite punctuation, case and small "
            "wording differences or one quote containing the other."
        ),
        epilog="Example: quoteattr clusters seeds/",
    )
    _add_source_arguments(cls)
    cls.add_argument(
        "--min-articles",
        type=positive_int,
        default=2,
        metavar="N",
        help="clusters carried by at least N articles (default 2)",
    )
    cls.set_defaults(run=_clusters)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status."""
    global _progress_allowed
    _tolerate_unencodable_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="quoteattr: %(levelname)s: %(message)s",
    )
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    _progress_allowed = not (args.quiet or args.verbose)
    try:
        return int(args.run(args))
    except QuoteattrError as exc:
        # Every error quoteattr raises says what was wrong and what to do.
        print(f"quoteattr: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("quoteattr: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
