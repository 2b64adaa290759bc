"""Indirect and mixed quotes: reported speech without quotation marks."""

from __future__ import annotations

from typing import List

import pytest

import quoteattr
from quoteattr import Quote, QuoteKind


def reported(extractor: quoteattr.QuoteExtractor, text: str) -> List[Quote]:
    quotes = [q for q in extractor.extract(text) if q.kind in (QuoteKind.INDIRECT, QuoteKind.MIXED)]
    for q in quotes:
        assert text[q.start : q.end] == q.text
    return quotes


def assert_one_report(
    extractor: quoteattr.QuoteExtractor, text: str, content: str, speaker: str, lemma: str
) -> None:
    """The text reports one thing, ``content``, by a mention holding ``speaker``, cue ``lemma``."""
    quotes = reported(extractor, text)
    assert [q.text for q in quotes] == [content]
    q = quotes[0]
    assert q.speaker is not None and speaker.lower() in q.speaker.mention.lower()
    assert q.cue is not None and q.cue.lemma == lemma


@pytest.mark.parametrize(
    ("text", "content", "speaker", "lemma"),
    [
        (
            "Kim said North Korea would fully support Russia.",
            "North Korea would fully support Russia",
            "Kim",
            "say",
        ),
        (
            "The agency estimated that some 2,000 soldiers had been killed.",
            "that some 2,000 soldiers had been killed",
            "agency",
            "estimate",
        ),
        (
            "Putin claimed Russian forces were advancing.",
            "Russian forces were advancing",
            "Putin",
            "claim",
        ),
        (
            "Beijing wants to keep ties with both countries, analysts say.",
            "Beijing wants to keep ties with both countries",
            "analysts",
            "say",
        ),
        (
            "According to the agency, Pyongyang has sent thousands of troops.",
            "Pyongyang has sent thousands of troops",
            "agency",
            "according to",
        ),
        ("Kim vowed to support Moscow in its war.", "to support Moscow in its war", "Kim", "vow"),
        (
            "Zelenskyy accused Putin of acting with impunity.",
            "Putin of acting with impunity",
            "Zelenskyy",
            "accuse",
        ),
    ],
)
def test_indirect_quote(
    plain_extractor: quoteattr.QuoteExtractor, text: str, content: str, speaker: str, lemma: str
) -> None:
    quotes = reported(plain_extractor, text)
    assert [q.text for q in quotes] == [content]
    q = quotes[0]
    assert q.kind is QuoteKind.INDIRECT
    assert q.speaker is not None and speaker.lower() in q.speaker.name.lower()
    assert q.cue is not None and q.cue.lemma == lemma


@pytest.mark.parametrize(
    "text",
    [
        "He said a prayer for the victims.",
        "Did he say that the vote was rigged?",
        "The weather is fine and the sea is calm.",
        "Officials were seen leaving the building.",
    ],
)
def test_not_reported_speech(plain_extractor: quoteattr.QuoteExtractor, text: str) -> None:
    assert reported(plain_extractor, text) == []


def test_a_cue_inside_quotation_marks_reports_nothing_outside_them(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    # The parse hangs the words before the quote on the quoted "said".
    text = (
        "Okafor didn’t seem pleased with the remarks, telling reporters, "
        "“Half the town said the mayor ought to quit.”"
    )
    assert reported(plain_extractor, text) == []


def test_a_fragment_takes_the_report_it_stands_in(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = "Instead, Lee told the Herald, her plan would merely be “to fix the roads” if she wins."
    quotes = plain_extractor.extract(text)
    mixed = next(q for q in quotes if q.kind is QuoteKind.MIXED)
    fragment = next(q for q in quotes if q.kind is QuoteKind.PARTIAL)
    assert fragment.text == "to fix the roads"
    assert fragment.speaker is not None and fragment.speaker.name == "Lee"
    assert fragment.cue == mixed.cue and fragment.speaker == mixed.speaker


def test_clause_with_quoted_fragment_is_mixed(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "Kim said North Korea would “fully support” Russia."
    quotes = plain_extractor.extract(text)
    kinds = {q.kind: q for q in quotes}
    assert kinds[QuoteKind.MIXED].text == "North Korea would “fully support” Russia"
    assert kinds[QuoteKind.PARTIAL].text == "fully support"
    assert kinds[QuoteKind.MIXED].speaker_name == "Kim"


def test_direct_quote_is_not_reported_twice(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "Smith said: “The plan is dead and we will not revive it.”"
    quotes = plain_extractor.extract(text)
    assert [q.kind for q in quotes] == [QuoteKind.DIRECT]


def test_interrupting_cue_gives_both_parts(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "To avoid delays, she said, city crews should start early."
    quotes = reported(plain_extractor, text)
    assert any("city crews should start early" in q.text for q in quotes)
    assert all(q.speaker is not None and q.speaker.mention == "she" for q in quotes)


def test_nested_reports_keep_the_outer_one(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "The minister said officials claimed the vote was rigged."
    quotes = reported(plain_extractor, text)
    assert [q.text for q in quotes] == ["officials claimed the vote was rigged"]
    assert quotes[0].speaker_name == "minister"


def test_indirect_quotes_of_one_kind_never_overlap(
    extractor: quoteattr.QuoteExtractor, seed_texts: dict
) -> None:
    for text in seed_texts.values():
        quotes = extractor.extract(text)
        for kind in QuoteKind:
            spans = sorted((q.start, q.end) for q in quotes if q.kind is kind)
            assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), kind


@pytest.mark.parametrize(
    ("stem", "content_start", "speaker"),
    [
        ("000_3d27e69973d55b79", "Putin of acting with", "Volodymyr Zelenskyy"),
        ("000_3d27e69973d55b79", "Beijing wants to keep ties", "Analysts"),
        (
            "001_63b48f6806c994da",
            "that some 2,000 North Korean soldiers",
            "National Intelligence Service",
        ),
    ],
)
def test_indirect_quotes_in_the_seeds(
    seed_quotes: dict, stem: str, content_start: str, speaker: str
) -> None:
    found = [
        q
        for q in seed_quotes[stem]
        if q.kind in (QuoteKind.INDIRECT, QuoteKind.MIXED) and q.text.startswith(content_start)
    ]
    assert len(found) == 1, [q.text[:40] for q in seed_quotes[stem] if q.kind is QuoteKind.INDIRECT]
    assert found[0].speaker is not None
    assert speaker in found[0].speaker.name


@pytest.mark.parametrize(
    ("text", "content", "speaker", "lemma"),
    [
        # a call for something: the prepositional object is what was asked for
        (
            "The union has called for a full inquiry into the contract.",
            "a full inquiry into the contract",
            "union",
            "call",
        ),
        (
            "Critics called for releasing the documents.",
            "releasing the documents",
            "Critics",
            "call",
        ),
        # "according to" any source but a norm
        (
            "Exports fell by a tenth last year, according to customs statistics.",
            "Exports fell by a tenth last year",
            "statistics",
            "according to",
        ),
        # judging and likening verbs with their object and reason or match
        (
            "The mayor attacked the council for its handling of the budget.",
            "the council for its handling of the budget",
            "mayor",
            "attack",
        ),
        (
            "The senator likened the bank to a casino.",
            "the bank to a casino",
            "senator",
            "liken",
        ),
        # characterising with "as"
        (
            "Opponents portrayed the governor as a career politician.",
            "the governor as a career politician",
            "Opponents",
            "portray",
        ),
        (
            "Critics see the program as a loophole for the rich.",
            "the program as a loophole for the rich",
            "Critics",
            "see",
        ),
        # a document's finding with only an object
        (
            "Recent polls show a tight race in the state.",
            "a tight race in the state",
            "polls",
            "show",
        ),
        # a share of a group as the source
        (
            "Many of the delegates believe the treaty is unfair.",
            "the treaty is unfair",
            "Many",
            "believe",
        ),
        # speaking about a topic
        (
            "The minister spoke about the cost of the new bridge.",
            "the cost of the new bridge",
            "minister",
            "speak",
        ),
        (
            "The mayor complained about the new budget rules.",
            "the new budget rules",
            "mayor",
            "complain",
        ),
        # an object that is what was stressed, endorsed or echoed
        (
            "The chairman stressed the importance of the merger.",
            "the importance of the merger",
            "chairman",
            "stress",
        ),
        # a proposal as a gerund
        (
            "The senator proposed raising the tax on tobacco.",
            "raising the tax on tobacco",
            "senator",
            "propose",
        ),
        # newer belief and finding verbs
        (
            "Investigators suspect the fire was started deliberately.",
            "the fire was started deliberately",
            "Investigators",
            "suspect",
        ),
        (
            "The court ruled that the ban was unlawful.",
            "that the ban was unlawful",
            "court",
            "rule",
        ),
        # The source is read on the surface over an age in commas.
        (
            "As part of the deal, Tom Diaz, 52, said that he had misled the board.",
            "that he had misled the board",
            "Tom Diaz",
            "say",
        ),
        # An infinitive of saying takes the subject of the verb it hangs on.
        (
            "She went to great lengths to say that the budget had turned a corner.",
            "that the budget had turned a corner",
            "She",
            "say",
        ),
        # A share of those asked is a source.
        ("Six in 10 say he is decisive.", "he is decisive", "Six in 10", "say"),
        (
            "One in three said the party had failed them.",
            "the party had failed them",
            "One in three",
            "say",
        ),
    ],
)
def test_reported_speech_constructions(
    plain_extractor: quoteattr.QuoteExtractor, text: str, content: str, speaker: str, lemma: str
) -> None:
    assert_one_report(plain_extractor, text, content, speaker, lemma)


@pytest.mark.parametrize(
    "text",
    [
        "The ship sailed according to plan.",
        "The rebels attacked the city at dawn.",
        "The bridge links the island to the mainland.",
        "She called her brother on Sunday.",
        "WASHINGTON: The Senate voted on the bill on Friday.",
        "Note: This story has been updated.",
        "As he spoke, the crowd cheered.",
        "She saw the film last week.",
    ],
)
def test_constructions_that_report_nothing(
    plain_extractor: quoteattr.QuoteExtractor, text: str
) -> None:
    assert reported(plain_extractor, text) == []


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Survey: Most voters back the new park\nThe park opens in May.",
            "Most voters back the new park",
            "Survey",
        ),
        (
            "MILLER: We will not close the plant.\nHARRIS: Will you keep the jobs?",
            "We will not close the plant",
            "MILLER",
        ),
    ],
)
def test_speaker_before_a_colon_at_line_start(
    plain_extractor: quoteattr.QuoteExtractor, text: str, content: str, speaker: str
) -> None:
    quotes = reported(plain_extractor, text)
    assert quotes[0].text == content
    assert quotes[0].speaker is not None and quotes[0].speaker.mention == speaker
    assert quotes[0].cue is not None and quotes[0].cue.text == ":"


@pytest.mark.parametrize(
    ("text", "content", "speaker", "lemma"),
    [
        # a cue that is the infinitive of a verb sharing its subject
        (
            "The senator appeared to suggest that the vote had been rigged.",
            "that the vote had been rigged",
            "senator",
            "suggest",
        ),
        (
            "Residents continued to call for a new school in the district.",
            "a new school in the district",
            "Residents",
            "call",
        ),
        # a view stated through a noun
        (
            "Teachers have expressed concern that the tests are too long.",
            "that the tests are too long",
            "Teachers",
            "express",
        ),
        (
            "The minister made it clear she would not resign.",
            "she would not resign",
            "minister",
            "make",
        ),
        (
            "The agency tried to make the case that the dam was safe.",
            "that the dam was safe",
            "agency",
            "make",
        ),
        # a relative clause before the speaker: what was said follows the cue
        (
            "The union bought the mill, which Mr. Lee says he will keep open.",
            "he will keep open",
            "Lee",
            "say",
        ),
    ],
)
def test_reported_speech_around_the_cue(
    plain_extractor: quoteattr.QuoteExtractor, text: str, content: str, speaker: str, lemma: str
) -> None:
    assert_one_report(plain_extractor, text, content, speaker, lemma)


def test_closing_participle_reports_apart(plain_extractor: quoteattr.QuoteExtractor) -> None:
    text = "The mayor said she thinks the budget is sound, adding that taxes will not rise."
    quotes = reported(plain_extractor, text)
    assert [(q.text, q.cue.lemma if q.cue else None) for q in quotes] == [
        ("she thinks the budget is sound", "say"),
        ("that taxes will not rise", "add"),
    ]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "lemma"),
    [
        # "note" and "report" with only an object
        (
            "The inspector noted the poor state of the wiring.",
            "the poor state of the wiring",
            "inspector",
            "note",
        ),
        (
            "The firm reported a loss of two million dollars.",
            "a loss of two million dollars",
            "firm",
            "report",
        ),
        # an utterance noun with its clause
        (
            "Her acknowledgment that she had erred came late.",
            "that she had erred",
            "Her",
            "acknowledgment",
        ),
        # a name alone as what was endorsed
        ("The newspaper endorsed Smith.", "Smith", "newspaper", "endorse"),
        # asking for something
        (
            "Flood victims asked for emergency housing.",
            "emergency housing",
            "victims",
            "ask",
        ),
        # telling someone about something
        ("She told reporters about the new plan.", "the new plan", "She", "tell"),
        # what an object is cited as
        (
            "He has often cited the storm as the reason for the delay.",
            "the storm as the reason for the delay",
            "He",
            "cite",
        ),
        # an "as" clause of saying on the clause it reports
        (
            "As the minister said, the talks will resume on Monday.",
            "the talks will resume on Monday",
            "minister",
            "say",
        ),
        (
            "As many tax experts have pointed out, the candidate is free to release his returns.",
            "the candidate is free to release his returns",
            "experts",
            "point",
        ),
        # a passive with its agent: the subject is what was endorsed
        (
            "The mayor has been endorsed by the city's largest union.",
            "The mayor",
            "union",
            "endorse",
        ),
    ],
)
def test_reported_objects_and_nouns(
    plain_extractor: quoteattr.QuoteExtractor, text: str, content: str, speaker: str, lemma: str
) -> None:
    assert_one_report(plain_extractor, text, content, speaker, lemma)


@pytest.mark.parametrize(
    ("text", "content", "speaker", "lemma", "detection"),
    [
        # One sentence per content rule, in the order CONTENT_RULES tries them.
        ("Lee said the roads would close.", "the roads would close", "Lee", "say", "clause"),
        ("Diaz vowed to fix the roads.", "to fix the roads", "Diaz", "vow", "infinitive"),
        (
            "Lee said in a statement that the recall was voluntary.",
            "that the recall was voluntary",
            "Lee",
            "say",
            "displaced_clause",
        ),
        (
            "Diaz claimed at the time that the deal was legal.",
            "that the deal was legal",
            "Diaz",
            "claim",
            "displaced_clause",
        ),
        (
            "As experts have pointed out, the rules are clear.",
            "the rules are clear",
            "experts",
            "point",
            "as_clause",
        ),
        ("Lee accused the mayor of lying.", "the mayor of lying", "Lee", "accuse", "judgement"),
        ("Okafor called for an inquiry.", "an inquiry", "Okafor", "call", "asked_for"),
        ("Ann Lee touted her record.", "her record", "Ann Lee", "tout", "object"),
        ("Tom Diaz defended the budget.", "the budget", "Tom Diaz", "defend", "object"),
        (
            "The senator declined to endorse him.",
            "to endorse him",
            "senator",
            "decline",
            "infinitive",
        ),
        (
            "According to the union, the plant will close.",
            "the plant will close",
            "union",
            "according to",
            "according_to",
        ),
        (
            "Voters expressed concern that the plan could fail.",
            "that the plan could fail",
            "Voters",
            "express",
            "stated_view",
        ),
        (
            "Diaz remains committed to the race, his top aide, Ann Lee, told the Herald.",
            "Diaz remains committed to the race",
            "aide",
            "tell",
            "clause_around",
        ),
        (
            "She said allowing it could put many families at risk.",
            "allowing it could put many families at risk",
            "She",
            "say",
            "infinitive",
        ),
        (
            "Exit polling showed that Lee led in every county but one.",
            "that Lee led in every county but one",
            "polling",
            "show",
            "clause",
        ),
        (
            "Lee described the gala as the city flattering itself.",
            "the gala as the city flattering itself",
            "Lee",
            "describe",
            "described_as",
        ),
        ("Lee described the wall.", "the wall", "Lee", "describe", "object"),
        (
            "Lee referred to the recent flooding in the valley.",
            "the recent flooding in the valley",
            "Lee",
            "refer",
            "asked_for",
        ),
        (
            "The senator's criticism of the deal grew.",
            "the deal",
            "senator",
            "criticism",
            "asked_for",
        ),
        (
            "Lee called the plan “a disaster.”",
            "the plan “a disaster.”",
            "Lee",
            "call",
            "around_fragment",
        ),
        (
            "Okafor insisted on the radio that “nothing in the report was copied.”",
            "that “nothing in the report was copied.”",
            "Okafor",
            "insist",
            "clause",
        ),
    ],
)
def test_each_content_rule_records_itself(
    plain_extractor: quoteattr.QuoteExtractor,
    text: str,
    content: str,
    speaker: str,
    lemma: str,
    detection: str,
) -> None:
    assert_one_report(plain_extractor, text, content, speaker, lemma)
    (q,) = reported(plain_extractor, text)
    assert q.detection is not None and q.detection.value == detection


def test_quotation_marks_are_recorded_as_the_detection(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    (q,) = plain_extractor.extract("“We will win,” Lee said.")
    assert q.detection is quoteattr.Detection.QUOTATION_MARKS


@pytest.mark.parametrize(
    ("text", "not_detected"),
    [
        # "that" is the relative clause's object, not a conjunction: no displaced clause.
        ("Lee said it in the report that he wrote.", "displaced_clause"),
        # "of the party" says whom, and is no reason: no judgement.
        ("Lee attacked the leader of the party.", "judgement"),
    ],
)
def test_near_misses_of_the_content_rules(
    plain_extractor: quoteattr.QuoteExtractor, text: str, not_detected: str
) -> None:
    found = [q.detection.value for q in reported(plain_extractor, text) if q.detection]
    assert not_detected not in found


def test_a_refusal_needs_its_infinitive(plain_extractor: quoteattr.QuoteExtractor) -> None:
    assert reported(plain_extractor, "The officer declined the offer.") == []


def test_a_closing_frame_needs_no_and_before_it(plain_extractor: quoteattr.QuoteExtractor) -> None:
    quotes = reported(plain_extractor, "Diaz won the vote, and Lee said the count was fair.")
    assert [q.text for q in quotes] == ["the count was fair"]
    # "because she said so" is a reason, not a frame: nothing is reported.
    assert reported(plain_extractor, "He left the room because she said so.") == []


def test_a_direct_quote_in_its_own_cues_clause_is_a_fragment(
    plain_extractor: quoteattr.QuoteExtractor,
) -> None:
    text = (
        "Lee explained that the medal goes to whoever shaped the town in the past year, "
        "“for better or for worse.”"
    )
    quotes = plain_extractor.extract(text)
    kinds = {q.text: q.kind for q in quotes}
    assert kinds["for better or for worse."] is QuoteKind.PARTIAL
    (mixed,) = [q for q in quotes if q.kind is QuoteKind.MIXED]
    assert mixed.text.startswith("that the medal goes") and mixed.text.endswith("worse.”")
    # A quote its cue only frames stays direct.
    (q,) = plain_extractor.extract("“We will win,” Lee said.")
    assert q.kind is QuoteKind.DIRECT
