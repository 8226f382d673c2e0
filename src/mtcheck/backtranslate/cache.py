"""A persistent SQLite cache of back-translations.

Back-translation is by far the slowest stage, and CI re-runs mostly see the
same sentences, so every back-translation is kept, keyed by everything that can
change it: model and exact revision, backend and quantization, generation
settings, source and target language, and the text. Several runs (parallel CI
jobs) may share one cache: WAL journaling lets readers work while one writes, a
busy timeout waits for the lock instead of failing, and ``INSERT OR IGNORE``
makes two runs storing the same sentence harmless.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

from mtcheck.cachedir import user_cache_dir
from mtcheck.errors import OutputError

CACHE_FILE = "backtranslations.sqlite3"
_SCHEMA_VERSION = 1
_BUSY_TIMEOUT_MS = 60_000
_OPEN_ATTEMPTS = 20
# SQLite limits the number of host parameters per statement; stay well below.
_LOOKUP_CHUNK = 500


def default_cache_dir() -> Path:
    return user_cache_dir()


def cache_key(settings: Mapping[str, str | int | float]) -> str:
    """A stable key for a set of generation settings (order of the mapping does not matter)."""
    canonical = json.dumps(dict(settings), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


class TranslationCache:
    """Back-translations stored in one SQLite file under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_FILE
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000,
                                           isolation_level=None)
                self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
                self._create()
                return
            except sqlite3.OperationalError as exc:
                # Switching a new file to WAL while another run does the same can report
                # "locked" without waiting for the busy timeout; a short retry settles it.
                if "locked" not in str(exc) or attempt == _OPEN_ATTEMPTS - 1:
                    raise self._unusable(exc) from None
                time.sleep(0.05 * (attempt + 1))
            except (OSError, sqlite3.Error) as exc:
                raise self._unusable(exc) from None

    def _unusable(self, exc: Exception) -> OutputError:
        return OutputError(str(self.path), f"cannot open the back-translation cache: {exc}. "
                           "Choose another folder with --cache-dir")

    def _create(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, _SCHEMA_VERSION):
            raise OutputError(str(self.path), f"cache schema {version} is not {_SCHEMA_VERSION}; "
                              "delete the file or choose another --cache-dir")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS backtranslations ("
            " key TEXT NOT NULL, source TEXT NOT NULL, translation TEXT NOT NULL,"
            " PRIMARY KEY (key, source)) WITHOUT ROWID"
        )
        self._db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")

    def lookup(self, key: str, texts: Sequence[str]) -> dict[str, str]:
        """The cached back-translations of those ``texts`` that are cached under ``key``."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(texts))
        try:
            for start in range(0, len(unique), _LOOKUP_CHUNK):
                chunk = unique[start : start + _LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT source, translation FROM backtranslations "
                    f"WHERE key = ? AND source IN ({marks})",
                    (key, *chunk),
                )
                found.update(rows.fetchall())
        except sqlite3.Error as exc:
            raise OutputError(str(self.path), f"cannot read the back-translation cache: {exc}"
                              ) from None
        return found

    def store(self, key: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Keep back-translations; rows another run stored meanwhile are left as they are."""
        rows = [(key, source, translation) for source, translation in pairs]
        try:
            with self._db:  # one transaction: a crash leaves no half-written batch
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany(
                    "INSERT OR IGNORE INTO backtranslations (key, source, translation) "
                    "VALUES (?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as exc:
            raise OutputError(str(self.path), f"cannot write the back-translation cache: {exc}"
                              ) from None

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM backtranslations").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
