"""Gold alignments: reading them and scoring an alignment against one.

Scoring follows vecalign's ``score.py`` (after Sennrich & Volk): *strict*
counts a bead as correct only when the same bead is in the gold alignment;
*lax* also counts a bead whose source sentences share a gold bead with at
least one of its target sentences. Precision is counted over the beads of the
alignment being scored; recall over the gold beads that link something to
something, because insertions and deletions are left out of recall.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from mtcheck.errors import InputError

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]
_BEAD_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class AlignmentScore:
    """Strict and lax precision/recall/F1 of one alignment (or several pooled)."""

    strict: PRF
    lax: PRF
    test_beads: int
    gold_beads: int
    # (gold bead kind, test bead kind) -> count, over gold beads linked to the test bead
    # that covers most of their sentences; "missing" when no test bead overlaps.
    confusion: Mapping[tuple[str, str], int]


def parse_vecalign(text: str, where: str) -> list[BeadIds]:
    """Beads in vecalign's format, one per line: ``[0, 1]:[2]``."""
    beads: list[BeadIds] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _BEAD_LINE.match(line)
        if not match:
            raise InputError(where, f"line {number}: expected a bead like [0, 1]:[2], "
                                    f"got {line.strip()[:60]!r}")
        beads.append((_ids(match.group(1)), _ids(match.group(2))))
    if not beads:
        raise InputError(where, "no beads in the gold alignment")
    return beads


def _ids(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.replace(",", " ").split())


def format_vecalign(beads: Iterable[BeadIds]) -> str:
    """Beads in vecalign's format, one line each."""
    return "".join(f"[{', '.join(map(str, s))}]:[{', '.join(map(str, t))}]\n" for s, t in beads)


def beads_from_texts(records: Sequence[Mapping[str, object]], source: Sequence[str],
                     target: Sequence[str], where: str) -> list[BeadIds]:
    """Turn gold beads given as sentence texts into ids, matching them in order.

    Gold files written by people list sentence texts; the ids come from where
    those texts occur in the segmented documents. Matching walks both documents
    in order, so repeated sentences map to their next occurrence.
    """
    beads: list[BeadIds] = []
    positions = [0, 0]
    for number, record in enumerate(records, start=1):
        ids: list[tuple[int, ...]] = []
        for side, sentences in ((0, source), (1, target)):
            key = "source" if side == 0 else "target"
            texts = record.get(key, [])
            if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
                raise InputError(where, f"bead {number}: {key!r} must be a list of strings")
            found: list[int] = []
            for text in texts:
                index = _find(sentences, text, positions[side])
                if index is None:
                    raise InputError(where, f"bead {number}: {key} sentence not found in the "
                                            f"segmented document: {text[:60]!r}")
                found.append(index)
                positions[side] = index + 1
            ids.append(tuple(found))
        beads.append((ids[0], ids[1]))
    return beads


def _find(sentences: Sequence[str], text: str, start: int) -> int | None:
    wanted = _squash(text)
    for index in range(start, len(sentences)):
        if _squash(sentences[index]) == wanted:
            return index
    return None


def _squash(text: str) -> str:
    return "".join(text.split())


def read_gold_json(text: str, where: str) -> list[Mapping[str, object]]:
    """The ``alignment`` records of a gold JSON file."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON: {exc}") from None
    records = data.get("alignment") if isinstance(data, dict) else None
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InputError(where, "expected an object with an 'alignment' list of "
                                "{'source': [...], 'target': [...]} beads")
    return records


def score_alignment(gold: Sequence[BeadIds], test: Sequence[BeadIds]) -> AlignmentScore:
    """Strict and lax precision, recall and F1 of ``test`` against ``gold``."""
    return score_many([gold], [test])


def score_many(golds: Sequence[Sequence[BeadIds]],
               tests: Sequence[Sequence[BeadIds]]) -> AlignmentScore:
    """Scores pooled over several documents, counting beads over all of them."""
    precision = [0, 0, 0, 0]
    recall = [0, 0, 0, 0]
    confusion: Counter[tuple[str, str]] = Counter()
    test_count = gold_count = 0
    for gold, test in zip(golds, tests, strict=True):
        gold_set = _clean(gold)
        test_set = _clean(test)
        linked = {bead for bead in gold_set if bead[0] and bead[1]}
        for k, value in enumerate(_counts(gold_set, test_set)):
            precision[k] += value
        for k, value in enumerate(_counts(test_set, linked)):
            recall[k] += value
        confusion.update(_confusion(gold_set, test_set))
        test_count += len(test_set)
        gold_count += len(gold_set)
    strict = _prf(precision[0], precision[0] + precision[1], recall[0], recall[0] + recall[1])
    lax = _prf(precision[2], precision[2] + precision[3], recall[2], recall[2] + recall[3])
    return AlignmentScore(strict, lax, test_count, gold_count, dict(confusion))


def _clean(beads: Iterable[BeadIds]) -> set[BeadIds]:
    return {(tuple(s), tuple(t)) for s, t in beads if s or t}


def _counts(gold: set[BeadIds], test: set[BeadIds]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` beads against ``gold``."""
    linked_targets: dict[int, set[int]] = {}
    for source_ids, target_ids in gold:
        for s in source_ids:
            linked_targets.setdefault(s, set()).update(target_ids)
    strict_hit = strict_miss = lax_hit = lax_miss = 0
    for bead in test:
        if bead in gold:
            strict_hit += 1
            lax_hit += 1
            continue
        strict_miss += 1
        reachable: set[int] = set()
        for s in bead[0]:
            reachable |= linked_targets.get(s, set())
        if reachable.intersection(bead[1]):
            lax_hit += 1
        else:
            lax_miss += 1
    return strict_hit, strict_miss, lax_hit, lax_miss


def _prf(hits_p: int, total_p: int, hits_r: int, total_r: int) -> PRF:
    precision = hits_p / total_p if total_p else 0.0
    recall = hits_r / total_r if total_r else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def _kind(bead: BeadIds) -> str:
    return f"{len(bead[0])}-{len(bead[1])}"


def _confusion(gold: set[BeadIds], test: set[BeadIds]) -> Counter[tuple[str, str]]:
    """For each gold bead, the kind of the test bead sharing most of its sentences."""
    owner_source: dict[int, BeadIds] = {}
    owner_target: dict[int, BeadIds] = {}
    for bead in test:
        for s in bead[0]:
            owner_source[s] = bead
        for t in bead[1]:
            owner_target[t] = bead
    table: Counter[tuple[str, str]] = Counter()
    for bead in gold:
        if bead in test:
            table[(_kind(bead), _kind(bead))] += 1
            continue
        votes: Counter[BeadIds] = Counter()
        for s in bead[0]:
            if s in owner_source:
                votes[owner_source[s]] += 1
        for t in bead[1]:
            if t in owner_target:
                votes[owner_target[t]] += 1
        if votes:
            best = max(votes.items(), key=lambda item: (item[1], item[0]))[0]
            table[(_kind(bead), _kind(best) + " (wrong)")] += 1
        else:
            table[(_kind(bead), "missing")] += 1
    return table
