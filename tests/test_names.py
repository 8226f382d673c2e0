"""The names stage on small hand-written documents: what it finds and what it leaves alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import one_to_one, segmented
from mtcheck.checks import CHECKS
from mtcheck.config import NamesConfig
from mtcheck.errors import ConfigError, InputError
from mtcheck.names import (
    check_source,
    check_translation,
    check_translations,
    find_entities,
    load_glossary,
    parse_glossary,
)
from mtcheck.names.numbers import find_numbers
from mtcheck.types import (
    AlignedPair,
    Alignment,
    Document,
    Paragraph,
    SegmentedDocument,
)

SOURCE = [
    "Shoigu visits Iran",
    "On the 5th, Iranian President Pezhashyan met Russian Security Council Secretary Shoigu "
    "in Tehran.",
    "Pezeshitsyan said that Iran and Russia are strategic partners.",
    "Pezeshitsyan also condemned the assassination of Hamas leader Haniyeh.",
    "Shoigu also met Chief of General Staff Bagheri on the same day.",
]


def document(sentences: list[str], lang: str) -> SegmentedDocument:
    return segmented(lang, sentences, f"{lang}.txt", title=True)


@pytest.fixture(scope="module")
def source() -> SegmentedDocument:
    return document(SOURCE, "en")


def checks(result_findings: tuple, check: str) -> list:  # type: ignore[type-arg]
    return [f for f in result_findings if f.check == check]


def test_inventory_finds_people_and_places_not_titles_or_organisations(
        source: SegmentedDocument) -> None:
    names = {e.canonical for e in find_entities(source)}
    assert names == {"Shoigu", "Iran", "Pezeshitsyan", "Tehran", "Russia", "Hamas", "Haniyeh",
                     "Bagheri"}


def test_source_variants_are_one_entity_and_one_finding(source: SegmentedDocument) -> None:
    entities = find_entities(source)
    president = next(e for e in entities if e.canonical == "Pezeshitsyan")
    assert president.source_forms == ("Pezeshitsyan", "Pezhashyan")
    assert president.source_ids == (1, 2, 3)
    findings = check_source(source, entities)
    assert [f.check for f in findings] == ["names.source-inconsistent"]
    assert findings[0].severity == CHECKS["names.source-inconsistent"].severity
    assert [v.base for v in findings[0].variants] == ["Pezeshitsyan", "Pezhashyan"]


def test_a_name_made_from_a_country_is_not_a_spelling_of_it() -> None:
    # Kyrgyzaltyn (a company) shares its first syllables with Kirghizstan, and its key is as
    # close to the country's as Pezhashyan's to Pezeshitsyan's; but the place data know
    # Kirghizstan, an established name, and a second spelling of it stays closer.
    text = ["La société Kyrgyzaltyn a produit 17 tonnes d'or.",
            "L'or représente 12 % du PIB du Kirghizstan.",
            "Kyrgyzaltyn publiera son rapport en avril.",
            "Le Kirghizstan emprunte au FMI."]
    entities = find_entities(segmented("fr", text), None, NamesConfig(use_ner=False))
    forms = {e.source_forms for e in entities}
    assert ("Kyrgyzaltyn",) in forms and ("Kirghizstan",) in forms
    assert not check_source(segmented("fr", text), entities)


def test_a_misspelt_known_place_is_still_one_name_with_it() -> None:
    text = ["Officials met in Islamabad on Monday.", "The talks in Islamabat ended late.",
            "Islamabad said the talks would resume."]
    entities = find_entities(segmented("en", text), None, NamesConfig(use_ner=False))
    assert [e.source_forms for e in entities if "Islamabad" in e.source_forms] == [
        ("Islamabad", "Islamabat")]
    assert [f.check for f in check_source(segmented("en", text), entities)] == [
        "names.source-inconsistent"]


RU = [
    "Шойгу посетил Иран",
    "5-го числа президент Ирана Пезешкиан встретился с секретарем Совбеза России Шойгу в "
    "Тегеране.",
    "Пезешкиян заявил, что Иран и Россия являются стратегическими партнерами.",
    "Пезешкиана также осудил убийство лидера ХАМАС Хании.",
    "В тот же день Шойгу встретился с начальником Генштаба Багери.",
]


def test_russian_variants_found_and_inflection_ignored(source: SegmentedDocument) -> None:
    target = document(RU, "ru")
    result = check_translation(source, target, one_to_one(5), find_entities(source))
    inconsistent = checks(result.findings, "names.inconsistent")
    assert len(inconsistent) == 1
    finding = inconsistent[0]
    assert finding.entity == "pezeshitsyan"
    assert [(v.base, v.count, v.sentence_ids) for v in finding.variants] == [
        ("Пезешкиан", 2, (1, 3)), ("Пезешкиян", 1, (2,))]
    assert "Пезешкиан (2×, sentences #1, #3)" in finding.message
    # The finding points at the minority spelling only: the row to fix.
    spans = {(s.sentence_id, s.text) for s in finding.spans}
    assert spans == {(2, "Пезешкиян")}
    assert finding.target_ids == (2,)
    for span in finding.spans:
        assert target.sentences[span.sentence_id].text[span.start:span.end] == span.text
    assert not checks(result.findings, "names.missing")
    assert not checks(result.findings, "numbers.missing")


def test_missing_name_in_aligned_sentence(source: SegmentedDocument) -> None:
    target = document([*RU[:4], "В тот же день он встретился с начальником Генштаба Багери."], "ru")
    result = check_translation(source, target, one_to_one(5), find_entities(source))
    missing = checks(result.findings, "names.missing")
    assert [(f.entity, f.source_ids, f.target_ids) for f in missing] == [("shoigu", (4,), (4,))]
    assert missing[0].severity == CHECKS["names.missing"].severity


def test_rare_name_dropped_from_a_cyrillic_translation_is_a_warning(
        source: SegmentedDocument) -> None:
    # Haniyeh occurs nowhere in this translation. A name mentioned once or twice that the
    # matcher finds nowhere was dropped more likely than rendered beyond recognition: it is
    # reported, but only as a warning, since an unseen rendering looks the same.
    target = document([*RU[:3], "Пезешкиан также осудил убийство лидера ХАМАС.", RU[4]], "ru")
    result = check_translation(source, target, one_to_one(5), find_entities(source))
    missing = checks(result.findings, "names.missing")
    assert [(f.entity, f.target_ids, f.severity.value) for f in missing] == [
        ("haniyeh", (3,), "warning")]


def test_omitted_sentence_is_not_a_missing_name(source: SegmentedDocument) -> None:
    target = document([*RU[:3], RU[4]], "ru")
    alignment = Alignment((AlignedPair((0,), (0,)), AlignedPair((1,), (1,)),
                           AlignedPair((2,), (2,)), AlignedPair((3,), ()),
                           AlignedPair((4,), (3,))), "test")
    result = check_translation(source, target, alignment, find_entities(source))
    assert not checks(result.findings, "names.missing")


def test_latin_script_name_in_greek(source: SegmentedDocument) -> None:
    target = document([
        "Ο Σοϊγκού επισκέπτεται το Ιράν",
        "Στις 5, ο Ιρανός πρόεδρος Πεζεσκιάν συναντήθηκε με τον Σοϊγκού στην Τεχεράνη.",
        "Ο Πεζεσκιάν δήλωσε ότι το Ιράν και η Ρωσία είναι στρατηγικοί εταίροι.",
        "Ο Πεζεσκιάν καταδίκασε τη δολοφονία του ηγέτη της Χαμάς Haniyeh.",
        "Ο Σοϊγκού συναντήθηκε με τον Μπαγκερί την ίδια μέρα.",
    ], "el")
    result = check_translation(source, target, one_to_one(5), find_entities(source))
    script = checks(result.findings, "names.script")
    assert [(f.entity, f.target_ids) for f in script] == [("haniyeh", (3,))]
    assert not checks(result.findings, "names.inconsistent")  # Ιρανός is an adjective


def test_glossary_mismatch_sets_expected(source: SegmentedDocument) -> None:
    glossary = parse_glossary("""
[entities.pezeshkian]
source = ["Pezeshkian", "Pezhashyan", "Pezeshitsyan"]
[entities.pezeshkian.targets]
de = "Peseschkian"
""", "test.toml")
    entities = find_entities(source, glossary)
    assert entities[[e.id for e in entities].index("pezeshkian")].from_glossary
    target = document([
        "Schoigu besucht Iran",
        "Am 5. traf der iranische Präsident Pezeshkian Schoigu in Teheran.",
        "Pezeshkian sagte, Iran und Russland seien strategische Partner.",
        "Pezeshkian verurteilte die Ermordung des Hamas-Führers Haniyeh.",
        "Schoigu traf am selben Tag auch Generalstabschef Bagheri.",
    ], "de")
    result = check_translation(source, target, one_to_one(5), entities, glossary=glossary)
    glossary_findings = checks(result.findings, "names.glossary")
    assert [(f.entity, f.expected) for f in glossary_findings] == [("pezeshkian", "Peseschkian")]
    assert not checks(result.findings, "names.inconsistent")


def test_wrong_number_and_untranslated_fragment(source: SegmentedDocument) -> None:
    target = document([
        "ショイグ氏がイランを訪問",
        "15日、イランのペゼシュキアン大統領はテヘランでショイグ書記と会談した。",
        "ペゼシュキアン氏は、Iran and Russia are strategic partners だと述べた。",
        "ペゼシュキアン氏はハマスの指導者ハニヤ氏の暗殺を非難した。",
        "ショイグ氏は同日、バゲリ参謀総長とも会談した。",
    ], "ja")
    result = check_translation(source, target, one_to_one(5), find_entities(source))
    mismatch = checks(result.findings, "numbers.mismatch")
    assert [(f.target_ids, f.expected) for f in mismatch] == [((1,), "5")]
    assert "15" in mismatch[0].message
    untranslated = checks(result.findings, "text.untranslated")
    assert [f.spans[0].text for f in untranslated] == [
        "Iran and Russia are strategic partners"]


def test_findings_are_deterministic(source: SegmentedDocument) -> None:
    target = document(RU, "ru")
    entities = find_entities(source)
    first = check_translation(source, target, one_to_one(5), entities)
    second = check_translation(source, target, one_to_one(5), entities)
    assert first == second


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [("on the 5th and 1,000 people", "en", ["5", "1000"]), ("am 5. in Teheran", "de", ["5"]),
     ("५ दिनाङ्के", "sa", ["5"]), ("５日", "ja", ["5"]), ("五日", "zh", ["5"]),
     ("5-го числа", "ru", ["5"]), ("die quinto", "la", ["5"]), ("3,5 %", "fr", ["3.5"])],
)
def test_numbers_in_every_script(text: str, lang: str, values: list[str]) -> None:
    assert [n.value for n in find_numbers(text, lang)] == values


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [("am fünften August", "de", ["5"]), ("zum dritten Mal", "de", ["3"]),
     ("le cinq août", "fr", ["5"]), ("le cinquième jour", "fr", ["5"]),
     ("el día cinco", "es", ["5"]), ("la quinta reunión", "es", ["5"]),
     ("il quinto giorno", "it", ["5"]), ("no dia cinco", "pt", ["5"]),
     ("viidentenä päivänä", "fi", ["5"]), ("viidettä kertaa", "fi", ["5"]),
     ("στις πέντε Αυγούστου", "el", ["5"]), ("την πέμπτη ημέρα", "el", ["5"]),
     ("pada hari kelima", "id", ["5"]), ("tanggal lima", "id", ["5"])],
)
def test_number_words_used_in_dates(text: str, lang: str, values: list[str]) -> None:
    assert [n.value for n in find_numbers(text, lang)] == values


@pytest.mark.parametrize(
    ("text", "lang"),
    # Articles, "according to", "before", "new", "you are", "to create", tens: not numbers.
    [("ein Treffen, erstellen", "de"), ("un accord neuf", "fr"), ("una reunión", "es"),
     ("secondo il presidente, prima del vertice, sei", "it"), ("segundo o ministro", "pt"),
     ("neljäkymmentä, kolmekymmentä, toinen", "fi"), ("ένα σχέδιο", "el"), ("satu", "id")],
)
def test_words_that_only_look_like_numbers(text: str, lang: str) -> None:
    assert find_numbers(text, lang) == []


def test_a_number_word_satisfies_the_source_but_never_replaces_it() -> None:
    source = document(["Talks", "The delegation arrived on the 5th."], "en")
    spelled = document(["Neuvottelut", "Valtuuskunta saapui viidentenä päivänä."], "fi")
    other = document(["Neuvottelut", "Valtuuskunta saapui toista kertaa kolmantena päivänä."],
                      "fi")
    assert check_translation(source, spelled, one_to_one(2), ()).findings == ()
    findings = check_translation(source, other, one_to_one(2), ()).findings
    assert [f.check for f in findings] == ["numbers.missing"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [("[entities.x]\ntargets = {}\n", "source must list"),
     ("[entities.x]\nsource = ['X']\nkind = 'planet'\n", "kind must be one of"),
     ("[entities.x]\nsource = ['X']\ncolour = 1\n", "unknown keys"),
     ("[entities.x\n", "invalid TOML"),
     ("[entities.a]\nsource = ['X']\n[entities.b]\nsource = ['X']\n", "listed under both")],
)
def test_bad_glossary_names_file_and_problem(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "glossary.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_glossary(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)


def test_missing_glossary_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="glossary file not found"):
        load_glossary(tmp_path / "absent.toml")


def test_weekdays_and_months_are_never_names() -> None:
    from mtcheck.names import find_entities
    from mtcheck.segment import segment_document

    text = ("The minister met Sergei Shoigu on Tuesday. Shoigu will return in May. "
            "Talks with Shoigu resume on Friday in March.")
    document = Document("en.txt", "en", (Paragraph(0, text, 1),))
    names = {e.canonical for e in find_entities(segment_document(document))}
    assert "Shoigu" in " ".join(names)
    assert not names & {"Tuesday", "May", "Friday", "March"}


@pytest.mark.parametrize(("text", "lang", "values"), [
    ("Trade reached 4.5 billion dollars and 12 million tons.", "en", ["4500000000", "12000000"]),
    ("貿易額は45億ドル、1200万トンに達した。", "ja", ["4500000000", "12000000"]),
    ("贸易额达到45亿美元。", "zh", ["4500000000"]),
    ("무역액은 45억 달러에 달했다. 5 만났다", "ko", ["4500000000", "5"]),
    ("Товарооборот достиг 4,5 млрд долларов.", "ru", ["4500000000"]),
    ("Der Handel erreichte 4,5 Milliarden Dollar am 5. August.", "de", ["4500000000", "5"]),
    ("3 milliardaires", "fr", ["3"]),
])
def test_scale_words_multiply_the_number_before_them(text: str, lang: str,
                                                     values: list[str]) -> None:
    from mtcheck.names.numbers import find_numbers

    assert [n.value for n in find_numbers(text, lang) if not n.word] == values


def test_katakana_v_and_b_spellings_of_a_place_are_one_form() -> None:
    # Place data write ジュネーヴ; the translation writes ジュネーブ: the place is there.
    source = document(["Officials met in Geneva.", "They spoke from Geneva again."], "en")
    entities = find_entities(source)
    target = document(["当局者はジュネーブで会談した。", "彼らは再びジュネーブから発言した。"], "ja")
    result = check_translation(source, target, one_to_one(2), entities)
    assert checks(result.findings, "names.missing") == []
    assert {r.entity for r in result.renderings} == {"geneva"}


def test_a_word_rendering_one_name_is_no_spelling_of_a_place_beside_it() -> None:
    # São João da Pesqueira (a town) and Santos Pereira (a person) in one sentence: Перейра
    # and ペレイラ render the person, though they sound nearly like the town.
    source = document(["Vindima no Douro", "«Há famílias em Tabuaço e em São João da Pesqueira "
                       "que vão deixar uvas por colher», disse Ana Rita dos Santos Pereira, "
                       "presidente da associação.", "Santos Pereira pediu apoio ao Governo."],
                      "pt")
    targets = {
        "en": document(["Harvest in the Douro", '"There are families in Tabuaço and São João '
                        'da Pesqueira who will leave grapes unpicked," said Ana Rita dos Santos '
                        "Pereira, president of the association.",
                        "Santos Pereira asked the government for support."], "en"),
        "ru": document(["Урожай в Дору", "«В Табуасу и Сан-Жуан-да-Пешкейре есть семьи, "
                        "которые оставят виноград несобранным», — сказала Ана Рита душ Сантуш "
                        "Перейра, председатель ассоциации.",
                        "Сантуш Перейра попросила правительство о поддержке."], "ru"),
        "ja": document(["ドウロの収穫", "協会のアナ・リタ・ドス・サントス・ペレイラ会長は「タブアソや"
                        "サン・ジョアン・ダ・ペスケイラには、ブドウを摘まずに残す家族もいる」と述べた。",
                        "サントス・ペレイラ会長は政府に支援を求めた。"], "ja"),
        "es": document(["Vendimia en el Duero", "«Hay familias en Tabuaço y en São João da "
                        "Pesqueira que dejarán uvas sin vendimiar», dijo Ana Rita dos Santos "
                        "Pereira, presidenta de la asociación.",
                        "Santos Pereira pidió apoyo al Gobierno."], "es"),
    }
    results = check_translations(source, {k: (t, one_to_one(3)) for k, t in targets.items()},
                                 find_entities(source))
    assert [(k, f.message) for k, r in results.items() for f in r.findings
            if f.check == "names.inconsistent"] == []
    # The town is still found where it is written.
    assert {r.surface for r in results["ru"].renderings if r.entity == "pesqueira"} == {
        "Пешкейре"}
