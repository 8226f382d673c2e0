from pathlib import Path

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


@pytest.mark.parametrize(("typed", "code", "base"), [
    ("DE", "de", "de"), ("pt-br", "pt-BR", "pt"), ("zh_Hans", "zh-Hans", "zh"),
    ("de-de", "de-DE", "de"), ("fra", "fr", "fr"), ("swe", "sv", "sv"), ("iw", "he", "he"),
    (" fr ", "fr", "fr"),
])
def test_codes_keep_their_canonical_case(typed: str, code: str, base: str) -> None:
    """One normalisation: case fixed, ISO 639-3 and deprecated codes mapped, region kept."""
    language = get_language(typed)
    assert (language.code, language.base) == (code, base)


def test_a_regional_tag_shares_the_facts_of_its_language() -> None:
    german, swiss = get_language("de"), get_language("de-CH")
    assert swiss.code == "de-CH"
    assert (swiss.name, swiss.script, swiss.nllb) == (german.name, german.script, german.nllb)


def test_a_region_with_another_script_takes_that_script() -> None:
    taiwan = get_language("zh-TW")
    assert taiwan.script == "Hant" and not taiwan.spaces and taiwan.bleu_tokenizer == "zh"
    assert taiwan.nllb == "zho_Hant"
    assert get_language("sr-Latn").script == "Latn"


@pytest.mark.parametrize(("code", "name", "script", "direction", "tokenizer", "spaces"), [
    ("sv", "Swedish", "Latn", "ltr", "13a", True),
    ("th", "Thai", "Thai", "ltr", "char", False),
    ("dv", "Divehi", "Thaa", "rtl", "intl", True),
    ("ur", "Urdu", "Arab", "rtl", "13a", True),
    ("bn", "Bangla", "Beng", "ltr", "intl", True),
    ("yue", "Cantonese", "Hant", "ltr", "zh", False),
    ("ka", "Georgian", "Geor", "ltr", "13a", True),
])
def test_languages_outside_the_registry_get_defaults_from_data(
    code: str, name: str, script: str, direction: str, tokenizer: str, spaces: bool
) -> None:
    language = get_language(code)
    assert language.origin == "derived"
    assert (language.name, language.script, language.direction, language.bleu_tokenizer,
            language.spaces) == (name, script, direction, tokenizer, spaces)
    assert language.native and language.iso639_3


@pytest.mark.parametrize("code", ["xx", "qaa", "und", "zxx", "1", "", "en_"])
def test_codes_that_name_no_language_are_errors(code: str) -> None:
    with pytest.raises(LanguageError, match=r"unknown language code|empty language code"):
        get_language(code)


def test_a_config_adds_and_overrides_languages(tmp_path: Path) -> None:
    from mtcheck.config import load_config
    from mtcheck.languages import use_config_languages

    config = tmp_path / "c.toml"
    config.write_text('[languages.qaa]\nname = "Klingon (house style)"\nscript = "Latn"\n'
                      '[languages.sv]\nnllb = "swe_Latn"\n', encoding="utf-8")
    try:
        load_config(config)
        assert get_language("qaa").name == "Klingon (house style)"
        assert get_language("qaa").origin == "config"
        assert get_language("sv").nllb == "swe_Latn"
        assert get_language("sv").name == "Swedish"  # the other facts stay derived
        assert get_language("sv-FI").nllb == "swe_Latn"
    finally:
        use_config_languages({})
    with pytest.raises(LanguageError):
        get_language("qaa")


@pytest.mark.parametrize(("body", "message"), [
    ('[languages.sv]\nscript = 5\n', "must be a str"),
    ('[languages.sv]\ncolour = "blue"\n', "unknown key 'languages.sv.colour'"),
    ('[languages.sv]\ndirection = "up"\n', "direction"),
    ('[languages.sv]\nbleu_tokenizer = "spm"\n', "bleu_tokenizer"),
    ('[languages]\nsv = 1\n', "must be a table"),
])
def test_bad_language_tables_are_config_errors(tmp_path: Path, body: str, message: str) -> None:
    from mtcheck.config import load_config
    from mtcheck.errors import ConfigError

    config = tmp_path / "c.toml"
    config.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(config)


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


def test_source_fallbacks_follow_the_shipped_data() -> None:
    from mtcheck.support import source_fallbacks

    assert source_fallbacks("en") == []
    assert source_fallbacks("en-GB") == []
    assert [f.stage for f in source_fallbacks("de")] == ["names", "roundtrip"]
    assert [f.stage for f in source_fallbacks("sv")] == ["segment", "names", "roundtrip"]


def test_a_german_source_warns_once_per_fallback_and_skips_round_trip(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from mtcheck.cli import main

    source = tmp_path / "de.txt"
    source.write_text("Schoigu besucht Iran\n\nDer Besuch soll die Beziehungen stärken.\n",
                      encoding="utf-8")
    target = tmp_path / "en.txt"
    target.write_text("Shoigu visits Iran\n\nThe visit aims to strengthen ties.\n",
                      encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["evaluate", "--source", str(source), "--source-lang",
                                       "DE", "--translation", f"fr={target}", "--translation",
                                       f"en={target}", "--out", str(out), "--no-report"])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if "source in German" in line]
    assert len(notes) == 2 and any("names:" in n for n in notes)
    run = json.loads((out / "results.json").read_text(encoding="utf-8"))["run"]
    statuses = {t["lang"]: t["roundtrip_status"] for t in run["translations"]}
    assert all("the source is in German" in s for s in statuses.values()), statuses


@pytest.mark.parametrize(("lang", "text"), [
    ("sv", "Shoigu besöker Iran. Iran sade att besöket syftar till att stärka de bilaterala "
           "förbindelserna mellan länderna under de kommande åren."),
    ("de-DE", "Schoigu besucht Iran. Der Iran erklärte, der Besuch ziele darauf ab, die "
              "bilateralen Beziehungen zwischen den Ländern zu stärken."),
])
def test_tags_and_derived_languages_are_not_wrong_language(lang: str, text: str) -> None:
    from mtcheck.langid import wrong_language
    from mtcheck.segment import segment_document
    from mtcheck.types import Document, Paragraph

    document = Document(path="t.txt", lang=get_language(lang).code,
                        paragraphs=(Paragraph(index=0, text=text, line=1),))
    assert wrong_language(segment_document(document)) == ()


def test_a_regional_tag_uses_its_language_model() -> None:
    from mtcheck.backtranslate.resolve import choose_model
    from mtcheck.config import BacktranslationConfig

    assert choose_model(BacktranslationConfig(), "de-DE").model == "Helsinki-NLP/opus-mt-de-en"
    custom = BacktranslationConfig(models={"pt-BR": "org/br", "pt": "org/pt"})
    assert choose_model(custom, "pt-BR").model == "org/br"
    assert choose_model(custom, "pt-PT").model == "org/pt"


def test_a_language_added_in_the_config_runs_end_to_end(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from mtcheck.cli import main
    from mtcheck.languages import use_config_languages

    source = tmp_path / "en.txt"
    source.write_text("Shoigu visits Iran.\n\nThe visit aims to strengthen ties.\n",
                      encoding="utf-8")
    target = tmp_path / "x.txt"
    target.write_text("Shoigu vizitas Iranon.\n\nLa vizito celas plifortigi ligojn.\n",
                      encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[languages.qaa]\nname = "House Esperanto"\nscript = "Latn"\n',
                      encoding="utf-8")
    out = tmp_path / "out"
    try:
        result = CliRunner().invoke(main, [
            "evaluate", "--source", str(source), "--translation", f"QAA={target}", "--config",
            str(config), "--out", str(out), "--no-backtranslation", "-q"])
    finally:
        use_config_languages({})
    assert result.exit_code == 0, result.output
    run = json.loads((out / "results.json").read_text(encoding="utf-8"))["run"]
    assert [t["lang"] for t in run["translations"]] == ["qaa"]
    assert (out / "qaa.html").is_file()


def test_a_report_of_a_config_added_language_renders_without_the_config(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from mtcheck.cli import main
    from mtcheck.languages import use_config_languages

    source = tmp_path / "en.txt"
    source.write_text("Shoigu visits Iran.\n", encoding="utf-8")
    target = tmp_path / "x.txt"
    target.write_text("Shoigu vizitas Iranon.\n", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[languages.qaa]\nname = "House Esperanto"\n', encoding="utf-8")
    try:
        result = CliRunner().invoke(main, [
            "evaluate", "--source", str(source), "--translation", f"qaa={target}", "--config",
            str(config), "--out", str(tmp_path / "out"), "--no-report", "-q",
            "--no-backtranslation"])
        assert result.exit_code == 0, result.output
    finally:
        use_config_languages({})
    result = CliRunner().invoke(main, ["report", str(tmp_path / "out" / "results.json"),
                                       "--out", str(tmp_path / "pages")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pages" / "qaa.html").is_file()


@pytest.mark.parametrize("code", sorted(registry()))
def test_a_registry_code_is_looked_up_as_its_canonical_tag_would_be(code: str) -> None:
    from mtcheck.languages import _explicit_script, canonical_tag

    # get_language takes a shortcut for these codes; it must be what the long way gives.
    assert canonical_tag(code) == code
    assert _explicit_script(code) in ("", registry()[code].script)
    assert get_language(code) == registry()[code]
    assert get_language(code.upper()) == registry()[code]


def test_script_of_names_the_script_and_says_unknown_for_an_unknown_code() -> None:
    from mtcheck.languages import script_of

    assert script_of("ru") == "Cyrl"
    assert script_of("ja") == "Jpan"
    assert script_of("qqq-not-a-language") == ""
    assert script_of("qqq-not-a-language", "Latn") == "Latn"
