"""Name findings: inconsistent, missing, off-glossary and Latin-script renderings, and
spelling variants inside the source itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from mtcheck.checks import CHECKS, describe_sentences
from mtcheck.config import NamesConfig
from mtcheck.languages import get_language
from mtcheck.names.glossary import Glossary
from mtcheck.names.inventory import Mention, find_mentions, mentions_by_sentence
from mtcheck.names.matching import entity_forms, group_variants, meets_glossary
from mtcheck.types import (
    Alignment,
    Entity,
    Finding,
    NameRendering,
    NameVariant,
    SegmentedDocument,
    TextSpan,
)


def _finding(check: str, message: str, **fields: object) -> Finding:
    return Finding(check=check, severity=CHECKS[check].severity, message=message,
                   **fields)  # type: ignore[arg-type]


def describe_variants(variants: Sequence[NameVariant]) -> str:
    """'Пезешкиан (4×, sentences #3, #5), Пезешкиян (1×, sentence #4)'."""
    return ", ".join(f"{v.base} ({v.count}×, {describe_sentences(v.sentence_ids)})" for v in variants)


def check_source(source: SegmentedDocument, entities: Sequence[Entity]) -> tuple[Finding, ...]:
    """One names.source-inconsistent finding per entity the source spells several ways."""
    mentions = find_mentions(source, entities)
    findings = []
    for entity in entities:
        own = [m for m in mentions if m.entity == entity.id]
        counts = Counter(m.text for m in own)
        # A full name next to the surname alone is not a second spelling.
        spellings = [f for f in counts if not any(f != g and g in f.split() for g in counts)]
        if len(spellings) < 2:
            continue
        variants = sorted(
            (NameVariant(base=f, surfaces=(f,), count=counts[f],
                         sentence_ids=tuple(sorted({m.sentence_id for m in own if m.text == f})))
             for f in spellings),
            key=lambda v: (-v.count, v.sentence_ids, v.base))
        expected = entity.canonical if entity.from_glossary else None
        message = (f"The source spells {entity.canonical} {len(variants)} ways: "
                   f"{describe_variants(variants)}; expected one spelling")
        if expected and expected not in spellings:
            message += f" (glossary: {expected})"
        findings.append(_finding(
            "names.source-inconsistent", message, source_ids=entity.source_ids,
            spans=tuple(TextSpan("source", m.sentence_id, m.start, m.end, m.text) for m in own
                        if m.text in spellings),
            entity=entity.id, variants=tuple(variants), expected=expected))
    return tuple(findings)


def _spans(renderings: Sequence[NameRendering]) -> tuple[TextSpan, ...]:
    return tuple(TextSpan("target", r.sentence_id, r.start, r.end, r.surface)
                 for r in sorted(renderings, key=lambda r: (r.sentence_id, r.start)))


def _is_accepted(variant: NameVariant, accepted: Sequence[str], lang: str) -> bool:
    """True when a surface of the variant inflects a form the glossary accepts."""
    return any(meets_glossary(s, accepted, lang) is not None for s in variant.surfaces)


def name_findings(source: SegmentedDocument, target: SegmentedDocument, alignment: Alignment,
                  entities: Sequence[Entity], renderings: Sequence[NameRendering],
                  glossary: Glossary | None, config: NamesConfig,
                  known_in_target: set[str], learned: Sequence[NameRendering] = (),
                  ) -> tuple[list[Finding], list[NameRendering]]:
    """Findings for every entity, and the renderings with their variant's base form.

    ``known_in_target`` holds the entities whose rendering in this language is known (found
    by matching, a glossary or learning); a name is reported missing only for those.
    ``learned`` renderings (see :mod:`mtcheck.names.learning`) count against names.missing
    and are returned for reports, but take no part in variants: a learned form must never
    make a name look inconsistent on its own.
    """
    lang = target.lang
    non_latin_target = get_language(lang).script != "Latn"
    findings: list[Finding] = []
    grouped: list[NameRendering] = []
    for entity in entities:
        own = [r for r in renderings if r.entity == entity.id]
        latin = [r for r in own if non_latin_target and _is_latin_surface(r.surface)]
        native = [r for r in own if r not in latin]
        entry = glossary.entry(entity.id) if glossary else None
        accepted = entry.accepted(lang) if entry else ()
        expected = accepted[0] if accepted else None
        keys = entity_forms([entity], lang, {entity.id: accepted})[0].keys
        groups = group_variants(native, lang, keys=keys, accepted=accepted)
        for _, members in groups:
            grouped.extend(members)
        # Latin-script renderings are no variant, but the report still shows their base form.
        for _, members in group_variants(latin, lang, keys=keys):
            grouped.extend(members)
        variants = tuple(v for v, _ in groups)
        # Forms the glossary accepts (俄罗斯 and its short form 俄) are one spelling between them.
        spellings = {"accepted" if accepted and _is_accepted(v, accepted, lang) else v.base
                     for v in variants}
        if len(spellings) >= 2:
            message = (f"{entity.canonical} is written {len(variants)} ways: "
                       f"{describe_variants(variants)}; expected one spelling")
            if expected:
                message += f" ({expected} per the glossary)"
            findings.append(_finding(
                "names.inconsistent", message, source_ids=entity.source_ids,
                target_ids=tuple(sorted({r.sentence_id for r in native})), spans=_spans(native),
                entity=entity.id, variants=variants, expected=expected))
        elif len(variants) == 1 and expected and not _is_accepted(variants[0], accepted, lang):
            findings.append(_finding(
                "names.glossary",
                f"{entity.canonical} is written {variants[0].base} "
                f"({variants[0].count}×, {describe_sentences(variants[0].sentence_ids)}); "
                f"the glossary expects {expected}",
                source_ids=entity.source_ids, target_ids=variants[0].sentence_ids,
                spans=_spans(native), entity=entity.id, variants=variants, expected=expected))
        if latin:
            surfaces = sorted({r.surface for r in latin})
            ids = tuple(sorted({r.sentence_id for r in latin}))
            hint = f"; expected {expected}" if expected else (
                f"; elsewhere written {variants[0].base}" if variants else "")
            findings.append(_finding(
                "names.script",
                f"{entity.canonical} is left in Latin script ({', '.join(surfaces)}) "
                f"in {describe_sentences(ids)}{hint}",
                source_ids=entity.source_ids, target_ids=ids, spans=_spans(latin),
                entity=entity.id, expected=expected))
    grouped.extend(learned)
    findings.extend(_missing(source, alignment, entities, [*renderings, *learned],
                             known_in_target))
    return findings, grouped


def _is_latin_surface(text: str) -> bool:
    import unicodedata

    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def _missing(source: SegmentedDocument, alignment: Alignment, entities: Sequence[Entity],
             renderings: Sequence[NameRendering], known_in_target: set[str]) -> list[Finding]:
    by_sentence = mentions_by_sentence(find_mentions(source, entities))
    rendered: dict[int, set[str]] = {}
    for rendering in renderings:
        rendered.setdefault(rendering.sentence_id, set()).add(rendering.entity)
    names = {e.id: e for e in entities}
    findings = []
    for pair in alignment.pairs:
        if not pair.source_ids or not pair.target_ids:
            continue  # an omitted or added sentence is the aligner's finding, not a missing name
        in_target = set().union(*(rendered.get(t, set()) for t in pair.target_ids))
        mentioned: dict[str, list[Mention]] = {}
        for sid in pair.source_ids:
            for mention in by_sentence.get(sid, []):
                mentioned.setdefault(mention.entity, []).append(mention)
        for entity_id, mentions in mentioned.items():
            if entity_id in in_target or entity_id not in known_in_target:
                continue
            entity = names[entity_id]
            findings.append(_finding(
                "names.missing",
                f"{entity.canonical} ({describe_sentences(pair.source_ids)} of the source) is not in "
                f"the translation ({describe_sentences(pair.target_ids)})",
                source_ids=pair.source_ids, target_ids=pair.target_ids,
                spans=tuple(TextSpan("source", m.sentence_id, m.start, m.end, m.text)
                            for m in mentions),
                entity=entity_id))
    return findings

