import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from builders import alignment, segmented
from mtcheck.align.sentences import PRIORS
from mtcheck.omission.giveback import EdgeReading, edge_readings
from mtcheck.omission.realign import log_priors
from mtcheck.types import SegmentedDocument

LOG_PRIORS = log_priors(PRIORS)
SOURCE = segmented("en", [f"Sentence {i}." for i in range(4)])


def one_paragraph(document: SegmentedDocument) -> SegmentedDocument:
    return dataclasses.replace(document, sentences=tuple(
        dataclasses.replace(s, paragraph=0) for s in document.sentences))


def owner_fit(owner: dict[int, int]):
    """A fit that counts the translations a reading pairs with their own source sentence
    (``owner``: translation -> source) less those it pairs with another one."""
    def fit(source: tuple[int, ...], target: tuple[int, ...]) -> float:
        return sum(5.0 if owner[j] in source else -5.0 for j in target)
    return fit


def test_a_translation_taken_from_the_next_pair_is_given_back() -> None:
    # Translation 2 belongs to sentence 2, but the aligner paired it with sentence 1.
    beads = alignment(((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,)))
    fit = owner_fit({0: 0, 1: 1, 2: 2, 3: 2, 4: 3})
    [reading] = edge_readings(one_paragraph(SOURCE), beads, fit, LOG_PRIORS, 1.0)
    assert (reading.pair_index, reading.kept, reading.given) == (1, (1,), 2)
    assert reading.gain > 1.0


def test_a_translation_that_belongs_to_its_pair_stays() -> None:
    beads = alignment(((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,)))
    fit = owner_fit({0: 0, 1: 1, 2: 1, 3: 2, 4: 3})
    assert edge_readings(one_paragraph(SOURCE), beads, fit, LOG_PRIORS, 1.0) == ()


def test_no_translation_is_given_to_another_paragraph() -> None:
    # segmented() puts each sentence in a paragraph of its own.
    beads = alignment(((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,)))
    fit = owner_fit({0: 0, 1: 1, 2: 2, 3: 2, 4: 3})
    assert edge_readings(SOURCE, beads, fit, LOG_PRIORS, 1.0) == ()


def test_merges_of_several_sentences_are_not_read_again() -> None:
    beads = alignment(((0, 1), (0, 1)), ((2,), (2,)), ((3,), (3,)))
    fit = owner_fit({0: 2, 1: 2, 2: 2, 3: 3})
    assert edge_readings(one_paragraph(SOURCE), beads, fit, LOG_PRIORS, 1.0) == ()


@given(st.lists(st.integers(0, 3), min_size=5, max_size=5), st.floats(-5, 5))
def test_every_reading_splits_a_one_source_pair_and_clears_the_margin(
        owners: list[int], margin: float) -> None:
    beads = alignment(((0,), (0, 1)), ((1,), (2,)), ((2,), (3, 4)), ((3,), ()))
    fit = owner_fit(dict(enumerate(owners)))
    readings = edge_readings(one_paragraph(SOURCE), beads, fit, LOG_PRIORS, margin)
    for reading in readings:
        pair = beads.pairs[reading.pair_index]
        assert isinstance(reading, EdgeReading)
        assert len(pair.source_ids) == 1 and reading.gain >= margin
        assert reading.given in (pair.target_ids[0], pair.target_ids[-1])
        assert (*reading.kept, reading.given) in (pair.target_ids, pair.target_ids[::-1])
    assert list(readings) == sorted(readings, key=lambda r: r.pair_index)


def test_a_translation_can_be_given_to_an_unpaired_neighbour() -> None:
    # Sentence 2 was left unpaired and its translation (2) paired with sentence 1.
    beads = alignment(((0,), (0,)), ((1,), (1, 2)), ((2,), ()), ((3,), (3,)))
    fit = owner_fit({0: 0, 1: 1, 2: 2, 3: 3})
    [reading] = edge_readings(one_paragraph(SOURCE), beads, fit, LOG_PRIORS, 1.0)
    assert (reading.pair_index, reading.kept, reading.given) == (1, (1,), 2)
