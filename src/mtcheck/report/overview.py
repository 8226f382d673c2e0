"""The overview page: one row per translation, the checks seen, the gate and the signature.

Everything here summarises what the run stored; the per-language numbers are
the same ones the translation pages show in full.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mtcheck.checks import CHECKS
from mtcheck.report.findings_view import (
    UNKNOWN_ICON,
    FindingView,
    FindingViews,
    SeverityCount,
    active,
    check_title,
    ordered,
    severity_counts,
)
from mtcheck.report.language_view import LanguageInfo, language_info
from mtcheck.report.scores_view import ScoreView, metric_sort_key, scores_by_metric
from mtcheck.report.translation import coverage
from mtcheck.types import GateCheck, GateStatus, RunResult, RunSignature, ScoreKind

GATE_ICON = {GateStatus.PASS: "✔", GateStatus.FAIL: "✖", GateStatus.WARN: "▲", GateStatus.SKIP: "–"}
_GATE_RANK = {GateStatus.FAIL: 3, GateStatus.WARN: 2, GateStatus.PASS: 1, GateStatus.SKIP: 0}


@dataclass(frozen=True)
class LanguageRow:
    language: LanguageInfo
    page: str
    reference: Mapping[str, ScoreView]
    roundtrip: Mapping[str, ScoreView]
    roundtrip_status: str
    roundtrip_reason: str  # the part of the status after "not evaluated: ", shown on demand
    coverage: float | None
    severity_counts: tuple[SeverityCount, ...]
    total_findings: int
    suppressed_count: int
    check_counts: Mapping[str, int]
    gate_status: str | None
    gate_icon: str


@dataclass(frozen=True)
class GateCheckView:
    lang: str
    name: str
    status: str
    icon: str
    name_parts: tuple[str, ...]  # the key split at its dots, where the page may wrap it
    message: str
    value: str
    threshold: str
    p_value: str
    row_links: tuple[tuple[int, str], ...]  # (target sentence id, href)


@dataclass(frozen=True)
class SkippedGroup:
    """Checks skipped for one reason, shown as one line instead of one row each."""

    reason: str
    keys: tuple[str, ...]
    langs: tuple[str, ...]
    count: int


@dataclass(frozen=True)
class GateView:
    passed: bool
    config: str
    baseline: str | None
    checks: tuple[GateCheckView, ...]  # failed, warned and passed checks (skipped ones grouped)
    skipped: tuple[SkippedGroup, ...] = ()
    allowed: tuple[str, ...] = ()  # what the config allowed, in words (findings limits first)
    has_value: bool = True
    has_threshold: bool = True
    has_p: bool = True


@dataclass(frozen=True)
class SignatureView:
    mtcheck_version: str
    config: str
    segmenter: str
    aligner: str
    created: str
    models: tuple[tuple[str, str], ...]
    scorers: tuple[tuple[str, str], ...]


# --------------------------------------------------------------------------- languages
def _gate_status(run: RunResult, lang: str) -> tuple[str | None, str]:
    """The worst gate status of a language's checks, with its icon; None without a gate."""
    if run.gate is None:
        return None, ""
    statuses = [c.status for c in run.gate.checks if c.lang == lang]
    if not statuses:
        return "no checks", "–"
    worst = max(statuses, key=lambda s: _GATE_RANK.get(s, 0))
    return worst.value, GATE_ICON.get(worst, UNKNOWN_ICON)


def language_rows(run: RunResult, pages: Mapping[int, str]) -> tuple[LanguageRow, ...]:
    """One row per translation, in run order, linking to its page."""
    rows: list[LanguageRow] = []
    for position, translation in enumerate(run.translations):
        counted = active(translation.findings)
        gate_status, gate_icon = _gate_status(run, translation.lang)
        status, _, reason = translation.roundtrip_status.partition(": ")
        rows.append(
            LanguageRow(
                language=language_info(translation.lang),
                page=pages[position],
                reference=scores_by_metric(translation.scores, ScoreKind.REFERENCE),
                roundtrip=scores_by_metric(translation.scores, ScoreKind.ROUNDTRIP),
                roundtrip_status=status,
                roundtrip_reason=reason,
                coverage=coverage(translation),
                severity_counts=severity_counts(translation.findings),
                total_findings=len(counted),
                suppressed_count=len(translation.findings) - len(counted),
                check_counts=dict(Counter(f.check for f in counted)),
                gate_status=gate_status,
                gate_icon=gate_icon,
            )
        )
    return tuple(rows)


def metric_columns(scores: Iterable[Mapping[str, ScoreView]]) -> tuple[str, ...]:
    """Every metric any language has, in table order: the columns of a score group."""
    return tuple(sorted({metric for by_metric in scores for metric in by_metric}, key=metric_sort_key))


def checks_seen(run: RunResult, rows: Sequence[LanguageRow]) -> tuple[tuple[str, str, str], ...]:
    """(check id, title, declared severity) of every check with an active finding.

    Declared checks come in declaration order, undeclared ones after them by id.
    """
    seen = {check for row in rows for check in row.check_counts}
    seen.update(f.check for f in active(run.source_findings))
    ordered_checks = [c for c in CHECKS if c in seen] + sorted(seen - set(CHECKS))
    return tuple(
        (c, check_title(c), CHECKS[c].severity.value if c in CHECKS else "") for c in ordered_checks
    )


# --------------------------------------------------------------------------- source findings
def source_check_counts(run: RunResult) -> dict[str, int]:
    """Active findings of the source per check, for the overview's check columns."""
    return dict(Counter(f.check for f in active(run.source_findings)))


def source_findings(
    run: RunResult, anchors: Mapping[str, str], names: Mapping[str, str]
) -> tuple[FindingView, ...]:
    """The source document's findings, listed once on the overview."""
    views = FindingViews("sf", anchors, names, run.source)
    return tuple(views.build(f, None, on_source=True) for f in ordered(run.source_findings))


# --------------------------------------------------------------------------- gate and signature
def _number(value: float | None, spec: str) -> str:
    return "" if value is None else format(value, spec)


_NOT_COMPUTED = re.compile(r"^\S+ \S+ was not computed \((?P<why>.*)\); missing_score = \w+$")
_MODEL_NAME = re.compile(r"model \S+ ")


def skip_reason(message: str) -> str:
    """The reason of a skipped check without what differs per language (metric, model name)."""
    match = _NOT_COMPUTED.match(message)
    reason = match.group("why") if match else message
    return _MODEL_NAME.sub("model ", reason)


def _skipped_groups(checks: Sequence[GateCheck]) -> tuple[SkippedGroup, ...]:
    groups: dict[str, list[GateCheck]] = {}
    for check in checks:
        groups.setdefault(skip_reason(check.message), []).append(check)
    return tuple(
        SkippedGroup(reason=reason,
                     keys=tuple(sorted({c.name for c in members})),
                     langs=tuple(dict.fromkeys(c.lang for c in members)),
                     count=len(members))
        for reason, members in groups.items())


def gate_view(run: RunResult, pages: Mapping[str, str]) -> GateView | None:
    """The gate's checks, failures first; ``pages`` maps a language to its page for row links."""
    from mtcheck.gate.outputs import allowances

    gate = run.gate
    if gate is None:
        return None
    shown = [c for c in gate.checks if c.status is not GateStatus.SKIP]
    checks = []
    for check in sorted(shown, key=lambda c: (-_GATE_RANK.get(c.status, 0), c.lang, c.name)):
        page = pages.get(check.lang)
        checks.append(
            GateCheckView(
                lang=check.lang,
                name=check.name,
                name_parts=tuple(check.name.split(".")),
                status=check.status.value,
                icon=GATE_ICON.get(check.status, UNKNOWN_ICON),
                message=check.message,
                value=_number(check.value, ".4g"),
                threshold=_number(check.threshold, ".4g"),
                p_value=_number(check.p_value, ".3g"),
                row_links=tuple((tid, f"{page}#t-{tid}") for tid in check.target_ids)
                if page
                else (),
            )
        )
    allowed = sorted(allowances(gate), key=lambda a: not a.findings)
    return GateView(
        passed=gate.passed, config=gate.config, baseline=gate.baseline, checks=tuple(checks),
        skipped=_skipped_groups([c for c in gate.checks if c.status is GateStatus.SKIP]),
        allowed=tuple(a.text for a in allowed),
        has_value=any(c.value for c in checks), has_threshold=any(c.threshold for c in checks),
        has_p=any(c.p_value for c in checks))


def signature_view(signature: RunSignature) -> SignatureView:
    return SignatureView(
        mtcheck_version=signature.mtcheck_version,
        config=signature.config,
        segmenter=signature.segmenter,
        aligner=signature.aligner,
        created=signature.created,
        models=tuple(sorted(signature.models.items())),
        scorers=tuple(sorted(signature.scorers.items())),
    )
