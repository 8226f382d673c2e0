"""The one name left over in an aligned pair: the rendering of the one name left unmatched.

When every other name of a pair is found in its translation, one source name is not, and
the target sentences hold exactly one word that looks like a transliterated name and that
no name accounts for, that word is almost always the name in a spelling the sound rules
did not foresee (궈쉬안 for Gotion, from the Chinese 国轩). It is taken as the rendering
when it sounds at least a little like the name: a floor that keeps a name replaced by
another real name (Göbekli Tepe -> Karahan Tepe) reported. Where the pair holds several
such words, the one word that starts with the name's whole sound is taken (Tonle of "the
Tonle Sap" in 톤레사프, Тонлесапа, which write the lake's name as one word).

What looks like a transliterated name depends on the script: a katakana run in Japanese,
a Hangul word that is rare once its particles are cut in Korean, a capitalised rare word
(not the sentence's first) in Cyrillic or Greek, and a quoted run of transliteration
characters in Chinese.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from mtcheck.frequency import zipf
from mtcheck.languages import script_of
from mtcheck.names.inflection import candidate_stems, rules_for
from mtcheck.names.matching import name_key, script_class, target_words
from mtcheck.names.replacement import names_another_city
from mtcheck.romanize import romanize
from mtcheck.types import Entity, SegmentedDocument

# How much the leftover word must sound like the name (rapidfuzz ratio of the phonetic
# keys), or how closely the name's key must sound inside it (partial ratio, for a name
# written inside a longer word: 라르센앤드투브로 for Larsen & Toubro).
RESIDUAL_SIMILARITY = 50.0
RESIDUAL_INSIDE = 90.0
# Keys shorter than this say too little inside a longer word.
_MIN_INSIDE_KEY = 4
_QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,12})[”」』\"]")


def leftover_words(target: SegmentedDocument, target_ids: Sequence[int],
                   spans: Mapping[int, Sequence[tuple[int, int]]],
                   rare_zipf: float) -> list[str]:
    """The words of the target sentences that look like a transliterated name and that no
    rendering covers (see the module docstring for what looks like one per script)."""
    lang = target.lang
    script = script_of(lang)
    if script in ("Latn", ""):
        return []
    rules = rules_for(lang)
    allowed = rules.transliteration_characters
    found: list[str] = []
    for tid in target_ids:
        text = target.sentences[tid].text
        taken = spans.get(tid, ())

        def free(start: int, end: int, taken: Sequence[tuple[int, int]] = taken) -> bool:
            return not any(s < end and start < e for s, e in taken)

        if allowed:
            found.extend(m.group(1) for m in _QUOTED.finditer(text)
                         if free(m.start(1), m.end(1)) and set(m.group(1)) <= allowed)
            continue
        for index, word in enumerate(target_words(target.sentences[tid], lang)):
            if word.latin or not free(word.start, word.end):
                continue
            surface = word.text
            first = surface[0]
            kind = script_class(first)
            if kind in ("han", "hira"):
                continue
            if first.lower() != first.upper():  # a script with case
                if index == 0 or not first.isupper():
                    continue
                if zipf(surface.lower(), lang) < rare_zipf:
                    found.append(surface)
                continue
            stems = [s for s in candidate_stems(surface, rules) if len(s) >= 2]
            if len(surface) >= 2 and stems and all(zipf(s, lang) < rare_zipf for s in stems):
                found.append(min(stems, key=len) if kind != "kana" else surface)
    return list(dict.fromkeys(found))


def _keys(entity: Entity, lang: str) -> list[str]:
    words = {w for f in entity.source_forms for w in (f, *f.split())}
    return [k for k in (name_key(romanize(w, "en"), lang, latin=True) for w in words) if k]


# Classes of first sounds that transliterations exchange (k/g, b/p/v/f, t/d, s/z/j, l/r,
# any vowel): another name starts otherwise far more often than a transliteration does.
_ONSETS = {**dict.fromkeys("kgcq", "k"), **dict.fromkeys("bpvfw", "b"), **dict.fromkeys("td", "t"),
           **dict.fromkeys("szj", "s"), **dict.fromkeys("lr", "l"), **dict.fromkeys("aeiouy", "a"),
           **dict.fromkeys("h", "h")}


def _onset(key: str) -> str:
    return _ONSETS.get(key[:1], key[:1])


def sounds_at_all(word: str, entity: Entity, lang: str) -> bool:
    """True when ``word`` sounds at least a little like the entity (RESIDUAL_SIMILARITY)
    and starts with a sound of the same class (Borongan is not Catbalogan), or one of the
    name's words sounds inside it (RESIDUAL_INSIDE)."""
    key = name_key(romanize(word, lang), lang)
    if not key:
        return False
    for name in _keys(entity, lang):
        if fuzz.ratio(key, name) >= RESIDUAL_SIMILARITY and _onset(key) == _onset(name):
            return True
        if len(name) >= _MIN_INSIDE_KEY and fuzz.partial_ratio(name, key) >= RESIDUAL_INSIDE:
            return True
    return False


# Keys shorter than this say too little at the start of a longer word.
_MIN_START_KEY = 5


def starts_with_name(word: str, entity: Entity, lang: str) -> bool:
    """True when ``word`` begins with the sound of one of the entity's words, of at least
    ``_MIN_START_KEY`` letters (RESIDUAL_INSIDE): scripts that write a multi-word name as
    one word (Korean, Russian) write the name so with the words after it."""
    key = name_key(romanize(word, lang), lang)
    return any(len(name) >= _MIN_START_KEY and len(key) > len(name)
               and fuzz.ratio(name, key[:len(name)]) >= RESIDUAL_INSIDE
               for name in _keys(entity, lang))


def residual_rendering(entity: Entity, target: SegmentedDocument, target_ids: Sequence[int],
                       spans: Mapping[int, Sequence[tuple[int, int]]],
                       rare_zipf: float) -> str | None:
    """The single leftover word of the pair when it sounds at all like ``entity`` (the
    caller makes sure this is the pair's only unmatched name), else the one word of the
    pair that starts with the name's whole sound; None otherwise."""
    words = leftover_words(target, target_ids, spans, rare_zipf)
    if len(words) != 1 or not sounds_at_all(words[0], entity, target.lang):
        # The one word that starts with the name's whole sound: the name written together
        # with the rest of a longer name whose other words the source did not mark
        # (톤레사프, Тонлесап for the Tonle of "the Tonle Sap"), or with its own other
        # words (캄퐁트라크 for Kampong Trach). Its frequency is no evidence against it:
        # wordfreq reads an unknown Hangul word as its pieces (캄/퐁/트라/크, Zipf 3.4).
        words = [w for w in leftover_words(target, target_ids, spans, math.inf)
                 if starts_with_name(w, entity, target.lang)]
    if len(words) != 1:
        return None
    # Another real city in the name's place replaced it, however alike the two sound
    # (Αρεκίπα for Áncash).
    if names_another_city(words[0], entity, target.lang):
        return None
    return words[0] if sounds_at_all(words[0], entity, target.lang) else None
