"""The back-translation stage end to end, with tiny real models from tests/tiny_models.py."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from builders import segmented
from conftest import TINY_HUB_IDS
from mtcheck.backtranslate import backtranslate, stage
from mtcheck.backtranslate.engines import settings_from_config
from mtcheck.backtranslate.families import FAMILIES
from mtcheck.backtranslate.resolve import locate_model
from mtcheck.config import BacktranslationConfig
from mtcheck.errors import ModelUnavailableError
from mtcheck.types import SegmentedDocument
from tiny_models import TINY_REVISION

pytestmark = pytest.mark.models

RUSSIAN = [
    "Министр прибыл в Сеул в понедельник.",
    "Цены выросли.",
    "После шторма река затопила несколько деревень, и жители ушли.",
    "",
    "Весной откроется новый мост.",
    "Цены выросли.",
]
KOREAN = ["장관은 월요일에 서울에 도착했다.", "봄에 새 다리가 개통된다."]


def config(tmp_path: Path, **changes: Any) -> BacktranslationConfig:
    # The transformers backend unless a test asks for another; "auto" has tests of its own.
    base = BacktranslationConfig(cache_dir=str(tmp_path / "cache"), beam_size=1, max_length=12,
                                 batch_size=4, device="cpu", threads=1, backend="transformers")
    return dataclasses.replace(base, **changes)


def targets() -> dict[str, SegmentedDocument]:
    return {"ru": segmented("ru", RUSSIAN), "ko": segmented("ko", KOREAN)}


@pytest.mark.parametrize("family", ["marian", "m2m100", "nllb"])
def test_a_model_is_loaded_by_hub_id_from_the_cache(fake_hf_home: Path, tmp_path: Path,
                                                    family: str) -> None:
    hub_id = TINY_HUB_IDS[family]
    outcomes = backtranslate(targets(), config(tmp_path, model=hub_id))
    assert list(outcomes) == ["ru", "ko"]
    ru = outcomes["ru"]
    assert ru.status == "evaluated" and ru.texts is not None
    assert len(ru.texts) == len(RUSSIAN)
    assert ru.texts[3] == ""  # an empty sentence is not sent to the model
    assert ru.texts[1] == ru.texts[5]
    assert len({ru.texts[0], ru.texts[1], ru.texts[2], ru.texts[4]}) > 1  # output follows input
    assert (ru.model, ru.revision, ru.backend) == (hub_id, TINY_REVISION, "transformers")
    assert ru.signature == (f"model:{hub_id}|rev:{TINY_REVISION}|backend:transformers"
                            f"|quant:float32|device:cpu|beam:1|max_len:12|mtcheck:0.1.0")


def test_a_model_is_loaded_from_a_folder(fake_hf_home: Path, tmp_path: Path,
                                         tiny_model_dirs: dict[str, Path]) -> None:
    by_id = backtranslate(targets(), config(tmp_path, model=TINY_HUB_IDS["marian"]))
    by_path = backtranslate(targets(), config(tmp_path, model=str(tiny_model_dirs["marian"])))
    assert by_path["ru"].revision == "local"
    assert by_path["ru"].texts == by_id["ru"].texts
    assert by_path["ko"].texts == by_id["ko"].texts


@pytest.mark.parametrize(
    ("family", "source_token", "target_token"),
    [("nllb", "rus_Cyrl", "eng_Latn"), ("m2m100", "__ru__", "__en__")],
)
def test_multilingual_models_get_their_language_tokens(
        tiny_model_dirs: dict[str, Path], tmp_path: Path, family: str, source_token: str,
        target_token: str) -> None:
    from mtcheck.backtranslate.engine_transformers import TransformersTranslator

    located = locate_model(str(tiny_model_dirs[family]))
    translator = TransformersTranslator(located, FAMILIES[family],
                                        settings_from_config(config(tmp_path)))
    seen: list[dict[str, Any]] = []
    generate = translator.model.generate

    def spy(**kwargs: Any) -> Any:
        seen.append(kwargs)
        return generate(**kwargs)

    translator.model.generate = spy
    translator.translate(["Цены выросли."], "ru", "en")
    tokenizer = translator.tokenizer
    assert tokenizer.convert_ids_to_tokens(seen[0]["input_ids"][0].tolist())[0] == source_token
    assert seen[0]["forced_bos_token_id"] == tokenizer.convert_tokens_to_ids(target_token)
    # The source language token changes what the model sees, so the output may change.
    as_ukrainian = translator.translate(["Цены выросли."], "uk", "en")
    assert tokenizer.convert_ids_to_tokens(seen[1]["input_ids"][0].tolist())[0] == \
        FAMILIES[family].language_token("uk")
    assert isinstance(as_ukrainian[0], str)


def test_marian_needs_no_language_token(tiny_model_dirs: dict[str, Path],
                                        tmp_path: Path) -> None:
    cfg = config(tmp_path, model=str(tiny_model_dirs["marian"]))
    as_ru = backtranslate({"ru": segmented("ru", KOREAN)}, cfg)["ru"].texts
    as_ko = backtranslate({"ko": segmented("ko", KOREAN)}, cfg)["ko"].texts
    assert as_ru == as_ko


@pytest.mark.parametrize("family", ["marian", "nllb"])
@pytest.mark.parametrize("beam_size", [1, 3])
def test_batching_gives_the_same_output_as_one_by_one(tiny_model_dirs: dict[str, Path],
                                                      tmp_path: Path, family: str,
                                                      beam_size: int) -> None:
    model = str(tiny_model_dirs[family])
    batched = backtranslate(targets(), config(tmp_path / "a", model=model, batch_size=8,
                                              beam_size=beam_size))
    single = backtranslate(targets(), config(tmp_path / "b", model=model, batch_size=1,
                                             beam_size=beam_size))
    assert batched["ru"].texts == single["ru"].texts
    assert batched["ko"].texts == single["ko"].texts


def test_outputs_are_deterministic(fake_hf_home: Path, tmp_path: Path) -> None:
    first = backtranslate(targets(), config(tmp_path / "a", model=TINY_HUB_IDS["nllb"]))
    second = backtranslate(targets(), config(tmp_path / "b", model=TINY_HUB_IDS["nllb"]))
    assert first == second


def test_a_cached_run_loads_no_model(fake_hf_home: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = config(tmp_path, model=TINY_HUB_IDS["marian"])
    first = backtranslate(targets(), cfg)

    def no_loading(*args: object, **kwargs: object) -> object:
        raise AssertionError("a model was loaded although everything was cached")

    monkeypatch.setattr(stage, "load_translator", no_loading)
    assert backtranslate(targets(), cfg) == first


def test_a_cached_run_does_not_even_import_torch(fake_hf_home: Path, tmp_path: Path) -> None:
    cfg = config(tmp_path, model=TINY_HUB_IDS["marian"])
    first = backtranslate(targets(), cfg)
    script = textwrap.dedent(f"""
        import json, sys
        sys.path[:0] = {[str(Path(__file__).parent), str(Path(__file__).parents[1] / 'src')]!r}
        from builders import segmented
        from mtcheck.backtranslate import backtranslate
        from mtcheck.config import BacktranslationConfig
        cfg = BacktranslationConfig(**json.loads(sys.argv[1]))
        out = backtranslate({{"ru": segmented("ru", json.loads(sys.argv[2]))}}, cfg)
        heavy = [m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules]
        print(json.dumps({{"texts": out["ru"].texts, "heavy": heavy}}))
    """)
    fields = {f.name: getattr(cfg, f.name) for f in dataclasses.fields(cfg)
              if f.name in ("model", "cache_dir", "beam_size", "max_length", "device", "threads",
                            "backend")}
    done = subprocess.run([sys.executable, "-c", script, json.dumps(fields), json.dumps(RUSSIAN)],
                          capture_output=True, text=True, check=True, env=dict(os.environ))
    reply = json.loads(done.stdout)
    assert reply["heavy"] == []
    assert tuple(reply["texts"]) == first["ru"].texts


def test_changed_settings_miss_the_cache(fake_hf_home: Path, tmp_path: Path) -> None:
    greedy = backtranslate(targets(), config(tmp_path, model=TINY_HUB_IDS["marian"]))
    short = backtranslate(targets(), config(tmp_path, model=TINY_HUB_IDS["marian"],
                                            max_length=3))
    assert greedy["ru"].texts != short["ru"].texts


def test_models_with_the_same_revision_do_not_share_cache_entries(fake_hf_home: Path,
                                                                  tmp_path: Path) -> None:
    marian = backtranslate(targets(), config(tmp_path, model=TINY_HUB_IDS["marian"]))
    nllb = backtranslate(targets(), config(tmp_path, model=TINY_HUB_IDS["nllb"]))
    assert marian["ru"].revision == nllb["ru"].revision
    assert marian["ru"].texts != nllb["ru"].texts


def test_progress_reports_sentences_done(fake_hf_home: Path, tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    backtranslate({"ru": segmented("ru", RUSSIAN)},
                  config(tmp_path, model=TINY_HUB_IDS["marian"], batch_size=2),
                  progress=lambda what, done, total: calls.append((what, done, total)))
    assert calls[0] == ("back-translating ru", 0, 4)  # 4 distinct non-empty sentences
    assert [done for _, done, _ in calls] == [0, 2, 4]
    calls.clear()
    backtranslate({"ru": segmented("ru", RUSSIAN)},
                  config(tmp_path, model=TINY_HUB_IDS["marian"], batch_size=2),
                  progress=lambda what, done, total: calls.append((what, done, total)))
    assert calls == [("back-translating ru (4 cached)", 4, 4)]


def test_a_missing_model_is_skipped(empty_hf_home: Path, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub

    real = huggingface_hub.snapshot_download

    def offline_only(*args: Any, **kwargs: Any) -> Any:
        assert kwargs.get("local_files_only"), "attempted a download"
        return real(*args, **kwargs)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", offline_only)
    outcomes = backtranslate(targets(), config(tmp_path, models={"ru": "org/absent-ru-en"},
                                               fallback="org/absent-mul-en"))
    assert outcomes["ru"].texts is None
    assert outcomes["ru"].status.startswith(
        "not evaluated: model org/absent-ru-en not available (not found")
    assert outcomes["ko"].status.startswith("not evaluated: model Helsinki-NLP/opus-mt-ko-en")


def test_a_missing_model_fails_when_asked(empty_hf_home: Path, tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError) as caught:
        backtranslate(targets(), config(tmp_path, model="org/absent", on_missing="fail"))
    assert caught.value.model == "org/absent"
    assert caught.value.languages == ("ru", "ko")
    assert "hf download org/absent" in str(caught.value)


def test_a_language_the_family_cannot_name_is_not_evaluated(fake_hf_home: Path,
                                                            tmp_path: Path) -> None:
    outcomes = backtranslate({"sa": segmented("sa", ["नमः।"])},
                             config(tmp_path, model=TINY_HUB_IDS["m2m100"]))
    assert outcomes["sa"].texts is None
    assert "no m2m100 code for 'sa'" in outcomes["sa"].status


def test_an_unsupported_model_type_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "t5"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "t5"}', "utf-8")
    (folder / "model.safetensors").write_bytes(b"")
    with pytest.raises(ModelUnavailableError, match="model type 't5' is not a supported"):
        backtranslate(targets(), config(tmp_path, model=str(folder), on_missing="fail"))


def test_english_and_disabled_runs_are_not_evaluated(tmp_path: Path) -> None:
    outcomes = backtranslate({"en": segmented("en", ["Hi."])}, config(tmp_path))
    assert outcomes["en"].status == "not evaluated: the translation is already in en"
    off = backtranslate(targets(), config(tmp_path, enabled=False))
    assert {o.status for o in off.values()} == {"not evaluated: back-translation is turned off"}


@pytest.mark.parametrize("family", ["marian", "m2m100", "nllb"])
def test_ctranslate2_float32_matches_transformers_greedy(
        tiny_model_dirs: dict[str, Path], tmp_path: Path, family: str) -> None:
    pytest.importorskip("ctranslate2")
    model = str(tiny_model_dirs[family])
    reference = backtranslate(targets(), config(tmp_path / "a", model=model))
    converted = backtranslate(targets(), config(tmp_path / "b", model=model,
                                                backend="ctranslate2", quantization="float32"))
    assert converted["ru"].backend == "ctranslate2"
    assert converted["ru"].texts == reference["ru"].texts
    assert converted["ko"].texts == reference["ko"].texts


def test_ctranslate2_int8_stays_close_to_transformers(tiny_model_dirs: dict[str, Path],
                                                      tmp_path: Path) -> None:
    pytest.importorskip("ctranslate2")
    from rapidfuzz.fuzz import ratio

    model = str(tiny_model_dirs["marian"])
    reference = backtranslate(targets(), config(tmp_path / "a", model=model))
    int8 = backtranslate(targets(), config(tmp_path / "b", model=model, backend="ctranslate2"))
    assert "|quant:int8|" in int8["ru"].signature
    assert reference["ru"].texts is not None and int8["ru"].texts is not None
    similarity = [ratio(a, b) for a, b in zip(reference["ru"].texts, int8["ru"].texts,
                                              strict=True) if a]
    assert sum(similarity) / len(similarity) >= 60


def test_the_ctranslate2_conversion_is_kept_on_disk(tiny_model_dirs: dict[str, Path],
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("ctranslate2")
    from ctranslate2 import converters

    model = str(tiny_model_dirs["m2m100"])
    first = backtranslate(targets(), config(tmp_path / "work", model=model,
                                            backend="ctranslate2"))
    converted = list((tmp_path / "work" / "cache" / "ctranslate2").glob("*-int8-ct*"))
    assert len(converted) == 1 and (converted[0] / "model.bin").is_file()

    def no_conversion(*args: object, **kwargs: object) -> object:
        raise AssertionError("converted again")

    monkeypatch.setattr(converters, "TransformersConverter", no_conversion)
    # A fresh translation cache forces the model to run, from the kept conversion.
    again = backtranslate(targets(), dataclasses.replace(
        config(tmp_path / "work", model=model, backend="ctranslate2"),
        cache_dir=str(tmp_path / "work" / "cache")))
    assert again == first
    fresh = tmp_path / "other-cache"
    (fresh / "ctranslate2").mkdir(parents=True)
    converted[0].rename(fresh / "ctranslate2" / converted[0].name)
    rerun = backtranslate(targets(), config(tmp_path / "x", model=model, backend="ctranslate2",
                                            cache_dir=str(fresh)))
    assert rerun == first


def test_importing_mtcheck_does_not_import_torch() -> None:
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parents[1] / 'src')!r})
        import mtcheck, mtcheck.backtranslate, mtcheck.cli, mtcheck.config
        heavy = [m for m in ("torch", "transformers", "ctranslate2", "sentence_transformers")
                 if m in sys.modules]
        print(",".join(heavy))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == ""


@pytest.mark.parametrize("on_missing", ["skip", "fail"])
def test_a_backend_that_cannot_be_imported_is_a_missing_model(
        tiny_model_dirs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        on_missing: str) -> None:
    from mtcheck.backtranslate import engines

    broken = dataclasses.replace(engines.BACKENDS["transformers"],
                                 loader="mtcheck_absent_backend_module:load_translator")
    monkeypatch.setitem(engines.BACKENDS, "transformers", broken)
    cfg = config(tmp_path, model=str(tiny_model_dirs["marian"]), on_missing=on_missing)
    if on_missing == "fail":
        with pytest.raises(ModelUnavailableError, match=r"pip install \"mtcheck\[models\]\""):
            backtranslate(targets(), cfg)
        return
    outcomes = backtranslate(targets(), cfg)
    assert all(o.texts is None for o in outcomes.values())
    assert "needs the Python package mtcheck_absent_backend_module" in outcomes["ko"].status


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_max_length_beyond_the_model_positions_is_capped(tiny_model_dirs: dict[str, Path],
                                                         tmp_path: Path, backend: str) -> None:
    pytest.importorskip(backend)
    long_text = " ".join(RUSSIAN * 8)  # more tokens than the tiny model's 128 positions
    outcome = backtranslate({"ru": segmented("ru", [long_text])},
                            config(tmp_path, model=str(tiny_model_dirs["marian"]),
                                   max_length=1000, backend=backend))["ru"]
    assert outcome.status == "evaluated"


def test_auto_backend_runs_ctranslate2_int8_on_cpu(tiny_model_dirs: dict[str, Path],
                                                   tmp_path: Path) -> None:
    pytest.importorskip("ctranslate2")
    model = str(tiny_model_dirs["marian"])
    auto = backtranslate(targets(), config(tmp_path / "a", model=model, backend="auto"))
    chosen = backtranslate(targets(), config(tmp_path / "b", model=model, backend="ctranslate2"))
    assert auto["ru"].backend == "ctranslate2"
    assert "|quant:int8|" in auto["ru"].signature
    assert auto == chosen


def test_auto_backend_falls_back_to_transformers_when_conversion_fails(
        tiny_model_dirs: dict[str, Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("ctranslate2")
    from ctranslate2 import converters

    def cannot_convert(*args: object, **kwargs: object) -> object:
        raise NotImplementedError("this architecture is not supported")

    monkeypatch.setattr(converters, "TransformersConverter", cannot_convert)
    model = str(tiny_model_dirs["m2m100"])
    auto = backtranslate(targets(), config(tmp_path / "a", model=model, backend="auto"))
    reference = backtranslate(targets(), config(tmp_path / "b", model=model))
    assert {o.backend for o in auto.values()} == {"transformers"}
    assert auto["ru"].texts == reference["ru"].texts
    assert auto["ko"].signature == reference["ko"].signature
    with pytest.raises(ModelUnavailableError, match="CTranslate2 cannot convert"):
        backtranslate(targets(), config(tmp_path / "c", model=model, backend="ctranslate2",
                                        on_missing="fail"))


@pytest.mark.parametrize("family", ["marian", "nllb"])
def test_languages_sharing_a_model_go_to_ctranslate2_in_one_call(
        tiny_model_dirs: dict[str, Path], tmp_path: Path, family: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("ctranslate2")
    from mtcheck.backtranslate import engine_ctranslate2

    calls: list[int] = []
    original = engine_ctranslate2.CTranslate2Translator.translate_groups

    def counted(self: Any, groups: Any, into: str, on_batch: Any = None) -> Any:
        calls.append(len(groups))
        return original(self, groups, into, on_batch)

    monkeypatch.setattr(engine_ctranslate2.CTranslate2Translator, "translate_groups", counted)
    model = str(tiny_model_dirs[family])
    together = backtranslate(targets(), config(tmp_path / "a", model=model, threads=2,
                                               backend="ctranslate2", quantization="float32"))
    assert calls == [2]  # ru and ko in one hand-over
    # Each language alone, one replica: the same sentences.
    for lang, target in targets().items():
        alone = backtranslate({lang: target}, config(tmp_path / lang, model=model, threads=1,
                                                     backend="ctranslate2",
                                                     quantization="float32"))
        assert alone[lang].texts == together[lang].texts
