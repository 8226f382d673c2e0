"""Which checks support which source languages, read from the shipped data.

mtcheck was built on English sources. Some stages have data for other
languages, some fall back to something weaker; this module says which, from
the data files that exist (not from a list typed here), so that a run on a
German source can warn once per fallback instead of silently checking less.
The table is documented in docs/languages.md.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from importlib import resources

from mtcheck.errors import MtcheckWarning
from mtcheck.languages import get_language


@dataclass(frozen=True)
class Fallback:
    """A stage that works less well for this source language, and how."""

    stage: str
    note: str


def _has_data(folder: str, base: str) -> bool:
    return resources.files("mtcheck").joinpath(f"data/{folder}/{base}.toml").is_file()


def source_fallbacks(lang: str) -> list[Fallback]:
    """The stages that fall back for a source in ``lang`` (empty for English)."""
    language = get_language(lang)
    base = language.base
    found: list[Fallback] = []
    if not _has_data("segment", base):
        found.append(Fallback("segment", "no abbreviation list for this language; sentences are "
                                         "split with the generic rules"))
    if not _has_data("names", base):
        found.append(Fallback("names", "no named-entity recogniser for this language: source "
                                       "names come from word frequencies, place data (CLDR, "
                                       "geonames) and agreement across the translations; "
                                       "expect missed names, most with a single translation"))
    if base != "en":
        found.append(Fallback("roundtrip", "the default back-translation models and the "
                                           "semantic-similarity model work into English only; "
                                           "round-trip scores need a multilingual model "
                                           "([backtranslation] model)"))
    return found


def warn_source_fallbacks(lang: str) -> None:
    """Warn (once per message, through :class:`MtcheckWarning`) about each fallback."""
    name = get_language(lang).name
    for fallback in source_fallbacks(lang):
        warnings.warn(MtcheckWarning(f"source in {name} ({lang}): {fallback.stage}: "
                                     f"{fallback.note}"), stacklevel=2)
