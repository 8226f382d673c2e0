"""Banded dynamic programming over bead kinds: the search of the aligner.

``D[i][j]`` is the cheapest way to align the first ``i`` source and the first
``j`` target sentences. Each row keeps only a window of columns (the band), so
time and memory grow with ``rows × band`` instead of ``rows × columns``. A row
is computed with a few whole-array numpy operations over all bead kinds at
once: every bead that consumes at least one source sentence reads earlier rows
only, and the chain of target insertions (0-1 beads) inside a row is a running
minimum over prefix sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

Bead = tuple[int, int]


class CostModel(Protocol):
    """What the search asks of a cost model."""

    def row_costs(self, row: int, lo: int, hi: int) -> NDArray[np.float64]:
        """Costs of the consuming beads (in model order) ending at (row, j), j in lo..hi.

        Shape (beads, hi - lo + 1); entries for impossible beads may be anything.
        """
        ...

    def insertion_costs(self) -> NDArray[np.float64]:
        """Entry ``j`` (1-based): cost of a run of insertions starting with target ``j - 1``."""
        ...

    def insertion_extend_costs(self) -> NDArray[np.float64]:
        """Entry ``j`` (1-based): cost of target ``j - 1`` as a further sentence of a run."""
        ...

    def deletion_costs(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Entry ``i`` (1-based): cost of a run of deletions starting with source ``i - 1``;
        and of source ``i - 1`` as a further sentence of a run."""
        ...

    def final_deletion_cost(self) -> float | None:
        """Cost of each source sentence left over once the whole target is used (a cut-off
        translation), in place of the deletion costs; None: no such discount."""
        ...


@dataclass(frozen=True)
class Band:
    """Per source position ``i`` (0..n), the inclusive target window ``lo[i]..hi[i]``."""

    lo: NDArray[np.int64]
    hi: NDArray[np.int64]

    @classmethod
    def full(cls, rows: int, columns: int) -> Band:
        return cls(np.zeros(rows + 1, dtype=np.int64), np.full(rows + 1, columns, dtype=np.int64))

    @classmethod
    def around(cls, lines: tuple[NDArray[np.float64], NDArray[np.float64]], half_width: int,
               columns: int) -> Band:
        """A band of ``half_width`` columns either side of a low and a high line.

        Row ``i`` reaches from the low line at row ``i - 1`` to the high line at row
        ``i + 1`` (each widened by ``half_width``), so that where the lines jump (a long
        run of insertions) the row that makes the jump holds all of it.
        """
        low = np.maximum.accumulate(np.asarray(lines[0], dtype=np.float64))
        high = np.maximum.accumulate(np.asarray(lines[1], dtype=np.float64))
        before = np.concatenate((low[:1], low[:-1]))
        after = np.concatenate((high[1:], high[-1:]))
        return cls.between(before, after, half_width, columns)

    @classmethod
    def between(cls, low: NDArray[np.float64], high: NDArray[np.float64], half_width: int,
                columns: int) -> Band:
        """Row ``i`` spans ``low[i] - half_width .. high[i] + half_width``, made monotone."""
        lo = np.clip(np.floor(low).astype(np.int64) - half_width, 0, columns)
        hi = np.clip(np.ceil(high).astype(np.int64) + half_width, 0, columns)
        lo = np.maximum.accumulate(lo)
        hi = np.maximum.accumulate(hi)
        lo[0] = 0
        hi[-1] = columns
        # Consecutive rows must overlap, or no path could go from one to the next.
        lo[1:] = np.minimum(lo[1:], hi[:-1])
        return cls(lo, np.maximum(hi, lo))

    @classmethod
    def along(cls, path: Sequence[tuple[int, int, int, int]], rows: int, half_width: int,
              columns: int) -> Band:
        """A band of ``half_width`` around the columns a path visits in each row."""
        low = np.full(rows + 1, np.inf)
        high = np.full(rows + 1, -np.inf)
        for i, j, a, b in path:
            for row, column in ((i, j), (i + a, j + b)):
                low[row] = min(low[row], column)
                high[row] = max(high[row], column)
        # Rows inside a many-source bead lie between its corners.
        seen = np.isfinite(low)
        index = np.arange(rows + 1)
        low = np.interp(index, index[seen], low[seen])
        high = np.interp(index, index[seen], high[seen])
        return cls.between(np.minimum.accumulate(low[::-1])[::-1], np.maximum.accumulate(high),
                           half_width, columns)

    def cells(self) -> int:
        return int((self.hi - self.lo + 1).sum())


@dataclass(frozen=True)
class SearchResult:
    """The cheapest path as beads (source start, target start, source count, target count)."""

    beads: list[tuple[int, int, int, int]]
    costs: list[float]  # the model's cost of each bead (a run of insertions: its share)
    total_cost: float
    touches_edge: bool  # the path ran along the band's edge: a wider band might do better


def banded_search(rows: int, columns: int, consuming: Sequence[Bead], model: CostModel,
                  band: Band, allow_insertions: bool = True) -> SearchResult:
    """The cheapest monotone cover of ``rows`` × ``columns`` sentences by beads.

    ``consuming`` are the bead kinds with at least one source sentence, in the
    order of the model's rows; 0-1 insertions are added when allowed.
    Raises ``ValueError`` when the band admits no path (the caller widens it).
    """
    kinds = np.asarray(consuming, dtype=np.int64).reshape(-1, 2)
    take_source, take_target = kinds[:, 0], kinds[:, 1]
    if (take_source < 1).any():
        raise ValueError("consuming beads must take at least one source sentence")
    ring = int(take_source.max(initial=0)) + 1
    buffers = np.full((ring, columns + 1), np.inf)
    windows: list[tuple[int, int]] = [(0, -1)] * ring
    # What the backtrack needs, one entry per band cell, in flat arrays: per-row arrays
    # would cost a hundred bytes of object overhead each on a 50,000-row document.
    offsets = np.zeros(rows + 2, dtype=np.int64)
    np.cumsum(band.hi - band.lo + 1, out=offsets[1:])
    widest = int((band.hi - band.lo).max(initial=0)) + 1
    choices = np.zeros(int(offsets[-1]), dtype=np.uint8)  # bead code | _EXTENDS
    run_back: NDArray[np.unsignedinteger] = np.zeros(
        int(offsets[-1]), dtype=np.uint16 if widest < 2**16 else np.uint32)
    own_costs = np.zeros(int(offsets[-1]), dtype=np.float32)
    insertion = model.insertion_costs()
    insertion_extend = model.insertion_extend_costs()
    insertion_code = len(consuming)
    # Runs of deletions (1-0 beads) cross rows, so they keep their own state: the cheapest
    # way to reach (i, j) ending with a deletion, and whether that deletion extends a run.
    deletion_code = list(consuming).index((1, 0)) if (1, 0) in consuming else -1
    deletion_open, deletion_extend = model.deletion_costs()
    final_deletion = model.final_deletion_cost()
    ending_in_deletion = np.full(columns + 1, np.inf)
    for i in range(rows + 1):
        lo, hi = int(band.lo[i]), int(band.hi[i])
        cells = slice(int(offsets[i]), int(offsets[i + 1]))
        columns_here = np.arange(lo, hi + 1)
        if i == 0:
            best = np.full(hi - lo + 1, np.inf)
            best[0] = 0.0 if lo == 0 else np.inf
            choice = np.zeros(hi - lo + 1, dtype=np.uint8)
        else:
            starts = columns_here[None, :] - take_target[:, None]
            previous_rows = (i - take_source) % ring
            own_cost = model.row_costs(i, lo, hi)
            candidate = buffers[previous_rows[:, None], np.maximum(starts, 0)] + own_cost
            candidate[(starts < 0) | (take_source > i)[:, None]] = np.inf
            extending = None
            if deletion_code >= 0:
                opened = buffers[(i - 1) % ring, lo : hi + 1] + deletion_open[i]
                extended = ending_in_deletion[lo : hi + 1] + deletion_extend[i]
                if final_deletion is not None and hi == columns:
                    # Past the end of a cut-off target: every further source sentence is
                    # part of the truncated tail, at the same small cost.
                    opened[-1] = buffers[(i - 1) % ring, columns] + final_deletion
                    extended[-1] = ending_in_deletion[columns] + final_deletion
                extending = extended < opened
                deleted = np.where(extending, extended, opened)
                ending_in_deletion[:] = np.inf
                ending_in_deletion[lo : hi + 1] = deleted
                candidate[deletion_code] = deleted
            chosen = candidate.argmin(axis=0)
            choice = chosen.astype(np.uint8)
            if extending is not None:
                choice[extending] |= _EXTENDS
            picked = np.arange(len(chosen))
            best = candidate[chosen, picked]
            own_costs[cells] = own_cost[chosen, picked]
        if allow_insertions and hi > lo:
            best, chained, start = _insertion_runs(best, insertion[lo + 1 : hi + 1],
                                                   insertion_extend[lo + 1 : hi + 1])
            choice[chained] = insertion_code | (choice[chained] & _EXTENDS)
            run_back[cells] = np.arange(hi - lo + 1) - start
        choices[cells] = choice
        slot = i % ring
        old_lo, old_hi = windows[slot]
        buffers[slot, old_lo : old_hi + 1] = np.inf
        buffers[slot, lo : hi + 1] = best
        windows[slot] = (lo, hi)
    total = float(buffers[rows % ring, columns])
    if not np.isfinite(total):
        raise ValueError("no alignment path inside the band")
    trace = _Trace(offsets, choices, run_back, band)
    path, touches = _backtrack(rows, columns, consuming, trace)
    costs = []
    for i, j, a, b in path:
        if a == 0:
            costs.append(float(insertion[j + 1]))
        elif b == 0:
            costs.append(float(final_deletion) if final_deletion is not None and j == columns
                         else float(deletion_open[i + 1]))
        else:
            costs.append(float(own_costs[trace.cell(i + a, j + b)]))
    return SearchResult(path, costs, total, touches)


# Flag in a choice byte: this deletion extends a run of deletions.
_EXTENDS = 0x80


@dataclass(frozen=True)
class _Trace:
    """The search's choices per band cell, flattened row after row."""

    offsets: NDArray[np.int64]
    choices: NDArray[np.uint8]
    run_back: NDArray[np.unsignedinteger]
    band: Band

    def cell(self, i: int, j: int) -> int:
        return int(self.offsets[i]) + j - int(self.band.lo[i])


def _insertion_runs(best: NDArray[np.float64], opening: NDArray[np.float64],
                    extend: NDArray[np.float64]) -> tuple[NDArray[np.float64],
                                                          NDArray[np.bool_], NDArray[np.int64]]:
    """Add runs of target insertions to one row: affine costs, by a running minimum.

    A run of insertions after column ``k`` up to column ``j`` costs the opening
    cost of its first sentence plus the extension cost of each further one
    (``extend[l]`` for the sentence of column ``l + 1``), because unaligned
    sentences come in blocks (captions, an untranslated paragraph). With ``E`` the
    prefix sums of ``extend``, ``D[j] = min(P[j], min_{k<j} P[k] + opening[k] + E[j] - E[k+1])``:
    a running minimum of ``P[k] + opening[k] - E[k+1]``.
    Returns the new row, which cells end a run, and where each cell's run starts.
    """
    width = len(best)
    steps = np.concatenate(([0.0], np.cumsum(extend)))
    # value of starting a run right after column k (entries 0..width-2)
    launch = best[:-1] + opening - steps[1:]
    running = np.minimum.accumulate(launch)
    positions = np.arange(width - 1)
    last_best = np.maximum.accumulate(np.where(launch == running, positions, 0))
    via_run = np.concatenate(([np.inf], running + steps[1:]))
    chained = via_run < best
    start = np.arange(width, dtype=np.int64)
    start[1:][chained[1:]] = last_best[chained[1:]]
    return np.minimum(best, via_run), chained, start


def _backtrack(rows: int, columns: int, consuming: Sequence[Bead],
               trace: _Trace) -> tuple[list[tuple[int, int, int, int]], bool]:
    path: list[tuple[int, int, int, int]] = []
    touches = False
    in_deletion_run = False
    i, j = rows, columns
    band = trace.band
    while i > 0 or j > 0:
        lo, hi = int(band.lo[i]), int(band.hi[i])
        if (j == lo and lo > 0) or (j == hi and hi < columns):
            touches = True
        cell = trace.cell(i, j)
        byte = int(trace.choices[cell])
        code = byte & ~_EXTENDS
        if in_deletion_run or (code < len(consuming) and consuming[code] == (1, 0)):
            in_deletion_run = bool(byte & _EXTENDS)
            i -= 1
            path.append((i, j, 1, 0))
            continue
        if code < len(consuming):
            a, b = consuming[code]
            i, j = i - a, j - b
            path.append((i, j, a, b))
            continue
        start = j - int(trace.run_back[cell])
        for k in range(j - 1, start - 1, -1):
            path.append((i, k, 0, 1))
        j = start
    path.reverse()
    return path, touches
