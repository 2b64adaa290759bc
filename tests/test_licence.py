"""No text of the evaluation articles in the repository (skipped when ../shared/eval is absent).

PolNeAR's articles are copyrighted news with no licence to redistribute: examples in
code, docs and tests are invented. This test looks for any run of eight words that a
source, documentation or test file (tracked, or new and not ignored) shares with an
article of the train or dev split (the hand-resolved speaker files in ``tests/data/``
hold offsets and names only, and the seeds are the project's own sample articles).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Iterator, List, Set

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SPLITS = [EVAL / "polnear-train.jsonl", EVAL / "polnear-dev.jsonl"]
RUN = 8
_WORD = re.compile(r"[a-z0-9']+")

pytestmark = pytest.mark.skipif(
    not all(split.is_file() for split in SPLITS), reason=f"PolNeAR splits not found in {EVAL}"
)


def words(text: str) -> List[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def runs(tokens: List[str]) -> Iterator[str]:
    for i in range(len(tokens) - RUN + 1):
        yield " ".join(tokens[i : i + RUN])


def repository_files() -> List[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    if not listed:  # not a git checkout: every file below the project
        listed = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file()]
    return [
        ROOT / name
        for name in listed
        if name.endswith((".py", ".rst", ".md", ".txt", ".toml", ".cfg"))
        and not name.startswith(("tests/data/", "seeds/", ".git/"))
        and "/_build/" not in name
        and (ROOT / name).is_file()  # tracked but deleted in the working tree: nothing to read
    ]


def test_no_run_of_article_text_in_the_repository() -> None:
    article_runs: Set[str] = set()
    for split in SPLITS:
        with split.open(encoding="utf-8") as lines:
            for line in lines:
                article_runs.update(runs(words(json.loads(line)["text"])))
    found = []
    for path in repository_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, line in enumerate(text.splitlines(), 1):
            shared = next((r for r in runs(words(line)) if r in article_runs), None)
            if shared is not None:
                found.append(f"{path.relative_to(ROOT)}:{number}: {shared!r}")
    assert not found, "text of the evaluation articles:\n" + "\n".join(found)


def test_the_check_finds_a_run_it_is_given() -> None:
    # The check itself: a line that repeats an article's words is caught.
    with SPLITS[1].open(encoding="utf-8") as lines:
        text = json.loads(next(lines))["text"]
    article = set(runs(words(text)))
    copied = " ".join(words(text)[:RUN])
    assert any(r in article for r in runs(words(copied)))
