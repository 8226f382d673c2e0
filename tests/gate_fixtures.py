"""Hand-built RunResults for the gate's tests, with their files written to disk.

Documents have one sentence per paragraph, so sentence ``i`` starts on line
``2 * i + 1`` of its file: tests can open the file and check what an
annotation points at. Scores are computed with :mod:`mtcheck.score`, as the
pipeline does, so thresholds meet real numbers.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from pathlib import Path

from mtcheck.config import ScoreConfig
from mtcheck.score import METRICS, ROUNDTRIP_METRICS, reference_units, roundtrip_units, score_units
from mtcheck.types import (
    AlignedPair,
    Alignment,
    Document,
    Finding,
    Paragraph,
    RunResult,
    RunSignature,
    ScoreKind,
    SegmentedDocument,
    SegmentResult,
    Sentence,
    TranslationResult,
)

_SUBJECTS = ("The delegation", "The minister", "A spokesman", "The council", "The president",
             "The envoy", "The committee", "The general", "The secretary", "The ambassador")
_VERBS = ("arrived in", "met officials in", "left", "spoke about", "visited", "criticised",
          "praised", "travelled to", "returned from", "wrote to")
_PLACES = ("Tehran", "Moscow", "Beijing", "Ankara", "Baghdad", "Damascus", "Doha", "Cairo",
           "Riyadh", "Kabul", "Muscat", "Baku")
_TAILS = ("on Monday", "after long talks", "with a large team", "for the second time",
          "despite the protests", "to sign an agreement", "before the summit",
          "at the invitation of the host", "without prior notice", "in the early morning")
_FILLER = ("security", "trade", "energy", "water", "transport", "research", "health", "oil")


def english_sentences(count: int, seed: int = 7) -> list[str]:
    """Varied, deterministic English sentences."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        out.append(f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_PLACES)} "
                   f"{rng.choice(_TAILS)} and discussed {rng.choice(_FILLER)} "
                   f"cooperation number {i + 1}.")
    return out


def damage(text: str) -> str:
    """A badly damaged sentence: words scrambled and mostly replaced."""
    words = text.split()
    return " ".join(["something"] * (len(words) // 2) + words[::-3][:2]) + "."


def change_one_word(text: str) -> str:
    words = text.split()
    words[1] = "official" if words[1] != "official" else "person"
    return " ".join(words)


def write_document(path: Path, lang: str, texts: Sequence[str]) -> SegmentedDocument:
    """Write sentences one paragraph each and return the matching segmented document."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    paragraphs = tuple(Paragraph(index=i, text=t, line=2 * i + 1) for i, t in enumerate(texts))
    document = Document(path=str(path), lang=lang, paragraphs=paragraphs)
    sentences = tuple(Sentence(id=i, paragraph=i, text=t, start=0, end=len(t), line=2 * i + 1)
                      for i, t in enumerate(texts))
    return SegmentedDocument(document=document, sentences=sentences, segmenter="test")


def _alignment(count: int, omitted: set[int]) -> Alignment:
    pairs = []
    target = 0
    for s in range(count):
        if s in omitted:
            pairs.append(AlignedPair((s,), ()))
        else:
            pairs.append(AlignedPair((s,), (target,)))
            target += 1
    return Alignment(pairs=tuple(pairs), method="test")


def make_translation(
    folder: Path,
    source: SegmentedDocument,
    lang: str,
    texts: Sequence[str],
    *,
    reference: Sequence[str] | None = None,
    backtranslation: Sequence[str] | None = None,
    findings: Sequence[Finding] = (),
    omitted: set[int] | None = None,
) -> TranslationResult:
    """A translation of ``source``: ``texts`` has one entry per source sentence; omitted ones are
    left out of the file and aligned to nothing."""
    omitted = omitted or set()
    kept = [t for i, t in enumerate(texts) if i not in omitted]
    target = write_document(folder / f"translation.{lang}.txt", lang, kept)
    alignment = _alignment(len(texts), omitted)
    config = ScoreConfig(bootstrap_resamples=1)
    scores = []
    per_pair: dict[int, dict[str, float]] = {}
    references: dict[int, str] = {}
    reference_doc = None
    reference_alignment = None
    if reference is not None:
        reference_doc = write_document(folder / f"reference.{lang}.txt", lang, reference)
        reference_alignment = _alignment(len(reference), set())
        units = reference_units(target, alignment, reference_doc, reference_alignment)
        scored = score_units(units, lang, ScoreKind.REFERENCE, config, METRICS)
        scores.extend(scored.scores)
        references = scored.per_pair_reference
        for index, values in scored.per_pair.items():
            per_pair.setdefault(index, {}).update(
                {f"reference.{k}": v for k, v in values.items()})
    back: dict[int, str] = {}
    status = "not evaluated: back-translation switched off"
    if backtranslation is not None:
        status = "evaluated"
        kept_back = [t for i, t in enumerate(backtranslation) if i not in omitted]
        units = roundtrip_units(source, alignment, kept_back)
        scored = score_units(units, source.lang, ScoreKind.ROUNDTRIP, config, ROUNDTRIP_METRICS)
        scores.extend(scored.scores)
        for index, values in scored.per_pair.items():
            per_pair.setdefault(index, {}).update(
                {f"roundtrip.{k}": v for k, v in values.items()})
        for index, pair in enumerate(alignment.pairs):
            if pair.target_ids:
                back[index] = " ".join(kept_back[t] for t in pair.target_ids)
    segments = tuple(
        SegmentResult(pair_index=i, reference=references.get(i), backtranslation=back.get(i),
                      scores=per_pair.get(i, {}))
        for i in range(len(alignment.pairs)))
    return TranslationResult(
        lang=lang, target=target, alignment=alignment, reference=reference_doc,
        reference_alignment=reference_alignment, scores=tuple(scores), segments=segments,
        roundtrip_status=status, findings=tuple(findings))


def make_run(folder: Path, source_texts: Sequence[str],
             translations: Sequence[TranslationResult] | None = None,
             source_findings: Sequence[Finding] = (),
             build: Mapping[str, dict[str, object]] | None = None) -> RunResult:
    """A run over ``source_texts``; ``build`` maps a language to :func:`make_translation` kwargs."""
    source = write_document(folder / "source.en.txt", "en", source_texts)
    built = list(translations or ())
    for lang, kwargs in (build or {}).items():
        built.append(make_translation(folder, source, lang, **kwargs))  # type: ignore[arg-type]
    signature = RunSignature(mtcheck_version="test", config="test", segmenter="test",
                             aligner="test", created="2026-11-28T12:00:00Z")
    return RunResult(document_id="fixture", source=source, translations=tuple(built),
                     signature=signature, source_findings=tuple(source_findings))


def standard_run(folder: Path, count: int = 40) -> RunResult:
    """Two languages: "de" close to its reference, "fr" weaker with an omission and findings."""
    from mtcheck.types import Severity

    english = english_sentences(count)
    de_reference = [f"Referenz: {t}" for t in english]
    de = [f"Referenz: {t}" if i % 4 else f"Referenz: {change_one_word(t)}"
          for i, t in enumerate(english)]
    fr_reference = [f"Ref: {t}" for t in english]
    fr = [f"Ref: {damage(t)}" if i % 3 == 0 else f"Ref: {t}" for i, t in enumerate(english)]
    fr_findings = (
        Finding(check="names.inconsistent", severity=Severity.ERROR,
                message="Tehran is rendered 2 ways", target_ids=(1, 4), entity="Tehran"),
        Finding(check="names.missing", severity=Severity.ERROR,
                message="Moscow is missing", target_ids=(2,), entity="Moscow"),
        Finding(check="names.missing", severity=Severity.ERROR, message="Doha is missing",
                target_ids=(5,), entity="Doha", suppressed=True),
    )
    return make_run(folder, english, build={
        "de": {"texts": de, "reference": de_reference, "backtranslation": english},
        "fr": {"texts": fr, "reference": fr_reference, "findings": fr_findings,
               "omitted": {7}},
    })
