"""Extraction on a Dask cluster gives what the extractor gives in this process."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from quoteattr import Article, InvalidInputError, Quote, analyze

distributed = pytest.importorskip("dask.distributed")
import dask.bag as db  # noqa: E402

from quoteattr.distributed import (  # noqa: E402
    extract_bag,
    read_quotes_jsonl,
    worker_extractor,
    write_quotes_jsonl,
)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """One worker process with one thread, so the pipeline is loaded in another process."""
    cluster = distributed.LocalCluster(
        n_workers=1,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=40,
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def test_quotes_on_a_cluster_equal_the_quotes_extracted_here(
    client: Any, seed_quotes: Dict[str, List[Quote]], seed_texts: Dict[str, str], tmp_path: Path
) -> None:
    articles = [Article(text, id=stem) for stem, text in seed_texts.items()]
    bag = db.from_sequence(articles, npartitions=2)
    found = extract_bag(bag).compute()
    expected = [q.to_dict() for stem in seed_texts for q in seed_quotes[stem]]
    assert found == expected

    paths = write_quotes_jsonl(extract_bag(bag), tmp_path / "quotes")
    assert len(paths) == 2
    read_back = list(read_quotes_jsonl(tmp_path / "quotes"))
    assert [q.to_dict() for q in read_back] == expected
    here = analyze(q for stem in seed_texts for q in seed_quotes[stem])
    assert analyze(read_back).speakers() == here.speakers()


def test_each_worker_loads_the_pipeline_once(client: Any) -> None:
    def loads() -> int:
        return id(worker_extractor(coref=False))

    first, second = client.run(loads), client.run(loads)
    assert first == second


def test_a_pipeline_object_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="name of a spaCy pipeline"):
        extract_bag(db.from_sequence(["x"]), nlp=object())  # type: ignore[arg-type]
