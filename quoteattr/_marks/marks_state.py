"""The scanner's bookkeeping: the marks it meets, the opening marks waiting for their
closing marks, and what lies further on a line, each question answered without a rescan.

The scanner (:mod:`quoteattr._marks.marks`) asks these questions for every mark; answering each
from indexes built once keeps it linear in time on lines of thousands of marks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional, Union

import attrs

__all__ = ["DOUBLE", "SINGLE", "Lookahead", "Mark", "OpenMark", "OpenStack"]

#: The two styles of quotation: double marks (“ ” " « » „ ``) and single ones (‘ ’ ' ‹ ›).
DOUBLE = "double"
SINGLE = "single"


@attrs.frozen
class Mark:
    """A quotation mark in the text, with the characters on either side of it."""

    start: int
    end: int
    char: str
    prev: str  # character before the mark, "" at line start
    next: str  # character after the mark, "" at line end


@attrs.define
class OpenMark:
    """An opening mark waiting for its closing mark."""

    style: str
    mark_start: int
    content_start: int
    closer: str  # the characters that may close it
    line_index: int  # the (non-empty) line it opens on
    strict: bool = False  # a tentative opener: dropped silently when never closed
    dead: bool = False  # dropped at the end of its line, still in the list (see OpenStack)


#: A mark that could close a single quote: ' or ’ after a non-space, before a non-word.
_SINGLE_CLOSER_RE = re.compile(r"(?<!\s)['’](?![^\W_])")
#: Another single quote opening inside a span: a space (or bracket, dash) then ‘ or '
#: then a letter ("‘heroes’ and ‘villains’").
_SINGLE_OPENER_RE = re.compile(r"(?=[\s(\[—–-][‘'][^\W\d_])")
#: How many characters a match of :data:`_SINGLE_OPENER_RE` covers: space, mark, letter.
_SINGLE_OPENER_LEN = 3
_NEWLINE_RE = re.compile("\n")


class Lookahead:
    """Where things are in a text, found in one pass, for the questions the scanner asks
    about the rest of a line: "is there a ” before the end of this line?".

    Rescanning the rest of the line for each mark made a line of marks quadratic (80 KB
    of ``'em 'em ...`` took minutes); each question is now a binary search.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._offsets: dict[str, list[int]] = {}

    def _found(self, key: str, pattern: Union[str, re.Pattern[str]]) -> list[int]:
        """Where ``pattern`` matches in the text (found the first time ``key`` is asked for)."""
        offsets = self._offsets.get(key)
        if offsets is None:
            offsets = [m.start() for m in re.compile(pattern).finditer(self.text)]
            self._offsets[key] = offsets
        return offsets

    @staticmethod
    def _first(offsets: list[int], start: int, end: int) -> Optional[int]:
        """The first offset in ``start:end``, or None."""
        i = bisect_left(offsets, start)
        return offsets[i] if i < len(offsets) and offsets[i] < end else None

    def line_end(self, pos: int) -> int:
        """Where the line holding ``pos`` ends: its newline, or the end of the text."""
        found = self._first(self._found("\n", _NEWLINE_RE), pos, len(self.text))
        return len(self.text) if found is None else found

    def string(self, needle: str, start: int, end: int) -> Optional[int]:
        """Where ``needle`` first occurs wholly inside ``start:end``, or None."""
        overlapping = f"(?={re.escape(needle)})"
        return self._first(self._found(needle, overlapping), start, end - len(needle) + 1)

    def single_closer(self, start: int, end: int) -> Optional[int]:
        """The first mark in ``start:end`` that could close a single quote, or None.

        ``start`` is after the text's first character: the mark's left neighbour counts.
        """
        return self._first(self._found("single closer", _SINGLE_CLOSER_RE), start, end)

    def single_opener(self, start: int, end: int) -> Optional[int]:
        """Where a single quote opens (after a space, bracket or dash) inside ``start:end``."""
        last = end - _SINGLE_OPENER_LEN + 1  # the match must end by ``end``
        return self._first(self._found("single opener", _SINGLE_OPENER_RE), start, last)


class OpenStack:
    """The opening marks waiting for their closing marks, innermost last.

    It keeps, for each style and closing character, where the marks it may close stand,
    so that finding the innermost mark that a closing mark closes does not walk the whole
    stack: a line of opening marks that never close made the scanner quadratic. Marks
    dropped at the end of their line (tentative single quotes) stay in :attr:`entries`,
    marked dead, until the stack is cut below them.
    """

    def __init__(self) -> None:
        self.entries: list[OpenMark] = []
        self.live = 0
        self._closable: dict[tuple[str, str], list[int]] = {}  # (style, char) -> indexes
        self._singles: list[int] = []  # indexes of the live single quotes

    def __bool__(self) -> bool:
        return self.live > 0

    def __getitem__(self, index: int) -> OpenMark:
        return self.entries[index]

    def push(self, opened: OpenMark) -> None:
        """Add an opening mark on top."""
        index = len(self.entries)
        self.entries.append(opened)
        self.live += 1
        for char in set(opened.closer):
            self._closable.setdefault((opened.style, char), []).append(index)
        if opened.style == SINGLE:
            self._singles.append(index)

    def find(self, style: str, closer_char: str) -> Optional[int]:
        """The index of the innermost mark of ``style`` that ``closer_char`` closes, or None."""
        found = self._closable.get((style, closer_char))
        return found[-1] if found else None

    def has_single_above(self, index: int) -> bool:
        """True if a single quote is open inside the mark at ``index``."""
        return bool(self._singles) and self._singles[-1] > index

    def above(self, index: int) -> list[OpenMark]:
        """The live marks opened inside the mark at ``index``, outermost first."""
        return [o for o in self.entries[index + 1 :] if not o.dead]

    def live_entries(self) -> list[OpenMark]:
        """Every live mark, outermost first."""
        return [o for o in self.entries if not o.dead]

    def cut(self, index: int) -> None:
        """Remove the mark at ``index`` and every mark above it."""
        self.live -= sum(1 for o in self.entries[index:] if not o.dead)
        del self.entries[index:]
        for indexes in (*self._closable.values(), self._singles):
            while indexes and indexes[-1] >= index:
                indexes.pop()

    def clear(self) -> None:
        """Remove every mark."""
        self.cut(0)

    def drop_tentative_singles(self) -> None:
        """Drop the tentative single quotes: they never run past their line."""
        dropped = False
        for index in self._singles:
            opened = self.entries[index]
            if opened.strict:
                opened.dead = True
                self.live -= 1
                dropped = True
        if not dropped:
            return
        self._singles = [i for i in self._singles if not self.entries[i].dead]
        for (style, _), indexes in self._closable.items():
            if style == SINGLE:
                indexes[:] = [i for i in indexes if not self.entries[i].dead]
