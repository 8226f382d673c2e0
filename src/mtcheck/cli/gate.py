"""``mtcheck gate``: apply the quality gate to a saved results.json (no recomputation).

:func:`gate_output_options` and :func:`apply_gate` are shared with
``mtcheck evaluate --gate`` so that both commands offer the same flags and
call the same library function.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from mtcheck.cli._common import EXIT_GATE_FAILED, EXIT_OK, config_option, reports_errors
from mtcheck.config import Config, load_config
from mtcheck.types import GateResult, RunResult

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class GateOutputs:
    """Where the gate's CI outputs go, as given on the command line."""

    baseline: str | None = None
    junit: str | None = None
    github_annotations: bool = False
    markdown: str | None = None

    @property
    def requested(self) -> bool:
        return bool(self.baseline or self.junit or self.github_annotations or self.markdown)


def gate_output_options(func: F) -> F:
    """Add ``--baseline``, ``--junit``, ``--github-annotations`` and ``--markdown``.

    The decorated command receives them as one ``gate_outputs: GateOutputs`` argument.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs["gate_outputs"] = GateOutputs(
            baseline=kwargs.pop("gate_baseline"),
            junit=kwargs.pop("gate_junit"),
            github_annotations=kwargs.pop("gate_github_annotations"),
            markdown=kwargs.pop("gate_markdown"),
        )
        return func(*args, **kwargs)

    options = [
        click.option("--baseline", "gate_baseline", type=click.Path(dir_okay=False),
                     default=None, metavar="PREV.json",
                     help="Compare with a previous results.json; fail on significant "
                          "regressions beyond [gate.baseline] max_drop.* (one-sided paired test)."),
        click.option("--junit", "gate_junit", type=click.Path(dir_okay=False), default=None,
                     metavar="FILE", help="Write the gate as JUnit XML (one testcase per "
                                          "language and check)."),
        click.option("--github-annotations", "gate_github_annotations", is_flag=True,
                     help="Print GitHub Actions ::error/::warning commands pointing at the "
                          "offending file lines."),
        click.option("--markdown", "gate_markdown", type=click.Path(dir_okay=False),
                     default=None, metavar="FILE",
                     help='Write a Markdown summary (e.g. "$GITHUB_STEP_SUMMARY").'),
    ]
    decorated: Any = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return decorated  # type: ignore[no-any-return]


def apply_gate(run: RunResult, config: Config, outputs: GateOutputs,
               *, quiet: bool = False, to_stderr: bool = False,
               scope: Sequence[str] = ()) -> tuple[RunResult, int]:
    """Gate a run, write the requested outputs; return the run carrying its gate and the exit code.

    ``scope`` is the ``--lang`` selection: when given, the baseline is cut
    to the languages of this run, so languages left out on purpose are not
    reported as missing. Errors (bad config, unreadable baseline, unwritable
    output) are typed library errors that ``reports_errors`` turns into exit code 2.
    """
    from mtcheck.gate import run_gate

    baseline = None
    if outputs.baseline:
        from mtcheck.results import load_results

        baseline = load_results(outputs.baseline)
        if scope:
            baseline = in_scope(baseline, {t.lang for t in run.translations})
    result = run_gate(run, config, baseline, baseline_label=outputs.baseline)
    write_gate_outputs(result, run, outputs, quiet=quiet, to_stderr=to_stderr)
    gated = dataclasses.replace(run, gate=result)
    return gated, EXIT_OK if result.passed else EXIT_GATE_FAILED


def in_scope(run: RunResult, languages: Collection[str]) -> RunResult:
    """The run with only the translations whose language is in ``languages``."""
    return dataclasses.replace(
        run, translations=tuple(t for t in run.translations if t.lang in languages))


def write_gate_outputs(result: GateResult, run: RunResult, outputs: GateOutputs,
                       *, quiet: bool = False, to_stderr: bool = False) -> None:
    """Print the summary and annotations, write JUnit and Markdown files."""
    from mtcheck.gate import outputs as render
    from mtcheck.io import atomic_write_text

    if outputs.junit:
        atomic_write_text(outputs.junit, render.junit_xml(result, run))
    if outputs.markdown:
        atomic_write_text(outputs.markdown, render.markdown_summary(result, run))
    if outputs.github_annotations:
        workspace = os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
        click.echo(render.github_annotations(result, run, relative_to=workspace), nl=False)
    if not quiet:
        click.echo(render.console_summary(result, run), nl=False, err=to_stderr)


@click.command()
@click.argument("results_json", type=click.Path(dir_okay=False))
@config_option
@gate_output_options
@click.option("--lang", "languages", multiple=True, metavar="CODE",
              help="Gate only these languages (repeatable); the baseline is compared on "
                   "them only.")
@click.option("--quiet", "-q", is_flag=True, help="No console summary (outputs still written).")
@reports_errors
def gate(results_json: str, config_path: str | None, gate_outputs: GateOutputs,
         languages: tuple[str, ...], quiet: bool) -> None:
    """Apply the quality gate to a saved results.json.

    Thresholds come from the [gate] table of --config (see docs/gate.md).
    Exit code 0 when the gate passes, 1 when it fails, 2 for bad input or usage.

    \b
    Examples:
      mtcheck gate out/results.json --config configs/lenient.toml
      mtcheck gate out/results.json --config configs/strict.toml --junit gate.xml
      mtcheck gate out/results.json --config ci.toml --baseline main/results.json \\
          --github-annotations --markdown "$GITHUB_STEP_SUMMARY"
    """
    from mtcheck.results import load_results

    config = load_config(config_path)
    run = load_results(results_json)
    if languages:
        from mtcheck.languages import get_language

        wanted = {get_language(code).code for code in languages}
        missing = sorted(wanted - {t.lang for t in run.translations})
        if missing:
            raise click.BadParameter(f"not in {results_json}: {', '.join(missing)}",
                                     param_hint="--lang")
        run = in_scope(run, wanted)
    _, code = apply_gate(run, config, gate_outputs, quiet=quiet, scope=languages)
    raise SystemExit(code)
