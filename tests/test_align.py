"""The align stage: covers, bead kinds, documents, back-translation hook, band search."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.align import ALIGNER, align_documents, align_sentences, parse_beads
from mtcheck.config import AlignConfig, ConfigError
from mtcheck.corpus import split_paragraphs
from mtcheck.segment import segment_document
from mtcheck.types import AlignedPair, Document

SOURCE = [
    "The delegation arrived in Tehran on 5 August.",
    "Shoigu met President Pezeshkian.",
    "They discussed regional security.",
    "The talks lasted three hours, officials said.",
    "A joint statement followed on 6 August.",
]


def assert_cover(pairs: list[AlignedPair], n: int, m: int) -> None:
    """Every sentence in exactly one bead, beads in order, confidence in [0, 1]."""
    source_ids = [i for p in pairs for i in p.source_ids]
    target_ids = [j for p in pairs for j in p.target_ids]
    assert source_ids == list(range(n))
    assert target_ids == list(range(m))
    for pair in pairs:
        assert pair.source_ids or pair.target_ids
        assert 0.0 <= pair.confidence <= 1.0
        assert list(pair.source_ids) == sorted(pair.source_ids)
        assert list(pair.target_ids) == sorted(pair.target_ids)


sentence = st.integers(min_value=0, max_value=120).map(lambda k: ("word " * k).strip() + ".")


@settings(max_examples=60, deadline=None)
@given(st.lists(sentence, max_size=25), st.lists(sentence, max_size=25))
def test_any_lengths_give_a_monotone_cover(source: list[str], target: list[str]) -> None:
    pairs = align_sentences(source, target, source_lang="en", target_lang="de")
    assert_cover(pairs, len(source), len(target))


@settings(max_examples=25, deadline=None)
@given(st.lists(sentence, min_size=1, max_size=40), st.lists(sentence, min_size=1, max_size=40))
def test_band_search_also_gives_a_cover(source: list[str], target: list[str]) -> None:
    config = AlignConfig(full_search_cells=0, band=2)
    pairs = align_sentences(source, target, source_lang="en", target_lang="en", config=config)
    assert_cover(pairs, len(source), len(target))


def test_identical_documents_align_one_to_one() -> None:
    pairs = align_sentences(SOURCE, SOURCE, source_lang="en", target_lang="en")
    assert [(p.source_ids, p.target_ids) for p in pairs] == [((i,), (i,)) for i in range(5)]
    assert all(p.confidence > 0.9 for p in pairs)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # the second and third sentences merged into one
        (
            [SOURCE[0], SOURCE[1][:-1] + " and " + SOURCE[2][0].lower() + SOURCE[2][1:],
             SOURCE[3], SOURCE[4]],
            [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3,))],
        ),
        # the fourth sentence split in two
        (
            [*SOURCE[:3], "The talks lasted three hours.", "Officials said so.", *SOURCE[4:]],
            [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3, 4)), ((4,), (5,))],
        ),
        # the third sentence dropped
        (
            SOURCE[:2] + SOURCE[3:],
            [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,))],
        ),
        # a sentence inserted
        (
            [*SOURCE[:2], "Photo: Reuters 1998 archive, Zurich.", *SOURCE[2:]],
            [((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), (3,)), ((3,), (4,)), ((4,), (5,))],
        ),
    ],
    ids=["merged", "split", "dropped", "inserted"],
)
def test_non_one_to_one_beads(target: list[str], expected: list[tuple[tuple[int, ...], ...]]) -> None:
    pairs = align_sentences(SOURCE, target, source_lang="en", target_lang="en")
    assert [(p.source_ids, p.target_ids) for p in pairs] == expected


def test_empty_sides() -> None:
    assert align_sentences([], [], source_lang="en", target_lang="fr") == []
    pairs = align_sentences(["a.", "b."], [], source_lang="en", target_lang="fr")
    assert [(p.source_ids, p.target_ids) for p in pairs] == [((0,), ()), ((1,), ())]
    pairs = align_sentences([], ["a."], source_lang="en", target_lang="fr")
    assert [(p.source_ids, p.target_ids) for p in pairs] == [((), (0,))]


@pytest.mark.parametrize("dropped", [0, 1, 2, 3, 4])
def test_numbers_and_names_find_the_dropped_sentence(dropped: int) -> None:
    # All sentences have the same length, so only the shared numbers and names can tell
    # which one the translation left out.
    source = [f"In {1950 + k} the team of {name} reached camp {k + 2}."
              for k, name in enumerate(["Hillary", "Tenzing", "Lambert", "Hunt", "Evans"])]
    target = [f"Im Jahr {1950 + k} kam das Team von {name} zum Lager {k + 2}."
              for k, name in enumerate(["Hillary", "Tenzing", "Lambert", "Hunt", "Evans"])]
    del target[dropped]
    pairs = align_sentences(source, target, source_lang="en", target_lang="de")
    beads = [(p.source_ids, p.target_ids) for p in pairs]
    assert ((dropped,), ()) in beads
    assert sum(1 for p in pairs if p.kind == "1-1") == 4


@pytest.mark.parametrize("dropped", [0, 1, 2, 3, 4])
def test_backtranslations_find_the_dropped_sentence(dropped: int) -> None:
    """Where source and target share nothing, back-translations decide."""
    source = ["The weather was cold.", "Our porters walked on.", "The camp looked empty.",
              "Snow began to fall.", "We slept in the tent."]
    # A stand-in language that shares no words, numbers or names with the source.
    target = ["Qwe rtyu iop asdf.", "Ghjk lzx cvbnm qwer.", "Tyui opa sdfg hjkl.",
              "Zxcv bnmq wert yuio.", "Pasd fghj klzx cvbn."]
    del target[dropped]
    backtranslations = source[:dropped] + source[dropped + 1 :]
    with_bt = align_sentences(source, target, source_lang="en", target_lang="de",
                              target_in_source_language=backtranslations)
    assert ((dropped,), ()) in [(p.source_ids, p.target_ids) for p in with_bt]


def _expedition_pair() -> tuple[list[str], list[str]]:
    names = ["Hillary", "Tenzing", "Lambert", "Hunt", "Evans"]
    source = [f"In {1950 + k} the team of {name} reached camp {k + 2}."
              for k, name in enumerate(names)]
    target = [f"Im Jahr {1950 + k} kam das Team von {name} zum Lager {k + 2}."
              for k, name in enumerate(names)]
    return source, target


def test_an_unrelated_insertion_is_unaligned_and_more_likely_right_than_not() -> None:
    source, target = _expedition_pair()
    target.insert(2, "Das Wetter war an diesem Tag sehr kalt.")
    pairs = align_sentences(source, target, source_lang="en", target_lang="de")
    inserted = [p for p in pairs if p.target_ids == (2,)]
    assert [p.source_ids for p in inserted] == [()]
    # Joining it to a neighbour would break that neighbour's length match: a clear margin.
    assert inserted[0].confidence > 0.5


def test_a_run_of_insertions_takes_the_confidence_of_its_nearer_end() -> None:
    source, target = _expedition_pair()
    target[2:2] = ["Das Wetter war an diesem Tag sehr kalt.", "Es schneite seit dem Morgen.",
                   "Die Träger warteten im Zelt auf besseres Wetter."]
    pairs = align_sentences(source, target, source_lang="en", target_lang="de")
    unaligned = [p for p in pairs if not p.source_ids]
    assert [p.target_ids for p in unaligned] == [(2,), (3,), (4,)]
    first, middle, last = (p.confidence for p in unaligned)
    assert middle in (first, last)
    assert all(0.5 < c <= 1.0 for c in (first, middle, last))


def test_unaligned_confidences_vary_with_the_evidence() -> None:
    source, target = _expedition_pair()
    confidences = set()
    for extra in ["Das Wetter war an diesem Tag sehr kalt.",
                  "Im Jahr 1951 schneite es im Lager am Morgen und am Abend sehr stark."]:
        pairs = align_sentences(source, [*target[:2], extra, *target[2:]], source_lang="en",
                                target_lang="de")
        confidences |= {round(p.confidence, 6) for p in pairs if not p.source_ids}
    assert len(confidences) == 2 and 0.5 not in confidences


def test_a_soft_cut_costs_the_bead_after_it() -> None:
    source = ["Der Gipfel wurde am 9. Mai erreicht.", "Zwei Tage später folgten Kato und Higeta."]
    # A semicolon and a lower-case start: a soft cut before target sentence 1.
    target = ["Le sommet fut atteint le 9 mai ;",
              "deux jours plus tard, Kato et Higeta les suivirent."]

    def costs(soft: float) -> list[float]:
        pairs = align_sentences(source, target, source_lang="de", target_lang="fr",
                                config=AlignConfig(soft_boundary_cost=soft))
        assert [(p.source_ids, p.target_ids) for p in pairs] == [((0,), (0,)), ((1,), (1,))]
        return [p.cost for p in pairs]

    without, with_soft = costs(0.0), costs(2.0)
    assert with_soft[0] == pytest.approx(without[0])
    assert with_soft[1] - without[1] == pytest.approx(2.0)


@pytest.mark.parametrize("merge_support", [False, True])
def test_bead_costs_repeat_the_search_costs(merge_support: bool) -> None:
    """The confidence of unaligned beads re-costs beads outside the search: same numbers."""
    from mtcheck.align.cost import BeadCosts, Channel
    from mtcheck.align.search import Band, banded_search
    from mtcheck.align.sentences import PRIORS
    from mtcheck.align.signals import feature_matrices, text_length

    source, target = _expedition_pair()
    target = [*target[:1], target[1] + " " + target[2], *target[3:], "Ende gut."]
    src, tgt = feature_matrices(source, "en", target, "de")
    kinds = [(1, 1), (1, 2), (2, 1), (1, 0), (2, 2)]
    model = BeadCosts([text_length(t) for t in source], [text_length(t) for t in target],
                      [Channel(src, tgt, 20.0)], kinds, {**PRIORS}, Band.full(5, 5),
                      merge_support=merge_support)
    result = banded_search(5, 5, kinds, model, Band.full(5, 5))
    for (i, j, a, b), cost in zip(result.beads, result.costs, strict=True):
        if a and b:
            assert model.bead_cost(i + a, j + b, a, b) == pytest.approx(cost, rel=1e-5)
    assert (2, 1) in [(a, b) for _, _, a, b in result.beads]
    # Every 2-1 bead, in the search or not, costs the same both ways.
    rows = model.row_costs(5, 0, 5)
    kind = kinds.index((2, 1))
    for column in range(1, 6):
        assert model.bead_cost(5, column, 2, 1) == pytest.approx(rows[kind, column], rel=1e-5)


def test_backtranslations_must_match_the_target() -> None:
    with pytest.raises(ValueError, match="one per target sentence"):
        align_sentences(["a."], ["b."], source_lang="en", target_lang="de",
                        target_in_source_language=[])


def test_only_configured_bead_kinds_are_used() -> None:
    target = [*SOURCE[:3], "The talks lasted three hours.", "Officials said so.", *SOURCE[4:]]
    config = AlignConfig(beads=("1-1",))
    pairs = align_sentences(SOURCE, target, source_lang="en", target_lang="en", config=config)
    assert {p.kind for p in pairs} <= {"1-1", "1-0", "0-1"}


def test_unknown_bead_kind_lists_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown bead kind '5-5' \(valid: 1-1, "):
        parse_beads(["5-5"])
    assert parse_beads(["1-1"]) == [(1, 1), (1, 0), (0, 1)]


def test_band_search_matches_full_search() -> None:
    source = [f"Sentence number {k} has {k % 7 + 2} words here." for k in range(300)]
    target = [s.replace("Sentence", "Satz") for s in source]
    del target[100:103]
    target.insert(200, "An inserted caption, 1999.")
    full = align_sentences(source, target, source_lang="en", target_lang="de")
    banded = align_sentences(source, target, source_lang="en", target_lang="de",
                             config=AlignConfig(full_search_cells=0, band=8))
    assert [(p.source_ids, p.target_ids) for p in banded] == [
        (p.source_ids, p.target_ids) for p in full]


def _document(text: str, lang: str) -> Document:
    return Document(path=f"doc.{lang}", lang=lang, paragraphs=split_paragraphs(text, True))


def test_documents_align_within_matching_paragraphs() -> None:
    source = segment_document(_document(
        "Shoigu visits Iran\n\nHe arrived on the 5th. He met Bagheri.\n\nTalks ended.", "en"))
    target = segment_document(_document(
        "Schoigu besucht Iran\n\nEr kam am 5. an und traf Bagheri.\n\nDie Gespräche endeten.",
        "de"))
    alignment = align_documents(source, target)
    assert alignment.method.endswith("(paragraphs)")
    assert [(p.source_ids, p.target_ids) for p in alignment.pairs] == [
        ((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_documents_with_different_paragraphs_align_as_a_whole() -> None:
    source = segment_document(_document(
        "Shoigu visits Iran\n\nHe arrived on the 5th.\n\nHe met Bagheri in 2024.", "en"))
    target = segment_document(_document(
        "Schoigu besucht Iran\n\nEr kam am 5. an. Er traf Bagheri 2024.", "de"))
    alignment = align_documents(source, target)
    assert alignment.method.endswith("(document)")
    assert [(p.source_ids, p.target_ids) for p in alignment.pairs] == [
        ((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    off = align_documents(source, target, dataclasses.replace(AlignConfig(),
                                                              within_paragraphs=False))
    assert off.method.endswith("(document)")


def test_signature_names_the_method() -> None:
    assert ALIGNER.startswith("mtcheck-align/")
