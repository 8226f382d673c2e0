"""Common words of the source transliterated by a translation (mtcheck.names.loanwords):
no spelling of a name they sound like."""

from __future__ import annotations

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, find_entities
from mtcheck.names.loanwords import source_word_renderings
from mtcheck.types import NameRendering

NO_NER = NamesConfig(use_ner=False)

SOURCE = ["Nigeria's film studios are busy.",
          "The state waived charges worth 1.3 billion naira.",
          "The naira has lost 70 percent of its value, which makes shooting in Nigeria cheap."]
KOREAN = ["나이지리아의 영화 스튜디오들은 바쁘다.",
          "주 정부는 13억 나이라 상당의 부담금을 면제했다.",
          "나이라화는 가치의 70%를 잃어 나이지리아 촬영이 저렴해졌다."]


def test_a_currency_transliterated_is_no_second_spelling_of_the_country() -> None:
    # 나이라 (naira) sounds like 나이지리아 once romanised; the source sentence says naira.
    source, target = segmented("en", SOURCE), segmented("ko", KOREAN)
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(3), entities, config=NO_NER)
    assert {r.base for r in result.renderings if r.entity == "nigeria"} == {"나이지리아"}
    assert not [f for f in result.findings if f.check == "names.inconsistent"]


def test_the_rendering_is_dropped_only_where_the_source_has_the_word() -> None:
    source, target = segmented("en", SOURCE), segmented("ko", KOREAN)
    rendering = NameRendering("nigeria", 1, KOREAN[1].index("나이라"),
                              KOREAN[1].index("나이라") + 3, "나이라", "나이라")
    keys = {"nigeria": ("nigeria", "nairia")}
    forms = {"nigeria": ("Nigeria",)}
    assert source_word_renderings(source, target, one_to_one(3), [rendering], keys, forms) == {
        (1, rendering.start)}
    # The same word aligned to a sentence without "naira" stays the name's.
    elsewhere = segmented("en", [SOURCE[0], "The state waived charges.", SOURCE[2]])
    assert not source_word_renderings(elsewhere, target, one_to_one(3), [rendering], keys, forms)


def test_a_word_made_from_the_name_is_no_other_word() -> None:
    # The adjective "kirghiz" of Kirghizstan starts like it: キルギス there is the name.
    source = segmented("fr", ["Le Parlement kirghiz a voté.", "Le Kirghizstan emprunte."])
    target = segmented("ja", ["キルギス議会が採決した。", "キルギスが借り入れる。"])
    rendering = NameRendering("kirghizstan", 0, 0, 4, "キルギス", "キルギス")
    assert not source_word_renderings(source, target, one_to_one(2), [rendering],
                                      {"kirghizstan": ("kirgisutan",)},
                                      {"kirghizstan": ("Kirghizstan",)})


def test_a_name_that_sounds_more_like_itself_is_kept() -> None:
    # Goldman beside the word "gold": ゴールドマン sounds like the name more than the word.
    source = segmented("en", ["Shares rose, and Goldman sold its gold reserves."])
    target = segmented("ja", ["株価が上がり、ゴールドマンはゴールド準備を売却した。"])
    start = target.sentences[0].text.index("ゴールドマン")
    rendering = NameRendering("goldman", 0, start, start + 6, "ゴールドマン", "ゴールドマン")
    assert not source_word_renderings(source, target, one_to_one(1), [rendering],
                                      {"goldman": ("gordman",)}, {"goldman": ("Goldman",)})
