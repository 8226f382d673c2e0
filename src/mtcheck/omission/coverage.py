"""Word support: how many of a piece's content words have a counterpart in the translation.

A content word of the source is *supported* by a translation when its usual
translation (learnt from the document's own pairs, :class:`DocumentLexicon`) is
in it, or when it is found there as itself after romanisation (names, numbers
written as words, cognates: "Expedition" ~ "expédition", "Tunnel" ~ "тоннель").
How often that happens depends on the language pair and the translator, so the
document says it itself: the share of content words supported by their own
pair's translation (``translated``), and by the translation of the next pair
(``unrelated``: same topic, same names, but not this sentence). A piece whose
words are supported at the unrelated rate while the rest of its pair's words are
supported at the translated rate is evidence of an omission; the evidence is a
log-likelihood ratio (binomial), so it grows with the number of words in the
piece and turns negative when the piece is as well supported as the rest.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mtcheck.frequency import zipf
from mtcheck.omission.named import named
from mtcheck.omission.support import (
    DocumentLexicon,
    TargetIndex,
    lexical_unit,
    number_found,
    numbers,
    spaced,
    word_found,
    word_offsets,
)

# Words at least this frequent (wordfreq Zipf) are function words: no support is looked for.
FUNCTION_ZIPF = 6.0
# Left off the start of a gap (what ends the kept part before it); its end keeps its mark.
_EDGE = " \t,;:"
# Shortest content word.
MIN_LETTERS = 3
# Support rates are kept in this range, so one word never weighs more than about 1.5 nats.
_RATE_BOUNDS = (0.02, 0.8)


@dataclass(frozen=True)
class SupportRates:
    """Share of content words supported by their own translation and by an unrelated one."""

    translated: float
    unrelated: float
    words: int


@dataclass(frozen=True)
class WordFlags:
    """Content words of one source sentence (offsets) and whether each is supported, and the
    spans of what the translation is known to have: supported words and numbers found."""

    offsets: tuple[int, ...]  # in the order of the sentence (ascending)
    supported: tuple[bool, ...]
    kept: tuple[tuple[int, int], ...] = ()
    # Each rare word (names, terms: the anchors) of the sentence, once: found romanised in
    # the translation or not.
    rare_found: tuple[bool, ...] = ()
    # Whether each of those is a name (see mtcheck.omission.named).
    rare_named: tuple[bool, ...] = ()
    # Per content word (as ``offsets``): whether a bilingual dictionary knows it, and whether
    # one of its translations is in the translation (mtcheck.omission.dictionary); empty
    # without a dictionary.
    known: tuple[bool, ...] = ()
    listed: tuple[bool, ...] = ()

    def count(self, start: int, end: int) -> tuple[int, int]:
        """(supported, all) content words inside ``[start, end)``."""
        first, last = bisect_left(self.offsets, start), bisect_left(self.offsets, end)
        return sum(self.supported[first:last]), last - first

    def listed_count(self, start: int, end: int) -> tuple[int, int]:
        """(words with a dictionary translation in the translation, words the dictionary
        knows) inside ``[start, end)``."""
        if not self.known:
            return 0, 0
        first, last = bisect_left(self.offsets, start), bisect_left(self.offsets, end)
        return sum(self.listed[first:last]), sum(self.known[first:last])

    def gaps(self, text: str, min_words: int) -> tuple[tuple[int, int], ...]:
        """(start, end) of each stretch of ``text`` between two things the translation has
        (or the sentence's edge) holding at least ``min_words`` unsupported content words:
        where a left-out part would be when it matches no clause boundary."""
        edges = [(0, 0), *sorted(self.kept), (len(text), len(text))]
        spans = []
        for (_, left), (right, _) in itertools.pairwise(edges):
            if right <= left:
                continue
            _supported, total = self.count(left, right)
            if total < min_words:
                continue
            piece = text[left:right]
            start = left + len(piece) - len(piece.lstrip(_EDGE))
            end = right - (len(piece) - len(piece.rstrip(" \t")))
            if start < end:
                spans.append((start, end))
        return tuple(spans)


def content_words(text: str, lang: str) -> tuple[tuple[int, str], ...]:
    """(offset, word) of the words worth looking for; none in a source written without spaces
    (its words are not separated, so there is nothing to count)."""
    return tuple((offset, w) for offset, w, _ in _content_words(text, lang))


def _content_words(text: str, lang: str) -> list[tuple[int, str, float]]:
    """:func:`content_words` with each word's frequency (wordfreq Zipf)."""
    if not spaced(lang):
        return []
    found = []
    for offset, w in zip(*word_offsets(text), strict=True):
        if len(w) >= MIN_LETTERS:
            frequency = zipf(w.lower(), lang)
            if frequency < FUNCTION_ZIPF:
                found.append((offset, w, frequency))
    return found


def word_flags(text: str, lang: str, lexicon: DocumentLexicon, found: TargetIndex,
               target_units: frozenset[str], similarity: float, rare_zipf: float,
               min_letters: int = MIN_LETTERS, names: frozenset[str] = frozenset(),
               dictionary: Callable[[str], frozenset[str]] | None = None,
               target_keys: frozenset[str] = frozenset(), fold: bool = False,
               ) -> WordFlags:
    """Which content words of a source sentence the translation ``found`` supports.

    Rare words (below ``rare_zipf``: names, terms) are anchors with evidence of their own;
    they are not counted here, so that a piece of common words is not held to the rate of a
    rest full of names, which are far easier to find. Found, they still bound a gap, and
    whether each one of at least ``min_letters`` letters is found romanised is kept
    (``rare_found``: the document's rate of finding its anchors). ``names``: frequent words
    the document's translation writes by their sound (see :mod:`mtcheck.omission.sounded`),
    anchors as the rare ones are. ``dictionary``: a bilingual dictionary's look-up (source
    word -> keys of its translations) and ``target_keys`` the translation's keys
    (:mod:`mtcheck.omission.dictionary`): each common word is flagged as known to it and as
    listed (a translation of it found); with ``fold``, a listed word is supported too.
    """
    offsets, flags, kept = [], [], []
    known: list[bool] = []
    listed: list[bool] = []
    rare: dict[str, bool] = {}
    for offset, word, frequency in _content_words(text, lang):
        common = frequency >= rare_zipf and word not in names
        associates = lexicon.associates.get(lexical_unit(word, lexicon.stems))
        if common or len(word) < min_letters:
            supported = (bool(associates and associates & target_units)
                         or word_found(word, lang, found, similarity))
        else:
            if word not in rare:
                rare[word] = word_found(word, lang, found, similarity)
            supported = rare[word] or bool(associates and associates & target_units)
        keys = dictionary(word) if common and dictionary is not None else frozenset()
        hit = bool(keys & target_keys)
        if fold and hit:
            supported = True
        if supported:
            kept.append((offset, offset + len(word)))
        if common:
            offsets.append(offset)
            flags.append(supported)
            if dictionary is not None:
                known.append(bool(keys))
                listed.append(hit)
    kept += [(n.start, n.end) for n in numbers(text, lang) if number_found(n, found.numbers)]
    return WordFlags(tuple(offsets), tuple(flags), tuple(sorted(kept)), tuple(rare.values()),
                     tuple(named(w, lang) for w in rare), tuple(known), tuple(listed))


def support_rates(own: Sequence[WordFlags], other: Sequence[WordFlags]) -> SupportRates:
    """Document rates from the flags of every pair against its own translation (``own``) and
    against the next pair's (``other``)."""
    words = sum(len(f.supported) for f in own)
    translated = sum(sum(f.supported) for f in own) / words if words else 0.0
    other_words = sum(len(f.supported) for f in other)
    unrelated = sum(sum(f.supported) for f in other) / other_words if other_words else 0.0
    return SupportRates(translated, unrelated, words)


def dictionary_rates(own: Sequence[WordFlags], other: Sequence[WordFlags]) -> SupportRates:
    """The same rates for the dictionary's flags: among the words it knows, the share with a
    translation in their own pair's translation, and in the next pair's."""
    words = sum(sum(f.known) for f in own)
    translated = sum(sum(f.listed) for f in own) / words if words else 0.0
    other_words = sum(sum(f.known) for f in other)
    unrelated = sum(sum(f.listed) for f in other) / other_words if other_words else 0.0
    return SupportRates(translated, unrelated, words)


def support_evidence(supported: int, total: int, rest_supported: int, rest_total: int,
                     rates: SupportRates, prior_words: float) -> float:
    """Log-likelihood ratio of "the piece's words were left out" (each supported only by chance,
    at the document's unrelated rate) against "they were translated" (supported at the rate of
    the rest of the pair, shrunk towards the document's translated rate by ``prior_words``)."""
    if total == 0:
        return 0.0
    low, high = _RATE_BOUNDS
    weight = rest_total + prior_words
    present = ((rest_supported + prior_words * rates.translated) / weight if weight > 0
               else rates.translated)
    present = min(max(present, low), high)
    absent = min(max(rates.unrelated, low), high)
    if present <= absent:
        return 0.0
    return (supported * math.log(absent / present)
            + (total - supported) * math.log((1 - absent) / (1 - present)))


def mark_rate(pairs: Sequence[tuple[int, int]]) -> float | None:
    """Clause marks of the translations per clause mark of their sources over the document's
    pairs ((source marks, target marks) each); None without marks in the source."""
    source = sum(s for s, _ in pairs)
    return sum(t for _, t in pairs) / source if source else None


def mark_evidence(source_marks: int, removed: int, target_marks: int, rate: float | None,
                  smoothing: float) -> float:
    """Log-likelihood ratio (Poisson) of the translation's clause marks given that a piece
    taking ``removed`` of the source's marks with it was left out, against nothing left out.
    A translation that lost a clause usually lost the comma that set it off too."""
    if rate is None or removed <= 0:
        return 0.0
    # One mark at most: a clause left out takes the mark that set it off; a piece full of
    # marks (a list, a bracketed reference) says no more, and free renderings that drop
    # the source's punctuation would otherwise weigh as several omissions.
    removed = 1
    kept = rate * max(source_marks - removed, 0) + smoothing
    whole = rate * source_marks + smoothing
    if kept <= 0 or whole <= 0:  # no smoothing and no marks left: nothing to compare
        return 0.0
    return target_marks * math.log(kept / whole) - (kept - whole)
