"""``mtcheck report``: re-render the pages from a saved results.json."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from mtcheck.cli import main
from mtcheck.report import render_pages
from mtcheck.results import dump_results
from report_fixtures import make_run


def test_report_renders_the_saved_run(tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    results.write_text(dump_results(make_run()), encoding="utf-8")
    out = tmp_path / "html"
    result = CliRunner().invoke(main, ["report", str(results), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 4 pages" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "ja.html", "names.html", "ru.html"]
    # Re-rendering from JSON gives the very pages the run itself renders to.
    expected = render_pages(make_run())
    for name, html in expected.items():
        assert (out / name).read_text(encoding="utf-8") == html, name


def test_report_on_a_broken_results_file_is_one_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "results.json"
    broken.write_text('{"run": ', encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(broken), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert f"mtcheck: error: {broken}: not valid JSON" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_report_on_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    result = CliRunner().invoke(main, ["report", str(missing), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert str(missing) in result.output and "Traceback" not in result.output


def test_report_refuses_dash_as_a_folder(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from mtcheck.cli import main

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["report", "results.json", "--out", "-"])
    assert result.exit_code == 2 and "not a folder" in result.output
    assert not (tmp_path / "-").exists()
