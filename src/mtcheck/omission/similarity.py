"""How much of a group of source sentences a group of translated sentences shares.

The aligner's own signals (:mod:`mtcheck.align.signals`): numbers, marked
punctuation and character n-grams of romanised words, weighted by inverse
sentence frequency over both documents. Cognates, names and numbers survive
translation, so a sentence shares more with its own translation than with its
neighbour's, whatever the sentences' lengths. The omission check compares
readings of the same pairs with it (an unpaired sentence's gap moved along its
paragraph, see :mod:`mtcheck.omission.detect`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from mtcheck.align.signals import FeatureMatrix, feature_matrices

_Vector = dict[int, float]


class GroupSimilarity:
    """Cosine of the summed feature vectors of source and target sentence groups."""

    def __init__(self, source: Sequence[str], source_lang: str, target: Sequence[str],
                 target_lang: str):
        self._source, self._target = feature_matrices(source, source_lang, target, target_lang)
        self._source_rows: dict[int, _Vector] = {}
        self._target_rows: dict[int, _Vector] = {}
        # Each group's summed vector and its squared norm, by its rows: a re-reading of a
        # paragraph compares every group of one side with many groups of the other.
        self._source_groups: dict[tuple[int, ...], tuple[_Vector, float]] = {}
        self._target_groups: dict[tuple[int, ...], tuple[_Vector, float]] = {}

    def __call__(self, source_ids: tuple[int, ...], target_ids: tuple[int, ...]) -> float:
        left, left_norm = _group(self._source, self._source_rows, self._source_groups,
                                 source_ids)
        right, right_norm = _group(self._target, self._target_rows, self._target_groups,
                                   target_ids)
        norm = math.sqrt(left_norm * right_norm)
        if not norm:
            return 0.0
        small, large = (left, right) if len(left) <= len(right) else (right, left)
        return sum(w * large[f] for f, w in small.items() if f in large) / norm


def _group(matrix: FeatureMatrix, rows: dict[int, _Vector],
           groups: dict[tuple[int, ...], tuple[_Vector, float]],
           ids: tuple[int, ...]) -> tuple[_Vector, float]:
    if ids not in groups:
        vector = _sum(matrix, rows, ids)
        groups[ids] = vector, sum(w * w for w in vector.values())
    return groups[ids]


def _row(matrix: FeatureMatrix, cache: dict[int, _Vector], row: int) -> _Vector:
    if row not in cache:
        start, end = int(matrix.pointers[row]), int(matrix.pointers[row + 1])
        # (tolist: the same Python ints and floats as int() and float() of each element)
        cache[row] = dict(zip(matrix.ids[start:end].tolist(),
                              matrix.weights[start:end].tolist(), strict=True))
    return cache[row]


def _sum(matrix: FeatureMatrix, cache: dict[int, _Vector], rows: tuple[int, ...]) -> _Vector:
    if len(rows) == 1:
        return _row(matrix, cache, rows[0])
    out: _Vector = {}
    for row in rows:
        for feature, weight in _row(matrix, cache, row).items():
            out[feature] = out.get(feature, 0.0) + weight
    return out
