"""The pipeline with a real (tiny, locally built) back-translation model, loaded by hub id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TINY_HUB_IDS
from mtcheck.cli import main

pytestmark = pytest.mark.models
CORPUS = Path(__file__).parent.parent / "corpora" / "shoigu-visits-iran"


def run_cli(tmp_path: Path, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [
        "evaluate", str(CORPUS), "--lang", "ru", "--lang", "ko", "--out", str(out),
        "--cache-dir", str(tmp_path / "cache"), *extra])
    return result.exit_code, result.output, out


def test_round_trip_scores_come_from_the_model_by_hub_id(fake_hf_home: Path,
                                                         tmp_path: Path) -> None:
    hub_id = TINY_HUB_IDS["marian"]
    code, output, out = run_cli(tmp_path, "--bt-model", hub_id)
    assert code == 0, output
    run = json.loads((out / "results.json").read_text(encoding="utf-8"))["run"]
    for translation in run["translations"]:
        assert translation["roundtrip_status"] == "evaluated"
        roundtrip = {s["metric"]: s for s in translation["scores"] if s["kind"] == "roundtrip"}
        assert {"chrF", "BLEU"} <= set(roundtrip)
        assert f"model:{hub_id}" in roundtrip["chrF"]["signature"]
        segments = translation["segments"]
        with_target = [s for s, p in zip(segments, translation["alignment"]["pairs"],
                                         strict=True) if p["target_ids"]]
        assert all(s["backtranslation"] is not None for s in with_target)
        assert all("roundtrip.chrF" in s["scores"] for s in with_target)
    assert set(run["signature"]["models"]) == {"ru", "ko"}


def test_a_missing_model_stops_the_run_when_asked(empty_hf_home: Path, tmp_path: Path) -> None:
    code, output, out = run_cli(tmp_path, "--bt-model", "Org/absent-model",
                                "--on-missing-model", "fail")
    assert code == 2
    assert "Org/absent-model" in output and "Traceback" not in output
    assert not out.exists()


def test_a_missing_model_is_noted_once_and_the_run_goes_on(empty_hf_home: Path,
                                                           tmp_path: Path) -> None:
    code, output, out = run_cli(tmp_path, "--bt-model", "Org/absent-model")
    assert code == 0, output
    assert output.count("round-trip scores not evaluated for ru, ko") == 1
    run = json.loads((out / "results.json").read_text(encoding="utf-8"))["run"]
    assert all(t["roundtrip_status"].startswith("not evaluated") for t in run["translations"])
