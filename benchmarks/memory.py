"""Peak memory and time of one long article: ``QuoteExtractor.extract`` on 100k to 1M characters.

    python benchmarks/memory.py                       # 100k, 250k, 500k, 1M characters, no coref
    python benchmarks/memory.py --sizes 1000000 --coref

Each size runs in a fresh process (``python benchmarks/memory.py --one N``), whose
peak resident memory (``ru_maxrss``) is read when it ends; the article is the seeds
joined and repeated to the size. The figures printed are the peak, the memory the
loaded pipeline took before the article (``base``), the time to extract it and the
number of quotes, and last how many times slower than linear the largest size is
(``t(last)/t(first)`` divided by ``last/first``: 1.0 is linear; the exit status is 1
above ``--limit``). Articles over 100,000 characters are parsed in 100,000-character
chunks (``QuoteExtractor``'s default ``chunk_size``), so the sizes span one to ten
chunks. The target: under 1 GB for a million characters (the default ``--max-chars``;
see ``docs/limits.rst``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article(size: int) -> str:
    """The seeds joined by blank lines and repeated to ``size`` characters."""
    seeds = "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))
    )
    return ("\n\n".join([seeds] * (size // len(seeds) + 1)))[:size]


def one(size: int, coref: bool) -> None:
    """Extract one article of ``size`` characters; print the figures as JSON."""
    import quoteattr

    extractor = quoteattr.QuoteExtractor(coref=coref)
    text = article(size)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    quotes = extractor.extract(text)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(
        json.dumps(
            {
                "size": size,
                "quotes": len(quotes),
                "seconds": seconds,
                "peak_mb": peak / 1024,
                "base_mb": base / 1024,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[100_000, 250_000, 500_000, 1_000_000]
    )
    parser.add_argument("--coref", action="store_true", help="with coreference (default: off)")
    parser.add_argument(
        "--limit", type=float, default=2.0, help="times slower than linear allowed (default 2)"
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one, args.coref)
        return 0
    print(f"{'characters':>10}  {'peak MB':>8}  {'base MB':>8}  {'seconds':>8}  {'quotes':>6}")
    sizes = sorted(args.sizes)
    seconds = []
    for size in sizes:
        command = [sys.executable, __file__, "--one", str(size)] + (
            ["--coref"] if args.coref else []
        )
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        row = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{size:>10,}  {row['peak_mb']:>8.0f}  {row['base_mb']:>8.0f}  "
            f"{row['seconds']:>8.1f}  {row['quotes']:>6}"
        )
        seconds.append(row["seconds"])
    if len(sizes) < 2:
        return 0
    slowdown = (seconds[-1] / seconds[0]) / (sizes[-1] / sizes[0])
    print(
        f"t({sizes[-1]:,})/t({sizes[0]:,})/{sizes[-1] / sizes[0]:g} = {slowdown:.2f} "
        f"(1.0 is linear){'  (over the limit)' if slowdown > args.limit else ''}"
    )
    return 1 if slowdown > args.limit else 0


if __name__ == "__main__":
    sys.exit(main())
