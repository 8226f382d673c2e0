"""mtcheck.jsontext writes exactly what json.dumps(indent=1) writes, faster."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtcheck import jsontext


def standard(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)


scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) \
    | st.text()
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.lists(inner, max_size=3).map(tuple)
    | st.dictionaries(st.text(max_size=6), inner, max_size=5),
    max_leaves=40,
)


@given(values)
def test_same_text_as_the_standard_library(value: Any) -> None:
    assert jsontext.dumps(value) == standard(value)


@pytest.mark.parametrize("value", [
    {"a": [], "b": {}, "c": [[], {}], "d": ["\u2028", "\x00", "é\"\\/", "\ud800"]},
    {1: "int key", "x": 1},  # keys the standard library converts
    {None: [True, 1.5e300, -0.0]},
    [1, {"nested": (2, 3)}],
])
def test_edge_cases(value: Any) -> None:
    assert jsontext.dumps(value) == standard(value)


@pytest.mark.parametrize("bad", [math.nan, math.inf, [1, -math.inf], {"x": {"y": math.nan}}])
def test_non_finite_numbers_are_refused_as_by_the_standard_library(bad: Any) -> None:
    with pytest.raises(ValueError, match="Out of range float"):
        jsontext.dumps(bad)


def test_values_json_cannot_write_are_refused() -> None:
    with pytest.raises(TypeError):
        jsontext.dumps({"x": object()})
