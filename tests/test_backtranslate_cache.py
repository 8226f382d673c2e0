"""The SQLite back-translation cache."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.backtranslate.cache import CACHE_FILE, TranslationCache, cache_key
from mtcheck.errors import OutputError


def test_stored_translations_are_found_again(tmp_path: Path) -> None:
    with TranslationCache(tmp_path) as cache:
        cache.store("k", [("Привет.", "Hello."), ("Пока.", "Bye.")])
    with TranslationCache(tmp_path) as cache:
        assert cache.lookup("k", ["Пока.", "Привет.", "Новое."]) == {
            "Привет.": "Hello.", "Пока.": "Bye."}
        assert cache.lookup("other", ["Пока."]) == {}


def test_a_second_store_of_the_same_sentence_keeps_the_first(tmp_path: Path) -> None:
    with TranslationCache(tmp_path) as cache:
        cache.store("k", [("a", "first")])
        cache.store("k", [("a", "second")])
        assert cache.lookup("k", ["a"]) == {"a": "first"}
        assert cache.count() == 1


def test_the_cache_uses_wal_journaling(tmp_path: Path) -> None:
    with TranslationCache(tmp_path) as cache:
        cache.lookup("k", ["a"])
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_many_lookups_are_chunked(tmp_path: Path) -> None:
    texts = [f"sentence {i}" for i in range(1300)]
    with TranslationCache(tmp_path) as cache:
        cache.store("k", [(t, t.upper()) for t in texts])
        found = cache.lookup("k", texts)
    assert len(found) == 1300 and found["sentence 1299"] == "SENTENCE 1299"


def test_concurrent_writers_do_not_fail(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            with TranslationCache(tmp_path) as cache:
                for batch in range(20):
                    cache.store("k", [(f"s{batch}-{i}", f"w{worker}") for i in range(50)])
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with TranslationCache(tmp_path) as cache:
        assert cache.count() == 20 * 50


def test_an_unusable_folder_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    cache = TranslationCache(blocker / "cache")  # opened only when first used
    with pytest.raises(OutputError, match="--cache-dir"):
        cache.lookup("k", ["a"])


def test_a_cache_of_another_schema_is_refused(tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(OutputError, match="schema 99"):
        TranslationCache(tmp_path).lookup("k", ["a"])


def test_cache_keys_ignore_the_order_of_settings() -> None:
    assert cache_key({"a": 1, "b": "x"}) == cache_key({"b": "x", "a": 1})
    assert cache_key({"a": 1}) != cache_key({"a": 2})


@settings(max_examples=30, deadline=None)
@given(stored=st.dictionaries(st.text(min_size=1), st.text()),
       asked=st.lists(st.text(min_size=1)))
def test_lookup_returns_exactly_the_stored_subset(tmp_path_factory: pytest.TempPathFactory,
                                                  stored: dict[str, str],
                                                  asked: list[str]) -> None:
    with TranslationCache(tmp_path_factory.mktemp("cache")) as cache:
        cache.store("k", stored.items())
        assert cache.lookup("k", asked) == {t: stored[t] for t in asked if t in stored}


def test_the_cache_file_is_not_created_until_it_is_used(tmp_path: Path) -> None:
    with TranslationCache(tmp_path / "c"):
        pass
    assert not (tmp_path / "c").exists()


def test_a_locked_cache_times_out_in_seconds_naming_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from mtcheck.backtranslate import cache as cache_module

    monkeypatch.setattr(cache_module, "LOCK_TIMEOUT_S", 0.3)
    with sqlite3.connect(tmp_path / CACHE_FILE, isolation_level=None) as holder:
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        with pytest.raises(OutputError, match="locked by another process") as error:
            TranslationCache(tmp_path).lookup("k", ["a"])
        assert time.monotonic() - started < 5
        assert str(tmp_path / CACHE_FILE) in str(error.value)
        holder.execute("ROLLBACK")


def test_a_cache_that_cannot_be_written_degrades_with_a_note(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.errors import MtcheckWarning

    with TranslationCache(tmp_path) as cache:
        cache.store("k", [("a", "A")])
    real_connect = sqlite3.connect

    def read_only_disk(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if not kwargs.get("uri"):
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real_connect(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", read_only_disk)
    with pytest.warns(MtcheckWarning, match="read-only"), TranslationCache(tmp_path) as cache:
        assert cache.lookup("k", ["a", "b"]) == {"a": "A"}
        cache.store("k", [("b", "B")])  # silently not kept
        assert cache.lookup("k", ["b"]) == {}
    with pytest.warns(MtcheckWarning, match="without a cache"), \
            TranslationCache(tmp_path / "none") as cache:
        assert cache.lookup("k", ["a"]) == {}
