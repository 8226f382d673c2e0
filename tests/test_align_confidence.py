"""Calibrated bead confidence: shipped parameters, directions, and what users see."""

from __future__ import annotations

import math

import pytest

from mtcheck.align import align_sentences
from mtcheck.align.confidence import (
    LINKING_FEATURES,
    Calibration,
    confidences,
    load_calibration,
)

SOURCE = [
    "The expedition left Kathmandu on 3 April with twelve climbers and forty porters.",
    "After two weeks of walking the team reached the base camp at 5200 metres.",
    "Heavy snow kept everyone in the tents for four days.",
]
TARGET = [
    "Die Expedition verließ Kathmandu am 3. April mit zwölf Bergsteigern und vierzig Trägern.",
    "Nach zwei Wochen Fußmarsch erreichte die Mannschaft das Basislager auf 5200 Metern.",
    "Starker Schneefall hielt alle vier Tage lang in den Zelten fest.",
]


def test_the_shipped_calibration_is_complete_and_points_the_right_way() -> None:
    calibration = load_calibration()
    assert len(calibration.linking) == len(LINKING_FEATURES) + 1
    assert all(math.isfinite(w) for w in (*calibration.linking, *calibration.unaligned))
    weights = dict(zip(LINKING_FEATURES, calibration.linking[1:], strict=True))
    # Evidence and similarity never lower the confidence; a length mismatch and a merged
    # bead never raise it (benchmarks/calibrate_align.py constrains the fit so).
    assert weights["evidence"] >= 0 and weights["similarity"] >= 0
    assert weights["deviation"] <= 0 and weights["merged"] <= 0
    assert calibration.unaligned[1] >= 0


def test_a_faithful_pair_is_confident() -> None:
    """A complete, faithful translation: every pair more likely right than not, by far."""
    pairs = align_sentences(SOURCE, TARGET, source_lang="en", target_lang="de")
    assert [(p.source_ids, p.target_ids) for p in pairs] == [((k,), (k,)) for k in range(3)]
    assert all(p.confidence > 0.8 for p in pairs)


def test_a_pair_that_lost_half_its_text_is_less_confident() -> None:
    target = [*TARGET]
    target[1] = "Nach zwei Wochen Fußmarsch erreichte die Mannschaft das Basislager."
    full = align_sentences(SOURCE, TARGET, source_lang="en", target_lang="de")
    cut = align_sentences(SOURCE, target, source_lang="en", target_lang="de")
    assert cut[1].source_ids == (1,) and cut[1].target_ids == (1,)
    assert cut[1].confidence < full[1].confidence


@pytest.mark.parametrize("feature", range(len(LINKING_FEATURES)))
def test_confidence_moves_with_each_feature_in_its_direction(feature: int) -> None:
    calibration = Calibration((0.5, 0.3, 1.0, -0.4, -1.2), (0.0, 0.5))
    low = [0.0, 0.1, 0.5, 0.0]
    high = [*low]
    high[feature] += 1.0
    before, after = confidences([tuple(low), tuple(high)], calibration)
    sign = calibration.linking[feature + 1]
    assert (after - before) * sign > 0


def test_unaligned_confidence_grows_with_the_margin() -> None:
    calibration = Calibration((0.0, 0.0, 0.0, 0.0, 0.0), (-1.0, 0.4))
    values = confidences([(0.0,), (2.0,), (8.0,)], calibration)
    assert values == sorted(values) and 0.0 < values[0] < values[-1] < 1.0
