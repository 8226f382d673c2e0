import dataclasses
import math

from hypothesis import given
from hypothesis import strategies as st

from builders import one_to_one, segmented
from mtcheck.config import OmissionConfig
from mtcheck.omission import omission_candidates
from mtcheck.omission.combine import SIGNALS, PieceSignals, hand_score, hand_weights
from omission_fixtures import BACKTRANSLATION, CLAUSE_DROPPED, GERMAN_WITHOUT_CLAUSE, SOURCE

CONFIG = OmissionConfig()
EN = segmented("en", SOURCE)
TARGET = segmented("de", GERMAN_WITHOUT_CLAUSE)


def traced(config: OmissionConfig = CONFIG, backtranslations: list[str] | None = None,
           ) -> tuple[tuple, list[PieceSignals]]:
    trace: list[PieceSignals] = []
    candidates = omission_candidates(EN, TARGET, one_to_one(len(SOURCE)), backtranslations,
                                     config, trace)
    return candidates, trace


def test_tracing_changes_no_candidate() -> None:
    candidates, trace = traced()
    assert candidates == omission_candidates(EN, TARGET, one_to_one(len(SOURCE)), None, CONFIG)
    assert trace  # every aligned pair's pieces were recorded
    assert {p.pair_index for p in trace} == {c.pair_index for c in candidates}


def test_the_hand_score_of_each_pairs_best_piece_is_the_candidates_score() -> None:
    candidates, trace = traced(backtranslations=BACKTRANSLATION)
    for candidate in candidates:
        mine = [p for p in trace if p.pair_index == candidate.pair_index
                and (p.kind == "sentence") == (candidate.kind == "sentence")]
        best = max(mine, key=lambda p: hand_score(p, CONFIG))
        assert (best.source_id, best.start, best.end) == (candidate.source_id, candidate.start,
                                                          candidate.end)
        assert math.isclose(hand_score(best, CONFIG), candidate.score, abs_tol=1e-5)


def test_the_dropped_clause_shows_in_its_own_signals() -> None:
    _, trace = traced()
    dropped = max((p for p in trace if p.source_id == CLAUSE_DROPPED),
                  key=lambda p: hand_score(p, CONFIG))
    assert "which will link" in SOURCE[CLAUSE_DROPPED][dropped.start:dropped.end]
    # The translation is short by the clause and lacks its number.
    assert dropped.signal("length") > 0 and dropped.signal("anchors") > 0
    kept = [p for p in trace if p.source_id != CLAUSE_DROPPED and p.kind == "clause"]
    assert dropped.signal("length") > max(p.signal("length") for p in kept)


def test_the_hand_weights_follow_the_config() -> None:
    config = dataclasses.replace(CONFIG, lexicon=2.0, support=0.5, punctuation=0.25)
    weights = dict(zip(SIGNALS, hand_weights(config), strict=True))
    assert (weights["lexicon"], weights["support"], weights["marks"]) == (2.0, 0.5, 0.25)
    assert weights["length"] == weights["anchors"] == weights["prior"] == 1.0


@given(st.lists(st.floats(-20, 20), min_size=len(SIGNALS), max_size=len(SIGNALS)),
       st.floats(0, 5))
def test_the_hand_score_is_linear_in_each_signal(values: list[float], extra: float) -> None:
    piece = PieceSignals(0, 0, 0, 1, "clause", tuple(values))
    longer = dataclasses.replace(piece, values=(values[0] + extra, *values[1:]))
    assert math.isclose(hand_score(longer, CONFIG) - hand_score(piece, CONFIG), extra,
                        abs_tol=1e-9)
