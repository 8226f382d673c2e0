"""Sentence alignment of two lists of sentences: signals + costs + banded search."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
from numpy.typing import NDArray

from mtcheck.align.anchors import anchor_lines, anchor_pairs
from mtcheck.align.confidence import Calibration, bead_features, confidences
from mtcheck.align.cost import (
    BeadCosts,
    Channel,
    LengthModel,
    estimate_ratio,
    estimate_variance,
    length_ratio,
)
from mtcheck.align.search import Band, Bead, SearchResult, banded_search
from mtcheck.align.signals import (
    DEFAULT_WEIGHTS,
    SignalWeights,
    contentless,
    feature_matrices,
    soft_boundaries,
    text_length,
)
from mtcheck.config import AlignConfig
from mtcheck.errors import ConfigError
from mtcheck.segment import ends_sentence
from mtcheck.types import AlignedPair

SearchFunction = Callable[[Band], tuple[SearchResult, BeadCosts]]
# The widest band, in multiples of the first: bounds the work per row, so that a search
# is linear in the document's length whatever happens in it.
_MAX_WIDENING = 16
# Cost of leaving a sentence without any word unaligned (OCR debris, a row of dots, a
# lone number), opening a run or extending one: below the unaligned prior's 4.2, so that
# such a sentence is not taken into a neighbour's bead for want of anything better.
_CONTENTLESS_COST = 1.0
# The lowest and highest target position per source position that the anchors allow.
Lines = tuple[NDArray[np.float64], NDArray[np.float64]]

# Prior probability of each bead kind. 1-1, 1-2, 2-1 and 2-2 are Gale & Church's (1993)
# estimates as used by NLTK; larger kinds get roughly a tenth of the probability of the next
# smaller one. Unaligned sentences (1-0, 0-1) get 0.015 rather than Gale & Church's 0.0099:
# in translation QA they are what users look for, and at 0.0099 a dropped sentence tends to
# be merged into its neighbour's bead instead. They only matter relative to each other.
PRIORS: dict[Bead, float] = {
    (1, 1): 0.89,
    (1, 2): 0.089, (2, 1): 0.089,
    (1, 0): 0.015, (0, 1): 0.015,
    (2, 2): 0.011,
    (1, 3): 0.0089, (3, 1): 0.0089,
    (2, 3): 0.0011, (3, 2): 0.0011,
    (1, 4): 0.0009, (4, 1): 0.0009,
    (3, 3): 0.0001,
    (1, 5): 0.00009, (5, 1): 0.00009, (2, 4): 0.0001, (4, 2): 0.0001,
}
_REQUIRED: tuple[Bead, ...] = ((1, 0), (0, 1))
# Back-translations are in the source language: words match whole, so short ones count.
_BACKTRANSLATION_SIGNALS = SignalWeights(ngram_size=3, min_word_length=2)


def parse_beads(kinds: Sequence[str]) -> list[Bead]:
    """Bead kinds as typed in the config ("1-2") to pairs; unknown kinds list the valid ones."""
    beads: list[Bead] = []
    for kind in kinds:
        left, sep, right = kind.partition("-")
        bead = (int(left), int(right)) if sep and left.isdigit() and right.isdigit() else None
        if bead is None or bead not in PRIORS:
            valid = ", ".join(f"{a}-{b}" for a, b in PRIORS)
            raise ConfigError("align.beads", f"unknown bead kind {kind!r} (valid: {valid})")
        if bead not in beads:
            beads.append(bead)
    for bead in _REQUIRED:
        if bead not in beads:
            beads.append(bead)
    return beads


def align_sentences(
    source: Sequence[str],
    target: Sequence[str],
    *,
    source_lang: str,
    target_lang: str,
    config: AlignConfig | None = None,
    target_in_source_language: Sequence[str] | None = None,
    length_model: LengthModel | None = None,
    may_be_cut_off: bool = True,
) -> list[AlignedPair]:
    """Align two sentence lists; every sentence ends up in exactly one bead, in order.

    ``target_in_source_language`` are back-translations of the target sentences
    (one each); when given they add a strong source-vs-back-translation
    similarity to the cost, as in Bleualign. ``length_model`` fixes the length
    ratio and variance (e.g. estimated on the whole document when aligning one
    paragraph); by default they are estimated from these sentences.
    ``may_be_cut_off`` false says these sentences are not the end of the document
    (a paragraph before the last), so that a last sentence without a final stop is
    not taken for a cut-off translation (see :func:`cut_off`).
    """
    config = config or AlignConfig()
    n, m = len(source), len(target)
    if target_in_source_language is not None and len(target_in_source_language) != m:
        raise ValueError(f"{len(target_in_source_language)} back-translations for {m} "
                         "target sentences; expected one per target sentence")
    if n == 0 or m == 0:
        return [AlignedPair((i,), (), 0.0, 1.0) for i in range(n)] + [
            AlignedPair((), (j,), 0.0, 1.0) for j in range(m)
        ]
    searcher = _Searcher(source, target, source_lang, target_lang, config,
                         target_in_source_language, may_be_cut_off)
    if length_model is None:
        length_model = searcher.length_model()
    result, costs = _search_widening(n, m, config, searcher(n, m, length_model),
                                     searcher.centre(n, m))
    return _pairs(result, costs)


def estimate_length_model(
    source: Sequence[str],
    target: Sequence[str],
    *,
    source_lang: str,
    target_lang: str,
    config: AlignConfig | None = None,
) -> LengthModel:
    """The length ratio and variance that :func:`align_sentences` would estimate for these texts.

    Paragraph-by-paragraph alignment uses the whole document's: a paragraph has
    too few sentences for its own, and one dropped sentence skews its ratio.
    """
    config = config or AlignConfig()
    if not source or not target:
        return LengthModel(1.0)
    return _Searcher(source, target, source_lang, target_lang, config, None).length_model()


# Anchor pairs needed before their lengths, not the documents', give the first length ratio.
_MIN_ANCHORS_FOR_RATIO = 3
_RATIO_DISAGREEMENT = 1.5
# A translation stops early (see _Searcher._ends_early) when at least this many source
# sentences follow the last anchor pair (plus one per target sentence after it), and they
# are this many times longer (at the anchors' ratio) than the translation after it.
_EARLY_END_SENTENCES = 3
_EARLY_END_FACTOR = 3.0
# Source sentences of the first pass that estimates the length model: plenty for two
# numbers, and it keeps that pass a small share of the time on a long document.
_VARIANCE_SAMPLE = 500


class _Searcher:
    """Signals, lengths and soft cuts of one document pair, and searches over them."""

    def __init__(self, source: Sequence[str], target: Sequence[str], source_lang: str,
                 target_lang: str, config: AlignConfig,
                 backtranslations: Sequence[str] | None, may_be_cut_off: bool = True) -> None:
        beads = parse_beads(config.beads)
        self._config = config
        self._n, self._m = len(source), len(target)
        self._channels = _channels(source, target, source_lang, target_lang, config,
                                   backtranslations)
        self._source_lengths = [text_length(t) for t in source]
        self._target_lengths = [text_length(t) for t in target]
        self._priors = {bead: PRIORS[bead] for bead in beads}
        self._consuming = [bead for bead in beads if bead[0] >= 1]
        self._anchor_cache: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._contentless = (np.array([contentless(t) for t in source], dtype=bool),
                             np.array([contentless(t) for t in target], dtype=bool))
        self._soft = (soft_boundaries(source, source_lang, config.soft_boundary_cost),
                      soft_boundaries(target, target_lang, config.soft_boundary_cost))
        self._cut_off = may_be_cut_off and (cut_off(source, target) or self._ends_early())

    def _ends_early(self) -> bool:
        """Whether the translation stops after a whole sentence, well before the source ends.

        The last anchor pair (sentences sharing rare numbers or names) is near the end of
        the translation but not of the source, and what follows it in the source would
        take, at the anchors' length ratio, more than ``_EARLY_END_FACTOR`` times the
        translation that follows it. A translation that ends mid-sentence is caught by
        :func:`cut_off` instead.
        """
        anchors = self._anchors(self._n, self._m)
        if len(anchors) < _MIN_ANCHORS_FOR_RATIO:
            return False
        last_source, last_target = anchors[-1]
        left_source = self._n - 1 - last_source
        left_target = self._m - 1 - last_target
        if left_source < _EARLY_END_SENTENCES + left_target:
            return False
        ratio = length_ratio([self._source_lengths[s] for s, _ in anchors],
                             [self._target_lengths[t] for _, t in anchors])
        rest_source = sum(self._source_lengths[last_source + 1:]) * ratio
        rest_target = sum(self._target_lengths[last_target + 1:])
        return rest_source > _EARLY_END_FACTOR * rest_target

    def __call__(self, rows: int, columns: int, model: LengthModel) -> SearchFunction:
        """The search over the first ``rows`` source and ``columns`` target sentences."""
        whole = (rows, columns) == (self._n, self._m)
        sample = self._channels if whole else [c.head(rows, columns) for c in self._channels]
        config, soft = self._config, self._soft

        def search(band: Band) -> tuple[SearchResult, BeadCosts]:
            costs = BeadCosts(self._source_lengths[:rows], self._target_lengths[:columns],
                              sample, self._consuming, self._priors, band,
                              variance=model.variance, run_extend=config.unaligned_run_cost,
                              soft=(soft[0][: rows + 1], soft[1][: columns + 1]),
                              ratio=model.ratio, merge_support=config.merge_needs_support,
                              contentless=(self._contentless[0][:rows],
                                           self._contentless[1][:columns]),
                              contentless_cost=_CONTENTLESS_COST,
                              cut_off=self._cut_off and columns == self._m)
            return banded_search(rows, columns, self._consuming, costs, band), costs

        return search

    def centre(self, rows: int, columns: int) -> Lines:
        """The band's first lines: through the anchors of the first channel."""
        return anchor_lines(self._anchors(rows, columns), rows, columns)

    def _anchors(self, rows: int, columns: int) -> list[tuple[int, int]]:
        """Anchor pairs of the first channel over the first ``rows`` × ``columns`` sentences."""
        if (rows, columns) not in self._anchor_cache:
            anchors: list[tuple[int, int]] = []
            if self._channels:
                channel = self._channels[0]
                if (rows, columns) != (self._n, self._m):
                    channel = channel.head(rows, columns)
                anchors = anchor_pairs(channel.source, channel.target)
            self._anchor_cache[(rows, columns)] = anchors
        return self._anchor_cache[(rows, columns)]

    def _anchor_ratio(self, rows: int, columns: int) -> float:
        """The first pass's length ratio, the documents' unless the anchors contradict it.

        The ratio of whole documents counts every sentence without a counterpart: a
        block of captions, or the missing end of a cut-off translation, makes it
        meaningless. A cut-off translation takes the ratio of the source and target up
        to the last anchor pair; otherwise, when the ratio over the anchor pairs (sentences
        known to translate each other) differs from the documents' by more than
        ``_RATIO_DISAGREEMENT`` times, it is used instead. Anchor pairs are too few and too
        particular (sentences with numbers) to replace the documents' ratio otherwise.
        """
        documents = length_ratio(self._source_lengths[:rows], self._target_lengths[:columns])
        anchors = self._anchors(rows, columns)
        if self._cut_off and (rows, columns) == (self._n, self._m) and anchors:
            last_source, last_target = anchors[-1]
            return length_ratio(self._source_lengths[: last_source + 1],
                                self._target_lengths[: last_target + 1])
        if len(anchors) < _MIN_ANCHORS_FOR_RATIO:
            return documents
        anchored = length_ratio([self._source_lengths[s] for s, _ in anchors],
                                [self._target_lengths[t] for _, t in anchors])
        disagreement = max(anchored / documents, documents / anchored)
        return anchored if disagreement > _RATIO_DISAGREEMENT else documents

    def length_model(self) -> LengthModel:
        """The length ratio and variance as this document shows them, from a first alignment.

        Lengths vary from one text to another (free translation, OCR noise, script
        density), and sentences without a counterpart skew the documents' length
        ratio. The first pass uses the documents' ratio and Gale & Church's
        variance on the start of the document (the whole of a short one); the
        target is cut at the same share of its sentences, so the beads near that
        cut are left out of the estimates. The ratio is then counted over the
        linking beads only, and the variance from the 1-1 beads on that ratio.
        """
        n, m, config = self._n, self._m, self._config
        ratio = length_ratio(self._source_lengths, self._target_lengths)
        if not config.estimate_length_variance:
            return LengthModel(ratio)
        rows = min(n, _VARIANCE_SAMPLE)
        # The target is cut where the anchors put the end of the sample, not at the same
        # share of sentences: a block of captions before that point would shift it.
        columns = m if rows == n else min(m, max(1, round(float(self.centre(n, m)[0][rows]))))
        # A sample of a long document is searched in a band, as the document will be.
        sample_config = config if rows == n else replace(config, full_search_cells=0)
        first = LengthModel(self._anchor_ratio(rows, columns))
        result, _ = _search_widening(rows, columns, sample_config,
                                     self(rows, columns, first), self.centre(rows, columns))
        beads = result.beads if rows == n else [bead for bead in result.beads
                                                if bead[0] < rows * 0.9]
        if self._cut_off:
            # The cut-off fragment is shorter than its source by the cut, not by the text.
            beads = [bead for bead in beads if bead[1] + bead[3] < m]
        ratio = estimate_ratio(beads, self._source_lengths, self._target_lengths)
        return LengthModel(ratio, estimate_variance(beads, self._source_lengths,
                                                    self._target_lengths, ratio=ratio))


def cut_off(source: Sequence[str], target: Sequence[str]) -> bool:
    """Whether the translation looks cut off: its last sentence does not end like a
    sentence while the source's last one does (a title or a list item ends like neither)."""
    return bool(source and target and ends_sentence(source[-1])
                and not ends_sentence(target[-1]))


def _channels(source: Sequence[str], target: Sequence[str], source_lang: str, target_lang: str,
              config: AlignConfig, backtranslations: Sequence[str] | None) -> list[Channel]:
    channels = []
    if config.similarity_weight:
        src, tgt = feature_matrices(source, source_lang, target, target_lang, DEFAULT_WEIGHTS)
        channels.append(Channel(src, tgt, config.similarity_weight))
    if backtranslations is not None and config.backtranslation_weight:
        src, tgt = feature_matrices(source, source_lang, backtranslations, source_lang,
                                    _BACKTRANSLATION_SIGNALS)
        channels.append(Channel(src, tgt, config.backtranslation_weight))
    return channels


def _search_widening(n: int, m: int, config: AlignConfig, search: SearchFunction,
                     centre: Lines) -> tuple[SearchResult, BeadCosts]:
    """Search in full when small; otherwise in a band that widens while the path hits its edge.

    The first band follows ``centre`` (through the anchor pairs); each retry follows
    the previous path, twice as wide, as long as that path ran along the band's edge,
    up to ``_MAX_WIDENING`` times the first width. Every band is a constant number of
    columns wide per row (plus the jumps of the path), so the search stays linear in
    the length of the documents at every size.
    """
    if n * m <= config.full_search_cells:
        return search(Band.full(n, m))
    half = max(config.band, 4)
    widest = half * _MAX_WIDENING
    band = Band.around(centre, half, m)
    while True:
        try:
            result, costs = search(band)
        except ValueError:
            if half >= widest:
                return search(Band.full(n, m))
            half *= 2
            band = Band.around(centre, half, m)
            continue
        if not result.touches_edge or half >= widest:
            return result, costs
        half *= 2
        band = Band.along(result.beads, n, half, m)


def _pairs(result: SearchResult, costs: BeadCosts,
           calibration: Calibration | None = None) -> list[AlignedPair]:
    """Beads with their own cost and a calibrated confidence (see :mod:`mtcheck.align.confidence`)."""
    features = bead_features(result, costs, PRIORS)
    pairs = []
    for (i, j, a, b), cost, confidence in zip(result.beads, result.costs,
                                              confidences(features, calibration), strict=True):
        pairs.append(AlignedPair(tuple(range(i, i + a)), tuple(range(j, j + b)), cost,
                                 confidence))
    return pairs


def align_with_features(
    source: Sequence[str],
    target: Sequence[str],
    *,
    source_lang: str,
    target_lang: str,
    config: AlignConfig | None = None,
    target_in_source_language: Sequence[str] | None = None,
) -> list[tuple[AlignedPair, tuple[float, ...]]]:
    """:func:`align_sentences`, each bead with the features its confidence is computed from
    (for fitting the calibration; see ``benchmarks/calibrate_align.py``)."""
    config = config or AlignConfig()
    if not source or not target:
        return [(pair, (0.0,)) for pair in align_sentences(
            source, target, source_lang=source_lang, target_lang=target_lang, config=config)]
    searcher = _Searcher(source, target, source_lang, target_lang, config,
                         target_in_source_language)
    n, m = len(source), len(target)
    result, costs = _search_widening(n, m, config, searcher(n, m, searcher.length_model()),
                                     searcher.centre(n, m))
    return list(zip(_pairs(result, costs), bead_features(result, costs, PRIORS), strict=True))
