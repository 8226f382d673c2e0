"""Names a Japanese or Korean translation writes by sound, with vowels the source lacks.

Kana and Hangul write syllables: a consonant cluster gets a vowel after each consonant
(Burgdorf = ブルクドルフ "burukudorufu"), a final consonant one too, and the transliteration
follows the name's sound rather than its letters (Kuo Ting-wei = 궈딩웨이 "gweodingwei",
La Chaux-de-Fonds = ラ・ショー＝ド＝フォン "ra shoo do fuon"). The matcher compares
phonetic keys, vowels included, and misses such renderings; the stage then reports the
name missing from a sentence that holds it.

What survives that writing is the name's consonants, in order, once the distinctions the
two scripts do not keep are folded: voiced and voiceless (b/p/f/v, d/t, g/k), l and r,
and the h, w and y that kana and Hangul add or drop (m and n they keep apart).

A ``names.missing`` finding in such a translation goes when its aligned target sentences
hold a run of kana or Hangul

* that no other name's rendering holds,
* that is no common word (rarer than a surname may be: wordfreq estimates a Hangul word
  it does not know from its pieces, 궈딩웨이 3.4 as 궈 + 딩 + 웨이; kana it does not know
  score 0),
* whose folded consonants are the name's: ``_MIN_RATIO`` of them in order and at least
  ``_MIN_CONSONANTS`` on each side, or three that are the very same,

and the matcher finds the name nowhere else in the translation (where it does, that is
how the translation writes it). A dropped name leaves no such run behind, and a name
written in its place (a planted replacement) has other consonants.

Only kana and Hangul: Cyrillic and Greek write vowels letter for letter (the matcher reads
them), and Han characters are words as well as sounds.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from difflib import SequenceMatcher

from mtcheck.frequency import zipf
from mtcheck.languages import script_of
from mtcheck.romanize import romanize
from mtcheck.skeleton import consonant_skeleton
from mtcheck.types import Entity, Finding, NameRendering, SegmentedDocument

# Scripts that write syllables and add vowels to a foreign name's consonants.
SYLLABIC_SCRIPTS = frozenset({"Jpan", "Kore", "Hang"})

# The folding of a romanisation's consonants (see mtcheck/data/skeleton.toml): digraphs
# first, then the distinctions kana and Hangul do not keep.
_FOLDING = "sound"

# Folded consonants a name (and the run) needs to be told by them closely: with three,
# ordinary words with a particle attached come close to names (지역인 "jiyeogin" to
# Sighnaghi, 국민당의 to Kuo Ting-wei). Three must be the very same (궈딩웨이 "gweodingwei"
# for Kuo Ting-wei); two tell nothing.
_MIN_CONSONANTS = 4
_MIN_EXACT = 3
# Share of the consonants two skeletons must have in common (SequenceMatcher ratio).
_MIN_RATIO = 0.75

# A run of kana (the middle dot and the double hyphen join the words of one name) or of
# Hangul syllables.
_KANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc\u30fb\u30a0\uff1d=]+")
_HANGUL_RUN = re.compile(r"[\uac00-\ud7a3]+")


def sounds_alike(name: str, run_skeleton: str) -> bool:
    """True when the skeleton of a run holds the name's (a skeleton) closely enough."""
    if len(name) < _MIN_CONSONANTS or len(run_skeleton) < _MIN_CONSONANTS:
        return len(name) >= _MIN_EXACT and name == run_skeleton
    return SequenceMatcher(None, name, run_skeleton, autojunk=False).ratio() >= _MIN_RATIO


def _runs(text: str, script: str) -> list[tuple[int, int, str]]:
    pattern = _HANGUL_RUN if script in ("Kore", "Hang") else _KANA_RUN
    return [(m.start(), m.end(), m.group(0).strip("・＝=")) for m in pattern.finditer(text)]


def sounded_out(findings: Sequence[Finding], target: SegmentedDocument,
                renderings: Sequence[NameRendering], entities: Mapping[str, Entity],
                source_lang: str, name_zipf: float,
                rendered_here: Collection[str] = frozenset()) -> tuple[Finding, ...]:
    """``findings`` less the ``names.missing`` ones of a kana or Hangul translation whose
    aligned target sentences hold a free run that sounds like the name (see the module's
    docstring); ``renderings`` are every name's in the translation (their runs are taken);
    a run as frequent as ``name_zipf`` or more is a common word.
    Not a name of ``rendered_here``, which the matcher finds elsewhere in the translation:
    that is how the translation writes it, and a run it does not match is another word (a
    planted Tanjung Perak for Tanjung Priok sounds the same without its vowels)."""
    script = script_of(target.lang)
    if script not in SYLLABIC_SCRIPTS:
        return tuple(findings)
    taken: dict[int, list[tuple[int, int]]] = {}
    for rendering in renderings:
        taken.setdefault(rendering.sentence_id, []).append((rendering.start, rendering.end))

    def heard(finding: Finding) -> bool:
        entity = entities.get(finding.entity or "")
        if entity is None or entity.id in rendered_here:
            return False
        names = {consonant_skeleton(romanize(form, source_lang), _FOLDING)
                 for form in entity.source_forms}
        for tid in finding.target_ids:
            if not 0 <= tid < len(target.sentences):
                continue
            spans = taken.get(tid, ())
            for start, end, run in _runs(target.sentences[tid].text, script):
                if any(s < end and start < e for s, e in spans):
                    continue
                if zipf(run, target.lang) >= name_zipf:
                    continue
                skeleton = consonant_skeleton(romanize(run, target.lang), _FOLDING)
                if any(sounds_alike(name, skeleton) for name in names):
                    return True
        return False

    return tuple(f for f in findings if f.check != "names.missing" or not heard(f))
