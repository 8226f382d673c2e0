"""The source inventory (mtcheck.names.inventory): candidates of a source language that
capitalises every noun."""

from __future__ import annotations

from builders import segmented
from mtcheck.config import NamesConfig
from mtcheck.names import find_entities

NO_NER = NamesConfig(use_ner=False)


def test_a_german_double_name_of_common_surnames_is_a_candidate() -> None:
    # Berger (Zipf 4.0) and Wagner (4.4) are common German words and surnames; word
    # frequency data rates the hyphenated whole as about as common (3.8), though the two
    # together are as rare as a name.
    source = segmented("de", [
        "Die Bauleitung übernimmt ab Mai die Ingenieurin Anna Berger-Wagner.",
        "Berger-Wagner sagte, die Arbeiten begännen im Herbst.",
    ], "de.txt")
    names = {e.canonical for e in find_entities(source, None, NO_NER)}
    assert "Berger-Wagner" in names


def test_a_compound_with_an_acronym_is_no_double_name() -> None:
    # US-Regierung is a common noun compound (Zipf 5.0): an acronym is no name's part.
    source = segmented("de", [
        "Das sagte die US-Regierung am Montag.",
        "Die US-Regierung will bis Mai entscheiden.",
    ], "de.txt")
    names = {e.canonical for e in find_entities(source, None, NO_NER)}
    assert "US-Regierung" not in names
