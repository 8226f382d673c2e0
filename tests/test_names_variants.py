"""Second spellings of a name inside one translation (mtcheck.names.variants): slips of
the pen (a letter off, words joined or split otherwise) are second spellings; inflected
and derived forms are not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translation, find_entities
from mtcheck.names.inflection import rules_for
from mtcheck.names.variants import joined_otherwise, letter_slip, runs, slip, written_otherwise
from mtcheck.types import Finding, NameRendering, SegmentedDocument

NO_NER = NamesConfig(use_ner=False)


# ----------------------------------------------------------------------------- slips
@pytest.mark.parametrize(("first", "second", "lang"), [
    ("Tamberlo", "Tamberllo", "de"),            # a letter doubled
    ("Okafor-Brennan", "Okafor-Brenna", "it"),  # a letter dropped at the end
    ("Kovalenko", "Kovalenco", "fr"),           # a letter exchanged
    ("Gürsoylu", "Gursoylu", "fr"),             # an accent lost
    ("Квасницкий", "Квосницкий", "ru"),         # a letter exchanged in Cyrillic
    ("Ньямбото", "Ньямботу", "ru"),             # endings that never alternate (о / у)
    ("Λαμπρίδης", "Λαμπρήδης", "el"),
    ("ヴァレンスキー", "ヴァレンスギー", "ja"),
    ("바렌스키", "바렌스기", "ko"),
    ("马丁内斯", "马丁内兹", "zh"),              # a transliterating character exchanged
    ("圣马洛", "圣马洛斯", "zh"),                # one added
])
def test_a_letter_off_is_a_slip(first: str, second: str, lang: str) -> None:
    assert letter_slip(first, second, lang)
    assert letter_slip(second, first, lang)
    assert slip(first, second, lang)


@pytest.mark.parametrize(("first", "second", "lang"), [
    ("Пезешкиан", "Пезешкианом", "ru"),  # case endings
    ("Ковальчук", "Ковальчука", "ru"),
    ("Марина", "Марину", "ru"),           # endings that alternate in one word
    ("Тверь", "Тверью", "ru"),            # two case forms, each an ending off the stem
    ("Твери", "Тверью", "ru"),
    ("Парагвай", "Парагвая", "ru"),       # a nominative -й its case endings replace
    ("Парагвая", "Парагвае", "ru"),
    ("Шанхай", "Шанхаю", "uk"),
    ("Bratislava", "Bratislava's", "en"),  # a clitic
    ("Norvège", "l'Norvège", "fr"),       # an elided article
    ("Νορβηγία", "Νορβηγός", "el"),       # a demonym made from the place's stem
    ("Λαμπρίδης", "Λαμπρίδη", "el"),
    ("하르비나", "하르비나에서", "ko"),     # a particle
    ("Kenya", "Kenyan", "en"),            # a demonym
    ("Norwegen", "Norweger", "de"),
    ("Finlande", "Finlandais", "fr"),
    ("Neue", "Neuen", "de"),              # an adjective's ending
    ("Bali", "Mali", "en"),               # another first sound: another name
    ("Rom", "Ron", "de"),                 # too short to tell
    ("하문", "하룬", "ko"),                 # two syllables: too short to tell
    ("Tamberlo", "TAMBERLO", "de"),       # case alone
    ("马丁内斯", "马丁内斯市", "zh"),      # a head noun ("city") after the name
    ("Okafor", "Okafor", "en"),
])
def test_inflected_derived_or_other_forms_are_no_slip(first: str, second: str,
                                                      lang: str) -> None:
    assert not letter_slip(first, second, lang)
    assert not letter_slip(second, first, lang)


@pytest.mark.parametrize(("first", "second", "same"), [
    ("De la Torre", "Delatorre", True),
    ("Okafor-Brennan", "Okafor Brennan", True),
    ("ファン・デル・ベルグ", "ファンデルベルグ", True),
    ("Air Lines", "Airlines", True),
    ("De la Torre", "de la Torre", False),     # case alone
    ("Okafor", "Okafor", False),
    ("Ala", "A-la", False),                    # too short to tell
])
def test_joined_otherwise(first: str, second: str, same: bool) -> None:
    assert joined_otherwise(first, second) is same
    assert joined_otherwise(second, first) is same


_NAME = st.text(alphabet="abcdefghiklmnoprstuvz", min_size=4, max_size=12).map(str.title)


@given(_NAME, _NAME)
def test_slip_is_symmetric(first: str, second: str) -> None:
    assert slip(first, second, "fr") == slip(second, first, "fr")


@given(_NAME)
def test_a_form_is_no_slip_of_itself(name: str) -> None:
    assert not slip(name, name, "de")


@given(st.text(alphabet="бвгдклмнпрстфхц", min_size=3, max_size=8),
       st.sampled_from(sorted(rules_for("ru").suffixes)))
def test_a_case_ending_is_no_slip(stem: str, ending: str) -> None:
    name = "Ка" + stem
    assert not letter_slip(name, name + ending, "ru")


# ----------------------------------------------------------------------------- runs
def test_runs_hold_particles_inside_names_and_katakana_rows() -> None:
    text = "Laut Maria de la Torre, der Leiterin, sei alles gut."
    found = {r.text for r in runs(text, 0)}
    assert {"Maria de la Torre", "Torre", "Laut Maria de la Torre"} <= found
    assert "de la Torre" not in found  # a particle opens no name
    katakana = {r.text for r in runs("生物学者のアナ・ラウラ・デラトーレ氏は", 0)}
    assert {"アナ・ラウラ・デラトーレ", "デラトーレ"} <= katakana


# ----------------------------------------------------------------------------- findings
def _findings(source: list[str], target: list[str], lang: str) -> list[Finding]:
    src = segmented("en", source, "en.txt")
    entities = find_entities(src, None, NO_NER)
    result = check_translation(src, segmented(lang, target, f"{lang}.txt"),
                               one_to_one(len(source)), entities, config=NO_NER)
    return [f for f in result.findings if f.check.startswith("names.")]


_SOURCE = [
    "The mayor, Tobias Okafor-Brennan, opened the new bridge on Monday.",
    "Okafor-Brennan said the bridge had cost less than planned.",
    "Critics of Okafor-Brennan called the opening a campaign event.",
]


def test_a_name_a_letter_off_once_is_inconsistent_there() -> None:
    target = [
        "Il sindaco Tobias Okafor-Brennan ha inaugurato lunedì il nuovo ponte.",
        "Okafor-Brennan ha detto che il ponte è costato meno del previsto.",
        "I critici di Okafor-Brenna hanno definito l'inaugurazione un evento elettorale.",
    ]
    found = _findings(_SOURCE, target, "it")
    assert [(f.check, f.target_ids) for f in found] == [("names.inconsistent", (2,))]
    assert found[0].spans[0].text == "Okafor-Brenna"


def test_a_name_split_otherwise_is_inconsistent_not_missing() -> None:
    target = [
        "Il sindaco Tobias Okafor-Brennan ha inaugurato lunedì il nuovo ponte.",
        "Okafor Brennan ha detto che il ponte è costato meno del previsto.",
        "I critici di Okafor-Brennan hanno definito l'inaugurazione un evento elettorale.",
    ]
    found = _findings(_SOURCE, target, "it")
    assert [(f.check, f.target_ids) for f in found] == [("names.inconsistent", (1,))]
    assert found[0].spans[0].text == "Okafor Brennan"


def test_case_forms_of_a_name_are_one_spelling() -> None:
    target = [
        "Мэр Тобиас Окафор-Бреннан открыл в понедельник новый мост.",
        "Окафор-Бреннан сказал, что мост обошёлся дешевле, чем планировалось.",
        "Критики Окафор-Бреннана назвали открытие предвыборным мероприятием.",
    ]
    assert _findings(_SOURCE, target, "ru") == []


def test_a_full_name_once_and_the_surname_later_is_one_spelling() -> None:
    target = [
        "Il sindaco Tobias Okafor-Brennan ha inaugurato lunedì il nuovo ponte.",
        "Okafor-Brennan ha detto che il ponte è costato meno del previsto.",
        "I critici di Okafor-Brennan hanno definito l'inaugurazione un evento elettorale.",
    ]
    assert _findings(_SOURCE, target, "it") == []


# ----------------------------------------------------------------------------- runs compared
def _rendered(sentences: list[str], word: str, lang: str = "it",
              ) -> tuple[SegmentedDocument, list[NameRendering], dict[int, frozenset[str]]]:
    """A target document and the renderings of entity "e" wherever ``word`` stands."""
    target = segmented(lang, sentences, f"{lang}.txt")
    found = [NameRendering("e", i, s.index(word), s.index(word) + len(word), word, word)
             for i, s in enumerate(sentences) if word in s]
    return target, found, {r.sentence_id: frozenset({"Tarvik"}) for r in found}


def test_a_copied_source_form_beside_the_translated_one_is_a_second_spelling() -> None:
    target, found, scope = _rendered([
        "Il porto di Nuova Tarvik è stato ampliato.",
        "A Nuova Tarvik lavorano 300 persone.",
        "Le navi partono da New Tarvik ogni giorno.",
    ], "Tarvik")
    second = written_otherwise("e", target, found, scope, ("New Tarvik",))
    assert second is not None
    assert [v.base for v in second.variants] == ["Nuova Tarvik", "New Tarvik"]
    assert [(w.sentence_id, w.text) for w in second.wrong] == [(2, "New Tarvik")]


def test_a_copy_inside_an_institutions_name_is_no_second_spelling() -> None:
    target, found, scope = _rendered([
        "Il porto di Nuova Tarvik è stato ampliato.",
        "Lo ha detto la società New Tarvik Shipping.",
    ], "Tarvik")
    verbatim = {(1, found[1].start)}
    assert written_otherwise("e", target, found, scope, ("New Tarvik",), verbatim) is None


def test_two_source_spellings_are_not_compared() -> None:
    target, found, _ = _rendered([
        "Tarvik-Holm ha aperto il porto.",
        "Tarvik Holm ha chiuso il porto.",
    ], "Tarvik")
    assert written_otherwise("e", target, found, {0: frozenset({"A"}), 1: frozenset({"B"})}) is None
    second = written_otherwise("e", target, found, {0: frozenset({"A"}), 1: frozenset({"A"})})
    assert second is not None and [w.text for w in second.wrong] == ["Tarvik Holm"]


def test_a_copied_source_form_with_a_clitic_or_an_ending_is_one_spelling() -> None:
    target, found, scope = _rendered([
        "The port of New Tarvik was enlarged.",
        "New Tarvik's port employs 300 people.",
    ], "Tarvik", "en")
    assert written_otherwise("e", target, found, scope, ("New Tarvik",)) is None
    target, found, scope = _rendered([
        "New Tarvik laajeni.",
        "New Tarvikissa työskentelee 300 ihmistä.",
    ], "Tarvik", "fi")
    assert written_otherwise("e", target, found, scope, ("New Tarvik",)) is None


def test_a_copy_beside_a_slip_of_a_short_word_is_no_translated_form() -> None:
    target, found, scope = _rendered([
        "Le port de New Tarvik a été agrandi.",
        "Le port de Nèw Tarvik emploie 300 personnes.",
    ], "Tarvik", "fr")
    assert written_otherwise("e", target, found, scope, ("New Tarvik",)) is None


def test_a_name_inside_a_hyphened_compound_stands_in_no_run_of_its_own() -> None:
    found = {r.text for r in runs("Der Addis-Abeba-Flughafen wächst.", 0)}
    assert "Addis-Abeba-Flughafen" in found
    assert not found & {"Addis-Abeba", "Abeba-Flughafen", "Abeba", "Addis"}


def test_a_compound_with_the_name_is_no_second_spelling() -> None:
    target, found, scope = _rendered([
        "Der Flughafen von Tarvik Holm wird erweitert.",
        "Der Tarvik-Holm-Flughafen hat 300 Angestellte.",
    ], "Tarvik", "de")
    assert written_otherwise("e", target, found, scope) is None


def test_two_forms_the_glossary_accepts_are_one_spelling() -> None:
    target, found, scope = _rendered([
        "Der Hafen von Tarvik Holm wird erweitert.",
        "In Tarvikholm arbeiten 300 Menschen.",
    ], "Tarvik", "de")
    assert written_otherwise("e", target, found, scope) is not None
    assert written_otherwise("e", target, found, scope,
                             accepted=("Tarvik Holm", "Tarvikholm")) is None


def test_a_quoted_form_of_the_place_is_no_slip() -> None:
    # The source's own form copied (a mine named after the country) beside the
    # translation's form of the country: a form the translation may quote.
    target, found, scope = _rendered([
        "A Tarvíkia exporta ímãs.",
        "Ela trabalhou na mina Tarvikia durante 22 anos.",
    ], "Tarv", "pt")
    assert written_otherwise("e", target, found, scope) is not None
    assert written_otherwise("e", target, found, scope,
                             placed=("Tarvikia", "Tarvíkia")) is None


def test_the_nominative_ending_is_data_for_comparing_forms_only() -> None:
    # -й is no case ending to cut when finding a name in a text (Великой is no name).
    rules = rules_for("ru")
    assert "й" in rules.nominative_endings
    assert "й" not in rules.suffixes
