"""A city replaced by another city of the place data, in any script but Han
(mtcheck.names.other_places)."""

from __future__ import annotations

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translations, find_entities
from mtcheck.names.other_places import Translation, place_keys_of, places_in_place, stand_in
from mtcheck.types import Entity, Finding, NameRendering

NO_NER = NamesConfig(use_ner=False)
SOURCE = ["The container ship left Wilhelmshaven for Singapore on Monday morning.",
          "Its cargo was mostly machinery."]
RIGHT = {
    "de": ["Das Containerschiff verließ Wilhelmshaven am Montagmorgen in Richtung Singapur.",
           "Die Ladung bestand vor allem aus Maschinen."],
    "ru": ["Контейнеровоз вышел из Вильгельмсхафена в Сингапур в понедельник утром.",
           "Груз состоял в основном из машин."],
    "ja": ["コンテナ船は月曜日の朝、ヴィルヘルムスハーフェンからシンガポールへ向かった。",
           "積み荷は主に機械だった。"],
}


def missing(texts: dict[str, list[str]], source: list[str] = SOURCE) -> dict[str, list[Finding]]:
    """The check alone, on translations where the stage rendered nothing and reported
    nothing (what the rest of the stage found is its own business: see the last tests)."""
    src = segmented("en", source, "en.txt")
    entities = find_entities(src, None, NO_NER)
    translations = {lang: Translation(segmented(lang, lines, f"{lang}.txt"),
                                      one_to_one(len(lines)), (), ())
                    for lang, lines in texts.items()}
    return places_in_place(src, translations, entities, NO_NER.rare_zipf)


def test_another_city_in_hangul_with_a_particle_replaced_the_city() -> None:
    ko = ["컨테이너선은 월요일 아침 브레머하펜에서 싱가포르로 출발했다.", "화물은 대부분 기계였다."]
    found = missing({**RIGHT, "ko": ko})
    assert [(f.entity, f.source_ids, f.severity.value) for f in found["ko"]] == [
        ("wilhelmshaven", (0,), "warning")]
    assert "replaced by 브레머하펜에서" in found["ko"][0].message
    assert all(found[lang] == [] for lang in RIGHT)


def test_another_city_inflected_in_cyrillic_replaced_the_city() -> None:
    ru = ["Контейнеровоз вышел из Бремерхафена в Сингапур в понедельник утром.",
          "Груз состоял в основном из машин."]
    found = missing({**RIGHT, "ru": ru})
    assert [f.entity for f in found["ru"]] == ["wilhelmshaven"]


def test_a_city_another_translation_writes_there_too_stands_in_for_nothing() -> None:
    # Two translations name Bremerhaven in that sentence: the source names it in a form
    # the data miss, and the translations agree on it.
    ru = ["Контейнеровоз вышел из Бремерхафена в Сингапур в понедельник утром.",
          "Груз состоял в основном из машин."]
    ja = ["コンテナ船は月曜日の朝、ブレーマーハーフェンからシンガポールへ向かった。",
          "積み荷は主に機械だった。"]
    assert missing({"de": RIGHT["de"], "ru": ru, "ja": ja})["ru"] == []


def test_a_city_the_source_names_beside_the_sentence_is_no_stand_in() -> None:
    source = [SOURCE[0], "It had called at Bremerhaven the week before."]
    ru = ["Контейнеровоз вышел из Бремерхафена в Сингапур в понедельник утром.",
          "Неделей раньше он заходил в Бремерхафен."]
    texts = {"de": ["Das Containerschiff verließ Wilhelmshaven am Montagmorgen nach Singapur.",
                    "Eine Woche zuvor lief es Bremerhaven an."],
             "ja": ["コンテナ船は月曜日の朝、ヴィルヘルムスハーフェンからシンガポールへ向かった。",
                    "その前の週にはブレーマーハーフェンに寄港していた。"],
             "ru": ru}
    assert missing(texts, source)["ru"] == []


def test_the_city_written_right_has_no_stand_in() -> None:
    assert all(found == [] for found in missing(RIGHT).values())


def test_a_pair_already_reported_missing_gets_no_second_finding() -> None:
    src = segmented("en", SOURCE, "en.txt")
    ko = ["컨테이너선은 월요일 아침 브레머하펜에서 싱가포르로 출발했다.", "화물은 대부분 기계였다."]
    results = check_translations(
        src, {lang: (segmented(lang, lines, f"{lang}.txt"), one_to_one(2))
              for lang, lines in {**RIGHT, "ko": ko}.items()},
        find_entities(src, None, NO_NER), config=NO_NER)
    assert [f.entity for f in results["ko"].findings if f.check == "names.missing"] == [
        "wilhelmshaven"]


def test_a_city_in_a_rendered_pair_is_no_replacement() -> None:
    src = segmented("en", SOURCE, "en.txt")
    entities = find_entities(src, None, NO_NER)
    ru = segmented("ru", ["Контейнеровоз вышел из Вильгельмсхафена через Бремерхафен в "
                          "Сингапур.", "Груз состоял в основном из машин."])
    rendering = NameRendering("wilhelmshaven", 0, 22, 38, "Вильгельмсхафена", "вильгельмсхафен")
    found = places_in_place(src, {"ru": Translation(ru, one_to_one(2), (rendering,), ())},
                            entities, NO_NER.rare_zipf)
    assert found["ru"] == []


def test_a_double_name_of_two_cities_is_a_place_of_the_data() -> None:
    port = Entity("antwerpen-brugge", "Antwerpen-Brügge", ("Antwerpen-Brügge",), (0,))
    keys = place_keys_of(port, "de")
    assert keys and all(k.startswith("city:") for k in keys)
    # A country is no city: another city beside it is context, not a replacement.
    country = Entity("belgien", "Belgien", ("Belgien",), (0,))
    assert place_keys_of(country, "de") == frozenset()


def test_a_city_named_by_a_common_word_is_no_stand_in() -> None:
    # Victoria names cities, but it is a common word of English first.
    assert stand_in("They met Victoria at the port.", "en", frozenset(), 3.0) is None
    found = stand_in("while Rotterdam and Le Havre grew", "en", frozenset(), 3.0)
    assert found is not None and found[0] == "Le Havre"
