"""mtcheck.compare: paired tests between two runs of the same source."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from gate_fixtures import damage, english_sentences, make_run, make_translation, standard_run
from mtcheck.compare import compare_runs, format_table
from mtcheck.errors import InputError
from mtcheck.gate.baseline import paired_test, project
from mtcheck.gate.thresholds import ScoreRef, SignificanceTest
from mtcheck.types import RunResult, ScoreKind


def _with_german(run: RunResult, folder: Path, every: int) -> RunResult:
    """The run with German re-translated: every ``every``-th sentence damaged."""
    de = next(t for t in run.translations if t.lang == "de")
    assert de.reference is not None
    texts = [damage(t) if i % every == 0 else t for i, t in enumerate(de.target.texts())]
    rebuilt = make_translation(folder, run.source, "de", texts,
                               reference=list(de.reference.texts()),
                               backtranslation=list(run.source.texts()))
    others = tuple(t for t in run.translations if t.lang != "de")
    return dataclasses.replace(run, translations=(rebuilt, *others))


@pytest.fixture()
def runs(tmp_path: Path) -> tuple[RunResult, RunResult]:
    baseline = standard_run(tmp_path / "a")
    return baseline, _with_german(baseline, tmp_path / "b", every=3)


def _row(comparison, lang: str, kind: ScoreKind, metric: str):
    return next(r for r in comparison.rows
                if (r.lang, r.kind, r.metric) == (lang, kind, metric))


def test_a_damaged_system_is_significantly_worse_on_every_reference_metric(runs) -> None:
    baseline, system = runs
    comparison = compare_runs(baseline, system)
    for metric in ("BLEU", "chrF", "TER"):
        row = _row(comparison, "de", ScoreKind.REFERENCE, metric)
        assert not row.better
        assert comparison.significant(row) == (True, True), row
    # French was not re-translated: no difference, nothing significant.
    fr = _row(comparison, "fr", ScoreKind.REFERENCE, "chrF")
    assert fr.delta == 0 and fr.p_bootstrap == 1.0 and fr.p_randomisation == 1.0


def test_the_tests_are_the_gates_paired_test_two_sided(runs) -> None:
    """compare reuses the gate's statistics and resampling; it does not reimplement them."""
    baseline, system = runs
    comparison = compare_runs(baseline, system, resamples=300, seed=7)
    old = next(t for t in baseline.translations if t.lang == "de")
    new = next(t for t in system.translations if t.lang == "de")
    projection = project(system, new, old, ScoreRef(ScoreKind.REFERENCE, "chrF"))
    assert projection is not None
    for method, attribute in ((SignificanceTest.PAIRED_BOOTSTRAP, "p_bootstrap"),
                              (SignificanceTest.APPROXIMATE_RANDOMIZATION, "p_randomisation")):
        expected = paired_test(projection.baseline, projection.current, projection.score,
                               method=method, resamples=300, seed=7, two_sided=True)
        assert getattr(_row(comparison, "de", ScoreKind.REFERENCE, "chrF"), attribute) \
            == expected.p_value


def test_two_sided_p_does_not_depend_on_which_system_is_the_baseline(runs) -> None:
    baseline, system = runs
    forward = _row(compare_runs(baseline, system), "de", ScoreKind.REFERENCE, "BLEU")
    backward = _row(compare_runs(system, baseline), "de", ScoreKind.REFERENCE, "BLEU")
    assert forward.delta == -backward.delta
    assert forward.p_randomisation == backward.p_randomisation
    assert backward.better and not forward.better


def test_bootstrap_interval_contains_the_score(runs) -> None:
    comparison = compare_runs(*runs)
    for row in comparison.rows:
        assert row.baseline_ci is not None and row.system_ci is not None
        assert row.baseline_ci[0] - 1e-6 <= row.baseline <= row.baseline_ci[1] + 1e-6


def test_round_trip_scores_are_compared_when_both_runs_have_them(runs) -> None:
    comparison = compare_runs(*runs)
    kinds = {(r.kind, r.metric) for r in comparison.rows if r.lang == "de"}
    assert (ScoreKind.ROUNDTRIP, "chrF") in kinds
    # fr has no back-translation in either run
    assert not any(r.kind is ScoreKind.ROUNDTRIP for r in comparison.rows if r.lang == "fr")


def test_languages_narrow_the_comparison(runs) -> None:
    comparison = compare_runs(*runs, languages=["fr"])
    assert {r.lang for r in comparison.rows} == {"fr"}
    assert not comparison.skipped


def test_a_language_in_one_run_only_is_reported_not_compared(runs, tmp_path: Path) -> None:
    baseline, system = runs
    only_fr = dataclasses.replace(system, translations=tuple(
        t for t in system.translations if t.lang == "fr"))
    comparison = compare_runs(baseline, only_fr, system_label="B")
    assert [(s.lang, s.reason) for s in comparison.skipped] == [("de", "not in B")]


def test_different_sources_are_refused(runs, tmp_path: Path) -> None:
    baseline, _ = runs
    other = make_run(tmp_path / "other", english_sentences(10, seed=99), build={
        "de": {"texts": english_sentences(10, seed=99),
               "reference": english_sentences(10, seed=99)}})
    with pytest.raises(InputError, match="same source"):
        compare_runs(baseline, other)


@pytest.mark.parametrize(("option", "value"), [("resamples", 0), ("resamples", 10**7),
                                                ("alpha", 0.0), ("alpha", 1.5)])
def test_settings_out_of_range_are_input_errors(runs, option: str, value: float) -> None:
    with pytest.raises(InputError):
        compare_runs(*runs, **{option: value})


def test_same_seed_same_table(runs) -> None:
    assert format_table(compare_runs(*runs)) == format_table(compare_runs(*runs))


def test_table_lists_the_baseline_first_and_marks_significance(runs) -> None:
    table = format_table(compare_runs(*runs, baseline_label="a/results.json",
                                      system_label="b/results.json"))
    lines = table.splitlines()
    assert lines[0] == "A (baseline): a/results.json"
    assert lines[1].startswith("B (system):") and lines[1].endswith("b/results.json")
    header = next(line for line in lines if line.startswith("lang"))
    assert header.index("A (baseline)") < header.index("B (system)")
    de_bleu = next(line for line in lines if line.startswith("de") and " BLEU " in line)
    assert de_bleu.count("*") == 2
    assert "significant difference at the 0.05 level" in table
    fr_bleu = next(line for line in lines if line.startswith("fr") and " BLEU " in line)
    assert "*" not in fr_bleu


def test_identical_runs_have_p_one() -> None:
    stats = np.array([[1.0, 2.0], [3.0, 1.0], [2.0, 2.0]])
    outcome = paired_test(stats, stats.copy(), lambda s: float(s[0] / s[1]), two_sided=True,
                          resamples=50)
    assert outcome.p_value == 1.0
