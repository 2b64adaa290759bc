"""Measure quote finding and speaker accuracy of quotation-marked quotes on PolNeAR-style gold.

    python scripts/measure_polnear.py ../shared/eval/polnear-dev.jsonl [--no-coref]

Gold records of type direct or mixed (content in or holding quotation marks) are matched
to extracted quotes whose span overlaps at least half of the shorter span; a matched
quote's speaker is right when its mention span overlaps the gold speaker span, or when
the gold speaker is a pronoun and the resolved name matches a name the gold gives
elsewhere for the same cue. Prints recall, precision and speaker accuracy.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import quoteattr
from quoteattr.speakers import name_key


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and inter >= shorter / 2


PRONOUNS = {"he", "she", "him", "her", "his"}
DETERMINERS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "one",
    "another",
    "some",
    "many",
    "most",
    "other",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "who",
    "both",
    "all",
    "several",
}


def previous_name(quotes: list[dict], record: dict) -> str | None:
    """The speaker of the nearest earlier gold record whose speaker is not a pronoun."""
    best = None
    for other in quotes:
        if other["start"] >= record["start"]:
            break
        speaker = (other.get("speaker") or "").strip()
        words = speaker.split()
        # Only names: "Trump", "Hillary Clinton" — not "The Republican nominee", "a tweet".
        if words and words[0][:1].isupper() and words[0].lower() not in DETERMINERS:
            best = speaker
    return best


def same_name(gold: str, name: str) -> bool:
    """Lenient: the last word of our name (a surname, or an organisation's last word)
    occurs in the gold speaker text, which may hold titles and appositions."""
    ours = words(name)
    return bool(ours) and ours[-1] in set(words(gold))


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[^\w]+", " ".join(name_key(text))) if w]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--no-coref", action="store_true")
    parser.add_argument("--show", action="store_true", help="print the pronoun disagreements")
    args = parser.parse_args()
    docs = [
        json.loads(line)
        for line in args.gold.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    extractor = quoteattr.QuoteExtractor(coref=not args.no_coref)
    started = time.perf_counter()
    gold_n = found_n = speaker_right = speaker_gold = 0
    name_right = name_gold = pronoun_right = pronoun_gold = 0
    extracted_n = extracted_matched = 0
    for doc, quotes in zip(
        docs, extractor.pipe(quoteattr.Article(d["text"], id=d["doc_id"]) for d in docs)
    ):
        gold = [g for g in doc["quotes"] if g["type"] in ("direct", "mixed")]
        gold_n += len(gold)
        extracted_n += len(quotes)
        extracted_matched += sum(
            1
            for q in quotes
            if any(overlap((q.start, q.end), (g["start"], g["end"])) for g in doc["quotes"])
        )
        for g in gold:
            match = next(
                (q for q in quotes if overlap((q.start, q.end), (g["start"], g["end"]))), None
            )
            if match is None:
                continue
            found_n += 1
            if g.get("speaker_start") is None:
                continue
            speaker_gold += 1
            s = match.speaker
            if (
                s is not None
                and s.start is not None
                and overlap((s.start, s.end), (g["speaker_start"], g["speaker_end"]))
            ):
                speaker_right += 1
            # Resolved names: a named gold speaker must be named alike; a pronoun must resolve
            # to the nearest earlier named gold speaker of the article (a proxy: PolNeAR
            # gives no antecedents).
            target = g["speaker"]
            is_pronoun = target.strip().lower() in PRONOUNS
            if is_pronoun:
                target = previous_name(doc["quotes"], g)
                if target is None:
                    continue
                pronoun_gold += 1
            name_gold += 1
            if s is not None and same_name(target, s.name):
                name_right += 1
                pronoun_right += is_pronoun
            elif is_pronoun and args.show:
                print(
                    f"PRONOUN {g['speaker']!r}: proxy {target!r} ours {s.name if s else None!r} ({s.resolution.value if s else ''}) :: {doc['text'][max(0, g['start'] - 200) : g['start']]!r}"
                )
    elapsed = time.perf_counter() - started
    print(f"documents: {len(docs)} in {elapsed:.1f}s (coref {'off' if args.no_coref else 'on'})")
    print(f"quote recall (direct+mixed gold): {found_n}/{gold_n} = {found_n / max(1, gold_n):.3f}")
    print(
        f"quote precision (any gold attribution): {extracted_matched}/{extracted_n} = {extracted_matched / max(1, extracted_n):.3f}"
    )
    print(
        f"speaker accuracy on matched (mention span overlap): {speaker_right}/{speaker_gold} = {speaker_right / max(1, speaker_gold):.3f}"
    )
    print(
        f"resolved-name accuracy on matched: {name_right}/{name_gold} = {name_right / max(1, name_gold):.3f}"
    )
    print(
        f"  of which pronoun speakers: {pronoun_right}/{pronoun_gold} = {pronoun_right / max(1, pronoun_gold):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
