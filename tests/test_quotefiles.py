"""Quote files: JSON Lines, CSV and Parquet written and read back, with no spaCy and no Dask."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from loaded import heavy_packages_loaded

from quoteattr import Article, Cue, InputError, Quote, Speaker
from quoteattr._io.quotefiles import (
    jsonl_text,
    read_jsonl,
    read_parquet,
    read_quotes,
    write_csv,
    write_jsonl,
    write_parquet,
)
from quoteattr._quotes.records import QUOTE_RECORD_FIELDS, quote_record
from quoteattr._quotes.records import write_csv as write_rows_csv

TEXT = "“We will open the plant in May,” Ann Lee said.\n\n“=1+1,” Tom Diaz said."


def quotes() -> list[Quote]:
    article = Article(TEXT, id="acme-1", outlet="Daily Test", url="https://example.com/1")
    second = TEXT.index("=1+1,")
    return [
        Quote(
            "We will open the plant in May,",
            1,
            31,
            "direct",
            Speaker("Ann Lee", "Ann Lee", 33, 40, label="PERSON"),
            Cue("said", "say", 41, 45),
            article,
            confidence=0.9,
            detection="quotation_marks",
        ),
        Quote("=1+1,", second, second + 5, "direct", None, None, article, paragraph_index=1),
    ]


def without_text(quote: Quote) -> dict[str, object]:
    return {**quote.to_dict(), "article": {**quote.article.to_dict(), "text": None}}


def test_json_lines_round_trip_through_a_file(tmp_path: Path) -> None:
    path = tmp_path / "quotes.jsonl"
    assert write_jsonl(quotes(), path) == 2
    text = path.read_text(encoding="utf-8")
    assert text == jsonl_text(quotes()) and text.endswith("}\n") and text.count("\n") == 2
    assert [q.to_dict() for q in read_jsonl(path)] == [q.to_dict() for q in quotes()]


def test_json_lines_writes_dicts_as_they_are_and_reads_open_files() -> None:
    out = io.StringIO()
    assert write_jsonl([{"n": 1}, quotes()[0].to_dict(include_article_text=True)], out) == 2
    first, second = out.getvalue().splitlines()
    assert json.loads(first) == {"n": 1}
    [quote] = read_jsonl([io.StringIO(second + "\n\n")])  # blank lines are passed over
    assert quote == quotes()[0]  # with its article's text


def test_a_folder_is_read_in_partition_order(tmp_path: Path) -> None:
    folder = tmp_path / "quotes"
    folder.mkdir()
    qs = quotes()
    for index in (10, 2):
        write_jsonl([qs[0] if index == 2 else qs[1]], folder / f"{index}.jsonl")
    (folder / "notes.txt").write_text("not quotes", encoding="utf-8")
    assert [q.text for q in read_jsonl(folder)] == [qs[0].text, qs[1].text]
    assert [q.text for q in read_quotes(folder)] == [qs[0].text, qs[1].text]


def test_csv_holds_the_flat_records_with_safe_cells(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    profiles = {"Ann Lee": "Ann Lee (Acme)"}
    assert write_csv(quotes(), path, profile=lambda q: profiles.get(q.speaker_name or "")) == 2
    expected = io.StringIO()
    write_rows_csv(
        expected,
        QUOTE_RECORD_FIELDS,
        [quote_record(q, profiles.get(q.speaker_name or "")) for q in quotes()],
    )
    written = path.read_bytes().decode("utf-8")
    assert written == expected.getvalue()
    assert written.splitlines()[0] == ",".join(QUOTE_RECORD_FIELDS)
    assert "'=1+1," in written and "Ann Lee (Acme)" in written


def test_parquet_round_trip_keeps_the_flat_record(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "quotes.parquet"
    assert write_parquet(quotes(), path) == 2
    table = pq.read_table(path)
    assert table.column_names == list(QUOTE_RECORD_FIELDS)
    assert str(table.schema.field("start").type) == "int64"
    assert str(table.schema.field("confidence").type) == "double"
    back = list(read_parquet(path))
    assert [without_text(q) for q in back] == [without_text(q) for q in quotes()]
    assert [without_text(q) for q in read_quotes(path)] == [without_text(q) for q in quotes()]
    # Quote dicts are written as the quotes they are.
    other = tmp_path / "dicts.parquet"
    write_parquet([q.to_dict() for q in quotes()], other)
    assert pq.read_table(other).to_pylist() == table.to_pylist()


def test_read_quotes_reports_a_missing_path_and_a_file_of_other_data(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        list(read_quotes(tmp_path / "missing.jsonl"))
    other = tmp_path / "articles.jsonl"
    other.write_text(json.dumps({"id": "a1", "body": "text"}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="not quotes written by quoteattr"):
        list(read_quotes(other))


def test_quote_files_and_the_store_need_no_spacy() -> None:
    modules = [
        "quoteattr._io.quotefiles",
        "quoteattr._io.store",
        "quoteattr._io.runner",
        "quoteattr._io.schema",
    ]
    assert heavy_packages_loaded(modules, ["spacy", "thinc", "dask"]) == []
