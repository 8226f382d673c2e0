"""TMX 1.4: translation memories, one ``<tu>`` per unit with a ``<tuv>`` per language.

A TMX file may hold many languages, so the reader picks the two it is asked
for: the source is the header's ``srclang`` (or the expected source), the
target the expected target language (or the one other language in the file).
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

FORMAT = "tmx"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Elements holding native code; <hi> and <sub> hold text and are kept.
_CODE = ("bpt", "ept", "it", "ph", "ut")


def read(text: str, where: str, expected: LanguagePair) -> UnitFile:
    """Parse a TMX file and keep the expected source and target languages.

    A language given without a region that the file holds in several regional
    variants (``fr`` in a file with ``fr-FR`` and ``fr-CA``) is an error: the
    user must say which one.
    """
    try:
        return _read(text, where, expected)
    except _Ambiguous as exc:
        raise InputError(where, f"the file holds {' and '.join(exc.matches)}; give the "
                                f"language as one of them, not {exc.wanted!r}") from None


def _read(text: str, where: str, expected: LanguagePair) -> UnitFile:
    root = parse_xml(text, where, "TMX")
    if local_name(root) != "tmx":
        raise InputError(where, f"not a TMX file: root element is <{local_name(root)}>")
    header = child(root, "header")
    body = child(root, "body")
    if body is None:
        raise InputError(where, "TMX file has no <body>")
    declared = (header.get("srclang") if header is not None else None) or None
    if declared == "*all*":
        declared = None
    tus = children(body, "tu")
    variants = [_variants(tu, where) for tu in tus]
    languages = sorted({lang for found in variants for lang in found})
    wanted_source = expected.source or declared
    if wanted_source is None:
        raise InputError(where, "TMX header has no srclang; name the source language")
    source_lang = _pick(wanted_source, languages)
    if source_lang is None:
        if tus:
            raise InputError(where, f"no <tuv> in source language {wanted_source!r}; the file "
                                    f"has {', '.join(languages) or 'none'}")
        source_lang = wanted_source
    target_lang = _pick(expected.target, languages)
    if target_lang is None and expected.target is None:
        others = [lang for lang in languages if _base(lang) != _base(source_lang)]
        if len(others) == 1:
            target_lang = others[0]
    if target_lang is None and expected.target is not None:
        raise InputError(where, f"no <tuv> in language {expected.target!r}; the file has "
                                f"{', '.join(languages) or 'none'}")
    units = []
    seen: set[str] = set()
    for number, (tu, found) in enumerate(zip(tus, variants, strict=True), start=1):
        line = line_of(tu)
        unit_id = tu.get("tuid") or str(number)
        if unit_id in seen:
            raise InputError(where, f"duplicate tuid {unit_id!r} at line {line}")
        seen.add(unit_id)
        target = found.get(target_lang) if target_lang else None
        units.append(Unit(unit_id, line, found.get(source_lang, ""), target))
    return UnitFile(tuple(units), FORMAT, declared or source_lang, target_lang)


def _variants(tu: etree._Element, where: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for tuv in children(tu, "tuv"):
        lang = tuv.get(_XML_LANG) or tuv.get("lang")  # "lang" is TMX 1.1's spelling
        if not lang:
            raise InputError(where, f"<tuv> at line {line_of(tuv)} has no xml:lang")
        if lang.lower() in (known.lower() for known in found):
            raise InputError(where, f"<tu> at line {line_of(tu)} has two <tuv> in language "
                                    f"{lang!r} (line {line_of(tuv)}); keep one")
        seg = child(tuv, "seg")
        found[lang] = "" if seg is None else inline_text(seg, _CODE)
    return found


def _pick(wanted: str | None, languages: list[str]) -> str | None:
    """The file's spelling of ``wanted``, matching "de" with "de-DE" and "DE"."""
    if wanted is None:
        return None
    for lang in languages:
        if lang.lower().replace("_", "-") == wanted.lower().replace("_", "-"):
            return lang
    matches = [lang for lang in languages if _base(lang) == _base(wanted)]
    if len(matches) > 1:
        raise _Ambiguous(wanted, matches)
    return matches[0] if matches else None


class _Ambiguous(Exception):
    def __init__(self, wanted: str, matches: list[str]) -> None:
        super().__init__(wanted)
        self.wanted = wanted
        self.matches = matches


def _base(code: str) -> str:
    return code.lower().replace("_", "-").split("-", 1)[0]
