"""Fuzzing the other inputs: manifest.toml, config TOML and results.json.

The contract, as for the format readers: a loaded value or one typed error
(exit code 2), never another exception. A results file that loads must also
gate and render without an error.

CI runs a fixed, derandomized budget (``FUZZ_EXAMPLES``, a few seconds). A long
hunt (docs/guarantees.md):

    MTCHECK_FUZZ_EXAMPLES=14000 python -m pytest tests/test_fuzz_inputs.py -p no:randomly -q

runs each target that many examples from a random seed.
"""

from __future__ import annotations

import copy
import json
import math
import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from mtcheck.config import Config, load_config
from mtcheck.corpus import load_corpus
from mtcheck.errors import ConfigError, InputError, MtcheckError
from mtcheck.languages import use_config_languages

LONG_RUN = int(os.environ.get("MTCHECK_FUZZ_EXAMPLES", "0"))
# A long run reports the first failure as found (shrinking a 100 KB results file takes hours).
FUZZ = settings(max_examples=LONG_RUN or 40, deadline=None, derandomize=not LONG_RUN,
                database=None, suppress_health_check=list(HealthCheck),
                phases=[Phase.generate] if LONG_RUN else list(Phase), report_multiple_bugs=False)
_names: Iterator[int] = count()

SOURCE = "Shoigu visits Iran\n\nIran said the visit aims to strengthen ties.\n"
GERMAN = "Schoigu besucht Iran\n\nIran erklärte, der Besuch solle die Beziehungen stärken.\n"


# --------------------------------------------------------------------------- TOML text
def toml_value(value: Any) -> str:
    """A TOML rendering of a generated value (inline tables, so any nesting is one line)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_document(tables: dict[str, dict[str, Any]]) -> str:
    lines = []
    for table, body in tables.items():
        lines.append(f"[{json.dumps(table)}]")
        lines.extend(f"{json.dumps(k)} = {toml_value(v)}" for k, v in body.items())
    return "\n".join(lines) + "\n"


PATHS = ["en.txt", "de.txt", "../outside.txt", "/etc/passwd", "/dev/zero", "link.txt", "sub",
         "missing.txt", "", ".", "de.txt/../de.txt", "fifo"]
LANGS = ["en", "de", "DE", "de-DE", "fr", "fr-CA", "xx", "sv", "", "zh_Hant", "qaa", "1"]
scalars = st.one_of(
    st.sampled_from(PATHS), st.sampled_from(LANGS), st.text(max_size=12),
    st.integers(min_value=-(2**63), max_value=2**63 - 1), st.floats(), st.booleans(),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)


# --------------------------------------------------------------------------- manifest
MANIFEST_KEYS = {
    "document": ["id", "title", "source", "source_language", "has_title", "date", "other"],
    "translations": LANGS,
    "references": LANGS,
    "gold": ["directory", "other"],
    "extra": ["x"],
}
manifest_tables = st.dictionaries(
    st.sampled_from(sorted(MANIFEST_KEYS)),
    st.dictionaries(st.sampled_from(sorted({k for ks in MANIFEST_KEYS.values() for k in ks})),
                    st.one_of(st.sampled_from(PATHS), st.sampled_from(LANGS), values),
                    max_size=4),
    max_size=5,
)


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("fuzz-corpus")
    (base / "outside.txt").write_text(GERMAN, encoding="utf-8")
    root = base / "corpus"
    root.mkdir()
    (root / "en.txt").write_text(SOURCE, encoding="utf-8")
    (root / "de.txt").write_text(GERMAN, encoding="utf-8")
    (root / "sub").mkdir()
    (root / "link.txt").symlink_to(base / "outside.txt")
    os.mkfifo(root / "fifo")
    return root


@FUZZ
@given(tables=manifest_tables, raw=st.one_of(st.none(), st.text(max_size=80)),
       on_valid=st.booleans())
def test_any_manifest_loads_or_is_an_input_error(corpus_dir: Path, tables: dict[str, Any],
                                                 raw: str | None, on_valid: bool) -> None:
    if on_valid:  # changes to a valid manifest reach further than random tables
        valid: dict[str, dict[str, Any]] = {
            "document": {"source": "en.txt", "source_language": "en"},
            "translations": {"de": "de.txt"}}
        for table, body in tables.items():
            valid.setdefault(table, {}).update(body)
        tables = valid
    text = raw if raw is not None else toml_document(tables)
    (corpus_dir / "manifest.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        corpus = load_corpus(corpus_dir)
    except InputError as error:
        assert str(corpus_dir) in str(error), "the message names the manifest or the file"
        event("refused")
        return
    event("loaded")
    root = corpus_dir.resolve()
    for document in (corpus.source, *corpus.translations.values(), *corpus.references.values()):
        assert root in Path(document.path).resolve().parents


# --------------------------------------------------------------------------- config
CONFIG_KEYS = {
    "score": ["bootstrap_resamples", "seed"],
    "align": ["similarity_weight", "band", "unaligned_run_cost", "beads", "within_paragraphs"],
    "checks": ["disabled", "severity", "suppress"],
    "gate": ["defaults", "languages", "baseline", "missing_score", "required_languages",
             "warn_only"],
    "languages": ["sv", "qaa", "FR"],
    "backtranslation": ["models", "beam_size", "on_missing", "threads"],
    "names": ["cluster_threshold", "glossary"],
    "segment": ["abbreviations"],
    "other": ["x"],
}
GATE_LEAVES = ["reference.chrF.min", "findings.error.max", "coverage.min", "roundtrip.BLEU.min",
               "max_drop.reference.chrF", "significance", "resamples", "method", "seed"]
config_values = st.one_of(
    values,
    st.dictionaries(st.sampled_from(GATE_LEAVES + LANGS), values, max_size=3),
    st.dictionaries(st.sampled_from(LANGS),
                    st.dictionaries(st.sampled_from([*GATE_LEAVES, "name", "script", "spaces"]),
                                    values, max_size=3), max_size=2),
    st.lists(st.dictionaries(st.sampled_from(["check", "lang", "entity", "reason"]),
                             st.one_of(st.sampled_from(LANGS), st.text(max_size=5)),
                             max_size=3), max_size=2),
)
config_tables = st.dictionaries(
    st.sampled_from(sorted(CONFIG_KEYS)),
    st.dictionaries(st.sampled_from(sorted({k for ks in CONFIG_KEYS.values() for k in ks})),
                    config_values, max_size=3),
    max_size=4,
)


@FUZZ
@given(tables=config_tables, raw=st.one_of(st.none(), st.text(max_size=80)))
def test_any_config_loads_or_is_a_config_error(tmp_path_factory: pytest.TempPathFactory,
                                               tables: dict[str, Any], raw: str | None) -> None:
    from mtcheck.gate.thresholds import parse_gate

    path = tmp_path_factory.getbasetemp() / f"config{next(_names)}.toml"
    path.write_text(raw if raw is not None else toml_document(tables), encoding="utf-8",
                    errors="surrogatepass")
    try:
        config = load_config(path)
        parse_gate(config.gate, config.source, seed=config.score.seed)
        event("loaded")
    except ConfigError as error:
        assert str(path) in str(error) or "backtranslation" in str(error)
        event("refused")
    except MtcheckError as error:  # pragma: no cover - reported with the type for triage
        pytest.fail(f"{type(error).__name__} instead of ConfigError: {error}")
    finally:
        use_config_languages({})
        path.unlink()


# --------------------------------------------------------------------------- results.json
@pytest.fixture(scope="module")
def results_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from mtcheck.corpus import adhoc_corpus
    from mtcheck.pipeline import evaluate
    from mtcheck.results import dump_results

    base = tmp_path_factory.mktemp("fuzz-results")
    (base / "en.txt").write_text(SOURCE, encoding="utf-8")
    (base / "de.txt").write_text(GERMAN, encoding="utf-8")
    (base / "ref.txt").write_text(GERMAN, encoding="utf-8")
    config = Config()
    config = type(config)(backtranslation=type(config.backtranslation)(enabled=False))
    run = evaluate(adhoc_corpus(base / "en.txt", "en", {"de": base / "de.txt"},
                                {"de": base / "ref.txt"}), config)
    document: dict[str, Any] = json.loads(dump_results(run))
    return document


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10),
              st.sampled_from([10**400, -1, 2**63, 1e308, -1e308, "\ud800", "de", "", 0.5])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=6,
)


def _at(node: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path``, or None where an earlier mutation removed it."""
    try:
        for key in path:
            node = node[key]
    except (KeyError, IndexError, TypeError):
        return None
    return node


def same_type(value: Any) -> st.SearchStrategy[Any]:
    """A value of the same JSON type: these keep the structure valid and test the ranges."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(min_value=-3, max_value=50) | st.integers()
    if isinstance(value, float):
        return st.floats(allow_nan=False, allow_infinity=False)
    if isinstance(value, str):
        return st.sampled_from(LANGS) | st.text(max_size=10)
    if isinstance(value, list):
        return st.permutations(value) | st.just(value[:1]) | st.just(value * 2) | st.just([])
    return st.just(copy.deepcopy(value))


@FUZZ
@given(data=st.data())
def test_any_results_json_loads_or_is_an_input_error(
        tmp_path_factory: pytest.TempPathFactory, results_json: dict[str, Any],
        data: st.DataObject) -> None:
    from mtcheck.gate import run_gate
    from mtcheck.report import render_pages
    from mtcheck.results import load_results

    document = copy.deepcopy(results_json)
    paths = list(_paths(document))
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        path = data.draw(st.sampled_from(paths))
        replacement = data.draw(json_values | same_type(_at(document, path)))
        if not path:
            document = replacement
            break
        parent = document
        try:
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = replacement
        except (KeyError, IndexError, TypeError):
            continue
    text = json.dumps(document, ensure_ascii=False, allow_nan=True)
    if data.draw(st.booleans()):
        cut = data.draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:cut] + data.draw(st.text(max_size=5)) + text[cut:]
    file = tmp_path_factory.getbasetemp() / f"results{next(_names)}.json"
    file.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        run = load_results(file)
    except InputError as error:
        assert str(file) in str(error)
        event("refused")
        return
    finally:
        file.unlink()
    import dataclasses

    from mtcheck.results import from_jsonable
    from mtcheck.types import RunResult

    gate = {"defaults": {"reference.chrF.min": 10, "findings.error.max": 0, "coverage.min": 0.5},
            "languages": {"de": {"roundtrip.BLEU.min": 5}}}
    baseline = from_jsonable(RunResult, results_json["run"], "run")
    run_gate(run, dataclasses.replace(Config(), gate=gate), baseline)
    render_pages(run)
    event("loaded, gated and rendered")
