import codecs
from pathlib import Path

import pytest

from mtcheck.corpus import adhoc_corpus, load_corpus, load_document, split_paragraphs
from mtcheck.errors import InputError

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpora" / "shoigu-visits-iran"


def test_paragraphs_keep_their_first_line_and_title() -> None:
    text = "Shoigu visits Iran\n\n\nFirst para line one\nline two.\n\nSecond.\n"
    paragraphs = split_paragraphs(text)
    assert [p.line for p in paragraphs] == [1, 4, 7]
    assert paragraphs[0].is_title and not paragraphs[1].is_title
    assert paragraphs[1].text == "First para line one\nline two."


def test_a_first_line_that_is_a_sentence_is_not_a_title() -> None:
    paragraphs = split_paragraphs("It rained.\n\nThen it stopped.\n")
    assert not paragraphs[0].is_title


def test_shipped_corpus_loads() -> None:
    corpus = load_corpus(CORPUS)
    assert corpus.source.lang == "en"
    assert corpus.source.paragraphs[0].is_title
    assert corpus.source.paragraphs[0].text == "Shoigu visits Iran"
    assert len(corpus.source.paragraphs) == 6
    assert set(corpus.translations) == {"ko", "ru", "fr", "id", "sa", "ja", "de", "pt", "el",
                                        "es", "it", "fi", "la", "zh"}
    assert {"ru", "de", "fr", "es", "ja"} <= set(corpus.references)
    assert "한어" not in "\n".join(p.text for p in corpus.source.paragraphs)


def test_languages_narrow_the_corpus() -> None:
    corpus = load_corpus(CORPUS, ("ru", "ja"))
    assert list(corpus.translations) == ["ru", "ja"]
    assert set(corpus.references) == {"ru", "ja"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\n \t\n", "file is empty"),
        (b"abc\x00def", "binary file (NUL byte at byte offset 3)"),
        (b"Good text \xff more", "not valid UTF-8: byte 0xff at byte offset 10"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path: Path, content: bytes,
                                                 message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        load_document(path, "de")
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_missing_file_and_unknown_language(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_document(tmp_path / "nope.txt", "de")
    path = tmp_path / "ok.txt"
    path.write_text("Hallo Welt.\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown language code 'xx'"):
        load_document(path, "xx")


def test_utf16_bom_and_crlf_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Titel\r\n\r\nEin Satz.\r\n".encode("utf-16-le"))
    document = load_document(path, "de")
    assert [p.text for p in document.paragraphs] == ["Titel", "Ein Satz."]


def test_manifest_errors_name_the_manifest(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text('[document]\nsource = "s.txt"\n', encoding="utf-8")
    with pytest.raises(InputError, match="source_language"):
        load_corpus(tmp_path)
    with pytest.raises(InputError, match="no corpus manifest"):
        load_corpus(tmp_path / "sub")


def test_adhoc_corpus_needs_a_translation(tmp_path: Path) -> None:
    source = tmp_path / "en.txt"
    source.write_text("Hello.\n", encoding="utf-8")
    with pytest.raises(InputError, match="no translation given"):
        adhoc_corpus(source, "en", {})


def test_a_reference_without_its_translation_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "en.txt"
    source.write_text("Hello.\n", encoding="utf-8")
    with pytest.raises(InputError, match="a reference for 'fr' but no translation into 'fr'"):
        adhoc_corpus(source, "en", {"de": source}, {"fr": source})


def test_an_unknown_corpus_language_lists_the_available_ones() -> None:
    with pytest.raises(InputError, match="no translation for language\\(s\\): xx; this corpus has: ko"):
        load_corpus(CORPUS, ("xx",))


@pytest.mark.parametrize(
    "manifest", sorted((Path(__file__).resolve().parent.parent / "corpora").glob("**/manifest.toml")),
    ids=lambda path: path.parent.name)
def test_every_shipped_corpus_loads(manifest: Path) -> None:
    # The evaluation and planted corpora are read by benchmarks and users alike: each must
    # pass the same checks as any corpus (paths inside its folder, languages known, ...).
    corpus = load_corpus(manifest.parent)
    assert corpus.translations
