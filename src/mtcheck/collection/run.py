"""A collection run: plan (reuse or run each document), execute, learn, write.

The driver (this module) owns every output and the back-translation cache; the
executor only decides where each document's :class:`~.worker.DocumentTask` runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mtcheck import __version__
from mtcheck.collection import output
from mtcheck.collection.btcache import merge_rows
from mtcheck.collection.discover import CollectionSpec, DocumentSpec
from mtcheck.collection.executors import make_executor
from mtcheck.collection.incremental import document_digest, settings_digest
from mtcheck.collection.memory import DriftFinding, drift, learn
from mtcheck.collection.prefetch import gather
from mtcheck.collection.records import CollectionRecord, DocumentRecord
from mtcheck.collection.summary import DocumentSummary
from mtcheck.collection.warm import NO_WARM_UP, plan_for
from mtcheck.collection.worker import BatchOutcome, DocumentOutcome, DocumentTask, _cache_folder
from mtcheck.config import Config
from mtcheck.pipeline import apply_checks_config, created_timestamp
from mtcheck.types import Progress


@dataclass(frozen=True)
class RunOptions:
    languages: tuple[str, ...] = ()
    gate: bool = False
    reports: bool = True
    force: bool = False
    jobs: int = 1
    executor: str = "local"
    ray_address: str | None = None


class Events(Protocol):
    """What a front-end hears about a run (the CLI draws progress from it)."""

    def planned(self, total: int, reused: int, executor: str, jobs: int) -> None: ...

    def document_done(self, document: DocumentSpec, seconds: float | None) -> None: ...

    def batch_done(self, done: int, total: int, label: str, seconds: float) -> None: ...

    def stage_progress(self, document: DocumentSpec) -> Progress | None: ...


@dataclass(frozen=True)
class CollectionRun:
    record: CollectionRecord
    reused: int
    ran: int


def with_shared_settings(config: Config, spec: CollectionSpec) -> Config:
    """The collection manifest's shared glossary replaces the config's."""
    if spec.glossary is None:
        return config
    return dataclasses.replace(config, names=dataclasses.replace(
        config.names, glossary=str(Path(spec.glossary).resolve())))


def run_collection(spec: CollectionSpec, config: Config, options: RunOptions,
                   out_dir: Path | None, events: Events | None = None) -> CollectionRun:
    """Evaluate every document that changed, reuse the rest, and write the collection outputs."""
    config = with_shared_settings(config, spec)
    shared = settings_digest(config, options.languages, gate=options.gate, reports=options.reports)
    previous = output.load_previous(out_dir) if out_dir and not options.force else {}
    records: list[DocumentRecord | None] = [None] * len(spec.documents)
    stale: list[tuple[int, str]] = []
    for index, document in enumerate(spec.documents):
        digest = document_digest(document, shared)
        old = previous.get(document.id)
        if old is not None and old.digest == digest and out_dir is not None \
                and output.document_complete(out_dir, document):
            records[index] = _record(document, digest, old.summary)
        else:
            stale.append((index, digest))
    # No more local processes than documents to run: a pool costs a start-up per process.
    jobs = options.jobs if options.executor != "local" else max(1, min(options.jobs, len(stale)))
    warm_up = NO_WARM_UP
    if stale and options.executor == "local" and jobs > 1:
        # Forked workers share a warm-up on the first document to run (see .warm).
        warm_up = plan_for(DocumentTask(spec.documents[stale[0][0]], config, options.languages,
                                        options.gate, options.reports))
    executor = make_executor(options.executor, jobs, options.ray_address, warm_up)
    if events:
        events.planned(len(spec.documents), len(spec.documents) - len(stale), executor.name, jobs)
        for index, document in enumerate(spec.documents):
            if records[index] is not None:
                events.document_done(document, None)
    tasks = [DocumentTask(spec.documents[i], config, options.languages, options.gate,
                          options.reports, private_cache=executor.private_cache) for i, _ in stale]
    cache_folder = _cache_folder(config)

    def on_done(position: int, outcome: DocumentOutcome) -> None:
        index, digest = stale[position]
        document = spec.documents[index]
        if out_dir is not None:
            output.write_document(out_dir, document, outcome)
        if outcome.cache_rows:
            merge_rows(cache_folder, outcome.cache_rows)
        records[index] = _record(document, digest, outcome.summary)
        if events:
            events.document_done(document, outcome.seconds)

    stage: Callable[[int], Progress | None] | None = None
    if events:
        stage = lambda position: events.stage_progress(spec.documents[stale[position][0]])  # noqa: E731

    # Back-translations first, in batches gathered from every document to run.
    batches = gather([spec.documents[i].manifest for i, _ in stale], options.languages,
                     config, executor.private_cache) if tasks else []
    batches_done: list[str] = []

    def batch_done(_position: int, outcome: BatchOutcome) -> None:
        if outcome.cache_rows:
            merge_rows(cache_folder, outcome.cache_rows)
        batches_done.append(outcome.label)
        if events:
            events.batch_done(len(batches_done), len(batches), outcome.label, outcome.seconds)

    try:
        if batches:
            executor.run(batches, batch_done)
        if tasks:
            executor.run(tasks, on_done, stage)
    finally:
        executor.close()
    done = tuple(r for r in records if r is not None)
    record = build_record(spec, config, done, root=Path(spec.root))
    if out_dir is not None:
        output.write_collection(out_dir, record, reports=options.reports)
    return CollectionRun(record=record, reused=len(spec.documents) - len(stale), ran=len(stale))


def build_record(spec: CollectionSpec, config: Config, documents: tuple[DocumentRecord, ...],
                 root: Path) -> CollectionRecord:
    """The collection's results: documents, name memory and drift findings, gate overall."""
    pairs = [(_spec(d), d.summary) for d in documents]
    memory = learn(pairs)
    found = drift(memory, pairs, spec.memory)
    kept: list[DriftFinding] = []
    for item in found:
        for finding in apply_checks_config((item.finding,), item.lang, config):
            kept.append(DriftFinding(item.document, item.lang, finding))
    record = CollectionRecord(
        id=spec.id,
        mtcheck_version=__version__,
        config=f"{config.source}" + (f" (sha256:{config.digest})" if config.digest else ""),
        created=created_timestamp(),
        documents=documents,
        names=memory,
        drift=tuple(kept),
        memory=spec.memory,
    )
    gated = [record.document_passed(d) for d in documents if d.summary.gate_passed is not None]
    return dataclasses.replace(record, gate_passed=all(gated) if gated else None)


def _record(document: DocumentSpec, digest: str, summary: DocumentSummary) -> DocumentRecord:
    return DocumentRecord(id=document.id, folder=document.folder, date=document.date,
                          digest=digest, summary=summary)


def _spec(record: DocumentRecord) -> DocumentSpec:
    return DocumentSpec(id=record.id, manifest="", folder=record.folder, date=record.date)
