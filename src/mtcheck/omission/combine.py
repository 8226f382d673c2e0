"""The evidence of each tested piece, signal by signal, before it is weighed.

:mod:`mtcheck.omission.detect` adds a piece's signals with hand-set weights (the
``[omission]`` config). Recording them apart (:class:`PieceSignals`, when the caller
passes a list to :func:`mtcheck.omission.detect.omission_candidates`) lets a
benchmark ask which combination separates seeded drops from untouched pairs
(``benchmarks/fit_omission_weights.py``), with the hand sum as the baseline:
:func:`hand_score` gives back exactly the score the check uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from mtcheck.config import OmissionConfig

# The signals of a piece, in the order of PieceSignals.values.
SIGNALS = ("length", "anchors", "brackets", "backtranslation", "lexicon", "support",
           "marks", "prior", "stretch", "dictionary")


@dataclass(frozen=True)
class PieceSignals:
    """One tested piece of an aligned pair and its unweighed evidence (see SIGNALS):
    ``length`` (Student-t log-likelihood ratio), ``anchors`` (weighted already: numbers and
    rare words by the document's rates), ``brackets`` (1 when the translation has fewer
    brackets and the piece holds one), ``backtranslation`` and ``lexicon`` (coverage gaps,
    shares), ``support`` (word-support log-likelihood ratio as counted for the piece's kind),
    ``marks`` (clause-mark log-likelihood ratio), ``prior`` (the piece's kind) and ``stretch``
    (local-length log-likelihood ratio between the anchors around the piece,
    :mod:`mtcheck.omission.stretch`) and ``dictionary`` (word-support log-likelihood ratio
    counted on a bilingual dictionary's translations, :mod:`mtcheck.omission.dictionary`).
    """

    pair_index: int
    source_id: int
    start: int
    end: int
    kind: str
    values: tuple[float, ...]

    def signal(self, name: str) -> float:
        return self.values[SIGNALS.index(name)]


def hand_weights(config: OmissionConfig) -> tuple[float, ...]:
    """The weights of the hand sum, in the order of SIGNALS."""
    return (1.0, 1.0, config.bracket_missing, config.backtranslation, config.lexicon,
            config.support, config.punctuation, 1.0, config.stretch, config.dictionary)


def hand_score(signals: PieceSignals, config: OmissionConfig) -> float:
    """The piece's score as the check computes it (the weighted sum of its signals)."""
    return sum(w * v for w, v in zip(hand_weights(config), signals.values, strict=True))
