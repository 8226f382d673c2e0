"""The ``mtcheck`` command line: parses arguments and calls the library."""

from __future__ import annotations

import click

from mtcheck import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="mtcheck")
def main() -> None:
    """Check machine translations against their source.

    Aligns each translation to the source sentence by sentence, scores it
    (against references, and round-trip through a back-translation model),
    flags inconsistent, missing or mistranslated names and numbers, writes
    HTML reports and results.json, and gates CI on thresholds.
    """


def _register() -> None:
    from mtcheck.cli import align, cache, compare, evaluate, gate, glossary, models, report, schema

    main.add_command(evaluate.evaluate)
    main.add_command(align.align)
    main.add_command(schema.schema)
    main.add_command(gate.gate)
    main.add_command(report.report)
    main.add_command(models.models)
    main.add_command(compare.compare)
    main.add_command(glossary.glossary)
    main.add_command(cache.cache)


_register()
