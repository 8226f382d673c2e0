"""Inflection rules from data: inflected forms are one spelling, transliterations are not."""

from __future__ import annotations

import pytest

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, find_entities
from mtcheck.names.inflection import (
    candidate_stems,
    elision_length,
    is_derived_adjective,
    read_as,
    rules_for,
    same_spelling,
)

SAME = [
    ("ru", "Пезешкиан", "Пезешкиана"),
    ("ru", "Пезешкиан", "Пезешкианом"),
    ("ru", "Россия", "Россией"),
    ("ru", "Израиль", "Израиля"),
    ("ru", "Эчеверрия", "Эчеверрии"),
    ("ru", "Газа", "Газу"),
    ("uk", "Пезешкіан", "Пезешкіанові"),
    ("fi", "Shoigu", "Shoigun"),
    ("fi", "Shoigu", "Shoigulle"),
    ("fi", "Iran", "Iranissa"),
    ("fi", "Bagheri", "Bagherin"),
    ("la", "Pezeshkianus", "Pezeshkiani"),
    ("la", "Irania", "Iraniae"),
    ("la", "Teheranum", "Teherani"),
    ("el", "Ρωσία", "Ρωσίας"),
    ("el", "Γάζα", "Γάζας"),
    ("de", "Iran", "Irans"),
    ("ko", "페제시키안", "페제시키안은"),
    ("ko", "이란", "이란과"),
    ("ko", "러시아", "러시아와의"),
    ("sa", "शोइगुः", "शोइगुना"),
    ("sa", "ईरानदेशं", "ईरानस्य"),
    ("sa", "तेहरान", "तेहराननगरे"),
    ("id", "Iran", "Irannya"),
]
DIFFERENT = [
    ("ru", "Пезешкиан", "Пезешкиян"),
    ("ru", "Пезешкиян", "Пезешкьян"),
    ("ru", "Багери", "Багхери"),
    # Hard -а and soft -я never alternate in one word's forms: two spellings.
    ("ru", "Эчеверрия", "Эчеверриа"),
    ("ru", "Хания", "Ханиа"),
    ("fi", "Shoigu", "Šoigu"),
    ("fi", "Pezeshkian", "Pezeshkijan"),
    ("el", "Πεζεσκιάν", "Πεζεσκιγιάν"),
    ("ko", "페제시키안", "페제시키얀"),
    ("fr", "Pezeshkian", "Pezeshkiane"),
    ("fr", "Choïgou", "Shoigu"),
    ("ja", "ペゼシュキアン", "ペゼシキアン"),
    ("pt", "Shoigu", "Shoigú"),
]


@pytest.mark.parametrize(("lang", "first", "second"), SAME)
def test_inflected_forms_are_one_spelling(lang: str, first: str, second: str) -> None:
    assert same_spelling(first, second, rules_for(lang))


@pytest.mark.parametrize(("lang", "first", "second"), DIFFERENT)
def test_transliteration_variants_stay_apart(lang: str, first: str, second: str) -> None:
    assert not same_spelling(first, second, rules_for(lang))


@pytest.mark.parametrize(
    ("lang", "word", "cut"),
    [("fr", "l'Iran", 2), ("fr", "d’Israël", 2), ("it", "dell'Iran", 5), ("it", "Iran", 0),
     ("de", "l'Iran", 0)],
)
def test_elided_articles(lang: str, word: str, cut: int) -> None:
    assert elision_length(word, rules_for(lang)) == cut


@pytest.mark.parametrize(
    ("lang", "word", "derived"),
    [("ru", "российская", True), ("ru", "Россия", False), ("fi", "iranilainen", True),
     ("el", "Ιρανός", True), ("el", "Ιράν", False), ("la", "Russici", True),
     ("de", "iranischen", True)],
)
def test_derived_adjectives(lang: str, word: str, derived: bool) -> None:
    assert is_derived_adjective(word, rules_for(lang)) is derived


def test_language_without_data_has_no_inflection() -> None:
    rules = rules_for("nl")
    assert candidate_stems("Irans", rules) == ("irans",)


def test_stems_start_with_the_folded_surface() -> None:
    assert candidate_stems("Пезешкианом", rules_for("ru"))[0] == "пезешкианом"


def test_a_german_name_is_read_as_german_spelling_sounds() -> None:
    rules = rules_for("de")
    assert read_as("Hainzl-Moser", rules) == "haintsl-moser"
    assert read_as("Schweitzer", rules) == "shvaitser"
    # A language without readings leaves the form as it is (case-folded).
    assert read_as("Hainzl", rules_for("en")) == "hainzl"


def test_a_three_letter_name_is_found_in_its_other_cases() -> None:
    # Ува leaves the stem Ув: в Уве is the province; Увы "alas" is a word.
    config = NamesConfig(use_ner=False)
    source = segmented("en", ["Drought cuts the harvest in Uva.", "Uva Province lost a fifth.",
                              "If Uva loses its season, the island loses its teas."])
    target = segmented("ru", ["Засуха сократила урожай в Уве.", "Провинция Ува потеряла пятую часть.",
                              "Если Ува потеряет сезон, остров потеряет свои чаи."])
    entities = find_entities(source, None, config)
    result = check_translation(source, target, one_to_one(3), entities, config=config)
    assert {(r.sentence_id, r.surface) for r in result.renderings if r.entity == "uva"} == {
        (0, "Уве"), (1, "Ува"), (2, "Ува")}
    assert not [f for f in result.findings if f.check == "names.missing"]
