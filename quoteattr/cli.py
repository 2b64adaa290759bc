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
from collections import deque
from typing import Deque, Iterable, Iterator, List, Optional, Sequence, TextIO, Tuple, Union

from . import __version__
from .errors import InputError, QuoteattrError
from .model import Article, Quote
from .pipeline import QuoteExtractor
from .reading import iter_articles

__all__ = ["main"]

CSV_FIELDS = (
    "article_id",
    "start",
    "end",
    "kind",
    "text",
    "speaker",
    "speaker_mention",
    "speaker_start",
    "speaker_end",
    "resolution",
    "role",
    "cue",
    "cue_lemma",
    "sentence_index",
    "paragraph_index",
    "confidence",
)


def _csv_row(quote: Quote) -> dict[str, object]:
    s, c = quote.speaker, quote.cue
    return {
        "article_id": quote.article.id,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind.value,
        "text": quote.text,
        "speaker": s.name if s else "",
        "speaker_mention": s.mention if s else "",
        "speaker_start": s.start if s and s.start is not None else "",
        "speaker_end": s.end if s and s.end is not None else "",
        "resolution": s.resolution.value if s else "",
        "role": (s.role or "") if s else "",
        "cue": c.text if c else "",
        "cue_lemma": c.lemma if c else "",
        "sentence_index": quote.sentence_index,
        "paragraph_index": quote.paragraph_index,
        "confidence": quote.confidence,
    }


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
    extractor: QuoteExtractor, items: Iterable[Union[Article, InputError]]
) -> Iterator[Tuple[Article, List[Quote]]]:
    """Yield each good article with its quotes; report each bad input on stderr and go on."""
    fed: Deque[Article] = deque()
    failures: List[InputError] = []

    def good() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                failures.append(item)
                print(f"quoteattr: {item}", file=sys.stderr)
                continue
            fed.append(item)
            yield item

    for quotes in extractor.pipe(good()):
        yield fed.popleft(), quotes
    extract_articles.failures = len(failures)  # type: ignore[attr-defined]


def _extract(args: argparse.Namespace) -> int:
    try:
        extractor = QuoteExtractor(args.model, coref=not args.no_coref)
    except QuoteattrError as exc:
        print(f"quoteattr: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    fmt = args.format or ("table" if out.isatty() else "jsonl")
    writer: Optional[csv.DictWriter[str]] = None
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
        writer.writeheader()
    bad = 0
    count = 0
    items = list_or_stream(args.files)
    pages: List[Tuple[Article, List[Quote]]] = []
    for article, quotes in extract_articles(extractor, items):
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
                writer.writerow(_csv_row(q))
    if fmt == "html" and pages:
        from .render import render_many

        out.write(render_many(pages))
    bad = getattr(extract_articles, "failures", 0)
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

    try:
        extractor = QuoteExtractor(args.model, coref=not args.no_coref)
        result = evaluate(
            args.gold, extractor, max_errors=args.errors, attributed_only=args.attributed_only
        )
    except QuoteattrError as exc:
        print(f"quoteattr: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(result.report())
        if args.errors:
            print()
            for error in result.errors[: args.errors]:
                print(error)
    return 0


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
    ev.set_defaults(run=_evaluate)
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
    except KeyboardInterrupt:
        print("quoteattr: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
