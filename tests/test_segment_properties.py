"""Property tests of mtcheck.segment: spans cover the text exactly, for any input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.segment import segment_document, split_sentences
from mtcheck.types import Document, Paragraph

# Characters the rules look at, so that random text hits them often.
_PUNCTUATION = ".!?…;:,\"'”’»«「」()[]。！？．｡।॥\u037e؟-–—@/="
_ALPHABET = st.one_of(
    st.sampled_from(list(_PUNCTUATION + " \n\t\u00a0\u3000")),
    st.sampled_from(list("aZeUSGBdrMtxÄé")),
    st.sampled_from(list("ПрСКгтеΑβγ日本語中文한국어शोइगु٠١0123456789")),
    st.characters(),
)
_TEXT = st.text(_ALPHABET, max_size=120)
_LANGS = st.sampled_from(["en", "de", "ru", "fr", "el", "ja", "zh", "ko", "sa", "fi", "ar", "la"])


@settings(max_examples=400, deadline=None)
@given(text=_TEXT, lang=_LANGS, split_glued=st.booleans())
def test_spans_cover_every_visible_character_once(text: str, lang: str,
                                                  split_glued: bool) -> None:
    spans = split_sentences(text, lang, split_glued=split_glued)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert text[previous_end:span.start].strip() == ""  # only whitespace between spans
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        previous_end = span.end
    assert text[previous_end:].strip() == ""
    covered = "".join(text[s.start : s.end] for s in spans)
    assert "".join(covered.split()) == "".join(text.split())
    assert not spans or not spans[0].glued


def _assert_sentences_stand_alone(text: str, lang: str) -> None:
    for span in split_sentences(text, lang):
        sentence = text[span.start : span.end]
        assert [(s.start, s.end) for s in split_sentences(sentence, lang)] == [
            (0, len(sentence))], sentence


@settings(max_examples=200, deadline=None)
@given(text=_TEXT, lang=_LANGS)
def test_a_sentence_alone_stays_one_sentence(text: str, lang: str) -> None:
    _assert_sentences_stand_alone(text, lang)


# Counterexamples found by hypothesis and fuzzing: a rule looked past the end of the
# sentence (".a" after "。" kept "日.Za" together) or back before its start ("。" before
# "Ab.Cd" kept it whole).
@pytest.mark.parametrize(("text", "lang"), [
    ("日.Za。.a", "en"),
    ("日。Ab.Cd", "en"),
    ("ab.Cd?Ef.gh", "en"),
    ('etc@"EE. UU.Za...(Word.Za', "fi"),
])
def test_found_counterexamples_stand_alone(text: str, lang: str) -> None:
    _assert_sentences_stand_alone(text, lang)


@settings(max_examples=150, deadline=None)
@given(blocks=st.lists(_TEXT.filter(lambda t: t.strip() != ""), min_size=1, max_size=5),
       lang=_LANGS, presegmented=st.booleans(), title=st.booleans())
def test_document_ids_and_offsets(blocks: list[str], lang: str, presegmented: bool,
                                  title: bool) -> None:
    paragraphs = tuple(
        Paragraph(index=i, text=block, line=1 + 3 * i, is_title=title and i == 0)
        for i, block in enumerate(blocks)
    )
    document = Document("doc.txt", lang, paragraphs, presegmented=presegmented)
    segmented = segment_document(document)
    assert [s.id for s in segmented.sentences] == list(range(len(segmented.sentences)))
    paragraph_order = [s.paragraph for s in segmented.sentences]
    assert paragraph_order == sorted(paragraph_order)
    for sentence in segmented.sentences:
        paragraph = paragraphs[sentence.paragraph]
        assert sentence.text == paragraph.text[sentence.start : sentence.end]
        assert sentence.line == paragraph.line + paragraph.text.count("\n", 0, sentence.start)
    if presegmented:
        assert len(segmented.sentences) == len(blocks)
    elif title:
        assert sum(s.paragraph == 0 for s in segmented.sentences) == 1
