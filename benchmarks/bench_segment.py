"""Benchmark of mtcheck.segment: speed against pysbd, and a sanity check on real text.

Run from the repository root::

    python benchmarks/bench_segment.py            # speed + Bleualign sanity check
    python benchmarks/bench_segment.py --sentences 50000 --baseline-sentences 2000

Speed: a synthetic English text of news sentences (abbreviations, numbers,
initials, quotes and glued sentences mixed in) is cut by mtcheck and by pysbd
(the named baseline: ``pysbd.Segmenter(language="en")`` with ``clean=False``, and
with ``clean=True``, the mode that also splits glued sentences). The
figures are sentences per second and the ratio between them; pysbd is timed on
a smaller slice because it is slow. The synthetic text in other languages is
cut by mtcheck alone (pysbd has no rules for several of them).

Sanity: ``../shared/data/bleualign-dev/dev.de`` (one sentence per line,
tokenised) is joined into one paragraph and cut again; the script prints how
many of the gold line ends were found (the rest were merged) and how many
cuts fell inside a gold line (splits). Skipped when the file is absent.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mtcheck.segment import SEGMENTER, split_sentences  # noqa: E402

SENTENCES = {
    "en": [
        "Mr. Shoigu met Gen. Bagheri in Tehran on Aug. 5, 2024.",
        "The U.S. State Department said the talks were held at 10 a.m. local time.",
        "Iran said the visit aims to strengthen bilateral interactions, e.g. in defence.",
        "Inflation rose to 5.5 percent in July, according to www.example.com data.",
        '"We are ready to cooperate," he said.',
        "Did the two sides agree on anything?",
        "The chronicle by G.O.Dyhrenfurth was published in 1957.",
        "Cooperation will be strengthened.He condemned the assassination.",
        "Prices climbed by 3.14 points, i.e. more than expected!",
        "Dr. J. R. Smith of Acme Corp. led the delegation.",
    ],
    "de": [
        "Die Delegation traf am 5. August in Teheran ein.",
        "Das gilt z. B. für alle Gipfel im 19. Jahrhundert.",
        "Dr. Toni Hagen hat das Gebiet kartiert.",
        "Die Zusammenarbeit werde gestärkt.Pezeshkian verurteilte die Angriffe.",
    ],
    "ru": [
        "С. К. Шойгу прибыл в Тегеран 5 августа 2024 г. в составе делегации.",
        "Они обсудили экономику, энергетику и т. д.",
        "«Мы готовы к сотрудничеству», — заявил он.",
    ],
    "ja": ["ショイグ氏はテヘランに到着した。", "「協力を強化する。」と大統領は述べた。", "次は？"],
    "zh": ["绍伊古抵达德黑兰。", "他说：“我们准备合作。”", "随后双方举行会谈！"],
}


def synthetic_text(lang: str, count: int, seed: int = 7) -> str:
    """``count`` sentences drawn from the pool, in paragraphs of 8, reproducibly."""
    rng = random.Random(seed)
    pool = SENTENCES[lang]
    joiner = "" if lang in {"ja", "zh"} else " "
    paragraphs = []
    for start in range(0, count, 8):
        paragraphs.append(joiner.join(rng.choice(pool) for _ in range(min(8, count - start))))
    return "\n\n".join(paragraphs)


def time_mtcheck(text: str, lang: str, repeats: int = 3) -> tuple[float, int]:
    best = float("inf")
    found = 0
    for _ in range(repeats):
        begin = time.perf_counter()
        found = len(split_sentences(text, lang))
        best = min(best, time.perf_counter() - begin)
    return best, found


def time_pysbd(text: str, clean: bool) -> tuple[float, int] | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=clean)
    begin = time.perf_counter()
    found = sum(len(segmenter.segment(p)) for p in text.split("\n\n"))
    return time.perf_counter() - begin, found


def real_text_speed(corpus_source: Path, dev_de: Path) -> None:
    """The shipped English source (5 news paragraphs, repeated) and Bleualign's German."""
    try:
        import pysbd
    except ImportError:
        return
    print("\nReal text (pysbd segments paragraph by paragraph, as mtcheck does):")
    if corpus_source.exists():
        paragraphs = corpus_source.read_text("utf-8").split("\n\n")[1:]
        text = "\n\n".join(paragraphs * 200)
        seconds, found = time_mtcheck(text, "en")
        segmenter = pysbd.Segmenter(language="en", clean=True)
        begin = time.perf_counter()
        base_found = sum(len(segmenter.segment(p)) for p in paragraphs * 10)
        base_seconds = time.perf_counter() - begin
        ours, theirs = found / seconds, base_found / base_seconds
        print(f"en  shoigu source x200: mtcheck {ours:,.0f} sentences/s, pysbd clean=True"
              f" {theirs:,.0f} sentences/s: {ours / theirs:,.0f}x")
    if dev_de.exists():
        lines = [line.strip() for line in dev_de.read_text("utf-8").splitlines() if line.strip()]
        paragraph = " ".join(lines)
        seconds, found = time_mtcheck("\n\n".join([paragraph] * 10), "de")
        segmenter = pysbd.Segmenter(language="de", clean=False)
        begin = time.perf_counter()
        base_found = len(segmenter.segment(paragraph))
        base_seconds = time.perf_counter() - begin
        ours, theirs = found / seconds, base_found / base_seconds
        print(f"de  dev.de as one paragraph: mtcheck {ours:,.0f} sentences/s, pysbd"
              f" {theirs:,.0f} sentences/s: {ours / theirs:,.0f}x")


def line_ends_and_cuts(path: Path, lang: str = "de") -> tuple[str, set[int], set[int]]:
    """A one-sentence-per-line file joined into one paragraph: the text, the offsets where
    its lines ended (the gold sentence ends) and where mtcheck cuts it."""
    lines = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
    text = " ".join(lines)
    gold_ends, offset = set(), 0
    for line in lines:
        offset += len(line)
        gold_ends.add(offset)
        offset += 1
    return text, gold_ends, {span.end for span in split_sentences(text, lang)}


def bleualign_sanity(path: Path) -> None:
    _, gold_ends, cuts = line_ends_and_cuts(path)
    found = len(gold_ends & cuts)
    print(f"\nBleualign dev.de sanity ({len(gold_ends)} gold lines joined into one paragraph):")
    print(f"  sentences found:        {len(cuts)}")
    print(f"  gold line ends found:   {found} ({found / len(gold_ends):.1%})")
    print(f"  merged (ends missed):   {len(gold_ends) - found}")
    print(f"  split (cuts inside):    {len(cuts - gold_ends)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=20000)
    parser.add_argument("--baseline-sentences", type=int, default=1000)
    args = parser.parse_args()

    print(f"{SEGMENTER}, Python {sys.version.split()[0]}")
    text = synthetic_text("en", args.sentences)
    seconds, found = time_mtcheck(text, "en")
    ours = args.sentences / seconds
    print(f"en  mtcheck: {args.sentences} sentences ({len(text) / 1e6:.2f} MB) in {seconds:.3f} s"
          f" = {ours:,.0f} sentences/s ({found} cut)")
    sample = synthetic_text("en", args.baseline_sentences)
    for clean in (False, True):
        baseline = time_pysbd(sample, clean)
        if baseline is None:
            print("en  pysbd:   not installed (pip install pysbd) - no baseline ratio")
            break
        base_seconds, base_found = baseline
        theirs = args.baseline_sentences / base_seconds
        print(f"en  pysbd clean={clean}: {args.baseline_sentences} sentences in"
              f" {base_seconds:.3f} s = {theirs:,.0f} sentences/s ({base_found} cut);"
              f" mtcheck is {ours / theirs:,.0f}x faster")
    for lang in ("de", "ru", "ja", "zh"):
        text = synthetic_text(lang, args.sentences)
        seconds, found = time_mtcheck(text, lang)
        print(f"{lang}  mtcheck: {args.sentences / seconds:,.0f} sentences/s ({found} cut)")

    dev = ROOT.parent / "shared" / "data" / "bleualign-dev" / "dev.de"
    real_text_speed(ROOT / "corpora" / "shoigu-visits-iran" / "source.en.txt", dev)
    if dev.exists():
        bleualign_sanity(dev)
    else:
        print(f"\nBleualign sanity check skipped: {dev.relative_to(ROOT.parent)} not found")


if __name__ == "__main__":
    main()
