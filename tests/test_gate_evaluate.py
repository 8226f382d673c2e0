"""run_gate: thresholds applied to a run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gate_fixtures import english_sentences, make_run, standard_run
from mtcheck.config import Config
from mtcheck.errors import ConfigError
from mtcheck.gate import run_gate
from mtcheck.types import Finding, GateCheck, GateResult, GateStatus, RunResult, Severity


def _config(gate: dict[str, Any]) -> Config:
    return Config(gate=gate, source="test.toml")


def _check(result: GateResult, lang: str, name: str) -> GateCheck:
    matches = [c for c in result.checks if c.lang == lang and c.name == name]
    assert len(matches) == 1, [(c.lang, c.name) for c in result.checks]
    return matches[0]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return standard_run(tmp_path_factory.mktemp("run"))


def test_no_thresholds_is_a_config_error_not_a_pass(run: RunResult) -> None:
    with pytest.raises(ConfigError, match="no \\[gate\\] thresholds configured"):
        run_gate(run, Config())


def test_lenient_thresholds_pass(run: RunResult) -> None:
    result = run_gate(run, _config({"defaults": {"reference.chrF.min": 50, "coverage.min": 0.9,
                                                 "findings.error.max": 5}}))
    assert result.passed
    assert {c.status for c in result.checks} == {GateStatus.PASS}
    assert len(result.checks) == 6  # 3 thresholds x 2 languages
    assert result.config == "test.toml"


def test_a_failed_score_says_by_how_much_and_names_the_worst_sentences(run: RunResult) -> None:
    result = run_gate(run, _config({"defaults": {"reference.chrF.min": 80}}))
    assert not result.passed
    assert _check(result, "de", "reference.chrF.min").status is GateStatus.PASS
    fr = _check(result, "fr", "reference.chrF.min")
    assert fr.status is GateStatus.FAIL
    assert fr.value is not None and fr.value < 80 and fr.threshold == 80
    assert f"short by {80 - fr.value:.2f}" in fr.message
    fr_doc = next(t for t in run.translations if t.lang == "fr")
    # Damaged sentences (every third source sentence) are named, worst first.
    assert fr.target_ids
    assert all("something" in fr_doc.target.sentences[t].text for t in fr.target_ids)


def test_per_language_override(run: RunResult) -> None:
    result = run_gate(run, _config({"defaults": {"reference.chrF.min": 80},
                                    "languages": {"fr": {"reference.chrF.min": 60}}}))
    assert result.passed
    assert _check(result, "fr", "reference.chrF.min").threshold == 60


def test_max_bound_for_ter(run: RunResult) -> None:
    result = run_gate(run, _config({"defaults": {"reference.TER.max": 10}}))
    assert _check(result, "de", "reference.TER.max").status is GateStatus.PASS
    fr = _check(result, "fr", "reference.TER.max")
    assert fr.status is GateStatus.FAIL and "over by" in fr.message


def test_coverage_points_at_omitted_source_sentences(run: RunResult) -> None:
    result = run_gate(run, _config({"defaults": {"coverage.min": 1.0}}))
    fr = _check(result, "fr", "coverage.min")
    assert fr.status is GateStatus.FAIL
    assert fr.value == pytest.approx(39 / 40, abs=1e-4)
    assert fr.source_ids == (7,) and fr.target_ids == ()
    assert "1 of 40 source sentences" in fr.message
    assert _check(result, "de", "coverage.min").status is GateStatus.PASS


@pytest.mark.parametrize(
    ("key", "limit", "status", "count"),
    [
        ("findings.error.max", 1, GateStatus.FAIL, 2),  # the suppressed one is not counted
        ("findings.error.max", 2, GateStatus.PASS, 2),
        ("findings.total.max", 2, GateStatus.PASS, 2),
        ("findings.names.inconsistent.max", 0, GateStatus.FAIL, 1),
        ("findings.names.missing.max", 1, GateStatus.PASS, 1),
        ("findings.warning.max", 0, GateStatus.PASS, 0),
    ],
)
def test_findings_counts(run: RunResult, key: str, limit: int, status: GateStatus,
                         count: int) -> None:
    check = _check(run_gate(run, _config({"defaults": {key: limit}})), "fr", key)
    assert check.status is status
    assert check.value == count


def test_failed_findings_quote_messages_and_sentences(run: RunResult) -> None:
    check = _check(run_gate(run, _config({"defaults": {"findings.error.max": 0}})), "fr",
                   "findings.error.max")
    assert "Tehran is rendered 2 ways" in check.message
    assert "Doha" not in check.message  # suppressed
    assert check.target_ids == (1, 2, 4)


@pytest.mark.parametrize(
    ("policy", "status", "passed"),
    [("skip", GateStatus.SKIP, True), ("warn", GateStatus.WARN, True),
     ("fail", GateStatus.FAIL, False)],
)
def test_missing_score_policy(run: RunResult, policy: str, status: GateStatus,
                              passed: bool) -> None:
    # fr has no back-translation: its round-trip score was never computed.
    result = run_gate(run, _config({"missing_score": policy,
                                    "defaults": {"roundtrip.chrF.min": 10}}))
    fr = _check(result, "fr", "roundtrip.chrF.min")
    assert fr.status is status
    assert "not computed" in fr.message and "back-translation switched off" in fr.message
    assert _check(result, "de", "roundtrip.chrF.min").status is GateStatus.PASS
    assert result.passed is passed


def test_warn_only_downgrades_a_failure(run: RunResult) -> None:
    result = run_gate(run, _config({"defaults": {"coverage.min": 1.0},
                                    "warn_only": ["coverage.min"]}))
    assert result.passed
    assert _check(result, "fr", "coverage.min").status is GateStatus.WARN


def test_required_languages(run: RunResult) -> None:
    result = run_gate(run, _config({"required_languages": ["de", "ru"]}))
    assert not result.passed
    check = _check(result, "ru", "required_languages")
    assert check.status is GateStatus.FAIL and "de, fr" in check.message


def test_source_findings(tmp_path: Path) -> None:
    finding = Finding(check="names.source-inconsistent", severity=Severity.WARNING,
                      message="Pezeshkian is spelt 2 ways", source_ids=(0, 2))
    run = make_run(tmp_path, english_sentences(3), source_findings=[finding])
    result = run_gate(run, _config({"source": {"findings.names.source-inconsistent.max": 0}}))
    check = _check(result, "en", "findings.names.source-inconsistent.max")
    assert check.status is GateStatus.FAIL and check.source_ids == (0, 2)


def test_invalid_gate_table_raises_config_error(run: RunResult) -> None:
    with pytest.raises(ConfigError, match=r"test\.toml: unknown threshold"):
        run_gate(run, _config({"defaults": {"chrF.min": 3}}))


def test_gate_is_deterministic(run: RunResult) -> None:
    config = _config({"defaults": {"reference.chrF.min": 80, "coverage.min": 1.0}})
    assert run_gate(run, config) == run_gate(run, config)


@settings(max_examples=40, deadline=None)
@given(limit=st.floats(min_value=0, max_value=100, allow_nan=False),
       lower=st.floats(min_value=0, max_value=100, allow_nan=False))
def test_min_thresholds_are_monotone(run: RunResult, limit: float, lower: float) -> None:
    # If the gate passes at one minimum it passes at every lower minimum, and
    # `passed` is exactly "no check failed".
    low, high = sorted((limit, lower))
    at_high = run_gate(run, _config({"defaults": {"reference.chrF.min": high}}))
    at_low = run_gate(run, _config({"defaults": {"reference.chrF.min": low}}))
    assert at_high.passed == all(c.status is not GateStatus.FAIL for c in at_high.checks)
    if at_high.passed:
        assert at_low.passed
