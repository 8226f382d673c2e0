"""Site-wide name memory: how each entity is rendered in each language across articles.

Built from the document summaries (the names stage's per-translation
renderings), it counts, per entity and language, the articles and mentions of
each rendering and when it was first and last seen (from the documents' dates).
A rendering used by most of the site's articles is the *established* form; an
article that renders the name otherwise, and never in the established form, is
flagged ``names.site-drift``. Everything here is computation: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mtcheck.checks import CHECKS
from mtcheck.collection.discover import DocumentSpec, MemorySettings
from mtcheck.collection.summary import DocumentSummary
from mtcheck.types import Finding

DRIFT_CHECK = "names.site-drift"


@dataclass(frozen=True)
class RenderingUse:
    """One rendering of an entity in one language, over the collection."""

    base: str
    articles: int
    mentions: int
    documents: tuple[str, ...]
    first_seen: str | None = None  # earliest document date using it
    last_seen: str | None = None


@dataclass(frozen=True)
class NameEntry:
    """One entity of the collection: its spellings and its renderings per language."""

    entity: str
    canonical: str
    source_forms: tuple[str, ...]
    articles: int  # articles whose source mentions it
    renderings: Mapping[str, tuple[RenderingUse, ...]] = field(default_factory=dict)

    def established(self, lang: str, settings: MemorySettings) -> RenderingUse | None:
        """The site's form in ``lang``: used by enough articles, and clearly the most used."""
        uses = self.renderings.get(lang, ())
        total = len({d for u in uses for d in u.documents})
        if not uses or not total:
            return None
        best = uses[0]  # sorted by articles, then mentions
        runner_up = uses[1].articles if len(uses) > 1 else 0
        if (best.articles >= settings.min_articles and best.articles > runner_up
                and best.articles / total >= settings.min_share):
            return best
        return None


@dataclass(frozen=True)
class DriftFinding:
    """A ``names.site-drift`` finding of one document and language."""

    document: str
    lang: str
    finding: Finding


def learn(documents: Sequence[tuple[DocumentSpec, DocumentSummary]]) -> tuple[NameEntry, ...]:
    """The name memory of a collection, entities ordered by how many articles mention them."""
    canonical: dict[str, str] = {}
    forms: dict[str, dict[str, None]] = {}
    articles: dict[str, set[str]] = {}
    uses: dict[tuple[str, str, str], dict[str, int]] = {}  # (entity, lang, base) -> doc -> count
    dates: dict[str, str | None] = {}
    for spec, summary in documents:
        dates[spec.id] = spec.date
        for entity in summary.names:
            canonical.setdefault(entity.entity, entity.canonical)
            forms.setdefault(entity.entity, {}).update(dict.fromkeys(entity.source_forms))
            articles.setdefault(entity.entity, set()).add(spec.id)
            for lang, counts in entity.renderings.items():
                for rendering in counts:
                    per_doc = uses.setdefault((entity.entity, lang, rendering.base), {})
                    per_doc[spec.id] = per_doc.get(spec.id, 0) + rendering.count
    renderings: dict[str, dict[str, list[RenderingUse]]] = {}
    for (entity_id, lang, base), per_doc in uses.items():
        seen = sorted(d for d in (dates[doc] for doc in per_doc) if d)
        renderings.setdefault(entity_id, {}).setdefault(lang, []).append(RenderingUse(
            base=base, articles=len(per_doc), mentions=sum(per_doc.values()),
            documents=tuple(sorted(per_doc)),
            first_seen=seen[0] if seen else None, last_seen=seen[-1] if seen else None))
    entries = [
        NameEntry(
            entity=entity_id,
            canonical=canonical[entity_id],
            source_forms=tuple(forms[entity_id]),
            articles=len(articles[entity_id]),
            renderings={lang: tuple(sorted(found, key=lambda u: (-u.articles, -u.mentions, u.base)))
                        for lang, found in sorted(renderings.get(entity_id, {}).items())},
        )
        for entity_id in canonical
    ]
    return tuple(sorted(entries, key=lambda e: (-e.articles, e.entity)))


def drift(memory: Sequence[NameEntry], documents: Sequence[tuple[DocumentSpec, DocumentSummary]],
          settings: MemorySettings) -> tuple[DriftFinding, ...]:
    """Articles that render a name otherwise than the rest of the site does."""
    by_entity = {entry.entity: entry for entry in memory}
    check = CHECKS[DRIFT_CHECK]
    found: list[DriftFinding] = []
    for spec, summary in documents:
        for entity in summary.names:
            entry = by_entity[entity.entity]
            for lang, counts in entity.renderings.items():
                bases = {r.base for r in counts}
                site = entry.established(lang, settings)
                if site is None or site.base in bases or not counts:
                    continue
                here = counts[0].base
                articles = site.articles
                message = (f"{entry.canonical} is rendered {site.base!r} in {articles} "
                           f"article{'s' if articles != 1 else ''} of this site, "
                           f"{here!r} in this one")
                found.append(DriftFinding(spec.id, lang, Finding(
                    check=check.id, severity=check.severity, message=message,
                    entity=entity.entity, expected=site.base)))
    return tuple(found)
