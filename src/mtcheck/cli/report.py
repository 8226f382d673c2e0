"""``mtcheck report``: re-render the HTML reports from a saved results.json.

Nothing is recomputed: the pages show exactly the scores and findings stored
in the results file, so a report can be regenerated (say, after an mtcheck
upgrade improved the pages) without the models or the corpus.
"""

from __future__ import annotations

from pathlib import Path

import click

from mtcheck.cli._common import reports_errors


@click.command()
@click.argument("results_json", type=click.Path(dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    required=True,
    help="Folder for the pages (index.html, names.html, one page per language). "
    "Other files there are kept; the report's pages are replaced together.",
)
@reports_errors
def report(results_json: str, out_dir: str) -> None:
    """Render the HTML reports of RESULTS_JSON into a folder.

    \b
    Example:
      mtcheck report reports/results.json --out reports/
    """
    from mtcheck.report import write_reports
    from mtcheck.results import load_results

    if out_dir.strip() in ("-", ""):
        raise click.BadParameter("'-' is not a folder; give the folder for the pages",
                                 param_hint="--out")
    run = load_results(results_json)
    written = write_reports(run, Path(out_dir))
    click.echo(f"wrote {len(written)} pages; open {written[0]}")
