"""mtcheck.segment on real text: the shipped corpus's gold sentences, and Bleualign's German."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from mtcheck.corpus import Corpus, load_corpus
from mtcheck.segment import segment_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "shoigu-visits-iran"
BLEUALIGN_DE = ROOT.parent / "shared" / "data" / "bleualign-dev" / "dev.de"


def _gold(lang: str) -> dict[str, list[str]]:
    beads = json.loads((CORPUS / "gold" / f"{lang}.json").read_text("utf-8"))["alignment"]
    return {
        "source": [text for bead in beads for text in bead["source"]],
        "target": [text for bead in beads for text in bead["target"]],
    }


def _gold_languages() -> list[str]:
    if not (CORPUS / "gold").is_dir():
        return []
    return sorted(path.stem for path in (CORPUS / "gold").glob("*.json"))


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    if not (CORPUS / "manifest.toml").exists():
        pytest.skip("the shipped corpus is not there")
    return load_corpus(CORPUS)


@pytest.mark.parametrize("lang", _gold_languages())
def test_source_sentences_match_gold(corpus: Corpus, lang: str) -> None:
    assert segment_document(corpus.source).texts() == _gold(lang)["source"]


@pytest.mark.parametrize("lang", _gold_languages())
def test_translation_sentences_match_gold(corpus: Corpus, lang: str) -> None:
    assert segment_document(corpus.translations[lang]).texts() == _gold(lang)["target"]


def test_source_glued_sentences_are_flagged(corpus: Corpus) -> None:
    glued = [s.text.split()[0] for s in segment_document(corpus.source).sentences if s.glued]
    assert glued == ["Pezeshitsyan", "He"]


def test_references_are_sentence_parallel_to_the_source(corpus: Corpus) -> None:
    source_count = len(segment_document(corpus.source).sentences)
    for lang, reference in corpus.references.items():
        assert len(segment_document(reference).sentences) == source_count, lang


def test_bleualign_german_line_ends_are_mostly_found() -> None:
    """A sanity check on real tokenised OCR text, not a tuning target: the gold lines also
    end at colons and semicolons, which are not sentence ends (see docs/segmentation.md)."""
    if not BLEUALIGN_DE.exists():
        pytest.skip("../shared/data/bleualign-dev is not there")
    spec = importlib.util.spec_from_file_location("bench_segment",
                                                  ROOT / "benchmarks" / "bench_segment.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    text, gold_ends, cuts = bench.line_ends_and_cuts(BLEUALIGN_DE)
    ends_with_stop = {end for end in gold_ends if text[end - 1] in ".!?"}
    assert len(ends_with_stop & cuts) / len(ends_with_stop) > 0.9
    assert len(cuts - gold_ends) / len(cuts) < 0.1
