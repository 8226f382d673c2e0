"""The collection layer's library: discovery, digests, name memory, export, records."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collection_fixtures import write_article, write_site
from mtcheck.collection.discover import DocumentSpec, MemorySettings, discover, is_collection
from mtcheck.collection.export import to_tbx, to_toml
from mtcheck.collection.incremental import document_digest, settings_digest
from mtcheck.collection.memory import DRIFT_CHECK, learn
from mtcheck.collection.memory import drift as find_drift
from mtcheck.collection.records import CollectionRecord, dump_collection, load_collection
from mtcheck.collection.run import build_record
from mtcheck.collection.summary import DocumentSummary, EntityRenderings, RenderingCount
from mtcheck.config import Config
from mtcheck.errors import InputError
from mtcheck.names.glossary import parse_glossary

# --------------------------------------------------------------------------- discover


def test_a_folder_of_corpus_folders_is_a_collection(tmp_path: Path) -> None:
    write_site(tmp_path / "site", 3)
    assert is_collection(tmp_path / "site")
    assert not is_collection(tmp_path / "site" / "a1")  # one corpus
    spec = discover(tmp_path / "site")
    assert [d.id for d in spec.documents] == ["article-1", "article-2", "article-3"]
    assert spec.documents[0].date == "2024-01-01"


def test_collection_manifest_globs_shared_config_and_memory(tmp_path: Path) -> None:
    write_site(tmp_path / "news", 2)
    write_article(tmp_path / "archive" / "old", 9)
    (tmp_path / "shared.toml").write_text("[checks]\ndisabled = []\n", encoding="utf-8")
    (tmp_path / "names.toml").write_text("", encoding="utf-8")
    manifest = tmp_path / "site.toml"
    manifest.write_text('[collection]\nid = "site"\ndocuments = ["news/*", "archive/*"]\n'
                        'config = "shared.toml"\nglossary = "names.toml"\n'
                        '[memory]\nmin_articles = 5\nmin_share = 0.8\n', encoding="utf-8")
    assert is_collection(manifest)
    spec = discover(manifest)
    assert [d.id for d in spec.documents] == ["article-1", "article-2", "article-9"]
    assert spec.config == str(tmp_path / "shared.toml")
    assert spec.glossary == str(tmp_path / "names.toml")
    assert spec.memory == MemorySettings(min_articles=5, min_share=0.8)


@pytest.mark.parametrize(("text", "problem"), [
    ('[collection]\ndocuments = ["nothing/*"]\n', "matches no document folder"),
    ('[collection]\ndocuments = "a*"\n', "must be a list of glob patterns"),
    ('[collection]\ndocuments = ["a*"]\nfolders = 1\n', "unknown key(s) in [collection]: folders"),
    ('[collection]\ndocuments = ["a*"]\n[memory]\nmin_share = 2\n', "min_share"),
    ('[collection]\ndocuments = ["a*"]\nconfig = "missing.toml"\n', "file not found"),
])
def test_bad_collection_manifest_names_the_file(tmp_path: Path, text: str, problem: str) -> None:
    write_article(tmp_path / "a1", 1)
    manifest = tmp_path / "site.toml"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        discover(manifest)
    assert error.value.path == str(manifest)
    assert problem in error.value.problem


def test_two_documents_with_one_id_are_an_error(tmp_path: Path) -> None:
    write_article(tmp_path / "site" / "x", 1)
    write_article(tmp_path / "site" / "y", 1)
    with pytest.raises(InputError, match="share the id 'article-1'"):
        discover(tmp_path / "site")


# --------------------------------------------------------------------------- digests


def test_digest_changes_with_inputs_config_and_options_only(tmp_path: Path) -> None:
    folder = write_article(tmp_path / "a1", 1)
    document = DocumentSpec(id="article-1", manifest=str(folder / "manifest.toml"), folder="a1")
    shared = settings_digest(Config(), (), gate=False, reports=True)
    first = document_digest(document, shared)
    assert document_digest(document, shared) == first
    (folder / "unrelated.txt").write_text("notes", encoding="utf-8")
    assert document_digest(document, shared) == first
    (folder / "fr.txt").write_text("Autre texte.\n", encoding="utf-8")
    changed = document_digest(document, shared)
    assert changed != first
    assert document_digest(document, settings_digest(Config(), (), gate=True, reports=True)) != changed
    assert document_digest(document, settings_digest(Config(), ("de",), gate=False,
                                                     reports=True)) != changed
    elsewhere = dataclasses.replace(Config(), backtranslation=dataclasses.replace(
        Config().backtranslation, cache_dir=str(tmp_path / "other-cache")))
    assert document_digest(document, settings_digest(elsewhere, (), gate=False,
                                                     reports=True)) == changed


# --------------------------------------------------------------------------- memory


def _summary(doc: str, renderings: dict[str, list[tuple[str, int]]]) -> DocumentSummary:
    return DocumentSummary(document_id=doc, languages=(), names=(EntityRenderings(
        entity="shoigu", canonical="Shoigu", source_forms=("Shoigu",),
        renderings={lang: tuple(RenderingCount(b, n) for b, n in forms)
                    for lang, forms in renderings.items()}),))


def _site(fr_forms: list[str]) -> list[tuple[DocumentSpec, DocumentSummary]]:
    return [(DocumentSpec(id=f"d{i}", manifest="", folder=f"d{i}", date=f"2024-0{i + 1}-01"),
             _summary(f"d{i}", {"fr": [(form, 2)], "de": [("Schoigu", 1)]}))
            for i, form in enumerate(fr_forms)]


def test_memory_counts_articles_mentions_and_dates() -> None:
    memory = learn(_site(["Choïgou", "Choïgou", "Choigou"]))
    (entry,) = memory
    assert entry.articles == 3
    top, other = entry.renderings["fr"]
    assert (top.base, top.articles, top.mentions) == ("Choïgou", 2, 4)
    assert (top.first_seen, top.last_seen) == ("2024-01-01", "2024-02-01")
    assert (other.base, other.documents) == ("Choigou", ("d2",))


def test_drift_flags_the_article_that_differs_from_the_site() -> None:
    documents = _site(["Choïgou"] * 4 + ["Choigou"])
    memory = learn(documents)
    (found,) = find_drift(memory, documents, MemorySettings(min_articles=3, min_share=0.6))
    assert (found.document, found.lang, found.finding.check) == ("d4", "fr", DRIFT_CHECK)
    assert found.finding.expected == "Choïgou"
    assert "'Choïgou' in 4 articles" in found.finding.message
    assert "'Choigou' in this one" in found.finding.message


def test_no_drift_without_an_established_form() -> None:
    documents = _site(["Choïgou", "Choïgou", "Choigou", "Choigou"])
    assert find_drift(learn(documents), documents, MemorySettings(min_articles=2)) == ()
    # Too few articles to call any form established.
    documents = _site(["Choïgou", "Choïgou", "Choigou"])
    assert find_drift(learn(documents), documents, MemorySettings(min_articles=3)) == ()


@given(st.lists(st.sampled_from(["A", "B", "C"]), min_size=1, max_size=12),
       st.integers(min_value=1, max_value=4), st.floats(min_value=0.05, max_value=1.0))
def test_drifting_articles_never_use_the_form_they_are_told_to_use(
        forms: list[str], min_articles: int, min_share: float) -> None:
    documents = _site(forms)
    settings = MemorySettings(min_articles=min_articles, min_share=min_share)
    memory = learn(documents)
    for item in find_drift(memory, documents, settings):
        index = int(item.document[1:])
        assert forms[index] != item.finding.expected
        others = [f for i, f in enumerate(forms) if i != index]
        assert others.count(item.finding.expected or "") >= min_articles


# --------------------------------------------------------------------------- export


def test_learnt_toml_glossary_reads_back_as_a_glossary() -> None:
    documents = _site(["Choïgou"] * 3 + ["Choigou"])
    text = to_toml(learn(documents), MemorySettings(min_articles=2), title="news")
    glossary = parse_glossary(text, "learnt.toml")
    (entry,) = glossary.entries
    assert entry.id == "shoigu" and entry.source_forms == ("Shoigu",)
    assert entry.expected("fr") == "Choïgou" and entry.expected("de") == "Schoigu"
    assert "also seen: 'Choigou' in 1 article" in text


def test_undecided_languages_are_left_for_the_editor() -> None:
    documents = _site(["Choïgou", "Choigou"])
    text = to_toml(learn(documents), MemorySettings(min_articles=3), title="news")
    assert parse_glossary(text, "learnt.toml").entries[0].targets == {}
    assert "# fr = ?" in text


def test_learnt_tbx_is_read_by_translate_toolkit() -> None:
    from translate.storage import tbx

    documents = _site(["Choïgou"] * 3)
    store = tbx.tbxfile.parsestring(to_tbx(learn(documents), MemorySettings()).encode("utf-8"))
    (unit,) = store.units
    assert unit.source == "Shoigu" and unit.getid() == "shoigu"
    text = to_tbx(learn(documents), MemorySettings())
    assert '<langSet xml:lang="fr"><tig><term>Choïgou</term>' in text


# --------------------------------------------------------------------------- records


def test_collection_record_round_trips_byte_for_byte(tmp_path: Path) -> None:
    from mtcheck.collection.discover import CollectionSpec
    from mtcheck.collection.records import DocumentRecord

    documents = _site(["Choïgou"] * 3 + ["Choigou"])
    spec = CollectionSpec(id="news", root=str(tmp_path), documents=tuple(d for d, _ in documents))
    records = tuple(DocumentRecord(id=d.id, folder=d.folder, date=d.date, digest="x", summary=s)
                    for d, s in documents)
    record = build_record(spec, Config(), records, root=tmp_path)
    assert len(record.drift) == 1
    path = tmp_path / "results.json"
    path.write_text(dump_collection(record), encoding="utf-8")
    loaded = load_collection(path)
    assert isinstance(loaded, CollectionRecord)
    assert dump_collection(loaded) == path.read_text(encoding="utf-8")


def test_a_disabled_drift_check_is_dropped(tmp_path: Path) -> None:
    from mtcheck.collection.discover import CollectionSpec
    from mtcheck.collection.records import DocumentRecord
    from mtcheck.config import ChecksConfig

    documents = _site(["Choïgou"] * 3 + ["Choigou"])
    spec = CollectionSpec(id="news", root=str(tmp_path), documents=tuple(d for d, _ in documents))
    records = tuple(DocumentRecord(id=d.id, folder=d.folder, date=d.date, digest="x", summary=s)
                    for d, s in documents)
    config = dataclasses.replace(Config(), checks=ChecksConfig(disabled=(DRIFT_CHECK,)))
    assert build_record(spec, config, records, root=tmp_path).drift == ()


# --------------------------------------------------------------------------- pages


def _record(tmp_path: Path, forms: list[str], canonical: str = "Shoigu") -> CollectionRecord:
    from mtcheck.collection.discover import CollectionSpec
    from mtcheck.collection.records import DocumentRecord
    from mtcheck.collection.summary import LanguageSummary

    documents = _site(forms)
    records = []
    for spec, summary in documents:
        names = tuple(dataclasses.replace(n, canonical=canonical) for n in summary.names)
        errors = 3 if spec.id == "d1" else 0
        languages = tuple(LanguageSummary(lang=lang, page=f"{lang}.html", coverage=1.0,
                                          scores={"reference.chrF": 70.0}, errors=errors,
                                          warnings=0, infos=0, checks={})
                          for lang in ("de", "fr"))
        records.append(DocumentRecord(id=spec.id, folder=spec.folder, date=spec.date, digest="x",
                                      summary=dataclasses.replace(summary, names=names,
                                                                  languages=languages)))
    spec = CollectionSpec(id="news", root=str(tmp_path), documents=tuple(d for d, _ in documents))
    return build_record(spec, Config(), tuple(records), root=tmp_path)


def test_index_puts_the_worst_document_first_and_links_cells(tmp_path: Path) -> None:
    from mtcheck.collection.report import index_rows, render_index

    record = _record(tmp_path, ["Choïgou"] * 4 + ["Choigou"])
    rows = index_rows(record)
    assert [r.id for r in rows][:2] == ["d1", "d4"]  # errors, then drift
    assert rows[0].cells[0] is not None and rows[0].cells[0].href == "documents/d1/de.html"
    html = render_index(record)
    assert 'href="documents/d4/fr.html"' in html and "↯1" in html


def test_pages_escape_untrusted_names(tmp_path: Path) -> None:
    from mtcheck.collection.report import render_index, render_names

    record = _record(tmp_path, ["<script>x</script>"] * 3 + ["Choigou"],
                     canonical='<img src=x onerror="alert(1)">')
    for html in (render_names(record), render_index(record)):
        assert "<script>x" not in html and "<img src=x" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in render_names(record)


def test_junit_has_one_suite_per_document_with_drift_cases(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    from mtcheck.collection.junit import junit_xml

    record = _record(tmp_path, ["Choïgou"] * 4 + ["Choigou"])
    suites = ET.fromstring(junit_xml(record))
    assert [s.get("name") for s in suites] == ["d0", "d1", "d2", "d3", "d4"]
    drift = suites[4].find("testcase")
    assert drift is not None and drift.get("name") == "names.site-drift shoigu"
    assert suites.get("failures") == "0"  # a warning by default
