"""Inputs that must stay linear: each test counts the work done on a pathological input
(never the time it takes: ``benchmarks/linear.py`` measures that) and checks the results.

The counts are of characters read, records looked at or calls made; each is bounded by a
constant times the size of the input, where the quadratic code did a multiple of its square.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import (
    Any,
    Callable,
    Dict,
    Iterator,
    List,
    Optional,
    Sequence,
    SupportsIndex,
    Tuple,
    Union,
)

import pytest
import spacy
from counting import CountingList
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

import quoteattr
from quoteattr import Article, Cue, Quote, QuoteKind, Speaker, render_html
from quoteattr._io.render import render_many
from quoteattr._marks import marks as marks_module
from quoteattr._marks.marks import find_quote_spans
from quoteattr._marks.marks_state import OpenMark
from quoteattr._marks.paragraphs import title_case_lines as headline_lines
from quoteattr._parse import component as component_module
from quoteattr._parse.extractor import installed_pipelines
from quoteattr._rules import syntax as syntax_module
from quoteattr._speakers import speakers as speakers_module

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

#: Work allowed per character (or per quote) of the input, everywhere below: the linear
#: code does a few units; the quadratic code did hundreds at these sizes.
PER_CHAR = 16


# -- the quotation-mark scanner ---------------------------------------------------------------


class CountingText(str):
    """A text that counts the characters read from it by slicing, indexing and searching."""

    read = 0

    def __getitem__(self, key: Union[SupportsIndex, slice]) -> str:
        got = super().__getitem__(key)
        CountingText.read += len(got)
        return got

    def find(
        self, sub: str, start: Optional[SupportsIndex] = None, end: Optional[SupportsIndex] = None
    ) -> int:  # type: ignore[override]
        return self._searched(super().find(sub, start, end), start, end, forward=True)

    def rfind(
        self, sub: str, start: Optional[SupportsIndex] = None, end: Optional[SupportsIndex] = None
    ) -> int:  # type: ignore[override]
        return self._searched(super().rfind(sub, start, end), start, end, forward=False)

    def _searched(
        self,
        found: int,
        start: Optional[SupportsIndex],
        end: Optional[SupportsIndex],
        *,
        forward: bool,
    ) -> int:
        lo, hi, _ = slice(start, end).indices(len(self))
        if found == -1:
            CountingText.read += max(0, hi - lo)
        else:
            CountingText.read += found - lo if forward else hi - found
        return found


def characters_read(text: str) -> Tuple[List[marks_module.QuoteSpan], int]:
    """The quoted spans of ``text`` and how many characters the scanner read to find them."""
    CountingText.read = 0
    spans = find_quote_spans(CountingText(text))
    return spans, CountingText.read


def test_a_line_of_elisions_is_read_once() -> None:
    # 'em 'em ...: each mark made the scanner search the rest of the line for a closer.
    text = "'em " * 5000
    spans, read = characters_read(text)
    assert spans == []
    assert read <= PER_CHAR * len(text)


def test_elisions_around_a_quote_are_not_quotes() -> None:
    text = "'em " * 2000 + "‘We won,’ Ann Lee said of 'em all. " + "'til " * 2000
    spans = find_quote_spans(text)
    assert [(s.text, text[s.start : s.end]) for s in spans] == [("We won,", "We won,")]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # Single quotes opened and never closed, then many double quotes on the line.
        ("'a " * 3000 + '"x" ' * 3000, ["x"] * 3000),
        # Openers that ’ never closes, then many ’.
        ("‹a " * 3000 + "x’ " * 3000, []),
    ],
    ids=["doubles after open singles", "closers after other openers"],
)
def test_open_marks_are_not_looked_through_for_each_mark(
    monkeypatch: pytest.MonkeyPatch, text: str, quoted: List[str]
) -> None:
    looked = 0

    def counting(record: Any, name: str) -> Any:
        nonlocal looked
        looked += 1
        return object.__getattribute__(record, name)

    monkeypatch.setattr(OpenMark, "__getattribute__", counting)
    spans = find_quote_spans(text)
    assert [s.text for s in spans] == quoted
    marks = len(re.findall("['\"‹’]", text))
    assert looked <= PER_CHAR * marks


# -- the tokenizer ---------------------------------------------------------------------------


def counting_suffixes(tokenizer: Any, monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """Count the characters the tokenizer searches for suffixes; returns the count's reader."""
    searched = 0
    search = tokenizer.suffix_search

    def counting(string: str) -> Any:
        nonlocal searched
        searched += len(string)
        return search(string)

    monkeypatch.setattr(tokenizer, "suffix_search", counting)
    return lambda: searched


def test_a_run_of_quotation_marks_is_tokenized_in_linear_work(
    component_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    # spaCy peels the marks off one at a time and searches the rest of the run each time.
    text = '"' * 10_000
    searched = counting_suffixes(component_nlp.tokenizer, monkeypatch)
    doc = component_nlp.make_doc(text)
    assert doc.text == text
    assert {t.text for t in doc} == {'"'}
    assert searched() <= PER_CHAR * len(text)


def test_the_tokenizer_cuts_only_long_runs_and_never_inside_a_word() -> None:
    run = "word" * 600 + '"' * 2000
    cuts = component_module.run_cuts("Ann Lee said so. " + run)
    assert cuts and all(c > len("Ann Lee said so. ") + len("word" * 600) - 1 for c in cuts)
    assert component_module.run_cuts("Ann Lee said “so” at https://acme.example/a?b=c.") == []


def plain_tokens(doc: Doc) -> List[Tuple[str, str, str]]:
    return [(t.text, t.whitespace_, t.norm_) for t in doc]


def test_text_without_long_runs_tokenizes_as_spacy_does() -> None:
    nlp = spacy.load(installed_pipelines()[0])
    spacy_tokenizer = nlp.tokenizer
    assert type(spacy_tokenizer) is Tokenizer
    linear = component_module.LinearTokenizer.of(spacy_tokenizer)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append("“Don't,” Maria Okafor said (she'd seen acme.example/x?y=1)...\n\n'Em all!")
    texts.append("Tom Diaz: «Non.» — “It’s 6'2\" and 90°F,” he said.  Two  spaces.")
    for text in texts:
        assert plain_tokens(linear(text)) == plain_tokens(spacy_tokenizer(text))


def test_the_component_makes_the_tokenizer_linear_once(component_nlp: Language) -> None:
    assert isinstance(component_nlp.tokenizer, component_module.LinearTokenizer)
    assert component_module.LinearTokenizer.of(component_nlp.tokenizer) is component_nlp.tokenizer


def test_quotes_beside_a_run_of_marks_keep_their_speakers_and_offsets(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = "Ann Lee said: “We will win.” " + '"' * 3000 + " Tom Diaz said: “We lost.”"
    quotes = plain_extractor.extract(text)
    assert all(text[q.start : q.end] == q.text for q in quotes)
    found = [(q.text, q.speaker.name if q.speaker else None) for q in quotes]
    assert found == [("We will win.", "Ann Lee"), ("We lost.", "Tom Diaz")]


# -- many quotes in one text ---------------------------------------------------------------------

#: Ten paragraphs of fifty short exchanges: 1,000 quotes, half of them with no cue of
#: their own (they take the speaker of the quote before). The quadratic work grew with
#: the length of a paragraph (a Title Case check of the whole line per quote: about six
#: times the bound at any number of paragraphs) and with the number of quotes (each
#: cue-less quote looked through the attributions: about fifteen times the bound here).
_PEOPLE = ("Ann Lee", "Tom Diaz", "Maria Okafor")
_PARAGRAPHS = 10
_EXCHANGES = 50


def many_quotes() -> str:
    paragraphs = []
    for p in range(_PARAGRAPHS):
        name = _PEOPLE[p % len(_PEOPLE)]
        exchanges = (
            f"“We won round {p * _EXCHANGES + k},” {name} said. “Yes.”" for k in range(_EXCHANGES)
        )
        paragraphs.append(" ".join(exchanges))
    return "\n\n".join(paragraphs)


@pytest.fixture(scope="module")
def many_quotes_run(plain_extractor: quoteattr.QuoteExtractor) -> Iterator[Dict[str, Any]]:
    """The quotes of :func:`many_quotes`, with the work counted on the way."""
    text = many_quotes()
    work = {"headline characters": 0, "attributions read": 0}
    saved = (
        speakers_module.title_case_lines,
        syntax_module.title_case_lines,
        component_module.build_quotes,
    )

    def title_case_lines(line: str) -> List[Tuple[int, int]]:
        work["headline characters"] += len(line)
        return headline_lines(line)

    def build_quotes(doc: Doc, attributions: Sequence[Any], *args: Any, **kwargs: Any) -> Any:
        CountingList.read = 0
        try:
            return saved[2](doc, CountingList(attributions), *args, **kwargs)
        finally:
            work["attributions read"] += CountingList.read

    speakers_module.title_case_lines = title_case_lines  # type: ignore[assignment]
    syntax_module.title_case_lines = title_case_lines  # type: ignore[assignment]
    component_module.build_quotes = build_quotes  # type: ignore[assignment]
    try:
        quotes = plain_extractor.extract(text)
    finally:
        (
            speakers_module.title_case_lines,
            syntax_module.title_case_lines,
            component_module.build_quotes,
        ) = saved
    yield {"text": text, "quotes": quotes, **work}


@pytest.mark.slow
def test_a_thousand_quotes_are_all_found_with_their_speakers(
    many_quotes_run: Dict[str, Any],
) -> None:
    text, quotes = many_quotes_run["text"], many_quotes_run["quotes"]
    assert len(quotes) == _PARAGRAPHS * _EXCHANGES * 2
    assert all(text[q.start : q.end] == q.text for q in quotes)
    paragraph_starts = [m.end() for m in re.finditer("\n\n", text)]
    for q in quotes:
        paragraph = sum(1 for start in paragraph_starts if start <= q.start)
        assert q.speaker is not None and q.speaker.name == _PEOPLE[paragraph % len(_PEOPLE)]


@pytest.mark.slow
def test_each_line_is_checked_for_a_headline_once(many_quotes_run: Dict[str, Any]) -> None:
    # Each speaker's line was checked anew for Title Case: 1,000 times a long paragraph.
    # (None counted would mean the check moved out of the functions counted.)
    assert 0 < many_quotes_run["headline characters"] <= PER_CHAR * len(many_quotes_run["text"])


@pytest.mark.slow
def test_a_quote_with_no_cue_does_not_look_through_every_attribution(
    many_quotes_run: Dict[str, Any],
) -> None:
    # The quote a cue-less quote continues was looked for among all the attributions.
    assert 0 < many_quotes_run["attributions read"] <= PER_CHAR * len(many_quotes_run["quotes"])


# -- the HTML view -------------------------------------------------------------------------------


class CountingOffset(int):
    """An offset that counts the comparisons made with it."""

    compared = 0

    def _count(self, other: object, compare: Callable[[int, Any], bool]) -> bool:
        CountingOffset.compared += 1
        return compare(int(self), other)

    def __lt__(self, other: object) -> bool:
        return self._count(other, int.__lt__)

    def __le__(self, other: object) -> bool:
        return self._count(other, int.__le__)

    def __gt__(self, other: object) -> bool:
        return self._count(other, int.__gt__)

    def __ge__(self, other: object) -> bool:
        return self._count(other, int.__ge__)

    def __hash__(self) -> int:
        return int.__hash__(self)


_UNIT = "“We will win,” Ann Lee said. "


def rendered_article(units: int, id: str, *, counting: bool = False) -> Tuple[Article, List[Quote]]:
    """An article of ``units`` quotes with speaker and cue (offsets that count, if asked)."""
    article = Article(_UNIT * units, id=id)
    offset: Callable[[int], int] = CountingOffset if counting else int
    quotes = []
    for k in range(units):
        at = k * len(_UNIT)
        quotes.append(
            Quote(
                "We will win,",
                offset(at + 1),
                offset(at + 13),
                QuoteKind.DIRECT,
                Speaker("Ann Lee", "Ann Lee", offset(at + 15), offset(at + 22)),
                Cue("said", "say", offset(at + 23), offset(at + 27)),
                article,
            )
        )
    return article, quotes


def test_the_html_view_compares_each_offset_a_few_times() -> None:
    article, quotes = rendered_article(1000, "many", counting=True)
    CountingOffset.compared = 0
    page = render_html(article, quotes)
    assert page.count("<mark") == len(quotes)
    # Sorting the cuts takes some comparisons per offset; looking for the spans over
    # each run of text took as many as there are spans, for each run.
    offsets = 6 * len(quotes)  # a quote's, its speaker's and its cue's start and end
    assert CountingOffset.compared <= PER_CHAR * offsets


def test_several_articles_on_one_page_have_unique_anchors() -> None:
    page = render_many([rendered_article(3, f"article-{k}") for k in range(3)])
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == 3 * 3 * 2  # a number and a row for each quote
    assert len(set(ids)) == len(ids)
    links = re.findall(r'href="#([^"]+)"', page)
    assert set(links) == set(ids)


def test_one_article_keeps_its_anchors() -> None:
    page = render_html(*rendered_article(2, "one"))
    assert re.findall(r'\bid="([^"]+)"', page) == ["q1", "q2", "row1", "row2"]
