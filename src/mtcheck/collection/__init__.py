"""Collections: many documents checked in one run, with site-wide name memory.

The per-document pipeline (:func:`mtcheck.pipeline.evaluate`) stays the one unit
of work; this package finds the documents (:mod:`.discover`), decides which need
running (:mod:`.incremental`), hands them to an executor (:mod:`.executors`, which
owns only scheduling), and builds what only a whole collection shows: the index
page, the name memory and its drift findings (:mod:`.memory`), and a learnt
glossary (:mod:`.export`).
"""

from __future__ import annotations

from mtcheck.collection.discover import CollectionSpec, DocumentSpec, discover, is_collection

__all__ = ["CollectionSpec", "DocumentSpec", "discover", "is_collection"]
