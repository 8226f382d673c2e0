import gc

import pytest

from builders import one_to_one, segmented
from mtcheck.config import OmissionConfig
from mtcheck.omission import detect, omission_candidates
from mtcheck.omission.collector import collector_paused
from omission_fixtures import GERMAN, SOURCE


@pytest.fixture(autouse=True)
def _collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_inside_and_on_again_after():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_on_again_after_an_error():
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("stage failed")
    assert gc.isenabled()


def test_a_collector_the_caller_paused_stays_paused():
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_stage_runs_with_the_collector_paused_and_leaves_it_as_it_was(monkeypatch):
    states = []
    model = detect.document_length_model

    def recording(*args, **kwargs):
        states.append(gc.isenabled())
        return model(*args, **kwargs)

    monkeypatch.setattr(detect, "document_length_model", recording)
    candidates = omission_candidates(segmented("en", SOURCE), segmented("de", GERMAN),
                                     one_to_one(len(GERMAN)), None, OmissionConfig())
    assert candidates
    assert states == [False]
    assert gc.isenabled()
