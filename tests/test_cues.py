"""The reporting-cue lexicon: the shipped file and the file format."""

from __future__ import annotations

from pathlib import Path

import pytest

from quoteattr._lexicon.cues import CueLexicon, load_cue_lexicon


@pytest.fixture(scope="module")
def lexicon() -> CueLexicon:
    """The lexicon shipped with quoteattr."""
    return load_cue_lexicon()


@pytest.mark.parametrize("lemma", ["say", "tell", "pledge", "vow", "add", "insist", "warn"])
def test_shipped_lexicon_has_common_reporting_verbs(lexicon: CueLexicon, lemma: str) -> None:
    assert lexicon.is_verb_cue(lemma)


@pytest.mark.parametrize("lemma", ["statement", "vow", "pledge", "warning"])
def test_shipped_lexicon_has_utterance_nouns(lexicon: CueLexicon, lemma: str) -> None:
    assert lexicon.is_noun_cue(lemma)


def test_shipped_lexicon_has_according_to(lexicon: CueLexicon) -> None:
    assert ("according", "to") in lexicon.phrases
    assert ("according", "to") not in lexicon.channels


def test_shipped_lexicon_marks_as_per_as_a_channel(lexicon: CueLexicon) -> None:
    assert ("as", "per") in lexicon.phrases
    assert ("as", "per") in lexicon.channels


def test_label_needs_an_as_complement(lexicon: CueLexicon) -> None:
    assert lexicon.is_verb_cue("label")
    assert lexicon.needs_as("label")
    assert not lexicon.needs_as("say")
    # "describe" reports its object with or without "as" ("described the wall").
    assert lexicon.takes_object("describe") and not lexicon.needs_as("describe")


@pytest.mark.parametrize("word", ["walk", "table", "eat", ""])
def test_ordinary_words_are_not_cues(lexicon: CueLexicon, word: str) -> None:
    assert not lexicon.is_verb_cue(word)
    assert not lexicon.is_noun_cue(word)


def test_lookups_ignore_case(lexicon: CueLexicon) -> None:
    assert lexicon.is_verb_cue("Say")
    assert lexicon.is_noun_cue("STATEMENT")
    assert lexicon.needs_as("Label")


def test_load_is_cached() -> None:
    assert load_cue_lexicon() is load_cue_lexicon()


def test_custom_lexicon_file(tmp_path: Path) -> None:
    path = tmp_path / "cues.txt"
    path.write_text(
        "# my cues\n"
        "\n"
        "Quip verb   # upper case is lowered\n"
        "deride verb as\n"
        "quip noun\n"
        "in_the_words_of phrase\n"
        "as_relayed_by phrase channel\n",
        encoding="utf-8",
    )
    custom = load_cue_lexicon(str(path))
    assert custom.verbs == frozenset({"quip", "deride"})
    assert custom.as_verbs == frozenset({"deride"})
    assert custom.nouns == frozenset({"quip"})
    assert custom.phrases == frozenset({("in", "the", "words", "of"), ("as", "relayed", "by")})
    assert custom.channels == frozenset({("as", "relayed", "by")})
    assert not custom.is_verb_cue("say")


def test_from_lines_of_an_empty_lexicon() -> None:
    empty = CueLexicon.from_lines(["# nothing here", "   ", ""])
    assert empty.verbs == empty.nouns == frozenset()
    assert empty.phrases == frozenset()


@pytest.mark.parametrize(
    ("bad_line", "number"),
    [("say", 2), ("say adverb", 2), ("  whisper   ", 2)],
)
def test_malformed_line_raises_value_error_with_file_and_line(
    tmp_path: Path, bad_line: str, number: int
) -> None:
    path = tmp_path / "bad-cues.txt"
    path.write_text(f"tell verb\n{bad_line}\nask verb\n", encoding="utf-8")
    with pytest.raises(ValueError, match="LEMMA KIND") as info:
        load_cue_lexicon(str(path))
    assert f"{path}:{number}:" in str(info.value)


def test_from_lines_names_its_source_in_errors() -> None:
    with pytest.raises(ValueError, match=r"^mine\.txt:3: "):
        CueLexicon.from_lines(["say verb", "# comment", "oops"], source="mine.txt")


def test_a_verb_with_its_particle_is_a_cue_only_with_it() -> None:
    lexicon = CueLexicon.from_lines(["go_on verb", "say verb"])
    assert lexicon.is_particle_cue("go", "on") and lexicon.is_particle_cue("Go", "ON")
    assert not lexicon.is_verb_cue("go") and not lexicon.is_particle_cue("go", "off")
    assert not lexicon.is_particle_cue("say", "on")
