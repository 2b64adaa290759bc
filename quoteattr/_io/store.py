"""An embedded SQLite store of articles and their quotes.

A :class:`QuoteStore` is one SQLite file (standard-library :mod:`sqlite3`, WAL mode)
with two tables: ``articles``, one row per distinct article text, and ``quotes``, the
quotes of each article, one flat record a row (their layout is in
:mod:`quoteattr._io.schema`). An article and all its quotes are written in one
transaction, so an article is either stored whole or not at all. Articles are keyed by
the hash of their text (:func:`~quoteattr._quotes.model.content_id`), not by their id, so the
same text is stored once whatever it is called.

:func:`~quoteattr.run_corpus` fills a store from a stream of articles,
resumably.

>>> from quoteattr import Article, Quote, QuoteKind
>>> article = Article("“Yes,” Kim said.", id="a1")
>>> quote = Quote("Yes,", 1, 5, QuoteKind.DIRECT, None, None, article)
>>> with QuoteStore(":memory:") as store:
...     store.add(article, [quote]), store.add(article, [quote])
...     list(store.quotes()) == [quote], store.count_articles()
(True, False)
(True, 1)
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Optional, Union

import attrs

from quoteattr._io import schema
from quoteattr._io.schema import ARTICLE_COLUMNS, QUOTE_COLUMNS, SCHEMA_VERSION, columns
from quoteattr._quotes.model import Article, Quote, content_id
from quoteattr.errors import InputError, InvalidInputError

__all__ = ["SCHEMA_VERSION", "QuoteStore", "StoreDump", "StoredBatch"]

PathLike = Union[str, "os.PathLike[str]"]
#: What :meth:`QuoteStore.dump` returns: the rows of each table, by table name.
StoreDump = dict[str, list[tuple[Any, ...]]]

# OR IGNORE: an article whose text is stored already is left as it is (see QuoteStore.add).
_INSERT_ARTICLE = (
    f"INSERT OR IGNORE INTO articles ({columns(ARTICLE_COLUMNS)}, added_at) "
    f"VALUES ({', '.join('?' * (len(ARTICLE_COLUMNS) + 1))})"
)
_INSERT_QUOTE = (
    f"INSERT INTO quotes ({columns(QUOTE_COLUMNS)}) VALUES ({', '.join('?' * len(QUOTE_COLUMNS))})"
)


@attrs.frozen
class StoredBatch:
    """What :meth:`QuoteStore.add_batch` did."""

    #: Articles stored (not those whose text was stored already).
    articles: int = 0
    #: Quotes stored, of those articles.
    quotes: int = 0
    #: Articles that could not be stored, each with the error that stopped it.
    failed: tuple[tuple[Article, Exception], ...] = ()


class QuoteStore:
    """An SQLite file of articles and their quotes; use it as a context manager.

    The file is created, with its tables, if it does not exist (for writing; a file that
    cannot be written raises :class:`~quoteattr.errors.InputError` at once). ``":memory:"`` gives a
    store that lives only as long as the object. A file that is not a quoteattr store,
    or one written by a newer quoteattr, raises :class:`~quoteattr.errors.InputError`.
    A store of an older quoteattr is upgraded in place, in one transaction, when it is
    opened for writing.

    With ``readonly``, the file is only read: it must exist and be a quoteattr store,
    nothing is written to it (no WAL switch, no upgrade, no new file), and it can be read
    from a read-only file or folder. A store of an older quoteattr is read as it is.

    A store belongs to the thread that opened it. Several processes may open the same
    file; SQLite serialises their writes, and the content hash keeps each article once.
    """

    def __init__(self, path: PathLike, *, readonly: bool = False) -> None:
        self.path = os.fspath(path)
        #: True if the store was opened only to be read.
        self.readonly = readonly
        if readonly:
            self._db = self._connect_readonly()
        else:
            try:
                # isolation_level=None: transactions are begun and ended explicitly below.
                self._db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            except sqlite3.Error as exc:
                raise InputError(f"{self.path}: cannot open the store: {exc}") from None
        try:
            #: The schema version of the file: :data:`SCHEMA_VERSION`, or an older one
            #: when a store of an older quoteattr is opened read-only.
            self.version = self._check_readable() if readonly else self._prepare()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise InputError(f"{self.path}: cannot be opened as a quoteattr store: {exc}") from None
        except BaseException:
            self._db.close()
            raise

    def _connect_readonly(self) -> sqlite3.Connection:
        """Open the file without writing to it: not even a WAL index, where none can be made."""
        if self.path != ":memory:" and not os.path.isfile(self.path):
            raise InputError(f"{self.path}: no such store")
        if self.path == ":memory:":
            return sqlite3.connect(self.path, isolation_level=None)
        uri = "file:" + urllib.parse.quote(os.path.abspath(self.path))
        try:
            db = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=30.0, isolation_level=None)
            db.execute("PRAGMA user_version").fetchone()
            return db
        except sqlite3.OperationalError:
            # A WAL store in a folder this user cannot write: read it as it stands.
            try:
                return sqlite3.connect(uri + "?immutable=1", uri=True, isolation_level=None)
            except sqlite3.Error as exc:
                raise InputError(f"{self.path}: cannot open the store: {exc}") from None

    def _check_readable(self) -> int:
        version = schema.user_version(self._db)
        if version == 0 and self.path != ":memory:":
            raise InputError(f"{self.path}: not a quoteattr store")
        self._refuse_newer(version, "")
        if version == 0:
            schema.create_tables(self._db)  # an empty in-memory store
            return SCHEMA_VERSION
        return version

    def _prepare(self) -> int:
        self._db.execute("PRAGMA foreign_keys = ON")
        # Checked before anything is written: another application's SQLite file is
        # refused as it was found (its journal mode is not switched to WAL).
        version = schema.user_version(self._db)
        if version == 0:
            self._refuse_foreign_tables()
        self._refuse_newer(version, ", or a new store")
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            raise InputError(
                f"{self.path}: the store cannot be written ({exc}); read commands can still read it"
            ) from None
        self._db.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL never corrupts the file and keeps every commit through a
        # crash or kill of the process; a power cut may undo the last commits, which a
        # resumed run then redoes.
        self._db.execute("PRAGMA synchronous = NORMAL")
        # Each step checks the version again inside its transaction: another process
        # may have made the tables or upgraded the store meanwhile.
        if schema.user_version(self._db) == 0:
            with self._transaction():
                if schema.user_version(self._db) == 0:
                    self._refuse_foreign_tables()
                    schema.create_tables(self._db)
        while (version := schema.user_version(self._db)) < SCHEMA_VERSION:
            with self._transaction():
                if schema.user_version(self._db) == version:
                    schema.upgrade(self._db, version)
        self._refuse_newer(version, ", or a new store")  # a newer quoteattr may have won the race
        return SCHEMA_VERSION

    def _refuse_newer(self, version: int, advice: str) -> None:
        if version > SCHEMA_VERSION:
            raise InputError(
                f"{self.path}: store schema version {version}, but this quoteattr reads "
                f"versions up to {SCHEMA_VERSION}; use the quoteattr that wrote it{advice}"
            )

    def _refuse_foreign_tables(self) -> None:
        tables = [row[0] for row in self._db.execute("SELECT name FROM sqlite_master")]
        if tables:
            # The tables are made in the same transaction that sets user_version, so a
            # file with tables and no version was not made by quoteattr.
            raise InputError(
                f"{self.path}: an SQLite file with other tables ({', '.join(sorted(tables))}), "
                "not a quoteattr store; give the path of a new or existing store"
            )

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Run the block in one write transaction: committed if it ends, rolled back if it raises."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._db.in_transaction:  # SQLite has already rolled back after some errors
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- opening and closing ------------------------------------------------------------

    def close(self) -> None:
        """Close the store's connection (closing twice is harmless)."""
        self._db.close()

    def __enter__(self) -> QuoteStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"QuoteStore({self.path!r})"

    # -- writing --------------------------------------------------------------------------

    def has(self, content_hash: str) -> bool:
        """Return True if an article whose text has this :func:`~quoteattr._quotes.model.content_id` is stored."""
        row = self._db.execute(
            "SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row is not None

    def add(self, article: Article, quotes: Sequence[Quote]) -> bool:
        """Store an article with its quotes; return False if its text was already stored.

        Adding an article whose text is already stored (under any id) changes nothing:
        the first one stored is kept, with its id and quotes. Every quote must belong to
        ``article`` (``quote.article == article``); they are stored in the order given.
        """
        return self.add_many([(article, quotes)]) == 1

    def add_many(self, pairs: Iterable[tuple[Article, Sequence[Quote]]]) -> int:
        """Store (article, quotes) pairs in one transaction; return how many articles were new.

        Each pair is stored as by :meth:`add`; if anything fails, none of them is stored.
        """
        return self._insert(pairs, isolate=False).articles

    def add_batch(self, pairs: Iterable[tuple[Article, Sequence[Quote]]]) -> StoredBatch:
        """Store (article, quotes) pairs in one transaction, setting aside what cannot be stored.

        Each pair is stored as by :meth:`add`, under a savepoint of its own: an article
        that cannot be stored (text SQLite cannot encode, say) is rolled back alone and
        returned in :attr:`StoredBatch.failed`, and the others are committed. A pair that
        is not an article with its quotes still raises
        :class:`~quoteattr.errors.InvalidInputError`, and nothing is stored.
        """
        return self._insert(pairs, isolate=True)

    def _insert(
        self, pairs: Iterable[tuple[Article, Sequence[Quote]]], *, isolate: bool
    ) -> StoredBatch:
        if self.readonly:
            raise InvalidInputError(f"{self.path}: the store was opened read-only")
        articles = quotes_stored = 0
        failed: list[tuple[Article, Exception]] = []
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        with self._transaction():
            for article, quotes in pairs:
                if isolate:
                    stored = self._insert_isolated(article, quotes, now, failed)
                else:
                    stored = self._insert_one(article, quotes, now)
                if stored is not None:
                    articles += 1
                    quotes_stored += stored
        return StoredBatch(articles, quotes_stored, tuple(failed))

    def _insert_isolated(
        self,
        article: Article,
        quotes: Sequence[Quote],
        now: str,
        failed: list[tuple[Article, Exception]],
    ) -> Optional[int]:
        """:meth:`_insert_one` under a savepoint: on failure, roll it back alone and add it to ``failed``."""
        self._db.execute("SAVEPOINT article")
        try:
            stored = self._insert_one(article, quotes, now)
        except (
            sqlite3.Error,
            ValueError,
        ) as exc:  # UnicodeEncodeError (a lone surrogate) is a ValueError
            self._db.execute("ROLLBACK TO article")
            self._db.execute("RELEASE article")
            failed.append((article, exc))
            return None
        self._db.execute("RELEASE article")
        return stored

    def _insert_one(self, article: Article, quotes: Sequence[Quote], now: str) -> Optional[int]:
        """Write one article and its quotes; return how many quotes, or None if it was stored."""
        content_hash = _check_pair(article, quotes)
        cursor = self._db.execute(
            _INSERT_ARTICLE, (*schema.article_row(article, content_hash, len(quotes)), now)
        )
        if cursor.rowcount != 1:
            return None  # already stored: keep the first one and its quotes
        self._db.executemany(
            _INSERT_QUOTE, (schema.quote_row(content_hash, n, q) for n, q in enumerate(quotes))
        )
        return len(quotes)

    # -- reading --------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn what a damaged or hand-changed store raises into an :class:`InputError`."""
        try:
            yield
        except InputError:
            raise
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"{self.path}: the store is damaged or cannot be read: {exc}"
            ) from None
        except (TypeError, ValueError) as exc:
            raise InputError(
                f"{self.path}: a stored row is not valid ({exc}); the store is damaged or was "
                "changed by other means than quoteattr"
            ) from None

    def _count(self, table: str) -> int:
        with self._reading():
            count: int = self._db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            return count

    def count_articles(self) -> int:
        """Return the number of articles stored."""
        return self._count("articles")

    def count_quotes(self) -> int:
        """Return the number of quotes stored."""
        return self._count("quotes")

    def articles(self) -> Iterator[Article]:
        """Yield the stored articles in the order they were added."""
        with self._reading():
            for row in self._db.execute(
                f"SELECT {columns(ARTICLE_COLUMNS)} FROM articles ORDER BY seq"
            ):
                yield schema.article_from_row(row)

    def quotes(self, speaker: Optional[str] = None) -> Iterator[Quote]:
        """Yield the stored quotes, each with its article, in the order they were added.

        With ``speaker``, only the quotes whose speaker's name is exactly that.
        """
        where = (
            ""
            if speaker is None
            else f"WHERE {schema.quote_column('speaker', self.version, 'q')} = ?"
        )
        with self._reading():
            rows = self._db.execute(
                f"SELECT {columns(ARTICLE_COLUMNS, 'a')}, {schema.quote_select(self.version, 'q')} "
                f"FROM quotes AS q JOIN articles AS a ON a.content_hash = q.article_hash {where} "
                "ORDER BY a.seq, q.ordinal",
                () if speaker is None else (speaker,),
            )
            article: Optional[Article] = None
            article_hash: Optional[str] = None
            width = len(ARTICLE_COLUMNS)
            for row in rows:
                if row[1] != article_hash:  # one Article object for all the quotes of an article
                    article, article_hash = schema.article_from_row(row[:width]), row[1]
                assert article is not None
                yield schema.quote_from_row(row[width:], article)

    def iter_pairs(self) -> Iterator[tuple[Article, list[Quote]]]:
        """Yield each stored article with its quotes, in the order they were added."""
        select = (
            f"SELECT {schema.quote_select(self.version)} FROM quotes "
            "WHERE article_hash = ? ORDER BY ordinal"
        )
        with self._reading():
            for row in self._db.execute(
                f"SELECT {columns(ARTICLE_COLUMNS)} FROM articles ORDER BY seq"
            ):
                article = schema.article_from_row(row)
                quotes = [
                    schema.quote_from_row(q, article) for q in self._db.execute(select, (row[1],))
                ]
                yield article, quotes

    def dump(self) -> StoreDump:
        """Return the whole content as sorted rows, comparable between stores.

        ``{"articles": [...], "quotes": [...]}``: every column but the insertion order
        and the time added, articles sorted by content hash and quotes by article hash
        and ordinal. Two stores with the same articles and quotes give equal dumps,
        whatever order and however many runs they were filled in.
        """
        with self._reading():
            return {
                "articles": self._db.execute(
                    f"SELECT {columns(ARTICLE_COLUMNS)} FROM articles ORDER BY content_hash"
                ).fetchall(),
                "quotes": self._db.execute(
                    f"SELECT {schema.quote_select(self.version)} FROM quotes "
                    "ORDER BY article_hash, ordinal"
                ).fetchall(),
            }


def _check_pair(article: object, quotes: object) -> str:
    """Return the article's content hash after checking that the pair can be stored."""
    if not isinstance(article, Article):
        raise InvalidInputError(f"expected an Article, not {type(article).__name__}")
    if isinstance(quotes, (str, bytes)) or not isinstance(quotes, Sequence):
        raise InvalidInputError(f"expected a sequence of quotes, not {type(quotes).__name__}")
    for quote in quotes:
        if not isinstance(quote, Quote):
            raise InvalidInputError(f"expected a Quote, not {type(quote).__name__}")
        if quote.article is not article and quote.article != article:
            raise InvalidInputError(
                f"a quote of article {quote.article.id!r} was given with article {article.id!r}"
            )
    return content_id(article.text)
