"""The stage's bookkeeping with a stub translator: no model, no torch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from builders import segmented
from mtcheck.backtranslate import backtranslate, stage
from mtcheck.backtranslate.engines import BatchDone
from mtcheck.config import BacktranslationConfig


class StubTranslator:
    """Back-translates by reversing the text and naming the languages."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str, str]] = []

    def translate(self, texts: Sequence[str], source_lang: str, into: str,
                  on_batch: BatchDone | None = None) -> list[str]:
        self.calls.append((list(texts), source_lang, into))
        if on_batch is not None:
            on_batch(len(texts))
        return [f"{source_lang}>{into}:{t[::-1]}" for t in texts]


@pytest.fixture
def stub(monkeypatch: pytest.MonkeyPatch) -> StubTranslator:
    translator = StubTranslator()
    loads: list[str] = []

    def load(model: object, family: object, settings: object, work_dir: object) -> object:
        loads.append(str(getattr(model, "model", "")))
        return translator

    monkeypatch.setattr(stage, "load_translator", load)
    translator.loads = loads  # type: ignore[attr-defined]
    return translator


def checkpoint(folder: Path, model_type: str = "marian") -> str:
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(f'{{"model_type": "{model_type}"}}', "utf-8")
    (folder / "model.safetensors").write_bytes(b"stub")
    return str(folder)


def config(tmp_path: Path, **changes: object) -> BacktranslationConfig:
    return BacktranslationConfig(cache_dir=str(tmp_path / "cache"), device="cpu",
                                 **changes)  # type: ignore[arg-type]


def test_each_distinct_sentence_is_translated_once_in_order(stub: StubTranslator,
                                                            tmp_path: Path) -> None:
    model = checkpoint(tmp_path / "m")
    outcomes = backtranslate({"ru": segmented("ru", ["б", "а", "", "б", "  "])},
                             config(tmp_path, model=model))
    assert outcomes["ru"].texts == ("ru>en:б", "ru>en:а", "", "ru>en:б", "")
    assert stub.calls == [(["а", "б"], "ru", "en")]


def test_one_model_serving_several_languages_is_loaded_once(stub: StubTranslator,
                                                            tmp_path: Path) -> None:
    model = checkpoint(tmp_path / "m")
    outcomes = backtranslate({"ru": segmented("ru", ["а"]), "uk": segmented("uk", ["а"])},
                             config(tmp_path, model=model))
    assert stub.loads == [model]  # type: ignore[attr-defined]
    assert outcomes["uk"].texts == ("uk>en:а",)  # same text, other language: not shared


def test_only_uncached_sentences_reach_the_model(stub: StubTranslator,
                                                 tmp_path: Path) -> None:
    model = checkpoint(tmp_path / "m")
    backtranslate({"ru": segmented("ru", ["один", "два"])}, config(tmp_path, model=model))
    stub.calls.clear()
    outcome = backtranslate({"ru": segmented("ru", ["два", "три"])},
                            config(tmp_path, model=model))["ru"]
    assert stub.calls == [(["три"], "ru", "en")]
    assert outcome.texts == ("ru>en:авд", "ru>en:ирт")


def test_outcomes_keep_the_order_of_the_targets(stub: StubTranslator, tmp_path: Path) -> None:
    model = checkpoint(tmp_path / "m")
    targets = {lang: segmented(lang, ["x"]) for lang in ("ko", "en", "ru")}
    assert list(backtranslate(targets, config(tmp_path, model=model))) == ["ko", "en", "ru"]


def test_on_missing_must_be_known(tmp_path: Path) -> None:
    from mtcheck.errors import ConfigError

    with pytest.raises(ConfigError, match="valid: skip, fail"):
        backtranslate({}, config(tmp_path, on_missing="ignore"))


def test_loaded_models_serve_every_call_inside_their_block(stub: StubTranslator,
                                                          tmp_path: Path) -> None:
    model = checkpoint(tmp_path / "m")
    models = stage.LoadedModels()
    with models.serving():
        backtranslate({"ru": segmented("ru", ["а"])}, config(tmp_path, model=model))
        backtranslate({"ru": segmented("ru", ["б"])}, config(tmp_path, model=model))
    assert stub.loads == [model]  # type: ignore[attr-defined]
    assert len(models) == 1
    # Outside the block each call loads its model again, as before.
    backtranslate({"ru": segmented("ru", ["в"])}, config(tmp_path, model=model))
    assert stub.loads == [model, model]  # type: ignore[attr-defined]
    models.close()
    assert len(models) == 0


def test_loaded_models_keep_one_translator_per_setting(stub: StubTranslator,
                                                       tmp_path: Path) -> None:
    model = checkpoint(tmp_path / "m")
    models = stage.LoadedModels()
    with models.serving():
        backtranslate({"ru": segmented("ru", ["а"])}, config(tmp_path, model=model))
        backtranslate({"ru": segmented("ru", ["б"])}, config(tmp_path, model=model, beam_size=2))
    assert len(models) == 2
