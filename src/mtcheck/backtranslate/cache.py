"""A persistent SQLite cache of back-translations.

Back-translation is by far the slowest stage, and CI re-runs mostly see the
same sentences, so every back-translation is kept, keyed by everything that can
change it: model and exact revision, backend and quantization, generation
settings, source and target language, and the text. Several runs (parallel CI
jobs) may share one cache: WAL journaling lets readers work while one writes, a
busy timeout waits (seconds, not minutes) for the lock, and ``INSERT OR IGNORE``
makes two runs storing the same sentence harmless.
"""

from __future__ import annotations

import errno
import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

from mtcheck.cachedir import user_cache_dir
from mtcheck.errors import MtcheckWarning, OutputError

CACHE_FILE = "backtranslations.sqlite3"
_SCHEMA_VERSION = 1
# How long a run waits for a cache another process holds locked before it stops with a
# message naming the file (a writer holds the lock for one batch insert: milliseconds).
LOCK_TIMEOUT_S = 10.0
# SQLite limits the number of host parameters per statement; stay well below.
_LOOKUP_CHUNK = 500


def default_cache_dir() -> Path:
    return user_cache_dir()


def cache_key(settings: Mapping[str, str | int | float]) -> str:
    """A stable key for a set of generation settings (order of the mapping does not matter)."""
    canonical = json.dumps(dict(settings), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


class TranslationCache:
    """Back-translations stored in one SQLite file under ``folder``.

    The file is opened on the first lookup, so a run that back-translates
    nothing (no model available) never touches it. A cache locked by another
    process for more than :data:`LOCK_TIMEOUT_S` seconds is an
    :class:`~mtcheck.errors.OutputError` naming the file; a cache that cannot
    be written (read-only file or folder) is used read-only, or not at all,
    with a note (:class:`~mtcheck.errors.MtcheckWarning`).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / CACHE_FILE
        self._db: sqlite3.Connection | None = None
        self._writable = True
        self._disabled = False
        self.note = ""

    def _connection(self) -> sqlite3.Connection | None:
        if self._db is not None or self._disabled:
            return self._db
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        attempt = 0
        while True:
            attempt += 1
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT_S, isolation_level=None)
                try:
                    db.execute(f"PRAGMA busy_timeout = {int(LOCK_TIMEOUT_S * 1000)}")
                    db.execute("PRAGMA journal_mode = WAL")
                    db.execute("PRAGMA synchronous = NORMAL")
                    self._create(db)
                except BaseException:
                    db.close()
                    raise
                self._db = db
                return db
            except (FileExistsError, NotADirectoryError) as exc:
                raise self._unusable(exc) from None
            except OSError as exc:
                if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                    return self._degrade(exc.strerror or str(exc))
                raise self._unusable(exc) from None
            except sqlite3.OperationalError as exc:
                message = str(exc)
                if "readonly" in message or "unable to open" in message:
                    return self._degrade(message)
                # Switching a new file to WAL while another run does the same can report
                # "locked" without waiting for the busy timeout; a short retry settles it.
                if "locked" in message or "busy" in message:
                    if time.monotonic() >= deadline:
                        raise self._locked() from None
                    time.sleep(min(0.05 * attempt, 0.5))
                    continue
                raise self._unusable(exc) from None
            except sqlite3.Error as exc:
                raise self._unusable(exc) from None

    def _degrade(self, problem: str) -> sqlite3.Connection | None:
        """Use the cache read-only if its file can be read, else run without one; say so once."""
        self._writable = False
        if self.path.is_file():
            try:
                uri = f"file:{quote(str(self.path))}?mode=ro"
                db = sqlite3.connect(uri, uri=True, timeout=LOCK_TIMEOUT_S, isolation_level=None)
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version == _SCHEMA_VERSION:
                    self._db = db
                    self._warn(f"back-translation cache {self.path} cannot be written "
                               f"({problem}); using it read-only, new back-translations are "
                               "not kept")
                    return db
                db.close()
            except sqlite3.Error:
                pass
        self._disabled = True
        self._warn(f"back-translation cache {self.path} cannot be written ({problem}); "
                   "running without a cache (choose a writable folder with --cache-dir)")
        return None

    def _warn(self, note: str) -> None:
        import warnings

        self.note = note
        warnings.warn(MtcheckWarning(note), stacklevel=3)

    def _locked(self) -> OutputError:
        return OutputError(str(self.path), f"the back-translation cache is locked by another "
                           f"process (waited {LOCK_TIMEOUT_S:g} s); try again, or use another "
                           "folder with --cache-dir")

    def _unusable(self, exc: Exception) -> OutputError:
        return OutputError(str(self.path), f"cannot open the back-translation cache: {exc}. "
                           "Choose another folder with --cache-dir")

    def _create(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, _SCHEMA_VERSION):
            raise OutputError(str(self.path), f"cache schema {version} is not {_SCHEMA_VERSION}; "
                              "delete the file or choose another --cache-dir")
        db.execute(
            "CREATE TABLE IF NOT EXISTS backtranslations ("
            " key TEXT NOT NULL, source TEXT NOT NULL, translation TEXT NOT NULL,"
            " PRIMARY KEY (key, source)) WITHOUT ROWID"
        )
        db.execute(f"PRAGMA user_version = {_SCHEMA_VERSION}")

    def _failed(self, exc: sqlite3.Error, doing: str) -> OutputError:
        if "locked" in str(exc) or "busy" in str(exc):
            return self._locked()
        return OutputError(str(self.path), f"cannot {doing} the back-translation cache: {exc}")

    def lookup(self, key: str, texts: Sequence[str]) -> dict[str, str]:
        """The cached back-translations of those ``texts`` that are cached under ``key``."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(texts))
        db = self._connection()
        if db is None:
            return found
        try:
            for start in range(0, len(unique), _LOOKUP_CHUNK):
                chunk = unique[start : start + _LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT source, translation FROM backtranslations "
                    f"WHERE key = ? AND source IN ({marks})",
                    (key, *chunk),
                )
                found.update(rows.fetchall())
        except sqlite3.Error as exc:
            raise self._failed(exc, "read") from None
        return found

    def store(self, key: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Keep back-translations; rows another run stored meanwhile are left as they are."""
        rows = [(key, source, translation) for source, translation in pairs]
        db = self._connection()
        if db is None or not self._writable:
            return
        try:
            with db:  # one transaction: a crash leaves no half-written batch
                db.execute("BEGIN IMMEDIATE")
                db.executemany(
                    "INSERT OR IGNORE INTO backtranslations (key, source, translation) "
                    "VALUES (?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as exc:
            raise self._failed(exc, "write") from None

    def count(self) -> int:
        db = self._connection()
        if db is None:
            return 0
        return int(db.execute("SELECT COUNT(*) FROM backtranslations").fetchone()[0])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
