"""Exonyms of another root, told by agreement across the translations at hand.

Some names have a conventional form in another language that shares no sound with the
source's (Italian Cheope is English Khufu, Japanese クフ): no matcher can link them, and
no data at hand lists people of antiquity. But where two translations both leave the
source name out of one aligned sentence and both write there an unknown name that sounds
the same, they agree on a form: that is the name's conventional rendering, not a name
dropped or replaced. A planted or accidental replacement is one translation's doing, so
this never hides it unless another translation makes the very same replacement.

An exonym is a name, so it is rare in its language. A common word capitalised inside the
sentence is no exonym, however alike two translations write it: Italian "Camera" and
Portuguese "Câmara" (Zipf 5.1) both translate the "Chamber" of "Bulgarian Rose Chamber",
and two sister languages translating one source word alike agree on the word, not on a
form of a name that both left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from mtcheck.names.evidence import is_common
from mtcheck.romanize import sound_key
from mtcheck.types import Alignment, Finding, NameRendering, SegmentedDocument

# Fuzzy ratio (0-100) of plain phonetic keys at which two unknown names of two translations
# are one form (Khufu / クフ "kufu": 75); lengths may differ by this many letters.
_SAME_FORM = 70.0
_LENGTH_SLACK = 2
_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Translation:
    """What agreement needs of one translation: its text, alignment and renderings."""

    target: SegmentedDocument
    alignment: Alignment
    renderings: Sequence[NameRendering]


def _targets(alignment: Alignment, source_ids: Sequence[int]) -> tuple[int, ...]:
    wanted = set(source_ids)
    return tuple(t for pair in alignment.pairs if wanted & set(pair.source_ids)
                 for t in pair.target_ids)


def _same_form(first: Sequence[str], second: Sequence[str]) -> bool:
    return any(a and b and abs(len(a) - len(b)) <= _LENGTH_SLACK
               and fuzz.ratio(a, b) >= _SAME_FORM for a in first for b in second)


UnknownNames = Callable[[SegmentedDocument, Sequence[int],
                         Mapping[int, Sequence[tuple[int, int]]]], list[str]]


def agreed_exonyms(source: SegmentedDocument, findings: Mapping[str, Sequence[Finding]],
                   translations: Mapping[str, Translation], unknown_names: UnknownNames,
                   min_translations: int, common_zipf: float | None = None
                   ) -> frozenset[tuple[str, int]]:
    """(translation key, index in its findings) of the names.missing findings that another
    translation's same choice explains: ``min_translations`` translations (this one
    included) lack the name in the aligned sentences and write there an unknown name of
    the same sound, which sounds like no word of the source sentences. ``unknown_names``
    lists a pair's name-like words that render no source name; those at least as frequent
    as ``common_zipf`` (Zipf) in their language are common words, no exonym."""
    if min_translations < 2:
        return frozenset()

    def fresh(words: list[str], lang: str, source_ids: Sequence[int]) -> list[str]:
        # A name the source sentence holds too (Nijera Kori beside a dropped Dhaka) is kept
        # as written, not a form of the missing name; a common word is no name at all.
        held = [sound_key(w, source.lang) for sid in source_ids
                for w in _WORD.findall(source.sentences[sid].text)]
        keys = [sound_key(w, lang) for w in words
                if common_zipf is None or not is_common(w, lang, common_zipf)]
        return [k for k in keys if not _same_form([k], held)]

    spans: dict[str, dict[int, list[tuple[int, int]]]] = {}
    for key, one in translations.items():
        for r in one.renderings:
            spans.setdefault(key, {}).setdefault(r.sentence_id, []).append((r.start, r.end))
    explained: set[tuple[str, int]] = set()
    for key, own in findings.items():
        mine = translations[key]
        for index, finding in enumerate(own):
            if finding.check != "names.missing" or not finding.entity:
                continue
            lang = mine.target.lang
            words = fresh(unknown_names(mine.target, finding.target_ids, spans.get(key, {})),
                          lang, finding.source_ids)
            if not words:
                continue
            agreeing = 1
            for other_key, other in translations.items():
                if other_key == key:
                    continue
                targets = _targets(other.alignment, finding.source_ids)
                if not targets or any(r.entity == finding.entity and r.sentence_id in targets
                                      for r in other.renderings):
                    continue
                theirs = fresh(unknown_names(other.target, targets, spans.get(other_key, {})),
                               other.target.lang, finding.source_ids)
                if _same_form(words, theirs):
                    agreeing += 1
            if agreeing >= min_translations:
                explained.add((key, index))
    return frozenset(explained)
