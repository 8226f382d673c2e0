"""Names a translation may keep in Latin script (mtcheck.names.brands), and the
transliteration keys that find Korean, Japanese and Russian renderings of firms and Polish
places (mtcheck.names.matching)."""

from __future__ import annotations

import pytest

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translations, find_entities
from mtcheck.names.brands import CASED_SCRIPTS, kept_as_brands, personal_names
from mtcheck.names.evidence import ner_available
from mtcheck.names.inflection import candidate_stems, rules_for
from mtcheck.names.inventory import find_mentions, lexicon
from mtcheck.names.matching import entity_forms, find_renderings, match_score, polish_readings
from mtcheck.types import Entity, SegmentedDocument

NO_NER = NamesConfig(use_ner=False)
SURNAME_ZIPF = NamesConfig().surname_zipf


def document(sentences: list[str], lang: str) -> SegmentedDocument:
    return segmented(lang, sentences, f"{lang}.txt")


def entity(*forms: str) -> Entity:
    return Entity(id="e", canonical=forms[0], source_forms=forms, source_ids=(0,))


def shaped(sentence: str, *names: str) -> set[str]:
    """The names among ``names`` that ``sentence`` writes with a person's shape."""
    source = document([sentence], "en")
    entities = [Entity(n, n, (n,), (0,)) for n in names]
    mentions = ((m.entity, m.sentence_id, m.start, m.end) for m in find_mentions(source, entities))
    return set(personal_names(source, mentions, SURNAME_ZIPF, lexicon().particles,
                              lexicon().titles))


# ----------------------------------------------------------------------------- shape
@pytest.mark.parametrize(("sentence", "name"), [
    ("Rahel Tesfaye, an ecologist, counted the rhinos.", "Tesfaye"),
    ("The prime minister Maarten de Vries visited Dhaka.", "Vries"),   # a particle inside
    ("Officials said Huang Wen-chieh would attend.", "Wen-chieh"),
    ("He condemned the killing of Hamas leader Haniyeh.", "Haniyeh"),  # after a title
    ("At the invitation of Ahmadian, Secretary of the council, they came.", "Ahmadian"),
])
def test_a_person_has_the_shape_of_a_full_name_or_a_title(sentence: str, name: str) -> None:
    assert shaped(sentence, name) == {name}


@pytest.mark.parametrize(("sentence", "name"), [
    ("Sony and Denso hold stakes in the venture.", "Denso"),      # "and" is no particle
    ("Bosch, Infineon and NXP hold the rest.", "Infineon"),
    ("Kosmos Energy drills off the coast.", "Kosmos"),            # a common last word
    ("A report by Greenpeace Africa found the same.", "Greenpeace"),
    ("The design is by Zaha Hadid Architects of London.", "Zaha"),
])
def test_a_firm_has_not_the_shape_of_a_person(sentence: str, name: str) -> None:
    assert shaped(sentence, name) == set()


# ----------------------------------------------------------------------------- who may keep
def test_only_cased_non_latin_scripts_keep_brands() -> None:
    entities = [entity("Bosch")]
    assert kept_as_brands(entities, "Cyrl", [], ()) == {"e"}
    assert kept_as_brands(entities, "Grek", [("Hang", {"e"})], ()) == {"e"}  # Korean: no say
    assert kept_as_brands(entities, "Jpan", [], ()) == frozenset()
    assert kept_as_brands(entities, "Latn", [], ()) == frozenset()
    assert {"Cyrl", "Grek"} <= CASED_SCRIPTS


def test_a_cased_peer_that_transliterates_or_an_exemption_keeps_the_finding() -> None:
    entities = [entity("Butantan")]
    assert kept_as_brands(entities, "Cyrl", [("Grek", {"e"})], ()) == frozenset()
    assert kept_as_brands(entities, "Cyrl", [], {"e"}) == frozenset()


def _script_findings(results: dict, lang: str) -> list[str | None]:
    return [f.entity for f in results[lang].findings if f.check == "names.script"]


def test_firm_kept_in_latin_by_russian_and_greek_but_not_a_person() -> None:
    source = document(["Off the coast of Senegal, Kosmos Energy drills for gas.",
                       "Rahel Tesfaye, who leads the union, opposed the drilling."], "en")
    ru = document(["У побережья Сенегала Kosmos Energy ведёт бурение на газ.",
                   "Rahel Tesfaye, возглавляющая союз, выступила против бурения."], "ru")
    el = document(["Στα ανοιχτά της Σενεγάλης η Kosmos Energy κάνει γεωτρήσεις για αέριο.",
                   "Η Ραχέλ Τεσφάγιε, επικεφαλής της ένωσης, αντιτάχθηκε στις γεωτρήσεις."],
                  "el")
    entities = find_entities(source, None, NO_NER)
    results = check_translations(source, {"ru": (ru, one_to_one(2)), "el": (el, one_to_one(2))},
                                 entities, config=NO_NER)
    tesfaye = next(e.id for e in entities if "Tesfaye" in e.source_forms[0])
    assert _script_findings(results, "ru") == [tesfaye]
    assert _script_findings(results, "el") == []


# ----------------------------------------------------------------------------- keys
def score(word: str, lang: str, *forms: str) -> float:
    entry = entity_forms([entity(*forms)], lang)[0]
    return match_score(word, lang, entry, rules_for(lang))[0]


def test_korean_shwi_is_a_foreign_sh() -> None:
    assert score("보쉬", "ko", "Bosch") >= NamesConfig().short_match_threshold


def test_korean_airline_written_solid_is_a_compound() -> None:
    assert "힌두스탄" in candidate_stems("힌두스탄항공", rules_for("ko"))
    assert score("힌두스탄항공", "ko", "Hindustan") == 100.0


@pytest.mark.parametrize(("rendering", "lang"), [("バラヌフ", "ja"), ("Баранув", "ru")])
def test_a_polish_name_is_read_with_polish_letters(rendering: str, lang: str) -> None:
    assert score(rendering, lang, "Baranów") == 100.0


def test_only_polish_names_get_polish_readings() -> None:
    assert polish_readings("Baranów") == ("baranuf", "baranuv")
    assert polish_readings("Córdoba") == ()  # ó alone is Spanish too
    assert "vuch" in polish_readings("Łódź") or "luch" in polish_readings("Łódź")


@pytest.mark.parametrize(("sentence", "name", "places"), [
    ("Samuel Wekesa, de l'office à Nairobi de Norfund, a parlé.", "Norfund", {"Nairobi"}),
    ("L'entreprise SunPesa a levé 120 millions de dollars.", "SunPesa", set()),
])
def test_a_place_or_an_elided_article_makes_no_person(sentence: str, name: str,
                                                       places: set[str]) -> None:
    source = document([sentence], "fr")
    entities = [Entity(name, name, (name,), (0,))]
    mentions = ((m.entity, m.sentence_id, m.start, m.end) for m in find_mentions(source, entities))
    assert personal_names(source, mentions, SURNAME_ZIPF, lexicon().particles,
                          places=places) == frozenset()


@pytest.mark.parametrize(("sentence", "lang", "surface"), [
    ("Министр Элизабет Хайнцль-Мозер приехала в Инсбрук.", "ru", "Хайнцль-Мозер"),
    # German capitalises the noun "Intelligence": alone it would match only exactly.
    ("Die Analystin bei Sea-Intelligence sagte das.", "de", "Sea-Intelligence"),
])
def test_a_double_name_joined_by_a_hyphen_is_matched_whole(sentence: str, lang: str,
                                                            surface: str) -> None:
    target = document([sentence], lang)
    forms = entity_forms([entity(surface if lang == "de" else "Hainzl-Moser")], lang)
    found = find_renderings(target.sentences, lang, forms, NamesConfig())
    assert [r.surface for r in found] == [surface]


@pytest.mark.parametrize(("name", "rendering", "lang"), [
    ("Emirates", "エミレーツ", "ja"),
    ("Apple", "애플", "ko"),
])
def test_an_english_silent_e_is_not_sounded_in_kana_or_hangul(name: str, rendering: str,
                                                               lang: str) -> None:
    assert score(rendering, lang, name) >= NamesConfig().match_threshold
    # Cyrillic and Greek transliterate the spelling: no key without the e there.
    assert len(entity_forms([entity(name)], "ru")[0].keys) == 1


def test_a_word_common_in_a_translation_language_is_no_surname() -> None:
    # "Bahn" is rare in French and English, common in German.
    source = document(["Le réseau de Deutsche Bahn est saturé."], "fr")
    entities = [Entity("Bahn", "Bahn", ("Bahn",), (0,))]

    def people(languages: tuple[str, ...]) -> frozenset[str]:
        mentions = ((m.entity, m.sentence_id, m.start, m.end)
                    for m in find_mentions(source, entities))
        return personal_names(source, mentions, SURNAME_ZIPF, languages=languages)

    assert people(()) == {"Bahn"}
    assert people(("de",)) == frozenset()


def test_an_acronym_kept_in_latin_script_is_no_finding() -> None:
    source = document(["The PiS government and Rahel Tesfaye disagreed."], "en")
    target = document(["PiS政権とRahel Tesfayeは対立した。"], "ja")
    entities = find_entities(source, None, NO_NER)
    results = check_translations(source, {"ja": (target, one_to_one(1))}, entities,
                                 config=NO_NER)
    script = [f.message for f in results["ja"].findings if f.check == "names.script"]
    assert len(script) == 1 and "Tesfaye" in script[0]


def _latin_script_findings(source: SegmentedDocument,
                           targets: dict[str, SegmentedDocument]) -> dict[str, list[str]]:
    results = check_translations(
        source, {lang: (t, one_to_one(len(t.sentences))) for lang, t in targets.items()},
        find_entities(source))
    return {lang: [f.message.split(" is left")[0] for f in r.findings
                   if f.check == "names.script"] for lang, r in results.items()}


_TURBINES = segmented("en", ["Turbine orders",
                             "Turbines are expected to come from Siemens Gamesa in Cuxhaven, "
                             "Germany.",
                             "Colm de Barra said the order was late."])


def _turbines(greek_person: str, russian_person: str) -> dict[str, SegmentedDocument]:
    return {
        "el": segmented("el", ["Παραγγελίες ανεμογεννητριών",
                               "Οι ανεμογεννήτριες αναμένεται να προέλθουν από τη Siemens Gamesa "
                               "στο Κουξχάφεν της Γερμανίας.",
                               f"Ο {greek_person} είπε ότι η παραγγελία καθυστέρησε."]),
        "ru": segmented("ru", ["Заказы турбин",
                               "Турбины, как ожидается, поставит Siemens Gamesa из Куксхафена "
                               "(Германия).",
                               f"{russian_person} сказал, что заказ запаздывает."]),
        "ko": segmented("ko", ["터빈 주문", "터빈은 독일 쿡스하펜의 지멘스가메사에서 공급될 예정이다.",
                               "콜름 드바라는 주문이 늦었다고 말했다."]),
    }


@pytest.mark.skipif(not ner_available("en"), reason="the optional ner extra is not installed")
def test_a_firm_shaped_like_a_full_name_kept_by_every_cased_script_is_a_firm() -> None:
    # "Siemens Gamesa" has a person's shape (a rare last word); the recogniser calls it an
    # organisation, and both the Greek and the Russian translation keep it as written.
    found = _latin_script_findings(_TURBINES, _turbines("Κολμ ντε Μπάρα", "Колм де Барра"))
    assert found == {"el": [], "ru": [], "ko": []}


@pytest.mark.skipif(not ner_available("en"), reason="the optional ner extra is not installed")
def test_a_person_kept_in_latin_script_by_every_cased_script_is_still_reported() -> None:
    found = _latin_script_findings(_TURBINES, _turbines("Colm de Barra", "Colm de Barra"))
    assert found == {"el": ["Colm de Barra"], "ru": ["Colm de Barra"], "ko": []}
