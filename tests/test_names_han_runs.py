"""Second spellings of a person's name in Han script beyond the matched characters
(mtcheck.names.han_runs)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builders import one_to_one, segmented
from mtcheck.names.han_runs import han_run_slips, parts_of, widened
from mtcheck.names.inflection import rules_for
from mtcheck.types import Entity, Finding, NameRendering

RULES = rules_for("zh")
ALLOWED = RULES.transliteration_characters - RULES.function_characters
CRUZ = Entity("cruz", "Cruz", ("Cruz",), (0, 1))


def rendered(lines: list[str], surface: str, entity: str = "cruz") -> list[NameRendering]:
    return [NameRendering(entity, i, line.index(surface), line.index(surface) + len(surface),
                          surface, surface) for i, line in enumerate(lines) if surface in line]


def run(lines: list[str], surface: str, persons: frozenset[str] = frozenset({"cruz"}),
        findings: tuple[Finding, ...] = ()) -> list[Finding]:
    target = segmented("zh", lines, "zh.txt")
    return han_run_slips(target, one_to_one(len(lines)), rendered(lines, surface),
                         {"cruz": CRUZ}, findings, persons)


def test_a_character_off_outside_the_matched_part_is_a_second_spelling() -> None:
    lines = ["德拉克鲁斯说，演习将在十二月举行。", "德拉克鲁兹说，居民将参加演习。",
             "德拉克鲁斯说，这是四年来的第一次。"]
    found = run(lines, "拉克鲁")
    assert [(f.check, f.target_ids) for f in found] == [("names.inconsistent", (1,))]
    assert found[0].spans[0].text == "德拉克鲁兹" and "德拉克鲁斯" in found[0].message


def test_as_often_one_way_as_the_other_points_at_both() -> None:
    lines = ["德拉克鲁斯说，演习将在十二月举行。", "德拉克鲁兹说，居民将参加演习。"]
    found = run(lines, "拉克鲁")
    assert [f.target_ids for f in found] == [(0, 1)]
    assert "written 2 ways" in found[0].message


def test_the_part_of_a_full_name_is_compared_with_the_name_alone() -> None:
    lines = ["何塞·德拉克鲁斯·比利亚努埃瓦说，演习将举行。", "德拉克鲁兹说，居民将参加演习。",
             "德拉克鲁斯说，这是第一次。"]
    assert [f.target_ids for f in run(lines, "拉克鲁")] == [(1,)]
    # A double name joined by a hyphen stays one part (桑托斯-雷耶斯).
    lines = ["西翁·桑托斯-雷耶斯表示，学校受损。", "桑托斯-雷伊斯请求政府拨款。",
             "桑托斯-雷耶斯说，工作已经开始。"]
    assert [f.target_ids for f in run(lines, "桑托斯")] == [(1,)]


def test_one_spelling_added_characters_places_and_reported_names_say_nothing() -> None:
    same = ["德拉克鲁斯说，演习将举行。", "德拉克鲁斯说，居民将参加演习。"]
    assert run(same, "拉克鲁") == []
    # A character more is perhaps a neighbouring word taken in: never a slip.
    longer = ["德拉克鲁斯说，演习将举行。", "德拉克鲁斯博说，居民将参加演习。"]
    assert run(longer, "拉克鲁") == []
    lines = ["德拉克鲁斯说，演习将举行。", "德拉克鲁兹说，居民将参加演习。"]
    assert run(lines, "拉克鲁", persons=frozenset()) == []
    done = Finding("names.inconsistent", run(lines, "拉克鲁")[0].severity, "reported",
                   (1,), (1,), entity="cruz")
    assert run(lines, "拉克鲁")
    assert run(lines, "拉克鲁", findings=(done,)) == []


def test_a_run_stops_at_function_characters_and_other_scripts() -> None:
    text = "他说德拉克鲁斯的家在山下"
    start = text.index("拉克鲁")
    low, high = widened(text, start, start + 3, ALLOWED)
    assert text[low:high] == "德拉克鲁斯"
    whole, part, count = parts_of("何塞·德拉克鲁斯·比利亚努埃瓦说", 4, 7, ALLOWED)
    assert count == 3 and part == (3, 8) and whole[0] <= 3 and whole[1] == 15


@given(st.text(alphabet=sorted(ALLOWED)[:40], min_size=2, max_size=8))
def test_the_widened_run_always_holds_the_rendering(name: str) -> None:
    text = f"他说{name}。"
    low, high = widened(text, 2, 2 + len(name), ALLOWED)
    assert low <= 2 and high >= 2 + len(name)
