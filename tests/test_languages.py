import pytest

from mtcheck.errors import LanguageError
from mtcheck.languages import get_language, registry

CORPUS_LANGUAGES = ["en", "ko", "ru", "fr", "id", "sa", "ja", "de", "pt", "el", "es", "it", "fi",
                    "la", "zh"]


@pytest.mark.parametrize("code", CORPUS_LANGUAGES)
def test_every_corpus_language_is_registered(code: str) -> None:
    language = get_language(code)
    assert language.code == code
    assert language.bleu_tokenizer in {"13a", "intl", "zh", "ja-mecab", "ko-mecab"}


@pytest.mark.parametrize(("typed", "code"), [("DE", "de"), ("pt-BR", "pt"), ("zh_Hans", "zh")])
def test_codes_are_normalised(typed: str, code: str) -> None:
    assert get_language(typed).code == code


def test_unknown_code_lists_the_known_ones() -> None:
    with pytest.raises(LanguageError) as error:
        get_language("xx")
    assert "'xx'" in str(error.value)
    assert "ru" in str(error.value)


def test_cjk_and_spacing_facts() -> None:
    assert get_language("ja").is_cjk and not get_language("ja").spaces
    assert get_language("zh").bleu_tokenizer == "zh"
    assert get_language("sa").bleu_tokenizer == "intl"
    assert not get_language("ru").is_cjk
    assert get_language("ar").direction == "rtl"
    assert all(lang.direction in {"ltr", "rtl"} for lang in registry().values())
