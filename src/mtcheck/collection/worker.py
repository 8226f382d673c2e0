"""The unit of work of a collection run: one document, start to finish, in any process.

:func:`run_document` loads the corpus, calls the per-document pipeline
(:func:`mtcheck.pipeline.evaluate`), applies the gate, and renders results.json
and the report pages as text. It writes nothing: the driver writes every file,
so results do not depend on where (which process, which machine) the work ran.
Tasks and outcomes are plain frozen dataclasses, picklable for process pools and Ray.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mtcheck.backtranslate.stage import LoadedModels
from mtcheck.collection.btcache import PrivateCache, Row
from mtcheck.collection.discover import DocumentSpec
from mtcheck.collection.prefetch import BatchTask
from mtcheck.collection.summary import DocumentSummary, summarize
from mtcheck.config import Config
from mtcheck.types import Progress


@dataclass(frozen=True)
class DocumentTask:
    document: DocumentSpec
    config: Config
    languages: tuple[str, ...] = ()
    gate: bool = False
    reports: bool = True
    # Work on a private copy of the back-translation cache and hand new rows back
    # (set for worker processes; the driver's own process uses the cache directly).
    private_cache: bool = False


@dataclass(frozen=True)
class DocumentOutcome:
    document_id: str
    results_json: str
    pages: Mapping[str, str]
    summary: DocumentSummary
    cache_rows: tuple[Row, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True)
class BatchOutcome:
    label: str
    cache_rows: tuple[Row, ...] = ()
    seconds: float = 0.0


class Worker:
    """Per-process state: back-translation models loaded once, and the private cache.

    Every document runs inside ``self.models.serving()``, so the back-translation
    stage takes each model from :attr:`models` instead of loading it per document.
    """

    def __init__(self) -> None:
        self._caches: dict[str, PrivateCache] = {}
        self.models = LoadedModels()

    def run(self, task: DocumentTask, progress: Progress | None = None) -> DocumentOutcome:
        started = time.perf_counter()
        config = task.config
        cache: PrivateCache | None = None
        if task.private_cache and config.backtranslation.enabled:
            cache = self._private_cache(config)
            config = dataclasses.replace(config, backtranslation=dataclasses.replace(
                config.backtranslation, cache_dir=str(cache.folder)))
        with self.models.serving():
            outcome = run_document(task, config, progress)
        rows = cache.new_rows() if cache is not None else ()
        return dataclasses.replace(outcome, cache_rows=rows,
                                   seconds=round(time.perf_counter() - started, 3))

    def prefetch(self, task: BatchTask) -> BatchOutcome:
        """Back-translate a batch of many documents' sentences into the cache; hand back rows."""
        from mtcheck.pipeline import backtranslate_all

        started = time.perf_counter()
        config = task.config
        cache: PrivateCache | None = None
        if task.private_cache:
            cache = self._private_cache(config)
            config = dataclasses.replace(config, backtranslation=dataclasses.replace(
                config.backtranslation, cache_dir=str(cache.folder)))
        with self.models.serving():
            backtranslate_all(task.targets(), config, None, into=task.into)
        rows = cache.new_rows() if cache is not None else ()
        return BatchOutcome(task.label, rows, round(time.perf_counter() - started, 3))

    def _private_cache(self, config: Config) -> PrivateCache:
        seed = _cache_folder(config)
        key = str(seed)
        if key not in self._caches:
            self._caches[key] = PrivateCache(seed if seed.is_dir() else None)
        return self._caches[key]

    def close(self) -> None:
        for cache in self._caches.values():
            cache.remove()
        self._caches.clear()
        self.models.close()


def run_document(task: DocumentTask, config: Config,
                 progress: Progress | None = None) -> DocumentOutcome:
    """Evaluate one document and render its outputs (no files written)."""
    from mtcheck.corpus import load_corpus
    from mtcheck.pipeline import evaluate
    from mtcheck.report.links import page_names
    from mtcheck.results import dump_results

    corpus = load_corpus(task.document.manifest, task.languages)
    run = evaluate(corpus, config, progress)
    if task.gate:
        from mtcheck.gate import run_gate

        run = dataclasses.replace(run, gate=run_gate(run, config))
    pages: dict[str, str] = {}
    if task.reports:
        from mtcheck.report import render_pages

        pages = render_pages(run)
    return DocumentOutcome(
        document_id=task.document.id,
        results_json=dump_results(run),
        pages=pages,
        summary=summarize(run, page_names(run) if task.reports else {}),
    )


def _cache_folder(config: Config) -> Path:
    from mtcheck.backtranslate.cache import default_cache_dir

    folder = config.backtranslation.cache_dir
    return Path(folder).expanduser() if folder else default_cache_dir()


# One worker per process: process pools and Ray actors call into it.
_PROCESS_WORKER: list[Worker] = []


def process_worker() -> Worker:
    """This process's worker, created on first use; closed when the pool process exits."""
    if not _PROCESS_WORKER:
        from multiprocessing import util

        worker = Worker()
        # Pool processes leave through os._exit, which skips atexit; Finalize still runs.
        util.Finalize(worker, worker.close, exitpriority=10)
        _PROCESS_WORKER.append(worker)
    return _PROCESS_WORKER[0]


def run_in_worker(task: DocumentTask) -> DocumentOutcome:
    """Entry point for pool processes: run ``task`` in this process's worker."""
    return process_worker().run(task)
