"""The SQLite store: round trips, deduplication by content hash, and resumable runs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union, cast

import attrs
import pytest

import quoteattr._parse.component
import quoteattr._parse.extractor
from quoteattr import (
    Article,
    Cue,
    Detection,
    ExtractionError,
    InputError,
    InvalidInputError,
    ModelNotFoundError,
    Quote,
    QuoteExtractor,
    QuoteKind,
    Resolution,
    Speaker,
)
from quoteattr._io.runner import RunStats, run_corpus
from quoteattr._io.store import QuoteStore
from quoteattr._quotes.model import content_id

ROOT = Path(__file__).resolve().parent.parent

TEXT = "“We are waiting for you,” Putin replied. “See you soon.”\n\nIt was “a good day”."


def handmade() -> Tuple[Article, List[Quote]]:
    """An article with full metadata and quotes covering every optional field, set and unset."""
    art = Article(
        TEXT,
        id="handmade",
        title="Putin and Kim",
        outlet="Example News",
        url="https://example.org/1",
        published="2024-06-19",
    )

    def span(part: str) -> Tuple[int, int]:
        start = TEXT.index(part)
        return start, start + len(part)

    first, second, third = (
        span("We are waiting for you,"),
        span("See you soon."),
        span("a good day"),
    )
    putin, replied = span("Putin"), span("replied")
    return art, [
        Quote(
            TEXT[slice(*first)],
            *first,
            QuoteKind.DIRECT,
            Speaker(
                "Vladimir Putin",
                "Putin",
                *putin,
                Resolution.EXPLICIT,
                role="Russian President",
                label="PERSON",
            ),
            Cue("replied", "reply", *replied),
            art,
            sentence_index=0,
            paragraph_index=0,
            confidence=0.9,
            detection=Detection.QUOTATION_MARKS,
        ),
        # A speaker without offsets, role or label, and no cue of its own.
        Quote(
            TEXT[slice(*second)],
            *second,
            QuoteKind.DIRECT,
            Speaker("Vladimir Putin", "Putin", resolution=Resolution.ADJACENT_QUOTE),
            None,
            art,
            sentence_index=1,
            confidence=0.5,
        ),
        # No speaker and no cue.
        Quote(
            TEXT[slice(*third)],
            *third,
            QuoteKind.PARTIAL,
            None,
            None,
            art,
            sentence_index=2,
            paragraph_index=1,
            confidence=1 / 3,
        ),
    ]


def small_articles(count: int, *, start: int = 0) -> List[Article]:
    """``count`` short, different articles with one quote each, quick to parse."""
    return [
        Article(f"“Point {i} stands,” Smith said.\n\nShe left at {i} o'clock.", id=f"small-{i}")
        for i in range(start, start + count)
    ]


class RecordingExtractor:
    """Wraps an extractor and records the id of every article it is given to parse."""

    def __init__(self, inner: QuoteExtractor) -> None:
        self.inner = inner
        self.parsed: List[str] = []

    def pipe(
        self, articles: Iterable[Article], *, batch_size: int = 16, n_process: int = 1
    ) -> Iterator[List[Quote]]:
        def record() -> Iterator[Article]:
            for article in articles:
                self.parsed.append(article.id)
                yield article

        return self.inner.pipe(record(), batch_size=batch_size, n_process=n_process)


def recording(extractor: QuoteExtractor) -> Tuple[QuoteExtractor, RecordingExtractor]:
    """The recording wrapper, typed as what run_corpus takes, and as itself."""
    wrapper = RecordingExtractor(extractor)
    return cast(QuoteExtractor, wrapper), wrapper


# -- the file and its schema ------------------------------------------------------------


def test_store_keeps_its_content_when_reopened(tmp_path: Path) -> None:
    art, quotes = handmade()
    with QuoteStore(tmp_path / "quotes.db") as store:
        store.add(art, quotes)
    with QuoteStore(tmp_path / "quotes.db") as store:
        assert list(store.iter_pairs()) == [(art, quotes)]


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a database, just some words\n" * 100, encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.txt"):
        QuoteStore(text_file)

    other = tmp_path / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE people (name TEXT)")
    db.commit()
    db.close()
    with pytest.raises(InputError, match="not a quoteattr store"):
        QuoteStore(other)


def test_close_twice_is_harmless(tmp_path: Path) -> None:
    store = QuoteStore(tmp_path / "quotes.db")
    store.close()
    store.close()


# -- round trips -------------------------------------------------------------------------


def test_handmade_quotes_round_trip_with_and_without_speaker_and_cue() -> None:
    art, quotes = handmade()
    with QuoteStore(":memory:") as store:
        assert store.add(art, quotes) is True
        assert list(store.articles()) == [art]
        assert list(store.quotes()) == quotes
        assert list(store.iter_pairs()) == [(art, quotes)]
        assert (store.count_articles(), store.count_quotes()) == (1, 3)
        assert store.has(content_id(TEXT))


def test_extracted_seed_quotes_round_trip(seed_quotes: Dict[str, List[Quote]]) -> None:
    pairs = [(quotes[0].article, quotes) for quotes in seed_quotes.values() if quotes]
    assert len(pairs) == len(seed_quotes)
    with QuoteStore(":memory:") as store:
        assert store.add_many(pairs) == len(pairs)
        assert list(store.iter_pairs()) == pairs
        read = list(store.quotes())
    assert read == [q for _, quotes in pairs for q in quotes]
    for quote in read:
        assert quote.article.text[quote.start : quote.end] == quote.text
    # The seeds give quotes of several kinds, with speakers found in several ways.
    assert len({q.kind for q in read}) > 1
    assert len({q.speaker.resolution for q in read if q.speaker}) > 1


def test_an_article_without_quotes_is_stored() -> None:
    art = Article("Nobody said anything today.", id="quiet")
    with QuoteStore(":memory:") as store:
        assert store.add(art, [])
        assert list(store.iter_pairs()) == [(art, [])]
        assert list(store.quotes()) == []


def test_quotes_of_one_speaker() -> None:
    art, quotes = handmade()
    other = Article("“No,” Kim said.", id="kim")
    kim = Quote(
        "No,",
        1,
        4,
        QuoteKind.DIRECT,
        Speaker("Kim", "Kim", 6, 9),
        Cue("said", "say", 10, 14),
        other,
    )
    with QuoteStore(":memory:") as store:
        store.add(art, quotes)
        store.add(other, [kim])
        assert list(store.quotes(speaker="Vladimir Putin")) == quotes[:2]
        assert list(store.quotes(speaker="Kim")) == [kim]
        assert list(store.quotes(speaker="Nobody")) == []
        assert len(list(store.quotes())) == 4


# -- idempotence and deduplication -------------------------------------------------------


def test_adding_the_same_article_again_changes_nothing() -> None:
    art, quotes = handmade()
    with QuoteStore(":memory:") as store:
        assert store.add(art, quotes) is True
        before = store.dump()
        assert store.add(art, quotes) is False
        assert store.add(art, quotes[:1]) is False  # other quotes do not replace the stored
        assert store.add_many([(art, quotes), (art, [])]) == 0
        assert store.dump() == before


def test_the_same_text_under_two_ids_is_stored_once_first_id_wins() -> None:
    art, quotes = handmade()
    renamed = attrs.evolve(art, id="copy", title="Another title")
    with QuoteStore(":memory:") as store:
        store.add(art, quotes)
        assert store.add(renamed, [attrs.evolve(q, article=renamed) for q in quotes]) is False
        assert list(store.articles()) == [art]
        assert list(store.quotes()) == quotes


def test_add_many_stores_all_or_nothing() -> None:
    art, quotes = handmade()
    other = Article("Another text.", id="other")
    with QuoteStore(":memory:") as store:
        with pytest.raises(InvalidInputError, match="quote of article 'handmade'"):
            store.add_many([(other, []), (Article("More text.", id="x"), quotes)])
        assert store.count_articles() == 0
        assert store.add_many([(other, []), (art, quotes)]) == 2


def test_add_batch_sets_aside_alone_an_article_sqlite_cannot_store() -> None:
    art, quotes = handmade()
    bad = Article("A lone surrogate \udc80 here.", id="bad")
    other = Article("Another text.", id="other")
    with QuoteStore(":memory:") as store:
        stored = store.add_batch([(art, quotes), (bad, []), (other, []), (art, quotes)])
        assert (stored.articles, stored.quotes) == (2, 3)
        [(failed, error)] = stored.failed
        assert failed is bad and isinstance(error, UnicodeEncodeError)
        assert [a.id for a in store.articles()] == ["handmade", "other"]
        # What is not an article with its quotes is refused whole, as by add_many.
        with pytest.raises(InvalidInputError):
            store.add_batch([(Article("New text.", id="new"), []), (other, ["a quote"])])  # type: ignore[list-item]
        assert store.count_articles() == 2
        with pytest.raises(UnicodeEncodeError):
            store.add_many([(bad, [])])


def test_add_refuses_what_it_cannot_store() -> None:
    art, quotes = handmade()
    with QuoteStore(":memory:") as store:
        with pytest.raises(InvalidInputError):
            store.add(cast(Article, {"text": TEXT}), quotes)
        with pytest.raises(InvalidInputError):
            store.add(art, cast(List[Quote], ["a quote"]))
        assert store.count_articles() == 0


# -- run_corpus --------------------------------------------------------------------------


def test_run_corpus_stores_what_extract_finds(plain_extractor: QuoteExtractor) -> None:
    articles = small_articles(10)
    with QuoteStore(":memory:") as store:
        stats = run_corpus(articles, store, plain_extractor, batch_size=4)
        assert list(store.iter_pairs()) == list(zip(articles, plain_extractor.pipe(articles)))
        assert stats == RunStats(
            articles_seen=10,
            articles_added=10,
            articles_skipped=0,
            quotes_added=store.count_quotes(),
            errors=0,
        )
        assert stats.quotes_added >= 10


def test_run_corpus_skips_stored_texts_before_parsing(plain_extractor: QuoteExtractor) -> None:
    """Dedup is by text: the id seen first is kept, and a known text is never parsed again."""
    first = small_articles(5)
    extractor, recorder = recording(plain_extractor)
    with QuoteStore(":memory:") as store:
        run_corpus(first[:3], store, extractor)
        recorder.parsed.clear()
        items = [
            *first[:4],
            attrs.evolve(first[3], id="copy-of-3"),  # a text parsed in this run, not yet stored
            first[4],
            attrs.evolve(first[0], id="copy-of-0"),  # a text stored by the run before
        ]
        stats = run_corpus(items, store, extractor)
        assert recorder.parsed == ["small-3", "small-4"]
        assert stats == RunStats(
            articles_seen=7,
            articles_added=2,
            articles_skipped=5,
            quotes_added=stats.quotes_added,
            errors=0,
        )
        assert list(store.articles()) == first


def test_run_corpus_reports_bad_items_and_goes_on(
    plain_extractor: QuoteExtractor, caplog: pytest.LogCaptureFixture
) -> None:
    articles = small_articles(4)
    bad = [InputError("broken.jsonl:2: bad record"), InputError("missing.txt: no such file")]
    items: List[Union[Article, InputError]] = [articles[0], bad[0], *articles[1:3], bad[1]]
    items.append(articles[3])
    reported: List[InputError] = []
    done: List[int] = []
    with QuoteStore(":memory:") as store:
        stats = run_corpus(
            items,
            store,
            plain_extractor,
            batch_size=2,
            on_error=reported.append,
            progress=done.append,
        )
        assert [a.id for a in store.articles()] == [a.id for a in articles]
    assert reported == bad
    assert (stats.errors, stats.articles_seen, stats.articles_added) == (2, 4, 4)
    assert done == list(range(1, 7))

    # Without on_error, a bad input is logged, naming what was wrong.
    with QuoteStore(":memory:") as store:
        stats = run_corpus([bad[0], articles[0]], store, plain_extractor)
    assert stats.errors == 1 and stats.articles_added == 1
    assert "broken.jsonl:2: bad record" in caplog.text


def test_run_corpus_with_two_processes_stores_what_one_process_stores(
    extractor: QuoteExtractor, seed_texts: Dict[str, str]
) -> None:
    """Workers parse only: the dedup against the store and the writes stay in this process."""
    seeds = [Article(text, id=stem) for stem, text in seed_texts.items()]
    stored_before = seeds[0]
    items = [*seeds, attrs.evolve(seeds[1], id="copy-of-1")]  # a text repeated in the run
    dumps, all_stats = [], []
    for n_process in (1, 2):
        with QuoteStore(":memory:") as store:
            run_corpus([stored_before], store, extractor)
            all_stats.append(run_corpus(items, store, extractor, batch_size=2, n_process=n_process))
            dumps.append(store.dump())
    assert dumps[0] == dumps[1]
    assert all_stats[0] == all_stats[1]
    assert all_stats[1].articles_added == len(seeds) - 1
    assert all_stats[1].articles_skipped == 2


def fail_on_boom(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the quoteattr component fail on any text holding BOOM, as a bug would."""
    find_indirect = quoteattr._parse.component.find_indirect

    def failing(doc: Any, *args: Any, **kwargs: Any) -> Any:
        if "BOOM" in doc.text:
            raise RuntimeError("a bug met BOOM")
        return find_indirect(doc, *args, **kwargs)

    monkeypatch.setattr(quoteattr._parse.component, "find_indirect", failing)


@pytest.fixture
def fails_on_boom(monkeypatch: pytest.MonkeyPatch) -> None:
    fail_on_boom(monkeypatch)


def test_the_component_turns_a_bug_into_an_extraction_error(
    plain_extractor: QuoteExtractor, fails_on_boom: None
) -> None:
    with pytest.raises(ExtractionError, match="failed on article boom-1") as caught:
        plain_extractor.extract(Article("BOOM, “it broke,” he said.", id="boom-1"))
    assert caught.value.article_id == "boom-1"
    assert isinstance(caught.value.__cause__, RuntimeError)


@pytest.mark.parametrize("n_process", [1, 2])
def test_run_corpus_sets_aside_an_article_it_fails_on_and_goes_on(
    plain_extractor: QuoteExtractor, fails_on_boom: None, n_process: int
) -> None:
    articles = small_articles(7)
    articles[3] = Article("“BOOM goes the bug,” Jones said.", id="boom")
    reported: List[Any] = []
    with QuoteStore(":memory:") as store:
        stats = run_corpus(
            articles,
            store,
            plain_extractor,
            batch_size=4,
            n_process=n_process,
            on_error=reported.append,
        )
        assert stats == RunStats(
            articles_seen=7, articles_added=6, quotes_added=6, articles_failed=1
        )
        assert [e.article_id for e in reported] == ["boom"]
        assert isinstance(reported[0], ExtractionError)
        stored = {a.id for a in store.articles()}
        assert stored == {a.id for a in articles} - {"boom"}
        # The quotes of the articles that shared the failed batch are all there.
        assert sorted(q.text for q in store.quotes()) == sorted(
            f"Point {i} stands," for i in range(7) if i != 3
        )


def test_a_later_run_tries_a_set_aside_article_again(
    plain_extractor: QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    boom = Article("“BOOM goes the bug,” Jones said.", id="boom")
    with QuoteStore(":memory:") as store:
        with monkeypatch.context() as patch:
            fail_on_boom(patch)
            assert run_corpus([boom], store, plain_extractor).articles_failed == 1
        assert run_corpus([boom], store, plain_extractor).articles_added == 1
        assert [q.text for q in store.quotes()] == ["BOOM goes the bug,"]


def test_an_error_that_strikes_every_article_ends_the_run(
    plain_extractor: QuoteExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_model(*args: Any, **kwargs: Any) -> Any:
        raise ModelNotFoundError("the pipeline went away")

    monkeypatch.setattr(quoteattr._parse.component, "find_indirect", no_model)
    with QuoteStore(":memory:") as store, pytest.raises(ModelNotFoundError):
        run_corpus(small_articles(3), store, plain_extractor)


def test_an_error_of_the_input_is_not_taken_for_a_failed_article(
    plain_extractor: QuoteExtractor,
) -> None:
    items: List[Any] = [*small_articles(2), "not an article"]
    with QuoteStore(":memory:") as store, pytest.raises(InvalidInputError, match="takes Articles"):
        run_corpus(items, store, plain_extractor)


def test_run_corpus_refuses_a_bad_n_process(plain_extractor: QuoteExtractor) -> None:
    with QuoteStore(":memory:") as store, pytest.raises(InvalidInputError, match="n_process"):
        run_corpus(small_articles(1), store, plain_extractor, n_process=0)


def test_run_corpus_refuses_a_bad_batch_size(plain_extractor: QuoteExtractor) -> None:
    with QuoteStore(":memory:") as store, pytest.raises(InvalidInputError, match="batch_size"):
        run_corpus([], store, plain_extractor, batch_size=0)


def test_interrupted_run_keeps_what_it_parsed_and_resumes(
    plain_extractor: QuoteExtractor, tmp_path: Path
) -> None:
    """Ctrl-C mid-batch: what was parsed is stored, the rest is parsed on the next run."""
    articles = small_articles(11)
    with QuoteStore(tmp_path / "whole.db") as whole:
        run_corpus(articles, whole, plain_extractor, batch_size=4)
        expected = whole.dump()

    def interrupt_at_7(done: int) -> None:
        if done == 7:
            raise KeyboardInterrupt

    extractor, recorder = recording(plain_extractor)
    with QuoteStore(tmp_path / "resumed.db") as store:
        with pytest.raises(KeyboardInterrupt):
            run_corpus(articles, store, extractor, batch_size=4, progress=interrupt_at_7)
        assert store.count_articles() == 7  # one batch committed, and the 3 parsed after it
        recorder.parsed.clear()
        stats = run_corpus(articles, store, extractor, batch_size=4)
        assert recorder.parsed == [a.id for a in articles[7:]]
        assert (stats.articles_skipped, stats.articles_added) == (7, 4)
        assert store.dump() == expected


# -- resuming after kill -9 ----------------------------------------------------------------

BATCH = 16
#: The articles of the corpus the resume tests run on.
N_ARTICLES = 120
#: A run in its own process: ``corpus db kill_at``; with kill_at > 0 the process sends
#: itself SIGKILL after that many input items, part way through a batch.
WORKER = f"""
import json, os, signal, sys
import attrs
from quoteattr._parse.extractor import QuoteExtractor
from quoteattr._io.reading import iter_articles
from quoteattr._io.runner import run_corpus
from quoteattr._io.store import QuoteStore

corpus, db, kill_at = sys.argv[1], sys.argv[2], int(sys.argv[3])

def progress(done):
    if done == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)

with QuoteStore(db) as store:
    stats = run_corpus(
        iter_articles([corpus]), store, QuoteExtractor(coref=False),
        batch_size={BATCH}, on_error=lambda error: None, progress=progress,
    )
print(json.dumps(attrs.asdict(stats)))
"""


def write_corpus(path: Path) -> Path:
    """N_ARTICLES short articles as JSON Lines, with one bad line and two texts given twice."""
    paragraphs = [
        p.strip()
        for seed in sorted((ROOT / "seeds").glob("*.txt"))
        for p in seed.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 80
    ]
    records = [
        {"id": f"art-{i}", "text": f"{paragraphs[i % len(paragraphs)]}\n\nItem {i}."}
        for i in range(N_ARTICLES)
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    # A duplicate within a batch, one of an article stored long before, and a bad line.
    lines.insert(50, json.dumps({"id": "again-49", "text": records[49]["text"]}))
    lines.insert(100, json.dumps({"id": "again-10", "text": records[10]["text"]}))
    lines.insert(20, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_worker(corpus: Path, db: Path, kill_at: int = 0) -> subprocess.Popen[str]:
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(corpus), str(db), str(kill_at)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def finish(worker: subprocess.Popen[str]) -> Dict[str, Any]:
    """Wait for a worker that should succeed and return its RunStats as a dict."""
    out, err = worker.communicate(timeout=300)
    assert worker.returncode == 0, err
    stats: Dict[str, Any] = json.loads(out)
    return stats


def stored_articles(db: Path) -> Optional[int]:
    """Count the articles in a store another process is writing, or None if not ready yet."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            count: int = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            return count
        finally:
            con.close()
    except sqlite3.Error:
        return None


def articles_missing_quotes(db: Path) -> int:
    """Count the articles whose stored quotes are fewer or more than their n_quotes."""
    con = sqlite3.connect(db)
    try:
        count: int = con.execute(
            "SELECT count(*) FROM articles AS a WHERE n_quotes != "
            "(SELECT count(*) FROM quotes AS q WHERE q.article_hash = a.content_hash)"
        ).fetchone()[0]
        return count
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus_and_whole_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> Tuple[Path, Path, Dict[str, Any]]:
    """The corpus, and a store filled from it by one uninterrupted run in a subprocess."""
    folder = tmp_path_factory.mktemp("resume")
    corpus = write_corpus(folder / "corpus.jsonl")
    whole = folder / "whole.db"
    stats = finish(start_worker(corpus, whole))
    assert stats == {
        "articles_seen": N_ARTICLES + 2,
        "articles_added": N_ARTICLES,
        "articles_skipped": 2,
        "quotes_added": stats["quotes_added"],
        "errors": 1,
        "articles_failed": 0,
    }
    return corpus, whole, stats


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
@pytest.mark.parametrize("killer", ["itself", "the test"])
def test_run_killed_with_sigkill_resumes_to_the_same_store(
    corpus_and_whole_run: Tuple[Path, Path, Dict[str, Any]], tmp_path: Path, killer: str
) -> None:
    """kill -9 part way, run again: the same articles and quotes as a run never stopped."""
    corpus, whole, whole_stats = corpus_and_whole_run
    resumed = tmp_path / "resumed.db"
    if killer == "itself":  # at a known point, mid-batch
        worker = start_worker(corpus, resumed, kill_at=60)
        worker.communicate(timeout=300)
    else:  # whenever the test sees 40 articles stored
        worker = start_worker(corpus, resumed)
        deadline = time.monotonic() + 300
        while (stored_articles(resumed) or 0) < 40:
            assert worker.poll() is None, worker.communicate()[1]
            assert time.monotonic() < deadline, "the worker stored too few articles in time"
            time.sleep(0.02)
        worker.kill()
        worker.communicate(timeout=60)
    assert worker.returncode == -signal.SIGKILL

    with QuoteStore(resumed) as store:
        killed_at = store.count_articles()
        # Only whole batches were committed, and every article stored has all its quotes.
        assert 40 <= killed_at < N_ARTICLES and killed_at % BATCH == 0
    assert articles_missing_quotes(resumed) == 0

    # Run again, here: the store the killed process left is all a run resumes from (as
    # the worker runs, without a process of its own to start).
    from quoteattr._io.reading import iter_articles

    with QuoteStore(resumed) as store:
        again = run_corpus(
            iter_articles([corpus]),
            store,
            QuoteExtractor(coref=False),
            batch_size=BATCH,
            on_error=lambda error: None,
        )
    stats = attrs.asdict(again)
    assert stats["articles_added"] == N_ARTICLES - killed_at
    assert stats["articles_skipped"] == N_ARTICLES + 2 - stats["articles_added"]
    assert stats["errors"] == 1

    with QuoteStore(whole) as a, QuoteStore(resumed) as b:
        assert b.dump() == a.dump()
        assert (b.count_articles(), b.count_quotes()) == (N_ARTICLES, whole_stats["quotes_added"])
        assert [x.id for x in b.articles()] == [x.id for x in a.articles()]
        ids = {x.id for x in b.articles()}
    assert "art-10" in ids and "again-10" not in ids and "again-119" not in ids


def test_quoteattr_run_reports_a_set_aside_article_and_exits_1(
    tmp_path: Path, fails_on_boom: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from quoteattr.cli import main

    (tmp_path / "good.txt").write_text("“All is well,” Smith said.", encoding="utf-8")
    (tmp_path / "bad.txt").write_text("“BOOM goes the bug,” Jones said.", encoding="utf-8")
    db = str(tmp_path / "q.sqlite")
    assert main(["run", str(tmp_path), "--db", db, "-q", "--no-coref"]) == 1
    err = capsys.readouterr().err
    assert "quoteattr failed on article bad" in err
    assert "1 article added (1 quote)" in err and "1 set aside" in err
