"""The text of mtcheck's JSON files: ``json.dumps(value, ensure_ascii=False, indent=1,
allow_nan=False)``, byte for byte, in a quarter of the time.

With ``indent`` set, the standard library encodes in pure Python, one generator per
container; a collection's results.json (5 MB for 200 documents) took 0.3 s of every
run, incremental runs included. This encoder walks the same tree with one list of
string pieces, and leaves strings, numbers and constants to the same functions as
the standard library (its C string encoder, ``int.__repr__``, ``float.__repr__``).
Anything it does not know (keys that are not strings, values that are not plain JSON
values) goes to ``json.dumps``, so the result is always the standard library's.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any

_CONSTANTS = {True: "true", False: "false"}


class _Unusual(Exception):
    """A value this encoder leaves to the standard library."""


def dumps(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)``."""
    pieces: list[str] = []
    try:
        _encode(value, "\n", pieces)
    except _Unusual:
        return json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)
    return "".join(pieces)


def _scalar(value: Any) -> str | None:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if not math.isfinite(value):
            raise _Unusual  # the standard library raises its own ValueError
        return float.__repr__(value)
    if kind is bool:
        return _CONSTANTS[value]
    if value is None:
        return "null"
    return None


def _encode(value: Any, newline: str, pieces: list[str]) -> None:
    """Append the text of ``value``; ``newline`` is a newline and the indent of its line."""
    text = _scalar(value)
    if text is not None:
        pieces.append(text)
        return
    kind = type(value)
    if kind is dict:
        if not value:
            pieces.append("{}")
            return
        inner = newline + " "
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            pieces.append(separator)
            pieces.append(encode_basestring(key))
            pieces.append(": ")
            _encode(item, inner, pieces)
            separator = "," + inner
        pieces.append(newline + "}")
        return
    if kind is list or kind is tuple:
        if not value:
            pieces.append("[]")
            return
        inner = newline + " "
        separator = "[" + inner
        for item in value:
            pieces.append(separator)
            _encode(item, inner, pieces)
            separator = "," + inner
        pieces.append(newline + "]")
        return
    raise _Unusual
