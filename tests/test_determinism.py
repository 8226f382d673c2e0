"""Two runs on the same input give byte-identical results.json and reports.

SOURCE_DATE_EPOCH fixes the one timestamp (RunSignature.created); everything
else must follow from the input and the config alone, whatever the hash seed,
the working folder or the order files were listed in.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "shoigu-visits-iran"
EPOCH = "1700000000"
# Scripts and inflection rules that differ most, to keep the test quick.
LANGUAGES = ["--lang", "ko", "--lang", "ja", "--lang", "ru", "--lang", "de"]

pytestmark = pytest.mark.skipif(not (CORPUS / "manifest.toml").exists(),
                                reason="shipped corpus absent")


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_two_runs_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    runs = []
    for name in ("first", "second"):
        out = tmp_path / name
        result = CliRunner().invoke(
            main, ["evaluate", str(CORPUS), *LANGUAGES, "--no-backtranslation", "-q", "--out",
                   str(out), "--config", str(ROOT / "configs" / "lenient.toml"), "--gate",
                   "--junit", str(tmp_path / f"{name}.xml")])
        assert result.exit_code == 0, result.output
        runs.append(outputs(out))
    assert "results.json" in runs[0] and "index.html" in runs[0]
    assert runs[0].keys() == runs[1].keys()
    for name in runs[0]:
        assert runs[0][name] == runs[1][name], f"{name} differs between two runs"
    assert b'"created": "2023-11-14T22:13:20Z"' in runs[0]["results.json"]
    assert b'"gate": {' in runs[0]["results.json"]  # glossary, names learning and gate included
    assert (tmp_path / "first.xml").read_bytes() == (tmp_path / "second.xml").read_bytes()


@pytest.mark.slow
def test_results_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    runs = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}"
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed,
               "HF_HUB_OFFLINE": "1",
               "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
        completed = subprocess.run(
            [sys.executable, "-m", "mtcheck", "evaluate", str(CORPUS), *LANGUAGES,
             "--no-backtranslation", "-q", "--out", str(out)],
            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False)
        assert completed.returncode == 0, completed.stderr
        runs.append(outputs(out))
    assert runs[0].keys() == runs[1].keys()
    for name in runs[0]:
        assert runs[0][name] == runs[1][name], f"{name} depends on PYTHONHASHSEED"
