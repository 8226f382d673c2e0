"""``mtcheck glossary learn``: export the site's name memory as a glossary to review."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from mtcheck.cli._common import config_option, reports_errors
from mtcheck.collection.records import CollectionRecord


@click.group()
def glossary() -> None:
    """Glossaries of names (see docs/names.md and docs/collections.md)."""


@glossary.command()
@click.argument("collection", type=click.Path(exists=True))
@click.option("--format", "output_format", type=click.Choice(["toml", "tbx"]), default="toml",
              show_default=True, help="TOML as [names] glossary reads it, or TBX for "
                                      "localisation tools.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (default: standard output).")
@config_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="When COLLECTION has not been run yet: documents in parallel.")
@click.option("--min-articles", type=click.IntRange(min=1), default=None,
              help="Articles that must use a form for it to be established "
                   "(default: the collection's [memory] setting, else 3).")
@click.option("--min-share", type=click.FloatRange(min=0, max=1, min_open=True), default=None,
              help="Share of the articles rendering a name that must use the form (default 0.6).")
@reports_errors
def learn(collection: str, output_format: str, output: str | None, config_path: str | None,
          jobs: int | None, min_articles: int | None, min_share: float | None) -> None:
    """Learn how each name is rendered across a collection and write it as a glossary.

    COLLECTION is the --out folder of a collection run (its results.json is
    read, nothing is re-run), or a collection itself (a folder of corpus folders
    or a collection manifest), which is then checked without back-translation.
    The first form of each language is the one most articles use; review the
    file, then use it as [names] glossary.

    \b
    Examples:
      mtcheck glossary learn reports/site > site-glossary.toml
      mtcheck glossary learn site/ --format tbx -o site-glossary.tbx
    """
    from mtcheck.collection.export import EXPORTERS
    from mtcheck.collection.records import is_collection_results, load_collection
    from mtcheck.io import atomic_write_text

    path = Path(collection)
    results = path / "results.json" if path.is_dir() else path
    record: CollectionRecord
    if results.is_file() and is_collection_results(results):
        record = load_collection(results)
    else:
        record = _learn_by_running(collection, config_path, jobs)
    settings = record.memory
    if min_articles is not None:
        settings = dataclasses.replace(settings, min_articles=min_articles)
    if min_share is not None:
        settings = dataclasses.replace(settings, min_share=min_share)
    text = EXPORTERS[output_format](record.names, settings, record.id)
    if output:
        atomic_write_text(output, text)
    else:
        click.echo(text, nl=False)


def _learn_by_running(collection: str, config_path: str | None,
                      jobs: int | None) -> CollectionRecord:
    from mtcheck.collection import is_collection
    from mtcheck.collection.discover import discover
    from mtcheck.collection.executors import default_jobs
    from mtcheck.collection.run import RunOptions, run_collection
    from mtcheck.config import load_config
    from mtcheck.errors import InputError

    if not is_collection(collection):
        raise InputError(collection, "neither a collection (a folder of corpus folders or a "
                                     "collection manifest) nor a collection run's output folder")
    spec = discover(collection)
    config = load_config(config_path or spec.config)
    config = dataclasses.replace(config, backtranslation=dataclasses.replace(
        config.backtranslation, enabled=False))
    options = RunOptions(reports=False, jobs=jobs or default_jobs())
    return run_collection(spec, config, options, None).record
