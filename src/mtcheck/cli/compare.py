"""``mtcheck compare``: is system B better than baseline A? Paired tests per metric and language."""

from __future__ import annotations

import dataclasses

import click

from mtcheck.cli._common import config_option, reports_errors
from mtcheck.compare import DEFAULT_ALPHA, DEFAULT_RESAMPLES, DEFAULT_SEED
from mtcheck.types import RunResult


@click.command()
@click.argument("baseline", type=click.Path(dir_okay=False))
@click.argument("system", type=click.Path(dir_okay=False))
@click.option("--source", "source_path", type=click.Path(dir_okay=False), default=None,
              help="Compare two translation files of one language: the source document they "
                   "translate (then BASELINE and SYSTEM are translations, not results.json).")
@click.option("--source-lang", default="en", show_default=True, metavar="CODE",
              help="Language of --source.")
@click.option("--reference", "reference_path", type=click.Path(dir_okay=False), default=None,
              help="With --source: a human reference translation.")
@click.option("--lang", "languages", multiple=True, metavar="CODE",
              help="Only these languages (repeatable); with --source, the translations' "
                   "language (exactly one).")
@click.option("--resamples", type=int, default=DEFAULT_RESAMPLES, show_default=True,
              help="Resamples of each test.")
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True,
              help="Seed of the resampling (same seed, same p-values).")
@click.option("--alpha", type=float, default=DEFAULT_ALPHA, show_default=True,
              help="Significance level marked with * .")
@click.option("--html", "html_path", type=click.Path(dir_okay=False), default=None,
              metavar="FILE", help="Also write the comparison as an HTML page.")
@click.option("--no-backtranslation", is_flag=True,
              help="With --source: skip round-trip scores (faster; no models loaded).")
@config_option
@reports_errors
def compare(baseline: str, system: str, source_path: str | None, source_lang: str,
            reference_path: str | None, languages: tuple[str, ...], resamples: int, seed: int,
            alpha: float, html_path: str | None, no_backtranslation: bool,
            config_path: str | None) -> None:
    """Compare SYSTEM with the BASELINE run, as sacrebleu's paired tests do.

    BASELINE and SYSTEM are two results.json files of runs on the same source
    (e.g. two MT systems evaluated with `mtcheck evaluate`), or, with --source
    and --lang, two translation files of one language. For every language and
    metric both systems are scored on the sentences they share, then tested
    with paired bootstrap resampling and approximate randomisation (two-sided);
    the table lists the baseline first and marks significant differences with *.
    Exit code 0 whatever the outcome, 2 for bad input.

    \b
    Examples:
      mtcheck compare a/results.json b/results.json
      mtcheck compare a/results.json b/results.json --lang de --lang fr --html compare.html
      mtcheck compare sys-a.de.txt sys-b.de.txt --source source.en.txt --lang de \\
          --reference ref.de.txt
    """
    from mtcheck.compare import compare_runs, format_table

    if html_path is not None and html_path.strip() in ("-", ""):
        raise click.BadParameter("give a file name", param_hint="--html")
    if source_path is None:
        if reference_path is not None:
            raise click.UsageError("--reference goes with --source (two translation files)")
        from mtcheck.results import load_results

        base_run, system_run = load_results(baseline), load_results(system)
        scope = _canonical(languages)
    else:
        if len(languages) != 1:
            raise click.UsageError("with --source give the translations' language: --lang CODE")
        base_run, system_run = _evaluate_files(
            source_path, source_lang, languages[0], (baseline, system), reference_path,
            config_path, no_backtranslation)
        scope = ()
    comparison = compare_runs(base_run, system_run, baseline_label=baseline,
                              system_label=system, languages=scope, resamples=resamples,
                              seed=seed, alpha=alpha)
    click.echo(format_table(comparison), nl=False)
    if html_path is not None:
        from mtcheck.io import atomic_write_text
        from mtcheck.report.compare_page import render_comparison

        atomic_write_text(html_path, render_comparison(comparison))
        click.echo(f"wrote {html_path}", err=True)


def _canonical(languages: tuple[str, ...]) -> tuple[str, ...]:
    from mtcheck.languages import get_language

    return tuple(get_language(code).code for code in languages)


def _evaluate_files(source: str, source_lang: str, lang: str, translations: tuple[str, str],
                    reference: str | None, config_path: str | None,
                    no_backtranslation: bool) -> tuple[RunResult, RunResult]:
    """Run the pipeline on each translation file (same source, same reference)."""
    from mtcheck.config import load_config
    from mtcheck.corpus import adhoc_corpus
    from mtcheck.pipeline import evaluate

    config = load_config(config_path)
    if no_backtranslation:
        config = dataclasses.replace(
            config, backtranslation=dataclasses.replace(config.backtranslation, enabled=False))
    references = {lang: reference} if reference else {}
    corpora = [adhoc_corpus(source, source_lang, {lang: path}, references)
               for path in translations]
    first, second = (evaluate(corpus, config, None) for corpus in corpora)
    return first, second
