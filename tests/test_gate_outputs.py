"""CI outputs of the gate: JUnit XML, GitHub workflow commands, Markdown, console text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from gate_fixtures import standard_run
from mtcheck.config import Config
from mtcheck.gate import run_gate
from mtcheck.gate.outputs import (
    console_summary,
    escape_data,
    escape_property,
    github_annotations,
    junit_xml,
    locate,
    markdown_summary,
)
from mtcheck.types import GateResult, GateStatus, RunResult

SCHEMA = Path(__file__).parent / "data" / "junit.xsd"
STRICT = {"missing_score": "skip",
          "defaults": {"reference.chrF.min": 80, "coverage.min": 1.0, "findings.error.max": 0,
                       "roundtrip.chrF.min": 50, "findings.warning.max": 3}}


@pytest.fixture(scope="module")
def gated(tmp_path_factory: pytest.TempPathFactory) -> tuple[GateResult, RunResult]:
    run = standard_run(tmp_path_factory.mktemp("run"))
    return run_gate(run, Config(gate=STRICT, source="strict.toml")), run


def test_junit_validates_against_the_schema(gated: tuple[GateResult, RunResult]) -> None:
    result, run = gated
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.fromstring(junit_xml(result, run).encode("utf-8"))
    assert schema.validate(document), schema.error_log


def test_the_schema_rejects_broken_junit(gated: tuple[GateResult, RunResult]) -> None:
    # The schema is strict enough to catch a missing required attribute.
    result, run = gated
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.fromstring(junit_xml(result, run).encode("utf-8"))
    del document.find("testsuite").attrib["hostname"]
    assert not schema.validate(document)


def test_junit_has_one_testcase_per_language_and_check(
        gated: tuple[GateResult, RunResult]) -> None:
    result, run = gated
    suite = etree.fromstring(junit_xml(result, run).encode("utf-8")).find("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == len(result.checks) == 10
    assert int(suite.get("failures")) == 3
    assert int(suite.get("skipped")) == 1
    failed = {(c.get("classname"), c.get("name")) for c in cases if c.find("failure") is not None}
    assert failed == {("mtcheck.gate.fr", "reference.chrF.min"),
                      ("mtcheck.gate.fr", "coverage.min"),
                      ("mtcheck.gate.fr", "findings.error.max")}
    coverage = next(c for c in cases if c.get("classname") == "mtcheck.gate.fr"
                    and c.get("name") == "coverage.min").find("failure")
    assert coverage.get("message").startswith("coverage 97.5% < 100.0%")
    # The body names the offending sentence as file:line: text.
    source_line = run.source.sentences[7]
    assert f"{run.source.document.path}:{source_line.line}: {source_line.text}" in coverage.text


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("50% done", "50%25 done", "50%25 done"),
        ("a\nb\r\nc", "a%0Ab%0D%0Ac", "a%0Ab%0D%0Ac"),
        ("ko: reference.chrF.min, low", "ko: reference.chrF.min, low",
         "ko%3A reference.chrF.min%2C low"),
        ("%0A", "%250A", "%250A"),  # an escape sequence in the text stays literal
    ],
)
def test_workflow_command_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


_COMMAND = re.compile(r"^::(error|warning) (?:file=([^,]*),line=(\d+),)?title=([^:]*)::(.*)$")


def _unescape(text: str) -> str:
    return (text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def test_annotations_point_at_real_file_lines(gated: tuple[GateResult, RunResult]) -> None:
    result, run = gated
    output = github_annotations(result, run)
    lines = output.splitlines()
    assert lines
    located = 0
    for line in lines:
        match = _COMMAND.match(line)
        assert match, line
        level, path, number, _title, message = match.groups()
        assert level == "error"
        assert "\n" not in line
        if path is None:
            continue
        located += 1
        file_lines = Path(_unescape(path)).read_text(encoding="utf-8").split("\n")
        sentence = _unescape(message).split(" sentence: ", 1)[1]
        assert sentence in file_lines[int(number) - 1]
    assert located == len(lines)
    # Every failed check is annotated before any check gets a second annotation.
    titles = [_unescape(_COMMAND.match(line).group(4)) for line in lines]
    assert len(set(titles[:3])) == 3


def test_annotation_paths_are_made_relative_to_the_workspace(
        gated: tuple[GateResult, RunResult]) -> None:
    result, run = gated
    workspace = str(Path(run.source.document.path).parent)
    output = github_annotations(result, run, relative_to=workspace)
    assert "file=translation.fr.txt,line=" in output
    assert "file=source.en.txt,line=15," in output


def test_warnings_become_warning_annotations(gated: tuple[GateResult, RunResult]) -> None:
    _, run = gated
    config = Config(gate={"defaults": {"coverage.min": 1.0}, "warn_only": ["coverage.min"]})
    output = github_annotations(run_gate(run, config), run)
    assert output.startswith("::warning file=")


def test_markdown_summary(gated: tuple[GateResult, RunResult]) -> None:
    result, run = gated
    text = markdown_summary(result, run)
    assert text.startswith("## ❌ mtcheck gate FAILED: 3 failed, 6 passed, 1 skipped of 10")
    assert "### ✅ de: passed" in text and "### ❌ fr: 3 failed" in text
    table_rows = [line for line in text.splitlines() if line.startswith("| ")]
    # Header rows plus one row per check; every row has the six columns.
    assert len(table_rows) == 2 + len(result.checks)
    assert all(line.count(" | ") == 5 for line in table_rows if "\\|" not in line)
    assert "| ❌ fail | `coverage.min` | 0.975 | 1 |" in text
    assert "&lt; 100.0%" in text  # HTML in messages is escaped


def test_markdown_escapes_pipes_from_text(tmp_path: Path) -> None:
    from gate_fixtures import make_run

    run = make_run(tmp_path, ["A | B.", "C."], build={"de": {
        "texts": ["X | Y.", "Z."], "reference": ["Q | R.", "S."]}})
    result = run_gate(run, Config(gate={"defaults": {"reference.chrF.min": 99}}))
    text = markdown_summary(result, run)
    failing = next(line for line in text.splitlines()
                   if line.startswith("|") and "reference.chrF.min" in line)
    assert "X \\| Y." in failing


def test_console_summary_fits_a_screen(gated: tuple[GateResult, RunResult]) -> None:
    result, run = gated
    text = console_summary(result, run)
    lines = text.splitlines()
    assert lines[0] == "mtcheck gate FAILED: 3 failed, 6 passed, 1 skipped of 10 checks"
    assert len(lines) <= 25
    assert "fr: FAIL (1 of 5 checks passed)" in lines
    assert lines[-1] == "passed: de"
    assert any("FAIL  coverage.min: coverage 97.5% < 100.0%" in line for line in lines)
    assert any("short by" in line for line in lines)
    assert any(re.search(r"translation\.fr\.txt:\d+: ", line) for line in lines)


def test_passing_gate_outputs(gated: tuple[GateResult, RunResult]) -> None:
    _, run = gated
    result = run_gate(run, Config(gate={"defaults": {"coverage.min": 0.5}}))
    assert result.passed
    assert github_annotations(result, run) == ""
    assert console_summary(result, run).startswith("mtcheck gate passed: 0 failed, 2 passed")
    assert markdown_summary(result, run).startswith("## ✅")
    assert all(c.status is GateStatus.PASS for c in result.checks)


def test_annotations_point_at_the_name_variant_first(tmp_path: Path) -> None:
    """GitHub shows 10 annotations per step: the minority spelling comes before correct ones."""
    from gate_fixtures import english_sentences, make_run
    from mtcheck.types import Finding, NameVariant, Severity

    english = english_sentences(8)
    german = [f"Schoigu: {t}" for t in english]
    german[6] = f"Shoigu: {english[6]}"
    variants = (NameVariant("Schoigu", ("Schoigu",), 7, (0, 1, 2, 3, 4, 5, 7)),
                NameVariant("Shoigu", ("Shoigu",), 1, (6,)))
    finding = Finding("names.inconsistent", Severity.ERROR, "Shoigu is written 2 ways",
                      target_ids=tuple(range(8)), entity="shoigu", variants=variants)
    run = make_run(tmp_path, english, build={"de": {"texts": german, "findings": (finding,)}})
    result = run_gate(run, Config(gate={"defaults": {"findings.names.inconsistent.max": 0}}))
    lines = github_annotations(result, run).splitlines()
    first = next(line for line in lines if "names.inconsistent" in line)
    assert ",line=13," in first  # sentence 6 starts on line 2 * 6 + 1 of its file
    assert "Shoigu: " in first
    located = locate(next(c for c in result.checks if c.name.startswith("findings.names")), run)
    assert [where.line for where in located][:2] == [13, 1]


def test_a_passing_gate_says_what_the_config_allowed(tmp_path: Path) -> None:
    run = standard_run(tmp_path)
    result = run_gate(run, Config(gate={"defaults": {"findings.error.max": 10,
                                                     "coverage.min": 0.5}}))
    assert result.passed
    summary = console_summary(result, run)
    assert "at most 10 errors per translation allowed, worst has 2 (fr)" in summary
    markdown = markdown_summary(result, run)
    assert "coverage of at least 50% required, lowest 97.5% (fr)" in markdown


def test_findings_messages_use_plain_words_and_plurals(tmp_path: Path) -> None:
    run = standard_run(tmp_path)
    result = run_gate(run, Config(gate={"defaults": {"findings.error.max": 1,
                                                     "findings.names.missing.max": 5}}))
    messages = {(c.lang, c.name): c.message for c in result.checks}
    assert messages[("fr", "findings.error.max")].startswith(
        "2 errors; at most 1 allowed (over by 1): ")
    assert messages[("fr", "findings.names.missing.max")] == \
        "1 'names.missing' finding; at most 5 allowed"
    assert messages[("de", "findings.error.max")] == "0 errors; at most 1 allowed"
    assert not any("<=" in m or "findings >" in m for m in messages.values())


def test_annotations_prefer_the_glossary_form_over_the_majority(tmp_path: Path) -> None:
    """Four "Shoigu" and two glossary-correct "Šoigu": the four are the variant to fix."""
    from gate_fixtures import english_sentences, make_run
    from mtcheck.types import Finding, NameVariant, Severity

    english = english_sentences(6)
    finnish = [f"{'Šoigu' if i in (4, 5) else 'Shoigu'}: {t}" for i, t in enumerate(english)]
    variants = (NameVariant("Shoigu", ("Shoigu",), 4, (0, 1, 2, 3)),
                NameVariant("Šoigu", ("Šoigu",), 2, (4, 5)))
    finding = Finding("names.inconsistent", Severity.ERROR, "Shoigu is written 2 ways",
                      target_ids=tuple(range(6)), entity="shoigu", variants=variants,
                      expected="Šoigu")
    run = make_run(tmp_path, english, build={"fi": {"texts": finnish, "findings": (finding,)}})
    result = run_gate(run, Config(gate={"defaults": {"findings.names.inconsistent.max": 0}}))
    check = next(c for c in result.checks if c.name.startswith("findings.names"))
    assert [where.text.split(":")[0] for where in locate(check, run)] == [
        "Shoigu", "Shoigu", "Shoigu", "Shoigu", "Šoigu", "Šoigu"]
