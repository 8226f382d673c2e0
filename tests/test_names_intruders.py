"""A name one translation alone writes in place of a source name (mtcheck.names.intruders)."""

from __future__ import annotations

from builders import one_to_one, segmented
from mtcheck.names.intruders import intruding_names
from mtcheck.types import Alignment, Finding, SegmentedDocument

SOURCE = ["The loan was approved on Monday by the World Bank, the ministry said.",
          "Work on the dam starts in March."]
KEPT = {
    "fr": ["Le prêt a été approuvé lundi par la Banque mondiale, a indiqué le ministère.",
           "Les travaux du barrage commencent en mars."],
    "es": ["El préstamo fue aprobado el lunes por el Banco Mundial, dijo el ministerio.",
           "Las obras de la presa empiezan en marzo."],
    "it": ["Il prestito è stato approvato lunedì dalla Banca Mondiale, ha detto il ministero.",
           "I lavori della diga iniziano a marzo."],
}


def run(targets: dict[str, list[str]], source: list[str] = SOURCE) -> dict[str, list[Finding]]:
    src = segmented("en", source, "en.txt")
    translations: dict[str, tuple[SegmentedDocument, Alignment]] = {
        lang: (segmented(lang, lines, f"{lang}.txt"), one_to_one(len(lines)))
        for lang, lines in targets.items()}
    return intruding_names(src, translations, {}, 3.0, 2)


def test_a_name_no_other_text_writes_in_place_of_a_source_name_replaced_it() -> None:
    pt = ["O empréstimo foi aprovado na segunda-feira pelo InvestEU, disse o ministério.",
          "As obras da barragem começam em março."]
    found = run({**KEPT, "pt": pt})
    assert [f.source_ids for f in found["pt"]] == [(0,)]
    assert "World Bank" in found["pt"][0].message and "InvestEU" in found["pt"][0].message
    assert found["fr"] == found["es"] == found["it"] == []


def test_a_name_the_other_translations_write_there_too_is_no_intruder() -> None:
    # Every translation adds the same name: it is how they all render the source.
    targets = {lang: [lines[0].replace(",", " (InvestEU),", 1), lines[1]]
               for lang, lines in KEPT.items()}
    targets["pt"] = ["O empréstimo foi aprovado na segunda-feira pelo InvestEU, disse o "
                     "ministério.", "As obras da barragem começam em março."]
    assert run(targets)["pt"] == []


def test_an_added_name_where_nothing_of_the_source_is_lost_replaced_nothing() -> None:
    source = ["The loan was approved on Monday, the ministry said.", "Work starts in March."]
    targets = {"fr": ["Le prêt a été approuvé lundi, a indiqué le ministère.",
                      "Les travaux commencent en mars."],
               "es": ["El préstamo fue aprobado el lunes, dijo el ministerio.",
                      "Las obras empiezan en marzo."],
               "pt": ["O empréstimo foi aprovado na segunda-feira, disse o ministro Vivekananda.",
                      "As obras começam em março."]}
    assert run(targets, source)["pt"] == []


def test_too_few_translations_to_compare_or_nouns_capitalised_say_nothing() -> None:
    pt = ["O empréstimo foi aprovado na segunda-feira pelo InvestEU, disse o ministério.",
          "As obras da barragem começam em março."]
    assert run({"fr": KEPT["fr"], "pt": pt})["pt"] == []
    # German capitalises every noun: a rare compound is in no other text either.
    de = ["Der Kredit wurde am Montag vom InvestEU bewilligt, sagte das Ministerium.",
          "Die Arbeiten am Staudamm beginnen im März."]
    assert run({**KEPT, "de": de})["de"] == []


def test_a_language_without_word_frequencies_is_not_judged() -> None:
    # Latin has no wordfreq data: every capitalised word would read as a rare name.
    la = ["Mutuum Lunae die a Zona approbatum est, ministerium dixit.",
          "Opus in aggere Martio incipit."]
    assert run({**KEPT, "la": la})["la"] == []


def test_a_name_translated_by_meaning_before_the_acronym_it_keeps_is_no_intruder() -> None:
    source = ["The Nepal Mountaineering Association (NMA) backed the rules on Monday.",
              "Work on the dam starts in March."]
    targets = {
        "fr": ["L'Association népalaise d'alpinisme (NMA) a soutenu les règles lundi.",
               "Les travaux du barrage commencent en mars."],
        "es": ["La Asociación nepalí de alpinismo (NMA) apoyó las normas el lunes.",
               "Las obras de la presa empiezan en marzo."],
        "it": ["L'Associazione alpinistica del Nepal (NMA) ha sostenuto le regole lunedì.",
               "I lavori della diga iniziano a marzo."],
        "pt": ["A Associação de Montanhismo do Nepal (NMA) apoiou as regras na segunda-feira.",
               "As obras da barragem começam em março."],
    }
    assert run(targets, source)["pt"] == []
    # Without the acronym the capitalised word no other text writes stands in its place.
    targets["pt"][0] = targets["pt"][0].replace(" (NMA)", "")
    assert [f.source_ids for f in run(targets, source)["pt"]] == [(0,)]
