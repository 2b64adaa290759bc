"""The store's schema: its columns are the flat record's, and older stores are read and upgraded.

``tests/data/store_v2.sqlite`` was written by quoteattr 0.1.0 (schema version 2, whose
quote columns ``speaker_name`` and ``cue_text`` are now ``speaker`` and ``cue``) from
the articles and quotes of :func:`stored_in_v2`, with
``QuoteStore(path).add(article, quotes)`` for each pair.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import attrs
import pytest

from quoteattr import Article, Cue, Detection, InputError, Quote, Speaker
from quoteattr._io import schema
from quoteattr._io.schema import QUOTE_COLUMNS, SCHEMA_VERSION
from quoteattr._io.store import QuoteStore
from quoteattr._quotes.records import QUOTE_RECORD_FIELDS

V2_STORE = Path(__file__).resolve().parent / "data" / "store_v2.sqlite"


def stored_in_v2() -> list[tuple[Article, list[Quote]]]:
    """The articles and quotes of ``store_v2.sqlite``, in the order they were added."""
    a1 = Article(
        "“We will open the plant in May,” Ann Lee said. Tom Diaz said that the plan was late.",
        id="acme-1",
        title="Acme opens a plant",
        outlet="Daily Test",
        url="https://example.com/acme-1",
        published="2020-05-01",
    )
    t = a1.text
    ann, tom = t.index("Ann"), t.index("Tom")
    said, said_that, late = t.index("said"), t.index("said that"), t.index("the plan was")
    q1 = Quote(
        "We will open the plant in May,",
        1,
        31,
        "direct",
        Speaker(
            "Ann Lee", "Ann Lee", ann, ann + 7, "explicit", role="chief executive", label="PERSON"
        ),
        Cue("said", "say", said, said + 4),
        a1,
        confidence=0.9,
        detection="quotation_marks",
    )
    q2 = Quote(
        t[late : len(t) - 1],
        late,
        len(t) - 1,
        "indirect",
        Speaker("Tom Diaz", "Tom Diaz", tom, tom + 8, "explicit"),
        Cue("said", "say", said_that, said_that + 4),
        a1,
        sentence_index=1,
        confidence=0.75,
        detection="clause",
    )
    a2 = Article(
        "Acme called the report “plainly wrong”.\n\nHe said: “Nobody asked us.”",
        id="acme-2",
        outlet="Daily Test",
    )
    t = a2.text
    plainly, nobody, he = t.index("plainly"), t.index("Nobody"), t.index("He")
    q3 = Quote(
        "plainly wrong",
        plainly,
        plainly + 13,
        "partial",
        Speaker("Acme", "Acme", 0, 4, "explicit", label="ORG"),
        Cue("called", "call", 5, 11),
        a2,
        confidence=0.5,
        detection="quotation_marks",
    )
    q4 = Quote(
        "Nobody asked us.",
        nobody,
        nobody + 16,
        "direct",
        Speaker("Tom Diaz", "He", he, he + 2, "previous_subject"),
        None,
        a2,
        sentence_index=1,
        paragraph_index=1,
        confidence=0.6,
    )
    a3 = Article("“Maybe,” a voice said. Nothing more.", id="acme-3")
    q5 = Quote(
        "Maybe,", 1, 7, "direct", None, Cue("said", "say", 16, 20), a3, confidence=0.3,
        detection="quotation_marks",
    )  # fmt: skip
    a4 = Article("No quotes here at all.", id="empty-4")
    return [(a1, [q1, q2]), (a2, [q3, q4]), (a3, [q5]), (a4, [])]


@pytest.fixture
def v2_store(tmp_path: Path) -> Path:
    """A copy of the store quoteattr 0.1.0 wrote."""
    path = tmp_path / "quotes.sqlite"
    shutil.copyfile(V2_STORE, path)
    return path


def version_and_columns(path: Path) -> tuple[int, list[str]]:
    db = sqlite3.connect(path)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        return version, [row[1] for row in db.execute("PRAGMA table_info(quotes)")]
    finally:
        db.close()


# -- a new store ----------------------------------------------------------------------------


def test_new_store_has_schema_version_wal_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "quotes.db"
    with QuoteStore(path) as store:
        assert store.count_articles() == store.count_quotes() == 0
        assert store.version == SCHEMA_VERSION
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        quote_columns = [row[1] for row in db.execute("PRAGMA table_info(quotes)")]
        article_columns = [row[1] for row in db.execute("PRAGMA table_info(articles)")]
    finally:
        db.close()
    assert {"id", "content_hash", "text", "n_quotes", "added_at"} <= set(article_columns)
    assert quote_columns == list(QUOTE_COLUMNS)


def test_the_quote_columns_are_the_flat_records_fields() -> None:
    assert QUOTE_COLUMNS[:2] == ("article_hash", "ordinal")
    fields = QUOTE_COLUMNS[2:]
    assert list(fields) == [f for f in QUOTE_RECORD_FIELDS if f in fields]  # same order
    assert {"speaker", "speaker_mention", "cue", "cue_lemma", "detection"} <= set(fields)
    # The article's metadata live in `articles`; the profile is the corpus's.
    assert set(QUOTE_RECORD_FIELDS) - set(fields) == {
        "article_id", "title", "outlet", "url", "published", "profile"
    }  # fmt: skip


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "quotes.db"
    QuoteStore(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    for readonly in (False, True):
        with pytest.raises(InputError, match="schema version"):
            QuoteStore(path, readonly=readonly)


# -- a store of quoteattr 0.1.0 (schema version 2) ----------------------------------------


def test_the_fixture_is_a_version_2_store() -> None:
    version, columns = version_and_columns(V2_STORE)
    assert version == 2
    assert {"speaker_name", "cue_text"} <= set(columns)
    assert not {"speaker", "cue"} & set(columns)


def test_a_version_2_store_is_upgraded_when_opened_for_writing(v2_store: Path) -> None:
    with QuoteStore(v2_store, readonly=True) as store:
        dump_before = store.dump()
    with QuoteStore(v2_store) as store:
        assert store.version == SCHEMA_VERSION == 4
        assert list(store.iter_pairs()) == stored_in_v2()
        assert list(store.quotes()) == [q for _, quotes in stored_in_v2() for q in quotes]
        assert [q.text for q in store.quotes(speaker="Tom Diaz")] == [
            "the plan was late",
            "Nobody asked us.",
        ]
        assert store.dump() == dump_before
    version, columns = version_and_columns(v2_store)
    assert version == SCHEMA_VERSION
    assert columns == list(QUOTE_COLUMNS)
    db = sqlite3.connect(v2_store)
    try:  # the speaker index follows its column
        [index] = db.execute("SELECT sql FROM sqlite_master WHERE name = 'quotes_speaker'")
    finally:
        db.close()
    assert "speaker_name" not in index[0] and "speaker" in index[0]


def test_an_upgraded_store_counts_no_pronouns(v2_store: Path) -> None:
    """Version 4's counts of gendered pronouns are 0 for the quotes stored before it."""
    with QuoteStore(v2_store, readonly=True) as store:
        read_only = [q.speaker for q in store.quotes()]
    with QuoteStore(v2_store) as store:
        assert store.version == 4
        upgraded = [q.speaker for q in store.quotes()]
    assert upgraded == read_only
    counts = {(s.male_refs, s.female_refs) for s in upgraded if s is not None}
    assert counts == {(0, 0)}
    db = sqlite3.connect(v2_store)
    try:
        rows = db.execute(
            "SELECT speaker, speaker_male_refs, speaker_female_refs FROM quotes"
        ).fetchall()
    finally:
        db.close()
    assert rows and all((m, f) == ((0, 0) if s else (None, None)) for s, m, f in rows)


def test_pronoun_counts_are_stored(tmp_path: Path) -> None:
    article = Article("“Fine,” Ann Lee said.", id="new")
    speaker = Speaker("Ann Lee", "Ann Lee", 8, 15, male_refs=0, female_refs=2)
    quote = Quote("Fine,", 1, 6, "direct", speaker, None, article)
    with QuoteStore(tmp_path / "q.sqlite") as store:
        assert store.add(article, [quote])
    with QuoteStore(tmp_path / "q.sqlite", readonly=True) as store:
        [stored] = store.quotes()
    assert stored.speaker is not None and stored.speaker.female_refs == 2


def test_an_upgraded_store_takes_new_articles(v2_store: Path) -> None:
    article = Article("“Fine,” Ann Lee said.", id="new")
    quote = Quote("Fine,", 1, 6, "direct", Speaker("Ann Lee", "Ann Lee", 8, 15), None, article)
    with QuoteStore(v2_store) as store:
        assert store.add(article, [quote])
    with QuoteStore(v2_store, readonly=True) as store:
        assert list(store.iter_pairs()) == [*stored_in_v2(), (article, [quote])]
        assert store.count_quotes() == 6


def test_a_version_2_store_is_read_as_it_is_when_opened_read_only(v2_store: Path) -> None:
    before = v2_store.read_bytes()
    with QuoteStore(v2_store, readonly=True) as store:
        assert store.version == 2
        assert list(store.iter_pairs()) == stored_in_v2()
        assert list(store.quotes()) == [q for _, quotes in stored_in_v2() for q in quotes]
        assert [q.speaker_name for q in store.quotes(speaker="Ann Lee")] == ["Ann Lee"]
        assert len(store.dump()["quotes"]) == 5
    assert v2_store.read_bytes() == before
    assert version_and_columns(v2_store)[0] == 2


def test_a_failed_upgrade_leaves_the_store_as_it_was(
    v2_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_done(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE quotes RENAME COLUMN speaker_name TO speaker")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(schema._UPGRADES, 2, half_done)
    with pytest.raises(InputError, match="disk I/O error"):
        QuoteStore(v2_store)
    version, columns = version_and_columns(v2_store)
    assert version == 2 and "speaker_name" in columns
    monkeypatch.undo()
    with QuoteStore(v2_store) as store:
        assert list(store.iter_pairs()) == stored_in_v2()


# -- a store of schema version 1 (no detection) ----------------------------------------------


@pytest.fixture
def v1_store(v2_store: Path) -> Path:
    """The store of version 2 made the layout of version 1: without ``detection``."""
    db = sqlite3.connect(v2_store)
    db.execute("ALTER TABLE quotes DROP COLUMN detection")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    return v2_store


def v1_quotes() -> list[Quote]:
    """What version 1 knows of the quotes: quotes in marks were found by quotation marks."""
    return [
        attrs.evolve(
            q, detection=Detection.QUOTATION_MARKS if q.kind in ("direct", "partial") else None
        )
        for _, quotes in stored_in_v2()
        for q in quotes
    ]


def test_a_version_1_store_is_upgraded_in_place(v1_store: Path) -> None:
    with QuoteStore(v1_store) as store:
        stored = list(store.quotes())
    # Quotes in marks get their detection back; nothing else changed.
    assert stored == v1_quotes()
    marks = Detection.QUOTATION_MARKS
    assert [q.detection for q in stored] == [marks, None, marks, marks, marks]
    assert [attrs.evolve(q, detection=None) for q in stored] == [
        attrs.evolve(q, detection=None) for _, quotes in stored_in_v2() for q in quotes
    ]
    assert version_and_columns(v1_store) == (SCHEMA_VERSION, list(QUOTE_COLUMNS))


def test_a_version_1_store_is_read_as_it_is_when_opened_read_only(v1_store: Path) -> None:
    with QuoteStore(v1_store, readonly=True) as store:
        assert store.version == 1
        assert list(store.quotes()) == v1_quotes()
    assert version_and_columns(v1_store)[0] == 1
