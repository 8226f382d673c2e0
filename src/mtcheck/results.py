"""results.json: the machine-readable output, written and read back generically.

The JSON mirrors the dataclasses of :mod:`mtcheck.types` field by field, so
there is one definition of the format; its JSON Schema is generated from the
same type hints (:func:`json_schema`) and shipped as ``data/results.schema.json``.
Mapping keys are sorted and floats are written by ``repr``, so the same run
gives byte-identical JSON.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import types
import typing
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from mtcheck import jsontext
from mtcheck.corpus import read_text
from mtcheck.errors import InputError
from mtcheck.io import printable_path
from mtcheck.types import Alignment, Finding, RunResult, SegmentedDocument

SCHEMA_VERSION = "1.0"
SCHEMA_ID = "https://mtcheck.invalid/schema/results-1.0.json"


def to_jsonable(value: Any) -> Any:
    """Plain JSON values for a tree of dataclasses, enums, tuples and mappings."""
    kind: Any = type(value)
    if kind in _PLAIN:
        return value
    names = _field_names(kind)
    if names is not None:
        return {name: to_jsonable(getattr(value, name)) for name in names}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(value[k]) for k in sorted(value)}
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    return value


_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type, in order; None for any other type."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind))


def dump_results(run: RunResult) -> str:
    """Serialise a run to the results.json text."""
    document = {"schema_version": SCHEMA_VERSION, "run": to_jsonable(run)}
    return jsontext.dumps(document) + "\n"


# Integers in results are counts, indexes and line numbers; longer digit strings are hostile
# (Python's int() of a 5,000-digit string is slow, and over 4,300 digits an error).
_MAX_INT_DIGITS = 18
# Score ranges: BLEU and chrF are percentages, TER is an edit rate (0 and up, not bounded by
# 100 but never astronomically high), the semantic similarity a cosine (scaled or not).
_SCORE_RANGES = {"BLEU": (0.0, 100.0), "chrF": (0.0, 100.0), "chrF++": (0.0, 100.0),
                 "TER": (0.0, 10_000.0), "semantic": (-100.0, 100.0)}
_DEFAULT_RANGE = (-10_000.0, 10_000.0)


def _strict_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:20]!r} is out of range")
    return value


def _strict_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise ValueError(f"integer with {len(text)} digits is out of range")
    return int(text)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_results_json(text: str, where: str) -> Any:
    """Parse results.json text strictly: no NaN/Infinity, no overflowing numbers, bounded depth."""
    try:
        document = json.loads(text, parse_float=_strict_float, parse_int=_strict_int,
                              parse_constant=_no_constant)
        if "\\ud" in text.lower():  # escaped surrogates: only pairs make characters
            json.dumps(document, ensure_ascii=False).encode("utf-8")
        return document
    except UnicodeEncodeError:
        raise InputError(where, "not valid results JSON: a lone surrogate (\\uD800-\\uDFFF) "
                                "in a string") from None
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except ValueError as exc:
        raise InputError(where, f"not valid results JSON: {exc}") from None
    except RecursionError:
        raise InputError(where, "not valid results JSON: nested too deeply") from None


def load_results(path: str | Path) -> RunResult:
    """Read a results.json written by :func:`dump_results` (any 1.x schema version).

    The reader is strict: the structure must match the schema's types, every
    number must be finite and scores must lie in their metric's range, so a
    crafted file cannot pass a gate with chrF 1e308 or crash the reader.
    """
    where = printable_path(path)
    document = parse_results_json(read_text(path), where)
    if not isinstance(document, dict) or "run" not in document:
        raise InputError(where, "not an mtcheck results file (no 'run' object)")
    version = str(document.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise InputError(where, f"results schema version {version!r} is not supported "
                                f"(this mtcheck reads {SCHEMA_VERSION.split('.')[0]}.x)")
    try:
        run = typing.cast(RunResult, from_jsonable(RunResult, document["run"], "run"))
        _check_ranges(run)
        _check_references(run)
    except (TypeError, ValueError, KeyError) as exc:
        raise InputError(where, f"malformed results: {exc}") from None
    except RecursionError:
        raise InputError(where, "malformed results: nested too deeply") from None
    return run


def _check_ranges(run: RunResult) -> None:
    """Scores, shares and p-values inside the ranges they can have."""
    for t, translation in enumerate(run.translations):
        at = f"run.translations[{t}]"
        if not 0.0 <= translation.coverage <= 1.0:
            raise ValueError(f"{at}.coverage {translation.coverage!r} is not between 0 and 1")
        for i, score in enumerate(translation.scores):
            low, high = _SCORE_RANGES.get(score.metric, _DEFAULT_RANGE)
            for name in ("value", "ci_low", "ci_high"):
                value = getattr(score, name)
                if value is not None and not low <= value <= high:
                    raise ValueError(f"{at}.scores[{i}].{name}: {score.metric} {value!r} is "
                                     f"outside {low:g}..{high:g}")
        for i, segment in enumerate(translation.segments):
            for key, value in segment.scores.items():
                low, high = _SCORE_RANGES.get(key.rsplit(".", 1)[-1], _DEFAULT_RANGE)
                if not low <= value <= high:
                    raise ValueError(f"{at}.segments[{i}].scores.{key} {value!r} is outside "
                                     f"{low:g}..{high:g}")
    if run.gate is not None:
        for i, check in enumerate(run.gate.checks):
            if check.p_value is not None and not 0.0 <= check.p_value <= 1.0:
                raise ValueError(f"run.gate.checks[{i}].p_value {check.p_value!r} is not "
                                 "between 0 and 1")


def _ids_in(ids: Any, size: int, where: str) -> None:
    for i in ids:
        if not 0 <= i < size:
            raise ValueError(f"{where}: sentence id {i} is not one of the {size} sentences")


def _check_document(doc: SegmentedDocument, where: str) -> None:
    for i, paragraph in enumerate(doc.document.paragraphs):
        if paragraph.index != i or paragraph.line < 1:
            raise ValueError(f"{where}.document.paragraphs[{i}]: index or line out of order")
    paragraphs = len(doc.document.paragraphs)
    for i, sentence in enumerate(doc.sentences):
        if sentence.id != i or not 0 <= sentence.paragraph < paragraphs or sentence.line < 1 \
                or not 0 <= sentence.start <= sentence.end:
            raise ValueError(f"{where}.sentences[{i}]: id, paragraph, line or offsets out of range")


def _check_language(code: str, where: str) -> None:
    """A language tag by its syntax: a language a config added may be unknown to this process."""
    from mtcheck.errors import LanguageError
    from mtcheck.languages import canonical_tag

    try:
        canonical_tag(code)
    except LanguageError as exc:
        raise ValueError(f"{where}: {exc}") from None


def _check_alignment(alignment: Alignment | None, sources: int, targets: int,
                     where: str) -> None:
    if alignment is None:
        return
    for i, pair in enumerate(alignment.pairs):
        _ids_in(pair.source_ids, sources, f"{where}.pairs[{i}].source_ids")
        _ids_in(pair.target_ids, targets, f"{where}.pairs[{i}].target_ids")


def _check_findings(findings: tuple[Finding, ...], sizes: Mapping[str, int], where: str,
                    variants_side: str = "target") -> None:
    for i, finding in enumerate(findings):
        at = f"{where}[{i}]"
        _ids_in(finding.source_ids, sizes["source"], f"{at}.source_ids")
        _ids_in(finding.target_ids, sizes["target"], f"{at}.target_ids")
        for j, span in enumerate(finding.spans):
            if span.side not in sizes or not 0 <= span.start <= span.end:
                raise ValueError(f"{at}.spans[{j}]: side or offsets out of range")
            _ids_in((span.sentence_id,), sizes[span.side], f"{at}.spans[{j}]")
        for j, variant in enumerate(finding.variants):
            _ids_in(variant.sentence_ids, sizes[variants_side], f"{at}.variants[{j}]")


def _check_references(run: RunResult) -> None:
    """Every id points at something that exists: the reports and the gate index by them."""
    sources = len(run.source.sentences)
    _check_document(run.source, "run.source")
    _check_language(run.source.lang, "run.source.document.lang")
    seen: set[str] = set()
    targets_of: dict[str, int] = {}
    for t, translation in enumerate(run.translations):
        at = f"run.translations[{t}]"
        if translation.lang in seen or translation.target.lang != translation.lang:
            raise ValueError(f"{at}.lang {translation.lang!r} repeated or not its document's")
        seen.add(translation.lang)
        _check_language(translation.lang, f"{at}.lang")
        _check_document(translation.target, f"{at}.target")
        targets = len(translation.target.sentences)
        targets_of[translation.lang] = targets
        _check_alignment(translation.alignment, sources, targets, f"{at}.alignment")
        if translation.reference is not None:
            _check_document(translation.reference, f"{at}.reference")
            _check_alignment(translation.reference_alignment, sources,
                             len(translation.reference.sentences), f"{at}.reference_alignment")
        elif translation.reference_alignment is not None:
            raise ValueError(f"{at}.reference_alignment without a reference")
        pairs = len(translation.alignment.pairs)
        for i, segment in enumerate(translation.segments):
            if not 0 <= segment.pair_index < pairs:
                raise ValueError(f"{at}.segments[{i}].pair_index {segment.pair_index} is not one "
                                 f"of the {pairs} aligned pairs")
        _check_findings(translation.findings, {"source": sources, "target": targets},
                        f"{at}.findings")
        for i, rendering in enumerate(translation.renderings):
            _ids_in((rendering.sentence_id,), targets, f"{at}.renderings[{i}]")
            if not 0 <= rendering.start <= rendering.end:
                raise ValueError(f"{at}.renderings[{i}]: offsets out of range")
    for i, entity in enumerate(run.entities):
        _ids_in(entity.source_ids, sources, f"run.entities[{i}].source_ids")
    # Findings on the source alone: their name variants are spellings in source sentences.
    _check_findings(run.source_findings, {"source": sources, "target": 0}, "run.source_findings",
                    variants_side="source")
    if run.gate is not None:
        for i, check in enumerate(run.gate.checks):
            _ids_in(check.source_ids, sources, f"run.gate.checks[{i}].source_ids")
            _ids_in(check.target_ids, targets_of.get(check.lang, 0),
                    f"run.gate.checks[{i}].target_ids")


def from_jsonable(hint: Any, value: Any, where: str) -> Any:
    """Rebuild a value of type ``hint`` from JSON data; raises ValueError on a mismatch."""
    # Scalars first: they are most of the values, and the cheapest to tell apart.
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{where}: expected a number")
        return float(value)
    if hint in (int, str, bool):
        if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
            raise ValueError(f"{where}: expected {hint.__name__}")
        return value
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object")
        kwargs = {}
        for name, field_hint, required in _init_fields(hint):
            if name in value:
                kwargs[name] = from_jsonable(field_hint, value[name], f"{where}.{name}")
            elif required:
                raise ValueError(f"{where}: missing field {name!r}")
        return hint(**kwargs)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        return from_jsonable(options[0], value, where)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if origin is tuple:
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list")
        return tuple(from_jsonable(args[0], v, f"{where}[{i}]") for i, v in enumerate(value))
    if origin in (Mapping, dict):
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object")
        return {k: from_jsonable(args[1], v, f"{where}.{k}") for k, v in value.items()}
    if hint is Any:
        return value
    raise TypeError(f"{where}: unsupported type {hint!r}")


@functools.cache
def _init_fields(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type hint, required) of each field ``cls(...)`` takes, resolved once per class.

    Resolving type hints is slow (it evaluates annotations); a collection's results.json
    rebuilds thousands of dataclasses of a few types.
    """
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name], f.default is dataclasses.MISSING
                  and f.default_factory is dataclasses.MISSING)
                 for f in dataclasses.fields(cls) if f.init)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of results.json, generated from the dataclasses."""
    definitions: dict[str, Any] = {}

    def schema_of(hint: Any) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            name = hint.__name__
            if name not in definitions:
                definitions[name] = {}  # placeholder breaks recursion
                hints = typing.get_type_hints(hint)
                fields = dataclasses.fields(hint)
                definitions[name] = {
                    "type": "object",
                    "description": (hint.__doc__ or name).strip().splitlines()[0],
                    "properties": {f.name: schema_of(hints[f.name]) for f in fields},
                    "required": [f.name for f in fields],
                    "additionalProperties": False,
                }
            return {"$ref": f"#/$defs/{name}"}
        if origin in (typing.Union, types.UnionType):
            return {"anyOf": [schema_of(a) for a in args]}
        if hint is type(None):
            return {"type": "null"}
        if isinstance(hint, type) and issubclass(hint, Enum):
            return {"enum": [m.value for m in hint]}
        if origin is tuple:
            return {"type": "array", "items": schema_of(args[0])}
        if origin in (Mapping, dict):
            return {"type": "object", "additionalProperties": schema_of(args[1])}
        simple = {float: "number", int: "integer", str: "string", bool: "boolean"}
        if hint in simple:
            return {"type": simple[hint]}
        return {}

    run = schema_of(RunResult)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "mtcheck results",
        "type": "object",
        "properties": {"schema_version": {"type": "string", "pattern": r"^1\.\d+$"}, "run": run},
        "required": ["schema_version", "run"],
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


def dump_schema() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n"
