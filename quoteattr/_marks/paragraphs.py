"""Where the paragraphs of a text start, and which lines are headlines in Title Case.

A paragraph is a non-empty line: news text puts each paragraph on a line of its own.
"""

from __future__ import annotations

import re

__all__ = ["TITLE_SMALL_WORDS", "paragraph_starts", "title_case_lines"]


def paragraph_starts(text: str) -> list[int]:
    """Return the offsets at which each non-empty line (paragraph) of ``text`` starts."""
    starts = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(pos)
        pos += len(line) + 1
    return starts


def title_case_lines(text: str) -> list[tuple[int, int]]:
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
