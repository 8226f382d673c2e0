"""Local length between anchors: is there room in the translation for a piece of the source?

The length term of :mod:`mtcheck.omission.detect` compares a whole pair's length with the
document's length model, so a clause lost from a long, freely translated sentence is diluted
in the rest of it. Words the translation has (numbers, the document lexicon's usual
translations, cognates and names after romanisation) pin points of the source to points of
the translation. A piece of the source lies between two such points, the last before it and
the first after it (or the sentence's edges); the stretch of the translation between the same
two points must hold the piece's translation. When the piece was left out, the anchors on
both sides of it land next to each other in the translation, and that stretch is short by
about the piece's length, however long the rest of the sentence is.

The evidence is a log-likelihood ratio under the document's own model of local stretches:
the log ratio of a stretch's length in the translation to the document's usual ratio times
its length in the source, around the median and with the spread of the document's own pieces
(their stretches as they are, median absolute deviation), and a broad spread for the share of
them that lie far off (a translator who moved a clause, an anchor in the wrong place): in a
loose translation a short stretch says less.
Anchors are kept only when they run in order on both sides (the longest monotone chain), so
one chance match cannot pin a stretch; a stretch bounded by the sentence's edges on both sides
says no more than the length term and gives nothing.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from mtcheck.frequency import zipf
from mtcheck.omission.dictionary import keys_of
from mtcheck.omission.lengths import SMOOTHING, text_length
from mtcheck.omission.support import (
    DocumentLexicon,
    all_numbers,
    lexical_unit,
    numbers,
    spaced,
    word_key,
    word_offsets,
)
from mtcheck.segment import ends_sentence

# Words at least this frequent (wordfreq Zipf) are function words: no anchors.
_FUNCTION_ZIPF = 6.0
# Shortest word that can be an anchor, and shortest romanised key compared as a cognate.
_MIN_LETTERS = 3
_MIN_KEY = 4
# Romanised keys at least this similar (rapidfuzz ratio) are one word (Expedition ~
# expédition, Präsident ~ président); they must share their first letters too.
_COGNATE_RATIO = 80.0
_COGNATE_START = 2
# At most this many places of the translation per source word (a word repeated often pins
# nothing).
_MAX_PLACES = 3
# Stretch spreads are read from at least this many pieces; below, the fallback spread.
MIN_PIECES = 20
FALLBACK_SPREAD = 0.35
_MAD_TO_SD = 1.4826
# A stretch further off than this many spreads is far off; the document's share of them is
# kept in these bounds (see StretchModel.log_density), and a far-off stretch's log ratio has
# this spread (a factor of e either way).
_FAR = 3.0
_MIN_OUTLIERS = 0.01
_MAX_OUTLIERS = 0.5
_BROAD = 1.0


@dataclass(frozen=True)
class AnchorChain:
    """Points of a pair's source pinned to points of its translation, in order on both sides:
    (source start, source end, target start, target end) of each anchor; ``found``: every
    place of the translation where a word of the source was found, in order or not."""

    source: str
    target: str
    points: tuple[tuple[int, int, int, int], ...]
    found: tuple[tuple[int, int, int, int], ...] = ()
    # The places of ``found`` that say most surely where a word went: numbers and rare
    # words (names, terms), not common words, whose usual translation may also stand for
    # another word of the sentence.
    sure: tuple[tuple[int, int, int, int], ...] = ()
    # The translation does not end as the source does (the source ends like a sentence, the
    # translation with a semicolon or mid-way): the rest of it is in another pair, so its end
    # pins nothing.
    open_end: bool = False

    def moved(self, start: int, end: int, target_left: int, target_right: int) -> bool:
        """Whether a word of ``[start, end)`` is found in the translation outside the stretch
        ``[target_left, target_right)``: the piece was translated elsewhere (a translator
        moved it), not left out."""
        return any(start <= s0 and s1 <= end and not target_left <= t0 < target_right
                   for s0, s1, t0, _t1 in self.sure)

    def around(self, start: int, end: int) -> tuple[int, int, int, int, bool]:
        """(source left, source right, target left, target right, bounded) of the stretch that
        holds ``[start, end)`` of the source: from the end of the last anchor before it to the
        start of the first anchor after it; ``bounded`` is False when both ends are the
        sentence's edges, or when the end is the translation's end and that end is open."""
        left_s, left_t, right_s, right_t = 0, 0, len(self.source), len(self.target)
        left = right = False
        for s0, s1, t0, t1 in self.points:
            if s1 <= start:
                left_s, left_t, left = s1, t1, True
            elif s0 >= end:
                right_s, right_t, right = s0, t0, True
                break
        return left_s, right_s, left_t, right_t, (left or right) and (right or not self.open_end)


@dataclass(frozen=True)
class StretchModel:
    """The document's usual log ratio of translation to source length (``centre``, as the
    length model has it), where its stretches' log ratios lie around it (``offset``: anchors
    are words, and a stretch between two of them has the translation's words around it, not
    the source's), their spread, and the share of its stretches far off (``outliers``: a
    translator who moved a clause, an anchor found in the wrong place)."""

    centre: float
    spread: float
    offset: float = 0.0
    outliers: float = _MIN_OUTLIERS

    def residual(self, source_length: float, target_length: float) -> float:
        expected = math.exp(self.centre) * max(source_length, 0.0)
        return math.log((target_length + SMOOTHING) / (expected + SMOOTHING)) - self.offset

    def log_density(self, residual: float) -> float:
        """Log density of a stretch's residual: the document's spread, or, at its rate of
        stretches far off, a broad spread (a moved clause or a wrong anchor can put anything
        anywhere, so a far-off stretch weighs no more than that rate says)."""
        near = (1 - self.outliers) * _normal(residual, self.spread)
        far = self.outliers * _normal(residual, _BROAD)
        return math.log(near + far)


def _normal(x: float, spread: float) -> float:
    return math.exp(-0.5 * (x / spread) ** 2) / (spread * math.sqrt(2 * math.pi))


def _cognate_starts(target: str, lang: str) -> dict[str, list[tuple[int, int, str]]]:
    starts: dict[str, list[tuple[int, int, str]]] = {}
    for offset, word in zip(*word_offsets(target), strict=True):
        if len(word) < _MIN_LETTERS:
            continue
        key = word_key(word, lang)[0]
        if len(key) >= _MIN_KEY:
            starts.setdefault(key[:_COGNATE_START], []).append((offset, offset + len(word), key))
    return starts


def anchor_chain(source: str, source_lang: str, target: str, target_lang: str,
                 lexicon: DocumentLexicon, rare_zipf: float = 3.0,
                 dictionary: Callable[[str], frozenset[str]] | None = None) -> AnchorChain:
    """The anchors of ``source`` in ``target`` (see the module's docstring); words below
    ``rare_zipf`` (names, terms) found alike are the sure ones (see :attr:`AnchorChain.sure`).
    ``dictionary``: a bilingual dictionary's look-up (source word -> keys of its
    translations, :mod:`mtcheck.omission.dictionary`), whose translations found in the
    target pin too."""
    candidates: list[tuple[int, int, int, int]] = []
    sure: list[tuple[int, int, int, int]] = []
    mentions = numbers(source, source_lang)
    # (The translation's numbers are read only for a source that holds some.)
    target_numbers = all_numbers(target, target_lang) if mentions else ()
    for mention in mentions:
        spots = [(n.start, n.end) for n in target_numbers if n.readings & mention.readings]
        if 0 < len(spots) <= _MAX_PLACES:
            candidates += [(mention.start, mention.end, t0, t1) for t0, t1 in spots]
            sure += [(mention.start, mention.end, t0, t1) for t0, t1 in spots]
    if spaced(source_lang) and spaced(target_lang):
        units: dict[str, list[tuple[int, int]]] = {}
        for offset, word in zip(*word_offsets(target), strict=True):
            if len(word) >= 2:
                units.setdefault(lexical_unit(word, lexicon.stems), []).append(
                    (offset, offset + len(word)))
        cognates = _cognate_starts(target, target_lang)
        keyed: dict[str, list[tuple[int, int]]] = {}
        if dictionary is not None:
            for offset, word in zip(*word_offsets(target), strict=True):
                for key in keys_of(word):
                    keyed.setdefault(key, []).append((offset, offset + len(word)))
        for offset, word in zip(*word_offsets(source), strict=True):
            if len(word) < _MIN_LETTERS:
                continue
            frequency = zipf(word.lower(), source_lang)
            if frequency >= _FUNCTION_ZIPF:
                continue
            places: set[tuple[int, int]] = set()
            for unit in lexicon.associates.get(lexical_unit(word, lexicon.stems), ()):
                places.update(units.get(unit, ()))
            if dictionary is not None:
                for key in dictionary(word):
                    places.update(keyed.get(key, ()))
            key = word_key(word, source_lang)[0]
            alike: set[tuple[int, int]] = set()
            if len(key) >= _MIN_KEY:
                alike = {(t0, t1) for t0, t1, other in cognates.get(key[:_COGNATE_START], ())
                         if fuzz.ratio(key, other) >= _COGNATE_RATIO}
            places |= alike
            if 0 < len(places) <= _MAX_PLACES:
                candidates += [(offset, offset + len(word), t0, t1) for t0, t1 in places]
                if frequency < rare_zipf:
                    sure += [(offset, offset + len(word), t0, t1) for t0, t1 in alike]
    return AnchorChain(source, target, _monotone(candidates), tuple(sorted(set(candidates))),
                       tuple(sorted(set(sure))),
                       _open_end(source, target))


def _open_end(source: str, target: str) -> bool:
    """Whether ``target`` stops where ``source`` does not: the source ends like a sentence and
    the translation does not, or with a semicolon (which ends a Greek question, hence the
    test of the source's own end)."""
    if not ends_sentence(source):
        return False
    end = target.rstrip()
    return not ends_sentence(end) or (end.endswith(";")
                                      and not source.rstrip().endswith(("?", ";")))


def _monotone(candidates: Iterable[tuple[int, int, int, int]]) -> tuple[tuple[int, int, int, int], ...]:
    """The longest chain of anchors that runs in order in both texts (each source word and
    each place of the translation used once); ties go to the earliest."""
    points = sorted(set(candidates))
    if not points:
        return ()
    best = [1] * len(points)
    back = [-1] * len(points)
    for k, (s0, _s1, t0, _t1) in enumerate(points):
        for j in range(k):
            if points[j][1] <= s0 and points[j][3] <= t0 and best[j] + 1 > best[k]:
                best[k], back[k] = best[j] + 1, j
    k = max(range(len(points)), key=lambda i: (best[i], -i))
    chain = []
    while k >= 0:
        chain.append(points[k])
        k = back[k]
    return tuple(reversed(chain))


def stretch_residual(chain: AnchorChain, start: int, end: int, model: StretchModel,
                     removed: int = 0) -> float | None:
    """The log ratio of the stretch holding ``[start, end)`` against the document's usual one,
    with ``removed`` characters of the source taken out; None when the stretch is bounded by
    the sentence's edges only."""
    return _residual(chain, chain.around(start, end), model, removed)


def _residual(chain: AnchorChain, stretch: tuple[int, int, int, int, bool], model: StretchModel,
              removed: int = 0) -> float | None:
    """:func:`stretch_residual` of the stretch ``chain.around`` gave."""
    s0, s1, t0, t1, bounded = stretch
    if not bounded:
        return None
    source_length = text_length(chain.source[s0:s1]) - removed
    return model.residual(source_length, text_length(chain.target[t0:t1]))


def fit_stretch_model(centre: float, residuals: Iterable[float], floor: float) -> StretchModel:
    """The document's stretch model from the residuals (at ``offset`` 0) of its pieces as they
    are: their median, spread (median absolute deviation, at least ``floor``) and share far
    off."""
    values = list(residuals)
    if len(values) < MIN_PIECES:
        return StretchModel(centre, max(FALLBACK_SPREAD, floor))
    middle = statistics.median(values)
    spread = max(_MAD_TO_SD * statistics.median(abs(v - middle) for v in values), floor)
    far = sum(1 for v in values if abs(v - middle) > _FAR * spread) / len(values)
    return StretchModel(centre, spread, middle, min(max(far, _MIN_OUTLIERS), _MAX_OUTLIERS))


def stretch_evidence(chain: AnchorChain, start: int, end: int, model: StretchModel) -> float:
    """Log-likelihood ratio of "the piece ``[start, end)`` was left out" (the stretch holds the
    rest only) against "it was translated" (see :meth:`StretchModel.log_density`); 0 when the
    stretch is bounded by the sentence's edges only, or when a word of the piece is found
    outside the stretch (moved by the translator, see :meth:`AnchorChain.moved`)."""
    stretch = chain.around(start, end)  # (read once for the three uses below)
    with_piece = _residual(chain, stretch, model)
    if with_piece is None or chain.moved(start, end, stretch[2], stretch[3]):
        return 0.0
    without = _residual(chain, stretch, model, text_length(chain.source[start:end]))
    assert without is not None
    return model.log_density(without) - model.log_density(with_piece)
