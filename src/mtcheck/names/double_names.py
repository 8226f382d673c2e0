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
from collections.abc import Mapping, Sequence

from mtcheck.names.inflection import InflectionRules, candidate_stems, rules_for
from mtcheck.names.slips import Form, slip_finding, sources_of
from mtcheck.names.variants import letter_slip
from mtcheck.types import (
    Alignment,
    Entity,
    Finding,
    NameRendering,
    SegmentedDocument,
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
    sources = sources_of(alignment)
    forms: dict[str, list[Form]] = {}
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
        # Inflected forms of one spelling count as one (카리모바-유수포바는, -유수포바에).
        finding = slip_finding(entities[entity_id], forms[entity_id],
                               lambda form: _spelling(form, rules),
                               lambda usual, form: _parts_slip(usual, form, target.lang),
                               sources)
        if finding is not None:
            out.append(finding)
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
