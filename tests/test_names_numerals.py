"""Reading numbers across formats, scripts and scale words (mtcheck.names.numerals), and
the numbers check that matches them across an aligned pair (mtcheck.names.numbers)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import alignment, one_to_one, segmented
from mtcheck.names.numbers import check_numbers
from mtcheck.names.numerals import find_numbers, scale_words


def readings(text: str, lang: str) -> list[frozenset[str]]:
    return [n.readings for n in find_numbers(text, lang) if not n.word]


def same_number(first: tuple[str, str], second: tuple[str, str]) -> bool:
    (a, lang_a), (b, lang_b) = first, second
    [x] = readings(a, lang_a)
    [y] = readings(b, lang_b)
    return bool(x & y)


@pytest.mark.parametrize(("first", "second"), [
    (("ist nur 8847,60 m", "de"), ("à 8847,6 m", "fr")),            # trailing decimal zero
    (("um 15.30 Uhr", "de"), ("vers 15 h. 30", "fr")),              # a time, two formats
    (("at 3:30 pm", "en"), ("um 15:30 Uhr", "de")),                 # 12- and 24-hour clock
    (("etwa 1 ½ m tief", "de"), ("profonde de 1,50 m", "fr")),      # vulgar fraction
    (("3.5 billion euros", "en"), ("3,5 δισ. ευρώ", "el")),          # CLDR short form
    (("12 million euros", "en"), ("12 εκατομμυρίων ευρώ", "el")),    # genitive from data
    (("12 million roubles", "en"), ("12 млн рублей", "ru")),
    (("3.5 billion", "en"), ("3,5 Mrd. Euro", "de")),
    (("320 million yen", "en"), ("3億2000万円", "ja")),              # chained Han scales
    (("24,500 people", "en"), ("2万4500人", "ja")),
    (("20 million", "en"), ("2千万", "zh")),                         # 千 × 万
    (("4.5 billion dollars", "en"), ("45억 달러", "ko")),
    (("3.5 billion", "en"), ("3,5 mil millones", "es")),
    (("1,500 people", "en"), ("1.500 Menschen", "de")),             # grouping marks differ
    (("120 million dollars", "en"), ("120 εκατ. δολάρια", "el")),    # press abbreviation
    (("9.2 billion shillings", "en"), ("9,2 mil milhões de xelins", "pt")),  # pt-PT long scale
    (("9.2 billion reais", "en"), ("9,2 bilhões de reais", "pt")),            # pt-BR
    (("41.6 seconds", "en"), ("41秒6でゴール", "ja")),
])
def test_one_value_in_two_formats_is_one_number(first: tuple[str, str],
                                                 second: tuple[str, str]) -> None:
    assert same_number(first, second)


@pytest.mark.parametrize(("first", "second"), [
    (("3.5 billion", "en"), ("3,5 Mio. Euro", "de")),               # wrong scale word
    (("8847,60 m", "de"), ("8874,6 m", "fr")),                      # changed digits
    (("24,500 people", "en"), ("2万5400人", "ja")),
    (("at 15:30", "en"), ("um 16.30 Uhr", "de")),
    (("5 billion", "en"), ("5 mm", "pt")),                          # millimetres
])
def test_different_values_stay_different(first: tuple[str, str], second: tuple[str, str]) -> None:
    assert not same_number(first, second)


def test_abbreviated_second_year_is_the_full_year() -> None:
    assert [n.value for n in find_numbers("1952/53 et 1954-55", "fr")] == [
        "1952", "1953", "1954", "1955"]


@pytest.mark.parametrize(("text", "lang", "values"), [
    ("le camp III et Bd. XI", "fr", ["3", "11"]),
    ("Fin juin le camp I était installé", "fr", ["1"]),
    ("I saw camp III", "en", ["3"]),            # English "I" is a word, not one
    ("I ministri", "it", []),                   # a lone letter at the start is no numeral
])
def test_roman_numerals_are_numbers_written_as_words(text: str, lang: str,
                                                      values: list[str]) -> None:
    found = find_numbers(text, lang)
    assert [n.value for n in found] == values
    assert all(n.word for n in found)


def test_scale_word_needs_a_word_boundary() -> None:
    assert [n.value for n in find_numbers("3 milliardaires", "fr")] == ["3"]
    assert [n.value for n in find_numbers("5 만났다", "ko")] == ["5"]


def test_scale_words_come_from_cldr_for_any_locale() -> None:
    # Swedish has no data file here: its scale words come from CLDR alone.
    words = dict(scale_words("sv"))
    assert words["miljarder"] == 10**9
    assert "mn" not in words  # two letters, no full stop: "5 mm" is no scale word


@given(integer=st.integers(min_value=1000, max_value=10**9),
       cents=st.integers(min_value=1, max_value=99))
def test_english_and_german_formats_of_any_amount_agree(integer: int, cents: int) -> None:
    english = f"{integer:,}.{cents:02d}"
    german = english.replace(",", "_").replace(".", ",").replace("_", ".")
    expected = format(Decimal(f"{integer}.{cents:02d}").normalize(), "f")
    assert readings(f"costs {english} dollars", "en")[0] & readings(f"kostet {german} Dollar", "de")[0]
    assert find_numbers(f"costs {english} dollars", "en")[0].value == expected


# ------------------------------------------------------------------------ the check
def pair_check(source: str, source_lang: str, target: str, target_lang: str) -> list[str]:
    src = segmented(source_lang, [source], "src.txt")
    tgt = segmented(target_lang, [target], "tgt.txt")
    return [f.check for f in check_numbers(src, tgt, one_to_one(1))]


def test_reformatted_numbers_are_not_findings() -> None:
    assert pair_check("Die offizielle Kote ist 8847,60 m, um 15.30 Uhr gemessen.", "de",
                      "La cote officielle est de 8847,6 m, mesurée vers 15 h 30.", "fr") == []


def test_a_changed_number_is_a_mismatch_and_a_dropped_one_is_missing() -> None:
    assert pair_check("Trade reached 3.5 billion euros in 2023.", "en",
                      "Der Handel erreichte 3,5 Mio. Euro im Jahr 2023.", "de") == ["numbers.mismatch"]
    assert pair_check("Trade reached 3.5 billion euros in 2023.", "en",
                      "Der Handel erreichte 3,5 Mrd. Euro.", "de") == ["numbers.missing"]


def test_a_number_the_source_spells_out_is_never_reported() -> None:
    # "seit zwei Wochen" → "depuis quinze jours": a translator's idiom, not an error.
    assert pair_check("Seit zwei Wochen standen die Engländer am Westgrat.", "de",
                      "Depuis quinze jours les Anglais menaient l'attaque.", "fr") == []


def test_a_number_in_the_next_target_sentence_is_an_alignment_question() -> None:
    source = segmented("en", ["The team left.", "They reached 6000 m on the 2nd."], "en.txt")
    target = segmented("fr", ["L'équipe est partie et a atteint", "6000 m le 2."], "fr.txt")
    # The aligner paired the first sentences only; 6000 and 2 sit in the next target sentence.
    shifted = alignment(((0, 1), (0,)), ((), (1,)))
    assert check_numbers(source, target, shifted) == ()
