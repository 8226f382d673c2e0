"""A name reported missing from a pair that holds a word sounding like the translation's own
spelling of it: a second spelling the matcher did not read, not a drop.

The matcher reads a name by the spellings it expects; where a translation writes the name
two ways, it may read the unusual spelling and miss the usual one (페트로샨 found,
페트로시안 not; 탄제르 found, 탕헤르 not). The stage then reports the name missing from the
pairs that hold the usual spelling, and says nothing of the second spelling: the wrong
diagnosis in the wrong place. The translation's own renderings tell what it should be:
where a missing pair holds a word whose phonetic key (after its particle or ending is cut)
is close to the key of the translation's rendering of that name elsewhere, and is no
inflected form of that rendering, the name is there, written another way:
``names.inconsistent`` naming both spellings, in place of the ``names.missing`` one.

This only relabels findings the stage already made: it adds none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from mtcheck.frequency import zipf
from mtcheck.names.consistency import describe_variants
from mtcheck.names.inflection import candidate_stems, rules_for
from mtcheck.romanize import sound_key
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

# Phonetic keys at least this alike (rapidfuzz ratio) are one name written two ways
# (peteurosian / peteurosyan, tangereu / tanzereu); the looser ratios the stage uses to rule
# words out as new names (65) would take another name of the pair for this one.
_CLOSE = 80.0
# Shorter keys say too little to tell a name by.
_MIN_KEY = 4
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _source_of(alignment: Alignment) -> dict[int, tuple[int, ...]]:
    return {t: pair.source_ids for pair in alignment.pairs for t in pair.target_ids}


def second_spelling(finding: Finding, target: SegmentedDocument,
                    renderings: Sequence[NameRendering], rare_zipf: float
                    ) -> tuple[str, int, int, int] | None:
    """The word of the finding's target sentences (surface, sentence id, start, end) that
    sounds like the translation's rendering of the finding's entity in other sentences but
    is no inflected form of it, nor a word of the language as common as ``rare_zipf``
    (Schottlands, the German exonym, beside a Scotland copied inside a longer name); None
    if there is none."""
    own = [r for r in renderings if r.entity == finding.entity
           and r.sentence_id not in finding.target_ids]
    if not own:
        return None
    rules = rules_for(target.lang)
    spelt = {stem for r in own for stem in candidate_stems(r.base, rules)}
    keys = {sound_key(r.base, target.lang) for r in own}
    taken = {(r.sentence_id, r.start) for r in renderings}
    best: tuple[float, tuple[str, int, int, int]] | None = None
    for tid in finding.target_ids:
        spans = [(r.start, r.end) for r in renderings if r.sentence_id == tid]
        for match in _WORD.finditer(target.sentences[tid].text):
            if (tid, match.start()) in taken or any(
                    s < match.end() and match.start() < e for s, e in spans):
                continue
            stems = candidate_stems(match.group(0), rules)
            if set(stems) & spelt:
                return None  # the name as the translation writes it: read, not respelt
            score = max((fuzz.ratio(sound_key(stem, target.lang), key)
                         for stem in stems for key in keys
                         if len(sound_key(stem, target.lang)) >= _MIN_KEY), default=0.0)
            if score >= _CLOSE and (best is None or score > best[0]) and all(
                    zipf(stem, target.lang) < rare_zipf for stem in stems):
                best = (score, (match.group(0), tid, match.start(), match.end()))
    return best[1] if best else None


def respelt(findings: Sequence[Finding], target: SegmentedDocument, alignment: Alignment,
            renderings: Sequence[NameRendering], entities: Mapping[str, Entity],
            rare_zipf: float) -> tuple[Finding, ...]:
    """``findings`` with each ``names.missing`` one whose pair holds a second spelling of
    the name (see :func:`second_spelling`) replaced by a ``names.inconsistent`` warning
    naming the translation's spelling elsewhere and the second one."""
    sources = _source_of(alignment)
    out = []
    for finding in findings:
        entity = entities.get(finding.entity or "")
        found = (second_spelling(finding, target, renderings, rare_zipf)
                 if finding.check == "names.missing" and entity else None)
        if entity is None or found is None:
            out.append(finding)
            continue
        word, tid, start, end = found
        own = [r for r in renderings if r.entity == entity.id
               and r.sentence_id not in finding.target_ids]
        usual = sorted({r.sentence_id for r in own})
        variants = (NameVariant(own[0].base, tuple(dict.fromkeys(r.surface for r in own)),
                                len(own), tuple(usual)),
                    NameVariant(word, (word,), 1, (tid,)))
        out.append(Finding(
            check="names.inconsistent", severity=Severity.WARNING,
            message=(f"{entity.canonical} is written 2 ways: {describe_variants(variants)}; "
                     "expected one spelling (the second read by its sound)"),
            source_ids=tuple(sorted({*finding.source_ids,
                                     *(s for t in usual for s in sources.get(t, ()))})),
            target_ids=tuple(sorted({*finding.target_ids, *usual})),
            spans=(TextSpan("target", tid, start, end, word),),
            entity=entity.id, variants=variants))
    return tuple(out)
