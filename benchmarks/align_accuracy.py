"""Alignment accuracy against hand-made gold alignments, next to NLTK's Gale–Church.

Run from the repository root:

    python benchmarks/align_accuracy.py            # shipped corpus + ../shared dev set
    python benchmarks/align_accuracy.py --confusion
    python benchmarks/align_accuracy.py --chunks --sensitivity
    python benchmarks/align_accuracy.py --drops 100

It prints strict and lax precision/recall/F1 (vecalign's convention, see
``mtcheck.align.gold``) for mtcheck's aligner and for the named baseline,
``nltk.translate.gale_church.align_blocks`` over whole documents (sentence
character lengths, no anchors), on

* ``corpora/shoigu-visits-iran`` (English source, 14 translations, gold/*.json);
* ``../shared/data/bleualign-dev`` (German/French, Text+Berg, vecalign beads),
  skipped when that folder is absent.

``--chunks`` checks robustness on the dev set: it cuts the document into four
contiguous parts (at gold bead boundaries: the gold is used for choosing the
cuts and for scoring only), aligns each part on its own with the same
settings and prints strict F1 per part, the spread and the worst part.
``--sensitivity`` re-runs the dev set (whole and in parts) with one setting
changed at a time, for the table in docs/alignment.md.
``--positions N`` rebuilds the dev set into paragraphs (on gold bead boundaries)
and drops the target sentence of N seeded 1-1 beads at the start, in the middle
and at the end of a paragraph each; it prints how often the source sentence comes
out unaligned, and how often it ends up in a merged bead instead.
``--drops N`` makes N seeded synthetic omissions: a translation of the shipped
corpus (de, fr, es, it, pt, ru, fi) loses the target sentence of one random
gold 1-1 bead inside a paragraph of two or more sentences (never the title).
A run succeeds when that source sentence comes out as a 1-0 and every other
bead equals the gold; it prints the share of successes.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mtcheck.align import ALIGNER, align_documents, align_sentences  # noqa: E402
from mtcheck.align.gold import (  # noqa: E402
    AlignmentScore,
    BeadIds,
    beads_from_texts,
    parse_vecalign,
    read_gold_json,
    score_many,
)
from mtcheck.config import AlignConfig  # noqa: E402
from mtcheck.corpus import load_corpus, read_text  # noqa: E402
from mtcheck.segment import segment_document  # noqa: E402
from mtcheck.types import Document, Paragraph, SegmentedDocument, Sentence  # noqa: E402

CORPUS = ROOT / "corpora" / "shoigu-visits-iran"
DEV = ROOT.parent / "shared" / "data" / "bleualign-dev"


def set_dev(folder: Path) -> None:
    """Read the dev set from ``folder`` instead of ../shared/data/bleualign-dev."""
    global DEV
    DEV = folder


def gale_church(source: Sequence[str], target: Sequence[str]) -> list[BeadIds]:
    """NLTK's Gale–Church over the whole document, its links grouped into beads."""
    from nltk.translate.gale_church import align_blocks

    links = align_blocks([len(s) for s in source], [len(t) for t in target])
    beads: dict[int, tuple[set[int], set[int]]] = {}
    owner_source: dict[int, int] = {}
    owner_target: dict[int, int] = {}
    for i, j in links:
        key = owner_source.get(i, owner_target.get(j, len(beads)))
        group = beads.setdefault(key, (set(), set()))
        group[0].add(i)
        group[1].add(j)
        owner_source[i] = owner_target[j] = key
    result = [(tuple(sorted(s)), tuple(sorted(t))) for s, t in beads.values()]
    result += [((i,), ()) for i in range(len(source)) if i not in owner_source]
    result += [((), (j,)) for j in range(len(target)) if j not in owner_target]
    return sorted(result, key=lambda bead: (min(bead[0], default=-1), min(bead[1], default=-1)))


def corpus_case() -> tuple[list[list[BeadIds]], list[list[BeadIds]], list[list[BeadIds]], float]:
    corpus = load_corpus(CORPUS)
    assert corpus.gold_dir is not None
    source = segment_document(corpus.source)
    golds, ours, baseline = [], [], []
    elapsed = 0.0
    for lang, document in sorted(corpus.translations.items()):
        gold_path = Path(corpus.gold_dir) / f"{lang}.json"
        if not gold_path.exists():
            continue
        target = segment_document(document)
        records = read_gold_json(read_text(gold_path), str(gold_path))
        golds.append(beads_from_texts(records, source.texts(), target.texts(), str(gold_path)))
        started = time.perf_counter()
        alignment = align_documents(source, target)
        elapsed += time.perf_counter() - started
        ours.append([(p.source_ids, p.target_ids) for p in alignment.pairs])
        baseline.append(gale_church(source.texts(), target.texts()))
    return golds, ours, baseline, elapsed


DROP_LANGUAGES = ("de", "fr", "es", "it", "pt", "ru", "fi")


@dataclass(frozen=True)
class DropCase:
    """A translation with one sentence removed, and the gold alignment that follows."""

    lang: str
    source: SegmentedDocument
    target: SegmentedDocument
    gold: list[BeadIds]
    dropped_source: int


def without_target_sentence(target: SegmentedDocument, gold: Sequence[BeadIds],
                            dropped: int) -> tuple[SegmentedDocument, list[BeadIds]]:
    """``target`` without sentence ``dropped``; in ``gold`` its source becomes a 1-0."""
    sentences = tuple(replace(s, id=s.id - (s.id > dropped))
                      for s in target.sentences if s.id != dropped)
    beads = [(src, tuple(j - (j > dropped) for j in tgt if j != dropped)) for src, tgt in gold]
    return replace(target, sentences=sentences), beads


def drop_cases(count: int, seed: int = 0,
               languages: Sequence[str] = DROP_LANGUAGES) -> list[DropCase]:
    """``count`` seeded omissions, spread round-robin over ``languages``.

    Each drops the target sentence of a random gold 1-1 bead whose source is not
    in the title paragraph and whose target paragraph has another sentence, so the
    paragraph counts still agree and the drop happens inside a paragraph.
    """
    corpus = load_corpus(CORPUS)
    assert corpus.gold_dir is not None
    source = segment_document(corpus.source)
    title_paragraph = source.sentences[0].paragraph
    documents = {}
    for lang in languages:
        target = segment_document(corpus.translations[lang])
        gold_path = Path(corpus.gold_dir) / f"{lang}.json"
        records = read_gold_json(read_text(gold_path), str(gold_path))
        gold = beads_from_texts(records, source.texts(), target.texts(), str(gold_path))
        sizes = Counter(s.paragraph for s in target.sentences)
        candidates = [(src[0], tgt[0]) for src, tgt in gold
                      if len(src) == 1 and len(tgt) == 1
                      and source.sentences[src[0]].paragraph != title_paragraph
                      and sizes[target.sentences[tgt[0]].paragraph] >= 2]
        documents[lang] = (target, gold, candidates)
    generator = random.Random(seed)
    cases = []
    for k in range(count):
        lang = languages[k % len(languages)]
        target, gold, candidates = documents[lang]
        source_id, target_id = generator.choice(candidates)
        dropped_target, dropped_gold = without_target_sentence(target, gold, target_id)
        cases.append(DropCase(lang, source, dropped_target, dropped_gold, source_id))
    return cases


def drop_successes(cases: Sequence[DropCase], config: AlignConfig | None = None) -> list[bool]:
    """Per case: the dropped sentence is a 1-0 and every other bead is the gold's."""
    results = []
    for case in cases:
        alignment = align_documents(case.source, case.target, config)
        beads = [(p.source_ids, p.target_ids) for p in alignment.pairs]
        results.append(beads == case.gold)
    return results


def print_drops(count: int) -> None:
    cases = drop_cases(count)
    successes = drop_successes(cases)
    print(f"\nsynthetic omissions ({count} seeded drops over {', '.join(DROP_LANGUAGES)}):")
    for lang in DROP_LANGUAGES:
        mine = [ok for case, ok in zip(cases, successes, strict=True) if case.lang == lang]
        if mine:
            print(f"  {lang}: {sum(mine)}/{len(mine)}")
    print(f"  dropped sentence a 1-0 and all other beads exact: {sum(successes)}/{count} "
          f"({sum(successes) / max(count, 1):.1%})")
    failed = [f"{c.lang}:{c.dropped_source}" for c, ok in zip(cases, successes, strict=True)
              if not ok]
    if failed:
        print(f"  failed (language:dropped source sentence): {' '.join(failed)}")


def dev_paragraphs(seed: int = 1) -> tuple[SegmentedDocument, SegmentedDocument,
                                           list[BeadIds], dict[int, int], dict[int, int]]:
    """The dev set rebuilt into paragraphs of 3–8 gold beads (cut at bead boundaries).

    Every paragraph has at least one source and one target sentence, so both sides
    have the same number of paragraphs and ``align_documents`` aligns paragraph by
    paragraph. Returns both documents, the gold, and each sentence's paragraph.
    """
    source, target, gold = dev_data()
    generator = random.Random(seed)
    cuts = [0]
    while cuts[-1] < len(gold):
        cuts.append(min(len(gold), cuts[-1] + generator.randint(3, 8)))
    kept = [0]
    for cut in cuts[1:]:
        beads = gold[kept[-1] : cut]
        if any(s for s, _ in beads) and any(t for _, t in beads):
            kept.append(cut)
    kept[-1] = len(gold)
    source_paragraph: dict[int, int] = {}
    target_paragraph: dict[int, int] = {}
    for index, (start, end) in enumerate(itertools.pairwise(kept)):
        for s, t in gold[start:end]:
            source_paragraph.update((i, index) for i in s)
            target_paragraph.update((j, index) for j in t)
    for mapping, count in ((source_paragraph, len(source)), (target_paragraph, len(target))):
        for k in range(count):  # a sentence the gold leaves out joins the one before it
            mapping.setdefault(k, mapping.get(k - 1, 0))
    return (_built(source, source_paragraph, "de"), _built(target, target_paragraph, "fr"),
            gold, source_paragraph, target_paragraph)


def _built(texts: Sequence[str], paragraph_of: dict[int, int], lang: str) -> SegmentedDocument:
    groups: dict[int, list[int]] = {}
    for k in range(len(texts)):
        groups.setdefault(paragraph_of[k], []).append(k)
    paragraphs = tuple(Paragraph(index=p, text=" ".join(texts[k] for k in ids), line=p + 1)
                       for p, ids in sorted(groups.items()))
    sentences: list[Sentence] = []
    for p, ids in sorted(groups.items()):
        for k in ids:
            sentences.append(Sentence(id=len(sentences), paragraph=p, text=texts[k], start=0,
                                      end=len(texts[k]), line=p + 1))
    return SegmentedDocument(Document(path=f"dev.{lang}", lang=lang, paragraphs=paragraphs),
                             tuple(sentences), "given")


def print_positions(count: int) -> None:
    """Seeded drops at the start, middle and end of the dev set's rebuilt paragraphs."""
    source, target, gold, source_paragraph, _ = dev_paragraphs()
    untouched = align_documents(source, target)
    score = score_many([gold], [[(p.source_ids, p.target_ids) for p in untouched.pairs]])
    print(f"\nbleualign dev rebuilt into paragraphs ({untouched.method}): strict F1 "
          f"{score.strict.f1:.3f}, lax F1 {score.lax.f1:.3f}, "
          f"{sum(1 for p in untouched.pairs if not p.target_ids)} source sentences unaligned")
    candidates: dict[str, list[tuple[int, int]]] = {"first": [], "middle": [], "last": []}
    for paragraph in sorted(set(source_paragraph.values())):
        beads = [(s, t) for s, t in gold if s and t and source_paragraph[s[0]] == paragraph]
        if len(beads) < 3:
            continue
        for k, (s, t) in enumerate(beads):
            if len(s) == 1 and len(t) == 1:
                position = "first" if k == 0 else "last" if k == len(beads) - 1 else "middle"
                candidates[position].append((s[0], t[0]))
    generator = random.Random(0)
    print(f"  one target sentence of a 1-1 bead dropped ({count} seeded drops per position):")
    for position, pool in candidates.items():
        chosen = generator.sample(pool, min(count, len(pool)))
        found = merged = 0
        for source_id, target_id in chosen:
            kept = [s for s in target.sentences if s.id != target_id]
            dropped = replace(target, sentences=tuple(replace(s, id=k)
                                                      for k, s in enumerate(kept)))
            alignment = align_documents(source, dropped)
            bead = next(p for p in alignment.pairs if source_id in p.source_ids)
            found += bead.source_ids == (source_id,) and not bead.target_ids
            merged += len(bead.source_ids) > 1
        print(f"    {position:<7} unaligned {found}/{len(chosen)}  in a merged bead {merged}")


def proxy_backtranslations(source: Sequence[str], target: Sequence[str],
                           gold: Sequence[BeadIds]) -> list[str]:
    """Stand-in back-translations for measuring the back-translation hook without a model.

    Each target sentence gets the text of the source sentences it is linked to in
    the gold alignment with every third word dropped (a good but imperfect MT
    system); a target sentence without a source counterpart keeps its own text
    (what an MT system does with a caption full of names).
    """
    proxies = list(target)
    for source_ids, target_ids in gold:
        words = " ".join(source[i] for i in source_ids).split()
        kept = " ".join(w for k, w in enumerate(words) if k % 3 != 2)
        for j in target_ids:
            if source_ids:
                proxies[j] = kept
    return proxies


def dev_case() -> tuple[list[list[BeadIds]], list[list[BeadIds]], list[list[BeadIds]], float]:
    source, target, gold = dev_data()
    started = time.perf_counter()
    pairs = align_sentences(source, target, source_lang="de", target_lang="fr")
    elapsed = time.perf_counter() - started
    ours = [(p.source_ids, p.target_ids) for p in pairs]
    return [gold], [ours], [gale_church(source, target)], elapsed


def dev_data() -> tuple[list[str], list[str], list[BeadIds]]:
    source = read_text(DEV / "dev.de").splitlines()
    target = read_text(DEV / "dev.fr").splitlines()
    return source, target, parse_vecalign(read_text(DEV / "dev.defr"), str(DEV / "dev.defr"))


def dev_variant(similarity: bool, backtranslations: bool) -> AlignmentScore:
    """The dev set with the shared-signal channel and/or proxy back-translations."""
    source, target, gold = dev_data()
    config = AlignConfig() if similarity else AlignConfig(similarity_weight=0.0)
    pairs = align_sentences(
        source, target, source_lang="de", target_lang="fr", config=config,
        target_in_source_language=(proxy_backtranslations(source, target, gold)
                                   if backtranslations else None))
    return score_many([gold], [[(p.source_ids, p.target_ids) for p in pairs]])


def dev_chunks(parts: int = 4) -> list[tuple[list[str], list[str], list[BeadIds]]]:
    """The dev set cut into ``parts`` contiguous pieces at gold bead boundaries."""
    source, target, gold = dev_data()
    pieces = []
    for k in range(parts):
        beads = gold[k * len(gold) // parts : (k + 1) * len(gold) // parts]
        s0 = min(i for bead in beads for i in bead[0])
        s1 = max(i for bead in beads for i in bead[0]) + 1
        t0 = min(j for bead in beads for j in bead[1])
        t1 = max(j for bead in beads for j in bead[1]) + 1
        local = [(tuple(i - s0 for i in s), tuple(j - t0 for j in t)) for s, t in beads]
        pieces.append((source[s0:s1], target[t0:t1], local))
    return pieces


def chunk_scores(config: AlignConfig) -> list[AlignmentScore]:
    """Each dev-set piece aligned on its own and scored against its own gold."""
    scores = []
    for source, target, gold in dev_chunks():
        pairs = align_sentences(source, target, source_lang="de", target_lang="fr",
                                config=config)
        scores.append(score_many([gold], [[(p.source_ids, p.target_ids) for p in pairs]]))
    return scores


def dev_score(config: AlignConfig) -> AlignmentScore:
    source, target, gold = dev_data()
    pairs = align_sentences(source, target, source_lang="de", target_lang="fr", config=config)
    return score_many([gold], [[(p.source_ids, p.target_ids) for p in pairs]])


# One setting changed at a time from the defaults (docs/alignment.md, "Robustness").
SENSITIVITY: list[tuple[str, Any]] = [
    ("similarity_weight", 16.0), ("similarity_weight", 24.0),
    ("unaligned_run_cost", 2.5), ("unaligned_run_cost", 3.5),
    ("soft_boundary_cost", 0.0), ("soft_boundary_cost", 0.5), ("soft_boundary_cost", 1.5),
    ("soft_boundary_cost", 2.0),
    ("estimate_length_variance", False), ("merge_needs_support", False),
]


def print_chunks(config: AlignConfig, name: str) -> None:
    whole = dev_score(config)
    parts = [score.strict.f1 for score in chunk_scores(config)]
    print(f"  {name:<32} whole {whole.strict.f1:.3f} (P {whole.strict.precision:.3f})  "
          f"parts {' '.join(f'{f:.3f}' for f in parts)}  "
          f"mean {sum(parts) / len(parts):.3f}  worst {min(parts):.3f}  "
          f"spread {max(parts) - min(parts):.3f}")


def line(name: str, score: AlignmentScore) -> str:
    s, x = score.strict, score.lax
    return (f"  {name:<28} strict P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f}   "
            f"lax P {x.precision:.3f} R {x.recall:.3f} F1 {x.f1:.3f}")


def confusion_table(score: AlignmentScore) -> str:
    """Rows: gold bead kinds; columns: the kind of test bead that got them."""
    rows = sorted({g for g, _ in score.confusion}, key=_kind_order)
    totals: Counter[str] = Counter()
    for (gold, _), count in score.confusion.items():
        totals[gold] += count
    out = ["  gold kind  count  exact  -> otherwise (test bead kind: count)"]
    for gold in rows:
        exact = score.confusion.get((gold, gold), 0)
        other = ", ".join(f"{t}: {c}" for (g, t), c in sorted(score.confusion.items())
                          if g == gold and t != gold)
        out.append(f"  {gold:<9} {totals[gold]:>5}  {exact:>5}  {other}")
    return "\n".join(out)


def _kind_order(kind: str) -> tuple[int, int]:
    a, b = kind.split("-")
    return (int(a) + int(b), int(a))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--confusion", action="store_true", help="print per-bead-kind tables")
    parser.add_argument("--chunks", action="store_true",
                        help="dev set: strict F1 of four parts aligned separately")
    parser.add_argument("--sensitivity", action="store_true",
                        help="dev set: whole and parts with one setting changed at a time")
    parser.add_argument("--drops", type=int, default=0, metavar="N",
                        help="also measure N seeded synthetic omissions (shipped corpus)")
    parser.add_argument("--positions", type=int, default=0, metavar="N",
                        help="dev set in paragraphs: N seeded drops at paragraph start, "
                             "middle and end each")
    parser.add_argument("--dev", type=Path, default=None,
                        help="folder with dev.de, dev.fr, dev.defr "
                             "(default ../shared/data/bleualign-dev)")
    args = parser.parse_args()
    if args.dev is not None:
        set_dev(args.dev)
    print(f"aligner: {ALIGNER}")
    if args.drops and CORPUS.exists():
        print_drops(args.drops)
    cases = [("shipped corpus (en -> 14 languages)", corpus_case, CORPUS.exists()),
             ("bleualign dev (de -> fr)", dev_case, (DEV / "dev.defr").exists())]
    for title, case, available in cases:
        if not available:
            print(f"\n{title}: skipped (data not found)")
            continue
        golds, ours, baseline, elapsed = case()
        mine = score_many(golds, ours)
        nltk = score_many(golds, baseline)
        print(f"\n{title}: {mine.gold_beads} gold beads, aligned in {elapsed:.2f} s")
        print(line("mtcheck", mine))
        print(line("nltk gale_church (baseline)", nltk))
        if case is dev_case:
            print(line("mtcheck + proxy BT", dev_variant(True, True)))
            print(line("mtcheck length only", dev_variant(False, False)))
            print(line("mtcheck length + proxy BT", dev_variant(False, True)))
        if args.confusion:
            print("  mtcheck per gold bead kind:")
            print(confusion_table(mine))
            print("  nltk gale_church per gold bead kind:")
            print(confusion_table(nltk))
        if case is dev_case and (args.chunks or args.sensitivity):
            print("  strict F1, whole document and four parts aligned separately:")
            print_chunks(AlignConfig(), "defaults")
        if case is dev_case and args.positions:
            print_positions(args.positions)
        if case is dev_case and args.sensitivity:
            for key, value in SENSITIVITY:
                print_chunks(replace(AlignConfig(), **{key: value}), f"{key} = {value}")


if __name__ == "__main__":
    main()
