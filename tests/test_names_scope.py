"""Where a translation's spellings of a name are compared (mtcheck.names.scope), and the
variant and missing-name cases around it: several source names for one entity, words
outside the sentences that mention a name, the words beside a rendering, katakana
length marks, re-vowelled exonyms, adjectives and Japanese words without spaces."""

from __future__ import annotations

import pytest

from builders import alignment, one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, check_translations, find_entities
from mtcheck.names.evidence import ner_available
from mtcheck.names.inflection import rules_for
from mtcheck.names.inventory import Mention
from mtcheck.names.matching import entity_forms, match_score, name_key
from mtcheck.names.scope import follows_source, mention_scopes, one_spelling, spellings
from mtcheck.romanize import romanize
from mtcheck.types import Entity, Finding, NameRendering, SegmentedDocument

NO_NER = NamesConfig(use_ner=False)


def document(sentences: list[str], lang: str) -> SegmentedDocument:
    return segmented(lang, sentences, f"{lang}.txt")


def findings(source: list[str], source_lang: str, target: list[str], lang: str,
             check: str) -> list[Finding]:
    src = document(source, source_lang)
    entities = find_entities(src, None, NO_NER)
    result = check_translation(src, document(target, lang), one_to_one(len(source)), entities,
                               config=NO_NER)
    return [f for f in result.findings if f.check == check]


# ----------------------------------------------------------------------------- spellings
@pytest.mark.parametrize(("first", "second", "lang", "same"), [
    ("Südostgrat", "Südostgrates", "de", True),   # inflected in the source language
    ("Sergei Shoigu", "Shoigu", "en", True),      # a full name and its surname
    ("Höhenzahl", "Höhenzahlen", "de", True),     # one form inside the other
    ("Telavi", "Teliani", "en", False),           # a town and a firm named after it
    ("Semipalatinsk", "Semey", "en", False),      # the old and the new name of a city
])
def test_one_spelling(first: str, second: str, lang: str, same: bool) -> None:
    assert one_spelling(first, second, lang) is same
    assert one_spelling(second, first, lang) is same


def test_spellings_map_each_form_to_the_first_of_its_spelling() -> None:
    assert spellings(("Semipalatinsk", "Semey", "Semipalatinsk's"), "en") == {
        "Semipalatinsk": "Semipalatinsk", "Semey": "Semey",
        "Semipalatinsk's": "Semipalatinsk"}


def test_scopes_follow_the_alignment() -> None:
    entity = Entity(id="city", canonical="Semipalatinsk",
                    source_forms=("Semipalatinsk", "Semey"), source_ids=(0, 2))
    mentions = [Mention("city", 0, 0, 13, "Semipalatinsk"), Mention("city", 2, 3, 8, "Semey")]
    # Source 0 is translated by targets 0 and 1, source 1 by nothing, source 2 by target 2.
    scopes = mention_scopes(alignment(((0,), (0, 1)), ((1,), ()), ((2,), (2,))), [entity],
                            mentions, "en")
    assert scopes == {"city": {0: frozenset({"Semipalatinsk"}),
                               1: frozenset({"Semipalatinsk"}), 2: frozenset({"Semey"})}}


def rendering(sentence_id: int, surface: str) -> NameRendering:
    return NameRendering("city", sentence_id, 0, len(surface), surface, surface)


def test_two_spellings_that_follow_two_source_names_follow_the_source() -> None:
    scope = {0: frozenset({"Semipalatinsk"}), 1: frozenset({"Semey"}),
             2: frozenset({"Semipalatinsk"})}
    label = {"Семипалатинск": "Семипалатинск", "Семей": "Семей", "Семипалатинськ": "Семипалатинськ"}
    ok = [rendering(0, "Семипалатинск"), rendering(1, "Семей"), rendering(2, "Семипалатинск")]
    assert follows_source(ok, label, scope, "ru")
    # A second spelling of one source name is the translation's own.
    wrong = [rendering(0, "Семипалатинск"), rendering(1, "Семей"),
             rendering(2, "Семипалатинськ")]
    assert not follows_source(wrong, label, scope, "ru")
    # With one source name, nothing follows the source.
    assert not follows_source(ok, label, {0: frozenset({"Semipalatinsk"}),
                                          1: frozenset({"Semipalatinsk"}),
                                          2: frozenset({"Semipalatinsk"})}, "ru")


def test_a_sentence_with_both_source_names_counts_each_rendering_for_the_closer() -> None:
    scope = {0: frozenset({"Semipalatinsk", "Semey"}), 1: frozenset({"Semey"})}
    label = {"Семипалатинск": "Семипалатинск", "Семей": "Семей"}
    both = [rendering(0, "Семей"), rendering(0, "Семипалатинск"), rendering(1, "Семей")]
    assert follows_source(both, label, scope, "ru")


# ----------------------------------------------------------------------------- variants
def test_a_town_and_a_firm_named_after_it_are_no_second_spelling() -> None:
    source = ["In Telavi, the main town of the region, she runs a winery.",
              "The bank lent money to Tbilvino and Teliani Valley for new cellars.",
              "Telavi has a market."]
    target = ["À Telavi, la principale ville de la région, elle dirige un domaine.",
              "La banque a prêté de l'argent à Tbilvino et Teliani Valley.",
              "Telavi a un marché."]
    assert findings(source, "en", target, "fr", "names.inconsistent") == []


def test_a_word_outside_the_sentences_that_mention_a_name_is_no_spelling_of_it() -> None:
    # 유로 "euro" sounds like 유럽 "Europe", but the source of its sentence names no Europe.
    source = ["The bank lent 22 million euros to the winery.",
              "She said Georgian wines sell too cheaply in Europe.",
              "A bottle sold for 9 euros earns less than 2 euros."]
    target = ["은행은 와이너리에 2200만 유로를 빌려줬다.",
              "그녀는 조지아 와인이 유럽에서 너무 싸게 팔린다고 말했다.",
              "9유로에 팔리는 병은 2유로도 벌지 못한다."]
    assert findings(source, "en", target, "ko", "names.inconsistent") == []


@pytest.mark.skipif(not ner_available("en"), reason="needs the recogniser of the ner extra")
def test_each_other_word_of_a_name_is_the_one_word_beside_it_that_sounds_most_like_it() -> None:
    # The recogniser makes Giorgi Lomtatidze a person, matched as such; 계곡의 "of the
    # valley", two words on, sounds somewhat like Giorgi too, but 기오르기 more.
    source = document(["Giorgi Lomtatidze, a climate researcher at Tbilisi State University, "
                       "warned that the Alazani valley had lost 12% of its rainfall."], "en")
    target = document(["트빌리시 국립대학교의 기후 연구원 기오르기 롬타티제는 알라자니 계곡의 "
                       "강수량이 12% 줄었다고 경고했다."], "ko")
    config = NamesConfig()
    entities = find_entities(source, None, config)
    result = check_translation(source, target, one_to_one(1), entities, config=config)
    assert any(r.surface == "롬타티제는" for r in result.renderings)
    assert [f for f in result.findings if f.check == "names.inconsistent"] == []


def test_a_katakana_long_vowel_makes_a_second_spelling() -> None:
    source = ["Energy minister Seitkali signed the agreement in Astana.",
              "Seitkali said the first unit would be connected in 2035."]
    target = ["エネルギー相のセイトカリ氏はアスタナで協定に署名した。",
              "セイトカリー氏によると、1号機は2035年に接続される。"]
    found = findings(source, "en", target, "ja", "names.inconsistent")
    assert [(f.entity, f.target_ids) for f in found] == [("seitkali", (1,))]


def test_a_hyphenated_name_that_differs_in_its_article_is_a_second_spelling() -> None:
    source = ["Minister El-Sayed opened the museum on Saturday.",
              "El-Sayed spoke to a delegation of ambassadors."]
    target = ["Le ministre El-Sayed a inauguré le musée samedi.",
              "Al-Sayed s'est adressé à une délégation d'ambassadeurs."]
    found = findings(source, "en", target, "fr", "names.inconsistent")
    assert [(f.entity, f.target_ids) for f in found] == [("el-sayed", (1,))]


# ----------------------------------------------------------------------------- missing
@pytest.mark.parametrize(("source", "target", "lang"), [
    # An exonym that keeps the name's consonants in order, re-vowelled.
    ("Some scholars want Nefertiti returned from Berlin.",
     "Einige Forscher fordern die Rückgabe der Nofretete aus Berlin.", "de"),
    # An adjective made from the name.
    ("The lake is fed by the Kapchagay reservoir.",
     "Озеро питает Капчагайское водохранилище.", "ru"),
    # A katakana name inside a Japanese run of words without spaces.
    ("The treasures of Tutankhamon remain the main attraction.",
     "最大の呼び物は引き続きツタンカーメンの副葬品だ。", "ja"),
])
def test_another_transliteration_or_an_adjective_shows_the_name(source: str, target: str,
                                                                  lang: str) -> None:
    assert findings([source], "en", [target], lang, "names.missing") == []


def test_a_replacement_that_sounds_otherwise_is_still_missing() -> None:
    source = ["The treasures of Tutankhamon remain the main attraction."]
    target = ["Главной достопримечательностью остаются сокровища Эхнатона."]
    found = findings(source, "en", target, "ru", "names.missing")
    assert [f.entity for f in found] == ["tutankhamon"]


def test_the_other_words_of_a_name_come_from_the_source_as_written() -> None:
    # The source's "Giovanna Della Rocca" is tracked as Rocca; its Della, written two ways
    # beside ロッカ, makes a second spelling all the same.
    source = ["La squadra era guidata da Giovanna Della Rocca, dell'Istituto di Roma.",
              "Della Rocca ha spiegato che il legno aveva perso resistenza."]
    target = ["チームはローマの研究所のジョバンナ・デッラ・ロッカ氏が率いた。",
              "デラ・ロッカ氏によると、木材は強度を失っていた。"]
    found = findings(source, "it", target, "ja", "names.inconsistent")
    assert [f.target_ids for f in found] == [(1,)]



def test_a_name_that_sounds_like_the_translations_own_spelling_is_a_second_spelling() -> None:
    # el-Sajed is not matched as a rendering, and the name looks missing from its sentence;
    # it sounds like the El-Sayed the translation writes elsewhere: a second spelling.
    source = ["Minister Sherif Abdel-Moneim El-Sayed opened the museum on Saturday.",
              "El-Sayed spoke to a delegation of ambassadors."]
    target = ["Minister Sherif Abdel-Moneim el-Sajed eröffnete am Samstag das Museum.",
              "El-Sayed sprach vor einer Delegation von Botschaftern."]
    found = findings(source, "en", target, "de", "names.inconsistent")
    assert [(f.entity, f.target_ids) for f in found] == [("el-sayed", (0,))]
    assert findings(source, "en", target, "de", "names.missing") == []


def test_a_hard_and_a_soft_ending_are_two_spellings() -> None:
    source = ["General manager Rodrigo Echeverría said the company would comply.",
              "Echeverría added that the consultation could last a year."]
    target = ["Генеральный директор Родриго Эчеверрия заявил, что компания подчинится.",
              "Эчеверриа добавил, что консультация может занять год."]
    found = findings(source, "en", target, "ru", "names.inconsistent")
    assert [f.target_ids for f in found] == [(1,)]


def test_a_name_of_a_german_text_matches_as_german_reads_it() -> None:
    # German z is ts: Хайнцль-Мозер renders Hainzl-Moser closely enough for a name with
    # weak evidence only when the name is read as German.
    entity = Entity(id="h", canonical="Hainzl-Moser", source_forms=("Hainzl-Moser",),
                    source_ids=(0,))
    rules = rules_for("ru")
    as_german = entity_forms([entity], "ru", source_lang="de")[0]
    as_english = entity_forms([entity], "ru")[0]
    assert match_score("Хайнцль-Мозер", "ru", as_german, rules)[0] >= NO_NER.weak_match_threshold
    assert match_score("Хайнцль-Мозер", "ru", as_english, rules)[0] < NO_NER.weak_match_threshold


@pytest.mark.parametrize(("word", "lang"), [("ツタンカーメン", "ja"), ("투탕카멘", "ko")])
def test_kana_and_hangul_write_kh_as_k(word: str, lang: str) -> None:
    entity = Entity(id="t", canonical="Tutankhamon", source_forms=("Tutankhamon",),
                    source_ids=(0,))
    forms = entity_forms([entity], lang)[0]
    assert match_score(word, lang, forms, rules_for(lang))[0] >= NO_NER.match_threshold


@pytest.mark.parametrize(("target", "missing"), [
    ("政府计划明年春天在广州和亚美尼亚首都开设格鲁吉亚葡萄酒馆。", ["yerevan"]),
    ("政府计划明年春天在广州和亚美尼亚首都埃里温开设格鲁吉亚葡萄酒馆。", []),
])
def test_a_city_dropped_from_a_chinese_translation_is_missing(target: str,
                                                              missing: list[str]) -> None:
    # CLDR writes the city 埃里温: how Chinese writes it is known, unlike a country, which
    # Chinese often shortens.
    source = ["The government plans to open Georgian wine houses next spring in Guangzhou and "
              "in the Armenian capital, Yerevan."]
    found = findings(source, "en", [target], "zh", "names.missing")
    assert [f.entity for f in found if f.entity == "yerevan"] == missing


@pytest.mark.skipif(not ner_available("en"), reason="needs the recogniser of the ner extra")
def test_a_persons_two_word_name_copied_whole_is_still_left_in_latin_script() -> None:
    # The recogniser calls "Nino Beridze-Kapanadze" an organisation; copied whole into the
    # Chinese text, it is still a person's name left in Latin script.
    source = document(["In Telavi, the main town of the Kakheti region, Nino Beridze-Kapanadze "
                       "runs a family winery that ferments its wine in qvevri.",
                       "Beridze-Kapanadze sells 40,000 bottles a year."], "en")
    target = document(["在卡赫季地区的主要城镇泰拉维，Nino Beridze-Kapanadze经营着一家家族酒庄。",
                       "贝里泽-卡帕纳泽每年销售4万瓶酒。"], "zh")
    config = NamesConfig()
    entities = find_entities(source, None, config)
    result = check_translation(source, target, one_to_one(2), entities, config=config)
    assert [(f.check, f.target_ids) for f in result.findings
            if f.check == "names.script"] == [("names.script", (0,))]


def test_a_small_tsu_before_chi_is_one_sound_with_a_long_vowel() -> None:
    # ウッチ and ウーチ (Łódź) differ in length only: one key, so a second spelling is seen.
    keys = {name_key(romanize(w, "ja"), "ja") for w in ("ウッチ", "ウーチ")}
    assert len(keys) == 1


def test_a_title_before_a_name_is_no_word_of_it() -> None:
    # "Russian Security Council Secretary Sergei Shoigu": Russiam and Russica beside Shoigu
    # sound like the title's Russian, which is no word of the name.
    source = ["Russian Security Council Secretary Sergei Shoigu arrived in Tehran.",
              "Shoigu said that Russia supports Iran.",
              "Shoigu thanked Russia and Iran.",
              "Shoigu returned to Russia on Tuesday."]
    target = ["Sergius Shoigu, secretarius Consilii Securitatis Russici, Teheranum advenit.",
              "Shoigu Russiam Iraniam sustinere dixit.",
              "Shoigu Russiam et Iraniam gratias egit.",
              "Shoigu Russica die Martis rediit."]
    assert findings(source, "en", target, "la", "names.inconsistent") == []


@pytest.mark.skipif(not ner_available("en"), reason="needs the recogniser of the ner extra")
def test_a_country_written_as_an_adjective_inside_a_firms_name_is_there() -> None:
    # Κίνα: κιν|εζ|ική, a few letters between the country's form and the adjective ending.
    source = document(["Kazakhstan signed an agreement with Rosatom.",
                       "China National Nuclear Corporation will lead a second consortium that "
                       "is to build another plant."], "en")
    target = document(["Το Καζακστάν υπέγραψε συμφωνία με τη Rosatom.",
                       "Η Κινεζική Εθνική Πυρηνική Εταιρεία θα ηγηθεί δεύτερης κοινοπραξίας, η "
                       "οποία πρόκειται να κατασκευάσει άλλον σταθμό."], "el")
    config = NamesConfig()
    entities = find_entities(source, None, config)
    assert "china" in {e.id for e in entities}
    result = check_translation(source, target, one_to_one(2), entities, config=config)
    assert [f for f in result.findings if f.check == "names.missing"] == []


def test_a_word_that_only_starts_like_a_country_is_no_adjective_of_it() -> None:
    source = ["China will lead a second consortium."]
    target = ["Η κινητική εταιρεία θα ηγηθεί δεύτερης κοινοπραξίας."]
    assert [f.entity for f in findings(source, "en", target, "el", "names.missing")] == ["china"]


@pytest.mark.skipif(not ner_available("en"), reason="needs the recogniser of the ner extra")
def test_a_firms_two_word_name_with_a_common_word_copied_whole_is_kept() -> None:
    # A Spanish source: the recogniser reads the English translation, where "Doğuş Group"
    # is an organisation; Russian keeps it as written, with the common word Group.
    source = document(["El Grupo Doğuş, un conglomerado con sede en Estambul, ha aportado "
                       "otros 240 millones de liras."], "es")
    targets = {
        "en": ["The Doğuş Group, an Istanbul-based conglomerate, has contributed a further "
               "240 million lira."],
        "ru": ["Стамбульский конгломерат Doğuş Group выделил ещё 240 млн лир."],
    }
    config = NamesConfig()
    entities = find_entities(source, None, config)
    results = check_translations(source, {lang: (document(t, lang), one_to_one(1))
                                          for lang, t in targets.items()},
                                 entities, config=config)
    assert [f for f in results["ru"].findings if f.check == "names.script"] == []


def test_a_name_inside_a_projects_name_with_an_acronym_kept_in_latin_is_there() -> None:
    # No recogniser for Portuguese: the run "Rovuma LNG" is the project's name, kept as
    # written; the river's name in it is no place left in Latin script.
    source = document(["A decisão sobre o projeto Rovuma LNG é esperada em junho.",
                       "O rio Rovuma marca a fronteira."], "pt")
    target = document(["Решение по проекту Rovuma LNG ожидается в июне.",
                       "Река Рувума обозначает границу."], "ru")
    config = NamesConfig()
    entities = find_entities(source, None, config)
    result = check_translation(source, target, one_to_one(2), entities, config=config)
    assert [f for f in result.findings if f.check == "names.script"] == []


def test_a_name_alone_left_in_latin_beside_an_acronym_elsewhere_is_still_found() -> None:
    source = document(["A decisão sobre o projeto Rovuma LNG é esperada em junho.",
                       "O rio Rovuma marca a fronteira com a Tanzânia."], "pt")
    target = document(["Решение по проекту Rovuma LNG ожидается в июне.",
                       "Река Rovuma обозначает границу с Танзанией."], "ru")
    config = NamesConfig()
    entities = find_entities(source, None, config)
    result = check_translation(source, target, one_to_one(2), entities, config=config)
    assert [f.target_ids for f in result.findings if f.check == "names.script"] == [(1,)]


def test_a_word_two_names_share_is_no_sign_of_either() -> None:
    # The Tepe of Karahan Tepe does not show Göbekli Tepe where a translation replaced it.
    source = document(["Karahan Tepe is older than people thought.",
                       "The team at Göbekli Tepe disagreed.",
                       "Göbekli Tepe and Karahan Tepe are close."], "en")
    fr = document(["Karahan Tepe est plus ancien qu'on ne le pensait.",
                   "L'équipe de Karahan Tepe n'était pas d'accord.",
                   "Göbekli Tepe et Karahan Tepe sont proches."], "fr")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, fr, one_to_one(3), entities, config=NO_NER)
    assert [(f.entity, f.source_ids) for f in result.findings
            if f.check == "names.missing"] == [("gobekli-tepe", (1,))]


def test_a_word_sharing_three_letters_with_a_loose_alternate_name_is_no_adjective_of_it() -> None:
    # Geonames writes Manila "Menila" too: "menos" is not derived from it.
    source = document(["At least 47 died, the council in Manila said.", "Manila is large."],
                      "en")
    es = document(["Al menos 47 murieron, dijo el consejo.", "Manila es grande."], "es")
    entities = find_entities(source, None, NO_NER)
    result = check_translation(source, es, one_to_one(2), entities, config=NO_NER)
    assert [(f.entity, f.source_ids) for f in result.findings
            if f.check == "names.missing"] == [("manila", (0,))]


@pytest.mark.parametrize(("lang", "target", "wrong"), [
    # A sound heard at the start in one spelling only (Greek Χ before ου).
    ("el", ["Ο μηχανικός Κοντόρι Ουαμάν είπε ότι η λίμνη είναι επικίνδυνη.",
            "Στη Λίμα, ο Κοντόρι Ουαμάν ζήτησε νέους αισθητήρες.",
            "Το έργο είναι δαπανηρό, πρόσθεσε ο Κοντόρι Χουαμάν."], "Χουαμάν"),
    # g and h at the start: transliterations exchange them.
    ("pt", ["O engenheiro Condori Huamán disse que o lago é perigoso.",
            "Em Lima, Condori Huamán pediu novos sensores.",
            "A obra é cara, acrescentou Condori Guamán."], "Guamán"),
])
def test_a_name_spelt_with_another_first_sound_once_is_inconsistent(
        lang: str, target: list[str], wrong: str) -> None:
    source = ["The engineer Condori Huamán said the lake is dangerous.",
              "In Lima, Condori Huamán asked for new sensors.",
              "The work is costly, Condori Huamán added."]
    found = findings(source, "en", target, lang, "names.inconsistent")
    assert [(f.entity, f.target_ids) for f in found] == [("condori-huaman", (2,))]
    assert wrong in found[0].message


def test_a_one_letter_prefix_is_a_second_spelling_only_in_a_cased_script() -> None:
    from mtcheck.names.consistency import _onset_added

    assert _onset_added("χουαμαν", "ουαμαν")
    assert _onset_added("uaman", "huaman")
    assert not _onset_added("nairobier", "nairobi")  # an ending: a derived word
    assert not _onset_added("בפריז", "פריז")  # Hebrew's one-letter prefix: "in Paris"
