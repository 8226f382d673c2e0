"""The names stage: track each source name through every translation.

Public API (used by the pipeline)::

    glossary = load_glossary("configs/glossary.toml")
    entities = find_entities(source, glossary, config.names)
    source_findings = check_source(source, entities)
    result = check_translation(source, target, alignment, entities, glossary=glossary)
    results = check_translations(source, {lang: (target, alignment), ...}, entities)

``check_translation`` also checks numbers and dates, and source fragments left
untranslated, because both need the same aligned sentence pairs.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mtcheck.config import NamesConfig
from mtcheck.languages import HAN_SCRIPTS, script_of
from mtcheck.names import heads, places, wholes
from mtcheck.names.acronyms import dropped_acronyms
from mtcheck.names.agreement import (
    agreed,
    heads_common_phrase,
    kept_by_most,
    kept_in_latin,
    kept_there_by_own_script,
    missing_from_most,
    rendered_by_others,
    rendered_nowhere,
    rendered_there_by_most,
    survival,
    survives,
    transliterated_by_others,
)
from mtcheck.names.brands import CASED_SCRIPTS, kept_as_brands, personal_names
from mtcheck.names.consistency import (
    check_source,
    is_latin_surface,
    name_findings,
    unknown_names,
)
from mtcheck.names.copies import copied_with_slips
from mtcheck.names.double_names import double_name_slips
from mtcheck.names.dropped import confirmed_drops, joined_to_rendered
from mtcheck.names.evidence import (
    Evidence,
    is_common,
    prefetch_recognition,
    recognised_spans,
    strong,
)
from mtcheck.names.exonyms import Translation, agreed_exonyms
from mtcheck.names.glossary import Glossary, GlossaryEntry, load_glossary, parse_glossary
from mtcheck.names.han_runs import han_run_slips
from mtcheck.names.inflection import rules_for
from mtcheck.names.intruders import intruding_names
from mtcheck.names.inventory import (
    Mention,
    entity_evidence,
    find_entities,
    find_mentions,
    labels_in_translation,
    lexicon,
    organisation_phrases,
    organisations,
    persons,
    place_keys,
)
from mtcheck.names.learning import learn_renderings
from mtcheck.names.loanwords import source_word_renderings
from mtcheck.names.matching import companion_words, entity_forms, find_renderings
from mtcheck.names.numbers import check_numbers
from mtcheck.names.other_places import Translation as OtherPlaces
from mtcheck.names.other_places import places_in_place
from mtcheck.names.respelt import respelt
from mtcheck.names.stand_ins import cities_in_place
from mtcheck.names.survivors import dropped_organisations
from mtcheck.names.syllabic import sounded_out
from mtcheck.names.unseen import merge_unseen
from mtcheck.names.untranslated import check_untranslated
from mtcheck.types import Alignment, Entity, Finding, NameRendering, SegmentedDocument

__all__ = [
    "Glossary",
    "GlossaryEntry",
    "Mention",
    "NameCheckResult",
    "check_source",
    "check_translation",
    "check_translations",
    "find_entities",
    "find_mentions",
    "load_glossary",
    "parse_glossary",
    "prefetch_recognition",
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
_UNMATCHABLE_SCRIPTS = HAN_SCRIPTS
# Scripts with Han characters, where a country has short forms CLDR does not give (米国 for
# アメリカ合衆国).
_HAN_SCRIPTS = _UNMATCHABLE_SCRIPTS | {"Jpan"}
# Scripts where a transliteration the matcher does not see cannot be told from other
# words (see mtcheck.names.dropped): a translation in one lacking a name says little.
_BLIND_SCRIPTS = _UNMATCHABLE_SCRIPTS | {"Kore", "Hang"}


def _rare_unfound(entities: Sequence[Entity], lang: str, evidence: Mapping[str, Evidence],
                  found: set[str], source_lang: str, rare_zipf: float,
                  rendered_elsewhere: frozenset[str] = frozenset()) -> set[str]:
    if script_of(lang) in _UNMATCHABLE_SCRIPTS:
        return set()
    # Not multi-word names of common words (Latin America -> Lateinamerika, Democratic
    # Republic of the Congo): translated as phrases, not transliterated; unless other
    # translations render it all the same (Cat Ba, Bay of Bengal -> Bengalen, Bengala).
    return {e.id for e in entities if e.id not in found and strong(evidence[e.id])
            and len(e.source_ids) <= _RARE_MENTIONS
            and (e.id in rendered_elsewhere
                 or not any(" " in f and is_common(f, source_lang, rare_zipf)
                            for f in e.source_forms))}


def _not_surviving(weak: frozenset[str], renderings: Sequence[NameRendering],
                   alignment: Alignment, entities: Sequence[Entity],
                   config: NamesConfig) -> set[str]:
    """Weakly evidenced names that this translation does not render in at least
    ``weak_survival`` of their aligned pairs (and in two of them): a rare word that only
    sometimes looks like a target word is no name that survived translation."""
    counts = survival([e for e in entities if e.id in weak], alignment, renderings)
    return {e for e in weak
            if counts.rendered.get(e, 0) < 2 or not survives(e, counts, config.weak_survival)}


def _sample_letter(target: SegmentedDocument) -> str:
    """A letter of the translation's own script (the first one not in Latin script, if the
    language's script is not Latin), to pick geonames names written in it."""
    latin = script_of(target.lang) == "Latn"
    for sentence in target.sentences:
        for ch in sentence.text:
            if ch.isalpha() and (latin or not unicodedata.name(ch, "").startswith("LATIN")):
                return ch
    return ""


@dataclass(frozen=True)
class _Prepared:
    """One translation's renderings, before agreement across translations is known."""

    source: SegmentedDocument
    target: SegmentedDocument
    alignment: Alignment
    evidence: Mapping[str, Evidence]
    accepted: Mapping[str, tuple[str, ...]]
    standard: Mapping[str, Mapping[str, tuple[str, ...]]]
    present: Mapping[str, tuple[str, ...]]
    foreign: Mapping[str, tuple[str, ...]]
    renderings: tuple[NameRendering, ...]
    learned: tuple[NameRendering, ...]
    # Renderings, forms and quoted forms of places with weaker evidence than data, by
    # their forms in the place data (used once the translations agree on them).
    place_renderings: tuple[NameRendering, ...]
    place_present: Mapping[str, tuple[str, ...]]
    place_foreign: Mapping[str, tuple[str, ...]]


def _prepare(source: SegmentedDocument, target: SegmentedDocument, alignment: Alignment,
             entities: Sequence[Entity], evidence: Mapping[str, Evidence],
             glossary: Glossary | None, config: NamesConfig, agreement: bool) -> _Prepared:
    lang = target.lang
    accepted: dict[str, tuple[str, ...]] = {}
    if glossary:
        for entity in entities:
            entry = glossary.entry(entity.id)
            if entry and entry.accepted(lang):
                accepted[entity.id] = entry.accepted(lang)
    standard: dict[str, Mapping[str, tuple[str, ...]]] = {}
    present: dict[str, tuple[str, ...]] = {}
    foreign: dict[str, tuple[str, ...]] = {}
    # Places of the place data with weaker evidence than data (a common name, München):
    # their forms in this language, looked for apart, serve agreement across translations.
    place_present: dict[str, tuple[str, ...]] = {}
    place_foreign: dict[str, tuple[str, ...]] = {}
    place_cldr: dict[str, tuple[str, ...]] = {}
    sample = _sample_letter(target)
    for entity in entities:
        keys = place_keys(entity, source.lang)
        if not keys:
            continue
        data = evidence[entity.id] == Evidence.DATA
        regional = places.regional_forms(keys, lang)
        # The source's and English forms may be quoted (a German title in a French
        # text): they are accepted spellings too; geonames names only show presence.
        quoted = tuple(dict.fromkeys(
            f for other in (source.lang, "en")
            for forms in (*places.regional_forms(keys, other).values(),
                          places.alternate_forms(keys, other)) for f in forms))
        shown = tuple(dict.fromkeys(places.present_forms(keys, lang, sample) + quoted))
        if data:
            standard[entity.id], foreign[entity.id], present[entity.id] = regional, quoted, shown
        else:
            place_foreign[entity.id], place_present[entity.id] = quoted, shown
            place_cldr[entity.id] = tuple(dict.fromkeys(
                f for forms in regional.values() for f in forms))
    cldr = {e: tuple(dict.fromkeys(f for forms in regional.values() for f in forms))
            for e, regional in standard.items()}
    weak = frozenset(e.id for e in entities if not strong(evidence[e.id]))
    forms = entity_forms(entities, lang, {**cldr, **accepted}, present, weak, source.lang)
    renderings = find_renderings(target.sentences, lang, forms, config,
                                 companion_words(source, entities))
    # A common word of the source transliterated (나이라 for "naira") is no spelling of a
    # name it sounds like (나이지리아): see mtcheck.names.loanwords.
    loans = source_word_renderings(source, target, alignment, renderings,
                                   {f.entity.id: f.keys for f in forms},
                                   {e.id: e.source_forms for e in entities})
    renderings = [r for r in renderings if (r.sentence_id, r.start) not in loans]
    learnable = [f for f in forms if f.entity.id not in weak]
    learned = (learn_renderings(source, target, alignment, learnable, renderings, config)
               if config.learn_renderings else [])
    # Only agreement across translations uses them: one translation alone does not look.
    placed = [e for e in entities if e.id in place_present] if agreement else []
    place_renderings = (find_renderings(
        target.sentences, lang,
        entity_forms(placed, lang, {**place_cldr, **accepted}, place_present, weak,
                     source.lang), config)
        if placed else [])
    return _Prepared(source, target, alignment, evidence, accepted, standard, present,
                     foreign, tuple(renderings), tuple(learned), tuple(place_renderings),
                     place_present, place_foreign)


@dataclass(frozen=True)
class _Recognised:
    """What a recogniser says about the entities: organisations (a house style may keep
    them in Latin script), people (never a house style), and multi-word names other than
    people's that a translation may copy whole (Samudera Indonesia)."""

    organisations: frozenset[str]
    persons: frozenset[str]
    phrases: frozenset[str]
    labelled: bool = True  # False when no recogniser served the source or an English text


# Labels of a name that a press may keep in Latin script as a brand.
_BRAND_LABELS = frozenset({"ORG", "FAC", "PRODUCT"})


def _recognised(source: SegmentedDocument, entities: Sequence[Entity], config: NamesConfig,
                prepared: Sequence[_Prepared]) -> _Recognised:
    """The recogniser's labels from the source, or, for a source language it does not
    serve, from an English translation at hand (its spans around the renderings there)."""
    if recognised_spans(source, config.use_ner) is not None:
        return _Recognised(organisations(source, entities, config),
                           persons(source, entities, config),
                           organisation_phrases(source, config))
    english = next((p for p in prepared if p.target.lang.split("-")[0] == "en"), None)
    if english is None:
        return _Recognised(frozenset(), frozenset(), frozenset(), labelled=False)
    labels = labels_in_translation(english.target, english.renderings, config)
    return _Recognised(
        frozenset(e for e, found in labels.items() if found & _BRAND_LABELS
                  and "PERSON" not in found),
        frozenset(e for e, found in labels.items() if "PERSON" in found),
        organisation_phrases(english.target, config))


def _report(prepared: _Prepared, entities: Sequence[Entity], evidence: Mapping[str, Evidence],
            glossary: Glossary | None, config: NamesConfig,
            latin_terms: frozenset[str] = frozenset(),
            others_tell: bool = False,
            house_style: frozenset[str] = frozenset(),
            kept_by_majority: frozenset[str] = frozenset(),
            recognised: _Recognised | None = None,
            brands: frozenset[str] = frozenset(),
            rendered_elsewhere: frozenset[str] = frozenset(),
            rendered_there: frozenset[str] = frozenset(),
            transliterated: frozenset[str] = frozenset()) -> NameCheckResult:
    source, target, alignment = prepared.source, prepared.target, prepared.alignment
    lang = target.lang
    recognised = recognised or _recognised(source, entities, config, [])
    weak = frozenset(e.id for e in entities if not strong(evidence[e.id]))
    agreed_places = {e for e in prepared.place_present if evidence[e] == Evidence.AGREEMENT}
    present = {**prepared.present, **{e: prepared.place_present[e] for e in agreed_places}}
    foreign = {**prepared.foreign, **{e: prepared.place_foreign[e] for e in agreed_places}}
    # The place pass looked for the places alone: a word the main pass gave to another
    # name of the sentence (Перейра of Santos Pereira beside Pesqueira) stays that name's.
    renderings = [r for r in prepared.renderings if r.entity not in agreed_places]
    claimed = {(r.sentence_id, r.start) for r in renderings}
    renderings += [r for r in prepared.place_renderings
                   if r.entity in agreed_places and (r.sentence_id, r.start) not in claimed]
    dropped = _not_surviving(weak, renderings, alignment, entities, config)
    renderings = [r for r in renderings if r.entity not in dropped]
    # A word of a longer name the translation copies ("Tanger Med") is that name's.
    mentions = [(m.entity, m.sentence_id, m.start, m.end)
                for m in find_mentions(source, entities)]
    inside = wholes.inside_longer_names(source, target, alignment, renderings, mentions,
                                        lexicon().particles)
    renderings = [r for r in renderings if (r.sentence_id, r.start) not in inside]
    # A place inside a longer name copied as the source writes it (Hydro-Québec, HEC
    # Montréal) is there, but that is no spelling of the place (see mtcheck.names.wholes).
    # Not so a person's name inside their full name (Mohammad Talukder): its spelling is
    # the translator's. Nor (tried in names round eleven A) any other name that the place
    # data do not know: without a recogniser for the source, people are not all told, and
    # planted second spellings of their names went unseen.
    located = {e.id for e in entities if place_keys(e, source.lang)} - recognised.persons
    verbatim = wholes.copied_verbatim(source, target, alignment,
                                      [r for r in renderings if r.entity in located],
                                      lexicon().particles)
    learned = list(prepared.learned)
    found = {r.entity for r in renderings}
    # Names rendered only inside copies of longer source names (NFU Scotland): the stage
    # does not know how the translator writes them alone (see evidence.missing_severity).
    # Not a person's name inside their full name: that copy is how the translation writes it.
    copies = wholes.copied_verbatim(source, target, alignment, renderings, lexicon().particles)
    copied_only = frozenset(found - {r.entity for r in renderings
                                     if (r.sentence_id, r.start) not in copies}
                            - {r.entity for r in learned} - recognised.persons)
    # A place whose standard form in this language CLDR gives is known there: mentioned
    # often or as a phrase (South Korea -> Corée du Sud), it is looked for all the same.
    # In Han scripts only a city's: short forms of countries (米国) are usual there.
    by_id = {e.id: e for e in entities}
    known = (found | {r.entity for r in learned} | set(prepared.accepted)
             | {e for e, regional in prepared.standard.items() if regional
                and (script_of(lang) not in _HAN_SCRIPTS
                     or not any(k.startswith("territory:")
                                for k in place_keys(by_id[e], source.lang)))}
             | (_rare_unfound(entities, lang, evidence, found, source.lang, config.rare_zipf,
                              rendered_elsewhere)
                - (latin_terms if script_of(lang) != "Latn" else frozenset())))
    # A place of the data (or agreed on) mentioned rarely, whose geonames names include one in this
    # translation's script (ニューヨーク for New York): known there, though its words are
    # common (which keeps other phrases of common words out of _rare_unfound). Not in Han
    # script, where such names are one choice among many; not a country, known by CLDR
    # where it is known at all (米国 for the United States: short forms are usual).
    if script_of(lang) not in ("Latn", "", *_UNMATCHABLE_SCRIPTS):
        known |= {e.id for e in entities if evidence[e.id] >= Evidence.AGREEMENT
                  and len(e.source_ids) <= _RARE_MENTIONS
                  and any(not is_latin_surface(f) for f in present.get(e.id, ()))
                  and not any(k.startswith("territory:")
                              for k in place_keys(e, source.lang))}
    # Known only because most other translations render it there: reported only where
    # nothing in the pair can be its unseen rendering (see mtcheck.names.dropped).
    agreed_there = rendered_there - known
    known |= agreed_there
    findings, grouped = name_findings(
        source, target, alignment, entities, renderings, glossary, config, known, learned,
        evidence=evidence, standard=prepared.standard, present=present,
        foreign=foreign,
        # An organisation kept in Latin script is a house style, unless the other
        # translations into other scripts could keep it so and do not (Butantan left in
        # Latin in Russian while Japanese and Korean write ブタンタン, 부탄탄).
        # Kept so by most of them, it is one unless the recogniser says it is a person.
        # Not a name the other translations into other scripts agree to transliterate.
        organisations=(brands | (
            latin_terms | (recognised.organisations & house_style)
            | (kept_by_majority - recognised.persons)
            if others_tell else recognised.organisations | latin_terms)) - transliterated,
        transliterated=transliterated,
        kept_phrases=recognised.phrases, persons=recognised.persons, verbatim=verbatim,
        copied_only=copied_only)
    # A word of an organisation's name is there where the translation names the
    # organisation by its acronym (国際協力機構（JICA） for "Japan International
    # Cooperation Agency (JICA)").
    by_acronym = wholes.named_by_acronym(source, target, alignment, mentions)
    findings = [f for f in joined_to_rendered(
                    confirmed_drops(findings, target, grouped, agreed_there, config.rare_zipf,
                                    by_id, source.lang, source),
                    source, mentions, renderings, agreed_there, lexicon().particles)
                if not _missing_in(f, by_acronym)]
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


def agreed_evidence(entities: Sequence[Entity], evidence: Mapping[str, Evidence],
                    prepared: Sequence[_Prepared], config: NamesConfig) -> dict[str, Evidence]:
    """Evidence revised by agreement across the translations at hand: a candidate weaker
    than data that enough translations render is a name by agreement; a recognised or
    capitalised candidate that no translation renders anywhere is weak."""
    if config.agreement_min_translations <= 0 or len(prepared) < 2:
        return dict(evidence)
    below = [e.id for e in entities if evidence[e.id] < Evidence.AGREEMENT]
    # A common word of the target language is a translation that sounds alike (Energy ->
    # Energie, énergie), not a name that survived translation: it does not agree (a
    # place's own forms in that language do: Munich).
    # Nor does a place's form that is a common word where the place's name is a common word
    # of the source heading an institution's name (Centro of "Centro para Democracia",
    # Centre, Центра): the word translated, whatever town bears it.
    source = prepared[0].source
    common = {e.id for e in entities if heads_common_phrase(source, e, config.rare_zipf)}
    surviving = [survival(entities, p.alignment,
                          [r for r in p.renderings if r.entity in p.present
                           or not is_common(r.surface, p.target.lang, config.rare_zipf)]
                          + [r for r in p.place_renderings if r.entity not in common
                             or not is_common(r.surface, p.target.lang, config.rare_zipf)])
                 for p in prepared]
    promoted = agreed(below, surviving, config.weak_survival, config.agreement_min_translations)
    counts = [survival(entities, p.alignment, p.renderings + p.place_renderings, p.learned)
              for p in prepared]
    demoted = rendered_nowhere([e for e in below if strong(evidence[e])], counts)
    revised = dict(evidence)
    for entity_id in promoted:
        revised[entity_id] = Evidence.AGREEMENT
    for entity_id in demoted:
        revised[entity_id] = Evidence.WEAK
    return revised


def check_translations(source: SegmentedDocument,
                       translations: Mapping[str, tuple[SegmentedDocument, Alignment]],
                       entities: Sequence[Entity], *, glossary: Glossary | None = None,
                       config: NamesConfig | None = None) -> dict[str, NameCheckResult]:
    """Name, number and untranslated-fragment findings for every translation of one
    document (keyed like ``translations``: target document and its alignment). All
    translations are looked at first, so that their agreement is evidence (see
    :mod:`mtcheck.names.agreement`)."""
    config = config or NamesConfig()
    evidence = entity_evidence(source, entities, config)
    agreement = config.agreement_min_translations > 0 and len(translations) >= 2
    prepared = {key: _prepare(source, target, alignment, entities, evidence, glossary, config,
                              agreement)
                for key, (target, alignment) in translations.items()}
    revised = agreed_evidence(entities, evidence, list(prepared.values()), config)
    # A weak candidate the translations agree on is a name: matched again as one, no longer
    # only closely (Echevarría for Echeverría, a surname common in Spanish).
    if any(not strong(evidence[e.id]) and strong(revised[e.id]) for e in entities):
        prepared = {key: _prepare(source, target, alignment, entities, revised, glossary,
                                  config, agreement)
                    for key, (target, alignment) in translations.items()}
    # Terms that translations into other scripts agree to keep in Latin script are no
    # names.script finding, nor missing where a translation renders them by meaning.
    latin_terms = (kept_in_latin([p.renderings for p in prepared.values()
                                  if script_of(p.target.lang) not in ("Latn", "")],
                                 is_latin_surface, config.agreement_min_translations)
                   if config.agreement_min_translations > 0 else frozenset())
    other_scripts = [p.renderings for p in prepared.values()
                     if script_of(p.target.lang) not in ("Latn", "")]
    others_tell = (config.agreement_min_translations > 0
                   and len(other_scripts) > config.agreement_min_translations)
    house_style = (kept_in_latin(other_scripts, is_latin_surface,
                                 config.agreement_min_translations, unanimous=False)
                   if others_tell else frozenset())
    kept = (kept_by_most(other_scripts, is_latin_surface, config.agreement_min_translations)
            if others_tell else frozenset())
    # A name that no translation into another script renders anywhere, when there are
    # enough of them to tell, is translated by meaning there (the Neues of "Neues Museum":
    # Новый музей, 新博物館): not missing from them.
    non_latin = [p for p in prepared.values() if script_of(p.target.lang) not in ("Latn", "")]
    rendered = {r.entity for p in non_latin
                for r in (*p.renderings, *p.learned, *p.place_renderings)}
    by_meaning = (frozenset(
        e.id for e in entities if revised[e.id] < Evidence.DATA and e.id not in rendered)
        if config.agreement_min_translations > 0
        and len(non_latin) >= max(2, config.agreement_min_translations) else frozenset())
    recognised = _recognised(source, entities, config, list(prepared.values()))
    by_id = {e.id: e for e in entities}
    # People by the shape of their names are people even where the recogniser says
    # otherwise (it tags "Mamadou Sarr" as an organisation, "Bosch" as a person).
    people = _people(source, entities, recognised, revised, config,
                     sorted({p.target.lang for p in prepared.values()
                             if script_of(p.target.lang) == "Latn"}))
    # A name beside a generic noun for a firm or an institution ("der Bank Vontobel",
    # "компания Rio Tinto") is an organisation's, whatever its shape or the recogniser's
    # label (see mtcheck.names.heads).
    headed = heads.named_organisations(
        source, find_mentions(source, entities),
        [(p.target, p.renderings) for p in prepared.values()], config)
    people -= headed
    # A name shaped like a person's ("Siemens Gamesa") that the recogniser puts inside an
    # organisation's name, and never a person's, is a firm when every translation into a
    # cased script other than Latin (two at least) keeps it in Latin script, as that press
    # keeps firms: the recogniser and the translators agree against the shape. A person
    # those translators would transliterate.
    people -= _firms_kept_in_latin(source, entities, prepared, config)
    recognised = dataclasses.replace(
        recognised, persons=(recognised.persons | people) - headed,
        organisations=(recognised.organisations - people) | headed)
    brands = _brands(entities, revised, people, prepared)
    # An organisation named beside its generic noun may be kept as the firm writes it
    # where the press does so with firms (Cyrillic, Greek, Chinese), unless it is a place
    # of the data or the glossary; the translation writing it in its own script elsewhere
    # is still a finding.
    keeps_firms = CASED_SCRIPTS | _UNMATCHABLE_SCRIPTS
    firms = frozenset(e for e in headed if revised[e] < Evidence.DATA)
    brands = {key: kept | firms if script_of(prepared[key].target.lang) in keeps_firms else kept
              for key, kept in brands.items()}
    # People are transliterated, however many translations leave one in Latin script, and
    # never translated by meaning: a person no translation into another script renders was
    # dropped there or is written in a way the matcher cannot see, not rendered by sense.
    latin_terms -= people
    # Names found nowhere for two reasons at once (see mtcheck.names.dropped): people that
    # no translation into another script renders, and phrases of common words that other
    # translations render by a rare word (Bengalen, Bengala) all the same.
    # Only where that is why they are reported: found nowhere in the translation, people
    # in another script (where they would have been taken as rendered by meaning), phrases
    # that are no place of the data.
    phrases = {e.id for e in entities if revised[e.id] < Evidence.DATA
               and any(" " in f and is_common(f, source.lang, config.rare_zipf)
                       for f in e.source_forms)}
    unseen_people = by_meaning & people
    by_meaning -= people
    elsewhere = (rendered_by_others(
        {key: {r.entity for r in (*p.renderings, *p.place_renderings)
               if not is_common(r.surface, p.target.lang, config.rare_zipf)}
         for key, p in prepared.items()}, config.agreement_min_translations)
        if config.agreement_min_translations > 0 else {})
    # Names that most other translations render in every sentence that mentions them: a
    # translation into another script that renders one nowhere may have dropped it there
    # (see agreement.rendered_there_by_most); reported only where nothing in the pair can
    # be its unseen rendering (mtcheck.names.dropped).
    there = (rendered_there_by_most(
        {key: survival(entities, p.alignment, [*p.renderings, *p.place_renderings, *p.learned])
         for key, p in prepared.items()}, config.agreement_min_translations,
        {key for key, p in prepared.items() if script_of(p.target.lang) not in ("Latn", "")},
        {key for key, p in prepared.items() if script_of(p.target.lang) in _BLIND_SCRIPTS})
        if config.agreement_min_translations > 0 else {})
    there = {key: ids if script_of(prepared[key].target.lang) not in ("Latn", "") else frozenset()
             for key, ids in there.items()}
    # Names other than organisations that the other translations into other scripts agree
    # to transliterate: one that keeps such a name in Latin script is no press keeping a
    # brand (see agreement.transliterated_by_others). Organisations (Rosatom, Perhutani)
    # stay with the brand rules: the Russian and Greek press keep them as the firm writes
    # them where Japanese and Korean transliterate.
    transliterated = ({key: ids - recognised.organisations for key, ids in
                       transliterated_by_others(
                           {key: p.renderings for key, p in prepared.items()
                            if script_of(p.target.lang) not in ("Latn", "")},
                           is_latin_surface, config.agreement_min_translations).items()}
                      if config.agreement_min_translations > 0 else {})
    results = {key: _report(one, entities, revised, glossary, config,
                            latin_terms | by_meaning, others_tell, house_style, kept,
                            recognised, brands[key], elsewhere.get(key, frozenset()),
                            there.get(key, frozenset()),
                            transliterated.get(key, frozenset()))
               for key, one in prepared.items()}
    acronyms = (dropped_acronyms(source, translations, config.agreement_min_translations)
                if config.agreement_min_translations > 0 else {})

    def doubtful(key: str, result: NameCheckResult) -> frozenset[str]:
        other_script = script_of(prepared[key].target.lang) not in ("Latn", "")
        # A person's full name of common given names and surnames (Marie-Ève
        # Tremblay-Gagnon) is no phrase where the translation shares the source's script:
        # there it is copied as written, so a rare word of the pair is no unseen rendering
        # of it. In another script it may be (トランブレ).
        own_script = script_of(prepared[key].target.lang) == script_of(source.lang)
        return frozenset(((unseen_people if other_script else set())
                          | ((phrases - people if own_script else phrases)
                             & elsewhere.get(key, frozenset())))
                         - {r.entity for r in result.renderings})

    results = {key: dataclasses.replace(result, findings=tuple(sorted(
                   (*confirmed_drops(result.findings, prepared[key].target, result.renderings,
                                     doubtful(key, result), config.rare_zipf, by_id,
                                     source.lang, source),
                    *acronyms.get(key, ())),
                   key=_finding_order)))
               for key, result in results.items()}
    # In Han script, where the stage cannot read a city's unseen transliteration, another
    # city written by its CLDR name in the city's place replaced it (see
    # mtcheck.names.stand_ins).
    results = {key: result if script_of(prepared[key].target.lang) not in _UNMATCHABLE_SCRIPTS
               else dataclasses.replace(result, findings=tuple(sorted(
                   (*result.findings, *cities_in_place(
                       source, prepared[key].target, prepared[key].alignment, entities,
                       result.renderings, result.findings)), key=_finding_order)))
               for key, result in results.items()}
    # A name one Latin-script translation alone writes where the source names something
    # the pair lacks replaced it, tracked or not (see mtcheck.names.intruders).
    if config.agreement_min_translations > 0:
        intruders = intruding_names(
            source, translations, {key: result.findings for key, result in results.items()},
            config.rare_zipf, config.agreement_min_translations)
        results = {key: dataclasses.replace(result, findings=tuple(sorted(
                       (*result.findings, *intruders.get(key, ())), key=_finding_order)))
                   for key, result in results.items()}
    # In Han script, a second spelling beyond the characters the matcher found (德拉克鲁兹
    # for 德拉克鲁斯: see mtcheck.names.han_runs).
    results = {key: result if script_of(prepared[key].target.lang) not in _UNMATCHABLE_SCRIPTS
               else dataclasses.replace(result, findings=tuple(sorted(
                   (*result.findings, *han_run_slips(
                       prepared[key].target, prepared[key].alignment, result.renderings,
                       by_id, result.findings, recognised.persons)), key=_finding_order)))
               for key, result in results.items()}
    # Elsewhere, a second spelling in the part of a double name the matcher did not match
    # (카리모바-유스포바 / 카리모바-유수포바: see mtcheck.names.double_names).
    results = {key: result if script_of(prepared[key].target.lang) in _UNMATCHABLE_SCRIPTS
               else dataclasses.replace(result, findings=tuple(sorted(
                   (*result.findings, *double_name_slips(
                       prepared[key].target, prepared[key].alignment, result.renderings,
                       by_id, result.findings)), key=_finding_order)))
               for key, result in results.items()}
    # A name a Latin-script translation copies with a slip where the source and the other
    # Latin-script translations write it alike (see mtcheck.names.copies).
    if config.agreement_min_translations > 0:
        slips = copied_with_slips(
            source, translations, entities,
            {key: result.findings for key, result in results.items()},
            {key: _place_words(p) for key, p in prepared.items()},
            config.agreement_min_translations, recognised.persons)
        results = {key: dataclasses.replace(result, findings=tuple(sorted(
                       (*result.findings, *slips.get(key, ())), key=_finding_order)))
                   for key, result in results.items()}
    # A name two translations leave out of one sentence for one same unknown name is
    # written there by its conventional exonym (Cheope: Khufu, クフ), not dropped.
    explained = agreed_exonyms(
        source, {key: result.findings for key, result in results.items()},
        {key: Translation(p.target, p.alignment, results[key].renderings)
         for key, p in prepared.items()},
        lambda target, ids, spans: unknown_names(target, ids, spans, config.rare_zipf),
        config.agreement_min_translations, config.surname_zipf)
    results = {key: dataclasses.replace(result, findings=tuple(
                   f for i, f in enumerate(result.findings) if (key, i) not in explained))
               for key, result in results.items()}
    unrecognised = missing_from_most(
        {key: result.findings for key, result in results.items()},
        frozenset(e.id for e in entities if revised[e.id] >= Evidence.GLOSSARY),
        config.missing_by_most, config.agreement_min_translations)
    # Not where the other translations in the source's script keep the name as written.
    copied = kept_there_by_own_script(
        {key: result.findings for key, result in results.items()},
        translations, {e.id: e.source_forms for e in entities},
        {key for key, p in prepared.items()
         if script_of(p.target.lang) == script_of(source.lang) != ""},
        config.agreement_min_translations)
    results = {key: dataclasses.replace(result, findings=tuple(
                   f for f in result.findings if not _missing_in(f, unrecognised)
                   or _missing_in(f, copied.get(key, frozenset()))))
               for key, result in results.items()}
    # A name a kana or Hangul translation writes by sound, with vowels the source lacks
    # (ブルクドルフ for Burgdorf), in a run no other name holds, where the matcher finds it
    # nowhere in the translation (see mtcheck.names.syllabic).
    results = {key: dataclasses.replace(result, findings=sounded_out(
                   result.findings, prepared[key].target, result.renderings, by_id,
                   source.lang, config.surname_zipf, frozenset(
                       r.entity for p in (prepared[key],)
                       for r in (*p.renderings, *p.place_renderings, *p.learned))))
               for key, result in results.items()}
    # A name found nowhere in one translation that others render: one finding for it, not
    # one per sentence (see mtcheck.names.unseen).
    if config.agreement_min_translations <= 0:
        return results
    anywhere = {key: frozenset(r.entity for r in (*p.renderings, *p.place_renderings, *p.learned))
                for key, p in prepared.items()}
    results = {key: dataclasses.replace(result, findings=merge_unseen(
                   result.findings, anywhere[key],
                   frozenset().union(*(ids for k, ids in anywhere.items() if k != key)), by_id,
                   script_of(prepared[key].target.lang) == script_of(source.lang) != ""))
               for key, result in results.items()}
    # Organisations and acronyms the stage does not track, left out where the other
    # translations keep them (see mtcheck.names.survivors).
    untracked = dropped_organisations(
        source, translations,
        {w for e in entities if strong(revised[e.id]) for f in e.source_forms for w in f.split()},
        {key: result.findings for key, result in results.items()}, config)
    results = {key: dataclasses.replace(result, findings=tuple(sorted(
                   (*result.findings, *untracked.get(key, ())), key=_finding_order)))
               for key, result in results.items()}
    # A city the pair lacks where it writes another city of the place data, in any script
    # but Han (see mtcheck.names.other_places).
    replaced = places_in_place(
        source, {key: OtherPlaces(p.target, p.alignment, results[key].renderings,
                                  results[key].findings) for key, p in prepared.items()},
        entities, config.rare_zipf)
    # A name reported missing where the pair holds a word sounding like the translation's
    # own spelling of it is written another way there (see mtcheck.names.respelt).
    return {key: dataclasses.replace(result, findings=tuple(sorted(respelt(
                (*result.findings, *replaced.get(key, ())), prepared[key].target,
                prepared[key].alignment, result.renderings, by_id, config.rare_zipf),
                key=_finding_order)))
            for key, result in results.items()}


def _place_words(prepared: _Prepared) -> frozenset[str]:
    """The words of the places' standard and present forms in the translation's language
    (CLDR, geonames): a target's own form of a place (Kenia) is no slip of the source's."""
    forms = (*prepared.present.values(), *prepared.place_present.values(),
             *(f for regional in prepared.standard.values() for f in regional.values()))
    return frozenset(w for group in forms for form in group for w in form.split())


def _missing_in(finding: Finding, places: frozenset[tuple[str, int]]) -> bool:
    """Whether ``finding`` reports a name missing from one of ``places`` (entity, source
    sentence id)."""
    return (finding.check == "names.missing" and finding.entity is not None
            and any((finding.entity, s) in places for s in finding.source_ids))


def _people(source: SegmentedDocument, entities: Sequence[Entity], recognised: _Recognised,
            evidence: Mapping[str, Evidence], config: NamesConfig,
            languages: Sequence[str] = ()) -> frozenset[str]:
    """Entities written as people's names (see :func:`mtcheck.names.brands.personal_names`):
    a full name of capitalised words ending in a rare one, or a name beside a title. Where
    every noun is capitalised (German), runs of nouns have that shape too: there the
    recogniser's PERSON label is needed as well, when there is a recogniser."""
    titles = lexicon().titles if source.lang.split("-")[0] == "en" else ()
    shaped = personal_names(source, ((m.entity, m.sentence_id, m.start, m.end)
                                     for m in find_mentions(source, entities)),
                            config.surname_zipf, lexicon().particles, titles,
                            config.function_zipf,
                            {w for e in entities
                             if evidence[e.id] >= Evidence.DATA or place_keys(e, source.lang)
                             for f in e.source_forms for w in f.split()}, languages)
    if rules_for(source.lang).capitalises_nouns and recognised.labelled:
        return shaped & recognised.persons
    return shaped


def _firms_kept_in_latin(source: SegmentedDocument, entities: Sequence[Entity],
                         prepared: Mapping[str, _Prepared], config: NamesConfig
                         ) -> frozenset[str]:
    """Entities the recogniser tags as (part of) an organisation's name and never as a
    person's, that every translation into a cased script other than Latin writes only in
    Latin script, when there are two such translations or more."""
    cased = [p.renderings for p in prepared.values() if script_of(p.target.lang) in CASED_SCRIPTS]
    if len(cased) < 2 or config.agreement_min_translations <= 0:
        return frozenset()
    kept = kept_in_latin(cased, is_latin_surface, len(cased))
    if not kept:
        return frozenset()
    labels = heads.recognised_labels(
        source, find_mentions(source, entities),
        [(p.target, p.renderings) for p in prepared.values()], config)
    return frozenset(e for e in kept
                     if "ORG" in labels.get(e, frozenset()) and "PERSON" not in labels[e])


def _brands(entities: Sequence[Entity], evidence: Mapping[str, Evidence],
            people: frozenset[str], prepared: Mapping[str, _Prepared]
            ) -> dict[str, frozenset[str]]:
    """Per translation, the names it may keep in Latin script as its press keeps firms and
    brands (see :mod:`mtcheck.names.brands`): not ``people``, not places from data or
    glossary names, not what another Cyrillic or Greek translation transliterates."""
    exempt = people | {e.id for e in entities if evidence[e.id] >= Evidence.DATA}
    written = {key: frozenset(r.entity for r in p.renderings if not is_latin_surface(r.surface))
               for key, p in prepared.items()}
    return {key: kept_as_brands(entities, script_of(p.target.lang),
                                [(script_of(other.target.lang), written[k])
                                 for k, other in prepared.items() if k != key], exempt)
            for key, p in prepared.items()}


def check_translation(source: SegmentedDocument, target: SegmentedDocument, alignment: Alignment,
                      entities: Sequence[Entity], *, glossary: Glossary | None = None,
                      config: NamesConfig | None = None) -> NameCheckResult:
    """Name, number and untranslated-fragment findings for one translation alone (no
    agreement across translations: see :func:`check_translations`)."""
    result = check_translations(source, {target.lang: (target, alignment)}, entities,
                                glossary=glossary, config=config)
    return result[target.lang]
