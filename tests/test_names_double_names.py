"""Second spellings in the unmatched part of a double name (mtcheck.names.double_names)."""

from __future__ import annotations

from builders import one_to_one, segmented
from mtcheck.names.double_names import double_name_slips, widened
from mtcheck.types import Entity, Finding, NameRendering

NAME = Entity("karimova-yusupova", "Karimova-Yusupova", ("Karimova-Yusupova",), (0, 1, 2))


def run(lang: str, lines: list[str], surface: str, entity: Entity = NAME) -> list[Finding]:
    target = segmented(lang, lines, f"{lang}.txt")
    renderings = [NameRendering(entity.id, i, line.index(surface),
                                line.index(surface) + len(surface), surface, surface)
                  for i, line in enumerate(lines) if surface in line]
    return double_name_slips(target, one_to_one(len(lines)), renderings,
                             {entity.id: entity}, ())


def test_a_slip_in_the_part_after_the_hyphen_is_a_second_spelling() -> None:
    lines = ["딜푸자 카리모바-유수포바는 공장을 운영한다.", "카리모바-유스포바는 주문을 받았다고 말했다.",
             "카리모바-유수포바에 따르면 임금이 올랐다."]
    found = run("ko", lines, "카리모바")
    assert [(f.check, f.target_ids) for f in found] == [("names.inconsistent", (1,))]
    assert found[0].spans[0].text == "카리모바-유스포바는"


def test_particles_and_case_endings_are_no_second_spelling() -> None:
    lines = ["딜푸자 카리모바-유수포바는 공장을 운영한다.", "카리모바-유수포바에 따르면 임금이 올랐다."]
    assert run("ko", lines, "카리모바") == []
    lines = ["Дильфуза Каримова-Юсупова руководит цехом.",
             "По словам Каримовой-Юсуповой, зарплаты выросли."]
    assert run("ru", lines, "Каримов") == []


def test_a_name_without_a_hyphen_is_left_to_the_other_rules() -> None:
    single = Entity("nazarov", "Nazarov", ("Nazarov",), (0, 1))
    lines = ["나자로프-유수포바는 말했다.", "나자로프-유스포바는 말했다."]
    assert run("ko", lines, "나자로프", single) == []


def test_widening_takes_as_many_hyphen_joined_words_as_the_name_has() -> None:
    text = "Sie sprach mit Santos-Reyes-Cruz heute."
    start = text.index("Reyes")
    assert text[slice(*widened(text, start, start + 5, 1))] == "Reyes-Cruz"
    assert text[slice(*widened(text, start, start + 5, 2))] == "Santos-Reyes-Cruz"
