"""Fixtures shared by several test modules.

Tests never reach the network: the Hugging Face hub is switched to offline
mode before anything imports it, so a model missing from the cache fails at
once instead of after a minute of retries.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")

# In CI, property tests replay the same examples every run, so a landing never depends on
# the luck of the draw; locally they explore new examples (and keep failures in .hypothesis/).
# No per-example deadline anywhere: a property test asserts behaviour, not speed, and a
# deadline fails it on a loaded machine (speed targets live in benchmarks/).
settings.register_profile("default-no-deadline", deadline=None)
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "default-no-deadline")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# Hub ids under which the tiny models sit in the fake hub cache.
TINY_HUB_IDS = {
    "marian": "mtcheck-test/tiny-opus-mt-mul-en",
    "m2m100": "mtcheck-test/tiny-m2m100",
    "nllb": "mtcheck-test/tiny-nllb-200",
}


@pytest.fixture(scope="session")
def tiny_model_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny Marian, M2M100 and NLLB models saved with save_pretrained, by family name."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("sentencepiece")
    import tiny_models

    root = tmp_path_factory.mktemp("tiny-models")
    return {
        "marian": tiny_models.build_marian(root / "marian"),
        "m2m100": tiny_models.build_m2m100(root / "m2m100"),
        "nllb": tiny_models.build_nllb(root / "nllb"),
    }


@pytest.fixture(scope="session")
def fake_hf_home_dir(tmp_path_factory: pytest.TempPathFactory,
                     tiny_model_dirs: dict[str, Path]) -> Path:
    """An HF_HOME whose hub cache holds the tiny models under :data:`TINY_HUB_IDS`."""
    import tiny_models

    home = tmp_path_factory.mktemp("hf-home")
    for family, repo_id in TINY_HUB_IDS.items():
        tiny_models.install_in_hub_cache(tiny_model_dirs[family], home, repo_id)
    return home


@pytest.fixture
def fake_hf_home(monkeypatch: pytest.MonkeyPatch, fake_hf_home_dir: Path) -> Path:
    """Point HF_HOME at the fake hub cache (offline) for one test."""
    monkeypatch.setenv("HF_HOME", str(fake_hf_home_dir))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return fake_hf_home_dir


@pytest.fixture
def empty_hf_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty, offline HF_HOME: no model is available."""
    home = tmp_path / "hf-home-empty"
    home.mkdir()
    monkeypatch.setenv("HF_HOME", str(home))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return home
