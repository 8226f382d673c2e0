"""Organisations told by the generic noun beside their name (mtcheck.names.heads), and what
that changes for names kept in Latin script."""

from __future__ import annotations

import pytest

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translations, find_entities
from mtcheck.names.evidence import ner_available
from mtcheck.names.heads import headed_in_source, headed_in_target, heads_for, named_organisations
from mtcheck.names.inventory import find_mentions, labels_in_translation
from mtcheck.types import Entity, NameRendering, SegmentedDocument

NO_NER = NamesConfig(use_ner=False)


def document(sentences: list[str], lang: str) -> SegmentedDocument:
    return segmented(lang, sentences, f"{lang}.txt")


def headed(sentence: str, lang: str, name: str) -> bool:
    source = document([sentence], lang)
    mentions = [(m.entity, m.sentence_id, m.start, m.end)
                for m in find_mentions(source, [Entity("e", name, (name,), (0,))])]
    assert mentions
    return "e" in headed_in_source(source, mentions)


@pytest.mark.parametrize(("sentence", "lang", "name"), [
    ("according to the bank Vontobel, sales held up", "en", "Vontobel"),
    ("the Dhaka-based group Nijera Kori said so", "en", "Nijera Kori"),
    ("Swatch Group reported a loss", "en", "Swatch"),          # capitalised: part of the name
    ("Kazatomprom, the state uranium company and the largest producer", "en", "Kazatomprom"),
    ("Gemadept, a port operator, said", "en", "Gemadept"),
    ("nach Angaben der Bank Vontobel", "de", "Vontobel"),
    ("Kritik kommt vom Naturschutzverband Klub Przyrodników", "de", "Przyrodników"),
    ("obliga a la empresa Minera Licancabur a consultar", "es", "Minera Licancabur"),
    ("selon la banque Vontobel", "fr", "Vontobel"),
    ("по данным банка Vontobel", "ru", "Vontobel"),           # inflected: банка
    # A political party is an organisation.
    ("The Inuit Ataqatigiit party, which leads the coalition", "en", "Inuit Ataqatigiit"),
    ("Το κόμμα Inuit Ataqatigiit διχάστηκε", "el", "Inuit Ataqatigiit"),
    ("партия Inuit Ataqatigiit раскололась", "ru", "Inuit Ataqatigiit"),
    ("Die Partei Inuit Ataqatigiit ist gespalten", "de", "Inuit Ataqatigiit"),
    # A public body named by a noun for one.
    ("a decision from An Bord Pleanála, the planning appeals board, by September", "en",
     "An Bord Pleanála"),
    ("Hydrom, the state hydrogen authority, awarded eight blocks", "en", "Hydrom"),
    ("the state utility ESB plans it", "en", "ESB"),
    ("Diageo, which owns the Lagavulin and Caol Ila distilleries, said", "en", "Caol Ila"),
])
def test_a_name_beside_a_generic_noun_for_a_firm_is_an_organisations(
        sentence: str, lang: str, name: str) -> None:
    assert headed(sentence, lang, name)


@pytest.mark.parametrize(("sentence", "lang", "name"), [
    ("Minister Sergei Shoigu said", "en", "Shoigu"),              # a title, not a firm
    ("Sarr, a company spokesman, said", "en", "Sarr"),            # the noun governs another
    ("Ahmadian, who runs a company, said", "en", "Ahmadian"),     # no article: no apposition
    ("Ahmadian, the company's chief, said", "en", "Ahmadian"),
    ("O rio Rovuma marca a fronteira", "pt", "Rovuma"),           # a verb after the name
    ("Der Präsident Emmanuel Macron sprach", "de", "Macron"),
    ("В Rio Tinto утверждают", "ru", "Rio Tinto"),
    ("Party leader Hamid Karzai said", "en", "Karzai"),           # the noun governs another
    # A title that starts like a noun for a body is a person's.
    ("Murphy, the local councillor, said", "en", "Murphy"),
    ("Ahmadian, the trade commissioner, said", "en", "Ahmadian"),
    ("Ahmadian, a board member, said", "en", "Ahmadian"),
])
def test_a_name_without_such_a_noun_beside_it_is_not(sentence: str, lang: str,
                                                     name: str) -> None:
    assert not headed(sentence, lang, name)


def test_a_latin_name_kept_in_a_translation_is_read_with_its_whole_run() -> None:
    target = document(["который компания Rio Tinto разрабатывает"], "ru")
    start = target.sentences[0].text.index("Tinto")
    rendering = NameRendering("rio-tinto", 0, start, start + 5, "Tinto", "Tinto")
    assert headed_in_target(target, [rendering]) == {"rio-tinto"}


def test_chinese_reads_the_noun_written_against_the_name() -> None:
    target = document(["据Vontobel银行称，销售良好。"], "zh")
    start = target.sentences[0].text.index("Vontobel")
    rendering = NameRendering("vontobel", 0, start, start + 8, "Vontobel", "Vontobel")
    assert headed_in_target(target, [rendering]) == {"vontobel"}
    assert heads_for("ja").nouns and not heads_for("xx").nouns


def test_a_bank_kept_in_latin_script_in_russian_is_house_style_not_a_finding() -> None:
    # German source: no recogniser; "Bank Vontobel" has a person's shape (two capitalised
    # words, the last rare), but the noun says it is a bank.
    source = document(["Die Uhren verkaufen sich gut, nach Angaben der Bank Vontobel.",
                       "Vontobel erwartet ein gutes Jahr."], "de")
    ru = document(["Часы продаются хорошо, по данным банка Vontobel.",
                   "Vontobel ожидает хорошего года."], "ru")
    fr = document(["Les montres se vendent bien, selon la banque Vontobel.",
                   "Vontobel attend une bonne année."], "fr")
    entities = find_entities(source, None, NO_NER)
    results = check_translations(source, {"ru": (ru, one_to_one(2)), "fr": (fr, one_to_one(2))},
                                 entities, config=NO_NER)
    assert [f for f in results["ru"].findings if f.check == "names.script"] == []


def test_a_person_left_in_latin_script_is_still_found_beside_a_firm_that_governs_him() -> None:
    # "генеральный директор авиакомпании X": the airline's director, a person; the
    # source writes him as a person (a title before him), with no noun for a firm. A
    # noun beside a name in a translation alone does not outweigh that.
    source = document(["The airline's director Solomon Desta said the airport "
                       "would open in 2029."], "en")
    ru = document(["Генеральный директор авиакомпании Solomon Desta заявил, что аэропорт "
                   "откроется в 2029 году."], "ru")
    entities = find_entities(source, None, NO_NER)
    results = check_translations(source, {"ru": (ru, one_to_one(1))}, entities, config=NO_NER)
    assert [f.entity for f in results["ru"].findings if f.check == "names.script"] == [
        "solomon-desta"]


@pytest.mark.skipif(not ner_available("en"), reason="the optional ner extra is not installed")
def test_a_noun_of_the_english_translation_outweighs_its_person_label() -> None:
    # A French source has no recogniser; the English translation's labels stand in for its
    # own, and the recogniser tags "Kyrgyzaltyn" a person there, though the same sentence
    # calls it a company: the noun of the labelled text says what the name is.
    source = document(["La société d'État Kyrgyzaltyn a publié ses comptes.",
                       "Kyrgyzaltyn exploite la mine."], "fr")
    english = document(["The state-owned company Kyrgyzaltyn published its accounts.",
                        "Kyrgyzaltyn runs the mine."], "en")
    entity = Entity("kyrgyzaltyn", "Kyrgyzaltyn", ("Kyrgyzaltyn",), (0, 1))
    renderings = [NameRendering("kyrgyzaltyn", i, s.text.index("Kyrgyzaltyn"),
                                s.text.index("Kyrgyzaltyn") + 11, "Kyrgyzaltyn", "Kyrgyzaltyn")
                  for i, s in enumerate(english.sentences)]
    mentions = find_mentions(source, [entity])
    assert "kyrgyzaltyn" in named_organisations(source, mentions, [(english, renderings)],
                                                NamesConfig())
    # Without the noun in the English text, the label (a person) outweighs a noun of
    # another translation, as before.
    plain = document(["Kyrgyzaltyn published its accounts.", "Kyrgyzaltyn runs the mine."], "en")
    bare = [NameRendering("kyrgyzaltyn", i, 0, 11, "Kyrgyzaltyn", "Kyrgyzaltyn") for i in (0, 1)]
    spanish = document(["La empresa Kyrgyzaltyn publicó sus cuentas.",
                        "Kyrgyzaltyn explota la mina."], "es")
    in_spanish = [NameRendering("kyrgyzaltyn", 0, 11, 22, "Kyrgyzaltyn", "Kyrgyzaltyn")]
    assert labels_in_translation(plain, bare) == {"kyrgyzaltyn": frozenset({"PERSON"})}
    assert "kyrgyzaltyn" not in named_organisations(
        source, mentions, [(plain, bare), (spanish, in_spanish)], NamesConfig())


def test_a_body_named_by_a_noun_for_one_may_stay_in_latin_script_beside_its_meaning() -> None:
    # "An Bord Pleanála" has the shape of a person's full name; the board beside it says
    # what it is, and Greek keeps it as written, Russian and Chinese gloss their
    # translation of it with it.
    source = document(["Planning", "A decision is expected from An Bord Pleanála, the planning "
                       "appeals board, by September."], "en")
    targets = {
        "el": document(["Πολεοδομία", "Η απόφαση αναμένεται έως τον Σεπτέμβριο από το An Bord "
                        "Pleanála, το όργανο προσφυγών."], "el"),
        "ru": document(["Планирование", "Решение ожидается до сентября от Апелляционного "
                        "совета по планированию (An Bord Pleanála)."], "ru"),
        "zh": document(["规划", "规划上诉委员会（An Bord Pleanála）预计将在9月前作出决定。"], "zh"),
    }
    results = check_translations(source, {lang: (t, one_to_one(2)) for lang, t in targets.items()},
                                 find_entities(source))
    assert {lang: [f.check for f in r.findings if f.check.startswith("names")]
            for lang, r in results.items()} == {"el": [], "ru": [], "zh": []}
