"""``mtcheck models``: which model back-translates each language, and is it here."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

import click

from mtcheck.cli._common import config_option, reports_errors
from mtcheck.config import BacktranslationConfig, load_config
from mtcheck.errors import ModelUnavailableError


@dataclass(frozen=True)
class ModelRow:
    """One line of the listing."""

    lang: str
    model: str
    rule: str
    family: str
    available: bool
    location: str  # where it is, or why it is not available
    revision: str = ""


def model_ids(config: BacktranslationConfig, languages: tuple[str, ...]) -> list[str]:
    """The models a run with this config may load, as ``id[@revision]``; nothing is looked up."""
    from mtcheck.backtranslate.resolve import choose_model

    suffix = f"@{config.revision}" if config.revision else ""
    found = {f"{choose_model(config, lang).model}{suffix}" for lang in languages}
    if config.embedding_model:
        found.add(f"embedding: {config.embedding_model}")
    return sorted(found)


def model_rows(config: BacktranslationConfig, languages: tuple[str, ...],
               into: str = "en") -> list[ModelRow]:
    """Describe the configured model of each language without loading any model."""
    from mtcheck.backtranslate.families import guess_family, read_family
    from mtcheck.backtranslate.resolve import choose_model, locate_model
    from mtcheck.backtranslate.stage import backend_for

    rows = []
    for lang in languages:
        if backend_for(config, lang) == "apertium":
            rule = "backends" if lang in config.backends else "backend"
            rows.append(_apertium_row(lang, into, rule))
            continue
        choice = choose_model(config, lang)
        try:
            # Listing never downloads: it answers "is it on this machine?".
            located = locate_model(choice.model, (lang,), revision=config.revision)
        except ModelUnavailableError as exc:
            guessed = guess_family(choice.model)
            family = f"{guessed.name} (from its name)" if guessed else "unknown"
            rows.append(ModelRow(lang, choice.model, choice.rule, family, False, exc.problem))
            continue
        detected, model_type = read_family(located.path)
        family = detected.name if detected else f"unsupported ({model_type})"
        location = f"{located.source}: {located.path}"
        usable = detected is not None
        for needed in (lang, into):
            if detected is not None and not detected.supports(needed):
                location = f"no {detected.name} code for {needed!r} in the language registry"
                usable = False
        rows.append(ModelRow(lang, choice.model, choice.rule, family, usable, location,
                             located.revision))
    return rows


def _apertium_row(lang: str, into: str, rule: str) -> ModelRow:
    from mtcheck.backtranslate.engine_apertium import find_pair, pair_mode

    try:
        pair = find_pair(lang, into)
    except ModelUnavailableError as exc:
        return ModelRow(lang, f"apertium:{pair_mode(lang, into)}", rule, "apertium",
                        False, exc.problem)
    return ModelRow(lang, pair.model, rule, "apertium", True,
                    f"apertium {pair.engine}", pair.data)


@click.command()
@config_option
@click.option("--lang", "languages", multiple=True, metavar="LANG",
              help="Only these languages (repeatable). Default: every registered language.")
@click.option("--bt-model", default=None, help="List this model for every language instead.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--check", is_flag=True,
              help="Exit with status 2 when a listed model is not available (a CI pre-flight).")
@click.option("--ids", "ids_only", is_flag=True,
              help="Print only the model ids (with revision), one per line, sorted: a stable "
                   "input for a CI cache key that changes when the model set changes.")
@reports_errors
def models(config_path: str | None, languages: tuple[str, ...], bt_model: str | None,
           as_json: bool, check: bool, ids_only: bool) -> None:
    """List the back-translation model of each language and whether it is available locally.

    Models are looked up the way `mtcheck evaluate` does (a local folder, else
    the Hugging Face cache under HF_HOME), without loading or downloading them.
    """
    from mtcheck.backtranslate.embed import locate_embedding_model
    from mtcheck.backtranslate.resolve import hub_cache_dir
    from mtcheck.languages import get_language, registry

    config = load_config(config_path).backtranslation
    if bt_model:
        config = dataclasses.replace(config, model=bt_model)
    codes = tuple(get_language(code).code for code in languages) or tuple(
        code for code in registry() if code != "en"
    )
    if ids_only:
        click.echo("".join(f"{model}\n" for model in model_ids(config, codes)), nl=False)
        return
    rows = model_rows(config, codes)
    embedding = locate_embedding_model(config)
    if as_json:
        click.echo(json.dumps({
            "hub_cache": str(hub_cache_dir()),
            "languages": [dataclasses.asdict(row) for row in rows],
            "embedding_model": {
                "model": config.embedding_model,
                "available": embedding is not None,
                "location": str(embedding.path) if embedding else "",
            },
        }, ensure_ascii=False, indent=2))
    else:
        _print_table(rows)
        click.echo(f"\nHugging Face cache: {hub_cache_dir()}")
        where = f"{embedding.source}: {embedding.path}" if embedding else "not available"
        click.echo(f"Semantic similarity model: {config.embedding_model or '(off)'}: {where}")
    missing = sorted({row.model for row in rows if not row.available})
    if check and missing:
        click.echo(f"mtcheck: error: not available: {', '.join(missing)}", err=True)
        raise SystemExit(2)


def _print_table(rows: list[ModelRow]) -> None:
    header = ("lang", "model", "chosen by", "family", "available", "where / why not")
    cells = [header] + [
        (r.lang, r.model, r.rule, r.family, "yes" if r.available else "no", r.location)
        for r in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header) - 1)]
    for row in cells:
        leading = "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=False))
        click.echo(f"{leading}  {row[-1]}".rstrip())
