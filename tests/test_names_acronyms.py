"""Acronyms one translation drops while the others keep them (mtcheck.names.acronyms)."""

from __future__ import annotations

import pytest

from builders import one_to_one, segmented
from mtcheck.names.acronyms import dropped_acronyms
from mtcheck.types import Finding

SOURCE = ["UNESCO added the qvevri method to its list of intangible heritage in 2013.",
          "Producers welcomed the decision."]
KEEPING = {
    "de": ["Die UNESCO nahm die Qvevri-Methode 2013 in ihre Liste des immateriellen Erbes auf.",
           "Die Erzeuger begrüßten die Entscheidung."],
    "pt": ["A Unesco incluiu o método qvevri em sua lista de patrimônio imaterial em 2013.",
           "Os produtores saudaram a decisão."],
    "ko": ["유네스코(UNESCO)는 2013년 크베브리 방식을 무형유산 목록에 올렸다.",
           "생산자들은 결정을 환영했다."],
}
DROPPED_IT = ["Il metodo dei qvevri è stato inserito nella lista del patrimonio immateriale nel "
              "2013.", "I produttori hanno accolto con favore la decisione."]


def run(targets: dict[str, list[str]], source: list[str] = SOURCE,
        lang: str = "en") -> dict[str, list[Finding]]:
    return dropped_acronyms(
        segmented(lang, source, "src.txt"),
        {key: (segmented(key, text, f"{key}.txt"), one_to_one(len(text)))
         for key, text in targets.items()}, 2)


def test_an_acronym_the_others_keep_is_reported_where_a_translation_drops_it() -> None:
    found = run({**KEEPING, "it": DROPPED_IT})
    [finding] = found["it"]
    assert (finding.check, finding.severity.value, finding.source_ids) == (
        "names.missing", "warning", (0,))
    assert "UNESCO" in finding.message
    # Kept as written, in lower case after its first letter (Unesco), or beside its
    # localised form: nothing to report.
    assert found["de"] == found["pt"] == found["ko"] == []


@pytest.mark.parametrize("sentence", [
    "Il metodo dei qvevri è stato inserito dall'UNESCO nella lista nel 2013.",
    "L'Unesco ha inserito il metodo dei qvevri nella lista nel 2013.",
    "UNESCO-Liste: il metodo dei qvevri è stato inserito nel 2013.",     # in a compound
    "L'ONU ha inserito il metodo dei qvevri nella lista nel 2013.",      # an acronym of its own
])
def test_an_acronym_kept_compounded_or_localised_is_no_drop(sentence: str) -> None:
    assert run({**KEEPING, "it": [sentence, DROPPED_IT[1]]})["it"] == []


def test_one_other_translation_keeping_it_is_no_agreement() -> None:
    assert run({"de": KEEPING["de"], "it": DROPPED_IT})["it"] == []


def test_translations_into_other_scripts_are_not_judged() -> None:
    # ЮНЕСКО is the acronym in Cyrillic: its letters cannot tell it from a drop.
    dropped_ru = ["Метод квеври был внесён в список нематериального наследия в 2013 году.",
                  "Производители приветствовали решение."]
    assert run({**KEEPING, "ru": dropped_ru})["ru"] == []


def test_the_spelt_out_name_before_the_acronym_is_named() -> None:
    source = ["The customers include Apple, Nvidia and Advanced Micro Devices (AMD).",
              "Shares rose."]
    keeping = {
        "en2": ["Customers include Apple, Nvidia and Advanced Micro Devices (AMD).", "Up."],
        "es": ["Entre los clientes figuran Apple, Nvidia y Advanced Micro Devices (AMD).",
               "Las acciones subieron."],
        "it": ["Tra i clienti ci sono Apple, Nvidia e Advanced Micro Devices (AMD).",
               "Le azioni sono salite."],
    }
    dropped = ["Zu den Kunden gehören Apple und Nvidia.", "Die Aktien stiegen."]
    [finding] = run({**keeping, "de": dropped}, source)["de"]
    assert finding.message.startswith("Advanced Micro Devices (AMD) (sentence #0")


def test_roman_numerals_and_headlines_in_capitals_are_no_acronyms() -> None:
    source = ["POPE LEO XIV VISITS LIMA", "Pope Leo XIV arrived in Lima."]
    keeping = {lang: ["POPE LEO XIV VISITS LIMA", "Leo XIV arrived in Lima."]
               for lang in ("de", "fr", "es")}
    assert run({**keeping, "it": ["Il papa visita Lima", "Il papa è arrivato a Lima."]},
               source)["it"] == []
