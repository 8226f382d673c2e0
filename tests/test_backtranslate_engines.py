"""Generation settings and length batching, without loading a model."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.backtranslate.engines import (
    batches_by_length,
    ctranslate2_installed,
    fallback_settings,
    length_limit,
    settings_from_config,
)
from mtcheck.config import BacktranslationConfig
from mtcheck.errors import ConfigError


@given(lengths=st.lists(st.integers(0, 200), max_size=60), batch_size=st.integers(1, 17))
def test_batches_cover_every_sentence_once_longest_first(lengths: list[int],
                                                         batch_size: int) -> None:
    batches = batches_by_length(lengths, batch_size)
    flat = [i for batch in batches for i in batch]
    assert sorted(flat) == list(range(len(lengths)))
    assert all(0 < len(batch) <= batch_size for batch in batches)
    assert [lengths[i] for i in flat] == sorted(lengths, reverse=True)


@pytest.mark.parametrize(
    ("backend", "quantization", "expected"),
    [("transformers", "auto", "float32"), ("ctranslate2", "auto", "int8"),
     ("transformers", "int8", "int8"), ("ctranslate2", "int8_float32", "int8_float32")],
)
def test_auto_quantization_on_cpu(backend: str, quantization: str, expected: str) -> None:
    settings = settings_from_config(BacktranslationConfig(backend=backend, device="cpu",
                                                          quantization=quantization))
    assert settings.quantization == expected
    assert settings.device == "cpu"
    assert settings.threads >= 1


def test_batch_size_and_threads_do_not_change_the_described_settings() -> None:
    one = settings_from_config(BacktranslationConfig(device="cpu", batch_size=1, threads=1))
    many = settings_from_config(BacktranslationConfig(device="cpu", batch_size=64, threads=2))
    assert one.describe() == many.describe()
    beam = settings_from_config(BacktranslationConfig(device="cpu", beam_size=1))
    assert beam.describe() != one.describe()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"backend": "onnx"},
         "unknown backend 'onnx'; valid: auto, transformers, ctranslate2, apertium"),
        ({"device": "tpu"}, "unknown device 'tpu'; valid: auto, cpu, cuda"),
        ({"quantization": "int4"}, "valid: auto, float32"),
        ({"beam_size": 0}, "must be at least 1"),
        ({"batch_size": 0}, "must be at least 1"),
        ({"threads": -1}, "must be 0"),
        ({"quantization": "int8", "device": "cuda"}, "CPU only"),
    ],
)
def test_bad_generation_settings_are_config_errors(settings: dict[str, object],
                                                   message: str) -> None:
    config = BacktranslationConfig(**{"device": "cpu", **settings})  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        settings_from_config(config)


@pytest.mark.parametrize(
    ("config_json", "max_length", "limit"),
    [('{"max_position_embeddings": 128}', 256, 126), ('{"max_position_embeddings": 512}', 256,
                                                      256), ("{}", 256, 256), ("{broken", 64, 64)],
)
def test_lengths_are_capped_to_the_model_positions(tmp_path: Path, config_json: str,
                                                   max_length: int, limit: int) -> None:
    (tmp_path / "config.json").write_text(config_json, "utf-8")
    assert length_limit(tmp_path, max_length) == limit


def test_auto_backend_is_ctranslate2_int8_on_cpu_with_transformers_as_fallback() -> None:
    settings = settings_from_config(BacktranslationConfig(device="cpu"))
    assert settings.automatic
    if not ctranslate2_installed():
        assert (settings.backend, settings.quantization) == ("transformers", "float32")
        assert fallback_settings(settings) is None
        return
    assert (settings.backend, settings.quantization) == ("ctranslate2", "int8")
    fallback = fallback_settings(settings)
    assert fallback is not None
    assert (fallback.backend, fallback.quantization) == ("transformers", "float32")
    assert fallback.describe() != settings.describe()  # the cache keeps them apart
    assert fallback_settings(fallback) is None


def test_auto_backend_on_cuda_is_transformers_float16() -> None:
    settings = settings_from_config(BacktranslationConfig(device="cuda"))
    assert (settings.backend, settings.quantization) == ("transformers", "float16")


def test_a_chosen_backend_has_no_fallback() -> None:
    settings = settings_from_config(BacktranslationConfig(device="cpu", backend="ctranslate2"))
    assert not settings.automatic and fallback_settings(settings) is None
