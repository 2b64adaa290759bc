"""Corpus runs that go on: poison records, dead workers, memory errors, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, List

import pytest

import quoteattr._parse.component
from quoteattr import (
    Article,
    ExtractionError,
    InputError,
    QuoteExtractor,
    QuoteStore,
    RunStats,
    WorkerDiedError,
    run_corpus,
)
from quoteattr._io.reading import iter_articles, read_jsonl, repair_text

ROOT = Path(__file__).resolve().parent.parent


def articles(n: int) -> List[Article]:
    return [Article(f"“Point {i} stands,” Ann Lee said.", id=f"a{i}") for i in range(n)]


def fail_on(monkeypatch: pytest.MonkeyPatch, marker: str, act: Any) -> None:
    """Make the component call ``act()`` on any text holding ``marker``."""
    find_indirect = quoteattr._parse.component.find_indirect

    def failing(doc: Any, *args: Any, **kwargs: Any) -> Any:
        if marker in doc.text:
            act()
        return find_indirect(doc, *args, **kwargs)

    monkeypatch.setattr(quoteattr._parse.component, "find_indirect", failing)


# -- 1. a poison record --------------------------------------------------------------------


def test_a_lone_surrogate_escape_is_repaired_when_read(tmp_path: Path) -> None:
    path = tmp_path / "scrape.jsonl"
    record = {"text": "\u201cWe are \ud800 ready,\u201d Jones said.", "id": "s1", "title": "\udc00"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")  # json escapes it: \ud800
    (article,) = list(read_jsonl(path))
    assert isinstance(article, Article)
    assert article.text == "\u201cWe are \ufffd ready,\u201d Jones said."
    assert article.title == "\ufffd"
    assert repair_text("ok") == ("ok", 0)


def test_an_article_that_cannot_be_stored_is_set_aside_alone(
    plain_extractor: QuoteExtractor,
) -> None:
    """One failing insert loses only its article: a savepoint per article."""
    items = articles(5)
    items[2] = Article("\u201cWe are \ud800 ready,\u201d Jones said.", id="poison")
    reported: List[Any] = []
    with QuoteStore(":memory:") as store:
        stats = run_corpus(items, store, plain_extractor, batch_size=5, on_error=reported.append)
        assert stats == RunStats(
            articles_seen=5, articles_added=4, quotes_added=4, articles_failed=1
        )
        assert {a.id for a in store.articles()} == {"a0", "a1", "a3", "a4"}
    assert len(reported) == 1 and isinstance(reported[0], InputError)
    assert "poison" in str(reported[0]) and "cannot be stored" in str(reported[0])


def test_quoteattr_run_goes_past_a_poison_record(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"text": a.text, "id": a.id}) for a in articles(3)]
    lines.insert(1, json.dumps({"text": "\u201cWe are \ud800 ready,\u201d Jones said.", "id": "p"}))
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "q.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "quoteattr", "run", str(corpus), "--db", str(db), "--no-coref"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    with QuoteStore(db) as store:
        assert store.count_articles() == 4
        assert "We are \ufffd ready," in {q.text for q in store.quotes()}


# -- 2. a worker that dies -------------------------------------------------------------------


def _kill_this_worker() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_dead_worker_is_an_error_not_a_hang(
    plain_extractor: QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_on(monkeypatch, "KILL", _kill_this_worker)
    items = [*articles(3), Article("“KILL the worker,” Lee said.", id="k")]
    started = time.monotonic()
    with pytest.raises(WorkerDiedError, match="worker process died"):
        list(plain_extractor.pipe(items, n_process=2, batch_size=4))
    assert time.monotonic() - started < 60


def test_run_corpus_sets_aside_an_article_that_kills_its_worker(
    plain_extractor: QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every article is tried again in a fresh worker; the one that kills it twice is set aside."""
    fail_on(monkeypatch, "KILL", _kill_this_worker)
    items = articles(8)
    items[5] = Article("“KILL the worker,” Lee said.", id="killer")
    reported: List[Any] = []
    with QuoteStore(":memory:") as store:
        stats = run_corpus(
            items, store, plain_extractor, batch_size=4, n_process=2, on_error=reported.append
        )
        assert stats == RunStats(
            articles_seen=8, articles_added=7, quotes_added=7, articles_failed=1
        )
        assert {a.id for a in store.articles()} == {a.id for a in items} - {"killer"}
    assert [type(e) for e in reported] == [WorkerDiedError]
    assert "killer" in str(reported[0])


def test_run_corpus_retries_the_articles_of_a_worker_killed_once(
    plain_extractor: QuoteExtractor, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A worker killed from outside (the OOM killer, kill -9) loses no article."""
    flag = tmp_path / "killed-once"

    def kill_once() -> None:
        if not flag.exists():
            flag.write_text("x")
            _kill_this_worker()

    fail_on(monkeypatch, "Point 2 ", kill_once)
    with QuoteStore(":memory:") as store:
        stats = run_corpus(articles(6), store, plain_extractor, batch_size=4, n_process=2)
        assert stats == RunStats(articles_seen=6, articles_added=6, quotes_added=6)
    assert flag.exists()


# -- 3. out of memory on one article -------------------------------------------------------


def test_a_memory_error_sets_the_article_aside(
    plain_extractor: QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    def out_of_memory() -> None:
        raise MemoryError

    fail_on(monkeypatch, "HUGE", out_of_memory)
    items = [*articles(3), Article("“HUGE,” Lee said.", id="huge")]
    reported: List[Any] = []
    with QuoteStore(":memory:") as store:
        stats = run_corpus(items, store, plain_extractor, on_error=reported.append)
        assert stats.articles_added == 3 and stats.articles_failed == 1
    assert isinstance(reported[0], ExtractionError) and "out of memory" in str(reported[0])


# -- 5. Ctrl-C keeps what is parsed -----------------------------------------------------------


def test_an_interrupted_run_stores_what_it_parsed(
    plain_extractor: QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt() -> None:
        raise KeyboardInterrupt

    fail_on(monkeypatch, "STOP", interrupt)
    items = [*articles(5), Article("“STOP,” Lee said.", id="stop"), *articles(8)[5:]]
    with QuoteStore(":memory:") as store:
        with pytest.raises(KeyboardInterrupt):
            # One article a batch in spaCy's pipe: the five before the interrupt are parsed.
            run_corpus((a for a in items), store, _OneByOne(plain_extractor), batch_size=32)
        assert {a.id for a in store.articles()} == {f"a{i}" for i in range(5)}


class _OneByOne:
    """An extractor that parses one article at a time, so that which are parsed is known."""

    def __init__(self, extractor: QuoteExtractor) -> None:
        self.extractor = extractor

    def pipe(self, items: Any, *, batch_size: int = 1, n_process: int = 1) -> Any:
        for item in items:
            yield from self.extractor.pipe([item], batch_size=1)


def test_iter_articles_reads_the_repaired_record(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "\\ud800 x", "id": 1}\n', encoding="utf-8")
    (article,) = list(iter_articles([path]))
    assert isinstance(article, Article) and article.text == "\ufffd x" and article.id == "1"
