"""The one-screen text summary of a run, one row per language."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from mtcheck.languages import get_language
from mtcheck.types import MetricScore, RunResult, ScoreKind, Severity, TranslationResult


def _score(scores: Sequence[MetricScore], kind: ScoreKind, metric: str) -> str:
    for score in scores:
        if score.kind is kind and score.metric == metric:
            return f"{score.value:.1f}"
    return "-"


def _row(result: TranslationResult) -> list[str]:
    live = [f for f in result.findings if not f.suppressed]
    severities = Counter(f.severity for f in live)
    kinds = Counter(f.check.split(".")[0] for f in live)
    return [
        result.lang,
        get_language(result.lang).name,
        f"{len(result.target.sentences)}",
        f"{result.coverage * 100:.0f}%",
        _score(result.scores, ScoreKind.REFERENCE, "BLEU"),
        _score(result.scores, ScoreKind.REFERENCE, "chrF"),
        _score(result.scores, ScoreKind.ROUNDTRIP, "chrF"),
        f"{severities[Severity.ERROR]}/{severities[Severity.WARNING]}",
        f"{kinds['names']}",
        f"{kinds['numbers']}",
        f"{kinds['align']}",
    ]


HEADER = ["lang", "language", "sents", "cover", "BLEU", "chrF", "RT chrF", "err/warn",
          "names", "numbers", "align"]


def format_summary(run: RunResult) -> str:
    """A plain-text table; BLEU/chrF are reference scores, RT chrF a round-trip estimate."""
    rows = [HEADER] + [_row(r) for r in run.translations]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = []
    for n, row in enumerate(rows):
        cells = [cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in
                 enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    source_count = len(run.source.sentences)
    notes = [
        f"source: {run.source.document.path} ({source_count} sentences, "
        f"{len(run.entities)} named entities tracked, "
        f"{len([f for f in run.source_findings if not f.suppressed])} source findings)",
        "BLEU/chrF: against the reference ('-' = no reference); "
        "RT chrF: round-trip estimate (back-translation vs source; '-' = not evaluated)",
    ]
    return "\n".join([*lines, "", *notes])


def summary_data(run: RunResult) -> dict[str, Any]:
    """The run in brief, for machines: what the text table shows, plus the gate."""
    gate_by_lang: dict[str, list[str]] = {}
    if run.gate is not None:
        for check in run.gate.checks:
            gate_by_lang.setdefault(check.lang, []).append(check.status.value)
    languages = []
    for result in run.translations:
        live = [f for f in result.findings if not f.suppressed]
        severities = Counter(f.severity.value for f in live)
        statuses = gate_by_lang.get(result.lang)
        languages.append({
            "lang": result.lang,
            "sentences": len(result.target.sentences),
            "coverage": round(result.coverage, 4),
            "scores": [
                {"kind": s.kind.value, "metric": s.metric, "value": s.value,
                 "ci_low": s.ci_low, "ci_high": s.ci_high,
                 "higher_is_better": s.higher_is_better}
                for s in result.scores
            ],
            "roundtrip_status": result.roundtrip_status,
            "findings": {severity.value: severities[severity.value] for severity in Severity},
            "suppressed": len(result.findings) - len(live),
            "gate": None if statuses is None else ("fail" if "fail" in statuses else "pass"),
        })
    gate = None
    if run.gate is not None:
        counts = Counter(check.status.value for check in run.gate.checks)
        gate = {"passed": run.gate.passed, "config": run.gate.config,
                "checks": {status: counts[status] for status in sorted(counts)}}
    return {
        "document_id": run.document_id,
        "source": run.source.document.path,
        "source_sentences": len(run.source.sentences),
        "languages": languages,
        "gate": gate,
    }


def summary_json(runs: Sequence[RunResult]) -> str:
    """``mtcheck evaluate --json``: one object per evaluated corpus, deterministic."""
    document = {"runs": [summary_data(run) for run in runs],
                "passed": None if any(run.gate is None for run in runs)
                else all(run.gate is not None and run.gate.passed for run in runs)}
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"
