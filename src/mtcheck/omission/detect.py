"""Source content with no counterpart in its aligned translation.

Every aligned pair is tested piece by piece: each run of clauses of a source
sentence (each half of a sentence without clause marks, and, in a pair of several
source sentences, each whole sentence) is a hypothesis "this piece was left out".
Its score adds up

* length: how much better the pair fits the document's own length model
  without the piece than with it (log-likelihood ratio of a Student-t on the
  z-score of the log length ratio, see :mod:`mtcheck.omission.lengths`);
* anchors: numbers and rare words (names, terms) of the piece missing from the
  translation count for the hypothesis, found ones against it; a bracketed
  piece counts for it when the translation has fewer brackets;
* back-translation (when one into the source language is given): how much less
  of the piece's content words it covers than of the rest of the pair's;
* word support (parts of sentences): how many of the piece's common content words
  have a counterpart in the translation (document lexicon or romanised form),
  against the document's own rates for a translated and an unrelated sentence
  (:mod:`mtcheck.omission.coverage`);
* clause marks (parts of sentences): how many clause marks the translation has,
  against the document's own rate, with and without the marks that go with the piece.
* local length (parts of sentences): whether the stretch of the translation between the
  anchors on both sides of the piece has room for it (:mod:`mtcheck.omission.stretch`).

Besides runs of clauses and halves, the stretches between words the translation
supports are tested (``gap``), so a left-out part that matches no clause boundary of
the source is still one piece.

The best piece of each pair is a candidate; findings are the candidates whose
score reaches the document's bar (:func:`document_threshold`). An unpaired source
sentence may hand its omission to another sentence of its paragraph when the
aligner put the gap in the wrong place (:func:`_shifted`, :func:`_misplaced`).
Everything here is deterministic and does no I/O.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from mtcheck.align.sentences import PRIORS
from mtcheck.align.signals import forget_feature_matrices
from mtcheck.config import OmissionConfig
from mtcheck.frequency import zipf
from mtcheck.names.numerals import NumberMention
from mtcheck.omission.clauses import (
    Clause,
    ClauseRules,
    clause_rules,
    mark_ends,
    marks_removed,
    split_clauses,
)
from mtcheck.omission.collector import collector_paused
from mtcheck.omission.combine import PieceSignals
from mtcheck.omission.coverage import (
    SupportRates,
    WordFlags,
    dictionary_rates,
    mark_evidence,
    mark_rate,
    support_evidence,
    support_rates,
    word_flags,
)
from mtcheck.omission.dictionary import PairDictionary, dictionary_weight, word_translations
from mtcheck.omission.endings import EndingModel
from mtcheck.omission.giveback import edge_readings
from mtcheck.omission.lengths import LengthModel, fit_length_model, text_length
from mtcheck.omission.named import AnchorWeights, class_weights
from mtcheck.omission.realign import log_priors, read_again
from mtcheck.omission.similarity import GroupSimilarity
from mtcheck.omission.sounded import sounded_names
from mtcheck.omission.stretch import (
    AnchorChain,
    StretchModel,
    anchor_chain,
    fit_stretch_model,
    stretch_evidence,
    stretch_residual,
)
from mtcheck.omission.support import (
    STEM_PAIRS,
    DocumentLexicon,
    SentenceWords,
    TargetIndex,
    all_numbers,
    count_pairs,
    index_target,
    joined,
    lexical_units,
    number_found,
    numbers,
    rare_words,
    spaced,
    stem,
    target_words,
    units_of,
    word_found,
    words,
)
from mtcheck.omission.support import clear_text_caches as support_caches
from mtcheck.segment import ends_sentence
from mtcheck.types import AlignedPair, Alignment, SegmentedDocument

# Back-translations are made into English (see mtcheck.backtranslate).
BACKTRANSLATION_LANG = "en"
# Words at least this frequent (wordfreq Zipf) are function words for the coverage signal.
_FUNCTION_ZIPF = 6.0
# At most this many anchors of each kind count, so one list of numbers cannot dominate.
_ANCHOR_CAP = 3
# The document lexicon judges a re-pairing only when learnt from this many pairs: in a
# short document the few pairs being judged would teach it their own (wrong) associations.
_LEXICON_PAIRS = 100
# Words of a piece a bilingual dictionary finds in the next pair's translation (more than in
# its own) for its dictionary evidence to say nothing: it went there.
_MOVED_WORDS = 2
# A sentence ending in one of these leads in to the next ("1956 brachte die Entscheidung :").
_LEAD_IN = (":", "：")
# Below this many scored pairs a document's own score level is not estimated.
_MIN_PAIRS_FOR_LEVEL = 8
# Rare words the document needs for its own rates of finding them (anchor_weights), and the
# bounds of those rates (so one word weighs at most log(0.9 / 0.1), about 2.2).
_MIN_RARE_WORDS = 10
_RARE_RATE_BOUNDS = (0.1, 0.9)
# The aligner's pair-shape priors, as log odds against a 1-1 pair (see realign).
_LOG_PRIORS = log_priors(PRIORS)


@dataclass(frozen=True)
class Candidate:
    """The best "left out" hypothesis of one pair, with its evidence."""

    pair_index: int
    source_id: int
    start: int  # offsets of the piece in the source sentence
    end: int
    text: str
    # "clause" (part of a sentence), "half" (of a sentence without clause marks) or
    # "sentence" (a whole one, in a merged pair)
    kind: str
    score: float
    shortfall: float  # how much shorter the translation is than the document's usual ratio
    missing: tuple[str, ...]  # anchors of the piece not found in the translation
    threshold_free: bool = False
    prior: float = 0.0  # the part of the score owed to the piece's kind, not to evidence
    # The pair's evidence for the document's level (see document_threshold); None: the score
    # less the prior.
    level: float | None = None
    # For a sentence the aligner paired although the translation fits its unpaired
    # neighbour better: the neighbour's id (its 1-0 finding moves here).
    instead_of: int | None = None
    # For a sentence a merged pair hid at the end of a run of shifted pairs: the merge's
    # sentence that the re-pairing took out of it (see _unmerged).
    unmerged: int | None = None
    # For a sentence the aligner paired with one translation of a neighbour that the translator
    # rendered in two (the aligner split that neighbour's pair across the gap): the neighbour's
    # id. The candidate is the merged reading's own test of the sentence (see _regrouped).
    regrouped: int | None = None
    # The best piece of the other kind in a merged pair (a part of a sentence beside a whole
    # sentence, or the other way round): a whole sentence needs the full threshold, a part only
    # the document's bar, so the piece that scores highest is not always the one to report.
    # Not counted for the document's level; see reported().
    alternative: bool = False
    # For a piece tested against part of its pair's translations, read as a pair of their own
    # (see _given_back): those translations. Not counted for the document's level.
    tested_with: tuple[int, ...] | None = None


def document_threshold(candidates: Sequence[Candidate], config: OmissionConfig) -> float:
    """The score a piece of this document needs to be reported.

    Scores of a loose or noisy translation (OCR debris, free renderings) sit
    higher across the board than those of a close one, so the bar follows the
    document's own level: ``relative_threshold`` above the median evidence (score
    less prior) of its pairs' best pieces, never above ``threshold`` nor more than
    ``calm_discount`` below it. The median of all pairs is not moved by the few pairs
    that really lost content.
    """
    scores = sorted(c.score - c.prior if c.level is None else c.level
                    for c in candidates if not c.threshold_free and not c.alternative
                    and c.regrouped is None and c.tested_with is None)
    if len(scores) < _MIN_PAIRS_FOR_LEVEL:
        return config.threshold
    level = statistics.median(scores) + config.relative_threshold
    return min(config.threshold, max(config.threshold - config.calm_discount, level))


def reported(candidates: Sequence[Candidate], bar: float,
             config: OmissionConfig) -> list[Candidate]:
    """The candidates that reach their bar (``bar`` is the document's); of a merged pair's
    best whole sentence and best part of a sentence (one is its ``alternative``), only the one
    further above its own bar: the shortfall that makes one look missing makes the other look
    missing too."""
    passed = [c for c in candidates if c.threshold_free or c.score >= bar_for(c, bar, config)]
    margin: dict[int, float] = {}
    for c in passed:
        if not c.threshold_free:
            margin[c.pair_index] = max(margin.get(c.pair_index, -math.inf),
                                       c.score - bar_for(c, bar, config))
    return [c for c in passed if c.threshold_free
            or c.score - bar_for(c, bar, config) >= margin[c.pair_index]]


def bar_for(candidate: Candidate, document_bar: float, config: OmissionConfig) -> float:
    """The score ``candidate`` needs: the document's bar for a part of a sentence, the full
    ``threshold`` for a whole sentence of a merged pair (its prior already says how much
    less evidence a whole sentence needs; a close translation that merges two sentences
    is no reason to ask for less still)."""
    return config.threshold if candidate.kind == "sentence" else document_bar


def _rho(z: float, tail: float) -> float:
    """Negative log density of a Student-t with ``tail`` degrees of freedom, up to a constant."""
    return (tail + 1) / 2 * math.log1p(z * z / tail)


def document_length_model(source: SegmentedDocument, target: SegmentedDocument,
                          alignment: Alignment, config: OmissionConfig) -> LengthModel:
    lengths = [(sum(text_length(source.sentences[i].text) for i in p.source_ids),
                sum(text_length(target.sentences[j].text) for j in p.target_ids))
               for p in alignment.pairs if p.source_ids and p.target_ids]
    return fit_length_model(lengths, config.spread_floor)


@collector_paused()
def omission_candidates(source: SegmentedDocument, target: SegmentedDocument,
                        alignment: Alignment, backtranslations: Sequence[str] | None,
                        config: OmissionConfig, trace: list[PieceSignals] | None = None,
                        ) -> tuple[Candidate, ...]:
    """One candidate per aligned pair that links source to target sentences.

    ``trace``, when given, receives the signals of every piece tested in the aligned pairs
    (:mod:`mtcheck.omission.combine`), for benchmarks that weigh them otherwise."""
    model = document_length_model(source, target, alignment, config)
    rules = clause_rules(source.lang)
    use_bt = (backtranslations is not None
              and source.lang.split("-")[0].lower() == BACKTRANSLATION_LANG)
    linked = [(index, pair) for index, pair in enumerate(alignment.pairs)
              if pair.source_ids and pair.target_ids]
    stems = len(linked) >= STEM_PAIRS
    units = {index: (_units(source, pair.source_ids, stems),
                     _units(target, pair.target_ids, stems))
             for index, pair in linked}
    lexicon = DocumentLexicon(list(units.values()), min_dice=config.lexicon_dice, stems=stems)
    listed_weight = dictionary_weight(config, target.lang)
    dictionary = (word_translations(source.lang, target.lang, config.dictionaries,
                                    config.dictionary_pivot)
                  if (listed_weight or config.dictionary_support
                      or config.dictionary_anchors or trace is not None)
                  else None)
    flags = _FlagCache(source, target, lexicon, rules, config, dictionary)
    # Frequent words the translation writes by their sound (names: Castro, María) are
    # anchors too; found against their own pair's translation before any flag is read.
    flags.names = sounded_names(
        ((source.sentences[sid].text, flags.index(pair.target_ids)) for _, pair in linked
         for sid in pair.source_ids), source.lang, config.rare_zipf, config.min_letters)
    rates = support_rates(
        [flags(sid, pair.target_ids) for _, pair in linked for sid in pair.source_ids],
        [flags(sid, other.target_ids) for (_, pair), (_, other)
         in zip(linked, linked[1:] + linked[:1], strict=True) if other is not pair
         for sid in pair.source_ids])
    listed = (None if dictionary is None else dictionary_rates(
        [flags(sid, pair.target_ids) for _, pair in linked for sid in pair.source_ids],
        [flags(sid, other.target_ids) for (_, pair), (_, other)
         in zip(linked, linked[1:] + linked[:1], strict=True) if other is not pair
         for sid in pair.source_ids]))
    marks = mark_rate([(_source_marks(source, pair), _target_marks(target, pair))
                       for _, pair in linked])
    names = class_weights(
        [nf for _, pair in linked for sid in pair.source_ids
         for nf in _named_found(flags(sid, pair.target_ids))],
        [nf for (_, pair), (_, other) in zip(linked, linked[1:] + linked[:1], strict=True)
         if other is not pair for sid in pair.source_ids
         for nf in _named_found(flags(sid, other.target_ids))],
        anchor_weights, _MIN_RARE_WORDS)
    stretch = (_Stretches(source, target, linked, lexicon, model, config,
                          dictionary if config.dictionary_anchors and spaced(target.lang)
                          else None)
               if config.stretch or trace is not None else None)
    candidates = []
    read: dict[int, SentenceWords] = {}
    # The translation of the pair after each (by the pair's index), whose dictionary flags
    # were read for the unrelated rate: a piece found there went to the next pair.
    following = {index: other.target_ids for (index, pair), (_, other)
                 in zip(linked, linked[1:] + linked[:1], strict=True) if other is not pair}

    def sentence_words(sid: int) -> SentenceWords:
        """The words of source sentence ``sid``, read once for all the pieces of it tested."""
        if sid not in read:
            read[sid] = SentenceWords.read(source.sentences[sid].text, source.lang,
                                           config.rare_zipf, config.min_letters)
        return read[sid]

    def best_pieces(index: int, pair: AlignedPair, sentence: int | None,
                    record: list[PieceSignals] | None = None,
                    ) -> tuple[Candidate | None, Candidate | None]:
        target_text = joined(target.sentences[j].text for j in pair.target_ids)
        bt = (" ".join(backtranslations[j] for j in pair.target_ids)
              if use_bt and backtranslations is not None else None)
        found = index_target(target_text, target.lang, bt, rules.brackets, rules.quotes)
        context = _PairContext(source.lang, lexicon, _units(target, pair.target_ids, stems),
                               {sid: flags(sid, pair.target_ids) for sid in pair.source_ids},
                               rates, marks, _source_marks(source, pair),
                               _target_marks(target, pair), names,
                               tuple(target.sentences[j].text for j in pair.target_ids),
                               flags.names, None if stretch is None else stretch.of(pair),
                               sentence_words, listed,
                               {sid: flags(sid, following[index]) for sid in pair.source_ids}
                               if listed is not None and index in following else {},
                               listed_weight)
        return _best_pieces(source, pair, index, target_text, found, model, config, context,
                            sentence, record)

    def best_piece(index: int, pair: AlignedPair, sentence: int | None) -> Candidate | None:
        return best_pieces(index, pair, sentence)[0]

    def best_part(index: int, pair: AlignedPair, sentence: int | None) -> Candidate | None:
        """The pair's best part of a sentence (a whole one has a test of its own)."""
        return next((c for c in best_pieces(index, pair, sentence)
                     if c is not None and c.kind != "sentence"), None)

    for index, pair in linked:
        best, part = best_pieces(index, pair, None, trace)
        if best is not None:
            candidates.append(best)
        if part is not None:
            candidates.append(part)
    fit = _PairFit(source, target, model, lexicon, config, alignment, flags.names)
    for index, pair in enumerate(alignment.pairs):
        if (len(pair.source_ids) == 1 and not pair.target_ids
                and any(ch.isalnum() for ch in source.sentences[pair.source_ids[0]].text)):
            # (stray punctuation left unpaired is no omission, so there is none to move)
            moved = _shifted(source, alignment, index, fit, config)
            if moved is None:
                moved = _misplaced(source, alignment, index, best_piece, config)
            if moved is not None:
                candidates.append(moved)
    for regrouped in _regrouped(source, alignment, fit, flags, rates, best_piece, config):
        # The neighbour is whole in the merged reading: what its own pair seemed to lose
        # (the half of its translation the aligner gave away) is explained.
        candidates = [c for c in candidates if not (
            c.source_id == regrouped.regrouped
            and alignment.pairs[c.pair_index].source_ids == (regrouped.regrouped,))]
        candidates.append(regrouped)
    if config.give_back:
        candidates.extend(_given_back(source, alignment, fit, best_part, config))
    # A merge is taken apart only when its own test finds a whole sentence of it the likelier
    # loss (its best piece is a sentence); one whose best piece is a clause holds all its
    # sentences. Walking every merge costs about twice as many fits.
    suspects = {c.pair_index for c in candidates
                if c.kind == "sentence" and not c.threshold_free and not c.alternative}
    for index, pair in linked:
        if len(pair.source_ids) > 1 and index in suspects:
            moved = _unmerged(source, alignment, index, fit, config)
            if moved is not None:
                # The run of shifted pairs may pass through a pair the aligner regrouped
                # (two sentences and their two translations paired crosswise): the
                # paragraph read again places the gap where the shift alone cannot.
                moved = _reread_gap(source, alignment, index, fit, config) or moved
                # The sentence taken out of the merge has its translation in the re-pairing:
                # the merge's own "left out" candidate for it is explained away, and so is
                # its alternative (a part of the other sentence, short only by that one).
                candidates = [c for c in candidates
                              if not (c.pair_index == index and (
                                  c.source_id == moved.unmerged or c.alternative))]
                candidates.append(moved)
    return tuple(candidates)


class _PairFit:
    """How well a source sentence and a translation fit each other, in score units.

    Length (the document's length model), anchors both ways (numbers and rare
    words of the source found in the translation, numbers of the translation
    found in the source), the aligner's similarity and the document lexicon.
    Used to compare two ways of pairing the same sentences, so only differences
    between fits matter.
    """

    def __init__(self, source: SegmentedDocument, target: SegmentedDocument,
                 model: LengthModel, lexicon: DocumentLexicon, config: OmissionConfig,
                 alignment: Alignment, names: frozenset[str] = frozenset()):
        self._source = source
        self._names = names
        self._target = target
        self._model = model
        self._lexicon = lexicon
        self._config = config
        self._alignment = alignment
        self._endings: EndingModel | None = None
        self._rules = clause_rules(source.lang)
        self._cache: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
        self._similarity: GroupSimilarity | None = None
        # Each side's look-up structures, built once however many readings use them.
        self._found: dict[tuple[int, ...], TargetIndex] = {}
        self._rare_back: dict[tuple[int, ...], tuple[str, ...]] = {}
        self._source_found: dict[tuple[int, ...], TargetIndex] = {}
        # The aligner's pair of each source ("s", id) and target ("t", id) sentence, and each
        # pair's units, for the lexicon's held-out pairs (built at the first look-up).
        self._pair_of: dict[tuple[str, int], int] | None = None
        self._pair_units: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    def _held_out(self, ids: tuple[int, ...], target_ids: tuple[int, ...],
                  ) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
        """The units of the aligner's pairs that hold any of ``ids`` or ``target_ids``: the
        lexicon learnt them, so their co-occurrences are taken out before it judges a reading
        of these sentences (the aligner's own pair would otherwise vouch for itself)."""
        if self._pair_of is None:
            self._pair_of = {}
            for k, pair in enumerate(self._alignment.pairs):
                if pair.source_ids and pair.target_ids:
                    for i in pair.source_ids:
                        self._pair_of[("s", i)] = k
                    for j in pair.target_ids:
                        self._pair_of[("t", j)] = k
        touched = sorted({self._pair_of[key] for key in
                          [("s", i) for i in ids] + [("t", j) for j in target_ids]
                          if key in self._pair_of})
        stems = self._lexicon.stems
        for k in touched:
            if k not in self._pair_units:
                pair = self._alignment.pairs[k]
                self._pair_units[k] = (_units(self._source, pair.source_ids, stems),
                                       _units(self._target, pair.target_ids, stems))
        return tuple(self._pair_units[k] for k in touched)

    def z(self, ids: tuple[int, ...], target_ids: tuple[int, ...]) -> float:
        """The length z-score of source sentences ``ids`` against translations ``target_ids``."""
        return self._model.z(sum(text_length(self._source.sentences[i].text) for i in ids),
                             sum(text_length(self._target.sentences[j].text)
                                 for j in target_ids))

    def _target_index(self, target_ids: tuple[int, ...], text: str) -> TargetIndex:
        if target_ids not in self._found:
            self._found[target_ids] = index_target(text, self._target.lang, None,
                                                   self._rules.brackets, self._rules.quotes)
        return self._found[target_ids]

    def __call__(self, sid: int | tuple[int, ...], target_ids: tuple[int, ...]) -> float:
        """The fit of source sentence ``sid`` (or of several, read as one) to ``target_ids``."""
        ids = sid if isinstance(sid, tuple) else (sid,)
        key = (ids, target_ids)
        if key not in self._cache:
            self._cache[key] = self._fit(ids, target_ids)
        return self._cache[key]

    def _names_back(self, ids: tuple[int, ...], text: str, target_ids: tuple[int, ...],
                    target_text: str) -> int:
        """How many of the translation's rare words (names, terms; in a language written
        without spaces, its rare runs of one script) the source has: the anchors looked up
        the other way, so a translation's ``NASA`` or ``하노이로`` speaks for the sentence
        that names them whatever the source's own words are."""
        config, lang = self._config, self._target.lang
        if target_ids not in self._rare_back:
            shortest = config.min_letters if spaced(lang) else 2
            self._rare_back[target_ids] = tuple(
                w for w in dict.fromkeys(target_words(target_text, lang))
                if len(w) >= shortest and zipf(w.lower(), lang) < config.rare_zipf)
        rare = self._rare_back[target_ids]
        if not rare:
            return 0
        if ids not in self._source_found:
            self._source_found[ids] = index_target(text, self._source.lang, None,
                                                   self._rules.brackets, self._rules.quotes)
        source = self._source_found[ids]
        return sum(1 for w in rare if word_found(w, lang, source, config.match_similarity))

    def _fit(self, ids: tuple[int, ...], target_ids: tuple[int, ...]) -> float:
        config = self._config
        text = joined(self._source.sentences[i].text for i in ids)
        target_text = joined(self._target.sentences[j].text for j in target_ids)
        found = self._target_index(target_ids, target_text)
        z = self._model.z(text_length(text), text_length(target_text))
        anchors, _missing = _anchor_evidence(text, self._source.lang, found, config, {},
                                             extra=self._names)
        source_numbers = frozenset(r for n in numbers(text, self._source.lang)
                                   for r in n.readings)
        unmatched = sum(1 for n in numbers(target_text, self._target.lang)
                        if not n.readings & source_numbers)
        fit = (-_rho(z, config.relocate_tail) - anchors
               - config.number_missing * min(unmatched, _ANCHOR_CAP))
        if config.number_words:
            fit -= _spelled_evidence(text, self._source.lang, found, config)
        if config.names_back:
            fit += config.word_found * min(self._names_back(ids, text, target_ids, target_text),
                                           _ANCHOR_CAP)
        if config.ending:
            if self._endings is None:  # counted once, at the first comparison
                self._endings = EndingModel(
                    (self._source.sentences[p.source_ids[-1]].text,
                     self._target.sentences[p.target_ids[-1]].text)
                    for p in self._alignment.pairs if p.source_ids and p.target_ids)
            fit += config.ending * self._endings.log_likelihood(text, target_text)
        if self._lexicon.pairs >= _LEXICON_PAIRS:
            stems = self._lexicon.stems
            known, covered = self._lexicon.coverage(
                lexical_units(text, self._source.lang, stems),
                _units(self._target, target_ids, stems), self._held_out(ids, target_ids))
            fit += config.lexicon * (covered / known if known else 0.5)
        if config.similarity:
            if self._similarity is None:  # built once, at the first re-pairing
                self._similarity = GroupSimilarity(
                    [s.text for s in self._source.sentences], self._source.lang,
                    [s.text for s in self._target.sentences], self._target.lang)
            fit += config.similarity * self._similarity(ids, target_ids)
        return fit


def clear_text_caches() -> None:
    """Forget the omission stage's readings of a document's texts (see
    :func:`mtcheck.omission.support.clear_text_caches`): a run calls it once every
    translation of a document has been checked."""
    support_caches()
    forget_feature_matrices()  # the aligner's, kept for the similarity of re-pairings
    mark_ends.cache_clear()
    _spelled.cache_clear()
    _sentence_pieces.cache_clear()
    text_length.cache_clear()


@lru_cache(maxsize=20_000)
def _spelled(text: str, lang: str) -> tuple[NumberMention, ...]:
    return tuple(n for n in all_numbers(text, lang)
                 if n.word and n.value != "1" and not n.text[:1].isdigit())


def _spelled_evidence(text: str, lang: str, found: TargetIndex, config: OmissionConfig) -> float:
    """Anchor evidence of the numbers a sentence writes as words ("drei", "sechs"), found
    in the translation as digits or words ("3", "trois") or not: weighed like numbers. One
    is left out: "ein", "first", "premier" are as often articles or ordinals as counts, and
    a translation writes them in ways no number reader follows ("最初")."""
    spelled = {n.value: n for n in _spelled(text, lang)}
    hits = sum(1 for n in spelled.values() if number_found(n, found.numbers))
    return (config.number_missing * min(len(spelled) - hits, _ANCHOR_CAP)
            - config.number_found * min(hits, _ANCHOR_CAP))


def _run(source: SegmentedDocument, alignment: Alignment, index: int,
         step: int, start: int | None = None) -> list[tuple[int, tuple[int, ...]]]:
    """(source id, target ids) of the one-source pairs next to pair ``index`` in direction
    ``step``, up to the first pair of another kind or paragraph (that of source sentence
    ``start``, by default the pair's first)."""
    first = alignment.pairs[index].source_ids[0] if start is None else start
    paragraph = source.sentences[first].paragraph
    run = []
    k = index + step
    while 0 <= k < len(alignment.pairs):
        pair = alignment.pairs[k]
        if (len(pair.source_ids) != 1 or not pair.target_ids
                or source.sentences[pair.source_ids[0]].paragraph != paragraph):
            break
        run.append((pair.source_ids[0], pair.target_ids))
        k += step
    return run


def _shifted(source: SegmentedDocument, alignment: Alignment, index: int, fit: _PairFit,
             config: OmissionConfig) -> Candidate | None:
    """A sentence further along the paragraph that is the likelier omission.

    When the aligner puts the gap of a dropped sentence in the wrong place (often
    at a paragraph's edge), every sentence between the gap and the real drop is
    paired with its neighbour's translation. Moving the gap to sentence ``k`` of
    the same run of one-source pairs gives each of those sentences the
    translation next to it; the gap moves where the pairs fit best, if that beats
    the aligner's pairs by ``relocate_margin``.
    """
    unpaired = alignment.pairs[index].source_ids[0]
    best: tuple[float, int, int, tuple[int, ...]] | None = None
    for step in (1, -1):
        run = _run(source, alignment, index, step)
        gain = 0.0
        previous = unpaired
        for distance, (sid, target_ids) in enumerate(run, start=1):
            # ``previous`` takes this pair's translation; ``sid`` becomes the gap.
            gain += fit(previous, target_ids) - fit(sid, target_ids)
            previous = sid
            if gain >= config.relocate_margin and (best is None or gain > best[0]):
                pair_index = index + step * distance
                best = (gain, sid, pair_index, target_ids)
    if best is None:
        return None
    gain, sid, pair_index, _target_ids = best
    text = source.sentences[sid].text
    return Candidate(pair_index, sid, 0, len(text), text, "sentence", round(gain, 6), 0.0, (),
                     threshold_free=True, instead_of=unpaired)


def _unmerged(source: SegmentedDocument, alignment: Alignment, index: int, fit: _PairFit,
              config: OmissionConfig) -> Candidate | None:
    """A sentence along the paragraph that is the omission a merged pair hides.

    When a sentence is dropped, the aligner may pair every sentence of a run with its
    neighbour's translation and take up the one sentence too many in a merge at the
    run's end (2-1, 3-1). Taking the merge's edge sentence out of it, pairing it with
    the next translation of the run and so on, leaves sentence ``k`` of the run with no
    translation; the gap goes where the pairs fit best, if that beats the aligner's
    pairs by ``relocate_margin``.
    """
    pair = alignment.pairs[index]
    best: tuple[float, int, int] | None = None
    for step in (1, -1):
        edge = pair.source_ids[-1] if step == 1 else pair.source_ids[0]
        rest = tuple(s for s in pair.source_ids if s != edge)
        if source.sentences[edge].paragraph != source.sentences[rest[0]].paragraph:
            continue
        gain = fit(rest, pair.target_ids) - fit(pair.source_ids, pair.target_ids)
        # The edge sentence itself left out (the merge's own reading, no shift): a shifted
        # reading must beat it too, or the omission would move off the sentence that is
        # really missing onto a neighbour whose translation is there.
        edge_left_out = gain
        previous = edge
        run = _run(source, alignment, index, step, edge)
        for distance, (sid, target_ids) in enumerate(run, start=1):
            gain += fit(previous, target_ids) - fit(sid, target_ids)
            previous = sid
            if (gain >= config.relocate_margin and gain >= edge_left_out + config.relocate_margin
                    and (best is None or gain > best[0])):
                best = (gain, sid, index + step * distance)
    if best is None:
        return None
    gain, sid, pair_index = best
    text = source.sentences[sid].text
    edge = pair.source_ids[-1] if sid > pair.source_ids[-1] else pair.source_ids[0]
    return Candidate(pair_index, sid, 0, len(text), text, "sentence", round(gain, 6), 0.0, (),
                     threshold_free=True, unmerged=edge)


def _regrouped(source: SegmentedDocument, alignment: Alignment, fit: _PairFit,
               flags: _FlagCache, rates: SupportRates,
               best_piece: Callable[[int, AlignedPair, int | None], Candidate | None],
               config: OmissionConfig) -> list[Candidate]:
    """Sentences hidden by a neighbour's translation the aligner split between them.

    A translator often renders one sentence as two. When the sentence before or after such
    a pair is dropped, the aligner can pair it with the first (or last) of the two
    translations and its neighbour with the other: no sentence is left unpaired and no pair
    is merged, so neither the shift nor a merge's own test sees the gap. A pair whose
    sentence the translation does not support (its common words are found at the rate of an
    unrelated sentence rather than of a translated one, :func:`support_evidence`) is read
    again merged with its one-source neighbour (both translations); when that reading fits
    better than the aligner's two pairs by ``relocate_margin`` (the shapes' priors included),
    the merged pair is tested for the sentence left out, as the aligner's own merges are: the
    sentence is returned when it reaches the full ``threshold``, the bar of a whole sentence
    of a merge. Of two sentences regrouped with each other, the one likelier left out.
    """
    pairs = alignment.pairs
    found: dict[tuple[int, int], Candidate] = {}
    for index, pair in enumerate(pairs):
        if len(pair.source_ids) != 1 or not pair.target_ids:
            continue
        sid = pair.source_ids[0]
        words = flags(sid, pair.target_ids)
        if support_evidence(sum(words.supported), len(words.supported), 0, 0, rates,
                            config.support_prior) <= 0:
            continue
        best: Candidate | None = None
        for other in (index - 1, index + 1):
            if not 0 <= other < len(pairs):
                continue
            neighbour = pairs[other]
            if (len(neighbour.source_ids) != 1 or not neighbour.target_ids
                    or source.sentences[neighbour.source_ids[0]].paragraph
                    != source.sentences[sid].paragraph):
                continue
            kept = neighbour.source_ids[0]
            # The neighbour holds only part of its translation: its pair is short.
            if fit.z((kept,), neighbour.target_ids) >= 0:
                continue
            first, second = (neighbour, pair) if other < index else (pair, neighbour)
            target_ids = first.target_ids + second.target_ids
            shape = (2, len(target_ids))
            if (shape not in _LOG_PRIORS or (1, len(pair.target_ids)) not in _LOG_PRIORS
                    or (1, len(neighbour.target_ids)) not in _LOG_PRIORS):
                continue
            ids = tuple(sorted((sid, kept)))
            gain = (fit(ids, target_ids) + _LOG_PRIORS[shape]
                    - fit(sid, pair.target_ids) - _LOG_PRIORS[(1, len(pair.target_ids))]
                    - fit(kept, neighbour.target_ids)
                    - _LOG_PRIORS[(1, len(neighbour.target_ids))])
            if gain < config.relocate_margin:
                continue
            mine = best_piece(index, AlignedPair(ids, target_ids), sid)
            if (mine is not None and mine.score >= config.threshold
                    and (best is None or mine.score > best.score)):
                best = dataclasses.replace(mine, regrouped=kept)
        if best is not None and best.regrouped is not None:
            key = (min(sid, best.regrouped), max(sid, best.regrouped))
            if key not in found or best.score > found[key].score:
                found[key] = best
    return [found[key] for key in sorted(found)]


def _given_back(source: SegmentedDocument, alignment: Alignment, fit: _PairFit,
                best_part: Callable[[int, AlignedPair, int | None], Candidate | None],
                config: OmissionConfig) -> list[Candidate]:
    """Parts of sentences hidden by a translation the aligner took from a neighbour
    (:mod:`mtcheck.omission.giveback`): for each reading that gives an edge translation back,
    the best part of the sentence tested against the translations it keeps, one candidate
    per pair (``tested_with``: those translations)."""
    best: dict[int, Candidate] = {}
    for reading in edge_readings(source, alignment, fit, _LOG_PRIORS, config.relocate_margin,
                                 fit.z):
        pair = alignment.pairs[reading.pair_index]
        mine = best_part(reading.pair_index, AlignedPair(pair.source_ids, reading.kept), None)
        if mine is not None and (reading.pair_index not in best
                                 or mine.score > best[reading.pair_index].score):
            best[reading.pair_index] = dataclasses.replace(
                mine, pair_index=reading.pair_index, tested_with=reading.kept)
    return [best[index] for index in sorted(best)]


# Pairs on each side of a suspect pair that are read again with it (same paragraph).
_REREAD_PAIRS = 8


def _reread_gap(source: SegmentedDocument, alignment: Alignment, index: int, fit: _PairFit,
                config: OmissionConfig) -> Candidate | None:
    """The sentence whose leaving out explains the paragraph around merged pair ``index``.

    The pairs of the same paragraph around the merge (up to ``_REREAD_PAIRS`` on each
    side) are aligned again (:func:`mtcheck.omission.realign.read_again`) with the
    check's own fit and the aligner's shape priors. The best reading with one sentence
    left out must beat the best reading without a gap by ``relocate_margin``, and its gap
    must be a sentence the aligner paired alone: a sentence of a merge is judged by that
    merge's own test. None: no such reading.
    """
    pairs = alignment.pairs
    pair = pairs[index]
    paragraph = source.sentences[pair.source_ids[0]].paragraph

    def inside(k: int) -> bool:
        return all(source.sentences[s].paragraph == paragraph for s in pairs[k].source_ids)

    lo = hi = index
    while lo > 0 and index - lo < _REREAD_PAIRS and inside(lo - 1):
        lo -= 1
    while hi + 1 < len(pairs) and hi - index < _REREAD_PAIRS and inside(hi + 1):
        hi += 1
    window = pairs[lo:hi + 1]
    readings = read_again([s for p in window for s in p.source_ids],
                          [t for p in window for t in p.target_ids], fit, _LOG_PRIORS)
    best = readings.best_gap()
    if best is None or best[1] < readings.without_gap + config.relocate_margin:
        return None
    sid, score = best
    pair_index = next(k for k in range(lo, hi + 1) if sid in pairs[k].source_ids)
    if len(pairs[pair_index].source_ids) != 1:
        return None
    text = source.sentences[sid].text
    edge = pair.source_ids[-1] if sid > pair.source_ids[-1] else pair.source_ids[0]
    return Candidate(pair_index, sid, 0, len(text), text, "sentence",
                     round(score - readings.without_gap, 6), 0.0, (), threshold_free=True,
                     unmerged=edge)


def _misplaced(source: SegmentedDocument, alignment: Alignment, index: int,
               best_piece: Callable[[int, AlignedPair, int | None], Candidate | None],
               config: OmissionConfig) -> Candidate | None:
    """The neighbour of an unpaired source sentence that is the likelier omission.

    When a sentence is dropped, the aligner may pair its translation-less source
    with the next sentence's translation and leave the next source unpaired. Put
    the unpaired sentence into its neighbour's pair and score "left out" for
    each of the two: if the neighbour scores higher by ``relocate_margin``, the
    omission is the neighbour's.
    """
    unpaired = alignment.pairs[index].source_ids[0]
    paragraph = source.sentences[unpaired].paragraph
    best: Candidate | None = None
    for other in (index - 1, index + 1):
        if not 0 <= other < len(alignment.pairs):
            continue
        neighbour = alignment.pairs[other]
        if (len(neighbour.source_ids) != 1 or not neighbour.target_ids
                or source.sentences[neighbour.source_ids[0]].paragraph != paragraph):
            continue
        kept = neighbour.source_ids[0]
        merged = AlignedPair(tuple(sorted((kept, unpaired))), neighbour.target_ids)
        mine = best_piece(other, merged, unpaired)
        theirs = best_piece(other, merged, kept)
        if (mine is not None and theirs is not None
                and theirs.score >= mine.score + config.relocate_margin
                and (best is None or theirs.score > best.score)):
            best = Candidate(other, kept, theirs.start, theirs.end, theirs.text, "sentence",
                             theirs.score, theirs.shortfall, theirs.missing,
                             threshold_free=True, instead_of=unpaired)
    return best


def _units(document: SegmentedDocument, ids: Sequence[int], stems: bool) -> frozenset[str]:
    return frozenset().union(*(lexical_units(document.sentences[i].text, document.lang, stems)
                               for i in ids))


def _source_marks(source: SegmentedDocument, pair: AlignedPair) -> int:
    return sum(len(mark_ends(source.sentences[i].text, source.lang)) for i in pair.source_ids)


def _target_marks(target: SegmentedDocument, pair: AlignedPair) -> int:
    return sum(len(mark_ends(target.sentences[j].text, target.lang)) for j in pair.target_ids)


class _FlagCache:
    """Word support flags of a source sentence against a translation (ids), computed once."""

    def __init__(self, source: SegmentedDocument, target: SegmentedDocument,
                 lexicon: DocumentLexicon, rules: ClauseRules, config: OmissionConfig,
                 dictionary: PairDictionary | None = None):
        self._dictionary = dictionary
        self._fold = config.dictionary_support
        self._keys: dict[tuple[int, ...], frozenset[str]] = {}
        self._source = source
        self._target = target
        self._lexicon = lexicon
        self._rules = rules
        self._similarity = config.match_similarity
        self._rare_zipf = config.rare_zipf
        self._min_letters = config.min_letters
        self._found: dict[tuple[int, ...], tuple[TargetIndex, frozenset[str]]] = {}
        self._flags: dict[tuple[int, tuple[int, ...]], WordFlags] = {}
        # Frequent words that are anchors in this document (see mtcheck.omission.sounded):
        # set once, before the first flags are read.
        self.names: frozenset[str] = frozenset()

    def index(self, target_ids: tuple[int, ...]) -> TargetIndex:
        """The look-up index of the translation ``target_ids``."""
        return self._index(target_ids)[0]

    def _index(self, target_ids: tuple[int, ...]) -> tuple[TargetIndex, frozenset[str]]:
        if target_ids not in self._found:
            text = joined(self._target.sentences[j].text for j in target_ids)
            self._found[target_ids] = (
                index_target(text, self._target.lang, None, self._rules.brackets,
                             self._rules.quotes),
                _units(self._target, target_ids, self._lexicon.stems))
        return self._found[target_ids]

    def __call__(self, sid: int, target_ids: tuple[int, ...]) -> WordFlags:
        key = (sid, target_ids)
        if key not in self._flags:
            found, units = self._index(target_ids)
            keys = frozenset[str]()
            if self._dictionary is not None:
                if target_ids not in self._keys:
                    self._keys[target_ids] = self._dictionary.target_keys(
                        " ".join(self._target.sentences[j].text for j in target_ids))
                keys = self._keys[target_ids]
            self._flags[key] = word_flags(self._source.sentences[sid].text, self._source.lang,
                                          self._lexicon, found, units, self._similarity,
                                          self._rare_zipf, self._min_letters, self.names,
                                          self._dictionary, keys, self._fold)
        return self._flags[key]


@dataclass(frozen=True)
class _PairContext:
    lang: str
    lexicon: DocumentLexicon
    target_units: frozenset[str]
    flags: dict[int, WordFlags]
    rates: SupportRates
    mark_rate: float | None = None
    source_marks: int = 0
    target_marks: int = 0
    # Evidence per rare word (name, term) missing from the translation and per one found,
    # from the document's own rates (see anchor_weights).
    names: AnchorWeights | None = None
    # Each target sentence of the pair (for the split of a merged pair).
    target_texts: tuple[str, ...] = ()
    # Frequent words that are anchors in this document (see mtcheck.omission.sounded).
    anchor_names: frozenset[str] = frozenset()
    # Local-length evidence of a part of a sentence: (source id, start, end) -> evidence.
    stretch: Callable[[int, int, int], float] | None = None
    # The words of a source sentence by its id, read once for all its pieces.
    sentence_words: Callable[[int], SentenceWords] | None = None
    # The document's rates of finding a dictionary translation (None: no dictionary), and
    # the flags of the pair's sentences against the next pair's translation.
    listed_rates: SupportRates | None = None
    next_flags: dict[int, WordFlags] = field(default_factory=dict)
    # The weight of that evidence for this translation's language (see dictionary_weight).
    listed_weight: float = 0.0
    # What every piece of the pair compares itself with, counted at the first piece: the
    # pair's supported and all content words, and its source's associable units (those
    # the lexicon knows, and those with an associate in the translation).
    _words: list[tuple[int, int]] = field(default_factory=list, compare=False, repr=False)
    _units: dict[str, tuple[frozenset[str], frozenset[str]]] = field(
        default_factory=dict, compare=False, repr=False)
    _listed: list[tuple[int, int]] = field(default_factory=list, compare=False, repr=False)

    def piece_words(self, sid: int, piece: Clause, text: str,
                    ) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """(words, rare words) of ``piece`` of sentence ``sid`` (``text``) as
        :func:`~mtcheck.omission.support.words` and
        :func:`~mtcheck.omission.support.rare_words` read the piece's text, taken from the
        sentence's words; None where they cannot be (a word crosses the piece's edge)."""
        if self.sentence_words is None or text[piece.start:piece.end] != piece.text:
            return None
        read = self.sentence_words(sid)
        span = read.span(piece.start, piece.end)
        if span is None:
            return None
        found = read.words[span]
        return found, tuple(w for w, rare in zip(found, read.rare[span], strict=True) if rare)

    def support_gap(self, sid: int, piece: Clause, config: OmissionConfig) -> float:
        """Word-support evidence that ``piece`` of sentence ``sid`` has no counterpart."""
        if not self._words:
            self._words.append((sum(sum(f.supported) for f in self.flags.values()),
                                sum(len(f.supported) for f in self.flags.values())))
        all_supported, all_total = self._words[0]
        supported = total = 0
        if sid in self.flags:
            supported, total = self.flags[sid].count(piece.start, piece.end)
        # The rest of the pair: its other sentences and the rest of this one.
        rest_supported, rest_total = all_supported - supported, all_total - total
        return support_evidence(supported, total, rest_supported, rest_total, self.rates,
                                config.support_prior)

    def dictionary_gap(self, sid: int, piece: Clause, config: OmissionConfig) -> float:
        """Word-support evidence counted on the dictionary's translations: among the words it
        knows, the piece's found at about the rate of an unrelated sentence while the rest of
        the pair's are found at the rate of its own."""
        if self.listed_rates is None:
            return 0.0
        if not self._listed:
            self._listed.append((sum(sum(f.listed) for f in self.flags.values()),
                                 sum(sum(f.known) for f in self.flags.values())))
        all_listed, all_known = self._listed[0]
        listed = known = 0
        if sid in self.flags:
            listed, known = self.flags[sid].listed_count(piece.start, piece.end)
        if sid in self.next_flags:
            # The piece's translation is in the next pair (an aligner or segmenter that cut
            # the translation elsewhere: "… sur le glacier de Bara Shigri ;" | "de là elles ont
            # gravi six sommets …"): more of its words found there than in its own pair.
            moved, _known = self.next_flags[sid].listed_count(piece.start, piece.end)
            if moved >= _MOVED_WORDS and moved > listed:
                return 0.0
        return support_evidence(listed, known, all_listed - listed, all_known - known,
                                self.listed_rates, config.support_prior)

    def lexical_gap(self, piece: str, pair_source: str,
                    found: Sequence[str] | None = None) -> float:
        """Share of the rest of the pair's associable words found in the target, minus the
        piece's; 0 when the piece has fewer than two associable words. ``found``: the piece's
        words, when already read."""
        mine = (lexical_units(piece, self.lang, self.lexicon.stems) if found is None
                else units_of(found, self.lang, self.lexicon.stems))
        if pair_source not in self._units:
            # The pair's associable units and those covered: the rest of the pair (its units
            # less the piece's) counts those not in the piece.
            units = lexical_units(pair_source, self.lang, self.lexicon.stems)
            associates = self.lexicon.associates
            associable = frozenset(u for u in units if u in associates)
            self._units[pair_source] = (associable, frozenset(
                u for u in associable if associates[u] & self.target_units))
        associable, covered_units = self._units[pair_source]
        known, covered = self.lexicon.coverage(mine, self.target_units)
        known_rest = len(associable) - len(associable & mine)
        covered_rest = len(covered_units) - len(covered_units & mine)
        if known < 2 or known_rest < 1:
            return 0.0
        return covered_rest / known_rest - covered / known


def _pieces(source: SegmentedDocument, pair: AlignedPair, config: OmissionConfig,
            sentence: int | None = None,
            flags: dict[int, WordFlags] | None = None) -> list[tuple[int, Clause, str]]:
    """(source id, piece, kind) for every piece of the pair worth testing.

    With ``sentence``, only that whole sentence (of a pair of several). With ``flags``, also
    each stretch between words the translation supports (``gap``).
    """
    if sentence is not None:
        text = source.sentences[sentence].text
        return [(sentence, Clause(0, len(text), text), "sentence")]
    pieces: list[tuple[int, Clause, str]] = []
    for sid in pair.source_ids:
        text = source.sentences[sid].text
        if len(pair.source_ids) > 1:
            pieces.append((sid, Clause(0, len(text), text), "sentence"))
        pieces.extend((sid, clause, kind)
                      for clause, kind in _sentence_pieces(text, source.lang, config))
        if flags is not None and sid in flags and config.gaps:
            total = max(text_length(text), 1)
            tested = {(p.start, p.end) for s, p, _ in pieces if s == sid}
            for start, end in flags[sid].gaps(text, config.gap_words):
                share = text_length(text[start:end]) / total
                if (start, end) not in tested and config.min_share <= share <= config.max_share:
                    pieces.append((sid, Clause(start, end, text[start:end]), "gap"))
    return pieces


@lru_cache(maxsize=20_000)
def _sentence_pieces(text: str, lang: str, config: OmissionConfig,
                     ) -> tuple[tuple[Clause, str], ...]:
    """(piece, kind) for every run of clauses (or half) of a sentence worth testing (see
    :func:`_pieces`); read once per sentence however many pairs and readings test it."""
    clauses = split_clauses(text, lang)
    kind = "clause"
    if len(clauses) == 1 and config.halves:
        clauses = _halves(text, clauses[0])
        kind = "half"
    total = max(text_length(text), 1)
    pieces = []
    for first in range(len(clauses)):
        for last in range(first, len(clauses)):
            if first == 0 and last == len(clauses) - 1:
                continue
            start, end = clauses[first].start, clauses[last].end
            share = text_length(text[start:end]) / total
            if share > config.max_share:
                break
            if share >= config.min_share:
                pieces.append((Clause(start, end, text[start:end]), kind))
    return tuple(pieces)


def _halves(text: str, whole: Clause) -> tuple[Clause, ...]:
    """A sentence without clause marks cut in two at the space nearest its middle.

    Not a clause boundary, but a translation that lost the first or second half of
    such a sentence is still short by about half, and the half's numbers and names
    are missing: the half is the piece that says so. Too short to cut (no space in its
    middle half): the sentence as it is.
    """
    middle = (whole.start + whole.end) // 2
    spaces = [k for k in range(whole.start, whole.end) if text[k] == " "
              and abs(k - middle) <= (whole.end - whole.start) // 4]
    if not spaces:
        return (whole,)
    cut = min(spaces, key=lambda k: (abs(k - middle), k))
    return (Clause(whole.start, cut, text[whole.start:cut]),
            Clause(cut + 1, whole.end, text[cut + 1:whole.end]))


def _split_length(model: LengthModel, config: OmissionConfig, source_lengths: Sequence[int],
                  target_lengths: Sequence[int], position: int, removed: int,
                  rest_fits: Callable[[slice, slice], bool] | None = None) -> float | None:
    """Length evidence that ``removed`` characters of source sentence ``position`` of a merged
    pair (several sentences on both sides) have no counterpart, judged in its own part.

    A pair of several source and several target sentences (an OCR-split 2-2, a 3-2 whose
    first target sentence translates two sources) dilutes a clause lost from one sentence in
    the length of the others. Cut both sides in two, in order, so that the part without the
    sentence fits the document's length model (|z| at most ``split_fit``) and, with
    ``rest_fits``, its anchors (source and target sentences as slices): that part is
    translated, and the sentence's own part carries the evidence. The profile
    log-likelihood ratio over the cuts (best fit with the piece against best fit without
    it); None when no cut leaves a fitting rest (a real crossing 2-2, whose parts fit only
    together).
    """
    with_piece: float | None = None
    without: float | None = None
    for cut in range(1, len(source_lengths)):
        mine = slice(0, cut) if position < cut else slice(cut, len(source_lengths))
        rest = slice(cut, len(source_lengths)) if position < cut else slice(0, cut)
        for target_cut in range(1, len(target_lengths)):
            mine_t = (slice(0, target_cut) if position < cut
                      else slice(target_cut, len(target_lengths)))
            rest_t = (slice(target_cut, len(target_lengths)) if position < cut
                      else slice(0, target_cut))
            z_rest = model.z(sum(source_lengths[rest]), sum(target_lengths[rest_t]))
            if abs(z_rest) > config.split_fit or (
                    rest_fits is not None and not rest_fits(rest, rest_t)):
                continue
            source_mine, target_mine = sum(source_lengths[mine]), sum(target_lengths[mine_t])
            full = _rho(model.z(source_mine, target_mine), config.length_tail)
            kept = _rho(model.z(source_mine - removed, target_mine), config.length_tail)
            with_piece = full if with_piece is None else min(with_piece, full)
            without = kept if without is None else min(without, kept)
    if with_piece is None or without is None:
        return None
    return with_piece - without


def _best_pieces(source: SegmentedDocument, pair: AlignedPair, index: int, target_text: str,
                 found: TargetIndex, model: LengthModel, config: OmissionConfig,
                 context: _PairContext, sentence: int | None = None,
                 trace: list[PieceSignals] | None = None,
                 ) -> tuple[Candidate | None, Candidate | None]:
    """The pair's best piece, and the best piece of the other kind (a whole sentence of a
    merged pair, or a part of a sentence) as an ``alternative``: the two need different bars
    (see :func:`reported`)."""
    source_texts = {sid: source.sentences[sid].text for sid in pair.source_ids}
    source_length = sum(text_length(t) for t in source_texts.values())
    target_length = text_length(target_text)
    z_full = model.z(source_length, target_length)
    source_lengths = [text_length(source_texts[sid]) for sid in pair.source_ids]
    split = (config.split_fit > 0 and len(pair.source_ids) > 1
             and len(context.target_texts) > 1)
    target_lengths = [text_length(t) for t in context.target_texts]
    rest_anchors: dict[tuple[int, int, int, int], bool] = {}

    def rest_fits(rest: slice, rest_t: slice) -> bool:
        """The rest of a cut pair has no more anchor evidence of a loss than against one:
        its sentences' names and numbers are in its own translations (a sentence whose
        translation is missing must not pass for the rest because its length fits)."""
        key = (rest.start, rest.stop, rest_t.start, rest_t.stop)
        if key not in rest_anchors:
            text = joined(source_texts[sid] for sid in pair.source_ids[rest])
            index = index_target(joined(context.target_texts[rest_t]), found.lang, None,
                                 clause_rules(source.lang).brackets,
                                 clause_rules(source.lang).quotes)
            evidence, _missing = _anchor_evidence(text, source.lang, index, config, {},
                                                  names=context.names,
                                                  extra=context.anchor_names)
            rest_anchors[key] = evidence <= 0
        return rest_anchors[key]

    pair_source = " ".join(source_texts.values())
    coverage = _Coverage(pair_source, source.lang, found) if found.backtranslation else None
    source_brackets = count_pairs(pair_source, clause_rules(source.lang).brackets)
    whole_best: Candidate | None = None
    part: Candidate | None = None
    level: float | None = None
    seen: dict[str, bool] = {}
    for sid, piece, kind in _pieces(source, pair, config, sentence, context.flags):
        length = text_length(piece.text)
        z_without = model.z(source_length - length, target_length)
        score = _rho(z_full, config.length_tail) - _rho(z_without, config.length_tail)
        if split and kind != "sentence":
            local = _split_length(model, config, source_lengths, target_lengths,
                                  pair.source_ids.index(sid), length, rest_fits)
            if local is not None:
                score = local
        # Numbers are read once per sentence: a piece has those inside it.
        mentions = [n for n in numbers(source_texts[sid], source.lang)
                    if piece.start <= n.start and n.end <= piece.end]
        read = context.piece_words(sid, piece, source_texts[sid])
        anchors, missing = _anchor_evidence(piece.text, source.lang, found, config, seen,
                                            mentions, context.names, context.anchor_names,
                                            read)
        length_term = score
        score += anchors
        brackets = 0.0
        if (source_brackets > found.brackets
                and any(a in piece.text for a, _ in clause_rules(source.lang).brackets)):
            brackets = 1.0
            score += config.bracket_missing
        bt_gap = 0.0
        if coverage is not None:
            bt_gap = coverage.gap(piece.text)
            score += config.backtranslation * bt_gap
        lexical = context.lexical_gap(piece.text, pair_source,
                                      None if read is None else read[0])
        score += config.lexicon * lexical
        prior = 0.0
        if kind == "sentence" and ends_sentence(piece.text):
            prior = config.sentence_prior
        elif kind == "sentence" and piece.text.rstrip().endswith(_LEAD_IN):
            prior = config.lead_in_prior
        elif kind == "half":
            prior = config.half_prior
        elif kind == "gap":
            prior = config.gap_prior
        # The document's level is read from the clause and half pieces' length, anchor and
        # lexicon evidence: pieces chosen for their unsupported words, and word support
        # itself, score high in every pair of every document and would hide how loose the
        # translation is.
        if kind != "gap" and (level is None or score > level):
            level = score
        # Word support counts for a whole sentence of a merged pair too: a short sentence
        # hidden in a merge has too few characters for the length to say much, but none of its
        # words having a counterpart while its neighbour's have says that it was left out. Only
        # that way: a sentence some of whose words are there may still have lost most of itself
        # (cut down to one clause), which its part of the pair does not always show.
        support = 0.0
        if kind != "sentence":
            support = context.support_gap(sid, piece, config)
            score += config.support * support
        elif context.lexicon.pairs >= _LEXICON_PAIRS:
            support = max(context.support_gap(sid, piece, config), 0.0)
            score += config.support * support
        listed = 0.0
        if context.listed_rates is not None:
            if kind != "sentence":
                listed = context.dictionary_gap(sid, piece, config)
            elif context.lexicon.pairs >= _LEXICON_PAIRS:
                listed = max(context.dictionary_gap(sid, piece, config), 0.0)
            score += context.listed_weight * listed
        marks = 0.0
        if kind != "sentence":
            removed = marks_removed(source_texts[sid], piece.start, piece.end, source.lang)
            marks = mark_evidence(context.source_marks, removed, context.target_marks,
                                  context.mark_rate, config.mark_smoothing)
            score += config.punctuation * marks
        local = 0.0
        if kind != "sentence" and context.stretch is not None:
            local = context.stretch(sid, piece.start, piece.end)
            score += config.stretch * local
        score += prior
        if trace is not None:
            trace.append(PieceSignals(index, sid, piece.start, piece.end, kind,
                                      (length_term, anchors, brackets, bt_gap, lexical,
                                       support, marks, prior, local, listed)))
        leader = whole_best if kind == "sentence" else part
        if leader is None or score > leader.score:
            shortfall = 1 - math.exp(z_full * model.spread)
            candidate = Candidate(index, sid, piece.start, piece.end, piece.text, kind,
                                  round(score, 6), round(shortfall, 6), missing, prior=prior)
            if kind == "sentence":
                whole_best = candidate
            else:
                part = candidate
    if whole_best is None or part is None:
        best = whole_best or part
        return (None if best is None or level is None
                else dataclasses.replace(best, level=round(level, 6))), None
    best, other = (whole_best, part) if whole_best.score >= part.score else (part, whole_best)
    if level is not None:
        best = dataclasses.replace(best, level=round(level, 6))
    return best, dataclasses.replace(other, alternative=True)


class _Stretches:
    """Local-length evidence of the document's pairs (see :mod:`mtcheck.omission.stretch`):
    each pair's anchor chain, read once, and the document's stretch model, fitted on the
    stretches of every part of a sentence its pairs test, as they are."""

    def __init__(self, source: SegmentedDocument, target: SegmentedDocument,
                 linked: Sequence[tuple[int, AlignedPair]], lexicon: DocumentLexicon,
                 model: LengthModel, config: OmissionConfig,
                 dictionary: PairDictionary | None = None):
        self._source = source
        self._target = target
        self._lexicon = lexicon
        self._dictionary = dictionary
        self._rare_zipf = config.rare_zipf
        self._chains: dict[tuple[tuple[int, ...], tuple[int, ...]],
                           tuple[AnchorChain, dict[int, int]]] = {}
        unit = StretchModel(model.centre, 1.0)
        residuals = []
        for _, pair in linked:
            chain, offsets = self._chain(pair)
            for sid, piece, kind in _pieces(source, pair, config):
                if kind == "sentence":
                    continue
                value = stretch_residual(chain, offsets[sid] + piece.start,
                                         offsets[sid] + piece.end, unit)
                if value is not None:
                    residuals.append(value)
        self.model = fit_stretch_model(model.centre, residuals, config.spread_floor)

    def _chain(self, pair: AlignedPair) -> tuple[AnchorChain, dict[int, int]]:
        key = (pair.source_ids, pair.target_ids)
        if key not in self._chains:
            offsets, at = {}, 0
            for sid in pair.source_ids:
                offsets[sid] = at
                at += len(self._source.sentences[sid].text) + 1
            text = joined(self._source.sentences[sid].text for sid in pair.source_ids)
            translation = joined(self._target.sentences[j].text for j in pair.target_ids)
            self._chains[key] = (anchor_chain(text, self._source.lang, translation,
                                              self._target.lang, self._lexicon,
                                              self._rare_zipf, self._dictionary), offsets)
        return self._chains[key]

    def of(self, pair: AlignedPair) -> Callable[[int, int, int], float]:
        """The evidence of a part ``[start, end)`` of source sentence ``sid`` of ``pair``."""
        chain, offsets = self._chain(pair)

        def evidence(sid: int, start: int, end: int) -> float:
            return stretch_evidence(chain, offsets[sid] + start, offsets[sid] + end,
                                    self.model)
        return evidence


def anchor_weights(own: Sequence[bool], other: Sequence[bool]) -> tuple[float, float] | None:
    """Evidence per rare word of a piece missing from its translation, and per one found.

    How reliably names and terms are found again depends on the language pair (a katakana
    name romanises back to its source, an exonym or a name rendered in kanji does not) and
    on the translator, so the document says it itself, as for word support: the share of
    its source's rare words found in their own pair's translation (``t``) and in the next
    pair's (``u``, by chance). A missing word weighs log((1 - u) / (1 - t)), a found one
    log(t / u): the log-likelihood ratios of "the piece was left out" (its words found
    only by chance) against "it was translated". None (the fixed ``word_missing`` and
    ``word_found``) below ``_MIN_RARE_WORDS`` rare words or when the document finds its
    names no more often in their own translation than in another.
    """
    if len(own) < _MIN_RARE_WORDS or not other:
        return None
    low, high = _RARE_RATE_BOUNDS
    translated = min(max(sum(own) / len(own), low), high)
    unrelated = min(max(sum(other) / len(other), low), high)
    if translated <= unrelated:
        return None
    return (math.log((1 - unrelated) / (1 - translated)), math.log(translated / unrelated))


def _named_found(flags: WordFlags) -> list[tuple[bool, bool]]:
    """(is a name, found) of each rare word of ``flags``."""
    return list(zip(flags.rare_named, flags.rare_found, strict=True))


def _anchor_evidence(text: str, lang: str, found: TargetIndex, config: OmissionConfig,
                     seen: dict[str, bool],
                     mentions: Sequence[NumberMention] | None = None,
                     names: AnchorWeights | None = None,
                     extra: frozenset[str] = frozenset(),
                     read: tuple[Sequence[str], Sequence[str]] | None = None,
                     ) -> tuple[float, tuple[str, ...]]:
    """Weighted anchor evidence of a piece; ``seen`` remembers the pair's word look-ups.

    ``mentions`` are the piece's numbers when already read (from its whole sentence);
    ``names`` the evidence per rare word missing and found (default: ``word_missing`` and
    ``word_found``); ``extra`` frequent words that are anchors in this document as the rare
    ones are (see :mod:`mtcheck.omission.sounded`); ``read`` the text's words and rare words
    when already read.
    """
    defaults = (config.word_missing, config.word_found)
    written = {n.value: n for n in (numbers(text, lang) if mentions is None else mentions)}
    numbers_found = [n.text for n in written.values() if number_found(n, found.numbers)]
    numbers_missing = [n.text for n in written.values() if not number_found(n, found.numbers)]
    text_words, text_rare = ((words(text), rare_words(text, lang, config.rare_zipf,
                                                      config.min_letters))
                             if read is None else read)
    rare = list(dict.fromkeys(text_rare))
    if extra:
        rare += [w for w in dict.fromkeys(text_words) if w in extra and w not in rare]
    for word in rare:
        if word not in seen:
            seen[word] = word_found(word, lang, found, config.match_similarity)
    rare_found = [w for w in rare if seen[w]]
    rare_missing = [w for w in rare if w not in rare_found]
    score = (config.number_missing * min(len(numbers_missing), _ANCHOR_CAP)
             - config.number_found * min(len(numbers_found), _ANCHOR_CAP)
             + sum(sorted((_weights(names, w, lang, defaults)[0] for w in rare_missing),
                          reverse=True)[:_ANCHOR_CAP])
             - sum(sorted((_weights(names, w, lang, defaults)[1] for w in rare_found),
                          reverse=True)[:_ANCHOR_CAP]))
    return score, tuple(numbers_missing + rare_missing)


def _weights(names: AnchorWeights | None, word: str, lang: str,
             defaults: tuple[float, float]) -> tuple[float, float]:
    """(evidence missing, evidence found) of the rare word ``word``: its class's in the
    document, or ``defaults``."""
    weights = names.of(word, lang) if names is not None else None
    return weights if weights is not None else defaults


class _Coverage:
    """Back-translation coverage of the content words of a piece against the rest of the pair."""

    def __init__(self, pair_source: str, lang: str, found: TargetIndex):
        self._lang = lang
        self._found = found
        self._all = self._content(pair_source)

    def _content(self, text: str) -> list[str]:
        return [stem(w) for w in words(text)
                if len(w) >= 3 and zipf(w.lower(), self._lang) < _FUNCTION_ZIPF]

    def gap(self, piece: str) -> float:
        mine = self._content(piece)
        if len(mine) < 2:
            return 0.0
        rest = list(self._all)
        for word in mine:
            if word in rest:
                rest.remove(word)
        if not rest:
            return 0.0
        covered = sum(w in self._found.backtranslation for w in mine) / len(mine)
        covered_rest = sum(w in self._found.backtranslation for w in rest) / len(rest)
        return covered_rest - covered
