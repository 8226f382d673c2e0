"""The cost of a bead: prior + length model − shared-signal similarity.

``cost(bead) = -log P(kind) + length cost + soft-cut cost - √((a+b)/2) Σ_c weight_c × cosine_c``

* the length cost is Gale & Church's (1993): the two-sided tail probability of
  the length difference under a normal model whose variance grows with length,
  on lengths counted in source-equivalent characters, with a variance that
  :func:`estimate_variance` can re-estimate from the document itself;
* a bead that starts at a soft cut (after a colon or semicolon, before a
  lower-case start: see :func:`mtcheck.align.signals.soft_boundaries`) pays a
  small cost on that side, because such cuts often fall inside one unit;
* each similarity *channel* is the cosine between the summed feature vectors of
  the bead's two sides (see :mod:`mtcheck.align.signals`); the default channel
  compares source and translation directly, a second one compares the source
  with back-translations of the target when they are given.

Similarity is a reward, scaled by the square root of the bead's mean side length
in sentences (per bead it would favour splitting, per sentence merging), so that
splitting a bead into smaller beads that each match pays off, and sentences
with nothing in common with anything still align by length. Leaving a sentence
unaligned costs its prior alone: Gale & Church's length term would make long
unaligned sentences so expensive that they get swallowed by neighbouring beads
instead.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mtcheck.align.search import Band, Bead
from mtcheck.align.signals import (
    FeatureMatrix,
    SortedEntries,
    cross_products,
    sorted_entries,
    span_norms,
)

# Gale & Church's estimate of the variance of the length difference per character.
GALE_CHURCH_VARIANCE = 6.8
_CHUNK_ROWS = 256


def _exact_tail_cost(delta: NDArray[np.float64]) -> NDArray[np.float64]:
    """``-log(2 × (1 - Φ(|δ|)))`` by the Abramowitz–Stegun 7.1.26 form of erfc.

    Its ``exp(-x²)`` factor keeps the logarithm exact in the tails, where erfc
    itself underflows.
    """
    x = np.abs(delta) * (1.0 / math.sqrt(2.0))
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                                                                           + t * 1.061405429))))
    return np.asarray(x * x - np.log(poly), dtype=np.float64)


_TABLE_STEP = 0.002
_TABLE = _exact_tail_cost(np.arange(0.0, 40.0 + _TABLE_STEP, _TABLE_STEP))


def tail_cost(delta: NDArray[np.float64]) -> NDArray[np.float64]:
    """``-log(2 × (1 - Φ(|δ|)))``: the cost of a standardised length difference.

    Read from a table (nearest entry, step 0.002) because the search asks for it
    a million times; beyond |δ| = 40 (cost ≈ 800) it stays at the table's end.
    """
    index = np.minimum(np.abs(delta) * (1.0 / _TABLE_STEP) + 0.5, len(_TABLE) - 1)
    return _TABLE[index.astype(np.intp)]


@dataclass(frozen=True)
class Channel:
    """One similarity signal: feature matrices of both sides and its weight."""

    source: FeatureMatrix
    target: FeatureMatrix
    weight: float

    def head(self, source_rows: int, target_rows: int) -> Channel:
        """The channel restricted to the first sentences of each side."""
        return Channel(self.source.head(source_rows), self.target.head(target_rows), self.weight)


@dataclass(frozen=True)
class LengthModel:
    """Gale & Church's length model for one document pair.

    Target lengths are divided by ``ratio`` (target characters per source
    character) before they are compared; ``variance`` is the variance of the
    length difference per character.
    """

    ratio: float
    variance: float = GALE_CHURCH_VARIANCE


def length_ratio(source_lengths: Sequence[int], target_lengths: Sequence[int]) -> float:
    """Target characters per source character over whole documents (1 when either is empty)."""
    src, tgt = float(sum(source_lengths)), float(sum(target_lengths))
    return tgt / src if src > 0 and tgt > 0 else 1.0


def estimate_ratio(beads: Sequence[tuple[int, int, int, int]], source_lengths: Sequence[int],
                   target_lengths: Sequence[int]) -> float:
    """Target characters per source character over the linking beads of a first alignment.

    The ratio of whole documents counts sentences that have no counterpart: a
    dropped sentence in a short paragraph makes the translation look a fifth
    shorter than it is, and every length comparison is then skewed. Counting
    only what a first alignment links leaves them out.
    """
    linked = [(i, j, a, b) for i, j, a, b in beads if a and b]
    src = sum(sum(source_lengths[i : i + a]) for i, _, a, _ in linked)
    tgt = sum(sum(target_lengths[j : j + b]) for _, j, _, b in linked)
    if src <= 0 or tgt <= 0:
        return length_ratio(source_lengths, target_lengths)
    return tgt / src


@dataclass(frozen=True)
class BeadTerms:
    """A linking bead's length cost, its standardised length difference |δ|, its soft-cut
    cost, and what its mean similarity is multiplied by to give its reward."""

    length: float
    deviation: float
    soft: float
    reward_scale: float


class BeadCosts:
    """Costs of the consuming beads, a search row at a time (see :class:`CostModel`)."""

    def __init__(self, source_lengths: Sequence[int], target_lengths: Sequence[int],
                 channels: Sequence[Channel], consuming: Sequence[Bead],
                 priors: Mapping[Bead, float], band: Band,
                 variance: float = GALE_CHURCH_VARIANCE, run_extend: float | None = None,
                 soft: tuple[NDArray[np.float64], NDArray[np.float64]] | None = None,
                 ratio: float | None = None, merge_support: bool = False,
                 contentless: tuple[NDArray[np.bool_], NDArray[np.bool_]] | None = None,
                 contentless_cost: float | None = None, cut_off: bool = False) -> None:
        src = np.asarray(source_lengths, dtype=np.float64)
        tgt = np.asarray(target_lengths, dtype=np.float64)
        # Scale target lengths into source characters: fair across scripts of any density.
        if ratio is None:
            ratio = length_ratio(source_lengths, target_lengths)
        self._source_prefix = np.concatenate(([0.0], np.cumsum(src)))
        self._target_prefix = np.concatenate(([0.0], np.cumsum(tgt / ratio)))
        self._scale = 1.0 / math.sqrt(variance)
        kinds = np.asarray(consuming, dtype=np.int64).reshape(-1, 2)
        self._a, self._b = kinds[:, 0], kinds[:, 1]
        self._linking = self._b > 0
        # The similarity reward grows with the square root of the bead's mean side length in
        # sentences: a reward per bead would favour splitting, one per sentence merging.
        self._reward_scale = np.sqrt((self._a + self._b) / 2.0)
        self._prior = np.array([-math.log(priors[bead]) for bead in consuming],
                               dtype=np.float64)
        self._insertion = -math.log(priors[(0, 1)])
        self._deletion = -math.log(priors[(1, 0)]) if (1, 0) in priors else math.inf
        # Further sentences of a run of unaligned ones (see the search's affine runs).
        self._insertion_extend = self._insertion if run_extend is None else run_extend
        self._deletion_extend = self._deletion if run_extend is None else run_extend
        if soft is None:
            soft = (np.zeros(len(src) + 1), np.zeros(len(tgt) + 1))
        # Sentences without any word (OCR debris, a row of dots, a lone page number) carry
        # nothing to translate: leaving one unaligned costs ``contentless_cost``, opening a
        # run or extending one, instead of the unaligned prior.
        if contentless is None or contentless_cost is None:
            contentless = (np.zeros(len(src), dtype=bool), np.zeros(len(tgt), dtype=bool))
            contentless_cost = math.inf
        self._contentless = contentless
        self._contentless_cost = contentless_cost
        # A translation cut off mid-sentence: its last sentence is the start of a
        # translation, so a one-source bead that ends with it pays no length cost for
        # being shorter than its source (it pairs with the sentence it starts, and the
        # source sentences after it become the run that is reported as truncated).
        self._cut_column = len(tgt) if cut_off else -1
        # Sentences with content, counted: the reward scale counts only those, so that
        # taking a row of dots into a bead does not earn a larger bead's reward.
        self._source_content = np.concatenate(([0], np.cumsum(~contentless[0])))
        self._target_content = np.concatenate(([0], np.cumsum(~contentless[1])))
        self._soft_source, self._soft_target = soft
        self._soft_target_any = bool(self._soft_target.any())
        max_source = int(self._a.max(initial=1))
        max_target = int(self._b.max(initial=1))
        # A 2-1 bead whose two source sentences do not both share a signal with its target
        # earns the reward of a 1-1 bead, unless the cut between them is soft: otherwise a
        # short sentence with no translation rides on its neighbour's match (√1.5 × reward).
        merge_kind = -1
        if merge_support:
            merge_kind = next((k for k, kind in enumerate(consuming) if tuple(kind) == (2, 1)),
                              -1)
        self._channels = [_ChannelState(c, max_source, max_target, band, self._a, self._b,
                                        (self._soft_source, merge_kind))
                          for c in channels]

    def row_costs(self, row: int, lo: int, hi: int) -> NDArray[np.float64]:
        ends = np.arange(lo, hi + 1)
        starts = np.maximum(ends[None, :] - self._b[:, None], 0)
        source = (self._source_prefix[row]
                  - self._source_prefix[np.maximum(row - self._a, 0)])[:, None]
        target = self._target_prefix[ends][None, :] - self._target_prefix[starts]
        mean = np.maximum((source + target) * 0.5, 1.0)
        difference = source - target
        if hi == self._cut_column:
            prefix = (self._a == 1)[:, None] & (ends == hi)[None, :]
            difference = np.where(prefix, np.minimum(difference, 0.0), difference)
        costs = tail_cost(difference * self._scale / np.sqrt(mean))
        # Prior and the soft-cut cost where each bead starts on the source side.
        fixed = self._prior + self._soft_source[np.maximum(row - self._a, 0)]
        costs += fixed[:, None]
        # 1-0 beads: no length cost (the search replaces their row with runs of deletions).
        costs[~self._linking] = fixed[~self._linking, None]
        if self._soft_target_any:
            costs += self._soft_target[starts]
        scale = self._content_scale(row, ends, starts)
        for channel in self._channels:
            costs -= channel.weight * scale * channel.similarities(row, lo, hi, ends, starts)
        return costs

    def _content_scale(self, row: int, ends: NDArray[np.int64],
                       starts: NDArray[np.int64]) -> NDArray[np.float64]:
        """√((a + b) / 2) over the sentences with content of each bead (at least 1 each side)."""
        source = (self._source_content[row]
                  - self._source_content[np.maximum(row - self._a, 0)])[:, None]
        target = self._target_content[ends][None, :] - self._target_content[starts]
        return np.asarray(np.sqrt((np.maximum(source, 1) + np.maximum(target, 1)) / 2.0),
                          dtype=np.float64)

    def insertion_costs(self) -> NDArray[np.float64]:
        out = np.full(len(self._target_prefix), self._insertion)
        out[1:] += self._soft_target[:-1]
        out[1:] = np.where(self._contentless[1], np.minimum(out[1:], self._contentless_cost),
                           out[1:])
        return out

    def insertion_extend_costs(self) -> NDArray[np.float64]:
        out = np.full(len(self._target_prefix), self._insertion_extend)
        out[1:] = np.where(self._contentless[1], np.minimum(out[1:], self._contentless_cost),
                           out[1:])
        return out

    def deletion_costs(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        out = np.full(len(self._source_prefix), self._deletion)
        out[1:] += self._soft_source[:-1]
        extend = np.full(len(self._source_prefix), self._deletion_extend)
        for costs in (out, extend):
            costs[1:] = np.where(self._contentless[0],
                                 np.minimum(costs[1:], self._contentless_cost), costs[1:])
        return out, extend

    def final_deletion_cost(self) -> float | None:
        return _TRUNCATED_COST if self._cut_column >= 0 else None

    def null_costs(self) -> tuple[float, float]:
        """Cost of leaving one source sentence, and one target sentence, unaligned."""
        return self._deletion, self._insertion

    def _length_and_size(self, row: int, column: int, a: int, b: int) -> tuple[float, float, float]:
        """A linking bead's length cost, its standardised length difference δ, and the
        square root of its mean content size (what similarity rewards are scaled by)."""
        source = self._source_prefix[row] - self._source_prefix[row - a]
        target = self._target_prefix[column] - self._target_prefix[column - b]
        difference = source - target
        if column == self._cut_column and a == 1:
            difference = min(difference, 0.0)
        delta = difference * self._scale / math.sqrt(max((source + target) * 0.5, 1.0))
        size = math.sqrt((max(int(self._source_content[row] - self._source_content[row - a]), 1)
                          + max(int(self._target_content[column]
                                    - self._target_content[column - b]), 1)) / 2.0)
        return float(tail_cost(np.array([delta]))[0]), delta, size

    def bead_terms(self, row: int, column: int, a: int, b: int) -> BeadTerms:
        """The parts of a linking bead's cost other than the similarity reward."""
        length, delta, size = self._length_and_size(row, column, a, b)
        return BeadTerms(length=length, deviation=abs(delta),
                         soft=float(self._soft_source[row - a] + self._soft_target[column - b]),
                         reward_scale=size * sum(c.weight for c in self._channels))

    def bead_cost(self, row: int, column: int, a: int, b: int) -> float:
        """The cost of one linking bead ending at (row, column), anywhere (band or not).

        The same sum as :meth:`row_costs`, for one bead, with the similarities
        computed from the sparse rows directly rather than from a chunk of products.
        """
        matches = np.flatnonzero((self._a == a) & (self._b == b))
        if not len(matches) or not b:
            raise ValueError(f"bead kind {a}-{b} is not a searched linking kind")
        kind = int(matches[0])
        length, _, scale = self._length_and_size(row, column, a, b)
        cost = (length + self._prior[kind]
                + self._soft_source[row - a] + self._soft_target[column - b])
        for channel in self._channels:
            cost -= channel.weight * scale * channel.bead_similarity(row, column, a, b)
        return float(cost)

    def searches(self, a: int, b: int) -> bool:
        """Whether bead kind a-b is one of the consuming kinds of this model."""
        return bool(((self._a == a) & (self._b == b)).any())

    def restart(self) -> None:
        """Forget cached rows, so that rows can be asked for from the start again."""
        for channel in self._channels:
            channel.restart()


def estimate_variance(beads: Sequence[tuple[int, int, int, int]], source_lengths: Sequence[int],
                      target_lengths: Sequence[int], prior_weight: float = 20.0,
                      ratio: float | None = None) -> float:
    """The length model's variance per character, re-estimated from a document's 1-1 beads.

    The maximum-likelihood estimate under Gale & Church's model, the mean of
    ``(s - t)² / ((s + t) / 2)`` over the 1-1 beads of a first alignment, shrunk
    towards Gale & Church's 6.8 as if that had been seen on ``prior_weight`` beads,
    so that a short document keeps about their value. Lengths are compared on the
    same source-character scale as the costs (``ratio``, by default the documents').
    """
    src = np.asarray(source_lengths, dtype=np.float64)
    tgt = np.asarray(target_lengths, dtype=np.float64)
    if ratio is None:
        ratio = length_ratio(source_lengths, target_lengths)
    ones = np.array([(i, j) for i, j, a, b in beads if a == 1 and b == 1], dtype=np.int64)
    if not len(ones):
        return GALE_CHURCH_VARIANCE
    s, t = src[ones[:, 0]], tgt[ones[:, 1]] / ratio
    s, t = s[s + t > 0], t[s + t > 0]
    deviations = (s - t) ** 2 / np.maximum((s + t) * 0.5, 1.0)
    count = len(deviations)
    estimate = (float(deviations.sum()) + prior_weight * GALE_CHURCH_VARIANCE) / (count
                                                                                 + prior_weight)
    # A document of identical lengths would give 0, and an infinitely sharp length model.
    return max(estimate, 0.5)


# Cost of each source sentence after the end of a cut-off translation: small, because
# once the translation has stopped, every further sentence is missing for the same reason.
_TRUNCATED_COST = 0.5
# Reward of an unsupported 2-1 bead relative to a supported one: that of a 1-1 bead.
_MERGE_DISCOUNT = 1.0 / math.sqrt(1.5)
# Products at or below this are "nothing shared" (cumulative sums leave rounding residue).
_NOTHING_SHARED = 1e-9


class _ChannelState:
    """One channel's source × target products inside the band, computed in row chunks."""

    def __init__(self, channel: Channel, max_source: int, max_target: int, band: Band,
                 take_source: NDArray[np.int64], take_target: NDArray[np.int64],
                 merge: tuple[NDArray[np.float64], int] | None = None) -> None:
        self.weight = channel.weight
        # Soft-cut costs of the source side, and the index of the 2-1 kind whose reward needs
        # support from both source sentences (-1: none).
        self._soft_source: NDArray[np.float64] | None = None
        self._merge_kind = -1
        if merge is not None:
            self._soft_source, self._merge_kind = merge
        self._source = channel.source
        self._target = channel.target
        self._index: SortedEntries = sorted_entries(channel.target)
        source_index = sorted_entries(channel.source)
        # Inverse norms (0 for an empty span), so that a cosine is two multiplications.
        self._source_scale = _inverse(np.stack([span_norms(source_index, a)
                                                for a in range(max_source + 1)]))
        self._target_scale = _inverse(np.stack([span_norms(self._index, b)
                                                for b in range(max_target + 1)]))
        self._max_source, self._max_target = max_source, max_target
        self._a, self._b = take_source, take_target
        self._band = band
        self.restart()

    def restart(self) -> None:
        self._chunk_start = self._chunk_end = self._chunk_column = 0
        self._chunk = np.zeros((0, 0))

    def _load_chunk(self, first_row: int) -> None:
        """Products of source rows ``first_row ..`` with the target columns their rows read."""
        rows = self._source.rows
        end = min(first_row + _CHUNK_ROWS, rows)
        # Source sentence r is read by search rows r+1 .. r+max_source.
        column = max(int(self._band.lo[min(first_row + 1, rows)]) - self._max_target, 0)
        last = int(self._band.hi[min(end - 1 + self._max_source, rows)])
        self._chunk = cross_products(self._source, self._target, (first_row, end),
                                     (column, last), self._index)
        self._chunk_start, self._chunk_end, self._chunk_column = first_row, end, column

    def bead_cosine(self, row: int, column: int, a: int, b: int) -> float:
        """Cosine of source rows ``row - a .. row - 1`` with target ``column - b .. column - 1``."""
        source, target = self._source, self._target
        s0, s1 = int(source.pointers[row - a]), int(source.pointers[row])
        t0, t1 = int(target.pointers[column - b]), int(target.pointers[column])
        same = source.ids[s0:s1, None] == target.ids[None, t0:t1]
        dot = float((source.weights[s0:s1, None] * target.weights[None, t0:t1])[same].sum())
        return dot * float(self._source_scale[a, row] * self._target_scale[b, column])

    def bead_similarity(self, row: int, column: int, a: int, b: int) -> float:
        """:meth:`bead_cosine`, discounted like :meth:`similarities` for an unsupported 2-1."""
        cosine = self.bead_cosine(row, column, a, b)
        if (a, b) == (2, 1) and self._needs_support(row) and not (
                self.bead_cosine(row, column, 1, 1) > _NOTHING_SHARED
                and self.bead_cosine(row - 1, column, 1, 1) > _NOTHING_SHARED):
            cosine *= _MERGE_DISCOUNT
        return cosine

    def _needs_support(self, row: int) -> bool:
        """Whether a 2-1 bead ending at ``row`` needs support from both source sentences."""
        return (self._merge_kind >= 0 and row >= 2 and self._soft_source is not None
                and not self._soft_source[row - 1])

    def similarities(self, row: int, lo: int, hi: int, ends: NDArray[np.int64],
                     starts: NDArray[np.int64]) -> NDArray[np.float64]:
        """Cosine of each bead ending in this row, an unsupported 2-1 bead's discounted.

        A 2-1 bead is unsupported when one of its source sentences shares nothing with the
        target sentence and the cut between them is not soft.
        """
        first = max(row - self._max_source, 0)
        if not (self._chunk_start <= first and row <= self._chunk_end):
            self._load_chunk(first)
        base = max(lo - self._max_target, 0)
        block = self._chunk[first - self._chunk_start : row - self._chunk_start,
                            base - self._chunk_column : hi - self._chunk_column]
        # Row a of `summed` = products summed over source rows row-a .. row-1.
        summed = np.zeros((self._max_source + 1, hi - base + 1))
        summed[1 : row - first + 1, 1:] = np.cumsum(block[::-1], axis=0)
        summed[row - first + 1 :, 1:] = summed[row - first, 1:]
        np.cumsum(summed, axis=1, out=summed)
        a = self._a[:, None]
        dots: NDArray[np.float64] = summed[a, ends[None, :] - base] - summed[a, starts - base]
        dots *= self._source_scale[self._a, row][:, None]
        dots *= self._target_scale[self._b[:, None], ends[None, :]]
        if self._needs_support(row):
            k = self._merge_kind
            span_end, span_start = ends - base, starts[k] - base
            last = summed[1, span_end] - summed[1, span_start]
            both = summed[2, span_end] - summed[2, span_start]
            unsupported = (last <= _NOTHING_SHARED) | (both - last <= _NOTHING_SHARED)
            dots[k, unsupported] *= _MERGE_DISCOUNT
        return dots


def _inverse(norms: NDArray[np.float64]) -> NDArray[np.float64]:
    out = np.zeros_like(norms)
    np.divide(1.0, norms, out=out, where=norms > 0)
    return out
