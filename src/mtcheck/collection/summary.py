"""What the collection keeps of each document's results: small enough to store for
every document in the collection's results.json, so that an incremental run
builds the index and the name memory without reading every document's results.

This is the narrow interface to the names stage: a document's entities (id,
display name, source spellings) and, per translation, how often each base form
of each entity was found (from ``TranslationResult.renderings``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from mtcheck.types import GateCheck, GateStatus, RunResult, Severity, TranslationResult


@dataclass(frozen=True)
class RenderingCount:
    """One base form of an entity in one translation, and how often it occurs."""

    base: str
    count: int


@dataclass(frozen=True)
class EntityRenderings:
    """How one document renders one entity, per language."""

    entity: str
    canonical: str
    source_forms: tuple[str, ...]
    renderings: Mapping[str, tuple[RenderingCount, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class LanguageSummary:
    """One translation of one document, as the index page shows it."""

    lang: str
    page: str  # the translation's report page, relative to the document's folder
    coverage: float
    scores: Mapping[str, float]  # "reference.chrF", "roundtrip.BLEU", ...
    errors: int
    warnings: int
    infos: int
    checks: Mapping[str, int]  # finding counts per check id (suppressed ones left out)
    gate: str = ""  # "pass", "fail", "warn" or "" when not gated


@dataclass(frozen=True)
class DocumentSummary:
    document_id: str
    languages: tuple[LanguageSummary, ...]
    names: tuple[EntityRenderings, ...]
    gate_checks: tuple[GateCheck, ...] = ()
    gate_passed: bool | None = None  # None: not gated
    created: str = ""


def summarize(run: RunResult, pages: Mapping[int, str]) -> DocumentSummary:
    """The summary of one document's results; ``pages`` names each translation's page."""
    gate_by_lang: dict[str, list[GateStatus]] = {}
    if run.gate is not None:
        for check in run.gate.checks:
            gate_by_lang.setdefault(check.lang, []).append(check.status)
    languages = tuple(
        _language(t, pages.get(i, ""), gate_by_lang.get(t.lang)) for i, t in enumerate(run.translations)
    )
    return DocumentSummary(
        document_id=run.document_id,
        languages=languages,
        names=_names(run),
        gate_checks=run.gate.checks if run.gate else (),
        gate_passed=run.gate.passed if run.gate else None,
        created=run.signature.created,
    )


def _language(result: TranslationResult, page: str, gate: list[GateStatus] | None) -> LanguageSummary:
    live = [f for f in result.findings if not f.suppressed]
    severities = Counter(f.severity for f in live)
    status = ""
    if gate is not None:
        status = ("fail" if GateStatus.FAIL in gate else "warn" if GateStatus.WARN in gate
                  else "pass")
    return LanguageSummary(
        lang=result.lang,
        page=page,
        coverage=round(result.coverage, 4),
        scores={f"{s.kind.value}.{s.metric}": s.value for s in result.scores},
        errors=severities[Severity.ERROR],
        warnings=severities[Severity.WARNING],
        infos=severities[Severity.INFO],
        checks=dict(sorted(Counter(f.check for f in live).items())),
        gate=status,
    )


def _names(run: RunResult) -> tuple[EntityRenderings, ...]:
    per_entity: dict[str, dict[str, Counter[str]]] = {}
    for translation in run.translations:
        for rendering in translation.renderings:
            per_entity.setdefault(rendering.entity, {}).setdefault(
                translation.lang, Counter())[rendering.base] += 1
    entries = []
    for entity in run.entities:
        langs = per_entity.get(entity.id, {})
        entries.append(EntityRenderings(
            entity=entity.id,
            canonical=entity.canonical,
            source_forms=entity.source_forms,
            renderings={lang: tuple(RenderingCount(base, n) for base, n in
                                    sorted(counts.items(), key=lambda item: (-item[1], item[0])))
                        for lang, counts in sorted(langs.items())},
        ))
    return tuple(entries)
