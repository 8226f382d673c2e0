"""What every format reader returns, and the XML parsing they share.

Readers parse decoded text (they do no I/O) into a :class:`UnitFile`: the
units in file order with both sides, plus the languages the file declares.
:mod:`mtcheck.formats` then picks a side and turns it into a
:class:`~mtcheck.types.Document`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lxml import etree

from mtcheck.errors import InputError


@dataclass(frozen=True)
class LanguagePair:
    """The languages the caller expects on each side (None: not known)."""

    source: str | None = None
    target: str | None = None


@dataclass(frozen=True)
class Unit:
    """One translation unit: its id, where it starts, and both sides."""

    id: str
    line: int  # 1-based line of the unit in the file
    source: str
    target: str | None  # None: no target in the file (untranslated)
    fuzzy: bool = False  # PO "#, fuzzy" or an XLIFF state that needs review


@dataclass(frozen=True)
class UnitFile:
    """A parsed segment-aligned file."""

    units: tuple[Unit, ...]
    format: str
    declared_source: str | None = None  # language codes as written in the file
    declared_target: str | None = None


# Signature shared by every reader: decoded text, the file name for errors, expectations.
Reader = Callable[[str, str, LanguagePair], UnitFile]

_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def parse_xml(text: str, where: str, what: str) -> etree._Element:
    """Parse XML text safely and return its root element.

    Entities are never resolved, nothing is fetched from the network and
    documents that declare entities are refused: localisation files never need
    them, and they are how XXE and "billion laughs" payloads arrive.
    """
    # The text is already decoded, so the declared encoding no longer applies; the
    # declaration becomes blank lines so that element lines still match the file.
    body = _XML_DECLARATION.sub(lambda m: "\n" * m.group().count("\n"), text, count=1)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(body.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        message = str(exc.msg or exc).split(", line ")[0]
        raise InputError(where, f"malformed {what} at line {line}: {message}") from None
    if root is None:
        raise InputError(where, f"malformed {what}: no root element")
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(
            where, f"{what} declares entities in a DOCTYPE; refused (entities are never expanded)"
        )
    return root


def local_name(element: etree._Element) -> str:
    """Tag name without namespace ('' for comments and other non-elements)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def line_of(element: etree._Element) -> int:
    return element.sourceline or 1


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local_name(child) == name]


def child(element: etree._Element, name: str) -> etree._Element | None:
    for candidate in element:
        if local_name(candidate) == name:
            return candidate
    return None


def inline_text(
    element: etree._Element,
    skip: Iterable[str],
    code_point: str | None = None,
) -> str:
    """The translatable text of an element with inline markup.

    Elements named in ``skip`` hold native code (placeholders, tags of the
    original format) and contribute nothing; their tails are text. XLIFF 2.0's
    ``<cp hex="..."/>`` stands for a character XML cannot carry.
    """
    skipped = frozenset(skip)
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for sub in node:
            name = local_name(sub)
            if name == code_point and code_point is not None:
                parts.append(_code_point(sub.get("hex", "")))
            elif name and name not in skipped:
                walk(sub)
            if sub.tail:
                parts.append(sub.tail)

    walk(element)
    return "".join(parts)


def _code_point(hex_value: str) -> str:
    try:
        value = int(hex_value, 16)
    except ValueError:
        return ""
    # Surrogates cannot be written back out as UTF-8; XLIFF forbids them here anyway.
    if not 0 < value <= 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return ""
    return chr(value)
