"""The source inventory (mtcheck.names.inventory): candidates of a source language that
capitalises every noun, and names whose shape is common in news from the Arab world and in
government stories: the article joined by a hyphen, a portfolio before a title, an
administrative division after a place."""

from __future__ import annotations

import pytest

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, find_entities
from mtcheck.names.evidence import Evidence
from mtcheck.names.inventory import _capitalised_form, _particle_joined, entity_evidence

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


SOURCE = [
    "Oman plans a new port",
    "The port will open in 2028, Energy Minister Khalid bin Nasser al-Amri said in Muscat "
    "on Tuesday.",
    "Al-Amri said the Dhofar Governorate would get most of the new jobs.",
    "Laila al-Harthy, who heads the port company, said the first ships would come in May.",
    "Al-Harthy did not give a figure for the cost.",
]


@pytest.mark.parametrize("use_ner", [True, False])
def test_the_article_joined_by_a_hyphen_is_part_of_the_name(use_ner: bool) -> None:
    source = segmented("en", SOURCE, title=True)
    entities = {e.canonical.lower(): e for e in find_entities(
        source, None, NamesConfig(use_ner=use_ner))}
    # al-Amri inside a full name and Al-Amri opening a sentence are one person, mentioned
    # in both sentences; the given name of the full name is no name of its own.
    assert entities["al-amri"].source_ids == (1, 2)
    assert entities["al-harthy"].source_ids == (3, 4)
    assert set(entities["al-amri"].source_forms) == {"al-Amri", "Al-Amri"}
    assert "laila" not in entities and "khalid" not in entities


def test_a_common_word_before_a_title_is_a_portfolio_not_a_name() -> None:
    source = segmented("en", SOURCE, title=True)
    names = {e.canonical for e in find_entities(source)}
    assert "Energy" not in names
    # A place before a title stays a name: "Muscat" is not a portfolio.
    text = ["Leaders meet", "Kenya President William Ruto met Oman officials in Muscat."]
    names = {e.canonical for e in find_entities(segmented("en", text, title=True))}
    assert "Kenya" in names


def test_an_administrative_division_word_is_not_part_of_the_place() -> None:
    source = segmented("en", SOURCE, title=True)
    names = {e.canonical for e in find_entities(source)}
    assert "Dhofar" in names and "Dhofar Governorate" not in names


def test_a_translation_with_another_given_name_spelling_is_not_missing_a_name() -> None:
    # Laila → Лейла, Youssef for Yusuf: the surname carries the person; a given name spelt
    # by another convention is no missing name.
    source = segmented("en", SOURCE, title=True)
    target = segmented("ru", [
        "Оман строит новый порт",
        "Порт откроется в 2028 году, заявил во вторник в Маскате министр энергетики Халид "
        "бин Насер аль-Амри.",
        "По словам аль-Амри, большую часть новых рабочих мест получит мухафаза Дофар.",
        "Лейла аль-Харси, возглавляющая портовую компанию, сказала, что первые суда "
        "придут в мае.",
        "Аль-Харси не назвала сумму расходов.",
    ], title=True)
    result = check_translation(source, target, one_to_one(5), find_entities(source))
    assert not [f for f in result.findings if f.check.startswith("names.")]


@pytest.mark.parametrize(("word", "joined", "capitalised"), [
    ("al-Rawahi", True, "Al-Rawahi"),
    ("el-Sisi", True, "El-Sisi"),
    ("ash-Shamsi", True, "Ash-Shamsi"),
    ("as-Sadr", True, "As-Sadr"),
    ("Al-Rawahi", False, "Al-Rawahi"),
    ("Dhaka-based", False, "Dhaka-based"),
    ("long-term", False, "long-term"),
    ("al-", False, "al-"),
    ("al-qaeda", False, "al-qaeda"),
    ("de-Gaulle", False, "de-Gaulle"),  # "de" is a particle only apart from the name
])
def test_particle_joined(word: str, joined: bool, capitalised: str) -> None:
    assert _particle_joined(word) is joined
    assert _capitalised_form(word) == capitalised


def test_a_firm_before_a_title_that_takes_no_portfolio_stays_a_name() -> None:
    text = ["Oil firms meet", "The deal was signed in Muscat, Shell Chief Executive Wael Sawan "
            "said on Monday."]
    names = {e.canonical for e in find_entities(segmented("en", text, title=True))}
    assert "Shell" in names


def _evidence(sentences: list[str], lang: str) -> dict[str, Evidence]:
    source = segmented(lang, sentences, title=True)
    entities = find_entities(source, config=NamesConfig(use_ner=False))
    found = entity_evidence(source, entities, NamesConfig(use_ner=False))
    return {e.canonical: found[e.id] for e in entities}


def test_a_plural_of_a_common_word_in_an_institutions_name_is_no_rare_name() -> None:
    # Pescas ("fisheries") is rarer than pesca, not any more a name: translated by meaning.
    found = _evidence(["Crise no Douro", "A presidente pediu ao Ministério da Agricultura e "
                       "Pescas uma linha de apoio."], "pt")
    assert found["Pescas"] == Evidence.WEAK


def test_such_a_plural_beside_a_rare_name_stays_a_rare_name() -> None:
    # Beside a rare word it may be a surname: the run is no phrase of common words.
    found = _evidence(["Crise no Douro", "A presidente da cooperativa, Genoveva Pescas, "
                       "pediu apoio.", "A cooperativa de Pescas pediu mais apoio."], "pt")
    assert found["Pescas"] == Evidence.CAPITALISED
