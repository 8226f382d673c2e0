"""``mtcheck evaluate``: run the pipeline on a corpus and write results and reports."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import click

from mtcheck.backtranslate.engines import BACKEND_CHOICES
from mtcheck.cli._common import (
    EXIT_OK,
    ProgressPrinter,
    config_option,
    parse_lang_file,
    reports_errors,
)
from mtcheck.cli.collection import CollectionOptions, collection_options
from mtcheck.cli.gate import GateOutputs, apply_gate, gate_output_options
from mtcheck.config import Config, load_config
from mtcheck.types import RunResult


@click.command()
@click.argument("corpora", nargs=-1, type=click.Path(), metavar="[CORPUS_DIR]...")
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
              help="Write results.json and the HTML reports into this folder (with several "
                   "corpora: one subfolder per corpus, named after its folder).")
@click.option("--json", "json_summary", is_flag=True,
              help="Print a machine-readable JSON summary on stdout (scores, finding counts, "
                   "gate) instead of the table.")
@click.option("--no-report", is_flag=True, help="With --out: write results.json only.")
@click.option("--bt-model", default=None,
              help="Back-translation model (hub id or local folder) for every language.")
@click.option("--bt-revision", default=None, help="Pin the back-translation model revision.")
@click.option("--bt-backend", type=click.Choice(BACKEND_CHOICES), default=None,
              help="Back-translation backend for every language: auto (CTranslate2 int8 on "
                   "CPU where installed, else transformers), transformers, ctranslate2 or "
                   "apertium.")
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
@click.option("--dictionaries", "dictionaries", multiple=True, type=click.Path(file_okay=False),
              help="Folder of FreeDict dictd files for the omission check, searched before "
                   "the config's [omission] dictionaries (repeatable).")
@click.option("--gate", "gate", is_flag=True,
              help="Apply the config's [gate] thresholds; exit 1 when a translation falls short.")
@gate_output_options
@collection_options
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary table.")
@reports_errors
def evaluate(
    corpora: tuple[str, ...],
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
    dictionaries: tuple[str, ...],
    gate: bool,
    gate_outputs: GateOutputs,
    collection: CollectionOptions,
    quiet: bool,
    json_summary: bool,
) -> None:
    """Check translations against their source.

    Give one or more corpus folders (each with a manifest.toml), or the ad-hoc
    form --source FILE --translation LANG=FILE [--reference LANG=FILE].
    Several corpus folders are evaluated one after the other; with --out each
    gets its own subfolder (--out reports/ writes reports/NAME/ for a folder
    named NAME). With --gate the run is also a CI quality gate: exit 0 pass,
    1 failed (any corpus), 2 usage or input error. A collection (a folder of
    corpus folders, or a collection manifest) runs as one site: see
    docs/collections.md.

    \b
    Examples:
      mtcheck evaluate corpora/shoigu-visits-iran --out reports/
      mtcheck evaluate corpora/a corpora/b --out reports/   # reports/a/, reports/b/
      mtcheck evaluate corpora/shoigu-visits-iran --json --quiet > summary.json
      mtcheck evaluate corpora/shoigu-visits-iran --config configs/strict.toml --gate --junit gate.xml
      mtcheck evaluate --source en.txt --translation de=de.txt --reference de=ref.de.txt
      mtcheck evaluate site/ --out reports/site --jobs 4 --gate --junit gate.xml
    """
    if corpora and source_path:
        raise click.UsageError("give either corpus folders or --source, not both")
    if not corpora and not source_path:
        raise click.UsageError("give a corpus folder or --source FILE --translation LANG=FILE")
    if corpora and (translations or references):
        raise click.UsageError("--translation/--reference go with --source, not a corpus")
    if not gate and gate_outputs.requested:
        raise click.UsageError("--baseline/--junit/--github-annotations/--markdown need --gate")
    _check_outputs(corpora, out_dir, json_summary, gate_outputs)
    translation_files = parse_lang_file(translations, "--translation")
    reference_files = parse_lang_file(references, "--reference")
    from mtcheck.corpus import Corpus, adhoc_corpus, load_corpus
    from mtcheck.pipeline import evaluate as run_pipeline
    from mtcheck.recogniser import in_background

    def configured(path: str | None) -> Config:
        return _with_dictionaries(_with_overrides(
            load_config(path),
            model=bt_model, revision=bt_revision, backend=bt_backend, quantization=bt_quantization,
            backends={} if bt_backend else None,  # --bt-backend applies to every language
            on_missing=on_missing_model, cache_dir=cache_dir,
            allow_download=True if bt_allow_download else None,
            enabled=False if no_backtranslation else None,
        ), dictionaries)

    from mtcheck.collection import is_collection

    if any(is_collection(corpus) for corpus in corpora):
        if len(corpora) > 1 or json_summary:
            raise click.UsageError("a collection is evaluated alone and writes its results.json "
                                   "into --out (no other folders, no --json)")
        from mtcheck.cli.collection import evaluate_collection

        evaluate_collection(corpora[0], configured, config_path, out_dir=out_dir,
                            languages=languages, reports=not no_report, gate=gate,
                            gate_outputs=gate_outputs, quiet=quiet, options=collection)
        return
    if collection.given:
        raise click.UsageError("--jobs, --executor, --ray-address and --force apply to "
                               "collections (a folder of corpus folders or a collection manifest)")
    config = configured(config_path)
    # Every input is read before anything runs: a bad second corpus fails at once.
    jobs: list[tuple[Corpus, Path | None]] = []
    if corpora:
        for corpus, out in zip(corpora, _out_folders(corpora, out_dir), strict=True):
            jobs.append((load_corpus(corpus, languages), out))
    else:
        assert source_path is not None
        jobs.append((adhoc_corpus(source_path, source_lang, translation_files, reference_files,
                                  format=input_format), Path(out_dir) if out_dir else None))
    # Outputs replace their folder's content: a folder holding an input would lose it.
    from mtcheck.corpus import input_paths
    from mtcheck.output import check_output_folder

    every_input = [path for loaded, _ in jobs for path in input_paths(loaded)]
    for _, out in jobs:
        if out is not None:
            check_output_folder(out, every_input)
    # With --json, stdout carries only the JSON document; people-facing text goes to stderr.
    human_quiet = quiet or json_summary
    exit_code = EXIT_OK
    runs: list[RunResult] = []
    for loaded, out in jobs:
        progress = None if quiet else ProgressPrinter()
        # One document per process here: the recogniser may load on the other core.
        with in_background():
            run = run_pipeline(loaded, config, progress)
        if progress:
            progress.close()
        if not quiet:
            _explain_roundtrip_status(run)
            _explain_dictionaries(run, config)
        if gate:
            run, code = apply_gate(run, config, gate_outputs, quiet=quiet,
                                   to_stderr=json_summary, scope=languages)
            exit_code = max(exit_code, code)
        if out is not None:
            from mtcheck.output import write_outputs

            written = write_outputs(run, out, reports=not no_report)
            if not quiet:
                click.echo(f"wrote {len(written)} files to {out}", err=True)
        if not human_quiet:
            from mtcheck.summary import format_summary

            click.echo(format_summary(run))
        runs.append(run)
    if json_summary:
        from mtcheck.summary import summary_json

        click.echo(summary_json(runs), nl=False)
    if exit_code != EXIT_OK:
        raise SystemExit(exit_code)


def _check_outputs(corpora: tuple[str, ...], out_dir: str | None, json_summary: bool,
                   gate_outputs: GateOutputs) -> None:
    """Refuse output options that cannot mean what the user wants, before any work."""
    if out_dir is not None and out_dir.strip() in ("-", ""):
        raise click.BadParameter("'-' is not a folder; for machine-readable output on stdout "
                                 "use --json", param_hint="--out")
    if json_summary and gate_outputs.github_annotations:
        raise click.UsageError("--json and --github-annotations both write to stdout; "
                               "choose one")
    if len(corpora) > 1 and (gate_outputs.junit or gate_outputs.markdown
                             or gate_outputs.baseline):
        raise click.UsageError("--junit/--markdown/--baseline take one corpus; run the gate "
                               "once per corpus")


def _out_folders(corpora: tuple[str, ...], out_dir: str | None) -> list[Path | None]:
    """One corpus writes into --out itself; several write into --out/NAME (names unique)."""
    if out_dir is None:
        return [None] * len(corpora)
    if len(corpora) == 1:
        return [Path(out_dir)]
    names = [Path(corpus).resolve().name or "corpus" for corpus in corpora]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise click.BadParameter(f"two corpus folders are named {twice[0]!r}; their reports "
                                 f"would share one subfolder of --out", param_hint="CORPUS_DIR")
    return [Path(out_dir) / name for name in names]


def _with_overrides(config: Config, **options: Any) -> Config:
    """Command-line options win over the config's [backtranslation] table (None = not given)."""
    changes = {key: value for key, value in options.items() if value is not None}
    return dataclasses.replace(
        config, backtranslation=dataclasses.replace(config.backtranslation, **changes)
    )


def _with_dictionaries(config: Config, folders: tuple[str, ...]) -> Config:
    """--dictionaries folders are searched before the config's."""
    if not folders:
        return config
    return dataclasses.replace(config, omission=dataclasses.replace(
        config.omission, dictionaries=(*folders, *config.omission.dictionaries)))


def _explain_dictionaries(run: RunResult, config: Config) -> None:
    """Say once which translations the omission check has no bilingual dictionary for."""
    from mtcheck.omission.dictionary import uses_dictionary

    if not uses_dictionary(config.omission, [t.lang for t in run.translations]):
        return
    from mtcheck.omission.dictionary import dictionary_note

    note = dictionary_note(run.source.lang, [t.lang for t in run.translations],
                           config.omission.dictionaries, config.omission.dictionary_pivot)
    if note:
        click.echo(f"mtcheck: note: {note}", err=True)


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
