"""Per-sentence signals that survive translation and need no trained weights.

Each sentence becomes a sparse bag of weighted *features*: the numbers it
contains, character n-grams of its longer words after romanisation (cognates
and names look alike across languages and, once romanised, across scripts),
and its marked punctuation (questions, exclamations, brackets, quotes).
Features are weighted by inverse sentence frequency over both documents, so a
rare name or year counts for much more than a frequent function-word n-gram,
and features found in many sentences are dropped because they say little
about which sentence matches which.

Lengths are counted in non-space characters and compared after scaling by
the documents' overall length ratio, which makes Gale–Church's length model
fair between scripts of very different density (Chinese vs. German).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from mtcheck.languages import get_language
from mtcheck.romanize import romanize

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s+")
# Punctuation whose presence tends to be kept by translators; NFKC has already folded the
# full-width forms. Semicolons are left out: Greek writes its question mark as one.
_MARKS: dict[str, str] = {
    "?": "?", "؟": "?", "¿": "?",
    "!": "!", "¡": "!",
    "(": "(", ")": "(", "[": "(", "]": "(",
    "\"": "\"", "«": "\"", "»": "\"", "“": "\"", "”": "\"", "„": "\"", "「": "\"", "」": "\"",
    "『": "\"", "』": "\"",
    ":": ":",
}
_LATIN_SCRIPTS = frozenset({"Latn"})


@dataclass(frozen=True)
class SignalWeights:
    """How much each kind of feature counts before inverse-frequency weighting.

    A word yields several n-grams and a number only one feature, so numbers get
    a weight that makes a shared number worth about as much as a shared word.
    """

    number: float = 3.0
    ngram: float = 1.0
    mark: float = 1.0
    ngram_size: int = 4
    min_word_length: int = 4
    # Features in more than this share of all sentences are dropped (their weight would be
    # near zero anyway, and they would make the sparse products dense).
    max_document_frequency: float = 0.1


DEFAULT_WEIGHTS = SignalWeights()


_ANY_DIGIT = re.compile(r"\d")


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.decimal(match.group()))


_MARK_PATTERN = re.compile("[" + re.escape("".join(_MARKS)) + "]")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold(text: str) -> str:
    """NFKC-fold non-ASCII text (full-width forms, ligatures); ASCII is returned as is."""
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def normalise_digits(text: str) -> str:
    """NFKC-fold ``text`` and turn every Unicode decimal digit into its ASCII form."""
    folded = _fold(text)
    return folded if folded.isascii() else _ANY_DIGIT.sub(_ascii_digit, folded)


def number_features(text: str) -> list[str]:
    """Numbers in ``text``, keyed by their digits so that 1,200.5 and 1.200,5 match."""
    return ["#" + re.sub(r"\D", "", match) for match in _NUMBER.findall(normalise_digits(text))]


def mark_features(text: str) -> list[str]:
    """Marked punctuation of ``text`` (question, exclamation, brackets, quotes, colon)."""
    return ["p" + _MARKS[ch] for ch in _MARK_PATTERN.findall(_fold(text))]


@lru_cache(maxsize=256)
def _needs_romanising(lang: str) -> bool:
    return get_language(lang).script not in _LATIN_SCRIPTS


def comparable_words(text: str, lang: str) -> list[str]:
    """Words of ``text`` in lower case without accents, romanised when not in Latin script."""
    folded = _fold(text)
    if not folded.isascii():
        if _needs_romanising(lang):
            folded = romanize(folded, lang)
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return _WORD.findall(folded.casefold())


def ngram_features(words: Sequence[str], size: int, min_length: int) -> list[str]:
    """Character n-grams of the words at least ``min_length`` long, with edge markers.

    N-grams rather than whole words, because inflection and transliteration change
    word endings (Kangchendzönga / Kanchenjunga, Expedition / expédition).
    """
    features: list[str] = []
    for word in words:
        if len(word) >= min_length:
            features.extend(_word_ngrams(word, size))
    return features


@lru_cache(maxsize=200_000)
def _word_ngrams(word: str, size: int) -> tuple[str, ...]:
    padded = f"_{word}_"
    return tuple(padded[k : k + size] for k in range(len(padded) - size + 1))


def raw_features(text: str, lang: str, weights: SignalWeights = DEFAULT_WEIGHTS) -> dict[str, float]:
    """The unweighted feature bag of one sentence: feature -> kind weight × count."""
    bag: dict[str, float] = {}
    for kind_weight, features in (
        (weights.number, number_features(text)),
        (weights.mark, mark_features(text)),
        (weights.ngram, ngram_features(comparable_words(text, lang), weights.ngram_size,
                                       weights.min_word_length)),
    ):
        for feature, count in Counter(features).items():
            bag[feature] = bag.get(feature, 0.0) + kind_weight * count
    return bag


def text_length(text: str) -> int:
    """Length in non-space characters, so that spacing conventions do not count."""
    return len(_SPACE.sub("", text))


@dataclass(frozen=True)
class FeatureMatrix:
    """Sparse sentence × feature weights of one document, in CSR form.

    ``feature_ids`` are shared with the other document of the pair; row ``s``
    holds ``ids[pointers[s]:pointers[s+1]]`` with their ``weights``.
    """

    pointers: NDArray[np.int64]
    ids: NDArray[np.int64]
    weights: NDArray[np.float64]

    @property
    def rows(self) -> int:
        return len(self.pointers) - 1


def feature_matrices(
    source: Sequence[str], source_lang: str, target: Sequence[str], target_lang: str,
    weights: SignalWeights = DEFAULT_WEIGHTS,
) -> tuple[FeatureMatrix, FeatureMatrix]:
    """TF-IDF weighted feature matrices of both documents over one shared vocabulary.

    Inverse frequency is counted over the sentences of both documents together,
    so a feature is rare only if it is rare on both sides.
    """
    bags = [raw_features(t, source_lang, weights) for t in source]
    bags += [raw_features(t, target_lang, weights) for t in target]
    frequency: dict[str, int] = {}
    for bag in bags:
        for feature in bag:
            frequency[feature] = frequency.get(feature, 0) + 1
    total = max(len(bags), 1)
    # Tiny documents have no meaningful frequency statistics: keep everything there.
    limit = max(weights.max_document_frequency * total, 2.0)
    vocabulary: dict[str, int] = {}
    idf: dict[str, float] = {}
    for feature, count in frequency.items():
        if count <= limit:
            vocabulary[feature] = len(vocabulary)
            idf[feature] = math.log((total + 1) / count)
    return (
        _matrix(bags[: len(source)], vocabulary, idf),
        _matrix(bags[len(source) :], vocabulary, idf),
    )


def _matrix(bags: Sequence[dict[str, float]], vocabulary: dict[str, int],
            idf: dict[str, float]) -> FeatureMatrix:
    rows: list[int] = []
    ids: list[int] = []
    values: list[float] = []
    for row, bag in enumerate(bags):
        for feature, weight in bag.items():
            index = vocabulary.get(feature)
            if index is not None:
                rows.append(row)
                ids.append(index)
                values.append(weight * idf[feature])
    row_array = np.asarray(rows, dtype=np.int64)
    id_array = np.asarray(ids, dtype=np.int64)
    order = np.lexsort((id_array, row_array))
    pointers = np.zeros(len(bags) + 1, dtype=np.int64)
    np.cumsum(np.bincount(row_array, minlength=len(bags)), out=pointers[1:])
    return FeatureMatrix(pointers, id_array[order], np.asarray(values, dtype=np.float64)[order])


def self_products(index: SortedEntries, distance: int) -> NDArray[np.float64]:
    """Dot product of every row with the row ``distance`` after it (entry ``r``: rows r, r+d)."""
    rows = index.stride - 1
    out = np.zeros(max(rows, 0), dtype=np.float64)
    if distance <= 0 or distance >= rows or not len(index.keys):
        return out
    wanted = index.keys + distance
    position = np.searchsorted(index.keys, wanted)
    position = np.minimum(position, len(index.keys) - 1)
    hit = index.keys[position] == wanted
    np.add.at(out, index.sentence[hit], index.weights[hit] * index.weights[position[hit]])
    return out


def span_norms(index: SortedEntries, span: int) -> NDArray[np.float64]:
    """Norm of the summed feature vector of each ``span`` consecutive rows.

    Entry ``j`` is the norm of rows ``j - span .. j - 1``; entries ``j < span`` are 0.
    The squared norm of a sum is the rows' squared norms plus twice their pairwise
    products, and the pairwise products of nearby rows come from :func:`self_products`.
    """
    rows = index.stride - 1
    out = np.zeros(rows + 1, dtype=np.float64)
    if span <= 0 or span > rows:
        return out
    squares = np.bincount(index.sentence, weights=index.weights**2, minlength=rows)
    prefix = np.concatenate(([0.0], np.cumsum(squares)))
    ends = np.arange(span, rows + 1)
    total = prefix[ends] - prefix[ends - span]
    for distance in range(1, span):
        products = np.concatenate(([0.0], np.cumsum(self_products(index, distance))))
        # pairs (r, r + distance) inside rows end-span .. end-1
        total += 2.0 * (products[ends - distance] - products[ends - span])
    out[span:] = np.sqrt(np.maximum(total, 0.0))
    return out


def cross_products(
    source: FeatureMatrix, target: FeatureMatrix, rows: tuple[int, int], columns: tuple[int, int],
    index: SortedEntries,
) -> NDArray[np.float64]:
    """Dense dot products of source rows ``rows`` with target rows ``columns`` (half-open)."""
    r0, r1 = rows
    c0, c1 = columns
    out = np.zeros((r1 - r0) * (c1 - c0), dtype=np.float64)
    if r1 <= r0 or c1 <= c0:
        return out.reshape(r1 - r0, max(c1 - c0, 0))
    lo_ptr, hi_ptr = source.pointers[r0], source.pointers[r1]
    ids = source.ids[lo_ptr:hi_ptr]
    weights = source.weights[lo_ptr:hi_ptr]
    row_of = np.repeat(np.arange(r1 - r0), np.diff(source.pointers[r0 : r1 + 1]))
    keys = index.keys
    stride = index.stride
    start = np.searchsorted(keys, ids * stride + c0)
    stop = np.searchsorted(keys, ids * stride + c1)
    counts = stop - start
    total = int(counts.sum())
    if total:
        offsets = np.repeat(start - np.cumsum(counts) + counts, counts) + np.arange(total)
        cols = index.sentence[offsets] - c0
        flat = np.repeat(row_of, counts) * (c1 - c0) + cols
        values = np.repeat(weights, counts) * index.weights[offsets]
        out += np.bincount(flat, weights=values, minlength=out.size)
    return out.reshape(r1 - r0, c1 - c0)


@dataclass(frozen=True)
class SortedEntries:
    """The target matrix sorted by (feature, sentence): an inverted index for range lookups."""

    keys: NDArray[np.int64]
    sentence: NDArray[np.int64]
    weights: NDArray[np.float64]
    stride: int


def sorted_entries(target: FeatureMatrix) -> SortedEntries:
    """Sort a matrix by (feature, sentence): the inverted index :func:`cross_products` searches."""
    stride = target.rows + 1
    sentence = np.repeat(np.arange(target.rows, dtype=np.int64), np.diff(target.pointers))
    keys = target.ids * stride + sentence
    order = np.argsort(keys, kind="stable")
    return SortedEntries(keys[order], sentence[order], target.weights[order], stride)
