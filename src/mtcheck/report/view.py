"""Reshape a :class:`~mtcheck.types.RunResult` into the one view-model every template gets.

Nothing in this package scores or judges: every number and finding comes from
the run. The view only groups, orders, labels and lays out, so that templates
stay free of logic and never have to build HTML from strings. This module
assembles the pieces made by :mod:`~mtcheck.report.overview`,
:mod:`~mtcheck.report.translation` and :mod:`~mtcheck.report.matrix`; the
links between pages (:mod:`~mtcheck.report.links`) are fixed here once so
that every page points at the same file names and anchors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mtcheck.report.charts import BarChart, findings_chart, score_chart
from mtcheck.report.findings_view import FindingView
from mtcheck.report.language_view import LanguageInfo, language_info
from mtcheck.report.links import entity_anchors, page_names
from mtcheck.report.matrix import EntityRow, entity_rows
from mtcheck.report.overview import (
    GateView,
    LanguageRow,
    SignatureView,
    checks_seen,
    gate_view,
    language_rows,
    metric_columns,
    signature_view,
    source_check_counts,
    source_findings,
)
from mtcheck.report.translation import TranslationPage, translation_page
from mtcheck.types import RunResult


@dataclass(frozen=True)
class RunView:
    document_id: str
    source_path: str
    source_language: LanguageInfo
    source_sentences: int
    languages: tuple[LanguageRow, ...]
    reference_metrics: tuple[str, ...]
    roundtrip_metrics: tuple[str, ...]
    has_coverage: bool
    checks_seen: tuple[tuple[str, str, str], ...]  # (check id, title, default severity)
    source_check_counts: Mapping[str, int]
    source_findings: tuple[FindingView, ...]
    gate: GateView | None
    signature: SignatureView
    score_chart: BarChart | None
    findings_chart: BarChart | None
    translations: tuple[TranslationPage, ...]
    entities: tuple[EntityRow, ...]
    name_problem_count: int
    pages: Mapping[str, str] = field(default_factory=dict)  # lang -> file name


def build_view(run: RunResult) -> RunView:
    """Reshape a run into everything the templates show."""
    pages = page_names(run)
    anchors = entity_anchors(run)
    names = {e.id: e.canonical for e in run.entities}
    lang_pages = {t.lang: pages[i] for i, t in enumerate(run.translations)}
    languages = language_rows(run, pages)
    entities = entity_rows(run, pages, anchors, names)
    return RunView(
        document_id=run.document_id,
        source_path=run.source.document.path,
        source_language=language_info(run.source.lang),
        source_sentences=len(run.source.sentences),
        languages=languages,
        reference_metrics=metric_columns(r.reference for r in languages),
        roundtrip_metrics=metric_columns(r.roundtrip for r in languages),
        has_coverage=any(r.coverage is not None for r in languages),
        checks_seen=checks_seen(run, languages),
        source_check_counts=source_check_counts(run),
        source_findings=source_findings(run, anchors, names),
        gate=gate_view(run, lang_pages),
        signature=signature_view(run.signature),
        score_chart=score_chart(languages),
        findings_chart=findings_chart(languages),
        translations=tuple(
            translation_page(run, t, pages[i], anchors, names)
            for i, t in enumerate(run.translations)
        ),
        entities=entities,
        name_problem_count=sum(e.problem_count for e in entities),
        pages=lang_pages,
    )
