"""Stores and files that must not surprise: read-only opening, damaged stores, size limits, folders."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any, List

import pytest

from quoteattr import Article, InputError, InvalidInputError, QuoteStore
from quoteattr._io.reading import (
    DEFAULT_MAX_CHARS,
    iter_articles,
    read_jsonl,
    read_text_file,
)
from quoteattr.cli import main

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def stored(path: Path) -> Path:
    with QuoteStore(path) as store:
        store.add(Article("“Yes,” Ann Lee said.", id="a1"), [])
    return path


def files_of(folder: Path) -> List[str]:
    return sorted(p.name for p in folder.iterdir())


# -- 7. read commands do not write ------------------------------------------------------------


def test_a_read_command_on_a_missing_store_fails_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["speakers", "--db", str(tmp_path / "typo.sqlite")]) == 2
    assert "no such store" in capsys.readouterr().err
    assert files_of(tmp_path) == []


def test_another_applications_sqlite_file_is_refused_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (body TEXT)")
    db.commit()
    db.close()
    before = path.read_bytes()
    for readonly in (False, True):
        with pytest.raises(InputError, match="not a quoteattr store"):
            QuoteStore(path, readonly=readonly)
    assert path.read_bytes() == before  # not switched to WAL mode
    assert files_of(tmp_path) == ["other.sqlite"]


def test_reading_a_store_writes_nothing(tmp_path: Path) -> None:
    path = stored(tmp_path / "q.sqlite")
    before = path.read_bytes()
    with QuoteStore(path, readonly=True) as store:
        assert [a.id for a in store.articles()] == ["a1"]
        with pytest.raises(InvalidInputError, match="read-only"):
            store.add(Article("other text", id="x"), [])
    assert path.read_bytes() == before


def test_speakers_reads_a_store_read_only(tmp_path: Path) -> None:
    path = stored(tmp_path / "q.sqlite")
    before = path.read_bytes()
    assert main(["speakers", "--db", str(path)]) == 0
    assert path.read_bytes() == before


@pytest.mark.skipif(ROOT_USER, reason="file permissions do not bind root")
def test_a_store_in_a_read_only_folder_can_be_read_but_not_run_into(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = stored(folder / "q.sqlite")
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        with QuoteStore(path, readonly=True) as store:
            assert store.count_articles() == 1
        with pytest.raises(InputError, match=r"cannot be written|cannot open"):
            QuoteStore(path)
    finally:
        folder.chmod(0o755)


def test_a_store_that_cannot_be_written_fails_before_any_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`run` opens its store for writing before parsing: a read-only one fails then."""
    path = stored(tmp_path / "q.sqlite")

    class ReadOnly(sqlite3.Connection):
        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
            if sql == "BEGIN IMMEDIATE":
                raise sqlite3.OperationalError("attempt to write a readonly database")
            return super().execute(sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **k, factory=ReadOnly))
    with pytest.raises(InputError, match="cannot be written"):
        QuoteStore(path)


# -- 10. a damaged store is a message ------------------------------------------------------------


def test_a_corrupt_store_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = stored(tmp_path / "q.sqlite")
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the header's tail and the schema page
    path.write_bytes(bytes(data))
    assert main(["speakers", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quoteattr: ") and "Traceback" not in err


def test_a_tampered_row_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite"
    with QuoteStore(path) as store:
        from quoteattr import Quote, QuoteKind

        article = Article("“Yes,” Ann Lee said.", id="a1")
        store.add(article, [Quote("Yes,", 1, 5, QuoteKind.DIRECT, None, None, article)])
    db = sqlite3.connect(path)
    db.execute("UPDATE quotes SET kind = 'bogus'")
    db.commit()
    db.close()
    with QuoteStore(path, readonly=True) as store, pytest.raises(InputError, match="not valid"):
        list(store.quotes())


# -- 4. a size limit when reading ---------------------------------------------------------------


def test_a_text_file_over_the_limit_is_set_aside_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 400, encoding="utf-8")
    with pytest.raises(InputError, match="maximum article of 1,000 characters"):
        read_text_file(path, max_chars=1000)
    assert read_text_file(path, max_chars=2000).text.startswith("word")
    assert DEFAULT_MAX_CHARS == 1_000_000


def test_an_endless_file_is_not_read_to_the_end() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    (error,) = list(iter_articles(["/dev/zero"], max_chars=1000))
    assert isinstance(error, InputError) and "maximum" in str(error)


def test_a_json_lines_record_over_the_limit_is_one_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": "short"}),
        json.dumps({"id": "big", "text": "x" * 5000}),
        json.dumps({"id": "ok2", "text": "short too"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_jsonl(path, max_chars=100))
    assert [i.id if isinstance(i, Article) else "error" for i in items] == ["ok1", "error", "ok2"]
    assert "a.jsonl:2" in str(items[1])


def test_extract_takes_a_max_chars_option(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("“Yes,” Ann Lee said. " * 100, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "quoteattr",
            "extract",
            str(path),
            "--max-chars",
            "500",
            "--no-coref",
            "--format",
            "jsonl",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1 and "maximum article of 500 characters" in result.stderr
    assert result.stdout == ""


# -- 8. and 9. folders ----------------------------------------------------------------------------


def test_files_of_one_name_in_two_subfolders_are_two_articles(tmp_path: Path) -> None:
    for sub, text in (("a", "“One,” Ann Lee said."), ("b", "“Two,” Tom Diaz said.")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(text, encoding="utf-8")
    ids = [a.id for a in iter_articles([tmp_path]) if isinstance(a, Article)]
    assert ids == ["a/story", "b/story"]


def test_a_folder_reads_what_the_docs_say_and_reports_the_rest(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "two.md").write_text("Two.", encoding="utf-8")
    (tmp_path / "three.text").write_text("Three.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    items = list(iter_articles([tmp_path]))
    assert sorted(a.id for a in items if isinstance(a, Article)) == ["one", "three", "two"]
    errors = [str(e) for e in items if isinstance(e, InputError)]
    assert len(errors) == 1 and "gone.txt" in errors[0] and "link to nothing" in errors[0]
    assert "passed over 2" in caplog.text


@pytest.mark.skipif(ROOT_USER, reason="file permissions do not bind root")
def test_an_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("Hidden away.", encoding="utf-8")
    locked.chmod(0)
    try:
        items = list(iter_articles([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert [a.id for a in items if isinstance(a, Article)] == ["ok"]
    assert any("locked" in str(e) for e in items if isinstance(e, InputError))


def test_an_unreadable_subfolder_reported_by_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root too: os.walk's error for a folder it cannot list becomes an InputError."""
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    real_walk = os.walk

    def walk(top: Any, onerror: Any = None, **kwargs: Any) -> Any:
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "locked")))
        return real_walk(top, onerror=onerror, **kwargs)

    monkeypatch.setattr(os, "walk", walk)
    items = list(iter_articles([tmp_path]))
    assert [a.id for a in items if isinstance(a, Article)] == ["ok"]
    (error,) = [e for e in items if isinstance(e, InputError)]
    assert "locked" in str(error) and "Permission denied" in str(error)
