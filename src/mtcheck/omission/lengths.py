"""The document's own length model: how long a translation of a given source usually is.

Estimated on the aligned pairs of the document itself, robustly (median and
median absolute deviation of the log length ratio), so that a few bad pairs or
omissions do not move it and no fixed ratio between languages is assumed.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Characters added to both lengths before the ratio: keeps two-word sentences from
# producing huge log ratios.
SMOOTHING = 8.0
# Below this many pairs the spread is not estimated; the default spread is used.
MIN_PAIRS = 8
# Spread of the log length ratio of a sentence and its translation when the document
# has too few pairs to estimate it (typical of human translations of prose).
DEFAULT_SPREAD = 0.15
# MAD of a normal distribution, in standard deviations.
_MAD_TO_SD = 1.4826


# The stage measures the same sentences, pieces and stretches again and again (each pair's
# pieces, every re-pairing it weighs, the stretches between anchors around each piece).
@lru_cache(maxsize=100_000)
def text_length(text: str) -> int:
    """Characters that carry content: everything but whitespace."""
    return len("".join(text.split()))


@dataclass(frozen=True)
class LengthModel:
    """Median log ratio of target to source length and its robust spread."""

    centre: float
    spread: float
    pairs: int

    def z(self, source_length: float, target_length: float) -> float:
        """How many spreads the pair's log ratio lies from the document's usual one."""
        ratio = math.log((target_length + SMOOTHING) / (max(source_length, 0.0) + SMOOTHING))
        return (ratio - self.centre) / self.spread


def fit_length_model(lengths: Iterable[tuple[int, int]], floor: float) -> LengthModel:
    """Fit on (source length, target length) of aligned pairs; ``floor`` bounds the spread.

    The floor keeps a document of near-literal translations (a tiny MAD) from
    flagging every slightly short pair.
    """
    ratios = [math.log((t + SMOOTHING) / (s + SMOOTHING)) for s, t in lengths if s > 0 and t > 0]
    if not ratios:
        return LengthModel(0.0, DEFAULT_SPREAD, 0)
    centre = statistics.median(ratios)
    if len(ratios) < MIN_PAIRS:
        return LengthModel(centre, max(DEFAULT_SPREAD, floor), len(ratios))
    mad = statistics.median(abs(r - centre) for r in ratios)
    return LengthModel(centre, max(_MAD_TO_SD * mad, floor), len(ratios))
