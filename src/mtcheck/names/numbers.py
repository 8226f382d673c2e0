"""Numbers and dates: every number of a source sentence should be in its translation.

Reading numbers (digits of every script, decimals, times, scale words, numerals) is
``mtcheck.names.numerals``; this module matches what it reads across an aligned pair.
Two mentions match when their readings meet, so format differences are never findings.
A source number written as a word ("zwei", "zum ersten Male") is matched when it can be
but never reported: translators render such words freely ("quinze jours" for "zwei
Wochen"), and a digit the source spelt out is not what an editor checks.

Each side of a pair is read as one text (its sentences joined by line breaks), so a
number the segmenter cut in two ("2 fr." | "70") reads as it was written. A source number
is not reported when the question is the alignment's rather than the translator's:

* it is in the target sentences around the pair: the nearest aligned sentence on each
  side and every sentence up to it that is unaligned or in a contradicted pair (both sides
  have numbers and share none): where a misplaced translation would be;
* it belongs to a run of two or more source numbers, all unmatched, that stands in the
  same order in some other target sentence (a page header left in both texts, a sentence
  the aligner put elsewhere): a run of numbers is text, not chance. Likewise a run of
  target numbers that stands in another source sentence replaces nothing.

A number replaced in a pair the aligner itself thinks more likely wrong than right
(confidence below one half) is a warning, not an error: it may be the alignment's doing.
A number only missing is a warning in such a pair (the omission check caps the confidence
of pairs it finds content missing from) and info elsewhere: professional translators
leave out a year or an altitude a fluent sentence does not need.

Some numbers are not reported missing at all, only replaced: a value of two digits or more
the pair's translation already gives for another mention (a repeat), "100 %" (said
"wholly"), and digits that are part of a name ("A380", "COVID-19"). References ("S. 81",
"Nr. 292", the numbers of a citation in parentheses) are never reported: translators cite
their own edition.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from mtcheck.checks import CHECKS, describe_sentences
from mtcheck.names.numerals import NumberMention, find_numbers, same_quantity
from mtcheck.types import AlignedPair, Alignment, Finding, SegmentedDocument, Severity, TextSpan

__all__ = ["NumberMention", "check_numbers", "find_numbers"]

# A pair whose calibrated confidence is below this is more likely misaligned than not.
_LIKELY_WRONG = 0.5
# Numbers in one sentence: (sentence id, mention), mention offsets within that sentence.
Located = tuple[int, NumberMention]


def _finding(check: str, message: str, source_ids: tuple[int, ...], target_ids: tuple[int, ...],
             spans: tuple[TextSpan, ...], expected: str | None = None,
             severity: Severity | None = None) -> Finding:
    return Finding(check=check, severity=severity or CHECKS[check].severity, message=message,
                   source_ids=source_ids, target_ids=target_ids, spans=spans, expected=expected)


def _read(document: SegmentedDocument, ids: Sequence[int]) -> list[Located]:
    """The numbers of some sentences read as one text, each placed back in its sentence."""
    texts = [document.sentences[i].text for i in ids]
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    located: list[Located] = []
    for mention in find_numbers("\n".join(texts), document.lang):
        k = bisect.bisect_right(starts, mention.start) - 1
        start = mention.start - starts[k]
        end = min(mention.end - starts[k], len(texts[k]))
        located.append((ids[k], replace(mention, start=start, end=end,
                                        text=texts[k][start:end] or mention.text)))
    return located


def _prefers(mention: NumberMention, other: NumberMention) -> bool:
    return mention.word == other.word


def _comparable(mention: NumberMention, other: NumberMention) -> bool:
    """A month name pairs with digits or another month name, not with a numeral word."""
    return not ((mention.month and other.word and not other.month)
                or (other.month and mention.word and not mention.month))


def _match(wanted: Sequence[NumberMention], offered: Sequence[NumberMention]) -> list[int | None]:
    """For each wanted mention, the index of the offered mention it pairs with (or None).

    Same main value first, then any shared reading, so that "1.500" (1500 or 1.5) takes
    the 1500 when there is one and the 1.5 otherwise; within each, a digit pairs with a
    digit and a word with a word first, so that "zweiten" takes "deux" and leaves "2e"
    for a source "2"."""
    taken: set[int] = set()
    result: list[int | None] = [None] * len(wanted)
    tests: list[Callable[[NumberMention, NumberMention], bool]] = [
        lambda a, b: a.value == b.value and _prefers(a, b),
        lambda a, b: a.value == b.value,
        lambda a, b: bool(a.readings & b.readings) and _prefers(a, b),
        lambda a, b: bool(a.readings & b.readings),
        same_quantity,
        _short_year,
    ]
    for test in tests:
        for i, mention in enumerate(wanted):
            if result[i] is not None:
                continue
            for j, other in enumerate(offered):
                if j not in taken and _comparable(mention, other) and test(mention, other):
                    result[i] = j
                    taken.add(j)
                    break
    return result


def _short_year(first: NumberMention, second: NumberMention) -> bool:
    """A decade's year and its last two digits: "the 1980s" and "les années 80", "80年代"."""
    def year(m: NumberMention) -> str | None:
        return m.value if re.fullmatch(r"(?:19|20)\d0", m.value) else None

    def short(m: NumberMention) -> str | None:
        return m.value if re.fullmatch(r"[1-9]0", m.value) and len(m.text) == 2 else None

    a, b = year(first) or short(first), year(second) or short(second)
    return a is not None and b is not None and len(a) != len(b) and a[-2:] == b[-2:]


def _around(pair: AlignedPair, target: SegmentedDocument, aligned: set[int],
            contradicted: set[int]) -> list[int]:
    """Target sentences where a misplaced translation of the pair may stand: on each side,
    every unaligned sentence and every sentence of a contradicted pair (both sides have
    numbers, and they share none) up to and including the nearest other aligned one."""
    ids: list[int] = []
    for step, tid in ((-1, min(pair.target_ids) - 1), (1, max(pair.target_ids) + 1)):
        while 0 <= tid < len(target.sentences):
            ids.append(tid)
            if tid in aligned and tid not in contradicted:
                break
            tid += step
    return ids


def _runs(items: Sequence[Located], missing: set[int]) -> list[list[int]]:
    """Maximal runs (of two or more) of consecutive digit mentions that are all missing."""
    runs: list[list[int]] = []
    current: list[int] = []
    for k, (_, mention) in enumerate(items):
        if mention.word:
            continue
        if k in missing:
            current.append(k)
            continue
        if len(current) >= 2:
            runs.append(current)
        current = []
    if len(current) >= 2:
        runs.append(current)
    return runs


def _stands_elsewhere(run: Sequence[NumberMention], sentences: Sequence[Sequence[NumberMention]]
                      ) -> bool:
    """Whether the numbers of ``run`` follow each other, in order, in one of ``sentences``."""
    width = len(run)
    for numbers in sentences:
        for k in range(len(numbers) - width + 1):
            if all(a.readings & b.readings for a, b in zip(run, numbers[k:k + width], strict=True)):
                return True
    return False


def _closeness(wanted: NumberMention, other: NumberMention) -> tuple[int, float, int]:
    """How alike two numbers look, for pairing a missing number with its replacement: the
    same count of digits first (6719 → 6179, 1956 → 1955), then the nearer value."""
    def digits(m: NumberMention) -> int:
        return sum(ch.isdigit() for ch in m.value)
    try:
        a, b = float(wanted.value), float(other.value)
        ratio = abs(a - b) / max(abs(a), abs(b), 1.0)
    except ValueError:
        ratio = 1.0
    return (abs(digits(wanted) - digits(other)), ratio, other.start)


def _pair_replacements(missing: Sequence[Located], extras: Sequence[Located]
                       ) -> dict[int, Located]:
    """Which new target number stands for which missing source number (by index in
    ``missing``): the likest pairs first, each number used once."""
    candidates = sorted((_closeness(number, other), i, e)
                        for i, (_, number) in enumerate(missing)
                        for e, (_, other) in enumerate(extras))
    replacements: dict[int, Located] = {}
    paired: set[int] = set()
    for _, i, e in candidates:
        if i not in replacements and e not in paired:
            replacements[i] = extras[e]
            paired.add(e)
    return replacements


def check_numbers(source: SegmentedDocument, target: SegmentedDocument,
                  alignment: Alignment) -> tuple[Finding, ...]:
    """numbers.mismatch where a source number is replaced, numbers.missing where it is gone."""
    findings: list[Finding] = []
    aligned = {tid for pair in alignment.pairs if pair.source_ids for tid in pair.target_ids}
    cache: dict[tuple[str, int], list[NumberMention]] = {}

    def numbers_of(tid: int, side: str = "target") -> list[NumberMention]:
        if (side, tid) not in cache:
            document = target if side == "target" else source
            cache[side, tid] = [n for _, n in _read(document, (tid,))]
        return cache[side, tid]

    def elsewhere(side: str, ids: Sequence[int]) -> list[list[NumberMention]]:
        count = len((target if side == "target" else source).sentences)
        return [[n for n in numbers_of(i, side) if not n.word] for i in range(count)
                if i not in ids]

    read: list[tuple[AlignedPair, list[Located], list[Located], list[int | None]]] = []
    contradicted: set[int] = set()
    for pair in alignment.pairs:
        if not pair.source_ids or not pair.target_ids:
            continue
        source_numbers = _read(source, pair.source_ids)
        if not any(not n.word for _, n in source_numbers):
            continue
        target_numbers = _read(target, pair.target_ids)
        matched = _match([n for _, n in source_numbers], [n for _, n in target_numbers])
        read.append((pair, source_numbers, target_numbers, matched))
        if (any(not n.word for _, n in target_numbers)
                and all(j is None for (_, n), j in zip(source_numbers, matched, strict=True)
                        if not n.word)):
            contradicted.update(pair.target_ids)
    for pair, source_numbers, target_numbers, matched in read:
        missing = {k for k, j in enumerate(matched) if j is None and not source_numbers[k][1].word}
        if not missing:
            continue
        nearby = [n for tid in _around(pair, target, aligned, contradicted)
                  for n in numbers_of(tid)]
        found_near = _match([source_numbers[k][1] for k in sorted(missing)], nearby)
        missing -= {k for k, j in zip(sorted(missing), found_near, strict=True) if j is not None}
        for run in _runs(source_numbers, missing):
            if _stands_elsewhere([source_numbers[k][1] for k in run],
                                 elsewhere("target", pair.target_ids)):
                missing -= set(run)
        if not missing:
            continue
        # A target number some source number of the pair reads as is accounted for, even
        # when another mention took it ("zweiten" → "deux", so "2e" replaces nothing); so
        # is a run of target numbers that stands in another source sentence.
        used = {j for j in matched if j is not None}
        unused = {j for j in range(len(target_numbers)) if j not in used}
        for run in _runs(target_numbers, unused):
            if _stands_elsewhere([target_numbers[j][1] for j in run],
                                 elsewhere("source", pair.source_ids)):
                unused -= set(run)
        extras = [(tid, n) for j, (tid, n) in enumerate(target_numbers)
                  if j in unused and not n.word
                  and not any(n.readings & s.readings for _, s in source_numbers)]
        order = sorted(missing)
        replacements = _pair_replacements([source_numbers[k] for k in order], extras)
        doubtful = pair.confidence < _LIKELY_WRONG
        # Values of two digits or more the translation already gives once for another
        # digit mention: a repeat left out is no loss ("1952 … 1952 und 1953" → "1952/53",
        # "100 by 100 km" → "100キロ四方"). A one-digit value recurs by chance ("am 5. Mai
        # mit 5 Trägern").
        given = {reading for k, j in enumerate(matched)
                 if j is not None and not source_numbers[k][1].word
                 for reading in source_numbers[k][1].readings
                 if sum(ch.isdigit() for ch in reading) >= 2}
        for i, k in enumerate(order):
            sid, number = source_numbers[k]
            source_span = TextSpan("source", sid, number.start, number.end, number.text)
            if i not in replacements and (number.wordable or number.readings & given):
                continue
            if i in replacements:
                tid, other = replacements[i]
                findings.append(_finding(
                    "numbers.mismatch",
                    f"The source has {number.text} ({describe_sentences([sid])}); the translation has "
                    f"{other.text} instead ({describe_sentences([tid])})",
                    pair.source_ids, (tid,),
                    (source_span, TextSpan("target", tid, other.start, other.end, other.text)),
                    expected=number.value, severity=Severity.WARNING if doubtful else None))
            else:
                # A number left out of a pair that otherwise holds together is a free
                # rendering as often as a loss: info, unless the aligner or the omission
                # check (which caps the confidence of a pair that loses content) doubts it.
                findings.append(_finding(
                    "numbers.missing",
                    f"{number.text} ({describe_sentences([sid])} of the source) is not in the "
                    f"translation ({describe_sentences(pair.target_ids)})",
                    pair.source_ids, pair.target_ids, (source_span,), expected=number.value,
                    severity=None if doubtful else Severity.INFO))
    return tuple(findings)
