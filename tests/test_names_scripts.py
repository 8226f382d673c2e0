"""Names across scripts and source languages: transliteration keys (Latin hard c, kanji read
in Chinese, Korean liquids, names written as one word), places of several countries (CLDR
regions), Latin script kept as house style, derived words and names translated by meaning
(mtcheck.names.matching, consistency, inventory, agreement)."""

from __future__ import annotations

import pytest

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, check_translations, find_entities, places
from mtcheck.names.agreement import kept_by_most
from mtcheck.names.evidence import Evidence, ner_available
from mtcheck.names.inflection import rules_for
from mtcheck.names.inventory import entity_evidence
from mtcheck.names.matching import entity_forms, match_score, name_key
from mtcheck.romanize import romanize
from mtcheck.types import Entity, Finding, NameRendering, SegmentedDocument

NO_NER = NamesConfig(use_ner=False)


def document(sentences: list[str], lang: str) -> SegmentedDocument:
    return segmented(lang, sentences, f"{lang}.txt")


def entity(*forms: str) -> Entity:
    return Entity(id="e", canonical=forms[0], source_forms=forms, source_ids=(0,))


def score(word: str, lang: str, *forms: str) -> float:
    entry = entity_forms([entity(*forms)], lang)[0]
    return match_score(word, lang, entry, rules_for(lang))[0]


def names_findings(findings: tuple[Finding, ...]) -> list[tuple[str, str | None]]:
    return [(f.check, f.entity) for f in findings if f.check.startswith("names.")]


# ----------------------------------------------------------------------------- keys
@pytest.mark.parametrize(("name", "rendering", "lang"), [
    ("Codelco", "コデルコ", "ja"),         # a Latin c before a, o, u is a k
    ("Licancabur", "リカンカブール", "ja"),
    ("Ticona", "Тикона", "ru"),
    ("Francesca", "Франческа", "ru"),      # ce is still soft, ca hard
])
def test_latin_hard_c_is_a_k(name: str, rendering: str, lang: str) -> None:
    assert score(rendering, lang, name) >= NamesConfig().match_threshold


def test_kanji_are_read_in_chinese_for_a_chinese_name() -> None:
    # Japanese writes Chinese companies and people in kanji with their Chinese reading.
    assert score("贛鋒", "ja", "Ganfeng") == 100.0


@pytest.mark.parametrize(("name", "rendering", "lang"), [
    ("Yen Vien", "옌비엔", "ko"),
    ("Le Hoang Phuc", "레호앙푹", "ko"),   # 레 "re" for Le, 푹 "pug" for Phuc
    ("Yen Vien", "Йенвьен", "ru"),
    ("Lach Huyen", "Лачхуен", "ru"),
])
def test_a_multi_word_name_written_as_one_word(name: str, rendering: str, lang: str) -> None:
    assert score(rendering, lang, name) >= NamesConfig().match_threshold


def test_a_one_word_name_must_hold_the_key_word() -> None:
    # Tanjung Perak is another port than Tanjung Priok: the shared first word is not enough.
    assert score("탄중페락", "ko", "Tanjung Priok") < NamesConfig().match_threshold
    assert score("탄중프리오크", "ko", "Tanjung Priok") == 100.0


def test_korean_liquid_folds_only_where_hangul_writes_it_otherwise() -> None:
    # 벨라완 "belrawan" = Belawan; 빨리 ("quickly") does not come closer to Bagheri.
    assert name_key(romanize("벨라완", "ko"), "ko") == name_key("belawan", "ko", latin=True)
    assert score("빨리", "ko", "Bagheri") < NamesConfig().match_threshold


def test_korean_port_is_a_compound_head() -> None:
    assert score("벨라완항으로", "ko", "Belawan") == 100.0


def test_turkish_soft_g_may_be_silent() -> None:
    assert score("ドウシュ", "ja", "Doğuş") >= NamesConfig().short_match_threshold


def test_a_word_closer_to_another_word_of_a_name_is_not_its_rendering() -> None:
    source = document(["Director Bambang Sutrisno Wibowo spoke about the port of Belawan.",
                       "Wibowo said Belawan would grow."], "en")
    target = document(["Ο διευθυντής Μπαμπάνγκ Σουτρίσνο Ουιμπόβο μίλησε για το λιμάνι Μπελαουάν.",
                       "Ο Ουιμπόβο είπε ότι το Μπελαουάν θα μεγαλώσει."], "el")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    assert not [f for f in result.findings if f.check == "names.inconsistent"]


def test_a_han_character_alone_is_no_name() -> None:
    # 山 reads "san" in Japanese: the San of "San Pedro" is not there by it.
    assert score("山", "ja", "San") == 100.0  # it sounds alike ...
    source = document(["The San mine lies in the mountains.", "San employs 200 people."], "en")
    target = document(["サン鉱山は山にある。", "サンは200人を雇用している。"], "ja")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    assert all(r.surface != "山" for r in result.renderings)  # ... but is no rendering


# ----------------------------------------------------------------------------- places
def test_continents_are_places_from_cldr() -> None:
    assert places.is_territory(places.lookup("Europe", "en"))
    assert not places.lookup("World", "en") or not places.is_territory(places.lookup("World", "en"))


@pytest.mark.parametrize(("lang", "sentence"), [
    ("ko", "이 항로는 유럽으로 가는 비용을 줄인다."),
    ("de", "Die Route senkt die Kosten nach Europa."),
    ("ru", "Маршрут снизит стоимость доставки в Европу."),
])
def test_a_continent_in_its_standard_form_is_present(lang: str, sentence: str) -> None:
    source = document(["The route cuts the cost of shipping to Europe."], "en")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, document([sentence], lang), one_to_one(1), entities,
                               config=NO_NER)
    assert names_findings(result.findings) == []


# ----------------------------------------------------------------------------- Latin kept
def rendering(entity_id: str, surface: str) -> NameRendering:
    return NameRendering(entity_id, 0, 0, len(surface), surface, surface)


def test_kept_by_most_translations_into_other_scripts() -> None:
    ru = [rendering("gemadept", "Gemadept")]
    el = [rendering("gemadept", "Gemadept")]
    ko = [rendering("gemadept", "제마뎁트")]
    assert kept_by_most([ru, el, ko], lambda s: s.isascii(), 2) == {"gemadept"}
    # Two of four is no majority (a slip repeated, not a house style).
    ja = [rendering("gemadept", "ゲマデプト")]
    assert kept_by_most([ru, el, ko, ja], lambda s: s.isascii(), 2) == frozenset()


@pytest.mark.skipif(not ner_available("en"), reason="needs the optional recogniser")
def test_a_name_inside_a_whole_brand_kept_in_latin_is_no_script_finding() -> None:
    source = document(["The Doğuş Group, an Istanbul-based conglomerate, paid 240 million lira.",
                       "Doğuş has sponsored the dig since 2019."], "en")
    target = document(["Стамбульский конгломерат Doğuş Group выделил 240 млн лир.",
                       "Догуш спонсирует раскопки с 2019 года."], "ru")
    entities = find_entities(source)
    result = check_translation(source, target, one_to_one(2), entities)
    assert [f for f in result.findings if f.check == "names.script"] == []


def test_a_place_inside_a_company_name_copied_whole_is_no_script_finding() -> None:
    # Without the recogniser: the three capitalised words copied from the source are the
    # company kept as written; the place alone in Latin script is still reported.
    source = document(["Taiwan Semiconductor Manufacturing Co. will build the plant.",
                       "Taiwan hopes to keep its lead.", "Taiwan exports chips."], "en")
    target = document(["Η Taiwan Semiconductor Manufacturing Co. θα χτίσει το εργοστάσιο.",
                       "Η Ταϊβάν ελπίζει να διατηρήσει το προβάδισμα.",
                       "Η Taiwan εξάγει τσιπ."], "el")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(3), entities, config=NO_NER)
    script = [f for f in result.findings if f.check == "names.script"]
    assert [(f.entity, f.target_ids) for f in script] == [("taiwan", (2,))]


def test_a_firm_of_three_capitalised_words_copied_whole_is_no_script_finding() -> None:
    source = document(["Otieno works for Aviation Africa Insights in Nairobi.",
                       "Aviation Africa Insights expects more flights."], "en")
    target = document(["Отиено работает в Aviation Africa Insights в Найроби.",
                       "Aviation Africa Insights ожидает больше рейсов."], "ru")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    assert [f for f in result.findings if f.check == "names.script"] == []


def test_a_two_word_full_name_copied_is_still_left_in_latin_script() -> None:
    source = document(["Mayor Kari Bjørnstad opened the tunnel.", "Bjørnstad thanked the crews."],
                      "en")
    target = document(["Ο δήμαρχος Kari Bjørnstad εγκαινίασε τη σήραγγα.",
                       "Ο Μπγιέρνσταντ ευχαρίστησε τα συνεργεία."], "el")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    assert [f.target_ids for f in result.findings if f.check == "names.script"] == [(0,)]


# ----------------------------------------------------------------------------- sources
def test_a_capital_inside_a_spanish_sentence_is_evidence() -> None:
    source = document(["La ministra Brandstätter visitó la planta el martes.",
                       "Según Brandstätter, el proyecto es viable."], "es")
    entities = find_entities(source, None, NO_NER)
    evidence = entity_evidence(source, entities, NO_NER)
    by_name = {e.canonical: evidence[e.id] for e in entities}
    assert by_name["Brandstätter"] == Evidence.CAPITALISED


def test_spanish_names_keep_their_common_words() -> None:
    source = document(["Las comunidades de San Pedro de Atacama presentaron la demanda."], "es")
    names = [e.canonical for e in find_entities(source, None, NO_NER)]
    assert "San Pedro" in names and "San" not in names


def test_a_source_demonym_is_present_with_its_place() -> None:
    source = document(["El Consejo de Pueblos Atacameños agrupa comunidades de San Pedro de Atacama.",
                       "Atacama es el desierto más seco."], "es")
    target = document(["Le Conseil des peuples atacameños regroupe des communautés de San Pedro "
                       "de Atacama.", "L'Atacama est le désert le plus sec."], "fr")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    assert [f for f in result.findings if f.check == "names.missing"] == []


def test_a_derived_word_is_no_second_spelling() -> None:
    source = document(["Atacama communities filed the claim.", "The Atacameño council met.",
                       "Atacama is dry."], "en")
    target = document(["Les communautés d'Atacama ont porté plainte.",
                       "Le conseil Atacameño s'est réuni.", "L'Atacama est sec."], "fr")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(3), entities, config=NO_NER)
    assert [f for f in result.findings if f.check == "names.inconsistent"] == []


def test_a_name_no_other_script_renders_is_translated_by_meaning_there() -> None:
    source = document(["The finds will travel to the Neues Museum in Berlin."], "en")
    targets = {
        "de": ["Die Funde werden im Neues Museum in Berlin gezeigt."],
        "fr": ["Les objets iront au Neues Museum de Berlin."],
        "ru": ["Находки отправятся в Новый музей в Берлине."],
        "ja": ["出土品はベルリンの新博物館に貸し出される。"],
    }
    entities = find_entities(source, None, NO_NER)
    results = check_translations(
        source, {lang: (document(t, lang), one_to_one(1)) for lang, t in targets.items()},
        entities, config=NO_NER)
    assert [(lang, f.entity) for lang, r in results.items() for f in r.findings
            if f.check == "names.missing"] == []


def _kept(target: str, name: str, phrase: str, *, person: bool = True,
          beside_native: bool = False) -> bool:
    from mtcheck.names.consistency import _in_kept_phrase

    doc = document([target], "zh")
    start = target.index(name)
    rendering = NameRendering(entity="e", sentence_id=0, start=start, end=start + len(name),
                              surface=name, base=name)
    return _in_kept_phrase(rendering, entity(name), doc, frozenset({phrase.casefold()}),
                           frozenset({phrase.casefold()}), 3, "en", person=person,
                           beside_native=beside_native)


@pytest.mark.parametrize(("target", "name", "phrase"), [
    # Given names, a lower-case particle and the surname: a full name the recogniser read
    # as an organisation, still a person left in Latin script.
    ("水务局局长José Luis del Carpio Ticona说，工程将耗资1200万索尔。", "Ticona",
     "José Luis del Carpio Ticona"),
    # A hyphenated given name is no common word, however frequent its parts.
    ("部长Jean-Pierre Gagnon表示，项目需要审查。", "Gagnon", "Jean-Pierre Gagnon"),
])
def test_a_persons_full_name_read_as_an_organisation_is_no_kept_phrase(
        target: str, name: str, phrase: str) -> None:
    assert not _kept(target, name, phrase)


def test_a_firm_named_after_a_person_stays_a_kept_phrase() -> None:
    # A common word in the run makes it a firm's name (Hadid Group), kept as written.
    assert _kept("该项目由Hadid Group设计。", "Hadid", "Hadid Group")
    assert _kept("该项目由International Group Hadid设计。", "Hadid", "International Group Hadid")
    # The same run read as a person's full name is kept when the sentence also writes the
    # name in its own script: the run is another name that holds it (a company, a mine).
    assert _kept("博尔德奥尤陶勒盖与Erdenes Oyu Tolgoi合作。", "Tolgoi", "Erdenes Oyu Tolgoi",
                 beside_native=True)
    assert not _kept("博尔德与Erdenes Oyu Tolgoi合作。", "Tolgoi", "Erdenes Oyu Tolgoi")
