"""Accuracy floors on real hand-aligned text (benchmarks/align_accuracy.py prints the figures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.align import align_documents, align_sentences
from mtcheck.align.gold import beads_from_texts, parse_vecalign, read_gold_json, score_many
from mtcheck.corpus import load_corpus, read_text
from mtcheck.segment import segment_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "shoigu-visits-iran"
DEV = ROOT.parent / "shared" / "data" / "bleualign-dev"


@pytest.mark.skipif(not (DEV / "dev.defr").exists(), reason="../shared/data/bleualign-dev absent")
def test_bleualign_dev_set_floor() -> None:
    source = read_text(DEV / "dev.de").splitlines()
    target = read_text(DEV / "dev.fr").splitlines()
    gold = parse_vecalign(read_text(DEV / "dev.defr"), "dev.defr")
    pairs = align_sentences(source, target, source_lang="de", target_lang="fr")
    score = score_many([gold], [[(p.source_ids, p.target_ids) for p in pairs]])
    assert score.strict.f1 >= 0.85
    assert score.lax.f1 >= 0.95


@pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="shipped corpus gold not present")
def test_shipped_corpus_floor() -> None:
    corpus = load_corpus(CORPUS)
    source = segment_document(corpus.source)
    golds, tests = [], []
    for lang, document in sorted(corpus.translations.items()):
        gold_path = CORPUS / "gold" / f"{lang}.json"
        if not gold_path.exists():
            continue
        target = segment_document(document)
        records = read_gold_json(read_text(gold_path), str(gold_path))
        golds.append(beads_from_texts(records, source.texts(), target.texts(), str(gold_path)))
        alignment = align_documents(source, target)
        tests.append([(p.source_ids, p.target_ids) for p in alignment.pairs])
    assert len(golds) >= 10
    score = score_many(golds, tests)
    assert score.lax.f1 >= 0.97
    assert score.strict.f1 >= 0.95
