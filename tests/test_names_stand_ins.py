"""A city replaced by another city of CLDR in Han script (mtcheck.names.stand_ins)."""

from __future__ import annotations

import pytest

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, find_entities
from mtcheck.names.stand_ins import cities_in_place
from mtcheck.types import Finding, Severity

NO_NER = NamesConfig(use_ner=False)
SOURCE = ["Jahongir Abdullaev, an agronomist near Kokand, said drip lines raised yields.",
          "Most growers still flood their fields."]


def missing(zh: list[str], source: list[str] = SOURCE) -> list[Finding]:
    src = segmented("en", source, "en.txt")
    target = segmented("zh", zh, "zh.txt")
    result = check_translation(src, target, one_to_one(len(zh)),
                               find_entities(src, None, NO_NER), config=NO_NER)
    return [f for f in result.findings if f.check == "names.missing"]


def test_another_city_by_its_cldr_name_in_the_citys_place_replaced_it() -> None:
    found = missing(["撒马尔罕附近的农艺师贾洪吉尔·阿卜杜拉耶夫说，滴灌提高了产量。",
                     "大多数农场仍然漫灌。"])
    assert [(f.entity, f.source_ids, f.severity.value) for f in found] == [
        ("kokand", (0,), "warning")]
    assert found[0].message.endswith("replaced by 撒马尔罕")


@pytest.mark.parametrize("zh", [
    # The city written in a form the stage cannot read: nothing is said.
    "浩罕附近的农艺师贾洪吉尔·阿卜杜拉耶夫说，滴灌提高了产量。",
    # A country, not a city, beside the unread city: context the translator added.
    "乌兹别克斯坦浩罕附近的农艺师贾洪吉尔·阿卜杜拉耶夫说，滴灌提高了产量。",
])
def test_no_other_city_where_the_city_should_be_is_no_replacement(zh: str) -> None:
    assert missing([zh, "大多数农场仍然漫灌。"]) == []


def test_a_city_the_source_names_in_the_pair_or_beside_it_is_no_stand_in() -> None:
    source = ["Jahongir Abdullaev, an agronomist near Kokand, said drip lines raised yields.",
              "He sells to buyers in Samarkand."]
    # The translation moved Samarkand into the first sentence, where Kokand is dropped:
    # the neighbouring source sentence names it, so it stands in for nothing.
    zh = ["农艺师贾洪吉尔·阿卜杜拉耶夫说，滴灌提高了撒马尔罕的产量。", "他向买家出售。"]
    assert [f for f in missing(zh, source) if "replaced by" in f.message] == []


def test_a_pair_already_reported_missing_is_left_alone() -> None:
    src = segmented("en", SOURCE, "en.txt")
    entities = find_entities(src, None, NO_NER)
    target = segmented("zh", ["撒马尔罕附近的农艺师说产量提高了。", "大多数农场仍然漫灌。"])
    already = Finding("names.missing", Severity.ERROR, "Kokand is not in the translation",
                      source_ids=(0,), target_ids=(0,), entity="kokand")
    assert cities_in_place(src, target, one_to_one(2), entities, [], [already]) == []
    assert len(cities_in_place(src, target, one_to_one(2), entities, [], [])) == 1


def test_translations_in_other_scripts_are_not_searched_by_this_rule() -> None:
    # In Latin script the matcher reads names; the stage's other rules judge them there.
    src = segmented("en", SOURCE, "en.txt")
    result = check_translation(
        src, segmented("fr", ["Près de Samarcande, l'agronome a dit que les rendements ont "
                              "augmenté.", "La plupart des fermes inondent encore."]),
        one_to_one(2), find_entities(src, None, NO_NER), config=NO_NER)
    assert not any(f.message.endswith("replaced by 撒马尔罕") for f in result.findings)


def test_the_citys_own_cldr_name_is_no_stand_in() -> None:
    # CLDR names the time zone (达喀尔, zone Africa/Dakar), geonames the source's city:
    # one place, which the matcher may not read but which replaced nothing.
    source = ["The fishermen met in Dakar on Monday to protest.", "They want fewer trawlers."]
    assert missing(["渔民周一在达喀尔集会抗议。", "他们希望减少拖网渔船。"], source) == []
