"""Japanese and Chinese dictionaries read backwards, on tiny dictionary files written here."""

import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dictd_fixtures import write_dictd
from mtcheck.omission import cjkdict
from mtcheck.omission.cjkdict import (
    CjkDictionaryFile,
    CjkWordTranslations,
    LoadFigures,
    cjk_note,
    cjk_substrings,
    cjk_word_translations,
    english_forms,
    find_dictionary,
    gloss_words,
    invert,
    parse_cedict_line,
    parse_edict_line,
    read_entries,
    search_keys,
)
from mtcheck.omission.dictionary import DICTIONARIES_ENV

EDICT = """\u3000？？？ /EDICT, EDICT_SUB(P), EDICT2 Japanese-English Electronic Dictionary Files/
洪水 [こうずい] /(n) flood/deluge/(P)/
減らす [へらす] /(v5s,vt) to decrease/to reduce/(P)/
堤防 [ていぼう] /(n) bank/weir/embankment/levee/(P)/
村 [むら] /(n) village/(P)/
農家 [のうか] /(n) farmer/farming family/(P)/
バリア /(n) barrier/
くらい /(prt) approximately/about/
ため /(n) good/benefit/welfare/(P)/
水門 [すいもん] /(n) sluice/floodgate/water gate/
政府 [せいふ] /(n) government/(P)/
価格 [かかく] /(n) price/value/(P)/
輸出 [ゆしゅつ] /(n,vs) export/(P)/
住民 [じゅうみん] /(n) citizens/inhabitants/residents/(P)/
歓迎 [かんげい] /(n,vs) welcome/reception/(P)/
約束 [やくそく] /(n,vs) promise/(P)/
被害 [ひがい] /(n) damage/harm/(P)/
収穫 [しゅうかく] /(n,vs) harvest/(P)/
抗議 [こうぎ] /(n,vs) protest/objection/(P)/
村落 [そんらく] /(n) village/
"""
CEDICT = """# CC-CEDICT
洪水 洪水 [hong2 shui3] /deluge; flood/
減少 减少 [jian3 shao3] /to lessen/to decrease/to reduce/
堤壩 堤坝 [di1 ba4] /dam/dike/
村 村 [cun1] /village/
農民 农民 [nong2 min2] /peasant/farmer/CL:個|个[ge4]/
李 李 [Li3] /surname Li/plum/
農戶 农户 [nong2 hu4] /variant of 農民|农民[nong2 min2]/
"""


def never(_word: str) -> bool:
    return False


@pytest.fixture(autouse=True)
def fresh_caches():
    """Dictionaries are loaded once per process: each test finds its own."""
    from mtcheck.omission.pivot import english_pivot

    caches = (cjkdict._cjk_word_translations, cjkdict._loaded, english_pivot)
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "edict").write_bytes(EDICT.encode("euc_jp"))
    with gzip.open(tmp_path / "cedict_1_0_ts_utf-8_mdbg.txt.gz", "wt", encoding="utf-8") as out:
        out.write(CEDICT)
    return tmp_path


# --------------------------------------------------------------------------- entries
def test_edict_lines_give_written_forms_and_glosses_and_leave_out_kanji_readings() -> None:
    entry = parse_edict_line("減らす [へらす] /(v5s,vt) to decrease/to reduce/(P)/")
    assert entry is not None
    assert entry.forms == ("減らす",)  # the reading of a word written in kanji is grammar-like
    assert "(v5s,vt) to decrease" in entry.glosses
    kana = parse_edict_line("バリア /(n) barrier/")
    assert kana is not None and kana.forms == ("バリア",)
    assert parse_edict_line("\u3000？？？ /EDICT header/") is None


def test_cedict_lines_give_simplified_then_traditional_and_split_glosses_on_semicolons() -> None:
    entry = parse_cedict_line("減少 减少 [jian3 shao3] /to lessen/to decrease/")
    assert entry is not None and entry.forms == ("减少", "減少")
    flood = parse_cedict_line("洪水 洪水 [hong2 shui3] /deluge; flood/")
    assert flood is not None and flood.forms == ("洪水",) and "flood" in [
        g.strip() for g in flood.glosses]
    assert parse_cedict_line("# a comment") is None


@pytest.mark.parametrize(("gloss", "words"), [
    ("(n) flood", ("flood",)),
    ("(v5s,vt) to decrease", ("decrease",)),
    ("water gate", ("water", "gate")),
    ("surname Li", ()),
    ("variant of 農民|农民[nong2 min2]", ()),
    ("CL:個|个[ge4]", ()),
    ("a long gloss that explains what the word means", ()),
])
def test_gloss_words_keep_short_translating_glosses_only(gloss: str, words: tuple) -> None:
    assert gloss_words(gloss, never) == words


def test_function_words_are_no_gloss_words() -> None:
    assert gloss_words("farming family", lambda w: w == "family") == ("farming",)


# --------------------------------------------------------------------------- search keys
@pytest.mark.parametrize(("form", "lang", "keys"), [
    ("洪水", "ja", ("洪水",)),
    ("村", "ja", ()),  # one character: in most sentences by chance
    ("減らす", "ja", ("減ら",)),  # okurigana: looked for by the stem, so 減らした matches
    ("見る", "ja", ()),  # the stem is one kanji
    ("バリア", "ja", ("バリア",)),
    ("くらい", "ja", ("くらい",)),
    ("ため", "ja", ()),  # short kana: grammar
    ("减少", "zh", ("减少",)),
    ("abc", "zh", ()),
])
def test_search_keys(form: str, lang: str, keys: tuple) -> None:
    assert search_keys(form, lang) == keys


def test_inverting_points_english_words_at_renderings_the_most_frequent_first() -> None:
    entries = [e for e in (parse_cedict_line(line) for line in CEDICT.splitlines()) if e]
    table = invert(entries, "zh", never, {"减少": 1e-4, "洪水": 2e-5})
    assert table["flood"] == ["洪水"]
    assert table["decrease"] == ["减少", "減少"]
    assert table["farmer"] == ["农民", "農民"]
    assert "li" not in table and "surname" not in table
    assert "村" not in {k for keys in table.values() for k in keys}


# --------------------------------------------------------------------------- look-up
def test_english_forms_reach_the_dictionary_form() -> None:
    assert "flood" in english_forms("floods")
    assert "city" in english_forms("cities")
    assert "drop" in english_forms("dropped")
    assert "reduce" in english_forms("reduced")
    assert "make" in english_forms("making")


def test_a_source_word_is_listed_when_a_rendering_is_in_the_translation() -> None:
    table = {"flood": ["洪水"], "decrease": ["減ら"], "bank": ["堤防"]}
    look_up = CjkWordTranslations(table, LoadFigures("test", 3, 0.0), "ja")
    keys = look_up.target_keys("洪水で堤防が壊れた。")
    assert look_up("Floods") & keys
    assert look_up("bank") & keys
    assert not look_up("decreased") & keys
    assert look_up("decreased") & look_up.target_keys("被害を減らした。")
    assert look_up("unknown") == frozenset()


@given(st.text(alphabet="洪水堤防村減らしたがでは", min_size=0, max_size=30))
def test_every_key_found_is_a_substring_of_the_translation(text: str) -> None:
    for key in cjk_substrings(text):
        assert key in text
        assert 2 <= len(key) <= 6


# --------------------------------------------------------------------------- files
def test_installed_files_are_found_and_read(folder: Path, monkeypatch) -> None:
    monkeypatch.setattr(cjkdict, "SYSTEM_FOLDERS", ())
    monkeypatch.delenv(DICTIONARIES_ENV, raising=False)
    edict = find_dictionary("ja", [folder])
    assert edict == CjkDictionaryFile("edict", "ja", folder / "edict")
    forms = {f for e in read_entries(edict) for f in e.forms}
    assert {"洪水", "減らす", "バリア"} <= forms
    cedict = find_dictionary("zh-CN", [folder])
    assert cedict is not None and cedict.name == "cc-cedict"
    assert "农民" in {f for e in read_entries(cedict) for f in e.forms}
    assert find_dictionary("ko", [folder]) is None


def test_a_pair_is_looked_up_through_the_cached_table(folder: Path, tmp_path_factory,
                                                       monkeypatch) -> None:
    monkeypatch.setattr(cjkdict, "SYSTEM_FOLDERS", ())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv(DICTIONARIES_ENV, str(folder))
    look_up = cjk_word_translations("en", "ja")
    assert look_up is not None and look_up.figures.seconds > 0
    assert "洪水" in look_up("flood") and "堤防" in look_up("levees")
    cjkdict._cjk_word_translations.cache_clear()
    cjkdict._loaded.cache_clear()
    again = cjk_word_translations("en", "ja")  # read back from the cache folder
    assert again is not None and again("flood") == look_up("flood")
    # a German source needs a FreeDict dictionary between German and English
    assert cjk_word_translations("de", "ja") is None


def test_no_dictionary_is_no_error_and_the_note_names_the_languages(tmp_path: Path,
                                                                    monkeypatch) -> None:
    monkeypatch.setattr(cjkdict, "SYSTEM_FOLDERS", ())
    monkeypatch.setattr(cjkdict, "CEDICT_PACKAGE", "no_such_package_here")
    monkeypatch.setenv(DICTIONARIES_ENV, str(tmp_path))
    assert cjk_word_translations("en", "ja") is None
    note = cjk_note("en", ["fr", "ja", "zh"])
    assert note is not None and "into ja, zh" in note
    assert cjk_note("en", ["fr"]) is None


# --------------------------------------------------------------------------- through English


def test_a_german_source_reaches_the_japanese_dictionary_through_english(
        folder: Path, tmp_path_factory, monkeypatch) -> None:
    monkeypatch.setattr(cjkdict, "SYSTEM_FOLDERS", ())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv(DICTIONARIES_ENV, str(folder))
    write_dictd(folder, "freedict-deu-eng", {
        "Hochwasser": "Hochwasser <n>\nflood <n>\n   Synonyms: {Flut}\n",
        "Deich": "Deich <m>\nlevee, embankment\n",
    })
    look_up = cjk_word_translations("de", "ja")
    assert look_up is not None
    assert "洪水" in look_up("Hochwassers")  # an ending off, then English, then Japanese
    assert "堤防" in look_up("Deich")
    assert look_up("Xylophon") == frozenset()
    from mtcheck.config import OmissionConfig
    from mtcheck.omission.dictionary import dictionary_signature

    signature = dictionary_signature("de", "ja", OmissionConfig(dictionaries=()))
    assert signature.startswith("edict (") and signature.endswith(" via freedict-deu-eng")


def test_a_spanish_source_reads_an_english_spanish_dictionary_backwards(
        folder: Path, tmp_path_factory, monkeypatch) -> None:
    from mtcheck.omission.pivot import english_pivot

    monkeypatch.setattr(cjkdict, "SYSTEM_FOLDERS", ())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv(DICTIONARIES_ENV, str(folder))
    write_dictd(folder, "freedict-eng-spa", {
        "flood": "flood /flʌd/\ninundación, riada\n",
        "farmer": "farmer\nagricultor\n",
        "village": "village\npueblo pequeño\n",  # two words: no way back to "village"
    })
    pivot = english_pivot("es", (folder,))
    assert pivot is not None
    assert pivot("riadas") == ("flood",)
    assert pivot("inundación") == ("flood",)
    assert pivot("pueblo") == ()
    look_up = cjk_word_translations("es", "zh")
    assert look_up is not None and "农民" in look_up("agricultores")


# --------------------------------------------------------------------------- the check
ENGLISH = [
    "The flood damaged the levees, and the farmers lost their harvest.",
    "The government raised the price of exports, although the farmers protested.",
    "Residents of the village built a barrier, which held back the flood.",
    "The government promised to reduce the damage, and residents welcomed the promise.",
    "Farmers protested against the export price, and the government listened.",
]
JAPANESE = [
    "洪水で堤防が壊れ、農家は収穫を失った。",
    "政府は輸出価格を上げたが、農家は抗議した。",
    "村落の住民はバリアを築き、洪水を食い止めた。",
    "政府は被害を減らすと約束し、住民はその約束を歓迎した。",
    "農家は輸出価格に抗議し、政府は耳を傾けた。",
]


def dictionary_signal(target: list[str], sentence: int) -> float:
    """The largest dictionary evidence over the pieces of one source sentence."""
    from builders import one_to_one, segmented
    from mtcheck.config import OmissionConfig
    from mtcheck.omission import omission_candidates
    from mtcheck.omission.combine import PieceSignals

    trace: list[PieceSignals] = []
    omission_candidates(segmented("en", ENGLISH), segmented("ja", target),
                        one_to_one(len(ENGLISH)), None, OmissionConfig(), trace)
    return max(p.signal("dictionary") for p in trace if p.source_id == sentence)


def test_a_dropped_clause_leaves_its_words_unlisted(folder: Path, tmp_path_factory,
                                                    monkeypatch) -> None:
    monkeypatch.setattr(cjkdict, "SYSTEM_FOLDERS", ())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv(DICTIONARIES_ENV, str(folder))
    dropped = list(JAPANESE)
    dropped[3] = "政府は被害を減らすと約束した。"  # "and residents welcomed the promise" gone
    assert dictionary_signal(dropped, 3) > 0
    assert dictionary_signal(dropped, 3) > dictionary_signal(JAPANESE, 3)


def test_without_a_dictionary_the_signal_is_off(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cjkdict, "SYSTEM_FOLDERS", ())
    monkeypatch.setattr(cjkdict, "CEDICT_PACKAGE", "no_such_package_here")
    monkeypatch.setenv(DICTIONARIES_ENV, str(tmp_path))
    dropped = list(JAPANESE)
    dropped[3] = "政府は被害を減らすと約束した。"
    assert dictionary_signal(dropped, 3) == 0.0


def test_the_cli_finds_edict_in_the_dictionaries_folder_and_notes_chinese_without(
        folder: Path, tmp_path: Path, tmp_path_factory, monkeypatch) -> None:
    from click.testing import CliRunner

    from mtcheck.cli import main

    monkeypatch.setattr(cjkdict, "SYSTEM_FOLDERS", ())
    monkeypatch.setattr(cjkdict, "CEDICT_PACKAGE", "no_such_package_here")
    monkeypatch.delenv(DICTIONARIES_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    (folder / "cedict_1_0_ts_utf-8_mdbg.txt.gz").unlink()
    texts = tmp_path_factory.mktemp("texts")
    (texts / "en.txt").write_text("\n\n".join(ENGLISH) + "\n", encoding="utf-8")
    (texts / "ja.txt").write_text("\n\n".join(JAPANESE) + "\n", encoding="utf-8")
    (texts / "zh.txt").write_text("\n\n".join(JAPANESE) + "\n", encoding="utf-8")
    args = ["evaluate", "--source", str(texts / "en.txt"), "--translation",
            f"ja={texts / 'ja.txt'}", "--translation", f"zh={texts / 'zh.txt'}",
            "--no-backtranslation"]
    result = CliRunner().invoke(main, [*args, "--dictionaries", str(folder)])
    assert result.exit_code in (0, 1), result.output
    notes = [line for line in result.output.splitlines() if "bilingual dictionary" in line]
    assert len(notes) == 1 and "en->zh in" in notes[0]  # ja has EDICT in the folder
    without = CliRunner().invoke(main, args)
    assert "en->ja, zh in" in without.output


def test_a_damaged_cedict_file_is_one_input_error_naming_it(tmp_path: Path) -> None:
    from mtcheck.errors import InputError

    path = tmp_path / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    path.write_bytes(gzip.compress("農民 农民 [nong2 min2] /farmer/\n".encode())[:20])  # cut off
    with pytest.raises(InputError) as raised:
        list(read_entries(CjkDictionaryFile("cc-cedict", "zh", path)))
    assert raised.value.path == str(path)
