import dataclasses
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import alignment, one_to_one, segmented
from mtcheck.config import OmissionConfig
from mtcheck.omission import omission_candidates, omission_findings
from mtcheck.omission.detect import Candidate, anchor_weights, bar_for, document_threshold
from mtcheck.omission.lengths import fit_length_model, text_length
from mtcheck.omission.support import (
    han_skeletons,
    index_target,
    name_found,
    name_keys,
    number_found,
    numbers,
    place_found,
    word_found,
)
from mtcheck.types import SegmentedDocument
from omission_fixtures import (
    BACKTRANSLATION,
    CLAUSE_DROPPED,
    GERMAN,
    GERMAN_WITHOUT_CLAUSE,
    SOURCE,
)

CONFIG = OmissionConfig()
EN = segmented("en", SOURCE)


def findings(target: list[str], beads=None, backtranslations=None, config=CONFIG):
    return omission_findings(EN, segmented("de", target), beads or one_to_one(len(target)),
                             backtranslations, config)


# --------------------------------------------------------------------------- anchor weights
def test_anchor_weights_come_from_how_reliably_the_document_finds_its_anchors() -> None:
    # 16 of 20 names found in their own translation, 2 of 20 in the next pair's.
    own, other = [True] * 16 + [False] * 4, [True] * 2 + [False] * 18
    weights = anchor_weights(own, other)
    assert weights is not None
    missing, found = weights
    assert missing == pytest.approx(math.log(0.9 / 0.2))
    assert found == pytest.approx(math.log(0.8 / 0.1))
    # A translator who keeps fewer names: a missing one says less.
    looser = anchor_weights([True] * 8 + [False] * 12, other)
    assert looser is not None and 0 < looser[0] < missing


def test_anchor_weights_fall_back_to_the_fixed_ones_without_enough_evidence() -> None:
    assert anchor_weights([True] * 9, [False] * 9) is None  # too few anchors
    assert anchor_weights([True] * 5 + [False] * 5, [True] * 6 + [False] * 4) is None


@given(st.lists(st.booleans(), min_size=10, max_size=60),
       st.lists(st.booleans(), min_size=1, max_size=60))
def test_anchor_weights_are_bounded_and_point_the_right_way(own: list[bool],
                                                            other: list[bool]) -> None:
    weights = anchor_weights(own, other)
    if weights is not None:
        assert all(0 < w <= math.log(0.9 / 0.1) + 1e-9 for w in weights)


# --------------------------------------------------------------------------- lengths
def test_the_length_model_is_robust_to_a_few_outliers() -> None:
    usual = [(100, 110), (80, 90), (120, 130), (60, 66), (90, 100), (70, 75), (110, 120),
             (95, 104)]
    clean = fit_length_model(usual, floor=0.01)
    spoiled = fit_length_model([*usual, (100, 10), (100, 400)], floor=0.01)
    assert abs(spoiled.centre - clean.centre) < 0.05
    assert spoiled.spread < 2 * clean.spread
    assert clean.z(100, 60) < -3 < clean.z(100, 108) < 3


def test_the_spread_has_a_floor_and_short_documents_use_the_default() -> None:
    assert fit_length_model([(50, 50)] * 20, floor=0.08).spread == 0.08
    assert fit_length_model([(50, 70)] * 3, floor=0.01).pairs == 3
    assert fit_length_model([], floor=0.08).centre == 0.0


@given(st.integers(1, 500), st.integers(1, 500), st.integers(1, 200))
def test_a_shorter_translation_never_has_a_higher_z(source: int, target: int, cut: int) -> None:
    model = fit_length_model([(100, 120), (80, 90), (60, 70)] * 4, floor=0.05)
    assert model.z(source, max(target - cut, 0)) <= model.z(source, target)


def test_text_length_ignores_whitespace() -> None:
    assert text_length(" a b\tc\n") == 3


# --------------------------------------------------------------------------- support
@pytest.mark.parametrize(("written", "target", "found"), [
    ("8839,8", "une moyenne de 8839,8 m", True),
    ("15.30", "vers 15 h. 30", True),
    ("2028", "bis 2029", False),
    ("1 500", "1500 Menschen", True),
])
def test_numbers_are_found_whole_or_part_by_part(written: str, target: str, found: bool) -> None:
    index = index_target(target, "fr", None, (), ())
    [number] = numbers(written, "de")
    assert number_found(number, index.numbers) is found


@pytest.mark.parametrize(("word", "target", "lang", "found"), [
    ("Kangchendzönga", "Quant au Kanchenjunga , on savait", "fr", True),
    ("Shoigu", "Шойгу прибыл в Тегеран", "ru", True),
    ("Tschernezky", "Le temps finit par s' améliorer", "fr", False),
    # Japanese writes no spaces: a katakana name is a word of its own inside the run.
    ("Butantan", "このワクチンはサンパウロのブタンタン研究所が開発した。", "ja", True),
    ("Paredes", "アギレ・パレデス氏は述べた。", "ja", True),
    ("Villalobos", "アギレ・パレデス氏は述べた。", "ja", False),
    # Katakana and hangul put a vowel after nearly every consonant and r for l: the
    # consonants are what the two spellings share.
    ("Lindqvist", "ヨーテボリ育ちのリンドクビストは話した。", "ja", True),
    ("Lindqvist", "예테보리에서 자란 린드크비스트는 말했다.", "ko", True),
    ("Solberg", "ヨーテボリ育ちのリンドクビストは話した。", "ja", False),
    # A possessive is no part of the name: the translation may make an adjective of it.
    ("Ghana's", "fast ein Viertel des ghanaischen Kakaos", "de", True),
    ("Shoigu's", "визит Шойгу в Тегеран", "ru", True),
    ("Ghana's", "fast ein Viertel des ivorischen Kakaos", "de", False),
])
def test_rare_words_are_matched_after_romanisation(word: str, target: str, lang: str,
                                                   found: bool) -> None:
    index = index_target(target, lang, None, (), ())
    assert word_found(word, "en", index, CONFIG.match_similarity) is found


@pytest.mark.parametrize(("word", "source_lang", "target", "lang", "found"), [
    # A place the translation writes in its own way (CLDR, the cities' alternate names):
    # an exonym, a case ending, an adjective made from it.
    ("Netherlands", "en", "オランダが技術支援を行う。", "ja", True),
    ("Łódź", "de", "Мэр Лодзи Ханна Здановская назвала этот день", "ru", True),
    ("Germany's", "en", "Die deutsche Regierung hat erklärt", "de", True),
    ("Germany's", "en", "Die französische Regierung hat erklärt", "de", False),
    ("Netherlands", "en", "ドイツが技術支援を行う。", "ja", False),
])
def test_places_are_found_as_the_translation_writes_them(word: str, source_lang: str,
                                                        target: str, lang: str,
                                                        found: bool) -> None:
    index = index_target(target, lang, None, (), ())
    assert word_found(word, source_lang, index, CONFIG.match_similarity) is found
    assert place_found(word, source_lang, index) is found
    # A lower-case word is no place, whatever it spells; a translation without letters
    # has none.
    assert not place_found(word.lower(), source_lang, index)
    assert not place_found(word, source_lang, index_target("2028.", lang, None, (), ()))


def test_an_elided_article_is_no_part_of_the_name() -> None:
    index = index_target("Die Regierung Israels hat erklärt", "de", None, (), ())
    assert word_found("d'Israël", "fr", index, CONFIG.match_similarity)
    assert word_found("dell'Italia", "it", index_target("die Regierung Italiens", "de", None,
                                                        (), ()), CONFIG.match_similarity)


@pytest.mark.parametrize(("word", "source_lang", "target", "lang", "found"), [
    # Chinese writes a foreign name one character a syllable, inside a longer run: pinyin
    # read as the names stage reads it (q as ch, one liquid) finds it.
    ("Tsiklauri", "en", "齐克拉乌里表示，出口下滑。", "zh", True),
    ("Boateng", "en", "首席执行官夸贝纳·阿桑特-博阿滕表示。", "zh", True),
    ("Tsiklauri", "en", "首席执行官夸贝纳·阿桑特-博阿滕表示。", "zh", False),
    ("Kumasi", "en", "美国嘉吉公司则正在扩建其工厂。", "zh", False),
    # Katakana spellings further from the source than the consonants allow (ñ as ニャ).
    ("Villafañe", "es", "ビジャファニェ判事は個別意見で記した。", "ja", True),
    ("Larrañaga", "es", "ただしラランニャガ氏は指摘した。", "ja", True),
    ("Larrañaga", "es", "ビジャファニェ判事は個別意見で記した。", "ja", False),
])
def test_names_are_found_as_a_language_without_spaces_writes_them(
        word: str, source_lang: str, target: str, lang: str, found: bool) -> None:
    index = index_target(target, lang, None, (), ())
    assert name_found(word, source_lang, index) is found
    assert word_found(word, source_lang, index, CONFIG.match_similarity) is found


def test_only_translations_that_spell_names_by_sound_have_name_keys() -> None:
    assert name_keys("齐克拉乌里表示", "zh") and name_keys("ラランニャガ氏", "ja")
    assert name_keys("린드크비스트는", "ko")
    assert name_keys("Tsiklauri sagte", "de") == () == name_keys("Циклаури заявил", "ru")
    # Every key is long enough to say something.
    assert all(len(k) >= 4 for k in name_keys("齐克拉乌里表示", "zh"))


@pytest.mark.parametrize(("word", "target", "found"), [
    # A Korean name carries its particle on the word: the start of the word is the name.
    ("Narva", "나르바는 국경 도시다.", True),
    ("Tallinn", "정부는 탈린에서 발표했다.", True),
    ("Talukder", "탈루크데르는 말했다.", True),
    ("Narva", "정부는 탈린에서 발표했다.", False),
    # An ordinary word is no name, however it starts.
    ("Tallinn", "달리는 사람들이 많았다.", False),
])
def test_korean_names_are_found_before_their_particle(word: str, target: str,
                                                       found: bool) -> None:
    assert name_found(word, "en", index_target(target, "ko", None, (), ())) is found


@pytest.mark.parametrize(("word", "target", "found"), [
    # 卡 is read "ka" in a name (Unidecode reads it "qia").
    ("Kakheti", "卡赫季的每一位酿酒师", True),
    # Chinese gives a final consonant a syllable of its own: the consonants match.
    ("Cusco", "库斯科附近的村庄", True),
    ("Leppik", "莱皮克表示", True),
    # Characters the transliteration table lacks write no name (海岸 "coast").
    ("Hyan", "海岸线很长", False),
    ("Cusco", "莱皮克表示", False),
])
def test_chinese_names_are_found_by_their_transliteration(word: str, target: str,
                                                          found: bool) -> None:
    assert name_found(word, "en", index_target(target, "zh", None, (), ())) is found


def test_chinese_name_consonants_need_three_to_match() -> None:
    assert all(len(s) >= 3 for s in han_skeletons("卡斯克在爱沙尼亚议会发言", "zh"))
    assert han_skeletons("卡斯克", "ja") == frozenset()
    # Without the table's characters there is nothing to read as a name.
    assert han_skeletons("海岸线", "zh") == frozenset()


def test_only_names_in_other_scripts_are_matched_by_their_consonants() -> None:
    # (The skeletons themselves: tests/test_skeleton.py.)
    assert "rndkbst" in index_target("リンドクビスト氏が述べた。", "ja", None, (), ()).skeletons
    # In Latin letters the spelling itself is compared: "Landkvest" is another name.
    assert not index_target("Landkvest sagte es.", "de", None, (), ()).skeletons
    assert not word_found("Lindqvist", "en", index_target("Landkvest sagte es.", "de", None,
                                                          (), ()), CONFIG.match_similarity)


# --------------------------------------------------------------------------- findings
def test_a_complete_translation_has_no_omission() -> None:
    assert findings(GERMAN) == ()


def test_a_dropped_clause_is_named_and_marked_in_the_source() -> None:
    [finding] = findings(GERMAN_WITHOUT_CLAUSE)
    assert finding.check == "omission.partial" and finding.severity.value == "warning"
    assert finding.source_ids == (CLAUSE_DROPPED,) and finding.target_ids == (CLAUSE_DROPPED,)
    [span] = finding.spans
    sentence = SOURCE[CLAUSE_DROPPED]
    assert span.side == "source" and sentence[span.start:span.end] == span.text
    assert "which will link the two capitals by 2028" in span.text
    assert "2028" in finding.message and "sentence #4" in finding.message


def test_the_check_can_be_switched_off() -> None:
    assert findings(GERMAN_WITHOUT_CLAUSE, config=dataclasses.replace(CONFIG, enabled=False)) == ()


def test_a_sentence_left_out_beside_a_kept_one_is_an_omission_not_a_merge() -> None:
    target = GERMAN[:6] + GERMAN[7:]  # sentence 6 not translated
    beads = alignment(*[((i,), (i,)) for i in range(6)], ((6, 7), (6,)),
                      *[((i,), (i - 1,)) for i in range(8, 12)])
    [finding] = findings(target, beads)
    assert finding.check == "align.omission"
    assert finding.source_ids == (6,) and finding.target_ids == (6,)
    assert "#7" in finding.message and SOURCE[6][:30] in finding.message


def test_a_real_merge_is_not_an_omission() -> None:
    merged = GERMAN[6][:-1] + ", und am Dienstag flog der Minister weiter nach Baku, wo er bis " \
                              "Donnerstag bleiben soll."
    target = [*GERMAN[:6], merged, *GERMAN[8:]]
    beads = alignment(*[((i,), (i,)) for i in range(6)], ((6, 7), (6,)),
                      *[((i,), (i - 1,)) for i in range(8, 12)])
    assert findings(target, beads) == ()


def test_a_back_translation_adds_evidence_for_a_clause_it_does_not_cover() -> None:
    target = segmented("de", GERMAN_WITHOUT_CLAUSE)
    without_clause = list(BACKTRANSLATION)
    without_clause[CLAUSE_DROPPED] = "The new railway is one of Moscow's diplomatic priorities."

    def score(backtranslations: list[str] | None) -> float:
        candidates = omission_candidates(EN, target, one_to_one(len(SOURCE)), backtranslations,
                                         CONFIG)
        return next(c.score for c in candidates if c.source_id == CLAUSE_DROPPED)

    assert score(without_clause) > score(None) + 1
    # Back-translations are into English: for another source language they are not used.
    german_source = segmented("de", GERMAN)
    candidates = omission_candidates(german_source, segmented("en", SOURCE),
                                     one_to_one(len(SOURCE)), BACKTRANSLATION, CONFIG)
    plain = omission_candidates(german_source, segmented("en", SOURCE), one_to_one(len(SOURCE)),
                                None, CONFIG)
    assert candidates == plain


def test_candidates_are_deterministic_and_finite() -> None:
    target = segmented("de", GERMAN_WITHOUT_CLAUSE)
    first = omission_candidates(EN, target, one_to_one(len(SOURCE)), None, CONFIG)
    assert first == omission_candidates(EN, target, one_to_one(len(SOURCE)), None, CONFIG)
    assert all(math.isfinite(c.score) for c in first)


def test_unaligned_sentences_are_left_to_the_aligner_findings() -> None:
    beads = alignment(((0,), ()), *[((i,), (i,)) for i in range(1, 12)])
    candidates = omission_candidates(EN, segmented("de", GERMAN), beads, None, CONFIG)
    assert 0 not in {c.source_id for c in candidates}


def test_an_omission_the_aligner_put_on_the_neighbour_moves_to_the_dropped_sentence() -> None:
    from mtcheck.omissions import alignment_findings

    target = one_paragraph(segmented("de", [*GERMAN[:3], *GERMAN[4:]]))  # 3 not translated
    source = one_paragraph(EN)
    # The aligner paired 3 with the translation of 4 (which has 2028 in it) and left 4 unpaired.
    beads = alignment(*[((i,), (i,)) for i in range(4)], ((4,), ()),
                      *[((i,), (i - 1,)) for i in range(5, 12)])
    aligned = alignment_findings(source, target, beads)
    assert [(f.check, f.source_ids) for f in aligned] == [("align.omission", (4,))]
    [finding] = omission_findings(source, target, beads, None, CONFIG, aligned)
    assert (finding.check, finding.source_ids, finding.target_ids) == (
        "align.omission", (3,), (3,))
    assert "#4" in finding.message
    # Where the aligner was right, its finding stays.
    right = alignment(*[((i,), (i,)) for i in range(3)], ((3,), ()),
                      *[((i,), (i - 1,)) for i in range(4, 12)])
    kept = alignment_findings(source, target, right)
    assert omission_findings(source, target, right, None, CONFIG, kept) == kept


def one_paragraph(document: SegmentedDocument) -> SegmentedDocument:
    """The document's sentences as one paragraph (an unpaired sentence's neighbours must
    share its paragraph to take over its omission)."""
    return dataclasses.replace(document, sentences=tuple(
        dataclasses.replace(s, paragraph=0) for s in document.sentences))


def test_a_gap_the_aligner_put_at_the_paragraph_start_moves_to_the_dropped_sentence() -> None:
    from mtcheck.omissions import alignment_findings

    target = one_paragraph(segmented("de", [*GERMAN[:4], *GERMAN[5:]]))  # 4 not translated
    source = one_paragraph(EN)
    # The aligner left 0 unpaired and paired 1-4 each with the translation before it.
    beads = alignment(((0,), ()), *[((i,), (i - 1,)) for i in range(1, 12)])
    aligned = alignment_findings(source, target, beads)
    assert [(f.check, f.source_ids) for f in aligned] == [("align.omission", (0,))]
    moved = [f for f in omission_findings(source, target, beads, None, CONFIG, aligned)
             if f.check == "align.omission"]
    assert [f.source_ids for f in moved] == [(4,)]
    assert "#0" in moved[0].message and "shifted back" in moved[0].message


def test_a_sentence_ending_in_a_colon_gets_the_smaller_lead_in_prior() -> None:
    target = segmented("de", GERMAN[:6] + GERMAN[7:])  # sentence 6 not translated
    beads = alignment(*[((i,), (i,)) for i in range(5)], ((5, 6), (5,)),
                      *[((i,), (i - 1,)) for i in range(7, 12)])

    def best(last_mark: str) -> tuple[int, str, float]:
        source = segmented("en", [*SOURCE[:6], SOURCE[6][:-1] + last_mark, *SOURCE[7:]])
        [candidate] = [c for c in omission_candidates(source, target, beads, None, CONFIG)
                       if c.pair_index == 5 and not c.alternative]
        return candidate.source_id, candidate.kind, candidate.score

    sentence, kind, score = best(".")
    assert (sentence, kind) == (6, "sentence")
    evidence = score - CONFIG.sentence_prior
    # A sentence ending in a colon leads in to the next one (a translator may well join the
    # two): it gets only the smaller lead-in prior.
    assert 0 < CONFIG.lead_in_prior < CONFIG.sentence_prior
    colon = best(":")
    # (The kept sentence may then be the pair's best piece: both fit the short translation.)
    assert colon[2] >= evidence + CONFIG.lead_in_prior - 1e-3
    assert colon[0] != 6 or colon[2] == pytest.approx(evidence + CONFIG.lead_in_prior, abs=1e-3)
    assert colon[2] < score


def _candidate(score: float) -> Candidate:
    return Candidate(0, 0, 0, 1, "x", "clause", score, 0.0, ())


@given(st.lists(st.floats(-30, 30), min_size=8, max_size=60))
def test_the_document_bar_stays_within_its_bounds(scores: list[float]) -> None:
    bar = document_threshold([_candidate(s) for s in scores], CONFIG)
    assert CONFIG.threshold - CONFIG.calm_discount <= bar <= CONFIG.threshold


def test_a_close_translation_gets_a_lower_bar_than_a_loose_one() -> None:
    close = [_candidate(-6.0 + k / 10) for k in range(20)]
    loose = [_candidate(1.0 + k / 10) for k in range(20)]
    assert document_threshold(close, CONFIG) < document_threshold(loose, CONFIG)
    assert document_threshold(loose, CONFIG) == CONFIG.threshold
    # One pair that really lost content does not move the bar.
    assert document_threshold([*close[:-1], _candidate(25.0)], CONFIG) == \
        document_threshold(close, CONFIG)
    # Too few pairs to know the document's level: the configured threshold.
    assert document_threshold(close[:3], CONFIG) == CONFIG.threshold


def test_a_sentence_without_clause_marks_is_tested_half_by_half() -> None:
    # Sentence 0 has no comma; its German translation keeps only the first half.
    source = segmented("en", ["The minister arrived in Tehran on 14 May for a visit of 48 hours.",
                              *SOURCE[1:]])
    target = ["Der Minister traf in Teheran ein.", *GERMAN[1:]]
    halves = dataclasses.replace(CONFIG, gaps=False)
    candidates = omission_candidates(source, segmented("de", target), one_to_one(12), None,
                                     halves)
    [candidate] = [c for c in candidates if c.source_id == 0]
    assert candidate.kind == "half"
    assert candidate.text == "14 May for a visit of 48 hours."
    assert candidate.prior == CONFIG.half_prior
    without = dataclasses.replace(halves, halves=False)
    assert 0 not in {c.source_id for c in omission_candidates(
        source, segmented("de", target), one_to_one(12), None, without)}
    # The stretch after the last word the translation has is tested too: with the same prior
    # as a half, it is the better piece (it holds exactly what is missing). (Without the local
    # length, which measures both from the same anchor, "Tehran", and finds the translation's
    # " ein." room enough for the half's leftover "on".)
    even = dataclasses.replace(CONFIG, gap_prior=CONFIG.half_prior, stretch=0.0)
    candidates = omission_candidates(source, segmented("de", target), one_to_one(12), None,
                                     even)
    [candidate] = [c for c in candidates if c.source_id == 0]
    assert (candidate.kind, candidate.prior) == ("gap", CONFIG.half_prior)
    assert candidate.text == "on 14 May for a visit of 48 hours."


def test_a_whole_merged_sentence_always_needs_the_full_threshold() -> None:
    close = [_candidate(-6.0 + k / 10) for k in range(20)]
    bar = document_threshold(close, CONFIG)
    assert bar < CONFIG.threshold
    merged = dataclasses.replace(_candidate(6.0), kind="sentence", prior=CONFIG.sentence_prior)
    assert bar_for(merged, bar, CONFIG) == CONFIG.threshold
    assert bar_for(_candidate(6.0), bar, CONFIG) == bar
    assert bar_for(dataclasses.replace(_candidate(6.0), kind="half"), bar, CONFIG) == bar


def test_shared_names_and_cognates_count_for_the_shifted_reading() -> None:
    target = one_paragraph(segmented("de", [*GERMAN[:4], *GERMAN[5:]]))  # 4 not translated
    source = one_paragraph(EN)
    beads = alignment(((0,), ()), *[((i,), (i - 1,)) for i in range(1, 12)])

    def gain(similarity: float) -> float:
        config = dataclasses.replace(CONFIG, similarity=similarity)
        [moved] = [c for c in omission_candidates(source, target, beads, None, config)
                   if c.instead_of is not None]
        assert (moved.source_id, moved.instead_of) == (4, 0)
        return moved.score

    # Each sentence shares more n-grams with its own translation than with its neighbour's,
    # so with the similarity the shifted reading wins by more.
    assert gain(CONFIG.similarity) > gain(0.0) + 1.0


def test_a_merge_at_the_end_of_a_shifted_run_hides_no_omission() -> None:
    target = one_paragraph(segmented("de", [*GERMAN[:4], *GERMAN[5:]]))  # 4 not translated
    source = one_paragraph(EN)
    # No pair is left unpaired: the aligner merged 1 and 2 into the translation of 1 and
    # paired 3 and 4 each with the translation before their own.
    beads = alignment(((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3,)),
                      *[((i,), (i - 1,)) for i in range(5, 12)])
    [moved] = [c for c in omission_candidates(source, target, beads, None, CONFIG)
               if c.unmerged is not None]
    assert (moved.source_id, moved.unmerged, moved.threshold_free) == (4, 2, True)
    omissions = [f for f in omission_findings(source, target, beads, None, CONFIG)
                 if f.check == "align.omission"]
    assert [f.source_ids for f in omissions] == [(4,)]
    assert "merged sentence #2" in omissions[0].message
    assert "shifted back" in omissions[0].message
    # The aligner's right reading of the same text (4 unpaired) is left alone.
    right = alignment(*[((i,), (i,)) for i in range(4)], ((4,), ()),
                      *[((i,), (i - 1,)) for i in range(5, 12)])
    assert not [c for c in omission_candidates(source, target, right, None, CONFIG)
                if c.unmerged is not None]


def test_a_real_merge_is_not_taken_apart() -> None:
    # The translator joined sentences 1 and 2; every translation is complete.
    target = one_paragraph(segmented("de", [GERMAN[0], GERMAN[1] + " " + GERMAN[2],
                                            *GERMAN[3:]]))
    source = one_paragraph(EN)
    beads = alignment(((0,), (0,)), ((1, 2), (1,)), *[((i,), (i - 1,)) for i in range(3, 12)])
    assert not [c for c in omission_candidates(source, target, beads, None, CONFIG)
                if c.unmerged is not None or c.instead_of is not None]


def test_numbers_in_words_count_for_the_shifted_reading() -> None:
    setting = "number_words"
    target = one_paragraph(segmented("de", [*GERMAN[:4], *GERMAN[5:]]))  # 4 not translated
    source = one_paragraph(EN)
    beads = alignment(((0,), ()), *[((i,), (i - 1,)) for i in range(1, 12)])

    def gain(on: bool) -> float:
        config = dataclasses.replace(CONFIG, **{setting: on})
        [moved] = [c for c in omission_candidates(source, target, beads, None, config)
                   if c.instead_of is not None]
        assert (moved.source_id, moved.instead_of) == (4, 0)
        return moved.score

    # "three agreements" / "drei Abkommen", "two-day" / "zweitägigen": each sentence has
    # them in common with its own translation, not with its neighbour's.
    assert gain(True) > gain(False)


def test_the_translations_names_are_looked_up_in_the_source() -> None:
    source = one_paragraph(segmented("en", [
        "The launch took place on a clear morning.",
        "Only three countries have sent people into orbit on their own rockets.",
        "NASA and the European Space Agency congratulated ISRO within an hour.",
        "The crew will return next week.",
        "Engineers will then inspect the capsule.",
    ]))
    target = one_paragraph(segmented("ko", [  # sentence 1 not translated
        "발사는 맑은 아침에 이루어졌다.",
        "NASA와 ESA는 한 시간 안에 ISRO에 축하를 전했다.",
        "승무원들은 다음 주에 돌아온다.",
        "엔지니어들은 이후 캡슐을 점검한다.",
    ]))
    # The aligner paired 1 with the translation of 2 and left 2 unpaired.
    beads = alignment(((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)))

    def gain(on: bool) -> float:
        config = dataclasses.replace(CONFIG, names_back=on)
        [moved] = [c for c in omission_candidates(source, target, beads, None, config)
                   if c.instead_of is not None]
        assert (moved.source_id, moved.instead_of) == (1, 2)
        return moved.score

    # The translation's NASA, ESA and ISRO are in sentence 2, not in sentence 1.
    assert gain(True) >= gain(False) + CONFIG.word_found


# --------------------------------------------------------------------------- merged pairs
def test_a_clause_lost_in_a_two_two_pair_is_judged_on_its_own_part() -> None:
    from mtcheck.omission.detect import _split_length
    from mtcheck.omission.lengths import LengthModel

    model = LengthModel(centre=0.0, spread=0.1, pairs=100)
    # Sources of 100 and 100 characters; the second translation lost 40 of its 100.
    local = _split_length(model, CONFIG, [100, 100], [100, 60], 1, 40)
    assert local is not None and local > 0
    # The whole pair's length dilutes the same loss over both sentences.
    rho = lambda z: (CONFIG.length_tail + 1) / 2 * math.log1p(z * z / CONFIG.length_tail)  # noqa: E731
    whole = rho(model.z(200, 160)) - rho(model.z(160, 160))
    assert local > whole
    # The first sentence's part is no better without 40 characters (its own translation is
    # whole), and in a crossing 2-2, whose parts fit only together, no part is judged alone.
    assert _split_length(model, CONFIG, [100, 100], [100, 60], 0, 40) is None
    assert _split_length(model, CONFIG, [100, 100], [60, 140], 1, 40) is None
    # A rest that fits by length but not by its anchors (its names missing from its own
    # translation) is no translated rest: no cut is left.
    seen: list[tuple[range, range]] = []

    def no_names(rest: slice, rest_t: slice) -> bool:
        seen.append((range(2)[rest], range(2)[rest_t]))
        return False

    assert _split_length(model, CONFIG, [100, 100], [100, 60], 1, 40, no_names) is None
    assert seen == [(range(0, 1), range(0, 1))]


@given(st.lists(st.integers(20, 300), min_size=2, max_size=4),
       st.lists(st.integers(20, 300), min_size=2, max_size=4), st.data())
def test_split_length_is_a_likelihood_ratio_of_fitting_cuts(sources: list[int],
                                                            targets: list[int],
                                                            data: st.DataObject) -> None:
    from mtcheck.omission.detect import _split_length
    from mtcheck.omission.lengths import LengthModel

    model = LengthModel(centre=0.0, spread=0.15, pairs=100)
    position = data.draw(st.integers(0, len(sources) - 1))
    removed = data.draw(st.integers(1, sources[position]))
    nothing = _split_length(model, CONFIG, sources, targets, position, 0)
    some = _split_length(model, CONFIG, sources, targets, position, removed)
    # Whether a cut leaves a fitting rest does not depend on the piece; nothing removed is
    # no evidence either way.
    assert (nothing is None) == (some is None)
    assert nothing in (None, 0.0)
    if some is not None:
        # At most the largest misfit of the sentence's part over the cuts (the fit without the
        # piece is never below 0).
        tail = CONFIG.length_tail
        assert some <= max(
            (tail + 1) / 2 * math.log1p(model.z(sum(sources[i] for i in mine), sum(t)) ** 2 / tail)
            for mine in _parts(len(sources), position) for t in _target_parts(targets)) + 1e-9


def _parts(n: int, position: int) -> list[range]:
    return [range(0, cut) if position < cut else range(cut, n) for cut in range(1, n)]


def _target_parts(targets: list[int]) -> list[list[int]]:
    return [part for cut in range(1, len(targets)) for part in (targets[:cut], targets[cut:])]


def test_a_merge_keeps_its_best_clause_beside_its_best_sentence() -> None:
    from mtcheck.omission.detect import reported

    def candidate(kind: str, score: float, alternative: bool = False) -> Candidate:
        return Candidate(3, 7 if kind == "sentence" else 8, 0, 1, "x", kind, score, 0.0, (),
                         alternative=alternative)

    bar = CONFIG.threshold - CONFIG.calm_discount  # a close document's bar
    sentence = candidate("sentence", CONFIG.threshold - 0.5)  # needs the full threshold
    clause = candidate("clause", bar + 0.5, alternative=True)  # needs only the document's
    assert reported([sentence, clause], bar, CONFIG) == [clause]
    # Both over their bars: only the one further above it, since the shortfall that makes one
    # look missing makes the other look missing too.
    surer = candidate("sentence", CONFIG.threshold + 1.0)
    assert reported([surer, clause], bar, CONFIG) == [surer]
    # The other way round: a part scoring highest but under the bar, a sentence over it.
    part = candidate("clause", bar - 0.5)
    hidden = candidate("sentence", CONFIG.threshold + 0.1, alternative=True)
    assert reported([part, hidden], bar, CONFIG) == [hidden]
    # Alternatives say nothing about the document's level.
    plain = [_candidate(-6.0 + k / 10) for k in range(20)]
    assert document_threshold([*plain, dataclasses.replace(clause, score=40.0)], CONFIG) == \
        document_threshold(plain, CONFIG)


def test_a_clause_left_out_of_a_merged_pair_is_found_on_its_own_part() -> None:
    # Sentences 6 and 7 aligned as one 2-2 pair; translation 7 lost "where he is expected to
    # stay until Thursday". The first part of the pair (6 with its translation) fits, so
    # sentence 7's clause is judged on translation 7 alone.
    target = [*GERMAN[:7], "Am Dienstag flog der Minister weiter nach Baku.", *GERMAN[8:]]
    beads = alignment(*[((i,), (i,)) for i in range(6)], ((6, 7), (6, 7)),
                      *[((i,), (i,)) for i in range(8, 12)])

    def best(config: OmissionConfig) -> Candidate:
        return max((c for c in omission_candidates(EN, segmented("de", target), beads, None,
                                                   config)
                    if c.pair_index == 6 and c.kind != "sentence"), key=lambda c: c.score)

    local, diluted = best(CONFIG), best(dataclasses.replace(CONFIG, split_fit=0.0))
    assert local.source_id == 7 and "until Thursday" in local.text
    assert local.score > diluted.score
    [finding] = [f for f in findings(target, beads) if f.source_ids == (7,)]
    assert finding.check == "omission.partial" and "Thursday" in finding.spans[0].text


def gold_fit(gold: dict[int, set[int]]):
    """A stand-in for the check's fit of a pair: each source sentence of the pair scores 3
    when the pair holds a sentence of its translation (``gold``) and -5 when not; each
    translated sentence that translates none of the pair's sources costs 2."""
    def fit(sid, target_ids):
        ids = sid if isinstance(sid, tuple) else (sid,)
        score = sum(3.0 if gold[s] & set(target_ids) else -5.0 for s in ids)
        linked = set().union(*(gold[s] for s in ids))
        return score - 2.0 * sum(1 for t in target_ids if t not in linked)

    return fit


def test_a_shift_does_not_move_the_omission_off_the_merged_sentence_that_is_missing() -> None:
    from mtcheck.omission.detect import _unmerged

    source = one_paragraph(segmented("en", [f"Sentence {i}." for i in range(5)]))
    # Sentence 2 has no translation; the aligner merged it into sentence 1's pair, whose
    # fit it spoils (its numbers are missing, the pair is too long): taking it out gains
    # 10. Pairing it with sentence 3's translation instead costs 8 (same numbers missing),
    # so the shifted reading still gains 2, but leaving 2 out gains more.
    fits = {((1, 2), (1,)): -8.0, ((1,), (1,)): 2.0, ((2,), (2,)): -6.0, ((3,), (2,)): 2.0}

    def fit(sid, target_ids):
        return fits.get((sid if isinstance(sid, tuple) else (sid,), target_ids), -10.0)

    beads = alignment(((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3,)))
    assert _unmerged(source, beads, 1, fit, CONFIG) is None
    # Where 3 is the sentence without a translation, pairing 2 with the translation the
    # aligner gave 3 fits well, the shift beats leaving 2 out, and 3 is named.
    fits[((2,), (2,))] = 4.0
    fits[((3,), (2,))] = -10.0
    moved = _unmerged(source, beads, 1, fit, CONFIG)
    assert moved is not None and (moved.source_id, moved.unmerged) == (3, 2)


def test_a_gap_behind_a_pair_regrouped_crosswise_is_placed_by_reading_the_paragraph_again(
        ) -> None:
    from mtcheck.omission.detect import _reread_gap, _unmerged

    source = one_paragraph(segmented("en", [f"Sentence {i}." for i in range(7)]))
    # Sentence 1 has no translation. Translations 2 and 3 render sentences 4 and 3 (the
    # translator put 4's content first), so the right pairing of 3 and 4 is one 2-2 pair.
    gold = {0: {0}, 1: set(), 2: {1}, 3: {3}, 4: {2}, 5: {4}, 6: {5}}
    # The aligner paired each of 1-4 with the translation after its own and merged 5 and 6.
    beads = alignment(((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4,), (4,)),
                      ((5, 6), (5,)))
    fit = gold_fit(gold)
    shifted = _unmerged(source, beads, 5, fit, CONFIG)
    # Shifting one by one cannot pass the crosswise pair: the gap lands on 4.
    assert shifted is not None and shifted.source_id == 4
    again = _reread_gap(source, beads, 5, fit, CONFIG)
    assert again is not None
    assert (again.source_id, again.unmerged, again.threshold_free) == (1, 5, True)
    assert again.pair_index == 1
    # A paragraph where every sentence has its translation reads best without a gap.
    complete = {0: {0}, 1: {1}, 2: {2}, 3: {3}, 4: {4}, 5: {5}, 6: {5}}
    assert _reread_gap(source, beads, 5, gold_fit(complete), CONFIG) is None


# --------------------------------------------------------------------------- split neighbours
# Sentence 7 rendered in two sentences, as translators often do.
GERMAN_SPLIT = ["Am Dienstag flog der Minister weiter nach Baku.",
                "Dort soll er bis Donnerstag bleiben."]


def test_a_sentence_hidden_by_a_neighbour_split_in_two_is_found() -> None:
    source = one_paragraph(EN)
    # Sentence 6 not translated; 7 translated as two sentences.
    target = one_paragraph(segmented("de", [*GERMAN[:6], *GERMAN_SPLIT, *GERMAN[8:]]))
    # The aligner paired 6 with the first half of 7's translation and 7 with the second:
    # nothing unpaired, nothing merged.
    beads = alignment(*[((i,), (i,)) for i in range(12)])
    [regrouped] = [c for c in omission_candidates(source, target, beads, None, CONFIG)
                   if c.regrouped is not None]
    assert (regrouped.source_id, regrouped.regrouped, regrouped.kind) == (6, 7, "sentence")
    found = omission_findings(source, target, beads, None, CONFIG)
    # 7 is whole in the merged reading: the half of its translation the aligner gave to 6
    # is not reported missing from it.
    assert [(f.check, f.source_ids, f.target_ids) for f in found] == [
        ("align.omission", (6,), (6,))]
    assert "#7" in found[0].message
    # The aligner's right reading (6 unpaired, 7 with both translations) is left to it.
    right = alignment(*[((i,), (i,)) for i in range(6)], ((6,), ()), ((7,), (6, 7)),
                      *[((i,), (i,)) for i in range(8, 12)])
    assert not [c for c in omission_candidates(source, target, right, None, CONFIG)
                if c.regrouped is not None]


def test_a_complete_translation_with_a_split_sentence_is_not_regrouped() -> None:
    source = one_paragraph(EN)
    target = one_paragraph(segmented("de", [*GERMAN[:7], *GERMAN_SPLIT, *GERMAN[8:]]))
    beads = alignment(*[((i,), (i,)) for i in range(7)], ((7,), (7, 8)),
                      *[((i,), (i + 1,)) for i in range(8, 12)])
    assert not [c for c in omission_candidates(source, target, beads, None, CONFIG)
                if c.regrouped is not None]
    assert omission_findings(source, target, beads, None, CONFIG) == ()


def test_word_support_counts_for_a_whole_merged_sentence() -> None:
    # Nine copies of the text: a document long enough (108 pairs) for its lexicon to say which
    # words translate which; the last copy merges sentence 5 into 6's pair.
    copies = 9
    offset = len(SOURCE) * (copies - 1)
    beads = alignment(*[((i,), (i,)) for i in range(offset + 5)],
                      ((offset + 5, offset + 6), (offset + 5,)),
                      *[((offset + i,), (offset + i - 1,)) for i in range(7, 12)])

    def sentence_score(last: list[str], support: float) -> float:
        source = segmented("en", SOURCE * copies)
        target = segmented("de", GERMAN * (copies - 1) + last)
        config = dataclasses.replace(CONFIG, support=support)
        candidates = omission_candidates(source, target, beads, None, config)
        return max(c.score for c in candidates if c.kind == "sentence")

    # Sentence 5 not translated: none of its words are in the merge's translation.
    dropped = GERMAN[:5] + GERMAN[6:]
    assert sentence_score(dropped, CONFIG.support) > sentence_score(dropped, 0.0) + 1
    # A real merge: the words of both sentences are there, so support says nothing more; it
    # only ever counts for a whole sentence's being left out, never against it.
    merged = [*GERMAN[:5], GERMAN[5][:-1] + ", und am Abend besuchte die Delegation ein "
              "Museum für moderne Kunst.", *GERMAN[7:]]
    assert (sentence_score(merged, 0.0) <= sentence_score(merged, CONFIG.support)
            <= sentence_score(merged, 0.0) + 0.5)
    # A short document's lexicon knows too few words for their absence to say anything.
    short = alignment(*[((i,), (i,)) for i in range(5)], ((5, 6), (5,)),
                      *[((i,), (i - 1,)) for i in range(7, 12)])
    target = segmented("de", dropped)
    assert ([c.score for c in omission_candidates(EN, target, short, None, CONFIG)
             if c.kind == "sentence"]
            == [c.score for c in omission_candidates(EN, target, short, None,
                                                     dataclasses.replace(CONFIG, support=0.0))
                if c.kind == "sentence"])


def test_a_missing_name_and_a_missing_term_weigh_as_their_class_in_the_document() -> None:
    from mtcheck.omission.detect import _anchor_evidence
    from mtcheck.omission.named import AnchorWeights

    found = index_target("Die Richter sprachen.", "de", None, (), ())
    weights = AnchorWeights(names=(2.0, 1.0), terms=(0.25, 1.0))
    name, _ = _anchor_evidence("said Villafañe", "en", found, CONFIG, {}, names=weights)
    term, _ = _anchor_evidence("the peatlands", "en", found, CONFIG, {}, names=weights)
    assert name == pytest.approx(2.0) and term == pytest.approx(0.25)
    # Without the document's weights, the configured fallbacks.
    fallback, _ = _anchor_evidence("said Villafañe", "en", found, CONFIG, {})
    assert fallback == pytest.approx(CONFIG.word_missing)

