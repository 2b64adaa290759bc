"""Worker processes: ``QuoteExtractor.pipe(n_process=N)`` against spaCy's own ``nlp.pipe(n_process=N)``.

    python benchmarks/processes.py                  # the seeds, repeated to about 20,000 words
    python benchmarks/processes.py --words 60000 --processes 2 --corpus ../shared/eval/polnear-dev.jsonl

Prints documents per second for:

- ``extractor, 1 process``: ``QuoteExtractor(coref=False).pipe(texts)``;
- ``extractor, N processes``: ``QuoteExtractor.pipe(texts, n_process=N)``, quoteattr's
  own pool (the pipeline forked once per worker; a few articles per task);
- ``spaCy n_process=N``: the same pipeline with the ``quoteattr`` component,
  ``nlp.pipe(texts, n_process=N)``, the results read back as ``doc._.quotes``.

Both multi-process rows must give the quotes of the one-process row (checked; a
mismatch ends the benchmark with status 1). Each row runs once to warm up, then
``--repeat`` times; the best run counts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Callable, List

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import load_texts

import quoteattr
from quoteattr import Quote


def best(run: Callable[[], List[List[Quote]]], repeat: int) -> tuple[float, List[List[Quote]]]:
    """The best time of ``repeat`` runs after a warm-up, and the last run's result."""
    result = run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=20_000, help="about how many words to process")
    parser.add_argument("--corpus", type=Path, help="a folder of .txt files or a JSON Lines file")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    texts = load_texts(args.corpus, args.words)
    n = args.processes
    extractor = quoteattr.QuoteExtractor(coref=False)
    nlp = extractor.nlp

    def key(results: List[List[Quote]]) -> list:
        return [[(q.start, q.end, q.kind, q.speaker_name) for q in qs] for qs in results]

    rows = [
        ("extractor, 1 process", lambda: list(extractor.pipe(texts))),
        (f"extractor, {n} processes", lambda: list(extractor.pipe(texts, n_process=n))),
        (
            f"spaCy n_process={n}",
            lambda: [doc._.quotes for doc in nlp.pipe(texts, n_process=n, batch_size=16)],
        ),
    ]
    print(f"{len(texts)} documents, {sum(len(t.split()) for t in texts)} words, {n} processes")
    reference = None
    for name, run in rows:
        seconds, result = best(run, args.repeat)
        print(f"{name:28} {len(texts) / seconds:7.1f} docs/s  ({seconds:.1f} s)")
        if reference is None:
            reference = key(result)
        elif key(result) != reference:
            print(f"{name}: the quotes differ from one process", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
