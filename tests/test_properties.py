"""Property tests across stages: arbitrary Unicode text through segment and align."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mtcheck.align import align_documents
from mtcheck.corpus import split_paragraphs
from mtcheck.segment import segment_document
from mtcheck.types import Document

# Letters of several scripts, digits, sentence punctuation of several languages, spaces.
ALPHABET = st.sampled_from(
    list("abcXYZ Пезешкиан 페제시키안 ペゼシュキアン 佩泽希 Πεζεσκιάν पेजेश्कियन 0123456789")
    + list(".!?。！？।॥;…\"'«»「」()") + [" ", " ", "\n", "\u00a0", "\u202e"]
)
TEXT = st.text(ALPHABET, min_size=1, max_size=300).filter(lambda t: t.strip())
LANGS = st.sampled_from(["en", "ru", "ko", "ja", "zh", "el", "sa", "de", "fi", "la"])


def document(text: str, lang: str) -> Document:
    return Document(path=f"{lang}.txt", lang=lang, paragraphs=split_paragraphs(text))


@settings(max_examples=80, deadline=None)
@given(TEXT, LANGS)
def test_segmentation_loses_no_character(text: str, lang: str) -> None:
    doc = document(text, lang)
    segmented = segment_document(doc)
    for paragraph in doc.paragraphs:
        sentences = [s for s in segmented.sentences if s.paragraph == paragraph.index]
        covered = "".join(paragraph.text[s.start:s.end] for s in sentences)
        assert "".join(covered.split()) == "".join(paragraph.text.split())
        assert all(s.text == paragraph.text[s.start:s.end] for s in sentences)
    assert [s.id for s in segmented.sentences] == list(range(len(segmented.sentences)))


@settings(max_examples=60, deadline=None)
@given(TEXT, LANGS, TEXT, LANGS)
def test_any_two_texts_align_as_a_monotone_cover(source_text: str, source_lang: str,
                                                 target_text: str, target_lang: str) -> None:
    source = segment_document(document(source_text, source_lang))
    target = segment_document(document(target_text, target_lang))
    alignment = align_documents(source, target)
    source_ids = [i for p in alignment.pairs for i in p.source_ids]
    target_ids = [i for p in alignment.pairs for i in p.target_ids]
    assert source_ids == list(range(len(source.sentences)))
    assert target_ids == list(range(len(target.sentences)))
    assert all(p.source_ids or p.target_ids for p in alignment.pairs)
