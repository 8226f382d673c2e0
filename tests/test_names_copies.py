"""A name a Latin-script translation copies with a slip (mtcheck.names.copies)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import one_to_one, segmented
from mtcheck.names.copies import accent_slip, convention, copied_with_slips, name_words
from mtcheck.types import Alignment, Entity, Finding, SegmentedDocument

SOURCE = ["Kamala Murugesu has picked tea on the estate for 26 years.",
          "Murugesu said the drought was the worst she had seen."]
ENTITIES = [Entity("murugesu", "Murugesu", ("Murugesu",), (0, 1))]
COPIED = {
    "fr": ["Kamala Murugesu cueille du thé sur le domaine depuis 26 ans.",
           "Murugesu a dit que la sécheresse était la pire qu'elle ait vue."],
    "it": ["Kamala Murugesu raccoglie tè nella piantagione da 26 anni.",
           "Murugesu ha detto che la siccità era la peggiore che avesse visto."],
}


def run(targets: dict[str, list[str]], source: list[str] = SOURCE,
        entities: list[Entity] = ENTITIES,
        places: dict[str, frozenset[str]] | None = None) -> dict[str, list[Finding]]:
    src = segmented("en", source, "en.txt")
    translations: dict[str, tuple[SegmentedDocument, Alignment]] = {
        lang: (segmented(lang, lines, f"{lang}.txt"), one_to_one(len(lines)))
        for lang, lines in targets.items()}
    return copied_with_slips(src, translations, entities, {}, places or {}, 2,
                             {"murugesu", "seitkali"})


def test_a_letter_off_where_the_source_and_the_others_agree_is_reported() -> None:
    de = ["Kamala Murugesu pflückt seit 26 Jahren Tee auf der Plantage.",
          "Murugessu sagte, die Dürre sei die schlimmste, die sie erlebt habe."]
    found = run({**COPIED, "de": de})
    assert [(f.check, f.source_ids, f.target_ids) for f in found["de"]] == [
        ("names.inconsistent", (1,), (1,))]
    assert "Murugessu" in found["de"][0].message and found["de"][0].spans[0].text == "Murugessu"
    assert found["fr"] == found["it"] == []


def test_a_given_name_beside_the_tracked_surname_is_compared_too() -> None:
    de = ["Kamalla Murugesu pflückt seit 26 Jahren Tee auf der Plantage.",
          "Murugesu sagte, die Dürre sei die schlimmste, die sie erlebt habe."]
    found = run({**COPIED, "de": de})
    assert [f.source_ids for f in found["de"]] == [(0,)]
    assert "Kamala is written Kamalla" in found["de"][0].message


def test_a_lost_accent_is_a_slip_an_added_one_is_orthography() -> None:
    source = ["The site lies east of Göbekli Tepe.", "Work there began in 1995."]
    entities = [Entity("gobekli-tepe", "Göbekli Tepe", ("Göbekli Tepe",), (0,))]
    others = {"de": ["Die Stätte liegt östlich von Göbekli Tepe.", "Die Arbeiten begannen 1995."],
              "es": ["El sitio está al este de Göbekli Tepe.", "Las obras empezaron en 1995."]}
    lost = ["Le site se trouve à l'est de Gobekli Tepe.", "Les travaux ont commencé en 1995."]
    assert [f.source_ids for f in run({**others, "fr": lost}, source, entities)["fr"]] == [(0,)]
    source = ["The test site near Semipalatinsk closed in 1991.", "It is empty now."]
    entities = [Entity("semipalatinsk", "Semipalatinsk", ("Semipalatinsk",), (0,))]
    others = {"fr": ["Le site d'essais près de Semipalatinsk a fermé en 1991.", "Il est vide."],
              "it": ["Il poligono vicino a Semipalatinsk ha chiuso nel 1991.", "Ora è vuoto."]}
    added = ["El polígono cerca de Semipalátinsk cerró en 1991.", "Ahora está vacío."]
    assert run({**others, "es": added}, source, entities)["es"] == []


def test_the_targets_own_conventions_are_no_slips() -> None:
    # A transliteration letter of the same class (y / i), a form the translation writes
    # throughout (Evereste), a standard form of a place in the target language (Kenia).
    de = ["Kamala Murugesi pflückt seit 26 Jahren Tee auf der Plantage.",
          "Murugesi sagte, die Dürre sei die schlimmste, die sie erlebt habe."]
    assert run({**COPIED, "de": de})["de"] == []
    de = ["Kamala Murugessu pflückt seit 26 Jahren Tee auf der Plantage.",
          "Murugesu sagte, die Dürre sei die schlimmste, die sie erlebt habe."]
    assert run({**COPIED, "de": de}, places={"de": frozenset({"Murugessu"})})["de"] == []
    source = ["Daniyar Seitkali leads the group.", "Seitkali spoke on Monday."]
    entities = [Entity("seitkali", "Seitkali", ("Seitkali",), (0, 1))]
    targets = {"de": ["Daniyar Seitkali leitet die Gruppe.", "Seitkali sprach am Montag."],
               "es": ["Daniyar Seitkali dirige el grupo.", "Seitkali habló el lunes."],
               "fr": ["Daniiar Seitkali dirige le groupe.", "Seitkali a parlé lundi."]}
    assert run(targets, source, entities)["fr"] == []


def test_a_letter_off_in_a_place_name_is_an_exonym() -> None:
    source = ["The plant is in Trentino.", "It opened in May."]
    entities = [Entity("trentino", "Trentino", ("Trentino",), (0,))]
    targets = {"de": ["Das Werk liegt im Trentino.", "Es öffnete im Mai."],
               "es": ["La planta está en Trentino.", "Abrió en mayo."],
               "fr": ["L'usine se trouve dans le Trentin.", "Elle a ouvert en mai."]}
    assert run(targets, source, entities)["fr"] == []


def test_a_spelling_another_translation_shares_is_a_convention() -> None:
    de = ["Kamala Murugessu pflückt seit 26 Jahren Tee auf der Plantage.",
          "Murugesu sagte, die Dürre sei die schlimmste, die sie erlebt habe."]
    fr = ["Kamala Murugessu cueille du thé sur le domaine depuis 26 ans.", COPIED["fr"][1]]
    found = run({"fr": fr, "it": COPIED["it"], "de": de})
    assert found["de"] == [] and found["fr"] == []


def test_inflected_forms_common_words_and_lone_translations_say_nothing() -> None:
    de = ["Kamala Murugesus Familie pflückt seit 26 Jahren Tee.",
          "Murugesu sagte, die Dürre sei die schlimmste, die sie erlebt habe."]
    assert run({**COPIED, "de": de})["de"] == []
    de = ["Kamala Murugessu pflückt seit 26 Jahren Tee auf der Plantage.",
          "Murugesu sagte, die Dürre sei die schlimmste, die sie erlebt habe."]
    # No other Latin-script translation to agree with the source: nothing to go by.
    ru = ["Камала Муругесу собирает чай.", "Муругесу сказала."]
    assert run({"ru": ru, "de": de})["de"] == []
    assert run({**COPIED, "ru": ru})["ru"] == []


@pytest.mark.parametrize(("text", "mention", "words"), [
    ("said Mohamed Ali Ben Salah, the head", "Ben Salah", ("Mohamed", "Ali", "Ben", "Salah")),
    ("the economist Ana Luísa Ferreira da Costa, of", "Costa",
     ("Ana", "Luísa", "Ferreira", "Costa")),
    ("in Tirol, Salzburg und Vorarlberg.", "Salzburg", ("Salzburg",)),
    ("Murugesu, whose family", "Murugesu", ("Murugesu",)),
])
def test_name_words_are_the_capitalised_run_around_the_mention(
        text: str, mention: str, words: tuple[str, ...]) -> None:
    start = text.index(mention)
    assert name_words(text, start, start + len(mention), {"da", "de", "der", "von"}) == words


def test_accents_and_conventions() -> None:
    assert accent_slip("Göbekli", "Gobekli") and not accent_slip("Gobekli", "Göbekli")
    assert convention("Daniyar", "Daniiar") and convention("Vladimir", "Wladimir")
    assert convention("Shams", "Schams") and convention("Mikhail", "Michail")
    assert not convention("Abdrakhmanov", "Abdrakhmanoff") and not convention("Lama", "Lhama")


@given(st.text(alphabet="abcdefghijklmnoprstu", min_size=4, max_size=12))
def test_a_word_is_never_a_slip_or_a_convention_of_itself(word: str) -> None:
    name = word.capitalize()
    assert not accent_slip(name, name) and not convention(name, name)


def test_a_double_name_with_a_short_part_is_judged_whole() -> None:
    # Pop alone is too short for a letter to count; Constantinescu-Pop is not.
    source = ["Ana Constantinescu-Pop leads the inquiry.", "Constantinescu-Pop spoke."]
    entities = [Entity("constantinescu-pop", "Constantinescu-Pop", ("Constantinescu-Pop",),
                       (0, 1))]
    copied = {
        "fr": ["Ana Constantinescu-Pop dirige l'enquête.", "Constantinescu-Pop a parlé."],
        "it": ["Ana Constantinescu-Pop guida l'inchiesta.", "Constantinescu-Pop ha parlato."],
    }
    pt = ["Ana Constantinescu-Pop dirige o inquérito.", "Constantinescu-Popp falou."]
    src = segmented("en", source, "en.txt")
    translations: dict[str, tuple[SegmentedDocument, Alignment]] = {
        lang: (segmented(lang, lines, f"{lang}.txt"), one_to_one(len(lines)))
        for lang, lines in {**copied, "pt": pt}.items()}
    found = copied_with_slips(src, translations, entities, {}, {}, 2, {"constantinescu-pop"})
    assert [(f.source_ids, f.spans[0].text) for f in found["pt"]] == [
        ((1,), "Constantinescu-Popp")]
    assert found["fr"] == found["it"] == []
