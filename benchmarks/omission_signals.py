"""How well the omission check's signals work per translation language, on untouched text.

Run from the repository root:

    python benchmarks/omission_signals.py corpora/clean --split dev --langs ja,ko,zh,fr

For the clean corpora of ``--split`` (the README's; never run it on the test split), one
line per translation language:

* ``length``: the spread of the document's length model (MAD of the log ratio of target to
  source length, as a standard deviation, floored as the check floors it; median over the
  documents) with lengths counted in characters (what the check uses), in source words, in
  source vowel groups (about syllables), and in CJK units (a Han, kana or Hangul character
  or a run of Latin letters or digits one unit each, on the target side). A smaller spread
  makes a dropped clause stand out more;
* ``numbers``: the source's numbers written in digits found in their own pair's translation;
* ``rare words``: the source's rare words (the anchors) found in their own pair's
  translation, and in the next pair's (by chance): what the document's anchor weights are
  made of (``detect.anchor_weights``).
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from omission_bench import load_clean  # noqa: E402

from mtcheck.config import Config  # noqa: E402
from mtcheck.omission.clauses import clause_rules  # noqa: E402
from mtcheck.omission.lengths import SMOOTHING, text_length  # noqa: E402
from mtcheck.omission.support import (  # noqa: E402
    index_target,
    number_found,
    numbers,
    rare_words,
    target_readings,
    word_found,
)

_VOWELS = re.compile(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]+", re.IGNORECASE)
_CJK_UNIT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]|[A-Za-z]+|\d+")
_MAD_TO_SD = 1.4826

Measure = Callable[[str], int]
MEASURES: dict[str, tuple[Measure, Measure]] = {
    "characters": (text_length, text_length),
    "source words": (lambda s: len(s.split()), text_length),
    "source vowel groups": (lambda s: len(_VOWELS.findall(s)), text_length),
    "CJK units": (text_length, lambda t: len(_CJK_UNIT.findall(t))),
}


def _spread(pairs: list[tuple[str, str]], source: Measure, target: Measure,
            floor: float) -> float:
    ratios = [math.log((target(t) + SMOOTHING) / (source(s) + SMOOTHING)) for s, t in pairs]
    centre = statistics.median(ratios)
    return max(_MAD_TO_SD * statistics.median(abs(r - centre) for r in ratios), floor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("clean", type=Path, help="folder of clean corpora (corpora/clean)")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--langs", default="ja,ko,zh,fr")
    args = parser.parse_args()
    config = Config().omission
    for lang in args.langs.split(","):
        spreads: dict[str, list[float]] = {name: [] for name in MEASURES}
        counts = {"numbers": 0, "numbers found": 0, "rare": 0, "rare found": 0,
                  "rare found next": 0}
        documents = load_clean(args.clean, lang, args.split)
        for data in documents:
            pairs = [(s, t) for s, t in zip(data.source, data.target, strict=True)
                     if s.strip() and t.strip()]
            for name, (source, target) in MEASURES.items():
                spreads[name].append(_spread(pairs, source, target, config.spread_floor))
            rules = clause_rules(data.source_lang)
            indexes = [index_target(t, lang, None, rules.brackets, rules.quotes)
                       for _, t in pairs]
            for k, (s, t) in enumerate(pairs):
                readings = target_readings(t, lang)
                for n in {n.value: n for n in numbers(s, data.source_lang)}.values():
                    counts["numbers"] += 1
                    counts["numbers found"] += number_found(n, readings)
                for word in dict.fromkeys(rare_words(s, data.source_lang, config.rare_zipf,
                                                     config.min_letters)):
                    counts["rare"] += 1
                    counts["rare found"] += word_found(word, data.source_lang, indexes[k],
                                                       config.match_similarity)
                    counts["rare found next"] += word_found(
                        word, data.source_lang, indexes[(k + 1) % len(pairs)],
                        config.match_similarity)
        if not documents:
            print(f"{lang}: no documents")
            continue
        length = ", ".join(f"{name} {statistics.median(values):.3f}"
                           for name, values in spreads.items())
        print(f"{lang} ({len(documents)} documents): length spread {length}; numbers found "
              f"{counts['numbers found']}/{counts['numbers']}; rare words found "
              f"{counts['rare found']}/{counts['rare']} (next pair's translation "
              f"{counts['rare found next']})")


if __name__ == "__main__":
    main()
