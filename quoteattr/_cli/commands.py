"""The commands of the ``quoteattr`` command line, one function each.

Each takes the parsed arguments and returns the exit status. The modules that need
spaCy are imported only by the commands that parse articles: ``speakers``, ``quotes``
and ``clusters`` of a store or of quotes already extracted never load it. Speaker,
cluster and quote tables come from :class:`~quoteattr.CorpusAnalysis`: its
:meth:`~quoteattr.CorpusAnalysis.records` for tables and JSON Lines, its
:meth:`~quoteattr.CorpusAnalysis.write_csv` (or the same rows, some left out) for CSV.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Optional

from quoteattr._cli.inputs import Counted, Progress, extract_articles, list_or_stream
from quoteattr._cli.output import (
    count,
    is_terminal,
    output_format,
    write_article_table,
    write_cluster_table,
    write_html,
    write_jsonl,
    write_lines,
    write_page,
    write_quote_table,
    write_speaker_table,
)
from quoteattr._quotes.records import QUOTE_RECORD_FIELDS, quote_record, write_csv
from quoteattr.errors import InputError, InvalidInputError

if TYPE_CHECKING:
    from quoteattr._corpus.analysis import CorpusAnalysis, Table
    from quoteattr._io.runner import QuotePipe
    from quoteattr._parse.extractor import QuoteExtractor
    from quoteattr._quotes.model import Article, Quote

__all__ = [
    "clusters",
    "evaluate",
    "extract",
    "new_extractor",
    "quotes",
    "report",
    "run",
    "speakers",
]

#: The columns of ``extract --format csv``: the quote rows of the corpus exports, without
#: the article metadata, profile, entity label and cue offsets.
EXTRACT_FIELDS = tuple(
    field
    for field in QUOTE_RECORD_FIELDS
    if field
    not in ("title", "outlet", "url", "published", "profile", "label", "cue_start", "cue_end")
)

#: Rows of a table: what :meth:`CorpusAnalysis.records` returns.
Rows = list[dict[str, Any]]


def new_extractor(args: argparse.Namespace) -> QuoteExtractor:
    """The extractor of a command: ``--model``, with coreference unless ``--no-coref``."""
    from quoteattr._parse.extractor import QuoteExtractor

    return QuoteExtractor(args.model, coref=not args.no_coref)


# -- extract and evaluate ------------------------------------------------------------------


def extract(args: argparse.Namespace) -> int:
    """``quoteattr extract``: print the attributed quotes of articles."""
    items = list_or_stream(args.files, args.max_chars)  # bad standard input: refused first
    extractor = new_extractor(args)
    out = sys.stdout
    fmt = output_format(args.format)
    failures: list[InputError] = []
    found = 0

    # Quotes written to the terminal show how far it got; a bar would be drawn over them.
    progress = not is_terminal(out)

    def pairs() -> Iterator[tuple[Article, list[Quote]]]:
        nonlocal found
        for pair in extract_articles(extractor, items, failures, progress=progress):
            found += 1
            yield pair

    if fmt == "csv":
        write_csv(out, EXTRACT_FIELDS, (quote_record(q) for _, quotes in pairs() for q in quotes))
    elif fmt == "jsonl":
        write_jsonl(out, (q.to_dict() for _, quotes in pairs() for q in quotes))
    elif fmt == "table":
        for article, quotes in pairs():
            write_article_table(article, quotes, out)
    else:
        pages = list(pairs())
        if pages:
            write_html(out, pages)
    if found == 0 and not failures:
        print("quoteattr: no articles found in the given paths", file=sys.stderr)
        return 1
    return 1 if failures else 0


def evaluate(args: argparse.Namespace) -> int:
    """``quoteattr evaluate``: score quoteattr against gold quotes."""
    from quoteattr._eval.evaluate import evaluate as score
    from quoteattr._eval.evaluate import load_gold

    fmt = args.format or "table"
    if args.json:
        print("quoteattr: --json is deprecated; use --format json", file=sys.stderr)
        fmt = "json"
    documents = load_gold(args.gold)  # a bad gold file is named before the model loads
    extractor = new_extractor(args)
    with Progress(True, len(documents)) as progress:
        result = score(
            documents,
            Counted(extractor, progress),
            max_errors=args.errors,
            attributed_only=args.attributed_only,
            speakers=args.speakers,
        )
    if fmt == "json":
        print(json.dumps(result.to_dict(), indent=2))
        return 0
    out = sys.stdout
    write_lines(out, result.report().splitlines())
    if args.errors:
        out.write("\n")
        write_lines(out, (str(error) for error in result.errors[: args.errors]))
    return 0


# -- run ---------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    """``quoteattr run``: extract the quotes of a corpus into a store."""
    from quoteattr._io.runner import run_corpus
    from quoteattr._io.store import QuoteStore

    inputs = list_or_stream(args.corpus, args.max_chars)  # bad standard input: refused first
    extractor: QuotePipe
    client = None
    if args.dask:
        if args.workers != 1:
            raise InvalidInputError(
                "--workers is for parsing on this machine; with --dask the cluster's "
                "workers parse (start them with as many processes as you want)"
            )
        from quoteattr.distributed import ClusterExtractor, connect

        client = connect(args.dask)
        extractor = ClusterExtractor(client, nlp=args.model, coref=not args.no_coref)
    else:
        extractor = new_extractor(args)
    progress = Progress.over(inputs, leave=True)
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
        f"{count(stats.articles_added, 'article')} added "
        f"({count(stats.quotes_added, 'quote')}), "
        f"{stats.articles_skipped} already stored, {count(stats.errors, 'bad input')}"
        f"{aside if failed else ''}; "
        f"{args.db} now holds {count(total_articles, 'article')} and "
        f"{count(total_quotes, 'quote')}",
        file=sys.stderr,
    )
    return 1 if stats.errors or stats.articles_failed else 0


# -- speakers, quotes, clusters ------------------------------------------------------------


def _analysis(args: argparse.Namespace) -> CorpusAnalysis:
    """The corpus analysis of the command's sources: stores (--db, .sqlite paths), files, quotes."""
    from quoteattr._corpus.analysis import CorpusAnalysis

    if not (args.sources or args.db or args.quotes):
        raise InvalidInputError(
            "nothing to analyse: give articles (files, folders), a store (--db) or "
            "quotes already extracted (--quotes)"
        )
    analysis = CorpusAnalysis()
    stores = [p for p in args.sources if p.endswith((".sqlite", ".sqlite3", ".db"))]
    if args.db:
        stores.append(args.db)
    files = [p for p in args.sources if p not in stores]
    if stores:
        from quoteattr._io.store import QuoteStore

        for path in stores:
            with QuoteStore(path, readonly=True) as store:
                for article, quotes in store.iter_pairs():
                    analysis.add(article, quotes)
    if files:
        pairs = extract_articles(new_extractor(args), list_or_stream(files, args.max_chars))
        for article, quotes in pairs:
            analysis.add(article, quotes)
    if args.quotes:
        from quoteattr._io.quotefiles import read_quotes

        for path in args.quotes:
            analysis.add_quotes(read_quotes(path))
    return analysis


def _write(
    analysis: CorpusAnalysis,
    what: Table,
    fmt: Optional[str],
    write_table: Callable[[Rows, Any], None],
    *,
    keep: Optional[Callable[[Rows], Rows]] = None,
    min_articles: int = 2,
) -> int:
    """Print a table of the analysis in the format asked for; ``keep`` picks its rows."""
    out = sys.stdout
    fmt = output_format(fmt)
    if fmt == "csv" and keep is None:
        analysis.write_csv(out, what, min_articles=min_articles)
        return 0
    rows = analysis.records(what, min_articles=min_articles, flat=fmt == "csv")
    rows = keep(rows) if keep is not None else rows
    if fmt == "csv":
        from quoteattr._corpus.analysis import TABLE_FIELDS

        write_csv(out, TABLE_FIELDS[what], rows)
    elif fmt == "jsonl":
        write_jsonl(out, rows)
    else:
        write_table(rows, out)
    return 0


def speakers(args: argparse.Namespace) -> int:
    """``quoteattr speakers``: who is quoted, how often, where, with which verbs."""
    if getattr(args, "by", None) == "gender":
        return _write_gender_summary(_analysis(args), args.format)
    keep = None if args.top is None else (lambda rows: rows[: args.top])
    return _write(_analysis(args), "speakers", args.format, write_speaker_table, keep=keep)


def _write_gender_summary(analysis: CorpusAnalysis, fmt: Optional[str]) -> int:
    """Print quotes and speakers by gender (``speakers --by gender``) as a table, JSON Lines or CSV."""
    from quoteattr._corpus.gender import GENDER_SUMMARY_FIELDS, gender_table_lines

    rows, fmt = analysis.gender_summary(), output_format(fmt)
    if fmt == "csv":
        write_csv(sys.stdout, GENDER_SUMMARY_FIELDS, rows)
    elif fmt == "jsonl":
        write_jsonl(sys.stdout, rows)
    else:
        write_lines(sys.stdout, gender_table_lines(rows))
    return 0


def quotes(args: argparse.Namespace) -> int:
    """``quoteattr quotes``: the quotes of a corpus, optionally of one speaker (any alias)."""
    analysis = _analysis(args)
    if not args.speaker:
        return _write(analysis, "quotes", args.format, write_quote_table)
    wanted = {
        p.name
        for p in analysis.speakers()
        if args.speaker.casefold() in (a.casefold() for a in (p.name, *p.aliases))
    }

    def said_by_wanted(row: dict[str, Any]) -> bool:
        speaker = row["speaker"]  # a dict in records, the name in flat records
        name = speaker["name"] if isinstance(speaker, dict) else speaker
        return name is not None and (name in wanted or row["profile"] in wanted)

    def keep(rows: Rows) -> Rows:
        return [row for row in rows if said_by_wanted(row)]

    return _write(analysis, "quotes", args.format, write_quote_table, keep=keep)


def clusters(args: argparse.Namespace) -> int:
    """``quoteattr clusters``: the same quote carried by several articles."""
    analysis = _analysis(args)
    return _write(
        analysis, "clusters", args.format, write_cluster_table, min_articles=args.min_articles
    )


def report(args: argparse.Namespace) -> int:
    """``quoteattr report``: one self-contained HTML page of charts and tables about a corpus."""
    from quoteattr._io.report import render_report
    from quoteattr._io.report_charts import require_matplotlib

    require_matplotlib()  # before any article is parsed
    analysis = _analysis(args)
    page = render_report(analysis, title=args.title, top=args.top)
    if args.output == "-":
        write_page(sys.stdout, page)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(page)
    except OSError as exc:
        raise InvalidInputError(
            f"{args.output}: cannot be written: {exc.strerror or exc}"
        ) from None
    print(
        f"quoteattr: wrote {args.output} ({count(len(analysis.articles()), 'article')}, "
        f"{count(len(analysis.quotes()), 'quote')})",
        file=sys.stderr,
    )
    return 0
