"""The command line, end to end in a subprocess, on the seeds."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

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
