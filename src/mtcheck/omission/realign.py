"""A stretch of an alignment read again, with and without one source sentence left out.

When a sentence is dropped, the aligner does not always leave it unpaired where it was:
it may pair the sentences around the gap each with its neighbour's translation, merge
one sentence too many into a pair at the end of that run, or break a pair of two
sentences into two wrong ones on the way (``(129, 130) → (T169, T170)`` read as
``128 → T169``, ``129 → T170``). Comparing the aligner's pairs with one shifted run
(see :func:`mtcheck.omission.detect._unmerged`) misses the last kind. Here a short
stretch of the alignment (one paragraph around a suspect pair) is aligned again by
dynamic programming with the omission check's own fit of a pair, once with no source
sentence left out and once with exactly one, so that the best place of a gap is found
whatever shapes the pairs around it take.

A reading's score is the sum, over its pairs, of the fit of the pair and the log prior
of its shape (the aligner's bead priors, relative to 1-1): a reading with a gap pays the
prior of leaving a sentence out against that of merging it, so it only wins when the
pairs fit that much better. Pure computation on a given fit; no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

Ids = tuple[int, ...]
Fit = Callable[[Ids, Ids], float]

# Pair shapes a reading may use (source sentences, target sentences). 0-1: a translated
# sentence with no source (a caption, OCR debris); 1-0 is the gap and is used at most once.
SHAPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (0, 1))
_NONE = -math.inf


@dataclass(frozen=True)
class Readings:
    """The best reading of a stretch without a gap, and with the gap at each source sentence."""

    without_gap: float
    gap_at: Mapping[int, float]  # source id -> best score with that sentence left out

    def best_gap(self) -> tuple[int, float] | None:
        """The source sentence whose leaving out gives the best reading (lowest id on ties)."""
        scored = [(score, -sid) for sid, score in self.gap_at.items() if score > _NONE]
        if not scored:
            return None
        score, negative = max(scored)
        return -negative, score


def log_priors(priors: Mapping[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    """Each shape's log prior relative to a 1-1 pair (the shapes a reading uses, and 1-0)."""
    one = priors[(1, 1)]
    return {shape: math.log(priors[shape] / one) for shape in (*SHAPES, (1, 0))
            if shape in priors}


def read_again(source_ids: Sequence[int], target_ids: Sequence[int], fit: Fit,
               priors: Mapping[tuple[int, int], float]) -> Readings:
    """Best readings of ``source_ids`` against ``target_ids`` (each in document order).

    ``priors`` are log priors per shape relative to 1-1 (see :func:`log_priors`); a shape
    without one is not used. ``fit`` scores a pair of source and target id groups.
    """
    n, m = len(source_ids), len(target_ids)
    src, tgt = tuple(source_ids), tuple(target_ids)
    shapes = [s for s in SHAPES if s in priors]

    def bead(i: int, j: int, a: int, b: int) -> float:
        # The pair of source[i:i+a] and target[j:j+b].
        if a == 0:
            return priors[(a, b)]
        return fit(src[i:i + a], tgt[j:j + b]) + priors[(a, b)]

    forward = [[_NONE] * (m + 1) for _ in range(n + 1)]
    forward[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = forward[i][j]
            if here == _NONE:
                continue
            for a, b in shapes:
                if i + a <= n and j + b <= m:
                    score = here + bead(i, j, a, b)
                    if score > forward[i + a][j + b]:
                        forward[i + a][j + b] = score
    backward = [[_NONE] * (m + 1) for _ in range(n + 1)]
    backward[n][m] = 0.0
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            best = backward[i][j]
            for a, b in shapes:
                if i + a <= n and j + b <= m and backward[i + a][j + b] > _NONE:
                    score = bead(i, j, a, b) + backward[i + a][j + b]
                    if score > best:
                        best = score
            backward[i][j] = best
    gap_prior = priors.get((1, 0))
    gap_at: dict[int, float] = {}
    if gap_prior is not None:
        for k in range(n):
            best = max((forward[k][j] + backward[k + 1][j] for j in range(m + 1)
                        if forward[k][j] > _NONE and backward[k + 1][j] > _NONE),
                       default=_NONE)
            gap_at[src[k]] = best + gap_prior if best > _NONE else _NONE
    return Readings(forward[n][m], gap_at)
