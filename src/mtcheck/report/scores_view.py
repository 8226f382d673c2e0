"""Scores as the pages show them: metric order, number formats and colour buckets.

The overview table and the translation pages show the same metrics; keeping
their order and formats here makes a number read the same on every page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mtcheck.types import MetricScore, ScoreKind

# Order in which metrics appear in tables; metrics not listed follow alphabetically.
_METRIC_ORDER = ("BLEU", "chrF", "chrF++", "TER", "semantic")
# Metrics reported on a 0-1 scale; the rest are on 0-100.
_UNIT_SCALE_METRICS = {"semantic"}
_LOWER_IS_BETTER_METRICS = {"TER"}
SCORE_BUCKETS = 5
_QUALITY_WORDS = ("very low", "low", "medium", "high", "very high")
_KIND_LABELS = {"reference": "ref", "roundtrip": "round-trip"}


@dataclass(frozen=True)
class ScoreView:
    metric: str
    value: float
    display: str
    ci_display: str
    signature: str
    higher_is_better: bool


@dataclass(frozen=True)
class SegmentScore:
    key: str  # "reference.chrF"
    label: str  # "ref chrF"
    value: float
    display: str
    bucket: int  # 0 (worst) .. SCORE_BUCKETS-1 (best)
    quality_word: str


def metric_sort_key(metric: str) -> tuple[int, str]:
    if metric in _METRIC_ORDER:
        return (_METRIC_ORDER.index(metric), metric)
    return (len(_METRIC_ORDER), metric)


def _format_value(metric: str, value: float) -> str:
    return f"{value:.3f}" if metric in _UNIT_SCALE_METRICS else f"{value:.1f}"


def score_view(score: MetricScore) -> ScoreView:
    ci = ""
    if score.ci_low is not None and score.ci_high is not None:
        ci = f"{_format_value(score.metric, score.ci_low)}–{_format_value(score.metric, score.ci_high)}"
    return ScoreView(
        metric=score.metric,
        value=score.value,
        display=_format_value(score.metric, score.value),
        ci_display=ci,
        signature=score.signature,
        higher_is_better=score.higher_is_better,
    )


def _of_kind(scores: Iterable[MetricScore], kind: ScoreKind) -> list[MetricScore]:
    return [s for s in scores if s.kind == kind]


def scores_in_order(scores: Iterable[MetricScore], kind: ScoreKind) -> tuple[ScoreView, ...]:
    """The corpus scores of one kind, in table order."""
    return tuple(
        score_view(s) for s in sorted(_of_kind(scores, kind), key=lambda s: metric_sort_key(s.metric))
    )


def scores_by_metric(scores: Iterable[MetricScore], kind: ScoreKind) -> dict[str, ScoreView]:
    """The corpus scores of one kind, looked up by metric name (one table column each)."""
    return {s.metric: score_view(s) for s in _of_kind(scores, kind)}


def segment_score(key: str, value: float) -> SegmentScore:
    """A segment's score under ``key`` ("kind.metric"), bucketed by quality for colour."""
    kind, _, metric = key.partition(".")
    metric = metric or kind
    scale = 1.0 if metric in _UNIT_SCALE_METRICS else 100.0
    quality = min(max(value / scale, 0.0), 1.0)
    if metric in _LOWER_IS_BETTER_METRICS:
        quality = 1.0 - quality
    bucket = min(SCORE_BUCKETS - 1, int(quality * SCORE_BUCKETS))
    return SegmentScore(
        key=key,
        label=f"{_KIND_LABELS.get(kind, kind)} {metric}",
        value=value,
        display=_format_value(metric, value),
        bucket=bucket,
        quality_word=_QUALITY_WORDS[bucket],
    )
