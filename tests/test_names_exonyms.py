"""Exonyms of another root told by agreement across translations (mtcheck.names.exonyms)."""

from __future__ import annotations

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translations, find_entities

NO_NER = NamesConfig(use_ner=False)
SOURCE = ["La nuova ala ospita le due barche solari di Cheope, lunghe 43 metri.",
          "Cheope regnò sull'Egitto."]


def missing(targets: dict[str, list[str]], source: list[str] = SOURCE,
            config: NamesConfig = NO_NER) -> list[tuple[str, str | None, tuple[int, ...]]]:
    src = segmented("it", source, "it.txt")
    entities = find_entities(src, None, config)
    results = check_translations(
        src, {lang: (segmented(lang, t, f"{lang}.txt"), one_to_one(len(t)))
              for lang, t in targets.items()}, entities, config=config)
    return sorted((lang, f.entity, f.source_ids) for lang, r in results.items()
                  for f in r.findings if f.check == "names.missing")


TARGETS = {
    "de": ["Im neuen Flügel stehen die beiden Sonnenbarken des Cheops, 43 Meter lang.",
           "Cheops herrschte über Ägypten."],
    "fr": ["La nouvelle aile abrite les deux barques solaires de Khéops, longues de 43 mètres.",
           "Khéops a régné sur l'Égypte."],
    "ru": ["В новом крыле размещены две солнечные ладьи Хеопса длиной 43 метра.",
           "Хеопс правил Египтом."],
}


def test_an_exonym_two_translations_write_in_one_sentence_is_the_name() -> None:
    # English and Japanese both write Khufu (クフ) where the others write Cheops.
    targets = {**TARGETS,
               "en": ["The new wing houses the two solar boats of Khufu, 43 metres long.",
                      "Cheops ruled Egypt."],
               "ja": ["新しい展示棟にはクフ王の2隻の太陽の船が収められている。",
                      "ケオプスはエジプトを統治した。"]}
    assert missing(targets) == []


def test_one_translation_alone_writing_another_name_has_it_missing() -> None:
    targets = {**TARGETS,
               "en": ["The new wing houses the two solar boats of Khufu, 43 metres long.",
                      "Cheops ruled Egypt."],
               "ja": ["新しい展示棟にはケオプス王の2隻の太陽の船が収められている。",
                      "ケオプスはエジプトを統治した。"]}
    assert missing(targets) == [("en", "cheope", (0,))]


def test_a_name_kept_from_the_source_sentence_is_no_agreed_exonym() -> None:
    # Two translations drop the same name, and both keep another name of the sentence:
    # that name renders the source's own word, it is no form of the dropped one.
    source = ["Nasreen Munni of the Dhaka-based group Nijera Kori said families were not told.",
              "Dhaka is crowded."]
    targets = {
        "de": ["Nasreen Munni von der Gruppe Nijera Kori sagte, die Familien wüssten nichts.",
               "Dhaka ist überfüllt."],
        "fr": ["Nasreen Munni, du groupe Nijera Kori, a dit que les familles ignoraient tout.",
               "Dhaka est surpeuplée."],
        "es": ["Nasreen Munni, del grupo Nijera Kori, con sede en Daca, dijo que no sabían.",
               "Daca está abarrotada."],
    }
    src = segmented("en", source, "en.txt")
    entities = find_entities(src, None, NO_NER)
    results = check_translations(
        src, {lang: (segmented(lang, t, f"{lang}.txt"), one_to_one(len(t)))
              for lang, t in targets.items()}, entities, config=NO_NER)
    dropped = sorted(lang for lang, r in results.items() for f in r.findings
                     if f.check == "names.missing" and f.entity == "dhaka")
    assert dropped == ["de", "fr"]


def test_a_common_word_two_translations_share_is_no_exonym() -> None:
    # Italian and Portuguese both translate the "Chamber" of the source alike (Camera,
    # Câmara: common words); one replaces the town, the other drops it. Their shared word
    # is no agreed form of the town: both are reported.
    source = ["The Bulgarian Rose Chamber said in Kazanlak on Thursday that the harvest fell.",
              "Kazanlak holds a rose festival every June."]
    targets = {
        "es": ["La Cámara Búlgara de la Rosa dijo el jueves en Kazanlak que la cosecha cayó.",
               "Kazanlak celebra un festival de la rosa cada junio."],
        "fr": ["La Chambre bulgare de la rose a dit jeudi à Kazanlak que la récolte a baissé.",
               "Kazanlak organise une fête de la rose chaque juin."],
        "it": ["La Camera bulgara della rosa ha detto giovedì a Karlovo che il raccolto è calato.",
               "Kazanlak ospita una festa della rosa ogni giugno."],
        "pt": ["A Câmara Búlgara da Rosa disse na quinta-feira que a colheita caiu.",
               "Kazanlak organiza uma festa da rosa todos os junhos."],
    }
    assert [(lang, entity, ids) for lang, entity, ids in missing(targets, source)
            if entity == "kazanlak"] == [("it", "kazanlak", (0,)), ("pt", "kazanlak", (0,))]
