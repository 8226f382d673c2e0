"""Per-signal features of the aligner: numbers, marks, romanised n-grams, lengths, products."""

from __future__ import annotations

import numpy as np
import pytest

from mtcheck.align import signals
from mtcheck.align.cost import (
    GALE_CHURCH_VARIANCE,
    estimate_ratio,
    estimate_variance,
    length_ratio,
    tail_cost,
)
from mtcheck.align.signals import (
    comparable_words,
    cross_products,
    feature_matrices,
    mark_features,
    ngram_features,
    number_features,
    soft_boundaries,
    sorted_entries,
    span_norms,
    text_length,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Everest is 8848 m high", ["#8848"]),
        ("8,839.8 m and 8.839,8 m", ["#88398", "#88398"]),
        ("am ５日 und ２０２４年", ["#5", "#2024"]),  # full-width digits
        ("१९५६ में", ["#1956"]),  # Devanagari digits
        ("في ١٩٥٦", ["#1956"]),  # Arabic-Indic digits
        ("no numbers here", []),
    ],
)
def test_numbers_match_across_scripts_and_separators(text: str, expected: list[str]) -> None:
    assert number_features(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Why?", ["p?"]),
        ("¿Por qué?", ["p?", "p?"]),
        ("なぜ？", ["p?"]),  # full-width question mark
        ("«Ja» (sagte er)!", ['p"', 'p"', "p(", "p(", "p!"]),
        ("Τι είναι;", []),  # the Greek question mark is a semicolon: not used
        ("Plain sentence.", []),
    ],
)
def test_marked_punctuation(text: str, expected: list[str]) -> None:
    assert mark_features(text) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Kangchendzönga Straße", "de", ["kangchendzonga", "strasse"]),
        ("Шойгу посетил Иран", "ru", ["shoigu", "posetil", "iran"]),
        ("Expédition", "fr", ["expedition"]),
    ],
)
def test_words_are_romanised_and_unaccented(text: str, lang: str, expected: list[str]) -> None:
    assert comparable_words(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [("Σοϊγκού", "el"), ("ショイグ", "ja"), ("쇼이구", "ko"), ("शोइगु", "hi"), ("绍伊古", "zh")],
)
def test_other_scripts_become_lowercase_ascii_words(text: str, lang: str) -> None:
    words = comparable_words(text, lang)
    assert words and all(w.isascii() and w == w.lower() for w in words)


def test_ngrams_skip_short_words_and_mark_edges() -> None:
    assert ngram_features(["iran", "on"], size=4, min_length=4) == ["_ira", "iran", "ran_"]
    assert ngram_features(["a"], size=4, min_length=1) == []


def test_text_length_ignores_spaces() -> None:
    assert text_length("a b\tc\n d") == 4
    assert text_length("東京に行く") == 5


def test_shared_rare_features_outweigh_common_ones() -> None:
    source = ["Shoigu arrived in Tehran.", "The meeting was long.", "The meeting ended."]
    target = ["Schoigu traf in Teheran ein.", "Das Treffen war lang.", "Das Treffen endete."]
    src, tgt = feature_matrices(source, "en", target, "de")
    products = cross_products(src, tgt, (0, 3), (0, 3), sorted_entries(tgt))
    # Sentence 0 shares names with target 0 and nothing with the others.
    assert products[0, 0] > 0
    assert products[0, 1] == products[0, 2] == 0


def test_span_norms_equal_the_norm_of_summed_rows() -> None:
    source = ["Alpha 1999 Tehran.", "Beta 2001 (Tehran)!", "Gamma Tehran 1999?", "Delta."]
    src, _ = feature_matrices(source, "en", ["x"], "en")
    dense = np.zeros((src.rows, int(src.ids.max()) + 1))
    for row in range(src.rows):
        lo, hi = src.pointers[row], src.pointers[row + 1]
        dense[row, src.ids[lo:hi]] = src.weights[lo:hi]
    index = sorted_entries(src)
    for span in (1, 2, 3):
        norms = span_norms(index, span)
        for end in range(span, src.rows + 1):
            expected = np.linalg.norm(dense[end - span : end].sum(axis=0))
            assert norms[end] == pytest.approx(expected)


def test_cross_products_equal_dense_products() -> None:
    source = ["Alpha 1999 Tehran.", "Beta 2001 Moscow!", "Gamma Tehran 1999?"]
    target = ["Alpha 1999 Teheran.", "Moskau 2001 Beta!", "Gamma 1999 Teheran?", "Nichts."]
    src, tgt = feature_matrices(source, "en", target, "de")
    size = int(max(src.ids.max(), tgt.ids.max())) + 1

    def dense(matrix):  # type: ignore[no-untyped-def]
        out = np.zeros((matrix.rows, size))
        for row in range(matrix.rows):
            lo, hi = matrix.pointers[row], matrix.pointers[row + 1]
            out[row, matrix.ids[lo:hi]] = matrix.weights[lo:hi]
        return out

    expected = dense(src) @ dense(tgt).T
    got = cross_products(src, tgt, (1, 3), (1, 4), sorted_entries(tgt))
    np.testing.assert_allclose(got, expected[1:3, 1:4])


@pytest.mark.parametrize("delta", [0.0, 0.5, 1.0, 2.0, 3.0, 5.0])
def test_tail_cost_is_minus_log_two_sided_tail(delta: float) -> None:
    import math

    expected = -math.log(math.erfc(delta / math.sqrt(2)))
    assert float(tail_cost(np.array([delta]))[0]) == pytest.approx(expected, rel=2e-3, abs=1e-3)


def test_tail_cost_stays_finite_far_out() -> None:
    far = tail_cost(np.array([40.0, -40.0]))
    assert np.isfinite(far).all() and far[0] == far[1] > 700
    assert tail_cost(np.array([50.0]))[0] >= tail_cost(np.array([30.0]))[0]


@pytest.mark.parametrize(
    ("texts", "lang", "soft"),
    [
        (["Literatur :", "Dyhrenfurth, Baltoro.", "Ende."], "de", [1]),  # after a colon
        (["1952, Lombard en géologie ;", "1953, Pugh en physiologie."], "fr", [1]),
        (["Sie erreichten den Gipfel am 9.", "Mai um 12 Uhr."], "de", []),
        (["Il neigeait.", "qui rendaient l'avance lente."], "fr", [1]),  # lower-case start
        (["Τι είπε;", "Τίποτα."], "el", []),  # the Greek question mark is a semicolon
        (["会谈结束：", "双方发表声明。"], "zh", [1]),  # full-width colon, folded
        (["第一句。", "第二句。"], "zh", []),  # no letter case: nothing to read there
    ],
)
def test_soft_boundaries(texts: list[str], lang: str, soft: list[int]) -> None:
    costs = soft_boundaries(texts, lang, 1.5)
    assert len(costs) == len(texts) + 1
    assert [k for k, cost in enumerate(costs) if cost] == soft
    assert all(costs[k] == 1.5 for k in soft)


def test_feature_matrices_do_not_depend_on_the_chunk_size(monkeypatch: pytest.MonkeyPatch) -> None:
    source = [f"Expedition {k} to Kangchendzönga in {1950 + k % 7} (report {k % 3})?"
              for k in range(40)]
    target = [f"Expédition {k} au Kanchenjunga en {1950 + k % 7} : rapport {k % 5}."
              for k in range(37)]
    whole = feature_matrices(source, "de", target, "fr")
    monkeypatch.setattr(signals, "_CHUNK_SENTENCES", 3)
    chunked = feature_matrices(source, "de", target, "fr")
    for one, other in zip(whole, chunked, strict=True):
        np.testing.assert_array_equal(one.pointers, other.pointers)
        np.testing.assert_array_equal(one.ids, other.ids)
        np.testing.assert_allclose(one.weights, other.weights)


def test_length_variance_is_estimated_from_one_to_one_beads() -> None:
    # Four 1-1 beads whose lengths differ by (s - t)^2 / mean = 4, 0, 4, 0; a 1-2 bead and
    # an unaligned sentence are left out.
    source, target = [90, 100, 110, 50, 80], [110, 100, 90, 50, 40, 40]
    beads = [(0, 0, 1, 1), (1, 1, 1, 1), (2, 2, 1, 1), (3, 3, 1, 1), (4, 4, 1, 2)]
    ratio_free = estimate_variance(beads, source, target, prior_weight=0.0)
    assert ratio_free == pytest.approx(2.0, rel=0.01)
    # With a prior the estimate is pulled towards Gale & Church's value.
    assert ratio_free < estimate_variance(beads, source, target) < GALE_CHURCH_VARIANCE
    assert estimate_variance([(4, 4, 1, 2)], source, target) == GALE_CHURCH_VARIANCE


def test_length_ratio_counts_only_linked_sentences() -> None:
    # The target is 1.2 times as long where sentences are linked; source sentence 2
    # (300 characters) has no counterpart and must not pull the ratio down.
    source, target = [100, 50, 300, 80], [120, 60, 96]
    beads = [(0, 0, 1, 1), (1, 1, 1, 1), (2, 2, 1, 0), (3, 2, 1, 1)]
    assert length_ratio(source, target) == pytest.approx(276 / 530)
    assert estimate_ratio(beads, source, target) == pytest.approx(1.2)
    # Nothing linked: the documents' ratio.
    assert estimate_ratio([(0, 0, 1, 0)], source, target) == pytest.approx(276 / 530)
    assert length_ratio([], [5]) == 1.0


def test_a_rare_feature_of_a_short_document_is_kept() -> None:
    # In nine sentences, a name in three of them still tells pairs apart: it is kept.
    source = ["Alpha Pezeshkian one.", "Beta two.", "Pezeshkian three.", "Gamma four.",
              "Delta five."]
    target = ["Alpha Pezeshkian eins.", "Beta zwei.", "Epsilon drei.", "Gamma vier."]
    src, _ = feature_matrices(source, "en", target, "de")
    vocabulary_rows = [set(src.ids[src.pointers[k] : src.pointers[k + 1]]) for k in range(5)]
    assert vocabulary_rows[0] & vocabulary_rows[2]


def test_the_feature_matrices_of_the_texts_read_last_are_kept_read_only_until_forgotten():
    source, target = ["Der Gipfel 8848 m.", "Tenzing Norgay."], ["Le sommet 8848 m.", "Tenzing."]
    signals.forget_feature_matrices()
    first = feature_matrices(source, "de", target, "fr")
    again = feature_matrices(list(source), "de", list(target), "fr")
    assert again is first  # kept: the omission check reads what the aligner read
    assert not first[0].weights.flags.writeable
    with pytest.raises(ValueError):
        first[1].ids[0] = 0
    signals.forget_feature_matrices()
    fresh = feature_matrices(source, "de", target, "fr")
    assert fresh is not first
    for old, new in zip(first, fresh, strict=True):
        assert np.array_equal(old.pointers, new.pointers)
        assert np.array_equal(old.ids, new.ids)
        assert np.array_equal(old.weights, new.weights)
    # Other texts, or the same with other weights, are other matrices.
    assert feature_matrices(source[:1], "de", target[:1], "fr") is not fresh
    assert feature_matrices(source, "de", target, "fr",
                            signals.SignalWeights(number=1.0)) is not fresh


def test_the_largest_pairs_of_texts_are_kept_longest():
    signals.forget_feature_matrices()
    document = [f"Satz {k} über den Gipfel." for k in range(40)]
    whole = feature_matrices(document, "de", document, "fr")
    for k in range(2 * signals._KEPT_PAIRS):  # a paragraph at a time, as the aligner reads
        feature_matrices(document[k % 40:k % 40 + 1], "de", document[:1], "fr")
    assert feature_matrices(document, "de", document, "fr") is whole
    signals.forget_feature_matrices()
