"""File names of the report's pages and anchors of names: the link targets every page shares.

They are derived from user data (language codes, entity ids), so they are made
safe for file names and ids and kept unique here, once, for all pages.
"""

from __future__ import annotations

import re

from mtcheck.types import RunResult

INDEX_PAGE = "index.html"
NAMES_PAGE = "names.html"
_RESERVED_PAGES = {"index", "names"}


def slug(text: str) -> str:
    """``text`` reduced to characters safe in a file name and an HTML id."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "x"


def _claim(stem: str, used: set[str]) -> str:
    """``stem``, or ``stem-2``, ``stem-3``, ... whichever is free; it is then marked used."""
    candidate = stem
    counter = 2
    while candidate in used:
        candidate = f"{stem}-{counter}"
        counter += 1
    used.add(candidate)
    return candidate


def page_names(run: RunResult) -> dict[int, str]:
    """File name of each translation's page, by position; safe and unique."""
    names: dict[int, str] = {}
    used = set(_RESERVED_PAGES)
    for position, translation in enumerate(run.translations):
        # The tag keeps its canonical case (de-DE.html); uniqueness is checked without case
        # so that case-insensitive file systems cannot merge two pages.
        stem = slug(translation.lang)
        claimed = _claim(stem.lower(), used)
        names[position] = f"{stem}{claimed[len(stem):]}.html"
    return names


def entity_anchors(run: RunResult) -> dict[str, str]:
    """HTML id of each name's row in the name matrix, by entity id; safe and unique."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for entity in run.entities:
        anchors[entity.id] = _claim(f"e-{slug(entity.id)}", used)
    return anchors
