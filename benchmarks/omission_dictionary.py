"""What the omission check's bilingual dictionaries cost and how well they separate.

Run from the repository root:

    python benchmarks/omission_dictionary.py ../shared/data/bleualign-dev
    python benchmarks/omission_dictionary.py /nonexistent --clean corpora/clean --split dev \\
        --langs fr,es,ru,el,en,de,it,pt

For each dictionary the data sets use (found as the check finds them: MTCHECK_DICTIONARIES,
then ``--dictionaries``, then the config's folders): the seconds to read its index and to
build its set of headwords, and the memory both hold (tracemalloc, in a fresh look-up). Then,
per language pair (Bleualign dev set: its gold beads; clean corpora: their lines), the
source's common content words (the words of word support) the dictionary knows, and the
share of those listed (a translation found) in their own pair's translation and in the next
pair's (chance): the two rates the dictionary evidence weighs, and the seconds the look-ups
took (each distinct word once, warm dictionary files).
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from omission_bench import load_clean, load_dev  # noqa: E402

from mtcheck.config import Config  # noqa: E402
from mtcheck.frequency import zipf  # noqa: E402
from mtcheck.omission.coverage import content_words  # noqa: E402
from mtcheck.omission.dictionary import (  # noqa: E402
    DictdDictionary,
    DictionaryFiles,
    target_keys,
    word_translations,
)


def load_figures(files: DictionaryFiles) -> str:
    started = time.perf_counter()
    dictionary = DictdDictionary(files)
    read = time.perf_counter() - started
    "" in dictionary  # noqa: B015 (builds the headword set)
    built = time.perf_counter() - started - read
    tracemalloc.start()
    kept = DictdDictionary(files)
    "" in kept  # noqa: B015
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (f"{files.name}: {dictionary.figures.headwords:,} index lines; index read "
            f"{read:.3f} s, headword set {built:.3f} s; {held / 1e6:.1f} MB held (peak "
            f"{peak / 1e6:.1f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dev", type=Path, help="the Bleualign dev folder (or a missing path)")
    parser.add_argument("--clean", type=Path, default=None)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--langs", default="fr,es,ru,el,en,de,it,pt")
    parser.add_argument("--dictionaries", action="append", default=[],
                        help="a folder searched before the config's (repeatable)")
    parser.add_argument("--no-pivot", action="store_true", help="direct dictionaries only")
    args = parser.parse_args()
    config = Config().omission
    folders = (*args.dictionaries, *config.dictionaries)
    data_sets = []
    if args.dev.exists():
        dev = load_dev(args.dev, 0)
        data_sets.append((dev.source_lang, dev.target_lang,
                          [(" ".join(dev.source[i] for i in s), " ".join(dev.target[j] for j in t))
                           for group in dev.paragraphs for s, t in group if s and t]))
    if args.clean is not None:
        for lang in args.langs.split(","):
            for data in load_clean(args.clean, lang, args.split):
                data_sets.append((data.source_lang, lang,
                                  [(s, t) for s, t in zip(data.source, data.target, strict=True)
                                   if s.strip() and t.strip()]))
    routes = {}
    for source_lang, target_lang, _ in data_sets:
        found = word_translations(source_lang, target_lang, folders, not args.no_pivot)
        if found is not None:
            routes[(source_lang, target_lang)] = found
    for files in sorted({f for r in routes.values() for f in r.route.steps},
                        key=lambda f: f.name):
        print(load_figures(files))
    counts: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0.0])
    for source_lang, target_lang, pairs in data_sets:
        look_up = routes.get((source_lang, target_lang))
        if look_up is None or len(pairs) < 2:
            continue
        row = counts[(source_lang, target_lang, look_up.route.name)]
        keys = [target_keys(t) for _, t in pairs]
        for k, (source, _) in enumerate(pairs):
            for _, word in content_words(source, source_lang):
                if zipf(word.lower(), source_lang) < config.rare_zipf:
                    continue  # rare words are anchors, not word support
                started = time.perf_counter()
                translations = look_up(word)
                row[4] += time.perf_counter() - started
                row[0] += 1
                if translations:
                    row[1] += 1
                    row[2] += bool(translations & keys[k])
                    row[3] += bool(translations & keys[(k + 1) % len(pairs)])
    for (source_lang, target_lang, name), (words, known, own, other, seconds) in sorted(
            counts.items()):
        print(f"{source_lang}->{target_lang} ({name}): {int(words)} common words, known "
              f"{known / max(words, 1):.2f}; listed in their own pair's translation "
              f"{own / max(known, 1):.3f}, in the next pair's {other / max(known, 1):.3f}; "
              f"look-ups {seconds:.2f} s")
    missing = sorted({(s, t) for s, t, _ in data_sets} - set(routes))
    if missing:
        print("no dictionary: " + ", ".join(f"{s}->{t}" for s, t in missing))


if __name__ == "__main__":
    main()
