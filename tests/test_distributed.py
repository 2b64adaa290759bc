"""Extraction on a Dask cluster gives what the extractor gives in this process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterator, List

import attrs
import pytest

from quoteattr import (
    Article,
    ClusterError,
    InvalidInputError,
    ModelNotFoundError,
    Quote,
    QuoteExtractor,
    QuoteStore,
    analyze,
    run_corpus,
)
from quoteattr._quotes.records import QUOTE_RECORD_FIELDS
from quoteattr.cli import main

distributed = pytest.importorskip("dask.distributed")
import dask.bag as db  # noqa: E402

from quoteattr.distributed import (  # noqa: E402
    ClusterExtractor,
    connect,
    extract_bag,
    read_quotes_jsonl,
    read_quotes_parquet,
    worker_extractor,
    write_quotes_jsonl,
    write_quotes_parquet,
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


def test_cluster_extractor_yields_what_the_extractor_here_yields(
    client: Any, seed_quotes: Dict[str, List[Quote]], seed_texts: Dict[str, str]
) -> None:
    articles = [Article(text, id=stem) for stem, text in seed_texts.items()]
    cluster = ClusterExtractor(client, articles_per_task=2, tasks_in_flight=2)
    found = list(cluster.pipe(articles))
    assert [[q.to_dict() for q in quotes] for quotes in found] == [
        [q.to_dict() for q in seed_quotes[stem]] for stem in seed_texts
    ]
    # The quotes are rebuilt against the articles given here, text and all.
    for article, quotes in zip(articles, found):
        assert all(q.article is article for q in quotes)
        assert all(article.text[q.start : q.end] == q.text for q in quotes)
    assert cluster.extract("“We are ready,” Putin said.")[0].speaker_name == "Putin"


def test_run_corpus_on_the_cluster_stores_what_a_run_here_stores(
    client: Any, extractor: QuoteExtractor, seed_texts: Dict[str, str]
) -> None:
    seeds = [Article(text, id=stem) for stem, text in seed_texts.items()]
    items = [*seeds, attrs.evolve(seeds[1], id="copy-of-1")]  # a text repeated in the run
    runs = []
    for parser in (extractor, ClusterExtractor(client, articles_per_task=1)):
        with QuoteStore(":memory:") as store:
            run_corpus(seeds[:1], store, parser)  # stored before: skipped, never sent
            stats = run_corpus(items, store, parser, batch_size=2)
            runs.append((stats, store.dump()))
    assert runs[0] == runs[1]
    assert runs[1][0].articles_added == len(seeds) - 1
    assert runs[1][0].articles_skipped == 2


def test_quoteattr_run_with_dask_fills_and_resumes_a_store(
    client: Any, seed_quotes: Dict[str, List[Quote]], tmp_path: Path, capsys: Any
) -> None:
    seeds = str(Path(__file__).resolve().parent.parent / "seeds")
    db = str(tmp_path / "quotes.sqlite")
    address = client.scheduler.address
    assert main(["run", seeds, "--db", db, "--dask", address, "-q"]) == 0
    with QuoteStore(db) as store:
        assert store.count_articles() == len(seed_quotes)
        assert store.count_quotes() == sum(len(q) for q in seed_quotes.values())
    capsys.readouterr()
    assert main(["run", seeds, "--db", db, "--dask", address, "-q"]) == 0
    assert "0 articles added" in capsys.readouterr().err


def test_quoteattr_run_refuses_workers_with_dask(tmp_path: Path, capsys: Any) -> None:
    db = str(tmp_path / "q.sqlite")
    assert main(["run", "x.txt", "--db", db, "--dask", "tcp://127.0.0.1:1", "--workers", "2"]) == 2
    assert "--workers" in capsys.readouterr().err


def test_an_unreachable_scheduler_is_a_cluster_error() -> None:
    with pytest.raises(ClusterError, match="could not reach the Dask scheduler"):
        connect("tcp://127.0.0.1:1", timeout=1)


def test_cluster_extractor_refuses_n_process_and_bad_sizes(client: Any) -> None:
    with pytest.raises(InvalidInputError, match="n_process"):
        list(ClusterExtractor(client).pipe(["text"], n_process=2))
    with pytest.raises(InvalidInputError, match="articles_per_task"):
        ClusterExtractor(client, articles_per_task=0)
    with pytest.raises(InvalidInputError, match="name of a spaCy pipeline"):
        ClusterExtractor(client, nlp=object())  # type: ignore[arg-type]


def test_bad_input_is_refused_here_before_it_is_sent(client: Any) -> None:
    with pytest.raises(InvalidInputError, match="expected article text"):
        list(ClusterExtractor(client).pipe([b"bytes"]))  # type: ignore[list-item]


def test_an_error_on_a_worker_reaches_the_caller_as_it_was(client: Any) -> None:
    with pytest.raises(ModelNotFoundError, match="no_such_pipeline"):
        ClusterExtractor(client, nlp="no_such_pipeline").extract("“Yes,” he said.")


def test_quotes_written_to_a_url_are_read_back_from_it(
    client: Any, seed_texts: Dict[str, str], tmp_path: Path
) -> None:
    articles = [Article(text, id=stem) for stem, text in list(seed_texts.items())[:2]]
    bag = db.from_sequence(articles, npartitions=2)
    url = (tmp_path / "remote").as_uri()  # file:///...: what fsspec does for s3:// too
    paths = write_quotes_jsonl(extract_bag(bag, coref=False), url)
    assert len(paths) == 2
    expected = extract_bag(bag, coref=False).compute()
    assert [q.to_dict() for q in read_quotes_jsonl(url)] == expected
    assert [q.to_dict() for q in read_quotes_jsonl(url + "/")] == expected


def test_quotes_written_as_parquet_are_read_back_as_the_same_quotes(
    client: Any, seed_quotes: Dict[str, List[Quote]], seed_texts: Dict[str, str], tmp_path: Path
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    articles = [
        Article(text, id=stem, outlet=f"Outlet {i}", url=f"https://news.example/{stem}")
        for i, (stem, text) in enumerate(seed_texts.items())
    ]
    bag = db.from_sequence(articles, npartitions=3)
    paths = write_quotes_parquet(extract_bag(bag), tmp_path / "parquet")
    assert [Path(p).name for p in paths] == ["0.parquet", "1.parquet", "2.parquet"]
    # One flat row a quote, the columns of the CSV exports, for any Parquet reader.
    table = pq.read_table(paths[0])
    assert table.column_names == list(QUOTE_RECORD_FIELDS)
    assert table.schema.field("start").type == "int64"
    read_back = list(read_quotes_parquet(tmp_path / "parquet"))
    expected = [q for stem in seed_texts for q in seed_quotes[stem]]
    outlets = {a.id: (a.outlet, a.url) for a in articles}
    assert [q.article.id for q in read_back] == [q.article.id for q in expected]
    assert all((q.article.outlet, q.article.url) == outlets[q.article.id] for q in read_back)
    assert [{**q.to_dict(), "article": None} for q in read_back] == [
        {**q.to_dict(), "article": None} for q in expected
    ]
    by_id = {a.id: a for a in articles}
    here = [attrs.evolve(q, article=by_id[q.article.id]) for q in expected]
    assert analyze(read_back).speakers() == analyze(here).speakers()


def test_each_partition_file_ends_with_a_newline_and_an_empty_one_is_empty(
    tmp_path: Path,
) -> None:
    records = [{"n": n, "text": f"quote {n}"} for n in range(5)]
    bag = db.from_sequence(records, npartitions=3).filter(lambda r: r["n"] < 2)
    paths = write_quotes_jsonl(bag, tmp_path / "quotes")
    contents = [Path(p).read_text(encoding="utf-8") for p in paths]
    assert [c for c in contents if c] and "" in contents  # one partition is empty
    for content in contents:
        assert content == "" or content.endswith("}\n")
    lines = "".join(contents).splitlines()
    assert [json.loads(line)["n"] for line in lines] == [0, 1]
