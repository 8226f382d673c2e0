"""The one name left over in an aligned pair (mtcheck.names.residual)."""

from __future__ import annotations

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, find_entities
from mtcheck.names.residual import (
    leftover_words,
    residual_rendering,
    sounds_at_all,
    starts_with_name,
)
from mtcheck.types import Entity

NO_NER = NamesConfig(use_ner=False)
RARE = NamesConfig().rare_zipf


def entity(name: str) -> Entity:
    return Entity(id=name.lower(), canonical=name, source_forms=(name,), source_ids=(0,))


def test_leftover_words_by_script() -> None:
    ja = segmented("ja", ["台風は東サマール州ギワンの町付近に上陸した。"], "ja.txt")
    assert leftover_words(ja, [0], {}, RARE) == ["サマール", "ギワン"]
    # A word a rendering covers is no leftover.
    assert leftover_words(ja, [0], {0: [(4, 8)]}, RARE) == ["ギワン"]
    ru = segmented("ru", ["Тайфун обрушился на город Гиуан утром."], "ru.txt")
    assert leftover_words(ru, [0], {}, RARE) == ["Гиуан"]  # not the sentence's first word
    # Chinese: a quoted run of transliteration characters only.
    zh = segmented("zh", ["台风“达利赛”于周二在东萨马省登陆。"], "zh.txt")
    assert leftover_words(zh, [0], {}, RARE) == ["达利赛"]
    # Translations in Latin script have no transliterations to leave over.
    assert leftover_words(segmented("de", ["Der Taifun traf Guiuan."], "de.txt"), [0], {},
                          RARE) == []


def test_a_leftover_must_sound_at_all_like_the_name() -> None:
    assert sounds_at_all("タルノ", entity("Tarnovica"), "ja")
    # A name replaced by another real name stays reported (Göbekli Tepe -> Karahan Tepe).
    assert not sounds_at_all("カラハン", entity("Göbekli"), "ja")
    assert not sounds_at_all("Карахан", entity("Göbekli"), "ru")
    # ... also one that shares much of its sound but starts otherwise.
    assert not sounds_at_all("Катбалоган", entity("Borongan"), "ru")
    # A name written inside a longer word (Larsen & Toubro as one Hangul word).
    assert sounds_at_all("라르센앤드투브로", entity("Toubro"), "ko")


def test_only_a_single_leftover_is_the_rendering() -> None:
    one = segmented("ja", ["タルノの港は拡張される。"], "ja.txt")
    assert residual_rendering(entity("Tarnovica"), one, [0], {}, RARE) == "タルノ"
    two = segmented("ja", ["タルノとマルメの港は拡張される。"], "ja.txt")
    assert residual_rendering(entity("Tarnovica"), two, [0], {}, RARE) is None


def test_among_several_leftovers_the_one_that_starts_with_the_name() -> None:
    # Korean writes the Tonle of "the Tonle Sap" together with the rest of the lake's name;
    # the other leftover (시오반, a given name the source did not mark) is no rival: only
    # one word starts with the name's whole sound.
    ko = segmented("ko", ["톤레사프 호수에 대해 시오반은 말했다."], "ko.txt")
    assert residual_rendering(entity("Tonle"), ko, [0], {}, RARE) == "톤레사프"
    ru = segmented("ru", ["Уровень Тонлесапа падает, сказала Шивон."], "ru.txt")
    assert residual_rendering(entity("Tonle"), ru, [0], {}, RARE) == "Тонлесапа"
    # Two words that both start so, or none, leave it undecided.
    none = segmented("ko", ["카라한 호수에 대해 시오반은 말했다."], "ko.txt")
    assert residual_rendering(entity("Tonle"), none, [0], {}, RARE) is None
    # A single leftover that sounds nothing like the name does not hide the word that
    # starts with it, however frequent wordfreq makes that word out of its pieces.
    joined = segmented("ko", ["캄퐁트라크 군에서는 주민들이 토지를 내놓아야 한다."], "ko.txt")
    kampong = Entity(id="kampong-trach", canonical="Kampong Trach",
                     source_forms=("Kampong Trach",), source_ids=(0,))
    assert residual_rendering(kampong, joined, [0], {}, RARE) == "캄퐁트라크"
    # A short name says too little at the start of a longer word.
    assert not starts_with_name("켑스타운", entity("Kep"), "ko")
    assert starts_with_name("톤레사프", entity("Tonle"), "ko")
    assert not starts_with_name("톤레", entity("Tonle"), "ko")  # not longer: a plain match


SOURCE = ["Port officials in Tarnovica expect more traffic.",
          "The port handles most of the country's containers."]


def missing(target: list[str]) -> list[str | None]:
    source = segmented("en", SOURCE, "en.txt")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, segmented("ja", target, "ja.txt"), one_to_one(2),
                               entities, config=NO_NER)
    return [f.entity for f in result.findings if f.check == "names.missing"]


def test_the_one_leftover_renders_the_one_unmatched_name() -> None:
    # タルノ, a shortened local form, is too far from Tarnovica for the matcher and for
    # another transliteration (four letters shorter), but it is the only name-like word
    # where the only unmatched name should be (mentioned once: nothing to learn from).
    assert missing(["タルノの港湾当局は交通量の増加を見込む。",
                    "この港は国内のコンテナの大半を扱う。"]) == []


def test_a_replacing_name_is_still_reported_missing() -> None:
    assert missing(["マルメの港湾当局は交通量の増加を見込む。",
                    "この港は国内のコンテナの大半を扱う。"]) == ["tarnovica"]
