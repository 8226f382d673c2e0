"""gettext PO: one unit per message, keyed by ``msgctxt|msgid``.

Parsed with translate-toolkit's strict PO parser (polib silently drops
entries after an unterminated string). The header entry and obsolete
(``#~``) entries are skipped; ``#, fuzzy`` entries are flagged; for plural
messages the singular ``msgid`` and the first ``msgstr[0]`` form are kept.
"""

from __future__ import annotations

import re

from translate.storage import poparser, pypo

from mtcheck.errors import InputError
from mtcheck.formats._units import LanguagePair, Unit, UnitFile

FORMAT = "po"
# Where each message starts: its msgid line (obsolete ones too, as the parser keeps them).
_MSGID_LINE = re.compile(r"^(?:#~\s*)?msgid\s", re.MULTILINE)


# A quoted string line: keyword (or a continuation), then the quoted part.
_STRING_LINE = re.compile(r'^(?:#~\s*)?(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?\s*(".*)$')
_ESCAPE = re.compile(r"\\(.?)")
# Escapes gettext writes; the parser turns any other (\x41, \q, octal) into the wrong text.
_KNOWN_ESCAPES = frozenset('ntrbfva\\"')


def read(text: str, where: str, expected: LanguagePair) -> UnitFile:
    """Parse a PO or POT file."""
    _check_escapes(text, where)
    try:
        store = pypo.pofile.parsestring(text.encode("utf-8"))  # type: ignore[no-untyped-call]
    except poparser.PoParseError as exc:
        raise InputError(where, f"malformed PO: {_first_line(str(exc))}") from None
    except (ValueError, LookupError, UnicodeError, IndexError) as exc:
        raise InputError(where, f"malformed PO: {_first_line(str(exc))}") from None
    lines = [text.count("\n", 0, match.start()) + 1 for match in _MSGID_LINE.finditer(text)]
    if len(lines) != len(store.units):
        lines = []  # a construct we do not count; fall back to unit order
    header = store.parseheader() if store.units and store.units[0].isheader() else {}
    units: list[Unit] = []
    seen: set[str] = set()
    for index, unit in enumerate(store.units):
        if unit.isheader() or unit.isobsolete():
            continue
        line = lines[index] if lines else index + 1
        context = unit.getcontext()
        source = _singular(unit.source)
        unit_id = f"{context}|{source}" if context else source
        if unit_id in seen:
            raise InputError(where, f"duplicate message {unit_id!r} at line {line}")
        seen.add(unit_id)
        target = _singular(unit.target)
        units.append(Unit(unit_id, line, source, target or None, unit.isfuzzy() and bool(target)))
    return UnitFile(
        tuple(units),
        FORMAT,
        _header_value(header, "X-Source-Language"),
        _header_value(header, "Language"),
    )


def _check_escapes(text: str, where: str) -> None:
    """Refuse escapes the parser would silently misread (``\\x41`` as ``x41``, ``\\q`` as ``q``)."""
    if "\\" not in text:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if "\\" not in line:
            continue
        match = _STRING_LINE.match(line.strip())
        if match is None:
            continue
        for escape in _ESCAPE.finditer(match.group(1)):
            if escape.group(1) not in _KNOWN_ESCAPES:
                raise InputError(where, f"line {number}: unsupported escape "
                                        f"'\\{escape.group(1)}' in a PO string (write the "
                                        "character itself; known escapes: \\n \\t \\r "
                                        "\\\\ \\\" \\a \\b \\f \\v)")


def _singular(value: object) -> str:
    strings = getattr(value, "strings", None)
    if strings:
        return str(strings[0])
    return "" if value is None else str(value)


def _header_value(header: dict[str, str], key: str) -> str | None:
    value = header.get(key)
    return value.strip() or None if isinstance(value, str) else None


def _first_line(message: str) -> str:
    return message.strip().splitlines()[0] if message.strip() else "cannot parse"
