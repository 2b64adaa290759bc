"""Reading articles from text files, JSON Lines files and folders."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional, Union

import pytest

from quoteattr import Article, InputError
from quoteattr._io.reading import guess_title, iter_articles, read_jsonl, read_text_file

BODY = "“We are waiting for you,” Putin replied.\n\nKim said nothing."


def write(path: Path, data: Union[str, bytes]) -> Path:
    """Write ``data`` to ``path`` (text as UTF-8) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def articles(items: List[Union[Article, InputError]]) -> List[Article]:
    return [a for a in items if isinstance(a, Article)]


def errors(items: List[Union[Article, InputError]]) -> List[InputError]:
    return [e for e in items if isinstance(e, InputError)]


# -- guess_title ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Kim Vows Full Support for Putin\n\n" + BODY, "Kim Vows Full Support for Putin"),
        ("Kim ‘vows’ support for Putin’s war\n" + BODY, "Kim ‘vows’ support for Putin’s war"),
        ("\ufeffSummit Ends Early\n\n" + BODY, "Summit Ends Early"),
        ("Kim said he would go to Moscow.\n\n" + BODY, None),
        ("Kim went. Then he left\n\n" + BODY, None),
        ("By Jane Doe\n\n" + BODY, None),
        ("by Jane Doe, Seoul\n\n" + BODY, None),
        ("A headline with no body", None),
        ("\n\n" + BODY, None),
        ("x" * 201 + "\n\n" + BODY, None),
    ],
)
def test_guess_title(text: str, title: Optional[str]) -> None:
    assert guess_title(text) == title


# -- text files -------------------------------------------------------------------------


def test_read_text_file_takes_id_from_the_stem_and_a_headline_as_title(tmp_path: Path) -> None:
    text = "Putin Meets Kim in Pyongyang\n\n" + BODY
    a = read_text_file(write(tmp_path / "summit-2024.txt", text), outlet="Example News")
    assert a.id == "summit-2024"
    assert a.title == "Putin Meets Kim in Pyongyang"
    assert a.text == text
    assert a.outlet == "Example News"


def test_read_text_file_does_not_take_a_sentence_as_title(tmp_path: Path) -> None:
    text = "Kim said he would visit Moscow soon.\n\n" + BODY
    a = read_text_file(write(tmp_path / "kim.txt", text))
    assert a.title is None
    assert a.text == text


def test_read_text_file_does_not_take_a_byline_as_title(tmp_path: Path) -> None:
    a = read_text_file(write(tmp_path / "kim.txt", "By Jane Doe\n\n" + BODY))
    assert a.title is None


def test_read_text_file_drops_a_utf8_bom(tmp_path: Path) -> None:
    a = read_text_file(write(tmp_path / "bom.txt", "\ufeff" + BODY))
    assert a.text == BODY


def test_read_text_file_accepts_str_paths(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.txt", BODY)
    assert read_text_file(str(path)).id == "plain"


def test_binary_file_raises_input_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary") as info:
        read_text_file(path)
    assert str(path) in str(info.value)


def test_latin1_file_raises_input_error_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path / "latin.txt", "Le café est fermé, a dit Kim.".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8") as info:
        read_text_file(path)
    assert str(path) in str(info.value)
    assert "iconv" in str(info.value)


def test_missing_file_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    with pytest.raises(InputError, match="cannot be read") as info:
        read_text_file(path)
    assert str(path) in str(info.value)


# -- JSON Lines -------------------------------------------------------------------------


def test_read_jsonl_yields_articles_and_errors_and_goes_on(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": BODY, "title": "Summit", "published": "2024-06-19"}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "a5", "title": "no text"}),
        json.dumps({"id": 6, "text": "Kim said hello.", "outlet": "Example News"}),
        json.dumps({"text": "No id given."}),
        json.dumps({"id": "a8", "text": "x", "title": 5}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_jsonl(path))
    good = articles(items)
    assert [a.id for a in good] == ["a1", "6", Article("No id given.").id]
    assert good[0].title == "Summit" and good[0].published == "2024-06-19"
    assert good[0].text == BODY
    assert good[1].outlet == "Example News"
    bad = errors(items)
    assert [str(e).split(": ")[0] for e in bad] == [
        f"{path}:2",
        f"{path}:4",
        f"{path}:5",
        f"{path}:8",
    ]
    assert "text" in str(bad[2])
    # Errors come in file order, between the articles.
    assert [type(x).__name__ for x in items] == [
        "Article",
        "InputError",
        "InputError",
        "InputError",
        "Article",
        "Article",
        "InputError",
    ]


def test_read_jsonl_reports_a_line_that_is_not_utf8(tmp_path: Path) -> None:
    data = (
        json.dumps({"id": "ok", "text": "fine"}).encode()
        + b"\n"
        + '{"id": "bad", "text": "café"}'.encode("latin-1")
        + b"\n"
    )
    items = list(read_jsonl(write(tmp_path / "mixed.jsonl", data)))
    assert [a.id for a in articles(items)] == ["ok"]
    assert len(errors(items)) == 1
    assert ":2:" in str(errors(items)[0])


def test_read_jsonl_of_a_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        list(read_jsonl(tmp_path / "nowhere.jsonl"))


# -- folders ----------------------------------------------------------------------------


def test_iter_articles_walks_a_folder_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Second Headline\n\n" + BODY)
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "sub" / "c.txt", "Kim spoke.")
    write(
        tmp_path / "d.jsonl",
        json.dumps({"id": "d1", "text": "one"}) + "\n" + json.dumps({"id": "d2", "text": "two"}),
    )
    write(tmp_path / "notes.csv", "id,text\nx,y\n")
    write(tmp_path / "e.txt", b"\x00\x01binary")
    items = list(iter_articles([tmp_path]))
    assert [a.id for a in articles(items)] == ["a", "b", "d1", "d2", "sub/c"]
    assert articles(items)[1].title == "Second Headline"
    (error,) = errors(items)
    assert str(tmp_path / "e.txt") in str(error)


def test_iter_articles_takes_files_and_reports_missing_paths(tmp_path: Path) -> None:
    one = write(tmp_path / "one.txt", BODY)
    items = list(iter_articles([one, tmp_path / "missing", str(one)]))
    assert [type(x).__name__ for x in items] == ["Article", "InputError", "Article"]
    assert "no such file" in str(items[1])
