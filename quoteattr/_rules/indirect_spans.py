"""The character spans of reported speech, and the quotation marks they meet.

A report's content is a token range of the parse; it becomes characters of the text,
widened so that a quote it cuts through is taken whole. :class:`QuoteIndex` holds the
top-level quotes of a doc sorted by offset, so that each lookup is a binary search
rather than a pass over every quote of the doc (or of a long article's chunk).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc

from quoteattr._marks.marks import QuoteSpan

__all__ = ["QuoteIndex", "char_range", "report_span"]


def char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The characters of the tokens ``start:end`` of ``doc``."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def report_span(text: str, chars: tuple[int, int]) -> QuoteSpan:
    """The span of reported speech without quotation marks over ``chars`` of ``text``."""
    start, end = chars
    return QuoteSpan(
        start=start,
        end=end,
        open_start=start,
        close_end=end,
        text=text[start:end],
        style="none",
        depth=0,
    )


class QuoteIndex:
    """Quotes that never overlap (the top-level quotes of a doc), sorted by offset."""

    def __init__(self, quoted: Sequence[QuoteSpan]) -> None:
        self.quotes = sorted(quoted, key=lambda q: q.open_start)
        self._opens = [q.open_start for q in self.quotes]
        # Quotes that never overlap are in the same order by any of their offsets.
        self._closes = [q.close_end for q in self.quotes]
        self._starts = [q.start for q in self.quotes]

    def whole(self, chars: tuple[int, int]) -> tuple[int, int]:
        """Widen a content span so that a quote it cuts through is taken whole, marks included."""
        start, end = chars
        first = bisect.bisect_right(self._closes, start)
        last = bisect.bisect_left(self._opens, end)
        for q in self.quotes[first:last]:
            if start < q.close_end and q.open_start < end:  # they overlap
                if q.open_start < start <= q.start or (
                    q.start < start < q.end and q.open_start >= start - 200
                ):
                    start = min(start, q.open_start)
                if q.end <= end < q.close_end or (
                    q.start < end < q.end and q.close_end <= end + 200
                ):
                    end = max(end, q.close_end)
        return start, end

    def across_marks(self, cue: int, span: tuple[int, int]) -> bool:
        """True if the cue (a character offset) stands inside quotation marks that do not
        also hold the content ``span``.

        A reporting verb in quoted words reports only within them: in ‘Okafor, telling
        reporters, “Half the town said the mayor ought to quit”’ the parse makes the words
        outside the marks the content of the quoted "said".
        """
        i = bisect.bisect_right(self._starts, cue) - 1
        if i < 0 or not cue < self.quotes[i].end:
            return False
        q = self.quotes[i]
        return not (q.start <= span[0] and span[1] <= q.end)

    def inside_marks(self, offset: int) -> bool:
        """True if the character at ``offset`` stands inside a quote, marks included."""
        i = bisect.bisect_right(self._opens, offset) - 1
        return i >= 0 and offset < self._closes[i]

    def holds_quote(self, chars: tuple[int, int]) -> bool:
        """True if a whole quote, marks included, lies inside ``chars``."""
        i = bisect.bisect_left(self._opens, chars[0])
        return i < len(self.quotes) and self._closes[i] <= chars[1]

    def only_quoted(self, doc: Doc, start: int, end: int) -> bool:
        """True if the tokens ``start:end`` have no words outside quotation marks.

        ‘said “the plan will fail”’ is a direct quote, which the quote-mark attribution has;
        ‘said the plan “will fail”’ and ‘said that “the plan will fail”’ are mixed: their
        own words ("the plan", "that") are part of what is reported.
        """
        return all(
            self.inside_marks(tok.idx)
            for tok in doc[start:end]
            if not (tok.is_punct or tok.is_space)
        )
