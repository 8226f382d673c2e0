"""Held-out evaluation: mtcheck's findings on text that nobody tuned the checks on.

Run from the repository root::

    HF_HUB_OFFLINE=1 python benchmarks/heldout.py [--bleualign ../shared/data/bleualign-dev]
        [--clean corpora/clean] [--planted corpora/planted]
        [--shipped corpora/shoigu-visits-iran] [--skip-bleualign] [--json OUT.json]

Runs the mtcheck library with back-translation off (what ``mtcheck evaluate
--no-backtranslation --no-report`` runs) on

(a) the Bleualign dev set (real human German -> French, paragraphs rebuilt on gold
    bead boundaries),
(b) the shipped corpus's human references evaluated as translations,
(c) every clean document under ``corpora/clean`` (see its README for dev/test),

and prints false findings per 100 translated source sentences (source sentences x
translations), per data set and per check id. Every ``names.*``/``numbers.*`` finding
on clean text is false; alignment/omission flags are false too and are shown in their
own group, except on the Bleualign set where the gold alignment itself leaves a source
sentence untranslated (a 1-0 bead) or a target sentence without source (0-1): flags
there are "justified" and counted apart. Findings on the source document alone are
reported per 100 source sentences.

(d) On the planted copies under ``corpora/planted`` it reports recall with strict
matching (right check, right source sentence, right entity or number) per error kind
and per language, and precision: a finding that matches no planted error and touches
no edited sentence is false; unmatched findings on edited sentences are counted apart.

Deterministic: same inputs, same output.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mtcheck.checks import CHECKS  # noqa: E402
from mtcheck.config import Config, load_config  # noqa: E402
from mtcheck.corpus import Corpus, adhoc_corpus, load_corpus  # noqa: E402
from mtcheck.pipeline import evaluate  # noqa: E402
from mtcheck.types import Alignment, Finding, RunResult, SegmentedDocument  # noqa: E402

# ----------------------------------------------------------------------------- flags
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Flag:
    """One finding reduced to what the scoring needs: check, gold sentence indices, text."""

    check: str
    indices: frozenset[int]  # gold source-sentence indices the finding points at
    text: str  # entity names, expected form and message, for entity matching
    targets: frozenset[int] = frozenset()  # gold target-sentence indices of its target ids
    severity: str = ""  # error / warning / info


def group_of(check: str) -> str:
    """'names', 'numbers', 'alignment' (align.* and omission checks) or 'other'."""
    if check.startswith("names."):
        return "names"
    if check.startswith("numbers."):
        return "numbers"
    if check.startswith("align.") or "omission" in check:
        return "alignment"
    return "other"


def line_map(document: SegmentedDocument, gold_index_of_line: Mapping[int, int]) -> dict[int, int]:
    """mtcheck sentence id -> gold sentence index, via the 1-based file line it starts on."""
    out = {}
    for sentence in document.sentences:
        if sentence.line in gold_index_of_line:
            out[sentence.id] = gold_index_of_line[sentence.line]
    return out


def nonempty_line_index(text: str) -> dict[int, int]:
    """1-based file line -> index among the non-empty lines (the gold sentence index)."""
    out, index = {}, 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            out[number] = index
            index += 1
    return out


def finding_indices(finding: Finding, source_map: Mapping[int, int],
                    target_map: Mapping[int, int], alignment: Alignment | None) -> frozenset[int]:
    """Gold source indices of a finding: its source ids, else its target ids' pairs."""
    if finding.source_ids:
        return frozenset(source_map[i] for i in finding.source_ids if i in source_map)
    out: set[int] = set()
    if alignment is not None and finding.target_ids:
        wanted = set(finding.target_ids)
        for pair in alignment.pairs:
            if wanted & set(pair.target_ids):
                out.update(source_map[i] for i in pair.source_ids if i in source_map)
    return frozenset(out)


def finding_text(finding: Finding, run: RunResult) -> str:
    parts = [finding.message, finding.entity or "", finding.expected or ""]
    for entity in run.entities:
        if entity.id == finding.entity:
            parts += [entity.canonical, *entity.source_forms]
    parts += [variant.base for variant in finding.variants]
    parts += [span.text for span in finding.spans]
    return " | ".join(p for p in parts if p)


def translation_flags(run: RunResult, source_lines: Mapping[int, int],
                      target_lines: Mapping[str, Mapping[int, int]]) -> dict[str, list[Flag]]:
    """Per language, the run's unsuppressed findings as flags; key 'source' for the source's."""
    source_map = line_map(run.source, source_lines)
    out: dict[str, list[Flag]] = {"source": [
        Flag(f.check, finding_indices(f, source_map, {}, None), finding_text(f, run),
             severity=f.severity.value)
        for f in run.source_findings if not f.suppressed]}
    for result in run.translations:
        target_map = line_map(result.target, target_lines.get(result.lang, {}))
        out[result.lang] = [
            Flag(f.check, finding_indices(f, source_map, target_map, result.alignment),
                 finding_text(f, run),
                 frozenset(target_map[i] for i in f.target_ids if i in target_map),
                 f.severity.value)
            for f in result.findings if not f.suppressed]
    return out


# ----------------------------------------------------------------------------- clean text
@dataclass(frozen=True)
class CleanCount:
    """False findings on one clean data set."""

    name: str
    source_sentences: int
    translations: int
    by_check: Mapping[str, int]  # target-side false findings
    justified: Mapping[str, int]  # alignment flags the gold alignment bears out
    source_by_check: Mapping[str, int]  # findings on the source document
    by_lang: Mapping[str, int] = dataclasses.field(default_factory=dict)  # false, per translation
    pair_count: int | None = None  # set on sums over documents of different sizes
    # False target-side findings by group and severity: "names/error" -> count.
    by_severity: Mapping[str, int] = dataclasses.field(default_factory=dict)
    # The false names/numbers findings themselves: (lang, check, severity, text).
    listed: tuple[tuple[str, str, str, str], ...] = ()

    @property
    def pairs(self) -> int:
        return self.pair_count if self.pair_count is not None else self.source_sentences * self.translations

    def per100(self, count: int) -> float:
        return 100.0 * count / self.pairs if self.pairs else 0.0

    def group_total(self, group: str) -> int:
        return sum(n for check, n in self.by_check.items() if group_of(check) == group)


def count_clean(name: str, source_sentences: int, flags: Mapping[str, Sequence[Flag]],
                untranslated: frozenset[int] = frozenset(),
                unsourced: Mapping[str, frozenset[int]] | None = None) -> CleanCount:
    """Every target-side flag is false, except alignment flags the gold bears out.

    ``untranslated``: gold source indices with no translation (1-0 beads): an
    align.omission there is justified; ``unsourced``: per language, gold target indices
    with no source (0-1 beads): an align.addition there is justified.
    """
    by_check: Counter[str] = Counter()
    by_lang: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    listed: list[tuple[str, str, str, str]] = []
    justified: Counter[str] = Counter()
    translations = 0
    for lang, lang_flags in flags.items():
        if lang == "source":
            continue
        translations += 1
        for flag in lang_flags:
            if _justified(flag, untranslated, (unsourced or {}).get(lang, frozenset())):
                justified[flag.check] += 1
            else:
                by_check[flag.check] += 1
                by_lang[lang] += 1
                by_severity[f"{group_of(flag.check)}/{flag.severity}"] += 1
                if group_of(flag.check) in ("names", "numbers"):
                    listed.append((lang, flag.check, flag.severity, flag.text))
    source = Counter(flag.check for flag in flags.get("source", ()))
    return CleanCount(name, source_sentences, translations, dict(sorted(by_check.items())),
                      dict(sorted(justified.items())), dict(sorted(source.items())),
                      dict(sorted(by_lang.items())), by_severity=dict(sorted(by_severity.items())),
                      listed=tuple(listed))


def merge_counts(name: str, counts: Sequence[CleanCount]) -> CleanCount:
    """The sum of several data sets' counts (rates then weigh each translated sentence alike)."""
    def total(field: str) -> dict[str, int]:
        out: Counter[str] = Counter()
        for count in counts:
            out.update(getattr(count, field))
        return dict(sorted(out.items()))

    return CleanCount(name, sum(c.source_sentences for c in counts),
                      sum(c.translations for c in counts), total("by_check"), total("justified"),
                      total("source_by_check"), total("by_lang"),
                      pair_count=sum(c.pairs for c in counts), by_severity=total("by_severity"))


def _justified(flag: Flag, untranslated: frozenset[int], unsourced: frozenset[int]) -> bool:
    if flag.check == "align.addition":
        return bool(flag.targets) and flag.targets <= unsourced
    if group_of(flag.check) != "alignment" or not flag.indices:
        return False
    return flag.indices <= untranslated


# ----------------------------------------------------------------------------- planted errors
@dataclass(frozen=True)
class GoldError:
    lang: str
    kind: str
    expected_check: str
    sentence: int
    entity: str | None
    description: str = ""
    also_accept: tuple[str, ...] = ()


def read_gold(path: Path) -> list[GoldError]:
    data = json.loads(path.read_text("utf-8"))
    return [GoldError(lang=e["lang"], kind=e["kind"], expected_check=e["expected_check"],
                      sentence=int(e["source_sentence"]), entity=e.get("entity"),
                      description=e.get("description", ""),
                      also_accept=tuple(e.get("also_accept", ())))
            for e in data["errors"]]


def check_accepted(error: GoldError, check: str, declared: Iterable[str]) -> bool:
    """The finding's check is the one the error needs.

    A gold check that mtcheck does not declare yet (e.g. "clause-omission") is met by any
    declared omission check other than align.omission (which claims the whole sentence is
    untranslated, the wrong diagnosis for a dropped clause).
    """
    if check == error.expected_check or check in error.also_accept:
        return True
    if error.expected_check not in set(declared):
        return "omission" in check and check != "align.omission"
    return False


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def digits_key(number: str) -> str:
    """The significant digits of a number: "6.6 million" -> "66", "1,200" -> "12"."""
    return re.sub(r"\D", "", number).strip("0")


def entity_matches(entity: str | None, text: str) -> bool:
    """The finding names the error's entity: a number's significant digits, or a word
    (3+ letters, capitalised in the gold) of the name, or the whole name where it has no
    such word (H&M); None (sentence drops) always matches."""
    if entity is None:
        return True
    if any(c.isdigit() for c in entity):
        key = digits_key(entity)
        found = {digits_key(m) for m in re.findall(r"\d[\d.,\u00a0\u202f ]*\d|\d", text)}
        return key in found
    words = {w for w in re.findall(r"\w+", _fold(text))}
    wanted = [_fold(w) for w in re.findall(r"\w+", entity) if len(w) >= 3 and w[0].isupper()]
    if not wanted:
        # A name with no such word (H&M, EU) is named by the whole of it, standing alone.
        whole = re.escape(_fold(entity))
        return re.search(rf"(?<!\w){whole}(?!\w)", _fold(text)) is not None
    return any(w in words for w in wanted)


def flag_matches(error: GoldError, flag: Flag, declared: Iterable[str]) -> bool:
    return (error.sentence in flag.indices and check_accepted(error, flag.check, declared)
            and entity_matches(error.entity, flag.text))


@dataclass(frozen=True)
class PlantedScore:
    found: Mapping[tuple[str, str], tuple[int, int]]  # (lang, kind) -> (found, planted)
    true_flags: int
    false_flags: int
    other_on_edited: int  # unmatched findings on edited sentences: neither true nor false
    false_by_check: Mapping[str, int]
    missed: tuple[GoldError, ...]
    false_by_severity: Mapping[str, int] = dataclasses.field(default_factory=dict)
    # Planted errors matched by a warning or error finding (not only by info ones), and by
    # an error finding (what a gate with findings.error.max = 0 fails on).
    found_above_info: int = 0
    found_by_error: int = 0

    def recall(self, lang: str | None = None, kind: str | None = None) -> tuple[int, int]:
        hit = total = 0
        for (lg, kd), (f, n) in self.found.items():
            if (lang is None or lg == lang) and (kind is None or kd == kind):
                hit, total = hit + f, total + n
        return hit, total

    @property
    def precision(self) -> float | None:
        judged = self.true_flags + self.false_flags
        return self.true_flags / judged if judged else None


def score_planted(errors: Sequence[GoldError], flags: Mapping[str, Sequence[Flag]],
                  declared: Iterable[str] = tuple(CHECKS)) -> PlantedScore:
    """Strict recall and precision of the flags of each language against its gold errors.

    Source-side findings (key 'source') are not judged: the source is unedited.
    """
    declared = tuple(declared)
    found: dict[tuple[str, str], list[int]] = {}
    missed = []
    true_flags = false_flags = other = 0
    false_by_check: Counter[str] = Counter()
    false_by_severity: Counter[str] = Counter()
    above_info = by_error = 0
    by_lang: dict[str, list[GoldError]] = {}
    for error in errors:
        by_lang.setdefault(error.lang, []).append(error)
        cell = found.setdefault((error.lang, error.kind), [0, 0])
        cell[1] += 1
        matched = [f for f in flags.get(error.lang, ()) if flag_matches(error, f, declared)]
        if matched:
            cell[0] += 1
            above_info += any(f.severity != "info" for f in matched)
            by_error += any(f.severity == "error" for f in matched)
        else:
            missed.append(error)
    for lang, lang_flags in flags.items():
        if lang == "source":
            continue
        gold = by_lang.get(lang, [])
        edited = {e.sentence for e in gold}
        for flag in lang_flags:
            if any(flag_matches(error, flag, declared) for error in gold):
                true_flags += 1
            elif flag.indices & edited:
                other += 1
            else:
                false_flags += 1
                false_by_check[flag.check] += 1
                false_by_severity[flag.severity] += 1
    return PlantedScore(
        found={key: (v[0], v[1]) for key, v in sorted(found.items())},
        true_flags=true_flags, false_flags=false_flags, other_on_edited=other,
        false_by_check=dict(sorted(false_by_check.items())), missed=tuple(missed),
        false_by_severity=dict(sorted(false_by_severity.items())),
        found_above_info=above_info, found_by_error=by_error)


# ----------------------------------------------------------------------------- data sets
def run_config() -> Config:
    config = load_config(None)
    return dataclasses.replace(
        config, backtranslation=dataclasses.replace(config.backtranslation, enabled=False))


def _lines_of(document_path: str) -> dict[int, int]:
    return nonempty_line_index(Path(document_path).read_text("utf-8"))


def run_corpus(corpus: Corpus, config: Config) -> tuple[RunResult, dict[str, list[Flag]], int]:
    """Evaluate a line-aligned corpus; flags indexed by non-empty source line."""
    run = evaluate(corpus, config)
    source_lines = _lines_of(corpus.source.path)
    target_lines = {lang: _lines_of(doc.path) for lang, doc in corpus.translations.items()}
    return run, translation_flags(run, source_lines, target_lines), len(source_lines)


def bleualign_paragraphs(beads: Sequence[tuple[list[int], list[int]]], source: Sequence[str],
                         max_sentences: int = 5) -> list[list[tuple[list[int], list[int]]]]:
    """Group gold beads into paragraphs: a heading or caption (a bead whose source lines
    have no sentence-final punctuation) stands alone; other beads gather until a paragraph
    holds ``max_sentences`` source sentences. A paragraph never has an empty side."""
    paragraphs: list[list[tuple[list[int], list[int]]]] = []
    current: list[tuple[list[int], list[int]]] = []

    def close() -> None:
        if not current:
            return
        sides_full = any(s for s, _ in current) and any(t for _, t in current)
        if sides_full or not paragraphs:
            paragraphs.append(list(current))
        else:
            paragraphs[-1].extend(current)
        current.clear()

    for src, tgt in beads:
        heading = bool(src) and all(not re.search(r"[.!?:;\"»«…)]\s*$", source[i]) for i in src)
        if heading:
            close()
            current.append((src, tgt))
            close()
            continue
        current.append((src, tgt))
        if sum(len(s) for s, _ in current) >= max_sentences:
            close()
    close()
    return paragraphs


def read_beads(path: Path) -> list[tuple[list[int], list[int]]]:
    beads = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            left, right = line.split(":")
            beads.append((json.loads(left), json.loads(right)))
    return beads


def bleualign_set(folder: Path, config: Config, workdir: Path) -> CleanCount:
    source = (folder / "dev.de").read_text("utf-8").splitlines()
    target = (folder / "dev.fr").read_text("utf-8").splitlines()
    beads = read_beads(folder / "dev.defr")
    src_out: list[str] = []
    tgt_out: list[str] = []
    src_lines: dict[int, int] = {}
    tgt_lines: dict[int, int] = {}
    for paragraph in bleualign_paragraphs(beads, source):
        if src_out:
            src_out.append("")
            tgt_out.append("")
        for src, tgt in paragraph:
            for i in src:
                src_out.append(source[i].strip())
                src_lines[len(src_out)] = i
            for j in tgt:
                tgt_out.append(target[j].strip())
                tgt_lines[len(tgt_out)] = j
    src_path, tgt_path = workdir / "dev.de.txt", workdir / "dev.fr.txt"
    src_path.write_text("\n".join(src_out) + "\n", "utf-8")
    tgt_path.write_text("\n".join(tgt_out) + "\n", "utf-8")
    corpus = adhoc_corpus(src_path, "de", {"fr": tgt_path})
    run = evaluate(corpus, config)
    flags = translation_flags(run, src_lines, {"fr": tgt_lines})
    untranslated = frozenset(i for s, t in beads if not t for i in s)
    unsourced = frozenset(j for s, t in beads if not s for j in t)
    return count_clean("bleualign-dev (de→fr)", len(source), flags, untranslated,
                       {"fr": unsourced})


def shipped_references(folder: Path, config: Config) -> CleanCount:
    corpus = load_corpus(folder)
    as_translations = dataclasses.replace(corpus, translations=dict(corpus.references),
                                          references={}, gold_dir=None)
    run, flags, _ = run_corpus(as_translations, config)
    # The shipped source has several sentences per line: count segmented sentences.
    return count_clean(f"{corpus.id} references", len(run.source.sentences), flags)


def documents(root: Path, marker: str, splits: dict[str, str],
              wanted: str | None) -> list[tuple[Path, str]]:
    """(folder, split) of each document folder under ``root`` holding ``marker``, in name
    order; only those of split ``wanted`` when one is given."""
    found = [(p.parent, splits.get(p.parent.name, "?")) for p in sorted(root.glob(f"*/{marker}"))]
    return [(folder, split) for folder, split in found if not wanted or split == wanted]


def split_of(clean_root: Path) -> dict[str, str]:
    """doc id -> 'dev' | 'test' from the clean corpus README's lists."""
    readme = clean_root / "README.md"
    out: dict[str, str] = {}
    if readme.exists():
        for match in re.finditer(r"^- `([\w-]+)`.*?\b(dev|test)\b", readme.read_text("utf-8"), re.M):
            out[match.group(1)] = match.group(2)
    return out


# ----------------------------------------------------------------------------- output
def clean_rows(count: CleanCount) -> list[str]:
    shape = (f"{count.source_sentences} source sentences x {count.translations} translation(s)"
             if count.pair_count is None else
             f"{count.source_sentences} source sentences, {count.translations} translations")
    rows = [f"{count.name}: {shape} = {count.pairs} translated sentences"]
    for group in ("names", "numbers", "alignment", "other"):
        checks = {c: n for c, n in count.by_check.items() if group_of(c) == group}
        total = sum(checks.values())
        severities = ", ".join(f"{sev} {count.by_severity.get(f'{group}/{sev}', 0)}"
                               for sev in SEVERITIES)
        rows.append(f"  {group:<10} {total:>5}  {count.per100(total):6.2f} /100"
                     + (f"  ({severities})" if total else ""))
        rows += [f"    {c:<28} {n:>5}  {count.per100(n):6.2f} /100" for c, n in checks.items()]
    if count.by_lang:
        rows.append("  per translation: " + ", ".join(f"{lg} {n}" for lg, n in count.by_lang.items()))
    for c, n in count.justified.items():
        rows.append(f"  justified by gold  {c:<20} {n:>5}")
    for c, n in count.source_by_check.items():
        per = 100.0 * n / count.source_sentences if count.source_sentences else 0.0
        rows.append(f"  on the source      {c:<20} {n:>5}  {per:6.2f} /100 source sentences")
    return rows


def planted_rows(name: str, score: PlantedScore) -> list[str]:
    hit, total = score.recall()
    precision = score.precision
    rows = [f"{name}: recall {hit}/{total} = {hit / total if total else 0:.3f}; precision "
            f"{score.true_flags}/{score.true_flags + score.false_flags} = "
            f"{'-' if precision is None else f'{precision:.3f}'}; "
            f"{score.other_on_edited} other finding(s) on edited sentences"]
    rows.append(f"  found by a warning or error {score.found_above_info}/{total}, by an error "
                f"{score.found_by_error}/{total}; false by "
                "severity: " + ", ".join(f"{sev} {score.false_by_severity.get(sev, 0)}"
                                         for sev in SEVERITIES))
    kinds = sorted({k for _, k in score.found})
    langs = sorted({lg for lg, _ in score.found})
    for kind in kinds:
        h, t = score.recall(kind=kind)
        rows.append(f"  kind {kind:<24} {h:>3}/{t:<3}")
    for lang in langs:
        h, t = score.recall(lang=lang)
        rows.append(f"  lang {lang:<24} {h:>3}/{t:<3}")
    for check, n in score.false_by_check.items():
        rows.append(f"  false {check:<23} {n:>3}")
    return rows


def clean_json(count: CleanCount) -> dict[str, Any]:
    return {
        "source_sentences": count.source_sentences, "translations": count.translations,
        "translated_sentences": count.pairs,
        "false_by_check": dict(count.by_check),
        "false_by_lang": dict(count.by_lang),
        "false_per_100": {g: round(count.per100(count.group_total(g)), 2)
                          for g in ("names", "numbers", "alignment", "other")},
        # The headline above counts every unsuppressed finding; this splits it by severity
        # (an info finding is shown but does not fail the gate).
        "false_by_severity": dict(count.by_severity),
        "false_per_100_by_severity": {
            key: round(count.per100(n), 2) for key, n in count.by_severity.items()},
        "false_findings": [{"lang": lang, "check": check, "severity": severity, "text": text}
                           for lang, check, severity, text in count.listed],
        "justified_by_gold": dict(count.justified),
        "source_findings": dict(count.source_by_check),
    }


def planted_json(score: PlantedScore) -> dict[str, Any]:
    hit, total = score.recall()
    return {
        "recall": [hit, total],
        "by_kind": {k: list(score.recall(kind=k)) for k in sorted({k for _, k in score.found})},
        "by_lang": {lg: list(score.recall(lang=lg)) for lg in sorted({lg for lg, _ in score.found})},
        "true_findings": score.true_flags, "false_findings": score.false_flags,
        "other_on_edited": score.other_on_edited, "false_by_check": dict(score.false_by_check),
        "false_by_severity": dict(score.false_by_severity),
        "found_above_info": score.found_above_info, "found_by_error": score.found_by_error,
        "missed": [dataclasses.asdict(e) for e in score.missed],
    }


def merge_scores(scores: Sequence[PlantedScore]) -> PlantedScore:
    found: dict[tuple[str, str], tuple[int, int]] = {}
    false_by_check: Counter[str] = Counter()
    false_by_severity: Counter[str] = Counter()
    for score in scores:
        for key, (f, n) in score.found.items():
            old = found.get(key, (0, 0))
            found[key] = (old[0] + f, old[1] + n)
        false_by_check.update(score.false_by_check)
        false_by_severity.update(score.false_by_severity)
    return PlantedScore(dict(sorted(found.items())), sum(s.true_flags for s in scores),
                        sum(s.false_flags for s in scores), sum(s.other_on_edited for s in scores),
                        dict(sorted(false_by_check.items())),
                        tuple(e for s in scores for e in s.missed),
                        dict(sorted(false_by_severity.items())),
                        sum(s.found_above_info for s in scores),
                        sum(s.found_by_error for s in scores))


def inventory(clean_root: Path, planted_root: Path) -> list[str]:
    """What the clean and planted corpora hold: documents, sentences, languages, errors."""
    splits = split_of(clean_root)
    rows = ["== Data"]
    sentences: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for folder in sorted(p.parent for p in clean_root.glob("*/manifest.toml")):
        corpus = load_corpus(folder)
        n = len(nonempty_line_index(Path(corpus.source.path).read_text("utf-8")))
        langs = sorted(corpus.translations)
        split = splits.get(folder.name, "?")
        for key in ("all", split):
            sentences[key] += n
            pairs[key] += n * len(langs)
        rows.append(f"  {folder.name} [{split}]: {corpus.source.lang} source, "
                    f"{n} sentences -> {', '.join(langs)}")
    for key in ["all", *sorted(k for k in sentences if k != "all")]:
        label = "clean" if key == "all" else f"clean {key}"
        rows.append(f"  {label}: {sentences[key]} source sentences, {pairs[key]} translated sentences")
    by_split: dict[str, list[GoldError]] = {"all": []}
    for gold in sorted(planted_root.glob("*/gold.json")):
        errors = read_gold(gold)
        by_split["all"] += errors
        by_split.setdefault(splits.get(gold.parent.name, "?"), []).extend(errors)
    for key, errors in sorted(by_split.items(), key=lambda item: (item[0] != "all", item[0])):
        label = "planted" if key == "all" else f"planted {key}"
        kinds = Counter(e.kind for e in errors)
        langs_count = Counter(e.lang for e in errors)
        rows.append(f"  {label}: {len(errors)} errors; by kind: "
                    + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
        rows.append(f"  {label} by language: "
                    + ", ".join(f"{k} {n}" for k, n in sorted(langs_count.items())))
    return rows


def default_bleualign() -> Path:
    """../shared/data/bleualign-dev beside the checkout (or beside a folder above it)."""
    for parent in ROOT.parents:
        candidate = parent / "shared" / "data" / "bleualign-dev"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "data" / "bleualign-dev"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bleualign", type=Path, default=None,
                        help="the Bleualign dev set folder (default ../shared/data/bleualign-dev)")
    parser.add_argument("--skip-bleualign", action="store_true")
    parser.add_argument("--clean", type=Path, default=ROOT / "corpora" / "clean")
    parser.add_argument("--planted", type=Path, default=ROOT / "corpora" / "planted")
    parser.add_argument("--shipped", type=Path, default=ROOT / "corpora" / "shoigu-visits-iran")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--missed", action="store_true", help="list the planted errors missed")
    parser.add_argument("--split", choices=("dev", "test"), default=None,
                        help="only the clean and planted documents of this split")
    parser.add_argument("--inventory", action="store_true",
                        help="only list the documents, languages and planted errors")
    args = parser.parse_args(argv)
    if args.inventory:
        print("\n".join(inventory(args.clean, args.planted)))
        return 0
    config = run_config()
    report: dict[str, Any] = {"clean": {}, "planted": {}}
    lines: list[str] = ["== False findings on clean translations (per 100 translated source sentences)"]
    counts: list[CleanCount] = []
    if not args.skip_bleualign:
        folder = args.bleualign or default_bleualign()
        if not (folder / "dev.defr").exists():
            parser.error(f"{folder}: no Bleualign dev set here (give --bleualign or --skip-bleualign)")
        with tempfile.TemporaryDirectory() as tmp:
            counts.append(bleualign_set(folder, config, Path(tmp)))
    if args.shipped.exists():
        counts.append(shipped_references(args.shipped, config))
    splits = split_of(args.clean)
    by_split: dict[str, list[CleanCount]] = {}
    for folder, split in documents(args.clean, "manifest.toml", splits, args.split):
        corpus = load_corpus(folder)
        _, flags, n = run_corpus(corpus, config)
        counts.append(count_clean(f"{folder.name} [{split}]", n, flags))
        by_split.setdefault(split, []).append(counts[-1])
    for split, group in sorted(by_split.items()):
        counts.append(merge_counts(f"all {split} documents", group))
    for count in counts:
        lines += clean_rows(count)
        report["clean"][count.name] = clean_json(count)
    lines.append("")
    lines.append("== Planted errors (strict: right check, right source sentence, right entity)")
    scores: dict[str, list[PlantedScore]] = {}
    for folder, split in documents(args.planted, "gold.json", splits, args.split):
        corpus = load_corpus(folder)
        _, flags, _ = run_corpus(corpus, config)
        score = score_planted(read_gold(folder / "gold.json"), flags)
        scores.setdefault(split, []).append(score)
        lines += planted_rows(f"{folder.name} [{split}]", score)
        report["planted"][folder.name] = planted_json(score)
        if args.missed:
            lines += [f"    missed {e.lang} #{e.sentence} {e.kind} ({e.expected_check}): {e.description}"
                      for e in score.missed]
    for split, planted in sorted(scores.items()):
        merged = merge_scores(planted)
        lines += planted_rows(f"all {split} documents", merged)
        report["planted"][f"all {split}"] = planted_json(merged)
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                             "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
