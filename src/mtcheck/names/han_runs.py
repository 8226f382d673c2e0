"""Second spellings of a name in Han script that lie beyond the matched characters.

The matcher finds a Han rendering by the substring that sounds like the name (拉克鲁 in
德拉克鲁斯 for "De la Cruz", 桑托斯 in 桑托斯-雷耶斯 for "Santos-Reyes"), so a slip in a
character outside that substring (德拉克鲁兹, 桑托斯-雷伊斯) leaves the matched part alike
in every sentence and no second spelling shows. A transliteration is a run of the
characters the language transliterates with (``transliteration_characters`` in
``data/inflection/zh.toml``), its parts joined by a hyphen or a middle dot: each rendering
is widened to the whole run around it, and runs of one name that differ by one character
put in the place of another (never one added: the run may have taken in a neighbouring
word) are one name written two ways. The spelling most sentences use is the name's; the
others are reported as ``names.inconsistent`` (with a tie, the finding points at both).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from mtcheck.names.inflection import rules_for
from mtcheck.names.slips import slip_finding, sources_of
from mtcheck.names.variants import letter_slip
from mtcheck.types import (
    Alignment,
    Entity,
    Finding,
    NameRendering,
    SegmentedDocument,
)

# Characters that join the parts of one transliterated name (桑托斯-雷耶斯, 纳纳·亚乌).
_JOINERS = frozenset("-‐·・‧")
# The dots part a full name's names (何塞·德拉克鲁斯); a hyphen joins a double name
# (桑托斯-雷耶斯), which stays one part.
_DOTS = frozenset("·・‧")


def widened(text: str, start: int, end: int, allowed: Collection[str]) -> tuple[int, int]:
    """The span of the run of ``allowed`` characters (joiners inside) around
    ``text[start:end]``."""

    def takes(i: int, step: int) -> bool:
        if not 0 <= i < len(text):
            return False
        if text[i] in allowed:
            return True
        beyond = i + step
        return text[i] in _JOINERS and 0 <= beyond < len(text) and text[beyond] in allowed

    while takes(start - 1, -1):
        start -= 1
    while takes(end, 1):
        end += 1
    return start, end


def parts_of(text: str, start: int, end: int, allowed: Collection[str]
             ) -> tuple[tuple[int, int], tuple[int, int], int]:
    """The widened run around ``text[start:end]`` (see :func:`widened`), the part of it
    (between middle dots) that holds the rendering, and the number of its parts."""
    low, high = widened(text, start, end, allowed)
    bounds = [low, *(i for i in range(low, high) if text[i] in _DOTS), high]
    pieces = [(bounds[0] if n == 0 else bounds[n] + 1, bounds[n + 1])
              for n in range(len(bounds) - 1)]
    part = next(((a, b) for a, b in pieces if a <= start < b), pieces[0])
    return (low, high), part, len(pieces)


def _substituted(first: str, second: str, lang: str) -> bool:
    """One character of two runs of equal length put in the place of another, and no
    inflected or derived form (see :func:`mtcheck.names.variants.letter_slip`)."""
    return (len(first) == len(second) and first != second
            and sum(a != b for a, b in zip(first, second, strict=True)) == 1
            and letter_slip(first, second, lang))


def han_run_slips(target: SegmentedDocument, alignment: Alignment,
                  renderings: Sequence[NameRendering], entities: Mapping[str, Entity],
                  findings: Sequence[Finding], persons: Collection[str]) -> list[Finding]:
    """``names.inconsistent`` findings for the names of ``persons`` whose widened Han runs
    differ by one character between sentences (see the module's docstring): places have
    standard forms, and a run widened beside one may take in a word (菲律宾东部, "eastern
    Philippines"). Names that already have a ``names.inconsistent`` finding are left
    alone."""
    allowed = rules_for(target.lang).transliteration_characters
    if not allowed:
        return []
    allowed = frozenset(allowed) - rules_for(target.lang).function_characters
    reported = {f.entity for f in findings if f.check == "names.inconsistent"}
    sources = sources_of(alignment)
    # Per entity: (whole run, its span, the rendering's part, its span, parts, sentence).
    runs: dict[str, list[tuple[str, tuple[int, int], str, tuple[int, int], int, int]]] = {}
    for rendering in renderings:
        if (rendering.entity in reported or rendering.entity not in entities
                or rendering.entity not in persons):
            continue
        text = target.sentences[rendering.sentence_id].text
        whole, part, count = parts_of(text, rendering.start, rendering.end, allowed)
        if whole == (rendering.start, rendering.end):
            continue
        runs.setdefault(rendering.entity, []).append(
            (text[whole[0]:whole[1]], whole, text[part[0]:part[1]], part, count,
             rendering.sentence_id))
    out = []
    for entity_id in sorted(runs):
        # The parts that hold the renderings are compared: 德拉克鲁斯 of a full name
        # written with middle dots and 德拉克鲁兹 alone; 桑托斯-雷耶斯 and 桑托斯-雷伊斯.
        found = [(part, sid, span[0], span[1]) for _, _, part, span, _, sid in runs[entity_id]]
        finding = slip_finding(entities[entity_id], found, lambda part: part,
                               lambda usual, part: (part != usual
                                                    and _substituted(usual, part, target.lang)),
                               sources)
        if finding is not None:
            out.append(finding)
    return out
