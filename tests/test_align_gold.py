"""Gold alignments: parsing, text-to-id mapping and vecalign's strict/lax scoring."""

from __future__ import annotations

import pytest

from mtcheck.align.gold import (
    beads_from_texts,
    format_vecalign,
    parse_vecalign,
    read_gold_json,
    score_alignment,
)
from mtcheck.errors import InputError

GOLD = [((0,), (0,)), ((1,), (1, 2)), ((2, 3), (3,)), ((), (4,)), ((4,), (5,))]


def test_vecalign_round_trip() -> None:
    text = format_vecalign(GOLD)
    assert text.splitlines()[1] == "[1]:[1, 2]"
    assert text.splitlines()[3] == "[]:[4]"
    assert parse_vecalign(text, "gold") == GOLD


def test_bad_vecalign_line_names_the_file_and_line() -> None:
    with pytest.raises(InputError, match=r"gold.txt: line 2: expected a bead"):
        parse_vecalign("[0]:[0]\n0 -> 1\n", "gold.txt")
    with pytest.raises(InputError, match="no beads"):
        parse_vecalign("\n\n", "gold.txt")


def test_perfect_alignment_scores_one() -> None:
    score = score_alignment(GOLD, GOLD)
    assert score.strict.f1 == score.lax.f1 == 1.0


@pytest.mark.parametrize(
    ("test", "strict", "lax"),
    [
        # 1-2 guessed as 1-1 + 0-1: strict miss, lax hit for the 1-1; the 0-1 is a miss.
        ([((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2, 3), (3,)), ((), (4,)), ((4,), (5,))],
         (4 / 6, 3 / 4), (5 / 6, 4 / 4)),
        # everything shifted by one target: no strict hits, a few lax overlaps.
        ([((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2, 3), (4,)), ((4,), (3, 5))],
         (0.0, 0.0), (2 / 5, 2 / 4)),
    ],
)
def test_strict_and_lax_precision_recall(test, strict, lax) -> None:  # type: ignore[no-untyped-def]
    score = score_alignment(GOLD, test)
    assert (score.strict.precision, score.strict.recall) == pytest.approx(strict)
    assert (score.lax.precision, score.lax.recall) == pytest.approx(lax)


def test_insertions_are_left_out_of_recall() -> None:
    # Gold's 0-1 bead is not counted in recall: recall stays perfect without it.
    test = [b for b in GOLD if b != ((), (4,))] + [((), (4,))]
    assert score_alignment(GOLD, test).strict.recall == 1.0
    merged = [((0,), (0,)), ((1,), (1, 2)), ((2, 3), (3, 4)), ((4,), (5,))]
    score = score_alignment(GOLD, merged)
    assert score.strict.recall == pytest.approx(3 / 4)


def test_confusion_table_counts_gold_kinds() -> None:
    test = [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2, 3), (3,)), ((), (4,)), ((4,), (5,))]
    table = score_alignment(GOLD, test).confusion
    assert table[("1-2", "1-1 (wrong)")] == 1
    assert table[("1-1", "1-1")] == 2


def test_gold_texts_map_to_ids_in_order() -> None:
    source = ["A.", "B.", "A."]
    target = ["a.", "b c.", "a."]
    records = read_gold_json(
        '{"alignment": [{"source": ["A."], "target": ["a."]},'
        ' {"source": ["B.", "A."], "target": ["b  c.", "a."]}]}', "g.json")
    assert beads_from_texts(records, source, target, "g.json") == [((0,), (0,)),
                                                                  ((1, 2), (1, 2))]


def test_gold_text_not_found_is_an_input_error() -> None:
    records = read_gold_json('{"alignment": [{"source": ["Z."], "target": []}]}', "g.json")
    with pytest.raises(InputError, match=r"g.json: bead 1: source sentence not found"):
        beads_from_texts(records, ["A."], ["a."], "g.json")
    with pytest.raises(InputError, match="invalid JSON"):
        read_gold_json("{", "g.json")
