"""Tables kept in the user's cache folder (mtcheck.cachedir.disk_table)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.cachedir import DiskTable, disk_table


def _decode(row: list[object]) -> tuple[str, ...]:
    return tuple(str(x) for x in row)


def test_a_built_table_is_written_and_read_back_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "places" / "index.sqlite3"
    built = {"wien": ("zone:Europe/Vienna",), "paris": ("city:2988507", "zone:Europe/Paris")}
    calls: list[int] = []

    def build() -> dict[str, tuple[str, ...]]:
        calls.append(1)
        return built

    assert disk_table(path, build, _decode) is built
    again = disk_table(path, build, _decode)
    assert isinstance(again, DiskTable) and calls == [1]
    assert dict(again) == built and list(again) == list(built)  # rows keep their order
    assert again.get("rome") is None and "paris" in again and len(again) == 2


def test_a_corrupt_table_is_built_again(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    path.write_bytes(b"not a database at all" * 100)
    table = disk_table(path, lambda: {"a": ("b",)}, _decode)
    assert dict(table) == {"a": ("b",)}
    assert dict(disk_table(path, dict, _decode)) == {"a": ("b",)}  # the rebuilt file serves


def test_an_unwritable_folder_still_gives_the_table(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    table = disk_table(blocker / "sub" / "t.sqlite3", lambda: {"k": ("v",)}, _decode)
    assert dict(table) == {"k": ("v",)}
    assert not list(tmp_path.glob("**/*.tmp"))


@given(st.dictionaries(st.text(min_size=0, max_size=8),
                       st.lists(st.text(max_size=6), max_size=3), max_size=20))
def test_any_table_reads_back_as_written(entries: dict[str, list[str]]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.sqlite3"
        built = {key: tuple(value) for key, value in entries.items()}
        disk_table(path, lambda: built, _decode)
        assert list(disk_table(path, dict, _decode).items()) == list(built.items())


@pytest.mark.parametrize("key", ["'; DROP TABLE rows; --", "%", "_", "\0"])
def test_keys_are_data_not_sql(tmp_path: Path, key: str) -> None:
    path = tmp_path / "t.sqlite3"
    disk_table(path, lambda: {key: ("v",), "other": ("w",)}, _decode)
    table = disk_table(path, dict, _decode)
    assert table[key] == ("v",) and len(table) == 2


def test_a_kept_value_is_built_once_and_read_back(tmp_path: Path) -> None:
    from mtcheck.cachedir import kept_json

    path = tmp_path / "n" / "scale.json"
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"milliard": 10**9, "млрд": 10**9}

    assert kept_json(path, build) == kept_json(path, build) == build()
    assert len(calls) == 2  # the second call read the file; the third is this test's own
    path.write_text("{not json")
    assert kept_json(path, build) == {"milliard": 10**9, "млрд": 10**9}


def test_a_fingerprint_changes_with_the_code_it_names(tmp_path: Path) -> None:
    from mtcheck.cachedir import fingerprint

    first, second = tmp_path / "a.py", tmp_path / "b.py"
    first.write_text("x = 1\n")
    second.write_text("x = 2\n")
    assert fingerprint(str(first), "babel") != fingerprint(str(second), "babel")
    assert fingerprint(str(first), "babel") != fingerprint(str(first), "babel", "jinja2")


def test_scale_words_read_back_from_the_cache_are_babels(monkeypatch: pytest.MonkeyPatch,
                                                         tmp_path: Path) -> None:
    from mtcheck.names import numerals

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = numerals._read_cldr_scale_words("pt")
    assert numerals._cldr_scale_words("pt") == fresh  # built and written
    assert list(tmp_path.glob("mtcheck/numerals/scale-words-pt-*.json"))
    assert numerals._cldr_scale_words("pt") == fresh  # read back
    assert fresh.get("bilhões") == 10**9 and "bi" not in fresh


def test_currency_facts_read_back_from_the_cache_are_babels(monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    from mtcheck.names import numerals

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    facts = (numerals.currency_markers, numerals.currency_scales, numerals._decimal_mark,
             numerals.month_names)
    for fact in facts:
        fact.cache_clear()
    try:
        fresh = [fact("fr") for fact in facts]
        assert len(list(tmp_path.glob("mtcheck/numerals/*-fr-*.json"))) == 4
        for fact in facts:
            fact.cache_clear()
        assert [fact("fr") for fact in facts] == fresh  # now read from the files
        markers, scales, mark, months = fresh
        assert "euro" in markers and ("md", 10**9) in scales and mark == ","
        assert "janvier" in months and "févr" in months
    finally:
        for fact in facts:
            fact.cache_clear()


def test_a_kept_value_iterates_as_the_one_built(tmp_path: Path) -> None:
    from mtcheck.cachedir import kept_json

    built = {"pt_PT": {"territory:IR": "Irão"}, "pt_BR": {"territory:IR": "Irã"}, "pt": {}}
    path = tmp_path / "locales.json"
    kept_json(path, lambda: built)
    again = kept_json(path, dict)
    assert list(again) == ["pt_PT", "pt_BR", "pt"] and again == built
