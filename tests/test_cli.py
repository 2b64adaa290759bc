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
