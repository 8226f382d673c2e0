"""text.untranslated: copied prose is reported, a name kept as written is not."""

from __future__ import annotations

import pytest

from builders import one_to_one, segmented
from mtcheck.config import NamesConfig
from mtcheck.names import find_entities
from mtcheck.names.untranslated import check_untranslated

SOURCE = ("Taiwan Semiconductor Manufacturing Co. said the new plant would open next year "
          "despite the drought.")


def copied(target: str, lang: str, source: str = SOURCE) -> list[str]:
    document = segmented("en", [source])
    entities = find_entities(document, None, NamesConfig(use_ner=False))
    findings = check_untranslated(document, segmented(lang, [target]), one_to_one(1), entities)
    return [f.spans[0].text for f in findings]


@pytest.mark.parametrize(("target", "lang"), [
    ("Η Taiwan Semiconductor Manufacturing Co. ανακοίνωσε ότι το νέο εργοστάσιο θα ανοίξει.", "el"),
    ("Taiwan Semiconductor Manufacturing Co.는 새 공장이 내년에 문을 연다고 밝혔다.", "ko"),
    ("Die Taiwan Semiconductor Manufacturing Co. teilte mit, das Werk öffne nächstes Jahr.", "de"),
])
def test_a_company_name_kept_as_written_is_not_untranslated(target: str, lang: str) -> None:
    assert copied(target, lang) == []


def test_a_name_with_lower_case_particles_is_not_untranslated() -> None:
    source = "Engineers at the Bangladesh University of Engineering and Technology tested it."
    target = "Ingenieure der Bangladesh University of Engineering and Technology prüften ihn."
    assert copied(target, "de", source) == []


@pytest.mark.parametrize(("target", "lang"), [
    ("Η Taiwan Semiconductor Manufacturing Co. said the new plant would open.", "el"),
    ("TSMC는 said the new plant would open next year 라고 밝혔다.", "ko"),
])
def test_copied_prose_beside_a_name_is_still_untranslated(target: str, lang: str) -> None:
    found = copied(target, lang)
    assert len(found) == 1 and "said the new plant would open" in found[0]


def test_an_acronym_makes_a_run_of_capitalised_words_a_name() -> None:
    source = "Advanced Micro Devices (AMD) will buy the chips made in the new plant."
    assert copied("Η Advanced Micro Devices (AMD) θα αγοράσει τα τσιπ.", "el", source) == []


def test_a_body_named_by_capitalised_common_words_is_still_untranslated() -> None:
    source = "Ahmadian is secretary of the Supreme National Security Council of Iran."
    found = copied("अहमदियान ईरानस्य Supreme National Security Council इत्यस्य सचिवः।", "sa", source)
    assert found == ["Supreme National Security Council"]


def test_a_copied_sentence_starting_with_a_capital_still_counts_its_first_word() -> None:
    source = "Officials said the dam held."
    assert copied("Officials said the dam held.", "ru", source) == ["Officials said the dam held"]
