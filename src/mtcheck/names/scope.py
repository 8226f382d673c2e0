"""Where a translation is expected to render a name, and in which of the source's spellings.

A rendering only says something about a name's spelling in a target sentence aligned to
a source sentence that mentions the name: elsewhere a word that sounds like it is another
word (유로 "euro" in a sentence about prices, not 유럽 "Europe"). And where the source itself
uses two different names for one entity (the old and new name of a city, Semipalatinsk and
Semey; a town and a company named after it, Telavi and Teliani), the translations follow
it: two spellings of the target are a variant only when they render one spelling of the
source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from mtcheck.names.inflection import rules_for, same_spelling, unaccented
from mtcheck.names.inventory import Mention
from mtcheck.romanize import sound_key
from mtcheck.types import Alignment, Entity, NameRendering

# A shorter form inside a longer one is the same spelling from this many letters on
# (Höhenzahl / Höhenzahlen); shorter ones (Al / Alazani) are not.
_MIN_CONTAINED = 3


def one_spelling(first: str, second: str, lang: str) -> bool:
    """True when two source forms are one spelling of a name: inflected forms of it in the
    source language (Südostgrates / Südostgrat), a full name and a word of it ("Sergei
    Shoigu" / "Shoigu"), or a form inside another (Höhenzahl / Höhenzahlen)."""
    if first == second or same_spelling(first, second, rules_for(lang)):
        return True
    if first in second.split() or second in first.split():
        return True
    short, long = sorted((unaccented(first), unaccented(second)), key=len)
    return len(short) >= _MIN_CONTAINED and short in long


def spellings(forms: Sequence[str], lang: str) -> dict[str, str]:
    """Each source form -> the first form (in the order given) of its spelling."""
    heads: list[str] = []
    out: dict[str, str] = {}
    for form in forms:
        head = next((h for h in heads if one_spelling(form, h, lang)), None)
        if head is None:
            heads.append(form)
            head = form
        out[form] = head
    return out


def mention_scopes(alignment: Alignment, entities: Sequence[Entity],
                   mentions: Sequence[Mention], lang: str) -> dict[str, dict[int, frozenset[str]]]:
    """entity id -> target sentence id -> the source spellings (see :func:`spellings`) that
    the source sentences aligned to it mention."""
    heads = {e.id: spellings(e.source_forms, lang) for e in entities}
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence_id, []).append(mention)
    scopes: dict[str, dict[int, set[str]]] = {}
    for pair in alignment.pairs:
        for sid in pair.source_ids:
            for mention in by_sentence.get(sid, ()):
                head = heads.get(mention.entity, {}).get(mention.text, mention.text)
                targets = scopes.setdefault(mention.entity, {})
                for tid in pair.target_ids:
                    targets.setdefault(tid, set()).add(head)
    return {e: {t: frozenset(h) for t, h in targets.items()} for e, targets in scopes.items()}


def _closest(surface: str, heads: frozenset[str], lang: str) -> str:
    """The source spelling a rendering sounds most like (ties: the first in order)."""
    key = sound_key(surface, lang)
    return max(sorted(heads),
               key=lambda h: fuzz.ratio(key, sound_key(h, "en")))


def follows_source(renderings: Sequence[NameRendering], label: Mapping[str, str],
                   scope: Mapping[int, frozenset[str]], lang: str) -> bool:
    """True when the translation's several spellings of a name only follow the source's
    several names for it: each source spelling is rendered one way. ``label`` maps a
    rendering's base form to its spelling (renderings of other bases are ignored); a
    rendering in a sentence whose source has two spellings counts for the one it sounds
    most like."""
    if len({h for heads in scope.values() for h in heads}) < 2:
        return False
    seen: dict[str, set[str]] = {}
    for rendering in renderings:
        heads = scope.get(rendering.sentence_id)
        if not heads or rendering.base not in label:
            continue
        head = next(iter(heads)) if len(heads) == 1 else _closest(rendering.surface, heads, lang)
        seen.setdefault(head, set()).add(label[rendering.base])
    return all(len(found) <= 1 for found in seen.values())
