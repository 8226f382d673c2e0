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


def _old_output(out: Path) -> None:
    with atomic_directory(out) as staging:
        for name in ("results.json", "index.html", "de.html"):
            (staging / name).write_text("OLD", encoding="utf-8")
    (out / "keep.txt").write_text("mine", encoding="utf-8")


def test_a_mount_point_is_committed_entry_by_entry(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that cannot be swapped (a container volume) still gets all files or none."""
    import os

    from mtcheck.errors import OutputError

    out = tmp_path / "out"
    _old_output(out)
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == out)
    real_rename = os.rename

    def fail_on_index(src: object, dst: object) -> None:
        if Path(str(dst)) == out / "index.html" and "staging" in str(src):
            raise OSError(1, "Operation not permitted")
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", fail_on_index)
    with pytest.raises(OutputError, match="Operation not permitted"), \
            atomic_directory(out) as staging:
        for name in ("results.json", "index.html", "de.html"):
            (staging / name).write_text("NEW", encoding="utf-8")
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == {
        "results.json": "OLD", "index.html": "OLD", "de.html": "OLD", "keep.txt": "mine"}
    monkeypatch.setattr(os, "rename", real_rename)
    with atomic_directory(out) as staging:
        (staging / "results.json").write_text("NEW", encoding="utf-8")
    assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == {
        "results.json": "NEW", "index.html": "OLD", "de.html": "OLD", "keep.txt": "mine"}
