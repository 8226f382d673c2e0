"""A name reported missing where the pair holds a second spelling of it
(mtcheck.names.respelt)."""

from __future__ import annotations

from builders import one_to_one, segmented
from mtcheck.names.respelt import respelt, second_spelling
from mtcheck.types import Entity, Finding, NameRendering, Severity

TANGIER = Entity("tangier", "Tangier", ("Tangier",), (0, 1))
RARE = 3.0
KO = ["배터리 공장은 탕헤르에서 가동된다.", "탄제르의 항구는 크다."]


def missing_at(tid: int) -> Finding:
    return Finding("names.missing", Severity.ERROR, "Tangier is not in the translation",
                   source_ids=(tid,), target_ids=(tid,), entity="tangier")


def rendered_at(tid: int, surface: str, base: str) -> NameRendering:
    start = KO[tid].index(surface)
    return NameRendering("tangier", tid, start, start + len(surface), surface, base)


def test_a_word_sounding_like_the_translations_own_spelling_is_a_second_spelling() -> None:
    # The matcher read the unusual 탄제르 in sentence 1 and missed 탕헤르 in sentence 0.
    target = segmented("ko", KO)
    found = respelt([missing_at(0)], target, one_to_one(2), [rendered_at(1, "탄제르의", "탄제르")],
                    {"tangier": TANGIER}, RARE)
    assert [(f.check, f.source_ids, f.target_ids) for f in found] == [
        ("names.inconsistent", (0, 1), (0, 1))]
    assert "탄제르 (1×, sentence #1), 탕헤르에서 (1×, sentence #0)" in found[0].message
    assert found[0].spans[0].text == "탕헤르에서"


def test_a_name_nowhere_else_in_the_translation_stays_missing() -> None:
    target = segmented("ko", KO)
    finding = missing_at(0)
    assert respelt([finding], target, one_to_one(2), [], {"tangier": TANGIER}, RARE) == (finding,)


def test_a_pair_without_a_sound_alike_word_stays_missing() -> None:
    target = segmented("ko", ["배터리 공장은 라바트에서 가동된다.", KO[1]])
    finding = missing_at(0)
    renderings = [NameRendering("tangier", 1, 0, 4, "탄제르의", "탄제르")]
    assert respelt([finding], target, one_to_one(2), renderings,
                   {"tangier": TANGIER}, RARE) == (finding,)


def test_the_same_spelling_inflected_is_no_second_spelling() -> None:
    # 탄제르에서 is 탄제르 with a particle: the name as the translation writes it.
    target = segmented("ko", ["배터리 공장은 탄제르에서 가동된다.", KO[1]])
    assert second_spelling(missing_at(0), target,
                           [NameRendering("tangier", 1, 0, 4, "탄제르의", "탄제르")], RARE) is None


def test_other_findings_are_left_as_they_are() -> None:
    target = segmented("ko", KO)
    other = Finding("names.script", Severity.WARNING, "Tangier left in Latin script",
                    source_ids=(0,), target_ids=(0,), entity="tangier")
    assert respelt([other], target, one_to_one(2), [rendered_at(1, "탄제르의", "탄제르")],
                   {"tangier": TANGIER}, RARE) == (other,)


def test_a_common_word_of_the_language_is_no_second_spelling() -> None:
    # The German exonym beside a Scotland the translation copied inside a longer name.
    scotland = Entity("scotland", "Scotland", ("Scotland",), (0, 1))
    target = segmented("de", ["Die Brennereien Schottlands wachsen.",
                              "Die NFU Scotland begrüßte das."])
    finding = Finding("names.missing", Severity.ERROR, "Scotland is not in the translation",
                      source_ids=(0,), target_ids=(0,), entity="scotland")
    rendering = NameRendering("scotland", 1, 8, 16, "Scotland", "Scotland")
    assert respelt([finding], target, one_to_one(2), [rendering], {"scotland": scotland},
                   RARE) == (finding,)
