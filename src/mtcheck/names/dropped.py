"""When a name found nowhere in a translation may be reported as dropped from it.

The stage reports a name missing only where it knows how the translation writes it (see
:func:`mtcheck.names.consistency.name_findings`). Two kinds of names are found nowhere for
two reasons at once, and need a second look before they are reported:

* a person that no translation into another script renders anywhere: people are never
  translated by meaning, so each of those translations either dropped the name or wrote a
  transliteration the matcher cannot see (Гоу Тинвэй, 쩐꾸옥카인);
* a multi-word name of common words (Cat Ba, Bay of Bengal), usually translated as a phrase
  (South Asia -> Asie du Sud), that other translations render all the same.

Such a name is reported as dropped from an aligned pair only when nothing there can be its
unseen rendering: no unknown name-like word stands in the pair (capitalised inside the
sentence where only names are capitalised, rare and capitalised where nouns are too, or a
rare katakana word; an acronym is another organisation's name, not this one), in a script
where name-like words can be told at all (a cased script, or Japanese katakana). In
Hangul, in Han characters or in a script without case a transliteration cannot be told
from other words: nothing is reported there.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from mtcheck.languages import get_language
from mtcheck.names.consistency import unknown_names
from mtcheck.types import Finding, NameRendering, SegmentedDocument

# Scripts whose name-like words can be told from others: by a capital letter, or (Japanese)
# by katakana.
_TELLING_SCRIPTS = frozenset({"Latn", "Cyrl", "Grek", "Armn", "Jpan"})


def confirmed_drops(findings: Sequence[Finding], target: SegmentedDocument,
                    renderings: Sequence[NameRendering], doubtful: Collection[str],
                    rare_zipf: float) -> tuple[Finding, ...]:
    """``findings`` less the ``names.missing`` ones on a ``doubtful`` entity (see the
    module's docstring) in a pair that may hold its unseen rendering: an unknown name (a
    word rarer than ``rare_zipf`` that looks like a name, see
    :func:`mtcheck.names.consistency.unknown_names`), or a script where such words cannot
    be told."""
    if not doubtful:
        return tuple(findings)
    telling = get_language(target.lang).script in _TELLING_SCRIPTS
    spans: dict[int, list[tuple[int, int]]] = {}
    for rendering in renderings:
        spans.setdefault(rendering.sentence_id, []).append((rendering.start, rendering.end))
    def unseen(ids: Sequence[int]) -> bool:
        return any(not _acronym(word) for word in unknown_names(target, ids, spans, rare_zipf))

    return tuple(f for f in findings
                 if f.check != "names.missing" or f.entity not in doubtful
                 or (telling and not unseen(f.target_ids)))


def _acronym(word: str) -> bool:
    """An acronym (ЮНЕСКО, ISRO): another organisation's short name, never the
    transliteration of a person or of a phrase."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)
