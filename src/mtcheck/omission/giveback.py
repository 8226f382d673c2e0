"""Translations the aligner took from a neighbour to make up a lost clause's length.

When a translation loses a clause, the aligner can make up the missing length by adding
the first (or last) sentence of the neighbouring pair's translation to it: the source
sentence is then paired with two translations, one of them not its own, its length fits
again, and the lost clause is diluted in the longer pair (Bleualign dev: ``Erst am Abend
des 10. Juli klarte es auf , und am 11. Juli …`` paired with its translation less the
clause and with ``Grâce aux cordes fixes , l' arête``, the start of the next sentence's
translation). A one-source pair of several translations is therefore read again giving
its first (or last) translation back to the pair before (after) it, in the same
paragraph; :mod:`mtcheck.omission.detect` fits each reading as it fits the re-pairings of
a gap and, when the reading wins, tests the sentence's parts against the translations it
keeps.

Merges of several source sentences are not cut this way: a translator's own crosswise
rendering of two sentences fits such a cut too (Bleualign dev, untouched text: 1.93 → 2.78
false flags per 100 sentences for one clause drop more).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from mtcheck.types import AlignedPair, Alignment, SegmentedDocument

# The fit of source sentences (ids) to translations (ids), in score units: higher fits better.
Fit = Callable[[tuple[int, ...], tuple[int, ...]], float]


@dataclass(frozen=True)
class EdgeReading:
    """Pair ``pair_index`` read with only the translations ``kept``, its other (edge)
    translation ``given`` joined to the neighbouring pair; ``gain``: how much better the two
    pairs fit so read than as aligned (the shapes' log priors included)."""

    pair_index: int
    kept: tuple[int, ...]
    given: int
    gain: float


def edge_readings(source: SegmentedDocument, alignment: Alignment, fit: Fit,
                  log_priors: Mapping[tuple[int, int], float], margin: float,
                  z: Fit | None = None) -> tuple[EdgeReading, ...]:
    """Every reading that gives an edge translation of a one-source pair back to its
    neighbour (same paragraph; a pair with source sentences, paired or not) and fits better
    than the aligner's pairs by at least ``margin``, in pair order (the first translation's
    reading before the last's). Shapes without a prior are not read. ``z``: the length
    z-score of a reading's pair; when given, only readings whose kept translations are short
    for the sentence (z below 0) are fitted: a lost clause leaves them short, and a fit costs
    far more than a length."""
    pairs = alignment.pairs
    found: list[EdgeReading] = []
    for index, pair in enumerate(pairs):
        whole = (1, len(pair.target_ids))
        if len(pair.source_ids) != 1 or len(pair.target_ids) < 2 or whole not in log_priors:
            continue
        sid = pair.source_ids[0]
        for other, edge in ((index - 1, 0), (index + 1, len(pair.target_ids) - 1)):
            if not 0 <= other < len(pairs) or not _beside(source, pairs[other], sid):
                continue
            neighbour = pairs[other]
            given = pair.target_ids[edge]
            kept = tuple(j for j in pair.target_ids if j != given)
            if z is not None and z((sid,), kept) >= 0:
                continue
            taken = (given, *neighbour.target_ids) if edge else (*neighbour.target_ids, given)
            shapes = (whole, (1, len(kept)),
                      (len(neighbour.source_ids), len(neighbour.target_ids)),
                      (len(neighbour.source_ids), len(taken)))
            if any(shape not in log_priors for shape in shapes):
                continue
            # An unpaired neighbour (a 1-0 pair) has no fit of its own, only its prior.
            alone = (fit(neighbour.source_ids, neighbour.target_ids) if neighbour.target_ids
                     else 0.0)
            gain = (fit((sid,), kept) + log_priors[shapes[1]]
                    + fit(neighbour.source_ids, taken) + log_priors[shapes[3]]
                    - fit((sid,), pair.target_ids) - log_priors[shapes[0]]
                    - alone - log_priors[shapes[2]])
            if gain >= margin:
                found.append(EdgeReading(index, kept, given, gain))
    return tuple(found)


def _beside(source: SegmentedDocument, neighbour: AlignedPair, sid: int) -> bool:
    return (bool(neighbour.source_ids)
            and source.sentences[neighbour.source_ids[0]].paragraph
            == source.sentences[sid].paragraph)
