import math

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.align.sentences import PRIORS
from mtcheck.omission.realign import SHAPES, Readings, log_priors, read_again

LOG_PRIORS = log_priors(PRIORS)


def brute_force(n: int, m: int, fit, priors, gap: int | None) -> float:
    """Best reading of n source and m target sentences by trying every sequence of shapes;
    ``gap``: the source sentence (index) left out, None for none."""
    best = -math.inf

    def walk(i: int, j: int, score: float) -> None:
        nonlocal best
        if i == n and j == m:
            best = max(best, score)
            return
        if gap is not None and i == gap:
            walk(i + 1, j, score + priors[(1, 0)])
            return
        for a, b in SHAPES:
            if i + a > n or j + b > m or (gap is not None and i < gap < i + a):
                continue
            bead = priors[(a, b)] + (fit(tuple(range(i, i + a)),
                                         tuple(range(j, j + b))) if a else 0.0)
            walk(i + a, j + b, score + bead)

    walk(0, 0, 0.0)
    return best


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 10_000))
def test_the_readings_are_the_best_there_are(n: int, m: int, seed: int) -> None:
    def fit(source: tuple[int, ...], target: tuple[int, ...]) -> float:
        # Any deterministic score of a pair of groups.
        return math.sin(seed + 7 * sum(source) + 3 * len(source) + 11 * sum(target)
                        + 5 * len(target)) * 4

    readings = read_again(range(n), range(m), fit, LOG_PRIORS)
    # (math.isclose(-inf, -inf) holds: a shape count with no reading has none either way)
    assert math.isclose(readings.without_gap, brute_force(n, m, fit, LOG_PRIORS, None),
                        abs_tol=1e-9)
    for k in range(n):
        assert math.isclose(readings.gap_at[k], brute_force(n, m, fit, LOG_PRIORS, k),
                            abs_tol=1e-9)


def shifted_fit(dropped: int):
    """Fit of a paragraph whose source sentence ``dropped`` has no translation: sentence
    i < dropped translates as target i, i > dropped as target i - 1."""
    def own(i: int) -> int | None:
        return None if i == dropped else i if i < dropped else i - 1

    def fit(source: tuple[int, ...], target: tuple[int, ...]) -> float:
        matched = sum(1 for s in source if own(s) in target)
        return 3.0 * matched - 5.0 * (len(source) - matched) - 2.0 * (len(target) - matched)

    return fit


def test_the_best_gap_is_the_sentence_without_a_translation() -> None:
    readings = read_again(range(6), range(5), shifted_fit(2), LOG_PRIORS)
    assert readings.best_gap() is not None
    sid, score = readings.best_gap()
    assert sid == 2
    # Leaving it out beats every reading that has to merge it with a neighbour.
    assert score > readings.without_gap + 1


def test_source_ids_are_reported_as_given() -> None:
    readings = read_again((10, 11, 12), (20, 21), lambda s, t: 0.0, LOG_PRIORS)
    assert set(readings.gap_at) == {10, 11, 12}


def test_no_gap_is_found_where_every_sentence_has_its_translation() -> None:
    def fit(source: tuple[int, ...], target: tuple[int, ...]) -> float:
        return 3.0 if source == target else -3.0

    readings = read_again(range(4), range(4), fit, LOG_PRIORS)
    assert readings.without_gap == 12.0
    assert all(score < readings.without_gap for score in readings.gap_at.values())


def test_a_reading_without_any_gap_prior_has_none() -> None:
    priors = {k: v for k, v in LOG_PRIORS.items() if k != (1, 0)}
    assert read_again(range(3), range(2), lambda s, t: 0.0, priors).gap_at == {}
    assert Readings(0.0, {}).best_gap() is None
