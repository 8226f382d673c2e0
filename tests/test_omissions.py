import dataclasses

import pytest

from builders import alignment, one_to_one, segmented
from mtcheck.omissions import alignment_findings, glued_findings, identical_to_source
from mtcheck.segment import ends_sentence
from mtcheck.types import Sentence

SOURCE = segmented("en", ["Title", "One happened.", "Two followed.", "Three ended it."])


def checks(findings) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    return [(f.check, f.source_ids, f.target_ids) for f in findings]


def test_a_clean_alignment_has_no_findings() -> None:
    target = segmented("de", ["Titel", "Eins geschah.", "Zwei folgte.", "Drei beendete es."])
    assert alignment_findings(SOURCE, target, one_to_one(4)) == ()


def test_omission_and_addition_name_their_sentences() -> None:
    target = segmented("de", ["Titel", "Eins geschah.", "Extra.", "Drei beendete es."])
    beads = alignment(((0,), (0,)), ((1,), (1,)), ((2,), ()), ((), (2,)), ((3,), (3,)))
    findings = alignment_findings(SOURCE, target, beads)
    assert checks(findings) == [("align.omission", (2,), ()), ("align.addition", (), (2,))]
    assert "sentence #2" in findings[0].message and "Two followed." in findings[0].message


@pytest.mark.parametrize(("stray", "omitted"), [(", .", False), ("« » –", False),
                                              ("42 .", True), ("Ja .", True)])
def test_an_unpaired_sentence_is_an_omission_only_when_it_says_something(
        stray: str, omitted: bool) -> None:
    source = segmented("de", ["Titel", "Eins geschah.", stray, "Drei beendete es."])
    target = segmented("fr", ["Titre", "Un arriva.", "Trois le finit."])
    beads = alignment(((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)))
    expected = [("align.omission", (2,), ())] if omitted else []
    assert checks(alignment_findings(source, target, beads)) == expected


def test_unaligned_tail_is_one_truncation_not_several_omissions() -> None:
    target = segmented("de", ["Titel", "Eins geschah."])
    beads = alignment(((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()))
    assert checks(alignment_findings(SOURCE, target, beads)) == [
        ("align.truncation", (2, 3), (1,))]


def test_a_last_sentence_cut_off_midway_is_a_truncation() -> None:
    target = segmented("de", ["Titel", "Eins geschah.", "Zwei folgte.", "Drei beendete"])
    findings = alignment_findings(SOURCE, target, one_to_one(4))
    assert checks(findings) == [("align.truncation", (3,), (3,))]
    assert "stops mid-sentence" in findings[0].message


@pytest.mark.parametrize(("text", "ends"), [
    ("Done.", True), ("Fertig!«", True), ("終わり。", True), ("समाप्तम् ।", True),
    ("Τέλος;", True), ("eos esse qui", False), ("(see below", False), ("", False),
])
def test_ends_sentence(text: str, ends: bool) -> None:
    assert ends_sentence(text) is ends


def test_segment_aligned_files_report_omissions_not_truncation() -> None:
    target = segmented("de", ["Titel", "Eins geschah."])
    target = dataclasses.replace(
        target, document=dataclasses.replace(target.document, presegmented=True))
    beads = alignment(((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()))
    assert [c for c, *_ in checks(alignment_findings(SOURCE, target, beads))] == [
        "align.omission", "align.omission"]


def test_glued_sentences_are_info_findings_on_their_side() -> None:
    document = segmented("en", ["It was strengthened.", "Pezeshitsyan also condemned it."])
    glued = dataclasses.replace(document, sentences=(
        document.sentences[0],
        Sentence(**{**dataclasses.asdict(document.sentences[1]), "glued": True}),
    ))
    findings = glued_findings(glued, "source")
    assert checks(findings) == [("segment.glued", (0, 1), ())]
    assert findings[0].spans[0].side == "source"


def test_identical_translation() -> None:
    assert checks(identical_to_source(SOURCE, SOURCE))[0][0] == "text.identical"
    assert identical_to_source(SOURCE, segmented("de", ["Anders."])) == ()


def test_glued_excerpt_and_span_never_cut_a_word() -> None:
    first = ("Officials said the two countries discussed regional security and strengthened "
             "their ties.")
    second = "Pezeshkian also condemned Israel for the attack on the embassy in Damascus."
    document = segmented("en", [first, second])
    glued = dataclasses.replace(document, sentences=(
        document.sentences[0],
        Sentence(**{**dataclasses.asdict(document.sentences[1]), "glued": True}),
    ))
    (finding,) = glued_findings(glued, "target")
    excerpt = finding.message.split(": ", 1)[1].strip("“”…")
    junction = first.split()[-1] + second.split()[0]  # "ties.Pezeshkian": glued, as written
    words = set(first.split()) | set(second.split()) | {junction}
    assert junction in excerpt
    assert all(w in words for w in excerpt.split())  # whole words only, at both ends
    (span,) = finding.spans
    assert second[span.start:span.end] == span.text
    assert span.end == len(second) or second[span.end] == " "
