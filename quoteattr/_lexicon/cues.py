"""The reporting-cue lexicon: which words report speech, read from ``data/cues.txt``.

The list is in the word-list format of :mod:`quoteattr._lexicon.words`, one cue a row
``LEMMA KIND [FLAGS]``; a custom list (``--cues``) is checked row by row, and a malformed
row is an :class:`~quoteattr.errors.InputError` naming its file and line.

>>> lexicon = load_cue_lexicon()
>>> lexicon.is_verb_cue("say"), lexicon.is_noun_cue("vow"), lexicon.needs_as("label")
(True, True, True)
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from typing import Optional, Union

import attrs

from quoteattr._lexicon.words import Row, parse_rows, shipped_rows
from quoteattr.errors import InputError

__all__ = ["CueLexicon", "load_cue_lexicon", "read_cue_lexicon"]

_KINDS = ("verb", "noun", "phrase")


@attrs.frozen
class CueLexicon:
    """The cue words, by kind, and the cues that need an "as" complement."""

    verbs: frozenset[str]
    nouns: frozenset[str]
    #: Multi-word cues as tuples of lower-case words: ("according", "to").
    phrases: frozenset[tuple[str, ...]]
    #: Verbs that are cues only with an "as" complement (describe X as ...).
    as_verbs: frozenset[str] = frozenset()
    #: Cues that name a channel (as per Reuters) rather than the speaker.
    channels: frozenset[tuple[str, ...]] = frozenset()
    #: Verbs whose object is what was said when they have no clause (cite, call for).
    object_verbs: frozenset[str] = frozenset()
    #: Verbs of saying proper, whose noun subject is taken as the source whatever it is.
    speech_verbs: frozenset[str] = frozenset()
    #: Verbs that are cues only with their particle, as (verb, particle): ("go", "on").
    particle_verbs: frozenset[tuple[str, str]] = frozenset()
    #: Verbs that are cues only with the object "it" ("as she put it").
    it_verbs: frozenset[str] = frozenset()

    def is_verb_cue(self, lemma: str) -> bool:
        """Return True if ``lemma`` is a reporting verb."""
        return lemma.lower() in self.verbs

    def is_noun_cue(self, lemma: str) -> bool:
        """Return True if ``lemma`` is a noun naming an utterance (vow, statement)."""
        return lemma.lower() in self.nouns

    def is_particle_cue(self, lemma: str, particle: str) -> bool:
        """Return True if the verb reports speech with this particle ("went on", "cut in")."""
        return (lemma.lower(), particle.lower()) in self.particle_verbs

    def takes_object(self, lemma: str) -> bool:
        """Return True if the verb's object can be what was said ("cited the report")."""
        return lemma.lower() in self.object_verbs

    def is_speech_verb(self, lemma: str) -> bool:
        """Return True for verbs of saying proper (say, tell, claim, ...)."""
        return lemma.lower() in self.speech_verbs

    def needs_it(self, lemma: str) -> bool:
        """Return True if the verb reports speech only with the object "it" ("put it")."""
        return lemma.lower() in self.it_verbs

    def needs_as(self, lemma: str) -> bool:
        """Return True if the verb reports speech only with an "as" complement."""
        return lemma.lower() in self.as_verbs

    @classmethod
    def from_text(cls, text: str, source: str = "<text>") -> CueLexicon:
        """Parse a lexicon in the ``cues.txt`` format from its text."""
        return cls.from_lines(text.splitlines(), source=source)

    @classmethod
    def from_lines(cls, lines: Iterable[str], source: str = "<lines>") -> CueLexicon:
        """Parse a lexicon in the ``cues.txt`` format.

        Raises :class:`~quoteattr.errors.InputError` (a ``ValueError``) naming the line of
        a malformed entry.
        """
        return cls.from_rows(parse_rows(lines, source))

    @classmethod
    def from_rows(cls, rows: Iterable[Row]) -> CueLexicon:
        """Build a lexicon from the rows of a cue list (see :func:`~quoteattr._lexicon.words.parse_rows`).

        Raises :class:`~quoteattr.errors.InputError` naming the file and line of a
        malformed row.
        """
        verbs, nouns, as_verbs, object_verbs, speech_verbs = set(), set(), set(), set(), set()
        it_verbs: set[str] = set()
        particle_verbs: set[tuple[str, str]] = set()
        phrases, channels = set(), set()
        for row in rows:
            parts = row.fields
            if len(parts) < 2 or parts[1] not in _KINDS:
                raise InputError(f"{row.where}: expected 'LEMMA KIND [FLAGS]', got {row.raw!r}")
            lemma, kind, flags = parts[0].lower(), parts[1], set(parts[2:])
            if kind == "verb" and "_" in lemma:
                verb, _, particle = lemma.partition("_")
                particle_verbs.add((verb, particle))
            elif kind == "verb":
                verbs.add(lemma)
                if "as" in flags:
                    as_verbs.add(lemma)
                if "it" in flags:
                    it_verbs.add(lemma)
                if "object" in flags:
                    object_verbs.add(lemma)
                if "speech" in flags:
                    speech_verbs.add(lemma)
            elif kind == "noun":
                nouns.add(lemma)
            else:
                words = tuple(lemma.split("_"))
                phrases.add(words)
                if "channel" in flags:
                    channels.add(words)
        return cls(
            verbs=frozenset(verbs),
            nouns=frozenset(nouns),
            phrases=frozenset(phrases),
            as_verbs=frozenset(as_verbs),
            it_verbs=frozenset(it_verbs),
            particle_verbs=frozenset(particle_verbs),
            channels=frozenset(channels),
            object_verbs=frozenset(object_verbs),
            speech_verbs=frozenset(speech_verbs),
        )


def read_cue_lexicon(path: Union[str, os.PathLike[str]]) -> str:
    """Return the text of the cue list in the file ``path``, checked.

    Raises :class:`~quoteattr.errors.InputError` for a file that is missing, unreadable,
    not UTF-8 or not in the ``cues.txt`` format.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise InputError(f"the cue list {str(path)!r} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"the cue list {str(path)!r} cannot be read: {exc}") from None
    CueLexicon.from_text(text, source=str(path))
    return text


@functools.cache
def load_cue_lexicon(path: Optional[str] = None) -> CueLexicon:
    """Return the cue lexicon shipped with quoteattr, or the one in the file ``path``."""
    if path is not None:
        return CueLexicon.from_text(read_cue_lexicon(path), source=str(path))
    return CueLexicon.from_rows(shipped_rows("cues.txt"))
