"""What the command line reads, and how far it got: its inputs and its progress bar.

:func:`list_or_stream` gives the articles of the paths on the command line (``-`` is
standard input, read at once as UTF-8); :class:`Progress` is the bar on stderr while
articles are parsed, shown only on a terminal and never with ``-q`` or ``-v``;
:func:`extract_articles` parses the articles, reporting bad inputs and moving the bar.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from quoteattr._cli.output import is_terminal
from quoteattr._io.reading import (
    DEFAULT_MAX_CHARS,
    JSONL_SUFFIXES,
    decode_text,
    folder_files,
    iter_articles,
    too_long,
)
from quoteattr._quotes.model import Article
from quoteattr.errors import InputError

if TYPE_CHECKING:
    from quoteattr._io.runner import QuotePipe
    from quoteattr._quotes.model import Quote

__all__ = ["Counted", "Progress", "allow_progress", "extract_articles", "list_or_stream"]


def list_or_stream(
    paths: Sequence[str], max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Union[Article, InputError]]:
    """Articles from the given paths; "-" reads one article from standard input.

    Standard input is read at once, as UTF-8 whatever the locale says: input that is
    not UTF-8 text, or longer than ``max_chars`` characters, is an
    :class:`~quoteattr.errors.InputError` before any work starts.
    """
    return _Inputs(paths, max_chars)


def _read_stdin(max_chars: int = DEFAULT_MAX_CHARS) -> Article:
    """Standard input as one article (id ``stdin``), decoded as UTF-8."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream put in its place
        text = sys.stdin.read(max_chars + 1)
    else:
        data = buffer.read(max_chars * 4 + 1)  # UTF-8: at most 4 bytes a character
        if len(data) > max_chars * 4:
            raise too_long("standard input", "the text", max_chars)
        text = decode_text(data, "standard input")
    if len(text) > max_chars:
        raise too_long("standard input", f"the text of {len(text):,} characters", max_chars)
    return Article(text, id="stdin")


class _Inputs(Iterator[Union[Article, InputError]]):
    """The articles of the paths given on the command line, in order ("-": standard input)."""

    def __init__(self, paths: Sequence[str], max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.paths = list(paths)
        self.max_chars = max_chars
        self._stdin = _read_stdin(max_chars) if "-" in self.paths else None
        self._items = self._each()

    def __next__(self) -> Union[Article, InputError]:
        return next(self._items)

    def _each(self) -> Iterator[Union[Article, InputError]]:
        for path in self.paths:
            if path != "-":
                yield from iter_articles([path], max_chars=self.max_chars)
            elif self._stdin is not None:
                yield self._stdin
                self._stdin = None

    def count(self) -> int:
        """About how many inputs there are: files, lines of JSON Lines files, standard input.

        Reads the JSON Lines files once more to count their lines: cheap beside parsing.
        """
        total = 1 if "-" in self.paths else 0
        for path in self.paths:
            if path == "-":
                continue
            p = Path(path)
            files = folder_files(p) if p.is_dir() else [p] if p.is_file() else []
            total += sum(
                _jsonl_lines(f) if f.suffix.lower() in JSONL_SUFFIXES else 1 for f in files
            )
            total += 0 if p.exists() else 1  # reported as an error: an input too
        return total


def _jsonl_lines(path: Path) -> int:
    try:
        with path.open("rb") as lines:
            return sum(1 for line in lines if line.strip())
    except OSError:
        return 1


#: Whether the command running may show a progress bar (see :func:`allow_progress`).
_progress_allowed = True


def allow_progress(allowed: bool) -> None:
    """Let the command running show a progress bar, or not (``main`` says, from -q and -v)."""
    global _progress_allowed
    _progress_allowed = allowed


class Progress:
    """A progress bar of articles on stderr (tqdm), with a total and the time left if known.

    Shown only when stderr is a terminal and the command runs without ``-q`` (and
    without ``-v``, whose log lines would break it); otherwise every method does nothing
    but :meth:`note`, which prints its message.
    """

    def __init__(self, enabled: bool, total: Optional[int] = None, *, leave: bool = False) -> None:
        self._bar: Any = None
        if enabled and self.wanted():
            from tqdm import tqdm

            self._bar = tqdm(
                total=total, unit="article", file=sys.stderr, dynamic_ncols=True, leave=leave
            )

    @staticmethod
    def wanted() -> bool:
        """True if a progress bar may be shown now."""
        return _progress_allowed and is_terminal(sys.stderr)

    @classmethod
    def over(cls, inputs: Iterable[Any], *, leave: bool = False) -> Progress:
        """A progress bar over inputs, with their number as total if known (:func:`list_or_stream`)."""
        if not cls.wanted():
            return cls(False)
        return cls(True, inputs.count() if isinstance(inputs, _Inputs) else None, leave=leave)

    def __call__(self, done: int) -> None:
        """Show ``done`` inputs dealt with (the ``progress`` of :func:`~quoteattr.run_corpus`)."""
        if self._bar is not None and done > self._bar.n:
            self._bar.update(done - self._bar.n)

    def advance(self, by: int = 1) -> None:
        """Show ``by`` more inputs dealt with."""
        if self._bar is not None:
            self._bar.update(by)

    def note(self, message: str) -> None:
        """Print a message on stderr, above the bar."""
        if self._bar is not None:
            self._bar.write(message, file=sys.stderr)
        else:
            print(message, file=sys.stderr)

    def close(self) -> None:
        """Take the bar away (or leave its last state, with ``leave``)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Counted:
    """An extractor whose ``pipe`` moves a progress bar on by one for each article."""

    def __init__(self, extractor: QuotePipe, progress: Progress) -> None:
        self._extractor = extractor
        self._progress = progress

    def pipe(self, articles: Iterable[Any], **options: Any) -> Iterator[list[Quote]]:
        """Yield the quotes of each article, as the extractor does."""
        for quotes in self._extractor.pipe(articles, **options):
            self._progress.advance()
            yield quotes


def extract_articles(
    extractor: QuotePipe,
    items: Iterable[Union[Article, InputError]],
    failures: Optional[list[InputError]] = None,
    *,
    progress: bool = True,
) -> Iterator[tuple[Article, list[Quote]]]:
    """Yield each good article with its quotes; report each bad input on stderr and go on.

    Bad inputs are also appended to ``failures`` when a list is given. With
    ``progress``, a progress bar counts the inputs on stderr where :class:`Progress`
    allows one (with a total when the items come from :func:`list_or_stream`).
    """
    fed: deque[Article] = deque()
    bar = Progress.over(items) if progress else Progress(False)
    counted = Counted(extractor, bar)

    def good() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                if failures is not None:
                    failures.append(item)
                bar.note(f"quoteattr: {item}")
                bar.advance()
                continue
            fed.append(item)
            yield item

    with bar:
        for quotes in counted.pipe(good()):
            yield fed.popleft(), quotes
