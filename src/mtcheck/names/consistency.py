"""Name findings: inconsistent, missing, off-glossary and Latin-script renderings, and
spelling variants inside the source itself."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Mapping, Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from mtcheck.checks import CHECKS, describe_sentences
from mtcheck.config import NamesConfig
from mtcheck.errors import LanguageError
from mtcheck.frequency import zipf
from mtcheck.languages import get_language
from mtcheck.names import places
from mtcheck.names import variants as slips
from mtcheck.names.evidence import Evidence, is_common, missing_severity, strong
from mtcheck.names.glossary import Glossary
from mtcheck.names.homophones import homophone_spellings, minority
from mtcheck.names.inflection import InflectionRules, rules_for, same_spelling, unaccented
from mtcheck.names.inventory import Mention, find_mentions, mentions_by_sentence, place_keys
from mtcheck.names.matching import (
    TargetWord,
    capitalised_runs,
    entity_forms,
    group_variants,
    meets_glossary,
    name_key,
    script_class,
    target_words,
)
from mtcheck.names.replacement import common_words, missing_message, names_another_city
from mtcheck.names.residual import residual_rendering
from mtcheck.names.scope import follows_source, mention_scopes
from mtcheck.romanize import romanize
from mtcheck.skeleton import consonant_skeleton
from mtcheck.types import (
    AlignedPair,
    Alignment,
    Entity,
    Finding,
    NameRendering,
    NameVariant,
    SegmentedDocument,
    Severity,
    TextSpan,
)

_WORD = re.compile(r"[^\W\d_]+")
# Shorter words of a multi-word name (du, Sud) do not show the name is there on their own.
_MIN_WORD_OF_NAME = 4
# Letters by which another transliteration of a name may differ in length from it.
_LENGTH_SLACK = 2
# At most this many names that may have replaced a missing one are named in its message.
_MAX_INSTEAD = 3


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
        # A full name next to the surname alone is not a second spelling, nor is an inflected
        # form in the source language (Südostgrates, Expeditionsleiters).
        rules = rules_for(source.lang)
        spellings = [f for f in counts if not any(f != g and g in f.split() for g in counts)]
        spellings = [f for i, f in enumerate(spellings)
                     if not any(same_spelling(f, g, rules) for g in spellings[:i])]
        # Nor a spelling that contains another (Höhenzahl / Höhenzahlen: plural forms).
        spellings = [f for f in spellings
                     if not any(g != f and len(g) >= 3 and _folded(g) in _folded(f)
                                for g in spellings)]
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


def _severity(check: str, evidence: Evidence, confirmed: bool) -> Severity:
    """The check's own severity with strong evidence confirmed by this translation;
    otherwise one step lower (error -> warning -> info)."""
    declared = CHECKS[check].severity
    if (strong(evidence) and confirmed) or evidence == Evidence.AGREEMENT:
        return declared
    return Severity.WARNING if declared == Severity.ERROR else Severity.INFO


def _regions(variant: NameVariant, regional: Mapping[str, tuple[str, ...]],
             lang: str) -> frozenset[str]:
    """The locales whose standard form the variant writes (empty: none of them)."""
    return frozenset(locale for locale, forms in regional.items()
                     if any(meets_glossary(s, forms, lang) is not None for s in variant.surfaces))


def _locale_label(locales: frozenset[str], lang: str) -> str:
    """'pt_PT' for the regional locale that represents a set (the one named like the
    language, pt_PT for pt, or the alphabetically first)."""
    regional = sorted(loc for loc in locales if "_" in loc)
    if not regional:
        return lang
    own = f"{lang}_{lang.upper()}"
    return own if own in regional else regional[0]


def _as_in_source(variants: Sequence[NameVariant], entity: Entity) -> str | None:
    """Of the most frequent spellings, when they tie, the one written exactly as in the
    source, if the others differ from it by a letter or two (Echeverría once, Echeverria
    once: the second is the one to fix; not Shoigu against the French house form Choïgou)."""
    top = [v for v in variants if v.count == variants[0].count]
    if len(top) < 2:
        return None
    source = {_folded(w) for f in entity.source_forms for w in f.split()}
    exact = [v for v in top if _folded(v.base) in source]
    if len(exact) != 1:
        return None
    near = all(Levenshtein.distance(_folded(v.base), _folded(exact[0].base)) <= _NEAR_LETTERS
               for v in top)
    return exact[0].base if near else None


# Letters by which a spelling differs from the source's when it is a slip of it.
_NEAR_LETTERS = 2


def _minority(variants: Sequence[NameVariant], renderings: Sequence[NameRendering],
              majority: str) -> list[NameRendering]:
    """The renderings of every spelling but the majority one: where a fix is needed."""
    keep = {v.base for v in variants if v.base != majority}
    return [r for r in renderings if r.base in keep]


def name_findings(source: SegmentedDocument, target: SegmentedDocument, alignment: Alignment,
                  entities: Sequence[Entity], renderings: Sequence[NameRendering],
                  glossary: Glossary | None, config: NamesConfig,
                  known_in_target: set[str], learned: Sequence[NameRendering] = (), *,
                  evidence: Mapping[str, Evidence] | None = None,
                  standard: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
                  present: Mapping[str, tuple[str, ...]] | None = None,
                  organisations: frozenset[str] = frozenset(),
                  foreign: Mapping[str, tuple[str, ...]] | None = None,
                  kept_phrases: frozenset[str] = frozenset(),
                  persons: frozenset[str] = frozenset(),
                  verbatim: frozenset[tuple[int, int]] = frozenset(),
                  transliterated: frozenset[str] = frozenset(),
                  copied_only: frozenset[str] = frozenset(),
                  ) -> tuple[list[Finding], list[NameRendering]]:
    """Findings for every entity, and the renderings with their variant's base form.

    ``known_in_target`` holds the entities whose rendering in this language is known (found
    by matching, a glossary or learning); a name is reported missing only for those.
    ``learned`` renderings (see :mod:`mtcheck.names.learning`) count against names.missing
    and are returned for reports, but take no part in variants: a learned form must never
    make a name look inconsistent on its own. ``evidence`` sets severities, ``standard``
    gives the CLDR forms of places per regional locale, ``present`` further forms that show
    a place is there; ``organisations`` are the entities recognised as organisation names;
    ``foreign`` the forms of places in the source language and English, which a
    translation may quote and which are no second spelling. ``kept_phrases`` are the
    source's multi-word organisation names: a Latin-script rendering inside a copy of one
    (Samudera Indonesia, Doğuş Group) keeps a brand, it leaves no name untransliterated.
    ``persons`` are the entities recognised as people: a name left in Latin script is a
    warning for a person, a place, or a name the translation writes in its script
    elsewhere; for anything else (perhaps a brand the press keeps so) only information.
    ``verbatim`` are (sentence id, start) of renderings inside a longer name copied as the
    source writes it (Hydro-Québec): they show the name but are no spelling of it.
    ``transliterated`` are the entities the other translations into other scripts agree to
    transliterate: one left in Latin script here is a warning. ``copied_only`` are the
    entities the translation renders only inside copies of longer source names (NFU
    Scotland): that shows the institution's spelling, not how the translator writes the
    name alone, so it does not make a names.missing finding on it an error.
    """
    lang = target.lang
    evidence = evidence or {}
    standard = standard or {}
    non_latin_target = get_language(lang).script != "Latn"
    source_names = source_name_runs(source) if non_latin_target else frozenset()
    findings: list[Finding] = []
    grouped: list[NameRendering] = []
    found = {r.entity for r in renderings}
    # Learned renderings (by sound and co-occurrence) confirm a name in the translation too.
    in_translation = found | {r.entity for r in learned}
    preferred = _preferred_region(renderings, standard, lang)
    # Spellings are compared only where the source mentions the name (see names.scope).
    mentions = find_mentions(source, entities)
    scopes = mention_scopes(alignment, entities, mentions, source.lang)
    for entity in entities:
        strength = evidence.get(entity.id, Evidence.CAPITALISED)
        scope = scopes.get(entity.id, {})
        own = _one_per_mention([r for r in renderings if r.entity == entity.id], target)
        own = _within_mentions(own, entity, alignment, mentions, lang, non_latin_target)
        latin = [r for r in own if non_latin_target and is_latin_surface(r.surface)]
        native = [r for r in own if r not in latin]
        native_ids = {r.sentence_id for r in renderings
                      if r.entity == entity.id and not is_latin_surface(r.surface)}
        # A single letter kept in Latin script is an initial (V. Narayanan), not a name; an
        # acronym (PiS, NXP, TSMC) is kept so in every script.
        latin_kept = [r for r in latin
                      if sum(ch.isalpha() for ch in r.surface) >= 2
                      and not _acronym_like(r.surface)
                      # A person's full name of two words copied whole is still a person
                      # left in Latin script, though the recogniser call it an
                      # organisation (Nino Beridze-Kapanadze); a common word beside the
                      # name makes it a firm's all the same (Grupo Doğuş).
                      and not _in_kept_phrase(r, entity, target, kept_phrases,
                                              source_names,
                                              _MIN_COPIED_WORDS if entity.id in persons
                                              else 2, source.lang,
                                              person=entity.id in persons,
                                              beside_native=r.sentence_id in native_ids)
                      and not _glossed(r, native, target)]
        entry = glossary.entry(entity.id) if glossary else None
        accepted = entry.accepted(lang) if entry else ()
        expected = accepted[0] if accepted else None
        regional = standard.get(entity.id, {}) if not accepted else {}
        cldr = tuple(dict.fromkeys(f for forms in regional.values() for f in forms))
        keys = entity_forms([entity], lang, {entity.id: accepted or cldr})[0].keys
        groups = group_variants(native, lang, keys=keys, accepted=accepted or cldr)
        for _, members in groups:
            grouped.extend(members)
        # Latin-script renderings are no variant, but the report still shows their base form.
        for _, members in group_variants(latin, lang, keys=keys):
            grouped.extend(members)
        written = bool(native)
        all_native = [r for r in native if (r.sentence_id, r.start) not in verbatim]
        if len(all_native) < len(native):
            groups = group_variants(all_native, lang, keys=keys, accepted=accepted or cldr)
        # A mix of regional standard forms is seen across the whole translation (capital da
        # Armênia where the source says "the Armenian capital"); other spellings only where
        # the source mentions the name (see names.scope).
        for pool in (None, [r for r in all_native if r.sentence_id in scope]):
            if pool is not None:
                groups = group_variants(pool, lang, keys=keys, accepted=accepted or cldr)
            variants = tuple(v for v, _ in groups)
            # Forms the glossary accepts (俄罗斯 and its short form 俄) are one spelling between them;
            # so are the standard forms of a place, unless they come from different regions.
            # A spelling that is part of another (Nairobi / Nairobier, África / Sudáfrica) is a
            # word derived from or compounded with the name, not a second spelling of it.
            regions = {v.base: _regions(v, regional, lang) for v in variants} if regional else {}
            variants = _unrelated(variants, {b for b, r in regions.items() if r})
            # A less frequent spelling that is a common word of the translation's language is
            # a word of the name translated (Pik Lenin -> Pic Lénine), not a second spelling.
            variants = variants[:1] + tuple(
                v for v in variants[1:] if not _translated_word(v.base, lang)
                or any(is_common(f, source.lang, config.rare_zipf) for f in entity.source_forms))
            variants = _without_caseless_words(variants, keys, lang)
            variants = _without_other_countries(variants, entity, source.lang, lang)
            # A second spelling starts with the name's sound; a word that starts otherwise than
            # the name and its main spelling is another word (Севера "of the North" is no
            # Эчеверрия, however close the rest).
            # A hyphenated name may differ in its article only (El-Sayed / Al-Sayed): its
            # part after the hyphen starts it then.
            if variants:
                starts = {_onset(k) for k in keys} | {_onset(_key_of(variants[0].base, lang))}
                tails = {_key_of(t, lang) for t in (_after_hyphen(variants[0].base),) if t}
                variants = variants[:1] + tuple(
                    v for v in variants[1:] if _onset(_key_of(v.base, lang)) in starts
                    or (_after_hyphen(v.base) and _key_of(_after_hyphen(v.base), lang) in tails)
                    or _revowelled_onset(_key_of(v.base, lang), _key_of(variants[0].base, lang)))
            # A nationality word made from a place's own form (Norwegerin for Norwegen,
            # Finlandais for Finlande) shows the place there; it is no second spelling.
            place_forms = (*cldr, *(present or {}).get(entity.id, ())) if not accepted else ()
            if place_forms:
                variants = tuple(v for v in variants if not _demonym_of(v, place_forms, lang))
            elsewhere = (foreign or {}).get(entity.id, ()) if not accepted else ()
            label = {v.base: "accepted" if (accepted and _is_accepted(v, accepted, lang))
                     or regions.get(v.base) or (elsewhere and _is_accepted(v, elsewhere, lang))
                     else v.base for v in variants}
            standards = [r for r in regions.values() if r]
            mixed = bool(standards) and not frozenset.intersection(*standards)
            if mixed:
                break
        native = [r for _, members in groups for r in members]
        spellings = set(label.values())
        # Two spellings that follow two names of the source (Semipalatinsk / Semey) are
        # the source's choice, not the translation's inconsistency.
        if not mixed and len(spellings) >= 2 and follows_source(native, label, scope, lang):
            spellings = set()
        if len(spellings) >= 2 or mixed:
            # The finding points at the minority spellings: the rows to fix (variants come
            # most frequent first); in a regional mix, at the forms of the other regions
            # than the one most place names of the translation follow.
            majority = _as_in_source(variants, entity) or variants[0].base
            if mixed and preferred:
                majority = next((v.base for v in variants if preferred in regions.get(v.base, ())),
                                majority)
            wrong = _minority(variants, native, majority)
            message = (f"{entity.canonical} is written {len(variants)} ways: "
                       f"{describe_variants(variants)}; expected one spelling")
            if mixed:
                labels = ", ".join(f"{v.base} ({_locale_label(regions[v.base], lang)})"
                                   for v in variants if regions.get(v.base))
                message = (f"{entity.canonical} mixes regional standard forms: {labels}; "
                           f"{describe_variants(variants)}; use one region's form throughout")
            if expected:
                message += f" ({expected} per the glossary)"
            confirmed = entity.id in found
            findings.append(Finding(
                check="names.inconsistent",
                severity=_severity("names.inconsistent", strength, confirmed) if not mixed
                else CHECKS["names.inconsistent"].severity,
                message=message, source_ids=entity.source_ids,
                target_ids=tuple(sorted({r.sentence_id for r in wrong})), spans=_spans(wrong),
                entity=entity.id, variants=variants, expected=expected))
        elif len(variants) == 1 and expected and not _is_accepted(variants[0], accepted, lang):
            findings.append(_finding(
                "names.glossary",
                f"{entity.canonical} is written {variants[0].base} "
                f"({variants[0].count}×, {describe_sentences(variants[0].sentence_ids)}); "
                f"the glossary expects {expected}",
                source_ids=entity.source_ids, target_ids=variants[0].sentence_ids,
                spans=_spans(native), entity=entity.id, variants=variants, expected=expected))
        # An organisation kept in Latin script throughout is a house style (SunPesa,
        # Siemens); for it a finding needs a native rendering elsewhere, or a glossary's.
        if latin_kept and (written or expected or entity.id not in organisations):
            surfaces = sorted({r.surface for r in latin_kept})
            ids = tuple(sorted({r.sentence_id for r in latin_kept}))
            hint = f"; expected {expected}" if expected else (
                f"; elsewhere written {variants[0].base}" if variants else "")
            sure = bool(written or expected or entity.id in persons
                        or strength >= Evidence.DATA or entity.id in transliterated)
            findings.append(Finding(
                check="names.script",
                severity=_severity("names.script", strength, True) if sure else Severity.INFO,
                message=(f"{entity.canonical} is left in Latin script ({', '.join(surfaces)}) "
                         f"in {describe_sentences(ids)}{hint}"),
                source_ids=entity.source_ids, target_ids=ids, spans=_spans(latin_kept),
                entity=entity.id, expected=expected))
    grouped.extend(learned)
    flagged = {f.entity for f in findings if f.check == "names.inconsistent"}
    runs = capitalised_runs(source)
    han = get_language(lang).script in ("Hans", "Hant")
    for entity in entities:
        scope = scopes.get(entity.id, {})
        homophones = homophone_spellings(
            [r for r in learned if r.entity == entity.id and r.sentence_id in scope], target
        ) if han and entity.id not in flagged else []
        if homophones:
            majority, wrong = minority(homophones)
            spelt = Counter(surface for _, surface in homophones)
            variants = tuple(NameVariant(
                base=surface, surfaces=(surface,), count=spelt[surface],
                sentence_ids=tuple(sorted({r.sentence_id for r, x in homophones if x == surface})))
                for surface in sorted(spelt, key=lambda x: (x != majority, -spelt[x], x)))
            findings.append(Finding(
                check="names.inconsistent",
                severity=_severity("names.inconsistent",
                                   evidence.get(entity.id, Evidence.CAPITALISED), True),
                message=(f"{entity.canonical} is written {len(variants)} ways: "
                         f"{describe_variants(variants)}; expected one spelling"),
                source_ids=entity.source_ids,
                target_ids=tuple(sorted({r.sentence_id for r in wrong})), spans=_spans(wrong),
                entity=entity.id, variants=variants))
            flagged.add(entity.id)
        if entity.id not in flagged:
            finding = _companion_variants(entity, target,
                                          [r for r in renderings if r.sentence_id in scope],
                                          evidence.get(entity.id, Evidence.CAPITALISED), runs)
            # A name run written two ways by a slip (Air Lines / Airlines, Mensa / Mensah):
            # see mtcheck.names.variants.
            # Forms the glossary or CLDR gives for the name are one spelling between them.
            entry = glossary.entry(entity.id) if glossary else None
            second = slips.written_otherwise(
                entity.id, target,
                [r for r in renderings if not (non_latin_target and is_latin_surface(r.surface))],
                scope, entity.source_forms, verbatim,
                (*(entry.accepted(lang) if entry else ()),
                 *(f for forms in standard.get(entity.id, {}).values() for f in forms)),
                (foreign or {}).get(entity.id, ()))
            if finding is None and second is not None:
                finding = _slip_finding(entity, second.variants, second.wrong, entity.source_ids,
                                        evidence.get(entity.id, Evidence.CAPITALISED))
            if finding is not None:
                findings.append(finding)
    findings.extend(_missing(source, target, alignment, entities, [*renderings, *learned],
                             known_in_target, evidence, in_translation - copied_only,
                             standard, present or {},
                             config.rare_zipf, config.learn_similarity, config.surname_zipf,
                             foreign or {}))
    return findings, grouped


_OPENING = "(（"
_CLOSING = ")）"


def _glossed(rendering: NameRendering, native: Sequence[NameRendering],
             target: SegmentedDocument) -> bool:
    """True for a Latin-script spelling given in brackets right after the name's rendering
    in the target's script (하이드롬(Hydrom), ハイドロム（Hydrom）): the translator glosses the
    original spelling, the name itself is transliterated."""
    text = target.sentences[rendering.sentence_id].text
    before = text[:rendering.start].rstrip()
    after = text[rendering.end:].lstrip()
    if not (before.endswith(tuple(_OPENING)) and after.startswith(tuple(_CLOSING))):
        return False
    opening = len(before) - 1
    return any(r.sentence_id == rendering.sentence_id and r.start < opening
               and not text[r.end:opening].strip() for r in native)


def _slip_finding(entity: Entity, variants: Sequence[NameVariant],
                  wrong: Sequence[slips.Run], source_ids: Sequence[int],
                  strength: Evidence) -> Finding:
    """names.inconsistent for a name written otherwise by a slip (see
    :mod:`mtcheck.names.variants`), pointing at the ``wrong`` runs."""
    return Finding(
        check="names.inconsistent",
        severity=_severity("names.inconsistent", strength, True),
        message=(f"{entity.canonical} is written {len(variants)} ways: "
                 f"{describe_variants(variants)}; expected one spelling"),
        source_ids=tuple(source_ids),
        target_ids=tuple(sorted({w.sentence_id for w in wrong})),
        spans=tuple(TextSpan("target", w.sentence_id, w.start, w.end, w.text) for w in wrong),
        entity=entity.id, variants=tuple(variants))


def _acronym_like(surface: str) -> bool:
    """An acronym: six letters or fewer, at least two capitals and no more lower-case
    letters than capitals (PiS, NXP; not Bosch, iPhone)."""
    letters = [ch for ch in surface if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    return len(letters) <= 6 and upper >= 2 and upper >= len(letters) - upper


# Characters that join the words of a Latin-script name kept as a whole (Doğuş Group,
# Sea-Intelligence, AT&T).
_RUN_JOINERS = frozenset(" -&'’.")


# What may stand between two words of one multi-word name: spaces, joiners and short
# lower-case particles (Dar es Salaam, Rio de Janeiro, Bosnia and Herzegovina).
_WITHIN_NAME = re.compile(r"(?:[\s\-‐–·・'’]|\b[^\W\d_]{1,3}\b)*")


def _one_per_mention(renderings: list[NameRendering],
                     target: SegmentedDocument) -> list[NameRendering]:
    """The renderings of one entity, less those that continue the one before them: two words
    of a multi-word name found side by side (Dar … Salaam) are one mention, not two spellings."""
    kept: list[NameRendering] = []
    for rendering in sorted(renderings, key=lambda r: (r.sentence_id, r.start)):
        last = kept[-1] if kept else None
        if (last is not None and last.sentence_id == rendering.sentence_id
                and last.end < rendering.start
                and _WITHIN_NAME.fullmatch(
                    target.sentences[rendering.sentence_id].text[last.end:rendering.start])):
            continue
        kept.append(rendering)
    return kept


def _within_mentions(renderings: list[NameRendering], entity: Entity, alignment: Alignment,
                     mentions: Sequence[Mention], lang: str,
                     non_latin_target: bool) -> list[NameRendering]:
    """The renderings of one entity, less the words beyond the source's mentions of it in
    one aligned pair that sound less like it than the others there: where the source names
    Shetland once and the Korean sentence holds 셰틀랜드 and 스코틀랜드 (Scotland, for the
    "Scottish" of the same sentence), one of the two renders it and the other is another
    word. Two spellings of one name in a pair that mentions it twice are left alone, and so
    is a Latin spelling in a translation into another script (a gloss in brackets, or the
    name left as written: rules of their own)."""
    if len(renderings) < 2:
        return renderings
    keys = entity_forms([entity], lang)[0].keys
    if not keys:
        return renderings
    counts = Counter(m.sentence_id for m in mentions if m.entity == entity.id)
    surplus: set[NameRendering] = set()
    for pair in alignment.pairs:
        targets = set(pair.target_ids)
        here = [r for r in renderings if r.sentence_id in targets
                and not (non_latin_target and is_latin_surface(r.surface))]
        allowed = sum(counts.get(sid, 0) for sid in pair.source_ids)
        if not allowed or len(here) <= allowed or len({_folded(r.base) for r in here}) < 2:
            continue
        ranked = sorted(here, key=lambda r: (-max(fuzz.ratio(_key_of(r.surface, lang), k)
                                                  for k in keys), r.sentence_id, r.start))
        surplus.update(ranked[allowed:])
    return [r for r in renderings if r not in surplus]


def _latin_run(text: str, start: int, end: int) -> str:
    """The run of Latin-script words around ``text[start:end]``, joined by spaces, hyphens
    and the like; the run ends where another script or punctuation starts."""
    def latin(ch: str) -> bool:
        return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")

    while start > 0 and (latin(text[start - 1]) or (
            text[start - 1] in _RUN_JOINERS and start > 1 and latin(text[start - 2]))):
        start -= 1
    while end < len(text) and (latin(text[end]) or (
            text[end] in _RUN_JOINERS and end + 1 < len(text) and latin(text[end + 1]))):
        end += 1
    return text[start:end]


def _in_kept_phrase(rendering: NameRendering, entity: Entity, target: SegmentedDocument,
                    kept_phrases: frozenset[str], source_names: frozenset[str] = frozenset(),
                    min_words: int = 2, source_lang: str = "en", person: bool = False,
                    beside_native: bool = False) -> bool:
    """True when the Latin-script run around ``rendering`` copies a multi-word name of the
    source whole, and that name is more than the entity (Doğuş Group for Doğuş; not New
    York for New York). The name is one the recogniser gives, or a run of capitalised
    words of the source copied as it is (Taiwan of "Taiwan Semiconductor Manufacturing Co.":
    the company kept as written, not the place left in Latin script). A recognised name
    counts from ``min_words`` words on, or from two with a common word (Grupo Doğuş). A
    ``person``'s run of the source counts only with an acronym in it: a full name of three
    words copied whole is still a person left in Latin script."""
    if not kept_phrases and not source_names:
        return False
    run = _latin_run(target.sentences[rendering.sentence_id].text, rendering.start, rendering.end)
    folded = run.rstrip(" .-'’").casefold()
    own = {w.casefold() for form in entity.source_forms for w in form.split()}
    words = folded.split()
    # Three or more capitalised words copied whole are a firm kept as written, the entity's
    # own name included (Zaha Hadid Architects, Aviation Africa Insights).
    if len(words) >= _MIN_COPIED_WORDS and folded in source_names and not person:
        return True
    common = any(w not in own and max(zipf(w, source_lang), zipf(w, "en")) >= _COMMON_IN_NAME
                 for w in words)
    # An acronym beside the name makes the run a project's or a firm's name (Mozambique LNG,
    # Rovuma LNG): a person's full name has none. Such a run copied from the source is kept
    # as written, though no recogniser read the source.
    acronym = any(w.casefold() not in own and _acronym_like(w) for w in run.split())
    if " " in folded and acronym and folded in source_names:
        return True
    # A person's full name copied whole is that person left in Latin script, unless the
    # sentence also writes the name in its own script (Όγιου Τολγκόι beside the company
    # Erdenes Oyu Tolgoi): then the run is another name that holds it.
    if person and not beside_native and _full_name(run, own, source_lang):
        return False
    return ((len(words) >= min_words or (" " in folded and common))
            and folded in kept_phrases and any(w not in own for w in words))


def _full_name(run: str, own: set[str], source_lang: str) -> bool:
    """True when a person's Latin-script run is that person's full name: it ends with one of
    the person's own words and nothing before them is a common word, a name particle in
    lower case (del, van) and a hyphenated given name (Jean-François) aside. The recogniser
    often reads such a name as an organisation (María del Carmen Quispe Huamán, ORG); a
    firm named after a person has a common word in it (Grupo Doğuş, Hadid Architects)."""
    words = run.rstrip(" .-'’").split()
    if len(words) < 2 or words[-1].casefold() not in own:
        return False
    return not any(w.casefold() not in own and w[:1].isupper() and "-" not in w
                   and max(zipf(w.casefold(), source_lang), zipf(w.casefold(), "en"))
                   >= _COMMON_IN_NAME for w in words)


# Zipf frequency (source language or English) of a word that makes a copied two-word run
# a firm's name, not a person's full name (the Grupo of Grupo Doğuş, not the Nino of Nino
# Beridze-Kapanadze).
_COMMON_IN_NAME = 4.0
# The fewest words of a copied source run that make it a name kept whole without the
# recogniser's word: two capitalised words are as often a person's full name (Kari
# Bjørnstad) that a translation must still transliterate.
_MIN_COPIED_WORDS = 3


# A capitalised word and the lower-case particles a multi-word name keeps between such
# words (Bank of America, Dar es Salaam).
_NAME_RUN = re.compile(r"[A-ZÀ-ÞĀ-Ž][\w&'’.-]*(?:\s+(?:[a-zà-ÿ]{1,3}\s+)?[A-ZÀ-ÞĀ-Ž][\w&'’.-]*)+")


def source_name_runs(source: SegmentedDocument) -> frozenset[str]:
    """Every run of capitalised words of the source and each of its multi-word parts that
    starts at its first word, case-folded: what a translation may keep as written."""
    runs: set[str] = set()
    for sentence in source.sentences:
        for match in _NAME_RUN.finditer(sentence.text):
            words = match.group(0).rstrip(" .-'’").split()
            runs.update(" ".join(words[:n]).rstrip(".").casefold()
                        for n in range(2, len(words) + 1) if words[n - 1][:1].isupper())
    return frozenset(runs)


# Fuzzy ratio at which a word next to a rendering renders another word of the name, and at
# which two such words are one word spelt two ways.
_COMPANION_SIMILARITY = 70.0


def _companion_variants(entity: Entity, target: SegmentedDocument,
                        renderings: Sequence[NameRendering],
                        strength: Evidence, runs: Sequence[str] = ()) -> Finding | None:
    """A multi-word name whose other words are spelt two ways next to its renderings
    (Агирре Паредес / Агуирре Паредес): the matcher finds one word of a name, and the words
    beside it that sound like the name's other words are checked as one name with it.
    The other words are those of the entity's multi-word forms and of the source's ``runs``
    of capitalised words that hold one of its forms (the Della of "Della Rocca", tracked
    as Rocca)."""
    forms = set(entity.source_forms)
    written = [f for f in entity.source_forms if " " in f]
    # From a run, the words right before the form, up to the first frequent English word
    # (a title: the Secretary of "Council Secretary Sergei Shoigu" is no part of the name).
    for run in runs:
        parts = run.split()
        at = next((i for i, w in enumerate(parts) if w in forms), None)
        if at is None:
            continue
        first = at
        while first > 0 and zipf(parts[first - 1].lower(), "en") < _TRANSLATED_WORD_ZIPF:
            first -= 1
        written.append(" ".join(parts[first:at + 1]))
    others = list(dict.fromkeys(w for f in written for w in f.split()
                                if len(w) >= _MIN_WORD_OF_NAME and w not in forms))
    own = [r for r in renderings if r.entity == entity.id]
    if not others or not own:
        return None
    lang = target.lang
    keys = [name_key(romanize(w, "en"), lang, latin=True) for w in others]
    found: dict[int, list[tuple[str, int, int, int]]] = {}  # word -> (surface, sid, start, end)
    words_of: dict[int, list[TargetWord]] = {}
    for rendering in own:
        words = words_of.setdefault(rendering.sentence_id,
                                    target_words(target.sentences[rendering.sentence_id], lang))
        at = next((i for i, w in enumerate(words) if w.start <= rendering.start < w.end), None)
        if at is None:
            continue
        # Each other word of the name is written once beside a rendering: the word there
        # that sounds most like it (기오르기 for Giorgi, not also 계곡의 "of the valley").
        nearest: dict[int, tuple[float, TargetWord]] = {}
        for j in range(max(0, at - len(others)), min(len(words), at + len(others) + 1)):
            word = words[j]
            if j == at or (word.end <= rendering.end and word.start >= rendering.start):
                continue
            if not word.text[0].isupper() and word.text[0].lower() != word.text[0].upper():
                continue  # a lower-case word of a script with case is no name (einer, mener)
            key = name_key(romanize(word.text, "en" if word.latin else lang), lang,
                           latin=word.latin)
            scores = [fuzz.ratio(key, k) for k in keys]
            best = max(range(len(keys)), key=lambda i: scores[i])
            if scores[best] >= _COMPANION_SIMILARITY and (
                    best not in nearest or scores[best] > nearest[best][0]):
                nearest[best] = (scores[best], word)
        for best, (_, word) in nearest.items():
            found.setdefault(best, []).append(
                (word.text, rendering.sentence_id, word.start, word.end))
    rules = rules_for(lang)
    for spots in found.values():
        unique = sorted({(sid, start): (text, end) for text, sid, start, end in spots}.items())
        groups: list[list[tuple[str, int, int, int]]] = []
        for (sid, start), (text, end) in unique:
            home = next((g for g in groups if same_spelling(g[0][0], text, rules)), None)
            if home is None:
                groups.append([(text, sid, start, end)])
            else:
                home.append((text, sid, start, end))
        if len(groups) < 2:
            continue
        groups.sort(key=lambda g: (-len(g), g[0][1]))
        head = name_key(romanize(groups[0][0][0], lang), lang)
        close = [g for g in groups[1:]
                 if fuzz.ratio(head, name_key(romanize(g[0][0], lang), lang))
                 >= _COMPANION_SIMILARITY]
        if not close:
            continue
        variants = tuple(NameVariant(base=g[0][0], surfaces=tuple(sorted({t for t, *_ in g})),
                                     count=len(g), sentence_ids=tuple(sorted({x[1] for x in g})))
                         for g in [groups[0], *close])
        wrong = [x for g in close for x in g]
        return Finding(
            check="names.inconsistent",
            severity=_severity("names.inconsistent", strength, True),
            message=(f"{entity.canonical} is written {len(variants)} ways: "
                     f"{describe_variants(variants)}; expected one spelling"),
            source_ids=entity.source_ids,
            target_ids=tuple(sorted({x[1] for x in wrong})),
            spans=tuple(TextSpan("target", sid, start, end, text)
                        for text, sid, start, end in sorted(wrong, key=lambda x: (x[1], x[2]))),
            entity=entity.id, variants=variants)
    return None


def _unrelated(variants: Sequence[NameVariant], standard: set[str]) -> tuple[NameVariant, ...]:
    """The variants (most frequent first) that are not part of, nor contain, a more
    frequent one; two regional standard forms (Irã, Irão) are both kept."""
    kept: list[NameVariant] = []
    for variant in variants:
        # Case-folded with its accents: Nairóbi is a second spelling of Nairobi.
        own = _folded(variant.base)
        if not any(min(len(own), len(_folded(k.base))) >= 3
                   and (own in _folded(k.base) or _folded(k.base) in own
                        or _derivation(own, _folded(k.base)))
                   and not _lengthened(own, _folded(k.base))
                   and not _onset_added(own, _folded(k.base))
                   and not (variant.base in standard and k.base in standard) for k in kept):
            kept.append(variant)
    return tuple(kept)


def _onset_added(first: str, second: str) -> bool:
    """True when one form is the other with one letter of a cased script put before it
    (Χουαμάν / Ουαμάν, Huamán / Uamán): a sound heard or not at the start, a second
    spelling. Words derived from a name add endings and compounds add words; scripts
    whose words take one-letter prefixes (Hebrew, Arabic) have no case."""
    short, long = sorted((first, second), key=len)
    return (len(long) == len(short) + 1 and long[1:] == short
            and long[0].lower() != long[0].upper())


# Katakana marks of a long vowel and a doubled consonant: a form that adds one is the name
# spelt longer (セイトカリー / セイトカリ), not a word derived from it.
_LENGTH_MARKS = frozenset("ーッ")


def _lengthened(first: str, second: str) -> bool:
    """True when one form is the other with katakana length marks added."""
    short, long = sorted((first, second), key=len)
    if short == long or not any(ch in _LENGTH_MARKS for ch in long):
        return False
    return "".join(ch for ch in long if ch not in _LENGTH_MARKS) == "".join(
        ch for ch in short if ch not in _LENGTH_MARKS)


def _after_hyphen(text: str) -> str:
    """What follows the first hyphen of a name (Sayed of El-Sayed); empty without one."""
    return text.split("-", 1)[1] if "-" in text.strip("-") else ""


# First sounds that transliterations exchange, as one: g and h (Гамбург for Hamburg;
# Guamán and Huamán for one Quechua name).
_SAME_ONSET = {"g": "h"}


def _onset(key: str) -> str:
    """The first sound of a phonetic key, g and h taken as one (see _SAME_ONSET)."""
    return _SAME_ONSET.get(key[:1], key[:1])


def _revowelled_onset(first: str, second: str) -> bool:
    """True when two keys differ in their opening vowel alone (obeidat / ubeidat, osman /
    usman): one name transliterated two ways, not another word, whose sound differs beyond
    its first letter (Севера is no Эчеверрия)."""
    vowels = "aeiouy"
    return (len(first) == len(second) >= 4 and first[0] != second[0]
            and first[0] in vowels and second[0] in vowels and first[1:] == second[1:])


def _key_of(text: str, lang: str) -> str:
    latin = is_latin_surface(text)
    return name_key(romanize(text, "en" if latin else lang), lang, latin=latin)


# Zipf frequency from which a capitalised word of a script with case is an ordinary word
# of the language (fr "pic" 4.1), not a rare spelling of a name (es "muni" 3.0).
_TRANSLATED_WORD_ZIPF = 4.0


# Zipf frequency from which a word of a script without case is an ordinary word when it also
# sounds less like the name than another spelling does: once in 100,000 words (대한, 생산),
# where wordfreq's figure alone says little (탈루크다르 3.9; 쇼이구 5.0 is the name itself).
_CASELESS_WORD_ZIPF = 5.0


def _without_caseless_words(variants: tuple[NameVariant, ...], keys: Sequence[str],
                            lang: str) -> tuple[NameVariant, ...]:
    """The variants less the frequent words of a script without case that sound less like
    the name than another variant: 대한 "great" and 때마다 "every time" beside 대만 for
    Taiwan, 생산 "production" beside 펑산 for Fengshan are those words, not spellings."""
    if len(variants) < 2 or not keys:
        return variants
    sound = {v.base: max(fuzz.ratio(_key_of(v.base, lang), k) for k in keys) for v in variants}
    best = max(sound.values())
    return tuple(v for v in variants
                 if sound[v.base] >= best or any(ch.lower() != ch.upper() for ch in v.base)
                 or not is_common(v.base, lang, _CASELESS_WORD_ZIPF))


def _without_other_countries(variants: tuple[NameVariant, ...], entity: Entity,
                             source_lang: str, lang: str) -> tuple[NameVariant, ...]:
    """The variants less those that are the CLDR name of a country the entity is not:
    Etiopía beside "Ethiopian" (of Ethiopian Airlines) names Ethiopia, it is no second
    spelling of the airline."""
    if len(variants) < 2:
        return variants
    own = {k for form in entity.source_forms
           for k in (*places.lookup(form, source_lang), *places.lookup(form, "en"))}
    return tuple(v for v in variants
                 if not (countries := [k for k in places.lookup(v.base, lang)
                                       if k.startswith("territory:")])
                 or own.intersection(countries))


def _translated_word(base: str, lang: str) -> bool:
    """True for a common word of ``lang`` written in a script with case: wordfreq's
    figures for Hangul and kana pieces say nothing about names (탈루크다르 3.9)."""
    cased = any(ch.lower() != ch.upper() for ch in base)
    return cased and is_common(base, lang, _TRANSLATED_WORD_ZIPF)


def _derivation(word: str, name: str) -> bool:
    """True when ``word`` is ``name`` with its last letter replaced by a longer ending
    (Atacameño from Atacama): a derived word in an alphabet, not a second spelling."""
    return (len(name) >= 5 and len(word) > len(name) and word.startswith(name[:-1])
            and not any(_syllabic(ch) for ch in word))


def _folded(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _preferred_region(renderings: Sequence[NameRendering],
                      standard: Mapping[str, Mapping[str, tuple[str, ...]]],
                      lang: str) -> str | None:
    """The regional locale most of the translation's place names follow (pt_PT when it
    writes Irão, Teerão and Quénia): a mix is fixed towards it."""
    votes: Counter[str] = Counter()
    for rendering in renderings:
        regional = standard.get(rendering.entity)
        if not regional:
            continue
        locales = {loc for loc, forms in regional.items()
                   if meets_glossary(rendering.surface, forms, lang) is not None}
        if locales and len(locales) < len(regional):
            votes.update(locales)
    if not votes:
        return None
    best = max(votes.values())
    return min(loc for loc, n in votes.items() if n == best)


def is_latin_surface(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def _shared_prefix(first: str, second: str) -> int:
    n = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        n += 1
    return n


def _derived_name(entity: Entity, other: Entity, other_is_place: bool = False) -> bool:
    """True when the source's ``entity``, one word, is derived from ``other`` or from a word
    of it (Atacameños from the Atacama of San Pedro de Atacama, Chileans from Chile): a
    demonym or adjective of the source language, which translations often write in lower
    case or as the place itself. A demonym may also be the start of a place's name (Uzbek
    of Uzbekistan, Swede of Sweden), when the place data know ``other`` as a place: between
    two people's names a shared start says nothing (Santos, Santos-Reyes)."""
    if " " in entity.canonical or entity.id == other.id:
        return False
    name = unaccented(entity.canonical)
    return any(len(base) >= 4 and (
        (len(name) > len(base) and _shared_prefix(name, base) >= max(4, len(base) - 1))
        or (other_is_place and len(base) > len(name) >= 4
            and _shared_prefix(name, base) >= len(name) - 1))
        for base in (unaccented(w) for w in other.canonical.split() if w[:1].isupper()))


# Letters (or Hangul, kana, Han characters) a known form needs to count inside a compound.
_MIN_COMPOUNDED = 5
_MIN_COMPOUNDED_SYLLABIC = 2


def _compounded(word: str, forms: Sequence[str]) -> bool:
    """True when ``word`` holds one of ``forms`` whole after other letters (German
    Nordsumatra, Südasien; Korean 북수마트라, 남아시아): a compound with the name."""
    folded = word.casefold()
    for form in forms:
        plain = form.casefold()
        need = (_MIN_COMPOUNDED_SYLLABIC if any(_syllabic(ch) for ch in plain)
                else _MIN_COMPOUNDED)
        if len(plain) >= need and " " not in plain and plain in folded[1:]:
            return True
    return False


# Letters a name keeps at least, and the other word of the compound, for a name read as the
# head or tail of a compound word (Java of Ostjava, Ost of it).
_MIN_COMPOUND_PART = 4
_MIN_COMPOUND_REST = 3


def _compound_part(word: str, forms: Sequence[str]) -> bool:
    """True when ``word`` starts or ends with one of ``forms``, with a word of its own
    beside it, in a language that joins names into compounds (German Ostjava for "East
    Java", Javakaffee): the name is written there."""
    folded = unaccented(word)
    for form in forms:
        plain = unaccented(form)
        if (len(plain) >= _MIN_COMPOUND_PART and " " not in plain and "-" not in plain
                and len(folded) - len(plain) >= _MIN_COMPOUND_REST
                and (folded.endswith(plain) or folded.startswith(plain))):
            return True
    return False


def _same_source_form(there: Collection[str], here: Collection[str],
                      rules: InflectionRules) -> bool:
    """True when the source forms of a name at one rendering (``there``; none known: any)
    include one of ``here``, inflected alike (Iran, Irans): a rendering under another form
    renders another name the inventory took for a spelling of this one."""
    if not there:
        return True
    return any(a == b or same_spelling(a, b, rules) for a in there for b in here)


# Letters a plural name keeps at least once its plural ending is cut (Innu of Innus).
_MIN_PLURAL_STEM = 3


def _people_plural(mentions: Sequence[Mention], words: Sequence[str],
                   source_rules: InflectionRules, lang: str, rare_zipf: float) -> bool:
    """True when a mention is a name in the source language's plural (French "des Innus")
    and the target sentence holds its singular stem as a word, in lower case too (Spanish
    "los innu", Russian "инну"): languages write peoples' names so, invariable."""
    if not source_rules.plural_suffixes:
        return False
    stems = set()
    for mention in mentions:
        folded = unaccented(mention.text)
        for suffix in source_rules.plural_suffixes:
            if folded.endswith(suffix) and len(folded) - len(suffix) >= _MIN_PLURAL_STEM:
                stems.add(folded[:-len(suffix)])
    if not stems:
        return False
    keys = {name_key(romanize(s, "en"), lang, latin=True) for s in stems}
    for word in words:
        if len(word) < _MIN_PLURAL_STEM or zipf(word.lower(), lang) >= rare_zipf:
            continue
        latin = is_latin_surface(word)
        if name_key(romanize(word.lower(), "en" if latin else lang), lang, latin=latin) in keys:
            return True
    return False


def _syllabic(ch: str) -> bool:
    return script_class(ch) in ("kana", "han", "hira") or "HANGUL" in unicodedata.name(ch, "")


# Letters a word must share with the start of a geonames alternate name alone to be
# derived from it.
_LOOSE_PREFIX = 4


def _derived_from(word: str, forms: Sequence[str], minimum: int = 0) -> bool:
    """True when ``word`` is derived from one of ``forms`` (iranienne from Iran, schwedischen
    from Schweden, шведский from Швеция): they share most of the name's start. A short
    name must be kept whole (Iran is not Iraq). Hangul, kana and Han make no adjectives by
    ending a name otherwise, they compound it whole (일본국제협력기구 holds 일본): there a
    start shared with part of the name is another name (탄중페락 is not 탄중프리오크)."""
    if any(_syllabic(ch) for ch in word):
        # One Han character or kana is too little (俄 of 俄罗斯); one Hangul syllable is a
        # whole name (빈, Vienna).
        return any(word.startswith(form) and (len(form) >= 2 or "HANGUL" in unicodedata.name(
            form[0], "")) for form in forms if form)
    folded = unaccented(word)
    for form in forms:
        plain = unaccented(form)
        if len(plain) < 3:
            continue
        need = len(plain) if len(plain) <= 4 else max(4 if len(plain) > 6 else 3,
                                                          math.ceil(0.45 * len(plain)))
        if _shared_prefix(folded, plain) >= max(need, minimum):
            return True
    return False


def _need(plain: str) -> int:
    """Letters a derived word must share with the start of a name: a short name whole
    (Iran is not Iraq), a longer one most of its start."""
    if len(plain) <= 4:
        return len(plain)
    return max(4 if len(plain) > 6 else 3, math.ceil(0.45 * len(plain)))


def _with_feminines(endings: Sequence[str]) -> tuple[str, ...]:
    """``endings`` and the feminine in -a of each masculine one in -o (checo, checa;
    búlgaro, búlgara: the Cámara Búlgara of a Spanish translation)."""
    return (*endings, *(e[:-1] + "a" for e in endings if e.endswith("o")))


def _demonym_of(variant: NameVariant, forms: Sequence[str], lang: str) -> bool:
    """True when every surface of ``variant`` is a nationality noun or adjective made
    from one of a place's ``forms`` in ``lang``: it ends in one of the language's demonym
    endings, and what precedes the ending starts like the form (Norweg|erin, Норвеж|ка,
    Φινλανδ|ό). A spelling of the form itself (Quênia for Quénia) is not one."""
    rules = rules_for(lang)
    endings = _with_feminines(rules.demonym_suffixes)
    plains = [unaccented(f) for f in forms if len(unaccented(f)) >= 3]
    if not endings or not plains:
        return False

    def derived(surface: str) -> bool:
        plain = unaccented(surface)
        if plain in plains or meets_glossary(surface, forms, lang) is not None:
            return False
        for ending in endings:
            ending = unaccented(ending)
            stem = plain[: -len(ending)]
            if plain.endswith(ending) and len(stem) >= 3 and any(
                    _shared_prefix(stem, f) >= _need(f) for f in plains):
                return True
        return False

    return all(derived(s) for s in variant.surfaces)


# Vowels (after accents are stripped) that end place names and give way to an adjective's
# ending, and the letters an adjective may put between the rest and its ending.
_VOWEL_LETTERS = "aeiouyαεηιουωаеиоуыэюяё"
_ADJECTIVE_INFIX = 2


def _adjective_of(word: str, forms: Sequence[str], lang: str) -> bool:
    """True when ``word`` ends in a nationality or adjective ending of ``lang`` and what
    precedes it (three letters or more) begins one of a place's ``forms`` (финский for
    Финляндия): the place is named there, as an adjective."""
    rules = rules_for(lang)
    # Spelling follows the ending's vowel: Chequia, checa; Tchéquia, tcheco (qu before e
    # and i is c before a and o).
    plain = unaccented(word).replace("qu", "c")
    plains = [unaccented(f).replace("qu", "c") for f in forms]
    # A place's form less its final vowels, which an adjective may extend by a few letters
    # before its ending (Κίνα: κιν|εζ|ική, China: Chin|es|e): only for a capitalised word,
    # the adjective inside a name (Κινεζική Εθνική Πυρηνική Εταιρεία), since many common
    # words start so (κινητική "kinetic").
    cores = ([c for c in (f.rstrip(_VOWEL_LETTERS) for f in plains) if len(c) >= 3]
             if word[:1].isupper() else [])
    endings = _with_feminines((*rules.demonym_suffixes, *rules.adjective_suffixes))
    for ending in endings:
        ending = unaccented(ending)
        stem = plain[: -len(ending)]
        if plain.endswith(ending) and len(stem) >= 3 and any(
                f.startswith(stem) and len(f) > len(stem) for f in plains):
            return True
        if plain.endswith(ending) and any(
                stem.startswith(c) and len(stem) - len(c) <= _ADJECTIVE_INFIX for c in cores):
            return True
    return False


def _compound_adjective_of(word: str, forms: Sequence[str], lang: str) -> bool:
    """True when ``word`` joins the first words of a two-word place as one adjective
    (южноафриканский for Южная Африка, südafrikanisch for Süd-Afrika): it begins like the
    first word and ends as an adjective of the second."""
    plain = unaccented(word)
    for form in forms:
        parts = [p for p in re.split(r"[\s\-‐]+", unaccented(form)) if p]
        if len(parts) < 2 or len(parts[0]) < 3 or len(parts[1]) < 4:
            continue
        at = plain.find(parts[1][:4], 3)
        if (at > 0 and plain.startswith(parts[0][:3])
                and _adjective_of(plain[at:], [parts[1]], lang)):
            return True
    return False


def unknown_names(target: SegmentedDocument, target_ids: Sequence[int],
                   spans: Mapping[int, Sequence[tuple[int, int]]], rare_zipf: float) -> list[str]:
    """Words of the target sentences that look like another name: rare in the target
    language and capitalised inside the sentence (or, in Japanese, a katakana word), and not
    a rendering of a source name. They say what replaced a missing name."""
    found: list[str] = []
    nouns = rules_for(target.lang).capitalises_nouns
    for tid in target_ids:
        text = target.sentences[tid].text
        taken = spans.get(tid, ())
        for index, match in enumerate(_WORD.finditer(text)):
            word = match.group(0)
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            # Japanese writes words without spaces: a katakana run inside a longer "word"
            # (ツタンカーメン of ツタンカーメンの副葬品で) is a word of its own.
            runs = [r for r in _KATAKANA_RUN.findall(word) if r != word]
            if runs:
                found.extend(r for r in runs if len(r) > 1 and zipf(r, target.lang) < rare_zipf)
                continue
            katakana = all(script_class(ch) == "kana" for ch in word)
            capital = index > 0 and word[0].isupper()
            rare = zipf(word.lower(), target.lang) < rare_zipf
            if len(word) > 1 and ((katakana and rare) or (capital and (rare or not nouns))):
                found.append(word)
    return list(dict.fromkeys(found))


# Keys shorter than this sound alike too easily for a second spelling (Wien / Weiler).
_MIN_LONG_KEY = 6
_KATAKANA_RUN = re.compile(r"[\u30a1-\u30fa\u30fc\u30fb]+")
# The consonants of a phonetic key, in order, as written: what an exonym that only
# re-vowels a name (Nofretete for Nefertiti) keeps of it (see mtcheck/data/skeleton.toml).
_FOLDING = "exact"
# Consonants a skeleton needs to tell names apart (n-f-r-t-t of Nefertiti / Nofretete).
_MIN_SKELETON = 4


def _sounds_like(words: Sequence[str], entity: Entity, lang: str, similar: float,
                 shortest: int = 0) -> str | None:
    """The first of ``words`` that sounds like the entity and is about as long, or has the
    very consonants of its name in order (Nofretete for Nefertiti): another
    transliteration. A longer name that only starts alike (Ahmadinejad for Ahmadian) is
    another person. Sounding alike counts only for keys of ``shortest`` letters or more
    (Weiler is no Wien)."""
    if not words:
        return None
    keys = entity_forms([entity], lang)[0].keys
    skeletons = {consonant_skeleton(k, _FOLDING) for k in keys}
    for word in words:
        key = name_key(romanize(word, lang), lang)
        if any(fuzz.ratio(key, k) >= similar and abs(len(key) - len(k)) <= _LENGTH_SLACK
               and min(len(key), len(k)) >= shortest for k in keys):
            return word
        skeleton = consonant_skeleton(key, _FOLDING)
        if len(skeleton) >= _MIN_SKELETON and skeleton in skeletons:
            return word
    return None


def _adjective_sounding(words: Sequence[str], entity: Entity, lang: str,
                        similar: float) -> bool:
    """True when one of ``words`` is an adjective made from the name, as the translation
    writes it (Капчагайское водохранилище for the Kapchagay reservoir): an adjective ending
    of ``lang`` after a stem that sounds like the name."""
    rules = rules_for(lang)
    if not rules.adjective_suffixes and not rules.demonym_suffixes:
        return False
    keys = entity_forms([entity], lang)[0].keys
    for word in words:
        plain = word.casefold()
        for ending in (*rules.adjective_suffixes, *rules.demonym_suffixes):
            stem = word[: -len(ending)]
            if not plain.endswith(ending.casefold()) or len(stem) < _MIN_WORD_OF_NAME:
                continue
            key = name_key(romanize(stem, lang), lang)
            if any(fuzz.ratio(key, k) >= similar and abs(len(key) - len(k)) <= _LENGTH_SLACK
                   for k in keys):
                return True
    return False


# Points of fuzzy ratio at which a target word renders one word of a multi-word name.
_PART_SIMILARITY = 85.0
# ... and at which the stem of an adjective renders a name (of a lower-case adjective,
# which a name does not start, the stricter figure).
_ADJECTIVE_SIMILARITY = 85.0
_LOWER_ADJECTIVE_SIMILARITY = 95.0


def _part_rendered(entity: Entity, target: SegmentedDocument,
                   target_ids: Sequence[int], shared: Collection[str] = ()) -> bool:
    """True when a target sentence renders another word of a multi-word name (カリ for
    the Kari of "Kari Bjørnstad", where the surname is transliterated freely): the name
    is there, in some spelling. A word the name shares with another name of the source
    (the Tepe of Göbekli Tepe and Karahan Tepe) is no sign of either."""
    words = {w for f in entity.source_forms if " " in f for w in f.split()
             if len(w) >= _MIN_WORD_OF_NAME and w not in shared}
    if not words:
        return False
    lang = target.lang
    keys = {name_key(romanize(w, "en"), lang, latin=True) for w in words}
    for tid in target_ids:
        for word in target_words(target.sentences[tid], lang):
            key = name_key(romanize(word.text, "en" if word.latin else lang), lang,
                           latin=word.latin)
            if any(abs(len(key) - len(k)) <= _LENGTH_SLACK
                   and fuzz.ratio(key, k) >= _PART_SIMILARITY for k in keys):
                return True
    return False


# Fuzzy ratio of the phonetic keys at which two words of one translation are one name
# spelt two ways (ブラントシュテッター / ブラントステッター).
_SECOND_SPELLING = 80.0


def _stand_ins(unknown: Sequence[str], entity: Entity, source: SegmentedDocument,
               source_ids: Sequence[int], lang: str, rare_zipf: float) -> list[str]:
    """The rare name-like words of a pair (``unknown``, cut at the dots and hyphens that join
    a transliterated full name: アフメド・サイード・コンボ) that sound like no word of the
    entity and that the source sentences do not hold as written: names the translation put
    there of its own. A word that sounds like one of the name's is the name (コンボ for
    Kombo); an acronym or a name kept as the source writes it replaced nothing."""
    copied = " ".join(source.sentences[s].text for s in source_ids)
    keys = [name_key(romanize(w, "en"), lang, latin=True)
            for form in entity.source_forms for w in form.split()]
    found = []
    for word in unknown:
        for part in _NAME_JOINTS.split(word):
            if len(part) < 2 or zipf(part.lower(), lang) >= rare_zipf \
                    or re.search(r"(?<!\w)" + re.escape(part) + r"(?!\w)", copied):
                continue
            latin = is_latin_surface(part)
            key = name_key(romanize(part, "en" if latin else lang), lang, latin=latin)
            if not any(fuzz.ratio(key, k) >= _STAND_IN_LIKENESS for k in keys):
                found.append(part)
    return found


# Dots and hyphens inside a transliterated full name (Japanese ・, Chinese ·, ＝).
_NAME_JOINTS = re.compile(r"[\u30fb\u00b7\uff1d=\s-]+")
# Phonetic-key ratio at which a word of a pair sounds like a word of the name: looser
# than a match, since a transliteration drifts (コンボ, Kombo).
_STAND_IN_LIKENESS = 60.0


def _other_onset(word: str, entity: Entity, source_lang: str, lang: str) -> bool:
    """True when ``word`` and every form of ``entity`` are in Latin script, in a source and
    a translation in Latin script, and the word's first sound is that of no word of the
    forms, hyphenated parts apart (Sajed may spell the Sayed of El-Sayed)."""
    if _script_of(source_lang) != "Latn" or _script_of(lang) != "Latn" \
            or not is_latin_surface(word):
        return False
    words = [w for f in entity.source_forms if is_latin_surface(f)
             for w in re.split(r"[\s-]+", f) if w]
    return bool(words) and all(_onset(_key_of(word, lang)) != _onset(_key_of(w, source_lang))
                               for w in words)


def _script_of(lang: str) -> str:
    try:
        return get_language(lang).script
    except LanguageError:
        return ""


def _second_spelling(target: SegmentedDocument, target_ids: Sequence[int],
                     spans: Mapping[int, Sequence[tuple[int, int]]], known: Sequence[str],
                     rare_zipf: float) -> tuple[str, int, int, int, str] | None:
    """A name-like word of the target sentences that sounds like a rendering the
    translation uses elsewhere (``known``) but is spelt otherwise: the name is there, in a
    second spelling. Returns (word, start, end, sentence id, the other spelling).

    Compared within one translation, two transliterations of one name share their
    romanised sound far more closely than either shares it with the source spelling."""
    if not known:
        return None
    lang = target.lang
    rules = rules_for(lang)
    keys = [(k, name_key(romanize(k, "en" if is_latin_surface(k) else lang), lang,
                         latin=is_latin_surface(k))) for k in known]
    for tid in target_ids:
        taken = spans.get(tid, ())
        for word in target_words(target.sentences[tid], lang):
            text = word.text
            if any(s < word.end and word.start < e for s, e in taken) or len(text) < 3:
                continue
            kana = all(script_class(ch) == "kana" for ch in text)
            cased = text[0].lower() != text[0].upper()
            # Names are capitalised where a script has case, katakana in Japanese; Han and
            # hiragana write ordinary words.
            if script_class(text[0]) in ("han", "hira") or (cased and not text[0].isupper()):
                continue
            if (kana or cased) and zipf(text.lower(), lang) >= rare_zipf:
                continue
            key = name_key(romanize(text, "en" if word.latin else lang), lang, latin=word.latin)
            for other, other_key in keys:
                if (abs(len(key) - len(other_key)) <= _LENGTH_SLACK
                        and fuzz.ratio(key, other_key) >= _SECOND_SPELLING
                        and not same_spelling(text, other, rules)):
                    return text, word.start, word.end, tid, other
    return None


def _close_to_written(word: str, written: Sequence[str], lang: str) -> bool:
    """True when ``word`` sounds like one of the translation's own spellings of the name
    (``_SECOND_SPELLING``): what a short name needs to be a second spelling (ウーチ / ウッチ,
    Sajed / Sayed), where sounding like the source spelling says too little."""
    def key(text: str) -> str:
        latin = is_latin_surface(text)
        return name_key(romanize(text, "en" if latin else lang), lang, latin=latin)

    own = key(word)
    return any(fuzz.partial_ratio(own, key(w)) >= _SECOND_SPELLING for w in written)


def _spelt_at(target: SegmentedDocument, target_ids: Sequence[int], word: str,
              known: Sequence[str]) -> tuple[str, int, int, int, str] | None:
    """Where ``word`` stands in the target sentences, as :func:`_second_spelling` returns
    it, with the first of ``known`` as the other spelling (a katakana run may stand inside
    a longer run of Japanese letters, so the word is looked for as a substring)."""
    for tid in target_ids:
        at = target.sentences[tid].text.find(word)
        if at >= 0:
            return word, at, at + len(word), tid, known[0]
    return None


_NEXT_NAME = re.compile(r"\s+([^\W\d_][^\W_]*(?:\s+[^\W\d_][^\W_]*)*)")


def _shortened(sentence: str, mention: Mention, target_text: str) -> bool:
    """True when the mention is the first word of a longer capitalised name whose other
    words the target keeps as they are (Cerro Fitz Roy -> "du Fitz Roy"): a translation
    may drop a name's generic head word."""
    match = _NEXT_NAME.match(sentence, mention.end)
    if not match:
        return False
    rest = []
    for word in match.group(1).split():
        if not word[:1].isupper():
            break
        rest.append(word)
    return bool(rest) and f" {unaccented(' '.join(rest))}" in f" {target_text}"


def _acronym(target: SegmentedDocument, target_ids: Sequence[int],
             spans: Mapping[int, Sequence[tuple[int, int]]], copied: str = "") -> bool:
    """True when a target sentence has a word of two or more capital letters that renders
    no other name: perhaps the abbreviation of a name of several words. Not an acronym
    ``copied`` from the source sentence as written (UTAP): that names the source's own
    organisation, not the place."""
    for tid in target_ids:
        taken = spans.get(tid, ())
        for match in _WORD.finditer(target.sentences[tid].text):
            word = match.group(0)
            if (len(word) >= 2 and word.isupper()
                    and re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", copied) is None
                    and not any(s < match.end() and match.start() < e for s, e in taken)):
                return True
    return False


def _country(entity: Entity, lang: str) -> bool:
    """True for a territory of CLDR: countries of several words are abbreviated in ways
    the data do not list, so any acronym of the pair may be one (see ``_acronym``)."""
    return any(k.startswith("territory:") for k in place_keys(entity, lang))


def _outside(text: str, spans: Sequence[tuple[int, int]]) -> str:
    covered: set[int] = set()
    for start, end in spans:
        covered.update(range(start, end))
    return "".join(ch for i, ch in enumerate(text) if i not in covered)


# A lower-case letter followed by a capital: where the words of a name written as one meet.
_CAMEL_JOINT = re.compile(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])")


def _shifted(entity_id: str, window: Sequence[AlignedPair],
             by_sentence: Mapping[int, Sequence[Mention]],
             renderings: Sequence[NameRendering]) -> bool:
    """True when the pairs of ``window`` (a pair and its neighbours) render the name at
    least as often as their source sentences mention it: the name sits in a neighbouring
    target sentence because a sentence boundary was drawn elsewhere, not dropped."""
    sources = {s for pair in window for s in pair.source_ids}
    targets = {t for pair in window for t in pair.target_ids}
    mentioned = sum(1 for s in sources for m in by_sentence.get(s, ()) if m.entity == entity_id)
    rendered = sum(1 for r in renderings if r.entity == entity_id and r.sentence_id in targets)
    return mentioned > 0 and rendered >= mentioned


def _missing(source: SegmentedDocument, target: SegmentedDocument, alignment: Alignment,
             entities: Sequence[Entity], renderings: Sequence[NameRendering],
             known_in_target: set[str], evidence: Mapping[str, Evidence], found: set[str],
             standard: Mapping[str, Mapping[str, tuple[str, ...]]],
             present: Mapping[str, tuple[str, ...]], rare_zipf: float,
             similar: float, surname_zipf: float,
             quoted: Mapping[str, tuple[str, ...]] | None = None) -> list[Finding]:
    by_sentence = mentions_by_sentence(find_mentions(source, entities))
    # Between texts of one script names are copied, and the matcher reads them: a name by
    # agreement found nowhere there is more surely absent (see evidence.missing_severity).
    copied_script = _script_of(source.lang) == _script_of(target.lang) != ""
    rendered: dict[int, set[str]] = {}
    shown: dict[str, set[str]] = {}
    initials = rules_for(target.lang).abbreviates_to_initial
    spans: dict[int, list[tuple[int, int]]] = {}
    for rendering in renderings:
        spans.setdefault(rendering.sentence_id, []).append((rendering.start, rendering.end))
        rendered.setdefault(rendering.sentence_id, set()).add(rendering.entity)
        shown.setdefault(rendering.entity, set()).update({rendering.surface, rendering.base})
    names = {e.id: e for e in entities}
    owners: dict[str, set[str]] = {}
    for entity in entities:
        for form in entity.source_forms:
            for word in form.split():
                owners.setdefault(word, set()).add(entity.id)
    shared_words = frozenset(w for w, ids in owners.items() if len(ids) > 1)
    surfaces: dict[str, set[str]] = {}
    for rendering in renderings:
        surfaces.setdefault(rendering.entity, set()).add(rendering.surface)
    findings = []
    pairs = alignment.pairs
    # The forms in which the source writes each entity, by aligned target sentence: where
    # it writes one entity in several forms (two villages, Sumberwuluh and Sumbermujur,
    # read as spellings of one name), a rendering aligned to one form is no second
    # spelling of the other.
    source_rules = rules_for(source.lang)
    written_as: dict[tuple[int, str], set[str]] = {}
    for pair in pairs:
        for sid in pair.source_ids:
            for mention in by_sentence.get(sid, []):
                for tid in pair.target_ids:
                    written_as.setdefault((tid, mention.entity), set()).add(mention.text)
    for index, pair in enumerate(pairs):
        if not pair.source_ids or not pair.target_ids:
            continue  # an omitted or added sentence is the aligner's finding, not a missing name
        in_target = set().union(*(rendered.get(t, set()) for t in pair.target_ids))
        mentioned: dict[str, list[Mention]] = {}
        for sid in pair.source_ids:
            for mention in by_sentence.get(sid, []):
                mentioned.setdefault(mention.entity, []).append(mention)
        words = [m.group(0) for t in pair.target_ids
                 for m in _WORD.finditer(target.sentences[t].text)]
        sentence_text = unaccented(" ".join(target.sentences[t].text for t in pair.target_ids))
        # Outside the renderings of names, for languages that shorten a country to its
        # first character (伊方 for 伊朗): not the 伊 of 绍伊古.
        rest = "".join(_outside(target.sentences[t].text, spans.get(t, ()))
                       for t in pair.target_ids) if initials else ""
        for entity_id, mentions in mentioned.items():
            if entity_id in in_target or entity_id not in known_in_target:
                continue
            # The translation's own spelling of the name, written otherwise by a slip
            # (Delacruz for "De la Cruz", Лудзи for Лодзь): see mtcheck.names.variants.
            slipped = slips.spelt_otherwise(
                target, pair.target_ids, spans,
                [r for r in renderings if r.entity == entity_id and _same_source_form(
                    written_as.get((r.sentence_id, entity_id), set()),
                    {m.text for m in mentions}, source_rules)], rare_zipf,
                (quoted or {}).get(entity_id, ()))
            if slipped is not None:
                there, usual = slipped
                ids = sorted({r.sentence_id for r in renderings if r.entity == entity_id
                              and r.sentence_id != there.sentence_id})
                findings.append(_slip_finding(
                    names[entity_id],
                    (NameVariant(usual.text, (usual.text,), len(ids), tuple(ids)),
                     NameVariant(there.text, (there.text,), 1, (there.sentence_id,))),
                    (there,), pair.source_ids, evidence.get(entity_id, Evidence.CAPITALISED)))
                continue
            # An adjective of the name (iranienne, шведский) is the name being present.
            derived_forms = [*shown.get(entity_id, ()), *present.get(entity_id, ())]
            derived_forms += [f for forms in standard.get(entity_id, {}).values() for f in forms]
            # A demonym is shown by the adjective of its place as the translation writes the
            # place (Uzbek: usbekisches from Usbekistan).
            derived_forms += [f for other in sorted(standard)
                              if other in names and _derived_name(names[entity_id], names[other], True)
                              for forms in standard[other].values() for f in forms]
            # The words of a multi-word form inflect on their own (Южная Корея -> Южной Кореи).
            derived_forms += [w for f in derived_forms if " " in f for w in f.split()
                              if len(w) >= _MIN_WORD_OF_NAME]
            # Geonames' alternate names are many and loose (Menila for Manila): a word
            # derived from one of those alone shares more of its start (not "menos").
            loose = set(present.get(entity_id, ())) - set(shown.get(entity_id, ())) - {
                f for forms in standard.get(entity_id, {}).values() for f in forms}
            if any(_derived_from(w, [f for f in derived_forms if f not in loose])
                   or _derived_from(w, sorted(loose), _LOOSE_PREFIX) for w in words):
                continue
            if any(_compounded(w, derived_forms) for w in words):
                continue  # Nordsumatra, Südasien, 북수마트라: the name inside a compound
            if rules_for(target.lang).joins_compounds and any(
                    _compound_part(w, derived_forms) for w in words):
                continue  # Ostjava, Javakaffee: a short name as a compound's tail or head
            if _people_plural(mentions, words, source_rules, target.lang, rare_zipf):
                continue  # des Innus -> los innu, инну: a people's name, invariable there
            places = [f for f in present.get(entity_id, ()) if f not in loose]
            places += [f for forms in standard.get(entity_id, {}).values() for f in forms]
            if places and any(_adjective_of(w, places, target.lang)
                              or _compound_adjective_of(w, places, target.lang) for w in words):
                continue
            if _adjective_sounding([w for w in words if w[:1].isupper()], names[entity_id],
                                   target.lang, _ADJECTIVE_SIMILARITY):
                continue
            # A lower-case adjective is the name only when its stem sounds just like it
            # (цейлонского чая for "Ceylon tea", where no place data gives Цейлон).
            if _adjective_sounding([w for w in words if w[:1].islower()], names[entity_id],
                                   target.lang, _LOWER_ADJECTIVE_SIMILARITY):
                continue
            # Place data writes some names as one word with a capital inside (SanLuis for
            # the San Luis of Spanish texts, Saint-Louis in Senegal): the words apart.
            derived_forms += [_CAMEL_JOINT.sub(" ", f) for f in present.get(entity_id, ())
                              if _CAMEL_JOINT.search(f)]
            phrases = [unaccented(f) for f in derived_forms if " " in f or "-" in f]
            if phrases and any(p in sentence_text for p in phrases):
                continue  # Corée du Sud, Южно-Африканская Республика
            if initials and entity_id in standard and any(
                    f[:1] in rest for forms in standard[entity_id].values() for f in forms):
                continue
            if _shifted(entity_id, pairs[max(0, index - 1):index + 2], by_sentence, renderings):
                continue
            # A common word of the name (Thomas, San) shows it only where no other name
            # stands in for its distinctive words (Thomas Twining for Thomas Lipton).
            common = common_words(names[entity_id], source.lang, surname_zipf)
            if _part_rendered(names[entity_id], target, pair.target_ids,
                              shared_words | common) or (
                    _part_rendered(names[entity_id], target, pair.target_ids, shared_words)
                    and not _stand_ins(unknown_names(target, pair.target_ids, spans, rare_zipf),
                                       names[entity_id], source, pair.source_ids, target.lang,
                                       rare_zipf)):
                continue
            if any(_derived_name(names[entity_id], names[other], other in standard)
                   for other in in_target):
                continue  # Atacameños next to a rendered Atacama: the source's own demonym
            if any(_shortened(source.sentences[m.sentence_id].text, m, sentence_text)
                   for m in mentions):
                continue
            if (entity_id in standard and any(ch in names[entity_id].canonical for ch in " -")
                    and _acronym(target, pair.target_ids, spans,
                                 "" if _country(names[entity_id], source.lang) else
                                 " ".join(source.sentences[s].text for s in pair.source_ids))):
                continue  # ЮАР, США, EE. UU.: a country of several words abbreviated
            entity = names[entity_id]
            own_forms = {m.text for m in mentions}
            comparable = [r for r in renderings if r.entity == entity_id
                          and _same_source_form(written_as.get((r.sentence_id, entity_id), set()),
                                                own_forms, source_rules)]
            second = _second_spelling(target, pair.target_ids, spans,
                                      sorted({r.surface for r in comparable}), rare_zipf)
            unknown = unknown_names(target, pair.target_ids, spans, rare_zipf)
            # An unmatched rare name there that sounds somewhat like this one is another
            # transliteration of it (Κοτσαμπάμπα for Cochabamba), not a replacement; where
            # the translation writes the name otherwise elsewhere, a second spelling of it
            # (Лудзи here, Лодзью elsewhere).
            rare = [w for w in unknown if zipf(w.lower(), target.lang) < rare_zipf]
            alike = _sounds_like(rare, entity, target.lang, similar)
            # Between two Latin-script languages a name is copied, not transliterated: a
            # word that sounds alike but starts with another sound is another name (Caraz
            # for Huaraz; see _other_onset).
            if alike is not None and _other_onset(alike, entity, source.lang, target.lang):
                alike = None
            written = sorted({r.surface for r in comparable
                              if alike is not None
                              and is_latin_surface(r.surface) == is_latin_surface(alike)})
            if (second is None and alike is not None and written
                    and not names_another_city(alike, entity, target.lang)
                    and (_sounds_like([alike], entity, target.lang, similar, _MIN_LONG_KEY)
                         or _close_to_written(alike, written, target.lang))):
                second = _spelt_at(target, pair.target_ids, alike, written)
            if second is not None:
                word, start, end, tid, other = second
                elsewhere = [r for r in comparable if r.surface == other]
                findings.append(Finding(
                    check="names.inconsistent",
                    severity=_severity("names.inconsistent",
                                       evidence.get(entity_id, Evidence.CAPITALISED), True),
                    message=(f"{entity.canonical} is written {word} in {describe_sentences((tid,))} "
                             f"and {other} elsewhere ({len(elsewhere)}×, "
                             f"{describe_sentences(sorted({r.sentence_id for r in elsewhere}))}); "
                             "expected one spelling"),
                    source_ids=pair.source_ids, target_ids=(tid,),
                    spans=(TextSpan("target", tid, start, end, word),), entity=entity_id,
                    variants=(NameVariant(other, (other,), len(elsewhere),
                                          tuple(sorted({r.sentence_id for r in elsewhere}))),
                              NameVariant(word, (word,), 1, (tid,)))))
                continue
            if alike is not None and not names_another_city(alike, entity, target.lang):
                continue  # not so a real city that sounds alike (Kaduna for Kano)
            # The pair's only unmatched name and its only leftover name-like word: that
            # word renders it, in a spelling no rule foresaw (see mtcheck.names.residual).
            unmatched = [e for e in mentioned if e not in in_target]
            if len(unmatched) == 1 and residual_rendering(
                    entity, target, pair.target_ids, spans, rare_zipf) is not None:
                continue
            instead = sorted(names[e].canonical for e in in_target - set(mentioned))
            # Rare words first: in "Consejo Nacional ... en Ciudad Quezón" the name that
            # replaced Manila is Quezón, not the capitalised words of a translated title.
            # A word copied from the source sentence (an acronym, a name kept as written)
            # replaced nothing.
            copied = " ".join(source.sentences[s].text for s in pair.source_ids)
            others = [w for w in (rare or unknown)
                      if not re.search(r"(?<!\w)" + re.escape(w) + r"(?!\w)", copied)]
            instead = (instead or others)[:_MAX_INSTEAD]
            message = missing_message(entity.canonical, pair.source_ids, pair.target_ids)
            # One other name where this one should be: a replacement, said as such.
            if len(instead) == 1:
                message += f"; replaced by {instead[0]}"
            elif instead:
                message += f"; {', '.join(instead)} is there instead"
            findings.append(Finding(
                check="names.missing",
                severity=missing_severity(evidence.get(entity_id, Evidence.CAPITALISED),
                                          entity_id in found, copied_script),
                message=message,
                source_ids=pair.source_ids, target_ids=pair.target_ids,
                spans=tuple(TextSpan("source", m.sentence_id, m.start, m.end, m.text)
                            for m in mentions),
                entity=entity_id))
    return findings
