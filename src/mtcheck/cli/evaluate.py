"""``mtcheck evaluate``: run the pipeline on a corpus and write results and reports."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import click

from mtcheck.backtranslate.engines import BACKENDS
from mtcheck.cli._common import (
    EXIT_OK,
    ProgressPrinter,
    config_option,
    parse_lang_file,
    reports_errors,
)
from mtcheck.cli.gate import GateOutputs, apply_gate, gate_output_options
from mtcheck.config import Config, load_config
from mtcheck.types import RunResult


@click.command()
@click.argument("corpus", required=False, type=click.Path())
@click.option("--source", "source_path", type=click.Path(), help="Source document (ad-hoc form).")
@click.option("--source-lang", default="en", show_default=True, help="Language of --source.")
@click.option("--translation", "translations", multiple=True, metavar="LANG=FILE",
              help="A translation to check (repeatable).")
@click.option("--reference", "references", multiple=True, metavar="LANG=FILE",
              help="A human reference translation (repeatable).")
@click.option("--format", "input_format", default=None,
              help="Input format of the ad-hoc files (default: from the extension).")
@click.option("--lang", "languages", multiple=True,
              help="Only these translation languages of the corpus (repeatable).")
@config_option
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Write results.json and the HTML reports into this folder.")
@click.option("--no-report", is_flag=True, help="With --out: write results.json only.")
@click.option("--bt-model", default=None,
              help="Back-translation model (hub id or local folder) for every language.")
@click.option("--bt-revision", default=None, help="Pin the back-translation model revision.")
@click.option("--bt-backend", type=click.Choice(sorted(BACKENDS)), default=None,
              help="Generation backend for back-translation.")
@click.option("--bt-quantization", default=None,
              help="Weights precision of the backend (auto, float32, int8, float16; "
                   "auto = int8 on CPU for CTranslate2).")
@click.option("--bt-allow-download", is_flag=True, default=None,
              help="Fetch a missing model from the Hugging Face hub (off by default: "
                   "runs never touch the network unless asked).")
@click.option("--no-backtranslation", is_flag=True, help="Skip the back-translation stage.")
@click.option("--on-missing-model", type=click.Choice(["skip", "fail"]), default=None,
              help="A missing model: continue without round-trip scores, or stop (exit 2).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Folder of the back-translation cache.")
@click.option("--gate", "gate", is_flag=True,
              help="Apply the config's [gate] thresholds; exit 1 when a translation falls short.")
@gate_output_options
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary table.")
@reports_errors
def evaluate(
    corpus: str | None,
    source_path: str | None,
    source_lang: str,
    translations: tuple[str, ...],
    references: tuple[str, ...],
    input_format: str | None,
    languages: tuple[str, ...],
    config_path: str | None,
    out_dir: str | None,
    no_report: bool,
    bt_model: str | None,
    bt_revision: str | None,
    bt_backend: str | None,
    bt_quantization: str | None,
    bt_allow_download: bool | None,
    no_backtranslation: bool,
    on_missing_model: str | None,
    cache_dir: str | None,
    gate: bool,
    gate_outputs: GateOutputs,
    quiet: bool,
) -> None:
    """Check translations against their source.

    Give a corpus folder (with manifest.toml), or the ad-hoc form
    --source FILE --translation LANG=FILE [--reference LANG=FILE].
    With --gate the run is also a CI quality gate: exit 0 pass, 1 failed,
    2 usage or input error.

    \b
    Examples:
      mtcheck evaluate corpora/shoigu-visits-iran --out reports/
      mtcheck evaluate corpora/shoigu-visits-iran --config configs/strict.toml --gate --junit gate.xml
      mtcheck evaluate --source en.txt --translation de=de.txt --reference de=ref.de.txt
    """
    if corpus and source_path:
        raise click.UsageError("give either a corpus folder or --source, not both")
    if not corpus and not source_path:
        raise click.UsageError("give a corpus folder or --source FILE --translation LANG=FILE")
    if corpus and (translations or references):
        raise click.UsageError("--translation/--reference go with --source, not a corpus")
    if not gate and gate_outputs.requested:
        raise click.UsageError("--baseline/--junit/--github-annotations/--markdown need --gate")
    translation_files = parse_lang_file(translations, "--translation")
    reference_files = parse_lang_file(references, "--reference")
    from mtcheck.corpus import adhoc_corpus, load_corpus
    from mtcheck.pipeline import evaluate as run_pipeline

    config = _with_overrides(
        load_config(config_path),
        model=bt_model, revision=bt_revision, backend=bt_backend, quantization=bt_quantization,
        on_missing=on_missing_model, cache_dir=cache_dir,
        allow_download=True if bt_allow_download else None,
        enabled=False if no_backtranslation else None,
    )
    if corpus:
        loaded = load_corpus(corpus, languages)
    else:
        assert source_path is not None
        loaded = adhoc_corpus(
            source_path, source_lang,
            translation_files,
            reference_files,
            format=input_format,
        )
    if out_dir:
        from mtcheck.corpus import input_paths
        from mtcheck.output import check_output_folder

        check_output_folder(out_dir, input_paths(loaded))
    progress = None if quiet else ProgressPrinter()
    run = run_pipeline(loaded, config, progress)
    if progress:
        progress.close()
    if not quiet:
        _explain_roundtrip_status(run)
    exit_code = EXIT_OK
    if gate:
        run, exit_code = apply_gate(run, config, gate_outputs, quiet=quiet)
    if out_dir:
        from mtcheck.output import write_outputs

        written = write_outputs(run, Path(out_dir), reports=not no_report)
        if not quiet:
            click.echo(f"wrote {len(written)} files to {out_dir}", err=True)
    if not quiet:
        from mtcheck.summary import format_summary

        click.echo(format_summary(run))
    if exit_code != EXIT_OK:
        raise SystemExit(exit_code)


def _with_overrides(config: Config, **options: Any) -> Config:
    """Command-line options win over the config's [backtranslation] table (None = not given)."""
    changes = {key: value for key, value in options.items() if value is not None}
    return dataclasses.replace(
        config, backtranslation=dataclasses.replace(config.backtranslation, **changes)
    )


def _explain_roundtrip_status(run: RunResult) -> None:
    """Say once, per reason, why round-trip scores are missing (not once per language)."""
    import re

    reasons: dict[str, tuple[list[str], list[str]]] = {}
    for result in run.translations:
        status = result.roundtrip_status
        if not status.startswith("not evaluated") or "switched off" in status:
            continue
        reason = status.removeprefix("not evaluated: ")
        model = re.search(r"model (\S+) ", reason)
        key = re.sub(r"model \S+ ", "model ", reason) if model else reason
        langs, models = reasons.setdefault(key, ([], []))
        langs.append(result.lang)
        if model and model.group(1) not in models:
            models.append(model.group(1))
    for reason, (langs, models) in reasons.items():
        named = f" ({', '.join(models)})" if models else ""
        click.echo(f"mtcheck: note: round-trip scores not evaluated for {', '.join(langs)}: "
                   f"{reason}{named}. See `mtcheck models`.", err=True)
