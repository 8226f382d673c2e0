"""Finding the documents of a collection.

A collection is either a folder whose sub-folders are document folders (each
with its ``manifest.toml``), or a collection manifest: a TOML file with a
``[collection]`` table naming document folders by glob, plus a shared config and
glossary (see docs/collections.md). Nothing here runs the pipeline.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtcheck.corpus import MANIFEST, read_text
from mtcheck.errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_COLLECTION_KEYS = frozenset({"id", "documents", "config", "glossary"})
_MEMORY_KEYS = frozenset({"min_articles", "min_share"})
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class MemorySettings:
    """When a rendering counts as the site's established form of a name."""

    # The established form must be used in at least this many other articles ...
    min_articles: int = 3
    # ... and by at least this share of the articles that render the name in that language.
    min_share: float = 0.6


@dataclass(frozen=True)
class DocumentSpec:
    """One document folder of a collection."""

    id: str
    manifest: str  # path of its manifest.toml
    folder: str  # output sub-folder name: the id made safe for a file name
    date: str | None = None  # [document] date, ISO "YYYY-MM-DD" when given


@dataclass(frozen=True)
class CollectionSpec:
    """The documents of a collection, in a stable order, with the shared settings."""

    id: str
    root: str
    documents: tuple[DocumentSpec, ...]
    config: str | None = None  # shared config file
    glossary: str | None = None  # shared glossary file (overrides the config's)
    memory: MemorySettings = field(default_factory=MemorySettings)


def is_collection(path: str | Path) -> bool:
    """True for a collection manifest or a folder of document folders (not a corpus folder)."""
    path = Path(path)
    if path.is_file():
        return path.suffix == ".toml" and path.name != MANIFEST and _has_collection_table(path)
    if not path.is_dir() or (path / MANIFEST).exists():
        return False
    return any((child / MANIFEST).is_file() for child in path.iterdir() if child.is_dir())


def discover(path: str | Path) -> CollectionSpec:
    """The documents of the collection at ``path``; problems raise InputError naming the file."""
    path = Path(path)
    if path.is_file():
        return _from_manifest(path)
    if not path.is_dir():
        raise InputError(str(path), "no such collection (expected a folder of document folders "
                                    "or a collection manifest)")
    folders = sorted(child for child in path.iterdir()
                     if child.is_dir() and (child / MANIFEST).is_file())
    if not folders:
        raise InputError(str(path), "no document folders here (sub-folders with manifest.toml)")
    return CollectionSpec(id=path.resolve().name, root=str(path),
                          documents=_documents(folders, str(path)))


def _has_collection_table(path: Path) -> bool:
    try:
        return "collection" in tomllib.loads(read_text(path))
    except (InputError, tomllib.TOMLDecodeError):
        return False


def _from_manifest(path: Path) -> CollectionSpec:
    where = str(path)
    try:
        table = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(where, f"invalid TOML: {exc}") from None
    unknown = set(table) - {"collection", "memory"}
    if unknown:
        raise InputError(where, f"unknown table(s) {sorted(unknown)}; expected [collection], [memory]")
    collection = _table(table, "collection", where)
    unknown = set(collection) - _COLLECTION_KEYS
    if unknown:
        raise InputError(where, f"unknown key(s) in [collection]: {', '.join(sorted(unknown))}")
    patterns = collection.get("documents")
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise InputError(where, "[collection] documents must be a list of glob patterns")
    base = path.parent
    folders: list[Path] = []
    for pattern in patterns:
        matched = sorted(m for m in base.glob(pattern) if m.is_dir() and (m / MANIFEST).is_file())
        matched += sorted(m.parent for m in base.glob(pattern) if m.name == MANIFEST and m.is_file())
        if not matched:
            raise InputError(where, f"documents pattern {pattern!r} matches no document folder")
        folders.extend(m for m in matched if m not in folders)
    config = _optional_path(collection, "config", base, where)
    glossary = _optional_path(collection, "glossary", base, where)
    memory = _memory(_table(table, "memory", where), where)
    name = collection.get("id", path.stem)
    if not isinstance(name, str) or not name:
        raise InputError(where, "[collection] id must be a non-empty string")
    return CollectionSpec(id=name, root=str(base), documents=_documents(folders, where),
                          config=config, glossary=glossary, memory=memory)


def _documents(folders: list[Path], where: str) -> tuple[DocumentSpec, ...]:
    specs: list[DocumentSpec] = []
    owner: dict[str, str] = {}
    for folder in folders:
        manifest = folder / MANIFEST
        doc_id, date = _identity(manifest, folder.name)
        safe = _SAFE.sub("-", doc_id).strip("-.") or "document"
        if safe in owner:
            raise InputError(where, f"two documents share the id {doc_id!r}: {owner[safe]} and "
                                    f"{manifest}; give each a unique [document] id")
        owner[safe] = str(manifest)
        specs.append(DocumentSpec(id=doc_id, manifest=str(manifest), folder=safe, date=date))
    return tuple(specs)


def _identity(manifest: Path, fallback: str) -> tuple[str, str | None]:
    """The document's id and date, read from its manifest (the corpus loader checks the rest)."""
    try:
        document = tomllib.loads(read_text(manifest)).get("document", {})
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(manifest), f"invalid TOML: {exc}") from None
    if not isinstance(document, dict):
        raise InputError(str(manifest), "[document] must be a table")
    doc_id = document.get("id") or fallback
    date = document.get("date")
    if date is not None and not isinstance(date, str):
        date = date.isoformat() if hasattr(date, "isoformat") else None
    return str(doc_id), date


def _table(table: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise InputError(where, f"[{key}] must be a table")
    return value


def _optional_path(table: dict[str, Any], key: str, base: Path, where: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(where, f"[collection] {key} must be a path string")
    resolved = base / value
    if not resolved.is_file():
        raise InputError(where, f"[collection] {key} = {value!r}: file not found")
    return str(resolved)


def _memory(table: dict[str, Any], where: str) -> MemorySettings:
    unknown = set(table) - _MEMORY_KEYS
    if unknown:
        raise InputError(where, f"unknown key(s) in [memory]: {', '.join(sorted(unknown))}")
    articles = table.get("min_articles", MemorySettings.min_articles)
    share = table.get("min_share", MemorySettings.min_share)
    if isinstance(articles, bool) or not isinstance(articles, int) or articles < 1:
        raise InputError(where, "[memory] min_articles must be a whole number >= 1")
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
        raise InputError(where, "[memory] min_share must be a number in (0, 1]")
    return MemorySettings(min_articles=articles, min_share=float(share))
