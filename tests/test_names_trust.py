"""The names stage on clean human translations and planted name errors: derived words,
shifted sentence boundaries, abbreviations and second spellings, each on a small document."""

from __future__ import annotations

import pytest

from builders import alignment, one_to_one, segmented
from mtcheck.names import check_translation, check_translations, find_entities
from mtcheck.names.consistency import _demonym_of
from mtcheck.names.inflection import candidate_stems, rules_for
from mtcheck.types import Finding, NameVariant, SegmentedDocument


def doc(lang: str, sentences: list[str]) -> SegmentedDocument:
    return segmented(lang, sentences, f"{lang}.txt")


def of(findings: tuple[Finding, ...], check: str) -> list[Finding]:
    return [f for f in findings if f.check == check]


NORDIC = [
    "Norway's Solberg won the race on Thursday.",
    "The Norwegian was ahead of Lindqvist.",
    "Norway has won 11 medals so far.",
]


@pytest.mark.parametrize("lang,sentences", [
    ("de", ["Die Norwegerin Solberg gewann am Donnerstag das Rennen.",
            "Die Norwegerin lag vor Lindqvist.", "Norwegen hat bisher 11 Medaillen gewonnen."]),
    ("fr", ["La Norvégienne Solberg a gagné la course jeudi.",
            "La Norvégienne devançait Lindqvist.", "La Norvège a gagné 11 médailles."]),
    ("ru", ["Норвежка Сульберг выиграла гонку в четверг.", "Норвежка опередила Линдквист.",
            "Норвегия завоевала уже 11 медалей."]),
    ("el", ["Η Νορβηγίδα Σόλμπεργκ κέρδισε τον αγώνα την Πέμπτη.",
            "Η Νορβηγίδα προηγήθηκε της Λίντκβιστ.", "Η Νορβηγία έχει κερδίσει 11 μετάλλια."]),
])
def test_a_nationality_word_shows_the_country_and_is_no_second_spelling(
        lang: str, sentences: list[str]) -> None:
    source = doc("en", NORDIC)
    result = check_translation(source, doc(lang, sentences), one_to_one(3), find_entities(source))
    assert not [f for f in result.findings if f.entity == "norway"]


@pytest.mark.parametrize("surface,forms,lang,derived", [
    ("Norwegerin", ("Norwegen",), "de", True),
    ("Finlandais", ("Finlande",), "fr", True),
    ("Норвежка", ("Норвегия",), "ru", True),
    ("Φινλανδό", ("Φινλανδία",), "el", True),
    ("Italian", ("Italy",), "en", True),
    # The feminine in -a of a demonym in -o (Cámara Búlgara de la Rosa).
    ("Búlgara", ("Bulgaria",), "es", True),
    ("Búlgara", ("Bulgária",), "pt", True),
    # Accents or letters inside the name are a second spelling, not a derived word.
    ("Quênia", ("Quénia",), "pt", False),
    ("Kathmandou", ("Kathmandu",), "fr", False),
    ("Norwegen", ("Norwegen",), "de", False),
])
def test_demonyms_are_told_from_spellings(surface: str, forms: tuple[str, ...], lang: str,
                                          derived: bool) -> None:
    variant = NameVariant(base=surface, surfaces=(surface,), count=1, sentence_ids=(0,))
    assert _demonym_of(variant, forms, lang) is derived


def test_a_common_word_starting_a_sentence_does_not_render_a_name_by_sound() -> None:
    source = doc("en", ["Rome approved the plan.", "Besides, a court delayed the works."])
    target = doc("ru", ["Рим одобрил план.", "Кроме того, суд задержал работы."])
    result = check_translation(source, target, one_to_one(2), find_entities(source))
    assert {r.surface for r in result.renderings if r.entity == "rome"} == {"Рим"}
    assert not of(result.findings, "names.inconsistent")


def test_a_name_in_the_neighbouring_target_sentence_is_a_shifted_boundary() -> None:
    source = doc("en", ["The tower was climbed by a team led by Hartog.",
                        "They reached the summit on 6 July.", "Hartog lost two toes."])
    # The translation moved the name across the boundary: each pair of the window holds
    # as many renderings as mentions.
    target = doc("fr", ["La tour fut gravie par une équipe britannique.",
                        "Hartog et Patey atteignirent le sommet le 6 juillet.",
                        "Hartog perdit deux orteils."])
    result = check_translation(source, target, one_to_one(3), find_entities(source))
    assert not of(result.findings, "names.missing")
    # Dropped for good (no rendering to spare beside it), the name is still missing.
    dropped = doc("fr", ["La tour fut gravie par une équipe britannique.",
                         "Ils atteignirent le sommet le 6 juillet.", "Hartog perdit deux orteils."])
    result = check_translation(source, dropped, one_to_one(3), find_entities(source))
    assert [f.source_ids for f in of(result.findings, "names.missing")] == [(0,)]


def test_another_word_of_a_multi_word_name_shows_the_name() -> None:
    source = doc("en", ["Mayor Kari Bjørnstad rejected the criticism.",
                        "Hotels were fully booked."])
    target = doc("ja", ["カリ・ビョルンスタ市長は批判を退けた。", "ホテルは満室だった。"])
    result = check_translation(source, target, one_to_one(2), find_entities(source))
    assert not of(result.findings, "names.missing")


def test_compound_adjectives_and_name_particles_in_english_sources() -> None:
    source = doc("en", ["Munni of the Dhaka-based group spoke on Monday.",
                        "Chowdhury met Prime Minister Maarten de Vries in The Hague."])
    names = {e.canonical for e in find_entities(source)}
    assert {"Dhaka", "Maarten de Vries"} <= names
    assert "Dhaka-based" not in names


def test_a_second_katakana_spelling_is_inconsistent_and_points_at_its_sentence() -> None:
    source = doc("en", ["SunPesa was founded by Markus Brandstätter, a German engineer.",
                        "Brandstätter said the plant would employ 600 people."])
    target = doc("ja", ["サンペサはドイツ人技術者マルクス・ブラントシュテッター氏が創業した。",
                        "ブラントステッター氏は、工場で600人を雇用すると述べた。"])
    result = check_translation(source, target, one_to_one(2), find_entities(source))
    inconsistent = of(result.findings, "names.inconsistent")
    assert [(f.entity, f.target_ids) for f in inconsistent] == [("brandstatter", (1,))]
    assert not of(result.findings, "names.missing")
    assert "ブラントステッター" in inconsistent[0].message


def test_the_other_word_of_a_multi_word_name_spelt_two_ways() -> None:
    source = doc("en", ["Aguirre Paredes led the trial in Lima.",
                        "Aguirre Paredes said the results were good.",
                        "Aguirre Paredes will present them in June."])
    target = doc("ru", ["Агирре Паредес руководил испытанием в Лиме.",
                        "Агирре Паредес сказал, что результаты хорошие.",
                        "Агуирре Паредес представит их в июне."])
    result = check_translation(source, target, one_to_one(3), find_entities(source))
    inconsistent = of(result.findings, "names.inconsistent")
    assert [(f.entity, f.target_ids) for f in inconsistent] == [("aguirre-paredes", (2,))]


def test_a_country_known_to_cldr_dropped_from_a_phrase_is_missing_unless_abbreviated() -> None:
    source = doc("en", ["The plant will use cells from China and South Korea.",
                        "Prices fell in March."])
    dropped = doc("fr", ["L'usine utilisera des cellules venues de Chine.",
                         "Les prix ont baissé en mars."])
    result = check_translation(source, dropped, one_to_one(2), find_entities(source))
    assert [f.entity for f in of(result.findings, "names.missing")] == ["south-korea"]
    kept = doc("fr", ["L'usine utilisera des cellules venues de Chine et de Corée du Sud.",
                      "Les prix ont baissé en mars."])
    result = check_translation(source, kept, one_to_one(2), find_entities(source))
    assert not of(result.findings, "names.missing")
    source = doc("en", ["Exports to South Africa grew.", "Prices fell in March."])
    abbreviated = doc("ru", ["Экспорт в ЮАР вырос.", "Цены упали в марте."])
    result = check_translation(source, abbreviated, one_to_one(2), find_entities(source))
    assert not of(result.findings, "names.missing")


def test_a_name_left_in_latin_script_with_a_korean_particle() -> None:
    source = doc("en", ["Munni spoke to reporters.", "Munni said families had to move."])
    target = doc("ko", ["문니는 기자들에게 말했다.", "Munni는 가족들이 이주해야 했다고 말했다."])
    result = check_translation(source, target, one_to_one(2), find_entities(source))
    assert [(f.entity, f.target_ids) for f in of(result.findings, "names.script")] == [
        ("munni", (1,))]
    assert not of(result.findings, "names.inconsistent")


def test_a_lone_hangul_syllable_is_no_second_spelling_of_a_name() -> None:
    # 년 "year" (of 2028년) sounds like the end of Infineon; a syllable alone is a word.
    source = doc("en", ["Output starts in 2028.", "The plant opened in 2019.",
                        "The fields went dry in 2021.", "Infineon holds a stake."])
    target = doc("ko", ["생산은 2028년 2분기에 시작된다.", "공장은 2019년 문을 열었다.",
                        "2021년 농지가 말랐다.", "인피니언이 지분을 보유한다."])
    result = check_translation(source, target, one_to_one(4), find_entities(source))
    assert not of(result.findings, "names.inconsistent")


@pytest.mark.parametrize(("target", "lang"), [
    (["Les rhinocéros arrivent à Dar es Salaam par avion."], "fr"),
    (["Os rinocerontes chegam a Dar es Salaam de avião."], "pt"),
])
def test_two_words_of_one_name_side_by_side_are_one_mention(target: list[str], lang: str) -> None:
    source = doc("en", ["The rhinos arrive in Dar es Salaam by plane."])
    result = check_translation(source, doc(lang, target), one_to_one(1), find_entities(source))
    assert not of(result.findings, "names.inconsistent")


def test_a_frequent_korean_word_that_sounds_less_like_the_name_is_no_spelling() -> None:
    # 생산 "production" sounds a little like Fengshan; 펑산 is the name.
    source = doc("en", ["Output starts in 2028.", "Water comes from the Fengshan plant."])
    target = doc("ko", ["생산은 2028년 시작된다.", "물은 펑산 처리장에서 온다."])
    alignment = one_to_one(2)
    result = check_translation(source, target, alignment, find_entities(source))
    assert not of(result.findings, "names.inconsistent")


def test_two_korean_spellings_of_a_name_stay_a_variant() -> None:
    source = doc("en", ["Shoigu arrived in Tehran.", "Shoigu met Ahmadian.", "Shoigu left."])
    target = doc("ko", ["쇼이구가 테헤란에 도착했다.", "쇼이그는 아흐마디안을 만났다.",
                        "쇼이구는 떠났다."])
    result = check_translation(source, target, one_to_one(3), find_entities(source))
    assert [f.entity for f in of(result.findings, "names.inconsistent")] == ["shoigu"]


def test_a_compound_adjective_of_a_two_word_country_is_the_country() -> None:
    source = doc("en", ["The rhinos came from South Africa's Addo park."])
    target = doc("ru", ["Носорогов привезли из южноафриканского парка Аддо."])
    result = check_translation(source, target, one_to_one(1), find_entities(source))
    assert not [f for f in of(result.findings, "names.missing") if f.entity == "south-africa"]


def test_a_country_beside_a_name_that_sounds_like_it_is_no_second_spelling() -> None:
    source = doc("en", ["Ethiopian Airlines flies to 130 cities.",
                        "\"We build a gate for Africa,\" its chief said.",
                        "Ethiopian expects 110 million passengers."])
    target = doc("es", ["Ethiopian Airlines vuela a 130 ciudades.",
                        "\"Construimos una puerta para Etiopía\", dijo su director.",
                        "Ethiopian espera 110 millones de pasajeros."])
    result = check_translation(source, target, one_to_one(3), find_entities(source))
    assert not of(result.findings, "names.inconsistent")


def test_korean_compound_heads_end_the_word() -> None:
    rules = rules_for("ko")
    assert "아삼" in candidate_stems("아삼주", rules)
    assert "아삼" in candidate_stems("아삼주의", rules)
    assert "페제" not in candidate_stems("페제시키안", rules)


@pytest.mark.parametrize(("word", "stem"), [("핑둥현", "핑둥"), ("구마모토현의", "구마모토"),
                                           ("유안타증권의", "유안타"), ("하나은행", "하나")])
def test_korean_counties_and_kinds_of_firm_are_compound_heads(word: str, stem: str) -> None:
    assert stem in candidate_stems(word, rules_for("ko"))


def test_a_korean_county_written_solid_is_the_place() -> None:
    source = doc("en", ["Farmers in Pingtung County fear the drought."])
    target = doc("ko", ["핑둥현 농민들은 가뭄을 우려한다."])
    result = check_translation(source, target, one_to_one(1), find_entities(source))
    assert not of(result.findings, "names.missing")


def test_a_dropped_generic_head_word_is_the_name_shortened() -> None:
    source = doc("de", ["Sein Name ist mit dem Cerro Fitz Roy und dem Makalu verknüpft.",
                        "Der Cerro Fitz Roy ist steil."])
    target = doc("fr", ["Son nom est lié au Fitz Roy et au Makalu.", "Le Fitz Roy est raide."])
    result = check_translation(source, target, one_to_one(2), find_entities(source))
    assert not [f for f in of(result.findings, "names.missing") if f.entity == "cerro"]


BUTANTAN = ["The vaccine was developed by the Butantan institute.",
            "Butantan will produce a million doses."]


@pytest.mark.parametrize("ru,flagged", [
    # Greek and Japanese transliterate it: Latin script in Russian is a name left as is.
    (["Вакцина разработана институтом Butantan.", "Butantan произведёт миллион доз."], True),
    (["Вакцина разработана институтом Бутантан.", "Бутантан произведёт миллион доз."], False),
])
def test_latin_script_is_judged_against_the_other_translations(ru: list[str],
                                                               flagged: bool) -> None:
    source = doc("en", BUTANTAN)
    translations = {
        "ru": (doc("ru", ru), one_to_one(2)),
        "el": (doc("el", ["Το εμβόλιο αναπτύχθηκε από το ινστιτούτο Μπουταντάν.",
                          "Το Μπουταντάν θα παράγει ένα εκατομμύριο δόσεις."]), one_to_one(2)),
        "ja": (doc("ja", ["ワクチンはブタンタン研究所が開発した。",
                          "ブタンタンは100万回分を製造する。"]), one_to_one(2)),
    }
    results = check_translations(source, translations, find_entities(source))
    script = of(results["ru"].findings, "names.script")
    assert bool(script) is flagged
    assert not of(results["el"].findings, "names.script")


def test_shifted_window_needs_renderings_for_every_mention() -> None:
    # Two mentions in the window, one rendering: one of them was dropped.
    source = doc("en", ["The team was led by Hartog.", "Hartog was injured."])
    target = doc("fr", ["L'équipe était dirigée par Hartog.", "Il fut blessé."])
    result = check_translation(source, target, alignment(((0,), (0,)), ((1,), (1,))),
                               find_entities(source))
    assert [f.source_ids for f in of(result.findings, "names.missing")] == [(1,)]
