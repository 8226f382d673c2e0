"""Benchmark of a whole no-model evaluation: the fixed cost every process pays.

Run from the repository root::

    python benchmarks/bench_evaluate.py                      # 3 interleaved rounds
    python benchmarks/bench_evaluate.py --rounds 5 --baseline-src ../old/src

Each round runs, one after the other in fresh processes:

- ``import``: ``python -c "import mtcheck.cli"``, the named baseline (interpreter
  start and imports, nothing evaluated);
- ``evaluate``: ``python -m mtcheck evaluate corpora/shoigu-visits-iran
  --no-backtranslation --out TMP`` with the user cache warm (the usual case: uroman's
  parsed tables and the unpacked language-id model restored from it);
- ``evaluate (cold cache)``: the same with an empty cache folder (``XDG_CACHE_HOME``
  pointed at a new temporary folder), what the very first run on a machine pays;
- ``evaluate (one core)``: the warm evaluation held to one core with ``taskset`` (where
  there are two or more): the named-entity recogniser then loads in the evaluating
  process instead of in a child process on the other core;
- ``baseline-src`` (with ``--baseline-src``): the same evaluation run by another
  checkout's ``src`` folder, e.g. an older commit exported with ``git archive``.

Figures are wall-clock seconds, min and median over the rounds, and the ratio of
each evaluation to the import, with the load average at the start and the end (on a
shared machine every row slows down; the goal of issue 13 is <= 2 s for ``evaluate``).
About 1 minute with the defaults. Every run sets ``SOURCE_DATE_EPOCH``, so the script
also checks that all runs wrote byte-identical ``results.json`` files, including the
baseline checkout's when given.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "shoigu-visits-iran"


def run(command: list[str], env: dict[str, str]) -> float:
    begin = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - begin


def environment(src: Path, cache: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(src), HF_HUB_OFFLINE="1",
               SOURCE_DATE_EPOCH="1700000000")
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-cold", action="store_true",
                        help="leave out the cold-cache row (it writes ~150 MB of tables per "
                             "round, which the kernel flushes while the next rows run)")
    parser.add_argument("--baseline-src", type=Path,
                        help="another checkout's src folder to time the same evaluation with")
    args = parser.parse_args()

    python = sys.executable
    src = ROOT / "src"
    scratch = Path(tempfile.mkdtemp(prefix="mtcheck-bench-evaluate-"))

    def evaluate(out: str) -> list[str]:
        return [python, "-m", "mtcheck", "evaluate", str(args.corpus),
                "--no-backtranslation", "--out", str(scratch / out)]

    cases: dict[str, tuple[list[str], Path, bool]] = {
        "import mtcheck.cli": ([python, "-c", "import mtcheck.cli"], src, False),
        "evaluate": (evaluate("warm"), src, False),
    }
    if not args.no_cold:
        cases["evaluate (cold cache)"] = (evaluate("cold"), src, True)
    if shutil.which("taskset") and len(os.sched_getaffinity(0)) > 1:
        # The same run held to one core: the recogniser then loads in-process, as it
        # does on a one-core machine (no second core to load it on meanwhile).
        cases["evaluate (one core)"] = (["taskset", "-c", str(min(os.sched_getaffinity(0))),
                                         *evaluate("one-core")], src, False)
    if args.baseline_src:
        cases["baseline-src evaluate"] = (evaluate("baseline"), args.baseline_src.resolve(),
                                          False)
    # Byte-code as an installed package has it (pip compiles on install; a shell with
    # PYTHONDONTWRITEBYTECODE set never writes it), for every source tree timed.
    for tree in {source for _command, source, _cold in cases.values()}:
        subprocess.run([python, "-m", "compileall", "-q", str(tree)], check=True,
                       stdout=subprocess.DEVNULL)
    # One untimed run of each evaluation fills the user cache (and the page cache).
    for _name, (command, source, _cold) in cases.items():
        subprocess.run(command, env=environment(source), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    start_load = os.getloadavg()[0]
    times: dict[str, list[float]] = {name: [] for name in cases}
    for round_number in range(args.rounds):
        for name, (command, source, cold) in cases.items():
            cache = scratch / f"cache-{round_number}" if cold else None
            times[name].append(run(command, environment(source, cache)))

    base = min(times["import mtcheck.cli"])
    print(f"{args.rounds} interleaved rounds; corpus {args.corpus.name}; load average "
          f"{start_load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end "
          f"(cores: {len(os.sched_getaffinity(0))})")
    print(f"{'command':<24} {'min s':>7} {'median s':>9} {'min / import':>13}")
    for name, values in times.items():
        print(f"{name:<24} {min(values):7.2f} {statistics.median(values):9.2f} "
              f"{min(values) / base:13.1f}")

    results = {path.parent.name: path.read_bytes()
               for path in sorted(scratch.glob("*/results.json"))}
    same = len(set(results.values())) == 1
    print(f"results.json identical across {', '.join(results)}: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
