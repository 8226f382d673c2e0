"""Dictionary word support in Japanese and Chinese translations, measured before it is weighed.

Run from the repository root (dev documents only; never on the test split):

    python benchmarks/omission_cjk_dictionary.py corpora/clean --split dev --langs ja,zh

For every clean document with a ``ja`` / ``zh`` translation, each source
content word the dictionary (EDICT, CC-CEDICT; :mod:`mtcheck.omission.cjkdict`) knows is
*listed* when one of its renderings is a substring of the aligned translation. Printed per
language and per shortest rendering kept (``--min-chars``):

* the listed rate against the word's own translation and against the next sentence's
  (chance: how often a rendering occurs in an unrelated sentence);
* the separation of seeded clause drops (a comma-delimited clause of 30-70 % of a translated
  sentence deleted, as ``omission_bench.py`` seeds them) from the untouched sentences: the
  area under the ROC curve (0.5 is chance) of the sentence's largest dictionary evidence over
  its source clauses (:func:`mtcheck.omission.coverage.support_evidence`, the log-likelihood
  ratio the check computes for word support, on the dictionary's flags), and of the
  sentence's unlisted share;
* the dictionary's load time (building the inverted table, or reading it from the cache).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from omission_bench import (  # noqa: E402
    CLAUSE_SHARE,
    Parallel,
    clause_cuts,
    load_clean,
    without_clause,
)

from mtcheck.config import Config  # noqa: E402
from mtcheck.omission import cjkdict  # noqa: E402
from mtcheck.omission.clauses import split_clauses  # noqa: E402
from mtcheck.omission.coverage import SupportRates, content_words, support_evidence  # noqa: E402

Flags = list[tuple[int, bool]]  # (offset, listed) of each known source content word


def flags_of(source: str, target: str, look_up: cjkdict.CjkWordTranslations,
             min_chars: int, lang: str) -> Flags:
    keys = look_up.target_keys(target)
    out = []
    for offset, word in content_words(source, lang):
        renderings = {k for k in look_up(word) if len(k) >= min_chars}
        if renderings:
            out.append((offset, bool(renderings & keys)))
    return out


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """P(a positive's value > a negative's), ties counted half."""
    if not positive or not negative:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positive for n in negative)
    return wins / (len(positive) * len(negative))


def sentence_evidence(source: str, flags: Flags, rates: SupportRates, prior: float,
                      lang: str) -> float:
    """The largest evidence over the sentence's clauses that the clause's words were left
    out (listed at the unrelated rate) while the rest were translated."""
    best = 0.0
    listed_all = sum(f for _, f in flags)
    for clause in split_clauses(source, lang):
        inside = [f for o, f in flags if clause.start <= o < clause.end]
        if not inside or len(inside) == len(flags):
            continue
        listed = sum(inside)
        best = max(best, support_evidence(listed, len(inside), listed_all - listed,
                                          len(flags) - len(inside), rates, prior))
    return best


def unlisted_share(flags: Flags) -> float:
    return 1 - sum(f for _, f in flags) / len(flags) if flags else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("clean", type=Path, help="folder of clean corpora (corpora/clean)")
    parser.add_argument("--split", choices=("dev",), default="dev")
    parser.add_argument("--langs", default="ja,zh")
    parser.add_argument("--min-chars", default="2,3", help="shortest renderings kept")
    args = parser.parse_args()
    prior = Config().omission.support_prior
    folders = tuple(Config().omission.dictionaries)
    for lang in args.langs.split(","):
        documents = load_clean(args.clean, lang, args.split)
        for source_lang in sorted({d.source_lang for d in documents}):
            started = time.perf_counter()
            look_up = cjkdict.cjk_word_translations(source_lang, lang, folders)
            if look_up is None:
                print(f"{source_lang} -> {lang}: no dictionary installed")
                continue
            print(f"{source_lang} -> {lang}: {look_up.figures.name}, "
                  f"{look_up.figures.english_words} English words, loaded in "
                  f"{time.perf_counter() - started:.2f} s")
            chosen = [d for d in documents if d.source_lang == source_lang]
            for min_chars in (int(n) for n in args.min_chars.split(",")):
                measure(chosen, look_up, min_chars, prior)


def measure(documents: Sequence[Parallel], look_up: cjkdict.CjkWordTranslations,
            min_chars: int, prior: float) -> None:
    own = [0, 0]
    other = [0, 0]
    untouched: list[tuple[str, Flags]] = []
    dropped: list[tuple[str, Flags]] = []
    lang = documents[0].source_lang
    for data in documents:
        count = len(data.source)
        for i, (source, target) in enumerate(zip(data.source, data.target, strict=True)):
            mine = flags_of(source, target, look_up, min_chars, lang)
            unrelated = flags_of(source, data.target[(i + 1) % count], look_up, min_chars, lang)
            own[0] += sum(f for _, f in mine)
            own[1] += len(mine)
            other[0] += sum(f for _, f in unrelated)
            other[1] += len(unrelated)
            untouched.append((source, mine))
            cuts = clause_cuts(target)
            if len(cuts) < 2 or len(target) < 20:
                continue
            for a, b in cuts:
                if CLAUSE_SHARE[0] <= (b - a) / len(target) <= CLAUSE_SHARE[1]:
                    cut = without_clause(target, (a, b), cuts)
                    dropped.append((source, flags_of(source, cut, look_up, min_chars, lang)))
    rates = SupportRates(own[0] / max(own[1], 1), other[0] / max(other[1], 1), own[1])
    print(f"  renderings of {min_chars}+ characters, {len(documents)} documents: "
          f"{own[1]} known words, listed in their own translation {rates.translated:.3f}, "
          f"in the next sentence's {rates.unrelated:.3f} (chance)")
    evidence_drop = [sentence_evidence(s, f, rates, prior, lang) for s, f in dropped]
    evidence_none = [sentence_evidence(s, f, rates, prior, lang) for s, f in untouched]
    share_drop = [unlisted_share(f) for _, f in dropped]
    share_none = [unlisted_share(f) for _, f in untouched]
    cut = sorted(evidence_none)[max(0, math.ceil(0.98 * len(evidence_none)) - 1)]
    print(f"    {len(dropped)} clause drops against {len(untouched)} untouched "
          f"sentences: AUC evidence {auc(evidence_drop, evidence_none):.3f}, "
          f"unlisted share {auc(share_drop, share_none):.3f}; drops over the "
          f"untouched sentences' 98th percentile of evidence ({cut:.2f}): "
          f"{sum(e > cut for e in evidence_drop) / max(len(evidence_drop), 1):.2f}")


if __name__ == "__main__":
    main()
