import pytest

from mtcheck.omission.support import index_target, word_found
from mtcheck.omission.terms import term_found, term_table


@pytest.mark.parametrize(("word", "source_lang", "target", "lang", "found"), [
    # Months, weekdays and units, with the case endings a translation gives them.
    ("Monday", "en", "В понедельник министр прибыл в Тегеран.", "ru", True),
    ("March", "en", "Das Abkommen wurde im März unterzeichnet.", "de", True),
    ("kilometres", "en", "проехав 110 километров за три часа", "ru", True),
    ("Juli", "de", "Le 6 juillet , ils atteignent le sommet .", "fr", True),
    # In a language written without spaces, inside the text.
    ("March", "en", "3月に署名された。", "ja", True),
    ("Monday", "en", "월요일에 도착했다.", "ko", True),
    # A currency by what the names of all currencies of that name share (доллар, ドル).
    ("dollars", "en", "около 2900 долларов", "ru", True),
    ("dollars", "en", "約2900ドルを受け取る。", "ja", True),
    # Not there: another weekday, another unit.
    ("Tuesday", "en", "В понедельник министр прибыл в Тегеран.", "ru", False),
    ("kilometres", "en", "à 45 milles au sud", "fr", False),
])
def test_cldr_terms_are_found_as_the_translation_writes_them(word: str, source_lang: str,
                                                             target: str, lang: str,
                                                             found: bool) -> None:
    index = index_target(target, lang, None, (), ())
    assert term_found(word, source_lang, lang, index.folded, index.unspaced) is found
    assert word_found(word, source_lang, index, 0.5) is found


def test_a_word_of_several_names_maps_only_to_what_they_share() -> None:
    # "dollars" names many currencies: the Russian forms are доллар's, not канадский.
    assert set(term_table("en", "ru")["dollars"]) == {"доллар", "доллара", "долларов"}
    # "kilometres" is also in "square kilometres" and "kilometres per hour".
    assert "квадратный" not in term_table("en", "ru")["kilometres"]
    # Regional spellings of the source count ("kilometres" is en_GB's, "kilometers" en's).
    assert "kilometers" in term_table("en", "ru") and "kilometres" in term_table("en", "ru")


def test_abbreviations_and_unknown_languages_have_no_terms() -> None:
    assert "mar" not in term_table("en", "fr") and "di" not in term_table("de", "fr")
    assert term_table("xx", "fr") == {} == term_table("en", "xx")
    assert "the" not in term_table("en", "de")
