"""Organisations and acronyms the stage does not track, found by surviving translation
(mtcheck.names.survivors)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import check_translations, find_entities
from mtcheck.names.survivors import _as_name, _parts, dropped_organisations, source_runs
from mtcheck.types import Finding

SOURCE = ["Sudha Raghavan, an analyst at the Observer Research Foundation in Delhi, spoke.",
          "She called the launch a test of credibility."]
TRACKED = frozenset({"Sudha", "Raghavan", "Delhi"})
KEEPING = {
    "it": ["Sudha Raghavan, analista della Observer Research Foundation di Delhi, ha parlato.",
           "Ha definito il lancio un test di credibilità."],
    "pt": ["Sudha Raghavan, analista da Observer Research Foundation em Deli, falou.",
           "Ela chamou o lançamento de um teste de credibilidade."],
    "el": ["Η Σούντα Ραγκαβάν, αναλύτρια στο Observer Research Foundation στο Δελχί, μίλησε.",
           "Χαρακτήρισε την εκτόξευση δοκιμασία αξιοπιστίας."],
}
REPLACED_DE = ["Sudha Raghavan, Analystin bei der Vivekananda International Foundation in "
               "Delhi, sprach.", "Sie nannte den Start einen Test der Glaubwürdigkeit."]


def run(targets: dict[str, list[str]], source: list[str] = SOURCE, lang: str = "en",
        tracked: frozenset[str] = TRACKED) -> dict[str, list[Finding]]:
    return dropped_organisations(
        segmented(lang, source, "src.txt"),
        {key: (segmented(key, text, f"{key}.txt"), one_to_one(len(text)))
         for key, text in targets.items()}, tracked, {}, NamesConfig())


def test_an_organisation_the_others_keep_is_missing_where_another_stands_in_its_place() -> None:
    found = run({**KEEPING, "de": REPLACED_DE})
    [finding] = found["de"]
    assert (finding.check, finding.severity.value, finding.source_ids) == (
        "names.missing", "warning", (0,))
    assert finding.message.startswith("Observer Research Foundation (sentence #0")
    assert "write Observer there" in finding.message
    assert found["it"] == found["pt"] == found["el"] == []


def test_a_translation_keeping_the_telling_word_translated_the_rest() -> None:
    # "Foundation" is translated; "Observer", the run's rarest surviving word, is there.
    kept = ["Sudha Raghavan, Analystin der Stiftung Observer in Delhi, sprach.", REPLACED_DE[1]]
    assert run({**KEEPING, "de": kept})["de"] == []


def test_one_other_translation_keeping_it_is_no_agreement() -> None:
    assert run({"it": KEEPING["it"], "de": REPLACED_DE})["de"] == []


def test_translations_into_scripts_that_write_organisations_by_meaning_are_not_judged() -> None:
    zh = ["分析师苏达·拉加万在德里的研究机构发言。", "她称这次发射是一次信誉考验。"]
    ko = ["델리 연구재단의 분석가 수다 라가반이 발언했다.", "그는 이번 발사를 신뢰도 시험이라고 했다."]
    found = run({**KEEPING, "zh": zh, "ko": ko})
    assert found["zh"] == found["ko"] == []


def test_a_run_holding_a_tracked_name_is_left_to_that_names_checks() -> None:
    # Siobhan is the given name of the tracked O'Donnell: a name the stage judges itself.
    source = ["Engineer Siobhan O'Donnell said the canal would open in May.", "Work began."]
    others = {
        "it": ["L'ingegnera Siobhan O'Donnell ha detto che il canale aprirà a maggio.", "Via."],
        "pt": ["A engenheira Siobhan O'Donnell disse que o canal abre em maio.", "Começou."],
        "es": ["La ingeniera Siobhan O'Donnell dijo que el canal abrirá en mayo.", "Empezó."],
    }
    ru = ["Инженер О'Доннелл сказала, что канал откроется в мае.", "Работы начались."]
    assert run({**others, "ru": ru}, source, tracked=frozenset({"O'Donnell"}))["ru"] == []
    assert run({**others, "ru": ru}, source, tracked=frozenset())["ru"] != []


def test_a_name_of_common_words_the_translations_translate_does_not_survive() -> None:
    # Banque, Banco, Bank: translated words of their languages, no name kept as written.
    source = ["The loan came from the World Bank last year.", "Prices rose."]
    targets = {
        "fr": ["Le prêt venait de la Banque asiatique de développement l'an dernier.", "Ok."],
        "es": ["El préstamo vino del Banco Mundial el año pasado.", "Subieron."],
        "it": ["Il prestito è arrivato dalla Banca Mondiale l'anno scorso.", "Salì."],
        "pt": ["O empréstimo veio do Banco Mundial no ano passado.", "Subiram."],
    }
    assert run(targets, source, tracked=frozenset())["fr"] == []


def test_a_headline_is_not_judged() -> None:
    source = ["Observer Research Foundation Praises Launch", "Analysts spoke."]
    assert source_runs(segmented("en", source), frozenset()) == []


def test_and_parts_two_names_each_judged_alone() -> None:
    source = ["Aircraft of Yeti Airlines and Tara Air fly to Lukla.", "Fog closes it."]
    runs = source_runs(segmented("en", source), frozenset({"Tara", "Air", "Lukla"}))
    assert [(r.text, r.words) for r in runs] == [("Yeti Airlines", ("Yeti", "Airlines"))]


@pytest.mark.parametrize(("surface", "word", "lang", "expected"), [
    ("Observer", "Observer", "pt", True),     # borrowed: far rarer in Portuguese than English
    ("Bahn", "Bahn", "fr", True),             # rare in French
    ("Banque", "Bank", "fr", False),          # a word of French
    ("observer", "Observer", "fr", False),    # a French verb
])
def test_a_rendering_counts_as_the_name_kept_when_it_is_rare_or_borrowed(
        surface: str, word: str, lang: str, expected: bool) -> None:
    assert _as_name(surface, word, lang, "en", 3.0) is expected


# ----------------------------------------------------------------------------- acronyms
ACRONYM_SOURCE = ["Anna Lindqvist, a manager at the retailer H&M, said talks went on.",
                  "No contract was signed."]
ACRONYM_KEEPING = {
    "ja": ["小売大手H&Mの担当者アンナ・リンドクヴィストは、協議は続いていると述べた。", "契約はない。"],
    "ru": ["Анна Линдквист, менеджер ритейлера H&M, сказала, что переговоры идут.", "Нет."],
    "zh": ["零售商H&M的经理安娜·林德奎斯特表示谈判仍在继续。", "尚未签约。"],
}


def test_an_ampersand_acronym_the_others_keep_is_missing_in_any_script() -> None:
    ko = ["한 소매업체의 관리자 안나 린드크비스트는 협상이 계속되고 있다고 말했다.", "계약은 없다."]
    found = run({**ACRONYM_KEEPING, "ko": ko}, ACRONYM_SOURCE, tracked=frozenset())
    [finding] = found["ko"]
    assert "H&M" in finding.message and finding.source_ids == (0,)
    assert found["ja"] == found["ru"] == found["zh"] == []


EBRD_SOURCE = ["The plant was built with a loan from the European Bank for Reconstruction and "
               "Development (EBRD).", "It opened in May."]
EBRD_OTHERS = {
    "es": ["La planta se construyó con un préstamo del Banco Europeo de Reconstrucción y "
           "Desarrollo (BERD).", "Abrió en mayo."],
    "ru": ["Завод построен на кредит Европейского банка реконструкции и развития (ЕБРР).",
           "Он открылся в мае."],
    "ja": ["工場は欧州復興開発銀行（EBRD）の融資で建設された。", "5月に開業した。"],
}


def test_an_acronym_the_others_write_or_localise_is_missing_from_a_latin_translation() -> None:
    fr = ["L'usine a été construite en partie grâce à un prêt bancaire.", "Elle a ouvert en mai."]
    found = run({**EBRD_OTHERS, "fr": fr}, EBRD_SOURCE, tracked=frozenset())
    [finding] = found["fr"]
    assert finding.message.startswith(
        "European Bank for Reconstruction and Development (EBRD) (sentence #0")
    # Their own acronyms (BERD, ЕБРР) are the name there: nothing to report.
    assert found["es"] == found["ru"] == found["ja"] == []


def test_a_translation_writing_its_own_acronym_localised_it() -> None:
    fr = ["L'usine a été construite grâce à un prêt de la Banque européenne pour la "
          "reconstruction et le développement (BERD).", "Elle a ouvert en mai."]
    assert run({**EBRD_OTHERS, "fr": fr}, EBRD_SOURCE, tracked=frozenset())["fr"] == []


def test_a_plain_acronym_is_not_judged_in_han_or_hangul_script() -> None:
    # Such a translation writes the name by meaning and often leaves the acronym out.
    zh = ["该工厂部分依靠欧洲复兴开发银行的贷款建成。", "五月开业。"]
    assert run({**EBRD_OTHERS, "zh": zh}, EBRD_SOURCE, tracked=frozenset())["zh"] == []


def test_a_demonym_of_a_place_the_source_names_is_no_word_to_match() -> None:
    source = ["Die Tiroler Anrainer klagten über den Verkehr in Tirol.", "Es gab Proteste."]
    runs = source_runs(segmented("de", source), frozenset())
    assert [r.words for r in runs] == [("Anrainer",)]


@given(st.lists(st.lists(st.sampled_from(["Yeti", "Airlines", "Tara", "Air", "Bank", "of"]),
                         min_size=1, max_size=4).map(" ".join), min_size=1, max_size=4),
       st.integers(min_value=0, max_value=50))
def test_the_parts_between_ands_are_the_runs_pieces(pieces: list[str], offset: int) -> None:
    run = " and ".join(pieces)
    text = " " * offset + run
    assert [text[start:end] for start, end in _parts(run, offset)] == pieces


def test_the_names_stage_reports_it_beside_its_own_findings() -> None:
    source = segmented("en", SOURCE, "src.txt")
    targets = {key: (segmented(key, text, f"{key}.txt"), one_to_one(len(text)))
               for key, text in {**KEEPING, "de": REPLACED_DE}.items()}
    config = NamesConfig(use_ner=False)
    results = check_translations(source, targets, find_entities(source, None, config),
                                 config=config)
    missing = [f for f in results["de"].findings if f.check == "names.missing"]
    assert [(f.source_ids, "Observer" in f.message) for f in missing] == [((0,), True)]
    assert not [f for key in KEEPING for f in results[key].findings
                if f.check == "names.missing"]
