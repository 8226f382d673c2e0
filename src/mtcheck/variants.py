"""Which renderings of an inconsistent name stand out: the ones to point a reader at.

A ``names.inconsistent`` finding lists every variant of a name with the
sentences it occurs in. The intended one is the finding's expected form (the
glossary's, when the name has one) if a variant has it, else the most frequent
variant (ties: the one that occurs first); the others stand out. A ``names.glossary``
finding's renderings stand out when they differ from the glossary form. The
HTML report flags only those sentences and the CI annotations point at them
first, so a reader lands on the wrong spelling, not on a correct mention.
"""

from __future__ import annotations

from mtcheck.types import Finding, NameVariant

VARIANT_CHECKS = frozenset({"names.inconsistent", "names.glossary"})


def ranked_variants(finding: Finding) -> list[NameVariant]:
    """The finding's variants, the intended first: the expected form, else the most frequent."""
    return sorted(finding.variants,
                  key=lambda v: (v.base != finding.expected, -v.count,
                                 min(v.sentence_ids, default=1 << 30), v.base))


def standing_out(finding: Finding) -> list[NameVariant]:
    """The variants that differ from the intended or glossary form."""
    if finding.check == "names.glossary" and finding.expected:
        return [v for v in finding.variants if v.base != finding.expected]
    if finding.check == "names.inconsistent":
        return ranked_variants(finding)[1:]
    return []


def variant_sentences(finding: Finding) -> tuple[int, ...]:
    """Target sentences of the standing-out variants; all of the finding's when unknown."""
    ids = sorted({s for v in standing_out(finding) for s in v.sentence_ids})
    return tuple(ids) if ids else finding.target_ids
