"""An article as a readable HTML page, each quote highlighted with its speaker and cue.

>>> from quoteattr import Article, Quote, QuoteKind, Speaker
>>> article = Article("“We won,” Smith said.", id="a1")
>>> quote = Quote("We won,", 1, 8, QuoteKind.DIRECT, Speaker("Smith", "Smith", 10, 15), None, article)
>>> "<mark" in render_html(article, [quote])
True
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from quoteattr._quotes.model import Article, Quote

__all__ = ["render_html", "render_many"]

_CSS = """
:root { --direct: #fde68a; --partial: #bfdbfe; --mixed: #ddd6fe; --indirect: #bbf7d0; }
body { font: 17px/1.6 Georgia, 'Times New Roman', serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #1f2937; background: #fff; }
header h1 { font-size: 1.6rem; line-height: 1.25; margin-bottom: .2rem; }
header p { color: #6b7280; font: 14px/1.4 system-ui, sans-serif; margin-top: 0; }
.legend, table { font: 14px/1.4 system-ui, sans-serif; }
.legend span { padding: 0 .4rem; margin-right: .4rem; border-radius: 3px; }
article p { margin: 0 0 1rem; white-space: pre-wrap; }
mark { padding: 0 1px; border-radius: 2px; color: inherit; }
mark.direct { background: var(--direct); } mark.partial { background: var(--partial); }
mark.mixed { background: var(--mixed); } mark.indirect { background: var(--indirect); }
.speaker { text-decoration: underline 2px #dc2626; text-underline-offset: 3px; }
.cue { font-weight: bold; color: #7c2d12; }
sup.n { font: bold 11px system-ui, sans-serif; color: #fff; background: #374151;
        border-radius: 8px; padding: 0 5px; margin-right: 2px; }
sup.n a { color: inherit; text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin-top: 2rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #e5e7eb; }
td.kind span { padding: 0 .3rem; border-radius: 3px; }
footer { color: #9ca3af; font: 12px system-ui, sans-serif; margin: 2rem 0; }
"""


def _marked_spans(quotes: Sequence[Quote]) -> list[tuple[int, int, str]]:
    """The spans to mark, as (start, end, class): each quote, its speaker and its cue."""
    spans: list[tuple[int, int, str]] = []
    for q in quotes:
        spans.append((q.start, q.end, q.kind.value))
        if q.speaker is not None and q.speaker.start is not None and q.speaker.end is not None:
            spans.append((q.speaker.start, q.speaker.end, "speaker"))
        if q.cue is not None:
            spans.append((q.cue.start, q.cue.end, "cue"))
    return spans


def _edges(
    spans: Sequence[tuple[int, int, str]], length: int
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Where the classes of the (non-empty) spans begin and end, within ``0:length``."""
    begins: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}
    for start, end, name in spans:
        if start < end:
            begins.setdefault(min(max(start, 0), length), []).append(name)
            ends.setdefault(min(max(end, 0), length), []).append(name)
    return begins, ends


def _runs(text: str, quotes: Sequence[Quote]) -> list[tuple[int, int, set[str], list[int]]]:
    """Cut the text into runs of equal marking: (start, end, classes, numbers starting here).

    One sweep over the cuts, counting the spans of each class open at each: looking for
    the spans over each run made the page quadratic in the number of quotes.
    """
    starts: dict[int, list[int]] = {}
    for n, q in enumerate(quotes, 1):
        starts.setdefault(q.start, []).append(n)
    spans = _marked_spans(quotes)
    cuts = {0, len(text)}
    for start, end, _ in spans:
        cuts.update((start, end))
    cuts.update(i + 1 for i, ch in enumerate(text) if ch == "\n")
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    begins, ends = _edges(spans, len(text))
    open_: Counter[str] = Counter()
    runs = []
    for a, b in zip(points, points[1:]):
        open_.update(begins.get(a, ()))
        open_.subtract(ends.get(a, ()))
        classes = {name for name, count in open_.items() if count > 0}
        runs.append((a, b, classes, starts.get(a, [])))
    return runs


def _body(article: Article, quotes: Sequence[Quote], anchor: str) -> str:
    text = article.text
    out: list[str] = ["<p>"]
    for start, end, classes, numbers in _runs(text, quotes):
        for n in numbers:
            out.append(f'<sup class="n" id="{anchor}q{n}"><a href="#{anchor}row{n}">{n}</a></sup>')
        piece = html.escape(text[start:end])
        # Innermost first: a partial fragment shows its own colour inside a mixed quote.
        kinds = [k for k in ("partial", "direct", "mixed", "indirect") if k in classes]
        inner = piece.replace("\n", "</p>\n<p>") if not kinds else piece
        if "speaker" in classes:
            inner = f'<span class="speaker">{inner}</span>'
        if "cue" in classes:
            inner = f'<span class="cue">{inner}</span>'
        for kind in kinds:
            inner = f'<mark class="{kind}">{inner}</mark>'
        out.append(inner)
    out.append("</p>")
    return "".join(out).replace("<p></p>", "")


def _table(quotes: Sequence[Quote], anchor: str) -> str:
    rows = [
        "<table><thead><tr><th>#</th><th>quote</th><th>speaker</th><th>cue</th><th>kind</th></tr></thead><tbody>"
    ]
    for n, q in enumerate(quotes, 1):
        s = q.speaker
        who = "<em>unknown</em>"
        if s is not None:
            who = html.escape(s.name)
            if s.mention != s.name:
                who += f"<br><small>as “{html.escape(s.mention)}”, {s.resolution.value}</small>"
            if s.role:
                who += f"<br><small>{html.escape(s.role)}</small>"
        cue = html.escape(q.cue.text) if q.cue else ""
        text = html.escape(q.text if len(q.text) <= 240 else q.text[:239] + "…")
        rows.append(
            f'<tr id="{anchor}row{n}"><td><a href="#{anchor}q{n}">{n}</a></td><td>{text}</td>'
            f"<td>{who}</td>"
            f'<td>{cue}</td><td class="kind"><span style="background: var(--{q.kind.value})">'
            f"{q.kind.value}</span><br><small>{q.confidence:.2f}</small></td></tr>"
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _section(article: Article, quotes: Sequence[Quote], anchor: str = "") -> str:
    """One article's section. ``anchor`` begins its ids, which must differ from every
    other section's on the page: ``q3`` and ``row3`` are the third quote's number and row.
    """
    quotes = sorted(quotes, key=lambda q: (q.start, -q.end))
    title = html.escape(article.title or article.id)
    meta = " · ".join(
        html.escape(x)
        for x in (article.outlet, article.published, article.url, f"id {article.id}")
        if x
    )
    return (
        f"<section><header><h1>{title}</h1><p>{meta} · {len(quotes)} quotes</p></header>\n"
        f"<article>{_body(article, quotes, anchor)}</article>\n{_table(quotes, anchor)}</section>"
    )


def _page(title: str, sections: Sequence[str]) -> str:
    legend = (
        '<p class="legend"><span style="background: var(--direct)">direct</span>'
        '<span style="background: var(--partial)">partial</span>'
        '<span style="background: var(--mixed)">mixed</span>'
        '<span style="background: var(--indirect)">indirect</span>'
        '<span class="speaker">speaker</span> <span class="cue">cue</span></p>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>\n{legend}\n"
        + "\n<hr>\n".join(sections)
        + "\n<footer>Made by quoteattr.</footer></body></html>\n"
    )


def render_html(article: Article, quotes: Sequence[Quote]) -> str:
    """Return a self-contained HTML page of the article with its quotes highlighted."""
    return _page(article.title or article.id, [_section(article, quotes)])


def render_many(items: Sequence[tuple[Article, Sequence[Quote]]]) -> str:
    """Return one HTML page holding several articles, one section each.

    The ids of the k-th section begin with ``ak-`` (``a2-q3`` is the third quote of the
    second article), so that no two articles share an anchor.
    """
    title = items[0][0].title or items[0][0].id if len(items) == 1 else f"{len(items)} articles"
    return _page(title, [_section(a, q, f"a{k}-") for k, (a, q) in enumerate(items, 1)])
