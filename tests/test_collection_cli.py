"""``mtcheck evaluate COLLECTION`` and ``mtcheck glossary learn`` from the command line."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from collection_fixtures import write_article, write_site
from mtcheck.cli import main


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def evaluate(site: Path, out: Path, *extra: str) -> Result:
    return run("evaluate", str(site), "--out", str(out), "--no-backtranslation", *extra)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_one_run_writes_documents_index_names_and_collection_results(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 4, drifting=(4,))
    out = tmp_path / "out"
    result = evaluate(site, out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    for number in range(1, 5):
        folder = out / "documents" / f"article-{number}"
        assert {"results.json", "index.html", "de.html", "fr.html", "names.html"} <= {
            p.name for p in folder.iterdir()}
    collection = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert list(collection) == ["collection_schema_version", "collection"]
    record = collection["collection"]
    assert [d["id"] for d in record["documents"]] == [f"article-{n}" for n in range(1, 5)]
    assert all(len(d["digest"]) == 64 for d in record["documents"])
    (drift,) = record["drift"]
    assert (drift["document"], drift["lang"]) == ("article-4", "fr")
    assert drift["finding"]["check"] == "names.site-drift"
    assert "'Choïgou' in 3 articles" in drift["finding"]["message"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="documents/article-4/fr.html"' in index
    assert index.index("article-4") < index.index("article-1")  # worst (drift) first
    names = (out / "names.html").read_text(encoding="utf-8")
    assert "Choïgou" in names and "Choigou" in names and "names.site-drift" in names


def test_unchanged_documents_are_reused_and_force_reruns(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 3, drifting=())
    out = tmp_path / "out"
    assert evaluate(site, out, "--jobs", "1").exit_code == 0
    first = tree(out)
    again = evaluate(site, out, "--jobs", "1")
    assert "3 unchanged, 0 to run" in again.output
    assert tree(out) == first
    write_article(site / "a2", 2, hours=11)
    changed = evaluate(site, out, "--jobs", "1")
    assert "2 unchanged, 1 to run" in changed.output
    assert "article-2: unchanged" not in changed.output
    results = json.loads((out / "documents" / "article-2" / "results.json").read_text("utf-8"))
    assert "11" in results["run"]["source"]["sentences"][2]["text"]
    # The collection still covers every document.
    record = json.loads((out / "results.json").read_text("utf-8"))["collection"]
    assert len(record["documents"]) == 3
    forced = evaluate(site, out, "--jobs", "1", "--force")
    assert "0 unchanged, 3 to run" in forced.output


def test_changed_config_reruns_everything(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 2, drifting=())
    out = tmp_path / "out"
    assert evaluate(site, out, "--jobs", "1").exit_code == 0
    config = tmp_path / "strict.toml"
    config.write_text("[names]\ncheck_numbers = false\n", encoding="utf-8")
    result = evaluate(site, out, "--jobs", "1", "--config", str(config))
    assert "0 unchanged, 2 to run" in result.output


def test_two_processes_give_the_same_bytes_as_one(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 3)
    assert evaluate(site, tmp_path / "one", "--jobs", "1", "-q").exit_code == 0
    assert evaluate(site, tmp_path / "two", "--jobs", "2", "-q").exit_code == 0
    assert tree(tmp_path / "one") == tree(tmp_path / "two")


@pytest.mark.slow
def test_a_local_ray_gives_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    """Seven documents on two actors: each actor runs some with the next one queued."""
    pytest.importorskip("ray")
    site = write_site(tmp_path / "site", 7)
    assert evaluate(site, tmp_path / "one", "--jobs", "1", "-q").exit_code == 0
    ray = evaluate(site, tmp_path / "ray", "--executor", "ray", "--jobs", "2", "-q")
    assert ray.exit_code == 0, ray.output
    assert tree(tmp_path / "one") == tree(tmp_path / "ray")
    assert len(json.loads((tmp_path / "ray" / "results.json").read_text("utf-8"))
               ["collection"]["documents"]) == 7


def test_gate_junit_has_one_suite_per_document(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 3, drifting=(3,))
    config = tmp_path / "gate.toml"
    config.write_text('[gate.defaults]\n"findings.error.max" = 0\n[checks.severity]\n'
                      '"names.site-drift" = "error"\n', encoding="utf-8")
    junit = tmp_path / "gate.xml"
    result = evaluate(site, tmp_path / "out", "--jobs", "1", "--config", str(config), "--gate",
                      "--junit", str(junit))
    suites = ET.parse(junit).getroot()
    assert [s.get("name") for s in suites] == ["article-1", "article-2", "article-3"]
    assert all(int(s.get("tests", "0")) >= 1 for s in suites)
    # Two other articles are not enough to establish a form (default: 3 articles).
    assert suites.get("failures") == "0"
    assert result.exit_code == 0
    assert "gate: passed" in result.output


def test_drift_as_an_error_fails_the_document_suite(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 4, drifting=(4,))
    config = tmp_path / "gate.toml"
    config.write_text('[gate.defaults]\n"coverage.min" = 0.5\n[checks.severity]\n'
                      '"names.site-drift" = "error"\n', encoding="utf-8")
    junit = tmp_path / "gate.xml"
    result = evaluate(site, tmp_path / "out", "--jobs", "1", "--config", str(config), "--gate",
                      "--junit", str(junit))
    assert result.exit_code == 1
    assert "gate: FAILED (1 document(s): article-4)" in result.output
    suites = {s.get("name"): s for s in ET.parse(junit).getroot()}
    assert suites["article-4"].get("failures") == "1"
    failure = suites["article-4"].find("testcase/failure")
    assert failure is not None and "Choigou" in failure.get("message", "")
    assert suites["article-1"].get("failures") == "0"


def test_collection_manifest_with_shared_config(tmp_path: Path) -> None:
    write_site(tmp_path / "news", 2, drifting=())
    (tmp_path / "shared.toml").write_text('[checks]\ndisabled = ["numbers.mismatch"]\n',
                                          encoding="utf-8")
    manifest = tmp_path / "site.toml"
    manifest.write_text('[collection]\nid = "site"\ndocuments = ["news/*"]\n'
                        'config = "shared.toml"\n', encoding="utf-8")
    result = evaluate(manifest, tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    record = json.loads((tmp_path / "out" / "results.json").read_text("utf-8"))["collection"]
    assert record["id"] == "site"
    assert record["config"].startswith(str(tmp_path / "shared.toml"))


def test_glossary_learn_from_a_run_and_from_the_collection(tmp_path: Path) -> None:
    from mtcheck.names.glossary import load_glossary

    site = write_site(tmp_path / "site", 4, drifting=(4,))
    evaluate(site, tmp_path / "out", "--jobs", "1", "-q")
    learnt = tmp_path / "learnt.toml"
    assert run("glossary", "learn", str(tmp_path / "out"), "-o", str(learnt)).exit_code == 0
    glossary = load_glossary(learnt)
    shoigu = glossary.entry("shoigu")
    assert shoigu is not None
    assert shoigu.expected("fr") == "Choïgou" and shoigu.expected("de") == "Schoigu"
    direct = run("glossary", "learn", str(site), "--jobs", "1")
    assert direct.exit_code == 0
    assert direct.output == learnt.read_text(encoding="utf-8")
    tbx = run("glossary", "learn", str(tmp_path / "out"), "--format", "tbx")
    assert "<martif" in tbx.output and "Choïgou" in tbx.output
    # The learnt glossary feeds back: the drifting article now differs from it.
    config = tmp_path / "with-glossary.toml"
    config.write_text(f'[names]\nglossary = "{learnt.name}"\n', encoding="utf-8")
    back = evaluate(site, tmp_path / "out2", "--jobs", "1", "--config", str(config), "-q")
    assert back.exit_code == 0
    results = json.loads((tmp_path / "out2" / "documents" / "article-4" / "results.json")
                         .read_text("utf-8"))
    french = next(t for t in results["run"]["translations"] if t["lang"] == "fr")
    assert any(f["check"] == "names.glossary" for f in french["findings"])


def test_glossary_learn_on_something_else_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["glossary", "learn", str(tmp_path / "empty")])
    assert result.exit_code == 2
    assert "neither a collection" in result.output


def test_a_broken_document_names_its_file_and_exits_2(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 2, drifting=())
    (site / "a2" / "fr.txt").write_bytes(b"\xff\xfe\x00broken")
    result = CliRunner().invoke(main, ["evaluate", str(site), "--out", str(tmp_path / "out"),
                                       "--no-backtranslation", "--jobs", "1"])
    assert result.exit_code == 2
    assert "article-2" in result.output and "fr.txt" in result.output
    assert not (tmp_path / "out" / "results.json").exists()


def test_collection_needs_out_and_options_need_a_collection(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 2, drifting=())
    result = CliRunner().invoke(main, ["evaluate", str(site), "--no-backtranslation"])
    assert result.exit_code == 2 and "--out" in result.output
    single = CliRunner().invoke(main, ["evaluate", str(site / "a1"), "--jobs", "2",
                                       "--no-backtranslation"])
    assert single.exit_code == 2 and "apply to collections" in single.output


def test_ray_missing_is_one_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    site = write_site(tmp_path / "site", 2, drifting=())
    result = CliRunner().invoke(main, ["evaluate", str(site), "--out", str(tmp_path / "out"),
                                       "--no-backtranslation", "--executor", "ray"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert 'pip install "mtcheck[ray]"' in result.output


def test_progress_draws_rich_bars_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from mtcheck.cli.collection import ProgressEvents
    from mtcheck.collection.discover import DocumentSpec

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    events = ProgressEvents()
    events.planned(2, 1, "local", 1)
    document = DocumentSpec(id="article-9", manifest="", folder="article-9")
    events.document_done(DocumentSpec(id="article-1", manifest="", folder="article-1"), None)
    stage = events.stage_progress(document)
    assert stage is not None
    stage("segmenting", 1, 2)
    events.document_done(document, 1.5)
    events.close()
    import re

    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.getvalue())
    assert "2 documents: 1 unchanged, 1 to run" in drawn
    assert "documents" in drawn and "2/2" in drawn
    assert "[1/2]" not in drawn  # bars, not the plain lines of CI logs


def test_quiet_collection_prints_nothing(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 2, drifting=())
    result = evaluate(site, tmp_path / "out", "--jobs", "1", "-q")
    assert result.exit_code == 0 and result.output == ""
