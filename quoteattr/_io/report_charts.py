"""The charts of the corpus report, drawn with matplotlib and returned as inline SVG.

matplotlib is an optional dependency (``pip install 'quoteattr[report]'``): it is
imported by :func:`require_matplotlib` and the chart functions only, never when
quoteattr or its command line is imported. The figures are made with
:class:`matplotlib.figure.Figure`, not :mod:`matplotlib.pyplot`, so drawing them
neither picks nor changes the backend of a program (or notebook) that uses quoteattr.

Text is written as SVG ``<text>`` (``svg.fonttype: none``), which matplotlib escapes;
a ``$`` in a name is escaped before it reaches matplotlib, which would otherwise read
the text between two of them as mathematics. Each chart gets its own ``svg.hashsalt``
so that the ids of two charts on one page never collide.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from quoteattr.errors import MissingDependencyError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["bar_chart", "require_matplotlib", "share_chart", "timeline_chart"]

#: The colours of the charts (colour-blind safe: Okabe and Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
#: The colours of the gender shares; values not listed here take the palette's.
GENDER_COLOURS = {"female": "#CC79A7", "male": "#0072B2", "unknown": "#B0B0B0"}


def require_matplotlib() -> None:
    """Raise :class:`~quoteattr.MissingDependencyError` unless matplotlib can be imported."""
    try:
        import matplotlib  # noqa: F401
        from matplotlib.figure import Figure  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError(
            "the corpus report draws its charts with matplotlib, which is not installed; "
            "run: pip install 'quoteattr[report]'"
        ) from exc


def plain_label(text: str, limit: int = 40) -> str:
    """A label as matplotlib should draw it: one line, at most ``limit`` characters, no maths."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("$", r"\$")


def _svg(figure: Figure, salt: str, description: str) -> str:
    """The figure as an ``<svg>`` element to put in a page (no XML declaration or DOCTYPE)."""
    import matplotlib

    out = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        figure.savefig(out, format="svg", metadata={"Date": None, "Title": description})
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]
    # The RDF block (creator, format) names vocabularies by URL: not needed in a page.
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    # Scale with the page: the width of its column, the height from the aspect ratio.
    return svg.replace("<svg ", '<svg role="img" class="chart" ', 1)


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    figure.patch.set_alpha(0.0)
    return figure


def _tidy(axes: Any) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=9)


def bar_chart(counts: Sequence[tuple[str, int]], *, salt: str, xlabel: str) -> str:
    """Horizontal bars of ``(label, count)``, the first at the top, each with its count."""
    from matplotlib.ticker import MaxNLocator

    labels = [plain_label(label) for label, _ in counts]
    values = [count for _, count in counts]
    figure = _figure(7.5, 0.5 + 0.32 * max(len(counts), 1))
    axes = figure.add_subplot()
    positions = list(range(len(counts)))
    bars = axes.barh(positions, values, color=PALETTE[0], height=0.7)
    axes.bar_label(bars, padding=3, fontsize=9)
    axes.set_yticks(positions, labels)
    axes.invert_yaxis()
    axes.set_xlabel(xlabel, fontsize=9)
    axes.set_xlim(0, max(values, default=1) * 1.12 + 0.5)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    _tidy(axes)
    return _svg(figure, salt, xlabel)


def timeline_chart(series: Mapping[str, Mapping[_dt.date, int]], *, salt: str, period: str) -> str:
    """One line of quote counts per ``period`` (day, month) for each speaker of ``series``."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import MaxNLocator

    figure = _figure(7.5, 3.2)
    axes = figure.add_subplot()
    for n, (name, counts) in enumerate(series.items()):
        days = sorted(counts)
        axes.plot(
            cast(Any, days),  # matplotlib plots dates; its stubs do not say so
            [counts[d] for d in days],
            marker="o",
            markersize=4,
            linewidth=1.6,
            color=PALETTE[n % len(PALETTE)],
            label=plain_label(name, 30),
        )
    locator = mdates.AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(formatter)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(bottom=0)
    axes.set_ylabel(f"quotes a {period}", fontsize=9)
    axes.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _tidy(axes)
    return _svg(figure, salt, f"quotes a {period} of the most quoted speakers")


def share_chart(shares: Sequence[tuple[str, int]], *, salt: str, xlabel: str) -> str:
    """One bar split in the shares of ``(label, count)``, each part labelled with its percent."""
    total = sum(count for _, count in shares) or 1
    figure = _figure(7.5, 1.3)
    axes = figure.add_subplot()
    left = 0.0
    for n, (label, count) in enumerate(shares):
        colour = GENDER_COLOURS.get(label, PALETTE[(n + 2) % len(PALETTE)])
        share = 100.0 * count / total
        axes.barh([0], [share], left=left, color=colour, height=0.6, label=plain_label(label, 20))
        if share >= 6:
            axes.text(
                left + share / 2,
                0,
                f"{share:.0f}%",
                ha="center",
                va="center",
                fontsize=9,
                color="black" if label == "unknown" else "white",
            )
        left += share
    axes.set_xlim(0, 100)
    axes.set_yticks([])
    axes.set_xlabel(xlabel, fontsize=9)
    axes.legend(
        fontsize=8,
        frameon=False,
        ncols=max(len(shares), 1),
        loc="lower left",
        bbox_to_anchor=(0, 1),
    )
    _tidy(axes)
    axes.spines["left"].set_visible(False)
    return _svg(figure, salt, xlabel)
