"""Cheap checks that a model folder is whole, before a backend tries to load it.

A truncated download or a garbage file makes transformers fail deep inside
its loaders with messages like "model '?'" or a bare ``SafetensorError``. These
checks read only headers and small files, and turn a broken folder into one
sentence saying what is broken, which :mod:`mtcheck.backtranslate.resolve`
reports like a missing model.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

# Headers and small files larger than this are themselves a sign of a broken folder.
_MAX_SMALL_FILE = 64 * 1024 * 1024
# Tokenizer files a family needs, by config.json model_type.
_TOKENIZER_FILES = {
    "marian": ("source.spm", "target.spm"),
}
_SENTENCEPIECE_FILES = ("source.spm", "target.spm", "sentencepiece.bpe.model", "spiece.model")


def config_problem(folder: Path) -> str | None:
    """What is wrong with a model folder's config.json, in words; None when it is usable."""
    config = folder / "config.json"
    problem = _json_object_problem(config)
    if problem:
        return f"config.json {problem}"
    model_type = json.loads(config.read_bytes()).get("model_type")
    if not isinstance(model_type, str) or not model_type:
        return "config.json names no model_type"
    return None


def model_folder_problem(folder: Path) -> str | None:
    """What is broken in a model folder, in words; None when nothing obvious is."""
    problem = config_problem(folder)
    if problem:
        return problem
    model_type = json.loads((folder / "config.json").read_bytes())["model_type"]
    safetensors = folder / "model.safetensors"
    if safetensors.is_file():
        problem = _safetensors_problem(safetensors)
        if problem:
            return f"model.safetensors {problem}"
    for name in _TOKENIZER_FILES.get(model_type, ()):
        if not (folder / name).is_file():
            return f"{name} is missing (a {model_type} model needs it)"
    for name in _SENTENCEPIECE_FILES:
        path = folder / name
        if path.is_file():
            problem = _sentencepiece_problem(path)
            if problem:
                return f"{name} {problem}"
    return None


def _json_object_problem(path: Path) -> str | None:
    try:
        if path.stat().st_size > _MAX_SMALL_FILE:
            return "is implausibly large"
        value = json.loads(path.read_bytes())
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    except (ValueError, RecursionError):
        return "is not valid JSON"
    if not isinstance(value, dict):
        return "is not a JSON object"
    return None


def _safetensors_problem(path: Path) -> str | None:
    """The safetensors layout: an 8-byte header length, a JSON header, then the tensor data."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            prefix = handle.read(8)
            if len(prefix) < 8:
                return "is truncated (no header)"
            (length,) = struct.unpack("<Q", prefix)
            if length > min(size - 8, _MAX_SMALL_FILE):
                return "is corrupt (header length beyond the file)"
            header = json.loads(handle.read(length))
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    except (ValueError, RecursionError):
        return "is corrupt (header is not JSON)"
    if not isinstance(header, dict):
        return "is corrupt (header is not a JSON object)"
    end = 0
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        offsets = entry.get("data_offsets") if isinstance(entry, dict) else None
        if (not isinstance(offsets, list) or len(offsets) != 2
                or not all(isinstance(o, int) and o >= 0 for o in offsets)
                or offsets[0] > offsets[1]):
            return f"is corrupt (tensor {name!r} has no valid data offsets)"
        end = max(end, offsets[1])
    if 8 + length + end > size:
        return f"is truncated ({size} bytes, the header describes {8 + length + end})"
    return None


def _sentencepiece_problem(path: Path) -> str | None:
    try:
        import sentencepiece
    except ImportError:
        return None
    try:
        if path.stat().st_size > _MAX_SMALL_FILE:
            return "is implausibly large"
        processor = sentencepiece.SentencePieceProcessor()
        processor.LoadFromSerializedProto(path.read_bytes())
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    except (RuntimeError, ValueError, TypeError):
        return "is not a SentencePiece model"
    return None
