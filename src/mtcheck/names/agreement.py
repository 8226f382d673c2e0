"""Agreement across the translations at hand as evidence that a source span is a name.

A name survives translation: whatever the translator does with it, its romanised form is
still there. When several translations of one document render a candidate in the target
sentences aligned with its mentions, that is strong evidence that it is a name, with no
recogniser for the source language (a German surname nobody's word list knows). When no
translation renders a candidate anywhere, that is evidence that it is not one (a
capitalised common word, translated by meaning).

This module only counts; :mod:`mtcheck.names` decides what follows from the counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from mtcheck.names import places
from mtcheck.names.evidence import is_common
from mtcheck.types import Alignment, Entity, Finding, NameRendering, SegmentedDocument


@dataclass(frozen=True)
class Survival:
    """How one translation renders each entity in the pairs aligned with its mentions."""

    pairs: Mapping[str, int]  # entity id -> aligned pairs (with a target) that mention it
    rendered: Mapping[str, int]  # entity id -> of those, pairs whose target renders it
    anywhere: frozenset[str]  # entities rendered (or learned) anywhere in the translation


def survival(entities: Sequence[Entity], alignment: Alignment,
             renderings: Sequence[NameRendering], learned: Sequence[NameRendering] = ()
             ) -> Survival:
    """Count, per entity, the aligned pairs mentioning it and those whose target renders it."""
    by_sentence: dict[int, set[str]] = {}
    for rendering in renderings:
        by_sentence.setdefault(rendering.sentence_id, set()).add(rendering.entity)
    mentioned = {e.id: frozenset(e.source_ids) for e in entities}
    pairs: dict[str, int] = {}
    rendered: dict[str, int] = {}
    for pair in alignment.pairs:
        if not pair.source_ids or not pair.target_ids:
            continue
        source_ids = set(pair.source_ids)
        here = set().union(*(by_sentence.get(t, set()) for t in pair.target_ids))
        for entity_id, ids in mentioned.items():
            if ids & source_ids:
                pairs[entity_id] = pairs.get(entity_id, 0) + 1
                rendered[entity_id] = rendered.get(entity_id, 0) + (entity_id in here)
    anywhere = frozenset(r.entity for r in renderings) | frozenset(r.entity for r in learned)
    return Survival(pairs=pairs, rendered=rendered, anywhere=anywhere)


def survives(entity_id: str, counts: Survival, share: float) -> bool:
    """True when the translation renders the entity in at least ``share`` of its aligned
    pairs (and in one at least)."""
    kept = counts.rendered.get(entity_id, 0)
    return kept >= 1 and kept >= share * counts.pairs.get(entity_id, 0)


def agreed(candidates: Collection[str], counts: Sequence[Survival], share: float,
           min_translations: int) -> frozenset[str]:
    """Candidates that at least ``min_translations`` translations (two at least) render in
    ``share`` of their aligned pairs: names by agreement across translations."""
    needed = max(2, min_translations)
    if len(counts) < needed:
        return frozenset()
    return frozenset(c for c in candidates
                     if sum(survives(c, one, share) for one in counts) >= needed)


def rendered_nowhere(candidates: Collection[str], counts: Sequence[Survival]) -> frozenset[str]:
    """Candidates that none of (at least two) translations renders anywhere."""
    if len(counts) < 2:
        return frozenset()
    return frozenset(c for c in candidates if not any(c in one.anywhere for one in counts))


def kept_in_latin(renderings: Sequence[Sequence[NameRendering]], is_latin: Callable[[str], bool],
                  min_translations: int, *, unanimous: bool = True) -> frozenset[str]:
    """Entities that at least ``min_translations`` (two at least) translations into other
    scripts write only in Latin script, and none of them in its own script (Aedes aegypti,
    a brand): a term the translators agree to keep as it is, not a name left
    untransliterated. Not ``unanimous``: others may transliterate it (a brand that
    Japanese writes in katakana while Russian and Greek keep it)."""
    votes: dict[str, int] = {}
    transliterated: set[str] = set()
    for one in renderings:
        latin = {r.entity for r in one if is_latin(r.surface)}
        native = {r.entity for r in one if not is_latin(r.surface)}
        transliterated |= native
        for entity_id in latin - native:
            votes[entity_id] = votes.get(entity_id, 0) + 1
    needed = max(2, min_translations)
    return frozenset(e for e, n in votes.items()
                     if n >= needed and not (unanimous and e in transliterated))


def kept_by_most(renderings: Sequence[Sequence[NameRendering]], is_latin: Callable[[str], bool],
                 min_translations: int) -> frozenset[str]:
    """Entities that more translations into other scripts write only in Latin script than
    transliterate, and at least ``min_translations`` (two at least) of them: the house
    style of most of the press at hand (a company Russian and Greek keep as Gemadept while
    Korean writes 제마뎁트), not a slip of one translator."""
    kept: dict[str, int] = {}
    native: dict[str, int] = {}
    for one in renderings:
        latin = {r.entity for r in one if is_latin(r.surface)}
        own = {r.entity for r in one if not is_latin(r.surface)}
        for entity_id in own:
            native[entity_id] = native.get(entity_id, 0) + 1
        for entity_id in latin - own:
            kept[entity_id] = kept.get(entity_id, 0) + 1
    needed = max(2, min_translations)
    return frozenset(e for e, n in kept.items() if n >= needed and n > native.get(e, 0))


def rendered_by_others(anywhere: Mapping[str, Collection[str]], min_translations: int
                       ) -> dict[str, frozenset[str]]:
    """Per translation (keys of ``anywhere``: the entities each renders anywhere), the
    entities that at least ``min_translations`` (two at least) *other* translations render:
    the translators kept the name as a name, so a translation where it is found nowhere
    left it out or wrote it in a way the matcher cannot see, whatever its words mean."""
    needed = max(2, min_translations)
    return {key: frozenset(
                e for e in set().union(*(ids for k, ids in anywhere.items() if k != key))
                if sum(e in ids for k, ids in anywhere.items() if k != key) >= needed)
            for key in anywhere}


def missing_from_most(findings: Mapping[str, Sequence[Finding]], exempt: Collection[str],
                      share: float, min_translations: int) -> frozenset[tuple[str, int]]:
    """(entity, source sentence) pairs that more than ``share`` of the translations, and
    more than ``min_translations`` of them, report as ``names.missing``: every translator
    leaving one name out of one sentence is less likely than the name being written there
    in a form the check does not know (translated by meaning, an exonym, a transliteration
    it cannot read). Entities in ``exempt`` (a glossary's) are never among them."""
    if share >= 1 or min_translations <= 0 or not findings:
        return frozenset()
    reported: dict[tuple[str, int], set[str]] = {}
    for key, found in findings.items():
        for finding in found:
            if finding.check == "names.missing" and finding.entity is not None \
                    and finding.entity not in exempt:
                for sentence in finding.source_ids:
                    reported.setdefault((finding.entity, sentence), set()).add(key)
    return frozenset(place for place, keys in reported.items()
                     if len(keys) > share * len(findings) and len(keys) > min_translations)


def kept_there_by_own_script(findings: Mapping[str, Sequence[Finding]],
                             translations: Mapping[str, tuple[SegmentedDocument, Alignment]],
                             forms: Mapping[str, Sequence[str]], own_script: Collection[str],
                             min_translations: int) -> dict[str, frozenset[tuple[str, int]]]:
    """Per translation in the source's own script (keys in ``own_script``), the (entity,
    source sentence) of its ``names.missing`` findings whose name at least
    ``min_translations`` (two at least) *other* translations in that script copy there, in
    one of its source ``forms`` as written.

    Between two texts of one script a name is copied, not transliterated: where the other
    translations of the source's script write it in that sentence as the source does, the
    translation lacking it is no sign that the name is written there in a form the check
    cannot read, whatever the translations into other scripts do (La Chaux-de-Fonds kept by
    English and Italian, unread in ラ・ショー＝ド＝フォン and Ла-Шо-де-Фон, replaced by Le
    Locle in French). Such findings are not the translators' common choice that
    :func:`missing_from_most` lifts."""
    needed = max(2, min_translations)

    def copies(key: str, entity: str, sentence: int) -> bool:
        target, alignment = translations[key]
        text = " ".join(target.sentences[t].text for pair in alignment.pairs
                        if sentence in pair.source_ids for t in pair.target_ids)
        return any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text)
                   for form in forms.get(entity, ()))

    kept: dict[str, frozenset[tuple[str, int]]] = {}
    for key in own_script:
        places_ = {(f.entity, s) for f in findings.get(key, ())
                   if f.check == "names.missing" and f.entity is not None
                   for s in f.source_ids}
        kept[key] = frozenset(
            (entity, sentence) for entity, sentence in places_
            if sum(copies(other, entity, sentence) for other in own_script
                   if other != key) >= needed)
    return kept


def rendered_there_by_most(counts: Mapping[str, Survival], min_translations: int,
                           other_scripts: Collection[str], blind: Collection[str] = ()
                           ) -> dict[str, frozenset[str]]:
    """Per translation (keys of ``counts``), the entities that most of the *other*
    translations, and at least ``min_translations`` (two at least) of them, render in every
    aligned pair that mentions them, among them every other translation into another script
    than Latin (keys in ``other_scripts``; one at least). The translators agree that the
    name is written in each of those sentences: where one translation has nothing in that
    place that could be its rendering, it dropped the name there (Qatar Airways left out of
    one Japanese sentence that Russian, German and Spanish keep). Latin-script translations
    keep the source's words even where another script translates them by meaning (Salar de
    Atacama, солончак Атакама): only the other scripts tell that the name is kept there,
    one of them at least by rendering it. Those in ``blind`` (Hangul, Han characters, where
    the matcher may not see a transliteration) tell nothing by lacking it."""
    needed = max(2, min_translations)

    def everywhere(one: Survival, entity_id: str) -> bool:
        pairs = one.pairs.get(entity_id, 0)
        return pairs > 0 and one.rendered.get(entity_id, 0) >= pairs

    rendered: dict[str, frozenset[str]] = {}
    for key in counts:
        others = {k: one for k, one in counts.items() if k != key}
        scripts = [k for k in others if k in other_scripts]
        mentioned = {e for one in others.values() for e, n in one.pairs.items() if n}
        rendered[key] = frozenset(
            e for e in mentioned
            if 2 * sum(everywhere(one, e) for one in others.values()) > len(others)
            and sum(everywhere(one, e) for one in others.values()) >= needed
            and any(everywhere(others[k], e) for k in scripts)
            and all(everywhere(others[k], e) for k in scripts
                    if others[k].pairs.get(e, 0) and k not in blind))
    return rendered


def transliterated_by_others(renderings: Mapping[str, Sequence[NameRendering]],
                             is_latin: Callable[[str], bool], min_translations: int
                             ) -> dict[str, frozenset[str]]:
    """Per translation into another script (keys of ``renderings``: every such translation
    of the document), the entities that at least ``min_translations`` (two at least) of the
    *other* ones write in their own script and none of them keeps in Latin script. The
    translators agree that the name is transliterated, so this translation keeping it in
    Latin script (Khanbogd in Greek, where Japanese and Korean write ハンボグド, 한보그드) is
    a slip, not the house style of a press that keeps brands."""
    needed = max(2, min_translations)
    native: dict[str, frozenset[str]] = {}
    latin: dict[str, frozenset[str]] = {}
    for key, found in renderings.items():
        native[key] = frozenset(r.entity for r in found if not is_latin(r.surface))
        latin[key] = frozenset(r.entity for r in found if is_latin(r.surface))
    agreed_native: dict[str, frozenset[str]] = {}
    for key in renderings:
        others = [k for k in renderings if k != key]
        kept = frozenset().union(*(latin[k] for k in others))
        votes: dict[str, int] = {}
        for k in others:
            for entity_id in native[k]:
                votes[entity_id] = votes.get(entity_id, 0) + 1
        agreed_native[key] = frozenset(e for e, n in votes.items() if n >= needed and e not in kept)
    return agreed_native


# After a name: up to one short lower-case word (para, de, for), then a capitalised word,
# and the capitalised words that follow it (the whole name a conjunction may lead to).
_NEXT_WORD = re.compile(r"\s+(?:[^\W\d_]{1,4}\s+)?([^\W\d_][\w-]*)((?:\s+[A-ZÀ-Þ][\w-]*)*)")


def heads_common_phrase(source: SegmentedDocument, entity: Entity, rare_zipf: float) -> bool:
    """True when the entity is a common word of the source that, wherever it stands, opens
    a name of further capitalised common words that name no place ("Centro para Democracia
    e Desenvolvimento"): a word of an institution's name, which translators translate
    (Centre, Центр, Zentrum), however many towns bear it. Forms of such a place that are
    common words of a translation's language agree on that word, not on a name."""
    if not all(is_common(f, source.lang, rare_zipf) for f in entity.source_forms):
        return False
    seen = False
    for sentence_id in entity.source_ids:
        text = source.sentences[sentence_id].text
        for form in entity.source_forms:
            for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                seen = True
                after = _NEXT_WORD.match(text, match.end())
                word = after.group(1) if after else ""
                # "Santa Fe y Buenos Aires": a conjunction between two places, whose second
                # place is a run of words (Buenos alone names none).
                run = word + (after.group(2) if after else "")
                if not (word[:1].isupper() and is_common(word, source.lang, rare_zipf)
                        and not places.lookup(word, source.lang)
                        and not places.lookup(run, source.lang)):
                    return False
    return seen
