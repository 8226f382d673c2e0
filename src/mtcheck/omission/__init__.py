"""The omission stage: source content that an aligned translation leaves out.

:mod:`~mtcheck.omission.clauses` cuts source sentences into clauses (language
data), :mod:`~mtcheck.omission.lengths` fits the document's own length model,
:mod:`~mtcheck.omission.support` looks up anchors in the translation,
:mod:`~mtcheck.omission.coverage` weighs word support and clause marks against the
document's own rates, :mod:`~mtcheck.omission.stretch` the local length between the anchors
around a piece,
:mod:`~mtcheck.omission.detect` scores every piece (and, with
:mod:`~mtcheck.omission.realign`, re-reads a paragraph whose alignment hides a gap), and
:mod:`~mtcheck.omission.findings`
turns the candidates over the threshold into findings.
"""

from __future__ import annotations

from mtcheck.omission.clauses import Clause, split_clauses
from mtcheck.omission.detect import Candidate, clear_text_caches, omission_candidates
from mtcheck.omission.findings import capped_confidence, omission_findings

# Checks that report source content missing from a translation (benchmarks count these).
OMISSION_CHECKS = frozenset({"align.omission", "align.truncation", "omission.partial"})

__all__ = ["OMISSION_CHECKS", "Candidate", "Clause", "capped_confidence", "clear_text_caches",
           "omission_candidates", "omission_findings", "split_clauses"]
