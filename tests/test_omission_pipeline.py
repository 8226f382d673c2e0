"""The omission check end to end: evaluate, config, report highlight."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import lxml.html
import pytest

from mtcheck.config import Config, load_config
from mtcheck.corpus import load_corpus
from mtcheck.errors import ConfigError
from mtcheck.pipeline import evaluate
from mtcheck.report import render_pages
from mtcheck.types import RunResult
from omission_fixtures import CLAUSE_DROPPED, GERMAN_WITHOUT_CLAUSE, SOURCE

NO_BT = dataclasses.replace(
    Config(), backtranslation=dataclasses.replace(Config().backtranslation, enabled=False))


def corpus(tmp_path: Path) -> Path:
    (tmp_path / "manifest.toml").write_text(
        '[document]\nid = "visit"\nsource_language = "en"\nsource = "source.en.txt"\n'
        'has_title = false\n\n[translations]\nde = "translations/de.txt"\n', encoding="utf-8")
    (tmp_path / "source.en.txt").write_text("\n".join(SOURCE) + "\n", encoding="utf-8")
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "de.txt").write_text(
        "\n".join(GERMAN_WITHOUT_CLAUSE) + "\n", encoding="utf-8")
    return tmp_path


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return evaluate(load_corpus(corpus(tmp_path_factory.mktemp("c"))), NO_BT)


def test_evaluate_reports_the_dropped_clause(run: RunResult) -> None:
    [result] = run.translations
    partial = [f for f in result.findings if f.check == "omission.partial"]
    assert [f.source_ids for f in partial] == [(CLAUSE_DROPPED,)]
    assert [f for f in result.findings if f.check == "align.omission"] == []


def test_a_pair_with_a_partial_omission_is_never_confident(run: RunResult) -> None:
    [result] = run.translations
    cap = NO_BT.omission.confidence_cap
    [pair] = [p for p in result.alignment.pairs if CLAUSE_DROPPED in p.source_ids]
    assert pair.confidence <= cap
    # The other pairs keep the aligner's own confidence, most of them above the cap.
    others = [p.confidence for p in result.alignment.pairs if CLAUSE_DROPPED not in p.source_ids]
    assert sum(c > cap for c in others) > len(others) / 2


def test_the_report_marks_the_missing_clause_in_the_source_column(run: RunResult) -> None:
    page = render_pages(run)["de.html"]
    # The clause may be cut into several runs (a number inside it is marked too).
    marks = lxml.html.fromstring(page).xpath("//mark[contains(@class, 'sev-warning')]")
    marked = "".join(m.text_content() for m in marks)
    assert "which will link the two capitals by 2028," in marked
    assert "The new railway line" not in marked


def test_the_check_is_configured_in_its_own_table(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[omission]\nthreshold = 9.5\nenabled = false\n", encoding="utf-8")
    config = load_config(path)
    assert (config.omission.threshold, config.omission.enabled) == (9.5, False)
    path.write_text("[omission]\nthreshhold = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="threshhold"):
        load_config(path)


def test_switched_off_it_leaves_the_aligner_findings_alone(tmp_path: Path) -> None:
    config = dataclasses.replace(NO_BT, omission=dataclasses.replace(NO_BT.omission,
                                                                     enabled=False))
    [result] = evaluate(load_corpus(corpus(tmp_path)), config).translations
    assert not [f for f in result.findings if f.check == "omission.partial"]


def test_a_run_leaves_no_readings_of_its_texts_behind(tmp_path: Path) -> None:
    from mtcheck.omission import support

    folder = corpus(tmp_path)
    first = evaluate(load_corpus(folder), NO_BT)
    # The stage read the document's texts many times; the run forgot them after the stage.
    assert support.index_target.cache_info().currsize == 0
    assert support.word_key.cache_info().currsize == 0
    # ... and a run that starts from nothing finds the same.
    again = evaluate(load_corpus(folder), NO_BT)
    assert [t.findings for t in again.translations] == [t.findings for t in first.translations]


def test_the_collector_waits_until_the_documents_readings_are_dropped(tmp_path: Path,
                                                                      monkeypatch) -> None:
    import gc

    from mtcheck import pipeline

    states = []

    def recording() -> None:
        states.append(gc.isenabled())
        clear()

    clear = pipeline.clear_text_caches
    monkeypatch.setattr(pipeline, "clear_text_caches", recording)
    was = gc.isenabled()
    gc.enable()
    try:
        evaluate(load_corpus(corpus(tmp_path)), NO_BT)
        assert states == [False]  # paused while the readings were kept
        assert gc.isenabled()     # and on again after
    finally:
        if not was:
            gc.disable()
