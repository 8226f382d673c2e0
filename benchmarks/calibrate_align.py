"""Fit (and check) the aligner's confidence calibration on the Bleualign dev set.

Run from the repository root:

    python benchmarks/calibrate_align.py            # cross-validated figures, no writing
    python benchmarks/calibrate_align.py --write    # refit src/mtcheck/data/align/calibration.toml

Each bead of the dev set's alignment is labelled right when it is exactly a gold
bead (strict), and described by the features of ``mtcheck.align.confidence``. Two
logistic regressions are fitted by Newton's method with a small ridge: one for
linking beads (five features), one for unaligned beads (their margin). The script
prints

* cross-validated figures: the dev set cut into its four parts (at gold bead
  boundaries, as in ``align_accuracy.py --chunks``), each part aligned on its own;
  for each part the model is fitted on the other three and applied to it, and the
  pooled predictions are scored: reliability table (ten bins of predicted
  probability: beads, mean predicted, share right), expected calibration error
  (ECE, bead-weighted mean |predicted − right| over the bins) and Brier score,
  next to the same figures for the uncalibrated confidence (``sigmoid(evidence)``,
  ``sigmoid(margin)``) the aligner used before;
* the figures of the model fitted on the whole dev set, on the whole dev set, and
  the mean confidence on the shipped corpus (where every bead is right).

``--write`` stores the parameters fitted on the whole dev set.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from align_accuracy import CORPUS, dev_chunks, dev_data, set_dev  # noqa: E402

from mtcheck.align.confidence import LINKING_FEATURES, Calibration, confidences  # noqa: E402
from mtcheck.align.gold import BeadIds  # noqa: E402
from mtcheck.align.sentences import align_with_features  # noqa: E402

OUTPUT = ROOT / "src" / "mtcheck" / "data" / "align" / "calibration.toml"
RIDGE = 0.1


def labelled(source: Sequence[str], target: Sequence[str],
             gold: Sequence[BeadIds]) -> list[tuple[tuple[float, ...], bool]]:
    """Features of every bead of the alignment, with whether it is a gold bead."""
    wanted = set(gold)
    beads = align_with_features(source, target, source_lang="de", target_lang="fr")
    return [(features, (pair.source_ids, pair.target_ids) in wanted) for pair, features in beads]


def fit(rows: Sequence[tuple[tuple[float, ...], bool]], width: int,
        signs: Sequence[int] = ()) -> tuple[float, ...]:
    """Logistic regression (intercept first) by Newton's method with a small ridge.

    ``signs`` (one per feature: +1, -1 or 0 for free) constrain the direction of each
    weight: a feature whose fitted weight has the wrong sign is left out (weight 0) and
    the rest refitted, until every weight agrees with its sign.
    """
    x = np.array([[1.0, *f] for f, _ in rows if len(f) == width], dtype=np.float64)
    y = np.array([float(ok) for f, ok in rows if len(f) == width], dtype=np.float64)
    active = np.ones(width + 1, dtype=bool)
    while True:
        weights = np.zeros(width + 1)
        weights[active] = _newton(x[:, active], y)
        wrong = [k + 1 for k, sign in enumerate(signs)
                 if active[k + 1] and sign and weights[k + 1] * sign < 0]
        if not wrong:
            return tuple(float(w) for w in weights)
        active[wrong[0]] = False


def _newton(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    width = x.shape[1]
    weights = np.zeros(width)
    penalty = RIDGE * np.eye(width)
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ weights, -50, 50)))
        gradient = x.T @ (p - y) + penalty @ weights
        hessian = (x.T * (p * (1 - p))) @ x + penalty + 1e-9 * np.eye(width)
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return weights


# The direction each feature may move the confidence in: evidence and similarity only
# raise it, a length mismatch and a merged bead only lower it. A fit that wanted the
# opposite would learn an accident of the dev set (there, beads that swallowed a caption
# keep a high similarity), and would make a pair that lost a clause look more certain.
SIGNS = {"evidence": 1, "similarity": 1, "deviation": -1, "merged": -1}


def fit_calibration(rows: Sequence[tuple[tuple[float, ...], bool]]) -> Calibration:
    linking = fit(rows, len(LINKING_FEATURES), [SIGNS[name] for name in LINKING_FEATURES])
    unaligned = fit(rows, 1, [1])
    return Calibration(linking, (unaligned[0], unaligned[1]))


BEFORE = Calibration((0.0, 1.0, *([0.0] * (len(LINKING_FEATURES) - 1))), (0.0, 1.0))


def reliability(predicted: NDArray[np.float64], right: NDArray[np.float64],
                bins: int = 10) -> tuple[list[tuple[str, int, float, float]], float, float]:
    """Rows (bin, beads, mean predicted, share right), ECE and Brier score."""
    rows = []
    ece = 0.0
    index = np.minimum((predicted * bins).astype(int), bins - 1)
    for k in range(bins):
        inside = index == k
        count = int(inside.sum())
        if count:
            mean, share = float(predicted[inside].mean()), float(right[inside].mean())
            ece += count * abs(mean - share)
            rows.append((f"{k / bins:.1f}–{(k + 1) / bins:.1f}", count, mean, share))
    brier = float(((predicted - right) ** 2).mean()) if len(right) else math.nan
    return rows, ece / max(len(right), 1), brier


def report(name: str, rows: Sequence[tuple[tuple[float, ...], bool]],
           calibration: Calibration) -> None:
    predicted = np.array(confidences([f for f, _ in rows], calibration))
    right = np.array([float(ok) for _, ok in rows])
    for kind, keep in (("linking", [len(f) > 1 for f, _ in rows]),
                       ("unaligned", [len(f) == 1 for f, _ in rows])):
        mask = np.array(keep, dtype=bool)
        table, ece, brier = reliability(predicted[mask], right[mask])
        print(f"  {name}, {kind} beads ({int(mask.sum())}, {right[mask].mean():.0%} right): "
              f"ECE {ece:.3f}  Brier {brier:.3f}")
        if kind == "linking":
            print("    | predicted | beads | mean predicted | share right |")
            print("    |---|---|---|---|")
            for label, count, mean, share in table:
                print(f"    | {label} | {count} | {mean:.2f} | {share:.2f} |")


def write(calibration: Calibration, path: Path) -> None:
    lines = [
        "# Confidence calibration of the aligner (mtcheck.align.confidence).",
        "# Fitted by benchmarks/calibrate_align.py --write: logistic regressions (Newton's",
        f"# method, ridge {RIDGE}) on the beads of the Bleualign dev set (German-French,",
        "# ../shared/data/bleualign-dev) aligned with the default settings, each bead labelled",
        "# right when it is exactly a gold bead. Refit after any change to the aligner's costs.",
        "",
        "[linking]",
        f"intercept = {calibration.linking[0]:.6f}",
        *(f"{name} = {w:.6f}" for name, w in zip(LINKING_FEATURES, calibration.linking[1:],
                                                  strict=True)),
        "",
        "[unaligned]",
        f"intercept = {calibration.unaligned[0]:.6f}",
        f"margin = {calibration.unaligned[1]:.6f}",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def corpus_mean_confidence(calibration: Calibration) -> tuple[float, float, int]:
    """Mean and lowest confidence of the shipped corpus's beads (all of them right)."""
    from mtcheck.corpus import load_corpus
    from mtcheck.segment import segment_document

    corpus = load_corpus(CORPUS)
    source = segment_document(corpus.source)
    values = []
    for _, document in sorted(corpus.translations.items()):
        target = segment_document(document)
        beads = align_with_features(source.texts(), target.texts(), source_lang=corpus.source.lang,
                                    target_lang=target.lang)
        values.extend(confidences([f for _, f in beads if len(f) > 1], calibration))
    return float(np.mean(values)), float(np.min(values)), len(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUTPUT.relative_to(ROOT)}")
    parser.add_argument("--dev", type=Path, default=None,
                        help="folder with dev.de, dev.fr, dev.defr (default ../shared/data/bleualign-dev)")
    args = parser.parse_args()
    if args.dev is not None:
        set_dev(args.dev)
    parts = [labelled(s, t, g) for s, t, g in dev_chunks()]
    print("cross-validated (fit on three parts, applied to the fourth, pooled):")
    pooled: list[tuple[tuple[float, ...], bool]] = []
    predicted: list[float] = []
    for k, part in enumerate(parts):
        training = [row for j, other in enumerate(parts) if j != k for row in other]
        model = fit_calibration(training)
        pooled.extend(part)
        predicted.extend(confidences([f for f, _ in part], model))
        print(f"  part {k + 1}: linking weights "
              + " ".join(f"{w:+.3f}" for w in model.linking))
    fitted_cv = np.array(predicted)
    right = np.array([float(ok) for _, ok in pooled])
    linking = np.array([len(f) > 1 for f, _ in pooled])
    for kind, mask in (("linking", linking), ("unaligned", ~linking)):
        table, ece, brier = reliability(fitted_cv[mask], right[mask])
        print(f"  calibrated, {kind} beads ({int(mask.sum())}): ECE {ece:.3f}  Brier {brier:.3f}")
        if kind == "linking":
            print("    | predicted | beads | mean predicted | share right |")
            print("    |---|---|---|---|")
            for label, count, mean, share in table:
                print(f"    | {label} | {count} | {mean:.2f} | {share:.2f} |")
    report("before (uncalibrated), same parts", pooled, BEFORE)
    source, target, gold = dev_data()
    whole = labelled(source, target, gold)
    model = fit_calibration(whole)
    print("\nfitted on the whole dev set:")
    print("  linking: " + ", ".join(f"{name} {w:+.4f}" for name, w in
                                    zip(("intercept", *LINKING_FEATURES), model.linking,
                                        strict=True)))
    print(f"  unaligned: intercept {model.unaligned[0]:+.4f}, margin {model.unaligned[1]:+.4f}")
    report("whole dev set (in-sample)", whole, model)
    if CORPUS.exists():
        mean, lowest, count = corpus_mean_confidence(model)
        print(f"  shipped corpus (every bead right): mean confidence {mean:.3f}, "
              f"lowest {lowest:.3f} over {count} linking beads")
    if args.write:
        write(model, OUTPUT)
        print(f"\nwrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
