"""Second spellings in the part of a double name the matcher did not match.

A double name of the source (Karimova-Yusupova) is often found by one of its parts only
(카리모바 of 카리모바-유수포바에), so a slip in the other part (카리모바-유스포바는) leaves the
matched part alike in every sentence and no second spelling shows. Each rendering of a
name the source writes with a hyphen is widened across the hyphens that join it to the
rest of the name in the translation, as many as the source's name has, and widened forms
one letter apart (or two, when long; never inflected or derived forms, whose particles
and endings are cut first: see :func:`mtcheck.names.variants.letter_slip`) are one name
written two ways. The spelling most sentences use is the name's, and the others are
reported as ``names.inconsistent``; with a tie, the finding points at both. Han script has its own rule
(:mod:`mtcheck.names.han_runs`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from mtcheck.checks import describe_sentences
from mtcheck.names.inflection import InflectionRules, candidate_stems, rules_for
from mtcheck.names.variants import letter_slip
from mtcheck.types import (
    Alignment,
    Entity,
    Finding,
    NameRendering,
    NameVariant,
    SegmentedDocument,
    Severity,
    TextSpan,
)

_HYPHENS = "-‐"
_AFTER = re.compile(r"[-‐][^\W\d_]+")
_BEFORE = re.compile(r"[^\W\d_]+[-‐]$")
_SPLIT = re.compile(r"[-‐]")


def widened(text: str, start: int, end: int, hyphens: int) -> tuple[int, int]:
    """The span of ``text[start:end]`` with up to ``hyphens`` hyphen-joined words before
    and after it, those after first."""
    for _ in range(hyphens):
        after = _AFTER.match(text, end)
        if after:
            end = after.end()
            continue
        before = _BEFORE.search(text[:start])
        if not before:
            break
        start = before.start()
    return start, end


def double_name_slips(target: SegmentedDocument, alignment: Alignment,
                      renderings: Sequence[NameRendering], entities: Mapping[str, Entity],
                      findings: Sequence[Finding]) -> list[Finding]:
    """``names.inconsistent`` findings for the double names whose widened renderings
    differ by a slip between sentences (see the module's docstring). Names that already
    have a ``names.inconsistent`` finding are left alone."""
    reported = {f.entity for f in findings if f.check == "names.inconsistent"}
    sources: dict[int, tuple[int, ...]] = {}
    for pair in alignment.pairs:
        for tid in pair.target_ids:
            sources[tid] = tuple(pair.source_ids)
    forms: dict[str, list[tuple[str, int, int, int]]] = {}
    for rendering in renderings:
        entity = entities.get(rendering.entity)
        if entity is None or rendering.entity in reported:
            continue
        hyphens = sum(entity.canonical.count(h) for h in _HYPHENS)
        if not hyphens:
            continue
        text = target.sentences[rendering.sentence_id].text
        start, end = widened(text, rendering.start, rendering.end, hyphens)
        if (start, end) == (rendering.start, rendering.end):
            continue
        forms.setdefault(rendering.entity, []).append(
            (text[start:end], rendering.sentence_id, start, end))
    out = []
    rules = rules_for(target.lang)
    for entity_id in sorted(forms):
        found = forms[entity_id]
        # Inflected forms of one spelling count as one (카리모바-유수포바는, -유수포바에).
        counts = Counter(_spelling(form, rules) for form, *_ in found)
        if len(counts) < 2:
            continue
        top = max(counts.values())
        usual = next(form for form, *_ in found if counts[_spelling(form, rules)] == top)
        wrong = [f for f in found if _parts_slip(usual, f[0], target.lang)]
        if not wrong:
            continue
        usual_ids = tuple(sorted({sid for form, sid, *_ in found
                                  if _spelling(form, rules) == _spelling(usual, rules)}))
        slip_ids = tuple(sorted({sid for _, sid, *_ in wrong}))
        tie = any(counts[_spelling(f[0], rules)] == top for f in wrong)
        if tie:
            # As often one way as the other: which is the slip cannot be told, and the
            # finding points at both.
            wrong += [f for f in found if _spelling(f[0], rules) == _spelling(usual, rules)]
        wrong_ids = tuple(sorted({sid for _, sid, *_ in wrong}))
        written = wrong[0][0]
        out.append(Finding(
            check="names.inconsistent", severity=Severity.ERROR,
            message=_message(entities[entity_id].canonical, usual, usual_ids, written,
                             slip_ids, tie),
            source_ids=tuple(sorted({s for tid in wrong_ids for s in sources.get(tid, ())})),
            target_ids=wrong_ids,
            spans=tuple(TextSpan("target", sid, start, end, form)
                        for form, sid, start, end in wrong),
            entity=entity_id,
            variants=(NameVariant(usual, (usual,), len(usual_ids), usual_ids),
                      NameVariant(written, (written,), len(slip_ids), slip_ids))))
    return out


def _spelling(form: str, rules: InflectionRules) -> tuple[str, ...]:
    """Each hyphen-joined part of ``form`` as its shortest stem."""
    return tuple(candidate_stems(part, rules)[-1] for part in _SPLIT.split(form))


def _parts_slip(first: str, second: str, lang: str) -> bool:
    """Two forms of as many hyphen-joined parts, one part or more a slip of the other's
    (see :func:`mtcheck.names.variants.letter_slip`), the others alike but for endings."""
    a, b = _SPLIT.split(first), _SPLIT.split(second)
    if len(a) != len(b):
        return False
    rules = rules_for(lang)
    slips = 0
    for x, y in zip(a, b, strict=True):
        if letter_slip(x, y, lang):
            slips += 1
        elif not set(candidate_stems(x, rules)) & set(candidate_stems(y, rules)):
            return False
    return slips > 0


def _message(name: str, usual: str, usual_ids: Sequence[int], written: str,
             slip_ids: Sequence[int], tie: bool) -> str:
    if tie:
        return (f"{name} is written 2 ways: {usual} ({len(usual_ids)}×, "
                f"{describe_sentences(usual_ids)}), {written} ({len(slip_ids)}×, "
                f"{describe_sentences(slip_ids)}); expected one spelling")
    return (f"{name} is written {written} in {describe_sentences(slip_ids)} and {usual} "
            f"elsewhere ({len(usual_ids)}×, {describe_sentences(usual_ids)}); "
            "expected one spelling")
