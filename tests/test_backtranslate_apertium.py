"""The Apertium backend: the real program when installed, a fake one for the error paths."""

from __future__ import annotations

import os
import shutil
import stat
import textwrap
from pathlib import Path

import pytest

from builders import segmented
from mtcheck.backtranslate import backtranslate, engine_apertium
from mtcheck.backtranslate.engine_apertium import (
    ApertiumPair,
    ApertiumTranslator,
    find_pair,
    pair_mode,
    pair_modes,
)
from mtcheck.backtranslate.stage import backend_for
from mtcheck.config import BacktranslationConfig, load_config
from mtcheck.errors import ConfigError, ModelUnavailableError

ROOT = Path(__file__).resolve().parents[1]
SPANISH = ["Shoigu llegó a Teherán el lunes.", "El presidente dijo que la cooperación crecerá.",
           "¿Dónde está la delegación?"]
has_spa_eng = pytest.mark.skipif(
    shutil.which("apertium") is None
    or "spa-eng" not in os.popen("apertium -l 2>/dev/null").read().split(),
    reason="apertium with the spa-eng pair is not installed",
)


def config(tmp_path: Path, **changes: object) -> BacktranslationConfig:
    return BacktranslationConfig(cache_dir=str(tmp_path / "cache"), device="cpu",
                                 **changes)  # type: ignore[arg-type]


# A stand-in `apertium` on PATH whose behaviour the test picks: "ok" prefixes each line with "EN: ",
# "slow" never answers, "short" drops a line, "fail" exits 1, "nopair" lists no pairs.
FAKE = textwrap.dedent("""\
    #!/bin/sh
    case "$1" in
      -l) [ "$FAKE_APERTIUM" = nopair ] || echo spa-eng; echo fr-en; exit 0 ;;
      -V) echo "Apertium 9.9.9"; exit 0 ;;
    esac
    case "$FAKE_APERTIUM" in
      slow) sleep 30 ;;
      short) head -n 1 ;;
      fail) echo "Error: mode file not readable" >&2; exit 1 ;;
      *) echo called >> "$FAKE_APERTIUM_LOG"; sed 's/^/EN: /' ;;
    esac
    """)


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "apertium"
    program.write_text(FAKE, "utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_APERTIUM", "ok")
    log = tmp_path / "calls.log"
    monkeypatch.setenv("FAKE_APERTIUM_LOG", str(log))
    return log


def test_pair_names_use_iso_639_3_codes_then_older_two_letter_ones() -> None:
    assert pair_modes("es", "en") == ("spa-eng", "es-en")
    assert pair_mode("es", "en") == "spa-eng"
    assert pair_mode("fr", "en") == "fra-eng"
    assert pair_mode("en", "es") == "eng-spa"


def test_per_language_backend_overrides_the_main_one() -> None:
    settings = BacktranslationConfig(backend="transformers", backends={"es": "apertium"})
    assert backend_for(settings, "es") == "apertium"
    assert backend_for(settings, "de") == "transformers"


def test_unknown_per_language_backend_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"backends\.es.*valid: .*apertium"):
        backtranslate({"es": segmented("es", SPANISH)},
                      config(tmp_path, backends={"es": "moses"}))


def test_demo_config_uses_apertium_for_spanish() -> None:
    settings = load_config(ROOT / "configs" / "lenient.toml").backtranslation
    assert backend_for(settings, "es") == "apertium"
    assert backend_for(settings, "fr") == settings.backend


def test_batch_is_one_call_and_lines_stay_in_order(fake: Path, tmp_path: Path) -> None:
    outcome = backtranslate({"es": segmented("es", SPANISH)},
                            config(tmp_path, backends={"es": "apertium"}))["es"]
    assert outcome.evaluated and outcome.backend == "apertium"
    assert outcome.texts == tuple(f"EN: {s}" for s in SPANISH)
    assert fake.read_text().count("called") == 1
    assert "engine:apertium-9.9.9|pair:spa-eng|data:unversioned" in outcome.signature


def test_second_run_is_served_from_the_cache(fake: Path, tmp_path: Path) -> None:
    settings = config(tmp_path, backends={"es": "apertium"})
    first = backtranslate({"es": segmented("es", SPANISH)}, settings)["es"]
    second = backtranslate({"es": segmented("es", SPANISH)}, settings)["es"]
    assert first.texts == second.texts
    assert fake.read_text().count("called") == 1


def test_line_breaks_inside_a_sentence_cannot_shift_lines(fake: Path) -> None:
    translator = ApertiumTranslator(find_pair("es", "en"))
    assert translator.translate(["uno\ndos", "tres"], "es", "en") == ["EN: uno dos", "EN: tres"]


def test_timeout_is_a_clear_error(fake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_APERTIUM", "slow")
    translator = ApertiumTranslator(find_pair("es", "en"), timeout_base_s=0.5,
                                    timeout_per_line_s=0.0)
    with pytest.raises(ModelUnavailableError, match="did not finish within"):
        translator.translate(SPANISH, "es", "en")


def test_output_with_missing_lines_is_rejected(fake: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_APERTIUM", "short")
    translator = ApertiumTranslator(find_pair("es", "en"))
    with pytest.raises(ModelUnavailableError, match="returned 1 lines for 3 sentences"):
        translator.translate(SPANISH, "es", "en")


def test_failing_program_reports_its_message(fake: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_APERTIUM", "fail")
    translator = ApertiumTranslator(ApertiumPair("spa-eng", "9.9.9", "unversioned"))
    with pytest.raises(ModelUnavailableError, match=r"exit 1.*mode file not readable"):
        translator.translate(SPANISH, "es", "en")


def test_missing_pair_is_not_evaluated_with_the_reason(fake: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_APERTIUM", "nopair")
    outcome = backtranslate({"es": segmented("es", SPANISH)},
                            config(tmp_path, backends={"es": "apertium"}))["es"]
    assert not outcome.evaluated
    assert "no spa-eng pair installed" in outcome.status
    assert "apertium:spa-eng" in outcome.status


def test_missing_pair_fails_the_run_when_asked(fake: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_APERTIUM", "nopair")
    with pytest.raises(ModelUnavailableError, match="apt-get install apertium"):
        backtranslate({"es": segmented("es", SPANISH)},
                      config(tmp_path, backends={"es": "apertium"}, on_missing="fail"))


def test_missing_program_is_not_evaluated(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    outcome = backtranslate({"es": segmented("es", SPANISH)},
                            config(tmp_path, backend="apertium"))["es"]
    assert not outcome.evaluated
    assert "the apertium command is not installed" in outcome.status


@has_spa_eng
def test_real_apertium_back_translates_spanish(tmp_path: Path) -> None:
    outcome = backtranslate({"es": segmented("es", SPANISH)},
                            config(tmp_path, backends={"es": "apertium"}))["es"]
    assert outcome.evaluated and outcome.texts is not None
    assert len(outcome.texts) == len(SPANISH)
    assert "Tehran" in outcome.texts[0]
    assert "president" in outcome.texts[1].lower()
    assert outcome.texts[2].endswith("?")
    assert "|pair:spa-eng|data:" in outcome.signature


@has_spa_eng
def test_real_apertium_batch_equals_one_call_per_sentence() -> None:
    translator = ApertiumTranslator(find_pair("es", "en"))
    batched = translator.translate(SPANISH, "es", "en")
    assert batched == [translator.translate([s], "es", "en")[0] for s in SPANISH]


def test_an_older_two_letter_pair_is_found(fake: Path) -> None:
    assert find_pair("fr", "en").mode == "fr-en"


def test_models_listing_names_the_apertium_pair(fake: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck.cli.models import model_rows

    settings = BacktranslationConfig(backends={"es": "apertium"})
    row = model_rows(settings, ("es",))[0]
    assert (row.model, row.rule, row.available, row.location) == (
        "apertium:spa-eng", "backends", True, "apertium 9.9.9")
    monkeypatch.setenv("FAKE_APERTIUM", "nopair")
    engine_apertium._installed_modes.cache_clear()  # the pair list is read once per program
    missing = model_rows(BacktranslationConfig(backend="apertium"), ("es",))[0]
    assert not missing.available and missing.rule == "backend"
    assert "no spa-eng pair installed" in missing.location


@has_spa_eng
def test_readme_demo_config_shows_spanish_round_trip_scores(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from mtcheck.cli import main

    out = tmp_path / "out"
    result = CliRunner().invoke(main, [
        "evaluate", str(ROOT / "corpora" / "shoigu-visits-iran"), "--config",
        str(ROOT / "configs" / "lenient.toml"), "--lang", "es", "--no-report", "-q",
        "--cache-dir", str(tmp_path / "cache"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    run = json.loads((out / "results.json").read_text("utf-8"))["run"]
    spanish = run["translations"][0]
    assert spanish["roundtrip_status"] == "evaluated"
    roundtrip = {s["metric"]: s for s in spanish["scores"] if s["kind"] == "roundtrip"}
    assert 0 < roundtrip["chrF"]["value"] < 100
    assert "|pair:spa-eng|" in roundtrip["chrF"]["signature"]
    assert all(segment["backtranslation"] for segment in spanish["segments"])
