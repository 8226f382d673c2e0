"""The usual spelling of a name against its slips, as one finding (mtcheck.names.slips)."""

from __future__ import annotations

from mtcheck.names.slips import slip_finding, sources_of
from mtcheck.types import AlignedPair, Alignment, Entity

NAME = Entity("nazarova", "Nazarova", ("Nazarova",), (0, 1, 2))
ALIGNMENT = Alignment((AlignedPair((0,), (0,)), AlignedPair((1, 2), (1,)),
                       AlignedPair((3,), (2,))), "test")


def _one_letter(usual: str, form: str) -> bool:
    return len(usual) == len(form) and sum(a != b for a, b in zip(usual, form, strict=True)) == 1


def test_sources_of_maps_each_target_sentence_to_its_pair_sources() -> None:
    assert sources_of(ALIGNMENT) == {0: (0,), 1: (1, 2), 2: (3,)}


def test_the_majority_spelling_is_the_name_and_the_slip_is_pointed_at() -> None:
    found = [("Nazarova", 0, 0, 8), ("Nazarova", 2, 5, 13), ("Nasarova", 1, 3, 11)]
    finding = slip_finding(NAME, found, str, _one_letter, sources_of(ALIGNMENT))
    assert finding is not None
    assert finding.check == "names.inconsistent"
    assert finding.target_ids == (1,)
    assert finding.source_ids == (1, 2)
    assert [span.text for span in finding.spans] == ["Nasarova"]
    assert [(v.base, v.count) for v in finding.variants] == [("Nazarova", 2), ("Nasarova", 1)]
    assert "written Nasarova in" in finding.message


def test_a_tie_points_at_both_spellings() -> None:
    found = [("Nazarova", 0, 0, 8), ("Nasarova", 1, 3, 11)]
    finding = slip_finding(NAME, found, str, _one_letter, sources_of(ALIGNMENT))
    assert finding is not None
    assert finding.target_ids == (0, 1)
    assert "written 2 ways" in finding.message


def test_forms_of_one_spelling_or_no_slip_give_nothing() -> None:
    inflected = [("Nazarova", 0, 0, 8), ("Nazarovoj", 1, 0, 9)]
    assert slip_finding(NAME, inflected, lambda form: form[:7], _one_letter,
                        sources_of(ALIGNMENT)) is None
    unrelated = [("Nazarova", 0, 0, 8), ("Petrova", 1, 0, 7)]
    assert slip_finding(NAME, unrelated, str, _one_letter, sources_of(ALIGNMENT)) is None
