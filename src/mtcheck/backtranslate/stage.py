"""The back-translation stage: every translation back into the source language.

For each language: choose the model (see :mod:`.resolve`), find it on this
machine, look every sentence up in the persistent cache, and load the model
only for the sentences that are not cached. A model missing from the machine
either fails the run or marks the round-trip scores "not evaluated", as
``on_missing`` says.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from mtcheck import __version__
from mtcheck.backtranslate.cache import TranslationCache, cache_key, default_cache_dir
from mtcheck.backtranslate.engines import (
    AUTO,
    BACKEND_CHOICES,
    BACKENDS,
    BatchDone,
    GenerationSettings,
    Translator,
    fallback_settings,
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


class LoadedModels:
    """Translators kept loaded across calls of :func:`backtranslate`.

    One call of the stage back-translates one document, and would load its models
    again. A process that serves many documents (a collection's worker, a Ray actor)
    keeps one ``LoadedModels`` and runs each document inside :meth:`serving`: the
    stage then takes the translator for the same model, family, settings and folder
    from here instead of loading it. Outputs do not change (the same loaded model
    translates the same text the same way).
    """

    def __init__(self, load: Callable[..., Translator] | None = None) -> None:
        # ``load`` defaults to the stage's loader, looked up at call time (tests replace it).
        self._load = load
        self._loaded: dict[str, Translator] = {}
        self._lock = threading.Lock()

    def load(self, located: LocatedModel, family: ModelFamily, settings: GenerationSettings,
             work_dir: Path) -> Translator:
        key = repr((located, family.name, settings, str(work_dir)))
        with self._lock:
            if key not in self._loaded:
                load = self._load or load_translator
                self._loaded[key] = load(located, family, settings, work_dir)
            return self._loaded[key]

    def __len__(self) -> int:
        return len(self._loaded)

    @contextmanager
    def serving(self) -> Iterator[LoadedModels]:
        """Within this block the stage (in this thread or task) uses these loaded models."""
        token = _SERVING.set(self)
        try:
            yield self
        finally:
            _SERVING.reset(token)

    def close(self) -> None:
        with self._lock:
            self._loaded.clear()


_SERVING: ContextVar[LoadedModels | None] = ContextVar("mtcheck_loaded_models", default=None)


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
    outcomes: dict[str, BackTranslationOutcome] = {}
    by_model: dict[tuple[str, str], list[str]] = {}
    by_program: list[str] = []
    for lang in targets:
        backend = backend_for(config, lang)
        if get_language(lang).base == get_language(into).base:
            outcomes[lang] = _not_evaluated(lang, f"the translation is already in {into}", "",
                                            backend)
        elif backend != AUTO and not BACKENDS[backend].uses_model:
            by_program.append(lang)
        else:
            by_model.setdefault((backend, choose_model(config, lang).model), []).append(lang)
    # Only backends that run a model need settings (resolving "auto" may probe for CUDA).
    settings = {name: _settings_for(config, name) for name, _ in by_model}
    folder = Path(config.cache_dir).expanduser() if config.cache_dir else default_cache_dir()
    with TranslationCache(folder) as cache:
        for (backend, model_id), langs in by_model.items():
            runner = _ModelRun(model_id, langs, config, settings[backend], folder, cache, into,
                               progress)
            outcomes.update(runner.outcomes({lang: targets[lang] for lang in langs}))
        for lang in by_program:
            outcomes[lang] = _apertium_outcome(lang, targets[lang], config, cache, into,
                                               progress)
    return {lang: outcomes[lang] for lang in targets}


def backend_for(config: BacktranslationConfig, lang: str) -> str:
    """The backend that back-translates ``lang``: ``backends[lang]``, else ``backend``."""
    language, backends = get_language(lang), _backends(config)
    # A regional tag ("es-ES") takes its language's backend unless it has its own.
    return backends.get(language.code, backends.get(language.base, config.backend))


def _backends(config: BacktranslationConfig) -> dict[str, str]:
    """``backends`` validated, keyed by canonical language code."""
    checked = {}
    for lang, name in config.backends.items():
        if name not in BACKEND_CHOICES:
            raise ConfigError(f"backtranslation.backends.{lang}",
                              f"unknown backend {name!r}; valid: {', '.join(BACKEND_CHOICES)}")
        checked[get_language(lang).code] = name
    return checked


def _settings_for(config: BacktranslationConfig, backend: str) -> GenerationSettings:
    # The configured quantization belongs to the main backend; an override picks its default.
    if backend == config.backend:
        return settings_from_config(config)
    return settings_from_config(dataclasses.replace(config, backend=backend,
                                                    quantization="auto"))


def _apertium_outcome(lang: str, target: SegmentedDocument, config: BacktranslationConfig,
                      cache: TranslationCache, into: str,
                      progress: Progress | None) -> BackTranslationOutcome:
    """Back-translations by the apertium command, through the same cache as models."""
    from mtcheck.backtranslate.engine_apertium import ApertiumTranslator, find_pair, pair_mode

    try:
        pair = find_pair(lang, into)
        key = cache_key({"backend": "apertium", "pair": pair.mode, "engine": pair.engine,
                         "data": pair.data})
        found = _translate_missing(cache, key, target.texts(), lang, progress,
                                   lambda missing, on_batch: ApertiumTranslator(pair).translate(
                                       missing, lang, into, on_batch))
    except ModelUnavailableError as exc:
        if config.on_missing == "fail":
            raise
        name = f"apertium:{pair_mode(lang, into)}"
        return _not_evaluated(lang, f"model {name} not available ({exc.problem})", name,
                              "apertium")
    return BackTranslationOutcome(
        lang=lang,
        texts=tuple(found.get(t, "") for t in target.texts()),
        status="evaluated",
        model=pair.model,
        revision=pair.data,
        backend="apertium",
        signature=pair.signature(__version__),
    )


def _translate_missing(
    cache: TranslationCache, key: str, texts: Sequence[str], lang: str,
    progress: Progress | None,
    translate: Callable[[list[str], BatchDone], list[str]],
) -> dict[str, str]:
    """Every non-blank text of ``texts`` translated: from the cache, the rest by ``translate``."""
    wanted = sorted({t for t in texts if t.strip()})
    found = cache.lookup(key, wanted)
    missing = [t for t in wanted if t not in found]
    what = f"back-translating {lang}" + (f" ({len(found)} cached)" if found else "")
    if progress is not None:
        progress(what, 0 if missing else len(wanted), len(missing) or len(wanted))
    if missing:

        def on_batch(done: int) -> None:
            if progress is not None:
                progress(what, done, len(missing))

        produced = translate(missing, on_batch)
        cache.store(key, zip(missing, produced, strict=True))
        found.update(zip(missing, produced, strict=True))
    return found


def signature(model: str, revision: str, settings: GenerationSettings) -> str:
    """The reproducibility signature of back-translations, sacrebleu style."""
    described = settings.describe()
    return (f"model:{model}|rev:{revision}|backend:{described['backend']}"
            f"|quant:{described['quantization']}|device:{described['device']}"
            f"|beam:{described['beam']}|max_len:{described['max_length']}"
            f"|mtcheck:{__version__}")


class _ModelRun:
    """One model serving one or more languages; loaded on first cache miss only.

    The sentences of every language the model serves that are not cached are handed to
    the model together (the multilingual fallback serves several languages), so a
    backend that batches across calls keeps all its replicas busy.
    """

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

    def outcomes(self, targets: Mapping[str, SegmentedDocument]) -> dict[str, BackTranslationOutcome]:
        """The outcome of each language in ``targets`` (all served by this model)."""
        done: dict[str, BackTranslationOutcome] = {}
        pending: dict[str, tuple[str, dict[str, str], list[str]]] = {}
        for lang, target in targets.items():
            problem = self._problem(lang)
            if problem:
                done[lang] = problem
                continue
            key = self._key(lang)
            wanted = sorted({t for t in target.texts() if t.strip()})
            found = self.cache.lookup(key, wanted)
            pending[lang] = (key, found, [t for t in wanted if t not in found])
        needed = {lang: missing for lang, (_, _, missing) in pending.items() if missing}
        cached_only = [lang for lang in pending if lang not in needed]
        if self.progress is not None:
            for lang in cached_only:
                count = len(pending[lang][1])
                self.progress(f"back-translating {lang} ({count} cached)", count, count)
        if needed:
            try:
                produced = self._translate(needed)
            except ModelUnavailableError as exc:
                fallback = fallback_settings(self.settings)
                if fallback is not None:
                    # "auto" chose CTranslate2 and it cannot take this model: transformers can.
                    self.settings, self.translator = fallback, None
                    return {**done, **self.outcomes({lang: targets[lang] for lang in pending})}
                if self.config.on_missing == "fail":
                    raise ModelUnavailableError(self.model_id, tuple(needed), exc.problem,
                                                exc.hint) from None
                # Later languages of this model are skipped without trying to load it again.
                self.located = None
                self.problem = f"model {self.model_id} not available ({exc.problem})"
                for lang in pending:
                    done[lang] = _not_evaluated(lang, self.problem, self.model_id,
                                                self.settings.backend)
                return done
            for lang, texts in produced.items():
                key, found, missing = pending[lang]
                self.cache.store(key, zip(missing, texts, strict=True))
                found.update(zip(missing, texts, strict=True))
        if not pending:
            return done
        assert self.located is not None
        sig = signature(self.model_id, self.located.revision, self.settings)
        for lang, (_, found, _) in pending.items():
            done[lang] = BackTranslationOutcome(
                lang=lang,
                texts=tuple(found.get(t, "") for t in targets[lang].texts()),
                status="evaluated",
                model=self.model_id,
                revision=self.located.revision,
                backend=self.settings.backend,
                signature=sig,
            )
        return done

    def outcome(self, lang: str, target: SegmentedDocument) -> BackTranslationOutcome:
        return self.outcomes({lang: target})[lang]

    def _problem(self, lang: str) -> BackTranslationOutcome | None:
        if self.located is None or self.family is None:
            return _not_evaluated(lang, self.problem, self.model_id, self.settings.backend)
        for needed in (lang, self.into):
            if not self.family.supports(needed):
                problem = (f"the languages registry has no {self.family.name} code for "
                           f"{needed!r}, which model {self.model_id} needs")
                if self.config.on_missing == "fail":
                    raise ModelUnavailableError(self.model_id, (lang,), problem,
                                                "Choose another model for this language")
                return _not_evaluated(lang, problem, self.model_id, self.settings.backend,
                                      self.located.revision)
        return None

    def _key(self, lang: str) -> str:
        assert self.located is not None and self.family is not None
        return cache_key({
            **self.settings.describe(),
            "model": self.located.identity,
            "source": self.family.language_code(lang) or lang,
            "into": self.family.language_code(self.into) or self.into,
        })

    def _translate(self, needed: Mapping[str, list[str]]) -> dict[str, list[str]]:
        """The missing sentences of every language, in one hand-over where the backend can."""
        translator = self._translator()
        total = sum(len(texts) for texts in needed.values())
        what = f"back-translating {', '.join(needed)}"

        def on_batch(count: int) -> None:
            if self.progress is not None:
                self.progress(what, count, total)

        # Reported after loading, so the rate shown is the model's, not the load's.
        on_batch(0)
        try:
            groups = getattr(translator, "translate_groups", None)
            if groups is not None:
                outputs: list[list[str]] = groups(
                    [(texts, lang) for lang, texts in needed.items()], self.into, on_batch)
                return dict(zip(needed, outputs, strict=True))
            produced: dict[str, list[str]] = {}
            for lang, texts in needed.items():
                before = sum(len(t) for t in produced.values())

                def shifted(count: int, before: int = before) -> None:
                    on_batch(before + count)

                produced[lang] = translator.translate(texts, lang, self.into, shifted)
            return produced
        except (RuntimeError, IndexError, ValueError) as exc:  # e.g. out of memory
            raise ModelUnavailableError(
                self.model_id, tuple(needed), f"back-translation failed: {exc}",
                "Try a smaller batch_size or max_length, or another model",
            ) from None

    def _translator(self) -> Translator:
        if self.translator is None:
            assert self.located is not None and self.family is not None
            try:
                kept = _SERVING.get()
                load = kept.load if kept is not None else load_translator
                self.translator = load(self.located, self.family, self.settings, self.work_dir)
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
