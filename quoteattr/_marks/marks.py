"""The quotation-mark scanner: text in, quoted spans out, with no tokenizer and no spaCy.

It reads “curly” and "straight" double quotes, ‘single’ quotes, «guillemets», „low-high“
quotes and the PTB style of two backticks closed by two apostrophes, nests one style
inside the other, follows the news convention of quotes that run over several paragraphs
(an opening mark at the start of each paragraph, the closing mark only at the end of the
last), and tells apostrophes (Kim Jong Un’s, isn’t, the ’90s, rock 'n' roll) from
quotation marks. Its bookkeeping lives in :mod:`quoteattr._marks.marks_state`; where paragraphs
start, in :mod:`quoteattr._marks.paragraphs`.

An unbalanced mark is recovered within its paragraph: a stray closing mark is dropped
(or, after sentence punctuation, closes a quote whose opening mark is missing), and an
opening mark that is never closed yields a quote that runs to the end of its paragraph,
flagged ``closed=False``. Nothing after that paragraph is affected.

>>> [s.text for s in find_quote_spans('“See you soon,” Kim said. It isn’t over.')]
['See you soon,']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Optional

import attrs

from quoteattr._marks.marks_state import DOUBLE, SINGLE, Lookahead, Mark, OpenMark, OpenStack

__all__ = ["QuoteSpan", "find_quote_spans"]

# Word forms that begin with an elided letter: 'em, 'til, 'cause ... (never an opening quote).
_ELISIONS = frozenset(
    [
        *("em", "til", "tis", "twas", "cause", "cos", "bout", "round", "n", "nuff"),
        *("neath", "ere", "scuse", "s", "t", "d", "ll", "re", "ve", "m"),
    ]
)
_OPEN_PUNCT = "([{<—–-/\u2014\u2013"
_CLOSE_PUNCT = ".,;:!?)]}>—–-/…\u2014\u2013"
_MARK_RE = re.compile(r"``|''|[\"'`‘’‚‛“”„‟«»‹›]")
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


def _lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        yield pos, end
        if nl == -1:
            return
        pos = nl + 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_word(ch: str) -> bool:
    return bool(ch) and (ch.isalnum())


def _left_flanking(m: Mark) -> bool:
    return (
        not m.prev
        or m.prev.isspace()
        or m.prev in _OPEN_PUNCT
        or m.prev == ":"  # said:"It is over."
        or _is_mark_char(m.prev)
    ) and (bool(m.next) and not m.next.isspace())


def _right_flanking(m: Mark) -> bool:
    return (bool(m.prev) and not m.prev.isspace()) and (
        not m.next or m.next.isspace() or m.next in _CLOSE_PUNCT or _is_mark_char(m.next)
    )


def _is_mark_char(ch: str) -> bool:
    return ch in "\"'`‘’‚‛“”„‟«»‹›"


class _LineScanner:
    """Pairs the marks of one line, with the state carried over from the line before."""

    def __init__(self, text: str, spans: list[QuoteSpan]) -> None:
        self.text = text
        self.spans = spans
        self.stack = OpenStack()
        self.line_index = 0  # the (non-empty) line being scanned
        self.last_close = 0  # where the last emitted quote ended: recovery starts after it
        self.ahead = Lookahead(text)
        #: Where the next paragraph reopens the quote this one leaves open, if it does.
        self.reopen_at: Optional[int] = None

    # -- emitting ---------------------------------------------------------------
    def _emit(
        self, opened: OpenMark, content_end: int, close_end: int, *, closed: bool = True
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

    def _close(self, index: int, m: Mark) -> None:
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
            m = Mark(
                s,
                e,
                match.group(),
                text[s - 1] if s > line_start else "",
                text[e] if e < line_end else "",
            )
            self._handle(m, line_start)

    def _open(self, m: Mark, style: str, closer: str, *, strict: bool) -> None:
        self.stack.push(OpenMark(style, m.start, m.end, closer, self.line_index, strict=strict))

    def _handle(self, m: Mark, line_start: int) -> None:
        c = m.char
        if c in ("“", "„", "«", "‟", "``"):
            if c == "“" and _right_flanking(m) and not _left_flanking(m):
                # “ used as a closing mark: German „...“, or a typo.
                i = self.stack.find(DOUBLE, "“")
                if i is not None:
                    self._close(i, m)
                    return
                if self._close_or_recover(m, line_start):
                    return
            if c != "«" and (not m.next or m.next.isspace()) and not self._spaced_opener(m):
                return  # a mark followed by space is not an opening mark
            # “ may be closed by “ where an editor typed the wrong one: “Not so,“ he said.
            closer = {"“": '”"“', "„": '“”"', "«": "»", "‟": '”"', "``": "''\"”"}[c]
            self._open_double(m, closer)
        elif c == "''":
            # NYT/PTB style writes '' for both marks (or `` ... ''): decide by flanking.
            self._straight_double(m, line_start, key="'")
        elif c in ("”", "»"):
            if c == "”" and _left_flanking(m) and not _right_flanking(m):
                # ” used as an opening mark (some sources use one glyph for both).
                i = self.stack.find(DOUBLE, "”")
                if i is None:
                    self._open_double(m, '”"')
                    return
            i = self.stack.find(DOUBLE, c[0])
            if i is not None:
                self._close(i, m)
            else:
                self._close_or_recover(m, line_start)
        elif c == '"':
            self._straight_double(m, line_start)
        elif c in ("‘", "‚", "‹", "‛", "`"):
            if c in ("‘", "`") and (m.next.isdigit() or (_is_word(m.prev) and _is_word(m.next))):
                return  # ‘90s, rock‘n‘roll
            if c == "‘" and _right_flanking(m) and not _left_flanking(m):
                i = self.stack.find(SINGLE, "‘")
                if i is not None:
                    self._close(i, m)
                return
            if not _left_flanking(m):
                return
            if self._is_elision(m):
                return
            closer = {"‘": "’'", "‚": "‘’", "‹": "›", "‛": "’'", "`": "'’"}[c]
            self._open(m, SINGLE, closer, strict=True)
        elif c in ("’", "›"):
            self._closing_single(m)
        elif c == "'":
            self._straight_single(m)

    def _spaced_opener(self, m: Mark) -> bool:
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

    def _is_elision(self, m: Mark) -> bool:
        word = re.match(r"[A-Za-z]+", self.text[m.end : m.end + 8])
        if not word:
            return False
        w = word.group().lower()
        if w == "n":  # rock 'n' roll
            return True
        return w in _ELISIONS and not self._single_closer_ahead(m)

    def _single_closer_ahead(self, m: Mark) -> bool:
        """True if a mark that could close a single quote follows ``m`` on its line (after
        the character right after it)."""
        closer = self.ahead.single_closer(m.end + 1, self.ahead.line_end(m.end))
        return closer is not None

    def _open_double(self, m: Mark, closer: str) -> None:
        # A second top-level double opener while one is open: the first was never
        # closed. Cut it here rather than let it swallow the rest of the paragraph.
        i = self.stack.find(DOUBLE, closer[0])
        if i is not None and not self.stack.has_single_above(i):
            opened = self.stack[i]
            self._emit(opened, m.start, m.start, closed=False)
            self.stack.cut(i)
        self._open(m, DOUBLE, closer, strict=False)

    def _close_or_recover(self, m: Mark, line_start: int) -> bool:
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

    def _straight_double(self, m: Mark, line_start: int, key: str = '"') -> None:
        """A mark that opens and closes alike (" or ''): its flanking decides which it is."""
        left, right = _left_flanking(m), _right_flanking(m)
        i = self.stack.find(DOUBLE, key)
        if right and not left:
            if i is not None:
                self._close(i, m)
            else:
                self._close_or_recover(m, line_start)
        elif left and not right:
            if i is not None and self._closes_better(m, i):
                self._close(i, m)
            else:
                self._open_double(m, _STRAIGHT_CLOSERS[key])
        elif i is not None:
            self._close(i, m)
        elif m.prev and m.next and not (m.prev.isspace() and m.next.isspace()):
            self._open_double(m, _STRAIGHT_CLOSERS[key])
        # A straight mark with space on both sides and nothing open: not a quotation mark.

    def _closes_better(self, m: Mark, index: int) -> bool:
        """A left-flanking mark while one is open: it closes only if no other such mark follows."""
        if self.stack[index].content_start >= m.start:
            return False
        return self.ahead.string(m.char, m.end, self.ahead.line_end(m.end)) is None

    def _closing_single(self, m: Mark) -> None:
        c = m.char
        if c == "’":
            if _is_word(m.prev) and _is_word(m.next):
                return  # Kim’s, isn’t
            if m.next.isdigit() and (not m.prev or m.prev.isspace() or m.prev in _OPEN_PUNCT):
                return  # ’90s
        i = self.stack.find(SINGLE, c)
        if i is not None and (_right_flanking(m) or not _left_flanking(m)):
            if self._plural_possessive(m):
                return  # ‘The soldiers’ families are waiting,’
            self._close(i, m)

    def _plural_possessive(self, m: Mark) -> bool:
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

    def _next_single_closer(self, m: Mark) -> Optional[int]:
        """Offset of the next mark on the line that could close a single quote."""
        return self.ahead.single_closer(m.end, self.ahead.line_end(m.end))

    def _straight_single(self, m: Mark) -> None:
        if _is_word(m.prev) and _is_word(m.next):
            return  # isn't, O'Brien
        if m.next.isdigit() and (not m.prev or m.prev.isspace()):
            return  # '90s
        if m.prev.isdigit():
            return  # 6'2
        left, right = _left_flanking(m), _right_flanking(m)
        i = self.stack.find(SINGLE, "'")
        if right and i is not None and not self._plural_possessive(m):
            self._close(i, m)
        elif left and not right and not self._is_elision(m):
            self._open(m, SINGLE, "'’", strict=True)

    # -- line ends ----------------------------------------------------------------
    def end_line(self, line_end: int, next_line: Optional[tuple[int, int]]) -> None:
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

    def _continues(self, next_line: tuple[int, int]) -> bool:
        start, end = next_line
        line = self.text[start:end]
        stripped = line.lstrip()
        if not stripped:
            return False
        first = stripped[0]
        if first in '“"«„‟' or stripped.startswith("``"):
            # News convention: the quote reopens at the start of the next paragraph.
            self.reopen_at = start + (len(line) - len(stripped))
            return True
        # A hard-wrapped line: the next line closes the quote before opening another.
        for match in _MARK_RE.finditer(line):
            ch = match.group()
            s = start + match.start()
            m = Mark(
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


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Return the quoted spans of ``text``, sorted by start.

    Spans of one depth never overlap; a quote nested inside another has depth 1.
    """
    spans: list[QuoteSpan] = []
    scanner = _LineScanner(text, spans)
    lines = list(_lines(text))
    # Skip empty lines when looking for the paragraph that continues a quote.
    nonempty = [(s, e) for s, e in lines if text[s:e].strip()]
    for index, (s, e) in enumerate(nonempty):
        if scanner.reopen_at is not None and scanner.reopen_at >= s:
            # Consume the paragraph's reopening mark: it continues the open quote.
            reopen = scanner.reopen_at
            scanner.reopen_at = None
            mark_len = 2 if text.startswith("``", reopen) else 1
            scanner.scan(reopen + mark_len, e, index)
        else:
            scanner.scan(s, e, index)
        scanner.end_line(e, nonempty[index + 1] if index + 1 < len(nonempty) else None)
    return _nest(spans)


def _nest(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Sort the spans and set each one's depth: how many other spans hold it."""
    spans.sort(key=lambda sp: (sp.open_start, -sp.close_end, sp.start))
    open_: list[QuoteSpan] = []
    nested: list[QuoteSpan] = []
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
