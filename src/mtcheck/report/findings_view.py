"""Findings as the pages show them: titles, severity icons, order, counts and name labels.

Every page lists findings, so the ordering and labelling live here once; the
overview, the translation pages and the name matrix then agree on what comes
first and how a finding is named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mtcheck.checks import CHECKS, unit_ids
from mtcheck.types import Finding, SegmentedDocument, Severity, TranslationResult
from mtcheck.variants import VARIANT_CHECKS, ranked_variants

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY_ICON = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "ℹ"}
UNKNOWN_ICON = "•"

# The name checks whose findings explain why a rendering is tagged as standing out.
NAME_VARIANT_CHECKS = VARIANT_CHECKS


@dataclass(frozen=True)
class FindingView:
    uid: str  # unique id in the page, for aria-describedby
    check: str
    title: str
    severity: str
    severity_icon: str
    message: str
    suppressed: bool
    entity: str | None
    entity_anchor: str | None
    expected: str | None
    source_ids: tuple[int, ...]
    target_ids: tuple[int, ...]
    row_anchor: str | None  # first row of the translation page it concerns
    on_source: bool  # found on the source document rather than this translation
    source_units: tuple[str, ...] = ()  # unit ids (XLIFF, PO, ...) of the source sentences
    target_units: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeverityCount:
    severity: str
    icon: str
    count: int


def check_title(check: str) -> str:
    """The declared title of a check; an undeclared id is shown as it is."""
    known = CHECKS.get(check)
    return known.title if known else check


def _severity_rank(severity: Severity) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def finding_sort_key(finding: Finding) -> tuple[object, ...]:
    """Active before suppressed, worst first, then in document order."""
    first = min(finding.target_ids or finding.source_ids or (1 << 30,))
    return (finding.suppressed, _severity_rank(finding.severity), first, finding.check, finding.message)


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` in the order every page lists them."""
    return sorted(findings, key=finding_sort_key)


def active(findings: Iterable[Finding]) -> list[Finding]:
    """The findings config did not suppress: the ones that count."""
    return [f for f in findings if not f.suppressed]


def severity_counts(findings: Sequence[Finding]) -> tuple[SeverityCount, ...]:
    """Active findings per severity, every severity listed even when zero."""
    counts = Counter(f.severity for f in active(findings))
    return tuple(SeverityCount(s.value, SEVERITY_ICON[s], counts.get(s, 0)) for s in SEVERITY_ORDER)


class FindingViews:
    """Builds FindingViews whose ids are unique in one page (``prefix-1``, ``prefix-2``, ...)."""

    def __init__(self, prefix: str, anchors: Mapping[str, str], entity_names: Mapping[str, str],
                 source: SegmentedDocument | None = None,
                 target: SegmentedDocument | None = None):
        self._prefix = prefix
        self._anchors = anchors
        self._names = entity_names
        self._source = source
        self._target = target
        self._counter = 0

    def build(
        self, finding: Finding, row_anchor: str | None, on_source: bool = False
    ) -> FindingView:
        self._counter += 1
        return FindingView(
            uid=f"{self._prefix}-{self._counter}",
            check=finding.check,
            title=check_title(finding.check),
            severity=finding.severity.value,
            severity_icon=SEVERITY_ICON.get(finding.severity, UNKNOWN_ICON),
            message=finding.message,
            suppressed=finding.suppressed,
            entity=self._names.get(finding.entity, finding.entity) if finding.entity else None,
            entity_anchor=self._anchors.get(finding.entity) if finding.entity else None,
            expected=finding.expected,
            source_ids=finding.source_ids,
            target_ids=finding.target_ids,
            row_anchor=row_anchor,
            on_source=on_source,
            source_units=tuple(unit_ids(finding.source_ids, self._source))
            if self._source is not None else (),
            target_units=tuple(unit_ids(finding.target_ids, self._target))
            if self._target is not None and not on_source else (),
        )


def variant_labels(
    translation: TranslationResult,
) -> dict[tuple[str, str], tuple[str, str]]:
    """(entity, base) -> (tag, explanation) for renderings that stand out.

    Of an inconsistent name's variants the expected (glossary) form, else the
    most frequent (ties: the one that occurs first), is taken as the intended
    one (:mod:`mtcheck.variants`); the others are marked.
    The translation page and the name matrix both tag renderings with this, so
    a variant is marked the same way on both.
    """
    labels: dict[tuple[str, str], tuple[str, str]] = {}
    for finding in translation.findings:
        if finding.entity is None or finding.suppressed:
            continue
        if finding.check == "names.inconsistent" and finding.variants:
            ranked = ranked_variants(finding)
            for variant in ranked[1:]:
                labels[(finding.entity, variant.base)] = (
                    "variant",
                    f"inconsistent variant (intended: {ranked[0].base})",
                )
        if finding.check == "names.glossary" and finding.expected:
            bases = {r.base for r in translation.renderings if r.entity == finding.entity}
            for base in sorted(bases):
                if base != finding.expected:
                    labels.setdefault(
                        (finding.entity, base),
                        ("glossary", f"differs from the glossary form {finding.expected}"),
                    )
    return labels
