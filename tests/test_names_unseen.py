"""names.missing raised on evidence: one finding for a name a translation renders nowhere,
and a severity that says how sure the stage is that the name is absent."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import one_to_one, segmented
from mtcheck.names import check_translations, find_entities
from mtcheck.names.evidence import Evidence, missing_severity
from mtcheck.names.unseen import merge_unseen
from mtcheck.types import Entity, Finding, Severity, TextSpan

# A German source naming a rare surname twice (weak evidence without a German recogniser:
# a name by agreement once two translations render it) and in between a sentence without it.
SOURCE = ["Am Morgen erreichte der Führer Reinagl den Gipfel.",
          "Die Gruppe stieg danach ins Tal ab.",
          "Am Abend kehrte Reinagl ins Dorf zurück."]
KEPT = {
    "fr": ["Le guide Reinagl atteignit le sommet au matin.", "Le groupe redescendit ensuite.",
           "Le soir, Reinagl rentra au village."],
    "en": ["The guide Reinagl reached the summit in the morning.",
           "The group then went down into the valley.",
           "In the evening Reinagl returned to the village."],
}
# Russian and Spanish translations that never write the name.
WITHOUT = {
    "ru": ["Проводник утром достиг вершины.", "Затем группа спустилась в долину.",
           "Вечером он вернулся в деревню."],
    "es": ["Por la mañana el guía alcanzó la cumbre.", "Después el grupo bajó al valle.",
           "Al anochecer volvió al pueblo."],
}
# A Russian translation that writes it in the first sentence only.
ONCE_RU = ["Проводник Райнагль утром достиг вершины.", "Затем группа спустилась в долину.",
           "Вечером он вернулся в деревню."]


def run(targets: dict[str, list[str]]) -> dict[str, list[tuple[tuple[int, ...], str]]]:
    source = segmented("de", SOURCE, "de.txt")
    entities = find_entities(source)
    results = check_translations(
        source, {lang: (segmented(lang, t, f"{lang}.txt"), one_to_one(len(t)))
                 for lang, t in targets.items()}, entities)
    return {lang: [(f.source_ids, f.severity.value) for f in r.findings
                   if f.check == "names.missing" and f.entity == "reinagl"]
            for lang, r in results.items()}


def test_a_name_two_translations_render_and_a_third_in_another_script_never_does_is_one_info(
        ) -> None:
    found = run({**KEPT, "ru": WITHOUT["ru"]})
    # Not two drops: one name the check does not read in Russian, or left out throughout.
    assert found["ru"] == [((0, 2), "info")]
    assert found["fr"] == found["en"] == []


def test_a_name_a_translation_in_the_source_script_never_writes_is_one_warning() -> None:
    # Latin to Latin names are copied, so the matcher reads them: absent throughout.
    assert run({**KEPT, "es": WITHOUT["es"]})["es"] == [((0, 2), "warning")]


def test_a_name_the_translation_writes_elsewhere_is_reported_per_sentence_as_an_error(
        ) -> None:
    # The matcher knows how this translation writes the name: its absence from the third
    # sentence is a drop, at the check's own severity.
    assert run({**KEPT, "ru": ONCE_RU})["ru"] == [((2,), "error")]


def _entity(entity_id: str, glossary: bool = False) -> Entity:
    return Entity(id=entity_id, canonical=entity_id.title(), source_forms=(entity_id.title(),),
                  source_ids=(0, 1, 2), from_glossary=glossary)


def _missing(entity: str, sentence: int, severity: Severity = Severity.WARNING) -> Finding:
    return Finding("names.missing", severity, f"{entity} is not in the translation",
                   source_ids=(sentence,), target_ids=(sentence,),
                   spans=(TextSpan("source", sentence, 0, 3, entity),), entity=entity)


ENTITIES = {"anna": _entity("anna"), "bern": _entity("bern"),
            "cora": _entity("cora", glossary=True)}


def test_merge_needs_two_findings_a_name_found_nowhere_here_and_rendered_by_another() -> None:
    findings = (_missing("anna", 0), _missing("bern", 1), _missing("anna", 2))
    merged = merge_unseen(findings, frozenset(), {"anna", "bern"}, ENTITIES, False)
    assert [(f.entity, f.source_ids, f.target_ids, f.severity) for f in merged] == [
        ("anna", (0, 2), (0, 2), Severity.INFO), ("bern", (1,), (1,), Severity.WARNING)]
    assert [s.sentence_id for s in merged[0].spans] == [0, 2]
    assert "found nowhere in this translation" in merged[0].message
    # Rendered in this translation elsewhere, or by no other translation: nothing merged.
    assert merge_unseen(findings, {"anna"}, {"anna", "bern"}, ENTITIES, False) == findings
    assert merge_unseen(findings, frozenset(), {"bern"}, ENTITIES, False) == findings


def test_merge_keeps_glossary_names_and_other_checks_apart() -> None:
    other = Finding("names.script", Severity.WARNING, "kept in Latin script", entity="anna")
    findings = (_missing("cora", 0, Severity.ERROR), other, _missing("cora", 1, Severity.ERROR))
    assert merge_unseen(findings, frozenset(), {"cora", "anna"}, ENTITIES, False) == findings


@given(st.lists(st.tuples(st.sampled_from(sorted(ENTITIES)), st.integers(0, 5)), max_size=8),
       st.sets(st.sampled_from(sorted(ENTITIES))), st.sets(st.sampled_from(sorted(ENTITIES))),
       st.booleans())
def test_merge_covers_every_sentence_it_was_given_and_never_adds_findings(
        places: list[tuple[str, int]], here: set[str], others: set[str], copied: bool) -> None:
    findings = tuple(_missing(e, s) for e, s in places)
    merged = merge_unseen(findings, here, others, ENTITIES, copied)
    assert len(merged) <= len(findings)
    assert ({(f.entity, s) for f in merged for s in f.source_ids}
            == {(f.entity, s) for f in findings for s in f.source_ids})
    # At most one finding per name found nowhere here that another translation renders.
    merged_names = [f.entity for f in merged if f.entity not in here and f.entity in others
                    and not ENTITIES[f.entity or ""].from_glossary]
    assert len(merged_names) == len(set(merged_names))


@pytest.mark.parametrize(("evidence", "rendered_here", "copied_script", "expected"), [
    (Evidence.GLOSSARY, False, False, Severity.ERROR),
    (Evidence.DATA, True, False, Severity.ERROR),
    (Evidence.DATA, False, False, Severity.WARNING),
    (Evidence.AGREEMENT, False, True, Severity.ERROR),
    (Evidence.AGREEMENT, False, False, Severity.WARNING),
    (Evidence.NER, True, False, Severity.ERROR),
    (Evidence.NER, False, True, Severity.WARNING),
    (Evidence.WEAK, True, True, Severity.WARNING),
])
def test_missing_severity_is_an_error_only_where_the_stage_can_read_the_name(
        evidence: Evidence, rendered_here: bool, copied_script: bool,
        expected: Severity) -> None:
    assert missing_severity(evidence, rendered_here, copied_script) == expected


def test_a_name_rendered_only_inside_a_copied_longer_name_is_not_read_there() -> None:
    # "NFU Scotland" is copied as the institution writes it: that is no sign of how the
    # translator writes Scotland alone (Schottlands), so its absence is only a warning.
    source = segmented("en", ["Catriona Nic chairs the Islay branch of NFU Scotland.",
                              "The Met Office expects a dry autumn in western Scotland."],
                       "en.txt")
    german = segmented("de", ["Catriona Nic leitet die Islay-Sektion der NFU Scotland.",
                              "Das Met Office erwartet im Westen Schottlands einen trockenen "
                              "Herbst."], "de.txt")
    result = check_translations(source, {"de": (german, one_to_one(2))},
                                find_entities(source))["de"]
    assert [(f.entity, f.source_ids, f.severity) for f in result.findings
            if f.check == "names.missing"] == [("scotland", (1,), Severity.WARNING)]
