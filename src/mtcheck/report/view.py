"""Reshape a :class:`~mtcheck.types.RunResult` into plain view-models for the templates.

Nothing here scores or judges: every number and finding comes from the run.
The view only groups, orders, labels and lays out (chart geometry, colour
buckets, text split at the offsets the pipeline recorded), so that templates
stay free of logic and never have to build HTML from strings.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from mtcheck.checks import CHECKS
from mtcheck.errors import LanguageError
from mtcheck.languages import get_language
from mtcheck.report.charts import BarChart, findings_chart, score_chart
from mtcheck.types import (
    Finding,
    GateStatus,
    MetricScore,
    NameRendering,
    RunResult,
    ScoreKind,
    Sentence,
    Severity,
    TranslationResult,
)

INDEX_PAGE = "index.html"
NAMES_PAGE = "names.html"
_RESERVED_PAGES = {"index", "names"}

# Bidi embeddings, overrides and isolates can make text display in an order that
# differs from what it contains ("Trojan Source"); reports show them as visible
# labels. LRM/RLM are left alone: RTL text uses them legitimately.
_BIDI_CONTROLS = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}
_BIDI_SPLIT = re.compile("([" + "".join(_BIDI_CONTROLS) + "])")

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
SEVERITY_ICON = {Severity.ERROR: "✖", Severity.WARNING: "▲", Severity.INFO: "ℹ"}
GATE_ICON = {GateStatus.PASS: "✔", GateStatus.FAIL: "✖", GateStatus.WARN: "▲", GateStatus.SKIP: "–"}
_GATE_RANK = {GateStatus.FAIL: 3, GateStatus.WARN: 2, GateStatus.PASS: 1, GateStatus.SKIP: 0}

# Order in which metrics appear in tables; metrics not listed follow alphabetically.
_METRIC_ORDER = ("BLEU", "chrF", "chrF++", "TER", "semantic")
# Metrics reported on a 0-1 scale; the rest are on 0-100.
_UNIT_SCALE_METRICS = {"semantic"}
_LOWER_IS_BETTER_METRICS = {"TER"}
SCORE_BUCKETS = 5

# How each bead shape is shown: (icon, label, explanation).
_PAIR_KINDS: dict[str, tuple[str, str, str]] = {
    "1-1": ("", "1–1", "one source sentence, one target sentence"),
    "1-0": ("⊘", "omitted", "source sentence with no counterpart in the translation"),
    "0-1": ("⊕", "added", "translation sentence with no counterpart in the source"),
}


# --------------------------------------------------------------------------- text pieces
@dataclass(frozen=True)
class TextPiece:
    """A run of plain text, or one revealed bidi control character."""

    text: str
    control: str = ""  # short name of the control character, e.g. "RLO"

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.text):04X}" if self.control else ""


def reveal(text: str | None) -> tuple[TextPiece, ...]:
    """Split ``text`` so that bidi control characters can be shown as labels."""
    if not text:
        return ()
    pieces: list[TextPiece] = []
    for part in _BIDI_SPLIT.split(text):
        if not part:
            continue
        pieces.append(TextPiece(part, _BIDI_CONTROLS.get(part, "")))
    return tuple(pieces)


# --------------------------------------------------------------------------- findings
@dataclass(frozen=True)
class FindingView:
    uid: str  # unique id in the page, for aria-describedby
    check: str
    title: str
    severity: str
    severity_icon: str
    message: str
    suppressed: bool
    entity: str | None
    entity_anchor: str | None
    expected: str | None
    source_ids: tuple[int, ...]
    target_ids: tuple[int, ...]
    row_anchor: str | None  # first row of the translation page it concerns
    on_source: bool  # found on the source document rather than this translation


def _check_title(check: str) -> str:
    known = CHECKS.get(check)
    return known.title if known else check


def _severity_rank(severity: Severity) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def _finding_sort_key(finding: Finding) -> tuple[object, ...]:
    first = min(finding.target_ids or finding.source_ids or (1 << 30,))
    return (finding.suppressed, _severity_rank(finding.severity), first, finding.check, finding.message)


# --------------------------------------------------------------------------- scores
@dataclass(frozen=True)
class ScoreView:
    metric: str
    value: float
    display: str
    ci_display: str
    signature: str
    higher_is_better: bool


@dataclass(frozen=True)
class SegmentScore:
    key: str  # "reference.chrF"
    label: str  # "ref chrF"
    value: float
    display: str
    bucket: int  # 0 (worst) .. SCORE_BUCKETS-1 (best)
    quality_word: str


def _metric_sort_key(metric: str) -> tuple[int, str]:
    if metric in _METRIC_ORDER:
        return (_METRIC_ORDER.index(metric), metric)
    return (len(_METRIC_ORDER), metric)


def _format_value(metric: str, value: float) -> str:
    return f"{value:.3f}" if metric in _UNIT_SCALE_METRICS else f"{value:.1f}"


def _score_view(score: MetricScore) -> ScoreView:
    ci = ""
    if score.ci_low is not None and score.ci_high is not None:
        ci = f"{_format_value(score.metric, score.ci_low)}–{_format_value(score.metric, score.ci_high)}"
    return ScoreView(
        metric=score.metric,
        value=score.value,
        display=_format_value(score.metric, score.value),
        ci_display=ci,
        signature=score.signature,
        higher_is_better=score.higher_is_better,
    )


_QUALITY_WORDS = ("very low", "low", "medium", "high", "very high")


def _segment_score(key: str, value: float) -> SegmentScore:
    kind, _, metric = key.partition(".")
    metric = metric or kind
    scale = 1.0 if metric in _UNIT_SCALE_METRICS else 100.0
    quality = min(max(value / scale, 0.0), 1.0)
    if metric in _LOWER_IS_BETTER_METRICS:
        quality = 1.0 - quality
    bucket = min(SCORE_BUCKETS - 1, int(quality * SCORE_BUCKETS))
    short = {"reference": "ref", "roundtrip": "round-trip"}.get(kind, kind)
    return SegmentScore(
        key=key,
        label=f"{short} {metric}",
        value=value,
        display=_format_value(metric, value),
        bucket=bucket,
        quality_word=_QUALITY_WORDS[bucket],
    )


# --------------------------------------------------------------------------- sentences
@dataclass(frozen=True)
class SentencePiece:
    """A run of sentence text, inside at most one name and any number of finding spans."""

    pieces: tuple[TextPiece, ...]
    entity_anchor: str | None = None
    entity_name: str | None = None
    variant_label: str | None = None  # why this rendering stands out, in words
    variant_tag: str | None = None  # short tag: "variant", "glossary", "missing"
    show_tag: bool = False  # a name cut by a finding span shows its tag once, at its end
    name_findings: tuple[FindingView, ...] = ()  # findings that explain the tag
    findings: tuple[FindingView, ...] = ()  # findings whose spans cover this run

    @property
    def tooltip(self) -> str:
        parts: list[str] = []
        if self.entity_name:
            parts.append(f"Name: {self.entity_name}")
        if self.variant_label:
            parts.append(self.variant_label)
        parts.extend(f"{f.severity}: {f.message}" for f in self.name_findings)
        return " — ".join(parts)

    @property
    def issue_tooltip(self) -> str:
        return " — ".join(f"{f.severity}: {f.message}" for f in self.findings)


@dataclass(frozen=True)
class SentenceView:
    id: int
    anchor: str
    line: int
    glued: bool
    pieces: tuple[SentencePiece, ...]


@dataclass(frozen=True)
class NameMark:
    """Where a name occurs in a sentence, as the pipeline recorded it."""

    start: int
    end: int
    entity_anchor: str | None
    entity_name: str | None = None
    variant_label: str | None = None
    variant_tag: str | None = None
    findings: tuple[FindingView, ...] = ()


@dataclass(frozen=True)
class IssueMark:
    """A finding's span in a sentence."""

    start: int
    end: int
    finding: FindingView


def _name_layer(marks: Iterable[NameMark]) -> list[NameMark]:
    """Names do not nest: of overlapping ones keep the earliest, then the longest."""
    kept: list[NameMark] = []
    end = 0
    for mark in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        if mark.start >= end:
            kept.append(mark)
            end = mark.end
    return kept


def split_sentence(
    text: str, names: Iterable[NameMark] = (), issues: Iterable[IssueMark] = ()
) -> tuple[SentencePiece, ...]:
    """Cut ``text`` at every name and finding offset; spans outside the text are ignored.

    Finding spans may overlap each other and names, so the text is cut at every
    boundary and each run records the name and the findings that cover it.
    """
    size = len(text)
    kept = _name_layer(m for m in names if 0 <= m.start < m.end <= size)
    spans = [m for m in issues if 0 <= m.start < m.end <= size]
    cuts = sorted(
        {0, size}
        | {m.start for m in kept}
        | {m.end for m in kept}
        | {m.start for m in spans}
        | {m.end for m in spans}
    )
    pieces: list[SentencePiece] = []
    for left, right in itertools.pairwise(cuts):
        name = next((m for m in kept if m.start <= left and right <= m.end), None)
        findings: list[FindingView] = []
        for span in spans:
            if span.start <= left and right <= span.end and span.finding not in findings:
                findings.append(span.finding)
        pieces.append(
            SentencePiece(
                reveal(text[left:right]),
                entity_anchor=name.entity_anchor if name else None,
                entity_name=name.entity_name if name else None,
                variant_label=name.variant_label if name else None,
                variant_tag=name.variant_tag if name else None,
                show_tag=name is not None and right == name.end,
                name_findings=name.findings if name else (),
                findings=tuple(findings),
            )
        )
    return tuple(pieces)


# --------------------------------------------------------------------------- pages
@dataclass(frozen=True)
class LanguageInfo:
    code: str
    name: str
    native: str
    direction: str  # "ltr", "rtl" or "auto"
    script: str


def language_info(code: str) -> LanguageInfo:
    try:
        language = get_language(code)
    except LanguageError:
        return LanguageInfo(code=code, name=code, native=code, direction="auto", script="")
    return LanguageInfo(
        code=code,
        name=language.name,
        native=language.native,
        direction=language.direction,
        script=language.script,
    )


@dataclass(frozen=True)
class RowView:
    index: int
    anchor: str
    kind: str
    kind_icon: str
    kind_label: str
    kind_help: str
    confidence: float
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
class SeverityCount:
    severity: str
    icon: str
    count: int


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


@dataclass(frozen=True)
class LanguageRow:
    language: LanguageInfo
    page: str
    reference: Mapping[str, ScoreView]
    roundtrip: Mapping[str, ScoreView]
    roundtrip_status: str
    roundtrip_reason: str  # the part of the status after "not evaluated: ", shown on demand
    coverage: float | None
    severity_counts: tuple[SeverityCount, ...]
    total_findings: int
    suppressed_count: int
    check_counts: Mapping[str, int]
    gate_status: str | None
    gate_icon: str


@dataclass(frozen=True)
class GateCheckView:
    lang: str
    name: str
    status: str
    icon: str
    message: str
    value: str
    threshold: str
    p_value: str
    row_links: tuple[tuple[int, str], ...]  # (target sentence id, href)


@dataclass(frozen=True)
class GateView:
    passed: bool
    config: str
    baseline: str | None
    checks: tuple[GateCheckView, ...]


@dataclass(frozen=True)
class NameVariantView:
    base: str
    count: int
    surfaces: tuple[str, ...]
    href: str | None
    tag: str | None  # "variant" or "glossary" when this rendering stands out


@dataclass(frozen=True)
class NameCell:
    lang: str
    variants: tuple[NameVariantView, ...]
    missing: bool
    inconsistent: bool
    glossary: str | None
    glossary_mismatch: bool
    flags: tuple[tuple[FindingView, str], ...]  # each finding with its short visible label


@dataclass(frozen=True)
class EntityRow:
    id: str
    anchor: str
    canonical: str
    source_forms: tuple[str, ...]
    source_count: int
    from_glossary: bool
    source_findings: tuple[FindingView, ...]
    cells: tuple[NameCell, ...]
    problem_count: int


@dataclass(frozen=True)
class SignatureView:
    mtcheck_version: str
    config: str
    segmenter: str
    aligner: str
    created: str
    models: tuple[tuple[str, str], ...]
    scorers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class RunView:
    document_id: str
    source_path: str
    source_language: LanguageInfo
    source_sentences: int
    languages: tuple[LanguageRow, ...]
    reference_metrics: tuple[str, ...]
    roundtrip_metrics: tuple[str, ...]
    has_coverage: bool
    checks_seen: tuple[tuple[str, str, str], ...]  # (check id, title, default severity)
    source_check_counts: Mapping[str, int]
    source_findings: tuple[FindingView, ...]
    gate: GateView | None
    signature: SignatureView
    score_chart: BarChart | None
    findings_chart: BarChart | None
    translations: tuple[TranslationPage, ...]
    entities: tuple[EntityRow, ...]
    name_problem_count: int
    pages: Mapping[str, str] = field(default_factory=dict)  # lang -> file name


# --------------------------------------------------------------------------- builders
def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", text).strip("_") or "x"


def page_names(run: RunResult) -> dict[int, str]:
    """File name of each translation's page, by position; safe and unique."""
    names: dict[int, str] = {}
    used = set(_RESERVED_PAGES)
    for position, translation in enumerate(run.translations):
        stem = _slug(translation.lang).lower()
        candidate = stem
        counter = 2
        while candidate in used:
            candidate = f"{stem}-{counter}"
            counter += 1
        used.add(candidate)
        names[position] = f"{candidate}.html"
    return names


def entity_anchors(run: RunResult) -> dict[str, str]:
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for entity in run.entities:
        candidate = base = f"e-{_slug(entity.id)}"
        counter = 2
        while candidate in used:
            candidate = f"{base}-{counter}"
            counter += 1
        used.add(candidate)
        anchors[entity.id] = candidate
    return anchors


def _severity_counts(findings: Sequence[Finding]) -> tuple[SeverityCount, ...]:
    counts = Counter(f.severity for f in findings if not f.suppressed)
    return tuple(SeverityCount(s.value, SEVERITY_ICON[s], counts.get(s, 0)) for s in SEVERITY_ORDER)


class _FindingViews:
    """Builds FindingViews with page-unique ids."""

    def __init__(self, prefix: str, anchors: Mapping[str, str], entity_names: Mapping[str, str]):
        self._prefix = prefix
        self._anchors = anchors
        self._names = entity_names
        self._counter = 0

    def build(
        self, finding: Finding, row_anchor: str | None, on_source: bool = False
    ) -> FindingView:
        self._counter += 1
        return FindingView(
            uid=f"{self._prefix}-{self._counter}",
            check=finding.check,
            title=_check_title(finding.check),
            severity=finding.severity.value,
            severity_icon=SEVERITY_ICON.get(finding.severity, "•"),
            message=finding.message,
            suppressed=finding.suppressed,
            entity=self._names.get(finding.entity, finding.entity) if finding.entity else None,
            entity_anchor=self._anchors.get(finding.entity) if finding.entity else None,
            expected=finding.expected,
            source_ids=finding.source_ids,
            target_ids=finding.target_ids,
            row_anchor=row_anchor,
            on_source=on_source,
        )


def _variant_labels(
    translation: TranslationResult,
) -> dict[tuple[str, str], tuple[str, str]]:
    """(entity, base) -> (tag, explanation) for renderings that stand out.

    Of an inconsistent name's variants the most frequent is taken as the
    intended one (ties: the one that occurs first); the others are marked.
    """
    labels: dict[tuple[str, str], tuple[str, str]] = {}
    for finding in translation.findings:
        if finding.entity is None or finding.suppressed:
            continue
        if finding.check == "names.inconsistent" and finding.variants:
            ranked = sorted(
                finding.variants,
                key=lambda v: (-v.count, min(v.sentence_ids, default=1 << 30), v.base),
            )
            for variant in ranked[1:]:
                labels[(finding.entity, variant.base)] = (
                    "variant",
                    f"inconsistent variant (most frequent: {ranked[0].base})",
                )
        if finding.check == "names.glossary" and finding.expected:
            bases = {r.base for r in translation.renderings if r.entity == finding.entity}
            for base in sorted(bases):
                if base != finding.expected:
                    labels.setdefault(
                        (finding.entity, base),
                        ("glossary", f"differs from the glossary form {finding.expected}"),
                    )
    return labels


def _translation_page(
    run: RunResult,
    translation: TranslationResult,
    file_name: str,
    anchors: Mapping[str, str],
    entity_names: Mapping[str, str],
) -> TranslationPage:
    source = run.source
    target = translation.target
    source_by_id = {s.id: s for s in source.sentences}
    target_by_id = {s.id: s for s in target.sentences}
    pairs = translation.alignment.pairs
    row_of_source: dict[int, int] = {}
    row_of_target: dict[int, int] = {}
    for index, pair in enumerate(pairs):
        for sid in pair.source_ids:
            row_of_source.setdefault(sid, index)
        for tid in pair.target_ids:
            row_of_target.setdefault(tid, index)

    def rows_for(finding: Finding, on_source: bool) -> list[int]:
        found = {row_of_source[s] for s in finding.source_ids if s in row_of_source}
        if not on_source:
            found |= {row_of_target[t] for t in finding.target_ids if t in row_of_target}
        return sorted(found)

    views = _FindingViews(f"f-{_slug(translation.lang)}", anchors, entity_names)
    page_findings: list[FindingView] = []
    row_findings: dict[int, list[FindingView]] = defaultdict(list)
    span_findings: dict[tuple[str, int], list[tuple[int, int, FindingView]]] = defaultdict(list)
    tagged = [(f, False) for f in translation.findings] + [(f, True) for f in run.source_findings]
    for finding, on_source in sorted(tagged, key=lambda item: _finding_sort_key(item[0])):
        finding_rows = rows_for(finding, on_source)
        view = views.build(
            finding, f"row-{finding_rows[0]}" if finding_rows else None, on_source
        )
        if not on_source:
            page_findings.append(view)
        for row in finding_rows:
            row_findings[row].append(view)
        for span in finding.spans:
            if on_source and span.side != "source":
                continue
            span_findings[(span.side, span.sentence_id)].append((span.start, span.end, view))

    variant_labels = _variant_labels(translation)
    renderings_by_sentence: dict[int, list[NameRendering]] = defaultdict(list)
    for rendering in translation.renderings:
        renderings_by_sentence[rendering.sentence_id].append(rendering)

    source_entities: dict[int, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for entity in run.entities:
        for sid in entity.source_ids:
            source_entities[sid].append((entity.id, entity.source_forms))

    def source_sentence(sentence: Sentence) -> SentenceView:
        issues = [
            IssueMark(start, end, view)
            for start, end, view in span_findings.get(("source", sentence.id), [])
        ]
        marks: list[NameMark] = []
        for entity_id, forms in source_entities.get(sentence.id, []):
            missing = tuple(
                view
                for view in row_findings.get(row_of_source.get(sentence.id, -1), [])
                if view.check == "names.missing"
                and view.entity_anchor == anchors.get(entity_id)
                and sentence.id in view.source_ids
            )
            marks.extend(
                NameMark(
                    start,
                    start + len(form),
                    anchors.get(entity_id),
                    entity_names.get(entity_id),
                    "missing from the translation" if missing else None,
                    "missing" if missing else None,
                    missing,
                )
                for form in sorted(forms, key=lambda f: (-len(f), f))
                for start in _occurrences(sentence.text, form)
            )
        return SentenceView(
            id=sentence.id,
            anchor=f"s-{sentence.id}",
            line=sentence.line,
            glued=sentence.glued,
            pieces=split_sentence(sentence.text, marks, issues),
        )

    def target_sentence(sentence: Sentence) -> SentenceView:
        issues = [
            IssueMark(start, end, view)
            for start, end, view in span_findings.get(("target", sentence.id), [])
        ]
        marks: list[NameMark] = []
        for rendering in renderings_by_sentence.get(sentence.id, []):
            tag, label = variant_labels.get((rendering.entity, rendering.base), (None, None))
            entity_findings = tuple(
                view
                for view in row_findings.get(row_of_target.get(sentence.id, -1), [])
                if label and view.entity_anchor == anchors.get(rendering.entity)
                and view.check in {"names.inconsistent", "names.glossary"}
            )
            marks.append(
                NameMark(
                    rendering.start,
                    rendering.end,
                    anchors.get(rendering.entity),
                    entity_names.get(rendering.entity, rendering.entity),
                    label,
                    tag,
                    entity_findings,
                )
            )
        return SentenceView(
            id=sentence.id,
            anchor=f"t-{sentence.id}",
            line=sentence.line,
            glued=sentence.glued,
            pieces=split_sentence(sentence.text, marks, issues),
        )

    segments = {segment.pair_index: segment for segment in translation.segments}
    rows: list[RowView] = []
    score_keys: set[str] = set()
    for index, pair in enumerate(pairs):
        segment = segments.get(index)
        kind = pair.kind
        icon, label, help_text = _PAIR_KINDS.get(
            kind,
            (
                "⇆",
                f"{len(pair.source_ids)}–{len(pair.target_ids)}",
                f"{len(pair.source_ids)} source sentence(s) aligned to "
                f"{len(pair.target_ids)} translation sentence(s)",
            ),
        )
        if kind.startswith("1-") and len(pair.target_ids) > 1:
            label = f"split 1–{len(pair.target_ids)}"
        elif kind.endswith("-1") and len(pair.source_ids) > 1:
            label = f"merged {len(pair.source_ids)}–1"
        scores = tuple(
            _segment_score(key, value)
            for key, value in sorted((segment.scores if segment else {}).items())
        )
        score_keys.update(s.key for s in scores)
        rows.append(
            RowView(
                index=index,
                anchor=f"row-{index}",
                kind=kind,
                kind_icon=icon,
                kind_label=label,
                kind_help=help_text,
                confidence=pair.confidence,
                source=tuple(
                    source_sentence(source_by_id[s]) for s in pair.source_ids if s in source_by_id
                ),
                target=tuple(
                    target_sentence(target_by_id[t]) for t in pair.target_ids if t in target_by_id
                ),
                backtranslation=reveal(segment.backtranslation if segment else None),
                reference=reveal(segment.reference if segment else None),
                scores=scores,
                findings=tuple(row_findings.get(index, ())),
            )
        )

    own = translation.findings
    reference_scores = tuple(
        _score_view(s)
        for s in sorted(translation.scores, key=lambda s: _metric_sort_key(s.metric))
        if s.kind == ScoreKind.REFERENCE
    )
    roundtrip_scores = tuple(
        _score_view(s)
        for s in sorted(translation.scores, key=lambda s: _metric_sort_key(s.metric))
        if s.kind == ScoreKind.ROUNDTRIP
    )
    return TranslationPage(
        file_name=file_name,
        language=language_info(translation.lang),
        source_language=language_info(source.lang),
        source_path=source.document.path,
        target_path=target.document.path,
        target_format=target.document.format,
        reference_path=translation.reference.document.path if translation.reference else None,
        rows=tuple(rows),
        findings=tuple(page_findings),
        severity_counts=_severity_counts(own),
        suppressed_count=sum(1 for f in own if f.suppressed),
        reference_scores=reference_scores,
        roundtrip_scores=roundtrip_scores,
        roundtrip_status=translation.roundtrip_status,
        has_backtranslation=any(r.backtranslation for r in rows),
        has_reference_text=any(r.reference for r in rows),
        score_keys=tuple(
            (key, _segment_score(key, 0.0).label)
            for key in sorted(score_keys, key=lambda k: (not k.startswith("reference"), k))
        ),
        alignment_method=translation.alignment.method,
        coverage=_coverage(translation),
    )


def _occurrences(text: str, needle: str) -> list[int]:
    if not needle:
        return []
    found: list[int] = []
    start = text.find(needle)
    while start != -1:
        found.append(start)
        start = text.find(needle, start + len(needle))
    return found


def _coverage(translation: TranslationResult) -> float | None:
    # A translation with no source sentences has nothing to cover: show no share.
    return translation.coverage if translation.alignment.pairs else None


def _gate_view(run: RunResult, pages: Mapping[str, str]) -> GateView | None:
    gate = run.gate
    if gate is None:
        return None
    checks = []
    for check in sorted(
        gate.checks, key=lambda c: (-_GATE_RANK.get(c.status, 0), c.lang, c.name)
    ):
        page = pages.get(check.lang)
        checks.append(
            GateCheckView(
                lang=check.lang,
                name=check.name,
                status=check.status.value,
                icon=GATE_ICON.get(check.status, "•"),
                message=check.message,
                value="" if check.value is None else f"{check.value:.4g}",
                threshold="" if check.threshold is None else f"{check.threshold:.4g}",
                p_value="" if check.p_value is None else f"{check.p_value:.3g}",
                row_links=tuple((tid, f"{page}#t-{tid}") for tid in check.target_ids)
                if page
                else (),
            )
        )
    return GateView(passed=gate.passed, config=gate.config, baseline=gate.baseline, checks=tuple(checks))


def _gate_status(run: RunResult, lang: str) -> tuple[str | None, str]:
    if run.gate is None:
        return None, ""
    statuses = [c.status for c in run.gate.checks if c.lang == lang]
    if not statuses:
        return "no checks", "–"
    worst = max(statuses, key=lambda s: _GATE_RANK.get(s, 0))
    return worst.value, GATE_ICON.get(worst, "•")


# --------------------------------------------------------------------------- names
def _entity_rows(
    run: RunResult, pages: Mapping[int, str], anchors: Mapping[str, str], names: Mapping[str, str]
) -> tuple[EntityRow, ...]:
    views = _FindingViews("nf", anchors, names)
    labels_of = [_variant_labels(t) for t in run.translations]
    rows: list[EntityRow] = []
    for entity in run.entities:
        cells: list[NameCell] = []
        source_findings = tuple(
            views.build(f, None, on_source=True)
            for f in sorted(run.source_findings, key=_finding_sort_key)
            if f.entity == entity.id and not f.suppressed
        )
        problems = len(source_findings)
        for position, translation in enumerate(run.translations):
            page = pages[position]
            labels = labels_of[position]
            findings = [
                f for f in translation.findings if f.entity == entity.id and not f.suppressed
            ]
            by_base: dict[str, list[NameRendering]] = defaultdict(list)
            for rendering in translation.renderings:
                if rendering.entity == entity.id:
                    by_base[rendering.base].append(rendering)
            variants = tuple(
                NameVariantView(
                    base=base,
                    count=len(found),
                    surfaces=tuple(sorted({r.surface for r in found})),
                    href=f"{page}#t-{min(r.sentence_id for r in found)}",
                    tag=labels.get((entity.id, base), (None, ""))[0],
                )
                for base, found in sorted(
                    by_base.items(),
                    key=lambda kv: (-len(kv[1]), min(r.sentence_id for r in kv[1]), kv[0]),
                )
            )
            glossary = next(
                (f.expected for f in findings if f.check == "names.glossary" and f.expected), None
            )
            cell = NameCell(
                lang=translation.lang,
                variants=variants,
                missing=any(f.check == "names.missing" for f in findings),
                inconsistent=any(f.check == "names.inconsistent" for f in findings),
                glossary=glossary,
                glossary_mismatch=glossary is not None,
                flags=tuple(
                    (views.build(f, None), _cell_label(f, len(variants)))
                    for f in sorted(findings, key=_finding_sort_key)
                ),
            )
            problems += len(cell.flags)
            cells.append(cell)
        rows.append(
            EntityRow(
                id=entity.id,
                anchor=anchors[entity.id],
                canonical=entity.canonical,
                source_forms=entity.source_forms,
                source_count=len(entity.source_ids),
                from_glossary=entity.from_glossary,
                source_findings=source_findings,
                cells=tuple(cells),
                problem_count=problems,
            )
        )
    return tuple(rows)


def _cell_label(finding: Finding, variant_count: int) -> str:
    if finding.check == "names.missing":
        return "missing"
    if finding.check == "names.inconsistent":
        return f"{variant_count} variants"
    if finding.check == "names.glossary" and finding.expected:
        return f"glossary: {finding.expected}"
    return _check_title(finding.check)


# --------------------------------------------------------------------------- run
def build_view(run: RunResult) -> RunView:
    """Reshape a run into everything the templates show."""
    pages = page_names(run)
    anchors = entity_anchors(run)
    names = {e.id: e.canonical for e in run.entities}
    lang_pages = {t.lang: pages[i] for i, t in enumerate(run.translations)}

    translation_pages = tuple(
        _translation_page(run, t, pages[i], anchors, names)
        for i, t in enumerate(run.translations)
    )
    language_rows: list[LanguageRow] = []
    reference_metrics: set[str] = set()
    roundtrip_metrics: set[str] = set()
    checks_seen: set[str] = set()
    for position, translation in enumerate(run.translations):
        reference = {
            s.metric: _score_view(s) for s in translation.scores if s.kind == ScoreKind.REFERENCE
        }
        roundtrip = {
            s.metric: _score_view(s) for s in translation.scores if s.kind == ScoreKind.ROUNDTRIP
        }
        reference_metrics.update(reference)
        roundtrip_metrics.update(roundtrip)
        active = [f for f in translation.findings if not f.suppressed]
        checks_seen.update(f.check for f in active)
        gate_status, gate_icon = _gate_status(run, translation.lang)
        language_rows.append(
            LanguageRow(
                language=language_info(translation.lang),
                page=pages[position],
                reference=reference,
                roundtrip=roundtrip,
                roundtrip_status=translation.roundtrip_status.partition(": ")[0],
                roundtrip_reason=translation.roundtrip_status.partition(": ")[2],
                coverage=_coverage(translation),
                severity_counts=_severity_counts(translation.findings),
                total_findings=len(active),
                suppressed_count=len(translation.findings) - len(active),
                check_counts=dict(Counter(f.check for f in active)),
                gate_status=gate_status,
                gate_icon=gate_icon,
            )
        )
    checks_seen.update(f.check for f in run.source_findings if not f.suppressed)
    ordered_checks = [c for c in CHECKS if c in checks_seen] + sorted(checks_seen - set(CHECKS))
    source_views = _FindingViews("sf", anchors, names)
    entities = _entity_rows(run, pages, anchors, names)
    signature = run.signature
    return RunView(
        document_id=run.document_id,
        source_path=run.source.document.path,
        source_language=language_info(run.source.lang),
        source_sentences=len(run.source.sentences),
        languages=tuple(language_rows),
        reference_metrics=tuple(sorted(reference_metrics, key=_metric_sort_key)),
        roundtrip_metrics=tuple(sorted(roundtrip_metrics, key=_metric_sort_key)),
        has_coverage=any(r.coverage is not None for r in language_rows),
        checks_seen=tuple(
            (
                c,
                _check_title(c),
                CHECKS[c].severity.value if c in CHECKS else "",
            )
            for c in ordered_checks
        ),
        source_check_counts=dict(
            Counter(f.check for f in run.source_findings if not f.suppressed)
        ),
        source_findings=tuple(
            source_views.build(f, None, on_source=True)
            for f in sorted(run.source_findings, key=_finding_sort_key)
        ),
        gate=_gate_view(run, lang_pages),
        signature=SignatureView(
            mtcheck_version=signature.mtcheck_version,
            config=signature.config,
            segmenter=signature.segmenter,
            aligner=signature.aligner,
            created=signature.created,
            models=tuple(sorted(signature.models.items())),
            scorers=tuple(sorted(signature.scorers.items())),
        ),
        score_chart=score_chart(language_rows),
        findings_chart=findings_chart(language_rows),
        translations=translation_pages,
        entities=entities,
        name_problem_count=sum(e.problem_count for e in entities),
        pages=lang_pages,
    )
