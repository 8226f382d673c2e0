"""The align stage: link each source sentence to its translation.

Sentences are aligned with a Gale–Church length model plus signals that survive
translation without any trained weights (numbers, names and cognates compared
after romanisation, marked punctuation), optionally with back-translations of
the target as a strong extra signal, searched by banded dynamic programming
over 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, … 1-5, 1-0 and 0-1 beads in a band that follows
anchor pairs (linear time at every size), with a confidence per bead calibrated on
hand-aligned text.
"""

from __future__ import annotations

from mtcheck.align.documents import align_documents
from mtcheck.align.sentences import PRIORS, align_sentences, parse_beads

ALIGNER = ("mtcheck-align/3(length[linked-ratio+document-variance]+numbers+ngrams+punctuation"
           "+soft-cuts+merge-support+contentless+cut-off+anchored-band"
           "+calibrated-confidence[+backtranslation])")

__all__ = ["ALIGNER", "PRIORS", "align_documents", "align_sentences", "parse_beads"]
