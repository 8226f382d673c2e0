"""Omission benchmark: seeded sentence and clause drops in real human translations.

Run from the repository root:

    python benchmarks/omission_bench.py                       # the Bleualign dev set
    python benchmarks/omission_bench.py ../shared/data/bleualign-dev --per-cell 20 --seed 0
    python benchmarks/omission_bench.py --clean corpora/clean --langs fr,ru,ja
    python benchmarks/omission_bench.py --svg docs/omission-pr.svg
    python benchmarks/omission_bench.py --misses              # list every miss and flag
    python benchmarks/omission_bench.py --runtime 7       # cost of the check, 7 rounds
    python benchmarks/omission_bench.py --truncation --clean corpora/clean  # cut-off translations
    python benchmarks/omission_bench.py --kinds sentence --misses  # sentence drops only

The Bleualign dev set (German source ``dev.de``, French translation ``dev.fr``,
gold beads ``dev.defr``) is rebuilt into paragraphs on gold bead boundaries
(seeded: 3 to 7 beads a paragraph, never a paragraph empty on one side). Each
variant document then gets exactly one seeded edit in the French text:

* ``sentence``: the French sentence of a gold 1-1 bead is deleted;
* ``clause-first`` / ``clause-second``: a comma- or semicolon-delimited clause of
  30-70 % of a French sentence's characters is deleted, lying in the first or the
  second half of that sentence;

each at paragraph start, middle and end (``--per-cell`` variants per edit kind
and position). Every variant is sentence-aligned and checked the way
``mtcheck evaluate`` does it without a model; an edit counts as found when an
omission finding names the edited source sentence. False flags are omission
findings on any other source sentence, per 100 such sentences (the gold's own
1-0 sentences are left out and reported apart), on the edited variants and on
the untouched text. The precision-recall curve sweeps the partial-omission
threshold (``[omission] threshold`` in the config); findings that do not depend
on it (1-0 beads) count at every point.

``--runtime N`` times ``mtcheck evaluate``'s library call (no model) on
``corpora/shoigu-visits-iran`` with the omission check on and off, in N
interleaved rounds (the order reversed every other round), and prints min and median of
each and the ratio of the medians (the baseline is the run with ``[omission] enabled =
false``); then times alignment and the omission stage apart on the rebuilt dev document,
and ``evaluate`` on it with and without the check. Every run starts with the package's
caches of texts and words empty (tables stay loaded), as a run over a new document does.

``--truncation`` measures cut-off translations instead: each variant keeps the
translation up to a gold 1-1 bead's French sentence and drops the rest, either
cutting that sentence mid-way (``mid-sentence``: 40-70 % of it kept, at a word
boundary) or keeping it whole (``sentence-end``). Reported: how often the kept
fragment (or last sentence) is paired with exactly its source sentence, how
often an ``align.truncation`` finding names exactly the source sentences after
it, and the omission findings on source sentences before the cut (false flags
per 100 such sentences; gold 1-0 sentences left out).

``--clean corpora/clean`` adds the clean corpora there (one ``source.<lang>.txt``
each, any source language), one data set per translation language in ``--langs``
(pooled over the documents; one
sentence a line, blank lines between paragraphs, so the gold is 1-1 line by
line), edited the same way. Clause drops there also cut at 、 and ，.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mtcheck.align import align_documents  # noqa: E402
from mtcheck.align.gold import BeadIds, parse_vecalign  # noqa: E402
from mtcheck.config import Config, load_config  # noqa: E402
from mtcheck.corpus import Corpus, read_text  # noqa: E402
from mtcheck.omission import OMISSION_CHECKS, omission_candidates  # noqa: E402
from mtcheck.omission.detect import (  # noqa: E402
    bar_for,
    document_length_model,
    document_threshold,
    reported,
)
from mtcheck.omission.lengths import text_length  # noqa: E402
from mtcheck.omissions import alignment_findings  # noqa: E402
from mtcheck.types import (  # noqa: E402
    Alignment,
    Document,
    Paragraph,
    SegmentedDocument,
    Sentence,
)

T = TypeVar("T")
DEV = ROOT.parent / "shared" / "data" / "bleualign-dev"
KINDS = ("sentence", "clause-first", "clause-second")
POSITIONS = ("start", "middle", "end")
# Clause drops: a clause between commas/semicolons of this share of the sentence.
CLAUSE_SHARE = (0.30, 0.70)
# What delimits the clauses a clause drop may delete (Latin, CJK and fullwidth forms).
CLAUSE_MARKS = ",;、，；"
# Sentences shorter than this (OCR debris, page numbers) are not chosen for edits.
MIN_EDIT_CHARS = 20


@dataclass(frozen=True)
class Parallel:
    """A line-aligned parallel text with its gold beads and paragraph grouping."""

    name: str
    source_lang: str
    target_lang: str
    source: list[str]
    target: list[str]
    gold: list[BeadIds]
    paragraphs: list[list[BeadIds]]  # beads grouped into paragraphs


@dataclass(frozen=True)
class Variant:
    kind: str  # "none" or one of KINDS
    position: str
    source: SegmentedDocument
    target: SegmentedDocument
    edited: int | None  # the source sentence whose translation lost content
    gold_omitted: tuple[int, ...]  # source sentences the translator left out (gold 1-0)


# --------------------------------------------------------------------------- data
def load_dev(path: Path, seed: int) -> Parallel:
    source = read_text(path / "dev.de").splitlines()
    target = read_text(path / "dev.fr").splitlines()
    gold = parse_vecalign(read_text(path / "dev.defr"), str(path / "dev.defr"))
    return Parallel(f"bleualign-dev (de -> fr), {path}", "de", "fr", source, target, gold,
                    paragraph_beads(gold, seed))


def paragraph_beads(gold: Sequence[BeadIds], seed: int) -> list[list[BeadIds]]:
    """Beads cut into paragraphs of 3-7 beads; a group empty on one side joins the previous."""
    generator = random.Random(seed)
    paragraphs: list[list[BeadIds]] = []
    index = 0
    while index < len(gold):
        size = generator.randint(3, 7)
        group = list(gold[index:index + size])
        index += size
        has_source = any(s for s, _ in group)
        has_target = any(t for _, t in group)
        if paragraphs and not (has_source and has_target):
            paragraphs[-1].extend(group)
        else:
            paragraphs.append(group)
    return paragraphs


def load_clean(root: Path, lang: str, split: str = "all") -> list[Parallel]:
    """The clean corpora under ``root`` of ``split`` (the README's, as ``heldout.py`` reads
    it; "all" for every folder) with a ``lang`` translation (any source language).

    Each has one sentence a line and blank lines between paragraphs, in the source and
    in ``translations/<lang>.txt`` alike: the gold is 1-1 line by line.
    """
    from heldout import split_of

    splits = split_of(root)
    found = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if split != "all" and splits.get(folder.name) != split:
            continue
        sources = sorted(folder.glob("source.*.txt"))
        target_path = folder / "translations" / f"{lang}.txt"
        if len(sources) != 1 or not target_path.exists():
            continue
        source_path = sources[0]
        source_lang = source_path.name.split(".")[1]
        source_blocks = _blocks(read_text(source_path))
        target_blocks = _blocks(read_text(target_path))
        if [len(b) for b in source_blocks] != [len(b) for b in target_blocks]:
            print(f"{target_path}: paragraphs differ from the source, skipped")
            continue
        paragraphs, k = [], 0
        for block in source_blocks:
            paragraphs.append([((i,), (i,)) for i in range(k, k + len(block))])
            k += len(block)
        found.append(Parallel(
            f"{folder.name} ({source_lang} -> {lang})", source_lang, lang,
            [line for block in source_blocks for line in block],
            [line for block in target_blocks for line in block],
            [bead for group in paragraphs for bead in group], paragraphs))
    return found


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def build_document(lang: str, paragraphs: Sequence[Sequence[str]], name: str) -> SegmentedDocument:
    """A segmented document whose sentences are the given lines, paragraph by paragraph."""
    built_paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    line = 1
    for index, texts in enumerate(paragraphs):
        offset = 0
        for text in texts:
            sentences.append(Sentence(id=len(sentences), paragraph=index, text=text,
                                      start=offset, end=offset + len(text), line=line))
            offset += len(text) + 1
        built_paragraphs.append(Paragraph(index=index, text=" ".join(texts), line=line))
        line += 2
    document = Document(path=name, lang=lang, paragraphs=tuple(built_paragraphs))
    return SegmentedDocument(document, tuple(sentences), "lines")


def documents(data: Parallel, target: Sequence[str] | None = None,
              dropped: int | None = None) -> tuple[SegmentedDocument, SegmentedDocument]:
    """Source and target documents; ``target`` replaces the target lines, ``dropped`` goes."""
    lines = list(target if target is not None else data.target)
    source_paragraphs = [[data.source[i] for s, _ in group for i in s]
                         for group in data.paragraphs]
    target_paragraphs = [[lines[j] for _, t in group for j in t if j != dropped]
                         for group in data.paragraphs]
    return (build_document(data.source_lang, source_paragraphs, "source"),
            build_document(data.target_lang, target_paragraphs, "target"))


def _positions(data: Parallel) -> dict[int, str]:
    """Target line -> start/middle/end of its paragraph (single-sentence paragraphs: none)."""
    where: dict[int, str] = {}
    for group in data.paragraphs:
        ids = [j for _, t in group for j in t]
        for k, j in enumerate(ids):
            if len(ids) >= 3 or (len(ids) == 2):
                where[j] = "start" if k == 0 else "end" if k == len(ids) - 1 else "middle"
    return where


def clause_cuts(text: str) -> list[tuple[int, int]]:
    """(start, end) of the comma/semicolon-delimited clauses of a sentence, final mark excluded."""
    body_end = len(text.rstrip())
    while body_end and text[body_end - 1] in ".!?…。！？ ":
        body_end -= 1
    cuts, start = [], 0
    for k, ch in enumerate(text[:body_end]):
        # A comma between digits is a decimal or thousands separator ("1,3 млн"), no clause mark.
        if (ch in CLAUSE_MARKS and not (0 < k < len(text) - 1 and text[k - 1].isdigit()
                                        and text[k + 1].isdigit())):
            cuts.append((start, k))
            start = k + 1
    cuts.append((start, body_end))
    return [(a, b) for a, b in cuts if text[a:b].strip()]


def without_clause(text: str, clause: tuple[int, int], cuts: Sequence[tuple[int, int]]) -> str:
    """The sentence with one clause and its delimiter removed, still a sentence."""
    _a, b = clause
    if clause == cuts[0]:
        rest = text[cuts[1][0]:].lstrip()
        return rest[:1].upper() + rest[1:]
    previous_end = cuts[cuts.index(clause) - 1][1]
    return (text[:previous_end].rstrip() + text[b:]).strip()


def variants(data: Parallel, per_cell: int, seed: int) -> list[Variant]:
    generator = random.Random(seed)
    one_to_one = {t[0]: s[0] for s, t in data.gold if len(s) == 1 and len(t) == 1}
    gold_omitted = tuple(i for s, t in data.gold if s and not t for i in s)
    where = _positions(data)
    source, target = documents(data)
    out = [Variant("none", "", source, target, None, _renumber(data, gold_omitted))]
    sentence_candidates: dict[str, list[int]] = {p: [] for p in POSITIONS}
    clause_candidates: dict[tuple[str, str], list[tuple[int, tuple[int, int]]]] = {}
    for j, _i in sorted(one_to_one.items()):
        text = data.target[j]
        if j not in where or len(text) < MIN_EDIT_CHARS:
            continue
        sentence_candidates[where[j]].append(j)
        cuts = clause_cuts(text)
        if len(cuts) < 2:
            continue
        for a, b in cuts:
            share = (b - a) / max(len(text), 1)
            if CLAUSE_SHARE[0] <= share <= CLAUSE_SHARE[1]:
                half = "clause-first" if (a + b) / 2 < len(text) / 2 else "clause-second"
                clause_candidates.setdefault((half, where[j]), []).append((j, (a, b)))
    for position in POSITIONS:
        for j in _sample(generator, sentence_candidates[position], per_cell):
            source, target = documents(data, dropped=j)
            out.append(Variant("sentence", position, source, target,
                               _source_id(data, one_to_one[j]), _renumber(data, gold_omitted)))
    for kind in KINDS[1:]:
        for position in POSITIONS:
            for j, clause in _sample(generator, clause_candidates.get((kind, position), []),
                                     per_cell):
                lines = list(data.target)
                lines[j] = without_clause(lines[j], clause, clause_cuts(lines[j]))
                source, target = documents(data, target=lines)
                out.append(Variant(kind, position, source, target,
                                   _source_id(data, one_to_one[j]), _renumber(data, gold_omitted)))
    return out


def _sample(generator: random.Random, items: Sequence[T], count: int) -> list[T]:
    return generator.sample(list(items), min(count, len(items)))


def _source_id(data: Parallel, line: int) -> int:
    """Sentence id in the built source document of source line ``line``."""
    order = [i for group in data.paragraphs for s, _ in group for i in s]
    return order.index(line)


def _renumber(data: Parallel, lines: Iterable[int]) -> tuple[int, ...]:
    return tuple(_source_id(data, i) for i in lines)


# --------------------------------------------------------------------------- truncation
TRUNCATION_KINDS = ("mid-sentence", "sentence-end")
# Share of the last kept sentence a mid-sentence cut keeps.
FRAGMENT_SHARE = (0.40, 0.70)


@dataclass(frozen=True)
class CutVariant:
    kind: str  # one of TRUNCATION_KINDS
    source: SegmentedDocument
    target: SegmentedDocument
    last_source: int  # the source sentence whose translation is the last (cut) one
    last_target: int  # that translation's sentence id in the cut target
    gold_omitted: tuple[int, ...]


def fragment(text: str, generator: random.Random, spaced: bool) -> str:
    """The first 40-70 % of ``text``, ending at a word boundary where words are spaced."""
    keep = int(len(text) * generator.uniform(*FRAGMENT_SHARE))
    if spaced:
        space = text.rfind(" ", 0, keep + 1)
        keep = space if space > 0 else keep
    return text[:keep].rstrip(" ,;:")


def cut_variants(data: Parallel, per_cell: int, seed: int) -> list[CutVariant]:
    """Translations cut after (or inside) a gold 1-1 bead, ``per_cell`` of each kind."""
    from mtcheck.omission.support import spaced

    generator = random.Random(seed)
    one_to_one = {t[0]: s[0] for s, t in data.gold if len(s) == 1 and len(t) == 1}
    gold_omitted = _renumber(data, (i for s, t in data.gold if s and not t for i in s))
    order = [j for group in data.paragraphs for _, t in group for j in t]
    # Not in the first three translations: a cut there leaves no text to pair.
    candidates = [j for j in order[3:] if j in one_to_one
                  and len(data.target[j]) >= MIN_EDIT_CHARS]
    out = []
    for kind in TRUNCATION_KINDS:
        for j in _sample(generator, candidates, per_cell):
            last = (fragment(data.target[j], generator, spaced(data.target_lang))
                    if kind == "mid-sentence" else data.target[j])
            paragraphs: list[list[str]] = []
            for group in data.paragraphs:
                lines = [data.target[k] if k != j else last for _, t in group for k in t
                         if order.index(k) <= order.index(j)]
                if lines:
                    paragraphs.append(lines)
                if any(j in t for _, t in group):
                    break
            source, _ = documents(data)
            target = build_document(data.target_lang, paragraphs, "target")
            out.append(CutVariant(kind, source, target, _source_id(data, one_to_one[j]),
                                  len(target.sentences) - 1, gold_omitted))
    return out


def run_truncation(name: str, data_sets: Sequence[Parallel], per_cell: int, seed: int,
                   config: Config) -> None:
    from mtcheck.omission import omission_findings

    started = time.perf_counter()
    counts: dict[str, list[int]] = {k: [0, 0, 0, 0, 0] for k in TRUNCATION_KINDS}
    for data in data_sets:
        for v in cut_variants(data, per_cell, seed):
            alignment = align_documents(v.source, v.target, config.align)
            aligned = alignment_findings(v.source, v.target, alignment)
            findings = omission_findings(v.source, v.target, alignment, None, config.omission,
                                         aligned)
            paired = next((p.source_ids for p in alignment.pairs
                           if v.last_target in p.target_ids), ())
            after = tuple(range(v.last_source + 1, len(v.source.sentences)))
            truncated = [f.source_ids for f in findings if f.check == "align.truncation"]
            before = [i for i in range(v.last_source) if i not in v.gold_omitted]
            false = {s for f in findings if f.check in OMISSION_CHECKS - {"align.truncation"}
                     for s in f.source_ids if s in before}
            row = counts[v.kind]
            row[0] += 1
            row[1] += paired == (v.last_source,)
            row[2] += bool(after) and after in truncated
            row[3] += len(false)
            row[4] += len(before)
    print(f"\n{name}: cut-off translations ({time.perf_counter() - started:.1f} s)")
    print(f"    {'cut':<14}{'variants':>9}{'last paired':>13}{'truncation':>12}"
          f"{'false/100 before':>18}")
    for kind, (n, paired_ok, truncated_ok, flagged, untouched) in counts.items():
        if n:
            print(f"    {kind:<14}{n:>9}{paired_ok / n:>13.2f}{truncated_ok / n:>12.2f}"
                  f"{100 * flagged / max(untouched, 1):>18.2f}")


# --------------------------------------------------------------------------- run
@dataclass(frozen=True)
class Outcome:
    variant: Variant
    fixed: frozenset[int]  # source sentences flagged by threshold-free findings
    scores: dict[int, float]  # source sentence -> best partial-omission score
    alignment: Alignment
    pieces: dict[int, str]  # source sentence -> "kind: text" of its best-scoring piece
    # The edited sentence's pair: its length z-score against the document's length model
    # (None: the sentence is unpaired).
    edited_z: float | None = None


def run_variant(variant: Variant, config: Config) -> Outcome:
    alignment = align_documents(variant.source, variant.target, config.align)
    candidates = omission_candidates(variant.source, variant.target, alignment, None,
                                     config.omission)
    moved = {c.instead_of for c in candidates if c.instead_of is not None}
    fixed = {s for f in alignment_findings(variant.source, variant.target, alignment)
             if f.check in OMISSION_CHECKS for s in f.source_ids
             if not (f.check == "align.omission" and s in moved)}
    # Scores are stored against the config's threshold: the bar a candidate needs in its
    # document (bar_for) shifts them, so sweeping the threshold shifts every bar alike.
    bar = document_threshold(candidates, config.omission)
    scores: dict[int, float] = {}
    pieces: dict[int, str] = {}
    # Of a merged pair's best sentence and best part of a sentence, the check reports only
    # the one further above its bar: the other is left out here when both pass at the config's
    # threshold (exact there, which the tables use).
    shown = {id(c) for c in reported(candidates, bar, config.omission)}
    passing = {c.pair_index for c in candidates if not c.threshold_free and id(c) in shown}
    for candidate in candidates:
        if candidate.threshold_free:
            fixed.add(candidate.source_id)
        else:
            shift = config.omission.threshold - bar_for(candidate, bar, config.omission)
            if candidate.pair_index in passing and id(candidate) not in shown:
                continue
            if candidate.score + shift > scores.get(candidate.source_id, -1e9):
                scores[candidate.source_id] = candidate.score + shift
                pieces[candidate.source_id] = f"{candidate.kind}: {candidate.text}"
    edited_z = None
    pair = next((p for p in alignment.pairs if variant.edited in p.source_ids and p.target_ids),
                None)
    if pair is not None:
        model = document_length_model(variant.source, variant.target, alignment, config.omission)
        edited_z = model.z(sum(text_length(variant.source.sentences[i].text)
                               for i in pair.source_ids),
                           sum(text_length(variant.target.sentences[j].text)
                               for j in pair.target_ids))
    return Outcome(variant, frozenset(fixed), scores, alignment, pieces, edited_z)


def flagged(outcome: Outcome, sentence: int, threshold: float) -> bool:
    return sentence in outcome.fixed or outcome.scores.get(sentence, -1e9) >= threshold


@dataclass(frozen=True)
class Point:
    threshold: float
    recall: dict[str, float]  # per edit kind, plus "all"
    false_per_100: float
    untouched_per_100: float
    precision: float


def evaluate_at(outcomes: Sequence[Outcome], threshold: float) -> Point:
    found: dict[str, list[bool]] = {}
    false = total = untouched_false = untouched_total = 0
    for outcome in outcomes:
        v = outcome.variant
        skip = set(v.gold_omitted) | ({v.edited} if v.edited is not None else set())
        flags = sum(flagged(outcome, s.id, threshold) for s in v.source.sentences
                    if s.id not in skip)
        others = len(v.source.sentences) - len(skip)
        if v.kind == "none":
            untouched_false += flags
            untouched_total += others
            continue
        false += flags
        total += others
        hit = flagged(outcome, v.edited, threshold)  # type: ignore[arg-type]
        found.setdefault(v.kind, []).append(hit)
        found.setdefault(f"{v.kind}@{v.position}", []).append(hit)
        found.setdefault("clause" if v.kind.startswith("clause") else "sentences", []).append(hit)
        found.setdefault("all", []).append(hit)
    recall = {k: sum(x) / len(x) for k, x in found.items() if x}
    hits = sum(sum(x) for k, x in found.items() if k == "all")
    edited = len(found.get("all", []))
    # Precision per edited document: edits found against flags raised on untouched sentences,
    # scaled to one edit per document.
    false_per_doc = false / max(edited, 1)
    precision = hits / edited / (hits / edited + false_per_doc) if hits else 0.0
    return Point(threshold, recall, 100 * false / max(total, 1),
                 100 * untouched_false / max(untouched_total, 1), precision)


def gold_omissions_found(outcomes: Sequence[Outcome], threshold: float) -> tuple[int, int]:
    bases = [o for o in outcomes if o.variant.kind == "none"]
    found = sum(flagged(b, s, threshold) for b in bases for s in b.variant.gold_omitted)
    return found, sum(len(b.variant.gold_omitted) for b in bases)


def print_report(name: str, sentences: int, paragraphs: int, outcomes: Sequence[Outcome],
                 threshold: float, elapsed: float) -> list[Point]:
    point = evaluate_at(outcomes, threshold)
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[f"{o.variant.kind}@{o.variant.position}"] = counts.get(
            f"{o.variant.kind}@{o.variant.position}", 0) + 1
    edited = sum(o.variant.kind != "none" for o in outcomes)
    print(f"\n{name}: {sentences} source sentences, {paragraphs} paragraphs, {edited} edited "
          f"variants ({elapsed:.1f} s)")
    print(f"  at threshold {threshold:g}:")
    print(f"    {'edit':<15}" + "".join(f"{p:>9}" for p in POSITIONS) + f"{'all':>9}")
    for kind in KINDS:
        cells = []
        for position in POSITIONS:
            key = f"{kind}@{position}"
            cells.append(f"{point.recall[key]:>6.2f}/{counts[key]:<2}" if key in point.recall
                         else f"{'-':>9}")
        print(f"    {kind:<15}" + "".join(cells) + f"{_share(point.recall.get(kind)):>9}")
    print(f"    sentence drops {_share(point.recall.get('sentences'))}, clause drops "
          f"{_share(point.recall.get('clause'))}; false flags per 100 untouched sentences "
          f"{point.false_per_100:.2f} (edited variants), {point.untouched_per_100:.2f} "
          "(untouched text)")
    found, total = gold_omissions_found(outcomes, threshold)
    print(f"    translator's own 1-0 sentences in the gold flagged: {found}/{total}")
    curve = [evaluate_at(outcomes, t) for t in _thresholds(outcomes)]
    print("  precision-recall over the threshold (recall: sentences / clauses / all; "
          "precision: found edits over all flags, one edit per document):")
    print(f"    {'threshold':>9} {'sent':>6} {'clause':>6} {'all':>6} {'false/100':>9} "
          f"{'untouched':>9} {'precision':>9}")
    for p in curve:
        print(f"    {p.threshold:>9.2f} {p.recall.get('sentences', 0):>6.2f} "
              f"{p.recall.get('clause', 0):>6.2f} {p.recall.get('all', 0):>6.2f} "
              f"{p.false_per_100:>9.2f} {p.untouched_per_100:>9.2f} {p.precision:>9.3f}")
    return curve


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_misses(outcomes: Sequence[Outcome], threshold: float) -> None:
    """Every edit not found and every flag on the untouched text, with the pair the aligner
    made and the best piece the check tested (score against the threshold, its document's
    bar already taken into account)."""
    print(f"  missed edits and flags on the untouched text at threshold {threshold:g}:")
    classes: dict[str, list[int]] = {}
    for outcome in outcomes:
        v = outcome.variant
        if v.kind.startswith("clause") and v.edited is not None:
            pair = next((p for p in outcome.alignment.pairs if v.edited in p.source_ids), None)
            shape = (f"{len(pair.source_ids)}-{len(pair.target_ids)}" if pair else "?")
            z = outcome.edited_z
            key = ("unpaired" if z is None else
                   f"{'1-1' if shape == '1-1' else 'merged or split'}, length z "
                   + ("> -1.5" if z > -1.5 else "-2.5 .. -1.5" if z > -2.5 else "<= -2.5"))
            counts = classes.setdefault(key, [0, 0])
            counts[0] += not flagged(outcome, v.edited, threshold)
            counts[1] += 1
    print("    clause drops missed, by the edited sentence's pair (shape, length z-score of the "
          "pair against the document's length model):")
    for key, (missed, edits) in sorted(classes.items()):
        print(f"      {key:<40} {missed:>4} missed of {edits}")
    for outcome in outcomes:
        v = outcome.variant
        if v.kind == "none":
            skip = set(v.gold_omitted)
            shown = [s.id for s in v.source.sentences
                     if s.id not in skip and flagged(outcome, s.id, threshold)]
            label = "FLAG (untouched text)"
        elif v.edited is not None and not flagged(outcome, v.edited, threshold):
            shown, label = [v.edited], f"MISS {v.kind}@{v.position}"
        else:
            continue
        for sentence in shown:
            pair = next((p for p in outcome.alignment.pairs if sentence in p.source_ids), None)
            source_ids = pair.source_ids if pair else (sentence,)
            target_ids = pair.target_ids if pair else ()
            score = outcome.scores.get(sentence)
            print(f"    {label}: source {list(source_ids)} -> target {list(target_ids)}, "
                  + ("threshold-free finding" if sentence in outcome.fixed else
                     f"best score {score:.2f}" if score is not None else "no piece scored"))
            print(f"      source: {' | '.join(v.source.sentences[i].text for i in source_ids)}")
            print(f"      target: {' | '.join(v.target.sentences[j].text for j in target_ids)}")
            if sentence in outcome.pieces:
                print(f"      best piece of #{sentence}: {outcome.pieces[sentence]}")


def _thresholds(outcomes: Sequence[Outcome]) -> list[float]:
    return [x / 2 for x in range(0, 21)]


def write_svg(curves: Sequence[tuple[str, list[Point]]], path: Path) -> None:
    """Recall of all edits against false flags per 100 sentences, one line per data set."""
    width, height, pad = 520, 360, 50
    colours = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")
    x_max = max(5.0, max(p.false_per_100 for _, c in curves for p in c))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             'font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<line x1="{pad}" y1="{height - pad}" x2="{width - 10}" y2="{height - pad}" '
             'stroke="black"/>',
             f'<line x1="{pad}" y1="10" x2="{pad}" y2="{height - pad}" stroke="black"/>',
             f'<text x="{width / 2}" y="{height - 12}" text-anchor="middle">false flags per '
             '100 untouched sentences</text>',
             f'<text x="14" y="{height / 2}" transform="rotate(-90 14 {height / 2})" '
             'text-anchor="middle">recall (all seeded edits)</text>']
    for k in range(6):
        y = height - pad - k / 5 * (height - pad - 10)
        parts.append(f'<text x="{pad - 6}" y="{y + 4:.0f}" text-anchor="end">{k / 5:.1f}</text>')
    for k in range(6):
        x = pad + k / 5 * (width - pad - 10)
        parts.append(f'<text x="{x:.0f}" y="{height - pad + 16}" text-anchor="middle">'
                     f'{x_max * k / 5:.1f}</text>')
    for n, (name, curve) in enumerate(curves):
        points = " ".join(
            f"{pad + p.false_per_100 / x_max * (width - pad - 10):.1f},"
            f"{height - pad - p.recall.get('all', 0) * (height - pad - 10):.1f}" for p in curve)
        colour = colours[n % len(colours)]
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                     'stroke-width="2"/>')
        label = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts.append(f'<text x="{pad + 10}" y="{height - pad - 12 - 16 * n}" '
                     f'fill="{colour}">{label}</text>')
    parts.append("</svg>\n")
    path.write_text("\n".join(parts), encoding="utf-8")


def write_corpus(data: Parallel, root: Path) -> Path:
    """Write the rebuilt document into ``root`` as a corpus folder (source, translation,
    manifest; paragraphs on bead boundaries) and return ``root``."""
    for name, lang, lines in (("source", data.source_lang, data.source),
                              ("target", data.target_lang, data.target)):
        side = 0 if name == "source" else 1
        text = "\n\n".join(" ".join(lines[i] for bead in group for i in bead[side])
                            for group in data.paragraphs)
        (root / f"{name}.{lang}.txt").write_text(text + "\n", encoding="utf-8")
    (root / "manifest.toml").write_text(
        f'[document]\nid = "dev"\nsource_language = "{data.source_lang}"\n'
        f'source = "source.{data.source_lang}.txt"\nhas_title = false\n\n[translations]\n'
        f'{data.target_lang} = "target.{data.target_lang}.txt"\n', encoding="utf-8")
    return root


def stage_runtime(data: Parallel, rounds: int, config: Config | None = None) -> None:
    """Alignment and the omission stage timed apart on one long document (min of rounds;
    word frequencies and romanisation tables stay loaded, as in a run over many texts)."""
    from mtcheck.omission import omission_findings

    config = config or Config()
    source, target = documents(data)
    align_times, stage_times = [], []
    for _ in range(rounds):
        _cold_text_caches()
        started = time.perf_counter()
        alignment = align_documents(source, target, config.align)
        aligned = time.perf_counter()
        omission_findings(source, target, alignment, None, config.omission,
                          alignment_findings(source, target, alignment))
        align_times.append(aligned - started)
        stage_times.append(time.perf_counter() - aligned)
    print(f"{data.name}, {len(source.sentences)} sentences, {rounds} rounds (min): alignment "
          f"{min(align_times):.2f} s, omission stage {min(stage_times):.2f} s")
    evaluate_runtime(data, rounds, config)


def evaluate_runtime(data: Parallel, rounds: int, base: Config | None = None) -> None:
    """``evaluate`` (no model) on the rebuilt document, with and without the check."""
    import dataclasses
    import statistics
    import tempfile

    from mtcheck.corpus import load_corpus
    from mtcheck.pipeline import evaluate

    base = base or Config()
    no_model = dataclasses.replace(
        base, backtranslation=dataclasses.replace(base.backtranslation, enabled=False))
    settings = {"with the omission check": no_model,
                "without (baseline)": dataclasses.replace(
                    no_model, omission=dataclasses.replace(no_model.omission, enabled=False))}
    with tempfile.TemporaryDirectory() as folder:
        corpus = load_corpus(write_corpus(data, Path(folder)))
        evaluate(corpus, no_model)
        cpu: dict[str, list[float]] = {}
        times = _interleaved(corpus, settings, rounds, cpu)
    print(f"evaluate on the rebuilt document (paragraphs re-segmented), {rounds} interleaved "
          "rounds:")
    for name, values in times.items():
        print(f"  {name:<26} min {min(values):.3f} s  median {statistics.median(values):.3f} s")
    with_check, without = (min(v) for v in times.values())
    middle, middle_without = (statistics.median(v) for v in times.values())
    print(f"  ratio of minima: {with_check / without:.3f}, of medians: "
          f"{middle / middle_without:.3f}")
    print(_cpu_ratios(cpu))


# The package's caches of texts and words are its bounded ones (maxsize of this or more);
# its tables (languages' data, CLDR, word frequencies) are kept without bound or in small
# caches keyed by language.
_TEXT_CACHE_SIZE = 4096


def _cold_text_caches() -> None:
    """Empty every cache of texts and words of the package (not of data tables), the
    omission stage's and those it shares with the other stages (romanised forms, word
    frequencies, numbers read, the names stage's keys): a run then starts as a run over a
    new document does, with and without the check alike, and neither gains from the rounds
    before. (Before round 13 only the stage's own caches and the numbers read were emptied:
    the romanised forms and frequencies of the document's words, and a few of the stage's
    word caches, stayed warm from round to round.)"""
    from mtcheck.omission import clear_text_caches

    clear_text_caches()
    for name, module in list(sys.modules.items()):
        if name != "mtcheck" and not name.startswith("mtcheck."):
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if info is not None and (info().maxsize or 0) >= _TEXT_CACHE_SIZE:
                value.cache_clear()


def _interleaved(corpus: Corpus, settings: dict[str, Config], rounds: int,
                 cpu: dict[str, list[float]] | None = None) -> dict[str, list[float]]:
    """Seconds of ``evaluate(corpus, config)`` per setting, the settings taking turns (the
    order reversed every other round), each run with the caches of texts cold."""
    from mtcheck.pipeline import evaluate

    times: dict[str, list[float]] = {name: [] for name in settings}
    for round_ in range(rounds):
        # Each setting first in every other round: neither always follows the other (and
        # the collector's passes over what the other left).
        order = list(settings.items())
        for name, config in order if round_ % 2 == 0 else reversed(order):
            _cold_text_caches()
            started, processor = time.perf_counter(), time.process_time()
            evaluate(corpus, config)
            times[name].append(time.perf_counter() - started)
            if cpu is not None:
                cpu.setdefault(name, []).append(time.process_time() - processor)
    return times


def _cpu_ratios(cpu: dict[str, list[float]]) -> str:
    """Processor time with / without the check (less moved by other work on the machine
    than the wall clock)."""
    import statistics

    (with_check, without) = cpu.values()
    return (f"  processor time: ratio of minima {min(with_check) / min(without):.3f}, of medians "
            f"{statistics.median(with_check) / statistics.median(without):.3f}")


def runtime(rounds: int, base: Config | None = None) -> None:
    import dataclasses
    import statistics

    from mtcheck.corpus import load_corpus
    from mtcheck.pipeline import evaluate

    base = base or Config()
    no_model = dataclasses.replace(
        base, backtranslation=dataclasses.replace(base.backtranslation, enabled=False))
    settings = {
        "with the omission check": no_model,
        "without (baseline)": dataclasses.replace(
            no_model, omission=dataclasses.replace(no_model.omission, enabled=False)),
    }
    corpus = load_corpus(ROOT / "corpora" / "shoigu-visits-iran")
    evaluate(corpus, no_model)  # warm-up: imports, romanisation tables, word frequencies
    cpu: dict[str, list[float]] = {}
    times = _interleaved(corpus, settings, rounds, cpu)
    print(f"evaluate corpora/shoigu-visits-iran, no model, {rounds} interleaved rounds:")
    for name, values in times.items():
        print(f"  {name:<26} min {min(values):.3f} s  median {statistics.median(values):.3f} s")
    with_check, without = (statistics.median(v) for v in times.values())
    print(f"  ratio of medians: {with_check / without:.3f} "
          f"(the check adds {with_check / without - 1:+.1%})")
    print(_cpu_ratios(cpu))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", nargs="?", type=Path, default=DEV,
                        help="folder with dev.de, dev.fr, dev.defr (default: %(default)s)")
    parser.add_argument("--per-cell", type=int, default=20,
                        help="variants per edit kind and position (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clean", type=Path, default=None,
                        help="folder of clean line-aligned corpora to add (corpora/clean)")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev",
                        help="the clean corpora's split to use, as their README says "
                             "(default: %(default)s; a test document is measured once)")
    parser.add_argument("--langs", default="fr,ru,ja",
                        help="translations of the clean corpora to use (default: %(default)s)")
    parser.add_argument("--clean-per-cell", type=int, default=3,
                        help="variants per edit kind and position and clean document "
                             "(default: %(default)s)")
    parser.add_argument("--threshold", type=float, default=None,
                        help="partial-omission threshold to report at (default: the config's)")
    parser.add_argument("--svg", type=Path, default=None, help="write the PR curves here")
    parser.add_argument("--misses", action="store_true",
                        help="also list every missed edit and every flag on the untouched text")
    parser.add_argument("--kinds", default=",".join(KINDS),
                        help="edit kinds to run (default: %(default)s)")
    parser.add_argument("--runtime", type=int, default=0, metavar="N",
                        help="only time evaluate with and without the check, N rounds")
    parser.add_argument("--truncation", action="store_true",
                        help="measure cut-off translations instead of seeded omissions")
    parser.add_argument("--config", type=Path, default=None,
                        help="a config file to check with (default: the built-in settings)")
    args = parser.parse_args()
    config = load_config(args.config)
    if args.runtime:
        runtime(args.runtime, config)
        if args.dev.exists():
            stage_runtime(load_dev(args.dev, args.seed), args.runtime, config)
        return
    threshold = args.threshold if args.threshold is not None else config.omission.threshold
    groups: list[tuple[str, list[Parallel], int]] = []
    if args.dev.exists():
        groups.append(("bleualign-dev (de -> fr)", [load_dev(args.dev, args.seed)],
                       args.per_cell))
    else:
        print(f"{args.dev}: not found, dev set skipped")
    if args.clean is not None:
        for lang in args.langs.split(","):
            documents_ = load_clean(args.clean, lang, args.split)
            if documents_:
                pairs = ", ".join(sorted({f"{d.source_lang}->{d.target_lang}" for d in documents_}))
                groups.append((f"clean -> {lang} ({len(documents_)} documents: {pairs})", documents_,
                               args.clean_per_cell))
    if args.truncation:
        for name, data_sets, per_cell in groups:
            run_truncation(name, data_sets, per_cell, args.seed, config)
        return
    curves = []
    for name, data_sets, per_cell in groups:
        started = time.perf_counter()
        kinds = {"none", *args.kinds.split(",")}
        outcomes = [run_variant(v, config) for data in data_sets
                    for v in variants(data, per_cell, args.seed) if v.kind in kinds]
        curves.append((name, print_report(
            name, sum(len(d.source) for d in data_sets),
            sum(len(d.paragraphs) for d in data_sets), outcomes, threshold,
            time.perf_counter() - started)))
        if args.misses:
            print_misses(outcomes, threshold)
    if args.svg and curves:
        write_svg(curves, args.svg)
        print(f"\nwrote {args.svg}")

if __name__ == "__main__":
    main()

