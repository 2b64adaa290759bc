"""Throughput of quoteattr (with and without coreference) and textacy against bare spaCy.

    python benchmarks/throughput.py                 # the seeds, repeated to about 20,000 words
    python benchmarks/throughput.py --words 50000 --corpus ../shared/eval/polnear-dev.jsonl

Prints words per second and documents per second for:

- ``spacy``: the bare pipeline (``nlp.pipe`` over the same texts);
- ``quoteattr (no coref)``: ``QuoteExtractor(coref=False)``;
- ``quoteattr (coref)``: ``QuoteExtractor()``, coreference run only in windows around
  pronoun and descriptive speakers;
- ``quoteattr (coref, unwindowed)``: coreference over everything before each mention, for comparison;
- ``textacy direct_quotations``: the same bare pipeline, then
  ``textacy.extract.triples.direct_quotations`` on each document (textacy's rule-based
  direct quotes). Only when textacy is installed (``pip install textacy``; it is not a
  dependency of quoteattr); otherwise one line says the row is left out. textacy gives up
  on a document with an odd number of quotation marks (``ValueError``): that document
  counts with no quotes, and the number of such documents is printed.

Each configuration runs once to warm up, then ``--repeat`` times; the best run counts.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, List

import spacy

import quoteattr
from quoteattr._parse import coref as coref_module
from quoteattr._parse.extractor import installed_pipelines

ROOT = Path(__file__).resolve().parent.parent


def load_texts(corpus: Path | None, words: int) -> List[str]:
    """Texts of the corpus (seeds by default), repeated until they hold about ``words`` words."""
    if corpus is None:
        base = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    elif corpus.suffix == ".jsonl":
        base = [
            json.loads(line)["text"]
            for line in corpus.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    else:
        base = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    texts: List[str] = []
    count = 0
    while count < words:
        for text in base:
            texts.append(text)
            count += len(text.split())
            if count >= words:
                break
    return texts


def best_time(run: Callable[[], object], repeat: int) -> float:
    run()  # warm up (loads lazily built parts, such as the coreference model)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def consume(items: Iterable[object]) -> int:
    return sum(1 for _ in items)


def textacy_run(nlp: spacy.language.Language, texts: List[str]) -> Callable[[], int] | None:
    """A run of textacy's ``direct_quotations`` over ``nlp.pipe(texts)``, or None without textacy.

    The run returns how many documents textacy gave up on (an odd number of quotation
    marks raises ``ValueError``); those documents count with no quotes.
    """
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:
        print(
            f"textacy direct_quotations: row left out, textacy is not installed ({exc}); "
            "pip install textacy to add it"
        )
        return None

    def run() -> int:
        failed = 0
        for doc in nlp.pipe(texts):
            try:
                list(direct_quotations(doc))
            except ValueError:
                failed += 1
        return failed

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20_000, help="about how many words to process")
    parser.add_argument("--corpus", type=Path, help="a folder of .txt files or a JSON Lines file")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the preferred one)")
    args = parser.parse_args()

    texts = load_texts(args.corpus, args.words)
    n_words = sum(len(t.split()) for t in texts)
    model = args.model or installed_pipelines()[0]
    print(f"pipeline: {model}; {len(texts)} documents, {n_words} words; best of {args.repeat}")

    nlp = spacy.load(model)
    plain = quoteattr.QuoteExtractor(spacy.load(model), coref=False)
    with_coref = quoteattr.QuoteExtractor(spacy.load(model))
    print(
        f"coreference model: {coref_module.coref_model_location()} (available: {with_coref.coref_available})"
    )

    rows = []
    base = best_time(lambda: consume(nlp.pipe(texts)), args.repeat)
    rows.append(("spacy", base))
    rows.append(
        ("quoteattr (no coref)", best_time(lambda: consume(plain.pipe(texts)), args.repeat))
    )
    rows.append(
        ("quoteattr (coref)", best_time(lambda: consume(with_coref.pipe(texts)), args.repeat))
    )
    saved = coref_module.WINDOW_SENTENCES
    coref_module.WINDOW_SENTENCES = 10**6  # every window grows to the whole document
    try:
        rows.append(
            (
                "quoteattr (coref, unwindowed)",
                best_time(lambda: consume(with_coref.pipe(texts)), args.repeat),
            )
        )
    finally:
        coref_module.WINDOW_SENTENCES = saved
    textacy = textacy_run(nlp, texts)
    if textacy is not None:
        failures: List[int] = []
        rows.append(
            (
                "textacy direct_quotations",
                best_time(lambda: failures.append(textacy()), args.repeat),
            )
        )
        print(
            f"textacy gave up on {failures[-1]} of {len(texts)} documents "
            "(odd number of quotation marks); they count with no quotes"
        )

    print(f"{'configuration':32} {'words/s':>10} {'docs/s':>8} {'vs spacy':>9}")
    for name, seconds in rows:
        print(
            f"{name:32} {n_words / seconds:10.0f} {len(texts) / seconds:8.1f} {base / seconds:8.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
