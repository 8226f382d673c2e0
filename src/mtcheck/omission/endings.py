"""How a sentence ends, and how this document's translations end when their source ends so.

A question is translated as a question, a lead-in ending in a colon as a lead-in,
whatever the languages' marks: the document's own pairs say which ending of a
translation goes with which ending of a source (a Greek ``;`` with an English ``?``,
a Japanese ``。`` with a German ``.``), so nothing is assumed about either language.
When the omission check compares two readings of the same sentences (a gap moved
along a paragraph), a sentence paired with a translation that ends the way its own
translations do not is the worse reading.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

# Closing quotes and brackets after the final mark, and spaces: not the ending.
_CLOSERS = "\"'”’»«›‹」』）〕】》〉〟＂)]} \t\u00a0\u202f"
# What a sentence that ends in a letter or digit (a title, a cut) ends in.
_NO_MARK = "none"


def ending(text: str) -> str:
    """The sentence's final mark (``.`` ``?`` ``:`` ``。`` ...), or ``none``."""
    stripped = text.rstrip(_CLOSERS)
    if not stripped or stripped[-1].isalnum():
        return _NO_MARK
    return stripped[-1]


class EndingModel:
    """P(ending of a translation | ending of its source), counted over the document's pairs.

    Smoothed towards the translations' overall endings by ``smoothing`` pairs, so an
    ending seen once or twice does not decide anything alone.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]], smoothing: float = 2.0):
        counted = [(ending(s), ending(t)) for s, t in pairs]
        self._joint = Counter(counted)
        self._source = Counter(s for s, _ in counted)
        self._target = Counter(t for _, t in counted)
        self._total = len(counted)
        self._smoothing = smoothing

    def log_likelihood(self, source_text: str, target_text: str) -> float:
        """log P(the target's ending | the source's ending) under the document's counts."""
        source, target = ending(source_text), ending(target_text)
        kinds = len(self._target) + 1
        overall = (self._target[target] + 1) / (self._total + kinds)
        joint = self._joint[(source, target)] + self._smoothing * overall
        return math.log(joint / (self._source[source] + self._smoothing))
