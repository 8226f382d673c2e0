"""Readers for segment-aligned localisation formats: XLIFF, TMX, PO, TSV, JSONL.

Each format module parses decoded text into units (id, line, source, target);
this module does the I/O (through :func:`mtcheck.corpus.read_text`, which
checks encoding, NULs and emptiness), picks the side a caller asked for,
checks the languages the file declares against the ones the user gave, and
builds :class:`~mtcheck.types.Document` objects with one paragraph per unit.

Which side :func:`read_document` returns, when ``side`` is not given: the side
whose declared language matches ``lang``; a file that declares only its
source language gives its target for any other language, one that declares
only its target language (PO's ``Language``) gives its source; a file that
declares nothing gives its target. A declared language that contradicts the one the
user gave is an :class:`~mtcheck.errors.InputError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mtcheck.errors import InputError
from mtcheck.formats import jsonl, po, tmx, tsv, xliff
from mtcheck.formats._units import LanguagePair, Reader, Unit, UnitFile
from mtcheck.io import printable_path
from mtcheck.types import Document, Paragraph

__all__ = [
    "FORMATS",
    "FORMAT_BY_EXTENSION",
    "Format",
    "Unit",
    "UnitFile",
    "get_format",
    "read_bilingual",
    "read_document",
    "read_units",
    "unit_alignment",
]

SIDES = ("source", "target")


@dataclass(frozen=True)
class Format:
    """An input format users can name with ``--format``."""

    name: str
    title: str
    extensions: tuple[str, ...]
    reader: Reader | None  # None: plain text, read by mtcheck.corpus


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format("text", "plain text, paragraphs separated by blank lines", (".txt",), None),
        Format("xliff", "XLIFF 1.2 or 2.0", (".xlf", ".xliff"), xliff.read),
        Format("tmx", "TMX translation memory", (".tmx",), tmx.read),
        Format("po", "gettext PO/POT", (".po", ".pot"), po.read),
        Format("tsv", "tab-separated source/target (optional id column, header)", (".tsv",),
               tsv.read),
        Format("jsonl", "JSON Lines with id/source/target", (".jsonl",), jsonl.read),
    )
}

# Extensions of the segment-aligned formats; anything else is read as plain text.
FORMAT_BY_EXTENSION: dict[str, str] = {
    extension: fmt.name
    for fmt in FORMATS.values()
    if fmt.reader is not None
    for extension in fmt.extensions
}


def get_format(name: str, where: str = "--format") -> Format:
    """Look up a format by the name users type; an unknown name lists the valid ones."""
    try:
        return FORMATS[name.strip().lower()]
    except KeyError:
        known = ", ".join(FORMATS)
        raise InputError(where, f"unknown format {name!r}; known formats: {known}") from None


def read_units(path: str | Path, fmt: str, languages: LanguagePair | None = None) -> UnitFile:
    """Parse a segment-aligned file into its units (both sides, fuzzy flags, declared languages)."""
    from mtcheck.corpus import read_text

    where = printable_path(path)
    reader = get_format(fmt, where).reader
    if reader is None:
        raise InputError(where, "plain text has no translation units; read it as a document")
    units = reader(read_text(path), where, languages or LanguagePair())
    if not units.units:
        raise InputError(where, f"no translation units found in this {fmt} file")
    return units


def read_document(path: str | Path, lang: str, fmt: str, *, side: str | None = None) -> Document:
    """One side of a segment-aligned file as a document in language ``lang``.

    ``side`` ("source" or "target") says which side the caller wants; when it
    is None the languages declared in the file decide (see the module doc).
    """
    where = printable_path(path)
    if side is not None and side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}, not {side!r}")
    expected = LanguagePair(source=lang) if side == "source" else LanguagePair(target=lang)
    units = read_units(path, fmt, expected)
    chosen = side or _side_for(units, lang, where)
    declared = units.declared_source if chosen == "source" else units.declared_target
    _check_language(where, chosen, declared, lang)
    return _document(where, lang, units, chosen)


def read_bilingual(
    path: str | Path, fmt: str, source_lang: str, target_lang: str
) -> tuple[Document, Document]:
    """Both sides of a segment-aligned file: (source document, target document)."""
    where = printable_path(path)
    units = read_units(path, fmt, LanguagePair(source_lang, target_lang))
    _check_language(where, "source", units.declared_source, source_lang)
    _check_language(where, "target", units.declared_target, target_lang)
    return (
        _document(where, source_lang, units, "source"),
        _document(where, target_lang, units, "target"),
    )


def unit_alignment(source: Document, target: Document) -> list[tuple[int | None, int | None]]:
    """Pair the paragraphs (units) of two segment-aligned documents by unit id.

    Returns (source index, target index) pairs in source order, covering every
    paragraph of both documents once; a unit found on one side only is paired
    with None (target-only units follow the target unit before them). For
    presegmented documents a paragraph index is also the sentence id.
    """
    if not (source.presegmented and target.presegmented):
        raise ValueError("unit_alignment needs two presegmented (segment-aligned) documents")
    target_index = {p.unit_id: p.index for p in target.paragraphs if p.unit_id is not None}
    source_ids = {p.unit_id for p in source.paragraphs if p.unit_id is not None}
    # Target-only units, keyed by the target unit that precedes them.
    orphans: dict[int | None, list[int]] = {}
    previous: int | None = None
    for paragraph in target.paragraphs:
        if paragraph.unit_id in source_ids:
            previous = paragraph.index
        else:
            orphans.setdefault(previous, []).append(paragraph.index)
    pairs: list[tuple[int | None, int | None]] = [(None, t) for t in orphans.get(None, [])]
    for paragraph in source.paragraphs:
        matched = target_index.get(paragraph.unit_id) if paragraph.unit_id is not None else None
        pairs.append((paragraph.index, matched))
        if matched is not None:
            pairs.extend((None, t) for t in orphans.get(matched, []))
    return pairs


def _side_for(units: UnitFile, lang: str, where: str) -> str:
    if units.declared_source and _same_language(units.declared_source, lang):
        return "source"
    if units.declared_target and _same_language(units.declared_target, lang):
        return "target"
    if units.declared_source and units.declared_target:
        raise InputError(
            where,
            f"the file is {units.declared_source} → {units.declared_target}, "
            f"but was given as {lang!r}",
        )
    if units.declared_target and not units.declared_source:
        return "source"
    return "target"


def _check_language(where: str, side: str, declared: str | None, given: str) -> None:
    if declared and not _same_language(declared, given):
        raise InputError(
            where, f"the file declares {side} language {declared!r}, but it was given as {given!r}"
        )


def _same_language(declared: str, given: str) -> bool:
    return _base(declared) == _base(given)


def _base(code: str) -> str:
    return code.strip().lower().replace("_", "-").split("-", 1)[0]


def _document(where: str, lang: str, units: UnitFile, side: str) -> Document:
    paragraphs = tuple(
        Paragraph(index=index, text=_text(unit, side), line=unit.line, unit_id=unit.id,
                  needs_review=unit.fuzzy and side == "target")
        for index, unit in enumerate(units.units)
    )
    return Document(path=where, lang=lang, paragraphs=paragraphs, format=units.format,
                    presegmented=True)


def _text(unit: Unit, side: str) -> str:
    text = unit.source if side == "source" else unit.target
    return (text or "").strip()
