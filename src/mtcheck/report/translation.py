"""The side-by-side page of one translation: aligned rows, marked names and findings.

Each row is one aligned pair (a bead). Findings are placed on the rows and
sentence spans they concern, names are marked where the pipeline found them,
and the page lists the run's numbers for this translation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mtcheck.checks import unit_ids
from mtcheck.report.findings_view import (
    NAME_VARIANT_CHECKS,
    FindingView,
    FindingViews,
    SeverityCount,
    finding_sort_key,
    severity_counts,
    variant_labels,
)
from mtcheck.report.highlight import IssueMark, NameMark, SentencePiece, TextPiece, reveal, split_sentence
from mtcheck.report.language_view import LanguageInfo, language_info
from mtcheck.report.links import slug
from mtcheck.report.scores_view import ScoreView, SegmentScore, scores_in_order, segment_score
from mtcheck.types import (
    AlignedPair,
    Finding,
    NameRendering,
    RunResult,
    ScoreKind,
    SegmentResult,
    Sentence,
    TranslationResult,
)
from mtcheck.variants import variant_sentences

# How each bead shape is shown: (icon, label, explanation).
_PAIR_KINDS: dict[str, tuple[str, str, str]] = {
    "1-1": ("", "1–1", "one source sentence, one target sentence"),
    "1-0": ("⊘", "omitted", "source sentence with no counterpart in the translation"),
    "truncated": ("✂", "truncated", "the translation ends before this source sentence"),
    "0-1": ("⊕", "added", "translation sentence with no counterpart in the source"),
}


@dataclass(frozen=True)
class SentenceView:
    id: int
    anchor: str
    line: int
    glued: bool
    pieces: tuple[SentencePiece, ...]
    unit: str | None = None  # the unit id of XLIFF/PO/... inputs


@dataclass(frozen=True)
class RowView:
    index: int
    anchor: str
    kind: str
    kind_icon: str
    kind_label: str
    kind_help: str
    confidence: float
    truncated: bool  # a source sentence after the point where the translation stops
    source: tuple[SentenceView, ...]
    target: tuple[SentenceView, ...]
    backtranslation: tuple[TextPiece, ...]
    reference: tuple[TextPiece, ...]
    scores: tuple[SegmentScore, ...]
    findings: tuple[FindingView, ...]

    @property
    def has_findings(self) -> bool:
        return any(not f.suppressed for f in self.findings)


@dataclass(frozen=True)
class TranslationPage:
    file_name: str
    language: LanguageInfo
    source_language: LanguageInfo
    source_path: str
    target_path: str
    target_format: str
    reference_path: str | None
    rows: tuple[RowView, ...]
    findings: tuple[FindingView, ...]
    severity_counts: tuple[SeverityCount, ...]
    suppressed_count: int
    reference_scores: tuple[ScoreView, ...]
    roundtrip_scores: tuple[ScoreView, ...]
    roundtrip_status: str
    has_backtranslation: bool
    has_reference_text: bool
    score_keys: tuple[tuple[str, str], ...]  # (key, label) for the score filter
    alignment_method: str
    coverage: float | None


def coverage(translation: TranslationResult) -> float | None:
    """The share of source sentences covered, or None when there is nothing to cover."""
    return translation.coverage if translation.alignment.pairs else None


# --------------------------------------------------------------------------- placing findings
@dataclass(frozen=True)
class _RowIndex:
    """The row in which each source and target sentence first appears."""

    of_source: Mapping[int, int]
    of_target: Mapping[int, int]

    @classmethod
    def of(cls, pairs: Sequence[AlignedPair]) -> _RowIndex:
        of_source: dict[int, int] = {}
        of_target: dict[int, int] = {}
        for index, pair in enumerate(pairs):
            for sid in pair.source_ids:
                of_source.setdefault(sid, index)
            for tid in pair.target_ids:
                of_target.setdefault(tid, index)
        return cls(of_source, of_target)

    def rows_for(self, finding: Finding, on_source: bool) -> list[int]:
        """The rows a finding concerns; a source finding only by its source sentences.

        A name-variant finding is flagged only where the standing-out rendering
        occurs, not on the correct mentions it also lists.
        """
        if not on_source and finding.check in NAME_VARIANT_CHECKS and finding.variants:
            return sorted({self.of_target[t] for t in variant_sentences(finding)
                           if t in self.of_target})
        found = {self.of_source[s] for s in finding.source_ids if s in self.of_source}
        if not on_source:
            found |= {self.of_target[t] for t in finding.target_ids if t in self.of_target}
        return sorted(found)


@dataclass
class _PlacedFindings:
    """The page's findings as views, placed on the rows and sentence spans they concern."""

    listed: list[FindingView] = field(default_factory=list)  # this translation's own
    by_row: defaultdict[int, list[FindingView]] = field(default_factory=lambda: defaultdict(list))
    by_span: defaultdict[tuple[str, int], list[IssueMark]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def in_row(self, row: int) -> list[FindingView]:
        return self.by_row.get(row, [])

    def in_sentence(self, side: str, sentence_id: int) -> list[IssueMark]:
        return self.by_span.get((side, sentence_id), [])


def _place_findings(
    run: RunResult, translation: TranslationResult, rows: _RowIndex, views: FindingViews
) -> _PlacedFindings:
    """Build a view of every finding (the source's too) once, in page order, and place it.

    Source findings are shown on the rows of their source sentences but are not
    listed among this translation's findings: the overview lists them once.
    """
    placed = _PlacedFindings()
    tagged = [(f, False) for f in translation.findings] + [(f, True) for f in run.source_findings]
    for finding, on_source in sorted(tagged, key=lambda item: finding_sort_key(item[0])):
        finding_rows = rows.rows_for(finding, on_source)
        view = views.build(finding, f"row-{finding_rows[0]}" if finding_rows else None, on_source)
        if not on_source:
            placed.listed.append(view)
        for row in finding_rows:
            placed.by_row[row].append(view)
        for span in finding.spans:
            if on_source and span.side != "source":
                continue
            placed.by_span[(span.side, span.sentence_id)].append(IssueMark(span.start, span.end, view))
    return placed


# --------------------------------------------------------------------------- sentences
def _occurrences(text: str, needle: str) -> list[int]:
    if not needle:
        return []
    found: list[int] = []
    start = text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + len(needle))
    return found


class _SentenceMarker:
    """Turns the page's sentences into views with their names and finding spans marked."""

    def __init__(
        self,
        run: RunResult,
        translation: TranslationResult,
        rows: _RowIndex,
        findings: _PlacedFindings,
        anchors: Mapping[str, str],
        entity_names: Mapping[str, str],
    ):
        self._rows = rows
        self._documents = {"source": run.source, "target": translation.target}
        self._findings = findings
        self._anchors = anchors
        self._names = entity_names
        self._labels = variant_labels(translation)
        self._renderings: dict[int, list[NameRendering]] = defaultdict(list)
        for rendering in translation.renderings:
            self._renderings[rendering.sentence_id].append(rendering)
        # Source sentences carry no renderings: names are found there by their source forms.
        self._source_entities: dict[int, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        for entity in run.entities:
            for sid in entity.source_ids:
                self._source_entities[sid].append((entity.id, entity.source_forms))

    def source(self, sentence: Sentence) -> SentenceView:
        row = self._findings.in_row(self._rows.of_source.get(sentence.id, -1))
        marks: list[NameMark] = []
        for entity_id, forms in self._source_entities.get(sentence.id, []):
            missing = tuple(
                view
                for view in row
                if view.check == "names.missing"
                and view.entity_anchor == self._anchors.get(entity_id)
                and sentence.id in view.source_ids
            )
            marks.extend(
                NameMark(
                    start,
                    start + len(form),
                    self._anchors.get(entity_id),
                    self._names.get(entity_id),
                    "missing from the translation" if missing else None,
                    "missing" if missing else None,
                    missing,
                )
                for form in sorted(forms, key=lambda f: (-len(f), f))
                for start in _occurrences(sentence.text, form)
            )
        return self._view(sentence, "source", "s", marks)

    def target(self, sentence: Sentence) -> SentenceView:
        row = self._findings.in_row(self._rows.of_target.get(sentence.id, -1))
        marks: list[NameMark] = []
        for rendering in self._renderings.get(sentence.id, []):
            tag, label = self._labels.get((rendering.entity, rendering.base), (None, None))
            explained_by = tuple(
                view
                for view in row
                if label
                and view.entity_anchor == self._anchors.get(rendering.entity)
                and view.check in NAME_VARIANT_CHECKS
            )
            marks.append(
                NameMark(
                    rendering.start,
                    rendering.end,
                    self._anchors.get(rendering.entity),
                    self._names.get(rendering.entity, rendering.entity),
                    label,
                    tag,
                    explained_by,
                )
            )
        return self._view(sentence, "target", "t", marks)

    def _view(
        self, sentence: Sentence, side: str, anchor_prefix: str, marks: list[NameMark]
    ) -> SentenceView:
        return SentenceView(
            id=sentence.id,
            anchor=f"{anchor_prefix}-{sentence.id}",
            line=sentence.line,
            glued=sentence.glued,
            pieces=split_sentence(
                sentence.text, marks, self._findings.in_sentence(side, sentence.id)
            ),
            unit=next(iter(unit_ids([sentence.id], self._documents[side])), None),
        )


# --------------------------------------------------------------------------- rows
def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def confidence_help(confidence: float) -> str:
    """The aligner's confidence in words, for the row's tooltip (not a visible number)."""
    return (f"alignment confidence {confidence:.2f} (0 to 1): how sure the aligner is that "
            "these sentences belong together; low values on a good translation are harmless")


def _pair_kind(pair: AlignedPair) -> tuple[str, str, str]:
    """(icon, label, explanation) of a bead's shape; splits and merges say so."""
    sources, targets = len(pair.source_ids), len(pair.target_ids)
    icon, label, help_text = _PAIR_KINDS.get(
        pair.kind,
        (
            "⇆",
            f"{sources}–{targets}",
            f"{_count(sources, 'source sentence')} aligned to "
            f"{_count(targets, 'translation sentence')}",
        ),
    )
    if pair.kind.startswith("1-") and targets > 1:
        label = f"split 1–{targets}"
    elif pair.kind.endswith("-1") and sources > 1:
        label = f"merged {sources}–1"
    return icon, label, help_text


def _row_view(
    index: int,
    pair: AlignedPair,
    segment: SegmentResult | None,
    source: tuple[SentenceView, ...],
    target: tuple[SentenceView, ...],
    findings: Sequence[FindingView],
    truncated: bool = False,
) -> RowView:
    icon, label, help_text = _PAIR_KINDS["truncated"] if truncated else _pair_kind(pair)
    if pair.source_ids and pair.target_ids:
        help_text = f"{help_text}; {confidence_help(pair.confidence)}"
    return RowView(
        index=index,
        anchor=f"row-{index}",
        kind=pair.kind,
        kind_icon=icon,
        kind_label=label,
        kind_help=help_text,
        confidence=pair.confidence,
        truncated=truncated,
        source=source,
        target=target,
        backtranslation=reveal(segment.backtranslation if segment else None),
        reference=reveal(segment.reference if segment else None),
        scores=tuple(
            segment_score(key, value)
            for key, value in sorted((segment.scores if segment else {}).items())
        ),
        findings=tuple(findings),
    )


def _score_filter_keys(rows: Sequence[RowView]) -> tuple[tuple[str, str], ...]:
    """(key, label) of every segment score on the page, reference scores first."""
    keys = {score.key for row in rows for score in row.scores}
    return tuple(
        (key, segment_score(key, 0.0).label)
        for key in sorted(keys, key=lambda k: (not k.startswith("reference"), k))
    )


# --------------------------------------------------------------------------- page
def translation_page(
    run: RunResult,
    translation: TranslationResult,
    file_name: str,
    anchors: Mapping[str, str],
    entity_names: Mapping[str, str],
) -> TranslationPage:
    """The side-by-side page of ``translation``, written to ``file_name``."""
    source = run.source
    target = translation.target
    source_by_id = {s.id: s for s in source.sentences}
    target_by_id = {s.id: s for s in target.sentences}
    pairs = translation.alignment.pairs
    row_index = _RowIndex.of(pairs)
    views = FindingViews(f"f-{slug(translation.lang)}", anchors, entity_names, source, target)
    findings = _place_findings(run, translation, row_index, views)
    marker = _SentenceMarker(run, translation, row_index, findings, anchors, entity_names)
    segments = {segment.pair_index: segment for segment in translation.segments}
    truncated = {s for f in translation.findings if f.check == "align.truncation"
                 for s in f.source_ids}
    rows = tuple(
        _row_view(
            index,
            pair,
            segments.get(index),
            tuple(marker.source(source_by_id[s]) for s in pair.source_ids if s in source_by_id),
            tuple(marker.target(target_by_id[t]) for t in pair.target_ids if t in target_by_id),
            findings.in_row(index),
            truncated=bool(pair.source_ids) and not pair.target_ids
            and set(pair.source_ids) <= truncated,
        )
        for index, pair in enumerate(pairs)
    )
    own = translation.findings
    return TranslationPage(
        file_name=file_name,
        language=language_info(translation.lang),
        source_language=language_info(source.lang),
        source_path=source.document.path,
        target_path=target.document.path,
        target_format=target.document.format,
        reference_path=translation.reference.document.path if translation.reference else None,
        rows=rows,
        findings=tuple(findings.listed),
        severity_counts=severity_counts(own),
        suppressed_count=sum(1 for f in own if f.suppressed),
        reference_scores=scores_in_order(translation.scores, ScoreKind.REFERENCE),
        roundtrip_scores=scores_in_order(translation.scores, ScoreKind.ROUNDTRIP),
        roundtrip_status=translation.roundtrip_status,
        has_backtranslation=any(r.backtranslation for r in rows),
        has_reference_text=any(r.reference for r in rows),
        score_keys=_score_filter_keys(rows),
        alignment_method=translation.alignment.method,
        coverage=coverage(translation),
    )
