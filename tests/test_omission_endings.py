import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.omission.endings import EndingModel, ending


@pytest.mark.parametrize(("text", "mark"), [
    ("Wie ist das zu erklären ?", "?"),
    ("Es sind drei Fehlerquellen :", ":"),
    ("He said: “We will come back.”", "."),
    ("Das ist alles (S. 12).", "."),
    ("地域病院の救急病棟を率いる。", "。"),
    ("Himalaya-Chronik 1956", "none"),
    ("", "none"),
])
def test_the_ending_is_the_final_mark_inside_quotes_and_brackets(text: str, mark: str) -> None:
    assert ending(text) == mark


def test_the_document_says_which_ending_goes_with_which() -> None:
    # Greek writes its question mark as a semicolon: learnt from the pairs, not assumed.
    pairs = [("Why did he go?", "Γιατί έφυγε;"), ("Who came?", "Ποιος ήρθε;"),
             *[(f"He came on day {k}.", f"Ήρθε την ημέρα {k}.") for k in range(10)],
             *[(f"Three causes in {k}:", f"Τρεις αιτίες το {k}:") for k in range(3)]]
    model = EndingModel(pairs)
    question = "Where is the station?"
    assert model.log_likelihood(question, "Πού είναι ο σταθμός;") > \
        model.log_likelihood(question, "Ο σταθμός είναι εδώ.")
    assert model.log_likelihood("Two causes:", "Δύο αιτίες:") > \
        model.log_likelihood("Two causes:", "Δύο αιτίες.")


@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=12)), max_size=20),
       st.text(max_size=12), st.text(max_size=12))
def test_the_likelihood_is_a_log_probability(pairs: list[tuple[str, str]], source: str,
                                             target: str) -> None:
    value = EndingModel(pairs).log_likelihood(source, target)
    assert math.isfinite(value) and value <= 1e-9
