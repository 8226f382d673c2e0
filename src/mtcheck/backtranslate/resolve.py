"""Which model back-translates each language, and where it is on this machine.

Choice, in order: ``model`` (every language) > ``models[lang]`` > ``template``
for ``template_languages`` > ``fallback``. Location follows the Hugging Face
conventions: a local folder, else the hub cache (``HF_HUB_CACHE``, else
``HF_HOME/hub``, else ``~/.cache/huggingface/hub``) looked up offline. A model
is downloaded only when the config allows it and ``HF_HUB_OFFLINE`` is not set:
a hub lookup without network retries for about a minute before failing, and a
quality gate in CI should fail fast and say why instead.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from mtcheck.config import BacktranslationConfig
from mtcheck.errors import ModelUnavailableError

# Files one of which a usable checkpoint must have (a snapshot can hold only config.json
# when a previous tool fetched just the config).
_WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class ModelChoice:
    """The model configured for one language, and the config rule that chose it."""

    lang: str
    model: str
    rule: str  # "model" | "models" | "template" | "fallback"


@dataclass(frozen=True)
class LocatedModel:
    """A model found on this machine."""

    model: str  # id or path as configured
    path: Path  # folder holding config.json and the weights
    revision: str  # commit hash of a hub snapshot, or "local"
    source: str  # "local folder" | "hub cache" | "downloaded"
    # Names the exact weights: the commit hash, or a content hash of a local folder.
    fingerprint: str

    @property
    def identity(self) -> str:
        """What cache keys use: the hub id at its revision, or a local folder's content hash."""
        if self.source == "local folder":
            return f"local:{self.fingerprint}"
        return f"{self.model}@{self.fingerprint}"


def choose_model(config: BacktranslationConfig, lang: str) -> ModelChoice:
    """The model that back-translates ``lang`` under ``config``."""
    if config.model:
        return ModelChoice(lang, config.model, "model")
    # A regional tag ("de-DE") uses its language's model unless it has its own.
    base = lang.split("-", 1)[0].lower()
    for key in dict.fromkeys((lang, base)):
        if key in config.models:
            return ModelChoice(lang, config.models[key], "models")
    if config.template and base in config.template_languages:
        return ModelChoice(lang, config.template.replace("{lang}", base), "template")
    return ModelChoice(lang, config.fallback, "fallback")


def hub_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """The hub cache folder, read from the environment at call time (tests change it)."""
    env = os.environ if env is None else env
    if env.get("HF_HUB_CACHE"):
        return Path(env["HF_HUB_CACHE"]).expanduser()
    if env.get("HF_HOME"):
        return Path(env["HF_HOME"]).expanduser() / "hub"
    xdg = env.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "huggingface" / "hub"


def hub_offline(env: Mapping[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    return any(env.get(name, "").strip().lower() in _TRUE
               for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def looks_like_path(model: str) -> bool:
    """True for names that can only be folders (a hub id is ``name`` or ``org/name``)."""
    return (
        model.startswith((".", "/", "~"))
        or "\\" in model
        or model.count("/") > 1
        or Path(model).expanduser().exists()
    )


def locate_model(model: str, languages: Sequence[str] = (), *, revision: str = "",
                 allow_download: bool = False,
                 env: Mapping[str, str] | None = None) -> LocatedModel:
    """Find ``model`` on this machine (or download it when allowed).

    Raises :class:`ModelUnavailableError` naming the model, the languages that
    need it and how to make it available. Never touches the network unless
    ``allow_download`` is set and ``HF_HUB_OFFLINE`` is not.
    """
    langs = tuple(languages)
    if looks_like_path(model):
        return _locate_folder(model, langs)
    cache = hub_cache_dir(env)
    snapshot = _cached_snapshot(model, revision, cache)
    if snapshot is not None:
        _require_weights(model, langs, snapshot)
        return LocatedModel(model, snapshot, snapshot.name, "hub cache", snapshot.name)
    if not allow_download or hub_offline(env):
        why = ("HF_HUB_OFFLINE is set" if hub_offline(env)
               else "downloads are off (backtranslation.allow_download = false)")
        at = f" at revision {revision!r}" if revision else ""
        raise ModelUnavailableError(
            # No machine path in the problem: it ends up in results.json and the reports.
            model, langs, f"not found{at} in the local Hugging Face cache and {why}",
            download_hint(model, cache),
        )
    snapshot = _download(model, revision, cache, langs)
    _require_weights(model, langs, snapshot)
    return LocatedModel(model, snapshot, snapshot.name, "downloaded", snapshot.name)


def download_hint(model: str, cache: Path) -> str:
    return (
        f"To make it available: on a machine with network access run "
        f"`hf download {model}` (or `huggingface-cli download {model}`) and copy its "
        f"Hugging Face cache folder to {cache} (or set HF_HOME); or save the model to a "
        f"folder and name that folder with --bt-model or backtranslation.models; or allow "
        f"downloads with backtranslation.allow_download = true; or set "
        f"backtranslation.on_missing = \"skip\" to report round-trip scores as not evaluated"
    )


def folder_fingerprint(folder: Path) -> str:
    """A content hash of a model folder, so cached back-translations follow its weights.

    Small files are hashed whole; large ones by size and three 1 MiB samples,
    which tells retrained weights apart without reading gigabytes on every run.
    """
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        size = path.stat().st_size
        digest.update(f"{path.relative_to(folder).as_posix()}\0{size}\0".encode())
        with path.open("rb") as handle:
            if size <= 4 << 20:
                digest.update(handle.read())
                continue
            for offset in (0, size // 2, size - (1 << 20)):
                handle.seek(offset)
                digest.update(handle.read(1 << 20))
    return digest.hexdigest()[:16]


def _locate_folder(model: str, langs: tuple[str, ...]) -> LocatedModel:
    folder = Path(model).expanduser()
    if not folder.is_dir():
        raise ModelUnavailableError(
            model, langs, "no such folder",
            "Check the path given with --bt-model or in backtranslation.models/model",
        )
    _require_weights(model, langs, folder)
    return LocatedModel(model, folder.resolve(), "local", "local folder",
                        folder_fingerprint(folder))


def _cached_snapshot(model: str, revision: str, cache: Path) -> Path | None:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        found = snapshot_download(model, revision=revision or None, cache_dir=cache,
                                  local_files_only=True)
    except (LocalEntryNotFoundError, FileNotFoundError):
        return None
    except ValueError:  # a malformed repo id ("a/b/c" is caught earlier as a path)
        return None
    return Path(str(found))


def _download(model: str, revision: str, cache: Path, langs: tuple[str, ...]) -> Path:
    from huggingface_hub import snapshot_download

    try:
        found = snapshot_download(model, revision=revision or None, cache_dir=cache)
    except (OSError, ValueError) as exc:  # hub HTTP errors derive from OSError
        first_line = (str(exc).splitlines() or [type(exc).__name__])[0]
        raise ModelUnavailableError(model, langs, f"download failed: {first_line}",
                                    download_hint(model, cache)) from None
    return Path(str(found))


def _require_weights(model: str, langs: tuple[str, ...], folder: Path) -> None:
    if not (folder / "config.json").is_file():
        raise ModelUnavailableError(model, langs, f"{folder} has no config.json",
                                    "Save the model with save_pretrained() or download it again")
    if not any((folder / name).is_file() for name in _WEIGHT_FILES):
        raise ModelUnavailableError(
            model, langs, f"{folder} has no weights ({', '.join(_WEIGHT_FILES)})",
            "The download was incomplete: download the model again",
        )
