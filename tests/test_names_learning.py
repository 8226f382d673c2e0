"""Learning renderings from co-occurrence over aligned pairs (mtcheck.names.learning).

The name is a made-up country (Ruritania): data (CLDR) knows how every language writes a
real one, so learning is what finds a rendering the matcher and the data cannot.
"""

from __future__ import annotations

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, find_entities
from mtcheck.types import SegmentedDocument

SOURCE = [
    "Talks on the plan",
    "Shoigu said that Ruritania supports the plan.",
    "The officials of Ruritania welcomed the talks.",
    "Ruritania will send a delegation next week.",
    "The delegation from Ruritania arrived on time.",
]
FI = [
    "Neuvottelut suunnitelmasta",
    "Shoigu sanoi, että Venäjä tukee suunnitelmaa.",
    "Venäjällä virkamiehet pitivät neuvotteluista.",
    "Venäjä lähettää valtuuskunnan ensi viikolla.",
    "Valtuuskunta saapui ajallaan.",  # Ruritania dropped
]
ZH = [
    "关于计划的会谈",
    "绍伊古表示，俄罗斯支持该计划。",
    "俄罗斯官员对会谈表示欢迎。",
    "俄罗斯下周将派出代表团。",
    "代表团准时抵达。",  # Ruritania dropped
]
HAMAS_SOURCE = [
    "The talks ended.",
    "Officials said Hamas leader Haniyeh was killed.",
    "Officials condemned the killing of Hamas leader Haniyeh.",
]
HAMAS_ZH = [
    "会谈结束。",
    "官员称哈马斯领导人遇害。",  # Haniyeh dropped
    "官员谴责了对哈马斯领导人哈尼亚的杀害。",
]


def document(sentences: list[str], lang: str) -> SegmentedDocument:
    return segmented(lang, sentences, f"{lang}.txt", title=True)


def run(source_sentences: list[str], target_sentences: list[str], lang: str,
        config: NamesConfig | None = None):  # type: ignore[no-untyped-def]
    source = document(source_sentences, "en")
    target = document(target_sentences, lang)
    entities = find_entities(source)
    return check_translation(source, target, one_to_one(len(source_sentences)), entities,
                             config=config)


def missing(result) -> list[tuple[str, tuple[int, ...]]]:  # type: ignore[no-untyped-def]
    return [(f.entity, f.target_ids) for f in result.findings if f.check == "names.missing"]


def test_finnish_exonym_is_learned_and_its_absence_reported() -> None:
    result = run(SOURCE, FI, "fi")
    assert missing(result) == [("ruritania", (4,))]
    learned = [r for r in result.renderings if r.entity == "ruritania"]
    assert {r.surface for r in learned} == {"Venäjä", "Venäjällä"}
    assert {r.base for r in learned} == {"Venäjä"}
    assert not [f for f in result.findings if f.check == "names.inconsistent"]


def test_chinese_exonym_is_learned_as_a_substring() -> None:
    result = run(SOURCE, ZH, "zh")
    assert missing(result) == [("ruritania", (4,))]
    assert {(r.sentence_id, r.surface) for r in result.renderings if r.entity == "ruritania"} == {
        (1, "俄罗斯"), (2, "俄罗斯"), (3, "俄罗斯")}


def test_chinese_initial_abbreviation_counts_as_the_name() -> None:
    result = run(SOURCE, [*ZH[:4], "俄方代表团准时抵达。"], "zh")
    assert missing(result) == []
    assert [(r.sentence_id, r.surface, r.base) for r in result.renderings
            if r.entity == "ruritania" and r.sentence_id == 4] == [(4, "俄", "俄罗斯")]


def test_a_name_that_sounds_close_is_learned_from_one_pair() -> None:
    # 哈尼亚 ("hania") is too far from Haniyeh for the matcher, but it sounds like the name
    # and occurs only where the source mentions it; 领导人 ("leader") co-occurs as well.
    result = run(HAMAS_SOURCE, HAMAS_ZH, "zh")
    assert missing(result) == [("haniyeh", (1,))]
    assert [r.surface for r in result.renderings if r.entity == "haniyeh"] == ["哈尼亚"]


def test_without_learning_an_unmatched_exonym_is_not_reported() -> None:
    result = run(SOURCE, FI, "fi", NamesConfig(learn_renderings=False))
    assert missing(result) == []
    assert not [r for r in result.renderings if r.entity == "ruritania"]


def test_equally_associated_words_teach_nothing() -> None:
    # Venäjä and Moskova occur in the same three pairs: co-occurrence cannot choose.
    source = ["Talks on the plan", "Ruritania supports the plan.",
              "The officials said Ruritania agreed.", "The plan suits Ruritania."]
    target = ["Neuvottelut suunnitelmasta", "Venäjä ja Moskova tukevat suunnitelmaa.",
              "Virkamiehet sanoivat, että Venäjä ja Moskova suostuivat.",
              "Suunnitelma sopii Venäjälle ja Moskovalle."]
    result = run(source, target, "fi")
    assert not [r for r in result.renderings if r.entity == "ruritania"]
    assert missing(result) == []


def test_learned_renderings_present_everywhere_make_no_findings() -> None:
    result = run(SOURCE, [*FI[:4], "Venäjän valtuuskunta saapui ajallaan."], "fi")
    assert not [f for f in result.findings if f.entity == "ruritania"]
    assert {r.sentence_id for r in result.renderings if r.entity == "ruritania"} == {1, 2, 3, 4}


def test_learning_is_deterministic() -> None:
    assert run(SOURCE, ZH, "zh") == run(SOURCE, ZH, "zh")
