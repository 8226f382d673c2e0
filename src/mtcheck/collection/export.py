"""The name memory exported as a reviewable glossary.

TOML in the format ``[names] glossary`` reads (see :mod:`mtcheck.names.glossary`):
each language's established form is the expected rendering; the other
renderings seen, and languages where no form is established yet, are written as
comments with their article counts, for an editor to approve, change or add.
TBX (TermBase eXchange, through translate-toolkit) carries the same entries for
localisation tools: one term entry per entity, one language set per language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence

from mtcheck.collection.discover import MemorySettings
from mtcheck.collection.memory import NameEntry, RenderingUse

_ID = re.compile(r"[^a-z0-9_.-]+")


def to_toml(memory: Sequence[NameEntry], settings: MemorySettings, *, title: str) -> str:
    """The learnt glossary as TOML; the source-form ownership rule of glossaries is kept."""
    lines = [
        f"# Glossary learnt from the collection {title}: review before use.",
        "# For each language the first form is the one most articles use (see [memory] in",
        "# docs/collections.md); other renderings seen are listed in comments with their counts.",
        "",
    ]
    for entry, sources in _owned(memory):
        lines.append(f"[entities.{_key(entry.entity)}]")
        lines.append(f"name = {_str(entry.canonical)}")
        lines.append(f"source = [{', '.join(_str(s) for s in sources)}]")
        lines.append(f"# mentioned in {_count(entry.articles)}")
        lines.append(f"[entities.{_key(entry.entity)}.targets]")
        for lang, uses in entry.renderings.items():
            site = entry.established(lang, settings)
            others = [u for u in uses if site is None or u.base != site.base]
            seen = "; ".join(_described(u) for u in others)
            if site is not None:
                lines.append(f"{_lang(lang)} = {_str(site.base)}  # {_described(site)}"
                             + (f"; also seen: {seen}" if seen else ""))
            else:
                lines.append(f"# {_lang(lang)} = ?  (no established form yet: {seen})")
        lines.append("")
    return "\n".join(lines)


def to_tbx(memory: Sequence[NameEntry], settings: MemorySettings, *, source_lang: str = "en") -> str:
    """The learnt glossary as TBX: established forms only, the counts as notes."""
    from translate.storage import tbx

    store = tbx.tbxfile(sourcelanguage=source_lang)
    for entry, sources in _owned(memory):
        unit = store.addsourceunit(sources[0])  # type: ignore[no-untyped-call]
        unit.setid(_key(entry.entity))
        if len(sources) > 1:
            unit.set_source_terms(list(sources))
        notes = [f"mentioned in {_count(entry.articles)}"]
        for lang, uses in entry.renderings.items():
            site = entry.established(lang, settings)
            if site is not None:
                unit.settarget(site.base, lang=lang)
            notes.append(f"{lang}: " + "; ".join(_described(u) for u in uses))
        unit.addnote("\n".join(notes))
    return bytes(store).decode("utf-8")


EXPORTERS: dict[str, Callable[[Sequence[NameEntry], MemorySettings, str], str]] = {
    "toml": lambda memory, settings, title: to_toml(memory, settings, title=title),
    "tbx": lambda memory, settings, title: to_tbx(memory, settings),
}


def _owned(memory: Sequence[NameEntry]) -> list[tuple[NameEntry, tuple[str, ...]]]:
    """Entries with the source spellings no earlier (more frequent) entry claimed."""
    claimed: set[str] = set()
    kept = []
    for entry in memory:
        sources = tuple(s for s in entry.source_forms if s.strip() and s not in claimed)
        if sources:
            claimed.update(sources)
            kept.append((entry, sources))
    return kept


def _described(use: RenderingUse) -> str:
    span = ""
    if use.first_seen and use.last_seen:
        span = (f", {use.first_seen}" if use.first_seen == use.last_seen
                else f", {use.first_seen} to {use.last_seen}")
    return f"{use.base!r} in {_count(use.articles)}{span}"


def _count(articles: int) -> str:
    return f"{articles} article{'s' if articles != 1 else ''}"


def _key(entity: str) -> str:
    key = _ID.sub("-", entity.lower()).strip("-.") or "name"
    return key if key[0].isalnum() else f"n{key}"


def _lang(lang: str) -> str:
    return lang if re.fullmatch(r"[A-Za-z0-9_-]+", lang) else _str(lang)


def _str(text: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)
