import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from builders import one_to_one, segmented
from mtcheck.config import OmissionConfig
from mtcheck.omission import omission_candidates
from mtcheck.omission.explained import (
    MatchRates,
    explained_evidence,
    match_rates,
    sentence_matches,
    target_words,
)
from mtcheck.omission.support import DocumentLexicon, lexical_unit
from omission_fixtures import CLAUSE_DROPPED, GERMAN, GERMAN_WITHOUT_CLAUSE, SOURCE

RATES = MatchRates(own=0.6, unrelated=0.1)


def test_a_translation_the_rest_explains_fully_is_evidence_that_the_piece_went() -> None:
    # Ten content words, six matched by the rest: the document's own rate for a whole source.
    assert explained_evidence(6, 10, 0.4, RATES) > 0.5
    # Two matched: the rest explains only its own share, the piece's words are there too.
    assert explained_evidence(2, 10, 0.4, RATES) < -0.5


def test_nothing_to_count_or_a_document_without_matches_says_nothing() -> None:
    assert explained_evidence(0, 0, 0.4, RATES) == 0
    assert explained_evidence(3, 10, 0.0, RATES) == 0
    assert explained_evidence(3, 10, 0.4, MatchRates(own=0.1, unrelated=0.1)) == 0


@given(st.integers(0, 20), st.integers(0, 20), st.floats(0.05, 0.9))
def test_each_more_matched_word_adds_evidence(matched: int, extra: int, share: float) -> None:
    total = matched + extra + 1
    assert (explained_evidence(matched + 1, total, share, RATES)
            > explained_evidence(matched, total, share, RATES))


def test_target_words_are_matched_through_the_lexicon_or_romanised() -> None:
    filler = [(frozenset({f"w{k}"}), frozenset({f"v{k}"})) for k in range(7)]
    lexicon = DocumentLexicon([(frozenset({lexical_unit("railway", False)}),
                                frozenset({lexical_unit("Eisenbahnlinie", False)}))] * 3
                              + filler)
    words = target_words("Die neue Eisenbahnlinie verbindet Teheran mit dem Hafen.", "de",
                         False)
    text = "The railway links Tehran with the harbour."
    matches = sentence_matches(text, "en", words, lexicon, 0.5)
    by_word = {text[o:].split()[0].rstrip("."): m for o, m in zip(matches.offsets, matches.matched,
                                                     strict=True)}
    assert by_word["railway"] == {words.units.index("eisenbahnlinie")}
    assert by_word["Tehran"] == {words.units.index("teheran")}
    assert by_word["harbour"] == frozenset()
    # What the rest of the sentence matches, without a piece.
    assert matches.outside(text.index("railway"), text.index("links")) == by_word["Tehran"]
    # A translation written without spaces has no words to count.
    assert target_words("新しい鉄道は首都を結ぶ。", "ja", False).units == ()


def test_the_document_rates_compare_own_and_neighbouring_sources() -> None:
    rates = match_rates([(10, 6), (10, 4)], [(10, 1), (10, 1)])
    assert (rates.own, rates.unrelated) == (0.5, 0.1)


def test_a_clause_the_translation_has_no_room_for_scores_higher() -> None:
    config = OmissionConfig()
    source = segmented("en", SOURCE)

    def score(target: list[str], **changes: float) -> float:
        candidates = omission_candidates(source, segmented("de", target),
                                         one_to_one(len(SOURCE)), None,
                                         dataclasses.replace(config, **changes))
        return max(c.score for c in candidates if c.source_id == CLAUSE_DROPPED)

    assert score(GERMAN_WITHOUT_CLAUSE) >= score(GERMAN_WITHOUT_CLAUSE, explained=0.0)
    assert score(GERMAN) < config.threshold - config.calm_discount
