from builders import one_to_one, segmented
from mtcheck.config import OmissionConfig
from mtcheck.omission import omission_candidates
from mtcheck.omission.coverage import word_flags
from mtcheck.omission.sounded import sounded_names
from mtcheck.omission.support import (
    DocumentLexicon,
    TargetIndex,
    index_target,
    lexical_units,
    word_found,
)

CONFIG = OmissionConfig()


def _pairs(source: list[str], target: list[str], lang: str) -> list[tuple[str, TargetIndex]]:
    return [(s, index_target(t, lang, None, (), ())) for s, t in zip(source, target,
                                                                     strict=True)]


def test_a_frequent_name_written_by_its_sound_is_an_anchor_of_the_document() -> None:
    # Castro (Zipf 4.6 in Spanish) is too frequent to be a rare word, but the Japanese
    # translation writes it in katakana: a name.
    pairs = _pairs(["La abogada Castro dijo que el humo llegó a la ciudad.",
                    "Castro explicó que los fuegos siguen."],
                   ["弁護士のカストロ氏は、煙が市に達したと述べた。",
                    "火災は続いていると説明した。"], "ja")
    assert sounded_names(pairs, "es", CONFIG.rare_zipf, CONFIG.min_letters) == {"Castro"}


def test_ordinary_and_function_words_are_no_sounded_names() -> None:
    pairs = _pairs(["La ciudad dijo que el humo llegó.", "Castro habló."],
                   ["市は煙が達したと述べた。", "彼は話した。"], "ja")
    # Not written by its sound anywhere: no name of this document, however capitalised.
    assert sounded_names(pairs, "es", CONFIG.rare_zipf, CONFIG.min_letters) == frozenset()


def test_a_translation_with_spaces_and_latin_letters_has_no_sounded_names() -> None:
    # French writes Castro as Castro: found as itself, by spelling, not by sound; the set
    # is for translations that spell foreign names in their own script.
    pairs = _pairs(["La abogada Castro dijo que el humo llegó."],
                   ["L'avocate Castro a dit que la fumée est arrivée."], "fr")
    assert sounded_names(pairs, "es", CONFIG.rare_zipf, CONFIG.min_letters) == frozenset()


def test_a_sounded_name_counts_as_an_anchor_not_as_a_common_word() -> None:
    text = "La abogada Castro dijo que el humo llegó a la ciudad."
    target = "煙が市に達したと述べた。"
    found = index_target(target, "ja", None, (), ())
    lexicon = DocumentLexicon([])
    plain = word_flags(text, "es", lexicon, found, lexical_units(target, "ja"), 0.5,
                       CONFIG.rare_zipf)
    named = word_flags(text, "es", lexicon, found, lexical_units(target, "ja"), 0.5,
                       CONFIG.rare_zipf, names=frozenset({"Castro"}))
    castro = text.index("Castro")
    assert castro in plain.offsets and castro not in named.offsets
    assert len(named.rare_found) == len(plain.rare_found) + 1 and not any(named.rare_found)


def test_a_sounded_name_the_translation_lacks_is_a_missing_anchor() -> None:
    source = ["La abogada Castro dijo que el humo llegó a Rosario durante muchos días.",
              "Castro explicó que los fuegos los encienden ganaderos.",
              "El juez escribió que los humedales son un bien colectivo.",
              "La abogada Castro, que representa a los vecinos, pidió un plan."]
    target = ["弁護士のカストロ氏は、煙が何日もロサリオに達したと述べた。",
              "カストロ氏は、火は牧畜業者が付けていると説明した。",
              "判事は、湿地は集団の財産だと記した。",
              "近隣住民を代表して計画を求めた。"]
    candidates = omission_candidates(segmented("es", source), segmented("ja", target),
                                     one_to_one(4), None, CONFIG)
    last = next(c for c in candidates if c.source_id == 3 and not c.alternative)
    assert "Castro" in last.missing


def test_a_double_name_is_found_by_one_of_its_parts_where_names_are_spelt_by_sound() -> None:
    zh = index_target("首席执行官夸贝纳·阿桑特-博阿滕表示。", "zh", None, (), ())
    assert word_found("Asante-Boateng", "en", zh, CONFIG.match_similarity)
    ja = index_target("ミュラー＝ボンヴァン氏は述べた。", "ja", None, (), ())
    assert word_found("Müller-Bonvin", "de", ja, CONFIG.match_similarity)
    # Neither part is there.
    assert not word_found("Asante-Boateng", "en",
                          index_target("委员会表示。", "zh", None, (), ()),
                          CONFIG.match_similarity)
