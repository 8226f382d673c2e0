"""Rare words that are names and rare words that are terms, weighed apart.

A rare word of the source (wordfreq Zipf below ``rare_zipf``) is an anchor: found in
the translation it says the piece is there, missing it says the piece may be lost.
How much depends on how reliably the document's translation keeps such words, and
names and terms differ there: a name written in another script romanises back to its
source (``Rosario``: ``Росарио``, ``ロサリオ``), a term is translated into a word of
its own (``humedales``: ``водно-болотные угодья``). Pooled, the terms pull the
document's rate of finding its rare words down, and a missing name then weighs as
little as a missing term. So a document's rates are counted per class: a capitalised
rare word is a name (in a language that capitalises every noun, German, capitals say
nothing and the rates stay pooled), any other a term. A class with too few words keeps
the pooled rates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# (evidence per word missing, evidence per word found), or None for the config's defaults.
Weights = tuple[float, float] | None


@lru_cache(maxsize=256)
def _capitals_mark_names(lang: str) -> bool:
    from mtcheck.names.inflection import rules_for

    return not rules_for(lang).capitalises_nouns


def named(word: str, lang: str) -> bool:
    """Whether the rare word ``word`` of a ``lang`` source counts as a name: capitalised, in
    a language whose capitals mark names (not German's nouns)."""
    return word[:1].isupper() and _capitals_mark_names(lang)


@dataclass(frozen=True)
class AnchorWeights:
    """The document's evidence per rare word missing and found, for names and for terms."""

    names: Weights
    terms: Weights

    def of(self, word: str, lang: str) -> Weights:
        return self.names if named(word, lang) else self.terms


def class_weights(own: Sequence[tuple[bool, bool]], other: Sequence[tuple[bool, bool]],
                  weights: Callable[[Sequence[bool], Sequence[bool]], Weights],
                  min_words: int) -> AnchorWeights:
    """Weights per class from (is a name, found) of each rare word in its own pair's
    translation (``own``) and in the next pair's (``other``); ``weights`` gives them from
    the found flags (the document's :func:`anchor_weights`). A class with fewer than
    ``min_words`` words in ``own`` gets the pooled weights."""
    pooled = weights([f for _, f in own], [f for _, f in other])

    def of_class(is_name: bool) -> Weights:
        mine = [f for n, f in own if n == is_name]
        if len(mine) < min_words:
            return pooled
        return weights(mine, [f for n, f in other if n == is_name])

    return AnchorWeights(of_class(True), of_class(False))
