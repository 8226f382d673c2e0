"""The environment has what pyproject.toml promises, and the package ships its data."""

from __future__ import annotations

import re
import sys
from importlib import metadata, resources
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PYPROJECT = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text("utf-8"))


def requirement_names(requirements: list[str]) -> list[str]:
    names = []
    for requirement in requirements:
        if ";" in requirement and "python_version < '3.11'" in requirement:
            continue
        names.append(re.split(r"[\[<>=;! ]", requirement, maxsplit=1)[0])
    return names


@pytest.mark.parametrize("name", requirement_names(PYPROJECT["project"]["dependencies"]))
def test_required_dependencies_are_installed(name: str) -> None:
    # A stale environment once switched the wrong-language check off silently.
    assert metadata.version(name)


@pytest.mark.parametrize("data", ["languages.toml", "results.schema.json", "segment/en.toml",
                                  "inflection/ru.toml", "names/en.toml"])
def test_package_data_is_shipped(data: str) -> None:
    assert resources.files("mtcheck").joinpath("data", data).is_file()
