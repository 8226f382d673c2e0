"""Common words of the source that a translation transliterates, told from names.

Translations transliterate some common nouns of the source the way they transliterate
names: a currency ("1.3 billion naira" -> 13억 나이라), a unit, a word with no equivalent.
Such a word may sound like a name of the same text (나이라 "naira" is close to 나이지리아
"Nigeria" once both are romanised), and the matcher, which reads only the translation,
then takes it for a spelling of that name. The aligned source sentence tells them apart:
a target word that sounds like a lower-case word of its source sentences more than like
the name renders that word. A lower-case word made from the name itself (the
adjective "kirghiz" of Kirghizstan, which shares its first letters) is no other word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from mtcheck.names.inflection import candidate_stems, rules_for
from mtcheck.names.matching import name_key
from mtcheck.romanize import romanize
from mtcheck.types import Alignment, NameRendering, SegmentedDocument

# How closely (rapidfuzz ratio of phonetic keys) a target word must sound like a lower-case
# source word to render it.
SOURCE_WORD_SIMILARITY = 90.0
# Letters a lower-case source word shares with the start of a name to be made from it.
_DERIVED_PREFIX = 4
# Shorter source words say too little by their sound.
_MIN_WORD = 4
_LOWER_WORD = re.compile(r"(?<![\w'’-])([^\W\d_]+)(?![\w-])")


def _sources_of(alignment: Alignment) -> dict[int, tuple[int, ...]]:
    """Target sentence id -> the source sentence ids of its bead."""
    return {t: pair.source_ids for pair in alignment.pairs for t in pair.target_ids}


def _lower_words(text: str) -> list[str]:
    return [w for w in _LOWER_WORD.findall(text) if w[0].islower() and len(w) >= _MIN_WORD]


def source_word_renderings(source: SegmentedDocument, target: SegmentedDocument,
                           alignment: Alignment, renderings: Sequence[NameRendering],
                           name_keys: Mapping[str, Sequence[str]],
                           source_forms: Mapping[str, Sequence[str]]) -> frozenset[tuple[int, int]]:
    """(sentence id, start) of the renderings that render a lower-case word of their aligned
    source sentences rather than the name: they sound like the word
    (``SOURCE_WORD_SIMILARITY``) more closely than like any key of the name (``name_keys``:
    entity id -> phonetic keys in the target language)."""
    lang = target.lang
    rules = rules_for(lang)
    sources = _sources_of(alignment)
    words_of: dict[int, list[tuple[str, str]]] = {}
    dropped: set[tuple[int, int]] = set()
    for rendering in renderings:
        sids = sources.get(rendering.sentence_id, ())
        if rendering.sentence_id not in words_of:
            words_of[rendering.sentence_id] = [
                (w, name_key(romanize(w, "en"), lang, latin=True))
                for sid in sids for w in _lower_words(source.sentences[sid].text)]
        forms = [f.casefold() for f in source_forms.get(rendering.entity, ())]
        words = [(w, k) for w, k in words_of[rendering.sentence_id] if k and not any(
            f[:_DERIVED_PREFIX] == w.casefold()[:_DERIVED_PREFIX] for f in forms)]
        if not words:
            continue
        own = {name_key(romanize(s, lang), lang) for s in
               (rendering.surface, *candidate_stems(rendering.surface, rules))}
        own.discard("")
        name = max((fuzz.ratio(o, k) for o in own for k in name_keys.get(rendering.entity, ())),
                   default=0.0)
        # The word may carry a noun of the translation's own (나이라화, "naira currency"):
        # its key need only hold the source word's.
        word = max((max(fuzz.ratio(o, k), fuzz.partial_ratio(k, o) if o.startswith(k[:2]) else 0.0)
                    for o in own for _, k in words), default=0.0)
        if word >= SOURCE_WORD_SIMILARITY and word > name:
            dropped.add((rendering.sentence_id, rendering.start))
    return frozenset(dropped)
