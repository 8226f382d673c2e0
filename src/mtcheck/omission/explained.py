"""How much of a translation the rest of its source already explains.

Word support (:mod:`mtcheck.omission.coverage`) asks whether a piece's own words have a
counterpart in the translation. This module asks the converse, from the translation's
side: if the piece was left out, every content word of the translation translates
something in the *rest* of the pair, and the rest matches them at the document's usual
rate; if the piece was translated, its share of the translation's words is matched by the
rest only by chance. So a translation whose words the rest of the source accounts for as
well as a whole source usually accounts for its translation's words has no room left for
the piece, however long it is (a free rendering of the rest, a merge with the
neighbour's translation).

A target word is matched by a source word when the document lexicon gives the source
word's unit that target unit, or when the two match romanised (names, cognates, as for
the anchors). The document says how often a target word is matched by its own pair's
source and by the next pair's (chance); the evidence is a binomial log-likelihood ratio.
Only translations written with spaces have words to count.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from mtcheck.frequency import zipf
from mtcheck.omission.support import (
    DocumentLexicon,
    lexical_unit,
    spaced,
    word_key,
    word_offsets,
)

# Words at least this frequent (wordfreq Zipf) are function words, on either side.
FUNCTION_ZIPF = 6.0
MIN_LETTERS = 3
# Match rates are kept in this range, so one word never weighs more than about 2 nats.
_RATE_BOUNDS = (0.05, 0.9)
# Romanised keys this long share their first letters, or this trigram Dice: the same word.
_PREFIX = 5


@dataclass(frozen=True)
class TargetWords:
    """The content words of a translation: their lexicon units and romanised keys."""

    units: tuple[str, ...]
    keys: tuple[tuple[str, frozenset[str]], ...]


@dataclass(frozen=True)
class SentenceMatches:
    """For each content word of a source sentence (by offset), the content words of the
    translation (indices into :class:`TargetWords`) it matches."""

    offsets: tuple[int, ...]
    matched: tuple[frozenset[int], ...]

    def outside(self, start: int, end: int) -> frozenset[int]:
        """Target words matched by this sentence's words outside ``[start, end)``."""
        return frozenset().union(*(m for o, m in zip(self.offsets, self.matched, strict=True)
                                   if not start <= o < end))

    def every(self) -> frozenset[int]:
        return frozenset().union(*self.matched)


@dataclass(frozen=True)
class MatchRates:
    """Share of a translation's content words matched by its own source and by an unrelated
    one (the next pair's)."""

    own: float
    unrelated: float


def _content(text: str, lang: str) -> list[str]:
    return [w for _, w in word_offsets(text)
            if len(w) >= MIN_LETTERS and zipf(w.lower(), lang) < FUNCTION_ZIPF]


def target_words(text: str, lang: str, stems: bool) -> TargetWords:
    """The translation's content words (none in a language written without spaces)."""
    if not spaced(lang):
        return TargetWords((), ())
    found = _content(text, lang)
    return TargetWords(tuple(lexical_unit(w, stems) for w in found),
                       tuple(word_key(w, lang) for w in found))


def _same(key: str, grams: frozenset[str], other: str, other_grams: frozenset[str],
          similarity: float) -> bool:
    if len(key) >= _PREFIX and len(other) >= _PREFIX and key[:_PREFIX] == other[:_PREFIX]:
        return True
    shared = len(grams & other_grams)
    return bool(shared) and 2 * shared / (len(grams) + len(other_grams)) >= similarity


def sentence_matches(text: str, lang: str, target: TargetWords, lexicon: DocumentLexicon,
                     similarity: float) -> SentenceMatches:
    """Which of the translation's content words each content word of a source sentence
    matches (lexicon or romanised form)."""
    if not target.units or not spaced(lang):
        return SentenceMatches((), ())
    offsets, matched = [], []
    for offset, word in word_offsets(text):
        if len(word) < MIN_LETTERS or zipf(word.lower(), lang) >= FUNCTION_ZIPF:
            continue
        unit = lexical_unit(word, lexicon.stems)
        associates = lexicon.associates.get(unit, frozenset())
        key, grams = word_key(word, lang)
        hits = frozenset(k for k, (t_unit, (t_key, t_grams))
                         in enumerate(zip(target.units, target.keys, strict=True))
                         if t_unit in associates
                         or (len(key) >= 3 and _same(key, grams, t_key, t_grams, similarity)))
        offsets.append(offset)
        matched.append(hits)
    return SentenceMatches(tuple(offsets), tuple(matched))


def match_rates(own: Sequence[tuple[int, int]], other: Sequence[tuple[int, int]]) -> MatchRates:
    """Document rates from (target content words, those matched) of every pair against its
    own source (``own``) and against the next pair's source (``other``)."""
    def rate(counts: Sequence[tuple[int, int]]) -> float:
        total = sum(n for n, _ in counts)
        return sum(m for _, m in counts) / total if total else 0.0
    return MatchRates(rate(own), rate(other))


def explained_evidence(matched: int, total: int, share: float, rates: MatchRates) -> float:
    """Log-likelihood ratio of "the piece was left out" (the rest of the source matches the
    translation's ``total`` content words at the document's own rate) against "it was
    translated" (its ``share`` of the translation is matched by the rest only by chance);
    ``matched`` of them are matched by the rest."""
    if total == 0 or share <= 0:
        return 0.0
    low, high = _RATE_BOUNDS
    own = min(max(rates.own, low), high)
    unrelated = min(max(rates.unrelated, low), high)
    if own <= unrelated:
        return 0.0
    share = min(share, 1.0)
    kept = (1 - share) * own + share * unrelated
    return (matched * math.log(own / kept)
            + (total - matched) * math.log((1 - own) / (1 - kept)))
