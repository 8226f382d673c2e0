"""Speed of sentence alignment on synthetic document pairs: linear at every size?

Run from the repository root:

    python benchmarks/bench_align.py                        # default sizes, 3 rounds
    python benchmarks/bench_align.py --sizes 1000 2000 --rounds 5
    python benchmarks/bench_align.py --baseline-src ../other-checkout/src
    python benchmarks/bench_align.py --memory               # peak traced memory too

Cases (each a deterministic, seeded pair; see :func:`synthetic_pair`):

* ``doc N``: N source sentences and a "translation" with about 8 % of sentences
  merged, split, dropped or inserted, aligned as one sequence (what
  ``align_documents`` does when the paragraph counts differ);
* ``block N+K``: the same with a block of K unrelated target sentences (captions)
  inserted in the middle: a long run of unaligned sentences.

Every case is timed in ``--rounds`` interleaved rounds (round 1 of every case, then
round 2, ...), each in a fresh subprocess so that caches and memory start the
same; the time of the ``align_sentences`` call is measured inside it. The script
prints the minimum and the median per case, seconds per 1,000 source sentences
(flat when the work is linear), and, with ``--baseline-src``, the same for another
checkout's ``src`` folder timed in the same rounds and the ratio baseline / this
checkout. NLTK's Gale–Church (``nltk.translate.gale_church.align_blocks``, a full
O(n·m) search in pure Python) is timed up to ``--nltk-max`` sentences.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_CASES = ["doc 1000", "doc 1900", "doc 2000", "doc 2100", "doc 4000", "doc 10000",
                 "doc 20000", "block 1000+10000"]


def synthetic_pair(size: int, seed: int = 7) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "de", "an", "el", "or"]

    def new_word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))

    # A Zipf-like vocabulary, as in real text: a few words are everywhere, most are rare.
    vocabulary = [new_word() for _ in range(5000)]
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocabulary))))

    def words(count: int) -> list[str]:
        return rng.choices(vocabulary, cum_weights=cumulative, k=count)

    names = [new_word().capitalize() + new_word() for _ in range(max(size // 20, 10))]
    source: list[str] = []
    target: list[str] = []
    for _ in range(size):
        length = rng.randint(4, 30)
        shared = [rng.choice(names)] if rng.random() < 0.5 else []
        if rng.random() < 0.3:
            shared.append(str(rng.randint(1, 3000)))
        src = " ".join(words(length) + shared) + "."
        tgt = " ".join(words(int(length * 1.1)) + shared) + "."
        roll = rng.random()
        if roll < 0.02 and target:
            target[-1] = target[-1] + " " + tgt  # merged into the previous sentence
        elif roll < 0.04:
            half = len(tgt) // 2
            target.extend([tgt[:half] + ".", tgt[half:]])  # split
        elif roll < 0.06:
            pass  # dropped
        elif roll < 0.08:
            target.extend([tgt, " ".join(words(8)) + "."])  # inserted
        else:
            target.append(tgt)
        source.append(src)
    return source, target


def case_pair(case: str) -> tuple[list[str], list[str]]:
    kind, _, size = case.partition(" ")
    if kind == "doc":
        return synthetic_pair(int(size))
    if kind == "block":
        sentences, _, extra = size.partition("+")
        source, target = synthetic_pair(int(sentences))
        letters = "abcdefghijklmnopqrstuvwxyz"
        block = [f"Légende de la photo {letters[k % 26]}{letters[k // 26 % 26]}"
                 f"{letters[k // 676 % 26]}." for k in range(int(extra))]
        middle = len(target) // 2
        return source, target[:middle] + block + target[middle:]
    raise SystemExit(f"unknown case {case!r} (doc N, block N+K)")


def worker(case: str, memory: bool) -> None:
    """Time one case in this process and print JSON (run by the parent in a subprocess)."""
    from mtcheck.align import align_sentences

    source, target = case_pair(case)
    started = time.perf_counter()
    align_sentences(source, target, source_lang="en", target_lang="de")
    elapsed = time.perf_counter() - started
    peak = None
    if memory:
        tracemalloc.start()
        align_sentences(source, target, source_lang="en", target_lang="de")
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    print(json.dumps({"seconds": elapsed, "peak_mib": peak, "sentences": len(source),
                      "target": len(target)}))


def run(src: Path, case: str, memory: bool) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", case, "--src", str(src)]
    if memory:
        command.append("--memory")
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def nltk_seconds(case: str) -> float:
    from nltk.translate.gale_church import align_blocks

    source, target = case_pair(case)
    started = time.perf_counter()
    align_blocks([len(x) for x in source], [len(x) for x in target])
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="*", default=None,
                        help="cases such as 'doc 2000' or 'block 1000+10000'")
    parser.add_argument("--sizes", type=int, nargs="*", default=None,
                        help="shorthand for --cases 'doc N' ...")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline-src", type=Path, default=None,
                        help="another checkout's src folder, timed in the same rounds")
    parser.add_argument("--nltk-max", type=int, default=500,
                        help="largest document NLTK's Gale–Church is timed on (quadratic)")
    parser.add_argument("--memory", action="store_true", help="also report peak traced MiB")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        sys.path.insert(0, str(args.src))
        worker(args.worker, args.memory)
        return
    cases = args.cases or ([f"doc {n}" for n in args.sizes] if args.sizes else DEFAULT_CASES)
    versions = {"this": ROOT / "src"}
    if args.baseline_src is not None:
        versions["baseline"] = args.baseline_src.resolve()
    times: dict[tuple[str, str], list[float]] = {}
    peaks: dict[tuple[str, str], float] = {}
    for _ in range(max(args.rounds, 1)):
        for case in cases:
            for name, src in versions.items():
                result = run(src, case, args.memory)
                times.setdefault((name, case), []).append(result["seconds"])
                if result.get("peak_mib") is not None:
                    peaks[(name, case)] = result["peak_mib"]
    header = f"{'case':<20} {'min s':>8} {'median s':>9} {'s/1k src':>9}"
    if "baseline" in versions:
        header += f" {'base min':>9} {'base med':>9} {'ratio':>6}"
    if args.memory:
        header += f" {'peak MiB':>9}"
    header += f" {'nltk s':>8}"
    print(f"rounds: {args.rounds} (interleaved, one subprocess per run)")
    print(header)
    for case in cases:
        mine = times[("this", case)]
        source, target = case_pair(case)
        size = len(source)
        line = (f"{case:<20} {min(mine):>8.2f} {statistics.median(mine):>9.2f} "
                f"{1000 * min(mine) / size:>9.3f}")
        if "baseline" in versions:
            theirs = times[("baseline", case)]
            line += (f" {min(theirs):>9.2f} {statistics.median(theirs):>9.2f} "
                     f"{statistics.median(theirs) / statistics.median(mine):>5.1f}x")
        if args.memory:
            line += f" {peaks.get(('this', case), float('nan')):>9.1f}"
        small = max(size, len(target)) <= args.nltk_max
        line += f" {nltk_seconds(case):>8.2f}" if small else f" {'-':>8}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
