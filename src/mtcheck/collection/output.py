"""Writing a collection's outputs: each document's folder, then the collection's files.

Layout of the output folder::

    results.json            the collection (documents, name memory, drift findings)
    index.html              documents × languages, worst first
    names.html              the name matrix: entities × languages over the site
    documents/<id>/         each document's results.json and report pages

Each document's folder is replaced atomically as soon as the document is done,
so an interrupted run keeps finished documents; the collection files are written
last, together.
"""

from __future__ import annotations

from pathlib import Path

from mtcheck.collection.discover import DocumentSpec
from mtcheck.collection.records import (
    CollectionRecord,
    DocumentRecord,
    dump_collection,
    is_collection_results,
    load_collection,
)
from mtcheck.collection.worker import DocumentOutcome
from mtcheck.errors import InputError
from mtcheck.io import atomic_directory, atomic_write_text
from mtcheck.output import RESULTS_FILE

DOCUMENTS_DIR = "documents"
INDEX_PAGE = "index.html"
NAMES_PAGE = "names.html"


def document_dir(out_dir: Path, document: DocumentSpec | DocumentRecord) -> Path:
    return out_dir / DOCUMENTS_DIR / document.folder


def document_complete(out_dir: Path, document: DocumentSpec) -> bool:
    return (document_dir(out_dir, document) / RESULTS_FILE).is_file()


def write_document(out_dir: Path, document: DocumentSpec, outcome: DocumentOutcome) -> None:
    with atomic_directory(document_dir(out_dir, document)) as staging:
        (staging / RESULTS_FILE).write_text(outcome.results_json, encoding="utf-8")
        for name, html in sorted(outcome.pages.items()):
            (staging / name).write_text(html, encoding="utf-8")


def load_previous(out_dir: Path) -> dict[str, DocumentRecord]:
    """The documents of the previous run into ``out_dir`` (none when there was none)."""
    path = out_dir / RESULTS_FILE
    if not path.is_file() or not is_collection_results(path):
        return {}
    try:
        record = load_collection(path)
    except InputError:
        return {}  # unreadable or from another version: everything runs again
    return {d.id: d for d in record.documents}


def write_collection(out_dir: Path, record: CollectionRecord, *, reports: bool = True) -> None:
    """Write the collection's results.json and, with ``reports``, its two pages."""
    pages: dict[str, str] = {}
    if reports:
        from mtcheck.collection.report import render_index, render_names

        pages = {INDEX_PAGE: render_index(record), NAMES_PAGE: render_names(record)}
    for name, html in pages.items():
        atomic_write_text(out_dir / name, html)
    atomic_write_text(out_dir / RESULTS_FILE, dump_collection(record))
