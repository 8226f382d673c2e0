"""What the organisations check (mtcheck.names.survivors) costs a run.

Run from the repository root::

    HF_HUB_OFFLINE=1 python benchmarks/bench_survivors.py [--rounds 3]
        [--clean corpora/clean] [DOC ...]

Evaluates each clean document (default: three dev documents with many capitalised runs,
one of them with a German source) the way ``mtcheck evaluate --no-backtranslation
--no-report`` does, with the check on and with it off, in interleaved rounds after one
warm-up run each, and prints min / median seconds of both and the ratio of the medians
(baseline: the same run without the check). Deterministic inputs; timings vary with the
machine's load.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import mtcheck.names as names_stage  # noqa: E402
from mtcheck.config import load_config  # noqa: E402
from mtcheck.corpus import load_corpus  # noqa: E402
from mtcheck.pipeline import evaluate  # noqa: E402

DEFAULT_DOCS = ("india-gaganyaan-launch", "tyrol-kundl-antibiotics-de",
                "taiwan-kaohsiung-chip-plant")


def _off(*_: Any, **__: Any) -> dict[str, list[Any]]:
    return {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="*", default=list(DEFAULT_DOCS))
    parser.add_argument("--clean", type=Path, default=ROOT / "corpora" / "clean")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    config = load_config(None)
    config = dataclasses.replace(
        config, backtranslation=dataclasses.replace(config.backtranslation, enabled=False))
    real: Callable[..., Any] = names_stage.dropped_organisations
    print("document                         on min/median s   off min/median s   ratio")
    for doc in args.docs:
        corpus = load_corpus(args.clean / doc)
        times: dict[str, list[float]] = {"on": [], "off": []}
        for mode in ("on", "off"):  # warm-up
            names_stage.dropped_organisations = real if mode == "on" else _off
            evaluate(corpus, config)
        for index in range(args.rounds):
            # Each round swaps which goes first, so neither gains from the other's caches.
            for mode in (("on", "off") if index % 2 == 0 else ("off", "on")):
                names_stage.dropped_organisations = real if mode == "on" else _off
                start = time.perf_counter()
                evaluate(corpus, config)
                times[mode].append(time.perf_counter() - start)
        names_stage.dropped_organisations = real
        on, off = times["on"], times["off"]
        print(f"{doc:32} {min(on):6.2f} / {statistics.median(on):6.2f}   "
              f"{min(off):6.2f} / {statistics.median(off):6.2f}   "
              f"{statistics.median(on) / statistics.median(off):5.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
