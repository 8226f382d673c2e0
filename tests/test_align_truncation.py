"""A translation cut off mid-sentence: the fragment pairs with the sentence it starts."""

from __future__ import annotations

import pytest

from mtcheck.align import align_documents, align_sentences
from mtcheck.align.sentences import cut_off
from mtcheck.corpus import split_paragraphs
from mtcheck.omissions import alignment_findings
from mtcheck.segment import segment_document
from mtcheck.types import Document

SOURCE = """The Mountain Club

The expedition left Kathmandu on 3 April with twelve climbers and forty porters.
After two weeks of walking the team reached the base camp at 5200 metres.
Heavy snow kept everyone in the tents for four days.
On 28 April the first rope team set up camp two below the icefall.

The summit attempt began on 12 May before dawn.
Lhakpa and Morel reached the top at noon in clear weather.
Both returned safely to camp four the same evening.
The rest of the team cleared the mountain in the following week.
"""

TARGET = """Der Bergklub

Die Expedition verließ Kathmandu am 3. April mit zwölf Bergsteigern und vierzig Trägern.
Nach zwei Wochen Fußmarsch erreichte die Mannschaft das Basislager auf 5200 Metern.
Starker Schneefall hielt alle vier Tage lang in den Zelten fest.
Am 28. April errichtete die erste Seilschaft das zweite Lager unterhalb des Eisbruchs.

Der Gipfelversuch begann am 12. Mai vor der Morgendämmerung.
Lhakpa und Morel erreichten den Gipfel mittags bei klarem Wetter.
Beide kehrten am selben Abend sicher ins vierte Lager zurück.
Der Rest der Mannschaft räumte den Berg in der folgenden Woche.
"""


def _document(text: str, lang: str) -> Document:
    return Document(path=f"doc.{lang}", lang=lang, paragraphs=split_paragraphs(text, True))


def _cut(text: str, sentence: str, keep: float) -> str:
    """``text`` up to ``sentence``, of which only the first ``keep`` share of words is left."""
    start = text.index(sentence)
    words = sentence.split()
    return text[:start] + " ".join(words[: max(1, int(len(words) * keep))])


@pytest.mark.parametrize("keep", [0.3, 0.6])
@pytest.mark.parametrize("cut_at", [
    "Nach zwei Wochen Fußmarsch",
    "Starker Schneefall",
    "Der Gipfelversuch",
    "Lhakpa und Morel",
])
def test_the_fragment_pairs_with_the_sentence_it_starts(cut_at: str, keep: float) -> None:
    sentence = next(line for line in TARGET.splitlines() if line.startswith(cut_at))
    source = segment_document(_document(SOURCE, "en"))
    target = segment_document(_document(_cut(TARGET, sentence, keep), "de"))
    alignment = align_documents(source, target)
    fragment = len(target.sentences) - 1
    # Sentence k of the target translates sentence k of the source in this fixture.
    bead = next(p for p in alignment.pairs if fragment in p.target_ids)
    assert bead.source_ids == (fragment,)
    # Everything after the fragment is unaligned, and nothing before it is.
    for pair in alignment.pairs:
        if pair.source_ids and pair.source_ids[0] > fragment:
            assert not pair.target_ids
        elif pair.source_ids:
            assert pair.target_ids
    findings = alignment_findings(source, target, alignment)
    checks = [f.check for f in findings]
    assert "align.omission" not in checks
    truncation = [f for f in findings if f.check == "align.truncation"]
    assert len(truncation) == 1
    assert truncation[0].source_ids == tuple(range(fragment + 1, len(source.sentences)))


def test_sentences_after_the_cut_are_a_cheap_unaligned_tail() -> None:
    source = [line for line in SOURCE.splitlines()[2:6]]
    target = [line for line in TARGET.splitlines()[2:4]] + ["Starker Schneefall hielt"]
    assert cut_off(source, target)
    pairs = align_sentences(source, target, source_lang="en", target_lang="de")
    assert [(p.source_ids, p.target_ids) for p in pairs] == [
        ((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ())]
    # The source sentences after the cut are the cheap, truncated tail.
    assert pairs[-1].cost < 1.0


@pytest.mark.parametrize(("source", "target", "expected"), [
    (["A full sentence."], ["Ein ganzer Satz."], False),
    (["A full sentence."], ["Ein ganzer"], True),
    (["A title"], ["Ein Titel"], False),  # neither ends like a sentence: a title, a list item
    (["A title"], ["Ein Titel."], False),
    ([], ["Ein"], False),
])
def test_cut_off(source: list[str], target: list[str], expected: bool) -> None:
    assert cut_off(source, target) is expected


def test_a_complete_translation_without_final_stop_keeps_its_alignment() -> None:
    """The open end only affects beads ending with the last target sentence."""
    source = SOURCE.splitlines()[2:6]
    target = TARGET.splitlines()[2:6]
    target[-1] = target[-1].rstrip(".")
    pairs = align_sentences(source, target, source_lang="en", target_lang="de")
    assert [(p.source_ids, p.target_ids) for p in pairs] == [((k,), (k,)) for k in range(4)]


def test_a_paragraph_before_the_last_is_never_taken_for_a_cut() -> None:
    """Only the end of the document can be where a translation was cut off."""
    source = SOURCE.splitlines()[2:6]
    target = [*TARGET.splitlines()[2:4], "Starker Schneefall hielt"]
    at_end = align_sentences(source, target, source_lang="en", target_lang="de")
    inside = align_sentences(source, target, source_lang="en", target_lang="de",
                             may_be_cut_off=False)
    assert at_end[-1].source_ids == (3,) and not at_end[-1].target_ids
    assert at_end[-1].cost < 1.0
    # Not at the end: an unaligned sentence costs what it costs anywhere else.
    assert all(p.cost > 4.0 for p in inside if p.source_ids and not p.target_ids)


def test_documents_only_let_their_last_paragraph_end_in_a_cut() -> None:
    target = TARGET.replace("Eisbruchs.", "Eisbruchs")  # the first paragraph loses its stop
    source = segment_document(_document(SOURCE, "en"))
    translated = segment_document(_document(target, "de"))
    alignment = align_documents(source, translated)
    assert alignment.method.endswith("(paragraphs)")
    assert [(p.source_ids, p.target_ids) for p in alignment.pairs] == [
        ((k,), (k,)) for k in range(len(source.sentences))]
    assert not [f for f in alignment_findings(source, translated, alignment)
                if f.check in ("align.truncation", "align.omission")]


LONG_SOURCE = [
    "The survey began on 3 April with 12 engineers.",
    "By 19 April the team had mapped 240 kilometres of the river bank.",
    "The dam at Kaptai holds 6,477 million cubic metres of water.",
    "Its operator, Karnaphuli Power, said repairs would cost 35 million dollars.",
    "On 28 May the engineers reported 17 weak points in the embankment.",
    "The ministry said work on the first 8 of them would start in July.",
    "Residents of the villages near the dam were not consulted.",
    "Several of them said they had learnt of the plans from the radio.",
    "The opposition called for an inquiry into how the contracts were awarded.",
    "A parliamentary committee is expected to discuss the matter next month.",
]
LONG_TARGET = [
    "Die Untersuchung begann am 3. April mit 12 Ingenieuren.",
    "Bis zum 19. April hatte das Team 240 Kilometer des Flussufers kartiert.",
    "Der Damm bei Kaptai fasst 6.477 Millionen Kubikmeter Wasser.",
    "Der Betreiber Karnaphuli Power erklärte, die Reparaturen würden 35 Millionen Dollar "
    "kosten.",
    "Am 28. Mai meldeten die Ingenieure 17 Schwachstellen im Damm.",
    "Das Ministerium erklärte, die Arbeiten an den ersten 8 davon würden im Juli beginnen.",
    "Die Bewohner der Dörfer in der Nähe des Damms wurden nicht befragt.",
]


def test_a_translation_that_stops_after_a_whole_sentence_is_truncated_not_stretched() -> None:
    """No fragment shows the cut: the anchors end near the translation's end, far from the
    source's, so the rest of the source is the truncated tail, not spread over the text."""
    pairs = align_sentences(LONG_SOURCE, LONG_TARGET, source_lang="en", target_lang="de")
    assert [(p.source_ids, p.target_ids) for p in pairs] == [
        *[((k,), (k,)) for k in range(7)], *[((k,), ()) for k in range(7, 10)]]
    # The same text complete is not taken for a cut.
    complete = align_sentences(LONG_SOURCE[:7], LONG_TARGET, source_lang="en",
                               target_lang="de")
    assert [(p.source_ids, p.target_ids) for p in complete] == [((k,), (k,)) for k in range(7)]
