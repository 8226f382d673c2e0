"""Compiled report templates kept between runs (mtcheck.report.compiled)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from mtcheck.report import compiled

TEMPLATE = "{% for x in items %}<li>{{ x }}</li>{% endfor %}"


def _environment(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader({"t.html": TEMPLATE}), autoescape=True,
                              bytecode_cache=compiled._TemplateCache(str(folder)))


def test_a_template_compiled_once_is_read_back_and_renders_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _environment(tmp_path).get_template("t.html").render(items=["<a>", "b"])
    assert first == "<li>&lt;a&gt;</li><li>b</li>"
    assert len(list(tmp_path.iterdir())) == 1
    again = _environment(tmp_path)
    compiled_from_source: list[object] = []
    original = again.compile

    def counted(*args: object, **kwargs: object) -> object:
        compiled_from_source.append(args)
        return original(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(again, "compile", counted)
    assert again.get_template("t.html").render(items=["<a>", "b"]) == first
    assert compiled_from_source == []


def test_a_damaged_cache_file_is_compiled_again(tmp_path: Path) -> None:
    _environment(tmp_path).get_template("t.html")
    (cached,) = tmp_path.iterdir()
    cached.write_bytes(cached.read_bytes()[:40])  # right header, truncated code
    assert _environment(tmp_path).get_template("t.html").render(items=[1]) == "<li>1</li>"


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    env = _environment(gone)  # the folder does not exist: writing fails
    assert env.get_template("t.html").render(items=[2]) == "<li>2</li>"


def test_the_cache_lives_in_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch,
                                                   tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    compiled.template_cache.cache_clear()
    try:
        cache = compiled.template_cache()
        assert isinstance(cache, jinja2.FileSystemBytecodeCache)
        assert (tmp_path / "mtcheck" / "templates").is_dir()
    finally:
        compiled.template_cache.cache_clear()
