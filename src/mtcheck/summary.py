"""The one-screen text summary of a run, one row per language."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

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
