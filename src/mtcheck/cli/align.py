"""``mtcheck align``: align two documents sentence by sentence and print the beads."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from mtcheck.align import ALIGNER, align_documents, align_sentences
from mtcheck.align.gold import (
    AlignmentScore,
    BeadIds,
    beads_from_texts,
    format_vecalign,
    parse_vecalign,
    read_gold_json,
    score_alignment,
)
from mtcheck.cli._common import config_option, reports_errors
from mtcheck.config import load_config
from mtcheck.corpus import load_document, read_text
from mtcheck.errors import InputError
from mtcheck.languages import get_language
from mtcheck.segment import segment_document
from mtcheck.types import AlignedPair

FORMATS = ("vecalign", "json", "tsv")


@click.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("target", type=click.Path(dir_okay=False))
@click.option("--src-lang", default="en", show_default=True, metavar="CODE",
              help="Language of SOURCE (the same default as evaluate --source-lang).")
@click.option("--tgt-lang", required=True, metavar="CODE", help="Language of TARGET (e.g. de).")
@click.option("--segmented", is_flag=True,
              help="Both files hold one sentence per line; line numbers (from 0) are the ids. "
                   "Otherwise files are loaded as documents and segmented.")
@click.option("--gold", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Gold alignment (vecalign beads, or JSON with 'alignment' sentence texts): "
                   "print strict and lax precision/recall/F1 to stderr.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="vecalign",
              show_default=True, help="vecalign: '[0]:[0, 1]' per line; json: beads with "
                                      "texts, cost and confidence; tsv: sentence pairs.")
@config_option
@reports_errors
def align(source: str, target: str, src_lang: str, tgt_lang: str, segmented: bool,
          gold: str | None, output_format: str, config_path: str | None) -> None:
    """Align SOURCE and TARGET sentence by sentence and print the beads to stdout.

    Beads are 1-1, 1-2, 2-1, 2-2, 1-3, 3-1 (and more, see [align] beads),
    plus 1-0 and 0-1 for sentences without a counterpart.

    \b
    Examples:
      mtcheck align source.en.txt de.txt --tgt-lang de
      mtcheck align dev.de dev.fr --src-lang de --tgt-lang fr --segmented \\
          --gold dev.defr
    """
    config = load_config(config_path)
    source_code = get_language(src_lang).code
    target_code = get_language(tgt_lang).code
    if segmented:
        source_texts = _lines(source)
        target_texts = _lines(target)
        pairs = align_sentences(source_texts, target_texts, source_lang=source_code,
                                target_lang=target_code, config=config.align)
    else:
        source_doc = segment_document(load_document(source, source_code), config.segment)
        target_doc = segment_document(load_document(target, target_code), config.segment)
        source_texts, target_texts = source_doc.texts(), target_doc.texts()
        pairs = list(align_documents(source_doc, target_doc, config.align).pairs)
    beads: list[BeadIds] = [(p.source_ids, p.target_ids) for p in pairs]
    if gold is not None:
        gold_beads = _gold(gold, source_texts, target_texts)
        _check_ids(gold, gold_beads, len(source_texts), len(target_texts))
        click.echo(_summary(score_alignment(gold_beads, beads)), err=True)
    click.echo(render(pairs, source_texts, target_texts, output_format), nl=False)


def _lines(path: str) -> list[str]:
    text = read_text(path)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _gold(path: str, source: Sequence[str], target: Sequence[str]) -> list[BeadIds]:
    text = read_text(path)
    if Path(path).suffix.lower() == ".json" or text.lstrip().startswith("{"):
        return beads_from_texts(read_gold_json(text, path), source, target, path)
    return parse_vecalign(text, path)


def _check_ids(path: str, beads: Sequence[BeadIds], sources: int, targets: int) -> None:
    for number, (source_ids, target_ids) in enumerate(beads, start=1):
        if any(i >= sources for i in source_ids) or any(j >= targets for j in target_ids):
            raise InputError(path, f"bead {number} names a sentence beyond the documents "
                                   f"({sources} source, {targets} target sentences)")


def _summary(score: AlignmentScore) -> str:
    s, x = score.strict, score.lax
    return (f"strict: precision {s.precision:.4f} recall {s.recall:.4f} F1 {s.f1:.4f}\n"
            f"lax:    precision {x.precision:.4f} recall {x.recall:.4f} F1 {x.f1:.4f}\n"
            f"beads:  {score.test_beads} aligned, {score.gold_beads} gold")


def render(pairs: Sequence[AlignedPair], source: Sequence[str], target: Sequence[str],
           output_format: str) -> str:
    """The alignment in one of :data:`FORMATS`."""
    if output_format == "vecalign":
        return format_vecalign((p.source_ids, p.target_ids) for p in pairs)
    if output_format == "json":
        document = {
            "aligner": ALIGNER,
            "pairs": [
                {
                    "source_ids": list(p.source_ids),
                    "target_ids": list(p.target_ids),
                    "kind": p.kind,
                    "cost": round(p.cost, 4),
                    "confidence": round(p.confidence, 4),
                    "source": [source[i] for i in p.source_ids],
                    "target": [target[j] for j in p.target_ids],
                }
                for p in pairs
            ],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    rows = ["source_ids\ttarget_ids\tconfidence\tsource\ttarget"]
    for p in pairs:
        rows.append("\t".join((
            ",".join(map(str, p.source_ids)),
            ",".join(map(str, p.target_ids)),
            f"{p.confidence:.4f}",
            _cell(" ".join(source[i] for i in p.source_ids)),
            _cell(" ".join(target[j] for j in p.target_ids)),
        )))
    return "\n".join(rows) + "\n"


def _cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")
