"""Speed of the names stage against document length: it should grow linearly.

Run from the repository root::

    python benchmarks/bench_names.py [--data ../shared/data/bleualign-dev] [--rounds 3]

The Bleualign dev set (German source, French human translation) is concatenated 1, 2, 4
and 8 times into one document with its gold one-to-one alignment, and the whole names
stage (find_entities, check_source, check_translation: names, numbers, untranslated
fragments) is timed at each size, in interleaved rounds. Prints sentences, min and median
seconds, seconds per 1000 sentences and the ratio of that rate to the smallest size's (the
baseline: a linear stage stays near 1.0). A last row times one 50,000-word English sentence
copied into its translation (the untranslated-fragment search used to enumerate every
n-gram); with the recogniser installed, most of that time is spaCy's (``--no-ner``
leaves it out).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from mtcheck.config import NamesConfig
from mtcheck.names import check_source, check_translation, find_entities
from mtcheck.types import AlignedPair, Alignment, Document, Paragraph, SegmentedDocument, Sentence


def _document(lang: str, sentences: list[str]) -> SegmentedDocument:
    """One paragraph per sentence, as a segment-aligned file gives them."""
    paragraphs = tuple(Paragraph(index=i, text=t, line=i + 1) for i, t in enumerate(sentences))
    return SegmentedDocument(
        document=Document(path=f"bench.{lang}", lang=lang, paragraphs=paragraphs),
        sentences=tuple(Sentence(id=i, paragraph=i, text=t, start=0, end=len(t), line=i + 1)
                        for i, t in enumerate(sentences)),
        segmenter="bench")


def _beads(data: Path) -> list[tuple[str, str]]:
    de = (data / "dev.de").read_text("utf-8").splitlines()
    fr = (data / "dev.fr").read_text("utf-8").splitlines()
    beads = []
    for line in (data / "dev.defr").read_text("utf-8").splitlines():
        if ":" in line:
            a, b = line.split(":", 1)
            source = " ".join(de[k] for k in json.loads(a)).strip()
            target = " ".join(fr[k] for k in json.loads(b)).strip()
            if source and target:
                beads.append((source, target))
    return beads


def _stage(source: SegmentedDocument, target: SegmentedDocument, config: NamesConfig) -> int:
    alignment = Alignment(tuple(AlignedPair((i,), (i,)) for i in range(len(source.sentences))),
                          "bench")
    entities = find_entities(source, None, config)
    found = len(check_source(source, entities))
    found += len(check_translation(source, target, alignment, entities, config=config).findings)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/bleualign-dev"),
                        help="the Bleualign dev set (dev.de, dev.fr, dev.defr)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="1,2,4,8", help="copies of the dev set per size")
    parser.add_argument("--no-ner", action="store_true",
                        help="without the named-entity recogniser (names.use_ner = false)")
    args = parser.parse_args()
    beads = _beads(args.data)
    config = NamesConfig(use_ner=not args.no_ner)
    sizes = [int(s) for s in args.sizes.split(",")]
    documents = {n: (_document("de", [s for s, _ in beads] * n),
                     _document("fr", [t for _, t in beads] * n)) for n in sizes}
    _stage(*documents[sizes[0]], config)  # warm-up: data tables, caches
    times: dict[int, list[float]] = {n: [] for n in sizes}
    for _ in range(args.rounds):
        for n in sizes:
            start = time.perf_counter()
            _stage(*documents[n], config)
            times[n].append(time.perf_counter() - start)
    print(f"{'sentences':>9} {'min s':>8} {'median s':>9} {'s/1000':>8} {'ratio':>6}")
    base = None
    for n in sizes:
        count = len(documents[n][0].sentences)
        rate = min(times[n]) / count * 1000
        base = base or rate
        print(f"{count:>9} {min(times[n]):>8.2f} {statistics.median(times[n]):>9.2f} "
              f"{rate:>8.3f} {rate / base:>6.2f}")
    words = " ".join(["alpha", "beta", "gamma", "delta", "epsilon"] * 10_000)
    long_source = _document("en", [words])
    long_target = _document("fr", [words])
    start = time.perf_counter()
    _stage(long_source, long_target, config)
    print(f"one 50,000-word sentence copied untranslated: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
