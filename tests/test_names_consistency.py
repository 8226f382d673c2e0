"""Name findings (mtcheck.names.consistency): names written as compounds, peoples' names
in the source's plural, and renderings of another form of the source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, check_translations, find_entities
from mtcheck.names.consistency import _compound_part, _people_plural, _revowelled_onset
from mtcheck.names.evidence import ner_available
from mtcheck.names.inflection import rules_for
from mtcheck.names.inventory import Mention
from mtcheck.types import Entity, Finding, SegmentedDocument

NO_NER = NamesConfig(use_ner=False)


def document(sentences: list[str], lang: str) -> SegmentedDocument:
    return segmented(lang, sentences, f"{lang}.txt")


def names(findings: tuple[Finding, ...], check: str) -> list[str | None]:
    return [f.entity for f in findings if f.check == check]


def test_a_name_is_the_head_or_tail_of_a_compound() -> None:
    assert _compound_part("Ostjava", ["Java"])
    assert _compound_part("Javakaffee", ["Java"])
    assert not _compound_part("Javas", ["Java"])  # an ending, not a second word
    assert not _compound_part("Emsland", ["Ems"])  # too short to tell


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöü", min_size=3, max_size=8),
       st.sampled_from(["Java", "Bali", "Sumatra", "Québec"]))
def test_any_word_joined_to_a_name_holds_it(word: str, name: str) -> None:
    assert _compound_part(word.capitalize() + name.lower(), [name])
    assert _compound_part(name + word, [name])


def test_compounding_languages_are_flagged_in_data() -> None:
    assert rules_for("de").joins_compounds and rules_for("nl").joins_compounds
    assert not rules_for("en").joins_compounds and not rules_for("fr").joins_compounds


SOURCE_JAVA = document(["The volcano in East Java erupted on Saturday.",
                        "Rescuers searched three villages.",
                        "The governor of Java visited the camps."], "en")
JAVA = [Entity("java", "Java", ("Java",), (0, 2))]


def german(first: str) -> SegmentedDocument:
    return document([first, "Retter durchsuchten drei Dörfer.",
                     "Der Gouverneur von Java besuchte die Lager."], "de")


def test_a_name_written_in_a_german_compound_is_not_missing() -> None:
    de = german("Der Vulkan in Ostjava ist am Samstag ausgebrochen.")
    result = check_translations(SOURCE_JAVA, {"de": (de, one_to_one(3))}, JAVA)
    assert names(result["de"].findings, "names.missing") == []
    # Gone from the sentence, it is missing all the same.
    de_dropped = german("Der Vulkan im Osten ist am Samstag ausgebrochen.")
    result = check_translations(SOURCE_JAVA, {"de": (de_dropped, one_to_one(3))}, JAVA)
    assert names(result["de"].findings, "names.missing") == ["java"]


def mention(text: str) -> Mention:
    return Mention("innu", 0, 0, len(text), text)


def test_a_peoples_name_in_the_sources_plural_is_its_stem_in_lower_case() -> None:
    french = rules_for("fr")
    assert _people_plural([mention("Innus")], ["los", "innu"], french, "es", 3.0)
    assert _people_plural([mention("Innus")], ["инну"], french, "ru", 3.0)
    assert not _people_plural([mention("Innus")], ["los", "cree"], french, "es", 3.0)
    # No plural ending in the source's data (English writes "the Innu"): no such reading.
    assert not _people_plural([mention("Innus")], ["innu"], rules_for("en"), "es", 3.0)


def test_a_peoples_name_left_invariable_is_not_missing() -> None:
    source = document(["Le projet inquiète les Innus de la côte.",
                       "Les Innus demandent une étude."], "fr")
    entities = [Entity("innus", "Innus", ("Innus",), (0, 1))]
    es = document(["El proyecto inquieta a los innu de la costa.",
                   "Los innu piden un estudio."], "es")
    result = check_translations(source, {"es": (es, one_to_one(2))}, entities, config=NO_NER)
    assert names(result["es"].findings, "names.missing") == []


def test_a_rendering_under_another_form_of_the_source_is_no_second_spelling() -> None:
    # Two villages the inventory reads as spellings of one name: each sentence's
    # rendering belongs to the form its own source sentence writes.
    source = document(["Rescuers searched the village of Sumberwuluh.",
                       "Families moved to a new settlement at Sumbermujur."], "en")
    entities = [Entity("sumberwuluh", "Sumberwuluh", ("Sumberwuluh", "Sumbermujur"), (0, 1))]
    ja = document(["救助隊はスンブルウルー村を捜索した。",
                   "家族はスンブルムジュルの新しい集落に移った。"], "ja")
    result = check_translations(source, {"ja": (ja, one_to_one(2))}, entities, config=NO_NER)
    assert names(result["ja"].findings, "names.inconsistent") == []


@pytest.mark.skipif(not ner_available("en"), reason="the optional ner extra is not installed")
def test_a_lower_case_adjective_that_sounds_just_like_the_name_shows_it() -> None:
    # "Ceylon tea" is цейлонский чай: the adjective's stem is the name as Russian writes it
    # (Цейлон), which no place data gives; a sentence without it lacks the name.
    config = NamesConfig()
    source = segmented("en", ["The island of Ceylon was ruled from London.",
                              "Ceylon was renamed in 1972.",
                              "Traders buy 40 percent of Ceylon tea exports."])
    entities = find_entities(source, None, config)

    def missing(last: str) -> list[str]:
        target = segmented("ru", ["Островом Цейлон управляли из Лондона.",
                                  "Цейлон переименовали в 1972 году.", last])
        result = check_translation(source, target, one_to_one(3), entities, config=config)
        return [f.message for f in result.findings if f.check == "names.missing"]

    assert not missing("Торговцы покупают 40% экспорта цейлонского чая.")
    assert missing("Торговцы покупают 40% экспорта чая.")


def test_a_latin_spelling_glossed_in_brackets_is_not_left_in_latin_script() -> None:
    # 하이드롬(Hydrom): the translator transliterates the firm and gives its own spelling in
    # brackets; the same Latin spelling standing alone is a name left in Latin script.
    source = document(["Oman plans a port", "The state firm Hydrom awarded eight blocks.",
                       "Hydrom will auction two more blocks in March."], "en")
    entities = find_entities(source, None, NO_NER)
    glossed = document(["오만, 항만 계획", "국영기업 하이드롬(Hydrom)은 광구 8곳을 배정했다.",
                        "하이드롬은 3월에 광구 2곳을 추가로 경매에 부친다."], "ko")
    result = check_translation(source, glossed, one_to_one(3), entities, config=NO_NER)
    assert not names(result.findings, "names.script")
    for bracket in ("（Hydrom）", "( Hydrom )"):
        wide = document(["오만, 항만 계획", f"국영기업 하이드롬{bracket}은 광구 8곳을 배정했다.",
                         "하이드롬은 3월에 광구 2곳을 추가로 경매에 부친다."], "ko")
        result = check_translation(source, wide, one_to_one(3), entities, config=NO_NER)
        assert not names(result.findings, "names.script")
    kept = document(["오만, 항만 계획", "국영기업 Hydrom은 광구 8곳을 배정했다.",
                     "하이드롬은 3월에 광구 2곳을 추가로 경매에 부친다."], "ko")
    result = check_translation(source, kept, one_to_one(3), entities, config=NO_NER)
    assert names(result.findings, "names.script") == ["hydrom"]


def test_a_demonym_may_be_the_start_of_its_place() -> None:
    from mtcheck.names.consistency import _derived_name
    uzbek = Entity("uzbek", "Uzbek", ("Uzbek",), (1,))
    uzbekistan = Entity("uzbekistan", "Uzbekistan", ("Uzbekistan",), (0,))
    assert _derived_name(uzbek, uzbekistan, other_is_place=True)
    # Between names the data know as no place, a shared start says nothing.
    assert not _derived_name(uzbek, uzbekistan)
    santos = Entity("santos", "Santos", ("Santos",), (0,))
    assert not _derived_name(santos, Entity("sr", "Santosreyes", ("Santosreyes",), (1,)))


SOURCE_KAZAKH = document(["Cotton farms in Kazakhstan grew again this year.",
                          "A buyer in Stockholm said it was testing Kazakh yarn."], "en")
KAZAKH = [Entity("kazakhstan", "Kazakhstan", ("Kazakhstan",), (0,)),
          Entity("kazakh", "Kazakh", ("Kazakh",), (1,))]


def test_a_demonym_written_as_its_places_adjective_is_not_missing() -> None:
    de = document(["Die Baumwollfarmen in Kasachstan wuchsen dieses Jahr wieder.",
                   "Ein Einkäufer in Stockholm sagte, man teste kasachisches Garn."], "de")
    result = check_translations(SOURCE_KAZAKH, {"de": (de, one_to_one(2))}, KAZAKH)
    assert "kazakh" not in names(result["de"].findings, "names.missing")
    dropped = document(["Die Baumwollfarmen in Kasachstan wuchsen dieses Jahr wieder.",
                        "Ein Einkäufer in Stockholm sagte, man teste neues Garn."], "de")
    result = check_translations(SOURCE_KAZAKH, {"de": (dropped, one_to_one(2))}, KAZAKH)
    assert "kazakh" in names(result["de"].findings, "names.missing")


def _korean_findings(source: list[str], target: list[str]) -> list[str | None]:
    src = document(source, "en")
    result = check_translation(src, document(target, "ko"), one_to_one(len(source)),
                               find_entities(src))
    return names(result.findings, "names.inconsistent")


def test_a_word_beyond_the_mentions_of_a_pair_that_sounds_less_like_the_name_is_another() -> None:
    # Korean writes the "Scottish" of the source as 스코틀랜드 (Scotland), which sounds
    # nearly like 셰틀랜드 (Shetland) of the same sentence; the source names Shetland once.
    assert _korean_findings(
        ["Wind farm plans", "The Scottish government licensed similar projects off Aberdeen "
         "and Shetland last year."],
        ["풍력단지 계획",
         "스코틀랜드 정부는 지난해 애버딘과 셰틀랜드 앞바다의 비슷한 사업을 허가했다."]) == []


def test_two_spellings_for_two_mentions_in_one_pair_are_still_two_spellings() -> None:
    assert _korean_findings(
        ["Wind farm plans", "Shetland will vote; the Shetland council backs it and Aberdeen "
         "does too."],
        ["풍력단지 계획", "셰틀랜드는 투표한다. 셰틀란드 의회와 애버딘도 지지한다."]) == ["shetland"]


def test_a_name_transliterated_with_another_opening_vowel_is_a_second_spelling() -> None:
    # Obeidat / Ubeidat: one name, two transliterations; the onset rule (a word that starts
    # otherwise is another word) spares a change of the opening vowel alone.
    source = document(["Talal Obeidat runs the utility.", "Prices rose.",
                       "Obeidat said the plant would open in May."], "en")
    target = document(["Коммунальной компанией руководит Талал Обейдат.", "Цены выросли.",
                       "Убейдат сказал, что станция откроется в мае."], "ru")
    entities = [Entity("obeidat", "Obeidat", ("Obeidat",), (0, 2))]
    result = check_translation(source, target, one_to_one(3), entities, config=NO_NER)
    assert names(result.findings, "names.inconsistent") == ["obeidat"]


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("obeidat", "ubeidat", True), ("osman", "usman", True),
    ("obeidat", "obaidat", False),   # inside the word: not this rule's
    ("sever", "ecever", False),      # more than the vowel differs
    ("ira", "ura", False),           # too short to tell
])
def test_only_the_opening_vowel_may_differ(first: str, second: str, expected: bool) -> None:
    assert _revowelled_onset(first, second) is expected
