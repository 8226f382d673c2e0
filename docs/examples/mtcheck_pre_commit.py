"""pre-commit hook: evaluate and gate every corpus that contains a changed file.

A corpus is the nearest folder above a changed file that holds a manifest.toml.
Exit code 0 when every gate passes, 1 when one fails, 2 on bad input; the
mtcheck commands' own output explains why.

    python docs/examples/mtcheck_pre_commit.py --config configs/lenient.toml FILE...
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

MANIFEST = "manifest.toml"


def corpora_of(paths: Sequence[str]) -> list[Path]:
    """The corpus folders (with a manifest.toml) that contain the given files, sorted."""
    found: set[Path] = set()
    for name in paths:
        for folder in Path(name).resolve().parents:
            if (folder / MANIFEST).is_file():
                found.add(folder)
                break
    return sorted(found)


def commands_for(corpus: Path, config: str, out: Path, backtranslation: bool) -> list[list[str]]:
    """The mtcheck command lines (after ``mtcheck``) that evaluate and gate one corpus."""
    evaluate = ["evaluate", str(corpus), "--config", config, "--out", str(out), "--no-report",
                "--quiet"]
    if not backtranslation:
        evaluate.append("--no-backtranslation")
    gate = ["gate", str(out / "results.json"), "--config", config]
    return [evaluate, gate]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True, help="mtcheck config with a [gate] table")
    parser.add_argument("--backtranslation", action="store_true",
                        help="include round-trip scores (slower: loads models)")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args(argv)
    worst = 0
    for corpus in corpora_of(args.files):
        with tempfile.TemporaryDirectory(prefix="mtcheck-") as tmp:
            for command in commands_for(corpus, args.config, Path(tmp), args.backtranslation):
                code = subprocess.call([sys.executable, "-m", "mtcheck", *command])
                if code != 0:
                    worst = max(worst, code)
                    break
    return worst


if __name__ == "__main__":
    sys.exit(main())
