"""Anchor pairs and the bands built on them: what keeps the search linear at every size."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.align import align_sentences
from mtcheck.align.anchors import _monotone_chain, anchor_lines, anchor_pairs
from mtcheck.align.search import Band
from mtcheck.align.signals import feature_matrices
from mtcheck.config import AlignConfig


def _numbered(count: int, offset: int = 0) -> list[str]:
    return [f"Report {1000 + k + offset} was filed in the northern valley." for k in range(count)]


def test_sentences_sharing_a_unique_number_are_anchors() -> None:
    source = _numbered(6)
    target = ["Bericht 1001 wurde im nördlichen Tal abgelegt.", "Ein Bild ohne Zahl.",
              "Bericht 1004 wurde im nördlichen Tal abgelegt."]
    src, tgt = feature_matrices(source, "en", target, "de")
    assert anchor_pairs(src, tgt) == [(1, 0), (4, 2)]


def test_a_number_repeated_on_one_side_is_no_anchor() -> None:
    source = ["In 1956 they left.", "In 1956 they came back."]
    target = ["1956 brachen sie auf.", "Sie kamen zurück."]
    src, tgt = feature_matrices(source, "en", target, "de")
    assert anchor_pairs(src, tgt) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50), st.floats(1, 10)),
                max_size=40))
def test_the_anchor_chain_is_strictly_monotone(pairs: list[tuple[int, int, float]]) -> None:
    chain = _monotone_chain(pairs)
    assert all(s1 < s2 and t1 < t2 for (s1, t1), (s2, t2) in itertools.pairwise(chain))
    assert set(chain) <= {(s, t) for s, t, _ in pairs}
    # As long as any chain: a single pair is a chain of one.
    assert bool(chain) == bool(pairs)


def test_lines_between_anchors_hold_a_jump_anywhere() -> None:
    # 10 source sentences; anchors at (2, 2) and (6, 106): a block of 100 insertions
    # somewhere between them.
    low, high = anchor_lines([(2, 2), (6, 106)], 10, 110)
    assert low[0] == 0 and high[-1] == 110
    assert np.all(np.diff(low) >= 0) and np.all(np.diff(high) >= 0)
    # Diagonal first (jump at the end) and jump first (diagonal after) are both inside.
    for row, column in ((4, 4), (4, 104), (5, 5), (5, 105), (3, 103)):
        assert low[row] <= column <= high[row]
    band = Band.around((low, high), 2, 110)
    assert band.lo[4] <= 4 and band.hi[4] >= 104


def test_a_band_along_a_path_covers_the_path() -> None:
    path = [(0, 0, 1, 1), (1, 1, 0, 1), (1, 2, 0, 1), (1, 3, 1, 1), (2, 4, 2, 1), (4, 5, 1, 0)]
    band = Band.along(path, 5, 0, 5)
    for i, j, a, b in path:
        for row, column in ((i, j), (i + a, j + b)):
            assert band.lo[row] <= column <= band.hi[row]


def test_a_block_of_captions_is_one_unaligned_run_in_a_banded_search() -> None:
    """The search is banded (no full search) and still finds a block far off the diagonal."""
    source = _numbered(40)
    target = [f"Bericht {1000 + k} wurde im nördlichen Tal abgelegt." for k in range(40)]
    captions = [f"Bildlegende {chr(97 + k % 26)}{chr(97 + k // 26)}: Blick vom oberen Lager "
                "auf den großen Gletscher im Westen." for k in range(300)]
    target = target[:20] + captions + target[20:]
    pairs = align_sentences(source, target, source_lang="en", target_lang="de",
                            config=AlignConfig(full_search_cells=0, band=5))
    beads = [(p.source_ids, p.target_ids) for p in pairs]
    assert beads[:20] == [((k,), (k,)) for k in range(20)]
    assert beads[20:320] == [((), (20 + k,)) for k in range(300)]
    assert beads[320:] == [((20 + k,), (320 + k,)) for k in range(20)]
    # Inside a run the confidence is that of the nearer end of the run.
    run = [p.confidence for p in pairs[20:320]]
    assert run[1] == run[0] and run[-2] == run[-1]
