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
    (("12,000 people", "en"), ("1만 2000명", "ko")),                 # Korean spacing after 만
    (("350 million won", "en"), ("3억 5000만 원", "ko")),
    (("30 percent", "en"), ("百分之三十", "zh")),                     # a percentage in Han numerals
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


# ------------------------------------------------------- currencies, units, layout
@pytest.mark.parametrize(("first", "second"), [
    (("Rupies (Fr. 2.70) pro Tag", "de"), ("roupies (2 fr. 70) par jour", "fr")),
    (("für Fr. 3.60", "de"), ("pour 3 fr . 60", "fr")),               # tokenised text
    (("costs 2.50 euros", "en"), ("coûte 2 € 50", "fr")),
    (("costs 10.50 francs", "en"), ("kostet 10 Franken 50", "de")),
])
def test_a_main_unit_with_its_subunit_is_one_amount(first: tuple[str, str],
                                                    second: tuple[str, str]) -> None:
    assert same_number(first, second)


@pytest.mark.parametrize(("text", "lang"), [
    ("le 2 mai 70 personnes", "fr"),       # a month is no currency
    ("2 pommes 70", "fr"),
    ("2 Franken 705", "de"),               # three digits are no subunit
])
def test_no_subunit_reading_without_a_currency_and_two_digits(text: str, lang: str) -> None:
    assert all(not any("." in r for r in n.readings) for n in find_numbers(text, lang))


def test_currency_words_come_from_cldr() -> None:
    from mtcheck.names.numerals import currency_markers

    assert {"franc", "francs", "€", "roupies"} <= currency_markers("fr")
    assert {"franken", "dollar", "euro"} <= currency_markers("de")
    assert "des" not in currency_markers("fr")   # "dollar des États-Unis": not a head word


@pytest.mark.parametrize(("text", "lang", "numbers", "layout"), [
    ("4. Die Expedition brach 1956 auf.", "de", ["4", "1956"], ["4"]),
    ("- 4.", "fr", ["4"], ["4"]),
    ("5. August 1956 war der Gipfeltag.", "de", ["5", "1956"], []),     # a date, not a list
    ("Es waren fünf Lager, das oberste bei 7200 m.  21.", "de", ["7200", "21"], ["21"]),
    ("Er kam am 21.", "de", ["21"], []),                              # a date at the end
    ("wie Hagen berichtet [12], am K2 und mit dem A380", "de", ["12", "2", "380"], ["12"]),
    ("die Erstbesteigung3 des Gipfels", "de", ["3"], ["3"]),
])
def test_enumerators_and_reference_marks_are_layout(text: str, lang: str, numbers: list[str],
                                                    layout: list[str]) -> None:
    found = [n for n in find_numbers(text, lang) if n.text.isdigit()]
    assert [n.value for n in found] == numbers
    assert [n.value for n in found if n.word] == layout


@pytest.mark.parametrize(("text", "value"), [("Touristen-Zeitung, 7O.Jahrgang", "70"),
                                              ("im Jahre 19O5", "1905")])
def test_scanned_capital_o_among_digits_is_a_zero(text: str, value: str) -> None:
    [mention] = [n for n in find_numbers(text, "de") if "O" in n.text]
    assert mention.value == value and mention.word
    assert [n.value for n in find_numbers("H2O und CO2", "de")] == ["2", "2"]


@pytest.mark.parametrize(("first", "second", "same"), [
    (("gut 30 cm lang", "de"), ("12 pouces de long", "fr"), True),
    (("gut 30 cm lang", "de"), ("305 mm de long", "fr"), True),
    (("20 cm breit", "de"), ("203 mm de large", "fr"), True),
    (("60 ft", "en"), ("18,29 m", "fr"), True),
    (("60 ft", "en"), ("19,29 m", "fr"), False),              # a changed figure
    (("wiegt 89 kg", "de"), ("weighs 196 lb", "en"), True),
    (("8848 m", "de"), ("8847,6 m", "fr"), False),            # one unit: values must agree
])
def test_a_measure_converted_to_another_unit_is_the_same_measure(
        first: tuple[str, str], second: tuple[str, str], same: bool) -> None:
    from mtcheck.names.numerals import same_quantity

    [a] = [n for n in find_numbers(*first) if not n.word]
    [b] = [n for n in find_numbers(*second) if not n.word]
    assert (bool(a.readings & b.readings) or same_quantity(a, b)) is same


@given(millimetres=st.integers(min_value=10, max_value=100_000))
def test_any_length_in_mm_and_its_rounded_cm_are_one_measure(millimetres: int) -> None:
    from mtcheck.names.numerals import same_quantity

    centimetres = Decimal(millimetres) / 10
    rounded = centimetres.quantize(Decimal(1), rounding="ROUND_HALF_EVEN")
    [a] = find_numbers(f"{millimetres} mm", "en")
    [b] = find_numbers(f"{rounded} cm", "en")
    assert same_quantity(a, b)


_LOCALES = ["en", "de", "fr", "es", "it", "pt", "pt_PT", "ru", "el", "fi", "id", "ja", "ko",
            "zh", "de_CH", "fr_CH", "sv", "pl", "uk", "hi", "en_IN", "nl", "cs", "tr", "es_MX"]


@given(locale=st.sampled_from(_LOCALES),
       currency=st.sampled_from([None, "EUR", "USD", "CHF", "INR", "RUB"]),
       value=st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False))
def test_a_number_in_any_locales_own_format_reads_back(locale: str, currency: str | None,
                                                       value: Decimal) -> None:
    # CLDR's own formats: grouping by dots, commas, spaces, apostrophes (de-CH) or lakhs
    # (hi, en-IN: 3,05,713.04), currency signs before or after, glued or spaced.
    from babel.numbers import format_currency, format_decimal

    value = value.quantize(Decimal("0.01"))  # 1E+8 → 100000000.00
    text = (format_currency(value, currency, locale=locale) if currency
            else format_decimal(value, locale=locale))
    expected = format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    found = [n for n in find_numbers(f"({text})", locale.split("_")[0]) if not n.word]
    assert len(found) == 1, (text, found)
    assert expected in found[0].readings, (text, found[0])


# ------------------------------------------------- the check: alignment and pairing
def test_an_amount_the_segmenter_cut_in_two_reads_whole() -> None:
    source = segmented("de", ["Ein Träger bekommt 3 Rupies (Fr. 2.70) pro Tag."], "de.txt")
    target = segmented("fr", ["Un porteur reçoit 3 roupies (2 fr.", "70) par jour."], "fr.txt")
    assert check_numbers(source, target, alignment(((0,), (0, 1)))) == ()


def test_a_translation_placed_after_unaligned_sentences_is_found() -> None:
    source = segmented("de", ["Der Lhotse misst 8501 m, bald wohl 8510 m.", "Ende."], "de.txt")
    target = segmented("fr", ["Lhotsé (8501 m), photo.", "Photo 1956.", "Légende 3.",
                              "Le Lhotsé devra être élevé à 8510 m.", "Fin."], "fr.txt")
    # The aligner paired the source with a caption; the real translation is three
    # unaligned sentences further on.
    misaligned = alignment(((0,), (0,)), ((), (1,)), ((), (2,)), ((), (3,)), ((1,), (4,)))
    assert check_numbers(source, target, misaligned) == ()
    # An aligned sentence in between ends the search: then the number is missing.
    aligned_between = alignment(((0,), (0,)), ((1,), (1,)), ((), (2,)), ((), (3,)), ((), (4,)))
    assert [f.check for f in check_numbers(source, target, aligned_between)] == [
        "numbers.missing"]


def test_a_run_of_numbers_that_stands_elsewhere_is_not_missing() -> None:
    # A page header glued into the source sentence, and left in the translation elsewhere.
    source = segmented("de", ["Zwei Werte - 2 Die Alpen - 1957 - Les Alpes 17 8153 m und "
                              "8189 m - standen in Konkurrenz.", "Dann 1930 und 4."], "de.txt")
    target = segmented("fr", ["Deux cotes concurrentes, 8153 et 8189 m.",
                              "La suite 2 Les Alpes - 1957 - Die Alpen 17 continue, 1930."],
                       "fr.txt")
    findings = check_numbers(source, target, one_to_one(2))
    # 2, 1957, 17 stand together in the other sentence; the lone 1930 there and the 4
    # prove nothing and stay reported.
    assert [(f.check, f.expected) for f in findings] == [("numbers.missing", "4")]


def test_an_ordinal_word_takes_the_ordinal_digit_not_the_cardinal_word() -> None:
    source = segmented("de", ["Die zweiten Ersteigung des Everest (8848 m) am 23. Mai."],
                       "de.txt")
    target = segmented("fr", ["Deux cordées réussirent la 2e ascension de l'Everest le 23 mai."],
                       "fr.txt")
    findings = check_numbers(source, target, one_to_one(1))
    assert [(f.check, f.expected) for f in findings] == [("numbers.missing", "8848")]


def test_a_replaced_number_is_paired_with_the_one_most_like_it() -> None:
    source = segmented("de", ["Im Jahr 1956 trugen 292 Träger je 110 bis 117 Pfund."], "de.txt")
    target = segmented("fr", ["En 1955, les porteurs ont monté les charges."], "fr.txt")
    findings = check_numbers(source, target, one_to_one(1))
    assert [(f.check, f.expected) for f in findings] == [
        ("numbers.mismatch", "1956"), ("numbers.missing", "292"),
        ("numbers.missing", "110"), ("numbers.missing", "117")]
    mismatch = findings[0]
    assert mismatch.spans[1].text == "1955"


def test_a_converted_measure_is_no_finding() -> None:
    source = segmented("de", ["Der Abdruck war gut 30 cm lang und 20 cm breit."], "de.txt")
    target = segmented("fr", ["Elles mesuraient 12 pouces (305 mm) sur 8 (203 mm)."], "fr.txt")
    assert check_numbers(source, target, one_to_one(1)) == ()


def test_a_replacement_in_a_doubtful_pair_is_only_a_warning() -> None:
    from mtcheck.types import AlignedPair, Alignment, Severity

    source = segmented("en", ["They reached 6100 m."], "en.txt")
    target = segmented("fr", ["Ils atteignirent 6200 m."], "fr.txt")
    sure = Alignment((AlignedPair((0,), (0,), confidence=0.9),), method="test")
    doubtful = Alignment((AlignedPair((0,), (0,), confidence=0.3),), method="test")
    [error] = check_numbers(source, target, sure)
    [warning] = check_numbers(source, target, doubtful)
    assert (error.check, error.severity) == ("numbers.mismatch", Severity.ERROR)
    assert (warning.check, warning.severity) == ("numbers.mismatch", Severity.WARNING)


@pytest.mark.parametrize(("text", "lang", "values"), [
    ("on the fifth of May", "en", ["5"]), ("the third ascent", "en", ["3"]),
    ("one second later, one of them", "en", []),       # pronoun and unit of time
    ("la deuxième ascension", "fr", ["2"]), ("der zweiten Ersteigung", "de", ["2"]),
])
def test_ordinals_written_as_words(text: str, lang: str, values: list[str]) -> None:
    found = find_numbers(text, lang)
    assert [n.value for n in found] == values
    assert all(n.word for n in found)


def test_an_ordinal_word_in_the_translation_shows_the_ordinal_is_there() -> None:
    assert pair_check("Am 5. Mai erreichten sie den Gipfel zum 3. Mal.", "de",
                      "On the fifth of May they reached the top for the third time.", "en") == []


def test_a_neighbour_whose_numbers_all_disagree_does_not_end_the_search() -> None:
    source = segmented("de", ["Der Lhotse misst bald wohl 8510 m.", "Der Makalu hat 8470 m.",
                              "Ende 1956."], "de.txt")
    target = segmented("fr", ["Photo: Everest (8848 m).", "Photo: Sia Kangri (7315 m).",
                              "Le Lhotsé devra être élevé à 8510 m.", "Le Makalu, 8470 m.",
                              "Fin 1956."], "fr.txt")
    # Both source sentences were paired with captions; their translations follow unaligned.
    shifted = alignment(((0,), (0,)), ((1,), (1,)), ((), (2,)), ((), (3,)), ((2,), (4,)))
    assert check_numbers(source, target, shifted) == ()
    # A neighbour that shares a number with its source is trusted and ends the search.
    trusted = segmented("fr", ["Photo: Everest (8848 m).", "Le Makalu a 8470 m.",
                               "Le Lhotsé devra être élevé à 8510 m.", "Rien.", "Fin 1956."],
                        "fr.txt")
    assert [f.expected for f in check_numbers(source, trusted, shifted)] == ["8510"]


@pytest.mark.parametrize(("text", "lang", "values"), [
    ("kostet Fr. 1'250.50", "de", ["1250.5"]),                  # Swiss apostrophe grouping
    ("coûte 1’250 francs", "fr", ["1250"]),
    ("à 24 350 pieds", "fr", ["24350"]),                         # space grouping
    ("im Jahre 1956 300 Träger", "de", ["1956", "300"]),         # no group after 4 digits
    ("₹3,05,713.04 and 12,34,567", "en", ["305713.04", "1234567"]),  # lakh and crore
    ("Rp10.000 per hari", "id", ["10000"]),                     # a currency glued, no mark
])
def test_grouping_styles(text: str, lang: str, values: list[str]) -> None:
    assert [n.value for n in find_numbers(text, lang) if not n.word] == values


@pytest.mark.parametrize(("first", "second"), [
    (("raised $1.2m", "en"), ("a levé 1,2 million de dollars", "fr")),
    (("a £3bn deal", "en"), ("ein Geschäft über 3 Mrd. Pfund", "de")),
    (("US$ 4.5M", "en"), ("4,5 millones de dólares", "es")),
    (("un budget de 3 M€", "fr"), ("a budget of 3 million euros", "en")),
    (("costs $2.3 billion", "en"), ("costará $2.3 mil millones", "es")),   # the longer scale
    (("9.2 billion shillings", "en"), ("9,2 miles de millones de chelines", "es")),
])
def test_short_scale_marks_count_next_to_a_currency(first: tuple[str, str],
                                                    second: tuple[str, str]) -> None:
    assert same_number(first, second)


@pytest.mark.parametrize(("text", "lang", "values"), [
    ("a 5m wall and 3 M people", "en", ["5", "3"]),      # metres, no currency
    ("5 M de personnes", "fr", ["5"]),
    ("$5 T-shirts", "en", ["5"]),
])
def test_short_scale_marks_need_a_currency(text: str, lang: str, values: list[str]) -> None:
    assert [n.value for n in find_numbers(text, lang) if not n.word] == values


@given(locale=st.sampled_from(["en", "en_GB", "en_IN", "fr", "es", "es_MX", "de", "it", "ru",
                               "el", "ja", "ko", "zh", "fi", "id", "sv", "nl", "pl", "hi"]),
       currency=st.sampled_from(["USD", "EUR", "GBP"]),
       amount=st.integers(min_value=1, max_value=999),
       magnitude=st.sampled_from([10**6, 10**9]))
def test_cldr_compact_currency_amounts_read_back(locale: str, currency: str, amount: int,
                                                 magnitude: int) -> None:
    # "$325M", "£744m", "306 mil M €", "9億ドル": CLDR's own short currency formats. (Not
    # Portuguese: "bi" is 10^9 in Brazil and 10^12 in Portugal, so it is left out.)
    import re as regex

    from babel.numbers import format_compact_currency
    from hypothesis import assume

    text = format_compact_currency(amount * magnitude, currency, locale=locale)
    assume(str(amount) in regex.sub(r"\D", "", text))   # not rounded by the format
    found = [n for n in find_numbers(f"x {text} y", locale.split("_")[0]) if not n.word]
    assert len(found) == 1, (text, found)
    assert str(amount * magnitude) in found[0].readings, (text, found[0])


@pytest.mark.parametrize(("text", "lang", "values"), [
    ("погибли три человека, в двух городах, трое раненых", "ru", ["3", "2", "3"]),
    ("семью годами позже", "ru", []),                         # "family", not seven
    ("三人が死亡し、二十五人が負傷した", "ja", ["3", "25"]),      # Han numerals before counters
    ("两个城市", "zh", ["2"]),
    # One-word cardinals past twelve, which Romance typography writes in letters.
    ("quatorze ans après, seize usines", "fr", ["14", "16"]),
    ("catorce años y diecinueve fábricas", "es", ["14", "19"]),
    ("quattordici anni, diciotto fabbriche", "it", ["14", "18"]),
    ("catorze anos, dezesseis usinas, dezanove fábricas", "pt", ["14", "16", "19"]),
])
def test_cardinals_written_as_words_and_han_counts(text: str, lang: str,
                                                   values: list[str]) -> None:
    found = find_numbers(text, lang)
    assert [n.value for n in found] == values
    assert all(n.word for n in found)


def test_a_count_written_out_shows_the_digit_is_there() -> None:
    assert pair_check("a 14 anni dal sequestro", "it",
                      "quatorze ans après la mise sous séquestre", "fr") == []
    assert pair_check("3 people died and 25 were injured.", "en",
                      "三人が死亡し、二十五人が負傷した。", "ja") == []
    assert pair_check("3 people died in 2 cities.", "en",
                      "Погибли три человека в двух городах.", "ru") == []


@pytest.mark.parametrize(("first", "second"), [
    (("at 3 p.m.", "en"), ("um 15 Uhr", "de")),
    (("at 3pm", "en"), ("в 15:00", "ru")),
    (("at 11 a.m.", "en"), ("à 11 heures", "fr")),
    (("um 15:00 Uhr", "de"), ("à 15 heures", "fr")),
])
def test_a_full_hour_in_any_clock_is_one_time(first: tuple[str, str],
                                               second: tuple[str, str]) -> None:
    assert same_number(first, second)


def test_the_hour_before_pm_is_not_the_morning_one_alone() -> None:
    assert not same_number(("at 3 p.m.", "en"), ("um 16 Uhr", "de"))


# ------------------------------------------------------- references, dates, clock marks
@pytest.mark.parametrize(("text", "lang", "references", "quantities"), [
    ("wie in « Die Alpen » 1956, S. 81 berichtet", "de", ["81"], ["1956"]),
    ("The Alpine Journal, No. 292, pp. 110-117", "en", ["292", "110", "117"], []),
    ("voir Les Alpes, p. 80", "fr", ["80"], []),
    ("nach Artikel 5 und § 12 des Gesetzes", "de", ["5", "12"], []),
    ("согласно ст. 15 закона", "ru", ["15"], []),
    # every number of a parenthesis that holds a reference belongs to the citation
    ("( « Die Alpen » 1956 , S. 295-298 )", "de", ["1956", "295", "298"], []),
])
def test_numbers_after_a_reference_label_are_references(text: str, lang: str,
                                                         references: list[str],
                                                         quantities: list[str]) -> None:
    found = find_numbers(text, lang)
    assert [n.value for n in found if n.word] == references
    assert [n.value for n in found if not n.word] == quantities


@pytest.mark.parametrize(("text", "lang", "quantities"), [
    ("in den USA. 5 Leute kamen", "de", ["5"]),       # a sentence end, not the label "S."
    ("der Lhotse (8501 m bzw. ca. 8510 m)", "de", ["8501", "8510"]),
    ("Seite an Seite mit 3 Trägern", "de", ["3"]),   # the label word, but not before the number
    ("Mount Everest (8848 m) in 1953", "en", ["8848", "1953"]),  # no label in the parenthesis
])
def test_quantities_are_not_references(text: str, lang: str, quantities: list[str]) -> None:
    assert [n.value for n in find_numbers(text, lang) if not n.word] == quantities


def test_a_restated_reference_is_no_finding() -> None:
    # The French edition's own page, and an issue number given as the month.
    assert pair_check("Darüber wurde berichtet (« Die Alpen » 1956, S. 81).", "de",
                      "On en a parlé (voir Les Alpes 1956, p. 80).", "fr") == []
    assert pair_check("Sie wurde in « Die Alpen » 1956, Nr. 4 behandelt.", "de",
                      "Nous l'avons décrite dans Les Alpes, avril 1956.", "fr") == []


def test_a_changed_quantity_next_to_a_reference_is_still_a_mismatch() -> None:
    assert pair_check("Der Gipfel (S. 12) ist 6719 m hoch.", "de",
                      "Le sommet (p. 12) a 6179 m.", "fr") == ["numbers.mismatch"]


def test_a_repeated_number_left_out_once_is_no_finding() -> None:
    assert pair_check("1952 Lombard geologisch, 1952 und 1953 Pugh physiologisch.", "de",
                      "1952/53, Pugh en physiologie.", "fr") == []
    assert pair_check("The find covers an area of about 100 by 100 kilometres.", "en",
                      "約100キロ四方の範囲にある遺跡だ。", "ja") == []


def test_a_repeated_number_replaced_once_is_still_a_mismatch() -> None:
    assert pair_check("Sales rose in 2019 and the plant opened in 2019.", "en",
                      "Der Umsatz stieg 2019, und das Werk öffnete 2018.", "de") == [
        "numbers.mismatch"]


def test_one_hundred_percent_may_be_said_in_words() -> None:
    assert pair_check("Ethiopian Airlines, détenue à 100 % par l'État, vole.", "fr",
                      "Ethiopian Airlines, wholly owned by the state, flies.", "en") == []
    assert pair_check("Die Firma gehört zu 100 Prozent dem Staat.", "de",
                      "L'entreprise appartient à 90 % à l'État.", "fr") == ["numbers.mismatch"]
    assert [n.wordable for n in find_numbers("50 % et 100 pour cent", "fr")] == [False, True]


def test_a_missing_number_is_info_unless_the_pair_is_doubted() -> None:
    from mtcheck.types import AlignedPair, Alignment, Severity

    source = segmented("de", ["Die Karte von Marcel Kurz 1930 ist recht gut."], "de.txt")
    target = segmented("fr", ["La carte de Marcel Kurz est exacte."], "fr.txt")
    sure = Alignment((AlignedPair((0,), (0,), confidence=0.9),), method="test")
    # What the omission check leaves of a pair it finds content missing from.
    doubted = Alignment((AlignedPair((0,), (0,), confidence=0.25),), method="test")
    [info] = check_numbers(source, target, sure)
    [warning] = check_numbers(source, target, doubted)
    assert (info.check, info.severity) == ("numbers.missing", Severity.INFO)
    assert (warning.check, warning.severity) == ("numbers.missing", Severity.WARNING)


@pytest.mark.parametrize(("first", "second"), [
    (("at 9:47 a.m. local time", "en"), ("현지 시각 오전 9시 47분에", "ko")),
    (("at 3:30 p.m. the same day", "en"), ("同じ日の午後3時30分に", "ja")),
    (("um 15.30 Uhr", "de"), ("下午3点30分", "zh")),
    (("in the 1980s", "en"), ("1970～80年代", "ja")),        # abbreviated decade after ～
    (("the class of 1989", "en"), ("la promo '89", "fr")),
])
def test_times_and_years_in_other_notations(first: tuple[str, str],
                                             second: tuple[str, str]) -> None:
    (a, lang_a), (b, lang_b) = first, second
    ours = [n.readings for n in find_numbers(a, lang_a) if not n.word]
    theirs = [n.readings for n in find_numbers(b, lang_b) if not n.word]
    assert all(any(x & y for y in theirs) for x in ours)


def test_a_different_clock_time_stays_different() -> None:
    assert not same_number(("at 9:47", "en"), ("9時57分", "ja"))


@pytest.mark.parametrize(("source", "source_lang", "target", "target_lang"), [
    ("Am 05.12.2024 begann der Bau.", "de", "Les travaux ont commencé le 5 décembre 2024.", "fr"),
    ("Work began on 2024-12-05.", "en", "Der Bau begann am 5. Dezember 2024.", "de"),
    ("Work began on December 5, 2024.", "en", "Der Bau begann am 05.12.2024.", "de"),
    ("Work began on 5/12/2024.", "en", "Der Bau begann am 12. Mai 2024.", "de"),  # US order
])
def test_a_date_in_digits_is_the_date_with_a_month_name(source: str, source_lang: str,
                                                        target: str, target_lang: str) -> None:
    assert pair_check(source, source_lang, target, target_lang) == []


def test_a_date_with_another_month_is_reported() -> None:
    assert pair_check("Am 05.12.2024 begann der Bau.", "de",
                      "Les travaux ont commencé le 5 novembre 2024.", "fr") == ["numbers.missing"]


def test_a_month_name_away_from_digits_is_no_number() -> None:
    assert find_numbers("you may go in May", "en") == []
    assert [n.value for n in find_numbers("in May 2024", "en")] == ["5", "2024"]


@pytest.mark.parametrize(("source", "source_lang", "target", "target_lang"), [
    ("It has a capacity of 2,115 megawatts.", "en", "出力は211万5000キロワットに上る。", "ja"),
    ("The estate covers 250 acres.", "en", "Das Gut umfasst 101 Hektar.", "de"),
    ("Temperatures reached 104°F.", "en", "Les températures ont atteint 40 °C.", "fr"),
    ("Temperatures reached 104 °F.", "en", "気温は40℃に達した。", "ja"),
    ("Trains will run at 250 km/h.", "de", "Trains will run at 155 mph.", "en"),
    ("The tank holds 2,000 gallons.", "en", "Der Tank fasst 7.570 Liter.", "de"),
])
def test_measures_converted_to_another_unit(source: str, source_lang: str,
                                            target: str, target_lang: str) -> None:
    assert pair_check(source, source_lang, target, target_lang) == []


@pytest.mark.parametrize(("source", "source_lang", "target", "target_lang"), [
    ("Temperatures reached 104°F.", "en", "Les températures ont atteint 45 °C.", "fr"),
    ("Trains will run at 250 km/h.", "de", "Trains will run at 185 mph.", "en"),
    ("It was 30° in the shade.", "en", "Il faisait 35 °C à l'ombre.", "fr"),  # no unit: 30 ≠ 35
])
def test_a_wrong_conversion_is_a_mismatch(source: str, source_lang: str, target: str,
                                          target_lang: str) -> None:
    assert pair_check(source, source_lang, target, target_lang) == ["numbers.mismatch"]


@given(st.integers(1, 28), st.integers(1, 12), st.integers(1900, 2099))
def test_any_date_in_digits_meets_its_written_form(day: int, month: int, year: int) -> None:
    from babel.dates import get_month_names

    french = get_month_names("wide", locale="fr")[month]
    assert pair_check(f"Am {day:02d}.{month:02d}.{year} begann es.", "de",
                      f"Cela commença le {day} {french} {year}.", "fr") == []


@given(st.sampled_from(["de", "en", "fr", "es", "it", "pt", "ru", "el"]), st.integers(1, 9999))
def test_any_labelled_number_is_a_reference(lang: str, number: int) -> None:
    from mtcheck.names.inflection import rules_for

    for label in rules_for(lang).reference_labels:
        [mention] = find_numbers(f"x {label} {number} x", lang)
        assert mention.word


def test_a_short_number_after_a_spaced_korean_scale_is_its_own() -> None:
    assert [n.value for n in find_numbers("1만 3곳", "ko")] == ["10000", "3"]  # 10,000; 3 places


@pytest.mark.parametrize(("source", "source_lang", "target", "target_lang"), [
    ("Poaching peaked in the 1980s.", "en", "Le braconnage culmina dans les années 80.", "fr"),
    ("Poaching peaked in the 1980s.", "en", "密猟は80年代に最も多かった。", "ja"),
])
def test_a_decade_by_its_last_two_digits(source: str, source_lang: str, target: str,
                                         target_lang: str) -> None:
    assert pair_check(source, source_lang, target, target_lang) == []


def test_a_year_is_not_any_number_with_its_last_digits() -> None:
    assert pair_check("Die Karte von 1955 zeigt den Gipfel.", "de",
                      "La carte montre 55 sommets.", "fr") == ["numbers.mismatch"]


def test_fractions_written_as_words_show_the_number() -> None:
    assert pair_check("Die Hälfte der Träger kehrte um.", "de",
                      "50 % des porteurs sont redescendus.", "fr") == []
    assert pair_check("50 % of the porters turned back.", "en",
                      "La moitié des porteurs sont redescendus.", "fr") == []
    # a quarter of a year or of a town is no fraction: it must not take the "25.000"
    # that replaced "35,000"
    assert pair_check("Production starts in the second quarter, with 35,000 wafers.", "en",
                      "La produzione inizierà nel secondo trimestre, con 25.000 wafer.",
                      "it") == ["numbers.mismatch"]


def test_a_number_in_a_name_may_go_with_the_name() -> None:
    # "the A380" → "the aircraft": not reported missing; replaced, it still is.
    assert pair_check("The A380 landed in Addis Ababa.", "en",
                      "Das Flugzeug landete in Addis Abeba.", "de") == []
    assert pair_check("The A380 landed in Addis Ababa.", "en",
                      "Der A350 landete in Addis Abeba.", "de") == ["numbers.mismatch"]
    assert [n.wordable for n in find_numbers("K2, COVID-19, Rs590 und 25 Leute", "de")] == [
        True, True, False, False]


@pytest.mark.parametrize(("source", "source_lang", "target", "target_lang"), [
    ("About 1,000 people came.", "en", "Environ mille personnes sont venues.", "fr"),
    ("It cost 1 million euros.", "en", "Es kostete eine Million Euro.", "de"),
])
def test_a_scale_word_alone_is_one_of_it(source: str, source_lang: str, target: str,
                                         target_lang: str) -> None:
    assert pair_check(source, source_lang, target, target_lang) == []


def test_a_scale_word_alone_replaces_nothing() -> None:
    # "eine Million" shows a million is there; it never stands for a changed number.
    assert pair_check("It cost 2 million euros.", "en",
                      "Es kostete eine Million Euro.", "de") == ["numbers.missing"]
    assert [(n.value, n.word) for n in find_numbers("2 Millionen und Millionen", "de")] == [
        ("2000000", False), ("1000000", True)]


def test_a_verb_or_noun_before_an_amount_is_no_reference_label() -> None:
    # "issue" and "volume" are labels of journals, but mostly verbs and nouns of amounts.
    assert pair_check("The bank will issue 5 billion euros of bonds.", "en",
                      "Die Bank wird Anleihen über 4 Milliarden Euro ausgeben.", "de") == [
        "numbers.mismatch"]


def test_a_one_digit_value_given_once_is_no_repeat() -> None:
    assert pair_check("Am 5. Mai brachen sie mit 5 Trägern auf.", "de",
                      "Le 5 mai, ils partirent avec des porteurs.", "fr") == ["numbers.missing"]


@pytest.mark.parametrize(("source", "source_lang", "target", "target_lang"), [
    ("Das kostete zwei Millionen Euro.", "de", "It cost 2 million euros.", "en"),
    ("It cost 2 million euros.", "en", "Cela a coûté deux millions d'euros.", "fr"),
    ("Asistieron 3,000 personas.", "es", "Trois mille personnes y assistèrent.", "fr"),
])
def test_a_numeral_word_before_a_scale_word_multiplies_it(source: str, source_lang: str,
                                                         target: str, target_lang: str) -> None:
    assert pair_check(source, source_lang, target, target_lang) == []


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("a 1.2-trillion-tugrik loan", "en", "1200000000000"),
    ("ein 1,2-Billionen-Kredit", "de", "1200000000000"),
    ("a $5-million grant", "en", "5000000"),
])
def test_a_scale_word_joined_by_a_hyphen_still_scales(text: str, lang: str, value: str) -> None:
    assert [n.value for n in find_numbers(text, lang)] == [value]


def test_a_hyphened_compound_amount_equals_its_spaced_translation() -> None:
    assert pair_check("It is financed by a 1.2-trillion-tugrik loan.", "en",
                      "Il est financé par un prêt de 1 200 milliards de tugriks.", "fr") == []
    assert pair_check("It is financed by a 1.2-trillion-tugrik loan.", "en",
                      "Il est financé par un prêt de 1,2 milliard de tugriks.", "fr") == [
        "numbers.mismatch"]


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("un trajet d'une centaine de kilomètres", "fr", "100"),
    ("un centinaio di chilometri", "it", "100"),
    ("un millar de personas", "es", "1000"),
    ("uma dezena de aldeias", "pt", "10"),
    ("ein Dutzend Länder", "de", "12"),
    # The whole series of tens, not only the ones seen first.
    ("une soixantaine de bateaux", "fr", "60"),
    ("una quarantina di barche", "it", "40"),
    ("una sessantina di barche", "it", "60"),
    ("una novantina di barche", "it", "90"),
    ("una treintena de barcos", "es", "30"),
    ("una cincuentena de barcos", "es", "50"),
])
def test_a_collective_numeral_in_the_singular_is_its_round_number(text: str, lang: str,
                                                                   value: str) -> None:
    assert [n.value for n in find_numbers(text, lang)] == [value]


def test_plural_collective_numerals_say_many_not_a_number() -> None:
    assert find_numbers("des centaines de personnes, des milliers de foyers", "fr") == []
    assert find_numbers("Dutzende Länder", "de") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("le navire est en quarantaine", "fr"),       # quarantine
    ("pendant la quinzaine commerciale", "fr"),      # a fortnight
    ("el barco sigue en cuarentena", "es"),        # quarantine
])
def test_collective_numerals_that_are_other_words_are_no_numbers(text: str, lang: str) -> None:
    assert find_numbers(text, lang) == []


def test_about_a_round_number_rendered_as_a_collective_numeral_is_no_finding() -> None:
    assert pair_check("The trip is a journey of about 100 km.", "en",
                      "Le trajet est d'une centaine de kilomètres.", "fr") == []
    assert pair_check("The inshore fleet of about 60 boats landed its catch.", "en",
                      "La flottille côtière d'une soixantaine de bateaux a débarqué ses prises.",
                      "fr") == []


# ------------------------------------------------------------- parts of a whole, decades
@pytest.mark.parametrize(("text", "value"), [
    ("9割近くの世帯で", "90"),          # 割: tenths, as per cent
    ("九割が停電した", "90"),          # after a Han numeral too
    ("打率は3割5分だった", "35"),       # 分 after 割: hundredths
    ("2割1分5厘", "21.5"),            # 厘 after 分: thousandths
])
def test_japanese_tenths_are_per_cent(text: str, value: str) -> None:
    assert readings(text, "ja") == [frozenset({value})]


def test_a_minute_and_an_expensive_franc_are_no_tenths() -> None:
    # 分 alone is a minute, 割高 ("relatively expensive") follows no number.
    assert readings("5分後に", "ja") == [frozenset({"5"})]
    assert readings("輸出がさらに割高になり、6％上昇", "ja") == [frozenset({"6"})]


def test_tenths_stand_for_the_source_percentage() -> None:
    assert pair_check("Nearly 90 per cent of homes had no power.", "en",
                      "9割近くの世帯で停電が続いた。", "ja") == []
    assert pair_check("Nearly 80 per cent of homes had no power.", "en",
                      "9割近くの世帯で停電が続いた。", "ja") == ["numbers.mismatch"]


@pytest.mark.parametrize(("text", "lang"), [
    ("la crisi del quarzo degli anni Settanta", "it"),
    ("the quartz crisis of the seventies", "en"),
    ("кварцевый кризис семидесятых", "ru"),
    ("die Quarzkrise der Siebzigerjahre", "de"),
    ("la crisis del cuarzo de los años setenta", "es"),
    ("a crise do quartzo dos anos setenta", "pt"),
])
def test_a_decade_in_words_shows_a_year_of_it(text: str, lang: str) -> None:
    assert pair_check("Die Quarzkrise der 1970er-Jahre haben wir überlebt.", "de",
                      text, lang) == []


def test_a_decade_in_words_is_never_reported_nor_another_decade() -> None:
    # Read as a word: it shows a number is there, it is never missing or replaced itself.
    [decade] = [n for n in find_numbers("negli anni Settanta", "it") if n.word]
    assert decade.readings == {"70", "1970", "2070"}
    assert pair_check("Die Quarzkrise der 1980er-Jahre haben wir überlebt.", "de",
                      "la crisi del quarzo degli anni Settanta", "it") == ["numbers.missing"]


# Pieces of text that hold numbers, that look like them, and that do not: digits of several
# scripts, Han numerals and counters, Roman numerals, numeral, scale, fraction, decade and
# month words, and the marks around them.
_NUMBERISH = ["12", "١٢", "１２", "1.5", "3,4", "15:30", "'89", "2O19", "三", "三月", "九割",
              "百分之三十", "两人", "XIV", "I", "V", "II", "Bd. XI", "drei", "zwei Millionen",
              "Million", "mille", "la moitié", "Hälfte", "Siebzigerjahre", "seventies",
              "Mai", "März", "May", "décembre", "§", "(", ")", "-", "/", ".", ",", " ", " ",
              "Gipfel", "Iran", "la", "Der", "the", "et", "und", "Ville", "Civil", "LIDL",
              "½", "²", "Camp", "Lixil"]


@given(st.lists(st.sampled_from(_NUMBERISH), max_size=12),
       st.sampled_from(["de", "fr", "en", "it", "ja", "zh", "ru", "pt"]))
def test_a_text_said_to_hold_no_number_has_none(pieces, lang):
    from mtcheck.names.numerals import may_hold_numbers

    text = "".join(pieces)
    assert may_hold_numbers(text, lang) or find_numbers(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "may"), [
    ("Der Gipfel liegt im Norden des Landes.", "de", False),
    ("Der Gipfel liegt 12 km nördlich.", "de", True),
    ("Zwei Bergsteiger kamen zurück.", "de", True),     # a numeral word
    ("la moitié des habitants", "fr", True),            # a fraction word
    ("Bd. XI der Reihe", "de", True),                   # a Roman numeral
    ("会议持续了三天", "zh", True),                       # a Han numeral
])
def test_which_texts_may_hold_numbers(text, lang, may):
    from mtcheck.names.numerals import may_hold_numbers

    assert may_hold_numbers(text, lang) is may
    assert may or find_numbers(text, lang) == []


# Sentences joined into one text (a merged pair): numbers near the join and far from it,
# labels, scale, unit and currency words, month names, and parentheses across it.
_SENTENCE_PIECES = [*_NUMBERISH, "S. 81", "Nr.", "Artikel 5", "5 M", "€", "Euro", "km",
                    "Prozent", "%", "p.m.", "h", "30", "1 000", "Millionen", "milliards",
                    "Die Kommission hat heute beschlossen, dass", "le Conseil européen et",
                    "the committee said on Monday that it would", "[12]", "{", "}", "a"]


# Words without numbers at a sentence's edges (so that many joins are far from any number).
_PLAIN = ["", "Die Kommission hat heute beschlossen, dass die Lage im Land schwierig ist",
          "le Conseil européen et le Parlement ont adopté le texte sans vote final",
          "the committee said on Monday that it would ask the government once more"]


@given(st.lists(st.tuples(st.sampled_from(_PLAIN),
                          st.lists(st.sampled_from(_SENTENCE_PIECES), min_size=1, max_size=8),
                          st.sampled_from(_PLAIN)),
                min_size=2, max_size=4),
       st.sampled_from(["de", "fr", "en", "it", "ja", "zh", "ru", "pt"]))
def test_a_joined_text_read_from_its_parts_reads_as_a_whole(sentences, lang):
    from mtcheck.names.numerals import joined_numbers

    parts = tuple(" ".join([before, *pieces, after]).strip()
                  for before, pieces, after in sentences)
    composed = joined_numbers(parts, lang)
    if composed is not None:  # None: a join that may change a reading (read as a whole)
        assert list(composed) == find_numbers(" ".join(parts), lang)


@pytest.mark.parametrize(("parts", "composed"), [
    # far from any number: read from the parts
    (("Die Kommission hat heute in Brüssel über die Lage beraten.",
      "Sie will nach langen Beratungen mit allen Beteiligten und Verbänden im Jahr 2030 "
      "neue Regeln vorlegen."), True),
    # a scale word right after the join would change the number before it
    (("Das kostet zwei", "Millionen Euro und mehr als die Kommission dachte."), False),
    # a parenthesis open across the join holds a reference and a year
    (("Er schrieb darüber (S. 81 der Zeitschrift, die in Bern erscheint, und",
      "anderswo, in einem Band von damals und noch einmal im Jahr 1956)."), False),
])
def test_which_joined_texts_are_read_from_their_parts(parts, composed):
    from mtcheck.names.numerals import joined_numbers

    found = joined_numbers(parts, "de")
    assert (found is not None) is composed
    if found is not None:
        assert list(found) == find_numbers(" ".join(parts), "de")
