"""What makes a speaker name no name: a clitic, a dateline, a headline fragment, a common
word. Read by ``test_speaker_names.py`` (train articles) and ``test_polnear.py`` (the dev
split, whose one extraction a session lives in that file, so that ``pytest-xdist
--dist loadfile`` makes it once)."""

from __future__ import annotations

import re
from typing import Iterable, List, Sequence, Tuple

from spacy.lang.en.stop_words import STOP_WORDS

from quoteattr import Quote, Resolution

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
    "a",  # "The Committee for a Responsible Federal Budget"
}


def named_quotes(found: Iterable[Sequence[Quote]]) -> List[Tuple[Quote, str]]:
    """(quote, speaker name) for every quote with a speaker, of each article's quotes."""
    return [(q, q.speaker.name) for quotes in found for q in quotes if q.speaker is not None]


def bad_names(named: List[Tuple[Quote, str]]) -> List[Tuple[str, str, str]]:
    """(problem, article id, name) of every speaker name that is no name."""
    return [(p, q.article.id or "", name) for q, name in named if (p := problem(q, name))]


def problem(quote: Quote, name: str) -> str:
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
