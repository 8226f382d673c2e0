"""Atomic output: readers never see a half-written results file or report folder."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mtcheck.errors import OutputError


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(str(path), f"cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(str(path), f"cannot write: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_directory(path: str | Path) -> Iterator[Path]:
    """Yield a staging folder that replaces ``path``'s content only if the block succeeds.

    Files are written into a hidden sibling folder; on success each staged
    entry is moved into ``path`` (replacing same-named entries); on failure or
    Ctrl-C the staging folder is removed and ``path`` is left as it was.
    """
    target = Path(path)
    try:
        target.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".mtcheck-staging-", dir=target))
    except OSError as exc:
        raise OutputError(str(target), f"cannot write output folder: {exc.strerror}") from None
    try:
        yield staging
        for entry in sorted(staging.iterdir()):
            destination = target / entry.name
            if destination.is_dir() and not destination.is_symlink():
                old = target / f".{entry.name}.old-{os.getpid()}"
                os.replace(destination, old)
                os.replace(entry, destination)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(entry, destination)
    except OSError as exc:
        raise OutputError(str(target), f"cannot write output: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
