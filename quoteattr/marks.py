"""The quotation-mark scanner: text in, quoted spans out, with no tokenizer and no spaCy.

It reads “curly” and "straight" double quotes, ‘single’ quotes, «guillemets», „low-high“
quotes and the PTB style of two backticks closed by two apostrophes, nests one style inside the other, follows the news
convention of quotes that run over several paragraphs (an opening mark at the start of
each paragraph, the closing mark only at the end of the last), and tells apostrophes
(Kim Jong Un’s, isn’t, the ’90s, rock 'n' roll) from quotation marks.

An unbalanced mark is recovered within its paragraph: a stray closing mark is dropped
(or, after sentence punctuation, closes a quote whose opening mark is missing), and an
opening mark that is never closed yields a quote that runs to the end of its paragraph,
flagged ``closed=False``. Nothing after that paragraph is affected.

>>> [s.text for s in find_quote_spans('“See you soon,” Kim said. It isn’t over.')]
['See you soon,']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Dict, Iterator, List, Optional, Tuple, Union

import attrs

__all__ = [
    "TITLE_SMALL_WORDS",
    "QuoteSpan",
    "find_quote_spans",
    "paragraph_starts",
    "title_case_lines",
]

DOUBLE = "double"
SINGLE = "single"

# Word forms that begin with an elided letter: 'em, 'til, 'cause ... (never an opening quote).
_ELISIONS = frozenset(
    [
        "em",
        "til",
        "tis",
        "twas",
        "cause",
        "cos",
        "bout",
        "round",
        "n",
        "nuff",
        "neath",
        "ere",
        "scuse",
        "s",
        "t",
        "d",
        "ll",
        "re",
        "ve",
        "m",
    ]
)
_OPEN_PUNCT = "([{<—–-/\u2014\u2013"
_CLOSE_PUNCT = ".,;:!?)]}>—–-/…\u2014\u2013"
_MARK_RE = re.compile(r"``|''|[\"'`‘’‚‛“”„‟«»‹›]")
_SENTENCE_END_PUNCT = ",.!?;:…—-"
#: What closes a quote opened by a straight mark: the same mark, or (in text edited by
#: several hands) a curly closing mark: "But Ann Lee lost,” Brandt said.
_STRAIGHT_CLOSERS = {'"': '"”', "'": "'”"}


@attrs.frozen
class QuoteSpan:
    """A quoted span of text found by :func:`find_quote_spans`.

    ``start``/``end`` delimit the content (without the marks); ``open_start`` is
    where the opening mark begins and ``close_end`` where the closing mark ends (they
    equal ``start``/``end`` when that mark is missing).
    """

    start: int
    end: int
    open_start: int
    close_end: int
    text: str
    style: str
    #: 0 for a top-level quote, 1 for a quote inside another quote, ...
    depth: int
    #: False when no closing mark was found and the quote was cut at its paragraph's end.
    closed: bool = True
    #: False when no opening mark was found (a stray closing mark after sentence punctuation).
    opened: bool = True
    #: How many paragraphs (lines) the quote runs over.
    paragraphs: int = 1


@attrs.define
class _Open:
    """An opening mark waiting for its closing mark."""

    style: str
    mark_start: int
    content_start: int
    closer: str  # the characters that may close it
    line_index: int  # the (non-empty) line it opens on
    strict: bool = False  # a tentative opener: dropped silently when never closed
    dead: bool = False  # dropped at the end of its line, still in the list (see _OpenStack)


@attrs.frozen
class _Mark:
    start: int
    end: int
    char: str
    prev: str  # character before the mark, "" at line start
    next: str  # character after the mark, "" at line end


def paragraph_starts(text: str) -> List[int]:
    """Return the offsets at which each non-empty line (paragraph) of ``text`` starts."""
    starts = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(pos)
        pos += len(line) + 1
    return starts


def _lines(text: str) -> Iterator[Tuple[int, int]]:
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        yield pos, end
        if nl == -1:
            return
        pos = nl + 1


def _strip(text: str, start: int, end: int) -> Tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_word(ch: str) -> bool:
    return bool(ch) and (ch.isalnum())


def _left_flanking(m: _Mark) -> bool:
    return (
        not m.prev
        or m.prev.isspace()
        or m.prev in _OPEN_PUNCT
        or m.prev == ":"  # said:"It is over."
        or _is_mark_char(m.prev)
    ) and (bool(m.next) and not m.next.isspace())


def _right_flanking(m: _Mark) -> bool:
    return (bool(m.prev) and not m.prev.isspace()) and (
        not m.next or m.next.isspace() or m.next in _CLOSE_PUNCT or _is_mark_char(m.next)
    )


def _is_mark_char(ch: str) -> bool:
    return ch in "\"'`‘’‚‛“”„‟«»‹›"


#: A mark that could close a single quote: ' or ’ after a non-space, before a non-word.
_SINGLE_CLOSER_RE = re.compile(r"(?<!\s)['’](?![^\W_])")
#: Another single quote opening inside a span: a space (or bracket, dash) then ‘ or '
#: then a letter ("‘heroes’ and ‘villains’").
_SINGLE_OPENER_RE = re.compile(r"(?=[\s(\[—–-][‘'][^\W\d_])")
#: How many characters a match of :data:`_SINGLE_OPENER_RE` covers: space, mark, letter.
_SINGLE_OPENER_LEN = 3
_NEWLINE_RE = re.compile("\n")


class _Lookahead:
    """Where things are in a text, found in one pass, for the questions the scanner asks
    about the rest of a line: "is there a ” before the end of this line?".

    Rescanning the rest of the line for each mark made a line of marks quadratic (80 KB
    of ``'em 'em ...`` took minutes); each question is now a binary search.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._offsets: Dict[str, List[int]] = {}

    def _found(self, key: str, pattern: Union[str, re.Pattern[str]]) -> List[int]:
        """Where ``pattern`` matches in the text (found the first time ``key`` is asked for)."""
        offsets = self._offsets.get(key)
        if offsets is None:
            offsets = [m.start() for m in re.compile(pattern).finditer(self.text)]
            self._offsets[key] = offsets
        return offsets

    @staticmethod
    def _first(offsets: List[int], start: int, end: int) -> Optional[int]:
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


class _OpenStack:
    """The opening marks waiting for their closing marks, innermost last.

    It keeps, for each style and closing character, where the marks it may close stand,
    so that finding the innermost mark that a closing mark closes does not walk the whole
    stack: a line of opening marks that never close made the scanner quadratic. Marks
    dropped at the end of their line (tentative single quotes) stay in :attr:`entries`,
    marked dead, until the stack is cut below them.
    """

    def __init__(self) -> None:
        self.entries: List[_Open] = []
        self.live = 0
        self._closable: Dict[Tuple[str, str], List[int]] = {}  # (style, char) -> indexes
        self._singles: List[int] = []  # indexes of the live single quotes

    def __bool__(self) -> bool:
        return self.live > 0

    def __getitem__(self, index: int) -> _Open:
        return self.entries[index]

    def push(self, opened: _Open) -> None:
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

    def above(self, index: int) -> List[_Open]:
        """The live marks opened inside the mark at ``index``, outermost first."""
        return [o for o in self.entries[index + 1 :] if not o.dead]

    def live_entries(self) -> List[_Open]:
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


class _LineScanner:
    """Pairs the marks of one line, with the state carried over from the line before."""

    def __init__(self, text: str, spans: List[QuoteSpan]) -> None:
        self.text = text
        self.spans = spans
        self.stack = _OpenStack()
        self.line_index = 0  # the (non-empty) line being scanned
        self.last_close = 0  # where the last emitted quote ended: recovery starts after it
        self.ahead = _Lookahead(text)

    # -- emitting ---------------------------------------------------------------
    def _emit(
        self, opened: _Open, content_end: int, close_end: int, *, closed: bool = True
    ) -> None:
        start, end = _strip(self.text, opened.content_start, content_end)
        if not closed:
            close_end = end
        if end <= start:
            return
        self.last_close = max(self.last_close, close_end)
        self.spans.append(
            QuoteSpan(
                start=start,
                end=end,
                open_start=opened.mark_start,
                close_end=close_end,
                text=self.text[start:end],
                style=opened.style,
                depth=0,  # set by _nest once every span is known
                closed=closed,
                opened=True,
                paragraphs=self.line_index - opened.line_index + 1,
            )
        )

    def _find_open(self, style: str, closer_char: str) -> Optional[int]:
        return self.stack.find(style, closer_char)

    def _close(self, index: int, m: _Mark) -> None:
        # Marks opened after this one and never closed were strays: drop them,
        # except a non-strict (clean) opener, which is cut where the outer quote closes.
        opened = self.stack[index]
        for inner in self.stack.above(index):
            if not inner.strict:
                self._emit(inner, m.start, m.start, closed=False)
        self._emit(opened, m.start, m.end)
        self.stack.cut(index)

    # -- classification ----------------------------------------------------------
    def scan(self, line_start: int, line_end: int, line_index: int) -> None:
        text = self.text
        self.line_index = line_index
        for match in _MARK_RE.finditer(text, line_start, line_end):
            s, e = match.span()
            m = _Mark(
                s,
                e,
                match.group(),
                text[s - 1] if s > line_start else "",
                text[e] if e < line_end else "",
            )
            self._handle(m, line_start, line_index)

    def _open(self, m: _Mark, style: str, closer: str, line_index: int, *, strict: bool) -> None:
        self.stack.push(_Open(style, m.start, m.end, closer, line_index, strict=strict))

    def _handle(self, m: _Mark, line_start: int, line_index: int) -> None:
        c = m.char
        if c in ("“", "„", "«", "‟", "``"):
            if c == "“" and _right_flanking(m) and not _left_flanking(m):
                # “ used as a closing mark: German „...“, or a typo.
                i = self._find_open(DOUBLE, "“")
                if i is not None:
                    self._close(i, m)
                    return
                if self._close_or_recover(m, line_start, line_index):
                    return
            if c != "«" and (not m.next or m.next.isspace()) and not self._spaced_opener(m):
                return  # a mark followed by space is not an opening mark
            # “ may be closed by “ where an editor typed the wrong one: “Not so,“ he said.
            closer = {"“": '”"“', "„": '“”"', "«": "»", "‟": '”"', "``": "''\"”"}[c]
            self._open_double(m, closer, line_index)
        elif c == "''":
            # NYT/PTB style writes '' for both marks (or `` ... ''): decide by flanking.
            self._straight_double(m, line_start, line_index, key="'")
        elif c in ("”", "»"):
            if c == "”" and _left_flanking(m) and not _right_flanking(m):
                # ” used as an opening mark (some sources use one glyph for both).
                i = self._find_open(DOUBLE, "”")
                if i is None:
                    self._open_double(m, '”"', line_index)
                    return
            i = self._find_open(DOUBLE, c[0])
            if i is not None:
                self._close(i, m)
            else:
                self._close_or_recover(m, line_start, line_index)
        elif c == '"':
            self._straight_double(m, line_start, line_index)
        elif c in ("‘", "‚", "‹", "‛", "`"):
            if c in ("‘", "`") and (m.next.isdigit() or (_is_word(m.prev) and _is_word(m.next))):
                return  # ‘90s, rock‘n‘roll
            if c == "‘" and _right_flanking(m) and not _left_flanking(m):
                i = self._find_open(SINGLE, "‘")
                if i is not None:
                    self._close(i, m)
                return
            if not _left_flanking(m):
                return
            if self._is_elision(m):
                return
            closer = {"‘": "’'", "‚": "‘’", "‹": "›", "‛": "’'", "`": "'’"}[c]
            self._open(m, SINGLE, closer, line_index, strict=True)
        elif c in ("’", "›"):
            self._closing_single(m, line_index)
        elif c == "'":
            self._straight_single(m, line_index)

    def _spaced_opener(self, m: _Mark) -> bool:
        """“ typed with a stray space after it, at the start of a sentence: ‘said. “ You know’.

        Only a “ that stands after a space or at the start of its line, with a word after
        the one space, and whose quote is closed by a ” later on the line.
        """
        if m.char != "“" or (m.prev and not m.prev.isspace()) or m.next != " ":
            return False
        word = m.end + 1  # the word after the one space
        line_end = self.ahead.line_end(m.end)
        if word >= line_end or not self.text[word].isalnum():
            return False
        close = self.ahead.string("”", word, line_end)
        return close is not None and self.ahead.string("“", word, close) is None

    def _is_elision(self, m: _Mark) -> bool:
        word = re.match(r"[A-Za-z]+", self.text[m.end : m.end + 8])
        if not word:
            return False
        w = word.group().lower()
        if w == "n":  # rock 'n' roll
            return True
        return w in _ELISIONS and not self._single_closer_ahead(m)

    def _single_closer_ahead(self, m: _Mark) -> bool:
        """True if a mark that could close a single quote follows ``m`` on its line (after
        the character right after it)."""
        closer = self.ahead.single_closer(m.end + 1, self.ahead.line_end(m.end))
        return closer is not None

    def _open_double(self, m: _Mark, closer: str, line_index: int) -> None:
        # A second top-level double opener while one is open: the first was never
        # closed. Cut it here rather than let it swallow the rest of the paragraph.
        i = self._find_open(DOUBLE, closer[0])
        if i is not None and not self._has_single_above(i):
            opened = self.stack[i]
            self._emit(opened, m.start, m.start, closed=False)
            self.stack.cut(i)
        self._open(m, DOUBLE, closer, line_index, strict=False)

    def _has_single_above(self, index: int) -> bool:
        return self.stack.has_single_above(index)

    def _close_or_recover(self, m: _Mark, line_start: int, line_index: int) -> bool:
        """Handle a double closing mark with no opening mark; return True if it made a quote."""
        # Only after sentence punctuation ("... wrong,” Smith said"): a quote whose
        # opening mark is missing. It runs from the start of the line.
        if m.prev and m.prev in ",.!?" and not self.stack:
            start, end = _strip(self.text, max(line_start, self.last_close), m.start)
            if end - start >= 2:
                self.last_close = m.end
                self.spans.append(
                    QuoteSpan(
                        start=start,
                        end=end,
                        open_start=start,
                        close_end=m.end,
                        text=self.text[start:end],
                        style=DOUBLE,
                        depth=0,
                        closed=True,
                        opened=False,
                    )
                )
                return True
        return False

    def _straight_double(self, m: _Mark, line_start: int, line_index: int, key: str = '"') -> None:
        """A mark that opens and closes alike (" or ''): its flanking decides which it is."""
        left, right = _left_flanking(m), _right_flanking(m)
        i = self._find_open(DOUBLE, key)
        if right and not left:
            if i is not None:
                self._close(i, m)
            else:
                self._close_or_recover(m, line_start, line_index)
        elif left and not right:
            if i is not None and self._closes_better(m, i):
                self._close(i, m)
            else:
                self._open_double(m, _STRAIGHT_CLOSERS[key], line_index)
        elif i is not None:
            self._close(i, m)
        elif m.prev and m.next and not (m.prev.isspace() and m.next.isspace()):
            self._open_double(m, _STRAIGHT_CLOSERS[key], line_index)
        # A straight mark with space on both sides and nothing open: not a quotation mark.

    def _closes_better(self, m: _Mark, index: int) -> bool:
        """A left-flanking mark while one is open: it closes only if no other such mark follows."""
        if self.stack[index].content_start >= m.start:
            return False
        return self.ahead.string(m.char, m.end, self.ahead.line_end(m.end)) is None

    def _closing_single(self, m: _Mark, line_index: int) -> None:
        c = m.char
        if c == "’":
            if _is_word(m.prev) and _is_word(m.next):
                return  # Kim’s, isn’t
            if m.next.isdigit() and (not m.prev or m.prev.isspace() or m.prev in _OPEN_PUNCT):
                return  # ’90s
        i = self._find_open(SINGLE, c)
        if i is not None and (_right_flanking(m) or not _left_flanking(m)):
            if self._plural_possessive(m):
                return  # ‘The soldiers’ families are waiting,’
            self._close(i, m)

    def _plural_possessive(self, m: _Mark) -> bool:
        """True for "soldiers’ families": s + mark + a lower-case word, with a closer still to come."""
        if m.prev.lower() != "s" or self.text[m.end : m.end + 1] != " ":
            return False
        if not self.text[m.end + 1 : m.end + 2].islower():
            return False
        closer = self._next_single_closer(m)
        if closer is None:
            return False
        # ‘heroes’ and ‘villains’: another quote opens before that closer, so this one closes.
        # (The text right after the mark is a space, so no quote opens at the mark itself.)
        return self.ahead.single_opener(m.end, closer) is None

    def _next_single_closer(self, m: _Mark) -> Optional[int]:
        """Offset of the next mark on the line that could close a single quote."""
        return self.ahead.single_closer(m.end, self.ahead.line_end(m.end))

    def _straight_single(self, m: _Mark, line_index: int) -> None:
        if _is_word(m.prev) and _is_word(m.next):
            return  # isn't, O'Brien
        if m.next.isdigit() and (not m.prev or m.prev.isspace()):
            return  # '90s
        if m.prev.isdigit():
            return  # 6'2
        left, right = _left_flanking(m), _right_flanking(m)
        i = self._find_open(SINGLE, "'")
        if right and i is not None and not self._plural_possessive(m):
            self._close(i, m)
        elif left and not right and not self._is_elision(m):
            self._open(m, SINGLE, "'’", line_index, strict=True)

    # -- line ends ----------------------------------------------------------------
    def end_line(self, line_end: int, next_line: Optional[Tuple[int, int]]) -> None:
        """Close the line: carry an open double quote into the next line or cut it here."""
        # Single quotes never run past their line: tentative ones are dropped.
        self.stack.drop_tentative_singles()
        if not self.stack:
            return
        carry = next_line is not None and self._continues(next_line)
        if carry:
            return  # a quote's paragraphs are counted from its line_index when it is emitted
        for o in reversed(self.stack.live_entries()):
            self._emit(o, line_end, line_end, closed=False)
        self.stack.clear()

    def _continues(self, next_line: Tuple[int, int]) -> bool:
        start, end = next_line
        line = self.text[start:end]
        stripped = line.lstrip()
        if not stripped:
            return False
        first = stripped[0]
        if first in '“"«„‟' or stripped.startswith("``"):
            # News convention: the quote reopens at the start of the next paragraph.
            self._reopen_at = start + (len(line) - len(stripped))
            return True
        # A hard-wrapped line: the next line closes the quote before opening another.
        for match in _MARK_RE.finditer(line):
            ch = match.group()
            s = start + match.start()
            m = _Mark(
                s,
                s + len(ch),
                ch,
                self.text[s - 1] if s > start else "",
                self.text[s + len(ch)] if s + len(ch) < end else "",
            )
            if ch in ("”", "''", "»") or (
                ch == '"' and _right_flanking(m) and not _left_flanking(m)
            ):
                return True
            if ch in ("“", "«", "„", "``") or (ch == '"' and _left_flanking(m)):
                return False
        return False

    _reopen_at: Optional[int] = None


def find_quote_spans(text: str) -> List[QuoteSpan]:
    """Return the quoted spans of ``text``, sorted by start.

    Spans of one depth never overlap; a quote nested inside another has depth 1.
    """
    spans: List[QuoteSpan] = []
    scanner = _LineScanner(text, spans)
    lines = list(_lines(text))
    # Skip empty lines when looking for the paragraph that continues a quote.
    nonempty = [(s, e) for s, e in lines if text[s:e].strip()]
    for index, (s, e) in enumerate(nonempty):
        if scanner._reopen_at is not None and scanner._reopen_at >= s:
            # Consume the paragraph's reopening mark: it continues the open quote.
            reopen = scanner._reopen_at
            scanner._reopen_at = None
            mark_len = 2 if text.startswith("``", reopen) else 1
            scanner.scan(reopen + mark_len, e, index)
        else:
            scanner.scan(s, e, index)
        scanner.end_line(e, nonempty[index + 1] if index + 1 < len(nonempty) else None)
    return _nest(spans)


def _nest(spans: List[QuoteSpan]) -> List[QuoteSpan]:
    """Sort the spans and set each one's depth: how many other spans hold it."""
    spans.sort(key=lambda sp: (sp.open_start, -sp.close_end, sp.start))
    open_: List[QuoteSpan] = []
    nested: List[QuoteSpan] = []
    for span in spans:
        while open_ and open_[-1].close_end <= span.open_start:
            open_.pop()
        holders = [
            o for o in open_ if o.open_start <= span.open_start and span.close_end <= o.close_end
        ]
        nested.append(attrs.evolve(span, depth=len(holders)))
        open_.append(span)
    nested.sort(key=lambda sp: (sp.start, -sp.end))
    return nested


def title_case_lines(text: str) -> List[Tuple[int, int]]:
    """The lines of a text written in Title Case (headlines), as (start, end) offsets.

    A line of at most 30 words whose longer words (four letters or more) nearly all
    begin with a capital letter, and that shows it is a headline rather than a sentence
    full of names: a capitalised small word inside it ("For", "Of", "To") or no full
    stop at its end.

    >>> title_case_lines("Kim Vows Full Support For Putin\\n\\nKim said he would help.")
    [(0, 31)]
    >>> title_case_lines("Russian President Vladimir Putin met Kim Jong Un in Beijing.")
    []
    """
    found = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"[^\W\d_][\w’'-]*", line)
        longer = [w for w in words if len(w) >= 4]
        if len(longer) >= 3 and len(words) <= 30:
            capitals = sum(1 for w in longer if w[0].isupper())
            small = any(w in TITLE_SMALL_WORDS for w in words[1:])
            if capitals >= 0.85 * len(longer) and (small or not line.rstrip().endswith(".")):
                found.append((pos, pos + len(line)))
        pos += len(line) + 1
    return found


#: Small words that a headline in Title Case capitalises and a sentence does not.
TITLE_SMALL_WORDS = frozenset(
    [
        *("A", "An", "The", "Of", "On", "For", "To", "And", "Or", "But", "Not", "With", "At"),
        *("In", "From", "By", "As", "Over", "After", "Is", "Are", "Was", "Be", "Into", "Off"),
        *("Up", "Than", "Why", "How", "What", "Who", "When", "Where", "Vs", "Via"),
    ]
)
