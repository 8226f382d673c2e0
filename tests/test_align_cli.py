"""``mtcheck align`` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mtcheck.cli import main

SOURCE = "Shoigu visits Iran\n\nHe arrived in Tehran on the 5th. He met Bagheri.\n\nTalks ended.\n"
TARGET = "Schoigu besucht Iran\n\nEr kam am 5. in Teheran an und traf Bagheri.\n\nEnde.\n"


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, str]:
    paths = {
        "src": tmp_path / "src.en.txt",
        "tgt": tmp_path / "tgt.de.txt",
        "src_lines": tmp_path / "src.lines",
        "tgt_lines": tmp_path / "tgt.lines",
        "gold": tmp_path / "gold.txt",
        "gold_json": tmp_path / "gold.json",
    }
    paths["src"].write_text(SOURCE, encoding="utf-8")
    paths["tgt"].write_text(TARGET, encoding="utf-8")
    paths["src_lines"].write_text("One 1999.\nTwo 2000.\nThree 2001.\n", encoding="utf-8")
    paths["tgt_lines"].write_text("Eins 1999.\nDrei 2001.\n", encoding="utf-8")
    paths["gold"].write_text("[0]:[0]\n[1]:[]\n[2]:[1]\n", encoding="utf-8")
    paths["gold_json"].write_text(json.dumps({"alignment": [
        {"source": ["Shoigu visits Iran"], "target": ["Schoigu besucht Iran"]},
        {"source": ["He arrived in Tehran on the 5th.", "He met Bagheri."],
         "target": ["Er kam am 5. in Teheran an und traf Bagheri."]},
        {"source": ["Talks ended."], "target": ["Ende."]},
    ]}), encoding="utf-8")
    return {key: str(path) for key, path in paths.items()}


def run(*args: str) -> object:
    return CliRunner().invoke(main, ["align", *args])


def test_documents_in_vecalign_format(files: dict[str, str]) -> None:
    result = run(files["src"], files["tgt"], "--src-lang", "en", "--tgt-lang", "de")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert result.stdout == "[0]:[0]\n[1, 2]:[1]\n[3]:[2]\n"  # type: ignore[attr-defined]


def test_segmented_lines_with_gold_scores(files: dict[str, str]) -> None:
    result = run(files["src_lines"], files["tgt_lines"], "--src-lang", "en", "--tgt-lang", "de",
                 "--segmented", "--gold", files["gold"])
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert result.stdout == "[0]:[0]\n[1]:[]\n[2]:[1]\n"  # type: ignore[attr-defined]
    assert "strict: precision 1.0000 recall 1.0000 F1 1.0000" in result.stderr  # type: ignore[attr-defined]
    assert "lax:    precision 1.0000" in result.stderr  # type: ignore[attr-defined]


def test_gold_json_with_sentence_texts(files: dict[str, str]) -> None:
    result = run(files["src"], files["tgt"], "--src-lang", "en", "--tgt-lang", "de",
                 "--gold", files["gold_json"])
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "strict: precision 1.0000" in result.stderr  # type: ignore[attr-defined]


def test_json_format(files: dict[str, str]) -> None:
    result = run(files["src"], files["tgt"], "--src-lang", "en", "--tgt-lang", "de",
                 "--format", "json")
    document = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert document["aligner"].startswith("mtcheck-align/")
    pair = document["pairs"][1]
    assert pair["kind"] == "2-1"
    assert pair["source"] == ["He arrived in Tehran on the 5th.", "He met Bagheri."]
    assert 0.0 <= pair["confidence"] <= 1.0


def test_tsv_format(files: dict[str, str]) -> None:
    result = run(files["src_lines"], files["tgt_lines"], "--src-lang", "en", "--tgt-lang", "de",
                 "--segmented", "--format", "tsv")
    lines = result.stdout.splitlines()  # type: ignore[attr-defined]
    assert lines[0] == "source_ids\ttarget_ids\tconfidence\tsource\ttarget"
    assert lines[1].split("\t")[3:] == ["One 1999.", "Eins 1999."]
    assert lines[2].split("\t")[:2] == ["1", ""]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "{tgt}", "--src-lang", "en", "--tgt-lang", "de"], "file not found"),
        (["{src}", "{tgt}", "--src-lang", "en", "--tgt-lang", "xx"], "unknown language code 'xx'"),
        (["{src}", "{tgt}", "--src-lang", "en", "--tgt-lang", "de", "--gold", "{src}"],
         "line 1: expected a bead"),
        (["{src_lines}", "{tgt_lines}", "--src-lang", "en", "--tgt-lang", "de", "--segmented",
          "--gold", "{bad_gold}"], "names a sentence beyond the documents"),
    ],
    ids=["missing-file", "unknown-language", "bad-gold", "gold-out-of-range"],
)
def test_bad_input_exits_2_with_one_message(files: dict[str, str], tmp_path: Path,
                                            args: list[str], message: str) -> None:
    bad_gold = tmp_path / "bad.txt"
    bad_gold.write_text("[0]:[0]\n[7]:[1]\n", encoding="utf-8")
    values = {**files, "bad_gold": str(bad_gold)}
    result = run(*[a.format(**values) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


def test_help_describes_the_command() -> None:
    result = CliRunner().invoke(main, ["align", "--help"])
    assert result.exit_code == 0
    assert "--segmented" in result.output and "vecalign" in result.output
