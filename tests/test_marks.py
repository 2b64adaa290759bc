"""The quotation-mark scanner on constructed texts: one behaviour per test."""

from __future__ import annotations

from typing import List, Tuple

import pytest

from quoteattr._marks.marks import QuoteSpan, find_quote_spans
from quoteattr._marks.paragraphs import paragraph_starts


def spans_of(text: str) -> List[QuoteSpan]:
    """Scan ``text`` and check that every span's offsets give back its text."""
    spans = find_quote_spans(text)
    for s in spans:
        assert text[s.start : s.end] == s.text
        assert 0 <= s.open_start <= s.start <= s.end <= s.close_end <= len(text)
    return spans


def texts_of(text: str) -> List[str]:
    """The contents of the quoted spans of ``text``, in order."""
    return [s.text for s in spans_of(text)]


def only(text: str) -> QuoteSpan:
    """The one span of ``text``."""
    spans = spans_of(text)
    assert len(spans) == 1, f"expected one span, got {[s.text for s in spans]}"
    return spans[0]


# -- the kinds of marks ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "style", "marks"),
    [
        ("She said “we will win” today.", "we will win", "double", ("“", "”")),
        ("She said ‘we will win’ today.", "we will win", "single", ("‘", "’")),
        ('She said "we will win" today.', "we will win", "double", ('"', '"')),
        ("She said 'we will win' today.", "we will win", "single", ("'", "'")),
        ("Sie sagte «wir gewinnen» heute.", "wir gewinnen", "double", ("«", "»")),
        ("Sie sagte „wir gewinnen“ heute.", "wir gewinnen", "double", ("„", "“")),
        ("Sie sagte ‚wir gewinnen‘ heute.", "wir gewinnen", "single", ("‚", "‘")),
        ("She said ``we will win'' today.", "we will win", "double", ("``", "''")),
    ],
)
def test_each_kind_of_mark_pair_delimits_a_quote(
    text: str, content: str, style: str, marks: Tuple[str, str]
) -> None:
    s = only(text)
    assert s.text == content
    assert s.style == style
    assert s.depth == 0
    assert s.closed and s.opened
    assert s.paragraphs == 1
    opening, closing = marks
    assert text[s.open_start : s.start] == opening
    assert text[s.end : s.close_end] == closing


def test_two_apostrophes_both_open_and_close_in_ptb_style() -> None:
    text = "He said ''we will win'' today."
    s = only(text)
    assert s.text == "we will win"
    assert s.style == "double"
    assert text[s.open_start : s.start] == "''" and text[s.end : s.close_end] == "''"


def test_content_offsets_exclude_the_marks() -> None:
    text = "“Hello,” she said."
    s = only(text)
    assert (s.open_start, s.start, s.end, s.close_end) == (0, 1, 7, 8)
    assert s.text == "Hello,"


def test_spaces_before_the_closing_mark_are_not_content() -> None:
    text = "“We will win ” he said."
    s = only(text)
    assert s.text == "We will win"
    assert text[s.end : s.close_end] == " ”"
    assert s.close_end == text.index("”") + 1


def test_trailing_spaces_of_an_unclosed_quote_are_not_content() -> None:
    s = only("He said “we go   \n\nNext.")
    assert s.text == "we go"
    assert not s.closed
    assert s.close_end == s.end, "a missing closing mark: close_end is the content's end"


def test_several_quotes_in_one_sentence_are_found_in_order() -> None:
    text = "He listed “a”, “b” and “c”, then “d”."
    spans = spans_of(text)
    assert [s.text for s in spans] == ["a", "b", "c", "d"]
    assert [s.start for s in spans] == sorted(s.start for s in spans)


def test_quote_and_attribution_then_another_quote() -> None:
    assert texts_of("“One,” he said. “Two,” she said.") == ["One,", "Two,"]


# -- nesting ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "“He said ‘never’ again,” she said.",
        "\"He said 'never' again,\" she said.",
        "„Er sagte ‚never‘ wieder“, sagte sie.",
    ],
)
def test_a_single_quote_inside_a_double_quote_has_depth_one(text: str) -> None:
    outer, inner = spans_of(text)
    assert outer.depth == 0 and inner.depth == 1
    assert inner.text == "never"
    assert inner.style == "single" and outer.style == "double"
    assert outer.start < inner.open_start and inner.close_end < outer.end
    assert "never" in outer.text


def test_sibling_quotes_inside_one_quote_both_have_depth_one() -> None:
    text = "“Outer ‘inner’ and ‘other’ outer,” he said."
    assert [(s.text, s.depth) for s in spans_of(text)] == [
        ("Outer ‘inner’ and ‘other’ outer,", 0),
        ("inner", 1),
        ("other", 1),
    ]


def test_three_levels_of_nesting() -> None:
    text = "“Outer ‘middle “inner” middle’ outer,” he said."
    spans = spans_of(text)
    assert [(s.text, s.depth) for s in spans] == [
        ("Outer ‘middle “inner” middle’ outer,", 0),
        ("middle “inner” middle", 1),
        ("inner", 2),
    ]


def test_an_elision_does_not_make_the_next_quote_nested() -> None:
    # 'em is a tentative opener here (a closing ' follows on the line); it is dropped
    # at the line's end and must not make 'boys' look nested.
    text = "Give 'em hell, he said of his 'boys'."
    spans = spans_of(text)
    assert [(s.text, s.depth) for s in spans] == [("boys", 0)]


def test_a_quote_after_an_unclosed_single_opener_is_top_level() -> None:
    # The ‘ is never closed and is dropped at the end of the line, so the double
    # quote is inside no reported quote; the extractor keeps only depth-0 spans.
    text = "Smith said ‘the plan and then told reporters “we will win” today."
    spans = spans_of(text)
    assert [(s.text, s.depth) for s in spans] == [("we will win", 0)]


# -- several paragraphs -----------------------------------------------------------------


def test_multi_paragraph_quote_reopens_each_paragraph_and_closes_at_the_end() -> None:
    text = "“First paragraph.\n\n“Second paragraph.\n\n“Third paragraph,” he said."
    s = only(text)
    assert s.paragraphs == 3
    assert s.open_start == 0
    assert s.text.startswith("First paragraph.")
    assert s.text.endswith("Third paragraph,")
    assert s.close_end == text.index("”") + 1
    assert s.closed and s.opened


def test_multi_paragraph_quote_with_single_line_breaks() -> None:
    s = only("“First paragraph.\n“Second paragraph,” he said.")
    assert s.paragraphs == 2
    assert s.text == "First paragraph.\n“Second paragraph,"


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ('"First paragraph.\n\n"Second paragraph," he said.', "Second paragraph,"),
        ("``First paragraph.\n\n``Second paragraph,'' he said.", "Second paragraph,"),
        ("«First paragraph.\n\n«Second paragraph», he said.", "Second paragraph"),
    ],
)
def test_multi_paragraph_quote_with_other_marks(text: str, last: str) -> None:
    s = only(text)
    assert s.paragraphs == 2
    assert s.text.startswith("First paragraph.")
    assert s.text.endswith(last)


def test_a_paragraph_not_opening_with_a_mark_ends_an_unclosed_quote() -> None:
    text = "He said “we will never give up.\n\nThe meeting ended at noon."
    s = only(text)
    assert s.text == "we will never give up."
    assert not s.closed
    assert s.paragraphs == 1
    assert s.close_end == s.end == text.index("\n")


def test_a_hard_wrapped_quote_runs_over_the_line_break() -> None:
    text = "“This is a long quotation that was\nwrapped by the editor,” he said."
    s = only(text)
    assert s.text == "This is a long quotation that was\nwrapped by the editor,"
    assert s.paragraphs == 2
    assert s.closed


def test_a_hard_wrapped_line_that_opens_a_new_quote_does_not_continue_the_old_one() -> None:
    text = "He said “we will go\nShe said “we will stay” and left."
    spans = spans_of(text)
    assert [(s.text, s.closed) for s in spans] == [("we will go", False), ("we will stay", True)]


# -- apostrophes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kim Jong Un’s visit went ahead.",
        "It isn’t over yet.",
        "It isn't over yet.",
        "Music of the ’90s returned.",
        "Music of the '90s returned.",
        "They love rock 'n' roll.",
        "They love rock ‘n’ roll.",
        "O'Brien arrived late.",
        "The soldiers’ families waited.",
        "The soldiers' families waited.",
        "Give 'em hell.",
        "Give ’em hell.",
        "He is 6'2 tall.",
        "It was a rock‘n‘roll night.",
    ],
)
def test_apostrophes_are_not_quotation_marks(text: str) -> None:
    assert spans_of(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("“Kim Jong Un’s visit isn’t over,” she said.", "Kim Jong Un’s visit isn’t over,"),
        ("‘Kim Jong Un’s visit isn’t over,’ she said.", "Kim Jong Un’s visit isn’t over,"),
        ("“The ’90s were great,” he said.", "The ’90s were great,"),
        ("“He loves rock 'n' roll,” he said.", "He loves rock 'n' roll,"),
        ("In the '90s it was 'great', he said.", "great"),
        ("Rock 'n' roll is 'dead', he said.", "dead"),
        ("The soldiers' families said 'no' today.", "no"),
        ("He said 'now' and give 'em hell.", "now"),
    ],
)
def test_apostrophes_next_to_a_quote_do_not_disturb_it(text: str, content: str) -> None:
    s = only(text)
    assert s.text == content
    assert s.depth == 0


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("‘The soldiers’ families are waiting,’ he said.", "The soldiers’ families are waiting,"),
        ("'The soldiers' families are waiting,' he said.", "The soldiers' families are waiting,"),
        ("He said ‘the soldiers’ families’ were waiting.", "the soldiers’ families"),
    ],
)
def test_plural_possessive_inside_a_single_quote(text: str, content: str) -> None:
    assert only(text).text == content


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ("He called them ‘heroes’ and ‘villains’ alike.", ["heroes", "villains"]),
        ("He called them 'heroes' and 'villains' alike.", ["heroes", "villains"]),
        ("Critics say the ‘reforms’ were ‘cosmetic’, he said.", ["reforms", "cosmetic"]),
        ("Kim ‘vows’ support for Russia’s ‘brothers’", ["vows", "brothers"]),
        (
            "“We want ‘talks’ not ‘threats’,” Kim said.",
            ["We want ‘talks’ not ‘threats’,", "talks", "threats"],
        ),
    ],
)
def test_two_single_quoted_words_ending_in_s(text: str, contents: List[str]) -> None:
    assert texts_of(text) == contents


# -- headlines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ("Kim ‘vows’ full support for Putin’s war", ["vows"]),
        ("Putin’s ‘full support’ for Kim’s regime", ["full support"]),
        ("Kim’s ‘single’ headline and ‘another’ one", ["single", "another"]),
        ("Minister: 'We will not back down'", ["We will not back down"]),
    ],
)
def test_single_quotes_in_headlines(text: str, contents: List[str]) -> None:
    spans = spans_of(text)
    assert [s.text for s in spans] == contents
    assert all(s.style == "single" and s.depth == 0 for s in spans)


# -- unbalanced marks -------------------------------------------------------------------


def test_a_mark_with_spaces_on_both_sides_is_not_an_opening_mark() -> None:
    assert spans_of("He said “ and left.") == []
    assert texts_of("He said “ and then “yes” now.") == ["yes"]
    assert spans_of('The " sign means inches.') == []


def test_an_opening_mark_typed_with_a_space_after_it_still_opens() -> None:
    # "Brandt said. “ So, ...”": the stray space does not make “ a closing mark.
    text = "“We won,” Lee said. “ You know, it was close.” She left."
    assert texts_of(text) == ["We won,", "You know, it was close."]
    # Only at the start of a sentence-like run: a spaced mark before no closer stays out.
    assert texts_of("Lee said “ we won and left.") == []


def test_an_unclosed_opener_is_cut_at_the_end_of_its_paragraph() -> None:
    text = "He said “we will never leave.\n\nShe said “we are staying” and left."
    first, second = spans_of(text)
    assert first.text == "we will never leave."
    assert not first.closed and first.opened
    assert first.end <= text.index("\n")
    assert first.close_end == first.end
    assert second.text == "we are staying"
    assert second.closed and second.opened and second.depth == 0
    assert text[second.open_start] == "“" and text[second.end] == "”"


def test_an_unclosed_opener_at_the_end_of_the_text() -> None:
    s = only("He said “we will never leave")
    assert s.text == "we will never leave"
    assert not s.closed
    assert s.close_end == s.end


def test_a_second_opener_cuts_an_unclosed_first_one() -> None:
    text = "He said “we go and she said “we stay” today."
    spans = spans_of(text)
    assert [(s.text, s.closed) for s in spans] == [("we go and she said", False), ("we stay", True)]
    assert spans[0].close_end == spans[0].end


def test_a_stray_closing_mark_does_not_disturb_later_quotes() -> None:
    assert texts_of("Stray ” here, “then real” now.") == ["then real"]
    assert texts_of("He said “yes” and then” she said “no” again.") == ["yes", "no"]
    assert texts_of("It was wrong” and “next” now.") == ["next"]


def test_a_closing_mark_after_punctuation_recovers_a_missing_opener() -> None:
    text = "It was all wrong.” Then he said “next” now."
    first, second = spans_of(text)
    assert first.text == "It was all wrong."
    assert not first.opened and first.closed
    assert first.open_start == first.start == 0
    assert second.text == "next" and second.opened


def test_a_recovered_quote_starts_after_the_previous_quote() -> None:
    text = "He said “yes” but then it was wrong,” she said."
    first, second = spans_of(text)
    assert first.text == "yes"
    assert second.text == "but then it was wrong,"
    assert not second.opened
    assert second.start > first.close_end


# -- offsets ----------------------------------------------------------------------------


def test_offsets_index_the_original_text_after_multibyte_characters() -> None:
    text = "Zelenskyy 🇺🇦 said “ça va” — “naïve” too."
    spans = spans_of(text)
    assert [s.text for s in spans] == ["ça va", "naïve"]
    assert [text[s.start : s.end] for s in spans] == ["ça va", "naïve"]


def test_no_marks_no_spans() -> None:
    assert find_quote_spans("") == []
    assert find_quote_spans("Plain text with no marks at all.\n\nAnother paragraph.") == []


def test_empty_quotes_are_not_spans() -> None:
    assert spans_of("He said “” and “  ” and left.") == []


# -- paragraph_starts -------------------------------------------------------------------


def test_paragraph_starts_skip_blank_lines() -> None:
    text = "First.\nSecond.\n\n  \nThird."
    assert paragraph_starts(text) == [0, 7, text.index("Third")]


def test_paragraph_starts_of_empty_and_blank_text() -> None:
    assert paragraph_starts("") == []
    assert paragraph_starts("\n \n\t\n") == []


def test_paragraph_starts_at_the_line_start_even_if_indented() -> None:
    text = "\n  Indented paragraph."
    assert paragraph_starts(text) == [1]


# -- looking ahead on the line ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "contents"),
    [
        # “ typed with a stray space: an opening mark if ” closes it on the same line.
        ("Tom Diaz paused. “ You know it,” Ann Lee said.", ["You know it,"]),
        ("Tom Diaz paused. “ You know it\nnow,” Ann Lee said.", ["now,"]),
        # An elision is no opening mark, unless a closing mark follows on its line.
        ("They said 'em 'all' went home.", ["all"]),
        ("They said 'em all went home.\nIt's 'late' now.", ["late"]),
    ],
)
def test_the_scanner_looks_ahead_to_the_end_of_the_line_only(
    text: str, contents: List[str]
) -> None:
    assert texts_of(text) == contents


def test_quotes_of_many_paragraphs_count_their_paragraphs_on_a_long_text() -> None:
    quote = "“We will win,\n“and win again,” Ann Lee said."
    text = "\n\n".join([quote] * 500)
    spans = spans_of(text)
    assert [s.text for s in spans] == ["We will win,\n“and win again,"] * 500
    assert {s.paragraphs for s in spans} == {2}
