"""``tests/data/seeds_gold_documents.jsonl``: the seeds' gold in ``quoteattr evaluate``'s format.

``seeds_gold.jsonl`` lists the quotation-marked quotes of the seed articles one a line
(article, text, speaker, kind), without offsets or article text. ``quoteattr evaluate``
reads one document a line: ``doc_id``, ``text`` and ``quotes`` with offsets (see
:mod:`quoteattr._eval.evaluate`). The documents file is made from the two by
:func:`documents`, and this test keeps it so; after a change to either, write it again
with ``python tests/test_seeds_gold_documents.py``.

A partial quote of the seeds' gold becomes a gold quote of type ``mixed``, the type
quoteattr's partial quotes are scored against. The seeds' gold lists quotation-marked
quotes only: reported speech that quoteattr finds there counts as spurious.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SEEDS_GOLD = DATA / "seeds_gold.jsonl"
DOCUMENTS = DATA / "seeds_gold_documents.jsonl"
#: The gold type of each kind of the seeds' gold.
TYPES = {"direct": "direct", "partial": "mixed"}


def documents() -> list[dict[str, Any]]:
    """The gold documents of the seed articles, in the order of their file names."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    quotes: dict[str, list[dict[str, Any]]] = {stem: [] for stem in texts}
    for line in SEEDS_GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = texts[record["article"]]
        start = -1
        for _ in range(record.get("occurrence", 0) + 1):
            start = text.find(record["text"], start + 1)
        assert start >= 0, f"not in {record['article']}: {record['text']!r}"
        quotes[record["article"]].append(
            {
                "start": start,
                "end": start + len(record["text"]),
                "type": TYPES[record["kind"]],
                "speaker": record["speaker"],
            }
        )
    return [
        {"doc_id": stem, "text": text, "quotes": sorted(quotes[stem], key=lambda q: q["start"])}
        for stem, text in texts.items()
    ]


def lines() -> str:
    """The text of the documents file."""
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents())


def test_the_documents_file_is_made_from_the_seeds_gold() -> None:
    assert DOCUMENTS.read_text(encoding="utf-8") == lines(), (
        "run: python tests/test_seeds_gold_documents.py"
    )


def test_evaluate_reads_every_quote_of_the_seeds_gold() -> None:
    from quoteattr._eval.evaluate import load_gold

    gold = load_gold(DOCUMENTS)
    assert len(gold) == 5
    assert sum(len(d.quotes) for d in gold) == len(SEEDS_GOLD.read_text().splitlines())
    for document in gold:
        for quote in document.quotes:
            assert document.text[quote.start : quote.end].strip()


if __name__ == "__main__":
    DOCUMENTS.write_text(lines(), encoding="utf-8")
    print(f"wrote {DOCUMENTS}")
