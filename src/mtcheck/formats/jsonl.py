"""JSON Lines: one ``{"id": ..., "source": ..., "target": ...}`` object per line.

``id`` is optional (units are then numbered 1, 2, ... in file order) and may
be a string or an integer; ``target`` may be missing or null (untranslated).
Optional ``source_lang`` / ``target_lang`` keys declare the languages and must
agree across lines. Blank lines are skipped; errors name the line.
"""

from __future__ import annotations

import json
from typing import Any

from mtcheck.errors import InputError
from mtcheck.formats._units import LanguagePair, Unit, UnitFile

FORMAT = "jsonl"


def read(text: str, where: str, expected: LanguagePair) -> UnitFile:
    """Parse a JSON Lines file of unit pairs."""
    units: list[Unit] = []
    seen: set[str] = set()
    declared: dict[str, str] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        record = _record(line, number, where)
        unit_id = _unit_id(record, number, len(units) + 1, where)
        if unit_id in seen:
            raise InputError(where, f"line {number}: duplicate id {unit_id!r}")
        seen.add(unit_id)
        source = record.get("source")
        if not isinstance(source, str):
            raise InputError(where, f"line {number}: \"source\" must be a string, "
                                    f"got {_kind(source)}")
        target = record.get("target")
        if target is not None and not isinstance(target, str):
            raise InputError(where, f"line {number}: \"target\" must be a string or null, "
                                    f"got {_kind(target)}")
        fuzzy = record.get("fuzzy", False)
        if not isinstance(fuzzy, bool):
            raise InputError(where, f"line {number}: \"fuzzy\" must be true or false")
        for key in ("source_lang", "target_lang"):
            _declare(declared, key, record.get(key), number, where)
        _check_text(source, "source", number, where)
        target_text = None
        if target is not None:
            _check_text(target, "target", number, where)
            target_text = target.strip() or None
        flagged = fuzzy and target_text is not None
        units.append(Unit(unit_id, number, source.strip(), target_text, flagged))
    if not units:
        raise InputError(where, "file is empty")
    return UnitFile(tuple(units), FORMAT, declared.get("source_lang"), declared.get("target_lang"))


def _record(line: str, number: int, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"line {number}: invalid JSON at column {exc.colno}: "
                                f"{exc.msg}") from None
    except RecursionError:
        raise InputError(where, f"line {number}: JSON nested too deeply") from None
    except ValueError as exc:  # e.g. an integer longer than Python converts
        raise InputError(where, f"line {number}: invalid JSON value: {exc}") from None
    if not isinstance(record, dict):
        raise InputError(where, f"line {number}: expected a JSON object, got {_kind(record)}")
    return record


def _check_text(value: str, key: str, number: int, where: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(where, f"line {number}: \"{key}\" has a \\u escape of a lone "
                                "surrogate, which is not text") from None


def _unit_id(record: dict[str, Any], number: int, position: int, where: str) -> str:
    value = record.get("id")
    if value is None:
        return str(position)
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(where, f"line {number}: \"id\" must be a string or an integer, "
                                f"got {_kind(value)}")
    unit_id = str(value).strip()
    _check_text(unit_id, "id", number, where)
    if not unit_id:
        raise InputError(where, f"line {number}: empty \"id\"")
    return unit_id


def _declare(declared: dict[str, str], key: str, value: Any, number: int, where: str) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value.strip():
        raise InputError(where, f"line {number}: \"{key}\" must be a language code string")
    first = declared.setdefault(key, value.strip())
    if first != value.strip():
        raise InputError(where, f"line {number}: \"{key}\" is {value!r} but earlier lines "
                                f"say {first!r}")


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
