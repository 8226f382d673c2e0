"""Tests of mtcheck.report: the pages show the run's numbers, labels and evidence, escaped."""

from __future__ import annotations

import copy
import dataclasses
import re
from importlib import resources
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck.report import render_pages, write_reports
from mtcheck.report.findings_view import FindingView
from mtcheck.report.highlight import IssueMark, NameMark, SentencePiece, reveal, split_sentence
from mtcheck.report.language_view import language_info
from mtcheck.report.links import entity_anchors, page_names
from mtcheck.report.scores_view import segment_score
from mtcheck.report.view import build_view
from mtcheck.types import RunResult, TranslationResult
from report_fixtures import make_run

HOSTILE_SCRIPT = "<script>alert(1)</script>"
HOSTILE_ATTR = '"><img src=x onerror=alert(1)>'
RLO = "\u202e"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(make_run())


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(html)


def text_of(element: lxml.html.HtmlElement) -> str:
    """Visible text with whitespace collapsed; a <br> counts as a space."""
    element = copy.deepcopy(element)
    for br in element.iter("br"):
        br.tail = " " + (br.tail or "")
    return re.sub(r"\s+", " ", element.text_content()).strip()


# --------------------------------------------------------------------------- pages
def test_render_pages_names_every_page_in_a_stable_order(pages: dict[str, str]) -> None:
    assert list(pages) == ["index.html", "ru.html", "ja.html", "names.html"]
    for html in pages.values():
        assert html.startswith("<!DOCTYPE html>")


def test_rendering_is_deterministic() -> None:
    assert render_pages(make_run()) == render_pages(make_run())


def test_pages_are_self_contained(pages: dict[str, str]) -> None:
    for name, html in pages.items():
        doc = tree(html)
        assert not doc.xpath("//script[@src]"), name
        assert not doc.xpath("//link[@rel='stylesheet']"), name
        assert "http://" not in html.replace("http://www.w3.org/2000/svg", ""), name
        assert "https://" not in html, name


@pytest.mark.parametrize(
    ("lang", "column", "expected"),
    [
        ("ru", "BLEU", "34.6 [30.1–39.9]"),
        ("ru", "chrF", "58.2 [52.0–63.3]"),
        ("ru", "chrF++", "55.4 [50.2–60.1]"),
        ("ru", "TER", "48.7 [41.0–55.5]"),
        ("ja", "BLEU", "21.3 [17.0–25.2]"),
        ("ja", "TER", "—"),
    ],
)
def test_overview_shows_reference_scores_with_ci(
    pages: dict[str, str], lang: str, column: str, expected: str
) -> None:
    doc = tree(pages["index.html"])
    headers = [text_of(th) for th in doc.xpath("//table[@id='overview']/thead/tr[2]/th")]
    row = doc.xpath(f"//table[@id='overview']/tbody/tr[@data-lang='{lang}']")[0]
    cells = row.xpath("./th|./td")
    # The first header row spans the language column, so row cells are shifted by one.
    assert text_of(cells[1 + headers.index(column)]) == expected


def test_overview_labels_roundtrip_scores_as_estimates(pages: dict[str, str]) -> None:
    doc = tree(pages["index.html"])
    group = doc.xpath("//table[@id='overview']/thead/tr[1]/th[contains(., 'Round-trip')]")[0]
    assert "estimate" in text_of(group)
    ru = text_of(doc.xpath("//tr[@data-lang='ru']")[0])
    assert "71.9 [66.0–77.2]" in ru
    assert "0.912 [0.880–0.940]" in ru
    status = doc.xpath("//tr[@data-lang='ja']/td[contains(@class,'rt-status')]")[0]
    assert text_of(status) == "not evaluated whyno model for ja"  # summary, then the reason
    assert text_of(status.xpath(".//summary")[0]) == "why"


def test_overview_shows_coverage_counts_and_gate(pages: dict[str, str]) -> None:
    doc = tree(pages["index.html"])
    ru = [text_of(c) for c in doc.xpath("//tr[@data-lang='ru']/td")]
    ja = [text_of(c) for c in doc.xpath("//tr[@data-lang='ja']/td")]
    assert "80.0%" in ru and "100.0%" in ja
    # error, warning, info, total (+ suppressed), gate
    assert ru[-5:] == ["3", "0", "1", "4 (+1 suppressed)", "✖ fail"]
    assert ja[-5:] == ["2", "1", "0", "3", "✖ fail"]
    assert "Quality gate: ✖ failed" in text_of(doc.xpath("//*[@id='gate-summary']")[0])
    gate_rows = [
        [text_of(c) for c in r.xpath("./td")]
        for r in doc.xpath("//table[@id='gate-checks']/tbody/tr")
    ]
    assert gate_rows[0][:5] == ["✖ fail", "ja", "reference.chrF.min", "40.05", "50"]
    assert gate_rows[1][-1] == "3 errors > 0 (#0, #1)"
    assert gate_rows[-1][:2] == ["✔ pass", "ru"]


def test_overview_links_name_matrix_and_source_findings(pages: dict[str, str]) -> None:
    doc = tree(pages["index.html"])
    callout = doc.xpath("//*[@id='names-callout']")[0]
    assert callout.xpath(".//a[@href='names.html']")
    assert "4 name problems" in text_of(callout)
    source = text_of(doc.xpath("//h2[@id='source-findings']/following-sibling::ul[1]")[0])
    assert "names.source-inconsistent" in source
    assert "The source spells Bagheri once as Baghery" in source


def test_overview_counts_findings_by_check(pages: dict[str, str]) -> None:
    doc = tree(pages["index.html"])
    rows = {
        text_of(r.xpath("./th")[0]).split()[0]: [text_of(c) for c in r.xpath("./td")][1:]
        for r in doc.xpath("//table[@id='by-check']/tbody/tr")
    }
    assert rows["names.inconsistent"] == ["1", "0", "0"]
    assert rows["align.addition"] == ["0", "1", "0"]
    assert rows["names.source-inconsistent"] == ["0", "0", "1"]
    assert "names.script" not in rows  # only suppressed


def test_overview_charts_are_inline_svg_with_text_alternatives(pages: dict[str, str]) -> None:
    doc = tree(pages["index.html"])
    for chart_id in ("chart-scores", "chart-findings"):
        svg = doc.xpath(f"//figure[@id='{chart_id}']/svg")[0]
        assert svg.get("role") == "img"
        assert svg.xpath("./title") and svg.xpath("./desc")
    scores = text_of(doc.xpath("//figure[@id='chart-scores']")[0])
    assert "58.2" in scores and "71.9" in scores and "40.0" in scores
    findings = text_of(doc.xpath("//figure[@id='chart-findings']")[0])
    assert "3 error, 1 info" in findings and "2 error, 1 warning" in findings


def test_overview_signature_block(pages: dict[str, str]) -> None:
    doc = tree(pages["index.html"])
    signature = text_of(doc.xpath("//dl[@class='sig']")[0])
    for expected in (
        "sha256:0123abcd",
        "regex-v1",
        "dp-length+anchors",
        "Helsinki-NLP/opus-mt-ru-en@abc123",
        "nrefs:1|c:6|w:0|v:2.6.0",
        "2026-11-28T12:00:00Z",
    ):
        assert expected in signature


def _rows(html: str) -> list[lxml.html.HtmlElement]:
    return list(tree(html).xpath("//table[@id='segments']/tbody/tr"))


def test_translation_page_shows_alignment_shapes(pages: dict[str, str]) -> None:
    ru = [text_of(r.xpath("./th")[0]) for r in _rows(pages["ru.html"])]
    # No "conf. 0.97" jargon on the row: the confidence is explained in the tooltip.
    assert ru == ["0 1–1", "1 ⇆ merged 2–1", "2 1–1", "3 ⊘ omitted"]
    merged_help = _rows(pages["ru.html"])[1].xpath("./th")[0].get("title")
    assert merged_help.startswith("2 source sentences aligned to 1 translation sentence;")
    assert "alignment confidence 0.81 (0 to 1): how sure the aligner is" in merged_help
    assert "conf." not in pages["ru.html"]
    ja = [text_of(r.xpath("./th")[0]) for r in _rows(pages["ja.html"])]
    assert ja[1] == "1 ⇆ split 1–2" and ja[5] == "5 ⊕ added"
    omitted = _rows(pages["ru.html"])[3]
    assert "not translated (omitted)" in text_of(omitted.xpath("./td[@class='tgt']")[0])
    added = _rows(pages["ja.html"])[5]
    assert "no source sentence" in text_of(added.xpath("./td[@class='src']")[0])


def test_translation_page_shows_merged_sentences_and_glue(pages: dict[str, str]) -> None:
    merged = _rows(pages["ru.html"])[1]
    assert [s.get("id") for s in merged.xpath("./td[@class='src']/span[@class='sent']")] == [
        "s-1", "s-2"
    ]
    glued = tree(pages["ru.html"]).xpath("//span[@id='t-2']")[0]
    assert "glued" in text_of(glued.xpath(".//span[contains(@class,'tag-glued')]")[0])


def test_translation_page_shows_backtranslation_and_scores(pages: dict[str, str]) -> None:
    row = _rows(pages["ru.html"])[1]
    cells = row.xpath("./td")
    assert text_of(cells[2]) == "He met Bagheri at the ministry, the talks lasted 4 hours."
    badges = {b.get("data-key"): b for b in row.xpath(".//span[contains(@class,'score ')]")}
    assert text_of(badges["reference.chrF"]) == "ref chrF 61.3"
    assert badges["reference.chrF"].get("data-value") == "61.3"
    assert "score-3" in badges["reference.chrF"].get("class")
    assert text_of(badges["roundtrip.chrF"]) == "round-trip chrF 72.5"
    # Japanese has no back-translation: no such column.
    assert "Back-translation" not in text_of(tree(pages["ja.html"]).xpath("//thead")[0])


@pytest.mark.parametrize(
    ("value", "bucket"), [(0.0, 0), (12.5, 0), (38.2, 1), (45.5, 2), (70.0, 3), (95.0, 4), (100.0, 4)]
)
def test_segment_score_buckets(value: float, bucket: int) -> None:
    assert segment_score("reference.chrF", value).bucket == bucket


def test_lower_is_better_and_unit_scale_metrics_are_bucketed_the_right_way() -> None:
    assert segment_score("reference.TER", 5.0).bucket == 4
    assert segment_score("roundtrip.semantic", 0.95).bucket == 4
    assert segment_score("roundtrip.semantic", 0.95).display == "0.950"


def test_names_are_linked_and_variants_stand_out(pages: dict[str, str]) -> None:
    doc = tree(pages["ru.html"])
    first = doc.xpath("//span[@id='t-0']//a[contains(@class,'name')]")
    assert [(text_of(a), a.get("href")) for a in first] == [
        ("Шойгу", "names.html#e-shoigu"),
        ("Тегеран", "names.html#e-tehran"),
    ]
    assert "name-variant" not in first[0].get("class")
    variant = doc.xpath("//span[@id='t-2']//a[contains(@class,'name')]")[0]
    assert "name-variant" in variant.get("class")
    assert text_of(variant) == "Шойга ≠ variant"
    assert "inconsistent variant (intended: Шойгу)" in variant.get("title")
    source_names = doc.xpath("//span[@id='s-0']//a[contains(@class,'name')]")
    assert [text_of(a) for a in source_names] == ["Shoigu", "Tehran"]


def test_glossary_and_missing_names_are_tagged(pages: dict[str, str]) -> None:
    doc = tree(pages["ja.html"])
    shoigu = doc.xpath("//span[@id='t-0']//a[contains(@class,'name')]")[0]
    assert "name-glossary" in shoigu.get("class")
    assert "glossary form ショイグ氏" in shoigu.get("title")
    tehran = doc.xpath("//span[@id='s-0']//a[@href='names.html#e-tehran']")[0]
    assert "name-missing" in tehran.get("class")
    assert text_of(tehran) == "Tehran ✖ missing"


def test_number_findings_are_marked_in_both_sentences(pages: dict[str, str]) -> None:
    doc = tree(pages["ru.html"])
    source_mark = doc.xpath("//span[@id='s-2']//mark")[0]
    target_mark = doc.xpath("//span[@id='t-1']//mark")[0]
    assert text_of(source_mark) == "3" and text_of(target_mark) == "4"
    assert "Number 3 in the source became 4" in target_mark.get("title")
    assert target_mark.get("tabindex") == "0"


def test_flags_are_focusable_with_accessible_tooltips(pages: dict[str, str]) -> None:
    doc = tree(pages["ru.html"])
    row = _rows(pages["ru.html"])[3]
    flag = row.xpath(".//span[contains(@class,'flag')]")[0]
    assert flag.get("tabindex") == "0"
    assert "Source sentence 4 has no counterpart" in flag.get("title")
    tip = doc.xpath(f"//*[@id='{flag.get('aria-describedby')}']")[0]
    assert tip.get("role") == "tooltip"
    assert text_of(tip) == "Source sentence 4 has no counterpart"
    assert text_of(flag).startswith("✖ error: Source sentence not translated")


def test_rows_record_whether_they_have_findings(pages: dict[str, str]) -> None:
    assert [r.get("data-findings") for r in _rows(pages["ja.html"])] == [
        "1", "1", "0", "1", "0", "1"
    ]


def test_suppressed_findings_are_shown_as_such_but_not_counted(pages: dict[str, str]) -> None:
    doc = tree(pages["ru.html"])
    suppressed = doc.xpath("//li[contains(@class,'suppressed')]")
    assert len(suppressed) == 1 and "(suppressed)" in text_of(suppressed[0])
    counts = {
        text_of(r.xpath("./th")[0]): text_of(r.xpath("./td")[0])
        for r in doc.xpath("//table[@id='page-counts']/tbody/tr")
    }
    assert counts == {"✖ error": "3", "▲ warning": "0", "ℹ info": "1", "suppressed": "1"}


def test_name_matrix(pages: dict[str, str]) -> None:
    doc = tree(pages["names.html"])
    rows = {r.get("id"): r for r in doc.xpath("//table[@id='names']/tbody/tr")}
    assert list(rows) == ["e-shoigu", "e-tehran", "e-bagheri"]
    ru_shoigu, ja_shoigu = rows["e-shoigu"].xpath("./td")[1:]
    assert [text_of(li) for li in ru_shoigu.xpath(".//li")] == ["Шойгу ×1", "Шойга ×1 ≠ variant"]
    assert "2 variants" in text_of(ru_shoigu)
    assert ru_shoigu.xpath(".//a")[0].get("href") == "ru.html#t-0"
    assert "glossary: ショイグ氏" in text_of(ja_shoigu)
    assert "≠ not glossary" in text_of(ja_shoigu)
    ja_tehran = rows["e-tehran"].xpath("./td")[2]
    assert "✖ missing" in text_of(ja_tehran) and "cell-missing" in ja_tehran.get("class")
    assert text_of(rows["e-bagheri"].xpath("./td")[0]) == "1"  # the source finding
    assert ja_tehran.get("lang") == "ja"


def test_cells_carry_language_and_direction(pages: dict[str, str]) -> None:
    doc = tree(pages["ja.html"])
    target = doc.xpath("//td[@class='tgt']")[0]
    assert target.get("lang") == "ja" and target.get("dir") == "ltr"
    assert all(s.get("dir") == "auto" for s in doc.xpath("//span[@class='sent']"))


def test_templates_never_mark_text_safe() -> None:
    templates = resources.files("mtcheck.report").joinpath("templates")
    for template in templates.iterdir():
        assert "|safe" not in template.read_text("utf-8").replace(" ", ""), template.name
        assert "autoescape false" not in template.read_text("utf-8"), template.name


# --------------------------------------------------------------------------- hostile input
def _hostile_run() -> RunResult:
    hostile = f"Шойгу {HOSTILE_SCRIPT} {HOSTILE_ATTR} {RLO}gnp.exe"
    run = make_run(source_path=f"{HOSTILE_ATTR}{HOSTILE_SCRIPT}.txt", ru_first_sentence=hostile)
    return dataclasses.replace(run, document_id=HOSTILE_SCRIPT)


def test_hostile_text_renders_as_inert_text() -> None:
    for name, html in render_pages(_hostile_run()).items():
        assert "<script>alert" not in html, name
        assert "<img src=x" not in html, name
        assert "onerror=alert(1)>" not in html, name
        assert RLO not in html, name
        assert html.count("<script>") == 1, name  # the page's own script
    ru = render_pages(_hostile_run())["ru.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in ru
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in ru
    doc = tree(ru)
    sentence = text_of(doc.xpath("//span[@id='t-0']")[0])
    assert HOSTILE_SCRIPT in sentence and HOSTILE_ATTR in sentence
    assert "[RLO]gnp.exe" in sentence
    assert not doc.xpath("//img")
    control = doc.xpath("//span[@id='t-0']//span[@class='ctl']")[0]
    assert "U+202E" in control.get("title")


def test_hostile_language_code_gives_a_safe_file_name() -> None:
    run = make_run()
    odd = dataclasses.replace(run.translations[1], lang="../<x>")
    run = dataclasses.replace(run, translations=(run.translations[0], odd, odd))
    names = page_names(run)
    assert names == {0: "ru.html", 1: "x.html", 2: "x-2.html"}
    pages = render_pages(run)
    assert list(pages) == ["index.html", "ru.html", "x.html", "x-2.html", "names.html"]
    assert "<x>" not in pages["index.html"]


# --------------------------------------------------------------------------- view helpers
@given(st.text())
def test_reveal_keeps_all_text(text: str) -> None:
    assert "".join(p.text for p in reveal(text)) == text


def _finding(uid: str) -> FindingView:
    return FindingView(uid, "numbers.mismatch", "t", "error", "✖", "m", False, None, None, None,
                       (), (), None, False)


offsets = st.tuples(st.integers(-3, 40), st.integers(-3, 40))
name_marks = st.lists(offsets.map(lambda t: NameMark(t[0], t[1], "e-x")), max_size=6)
issue_marks = st.lists(offsets.map(lambda t: IssueMark(t[0], t[1], _finding("f"))), max_size=6)


def _runs(pieces: tuple[SentencePiece, ...]) -> list[tuple[str | None, str, int, bool]]:
    return [
        (p.entity_anchor, "".join(t.text for t in p.pieces), len(p.findings), p.show_tag)
        for p in pieces
    ]


@given(st.text(max_size=30), name_marks, issue_marks)
def test_split_sentence_keeps_all_text_in_order(
    text: str, names: list[NameMark], issues: list[IssueMark]
) -> None:
    pieces = split_sentence(text, names, issues)
    assert "".join(t.text for p in pieces for t in p.pieces) == text
    assert all(p.pieces for p in pieces)


def test_split_sentence_ignores_spans_outside_the_text() -> None:
    names = [NameMark(2, 9, "e-x"), NameMark(-1, 1, "e-y"), NameMark(1, 1, "e-z")]
    assert _runs(split_sentence("abc", names, [IssueMark(3, 4, _finding("f"))])) == [
        (None, "abc", 0, False)
    ]


def test_split_sentence_keeps_the_first_of_overlapping_names() -> None:
    names = [NameMark(1, 4, "e-a"), NameMark(2, 5, "e-b"), NameMark(4, 6, "e-c")]
    assert _runs(split_sentence("abcdef", names)) == [
        (None, "a", 0, False), ("e-a", "bcd", 0, True), ("e-c", "ef", 0, True)
    ]


def test_finding_spans_never_split_a_name() -> None:
    # A span ending inside "Israel" ("Is|rael") or starting inside a name grows to cover it.
    names = [NameMark(0, 3, "e-p"), NameMark(7, 9, "e-i")]
    issues = [IssueMark(0, 8, _finding("f1")), IssueMark(2, 5, _finding("f2"))]
    assert _runs(split_sentence("abcdefghij", names, issues)) == [
        ("e-p", "abc", 2, True),
        (None, "de", 2, False),
        (None, "fg", 1, False),
        ("e-i", "hi", 1, True),
        (None, "j", 0, False),
    ]


@given(st.integers(0, 12), st.integers(1, 12), st.integers(0, 11), st.integers(1, 12))
def test_no_name_is_ever_cut_by_a_finding_span(name_start: int, name_len: int,
                                               span_start: int, span_len: int) -> None:
    text = "abcdefghijklmnopqrstuvwxyz"
    names = [NameMark(name_start, name_start + name_len, "e-n")]
    issues = [IssueMark(span_start, span_start + span_len, _finding("f"))]
    pieces = split_sentence(text, names, issues)
    named = [p for p in pieces if p.entity_anchor]
    assert len(named) <= 1  # the name is one run: no finding boundary inside it
    assert "".join(piece.text for p in pieces for piece in p.pieces) == text


def test_entity_anchors_are_unique_and_safe() -> None:
    run = make_run()
    entities = (*run.entities, dataclasses.replace(run.entities[0], id="shoigu!"))
    anchors = entity_anchors(dataclasses.replace(run, entities=entities))
    assert anchors["shoigu"] == "e-shoigu" and anchors["shoigu!"] == "e-shoigu-2"


def test_unknown_language_code_falls_back_to_the_code() -> None:
    info = language_info("xx-unknown")
    assert (info.name, info.direction) == ("xx-unknown", "auto")
    assert language_info("ja").native == "日本語"


def test_a_run_without_translations_or_names_renders() -> None:
    run = dataclasses.replace(make_run(), translations=(), entities=(), source_findings=(),
                              gate=None)
    pages = render_pages(run)
    assert list(pages) == ["index.html", "names.html"]
    assert "No names were tracked" in pages["names.html"]
    assert "No findings in the source" in pages["index.html"]
    assert build_view(run).score_chart is None


def test_empty_translation_shows_no_coverage() -> None:
    run = make_run()
    empty = dataclasses.replace(
        run.translations[1],
        alignment=dataclasses.replace(run.translations[1].alignment, pairs=()),
        segments=(), findings=(), renderings=(), coverage=0.0,
    )
    view = build_view(dataclasses.replace(run, translations=(run.translations[0], empty)))
    assert view.languages[1].coverage is None
    assert view.translations[1].rows == ()


def test_translation_result_fixture_is_the_real_type() -> None:
    assert all(isinstance(t, TranslationResult) for t in make_run().translations)


# --------------------------------------------------------------------------- writing
def test_write_reports_writes_every_page_and_keeps_other_files(tmp_path: Path) -> None:
    (tmp_path / "results.json").write_text("{}", encoding="utf-8")
    (tmp_path / "ru.html").write_text("old", encoding="utf-8")
    written = write_reports(make_run(), tmp_path)
    assert [p.name for p in written] == ["index.html", "ru.html", "ja.html", "names.html"]
    assert all(p.parent == tmp_path for p in written)
    assert (tmp_path / "results.json").read_text(encoding="utf-8") == "{}"
    assert (tmp_path / "ru.html").read_text(encoding="utf-8") == render_pages(make_run())["ru.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "index.html", "ja.html", "names.html", "results.json", "ru.html"
    ]


def test_write_reports_into_an_unwritable_place_is_a_typed_error(tmp_path: Path) -> None:
    from mtcheck.errors import OutputError

    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="file"):
        write_reports(make_run(), blocker / "out")


# --------------------------------------------------------------------------- issue 15 wording
def _flag_titles(row: lxml.html.HtmlElement) -> list[str]:
    return [f.get("title") for f in row.xpath(".//td[@class='rowflags']//span[contains("
                                               "concat(' ', @class, ' '), ' flag ')]")]


def test_name_flag_sits_on_the_variant_not_on_the_correct_mention(pages: dict[str, str]) -> None:
    rows = _rows(pages["ru.html"])
    inconsistent = [i for i, row in enumerate(rows)
                    if any(t.startswith("Name rendered inconsistently") or "rendered 2 ways" in t
                           for t in _flag_titles(row))]
    # Шойга (sentence 2, the minority variant) is in row 1 (merged); Шойгу (row 0) is correct.
    variant_row = next(i for i, row in enumerate(rows) if row.xpath(".//*[@id='t-2']"))
    assert inconsistent == [variant_row]
    assert variant_row != 0


def test_truncated_rows_say_truncated(tmp_path: Path) -> None:
    from mtcheck.types import AlignedPair, Alignment, Finding, Severity

    run = make_run()
    ru = run.translations[0]
    last = len(run.source.sentences) - 1
    pairs = (*[p for p in ru.alignment.pairs if last not in p.source_ids],
             AlignedPair((last,), ()))
    truncation = Finding("align.truncation", Severity.ERROR,
                         "The translation stops early: the last source sentence has no "
                         "counterpart.", source_ids=(last,))
    ru = dataclasses.replace(ru, alignment=Alignment(pairs, "test"),
                             findings=(*ru.findings, truncation))
    html = render_pages(dataclasses.replace(run, translations=(ru, *run.translations[1:])))
    row = _rows(html["ru.html"])[-1]
    assert "truncated" in text_of(row.xpath("./th")[0])
    assert "omitted" not in text_of(row)
    assert "stops before this sentence" in text_of(row.xpath("./td[@class='tgt']")[0])


def test_signatures_are_in_details_not_in_the_scores_table(pages: dict[str, str]) -> None:
    page = tree(pages["ru.html"])
    headers = [text_of(th) for th in page.xpath("//table[@id='page-scores']/thead//th")]
    assert headers == ["Kind", "Metric", "Score"]
    assert "nrefs:1" not in text_of(page.xpath("//table[@id='page-scores']")[0])
    details = page.xpath("//details[@id='score-signatures']")[0]
    assert "nrefs:1|bs:1000|tok:13a" in text_of(details)
    index = tree(pages["index.html"])
    assert index.xpath("//h2[@id='signature']/following-sibling::details[1]//dl[@class='sig']")


def test_document_scores_have_no_empty_columns_without_scores(pages: dict[str, str]) -> None:
    for name, html in pages.items():
        table = tree(html).xpath("//table[@id='page-scores']")
        if not table:
            continue
        headers = [text_of(th) for th in table[0].xpath("./thead//th")]
        width = len(headers)
        for row in table[0].xpath("./tbody/tr"):
            cells = sum(int(c.get("colspan", 1)) for c in row.xpath("./th|./td"))
            assert cells == width, (name, headers)
            assert all(text_of(c) for c in row.xpath("./td")), name


def test_plural_forms_in_alignment_help(pages: dict[str, str]) -> None:
    help_texts = [r.xpath("./th")[0].get("title") for r in _rows(pages["ja.html"])]
    assert "1 source sentence aligned to 2 translation sentences" in help_texts[1]
    assert not any("(s)" in text for html in pages.values() for text in [html])


def test_unit_ids_name_the_units_of_xliff_files(tmp_path: Path) -> None:
    from mtcheck.config import Config
    from mtcheck.corpus import adhoc_corpus
    from mtcheck.pipeline import evaluate

    xliff = tmp_path / "doc.xlf"
    xliff.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" source-language="en" target-language="de" datatype="plaintext">'
        "<body>"
        '<trans-unit id="intro-1"><source>The minister arrived in Tehran.</source>'
        "<target>Der Minister kam in Teheran an.</target></trans-unit>"
        '<trans-unit id="p4s2"><source>The talks lasted three hours.</source></trans-unit>'
        '<trans-unit id="end"><source>He left on Monday.</source>'
        "<target>Er reiste am Montag ab.</target></trans-unit>"
        "</body></file></xliff>\n", encoding="utf-8")
    config = Config()
    config = dataclasses.replace(config, backtranslation=dataclasses.replace(
        config.backtranslation, enabled=False))
    run = evaluate(adhoc_corpus(xliff, "en", {"de": xliff}), config, None)
    omission = next(f for f in run.translations[0].findings if f.check == "align.omission")
    assert omission.message.startswith("Source unit p4s2 (sentence #1)")
    html = tree(render_pages(run)["de.html"])
    item = next(li for li in html.xpath("//li[contains(@class, 'finding')]")
                if "align.omission" in text_of(li))
    assert "source unit p4s2" in text_of(item)
    assert "source sentence 1" not in text_of(item)
    assert html.xpath("//span[@id='s-1']/a[@class='sid']")[0].get("title").startswith(
        "sentence 1, unit p4s2, line")
