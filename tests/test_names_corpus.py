"""The names stage on the shipped corpus: every planted error found, no false alarms.

The alignment is built from the gold beads so that these tests measure the names stage
alone, not the aligner.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from mtcheck.align.gold import beads_from_texts, read_gold_json
from mtcheck.corpus import load_corpus
from mtcheck.names import Glossary, check_source, check_translation, find_entities, load_glossary
from mtcheck.names.gold import STAGE_CHECKS, KindScore, read_gold_errors, score_findings
from mtcheck.segment import segment_document
from mtcheck.types import AlignedPair, Alignment, Entity, Finding, SegmentedDocument

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "shoigu-visits-iran"
GLOSSARY = ROOT / "configs" / "glossary.toml"
LANGS = ("ko", "ru", "fr", "id", "sa", "ja", "de", "pt", "el", "es", "it", "fi", "la", "zh")

pytestmark = pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="shipped corpus absent")


@cache
def _source() -> SegmentedDocument:
    return segment_document(load_corpus(CORPUS).source)


@cache
def _glossary(use: bool) -> Glossary | None:
    return load_glossary(GLOSSARY) if use else None


@cache
def _entities(use_glossary: bool) -> tuple[Entity, ...]:
    return find_entities(_source(), _glossary(use_glossary))


@cache
def _run(lang: str, use_glossary: bool) -> tuple[tuple[Finding, ...], list[KindScore]]:
    source = _source()
    target = segment_document(load_corpus(CORPUS, (lang,)).translations[lang])
    text = (CORPUS / "gold" / f"{lang}.json").read_text("utf-8")
    beads = beads_from_texts(read_gold_json(text, lang), source.texts(), target.texts(), lang)
    alignment = Alignment(tuple(AlignedPair(s, t) for s, t in beads), "gold")
    entities = _entities(use_glossary)
    result = check_translation(source, target, alignment, entities,
                               glossary=_glossary(use_glossary))
    return result.findings, score_findings(read_gold_errors(text, lang), result.findings,
                                           target, entities)


@pytest.mark.parametrize("use_glossary", [True, False], ids=["glossary", "no-glossary"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_planted_error_found_and_no_false_alarm(lang: str, use_glossary: bool) -> None:
    findings, scores = _run(lang, use_glossary)
    for score in scores:
        if not use_glossary and lang == "zh" and score.kind == "name_missing":
            # 哈尼亚 is too far from "Haniyeh" to be recognised without the glossary, so
            # its absence cannot be told from an exonym; documented in docs/names.md.
            continue
        assert score.found == score.gold, (score, [f.message for f in findings])
        assert score.correct == score.findings, (score, [f.message for f in findings])
    assert all(f.check in STAGE_CHECKS for f in findings)


def test_source_spelling_variants_reported_once() -> None:
    findings = check_source(_source(), _entities(True))
    assert [(f.check, f.entity, f.expected) for f in findings] == [
        ("names.source-inconsistent", "pezeshkian", "Pezeshkian")]
    assert {v.base: v.count for v in findings[0].variants} == {"Pezeshitsyan": 3,
                                                                 "Pezhashyan": 1}


def test_president_tracked_through_every_translation() -> None:
    for lang in LANGS:
        findings, _ = _run(lang, True)
        assert not any(f.check == "names.missing" and f.entity == "pezeshkian"
                       for f in findings), lang


def test_shipped_glossary_loads() -> None:
    glossary = load_glossary(GLOSSARY)
    assert {e.id for e in glossary.entries} >= {"pezeshkian", "shoigu", "iran", "russia"}
    assert all(set(e.targets) <= set(LANGS) | {"uk"} for e in glossary.entries)
