"""False name findings with other source languages: each clean document's translations
taken in turn as the source.

Run from the repository root::

    HF_HUB_OFFLINE=1 python benchmarks/names_sources.py [--clean corpora/clean]
        [--sources es,fr,pt,it] [--split dev|test|all] [--list]

Only the dev documents by default (the split is the clean corpus README's, as in
``benchmarks/heldout.py``): a test document's output is read once, when it is measured.

The clean corpus has English (and one Spanish, one German) sources, and a recogniser for
English only. Its Spanish, French, Portuguese and Italian translations are professional
texts too: evaluating every other translation of a document against one of them, as if it
were the source, shows how the names stage does on a source language without a
recogniser, on names nobody tuned it on. Every ``names.*`` finding there counts as false
(the translations agree with each other up to translators' choices, which the stage
should not flag either). Prints findings per document and source language, and the total
per 100 translated sentences (source sentences x translations). ``--list`` prints each
finding. Back-translation is off, as in ``benchmarks/heldout.py``.

Deterministic: same inputs, same output.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections import Counter
from pathlib import Path

import tomllib

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mtcheck.config import Config, load_config  # noqa: E402
from mtcheck.corpus import adhoc_corpus  # noqa: E402
from mtcheck.pipeline import evaluate  # noqa: E402


def run_config() -> Config:
    config = load_config(None)
    return dataclasses.replace(
        config, backtranslation=dataclasses.replace(config.backtranslation, enabled=False))


def documents(clean: Path, sources: frozenset[str],
              split: str = "all") -> list[tuple[str, str, Path, dict[str, Path]]]:
    """(document id, source language, source path, translations) for each clean document
    of ``split`` and each of its translations into one of ``sources`` (never its own
    source)."""
    from heldout import split_of

    splits = split_of(clean)
    out = []
    for folder in sorted(p for p in clean.iterdir() if (p / "manifest.toml").is_file()):
        if split != "all" and splits.get(folder.name) != split:
            continue
        manifest = tomllib.loads((folder / "manifest.toml").read_text("utf-8"))
        texts = {lang: folder / path for lang, path in manifest["translations"].items()}
        original = manifest["document"]["source_language"]
        texts[original] = folder / manifest["document"]["source"]
        for lang in sorted(texts):
            if lang in sources and lang != original:
                others = {other: path for other, path in texts.items() if other != lang}
                out.append((folder.name, lang, texts[lang], others))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", type=Path, default=ROOT / "corpora" / "clean")
    parser.add_argument("--sources", default="es,fr,pt,it",
                        help="languages of the translations taken as sources")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev",
                        help="the clean corpus README's split to run (default: dev)")
    parser.add_argument("--list", action="store_true", help="print every finding")
    args = parser.parse_args(argv)
    config = run_config()
    total: Counter[str] = Counter()
    translated = 0
    for doc_id, lang, source, targets in documents(args.clean, frozenset(args.sources.split(",")),
                                                   args.split):
        run = evaluate(adhoc_corpus(source, lang, targets), config)
        counts: Counter[str] = Counter()
        for result in run.translations:
            for finding in result.findings:
                if finding.check.startswith("names.") and not finding.suppressed:
                    counts[finding.check] += 1
                    if args.list:
                        print(f"    {doc_id} {lang} -> {result.lang} {finding.check}: "
                              f"{finding.message}")
        translated += len(run.source.sentences) * len(targets)
        total.update(counts)
        print(f"{doc_id} {lang} -> {','.join(sorted(targets))}: {sum(counts.values())} "
              + ", ".join(f"{c} {n}" for c, n in sorted(counts.items())))
    per100 = 100.0 * sum(total.values()) / translated if translated else 0.0
    print(f"all: {sum(total.values())} false names findings in {translated} translated "
          f"sentences = {per100:.2f} /100 ("
          + ", ".join(f"{c} {n}" for c, n in sorted(total.items())) + ")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
