"""HTML reports: an overview, one page per translation and a name matrix.

Rendering (:func:`render_pages`) is separate from writing (:func:`write_reports`)
so that tests and other front-ends can take the HTML without touching disk.
Templates escape everything by default; the report shows what the run found
and computes nothing (see :mod:`mtcheck.report.view`). Each page is one
self-contained file: inline CSS, JavaScript and SVG, no network access.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from mtcheck.io import atomic_directory
from mtcheck.report.compiled import template_cache
from mtcheck.report.highlight import reveal
from mtcheck.report.links import INDEX_PAGE, NAMES_PAGE
from mtcheck.report.view import RunView, build_view
from mtcheck.types import RunResult

__all__ = ["render_pages", "write_reports"]


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mtcheck.report", "templates"),
        bytecode_cache=template_cache(),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=True, default=True
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["reveal"] = reveal
    return env


def _render(template: str, view: RunView, **context: object) -> str:
    return _environment().get_template(template).render(run=view, **context)


def render_pages(run: RunResult) -> dict[str, str]:
    """Render every page of the report: file name -> HTML, in a stable order."""
    view = build_view(run)
    pages = {INDEX_PAGE: _render("index.html.j2", view, page_name=INDEX_PAGE)}
    for translation in view.translations:
        pages[translation.file_name] = _render(
            "translation.html.j2", view, page=translation, page_name=translation.file_name
        )
    pages[NAMES_PAGE] = _render("names.html.j2", view, page_name=NAMES_PAGE)
    return pages


def write_reports(run: RunResult, out_dir: Path) -> list[Path]:
    """Render the report and write its pages into ``out_dir`` atomically.

    Other files in ``out_dir`` (results.json, older pages) are left alone; the
    report's own pages are replaced together, so a reader never sees a mix of
    old and new pages.
    """
    pages = render_pages(run)
    target = Path(out_dir)
    with atomic_directory(target) as staging:
        for name, html in pages.items():
            (staging / name).write_text(html, encoding="utf-8", newline="\n")
    return [target / name for name in pages]
