"""Agreement across the translations at hand as evidence that a source span is a name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builders import alignment, one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import (
    NameCheckResult,
    check_translation,
    check_translations,
    find_entities,
)
from mtcheck.names.agreement import (
    Survival,
    agreed,
    heads_common_phrase,
    kept_in_latin,
    kept_there_by_own_script,
    missing_from_most,
    rendered_nowhere,
    rendered_there_by_most,
    survival,
    survives,
    transliterated_by_others,
)
from mtcheck.types import Alignment, Entity, Finding, NameRendering, SegmentedDocument, Severity

# A German source: "Reinagl" is a rare capitalised word, i.e. only weak evidence without a
# German recogniser. It is mentioned once, so no single translation can show that it
# survives translation (two pairs are needed); agreement across translations can.
SOURCE = ["Am Morgen erreichte der Führer Reinagl den Gipfel.",
          "Die Gruppe stieg danach ins Tal ab."]
KEPT = {
    "fr": ["Le guide Reinagl atteignit le sommet au matin.", "Le groupe redescendit ensuite."],
    "en": ["The guide Reinagl reached the summit in the morning.",
           "The group then went down into the valley."],
    "ru": ["Проводник Райнагль утром достиг вершины.", "Затем группа спустилась в долину."],
}
DROPPED_RU = ["Проводник утром достиг вершины.", "Затем группа спустилась в долину."]


def document(sentences: list[str], lang: str) -> SegmentedDocument:
    return segmented(lang, sentences, f"{lang}.txt")


def missing(findings: tuple[Finding, ...]) -> list[tuple[str | None, tuple[int, ...], str]]:
    return [(f.entity, f.target_ids, f.severity.value) for f in findings
            if f.check == "names.missing"]


def run(targets: dict[str, list[str]], config: NamesConfig | None = None
        ) -> dict[str, tuple[Finding, ...]]:
    source = document(SOURCE, "de")
    entities = find_entities(source, None, config)
    results = check_translations(
        source, {lang: (document(t, lang), one_to_one(len(t))) for lang, t in targets.items()},
        entities, config=config)
    return {lang: result.findings for lang, result in results.items()}


def test_name_two_translations_render_is_tracked_in_a_third_that_drops_it() -> None:
    findings = run({"fr": KEPT["fr"], "en": KEPT["en"], "ru": DROPPED_RU})
    # Two translators kept it: a name by agreement, so it is tracked in Russian too. Found
    # nowhere in a translation into another script, its drop is a warning: there a drop
    # and a transliteration the matcher does not read look alike.
    assert missing(findings["ru"]) == [("reinagl", (0,), "warning")]
    assert missing(findings["fr"]) == missing(findings["en"]) == []


def test_name_by_agreement_dropped_from_a_translation_of_the_source_script_is_an_error(
        ) -> None:
    # In a Latin-script translation of a Latin-script source names are copied: the
    # matcher reads them, so a name by agreement found nowhere there is surely absent.
    dropped_es = ["Por la mañana el guía alcanzó la cumbre.", "Después el grupo bajó al valle."]
    findings = run({"fr": KEPT["fr"], "en": KEPT["en"], "es": dropped_es})
    assert missing(findings["es"]) == [("reinagl", (0,), "error")]


def test_one_translation_alone_is_no_agreement() -> None:
    source = document(SOURCE, "de")
    entities = find_entities(source)
    alone = check_translation(source, document(DROPPED_RU, "ru"), one_to_one(2), entities)
    assert missing(alone.findings) == []
    # Nor is a name kept by one translation and dropped by the other.
    assert missing(run({"fr": KEPT["fr"], "ru": DROPPED_RU})["ru"]) == []


def test_agreement_can_be_switched_off() -> None:
    off = NamesConfig(agreement_min_translations=0)
    assert missing(run({"fr": KEPT["fr"], "en": KEPT["en"], "ru": DROPPED_RU}, off)["ru"]) == []


def test_capitalised_word_no_translation_renders_is_no_name() -> None:
    # "Harbourview" (rare, capitalised inside an English sentence) is translated by meaning
    # everywhere: with no translation rendering it, it is not tracked, so not "missing".
    source = document(["The new Harbourview district opened on Monday.",
                       "Residents welcomed it."], "en")
    config = NamesConfig(use_ner=False)
    entities = find_entities(source, None, config)
    assert "harbourview" in {e.id for e in entities}
    targets = {"de": ["Das neue Hafenblick-Viertel wurde am Montag eröffnet.",
                      "Die Bewohner begrüßten es."],
               "fr": ["Le nouveau quartier Vue-du-Port a ouvert lundi.",
                      "Les habitants l'ont salué."]}
    results = check_translations(
        source, {lang: (document(t, lang), one_to_one(2)) for lang, t in targets.items()},
        entities, config=config)
    assert all(missing(r.findings) == [] for r in results.values())


def rendering(entity: str, sentence: int) -> NameRendering:
    return NameRendering(entity=entity, sentence_id=sentence, start=0, end=1, surface="x", base="x")


def entity(entity_id: str, source_ids: tuple[int, ...]) -> Entity:
    return Entity(id=entity_id, canonical=entity_id, source_forms=(entity_id,),
                  source_ids=source_ids)


def test_survival_counts_pairs_and_rendered_pairs() -> None:
    entities = [entity("a", (0, 2)), entity("b", (1,))]
    pairs = alignment(((0,), (0,)), ((1,), ()), ((2,), (1, 2)))
    counts = survival(entities, pairs, [rendering("a", 2), rendering("b", 0)])
    # b's only pair has no target: not counted; a is rendered in one of its two pairs.
    assert counts.pairs == {"a": 2}
    assert counts.rendered == {"a": 1}
    assert counts.anywhere == frozenset({"a", "b"})
    assert survives("a", counts, 0.5) and not survives("a", counts, 0.75)
    assert not survives("b", counts, 0.0)


def test_agreed_needs_enough_translations_and_rendered_nowhere_needs_two() -> None:
    pairs = alignment(((0,), (0,)))
    entities = [entity("a", (0,)), entity("b", (0,))]
    kept = survival(entities, pairs, [rendering("a", 0)])
    lost = survival(entities, pairs, [])
    assert agreed(["a", "b"], [kept, kept, lost], 0.75, 2) == frozenset({"a"})
    assert agreed(["a", "b"], [kept, lost, lost], 0.75, 2) == frozenset()
    assert agreed(["a"], [kept], 0.75, 1) == frozenset()  # one translation never agrees
    assert agreed(["a"], [kept, kept], 0.75, 3) == frozenset()
    assert rendered_nowhere(["a", "b"], [kept, lost]) == frozenset({"b"})
    assert rendered_nowhere(["b"], [lost]) == frozenset()


def test_german_city_with_a_common_name_is_a_name_where_translations_agree() -> None:
    # München is a frequent German word, so the place data alone do not make it a name in
    # a German source; its forms in each translation's language (Munich, Мюнхен) do.
    source = document(["Der Zug fährt künftig schneller von München nach Verona.",
                       "Die Strecke wird ausgebaut."], "de")
    entities = find_entities(source)
    assert "munchen" in {e.id for e in entities}
    targets = {"fr": ["Le train ira plus vite de Munich à Vérone.", "La ligne sera élargie."],
               "ru": ["Поезд будет быстрее ходить из Мюнхена в Верону.",
                      "Линию расширят."],
               "en": ["The train will run faster to Verona.", "The line will be extended."]}
    results = check_translations(
        source, {lang: (document(t, lang), one_to_one(2)) for lang, t in targets.items()},
        entities)
    assert missing(results["en"].findings) == [("munchen", (0,), "error")]
    assert missing(results["fr"].findings) == missing(results["ru"].findings) == []


def test_function_word_that_names_a_town_is_no_candidate() -> None:
    source = document(["Die Gruppe fuhr nach Wien.", "Die Reise dauerte lang."], "de")
    assert [e.canonical for e in find_entities(source)] == ["Wien"]


def test_term_two_other_script_translations_keep_in_latin_is_no_script_or_missing_finding(
) -> None:
    source = document(["The Aedes mosquito spreads dengue in Bolivia.",
                       "Officials want to stop it."], "en")
    config = NamesConfig(use_ner=False)
    entities = find_entities(source, None, config)
    targets = {
        "ru": ["Комар Aedes распространяет денге в Боливии.", "Власти хотят его остановить."],
        "el": ["Το κουνούπι Aedes μεταδίδει τον δάγκειο στη Βολιβία.",
               "Οι αρχές θέλουν να το σταματήσουν."],
        "ja": ["ネッタイシマカはボリビアでデング熱を広めている。", "当局はそれを止めたい。"],
    }

    def names_checks(results: dict[str, NameCheckResult]) -> list[tuple[str, str, str | None]]:
        return [(lang, f.check, f.entity) for lang, r in sorted(results.items())
                for f in r.findings if f.check.startswith("names.")]

    pairs = {lang: (document(t, lang), one_to_one(2)) for lang, t in targets.items()}
    together = check_translations(source, pairs, entities, config=config)
    assert names_checks(together) == []
    # Alone, a Russian translation may keep a term that is no person's name in Latin script,
    # as its press keeps brands (mtcheck.names.brands); a Japanese one that does is a
    # names.script finding.
    alone = check_translations(source, {"ru": pairs["ru"]}, entities, config=config)
    assert names_checks(alone) == []
    ja = document(["Aedesはボリビアでデング熱を広めている。", "当局はそれを止めたい。"], "ja")
    alone = check_translations(source, {"ja": (ja, one_to_one(2))}, entities, config=config)
    assert names_checks(alone) == [("ja", "names.script", "aedes")]


def test_kept_in_latin_counts_translations_writing_only_latin() -> None:
    latin = [rendering("a", 0), NameRendering("b", 0, 0, 1, "Bb", "Bb")]
    mixed = [NameRendering("b", 0, 0, 1, "Бб", "Бб"), NameRendering("b", 1, 0, 1, "Bb", "Bb")]

    def is_latin(text: str) -> bool:
        return text.isascii()

    assert kept_in_latin([latin, latin], is_latin, 2) == frozenset({"a", "b"})
    assert kept_in_latin([latin, mixed], is_latin, 2) == frozenset()
    # Transliterated by one translation: a name two others left in Latin script.
    native = [NameRendering("a", 0, 0, 1, "Аа", "Аа")]
    assert kept_in_latin([latin, latin, native], is_latin, 2) == frozenset({"b"})
    assert kept_in_latin([latin], is_latin, 1) == frozenset()


def _missing_finding(entity: str, sentence: int) -> Finding:
    return Finding("names.missing", Severity.ERROR, f"{entity} is not in the translation",
                   source_ids=(sentence,), target_ids=(sentence,), entity=entity)


def test_name_missing_from_most_translations_is_unrecognised_not_dropped() -> None:
    # "innus" is missing from sentence 0 in four of five translations: the check does not
    # know the form they write it in. "kombo" is missing from one only: a drop.
    reported = {lang: (_missing_finding("innus", 0),) for lang in ("el", "es", "fr", "pt")}
    reported["ko"] = (_missing_finding("kombo", 3),)
    assert missing_from_most(reported, frozenset(), 0.5, 2) == {("innus", 0)}


def test_missing_from_half_or_from_too_few_translations_is_still_reported() -> None:
    half = {"de": (_missing_finding("java", 1),), "fr": (_missing_finding("java", 1),),
            "ru": (), "ja": ()}
    assert missing_from_most(half, frozenset(), 0.5, 2) == frozenset()
    # Two of two translations are "most", but two is not more than the agreement minimum.
    two = {"de": (_missing_finding("java", 1),), "fr": (_missing_finding("java", 1),)}
    assert missing_from_most(two, frozenset(), 0.5, 2) == frozenset()


def test_glossary_names_and_switched_off_rule_keep_every_missing_finding() -> None:
    everywhere = {lang: (_missing_finding("shoigu", 0),) for lang in ("de", "fr", "ru", "ja")}
    assert missing_from_most(everywhere, frozenset({"shoigu"}), 0.5, 2) == frozenset()
    assert missing_from_most(everywhere, frozenset(), 1.0, 2) == frozenset()
    assert missing_from_most(everywhere, frozenset(), 0.5, 0) == frozenset()


def test_name_dropped_by_one_of_four_translations_is_still_reported_end_to_end() -> None:
    findings = run({"fr": KEPT["fr"], "en": KEPT["en"], "ru": DROPPED_RU,
                    "es": ["El guía Reinagl alcanzó la cumbre por la mañana.",
                           "Después el grupo bajó al valle."]})
    assert missing(findings["ru"]) == [("reinagl", (0,), "warning")]


def test_rendered_there_by_most_needs_most_others_and_every_other_script() -> None:
    def counts(pairs: int, rendered: int) -> Survival:
        return Survival(pairs={"a": pairs}, rendered={"a": rendered}, anywhere=frozenset("a"))

    every, some, none = counts(2, 2), counts(2, 1), counts(2, 0)
    scripts = {"ru", "el", "ja"}
    there = rendered_there_by_most({"fr": every, "de": every, "ru": none, "el": every}, 2,
                                   scripts)
    # Three others render it in both pairs for ru, el among them.
    assert there["ru"] == frozenset({"a"})
    # For el, the other translation into another script (ru) lacks it: it may be
    # translated by meaning there, whatever the Latin-script translations keep.
    assert there["el"] == frozenset()
    # Latin-script translations alone do not tell.
    assert rendered_there_by_most({"fr": every, "de": every, "ru": none}, 2,
                                  scripts)["ru"] == frozenset()
    # A translation rendering it in one pair of two does not vote; one vote is too few.
    assert rendered_there_by_most({"el": every, "de": some, "ru": none}, 2,
                                  scripts)["ru"] == frozenset()
    # A translation in a script where a transliteration cannot be told (Hangul) lacking
    # it says little; one into another script must still render it.
    there = rendered_there_by_most({"fr": every, "ko": none, "el": every, "ru": none}, 2,
                                   {"ko", "el", "ru"}, {"ko"})
    assert there["ru"] == frozenset({"a"})
    assert rendered_there_by_most({"fr": every, "de": every, "ko": none, "ru": none}, 2,
                                  {"ko", "ru"}, {"ko"})["ru"] == frozenset()
    # Half of the others is not most of them.
    there = rendered_there_by_most({"el": every, "ja": every, "it": none, "es": none,
                                    "ru": none}, 2, scripts)
    assert there["ru"] == frozenset()


def _rendered(entity: str, surface: str) -> NameRendering:
    return NameRendering(entity, 0, 0, len(surface), surface, surface)


def test_transliterated_by_others_needs_two_others_and_none_keeping_latin() -> None:
    def latin(text: str) -> bool:
        return text.isascii()

    found = {"el": [_rendered("k", "Khanbogd")], "ja": [_rendered("k", "ハンボグド")],
             "ko": [_rendered("k", "한보그드")]}
    agreed_native = transliterated_by_others(found, latin, 2)
    assert agreed_native["el"] == frozenset({"k"})
    # For ja only ko transliterates among the others, and el keeps it in Latin.
    assert agreed_native["ja"] == agreed_native["ko"] == frozenset()
    # Another translation keeping it in Latin script makes it a term some keep so.
    kept = {**found, "ru": [_rendered("k", "Khanbogd")]}
    assert transliterated_by_others(kept, latin, 2)["el"] == frozenset()


TOWN = ["In Khanbogd, the nearest town to the mine, herders say the wells are running dry.",
        "The company denies it."]


def test_a_name_the_others_transliterate_is_left_in_latin_by_a_press_that_keeps_brands(
) -> None:
    source = document(TOWN, "en")
    entities = find_entities(source)
    greek = ["Στο Khanbogd, την πλησιέστερη πόλη στο ορυχείο, οι κτηνοτρόφοι λένε ότι τα "
             "πηγάδια στερεύουν.", "Η εταιρεία το αρνείται."]
    japanese = ["鉱山に最も近い町ハンボグドでは、遊牧民たちが井戸が枯れつつあると話す。",
                "同社はこれを否定している。"]
    korean = ["광산에서 가장 가까운 마을인 한보그드에서는 목축민들이 우물이 말라 가고 있다고 "
              "호소한다.", "회사는 이를 부인한다."]

    def script_findings(targets: dict[str, list[str]]) -> list[tuple[str, str | None]]:
        results = check_translations(
            source, {lang: (document(t, lang), one_to_one(2)) for lang, t in targets.items()},
            entities)
        return [(lang, f.entity) for lang, r in sorted(results.items())
                for f in r.findings if f.check == "names.script"]

    assert script_findings({"el": greek, "ja": japanese, "ko": korean}) == [("el", "khanbogd")]
    # Alone, a Greek translation may keep it as its press keeps brands.
    assert script_findings({"el": greek}) == []


_KEYS = ("ru", "el", "ja", "ko")


@given(st.dictionaries(st.sampled_from(_KEYS),
                       st.lists(st.tuples(st.sampled_from("abc"), st.booleans()), max_size=6),
                       min_size=1))
def test_transliterated_by_others_never_holds_what_another_keeps_in_latin(
        found: dict[str, list[tuple[str, bool]]]) -> None:
    renderings = {key: [_rendered(e, "Name" if latin else "Имя") for e, latin in rows]
                  for key, rows in found.items()}
    agreed_native = transliterated_by_others(renderings, str.isascii, 2)
    for key, ids in agreed_native.items():
        others = [rows for k, rows in found.items() if k != key]
        for entity in ids:
            assert not any(e == entity and latin for rows in others for e, latin in rows)
            assert sum(any(e == entity and not latin for e, latin in rows)
                       for rows in others) >= 2


def test_a_common_word_that_a_town_bears_is_no_name_by_agreement() -> None:
    # Centro names towns in the place data, and Centre, Centro, Центра are its forms there;
    # but it is a common word of the source, translated as one (Zentrum, センター): the
    # translations agree on a word, and no translation lacks a name.
    source = segmented("pt", [
        "O analista do Centro para Democracia e Desenvolvimento falou em Maputo.",
        "A TotalEnergies retomou as obras em Palma."])
    targets = {
        "en": ["The analyst of the Centre for Democracy and Development spoke in Maputo.",
               "TotalEnergies resumed work in Palma."],
        "es": ["El analista del Centro para la Democracia y el Desarrollo habló en Maputo.",
               "TotalEnergies reanudó las obras en Palma."],
        "ru": ["Аналитик Центра демократии и развития выступил в Мапуту.",
               "TotalEnergies возобновила работы в Палме."],
        "de": ["Der Analyst vom Zentrum für Demokratie und Entwicklung sprach in Maputo.",
               "TotalEnergies nahm die Arbeiten in Palma wieder auf."],
        "ja": ["民主主義・開発センターのアナリストがマプトで語った。",
               "トタルエナジーズはパルマで工事を再開した。"]}
    translations = {lang: (segmented(lang, text), one_to_one(2)) for lang, text in targets.items()}
    config = NamesConfig()
    entities = find_entities(source, None, config)
    assert "centro" in {e.id for e in entities}
    results = check_translations(source, translations, entities, config=config)
    assert not [(lang, f.message) for lang, result in results.items() for f in result.findings
                if f.entity == "centro"]


def test_a_place_joined_to_another_place_by_a_conjunction_heads_no_institution() -> None:
    # "Centro para Democracia" opens an institution's name; "Santa Fe y Buenos Aires" joins
    # two places (Buenos alone names none, Buenos Aires does).
    institution = segmented("pt", ["O analista do Centro para Democracia e Desenvolvimento "
                                   "falou."])
    places_joined = segmented("es", ["La Corte ordenó a las provincias de Entre Ríos, Santa "
                                     "Fe y Buenos Aires que presenten un plan."])
    centro = Entity("centro", "Centro", ("Centro",), (0,))
    santa_fe = Entity("santa-fe", "Santa Fe", ("Santa Fe",), (0,))
    assert heads_common_phrase(institution, centro, 3.0)
    assert not heads_common_phrase(places_joined, santa_fe, 3.0)


def test_a_name_the_other_translations_of_its_script_copy_there_is_dropped() -> None:
    # Japanese and Russian write La Chaux-de-Fonds in a form the check cannot read, and
    # French puts another town there: missing from three of five translations. English and
    # Italian copy the name as the source writes it: French lacking it is a drop.
    def sentence(lang: str, text: str) -> tuple[SegmentedDocument, Alignment]:
        return segmented(lang, ["Intro.", text], f"{lang}.txt"), one_to_one(2)

    translations = {
        "en": sentence("en", "She runs a workshop in La Chaux-de-Fonds."),
        "it": sentence("it", "Dirige un laboratorio a La Chaux-de-Fonds."),
        "fr": sentence("fr", "Elle dirige un atelier au Locle."),
        "ja": sentence("ja", "ラ・ショー＝ド＝フォンで工房を営む。"),
        "ru": sentence("ru", "Она руководит мастерской в Ла-Шо-де-Фоне."),
    }
    reported = {lang: (_missing_finding("chaux", 1),) for lang in ("fr", "ja", "ru")}
    forms = {"chaux": ("La Chaux-de-Fonds",)}
    latin = {"en", "it", "fr"}
    kept = kept_there_by_own_script(reported, translations, forms, latin, 2)
    assert kept == {"en": frozenset(), "it": frozenset(), "fr": {("chaux", 1)}}
    # One other translation of the script copying it is no agreement.
    del translations["it"]
    assert kept_there_by_own_script(reported, translations, forms, {"en", "fr"},
                                    2)["fr"] == frozenset()
    # A form inside a longer word is no copy of it.
    translations["it"] = sentence("it", "Dirige un laboratorio a La Chaux-de-Fondsiano.")
    assert kept_there_by_own_script(reported, translations, forms, latin,
                                    2)["fr"] == frozenset()
