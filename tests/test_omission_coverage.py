import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from builders import one_to_one, segmented
from mtcheck.config import OmissionConfig
from mtcheck.omission import omission_candidates
from mtcheck.omission.clauses import mark_ends, marks_removed
from mtcheck.omission.coverage import (
    SupportRates,
    WordFlags,
    content_words,
    mark_evidence,
    mark_rate,
    support_evidence,
    support_rates,
    word_flags,
)
from mtcheck.omission.support import DocumentLexicon, index_target, lexical_unit, lexical_units
from omission_fixtures import CLAUSE_DROPPED, GERMAN, GERMAN_WITHOUT_CLAUSE, SOURCE

RATES = SupportRates(translated=0.5, unrelated=0.05, words=100)


# --------------------------------------------------------------------------- word support
def test_an_unsupported_piece_beside_a_supported_rest_is_evidence_of_an_omission() -> None:
    assert support_evidence(0, 6, 8, 10, RATES, 4.0) > 3


def test_a_piece_as_well_supported_as_the_rest_is_evidence_against() -> None:
    assert support_evidence(3, 6, 5, 10, RATES, 4.0) < 0


def test_a_piece_without_content_words_or_a_document_without_support_says_nothing() -> None:
    assert support_evidence(0, 0, 8, 10, RATES, 4.0) == 0
    flat = SupportRates(translated=0.05, unrelated=0.05, words=100)
    assert support_evidence(0, 6, 0, 10, flat, 4.0) == 0


@given(st.integers(0, 8), st.integers(1, 8), st.integers(0, 20), st.integers(0, 20))
def test_each_more_unsupported_word_adds_evidence(supported: int, unsupported: int,
                                                  rest_supported: int, rest_extra: int) -> None:
    total = supported + unsupported
    fewer = support_evidence(supported, total - 1, rest_supported, rest_supported + rest_extra,
                             RATES, 4.0)
    more = support_evidence(supported, total, rest_supported, rest_supported + rest_extra,
                            RATES, 4.0)
    assert more >= fewer


def test_function_words_are_not_content_words_and_unspaced_sources_have_none() -> None:
    words = [w for _, w in content_words("The railway will link the two capitals.", "en")]
    assert "railway" in words and "capitals" in words and "the" not in words
    assert content_words("新しい鉄道は二つの首都を結ぶ。", "ja") == ()


def test_words_are_supported_by_their_usual_translation_or_as_themselves() -> None:
    filler = [(frozenset({f"w{k}"}), frozenset({f"v{k}"})) for k in range(7)]
    lexicon = DocumentLexicon([(frozenset({lexical_unit("railway")}),
                                frozenset({lexical_unit("Eisenbahnlinie")}))] * 3 + filler,
                              stems=True)
    target = "Die neue Eisenbahnlinie verbindet Teheran mit dem Hafen, sagte Schoigu."
    found = index_target(target, "de", None, (), ())
    text = "The new railway links Tehran and Baku with the harbour, Shoigu said."
    flags = word_flags(text, "en", lexicon, found, lexical_units(target, "de"), 0.5, 3.0)
    supported = dict(zip(flags.offsets, flags.supported, strict=True))
    assert supported[text.index("railway")] and not supported[text.index("harbour")]
    # Names are anchors of their own: not counted, but a found one bounds a gap.
    assert supported[text.index("Tehran")]
    assert text.index("Shoigu") not in supported and text.index("Baku") not in supported
    kept = {text[a:b] for a, b in flags.kept}
    assert "Shoigu" in kept and "Baku" not in kept
    # ... and each name is counted once, found or not, for the document's anchor rates.
    twice = word_flags(text + " Shoigu came back.", "en", lexicon, found, frozenset(), 0.5,
                       3.0)
    assert sorted(twice.rare_found) == sorted(flags.rare_found) == [False, True]


def test_the_document_rates_compare_own_and_neighbouring_translations() -> None:
    own = [WordFlags((0, 5, 10), (True, True, False))]
    other = [WordFlags((0, 5, 10), (False, False, True))]
    rates = support_rates(own, other)
    assert (rates.translated, rates.unrelated, rates.words) == (2 / 3, 1 / 3, 3)


def test_a_gap_is_the_stretch_between_supported_words() -> None:
    text = "Chebet said the money would be used to expand into Uganda, Tanzania and Congo."
    offsets = [text.index(w) for w in ("Chebet", "money", "used", "expand", "Uganda",
                                       "Tanzania", "Congo")]
    supported = (True, False, False, False, False, True, True)
    kept = tuple((o, o + len(w)) for o, w, s in zip(offsets, ("Chebet", "", "", "", "",
                                                                "Tanzania", "Congo"),
                                                     supported, strict=True) if s)
    flags = WordFlags(tuple(offsets), supported, kept)
    [(start, end)] = flags.gaps(text, 2)
    assert text[start:end] == "said the money would be used to expand into Uganda,"
    assert flags.gaps(text, 5) == ()


# --------------------------------------------------------------------------- clause marks
def test_a_left_out_piece_takes_its_own_marks_or_the_one_before_it_at_the_end() -> None:
    text = "The line, which links the capitals, opens in 2028, the minister said."
    first = text.index("which")
    assert marks_removed(text, first, text.index("opens") - 1, "en") == 1
    last = text.index("the minister")
    assert marks_removed(text, last, len(text), "en") == 1
    assert marks_removed(text, 0, first - 1, "en") == 1
    assert len(mark_ends("It cost 1,5 million, they said.", "en")) == 1  # 1,5 is a number


def test_fewer_marks_in_the_translation_are_evidence_that_a_clause_went() -> None:
    rate = mark_rate([(2, 2), (1, 1), (3, 3)])
    assert rate == 1
    assert mark_evidence(2, 1, 1, rate, 0.5) > 0
    assert mark_evidence(2, 1, 2, rate, 0.5) < 0
    assert mark_evidence(2, 0, 0, rate, 0.5) == 0
    assert mark_rate([(0, 2)]) is None and mark_evidence(2, 1, 0, None, 0.5) == 0
    # Without smoothing, a piece that takes the only mark leaves nothing to compare.
    assert mark_evidence(1, 1, 0, rate, 0.0) == 0


def test_a_pair_of_one_piece_without_shrinkage_falls_back_to_the_document_rate() -> None:
    assert support_evidence(0, 4, 0, 0, RATES, 0.0) == support_evidence(0, 4, 0, 0, RATES, 1.0)


# --------------------------------------------------------------------------- in the check
def test_word_support_and_marks_add_evidence_for_a_dropped_clause() -> None:
    config = OmissionConfig()
    target = segmented("de", GERMAN_WITHOUT_CLAUSE)
    source = segmented("en", SOURCE)

    def score(**changes: float) -> float:
        candidates = omission_candidates(source, target, one_to_one(len(SOURCE)), None,
                                         dataclasses.replace(config, **changes))
        return next(c.score for c in candidates if c.source_id == CLAUSE_DROPPED)

    assert score() > score(support=0.0) > score(support=0.0, punctuation=0.0)


def test_word_support_does_not_raise_a_complete_translation() -> None:
    config = OmissionConfig()
    source = segmented("en", SOURCE)
    candidates = omission_candidates(source, segmented("de", GERMAN), one_to_one(len(SOURCE)),
                                     None, config)
    assert max(c.score for c in candidates) < config.threshold - config.calm_discount


def test_the_lexicon_learns_a_word_in_all_its_forms() -> None:
    # Inflected forms (and Korean words with their particles) are one unit, so a short
    # document sees each word often enough to learn its translation.
    assert lexical_unit("Gletscher") == lexical_unit("Gletschers") == lexical_unit("gletscher")
    assert lexical_unit("ледника") == lexical_unit("ледником")
    assert lexical_unit("정부는") == lexical_unit("정부가") != lexical_unit("정상은")
    assert lexical_unit("Gipfel") != lexical_unit("Gletscher")
    pairs = [(lexical_units(f"Der Gletscher{ending} liegt hoch.", "de"),
              lexical_units(f"Ледник{ending_ru} лежит высоко.", "ru"))
             for ending, ending_ru in (("", ""), ("s", "а"), ("n", "ом"))]
    filler = [(frozenset({f"w{k}"}), frozenset({f"v{k}"})) for k in range(7)]
    lexicon = DocumentLexicon(pairs + filler, stems=True)
    assert lexical_unit("ледникам") in lexicon.associates[lexical_unit("Gletschern")]
    # A short document keeps whole words (word starts would mostly add chance pairings).
    assert lexical_unit("Gletschers", stems=False) == "gletschers"
    assert lexical_unit("정부는", stems=False) == lexical_unit("정부가", stems=False)
    whole = [(lexical_units(f"Der Gletscher{e} liegt hoch.", "de", False),
              lexical_units(f"Ледник{r} лежит высоко.", "ru", False))
             for e, r in (("", ""), ("s", "а"), ("n", "ом"))]
    assert "gletschern" not in DocumentLexicon(whole + filler).associates


def test_a_pair_held_out_cannot_vouch_for_itself() -> None:
    filler = [(frozenset({f"w{k}"}), frozenset({f"v{k}"})) for k in range(8)]
    seen_twice = (frozenset({"schneesturm"}), frozenset({"tempête"}))
    lexicon = DocumentLexicon([seen_twice, seen_twice, *filler])
    source, target = frozenset({"schneesturm"}), frozenset({"tempête"})
    assert lexicon.coverage(source, target) == (1, 1)
    # Without one of its two pairs the association rests on one co-occurrence: below the
    # lexicon's minimum count, so the word has no known translation there.
    assert lexicon.coverage(source, target, [seen_twice]) == (0, 0)
    # A pair that shares nothing with the word takes nothing away.
    assert lexicon.coverage(source, target, [filler[0]]) == (1, 1)
    seen_thrice = DocumentLexicon([seen_twice] * 3 + filler)
    assert seen_thrice.coverage(source, target, [seen_twice]) == (1, 1)


# --------------------------------------------------------------------------- dictionary
def test_dictionary_flags_mark_known_words_and_those_whose_translation_is_there() -> None:
    from mtcheck.omission.coverage import dictionary_rates
    from mtcheck.omission.dictionary import key_of, target_keys

    text = "Die Expedition musste am Gipfel umkehren"
    target = "L'expédition dut rebrousser chemin."
    table = {"expedition": {key_of("expédition")}, "gipfel": {key_of("sommet")},
             "umkehren": {key_of("retourner")}}
    lexicon = DocumentLexicon([], stems=False)
    found = index_target(target, "fr", None, (), ())
    flags = word_flags(text, "de", lexicon, found, lexical_units(target, "fr", False), 0.5, 3.0,
                       dictionary=lambda w: frozenset(table.get(w.lower(), ())),
                       target_keys=target_keys(target))
    at = dict(content_words(text, "de"))
    words = {at[o]: flag for o, flag in zip(flags.offsets, zip(flags.known, flags.listed,
                                                                 strict=True), strict=True)}
    assert words["Expedition"] == (True, True)
    assert words["Gipfel"] == (True, False)
    assert words["umkehren"] == (True, False)
    assert flags.listed_count(0, len(text)) == (1, sum(flags.known))
    # the piece "am Gipfel umkehren": known to the dictionary, none of it in the translation
    start = text.index("am")
    assert flags.listed_count(start, len(text)) == (0, 2)
    rates = dictionary_rates([flags], [flags])
    assert rates.words == sum(flags.known)
    # without a dictionary nothing is flagged, and folding changes word support only with one
    plain = word_flags(text, "de", lexicon, found, lexical_units(target, "fr", False), 0.5, 3.0)
    assert plain.known == () and plain.listed_count(0, len(text)) == (0, 0)
    folded = word_flags(text, "de", lexicon, found, lexical_units(target, "fr", False), 0.5,
                        3.0, dictionary=lambda w: frozenset(table.get(w.lower(), ())),
                        target_keys=target_keys(target), fold=True)
    assert sum(folded.supported) == sum(plain.supported) + (not words_supported(plain, text))


def words_supported(flags: WordFlags, text: str) -> bool:
    """Whether "Expedition" was supported without the dictionary (a cognate, romanised)."""
    return flags.supported[flags.offsets.index(text.index("Expedition"))]
