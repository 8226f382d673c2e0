"""A second spelling that stands only where the source's mention is a word of a longer name.

A name inside a longer one is often another thing with a form of its own: the river of
"Jordan Valley" is le Jourdain where the country is la Jordanie; an institution keeps its
name as it is registered (the Casa do Douro of a Spanish text that writes el Duero
elsewhere). A translation that writes the name one way wherever it stands alone and
another way only inside such longer names follows those names, not two spellings of
one: it is no ``names.inconsistent`` finding.

A longer name is a run of capitalised words (name particles may stand between them) in
the source sentence that holds the mention, more words than the mention, one of them a
common word of the source language (Valley, Casa, University: the longer name names a
thing by a noun). Not a person's full name: a surname inside it is that person's name,
whose spelling is the translator's (a slip in the first mention of "Grace Wambui
Ndirangu" is a slip, though Grace is a common word): the caller leaves out the names the
recogniser tags as people wherever it sees them (not Jordan, which it tags as a person,
a place and an organisation). Only in a source language
that does not capitalise its nouns (in German every noun would join the run), and not in a
sentence written in title case, where every word is capitalised.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence

from mtcheck.names.brands import _capitalised_runs
from mtcheck.names.inflection import rules_for
from mtcheck.names.inventory import Mention
from mtcheck.types import Alignment, Entity, Finding, NameVariant, SegmentedDocument

# A sentence with at least this share of capitalised words is in title case: its runs say
# nothing about longer names.
_TITLE_CASE = 0.6


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= _TITLE_CASE * len(words)


def enclosed_mentions(source: SegmentedDocument, mentions: Sequence[Mention],
                      particles: Collection[str], common: Callable[[str], bool]
                      ) -> frozenset[tuple[str, int]]:
    """(entity, source sentence id) where every mention of the entity in that sentence is a
    word of a longer capitalised run with a ``common`` word of its own (see the module's
    docstring); empty for a source language that capitalises nouns."""
    if rules_for(source.lang).capitalises_nouns:
        return frozenset()
    texts = {s.id: unicodedata.normalize("NFC", s.text) for s in source.sentences}
    runs = {sid: [(start, end, words) for start, end, words in _capitalised_runs(text, particles)
                  if len(words) >= 2]
            for sid, text in texts.items() if not _title_case(text)}
    inside: dict[tuple[str, int], bool] = {}
    for mention in mentions:
        key = (mention.entity, mention.sentence_id)
        own = set(mention.text.split())
        enclosed = any(start <= mention.start and mention.end <= end
                       and (start, end) != (mention.start, mention.end)
                       and any(common(w) for w in words if w not in own)
                       for start, end, words in runs.get(mention.sentence_id, ()))
        inside[key] = inside.get(key, True) and enclosed
    return frozenset(key for key, enclosed in inside.items() if enclosed)


def follows_longer_names(variants: Sequence[NameVariant], entity: Entity, alignment: Alignment,
                         enclosed: Collection[tuple[str, int]],
                         slip: Callable[[str, str], bool]) -> bool:
    """True when a name is written two ways (``variants``), one of them only in target
    sentences whose source mentions it inside longer names (``enclosed``: entity id, source
    sentence id) and the other in a sentence whose source mention stands alone; and the
    one inside longer names is the source's own spelling (Casa do Douro, copied) or no
    ``slip`` of the other (Jourdain beside Jordanie). A spelling a letter or two off the
    other is a slip wherever it stands."""
    if len(variants) != 2:
        return False
    sources: dict[int, list[int]] = {}
    for pair in alignment.pairs:
        for tid in pair.target_ids:
            sources.setdefault(tid, []).extend(pair.source_ids)

    def alone(tid: int) -> bool:
        here = sources.get(tid, [])
        return not here or not all((entity.id, sid) in enclosed for sid in here)

    inside = [v for v in variants if not any(alone(t) for t in v.sentence_ids)]
    if len(inside) != 1:
        return False
    other = next(v for v in variants if v is not inside[0])
    return inside[0].base in entity.source_forms or not slip(inside[0].base, other.base)


def longer_names_followed(findings: Sequence[Finding], alignment: Alignment,
                          entities: Mapping[str, Entity],
                          enclosed: Collection[tuple[str, int]],
                          people: Collection[str],
                          slip: Callable[[str, str], bool]) -> tuple[Finding, ...]:
    """``findings`` less the ``names.inconsistent`` ones whose two spellings follow longer
    names of the source (see :func:`follows_longer_names`), except on ``people``."""
    def followed(finding: Finding) -> bool:
        entity = entities.get(finding.entity or "")
        return (finding.check == "names.inconsistent" and entity is not None
                and entity.id not in people
                and follows_longer_names(finding.variants, entity, alignment, enclosed, slip))

    return tuple(f for f in findings if not followed(f))
