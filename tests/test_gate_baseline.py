"""Regression against a baseline: paired significance tests and new findings."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gate_fixtures import change_one_word, damage, english_sentences, make_run
from mtcheck.config import Config
from mtcheck.gate import run_gate
from mtcheck.gate.baseline import finding_key, new_findings, paired_test
from mtcheck.gate.thresholds import SignificanceTest
from mtcheck.types import Finding, GateCheck, GateResult, GateStatus, RunResult, Severity

ENGLISH = english_sentences(40)
REFERENCE = [f"Referenz: {t}" for t in ENGLISH]
DAMAGED = {3, 9, 15, 21, 27, 33}
METHODS = ["paired-bootstrap", "approximate-randomization"]


def _run(folder: Path, texts: Sequence[str], back: Sequence[str] | None = None,
         findings: Sequence[Finding] = ()) -> RunResult:
    return make_run(folder, ENGLISH, build={"de": {
        "texts": list(texts), "reference": REFERENCE, "backtranslation": list(back or ENGLISH),
        "findings": list(findings)}})


def _config(method: str = "paired-bootstrap", **extra: Any) -> Config:
    baseline = {"method": method, "max_drop.reference.chrF": 1.0,
                "max_drop.reference.BLEU": 1.0, "max_drop.reference.TER": 1.0,
                "max_drop.roundtrip.chrF": 1.0, **extra}
    return Config(gate={"baseline": baseline}, source="test.toml")


def _regressions(result: GateResult) -> dict[str, GateCheck]:
    return {c.name: c for c in result.checks if c.name.startswith("max_drop.")}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return _run(tmp_path_factory.mktemp("baseline"), REFERENCE)


@pytest.mark.parametrize("method", METHODS)
def test_identical_run_passes_with_p_one(baseline: RunResult, tmp_path: Path,
                                         method: str) -> None:
    current = _run(tmp_path, REFERENCE)
    result = run_gate(current, _config(method), baseline, baseline_label="prev.json")
    assert result.passed and result.baseline == "prev.json"
    checks = _regressions(result)
    assert set(checks) == {"max_drop.reference.chrF", "max_drop.reference.BLEU",
                           "max_drop.reference.TER", "max_drop.roundtrip.chrF"}
    for check in checks.values():
        assert check.status is GateStatus.PASS
        assert check.p_value == 1.0 and check.value == 0.0
        assert "unchanged" in check.message


@pytest.mark.parametrize("method", METHODS)
def test_degraded_translation_fails_significantly(baseline: RunResult, tmp_path: Path,
                                                  method: str) -> None:
    texts = [damage(t) if i in DAMAGED else t for i, t in enumerate(REFERENCE)]
    back = [damage(t) if i in DAMAGED else t for i, t in enumerate(ENGLISH)]
    result = run_gate(_run(tmp_path, texts, back), _config(method), baseline)
    assert not result.passed
    for name, check in _regressions(result).items():
        assert check.status is GateStatus.FAIL, name
        assert check.p_value is not None and check.p_value < 0.05
        assert check.value is not None and check.value > 1.0
        assert "worse by" in check.message and "significant drop" in check.message
        # The most degraded sentences are named.
        assert set(check.source_ids) <= DAMAGED and check.source_ids


@pytest.mark.parametrize("method", METHODS)
def test_one_changed_word_passes(baseline: RunResult, tmp_path: Path, method: str) -> None:
    texts = [change_one_word(t) if i == 5 else t for i, t in enumerate(REFERENCE)]
    result = run_gate(_run(tmp_path, texts), _config(method), baseline)
    assert result.passed
    chrf = _regressions(result)["max_drop.reference.chrF"]
    assert chrf.value is not None and 0 < chrf.value < 1.0
    assert "within the allowed 1" in chrf.message


def test_large_but_not_significant_drop_passes(baseline: RunResult, tmp_path: Path) -> None:
    # One destroyed sentence of 40 moves chrF by more than the allowed 1 point, but one
    # sentence is no evidence of a systematic regression.
    texts = [damage(t) if i == 3 else t for i, t in enumerate(REFERENCE)]
    result = run_gate(_run(tmp_path, texts), _config(), baseline)
    chrf = _regressions(result)["max_drop.reference.chrF"]
    assert chrf.value is not None and chrf.value > 1.0
    assert chrf.p_value is not None and chrf.p_value >= 0.05
    assert chrf.status is GateStatus.PASS and "not significant" in chrf.message


def test_improvement_never_fails(baseline: RunResult, tmp_path: Path) -> None:
    worse = _run(tmp_path, [damage(t) if i in DAMAGED else t for i, t in enumerate(REFERENCE)])
    result = run_gate(baseline, _config(), worse)
    assert result.passed
    assert _regressions(result)["max_drop.reference.chrF"].p_value == pytest.approx(1.0, abs=0.01)


def test_merged_sentences_are_compared_on_common_groups(baseline: RunResult,
                                                        tmp_path: Path) -> None:
    # The current run merges source sentences 0 and 1 into one target sentence.
    from gate_fixtures import make_translation
    from mtcheck.types import AlignedPair, Alignment

    run = _run(tmp_path, REFERENCE)
    de = run.translations[0]
    merged_texts = [f"{REFERENCE[0]} {REFERENCE[1]}", *REFERENCE[2:]]
    rebuilt = make_translation(tmp_path / "merged", run.source, "de",
                               [*merged_texts, ""], reference=REFERENCE)
    pairs = (AlignedPair((0, 1), (0,)),
             *(AlignedPair((s,), (s - 1,)) for s in range(2, 40)))
    de = dataclasses.replace(rebuilt, alignment=Alignment(pairs, "test"),
                             target=dataclasses.replace(
                                 rebuilt.target, sentences=rebuilt.target.sentences[:39]),
                             segments=())
    merged_run = dataclasses.replace(run, translations=(de,))
    config = Config(gate={"baseline": {"max_drop.reference.chrF": 1.0}}, source="t.toml")
    check = _regressions(run_gate(merged_run, config, baseline))["max_drop.reference.chrF"]
    assert check.status is GateStatus.PASS
    assert "39 units" in check.message
    assert check.value == pytest.approx(0.0, abs=0.01)


def test_same_seed_same_p_value(baseline: RunResult, tmp_path: Path) -> None:
    texts = [damage(t) if i in {3, 9} else t for i, t in enumerate(REFERENCE)]
    current = _run(tmp_path, texts)
    first = _regressions(run_gate(current, _config(seed=5), baseline))
    second = _regressions(run_gate(current, _config(seed=5), baseline))
    assert first == second


def test_reference_of_either_run_is_used(baseline: RunResult, tmp_path: Path) -> None:
    # The references are fixed human text: a run without one is compared on the baseline's.
    run = make_run(tmp_path, ENGLISH, build={"de": {"texts": REFERENCE}})
    config = Config(gate={"baseline": {"max_drop.reference.chrF": 1.0}}, source="t.toml")
    check = _regressions(run_gate(run, config, baseline))["max_drop.reference.chrF"]
    assert check.status is GateStatus.PASS and check.p_value == 1.0


def test_missing_scores_follow_the_policy(tmp_path: Path) -> None:
    old = make_run(tmp_path / "old", ENGLISH, build={"de": {"texts": REFERENCE}})
    run = make_run(tmp_path / "new", ENGLISH, build={"de": {"texts": REFERENCE}})
    config = Config(gate={"missing_score": "warn",
                          "baseline": {"max_drop.reference.chrF": 1.0,
                                       "max_drop.roundtrip.semantic": 1.0}}, source="t.toml")
    checks = _regressions(run_gate(run, config, old))
    for name in ("max_drop.reference.chrF", "max_drop.roundtrip.semantic"):
        assert checks[name].status is GateStatus.WARN
        assert "cannot be compared" in checks[name].message


def test_language_dropped_since_baseline_warns(baseline: RunResult, tmp_path: Path) -> None:
    run = make_run(tmp_path, ENGLISH)
    result = run_gate(run, _config(), baseline)
    assert [(c.lang, c.name, c.status) for c in result.checks] == [
        ("de", "baseline", GateStatus.WARN)]


def test_different_source_is_not_compared(baseline: RunResult, tmp_path: Path) -> None:
    other = make_run(tmp_path, english_sentences(40, seed=8),
                     build={"de": {"texts": REFERENCE, "reference": REFERENCE}})
    result = run_gate(other, _config(), baseline)
    assert [c.status for c in result.checks] == [GateStatus.WARN]
    assert "different source" in result.checks[0].message


# --------------------------------------------------------------------------- new findings
def _finding(ids: tuple[int, ...], message: str = "Tehran is rendered 2 ways",
             entity: str = "Tehran", check: str = "names.inconsistent") -> Finding:
    return Finding(check=check, severity=Severity.ERROR, message=message, target_ids=ids,
                   entity=entity)


def test_new_findings_match_on_text_not_ids(tmp_path: Path) -> None:
    old = _run(tmp_path / "old", REFERENCE, findings=[_finding((4,))])
    # The same problem, but an extra sentence earlier shifted every id by one.
    shifted = ["Eine neue Einleitung.", *REFERENCE[:-1]]
    current = _run(tmp_path / "new", shifted,
                   findings=[_finding((5,)), _finding((10,), "Moscow is missing", "Moscow",
                                                      "names.missing")])
    fresh = new_findings(current, old, current.translations[0], old.translations[0])
    assert [f.check for f in fresh] == ["names.missing"]
    assert finding_key(old.translations[0].findings[0], old.translations[0], old) == \
        finding_key(current.translations[0].findings[0], current.translations[0], current)


@pytest.mark.parametrize(("policy", "status", "passed"),
                         [("warn", GateStatus.WARN, True), ("fail", GateStatus.FAIL, False),
                          ("skip", GateStatus.SKIP, True)])
def test_new_findings_policy(tmp_path: Path, policy: str, status: GateStatus,
                             passed: bool) -> None:
    old = _run(tmp_path / "old", REFERENCE)
    current = _run(tmp_path / "new", REFERENCE,
                   findings=[_finding((3,)), dataclasses.replace(_finding((6,)),
                                                                 suppressed=True)])
    config = Config(gate={"baseline": {"new_findings": policy}}, source="t.toml")
    result = run_gate(current, config, old)
    check = next(c for c in result.checks if c.name == "baseline.new_findings")
    assert check.status is status and result.passed is passed
    assert check.value == 1.0 and check.target_ids == (3,)
    assert "1 new finding(s)" in check.message and "[names.inconsistent]" in check.message


# --------------------------------------------------------------------------- the test itself
def _mean(summed: np.ndarray) -> float:
    return float(summed[0] / summed[1])


@settings(max_examples=30, deadline=None)
@given(values=st.lists(st.floats(min_value=0, max_value=100), min_size=2, max_size=30),
       method=st.sampled_from(list(SignificanceTest)))
def test_p_value_is_a_probability_and_identical_runs_give_one(
        values: list[float], method: SignificanceTest) -> None:
    stats = np.array([[v, 1.0] for v in values])
    same = paired_test(stats, stats.copy(), _mean, method=method, resamples=50)
    assert same.p_value == 1.0 and same.drop == 0.0
    worse = stats.copy()
    worse[:, 0] = worse[:, 0] * 0.5
    outcome = paired_test(stats, worse, _mean, method=method, resamples=50, seed=1)
    assert 0.0 < outcome.p_value <= 1.0
    assert outcome.drop >= 0.0


def test_lower_is_better_flips_the_direction() -> None:
    good = np.array([[10.0, 1.0]] * 20)
    bad = np.array([[30.0, 1.0]] * 20)
    outcome = paired_test(good, bad, _mean, higher_is_better=False, resamples=100)
    assert outcome.drop == 20.0
    assert paired_test(good, bad, _mean, higher_is_better=True, resamples=100).drop == -20.0


def test_shapes_must_match() -> None:
    with pytest.raises(ValueError, match="same"):
        paired_test(np.zeros((3, 2)), np.zeros((4, 2)), _mean)


def _with_semantic(run: RunResult, values: Sequence[float]) -> RunResult:
    de = run.translations[0]
    segments = tuple(dataclasses.replace(s, scores={**s.scores, "roundtrip.semantic": v})
                     for s, v in zip(de.segments, values, strict=True))
    return dataclasses.replace(run, translations=(dataclasses.replace(de, segments=segments),))


def test_semantic_similarity_is_compared_as_a_mean(baseline: RunResult, tmp_path: Path) -> None:
    old = _with_semantic(baseline, [0.9] * 40)
    worse = _with_semantic(_run(tmp_path, REFERENCE),
                           [0.3 if i in DAMAGED else 0.9 for i in range(40)])
    config = Config(gate={"baseline": {"max_drop.roundtrip.semantic": 0.05}}, source="t.toml")
    check = _regressions(run_gate(worse, config, old))["max_drop.roundtrip.semantic"]
    assert check.status is GateStatus.FAIL
    assert check.value == pytest.approx(0.6 * 6 / 40, abs=1e-4)
    assert check.p_value is not None and check.p_value < 0.05
