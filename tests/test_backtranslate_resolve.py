"""Model choice per language and offline model location (no model is loaded here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.backtranslate import resolve
from mtcheck.backtranslate.resolve import (
    choose_model,
    folder_fingerprint,
    hub_cache_dir,
    hub_offline,
    locate_model,
    looks_like_path,
)
from mtcheck.config import BacktranslationConfig
from mtcheck.errors import ModelUnavailableError

REVISION = "a" * 40


def fake_checkpoint(folder: Path, weights: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text('{"model_type": "marian"}', "utf-8")
    if weights:
        (folder / "model.safetensors").write_bytes(b"weights")
    return folder


def fake_hub_entry(home: Path, repo_id: str, revision: str = REVISION,
                   weights: bool = True) -> Path:
    repo = home / "hub" / ("models--" + repo_id.replace("/", "--"))
    snapshot = fake_checkpoint(repo / "snapshots" / revision, weights)
    (repo / "refs").mkdir(parents=True, exist_ok=True)
    (repo / "refs" / "main").write_text(revision, "utf-8")
    return snapshot


@pytest.mark.parametrize(
    ("settings", "lang", "model", "rule"),
    [
        ({}, "ru", "Helsinki-NLP/opus-mt-ru-en", "template"),
        ({}, "ko", "Helsinki-NLP/opus-mt-ko-en", "template"),
        ({}, "el", "Helsinki-NLP/opus-mt-mul-en", "fallback"),
        ({"models": {"ru": "org/ru-model"}}, "ru", "org/ru-model", "models"),
        ({"models": {"ru": "org/ru-model"}}, "fr", "Helsinki-NLP/opus-mt-fr-en", "template"),
        ({"model": "facebook/nllb-200-distilled-600M", "models": {"ru": "org/ru-model"}},
         "ru", "facebook/nllb-200-distilled-600M", "model"),
        ({"template": "", "fallback": "org/multi"}, "ru", "org/multi", "fallback"),
        ({"template": "org/{lang}-en", "template_languages": ("el",)}, "el", "org/el-en",
         "template"),
        ({"template": "org/{lang}-en", "template_languages": ("el",)}, "ru",
         "Helsinki-NLP/opus-mt-mul-en", "fallback"),
    ],
)
def test_model_choice_follows_the_precedence(settings: dict[str, object], lang: str,
                                              model: str, rule: str) -> None:
    choice = choose_model(BacktranslationConfig(**settings), lang)  # type: ignore[arg-type]
    assert (choice.model, choice.rule) == (model, rule)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"HF_HUB_CACHE": "/c/hub", "HF_HOME": "/h"}, "/c/hub"),
        ({"HF_HOME": "/h"}, "/h/hub"),
        ({"XDG_CACHE_HOME": "/x"}, "/x/huggingface/hub"),
    ],
)
def test_hub_cache_dir_follows_hugging_face_conventions(env: dict[str, str],
                                                        expected: str) -> None:
    assert hub_cache_dir(env) == Path(expected)


@pytest.mark.parametrize(
    ("env", "offline"),
    [({}, False), ({"HF_HUB_OFFLINE": "1"}, True), ({"HF_HUB_OFFLINE": "0"}, False),
     ({"HF_HUB_OFFLINE": "true"}, True), ({"TRANSFORMERS_OFFLINE": "1"}, True)],
)
def test_offline_mode_is_read_from_the_environment(env: dict[str, str], offline: bool) -> None:
    assert hub_offline(env) is offline


@pytest.mark.parametrize(
    ("name", "is_path"),
    [("Helsinki-NLP/opus-mt-ru-en", False), ("t5-small", False), ("./models/ru", True),
     ("/opt/models/ru", True), ("~/models/ru", True), ("a/b/c", True)],
)
def test_paths_are_told_from_hub_ids(name: str, is_path: bool) -> None:
    assert looks_like_path(name) is is_path


def test_a_hub_id_is_found_in_the_cache(tmp_path: Path) -> None:
    snapshot = fake_hub_entry(tmp_path, "org/model")
    located = locate_model("org/model", ("ru",), env={"HF_HOME": str(tmp_path),
                                                        "HF_HUB_OFFLINE": "1"})
    assert located.path == snapshot
    assert located.revision == REVISION
    assert located.source == "hub cache"
    assert located.identity == f"org/model@{REVISION}"


def test_a_revision_pins_the_snapshot(tmp_path: Path) -> None:
    fake_hub_entry(tmp_path, "org/model")
    other = "b" * 40
    pinned = fake_hub_entry(tmp_path, "org/model", revision=other)
    (tmp_path / "hub/models--org--model/refs/main").write_text(REVISION, "utf-8")
    env = {"HF_HOME": str(tmp_path)}
    assert locate_model("org/model", revision=other, env=env).path == pinned
    with pytest.raises(ModelUnavailableError, match=r"at revision 'c+'"):
        locate_model("org/model", revision="c" * 40, env=env)


def test_a_local_folder_is_used_as_it_is(tmp_path: Path) -> None:
    folder = fake_checkpoint(tmp_path / "my-model")
    located = locate_model(str(folder))
    assert (located.path, located.revision, located.source) == (folder.resolve(), "local",
                                                                "local folder")
    assert located.identity.startswith("local:")


def test_the_fingerprint_follows_the_weights(tmp_path: Path) -> None:
    folder = fake_checkpoint(tmp_path / "m")
    before = folder_fingerprint(folder)
    assert folder_fingerprint(folder) == before
    (folder / "model.safetensors").write_bytes(b"retrained")
    assert folder_fingerprint(folder) != before


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError) as caught:
        locate_model(str(tmp_path / "nope"), ("ru",))
    assert "no such folder" in str(caught.value)
    assert caught.value.languages == ("ru",)


def test_a_snapshot_without_weights_is_not_available(tmp_path: Path) -> None:
    fake_hub_entry(tmp_path, "org/model", weights=False)
    with pytest.raises(ModelUnavailableError, match="has no weights"):
        locate_model("org/model", env={"HF_HOME": str(tmp_path)})


def test_a_missing_model_says_which_languages_and_how_to_get_it(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError) as caught:
        locate_model("Helsinki-NLP/opus-mt-ru-en", ("ru", "uk"),
                     env={"HF_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1"})
    message = str(caught.value)
    assert "'Helsinki-NLP/opus-mt-ru-en'" in message
    assert "languages: ru, uk" in message
    assert "HF_HUB_OFFLINE is set" in message
    assert "hf download Helsinki-NLP/opus-mt-ru-en" in message
    assert "--bt-model" in message
    assert str(tmp_path / "hub") in message


def _no_network(*args: object, **kwargs: object) -> object:
    if not kwargs.get("local_files_only"):
        raise AssertionError("attempted a download")
    from huggingface_hub.errors import LocalEntryNotFoundError

    raise LocalEntryNotFoundError("not cached")


@pytest.mark.parametrize(
    ("allow_download", "env", "reason"),
    [
        (False, {}, "downloads are off"),
        (True, {"HF_HUB_OFFLINE": "1"}, "HF_HUB_OFFLINE is set"),
    ],
)
def test_no_network_is_tried_unless_downloads_are_allowed_and_online(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, allow_download: bool,
        env: dict[str, str], reason: str) -> None:
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "snapshot_download", _no_network)
    with pytest.raises(ModelUnavailableError, match=reason):
        locate_model("org/model", ("ru",), allow_download=allow_download,
                     env={"HF_HOME": str(tmp_path), **env})


def test_a_failed_download_is_one_clear_error(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    import huggingface_hub

    def offline_network(*args: object, **kwargs: object) -> object:
        if kwargs.get("local_files_only"):
            return _no_network(*args, **kwargs)
        raise OSError("Connection refused\nretries exhausted")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", offline_network)
    with pytest.raises(ModelUnavailableError, match="download failed: Connection refused"):
        locate_model("org/model", ("ru",), allow_download=True,
                     env={"HF_HOME": str(tmp_path)})


def test_download_hint_names_the_model_and_the_cache() -> None:
    hint = resolve.download_hint("org/model", Path("/cache/hub"))
    assert "org/model" in hint and "/cache/hub" in hint and "on_missing" in hint
