"""Back-translation batches gathered from many documents, and workers warmed once."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

import pytest

from collection_fixtures import write_site
from mtcheck.backtranslate import stage
from mtcheck.backtranslate.engines import BatchDone
from mtcheck.collection.discover import DocumentSpec, discover
from mtcheck.collection.prefetch import gather
from mtcheck.collection.run import RunOptions, run_collection
from mtcheck.collection.warm import ENVIRONMENT, WarmUp, plan_for, warm
from mtcheck.collection.worker import DocumentTask
from mtcheck.config import Config, load_config


def _config(tmp_path: Path, model: str = "", **bt: object) -> Config:
    config = load_config(None)
    return dataclasses.replace(config, backtranslation=dataclasses.replace(
        config.backtranslation, model=model, cache_dir=str(tmp_path / "cache"), device="cpu",
        embedding_model="", **bt))


def _manifests(site: Path) -> list[str]:
    return [d.manifest for d in discover(site).documents]


def test_one_batch_per_model_holds_the_distinct_sentences_of_every_document(
        tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 3)
    batches = gather(_manifests(site), (), _config(tmp_path, model=str(tmp_path / "one-model")),
                     private_cache=False)
    # One model serves German and French: one batch, both languages, all three articles.
    assert len(batches) == 1
    batch = batches[0]
    assert batch.into == "en" and batch.documents == 3
    texts = dict(batch.texts)
    assert sorted(texts) == ["de", "fr"]
    # The articles differ only in the hours: the shared sentences appear once.
    german = texts["de"]
    assert len(german) == len(set(german))
    assert "Die Gespräche betrafen den Handel." in german
    assert {"Schoigu traf Beamte für 3 Stunden.", "Schoigu traf Beamte für 4 Stunden.",
            "Schoigu traf Beamte für 5 Stunden."} <= set(german)


def test_languages_with_their_own_models_get_their_own_batches(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 2)
    config = _config(tmp_path)
    config = dataclasses.replace(config, backtranslation=dataclasses.replace(
        config.backtranslation, models={"de": "model-de", "fr": "model-fr"}))
    batches = gather(_manifests(site), (), config, private_cache=True)
    assert [dict(b.texts).keys() for b in batches] == [{"de": ()}.keys(), {"fr": ()}.keys()]
    assert all(b.private_cache for b in batches)


def test_nothing_is_gathered_without_back_translation(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 2)
    config = _config(tmp_path)
    config = dataclasses.replace(config, backtranslation=dataclasses.replace(
        config.backtranslation, enabled=False))
    assert gather(_manifests(site), (), config, private_cache=False) == []


class Recorder:
    """A stub translator that records what each call was given."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str], source_lang: str, into: str,
                  on_batch: BatchDone | None = None) -> list[str]:
        self.calls.append(list(texts))
        return [f"[{source_lang}] {t}" for t in texts]


class Events:
    """Records what a front-end hears."""

    def __init__(self) -> None:
        self.batches: list[tuple[int, int, str]] = []
        self.documents: list[str] = []

    def planned(self, total: int, reused: int, executor: str, jobs: int) -> None:
        pass

    def document_done(self, document: DocumentSpec, seconds: float | None) -> None:
        self.documents.append(document.id)

    def batch_done(self, done: int, total: int, label: str, seconds: float) -> None:
        self.batches.append((done, total, label))

    def stage_progress(self, document: DocumentSpec) -> None:
        return None


def test_documents_are_back_translated_in_one_batch_and_run_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = Recorder()
    loads: list[object] = []

    def load(*args: object) -> Recorder:
        loads.append(args)
        return recorder

    monkeypatch.setattr(stage, "load_translator", load)
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text('{"model_type": "marian"}', "utf-8")
    (model / "model.safetensors").write_bytes(b"stub")
    site = write_site(tmp_path / "site", 3)
    events = Events()
    run = run_collection(discover(site), _config(tmp_path, model=str(model)),
                         RunOptions(jobs=1, reports=False), tmp_path / "out", events)
    assert run.ran == 3
    assert events.batches == [(1, 1, "back-translation of de, fr into en (3 documents)")]
    assert events.documents == ["article-1", "article-2", "article-3"]
    # One load, and one call per language holding the sentences of all three articles.
    assert len(loads) == 1
    german = next(call for call in recorder.calls if "Die Gespräche betrafen den Handel." in call)
    assert {"Schoigu traf Beamte für 3 Stunden.", "Schoigu traf Beamte für 5 Stunden."} <= set(
        german)
    assert len(recorder.calls) == 2  # the documents themselves found every sentence cached
    results = (tmp_path / "out" / "documents" / "article-2" / "results.json").read_text("utf-8")
    assert "[de] Schoigu traf Beamte für 4 Stunden." in results


def test_warm_up_checks_a_document_without_back_translation(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", 1)
    document = discover(site).documents[0]
    plan = plan_for(DocumentTask(document, _config(tmp_path, model="no-such-model"),
                                 private_cache=True))
    assert plan.task is not None
    assert not plan.task.config.backtranslation.enabled and not plan.task.private_cache
    assert WarmUp.decode(plan.encode()) == plan
    before = sorted(tmp_path.rglob("*"))
    warm(plan)  # would fail on the missing model if back-translation were on
    assert sorted(tmp_path.rglob("*")) == before  # writes nothing
    warm(WarmUp())  # nothing to do


def test_warm_up_plan_does_not_leak_into_the_environment(tmp_path: Path) -> None:
    from mtcheck.collection.executors import worker_context

    site = write_site(tmp_path / "site", 1)
    plan = plan_for(DocumentTask(discover(site).documents[0], _config(tmp_path)))
    context, left = worker_context(plan)
    assert context.get_start_method() == "forkserver" and left is None
    import os

    assert ENVIRONMENT not in os.environ


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_few_documents_in_this_process_have_their_names_recognised_in_one_child(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mtcheck import recogniser
    from mtcheck.collection import prefetch

    if not recogniser.installed() or recogniser._free_cores() < 1:
        pytest.skip("needs the optional ner extra and a second core")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = write_site(tmp_path / "site", 3)
    config = dataclasses.replace(_config(tmp_path), backtranslation=dataclasses.replace(
        _config(tmp_path).backtranslation, enabled=False))
    options = RunOptions(jobs=1, force=True)
    recogniser._finished.clear()
    run_collection(discover(site), config, options, tmp_path / "in-process")  # loads it here

    # Now as a process that has not loaded the recogniser: one child serves all three.
    recogniser._finished.clear()
    info = recogniser._pipeline.cache_info()._replace(currsize=0)
    monkeypatch.setattr(recogniser._pipeline, "cache_info", lambda: info)
    children: list[int] = []
    original = recogniser._Child.__init__

    def counted(self: object, documents: Sequence[tuple[str, ...]]) -> None:
        children.append(len(documents))
        original(self, documents)  # type: ignore[arg-type]

    monkeypatch.setattr(recogniser._Child, "__init__", counted)
    run_collection(discover(site), config, options, tmp_path / "ahead")
    assert children == [3]  # one child, the three sources
    assert _tree(tmp_path / "ahead") == _tree(tmp_path / "in-process")

    # Beyond the limit nothing is recognised ahead.
    recogniser._finished.clear()
    children.clear()
    monkeypatch.setattr(prefetch, "RECOGNISE_AHEAD_AT_MOST", 2)
    run_collection(discover(site), config, options, tmp_path / "many")
    assert children == []
    assert _tree(tmp_path / "many") == _tree(tmp_path / "in-process")
