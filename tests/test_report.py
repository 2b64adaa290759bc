"""The corpus report: its sections, its escaping, its optional dependency, and how it looks.

Most tests build a small corpus by hand (no spaCy); the seeds' report and its screenshot
in headless Chromium (skipped when no ``chromium`` is installed) use the session's
extractor.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest

import quoteattr
from quoteattr import Article, CorpusAnalysis, MissingDependencyError, Quote, QuoteKind, Speaker
from quoteattr._cli import commands as cli_commands
from quoteattr._io.report import marked_diff, render_report
from quoteattr._io.report_charts import plain_label
from quoteattr.cli import main

pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = SCRIPT + IMG


def _quote(article: Article, text: str, name: str) -> Quote:
    start, at = article.text.index(text), article.text.index(name)
    speaker = Speaker(name, name, at, at + len(name), label="PERSON")
    return Quote(text, start, start + len(text), QuoteKind.DIRECT, speaker, None, article)


TAXES = "The council will raise taxes on fuel, tobacco and sugar"
SPRING = "talks resume on the first day of spring"


def _corpus() -> CorpusAnalysis:
    """Three outlets over two months: a quote altered, one truncated, one given to two people."""
    texts = [
        ("a1", "Daily", "2024-01-03", f"“{TAXES} this year,” Ann Lee said."),
        ("a2", "Herald", "2024-01-05", f"“{TAXES} next year,” Ann Lee said."),
        ("a3", "Herald", "2024-02-11", "“The bridge opens in May,” Tom Diaz said."),
        ("a4", "Post", "2024-02-20", "“The bridge opens in May,” Ann Lee said."),
        ("a5", "Daily", "2024-03-01", f"“Budget {SPRING},” Tom Diaz said."),
        ("a6", "Post", "2024-03-02", f"“{SPRING},” Tom Diaz said."),
    ]
    analysis = CorpusAnalysis()
    for article_id, outlet, date, text in texts:
        article = Article(text, id=article_id, outlet=outlet, published=date)
        quoted = text[1 : text.index("”")]
        name = "Ann Lee" if "Ann Lee" in text else "Tom Diaz"
        analysis.add(article, [_quote(article, quoted, name)])
    return analysis


def _hostile_corpus() -> CorpusAnalysis:
    """Markup in an article id, a title, an outlet, a speaker's name and a quote's text."""
    name = f"Eve {SCRIPT} {IMG}"
    analysis = CorpusAnalysis()
    for n in (1, 2):
        text = f"“Stop {HOSTILE} now,” {name} said. “Yes {n},” Bob $x$ Ray said."
        article = Article(
            text, id=f"{HOSTILE}{n}", title=HOSTILE, outlet=HOSTILE, published="2024-05-0" + str(n)
        )
        quotes = [
            _quote(article, f"Stop {HOSTILE} now,", name),
            _quote(article, f"Yes {n},", "Bob $x$ Ray"),
        ]
        analysis.add(article, quotes)
    return analysis


def _section(page: str, key: str) -> str:
    start = page.index(f'<section id="{key}">')
    return page[start : page.index("</section>", start)]


# -- what the page shows -----------------------------------------------------------------


def test_the_page_has_every_part_with_charts_as_inline_svg() -> None:
    page = render_report(_corpus(), title="Budget")
    assert page.startswith("<!DOCTYPE html>") and "<title>Budget</title>" in page
    for key in ("speakers", "time", "outlets", "gender", "drift", "conflicts"):
        assert f'<section id="{key}">' in page
    # Bars of the speakers, lines of the timeline, the gender share: three SVG charts.
    assert page.count("<svg ") == 3
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page
    assert "<svg " in _section(page, "speakers") and "<svg " in _section(page, "time")
    assert "Ann Lee" in _section(page, "speakers") and "Tom Diaz" in _section(page, "speakers")
    # Dates over two months: counted a week.
    assert "Quotes a week, 2024-01-03 to 2024-03-02." in _section(page, "time")


def test_the_page_needs_no_network_and_runs_no_script() -> None:
    page = render_report(_corpus())
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"\b(src|href)\s*=\s*[\"']?(https?:|//)", page)
    assert not re.search(r"url\((?!#)", page)  # SVG clip paths: url(#id), in the page
    # The only URLs are the XML namespaces of the SVG.
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= {
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
    }


def test_the_outlet_table_counts_each_speakers_quotes_by_outlet() -> None:
    outlets = _section(render_report(_corpus()), "outlets")
    header = re.findall(r"<th[^>]*>([^<]*)</th>", outlets)
    assert header == ["speaker", "quotes", "Daily", "Herald", "Post"]
    rows = {
        cells[0]: cells[1:]
        for row in re.findall(r"<tr><td>.*?</tr>", outlets)
        for cells in [re.findall(r"<td[^>]*>([^<]*)</td>", row)]
    }
    order = header[2:]
    ann = dict(zip(order, rows["Ann Lee"][1:]))
    assert rows["Ann Lee"][0] == "3"
    assert ann == {"Daily": "1", "Herald": "1", "Post": "1"}
    tom = dict(zip(order, rows["Tom Diaz"][1:]))
    assert tom == {"Daily": "1", "Herald": "1", "Post": "1"}
    assert "outlet unknown" not in outlets


def test_drift_marks_the_words_a_variant_changes() -> None:
    drift = _section(render_report(_corpus()), "drift")
    assert '<span class="badge altered">altered</span>' in drift
    assert "<del>next</del> <ins>this</ins>" in drift or "<del>this</del> <ins>next</ins>" in drift
    assert '<span class="badge truncated">truncated</span>' in drift
    assert "<del>Budget</del>" in drift or "<ins>Budget</ins>" in drift


def test_marked_diff_deletes_and_inserts_at_their_place() -> None:
    from quoteattr._corpus.drift import compare

    reference = "we will not stop the plan"
    text = "we will stop the new plan"
    _, _, diff = compare(reference, text)
    assert marked_diff(text, diff) == "we will <del>not</del> stop the <ins>new</ins> plan"
    assert marked_diff("a <b> c", ()) == "a &lt;b&gt; c"
    _, _, diff = compare("we will stop now", "we will stop")
    assert marked_diff("we will stop", diff) == "we will stop <del>now</del>"
    _, _, diff = compare("so we will stop", "we will stop")
    assert marked_diff("we will stop", diff) == "<del>so</del> we will stop"


def test_conflicts_give_each_side_with_its_articles() -> None:
    conflicts = _section(render_report(_corpus()), "conflicts")
    assert "“The bridge opens in May”" in conflicts
    assert '<b>Ann Lee</b> <span class="src">in a4 (Post)</span>' in conflicts
    assert '<b>Tom Diaz</b> <span class="src">in a3 (Herald)</span>' in conflicts


def test_gender_keeps_unknown_visible() -> None:
    gender = _section(render_report(_corpus()), "gender")
    rows = re.findall(r"<tr><td>(\w+)</td><td class=n>(\d+)</td><td class=n>(\d+)</td>", gender)
    # Nothing in these articles says the speakers' gender.
    assert ("unknown", "2", "6") in rows
    assert [r[0] for r in rows] == ["male", "female", "unknown"]


def test_a_corpus_without_dates_outlets_or_repeats_says_so() -> None:
    article = Article("“Fine,” Ann Lee said.", id="x")
    analysis = CorpusAnalysis()
    analysis.add(article, [_quote(article, "Fine,", "Ann Lee")])
    page = render_report(analysis)
    assert page.count("<svg ") == 2  # no timeline
    assert "with a publication date" in _section(page, "time")
    assert "outlet unknown" in _section(page, "outlets")
    assert "No article names its outlet" in _section(page, "outlets")
    assert "No quote is carried by more than one article." in _section(page, "drift")
    empty = render_report(CorpusAnalysis())
    assert "No quote in this corpus has a named speaker." in empty


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(quoteattr.InvalidInputError):
        render_report([])  # type: ignore[arg-type]
    with pytest.raises(quoteattr.InvalidInputError):
        render_report(CorpusAnalysis(), top=0)


# -- escaping ----------------------------------------------------------------------------


def test_markup_from_articles_is_escaped_everywhere_svg_included() -> None:
    page = render_report(_hostile_corpus(), title=HOSTILE)
    assert "<script" not in page and "<img" not in page and "x onerror=alert(1)>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    # The names are drawn in the SVG charts as text, escaped by matplotlib.
    charts = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert any("Eve &lt;script&gt;" in svg for svg in charts)
    # A name with $ is drawn as written, not as mathematics.
    assert any("Bob $x$ Ray" in svg for svg in charts)


def test_labels_are_one_line_and_never_mathematics() -> None:
    assert plain_label("Bob $x$\n Ray") == r"Bob \$x\$ Ray"
    assert plain_label("a" * 50, 10) == "a" * 9 + "…"


# -- matplotlib is optional --------------------------------------------------------------


def _quotes_file(tmp_path: Path, analysis: CorpusAnalysis) -> str:
    path = tmp_path / "quotes.jsonl"
    path.write_text("".join(q.to_json() + "\n" for q in analysis.quotes()), encoding="utf-8")
    return str(path)


def test_without_matplotlib_the_report_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    quotes = _quotes_file(tmp_path, _corpus())
    for name in [m for m in sys.modules if m.split(".")[0] == "matplotlib"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib: ImportError
    with pytest.raises(MissingDependencyError, match=r"quoteattr\[report\]"):
        render_report(_corpus())
    out = tmp_path / "report.html"
    assert main(["report", "--quotes", quotes, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'quoteattr[report]'" in err
    assert not out.exists()


def test_importing_quoteattr_and_its_command_line_loads_no_matplotlib() -> None:
    code = (
        "import sys, quoteattr, quoteattr.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=600, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# -- the command line --------------------------------------------------------------------


def test_report_of_quotes_or_a_store_writes_the_page(tmp_path: Path, capsys: Any) -> None:
    analysis = _corpus()
    out = tmp_path / "report.html"
    argv = ["report", "--quotes", _quotes_file(tmp_path, analysis), "-o", str(out)]
    assert main([*argv, "--title", "Budget", "--top", "1"]) == 0
    assert "wrote" in capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert "<title>Budget</title>" in page
    # --top 1: one speaker in the table of speakers.
    assert _section(page, "speakers").count("<tr><td>") == 1
    db = tmp_path / "q.sqlite"
    with quoteattr.QuoteStore(db) as store:
        for article in analysis.articles():
            store.add(article, [q for q in analysis.quotes() if q.article.id == article.id])
    assert main(["report", "--db", str(db)]) == 0  # standard output
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_report_with_nothing_to_read_fails(capsys: Any) -> None:
    assert main(["report", "-o", "x.html"]) == 2
    assert "nothing to analyse" in capsys.readouterr().err


# -- the seeds, and how the page looks -----------------------------------------------------


def _seeds_analysis(seed_quotes: dict[str, list[Quote]]) -> CorpusAnalysis:
    analysis = CorpusAnalysis()
    for quotes in seed_quotes.values():
        analysis.add_quotes(quotes)
    return analysis


@pytest.mark.slow
def test_report_of_the_seeds(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.setattr(
        cli_commands, "new_extractor", lambda args: request.getfixturevalue("extractor")
    )
    out = tmp_path / "report.html"
    assert main(["report", str(ROOT / "seeds"), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Vladimir Putin" in _section(page, "speakers")
    drift = _section(page, "drift")
    assert '<span class="badge punctuation">' in drift and '<span class="badge truncated">' in drift


def _png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the filtered scanlines of a PNG, read with the standard library."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    at, idat = 8, b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        if kind == b"IDAT":
            idat += data[at + 8 : at + 8 + length]
        at += 12 + length
    return width, height, zlib.decompress(idat)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="no chromium to take a screenshot with")
def test_the_seeds_report_renders_in_headless_chromium(
    tmp_path: Path, seed_quotes: dict[str, list[Quote]]
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_report(_seeds_analysis(seed_quotes)), encoding="utf-8")
    shot = tmp_path / "report.png"
    command = [
        str(_chromium()),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--screenshot={shot}",
        "--window-size=1200,2400",
        page.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert shot.exists(), "chromium wrote no screenshot"
    width, height, pixels = _png_pixels(shot)
    assert (width, height) == (1200, 2400)
    # Not blank: text, bars and tables give many different byte values throughout.
    assert shot.stat().st_size > 50_000
    assert len(set(pixels[::101])) > 50
