"""Glossaries: the expected rendering of each name per target language.

A glossary is a TOML file with one table per entity::

    [entities.pezeshkian]
    name = "Masoud Pezeshkian"              # how reports name the entity
    kind = "person"                          # person | place | organisation (informational)
    source = ["Pezeshkian", "Pezhashyan"]   # spellings that may occur in the source
    [entities.pezeshkian.targets]
    ru = "Пезешкиан"                         # the expected base form ...
    zh = ["佩泽希齐扬", "佩泽希齐安"]          # ... or several: the first is expected,
                                             # the others are accepted too

Inflected forms are accepted through the inflection rules of the target language, so a
glossary lists base forms only.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtcheck.errors import ConfigError, InputError, LanguageError
from mtcheck.languages import get_language

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_ENTRY_KEYS = frozenset({"name", "kind", "source", "targets"})
KINDS = ("person", "place", "organisation", "other")


@dataclass(frozen=True)
class GlossaryEntry:
    """One entity: its source spellings and the renderings expected per language."""

    id: str
    name: str
    source_forms: tuple[str, ...]
    targets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    kind: str = "other"

    def expected(self, lang: str) -> str | None:
        """The preferred rendering in ``lang``, if the glossary has one."""
        forms = self.accepted(lang)
        return forms[0] if forms else None

    def accepted(self, lang: str) -> tuple[str, ...]:
        """Renderings for ``lang`` (a canonical code); a regional tag falls back to its language."""
        return self.targets.get(lang) or self.targets.get(lang.split("-", 1)[0].lower(), ())


@dataclass(frozen=True)
class Glossary:
    """Entries in file order; ``path`` names the file in messages and signatures."""

    path: str
    entries: tuple[GlossaryEntry, ...]

    def entry(self, entry_id: str) -> GlossaryEntry | None:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        return None


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary file; problems raise InputError/ConfigError naming the file."""
    where = str(path)
    from mtcheck.io import read_input_bytes

    try:  # regular files only, size-capped: the one input check every file goes through
        raw = read_input_bytes(path)
    except InputError as exc:
        if exc.problem == "file not found":
            raise InputError(where, "glossary file not found") from None
        if exc.problem.startswith("is a directory"):
            raise InputError(where, "is a directory, expected a glossary TOML file") from None
        raise
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not valid UTF-8 (byte offset {exc.start})") from None
    return parse_glossary(text, where)


def parse_glossary(text: str, where: str) -> Glossary:
    """Build a glossary from TOML text; ``where`` names its origin in errors."""
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(where, f"invalid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(where, "invalid TOML: nested too deeply") from None
    unknown = set(table) - {"entities"}
    if unknown:
        raise ConfigError(where, f"unknown top-level keys {sorted(unknown)}; expected [entities.<id>] tables")
    entities = table.get("entities", {})
    if not isinstance(entities, dict):
        raise ConfigError(where, "'entities' must be a table of [entities.<id>] tables")
    entries = tuple(_entry(entry_id, value, where) for entry_id, value in entities.items())
    _check_no_shared_source_forms(entries, where)
    return Glossary(path=where, entries=entries)


def _entry(entry_id: str, value: Any, where: str) -> GlossaryEntry:
    key = f"entities.{entry_id}"
    if not _ID.match(entry_id):
        raise ConfigError(where, f"{key!r}: ids are lower-case letters, digits, '-', '_' or '.'")
    if not isinstance(value, dict):
        raise ConfigError(where, f"{key!r} must be a table")
    unknown = set(value) - _ENTRY_KEYS
    if unknown:
        raise ConfigError(where, f"{key!r}: unknown keys {sorted(unknown)}; known: {sorted(_ENTRY_KEYS)}")
    source = _strings(value.get("source"), where, f"{key}.source")
    if not source:
        raise ConfigError(where, f"{key}.source must list at least one source spelling")
    name = value.get("name", source[0])
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(where, f"{key}.name must be a non-empty string")
    kind = value.get("kind", "other")
    if kind not in KINDS:
        raise ConfigError(where, f"{key}.kind must be one of {', '.join(KINDS)}, not {kind!r}")
    targets_table = value.get("targets", {})
    if not isinstance(targets_table, dict):
        raise ConfigError(where, f"{key}.targets must be a table of language = rendering(s)")
    targets = {}
    for lang, forms in targets_table.items():
        listed = _strings(forms, where, f"{key}.targets.{lang}")
        if not listed:
            raise ConfigError(where, f"{key}.targets.{lang} is empty")
        # Keys are normalised once here (FR -> fr, de-de -> de-DE); unknown codes and two keys
        # for one language are errors rather than renderings that silently never apply.
        try:
            code = get_language(lang).code
        except LanguageError as exc:
            raise ConfigError(where, f"{key}.targets: {exc}") from None
        if code in targets:
            raise ConfigError(where, f"{key}.targets lists {code!r} twice (as {lang!r})")
        targets[code] = listed
    return GlossaryEntry(id=entry_id, name=name.strip(), source_forms=source,
                         targets=targets, kind=kind)


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise ConfigError(where, f"{key} must be a non-empty string or a list of them")
    return tuple(unicodedata.normalize("NFC", i.strip()) for i in items)


def _check_no_shared_source_forms(entries: tuple[GlossaryEntry, ...], where: str) -> None:
    owner: dict[str, str] = {}
    for entry in entries:
        for form in entry.source_forms:
            if owner.setdefault(form, entry.id) != entry.id:
                raise ConfigError(where, f"source spelling {form!r} is listed under both "
                                         f"{owner[form]!r} and {entry.id!r}")
