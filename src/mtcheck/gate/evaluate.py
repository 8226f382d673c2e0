"""Apply the gate's thresholds to a run: the library side of ``--gate`` and ``mtcheck gate``.

Every threshold becomes one :class:`GateCheck` per language, passed or not, so
that CI outputs can list what was checked as well as what failed. A check that
fails names the sentences behind it (the lowest-scoring pairs, the omitted
source sentences, the sentences with findings) so that reports and annotations
can point at file lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from mtcheck.config import Config
from mtcheck.errors import ConfigError
from mtcheck.gate.baseline import compare_with_baseline
from mtcheck.gate.thresholds import (
    FINDING_TOTAL,
    SEVERITY_NAMES,
    GateThresholds,
    Policy,
    Subject,
    Threshold,
    parse_gate,
)
from mtcheck.score import coverage
from mtcheck.types import (
    Finding,
    GateCheck,
    GateResult,
    GateStatus,
    RunResult,
    ScoreKind,
    TranslationResult,
)

# How many offending sentences a failed score threshold names.
WORST_SEGMENTS = 5
# How many finding messages a failed findings threshold quotes.
QUOTED_FINDINGS = 3


def run_gate(
    run: RunResult,
    config: Config,
    baseline: RunResult | None = None,
    *,
    baseline_label: str | None = None,
) -> GateResult:
    """Apply the config's ``[gate]`` thresholds (and a baseline comparison) to a run.

    Raises :class:`~mtcheck.errors.ConfigError` for an invalid ``[gate]`` table.
    The result passes when no check has status FAIL.
    """
    thresholds = parse_gate(config.gate, config.source, seed=config.score.seed)
    checks = list(gate_checks(run, thresholds))
    label = None
    if baseline is not None:
        checks.extend(compare_with_baseline(run, baseline, thresholds))
        label = baseline_label or f"{baseline.document_id} ({baseline.signature.created})"
    if not checks:
        # A gate that checks nothing would pass everything: a config mistake, not a pass.
        raise ConfigError(config.source, "no [gate] thresholds configured; a gate needs a "
                                         "config with [gate.defaults] or [gate.languages.*] "
                                         "(see configs/lenient.toml)")
    passed = not any(c.status is GateStatus.FAIL for c in checks)
    described = config.source + (f" (sha256:{config.digest})" if config.digest else "")
    return GateResult(passed=passed, checks=tuple(checks), config=described, baseline=label)


def gate_checks(run: RunResult, thresholds: GateThresholds) -> list[GateCheck]:
    """The threshold checks (no baseline) for every language of a run, in a stable order."""
    checks: list[GateCheck] = []
    present = {t.lang for t in run.translations}
    for lang in thresholds.required_languages:
        if lang not in present:
            checks.append(GateCheck(
                lang=lang, name="required_languages", status=GateStatus.FAIL,
                message=f"required language {lang} is missing from the run "
                        f"(languages present: {', '.join(sorted(present)) or 'none'})"))
    for translation in run.translations:
        for threshold in thresholds.for_language(translation.lang):
            check = apply_threshold(threshold, translation, run, thresholds.missing_score)
            if check.status is GateStatus.FAIL and thresholds.is_warn_only(
                    translation.lang, threshold.key):
                check = _downgrade(check)
            checks.append(check)
    for threshold in thresholds.source:
        check = _findings_check(threshold, run.source.lang, run.source_findings)
        if check.status is GateStatus.FAIL and threshold.key in thresholds.warn_only:
            check = _downgrade(check)
        checks.append(check)
    return checks


def apply_threshold(threshold: Threshold, translation: TranslationResult, run: RunResult,
                    missing: Policy) -> GateCheck:
    """One threshold on one translation."""
    if threshold.subject is Subject.COVERAGE:
        return _coverage_check(threshold, translation, len(run.source.sentences))
    if threshold.subject is Subject.FINDINGS:
        return _findings_check(threshold, translation.lang, translation.findings)
    return _score_check(threshold, translation, missing)


def _score_check(threshold: Threshold, translation: TranslationResult,
                 missing: Policy) -> GateCheck:
    assert threshold.kind is not None and threshold.metric is not None
    label = f"{threshold.kind.value} {threshold.metric}"
    score = next((s for s in translation.scores
                  if s.kind is threshold.kind and s.metric == threshold.metric), None)
    if score is None:
        why = (translation.roundtrip_status if threshold.kind is ScoreKind.ROUNDTRIP
               else "no reference translation")
        status = {Policy.FAIL: GateStatus.FAIL, Policy.WARN: GateStatus.WARN,
                  Policy.SKIP: GateStatus.SKIP}[missing]
        return GateCheck(lang=translation.lang, name=threshold.key, status=status,
                         message=f"{label} was not computed ({why}); missing_score = "
                                 f"{missing.value}",
                         threshold=threshold.limit)
    value = score.value
    if threshold.met_by(value):
        return GateCheck(lang=translation.lang, name=threshold.key, status=GateStatus.PASS,
                         message=f"{label} {_num(value)} {_relation(threshold, True)} "
                                 f"{_num(threshold.limit)}",
                         value=value, threshold=threshold.limit)
    gap = abs(value - threshold.limit)
    worst = _worst_pairs(threshold, translation)
    target_ids = tuple(t for i in worst for t in translation.alignment.pairs[i].target_ids)
    source_ids = tuple(s for i in worst for s in translation.alignment.pairs[i].source_ids)
    message = (f"{label} {_num(value)} {_relation(threshold, False)} {_num(threshold.limit)} "
               f"({'short' if threshold.bound.value == 'min' else 'over'} by {_num(gap)})")
    return GateCheck(lang=translation.lang, name=threshold.key, status=GateStatus.FAIL,
                     message=message, value=value, threshold=threshold.limit,
                     target_ids=target_ids, source_ids=source_ids)


def _worst_pairs(threshold: Threshold, translation: TranslationResult) -> list[int]:
    """Pair indexes whose sentence score breaks the threshold, worst first."""
    assert threshold.kind is not None
    key = f"{threshold.kind.value}.{threshold.metric}"
    scored = [(segment.scores[key], segment.pair_index) for segment in translation.segments
              if key in segment.scores and not threshold.met_by(segment.scores[key])]
    reverse = threshold.bound.value == "max"
    scored.sort(key=lambda item: (-item[0] if reverse else item[0], item[1]))
    return [index for _, index in scored[:WORST_SEGMENTS]]


def _coverage_check(threshold: Threshold, translation: TranslationResult,
                    source_count: int) -> GateCheck:
    value = coverage(translation.alignment, source_count)
    uncovered = tuple(s for p in translation.alignment.pairs if not p.target_ids
                      for s in p.source_ids)
    if threshold.met_by(value):
        return GateCheck(lang=translation.lang, name=threshold.key, status=GateStatus.PASS,
                         message=f"coverage {_pct(value)} >= {_pct(threshold.limit)}",
                         value=value, threshold=threshold.limit)
    message = (f"coverage {_pct(value)} < {_pct(threshold.limit)}: {len(uncovered)} of "
               f"{source_count} source sentences have no translation")
    return GateCheck(lang=translation.lang, name=threshold.key, status=GateStatus.FAIL,
                     message=message, value=value, threshold=threshold.limit,
                     source_ids=uncovered)


def counted_findings(findings: Sequence[Finding], selector: str) -> list[Finding]:
    """The unsuppressed findings a ``findings.<selector>.max`` threshold counts."""
    active = [f for f in findings if not f.suppressed]
    if selector == FINDING_TOTAL:
        return active
    if selector in SEVERITY_NAMES:
        return [f for f in active if f.severity.value == selector]
    return [f for f in active if f.check == selector]


def _findings_check(threshold: Threshold, lang: str, findings: Sequence[Finding]) -> GateCheck:
    assert threshold.selector is not None
    counted = counted_findings(findings, threshold.selector)
    count = float(len(counted))
    limit = int(threshold.limit)
    found = findings_phrase(threshold.selector, len(counted))
    if threshold.met_by(count):
        return GateCheck(lang=lang, name=threshold.key, status=GateStatus.PASS,
                         message=f"{found}; at most {limit} allowed",
                         value=count, threshold=threshold.limit)
    quoted = "; ".join(f.message for f in counted[:QUOTED_FINDINGS])
    more = len(counted) - QUOTED_FINDINGS
    if more > 0:
        quoted += f"; and {more} more"
    message = (f"{found}; at most {limit} allowed (over by {len(counted) - limit}): "
               f"{quoted}")
    target_ids = tuple(sorted({t for f in counted for t in f.target_ids}))
    source_ids = tuple(sorted({s for f in counted for s in f.source_ids}))
    return GateCheck(lang=lang, name=threshold.key, status=GateStatus.FAIL, message=message,
                     value=count, threshold=threshold.limit, target_ids=target_ids,
                     source_ids=source_ids)


def findings_phrase(selector: str, count: int) -> str:
    """'1 error', '3 errors', '2 findings', "1 'names.missing' finding": counts in plain words."""
    plural = count != 1
    if selector in SEVERITY_NAMES:
        return f"{count} {selector}{'s' if plural else ''}"
    if selector == FINDING_TOTAL:
        return f"{count} finding{'s' if plural else ''}"
    return f"{count} {selector!r} finding{'s' if plural else ''}"


def _downgrade(check: GateCheck) -> GateCheck:
    from dataclasses import replace

    return replace(check, status=GateStatus.WARN, message=f"{check.message} (warn_only)")


def _relation(threshold: Threshold, met: bool) -> str:
    if threshold.bound.value == "min":
        return ">=" if met else "<"
    return "<=" if met else ">"


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"
