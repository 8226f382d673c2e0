"""Transliterations into other scripts recognised by general sound rules
(mtcheck.names.matching: sound_readings, name_key, the vowel-tolerant score, Han
transliteration characters; mtcheck.names.learning for Chinese units)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, find_entities
from mtcheck.names.inflection import candidate_stems, rules_for
from mtcheck.names.matching import (
    _coarse,
    _same_consonants,
    entity_forms,
    match_score,
    name_key,
    non_rhotic,
    sound_readings,
    target_words,
)
from mtcheck.romanize import romanize
from mtcheck.types import Entity

NO_NER = NamesConfig(use_ner=False)
THRESHOLD = NamesConfig().match_threshold
SHORT = NamesConfig().short_match_threshold


def entity(*forms: str) -> Entity:
    return Entity(id="e", canonical=forms[0], source_forms=forms, source_ids=(0,))


def score(word: str, lang: str, name: str, source_lang: str = "") -> float:
    forms = entity_forms([entity(name)], lang, source_lang=source_lang)[0]
    return match_score(word, lang, forms, rules_for(lang))[0]


# ------------------------------------------------------------------ readings of spellings
@pytest.mark.parametrize(("name", "reading"), [
    ("Guiuan", "giwan"),        # Spanish gu before i is g; u between vowels is w
    ("Renault", "reno"),        # French final -ault is o
    ("Dubois", "dubwa"),        # French final -ois is wa
    ("Gotion", "goshon"),       # English -tion
    ("Axiom", "aksiom"),        # x is ks
    ("Haiyan", "haiyen"),       # pinyin yan sounds "yen"
    ("Harju", "haryu"),         # Estonian and Finnish j after r is y (Харью, ハリュ)
    ("Chhim", "chim"),          # Khmer and Indic chh is the aspirated ch
])
def test_a_name_is_read_by_general_rules(name: str, reading: str) -> None:
    assert sound_readings(name) == (reading,)


def test_a_name_spelt_as_it_sounds_has_no_second_reading() -> None:
    assert sound_readings("Manila") == ()


def test_an_r_after_a_vowel_is_read_both_ways() -> None:
    # Kana and Hangul write the English r after a vowel as a long vowel (カーター), the
    # r of other languages as a syllable (マルティネス): both stay keys there.
    assert non_rhotic("Carter") == "cate"
    assert non_rhotic("World") == "wold"
    assert non_rhotic("Harju") == ""          # before a j (a glide) the r is sounded
    assert non_rhotic("Manila") == ""
    assert score("マルティネス", "ja", "Martinez") >= THRESHOLD
    # Cyrillic writes the r letter for letter: no such key there.
    unsounded = name_key(romanize("cate", "en"), "ru", latin=True)
    assert unsounded not in entity_forms([entity("Carter")], "ru")[0].keys
    assert name_key(romanize("cate", "en"), "ja", latin=True) in entity_forms(
        [entity("Carter")], "ja")[0].keys


@pytest.mark.parametrize(("name", "reading"), [
    ("Diageo", "diajeo"),       # English soft g before e, i, y: a reading beside the spelling
    ("Nigel", "nijel"),
])
def test_a_soft_g_is_read_as_j_too(name: str, reading: str) -> None:
    assert sound_readings(name) == (reading,)


# ------------------------------------------------------------------ renderings recognised
@pytest.mark.parametrize(("name", "rendering", "lang", "source_lang"), [
    ("Guiuan", "ギワン", "ja", "en"),
    ("Haiyan", "ハイエン", "ja", "en"),
    ("Swatch", "スウォッチ", "ja", "de"),           # ウォ is wo; the final i of ッチ is added
    ("Khural", "フレル", "ja", "en"),              # フ is the hu of a foreign name
    ("Favre-Dubois", "ファーブル＝デュボワ", "ja", "de"),  # ファ is fa, デュ dyu
    ("Renault", "르노", "ko", "en"),
    ("Axiom", "액시엄", "ko", "en"),               # ㅐ is the English a
    ("Racha", "라차에서", "ko", "en"),             # ㅊ is ch
    ("Kep", "켑에", "ko", "en"),                   # coda ㅂ is p; a one-syllable stem
    ("Cai Mep", "까이멥", "ko", "en"),             # coda ㅂ is p
    ("Abdul", "압둘", "ko", "en"),                 # ... and b
    ("World", "ワールド", "ja", "en"),             # the r after a vowel is the long vowel
    ("Welzow", "ヴェルツォー", "ja", "de"),        # ツォ is tso; German -ow, silent w
    ("Welzow-Süd", "ヴェルツォー", "ja", "de"),    # Süd translated: 南
    ("Mozart", "モーツァルト", "ja", "en"),        # ツァ is tsa
    ("Carter", "カーター", "ja", "en"),
    ("Carter", "카터", "ko", "en"),
    ("Tanbreez", "탄브리즈", "ko", "en"),          # 브 before the added ㅡ starts a syllable
    ("Tonle Sap", "톤레사프", "ko", "en"),         # ㄹ after n is the name's l
    ("Chhim", "침", "ko", "en"),                   # chh is the aspirated ch
    ("Jura", "Юре", "ru", "de"),                   # German j is y; Russian locative -е
    ("Tsiklauri", "齐克劳里", "zh", "en"),          # pinyin q is ch; Chinese l for r
    ("Diageo", "ディアジオ", "ja", "en"),            # English soft g
])
def test_a_transliteration_is_recognised(name: str, rendering: str, lang: str,
                                         source_lang: str) -> None:
    # Keys under six letters must match as well as short_match_threshold says.
    needed = SHORT if len(name) < 6 else THRESHOLD
    assert score(rendering, lang, name, source_lang) >= needed


@pytest.mark.parametrize(("name", "word", "lang"), [
    ("Jura", "ユーロ", "ja"),         # euro: one consonant in common says too little
    ("Shanghai", "이상을", "ko"),     # "more than": vowels elsewhere
    ("Soviet", "Σάββατο", "el"),     # Greek writes vowels letter for letter
    ("Bengal", "비행을", "ko"),       # "flight"
    ("Phong", "비용의", "ko"),        # "cost": an initial ㅂ is no p of the name
])
def test_an_ordinary_word_that_shares_consonants_is_no_rendering(name: str, word: str,
                                                                 lang: str) -> None:
    assert score(word, lang, name, "de" if name == "Jura" else "en") < SHORT


def test_one_hangul_syllable_is_never_a_multi_word_name() -> None:
    # 배 "boat" (배에 "on the boat") sounds just like the Ba of Cat Ba, but Hangul writes
    # each word of a name with a syllable at least (깟바).
    source = segmented("en", ["Fishermen in Cat Ba said prices fell.",
                              "Ships from Kep sail at dawn."], "en.txt")
    target = segmented("ko", ["깟바의 어민들은 가격이 내렸다고 말했다.",
                              "배에 탄 선원들은 새벽에 켑에서 출항한다."], "ko.txt")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    found = {(r.entity, r.sentence_id, r.base) for r in result.renderings}
    assert ("cat-ba", 1, "배") not in found
    assert ("kep", 1, "켑") in found  # a one-word name it sounds just like


def test_the_korean_letter_count_of_a_syllable() -> None:
    # A particle after a one-syllable name leaves the name as its stem (켑에 -> 켑); the
    # stem of a longer word keeps its letters too.
    rules = rules_for("ko")
    assert "켑" in candidate_stems("켑에", rules)
    assert "캄보디아" in candidate_stems("캄보디아에서", rules)


def test_vowels_count_half_only_with_the_same_consonants_in_the_same_places() -> None:
    assert _same_consonants("svas", "svos")
    assert not _same_consonants("isang", "sangai")   # a vowel before the first consonant
    assert not _same_consonants("iuro", "iura")      # one consonant only


@given(st.text(alphabet="bdfgklmnprstvz", min_size=3, max_size=6),
       st.lists(st.sampled_from("aeiou"), min_size=6, max_size=6),
       st.lists(st.sampled_from("aeiou"), min_size=6, max_size=6))
@settings(max_examples=200, deadline=None)
def test_revowelling_keeps_the_consonant_skeleton(consonants: str, first: list[str],
                                                  second: list[str]) -> None:
    # A name and any re-vowelled transliteration of it (one vowel after each consonant)
    # share their skeleton, whatever the vowels.
    one = "".join(c + v for c, v in zip(consonants, first, strict=False))
    other = "".join(c + v for c, v in zip(consonants, second, strict=False))
    assert _coarse(one) == _coarse(other)
    assert _same_consonants(one, other)


@pytest.mark.parametrize(("latin", "kana"), [
    ("Swatch", "スウォッチ"), ("Khural", "フレル"), ("Gotland", "ゴットランド"),
])
def test_kana_keys_equal_in_skeleton(latin: str, kana: str) -> None:
    # The consonants of a name and of its katakana rendering are the same, in order.
    source = name_key(romanize(latin, "en"), "ja", latin=True)
    target = name_key(romanize(kana.replace("ウォ", "ヲ"), "ja"), "ja")
    assert _coarse(source).replace("a", "") == _coarse(target).replace("a", "")


# ------------------------------------------------------------------ double hyphens in kana
def test_a_katakana_double_name_is_matched_whole() -> None:
    source = segmented("en", ["Prices rise, according to Allmen-Gerber.",
                              "Orders will fall, said Allmen-Gerber."], "en.txt")
    target = segmented("ja", ["アルメン＝ゲルバー氏によると、価格が上がる。",
                              "アルメン＝ゲルバー氏は受注減を見込む。"], "ja.txt")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    assert {r.surface for r in result.renderings if r.entity == "allmen-gerber"} == {
        "アルメン＝ゲルバー"}
    assert not [f for f in result.findings if f.check == "names.missing"]


def test_the_middle_dot_stands_for_the_hyphen_of_a_hyphenated_place() -> None:
    # Japanese writes the hyphen of Ida-Viru with the middle dot that otherwise parts a
    # given name from a surname: イダ・ヴィル県 is the county, not two unknown words.
    source = segmented("en", ["About 3,400 people work in Ida-Viru County, officials said.",
                              "Ida-Viru County voted on Sunday."], "en.txt")
    target = segmented("ja", ["イダ・ヴィル県では約3400人が働いていると当局者は述べた。",
                              "イダ・ヴィル県では日曜日に投票が行われた。"], "ja.txt")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    assert {r.surface for r in result.renderings if r.entity == "ida-viru"} == {"イダ・ヴィル"}
    assert not [f for f in result.findings if f.check == "names.missing"]


def test_the_middle_dot_joins_nothing_for_a_name_written_without_hyphen() -> None:
    # A given name and a surname stay two words: the surname alone renders Veskimägi.
    source = segmented("en", ["Andrus Veskimägi runs the plant.",
                              "Veskimägi hopes to hire 1,000 workers."], "en.txt")
    target = segmented("ja", ["アンドルス・ベスキメギ氏が工場を運営している。",
                              "ベスキメギ氏は1000人の採用を目指している。"], "ja.txt")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    assert {r.surface for r in result.renderings if r.entity == "veskimagi"} == {"ベスキメギ"}


def test_the_double_hyphen_does_not_join_words_of_other_scripts() -> None:
    sentence = segmented("ja", ["価格＝上昇"], "ja.txt").sentences[0]
    assert [w.text for w in target_words(sentence, "ja")] == ["価格", "上昇"]


def test_an_apostrophe_after_hangul_closes_a_quotation_and_keeps_its_word() -> None:
    # '에멘탈'이라는 ("called 'Emmental'"): the name is one word, its particle another; an
    # apostrophe inside a Latin word still joins it (O'Neill).
    sentence = segmented("ko", ["'에멘탈'이라는 치즈와 O'Neill의 공장"], "ko.txt").sentences[0]
    assert [w.text for w in target_words(sentence, "ko")] == [
        "에멘탈", "이라는", "치즈와", "O'Neill", "의", "공장"]


# ------------------------------------------------------------------ Han characters
def test_a_chinese_word_of_other_characters_is_no_rendering_by_sound() -> None:
    # 海岸 "coast" reads hai an like Haiyan; 岸 is no transliteration character.
    assert score("海岸", "zh", "Haiyan") == 100.0  # it sounds alike ...
    source = segmented("en", ["Typhoon Haiyan hit the coast.", "Haiyan killed 6,300."],
                       "en.txt")
    target = segmented("zh", ["台风“海燕”袭击了海岸。", "“海燕”造成6300人死亡。"], "zh.txt")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    assert all(r.surface != "海岸" for r in result.renderings)  # ... but is no rendering
    assert not [f for f in result.findings if f.check == "names.inconsistent"]


def test_a_frequent_japanese_kanji_word_is_no_rendering_by_sound() -> None:
    source = segmented("en", ["Typhoon Haiyan hit the coast.", "Haiyan killed 6,300."],
                       "en.txt")
    target = segmented("ja", ["台風ハイエンが海岸を襲った。", "ハイエンで6300人が死亡した。"],
                       "ja.txt")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    assert {r.surface for r in result.renderings if r.entity == "haiyan"} == {"ハイエン"}
    assert not [f for f in result.findings if f.check.startswith("names.")]


def test_transliteration_characters_come_from_the_language_data() -> None:
    chars = rules_for("zh").transliteration_characters
    assert {"吉", "万", "特", "朗", "普"} <= chars
    assert not {"岸", "元", "的"} & chars
    assert rules_for("ja").transliteration_characters == frozenset()


def test_a_baltic_double_name_in_katakana_is_found_by_its_sound() -> None:
    # レーネ・ハリュ writes Lääne-Harju as it sounds (j = y); read by its spelling alone the
    # name is too far from it.
    assert score("レーネ・ハリュ", "ja", "Lääne-Harju") >= THRESHOLD


def test_cyrillic_writes_a_latin_c_before_e_as_ts() -> None:
    # Ceylon = Цейлон, Celje = Целе: the c is read as written there, not as English s.
    assert score("Цейлон", "ru", "Ceylon") >= THRESHOLD
    assert score("Целе", "ru", "Celje") >= SHORT
    # Latin-script translations read it as before.
    assert name_key(romanize("Ceylon", "en"), "de", latin=True).startswith("s")


def test_a_space_stands_for_the_hyphen_of_a_hyphenated_place() -> None:
    # French writes Addis-Abeba, English Addis Ababa: the two words are the place, and a
    # second spelling of them (Addis Abeba) is one.
    source = segmented("fr", ["Le nouvel aéroport d'Addis-Abeba ouvrira en 2029.",
                              "Le trafic d'Addis-Abeba a doublé.",
                              "Addis-Abeba attend des millions de passagers."], "fr.txt")
    target = segmented("en", ["The new Addis Ababa airport will open in 2029.",
                              "Traffic at Addis Ababa has doubled.",
                              "Addis Abeba expects millions of passengers."], "en.txt")
    entities = [Entity("addis-abeba", "Addis-Abeba", ("Addis-Abeba",), (0, 1, 2))]
    result = check_translation(source, target, one_to_one(3), entities, config=NO_NER)
    assert {r.surface for r in result.renderings if r.entity == "addis-abeba"} == {
        "Addis Ababa", "Addis Abeba"}
    assert [f.entity for f in result.findings if f.check == "names.inconsistent"] == [
        "addis-abeba"]


def test_a_space_joins_nothing_for_a_name_written_without_hyphen() -> None:
    # Two capitalised words beside a name without hyphen are not read as one word.
    source = segmented("en", ["Veskimägi met Tallinn officials.", "Veskimägi left."], "en.txt")
    target = segmented("de", ["Veskimägi traf Tallinn Beamte.", "Veskimägi ging."], "de.txt")
    entities = [Entity("veskimagi", "Veskimägi", ("Veskimägi",), (0, 1))]
    result = check_translation(source, target, one_to_one(2), entities, config=NO_NER)
    assert {r.surface for r in result.renderings} == {"Veskimägi"}
