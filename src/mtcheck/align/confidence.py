"""Confidence of each bead: the probability that it is right, calibrated on hand-aligned text.

A linking bead is described by a few numbers the search already has:

* ``evidence``: ``-log P(kind) - cost``, the similarity reward minus the length and
  soft-cut costs (the bead's own case for itself);
* ``similarity``: the mean cosine of its shared signals (numbers, names, cognates, and
  back-translations when given);
* ``deviation``: its standardised length difference |δ| under the length model;
* ``merged``: 1 for any kind other than 1-1 (merges and splits are wrong more often).

Two more features were tried and left out: the lower evidence of the neighbouring
beads (weight near 0) and the margin to the cheapest local alternative (merging with a
neighbour or moving one sentence across a boundary: a small weight, no better Brier
score on held-out parts, and it doubled the time of a long alignment).

The confidence is a logistic function of these, ``sigmoid(b + Σ w_k x_k)``. An
unaligned bead (1-0, 0-1) is described by its margin: how much more it would cost to
put the sentence into the linking bead before or after it; its confidence is
``sigmoid(b + w × margin)``. The parameters live in ``mtcheck/data/align/calibration.toml``;
``benchmarks/calibrate_align.py`` fits them on the Bleualign dev set (each bead
labelled right when it is exactly a gold bead) and checks them by cross-validation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import tomllib

from mtcheck.align.cost import BeadCosts
from mtcheck.align.search import Bead, SearchResult

LINKING_FEATURES = ("evidence", "similarity", "deviation", "merged")
# Margins beyond this say no more: a logistic fit should not be pulled by outliers.
_CLIP = 10.0


@dataclass(frozen=True)
class Calibration:
    """Logistic parameters: intercept first, then one weight per feature."""

    linking: tuple[float, ...]
    unaligned: tuple[float, float]


@lru_cache(maxsize=1)
def load_calibration() -> Calibration:
    """The shipped parameters (``mtcheck/data/align/calibration.toml``)."""
    text = resources.files("mtcheck").joinpath("data/align/calibration.toml").read_text("utf-8")
    data = tomllib.loads(text)
    linking = data["linking"]
    unaligned = data["unaligned"]
    return Calibration(
        (float(linking["intercept"]), *(float(linking[name]) for name in LINKING_FEATURES)),
        (float(unaligned["intercept"]), float(unaligned["margin"])),
    )


def sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(value, 50.0), -50.0)))


def bead_features(result: SearchResult, costs: BeadCosts,
                  priors: dict[Bead, float]) -> list[tuple[float, ...]]:
    """Per bead: the linking features, or ``(margin,)`` for an unaligned bead."""
    beads = result.beads
    evidence: dict[int, float] = {}
    terms = {}
    for k, ((i, j, a, b), cost) in enumerate(zip(beads, result.costs, strict=True)):
        if a and b:
            evidence[k] = _clip(-math.log(priors[(a, b)]) - cost)
            terms[k] = costs.bead_terms(i + a, j + b, a, b)
    margins = unaligned_margins(result, costs)
    out: list[tuple[float, ...]] = []
    for k, (_, _, a, b) in enumerate(beads):
        if not (a and b):
            out.append((margins[k],))
            continue
        term = terms[k]
        reward = evidence[k] + term.length + term.soft
        similarity = reward / term.reward_scale if term.reward_scale > 0 else 0.0
        out.append((evidence[k], max(similarity, 0.0), min(term.deviation, _CLIP),
                    float((a, b) != (1, 1))))
    return out


def confidences(features: Sequence[tuple[float, ...]],
                calibration: Calibration | None = None) -> list[float]:
    """The calibrated probability that each bead is right."""
    calibration = calibration or load_calibration()
    out = []
    for x in features:
        if len(x) == 1:
            out.append(sigmoid(calibration.unaligned[0] + calibration.unaligned[1] * x[0]))
        else:
            weights = calibration.linking
            out.append(sigmoid(weights[0] + sum(w * v for w, v in zip(weights[1:], x,
                                                                       strict=True))))
    return out


def unaligned_margins(result: SearchResult, costs: BeadCosts) -> dict[int, float]:
    """Per 1-0 / 0-1 bead (by index): the cost of its best alternative minus its own.

    The alternatives are to put the sentence into the linking bead right before it or
    right after it (a 1-1 and a 0-1 become a 1-2, and so on). Large when joining a
    neighbour would cost much more (the lengths or the shared signals speak against
    it), near 0 when it is a toss-up. A sentence inside a run of unaligned ones has no
    linking neighbour: it takes the margin of the nearer end of its run. When no
    alternative is a searched bead kind, the margin is 0.
    """
    beads = result.beads
    edge: dict[int, float] = {}
    for k, (i, j, a, b) in enumerate(beads):
        if a and b:
            continue
        for side in (k - 1, k + 1):
            if not 0 <= side < len(beads):
                continue
            si, sj, sa, sb = beads[side]
            if not (sa and sb) or not costs.searches(sa + a, sb + b):
                continue
            base = result.costs[k] + result.costs[side]
            # The merged bead covers both; it ends where the later of the two ends.
            end_i, end_j = (i + a, j + b) if side < k else (si + sa, sj + sb)
            margin = costs.bead_cost(end_i, end_j, sa + a, sb + b) - base
            edge[k] = min(edge.get(k, math.inf), margin)
    margins: dict[int, float] = {}
    # One pass finds every run of unaligned beads, so long runs cost linear time.
    k = 0
    while k < len(beads):
        if all(beads[k][2:]):
            k += 1
            continue
        first = k
        while k + 1 < len(beads) and not all(beads[k + 1][2:]):
            k += 1
        for inside in range(first, k + 1):
            margins[inside] = _clip(_run_margin(inside, first, k, edge))
        k += 1
    return margins


def _run_margin(k: int, first: int, last: int, edge: dict[int, float]) -> float:
    """Bead ``k``'s own margin, else that of the nearer end of its run ``first..last``."""
    if k in edge:
        return edge[k]
    ends = sorted((first, last), key=lambda end: abs(end - k))
    return next((edge[end] for end in ends if end in edge), 0.0)


def _clip(value: float) -> float:
    return max(-_CLIP, min(_CLIP, value))
