"""Corpus analysis: the quotes of many articles, who speaks and what is repeated, and their tables.

:class:`CorpusAnalysis` collects the quotes of many articles (incrementally, with
:meth:`~CorpusAnalysis.add`) and answers two questions about them:

* **who speaks** — :meth:`~CorpusAnalysis.speakers` gives one
  :class:`~quoteattr.SpeakerProfile` per speaker, with the spellings of the name merged
  ("Kim Jong-un", "Kim Jong Un", "Kim"), the roles, cues, articles, outlets and dates
  seen (how: :mod:`quoteattr._corpus.profiles`);
* **what is repeated** — :meth:`~CorpusAnalysis.clusters` gives one
  :class:`~quoteattr.QuoteCluster` per quotation carried by several articles, despite
  punctuation, case and small wording differences, or one quote being part of another
  (how: :mod:`quoteattr._corpus.clusters`).

It writes three tables, ``quotes``, ``speakers`` and ``clusters``, as JSON Lines, CSV or
pandas DataFrames; :data:`TABLE_FIELDS` gives their columns. Results depend only on the
set of quotes given, never on the order they were added. Quotes whose speaker makes no
profile (no speaker, an unresolved pronoun or description, a common noun such as
"Observers") are kept in :meth:`~CorpusAnalysis.quotes`, with an empty ``profile`` on
export.

>>> from quoteattr import Article, Quote, QuoteKind, Speaker
>>> def quote(article, text, name, mention):
...     start = article.text.index(text)
...     return Quote(text, start, start + len(text), QuoteKind.PARTIAL,
...                  Speaker(name, mention, label="PERSON"), None, article)
>>> a = Article("Kim Jong-un vowed to “fully support” Russia.", id="a")
>>> b = Article("Kim Jong Un will “fully support” Moscow, Kim said.", id="b")
>>> analysis = analyze([[quote(a, "fully support", "Kim Jong-un", "Kim Jong-un")],
...                     [quote(b, "fully support", "Kim Jong Un", "Kim")]])
>>> [(p.name, p.aliases, p.article_ids) for p in analysis.speakers()]
[('Kim Jong Un', ('Kim', 'Kim Jong Un', 'Kim Jong-un'), ('a', 'b'))]
>>> [(c.text, c.article_ids) for c in analysis.clusters()]
[('fully support', ('a', 'b'))]
"""

from __future__ import annotations

import itertools
import json
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, Optional, Union

import attrs

from quoteattr._corpus.clusters import CLUSTER_FIELDS, QuoteCluster, make_cluster, quote_groups
from quoteattr._corpus.gender import gender_summary
from quoteattr._corpus.profiles import SPEAKER_FIELDS, SpeakerProfile, build_profiles
from quoteattr._quotes.model import Article, Quote
from quoteattr._quotes.records import (
    QUOTE_RECORD_FIELDS,
    PathOrFile,
    quote_record,
    text_output,
    write_csv,
)
from quoteattr.errors import InvalidInputError, MissingDependencyError

__all__ = ["TABLES", "TABLE_FIELDS", "CorpusAnalysis", "Table", "analyze"]

#: What :meth:`CorpusAnalysis.write_jsonl` and :meth:`CorpusAnalysis.write_csv` can write.
Table = Literal["quotes", "speakers", "clusters"]
#: The tables, in the order of :data:`Table`.
TABLES: tuple[Table, ...] = ("quotes", "speakers", "clusters")
#: The columns of each table in CSV and DataFrames: the flat quote record
#: (:data:`~quoteattr.QUOTE_RECORD_FIELDS`), :data:`~quoteattr._corpus.profiles.SPEAKER_FIELDS`
#: and :data:`~quoteattr._corpus.clusters.CLUSTER_FIELDS`.
TABLE_FIELDS: Mapping[Table, tuple[str, ...]] = {
    "quotes": QUOTE_RECORD_FIELDS,
    "speakers": SPEAKER_FIELDS,
    "clusters": CLUSTER_FIELDS,
}


@attrs.frozen
class _Results:
    quotes: tuple[Quote, ...]
    #: The canonical speaker name of each quote (None for quotes without a profile).
    profile_of: tuple[Optional[str], ...]
    profiles: tuple[SpeakerProfile, ...]
    #: Each group of same quotes: the indices of its quotes.
    groups: tuple[tuple[int, ...], ...]
    profile_by_quote: Mapping[Quote, Optional[str]]


def _quote_order(quote: Quote) -> tuple[str, int, int, str, str, str]:
    return (
        quote.article.id,
        quote.start,
        quote.end,
        quote.kind.value,
        quote.speaker.name if quote.speaker else "",
        quote.text,
    )


class CorpusAnalysis:
    """Quotes from many articles, with their speakers merged and their repeats clustered.

    Add articles one at a time with :meth:`add` (or quotes with :meth:`add_quotes`);
    :meth:`speakers` and :meth:`clusters` are computed on demand from everything
    added so far, and do not depend on the order of adding. Adding the same quote
    twice has no effect. An article id names one article: the metadata (outlet,
    publication date) of the last :class:`Article` passed to :meth:`add` for an id is
    used, else that of the article the quotes carry.
    """

    def __init__(self) -> None:
        self._quotes: dict[Quote, None] = {}
        self._articles: dict[str, Article] = {}
        self._given: set[str] = set()
        self._results: Optional[_Results] = None

    def __repr__(self) -> str:
        return f"CorpusAnalysis(articles={len(self._articles)}, quotes={len(self._quotes)})"

    def add(self, article: Article, quotes: Iterable[Quote]) -> None:
        """Add an article and its quotes (which must come from an article with the same id)."""
        if not isinstance(article, Article):
            raise InvalidInputError(f"article must be an Article, not {type(article).__name__}")
        quotes = list(quotes)
        for quote in quotes:
            self._check_quote(quote)
            if quote.article.id != article.id:
                raise InvalidInputError(
                    f"a quote of article {quote.article.id!r} was given with article "
                    f"{article.id!r}; add it with its own article or with add_quotes()"
                )
        self._articles[article.id] = article
        self._given.add(article.id)
        self._add(quotes)

    def add_quotes(self, quotes: Iterable[Quote]) -> None:
        """Add quotes; each brings its own article (``Quote.article``) for ids not yet known."""
        quotes = list(quotes)
        for quote in quotes:
            self._check_quote(quote)
        for quote in quotes:
            if quote.article.id not in self._given:
                self._articles.setdefault(quote.article.id, quote.article)
        self._add(quotes)

    @staticmethod
    def _check_quote(quote: object) -> None:
        if not isinstance(quote, Quote):
            raise InvalidInputError(f"expected a Quote, not {type(quote).__name__}")

    def _add(self, quotes: Iterable[Quote]) -> None:
        for quote in quotes:
            self._quotes[quote] = None
        self._results = None

    # -- answers ----------------------------------------------------------------------
    def articles(self) -> list[Article]:
        """Return the articles added so far (those given to :meth:`add` or carried by quotes), by id."""
        return [self._articles[a] for a in sorted(self._articles)]

    def quotes(self) -> list[Quote]:
        """Return every quote added, ordered by article id and offsets."""
        return list(self._compute().quotes)

    def speakers(self) -> list[SpeakerProfile]:
        """Return one profile per speaker, most quoted first, then by name."""
        return list(self._compute().profiles)

    def gender_summary(self) -> list[dict[str, Any]]:
        """Return the quotes and speakers by gender: rows for male, female and unknown.

        Each row has the number of speakers of that :attr:`SpeakerProfile.gender`, of
        their quotes and the share of all profiled quotes (keys
        :data:`~quoteattr._corpus.gender.GENDER_SUMMARY_FIELDS`). Quotes without a
        profile are not counted.
        """
        return gender_summary(self.speakers())

    def profile_name(self, quote: Quote) -> Optional[str]:
        """Return the canonical name of a quote's speaker, or None if it has no profile."""
        results = self._compute()
        if quote not in results.profile_by_quote:
            raise InvalidInputError("the quote was not added to this analysis")
        return results.profile_by_quote[quote]

    def clusters(self, min_articles: int = 2) -> list[QuoteCluster]:
        """Return the quotes carried by at least ``min_articles`` articles.

        Sorted by the number of articles (most first), then by text.
        """
        if not isinstance(min_articles, int) or isinstance(min_articles, bool) or min_articles < 1:
            raise InvalidInputError(f"min_articles must be a positive int, got {min_articles!r}")
        results = self._compute()
        found = []
        for members in results.groups:
            quotes = [results.quotes[i] for i in members]
            if len({q.article.id for q in quotes}) < min_articles:
                continue
            names = [results.profile_of[i] for i in members]
            found.append(make_cluster(quotes, names, self._articles))
        found.sort(key=lambda c: (-len(c.article_ids), c.text, c.quotes))
        return found

    def _compute(self) -> _Results:
        if self._results is None:
            quotes = tuple(sorted(self._quotes, key=_quote_order))
            profiles, profile_of = build_profiles(quotes, self._articles)
            self._results = _Results(
                quotes, profile_of, profiles, quote_groups(quotes), dict(zip(quotes, profile_of))
            )
        return self._results

    # -- tables -----------------------------------------------------------------------
    def records(
        self, what: Table = "quotes", *, min_articles: int = 2, flat: bool = False
    ) -> list[dict[str, Any]]:
        """Return the quotes, speakers or clusters as JSON-ready dicts.

        Speakers and clusters are given as their ``to_dict`` (keys
        :data:`TABLE_FIELDS`). Quotes are given as :meth:`Quote.to_dict` (with the
        article's metadata as known to the analysis) and one more field, ``profile``:
        the canonical name of the speaker's profile (None if it has none); with
        ``flat=True``, as :meth:`quote_row`. ``flat=True`` gives the rows
        :meth:`write_csv` writes.
        """
        _check_table(what)
        if what == "speakers":
            return [p.to_dict() for p in self.speakers()]
        if what == "clusters":
            return [c.to_dict() for c in self.clusters(min_articles)]
        results = self._compute()
        if flat:
            return [self._quote_row(q, n) for q, n in zip(results.quotes, results.profile_of)]
        return [
            {
                **q.to_dict(),
                "article": self._articles[q.article.id].to_dict(include_text=False),
                "profile": name,
            }
            for q, name in zip(results.quotes, results.profile_of)
        ]

    def quote_row(self, quote: Quote) -> dict[str, Any]:
        """Return a quote added to the analysis as a row of the flat ``quotes`` table.

        The row is :func:`~quoteattr.quote_record` with the speaker's profile
        name and the article's metadata as known to the analysis.
        """
        return self._quote_row(quote, self.profile_name(quote))

    def _quote_row(self, quote: Quote, profile: Optional[str]) -> dict[str, Any]:
        return quote_record(quote, profile, self._articles.get(quote.article.id, quote.article))

    def write_jsonl(
        self, path_or_file: PathOrFile, what: Table = "quotes", *, min_articles: int = 2
    ) -> int:
        """Write the quotes, speakers or clusters as JSON Lines; return the number of lines.

        Each line is a :meth:`records` dict; speakers and clusters read back with
        :meth:`SpeakerProfile.from_dict` and :meth:`QuoteCluster.from_dict`.
        """
        records = self.records(what, min_articles=min_articles)
        with text_output(path_or_file) as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return len(records)

    def write_csv(
        self, path_or_file: PathOrFile, what: Table = "quotes", *, min_articles: int = 2
    ) -> int:
        """Write the quotes, speakers or clusters as CSV with a header; return the number of rows.

        The columns are :data:`TABLE_FIELDS`; the rows are ``records(what, flat=True)``:
        quotes are flat rows (the speaker's and cue's fields in columns of their own),
        list-valued fields of speakers and clusters are written as JSON arrays, missing
        values as empty cells, and text that a spreadsheet would run as a formula with
        a leading ``'`` (:func:`quoteattr._quotes.records.csv_cell`).
        """
        rows = self.records(what, min_articles=min_articles, flat=True)
        return write_csv(path_or_file, TABLE_FIELDS[what], rows)

    def to_dataframes(self, *, min_articles: int = 2) -> dict[str, Any]:
        """Return ``{"quotes": ..., "speakers": ..., "clusters": ...}`` as pandas DataFrames.

        Their columns are :data:`TABLE_FIELDS` and their rows ``records(what,
        flat=True)`` (list-valued columns hold lists). Needs pandas:
        ``pip install 'quoteattr[pandas]'``.
        """
        try:
            import pandas as pd
        except ImportError as exc:
            raise MissingDependencyError(
                "CorpusAnalysis.to_dataframes() needs pandas, which is not installed; "
                "run: pip install 'quoteattr[pandas]'"
            ) from exc
        return {
            what: pd.DataFrame(
                self.records(what, min_articles=min_articles, flat=True),
                columns=list(TABLE_FIELDS[what]),
            )
            for what in TABLES
        }


def _check_table(what: object) -> None:
    if what not in TABLES:
        raise InvalidInputError(f"what must be one of {', '.join(TABLES)}; got {what!r}")


# -- analyze ----------------------------------------------------------------------------

#: What :func:`analyze` extracts the quotes of: an article's text, an Article or a dict.
_ArticleItem = Union[str, Article, Mapping[str, Any]]
#: What :func:`analyze` takes as quotes already extracted.
_QuotesItem = Union[tuple[Article, Iterable[Quote]], Iterable[Quote], Quote]


def _is_article_item(item: object) -> bool:
    return isinstance(item, (str, Article, Mapping))


def _mixed_input(item: object, number: int) -> InvalidInputError:
    kinds = ("quotes", "an article") if _is_article_item(item) else ("an article", "quotes")
    return InvalidInputError(
        "analyze() takes either articles to extract (texts, Articles or article dicts) or "
        "quotes already extracted ((Article, quotes) pairs, lists of quotes, Quotes), not "
        f"both: the first item is {kinds[0]}, item {number} is {kinds[1]} "
        f"({type(item).__name__})"
    )


def analyze(
    items: Iterable[Union[_ArticleItem, _QuotesItem]], *, extractor: Optional[Any] = None
) -> CorpusAnalysis:
    """Return the :class:`CorpusAnalysis` of articles, or of quotes already extracted.

    ``items`` holds either

    * articles: texts, :class:`~quoteattr.Article` objects or article dicts (with a
      ``text`` field), whose quotes are extracted with ``extractor`` (default:
      :func:`quoteattr.default_extractor`), streaming: ``analyze(articles)``; or
    * quotes: ``(article, quotes)`` pairs, lists of quotes (each quote carries its
      article), or single quotes: ``analyze(extractor.pipe(articles))`` (articles
      without quotes then leave no trace) or
      ``analyze(zip(articles, extractor.pipe(articles)))``.

    Articles and quotes in one call are an :class:`~quoteattr.InvalidInputError`, and
    so is an ``extractor`` given with quotes. A text given as such gets the id
    :func:`~quoteattr._quotes.model.content_id` of its text, as ``Article(text)`` does.
    """
    found = iter(items)
    for first in found:
        rest = itertools.chain([first], found)
        if _is_article_item(first):
            return _analyze_articles(rest, extractor)
        if extractor is not None:
            raise InvalidInputError(
                "analyze(): an extractor is for articles to extract, and these are quotes "
                "already extracted; leave out extractor="
            )
        return _analyze_quotes(rest)
    return CorpusAnalysis()


def _analyze_quotes(items: Iterable[Any]) -> CorpusAnalysis:
    analysis = CorpusAnalysis()
    for number, item in enumerate(items):
        if isinstance(item, Quote):
            analysis.add_quotes([item])
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Article):
            analysis.add(item[0], item[1])
        elif _is_article_item(item):
            raise _mixed_input(item, number)
        elif isinstance(item, (bytes, bytearray)) or not isinstance(item, Iterable):
            raise InvalidInputError(
                "analyze() takes articles (texts, Articles, dicts) or quotes ((Article, "
                f"quotes) pairs, lists of quotes, Quotes), not {type(item).__name__}"
            )
        else:
            analysis.add_quotes(item)
    return analysis


def _analyze_articles(items: Iterable[Any], extractor: Optional[Any]) -> CorpusAnalysis:
    from quoteattr._quotes.model import as_article

    if extractor is None:
        from quoteattr import default_extractor

        extractor = default_extractor()
    analysis = CorpusAnalysis()
    fed: deque[Article] = deque()

    def articles() -> Iterator[Article]:
        for number, item in enumerate(items):
            if not _is_article_item(item):
                raise _mixed_input(item, number)
            article = as_article(item)
            fed.append(article)
            yield article

    for quotes in extractor.pipe(articles()):
        analysis.add(fed.popleft(), quotes)
    return analysis
