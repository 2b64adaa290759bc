"""The spaCy component as the one path: same results as the extractor, and spaCy serialisation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

import quoteattr
from quoteattr import InputError, PipelineError, Quote
from quoteattr._parse.component import QuoteattrComponent
from quoteattr._parse.extractor import installed_pipelines

ROOT = Path(__file__).resolve().parent.parent

TEXTS = [
    "“We are ready,” Ann Lee said. She added that the plan would cost $2 million.",
    "Tom Diaz, the mayor, told reporters the roads were “a disgrace.”",
    "No quotes in this one.",
    "“It is over,”said Maria Okafor.\n\n“Not yet,” Diaz replied.",
    "",
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    """A pipeline with the component added the way a spaCy user adds it (no coreference)."""
    nlp = spacy.load(installed_pipelines()[0])
    nlp.add_pipe("quoteattr", config={"coref": False})
    return nlp


def described(quotes: List[Quote]) -> List[Tuple[Any, ...]]:
    return [
        (
            q.start,
            q.end,
            q.kind,
            q.speaker.to_dict() if q.speaker else None,
            q.cue.to_dict() if q.cue else None,
            q.sentence_index,
            q.paragraph_index,
            q.detection,
        )
        for q in quotes
    ]


def test_the_factory_adds_the_boundaries_before_everything(nlp: Language) -> None:
    assert nlp.pipe_names[0] == "quoteattr_boundaries"
    assert nlp.pipe_names[-1] == "quoteattr"
    assert nlp.pipe_names.count("quoteattr_boundaries") == 1


def test_boundaries_can_be_left_out() -> None:
    nlp = spacy.load(installed_pipelines()[0])
    nlp.add_pipe("quoteattr", config={"coref": False, "boundaries": False})
    assert "quoteattr_boundaries" not in nlp.pipe_names


def test_component_gives_what_the_extractor_gives_on_the_seeds(
    nlp: Language, plain_extractor: quoteattr.QuoteExtractor, seed_texts: Dict[str, str]
) -> None:
    for stem, text in seed_texts.items():
        doc = nlp(text)
        assert described(doc._.quotes) == described(plain_extractor.extract(text)), stem


def test_component_gives_what_the_extractor_gives_with_coreference(
    extractor: quoteattr.QuoteExtractor, seed_texts: Dict[str, str]
) -> None:
    nlp = spacy.load(installed_pipelines()[0])
    nlp.add_pipe("quoteattr")
    text = next(iter(seed_texts.values()))
    assert described(nlp(text)._.quotes) == described(extractor.extract(text))


def test_quotes_are_spans_and_plain_data(nlp: Language) -> None:
    doc = nlp(TEXTS[0])
    spans = doc.spans["quotes"]
    quotes = doc._.quotes
    assert [s.label_ for s in spans] == [q.kind.value for q in quotes] == ["direct", "indirect"]
    assert [s.text for s in spans] == [q.text for q in quotes]
    assert quotes[1].speaker is not None and quotes[1].speaker.name == "Ann Lee"
    assert all(q.article.text == doc.text for q in quotes)


def test_a_doc_the_component_has_not_seen_has_no_quotes(nlp: Language) -> None:
    assert nlp.make_doc("“Hi,” Lee said.")._.quotes is None


def test_spans_key_is_a_setting() -> None:
    nlp = spacy.load(installed_pipelines()[0])
    nlp.add_pipe("quoteattr", config={"coref": False, "spans_key": "sourced"})
    doc = nlp(TEXTS[0])
    assert "quotes" not in doc.spans and len(doc.spans["sourced"]) == 2
    assert len(doc._.quotes) == 2


def test_article_metadata_from_the_context_travels(nlp: Language) -> None:
    doc = nlp.make_doc(TEXTS[0])
    doc._.quoteattr_context = {"article": {"id": "a7", "outlet": "Herald"}}
    doc = nlp(doc)
    assert {(q.article.id, q.article.outlet) for q in doc._.quotes} == {("a7", "Herald")}


def test_doc_bytes_round_trip(nlp: Language) -> None:
    for text in TEXTS:
        doc = nlp(text)
        again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
        assert again._.quotes == doc._.quotes
        assert [(s.start, s.end, s.label_) for s in again.spans["quotes"]] == [
            (s.start, s.end, s.label_) for s in doc.spans["quotes"]
        ]


def test_docbin_round_trip_with_default_settings(nlp: Language) -> None:
    docs = list(nlp.pipe(TEXTS))
    stored = DocBin()  # store_user_data is off by default: the quotes live in doc.spans
    for doc in docs:
        stored.add(doc)
    loaded = list(DocBin().from_bytes(stored.to_bytes()).get_docs(nlp.vocab))
    assert [d._.quotes for d in loaded] == [d._.quotes for d in docs]
    assert sum(len(d._.quotes) for d in loaded) >= 5


def test_nlp_pipe_in_two_processes_equals_one(nlp: Language) -> None:
    texts = TEXTS * 3
    one = [doc._.quotes for doc in nlp.pipe(texts)]
    two = [doc._.quotes for doc in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert one == two
    assert sum(map(len, two)) >= 15


def test_control_characters_are_read_as_spaces_and_kept_in_the_quotes(nlp: Language) -> None:
    text = "Intro\x00\x07 line. “We\x07 won,” Smith\x0b said."
    (quote,) = nlp(text)._.quotes
    assert quote.text == "We\x07 won," and quote.article.text == text
    assert quote.speaker is not None and quote.speaker.name == "Smith"


def test_a_pipeline_without_a_parser_is_refused_when_the_component_is_added() -> None:
    with pytest.raises(PipelineError, match="dependency parser"):
        spacy.blank("en").add_pipe("quoteattr")


def test_a_disabled_parser_is_a_clear_error(nlp: Language) -> None:
    with nlp.select_pipes(disable=["parser"]), pytest.raises(PipelineError, match="no dep"):
        nlp("“We are ready,” Ann Lee said.")


def test_a_wrong_cue_list_path_is_a_clear_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-cues.txt")
    with pytest.raises(InputError, match="does not exist"):
        quoteattr.QuoteExtractor(coref=False, cues=missing)
    nlp = spacy.load(installed_pipelines()[0])
    nlp.add_pipe("quoteattr", config={"coref": False, "cues": missing})
    with pytest.raises(InputError, match="does not exist"):
        nlp("“We are ready,” Ann Lee said.")
    bad = tmp_path / "bad.txt"
    bad.write_text("say\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.txt:1"):
        quoteattr.QuoteExtractor(coref=False, cues=str(bad))


def test_to_disk_keeps_a_custom_cue_list_inside_the_pipeline(tmp_path: Path) -> None:
    """The saved pipeline carries its cue list: it loads and uses it after the file is gone."""
    cues = tmp_path / "cues.txt"
    cues.write_text("# only one cue\nmurmur verb speech\n", encoding="utf-8")
    text = "Ann Lee murmured that the plan would fail. Tom Diaz said that it would work."
    nlp = spacy.load(installed_pipelines()[0])
    nlp.add_pipe("quoteattr", config={"coref": False, "cues": str(cues)})
    before = nlp(text)._.quotes
    assert [q.cue.lemma for q in before if q.cue] == ["murmur"]  # "said" is no cue here
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "quoteattr" / "cues.txt").read_text(encoding="utf-8") == (
        cues.read_text(encoding="utf-8")
    )
    cues.unlink()
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded(text)._.quotes == before


def test_to_bytes_keeps_a_custom_cue_list(tmp_path: Path) -> None:
    cues = tmp_path / "cues.txt"
    cues.write_text("murmur verb speech\n", encoding="utf-8")
    nlp = spacy.load(installed_pipelines()[0])
    component = nlp.add_pipe("quoteattr", config={"coref": False, "cues": str(cues)})
    other = spacy.load(installed_pipelines()[0])
    fresh = other.add_pipe("quoteattr", config={"coref": False})
    fresh.from_bytes(component.to_bytes())
    assert fresh.lexicon == component.lexicon and fresh.cue_text == component.cue_text


def test_serialisation_leaves_the_cue_list_out_when_it_is_excluded(tmp_path: Path) -> None:
    """``exclude=["cues"]``, as spaCy's own components read ``exclude``."""
    cues = tmp_path / "cues.txt"
    cues.write_text("murmur verb speech\n", encoding="utf-8")
    nlp = spacy.blank("en")
    custom = QuoteattrComponent(nlp, coref=False, cues=str(cues))

    def fresh() -> QuoteattrComponent:
        return QuoteattrComponent(nlp, coref=False)

    assert fresh().from_bytes(custom.to_bytes()).cue_text == custom.cue_text
    assert fresh().from_bytes(custom.to_bytes(exclude=["cues"])).cue_text is None
    assert fresh().from_bytes(custom.to_bytes(), exclude=["cues"]).cue_text is None
    custom.to_disk(tmp_path / "left out", exclude=["cues"])
    assert not (tmp_path / "left out" / "cues.txt").exists()
    custom.to_disk(tmp_path / "saved")
    assert fresh().from_disk(tmp_path / "saved").cue_text == custom.cue_text
    assert fresh().from_disk(tmp_path / "saved", exclude=["cues"]).cue_text is None


def test_the_readme_spacy_snippet_runs_as_written() -> None:
    """The README's "As a spaCy component" block, run as it stands after its install."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"As a spaCy component:\n\n```python\n(.*?)```", readme, re.S)
    assert match is not None, "the README has lost its spaCy snippet"
    namespace: Dict[str, Any] = {}
    exec(compile(match.group(1), "README.md", "exec"), namespace)
    quotes = namespace["doc"]._.quotes
    assert quotes and quotes[0].speaker is not None
