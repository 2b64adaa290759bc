"""The command line, end to end in a subprocess, on the seeds."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

from quoteattr import Article, Quote, QuoteKind, Speaker
from quoteattr.cli import _write_table, build_parser, main

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_3d27e69973d55b79.txt"

pytestmark = pytest.mark.slow


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quoteattr", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=600,
        cwd=ROOT,
    )


def test_help_teaches() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert "extract" in done.stdout and "evaluate" in done.stdout
    sub = run("extract", "--help")
    assert "Example: quoteattr extract" in sub.stdout


def test_no_command_prints_help_and_fails() -> None:
    done = run()
    assert done.returncode == 2
    assert "usage" in done.stdout


def test_extract_jsonl_in_a_pipe() -> None:
    done = run("extract", str(SEED))
    assert done.returncode == 0, done.stderr
    quotes = [json.loads(line) for line in done.stdout.splitlines()]
    text = SEED.read_text(encoding="utf-8")
    assert any(q["text"] == "see you soon," for q in quotes)
    for q in quotes:
        assert text[q["start"] : q["end"]] == q["text"]
        assert q["article"]["id"] == SEED.stem


def test_extract_table() -> None:
    done = run("extract", str(SEED), "--format", "table")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(SEED.stem)
    assert "Kim Vows Full Support" in done.stdout.splitlines()[0]
    assert "— Volodymyr Zelenskyy" in done.stdout


def test_extract_csv() -> None:
    done = run("extract", str(SEED), "--format", "csv", "--no-coref")
    rows: List[dict] = list(csv.DictReader(io.StringIO(done.stdout)))
    assert rows and {"text", "speaker", "cue", "start", "end"} <= set(rows[0])
    assert any(r["speaker"] == "Vladimir Putin" and r["cue"] == "replied" for r in rows)


def test_extract_html_is_a_page(tmp_path: Path) -> None:
    done = run("extract", str(SEED), "--format", "html")
    assert done.returncode == 0, done.stderr
    page = done.stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert '<mark class="direct">' in page and 'class="speaker"' in page and 'class="cue"' in page
    assert "Kim Vows Full Support for Putin" in page
    assert page.count("<tr id=") == page.count('<sup class="n"')


def test_bad_file_is_reported_and_the_rest_goes_on(tmp_path: Path) -> None:
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("“Café,” Smith said.".encode("cp1252"))
    done = run("extract", str(binary), str(latin), str(SEED))
    assert done.returncode == 1
    assert "broken.txt" in done.stderr and "binary" in done.stderr
    assert "latin.txt" in done.stderr and "UTF-8" in done.stderr
    assert SEED.stem in done.stdout


def test_stdin() -> None:
    done = run("extract", "-", stdin="“We are ready,” Putin said.")
    assert done.returncode == 0, done.stderr
    (quote,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert quote["speaker"]["name"] == "Putin"


def test_evaluate_small_gold(tmp_path: Path) -> None:
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
    done = run("evaluate", str(path), "--json", "--no-coref")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["overlap"]["tp"] == 2
    assert figures["speaker_span"]["accuracy"] == 1.0


SEEDS = ROOT / "seeds"
SEED_STEMS = sorted(p.stem for p in SEEDS.glob("*.txt"))


def test_speakers_of_the_seeds() -> None:
    done = run("speakers", str(SEEDS), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    profiles = {p["name"]: p for p in map(json.loads, done.stdout.splitlines())}
    kims = [n for n in profiles if n.startswith("Kim")]
    putins = [n for n in profiles if "Putin" in n]
    assert kims == ["Kim Jong Un"] and putins == ["Vladimir Putin"]
    for name in ("Kim Jong Un", "Vladimir Putin"):
        assert profiles[name]["article_ids"] == SEED_STEMS
        assert profiles[name]["quote_count"] >= 5
    assert {"Kim", "Kim Jong-un"} <= set(profiles["Kim Jong Un"]["aliases"])


def test_speakers_table_and_top() -> None:
    done = run("speakers", str(SEEDS), "--format", "table", "--top", "2")
    assert done.returncode == 0, done.stderr
    ranked = [line for line in done.stdout.splitlines() if line[:4].strip().endswith(".")]
    assert len(ranked) == 2
    assert "Vladimir Putin" in done.stdout and "Kim Jong Un" in done.stdout


def test_clusters_of_the_seeds() -> None:
    done = run("clusters", str(SEEDS), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    clusters = [json.loads(line) for line in done.stdout.splitlines()]
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


def test_run_into_a_store_then_analyse_it(tmp_path: Path) -> None:
    db = tmp_path / "quotes.sqlite"
    first = run("run", str(SEEDS), "--db", str(db), "--no-coref")
    assert first.returncode == 0, first.stderr
    assert "5 articles added" in first.stderr
    again = run("run", str(SEEDS), "--db", str(db), "--no-coref")
    assert "0 articles added" in again.stderr and "5 already stored" in again.stderr
    from_db = run("speakers", "--db", str(db), "--format", "jsonl")
    names = [json.loads(line)["name"] for line in from_db.stdout.splitlines()]
    assert "Kim Jong Un" in names and "Vladimir Putin" in names
    putin = run("quotes", str(db), "--speaker", "Putin", "--format", "jsonl")
    quotes = [json.loads(line) for line in putin.stdout.splitlines()]
    assert quotes and all(
        q["speaker"]["name"] in ("Vladimir Putin", "Putin", "the Russian president")
        or "Putin" in q["speaker"]["name"]
        for q in quotes
    )


def test_extract_once_then_analyse_the_quotes_without_parsing_again(tmp_path: Path) -> None:
    done = run("extract", str(SEEDS), "--format", "jsonl", "--no-coref")
    assert done.returncode == 0, done.stderr
    quotes = tmp_path / "quotes.jsonl"
    quotes.write_text(done.stdout, encoding="utf-8")
    from_files = run("speakers", str(SEEDS), "--format", "jsonl", "--no-coref")
    from_quotes = run("speakers", "--quotes", str(quotes), "--format", "jsonl")
    assert from_quotes.returncode == 0, from_quotes.stderr
    assert from_quotes.stdout == from_files.stdout
    assert run("speakers", "--quotes", str(tmp_path / "none.jsonl")).returncode == 2
    nothing = run("speakers")
    assert nothing.returncode == 2 and "nothing to analyse" in nothing.stderr


# -- messages, not tracebacks -----------------------------------------------------------


def run_bytes(
    *args: str, stdin: bytes, env: Optional[Dict[str, str]] = None
) -> Tuple[int, str, bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "quoteattr", *args],
        capture_output=True,
        input=stdin,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    return done.returncode, done.stderr.decode("utf-8", "replace"), done.stdout


def test_stdin_that_is_not_utf8_is_a_one_line_message() -> None:
    latin = "“We are ready,” Ann Lee said in Café Acme.".encode("cp1252")
    for env in ({}, {"PYTHONIOENCODING": "utf-8"}):
        code, err, out = run_bytes("extract", "-", "--no-coref", stdin=latin, env=env)
        assert code == 2, err
        assert "Traceback" not in err
        assert err.count("\n") == 1 and err.startswith("quoteattr: standard input")
        assert "UTF-8" in err
        assert out == b""


def test_an_ascii_output_encoding_never_raises() -> None:
    text = "“We are ready,” Ann Lee said. “Très bien 🙂,” Tom Diaz replied."
    env = {"PYTHONIOENCODING": "ascii"}
    code, err, out = run_bytes("extract", "-", "--no-coref", stdin=text.encode(), env=env)
    assert code == 0, err
    assert "Traceback" not in err
    quotes = [json.loads(line) for line in out.decode("ascii").splitlines()]
    assert [q["text"] for q in quotes] == ["We are ready,", "Très bien 🙂,"]
    code, err, out = run_bytes(
        "extract", "-", "--no-coref", "--format", "table", stdin=text.encode(), env=env
    )
    assert code == 0, err
    assert "Traceback" not in err
    assert "Tr\\xe8s bien" in out.decode("ascii") and "Ann Lee" in out.decode("ascii")


def test_an_evaluate_line_that_is_a_json_array_is_named(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('[{"doc_id": "a", "text": "Hello.", "quotes": []}]\n', encoding="utf-8")
    done = run("evaluate", str(gold), "--no-coref")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{gold}:1:" in done.stderr and "JSON object" in done.stderr
    assert "array" in done.stderr


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
def test_negative_counts_are_refused(argv: List[str], capsys: Any) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "must be a positive" in err or "must not be negative" in err


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


def _quotes_file(tmp_path: Path, quotes: List[Quote]) -> str:
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
    _write_table(ESCAPES, quotes, out)
    table = out.getvalue()
    path = _quotes_file(tmp_path, quotes)
    for command in ("quotes", "speakers"):
        assert main([command, "--quotes", path, "--format", "table"]) == 0
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
    assert {r["article_id"] for r in rows} == {"'-art"}
    assert all(int(r["start"]) >= 0 for r in rows)  # numbers are left alone
    assert main(["speakers", "--quotes", path, "--format", "csv"]) == 0
    (speaker,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert speaker["name"] == "'=Ann Lee" and speaker["article_ids"] == "'-art"


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
def test_verbose_goes_before_or_after_the_command(argv: List[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.verbose is True and args.quiet is False
    plain = build_parser().parse_args(["extract", "a.txt"])
    assert plain.verbose is False and plain.quiet is False


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


SEEDS_GOLD = "tests/data/seeds_gold_documents.jsonl"


def test_the_documented_evaluate_example_runs_as_written() -> None:
    example = f"quoteattr evaluate {SEEDS_GOLD}"
    assert example in (ROOT / "README.md").read_text(encoding="utf-8")
    assert example in (ROOT / "docs" / "cli.rst").read_text(encoding="utf-8")
    table = run("evaluate", SEEDS_GOLD, "--no-coref")
    assert table.returncode == 0, table.stderr
    assert table.stdout.startswith("documents: 5")
    done = run("evaluate", SEEDS_GOLD, "--format", "json", "--no-coref")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["documents"] == 5
    assert figures["overlap"]["recall"] >= 0.9
    assert figures["by_kind"]["direct"]["recall"] == 1.0
    # The old spelling still works.
    assert json.loads(run("evaluate", SEEDS_GOLD, "--json", "--no-coref").stdout) == figures


def test_the_readme_says_what_extract_prints_where() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "`quoteattr extract FILES...`" in readme
    assert "prints a table on a terminal and JSON Lines in a pipe" in readme
