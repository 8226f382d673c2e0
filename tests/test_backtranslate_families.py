"""Model families: detection from the checkpoint files and language codes per family."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtcheck.backtranslate.families import (
    FAMILIES,
    detect_family,
    guess_family,
    read_family,
)


@pytest.mark.parametrize(
    ("model_config", "tokenizer_config", "family"),
    [
        ({"model_type": "marian"}, {"tokenizer_class": "MarianTokenizer"}, "marian"),
        ({"model_type": "m2m_100"}, {"tokenizer_class": "M2M100Tokenizer"}, "m2m100"),
        ({"model_type": "m2m_100"}, {"tokenizer_class": "NllbTokenizer"}, "nllb"),
        ({"model_type": "m2m_100"}, {"tokenizer_class": "NllbTokenizerFast"}, "nllb"),
        ({"model_type": "nllb-moe"}, {}, "nllb"),
        ({"model_type": "marian"}, {}, "marian"),
    ],
)
def test_family_is_detected_from_the_config(model_config: dict[str, str],
                                            tokenizer_config: dict[str, str],
                                            family: str) -> None:
    detected = detect_family(model_config, tokenizer_config)
    assert detected is not None and detected.name == family


@pytest.mark.parametrize("model_type", ["t5", "bert", ""])
def test_other_model_types_are_not_supported(model_type: str) -> None:
    assert detect_family({"model_type": model_type}, {}) is None


def test_family_is_read_from_a_saved_model(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "m2m_100"}), "utf-8")
    (tmp_path / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "NllbTokenizer"}), "utf-8")
    family, model_type = read_family(tmp_path)
    assert family is FAMILIES["nllb"] and model_type == "m2m_100"


def test_unreadable_configs_give_no_family(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{broken", "utf-8")
    assert read_family(tmp_path) == (None, "?")


@pytest.mark.parametrize(
    ("family", "lang", "code", "token"),
    [
        ("nllb", "ru", "rus_Cyrl", "rus_Cyrl"),
        ("nllb", "ko", "kor_Hang", "kor_Hang"),
        ("nllb", "en", "eng_Latn", "eng_Latn"),
        ("nllb", "zh", "zho_Hans", "zho_Hans"),
        ("m2m100", "ru", "ru", "__ru__"),
        ("m2m100", "en", "en", "__en__"),
        ("m2m100", "ja", "ja", "__ja__"),
        ("marian", "ru", None, None),
    ],
)
def test_language_codes_come_from_the_registry(family: str, lang: str, code: str | None,
                                               token: str | None) -> None:
    assert FAMILIES[family].language_code(lang) == code
    assert FAMILIES[family].language_token(lang) == token


def test_a_language_without_a_code_is_not_supported() -> None:
    # Sanskrit has an NLLB code but no M2M100 one in the registry.
    assert FAMILIES["nllb"].supports("sa")
    assert not FAMILIES["m2m100"].supports("sa")
    assert FAMILIES["marian"].supports("sa")


@pytest.mark.parametrize(
    ("model", "family"),
    [("Helsinki-NLP/opus-mt-ru-en", "marian"), ("facebook/nllb-200-distilled-600M", "nllb"),
     ("facebook/m2m100_418M", "m2m100"), ("org/something", None)],
)
def test_family_is_guessed_from_the_name(model: str, family: str | None) -> None:
    guessed = guess_family(model)
    assert (guessed.name if guessed else None) == family
