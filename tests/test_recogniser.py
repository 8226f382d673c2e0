"""The recogniser (mtcheck.recogniser): in a child process when a run allows it, with the
same spans as in-process, and in-process whenever the child cannot serve."""

from __future__ import annotations

import sys

import pytest

from mtcheck import recogniser

pytestmark = pytest.mark.skipif(not recogniser.installed(),
                                reason="the optional ner extra is not installed")

TEXTS = ("Sergei Shoigu flew from Moscow to Tehran on Monday.",
         "He met Mohammad Bagheri, the chief of staff of Iran's armed forces.",
         "The visit was reported by IRNA.")


@pytest.fixture(autouse=True)
def forget_results() -> None:
    recogniser._finished.clear()


def _unloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process behaves as if it had not loaded the pipeline (the test process has)."""
    info = recogniser._pipeline.cache_info()._replace(currsize=0)
    monkeypatch.setattr(recogniser._pipeline, "cache_info", lambda: info)


def test_a_child_process_finds_the_spans_this_process_finds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    here = recogniser._recognise_here(TEXTS)
    assert here is not None and any(here)
    _unloaded(monkeypatch)
    served: list[bool] = []
    original = recogniser._Child.results
    monkeypatch.setattr(recogniser._Child, "results",
                        lambda self: served.append(True) or original(self))
    with recogniser.in_background():
        recogniser.prefetch([TEXTS])
        assert len(recogniser._pending) == 1
        assert recogniser.recognise(TEXTS) == here
    assert served == [True]
    assert not recogniser._pending


def test_outside_a_background_block_nothing_is_started(monkeypatch: pytest.MonkeyPatch) -> None:
    _unloaded(monkeypatch)
    recogniser.prefetch([TEXTS])
    assert not recogniser._pending
    assert recogniser.recognise(TEXTS) == recogniser._recognise_here(TEXTS)


def test_a_child_that_fails_leaves_the_work_to_this_process(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _unloaded(monkeypatch)
    # An interpreter that exits at once with an error stands for any broken child.
    monkeypatch.setattr(sys, "executable", "/bin/false")
    with recogniser.in_background():
        recogniser.prefetch([TEXTS])
        assert recogniser._pending
        assert recogniser.recognise(TEXTS) == recogniser._recognise_here(TEXTS)


def test_children_not_asked_for_are_stopped_when_the_block_ends(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _unloaded(monkeypatch)
    with recogniser.in_background():
        recogniser.prefetch([TEXTS])
        (child,) = recogniser._pending
    assert not recogniser._pending
    assert child.process.poll() is not None


def test_a_loaded_pipeline_is_used_in_process() -> None:
    recogniser._pipeline()
    with recogniser.in_background():
        recogniser.prefetch([TEXTS])
        assert not recogniser._pending


def test_only_languages_the_recogniser_was_trained_on_are_served() -> None:
    assert recogniser.serves("en") and recogniser.serves("en-GB")
    assert not recogniser.serves("de")
