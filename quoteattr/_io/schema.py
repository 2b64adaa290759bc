"""The quote store's tables: their SQL, their columns, their rows, and the upgrades of older stores.

The ``quotes`` table has the columns of the flat quote record
(:data:`~quoteattr.QUOTE_RECORD_FIELDS`) but the article's metadata, kept once
in ``articles``, and the speaker's profile, which belongs to a corpus analysis, not to
a quote. A row is made by :func:`~quoteattr.quote_record` and read back by
:func:`~quoteattr.quote_from_record`, so the store and the quote files hold one
record. The version of the layout is SQLite's ``PRAGMA user_version``.

Versions: 1 had no ``detection``; 2 (quoteattr 0.1.0) named the speaker's and the cue's
columns ``speaker_name`` and ``cue_text``; 3 names every column as the flat record does;
4 adds ``speaker_male_refs`` and ``speaker_female_refs`` (the gendered pronouns that refer
to the speaker, 0 in an upgraded store).
A store opened for writing is upgraded in place (:func:`upgrade`); one opened read-only
is read as it is, through :func:`quote_select`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from quoteattr._quotes.model import Article, Quote
from quoteattr._quotes.records import QUOTE_RECORD_FIELDS, quote_from_record, quote_record

__all__ = [
    "ARTICLE_COLUMNS",
    "QUOTE_COLUMNS",
    "SCHEMA_VERSION",
    "article_from_row",
    "article_row",
    "create_tables",
    "quote_from_row",
    "quote_row",
    "quote_select",
    "upgrade",
    "user_version",
]

#: The version of the store's table layout, kept in SQLite's ``PRAGMA user_version``.
SCHEMA_VERSION = 4

# No ";" but between statements: create_tables() splits the text on it.
_TABLES = """
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY,            -- insertion order
    id TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,  -- content_id(text): the key articles are deduplicated by
    title TEXT,
    outlet TEXT,
    url TEXT,
    published TEXT,
    text TEXT NOT NULL,
    n_quotes INTEGER NOT NULL,
    added_at TEXT NOT NULL              -- UTC, ISO 8601
);
CREATE INDEX IF NOT EXISTS articles_id ON articles (id);
CREATE TABLE IF NOT EXISTS quotes (
    article_hash TEXT NOT NULL REFERENCES articles (content_hash),
    ordinal INTEGER NOT NULL,           -- the quote's place in its article, from 0
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,                       -- the speaker's name (NULL: no speaker)
    speaker_mention TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    resolution TEXT,
    role TEXT,
    label TEXT,
    cue TEXT,                           -- the cue's text (NULL: no cue)
    cue_lemma TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    sentence_index INTEGER NOT NULL,
    paragraph_index INTEGER NOT NULL,
    confidence REAL NOT NULL,
    detection TEXT,                     -- Detection: how the content was found (NULL: not known)
    speaker_male_refs INTEGER,          -- gendered pronouns that refer to the speaker (NULL: no speaker)
    speaker_female_refs INTEGER,
    PRIMARY KEY (article_hash, ordinal)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker);
"""

#: The columns of ``articles`` that hold an article (all but the insertion order and time).
ARTICLE_COLUMNS = ("id", "content_hash", "title", "outlet", "url", "published", "text", "n_quotes")

#: Fields of the flat record that ``quotes`` does not keep: the article's metadata, kept
#: once in ``articles``, and the speaker's profile, which is the corpus's, not the quote's.
_NOT_IN_QUOTES = frozenset({"article_id", "title", "outlet", "url", "published", "profile"})

#: The columns of ``quotes``: the article's hash and the quote's place in it, then the
#: quote's fields of the flat record, in its order and with its names.
QUOTE_COLUMNS = (
    "article_hash",
    "ordinal",
    *(field for field in QUOTE_RECORD_FIELDS if field not in _NOT_IN_QUOTES),
)

#: What the content of version 1's missing ``detection`` was: quotation marks for the
#: quotes in marks; how it found reported speech was not recorded.
_DETECTION_OF_VERSION_1 = "CASE WHEN {t}kind IN ('direct', 'partial') THEN 'quotation_marks' END"

#: How each older version holds the quote columns it names otherwise: an SQL expression
#: a column, with ``{t}`` for the table's alias.
#: Before version 4 no pronouns were counted: 0 for a quote with a speaker.
_REFS_OF_VERSION_3 = "CASE WHEN {t}{speaker} IS NOT NULL THEN 0 END"
_NO_REFS = {
    "speaker_male_refs": _REFS_OF_VERSION_3,
    "speaker_female_refs": _REFS_OF_VERSION_3,
}
_OLDER_COLUMNS: dict[int, dict[str, str]] = {
    3: {k: v.replace("{speaker}", "speaker") for k, v in _NO_REFS.items()},
    2: {
        "speaker": "{t}speaker_name",
        "cue": "{t}cue_text",
        **{k: v.replace("{speaker}", "speaker_name") for k, v in _NO_REFS.items()},
    },
    1: {
        "speaker": "{t}speaker_name",
        "cue": "{t}cue_text",
        "detection": _DETECTION_OF_VERSION_1,
        **{k: v.replace("{speaker}", "speaker_name") for k, v in _NO_REFS.items()},
    },
}


def columns(names: Sequence[str], table: str = "") -> str:
    """The comma-separated SQL list of column names, each after ``table.`` if a table is given."""
    prefix = f"{table}." if table else ""
    return ", ".join(f'{prefix}"{name}"' for name in names)


def quote_column(name: str, version: int, table: str = "") -> str:
    """The SQL expression of a quote column in a store of ``version``, after ``table.`` if given."""
    prefix = f"{table}." if table else ""
    expression = _OLDER_COLUMNS.get(version, {}).get(name)
    return expression.format(t=prefix) if expression else f'{prefix}"{name}"'


def quote_select(version: int, table: str = "") -> str:
    """The SQL list selecting :data:`QUOTE_COLUMNS`, in order, from a store of ``version``."""
    return ", ".join(quote_column(name, version, table) for name in QUOTE_COLUMNS)


def user_version(db: sqlite3.Connection) -> int:
    """The store's schema version (0: a new or foreign file)."""
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def create_tables(db: sqlite3.Connection) -> None:
    """Make the tables of :data:`SCHEMA_VERSION`, in the caller's transaction."""
    # One statement at a time: executescript() would commit the open transaction.
    for statement in _TABLES.split(";"):
        if statement.strip():
            db.execute(statement)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _add_detection(db: sqlite3.Connection) -> None:
    """1 to 2: add the ``detection`` column (see :data:`_DETECTION_OF_VERSION_1`)."""
    db.execute("ALTER TABLE quotes ADD COLUMN detection TEXT")
    db.execute(f"UPDATE quotes SET detection = {_DETECTION_OF_VERSION_1.format(t='')}")


def _rename_to_record_fields(db: sqlite3.Connection) -> None:
    """2 to 3: name the columns as the flat record does (their index follows them)."""
    for new in ("speaker", "cue"):
        old = _OLDER_COLUMNS[2][new]
        db.execute(f'ALTER TABLE quotes RENAME COLUMN {old.format(t="")} TO "{new}"')


def _add_pronoun_counts(db: sqlite3.Connection) -> None:
    """3 to 4: add the counts of gendered pronouns, 0 for each quote with a speaker."""
    for name in _NO_REFS:
        db.execute(f'ALTER TABLE quotes ADD COLUMN "{name}" INTEGER')
        db.execute(f'UPDATE quotes SET "{name}" = {_OLDER_COLUMNS[3][name].format(t="")}')


#: The step from each older version to the next.
_UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _add_detection,
    2: _rename_to_record_fields,
    3: _add_pronoun_counts,
}


def upgrade(db: sqlite3.Connection, version: int) -> None:
    """Upgrade a store of ``version`` (< :data:`SCHEMA_VERSION`) one version, in the caller's transaction."""
    _UPGRADES[version](db)
    db.execute(f"PRAGMA user_version = {version + 1}")


def article_row(article: Article, content_hash: str, n_quotes: int) -> tuple[Any, ...]:
    """The values of :data:`ARTICLE_COLUMNS` for an article."""
    return (
        article.id,
        content_hash,
        article.title,
        article.outlet,
        article.url,
        article.published,
        article.text,
        n_quotes,
    )


def article_from_row(row: Sequence[Any]) -> Article:
    """Rebuild an article from a row of :data:`ARTICLE_COLUMNS`."""
    article_id, _, title, outlet, url, published, text, _ = row
    return Article(text, id=article_id, title=title, outlet=outlet, url=url, published=published)


def quote_row(content_hash: str, ordinal: int, quote: Quote) -> tuple[Any, ...]:
    """The values of :data:`QUOTE_COLUMNS` for a quote: its flat record, NULL where empty."""
    record = quote_record(quote)
    return (content_hash, ordinal, *(record[name] for name in QUOTE_COLUMNS[2:]))


def quote_from_row(row: Sequence[Any], article: Article) -> Quote:
    """Rebuild a quote of ``article`` from a row of :data:`QUOTE_COLUMNS`."""
    return quote_from_record(dict(zip(QUOTE_COLUMNS, row)), article=article)
