"""Hypothesis strategies for quoteattr: news-like text full of quotation marks.

The texts mix words of news prose with every kind of quotation mark the scanner
reads, apostrophes, punctuation, line and paragraph breaks, control characters and
long lines, plus arbitrary ``st.text()``, so that the properties see both the
cases the scanner was written for and the ones it was not.
"""

from __future__ import annotations

from typing import Tuple

from hypothesis import strategies as st

#: Words of news prose, including names, reporting verbs and words with apostrophes.
WORDS = [
    "Putin",
    "Kim",
    "Jong",
    "Un",
    "Zelenskyy",
    "Smith",
    "the",
    "a",
    "president",
    "minister",
    "leader",
    "spokesperson",
    "said",
    "told",
    "says",
    "added",
    "replied",
    "warned",
    "pledged",
    "vowed",
    "insisted",
    "according",
    "to",
    "he",
    "she",
    "they",
    "we",
    "it",
    "I",
    "you",
    "reporters",
    "on",
    "Monday",
    "in",
    "Pyongyang",
    "Moscow",
    "will",
    "would",
    "never",
    "always",
    "not",
    "war",
    "peace",
    "support",
    "talks",
    "deal",
    "Kim’s",
    "isn’t",
    "don’t",
    "soldiers’",
    "O'Brien",
    "it's",
    "’90s",
    "'90s",
    "'em",
    "’em",
    "'n'",
    "rock",
    "roll",
    "6'2",
]

#: Every quotation-mark glyph and sequence the scanner knows.
MARKS = (
    '"',
    "'",
    "`",
    "``",
    "''",
    "‘",
    "’",
    "‚",
    "‛",
    "“",
    "”",
    "„",
    "‟",
    "«",
    "»",
    "‹",
    "›",
)

#: Balanced pairs of (opening, closing) marks.
PAIRS = (
    ("“", "”"),
    ("‘", "’"),
    ('"', '"'),
    ("'", "'"),
    ("«", "»"),
    ("„", "“"),
    ("‚", "‘"),
    ("``", "''"),
)

PUNCTUATION = tuple(",.!?:;…—–-()[]/")
SEPARATORS = (" ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\r\n")
#: Characters a scraped article may hold: controls, BOM, odd line separators, a lone surrogate.
ODD = (
    "\x00",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x7f",
    "\x85",
    "\u2028",
    "\ufeff",
    "\u00a0",
    "\ud800",
)

words = st.sampled_from(WORDS)
marks = st.sampled_from(MARKS)


@st.composite
def quoted_phrase(draw: st.DrawFn) -> str:
    """A phrase in a pair of marks, often with a reporting clause: ``“we will win,” Kim said``."""
    opening, closing = draw(st.sampled_from(PAIRS))
    inner = " ".join(draw(st.lists(words, min_size=1, max_size=8)))
    clause = draw(st.sampled_from(("", ",", ".")))
    after = draw(st.sampled_from(("", " Kim said.", " said Smith,", " he added")))
    return f"{opening}{inner}{clause}{closing}{after}"


@st.composite
def multi_paragraph_quote(draw: st.DrawFn) -> str:
    """A quote over several paragraphs, reopened at the start of each: ``“a.\n\n“b,” Kim said``."""
    opening, closing = draw(st.sampled_from(PAIRS))
    paragraphs = draw(st.lists(st.lists(words, min_size=1, max_size=6), min_size=2, max_size=4))
    breaks = draw(st.sampled_from(("\n", "\n\n")))
    body = breaks.join(opening + " ".join(p) + "." for p in paragraphs)
    return body[:-1] + "," + closing + draw(st.sampled_from(("", " Kim said.")))


#: One piece of a text: a word, a mark, punctuation, a break, an odd character, a quote.
pieces = st.one_of(
    words.map(lambda w: w + " "),
    words,
    marks,
    st.sampled_from(PUNCTUATION),
    st.sampled_from(SEPARATORS),
    st.sampled_from(ODD),
    quoted_phrase(),
    multi_paragraph_quote(),
    st.text(max_size=5),
)


def news_texts(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """News-like text built from :data:`pieces`."""
    return st.lists(pieces, max_size=max_pieces).map("".join)


#: A line of 30 to 80 words with no break in it.
long_lines = st.lists(words, min_size=30, max_size=80).map(" ".join)


def texts(max_size: int = 2000) -> st.SearchStrategy[str]:
    """News-like text (sometimes with a long line) or arbitrary text, of at most ``max_size``."""
    with_long_line = st.tuples(news_texts(20), long_lines, news_texts(20)).map("".join)
    return st.one_of(news_texts(), with_long_line, st.text(max_size=max_size)).map(
        lambda t: t[:max_size]
    )


#: Words with no marks or apostrophes in them, for text whose quotes are all balanced.
PLAIN_WORDS = tuple(w for w in WORDS if not any(ch in w for ch in "'’‘`"))


@st.composite
def balanced_paragraph(draw: st.DrawFn) -> str:
    """A one-line paragraph that starts with a word, whose quotes all open and close on it.

    ``Kim said “we will win” and ‘never’ today.``
    """
    plain = st.lists(st.sampled_from(PLAIN_WORDS), min_size=1, max_size=6).map(" ".join)
    parts = [draw(plain)]
    for opening, closing in draw(st.lists(st.sampled_from(PAIRS), max_size=3)):
        parts.append(f"{opening}{draw(plain)}{closing}")
        parts.append(draw(plain))
    return " ".join(parts) + draw(st.sampled_from((".", "", "!")))


def balanced_paragraphs() -> st.SearchStrategy[Tuple[str, ...]]:
    """One to three balanced paragraphs."""
    return st.lists(balanced_paragraph(), min_size=1, max_size=3).map(tuple)
