"""The ``quoteattr`` command line: a thin layer over the library.

quoteattr extract seeds/*.txt              # a readable listing
quoteattr extract seeds/ --format jsonl    # one JSON quote a line, for pipes
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
import time
from collections import deque
from pathlib import Path
from typing import (
    Any,
    Deque,
    Dict,
    Iterable,
    Iterator,
    List,
    Optional,
    Sequence,
    TextIO,
    Tuple,
    Union,
)

from . import __version__
from .corpus import QUOTE_RECORD_FIELDS, quote_record
from .errors import InputError, InvalidInputError, QuoteattrError, SerializationError
from .model import Article, Quote
from .pipeline import QuoteExtractor
from .reading import iter_articles

__all__ = ["main"]

#: The columns of ``extract --format csv``: the quote rows of the corpus exports, without
#: the article metadata, profile, entity label and cue offsets.
CSV_FIELDS = tuple(
    field
    for field in QUOTE_RECORD_FIELDS
    if field
    not in ("title", "outlet", "url", "published", "profile", "label", "cue_start", "cue_end")
)


def _csv_writer(out: TextIO) -> csv.DictWriter[str]:
    """A CSV writer of quote rows (see :func:`quoteattr.corpus.quote_record`), header written."""
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    return writer


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _write_table(article: Article, quotes: List[Quote], out: TextIO) -> None:
    title = f" — {article.title}" if article.title else ""
    out.write(f"{article.id}{title}\n")
    if not quotes:
        out.write("  (no quotes)\n\n")
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
        out.write(f"  {n:>2}. “{_shorten(q.text, 100)}”\n")
        out.write(
            f"      — {who}{cue}  ({q.kind.value}, {q.start}-{q.end}, confidence {q.confidence:.2f})\n"
        )
    out.write("\n")


def extract_articles(
    extractor: QuoteExtractor,
    items: Iterable[Union[Article, InputError]],
    failures: Optional[List[InputError]] = None,
) -> Iterator[Tuple[Article, List[Quote]]]:
    """Yield each good article with its quotes; report each bad input on stderr and go on.

    Bad inputs are also appended to ``failures`` when a list is given.
    """
    fed: Deque[Article] = deque()

    def good() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                if failures is not None:
                    failures.append(item)
                print(f"quoteattr: {item}", file=sys.stderr)
                continue
            fed.append(item)
            yield item

    for quotes in extractor.pipe(good()):
        yield fed.popleft(), quotes


def _extract(args: argparse.Namespace) -> int:
    extractor = QuoteExtractor(args.model, coref=not args.no_coref)
    out = sys.stdout
    fmt = args.format or ("table" if out.isatty() else "jsonl")
    writer = _csv_writer(out) if fmt == "csv" else None
    count = 0
    items = list_or_stream(args.files)
    pages: List[Tuple[Article, List[Quote]]] = []
    failures: List[InputError] = []
    for article, quotes in extract_articles(extractor, items, failures):
        count += 1
        if fmt == "html":
            pages.append((article, quotes))
        elif fmt == "table":
            _write_table(article, quotes, out)
        elif fmt == "jsonl":
            for q in quotes:
                out.write(q.to_json() + "\n")
        elif writer is not None:
            for q in quotes:
                writer.writerow(quote_record(q))
    if fmt == "html" and pages:
        from .render import render_many

        out.write(render_many(pages))
    bad = len(failures)
    if count == 0 and bad == 0:
        print("quoteattr: no articles found in the given paths", file=sys.stderr)
        return 1
    return 1 if bad else 0


def list_or_stream(paths: Sequence[str]) -> Iterator[Union[Article, InputError]]:
    """Articles from the given paths; "-" reads one article from standard input."""
    for path in paths:
        if path == "-":
            yield Article(sys.stdin.read(), id="stdin")
        else:
            yield from iter_articles([path])


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate

    extractor = QuoteExtractor(args.model, coref=not args.no_coref)
    result = evaluate(
        args.gold,
        extractor,
        max_errors=args.errors,
        attributed_only=args.attributed_only,
        speakers=args.speakers,
    )
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(result.report())
        if args.errors:
            print()
            for error in result.errors[: args.errors]:
                print(error)
    return 0


class _Progress:
    """A one-line progress report on stderr, shown only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.started = time.monotonic()

    def __call__(self, done: int) -> None:
        if not self.enabled:
            return
        elapsed = max(time.monotonic() - self.started, 1e-9)
        sys.stderr.write(f"\r{done} articles  {done / elapsed:.1f}/s  {elapsed:.0f}s ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def _run(args: argparse.Namespace) -> int:
    from .store import QuotePipe, QuoteStore, run_corpus

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
    progress = _Progress(not args.quiet)
    try:
        with QuoteStore(args.db) as store:
            stats = run_corpus(
                list_or_stream(args.corpus),
                store,
                extractor,
                batch_size=args.batch_size,
                on_error=lambda e: print(f"quoteattr: {e}", file=sys.stderr),
                progress=progress,
                n_process=args.workers,
            )
            progress.close()
            total_articles, total_quotes = store.count_articles(), store.count_quotes()
    finally:
        if client is not None:
            client.close()  # type: ignore[no-untyped-call]
    failed = f", {stats.articles_failed} set aside (quoteattr failed on them)"
    print(
        f"{stats.articles_added} articles added ({stats.quotes_added} quotes), "
        f"{stats.articles_skipped} already stored, {stats.errors} bad inputs"
        f"{failed if stats.articles_failed else ''}; "
        f"{args.db} now holds {total_articles} articles and {total_quotes} quotes",
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
            with QuoteStore(path) as store:
                for article, quotes in store.iter_pairs():
                    analysis.add(article, quotes)
    if files:
        extractor = QuoteExtractor(args.model, coref=not args.no_coref)
        for article, quotes in extract_articles(extractor, list_or_stream(files)):
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
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
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
    profiles = analysis.speakers()[: args.top] if args.top else analysis.speakers()
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt != "table":
        _write_rows([p.to_dict() for p in profiles], fmt, SPEAKER_FIELDS)
        return 0
    for n, p in enumerate(profiles, 1):
        cues = ", ".join(f"{lemma} ({count})" for lemma, count in p.cues[:5])
        print(f"{n:>3}. {p.name}  —  {p.quote_count} quotes in {len(p.article_ids)} articles")
        others = [a for a in p.aliases if a != p.name]
        if others:
            print(f"     also: {', '.join(others)}")
        if p.roles:
            print(f"     roles: {'; '.join(p.roles[:3])}")
        print(f"     articles: {', '.join(p.article_ids)}")
        if p.outlets:
            print(f"     outlets: {', '.join(p.outlets)}")
        if cues:
            print(f"     cues: {cues}")
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
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "jsonl":
        for q in quotes:
            sys.stdout.write(q.to_json() + "\n")
    elif fmt == "csv":
        writer = _csv_writer(sys.stdout)
        for q in quotes:
            writer.writerow(quote_record(q, analysis.profile_name(q)))
    else:
        for q in quotes:
            who = analysis.profile_name(q) or "unknown speaker"
            cue = f", {q.cue.text}" if q.cue else ""
            print(f"“{_shorten(q.text, 100)}”\n    — {who}{cue}  ({q.article.id}, {q.kind.value})")
    return 0


def _clusters(args: argparse.Namespace) -> int:
    analysis = _analysis(args)
    clusters = analysis.clusters(min_articles=args.min_articles)
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt != "table":
        _write_rows([c.to_dict() for c in clusters], fmt, CLUSTER_FIELDS)
        return 0
    for n, c in enumerate(clusters, 1):
        speakers = f" — {', '.join(c.speakers)}" if c.speakers else ""
        print(f"{n:>3}. “{_shorten(c.text, 100)}”{speakers}")
        print(f"     in {len(c.article_ids)} articles: {', '.join(c.article_ids)}")
        if c.outlets:
            print(f"     outlets: {', '.join(c.outlets)}")
    return 0


SPEAKER_FIELDS = (
    "name",
    "quote_count",
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


def _add_source_arguments(parser: argparse.ArgumentParser) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``quoteattr`` command."""
    parser = argparse.ArgumentParser(
        prog="quoteattr",
        description="Find the quotations in English news articles and say who said them.",
        epilog="Run 'quoteattr COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"quoteattr {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens on stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    ext = sub.add_parser(
        "extract",
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
    ext.set_defaults(run=_extract)
    ev = sub.add_parser(
        "evaluate",
        help="score quoteattr against gold quotes (JSON Lines)",
        description=(
            "Run quoteattr on gold documents and report precision, recall and F1 of quote "
            "content spans (exact, and overlapping by half the shorter span), by kind, with "
            "speaker and cue accuracy on matched quotes. The gold format: one JSON document a "
            "line with doc_id, text and quotes (start, end, type, speaker, speaker_start, "
            "speaker_end, cue, cue_start, cue_end)."
        ),
        epilog="Example: quoteattr evaluate ../shared/eval/polnear-dev.jsonl --errors 50",
    )
    ev.add_argument("gold", help="gold JSON Lines file")
    ev.add_argument(
        "--model", help="spaCy pipeline to use (default: the best English one installed)"
    )
    ev.add_argument("--no-coref", action="store_true", help="do not use the coreference model")
    ev.add_argument(
        "--errors", type=int, default=0, metavar="N", help="also list N errors to learn from"
    )
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
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
    run.add_argument("--batch-size", type=int, default=32, help="articles per commit (default 32)")
    run.add_argument(
        "--workers",
        type=int,
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
    run.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    run.set_defaults(run=_run)

    spk = sub.add_parser(
        "speakers",
        help="who is quoted, how often, where, with which verbs",
        description=(
            "List the speakers of a corpus, one per person across articles (aliases merged: "
            "spelling and hyphen variants, surnames, titles, resolved descriptions), with their "
            "quote counts, articles, outlets, roles and cues."
        ),
        epilog="Example: quoteattr speakers seeds/ --top 5",
    )
    _add_source_arguments(spk)
    spk.add_argument("--top", type=int, metavar="N", help="only the N most quoted speakers")
    spk.set_defaults(run=_speakers)

    qts = sub.add_parser(
        "quotes",
        help="the quotes of a corpus, optionally of one speaker",
        description="Print the quotes of a corpus (files, folders or a store), optionally of one speaker.",
        epilog="Example: quoteattr quotes --db quotes.sqlite --speaker Putin",
    )
    _add_source_arguments(qts)
    qts.add_argument("--speaker", metavar="NAME", help="only quotes of this speaker (any alias)")
    qts.set_defaults(run=_quotes)

    cls = sub.add_parser(
        "clusters",
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
        type=int,
        default=2,
        metavar="N",
        help="clusters carried by at least N articles (default 2)",
    )
    cls.set_defaults(run=_clusters)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="quoteattr: %(levelname)s: %(message)s",
    )
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
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
