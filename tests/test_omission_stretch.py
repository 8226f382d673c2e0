import dataclasses
import itertools

from hypothesis import given
from hypothesis import strategies as st

from builders import one_to_one, segmented
from mtcheck.config import OmissionConfig
from mtcheck.omission import omission_candidates
from mtcheck.omission.combine import PieceSignals
from mtcheck.omission.stretch import (
    FALLBACK_SPREAD,
    MIN_PIECES,
    AnchorChain,
    StretchModel,
    anchor_chain,
    fit_stretch_model,
    stretch_evidence,
)
from mtcheck.omission.support import DocumentLexicon
from omission_fixtures import CLAUSE_DROPPED, GERMAN, GERMAN_WITHOUT_CLAUSE, SOURCE

NO_LEXICON = DocumentLexicon([], stems=False)
EVEN = StretchModel(centre=0.0, spread=0.25)

SOURCE_DE = ("Der Präsident der Republik besuchte am Montag die Expedition in Nepal, die seit "
             "1953 den Gipfel erreichen wollte, und sprach mit den Bergsteigern in Kathmandu.")
WHOLE_FR = ("Le président de la République a rendu visite lundi à l'expédition au Népal, qui "
            "voulait atteindre le sommet depuis 1953, et a parlé avec les alpinistes à Katmandou.")
SHORT_FR = ("Le président de la République a rendu visite lundi à l'expédition au Népal et a "
            "parlé avec les alpinistes à Katmandou.")
CLAUSE = (SOURCE_DE.index("die seit"), SOURCE_DE.index(", und"))


def _anchored(source: str, target: str) -> list[tuple[str, str]]:
    chain = anchor_chain(source, "de", target, "fr", NO_LEXICON)
    return [(source[s0:s1], target[t0:t1]) for s0, s1, t0, t1 in chain.points]


# --------------------------------------------------------------------------- anchors
def test_cognates_names_and_numbers_pin_the_source_to_the_translation() -> None:
    anchored = _anchored(SOURCE_DE, WHOLE_FR)
    assert ("Republik", "République") in anchored
    assert ("Expedition", "l'expédition") in anchored
    assert ("1953", "1953") in anchored
    assert ("Kathmandu", "Katmandou") in anchored


def test_the_lexicon_pins_words_that_share_no_letters() -> None:
    others = [(frozenset({f"wort{k}"}), frozenset({f"mot{k}"})) for k in range(8)]
    lexicon = DocumentLexicon([(frozenset({"gipfel"}), frozenset({"sommet"}))] * 2 + others)
    chain = anchor_chain(SOURCE_DE, "de", WHOLE_FR, "fr", lexicon)
    # (found, not in the chain: "seit 1953 den Gipfel" is "le sommet depuis 1953")
    assert any(SOURCE_DE[s0:s1] == "Gipfel" and WHOLE_FR[t0:t1] == "sommet"
               for s0, s1, t0, t1 in chain.found)


def test_a_dictionary_pins_words_a_short_document_never_repeats() -> None:
    from mtcheck.omission.dictionary import key_of

    table = {"bergsteigern": frozenset({key_of("alpiniste")}),
             "gipfel": frozenset({key_of("sommet")})}
    chain = anchor_chain(SOURCE_DE, "de", WHOLE_FR, "fr", NO_LEXICON,
                         dictionary=lambda w: table.get(w.lower(), frozenset()))
    anchored = [(SOURCE_DE[s0:s1], WHOLE_FR[t0:t1]) for s0, s1, t0, t1 in chain.points]
    assert ("Bergsteigern", "alpinistes") in anchored
    assert ("Bergsteigern", "alpinistes") not in _anchored(SOURCE_DE, WHOLE_FR)
    assert any(SOURCE_DE[s0:s1] == "Gipfel" and WHOLE_FR[t0:t1] == "sommet"
               for s0, s1, t0, t1 in chain.found)


def test_anchors_run_in_order_on_both_sides() -> None:
    # "Nepal" and "1953" swapped in the translation: only one of the two can stay.
    target = "En 1953, l'expédition au Népal."
    chain = anchor_chain("Die Expedition in Nepal 1953.", "de", target, "fr", NO_LEXICON)
    starts = [(s0, t0) for s0, _s1, t0, _t1 in chain.points]
    assert starts == sorted(starts)
    assert sorted(t for _, t in starts) == [t for _, t in starts]
    assert len(chain.points) == 2


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 5), st.integers(0, 60),
                          st.integers(1, 5)), max_size=25))
def test_the_chain_is_monotone_whatever_the_candidates(raw: list[tuple[int, int, int, int]]
                                                       ) -> None:
    from mtcheck.omission.stretch import _monotone

    chain = _monotone((s, s + a, t, t + b) for s, a, t, b in raw)
    for (_, s1, _, t1), (s0, _, t0, _) in itertools.pairwise(chain):
        assert s1 <= s0 and t1 <= t0
    assert bool(chain) == bool(raw)


# --------------------------------------------------------------------------- evidence
def test_a_clause_whose_anchors_meet_in_the_translation_is_evidence_of_an_omission() -> None:
    dropped = anchor_chain(SOURCE_DE, "de", SHORT_FR, "fr", NO_LEXICON)
    kept = anchor_chain(SOURCE_DE, "de", WHOLE_FR, "fr", NO_LEXICON)
    assert stretch_evidence(dropped, *CLAUSE, EVEN) > 2
    assert stretch_evidence(kept, *CLAUSE, EVEN) < 0


def test_a_stretch_between_the_sentence_edges_says_nothing() -> None:
    chain = AnchorChain("Ein ganz anderer Satz, ohne Anker.", "Une phrase.", ())
    assert stretch_evidence(chain, 0, 20, EVEN) == 0


def test_the_spread_is_the_documents_own_and_needs_enough_pieces() -> None:
    few = fit_stretch_model(0.1, [0.0] * (MIN_PIECES - 1), 0.05)
    assert few.spread == FALLBACK_SPREAD and few.centre == 0.1
    loose = fit_stretch_model(0.0, [(-1) ** k * 0.4 for k in range(40)], 0.05)
    close = fit_stretch_model(0.0, [(-1) ** k * 0.1 for k in range(40)], 0.05)
    assert loose.spread > close.spread >= 0.05


def test_a_looser_document_weighs_the_same_stretch_less() -> None:
    dropped = anchor_chain(SOURCE_DE, "de", SHORT_FR, "fr", NO_LEXICON)
    loose = StretchModel(centre=0.0, spread=0.6)
    assert stretch_evidence(dropped, *CLAUSE, loose) < stretch_evidence(
        dropped, *CLAUSE, EVEN)


# --------------------------------------------------------------------------- in the check
def _stretch_of(target: list[str], weight: float) -> tuple[float, list[PieceSignals]]:
    config = dataclasses.replace(OmissionConfig(), stretch=weight)
    trace: list[PieceSignals] = []
    candidates = omission_candidates(segmented("en", SOURCE), segmented("de", target),
                                     one_to_one(len(SOURCE)), None, config, trace)
    best = max((c.score for c in candidates if c.source_id == CLAUSE_DROPPED), default=0.0)
    return best, trace


def test_the_check_records_the_signal_and_weighs_it_by_the_config() -> None:
    without, trace = _stretch_of(GERMAN_WITHOUT_CLAUSE, 0.0)
    assert all(len(p.values) == len(trace[0].values) for p in trace)
    clause = [p for p in trace if p.source_id == CLAUSE_DROPPED and p.kind == "clause"
              and "which will link" in SOURCE[CLAUSE_DROPPED][p.start:p.end]]
    assert clause and max(p.signal("stretch") for p in clause) > 0
    weighed, _ = _stretch_of(GERMAN_WITHOUT_CLAUSE, 1.0)
    assert weighed > without


def test_a_whole_translation_gets_no_stretch_evidence_for_its_clause() -> None:
    _, trace = _stretch_of(GERMAN, 0.0)
    clause = [p for p in trace if p.source_id == CLAUSE_DROPPED and p.kind == "clause"
              and "which will link" in SOURCE[CLAUSE_DROPPED][p.start:p.end]]
    assert clause and max(p.signal("stretch") for p in clause) <= 0


def test_a_document_with_many_stretches_far_off_weighs_a_short_one_less() -> None:
    dropped = anchor_chain(SOURCE_DE, "de", SHORT_FR, "fr", NO_LEXICON)
    tidy = fit_stretch_model(0.0, [(-1) ** k * 0.2 for k in range(40)], 0.05)
    moved = fit_stretch_model(0.0, [(-1) ** k * 0.2 for k in range(36)] + [-2.0] * 4, 0.05)
    assert moved.outliers > tidy.outliers
    assert 0 < stretch_evidence(dropped, *CLAUSE, moved) < stretch_evidence(
        dropped, *CLAUSE, tidy)


def test_stretches_are_measured_from_the_documents_own_median() -> None:
    model = fit_stretch_model(0.0, [0.3 + (-1) ** k * 0.1 for k in range(40)], 0.05)
    assert abs(model.offset - 0.3) < 0.11
    assert abs(model.residual(100, 100 * 1.35)) < 0.1


def test_a_translation_that_ends_open_pins_nothing_at_its_end() -> None:
    # The rest of the translation went on in the next pair (a semicolon the segmenter split
    # at): the last clause's stretch has no right end.
    open_end = SHORT_FR.removesuffix(" à Katmandou.") + " ;"
    chain = anchor_chain(SOURCE_DE, "de", open_end, "fr", NO_LEXICON)
    assert chain.open_end
    last = (SOURCE_DE.index("und sprach"), len(SOURCE_DE))
    assert stretch_evidence(chain, *last, EVEN) == 0
    closed = anchor_chain(SOURCE_DE, "de", SHORT_FR, "fr", NO_LEXICON)
    assert not closed.open_end
