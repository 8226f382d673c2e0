"""The back-translation stage: every translation back into the source language.

For each language: choose the model (see :mod:`.resolve`), find it on this
machine, look every sentence up in the persistent cache, and load the model
only for the sentences that are not cached. A model missing from the machine
either fails the run or marks the round-trip scores "not evaluated", as
``on_missing`` says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mtcheck import __version__
from mtcheck.backtranslate.cache import TranslationCache, cache_key, default_cache_dir
from mtcheck.backtranslate.engines import (
    GenerationSettings,
    Translator,
    load_translator,
    settings_from_config,
)
from mtcheck.backtranslate.families import FAMILIES, ModelFamily, read_family
from mtcheck.backtranslate.resolve import LocatedModel, choose_model, locate_model
from mtcheck.config import BacktranslationConfig
from mtcheck.errors import ConfigError, ModelUnavailableError
from mtcheck.languages import get_language
from mtcheck.types import Progress, SegmentedDocument

ON_MISSING = ("skip", "fail")


@dataclass(frozen=True)
class BackTranslationOutcome:
    """The back-translations of one translation, or why there are none."""

    lang: str
    texts: tuple[str, ...] | None  # one per target sentence, in order; None: not evaluated
    status: str  # "evaluated" | "not evaluated: <reason>"
    model: str  # id or path as resolved
    revision: str  # commit hash, or "local"
    backend: str
    signature: str

    @property
    def evaluated(self) -> bool:
        return self.texts is not None


def backtranslate(targets: Mapping[str, SegmentedDocument], config: BacktranslationConfig, *,
                  into: str = "en",
                  progress: Progress | None = None) -> dict[str, BackTranslationOutcome]:
    """Back-translate each target document sentence by sentence into ``into``."""
    if config.on_missing not in ON_MISSING:
        raise ConfigError("backtranslation.on_missing",
                          f"unknown value {config.on_missing!r}; valid: {', '.join(ON_MISSING)}")
    if not config.enabled:
        return {lang: _not_evaluated(lang, "back-translation is turned off", "", config.backend)
                for lang in targets}
    settings = settings_from_config(config)
    outcomes: dict[str, BackTranslationOutcome] = {}
    by_model: dict[str, list[str]] = {}
    for lang in targets:
        if get_language(lang).base == get_language(into).base:
            outcomes[lang] = _not_evaluated(lang, f"the translation is already in {into}", "",
                                            settings.backend)
        else:
            by_model.setdefault(choose_model(config, lang).model, []).append(lang)
    folder = Path(config.cache_dir).expanduser() if config.cache_dir else default_cache_dir()
    with TranslationCache(folder) as cache:
        for model_id, langs in by_model.items():
            runner = _ModelRun(model_id, langs, config, settings, folder, cache, into, progress)
            for lang in langs:
                outcomes[lang] = runner.outcome(lang, targets[lang])
    return {lang: outcomes[lang] for lang in targets}


def signature(model: str, revision: str, settings: GenerationSettings) -> str:
    """The reproducibility signature of back-translations, sacrebleu style."""
    described = settings.describe()
    return (f"model:{model}|rev:{revision}|backend:{described['backend']}"
            f"|quant:{described['quantization']}|device:{described['device']}"
            f"|beam:{described['beam']}|max_len:{described['max_length']}"
            f"|mtcheck:{__version__}")


class _ModelRun:
    """One model serving one or more languages; loaded on first cache miss only."""

    def __init__(self, model_id: str, langs: list[str], config: BacktranslationConfig,
                 settings: GenerationSettings, work_dir: Path, cache: TranslationCache,
                 into: str, progress: Progress | None) -> None:
        self.model_id = model_id
        self.config = config
        self.settings = settings
        self.work_dir = work_dir
        self.cache = cache
        self.into = into
        self.progress = progress
        self.translator: Translator | None = None
        self.located: LocatedModel | None = None
        self.family: ModelFamily | None = None
        self.problem = ""
        try:
            self.located = locate_model(model_id, tuple(langs), revision=config.revision,
                                        allow_download=config.allow_download)
            self.family = _family(self.located, tuple(langs))
        except ModelUnavailableError as exc:
            if config.on_missing == "fail":
                raise
            self.problem = f"model {model_id} not available ({exc.problem})"

    def outcome(self, lang: str, target: SegmentedDocument) -> BackTranslationOutcome:
        if self.located is None or self.family is None:
            return _not_evaluated(lang, self.problem, self.model_id, self.settings.backend)
        located, family = self.located, self.family
        sig = signature(self.model_id, located.revision, self.settings)
        for needed in (lang, self.into):
            if not family.supports(needed):
                problem = (f"the languages registry has no {family.name} code for "
                           f"{needed!r}, which model {self.model_id} needs")
                if self.config.on_missing == "fail":
                    raise ModelUnavailableError(self.model_id, (lang,), problem,
                                                "Choose another model for this language")
                return _not_evaluated(lang, problem, self.model_id, self.settings.backend,
                                      located.revision)
        texts = target.texts()
        key = cache_key({
            **self.settings.describe(),
            "model": located.identity,
            "source": family.language_code(lang) or lang,
            "into": family.language_code(self.into) or self.into,
        })
        wanted = sorted({t for t in texts if t.strip()})
        found = self.cache.lookup(key, wanted)
        missing = [t for t in wanted if t not in found]
        # Progress counts the sentences the model translates, so the rate shown is the model's.
        what = f"back-translating {lang}" + (f" ({len(found)} cached)" if found else "")
        if self.progress is not None and not missing:
            self.progress(what, len(wanted), len(wanted))
        if missing:
            try:
                translator = self._translator()
            except ModelUnavailableError as exc:
                if self.config.on_missing == "fail":
                    raise ModelUnavailableError(self.model_id, (lang,), exc.problem,
                                                exc.hint) from None
                # Later languages of this model are skipped without trying to load it again.
                self.located = None
                self.problem = f"model {self.model_id} not available ({exc.problem})"
                return _not_evaluated(lang, self.problem, self.model_id, self.settings.backend)

            def on_batch(done: int) -> None:
                if self.progress is not None:
                    self.progress(what, done, len(missing))

            # Reported after loading, so the rate shown is the model's, not the load's.
            on_batch(0)

            try:
                produced = translator.translate(missing, lang, self.into, on_batch)
            except (RuntimeError, IndexError, ValueError) as exc:  # e.g. out of memory
                raise ModelUnavailableError(
                    self.model_id, (lang,), f"back-translation failed: {exc}",
                    "Try a smaller batch_size or max_length, or another model",
                ) from None
            self.cache.store(key, zip(missing, produced, strict=True))
            found.update(zip(missing, produced, strict=True))
        return BackTranslationOutcome(
            lang=lang,
            texts=tuple(found.get(t, "") for t in texts),
            status="evaluated",
            model=self.model_id,
            revision=located.revision,
            backend=self.settings.backend,
            signature=sig,
        )

    def _translator(self) -> Translator:
        if self.translator is None:
            assert self.located is not None and self.family is not None
            try:
                self.translator = load_translator(self.located, self.family, self.settings,
                                                  self.work_dir)
            except ModelUnavailableError:
                raise
            except Exception as exc:  # loaders of broken files raise anything: say what broke
                raise _broken(self.located, exc) from None
        return self.translator


def _family(located: LocatedModel, langs: tuple[str, ...]) -> ModelFamily:
    family, model_type = read_family(located.path)
    if family is None:
        from mtcheck.backtranslate.integrity import config_problem

        broken = config_problem(located.path)
        if broken:
            raise ModelUnavailableError(located.model, langs,
                                        f"the model folder is broken: {broken}",
                                        "Download or save the model again")
        raise ModelUnavailableError(
            located.model, langs,
            f"model type {model_type!r} is not a supported translation model family",
            f"Supported families: {', '.join(FAMILIES)} (Marian/opus-mt, M2M100, NLLB-200)",
        )
    return family


def _broken(located: LocatedModel, exc: Exception) -> ModelUnavailableError:
    """A load failure as a missing model, with what is broken in the folder when it shows."""
    from mtcheck.backtranslate.integrity import model_folder_problem

    broken = model_folder_problem(located.path)
    first_line = (str(exc).splitlines() or [""])[0][:200]
    problem = (f"the model folder is broken: {broken}" if broken
               else f"cannot load it: {type(exc).__name__}: {first_line}")
    return ModelUnavailableError(located.model, (), problem, "Download or save the model again")


def _not_evaluated(lang: str, reason: str, model: str, backend: str,
                   revision: str = "") -> BackTranslationOutcome:
    return BackTranslationOutcome(lang=lang, texts=None, status=f"not evaluated: {reason}",
                                  model=model, revision=revision, backend=backend, signature="")
