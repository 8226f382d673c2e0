"""Names inside larger names (mtcheck.names.wholes), multi-word names kept whole by the
inventory, and replacements said as such."""

from __future__ import annotations

import re

import pytest

from builders import alignment, one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translations, find_entities
from mtcheck.names.inventory import lexicon
from mtcheck.names.wholes import copied_verbatim, inside_longer_names, named_by_acronym
from mtcheck.types import Entity, NameRendering, SegmentedDocument

NO_NER = NamesConfig(use_ner=False)


def document(sentences: list[str], lang: str) -> SegmentedDocument:
    return segmented(lang, sentences, f"{lang}.txt")


def rendering(target: SegmentedDocument, entity: str, surface: str,
              sentence: int = 0) -> NameRendering:
    start = target.sentences[sentence].text.index(surface)
    return NameRendering(entity, sentence, start, start + len(surface), surface, surface)


SOURCE = document(["It was built in Tangier and shipped through the port of Tanger Med."], "en")
PT = document(["Foi fabricada em Tânger e embarcada pelo porto de Tanger Med."], "pt")


def mention(source: SegmentedDocument, entity: str, form: str,
            sentence: int = 0) -> tuple[str, int, int, int]:
    start = source.sentences[sentence].text.index(form)
    return entity, sentence, start, start + len(form)


def test_a_word_of_a_longer_name_copied_whole_belongs_to_that_name() -> None:
    city = rendering(PT, "tangier", "Tânger")
    port = rendering(PT, "tangier", "Tanger ")  # the Tanger of "Tanger Med"
    port = NameRendering("tangier", 0, port.start, port.start + 6, "Tanger", "Tanger")
    inside = inside_longer_names(SOURCE, PT, one_to_one(1), [city, port],
                                 [mention(SOURCE, "tangier", "Tangier")])
    assert inside == {(0, port.start)}


def test_a_name_whose_own_mention_lies_in_the_copied_run_keeps_its_rendering() -> None:
    # "Samudera Indonesia" kept whole: the source's Indonesia is inside the run too.
    source = document(["The contract went to Samudera Indonesia last year."], "en")
    ru = document(["Контракт получила Samudera Indonesia в прошлом году."], "ru")
    kept = rendering(ru, "indonesia", "Indonesia")
    assert inside_longer_names(source, ru, one_to_one(1), [kept],
                               [mention(source, "indonesia", "Indonesia")]) == frozenset()


def test_a_copy_in_an_unaligned_sentence_says_nothing() -> None:
    target = document(["Foi fabricada em Tânger.", "O porto de Tanger Med."], "pt")
    source = document(["It was built in Tangier and shipped through Tanger Med.",
                       "The port is large."], "en")
    port = rendering(target, "tangier", "Tanger", 1)
    # Source 0 holds the run, but is aligned to target 0 only.
    inside = inside_longer_names(source, target, alignment(((0,), (0,)), ((1,), (1,))),
                                 [port], [mention(source, "tangier", "Tangier")],
                                 lexicon().particles)
    assert inside == frozenset()


def test_the_city_is_one_spelling_when_the_port_keeps_its_own_name() -> None:
    source = document(["Renault builds cars in Tangier and ships them through Tanger Med.",
                       "The port is on the Strait of Gibraltar.",
                       "A factory in Tangier does not help Figuig."], "en")
    pt = document(["A Renault fabrica carros em Tânger e embarca-os por Tanger Med.",
                   "O porto fica no estreito de Gibraltar.",
                   "Uma fábrica em Tânger não ajuda Figuig."], "pt")
    # The city alone is tracked (as the recogniser leaves it: "Med" is a common word of
    # the port's name); "Tanger" of the port sounds like it.
    entities = [Entity("tangier", "Tangier", ("Tangier",), (0, 2))]
    result = check_translations(source, {"pt": (pt, one_to_one(3))}, entities, config=NO_NER)
    assert [f for f in result["pt"].findings if f.check == "names.inconsistent"] == []
    # Written otherwise outside the port's name, it is still a second spelling.
    pt_mixed = document([pt.sentences[0].text, pt.sentences[1].text,
                         "Uma fábrica em Tanger não ajuda Figuig."], "pt")
    result = check_translations(source, {"pt": (pt_mixed, one_to_one(3))}, entities,
                                config=NO_NER)
    assert [f.entity for f in result["pt"].findings
            if f.check == "names.inconsistent"] == ["tangier"]


def test_a_word_of_an_organisation_named_by_its_acronym_is_present() -> None:
    source = document(["The Japan International Cooperation Agency (JICA) financed the wall."],
                      "en")
    ja = document(["国際協力機構（JICA）が防潮堤に資金を提供した。"], "ja")
    assert named_by_acronym(source, ja, one_to_one(1),
                            [mention(source, "japan", "Japan")]) == {("japan", 0)}
    without = document(["国際協力機構が防潮堤に資金を提供した。"], "ja")
    assert named_by_acronym(source, without, one_to_one(1),
                            [mention(source, "japan", "Japan")]) == frozenset()


@pytest.mark.parametrize(("source_text", "form", "target_text", "lang"), [
    # The sentence's capitalised "The" (or a German noun) before the name is no word of it.
    ("The Nepal Mountaineering Association (NMA) backed the rules.",
     "Nepal Mountaineering Association", "A Associação de Montanhismo do Nepal (NMA) apoiou "
     "as regras.", "pt"),
    ("Die Gesellschaft Centralny Port Komunikacyjny (CPK) baut den Flughafen.",
     "Komunikacyjny", "中央交通ハブ（CPK）が空港を建設する。", "ja"),
])
def test_a_name_ending_where_its_acronym_follows_is_present_where_the_acronym_stands(
        source_text: str, form: str, target_text: str, lang: str) -> None:
    source = document([source_text], "en")
    target = document([target_text], lang)
    assert named_by_acronym(source, target, one_to_one(1),
                            [mention(source, "org", form)]) == {("org", 0)}
    # Without the acronym in the translation the name is not shown there.
    bare = document([re.sub(r"\s*[(（][A-Z]+[)）]", "", target_text)], lang)
    assert named_by_acronym(source, bare, one_to_one(1),
                            [mention(source, "org", form)]) == frozenset()


def test_a_bracket_that_is_not_the_names_initials_shows_nothing() -> None:
    # "(NMA)" after "Nepal" alone, or after words whose initials are others, names nothing.
    source = document(["Guides from Nepal (NMA) backed the rules.",
                       "The Nepal Guides Union (NMA) backed the rules."], "en")
    target = document(["Guias do Nepal (NMA) apoiaram as regras.",
                       "O Sindicato dos Guias do Nepal (NMA) apoiou as regras."], "pt")
    assert named_by_acronym(source, target, one_to_one(2),
                            [mention(source, "nepal", "Nepal"),
                             mention(source, "union", "Nepal Guides Union", 1)]) == frozenset()


def test_a_country_in_an_organisations_name_is_not_missing_where_the_acronym_stands() -> None:
    source = document(["Japan sent experts.",
                       "The Japan International Cooperation Agency (JICA) financed the wall."],
                      "en")
    ja = document(["日本は専門家を派遣した。", "国際協力機構（JICA）が防潮堤に資金を提供した。"], "ja")
    entities = find_entities(source, None, NO_NER)
    result = check_translations(source, {"ja": (ja, one_to_one(2))}, entities, config=NO_NER)
    assert [f for f in result["ja"].findings if f.check == "names.missing"] == []
    dropped = document(["日本は専門家を派遣した。", "国際協力機構が防潮堤に資金を提供した。"], "ja")
    result = check_translations(source, {"ja": (dropped, one_to_one(2))}, entities,
                                config=NO_NER)
    assert [f.entity for f in result["ja"].findings if f.check == "names.missing"] == ["japan"]


def test_a_foreign_name_with_a_particle_is_one_name_in_a_german_source() -> None:
    source = document(["Im Vallée de Joux haben zwei Werkstätten Kurzarbeit angemeldet.",
                       "In La Chaux-de-Fonds arbeiten viele Uhrmacher."], "de")
    forms = {f for e in find_entities(source, None, NO_NER) for f in e.source_forms}
    assert {"Vallée de Joux", "La Chaux-de-Fonds"} <= forms
    assert not {"Vallée", "Joux", "La Chaux"} & forms


def test_a_german_noun_and_its_complement_are_not_joined() -> None:
    # Common German nouns around "der": a noun and its genitive, not a foreign name.
    source = document(["Der Präsident der Schweiz besuchte Genf."], "de")
    forms = {f for e in find_entities(source, None, NO_NER) for f in e.source_forms}
    assert not any(" der " in f for f in forms)


def test_a_replacement_names_the_rare_word_not_the_translated_title() -> None:
    source = document(["The toll was given by the Disaster Council in Manila.",
                       "Manila asked for help."], "en")
    es = document(["El balance lo dio el Consejo de Desastres en Quezón.",
                   "Manila pidió ayuda."], "es")
    entities = find_entities(source, None, NO_NER)
    result = check_translations(source, {"es": (es, one_to_one(2))}, entities, config=NO_NER)
    missing = [f for f in result["es"].findings if f.check == "names.missing"]
    assert [f.entity for f in missing] == ["manila"]
    assert missing[0].message.endswith("replaced by Quezón")


def test_a_place_written_only_inside_an_organisations_name_beside_the_place_is_dropped() -> None:
    # The recogniser's ORG spans: "Tanger Med" (a port) and "Tanger Med Zones"; the city
    # is written Tangier. "Tanger" alone would be a second entity for the same city.
    from mtcheck.names.inventory import _without_names_of_organisations

    source = document(["Cars are built in Tangier and shipped through Tanger Med.",
                       "The Tanger Med Zones agency grew."], "en")
    city = Entity("tangier", "Tangier", ("Tangier",), (0,))
    port = Entity("tanger", "Tanger", ("Tanger",), (0, 1))
    text0, text1 = (s.text for s in source.sentences)
    ner = ([(text0.index("Tanger Med"), text0.index("Tanger Med") + 10, "ORG")],
           [(text1.index("Tanger"), text1.index("Tanger") + 16, "ORG")])
    assert _without_names_of_organisations(source, (city, port), tuple(ner)) == (city,)
    # Without another spelling of the place in the source, the word stays a name.
    assert _without_names_of_organisations(source, (port,), tuple(ner)) == (port,)


def test_a_word_of_a_name_is_present_where_the_translation_writes_its_initials() -> None:
    source = document(["Larsen & Toubro supplied parts of the boosters."], "en")
    ko = document(["라르센앤드투브로(L&T)가 부스터 부품을 공급했다."], "ko")
    assert named_by_acronym(source, ko, one_to_one(1),
                            [mention(source, "toubro", "Toubro")]) == {("toubro", 0)}
    # Another acronym is no rendering of it; nor is one letter.
    other = document(["힌두스탄항공(HAL)이 부스터 부품을 공급했다."], "ko")
    assert named_by_acronym(source, other, one_to_one(1),
                            [mention(source, "toubro", "Toubro")]) == frozenset()


def test_a_place_inside_a_longer_span_tagged_person_is_no_person(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The small recogniser tags "A Rocha Ghana" (a conservation group) PERSON, and Ghana
    # GPE where it stands alone: Ghana is a place, Rahel Tesfaye (tagged whole) a person.
    from mtcheck.names import inventory

    source = document(["Ghana exports cocoa.", "Groups such as A Rocha Ghana disagree.",
                       "Rahel Tesfaye and A Rocha Ghana spoke."], "en")
    texts = [s.text for s in source.sentences]

    def span(i: int, text: str, label: str) -> tuple[int, int, str]:
        start = texts[i].index(text)
        return start, start + len(text), label

    spans = ([span(0, "Ghana", "GPE")], [span(1, "A Rocha Ghana", "PERSON")],
             [span(2, "Rahel Tesfaye", "PERSON"), span(2, "A Rocha Ghana", "PERSON")])
    monkeypatch.setattr(inventory, "recognised_spans", lambda *_: spans)
    entities = [Entity("ghana", "Ghana", ("Ghana",), (0, 1, 2)),
                Entity("tesfaye", "Tesfaye", ("Tesfaye",), (2,))]
    assert inventory.persons(source, entities) == {"tesfaye"}
    # Tagged PERSON on its own, and never as a place, it is a person.
    alone = ([span(0, "Ghana", "PERSON")], [], [])
    monkeypatch.setattr(inventory, "recognised_spans", lambda *_: alone)
    assert inventory.persons(source, entities[:1]) == {"ghana"}


def test_a_word_of_a_name_with_an_acronym_is_present_where_the_acronym_is_kept() -> None:
    source = document(["A TotalEnergies vai retomar o projeto Mozambique LNG."], "pt")
    ja = document(["トタルエナジーズはモザンビークLNG事業を再開する。"], "ja")
    assert named_by_acronym(source, ja, one_to_one(1),
                            [mention(source, "mozambique", "Mozambique")]) == {("mozambique", 0)}
    dropped = document(["トタルエナジーズは事業を再開する。"], "ja")
    assert named_by_acronym(source, dropped, one_to_one(1),
                            [mention(source, "mozambique", "Mozambique")]) == frozenset()


def test_a_country_by_its_official_name_is_there_as_a_feminine_nationality() -> None:
    # "Czech Republic" is the Czechia of CLDR (ISO 3166's official name); Spanish writes
    # the skier "la checa" (Chequia: qu before i is c before a).
    source = document(["Kateřina Nováková of the Czech Republic took bronze.",
                       "The Czech Republic won the relay."], "en")
    es = document(["La checa Kateřina Nováková se llevó el bronce.",
                   "Chequia ganó el relevo."], "es")
    entities = find_entities(source, None, NO_NER)
    assert any("Czech Republic" in e.source_forms for e in entities)
    result = check_translations(source, {"es": (es, one_to_one(2))}, entities, config=NO_NER)
    assert [f for f in result["es"].findings if f.check == "names.missing"] == []
    dropped = document(["Kateřina Nováková se llevó el bronce.", "Chequia ganó el relevo."],
                       "es")
    result = check_translations(source, {"es": (dropped, one_to_one(2))}, entities,
                                config=NO_NER)
    assert [f.source_ids for f in result["es"].findings if f.check == "names.missing"] == [(0,)]


def test_a_word_of_a_hyphened_or_multiword_name_copied_verbatim_is_no_spelling() -> None:
    source = document(["Hydro-Québec a annoncé à Montréal un projet.",
                       "Selon HEC Montréal, le Québec paiera."], "fr")
    en = document(["Hydro-Québec announced a project in Montreal.",
                   "According to HEC Montréal, Quebec will pay."], "en")
    found = [rendering(en, "quebec", "Québec"), rendering(en, "montreal", "Montreal"),
             rendering(en, "montreal", "Montréal", 1), rendering(en, "quebec", "Quebec", 1)]
    copied = copied_verbatim(source, en, one_to_one(2), found, lexicon().particles)
    assert copied == {(0, found[0].start), (1, found[2].start)}
    # A run the translation changes is no copy: its word is a spelling again.
    en_changed = document([en.sentences[0].text.replace("Hydro-Québec", "Hydro-Quebec"),
                           en.sentences[1].text], "en")
    assert copied_verbatim(source, en_changed, one_to_one(2),
                           [rendering(en_changed, "quebec", "Quebec")]) == frozenset()


def test_the_province_is_one_spelling_beside_the_utilitys_own_name() -> None:
    source = document(["Hydro-Québec relance ses barrages.",
                       "La demande au Québec pourrait augmenter.",
                       "Hydro-Québec a tenu des rencontres au Québec."], "fr")
    entities = [Entity("quebec", "Québec", ("Québec",), (0, 1, 2))]
    en = document(["Hydro-Québec revives its dams.",
                   "Demand in Quebec could rise.",
                   "Hydro-Québec held meetings in Quebec."], "en")
    result = check_translations(source, {"en": (en, one_to_one(3))}, entities, config=NO_NER)
    assert [f for f in result["en"].findings if f.check.startswith("names.")] == []
    # The utility's name copied verbatim still shows the name there: nothing missing.
    en_short = document([en.sentences[0].text, en.sentences[1].text,
                         "Hydro-Québec held meetings."], "en")
    result = check_translations(source, {"en": (en_short, one_to_one(3))}, entities,
                                config=NO_NER)
    assert [f for f in result["en"].findings if f.check == "names.missing"] == []
    # Spelt two ways outside the copies, it is a finding all the same.
    en_mixed = document([en.sentences[0].text, en.sentences[1].text,
                         "Hydro-Québec held meetings in Québec."], "en")
    result = check_translations(source, {"en": (en_mixed, one_to_one(3))}, entities,
                                config=NO_NER)
    assert [f.entity for f in result["en"].findings
            if f.check == "names.inconsistent"] == ["quebec"]


def test_the_translations_own_name_before_the_acronym_shows_a_later_mention() -> None:
    source = document(["Die Gesellschaft Centralny Port Komunikacyjny (CPK) baut den Flughafen.",
                       "Die Opposition wirft Centralny Port Komunikacyjny Verzögerungen vor."],
                      "de")
    ja = document(["国営企業の中央交通ハブ（CPK）が空港を建設する。",
                   "野党は中央交通ハブの遅れを非難している。"], "ja")
    mentions = [mention(source, "cpk", "Komunikacyjny"),
                mention(source, "cpk", "Komunikacyjny", 1)]
    assert named_by_acronym(source, ja, one_to_one(2), mentions) == {("cpk", 0), ("cpk", 1)}
    # A later pair without that name lacks the organisation.
    other = document(["国営企業の中央交通ハブ（CPK）が空港を建設する。",
                      "野党は政府の遅れを非難している。"], "ja")
    assert named_by_acronym(source, other, one_to_one(2), mentions) == {("cpk", 0)}


def test_a_spaced_translations_own_name_is_its_capitalised_words_before_the_acronym() -> None:
    source = document(["The Nepal Mountaineering Association (NMA) backed the rules.",
                       "Its members wrote to the Nepal Mountaineering Association."], "en")
    pt = document(["A Associação de Montanhismo do Nepal (NMA) apoiou as regras.",
                   "Os membros escreveram à Associação de Montanhismo do Nepal."], "pt")
    mentions = [mention(source, "nma", "Nepal Mountaineering Association"),
                mention(source, "nma", "Nepal Mountaineering Association", 1)]
    assert named_by_acronym(source, pt, one_to_one(2), mentions) == {("nma", 0), ("nma", 1)}
    # "do Nepal" alone is no name of the organisation: a lower-case phrase teaches nothing.
    lower = document(["A associação de montanhismo do Nepal (NMA) apoiou as regras.",
                      "Os membros escreveram ao governo do Nepal."], "pt")
    assert named_by_acronym(source, lower, one_to_one(2), mentions) == {("nma", 0)}
