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

from collections.abc import Sequence
from dataclasses import dataclass

from mtcheck.config import NamesConfig
from mtcheck.errors import LanguageError
from mtcheck.languages import get_language
from mtcheck.names.consistency import check_source, name_findings
from mtcheck.names.glossary import Glossary, GlossaryEntry, load_glossary, parse_glossary
from mtcheck.names.inventory import Mention, find_entities, find_mentions
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


# A name mentioned in this many source sentences or fewer, never found in a Latin-script
# translation, was dropped or replaced (Ahmadian -> "Ahmadinejad"): romanisation cannot be
# why it was not found. A name mentioned more often but never found is more likely an
# exonym the matcher cannot see (Russia -> Venäjä), so it is not reported missing.
_RARE_MENTIONS = 2


def _rare_latin_names(entities: Sequence[Entity], lang: str) -> set[str]:
    try:
        latin = get_language(lang).script == "Latn"
    except LanguageError:
        latin = False
    return {e.id for e in entities if latin and len(e.source_ids) <= _RARE_MENTIONS}


def check_translation(source: SegmentedDocument, target: SegmentedDocument, alignment: Alignment,
                      entities: Sequence[Entity], *, glossary: Glossary | None = None,
                      config: NamesConfig | None = None) -> NameCheckResult:
    """Name, number and untranslated-fragment findings for one translation."""
    config = config or NamesConfig()
    lang = target.lang
    accepted = {}
    if glossary:
        for entity in entities:
            entry = glossary.entry(entity.id)
            if entry and entry.accepted(lang):
                accepted[entity.id] = entry.accepted(lang)
    forms = entity_forms(entities, lang, accepted)
    renderings = find_renderings(target.sentences, lang, forms, config)
    learned = (learn_renderings(source, target, alignment, forms, renderings, config)
               if config.learn_renderings else [])
    known = ({r.entity for r in renderings} | {r.entity for r in learned} | set(accepted)
             | _rare_latin_names(entities, lang))
    findings, grouped = name_findings(source, target, alignment, entities, renderings,
                                      glossary, config, known, learned)
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
