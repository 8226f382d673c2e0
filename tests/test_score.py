import pytest

from builders import alignment, one_to_one, segmented
from mtcheck.config import ScoreConfig
from mtcheck.score import (
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
