"""Inline SVG bar charts of the overview, laid out as plain geometry for the template.

Only layout happens here (bar lengths from the run's numbers); the template
draws the SVG, escaped like everything else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from mtcheck.report.overview import LanguageRow
from mtcheck.report.scores_view import ScoreView


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css_class: str
    label: str  # accessible text of the bar (<title>)


@dataclass(frozen=True)
class BarGroup:
    label: str
    href: str
    y: float  # baseline of the label text
    bars: tuple[Bar, ...]
    value_labels: tuple[tuple[float, float, str], ...]  # (x, y, text)


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    width: float
    height: float
    plot_left: float
    plot_width: float
    ticks: tuple[tuple[float, str], ...]  # (x, label)
    groups: tuple[BarGroup, ...]
    legend: tuple[tuple[str, str], ...]  # (css class, label)


_CHART_WIDTH = 720.0
_LABEL_WIDTH = 150.0
_VALUE_ROOM = 70.0
_BAR_HEIGHT = 12.0
_GROUP_GAP = 10.0
_TOP = 30.0
_PLOT_WIDTH = _CHART_WIDTH - _LABEL_WIDTH - _VALUE_ROOM


def _nice_max(value: float) -> float:
    """The smallest round axis end (5, 10, 20, 25, 50, 100, ...) not below ``value``."""
    magnitude = 1.0
    while True:
        for top in (5.0, 10.0, 20.0, 25.0, 50.0):
            if value <= top * magnitude:
                return top * magnitude
        magnitude *= 10


def _group(
    row: LanguageRow,
    y: float,
    height: float,
    bars: Sequence[Bar],
    value_labels: Sequence[tuple[float, float, str]],
) -> BarGroup:
    """A language's bars, its label centred on them and linked to its page."""
    return BarGroup(
        label=f"{row.language.name} ({row.language.code})",
        href=row.page,
        y=_label_y(y, height),
        bars=tuple(bars),
        value_labels=tuple(value_labels),
    )


def _label_y(y: float, height: float) -> float:
    """Baseline of a label centred on bars from ``y`` to ``y + height``."""
    return y + height / 2 + 4


def _chart(
    chart_id: str,
    title: str,
    description: str,
    bottom: float,
    ticks: tuple[tuple[float, str], ...],
    groups: Sequence[BarGroup],
    legend: tuple[tuple[str, str], ...],
) -> BarChart:
    """A chart of the standard width; ``bottom`` is where the last group ends."""
    return BarChart(
        id=chart_id,
        title=title,
        description=description,
        width=_CHART_WIDTH,
        height=bottom + 10,
        plot_left=_LABEL_WIDTH,
        plot_width=_PLOT_WIDTH,
        ticks=ticks,
        groups=tuple(groups),
        legend=legend,
    )


@dataclass(frozen=True)
class _Series:
    """One bar per language in the score chart: a metric of one kind of score."""

    scores_of: Callable[[LanguageRow], Mapping[str, ScoreView]]
    metric: str
    css_class: str
    title: str


_SCORE_SERIES = (
    _Series(lambda row: row.reference, "chrF", "bar-ref", "chrF against the reference"),
    _Series(lambda row: row.roundtrip, "chrF", "bar-rt", "round-trip chrF (estimate)"),
)


def score_chart(rows: Sequence[LanguageRow]) -> BarChart | None:
    """chrF bars per language (reference and round-trip side by side); None without chrF."""
    present = [s for s in _SCORE_SERIES if any(s.metric in s.scores_of(r) for r in rows)]
    if not present:
        return None
    scale = _PLOT_WIDTH / 100.0
    groups: list[BarGroup] = []
    y = _TOP
    for row in rows:
        bars: list[Bar] = []
        values: list[tuple[float, float, str]] = []
        for offset, series in enumerate(present):
            score = series.scores_of(row).get(series.metric)
            bar_y = y + offset * _BAR_HEIGHT
            if score is None:
                values.append((_LABEL_WIDTH + 4, bar_y + _BAR_HEIGHT - 2, "n/a"))
                continue
            width = max(0.0, min(score.value, 100.0)) * scale
            bars.append(
                Bar(_LABEL_WIDTH, bar_y, round(width, 1), _BAR_HEIGHT - 1, series.css_class,
                    f"{row.language.name}: {series.title} {score.display}")
            )
            values.append((round(_LABEL_WIDTH + width + 4, 1), bar_y + _BAR_HEIGHT - 2, score.display))
        height = len(present) * _BAR_HEIGHT
        groups.append(_group(row, y, height, bars, values))
        y += height + _GROUP_GAP
    return _chart(
        chart_id="chart-scores",
        title="chrF per language",
        description="Horizontal bars of chrF per language: "
        + "; ".join(s.title for s in present)
        + ". The table above has every score with its confidence interval.",
        bottom=y,
        ticks=tuple((round(_LABEL_WIDTH + t * scale, 1), str(t)) for t in range(0, 101, 20)),
        groups=groups,
        legend=tuple((s.css_class, s.title) for s in present),
    )


def findings_chart(rows: Sequence[LanguageRow]) -> BarChart | None:
    """Active findings per language, stacked by severity; None without translations."""
    if not rows:
        return None
    top = _nice_max(max((r.total_findings for r in rows), default=0))
    scale = _PLOT_WIDTH / top
    groups: list[BarGroup] = []
    y = _TOP
    height = _BAR_HEIGHT * 1.5
    for row in rows:
        x = _LABEL_WIDTH
        bars: list[Bar] = []
        for count in row.severity_counts:
            if count.count == 0:
                continue
            width = count.count * scale
            bars.append(
                Bar(round(x, 1), y, round(width, 1), height, f"bar-{count.severity}",
                    f"{row.language.name}: {count.count} {count.severity}")
            )
            x += width
        summary = ", ".join(f"{c.count} {c.severity}" for c in row.severity_counts if c.count)
        groups.append(
            _group(row, y, height, bars, [(round(x + 4, 1), _label_y(y, height), summary or "none")])
        )
        y += height + _GROUP_GAP
    step = top / 5
    return _chart(
        chart_id="chart-findings",
        title="Findings per language",
        description="Stacked horizontal bars: errors (solid), warnings (striped) and notes "
        "(dotted) per language; the numbers are printed after each bar.",
        bottom=y,
        ticks=tuple((round(_LABEL_WIDTH + i * step * scale, 1), f"{i * step:g}") for i in range(6)),
        groups=groups,
        legend=(("bar-error", "✖ error"), ("bar-warning", "▲ warning"), ("bar-info", "ℹ info")),
    )
