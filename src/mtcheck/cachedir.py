"""The user's cache folder and atomic writes into it.

Several things are worth keeping between runs: back-translations, and tables that
third-party packages parse or decompress on every start (uroman's romanisation
tables, the language-id model). They live under one folder, the platform's user
cache directory for "mtcheck" (``$XDG_CACHE_HOME/mtcheck`` on Linux). Files are
written to a temporary name and renamed into place, so a parallel run never reads
a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


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
