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
import re
import sqlite3
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

_V = TypeVar("_V")
_J = TypeVar("_J")


# A derived table's last use is its file's modification time, refreshed at most this often
# (access times are unreliable: most file systems are mounted relatime or noatime).
USE_RESOLUTION_S = 3600.0
# A table whose name carries another fingerprint than the one just written (the code or a
# data package changed) is removed once no run has used it for this long; another
# installed version that still uses it keeps it alive.
SUPERSEDED_AFTER_S = 7 * 86400.0
# Temporary files older than this were left by a run that was killed mid-write.
ABANDONED_TEMPORARY_S = 3600.0
_FINGERPRINTED = re.compile(r"^(?P<stem>.+)-[0-9a-f]{16}(?P<suffix>\.[A-Za-z0-9]+)$")


def user_cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("mtcheck"))


def note_use(path: Path) -> None:
    """Record that a run used the cached file ``path`` (see :func:`clean_cache`)."""
    try:
        if time.time() - path.stat().st_mtime > USE_RESOLUTION_S:
            os.utime(path)
    except OSError:
        pass


def _prune_superseded(path: Path) -> None:
    """Remove the tables ``path`` supersedes: same name but another fingerprint, unused
    for :data:`SUPERSEDED_AFTER_S`. Without this every upgrade would leave its tables."""
    match = _FINGERPRINTED.match(path.name)
    if match is None:
        return
    now = time.time()
    try:
        siblings = list(path.parent.iterdir())
    except OSError:
        return
    for sibling in siblings:
        other = _FINGERPRINTED.match(sibling.name)
        if (sibling == path or other is None or other["stem"] != match["stem"]
                or other["suffix"] != match["suffix"]):
            continue
        with contextlib.suppress(OSError):
            if now - sibling.stat().st_mtime > SUPERSEDED_AFTER_S:
                sibling.unlink()


@dataclass(frozen=True)
class CachedFile:
    """One file of the cache folder."""

    path: Path  # relative to the cache folder
    size: int
    last_used: float  # seconds since the epoch
    precious: bool  # costly to make again (model output), not a table derived from packages


def cache_contents(root: Path, precious: Collection[str] = ()) -> list[CachedFile]:
    """Every file under ``root``, sorted by path; files whose name starts with one of
    ``precious`` are marked so."""
    found = []
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            with contextlib.suppress(OSError):
                if path.is_file() and not path.is_symlink():
                    stat = path.stat()
                    found.append(CachedFile(path.relative_to(root), stat.st_size, stat.st_mtime,
                                            path.name.startswith(tuple(precious))))
    return found


def clean_cache(root: Path, *, unused_for_s: float, precious: Collection[str] = (),
                include_precious: bool = False, dry_run: bool = False) -> list[CachedFile]:
    """Remove the cached files of ``root`` that no run used for ``unused_for_s`` seconds
    (0: all), and temporary files a killed run left; precious files only when asked.
    Returns what was (or, with ``dry_run``, would be) removed. Everything removed but
    the precious files is rebuilt by the next run that needs it."""
    now = time.time()
    removed = []
    for entry in cache_contents(root, precious):
        abandoned = (entry.path.suffix == ".tmp"
                     and now - entry.last_used > ABANDONED_TEMPORARY_S)
        stale = now - entry.last_used >= unused_for_s
        if not (abandoned or (stale and (include_precious or not entry.precious))):
            continue
        if not dry_run:
            try:
                (root / entry.path).unlink()
            except OSError:
                continue
        removed.append(entry)
    if not dry_run:
        for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only empty ones go
    return removed


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
        table: Mapping[str, Any] = DiskTable(path, decode)
    except sqlite3.Error:
        pass
    else:
        note_use(path)
        return table
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
    _prune_superseded(path)
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
        kept: _J = json.loads(path.read_bytes())
    except (OSError, ValueError):
        pass
    else:
        note_use(path)
        return kept
    value = build()
    if write_atomic(path,
                    lambda out: out.write(json.dumps(value, ensure_ascii=False).encode("utf-8"))):
        _prune_superseded(path)
    return value
