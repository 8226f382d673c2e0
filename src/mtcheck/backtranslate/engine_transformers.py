"""The transformers backend: ``tokenizer`` + ``model.generate``, batched by length.

transformers 5 has no translation pipeline, so generation is called directly.
On CPU the ``int8`` quantization applies torch's dynamic quantization to the
linear layers, which is about three times faster than float32 with little
change in output (see docs/backtranslation.md for measured figures).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mtcheck.backtranslate.engines import (
    BatchDone,
    GenerationSettings,
    batches_by_length,
    decode_output,
    length_limit,
)
from mtcheck.backtranslate.families import ModelFamily
from mtcheck.backtranslate.resolve import LocatedModel
from mtcheck.errors import ModelUnavailableError


@contextmanager
def quiet_loading() -> Iterator[None]:
    """Silence load-time progress bars and advice: the library never prints."""
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    verbosity = hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()  # type: ignore[no-untyped-call]


def load_tokenizer(model: LocatedModel) -> Any:
    from transformers import AutoTokenizer

    with quiet_loading():
        try:
            return AutoTokenizer.from_pretrained(str(model.path), local_files_only=True)
        except (OSError, ValueError, ImportError) as exc:
            raise ModelUnavailableError(model.model, (), f"cannot load its tokenizer: {exc}",
                                        "Check that the folder holds the tokenizer files "
                                        "(NLLB tokenizers also need the protobuf package)"
                                        ) from None


class TransformersTranslator:
    """A seq2seq model loaded with transformers."""

    def __init__(self, model: LocatedModel, family: ModelFamily,
                 settings: GenerationSettings) -> None:
        import torch
        from transformers import AutoModelForSeq2SeqLM

        self.family = family
        self.settings = settings
        if settings.device == "cpu":
            torch.set_num_threads(settings.threads)
        self.tokenizer = load_tokenizer(model)
        with quiet_loading():
            try:
                loaded = AutoModelForSeq2SeqLM.from_pretrained(str(model.path),
                                                               local_files_only=True)
            except (OSError, ValueError) as exc:
                raise ModelUnavailableError(model.model, (), f"cannot load it: {exc}",
                                            "Check the model folder or download it again"
                                            ) from None
            loaded.eval()
            if settings.quantization in ("float16", "bfloat16"):
                loaded = loaded.to(getattr(torch, settings.quantization))
            elif settings.quantization == "int8":
                loaded = torch.ao.quantization.quantize_dynamic(  # type: ignore[no-untyped-call]
                    loaded, {torch.nn.Linear}, dtype=torch.qint8
                )
            self.model = loaded.to(settings.device)
        # M2M100 tokenizers keep their language tokens outside the special tokens.
        self.model_dir = model.path
        self._language_ids = set(getattr(self.tokenizer, "lang_token_to_id", {}).values())

    def translate(self, texts: Sequence[str], source_lang: str, into: str,
                  on_batch: BatchDone | None = None) -> list[str]:
        import torch

        limit = length_limit(self.model_dir, self.settings.max_length)
        extra: dict[str, Any] = {}
        if self.family.needs_language_tokens:
            # The tokenizers take the plain code and add the token themselves.
            self.tokenizer.src_lang = self.family.language_code(source_lang)
            extra["forced_bos_token_id"] = self.tokenizer.convert_tokens_to_ids(
                self.family.language_token(into)
            )
        drop = self._language_ids | set(extra.values())
        encoded = [self.tokenizer(t, truncation=True, max_length=limit)
                   for t in texts]
        outputs: list[str] = [""] * len(texts)
        done = 0
        for batch in batches_by_length([len(e["input_ids"]) for e in encoded],
                                       self.settings.batch_size):
            inputs = self.tokenizer.pad([encoded[i] for i in batch], return_tensors="pt")
            inputs = {k: v.to(self.settings.device) for k, v in inputs.items()}
            with torch.inference_mode():
                generated = self.model.generate(
                    **inputs,
                    num_beams=self.settings.beam_size,
                    do_sample=False,
                    max_new_tokens=limit,
                    max_length=None,
                    # CTranslate2 does not force an end token at the length limit; neither
                    # do we, so both backends cut runaway outputs the same way.
                    forced_eos_token_id=None,
                    **extra,
                )
            for index, ids in zip(batch, generated.tolist(), strict=True):
                outputs[index] = decode_output(self.tokenizer, ids, drop)
            done += len(batch)
            if on_batch is not None:
                on_batch(done)
        return outputs


def load_translator(model: LocatedModel, family: ModelFamily, settings: GenerationSettings,
                    work_dir: Path) -> TransformersTranslator:
    return TransformersTranslator(model, family, settings)
