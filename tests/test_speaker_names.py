"""No speaker name is a clitic, a dateline, a headline fragment or a common word.

Run over a third of PolNeAR's train split (every third article, about 280), which the
rules were written from; skipped when ``../shared/eval`` is absent. The data stays in
the workspace and is never copied into the project.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
from spacy.lang.en.stop_words import STOP_WORDS

import quoteattr
from quoteattr import Article, Quote, Resolution

TRAIN = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear-train.jsonl"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not TRAIN.is_file(), reason=f"PolNeAR train split not found at {TRAIN}"),
]

_CLITICS = {"n't", "n’t", "'s", "’s", "'m", "’m", "'re", "’re", "'ll", "’ll", "'ve", "’ve", "'d"}
#: A dateline: "WASHINGTON (AP) — ", "LONDON, Nov 27 (Reuters) - ".
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ ]{1,40}(?:,\s*[A-Z][a-z.]*\.?(?:\s+\d{1,2})?)?\s*(?:\([^()\n]{1,40}\))?\s*[-—–]{1,2}\s"
)
#: Lower-case words that may stand inside a name ("Bank of America", "Charles de Gaulle").
_INNER = {
    "of",
    "and",
    "the",
    "for",
    "on",
    "de",
    "da",
    "del",
    "van",
    "von",
    "bin",
    "al",
    "la",
    "le",
    "&",
}


def _articles() -> Iterator[Article]:
    with TRAIN.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number % 3 == 0:
                record = json.loads(line)
                yield Article(record["text"], id=record["doc_id"])


@pytest.fixture(scope="module")
def named(plain_extractor: quoteattr.QuoteExtractor) -> List[Tuple[Quote, str]]:
    """(quote, speaker name) for every quote with a speaker, over the sample."""
    found = []
    for quotes in plain_extractor.pipe(_articles(), batch_size=16):
        found.extend((q, q.speaker.name) for q in quotes if q.speaker is not None)
    return found


def _problem(quote: Quote, name: str) -> str:
    """Why a speaker name is no name, or ""."""
    words = name.split()
    if not words or not any(c.isalpha() for c in name) or not name[0].isalnum():
        return "no word"
    if name.lower() in _CLITICS or any(name.lower().startswith(c) for c in _CLITICS):
        return "clitic"
    speaker = quote.speaker
    assert speaker is not None
    if speaker.resolution is Resolution.UNRESOLVED:
        return ""  # an honest pronoun ("he") is allowed
    if len(words) == 1 and name.lower() in STOP_WORDS:
        return "common word"
    text = quote.article.text
    line_start = text.rfind("\n", 0, speaker.start or 0) + 1
    dateline = _DATELINE.match(text, line_start)
    if dateline and speaker.start is not None and speaker.start < dateline.end():
        return "dateline"
    if speaker.label in ("PERSON", "ORG") and speaker.resolution.named:
        lower = [w for w in words if w[:1].islower() and w.lower() not in _INNER]
        if lower or len(words) > 7:
            return "headline fragment"
    return ""


def test_no_speaker_name_is_a_clitic_dateline_headline_or_common_word(
    named: List[Tuple[Quote, str]],
) -> None:
    assert len(named) > 3000, "the sample should give thousands of attributed quotes"
    bad = [(p, q.article.id, name) for q, name in named if (p := _problem(q, name))]
    assert not bad, f"{len(bad)} bad names, e.g. {bad[:15]}"
