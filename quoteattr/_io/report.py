"""A corpus report: one self-contained HTML page about who is quoted, where, when and how.

:func:`render_report` turns a :class:`~quoteattr.CorpusAnalysis` into a page with

* the most quoted speakers (a bar chart);
* their quotes over time, where the articles have publication dates (a line chart);
* an outlet-by-speaker table of quote counts;
* the gender share of the quoted people, with ``unknown`` kept visible;
* the quotes that drift (one quotation carried in different words, each variant set
  against the cluster's form with inserted and deleted words marked) and the quotes
  attributed to different speakers by different articles.

The page needs nothing from the network: the charts are inline SVG drawn by matplotlib
(:mod:`quoteattr._io.report_charts`, the optional ``report`` extra), the style sheet is
in the page, and there is no script. Everything that comes from articles (texts, ids,
names, outlets, titles) is escaped with :func:`html.escape`.

Quote counts are those of :attr:`~quoteattr.SpeakerProfile.quote_count`: the quoted
fragments inside a mixed quote of the same speaker are not counted again. Gender comes
from :meth:`~quoteattr.CorpusAnalysis.gender_summary` and the profiles' ``gender``;
drift and conflicts from the clusters' ``reference``, ``variants``, ``conflict`` and
``attributions``.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional

from quoteattr import __version__
from quoteattr._corpus.analysis import CorpusAnalysis
from quoteattr._corpus.clusters import QuoteCluster
from quoteattr._corpus.profiles import SpeakerProfile, _fragments
from quoteattr._io import report_charts as charts
from quoteattr._quotes.model import Article, Quote
from quoteattr.errors import InvalidInputError

__all__ = ["render_report"]

#: The most outlets given a column of their own in the outlet-by-speaker table.
_MAX_OUTLETS = 12
#: The most speakers drawn in the timeline.
_TIMELINE_SPEAKERS = 5

_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1f2937;
       background: #fff; max-width: 62rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; margin: 2.2rem 0 .4rem;
     border-bottom: 2px solid #e5e7eb; padding-bottom: .2rem; }
p.answers { color: #4b5563; margin: 0 0 .8rem; font-style: italic; }
p.note { color: #6b7280; background: #f9fafb; border-left: 3px solid #d1d5db; padding: .4rem .7rem; }
ul.facts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem; }
ul.facts li { background: #f3f4f6; border-radius: 6px; padding: .3rem .7rem; }
ul.facts b { font-size: 1.15rem; }
nav a { margin-right: .9rem; }
svg.chart { display: block; max-width: 100%; height: auto; }
table { border-collapse: collapse; font-size: 13px; margin: .5rem 0; }
th, td { padding: .25rem .55rem; border-bottom: 1px solid #e5e7eb; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: #d1d5db; }
.scroll { overflow-x: auto; }
.cluster { border: 1px solid #e5e7eb; border-radius: 6px; padding: .5rem .8rem; margin: .7rem 0; }
.cluster .form { font-family: Georgia, 'Times New Roman', serif; font-size: 16px; margin: 0 0 .3rem; }
.cluster ul { margin: .2rem 0; padding-left: 1.1rem; } .cluster li { margin: .25rem 0; }
.quote { font-family: Georgia, 'Times New Roman', serif; }
.src { color: #6b7280; font-size: 13px; }
ins { background: #bbf7d0; text-decoration: none; padding: 0 2px; border-radius: 2px; }
del { background: #fecaca; padding: 0 2px; border-radius: 2px; }
.badge { font-size: 12px; padding: 0 .4rem; border-radius: 9px; background: #e5e7eb; }
.badge.identical { background: #e5e7eb; } .badge.punctuation { background: #dbeafe; }
.badge.truncated { background: #fef3c7; } .badge.altered { background: #fecaca; }
.side { margin: .2rem 0; } .side b { color: #111827; }
footer { color: #9ca3af; font-size: 12px; margin: 2.5rem 0 1rem; }
"""


def e(value: object) -> str:
    """Text from an article as HTML: escaped, quotation marks included."""
    return html.escape(str(value), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _field(obj: Any, *names: str) -> Any:
    """The first of ``names`` that ``obj`` (an attrs object or a mapping) has, else None."""
    for name in names:
        value = obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)
        if value is not None:
            return value
    return None


def _has_field(objects: Iterable[Any], name: str) -> bool:
    return any(hasattr(o, name) or (isinstance(o, Mapping) and name in o) for o in objects)


# -- what the page shows ----------------------------------------------------------------


class _Corpus:
    """The analysis with what the sections share: articles by id, each speaker's quotes."""

    def __init__(self, analysis: CorpusAnalysis, top: int) -> None:
        self.analysis = analysis
        self.articles: dict[str, Article] = {a.id: a for a in analysis.articles()}
        self.quotes = analysis.quotes()
        self.profiles = analysis.speakers()
        self.top = self.profiles[:top]
        self.clusters = analysis.clusters()
        by_name: dict[str, list[Quote]] = defaultdict(list)
        for quote in self.quotes:
            name = analysis.profile_name(quote)
            if name is not None:
                by_name[name].append(quote)
        #: Each speaker's counted quotes (fragments of their own mixed quotes left out).
        self.counted: dict[str, list[Quote]] = {
            name: [q for q in qs if q not in fragments]
            for name, qs in by_name.items()
            for fragments in [_fragments(qs)]
        }

    def outlet(self, article_id: str) -> Optional[str]:
        article = self.articles.get(article_id)
        return article.outlet if article is not None else None

    def date(self, article_id: str) -> Optional[_dt.date]:
        article = self.articles.get(article_id)
        if article is None or not article.published:
            return None
        try:
            return _dt.date.fromisoformat(article.published[:10])
        except ValueError:
            return None

    def source(self, article_ids: Iterable[str]) -> str:
        """Articles as ``id (outlet)``, escaped, comma-separated."""
        parts = []
        for article_id in sorted(set(article_ids)):
            outlet = self.outlet(article_id)
            parts.append(e(article_id) + (f" ({e(outlet)})" if outlet else ""))
        return ", ".join(parts)


def render_report(analysis: CorpusAnalysis, *, title: str = "Corpus report", top: int = 10) -> str:
    """Return a self-contained HTML page about the speakers and quotes of a corpus.

    The page shows the ``top`` most quoted speakers (a bar chart), their quotes over
    time where articles have publication dates, an outlet-by-speaker table, the gender
    share of the quoted people (with ``unknown``), and the clusters whose quotes drift
    or are attributed to different speakers, with the differences marked. Charts are
    inline SVG; the page loads nothing from the network and runs no script. Everything
    that comes from the articles is escaped. Needs matplotlib:
    ``pip install 'quoteattr[report]'``.
    """
    if not isinstance(analysis, CorpusAnalysis):
        raise InvalidInputError(
            f"render_report() takes a CorpusAnalysis, not {type(analysis).__name__}"
        )
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise InvalidInputError(f"top must be a positive int, got {top!r}")
    charts.require_matplotlib()
    corpus = _Corpus(analysis, top)
    sections = [
        ("speakers", "Who is quoted most", _speakers_section(corpus)),
        ("time", "Quotes over time", _timeline_section(corpus)),
        ("outlets", "Outlets and speakers", _outlets_section(corpus)),
        ("gender", "Gender of the people quoted", _gender_section(corpus)),
        ("drift", "Quotes that drift", _drift_section(corpus)),
        ("conflicts", "Conflicting attributions", _conflict_section(corpus)),
    ]
    nav = " ".join(f'<a href="#{key}">{heading}</a>' for key, heading, _ in sections)
    body = "\n".join(
        f'<section id="{key}">\n<h2>{heading}</h2>\n{content}\n</section>'
        for key, heading, content in sections
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<header>\n<h1>{e(title)}</h1>\n{_facts(corpus)}\n<nav>{nav}</nav>\n</header>\n"
        f"{body}\n"
        f"<footer>Made by quoteattr {e(__version__)}. Quote counts leave out the quoted "
        "fragments inside a mixed quote of the same speaker.</footer>\n"
        "</body>\n</html>\n"
    )


def _facts(corpus: _Corpus) -> str:
    dated = sum(1 for a in corpus.articles if corpus.date(a) is not None)
    outlets = {a.outlet for a in corpus.articles.values() if a.outlet}
    facts = [
        (len(corpus.articles), "articles"),
        (len(corpus.quotes), "quotes"),
        (len(corpus.profiles), "speakers"),
        (len(outlets), "outlets"),
        (dated, "dated articles"),
        (len(corpus.clusters), "repeated quotes"),
    ]
    items = "".join(f"<li><b>{n:,}</b> {label}</li>" for n, label in facts)
    return f'<ul class="facts">{items}</ul>'


def _answers(text: str) -> str:
    return f'<p class="answers">{text}</p>'


def _note(text: str) -> str:
    return f'<p class="note">{text}</p>'


# -- speakers, time, outlets ------------------------------------------------------------


def _speakers_section(corpus: _Corpus) -> str:
    intro = _answers(
        "Whose words does this corpus carry, and how unevenly? Quotes per speaker, aliases "
        "merged (Kim Jong-un, Kim Jong Un and Kim are one person)."
    )
    if not corpus.top:
        return intro + _note("No quote in this corpus has a named speaker.")
    counts = [(p.name, p.quote_count) for p in corpus.top]
    chart = charts.bar_chart(counts, salt="speakers", xlabel="quotes")
    rows = "".join(
        f"<tr><td>{e(p.name)}</td><td class=n>{p.quote_count:,}</td>"
        f"<td class=n>{len(p.article_ids):,}</td>"
        f"<td>{e(', '.join(p.roles[:3]))}</td>"
        f"<td>{e(', '.join(f'{lemma} ({n})' for lemma, n in p.cues[:3]))}</td></tr>"
        for p in corpus.top
    )
    table = (
        "<table><thead><tr><th>speaker</th><th class=n>quotes</th><th class=n>articles</th>"
        f"<th>roles</th><th>cues</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return intro + chart + table


def _timeline_section(corpus: _Corpus) -> str:
    intro = _answers(
        "When were the most quoted speakers quoted? Quotes by publication date of the "
        "article, for the top speakers with dated articles."
    )
    dated: dict[str, list[_dt.date]] = {}
    for profile in corpus.top:
        days = [d for q in corpus.counted.get(profile.name, []) if (d := corpus.date(q.article.id))]
        if days:
            dated[profile.name] = days
        if len(dated) == _TIMELINE_SPEAKERS:
            break
    if not dated:
        return intro + _note(
            "No quote of the top speakers comes from an article with a publication date "
            "(the <code>published</code> field of JSON Lines articles)."
        )
    every = [d for days in dated.values() for d in days]
    period = _period((max(every) - min(every)).days)
    # Every period from the first to the last, so that a line drops to 0 where no quote is.
    periods = sorted({_bucket(d, period) for d in _days(min(every), max(every))})
    series = {
        name: {p: counts[p] for p in periods}
        for name, days in dated.items()
        for counts in [Counter(_bucket(d, period) for d in days)]
    }
    chart = charts.timeline_chart(series, salt="timeline", period=period)
    span = f"{min(every).isoformat()} to {max(every).isoformat()}"
    return intro + chart + f'<p class="src">Quotes a {period}, {span}.</p>'


def _period(span: int) -> str:
    """The period quotes are counted by over ``span`` days: day, week or month."""
    return "day" if span <= 31 else "week" if span <= 183 else "month"


def _days(first: _dt.date, last: _dt.date) -> list[_dt.date]:
    return [first + _dt.timedelta(days=n) for n in range((last - first).days + 1)]


def _bucket(day: _dt.date, period: str) -> _dt.date:
    """The first day of the period holding ``day`` (weeks start on Monday)."""
    if period == "week":
        return day - _dt.timedelta(days=day.weekday())
    return day.replace(day=1) if period == "month" else day


def _outlets_section(corpus: _Corpus) -> str:
    intro = _answers(
        "Which outlets quote whom? Quotes of each top speaker by the outlet of the article."
    )
    if not corpus.top:
        return intro + _note("No quote in this corpus has a named speaker.")
    cells: dict[str, Counter[Optional[str]]] = {
        p.name: Counter(corpus.outlet(q.article.id) for q in corpus.counted.get(p.name, []))
        for p in corpus.top
    }
    totals: Counter[Optional[str]] = Counter()
    for counts in cells.values():
        totals.update(counts)
    named = sorted((o for o in totals if o is not None), key=lambda o: (-totals[o], o))
    shown: list[Optional[str]] = list(named[:_MAX_OUTLETS])
    others = named[_MAX_OUTLETS:]
    heads = [e(o) for o in shown if o is not None]
    if others:
        heads.append(f"{len(others)} other outlets")
    if None in totals:
        heads.append("outlet unknown")
    header = "".join(f"<th class=n>{h}</th>" for h in ["quotes", *heads])

    def cell(n: int) -> str:
        return f"<td class=n>{n:,}</td>" if n else '<td class="n zero">0</td>'

    rows = []
    for name, counts in cells.items():
        values = [counts[o] for o in shown]
        if others:
            values.append(sum(counts[o] for o in others))
        if None in totals:
            values.append(counts[None])
        row = "".join(cell(n) for n in [sum(counts.values()), *values])
        rows.append(f"<tr><td>{e(name)}</td>{row}</tr>")
    table = (
        f'<div class="scroll"><table><thead><tr><th>speaker</th>{header}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    if not named:
        table += _note(
            "No article names its outlet (the <code>outlet</code> field of JSON Lines "
            "articles, or of <code>quoteattr run</code> stores)."
        )
    return intro + table


# -- gender -----------------------------------------------------------------------------


def _gender_section(corpus: _Corpus) -> str:
    intro = _answers(
        "Whose voices are heard, by gender? Known only where the articles themselves say "
        "it (he or she as the speaker's mention, titles such as Mr. or Ms.); never guessed "
        "from first names, so <code>unknown</code> stays large and visible. Organisations "
        "count as unknown. The same figures as <code>quoteattr speakers --by gender</code>."
    )
    summary = getattr(corpus.analysis, "gender_summary", None)
    if summary is None or not _has_field(corpus.profiles, "gender"):
        return intro + _note(
            "This version of quoteattr gives speakers no gender: every speaker is unknown."
        )
    if not corpus.profiles:
        return intro + _note("No quote in this corpus has a named speaker.")
    rows = summary()
    chart = charts.share_chart(
        [(str(row["gender"]), int(row["quotes"])) for row in rows],
        salt="gender",
        xlabel="share of the quotes of named speakers (%)",
    )
    by_gender: dict[str, list[SpeakerProfile]] = defaultdict(list)
    for profile in corpus.profiles:  # most quoted first
        by_gender[str(_field(profile, "gender"))].append(profile)
    lines = []
    for row in rows:
        names = ", ".join(e(p.name) + _evidence(p) for p in by_gender[str(row["gender"])][:4])
        lines.append(
            f"<tr><td>{e(row['gender'])}</td><td class=n>{int(row['speakers']):,}</td>"
            f"<td class=n>{int(row['quotes']):,}</td>"
            f"<td class=n>{100 * float(row['quote_share']):.1f}%</td><td>{names}</td></tr>"
        )
    table = (
        "<table><thead><tr><th>gender</th><th class=n>speakers</th><th class=n>quotes</th>"
        "<th class=n>share</th><th>most quoted (quotes giving evidence)</th></tr></thead>"
        f"<tbody>{''.join(lines)}</tbody></table>"
    )
    return intro + chart + table


def _evidence(profile: SpeakerProfile) -> str:
    """The evidence for a profile's gender, as `` (3)``: the quotes that show it."""
    evidence = _field(profile, "gender_evidence") or ()
    gender = _field(profile, "gender")
    shown = sum(int(n) for g, n in evidence if g == gender)
    return f" ({shown})" if shown else ""


# -- drift and conflicts ----------------------------------------------------------------


def marked_diff(text: str, changes: Sequence[Any]) -> str:
    """A variant's text as escaped HTML, its changes from the reference marked.

    ``changes`` are the :attr:`QuoteVariant.diff` of the variant: words of the
    reference it lacks are shown in ``<del>``, its own words that the reference lacks
    in ``<ins>``.
    """
    parts = []
    at = 0
    for change in sorted(changes, key=lambda c: tuple(_field(c, "variant_span"))):
        start, end = (int(n) for n in _field(change, "variant_span"))
        parts.append(e(text[at:start]))
        removed = " ".join(_field(change, "reference_words") or ())
        if removed and end > start:  # words replaced
            parts.append(f"<del>{e(removed)}</del> ")
        elif removed and start < len(text) and (start == 0 or text[start - 1].isspace()):
            parts.append(f"<del>{e(removed)}</del> ")  # words left out before a word
        elif removed:
            parts.append(f" <del>{e(removed)}</del>")  # words left out at the end
        if end > start:
            parts.append(f"<ins>{e(text[start:end])}</ins>")
        at = max(at, end)
    parts.append(e(text[at:]))
    return "".join(parts)


def _without(corpus: _Corpus, field: str, does: str) -> str:
    """The note of a section on clusters when there is none, or they lack ``field``; else ''."""
    if not corpus.clusters:
        return _note("No quote is carried by more than one article.")
    if not _has_field(corpus.clusters, field):
        return _note(f"This version of quoteattr does not {does}.")
    return ""


def _drift_section(corpus: _Corpus) -> str:
    intro = _answers(
        "Does a quotation keep its words as it travels? Each form of a quote carried by "
        "several articles, set against its most common form: words the form lacks "
        "<del>deleted</del>, words it adds <ins>inserted</ins>; classed identical, "
        "punctuation (or case) only, truncated, or altered."
    )
    missing = _without(corpus, "variants", "compare the forms of a quote")
    if missing:
        return intro + missing
    shown = [_drift_cluster(corpus, c) for c in corpus.clusters]
    shown = [html for html in shown if html]
    if not shown:
        return intro + _note("No repeated quote changes its words from one article to another.")
    return intro + "\n".join(shown)


def _drift_cluster(corpus: _Corpus, cluster: QuoteCluster) -> str:
    """A cluster whose variants are not all identical, each distinct form once; else ''."""
    forms: dict[str, tuple[str, Any, set[str]]] = {}
    for variant in _field(cluster, "variants") or ():
        text = str(_field(variant, "text"))
        drift = str(getattr(_field(variant, "drift"), "value", _field(variant, "drift")))
        key = " ".join(text.split())
        if key not in forms:
            forms[key] = (drift, variant, set())
        forms[key][2].add(str(_field(variant, "article_id")))
    if all(drift == "identical" for drift, _, _ in forms.values()):
        return ""
    reference = str(_field(cluster, "reference") or cluster.text)
    order = ("identical", "punctuation", "truncated", "altered")
    items = []
    for drift, variant, ids in sorted(
        forms.values(), key=lambda f: (order.index(f[0]) if f[0] in order else 9, sorted(f[2]))
    ):
        text = str(_field(variant, "text"))
        items.append(
            f'<li><span class="badge {e(drift)}">{e(drift)}</span> '
            f'<span class="quote">“{marked_diff(text, _field(variant, "diff") or ())}”</span> '
            f'<span class="src">{corpus.source(ids)}</span></li>'
        )
    return (
        f'<div class="cluster"><p class="form">“{e(reference)}”</p>'
        f'<p class="src">{_plural(len(cluster.article_ids), "article")}; said by '
        f"{e(', '.join(cluster.speakers) or 'no named speaker')}</p>"
        f"<ul>{''.join(items)}</ul></div>"
    )


def _conflict_section(corpus: _Corpus) -> str:
    intro = _answers(
        "Do the articles agree on who said it? Quotes carried by several articles and "
        "attributed to different speakers (after merging aliases), with the articles on "
        "each side: a finding, or an error of quoteattr to check."
    )
    missing = _without(corpus, "attributions", "compare attributions")
    if missing:
        return intro + missing
    shown = []
    for cluster in corpus.clusters:
        if not _field(cluster, "conflict"):
            continue
        sides = sorted(_field(cluster, "attributions") or (), key=lambda s: (-len(s[1]), s[0]))
        lines = "".join(
            f'<p class="side"><b>{e(name)}</b> <span class="src">in {corpus.source(ids)}</span></p>'
            for name, ids in sides
        )
        shown.append(f'<div class="cluster"><p class="form">“{e(cluster.text)}”</p>{lines}</div>')
    if not shown:
        return intro + _note("No repeated quote is attributed to different speakers.")
    return intro + "\n".join(shown)
