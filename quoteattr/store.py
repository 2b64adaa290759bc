"""An embedded SQLite store of articles and their quotes, and resumable corpus runs.

A :class:`QuoteStore` is one SQLite file (standard-library :mod:`sqlite3`, WAL mode)
with two tables: ``articles``, one row per distinct article text, and ``quotes``, the
quotes of each article. An article and all its quotes are written in one transaction,
so an article is either stored whole or not at all. Articles are keyed by the hash of
their text (:func:`~quoteattr.model.content_id`), not by their id, so the same text
is stored once whatever it is called.

:func:`run_corpus` feeds a stream of articles through a
:class:`~quoteattr.pipeline.QuoteExtractor` into a store, committing every
``batch_size`` articles. Articles already in the store are skipped before they are
parsed, so after a crash, ``kill -9`` or Ctrl-C the same run started again carries on
where the last commit left it: nothing is lost and nothing is stored twice.

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
import logging
import os
import sqlite3
import urllib.parse
from collections import deque
from contextlib import contextmanager
from types import TracebackType
from typing import (
    Any,
    Callable,
    Deque,
    Dict,
    Generic,
    Iterable,
    Iterator,
    List,
    Optional,
    Protocol,
    Sequence,
    Set,
    Tuple,
    Type,
    TypeVar,
    Union,
)

import attrs

from .errors import (
    ClusterError,
    ExtractionError,
    InputError,
    InvalidInputError,
    MissingDependencyError,
    ModelNotFoundError,
    QuoteattrError,
    WorkerDiedError,
)
from .model import Article, Cue, Quote, Speaker, content_id
from .pipeline import ArticleLike

__all__ = ["SCHEMA_VERSION", "QuotePipe", "QuoteStore", "RunStats", "StoreDump", "run_corpus"]

log = logging.getLogger(__name__)

#: The version of the store's table layout, kept in SQLite's ``PRAGMA user_version``.
SCHEMA_VERSION = 2

PathLike = Union[str, "os.PathLike[str]"]
#: What :meth:`QuoteStore.dump` returns: the rows of each table, by table name.
StoreDump = Dict[str, List[Tuple[Any, ...]]]

_SCHEMA = """
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
    speaker_name TEXT,                  -- NULL: no speaker
    speaker_mention TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    resolution TEXT,
    role TEXT,
    label TEXT,
    cue_text TEXT,                      -- NULL: no cue
    cue_lemma TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    sentence_index INTEGER NOT NULL,
    paragraph_index INTEGER NOT NULL,
    confidence REAL NOT NULL,
    detection TEXT,                     -- Detection: how the content was found (NULL: not known)
    PRIMARY KEY (article_hash, ordinal)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_name);
"""

_ARTICLE_COLUMNS = "id, content_hash, title, outlet, url, published, text, n_quotes"
_QUOTE_COLUMNS = (
    'article_hash, ordinal, start, "end", kind, text, speaker_name, speaker_mention, '
    "speaker_start, speaker_end, resolution, role, label, cue_text, cue_lemma, cue_start, "
    "cue_end, sentence_index, paragraph_index, confidence, detection"
)
# OR IGNORE: an article whose text is stored already is left as it is (see QuoteStore.add).
_INSERT_ARTICLE = (
    f"INSERT OR IGNORE INTO articles ({_ARTICLE_COLUMNS}, added_at) VALUES ({', '.join('?' * 9)})"
)
_INSERT_QUOTE = f"INSERT INTO quotes ({_QUOTE_COLUMNS}) VALUES ({', '.join('?' * 21)})"


class QuoteStore:
    """An SQLite file of articles and their quotes; use it as a context manager.

    The file is created, with its tables, if it does not exist (for writing; a file that
    cannot be written raises :class:`~quoteattr.errors.InputError` at once). ``":memory:"`` gives a
    store that lives only as long as the object. A file that is not a quoteattr store,
    or one written by a newer quoteattr, raises :class:`~quoteattr.errors.InputError`.

    With ``readonly``, the file is only read: it must exist and be a quoteattr store of
    this schema version, nothing is written to it (no WAL switch, no upgrade, no new
    file), and it can be read from a read-only file or folder.

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
            self._check_readable() if readonly else self._prepare()
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

    def _check_readable(self) -> None:
        version = self._user_version()
        if version == 0 and self.path != ":memory:":
            raise InputError(f"{self.path}: not a quoteattr store")
        if version == 1:
            raise InputError(
                f"{self.path}: a store of an older quoteattr (schema version 1); open it once "
                "for writing (quoteattr run, or QuoteStore(path)) to upgrade it in place"
            )
        if version not in (0, SCHEMA_VERSION):
            raise InputError(
                f"{self.path}: store schema version {version}, but this quoteattr reads "
                f"version {SCHEMA_VERSION}; use the quoteattr that wrote it"
            )
        if version == 0:
            self._create_tables()  # an empty in-memory store

    def _prepare(self) -> None:
        self._db.execute("PRAGMA foreign_keys = ON")
        # Checked before anything is written: another application's SQLite file is
        # refused as it was found (its journal mode is not switched to WAL).
        if self._user_version() == 0:
            self._refuse_foreign_tables()
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
        if self._user_version() == 0:
            with self._transaction():  # checked again: another process may have won the race
                if self._user_version() == 0:
                    self._create_tables()
        if self._user_version() == 1:
            with self._transaction():
                if self._user_version() == 1:
                    self._upgrade_from_1()
        version = self._user_version()
        if version != SCHEMA_VERSION:
            raise InputError(
                f"{self.path}: store schema version {version}, but this quoteattr reads "
                f"version {SCHEMA_VERSION}; use the quoteattr that wrote it, or a new store"
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

    def _create_tables(self) -> None:
        self._refuse_foreign_tables()
        # One statement at a time: executescript() would commit the open transaction.
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                self._db.execute(statement)
        self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _upgrade_from_1(self) -> None:
        """Add the ``detection`` column version 1 lacked.

        Its direct and partial quotes were found by quotation marks; how it found reported
        speech was not recorded, so those quotes keep NULL (``Quote.detection`` None).
        """
        self._db.execute("ALTER TABLE quotes ADD COLUMN detection TEXT")
        self._db.execute(
            "UPDATE quotes SET detection = 'quotation_marks' WHERE kind IN ('direct', 'partial')"
        )
        self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _user_version(self) -> int:
        version: int = self._db.execute("PRAGMA user_version").fetchone()[0]
        return version

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

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"QuoteStore({self.path!r})"

    # -- writing --------------------------------------------------------------------------

    def has(self, content_hash: str) -> bool:
        """Return True if an article whose text has this :func:`~quoteattr.model.content_id` is stored."""
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

    def add_many(self, pairs: Iterable[Tuple[Article, Sequence[Quote]]]) -> int:
        """Store (article, quotes) pairs in one transaction; return how many articles were new.

        Each pair is stored as by :meth:`add`; if anything fails, none of them is stored.
        """
        return self._insert(pairs)[0]

    def _insert(
        self,
        pairs: Iterable[Tuple[Article, Sequence[Quote]]],
        on_failure: Optional[Callable[[Article, Exception], None]] = None,
    ) -> Tuple[int, int]:
        """Store pairs in one transaction; return the numbers of articles and quotes stored.

        Without ``on_failure``, any failure rolls the whole transaction back and raises.
        With it, each article is written under a savepoint of its own: one that cannot be
        stored (text SQLite cannot encode, say) is rolled back alone and passed to
        ``on_failure`` with the error, and the others are committed.
        """
        if self.readonly:
            raise InvalidInputError(f"{self.path}: the store was opened read-only")
        articles = quotes_stored = 0
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        with self._transaction():
            for article, quotes in pairs:
                if on_failure is None:
                    stored = self._insert_one(article, quotes, now)
                else:
                    self._db.execute("SAVEPOINT article")
                    try:
                        stored = self._insert_one(article, quotes, now)
                    except (sqlite3.Error, ValueError) as exc:
                        # UnicodeEncodeError (a lone surrogate) is a ValueError.
                        self._db.execute("ROLLBACK TO article")
                        self._db.execute("RELEASE article")
                        on_failure(article, exc)
                        continue
                    self._db.execute("RELEASE article")
                if stored is not None:
                    articles += 1
                    quotes_stored += stored
        return articles, quotes_stored

    def _insert_one(self, article: Article, quotes: Sequence[Quote], now: str) -> Optional[int]:
        """Write one article and its quotes; return how many quotes, or None if it was stored."""
        content_hash = _check_pair(article, quotes)
        cursor = self._db.execute(
            _INSERT_ARTICLE,
            (
                article.id,
                content_hash,
                article.title,
                article.outlet,
                article.url,
                article.published,
                article.text,
                len(quotes),
                now,
            ),
        )
        if cursor.rowcount != 1:
            return None  # already stored: keep the first one and its quotes
        self._db.executemany(
            _INSERT_QUOTE, (_quote_row(content_hash, n, q) for n, q in enumerate(quotes))
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

    def count_articles(self) -> int:
        """Return the number of articles stored."""
        with self._reading():
            count: int = self._db.execute("SELECT count(*) FROM articles").fetchone()[0]
            return count

    def count_quotes(self) -> int:
        """Return the number of quotes stored."""
        with self._reading():
            count: int = self._db.execute("SELECT count(*) FROM quotes").fetchone()[0]
            return count

    def articles(self) -> Iterator[Article]:
        """Yield the stored articles in the order they were added."""
        with self._reading():
            for row in self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq"):
                yield _article(row)

    def quotes(self, speaker: Optional[str] = None) -> Iterator[Quote]:
        """Yield the stored quotes, each with its article, in the order they were added.

        With ``speaker``, only the quotes whose speaker's name is exactly that.
        """
        with self._reading():
            where = "" if speaker is None else "WHERE q.speaker_name = ?"
            rows = self._db.execute(
                f"SELECT {_prefixed('a', _ARTICLE_COLUMNS)}, {_prefixed('q', _QUOTE_COLUMNS)} "
                f"FROM quotes AS q JOIN articles AS a ON a.content_hash = q.article_hash {where} "
                "ORDER BY a.seq, q.ordinal",
                () if speaker is None else (speaker,),
            )
            article: Optional[Article] = None
            article_hash: Optional[str] = None
            width = len(_ARTICLE_COLUMNS.split(","))
            for row in rows:
                if row[1] != article_hash:  # one Article object for all the quotes of an article
                    article, article_hash = _article(row[:width]), row[1]
                assert article is not None
                yield _quote(row[width:], article)

    def iter_pairs(self) -> Iterator[Tuple[Article, List[Quote]]]:
        """Yield each stored article with its quotes, in the order they were added."""
        with self._reading():
            for row in self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq"):
                article = _article(row)
                quotes = [
                    _quote(q, article)
                    for q in self._db.execute(
                        f"SELECT {_QUOTE_COLUMNS} FROM quotes WHERE article_hash = ? ORDER BY ordinal",
                        (row[1],),
                    )
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
                    f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY content_hash"
                ).fetchall(),
                "quotes": self._db.execute(
                    f"SELECT {_QUOTE_COLUMNS} FROM quotes ORDER BY article_hash, ordinal"
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


def _quote_row(content_hash: str, ordinal: int, quote: Quote) -> Tuple[Any, ...]:
    """Return the values of ``_QUOTE_COLUMNS`` for a quote: NULLs for a missing speaker or cue."""
    speaker, cue = quote.speaker, quote.cue
    return (
        content_hash,
        ordinal,
        quote.start,
        quote.end,
        quote.kind.value,
        quote.text,
        *(
            (
                speaker.name,
                speaker.mention,
                speaker.start,
                speaker.end,
                speaker.resolution.value,
                speaker.role,
                speaker.label,
            )
            if speaker is not None
            else (None,) * 7
        ),
        *((cue.text, cue.lemma, cue.start, cue.end) if cue is not None else (None,) * 4),
        quote.sentence_index,
        quote.paragraph_index,
        quote.confidence,
        quote.detection.value if quote.detection else None,
    )


def _prefixed(table: str, columns: str) -> str:
    """Qualify each of a comma-separated list of columns with a table name."""
    return ", ".join(f"{table}.{c.strip()}" for c in columns.split(","))


def _article(row: Sequence[Any]) -> Article:
    """Rebuild an article from a row of ``_ARTICLE_COLUMNS``."""
    article_id, _, title, outlet, url, published, text, _ = row
    return Article(text, id=article_id, title=title, outlet=outlet, url=url, published=published)


def _quote(row: Sequence[Any], article: Article) -> Quote:
    """Rebuild a quote from a row of ``_QUOTE_COLUMNS``: NULL speaker or cue columns give None."""
    start, end, kind, text = row[2:6]
    name, mention, s_start, s_end, resolution, role, label = row[6:13]
    cue_text, cue_lemma, cue_start, cue_end = row[13:17]
    sentence_index, paragraph_index, confidence, detection = row[17:21]
    speaker = (
        Speaker(name, mention, s_start, s_end, resolution, role=role, label=label)
        if name is not None
        else None
    )
    cue = Cue(cue_text, cue_lemma, cue_start, cue_end) if cue_text is not None else None
    return Quote(
        text,
        start,
        end,
        kind,
        speaker,
        cue,
        article,
        sentence_index=sentence_index,
        paragraph_index=paragraph_index,
        confidence=confidence,
        detection=detection,
    )


# -- corpus runs ----------------------------------------------------------------------------


@attrs.frozen
class RunStats:
    """What :func:`run_corpus` did.

    ``articles_seen`` counts the articles in the input (``articles_added`` +
    ``articles_skipped`` + ``articles_failed``); ``errors`` counts the bad inputs, which
    are not articles.
    """

    #: Articles in the input.
    articles_seen: int = 0
    #: Articles parsed and stored by this run.
    articles_added: int = 0
    #: Articles whose text was already stored, or came earlier in the same run.
    articles_skipped: int = 0
    #: Quotes stored by this run.
    quotes_added: int = 0
    #: Bad inputs (:class:`~quoteattr.errors.InputError` items) reported and passed over.
    errors: int = 0
    #: Articles quoteattr failed on (:class:`~quoteattr.errors.ExtractionError`, a bug),
    #: reported, set aside and not stored: a later run tries them again.
    articles_failed: int = 0


class QuotePipe(Protocol):
    """What :func:`run_corpus` parses with: a :class:`~quoteattr.QuoteExtractor`, or a
    :class:`~quoteattr.distributed.ClusterExtractor`."""

    def pipe(
        self, articles: Iterable[ArticleLike], *, batch_size: int = ..., n_process: int = ...
    ) -> Iterator[List[Quote]]:
        """Yield the quotes of each article, in the order the articles come."""
        ...


def run_corpus(
    items: Iterable[Union[Article, InputError]],
    store: QuoteStore,
    extractor: QuotePipe,
    *,
    batch_size: int = 32,
    on_error: Optional[Callable[[QuoteattrError], object]] = None,
    progress: Optional[Callable[[int], object]] = None,
    n_process: int = 1,
) -> RunStats:
    """Extract the quotes of a stream of articles into ``store``; return what was done.

    ``items`` is what :func:`~quoteattr.reading.iter_articles` yields: articles, and
    :class:`~quoteattr.errors.InputError` for bad inputs, which are passed to
    ``on_error`` (or logged, without it), counted, and passed over. An article whose
    text is already in the store, or came earlier in this run, is skipped before it is
    parsed; when two ids share a text, the one stored first keeps it. The other articles
    are parsed with ``extractor.pipe`` and stored in transactions of ``batch_size``
    articles, so an interrupted run loses at most the batch it was in, and running it
    again on the same input picks up from there. ``progress`` is called with the number
    of input items dealt with so far (stored, skipped or bad) after each one.

    An article the extractor fails on (a bug in quoteattr or the pipeline, not a fault
    of the input) does not end the run: it is parsed again on its own to be sure, then
    set aside, not stored, counted in ``articles_failed`` and passed to ``on_error``
    as an :class:`~quoteattr.errors.ExtractionError`; the next run tries it again.
    Errors that would strike every article (no pipeline, a lost cluster) end the run,
    with the batches stored so far kept.

    ``n_process`` > 1 parses in that many worker processes (``extractor.pipe(...,
    n_process=n_process)``). The store is read and written only here, in the calling
    process and thread: the articles are checked against the store as the workers
    take them, a few tasks ahead, and only the new ones go to the workers.
    With a :class:`~quoteattr.distributed.ClusterExtractor` as ``extractor``, the new
    articles go to a Dask cluster instead, and the store stays here just the same.
    """
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise InvalidInputError(f"batch_size must be a positive int, got {batch_size!r}")
    if not isinstance(n_process, int) or isinstance(n_process, bool) or n_process < 1:
        raise InvalidInputError(f"n_process must be a positive int, got {n_process!r}")
    tally = _Tally()
    # Articles handed to the extractor, in order, and the hashes of those not yet stored.
    fed: Deque[Tuple[Article, str]] = deque()
    pending: Set[str] = set()

    def report() -> None:
        tally.done += 1
        if progress is not None:
            progress(tally.done)

    def to_parse() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                tally.errors += 1
                if on_error is not None:
                    on_error(item)
                else:
                    log.warning("passing over a bad input: %s", item)
                report()
                continue
            if not isinstance(item, Article):
                raise InvalidInputError(
                    f"run_corpus takes Articles and InputErrors, not {type(item).__name__}"
                )
            tally.seen += 1
            content_hash = content_id(item.text)
            if content_hash in pending or store.has(content_hash):
                log.debug("article %s: its text is already stored; skipped", item.id)
                tally.skipped += 1
                report()
                continue
            pending.add(content_hash)
            fed.append((item, content_hash))
            yield item

    batch: List[Tuple[Article, List[Quote]]] = []
    batch_hashes: List[str] = []

    def store_batch() -> None:
        unstored: List[Tuple[Article, Exception]] = []
        articles, quotes = store._insert(
            batch, on_failure=lambda article, exc: unstored.append((article, exc))
        )
        tally.added += articles
        tally.quotes += quotes
        # An article not stored here was stored meanwhile by another process.
        tally.skipped += len(batch) - articles - len(unstored)
        pending.difference_update(batch_hashes)
        batch.clear()
        batch_hashes.clear()
        for article, exc in unstored:
            fail(InputError(f"article {article.id}: cannot be stored, set aside: {exc}"))

    def fail(error: QuoteattrError) -> None:
        tally.failed += 1
        if on_error is not None:
            on_error(error)
        else:
            log.error("set an article aside: %s", error)

    def set_aside(article: Article, content_hash: str, exc: BaseException) -> None:
        pending.discard(content_hash)
        if isinstance(exc, ExtractionError):
            fail(exc)
        elif isinstance(exc, MemoryError):
            chars = f"{len(article.text):,}"
            fail(
                ExtractionError(
                    f"article {article.id}: out of memory ({chars} characters)", article.id
                )
            )
        else:
            fail(ExtractionError.on_article(article.id, exc))
        report()

    source = _Watched(to_parse())
    try:
        for quotes in _parse_setting_aside(
            extractor, source, fed, set_aside, batch_size=batch_size, n_process=n_process
        ):
            article, content_hash = fed.popleft()
            batch.append((article, quotes))
            batch_hashes.append(content_hash)
            if len(batch) >= batch_size:
                store_batch()
            report()
    except BaseException:
        # Ctrl-C, or an error that ends the run: what is parsed is kept all the same.
        if batch:
            try:
                store_batch()
            except Exception as exc:  # the store itself failing: the first error counts
                log.error("could not store the last %d parsed articles: %s", len(batch), exc)
        raise
    if batch:
        store_batch()
    return RunStats(
        articles_seen=tally.seen,
        articles_added=tally.added,
        articles_skipped=tally.skipped,
        quotes_added=tally.quotes,
        errors=tally.errors,
        articles_failed=tally.failed,
    )


#: Errors that would strike every article alike: they end the run instead of setting
#: articles aside one by one.
_RUN_ERRORS = (ModelNotFoundError, MissingDependencyError, ClusterError)


def _parse_setting_aside(
    extractor: QuotePipe,
    source: _Watched[Article],
    fed: Deque[Tuple[Article, str]],
    set_aside: Callable[[Article, str, BaseException], None],
    *,
    batch_size: int,
    n_process: int,
) -> Iterator[List[Quote]]:
    """Yield the quotes of the articles in ``fed`` order, setting aside those that fail.

    ``fed`` holds the articles ``source`` handed to the extractor whose quotes are not
    yet yielded; the caller takes one off for each list yielded. When the extractor
    fails, its batch is lost: the articles still in ``fed`` are parsed again one at a
    time, here, so that the one it fails on is known and set aside, and the others are
    yielded; then the rest of ``source`` goes on in batches.
    """
    while True:
        try:
            yield from extractor.pipe(source, batch_size=batch_size, n_process=n_process)
            return
        except _RUN_ERRORS:
            raise
        except Exception as exc:
            if source.failed:
                raise  # the input or the store failed, not the extractor
            # After a worker died, each article goes to a fresh worker of its own: if one
            # kills its worker again, only that one is set aside, and this process lives.
            isolated = n_process > 1 and isinstance(exc, WorkerDiedError)
            log.warning(
                "extraction failed in a batch (%s); parsing its articles one at a time", exc
            )
        for _ in range(len(fed)):
            article, content_hash = fed[0]
            try:
                quotes = next(
                    iter(extractor.pipe([article], batch_size=1, n_process=2 if isolated else 1))
                )
            except _RUN_ERRORS:
                raise
            except Exception as exc:
                fed.popleft()
                set_aside(article, content_hash, exc)
                continue
            yield quotes


_Item = TypeVar("_Item")


class _Watched(Generic[_Item]):
    """An iterator that remembers whether it raised (so its errors are told from others)."""

    def __init__(self, items: Iterator[_Item]) -> None:
        self._items = items
        self.failed = False

    def __iter__(self) -> _Watched[_Item]:
        return self

    def __next__(self) -> _Item:
        try:
            return next(self._items)
        except StopIteration:
            raise
        except BaseException:
            self.failed = True
            raise


@attrs.define
class _Tally:
    """The running counts of :func:`run_corpus`."""

    seen: int = 0
    added: int = 0
    skipped: int = 0
    quotes: int = 0
    errors: int = 0
    failed: int = 0
    #: Input items dealt with, for ``progress``.
    done: int = 0
