"""The ``quoteattr`` command line: a thin layer over the library.

quoteattr extract seeds/*.txt              # a readable listing
quoteattr extract seeds/ --format jsonl    # one JSON quote a line, for pipes

Output is a table on a terminal and JSON Lines in a pipe (``--format`` chooses). Tables
show the control characters of article text (``^[`` for ESC) instead of passing them to
the terminal; CSV cells that a spreadsheet would run as a formula get a leading ``'``;
output the encoding of standard output cannot carry is escaped, never an error. A
progress bar goes to stderr while articles are parsed, when stderr is a terminal and
neither ``-q`` nor ``-v`` is given.

This module holds the arguments and :func:`main` (the ``quoteattr`` console script);
the commands are in :mod:`quoteattr._cli.commands`, what they read in
:mod:`quoteattr._cli.inputs` and what they print in :mod:`quoteattr._cli.output`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any, Optional

from quoteattr import __version__
from quoteattr._cli import commands as cli_commands
from quoteattr._cli.inputs import allow_progress
from quoteattr._cli.output import tolerate_unencodable_output
from quoteattr._io.reading import DEFAULT_MAX_CHARS
from quoteattr.errors import QuoteattrError

__all__ = ["build_parser", "main", "nonnegative_int", "positive_int"]


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


def _add_model_options(
    parser: argparse.ArgumentParser,
    model: str = "spaCy pipeline to use (default: the best English one installed)",
    coref: str = "do not use the coreference model",
) -> None:
    parser.add_argument("--model", help=model)
    parser.add_argument("--no-coref", action="store_true", help=coref)


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


def _add_source_arguments(parser: argparse.ArgumentParser, *, formats: bool = True) -> None:
    """The sources of ``speakers``, ``quotes``, ``clusters`` and ``report``, and ``--format``."""
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
    _add_model_options(
        parser, model="spaCy pipeline for files (default: the best English one installed)"
    )
    if not formats:
        return
    parser.add_argument(
        "--format",
        choices=("table", "jsonl", "csv"),
        help="default: table on a terminal, jsonl in a pipe",
    )


#: The help of each command: its line in the list of commands, its description, and an
#: example.
_HELP: dict[str, tuple[str, str, str]] = {
    "extract": (
        "print the attributed quotes of articles",
        "Print the attributed quotes of articles: text files (one article each, the first "
        "line taken as the title when it looks like one), JSON Lines files (one article a "
        "line with a 'text' field), folders of them, or '-' for standard input.",
        "quoteattr extract seeds/*.txt",
    ),
    "evaluate": (
        "score quoteattr against gold quotes (JSON Lines)",
        "Run quoteattr on gold documents and report precision, recall and F1 of quote "
        "content spans (exact, and overlapping by half the shorter span), by kind, with "
        "speaker and cue accuracy on matched quotes. The gold format: one JSON document a "
        "line with doc_id, text and quotes (start, end, type, speaker, speaker_start, "
        "speaker_end, cue, cue_start, cue_end).",
        "quoteattr evaluate tests/data/seeds_gold_documents.jsonl --errors 10 "
        "(the hand-annotated quotes of the seed articles, in a checkout of quoteattr)",
    ),
    "run": (
        "extract the quotes of a corpus into a resumable SQLite store",
        "Stream a corpus (text files, folders, JSON Lines) through quoteattr into a SQLite "
        "store, committing in batches. Articles already in the store (same text) are "
        "skipped, so a run that was killed or interrupted resumes where it stopped, with "
        "nothing lost and nothing stored twice.",
        "quoteattr run corpus/ --db quotes.sqlite && quoteattr speakers --db quotes.sqlite",
    ),
    "speakers": (
        "who is quoted, how often, where, with which verbs",
        "List the speakers of a corpus, one per person across articles (aliases merged: "
        "spelling and hyphen variants, surnames, titles, resolved descriptions), with their "
        "quote counts, articles, outlets, roles and cues.",
        "quoteattr speakers seeds/ --top 5",
    ),
    "quotes": (
        "the quotes of a corpus, optionally of one speaker",
        "Print the quotes of a corpus (files, folders or a store), optionally of one speaker.",
        "quoteattr quotes --db quotes.sqlite --speaker Putin",
    ),
    "clusters": (
        "the same quote carried by several articles",
        "Group the quotes that several articles carry, despite punctuation, case and small "
        "wording differences or one quote containing the other.",
        "quoteattr clusters seeds/",
    ),
    "report": (
        "write one HTML page of charts and tables about a corpus",
        "Write a self-contained HTML page about a corpus: the most quoted speakers, their "
        "quotes over time (articles with dates), an outlet-by-speaker table, the gender "
        "share with unknown, and the quotes that drift or are attributed to different "
        "speakers. Charts are inline SVG; the page needs no network. Needs matplotlib: "
        "pip install 'quoteattr[report]'.",
        "quoteattr report seeds/ -o report.html",
    ),
}


def _command(
    sub: Any, name: str, run: Callable[[argparse.Namespace], int]
) -> argparse.ArgumentParser:
    """Add a subcommand with -v and -q, its help from :data:`_HELP`, run by ``run``."""
    summary, description, example = _HELP[name]
    general = argparse.ArgumentParser(add_help=False)
    # Set only when given, so that "quoteattr -v extract" is not undone by the default.
    _add_general_options(general, argparse.SUPPRESS)
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        parents=[general],
        help=summary,
        description=description,
        epilog=f"Example: {example}",
    )
    parser.set_defaults(run=run)
    return parser


def _add_extract(sub: Any) -> None:
    ext = _command(sub, "extract", cli_commands.extract)
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
    _add_model_options(ext, coref="do not resolve pronoun speakers by coreference")
    _add_max_chars(ext)


def _add_evaluate(sub: Any) -> None:
    ev = _command(sub, "evaluate", cli_commands.evaluate)
    ev.add_argument("gold", help="gold JSON Lines file")
    _add_model_options(ev)
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


def _add_run(sub: Any) -> None:
    run = _command(sub, "run", cli_commands.run)
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
    _add_model_options(run)
    _add_max_chars(run)


def _add_corpus_commands(sub: Any) -> None:
    """``speakers``, ``quotes`` and ``clusters``: tables of a corpus analysis."""
    spk = _command(sub, "speakers", cli_commands.speakers)
    _add_source_arguments(spk)
    spk.add_argument(
        "--top", type=positive_int, metavar="N", help="only the N most quoted speakers"
    )
    spk.add_argument(
        "--by",
        choices=["gender"],
        help="summarise instead: quotes and speakers by gender (male, female, unknown), "
        "from the articles' pronouns and titles, never from names",
    )
    qts = _command(sub, "quotes", cli_commands.quotes)
    _add_source_arguments(qts)
    qts.add_argument("--speaker", metavar="NAME", help="only quotes of this speaker (any alias)")
    cls = _command(sub, "clusters", cli_commands.clusters)
    _add_source_arguments(cls)
    cls.add_argument(
        "--min-articles",
        type=positive_int,
        default=2,
        metavar="N",
        help="clusters carried by at least N articles (default 2)",
    )


def _add_report(sub: Any) -> None:
    rep = _command(sub, "report", cli_commands.report)
    _add_source_arguments(rep, formats=False)
    rep.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE",
        help="the HTML file to write (default: standard output)",
    )
    rep.add_argument("--title", default="Corpus report", help="the page's title")
    rep.add_argument(
        "--top",
        type=positive_int,
        default=10,
        metavar="N",
        help="the N most quoted speakers in the charts and tables (default 10)",
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_extract(sub)
    _add_evaluate(sub)
    _add_run(sub)
    _add_corpus_commands(sub)
    _add_report(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status."""
    tolerate_unencodable_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="quoteattr: %(levelname)s: %(message)s",
    )
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    allow_progress(not (args.quiet or args.verbose))
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
