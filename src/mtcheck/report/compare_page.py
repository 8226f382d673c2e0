"""The HTML page of ``mtcheck compare``: one table per language, baseline first.

Like the run reports, the page renders a :class:`~mtcheck.compare.Comparison`
and computes nothing; templates escape every label (file names are untrusted).
"""

from __future__ import annotations

from dataclasses import dataclass

from mtcheck import __version__
from mtcheck.compare import Comparison, MetricComparison
from mtcheck.report.language_view import LanguageInfo, language_info
from mtcheck.types import ScoreKind


@dataclass(frozen=True)
class CompareRow:
    label: str
    estimate: bool
    lower_is_better: bool
    baseline: str
    system: str
    delta: str
    verdict: str  # "better", "worse", "same"
    p_bootstrap: str
    p_randomisation: str
    significant_bootstrap: bool
    significant_randomisation: bool
    units: int


@dataclass(frozen=True)
class CompareLanguage:
    language: LanguageInfo
    rows: tuple[CompareRow, ...]


def _row(comparison: Comparison, row: MetricComparison) -> CompareRow:
    bs, ar = comparison.significant(row)
    digits = 3 if row.metric == "semantic" else 2
    return CompareRow(
        label=row.metric if row.kind is ScoreKind.REFERENCE else f"round-trip {row.metric}",
        estimate=row.kind is ScoreKind.ROUNDTRIP,
        lower_is_better=not row.higher_is_better,
        baseline=_value(row.baseline, row.baseline_ci, digits),
        system=_value(row.system, row.system_ci, digits),
        delta=f"{row.delta:+.{digits}f}",
        verdict="same" if row.delta == 0 else "better" if row.better else "worse",
        p_bootstrap=f"{row.p_bootstrap:.4f}",
        p_randomisation=f"{row.p_randomisation:.4f}",
        significant_bootstrap=bs,
        significant_randomisation=ar,
        units=row.units,
    )


def _value(value: float, ci: tuple[float, float] | None, digits: int) -> str:
    if ci is None:
        return f"{value:.{digits}f}"
    return f"{value:.{digits}f} [{ci[0]:.{digits}f}–{ci[1]:.{digits}f}]"


def render_comparison(comparison: Comparison) -> str:
    """The self-contained HTML page of a comparison."""
    from mtcheck.report import _environment

    languages: dict[str, list[CompareRow]] = {}
    for row in comparison.rows:
        languages.setdefault(row.lang, []).append(_row(comparison, row))
    view = tuple(CompareLanguage(language_info(lang), tuple(rows))
                 for lang, rows in languages.items())
    template = _environment().get_template("compare.html.j2")
    return template.render(comparison=comparison, languages=view, version=__version__)
