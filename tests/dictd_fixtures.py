"""A dictd dictionary written for a test (FreeDict's format: a sorted index of lower-cased
headwords with base-64 offsets, and the entries' text gzipped or in dictzip chunks)."""

from __future__ import annotations

import gzip
import struct
import zlib
from pathlib import Path

from mtcheck.omission.dictionary import DictionaryFiles

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64(value: int) -> str:
    """``value`` in dictd's base 64 (most significant digit first)."""
    digits = ""
    while True:
        digits = _B64[value % 64] + digits
        value //= 64
        if not value:
            return digits


def write_dictd(folder: Path, name: str, entries: dict[str, str], dictzip: bool = False,
                chunk: int = 64) -> DictionaryFiles:
    """A dictd dictionary: sorted index of lower-cased headwords, and the entries' text as a
    plain gzip file or (``dictzip``) in independently compressed chunks of ``chunk`` bytes."""
    text = b""
    lines = []
    for head, entry in entries.items():
        body = entry.encode("utf-8")
        lines.append(f"{head.lower()}\t{b64(len(text))}\t{b64(len(body))}\n")
        text += body
    index = folder / f"{name}.index"
    index.write_text("".join(sorted(lines)), encoding="utf-8")
    data = folder / f"{name}.dict.dz"
    if not dictzip:
        data.write_bytes(gzip.compress(text))
        return DictionaryFiles(name, index, data)
    pieces = []
    for start in range(0, len(text), chunk):
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        pieces.append(packer.compress(text[start:start + chunk]) + packer.flush(zlib.Z_FULL_FLUSH))
    ra = struct.pack("<HHH", 1, chunk, len(pieces)) + struct.pack(f"<{len(pieces)}H",
                                                                  *map(len, pieces))
    extra = b"RA" + struct.pack("<H", len(ra)) + ra
    header = (b"\x1f\x8b\x08\x04" + b"\0\0\0\0" + b"\x02\x03" + struct.pack("<H", len(extra))
              + extra)
    trailer = struct.pack("<II", zlib.crc32(text), len(text))
    data.write_bytes(header + b"".join(pieces) + b"\x03\x00" + trailer)
    return DictionaryFiles(name, index, data)
