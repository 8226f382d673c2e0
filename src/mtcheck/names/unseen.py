"""Names one translation renders nowhere: one finding per name, not one per sentence.

When the matcher finds a name in none of a translation's sentences while other
translations of the document render it, the per-sentence ``names.missing`` findings of
that translation share one cause. A translator leaving the same name out of every
sentence that mentions it is far less likely than the translation writing it in a form
the matcher does not read (a transliteration it cannot match, a name translated by
meaning): either way the fix is one decision about that name, not N drops. Those findings
become one, naming every source sentence, at warning where the translation shares the
source's script (names are copied there, so the matcher reads them) and at info in
another script, where an unread transliteration is the likelier cause.

A name mentioned once keeps its one finding: a single drop is the common planted and
real error, and nothing tells it from an unread form.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from mtcheck.checks import describe_sentences
from mtcheck.types import Entity, Finding, Severity


def merge_unseen(findings: Sequence[Finding], rendered_here: Collection[str],
                 rendered_by_others: Collection[str], entities: Mapping[str, Entity],
                 copied_script: bool) -> tuple[Finding, ...]:
    """``findings`` with the ``names.missing`` findings on each name this translation
    renders nowhere (not in ``rendered_here``) and another translation renders (in
    ``rendered_by_others``) merged into one, when there are two or more of them. Not a
    glossary name: its accepted forms are known, so the check reads them.

    The merged finding keeps the first one's place in the order, every source and target
    sentence and span of the others, and says that the name is found nowhere here."""
    groups: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        entity = finding.entity
        if (finding.check == "names.missing" and entity is not None and entity in entities
                and not entities[entity].from_glossary
                and entity not in rendered_here and entity in rendered_by_others):
            groups.setdefault(entity, []).append(index)
    merged: dict[int, Finding] = {}
    dropped: set[int] = set()
    for entity, indices in groups.items():
        if len(indices) < 2:
            continue
        members = [findings[i] for i in indices]
        source_ids = tuple(sorted({s for f in members for s in f.source_ids}))
        target_ids = tuple(sorted({t for f in members for t in f.target_ids}))
        spans = tuple(dict.fromkeys(span for f in members for span in f.spans))
        message = (f"{entities[entity].canonical} ({describe_sentences(source_ids)} of the "
                   f"source) is found nowhere in this translation, which other translations "
                   f"render it in: written in a form the check does not read, or left out "
                   f"throughout")
        merged[indices[0]] = Finding(
            check="names.missing",
            severity=Severity.WARNING if copied_script else Severity.INFO,
            message=message, source_ids=source_ids, target_ids=target_ids, spans=spans,
            entity=entity)
        dropped.update(indices[1:])
    return tuple(merged.get(i, f) for i, f in enumerate(findings) if i not in dropped)
