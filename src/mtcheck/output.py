"""Writing a run's outputs: results.json and the HTML reports, atomically, together."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from mtcheck.errors import OutputError
from mtcheck.io import atomic_directory, printable_path, resolve_output_folder
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


def check_output_folder(out_dir: str | Path, inputs: Iterable[str | Path]) -> Path:
    """Refuse an output folder that holds an input, or lies inside an input folder.

    Outputs replace the folder's content as a whole, so a folder holding the
    corpus (``--out corpus/``) would lose its translation files.
    """
    target = resolve_output_folder(out_dir)
    real_target = Path(os.path.realpath(target))
    for item in inputs:
        real = Path(os.path.realpath(item))
        if real == real_target or real_target in real.parents:
            raise OutputError(printable_path(out_dir),
                              f"refused as output folder: it holds the input "
                              f"{printable_path(item)}; choose a folder outside the inputs")
        if real.is_dir() and real in real_target.parents:
            raise OutputError(printable_path(out_dir),
                              f"refused as output folder: it is inside the input folder "
                              f"{printable_path(item)}")
    return target
