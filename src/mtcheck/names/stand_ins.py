"""A city replaced by another city in Han script, told by the place data.

In Chinese a foreign name is written with characters chosen by sound or by meaning, with
many choices for each syllable: the matcher cannot read a transliteration it has not been
told (浩罕 for Kokand), so a city of the source mentioned once is not known there and its
absence says nothing (see :mod:`mtcheck.names.dropped`). What the stage can read in Han
script is the data's own names: CLDR writes each time-zone city in Chinese (撒马尔罕,
塔什干, 阿拉木图). Where the source sentence names a city, the aligned translation does not
render it, and it writes there another city of CLDR that neither that sentence nor its
neighbours mention in any form, the translation put one city in the other's place ("near
Kokand" → 撒马尔罕附近). That is a replacement whether or not the stage could have read the
right name: the wrong one is there by its standard form.

Only cities stand in for cities: a country in the translation where the source has a city
is more often context the translator added (an adjective, "Uzbek", written as the
country), and a region (东亚) names no place a city could be confused with.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from mtcheck.names import places
from mtcheck.names.inventory import find_mentions
from mtcheck.names.replacement import replaced_place_finding
from mtcheck.types import (
    Alignment,
    Entity,
    Finding,
    NameRendering,
    SegmentedDocument,
    TextSpan,
)

# Han characters name a place in two characters at least (北京); one says nothing.
_MIN_CHARACTERS = 2
# A capitalised run of at most this many words of the source may name a place of the data.
_MAX_RUN = 3


def _is_city(keys: Sequence[str]) -> bool:
    return any(k.startswith(("zone:", "city:")) for k in keys) and not any(
        k.startswith("territory:") for k in keys)


def expanded_keys(keys: Sequence[str]) -> frozenset[str]:
    """``keys`` and the geonames cities that a time-zone key's city names in English
    (zone:Africa/Dakar is city:2253354, the Dakar of geonames): CLDR's Chinese 达喀尔 names
    the zone only, the source's Dakar the city only, and they are one place."""
    out = set(keys)
    for key in keys:
        if key.startswith("zone:"):
            out.update(places.lookup(key.rsplit("/", 1)[-1].replace("_", " "), "en"))
    return frozenset(out)


@cache
def _cities_in(lang: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """CLDR's names of time-zone cities in ``lang`` with the places each names, longest
    first (so that a longer name is taken before a shorter one inside it)."""
    found = []
    for name in places.standard_names(lang):
        keys = places.lookup(name, lang)
        if len(name) >= _MIN_CHARACTERS and _is_city(keys):
            found.append((name, expanded_keys(keys)))
    return tuple(sorted(found, key=lambda item: (-len(item[0]), item[0])))


def cities_named_in(text: str, lang: str) -> set[str]:
    """Every place a capitalised word or run of words of ``text`` (a source sentence) names,
    tracked as a name or not."""
    words = text.replace(",", " ").replace(".", " ").split()
    keys: set[str] = set()
    for start in range(len(words)):
        for size in range(1, _MAX_RUN + 1):
            run = words[start:start + size]
            if len(run) == size and run[0][:1].isupper():
                keys.update(places.lookup(" ".join(run).strip("()\"'«»“”"), lang))
    return set(expanded_keys(tuple(keys)))


def cities_in_place(source: SegmentedDocument, target: SegmentedDocument, alignment: Alignment,
                    entities: Sequence[Entity], renderings: Sequence[NameRendering],
                    findings: Sequence[Finding]) -> list[Finding]:
    """``names.missing`` findings (warnings: the stage never read the name in this
    translation) for each city of the source that an aligned pair of ``target`` replaced by
    another city of CLDR (see the module's docstring). Pairs already reported missing for
    the city are left alone."""
    cities = {e.id: expanded_keys(own) for e in entities
              if _is_city(own := places.lookup(e.canonical, source.lang)
                          or tuple(k for f in e.source_forms
                                   for k in places.lookup(f, source.lang)))}
    if not cities:
        return []
    reported = {(f.entity, s) for f in findings if f.check == "names.missing"
                for s in f.source_ids}
    rendered: dict[int, set[str]] = {}
    for rendering in renderings:
        rendered.setdefault(rendering.sentence_id, set()).add(rendering.entity)
    mentions: dict[tuple[str, int], list[TextSpan]] = {}
    for m in find_mentions(source, entities):
        mentions.setdefault((m.entity, m.sentence_id), []).append(
            TextSpan("source", m.sentence_id, m.start, m.end, m.text))
    named = {s.id: cities_named_in(s.text, source.lang) for s in source.sentences}
    by_name = {e.id: e for e in entities}
    pairs = [p for p in alignment.pairs if p.source_ids and p.target_ids]
    out: list[Finding] = []
    for index, pair in enumerate(pairs):
        window = pairs[max(0, index - 1):index + 2]
        near_targets = {t for p in window for t in p.target_ids}
        around = set().union(*(named[s] for p in window for s in p.source_ids))
        text = " ".join(target.sentences[t].text for t in pair.target_ids)
        for entity_id, city in cities.items():
            sentences = [s for s in pair.source_ids if s in by_name[entity_id].source_ids
                         and (entity_id, s) not in reported]
            if not sentences or any(entity_id in rendered.get(t, ()) for t in near_targets):
                continue
            instead = _stand_in(text, target.lang, city | around)
            if instead is None:
                continue
            entity = by_name[entity_id]
            out.append(replaced_place_finding(
                entity, pair, [span for s in sentences for span in mentions.get((entity_id, s), ())],
                instead))
    return out


def _stand_in(text: str, lang: str, excluded: set[str] | frozenset[str]) -> str | None:
    """The first CLDR city name in ``text`` that names none of the ``excluded`` places."""
    taken: list[tuple[int, int]] = []
    for name, keys in _cities_in(lang):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(s < end and start < e for s, e in taken):
                if not keys & excluded:
                    return name
                taken.append((start, end))
            start = text.find(name, end)
    return None
