"""XLIFF 1.2 and 2.0: the exchange format of CAT tools and translation platforms.

One unit per ``<trans-unit>`` (1.2) or per ``<segment>`` (2.0; a unit with
several segments gives ids ``unit#segment``). Inline codes (placeholders,
native tags) are dropped, their surrounding text kept. Units marked
``translate="no"`` are not for translation and are skipped.
"""

from __future__ import annotations

from lxml import etree

from mtcheck.errors import InputError
from mtcheck.formats._units import (
    LanguagePair,
    Unit,
    UnitFile,
    child,
    children,
    inline_text,
    line_of,
    local_name,
    parse_xml,
)

FORMAT = "xliff"

# Inline elements that carry native code of the original document, not text.
_CODE_12 = ("ph", "bpt", "ept", "it")
_CODE_20 = ("originalData",)
# XLIFF 1.2 target states that mean "not final yet": flagged like fuzzy PO entries.
_NEEDS_REVIEW_12 = {"new", "needs-translation", "needs-adaptation", "needs-l10n",
                    "needs-review-translation", "needs-review-adaptation", "needs-review-l10n"}
_NEEDS_REVIEW_20 = {"initial"}


def read(text: str, where: str, expected: LanguagePair) -> UnitFile:
    """Parse an XLIFF file of either version."""
    root = parse_xml(text, where, "XLIFF")
    if local_name(root) != "xliff":
        raise InputError(where, f"not an XLIFF file: root element is <{local_name(root)}>")
    version = root.get("version", "")
    if version.startswith("2"):
        return _read_20(root, where)
    if version.startswith("1") or not version:
        return _read_12(root, where)
    raise InputError(where, f"unsupported XLIFF version {version!r} (1.2 and 2.x are read)")


def _read_12(root: etree._Element, where: str) -> UnitFile:
    files = children(root, "file")
    if not files:
        raise InputError(where, "XLIFF 1.2 file has no <file> element")
    source_lang = files[0].get("source-language")
    target_lang = files[0].get("target-language")
    units: list[Unit] = []
    seen: set[str] = set()
    for number, file in enumerate(files, start=1):
        for lang_attr, first in (("source-language", source_lang),
                                 ("target-language", target_lang)):
            value = file.get(lang_attr)
            if value and first and value != first:
                raise InputError(where, f"<file> at line {line_of(file)} has {lang_attr}="
                                        f"{value!r} but the first <file> has {first!r}")
        prefix = f"{file.get('original') or number}:" if len(files) > 1 else ""
        for element in file.iter():
            if local_name(element) != "trans-unit" or element.get("translate") == "no":
                continue
            units.append(_unit_12(element, prefix, where, seen))
    return UnitFile(tuple(units), FORMAT, source_lang or None, target_lang or None)


def _unit_12(element: etree._Element, prefix: str, where: str, seen: set[str]) -> Unit:
    line = line_of(element)
    source = child(element, "source")
    if source is None:
        raise InputError(where, f"<trans-unit> at line {line} has no <source>")
    unit_id = _unique_id(prefix + (element.get("id") or str(len(seen) + 1)), line, where, seen)
    target = child(element, "target")
    target_text = None if target is None else inline_text(target, _CODE_12)
    state = "" if target is None else target.get("state", "")
    fuzzy = state in _NEEDS_REVIEW_12 and bool(target_text)
    return Unit(unit_id, line, inline_text(source, _CODE_12), target_text, fuzzy)


def _read_20(root: etree._Element, where: str) -> UnitFile:
    units: list[Unit] = []
    seen: set[str] = set()
    files = children(root, "file")
    if not files:
        raise InputError(where, "XLIFF 2.0 file has no <file> element")
    for number, file in enumerate(files, start=1):
        prefix = f"{file.get('id') or number}:" if len(files) > 1 else ""
        for element in file.iter():
            if local_name(element) != "unit" or element.get("translate") == "no":
                continue
            segments = children(element, "segment")
            unit_id = prefix + (element.get("id") or str(len(seen) + 1))
            for index, segment in enumerate(segments, start=1):
                segment_id = unit_id
                if len(segments) > 1:
                    segment_id = f"{unit_id}#{segment.get('id') or index}"
                units.append(_segment_20(segment, segment_id, where, seen))
    return UnitFile(tuple(units), FORMAT, root.get("srcLang") or None, root.get("trgLang") or None)


def _segment_20(segment: etree._Element, segment_id: str, where: str, seen: set[str]) -> Unit:
    line = line_of(segment)
    source = child(segment, "source")
    if source is None:
        raise InputError(where, f"<segment> at line {line} has no <source>")
    target = child(segment, "target")
    target_text = None if target is None else inline_text(target, _CODE_20, code_point="cp")
    fuzzy = segment.get("state") in _NEEDS_REVIEW_20 and bool(target_text)
    return Unit(
        _unique_id(segment_id, line, where, seen),
        line,
        inline_text(source, _CODE_20, code_point="cp"),
        target_text,
        fuzzy,
    )


def _unique_id(unit_id: str, line: int, where: str, seen: set[str]) -> str:
    if unit_id in seen:
        raise InputError(where, f"duplicate unit id {unit_id!r} at line {line}")
    seen.add(unit_id)
    return unit_id
