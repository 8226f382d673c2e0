"""Learn how a translation writes a name from co-occurrence over the aligned pairs.

Some renderings share no sound with the English name (Russia -> Venäjä, 俄罗斯), and some
are just too far for the matcher's thresholds (Haniyeh -> 哈尼亚). For a name the matcher
found nowhere in a translation, every candidate unit of the aligned targets (a word's
stems after inflection reduction in spaced scripts; Han substrings of 2-5 characters;
katakana runs) is scored by how well its pairs coincide with the pairs whose source
mentions the name (Dice coefficient) and by how much it sounds like the name (the
matcher's romanised fuzzy ratio):

* a unit that sounds like the name (ratio >= ``learn_similarity``) and occurs mostly where
  the name is mentioned is its rendering, even when it is in only one of the pairs;
* otherwise the unit that occurs in (nearly) all those pairs and rarely elsewhere is, when
  no other unit is about as well associated; a tie is broken by sound only when the winner
  covers every pair (so that a guess can never make a finding on its own).

Learned renderings tell the stage how the translation writes a name, so that a pair
without it can be reported as ``names.missing``; they never take part in variant grouping,
so they cannot create ``names.inconsistent`` findings. Units inside another name's rendering
are not candidates.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from mtcheck.config import NamesConfig
from mtcheck.errors import LanguageError
from mtcheck.languages import get_language, script_of
from mtcheck.names.inflection import (
    InflectionRules,
    candidate_stems,
    is_derived_adjective,
    rules_for,
)
from mtcheck.names.inventory import find_mentions, mentions_by_sentence
from mtcheck.names.matching import (
    EntityForms,
    group_variants,
    name_key,
    script_class,
    target_words,
)
from mtcheck.romanize import romanize
from mtcheck.types import AlignedPair, Alignment, NameRendering, SegmentedDocument, Sentence

_MIN_NGRAM = 2
_MAX_NGRAM = 5
_MIN_STEM_LETTERS = 3
# Units within this Dice of the best one are rivals: co-occurrence alone cannot choose.
_RIVAL_MARGIN = 0.1
# A tie between rivals is broken by sound when the winner sounds this much more like the name.
_TIE_MARGIN = 0.2
# An overlapping unit replaces the chosen one (哈尼 -> 哈尼亚) unless it sounds this much less
# like the name.
_EXTENSION_SLACK = 0.2


@dataclass(frozen=True)
class _Occurrence:
    pair: int
    sentence_id: int
    start: int
    end: int
    surface: str


@dataclass
class _Unit:
    text: str  # case-folded stem or substring
    occurrences: list[_Occurrence]
    pairs: frozenset[int] = frozenset()  # set once every occurrence is in


@dataclass(frozen=True)
class _Scored:
    unit: _Unit
    shared: int  # pairs of the name that contain the unit
    dice: float
    similarity: float  # 0-1


def _spaced(lang: str) -> bool:
    try:
        return get_language(lang).spaces
    except LanguageError:
        return True  # an unknown language is treated as spaced


def _overlaps(sentence_id: int, start: int, end: int,
              taken: dict[int, list[tuple[int, int]]]) -> bool:
    return any(start < e and s < end for s, e in taken.get(sentence_id, ()))


def _sentence_units(sentence: Sentence, lang: str, spaced: bool, rules: InflectionRules,
                    taken: dict[int, list[tuple[int, int]]],
                    ) -> Iterable[tuple[str, int, int, str]]:
    """(unit, start, end, surface) for every candidate unit of one target sentence."""
    for word in target_words(sentence, lang):
        kind = script_class(word.text[0])
        if word.latin and script_of(lang, "Latn") != "Latn":
            continue  # a Latin word in a non-Latin translation is the matcher's business
        if not spaced and kind not in {"kana", "latin"}:
            text = word.text
            for length in range(_MIN_NGRAM, min(_MAX_NGRAM, len(text)) + 1):
                for offset in range(len(text) - length + 1):
                    start = word.start + offset
                    piece = text[offset:offset + length]
                    if (not _overlaps(sentence.id, start, start + length, taken)
                            and not any(ch in rules.function_characters for ch in piece)):
                        yield piece.casefold(), start, start + length, piece
            continue
        if _overlaps(sentence.id, word.start, word.end, taken):
            continue
        first = word.text[0]
        if first.islower() and first.upper() != first:
            continue  # names are capitalised in scripts with case
        if is_derived_adjective(word.text, rules):
            continue
        for stem in candidate_stems(word.text, rules):
            if sum(1 for ch in stem if ch.isalpha()) >= _MIN_STEM_LETTERS:
                yield stem, word.start, word.end, word.text


@lru_cache(maxsize=65536)
def _key(unit: str, lang: str) -> str:
    return name_key(romanize(unit, lang), lang, latin=script_of(lang, "Latn") == "Latn")


def _similarity(unit: str, lang: str, keys: Sequence[str]) -> float:
    key = _key(unit, lang)
    return max((fuzz.ratio(key, k) for k in keys if k), default=0.0) / 100 if key else 0.0


def _same_unit(first: _Unit, second: _Unit) -> bool:
    """True when the two units overlap somewhere (two stems of a word, nested substrings)."""
    spans = {(o.sentence_id, o.start, o.end) for o in first.occurrences}
    return any(sid == o.sentence_id and o.start < end and start < o.end
               for o in second.occurrences for sid, start, end in spans)


def _extend(winner: _Scored, scored: Sequence[_Scored]) -> _Scored:
    """The unit overlapping the winner that covers most of the name's pairs, then the
    longest, among those that sound about as much like the name: 哈尼 -> 哈尼亚,
    罗斯 -> 俄罗斯, Россия -> Росси- (which also covers России, Россией)."""
    options = [s for s in scored if s.unit.pairs >= winner.unit.pairs
               and s.similarity >= winner.similarity - _EXTENSION_SLACK
               and _same_unit(s.unit, winner.unit)]
    return max(options, key=lambda s: (s.shared, -len(s.unit.pairs), len(s.unit.text),
                                       s.unit.text), default=winner)


def _transliterable(unit: str, allowed: frozenset[str]) -> bool:
    """False for a Chinese unit with a character outside the transliteration table
    (``allowed``; empty: no such test): it does not write a name by its sound (方式流
    "manner, flow" is no Ivory Coast, however it reads)."""
    return not allowed or all(script_class(ch) != "han" or ch in allowed for ch in unit)


def _choose(scored: Sequence[_Scored], mentioned: int, config: NamesConfig,
            allowed: frozenset[str] = frozenset()) -> _Scored | None:
    associated = [s for s in scored if s.dice >= config.learn_association]
    similarity = config.learn_similarity / 100
    sounding = [s for s in associated if s.similarity >= similarity
                and _transliterable(s.unit.text, allowed)]
    if sounding:
        best = max(sounding, key=lambda s: (s.similarity * s.dice, s.shared, len(s.unit.text),
                                            s.unit.text))
        return _extend(best, scored)
    needed = max(2, math.ceil(config.learn_coverage * mentioned))
    covering = [s for s in associated if s.shared >= needed]
    if not covering:
        return None
    best = max(covering, key=lambda s: (s.dice, s.similarity, len(s.unit.text), s.unit.text))
    rivals = [s for s in covering if s.dice >= best.dice - _RIVAL_MARGIN
              and not _same_unit(s.unit, best.unit)]
    # Co-occurrence cannot tell two equally associated units apart (Hamas leader Haniyeh:
    # 领导人 and the name); sound breaks the tie only for a unit in every pair, which then
    # documents the rendering but cannot make a names.missing finding.
    if rivals and (best.shared < mentioned
                   or best.similarity < max(r.similarity for r in rivals) + _TIE_MARGIN):
        return None
    return _extend(best, covering)


def learn_renderings(source: SegmentedDocument, target: SegmentedDocument,
                     alignment: Alignment, entities: Sequence[EntityForms],
                     found: Sequence[NameRendering], config: NamesConfig) -> list[NameRendering]:
    """Renderings learned for the entities the matcher found nowhere in ``target``.

    Only occurrences inside pairs whose source mentions the name are returned; their base
    is the learned form as the translation writes it.
    """
    lang = target.lang
    rules = rules_for(lang)
    spaced = _spaced(lang)
    with_target = [p for p in alignment.pairs if p.source_ids and p.target_ids]
    taken: dict[int, list[tuple[int, int]]] = {}
    for rendering in found:
        taken.setdefault(rendering.sentence_id, []).append((rendering.start, rendering.end))
    units: dict[str, _Unit] = {}
    for index, pair in enumerate(with_target):
        for tid in pair.target_ids:
            for text, start, end, surface in _sentence_units(target.sentences[tid], lang,
                                                             spaced, rules, taken):
                unit = units.setdefault(text, _Unit(text, []))
                unit.occurrences.append(_Occurrence(index, tid, start, end, surface))
    by_pair: dict[int, set[str]] = {}
    for text, unit in units.items():
        unit.pairs = frozenset(o.pair for o in unit.occurrences)
        for pair_index in unit.pairs:
            by_pair.setdefault(pair_index, set()).add(text)

    by_sentence = mentions_by_sentence(find_mentions(source, [f.entity for f in entities]))
    rendered = {r.entity for r in found}
    learned: list[NameRendering] = []
    for forms in entities:
        entity = forms.entity
        if entity.id in rendered or forms.accepted:
            continue
        mentioned = frozenset(
            i for i, pair in enumerate(with_target)
            if any(m.entity == entity.id for sid in pair.source_ids
                   for m in by_sentence.get(sid, ())))
        if len(mentioned) < config.learn_min_mentions:
            continue
        candidates = sorted(set().union(*(by_pair.get(i, set()) for i in mentioned)))
        scored = []
        for text in candidates:
            unit = units[text]
            shared = len(unit.pairs & mentioned)
            dice = 2 * shared / (len(mentioned) + len(unit.pairs))
            scored.append(_Scored(unit, shared, dice, _similarity(text, lang, forms.keys)))
        chosen = _choose(scored, len(mentioned), config, rules.transliteration_characters)
        if chosen is None:
            continue
        own = _renderings(entity.id, chosen, mentioned, lang, forms.keys)
        learned.extend(own)
        if not spaced and rules.abbreviates_to_initial and len(chosen.unit.text) >= 2:
            learned.extend(_initial_abbreviations(entity.id, chosen, mentioned, with_target,
                                                  target, taken, own[0].base))
    return sorted(learned, key=lambda r: (r.sentence_id, r.start, r.entity))


def _renderings(entity_id: str, chosen: _Scored, mentioned: frozenset[int],
                lang: str, keys: tuple[str, ...]) -> list[NameRendering]:
    occurrences = [o for o in chosen.unit.occurrences if o.pair in mentioned]
    # The surface that is the learned unit itself (Venäjä), else the one the others reduce to.
    bare = sorted({o.surface for o in occurrences if o.surface.casefold() == chosen.unit.text})
    found = [NameRendering(entity_id, o.sentence_id, o.start, o.end, o.surface, o.surface)
             for o in occurrences]
    first = occurrences[0].surface
    if bare:
        base = bare[0]
    elif chosen.unit.text.upper() == chosen.unit.text.lower() and all(
            o.surface.casefold().startswith(chosen.unit.text) for o in occurrences):
        base = first[:len(chosen.unit.text)]  # particles attached: 러시아는, 러시아가 -> 러시아
    else:
        base = group_variants(found, lang, keys=keys)[0][0].base
    return [NameRendering(entity_id, o.sentence_id, o.start, o.end, o.surface, base)
            for o in occurrences]


def _initial_abbreviations(entity_id: str, chosen: _Scored, mentioned: frozenset[int],
                           pairs: Sequence[AlignedPair], target: SegmentedDocument,
                           taken: dict[int, list[tuple[int, int]]],
                           base: str) -> list[NameRendering]:
    """Chinese shortens a country to its first character (俄罗斯 -> 俄方, 对俄): accept the
    initial in the name's pairs that lack the full form."""
    initial = chosen.unit.text[0]
    covered = chosen.unit.pairs
    result = []
    for index in sorted(mentioned - covered):
        for tid in pairs[index].target_ids:
            text = target.sentences[tid].text
            at = text.find(initial)
            while at >= 0:
                if not _overlaps(tid, at, at + 1, taken):
                    result.append(NameRendering(entity_id, tid, at, at + 1, initial, base))
                at = text.find(initial, at + 1)
    return result
