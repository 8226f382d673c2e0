"""Omission candidates over the threshold, as findings that name the missing piece."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from mtcheck.checks import CHECKS, describe_sentences
from mtcheck.config import OmissionConfig
from mtcheck.omission.detect import (
    Candidate,
    document_threshold,
    omission_candidates,
    reported,
)
from mtcheck.types import Alignment, Finding, SegmentedDocument, TextSpan


def _quote(text: str, limit: int = 80) -> str:
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _evidence(candidate: Candidate) -> str:
    parts = []
    if candidate.shortfall > 0.05:
        parts.append(f"the translation is {candidate.shortfall:.0%} shorter than this "
                     "document's translations usually are")
    if candidate.missing:
        parts.append(f"{', '.join(candidate.missing[:4])} "
                     f"{'is' if len(candidate.missing) == 1 else 'are'} not in it")
    return "; ".join(parts)


def _shifted_run(one: int, other: int, signals: str) -> str:
    """How a run of pairs shifted by one sentence reads, and why shifting it back is better."""
    first, last = sorted((one, other))
    return (f"paired each sentence from {describe_sentences((first,))} to "
            f"{describe_sentences((last,))} with its neighbour's translation; shifted back, "
            f"the pairs fit better ({signals} and lengths).")


def to_finding(candidate: Candidate, source: SegmentedDocument, alignment: Alignment) -> Finding:
    pair = alignment.pairs[candidate.pair_index]
    evidence = _evidence(candidate)
    evidence = f" ({evidence})" if evidence else ""
    lead = (f"Source {describe_sentences((candidate.source_id,))} has no counterpart in "
            f"the translation: {_quote(candidate.text)}.")
    check = "align.omission"
    if candidate.instead_of is not None and abs(candidate.source_id - candidate.instead_of) > 1:
        message = (f"{lead} The aligner left {describe_sentences((candidate.instead_of,))} "
                   f"unpaired instead and "
                   f"{_shifted_run(candidate.source_id, candidate.instead_of, 'numbers, names')}")
    elif candidate.instead_of is not None:
        message = (f"{lead} The aligner paired it with translated "
                   f"{describe_sentences(pair.target_ids)}, but that translates "
                   f"{describe_sentences((candidate.instead_of,))}, which it left "
                   f"unpaired{evidence}.")
    elif candidate.unmerged is not None:
        message = (f"{lead} The aligner merged {describe_sentences((candidate.unmerged,))} "
                   f"into its neighbour's pair and "
                   f"{_shifted_run(candidate.source_id, candidate.unmerged, 'numbers, names, endings')}")
    elif candidate.regrouped is not None:
        message = (f"{lead} The aligner paired it with translated "
                   f"{describe_sentences(pair.target_ids)}, but that and the translation of "
                   f"{describe_sentences((candidate.regrouped,))} read together as that "
                   f"sentence's translation{evidence}.")
    elif candidate.kind == "sentence":
        kept = tuple(s for s in pair.source_ids if s != candidate.source_id)
        message = (f"{lead} It was aligned with {describe_sentences(kept)} to translated "
                   f"{describe_sentences(pair.target_ids)}, which translates only "
                   f"{describe_sentences(kept)}{evidence}.")
    elif candidate.tested_with is not None:
        check = "omission.partial"
        given = tuple(j for j in pair.target_ids if j not in candidate.tested_with)
        message = (f"Part of source {describe_sentences((candidate.source_id,))} has no "
                   f"counterpart in translated {describe_sentences(candidate.tested_with)}: "
                   f"{_quote(candidate.text)}{evidence}. The aligner also paired it with "
                   f"translated {describe_sentences(given)}, which fits the neighbouring "
                   f"pair better.")
    else:
        check = "omission.partial"
        message = (f"Part of source {describe_sentences((candidate.source_id,))} has no "
                   f"counterpart in translated {describe_sentences(pair.target_ids)}: "
                   f"{_quote(candidate.text)}{evidence}.")
    span = TextSpan("source", candidate.source_id, candidate.start, candidate.end,
                    candidate.text)
    return Finding(check=check, severity=CHECKS[check].severity, message=message,
                   source_ids=(candidate.source_id,), target_ids=pair.target_ids,
                   spans=(span,))


def omission_findings(source: SegmentedDocument, target: SegmentedDocument,
                      alignment: Alignment, backtranslations: Sequence[str] | None,
                      config: OmissionConfig,
                      aligned: Sequence[Finding] = ()) -> tuple[Finding, ...]:
    """``aligned`` (the findings read off the alignment) with the omission findings added.

    Partial omissions and sentences hidden in merged pairs are added in pair
    order; an unpaired sentence's omission that belongs to its neighbour (see
    :func:`mtcheck.omission.detect.omission_candidates`) is moved there.
    """
    if not config.enabled:
        return tuple(aligned)
    scored = omission_candidates(source, target, alignment, backtranslations, config)
    bar = document_threshold(scored, config)
    candidates = reported(scored, bar, config)
    moved = {c.instead_of for c in candidates if c.instead_of is not None}
    kept = tuple(f for f in aligned
                 if not (f.check == "align.omission" and len(f.source_ids) == 1
                         and f.source_ids[0] in moved))
    return kept + tuple(to_finding(c, source, alignment) for c in candidates)


def capped_confidence(alignment: Alignment, findings: Sequence[Finding],
                      config: OmissionConfig) -> Alignment:
    """The alignment with pairs that lose source content capped at ``confidence_cap``.

    A pair's confidence is the probability that it links a sentence to its whole
    translation; a pair the omission check finds content missing from (a partial
    omission, or a sentence hidden in a merge) is not that, however well its
    lengths and anchors otherwise fit.
    """
    if not config.enabled:
        return alignment
    hit = [(set(f.source_ids), set(f.target_ids)) for f in findings
           if f.check in _PAIR_CHECKS and f.target_ids]
    pairs = tuple(
        dataclasses.replace(pair, confidence=min(pair.confidence, config.confidence_cap))
        if any(sources & set(pair.source_ids) and targets & set(pair.target_ids)
               for sources, targets in hit) else pair
        for pair in alignment.pairs)
    return dataclasses.replace(alignment, pairs=pairs)


# Findings that say a linked pair lacks source content.
_PAIR_CHECKS = frozenset({"omission.partial", "align.omission"})
