"""Fit a logistic combination of the omission check's per-piece signals on seeded clause
drops in the clean dev corpora, and compare it with the hand-set sum.

Run from the repository root:

    python benchmarks/fit_omission_weights.py --collect /tmp/pieces-clean.json \\
        --clean corpora/clean --split dev --langs fr,es,ru,ja,el,en,de,it,pt,ko,zh
    python benchmarks/fit_omission_weights.py --collect /tmp/pieces-bleualign.json \\
        --dev ../shared/data/bleualign-dev
    python benchmarks/fit_omission_weights.py --fit /tmp/pieces-clean.json \\
        --evaluate /tmp/pieces-bleualign.json

``--collect`` runs the check on the benchmark's variants (``omission_bench.py``: the
untouched text and the clause drops, same seeds) and writes every tested part of a
sentence with its signals (:mod:`mtcheck.omission.combine`), the document's bar and
level, and what was flagged without a bar (aligner 1-0s, moved gaps) and by whole
sentences of merged pairs (which keep the hand sum and the full threshold).

``--fit`` fits the weights on one such file (multiple-instance logistic regression: a
seeded drop is found when the best piece of its sentence passes, an untouched pair is
flagged when any of its pieces passes; the best piece of each drop is chosen again
under the current weights, a few rounds, numpy only, deterministic), chooses the bar
(a probability) as the lowest at which the fitting data's untouched text keeps at most
the hand sum's false flags, and prints both combinations' recall and false flags on the
fitting data and on each ``--evaluate`` file (held out), with a precision-recall table
over the bar, and on held-out data also at the bar that gives the hand sum's false flags
there.

``--upper-bound FILE`` searches weights on FILE itself (hill climbing, seeded) for the
most clause drops at ``--budget`` false flags per 100 untouched sentences: how far any
reweighting of these signals could go. ``--signals FILE`` prints each signal's quartiles
on the drops found, the drops missed and the untouched pairs near the bar.

``--separation FILE`` measures a signal before it is weighed: for each signal, how well its
largest value over a sentence's parts tells the seeded clause drops' sentences from the
untouched text's sentences (the area under the ROC curve: 0.5 is chance), also among the
drops the hand sum misses; then the recall at ``--budget`` (bar set on the same text, as
``--upper-bound`` does) with the hand weights and ``--weigh`` (default the dictionary
signal) at each of several weights.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from omission_bench import load_clean, load_dev, variants  # noqa: E402

from mtcheck.align import align_documents  # noqa: E402
from mtcheck.config import Config, load_config  # noqa: E402
from mtcheck.omission import OMISSION_CHECKS, omission_candidates  # noqa: E402
from mtcheck.omission.combine import SIGNALS, PieceSignals, hand_score  # noqa: E402
from mtcheck.omission.detect import document_threshold  # noqa: E402
from mtcheck.omissions import alignment_findings  # noqa: E402

KINDS = ("none", "clause-first", "clause-second")
# The features of the fitted combination: the signals (the kind's prior replaced by one
# indicator per kind, whose weight the fit sets) and the document's level (the median
# evidence of its pairs' best pieces, as document_threshold reads it).
FEATURES = ("length", "anchors", "brackets", "lexicon", "support", "marks", "half", "gap",
            "dictionary", "bar")
ROUNDS = 6
L2 = 1.0
# How much more the untouched pairs weigh in all than the seeded drops: the bar is set for
# a few false flags per thousand pairs, so the fit must get the tail of the untouched
# pairs right rather than the bulk.
NEGATIVE_WEIGHT = 10.0


# --------------------------------------------------------------------------- collect
def collect(groups: Sequence[tuple[str, list, int]], config: Config, seed: int) -> list[dict]:
    records = []
    for name, data_sets, per_cell in groups:
        for data in data_sets:
            for v in variants(data, per_cell, seed):
                if v.kind not in KINDS:
                    continue
                alignment = align_documents(v.source, v.target, config.align)
                trace: list[PieceSignals] = []
                candidates = omission_candidates(v.source, v.target, alignment, None,
                                                 config.omission, trace)
                moved = {c.instead_of for c in candidates if c.instead_of is not None}
                fixed = {s for f in alignment_findings(v.source, v.target, alignment)
                         if f.check in OMISSION_CHECKS for s in f.source_ids
                         if not (f.check == "align.omission" and s in moved)}
                fixed |= {c.source_id for c in candidates if c.threshold_free}
                whole: dict[int, float] = {}
                for c in candidates:
                    if not c.threshold_free and c.kind == "sentence":
                        whole[c.source_id] = max(whole.get(c.source_id, -1e9), c.score)
                levels = sorted(c.score - c.prior if c.level is None else c.level
                                for c in candidates if not c.threshold_free
                                and not c.alternative and c.regrouped is None)
                records.append({
                    "group": name, "document": data.name, "kind": v.kind,
                    "position": v.position, "edited": v.edited,
                    "gold_omitted": list(v.gold_omitted),
                    "sentences": len(v.source.sentences),
                    "bar": document_threshold(candidates, config.omission),
                    "level": float(np.median(levels)) if levels else 0.0,
                    "fixed": sorted(fixed), "whole": {str(k): s for k, s in whole.items()},
                    "pieces": [[p.pair_index, p.source_id, p.kind, list(p.values)]
                               for p in trace if p.kind != "sentence"],
                })
        print(f"{name}: collected", file=sys.stderr)
    return records


# --------------------------------------------------------------------------- features
def features(piece: list, record: dict) -> list[float]:
    _pair, _sid, kind, values = piece
    named = dict(zip(SIGNALS, values, strict=True))
    return [named["length"], named["anchors"], named["brackets"], named["lexicon"],
            named["support"], named["marks"], float(kind == "half"), float(kind == "gap"),
            named.get("dictionary", 0.0), record["bar"]]


def hand(piece: list, record: dict, config: Config) -> float:
    """The hand sum's margin over its document's bar (0 at the bar)."""
    _pair, sid, kind, values = piece
    signals = PieceSignals(0, sid, 0, 0, kind, tuple(values))
    return hand_score(signals, config.omission) - record["bar"]


class Model:
    """Logistic combination over FEATURES (standardised inside)."""

    def __init__(self, weights: np.ndarray, bias: float, mean: np.ndarray, scale: np.ndarray):
        self.weights, self.bias, self.mean, self.scale = weights, bias, mean, scale

    def logit(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.weights + self.bias

    def raw(self) -> tuple[np.ndarray, float]:
        """Weights and bias on the unstandardised features."""
        w = self.weights / self.scale
        return w, float(self.bias - (self.mean / self.scale) @ self.weights)


def logistic(x: np.ndarray, y: np.ndarray, sample: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Weighted L2-regularised logistic regression by Newton's method (deterministic)."""
    n, d = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    theta = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(design @ theta)))
        gradient = design.T @ (sample * (p - y)) + penalty * theta
        hessian = (design * (sample * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian + 1e-9 * np.eye(d + 1), gradient)
        theta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    return theta[:-1], float(theta[-1])


def bags(records: Sequence[dict]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Pieces of each seeded drop's sentence (positive bags) and of each untouched pair
    (negative bags)."""
    positive, negative = [], []
    for r in records:
        if r["kind"] == "none":
            skip = set(r["gold_omitted"])
            by_pair: dict[int, list[list[float]]] = {}
            for piece in r["pieces"]:
                if piece[1] not in skip:
                    by_pair.setdefault(piece[0], []).append(features(piece, r))
            negative.extend(np.array(v) for _, v in sorted(by_pair.items()))
        else:
            mine = [features(p, r) for p in r["pieces"] if p[1] == r["edited"]]
            if mine:
                positive.append(np.array(mine))
    return positive, negative


def fit(records: Sequence[dict], config: Config, negative_weight: float = NEGATIVE_WEIGHT,
        ) -> Model:
    positive, negative = bags(records)
    everything = np.vstack(positive + negative)
    mean = everything.mean(axis=0)
    scale = everything.std(axis=0)
    scale[scale == 0] = 1.0
    # Start from the hand sum's choice of each drop's best piece.
    chosen = []
    for r in records:
        if r["kind"] == "none":
            continue
        mine = [p for p in r["pieces"] if p[1] == r["edited"]]
        if mine:
            chosen.append(int(np.argmax([hand(p, r, config) for p in mine])))
    negatives = np.vstack(negative)
    model = Model(np.zeros(len(FEATURES)), 0.0, mean, scale)
    for _ in range(ROUNDS):
        xs = np.vstack([np.array([bag[k] for bag, k in zip(positive, chosen, strict=True)]),
                        negatives])
        y = np.concatenate([np.ones(len(positive)), np.zeros(len(negatives))])
        # Each class weighs as much as the other in all.
        sample = np.concatenate([
            np.full(len(positive), 1 / len(positive)),
            np.full(len(negatives), negative_weight / len(negatives))]) * len(y) / (
            1 + negative_weight)
        weights, bias = logistic((xs - mean) / scale, y, sample, L2)
        model = Model(weights, bias, mean, scale)
        again = [int(np.argmax(model.logit(bag))) for bag in positive]
        if again == chosen:
            break
        chosen = again
    return model


# --------------------------------------------------------------------------- evaluate
def part_margins(record: dict, combine: str, model: Model | None,
                 config: Config) -> dict[int, float]:
    """Each source sentence's best part-of-sentence margin over its bar."""
    margins: dict[int, float] = {}
    if record["pieces"]:
        if combine == "hand":
            values = [hand(p, record, config) for p in record["pieces"]]
        else:
            assert model is not None
            values = list(model.logit(np.array([features(p, record)
                                                for p in record["pieces"]])))
        for piece, value in zip(record["pieces"], values, strict=True):
            margins[piece[1]] = max(margins.get(piece[1], -math.inf), float(value))
    return margins


def measure(records: Sequence[dict], combine: str, model: Model | None, config: Config,
            shift: float) -> tuple[float, float, float, int]:
    """Clause recall, false flags per 100 untouched sentences (edited variants, untouched
    text) with ``shift`` added to every part-of-sentence bar. Threshold-free findings and
    whole sentences of merged pairs (hand sum, full threshold) count as the check has them."""
    return measure_margins(records, [part_margins(r, combine, model, config) for r in records],
                           config, shift)


def measure_margins(records: Sequence[dict], margins: Sequence[dict[int, float]],
                    config: Config, shift: float) -> tuple[float, float, float, int]:
    """:func:`measure` with each record's part margins computed already."""
    hits = edits = false = total = untouched_false = untouched_total = 0
    for r, parts in zip(records, margins, strict=True):
        passed = set(r["fixed"]) | {int(s) for s, score in r["whole"].items()
                                    if score >= config.omission.threshold}
        passed |= {s for s, m in parts.items() if m >= shift}
        skip = set(r["gold_omitted"]) | ({r["edited"]} if r["edited"] is not None else set())
        flags = sum(1 for s in passed if s not in skip)
        others = r["sentences"] - len(skip)
        if r["kind"] == "none":
            untouched_false += flags
            untouched_total += others
        else:
            false += flags
            total += others
            hits += r["edited"] in passed
            edits += 1
    return (hits / max(edits, 1), 100 * false / max(total, 1),
            100 * untouched_false / max(untouched_total, 1), edits)


def groups_of(records: Sequence[dict]) -> list[str]:
    return sorted({r["group"] for r in records})


def report(label: str, records: Sequence[dict], model: Model, bar: float,
           config: Config) -> None:
    print(f"\n{label}")
    print(f"  {'data set':<50}{'edits':>6}  {'hand: clause / false / untouched':>34}"
          f"  {'fitted: clause / false / untouched':>36}")
    for group in groups_of(records):
        mine = [r for r in records if r["group"] == group]
        h = measure(mine, "hand", None, config, 0.0)
        f = measure(mine, "fitted", model, config, bar)
        print(f"  {group[:50]:<50}{h[3]:>6}  {h[0]:>12.2f} / {h[1]:>5.2f} / {h[2]:>5.2f}"
              f"{'':>6}{f[0]:>12.2f} / {f[1]:>5.2f} / {f[2]:>5.2f}")


def curve(label: str, records: Sequence[dict], model: Model, config: Config) -> None:
    print(f"\n{label}: over the bar (hand: shift of every part's bar; fitted: probability)")
    print(f"  {'hand shift':>10} {'clause':>7} {'false':>6} {'untouched':>9}    "
          f"{'p':>5} {'clause':>7} {'false':>6} {'untouched':>9}")
    shifts = [-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0]
    probabilities = [0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995]
    hand_margins = [part_margins(r, "hand", None, config) for r in records]
    fitted_margins = [part_margins(r, "fitted", model, config) for r in records]
    for shift, p in zip(shifts, probabilities, strict=True):
        h = measure_margins(records, hand_margins, config, shift)
        f = measure_margins(records, fitted_margins, config, math.log(p / (1 - p)))
        print(f"  {shift:>10.1f} {h[0]:>7.2f} {h[1]:>6.2f} {h[2]:>9.2f}    {p:>5.3f} "
              f"{f[0]:>7.2f} {f[1]:>6.2f} {f[2]:>9.2f}")


def choose_bar(records: Sequence[dict], model: Model, config: Config) -> float:
    """The lowest bar (a logit) at which the fitting data keeps at most the hand sum's false
    flags, on the edited variants and on the untouched text."""
    _, hand_false, hand_untouched, _ = measure(records, "hand", None, config, 0.0)
    margins = [part_margins(r, "fitted", model, config) for r in records]
    for step in range(0, 161):
        bar = -4.0 + step * 0.1
        _, false, untouched, _ = measure_margins(records, margins, config, bar)
        if false <= hand_false + 1e-9 and untouched <= hand_untouched + 1e-9:
            return bar
    return 12.0


def signal_table(label: str, records: Sequence[dict], config: Config) -> None:
    """Each signal's quartiles on the best piece (hand sum) of the seeded drops found, of
    those missed, and of the untouched pairs near the bar (margin above -3), with the
    hand sum's margin over the document's bar."""
    found: list[list[float]] = []
    missed: list[list[float]] = []
    near: list[list[float]] = []
    for r in records:
        if r["kind"] == "none":
            skip = set(r["gold_omitted"])
            best: dict[int, tuple[float, list]] = {}
            for p in r["pieces"]:
                if p[1] in skip:
                    continue
                m = hand(p, r, config)
                if p[0] not in best or m > best[p[0]][0]:
                    best[p[0]] = (m, p)
            near.extend([*features(p, r), m] for m, p in best.values() if m > -3)
            continue
        mine = [p for p in r["pieces"] if p[1] == r["edited"]]
        if not mine:
            continue
        p = max(mine, key=lambda q: hand(q, r, config))
        row = [*features(p, r), hand(p, r, config)]
        found_it = (r["edited"] in r["fixed"] or row[-1] >= 0
                    or r["whole"].get(str(r["edited"]), -1e9) >= config.omission.threshold)
        (found if found_it else missed).append(row)
    print(f"\n{label}: signals of the best piece (quartiles 25 / 50 / 75)")
    print(f"  {'signal':<10}{'drops found (' + str(len(found)) + ')':>24}"
          f"{'drops missed (' + str(len(missed)) + ')':>26}"
          f"{'untouched, margin > -3 (' + str(len(near)) + ')':>34}")
    for k, name in enumerate((*FEATURES, "margin")):
        cells = []
        for rows in (found, missed, near):
            if rows:
                q = np.percentile([row[k] for row in rows], [25, 50, 75])
                cells.append(f"{q[0]:>7.2f} {q[1]:>7.2f} {q[2]:>7.2f}")
            else:
                cells.append(f"{'-':>23}")
        print(f"  {name:<10}{cells[0]:>24}{cells[1]:>26}{cells[2]:>34}")


class Frontier:
    """Recall of a linear combination at a fixed false-flag budget on one data set's
    untouched text, fast enough to search over many weight vectors."""

    def __init__(self, records: Sequence[dict], config: Config, budget: float):
        rows: list[list[float]] = []
        owners: list[int] = []  # per piece: index of its (record, sentence) group
        groups: dict[tuple[int, int], int] = {}
        self.base_false = 0
        untouched = 0
        self.edited: list[tuple[int, bool]] = []  # (group or -1, found without a bar)
        self.untouched_groups: list[int] = []
        for k, r in enumerate(records):
            passed = set(r["fixed"]) | {int(s) for s, score in r["whole"].items()
                                        if score >= config.omission.threshold}
            skip = set(r["gold_omitted"])
            for piece in r["pieces"]:
                key = (k, piece[1])
                if key not in groups:
                    groups[key] = len(groups)
                rows.append(features(piece, r))
                owners.append(groups[key])
            if r["kind"] == "none":
                others = [s for s in range(r["sentences"]) if s not in skip]
                untouched += len(others)
                self.base_false += sum(1 for s in others if s in passed)
                self.untouched_groups.extend(groups[(k, s)] for s in others
                                             if s not in passed and (k, s) in groups)
            else:
                self.edited.append((groups.get((k, r["edited"]), -1), r["edited"] in passed))
        self.x = np.array(rows)
        self.owners = np.array(owners)
        self.groups = len(groups)
        # Flags the budget leaves for parts of sentences on the untouched text.
        self.allowed = math.floor(budget * untouched / 100 + 1e-9) - self.base_false
        self.untouched = untouched

    def recall(self, weights: np.ndarray) -> float:
        best = np.full(self.groups, -np.inf)
        np.maximum.at(best, self.owners, self.x @ weights)
        values = np.sort(best[self.untouched_groups])[::-1]
        bar = values[self.allowed] + 1e-9 if 0 <= self.allowed < len(values) else -np.inf
        hits = sum(1 for group, fixed in self.edited
                   if fixed or (group >= 0 and best[group] >= bar))
        return hits / max(len(self.edited), 1)


def upper_bound(records: Sequence[dict], config: Config, budget: float, seed: int) -> None:
    """The best recall any weighting of the signals reaches on ``records`` themselves at
    ``budget`` false flags per 100 untouched sentences (the bar set on the same text): a
    bound for any combination fitted elsewhere. Hill climbing from the hand weights and
    from random starts, seeded."""
    frontier = Frontier(records, config, budget)
    hand_weights_ = np.array([1.0, 1.0, config.omission.bracket_missing,
                              config.omission.lexicon, config.omission.support,
                              config.omission.punctuation, config.omission.half_prior,
                              config.omission.gap_prior, config.omission.dictionary, 0.0])
    generator = np.random.default_rng(seed)
    starts = [hand_weights_] + [generator.uniform(0, 2, len(FEATURES)) * np.array(
        [1, 1, 1, 4, 1, 1, -3, -5, 1, 0]) for _ in range(20)]
    best_weights, best = hand_weights_, frontier.recall(hand_weights_)
    print(f"\nupper bound at {budget:g} false flags per 100 untouched sentences "
          f"({frontier.untouched} sentences; {frontier.base_false} flagged without a bar, "
          f"{frontier.allowed} parts allowed): hand weights {best:.2f}")
    for start in starts:
        weights, value = start.copy(), frontier.recall(start)
        step = 0.5
        while step > 0.01:
            improved = False
            for k in range(len(FEATURES) - 1):  # the bar is one value here
                for sign in (1, -1):
                    trial = weights.copy()
                    trial[k] += sign * step * max(abs(weights[k]), 0.5)
                    score = frontier.recall(trial)
                    if score > value + 1e-12:
                        weights, value, improved = trial, score, True
            if not improved:
                step /= 2
        if value > best:
            best_weights, best = weights, value
    print(f"  best found: {best:.2f} with weights "
          + ", ".join(f"{n} {w:.2f}" for n, w in zip(FEATURES, best_weights, strict=True)))


def _auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """P(a positive's value > a negative's), ties counted half (Mann-Whitney)."""
    if not positive or not negative:
        return float("nan")
    ranked = np.sort(np.asarray(negative))
    wins = sum(np.searchsorted(ranked, v, "left") + (np.searchsorted(ranked, v, "right")
                                                    - np.searchsorted(ranked, v, "left")) / 2
               for v in positive)
    return float(wins / (len(positive) * len(negative)))


def separation(label: str, records: Sequence[dict], config: Config, budget: float,
               signal: str) -> None:
    """AUC of each signal (max over a sentence's parts), drops against untouched sentences,
    and recall at ``budget`` as ``signal``'s weight grows."""
    drops: list[dict[str, float]] = []
    missed: list[dict[str, float]] = []
    untouched: list[dict[str, float]] = []
    for r in records:
        by_sentence: dict[int, list[list]] = {}
        for p in r["pieces"]:
            by_sentence.setdefault(p[1], []).append(p)
        def maxima(pieces: list[list]) -> dict[str, float]:
            named = [dict(zip(SIGNALS, p[3], strict=True)) for p in pieces]
            return {name: max(n.get(name, 0.0) for n in named) for name in SIGNALS}
        if r["kind"] == "none":
            skip = set(r["gold_omitted"])
            untouched.extend(maxima(ps) for sid, ps in by_sentence.items() if sid not in skip)
            continue
        mine = by_sentence.get(r["edited"])
        if not mine:
            continue
        drops.append(maxima(mine))
        best = max(hand(p, r, config) for p in mine)
        if not (r["edited"] in r["fixed"] or best >= 0):
            missed.append(drops[-1])
    print(f"\n{label}: separation of each signal (max over a sentence's parts), "
          f"{len(drops)} clause drops ({len(missed)} missed by the hand sum) against "
          f"{len(untouched)} untouched sentences")
    for name in SIGNALS:
        values = [d[name] for d in untouched]
        print(f"  {name:<16} AUC all drops {_auc([d[name] for d in drops], values):.3f}, "
              f"missed drops {_auc([d[name] for d in missed], values):.3f}; "
              f"median drops {np.median([d[name] for d in drops]) if drops else 0:.2f}, "
              f"untouched {np.median(values) if values else 0:.2f}")
    frontier = Frontier(records, config, budget)
    base = np.array([1.0, 1.0, config.omission.bracket_missing, config.omission.lexicon,
                     config.omission.support, config.omission.punctuation,
                     config.omission.half_prior, config.omission.gap_prior,
                     config.omission.dictionary, 0.0])
    column = FEATURES.index(signal)
    cells = []
    for weight in (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0):
        trial = base.copy()
        trial[column] = weight
        cells.append(f"{weight:g}: {frontier.recall(trial):.2f}")
    print(f"  recall at {budget:g} false flags per 100 untouched sentences (bar set on this "
          f"text), {signal} weight " + ", ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collect", type=Path, help="write the pieces of these data here")
    parser.add_argument("--dev", type=Path, help="the Bleualign dev folder")
    parser.add_argument("--clean", type=Path, help="folder of clean corpora (corpora/clean)")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--langs", default="fr,es,ru,ja,el,en,de,it,pt,ko,zh")
    parser.add_argument("--per-cell", type=int, default=20)
    parser.add_argument("--clean-per-cell", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fit", type=Path, help="fit on the pieces of this file")
    parser.add_argument("--evaluate", type=Path, nargs="*", default=[],
                        help="held-out pieces files to measure the fitted weights on")
    parser.add_argument("--signals", type=Path, nargs="*", default=[],
                        help="print each signal on the drops found, missed and untouched")
    parser.add_argument("--negative-weight", type=float, default=NEGATIVE_WEIGHT,
                        help="weight of the untouched pairs against the drops in the fit "
                             "(default: %(default)s)")
    parser.add_argument("--upper-bound", type=Path, nargs="*", default=[],
                        help="best recall any weighting reaches on this file itself")
    parser.add_argument("--separation", type=Path, nargs="*", default=[],
                        help="how well each signal separates drops from untouched sentences")
    parser.add_argument("--weigh", default="dictionary", choices=FEATURES[:-1],
                        help="the signal --separation weighs (default: %(default)s)")
    parser.add_argument("--budget", type=float, default=2.0,
                        help="false flags per 100 untouched sentences for --upper-bound")
    parser.add_argument("--config", type=Path, default=None,
                        help="a config file whose [omission] table to use (default: built-in)")
    args = parser.parse_args()
    config = load_config(args.config)
    if args.collect:
        groups: list[tuple[str, list, int]] = []
        if args.dev:
            groups.append(("bleualign-dev (de -> fr)", [load_dev(args.dev, args.seed)],
                           args.per_cell))
        if args.clean:
            for lang in args.langs.split(","):
                data = load_clean(args.clean, lang, args.split)
                if data:
                    groups.append((f"clean -> {lang}", data, args.clean_per_cell))
        records = collect(groups, config, args.seed)
        args.collect.write_text(json.dumps(records), encoding="utf-8")
        print(f"wrote {args.collect}: {len(records)} variants")
    for path in args.upper_bound:
        upper_bound(json.loads(path.read_text(encoding="utf-8")), config, args.budget,
                    args.seed)
    for path in args.separation:
        separation(str(path), json.loads(path.read_text(encoding="utf-8")), config,
                   args.budget, args.weigh)
    for path in args.signals:
        signal_table(str(path), json.loads(path.read_text(encoding="utf-8")), config)
    if args.fit:
        records = json.loads(args.fit.read_text(encoding="utf-8"))
        model = fit(records, config, args.negative_weight)
        bar = choose_bar(records, model, config)
        raw, bias = model.raw()
        print("fitted weights (unstandardised features):")
        for name, w in zip(FEATURES, raw, strict=True):
            print(f"  {name:<10}{w:>9.4f}")
        print(f"  {'bias':<10}{bias:>9.4f}")
        print(f"bar: logit {bar:.2f} (probability {1 / (1 + math.exp(-bar)):.3f})")
        report(f"fitting data ({args.fit})", records, model, bar, config)
        curve(f"fitting data ({args.fit})", records, model, config)
        for path in args.evaluate:
            held = json.loads(path.read_text(encoding="utf-8"))
            report(f"held out ({path})", held, model, bar, config)
            curve(f"held out ({path})", held, model, config)
            same = choose_bar(held, model, config)
            recall, false, untouched, _ = measure(held, "fitted", model, config, same)
            print(f"  at the hand sum's false flags on this data (bar set on it: logit "
                  f"{same:.2f}): fitted clause drops {recall:.2f}, false flags {false:.2f} / "
                  f"{untouched:.2f}")


if __name__ == "__main__":
    main()
