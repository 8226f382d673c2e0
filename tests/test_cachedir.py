"""Tables kept in the user's cache folder (mtcheck.cachedir.disk_table)."""

from __future__ import annotations

import os
import time
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


def _age(path: Path, days: float) -> None:
    stamp = time.time() - days * 86400
    os.utime(path, (stamp, stamp))


def test_a_table_read_back_is_marked_used(tmp_path: Path) -> None:
    from mtcheck.cachedir import kept_json

    path = tmp_path / "t.json"
    kept_json(path, lambda: {"a": 1})
    _age(path, 40)
    kept_json(path, dict)
    assert path.stat().st_mtime > time.time() - 60


def test_a_new_fingerprint_removes_the_tables_it_supersedes_once_unused(tmp_path: Path) -> None:
    from mtcheck.cachedir import kept_json

    old = tmp_path / "scale-pt-0123456789abcdef.json"
    in_use = tmp_path / "scale-pt-1111111111111111.json"
    other_kind = tmp_path / "scale-fr-0123456789abcdef.json"
    other_suffix = tmp_path / "scale-pt-0123456789abcdef.sqlite3"
    for path in (old, in_use, other_kind, other_suffix):
        path.write_text("{}")
        _age(path, 30)
    _age(in_use, 1)  # another installed version used it yesterday
    kept_json(tmp_path / "scale-pt-fedcba9876543210.json", lambda: {"x": 1})
    assert not old.exists()
    assert in_use.exists() and other_kind.exists() and other_suffix.exists()


def test_a_new_place_table_removes_the_one_it_supersedes(tmp_path: Path) -> None:
    old = tmp_path / "index-de-0123456789abcdef.sqlite3"
    disk_table(old, lambda: {"a": ("b",)}, _decode)
    _age(old, 10)
    disk_table(tmp_path / "index-de-fedcba9876543210.sqlite3", lambda: {"a": ("c",)}, _decode)
    assert not old.exists() and len(list(tmp_path.iterdir())) == 1


def test_cleaning_removes_what_no_run_used_and_keeps_back_translations(tmp_path: Path) -> None:
    from mtcheck.cachedir import cache_contents, clean_cache

    (tmp_path / "places").mkdir()
    stale, fresh = tmp_path / "places" / "index-de-x.sqlite3", tmp_path / "uroman-1.pickle"
    precious, left = tmp_path / "backtranslations.sqlite3", tmp_path / "uroman-1.pickle123.tmp"
    for path in (stale, fresh, precious, left):
        path.write_bytes(b"x" * 10)
    for path in (stale, precious):
        _age(path, 60)
    _age(left, 0.5)  # a killed run's half-written file, hours old
    kept = ("backtranslations.sqlite3",)
    listed = clean_cache(tmp_path, unused_for_s=30 * 86400, precious=kept, dry_run=True)
    assert {e.path.name for e in listed} == {stale.name, left.name} and stale.exists()
    removed = clean_cache(tmp_path, unused_for_s=30 * 86400, precious=kept)
    assert {e.path.name for e in removed} == {stale.name, left.name}
    assert not (tmp_path / "places").exists()  # an emptied folder goes too
    assert [e.path.name for e in cache_contents(tmp_path, kept)] == [precious.name, fresh.name]
    clean_cache(tmp_path, unused_for_s=0, precious=kept)
    assert [e.path.name for e in cache_contents(tmp_path, kept)] == [precious.name]
    clean_cache(tmp_path, unused_for_s=0, precious=kept, include_precious=True)
    assert cache_contents(tmp_path) == []


def test_the_cache_command_lists_and_cleans(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from mtcheck.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    root = tmp_path / "mtcheck"
    (root / "places").mkdir(parents=True)
    (root / "places" / "cities-0123456789abcdef.sqlite3").write_bytes(b"x" * 2000)
    (root / "backtranslations.sqlite3").write_bytes(b"y" * 500)
    listed = CliRunner().invoke(main, ["cache", "info", "--json"])
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.output)["kinds"] == {
        "back-translations": {"files": 1, "bytes": 500}, "places": {"files": 1, "bytes": 2000}}
    cleaned = CliRunner().invoke(main, ["cache", "clean", "--unused-days", "0"])
    assert cleaned.exit_code == 0 and "removed 1 files" in cleaned.output
    assert (root / "backtranslations.sqlite3").exists() and not (root / "places").exists()
    refused = CliRunner().invoke(main, ["cache", "clean", "--unused-days", "-1"])
    assert refused.exit_code == 2
