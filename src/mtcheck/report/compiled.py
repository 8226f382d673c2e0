"""Compiled report templates kept in the user cache folder between runs.

Jinja compiles each template to Python on first use, which took 0.15-0.3 s of every
run that writes a report. Its bytecode cache keeps the compiled code, keyed by the
template's source and the Python version, so an edited template or another
interpreter compiles afresh. A cache that cannot be read or written only makes the
run slower, never wrong.
"""

from __future__ import annotations

import contextlib
from functools import cache

import jinja2
from jinja2.bccache import Bucket

from mtcheck.cachedir import user_cache_dir


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file fails in many ways; each means compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def template_cache() -> jinja2.BytecodeCache | None:
    """The bytecode cache of the report environments; None when the folder cannot be made."""
    folder = user_cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(folder))
