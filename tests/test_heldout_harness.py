"""The held-out harness's matching and counting, on small hand-made cases."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "heldout.py"
_SPEC = importlib.util.spec_from_file_location("heldout", _PATH)
assert _SPEC and _SPEC.loader
heldout = importlib.util.module_from_spec(_SPEC)
sys.modules["heldout"] = heldout
_SPEC.loader.exec_module(heldout)

Flag = heldout.Flag
GoldError = heldout.GoldError
DECLARED = ("names.missing", "names.inconsistent", "numbers.mismatch", "align.omission",
            "align.partial-omission")


def flag(check: str, *indices: int, text: str = "", targets: tuple[int, ...] = ()) -> object:
    return Flag(check, frozenset(indices), text, frozenset(targets))


def test_nonempty_line_index_skips_blank_lines() -> None:
    assert heldout.nonempty_line_index("Title\n\nOne.\nTwo.\n\nThree.\n") == {1: 0, 3: 1, 4: 2, 6: 3}


@pytest.mark.parametrize(("entity", "text", "expected"), [
    ("6.6 million", "6.6 million in the source, 6,9 млн in the translation", True),
    ("6.6 million", "6,9 млн in the translation", False),
    ("1,200", "1200 is 2100 here", True),
    ("24,500", "24 500 -> 42 500", True),
    ("Aguirre Paredes", "auto-3 | Rodrigo Aguirre Paredes", True),
    ("Aguirre Paredes", "Villalobos is missing", False),
    ("María Fernanda Villalobos", "maria fernanda villalobos", True),
    ("H&M", "H&M (sentence #12 of the source) is not in the translation", True),
    ("H&M", "HM Group is not in the translation", False),
    ("H&M", "SH&MX is not in the translation", False),
    (None, "anything", True),
])
def test_entity_matches(entity: str | None, text: str, expected: bool) -> None:
    assert heldout.entity_matches(entity, text) is expected


def test_strict_matching_needs_check_sentence_and_entity() -> None:
    errors = [
        GoldError("ru", "name-dropped", "names.missing", 3, "Adeyemi"),
        GoldError("ru", "number-changed", "numbers.mismatch", 5, "6.6 million"),
        GoldError("ru", "sentence-dropped", "align.omission", 7, None),
        GoldError("de", "clause-dropped", "clause-omission", 2, None),
    ]
    flags = {
        "source": [flag("names.source-inconsistent", 1)],  # never judged
        "ru": [
            flag("names.missing", 3, text="Adeyemi"),  # true
            flag("names.missing", 5, text="Adeyemi"),  # right check, wrong sentence -> on edited 5
            flag("numbers.mismatch", 4, text="6.6 million"),  # wrong sentence, unedited -> false
            flag("align.omission", 7),  # true
            flag("names.inconsistent", 9, text="Bolivia"),  # unedited -> false
        ],
        "de": [
            flag("align.omission", 2),  # whole-sentence omission is not a clause drop: other
            flag("align.partial-omission", 2),  # an undeclared-kind gold accepts omission checks
        ],
    }
    score = heldout.score_planted(errors, flags, DECLARED)
    assert score.recall() == (3, 4)
    assert score.recall(lang="ru") == (2, 3)
    assert score.recall(kind="number-changed") == (0, 1)
    assert score.recall(kind="clause-dropped") == (1, 1)
    assert [e.kind for e in score.missed] == ["number-changed"]
    assert (score.true_flags, score.false_flags, score.other_on_edited) == (3, 2, 2)
    assert score.false_by_check == {"names.inconsistent": 1, "numbers.mismatch": 1}
    assert score.precision == pytest.approx(3 / 5)


def test_declared_check_is_matched_exactly() -> None:
    error = GoldError("fr", "name-replaced", "names.missing", 1, "Quispe",
                      also_accept=("names.replaced",))
    assert heldout.check_accepted(error, "names.replaced", DECLARED)
    assert not heldout.check_accepted(error, "names.inconsistent", DECLARED)
    assert not heldout.check_accepted(error, "align.partial-omission", DECLARED)


def test_count_clean_per_100_and_justified_alignment_flags() -> None:
    flags = {
        "source": [flag("names.source-inconsistent", 0)],
        "fr": [flag("names.missing", 1), flag("align.omission", 4), flag("align.omission", 6),
               flag("align.addition", targets=(8,)), flag("align.addition", targets=(9,))],
        "de": [flag("numbers.mismatch", 2)],
    }
    count = heldout.count_clean("tiny", 10, flags, untranslated=frozenset({4}),
                                unsourced={"fr": frozenset({8})})
    assert count.pairs == 20
    assert count.by_check == {"align.addition": 1, "align.omission": 1, "names.missing": 1,
                              "numbers.mismatch": 1}
    assert count.justified == {"align.addition": 1, "align.omission": 1}
    assert count.source_by_check == {"names.source-inconsistent": 1}
    assert count.per100(count.group_total("names")) == pytest.approx(5.0)
    assert count.group_total("alignment") == 2
    assert count.by_lang == {"de": 1, "fr": 3}


def test_bleualign_paragraphs_keep_headings_alone_and_both_sides_full() -> None:
    source = ["Chronik 1956", "Eins.", "Zwei.", "Drei.", "Vier."]
    beads = [([0], [0]), ([1], [1]), ([2], []), ([3], [2]), ([4], [3])]
    paragraphs = heldout.bleualign_paragraphs(beads, source, max_sentences=2)
    assert paragraphs == [[([0], [0])], [([1], [1]), ([2], [])], [([3], [2]), ([4], [3])]]
    lonely = heldout.bleualign_paragraphs([([0], [0]), ([1], [])], ["Titel", "Satz."],
                                          max_sentences=1)
    assert lonely == [[([0], [0]), ([1], [])]]


# ----------------------------------------------------------------------------- the data itself
_ROOT = Path(__file__).resolve().parents[1]
_PLANTED = sorted((_ROOT / "corpora" / "planted").glob("*/gold.json"))
_KINDS = {"name-variant", "multiword-name-variant", "name-dropped", "name-replaced",
          "name-untranslated", "number-changed", "number-scale", "regional-variant-mix",
          "sentence-dropped", "clause-dropped"}


def _build_planted() -> object:
    spec = importlib.util.spec_from_file_location("build_planted",
                                                  _ROOT / "benchmarks" / "build_planted.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_clean_documents_are_line_aligned() -> None:
    import tomllib

    for manifest in sorted((_ROOT / "corpora" / "clean").glob("*/manifest.toml")):
        data = tomllib.loads(manifest.read_text("utf-8"))
        source = (manifest.parent / data["document"]["source"]).read_text("utf-8")
        shape = [bool(line.strip()) for line in source.split("\n")]
        for lang, rel in data["translations"].items():
            text = (manifest.parent / rel).read_text("utf-8")
            assert [bool(line.strip()) for line in text.split("\n")] == shape, (manifest, lang)


def test_planted_copies_match_their_gold_files() -> None:
    assert _build_planted().main(["--check"]) == 0


@pytest.mark.parametrize("gold", _PLANTED, ids=lambda p: p.parent.name)
def test_gold_errors_are_well_formed(gold: Path) -> None:
    import json

    from mtcheck.checks import CHECKS

    errors = json.loads(gold.read_text("utf-8"))["errors"]
    clean = gold.parent / json.loads(gold.read_text("utf-8"))["clean"]
    for error in errors:
        assert error["kind"] in _KINDS
        assert error["expected_check"] in CHECKS
        assert (error["entity"] is None) == (error["kind"] in {"sentence-dropped", "clause-dropped"})
        if error["kind"] == "clause-dropped":
            lines = [line for line in (clean / "translations" / f"{error['lang']}.txt")
                     .read_text("utf-8").split("\n") if line.strip()]
            sentence = lines[error["source_sentence"]]
            removed = len(error["edit"]["old"]) - len(error["edit"]["new"])
            assert removed >= 0.3 * len(sentence), error
            assert error["position"] in {"first", "second"}


def test_merged_counts_weigh_every_translated_sentence() -> None:
    small = heldout.count_clean("a", 10, {"de": [flag("names.missing", 1)], "fr": []})
    large = heldout.count_clean("b", 20, {"ru": [flag("names.missing", 2), flag("numbers.mismatch", 3)]})
    merged = heldout.merge_counts("all", [small, large])
    assert merged.pairs == 40
    assert merged.by_check == {"names.missing": 2, "numbers.mismatch": 1}
    assert merged.by_lang == {"de": 1, "ru": 2}
    assert merged.per100(merged.group_total("names")) == pytest.approx(5.0)
