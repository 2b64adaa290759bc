"""Evaluation: run an extractor on gold documents and score what it finds.

:func:`evaluate` is the one call (``quoteattr._eval.evaluate``, ``quoteattr evaluate`` on the
command line). The parts it joins live apart: the gold format and its readers, and the
alignment of quotes with gold, in :mod:`quoteattr._eval.gold`; the counting in
:mod:`quoteattr._eval.scoring`; the figures and their report in :mod:`quoteattr._eval.evaluation`.
Their public names are gathered here too, as in quoteattr 0.1::

    from quoteattr._eval.evaluate import load_gold, load_speakers, score
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Optional, Union

from quoteattr._eval.evaluation import Evaluation, Scores
from quoteattr._eval.gold import (
    GoldDocument,
    GoldQuote,
    GoldSpeaker,
    SpeakerKey,
    load_gold,
    load_speakers,
    match_quotes,
    span_overlap,
)
from quoteattr._eval.scoring import canonical_right, same_person, score, scored_quotes
from quoteattr._quotes.model import Article

__all__ = [
    "Evaluation",
    "GoldDocument",
    "GoldQuote",
    "GoldSpeaker",
    "Scores",
    "canonical_right",
    "evaluate",
    "load_gold",
    "load_speakers",
    "match_quotes",
    "same_person",
    "score",
    "scored_quotes",
    "span_overlap",
]


def evaluate(
    gold: Union[str, Path, Iterable[GoldDocument]],
    extractor: Optional[Any] = None,
    *,
    batch_size: int = 16,
    n_process: int = 1,
    max_errors: int = 1000,
    attributed_only: bool = False,
    speakers: Optional[Union[str, Path, Mapping[SpeakerKey, GoldSpeaker]]] = None,
) -> Evaluation:
    """Run ``extractor`` (default: :func:`quoteattr.default_extractor`) on gold documents and score it.

    ``gold`` is a path to a JSON Lines gold file or an iterable of :class:`GoldDocument`;
    ``speakers``, canonical speakers for it (a path or what :func:`load_speakers` returns).
    """
    if isinstance(speakers, (str, Path)):
        speakers = load_speakers(speakers)
    documents = load_gold(gold) if isinstance(gold, (str, Path)) else list(gold)
    if extractor is None:
        from quoteattr import default_extractor

        extractor = default_extractor()
    articles = (Article(d.text, id=d.doc_id) for d in documents)
    predictions = list(extractor.pipe(articles, batch_size=batch_size, n_process=n_process))
    return score(
        documents,
        predictions,
        max_errors=max_errors,
        attributed_only=attributed_only,
        speakers=speakers,
    )
