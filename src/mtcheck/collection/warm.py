"""Warming a worker before documents reach it: the fixed cost paid once, not per worker.

A fresh process pays a lot before its first document is done: imports (~0.9 s),
uroman's tables, the language-id model, wordfreq's table of every language
(0.2-0.4 s each), the named-entity recogniser (1.3-4 s), the place-name index
from geonames and CLDR (~3 s), the report templates, and the caches the stages
fill as they go. Measured on a 2-core machine: 5-10 s, then ~6 s for the first
document where the next ones take ~2 s. Paid by every worker process, that is as
much as several documents each.

So a worker warms up by checking one document of the run, with back-translation
off and the result thrown away: whatever the stages load lazily, they load now,
and no list of tables here can fall out of date. Local worker processes are forked
from one process that warmed up once (multiprocessing's forkserver, with
:mod:`._preload` as its preload), so the cost is paid once per run. (Ray actors,
each a process of its own with nothing to share, are not warmed this way: their
first document loads the same tables.) No model is loaded while
warming: a model's threads would not survive a fork, and each worker loads its
models once anyway.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import os
import pickle
from dataclasses import dataclass

from mtcheck.collection.worker import DocumentTask

# The forkserver is a new interpreter: the warm-up reaches it through its environment.
ENVIRONMENT = "MTCHECK_WARM_UP"
# Numeric libraries start one thread per core in every process; N workers on N cores
# then oversubscribe them (OpenBLAS threads spin while they wait). A worker is one core.
ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class WarmUp:
    """What a worker checks, and throws away, before its first document."""

    task: DocumentTask | None = None

    def encode(self) -> str:
        return base64.b64encode(pickle.dumps(self.task)).decode("ascii")

    @classmethod
    def decode(cls, text: str) -> WarmUp:
        task = pickle.loads(base64.b64decode(text))
        return cls(task if isinstance(task, DocumentTask) else None)


NO_WARM_UP = WarmUp()


def plan_for(task: DocumentTask) -> WarmUp:
    """Warm up on ``task``'s document, without back-translation, gate or private cache."""
    config = task.config
    config = dataclasses.replace(config, backtranslation=dataclasses.replace(
        config.backtranslation, enabled=False))
    return WarmUp(dataclasses.replace(task, config=config, private_cache=False))


def warm(plan: WarmUp) -> None:
    """Check the warm-up document in this process and forget the result."""
    from mtcheck.collection.worker import run_document
    from mtcheck.errors import MtcheckError

    if plan.task is None:
        return
    with contextlib.suppress(MtcheckError, OSError):  # the document's own run reports it
        run_document(plan.task, plan.task.config)


def one_thread_per_worker() -> None:
    """Numeric libraries in this process use one thread, unless the user set otherwise.

    Takes effect for libraries imported afterwards (OpenBLAS reads it when numpy loads).
    """
    for name in ONE_THREAD:
        os.environ.setdefault(name, "1")
