"""Anchor pairs: sentence pairs that share a feature found nowhere else in either document.

A number, name or cognate that occurs in exactly one source sentence and exactly
one target sentence ties the two together with little doubt. The longest
monotone chain of such pairs (weighted by what they share) gives the search a
centre line that follows the real alignment, through shifts of thousands of
sentences (a block of captions, an untranslated chapter) that a band around the
diagonal would never reach. Found in time linear in the text: one pass over the
features, and a longest-increasing-subsequence over the candidate pairs.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy as np
from numpy.typing import NDArray

from mtcheck.align.signals import FeatureMatrix

# A candidate pair must share at least this much unique weight, in units of one unique
# n-gram: two n-grams of a rare word, or one number (a number weighs three n-grams). One
# n-gram that happens to be unique on both sides is noise.
_MIN_SHARED = 2.0


def anchor_pairs(source: FeatureMatrix, target: FeatureMatrix) -> list[tuple[int, int]]:
    """Monotone (source, target) sentence pairs tied by features unique on both sides."""
    source_rows = np.repeat(np.arange(source.rows, dtype=np.int64), np.diff(source.pointers))
    target_rows = np.repeat(np.arange(target.rows, dtype=np.int64), np.diff(target.pointers))
    size = int(max(source.ids.max(initial=-1), target.ids.max(initial=-1))) + 1
    if size == 0:
        return []
    source_count = np.bincount(source.ids, minlength=size)
    target_count = np.bincount(target.ids, minlength=size)
    unique = (source_count == 1) & (target_count == 1)
    source_of = np.full(size, -1, dtype=np.int64)
    target_of = np.full(size, -1, dtype=np.int64)
    weight_of = np.zeros(size, dtype=np.float64)
    keep = unique[source.ids]
    source_of[source.ids[keep]] = source_rows[keep]
    weight_of[source.ids[keep]] = source.weights[keep]
    keep = unique[target.ids]
    target_of[target.ids[keep]] = target_rows[keep]
    weight_of[target.ids[keep]] *= target.weights[keep]
    features = np.flatnonzero(unique)
    if not len(features):
        return []
    keys = source_of[features] * (target.rows + 1) + target_of[features]
    pair_keys, inverse = np.unique(keys, return_inverse=True)
    shared = np.bincount(inverse, weights=np.sqrt(weight_of[features]), minlength=len(pair_keys))
    unit = float(np.log((source.rows + target.rows + 1) / 2.0))
    strong = shared >= _MIN_SHARED * unit * 0.999  # two n-grams: exactly 2 units
    pairs = [(int(k // (target.rows + 1)), int(k % (target.rows + 1)), float(w))
             for k, w in zip(pair_keys[strong], shared[strong], strict=True)]
    return _monotone_chain(pairs)


def _monotone_chain(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The longest chain strictly increasing on both sides (ties: the strongest pair per row).

    Patience sorting: O(k log k) for k candidate pairs.
    """
    best_per_row: dict[int, tuple[int, float]] = {}
    for s, t, w in pairs:
        if s not in best_per_row or w > best_per_row[s][1]:
            best_per_row[s] = (t, w)
    ordered = sorted((s, t) for s, (t, _) in best_per_row.items())
    tails: list[int] = []  # smallest target ending a chain of each length
    tail_index: list[int] = []
    previous = [-1] * len(ordered)
    for k, (_, t) in enumerate(ordered):
        position = bisect_left(tails, t)
        if position == len(tails):
            tails.append(t)
            tail_index.append(k)
        else:
            tails[position] = t
            tail_index[position] = k
        previous[k] = tail_index[position - 1] if position else -1
    chain: list[tuple[int, int]] = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(ordered[k])
        k = previous[k]
    chain.reverse()
    return chain


def anchor_lines(anchors: list[tuple[int, int]], rows: int,
                 columns: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per source position ``i`` (0..rows), the lowest and highest target position a path
    through the anchors can be at.

    An anchor (s, t) puts the path at (s, t) and (s + 1, t + 1); the corners are
    anchors too. Between two anchors the path may run diagonally first and make up
    the difference at the end, or the other way round: the lines are those two
    extremes, so a run of insertions or deletions anywhere between two anchors stays
    inside them (a straight line between the anchors would cut across it).
    """
    points = [(0, 0)]
    for s, t in anchors:
        for x, y in ((s, t), (s + 1, t + 1)):
            if x > points[-1][0] and y >= points[-1][1] and x <= rows and y <= columns:
                points.append((x, y))
    if points[-1][0] < rows:
        points.append((rows, columns))
    else:
        points[-1] = (rows, columns)
    xs = np.array([p[0] for p in points], dtype=np.int64)
    ys = np.array([p[1] for p in points], dtype=np.float64)
    index = np.arange(rows + 1, dtype=np.int64)
    # The segment each position falls in: anchors xs[k] <= i <= xs[k + 1].
    segment = np.clip(np.searchsorted(xs, index, side="right") - 1, 0, len(xs) - 2)
    s1, s2 = xs[segment], xs[segment + 1]
    t1, t2 = ys[segment], ys[segment + 1]
    diagonal_first = np.clip(t1 + (index - s1), t1, t2)
    diagonal_last = np.clip(t2 - (s2 - index), t1, t2)
    low = np.minimum(diagonal_first, diagonal_last)
    high = np.maximum(diagonal_first, diagonal_last)
    return np.maximum.accumulate(low), np.maximum.accumulate(high)
