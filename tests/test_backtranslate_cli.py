"""``mtcheck models``: the configured model per language and whether it is here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TINY_HUB_IDS
from mtcheck.cli import main
from tiny_models import TINY_REVISION


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["models", *args])
    return result.exit_code, result.stdout, result.stderr


def test_models_lists_the_model_family_and_location(fake_hf_home: Path) -> None:
    code, out, _ = run("--lang", "ru", "--lang", "ko", "--bt-model", TINY_HUB_IDS["nllb"])
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["lang", "model", "chosen", "by", "family"]
    ru = next(line for line in lines if line.startswith("ru "))
    assert ru.split()[:5] == ["ru", TINY_HUB_IDS["nllb"], "model", "nllb", "yes"]
    assert f"hub cache: {fake_hf_home / 'hub'}" in ru and TINY_REVISION in ru
    assert f"Hugging Face cache: {fake_hf_home / 'hub'}" in out


def test_models_reads_the_config(fake_hf_home: Path, tmp_path: Path,
                                 tiny_model_dirs: dict[str, Path]) -> None:
    config = tmp_path / "mtcheck.toml"
    config.write_text(
        "[backtranslation]\n"
        f'models = {{ ru = "{TINY_HUB_IDS["marian"]}", uk = "{tiny_model_dirs["m2m100"]}" }}\n',
        "utf-8",
    )
    code, out, _ = run("--config", str(config), "--lang", "ru", "--lang", "uk", "--lang", "de",
                       "--json")
    assert code == 0
    rows = {row["lang"]: row for row in json.loads(out)["languages"]}
    assert (rows["ru"]["family"], rows["ru"]["available"], rows["ru"]["rule"]) == (
        "marian", True, "models")
    assert (rows["uk"]["family"], rows["uk"]["revision"]) == ("m2m100", "local")
    assert rows["uk"]["location"] == f"local folder: {tiny_model_dirs['m2m100']}"
    assert rows["de"] == {
        "lang": "de", "model": "Helsinki-NLP/opus-mt-de-en", "rule": "template",
        "family": "marian (from its name)", "available": False, "revision": "",
        "location": rows["de"]["location"],
    }
    assert "HF_HUB_OFFLINE is set" in rows["de"]["location"]


def test_models_check_fails_when_a_model_is_missing(empty_hf_home: Path) -> None:
    code, _, err = run("--lang", "ru", "--check")
    assert code == 2
    assert "not available: Helsinki-NLP/opus-mt-ru-en" in err


def test_models_flags_languages_a_family_cannot_name(fake_hf_home: Path) -> None:
    code, out, _ = run("--lang", "sa", "--bt-model", TINY_HUB_IDS["m2m100"], "--json")
    row = json.loads(out)["languages"][0]
    assert code == 0 and row["available"] is False
    assert "no m2m100 code for 'sa'" in row["location"]


def test_models_lists_every_registered_language_by_default(empty_hf_home: Path) -> None:
    from mtcheck.languages import registry

    code, out, _ = run("--json")
    listed = [row["lang"] for row in json.loads(out)["languages"]]
    assert code == 0 and listed == [c for c in registry() if c != "en"]


@pytest.mark.parametrize("bad", ["xx-unknown"])
def test_models_rejects_unknown_languages(empty_hf_home: Path, bad: str) -> None:
    code, _, err = run("--lang", bad)
    assert code == 2 and "unknown language code" in err
