"""The shipped pre-commit hook, run by the real ``pre-commit`` (``try-repo``, offline).

``pre-commit try-repo`` clones this repository (a local clone: no network) and
runs the ``mtcheck-gate`` hook of its .pre-commit-hooks.yaml in a throwaway git
repository holding a tiny corpus, as a user's ``git commit`` would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs git and a git checkout of mtcheck")]
pytest.importorskip("pre_commit", reason="pre-commit is not installed")

SOURCE = "The minister arrived in Tehran.\n\nShe met the president on Monday.\n"
GERMAN = "Der Minister kam in Teheran an.\n\nSie traf am Montag den Präsidenten.\n"
STRICT = '[gate.defaults]\n"reference.chrF.min" = 90\n'
LENIENT = '[gate.defaults]\n"reference.chrF.min" = 20\n'


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _user_repo(tmp_path: Path, translation: str) -> Path:
    repo = tmp_path / "project"
    corpus = repo / "corpora" / "doc"
    corpus.mkdir(parents=True)
    (corpus / "source.en.txt").write_text(SOURCE, encoding="utf-8")
    (corpus / "de.txt").write_text(translation, encoding="utf-8")
    (corpus / "ref.de.txt").write_text(GERMAN, encoding="utf-8")
    (corpus / "manifest.toml").write_text(
        '[document]\nid = "doc"\nsource_language = "en"\nsource = "source.en.txt"\n'
        '[translations]\nde = "de.txt"\n[references]\nde = "ref.de.txt"\n', encoding="utf-8")
    # The hook's default args name configs/lenient.toml, relative to the user's repository.
    (repo / "configs").mkdir()
    (repo / "configs" / "lenient.toml").write_text(LENIENT, encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "add", "-A")
    _git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "c")
    return repo


def _try_repo(repo: Path, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        "PATH": "/usr/bin:/bin",  # no mtcheck console script, no pyenv shims
        "HOME": str(tmp_path),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "HF_HUB_OFFLINE": "1",
        "GIT_CONFIG_NOSYSTEM": "1",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "mtcheck-gate",
         "--all-files", "--verbose"],
        cwd=repo, env=environment, capture_output=True, text=True, timeout=300, check=False)


def _with_mtcheck() -> dict[str, str]:
    return {"MTCHECK": f"{sys.executable} -m mtcheck", "PYTHONPATH": str(ROOT / "src")}


def test_hook_passes_a_good_corpus(tmp_path: Path) -> None:
    result = _try_repo(_user_repo(tmp_path, GERMAN), tmp_path, **_with_mtcheck())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mtcheck translation quality gate" in result.stdout
    assert "Passed" in result.stdout


def test_hook_blocks_a_commit_when_the_gate_fails(tmp_path: Path) -> None:
    repo = _user_repo(tmp_path, "Minister Teheran.\n\nPräsident.\n")
    (repo / "configs" / "lenient.toml").write_text(STRICT, encoding="utf-8")
    result = _try_repo(repo, tmp_path, **_with_mtcheck())
    assert result.returncode == 1
    assert "exit code: 1" in result.stdout, result.stdout
    assert "reference.chrF.min" in result.stdout


def test_hook_without_mtcheck_says_so_and_exits_2(tmp_path: Path) -> None:
    result = _try_repo(_user_repo(tmp_path, GERMAN), tmp_path)
    assert result.returncode == 1  # pre-commit's own code: a hook failed
    assert "exit code: 2" in result.stdout, result.stdout
    assert "mtcheck is not installed" in result.stdout
    assert "No module named" not in result.stdout
