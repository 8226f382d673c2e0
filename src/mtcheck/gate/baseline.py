"""Regression against a previous run, counted only when it is statistically significant.

Two runs of the same source are compared language by language on the
sentences they share: both alignments (and the reference's) are cut into the
coarsest common runs of source sentences, so a translation that merged two
sentences in one run and kept them apart in the other is still compared
fairly. Corpus BLEU/chrF/TER are recomputed from sacrebleu's sufficient
statistics for every resample, as sacrebleu's own paired tests do.

Both tests are one-sided: the gate asks "did it get worse?", so an improvement
never counts as evidence. The p-value is the share of resamples (bootstrap,
centred on the null of no change) or of random swaps (approximate
randomisation) whose drop is at least the observed one, with the usual +1
correction so that p is never 0.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from mtcheck.gate.thresholds import SCORE_METRICS, GateThresholds, Policy, ScoreRef, SignificanceTest
from mtcheck.score import common_groups, join_sentences, make_metric
from mtcheck.types import (
    Finding,
    GateCheck,
    GateStatus,
    RunResult,
    ScoreKind,
    TranslationResult,
)

Stats = npt.NDArray[np.float64]
# How many of the most degraded sentences a failed regression check names.
WORST_UNITS = 5


@dataclass(frozen=True)
class PairedOutcome:
    """Corpus scores of both runs on the common units, the drop and its p-value."""

    baseline: float
    current: float
    drop: float  # positive = worse, whatever the metric's direction
    p_value: float
    units: int
    # 95% bootstrap intervals of each run's score (paired bootstrap only).
    baseline_ci: tuple[float, float] | None = None
    current_ci: tuple[float, float] | None = None


@dataclass(frozen=True)
class Projection:
    """Both runs' per-unit statistics on the common source sentence groups."""

    source_ids: tuple[tuple[int, ...], ...]
    baseline: Stats
    current: Stats
    score: Callable[[Stats], float]


def paired_test(
    baseline: Stats,
    current: Stats,
    score: Callable[[Stats], float],
    *,
    higher_is_better: bool = True,
    method: SignificanceTest = SignificanceTest.PAIRED_BOOTSTRAP,
    resamples: int = 1000,
    seed: int = 12345,
    two_sided: bool = False,
) -> PairedOutcome:
    """Paired significance test; one-sided "current is worse than baseline" by default.

    ``baseline`` and ``current`` are per-unit sufficient statistics (units ×
    statistics, same units in the same order); ``score`` turns summed
    statistics into a corpus score. ``two_sided`` asks "do they differ?"
    (as sacrebleu's paired tests and ``mtcheck compare`` do).
    """
    if baseline.shape != current.shape or baseline.ndim != 2:
        raise ValueError("paired statistics must have the same (units, statistics) shape")
    units = baseline.shape[0]
    sign = 1.0 if higher_is_better else -1.0
    base_score = score(baseline.sum(axis=0))
    current_score = score(current.sum(axis=0))
    drop = sign * (base_score - current_score)
    rng = np.random.default_rng(seed)
    intervals: tuple[tuple[float, float], tuple[float, float]] | None = None
    if method is SignificanceTest.PAIRED_BOOTSTRAP:
        # Each row counts how often each unit was drawn: resampling with replacement.
        counts = rng.multinomial(units, np.full(units, 1.0 / units), size=resamples)
        counts = counts.astype(np.float64)
        base_scores = np.array([score(row) for row in counts @ baseline])
        current_scores = np.array([score(row) for row in counts @ current])
        drops = sign * (base_scores - current_scores)
        # Centre the resampled drops on zero: their spread under "no change".
        null = drops - drops.mean()
        intervals = (_interval(base_scores), _interval(current_scores))
    else:
        swap = rng.integers(0, 2, size=(resamples, units)).astype(np.float64)
        keep = 1.0 - swap
        a = keep @ baseline + swap @ current
        b = keep @ current + swap @ baseline
        null = sign * (np.array([score(r) for r in a]) - np.array([score(r) for r in b]))
    if two_sided:
        exceed = int(np.sum(np.abs(null) >= abs(drop) - 1e-9))
    else:
        exceed = int(np.sum(null >= drop - 1e-9))
    p_value = (exceed + 1) / (resamples + 1)
    return PairedOutcome(round(base_score, 4), round(current_score, 4), round(drop, 4),
                         round(p_value, 4), units,
                         baseline_ci=intervals[0] if intervals else None,
                         current_ci=intervals[1] if intervals else None)


def _interval(scores: Stats) -> tuple[float, float]:
    low, high = np.percentile(scores, [2.5, 97.5])
    return round(float(low), 4), round(float(high), 4)


def compare_with_baseline(run: RunResult, baseline: RunResult,
                          thresholds: GateThresholds) -> list[GateCheck]:
    """The regression and new-findings checks of every language the two runs share."""
    if run.source.texts() != baseline.source.texts():
        return [GateCheck(lang=run.source.lang, name="baseline", status=GateStatus.WARN,
                          message="the baseline was run on a different source text; "
                                  "scores were not compared")]
    previous = {t.lang: t for t in baseline.translations}
    checks: list[GateCheck] = []
    for translation in run.translations:
        old = previous.get(translation.lang)
        if old is None:
            checks.append(GateCheck(lang=translation.lang, name="baseline",
                                    status=GateStatus.SKIP,
                                    message="language not in the baseline; nothing to compare"))
            continue
        for key, max_drop in sorted(thresholds.max_drop_for(translation.lang).items()):
            kind_name, _, metric = key.partition(".")
            ref = ScoreRef(ScoreKind(kind_name), metric)
            checks.append(_regression_check(run, translation, old, ref, max_drop, thresholds))
        checks.append(_new_findings_check(run, baseline, translation, old,
                                          thresholds.baseline.new_findings))
    current_langs = {t.lang for t in run.translations}
    for lang in sorted(set(previous) - current_langs):
        checks.append(GateCheck(lang=lang, name="baseline", status=GateStatus.WARN,
                                message="language was in the baseline but is missing from "
                                        "this run"))
    return checks


def _regression_check(run: RunResult, current: TranslationResult, old: TranslationResult,
                      ref: ScoreRef, max_drop: float, thresholds: GateThresholds) -> GateCheck:
    name = f"max_drop.{ref.key}"
    label = f"{ref.kind.value} {ref.metric}"
    settings = thresholds.baseline
    projection = project(run, current, old, ref)
    if projection is None or len(projection.source_ids) == 0:
        status = {Policy.FAIL: GateStatus.FAIL, Policy.WARN: GateStatus.WARN,
                  Policy.SKIP: GateStatus.SKIP}[thresholds.missing_score]
        return GateCheck(lang=current.lang, name=name, status=status, threshold=max_drop,
                         message=f"{label} cannot be compared with the baseline (not computed "
                                 f"in one of the runs); missing_score = "
                                 f"{thresholds.missing_score.value}")
    outcome = paired_test(projection.baseline, projection.current, projection.score,
                          higher_is_better=ref.higher_is_better, method=settings.method,
                          resamples=settings.resamples, seed=settings.seed)
    direction = "worse" if outcome.drop > 0 else "better" if outcome.drop < 0 else "unchanged"
    change = (f"{label} {outcome.baseline:g} -> {outcome.current:g} ("
              + (f"{direction} by {abs(outcome.drop):g} points" if outcome.drop else direction)
              + ")")
    significant = outcome.p_value < settings.significance
    test = (f"p = {outcome.p_value:g} {'<' if significant else '>='} "
            f"{settings.significance:g}; {settings.method.value}, {settings.resamples} "
            f"resamples, {outcome.units} units")
    if outcome.drop > max_drop and significant:
        worst = _most_degraded(projection, ref.higher_is_better)
        source_ids = tuple(s for i in worst for s in projection.source_ids[i])
        target_ids = tuple(t for p in current.alignment.pairs if set(p.source_ids) &
                           set(source_ids) for t in p.target_ids)
        return GateCheck(lang=current.lang, name=name, status=GateStatus.FAIL,
                         message=f"{change}: a significant drop beyond the allowed "
                                 f"{max_drop:g} ({test})",
                         value=outcome.drop, threshold=max_drop, p_value=outcome.p_value,
                         target_ids=target_ids, source_ids=source_ids)
    if outcome.drop > max_drop:
        verdict = f"beyond the allowed {max_drop:g} but not significant"
    else:
        verdict = f"within the allowed {max_drop:g}"
    return GateCheck(lang=current.lang, name=name, status=GateStatus.PASS,
                     message=f"{change}: {verdict} ({test})", value=outcome.drop,
                     threshold=max_drop, p_value=outcome.p_value)


def _most_degraded(projection: Projection, higher_is_better: bool) -> list[int]:
    sign = 1.0 if higher_is_better else -1.0
    drops = [sign * (projection.score(b) - projection.score(c))
             for b, c in zip(projection.baseline, projection.current, strict=True)]
    order = sorted(range(len(drops)), key=lambda i: (-drops[i], i))
    return [i for i in order[:WORST_UNITS] if drops[i] > 0]


def project(run: RunResult, current: TranslationResult, old: TranslationResult,
            ref: ScoreRef) -> Projection | None:
    """Per-unit statistics of both runs on common source groups, or None if not computable."""
    if ref.kind is ScoreKind.REFERENCE:
        holder = current if current.reference is not None else old
        if holder.reference is None or holder.reference_alignment is None:
            return None
        if ref.metric not in SCORE_METRICS[ScoreKind.REFERENCE]:
            return None
        groups = common_groups([current.alignment, old.alignment, holder.reference_alignment])
        references = [join_sentences(
            [holder.reference.sentences[t].text for i in members[2]
             for t in holder.reference_alignment.pairs[i].target_ids], current.lang)
            for _, members in groups]
        hyps_current = [_group_text(current, members[0]) for _, members in groups]
        hyps_old = [_group_text(old, members[1]) for _, members in groups]
        return _sacrebleu_projection(ref.metric, current.lang, groups, hyps_old, hyps_current,
                                     references)
    groups = common_groups([current.alignment, old.alignment])
    if ref.metric == "semantic":
        return _mean_projection(groups, current, old, "roundtrip.semantic")
    back_current = _backtranslations(current)
    back_old = _backtranslations(old)
    if back_current is None or back_old is None:
        return None
    source_lang = run.source.lang
    references = [join_sentences([run.source.sentences[s].text for s in ids], source_lang)
                  for ids, _ in groups]
    hyps_current = [join_sentences([back_current.get(i, "") for i in members[0]], source_lang)
                    for _, members in groups]
    hyps_old = [join_sentences([back_old.get(i, "") for i in members[1]], source_lang)
                for _, members in groups]
    return _sacrebleu_projection(ref.metric, source_lang, groups, hyps_old, hyps_current,
                                 references)


Groups = Sequence[tuple[tuple[int, ...], list[tuple[int, ...]]]]


def _sacrebleu_projection(metric_name: str, lang: str, groups: Groups, hyps_old: list[str],
                          hyps_current: list[str], references: list[str]) -> Projection:
    metric = make_metric(metric_name, lang)
    old_stats = np.array(metric._extract_corpus_statistics(hyps_old, [references]),
                         dtype=np.float64)
    current_stats = np.array(metric._extract_corpus_statistics(hyps_current, [references]),
                             dtype=np.float64)

    def score(summed: Stats) -> float:
        return float(metric._compute_score_from_stats(list(summed)).score)

    return Projection(tuple(ids for ids, _ in groups), old_stats, current_stats, score)


def _mean_projection(groups: Groups, current: TranslationResult, old: TranslationResult,
                     key: str) -> Projection | None:
    current_values = {s.pair_index: s.scores[key] for s in current.segments if key in s.scores}
    old_values = {s.pair_index: s.scores[key] for s in old.segments if key in s.scores}
    if not current_values or not old_values:
        return None
    kept: list[tuple[int, ...]] = []
    rows_current: list[list[float]] = []
    rows_old: list[list[float]] = []
    for ids, members in groups:
        a = [current_values[i] for i in members[0] if i in current_values]
        b = [old_values[i] for i in members[1] if i in old_values]
        if a and b:
            kept.append(ids)
            rows_current.append([sum(a) / len(a) * 100.0, 1.0])
            rows_old.append([sum(b) / len(b) * 100.0, 1.0])

    def score(summed: Stats) -> float:
        # Semantic similarity is reported on 0-1; tested in points (x100) like the rest.
        return float(summed[0] / summed[1]) / 100.0 if summed[1] else 0.0

    return Projection(tuple(kept), np.array(rows_old, dtype=np.float64).reshape(-1, 2),
                      np.array(rows_current, dtype=np.float64).reshape(-1, 2), score)


def _group_text(translation: TranslationResult, pair_indexes: tuple[int, ...]) -> str:
    texts = translation.target.texts()
    ids = [t for i in pair_indexes for t in translation.alignment.pairs[i].target_ids]
    return join_sentences([texts[t] for t in ids], translation.lang)


def _backtranslations(translation: TranslationResult) -> dict[int, str] | None:
    found = {s.pair_index: s.backtranslation for s in translation.segments
             if s.backtranslation is not None}
    if not found:
        return None
    return {index: text for index, text in found.items() if text is not None}


# --------------------------------------------------------------------------- new findings
_SPACE = re.compile(r"\s+")
_NUMBER_REF = re.compile(r"\b(sentence|line|pair|segment)s?\s+#?\d+(\s*(,|and|-)\s*\d+)*",
                         re.IGNORECASE)


def normalise(text: str) -> str:
    """Text compared across runs: NFKC, case-folded, spaces collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def finding_key(finding: Finding, translation: TranslationResult | None,
                run: RunResult) -> tuple[str, str, str]:
    """What identifies a finding across runs: check, entity and the text it is about.

    Sentence ids change whenever a sentence is added or split, so they are
    never part of the key; the text of the flagged sentences is.
    """
    if finding.target_ids and translation is not None:
        texts = translation.target.texts()
        about = " ".join(texts[t] for t in finding.target_ids if t < len(texts))
    elif finding.source_ids:
        texts = run.source.texts()
        about = " ".join(texts[s] for s in finding.source_ids if s < len(texts))
    else:
        about = _NUMBER_REF.sub("", finding.message)
    return finding.check, finding.entity or "", normalise(about)


def new_findings(run: RunResult, baseline: RunResult, current: TranslationResult,
                 old: TranslationResult) -> list[Finding]:
    """Unsuppressed findings of ``current`` with no counterpart in ``old`` (as a multiset)."""
    previous = Counter(finding_key(f, old, baseline) for f in old.findings if not f.suppressed)
    fresh: list[Finding] = []
    for finding in current.findings:
        if finding.suppressed:
            continue
        key = finding_key(finding, current, run)
        if previous[key] > 0:
            previous[key] -= 1
        else:
            fresh.append(finding)
    return fresh


def _new_findings_check(run: RunResult, baseline: RunResult, current: TranslationResult,
                        old: TranslationResult, policy: Policy) -> GateCheck:
    fresh = new_findings(run, baseline, current, old)
    name = "baseline.new_findings"
    if not fresh:
        return GateCheck(lang=current.lang, name=name, status=GateStatus.PASS,
                         message="no new findings since the baseline", value=0.0)
    status = {Policy.FAIL: GateStatus.FAIL, Policy.WARN: GateStatus.WARN,
              Policy.SKIP: GateStatus.SKIP}[policy]
    listed = "; ".join(f"[{f.check}] {f.message}" for f in fresh[:5])
    if len(fresh) > 5:
        listed += f"; and {len(fresh) - 5} more"
    return GateCheck(lang=current.lang, name=name, status=status,
                     message=f"{len(fresh)} new finding(s) since the baseline: {listed}",
                     value=float(len(fresh)),
                     target_ids=tuple(sorted({t for f in fresh for t in f.target_ids})),
                     source_ids=tuple(sorted({s for f in fresh for s in f.source_ids})))


__all__ = ["PairedOutcome", "compare_with_baseline", "new_findings", "paired_test", "project"]


