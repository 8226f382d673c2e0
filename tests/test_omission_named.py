import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.omission.detect import anchor_weights
from mtcheck.omission.named import AnchorWeights, class_weights, named

MIN_WORDS = 10


@pytest.mark.parametrize(("word", "lang", "is_name"), [
    ("Rosario", "es", True),
    ("humedales", "es", False),
    ("UNR", "es", True),
    ("Ilkhomovich", "en", True),
    ("hydrologist", "en", False),
    # German writes every noun with a capital: capitals say nothing there.
    ("Gletscher", "de", False),
    ("Kundl", "de", False),
])
def test_a_capitalised_rare_word_is_a_name_where_capitals_mark_names(word: str, lang: str,
                                                                      is_name: bool) -> None:
    assert named(word, lang) is is_name


def test_names_and_terms_get_the_rates_their_own_class_shows() -> None:
    # Names: 18 of 20 found in their own pair's translation, 1 of 20 in the next pair's.
    # Terms: 6 of 20 found, 2 of 20 by chance (translated into words of their own).
    own = [(True, k < 18) for k in range(20)] + [(False, k < 6) for k in range(20)]
    other = [(True, k < 1) for k in range(20)] + [(False, k < 2) for k in range(20)]
    weights = class_weights(own, other, anchor_weights, MIN_WORDS)
    pooled = anchor_weights([f for _, f in own], [f for _, f in other])
    assert weights.names is not None and weights.terms is not None and pooled is not None
    # A missing name says more than the pooled rate let it say, a missing term less.
    assert weights.names[0] == pytest.approx(math.log(0.9 / 0.1))
    assert weights.names[0] > pooled[0] > weights.terms[0] > 0
    assert weights.of("Rosario", "es") == weights.names
    assert weights.of("humedales", "es") == weights.terms


def test_a_class_with_too_few_words_keeps_the_pooled_rates() -> None:
    own = [(True, True)] * 4 + [(False, k < 10) for k in range(16)]
    other = [(True, False)] * 4 + [(False, k < 2) for k in range(16)]
    weights = class_weights(own, other, anchor_weights, MIN_WORDS)
    pooled = anchor_weights([f for _, f in own], [f for _, f in other])
    assert weights.names == pooled
    assert weights.terms == anchor_weights([k < 10 for k in range(16)], [k < 2 for k in range(16)])


@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=60),
       st.lists(st.tuples(st.booleans(), st.booleans()), max_size=60))
def test_class_weights_are_those_of_some_set_of_the_words(own: list[tuple[bool, bool]],
                                                         other: list[tuple[bool, bool]]) -> None:
    weights = class_weights(own, other, anchor_weights, MIN_WORDS)
    assert isinstance(weights, AnchorWeights)
    for is_name, got in ((True, weights.names), (False, weights.terms)):
        mine = [f for n, f in own if n == is_name]
        theirs = [f for n, f in other if n == is_name]
        assert got in (anchor_weights(mine, theirs),
                       anchor_weights([f for _, f in own], [f for _, f in other]))
