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

import re
import unicodedata
from array import array
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


def _word_ngrams(word: str, size: int) -> tuple[str, ...]:
    padded = f"_{word}_"
    return tuple(padded[k : k + size] for k in range(len(padded) - size + 1))


def soft_boundaries(texts: Sequence[str], lang: str, penalty: float) -> NDArray[np.float64]:
    """Entry ``k``: ``penalty`` when the cut before sentence ``k`` is soft, else 0.

    A cut is soft when the sentence before it ends with a colon or a semicolon, or
    the sentence after it starts with a lower-case letter.
    """
    out = np.zeros(len(texts) + 1, dtype=np.float64)
    semicolon_soft = _semicolon_is_soft(lang)
    previous = ""
    for k, text in enumerate(texts):
        current = _fold(text).strip()
        if k and (previous.endswith(":") or (semicolon_soft and previous.endswith(";"))
                  or current[:1].islower()):
            out[k] = penalty
        previous = current
    return out


@lru_cache(maxsize=256)
def _semicolon_is_soft(lang: str) -> bool:
    return get_language(lang).script != "Grek"


_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")


def contentless(text: str) -> bool:
    """Whether a sentence has no word of two letters or more: OCR debris, dots, a number.

    Scripts without spaces count too: two letters of any script in a row are a word.
    """
    return _TWO_LETTERS.search(_fold(text)) is None


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

    def head(self, rows: int) -> FeatureMatrix:
        """The first ``rows`` sentences (views, not copies)."""
        end = int(self.pointers[rows])
        return FeatureMatrix(self.pointers[: rows + 1], self.ids[:end], self.weights[:end])


# Sentences whose features are extracted and summed at once: bounds the temporary arrays.
_CHUNK_SENTENCES = 2048


def feature_matrices(
    source: Sequence[str], source_lang: str, target: Sequence[str], target_lang: str,
    weights: SignalWeights = DEFAULT_WEIGHTS,
) -> tuple[FeatureMatrix, FeatureMatrix]:
    """TF-IDF weighted feature matrices of both documents over one shared vocabulary.

    Inverse frequency is counted over the sentences of both documents together,
    so a feature is rare only if it is rare on both sides. Sentences are read in
    chunks, each summed per sentence at once, so the temporary arrays stay the
    size of a chunk and memory grows with the distinct features kept.

    The matrices of the texts read last are kept (read-only) until
    :func:`forget_feature_matrices`: the aligner reads a whole document pair, and the
    omission check compares groups of the same sentences with the same features.
    """
    key = (tuple(source), source_lang, tuple(target), target_lang, weights)
    kept = _KEPT.get(key)
    if kept is None:
        kept = _feature_matrices(key[0], source_lang, key[2], target_lang, weights)
        _keep(key, kept)
    return kept


# Feature matrices kept (see feature_matrices), at most this many: when full, the pair of
# fewest sentences goes first, so that the whole documents' matrices outlast the aligner's
# paragraph by paragraph reading of the same documents.
_KEPT_PAIRS = 32
_KEPT: dict[tuple[object, ...], tuple[FeatureMatrix, FeatureMatrix]] = {}


def _keep(key: tuple[object, ...], matrices: tuple[FeatureMatrix, FeatureMatrix]) -> None:
    for matrix in matrices:  # shared from now on: nobody may change them in place
        for values in (matrix.pointers, matrix.ids, matrix.weights):
            values.flags.writeable = False
    if len(_KEPT) >= _KEPT_PAIRS:
        del _KEPT[min(_KEPT, key=lambda k: (_KEPT[k][0].rows + _KEPT[k][1].rows))]
    _KEPT[key] = matrices


def forget_feature_matrices() -> None:
    """Forget the kept feature matrices (a run calls it once a document is checked)."""
    _KEPT.clear()


def _feature_matrices(
    source: Sequence[str], source_lang: str, target: Sequence[str], target_lang: str,
    weights: SignalWeights,
) -> tuple[FeatureMatrix, FeatureMatrix]:
    extractor = _Extractor(weights)
    source_parts = [extractor.chunk(source[k : k + _CHUNK_SENTENCES], source_lang)
                    for k in range(0, len(source), _CHUNK_SENTENCES)]
    target_parts = [extractor.chunk(target[k : k + _CHUNK_SENTENCES], target_lang)
                    for k in range(0, len(target), _CHUNK_SENTENCES)]
    total = len(source) + len(target)
    frequency = extractor.frequency
    # Short documents (a paragraph) have no meaningful frequency statistics: there a name in
    # three or four sentences still tells the pairs apart, so it is kept.
    limit = max(weights.max_document_frequency * total, 4.0)
    idf = np.log((total + 1) / np.maximum(frequency, 1.0))
    return (_weighted(source_parts, frequency <= limit, idf),
            _weighted(target_parts, frequency <= limit, idf))


@dataclass(frozen=True)
class _Part:
    """Features of a chunk of sentences, summed per sentence, before idf weighting."""

    counts: NDArray[np.int64]  # features per sentence
    ids: NDArray[np.int32]
    values: NDArray[np.float32]  # summed kind weights (small integers: exact in float32)


class _Extractor:
    """Turns chunks of sentences into :class:`_Part` over one growing vocabulary."""

    def __init__(self, weights: SignalWeights) -> None:
        self._weights = weights
        self._vocabulary: dict[str, int] = {}
        self._word_ids: dict[str, tuple[int, ...]] = {}
        self._frequency = np.zeros(0, dtype=np.float64)
        self._kind_weights = np.array([weights.number, weights.mark, weights.ngram])

    @property
    def frequency(self) -> NDArray[np.float64]:
        """Number of sentences each feature occurs in, over all chunks so far."""
        out = np.zeros(len(self._vocabulary), dtype=np.float64)
        out[: len(self._frequency)] = self._frequency
        return out

    def chunk(self, texts: Sequence[str], lang: str) -> _Part:
        vocabulary, word_ids, weights = self._vocabulary, self._word_ids, self._weights
        ids = array("q")
        counts = array("q")  # per sentence: numbers, marks, n-grams
        for text in texts:
            numbers = number_features(text)
            marks = mark_features(text)
            ids.extend(vocabulary.setdefault(f, len(vocabulary)) for f in numbers + marks)
            grams = 0
            for word in comparable_words(text, lang):
                if len(word) < weights.min_word_length:
                    continue
                known = word_ids.get(word)
                if known is None:
                    known = tuple(vocabulary.setdefault(g, len(vocabulary))
                                  for g in _word_ngrams(word, weights.ngram_size))
                    word_ids[word] = known
                ids.extend(known)
                grams += len(known)
            counts.extend((len(numbers), len(marks), grams))
        size = max(len(vocabulary), 1)
        per_kind = (np.frombuffer(counts, dtype=np.int64).reshape(-1, 3) if texts
                    else np.zeros((0, 3), dtype=np.int64))
        raw = np.frombuffer(ids, dtype=np.int64) if ids else np.zeros(0, dtype=np.int64)
        rows = np.repeat(np.arange(len(texts), dtype=np.int64), per_kind.sum(axis=1))
        kinds = np.repeat(np.tile(self._kind_weights, len(texts)), per_kind.ravel())
        keys, inverse = np.unique(rows * size + raw, return_inverse=True)
        values = np.bincount(inverse, weights=kinds, minlength=len(keys))
        key_ids = keys % size
        self._frequency = self.frequency + np.bincount(key_ids, minlength=len(vocabulary))
        return _Part(np.bincount(keys // size, minlength=len(texts)).astype(np.int64),
                     key_ids.astype(np.int32), values.astype(np.float32))


def _weighted(parts: list[_Part], kept: NDArray[np.bool_],
              idf: NDArray[np.float64]) -> FeatureMatrix:
    """One side's parts as a CSR matrix: frequent features dropped, the rest idf-weighted.

    Each part is filtered and released in turn, so the unfiltered features of a
    whole document are never copied.
    """
    counts, ids, values = [], [], []
    while parts:
        part = parts.pop(0)
        mask = kept[part.ids]
        rows = np.repeat(np.arange(len(part.counts)), part.counts)[mask]
        counts.append(np.bincount(rows, minlength=len(part.counts)))
        ids.append(part.ids[mask])
        values.append(part.values[mask])
    pointers = np.zeros(sum(len(c) for c in counts) + 1, dtype=np.int64)
    if counts:
        np.cumsum(np.concatenate(counts), out=pointers[1:])
    all_ids = np.concatenate(ids).astype(np.int64) if ids else np.zeros(0, dtype=np.int64)
    weights = (np.concatenate(values).astype(np.float64) * idf[all_ids] if values
               else np.zeros(0, dtype=np.float64))
    return FeatureMatrix(pointers, all_ids, weights)


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
