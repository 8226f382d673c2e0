"""Executors: where the documents of a collection run. They own scheduling only.

Each executor takes the list of :class:`~mtcheck.collection.worker.DocumentTask`
and reports every outcome, with the task's position, to a callback as it
finishes; what runs is always :class:`~mtcheck.collection.worker.Worker`, and the
driver writes every output, so results are the same byte for byte whichever
executor ran them.

- ``local`` with one job: in this process, one document after another.
- ``local`` with N jobs: N worker processes (``spawn``), each keeping its models loaded.
- ``ray``: Ray actors, one per CPU of the cluster (or ``jobs``), each a long-lived worker
  process that keeps its models loaded and serves document after document.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mtcheck.collection.worker import DocumentOutcome, DocumentTask, Worker
from mtcheck.errors import ConfigError, MtcheckError
from mtcheck.types import Progress

OnDone = Callable[[int, DocumentOutcome], None]
RAY_MISSING = ("--executor ray needs Ray, which is not installed: "
               "pip install \"mtcheck[ray]\" (or use the local executor with --jobs N)")


class CollectionError(MtcheckError):
    """A document of a collection failed; the message names the document and the problem."""


@dataclass(frozen=True)
class DocumentFailure:
    """A typed library error raised while running one document, carried back to the driver."""

    document_id: str
    message: str
    exit_code: int


class Executor(Protocol):
    name: str
    # Worker processes use private copies of the back-translation cache (see .btcache).
    private_cache: bool

    def run(self, tasks: Sequence[DocumentTask], on_done: OnDone,
            stage_progress: Callable[[int], Progress | None] | None = None) -> None: ...


def run_guarded(worker: Worker, task: DocumentTask,
                progress: Progress | None = None) -> DocumentOutcome | DocumentFailure:
    """Run one task; a typed error becomes a value (exceptions do not always pickle)."""
    try:
        return worker.run(task, progress)
    except MtcheckError as exc:
        return DocumentFailure(task.document.id, str(exc), exc.exit_code)


def _deliver(index: int, result: DocumentOutcome | DocumentFailure, on_done: OnDone) -> None:
    if isinstance(result, DocumentFailure):
        error = CollectionError(f"document {result.document_id}: {result.message}")
        error.exit_code = result.exit_code
        raise error
    on_done(index, result)


def default_jobs() -> int:
    """The CPUs this process may use: the default of ``--jobs``."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class InlineExecutor:
    """Every document in this process, in order; the driver's own cache is used directly."""

    name: str = "local"
    private_cache: bool = False

    def run(self, tasks: Sequence[DocumentTask], on_done: OnDone,
            stage_progress: Callable[[int], Progress | None] | None = None) -> None:
        worker = Worker()
        try:
            for index, task in enumerate(tasks):
                progress = stage_progress(index) if stage_progress else None
                _deliver(index, run_guarded(worker, task, progress), on_done)
        finally:
            worker.close()


def _pool_run(task: DocumentTask) -> DocumentOutcome | DocumentFailure:
    from mtcheck.collection.worker import process_worker

    return run_guarded(process_worker(), task)


@dataclass
class ProcessExecutor:
    """``jobs`` worker processes; each loads its models once and keeps a private cache copy."""

    jobs: int
    name: str = "local"
    private_cache: bool = True

    def run(self, tasks: Sequence[DocumentTask], on_done: OnDone,
            stage_progress: Callable[[int], Progress | None] | None = None) -> None:
        import multiprocessing
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=self.jobs, mp_context=context) as pool:
            pending = {pool.submit(_pool_run, task): i for i, task in enumerate(tasks)}
            try:
                while pending:
                    done, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in sorted(done, key=lambda f: pending[f]):
                        _deliver(pending.pop(future), future.result(), on_done)
            except BaseException:
                for future in pending:
                    future.cancel()
                raise


class _RayWorker:
    """The body of a Ray actor: one long-lived worker serving documents."""

    def __init__(self) -> None:
        self.worker = Worker()

    def run(self, item: tuple[int, DocumentTask]) -> tuple[int, DocumentOutcome | DocumentFailure]:
        index, task = item
        return index, run_guarded(self.worker, task)

    def close(self) -> None:
        self.worker.close()


@dataclass
class RayExecutor:
    """Documents on Ray actors: a local Ray (``jobs`` CPUs) or the cluster at ``address``."""

    jobs: int
    address: str | None = None
    name: str = "ray"
    private_cache: bool = True

    def run(self, tasks: Sequence[DocumentTask], on_done: OnDone,
            stage_progress: Callable[[int], Progress | None] | None = None) -> None:
        ray = import_ray()
        from ray.util import ActorPool

        started_here = not ray.is_initialized()
        temp_dir = None
        if started_here:
            if self.address:
                ray.init(address=self.address, log_to_driver=False)
            else:
                temp_dir = tempfile.mkdtemp(prefix="mtcheck-ray-")
                ray.init(num_cpus=self.jobs, include_dashboard=False, log_to_driver=False,
                         _temp_dir=temp_dir, runtime_env=_local_runtime_env())
        actors: list[Any] = []
        try:
            size = self.jobs if not self.address else int(ray.cluster_resources().get("CPU", 1))
            actor_class = ray.remote(num_cpus=1)(_RayWorker)
            actors = [actor_class.remote() for _ in range(max(1, min(size, len(tasks))))]
            pool = ActorPool(actors)
            for index, task in enumerate(tasks):
                pool.submit(lambda actor, item: actor.run.remote(item), (index, task))
            while pool.has_next():  # type: ignore[no-untyped-call]
                index, result = pool.get_next_unordered()
                _deliver(index, result, on_done)
        finally:
            # Workers remove their private caches; a dead actor has nothing left to remove.
            with contextlib.suppress(ray.exceptions.RayError):
                ray.get([actor.close.remote() for actor in actors], timeout=60)
            for actor in actors:
                ray.kill(actor)
            if started_here:
                ray.shutdown()
            if temp_dir:
                import shutil

                shutil.rmtree(temp_dir, ignore_errors=True)


def import_ray() -> Any:
    """The ray module, or one clear error saying how to get it."""
    try:
        import ray
    except ImportError:
        raise ConfigError("--executor ray", RAY_MISSING) from None
    return ray


def _local_runtime_env() -> dict[str, Any]:
    """Workers of a local Ray import mtcheck from where this process found it."""
    package_parent = str(Path(__file__).resolve().parents[2])
    paths = [package_parent] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    env = {"PYTHONPATH": os.pathsep.join(dict.fromkeys(paths))}
    for name in ("SOURCE_DATE_EPOCH", "HF_HUB_OFFLINE", "HF_HOME", "TOKENIZERS_PARALLELISM"):
        if name in os.environ:
            env[name] = os.environ[name]
    return {"env_vars": env}


EXECUTORS = ("local", "ray")


def make_executor(name: str, jobs: int, address: str | None = None) -> Executor:
    """The executor users name on the command line; an unknown name lists the valid ones."""
    if name == "local":
        return InlineExecutor() if jobs <= 1 else ProcessExecutor(jobs)
    if name == "ray":
        import_ray()
        return RayExecutor(jobs, address)
    raise ConfigError("--executor", f"unknown executor {name!r}; valid: {', '.join(EXECUTORS)}")
