"""``mtcheck cache``: what the user cache folder holds, and cleaning it."""

from __future__ import annotations

import json
from collections import defaultdict

import click

from mtcheck.cli._common import reports_errors

_DAY_S = 86400.0


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


@click.group()
def cache() -> None:
    """The user cache folder: back-translations and tables derived from data packages.

    The folder is the platform's user cache directory for mtcheck
    ($XDG_CACHE_HOME/mtcheck on Linux). Derived tables (places, numerals, word
    frequencies, romanisation, language identification, compiled templates) are
    rebuilt by the next run that needs them; back-translations cost model time.
    """


@cache.command()
@click.option("--json", "as_json", is_flag=True, help="Print the listing as JSON.")
@reports_errors
def info(as_json: bool) -> None:
    """Show the cache folder and what it holds, per kind."""
    from mtcheck.backtranslate.cache import CACHE_FILE
    from mtcheck.cachedir import cache_contents, user_cache_dir

    root = user_cache_dir()
    entries = cache_contents(root, precious=(CACHE_FILE,))
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for entry in entries:
        # A folder per kind of table; a file at the top is named "<kind>-<version>...".
        kind = ("back-translations" if entry.precious
                else entry.path.parts[0] if len(entry.path.parts) > 1
                else entry.path.name.split("-", 1)[0])
        kinds[kind][0] += 1
        kinds[kind][1] += entry.size
    if as_json:
        click.echo(json.dumps({"folder": str(root),
                               "total_bytes": sum(e.size for e in entries),
                               "kinds": {k: {"files": n, "bytes": b}
                                         for k, (n, b) in sorted(kinds.items())}},
                              indent=2, ensure_ascii=False))
        return
    click.echo(f"cache folder: {root}")
    for kind, (files, size) in sorted(kinds.items()):
        click.echo(f"  {kind:<40} {files:>5} files {_megabytes(size):>11}")
    click.echo(f"  {'total':<40} {len(entries):>5} files "
               f"{_megabytes(sum(e.size for e in entries)):>11}")


@cache.command()
@click.option("--unused-days", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Remove files no run has used for this many days (0: every derived table).")
@click.option("--backtranslations", is_flag=True,
              help="Also remove the back-translation cache (costs model time to rebuild).")
@click.option("--dry-run", is_flag=True, help="Only list what would be removed.")
@reports_errors
def clean(unused_days: float, backtranslations: bool, dry_run: bool) -> None:
    """Remove cached files no run has used lately, and files a killed run left.

    Place and numeral tables written for an older mtcheck or data package are
    also removed automatically a week after the last run that used them.
    """
    from mtcheck.backtranslate.cache import CACHE_FILE
    from mtcheck.cachedir import clean_cache, user_cache_dir

    root = user_cache_dir()
    removed = clean_cache(root, unused_for_s=unused_days * _DAY_S, precious=(CACHE_FILE,),
                          include_precious=backtranslations, dry_run=dry_run)
    verb = "would remove" if dry_run else "removed"
    for entry in removed:
        click.echo(f"{verb} {entry.path}")
    click.echo(f"{verb} {len(removed)} files, {_megabytes(sum(e.size for e in removed))} "
               f"from {root}")
