"""Scores: sacrebleu BLEU, chrF, chrF++ and TER, per document and per aligned pair.

Two comparisons share this code. *Reference* scores compare the translation
with a human reference in the target language. *Round-trip* scores compare the
back-translation of the translation with the English source; they are
estimates, labelled as such everywhere.

Corpus scores need parallel streams, but a translation and its reference are
aligned to the source independently (one may merge two sentences the other
keeps apart). So sentences are grouped into *units*: the smallest runs of
source sentences on which both alignments agree. Omitted sentences stay in as
empty hypotheses, so an omission lowers the score instead of vanishing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from sacrebleu.metrics.base import Metric
from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

from mtcheck.config import ScoreConfig
from mtcheck.languages import get_language
from mtcheck.types import Alignment, MetricScore, ScoreKind, SegmentedDocument

METRICS = ("BLEU", "chrF", "chrF++", "TER")
ROUNDTRIP_METRICS = ("chrF", "BLEU")


@dataclass(frozen=True)
class ScoringUnit:
    """Parallel text for one unit: the hypothesis and what it is compared with."""

    source_ids: tuple[int, ...]
    pair_indexes: tuple[int, ...]  # pairs of the scored alignment in this unit
    hypothesis: str
    reference: str


@dataclass(frozen=True)
class ScoreSet:
    """Document scores plus sentence-level values per pair index ("chrF" -> value)."""

    scores: tuple[MetricScore, ...]
    per_pair: Mapping[int, Mapping[str, float]]
    per_pair_reference: Mapping[int, str]


def make_metric(name: str, lang: str) -> Metric:
    """The sacrebleu metric ``name`` set up for text in ``lang`` (tokenizer from the registry)."""
    language = get_language(lang)
    if name == "BLEU":
        return BLEU(tokenize=language.bleu_tokenizer)
    if name == "chrF":
        return CHRF()
    if name == "chrF++":
        return CHRF(word_order=2)
    if name == "TER":
        # sacrebleu applies asian_support only inside its normaliser, so CJK needs both.
        return TER(normalized=language.is_cjk, asian_support=language.is_cjk)
    known = ", ".join(METRICS)
    raise ValueError(f"unknown metric {name!r}; known metrics: {known}")


def _sentence_metric(name: str, lang: str) -> Metric:
    if name == "BLEU":
        return BLEU(tokenize=get_language(lang).bleu_tokenizer, effective_order=True)
    return make_metric(name, lang)


def join_sentences(texts: Sequence[str], lang: str) -> str:
    return ("" if not get_language(lang).spaces else " ").join(t for t in texts if t)


def reference_units(
    target: SegmentedDocument,
    alignment: Alignment,
    reference: SegmentedDocument,
    reference_alignment: Alignment,
) -> list[ScoringUnit]:
    """Group the translation and the reference onto common runs of source sentences."""
    groups = common_groups([alignment, reference_alignment])
    target_texts = target.texts()
    reference_texts = reference.texts()
    units = []
    for source_ids, members in groups:
        pair_indexes = tuple(i for i in members[0])
        hyp_ids = [t for i in pair_indexes for t in alignment.pairs[i].target_ids]
        ref_ids = [t for i in members[1] for t in reference_alignment.pairs[i].target_ids]
        units.append(
            ScoringUnit(
                source_ids=source_ids,
                pair_indexes=pair_indexes,
                hypothesis=join_sentences([target_texts[t] for t in hyp_ids], target.lang),
                reference=join_sentences([reference_texts[t] for t in ref_ids], reference.lang),
            )
        )
    return units


def roundtrip_units(
    source: SegmentedDocument, alignment: Alignment, backtranslations: Sequence[str]
) -> list[ScoringUnit]:
    """One unit per aligned pair: back-translated target against its source sentences."""
    source_texts = source.texts()
    units = []
    for index, pair in enumerate(alignment.pairs):
        units.append(
            ScoringUnit(
                source_ids=pair.source_ids,
                pair_indexes=(index,),
                hypothesis=join_sentences([backtranslations[t] for t in pair.target_ids],
                                          source.lang),
                reference=join_sentences([source_texts[s] for s in pair.source_ids],
                                         source.lang),
            )
        )
    return units


def score_units(
    units: Sequence[ScoringUnit],
    lang: str,
    kind: ScoreKind,
    config: ScoreConfig,
    metrics: Sequence[str] = METRICS,
    signature_suffix: str = "",
) -> ScoreSet:
    """Corpus scores with bootstrap CIs, and sentence scores for every pair of each unit."""
    hyps = [u.hypothesis for u in units]
    refs = [u.reference for u in units]
    scores = []
    per_pair: dict[int, dict[str, float]] = {}
    per_pair_reference: dict[int, str] = {}
    for name in metrics:
        metric = make_metric(name, lang)
        if not units:
            continue
        metric._check_corpus_score_args(hyps, [refs])
        # Per-unit sufficient statistics, extracted once: the corpus score, the bootstrap
        # and every sentence score are computed from them (TER's edit distance is the
        # costly part and is not recomputed per sentence).
        segment_stats = metric._extract_corpus_statistics(hyps, [refs])
        stats = np.asarray(segment_stats, dtype=np.float64)
        result = metric._compute_score_from_stats(list(stats.sum(0)))
        signature = metric.get_signature().format()
        low = high = None
        if config.bootstrap_resamples > 1 and len(units) > 1:
            low, high = bootstrap_interval(metric, stats, config)
            # sacrebleu's own signature stays as sacrebleu prints it; the interval is
            # mtcheck's (percentile bootstrap), named in a field of its own.
            signature = (f"{signature}|ci:percentile95,bs:{config.bootstrap_resamples},"
                         f"seed:{config.seed}")
        if signature_suffix:
            signature = f"{signature}|{signature_suffix}"
        scores.append(
            MetricScore(
                metric=name,
                kind=kind,
                value=round(float(result.score), 4),
                signature=signature,
                ci_low=low,
                ci_high=high,
                higher_is_better=name != "TER",
            )
        )
        sentence_metric = _sentence_metric(name, lang)
        for unit, unit_stats in zip(units, segment_stats, strict=True):
            # What sacrebleu's sentence_score computes, from the statistics in hand.
            value = round(float(sentence_metric._compute_score_from_stats(unit_stats).score), 4)
            for index in unit.pair_indexes:
                per_pair.setdefault(index, {})[name] = value
                per_pair_reference[index] = unit.reference
    return ScoreSet(tuple(scores), per_pair, per_pair_reference)


# Resamples summed per matrix product; bounds the count matrix at _BLOCK x segments.
_BLOCK = 256


def bootstrap_interval(
    metric: Metric, stats: np.ndarray, config: ScoreConfig
) -> tuple[float, float]:
    """95% percentile bootstrap interval of a corpus score (Koehn 2004).

    ``stats`` are sacrebleu's per-segment sufficient statistics. The same
    resampling as sacrebleu's ``--confidence`` (segment statistics
    resampled with replacement, the score recomputed from summed statistics),
    with mtcheck's seed and float64 statistics, reported as the interval's
    bounds rather than sacrebleu's mean ± half-width.

    One seeded index matrix draws every resample; each resample's statistics are
    summed by one matrix product (how often each segment was drawn, times the
    statistics), which is exact because the statistics are integer counts. The
    score of each resample is then sacrebleu's own formula.
    """
    rng = np.random.default_rng(config.seed)
    n = len(stats)
    samples = rng.integers(0, n, size=(config.bootstrap_resamples, n))
    values: list[float] = []
    for start in range(0, len(samples), _BLOCK):
        block = samples[start:start + _BLOCK]
        offsets = block + (np.arange(len(block)) * n)[:, None]
        counts = np.bincount(offsets.ravel(), minlength=len(block) * n).reshape(len(block), n)
        values.extend(scores_of_sums(metric, counts.astype(np.float64) @ stats))
    values.sort()
    cut = len(values) // 40
    return round(float(values[cut]), 4), round(float(values[len(values) - cut - 1]), 4)


def scores_of_sums(metric: Metric, sums: np.ndarray) -> list[float]:
    """sacrebleu's score of each row of summed statistics, bit for bit.

    chrF and TER are computed for all rows at once: their formulas are sums, products and
    quotients, which numpy evaluates in the same order and IEEE arithmetic as sacrebleu's
    Python does (tested). BLEU takes logarithms and exponentials, whose last bit may differ
    between numpy and Python's math module, so its rows go through sacrebleu one by one.
    """
    if isinstance(metric, CHRF):
        return _chrf_of_sums(metric, sums).tolist()  # type: ignore[no-any-return]
    if isinstance(metric, TER):
        edits, lengths = sums[:, 0], sums[:, 1]
        rate = np.where(lengths > 0, edits / np.where(lengths > 0, lengths, 1.0),
                        np.where(edits > 0, 1.0, 0.0))
        return (100 * rate).tolist()  # type: ignore[no-any-return]
    return [metric._compute_score_from_stats(list(row)).score for row in sums]


def _chrf_of_sums(metric: CHRF, sums: np.ndarray) -> np.ndarray:
    """``CHRF._compute_f_score`` of every row, operation for operation."""
    eps = 1e-16
    factor = metric.beta ** 2
    rows = len(sums)
    score = np.zeros(rows)
    avg_prec, avg_rec = np.zeros(rows), np.zeros(rows)
    effective_order = np.zeros(rows)
    for i in range(metric.order):
        n_hyp, n_ref, n_match = sums[:, 3 * i], sums[:, 3 * i + 1], sums[:, 3 * i + 2]
        prec = np.where(n_hyp > 0, n_match / np.where(n_hyp > 0, n_hyp, 1.0), eps)
        rec = np.where(n_ref > 0, n_match / np.where(n_ref > 0, n_ref, 1.0), eps)
        denom = factor * prec + rec
        score += np.where(denom > 0, (1 + factor) * prec * rec / np.where(denom > 0, denom, 1.0),
                          eps)
        both = (n_hyp > 0) & (n_ref > 0)
        avg_prec = np.where(both, avg_prec + prec, avg_prec)
        avg_rec = np.where(both, avg_rec + rec, avg_rec)
        effective_order += both
    if metric.eps_smoothing:
        return 100 * score / metric.order
    some = effective_order > 0
    avg_prec = np.where(some, avg_prec / np.where(some, effective_order, 1.0), 0.0)
    avg_rec = np.where(some, avg_rec / np.where(some, effective_order, 1.0), 0.0)
    total = avg_prec + avg_rec
    f_score = (1 + factor) * avg_prec * avg_rec
    f_score = f_score / np.where(total != 0, (factor * avg_prec) + avg_rec, 1.0)
    return np.where(total != 0, 100 * f_score, 0.0)


def coverage(alignment: Alignment, source_count: int) -> float:
    """Share of source sentences whose pair has at least one target sentence."""
    if source_count == 0:
        return 0.0
    covered = sum(len(p.source_ids) for p in alignment.pairs if p.target_ids)
    return round(covered / source_count, 4)


def common_groups(
    alignments: Sequence[Alignment],
) -> list[tuple[tuple[int, ...], list[tuple[int, ...]]]]:
    """Cut the source into the coarsest common refinement of several alignments.

    Returns, in source order, each group's source ids and, per alignment, the
    indexes of its pairs in the group. Pairs with no source sentence (additions)
    join the group of the pair before them (or the first group).
    """
    # A cut after source sentence k is allowed only if no pair of any alignment straddles it.
    straddled: set[int] = set()
    n_source = 0
    for alignment in alignments:
        for pair in alignment.pairs:
            if pair.source_ids:
                n_source = max(n_source, max(pair.source_ids) + 1)
                straddled.update(range(min(pair.source_ids), max(pair.source_ids)))
    group_of = []
    group = 0
    for k in range(n_source):
        group_of.append(group)
        if k not in straddled:
            group += 1
    n_groups = group
    members: list[list[list[int]]] = [[[] for _ in alignments] for _ in range(max(n_groups, 1))]
    for a, alignment in enumerate(alignments):
        current = 0
        for index, pair in enumerate(alignment.pairs):
            if pair.source_ids:
                current = group_of[pair.source_ids[0]]
            members[current][a].append(index)
    source_by_group: list[list[int]] = [[] for _ in range(max(n_groups, 1))]
    for k in range(n_source):
        source_by_group[group_of[k]].append(k)
    return [
        (tuple(source_by_group[g]), [tuple(m) for m in members[g]])
        for g in range(len(members))
    ]
