"""Executors: where the documents of a collection run. They own scheduling only.

Each executor takes the list of :class:`~mtcheck.collection.worker.DocumentTask`
and reports every outcome, with the task's position, to a callback as it
finishes; what runs is always :class:`~mtcheck.collection.worker.Worker`, and the
driver writes every output, so results are the same byte for byte whichever
executor ran them.

- ``local`` with one job: in this process, one document after another.
- ``local`` with N jobs: N worker processes, forked from one process that imported the
  pipeline and loaded its tables once (see :mod:`.warm`), each keeping its models loaded.
- ``ray``: Ray actors, one per CPU of the cluster (or ``jobs``), each a long-lived worker
  process that loads its tables and models on its first task, keeps them and serves
  document after document, with the next one already queued.

Every worker uses one thread for numeric libraries: N workers on N cores would
otherwise start N threads each.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mtcheck.collection.prefetch import BatchTask, recognise_ahead
from mtcheck.collection.warm import (
    ENVIRONMENT,
    NO_WARM_UP,
    WarmUp,
    one_thread_per_worker,
    warm,
)
from mtcheck.collection.worker import BatchOutcome, DocumentOutcome, DocumentTask, Worker
from mtcheck.errors import ConfigError, MtcheckError
from mtcheck.types import Progress

# What executors run: documents, and batches of back-translation (see .prefetch).
Task = DocumentTask | BatchTask
Outcome = DocumentOutcome | BatchOutcome
OnDone = Callable[[int, Any], None]
RAY_MISSING = ("--executor ray needs Ray, which is not installed: "
               "pip install \"mtcheck[ray]\" (or use the local executor with --jobs N)")


class CollectionError(MtcheckError):
    """A document of a collection failed; the message names the document and the problem."""


@dataclass(frozen=True)
class TaskFailure:
    """A typed library error raised while running one task, carried back to the driver."""

    where: str  # "document <id>", or the batch's label
    message: str
    exit_code: int


class Executor(Protocol):
    name: str
    # Worker processes use private copies of the back-translation cache (see .btcache).
    private_cache: bool

    def run(self, tasks: Sequence[Task], on_done: OnDone,
            stage_progress: Callable[[int], Progress | None] | None = None) -> None: ...

    def close(self) -> None: ...


def run_guarded(worker: Worker, task: Task,
                progress: Progress | None = None) -> Outcome | TaskFailure:
    """Run one task; a typed error becomes a value (exceptions do not always pickle)."""
    try:
        if isinstance(task, BatchTask):
            return worker.prefetch(task)
        return worker.run(task, progress)
    except MtcheckError as exc:
        where = task.label if isinstance(task, BatchTask) else f"document {task.document.id}"
        return TaskFailure(where, str(exc), exc.exit_code)


def _deliver(index: int, result: Outcome | TaskFailure, on_done: OnDone) -> None:
    if isinstance(result, TaskFailure):
        error = CollectionError(f"{result.where}: {result.message}")
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
    """Every task in this process, in order; the driver's own cache is used directly."""

    name: str = "local"
    private_cache: bool = False
    _worker: Worker | None = None

    def run(self, tasks: Sequence[Task], on_done: OnDone,
            stage_progress: Callable[[int], Progress | None] | None = None) -> None:
        if self._worker is None:
            self._worker = Worker()
        documents = [(t.document.manifest, t.languages, t.config) for t in tasks
                     if isinstance(t, DocumentTask)]
        with recognise_ahead(documents):  # a few documents: names recognised on another core
            for index, task in enumerate(tasks):
                progress = stage_progress(index) if stage_progress else None
                _deliver(index, run_guarded(self._worker, task, progress), on_done)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None


def _pool_run(task: Task) -> Outcome | TaskFailure:
    from mtcheck.collection.worker import process_worker

    return run_guarded(process_worker(), task)


def _adopt(environment: dict[str, str], plan: WarmUp | None) -> None:
    """Start of every pool process: the driver's environment now, then warm if not yet.

    A forkserver outlives the run that started it (tests run many collections in one
    process), so a worker takes the environment of the driver that runs it: the model
    and cache folders it names are read when used.
    """
    os.environ.clear()
    os.environ.update(environment)
    one_thread_per_worker()
    if plan is not None:  # spawned, not forked from a warm process
        with contextlib.suppress(Exception):  # an optimisation: the document reports it
            warm(plan)


def worker_context(plan: WarmUp) -> tuple[Any, WarmUp | None]:
    """The multiprocessing context of worker processes, and the warm-up they still need.

    With a forkserver (Linux, macOS) workers are forked from one process that
    warmed up once; its preload module reads the plan from the environment, which
    it receives when it starts. Elsewhere each spawned worker warms up itself.
    """
    import multiprocessing
    from multiprocessing import forkserver

    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return multiprocessing.get_context("spawn"), plan
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["mtcheck.collection._preload"])
    # The forkserver is a new interpreter, given only its environment (Python 3.11 does not
    # pass sys.path on): it imports mtcheck from where this process found it.
    settings = {ENVIRONMENT: plan.encode(), "PYTHONPATH": _python_path()}
    with _environment(settings):
        forkserver.ensure_running()
    return context, None


@dataclass
class ProcessExecutor:
    """``jobs`` worker processes; each loads its models once and keeps a private cache copy."""

    jobs: int
    warm_up: WarmUp = NO_WARM_UP
    name: str = "local"
    private_cache: bool = True

    def run(self, tasks: Sequence[Task], on_done: OnDone,
            stage_progress: Callable[[int], Progress | None] | None = None) -> None:
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

        context, plan = worker_context(self.warm_up)
        with ProcessPoolExecutor(max_workers=self.jobs, mp_context=context, initializer=_adopt,
                                 initargs=(dict(os.environ), plan)) as pool:
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

    def close(self) -> None:
        """Nothing to do: each run's pool ends with it (the forkserver stays warm)."""


class _RayWorker:
    """The body of a Ray actor: one long-lived worker serving documents.

    It does not warm up on a throwaway document as forked workers' parent does: an
    actor is a process of its own, with nothing to share, so its first document loads
    the same tables and a warm-up would only add that document's work once more.
    """

    def __init__(self) -> None:
        one_thread_per_worker()
        self.worker = Worker()

    def run(self, task: Task) -> Outcome | TaskFailure:
        return run_guarded(self.worker, task)

    def close(self) -> None:
        self.worker.close()


# Tasks waiting in an actor's queue behind the one it runs, while more tasks are left than
# actors: the actor starts its next task the moment it finishes one, without waiting for
# the driver to notice (and to write the finished document's files) first.
_QUEUED_PER_ACTOR = 1


@dataclass
class RayExecutor:
    """Tasks on Ray actors: a local Ray (``jobs`` CPUs) or the cluster at ``address``.

    Ray is started on the first :meth:`run` and stopped by :meth:`close`. Each run
    makes its own actors, which load what their tasks need on their first task (the
    tables of the stages, or the models of back-translation batches) and keep it.
    """

    jobs: int
    address: str | None = None
    name: str = "ray"
    private_cache: bool = True
    _started_here: bool = False
    _temp_dir: str | None = None

    def _ray(self) -> Any:
        ray = import_ray()
        if not ray.is_initialized():
            self._started_here = True
            if self.address:
                ray.init(address=self.address, log_to_driver=False)
            else:
                self._temp_dir = tempfile.mkdtemp(prefix="mtcheck-ray-")
                # Local workers inherit the environment Ray starts with: given PYTHONPATH
                # there rather than as a runtime_env, they start from Ray's pool of ready
                # workers instead of a pool of their own (seconds less per run).
                with _environment({"PYTHONPATH": _python_path()}):
                    ray.init(num_cpus=self.jobs, include_dashboard=False, log_to_driver=False,
                             _temp_dir=self._temp_dir)
        return ray

    def run(self, tasks: Sequence[Task], on_done: OnDone,
            stage_progress: Callable[[int], Progress | None] | None = None) -> None:
        ray = self._ray()
        actors: list[Any] = []
        try:
            size = self.jobs if not self.address else int(ray.cluster_resources().get("CPU", 1))
            actor_class = ray.remote(num_cpus=1)(_RayWorker)
            actors = [actor_class.remote() for _ in range(max(1, min(size, len(tasks))))]
            for index, result in _dispatch(ray, actors, tasks):
                _deliver(index, result, on_done)
        finally:
            # Workers remove their private caches; a dead actor has nothing left to remove.
            with contextlib.suppress(ray.exceptions.RayError):
                ray.get([actor.close.remote() for actor in actors], timeout=60)
            for actor in actors:
                ray.kill(actor)

    def close(self) -> None:
        if self._started_here:
            import_ray().shutdown()
            self._started_here = False
        if self._temp_dir:
            import shutil

            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None


def _dispatch(ray: Any, actors: Sequence[Any],
              tasks: Sequence[Task]) -> Iterator[tuple[int, Outcome | TaskFailure]]:
    """Hand ``tasks`` to ``actors``, yielding (position, result) as each finishes.

    Each actor runs one task and has up to ``_QUEUED_PER_ACTOR`` more waiting while more
    tasks are left than actors; towards the end an actor gets a task only when it is free,
    so the last tasks go to whichever actor finishes first.
    """
    waiting = list(enumerate(tasks))
    waiting.reverse()  # popped from the end: first task first
    running: dict[Any, tuple[int, Any]] = {}  # object ref -> (position, actor)
    load = {id(actor): 0 for actor in actors}

    def submit(actor: Any) -> None:
        index, task = waiting.pop()
        running[actor.run.remote(task)] = (index, actor)
        load[id(actor)] += 1

    def feed(actor: Any) -> None:
        while waiting and (load[id(actor)] == 0 or (
                load[id(actor)] <= _QUEUED_PER_ACTOR and len(waiting) > len(actors))):
            submit(actor)

    for actor in actors:  # one task each first, then the queues
        if waiting:
            submit(actor)
    for actor in actors:
        feed(actor)
    while running:
        [ref], _ = ray.wait(list(running), num_returns=1)
        index, actor = running.pop(ref)
        load[id(actor)] -= 1
        feed(actor)
        yield index, ray.get(ref)


def import_ray() -> Any:
    """The ray module, or one clear error saying how to get it."""
    try:
        import ray
    except ImportError:
        raise ConfigError("--executor ray", RAY_MISSING) from None
    return ray


def _python_path() -> str:
    """PYTHONPATH for a new interpreter that imports mtcheck from where this process found it."""
    package_parent = str(Path(__file__).resolve().parents[2])
    paths = [package_parent] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    return os.pathsep.join(dict.fromkeys(paths))


@contextlib.contextmanager
def _environment(settings: dict[str, str]) -> Iterator[None]:
    """``settings`` in os.environ for the block (for a process started in it), then as before."""
    previous = {name: os.environ.get(name) for name in settings}
    os.environ.update(settings)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


EXECUTORS = ("local", "ray")


def make_executor(name: str, jobs: int, address: str | None = None,
                  warm_up: WarmUp = NO_WARM_UP) -> Executor:
    """The executor users name on the command line; an unknown name lists the valid ones.

    ``warm_up`` says what the parent of forked worker processes loads before forking them.
    """
    if name == "local":
        return InlineExecutor() if jobs <= 1 else ProcessExecutor(jobs, warm_up)
    if name == "ray":
        import_ray()
        return RayExecutor(jobs, address)
    raise ConfigError("--executor", f"unknown executor {name!r}; valid: {', '.join(EXECUTORS)}")
