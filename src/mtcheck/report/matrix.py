"""The name matrix: one row per name, one cell per translation, problems flagged.

A cell lists how the name was rendered (most frequent first, each linked to its
first sentence) and flags the run's name findings for that language with a
short visible label.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from mtcheck.report.findings_view import (
    FindingView,
    FindingViews,
    active,
    check_title,
    ordered,
    variant_labels,
)
from mtcheck.types import Entity, Finding, NameRendering, RunResult, TranslationResult


@dataclass(frozen=True)
class NameVariantView:
    base: str
    count: int
    surfaces: tuple[str, ...]
    href: str | None
    tag: str | None  # "variant" or "glossary" when this rendering stands out


@dataclass(frozen=True)
class NameCell:
    lang: str
    variants: tuple[NameVariantView, ...]
    missing: bool
    inconsistent: bool
    glossary: str | None
    glossary_mismatch: bool
    flags: tuple[tuple[FindingView, str], ...]  # each finding with its short visible label


@dataclass(frozen=True)
class EntityRow:
    id: str
    anchor: str
    canonical: str
    source_forms: tuple[str, ...]
    source_count: int
    from_glossary: bool
    source_findings: tuple[FindingView, ...]
    cells: tuple[NameCell, ...]
    problem_count: int


def _cell_label(finding: Finding, variant_count: int) -> str:
    if finding.check == "names.missing":
        return "missing"
    if finding.check == "names.inconsistent":
        return f"{variant_count} variants"
    if finding.check == "names.glossary" and finding.expected:
        return f"glossary: {finding.expected}"
    return check_title(finding.check)


def _variants(
    entity: Entity,
    translation: TranslationResult,
    page: str,
    labels: Mapping[tuple[str, str], tuple[str, str]],
) -> tuple[NameVariantView, ...]:
    """How ``entity`` was rendered in ``translation``: the most frequent base form first."""
    by_base: dict[str, list[NameRendering]] = defaultdict(list)
    for rendering in translation.renderings:
        if rendering.entity == entity.id:
            by_base[rendering.base].append(rendering)
    return tuple(
        NameVariantView(
            base=base,
            count=len(found),
            surfaces=tuple(sorted({r.surface for r in found})),
            href=f"{page}#t-{min(r.sentence_id for r in found)}",
            tag=labels.get((entity.id, base), (None, ""))[0],
        )
        for base, found in sorted(
            by_base.items(),
            key=lambda kv: (-len(kv[1]), min(r.sentence_id for r in kv[1]), kv[0]),
        )
    )


def _cell(
    entity: Entity,
    translation: TranslationResult,
    page: str,
    labels: Mapping[tuple[str, str], tuple[str, str]],
    views: FindingViews,
) -> NameCell:
    findings = [f for f in active(translation.findings) if f.entity == entity.id]
    variants = _variants(entity, translation, page, labels)
    glossary = next(
        (f.expected for f in findings if f.check == "names.glossary" and f.expected), None
    )
    return NameCell(
        lang=translation.lang,
        variants=variants,
        missing=any(f.check == "names.missing" for f in findings),
        inconsistent=any(f.check == "names.inconsistent" for f in findings),
        glossary=glossary,
        glossary_mismatch=glossary is not None,
        flags=tuple((views.build(f, None), _cell_label(f, len(variants))) for f in ordered(findings)),
    )


def entity_rows(
    run: RunResult, pages: Mapping[int, str], anchors: Mapping[str, str], names: Mapping[str, str]
) -> tuple[EntityRow, ...]:
    """One row per name of the run, with a cell per translation (in run order)."""
    views = FindingViews("nf", anchors, names)
    labels_of = [variant_labels(t) for t in run.translations]
    rows: list[EntityRow] = []
    for entity in run.entities:
        source_findings = tuple(
            views.build(f, None, on_source=True)
            for f in ordered(run.source_findings)
            if f.entity == entity.id and not f.suppressed
        )
        cells = tuple(
            _cell(entity, translation, pages[position], labels_of[position], views)
            for position, translation in enumerate(run.translations)
        )
        rows.append(
            EntityRow(
                id=entity.id,
                anchor=anchors[entity.id],
                canonical=entity.canonical,
                source_forms=entity.source_forms,
                source_count=len(entity.source_ids),
                from_glossary=entity.from_glossary,
                source_findings=source_findings,
                cells=cells,
                problem_count=len(source_findings) + sum(len(c.flags) for c in cells),
            )
        )
    return tuple(rows)
