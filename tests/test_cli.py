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
