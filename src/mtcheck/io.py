"""The edges of a run: reading input files safely and writing outputs atomically.

Reading: every input file goes through :func:`read_input_bytes`, which looks
at the file before it reads a byte (regular files only, so a FIFO or a device
never blocks or floods the run; a size cap, so a sparse 1 GB file is refused
without being read).

Writing: :func:`atomic_write_text` replaces a regular file through a
temporary file and a rename, and writes *through* anything else (a terminal,
``/dev/stdout``, a pipe), never replacing it. :func:`atomic_directory` commits
a set of files by swapping one directory, so that a reader sees all of the
old files or all of the new ones.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mtcheck.errors import InputError, OutputError

# Inputs larger than this are refused before they are read. Override with the environment
# variable MTCHECK_MAX_INPUT_MB (documented in docs/guarantees.md).
DEFAULT_MAX_INPUT_MB = 100
MAX_INPUT_ENV = "MTCHECK_MAX_INPUT_MB"


def printable_path(path: str | Path) -> str:
    """A file name safe to print and to store in UTF-8 JSON (undecodable bytes as \\xNN)."""
    text = os.fspath(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def max_input_bytes() -> int:
    """The input size cap in bytes (``MTCHECK_MAX_INPUT_MB``, default 100)."""
    raw = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_INPUT_MB * 1024 * 1024
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not (value > 0 and value < 1e9):
        raise InputError(MAX_INPUT_ENV, f"must be a positive number of megabytes, not {raw!r}")
    return int(value * 1024 * 1024)


def read_input_bytes(path: str | Path, *, limit: int | None = None) -> bytes:
    """The bytes of an input file, after checking what the file is and how big.

    Opened non-blocking and checked with ``fstat`` before reading: a missing
    file, a folder, anything but a regular file (FIFO, device, socket) and a
    file over the size cap are :class:`InputError`s naming the file.
    """
    where = printable_path(path)
    limit = max_input_bytes() if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(where, "file not found") from None
    except IsADirectoryError:
        raise InputError(where, "is a directory, expected a file") from None
    except OSError as exc:
        raise InputError(where, f"cannot read file: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(where, "is a directory, expected a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(where, f"is a {_kind(info.st_mode)}, not a regular file; refused")
        if info.st_size > limit:
            raise InputError(where, f"file is {_megabytes(info.st_size)}, over the input limit "
                                    f"of {_megabytes(limit)} (raise it with {MAX_INPUT_ENV})")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # the file grew while being read
                raise InputError(where, f"file is over the input limit of {_megabytes(limit)} "
                                        f"(raise it with {MAX_INPUT_ENV})")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(where, f"cannot read file: {exc.strerror}") from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _default_file_mode() -> int:
    """0666 minus the process umask: the mode ``open()`` would give a new file."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _make_parent(path: Path) -> None:
    """Create ``path``'s parent folders, naming a file that stands in the way."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        for ancestor in [path.parent, *path.parent.parents]:
            if ancestor.exists() and not ancestor.is_dir():
                raise OutputError(printable_path(path),
                                  f"cannot write: {printable_path(ancestor)} is a file, "
                                  "not a folder") from None
        raise OutputError(printable_path(path), "cannot write: a parent is not a folder") from None
    except OSError as exc:
        raise OutputError(printable_path(path), f"cannot write: {exc.strerror}") from None


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path``: atomically for a regular file, through anything else.

    A regular file (or a symlink to one: the file it points to) is replaced by
    a rename, with the old file's mode, or the umask's for a new file. A
    character device, FIFO or socket (``/dev/stdout``, a pipe, a symlink to
    ``/proc/self/fd/1``) is written through and never replaced.
    """
    path = Path(path)
    where = printable_path(path)
    if path.is_symlink() and not path.exists():
        raise OutputError(where, f"cannot write: a symlink to a missing file "
                                 f"({printable_path(os.readlink(path))})")
    try:
        info: os.stat_result | None = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):  # the parent check names the culprit
        info = None
    except OSError as exc:
        raise OutputError(where, f"cannot write: {exc.strerror}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputError(where, "cannot write: is a folder")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_through(path, text, where)
        return
    path = Path(os.path.realpath(path))
    _make_parent(path)
    mode = stat.S_IMODE(info.st_mode) if info is not None else _default_file_mode()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(where, f"cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(where, f"cannot write: {exc.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_through(path: Path, text: str, where: str) -> None:
    """Write into a special file in place (a FIFO without a reader is refused, not waited on)."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(where, "cannot write: a pipe with no reader") from None
        raise OutputError(where, f"cannot write: {exc.strerror}") from None
    try:
        os.set_blocking(fd, True)
        data = text.encode("utf-8")
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise OutputError(where, f"cannot write: {exc.strerror}") from None
    finally:
        os.close(fd)


# renameat2(2) flag: exchange two paths atomically (Linux >= 3.15).
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders; False where the system cannot (then the caller falls back)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code))


def _copy_entry(source: Path, destination: Path) -> None:
    """Carry an untouched entry of the old output folder into the new one (hard link if possible)."""

    def link_or_copy(src: str, dst: str) -> None:
        try:
            os.link(src, dst, follow_symlinks=False)
        except OSError:
            shutil.copy2(src, dst, follow_symlinks=False)

    if source.is_symlink():
        os.symlink(os.readlink(source), destination)
    elif source.is_dir():
        shutil.copytree(source, destination, symlinks=True, copy_function=link_or_copy)
    else:
        link_or_copy(str(source), str(destination))


def resolve_output_folder(path: str | Path) -> Path:
    """The folder an ``--out`` path names, symlinks followed; clear errors for what cannot be one."""
    target = Path(path)
    where = printable_path(target)
    if target.is_symlink():
        if not target.exists():
            raise OutputError(where, f"cannot write output folder: a symlink to a missing folder "
                                     f"({printable_path(os.readlink(target))})")
        target = Path(os.path.realpath(target))
    if target.exists() and not target.is_dir():
        raise OutputError(where, "cannot write output folder: is a file, not a folder")
    if str(path) == "-":
        raise OutputError("-", "cannot write output folder '-' (stdout is not a folder)")
    return Path(os.path.abspath(target))


@contextlib.contextmanager
def atomic_directory(path: str | Path) -> Iterator[Path]:
    """Yield a staging folder whose files become ``path``'s content, all at once, on success.

    The staging folder is a hidden sibling of ``path``. On success the entries
    of the old folder that were not rewritten are carried over (hard links),
    and the staging folder is swapped with ``path`` in one atomic rename
    (``renameat2`` exchange; elsewhere two renames, the old folder kept until
    the new one is in place). On failure, Ctrl-C or SIGTERM the staging
    folder is removed and ``path`` is left exactly as it was.

    Where the folder cannot be swapped (a mount point, as in a container's
    ``-v out:/out``, or a parent folder that is not writable) the files are
    staged inside it and moved in one by one, each replaced file kept until
    all moves succeeded and put back if one fails: a failure still leaves the
    old files, but a reader may see a mix while the moves run.
    """
    target = resolve_output_folder(path)
    where = printable_path(target)
    _make_parent(target)
    swap = not (target.exists() and (os.path.ismount(target)
                                     or not os.access(target.parent, os.W_OK | os.X_OK)))
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.mtcheck-staging-",
                                        dir=target.parent if swap else target))
    except OSError as exc:
        raise OutputError(where, f"cannot write output folder: {exc.strerror}") from None
    old: Path | None = None
    try:
        yield staging
        if not swap:
            _move_entries(staging, target)
            return
        os.chmod(staging, stat.S_IMODE(os.stat(target).st_mode) if target.exists()
                 else _default_dir_mode())
        if not target.exists():
            os.rename(staging, target)
            return
        written = {entry.name for entry in staging.iterdir()}
        for entry in sorted(target.iterdir()):
            if entry.name not in written and ".mtcheck-staging-" not in entry.name:
                _copy_entry(entry, staging / entry.name)
        if _exchange(staging, target):
            old = staging  # now holds the previous content
        else:
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.mtcheck-old-", dir=target.parent))
            os.rmdir(old)
            os.rename(target, old)
            try:
                os.rename(staging, target)
            except OSError:
                os.rename(old, target)
                old = None
                raise
    except OSError as exc:
        raise OutputError(where, f"cannot write output: {exc.strerror}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _move_entries(staging: Path, target: Path) -> None:
    """Move staged entries into ``target``; on a failure put every replaced entry back."""
    backup = Path(tempfile.mkdtemp(prefix=".mtcheck-old-", dir=target))
    moved: list[tuple[Path, Path | None]] = []  # (destination, its backup)
    try:
        for entry in sorted(staging.iterdir()):
            destination = target / entry.name
            kept: Path | None = None
            if destination.exists() or destination.is_symlink():
                kept = backup / entry.name
                os.rename(destination, kept)
            moved.append((destination, kept))
            os.rename(entry, destination)
    except BaseException:
        for destination, kept in reversed(moved):
            with contextlib.suppress(OSError):
                if destination.is_dir() and not destination.is_symlink():
                    shutil.rmtree(destination)
                elif destination.exists() or destination.is_symlink():
                    os.unlink(destination)
                if kept is not None:
                    os.rename(kept, destination)
        raise
    finally:
        shutil.rmtree(backup, ignore_errors=True)


def _default_dir_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o777 & ~mask
