"""Same results before and after a change that should alter none (runtime work).

Run from the repository root:

    python benchmarks/omission_identical.py dump before/ ../shared/data/bleualign-dev
    ... change the code ...
    python benchmarks/omission_identical.py dump after/ ../shared/data/bleualign-dev
    python benchmarks/omission_identical.py compare before/ after/

``dump`` writes ``mtcheck evaluate --no-backtranslation --no-report`` results
(``SOURCE_DATE_EPOCH`` set, so the run's date is fixed) for the Bleualign dev set
rebuilt into one document as ``omission_bench.py --runtime`` rebuilds it, the shipped
``corpora/shoigu-visits-iran``, the dev documents of ``corpora/clean`` (the README's
split; test documents are never read) and their planted copies in
``corpora/planted``: one ``results/<name>/results.json`` each, in one ``mtcheck``
process. ``compare`` reports every results file that differs (the rebuilt corpus's
folder, which lies inside each dump folder, and the checkout's folder are read as the same
path, so that a dump made from another checkout of the code compares too) and exits 1 if
any does. The run signature records the installed dictionaries: compare dumps made on
the same machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from heldout import split_of  # noqa: E402
from omission_bench import load_dev, write_corpus  # noqa: E402

# A fixed date for the results' run record (the only part of a run that is not its input's).
EPOCH = "1700000000"


def rebuild_dev(dev: Path, into: Path, seed: int = 0) -> Path:
    """The Bleualign dev set as one corpus folder, paragraphs as ``--runtime`` builds them."""
    data = load_dev(dev, seed)
    into.mkdir(parents=True, exist_ok=True)
    return write_corpus(data, into)


def corpus_folders(dev: Path | None, out: Path) -> list[Path]:
    """Every corpus to evaluate: the rebuilt dev set, shoigu, clean dev and planted dev."""
    clean = ROOT / "corpora" / "clean"
    splits = split_of(clean)
    folders = [ROOT / "corpora" / "shoigu-visits-iran"]
    if dev is not None:
        folders.insert(0, rebuild_dev(dev, out / "corpus" / "bleualign-dev"))
    for group in ("clean", "planted"):
        for folder in sorted((ROOT / "corpora" / group).iterdir()):
            if (folder / "manifest.toml").exists() and splits.get(folder.name) == "dev":
                folders.append(folder)
    return folders


def dump(out: Path, dev: Path | None) -> int:
    folders = corpus_folders(dev, out)
    # Planted and clean copies share folder names: one results folder per group.
    targets: list[tuple[Path, Path]] = []
    for folder in folders:
        group = folder.parent.name if folder.parent.name in ("clean", "planted") else "other"
        targets.append((folder, out / "results" / group))
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, HF_HUB_OFFLINE="1",
               PYTHONPATH=str(ROOT / "src"))
    for group in ("other", "clean", "planted"):
        chosen = [str(f) for f, t in targets if t.name == group]
        command = [sys.executable, "-m", "mtcheck", "evaluate", *chosen, "--out",
                   str(out / "results" / group), "--no-report", "--no-backtranslation",
                   "--quiet"]
        code = subprocess.run(command, env=env, check=False).returncode
        if code not in (0, 1):  # 1: findings over a gate; 2: bad input
            print(f"mtcheck evaluate exited {code} for {group}", file=sys.stderr)
            return code
    (out / "root.txt").write_text(str(ROOT), encoding="utf-8")  # read by compare
    count = len(list((out / "results").rglob("results.json")))
    print(f"{out}: {count} results files ({len(folders)} corpora)")
    return 0


def compare(before: Path, after: Path) -> int:
    old = {p.relative_to(before): p for p in (before / "results").rglob("results.json")}
    new = {p.relative_to(after): p for p in (after / "results").rglob("results.json")}
    differ = 0
    for name in sorted(old.keys() | new.keys()):
        if name not in old or name not in new:
            print(f"only in {'after' if name in new else 'before'}: {name}")
            differ += 1
            continue
        a = _normalised(old[name], before)
        b = _normalised(new[name], after)
        if a != b:
            print(f"differs: {name}")
            differ += 1
    print(f"{len(old.keys() & new.keys())} results files compared, {differ} differ")
    return 1 if differ else 0


def _normalised(results: Path, dump_folder: Path) -> str:
    """A results file with its dump's folder and its checkout's folder named alike (a dump
    of another checkout names its corpora by that checkout's paths)."""
    text = results.read_text("utf-8").replace(str(dump_folder.resolve()), "<dump>")
    root = dump_folder / "root.txt"
    if root.exists():
        text = text.replace(root.read_text("utf-8"), "<checkout>")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="write the results of every corpus")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("dev", type=Path, nargs="?", default=None,
                         help="folder with dev.de, dev.fr, dev.defr (the Bleualign dev set)")
    comparing = commands.add_parser("compare", help="list the results files that differ")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "dump":
        sys.exit(dump(args.out.resolve(), args.dev))
    sys.exit(compare(args.before, args.after))


if __name__ == "__main__":
    main()
