"""How far an Apertium round trip tracks reference scores, on the shipped Spanish translation.

Run from the repository root (needs ``apertium`` with the ``spa-eng`` pair)::

    python benchmarks/apertium_roundtrip.py

It evaluates ``corpora/shoigu-visits-iran`` for Spanish with ``configs/lenient.toml``
(which back-translates ``es`` with Apertium) and prints, for the machine translation:
chrF and BLEU against the human reference, and the round-trip chrF and BLEU
(Apertium's English back-translation against the English source), with their 95%
bootstrap intervals; then the Spearman correlation, over sentences, of round-trip chrF
with reference chrF; and the sentences with the lowest round-trip chrF.

As a control it also back-translates the *human reference* itself: a round trip that
scores the human translation no higher than the machine one measures Apertium's own
losses more than the translation's quality.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from mtcheck.config import load_config  # noqa: E402
from mtcheck.corpus import adhoc_corpus, load_corpus  # noqa: E402
from mtcheck.pipeline import evaluate  # noqa: E402
from mtcheck.types import MetricScore, ScoreKind, TranslationResult  # noqa: E402

CORPUS = ROOT / "corpora" / "shoigu-visits-iran"


def score(result: TranslationResult, kind: ScoreKind, metric: str) -> MetricScore | None:
    return next((s for s in result.scores if s.kind == kind and s.metric == metric), None)


def show(label: str, value: MetricScore | None) -> str:
    if value is None:
        return f"{label} -"
    return f"{label} {value.value:5.1f} [{value.ci_low:.1f}, {value.ci_high:.1f}]"


def spearman(xs: list[float], ys: list[float]) -> float:
    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=lambda i: values[i])
        result = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                result[order[k]] = (i + j) / 2
            i = j + 1
        return result

    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sx = sum((a - mx) ** 2 for a in rx) ** 0.5
    sy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (sx * sy) if sx and sy else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", type=Path, default=ROOT / "configs" / "lenient.toml")
    parser.add_argument("--worst", type=int, default=3)
    args = parser.parse_args()
    config = load_config(args.config)
    # The semantic score needs an embedding model; it is not what this compares.
    config = dataclasses.replace(config, backtranslation=dataclasses.replace(
        config.backtranslation, embedding_model=""))
    machine = evaluate(load_corpus(CORPUS, ("es",)), config).translations[0]
    if machine.roundtrip_status != "evaluated":
        print(f"round trip {machine.roundtrip_status}")
        return 1
    human = evaluate(adhoc_corpus(CORPUS / "source.en.txt", "en",
                                  {"es": CORPUS / "references" / "es.txt"}), config
                     ).translations[0]
    print(f"es machine translation ({len(machine.target.sentences)} sentences), "
          f"round trip by {config.backtranslation.backends.get('es')}")
    for metric in ("chrF", "BLEU"):
        print(f"  {show('reference ' + metric, score(machine, ScoreKind.REFERENCE, metric))}   "
              f"{show('round-trip ' + metric, score(machine, ScoreKind.ROUNDTRIP, metric))}")
    print("es human reference, back-translated the same way")
    for metric in ("chrF", "BLEU"):
        print(f"  {show('round-trip ' + metric, score(human, ScoreKind.ROUNDTRIP, metric))}")
    pairs = [(s.scores["roundtrip.chrF"], s.scores["reference.chrF"], s)
             for s in machine.segments
             if "roundtrip.chrF" in s.scores and "reference.chrF" in s.scores]
    rho = spearman([p[0] for p in pairs], [p[1] for p in pairs])
    print(f"sentence level ({len(pairs)} pairs): Spearman rho(round-trip chrF, reference chrF)"
          f" = {rho:.2f}")
    print("lowest round-trip chrF (round-trip / reference chrF):")
    for roundtrip, reference, segment in sorted(pairs, key=lambda p: p[0])[:args.worst]:
        print(f"  {roundtrip:5.1f} / {reference:5.1f}  {segment.backtranslation}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
