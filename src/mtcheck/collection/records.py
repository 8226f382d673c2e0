"""The collection's results.json: what a collection run found, document by document.

Like the per-document results, the JSON mirrors these dataclasses field by
field (written and read by the generic functions of :mod:`mtcheck.results`),
with sorted keys, so the same inputs give byte-identical files whichever
executor ran them. Each document carries the digest of its inputs, config and
tool version (see :mod:`.incremental`): the next run reuses its results when the
digest is unchanged.
"""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass, field
from pathlib import Path

from mtcheck import jsontext
from mtcheck.collection.discover import MemorySettings
from mtcheck.collection.memory import DriftFinding, NameEntry
from mtcheck.collection.summary import DocumentSummary
from mtcheck.corpus import read_text
from mtcheck.errors import InputError
from mtcheck.results import from_jsonable, to_jsonable
from mtcheck.types import Severity

COLLECTION_SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class DocumentRecord:
    """One document of the collection: where its outputs are and what they showed."""

    id: str
    folder: str  # its sub-folder of documents/ in the output folder
    date: str | None
    digest: str  # sha256 of inputs + config + glossary + options + mtcheck version
    summary: DocumentSummary


@dataclass(frozen=True)
class CollectionRecord:
    """The results of a collection run."""

    id: str
    mtcheck_version: str
    config: str
    created: str
    documents: tuple[DocumentRecord, ...]
    names: tuple[NameEntry, ...]  # the site-wide name memory
    drift: tuple[DriftFinding, ...]  # names.site-drift findings
    gate_passed: bool | None = None  # None when the gate was not applied
    memory: MemorySettings = field(default_factory=MemorySettings)

    def document_passed(self, document: DocumentRecord) -> bool | None:
        """The document's gate, counting its error-severity drift findings (None: not gated)."""
        if document.summary.gate_passed is None:
            return None
        return document.summary.gate_passed and not any(
            item.document == document.id and item.finding.severity is Severity.ERROR
            and not item.finding.suppressed for item in self.drift)


def dump_collection(record: CollectionRecord) -> str:
    document = {"collection_schema_version": COLLECTION_SCHEMA_VERSION,
                "collection": to_jsonable(record)}
    return jsontext.dumps(document) + "\n"


def is_collection_results(path: Path) -> bool:
    try:
        return '"collection_schema_version"' in path.read_text(encoding="utf-8")[:200]
    except (OSError, UnicodeDecodeError):
        return False


def load_collection(path: str | Path) -> CollectionRecord:
    """Read a collection results.json; problems raise InputError naming the file."""
    where = str(path)
    try:
        document = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(document, dict) or "collection" not in document:
        raise InputError(where, "not an mtcheck collection results file (no 'collection' object)")
    version = str(document.get("collection_schema_version", ""))
    if version.split(".")[0] != COLLECTION_SCHEMA_VERSION.split(".")[0]:
        raise InputError(where, f"collection schema version {version!r} is not supported")
    try:
        return typing.cast(CollectionRecord,
                           from_jsonable(CollectionRecord, document["collection"], "collection"))
    except (TypeError, ValueError, KeyError) as exc:
        raise InputError(where, f"malformed collection results: {exc}") from None
