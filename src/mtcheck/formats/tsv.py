"""TSV: ``source<TAB>target`` per line, with an optional id column and header.

Layouts: two columns (source, target) or three (id, source, target). A first
line made of header words (``id``, ``source``, ``target``) or language codes
(``id<TAB>en<TAB>de``) is a header; language codes there declare the
languages. Fields are taken as they are: no quoting, no escapes. Blank lines
are skipped; units without an id column are numbered 1, 2, ... in file order.
"""

from __future__ import annotations

from mtcheck.errors import InputError, LanguageError
from mtcheck.formats._units import LanguagePair, Unit, UnitFile
from mtcheck.languages import get_language

FORMAT = "tsv"
_ID_WORDS = {"id", "key", "tuid", "unit", "unit_id"}
_SOURCE_WORDS = {"source", "src"}
_TARGET_WORDS = {"target", "tgt", "translation", "mt"}


def read(text: str, where: str, expected: LanguagePair) -> UnitFile:
    """Parse a tab-separated file of unit pairs."""
    rows = [(number, line.split("\t")) for number, line in enumerate(text.split("\n"), start=1)
            if line.strip()]
    if not rows:
        raise InputError(where, "file is empty")
    declared = _header(rows[0][1])
    width = len(rows[0][1])
    if declared is not None:
        rows = rows[1:]
    if width not in (2, 3):
        raise InputError(where, f"line {rows[0][0] if rows else 1}: expected 2 columns "
                                f"(source, target) or 3 (id, source, target), found {width}")
    units: list[Unit] = []
    seen: set[str] = set()
    for number, fields in rows:
        if len(fields) != width:
            raise InputError(where, f"line {number}: expected {width} tab-separated columns "
                                    f"like the first line, found {len(fields)}")
        if width == 3:
            unit_id = fields[0].strip()
            if not unit_id:
                raise InputError(where, f"line {number}: empty id")
        else:
            unit_id = str(len(units) + 1)
        if unit_id in seen:
            raise InputError(where, f"line {number}: duplicate id {unit_id!r}")
        seen.add(unit_id)
        source, target = fields[-2].strip(), fields[-1].strip()
        units.append(Unit(unit_id, number, source, target or None))
    source_lang, target_lang = declared or (None, None)
    return UnitFile(tuple(units), FORMAT, source_lang, target_lang)


def _header(fields: list[str]) -> tuple[str | None, str | None] | None:
    """The languages a header line declares, or None when the line is data."""
    names = [field.strip() for field in fields]
    if len(names) == 3:
        if names[0].lower() not in _ID_WORDS:
            return None
        names = names[1:]
    if len(names) != 2:
        return None
    source, target = names
    if source.lower() in _SOURCE_WORDS and target.lower() in _TARGET_WORDS:
        return None, None
    if _is_language(source) and _is_language(target):
        return source, target
    return None


def _is_language(name: str) -> bool:
    if not name or len(name) > 12 or " " in name:
        return False
    try:
        get_language(name)
    except LanguageError:
        return False
    return True
