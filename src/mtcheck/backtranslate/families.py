"""Model families and how each names languages.

Marian (opus-mt) models translate one fixed direction, or many sources into one
target, and need no language token for ``*-en``. M2M100 and NLLB-200 translate
between any of their languages: the tokenizer must be told the source language
(``src_lang``) and generation must start with the target language's token
(``forced_bos_token_id``, or a target prefix in CTranslate2). Their codes come
from the language registry's ``m2m100`` and ``nllb`` columns.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mtcheck.languages import get_language


@dataclass(frozen=True)
class ModelFamily:
    """How one family of translation models names languages."""

    name: str
    # Column of the language registry holding this family's codes; "" when it needs none.
    code_column: str = ""
    # How a code becomes the token the model sees ("{code}" or "__{code}__").
    token_format: str = "{code}"

    @property
    def needs_language_tokens(self) -> bool:
        return bool(self.code_column)

    def language_code(self, lang: str) -> str | None:
        """The family's code for ``lang``; None when the registry has none."""
        if not self.code_column:
            return None
        code: str = getattr(get_language(lang), self.code_column)
        return code or None

    def language_token(self, lang: str) -> str | None:
        """The vocabulary token naming ``lang``; None when the family has none for it."""
        code = self.language_code(lang)
        return None if code is None else self.token_format.format(code=code)

    def supports(self, lang: str) -> bool:
        return not self.needs_language_tokens or self.language_code(lang) is not None


FAMILIES: dict[str, ModelFamily] = {
    "marian": ModelFamily("marian"),
    "m2m100": ModelFamily("m2m100", code_column="m2m100", token_format="__{code}__"),
    "nllb": ModelFamily("nllb", code_column="nllb"),
}

# transformers `model_type` values -> family, for models whose tokenizer does not decide it.
_MODEL_TYPES = {"marian": "marian", "m2m_100": "m2m100", "nllb-moe": "nllb"}


def detect_family(model_config: Mapping[str, Any],
                  tokenizer_config: Mapping[str, Any]) -> ModelFamily | None:
    """The family of a checkpoint from its ``config.json`` and ``tokenizer_config.json``.

    NLLB checkpoints are M2M100 models (``model_type`` m2m_100) with their own
    tokenizer, so the tokenizer class is checked first. None: not a supported family.
    """
    tokenizer_class = str(tokenizer_config.get("tokenizer_class") or "")
    if tokenizer_class.startswith("Nllb"):
        return FAMILIES["nllb"]
    name = _MODEL_TYPES.get(str(model_config.get("model_type") or ""))
    return FAMILIES[name] if name else None


def read_family(model_dir: Path) -> tuple[ModelFamily | None, str]:
    """Detect the family of a saved model; also returns its ``model_type`` for messages."""
    model_config = _read_json(model_dir / "config.json")
    tokenizer_config = _read_json(model_dir / "tokenizer_config.json")
    return detect_family(model_config, tokenizer_config), str(model_config.get("model_type", "?"))


def guess_family(model: str) -> ModelFamily | None:
    """The family a model id suggests, for listing models that are not downloaded yet."""
    name = model.lower()
    if "nllb" in name:
        return FAMILIES["nllb"]
    if "m2m100" in name or "m2m_100" in name:
        return FAMILIES["m2m100"]
    if "opus-mt" in name or "marian" in name:
        return FAMILIES["marian"]
    return None


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
