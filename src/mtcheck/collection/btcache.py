"""Back-translation caches of parallel workers, merged by the driver.

The driver owns the back-translation cache. A worker process never writes to
it: it works on a private copy (taken when the worker starts, so that earlier
back-translations are found) and, after each document, hands the rows it added
back with the document's results; the driver stores them. Workers therefore
never contend for one SQLite file, and a worker on another machine needs no
shared disk. The rows are the cache's own (key, source, translation) triples,
keyed by content, so merging them in any order gives the same cache.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mtcheck.backtranslate.cache import CACHE_FILE, TranslationCache

Row = tuple[str, str, str]
_TABLE = "backtranslations"


class PrivateCache:
    """A worker's copy of the driver's cache and the rows it has already handed back."""

    def __init__(self, seed_folder: Path | None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="mtcheck-worker-cache-"))
        self._reported = self.folder / "reported.sqlite3"
        seed = seed_folder / CACHE_FILE if seed_folder else None
        if seed is not None and seed.is_file():
            for target in (self.folder / CACHE_FILE, self._reported):
                _copy_database(seed, target)
        with TranslationCache(self.folder) as cache:
            cache.count()  # opens it (the cache opens lazily): creates the table if none
        if not self._reported.exists():
            _copy_database(self.folder / CACHE_FILE, self._reported)

    def new_rows(self) -> tuple[Row, ...]:
        """Rows added since the last call (or since the copy was taken)."""
        db = sqlite3.connect(self.folder / CACHE_FILE, isolation_level=None)
        try:
            db.execute("ATTACH DATABASE ? AS reported", (str(self._reported),))
            rows = tuple(sorted(db.execute(
                f"SELECT key, source, translation FROM main.{_TABLE} EXCEPT "
                f"SELECT key, source, translation FROM reported.{_TABLE}").fetchall()))
            if rows:
                db.execute("BEGIN")
                db.executemany(f"INSERT OR IGNORE INTO reported.{_TABLE} VALUES (?, ?, ?)", rows)
                db.execute("COMMIT")
            return rows
        finally:
            db.close()

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def merge_rows(folder: Path, rows: Iterable[Row]) -> int:
    """Store workers' rows in the driver's cache under ``folder``; returns how many were given."""
    by_key: dict[str, list[tuple[str, str]]] = {}
    for key, source, translation in rows:
        by_key.setdefault(key, []).append((source, translation))
    if not by_key:
        return 0
    with TranslationCache(folder) as cache:
        for key, pairs in sorted(by_key.items()):
            cache.store(key, pairs)
    return sum(len(pairs) for pairs in by_key.values())


def _copy_database(source: Path, target: Path) -> None:
    """A consistent copy even while another process writes (SQLite's backup API)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
