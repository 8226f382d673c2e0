"""``mtcheck schema``: print the JSON Schema of results.json."""

from __future__ import annotations

import click


@click.command()
def schema() -> None:
    """Print the JSON Schema that results.json follows."""
    from mtcheck.results import dump_schema

    click.echo(dump_schema(), nl=False)
