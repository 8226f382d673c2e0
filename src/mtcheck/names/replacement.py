"""A word in a name's place that is another real place: a replacement, not a rendering.

Where a translation writes a word no rule matched in the place of a source name, the
rules that take such a word for an unforeseen spelling of the name (see
mtcheck.names.residual) judge by sound, and sound alone cannot tell Αρεκίπα (Arequipa)
from a Greek spelling of Áncash. Place data can: a word that names a city of geonames
whose names (in every language geonames holds) include none of the name's own forms or
words names another place, and the name was replaced by it.

The shape of a multi-word name tells too. Its common words (a given name, "San") are shared
by many names and show none of them alone; a translation that keeps such a word and puts
another name beside it in place of the distinctive one ("San Pedro" for "San Nicolás",
"Thomas Twining" for "Thomas Lipton") replaced the name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from mtcheck.checks import describe_sentences
from mtcheck.frequency import zipf
from mtcheck.names.inflection import candidate_stems, rules_for, unaccented
from mtcheck.names.places import city_names, lookup, regional_forms, standard_names
from mtcheck.types import AlignedPair, Entity, Finding, SegmentedDocument, Severity, TextSpan

# Words of a name shorter than this say too little to identify a place by (La, de, San).
_MIN_WORD = 3
# Shorter stems of place names meet too many words (Ира of Ирак, Ирана).
_MIN_STEM = 4



def names_another_city(word: str, entity: Entity, lang: str) -> bool:
    """True when ``word`` (written in language ``lang``) names a city of geonames and no
    city it may name is called by any form or word of ``entity``.

    A homonym counts as the entity's own place: a rendering of Mamani that geonames also
    lists as a town called Mamani is the name, not another place.
    """
    keys = [k for k in lookup(word, lang) if k.startswith("city:")]
    if not keys:
        return False
    own = {unaccented(f) for f in entity.source_forms}
    own |= {unaccented(w) for f in entity.source_forms for w in f.split() if len(w) >= _MIN_WORD}
    return not any(unaccented(name) in own for key in keys for name in city_names(key))


def common_words(entity: Entity, source_lang: str, common_zipf: float) -> frozenset[str]:
    """Words of a multi-word name that are common in the source language or in English
    (Zipf at least ``common_zipf``): a given name (Thomas, Ricardo) or a generic word (San,
    Santa) that many names share. Alone in a translation, such a word does not show *this*
    name: "Thomas Twining" has the Thomas of "Thomas Lipton", "San Pedro" the San of "San
    Nicolás". The name's other words are what tell it from its neighbours."""
    words = {w for form in entity.source_forms if " " in form for w in form.split()}
    return frozenset(w for w in words
                     if max(zipf(w.lower(), source_lang), zipf(w.lower(), "en")) >= common_zipf)


def after_own_word(word: str, entity: Entity, target: SegmentedDocument,
                   target_ids: Sequence[int]) -> bool:
    """True when ``word``, which is none of the name's words, follows one of them in a
    target sentence ("San Pedro" where the source has "San Nicolás"): the name's frame is
    kept and its distinctive word replaced. Such a word is another name in this one's place,
    never an unforeseen spelling of it (which would not keep one word as written and
    change the other beyond recognition)."""
    own = {unaccented(w) for form in entity.source_forms if " " in form for w in form.split()}
    if not own or unaccented(word) in own:
        return False
    pattern = re.compile(r"([^\W\d_]+)[\s\u30fb\u00b7]+" + re.escape(word) + r"(?!\w)")
    return any(unaccented(match.group(1)) in own
               for tid in target_ids for match in pattern.finditer(target.sentences[tid].text))


@cache
def _place_stems(lang: str) -> frozenset[str]:
    """Every stem of the CLDR names of countries and time-zone cities in ``lang``."""
    rules = rules_for(lang)
    return frozenset(stem for name in standard_names(lang) if " " not in name
                     for stem in candidate_stems(name, rules) if len(stem) >= _MIN_STEM)


def names_a_known_place(word: str, entity: Entity, lang: str, source_lang: str) -> bool:
    """True when ``word`` is an inflected form of a country's or a time-zone city's standard
    name in ``lang`` (Аргентины of Аргентина) that is none of the entity's words nor a
    place one of them names (the カタール of カタール航空 for Qatar Airways): it names
    another place, so it cannot be an unforeseen spelling of the entity."""
    rules = rules_for(lang)
    words = [w for f in entity.source_forms for w in (f, *f.split())]
    if unaccented(word) in {unaccented(w) for w in words}:
        return False
    stems = {stem for stem in candidate_stems(word, rules) if len(stem) >= _MIN_STEM}
    if not stems & _place_stems(lang):
        return False
    own = {stem for w in words for key in (lookup(w, source_lang),) if key
           for forms in regional_forms(key, lang).values() for name in forms
           for stem in candidate_stems(name, rules)}
    return not stems & own


def missing_message(name: str, source_ids: Sequence[int], target_ids: Sequence[int]) -> str:
    """The start of every ``names.missing`` message of a pair: what the finding says before
    any word on what stands there instead."""
    return (f"{name} ({describe_sentences(source_ids)} of the source) is not in the "
            f"translation ({describe_sentences(target_ids)})")


def replaced_place_finding(entity: Entity, pair: AlignedPair, spans: Sequence[TextSpan],
                           stand_in: str) -> Finding:
    """The ``names.missing`` warning for a place of the source that ``pair`` writes another
    place in the stead of (``stand_in`` says which, and how it is known)."""
    return Finding(
        check="names.missing", severity=Severity.WARNING,
        message=(missing_message(entity.canonical, pair.source_ids, pair.target_ids)
                 + f"; replaced by {stand_in}"),
        source_ids=pair.source_ids, target_ids=pair.target_ids, spans=tuple(spans),
        entity=entity.id)
