import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics.bleu import BLEU

from builders import alignment, one_to_one, segmented
from mtcheck.config import ScoreConfig
from mtcheck.score import (
    METRICS,
    bootstrap_interval,
    coverage,
    make_metric,
    reference_units,
    roundtrip_units,
    score_units,
)
from mtcheck.types import ScoreKind

CONFIG = ScoreConfig(bootstrap_resamples=50)
SOURCE = segmented("en", ["The cat sat.", "It was happy.", "Then it slept.", "The end."])


def test_units_follow_the_coarser_of_both_alignments() -> None:
    # The translation merges sentences 0+1; the reference keeps them apart.
    target = segmented("de", ["Die Katze saß und war froh.", "Dann schlief sie.", "Ende."])
    reference = segmented("de", ["Die Katze saß.", "Sie war froh.", "Dann schlief sie.", "Ende."])
    translation_alignment = alignment(((0, 1), (0,)), ((2,), (1,)), ((3,), (2,)))
    units = reference_units(target, translation_alignment, reference, one_to_one(4))
    assert [u.source_ids for u in units] == [(0, 1), (2,), (3,)]
    assert units[0].hypothesis == "Die Katze saß und war froh."
    assert units[0].reference == "Die Katze saß. Sie war froh."
    assert [u.pair_indexes for u in units] == [(0,), (1,), (2,)]


def test_omitted_sentences_stay_as_empty_hypotheses() -> None:
    target = segmented("de", ["Die Katze saß.", "Ende."])
    translation_alignment = alignment(((0,), (0,)), ((1,), ()), ((2,), ()), ((3,), (1,)))
    units = reference_units(target, translation_alignment,
                            segmented("de", ["a.", "b.", "c.", "d."]), one_to_one(4))
    assert [u.hypothesis for u in units] == ["Die Katze saß.", "", "", "Ende."]


def test_cjk_units_join_without_spaces() -> None:
    target = segmented("ja", ["猫が座った。", "嬉しかった。"])
    units = reference_units(target, alignment(((0, 1), (0, 1))), segmented("ja", ["猫。", "嬉。"]),
                            alignment(((0,), (0,)), ((1,), (1,))))
    assert units[0].hypothesis == "猫が座った。嬉しかった。"


def test_perfect_translation_scores_100_with_signature_and_ci() -> None:
    units = roundtrip_units(SOURCE, one_to_one(4), SOURCE.texts())
    scored = score_units(units, "en", ScoreKind.ROUNDTRIP, CONFIG, ("chrF", "BLEU"))
    values = {s.metric: s for s in scored.scores}
    assert values["chrF"].value == pytest.approx(100.0)
    assert values["BLEU"].value == pytest.approx(100.0)
    assert "nrefs:1" in values["BLEU"].signature and "tok:13a" in values["BLEU"].signature
    assert values["chrF"].ci_low is not None and values["chrF"].ci_high is not None
    assert all(v["chrF"] == pytest.approx(100.0) for v in scored.per_pair.values())


def test_worse_translation_scores_lower_and_ter_is_lower_is_better() -> None:
    bad = ["The dog stood.", "It was sad.", "Then it slept.", ""]
    good = score_units(roundtrip_units(SOURCE, one_to_one(4), SOURCE.texts()), "en",
                       ScoreKind.ROUNDTRIP, CONFIG, ("chrF", "TER"))
    worse = score_units(roundtrip_units(SOURCE, one_to_one(4), bad), "en",
                        ScoreKind.ROUNDTRIP, CONFIG, ("chrF", "TER"))
    assert worse.scores[0].value < good.scores[0].value
    assert worse.scores[1].value > good.scores[1].value
    assert worse.scores[1].higher_is_better is False
    assert worse.per_pair[2]["chrF"] == pytest.approx(100.0)
    assert worse.per_pair[3]["chrF"] == 0.0


@pytest.mark.parametrize(("lang", "token"), [("ja", "tok:ja-mecab"), ("ko", "tok:ko-mecab"),
                                             ("zh", "tok:zh"), ("sa", "tok:intl"),
                                             ("el", "tok:13a")])
def test_bleu_tokenizer_comes_from_the_registry(lang: str, token: str) -> None:
    metric = make_metric("BLEU", lang)
    metric.corpus_score(["x"], [["x"]])
    assert token in metric.get_signature().format()


def test_coverage_counts_source_sentences_with_a_counterpart() -> None:
    assert coverage(alignment(((0, 1), (0,)), ((2,), ()), ((3,), (1,))), 4) == 0.75
    assert coverage(alignment(), 0) == 0.0


def test_scores_are_deterministic() -> None:
    units = roundtrip_units(SOURCE, one_to_one(4), ["The cat sat down.", "Happy.", "Slept.", "End"])
    first = score_units(units, "en", ScoreKind.ROUNDTRIP, CONFIG, ("chrF", "BLEU"))
    second = score_units(units, "en", ScoreKind.ROUNDTRIP, CONFIG, ("chrF", "BLEU"))
    assert first == second


def test_ter_splits_cjk_text_without_spaces() -> None:
    units = roundtrip_units(segmented("ja", ["今日は晴れでした。"]), one_to_one(1), ["今日は晴れです。"])
    scored = score_units(units, "ja", ScoreKind.REFERENCE, CONFIG, ("TER",))
    assert 0 < scored.scores[0].value < 50
    assert "asian:yes" in scored.scores[0].signature


# Sentence scores and the bootstrap reuse the per-unit statistics; both must equal
# what sacrebleu computes from scratch.
_WORDS = st.sampled_from(["the", "cat", "sat", "on", "a", "mat", "dog", "ran", "Tehran", "."])
_SENTENCES = st.lists(_WORDS, min_size=0, max_size=8).map(" ".join)


@settings(max_examples=25, deadline=None)
@given(pairs=st.lists(st.tuples(_SENTENCES, _SENTENCES), min_size=1, max_size=6))
def test_sentence_scores_equal_sacrebleus_sentence_score(pairs: list[tuple[str, str]]) -> None:
    hyps = [h for h, _ in pairs]
    source = segmented("en", [r or "x" for _, r in pairs])
    units = roundtrip_units(source, one_to_one(len(pairs)), hyps)
    scored = score_units(units, "en", ScoreKind.ROUNDTRIP, ScoreConfig(bootstrap_resamples=1),
                         METRICS)
    for name in METRICS:
        metric = (BLEU(effective_order=True) if name == "BLEU" else make_metric(name, "en"))
        for index, unit in enumerate(units):
            expected = round(metric.sentence_score(unit.hypothesis, [unit.reference]).score, 4)
            assert scored.per_pair[index][name] == expected


@pytest.mark.parametrize("name", METRICS)
def test_bootstrap_equals_resampling_one_sample_at_a_time(name: str) -> None:
    hyps = ["The cat sat on the mat.", "A dog ran.", "", "Tehran is big.", "It rained."]
    refs = ["The cat sat on a mat.", "The dog ran away.", "Nothing.", "Tehran is large.", "Rain."]
    metric = make_metric(name, "en")
    stats = np.asarray(metric._extract_corpus_statistics(hyps, [refs]), dtype=np.float64)
    config = ScoreConfig(bootstrap_resamples=300, seed=7)
    # The definition: resample segment indexes, sum their statistics, score the sum.
    rng = np.random.default_rng(config.seed)
    samples = rng.integers(0, len(stats), size=(config.bootstrap_resamples, len(stats)))
    values = sorted(metric._compute_score_from_stats(list(stats[idx].sum(0))).score
                    for idx in samples)
    cut = len(values) // 40
    expected = (round(values[cut], 4), round(values[len(values) - cut - 1], 4))
    assert bootstrap_interval(metric, stats, config) == expected
    assert expected[0] < expected[1]


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(st.integers(0, 40), min_size=18, max_size=18),
                     min_size=1, max_size=12),
       name=st.sampled_from(["chrF", "TER", "BLEU"]),
       eps_smoothing=st.booleans())
def test_scores_of_summed_statistics_are_sacrebleus_bit_for_bit(
        rows: list[list[int]], name: str, eps_smoothing: bool) -> None:
    from sacrebleu.metrics.chrf import CHRF

    from mtcheck.score import scores_of_sums

    metric = CHRF(eps_smoothing=eps_smoothing) if name == "chrF" else make_metric(name, "en")
    width = len(metric._extract_corpus_statistics(["a b"], [["a c"]])[0])
    sums = np.asarray([row[:width] for row in rows], dtype=np.float64)
    expected = [metric._compute_score_from_stats(list(row)).score for row in sums]
    assert scores_of_sums(metric, sums) == expected
