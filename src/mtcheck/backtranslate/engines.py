"""Translation backends behind one small interface, and what they share.

Backends are registered by the names users type (``backend = "ctranslate2"``)
and imported only when a model actually has to run: importing mtcheck, or a run
whose back-translations are all cached, never imports torch.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mtcheck.backtranslate.families import ModelFamily
from mtcheck.backtranslate.resolve import LocatedModel
from mtcheck.config import BacktranslationConfig
from mtcheck.errors import ConfigError, ModelUnavailableError

# Called with the number of sentences finished so far.
BatchDone = Callable[[int], None]


class Translator(Protocol):
    """A loaded model that translates sentences from one language into another."""

    def translate(self, texts: Sequence[str], source_lang: str, into: str,
                  on_batch: BatchDone | None = None) -> list[str]: ...


@dataclass(frozen=True)
class Backend:
    """A registered backend: where its loader lives and the quantizations it offers."""

    loader: str  # "module:function", imported lazily
    quantizations: tuple[str, ...]
    cpu_default: str
    cuda_default: str
    # False for a backend that is an installed program, not a Hugging Face model.
    uses_model: bool = True


BACKENDS: dict[str, Backend] = {
    "transformers": Backend(
        "mtcheck.backtranslate.engine_transformers:load_translator",
        ("float32", "float16", "bfloat16", "int8"),
        cpu_default="float32",
        cuda_default="float16",
    ),
    "ctranslate2": Backend(
        "mtcheck.backtranslate.engine_ctranslate2:load_translator",
        ("float32", "float16", "bfloat16", "int8", "int8_float32", "int8_float16",
         "int8_bfloat16"),
        cpu_default="int8",
        cuda_default="float16",
    ),
    # Rule-based MT by the apertium command (see engine_apertium); no model, no precision.
    "apertium": Backend(
        "mtcheck.backtranslate.engine_apertium:find_pair",
        ("none",),
        cpu_default="none",
        cuda_default="none",
        uses_model=False,
    ),
}
DEVICES = ("auto", "cpu", "cuda")
# "auto": CTranslate2 (int8) on CPU when it is installed, falling back to transformers for a
# model it cannot convert; transformers on CUDA.
AUTO = "auto"
BACKEND_CHOICES = (AUTO, *BACKENDS)


@dataclass(frozen=True)
class GenerationSettings:
    """Everything that decides how sentences are generated, with device and precision resolved."""

    backend: str
    device: str  # "cpu" | "cuda" (or "cuda:N")
    quantization: str
    beam_size: int
    max_length: int
    batch_size: int
    threads: int
    # True when "auto" picked the backend: a model it cannot load falls back to transformers.
    automatic: bool = False

    def describe(self) -> dict[str, str | int]:
        """The settings that change outputs (batch size and threads do not), for keys and signatures."""
        return {
            "backend": self.backend,
            "device": self.device.split(":", 1)[0],
            "quantization": self.quantization,
            "beam": self.beam_size,
            "max_length": self.max_length,
        }


def settings_from_config(config: BacktranslationConfig) -> GenerationSettings:
    """Validate the generation part of the config and resolve ``auto`` values."""
    device = config.device.strip().lower()
    if device.split(":", 1)[0] not in DEVICES:
        raise ConfigError("backtranslation.device",
                          f"unknown device {config.device!r}; valid: {', '.join(DEVICES)}")
    automatic = config.backend == AUTO
    if automatic:
        if device == "auto":
            device = "cuda" if cuda_available("transformers") else "cpu"
        name = "ctranslate2" if device == "cpu" and ctranslate2_installed() else "transformers"
        config = dataclasses.replace(config, backend=name, device=device)
    backend = get_backend(config.backend)
    for name in ("beam_size", "max_length", "batch_size"):
        if getattr(config, name) < 1:
            raise ConfigError(f"backtranslation.{name}", "must be at least 1")
    if config.threads < 0:
        raise ConfigError("backtranslation.threads", "must be 0 (all cores) or more")
    if not backend.uses_model:
        device = "cpu"
    elif device == "auto":
        device = "cuda" if cuda_available(config.backend) else "cpu"
    quantization = config.quantization.strip().lower()
    if quantization == "auto":
        quantization = backend.cuda_default if device.startswith("cuda") else backend.cpu_default
    if quantization not in backend.quantizations:
        valid = ", ".join(("auto", *backend.quantizations))
        raise ConfigError("backtranslation.quantization",
                          f"{config.quantization!r} is not offered by the {config.backend} "
                          f"backend; valid: {valid}")
    if config.backend == "transformers" and quantization == "int8" and device != "cpu":
        raise ConfigError("backtranslation.quantization",
                          "int8 with the transformers backend (dynamic quantization) runs "
                          "on the CPU only; use device = \"cpu\" or the ctranslate2 backend")
    threads = config.threads or available_cores()
    return GenerationSettings(config.backend, device, quantization, config.beam_size,
                              config.max_length, config.batch_size, threads, automatic)


def fallback_settings(settings: GenerationSettings) -> GenerationSettings | None:
    """What ``auto`` falls back to when its CTranslate2 choice cannot load a model."""
    if not settings.automatic or settings.backend == "transformers":
        return None
    quantization = BACKENDS["transformers"].cpu_default
    return dataclasses.replace(settings, backend="transformers", quantization=quantization,
                               automatic=False)


def get_backend(name: str) -> Backend:
    if name not in BACKENDS:
        raise ConfigError("backtranslation.backend",
                          f"unknown backend {name!r}; valid: {', '.join(BACKEND_CHOICES)}")
    return BACKENDS[name]


def ctranslate2_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("ctranslate2") is not None


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def cuda_available(backend: str) -> bool:
    """Whether a CUDA device can be used, asking the cheapest library that knows.

    CTranslate2 answers in a fraction of a second without importing torch; a
    machine without a CUDA driver has no GPU for torch either.
    """
    try:
        import ctranslate2
    except ImportError:
        ct2_count = -1
    else:
        ct2_count = int(ctranslate2.get_cuda_device_count())
    if backend == "ctranslate2" or ct2_count == 0:
        return ct2_count > 0
    try:
        import torch
    except ImportError:
        return False
    return bool(torch.cuda.is_available())


def load_translator(model: LocatedModel, family: ModelFamily, settings: GenerationSettings,
                    work_dir: Path) -> Translator:
    """Import the backend and load ``model`` (``work_dir`` keeps converted models)."""
    module_name, _, function = get_backend(settings.backend).loader.partition(":")
    try:
        loader = getattr(importlib.import_module(module_name), function)
        translator: Translator = loader(model, family, settings, work_dir)
    except ImportError as exc:
        raise ModelUnavailableError(
            model.model, (), f"the {settings.backend} backend needs the Python package "
            f"{exc.name or 'that is missing'}",
            "Install the model extras: pip install \"mtcheck[models]\"",
        ) from None
    return translator


def length_limit(model_dir: Path, max_length: int) -> int:
    """``max_length`` capped to the positions the model has (inputs and outputs alike).

    A longer sequence would index past the position table and crash inside the model.
    Two positions stay free for the start and end tokens.
    """
    import json

    try:
        positions = json.loads((model_dir / "config.json").read_text("utf-8")).get(
            "max_position_embeddings")
    except (OSError, ValueError):
        positions = None
    if isinstance(positions, int) and positions > 2:
        return max(1, min(max_length, positions - 2))
    return max_length


def decode_output(tokenizer: Any, ids: Sequence[int], drop: set[int]) -> str:
    """One generated sequence as text, the same way for every backend.

    Language tokens (forced BOS, target prefix) are dropped by id before decoding,
    so both backends give the same string for the same ids.
    """
    kept = [i for i in ids if i not in drop]
    return str(tokenizer.decode(kept, skip_special_tokens=True)).strip()


def batches_by_length(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices grouped into batches of similar length, longest first.

    Sorting wastes less compute on padding and puts the slowest batch first, so
    memory problems show at once; callers put outputs back in input order.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
