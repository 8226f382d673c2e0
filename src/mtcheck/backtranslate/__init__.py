"""Back-translation: each translation back into English with a local MT model.

Round-trip scores compare these back-translations with the source: an estimate
of quality when no human reference exists. Heavy libraries (torch,
transformers, ctranslate2, sentence-transformers) are imported only when a
model actually runs, so importing this package is cheap.

Public API::

    backtranslate(targets, config, into="en", progress=None) -> {lang: BackTranslationOutcome}
    semantic_similarity(hypotheses, references, config) -> (scores, signature) | None
"""

from mtcheck.backtranslate.embed import locate_embedding_model, semantic_similarity
from mtcheck.backtranslate.engines import BACKENDS, GenerationSettings, settings_from_config
from mtcheck.backtranslate.families import FAMILIES, ModelFamily, detect_family
from mtcheck.backtranslate.resolve import (
    LocatedModel,
    ModelChoice,
    choose_model,
    hub_cache_dir,
    locate_model,
)
from mtcheck.backtranslate.stage import (
    BackTranslationOutcome,
    LoadedModels,
    backtranslate,
    signature,
)

__all__ = [
    "BACKENDS",
    "FAMILIES",
    "BackTranslationOutcome",
    "GenerationSettings",
    "LoadedModels",
    "LocatedModel",
    "ModelChoice",
    "ModelFamily",
    "backtranslate",
    "choose_model",
    "detect_family",
    "hub_cache_dir",
    "locate_embedding_model",
    "locate_model",
    "semantic_similarity",
    "settings_from_config",
    "signature",
]
