"""Names found nowhere in a translation, reported as dropped where nothing can be their
unseen rendering (mtcheck.names.dropped), and the inventory and matching they rely on."""

from __future__ import annotations

import pytest

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translations, find_entities, places
from mtcheck.names.agreement import rendered_by_others
from mtcheck.names.dropped import confirmed_drops, joined_to_rendered
from mtcheck.names.evidence import ner_available
from mtcheck.names.inventory import place_keys
from mtcheck.names.matching import entity_forms, find_renderings
from mtcheck.types import Entity, Finding, NameRendering, Severity

NO_NER = NamesConfig(use_ner=False)

# An English source naming a person once, mid-sentence.
KOMBO = ["Bookings for 2026 were up by a third, said camp owner Ahmed Said Kombo on Monday.",
         "The park receives few tourists."]
KEPT = {
    "de": ["Die Buchungen für 2026 seien um ein Drittel gestiegen, sagte Campbesitzer "
           "Ahmed Said Kombo am Montag.", "Der Park empfängt wenige Touristen."],
    "fr": ["Les réservations pour 2026 ont augmenté d'un tiers, a déclaré lundi le "
           "propriétaire Ahmed Said Kombo.", "Le parc reçoit peu de touristes."],
}
# Both translations into other scripts leave the name out.
DROPPED = {
    "ru": ["Бронирования на 2026 год выросли на треть, сообщил в понедельник владелец "
           "кемпинга.", "Парк принимает мало туристов."],
    "el": ["Οι κρατήσεις για το 2026 αυξήθηκαν κατά ένα τρίτο, είπε ο ιδιοκτήτης του "
           "κάμπινγκ.", "Το πάρκο δέχεται λίγους τουρίστες."],
}


def missing(findings: tuple[Finding, ...]) -> list[tuple[str | None, tuple[int, ...]]]:
    return [(f.entity, f.target_ids) for f in findings if f.check == "names.missing"]


def run(source_lines: list[str], targets: dict[str, list[str]]) -> dict[str, tuple[Finding, ...]]:
    source = segmented("en", source_lines, "en.txt")
    entities = find_entities(source)
    results = check_translations(
        source, {lang: (segmented(lang, t, f"{lang}.txt"), one_to_one(len(t)))
                 for lang, t in targets.items()}, entities)
    return {lang: result.findings for lang, result in results.items()}


def test_a_person_no_other_script_renders_is_dropped_there_not_translated_by_meaning() -> None:
    findings = run(KOMBO, {**KEPT, **DROPPED})
    assert missing(findings["ru"]) == [("ahmed-said-kombo", (0,))]
    assert missing(findings["el"]) == [("ahmed-said-kombo", (0,))]
    assert missing(findings["de"]) == missing(findings["fr"]) == []


def test_an_unknown_name_where_the_person_should_be_may_be_its_unseen_rendering() -> None:
    # The Greek translation writes some name the matcher cannot tie to Kombo: it may be a
    # transliteration too far from the spelling, so nothing is reported there.
    unseen = ["Οι κρατήσεις για το 2026 αυξήθηκαν κατά ένα τρίτο, είπε ο ιδιοκτήτης "
              "Ζαχαρόπουλος.", "Το πάρκο δέχεται λίγους τουρίστες."]
    findings = run(KOMBO, {**KEPT, "ru": DROPPED["ru"], "el": unseen})
    assert missing(findings["el"]) == []
    assert missing(findings["ru"]) == [("ahmed-said-kombo", (0,))]


BENGAL = ["The capsule will splash down in the Bay of Bengal after three days.",
          "Engineers will then recover it."]
BENGAL_KEPT = {
    "de": ["Die Kapsel soll nach drei Tagen im Golf von Bengalen wassern.",
           "Ingenieure bergen sie dann."],
    "it": ["La capsula ammarerà nel golfo del Bengala dopo tre giorni.",
           "Gli ingegneri la recupereranno."],
    "el": ["Η κάψουλα θα προσθαλασσωθεί στον Κόλπο της Βεγγάλης μετά από τρεις ημέρες.",
           "Οι μηχανικοί θα την ανακτήσουν."],
}


def test_a_phrase_of_common_words_other_translations_render_is_dropped_where_absent() -> None:
    at_sea = ["A cápsula amarará no mar ao fim de três dias.", "Os engenheiros recuperá-la-ão."]
    findings = run(BENGAL, {**BENGAL_KEPT, "pt": at_sea})
    assert missing(findings["pt"]) == [("bay-of-bengal", (0,))]
    assert all(missing(findings[lang]) == [] for lang in BENGAL_KEPT)


def test_rendered_by_others_counts_other_translations_only() -> None:
    others = rendered_by_others({"de": {"a", "b"}, "fr": {"a"}, "ru": {"a", "b"}}, 2)
    assert others == {"de": frozenset({"a"}), "fr": frozenset({"a", "b"}),
                      "ru": frozenset({"a"})}
    assert rendered_by_others({"de": {"a"}, "fr": {"a"}}, 2) == {"de": frozenset(),
                                                                 "fr": frozenset()}


def _missing_finding(entity: str) -> Finding:
    return Finding(check="names.missing", severity=Severity.WARNING, message="m",
                   source_ids=(0,), target_ids=(0,), spans=(), entity=entity)


@pytest.mark.parametrize(("lang", "text", "kept"), [
    ("ru", "Экологи оценили ущерб.", True),                # nothing name-like there
    ("ru", "Экологи из ЮНЕСКО оценили ущерб.", True),      # an acronym is another name
    ("ru", "Экологи Ганновского оценили ущерб.", False),   # an unknown name: maybe it
    ("ko", "환경 단체들이 피해를 평가했다.", False),          # Hangul: cannot be told
])
def test_a_doubtful_drop_stands_only_where_nothing_can_be_the_name(lang: str, text: str,
                                                                   kept: bool) -> None:
    target = segmented(lang, [text], "t.txt")
    findings = (_missing_finding("x"), _missing_finding("y"))
    result = confirmed_drops(findings, target, (), {"x"}, 3.0)
    assert [f.entity for f in result] == (["x", "y"] if kept else ["y"])


@pytest.mark.skipif(not ner_available("en"), reason="the optional ner extra is not installed")
def test_a_recognised_person_keeps_a_lower_case_syllable_after_a_hyphen() -> None:
    source = segmented("en", ["\"Every new fab is a guarantee,\" said Kuo Ting-wei, a lawmaker.",
                              "The Dhaka-based group disagreed."], "en.txt")
    canonical = {e.canonical for e in find_entities(source, None, NamesConfig())}
    assert "Kuo Ting-wei" in canonical
    assert "Dhaka" in canonical and "Dhaka-based" not in canonical


def test_a_given_name_with_a_lower_case_syllable_is_matched_whole() -> None:
    entity = Entity(id="huang-wen-chieh", canonical="Huang Wen-chieh",
                    source_forms=("Huang Wen-chieh",), source_ids=(0,), from_glossary=False)
    target = segmented("de", ["Wirtschaftsminister Huang Wen-chieh sagte das am Montag."])
    found = find_renderings(target.sentences, "de", entity_forms([entity], "de"), NamesConfig())
    assert [r.surface for r in found] == ["Wen-chieh"]


def test_a_latin_copy_of_a_multi_word_name_in_japanese_is_its_rendering() -> None:
    # Known in Japanese as ダルエスサラーム; left in Latin script, it is still the name
    # (then reported as names.script), not a name missing from the sentence.
    entity = Entity(id="dar-es-salaam", canonical="Dar es Salaam",
                    source_forms=("Dar es Salaam",), source_ids=(0,), from_glossary=False)
    target = segmented("ja", ["Dar es Salaamの旅行業者は期待している。"])
    forms = entity_forms([entity], "ja", {"dar-es-salaam": ("ダルエスサラーム",)})
    found = find_renderings(target.sentences, "ja", forms, NamesConfig())
    assert [r.surface for r in found] == ["Salaam"]
    latin = entity_forms([entity], "de", {"dar-es-salaam": ("Daressalam",)})
    assert find_renderings(segmented("de", ["Die Reisebüros in Salaam hoffen."]).sentences,
                           "de", latin, NamesConfig()) == []


def test_place_forms_leave_out_lower_case_romanisations() -> None:
    entity = Entity(id="saint-louis", canonical="Saint-Louis", source_forms=("Saint-Louis",),
                    source_ids=(0,), from_glossary=False)
    keys = place_keys(entity, "en")
    assert keys
    forms = places.present_forms(keys, "de", "a")
    assert "Saint-Louis" in forms
    assert not [f for f in forms if f[:1].islower()]


@pytest.mark.parametrize(("name", "code"), [("Turkey", "TR"), ("Ivory Coast", "CI"),
                                            ("Türkiye", "TR"), ("Czechia", "CZ")])
def test_a_country_is_known_by_its_common_english_name_too(name: str, code: str) -> None:
    # CLDR's English names are the official new ones (Türkiye): geonames gives Turkey.
    assert places.lookup(name, "en") == (f"territory:{code}",)
    assert "Turchia" in places.regional_forms(places.lookup("Turkey", "en"), "it")["it"]


def test_a_double_given_name_goes_before_another_persons_name_in_its_first_syllable() -> None:
    # Κουό alone is Kuo Ting-wei's surname; Κουό-σιούνγκ is Chang Kuo-hsiung's given name.
    chang = Entity(id="chang-kuo-hsiung", canonical="Chang Kuo-hsiung",
                   source_forms=("Chang Kuo-hsiung",), source_ids=(0,), from_glossary=False)
    kuo = Entity(id="kuo-ting-wei", canonical="Kuo Ting-wei", source_forms=("Kuo Ting-wei",),
                 source_ids=(1,), from_glossary=False)
    target = segmented("el", ["Ο διευθυντής, Τσανγκ Κουό-σιούνγκ, είπε τον Απρίλιο ότι.",
                              "Ο βουλευτής Κούο Τινγκ-γουέι το είπε."])
    found = find_renderings(target.sentences, "el", entity_forms([chang, kuo], "el"),
                            NamesConfig())
    assert {(r.sentence_id, r.entity) for r in found} == {(0, "chang-kuo-hsiung"),
                                                           (1, "kuo-ting-wei")}


# Most translations keep the organisation in each sentence that names it, two of the three
# in other scripts in Latin letters (so it is no name the Russian one must transliterate).
GREENPEACE = ["Fish stocks fell by half, according to a report by Greenpeace Africa.",
              "The ministry disputes the figures."]
GREENPEACE_KEPT = {
    "fr": ["Les stocks ont diminué de moitié, selon un rapport de Greenpeace Africa.",
           "Le ministère conteste les chiffres."],
    "de": ["Die Bestände sind laut einem Bericht von Greenpeace Africa um die Hälfte "
           "gesunken.", "Das Ministerium bestreitet die Zahlen."],
    "el": ["Τα αποθέματα μειώθηκαν στο μισό, σύμφωνα με έκθεση της Greenpeace Africa.",
           "Το υπουργείο αμφισβητεί τα στοιχεία."],
    "ja": ["Greenpeace Africaの報告書によると、魚の資源は半減した。",
           "省はこの数字に異議を唱えている。"],
}
RU_REST = "Министерство оспаривает эти данные."


@pytest.mark.parametrize(("sentence", "reported"), [
    # Nothing stands where the others have the name: dropped.
    ("Запасы рыбы сократились вдвое, согласно докладу экологов.", True),
    # An unknown name there may be its transliteration: nothing is said.
    ("Запасы рыбы сократились вдвое, согласно докладу организации Гринпис Африка.", False),
    # A country's standard name (Аргентины: Аргентина) names that country, not this one.
    ("Запасы рыбы сократились вдвое, согласно докладу экологов из Аргентины.", True),
])
def test_a_name_most_translations_render_there_is_dropped_where_nothing_renders_it(
        sentence: str, reported: bool) -> None:
    findings = run(GREENPEACE, {**GREENPEACE_KEPT, "ru": [sentence, RU_REST]})
    assert missing(findings["ru"]) == ([("greenpeace-africa", (0,))] if reported else [])
    assert all(missing(findings[lang]) == [] for lang in GREENPEACE_KEPT)


def test_a_word_of_the_names_frame_or_of_another_name_is_no_unseen_rendering() -> None:
    nicolas = Entity(id="san-nicolas", canonical="San Nicolás", source_forms=("San Nicolás",),
                     source_ids=(0,))
    villa = Entity(id="villa-constitucion", canonical="Villa Constitución",
                   source_forms=("Villa Constitución",), source_ids=(0,))
    named = {e.id: e for e in (nicolas, villa)}
    # Pedro follows the San of the name: another name in its frame. Villa is a word of
    # another source name (its Constitución is rendered).
    target = segmented("en", ["Fishermen in Villa Constitución and San Pedro say so."])
    rendered = (NameRendering("villa-constitucion", 0, 19, 31, "Constitución", "Constitución"),)
    result = confirmed_drops((_missing_finding("san-nicolas"),), target, rendered,
                             {"san-nicolas"}, 3.0, named, "es")
    assert [f.entity for f in result] == ["san-nicolas"]
    # Without the entities the same words may be its unseen rendering.
    assert confirmed_drops((_missing_finding("san-nicolas"),), target, rendered,
                           {"san-nicolas"}, 3.0) == ()


def test_a_generic_word_joined_to_a_rendered_name_may_be_translated_by_meaning() -> None:
    source = segmented("es", ["Codelco explotará el Salar de Atacama desde 2031."], "es.txt")
    # (entity, source sentence, start, end): Salar and Atacama joined by "de".
    mentions = [("salar", 0, 21, 26), ("atacama", 0, 30, 37), ("codelco", 0, 0, 7)]
    rendered = (NameRendering("atacama", 0, 30, 37, "Атакама", "Атакама"),)
    findings = (_missing_finding("salar"), _missing_finding("codelco"))
    kept = joined_to_rendered(findings, source, mentions, rendered, {"salar", "codelco"},
                              {"de"})
    # Codelco is joined to nothing: still missing. Without Atacama rendered, Salar is too.
    assert [f.entity for f in kept] == ["codelco"]
    assert [f.entity for f in joined_to_rendered(findings, source, mentions, (),
                                                 {"salar", "codelco"}, {"de"})] == [
        "salar", "codelco"]


def test_a_person_of_common_given_names_and_surnames_is_no_phrase() -> None:
    # Every word of "Marie-Ève Tremblay-Gagnon" is frequent in French, like the words of a
    # phrase translated by meaning; but a person's name is copied, not translated. German
    # leaves it out of the first sentence, where a rare noun (Stromnachfrage) stands: that
    # word is no unseen rendering of a person the other translations copy there.
    source = ["Sa présidente, Marie-Ève Tremblay-Gagnon, a affirmé que la demande "
              "d'électricité pourrait augmenter de 60 %.",
              "« Nous devrons importer de l'électricité », a déclaré Mme Tremblay-Gagnon."]
    targets = {
        "de": ["Die Vorstandsvorsitzende sagte, die Stromnachfrage könne um 60 % steigen.",
               "„Wir müssen Strom importieren“, sagte Tremblay-Gagnon."],
        "en": ["Its chief executive, Marie-Ève Tremblay-Gagnon, said that electricity "
               "demand could rise by 60%.",
               "\"We will have to import electricity,\" Ms Tremblay-Gagnon said."],
        "es": ["Su presidenta, Marie-Ève Tremblay-Gagnon, afirmó que la demanda de "
               "electricidad podría aumentar un 60 %.",
               "«Tendremos que importar electricidad», declaró Tremblay-Gagnon."],
    }
    src = segmented("fr", source, "fr.txt")
    entities = find_entities(src, None, NO_NER)
    results = check_translations(
        src, {lang: (segmented(lang, t, f"{lang}.txt"), one_to_one(len(t)))
              for lang, t in targets.items()}, entities, config=NO_NER)
    dropped = sorted((lang, f.source_ids) for lang, r in results.items() for f in r.findings
                     if f.check == "names.missing" and f.entity
                     and f.entity.startswith("marie"))
    assert dropped == [("de", (0,))]


def test_an_acronym_the_pair_copies_from_the_source_abbreviates_no_town() -> None:
    # Sidi Bouzid left out of the Russian sentence, where the source's own acronym UTAP
    # stays: that is the union's, not an abbreviation of the town (ЮАР, США are
    # countries').
    source = ["Farmers in Kairouan and Sidi Bouzid lost 40 percent of their crop, "
              "according to the farmers' union (UTAP).", "Prices rose."]
    targets = {"ru": ["Фермеры в Кайруане потеряли 40% урожая, по данным союза фермеров "
                      "(UTAP).", "Цены выросли."]}
    findings = run(source, targets)
    assert [e for e, _ in missing(findings["ru"])] == ["sidi-bouzid"]
    targets = {"ru": ["Фермеры в Кайруане и Сиди-Бузиде потеряли 40% урожая, по данным "
                      "союза фермеров (UTAP).", "Цены выросли."]}
    assert missing(run(source, targets)["ru"]) == []
