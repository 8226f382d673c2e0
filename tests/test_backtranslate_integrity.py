"""Broken model folders are missing models with a reason, never a crash (issue 14)."""

from __future__ import annotations

import dataclasses
import json
import shutil
import struct
from pathlib import Path

import pytest

from mtcheck.backtranslate.integrity import model_folder_problem


def folder(tmp_path: Path, config: str = '{"model_type": "m2m_100"}') -> Path:
    path = tmp_path / "model"
    path.mkdir()
    (path / "config.json").write_text(config, encoding="utf-8")
    header = json.dumps({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}).encode()
    (path / "model.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + b"\0" * 8)
    return path


def test_a_whole_folder_has_no_problem(tmp_path: Path) -> None:
    assert model_folder_problem(folder(tmp_path)) is None


@pytest.mark.parametrize(("config", "problem"), [
    ("{broken", "config.json is not valid JSON"),
    ("[1, 2]", "config.json is not a JSON object"),
    ("{}", "config.json names no model_type"),
])
def test_a_broken_config_is_named(tmp_path: Path, config: str, problem: str) -> None:
    assert model_folder_problem(folder(tmp_path, config)) == problem


@pytest.mark.parametrize(("content", "problem"), [
    (b"", "truncated (no header)"),
    (struct.pack("<Q", 1 << 40) + b"{}", "header length beyond the file"),
    (struct.pack("<Q", 4) + b"nope", "header is not JSON"),
    (struct.pack("<Q", 2) + b"[]", "header is not a JSON object"),
])
def test_a_corrupt_safetensors_file_is_named(tmp_path: Path, content: bytes,
                                             problem: str) -> None:
    path = folder(tmp_path)
    (path / "model.safetensors").write_bytes(content)
    assert problem in str(model_folder_problem(path))


def test_truncated_tensor_data_is_named(tmp_path: Path) -> None:
    path = folder(tmp_path)
    data = (path / "model.safetensors").read_bytes()
    (path / "model.safetensors").write_bytes(data[:-4])
    assert "is truncated" in str(model_folder_problem(path))


def test_marian_needs_its_sentencepiece_models(tmp_path: Path) -> None:
    path = folder(tmp_path, '{"model_type": "marian"}')
    assert model_folder_problem(path) == "source.spm is missing (a marian model needs it)"
    pytest.importorskip("sentencepiece")
    (path / "source.spm").write_bytes(b"garbage")
    (path / "target.spm").write_bytes(b"garbage")
    assert model_folder_problem(path) == "source.spm is not a SentencePiece model"


@pytest.mark.models
@pytest.mark.parametrize(("damage", "reason"), [
    ("safetensors", "model.safetensors is corrupt"),
    ("spm", "source.spm is not a SentencePiece model"),
    ("no-spm", "source.spm is missing"),
    ("config", "config.json is not valid JSON"),
])
def test_a_broken_tiny_model_is_not_evaluated_with_the_reason(
        tmp_path: Path, tiny_model_dirs: dict[str, Path], damage: str, reason: str) -> None:
    from mtcheck.backtranslate import backtranslate
    from mtcheck.config import BacktranslationConfig
    from mtcheck.corpus import adhoc_corpus
    from mtcheck.segment import segment_document

    broken = tmp_path / "broken"
    shutil.copytree(tiny_model_dirs["marian"], broken)
    if damage == "safetensors":
        (broken / "model.safetensors").write_bytes(b"\xff" * 64)
    elif damage == "spm":
        (broken / "source.spm").write_bytes(b"not a model")
    elif damage == "no-spm":
        (broken / "source.spm").unlink()
    else:
        (broken / "config.json").write_text("{broken", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Hello.\n", encoding="utf-8")
    (tmp_path / "ru.txt").write_text("Привет.\n", encoding="utf-8")
    corpus = adhoc_corpus(tmp_path / "en.txt", "en", {"ru": tmp_path / "ru.txt"})
    config = dataclasses.replace(BacktranslationConfig(), model=str(broken), device="cpu",
                                 cache_dir=str(tmp_path / "cache"), on_missing="skip")
    outcome = backtranslate({"ru": segment_document(corpus.translations["ru"])}, config)["ru"]
    assert outcome.texts is None
    assert reason in outcome.status, outcome.status
