"""Speed and memory of sentence alignment on synthetic document pairs.

Run from the repository root:

    python benchmarks/bench_align.py                 # 1k, 10k, 50k sentences
    python benchmarks/bench_align.py --sizes 1000 10000

For each size it prints the best wall time of ``--repeat`` runs (default 3: the
machine may be busy with other jobs) of ``mtcheck.align.align_sentences`` and,
from a second run under tracemalloc (which slows it down), the peak of memory
allocated during the call; then the wall time of the named baseline, NLTK's
``gale_church.align_blocks`` (a full O(n·m) search in pure Python), where that is
feasible (up to ``--nltk-max`` sentences), and the speed ratio.

The synthetic pair is deterministic (seeded): the target is a "translation"
with its own words and the source's numbers and names, with about 8 % of
sentences merged, split, dropped or inserted, so the band search has real
work to do.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mtcheck.align import align_sentences  # noqa: E402


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


def seconds(run: Callable[[], Any]) -> float:
    """Wall seconds of one call."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def peak_mib(run: Callable[[], Any]) -> float:
    """Peak MiB allocated during one call, as tracemalloc sees it."""
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best counts")
    parser.add_argument("--nltk-max", type=int, default=1000,
                        help="largest size the NLTK baseline is run on (it is quadratic)")
    args = parser.parse_args()
    print(f"{'sentences':>10} {'mtcheck s':>10} {'peak MiB':>9} {'nltk s':>9} {'speed-up':>9}")
    for size in args.sizes:
        source, target = synthetic_pair(size)

        def ours(s: list[str] = source, t: list[str] = target) -> object:
            return align_sentences(s, t, source_lang="en", target_lang="de")

        elapsed = min(seconds(ours) for _ in range(max(args.repeat, 1)))
        memory = peak_mib(ours)
        if size <= args.nltk_max:
            from nltk.translate.gale_church import align_blocks

            theirs = seconds(lambda s=source, t=target: align_blocks(
                [len(x) for x in s], [len(x) for x in t]))
            extra = f"{theirs:>9.2f} {theirs / elapsed:>8.1f}x"
        else:
            extra = f"{'-':>9} {'-':>9}"
        print(f"{size:>10} {elapsed:>10.2f} {memory:>9.1f} {extra}", flush=True)

if __name__ == "__main__":
    main()
