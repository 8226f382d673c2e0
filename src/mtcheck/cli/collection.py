"""``mtcheck evaluate COLLECTION``: many documents in one run (see docs/collections.md).

:func:`collection_options` adds ``--jobs``, ``--executor``, ``--ray-address`` and
``--force`` to ``mtcheck evaluate``; :func:`evaluate_collection` is what
``evaluate`` calls when its argument is a collection rather than one corpus.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click

from mtcheck.cli._common import EXIT_GATE_FAILED
from mtcheck.cli.gate import GateOutputs
from mtcheck.collection.discover import DocumentSpec
from mtcheck.config import Config
from mtcheck.types import Progress

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class CollectionOptions:
    jobs: int | None = None
    executor: str | None = None
    ray_address: str | None = None
    force: bool = False

    @property
    def given(self) -> bool:
        return self.jobs is not None or self.executor is not None or bool(self.ray_address) \
            or self.force


def collection_options(func: F) -> F:
    """Add the collection options; the command receives them as ``collection: CollectionOptions``."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["collection"] = CollectionOptions(
            jobs=kwargs.pop("collection_jobs"),
            executor=kwargs.pop("collection_executor"),
            ray_address=kwargs.pop("collection_ray_address"),
            force=kwargs.pop("collection_force"),
        )
        return func(*args, **kwargs)

    options = [
        click.option("--jobs", "-j", "collection_jobs", type=click.IntRange(min=1), default=None,
                     help="Collections: documents run in parallel (default: the CPUs this "
                          "process may use; 1 runs them one after another in this process)."),
        click.option("--executor", "collection_executor", type=click.Choice(["local", "ray"]),
                     default=None, help="Collections: run documents in local processes "
                                        "(default) or on Ray (needs the [ray] extra)."),
        click.option("--ray-address", "collection_ray_address", default=None, metavar="ADDR",
                     help="With --executor ray: the cluster to join (default: a local Ray "
                          "with --jobs CPUs)."),
        click.option("--force", "collection_force", is_flag=True,
                     help="Collections: run every document again, even those whose inputs, "
                          "config and mtcheck version are unchanged."),
    ]
    decorated: Any = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return decorated  # type: ignore[no-any-return]


def evaluate_collection(path: str, configured: Callable[[str | None], Config], config_path: str | None,
                        *, out_dir: str | None, languages: tuple[str, ...], reports: bool,
                        gate: bool, gate_outputs: GateOutputs, quiet: bool,
                        options: CollectionOptions) -> None:
    """Run a collection; exit 1 when the gate fails for any document."""
    from mtcheck.collection.discover import discover
    from mtcheck.collection.executors import default_jobs
    from mtcheck.collection.junit import junit_xml
    from mtcheck.collection.run import RunOptions, run_collection
    from mtcheck.io import atomic_write_text

    if not out_dir:
        raise click.UsageError("a collection needs --out DIR (documents, index page and "
                               "results.json go there)")
    if gate_outputs.baseline or gate_outputs.markdown or gate_outputs.github_annotations:
        raise click.UsageError("for a collection, --gate writes --junit only (one suite per "
                               "document); --baseline, --markdown and --github-annotations "
                               "work on one document's results.json with `mtcheck gate`")
    if options.ray_address and options.executor != "ray":
        raise click.UsageError("--ray-address goes with --executor ray")
    spec = discover(path)
    config = configured(config_path or spec.config)
    run_options = RunOptions(
        languages=languages, gate=gate, reports=reports, force=options.force,
        jobs=options.jobs or default_jobs(), executor=options.executor or "local",
        ray_address=options.ray_address,
    )
    events = None if quiet else ProgressEvents()
    try:
        result = run_collection(spec, config, run_options, Path(out_dir), events)
    finally:
        if events:
            events.close()
    record = result.record
    if gate and gate_outputs.junit:
        atomic_write_text(gate_outputs.junit, junit_xml(record))
    if not quiet:
        click.echo(f"{record.id}: {len(record.documents)} documents ({result.ran} run, "
                   f"{result.reused} unchanged and reused); {len(record.names)} names in the "
                   f"site's memory, {len(record.drift)} drift finding(s); wrote {out_dir}",
                   err=True)
        if record.gate_passed is not None:
            failed = [d.id for d in record.documents if record.document_passed(d) is False]
            click.echo(f"gate: {'passed' if record.gate_passed else 'FAILED'}"
                       + (f" ({len(failed)} document(s): {', '.join(failed[:10])}"
                          + (", ..." if len(failed) > 10 else "") + ")" if failed else ""))
    if record.gate_passed is False:
        raise SystemExit(EXIT_GATE_FAILED)


class ProgressEvents:
    """Progress on stderr: Rich bars on a terminal, one plain line per document otherwise."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._bar: Any = None
        self._overall: Any = None
        self._done = 0
        self._total = 0

    def planned(self, total: int, reused: int, executor: str, jobs: int) -> None:
        self._total = total
        workers = "this process" if executor == "local" and jobs <= 1 else f"{jobs} workers"
        line = (f"{total} documents: {reused} unchanged, {total - reused} to run "
                f"({executor} executor, {workers})")
        if not self._tty:
            click.echo(line, err=True)
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), console=Console(stderr=True), transient=False)
        self._bar.start()
        self._bar.console.print(line, highlight=False)
        self._overall = self._bar.add_task("documents", total=total)

    def document_done(self, document: DocumentSpec, seconds: float | None) -> None:
        self._done += 1
        if self._bar is not None:
            self._bar.advance(self._overall)
        elif not self._tty:
            how = "unchanged, reused" if seconds is None else f"{seconds:.1f} s"
            click.echo(f"[{self._done}/{self._total}] {document.id}: {how}", err=True)

    def batch_done(self, done: int, total: int, label: str, seconds: float) -> None:
        line = f"[batch {done}/{total}] {label}: {seconds:.1f} s"
        if self._bar is not None:
            self._bar.console.print(line, highlight=False)
        elif not self._tty:
            click.echo(line, err=True)

    def stage_progress(self, document: DocumentSpec) -> Progress | None:
        if self._bar is None:
            return None
        bar = self._bar
        task = bar.add_task(document.id, total=1)

        def report(label: str, done: int, total: int) -> None:
            bar.update(task, description=f"  {document.id}: {label}", completed=done,
                       total=max(total, 1))
            if label == "checking translations" and done >= total:
                bar.remove_task(task)

        return report

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
