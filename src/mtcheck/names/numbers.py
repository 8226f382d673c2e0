"""Numbers and dates: every number of a source sentence should be in its translation.

Reading numbers (digits of every script, decimals, times, scale words, numerals) is
``mtcheck.names.numerals``; this module matches what it reads across an aligned pair.
Two mentions match when their readings meet, so format differences are never findings.
A source number written as a word ("zwei", "zum ersten Male") is matched when it can be
but never reported: translators render such words freely ("quinze jours" for "zwei
Wochen"), and a digit the source spelt out is not what an editor checks.
"""

from __future__ import annotations

from collections.abc import Sequence

from mtcheck.checks import CHECKS, describe_sentences
from mtcheck.names.numerals import NumberMention, find_numbers
from mtcheck.types import AlignedPair, Alignment, Finding, SegmentedDocument, TextSpan

__all__ = ["NumberMention", "check_numbers", "find_numbers"]


def _finding(check: str, message: str, source_ids: tuple[int, ...], target_ids: tuple[int, ...],
             spans: tuple[TextSpan, ...], expected: str | None = None) -> Finding:
    return Finding(check=check, severity=CHECKS[check].severity, message=message,
                   source_ids=source_ids, target_ids=target_ids, spans=spans, expected=expected)



def _match(wanted: Sequence[NumberMention], offered: Sequence[NumberMention]) -> list[int | None]:
    """For each wanted mention, the index of the offered mention it pairs with (or None).

    Same main value first, then any shared reading, so that "1.500" (1500 or 1.5) takes
    the 1500 when there is one and the 1.5 otherwise."""
    taken: set[int] = set()
    result: list[int | None] = [None] * len(wanted)
    for exact in (True, False):
        for i, mention in enumerate(wanted):
            if result[i] is not None:
                continue
            for j, other in enumerate(offered):
                if j in taken:
                    continue
                if (mention.value == other.value if exact
                        else mention.readings & other.readings):
                    result[i] = j
                    taken.add(j)
                    break
    return result


def _nearby(pair: AlignedPair, target: SegmentedDocument) -> list[NumberMention]:
    """Numbers of the target sentences just before and after the pair: a number found there
    is a question for the alignment, not a missing number."""
    around = (min(pair.target_ids) - 1, max(pair.target_ids) + 1)
    return [n for tid in around if 0 <= tid < len(target.sentences)
            for n in find_numbers(target.sentences[tid].text, target.lang)]


def check_numbers(source: SegmentedDocument, target: SegmentedDocument,
                  alignment: Alignment) -> tuple[Finding, ...]:
    """numbers.mismatch where a source number is replaced, numbers.missing where it is gone."""
    findings: list[Finding] = []
    for pair in alignment.pairs:
        if not pair.source_ids or not pair.target_ids:
            continue
        source_numbers = [(sid, n) for sid in pair.source_ids
                          for n in find_numbers(source.sentences[sid].text, source.lang)]
        if not any(not n.word for _, n in source_numbers):
            continue
        target_numbers = [(tid, n) for tid in pair.target_ids
                          for n in find_numbers(target.sentences[tid].text, target.lang)]
        matched = _match([n for _, n in source_numbers], [n for _, n in target_numbers])
        unmatched = [(sid, n) for (sid, n), j in zip(source_numbers, matched, strict=True)
                     if j is None and not n.word]
        if not unmatched:
            continue
        found_near = _match([n for _, n in unmatched], _nearby(pair, target))
        unmatched = [item for item, j in zip(unmatched, found_near, strict=True) if j is None]
        used = {j for j in matched if j is not None}
        extras = [(tid, n) for j, (tid, n) in enumerate(target_numbers)
                  if j not in used and not n.word]
        for sid, number in unmatched:
            source_span = TextSpan("source", sid, number.start, number.end, number.text)
            if extras:
                tid, other = extras.pop(0)
                findings.append(_finding(
                    "numbers.mismatch",
                    f"The source has {number.text} ({describe_sentences([sid])}); the translation has "
                    f"{other.text} instead ({describe_sentences([tid])})",
                    pair.source_ids, (tid,),
                    (source_span, TextSpan("target", tid, other.start, other.end, other.text)),
                    expected=number.value))
            else:
                findings.append(_finding(
                    "numbers.missing",
                    f"{number.text} ({describe_sentences([sid])} of the source) is not in the "
                    f"translation ({describe_sentences(pair.target_ids)})",
                    pair.source_ids, pair.target_ids, (source_span,), expected=number.value))
    return tuple(findings)
