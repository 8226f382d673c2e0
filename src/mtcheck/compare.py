"""Comparing two MT systems on the same source: paired significance tests per metric.

The question sacrebleu's ``--paired-bs`` / ``--paired-ar`` answer, asked of
two mtcheck runs: is system B better or worse than the baseline A, and is the
difference more than chance? Both runs are cut into the same units (the
coarsest common runs of source sentences of both alignments, as the gate's
baseline check does), the per-unit statistics are computed once
(:func:`mtcheck.gate.baseline.project`) and resampled with one seeded index
matrix shared by both systems (:func:`mtcheck.gate.baseline.paired_test`).
Both tests are two-sided here: a comparison has no preferred direction.

Library only: the CLI (``mtcheck compare``) prints, the report module renders.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from mtcheck.errors import InputError
from mtcheck.gate.baseline import paired_test, project
from mtcheck.gate.thresholds import SCORE_METRICS, ScoreRef, SignificanceTest
from mtcheck.types import RunResult, ScoreKind

DEFAULT_RESAMPLES = 1000
MAX_RESAMPLES = 100_000
DEFAULT_ALPHA = 0.05
DEFAULT_SEED = 12345


@dataclass(frozen=True)
class MetricComparison:
    """One metric of one language: both systems' scores and the two tests' p-values."""

    lang: str
    kind: ScoreKind
    metric: str
    higher_is_better: bool
    units: int
    baseline: float
    system: float
    baseline_ci: tuple[float, float] | None
    system_ci: tuple[float, float] | None
    p_bootstrap: float
    p_randomisation: float

    @property
    def delta(self) -> float:
        """System minus baseline, in the metric's own direction (TER: lower is better)."""
        return round(self.system - self.baseline, 4)

    @property
    def better(self) -> bool:
        """Whether the system scores better than the baseline (ignoring significance)."""
        return self.delta > 0 if self.higher_is_better else self.delta < 0


@dataclass(frozen=True)
class SkippedLanguage:
    lang: str
    reason: str


@dataclass(frozen=True)
class Comparison:
    """The whole comparison: baseline first, then the system, as sacrebleu prints it."""

    baseline_label: str
    system_label: str
    method_resamples: int
    seed: int
    alpha: float
    rows: tuple[MetricComparison, ...]
    skipped: tuple[SkippedLanguage, ...] = ()

    def significant(self, row: MetricComparison) -> tuple[bool, bool]:
        """(bootstrap, randomisation) significance of a row at :attr:`alpha`."""
        return row.p_bootstrap < self.alpha, row.p_randomisation < self.alpha


def compare_runs(
    baseline: RunResult,
    system: RunResult,
    *,
    baseline_label: str = "A",
    system_label: str = "B",
    languages: Collection[str] = (),
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """Compare ``system`` with ``baseline`` language by language, metric by metric.

    ``languages`` narrows the comparison (empty = every language of both runs).
    Raises :class:`InputError` when the runs are not of the same source text,
    share no language, or the test settings are out of range.
    """
    if not 1 <= resamples <= MAX_RESAMPLES:
        raise InputError("--resamples", f"must be between 1 and {MAX_RESAMPLES}, "
                                        f"got {resamples}")
    if not 0.0 < alpha < 1.0:
        raise InputError("--alpha", f"must be between 0 and 1, got {alpha}")
    if baseline.source.texts() != system.source.texts():
        raise InputError(system_label, f"not a run on the same source text as {baseline_label}; "
                                       f"only translations of one source can be compared")
    old = {t.lang: t for t in baseline.translations}
    new = {t.lang: t for t in system.translations}
    wanted = set(languages) if languages else set(old) | set(new)
    rows: list[MetricComparison] = []
    skipped: list[SkippedLanguage] = []
    for lang in sorted(wanted):
        if lang not in old or lang not in new:
            where = baseline_label if lang not in old else system_label
            skipped.append(SkippedLanguage(lang, f"not in {where}"))
            continue
        found = False
        for kind, metrics in SCORE_METRICS.items():
            for metric in metrics:
                ref = ScoreRef(kind, metric)
                projection = project(system, new[lang], old[lang], ref)
                if projection is None or not projection.source_ids:
                    continue
                found = True
                tests = [paired_test(projection.baseline, projection.current, projection.score,
                                     higher_is_better=ref.higher_is_better, method=method,
                                     resamples=resamples, seed=seed, two_sided=True)
                         for method in SignificanceTest]
                bootstrap, randomisation = tests
                rows.append(MetricComparison(
                    lang=lang, kind=kind, metric=metric, higher_is_better=ref.higher_is_better,
                    units=bootstrap.units, baseline=bootstrap.baseline,
                    system=bootstrap.current, baseline_ci=bootstrap.baseline_ci,
                    system_ci=bootstrap.current_ci, p_bootstrap=bootstrap.p_value,
                    p_randomisation=randomisation.p_value))
        if not found:
            skipped.append(SkippedLanguage(lang, "no score computed in both runs (no reference "
                                                 "and no round-trip scores)"))
    if not rows:
        reasons = "; ".join(f"{s.lang}: {s.reason}" for s in skipped) or "no languages"
        raise InputError(system_label, f"nothing to compare with {baseline_label} ({reasons})")
    return Comparison(baseline_label, system_label, resamples, seed, alpha, tuple(rows),
                      tuple(skipped))


def format_table(comparison: Comparison) -> str:
    """A plain-text table in the manner of sacrebleu's paired tests (baseline first)."""
    header = ["lang", "metric", "A (baseline)", "B (system)", "B - A", "p (bootstrap)",
              "p (approx. rand.)"]
    lines_rows = [header]
    for row in comparison.rows:
        bs, ar = comparison.significant(row)
        name = f"{'' if row.kind is ScoreKind.REFERENCE else 'round-trip '}{row.metric}"
        if not row.higher_is_better:
            name += " (lower better)"
        lines_rows.append([
            row.lang, name, _with_ci(row.baseline, row.baseline_ci),
            _with_ci(row.system, row.system_ci), f"{row.delta:+.2f}",
            f"{row.p_bootstrap:.4f}{'*' if bs else ' '}",
            f"{row.p_randomisation:.4f}{'*' if ar else ' '}",
        ])
    widths = [max(len(r[i]) for r in lines_rows) for i in range(len(header))]
    out = [f"A (baseline): {comparison.baseline_label}",
           f"B (system):   {comparison.system_label}", ""]
    for n, cells in enumerate(lines_rows):
        out.append("  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                             for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    out.append("")
    out.append(f"* significant difference at the {comparison.alpha:g} level (two-sided; "
               f"{comparison.method_resamples} resamples, seed {comparison.seed}). Scores in "
               f"brackets: 95% bootstrap interval. Round-trip scores are estimates.")
    for skip in comparison.skipped:
        out.append(f"{skip.lang}: not compared: {skip.reason}")
    return "\n".join(out) + "\n"


def _with_ci(value: float, ci: tuple[float, float] | None) -> str:
    if ci is None:
        return f"{value:.2f}"
    return f"{value:.2f} [{ci[0]:.2f}-{ci[1]:.2f}]"


__all__ = ["Comparison", "MetricComparison", "SkippedLanguage", "compare_runs", "format_table"]
