"""Chinese transliterations that differ by one homophone character (齐克劳里 / 奇克劳里).

Chinese writes a foreign name with characters chosen for their sound, and two characters
of one reading are the commonest second spelling. Learning by co-occurrence (see
:mod:`mtcheck.names.learning`) then finds only the part the spellings share (克劳里), and
learned forms take no part in variants. But where every occurrence of a learned form has
a Han character right beside it, those characters differ, and they all read alike, the
name reaches over them and is written two ways.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from mtcheck.names.inflection import rules_for
from mtcheck.names.matching import script_class
from mtcheck.romanize import romanize
from mtcheck.types import NameRendering, SegmentedDocument


def _reading(ch: str, lang: str) -> str:
    return romanize(ch, lang).strip().lower()


def homophone_spellings(renderings: Sequence[NameRendering], target: SegmentedDocument
                        ) -> list[tuple[NameRendering, str]]:
    """For one entity's learned renderings in a Han translation: each rendering widened to
    the homophone character beside it, with that wider surface, when the occurrences differ
    there only by characters of one reading (empty otherwise)."""
    if len(renderings) < 2:
        return []
    lang = target.lang
    function = rules_for(lang).function_characters
    for side in (-1, 1):
        beside = []
        for r in renderings:
            text = target.sentences[r.sentence_id].text
            at = r.start - 1 if side < 0 else r.end
            ch = text[at] if 0 <= at < len(text) else ""
            if not ch or script_class(ch) != "han" or ch in function:
                break
            beside.append(ch)
        else:
            if len(set(beside)) < 2 or len({_reading(ch, lang) for ch in beside}) != 1:
                continue
            widened = []
            for r, ch in zip(renderings, beside, strict=True):
                surface = ch + r.surface if side < 0 else r.surface + ch
                start, end = (r.start - 1, r.end) if side < 0 else (r.start, r.end + 1)
                widened.append((NameRendering(r.entity, r.sentence_id, start, end, surface,
                                              surface), surface))
            return widened
    return []


def minority(widened: Sequence[tuple[NameRendering, str]]) -> tuple[str, list[NameRendering]]:
    """The spelling most occurrences use (the first written, on a tie), and the renderings
    of the others: where a fix is needed."""
    counts = Counter(surface for _, surface in widened)
    first = {surface: i for i, (_, surface) in reversed(list(enumerate(widened)))}
    majority = min(counts, key=lambda s: (-counts[s], first[s]))
    return majority, [r for r, surface in widened if surface != majority]
