"""Language identification: script rules, the n-gram model, candidates, the shipped corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtcheck.errors import LanguageError
from mtcheck.langid import (
    UNDETERMINED,
    detect_language,
    load_identifier,
    script_profile,
    wrong_language,
)
from mtcheck.types import Document, Paragraph, SegmentedDocument, Sentence, Severity

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "shoigu-visits-iran"

GOLDEN = [
    ("Schoigu traf am selben Tag auch den Generalstabschef der Streitkräfte.", "de"),
    ("Shoigu also met the Chief of General Staff of the Armed Forces on the same day.", "en"),
    ("Choïgou a également rencontré le chef d'état-major des forces armées.", "fr"),
    ("Shoigu también se reunió el mismo día con el jefe del Estado Mayor.", "es"),
    ("Шойгу в тот же день встретился с начальником Генштаба.", "ru"),
    ("Шойгу того ж дня зустрівся з начальником Генштабу.", "uk"),
    ("쇼이구는 같은 날 이란군 총참모장과도 만났다.", "ko"),
    ("ショイグ氏は同日、イラン軍参謀総長とも会談した。", "ja"),
    ("绍伊古当天还会见了伊朗武装部队总参谋长。", "zh"),
    ("Ο Σόιγκου συναντήθηκε την ίδια μέρα με τον αρχηγό του γενικού επιτελείου.", "el"),
]


@pytest.mark.parametrize(("text", "lang"), GOLDEN)
def test_golden_sentences(text: str, lang: str) -> None:
    found, confidence = detect_language(text)
    assert found == lang
    assert 0.0 < confidence <= 1.0


@pytest.mark.parametrize(("text", "lang"), GOLDEN)
def test_candidates_narrow_the_answer(text: str, lang: str) -> None:
    assert detect_language(text, [lang, "en"])[0] == lang


def test_unique_script_is_decided_by_script() -> None:
    assert detect_language("방문", ["ko", "de"]) == ("ko", 1.0)
    assert script_profile("ショイグ氏") == {"Kana": 4, "Hani": 1}


def test_text_in_no_candidate_script_names_its_language() -> None:
    """A Russian text checked as a German translation is reported as Russian, not German."""
    assert detect_language("Шойгу посетил Иран с официальным визитом.", ["de", "en"])[0] == "ru"
    assert detect_language("สวัสดีครับ นี่คือภาษาไทย", ["de"])[0] == "th"


@pytest.mark.parametrize("text", ["", "12345 678", "—!?", "Ab"])
def test_too_few_letters_is_undetermined(text: str) -> None:
    assert detect_language(text) == (UNDETERMINED, 0.0)


def test_unknown_candidate_is_a_language_error() -> None:
    with pytest.raises(LanguageError, match="unknown language code 'xx'"):
        detect_language("Hallo Welt", ["xx"])


def test_deterministic() -> None:
    text = "Iran und Russland seien strategische Partner."
    assert len({detect_language(text, ["de", "en", "nl"]) for _ in range(5)}) == 1


@pytest.mark.skipif(not (CORPUS / "manifest.toml").exists(), reason="shipped corpus absent")
def test_every_paragraph_of_the_shipped_translations() -> None:
    from mtcheck.corpus import load_corpus

    corpus = load_corpus(CORPUS)
    assert len(corpus.translations) == 14
    for lang, document in corpus.translations.items():
        for paragraph in document.paragraphs:
            assert detect_language(paragraph.text, [lang, "en"])[0] == lang, (lang, paragraph.line)
    for paragraph in corpus.source.paragraphs:
        languages = list(corpus.translations)
        assert detect_language(paragraph.text, [*languages, "en"])[0] == "en", paragraph.line


# --------------------------------------------------------------------------- wrong_language
def _segmented(lang: str, texts: list[str]) -> SegmentedDocument:
    paragraphs = tuple(Paragraph(index=i, text=t, line=i + 1) for i, t in enumerate(texts))
    sentences = tuple(Sentence(id=i, paragraph=i, text=t, start=0, end=len(t), line=i + 1)
                      for i, t in enumerate(texts))
    document = Document(path=f"{lang}.txt", lang=lang, paragraphs=paragraphs)
    return SegmentedDocument(document=document, sentences=sentences, segmenter="test")


GERMAN = ["Schoigu besucht Iran.", "Der Iran erklärte, der Besuch ziele auf bilaterale Beziehungen.",
          "Am 5. traf der iranische Präsident Pezeshkian in Teheran mit Schoigu zusammen."]
ENGLISH = ["Shoigu visits Iran.", "Iran said the visit aims to strengthen bilateral interactions.",
           "On the 5th, Iranian President Pezhashyan met with visiting Shoigu in Tehran."]


def test_right_language_gives_no_finding() -> None:
    assert wrong_language(_segmented("de", GERMAN)) == ()


def test_translation_in_the_wrong_language_is_a_finding() -> None:
    (finding,) = wrong_language(_segmented("de", ENGLISH))
    assert finding.check == "text.wrong-language"
    assert finding.severity == Severity.ERROR
    assert "German translation reads as English (en" in finding.message
    assert finding.target_ids == (1, 2)  # the title is shorter than min_letters


def test_mostly_right_language_with_one_english_sentence_passes() -> None:
    mixed = [*GERMAN, *GERMAN, ENGLISH[1]]
    assert wrong_language(_segmented("de", mixed)) == ()


# The unpacked model is cached on disk; the identifier restored from it must rank
# exactly as one loaded from the package, and a damaged cache must be rewritten.
def test_unpacked_model_cache_ranks_like_the_package(tmp_path: Path) -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    packaged = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    path = tmp_path / "model.npz"
    first = load_identifier(path)
    assert path.stat().st_size > 10_000_000
    second = load_identifier(path)
    for text, _ in GOLDEN:
        assert first.rank(text) == packaged.rank(text)
        assert second.rank(text) == packaged.rank(text)


def test_corrupt_model_cache_is_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    identifier = load_identifier(path)
    assert identifier.classify(GOLDEN[0][0])[0] == "de"
    assert path.stat().st_size > 10_000_000
