"""Writing a run's outputs: results.json and the HTML reports, atomically, together."""

from __future__ import annotations

from pathlib import Path

from mtcheck.io import atomic_directory
from mtcheck.results import dump_results
from mtcheck.types import RunResult

RESULTS_FILE = "results.json"


def write_outputs(run: RunResult, out_dir: Path, *, reports: bool = True) -> list[Path]:
    """Write results.json (and the reports) into ``out_dir``; all or nothing."""
    text = dump_results(run)
    pages: dict[str, str] = {}
    if reports:
        from mtcheck.report import render_pages

        pages = render_pages(run)
    written = []
    with atomic_directory(out_dir) as staging:
        (staging / RESULTS_FILE).write_text(text, encoding="utf-8")
        written.append(out_dir / RESULTS_FILE)
        for name, html in sorted(pages.items()):
            (staging / name).write_text(html, encoding="utf-8")
            written.append(out_dir / name)
    return written
