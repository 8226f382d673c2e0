"""The CI examples in docs/examples: valid YAML whose mtcheck commands the CLI accepts."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import re
import shlex
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
    assert {c[0] for c in commands} == {"evaluate", "gate"}
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
    module = _hook_script()
    changed = str(corpus / "translations" / "de.txt")
    assert module.main(["--config", str(ROOT / "configs" / "lenient.toml"), changed]) == 0
    assert module.main(["--config", str(ROOT / "configs" / "lenient.toml"),
                        str(ROOT / "README.md")]) == 0  # no corpus touched
