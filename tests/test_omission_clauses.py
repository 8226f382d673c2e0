import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.omission.clauses import clause_rules, split_clauses


def texts(sentence: str, lang: str = "en") -> list[str]:
    return [c.text for c in split_clauses(sentence, lang)]


@pytest.mark.parametrize(("lang", "sentence", "clauses"), [
    ("en", "The minister, who arrived on Monday, left.",
     ["The minister,", "who arrived on Monday,", "left."]),
    ("en", "The minister said that the talks had been useful.",
     ["The minister said", "that the talks had been useful."]),
    ("de", "Er sagte , die Höhe sei 8839,8 m ( nicht amtlich ) .",
     ["Er sagte ,", "die Höhe sei 8839,8 m", "( nicht amtlich ) ."]),
    ("fr", "Il y a trois sources : la réfraction ; la pesanteur .",
     ["Il y a trois sources :", "la réfraction ;", "la pesanteur ."]),
    ("ja", "東京に着いた大臣は、会談が重要だと述べた。", ["東京に着いた大臣は、", "会談が重要だと述べた。"]),
    ("it", "La nuova ala ospita le barche solari che sono lunghe 43,6 metri.",
     ["La nuova ala ospita le barche solari", "che sono lunghe 43,6 metri."]),
    ("pt", "O governo disse que o projeto vai começar embora haja atrasos.",
     ["O governo disse", "que o projeto vai começar", "embora haja atrasos."]),
    ("en", "Prices rose in 1881-1902 and again - later - in 1950.",
     ["Prices rose in 1881-1902 and again -", "later -", "in 1950."]),
])
def test_clause_boundaries_come_from_the_language_data(lang: str, sentence: str,
                                                       clauses: list[str]) -> None:
    assert texts(sentence, lang) == clauses


def test_a_conjunction_cut_needs_enough_words_on_both_sides() -> None:
    assert texts("I know that.") == ["I know that."]


def test_unknown_languages_use_the_generic_marks() -> None:
    assert clause_rules("xx").conjunctions == ()
    assert texts("one part, another part", "xx") == ["one part,", "another part"]


@given(st.text(alphabet="ab ,;:()-—、.", max_size=60))
def test_clauses_are_ordered_slices_that_cover_every_letter(sentence: str) -> None:
    clauses = split_clauses(sentence, "en")
    covered = set()
    previous_end = 0
    for clause in clauses:
        assert clause.text == sentence[clause.start:clause.end]
        assert clause.start >= previous_end and clause.text.strip() == clause.text
        assert any(ch.isalnum() for ch in clause.text) or len(clauses) == 1
        previous_end = clause.end
        covered.update(range(clause.start, clause.end))
    assert {k for k, ch in enumerate(sentence) if ch.isalnum()} <= covered
