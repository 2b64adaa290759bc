"""How quoteattr scales: worker processes, and memory as the corpus grows.

    python benchmarks/scaling.py                    # the seeds, repeated to about 8,000 words
    python benchmarks/scaling.py --words 20000 --sizes 1 4 16 --no-coref

Prints:

- words/s and docs/s of ``QuoteExtractor.pipe`` with ``n_process`` 1 and 2, and the
  speed-up of 2 over 1 (best of ``--repeat`` runs each, after a warm-up);
- the peak resident set (``ru_maxrss``) of a fresh child process that loads the
  pipeline and streams a corpus of 1x, 4x, 16x ``--words`` words through
  ``extractor.pipe`` (the texts are generated on the fly, never held in a list), next to
  the peak right after loading: it should stay flat as the corpus grows;
- textacy's ``direct_quotations`` on the same texts, if textacy is installed.

Figures depend on the machine and its load: run it on an idle machine and report
``uptime`` with them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterator, List

import spacy

import quoteattr
from quoteattr._parse.extractor import installed_pipelines

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import best_time, consume, load_texts, textacy_run


def stream(base: List[str], words: int) -> Iterator[str]:
    """Yield the base texts over and over until about ``words`` words have gone by."""
    count = 0
    while True:
        for text in base:
            yield text
            count += len(text.split())
            if count >= words:
                return


def peak_rss_mib() -> float:
    """The peak resident set of this process so far, in MiB (ru_maxrss is KiB on Linux)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024 if sys.platform != "darwin" else kib / 2**20


def child_memory(words: int, model: str, coref: bool) -> int:
    """In a fresh process: load, stream ``words`` words, print the peaks as JSON."""
    extractor = quoteattr.QuoteExtractor(spacy.load(model), coref=coref)
    extractor.extract("“Warm up,” she said. He said it too.")  # loads the lazy parts
    loaded = peak_rss_mib()
    base = load_texts(None, 1)
    started = time.perf_counter()
    docs = quotes = 0
    for found in extractor.pipe(stream(base, words)):
        docs += 1
        quotes += len(found)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {"loaded": loaded, "peak": peak_rss_mib(), "docs": docs, "quotes": quotes, "s": seconds}
        )
    )
    return 0


def measure_memory(words: int, model: str, coref: bool) -> dict[str, float]:
    command = [sys.executable, __file__, "--child-words", str(words), "--model", model]
    if not coref:
        command.append("--no-coref")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [os.getcwd(), os.environ.get("PYTHONPATH")])),
    }
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--words",
        type=int,
        default=8_000,
        help="words of the 1x corpus (enough to be past the warm-up)",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: the preferred one)")
    parser.add_argument("--no-coref", action="store_true", help="quoteattr without coreference")
    parser.add_argument("--skip-speed", action="store_true", help="only the memory figures")
    parser.add_argument("--skip-memory", action="store_true", help="only the speed figures")
    parser.add_argument("--child-words", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    model = args.model or installed_pipelines()[0]
    coref = not args.no_coref
    if args.child_words is not None:
        return child_memory(args.child_words, model, coref)

    print(f"pipeline: {model}; coreference: {'on' if coref else 'off'}; cpus: {os.cpu_count()}")
    if not args.skip_speed:
        texts = load_texts(None, args.words)
        n_words = sum(len(t.split()) for t in texts)
        print(f"speed: {len(texts)} documents, {n_words} words; best of {args.repeat}")
        extractor = quoteattr.QuoteExtractor(spacy.load(model), coref=coref)
        nlp = spacy.load(model)
        rows: List[tuple[str, float]] = []

        def timed(name: str, run: Callable[[], object]) -> None:
            rows.append((name, best_time(run, args.repeat)))

        timed("spacy", lambda: consume(nlp.pipe(texts)))
        timed("quoteattr n_process=1", lambda: consume(extractor.pipe(texts)))
        timed("quoteattr n_process=2", lambda: consume(extractor.pipe(texts, n_process=2)))
        textacy = textacy_run(nlp, texts)
        if textacy is not None:
            timed("textacy direct_quotations", textacy)
        print(f"{'configuration':28} {'words/s':>10} {'docs/s':>8}")
        for name, seconds in rows:
            print(f"{name:28} {n_words / seconds:10.0f} {len(texts) / seconds:8.1f}")
        one, two = rows[1][1], rows[2][1]
        print(f"speed-up of n_process=2 over 1: {one / two:.2f}x")

    if not args.skip_memory:
        print("memory: a fresh process per size, streaming through extractor.pipe")
        print(
            f"{'size':>5} {'words':>8} {'docs':>6} {'quotes':>7} {'after load MiB':>15} {'peak MiB':>9}"
        )
        for size in args.sizes:
            words = args.words * size
            m = measure_memory(words, model, coref)
            print(
                f"{size:>4}x {words:8d} {int(m['docs']):6d} {int(m['quotes']):7d} "
                f"{m['loaded']:15.1f} {m['peak']:9.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
