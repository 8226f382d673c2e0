import itertools
import json
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from mtcheck.cli import main


def all_commands() -> list[tuple[str, click.Command]]:
    return sorted(main.commands.items())


@pytest.mark.parametrize(("name", "command"), all_commands())
def test_every_command_has_help_text(name: str, command: click.Command) -> None:
    assert command.help and len(command.help.strip()) > 20, name
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{name} {param.opts} has no help"


def test_main_help_lists_the_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("evaluate", "schema"):
        assert name in result.output


def test_schema_command_prints_json_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert '"title": "mtcheck results"' in result.output


def test_evaluate_needs_an_input() -> None:
    result = CliRunner().invoke(main, ["evaluate"])
    assert result.exit_code == 2
    assert "give a corpus folder" in result.output


def test_evaluate_bad_translation_option() -> None:
    result = CliRunner().invoke(main, ["evaluate", "--source", "x.txt", "--translation", "de"])
    assert result.exit_code == 2
    assert "expected LANG=FILE" in result.output


def test_a_bug_exits_3_not_1(monkeypatch, tmp_path) -> None:
    import mtcheck.pipeline

    def broken(*args, **kwargs):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(mtcheck.pipeline, "evaluate", broken)
    source = tmp_path / "en.txt"
    source.write_text("Hello world.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "--source", str(source), "--translation",
                                       f"de={source}", "--no-backtranslation"])
    assert result.exit_code == 3
    assert "internal error" in result.output


def test_readme_lists_every_check_and_command() -> None:
    from pathlib import Path

    from mtcheck.checks import CHECKS

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for check in CHECKS:
        assert f"`{check}`" in readme, check
    for name in main.commands:
        assert f"mtcheck {name}" in readme, name


# --------------------------------------------------------------------------- CLI and CI
def _corpus(folder: Path, langs: tuple[str, ...] = ("de", "fr")) -> Path:
    """A tiny corpus folder with a manifest, references for every language."""
    texts = {
        "en": "The minister arrived in Tehran.\n\nShe met the president on Monday.\n",
        "de": "Der Minister kam in Teheran an.\n\nSie traf am Montag den Präsidenten.\n",
        "fr": "Le ministre est arrivé à Téhéran.\n\nElle a rencontré le président lundi.\n",
    }
    folder.mkdir(parents=True)
    (folder / "source.en.txt").write_text(texts["en"], encoding="utf-8")
    lines = ["[document]", f'id = "{folder.name}"', 'source_language = "en"',
             'source = "source.en.txt"', "", "[translations]"]
    for lang in langs:
        (folder / f"{lang}.txt").write_text(texts[lang], encoding="utf-8")
        lines.append(f'{lang} = "{lang}.txt"')
    lines += ["", "[references]"] + [f'{lang} = "{lang}.txt"' for lang in langs]
    (folder / "manifest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _evaluate(*args: str) -> Any:
    return CliRunner().invoke(main, ["evaluate", *args, "--no-backtranslation"])


def test_out_dash_is_refused_before_any_work(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = _corpus(tmp_path / "doc")
    result = _evaluate(str(corpus), "--out", "-")
    assert result.exit_code == 2
    assert "--json" in result.output
    assert not (tmp_path / "-").exists()


def test_json_summary_is_the_only_thing_on_stdout(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "doc")
    config = tmp_path / "gate.toml"
    config.write_text('[gate.defaults]\n"findings.error.max" = 10\n', encoding="utf-8")
    result = _evaluate(str(corpus), "--json", "--gate", "--config", str(config))
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    (run,) = summary["runs"]
    assert run["document_id"] == "doc" and summary["passed"] is True
    langs = {lang["lang"]: lang for lang in run["languages"]}
    assert set(langs) == {"de", "fr"}
    bleu = next(s for s in langs["de"]["scores"] if s["metric"] == "BLEU")
    assert bleu["kind"] == "reference" and bleu["value"] == 100.0
    assert langs["de"]["gate"] == "pass"
    # the gate's console summary went to stderr, not into the JSON
    assert "mtcheck gate passed" in result.stderr


def test_json_and_github_annotations_are_refused_together(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "doc")
    result = _evaluate(str(corpus), "--json", "--gate", "--github-annotations")
    assert result.exit_code == 2 and "stdout" in result.output


def test_several_corpora_each_get_a_subfolder(tmp_path: Path) -> None:
    first = _corpus(tmp_path / "in" / "first")
    second = _corpus(tmp_path / "in" / "second", langs=("fr",))
    out = tmp_path / "out"
    result = _evaluate(str(first), str(second), "--out", str(out), "--json", "--quiet")
    assert result.exit_code == 0, result.output
    assert [run["document_id"] for run in json.loads(result.stdout)["runs"]] == [
        "first", "second"]
    assert (out / "first" / "results.json").is_file()
    assert (out / "first" / "de.html").is_file()
    assert (out / "second" / "index.html").is_file()
    assert not (out / "second" / "de.html").exists()


def test_several_corpora_with_one_bad_write_nothing(tmp_path: Path) -> None:
    good = _corpus(tmp_path / "good")
    out = tmp_path / "out"
    result = _evaluate(str(good), str(tmp_path / "missing"), "--out", str(out))
    assert result.exit_code == 2
    assert "missing" in result.output
    assert not out.exists()


def test_several_corpora_with_the_same_name_are_refused(tmp_path: Path) -> None:
    a = _corpus(tmp_path / "a" / "doc")
    b = _corpus(tmp_path / "b" / "doc")
    result = _evaluate(str(a), str(b), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and "'doc'" in result.output


def test_evaluate_help_documents_several_corpora_and_json() -> None:
    result = CliRunner().invoke(main, ["evaluate", "--help"])
    text = " ".join(result.output.split())
    assert "one or more corpus folders" in text
    assert "gets its own subfolder" in text
    assert "--json" in text


def test_align_source_language_defaults_to_english_like_evaluate(tmp_path: Path) -> None:
    source = tmp_path / "en.txt"
    target = tmp_path / "de.txt"
    source.write_text("One.\nTwo.\n", encoding="utf-8")
    target.write_text("Eins.\nZwei.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["align", str(source), str(target), "--tgt-lang", "de",
                                       "--segmented"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["[0]:[0]:0.000000", "[1]:[1]:0.000000"] or \
        result.stdout.startswith("[0]:[0]")
    align = main.commands["align"]
    evaluate = main.commands["evaluate"]
    defaults = {p.name: p.default for c in (align, evaluate) for p in c.params}
    assert defaults["src_lang"] == defaults["source_lang"] == "en"


def test_align_help_keeps_each_example_command_whole() -> None:
    """Every example line is a command or continues one after a backslash."""
    result = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["align", "--help"])
    lines = result.output.splitlines()
    start = lines.index("  Examples:")
    examples = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        examples.append(line)
    assert examples
    for previous, line in itertools.pairwise(examples):
        assert line.strip().startswith("mtcheck ") or previous.endswith("\\"), examples
    assert any("--gold dev.defr" in line for line in examples)


def test_gate_lang_with_baseline_compares_only_languages_in_scope(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "doc")
    config = tmp_path / "gate.toml"
    config.write_text('[gate.defaults]\n"findings.error.max" = 10\n'
                      '[gate.baseline]\n"max_drop.reference.chrF" = 1.0\n', encoding="utf-8")
    out = tmp_path / "full"
    assert _evaluate(str(corpus), "--out", str(out), "--quiet").exit_code == 0
    baseline = str(out / "results.json")
    result = _evaluate(str(corpus), "--lang", "de", "--gate", "--config", str(config),
                       "--baseline", baseline)
    assert result.exit_code == 0, result.output
    assert "missing from this run" not in result.output
    assert "max_drop.reference.chrF" in result.output or "baseline" in result.output
    # the same through `mtcheck gate --lang`
    gated = CliRunner().invoke(main, ["gate", baseline, "--config", str(config), "--lang", "de",
                                      "--baseline", baseline])
    assert gated.exit_code == 0, gated.output
    assert "missing from this run" not in gated.output
    # without a selection a language that disappeared is still reported
    only_de = tmp_path / "only-de"
    assert _evaluate(str(corpus), "--lang", "de", "--out", str(only_de),
                     "--quiet").exit_code == 0
    full = CliRunner().invoke(main, ["gate", str(only_de / "results.json"), "--config",
                                     str(config), "--baseline", baseline])
    assert "missing from this run" in full.output
