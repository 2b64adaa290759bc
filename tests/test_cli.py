"""The command line, end to end on the seeds.

The commands run in this process (``main([...])`` with capsys), with the session's
extractors in place of the one each command would build, so spaCy is loaded once. A
few tests run ``python`` in a subprocess where the process is the point: the console
script, the encoding environment variables, and the modules a command imports.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Optional

import pytest

import quoteattr
from quoteattr import Article, CorpusAnalysis, Quote, QuoteKind, QuoteStore, Speaker
from quoteattr._cli import commands as cli_commands
from quoteattr._cli.output import write_article_table
from quoteattr.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_3d27e69973d55b79.txt"
SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))
SEEDS_GOLD = "tests/data/seeds_gold_documents.jsonl"

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def shared_extractors(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands parse with the session's extractors (conftest) instead of loading spaCy again."""

    def new_extractor(args: Any) -> quoteattr.QuoteExtractor:
        assert args.model is None
        fixture = "plain_extractor" if args.no_coref else "extractor"
        extractor: quoteattr.QuoteExtractor = request.getfixturevalue(fixture)
        return extractor

    monkeypatch.setattr(cli_commands, "new_extractor", new_extractor)
    monkeypatch.chdir(ROOT)


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process: exit status, stdout, stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def python(
    code: str, *, stdin: bytes = b"", env: Optional[dict[str, str]] = None
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -c code`` in a subprocess (in the checkout, with ``env`` added)."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        input=stdin,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


# -- the process ----------------------------------------------------------------------------


def test_the_console_script_and_python_m_quoteattr_run_the_command_line() -> None:
    script = Path(sys.executable).with_name("quoteattr")
    commands = [[sys.executable, "-m", "quoteattr"]]
    if script.exists():  # installed with pip
        commands.append([str(script)])
    for command in commands:
        done = subprocess.run(
            [*command, "--version"], capture_output=True, text=True, timeout=600, cwd=ROOT
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"quoteattr {quoteattr.__version__}"
        bare = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT)
        assert bare.returncode == 2 and "usage" in bare.stdout


def _tiny_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A store and a quote JSON Lines file of two articles, made without spaCy."""
    texts = {"a1": "“We are ready,” Ann Lee said.", "a2": "“We are ready,” said Ann Lee."}
    db, quotes_file = tmp_path / "q.sqlite", tmp_path / "quotes.jsonl"
    lines = []
    with QuoteStore(db) as store:
        for stem, text in texts.items():
            article = Article(text, id=stem)
            quote = _quote(article, "We are ready,", "Ann Lee")
            store.add(article, [quote])
            lines.append(quote.to_json() + "\n")
    quotes_file.write_text("".join(lines), encoding="utf-8")
    return db, quotes_file


def test_the_corpus_commands_on_a_store_or_quotes_never_import_spacy(tmp_path: Path) -> None:
    db, quotes_file = _tiny_corpus(tmp_path)
    runs = [
        ["speakers", "--db", str(db), "--format", "jsonl"],
        ["quotes", str(db), "--format", "csv", "--speaker", "Lee"],
        ["clusters", "--quotes", str(quotes_file), "--format", "table"],
        ["speakers", "--quotes", str(quotes_file), "--format", "table"],
    ]
    code = f"""
        import sys
        from quoteattr.cli import main
        codes = [main(argv) for argv in {runs!r}]
        spacy = sorted(m for m in sys.modules if m.split(".")[0] == "spacy")
        print(codes, spacy, file=sys.stderr)
    """
    done = python(textwrap.dedent(code))
    assert done.stderr.decode().splitlines()[-1] == "[0, 0, 0, 0] []", done.stderr.decode()
    out = done.stdout.decode()
    assert '"name": "Ann Lee"' in out and "Ann Lee  —  2 quotes in 2 articles" in out


def test_stdin_that_is_not_utf8_is_a_one_line_message() -> None:
    latin = "“We are ready,” Ann Lee said in Café Acme.".encode("cp1252")
    code = "import sys; from quoteattr.cli import main; sys.exit(main(['extract', '-']))"
    for env in ({}, {"PYTHONIOENCODING": "utf-8"}):
        done = python(code, stdin=latin, env=env)
        err = done.stderr.decode("utf-8", "replace")
        assert done.returncode == 2, err
        assert "Traceback" not in err
        assert err.count("\n") == 1 and err.startswith("quoteattr: standard input")
        assert "UTF-8" in err
        assert done.stdout == b""


def test_an_ascii_output_encoding_never_raises(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("“We are ready,” Ann Lee said. “Très bien 🙂,” Tom Diaz replied.")
    code = f"""
        from quoteattr.cli import main
        assert main(["extract", {str(article)!r}, "--no-coref", "-q"]) == 0
        assert main(["extract", {str(article)!r}, "--no-coref", "-q", "--format", "table"]) == 0
    """
    done = python(textwrap.dedent(code), env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode("ascii")
    lines = out.splitlines()
    assert [json.loads(line)["text"] for line in lines[:2]] == ["We are ready,", "Très bien 🙂,"]
    assert "Tr\\xe8s bien" in out and "Ann Lee" in out


# -- help and arguments -----------------------------------------------------------------


def test_help_teaches(capsys: Any) -> None:
    for argv, wanted in (
        (["--help"], "evaluate"),
        (["extract", "--help"], "Example: quoteattr extract"),
    ):
        with pytest.raises(SystemExit) as info:
            main(argv)
        assert info.value.code == 0
        out = capsys.readouterr().out
        assert "extract" in out and wanted in out


def test_no_command_prints_help_and_fails(capsys: Any) -> None:
    code, out, _ = run(capsys)
    assert code == 2
    assert "usage" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["speakers", "--top", "-1", "x.txt"],
        ["speakers", "--top", "0", "x.txt"],
        ["clusters", "--min-articles", "-2", "x.txt"],
        ["run", "x.txt", "--db", "x.sqlite", "--batch-size", "-5"],
        ["run", "x.txt", "--db", "x.sqlite", "--workers", "0"],
        ["evaluate", "gold.jsonl", "--errors", "-3"],
    ],
)
def test_negative_counts_are_refused(argv: list[str], capsys: Any) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "must be a positive" in err or "must not be negative" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["-v", "extract", "a.txt"],
        ["extract", "-v", "a.txt"],
        ["extract", "a.txt", "--verbose"],
        ["speakers", "-v", "--db", "q.sqlite"],
        ["run", "a.txt", "--db", "q.sqlite", "-v"],
        ["evaluate", "-v", "gold.jsonl"],
    ],
)
def test_verbose_goes_before_or_after_the_command(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.verbose is True and args.quiet is False
    plain = build_parser().parse_args(["extract", "a.txt"])
    assert plain.verbose is False and plain.quiet is False


# -- extract --------------------------------------------------------------------------------


def test_extract_jsonl_in_a_pipe(capsys: Any) -> None:
    code, out, err = run(capsys, "extract", str(SEED))
    assert code == 0, err
    quotes = jsonl(out)
    text = SEED.read_text(encoding="utf-8")
    assert any(q["text"] == "see you soon," for q in quotes)
    for q in quotes:
        assert text[q["start"] : q["end"]] == q["text"]
        assert q["article"]["id"] == SEED.stem


def test_extract_table(capsys: Any) -> None:
    code, out, err = run(capsys, "extract", str(SEED), "--format", "table")
    assert code == 0, err
    assert out.startswith(SEED.stem)
    assert "Kim Vows Full Support" in out.splitlines()[0]
    assert "— Volodymyr Zelenskyy" in out


def test_extract_csv(capsys: Any) -> None:
    _, out, _ = run(capsys, "extract", str(SEED), "--format", "csv", "--no-coref")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and {"text", "speaker", "cue", "start", "end"} <= set(rows[0])
    assert "profile" not in rows[0] and "title" not in rows[0]
    assert any(r["speaker"] == "Vladimir Putin" and r["cue"] == "replied" for r in rows)


def test_extract_html_is_a_page(capsys: Any) -> None:
    code, page, err = run(capsys, "extract", str(SEED), "--format", "html")
    assert code == 0, err
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert '<mark class="direct">' in page and 'class="speaker"' in page and 'class="cue"' in page
    assert "Kim Vows Full Support for Putin" in page
    assert page.count("<tr id=") == page.count('<sup class="n"')


def test_bad_file_is_reported_and_the_rest_goes_on(tmp_path: Path, capsys: Any) -> None:
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("“Café,” Smith said.".encode("cp1252"))
    code, out, err = run(capsys, "extract", str(binary), str(latin), str(SEED))
    assert code == 1
    assert "broken.txt" in err and "binary" in err
    assert "latin.txt" in err and "UTF-8" in err
    assert SEED.stem in out


def test_stdin(capsys: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    data = "“We are ready,” Putin said.".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="ascii"))
    code, out, err = run(capsys, "extract", "-")
    assert code == 0, err
    (quote,) = jsonl(out)
    assert quote["speaker"]["name"] == "Putin"


# -- evaluate -------------------------------------------------------------------------------


def test_evaluate_small_gold(tmp_path: Path, capsys: Any) -> None:
    text = "“We won,” Smith said. Jones claimed the vote was rigged."
    gold = {
        "doc_id": "g1",
        "text": text,
        "quotes": [
            {
                "start": 0,
                "end": 9,
                "type": "direct",
                "speaker": "Smith",
                "speaker_start": 10,
                "speaker_end": 15,
            },
            {
                "start": 36,
                "end": 55,
                "type": "indirect",
                "speaker": "Jones",
                "speaker_start": 22,
                "speaker_end": 27,
            },
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "evaluate", str(path), "--json", "--no-coref")
    assert code == 0, err
    figures = json.loads(out)
    assert figures["overlap"]["tp"] == 2
    assert figures["speaker_span"]["accuracy"] == 1.0


def test_an_evaluate_line_that_is_a_json_array_is_named(tmp_path: Path, capsys: Any) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('[{"doc_id": "a", "text": "Hello.", "quotes": []}]\n', encoding="utf-8")
    code, _, err = run(capsys, "evaluate", str(gold), "--no-coref")
    assert code == 2
    assert "Traceback" not in err
    assert f"{gold}:1:" in err and "JSON object" in err
    assert "array" in err


def test_the_documented_evaluate_example_runs_as_written(capsys: Any) -> None:
    example = f"quoteattr evaluate {SEEDS_GOLD}"
    assert example in (ROOT / "README.md").read_text(encoding="utf-8")
    assert example in (ROOT / "docs" / "cli.rst").read_text(encoding="utf-8")
    code, table, err = run(capsys, "evaluate", SEEDS_GOLD, "--no-coref")
    assert code == 0, err
    assert table.startswith("documents: 5")
    code, out, err = run(capsys, "evaluate", SEEDS_GOLD, "--format", "json", "--no-coref")
    assert code == 0, err
    figures = json.loads(out)
    assert figures["documents"] == 5
    assert figures["overlap"]["recall"] >= 0.9
    assert figures["by_kind"]["direct"]["recall"] == 1.0
    # The old spelling still works.
    assert json.loads(run(capsys, "evaluate", SEEDS_GOLD, "--json", "--no-coref")[1]) == figures


# -- speakers, quotes, clusters ------------------------------------------------------------


def test_speakers_of_the_seeds(capsys: Any) -> None:
    code, out, err = run(capsys, "speakers", str(SEEDS), "--format", "jsonl")
    assert code == 0, err
    profiles = {p["name"]: p for p in jsonl(out)}
    kims = [n for n in profiles if n.startswith("Kim")]
    putins = [n for n in profiles if "Putin" in n]
    assert kims == ["Kim Jong Un"] and putins == ["Vladimir Putin"]
    for name in ("Kim Jong Un", "Vladimir Putin"):
        assert profiles[name]["article_ids"] == SEED_STEMS
        assert profiles[name]["quote_count"] >= 5
    assert {"Kim", "Kim Jong-un"} <= set(profiles["Kim Jong Un"]["aliases"])


def test_speakers_table_and_top(capsys: Any) -> None:
    code, out, err = run(capsys, "speakers", str(SEEDS), "--format", "table", "--top", "2")
    assert code == 0, err
    ranked = [line for line in out.splitlines() if line[:4].strip().endswith(".")]
    assert len(ranked) == 2
    assert "Vladimir Putin" in out and "Kim Jong Un" in out


def test_clusters_of_the_seeds(capsys: Any) -> None:
    code, out, err = run(capsys, "clusters", str(SEEDS), "--format", "jsonl")
    assert code == 0, err
    clusters = jsonl(out)
    texts = " | ".join(c["text"] for c in clusters)
    for phrase in (
        "fully support",
        "fraternal duty",
        "exchanged candid opinions",
        "special ones of trust",
        "courageously and heroically",
    ):
        assert phrase in texts, texts
    assert all(len(c["article_ids"]) >= 2 for c in clusters)


def test_the_csv_of_a_corpus_is_the_csv_of_its_analysis(
    tmp_path: Path, capsys: Any, seed_quotes: dict[str, list[Quote]]
) -> None:
    quotes_file = tmp_path / "quotes.jsonl"
    quotes_file.write_text(
        "".join(q.to_json() + "\n" for qs in seed_quotes.values() for q in qs), encoding="utf-8"
    )
    analysis = CorpusAnalysis()
    analysis.add_quotes(q for qs in seed_quotes.values() for q in qs)
    source = ("--quotes", str(quotes_file), "--format", "csv")

    def analysis_csv(what: Any, **options: Any) -> str:
        out = io.StringIO(newline="")
        analysis.write_csv(out, what, **options)
        return out.getvalue()

    for what in ("speakers", "quotes", "clusters"):
        assert run(capsys, what, *source) == (0, analysis_csv(what), "")
    assert run(capsys, "clusters", *source, "--min-articles", "3")[1] == analysis_csv(
        "clusters", min_articles=3
    )
    # Rows left out by --top and --speaker: the rest are the analysis's rows.
    whole = list(csv.reader(io.StringIO(analysis_csv("speakers"))))
    top = list(csv.reader(io.StringIO(run(capsys, "speakers", *source, "--top", "2")[1])))
    assert top == whole[:3]
    whole = list(csv.reader(io.StringIO(analysis_csv("quotes"))))
    putin = list(csv.reader(io.StringIO(run(capsys, "quotes", *source, "--speaker", "Putin")[1])))
    assert putin[0] == whole[0] and 5 <= len(putin) - 1 < len(whole) - 1
    assert all(row in whole for row in putin)
    assert all(row[whole[0].index("profile")] == "Vladimir Putin" for row in putin[1:])


def test_run_into_a_store_then_analyse_it(tmp_path: Path, capsys: Any) -> None:
    db = tmp_path / "quotes.sqlite"
    code, _, err = run(capsys, "run", str(SEEDS), "--db", str(db), "--no-coref")
    assert code == 0, err
    assert "5 articles added" in err
    err = run(capsys, "run", str(SEEDS), "--db", str(db), "--no-coref")[2]
    assert "0 articles added" in err and "5 already stored" in err
    names = [
        p["name"] for p in jsonl(run(capsys, "speakers", "--db", str(db), "--format", "jsonl")[1])
    ]
    assert "Kim Jong Un" in names and "Vladimir Putin" in names
    quotes = jsonl(run(capsys, "quotes", str(db), "--speaker", "Putin", "--format", "jsonl")[1])
    assert quotes and all(
        q["speaker"]["name"] in ("Vladimir Putin", "Putin", "the Russian president")
        or "Putin" in q["speaker"]["name"]
        for q in quotes
    )
    assert {q["profile"] for q in quotes} == {"Vladimir Putin"}


def test_extract_once_then_analyse_the_quotes_without_parsing_again(
    tmp_path: Path, capsys: Any
) -> None:
    code, out, err = run(capsys, "extract", str(SEEDS), "--format", "jsonl", "--no-coref")
    assert code == 0, err
    quotes = tmp_path / "quotes.jsonl"
    quotes.write_text(out, encoding="utf-8")
    from_files = run(capsys, "speakers", str(SEEDS), "--format", "jsonl", "--no-coref")
    code, from_quotes, err = run(capsys, "speakers", "--quotes", str(quotes), "--format", "jsonl")
    assert code == 0, err
    assert from_quotes == from_files[1]
    assert run(capsys, "speakers", "--quotes", str(tmp_path / "none.jsonl"))[0] == 2
    code, _, err = run(capsys, "speakers")
    assert code == 2 and "nothing to analyse" in err


# -- output safety ------------------------------------------------------------------------


def _quote(article: Article, text: str, name: str, kind: QuoteKind = QuoteKind.DIRECT) -> Quote:
    start = article.text.index(text)
    mention = article.text.index(name)
    return Quote(
        text,
        start,
        start + len(text),
        kind,
        Speaker(name, name, mention, mention + len(name), label="PERSON"),
        None,
        article,
    )


def _quotes_file(tmp_path: Path, quotes: list[Quote]) -> str:
    path = tmp_path / "quotes.jsonl"
    path.write_text("".join(q.to_json() + "\n" for q in quotes), encoding="utf-8")
    return str(path)


ESCAPES = Article(
    "Ann\x07 Lee said “Stop \x1b]0;owned\x07 now \x1b[2J\x9b6n.” Acme agreed.",
    id="esc\x1b[31m",
    title="A \x1b[1mtitle",
)


def test_table_output_shows_control_characters_instead_of_obeying_them(
    tmp_path: Path, capsys: Any
) -> None:
    quotes = [_quote(ESCAPES, "Stop \x1b]0;owned\x07 now \x1b[2J\x9b6n.", "Ann\x07 Lee")]
    out = io.StringIO()
    write_article_table(ESCAPES, quotes, out)
    table = out.getvalue()
    path = _quotes_file(tmp_path, quotes)
    for command in (["quotes"], ["speakers"], ["clusters", "--min-articles", "1"]):
        assert main([*command, "--quotes", path, "--format", "table"]) == 0
        table += capsys.readouterr().out
    assert "Stop ^[]0;owned^G now ^[[2J\\u009b6n." in table
    assert "Ann^G Lee" in table and "esc^[[31m" in table and "A ^[[1mtitle" in table
    assert not any(c in table for c in "\x1b\x07\x9b")
    # JSON Lines stays exact.
    assert main(["quotes", "--quotes", path, "--format", "jsonl"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line)["text"] == quotes[0].text


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(
    tmp_path: Path, capsys: Any
) -> None:
    article = Article(
        "=Ann Lee said “=HYPERLINK(1)” and “+1 more” and “-2 less” and “@SUM(A1)” "
        "and “\tTab” and “plain”.",
        id="-art",
    )
    texts = ["=HYPERLINK(1)", "+1 more", "-2 less", "@SUM(A1)", "\tTab", "plain"]
    quotes = [_quote(article, t, "=Ann Lee") for t in texts]
    path = _quotes_file(tmp_path, quotes)
    assert main(["quotes", "--quotes", path, "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["text"] for r in rows] == [
        "'=HYPERLINK(1)",
        "'+1 more",
        "'-2 less",
        "'@SUM(A1)",
        "'\tTab",
        "plain",
    ]
    assert {r["speaker"] for r in rows} == {"'=Ann Lee"}
    assert {r["profile"] for r in rows} == {"'=Ann Lee"}
    assert {r["article_id"] for r in rows} == {"'-art"}
    assert all(int(r["start"]) >= 0 for r in rows)  # numbers are left alone
    assert main(["speakers", "--quotes", path, "--format", "csv"]) == 0
    (speaker,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert speaker["name"] == "'=Ann Lee" and json.loads(speaker["article_ids"]) == ["-art"]


# -- progress -------------------------------------------------------------------------------

ARTICLES = {
    "a1": "“We are ready,” Ann Lee said.\n",
    "a2": "“The plan will work,” Tom Diaz told reporters.\n",
    "a3": "Maria Okafor said the budget was “a good start” for Acme.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for stem, text in ARTICLES.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    return folder


def test_run_shows_progress_with_a_total_and_an_eta_on_a_terminal(
    corpus: Path, tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["run", str(corpus), "--db", str(tmp_path / "a.sqlite"), "--no-coref"]) == 0
    err = capsys.readouterr().err
    assert "3/3 [" in err and "<" in err and "article" in err  # done/total [elapsed<left
    assert main(["run", str(corpus), "--db", str(tmp_path / "b.sqlite"), "--no-coref", "-q"]) == 0
    err = capsys.readouterr().err
    assert "/3" not in err and "\r" not in err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert main(["run", str(corpus), "--db", str(tmp_path / "c.sqlite"), "--no-coref"]) == 0
    err = capsys.readouterr().err
    assert "/3" not in err and "\r" not in err


@pytest.mark.parametrize("command", ["extract", "speakers", "clusters", "quotes"])
def test_commands_that_parse_files_show_progress_on_a_terminal_only(
    command: str, corpus: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = [command, str(corpus), "--no-coref", "--format", "jsonl"]
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(argv) == 0
    assert "/3 [" in capsys.readouterr().err
    assert main([*argv, "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main([command, "-q", *argv[1:]]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert main(argv) == 0
    assert capsys.readouterr().err == ""


# -- the small things -------------------------------------------------------------------------


def test_counts_are_singular_for_one(tmp_path: Path, capsys: Any) -> None:
    one = tmp_path / "one.txt"
    one.write_text(ARTICLES["a1"], encoding="utf-8")
    db = str(tmp_path / "q.sqlite")
    assert main(["run", str(one), "--db", db, "--no-coref", "-q"]) == 0
    err = capsys.readouterr().err
    assert "1 article added (1 quote)" in err, err
    assert "0 bad inputs" in err and "now holds 1 article and 1 quote" in err
    assert main(["speakers", "--db", db, "--format", "table"]) == 0
    assert "Ann Lee  —  1 quote in 1 article" in capsys.readouterr().out


def test_the_readme_says_what_extract_prints_where() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "`quoteattr extract FILES...`" in readme
    assert "prints a table on a terminal and JSON Lines in a pipe" in readme
