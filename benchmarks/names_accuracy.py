"""Recall and precision of the names stage on the shipped corpus's planted errors.

Run from the repository root::

    python benchmarks/names_accuracy.py [--no-glossary] [--no-learning] [--corpus corpora/shoigu-visits-iran]

The alignment comes from the gold beads, so the figures measure the names stage alone.
Prints one row per language and error kind: gold errors found / planted (recall) and
correct / all findings of the kind's checks (precision), then the totals.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mtcheck.align.gold import beads_from_texts, read_gold_json
from mtcheck.config import NamesConfig
from mtcheck.corpus import load_corpus
from mtcheck.names import check_source, check_translation, find_entities, load_glossary
from mtcheck.names.gold import KindScore, read_gold_errors, score_findings
from mtcheck.segment import segment_document
from mtcheck.types import AlignedPair, Alignment


def evaluate(corpus_dir: Path, glossary_path: Path | None, verbose: bool,
             config: NamesConfig | None = None) -> list[tuple[str, KindScore]]:
    corpus = load_corpus(corpus_dir)
    source = segment_document(corpus.source)
    glossary = load_glossary(glossary_path) if glossary_path else None
    entities = find_entities(source, glossary)
    if verbose:
        for finding in check_source(source, entities):
            print("source:", finding.message)
    rows = []
    gold_dir = corpus_dir / "gold"
    for lang, document in corpus.translations.items():
        target = segment_document(document)
        gold_path = gold_dir / f"{lang}.json"
        text = gold_path.read_text("utf-8")
        beads = beads_from_texts(read_gold_json(text, str(gold_path)), source.texts(),
                                 target.texts(), str(gold_path))
        alignment = Alignment(tuple(AlignedPair(s, t) for s, t in beads), "gold")
        result = check_translation(source, target, alignment, entities, glossary=glossary,
                                   config=config)
        errors = read_gold_errors(text, str(gold_path))
        if verbose:
            for finding in result.findings:
                print(f"{lang}: [{finding.check}] {finding.message}")
        rows.extend((lang, score) for score in score_findings(errors, result.findings, target,
                                                              entities))
    return rows


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator}/{denominator}" if denominator else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpora/shoigu-visits-iran"))
    parser.add_argument("--glossary", type=Path, default=Path("configs/glossary.toml"))
    parser.add_argument("--no-glossary", action="store_true")
    parser.add_argument("--no-learning", action="store_true",
                        help="do not learn renderings from co-occurrence (names.learn_renderings)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every finding")
    args = parser.parse_args()
    glossary = None if args.no_glossary else args.glossary
    rows = evaluate(args.corpus, glossary, args.verbose,
                    NamesConfig(learn_renderings=not args.no_learning))
    print(f"glossary: {glossary or 'none'}; learning: {'off' if args.no_learning else 'on'}")
    print(f"{'lang':<5}{'kind':<19}{'recall':>8}{'precision':>11}")
    totals: dict[str, list[int]] = {}
    for lang, score in rows:
        total = totals.setdefault(score.kind, [0, 0, 0, 0])
        for i, value in enumerate((score.found, score.gold, score.correct, score.findings)):
            total[i] += value
        if score.gold or score.findings:
            print(f"{lang:<5}{score.kind:<19}{_ratio(score.found, score.gold):>8}"
                  f"{_ratio(score.correct, score.findings):>11}")
    print("totals")
    for kind, (found, gold, correct, findings) in totals.items():
        print(f"{'all':<5}{kind:<19}{_ratio(found, gold):>8}{_ratio(correct, findings):>11}")


if __name__ == "__main__":
    main()
