"""Executors and the driver-owned back-translation cache: same results wherever work runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from collection_fixtures import write_site
from mtcheck.backtranslate.cache import TranslationCache
from mtcheck.cli import main
from mtcheck.collection.btcache import PrivateCache, merge_rows
from mtcheck.collection.executors import InlineExecutor, ProcessExecutor, make_executor
from mtcheck.errors import ConfigError


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_private_cache_hands_back_only_new_rows(tmp_path: Path) -> None:
    main_folder = tmp_path / "cache"
    with TranslationCache(main_folder) as cache:
        cache.store("k1", [("Hallo.", "Hello.")])
    private = PrivateCache(main_folder)
    try:
        with TranslationCache(private.folder) as copy:
            assert copy.lookup("k1", ["Hallo."]) == {"Hallo.": "Hello."}  # seeded
            copy.store("k1", [("Tschüss.", "Bye.")])
        rows = private.new_rows()
        assert rows == (("k1", "Tschüss.", "Bye."),)
        assert private.new_rows() == ()
        assert merge_rows(main_folder, rows) == 1
        with TranslationCache(main_folder) as cache:
            assert cache.count() == 2
    finally:
        private.remove()
    assert not private.folder.exists()


def test_private_cache_without_a_driver_cache_starts_empty(tmp_path: Path) -> None:
    private = PrivateCache(None)
    try:
        assert private.new_rows() == ()
    finally:
        private.remove()


def test_executor_registry() -> None:
    assert isinstance(make_executor("local", 1), InlineExecutor)
    assert isinstance(make_executor("local", 3), ProcessExecutor)
    with pytest.raises(ConfigError, match="valid: local, ray"):
        make_executor("dask", 2)


def _evaluate(site: Path, out: Path, *extra: str) -> None:
    result = CliRunner().invoke(main, ["evaluate", str(site), "--out", str(out), "-q", *extra],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.mark.models
@pytest.mark.slow
@pytest.mark.parametrize("executor", [["--jobs", "2"], ["--executor", "ray", "--jobs", "2"]],
                         ids=["jobs-2", "ray"])
def test_parallel_back_translation_is_like_one_process_and_fills_the_drivers_cache(
        executor: list[str], fake_hf_home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Back-translation batches on worker processes or Ray actors: the same bytes and cache
    rows as one process, all in the driver's cache."""
    if "ray" in executor:
        pytest.importorskip("ray")
    from conftest import TINY_HUB_IDS

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = write_site(tmp_path / "site", 3)
    # Short greedy outputs keep the random tiny model fast.
    config = tmp_path / "fast.toml"
    config.write_text('[backtranslation]\nmax_length = 16\nbeam_size = 1\nembedding_model = ""\n',
                      encoding="utf-8")
    model = ["--bt-model", TINY_HUB_IDS["marian"], "--config", str(config)]
    _evaluate(site, tmp_path / "one", *model, "--cache-dir", str(tmp_path / "c1"), "--jobs", "1")
    _evaluate(site, tmp_path / "many", *model, "--cache-dir", str(tmp_path / "c2"), *executor)
    assert tree(tmp_path / "one") == tree(tmp_path / "many")
    for article in ("article-1", "article-2"):
        run = json.loads((tmp_path / "many" / "documents" / article / "results.json")
                         .read_text("utf-8"))["run"]
        assert {t["roundtrip_status"] for t in run["translations"]} == {"evaluated"}
    with TranslationCache(tmp_path / "c1") as one, TranslationCache(tmp_path / "c2") as two:
        assert one.count() == two.count() > 0
    # No worker left a private cache behind in the driver's folder.
    assert sorted(p.name for p in (tmp_path / "c2").iterdir()
                  if p.suffix == ".sqlite3") == ["backtranslations.sqlite3"]


class _FakeRef:
    def __init__(self, actor: _FakeActor, task: object) -> None:
        self.actor, self.task = actor, task


class _FakeActor:
    """An actor queue: tasks run one at a time, in the order they were handed over."""

    def __init__(self, name: str, log: list[tuple[str, object]]) -> None:
        self.name, self.log, self.queue = name, log, []  # type: ignore[var-annotated]
        self.run = self  # actor.run.remote(task)
        self.most_queued = 0

    def remote(self, task: object) -> _FakeRef:
        ref = _FakeRef(self, task)
        self.queue.append(ref)
        self.most_queued = max(self.most_queued, len(self.queue))
        return ref


class _FakeRay:
    """ray.wait / ray.get over fake actors; ``order`` says which actor finishes next."""

    def __init__(self, order: list[int], actors: list[_FakeActor]) -> None:
        self.order, self.actors = order, actors

    def wait(self, refs: list[_FakeRef], num_returns: int) -> tuple[list[_FakeRef], list[_FakeRef]]:
        busy = [a for a in self.actors if a.queue]
        actor = busy[self.order.pop(0) % len(busy)] if self.order else busy[0]
        ref = actor.queue.pop(0)
        assert ref in refs
        actor.log.append((actor.name, ref.task))
        return [ref], [r for r in refs if r is not ref]

    def get(self, ref: _FakeRef) -> object:
        return f"result of {ref.task}"


@pytest.mark.parametrize("tasks", [1, 2, 3, 7, 20])
@pytest.mark.parametrize("order", [[0] * 40, [1] * 40, [0, 1, 1, 0, 1] * 8])
def test_ray_dispatch_runs_every_task_once_and_keeps_every_actor_busy(
        tasks: int, order: list[int]) -> None:
    from mtcheck.collection.executors import _QUEUED_PER_ACTOR, _dispatch

    log: list[tuple[str, object]] = []
    actors = [_FakeActor("a", log), _FakeActor("b", log)]
    idle_while_queued = []
    ray = _FakeRay(list(order), actors)
    delivered = []
    names = [f"task {i}" for i in range(tasks)]
    for index, result in _dispatch(ray, actors, names):  # type: ignore[arg-type]
        delivered.append((index, result))
        # No actor idles while tasks are left to hand out.
        loads = [len(a.queue) for a in actors]
        handed_out = len(delivered) + sum(loads)
        idle_while_queued.append(handed_out < tasks and 0 in loads)
    assert sorted(delivered) == [(i, f"result of task {i}") for i in range(tasks)]
    assert sorted(str(task) for _, task in log) == sorted(names)
    assert all(a.most_queued <= 1 + _QUEUED_PER_ACTOR for a in actors)
    assert not any(idle_while_queued)
    if tasks > (2 + _QUEUED_PER_ACTOR) * len(actors):  # a long run: each had its next one queued
        assert all(a.most_queued == 1 + _QUEUED_PER_ACTOR for a in actors)
