"""Attribution rules on constructed sentences: one behaviour per test."""

from __future__ import annotations

from typing import List, Optional

import pytest

import quoteattr
from quoteattr import Quote, QuoteKind, Resolution


def quotes_of(extractor: quoteattr.QuoteExtractor, text: str) -> List[Quote]:
    quotes = extractor.extract(text)
    for q in quotes:
        assert text[q.start : q.end] == q.text
    return quotes


def only(extractor: quoteattr.QuoteExtractor, text: str, content: str) -> Quote:
    """The one quote of ``text`` whose content is ``content``."""
    found = [q for q in quotes_of(extractor, text) if q.text == content]
    assert len(found) == 1, (
        f"expected one quote {content!r}, got {[q.text for q in quotes_of(extractor, text)]}"
    )
    return found[0]


def speaker(q: Quote) -> Optional[str]:
    return q.speaker.name if q.speaker else None


@pytest.mark.parametrize(
    ("text", "content", "name", "cue"),
    [
        (
            "“This aggression continues,” Zelenskyy said on Monday.",
            "This aggression continues,",
            "Zelenskyy",
            "said",
        ),
        ("Putin replied, “We are waiting for you.”", "We are waiting for you.", "Putin", "replied"),
        ("“We will win,” said Okafor.", "We will win,", "Okafor", "said"),
        ("Smith told reporters: “The plan is dead.”", "The plan is dead.", "Smith", "told"),
        (
            "Kim hugged Putin and told him, “see you soon,” before leaving.",
            "see you soon,",
            "Kim",
            "told",
        ),
    ],
)
def test_direct_quote_with_verb_cue(
    plain_extractor: quoteattr.QuoteExtractor, text: str, content: str, name: str, cue: str
) -> None:
    q = only(plain_extractor, text, content)
    assert speaker(q) == name
    assert q.cue is not None and q.cue.text == cue
    assert q.kind is QuoteKind.DIRECT
    assert text[q.cue.start : q.cue.end] == q.cue.text


def test_the_object_of_tell_is_not_the_speaker(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "At the end of the talks, Kim hugged Putin and told him, “see you soon,” while Putin replied, “We are waiting.”"
    first = only(plain_extractor, text, "see you soon,")
    second = only(plain_extractor, text, "We are waiting.")
    assert speaker(first) == "Kim"
    assert speaker(second) == "Putin"


@pytest.mark.parametrize(
    ("text", "content", "name", "lemma"),
    [
        ("Kim pledged to “fully support” Russia’s war.", "fully support", "Kim", "pledge"),
        (
            "Zelenskyy accused Putin of acting with “impunity” in Ukraine.",
            "impunity",
            "Zelenskyy",
            "accuse",
        ),
        (
            "The treaty was described by Putin as a “breakthrough” pact.",
            "breakthrough",
            "Putin",
            "describe",
        ),
        (
            "Kim Jong Un’s vow to “fully support” Russia marks a new stage.",
            "fully support",
            "Kim Jong Un",
            "vow",
        ),
        (
            "Ukraine’s foreign minister dismissed the idea as “unacceptable.”",
            "unacceptable.",
            None,
            "dismiss",
        ),
    ],
)
def test_partial_quotes_inside_reported_speech(
    plain_extractor: quoteattr.QuoteExtractor,
    text: str,
    content: str,
    name: Optional[str],
    lemma: str,
) -> None:
    q = only(plain_extractor, text, content)
    assert q.kind is QuoteKind.PARTIAL
    assert q.cue is not None and q.cue.lemma == lemma
    if name is not None:
        assert speaker(q) == name
    else:
        assert q.speaker is not None and "foreign minister" in q.speaker.name


def test_according_to_names_the_source(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "According to North Korea’s KCNA, Kim and Putin “exchanged candid opinions on regional issues.”"
    q = only(plain_extractor, text, "exchanged candid opinions on regional issues.")
    assert speaker(q) == "KCNA"
    assert q.cue is not None and q.cue.lemma == "according to"
    assert q.cue.text == "According to"


def test_participle_of_saying_takes_the_main_subject(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = "Putin highlighted the alliance, noting, “Relations have assumed a special character.”"
    q = only(plain_extractor, text, "Relations have assumed a special character.")
    assert speaker(q) == "Putin"
    assert q.cue is not None and q.cue.lemma == "note"


def test_nearest_cue_wins_over_outer_reporter(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "North Korean leader Kim Jong Un has pledged to “fully support” Russia, state media KCNA reported."
    q = only(plain_extractor, text, "fully support")
    assert speaker(q) == "Kim Jong Un"
    assert q.speaker is not None and q.speaker.role == "North Korean leader"


def test_quote_without_cue_takes_previous_speaker_in_paragraph(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = "“We are ready,” Merkel said. “The talks went well.”"
    q = only(plain_extractor, text, "The talks went well.")
    assert speaker(q) == "Merkel"
    assert q.speaker is not None and q.speaker.resolution is Resolution.ADJACENT_QUOTE


def test_quote_paragraph_continues_speaker_of_previous_paragraph(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = "“We are ready for talks,” Merkel said.\n\n“Nobody wants another war in Europe.”"
    q = only(plain_extractor, text, "Nobody wants another war in Europe.")
    assert speaker(q) == "Merkel"


@pytest.mark.parametrize(
    "text, expected",
    [
        # A report in a clause of the quote's own sentence does not take the floor.
        (
            "“Your work is superb,” Diaz assured Okafor, after Okafor assured Diaz "
            "that her readers backed him. “I will not let you down.”",
            "Diaz",
        ),
        # A report in a sentence of its own does.
        (
            "“The plan is good,” Smith said. Jones disagreed, saying the plan would fail. "
            "“It will cost too much.”",
            "Jones",
        ),
    ],
    ids=["subordinate-report", "report-of-its-own"],
)
def test_a_quote_goes_on_with_the_last_speaker_who_took_the_floor(
    plain_extractor: quoteattr.QuoteExtractor, text: str, expected: str
) -> None:
    last = plain_extractor.extract(text)[-1]
    assert last.kind is QuoteKind.DIRECT and speaker(last) == expected


def test_cue_less_quote_in_a_new_topic_gets_no_speaker(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = "The ship was called the “Queen of the Seas” by its builders in the old days of sail."
    q = only(plain_extractor, text, "Queen of the Seas")
    assert q.kind is QuoteKind.PARTIAL


def test_fullest_name_in_article(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = (
        "Russian President Vladimir Putin met reporters in Moscow.\n\n"
        "“We are waiting for you,” Putin said."
    )
    q = only(plain_extractor, text, "We are waiting for you,")
    assert q.speaker is not None
    assert q.speaker.name == "Vladimir Putin"
    assert q.speaker.mention == "Putin"
    assert text[q.speaker.start : q.speaker.end] == "Putin"
    assert q.speaker.resolution is Resolution.EXPLICIT


def test_hyphen_variants_of_a_name_are_one_person(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = "North Korean leader Kim Jong-un arrived on Tuesday.\n\n“See you soon,” Kim said."
    q = only(plain_extractor, text, "See you soon,")
    assert speaker(q) == "Kim Jong-un"


def test_apposition_gives_the_role(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = (
        "Park Won-gon, a professor at Ewha Womans University in Seoul, told Reuters: “It is a win.”"
    )
    q = only(plain_extractor, text, "It is a win.")
    assert speaker(q) == "Park Won-gon"
    assert q.speaker is not None and q.speaker.role is not None
    assert "professor at Ewha Womans University" in q.speaker.role


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("According to Germany’s Bundesbank, growth “will stall this winter.”", None),
        (
            "Germany’s central bank Bundesbank said growth “will stall this winter.”",
            "Germany’s central bank",
        ),
    ],
)
def test_a_possessor_alone_is_not_a_role(
    plain_extractor: quoteattr.QuoteExtractor, text: str, role: Optional[str]
) -> None:
    q = only(plain_extractor, text, "will stall this winter.")
    assert speaker(q) == "Bundesbank"
    assert q.speaker is not None and q.speaker.role == role


def test_description_resolved_to_named_person_by_role(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = (
        "Russian President Vladimir Putin met Kim Jong Un in Beijing.\n\n"
        "The Russian president addressed Kim as “Dear Chairman” and smiled."
    )
    q = only(plain_extractor, text, "Dear Chairman")
    assert speaker(q) == "Vladimir Putin"
    assert q.speaker is not None
    assert q.speaker.mention == "The Russian president"
    assert q.speaker.resolution is Resolution.DESCRIPTION


def test_a_party_tag_gives_a_senator_a_state(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = (
        "Sen. Tom Diaz spoke on Monday. Sen. Ann Lee (R-S.C.) spoke too.\n\n"
        "The Florida senator said the plan would fail."
    )
    q = only(plain_extractor, text, "the plan would fail")
    # Lee was named last, but "(R-S.C.)" says she is not the senator from Florida.
    assert speaker(q) == "Tom Diaz"
    assert q.speaker is not None and q.speaker.resolution is Resolution.DESCRIPTION


def test_a_role_beside_a_bare_surname_belongs_to_the_full_name(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = (
        "Republican nominee Trump spoke in Ohio. Donald Trump has promised jobs.\n\n"
        "Hillary Clinton spoke in Iowa.\n\n"
        "The Republican nominee said the plan would fail."
    )
    q = only(plain_extractor, text, "the plan would fail")
    assert speaker(q) == "Donald Trump"
    assert q.speaker is not None and q.speaker.resolution is Resolution.DESCRIPTION


@pytest.mark.parametrize(
    "text",
    [
        # A note on the writer at the end, with no article before the role.
        "I grew up in a small town. I know what hard work means.\n\n"
        "Jane Miller is writer-in-residence at Elm College.",
        # A reader's letter and its signature.
        "Will the investigations ever stop? I know what hard work means.\n\n"
        "Jane Miller.\n\nBoston, Mass.",
    ],
    ids=["author-note", "signature"],
)
def test_i_is_the_writer(plain_extractor: quoteattr.QuoteExtractor, text: str) -> None:
    q = only(plain_extractor, text, "what hard work means")
    assert speaker(q) == "Jane Miller"
    assert q.speaker is not None and q.speaker.resolution is Resolution.AUTHOR


def test_a_closing_line_about_an_event_names_no_writer(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = "I know what hard work means.\n\nJane Miller is expected to speak on Friday."
    q = only(plain_extractor, text, "what hard work means")
    assert q.speaker is not None and q.speaker.resolution is Resolution.UNRESOLVED


def test_a_role_before_the_name_describes_it(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = (
        "An attorney for Brandt, Omar Reyes, stressed that his client was ready.\n\n"
        "Brandt's lawyer said the vote was unfair."
    )
    # "An attorney for Brandt" is Reyes's role, and a lawyer is an attorney.
    q = only(plain_extractor, text, "the vote was unfair")
    assert speaker(q) == "Omar Reyes"
    assert q.speaker is not None and q.speaker.resolution is Resolution.DESCRIPTION


@pytest.mark.parametrize(
    "later, name",
    [("The poll", "new poll"), ("The Acme/Civis poll", "Acme/Civis poll")],
    ids=["bare", "says-enough-itself"],
)
def test_a_thing_described_again(
    plain_extractor: quoteattr.QuoteExtractor, later: str, name: str
) -> None:
    text = f"A new poll came out on Monday.\n\n{later} showed that Clinton was ahead."
    q = only(plain_extractor, text, "that Clinton was ahead")
    assert speaker(q) == name


def test_she_said_in_a_run_of_dialogue_is_the_woman_quoted_last(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    scene = "The crowd roared. The music played. The lights dimmed. The band stopped. " * 2
    text = f"“I would,” Greta Vance said.\n\n{scene}\n\n“Over there,” she said."
    q = only(plain_extractor, text, "Over there,")
    assert speaker(q) == "Greta Vance"
    assert q.speaker is not None and q.speaker.resolution is Resolution.PREVIOUS_SPEAKER
    # A man quoted last is not "she".
    q = only(plain_extractor, text.replace("Greta", "Paul"), "Over there,")
    assert q.speaker is not None and q.speaker.resolution is Resolution.UNRESOLVED


def test_a_headline_that_opens_with_a_name_gives_it_the_quoted_words(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = (
        "Tom Diaz Pins The Rise Of Crime On ‘Reckless’ Cuts Of Police.\n\n"
        "Sen. Tom Diaz said on Saturday that the cuts were a mistake."
    )
    q = only(plain_extractor, text, "Reckless")
    # The body's name, not the headline's run of capitals ("Tom Diaz Pins").
    assert speaker(q) == "Tom Diaz"
    # A headline with no name at its start gives the words to nobody.
    q = only(plain_extractor, text.replace("Tom Diaz Pins", "Who Pins"), "Reckless")
    assert q.speaker is None


def test_a_fragment_in_a_named_clause_with_no_cue(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = "In recent weeks, Senator Ann Lee has been hammering Diaz as a “fraud” in speeches."
    q = only(plain_extractor, text, "fraud")
    assert speaker(q) == "Ann Lee"
    assert q.cue is not None and q.cue.text == "hammering"


def test_a_dateline_the_parse_made_a_subject_is_passed_over(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = (
        "LONDON, Nov 27 (Reuters) - Britain's finance minister Rachel Reeves said on "
        "Wednesday the economy was recovering."
    )
    (q,) = quotes_of(plain_extractor, text)
    assert speaker(q) == "Rachel Reeves"


def test_a_party_member_with_an_article_is_a_description(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = (
        "Senate Majority Leader Chuck Schumer warned Tuesday that a shutdown was likely. "
        '"We are running out of time," the New York Democrat said.'
    )
    q = only(plain_extractor, text, "We are running out of time,")
    assert speaker(q) == "Chuck Schumer"
    assert q.speaker is not None and q.speaker.mention == "the New York Democrat"


def test_he_after_a_description_with_a_name_is_that_name(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = (
        '"We will rebuild," said Maria Gonzalez, who lost her home in the fire. '
        'Her husband, Luis, was less certain. "I don\'t know," he said.'
    )
    q = only(plain_extractor, text, "I don't know,")
    assert speaker(q) == "Luis"


@pytest.mark.parametrize(
    "first, name",
    [
        ("Acme Corp. said in a statement that it would appeal.", "Acme Corp."),
        ("Acme Corp. issued a statement on Monday.", "Acme Corp."),
        ("Shares of Acme Corp. fell on Monday.", None),
    ],
    ids=["said-in-a-statement", "issued-a-statement", "nobody-issued-it"],
)
def test_the_statement_speaks_for_whoever_issued_it(
    plain_extractor: quoteattr.QuoteExtractor, first: str, name: Optional[str]
) -> None:
    text = f'{first} "We strongly disagree with the ruling," the statement said.'
    q = only(plain_extractor, text, "We strongly disagree with the ruling,")
    assert speaker(q) == name


def test_a_subject_of_unknown_gender_gives_way_to_a_woman_for_she(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    # "Chris" is a name for either sex; "Ann" is a woman's.
    text = (
        "Gov. Chris Diaz described Ann Lee as a “menace” after she said "
        "that the police were to blame."
    )
    q = only(plain_extractor, text, "that the police were to blame")
    assert speaker(q) == "Ann Lee"


def test_pronoun_resolved_without_coreference_model(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = "Putin acknowledged the role of the troops. “We will never forget,” he said."
    q = only(plain_extractor, text, "We will never forget,")
    assert speaker(q) == "Putin"
    assert q.speaker is not None and q.speaker.mention == "he"
    # The subject of the sentence before "he said" (no coreference model needed).
    assert q.speaker.resolution is Resolution.PREVIOUS_SUBJECT


def test_speaker_is_never_inside_quoted_text(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "He would do “everything I can to assist” Moscow, Kim declared."
    for q in quotes_of(plain_extractor, text):
        if q.speaker is not None and q.speaker.start is not None:
            assert not (q.start <= q.speaker.start < q.end)


def test_nested_quote_is_part_of_the_outer_quote(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "“He told me ‘never again’ and left,” Smith said."
    quotes = quotes_of(plain_extractor, text)
    assert [q.text for q in quotes] == ["He told me ‘never again’ and left,"]
    assert speaker(quotes[0]) == "Smith"


def test_multi_paragraph_quote_is_one_quote(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = (
        "The minister spoke at length.\n\n"
        "“We have done everything we could.\n\n"
        "“Nobody can say we did not try,” Lavrov said."
    )
    quotes = quotes_of(plain_extractor, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.text.startswith("We have done everything")
    assert q.text.endswith("did not try,")
    assert speaker(q) == "Lavrov"
    assert q.paragraph_index == 1


def test_unbalanced_mark_does_not_disturb_the_rest(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = (
        "The vote was “ close, officials said.\n\n"
        "“We won,” Smith said.\n\n"
        "“It was fair,” Jones added."
    )
    quotes = quotes_of(plain_extractor, text)
    by_text = {q.text: speaker(q) for q in quotes}
    assert by_text.get("We won,") == "Smith"
    assert by_text.get("It was fair,") == "Jones"


def test_sentence_and_paragraph_index(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "First paragraph here. Second sentence.\n\nThen “a quote,” Smith said."
    q = only(plain_extractor, text, "a quote,")
    assert q.paragraph_index == 1
    assert q.sentence_index == 2


def test_confidence_is_lower_for_unknown_speakers(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = "“We won,” Smith said.\n\nThe ship was called the “Queen of the Seas” long ago."
    quotes = quotes_of(plain_extractor, text)
    known = [q for q in quotes if q.speaker is not None]
    unknown = [q for q in quotes if q.speaker is None]
    assert known and unknown
    assert max(q.confidence for q in unknown) < min(q.confidence for q in known)


@pytest.mark.parametrize(
    "text", ["On Monday,, said “We won.”", "Ann Lee,, said, “We won.”", ", , said “We won.”"]
)
def test_commas_with_nothing_between_them_are_no_apposition(
    plain_extractor: quoteattr.QuoteExtractor, text: str
) -> None:
    (q,) = plain_extractor.extract(text)
    assert q.text == "We won." and text[q.start : q.end] == q.text


def test_a_capitalised_title_with_the_is_a_role_resolved_to_its_holder(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    # British wire style: "the Prime Minister said", "The Health Secretary, Tom Diaz,".
    text = (
        "Prime Minister Ann Lee has promised to cut waiting lists.\n\n"
        'Speaking in Leeds, the Prime Minister said: "We will fix the hospitals."\n\n'
        "The Health Secretary, Tom Diaz, added that reforms would start soon.\n\n"
        "'This is a turning point,' the Health Secretary told MPs."
    )
    first = only(plain_extractor, text, "We will fix the hospitals.")
    assert first.speaker is not None and first.speaker.name == "Ann Lee"
    assert first.speaker.mention == "Prime Minister"
    second = only(plain_extractor, text, "This is a turning point,")
    assert second.speaker is not None and second.speaker.name == "Tom Diaz"
