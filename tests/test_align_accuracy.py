"""Accuracy floors on real hand-aligned text (benchmarks/align_accuracy.py prints the figures)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from mtcheck.align import align_documents, align_sentences
from mtcheck.align.gold import beads_from_texts, parse_vecalign, read_gold_json, score_many
from mtcheck.config import AlignConfig
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
    assert score.strict.f1 >= 0.87
    assert score.lax.f1 >= 0.97


@pytest.mark.skipif(not (DEV / "dev.defr").exists(), reason="../shared/data/bleualign-dev absent")
def test_bleualign_dev_set_parts_aligned_separately() -> None:
    """Four contiguous parts, each aligned alone: no part may fall far below the whole.

    The gold only chooses where to cut (at bead boundaries) and scores.
    """
    source = read_text(DEV / "dev.de").splitlines()
    target = read_text(DEV / "dev.fr").splitlines()
    gold = parse_vecalign(read_text(DEV / "dev.defr"), "dev.defr")
    for k in range(4):
        beads = gold[k * len(gold) // 4 : (k + 1) * len(gold) // 4]
        s0 = min(i for bead in beads for i in bead[0])
        s1 = max(i for bead in beads for i in bead[0]) + 1
        t0 = min(j for bead in beads for j in bead[1])
        t1 = max(j for bead in beads for j in bead[1]) + 1
        local = [(tuple(i - s0 for i in s), tuple(j - t0 for j in t)) for s, t in beads]
        pairs = align_sentences(source[s0:s1], target[t0:t1], source_lang="de",
                                target_lang="fr")
        score = score_many([local], [[(p.source_ids, p.target_ids) for p in pairs]])
        assert score.strict.f1 >= 0.83, f"part {k}"
        assert score.lax.f1 >= 0.95, f"part {k}"


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


def _benchmark() -> ModuleType:
    """benchmarks/align_accuracy.py, whose omission generator the tests share."""
    name = "align_accuracy_benchmark"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "align_accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Its dataclasses look their module up in sys.modules while being defined.
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="shipped corpus gold not present")
def test_a_sentence_dropped_inside_a_paragraph_is_a_one_to_zero_bead() -> None:
    """Seeded omissions in seven translations: the dropped sentence is a 1-0, nothing shifts.

    Before the length ratio was estimated over linked sentences of the whole document,
    a drop in a short paragraph skewed that paragraph's ratio and shifted its pairs
    (about a fifth of the cases succeeded); `--drops 100` measures 88 %.
    """
    bench = _benchmark()
    cases = bench.drop_cases(28, seed=7)
    assert {case.lang for case in cases} == set(bench.DROP_LANGUAGES)
    successes = bench.drop_successes(cases)
    assert sum(successes) >= 0.75 * len(cases)


@pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="shipped corpus gold not present")
@pytest.mark.parametrize("needs_support", [True, False])
def test_a_dropped_short_sentence_is_not_merged_into_its_neighbour(needs_support: bool) -> None:
    """Portuguese loses "The two countries should implement the previously reached agreement…".

    It shares nothing with its neighbour's translation, but its length fits a 2-1 bead with
    that neighbour, which also matches strongly; a 2-1 bead earns the larger reward of a
    merged bead only when both source sentences share a signal with the target.
    """
    bench = _benchmark()
    corpus = load_corpus(CORPUS)
    source = segment_document(corpus.source)
    target = segment_document(corpus.translations["pt"])
    gold_path = CORPUS / "gold" / "pt.json"
    records = read_gold_json(read_text(gold_path), str(gold_path))
    gold = beads_from_texts(records, source.texts(), target.texts(), str(gold_path))
    dropped = next(t[0] for s, t in gold if s == (5,) and len(t) == 1)
    assert source.texts()[5].startswith("The two countries should implement")
    target, gold = bench.without_target_sentence(target, gold, dropped)
    alignment = align_documents(source, target,
                                AlignConfig(merge_needs_support=needs_support))
    beads = [(p.source_ids, p.target_ids) for p in alignment.pairs]
    assert (beads == gold) is needs_support
    assert (((5,), ()) in beads) is needs_support


@pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="shipped corpus gold not present")
def test_the_generator_keeps_the_gold_consistent() -> None:
    bench = _benchmark()
    for case in bench.drop_cases(7, seed=3):
        assert [i for s, _ in case.gold for i in s] == list(range(len(case.source.sentences)))
        assert [j for _, t in case.gold for j in t] == list(range(len(case.target.sentences)))
        assert [s.id for s in case.target.sentences] == list(range(len(case.target.sentences)))
        assert ((case.dropped_source,), ()) in case.gold
