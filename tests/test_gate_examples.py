"""The CI examples in docs/examples: valid YAML whose mtcheck commands the CLI accepts."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import re
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import click
import pytest
import yaml

from mtcheck.cli import main

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "docs" / "examples"


def _load(name: str) -> Any:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def _shell_texts(node: Any) -> Iterator[str]:
    """Every string in a YAML tree (run: blocks, script: items, ...)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _shell_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _shell_texts(value)


def _mtcheck_commands(text: str) -> list[list[str]]:
    """The argument lists of the ``mtcheck ...`` commands in a shell snippet."""
    joined = text.replace("\\\n", " ")
    commands = []
    for statement in re.split(r"[;\n]|&&|\|\|", joined):
        words = shlex.split(statement, comments=True) if "mtcheck " in statement else []
        if words and words[0] == "mtcheck":
            expanded: list[str] = []
            for word in words[1:]:
                if word.startswith(">"):  # a redirection ends the arguments
                    break
                if word == "$BASELINE":
                    expanded += ["--baseline", "prev.json"]
                elif word.startswith("$"):
                    expanded.append("value")
                else:
                    expanded.append(word)
            commands.append(expanded)
    return commands


def _assert_valid(args: list[str]) -> None:
    """The CLI parses the command line (options, arguments) without running it."""
    assert isinstance(main, click.Group)
    name, rest = args[0], args[1:]
    command = main.get_command(click.Context(main), name)
    assert command is not None, f"unknown command mtcheck {name}"
    command.make_context(name, list(rest))


@pytest.mark.parametrize(("name", "minimum"), [("github-actions.yml", 2),
                                               ("gitlab-ci.yml", 2)])
def test_ci_examples_run_valid_commands(name: str, minimum: int) -> None:
    document = _load(name)
    commands = [c for text in _shell_texts(document) for c in _mtcheck_commands(text)]
    assert len(commands) >= minimum
    assert {"evaluate", "gate"} <= {c[0] for c in commands} <= {"evaluate", "gate", "models"}
    for args in commands:
        _assert_valid(args)
    gate = next(c for c in commands if c[0] == "gate")
    assert "--baseline" in gate and "--junit" in gate


def test_github_example_uses_step_summary_and_annotations() -> None:
    document = _load("github-actions.yml")
    steps = document["jobs"]["gate"]["steps"]
    gate_step = next(s for s in steps if s.get("name") == "Gate")
    assert "--github-annotations" in gate_step["run"]
    assert '--markdown "$GITHUB_STEP_SUMMARY"' in gate_step["run"]
    # `on` is a YAML 1.1 boolean key; the workflow still has its triggers.
    assert document.get("on", document.get(True))


def test_github_model_cache_key_changes_with_the_model_set(tmp_path: Path) -> None:
    """The cache key hashes `mtcheck models --ids`; that output follows the config's models."""
    from click.testing import CliRunner

    steps = _load("github-actions.yml")["jobs"]["gate"]["steps"]
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    listing = next(s for s in steps if "--ids" in s.get("run", ""))
    listed_file = listing["run"].split(">")[-1].strip()
    assert f"hashFiles('{listed_file}')" in cache["with"]["key"]
    assert steps.index(listing) < steps.index(cache)
    args = _mtcheck_commands(listing["run"])[0]
    runner = CliRunner()
    default = runner.invoke(main, args)
    assert default.exit_code == 0 and "Helsinki-NLP/opus-mt-de-en" in default.output
    other = tmp_path / "other.toml"
    other.write_text('[backtranslation]\nmodel = "facebook/nllb-200-distilled-600M"\n',
                     encoding="utf-8")
    changed = runner.invoke(main, [*args[:args.index("--config") + 1], str(other),
                                   *args[args.index("--config") + 2:]])
    assert changed.exit_code == 0, changed.output
    assert changed.output != default.output
    assert runner.invoke(main, args).output == default.output  # stable between runs


def test_gitlab_example_reports_junit() -> None:
    job = _load("gitlab-ci.yml")["translation-quality"]
    assert job["artifacts"]["reports"]["junit"] == "out/gate.xml"


HOOK_SCRIPT = ROOT / "scripts" / "mtcheck-pre-commit"


def _hook_script() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("mtcheck_pre_commit", str(HOOK_SCRIPT))
    spec = importlib.util.spec_from_loader("mtcheck_pre_commit", loader)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pre_commit_hooks_file_defines_the_hook() -> None:
    """The repository root ships .pre-commit-hooks.yaml, so `repo:` can point at mtcheck."""
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "mtcheck-gate" and hook["language"] == "script"
    assert (ROOT / hook["entry"]) == HOOK_SCRIPT
    assert os.access(HOOK_SCRIPT, os.X_OK)
    assert re.search(hook["files"], "corpora/shoigu-visits-iran/translations/de.txt")
    assert (ROOT / hook["args"][hook["args"].index("--config") + 1]).is_file()


def test_pre_commit_config_example_uses_the_shipped_hook() -> None:
    """The example is what its name says: a .pre-commit-config.yaml using the hook."""
    (repo,) = _load("pre-commit-config.yaml")["repos"]
    hook_ids = {h["id"] for h in yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert repo["repo"] != "local" and repo["rev"]
    assert {h["id"] for h in repo["hooks"]} <= hook_ids


def test_pre_commit_script_builds_valid_commands(tmp_path: Path) -> None:
    module = _hook_script()
    for backtranslation in (False, True):
        for args in module.commands_for(Path("corpus"), "configs/lenient.toml", tmp_path,
                                        backtranslation):
            _assert_valid(args)


def test_pre_commit_script_finds_corpora(tmp_path: Path) -> None:
    module = _hook_script()
    corpus = tmp_path / "corpora" / "a"
    (corpus / "translations").mkdir(parents=True)
    (corpus / "manifest.toml").write_text("", encoding="utf-8")
    (tmp_path / "README.md").write_text("", encoding="utf-8")
    found = module.corpora_of([str(corpus / "translations" / "de.txt"),
                               str(corpus / "source.en.txt"), str(tmp_path / "README.md")])
    assert found == [corpus.resolve()]


@pytest.mark.slow
def test_pre_commit_script_gates_the_demo_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = ROOT / "corpora" / "shoigu-visits-iran"
    if not (corpus / "manifest.toml").exists():
        pytest.skip("demo corpus not present")
    monkeypatch.setenv("PYTHONPATH", str(ROOT / "src"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("MTCHECK", f"{sys.executable} -m mtcheck")
    module = _hook_script()
    changed = str(corpus / "translations" / "de.txt")
    assert module.main(["--config", str(ROOT / "configs" / "lenient.toml"), changed]) == 0
    assert module.main(["--config", str(ROOT / "configs" / "lenient.toml"),
                        str(ROOT / "README.md")]) == 0  # no corpus touched


def _doc_rows() -> dict[str, str]:
    """The ``| `mtcheck gate ... --config X` | result |`` rows of docs/gate.md."""
    rows = {}
    for line in (ROOT / "docs" / "gate.md").read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `mtcheck gate out/results.json --config (\S+)` \| (.+) \|$", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


@pytest.mark.slow
def test_gate_doc_figures_match_the_demo_corpus(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/gate.md's figures are what the documented commands print on the demo corpus."""
    from click.testing import CliRunner

    corpus = ROOT / "corpora" / "shoigu-visits-iran"
    if not (corpus / "manifest.toml").exists():
        pytest.skip("demo corpus not present")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    runner = CliRunner()
    evaluated = runner.invoke(main, ["evaluate", "corpora/shoigu-visits-iran", "--out", str(out),
                                     "--no-backtranslation", "--quiet"])
    assert evaluated.exit_code == 0, evaluated.output
    rows = _doc_rows()
    assert set(rows) == {"configs/lenient.toml", "configs/strict.toml"}
    for config, documented in rows.items():
        result = runner.invoke(main, ["gate", str(out / "results.json"), "--config", config])
        first = result.output.splitlines()[0]
        counts = first.split(": ", 1)[1]
        assert documented == f"exit {result.exit_code}: {counts}", (config, first)
        if config == "configs/strict.toml":
            # the prose around the table: no score check fails, ja/zh TER included
            assert not re.search(r"FAIL\s+reference\.", result.output)
            assert re.search(r"FAIL\s+coverage\.min: coverage 93\.3%", result.output)
            assert "source-inconsistent" in result.output
    from mtcheck.results import load_results

    ter = {t.lang: s.value for t in load_results(out / "results.json").translations
           for s in t.scores if s.metric == "TER" and s.kind.value == "reference"}
    prose = (ROOT / "docs" / "gate.md").read_text(encoding="utf-8")
    assert f"ja TER {ter['ja']:.1f} and zh TER {ter['zh']:.1f}" in prose
