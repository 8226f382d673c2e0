"""Chinese spellings that differ by a homophone character (mtcheck.names.homophones)."""

from __future__ import annotations

from builders import segmented
from mtcheck.names.homophones import homophone_spellings, minority
from mtcheck.types import NameRendering

TEXTS = ["该局局长列万·齐克劳里表示，出口下滑是有意为之。",
         "他说，中国买家先问故事。",
         "奇克劳里表示，目标是每年出口1.5亿瓶。"]


def learned(texts: list[str], unit: str) -> list[NameRendering]:
    return [NameRendering("tsiklauri", i, t.index(unit), t.index(unit) + len(unit), unit, unit)
            for i, t in enumerate(texts) if unit in t]


def test_a_learned_form_beside_homophones_is_written_two_ways() -> None:
    target = segmented("zh", TEXTS, "zh.txt")
    widened = homophone_spellings(learned(TEXTS, "克劳里"), target)
    assert [(r.sentence_id, surface) for r, surface in widened] == [(0, "齐克劳里"), (2, "奇克劳里")]
    majority, wrong = minority(widened)
    # On a tie, the spelling written first is taken as the translation's.
    assert majority == "齐克劳里"
    assert [(r.sentence_id, r.surface) for r in wrong] == [(2, "奇克劳里")]


def test_characters_of_other_readings_beside_it_are_context_not_the_name() -> None:
    texts = ["局长齐克劳里表示。", "局长说克劳里表示。"]  # 齐 qí, 说 shuō
    assert homophone_spellings(learned(texts, "克劳里"), segmented("zh", texts, "zh.txt")) == []


def test_one_character_everywhere_is_no_second_spelling() -> None:
    texts = ["局长齐克劳里表示。", "齐克劳里说。"]
    assert homophone_spellings(learned(texts, "克劳里"), segmented("zh", texts, "zh.txt")) == []
