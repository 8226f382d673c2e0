"""The user's cache folder and atomic writes into it.

Several things are worth keeping between runs: back-translations, and tables that
third-party packages parse or decompress on every start (uroman's romanisation
tables, the language-id model). They live under one folder, the platform's user
cache directory for "mtcheck" (``$XDG_CACHE_HOME/mtcheck`` on Linux). Files are
written to a temporary name and renamed into place, so a parallel run never reads
a half-written file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
import threading
import urllib.parse
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

_V = TypeVar("_V")
_J = TypeVar("_J")


def user_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("mtcheck"))


def write_atomic(path: Path, write: Callable[[BinaryIO], object]) -> bool:
    """Write ``path`` through ``write(handle)`` atomically; False when it could not be written.

    A cache that cannot be written (read-only home, full disk) is not an error: the
    caller just pays the cost again next time.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


class DiskTable(Mapping[str, _V]):
    """A read-only string-keyed table in an SQLite file of the cache folder.

    Reading a whole pickled table back costs about 0.2 s per megabyte-sized index; a
    run looks up a few hundred keys. Here each look-up reads only its row. Rows keep the
    order they were written in. A connection is never shared across a fork: a process
    that did not open it opens its own.
    """

    def __init__(self, path: Path, decode: Callable[[Any], _V]) -> None:
        self._path = path
        self._decode = decode
        self._opened: tuple[int, sqlite3.Connection] | None = None
        self._lock = threading.Lock()
        self._connection().execute("SELECT count(*) FROM rows WHERE key = ''").fetchone()

    def _connection(self) -> sqlite3.Connection:
        if self._opened is None or self._opened[0] != os.getpid():
            # immutable: the file is never changed once renamed into place (a rebuilt table
            # is a new file), so SQLite takes no locks.
            uri = f"file:{urllib.parse.quote(str(self._path))}?mode=ro&immutable=1"
            self._opened = (os.getpid(), sqlite3.connect(uri, uri=True, check_same_thread=False))
        return self._opened[1]

    def __getitem__(self, key: str) -> _V:
        with self._lock:
            row = self._connection().execute("SELECT value FROM rows WHERE key = ?",
                                              (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        return self._decode(json.loads(row[0]))

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            keys = [k for (k,) in self._connection().execute("SELECT key FROM rows ORDER BY id")]
        return iter(keys)

    def __len__(self) -> int:
        with self._lock:
            (count,) = self._connection().execute("SELECT count(*) FROM rows").fetchone()
        return int(count)


def disk_table(path: Path, build: Callable[[], Mapping[str, Any]],
               decode: Callable[[Any], _V]) -> Mapping[str, _V]:
    """The table kept at ``path`` (an SQLite file), or ``build()``'s, written there for the
    next run (values as JSON; ``decode`` turns a value read back into what ``build`` made).
    A table that cannot be written is built again next time, as with :func:`write_atomic`."""
    try:
        return DiskTable(path, decode)
    except sqlite3.Error:
        pass
    table = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        os.close(handle)
    except OSError:
        return table
    temporary = Path(name)
    try:
        with contextlib.closing(sqlite3.connect(temporary)) as db:
            # A private file renamed into place when complete: no journal, no syncs.
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE rows (id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, "
                       "value TEXT NOT NULL)")
            db.executemany("INSERT INTO rows (key, value) VALUES (?, ?)",
                           ((key, json.dumps(value, ensure_ascii=False))
                            for key, value in table.items()))
            db.commit()
        os.replace(temporary, path)
    except (OSError, sqlite3.Error):
        temporary.unlink(missing_ok=True)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return table


@cache
def fingerprint(module_file: str, *packages: str) -> str:
    """A short hash of what a cached table is derived from: the code of the module that
    derives it and the versions of the data ``packages``. A change of either names a new
    file, so a stale table is never read."""
    from importlib.metadata import version

    parts = (Path(module_file).read_bytes(), *(version(p).encode() for p in packages))
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


def kept_json(path: Path, build: Callable[[], _J]) -> _J:
    """``build()``'s JSON-able value, kept at ``path`` for the next run (read back when the
    file holds valid JSON, else built and written atomically). Objects keep their key
    order, so the value read back iterates as the one built."""
    try:
        return json.loads(path.read_bytes())  # type: ignore[no-any-return]
    except (OSError, ValueError):
        pass
    value = build()
    write_atomic(path, lambda out: out.write(json.dumps(value, ensure_ascii=False).encode("utf-8")))
    return value
