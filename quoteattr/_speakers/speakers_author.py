"""The writer of an article, for an "I" outside quotation marks.

An opinion piece names its writer in a byline ("By Jane Smith") in its first lines or
in a note at its end ("Jane Smith is a professor of history ..."); a reader's letter is
signed with a line that is only a name ("Chris Smith."). Each is looked up among the
article's names (:class:`~quoteattr._speakers.speakers.ArticleNames`), so the writer is given in
the fullest form the article uses.
"""

from __future__ import annotations

import re

from quoteattr._speakers.names import NameEntry
from quoteattr._speakers.speakers import ArticleNames

__all__ = ["article_author", "signature_after"]

_NAME_PATTERN = r"(?P<name>[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){1,3})"
#: A byline: "By Jane Smith", "By Jane Smith and John Doe".
_BYLINE = re.compile(r"\s*(?:By|BY|by)\s+" + _NAME_PATTERN)
#: A note on the writer at the end of an opinion piece: "Jane Smith is a professor ...".
_AUTHOR_NOTE = re.compile(
    r"\s*[—–-]?\s*"
    + _NAME_PATTERN
    + r"(?:,[^,]{1,60},)? (?:is|was|serves as|has been) (?P<what>[a-z][\w-]*)"
)
#: A letter's signature: a line that is only a name ("Chris Smith."), under a reader's letter.
_SIGNATURE = re.compile(r"\s*" + _NAME_PATTERN + r"\.?\s*$")


def _person_named(names: ArticleNames, start: int, match: re.Match[str]) -> NameEntry | None:
    """The person the ``name`` group of a match on the line at ``start`` names, or None."""
    span = names.doc.char_span(
        start + match.start("name"), start + match.end("name"), alignment_mode="expand"
    )
    entry = names.entry_for(span) if span is not None else None
    return entry if entry is not None and entry.is_person else None


def signature_after(names: ArticleNames, pos: int) -> NameEntry | None:
    """The person who signs the text at ``pos``: a line that is only a person's name,
    within the three paragraphs after it, as under readers' letters ("... I hope so.
    / Chris Smith.")."""
    text = names.text
    end = pos
    for _ in range(3):
        start = text.find("\n", end)
        if start == -1:
            return None
        while start < len(text) and text[start] == "\n":
            start += 1
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        match = _SIGNATURE.match(text[start:end])
        if match is not None:
            return _person_named(names, start, match)
    return None


def _names_a_role(names: ArticleNames, pos: int) -> bool:
    """True if the words at ``pos`` describe a person ("a professor", "playwright-in-
    residence", "president of ..."), not an event ("scheduled to speak")."""
    tokens = names.doc.char_span(pos, pos + 1, alignment_mode="expand")
    return tokens is not None and tokens[0].pos_ in ("DET", "NOUN", "PROPN", "ADJ", "NUM")


def article_author(names: ArticleNames) -> NameEntry | None:
    """The article's author, where it names one: a byline ("By Jane Smith") in its
    first lines, or a note on the writer in its last ("Jane Smith is a professor ...")."""
    text = names.text
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    candidates = [(start, line, True) for start, line in lines[:3]] + [
        (start, line, False) for start, line in lines[-3:]
    ]
    for start, line, first in candidates:
        pattern = _BYLINE if first else _AUTHOR_NOTE
        match = pattern.match(line)
        if match is None:
            continue
        if not first and not _names_a_role(names, start + match.start("what")):
            continue
        entry = _person_named(names, start, match)
        if entry is not None:
            return entry
    return None
