"""Parsing and validating the [gate] table."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.config import load_config
from mtcheck.errors import ConfigError
from mtcheck.gate.thresholds import (
    Bound,
    Policy,
    SignificanceTest,
    Subject,
    parse_gate,
    parse_threshold,
    valid_threshold_names,
)
from mtcheck.types import ScoreKind


@pytest.mark.parametrize(
    ("key", "subject", "bound", "kind", "metric", "selector"),
    [
        ("reference.chrF.min", Subject.SCORE, Bound.MIN, ScoreKind.REFERENCE, "chrF", None),
        ("reference.BLEU.min", Subject.SCORE, Bound.MIN, ScoreKind.REFERENCE, "BLEU", None),
        ("reference.chrF++.min", Subject.SCORE, Bound.MIN, ScoreKind.REFERENCE, "chrF++", None),
        ("reference.TER.max", Subject.SCORE, Bound.MAX, ScoreKind.REFERENCE, "TER", None),
        ("roundtrip.chrF.min", Subject.SCORE, Bound.MIN, ScoreKind.ROUNDTRIP, "chrF", None),
        ("roundtrip.semantic.min", Subject.SCORE, Bound.MIN, ScoreKind.ROUNDTRIP, "semantic",
         None),
        ("coverage.min", Subject.COVERAGE, Bound.MIN, None, None, None),
        ("findings.error.max", Subject.FINDINGS, Bound.MAX, None, None, "error"),
        ("findings.total.max", Subject.FINDINGS, Bound.MAX, None, None, "total"),
        ("findings.names.inconsistent.max", Subject.FINDINGS, Bound.MAX, None, None,
         "names.inconsistent"),
    ],
)
def test_threshold_names_parse(key: str, subject: Subject, bound: Bound,
                               kind: ScoreKind | None, metric: str | None,
                               selector: str | None) -> None:
    value = 0.5 if key == "coverage.min" else 3
    threshold = parse_threshold(key, value, "c.toml", "gate.defaults")
    assert (threshold.key, threshold.subject, threshold.bound) == (key, subject, bound)
    assert (threshold.kind, threshold.metric, threshold.selector) == (kind, metric, selector)
    assert threshold.limit == float(value)


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("reference.chrf.min", 40, "unknown threshold"),  # metric names are case-sensitive
        ("reference.chrF.mean", 40, "unknown threshold"),
        ("reference.semantic.min", 0.5, "unknown threshold"),  # no semantic for references
        ("bleu.min", 10, "unknown threshold"),
        ("findings.names.typo.max", 0, "not a check id or severity"),
        ("findings.error.min", 0, "findings take a maximum"),
        ("findings.error.max", 1.5, "count of findings"),
        ("findings.error.max", -1, "count of findings"),
        ("coverage.min", 90, "share between 0 and 1"),
        ("reference.chrF.min", "40", "must be a number"),
        ("reference.chrF.min", True, "must be a number"),
    ],
)
def test_bad_thresholds_name_the_key_and_file(key: str, value: object, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_gate({"defaults": {key: value}}, "configs/ci.toml")
    message = str(caught.value)
    assert message.startswith("configs/ci.toml: ")
    assert repr(key) in message
    assert expected in message


def test_unknown_threshold_lists_the_valid_names() -> None:
    with pytest.raises(ConfigError, match=r"valid names: coverage\.min.*names\.inconsistent"):
        parse_gate({"defaults": {"reference.chrf.min": 1}}, "c.toml")


def test_every_listed_name_parses() -> None:
    for name in valid_threshold_names():
        parse_threshold(name, 0, "c.toml", "gate.defaults")


def test_language_overrides_merge_over_defaults_and_false_disables() -> None:
    gate = parse_gate({
        "defaults": {"reference.chrF.min": 40, "coverage.min": 0.9, "findings.error.max": 10},
        "languages": {"sa": {"reference.chrF.min": 20, "coverage.min": False},
                      "KO": {"roundtrip.chrF.min": 30}},
    }, "c.toml")
    sa = {t.key: t.limit for t in gate.for_language("sa")}
    assert sa == {"reference.chrF.min": 20.0, "findings.error.max": 10.0}
    ko = {t.key: t.limit for t in gate.for_language("ko")}  # codes are normalised
    assert ko == {"coverage.min": 0.9, "reference.chrF.min": 40.0, "findings.error.max": 10.0,
                  "roundtrip.chrF.min": 30.0}
    # Stable order: coverage, reference, roundtrip, findings.
    assert [t.key for t in gate.for_language("ko")] == [
        "coverage.min", "reference.chrF.min", "roundtrip.chrF.min", "findings.error.max"]


def test_disabling_an_unknown_threshold_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"'reference\.chrf\.min'"):
        parse_gate({"languages": {"de": {"reference.chrf.min": False}}}, "c.toml")


def test_unknown_language_code_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"c\.toml: .*unknown language code 'xx'"):
        parse_gate({"languages": {"xx": {"coverage.min": 0.5}}}, "c.toml")


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ({"thresholds": {}}, "unknown key [gate] 'thresholds'"),
        ({"missing_score": "ignore"}, "'missing_score' is 'ignore'; valid: fail, warn, skip"),
        ({"defaults": 3}, "'defaults' must be a table"),
        ({"languages": {"de": 3}}, "'de' must be a table"),
        ({"baseline": {"method": "t-test"}}, "valid: paired-bootstrap, approximate-randomization"),
        ({"baseline": {"significance": 1.5}}, "between 0 and 1"),
        ({"baseline": {"resamples": 3}}, "'resamples' must be an integer from 10 to"),
        ({"baseline": {"max_drop.reference.chrf": 2}}, "names no score"),
        ({"baseline": {"max_drop.reference.chrF": -2}}, "non-negative number"),
        ({"baseline": {"maxdrop": 2}}, "unknown key [gate.baseline] 'maxdrop'"),
        ({"source": {"reference.chrF.min": 2}}, "the source has no scores"),
        ({"required_languages": "de"}, "must be a list of strings"),
        ({"warn_only": ["coverage.max"]}, "unknown threshold"),
    ],
)
def test_bad_gate_tables(table: dict[str, object], expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_gate(table, "ci.toml")
    assert str(caught.value).startswith("ci.toml: ")
    assert expected in str(caught.value)


def test_baseline_settings_and_defaults() -> None:
    default = parse_gate({}, "c.toml", seed=99)
    assert default.empty
    assert default.missing_score is Policy.SKIP
    assert default.baseline.seed == 99
    assert dict(default.baseline.max_drop) == {"reference.chrF": 1.0, "roundtrip.chrF": 1.0}
    gate = parse_gate({"baseline": {"max_drop.reference.BLEU": 2, "significance": 0.01,
                                    "method": "approximate-randomization", "resamples": 200,
                                    "seed": 3, "new_findings": "fail"},
                       "languages": {"de": {"max_drop.reference.BLEU": 5}}}, "c.toml")
    assert gate.baseline.method is SignificanceTest.APPROXIMATE_RANDOMIZATION
    assert (gate.baseline.significance, gate.baseline.resamples, gate.baseline.seed) == \
        (0.01, 200, 3)
    assert gate.baseline.new_findings is Policy.FAIL
    assert gate.max_drop_for("fr") == {"reference.BLEU": 2.0}
    assert gate.max_drop_for("de") == {"reference.BLEU": 5.0}


def test_warn_only_per_language() -> None:
    gate = parse_gate({"warn_only": ["coverage.min"],
                       "languages": {"de": {"warn_only": ["findings.error.max"]}}}, "c.toml")
    assert gate.is_warn_only("fr", "coverage.min")
    assert gate.is_warn_only("de", "findings.error.max")
    assert not gate.is_warn_only("fr", "findings.error.max")


def test_gate_table_from_a_config_file(tmp_path: Path) -> None:
    path = tmp_path / "ci.toml"
    path.write_text('[gate.defaults]\n"reference.chrF.min" = 40\n'
                    '[gate.languages.sa]\n"reference.chrF.min" = 20.0\n', encoding="utf-8")
    config = load_config(path)
    gate = parse_gate(config.gate, config.source)
    assert [t.limit for t in gate.for_language("sa")] == [20.0]
    path.write_text('[gate.defaults]\n"reference.chrF.minimum" = 40\n', encoding="utf-8")
    config = load_config(path)
    with pytest.raises(ConfigError, match=f"{path}: unknown threshold .*'reference.chrF.minimum'"):
        parse_gate(config.gate, config.source)


@pytest.mark.parametrize("name", ["lenient", "strict"])
def test_shipped_configs_are_valid(name: str) -> None:
    path = Path(__file__).parent.parent / "configs" / f"{name}.toml"
    config = load_config(path)
    gate = parse_gate(config.gate, config.source)
    assert not gate.empty
