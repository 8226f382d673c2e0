from hypothesis import given
from hypothesis import strategies as st

from mtcheck.omission.similarity import GroupSimilarity
from omission_fixtures import GERMAN, SOURCE

SIMILARITY = GroupSimilarity(SOURCE, "en", GERMAN, "de")


def test_a_sentence_shares_most_with_its_own_translation() -> None:
    # Names, numbers and cognates survive translation: "Tehran" / "Teheran", "2028",
    # "Baku", "Museum", "Atmosphäre".
    for sid in (0, 4, 6, 7, 11):
        own = SIMILARITY((sid,), (sid,))
        assert own > 0
        assert all(own > SIMILARITY((sid,), (other,)) for other in range(len(GERMAN))
                   if other != sid)


def test_a_group_is_the_sum_of_its_sentences() -> None:
    # Two sentences together share with their two translations about what each shares alone.
    both = SIMILARITY((6, 7), (6, 7))
    assert both > SIMILARITY((6, 7), (8, 9))
    assert SIMILARITY((6, 7), (6, 7)) == SIMILARITY((6, 7), (6, 7))  # cached, deterministic


def test_nothing_to_compare_is_no_similarity() -> None:
    empty = GroupSimilarity(["..."], "en", ["Ein Satz mit Wörtern."], "de")
    assert empty((0,), (0,)) == 0.0


@given(st.lists(st.integers(0, 11), min_size=1, max_size=3, unique=True),
       st.lists(st.integers(0, 11), min_size=1, max_size=3, unique=True))
def test_the_similarity_is_a_cosine(source: list[int], target: list[int]) -> None:
    value = SIMILARITY(tuple(sorted(source)), tuple(sorted(target)))
    assert 0.0 <= value <= 1.0 + 1e-9
