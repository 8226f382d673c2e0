"""``mtcheck gate`` and the shared ``gate_output_options``."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from lxml import etree

from gate_fixtures import change_one_word, damage, standard_run
from mtcheck.cli import main
from mtcheck.cli.gate import GateOutputs, gate_output_options
from mtcheck.results import dump_results, load_results
from mtcheck.types import GateStatus, RunResult

ROOT = Path(__file__).parent.parent
LENIENT = """
[gate.defaults]
"reference.chrF.min" = 50
"coverage.min" = 0.9
"findings.error.max" = 5
[gate.baseline]
"max_drop.reference.chrF" = 1.0
"""
STRICT = """
[gate]
missing_score = "fail"
[gate.defaults]
"reference.chrF.min" = 80
"coverage.min" = 1.0
"findings.names.inconsistent.max" = 0
"""


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    run = standard_run(tmp_path / "corpus")
    results = tmp_path / "results.json"
    results.write_text(dump_results(run), encoding="utf-8")
    lenient = tmp_path / "lenient.toml"
    lenient.write_text(LENIENT, encoding="utf-8")
    strict = tmp_path / "strict.toml"
    strict.write_text(STRICT, encoding="utf-8")
    return {"results": results, "lenient": lenient, "strict": strict, "dir": tmp_path}


def _invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, ["gate", *args], catch_exceptions=False)


def test_lenient_config_passes(files: dict[str, Path]) -> None:
    result = _invoke(str(files["results"]), "--config", str(files["lenient"]))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("mtcheck gate passed")


def test_strict_config_fails_with_junit(files: dict[str, Path]) -> None:
    junit = files["dir"] / "out" / "gate.xml"
    markdown = files["dir"] / "summary.md"
    result = _invoke(str(files["results"]), "--config", str(files["strict"]),
                     "--junit", str(junit), "--markdown", str(markdown))
    assert result.exit_code == 1, result.output
    assert "mtcheck gate FAILED" in result.output
    suite = etree.parse(str(junit)).getroot().find("testsuite")
    failed = sorted((c.get("classname"), c.get("name")) for c in suite.iter("testcase")
                    if c.find("failure") is not None)
    assert failed == [("mtcheck.gate.fr", "coverage.min"),
                      ("mtcheck.gate.fr", "findings.names.inconsistent.max"),
                      ("mtcheck.gate.fr", "reference.chrF.min")]
    assert markdown.read_text(encoding="utf-8").startswith("## ❌ mtcheck gate FAILED")


def test_github_annotations_flag(files: dict[str, Path]) -> None:
    result = _invoke(str(files["results"]), "--config", str(files["strict"]),
                     "--github-annotations", "--quiet")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines and all(line.startswith("::error ") for line in lines)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ('[gate.defaults]\n"reference.chrf.min" = 40\n', "unknown threshold [gate.defaults] "
                                                         "'reference.chrf.min'"),
        ('[gate]\nthreshold = 3\n', "unknown key [gate] 'threshold'"),
        ('[gate.defaults\n', "invalid TOML"),
        ('[gate.languages.xx]\n"coverage.min" = 0.5\n', "unknown language code 'xx'"),
    ],
)
def test_bad_config_exits_2_naming_key_and_file(files: dict[str, Path], config: str,
                                                expected: str) -> None:
    path = files["dir"] / "bad.toml"
    path.write_text(config, encoding="utf-8")
    result = CliRunner().invoke(main, ["gate", str(files["results"]), "--config", str(path)])
    assert result.exit_code == 2
    assert f"mtcheck: error: {path}: " in result.output
    assert expected in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "file not found"), ("{not json", "not valid JSON"),
     ('{"x": 1}', "not an mtcheck results file")],
)
def test_bad_results_exit_2(files: dict[str, Path], content: str | None, expected: str) -> None:
    path = files["dir"] / "broken.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["gate", str(path)])
    assert result.exit_code == 2 and expected in result.output


def test_bad_baseline_exits_2(files: dict[str, Path]) -> None:
    result = CliRunner().invoke(main, ["gate", str(files["results"]), "--baseline",
                                       str(files["dir"] / "missing.json")])
    assert result.exit_code == 2 and "missing.json: file not found" in result.output


def _variant(files: dict[str, Path], name: str, edit: str) -> Path:
    """A copy of the run whose German translation is damaged or trivially changed."""
    import dataclasses

    from gate_fixtures import make_translation

    run = load_results(files["results"])
    de = next(t for t in run.translations if t.lang == "de")
    texts = list(de.target.texts())
    assert de.reference is not None
    if edit == "damage":
        texts = [damage(t) if i % 5 == 0 else t for i, t in enumerate(texts)]
    else:
        texts[3] = change_one_word(texts[3])
    rebuilt = make_translation(files["dir"] / name, run.source, "de", texts,
                               reference=list(de.reference.texts()))
    others = tuple(t for t in run.translations if t.lang != "de")
    path = files["dir"] / f"{name}.json"
    path.write_text(dump_results(dataclasses.replace(run, translations=(rebuilt, *others))),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("edit", "code"), [("damage", 1), ("one word", 0)])
def test_baseline_regression(files: dict[str, Path], edit: str, code: int) -> None:
    current = _variant(files, edit.replace(" ", "-"), edit)
    junit = files["dir"] / "gate.xml"
    result = _invoke(str(current), "--config", str(files["lenient"]), "--baseline",
                     str(files["results"]), "--junit", str(junit))
    assert result.exit_code == code, result.output
    case = next(c for c in etree.parse(str(junit)).iter("testcase")
                if c.get("name") == "max_drop.reference.chrF"
                and c.get("classname") == "mtcheck.gate.de")
    assert (case.find("failure") is not None) is (code == 1)
    assert f"baseline: {files['results']}" in result.output


def test_identical_baseline_passes(files: dict[str, Path]) -> None:
    result = _invoke(str(files["results"]), "--config", str(files["lenient"]), "--baseline",
                     str(files["results"]))
    assert result.exit_code == 0, result.output


def test_gate_output_options_are_reusable(files: dict[str, Path]) -> None:
    from mtcheck.cli.gate import apply_gate
    from mtcheck.config import load_config

    seen: list[RunResult] = []

    @click.command()
    @gate_output_options
    def other(gate_outputs: GateOutputs) -> None:
        assert isinstance(gate_outputs, GateOutputs)
        run, code = apply_gate(load_results(files["results"]), load_config(files["strict"]),
                               gate_outputs, quiet=True)
        seen.append(run)
        raise SystemExit(code)

    junit = files["dir"] / "other.xml"
    result = CliRunner().invoke(other, ["--junit", str(junit), "--github-annotations"])
    assert result.exit_code == 1
    assert junit.exists() and result.output.startswith("::error ")
    gate = seen[0].gate
    assert gate is not None and not gate.passed
    assert any(c.status is GateStatus.FAIL for c in gate.checks)
    help_text = CliRunner().invoke(other, ["--help"]).output
    for flag in ("--baseline", "--junit", "--github-annotations", "--markdown"):
        assert flag in help_text


def test_gate_result_round_trips_through_results_json(files: dict[str, Path]) -> None:
    from mtcheck.cli.gate import apply_gate
    from mtcheck.config import load_config

    run, _ = apply_gate(load_results(files["results"]), load_config(files["strict"]),
                        GateOutputs(), quiet=True)
    path = files["dir"] / "gated.json"
    path.write_text(dump_results(run), encoding="utf-8")
    assert load_results(path).gate == run.gate


def test_help_documents_exit_codes() -> None:
    result = CliRunner().invoke(main, ["gate", "--help"])
    assert result.exit_code == 0
    assert "Exit code 0 when the gate passes, 1 when it fails, 2" in " ".join(result.output.split())
