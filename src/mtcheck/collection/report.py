"""The collection's pages: the index (documents × languages) and the name matrix.

The views below only arrange what the collection results recorded (order,
links, the heat of a cell from its finding counts); templates escape every
value. Pages are self-contained like the document reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jinja2

from mtcheck.collection.discover import MemorySettings
from mtcheck.collection.memory import NameEntry, RenderingUse
from mtcheck.collection.records import CollectionRecord, DocumentRecord
from mtcheck.collection.summary import LanguageSummary
from mtcheck.report.compiled import template_cache
from mtcheck.report.links import slug

# Preferred score for a cell, in order; coverage when a translation has none of them.
_SCORE_ORDER = ("reference.chrF", "roundtrip.chrF", "reference.BLEU", "roundtrip.BLEU")
# Findings that make a cell fully "hot": errors count in full, warnings for a third.
_HEAT_FULL = 5.0


@dataclass(frozen=True)
class Cell:
    lang: str
    href: str
    score_label: str
    score: float | None
    errors: int
    warnings: int
    drift: int
    heat: float  # 0 (clean) .. 1 (many findings)
    gate: str
    title: str


@dataclass(frozen=True)
class Row:
    id: str
    href: str
    date: str
    gate: str
    errors: int
    warnings: int
    drift: int
    badness: float
    cells: tuple[Cell | None, ...]


@dataclass(frozen=True)
class MatrixCell:
    main: RenderingUse | None
    others: tuple[RenderingUse, ...]
    established: bool
    drift: int


@dataclass(frozen=True)
class MatrixRow:
    entry: NameEntry
    anchor: str
    cells: tuple[MatrixCell, ...]


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("mtcheck.collection", "templates"),
        bytecode_cache=template_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _languages(record: CollectionRecord) -> tuple[str, ...]:
    return tuple(sorted({lang.lang for d in record.documents for lang in d.summary.languages}))


def index_rows(record: CollectionRecord) -> tuple[Row, ...]:
    """One row per document, worst first: gate failures, then errors, warnings, coverage."""
    langs = _languages(record)
    drift: dict[tuple[str, str], int] = {}
    for item in record.drift:
        if not item.finding.suppressed:
            drift[(item.document, item.lang)] = drift.get((item.document, item.lang), 0) + 1
    rows = [_row(d, langs, drift, record.document_passed(d)) for d in record.documents]
    return tuple(sorted(rows, key=lambda r: (r.gate != "fail", -r.badness, r.id)))


def _row(document: DocumentRecord, langs: tuple[str, ...], drift: dict[tuple[str, str], int],
         passed: bool | None) -> Row:
    base = f"documents/{document.folder}/"
    by_lang = {lang.lang: lang for lang in document.summary.languages}
    cells = tuple(_cell(by_lang[lang], base, drift.get((document.id, lang), 0))
                  if lang in by_lang else None for lang in langs)
    present = [c for c in cells if c is not None]
    gate = "" if passed is None else "pass" if passed else "fail"
    return Row(
        id=document.id, href=f"{base}index.html", date=document.date or "", gate=gate,
        errors=sum(c.errors for c in present), warnings=sum(c.warnings for c in present),
        drift=sum(c.drift for c in present),
        badness=round(sum(c.heat for c in present) / max(1, len(present)), 4),
        cells=cells,
    )


def _cell(lang: LanguageSummary, base: str, drift: int) -> Cell:
    label, score = "coverage", round(100 * lang.coverage, 1)
    for name in _SCORE_ORDER:
        if name in lang.scores:
            label, score = name, lang.scores[name]
            break
    heat = min(1.0, (lang.errors + (lang.warnings + drift) / 3) / _HEAT_FULL)
    checks = ", ".join(f"{check} {n}" for check, n in lang.checks.items())
    return Cell(lang=lang.lang, href=base + (lang.page or "index.html"), score_label=label,
                score=score, errors=lang.errors, warnings=lang.warnings, drift=drift,
                heat=round(heat, 3), gate=lang.gate,
                title=f"{label} {score:g}; {checks or 'no findings'}")


def matrix_rows(record: CollectionRecord, settings: MemorySettings) -> tuple[MatrixRow, ...]:
    langs = _languages(record)
    drift: dict[tuple[str, str], int] = {}
    for item in record.drift:
        if item.finding.entity:
            key = (item.finding.entity, item.lang)
            drift[key] = drift.get(key, 0) + 1
    rows = []
    for entry in record.names:
        cells = []
        for lang in langs:
            uses = entry.renderings.get(lang, ())
            site = entry.established(lang, settings)
            main = site or (uses[0] if uses else None)
            cells.append(MatrixCell(main=main, others=tuple(u for u in uses if u is not main),
                                    established=site is not None,
                                    drift=drift.get((entry.entity, lang), 0)))
        rows.append(MatrixRow(entry=entry, anchor=f"e-{slug(entry.entity)}", cells=tuple(cells)))
    return tuple(rows)


def render_index(record: CollectionRecord) -> str:
    rows = index_rows(record)
    failed = sum(1 for r in rows if r.gate == "fail")
    return _environment().get_template("index.html.j2").render(
        record=record, rows=rows, langs=_languages(record), failed=failed, page="index")


def render_names(record: CollectionRecord) -> str:
    settings = record.memory
    folders = {d.id: d.folder for d in record.documents}
    return _environment().get_template("names.html.j2").render(
        record=record, rows=matrix_rows(record, settings), langs=_languages(record),
        folders=folders, settings=settings, page="names")
