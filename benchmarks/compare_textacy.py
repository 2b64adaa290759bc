"""Direct quotes of quoteattr and of textacy's ``direct_quotations``, scored against gold.

    python benchmarks/compare_textacy.py                # ../shared/eval/polnear-dev.jsonl
    python benchmarks/compare_textacy.py GOLD.jsonl --model en_core_web_lg

Needs textacy (``pip install textacy``; a benchmark-only tool, not a dependency of
quoteattr) and a gold JSON Lines file in the format of :mod:`quoteattr._eval.evaluate`. Only
gold records of ``type == "direct"`` are scored, against:

- quoteattr: ``QuoteExtractor()`` (or ``--model``), its quotes of kind ``direct``; the
  speaker span is the mention's offsets (``quote.speaker.start``/``end``);
- textacy: ``textacy.extract.triples.direct_quotations`` on the bare pipeline
  (``spacy.load(model)``, the same model); the content is each triple's ``content``
  span without the quotation mark tokens at its ends (gold content includes the marks,
  quoteattr's does not, and the exact rule trims them from both sides anyway); the
  speaker span runs from the first to the last speaker token. textacy gives up on a
  document with an odd number of quotation marks (``ValueError``): such a document
  counts with no predictions, and the figures are also given for the documents it
  did not give up on.

Both are scored by :func:`quoteattr._eval.evaluate.score` itself: textacy's triples are
turned into :class:`~quoteattr.Quote` objects (kind ``direct``, the speaker's tokens
as the mention, the cue's as the cue), so the matching rule, the exact rule and the
speaker-span rule are the same for both tools.

Speed is one timed pass over the gold texts after a warm-up (parsing included), in
documents and words per second. Everything is deterministic.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, List, Optional, Sequence, Tuple

import spacy

import quoteattr
from quoteattr import Evaluation, load_gold, score
from quoteattr._eval.gold import GoldDocument
from quoteattr._parse.extractor import installed_pipelines
from quoteattr._quotes.model import Article, Cue, Quote, QuoteKind, Speaker

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT / ".." / "shared" / "eval" / "polnear-dev.jsonl"

#: Characters stripped from the ends of a textacy content span after its mark tokens.
_MARKS_AND_SPACE = " \t\n\r\u00a0\"'“”‘’«»„‚`"


@dataclass(frozen=True)
class Run:
    """What one tool predicted on every document, and how long it took."""

    name: str
    predictions: List[List[Quote]]
    seconds: float


def direct_gold(documents: Iterable[GoldDocument]) -> List[GoldDocument]:
    """The gold documents with their ``direct`` quotes only (documents without any are kept)."""
    return [
        GoldDocument(d.doc_id, d.text, tuple(q for q in d.quotes if q.type == "direct"))
        for d in documents
    ]


def from_triple(triple: Any, article: Article) -> Quote:
    """A textacy ``DQTriple`` as a direct :class:`Quote`, without the marks around its content."""
    content = triple.content
    first, last = 0, len(content)
    while first < last and content[first].is_quote:
        first += 1
    while last > first and content[last - 1].is_quote:
        last -= 1
    if first < last:
        start, end = content[first].idx, content[last - 1].idx + len(content[last - 1])
    else:
        start, end = content.start_char, content.end_char
    text = article.text
    while start < end and text[start] in _MARKS_AND_SPACE:
        start += 1
    while end > start and text[end - 1] in _MARKS_AND_SPACE:
        end -= 1
    return Quote(
        text=text[start:end],
        start=start,
        end=end,
        kind=QuoteKind.DIRECT,
        speaker=_speaker(triple.speaker, text),
        cue=_cue(triple.cue, text),
        article=article,
    )


def _offsets(tokens: Sequence[Any]) -> Tuple[int, int]:
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _speaker(tokens: Sequence[Any], text: str) -> Optional[Speaker]:
    if not tokens:
        return None
    start, end = _offsets(tokens)
    return Speaker(name=text[start:end], mention=text[start:end], start=start, end=end)


def _cue(tokens: Sequence[Any], text: str) -> Optional[Cue]:
    if not tokens:
        return None
    start, end = _offsets(tokens)
    return Cue(text=text[start:end], lemma=tokens[0].lemma_.lower(), start=start, end=end)


def run_quoteattr(gold: Sequence[GoldDocument], model: Optional[str]) -> Run:
    """quoteattr's direct quotes on the gold texts, timed."""
    extractor = quoteattr.QuoteExtractor(model) if model else quoteattr.QuoteExtractor()
    extractor.extract("“Warm up,” she said. He said it too.")  # loads the lazy parts
    articles = [Article(d.text, id=d.doc_id) for d in gold]
    started = time.perf_counter()
    found = list(extractor.pipe(articles))
    seconds = time.perf_counter() - started
    direct = [[q for q in quotes if q.kind is QuoteKind.DIRECT] for quotes in found]
    return Run("quoteattr", direct, seconds)


def run_textacy(
    gold: Sequence[GoldDocument], model: str, direct_quotations: Callable[[Any], Iterable[Any]]
) -> Tuple[Run, List[int]]:
    """textacy's direct quotes on the gold texts, timed; and the documents it gave up on."""
    nlp = spacy.load(model)
    list(direct_quotations(nlp("“Warm up, it is time,” she said.")))
    predictions: List[List[Quote]] = []
    failed: List[int] = []
    started = time.perf_counter()
    for i, (doc, g) in enumerate(zip(nlp.pipe(d.text for d in gold), gold)):
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # an odd number of quotation marks: textacy bails out
            failed.append(i)
            triples = []
        article = Article(g.text, id=g.doc_id)
        predictions.append([from_triple(t, article) for t in triples])
    seconds = time.perf_counter() - started
    return Run("textacy", predictions, seconds), failed


def print_table(
    title: str, gold: Sequence[GoldDocument], results: List[Tuple[str, Evaluation]]
) -> None:
    """One table: content P/R/F1 (overlap, exact) and speaker accuracy of each tool."""
    n_gold = sum(len(d.quotes) for d in gold)
    print(f"\n{title}: {len(gold)} documents, {n_gold} gold direct quotes")
    print(
        f"{'tool':10} {'content match':14} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"
    )
    for name, result in results:
        for label, s in (("overlap", result.overlap), ("exact", result.exact)):
            print(
                f"{name:10} {label:14} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                f"{s.tp:5} {s.fp:5} {s.fn:5}"
            )
    for name, result in results:
        r = result.speaker_span
        print(
            f"{name:10} {'speaker span':14} {r.value:6.3f}  ({r.right}/{r.total} "
            "overlap-matched quotes with a gold speaker span)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "gold",
        nargs="?",
        type=Path,
        default=DEFAULT_GOLD,
        help="gold JSON Lines file (default: ../shared/eval/polnear-dev.jsonl from the project root)",
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the preferred one)")
    args = parser.parse_args()

    gold_path: Path = args.gold
    if not gold_path.is_file():
        print(
            f"compare_textacy: gold file not found: {gold_path.resolve()}\n"
            "give the path of a gold JSON Lines file (see quoteattr/evaluate.py for the format)",
            file=sys.stderr,
        )
        return 2
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        print(
            f"compare_textacy: textacy is not installed ({exc}); pip install textacy "
            "(a benchmark-only tool, not a dependency of quoteattr)",
            file=sys.stderr,
        )
        return 2

    gold = direct_gold(load_gold(gold_path))
    model = args.model or installed_pipelines()[0]
    n_words = sum(len(d.text.split()) for d in gold)
    print(f"gold: {gold_path.resolve()}; pipeline: {model}; {len(gold)} documents, {n_words} words")

    ours = run_quoteattr(gold, args.model)
    theirs, failed = run_textacy(gold, model, direct_quotations)
    results = [(run.name, score(gold, run.predictions)) for run in (ours, theirs)]
    print("scored by quoteattr._eval.evaluate.score, the same rules for both tools")
    print(
        f"textacy gave up on {len(failed)} of {len(gold)} documents "
        "(odd number of quotation marks); they count with no textacy predictions"
    )

    print_table("all documents", gold, results)
    if failed:
        kept = [i for i in range(len(gold)) if i not in set(failed)]
        subset = [gold[i] for i in kept]
        print_table(
            "documents textacy did not give up on",
            subset,
            [
                (run.name, score(subset, [run.predictions[i] for i in kept]))
                for run in (ours, theirs)
            ],
        )

    print(f"\n{'tool':10} {'docs/s':>8} {'words/s':>9} {'seconds':>8} {'quotes':>7}")
    for run in (ours, theirs):
        n_quotes = sum(len(p) for p in run.predictions)
        print(
            f"{run.name:10} {len(gold) / run.seconds:8.1f} {n_words / run.seconds:9.0f} "
            f"{run.seconds:8.1f} {n_quotes:7}"
        )
    print("(one pass after a warm-up, parsing included; quoteattr with coreference)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
