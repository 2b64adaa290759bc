"""Time against size for the inputs that used to take time in the square of their length.

    python benchmarks/linear.py                     # 10k, 20k, 40k, 80k, 160k characters
    python benchmarks/linear.py --sizes 5000 10000 20000 --cases apostrophes html

Prints, for each case, the seconds it takes at each size (best of ``--repeat`` runs, or
of as many as half a second holds, after a warm-up) and ``t(last)/t(first)`` divided by
``last/first``: 1.0 is linear, 2.0 twice as slow as linear at the largest size. The cases:

- ``apostrophes``: ``'em 'em 'em ...`` on one line, through ``QuoteExtractor.extract``
  (the quotation-mark scanner looked at the rest of the line for each mark);
- ``quote run``: one run of ``"`` characters, through ``QuoteExtractor.extract`` (spaCy's
  tokenizer peels the marks off one at a time, searching the whole rest of the run each
  time; quoteattr's tokenizer cuts long runs into pieces);
- ``many quotes``: short quotes paragraph after paragraph (a named speaker, a pronoun, a
  quote with no cue of its own), through ``QuoteExtractor.extract``: about 3,000 quotes
  at 160k characters;
- ``html``: ``render_html`` of an article with one quote, speaker and cue every 50
  characters (made directly, not extracted);
- ``long article``: the seed articles joined and repeated to the size, through
  ``QuoteExtractor.extract`` with ``--chunk-size`` characters a chunk (default 10,000, so
  that the sizes span one to sixteen chunks; ``benchmarks/memory.py`` runs the default
  chunk size up to a million characters): time against length of ordinary news text,
  cut into more and more chunks.

The exit status is 1 if a case is more than ``--limit`` times slower than linear. Figures
depend on the machine and its load: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Sequence

import quoteattr
from quoteattr import Article, Cue, Quote, QuoteKind, Speaker, render_html

#: Sizes in characters, the first and last of which the ratio compares.
DEFAULT_SIZES = (10_000, 20_000, 40_000, 80_000, 160_000)
#: How many times slower than linear the largest size may be.
DEFAULT_LIMIT = 2.0
#: The cases, in the order they are printed.
CASES = ("apostrophes", "quote run", "many quotes", "html", "long article")
#: Characters a chunk in the ``long article`` case (``QuoteExtractor``'s ``chunk_size``).
DEFAULT_CHUNK_SIZE = 10_000
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
#: Seconds a case runs at one size at least: quick runs are repeated (the best counts).
MIN_TOTAL = 0.5

_SPEAKERS = ("Ann Lee", "Tom Diaz", "Maria Okafor")
_PARAGRAPHS = (
    "“We will vote on item {i} today,” {name} said. “It matters to Acme.”",
    "“Nobody has read item {i} yet,” she said.",
    "{name} told reporters that item {i} would pass. “We have the votes,” {name} said.",
)


def apostrophes(size: int) -> str:
    """``'em 'em 'em ...``: elided words, no quotation at all, on one line."""
    return ("'em " * (size // 4 + 1))[:size]


def quote_run(size: int) -> str:
    """One run of ``"`` characters."""
    return '"' * size


def many_quotes(size: int) -> str:
    """Short quotes in short paragraphs, three people speaking in turn."""
    paragraphs: List[str] = []
    length = 0
    while length < size:
        i = len(paragraphs)
        template = _PARAGRAPHS[i % len(_PARAGRAPHS)]
        name = _SPEAKERS[i // len(_PARAGRAPHS) % len(_SPEAKERS)]
        paragraph = template.format(i=i, name=name)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


def long_article(size: int) -> str:
    """The seed articles joined by blank lines and repeated to ``size`` characters."""
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    return ("\n\n".join([seeds] * (size // len(seeds) + 1)))[:size]


#: The unit of the ``html`` case: one quote, its speaker and its cue.
_HTML_UNIT = "“We will win the vote,” Ann Lee said on the steps. "
_HTML_QUOTE = (_HTML_UNIT.index("We"), _HTML_UNIT.index("”"))
_HTML_SPEAKER = (_HTML_UNIT.index("Ann"), _HTML_UNIT.index(" said"))
_HTML_CUE = (_HTML_UNIT.index("said"), _HTML_UNIT.index(" on"))


def html_article(size: int) -> tuple[Article, List[Quote]]:
    """An article of ``size`` characters with a quote, speaker and cue in every unit."""
    units = max(1, size // len(_HTML_UNIT))
    article = Article(_HTML_UNIT * units, id="linear")
    quotes = []
    for k in range(units):
        at = k * len(_HTML_UNIT)
        start, end = (at + x for x in _HTML_QUOTE)
        speaker_start, speaker_end = (at + x for x in _HTML_SPEAKER)
        cue_start, cue_end = (at + x for x in _HTML_CUE)
        quotes.append(
            Quote(
                article.text[start:end],
                start,
                end,
                QuoteKind.DIRECT,
                Speaker("Ann Lee", "Ann Lee", speaker_start, speaker_end),
                Cue("said", "say", cue_start, cue_end),
                article,
            )
        )
    return article, quotes


def best_time(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs (more, for a run quicker than :data:`MIN_TOTAL`), in
    seconds, each after a garbage collection."""
    times: List[float] = []
    while len(times) < repeat or sum(times) < MIN_TOTAL:
        gc.collect()
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def case_runs(
    extractor: quoteattr.QuoteExtractor, chunked: quoteattr.QuoteExtractor
) -> Dict[str, Callable[[int], Callable[[], object]]]:
    """For each case: given a size, the run to time (its input made beforehand); the
    ``long article`` case runs ``chunked``, the others ``extractor``."""

    def extracting(
        make: Callable[[int], str], by: quoteattr.QuoteExtractor = extractor
    ) -> Callable[[int], Callable[[], object]]:
        def at(size: int) -> Callable[[], object]:
            text = make(size)
            return lambda: by.extract(text)

        return at

    def rendering(size: int) -> Callable[[], object]:
        article, quotes = html_article(size)
        return lambda: render_html(article, quotes)

    return {
        "apostrophes": extracting(apostrophes),
        "quote run": extracting(quote_run),
        "many quotes": extracting(many_quotes),
        "html": rendering,
        "long article": extracting(long_article, chunked),
    }


def _k(size: int) -> str:
    """A size in thousands of characters: ``2.5k``."""
    return f"{size / 1000:g}k"


def slowdown(times: Sequence[float], sizes: Sequence[int]) -> float:
    """How many times slower than linear the last size is than the first."""
    return (times[-1] / times[0]) / (sizes[-1] / sizes[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the best counts")
    parser.add_argument("--limit", type=float, default=DEFAULT_LIMIT)
    parser.add_argument("--cases", nargs="+", choices=CASES, help="default: all")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the preferred one)")
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        help=f"characters a chunk in the long article case (default {DEFAULT_CHUNK_SIZE:,})",
    )
    args = parser.parse_args()

    extractor = quoteattr.QuoteExtractor(args.model, coref=False)
    extractor.extract("“Warm up,” Ann Lee said.")  # loads what loads lazily
    chunked = quoteattr.QuoteExtractor(extractor.nlp, coref=False, chunk_size=args.chunk_size)
    runs = case_runs(extractor, chunked)
    cases = args.cases or CASES
    sizes = sorted(args.sizes)
    print(
        f"load average {os.getloadavg()[0]:.2f}; seconds, best of {args.repeat} run(s) "
        f"(or of {MIN_TOTAL} s of runs)"
    )
    header = "".join(f"{_k(size):>9}" for size in sizes)
    print(f"{'case':14}{header}  t({_k(sizes[-1])})/t({_k(sizes[0])})/{sizes[-1] / sizes[0]:g}")
    over = False
    for name in cases:
        times = [best_time(runs[name](size), args.repeat) for size in sizes]
        ratio = slowdown(times, sizes)
        over = over or ratio > args.limit
        cells = "".join(f"{t:9.3f}" for t in times)
        print(f"{name:14}{cells}  {ratio:6.2f}{'  (over the limit)' if ratio > args.limit else ''}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
