from pathlib import Path

import pytest

from mtcheck.io import atomic_directory, atomic_write_text


def test_atomic_directory_replaces_only_on_success(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with atomic_directory(out) as staging:
        (staging / "results.json").write_text("first", encoding="utf-8")
    assert (out / "results.json").read_text(encoding="utf-8") == "first"
    with pytest.raises(RuntimeError), atomic_directory(out) as staging:
        (staging / "results.json").write_text("half", encoding="utf-8")
        raise RuntimeError("stage failed")
    assert (out / "results.json").read_text(encoding="utf-8") == "first"
    assert sorted(p.name for p in out.iterdir()) == ["results.json"]


def test_atomic_write_text_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.txt"
    atomic_write_text(target, "x")
    assert target.read_text(encoding="utf-8") == "x"
    assert [p.name for p in target.parent.iterdir()] == ["b.txt"]
