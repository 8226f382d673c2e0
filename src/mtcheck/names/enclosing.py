"""A second spelling that stands only where the source's mention is a word of a longer name.

A name inside a longer one is often another thing with a form of its own: the river of
"Jordan Valley" is le Jourdain where the country is la Jordanie; an institution keeps its
name as it is registered (the Casa do Douro of a Spanish text that writes el Duero
elsewhere). A translation that writes the name one way wherever it stands alone and
another way only inside such longer names follows those names, not two spellings of
one: it is no ``names.inconsistent`` finding.

A longer name is a run of capitalised words (name particles may stand between them) in
the source sentence that holds the mention and more words than the mention. Only in a
source language that does not capitalise its nouns (in German every noun would join the
run), and not in a sentence written in title case, where every word is capitalised.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping, Sequence

from mtcheck.names.brands import _capitalised_runs
from mtcheck.names.inflection import rules_for
from mtcheck.names.inventory import Mention
from mtcheck.types import Alignment, NameRendering, SegmentedDocument

# A sentence with at least this share of capitalised words is in title case: its runs say
# nothing about longer names.
_TITLE_CASE = 0.6


def _title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= _TITLE_CASE * len(words)


def enclosed_mentions(source: SegmentedDocument, mentions: Sequence[Mention],
                      particles: Collection[str]) -> frozenset[tuple[str, int]]:
    """(entity, source sentence id) where every mention of the entity in that sentence is a
    word of a longer capitalised run (see the module's docstring); empty for a source
    language that capitalises nouns."""
    if rules_for(source.lang).capitalises_nouns:
        return frozenset()
    texts = {s.id: unicodedata.normalize("NFC", s.text) for s in source.sentences}
    runs = {sid: [(start, end) for start, end, words in _capitalised_runs(text, particles)
                  if len(words) >= 2]
            for sid, text in texts.items() if not _title_case(text)}
    inside: dict[tuple[str, int], bool] = {}
    for mention in mentions:
        key = (mention.entity, mention.sentence_id)
        enclosed = any(start <= mention.start and mention.end <= end
                       and (start, end) != (mention.start, mention.end)
                       for start, end in runs.get(mention.sentence_id, ()))
        inside[key] = inside.get(key, True) and enclosed
    return frozenset(key for key, enclosed in inside.items() if enclosed)


def follows_longer_names(renderings: Sequence[NameRendering], label: Mapping[str, str],
                         entity: str, alignment: Alignment,
                         enclosed: Collection[tuple[str, int]]) -> bool:
    """True when the translation writes the name two ways, one of them only in target
    sentences whose source mentions it inside longer names (``enclosed``: entity, source
    sentence id) and the other where the source's mention stands alone at least once.
    ``label`` maps a rendering's base form to its spelling; renderings of other bases are
    ignored."""
    spellings = set(label.values())
    if len(spellings) != 2:
        return False
    sources: dict[int, list[int]] = {}
    for pair in alignment.pairs:
        for tid in pair.target_ids:
            sources.setdefault(tid, []).extend(pair.source_ids)
    alone: dict[str, bool] = {s: False for s in spellings}
    for rendering in renderings:
        spelling = label.get(rendering.base)
        if spelling is None:
            continue
        here = sources.get(rendering.sentence_id, [])
        if not here or not all((entity, sid) in enclosed for sid in here):
            alone[spelling] = True
    return sorted(alone.values()) == [False, True]
