"""The declared QA checks: id, default severity, title.

Stages emit findings under these ids; config can switch a check off, change its
severity or suppress a known false positive, and the gate counts findings per id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mtcheck.types import SegmentedDocument, Severity


@dataclass(frozen=True)
class Check:
    id: str
    severity: Severity
    title: str
    stage: str


def _declare(*checks: Check) -> dict[str, Check]:
    return {check.id: check for check in checks}


CHECKS: dict[str, Check] = _declare(
    Check("align.omission", Severity.ERROR, "Source sentence not translated", "align"),
    Check("align.addition", Severity.WARNING, "Target sentence with no source", "align"),
    Check("omission.partial", Severity.WARNING, "Source clause with no counterpart", "omission"),
    Check("align.truncation", Severity.ERROR, "Translation ends before the source", "align"),
    Check("segment.glued", Severity.INFO, "Sentences glued without a space", "segment"),
    Check("text.needs-review", Severity.WARNING, "Unit marked fuzzy or needing review",
          "corpus"),
    Check("text.identical", Severity.ERROR, "Translation identical to the source", "score"),
    Check("text.untranslated", Severity.WARNING, "Untranslated source fragment", "names"),
    Check("text.wrong-language", Severity.ERROR, "Translation in the wrong language", "corpus"),
    Check("names.inconsistent", Severity.ERROR, "One name rendered several ways", "names"),
    Check("names.missing", Severity.ERROR, "Name missing from the translation", "names"),
    Check("names.glossary", Severity.ERROR, "Name differs from the glossary", "names"),
    Check("names.script", Severity.WARNING, "Name left in the source script", "names"),
    Check("names.source-inconsistent", Severity.WARNING, "Source spells one name several ways", "names"),
    Check("names.site-drift", Severity.WARNING,
          "Name rendered otherwise than across the rest of the site", "collection"),
    Check("numbers.mismatch", Severity.ERROR, "Number or date differs from the source", "names"),
    Check("numbers.missing", Severity.WARNING, "Number or date missing from the translation", "names"),
)


def describe_sentences(ids: Sequence[int], document: SegmentedDocument | None = None) -> str:
    """'sentence #4' / 'sentences #4, #7': ids as reports and results.json show them.

    Every finding message numbers sentences this way, so a reader can find
    "#4" in the report (where the title, when there is one, is #0). Given the
    document of a unit-based file (XLIFF, PO, TMX, ...), sentences are named by
    the unit id the user knows: 'unit p4s2 (sentence #4)'.
    """
    shown = ", ".join(f"#{i}" for i in ids)
    numbered = f"sentence {shown}" if len(ids) == 1 else f"sentences {shown}"
    units = unit_ids(ids, document) if document is not None else []
    if not units:
        return numbered
    return f"unit{'s' if len(units) > 1 else ''} {', '.join(units)} ({numbered})"


def unit_ids(ids: Sequence[int], document: SegmentedDocument) -> list[str]:
    """The distinct unit ids of the given sentences, in order; empty when there are none."""
    found: list[str] = []
    for i in ids:
        if not 0 <= i < len(document.sentences):
            return []
        unit = document.document.paragraphs[document.sentences[i].paragraph].unit_id
        if unit is None:
            return []
        if unit not in found:
            found.append(unit)
    return found


def get_check(check_id: str) -> Check:
    from mtcheck.errors import ConfigError

    try:
        return CHECKS[check_id]
    except KeyError:
        known = ", ".join(sorted(CHECKS))
        raise ConfigError("checks", f"unknown check {check_id!r}; known checks: {known}") from None
