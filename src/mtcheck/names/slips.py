"""One name written two ways in a translation: the spelling most sentences use against
the slips of it, said as one ``names.inconsistent`` finding.

The rules that widen a rendering beyond the matcher's match (the other part of a double
name, :mod:`mtcheck.names.double_names`; a Han run, :mod:`mtcheck.names.han_runs`)
each read the forms a translation writes a name in; this module decides which form is
the name's and builds the finding. The spelling most sentences use is the name's; with a
tie, which is the slip cannot be told and the finding points at both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence

from mtcheck.checks import describe_sentences
from mtcheck.types import Alignment, Entity, Finding, NameVariant, Severity, TextSpan

# A form a translation writes a name in: (text, target sentence id, start, end).
Form = tuple[str, int, int, int]


def sources_of(alignment: Alignment) -> dict[int, tuple[int, ...]]:
    """Target sentence id -> the source sentence ids of its pair."""
    return {tid: tuple(pair.source_ids) for pair in alignment.pairs for tid in pair.target_ids}


def slip_finding(entity: Entity, found: Sequence[Form], spelling: Callable[[str], Hashable],
                 is_slip: Callable[[str, str], bool],
                 sources: Mapping[int, tuple[int, ...]]) -> Finding | None:
    """The finding for the forms of ``found`` that ``is_slip`` of the usual one, or None.

    ``spelling`` is what forms are counted by (inflected forms of one spelling count as
    one); the usual form is the first of the most frequent spelling."""
    counts = Counter(spelling(form) for form, *_ in found)
    if len(counts) < 2:
        return None
    top = max(counts.values())
    usual = next(form for form, *_ in found if counts[spelling(form)] == top)
    wrong = [f for f in found if is_slip(usual, f[0])]
    if not wrong:
        return None
    written = wrong[0][0]
    usual_ids = tuple(sorted({sid for form, sid, *_ in found
                              if spelling(form) == spelling(usual)}))
    slip_ids = tuple(sorted({sid for _, sid, *_ in wrong}))
    tie = any(counts[spelling(f[0])] == top for f in wrong)
    if tie:
        wrong += [f for f in found if spelling(f[0]) == spelling(usual)]
    wrong_ids = tuple(sorted({sid for _, sid, *_ in wrong}))
    return Finding(
        check="names.inconsistent", severity=Severity.ERROR,
        message=_message(entity.canonical, usual, usual_ids, written, slip_ids, tie),
        source_ids=tuple(sorted({s for tid in wrong_ids for s in sources.get(tid, ())})),
        target_ids=wrong_ids,
        spans=tuple(TextSpan("target", sid, start, end, form)
                    for form, sid, start, end in wrong),
        entity=entity.id,
        variants=(NameVariant(usual, (usual,), len(usual_ids), usual_ids),
                  NameVariant(written, (written,), len(slip_ids), slip_ids)))


def _message(name: str, usual: str, usual_ids: Sequence[int], written: str,
             slip_ids: Sequence[int], tie: bool) -> str:
    if tie:
        return (f"{name} is written 2 ways: {usual} ({len(usual_ids)}×, "
                f"{describe_sentences(usual_ids)}), {written} ({len(slip_ids)}×, "
                f"{describe_sentences(slip_ids)}); expected one spelling")
    return (f"{name} is written {written} in {describe_sentences(slip_ids)} and {usual} "
            f"elsewhere ({len(usual_ids)}×, {describe_sentences(usual_ids)}); "
            "expected one spelling")
