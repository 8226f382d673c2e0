"""The names stage: track each source name through every translation.

Public API (used by the pipeline)::

    glossary = load_glossary("configs/glossary.toml")
    entities = find_entities(source, glossary, config.names)
    source_findings = check_source(source, entities)
    result = check_translation(source, target, alignment, entities, glossary=glossary)

``check_translation`` also checks numbers and dates, and source fragments left
untranslated, because both need the same aligned sentence pairs.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mtcheck.config import NamesConfig
from mtcheck.errors import LanguageError
from mtcheck.languages import get_language
from mtcheck.names import places
from mtcheck.names.consistency import check_source, name_findings
from mtcheck.names.evidence import Evidence, is_common, strong
from mtcheck.names.glossary import Glossary, GlossaryEntry, load_glossary, parse_glossary
from mtcheck.names.inventory import (
    Mention,
    entity_evidence,
    find_entities,
    find_mentions,
    organisations,
    place_keys,
)
from mtcheck.names.learning import learn_renderings
from mtcheck.names.matching import entity_forms, find_renderings
from mtcheck.names.numbers import check_numbers
from mtcheck.names.untranslated import check_untranslated
from mtcheck.types import Alignment, Entity, Finding, NameRendering, SegmentedDocument

__all__ = [
    "Glossary",
    "GlossaryEntry",
    "Mention",
    "NameCheckResult",
    "check_source",
    "check_translation",
    "find_entities",
    "find_mentions",
    "load_glossary",
    "parse_glossary",
]


@dataclass(frozen=True)
class NameCheckResult:
    """What the names stage found in one translation."""

    findings: tuple[Finding, ...]
    renderings: tuple[NameRendering, ...]


def _finding_order(finding: Finding) -> tuple[int, int, str, str]:
    first_target = finding.target_ids[0] if finding.target_ids else -1
    first_source = finding.source_ids[0] if finding.source_ids else -1
    return (first_source, first_target, finding.check, finding.entity or "")


# A name with strong evidence (see evidence.strong) mentioned in this many source sentences
# or fewer and found nowhere in a translation was dropped or replaced (Ahmadian ->
# "Ahmadinejad"): it is reported missing, as a warning. A name mentioned more often but
# never found is more likely an exonym the matcher cannot see (Russia -> Venäjä).
_RARE_MENTIONS = 2
# Scripts where romanisation cannot tell a dropped name from an unseen rendering: Han
# characters render foreign names by meaning or by sound with many choices.
_UNMATCHABLE_SCRIPTS = frozenset({"Hans", "Hant", "Hani"})


def _script(lang: str) -> str:
    try:
        return get_language(lang).script
    except LanguageError:
        return ""


def _rare_unfound(entities: Sequence[Entity], lang: str, evidence: Mapping[str, Evidence],
                  found: set[str], source_lang: str, rare_zipf: float) -> set[str]:
    if _script(lang) in _UNMATCHABLE_SCRIPTS:
        return set()
    # Not multi-word names of common words (Latin America -> Lateinamerika, Democratic
    # Republic of the Congo): translated as phrases, not transliterated.
    return {e.id for e in entities if e.id not in found and strong(evidence[e.id])
            and len(e.source_ids) <= _RARE_MENTIONS
            and not any(" " in f and is_common(f, source_lang, rare_zipf)
                        for f in e.source_forms)}


def _not_surviving(weak: frozenset[str], renderings: Sequence[NameRendering],
                   alignment: Alignment, entities: Sequence[Entity],
                   config: NamesConfig) -> set[str]:
    """Weakly evidenced names that this translation does not render in at least
    ``weak_survival`` of their aligned pairs (and in two of them): a rare word that only
    sometimes looks like a target word is no name that survived translation."""
    mentioned = {e.id: set(e.source_ids) for e in entities if e.id in weak}
    rendered: dict[int, set[str]] = {}
    for rendering in renderings:
        rendered.setdefault(rendering.sentence_id, set()).add(rendering.entity)
    total: dict[str, int] = {}
    kept: dict[str, int] = {}
    for pair in alignment.pairs:
        if not pair.source_ids or not pair.target_ids:
            continue
        here = set().union(*(rendered.get(t, set()) for t in pair.target_ids))
        for entity_id, ids in mentioned.items():
            if ids & set(pair.source_ids):
                total[entity_id] = total.get(entity_id, 0) + 1
                kept[entity_id] = kept.get(entity_id, 0) + (entity_id in here)
    return {e for e in mentioned
            if kept.get(e, 0) < 2 or kept.get(e, 0) < config.weak_survival * total.get(e, 1)}


def _sample_letter(target: SegmentedDocument) -> str:
    """A letter of the translation's own script (the first one not in Latin script, if the
    language's script is not Latin), to pick geonames names written in it."""
    latin = _script(target.lang) == "Latn"
    for sentence in target.sentences:
        for ch in sentence.text:
            if ch.isalpha() and (latin or not unicodedata.name(ch, "").startswith("LATIN")):
                return ch
    return ""


def check_translation(source: SegmentedDocument, target: SegmentedDocument, alignment: Alignment,
                      entities: Sequence[Entity], *, glossary: Glossary | None = None,
                      config: NamesConfig | None = None) -> NameCheckResult:
    """Name, number and untranslated-fragment findings for one translation."""
    config = config or NamesConfig()
    lang = target.lang
    evidence = entity_evidence(source, entities, config)
    accepted: dict[str, tuple[str, ...]] = {}
    if glossary:
        for entity in entities:
            entry = glossary.entry(entity.id)
            if entry and entry.accepted(lang):
                accepted[entity.id] = entry.accepted(lang)
    standard: dict[str, Mapping[str, tuple[str, ...]]] = {}
    present: dict[str, tuple[str, ...]] = {}
    foreign: dict[str, tuple[str, ...]] = {}
    sample = _sample_letter(target)
    for entity in entities:
        keys = place_keys(entity, source.lang) if evidence[entity.id] == Evidence.DATA else ()
        if keys:
            standard[entity.id] = places.regional_forms(keys, lang)
            # The source's and English forms may be quoted (a German title in a French
            # text): they are accepted spellings too; geonames names only show presence.
            foreign[entity.id] = tuple(dict.fromkeys(
                f for other in (source.lang, "en")
                for forms in places.regional_forms(keys, other).values() for f in forms))
            present[entity.id] = tuple(dict.fromkeys(
                places.present_forms(keys, lang, sample) + foreign[entity.id]))
    cldr = {e: tuple(dict.fromkeys(f for forms in regional.values() for f in forms))
            for e, regional in standard.items()}
    weak = frozenset(e.id for e in entities if not strong(evidence[e.id]))
    forms = entity_forms(entities, lang, {**cldr, **accepted}, present, weak)
    renderings = find_renderings(target.sentences, lang, forms, config)
    learnable = [f for f in forms if f.entity.id not in weak]
    learned = (learn_renderings(source, target, alignment, learnable, renderings, config)
               if config.learn_renderings else [])
    dropped = _not_surviving(weak, renderings, alignment, entities, config)
    renderings = [r for r in renderings if r.entity not in dropped]
    found = {r.entity for r in renderings}
    known = (found | {r.entity for r in learned} | set(accepted)
             | _rare_unfound(entities, lang, evidence, found, source.lang, config.rare_zipf))
    findings, grouped = name_findings(
        source, target, alignment, entities, renderings, glossary, config, known, learned,
        evidence=evidence, standard=standard, present=present, foreign=foreign,
        organisations=organisations(source, entities, config))
    if config.check_numbers:
        findings.extend(check_numbers(source, target, alignment))
    if config.untranslated_min_words > 0:
        findings.extend(check_untranslated(source, target, alignment, entities,
                                           config.untranslated_min_words))
    ordered = sorted(findings, key=_finding_order)
    return NameCheckResult(
        findings=tuple(ordered),
        renderings=tuple(sorted(grouped, key=lambda r: (r.sentence_id, r.start))),
    )
