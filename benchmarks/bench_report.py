"""Benchmark of mtcheck.report: render time and page sizes for a saved run.

Run from the repository root, after an evaluation has written results.json::

    python -m mtcheck evaluate corpora/shoigu-visits-iran --out reports/
    python benchmarks/bench_report.py reports/results.json
    python benchmarks/bench_report.py reports/results.json --repeat 20 --scale 10

The named baseline is writing the same run as results.json
(``mtcheck.results.dump_results``): the report should cost the same order of
time and bytes as the machine-readable output it is rendered from. ``--scale N``
repeats every translation N times (as extra languages) to show how rendering
grows with the number of pages.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mtcheck.report import render_pages  # noqa: E402
from mtcheck.results import dump_results, load_results  # noqa: E402
from mtcheck.types import RunResult  # noqa: E402


def best_time(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best and median wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def scaled(run: RunResult, factor: int) -> RunResult:
    if factor <= 1:
        return run
    copies = tuple(
        dataclasses.replace(t, lang=f"{t.lang}-x{i}") if i else t
        for i in range(factor)
        for t in run.translations
    )
    return dataclasses.replace(run, translations=copies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, help="a results.json written by mtcheck")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--scale", type=int, default=1, help="repeat the translations N times")
    args = parser.parse_args()

    run = scaled(load_results(args.results), args.scale)
    sentences = sum(len(t.target.sentences) for t in run.translations)
    findings = sum(len(t.findings) for t in run.translations)
    pages = render_pages(run)
    report_bytes = {name: len(html.encode("utf-8")) for name, html in pages.items()}
    results_bytes = len(dump_results(run).encode("utf-8"))
    render_best, render_median = best_time(lambda: render_pages(run), args.repeat)
    dump_best, dump_median = best_time(lambda: dump_results(run), args.repeat)

    print(f"run: {run.document_id}: {len(run.translations)} translations, "
          f"{sentences} target sentences, {findings} findings, {len(run.entities)} names")
    print(f"pages: {len(pages)}; total {sum(report_bytes.values()) / 1024:.1f} KiB; "
          f"largest {max(report_bytes, key=report_bytes.__getitem__)} "
          f"{max(report_bytes.values()) / 1024:.1f} KiB; "
          f"index.html {report_bytes['index.html'] / 1024:.1f} KiB; "
          f"names.html {report_bytes['names.html'] / 1024:.1f} KiB")
    print(f"baseline results.json: {results_bytes / 1024:.1f} KiB; "
          f"report/results size ratio {sum(report_bytes.values()) / results_bytes:.2f}")
    print(f"render_pages: best {render_best * 1000:.1f} ms, median {render_median * 1000:.1f} ms "
          f"({args.repeat} runs)")
    print(f"baseline dump_results: best {dump_best * 1000:.1f} ms, "
          f"median {dump_median * 1000:.1f} ms; render/dump time ratio "
          f"{render_best / dump_best:.2f}")


if __name__ == "__main__":
    main()
