"""``mtcheck compare`` from the command line: results files, translation files, HTML page."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gate_fixtures import standard_run
from mtcheck.cli import main
from mtcheck.results import dump_results
from test_compare import _with_german

HOSTILE = '<img src=x onerror=alert(1)>'


def _results(tmp_path: Path) -> tuple[Path, Path]:
    baseline = standard_run(tmp_path / "a")
    system = _with_german(baseline, tmp_path / "b", every=3)
    a, b = tmp_path / "a.json", tmp_path / f"{HOSTILE}.json"
    a.write_text(dump_results(baseline), encoding="utf-8")
    b.write_text(dump_results(system), encoding="utf-8")
    return a, b


def test_compare_two_results_files_prints_the_table_and_writes_html(tmp_path: Path) -> None:
    a, b = _results(tmp_path)
    page = tmp_path / "compare.html"
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "--html", str(page)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"A (baseline): {a}")
    assert "p (bootstrap)" in result.stdout and "p (approx. rand.)" in result.stdout
    html = page.read_text(encoding="utf-8")
    assert HOSTILE not in html and "&lt;img src=x" in html
    assert 'id="compare-de"' in html and 'id="compare-fr"' in html
    assert html.count('class="sig-mark"') >= 2


def test_compare_lang_limits_the_table(tmp_path: Path) -> None:
    a, b = _results(tmp_path)
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "--lang", "FR"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line[:3] in ("de ", "fr ")]
    assert rows and all(line.startswith("fr ") for line in rows)


def test_compare_two_translation_files(tmp_path: Path) -> None:
    source = tmp_path / "source.en.txt"
    source.write_text("The minister arrived in Tehran on Monday.\n\nShe met the president.\n\n"
                      "They discussed trade and energy.\n", encoding="utf-8")
    good = tmp_path / "a.de.txt"
    good.write_text("Der Minister kam am Montag in Teheran an.\n\nSie traf den Präsidenten.\n\n"
                    "Sie sprachen über Handel und Energie.\n", encoding="utf-8")
    bad = tmp_path / "b.de.txt"
    bad.write_text("Minister Montag.\n\nPräsident.\n\nHandel.\n", encoding="utf-8")
    result = CliRunner().invoke(main, [
        "compare", str(good), str(bad), "--source", str(source), "--lang", "de",
        "--reference", str(good), "--no-backtranslation", "--resamples", "200"])
    assert result.exit_code == 0, result.output
    bleu = next(line for line in result.stdout.splitlines() if line.startswith("de    BLEU"))
    assert "100.00" in bleu


def test_compare_files_need_one_language(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", "a.txt", "b.txt", "--source", "s.txt"])
    assert result.exit_code == 2 and "--lang" in result.output


def test_compare_different_sources_exit_2(tmp_path: Path) -> None:
    a, _ = _results(tmp_path)
    other = standard_run(tmp_path / "other", count=12)
    c = tmp_path / "c.json"
    c.write_text(dump_results(other), encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(a), str(c)])
    assert result.exit_code == 2 and "same source" in result.output


def test_compare_html_dash_refused(tmp_path: Path) -> None:
    a, b = _results(tmp_path)
    result = CliRunner().invoke(main, ["compare", str(a), str(b), "--html", "-"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_docs_comparison_table_is_what_the_command_prints(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/reports.md's example table comes from the command it names."""
    root = Path(__file__).resolve().parent.parent
    corpus = root / "corpora" / "shoigu-visits-iran"
    if not (corpus / "manifest.toml").exists():
        pytest.skip("demo corpus not present")
    doc = (root / "docs" / "reports.md").read_text(encoding="utf-8")
    section = doc[doc.index("## Comparing two systems"):]
    block = section[section.index("```text\n") + 8:]
    documented = [line for line in block[:block.index("```")].splitlines()
                  if line.startswith("de ")]
    german = (corpus / "translations" / "de.txt").read_text(encoding="utf-8")
    system = tmp_path / "de-b.txt"
    system.write_text(german.replace("Iran", "Irak").replace("Russland", "Rusland"),
                      encoding="utf-8")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = CliRunner().invoke(main, [
        "compare", str(corpus / "translations" / "de.txt"), str(system),
        "--source", str(corpus / "source.en.txt"), "--lang", "de",
        "--reference", str(corpus / "references" / "de.txt"), "--no-backtranslation"])
    assert result.exit_code == 0, result.output
    printed = [line for line in result.stdout.splitlines() if line.startswith("de ")]
    assert documented and printed == documented
