"""The spaCy components: ``quoteattr`` and the ``quoteattr_boundaries`` it adds before the parser.

``nlp.add_pipe("quoteattr")`` is the one complete path from text to quotes:
:class:`~quoteattr.QuoteExtractor` is a convenience over it. The component
keeps its results as spaCy keeps any annotation, so that ``doc.to_bytes()``,
``DocBin`` and ``nlp.pipe(texts, n_process=N)`` carry them:

- ``doc.spans["quotes"]`` holds one span per quote (its content, labelled with the
  kind: ``direct``, ``partial``, ``mixed``, ``indirect``), sorted by start;
- that span group's ``attrs["quoteattr"]`` holds the rest as plain data: per quote, the
  exact character offsets, the speaker, the cue and how they were found, and the
  article's metadata;
- ``doc._.quotes`` builds :class:`~quoteattr.Quote` objects from it (a new list
  at each access; ``None`` for a doc the component has not seen).

>>> import quoteattr, spacy
>>> nlp = quoteattr.load_pipeline()
>>> _ = nlp.add_pipe("quoteattr")
>>> doc = nlp("“We are ready,” Putin said.")
>>> [(s.text, s.label_) for s in doc.spans["quotes"]]
[('We are ready,', 'direct')]
>>> doc._.quotes[0].speaker.name
'Putin'
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Optional, Union, cast

import numpy
import srsly
from spacy.attrs import NORM, SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, SpanGroup
from thinc.types import Ints2d

from quoteattr._lexicon.cues import CueLexicon, load_cue_lexicon, read_cue_lexicon
from quoteattr._marks.marks import find_quote_spans
from quoteattr._marks.paragraphs import paragraph_starts
from quoteattr._parse.coref import CorefResolver
from quoteattr._quotes.model import Article, Quote
from quoteattr._rules.attribution import attribute
from quoteattr._rules.indirect import find_indirect, lend_reports, reports_around_fragments
from quoteattr._speakers.resolve import build_quotes
from quoteattr.errors import (
    ExtractionError,
    InputError,
    InvalidInputError,
    PipelineError,
    QuoteattrError,
)

__all__ = [
    "DATA_KEY",
    "PARSE_UNSAFE",
    "QuoteBoundaries",
    "QuoteattrComponent",
    "doc_quotes",
    "make_boundaries_component",
    "make_quoteattr_component",
    "quote_data",
    "set_extensions",
]

#: The key of the plain data in the ``attrs`` of the component's span group.
DATA_KEY = "quoteattr"
#: Version of that data's layout.
DATA_VERSION = 1
#: Characters replaced by a space (same length, offsets unchanged) before parsing: control
#: characters, the byte order mark and lone surrogates, which the parser stumbles on.
PARSE_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ud800-\udfff]")
#: The file of a custom cue list inside a saved pipeline's ``quoteattr`` folder.
CUES_FILE = "cues.txt"


def set_extensions() -> None:
    """Register ``doc._.quotes`` and ``doc._.quoteattr_context`` (once)."""
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", getter=doc_quotes)
    if not Doc.has_extension("quoteattr_context"):
        # Plain data the extractor gives the component about a doc: the article's
        # metadata and, where the parsed text was cleaned, the text as written.
        Doc.set_extension("quoteattr_context", default=None)


def quote_data(doc: Doc) -> Optional[dict[str, Any]]:
    """Return the component's plain data on ``doc``, or None if it has not run on it."""
    for group in doc.spans.values():
        data = group.attrs.get(DATA_KEY)
        if isinstance(data, dict):
            return data
    return None


def doc_quotes(doc: Doc) -> Optional[list[Quote]]:
    """The getter of ``doc._.quotes``: the quotes of the doc, built from its plain data."""
    data = quote_data(doc)
    if data is None:
        return None
    article = Article.from_dict({**data.get("article", {}), "text": data.get("text") or doc.text})
    return [Quote.from_dict(q, article=article) for q in data.get("quotes", [])]


# -- quoteattr_boundaries ------------------------------------------------------------------

#: A run of text with no whitespace longer than this is tokenized in pieces. No word or
#: web address of a news article comes near it (the longest run of the evaluation
#: articles is under 40 characters): text without such a run tokenizes as spaCy does it.
LONG_RUN = 1000
#: The length of those pieces (at least; each ends where two letters or digits do not
#: meet). spaCy peels the marks off a run one at a time, searching the whole rest of the
#: run for each: a run of 10,000 quotation marks took seconds, its square.
RUN_PIECE = 64
_LONG_RUN_RE = re.compile(rf"(?<!\S)\S{{{LONG_RUN + 1},}}")
#: A place where a piece may end: not between two letters or digits (not inside a word).
_PIECE_END_RE = re.compile(r"(?<![^\W_])|(?![^\W_])")
#: The settings of spaCy's tokenizer that a :class:`LinearTokenizer` takes over.
_TOKENIZER_SETTINGS = (
    "rules",
    "prefix_search",
    "suffix_search",
    "infix_finditer",
    "token_match",
    "url_match",
    "faster_heuristics",
)


def run_cuts(text: str) -> list[int]:
    """Where :class:`LinearTokenizer` cuts ``text``: inside each run of more than
    :data:`LONG_RUN` characters without whitespace, every :data:`RUN_PIECE` characters or
    so, never inside a word (an empty list for text without such a run).

    >>> run_cuts("Kim said so. " + '"' * 1500)[:3]
    [77, 141, 205]
    >>> run_cuts("Kim said so.")
    []
    """
    cuts: list[int] = []
    for run in _LONG_RUN_RE.finditer(text):
        pos, end = run.start(), run.end()
        while end - pos > RUN_PIECE:
            found = _PIECE_END_RE.search(text, pos + RUN_PIECE, end)
            if found is None or found.start() >= end:
                break  # letters and digits to the end of the run: spaCy takes them fast
            pos = found.start()
            cuts.append(pos)
    return cuts


class LinearTokenizer(Tokenizer):  # type: ignore[misc]  # spaCy ships no stub for it
    """spaCy's tokenizer, in linear time on long runs of text without whitespace.

    Text without a run of more than :data:`LONG_RUN` characters is tokenized by spaCy's
    tokenizer as it is. Text with one is cut inside those runs (see :func:`run_cuts`),
    each piece tokenized alone, and the pieces joined again: the doc's text is the text
    given, character for character.
    """

    @classmethod
    def of(cls, tokenizer: Callable[[str], Doc]) -> Callable[[str], Doc]:
        """``tokenizer`` as a :class:`LinearTokenizer` with the same settings (the same
        object if it already is one, or if it is not spaCy's tokenizer)."""
        if not isinstance(tokenizer, Tokenizer) or type(tokenizer) is not Tokenizer:
            return tokenizer  # a LinearTokenizer already, or a tokenizer of one's own
        settings = {name: getattr(tokenizer, name) for name in _TOKENIZER_SETTINGS}
        return cls(tokenizer.vocab, **settings)

    def __call__(self, text: str) -> Doc:
        tokenize: Callable[[str], Doc] = super().__call__
        cuts = run_cuts(text)
        if not cuts:
            return tokenize(text)
        bounds = [0, *cuts, len(text)]
        return self._joined([tokenize(text[a:b]) for a, b in zip(bounds, bounds[1:])])

    def _joined(self, pieces: list[Doc]) -> Doc:
        """One doc of the tokens of ``pieces``: their words, spaces and norms (all that the
        tokenizer sets; ``Doc.from_docs`` does the same, three times slower)."""
        words: list[str] = []
        spaces: list[bool] = []
        norms: list[int] = []
        for piece in pieces:
            for tok in piece:
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))
                norms.append(tok.norm)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        doc.from_array([NORM], cast(Ints2d, numpy.array(norms, dtype="uint64").reshape(-1, 1)))
        return doc


class QuoteBoundaries:
    """Prepares a doc for parsing: paragraph breaks start sentences, quotation marks split tokens.

    No sentence runs across a line break, and a quotation mark glued to a word
    (``“We are ready,”Smith said.``) becomes a token of its own, so that the parser sees
    the quote and the speaker apart. It runs first, before any other component: the
    ``quoteattr`` factory adds it there.

    It also makes the pipeline's tokenizer a :class:`LinearTokenizer`, linear in time on
    text with long runs without whitespace (and the same as spaCy's on any other text).
    """

    def __init__(self, nlp: Language, name: str = "quoteattr_boundaries") -> None:
        self.name = name
        nlp.tokenizer = LinearTokenizer.of(nlp.tokenizer)
        self.tokenizer = nlp.tokenizer
        set_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc = self._split_glued_marks(self._cleaned(doc))
        self._start_sentences_after_breaks(doc)
        return doc

    @staticmethod
    def _start_sentences_after_breaks(doc: Doc) -> None:
        """Start a sentence at each token after a line break."""
        starts = [
            tok.i + 1
            for tok in doc[:-1]
            if "\n" in tok.text or (tok.whitespace_ and "\n" in tok.whitespace_)
        ]
        if not starts:
            return
        if doc.has_annotation("DEP"):
            doc[starts[0]].is_sent_start = True  # raises spaCy's error: the doc is parsed
        # All at once: setting ``is_sent_start`` on a token checks the whole doc for a
        # parse, which made a text of many paragraphs quadratic.
        values = doc.to_array([SENT_START])
        values[starts] = 1
        doc.from_array([SENT_START], cast(Ints2d, values))

    def _cleaned(self, doc: Doc) -> Doc:
        """Return ``doc``, or a doc of its text with :data:`PARSE_UNSAFE` characters as spaces.

        The text as written is kept in ``doc._.quoteattr_context``: the quotes, speakers
        and cues are cut from it, at the same offsets.
        """
        text = doc.text
        if not PARSE_UNSAFE.search(text):
            return doc
        cleaned = self.tokenizer(PARSE_UNSAFE.sub(" ", text))
        cleaned.user_data.update(doc.user_data)
        context = dict(doc._.quoteattr_context or {})
        context.setdefault("text", text)
        cleaned._.quoteattr_context = context
        return cleaned

    @staticmethod
    def _split_glued_marks(doc: Doc) -> Doc:
        """Return ``doc``, or a new doc of the same text with glued quotation marks split off."""
        cuts: dict[int, list[int]] = {}
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
        words: list[str] = []
        spaces: list[bool] = []
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


# -- quoteattr -------------------------------------------------------------------------------


class QuoteattrComponent:
    """The spaCy component: finds, attributes and resolves the quotes of a ``Doc``.

    It sets ``doc.spans[spans_key]`` (one span per quote, with the data of
    ``doc._.quotes`` in the group's ``attrs``; see the module documentation). ``coref``
    turns coreference resolution of pronoun and descriptive speakers on or off; ``cues``
    is the path of a cue list to use instead of the shipped one (saved inside the
    pipeline's folder by ``nlp.to_disk``).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "quoteattr",
        *,
        coref: bool = True,
        cues: Optional[str] = None,
        spans_key: str = "quotes",
    ) -> None:
        if not isinstance(coref, bool):
            raise InvalidInputError(f"coref must be a bool, not {type(coref).__name__}")
        if not isinstance(spans_key, str) or not spans_key:
            raise InvalidInputError(f"spans_key must be a non-empty str, got {spans_key!r}")
        self.name = name
        self.spans_key = spans_key
        self.lexicon: CueLexicon = load_cue_lexicon()
        #: The text of a custom cue list (None: the shipped one), saved by ``to_disk``.
        self.cue_text: Optional[str] = None
        # A cue list named in the config that is not there. A pipeline saved with it
        # carries its own copy, which ``from_disk`` reads next; otherwise the first doc
        # raises the error.
        self._missing_cues: Optional[InputError] = None
        if cues is not None:
            try:
                self.use_cues(read_cue_lexicon(cues), source=str(cues))
            except InputError as exc:
                self._missing_cues = exc
        self.resolver = CorefResolver(nlp, enabled=coref)
        set_extensions()

    def use_cues(self, text: str, *, source: str = "<cues>") -> None:
        """Use the cue list ``text`` (in the ``cues.txt`` format) instead of the current one."""
        self.lexicon = CueLexicon.from_text(text, source=source)
        self.cue_text = text
        self._missing_cues = None

    def __call__(self, doc: Doc) -> Doc:
        if self._missing_cues is not None:
            raise self._missing_cues
        if len(doc) and not doc.has_annotation("DEP"):
            raise PipelineError(
                "the doc has no dependency parse: quoteattr needs the pipeline's parser to "
                "run before it (is it disabled?)"
            )
        context: Mapping[str, Any] = doc._.quoteattr_context or {}
        meta = dict(context.get("article") or {})
        written = context.get("text")
        article = Article.from_dict({**meta, "text": written or doc.text})
        try:
            quotes = self.quotes(doc, article)
        except QuoteattrError:
            raise
        except Exception as exc:
            raise ExtractionError.on_article(article.id, exc) from exc
        data: dict[str, Any] = {
            "version": DATA_VERSION,
            "article": article.to_dict(include_text=False),
            "quotes": [_plain(q) for q in quotes],
        }
        if written is not None and written != doc.text:
            data["text"] = written
        doc.spans[self.spans_key] = SpanGroup(
            doc,
            name=self.spans_key,
            attrs={DATA_KEY: data},
            spans=[_span(doc, q.start, q.end, q.kind.value) for q in quotes],
        )
        doc._.quoteattr_context = None
        return doc

    def quotes(self, doc: Doc, article: Article) -> list[Quote]:
        """Return the quotes of a parsed ``doc`` whose text is (a cleaned copy of) ``article``'s."""
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
            doc, attributions, article, resolver=self.resolver, paragraph_starts=starts
        )

    # -- serialisation, as spaCy's own components do it ---------------------------------------
    # As spaCy's own: ``exclude`` names the fields to leave out (the one field: "cues").
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """Serialise the component's data (its cue list, when custom)."""
        data: bytes = srsly.msgpack_dumps({} if "cues" in exclude else {"cues": self.cue_text})
        return data

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuoteattrComponent:
        """Load what :meth:`to_bytes` gave."""
        cues = srsly.msgpack_loads(data).get("cues")
        if cues is not None and "cues" not in exclude:
            self.use_cues(cues, source="<bytes>")
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        """Save the component's data in the folder ``path`` (a custom cue list as ``cues.txt``)."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        if self.cue_text is not None and "cues" not in exclude:
            (folder / CUES_FILE).write_text(self.cue_text, encoding="utf-8")

    def from_disk(
        self, path: Union[str, Path], *, exclude: Iterable[str] = ()
    ) -> QuoteattrComponent:
        """Load what :meth:`to_disk` saved in the folder ``path``."""
        file = Path(path) / CUES_FILE
        if file.is_file() and "cues" not in exclude:
            self.use_cues(file.read_text(encoding="utf-8"), source=str(file))
        return self


def _plain(quote: Quote) -> dict[str, Any]:
    data = quote.to_dict()
    del data["article"]  # the same for every quote: kept once, beside them
    return data


def _span(doc: Doc, start: int, end: int, label: str) -> Span:
    """The tokens that hold the characters ``start:end`` (at least one token)."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    if span is None:  # the characters are whitespace the tokens leave out
        starts = [t.idx for t in doc]
        i = max(0, bisect.bisect_right(starts, start) - 1)
        span = Span(doc, i, i + 1, label=label)
    return span


def has_parser(nlp: Language) -> bool:
    """True if a component of ``nlp`` assigns dependency labels."""
    return any("token.dep" in nlp.get_pipe_meta(name).assigns for name in nlp.pipe_names)


@Language.factory(
    "quoteattr",
    assigns=["doc.spans", "doc._.quotes"],
    requires=["token.dep", "token.lemma", "token.pos", "doc.ents"],
    default_config={"coref": True, "cues": None, "spans_key": "quotes", "boundaries": True},
)
def make_quoteattr_component(
    nlp: Language,
    name: str,
    coref: bool,
    cues: Optional[str],
    spans_key: str,
    boundaries: bool,
) -> QuoteattrComponent:
    """Build the ``quoteattr`` component (registered as a spaCy factory by entry point).

    The pipeline needs a dependency parser before the component. Unless ``boundaries``
    is false, ``quoteattr_boundaries`` is added at the head of the pipeline if it is not
    there: it splits quotation marks glued to words and starts a sentence at each line
    break, before the parser runs.
    """
    if not has_parser(nlp):
        raise PipelineError(
            "quoteattr needs a pipeline with a dependency parser, such as "
            f"en_core_web_sm (this one has: {', '.join(nlp.pipe_names) or 'no components'}); "
            "load one with quoteattr.load_pipeline()"
        )
    if boundaries and "quoteattr_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("quoteattr_boundaries", first=True)
    return QuoteattrComponent(nlp, name, coref=coref, cues=cues, spans_key=spans_key)
