"""The bilingual-dictionary reader and its word support, on tiny dictd files written here."""

import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dictd_fixtures import b64, write_dictd
from mtcheck.omission import dictionary
from mtcheck.omission.dictionary import (
    DictdDictionary,
    LanguageRules,
    dictionary_note,
    find_route,
    key_of,
    keys_of,
    lookup_form,
    parse_entry,
    route_for,
    target_keys,
)

# Entries in the shapes FreeDict's sources write them: WikDict (numbered senses, definitions
# in the source language), Ding (one sense an entry, synonyms and "see" lines indented), and
# the older hand-made ones (a blank line, then the translations).
DEU_FRA = {
    "Gipfel": "Gipfel /ˈɡɪp͡fl̩/ <n, masc>\n1. sommet 2.\nhöchste Stelle eines Berges\n 3.\n"
              "politisches Gipfeltreffen\n2. comble\nHöhepunkt einer Leistung\n",
    "Expedition": "Expedition /ɛkspediˈt͡si̯oːn/ <n, fem>\nexpédition\ndas Fertigmachen\n",
    "umkehren": "umkehren /ˈʊmˌkeːʁən/ <v>\nretourner\ndie Bewegungsrichtung ändern\n",
    "Zunge": "Zunge /ˈt͡sʊŋə/ <n, fem>\nlangue\nOrgan im Mund\n",
    "Entscheidung": "Entscheidung <n, fem>\ndécision\nResultat einer Wahl\n",
}
DEU_ENG = {
    "Gipfel": "Gipfel /ɡˈɪpfəl/ <masc, n, sg>\nsummit <n>\n   Synonyms: {Spitze}\n\n see: {Gipfel}\n",
    "Haus": "Haus /haʊ̯s/ <n>\n [Bauwesen] house <n>\n   Synonym: {Gebäude}\n",
}
ENG_FRA = {
    "summit": "summit /sʌmit/\n1. bout, cime, sommet\n2. comble, faîte\n",
    "house": "house /haus/\n\nmaison  (le bâtiment), demeure\n",
}




@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    write_dictd(tmp_path, "freedict-deu-fra", DEU_FRA)
    write_dictd(tmp_path, "freedict-deu-eng", DEU_ENG)
    write_dictd(tmp_path, "freedict-eng-fra", ENG_FRA)
    return tmp_path


# --------------------------------------------------------------------------- entries
def test_numbered_senses_are_translations_and_definitions_are_not() -> None:
    assert parse_entry(DEU_FRA["Gipfel"]) == ("sommet", "comble")


def test_indented_synonyms_and_see_lines_are_left_out() -> None:
    assert parse_entry(DEU_ENG["Gipfel"]) == ("summit",)
    assert parse_entry(DEU_ENG["Haus"]) == ("house",)  # the usage label is dropped


def test_an_entry_after_a_blank_line_keeps_its_translations_without_glosses() -> None:
    assert parse_entry(ENG_FRA["house"]) == ("maison", "demeure")


# --------------------------------------------------------------------------- files
@pytest.mark.parametrize("dictzip", [False, True])
def test_every_headword_reads_its_own_entry(tmp_path: Path, dictzip: bool) -> None:
    files = write_dictd(tmp_path, "freedict-deu-fra", DEU_FRA, dictzip=dictzip, chunk=40)
    read = DictdDictionary(files)
    assert read.figures.headwords == len(DEU_FRA)
    for head, entry in DEU_FRA.items():
        assert read.translations(head.lower()) == parse_entry(entry)
    assert read.translations("fehlt") == ()
    assert "zunge" in read and "zung" not in read


def test_a_headword_with_several_entries_gets_all_their_translations(tmp_path: Path) -> None:
    files = write_dictd(tmp_path, "freedict-deu-eng", DEU_ENG)
    lines = files.index.read_text(encoding="utf-8")
    extra = "Gipfel /x/\npinnacle <n>\n"
    # a second entry of the same headword, after the others in the text
    text = gzip.decompress(files.data.read_bytes()) + extra.encode()
    files.data.write_bytes(gzip.compress(text))
    line = f"gipfel\t{b64(len(text) - len(extra.encode()))}\t{b64(len(extra.encode()))}\n"
    files.index.write_text("".join(sorted([*lines.splitlines(keepends=True), line])),
                           encoding="utf-8")
    assert set(DictdDictionary(files).translations("gipfel")) == {"summit", "pinnacle"}


# --------------------------------------------------------------------------- look-up forms
def test_inflected_and_compound_words_find_their_headword() -> None:
    heads = frozenset({"gipfel", "zunge", "entscheidung"})
    german = LanguageRules(("en", "es", "s", "e", "n"), compounding=True)
    assert lookup_form("gipfels", heads, german) == "gipfel"
    assert lookup_form("entscheidungen", heads, german) == "entscheidung"
    assert lookup_form("gletscherzunge", heads, german) == "zunge"
    assert lookup_form("gletscherzungen", heads, german) == "zunge"
    # a language that does not compound is not split into known last parts
    assert lookup_form("gletscherzunge", heads, LanguageRules(("s",), False)) is None


def test_short_stems_come_from_endings_only_never_from_compound_parts() -> None:
    rules = LanguageRules(("e",), compounding=True)
    assert lookup_form("tage", frozenset({"tag"}), rules) == "tag"
    assert lookup_form("feiertag", frozenset({"tag"}), rules) is None  # "tag": 3 letters
    assert lookup_form("ta", frozenset({"t"}), LanguageRules(("a",), True)) is None


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàç", min_size=1, max_size=12))
def test_a_word_is_always_found_by_its_own_key(word: str) -> None:
    assert key_of(word) in keys_of(word)
    assert key_of(word + "s") in keys_of(word + "s")


def test_inflected_target_forms_share_the_key_of_the_dictionary_form() -> None:
    assert key_of("sommet") in keys_of("sommets")
    assert key_of("décision") in keys_of("décisions")
    assert key_of("retourner") in keys_of("retournèrent")
    assert key_of("expédition") in keys_of("l'expédition")
    assert key_of("eau") not in keys_of("eaucoup")  # a short word matches itself only


# --------------------------------------------------------------------------- routes
def test_a_direct_dictionary_is_preferred_and_looks_up_inflected_words(folder: Path) -> None:
    route = find_route("de", "fr", [folder])
    assert route is not None and route.name == "freedict-deu-fra"
    look_up = dictionary.WordTranslations(route)
    assert look_up("Gipfels") == frozenset({key_of("sommet"), key_of("comble")})
    assert look_up("Gletscherzunge") == frozenset({key_of("langue")})
    assert look_up("Xylophon") == frozenset()


def test_a_pair_without_its_own_dictionary_goes_through_english(folder: Path) -> None:
    (folder / "freedict-deu-fra.index").unlink()
    route = find_route("de", "fr", [folder])
    assert route is not None and route.name == "freedict-deu-eng + freedict-eng-fra"
    look_up = dictionary.WordTranslations(route, frozenset({"le"}))
    assert key_of("sommet") in look_up("Gipfel")
    assert look_up("Haus") == frozenset({key_of("maison"), key_of("demeure")})
    assert find_route("de", "fr", [folder], pivot=False) is None


def test_no_dictionary_is_no_error_and_the_note_names_the_pairs(folder: Path,
                                                                  monkeypatch) -> None:
    from mtcheck.omission import cjkdict

    monkeypatch.delenv(dictionary.DICTIONARIES_ENV, raising=False)
    monkeypatch.setattr(cjkdict, "SYSTEM_FOLDERS", ())  # no EDICT: ja has no dictionary
    assert route_for("de", "ja", [str(folder)]) is None
    assert route_for("xx", "fr", [str(folder)]) is None
    note = dictionary_note("de", ["fr", "ja", "ko"], [str(folder)])
    assert note is not None and "de->ja, ko in " in note
    assert dictionary_note("de", ["fr"], [str(folder)]) is None


def test_the_environment_names_folders_searched_first(folder: Path, tmp_path_factory,
                                                      monkeypatch) -> None:
    empty = tmp_path_factory.mktemp("empty")
    assert route_for("de", "fr", [str(empty)]) is None
    monkeypatch.setenv(dictionary.DICTIONARIES_ENV, str(folder))
    assert route_for("de", "fr", [str(empty)]) is not None


def test_target_keys_cover_every_word_of_the_translation() -> None:
    keys = target_keys("Les sommets furent atteints après l'expédition.")
    assert {key_of("sommet"), key_of("expédition"), key_of("atteints")} <= keys


# --------------------------------------------------------------------------- the stage
ENG_DEU = {
    "link": "link /lɪŋk/\nverbinden <v>\n",
    "capitals": "capitals /ˈkæpɪtlz/\nHauptstädte <pl>\n",
    "railway": "railway /ˈreɪlweɪ/\nEisenbahn <f>, Eisenbahnlinie <f>\n",
    "diplomatic": "diplomatic /ˌdɪpləˈmætɪk/\ndiplomatisch <adj>\n",
    "priorities": "priorities /praɪˈɒrətiz/\nPrioritäten <pl>\n",
    "minister": "minister /ˈmɪnɪstə/\nMinister <m>\n",
    "visit": "visit /ˈvɪzɪt/\nBesuch <m>\n",
    "talks": "talks /tɔːks/\nGespräche <pl>\n",
    "president": "president /ˈprezɪdənt/\nPräsident <m>\n",
    "trade": "trade /treɪd/\nHandel <m>\n",
    "energy": "energy /ˈenədʒi/\nEnergie <f>\n",
    "agreements": "agreements /əˈɡriːmənts/\nAbkommen <pl>\n",
    "meeting": "meeting /ˈmiːtɪŋ/\nTreffen <n>\n",
    "evening": "evening /ˈiːvnɪŋ/\nAbend <m>\n",
    "museum": "museum /mjuˈziːəm/\nMuseum <n>\n",
    "statement": "statement /ˈsteɪtmənt/\nErklärung <f>\n",
    "week": "week /wiːk/\nWoche <f>\n",
    "atmosphere": "atmosphere /ˈætməsfɪə/\nAtmosphäre <f>\n",
}


def test_a_clause_whose_dictionary_translations_are_missing_is_evidence(tmp_path: Path,
                                                                        monkeypatch) -> None:
    import dataclasses

    from builders import one_to_one, segmented
    from mtcheck.config import OmissionConfig
    from mtcheck.omission import omission_candidates
    from mtcheck.omission.combine import PieceSignals
    from omission_fixtures import CLAUSE_DROPPED, GERMAN, GERMAN_WITHOUT_CLAUSE, SOURCE

    write_dictd(tmp_path, "freedict-eng-deu", ENG_DEU, dictzip=True)
    monkeypatch.setenv(dictionary.DICTIONARIES_ENV, str(tmp_path))
    config = dataclasses.replace(OmissionConfig(), dictionaries=(), dictionary=1.0)
    clause = SOURCE[CLAUSE_DROPPED].index("which will link")

    def dictionary_signal(target: list[str]) -> float:
        trace: list[PieceSignals] = []
        omission_candidates(segmented("en", SOURCE), segmented("de", target),
                            one_to_one(len(SOURCE)), None, config, trace)
        return max(p.signal("dictionary") for p in trace
                   if p.source_id == CLAUSE_DROPPED and p.start <= clause < p.end)

    assert dictionary_signal(GERMAN_WITHOUT_CLAUSE) > 1.0
    assert dictionary_signal(GERMAN) <= 0.0
    # without the dictionary the signal is off, and nothing fails
    monkeypatch.setenv(dictionary.DICTIONARIES_ENV, str(tmp_path / "none"))
    assert dictionary_signal(GERMAN_WITHOUT_CLAUSE) == 0.0


def test_the_cli_searches_dictionaries_first_and_notes_the_pairs_without(
        tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from mtcheck.cli import main
    from omission_fixtures import GERMAN, SOURCE

    monkeypatch.delenv(dictionary.DICTIONARIES_ENV, raising=False)
    folder = tmp_path / "dicts"
    folder.mkdir()
    write_dictd(folder, "freedict-eng-deu", ENG_DEU)
    (tmp_path / "en.txt").write_text("\n\n".join(SOURCE) + "\n", encoding="utf-8")
    (tmp_path / "de.txt").write_text("\n\n".join(GERMAN) + "\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("\n\n".join(GERMAN) + "\n", encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text("[omission]\ndictionary = 0.5\ndictionaries = []\n", encoding="utf-8")
    args = ["evaluate", "--source", str(tmp_path / "en.txt"), "--translation",
            f"de={tmp_path / 'de.txt'}", "--translation", f"fr={tmp_path / 'fr.txt'}",
            "--no-backtranslation", "--config", str(config)]
    result = CliRunner().invoke(main, [*args, "--dictionaries", str(folder)])
    assert result.exit_code in (0, 1), result.output
    notes = [line for line in result.output.splitlines() if "bilingual dictionary" in line]
    assert len(notes) == 1 and "en->fr in" in notes[0]  # de has its dictionary
    without = CliRunner().invoke(main, args)
    assert "en->de, fr in" in without.output
    out = tmp_path / "out"
    recorded = CliRunner().invoke(main, [*args, "--dictionaries", str(folder), "--no-report",
                                         "--out", str(out)])
    assert recorded.exit_code in (0, 1), recorded.output
    import json

    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    signature = results["run"]["signature"]
    assert list(signature["dictionaries"]) == ["de"]  # fr had none to read
    assert signature["dictionaries"]["de"].startswith("freedict-eng-deu (")


def test_a_run_signature_names_the_dictionaries_the_check_read(folder: Path,
                                                                monkeypatch) -> None:
    from mtcheck.config import OmissionConfig

    monkeypatch.delenv(dictionary.DICTIONARIES_ENV, raising=False)
    config = OmissionConfig(dictionary=0.5, dictionaries=(str(folder),))
    size = (folder / "freedict-deu-fra.index").stat().st_size
    assert dictionary.dictionary_signature("de", "fr", config) == (
        f"freedict-deu-fra ({size} bytes)")
    (folder / "freedict-deu-fra.index").unlink()
    assert dictionary.dictionary_signature("de", "fr", config).startswith(
        "freedict-deu-eng (")  # through English, both files named
    assert " + freedict-eng-fra (" in dictionary.dictionary_signature("de", "fr", config)
    assert dictionary.dictionary_signature("xx", "fr", config) == ""  # none installed
    unweighed = OmissionConfig(dictionary=0.0, dictionary_unspaced=0.0,
                               dictionaries=(str(folder),))
    assert dictionary.dictionary_signature("de", "fr", unweighed) == ""  # none read


@pytest.mark.parametrize("damage", [b"\x1f\x8b\x08\x00garbage after a gzip magic",
                                    b"\x1f\x8b\x08\x04\x00"])
def test_a_damaged_dictionary_is_one_input_error_naming_its_file(tmp_path: Path,
                                                                 damage: bytes) -> None:
    from mtcheck.errors import InputError

    files = write_dictd(tmp_path, "freedict-deu-fra", DEU_FRA)
    files.data.write_bytes(damage)
    with pytest.raises(InputError) as raised:
        dictionary.DictdDictionary(files).translations("gipfel")
    assert raised.value.path == str(files.data)


def test_the_cli_exits_2_on_a_damaged_dictionary_and_writes_nothing(tmp_path: Path,
                                                                   monkeypatch) -> None:
    from click.testing import CliRunner

    from mtcheck.cli import main

    monkeypatch.delenv(dictionary.DICTIONARIES_ENV, raising=False)
    folder = tmp_path / "dicts"
    folder.mkdir()
    files = write_dictd(folder, "freedict-eng-fra", {"summit": "summit\nsommet\n"})
    files.data.write_bytes(b"\x1f\x8b\x08\x00not deflate data at all")
    (tmp_path / "en.txt").write_text("The summit of the hill is high.\n", encoding="utf-8")
    (tmp_path / "fr.txt").write_text("Le sommet de la colline est haut.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [
        "evaluate", "--source", str(tmp_path / "en.txt"), "--translation",
        f"fr={tmp_path / 'fr.txt'}", "--no-backtranslation", "--no-report",
        "--dictionaries", str(folder), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert str(files.data) in result.output and "Traceback" not in result.output
    assert not out.exists()
